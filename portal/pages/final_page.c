/*
 * final_page — the final EHC plan (reg 13(2)): the caseworker names the
 * setting in Section I and issues it, once, after the family's 15 days on
 * the served draft (or once they have responded). From then on the plan
 * is read-only. The printable page shows the draft or the final plan to
 * the council and, once served or final, to the child's parents.
 * The rules are val_final's (final.h); the issue is one transaction
 * (final_issue_run), shared with the API (api_plan.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "chaser.h"
#include "checks.h"
#include "config.h"
#include "datefmt.h"
#include "db.h"
#include "docx.h"
#include "final.h"
#include "final_issue.h"
#include "final_sql.h"
#include "form.h"
#include "plan.h"
#include "tmpl.h"
#include "validate.h"
#include "views.h"
#include "vocab.h"

#define COPY(dst, res, col) \
	(void)snprintf((dst), sizeof(dst), "%s", db_val((res), 0, (col)))

static int	load_la(struct ctx *, struct final_state *);
static int	render_new(struct ctx *, const struct final_state *, int);
static int	tell(const struct final_state *, const struct final_issue *,
		    const char *);
static int	refuse_twice(struct ctx *, const struct final_state *);
static const char *trim_copy(const char *, char *, size_t);

/* s without its leading and trailing spaces, into out. */
static const char *
trim_copy(const char *s, char *out, size_t len)
{
	size_t	n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	if (n >= len)
		n = len - 1;
	memcpy(out, s, n);
	out[n] = '\0';
	return (out);
}

int
final_state_load(const char *assessment, struct final_state *s)
{
	PGresult	*res;

	memset(s, 0, sizeof(*s));
	if ((res = db_qd(&final_stmts[FS_STATE], assessment)) == NULL)
		return (-1);
	if (db_rows(res) != 1) {
		PQclear(res);
		return (0);
	}
	COPY(s->plan, res, FT_PLAN);
	COPY(s->version, res, FT_VERSION);
	COPY(s->status, res, FT_STATUS);
	COPY(s->setting, res, FT_SETTING);
	COPY(s->setting_id, res, FT_SETTING_ID);
	COPY(s->served, res, FT_SERVED);
	COPY(s->comments_due, res, FT_COMMENTS_DUE);
	COPY(s->responded, res, FT_RESPONDED);
	COPY(s->issued, res, FT_ISSUED);
	COPY(s->due, res, FT_DUE);
	COPY(s->council, res, FT_COUNCIL);
	COPY(s->caseworker, res, FT_CASEWORKER);
	COPY(s->reference, res, FT_REFERENCE);
	COPY(s->given, res, FT_GIVEN);
	COPY(s->family, res, FT_FAMILY);
	COPY(s->dob, res, FT_DOB);
	COPY(s->received, res, FT_RECEIVED);
	COPY(s->council_name, res, FT_COUNCIL_NAME);
	COPY(s->final_version, res, FT_FINAL_VERSION);
	PQclear(res);
	return (1);
}

int
final_is_issued(const struct final_state *s)
{
	return (strcmp(s->status, "final") == 0 || s->issued[0] != '\0');
}

int
final_setting_name(const char *council, const char *id, char *out, size_t len)
{
	PGresult	*res;
	int		 n;

	if (id == NULL || id[0] == '\0' || strspn(id, "0123456789") !=
	    strlen(id) || strlen(id) > 18)
		return (0);
	if ((res = db_qd(&final_stmts[FS_SETTING_GET], council, id)) == NULL)
		return (-1);
	if ((n = db_rows(res)) == 1)
		(void)snprintf(out, len, "%s", db_val(res, 0, 0));
	PQclear(res);
	return (n == 1);
}

/* The family's and the setting's mails and notifications (inside the
 * transaction). They name the case reference and the setting only. */
static int
tell(const struct final_state *s, const struct final_issue *in,
    const char *setting)
{
	PGresult	*res;
	char		 link[400], rel[80], msg[300];
	int		 ok;

	(void)snprintf(rel, sizeof(rel), "/assessments/%s/plan/print",
	    in->assessment);
	(void)snprintf(link, sizeof(link), "%s%s", portal_chaser.base_url, rel);
	(void)snprintf(msg, sizeof(msg), "The final EHC plan for case %s is "
	    "issued", s->reference);
	res = db_qd(&final_stmts[FS_TELL_PARENTS], in->assessment,
	    portal_chaser.ev_subjects[CHASE_EV_FINAL_PARENT],
	    portal_chaser.ev_bodies[CHASE_EV_FINAL_PARENT], s->reference, link,
	    in->issued, setting, msg, rel);
	ok = res != NULL && db_rows(res) == 1;
	PQclear(res);
	if (!ok || in->setting_id[0] == '\0')
		return (ok ? 0 : -1);
	(void)snprintf(link, sizeof(link), "%s/consultations",
	    portal_chaser.base_url);
	(void)snprintf(msg, sizeof(msg), "A final EHC plan names your setting: "
	    "case %s", s->reference);
	res = db_qd(&final_stmts[FS_TELL_SETTING], in->setting_id,
	    portal_chaser.ev_subjects[CHASE_EV_FINAL_SETTING],
	    portal_chaser.ev_bodies[CHASE_EV_FINAL_SETTING], s->reference, link,
	    in->issued, setting, msg, "/consultations", in->assessment);
	ok = res != NULL && db_rows(res) == 1;
	PQclear(res);
	return (ok ? 0 : -1);
}

int
final_issue_run(const struct final_state *s, const struct final_issue *in,
    struct final_timing *t)
{
	PGresult	*res;
	char		 pv[24];
	const char	*id = in->setting_id[0] != '\0' ? in->setting_id : NULL;
	int		 rc = -1;

	if (final_timing(s->received, in->issued, t) == -1 || db_begin() == -1)
		return (-1);
	/* No row: final already (two clicks, or the API meanwhile). */
	if ((res = db_qd(&final_stmts[FS_BUMP], s->plan)) == NULL)
		goto fail;
	if (db_rows(res) != 1) {
		rc = 1;
		goto fail;
	}
	(void)snprintf(pv, sizeof(pv), "%s", db_val(res, 0, 0));
	PQclear(res);
	if ((res = db_qd(&final_stmts[FS_SECTION_I], s->plan, pv, in->account,
	    in->setting_name)) == NULL || db_rows(res) != 1)
		goto fail;
	PQclear(res);
	if ((res = db_qd(&final_stmts[FS_MARK_FINAL], s->plan, id,
	    id != NULL ? "" : in->setting_name)) == NULL || db_rows(res) != 1)
		goto fail;
	PQclear(res);
	if ((res = db_qd(&final_stmts[FS_ISSUE], in->assessment, in->issued,
	    t->due, pv, in->account)) == NULL)
		goto fail;
	if (db_rows(res) != 1) {
		rc = 1;		/* recorded already, or the assessment closed */
		goto fail;
	}
	PQclear(res);
	res = NULL;
	if (tell(s, in, in->setting_name) == -1 || db_commit() == -1)
		goto fail;
	return (0);
fail:
	PQclear(res);
	db_rollback();
	return (rc);
}

int
final_docx(const struct final_state *s, unsigned char **out, size_t *len)
{
	struct plan_draft	d;
	struct docx_meta	m;
	char			name[820];
	int			rc;

	*out = NULL;
	(void)snprintf(name, sizeof(name), "%s %s", s->given, s->family);
	memset(&m, 0, sizeof(m));
	m.final = strcmp(s->status, "final") == 0;
	m.child_name = name;
	m.dob = s->dob;
	m.reference = s->reference;
	m.council = s->council_name;
	m.issued_on = m.final ? s->issued : s->served;
	rc = plan_view_load(s->plan, &d) == -1 ||
	    docx_plan_mem(&d, &m, out, len) == -1 ? -1 : 0;
	plan_draft_free(&d);
	return (rc);
}

/* The assessment of the path for a caseworker or manager, and its plan's
 * state: 1, 0 (404), -1 (503). Puts its reference and id on the page. */
static int
load_la(struct ctx *c, struct final_state *s)
{
	PGresult	*res;
	char		 acc[24], org[24];
	int		 rc;

	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	if ((res = db_q(ST_ASSESSMENT_GET, c->id_text[0], acc, org,
	    role_name(c->sess.role))) == NULL)
		return (-1);
	rc = db_rows(res) == 1;
	PQclear(res);
	if (rc != 1)
		return (0);
	if ((rc = final_state_load(c->id_text[0], s)) != 1)
		return (rc);
	tdict_set(c->page, "assessment_id", c->id_text[0]);
	tdict_set(c->page, "reference", s->reference);
	tdict_setf(c->page, "child_name", "%s %s", s->given, s->family);
	return (1);
}

/* "issued on" and week 20 on the page: final_words, and a late one's
 * exception recorded for the whole assessment. */
static void
timing_put(struct ctx *c, const struct final_state *s)
{
	const struct vocab_exception	*k;
	struct final_timing		 t;
	PGresult			*res;
	char				 w[200];

	tdict_set_date(c->page, "final_issued_on", s->issued, 0);
	if (final_timing(s->received, s->issued, &t) == -1)
		return;
	tdict_set(c->page, "final_words", final_words(&t, w, sizeof(w)));
	if (t.within_20_weeks)
		return;
	tdict_set(c->page, "final_late", "1");
	if ((res = db_qd(&final_stmts[FS_EXCEPTION], c->id_text[0],
	    s->issued)) != NULL && db_rows(res) == 1) {
		k = vocab_exception(db_val(res, 0, 0));
		tdict_set(c->page, "final_exception", k != NULL ? k->label :
		    db_val(res, 0, 0));
	}
	PQclear(res);
}

int
final_plan_page_put(struct ctx *c)
{
	struct final_state	s;

	if (final_state_load(c->id_text[0], &s) != 1)
		return (0);
	if (s.served[0] != '\0')
		tdict_set_date(c->page, "draft_served_on", s.served, 0);
	if (strcmp(s.status, "final") != 0)
		return (0);
	tdict_set(c->page, "plan_final", "1");
	tdict_set(c->page, "named_setting", s.setting);
	timing_put(c, &s);
	return (1);
}

/* 409: the final plan is issued, it cannot be issued again. */
static int
refuse_twice(struct ctx *c, const struct final_state *s)
{
	char	day[DATE_WORDS_LEN];

	(void)date_words(s->issued[0] ? s->issued : s->received, day,
	    sizeof(day));
	tdict_set(c->page, "heading", "The final plan is already issued");
	tdict_setf(c->page, "message", "The final EHC plan for %s was issued "
	    "on %s. A final plan is issued once: it cannot be issued again.",
	    s->reference, day);
	return (page_render(c, 409, "error", "The final plan is already issued"));
}

int
final_refuse_change(struct ctx *c)
{
	struct final_state	s;
	char			day[DATE_WORDS_LEN];

	if (final_state_load(c->id_text[0], &s) != 1 ||
	    strcmp(s.status, "final") != 0)
		return (0);
	(void)date_words(s.issued, day, sizeof(day));
	tdict_set(c->page, "heading", "The final plan cannot be changed");
	tdict_setf(c->page, "message", "The final EHC plan for %s was issued "
	    "on %s. It is read-only: it cannot be edited or re-assembled. "
	    "A change needs a review of the plan.", s.reference, day);
	audit(c, "refuse_final_change", "assessment", c->id[0], NULL);
	(void)page_render(c, 409, "error", "The final plan cannot be changed");
	return (1);
}

/* The form: the council's settings (the posted one selected), the
 * window of the draft served, the form kept after a refusal. */
static int
render_new(struct ctx *c, const struct final_state *s, int status)
{
	struct statutory	 st;
	PGresult	*res;
	struct tdict	*o;
	const char	*chosen;
	int		 r;

	if ((res = db_qd(&final_stmts[FS_SETTINGS], s->council)) == NULL)
		return (page_error(c, 503));
	chosen = c->form != NULL ? form_get(c->form, "setting") : NULL;
	for (r = 0; r < db_rows(res); r++) {
		o = tdict_push(c->page, "settings");
		tdict_set(o, "id", db_val(res, r, 0));
		tdict_set(o, "name", db_val(res, r, 1));
		if (chosen != NULL && strcmp(chosen, db_val(res, r, 0)) == 0)
			tdict_set(o, "selected", "1");
	}
	PQclear(res);
	if (s->plan[0] != '\0')
		tdict_set(c->page, "has_plan", "1");
	if (s->served[0] != '\0') {
		tdict_set_date(c->page, "served_on", s->served, 0);
		tdict_set_date(c->page, "comments_due", s->comments_due, 0);
		if (s->responded[0] != '\0')
			tdict_set_date(c->page, "responded_on", s->responded, 0);
	}
	tdict_set_date(c->page, "received", s->received, 0);
	if (statutory_dates(s->received, &st) == 0)
		tdict_set_date(c->page, "final_due", st.final_due, 0);
	page_keep_form(c);
	return (page_render(c, status, "final-new", "Issue the final EHC plan"));
}

/* GET /assessments/{id}/plan/final/new */
int
page_final_new(struct ctx *c)
{
	struct final_state	s;
	int			rc;

	if ((rc = load_la(c, &s)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	if (final_is_issued(&s)) {
		tdict_set(c->page, "already", "1");
		tdict_set_date(c->page, "final_issued_on", s.issued, 0);
	}
	audit(c, "view_final_form", "assessment", c->id[0], NULL);
	return (render_new(c, &s, 200));
}

/* POST /assessments/{id}/plan/final */
int
do_final_create(struct ctx *c)
{
	struct final_state	 s;
	struct final_issue	 in;
	struct final_timing	 t;
	struct val_final	 v;
	struct verrs		 e;
	char			 date[DATE_LEN], today[DATE_LEN], acc[24],
				 name[804], dest[96];
	const char		*id, *typed;
	int			 rc, known = 0;

	if ((rc = load_la(c, &s)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	if (final_is_issued(&s))
		return (refuse_twice(c, &s));
	if (date_from_parts(form_get(c->form, "issued-day"),
	    form_get(c->form, "issued-month"),
	    form_get(c->form, "issued-year"), date) == -1)
		date[0] = '\0';
	id = form_get(c->form, "setting");
	typed = form_get(c->form, "setting-name");
	name[0] = '\0';
	if (id != NULL && *id != '\0' &&
	    (known = final_setting_name(s.council, id, name, sizeof(name))) == -1)
		return (page_error(c, 503));
	config_today(today);
	memset(&v, 0, sizeof(v));
	v.issued = date;
	v.today = today;
	v.received = s.received;
	v.served = s.plan[0] != '\0' ? s.served : "";
	v.comments_due = s.comments_due;
	v.responded = s.responded;
	v.setting_id = id;
	v.setting_name = typed;
	v.setting_known = known;
	verrs_init(&e);
	if (val_final(&v, &e) > 0) {
		audit(c, "refuse_final", "assessment", c->id[0], NULL);
		page_verrs(c, &e);
		return (render_new(c, &s, 400));
	}
	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	memset(&in, 0, sizeof(in));
	in.assessment = c->id_text[0];
	in.issued = date;
	in.setting_id = known ? id : "";
	in.setting_name = known ? name : trim_copy(typed, name, sizeof(name));
	in.account = acc;
	if ((rc = final_issue_run(&s, &in, &t)) == 1) {
		(void)final_state_load(c->id_text[0], &s);
		return (refuse_twice(c, &s));
	}
	if (rc == -1)
		return (page_error(c, 503));
	audit(c, "issue_final_plan", "assessment", c->id[0], s.plan);
	(void)snprintf(dest, sizeof(dest), "/assessments/%s/plan?final=1",
	    c->id_text[0]);
	return (http_see_other(c, dest));
}

/* Who may print: a caseworker or manager of the assessment (any plan),
 * its parent or carer once the plan is served or final. 1, 0, -1. */
static int
load_print(struct ctx *c, struct final_state *s)
{
	PGresult	*res;
	char		 acc[24];
	int		 rc;

	if (c->sess.role != ROLE_PARENT)
		return (load_la(c, s));
	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	if ((res = db_qd(&final_stmts[FS_PRINT_PARENT], c->id_text[0],
	    acc)) == NULL)
		return (-1);
	rc = db_rows(res) == 1;
	PQclear(res);
	if (rc != 1)
		return (0);
	if ((rc = final_state_load(c->id_text[0], s)) != 1)
		return (rc);
	tdict_set(c->page, "assessment_id", c->id_text[0]);
	tdict_set(c->page, "reference", s->reference);
	tdict_setf(c->page, "child_name", "%s %s", s->given, s->family);
	return (1);
}

/* GET /assessments/{id}/plan/print: the plan as one accessible page,
 * without the portal's header and navigation when printed. */
int
page_plan_print(struct ctx *c)
{
	struct final_state	s;
	struct plan_draft	d;
	char			dest[80];
	int			rc;

	if ((rc = load_print(c, &s)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	if (s.plan[0] == '\0') {
		(void)snprintf(dest, sizeof(dest), "/assessments/%s/plan",
		    c->id_text[0]);
		return (http_see_other(c, dest));
	}
	if (plan_view_load(s.plan, &d) == -1) {
		plan_draft_free(&d);
		return (page_error(c, 503));
	}
	audit(c, "print_plan", "assessment", c->id[0], s.plan);
	tdict_set_date(c->page, "dob", s.dob, 0);
	tdict_set(c->page, "council_name", s.council_name);
	if (c->sess.role != ROLE_PARENT)
		tdict_set(c->page, "staff", "1");
	if (strcmp(s.status, "final") == 0) {
		tdict_set(c->page, "plan_final", "1");
		tdict_set(c->page, "named_setting", s.setting);
		tdict_set_date(c->page, "final_issued_on", s.issued, 0);
	} else if (s.served[0] != '\0')
		tdict_set_date(c->page, "draft_served_on", s.served, 0);
	plan_view_put(c, &d, NULL, 0);
	plan_draft_free(&d);
	return (page_render(c, 200, "plan-print", strcmp(s.status, "final") == 0 ?
	    "Final EHC plan" : "Draft EHC plan"));
}
