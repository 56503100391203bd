/*
 * decision_sql — the statements of the assessment's decisions (regs 4-5,
 * 10, 13), named, with $n parameters only. Run with
 * db_qd(&decision_stmts[DS_…], …).
 */
#ifndef PORTAL_DECISION_SQL_H
#define PORTAL_DECISION_SQL_H

#include "db.h"

enum decision_stmt {
	DS_OF,
	DS_CREATE,
	DS_CLOSE,
	DS_TELL_FAMILY,
	DS__MAX
};
/* DS_OF's columns. */
enum { DC_KIND, DC_OUTCOME, DC_DECIDED, DC_DUE, DC_BY, DC_AT };

extern const struct stmt_def decision_stmts[DS__MAX];

#endif
