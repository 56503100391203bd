/*
 * The route × role table: the one place that decides who may call what.
 * A route not listed here answers 404. A role not listed for a route
 * answers 404 too (never 403): a user cannot learn that a page exists.
 * Records inside a page are scoped by their queries (sql.c).
 */
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "comments_view.h"

#define GET	HTTP_METHOD_GET
#define POST	HTTP_METHOD_POST
#define PUBLIC	0u
#define SIGNED	ROLES_ALL
#define R(x)	ROLE_BIT(ROLE_##x)
#define API	ROUTE_API
#define LA	(R(CASEWORKER) | R(MANAGER))
/* A service lead (a school's SENCO) may write advice allocated to them. */
#define AUTHORS	(R(PROFESSIONAL) | R(SERVICE_LEAD) | R(PARENT))
#define ANSWER	(R(PROFESSIONAL) | R(SERVICE_LEAD))
#define ADVICE	(LA | R(SERVICE_LEAD) | AUTHORS)

const struct route routes[] = {
	{ GET,	"/",				page_root,		PUBLIC },
	{ GET,	"/sign-in",			page_signin,		PUBLIC },
	{ POST,	"/sign-in",			do_signin,		PUBLIC },
	{ GET,	"/sign-in/code",		page_signin_code,	PUBLIC },
	{ POST,	"/sign-in/code",		do_signin_code,		PUBLIC },
	{ POST,	"/sign-out",			do_signout,		SIGNED },
	{ GET,	"/two-step",			page_two_step,		SIGNED },
	{ POST,	"/two-step",			do_two_step,		SIGNED },
	{ GET,	"/invitation",			page_invitation,	PUBLIC },
	{ POST,	"/invitation",			do_invitation,		PUBLIC },
	{ GET,	"/password-reset",		page_password_reset,	PUBLIC },
	{ POST,	"/password-reset",		do_password_reset,	PUBLIC },
	{ GET,	"/password-reset/code",		page_password_reset_code, PUBLIC },
	{ POST,	"/password-reset/code",		do_password_reset_code,	PUBLIC },
	{ GET,	"/accessibility",		page_accessibility,	PUBLIC },
	{ GET,	"/notifications",		page_notifications,	SIGNED },
	{ POST,	"/notifications/read",		do_notifications_read,	SIGNED },
	{ GET,	"/settings",			page_settings,		SIGNED },
	{ POST,	"/settings",			do_settings,		SIGNED },
	{ GET,	"/caseworker",			page_caseload,		R(CASEWORKER) },
	{ GET,	"/manager",			page_caseload,		R(MANAGER) },
	{ GET,	"/service",			page_service,		R(SERVICE_LEAD) },
	{ GET,	"/inbox",			page_inbox,		R(PROFESSIONAL) },
	{ GET,	"/parent",			page_parent,		R(PARENT) },
	{ GET,	"/consultations",		page_consultations,	R(SCHOOL_RESPONDER) },
	{ GET,	"/admin",			page_home,		R(ADMIN) },
	{ GET,	"/admin/accounts",		page_admin_accounts,	R(ADMIN) },
	{ GET,	"/admin/accounts/{id}",		page_admin_account,	R(ADMIN) },
	{ POST,	"/admin/accounts/{id}/two-step/reset", do_admin_two_step_reset, R(ADMIN) },
	{ GET,	"/assessments/new",		page_assessment_new,	LA },
	{ POST,	"/assessments",			do_assessment_create,	LA },
	{ GET,	"/assessments/{id}",		page_assessment,	LA | R(PARENT) },
	{ POST,	"/assessments/{id}/contacts/{id}/invitation", do_contact_invite, LA },
	{ GET,	"/assessments/{id}/requests/new", page_request_new,	LA },
	{ POST,	"/assessments/{id}/requests",	do_request_create,	LA },
	{ GET,	"/requests/{id}",		page_request,		ADVICE },
	{ POST,	"/requests/{id}/advice",	do_advice_save,		AUTHORS },
	{ POST,	"/requests/{id}/accept",	do_accept,		LA },
	{ POST,	"/requests/{id}/return",	do_return,		LA },
	{ POST,	"/requests/{id}/allocate",	do_allocate,		R(SERVICE_LEAD) },
	{ GET,	"/requests/{id}/versions/{id}",	page_version,		ADVICE },
	{ POST,	"/requests/{id}/documents",	do_upload,		AUTHORS },
	{ GET,	"/documents/{id}",		page_document,		ADVICE },
	{ POST,	"/documents/{id}/delete",	do_document_delete,	AUTHORS },
	/* Exceptions to the time limits; a professional's answer to a request. */
	{ GET,	"/assessments/{id}/exceptions/new", page_exception_new,	LA },
	{ POST,	"/assessments/{id}/exceptions",	do_exception_create,	LA },
	{ POST,	"/requests/{id}/acknowledge",	do_acknowledge,		ANSWER },
	{ POST,	"/requests/{id}/decline",	do_decline,		ANSWER },
	/* Baselines for scripts/bench.sh; only with PORTAL_BENCH=1. */
	{ GET,	"/bench/hello",			bench_hello,		ROUTE_BENCH },
	{ POST,	"/bench/discard",		bench_discard,		ROUTE_BENCH },
	/* The council's case-management system, with its API key. */
	{ POST,	"/api/v1/assessments",		api_assessment_create,	API },
	{ GET,	"/api/v1/assessments/{id}",	api_assessment_get,	API },
	{ POST,	"/api/v1/assessments/{id}/advice-requests", api_request_create, API },
	{ GET,	"/api/v1/advice-requests/{id}",	api_request_get,	API },
	/* Long advice templates as a task list (advice_tasks.c). */
	{ GET,	"/requests/{id}/tasks/{id}",	page_advice_task,	AUTHORS },
	{ GET,	"/requests/{id}/documents",	page_advice_documents,	AUTHORS },
	{ GET,	"/requests/{id}/submit",	page_advice_submit,	AUTHORS },
	/* The council runs itself: organisations and staff accounts. */
	{ GET,	"/admin/organisations",		page_admin_orgs,	R(ADMIN) },
	{ GET,	"/admin/organisations/new",	page_admin_org_new,	R(ADMIN) },
	{ POST,	"/admin/organisations",		do_admin_org_create,	R(ADMIN) },
	{ GET,	"/admin/organisations/{id}",	page_admin_org,		R(ADMIN) },
	{ GET,	"/admin/accounts/new",		page_admin_account_new,	R(ADMIN) },
	{ POST,	"/admin/accounts",		do_admin_account_create, R(ADMIN) },
	{ POST,	"/admin/accounts/{id}/role",	do_admin_account_role,	R(ADMIN) },
	{ POST,	"/admin/accounts/{id}/disable",	do_admin_account_disable, R(ADMIN) },
	{ POST,	"/admin/accounts/{id}/enable",	do_admin_account_enable, R(ADMIN) },
	{ GET,	"/admin/accounts/{id}/audit",	page_admin_account_audit, R(ADMIN) },
	/* The draft EHC plan (plan_page.c). */
	{ GET,	"/assessments/{id}/plan",	page_plan,		LA },
	{ POST,	"/assessments/{id}/plan",	do_plan_assemble,	LA },
	{ POST,	"/assessments/{id}/plan/reassemble", do_plan_reassemble, LA },
	{ GET,	"/assessments/{id}/plan/edit",	page_plan_edit,		LA },
	{ POST,	"/assessments/{id}/plan/edit",	do_plan_edit,		LA },
	{ GET,	"/assessments/{id}/plan.docx",	page_plan_docx,		LA },
	/* The assessment's decisions (regs 4-5, 10, 13). */
	{ GET,	"/assessments/{id}/decisions/new", page_decision_new,	LA },
	{ POST,	"/assessments/{id}/decisions",	do_decision_create,	LA },
	/* The caseload's search, posted: nothing typed reaches a URL. */
	{ POST,	"/caseworker",			page_caseload,		R(CASEWORKER) },
	{ POST,	"/manager",			page_caseload,		R(MANAGER) },
	/* Parents' comments on the served draft (draft_serve.c, draft_comments.c). */
	{ GET,	"/assessments/{id}/plan/issue",	page_plan_issue,	LA },
	{ POST,	"/assessments/{id}/plan/issue",	do_plan_issue,		LA },
	{ GET,	"/assessments/{id}/draft",	page_draft,		R(PARENT) },
	{ POST,	"/assessments/{id}/draft/comments", do_draft_comment,	R(PARENT) },
	{ POST,	"/assessments/{id}/draft/requests", do_draft_request,	R(PARENT) },
	{ GET,	"/assessments/{id}/draft/check", page_draft_check,	R(PARENT) },
	{ POST,	"/assessments/{id}/draft/submit", do_draft_submit,	R(PARENT) },
	{ POST,	"/api/v1/assessments/{id}/plan/draft", api_plan_draft,	API },
	/* The case import and the SEN2 extract (import_page.c). */
	{ GET,	"/admin/import",		page_admin_import,	R(ADMIN) },
	{ POST,	"/admin/import",		do_admin_import,	R(ADMIN) },
	{ POST,	"/admin/import/{id}/confirm",	do_admin_import_confirm, R(ADMIN) },
	{ GET,	"/admin/sen2",			page_admin_sen2,	R(ADMIN) },
	/* The advice form as a Word document, and a completed one back. */
	{ GET,	"/requests/{id}/form",		page_advice_word,	AUTHORS },
	{ GET,	"/requests/{id}/form.docx",	page_advice_form_docx,	AUTHORS },
	{ POST,	"/requests/{id}/form.docx",	do_advice_form_upload,	AUTHORS },
	/* School consultations (s.39 CFA, CoP 9.83): consult.c. Staff of
	 * the council may record an answer received outside the portal. */
	{ GET,	"/assessments/{id}/consultations/new", page_consultation_new, LA },
	{ POST,	"/assessments/{id}/consultations", do_consultation_create, LA },
	{ GET,	"/consultations/{id}",		page_consultation,	LA | R(SCHOOL_RESPONDER) },
	{ POST,	"/consultations/{id}/answer",	do_consultation_answer,	LA | R(SCHOOL_RESPONDER) },
	{ POST,	"/api/v1/assessments/{id}/consultations", api_consultation_create, API },
	/* The final EHC plan, the printable plan, the plan's API (final_page.c,
	 * api_plan.c). A parent prints only their child's served or final plan. */
	{ GET,	"/assessments/{id}/plan/final/new", page_final_new,	LA },
	{ POST,	"/assessments/{id}/plan/final",	do_final_create,	LA },
	{ GET,	"/assessments/{id}/plan/print",	page_plan_print,	LA | R(PARENT) },
	{ POST,	"/api/v1/assessments/{id}/decisions", api_decision_create, API },
	{ GET,	"/api/v1/assessments/{id}/plan", api_plan_get,		API },
	{ POST,	"/api/v1/assessments/{id}/plan/final", api_final_create, API },
	{ GET,	"/api/v1/assessments/{id}/plan.docx", api_plan_docx,	API },
	/* What needs doing, and a case passed to another caseworker (issue 13). */
	{ GET,	"/caseworker/work",		page_worklist,		R(CASEWORKER) },
	{ GET,	"/manager/work",		page_worklist,		R(MANAGER) },
	{ GET,	"/assessments/{id}/caseworker",	page_reassign,		R(MANAGER) },
	{ POST,	"/assessments/{id}/caseworker",	do_reassign,		R(MANAGER) },
	/* The service dashboard and the monthly 20-week table (issue 13). */
	{ GET,	"/manager/dashboard",		page_dashboard,		R(MANAGER) },
	{ GET,	"/manager/dashboard.csv",	page_dashboard_csv,	R(MANAGER) },
	{ GET,	"/manager/compliance",		page_compliance,	R(MANAGER) },
	{ GET,	"/manager/compliance.csv",	page_compliance_csv,	R(MANAGER) },
};
const size_t nroutes = sizeof(routes) / sizeof(routes[0]);

static int	match(const char *, const char *, struct ctx *);
static int	match_id(const char **, struct ctx *);

/* "{id}": 1–18 digits, no leading zero; stored in ctx->id[]. */
static int
match_id(const char **path, struct ctx *c)
{
	const char	*p = *path;
	size_t		 n = 0;

	if (*p == '0' || c->nids >= CTX_MAX_IDS)
		return (0);
	while (p[n] >= '0' && p[n] <= '9' && n < 19)
		n++;
	if (n == 0 || n > 18 || (p[n] != '/' && p[n] != '\0'))
		return (0);
	memcpy(c->id_text[c->nids], p, n);
	c->id_text[c->nids][n] = '\0';
	c->id[c->nids] = strtoll(c->id_text[c->nids], NULL, 10);
	c->nids++;
	*path = p + n;
	return (1);
}

/* 1 if path matches pattern exactly, capturing ids into c. */
static int
match(const char *pattern, const char *path, struct ctx *c)
{
	c->nids = 0;
	while (*pattern != '\0') {
		if (strncmp(pattern, "{id}", 4) == 0) {
			if (!match_id(&path, c))
				return (0);
			pattern += 4;
			continue;
		}
		if (*pattern++ != *path++)
			return (0);
	}
	return (*path == '\0');
}

/*
 * The route for method and path, or NULL. *other_method is set when the
 * path exists for another method (the caller answers 405).
 */
const struct route *
route_find(int method, const char *path, struct ctx *c, int *other_method)
{
	size_t	i;

	*other_method = 0;
	for (i = 0; i < nroutes; i++) {
		if (!match(routes[i].pattern, path, c))
			continue;
		if (routes[i].method == method)
			return (&routes[i]);
		*other_method = 1;
	}
	c->nids = 0;
	return (NULL);
}
