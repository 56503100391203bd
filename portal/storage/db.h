/*
 * db — libpq plumbing shared by the portal module and portalctl.
 * No Kore headers: every statement is an enum value with its text in
 * sql.c; parameters are always bound ($n), never formatted into SQL.
 */
#ifndef PORTAL_DB_H
#define PORTAL_DB_H

#include <libpq-fe.h>

struct stmt_def {
	const char	*text;
	int		 nparams;
	/*
	 * 1: committed without waiting for the WAL flush (synchronous_commit
	 * off). Only for rows whose loss in a database crash harms nobody:
	 * the audit rows of reads and the session's last-seen time. A crash
	 * can lose the last fraction of a second of them; never a save.
	 */
	int		 relaxed;
};

enum stmt {
	/* sessions and sign-in (session.c, signin.c) */
	ST_SESSION_TOUCH,
	ST_SESSION_CREATE,
	ST_SESSION_PENDING,
	ST_SESSION_CODE_FAILED,
	ST_SESSION_END_OTHERS,
	ST_SESSION_DELETE,
	ST_SESSION_PURGE,
	ST_ACCOUNT_BY_EMAIL,
	ST_ACCOUNT_SET_HASH,
	ST_ATTEMPT_RECORD,
	ST_ATTEMPT_FAILURES,
	/* audit (audit.c) */
	ST_AUDIT,
	ST_AUDIT_READ,
	/* administration (admin.c, portalctl.c) */
	ST_ADMIN_ACCOUNT,
	ST_ORG_CREATE,
	ST_ORG_FIND,
	ST_ORG_LINK,
	ST_ACCOUNT_CREATE,
	ST_ACCOUNT_RESET,
	/* two-step verification (two_step.c, portalctl) */
	ST_TOTP_GET,
	ST_TOTP_SETUP,
	ST_TOTP_ENABLE,
	ST_TOTP_USE,
	ST_TOTP_RESET,
	ST_ADMIN_TOTP_RESET,
	ST_ORG_REQUIRE_TWO_STEP,
	/* assessments (assessment.c) */
	ST_ASSESSMENT_CREATE,
	ST_CONTACT_CREATE,
	ST_CONTACT_GET,
	ST_INVITATIONS_VOID,
	ST_CONTACT_EMAIL,
	ST_ASSESSMENT_GET,
	ST_ASSESSMENT_REQUESTS,
	ST_ASSESSMENT_CONTACTS,
	ST_ASSESSMENT_CONTACTS_ACCOUNTS,
	ST_PROVIDERS,
	ST_CASEWORKERS,
	ST_PROFESSIONALS,
	ST_PARENT_ASSESSMENTS,
	/* advice requests (request.c) */
	ST_REQUEST_CREATE,
	ST_REQUEST_GET,
	ST_SERVICE_REQUESTS,
	ST_INBOX,
	ST_ALLOCATE,
	ST_REQUEST_STATUS,
	/* advice (advice_page.c, review.c) */
	ST_ADVICE_LATEST,
	ST_ADVICE_VERSION,
	ST_ADVICE_VERSIONS,
	ST_ADVICE_CREATE,
	ST_ADVICE_TOUCH,
	ST_VALUES_DELETE,
	ST_VALUE_INSERT,
	ST_VALUES_GET,
	ST_ADVICE_SUBMIT,
	ST_ADVICE_REVIEW,
	ST_PARENT_VIEWS,
	/* documents (documents.c) */
	ST_DOCUMENT_INSERT,
	ST_DOCUMENTS_LIST,
	ST_DOCUMENT_GET,
	ST_DOCUMENT_CONTENT,
	ST_DOCUMENT_DELETE,
	/* API for case-management systems (api.c) */
	ST_API_KEY,
	ST_API_KEY_CREATE,
	ST_API_ASSESSMENT,
	ST_API_REQUEST,
	ST_API_REQUESTS_OF,
	ST_API_CASEWORKER,
	ST_API_PROFESSIONAL,
	ST_API_ORGANISATION,
	/* notifications (notify.c) */
	ST_NOTIFY,
	ST_NOTIFY_LIST,
	ST_NOTIFY_READ,
	ST_SETTINGS_GET,
	ST_SETTINGS_SET,
	ST_PARENT_ACCOUNT,
	ST_INVITATION_CREATE,
	ST_INVITATION_FIND,
	ST_INVITATION_USE,
	ST_RESET_CREATE,
	ST_PASSWORD_CHANGED_MAIL,
	/* two-step set-up and throttling by code (two_step.c, invitation.c) */
	ST_TOTP_PENDING,
	ST_CODE_FAILURES,
	ST_ATTEMPT_CLEAR,
	/* advice written as a task list (advice_tasks.c) */
	ST_ADVICE_LAST_DECLARATION,
	/* one set of rules (validate.c) */
	ST_ASSESSMENT_DUPLICATE,
	ST_REQUEST_TARGET,
	ST_ORG_ADVICE_KINDS,
	ST_PROVIDER_STAFF,
	ST_ORG_RECEIVERS,
	ST_PARENT_VIEWS_ASKED,
	ST_VIEWS_ASKED_MAIL,
	/* a form of an ended session given back (dispatch.c) */
	ST_CSRF_EARLIER,
	ST__MAX
};

/* Opens (or re-opens) the connection. 0 ok, -1 error (message via logger). */
int		 db_open(const char *conninfo);
void		 db_close(void);
/* Where errors go (stderr by default). The message holds no parameters. */
void		 db_set_logger(void (*)(const char *));

/*
 * Runs a named statement with as many text parameters as the statement
 * declares (NULL = SQL NULL). Returns a result the caller frees with
 * PQclear, or NULL on error; db_unavailable() then says whether the
 * database could not be reached (the portal answers 503) rather than
 * refusing the statement. Reconnects once when the connection was lost
 * outside a transaction.
 */
PGresult	*db_q(enum stmt, ...);
/* As db_qv with lengths and formats per parameter (1 = binary, for
 * bytea) and, if binary_result, every column returned in binary. */
PGresult	*db_qx(enum stmt, const char *const *, const int *, const int *,
		    int binary_result);
PGresult	*db_qv(enum stmt, const char *const *);
/* The same for a statement of another area's own table (e.g. chase). */
PGresult	*db_qd(const struct stmt_def *, ...);
PGresult	*db_qdx(const struct stmt_def *, const char *const *, const int *,
		    const int *, int binary_result);
/*
 * Two statements in one round trip (libpq pipeline mode): the first's
 * result is returned, the second's put in *second; either NULL if that
 * one failed (if the first fails the second is not run). Outside a
 * transaction both share one implicit transaction, committed at the
 * end, durably unless both may be relaxed. For a page's read and the
 * audit row of that view (audit_read).
 */
PGresult	*db_pair(const struct stmt_def *, const char *const *,
		    const struct stmt_def *, const char *const *, PGresult **);
int		 db_unavailable(void);
/* SQLSTATE of the last failed statement ("" if none). */
const char	*db_sqlstate(void);

int		 db_begin(void);
int		 db_commit(void);
void		 db_rollback(void);

/* Row/column helpers: value or "" (never NULL); owned by the result. */
const char	*db_val(const PGresult *, int row, int col);
int		 db_rows(const PGresult *);

/* sql.c */
extern const struct stmt_def stmts[ST__MAX];

#endif
