/*
 * final_sql — the statements of the final EHC plan (final_page.c,
 * api_plan.c), named, with $n parameters only. Run with
 * db_qd(&final_stmts[FS_…], …). Each is scoped by an assessment or plan
 * the caller has already checked against the session or the API key.
 */
#ifndef PORTAL_FINAL_SQL_H
#define PORTAL_FINAL_SQL_H

#include "db.h"

enum final_stmt {
	FS_STATE,
	FS_SETTINGS,
	FS_SETTING_GET,
	FS_SETTING_BY_NAME,
	FS_BUMP,
	FS_SECTION_I,
	FS_MARK_FINAL,
	FS_ISSUE,
	FS_TELL_PARENTS,
	FS_TELL_SETTING,
	FS_EXCEPTION,
	FS_PRINT_PARENT,
	FS_DECISION_API,
	FS_DEMO_PLAN,
	FS_DEMO_SECTION,
	FS_DEMO_RESPONDED,
	FS__MAX
};

/* FS_STATE's columns ("" when there is none). */
enum { FT_PLAN, FT_VERSION, FT_STATUS, FT_SETTING, FT_SETTING_ID,
	FT_SERVED, FT_COMMENTS_DUE, FT_RESPONDED, FT_ISSUED, FT_DUE,
	FT_COUNCIL, FT_CASEWORKER, FT_REFERENCE, FT_GIVEN, FT_FAMILY, FT_DOB,
	FT_RECEIVED, FT_COUNCIL_NAME, FT_FINAL_VERSION };

extern const struct stmt_def final_stmts[FS__MAX];

#endif
