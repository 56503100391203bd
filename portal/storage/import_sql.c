/*
 * import_sql — see import_sql.h.  No Kore headers.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_rows.h"
#include "import_sql.h"
#include "sen2.h"

const struct stmt_def import_stmts[IS__MAX] = {
	/* IS_COUNCIL: $1 council's name → its id; no row if no such council. */
	[IS_COUNCIL] = { "SELECT id FROM organisations WHERE name = $1 "
	    "AND kind = 'local_authority'", 1 },
	/*
	 * IS_SYSTEM_ACCOUNT: $1 council → the id of its "Not assigned
	 * (imported)" account, made the first time: a disabled caseworker
	 * account no one can sign in to (no password hash verifies '!'),
	 * holding imported cases until a manager assigns them, and named on
	 * what portalctl imports.
	 */
	[IS_SYSTEM_ACCOUNT] = { "INSERT INTO accounts (organisation_id, role, "
	    "email, display_name, job_title, password_hash, disabled) "
	    "VALUES ($1::bigint, 'caseworker', 'import+' || $1::bigint || '@portal.invalid', "
	    "'Not assigned (imported)', 'Case import', '!', true) "
	    "ON CONFLICT (email) DO UPDATE SET disabled = true RETURNING id", 1 },
	/*
	 * IS_UNKNOWN_PROVIDER: $1 council → the organisation imported advice
	 * is recorded against (the sheet names no service), made the first
	 * time: kind 'other', on no council's provider list, so no one can
	 * send it a new request; named after the council (names are unique).
	 */
	[IS_UNKNOWN_PROVIDER] = { "INSERT INTO organisations (kind, name, "
	    "advice_kinds) SELECT 'other', left('" IMP_UNKNOWN_PROVIDER
	    ": ' || c.name, 200), ARRAY['educational', 'medical', "
	    "'psychological', 'social_care', 'other', 'preparing_for_adulthood'] "
	    "FROM organisations c WHERE c.id = $1 "
	    "ON CONFLICT (kind, name) DO UPDATE SET kind = 'other' RETURNING id", 1 },
	/* IS_CASEWORKER: $1 council, $2 email → the id of an enabled
	 * caseworker or manager of that council. */
	[IS_CASEWORKER] = { "SELECT id FROM accounts WHERE organisation_id = $1 "
	    "AND email = lower($2) AND role IN ('caseworker', 'manager') "
	    "AND NOT disabled", 2 },
	/* IS_REF_TAKEN: $1 references (a text[] literal), $2 council → the
	 * references already in the portal, and whether each is this
	 * council's (references are unique across the portal). */
	[IS_REF_TAKEN] = { "SELECT reference, council_id = $2 FROM assessments "
	    "WHERE reference = ANY ($1::text[])", 2 },
	/*
	 * The writes, a batch of rows at a time (text[] literals, one
	 * element per row, NULL for none), each returning how many it wrote.
	 * IS_ASSESSMENT: $1 council, $2 caseworker, $3 references, $4 given
	 * names, $5 family names, $6 born, $7 received, $8 closed on.
	 */
	[IS_ASSESSMENT] = { "WITH w AS (INSERT INTO assessments (council_id, "
	    "reference, child_given_name, child_family_name, date_of_birth, "
	    "request_received, caseworker_id, closed_on, source) "
	    "SELECT $1, u.r, u.g, u.f, u.b::date, u.rc::date, $2, u.c::date, "
	    "'import' FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], "
	    "$7::text[], $8::text[]) AS u(r, g, f, b, rc, c) RETURNING 1) "
	    "SELECT count(*) FROM w", 8 },
	/*
	 * IS_DECISION: $1 council, $2 recorded by, $3 references, $4 kinds,
	 * $5 outcomes, $6 decided on, $7 due on.  A draft's comments are due
	 * 14 days later, as on the decision page; an imported issue is plan
	 * version 1.
	 */
	[IS_DECISION] = { "WITH w AS (INSERT INTO assessment_decisions "
	    "(council_id, assessment_id, kind, outcome, decided_on, due_on, "
	    "comments_due, plan_version, recorded_by) "
	    "SELECT $1, a.id, u.k, u.o, u.d::date, u.due::date, "
	    "CASE WHEN u.k = 'draft_issued' THEN u.d::date + 14 END, "
	    "CASE WHEN u.k IN ('draft_issued', 'final_issued') THEN 1 END, $2 "
	    "FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], "
	    "$7::text[]) AS u(r, k, o, d, due) "
	    "JOIN assessments a ON a.reference = u.r AND a.council_id = $1 "
	    "RETURNING 1) SELECT count(*) FROM w", 7 },
	/* IS_EXCEPTION: $1 council, $2 recorded by, $3 references, $4 kinds,
	 * $5 from, $6 to, $7 reasons. */
	[IS_EXCEPTION] = { "WITH w AS (INSERT INTO exceptions (assessment_id, "
	    "kind, starts_on, ends_on, reason, recorded_by) "
	    "SELECT a.id, u.k, u.f::date, u.t::date, u.why, $2 "
	    "FROM unnest($3::text[], $4::text[], $5::text[], $6::text[], "
	    "$7::text[]) AS u(r, k, f, t, why) "
	    "JOIN assessments a ON a.reference = u.r AND a.council_id = $1 "
	    "RETURNING 1) SELECT count(*) FROM w", 7 },
	/*
	 * IS_ADVICE: $1 council, $2 created by, $3 organisation, $4
	 * references, $5 kinds, $6 requested, $7 statuses, $8 received.
	 * The kind's standard template, version 1; due 6 weeks later.  Advice
	 * received is also its version 1, accepted, submitted at noon (London)
	 * that day, with no answers (the sheet holds none): whatever reads
	 * live advice's arrival (its first version submitted) reads imported
	 * advice the same way.
	 */
	[IS_ADVICE] = { "WITH w AS (INSERT INTO advice_requests (assessment_id, "
	    "kind, organisation_id, template_id, template_version, requested_on, "
	    "due_on, status, received_on, created_by) "
	    "SELECT a.id, u.k, $3, u.k, 1, u.rq::date, u.rq::date + 42, u.st, "
	    "u.rc::date, $2 FROM unnest($4::text[], $5::text[], $6::text[], "
	    "$7::text[], $8::text[]) AS u(r, k, rq, st, rc) "
	    "JOIN assessments a ON a.reference = u.r AND a.council_id = $1 "
	    "RETURNING id, kind, received_on), "
	    "v AS (INSERT INTO advice (request_id, version, template_id, "
	    "template_version, status, author_id, submitted_at, reviewed_by, "
	    "reviewed_at) SELECT w.id, 1, w.kind, 1, 'accepted', $2, "
	    "(w.received_on + time '12:00') AT TIME ZONE 'Europe/London', $2, "
	    "(w.received_on + time '12:00') AT TIME ZONE 'Europe/London' "
	    "FROM w WHERE w.received_on IS NOT NULL RETURNING 1) "
	    "SELECT count(*) FROM w", 8 },
	/*
	 * IS_SEN2: $1 council, $2 year → the assessments in the year's
	 * extract (sen2.h): a request received in the year, a decision
	 * made in it, or still open at its start; by reference.
	 */
	[IS_SEN2] = { "SELECT a.reference, a.child_family_name, "
	    "a.child_given_name, a.date_of_birth::text, a.upn, "
	    "a.request_received::text, "
	    "coalesce(d1.outcome, ''), coalesce(d1.decided_on::text, ''), "
	    "coalesce(d2.outcome, ''), coalesce(d2.decided_on::text, ''), "
	    "coalesce(d4.decided_on::text, ''), "
	    "EXISTS (SELECT 1 FROM exceptions x WHERE x.assessment_id = a.id), "
	    "coalesce(a.closed_on::text, '') "
	    "FROM assessments a "
	    "LEFT JOIN assessment_decisions d1 ON d1.assessment_id = a.id "
	    "AND d1.kind = 'decision_to_assess' "
	    "LEFT JOIN assessment_decisions d2 ON d2.assessment_id = a.id "
	    "AND d2.kind = 'plan_decision' "
	    "LEFT JOIN assessment_decisions d4 ON d4.assessment_id = a.id "
	    "AND d4.kind = 'final_issued' "
	    "WHERE a.council_id = $1 "
	    "AND a.request_received <= make_date($2::int, 12, 31) "
	    "AND (a.request_received >= make_date($2::int, 1, 1) "
	    "OR EXISTS (SELECT 1 FROM assessment_decisions d WHERE "
	    "d.assessment_id = a.id AND extract(year FROM d.decided_on) = $2::int) "
	    "OR ((d4.decided_on IS NULL OR d4.decided_on >= make_date($2::int, 1, 1)) "
	    "AND (a.closed_on IS NULL OR a.closed_on >= make_date($2::int, 1, 1)))) "
	    "ORDER BY a.reference", 2 },
	/*
	 * IS_UPLOAD_SAVE: $1 council, $2 account, $3 the file, $4 its rows →
	 * the id of the previewed file kept for the confirmation.  Files
	 * older than an hour (never confirmed) are deleted first.
	 */
	[IS_UPLOAD_SAVE] = { "WITH old AS (DELETE FROM import_uploads "
	    "WHERE created_at < now() - interval '1 hour') "
	    "INSERT INTO import_uploads (council_id, account_id, content, rows) "
	    "VALUES ($1, $2, $3, $4) RETURNING id", 4 },
	/* IS_UPLOAD_GET: $1 id, $2 council, $3 account → the file and its
	 * rows, if it is theirs and under an hour old. */
	[IS_UPLOAD_GET] = { "SELECT content, rows FROM import_uploads "
	    "WHERE id = $1 AND council_id = $2 AND account_id = $3 "
	    "AND created_at >= now() - interval '1 hour'", 3 },
	/* IS_UPLOAD_DELETE: $1 id → the file gone (imported or refused). */
	[IS_UPLOAD_DELETE] = { "DELETE FROM import_uploads WHERE id = $1", 1 },
};

void
import_error_line(struct sbuf *b, const struct imp_error *e)
{
	if (e->column[0] != '\0')
		sbuf_printf(b, "line %zu, column %s: %s", e->line, e->column,
		    e->reason);
	else
		sbuf_printf(b, "line %zu: %s", e->line, e->reason);
}

/* The shared rules (import_rows.h); the database is asked after. */
static int
check_row(void *arg, const struct imp_row *r, char *col, size_t clen,
    char *reason, size_t rlen)
{
	const struct import_job	*job = arg;

	return (imp_row_validate(r, job->today, col, clen, reason, rlen));
}

/* A reference as an element of a PostgreSQL array literal. */
static void
array_elem(struct sbuf *b, const char *s, int first)
{
	sbuf_puts(b, first ? "\"" : ",\"");
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			sbuf_append(b, "\\", 1);
		sbuf_append(b, s, 1);
	}
	sbuf_append(b, "\"", 1);
}

static int
error_order(const void *a, const void *b)
{
	const struct imp_error	*x = a, *y = b;

	if (x->line != y->line)
		return (x->line < y->line ? -1 : 1);
	return (strcmp(x->column, y->column));
}

#define REF_BATCH	1000

/*
 * "A reference already in the portal is a bad row": one query per
 * REF_BATCH good rows.  Adds an error per taken reference, in line
 * order with the others; 0, or -1 if the database failed.
 */
static int
refs_taken(const struct import_job *job, struct imp_result *res)
{
	PGresult		*q;
	struct sbuf		 lit;
	struct imp_error	*grown, *e;
	size_t			 i, j, k, n;
	int			 row;

	for (i = 0; i < res->n; i += REF_BATCH) {
		sbuf_init(&lit);
		sbuf_puts(&lit, "{");
		for (j = i; j < res->n && j < i + REF_BATCH; j++)
			array_elem(&lit, res->row[j].reference, j == i);
		sbuf_puts(&lit, "}");
		if (lit.oom) {
			sbuf_free(&lit);
			return (-1);
		}
		q = db_qd(&import_stmts[IS_REF_TAKEN], lit.data, job->council);
		sbuf_free(&lit);
		if (q == NULL)
			return (-1);
		n = (size_t)db_rows(q);
		if (n > 0 && res->n_err + n <= IMP_MAX_ERRORS) {
			grown = realloc(res->err, (res->n_err + n) *
			    sizeof(*grown));
			if (grown == NULL) {
				PQclear(q);
				return (-1);
			}
			res->err = grown;
		} else if (n > 0)
			res->truncated = 1;
		for (row = 0; row < (int)n && res->n_err < IMP_MAX_ERRORS &&
		    !res->truncated; row++) {
			for (k = i; k < j; k++)
				if (strcmp(res->row[k].reference,
				    db_val(q, row, 0)) == 0)
					break;
			e = &res->err[res->n_err++];
			e->line = k < j ? res->row[k].line : 0;
			snprintf(e->column, sizeof(e->column), "%s",
			    imp_col_name(IMP_REFERENCE));
			/* Another council's: say only that it is taken. */
			snprintf(e->reason, sizeof(e->reason), "%s",
			    db_val(q, row, 1)[0] == 't' ? "is already in the "
			    "portal: a case with this reference was imported "
			    "or recorded before" : "is already used in the "
			    "portal: give the case another reference");
		}
		PQclear(q);
	}
	if (res->n_err > 1)
		qsort(res->err, res->n_err, sizeof(*res->err), error_order);
	return (0);
}

static int
q_ok(PGresult *res)
{
	int	ok = res != NULL;

	PQclear(res);
	return (ok);
}

/* text[] literals being built, one per column of a batched write. */
#define BATCH_COLS	6
struct batch {
	struct sbuf	col[BATCH_COLS];
	size_t		n;		/* elements in each */
};

static void
batch_init(struct batch *b)
{
	size_t	i;

	for (i = 0; i < BATCH_COLS; i++) {
		sbuf_init(&b->col[i]);
		sbuf_puts(&b->col[i], "{");
	}
	b->n = 0;
}

static void
batch_free(struct batch *b)
{
	size_t	i;

	for (i = 0; i < BATCH_COLS; i++)
		sbuf_free(&b->col[i]);
}

/* One element per column (NULL: SQL NULL), as a row of the batch. */
static void
batch_add(struct batch *b, size_t ncols, const char *const *v)
{
	size_t	i;

	for (i = 0; i < ncols; i++) {
		if (v[i] == NULL)
			sbuf_puts(&b->col[i], b->n ? ",NULL" : "NULL");
		else
			array_elem(&b->col[i], v[i], b->n == 0);
	}
	b->n++;
}

/* Closes the literals, runs the statement with the fixed parameters
 * first and the columns after: 0 if it wrote one row per element. */
static int
batch_run(struct batch *b, enum import_stmt st, size_t nfixed,
    const char *const *fixed, size_t ncols)
{
	const char	*p[16];
	PGresult	*q;
	size_t		 i;
	int		 ok;

	if (b->n == 0)
		return (0);
	for (i = 0; i < ncols; i++) {
		sbuf_puts(&b->col[i], "}");
		if (b->col[i].oom)
			return (-1);
	}
	for (i = 0; i < nfixed; i++)
		p[i] = fixed[i];
	for (i = 0; i < ncols; i++)
		p[nfixed + i] = b->col[i].data;
	if ((q = db_qdx(&import_stmts[st], p, NULL, NULL, 0)) == NULL)
		return (-1);
	ok = db_rows(q) == 1 && strtoul(db_val(q, 0, 0), NULL, 10) == b->n;
	PQclear(q);
	return (ok ? 0 : -1);
}

/*
 * Rows [from, to) of res: their assessments, then their decisions,
 * exceptions and advice requests, one statement each.  0, or -1.
 */
static int
write_rows(const struct imp_result *res, size_t from, size_t to,
    const char *council, const char *cw, const char *by, const char *org)
{
	struct batch		 as, dec, exc, adv;
	struct imp_record	 rec;
	const char		*v[BATCH_COLS];
	const char		*f2[2] = { council, cw }, *f3[3] = { council, by, org };
	size_t			 i, k;
	int			 rc = -1;

	batch_init(&as);
	batch_init(&dec);
	batch_init(&exc);
	batch_init(&adv);
	for (i = from; i < to; i++) {
		const struct imp_row	*r = &res->row[i];

		if (imp_row_record(r, &rec) == -1)
			goto done;
		v[0] = r->reference;
		v[1] = r->given_name;
		v[2] = r->family_name;
		v[3] = r->date_of_birth;
		v[4] = r->request_received;
		v[5] = rec.closed_on[0] ? rec.closed_on : NULL;
		batch_add(&as, 6, v);
		for (k = 0; k < rec.n_dec; k++) {
			v[1] = dec_kind_id(rec.dec[k].kind);
			v[2] = rec.dec[k].outcome;
			v[3] = rec.dec[k].on;
			v[4] = rec.dec[k].due;
			batch_add(&dec, 5, v);
		}
		if (rec.has_exception) {
			v[1] = rec.exc_kind;
			v[2] = rec.exc_from;
			v[3] = rec.exc_to;
			v[4] = r->exception_reason;
			batch_add(&exc, 5, v);
		}
		for (k = 0; k < rec.n_adv; k++) {
			v[1] = rec.adv[k].kind;
			v[2] = rec.adv[k].requested;
			v[3] = rec.adv[k].status;
			v[4] = rec.adv[k].received[0] ? rec.adv[k].received : NULL;
			batch_add(&adv, 5, v);
		}
	}
	if (batch_run(&as, IS_ASSESSMENT, 2, f2, 6) == -1 ||
	    batch_run(&dec, IS_DECISION, 2, f3, 5) == -1 ||
	    batch_run(&exc, IS_EXCEPTION, 2, f3, 5) == -1 ||
	    batch_run(&adv, IS_ADVICE, 3, f3, 5) == -1)
		goto done;
	rc = 0;
done:
	batch_free(&as);
	batch_free(&dec);
	batch_free(&exc);
	batch_free(&adv);
	return (rc);
}

/* The id of the first column of a one-row result into out: 0, or -1. */
static int
one_id(PGresult *res, char out[24])
{
	int	rc = -1;

	if (res != NULL && db_rows(res) == 1) {
		snprintf(out, 24, "%s", db_val(res, 0, 0));
		rc = 0;
	}
	PQclear(res);
	return (rc);
}

int
import_cases(const struct import_job *job, const char *buf, size_t len,
    struct imp_result *res)
{
	struct imp_options	 o;
	char			 sys[24], org[24], detail[128];
	const char		*cw, *by;
	size_t			 i;
	int			 rc;

	memset(&o, 0, sizeof(o));
	o.today = job->today;
	o.validate = check_row;
	o.arg = (void *)(uintptr_t)job;
	if ((rc = imp_parse(buf, len, &o, res)) == -1)
		return (-1);
	/* A header refused: no rows to look up. */
	if (res->n > 0 && refs_taken(job, res) == -1)
		return (-1);
	if (rc != 0 || res->n_err > 0 || res->truncated)
		return (1);
	if (job->dry_run)
		return (0);

	if (db_begin() == -1)
		return (-1);
	if (one_id(db_qd(&import_stmts[IS_SYSTEM_ACCOUNT], job->council),
	    sys) == -1 || one_id(db_qd(&import_stmts[IS_UNKNOWN_PROVIDER],
	    job->council), org) == -1)
		goto fail;
	cw = job->caseworker != NULL ? job->caseworker : sys;
	by = job->recorded_by != NULL ? job->recorded_by : sys;
	for (i = 0; i < res->n; i += REF_BATCH)
		if (write_rows(res, i, i + REF_BATCH < res->n ? i + REF_BATCH :
		    res->n, job->council, cw, by, org) == -1)
			goto fail;
	/* Audited: who, how many rows, which door; never a child's name. */
	snprintf(detail, sizeof(detail), "%zu cases imported (%s)", res->n,
	    job->door != NULL ? job->door : "portalctl");
	if (!q_ok(db_q(ST_AUDIT, job->audit_by, "import_cases", "organisation",
	    job->council, job->ip != NULL ? job->ip : "", detail)))
		goto fail;
	if (db_commit() == -1)
		return (-1);
	return (0);
fail:
	db_rollback();
	return (-1);
}

long
sen2_extract(const char *council, const char *la, int year, int xml,
    struct sbuf *b)
{
	PGresult		*res;
	struct sen2_case	*c;
	char			 y[8];
	int			 i, n, rc;

	snprintf(y, sizeof(y), "%d", year);
	if ((res = db_qd(&import_stmts[IS_SEN2], council, y)) == NULL)
		return (-1);
	n = db_rows(res);
	if ((c = calloc(n > 0 ? (size_t)n : 1, sizeof(*c))) == NULL) {
		PQclear(res);
		return (-1);
	}
	for (i = 0; i < n; i++) {
		c[i].reference = db_val(res, i, SC_REFERENCE);
		c[i].surname = db_val(res, i, SC_FAMILY);
		c[i].forename = db_val(res, i, SC_GIVEN);
		c[i].birth_date = db_val(res, i, SC_DOB);
		c[i].upn = db_val(res, i, SC_UPN);
		c[i].received = db_val(res, i, SC_RECEIVED);
		c[i].assess_outcome = db_val(res, i, SC_ASSESS_OUTCOME);
		c[i].assess_on = db_val(res, i, SC_ASSESS_ON);
		c[i].plan_outcome = db_val(res, i, SC_PLAN_OUTCOME);
		c[i].plan_on = db_val(res, i, SC_PLAN_ON);
		c[i].final_on = db_val(res, i, SC_FINAL_ON);
		c[i].exception = db_val(res, i, SC_EXCEPTION)[0] == 't';
	}
	rc = 0;
	if (xml)
		rc = sen2_xml(b, c, (size_t)n, year, la);
	else
		sen2_csv(b, c, (size_t)n);
	free(c);
	PQclear(res);
	return (rc == -1 ? -1 : n);
}
