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

static void
record(struct ctx *c, const char *acc, const char *action,
    const char *object_type, long long object_id, const char *detail)
{
	PGresult	*res;
	char		 object[24];
	const char	*obj = NULL;

	if (object_id > 0) {
		(void)snprintf(object, sizeof(object), "%lld", object_id);
		obj = object;
	}
	/* Reads are logged without waiting for the disk; changes are not. */
	res = db_q(strncmp(action, "view_", 5) == 0 ||
	    strncmp(action, "download_", 9) == 0 ||
	    strncmp(action, "api_view_", 9) == 0 ? ST_AUDIT_READ : ST_AUDIT,
	    acc, action, object_type ? object_type : "",
	    obj, c->ip, detail ? detail : "");
	if (res == NULL)
		kore_log(LOG_ERR, "audit: cannot record %s", action);
	PQclear(res);
}
