/*
 * consult_sql — every statement of the school consultations (s.39 CFA,
 * CoP 9.83), named, with $n parameters only. Run with
 * db_qd(&consult_stmts[CN_…], …). Pure: no Kore headers.
 */
#ifndef PORTAL_CONSULT_SQL_H
#define PORTAL_CONSULT_SQL_H

#include "db.h"

enum consult_stmt {
	CN_SETTINGS,
	CN_OPEN_OF,
	CN_CREATE,
	CN_TELL_SETTING,
	CN_OF_ASSESSMENT,
	CN_GET,
	CN_LIST_COUNT,
	CN_LIST,
	CN_ANSWER,
	CN_TELL_CASEWORKER,
	CN_PLAN_OF,
	CN_API_OF,
	CN__MAX
};

/* Columns of CN_SETTINGS. */
enum { CSET_ID, CSET_NAME, CSET_RESPONDERS };
/* Columns of CN_OPEN_OF. */
enum { COP_SETTING, COP_NAME_LOWER, COP_SHOWN };
/* Columns of CN_OF_ASSESSMENT and CN_LIST (CN_LIST adds the last three). */
enum { CO_ID, CO_SETTING, CO_SENT, CO_DUE, CO_ANSWER, CO_ANSWERED,
	CO_PLAN_VERSION, CO_REFERENCE, CO_CHILD, CO_COUNCIL };
/* Columns of CN_GET. */
enum { CG_ID, CG_ASSESSMENT, CG_REFERENCE, CG_GIVEN, CG_FAMILY, CG_DOB,
	CG_SETTING, CG_SETTING_ID, CG_SENT, CG_DUE, CG_ANSWER, CG_REASONS,
	CG_ADJUSTMENTS, CG_COSTS, CG_ANSWERED, CG_ANSWERED_BY, CG_PLAN,
	CG_PLAN_VERSION, CG_PLAN_NOW, CG_COUNCIL, CG_COUNCIL_NAME };

/* Columns of CN_API_OF. */
enum { CA_ID, CA_SETTING, CA_SETTING_ID, CA_SENT, CA_DUE, CA_ANSWER, CA_REASONS,
	CA_ADJUSTMENTS, CA_COSTS, CA_ANSWERED, CA_PLAN_VERSION };

extern const struct stmt_def consult_stmts[CN__MAX];

#endif
