/*
 * import_sql — the statements of the case import and the SEN2 extract
 * (issue 13), named, with $n parameters only; and the import itself,
 * shared by portalctl import cases and the administrator's import page.
 * Run with db_qd(&import_stmts[IS_…], …).  No Kore headers.
 */
#ifndef PORTAL_IMPORT_SQL_H
#define PORTAL_IMPORT_SQL_H

#include "csvread.h"
#include "db.h"
#include "sbuf.h"

enum import_stmt {
	IS_COUNCIL,
	IS_SYSTEM_ACCOUNT,
	IS_UNKNOWN_PROVIDER,
	IS_CASEWORKER,
	IS_REF_TAKEN,
	IS_ASSESSMENT,
	IS_DECISION,
	IS_EXCEPTION,
	IS_ADVICE,
	IS_SEN2,
	IS_UPLOAD_SAVE,
	IS_UPLOAD_GET,
	IS_UPLOAD_DELETE,
	IS__MAX
};

extern const struct stmt_def import_stmts[IS__MAX];

/* IS_SEN2's columns. */
enum {
	SC_REFERENCE, SC_FAMILY, SC_GIVEN, SC_DOB, SC_UPN, SC_RECEIVED,
	SC_ASSESS_OUTCOME, SC_ASSESS_ON, SC_PLAN_OUTCOME, SC_PLAN_ON, SC_FINAL_ON,
	SC_EXCEPTION, SC_CLOSED_ON, SC__MAX
};

/*
 * The import of a whole file into one council, all or nothing: the file
 * is read and every row checked (csvread.c, import_rows.c, and "is the
 * reference already in the portal"); only if every row is good are they
 * written, in one transaction.  council is the council's id; caseworker
 * the account the cases are assigned to (NULL: the council's "Not
 * assigned (imported)" account); recorded_by the account named on
 * decisions, exceptions and requests (NULL: that same system account).
 * today: YYYY-MM-DD.  dry_run: check only, write nothing.
 *
 * Returns 0 (res->n rows imported, or checked on a dry run), 1 when the
 * file or a row is refused (res->err says where and why; nothing was
 * written), -1 when the database failed (nothing was written).
 * imp_free(res) either way.
 */
struct import_job {
	const char	*council;
	const char	*caseworker;
	const char	*recorded_by;
	const char	*today;
	int		 dry_run;
	/* The audit row written with the import: who (NULL: portalctl),
	 * from where, and through which door ("portalctl", "admin page"). */
	const char	*audit_by, *ip, *door;
};
int	import_cases(const struct import_job *, const char *buf, size_t len,
	    struct imp_result *res);

/* One error as the import prints it: "line 7, column date_of_birth:
 * reason" (no column: "line 7: reason").  Never holds a cell's value. */
void	import_error_line(struct sbuf *, const struct imp_error *);

/*
 * The SEN2 extract of a council's year (sen2.h), as CSV (xml 0) or XML
 * (xml 1) appended to b: the number of people in it, or -1 if the
 * database or the XML writer failed.  la: the council's name.
 */
long	sen2_extract(const char *council, const char *la, int year, int xml,
	    struct sbuf *b);

#endif /* PORTAL_IMPORT_SQL_H */
