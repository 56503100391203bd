/*
 * audit — one row per sign-in event and per view or change of a child's
 * record. The table is append-only for the portal's database role.
 * Detail never holds a password, token or the content of advice.
 */
#include <stdio.h>
#include <string.h>

#include "extern.h"
#include "db.h"

static void	record(struct ctx *, const char *, const char *, const char *,
		    long long, const char *);

/* As the signed-in user (or anonymous). */
void
audit(struct ctx *c, const char *action, const char *object_type,
    long long object_id, const char *detail)
{
	char		 account[24];

	(void)snprintf(account, sizeof(account), "%lld", c->sess.account_id);
	record(c, c->signed_in ? account : NULL, action, object_type,
	    object_id, detail);
}

/* Sign-in events: the account tried, if it exists (NULL otherwise). */
void
audit_account(struct ctx *c, const char *account_id, const char *action)
{
	record(c, account_id, action, "account", 0, NULL);
}

/* The audit statement for action: reads are logged without waiting for
 * the disk, changes are not. */
static enum stmt
statement_for(const char *action)
{
	return (strncmp(action, "view_", 5) == 0 ||
	    strncmp(action, "download_", 9) == 0 ||
	    strncmp(action, "api_view_", 9) == 0 ? ST_AUDIT_READ : ST_AUDIT);
}

/* The six parameters of ST_AUDIT(_READ); object holds the id's text. */
static void
params_for(struct ctx *c, const char *acc, const char *action,
    const char *object_type, long long object_id, const char *detail,
    char *object, size_t objlen, const char *params[6])
{
	params[0] = acc;
	params[1] = action;
	params[2] = object_type ? object_type : "";
	params[3] = NULL;
	if (object_id > 0) {
		(void)snprintf(object, objlen, "%lld", object_id);
		params[3] = object;
	}
	params[4] = c->ip;
	params[5] = detail ? detail : "";
}

static void
record(struct ctx *c, const char *acc, const char *action,
    const char *object_type, long long object_id, const char *detail)
{
	PGresult	*res;
	const char	*params[6];
	char		 object[24];

	params_for(c, acc, action, object_type, object_id, detail, object,
	    sizeof(object), params);
	if ((res = db_qv(statement_for(action), params)) == NULL)
		kore_log(LOG_ERR, "audit: cannot record %s", action);
	PQclear(res);
}

/*
 * A page's read (statement id with params) and the audit of that view
 * by the signed-in user, in one round trip and one transaction
 * (db_pair). The read's result, or NULL as db_qv.
 */
PGresult *
audit_read(struct ctx *c, enum stmt id, const char *const *params,
    const char *action, const char *object_type, long long object_id)
{
	PGresult	*res, *logged;
	const char	*ap[6];
	char		 account[24], object[24];

	(void)snprintf(account, sizeof(account), "%lld", c->sess.account_id);
	params_for(c, account, action, object_type, object_id, NULL, object,
	    sizeof(object), ap);
	res = db_pair(&stmts[id], params, &stmts[statement_for(action)], ap,
	    &logged);
	if (res != NULL && logged == NULL)
		kore_log(LOG_ERR, "audit: cannot record %s", action);
	PQclear(logged);
	return (res);
}
