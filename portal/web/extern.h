/*
 * Internal interfaces of the Kore module, grouped by the file that
 * defines them. Pure modules have their own headers.
 */
#ifndef PORTAL_EXTERN_H
#define PORTAL_EXTERN_H

#include <sys/types.h>

#include <kore/kore.h>
#include <kore/http.h>

#include "db.h"
#include "roles.h"

struct form;
struct tdict;
struct tmpl_set;
struct pg_result;
struct mp;
struct sbuf;

#include "template.h"

/* The signed-in account, as loaded for this request. */
struct session {
	long long	 account_id;
	long long	 org_id;
	enum role	 role;
	char		 name[201];
	char		 email[255];
	char		 csrf[65];
	char		 org_kind[32];
	char		 org_name[201];
	char		 token_hash[65];
	long		 unread;	/* notifications not yet read */
	int		 two_step_on;	/* a code is asked for at sign-in */
	int		 two_step_required; /* by the organisation, not set up */
};

struct ctx;
typedef int	(*handler_fn)(struct ctx *);

/* A row of the route × role table (routes.c). */
struct route {
	int		 method;	/* HTTP_METHOD_GET or HTTP_METHOD_POST */
	const char	*pattern;	/* "/admin/accounts/{id}" */
	handler_fn	 fn;
	unsigned int	 roles;		/* ROLE_BIT()s allowed; 0 = public */
};

#define CTX_MAX_IDS	3
/* roles value of an API route: a council's key, never a session. */
#define ROUTE_API	(1u << 31)
/* roles value of a benchmark baseline: public, only with PORTAL_BENCH=1. */
#define ROUTE_BENCH	(1u << 30)

/* Everything one request carries; lives in req->hdlr_extra. */
struct ctx {
	struct http_request	*req;
	const struct route	*route;
	int			 signed_in;
	struct session		 sess;
	struct form		*form;		/* urlencoded POST body, parsed */
	struct mp		*mp;		/* multipart POST body, parsed */
	struct sbuf		*body;		/* the raw body mp points into */
	long long		 id[CTX_MAX_IDS];
	char			 id_text[CTX_MAX_IDS][24];
	int			 nids;
	struct tdict		*page;		/* values for the page template */
	int			 nerrors;	/* form errors added to the page */
	const struct errs	*errs;		/* the same, for per-field lookups */
	int			 cacheable;	/* public content: no no-store */
	char			 ip[64];
	long long		 api_key;	/* API: the key's id */
	char			 api_council[24];	/* API: the key's council */
	void			*hstate;	/* a handler's own state across retries */
	void			(*hstate_free)(void *);
};

/* main.c */
extern struct tmpl_set	*templates;
extern struct tpl_set	 advice_templates;
/* The documents' master key (and two-step secrets' root), read at start. */
extern unsigned char	master_key[32];

/* routes.c */
extern const struct route	 routes[];
extern const size_t		 nroutes;
const struct route	*route_find(int, const char *, struct ctx *, int *);

/* dispatch.c */
int	portal_dispatch(struct http_request *);
const char	*ctx_field(struct ctx *, const char *);

/* http_out.c */
void	http_open(struct ctx *, const char *);
int	page_render(struct ctx *, int, const char *, const char *);
int	page_error(struct ctx *, int);
int	http_see_other(struct ctx *, const char *);
void	page_error_add(struct ctx *, const char *, const char *);
struct verrs;
void	page_verrs(struct ctx *, const struct verrs *);
void	notify_unread_put(struct ctx *);

/* page.c: what page handlers share (their views: views/views.h) */
struct errs;
struct paging;
/* The query string's value of name into out ("" when absent). */
const char	*query_get(struct ctx *, const char *, char *, size_t);
/* The GOV.UK pagination's values for p, links to base. */
void	pagination_put(struct ctx *, const struct paging *, const char *,
	    const char *);
void	page_errors(struct ctx *, const struct errs *);
void	page_keep_form(struct ctx *);
int	request_load(struct ctx *, const char *, struct pg_result **);
int	advice_is_author(struct ctx *, struct pg_result *);
int	advice_editable(const char *);
int	advice_parent_reader(struct ctx *, struct pg_result *);
const char	*advice_kind_label(const char *);
void	request_status_tag(struct tdict *, const char *, const char *, const char *);
int	request_open(const char *);
void	request_notify(const char *, const char *, const char *, const char *,
	    const char *);
void	notify(const char *, const char *, const char *);

/* assets.c */
int	assets_load(const char *, char *, size_t);
int	assets_serve(struct http_request *);

/* session.c */
int	session_load(struct ctx *);
int	session_start(struct ctx *, const char *, int);
void	session_end(struct ctx *);
const char	*session_cookie_name(void);
const char	*presession_cookie_name(void);
void	cookie_set(struct ctx *, const char *, const char *, int);
int	scoped_get(struct ctx *, enum stmt, const char *, struct pg_result **);
int	cookie_get(struct ctx *, const char *, char *, size_t);

/* signin.c */
int	signin_worker_init(void);
int	page_signin(struct ctx *);
int	do_signin(struct ctx *);
int	do_signout(struct ctx *);
void	presession_put(struct ctx *);
int	signin_form(struct ctx *, int, const char *);
int	signin_session(struct ctx *, const char *, int, const char *);
int	signin_throttled(struct ctx *, const char *);
void	signin_record_attempt(struct ctx *, const char *, int);

/* invitation.c */
int	do_contact_invite(struct ctx *);
int	do_admin_two_step_reset(struct ctx *);
int	page_password_reset(struct ctx *);
int	do_password_reset(struct ctx *);
int	page_password_reset_code(struct ctx *);
int	do_password_reset_code(struct ctx *);
#define INVITE_SENT		1
#define INVITE_ACTIVE		2	/* the parent has an account already */
#define INVITE_NOT_PARENT	0	/* a staff address (or a closed account) */
int	invitation_for_contact(const char *, const char *, const char *,
	    const char *, const char *);
int	page_invitation(struct ctx *);
int	do_invitation(struct ctx *);
void	fill_code(struct sbuf *, const char *, const char *);
int	page_root(struct ctx *);

/* home.c */
int	page_home(struct ctx *);
int	page_parent(struct ctx *);
int	page_accessibility(struct ctx *);

/* admin.c */
int	page_admin_accounts(struct ctx *);
int	page_admin_account(struct ctx *);
int	admin_account_page(struct ctx *, int);

/* bench.c */
int	bench_hello(struct ctx *);
int	bench_discard(struct ctx *);

/* api_io.c: the API key, and an error page for a route that failed */
int	api_authenticate(struct ctx *);
int	api_error_status(struct ctx *, int);
/* api.c */
int	api_assessment_create(struct ctx *);
int	api_assessment_get(struct ctx *);
int	api_request_create(struct ctx *);
int	api_request_get(struct ctx *);

/* assessment.c */
int	page_assessment_new(struct ctx *);
int	do_assessment_create(struct ctx *);
int	page_assessment(struct ctx *);

/* request.c */
int	page_request_new(struct ctx *);
int	do_request_create(struct ctx *);
int	page_inbox(struct ctx *);
int	page_service(struct ctx *);
int	do_allocate(struct ctx *);

/* advice_page.c */
int	page_request(struct ctx *);
int	do_advice_save(struct ctx *);
int	advice_signed_out(struct ctx *);
int	do_accept(struct ctx *);
int	do_return(struct ctx *);
int	page_version(struct ctx *);

/* documents.c */
int	do_upload(struct ctx *);
int	page_document(struct ctx *);
int	do_document_delete(struct ctx *);

/* clamd.c */
int	clamd_scan(const void *, size_t, char *, size_t);

/* notify.c */
int	page_notifications(struct ctx *);
int	do_notifications_read(struct ctx *);
int	page_settings(struct ctx *);
int	do_settings(struct ctx *);

/* two_step.c */
int	page_signin_code(struct ctx *);
int	do_signin_code(struct ctx *);
int	page_two_step(struct ctx *);
int	do_two_step(struct ctx *);
int	two_step_exempt(const struct ctx *);

/* audit.c */
void	audit(struct ctx *, const char *, const char *, long long, const char *);
void	audit_account(struct ctx *, const char *, const char *);
PGresult *audit_read(struct ctx *, enum stmt, const char *const *,
	    const char *, const char *, long long);

/* chase_timer.c */
struct chaser;
extern struct chaser	 portal_chaser;
int	chase_configure(char *, size_t);
void	chase_timer_start(void);

/* exception.c */
int	page_exception_new(struct ctx *);
int	do_exception_create(struct ctx *);
/* decision.c */
int	page_decision_new(struct ctx *);
int	do_decision_create(struct ctx *);
/* The family told of a "no" (k: enum dec_kind): 0, -1. */
int	decision_tell_family(const char *, const char *, int, const char *);

/* acknowledge.c */
int	do_acknowledge(struct ctx *);
int	do_decline(struct ctx *);

/* advice_tasks.c */
int	page_advice_task(struct ctx *);
int	page_advice_documents(struct ctx *);
int	page_advice_submit(struct ctx *);
/* POST /requests/{id}/advice with part (a task's number, or
 * "declaration" to submit what is saved), from advice_page.c. */
int	advice_part_save(struct ctx *, struct pg_result *, const struct tpl *,
	    const char *part);

/* bodylimit.c */
#define BODY_REFUSED_TOO_LARGE	1	/* an upload over the file limit */
#define BODY_REFUSED_BUSY	2	/* the worker held enough uploads */
void	portal_connect(struct connection *);
int	ctx_body_refused(const struct ctx *);
/* flash.c */
void	flash_put(struct ctx *);
/* listing.c */
int	page_caseload(struct ctx *);
struct list_sort {
	const char	*name;		/* ?sort= value */
	const char	*label;		/* the link's words */
	int		 column;	/* result column; -1: the query's order */
};
int	*list_page(struct ctx *, const struct pg_result *,
	    const struct list_sort *, int, const char *, const char *, int *);

/* admin.c: organisations and staff accounts */
int	page_admin_orgs(struct ctx *);
int	page_admin_org_new(struct ctx *);
int	do_admin_org_create(struct ctx *);
int	page_admin_org(struct ctx *);
int	page_admin_account_new(struct ctx *);
int	do_admin_account_create(struct ctx *);
int	do_admin_account_role(struct ctx *);
int	do_admin_account_disable(struct ctx *);
int	do_admin_account_enable(struct ctx *);
int	page_admin_account_audit(struct ctx *);
void	admin_account_actions_put(struct ctx *);

/* plan_page.c: the draft EHC plan */
int	page_plan(struct ctx *);
int	do_plan_assemble(struct ctx *);
int	do_plan_reassemble(struct ctx *);
int	page_plan_edit(struct ctx *);
int	do_plan_edit(struct ctx *);
int	page_plan_docx(struct ctx *);

/* import_page.c: the case import and the SEN2 download (issue 13) */
int	page_admin_import(struct ctx *);
int	do_admin_import(struct ctx *);
int	do_admin_import_confirm(struct ctx *);
int	page_admin_sen2(struct ctx *);
/* advice_docx.c: the advice form as .docx, and a completed one uploaded */
int	page_advice_word(struct ctx *);
int	page_advice_form_docx(struct ctx *);
int	do_advice_form_upload(struct ctx *);
void	advice_import_put(struct ctx *);
/* consult.c: school consultations (s.39 CFA, CoP 9.83) */
int	page_consultation_new(struct ctx *);
int	do_consultation_create(struct ctx *);
int	page_consultations(struct ctx *);
int	page_consultation(struct ctx *);
int	do_consultation_answer(struct ctx *);
/* api.c */
int	api_consultation_create(struct ctx *);
/* final_page.c: the final EHC plan, the printable plan (final_issue.h) */
int	page_final_new(struct ctx *);
int	do_final_create(struct ctx *);
int	page_plan_print(struct ctx *);

/* api_plan.c: the plan's API */
int	api_decision_create(struct ctx *);
int	api_plan_get(struct ctx *);
int	api_final_create(struct ctx *);
int	api_plan_docx(struct ctx *);

/* worklists.c: what needs doing, reassigning a case (issue 13) */
int	page_worklist(struct ctx *);
int	page_reassign(struct ctx *);
int	do_reassign(struct ctx *);
/* dashboard.c: the service dashboard and the monthly compliance table */
int	page_dashboard(struct ctx *);
int	page_dashboard_csv(struct ctx *);
int	page_compliance(struct ctx *);
int	page_compliance_csv(struct ctx *);

#endif
