/*
 * admin_sql — the statements of the council's own administration
 * (admin_manage.c) and of its long lists (listing.c: the caseload page by
 * page, its search), named, with $n parameters only. Run with
 * db_qd(&admin_stmts[AS_…], …). Every statement that takes an id from a
 * URL or a form also takes the administrator's council and answers no
 * row for a record outside it (the page answers 404).
 */
#ifndef PORTAL_ADMIN_SQL_H
#define PORTAL_ADMIN_SQL_H

#include "db.h"

enum admin_stmt {
	AS_ORGS,
	AS_ORG_GET,
	AS_ORG_FIND,
	AS_ORG_INSERT,
	AS_ORG_LINK,
	AS_ORG_ACCOUNTS,
	AS_ACCOUNTS_COUNT,
	AS_ACCOUNTS_PAGE,
	AS_ACCOUNT_GET,
	AS_ACCOUNT_CREATE,
	AS_STAFF_INVITE,
	AS_ACCOUNT_ROLE,
	AS_ACCOUNT_DISABLE,
	AS_AUDIT_COUNT,
	AS_AUDIT_PAGE,
	AS_CASELOAD_COUNT,
	AS_CASELOAD_PAGE,
	AS_CASELOAD_COUNT_OWN,
	AS_CASELOAD_PAGE_OWN,
	AS__MAX
};

extern const struct stmt_def	admin_stmts[AS__MAX];

/* The value of the column named col in row (as db_val: "" for NULL or
 * a column the result does not have). */
const char	*db_named(const PGresult *, int, const char *);

#endif
