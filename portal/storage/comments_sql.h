/*
 * comments_sql — the statements of the family's comments on a served
 * draft (draft_serve.c, draft_comments.c, comments_view.c, api.c),
 * named, with $n parameters only. Run with db_qd(&comments_stmts[CM_…]).
 * Every statement is scoped by an assessment the caller has already
 * checked against the signed-in account or the API key's council, or by
 * a draft issue found through one; rows take their council from the
 * decision or the plan, never from the request.
 */
#ifndef PORTAL_COMMENTS_SQL_H
#define PORTAL_COMMENTS_SQL_H

#include "db.h"

enum comments_stmt {
	CM_DRAFT_LATEST,
	CM_SERVE,
	CM_PLAN_ISSUED,
	CM_TELL_FAMILY,
	CM_MINE_COMMENTS,
	CM_COMMENT_SAVE,
	CM_MINE_REQUESTS,
	CM_REQUEST_SAVE,
	CM_REQUEST_REMOVE,
	CM_SUBMIT,
	CM_FAMILY_COMMENTS,
	CM_FAMILY_REQUESTS,
	CM_RESPONSES,
	CM_SCHOOLS,
	CM_PARAS_AT,
	CM_API_ASSESSMENT,
	CM_DEMO_CASE,
	CM_DEMO_SUBMITTED,
	CM__MAX
};

/* Columns of CM_DRAFT_LATEST. */
enum { DL_ID, DL_SERVED, DL_DUE, DL_PLAN_VERSION, DL_RESPONDED, DL_PLAN };
/* Columns of CM_MINE_COMMENTS. */
enum { MC_SECTION, MC_BODY, MC_SUBMITTED, MC_LATE };
/* Columns of CM_MINE_REQUESTS and CM_FAMILY_REQUESTS (the latter adds
 * FR_BY, FR_SERVED). */
enum { MR_KIND, MR_SETTING_ID, MR_SETTING, MR_DETAIL, MR_SUBMITTED, MR_LATE,
	FR_BY, FR_SERVED };
/* Columns of CM_FAMILY_COMMENTS. */
enum { FC_SECTION, FC_BODY, FC_BY, FC_SUBMITTED, FC_LATE, FC_SERVED };
/* Columns of CM_RESPONSES. */
enum { RS_BY, RS_SUBMITTED, RS_COMMENTS, RS_REQUESTS, RS_LATE, RS_SERVED };
/* Columns of CM_API_ASSESSMENT. */
enum { AA_ID, AA_REFERENCE, AA_RECEIVED, AA_CASEWORKER };

extern const struct stmt_def comments_stmts[CM__MAX];

#endif
