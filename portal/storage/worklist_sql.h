/*
 * worklist_sql — the statements of the daily routines (issue 13): the
 * open cases and advice requests of a caseworker's or the council's work
 * lists, the council's caseworkers, reassigning a case, and the family's
 * timeline. Named, with $n parameters only; run with
 * db_qd(&worklist_stmts[WS_…], …). Columns are read by name (db_named).
 */
#ifndef PORTAL_WORKLIST_SQL_H
#define PORTAL_WORKLIST_SQL_H

#include "db.h"

enum worklist_stmt {
	WS_CASES,
	WS_REQUESTS,
	WS_CASEWORKERS,
	WS_ASSESSMENT,
	WS_REASSIGN,
	WS_TELL,
	WS_TIMELINE_ADVICE,
	WS_CASES_OWN,
	WS__MAX
};

extern const struct stmt_def	worklist_stmts[WS__MAX];

#endif
