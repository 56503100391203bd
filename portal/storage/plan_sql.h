/*
 * plan_sql — every statement of the draft plan pages (plan_page.c),
 * named, with $n parameters only. Run with db_qd(&plan_stmts[PS_…], …).
 */
#ifndef PORTAL_PLAN_SQL_H
#define PORTAL_PLAN_SQL_H

#include "db.h"

enum plan_stmt {
	PS_PLAN_GET,
	PS_PLAN_CREATE,
	PS_PLAN_BUMP,
	PS_SECTION_INSERT,
	PS_PARAS,
	PS_ASSEMBLED,
	PS_ACCEPTED,
	PS_OTHER_CHILDREN,
	PS_VERSIONS,
	PS_ACCEPTED_VALUES,
	PS_PARAS_INSERT_JSON,
	PS_DRAFT_STORE_JSON,
	PS_UNASSEMBLED,
	PS__MAX
};

/* Columns of PS_PARAS. */
enum { PP_SECTION, PP_VERSION, PP_POSITION, PP_AREA, PP_BODY, PP_BY_WHOM,
	PP_HOW_OFTEN, PP_HOW_LONG, PP_REQUEST, PP_ADVICE, PP_FIELD, PP_PART,
	PP_ADVISER, PP_ROLE, PP_SERVICE, PP_DATE, PP_EDITED, PP_NEW, PP_CELLS };

/* Columns of PS_ACCEPTED. */
enum { PA_REQUEST, PA_ADVICE, PA_KIND, PA_ADVISER, PA_ROLE, PA_SERVICE,
	PA_DATE, PA_TPL, PA_TPL_VERSION };

extern const struct stmt_def plan_stmts[PS__MAX];

#endif
