/*
 * One libpq connection per process (a Kore worker, or portalctl).
 * A synchronous query blocks only this worker; the statements are short
 * and indexed, so this is measured rather than avoided (README, benchmarks).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"

#define DB_VARARGS_MAX	32	/* parameters db_q() and db_qd() take */

static void	 log_stderr(const char *);
static PGresult	*run(const struct stmt_def *, const char *const *,
		    const int *, const int *, int);
static int	 lost(void);
static int	 reads_only(const char *);
static int	 set_relaxed(int);
static PGresult	*succeeded(PGresult *);
static int	 too_many(const struct stmt_def *);

static PGconn	*conn;
static char	*conninfo_saved;
static int	 unavailable;
static int	 in_tx;
static int	 relaxed_now;	/* the connection's synchronous_commit is off */

/*
 * Statements are prepared on first use on each connection, so a page's
 * queries are planned once per worker, not once per request.
 */
#define PREPARED_MAX	256
static const struct stmt_def	*prepared[PREPARED_MAX];
static int			 nprepared;

static int	prepare(const struct stmt_def *, char *, size_t);
static char	 sqlstate[6];
static void	(*logger)(const char *) = log_stderr;

static void
log_stderr(const char *msg)
{
	fprintf(stderr, "db: %s\n", msg);
}

void
db_set_logger(void (*fn)(const char *))
{
	logger = fn != NULL ? fn : log_stderr;
}

int
db_open(const char *conninfo)
{
	char	*copy;

	if (conninfo != conninfo_saved) {
		if ((copy = strdup(conninfo)) == NULL)
			return (-1);
		free(conninfo_saved);
		conninfo_saved = copy;
	}
	if (conn != NULL)
		PQfinish(conn);
	in_tx = 0;
	relaxed_now = 0;
	nprepared = 0;
	conn = PQconnectdb(conninfo_saved);
	if (PQstatus(conn) != CONNECTION_OK) {
		logger("cannot connect to the database");
		PQfinish(conn);
		conn = NULL;
		unavailable = 1;
		return (-1);
	}
	unavailable = 0;
	return (0);
}

void
db_close(void)
{
	if (conn != NULL)
		PQfinish(conn);
	conn = NULL;
}

/* True when the last failure was the connection, not the statement. */
static int
lost(void)
{
	return (conn == NULL || PQstatus(conn) != CONNECTION_OK);
}

/*
 * A plain SELECT writes nothing, so synchronous_commit does not matter to
 * it and is left as it is: a page's reads between a relaxed session touch
 * and a relaxed read-audit then cost no SET round trips.
 */
static int
reads_only(const char *sql)
{
	return (strncmp(sql, "SELECT ", 7) == 0 && strstr(sql, "INSERT") == NULL &&
	    strstr(sql, "UPDATE") == NULL && strstr(sql, "DELETE") == NULL);
}

/* Switches the connection's synchronous_commit; 0 once it is as wanted. */
static int
set_relaxed(int want)
{
	PGresult	*res;

	if (want == relaxed_now)
		return (0);
	res = PQexec(conn, want ? "SET synchronous_commit TO off" :
	    "SET synchronous_commit TO on");
	if (PQresultStatus(res) == PGRES_COMMAND_OK)
		relaxed_now = want;
	PQclear(res);
	return (want == relaxed_now ? 0 : -1);
}

/*
 * res if its statement succeeded; else NULL, with its SQLSTATE kept. A
 * statement a pipeline skipped after an earlier one failed keeps that
 * one's SQLSTATE.
 */
static PGresult *
succeeded(PGresult *res)
{
	ExecStatusType	 st = PQresultStatus(res);
	const char	*state;

	if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)
		return (res);
	if (st != PGRES_PIPELINE_ABORTED) {
		state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
		(void)snprintf(sqlstate, sizeof(sqlstate), "%s",
		    state ? state : "");
	}
	PQclear(res);
	return (NULL);
}

static PGresult *
run(const struct stmt_def *sd, const char *const *params, const int *lens,
    const int *fmts, int binary)
{
	PGresult	*res;
	char		 name[16];

	if (sd->relaxed != relaxed_now && !in_tx && !reads_only(sd->text))
		(void)set_relaxed(sd->relaxed);
	if (prepare(sd, name, sizeof(name)) == 0)
		res = PQexecPrepared(conn, name, sd->nparams, params, lens, fmts,
		    binary);
	else
		res = PQexecParams(conn, sd->text, sd->nparams, NULL,
		    params, lens, fmts, binary);
	return (succeeded(res));
}

/* The statement's name on this connection, preparing it if needed. 0 ok. */
static int
prepare(const struct stmt_def *sd, char *name, size_t len)
{
	PGresult	*res;
	int		 i, ok;

	for (i = 0; i < nprepared; i++)
		if (prepared[i] == sd) {
			(void)snprintf(name, len, "s%d", i);
			return (0);
		}
	if (nprepared == PREPARED_MAX)
		return (-1);
	(void)snprintf(name, len, "s%d", nprepared);
	res = PQprepare(conn, name, sd->text, sd->nparams, NULL);
	ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	PQclear(res);
	if (!ok)
		return (-1);
	prepared[nprepared++] = sd;
	return (0);
}

PGresult *
db_qv(enum stmt id, const char *const *params)
{
	return (db_qx(id, params, NULL, NULL, 0));
}

PGresult *
db_qx(enum stmt id, const char *const *params, const int *lens,
    const int *fmts, int binary)
{
	return (db_qdx(&stmts[id], params, lens, fmts, binary));
}

PGresult *
db_qdx(const struct stmt_def *sd, const char *const *params, const int *lens,
    const int *fmts, int binary)
{
	PGresult	*res;
	char		 msg[128];

	sqlstate[0] = '\0';
	if (conn == NULL && (conninfo_saved == NULL ||
	    db_open(conninfo_saved) == -1))
		return (NULL);
	if ((res = run(sd, params, lens, fmts, binary)) != NULL) {
		unavailable = 0;
		return (res);
	}
	if (lost() && !in_tx) {
		if (db_open(conninfo_saved) == -1)
			return (NULL);
		if ((res = run(sd, params, lens, fmts, binary)) != NULL)
			return (res);
	}
	unavailable = lost();
	(void)snprintf(msg, sizeof(msg), "statement failed (sqlstate %s): %.60s",
	    sqlstate, sd->text);
	logger(msg);
	return (NULL);
}

/*
 * db_q() and db_qd() take at most DB_VARARGS_MAX parameters; a statement
 * with more goes through db_qdx() with an array. Calling them with more is
 * a programming error: it is logged (it once failed silently) and answers
 * NULL, as a failed statement does.
 */
static int
too_many(const struct stmt_def *sd)
{
	char	msg[128];

	if (sd->nparams <= DB_VARARGS_MAX)
		return (0);
	(void)snprintf(msg, sizeof(msg), "statement has %d parameters, more "
	    "than db_q() takes (use db_qdx()): %.40s", sd->nparams, sd->text);
	logger(msg);
	return (1);
}

PGresult *
db_q(enum stmt id, ...)
{
	const char	*params[DB_VARARGS_MAX];
	va_list		 ap;
	int		 i;

	if (too_many(&stmts[id]))
		return (NULL);
	va_start(ap, id);
	for (i = 0; i < stmts[id].nparams; i++)
		params[i] = va_arg(ap, const char *);
	va_end(ap);
	return (db_qv(id, params));
}

PGresult *
db_qd(const struct stmt_def *sd, ...)
{
	const char	*params[DB_VARARGS_MAX];
	va_list		 ap;
	int		 i;

	if (too_many(sd))
		return (NULL);
	va_start(ap, sd);
	for (i = 0; i < sd->nparams; i++)
		params[i] = va_arg(ap, const char *);
	va_end(ap);
	return (db_qdx(sd, params, NULL, NULL, 0));
}

/* Reads the one result of a statement sent in pipeline mode (and the
 * NULL that ends it): the result, or NULL if it failed. */
static PGresult *
pipeline_result(void)
{
	PGresult	*res, *end;

	if ((res = PQgetResult(conn)) == NULL)
		return (NULL);
	if ((end = PQgetResult(conn)) != NULL) {
		PQclear(end);
		PQclear(res);
		return (NULL);
	}
	return (succeeded(res));
}

PGresult *
db_pair(const struct stmt_def *a, const char *const *pa,
    const struct stmt_def *b, const char *const *pb, PGresult **second)
{
	PGresult	*ra = NULL, *rb = NULL, *sync;
	char		 na[16], nb[16], msg[128];
	int		 relaxed, sent, synced = 0;

	*second = NULL;
	sqlstate[0] = '\0';
	if (conn == NULL && (conninfo_saved == NULL ||
	    db_open(conninfo_saved) == -1))
		return (NULL);
	if (in_tx || prepare(a, na, sizeof(na)) != 0 ||
	    prepare(b, nb, sizeof(nb)) != 0)
		goto apart;
	/* Both commit together: relaxed only if each may be. */
	relaxed = (a->relaxed || reads_only(a->text)) &&
	    (b->relaxed || reads_only(b->text));
	if (set_relaxed(relaxed) == -1 || PQenterPipelineMode(conn) != 1)
		goto apart;
	sent = PQsendQueryPrepared(conn, na, a->nparams, pa, NULL, NULL, 0) == 1 &&
	    PQsendQueryPrepared(conn, nb, b->nparams, pb, NULL, NULL, 0) == 1 &&
	    PQpipelineSync(conn) == 1;
	if (sent) {
		ra = pipeline_result();
		rb = pipeline_result();
		if ((sync = PQgetResult(conn)) != NULL) {
			synced = PQresultStatus(sync) == PGRES_PIPELINE_SYNC;
			PQclear(sync);
		}
	}
	if (sent && synced && PQexitPipelineMode(conn) == 1) {
		unavailable = 0;
		*second = rb;
		if (ra == NULL || rb == NULL) {
			(void)snprintf(msg, sizeof(msg), "statement failed "
			    "(sqlstate %s): %.60s", sqlstate,
			    ra == NULL ? a->text : b->text);
			logger(msg);
		}
		return (ra);
	}
	/* The connection failed under the pipeline, or is in a state it
	 * cannot be trusted in: a new one, and the two apart. */
	PQclear(ra);
	PQclear(rb);
	if (db_open(conninfo_saved) == -1)
		return (NULL);
apart:
	if ((ra = db_qdx(a, pa, NULL, NULL, 0)) != NULL)
		*second = db_qdx(b, pb, NULL, NULL, 0);
	return (ra);
}

int
db_unavailable(void)
{
	return (unavailable);
}

const char *
db_sqlstate(void)
{
	return (sqlstate);
}

static int
simple(const char *sql)
{
	PGresult	*res;
	int		 ok;

	if (conn == NULL && (conninfo_saved == NULL ||
	    db_open(conninfo_saved) == -1))
		return (-1);
	res = PQexec(conn, sql);
	ok = PQresultStatus(res) == PGRES_COMMAND_OK;
	PQclear(res);
	if (!ok)
		unavailable = lost();
	return (ok ? 0 : -1);
}

int
db_begin(void)
{
	/* A transaction is always committed durably. */
	if (conn != NULL)
		(void)set_relaxed(0);
	if (simple("BEGIN") == -1) {
		/* A dead connection is found here, before any work. */
		if (!lost() || conninfo_saved == NULL ||
		    db_open(conninfo_saved) == -1 || simple("BEGIN") == -1)
			return (-1);
	}
	in_tx = 1;
	return (0);
}

int
db_commit(void)
{
	in_tx = 0;
	return (simple("COMMIT"));
}

/* Always leaves the connection outside a transaction (or closed). */
void
db_rollback(void)
{
	in_tx = 0;
	if (conn != NULL && simple("ROLLBACK") == -1)
		db_close();
}

const char *
db_val(const PGresult *res, int row, int col)
{
	if (res == NULL || row >= PQntuples(res) || col >= PQnfields(res) ||
	    PQgetisnull(res, row, col))
		return ("");
	return (PQgetvalue(res, row, col));
}

int
db_rows(const PGresult *res)
{
	return (res == NULL ? 0 : PQntuples(res));
}
