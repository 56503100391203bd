/*
 * consult — school consultations on the draft EHC plan (s.39 CFA, CoP
 * 9.83). The caseworker or manager consults one or more settings at once
 * (from the council's schools, or a name typed in); each should answer
 * within 15 days of the day it is sent. The setting's school responders
 * are told by mail and notification (the case reference, never the
 * child), list their setting's consultations, read the child's name and
 * date of birth, the draft as it was sent and the accepted advice, and
 * answer once: can meet the needs, or cannot with reasons, with any
 * adjustments and costs. The caseworker is then told. Staff of the
 * council may record an answer received outside the portal (a setting
 * typed in has nobody to answer in it). An answer is not changed
 * afterwards: a setting that changes its mind tells the caseworker, who
 * consults it again. Only the setting's responders and the council's
 * staff see a consultation; any other id is 404. Every view of the
 * child's record and every answer is audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "advice.h"
#include "chaser.h"
#include "checks.h"
#include "clock.h"
#include "config.h"
#include "consult_sql.h"
#include "datefmt.h"
#include "db.h"
#include "form.h"
#include "paging.h"
#include "plan.h"
#include "plan_dates.h"
#include "plan_sql.h"
#include "template.h"
#include "tmpl.h"
#include "validate.h"
#include "views.h"
#include "columns.h"

#define SETTINGS_MAX	64	/* settings ticked at once */

/* What the form asks, as read from the post. */
struct consult_form {
	long long	 ids[SETTINGS_MAX];	/* ticked settings, known */
	const char	*names[SETTINGS_MAX];
	size_t		 n;
	const char	*typed;
	char		 sent[DATE_LEN];
};

static int	assessment_load(struct ctx *, PGresult **);
static int	settings_put(struct ctx *, const char *, PGresult **);
static int	render_new(struct ctx *, PGresult *, enum val_plan, int);
static void	read_form(struct ctx *, PGresult *, struct consult_form *,
		    struct val_consultation *);
static int	consultation_load(struct ctx *, PGresult **);
static int	advice_put(struct ctx *, const char *);
static int	render_consultation(struct ctx *, PGresult *, int);

/* The assessment of the path if this caseworker or manager may see it:
 * 1, 0 (404), -1 (503). Its reference and id on the page. */
static int
assessment_load(struct ctx *c, PGresult **out)
{
	int	rc;

	if ((rc = scoped_get(c, ST_ASSESSMENT_GET, c->id_text[0], out)) != 1)
		return (rc);
	tdict_set(c->page, "assessment_id", db_val(*out, 0, AS_ID));
	tdict_set(c->page, "reference", db_val(*out, 0, AS_REFERENCE));
	tdict_setf(c->page, "child_name", "%s %s", db_val(*out, 0, AS_GIVEN),
	    db_val(*out, 0, AS_FAMILY));
	return (1);
}

/* The council's schools as checkboxes (ticked as posted) into
 * "settings"; the rows in *out (the caller frees). 0, or -1. */
static int
settings_put(struct ctx *c, const char *council, PGresult **out)
{
	struct tdict	*o;
	const char	*n;
	size_t		 k;
	int		 i, responders;

	if ((*out = db_qd(&consult_stmts[CN_SETTINGS], council)) == NULL)
		return (-1);
	for (i = 0; i < db_rows(*out); i++) {
		o = tdict_push(c->page, "settings");
		tdict_set(o, "value", db_val(*out, i, CSET_ID));
		tdict_set(o, "text", db_val(*out, i, CSET_NAME));
		if (i == 0)
			tdict_set(o, "id", "setting");
		else
			tdict_setf(o, "id", "setting-%d", i + 1);
		responders = atoi(db_val(*out, i, CSET_RESPONDERS));
		if (responders == 0)
			tdict_set(o, "hint", "Nobody at this setting can answer "
			    "in the portal yet: send the draft to it another "
			    "way too, and record its answer here");
		else
			tdict_setf(o, "hint", "%d %s can answer in the portal "
			    "and will be told by email", responders,
			    responders == 1 ? "person" : "people");
		for (k = 0; c->form != NULL && k < form_count(c->form); k++) {
			n = form_name_at(c->form, k);
			if (strcmp(n, "setting") == 0 && strcmp(form_value_at(
			    c->form, k), db_val(*out, i, CSET_ID)) == 0)
				tdict_set(o, "checked", "1");
		}
	}
	if (db_rows(*out) > 0)
		tdict_set(c->page, "has_settings", "1");
	return (0);
}

static int
render_new(struct ctx *c, PGresult *as, enum val_plan st, int status)
{
	PGresult	*set;
	char		 today[DATE_LEN];

	if (settings_put(c, db_val(as, 0, AS_COUNCIL), &set) == -1)
		return (page_error(c, 503));
	PQclear(set);
	if (st == VAL_PLAN_NONE)
		tdict_set(c->page, "no_plan", "1");
	else if (st == VAL_PLAN_FINAL)
		tdict_set(c->page, "plan_final", "1");
	else if (st == VAL_PLAN_ENDED)
		tdict_set(c->page, "ended", "1");
	tdict_set_date(c->page, "received", db_val(as, 0, AS_RECEIVED), 0);
	if (c->form == NULL) {
		/* The day sent defaults to today. */
		config_today(today);
		tdict_setf(c->page, "v_sent-day", "%d", atoi(today + 8));
		tdict_setf(c->page, "v_sent-month", "%d", atoi(today + 5));
		tdict_setf(c->page, "v_sent-year", "%.4s", today);
	}
	page_keep_form(c);
	return (page_render(c, status, "consultation-new",
	    "Consult a school or setting"));
}

/* GET /assessments/{id}/consultations/new */
int
page_consultation_new(struct ctx *c)
{
	PGresult	*as;
	enum val_plan	 st;
	int		 rc;

	if ((rc = assessment_load(c, &as)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	if (consultation_plan_state(c->id_text[0], &st) == -1) {
		PQclear(as);
		return (page_error(c, 503));
	}
	rc = render_new(c, as, st, 200);
	PQclear(as);
	return (rc);
}

/* The ticked settings (those of set, the council's), the name typed and
 * the day sent into f and v. */
static void
read_form(struct ctx *c, PGresult *set, struct consult_form *f,
    struct val_consultation *v)
{
	const char	*name, *value;
	size_t		 k, j;
	int		 i, found;

	memset(f, 0, sizeof(*f));
	for (k = 0; k < form_count(c->form); k++) {
		name = form_name_at(c->form, k);
		value = form_value_at(c->form, k);
		if (strcmp(name, "setting") != 0)
			continue;
		for (found = -1, i = 0; i < db_rows(set); i++)
			if (strcmp(value, db_val(set, i, CSET_ID)) == 0)
				found = i;
		if (found == -1 || f->n == SETTINGS_MAX) {
			v->unknown++;
			continue;
		}
		for (j = 0; j < f->n; j++)	/* ticked twice: once */
			if (f->ids[j] == strtoll(value, NULL, 10))
				break;
		if (j < f->n)
			continue;
		f->ids[f->n] = strtoll(value, NULL, 10);
		f->names[f->n++] = db_val(set, found, CSET_NAME);
	}
	f->typed = form_get(c->form, "setting-name");
	if (f->typed != NULL && blank(f->typed))
		f->typed = NULL;
	/* A listed school typed by its name is that school (its responders
	 * are told), as the API does. */
	for (i = 0; f->typed != NULL && i < db_rows(set); i++) {
		if (strcasecmp(f->typed, db_val(set, i, CSET_NAME)) != 0)
			continue;
		for (j = 0; j < f->n; j++)
			if (f->ids[j] == strtoll(db_val(set, i, CSET_ID), NULL, 10))
				break;
		if (j == f->n && f->n < SETTINGS_MAX) {
			f->ids[f->n] = strtoll(db_val(set, i, CSET_ID), NULL, 10);
			f->names[f->n++] = db_val(set, i, CSET_NAME);
		}
		f->typed = NULL;
	}
	v->chosen = f->n;
	v->typed = f->typed;
	if (date_from_parts(form_get(c->form, "sent-day"),
	    form_get(c->form, "sent-month"), form_get(c->form, "sent-year"),
	    f->sent) == -1)
		f->sent[0] = '\0';
	v->sent = f->sent;
}

/* POST /assessments/{id}/consultations */
int
do_consultation_create(struct ctx *c)
{
	PGresult		*as, *set = NULL;
	struct consult_form	 f;
	struct val_consultation	 v;
	struct verrs		 e;
	enum val_plan		 st;
	char			 today[DATE_LEN], acc[24], due[DATE_LEN];
	char			 made[SETTINGS_MAX + 1][24], dest[96];
	size_t			 k;
	int			 rc;

	if ((rc = assessment_load(c, &as)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	if ((set = db_qd(&consult_stmts[CN_SETTINGS], db_val(as, 0,
	    AS_COUNCIL))) == NULL) {
		rc = page_error(c, 503);
		goto done;
	}
	config_today(today);
	memset(&v, 0, sizeof(v));
	v.received = db_val(as, 0, AS_RECEIVED);
	v.today = today;
	read_form(c, set, &f, &v);
	verrs_init(&e);
	if (consultation_check(c->id_text[0], f.ids, f.names, f.n, &v,
	    &e) == -1) {
		rc = page_error(c, 503);
		goto done;
	}
	st = v.plan;
	if (e.n > 0) {
		page_verrs(c, &e);
		rc = render_new(c, as, st, 400);
		goto done;
	}
	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	rc = consultation_store(c, c->id_text[0], db_val(as, 0, AS_REFERENCE),
	    f.ids, f.n, f.typed, f.sent, acc, made, due);
	if (rc == 0) {
		verrs_add(&e, VF_CON_SETTING, "A school or setting you chose was "
		    "consulted by someone else a moment ago and has not answered "
		    "yet. Check the list and send again");
		page_verrs(c, &e);
		rc = render_new(c, as, st, 400);
		goto done;
	}
	if (rc == -1) {
		rc = page_error(c, 503);
		goto done;
	}
	for (k = 0; k < f.n + (f.typed != NULL); k++)
		audit(c, "consult_setting", "consultation",
		    strtoll(made[k], NULL, 10), c->id_text[0]);
	(void)snprintf(dest, sizeof(dest), "/assessments/%s?consulted=1#consultations",
	    c->id_text[0]);
	rc = http_see_other(c, dest);
done:
	PQclear(as);
	PQclear(set);
	return (rc);
}

/* GET /consultations: the responder's setting's consultations, open
 * first by due date, then answered; 25 a page. */
int
page_consultations(struct ctx *c)
{
	PGresult	*res;
	struct paging	 p;
	struct tdict	*row;
	char		 org[24], lim[24], off[24], pg[16], today[DATE_LEN];
	int		 i;

	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	if ((res = db_qd(&consult_stmts[CN_LIST_COUNT], org)) == NULL)
		return (page_error(c, 503));
	paging_init(&p, atol(db_val(res, 0, 0)), PAGE_SIZE,
	    paging_page_of(query_get(c, "page", pg, sizeof(pg))));
	PQclear(res);
	pagination_put(c, &p, "/consultations?", "consultation");
	(void)snprintf(lim, sizeof(lim), "%ld", p.size);
	(void)snprintf(off, sizeof(off), "%ld", p.offset);
	if ((res = db_qd(&consult_stmts[CN_LIST], org, lim, off)) == NULL)
		return (page_error(c, 503));
	config_today(today);
	tdict_set(c->page, "setting_name", c->sess.org_name);
	for (i = 0; i < db_rows(res); i++) {
		row = tdict_push(c->page, "consultations");
		tdict_set(row, "id", db_val(res, i, CO_ID));
		tdict_set(row, "reference", db_val(res, i, CO_REFERENCE));
		tdict_set(row, "child", db_val(res, i, CO_CHILD));
		tdict_set(row, "council", db_val(res, i, CO_COUNCIL));
		tdict_set_date(row, "sent_on", db_val(res, i, CO_SENT), 0);
		tdict_set_date(row, "due_on", db_val(res, i, CO_DUE), 0);
		if (db_val(res, i, CO_ANSWER)[0] != '\0')
			tdict_set_date(row, "answered_on",
			    db_val(res, i, CO_ANSWERED), 0);
		consultation_status_put(row, db_val(res, i, CO_ANSWER),
		    db_val(res, i, CO_DUE), today);
	}
	if (db_rows(res) > 0)
		tdict_set(c->page, "has_consultations", "1");
	PQclear(res);
	/* The list names children: a view of their records. */
	audit(c, "view_consultations", "organisation", c->sess.org_id, NULL);
	return (page_render(c, 200, "consultations", "Consultations"));
}

/* The consultation of the path if this caller may see it (CN_GET): 1,
 * 0 (404), -1 (503). */
static int
consultation_load(struct ctx *c, PGresult **out)
{
	char	acc[24], org[24];

	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	if ((*out = db_qd(&consult_stmts[CN_GET], c->id_text[0], acc, org,
	    role_name(c->sess.role))) == NULL)
		return (-1);
	if (db_rows(*out) != 1) {
		PQclear(*out);
		*out = NULL;
		return (0);
	}
	return (1);
}

/* Each accepted advice of the assessment, read-only, into "advice":
 * its adviser, service, date and fields. 0, or -1. */
static int
advice_put(struct ctx *c, const char *assessment)
{
	PGresult		*res;
	struct tdict		*page = c->page, *o;
	struct form		*form = c->form;
	const struct errs	*errs = c->errs;
	const struct tpl	*t;
	struct avals		 v;
	int			 i, rc = 0;

	if ((res = db_qd(&plan_stmts[PS_ACCEPTED], assessment)) == NULL)
		return (-1);
	/* advice_fields_put fills c->page: point it at each advice's own
	 * dict, with no form or errors (read-only), and back. */
	c->form = NULL;
	c->errs = NULL;
	for (i = 0; i < db_rows(res) && rc == 0; i++) {
		t = tpl_find(&advice_templates, db_val(res, i, PA_TPL),
		    atoi(db_val(res, i, PA_TPL_VERSION)));
		avals_init(&v);
		if (t == NULL || advice_values_load(db_val(res, i, PA_ADVICE),
		    &v) == -1) {
			avals_free(&v);
			rc = -1;
			break;
		}
		o = tdict_push(page, "advice");
		tdict_set(o, "kind", advice_kind_label(db_val(res, i, PA_KIND)));
		tdict_set(o, "adviser", db_val(res, i, PA_ADVISER));
		tdict_set(o, "adviser_role", db_val(res, i, PA_ROLE));
		tdict_set(o, "service", db_val(res, i, PA_SERVICE));
		tdict_set_date(o, "advice_date", db_val(res, i, PA_DATE), 0);
		tdict_setf(o, "n", "%d", i + 1);
		c->page = o;
		advice_fields_put(c, t, &v, 0, NULL);
		c->page = page;
		avals_free(&v);
	}
	if (rc == 0 && db_rows(res) > 0)
		tdict_set(page, "has_advice", "1");
	c->page = page;
	c->form = form;
	c->errs = errs;
	PQclear(res);
	return (rc);
}

static int
render_consultation(struct ctx *c, PGresult *cn, int status)
{
	struct plan_draft	 d;
	const char		*answer = db_val(cn, 0, CG_ANSWER);
	char			 today[DATE_LEN];
	int			 rc;

	tdict_set(c->page, "id", db_val(cn, 0, CG_ID));
	tdict_set(c->page, "reference", db_val(cn, 0, CG_REFERENCE));
	tdict_setf(c->page, "child_name", "%s %s", db_val(cn, 0, CG_GIVEN),
	    db_val(cn, 0, CG_FAMILY));
	tdict_set(c->page, "date_of_birth", db_val(cn, 0, CG_DOB));
	tdict_set(c->page, "setting", db_val(cn, 0, CG_SETTING));
	tdict_set(c->page, "council", db_val(cn, 0, CG_COUNCIL_NAME));
	tdict_set_date(c->page, "sent_on", db_val(cn, 0, CG_SENT), 0);
	tdict_set_date(c->page, "due_on", db_val(cn, 0, CG_DUE), 1);
	tdict_set(c->page, "plan_version", db_val(cn, 0, CG_PLAN_VERSION));
	if (strcmp(db_val(cn, 0, CG_PLAN_VERSION), db_val(cn, 0, CG_PLAN_NOW)) != 0)
		tdict_set(c->page, "plan_changed", "1");
	config_today(today);
	consultation_status_put(c->page, answer, db_val(cn, 0, CG_DUE), today);
	if (c->sess.role != ROLE_SCHOOL_RESPONDER) {
		tdict_set(c->page, "staff", "1");
		tdict_set(c->page, "assessment_id", db_val(cn, 0, CG_ASSESSMENT));
	}
	if (answer[0] != '\0') {
		tdict_set(c->page, "answered", "1");
		tdict_set(c->page, "answer_text", strcmp(answer, "can_meet") == 0 ?
		    "Yes, the school or setting can meet the child's needs" :
		    "No, the school or setting cannot meet the child's needs");
		tdict_set(c->page, "a_reasons", db_val(cn, 0, CG_REASONS));
		tdict_set(c->page, "a_adjustments", db_val(cn, 0, CG_ADJUSTMENTS));
		tdict_set(c->page, "a_costs", db_val(cn, 0, CG_COSTS));
		tdict_set_date(c->page, "answered_on", db_val(cn, 0, CG_ANSWERED), 0);
		tdict_set(c->page, "answered_by", db_val(cn, 0, CG_ANSWERED_BY));
	} else {
		if (c->form != NULL && form_get(c->form, "answer") != NULL)
			tdict_set(c->page, strcmp(form_get(c->form, "answer"),
			    "cannot_meet") == 0 ? "answer_cannot" :
			    strcmp(form_get(c->form, "answer"), "can_meet") == 0 ?
			    "answer_can" : "answer_none", "1");
		page_keep_form(c);
	}
	/* The draft as it was sent (every section version is kept). */
	if (plan_view_load_at(db_val(cn, 0, CG_PLAN), db_val(cn, 0,
	    CG_PLAN_VERSION), &d) == -1) {
		plan_draft_free(&d);
		return (page_error(c, 503));
	}
	plan_view_put(c, &d, NULL, 0);
	plan_draft_free(&d);
	if (advice_put(c, db_val(cn, 0, CG_ASSESSMENT)) == -1)
		return (page_error(c, 503));
	rc = page_render(c, status, "consultation", "Consultation on a draft "
	    "EHC plan");
	return (rc);
}

/* GET /consultations/{id} */
int
page_consultation(struct ctx *c)
{
	PGresult	*cn;
	int		 rc;

	if ((rc = consultation_load(c, &cn)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	audit(c, "view_consultation", "consultation", c->id[0],
	    db_val(cn, 0, CG_ASSESSMENT));
	rc = render_consultation(c, cn, 200);
	PQclear(cn);
	return (rc);
}

/* The caseworker is told the setting answered (the case reference only;
 * the notification names the setting and its answer). 0, or -1. */
static int
tell_caseworker(PGresult *cn, const char *answer)
{
	PGresult	*res;
	char		 link[400], rel[64], msg[400];

	(void)snprintf(rel, sizeof(rel), "/consultations/%s", db_val(cn, 0, CG_ID));
	(void)snprintf(link, sizeof(link), "%s%s", portal_chaser.base_url, rel);
	(void)snprintf(msg, sizeof(msg), "%s answered the consultation on case "
	    "%s: %s", db_val(cn, 0, CG_SETTING), db_val(cn, 0, CG_REFERENCE),
	    strcmp(answer, "can_meet") == 0 ? "it can meet the needs" :
	    "it cannot meet the needs");
	res = db_qd(&consult_stmts[CN_TELL_CASEWORKER], db_val(cn, 0, CG_ID),
	    portal_chaser.ev_subjects[CHASE_EV_CONSULTATION_ANSWERED],
	    portal_chaser.ev_bodies[CHASE_EV_CONSULTATION_ANSWERED], link, msg,
	    rel);
	if (res == NULL || db_rows(res) != 1) {
		PQclear(res);
		return (-1);
	}
	PQclear(res);
	return (0);
}

/* POST /consultations/{id}/answer */
int
do_consultation_answer(struct ctx *c)
{
	PGresult	*cn, *res;
	struct verrs	 e;
	const char	*answer, *reasons, *adjustments, *costs;
	char		 today[DATE_LEN], acc[24], dest[64];
	int		 rc;

	if ((rc = consultation_load(c, &cn)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	answer = form_get(c->form, "answer");
	reasons = form_get(c->form, "reasons");
	adjustments = form_get(c->form, "adjustments");
	costs = form_get(c->form, "costs");
	verrs_init(&e);
	if (db_val(cn, 0, CG_ANSWER)[0] != '\0')
		verrs_add(&e, VF_CON_ANSWER, "This consultation has been answered "
		    "already. To change the answer, tell the council's caseworker");
	else
		(void)val_consult_answer(answer, reasons, adjustments, costs, &e);
	if (e.n > 0) {
		page_verrs(c, &e);
		rc = render_consultation(c, cn, 400);
		PQclear(cn);
		return (rc);
	}
	config_today(today);
	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	if (db_begin() == -1) {
		PQclear(cn);
		return (page_error(c, 503));
	}
	/* Reasons are kept only with "cannot meet". */
	res = db_qd(&consult_stmts[CN_ANSWER], c->id_text[0], answer,
	    strcmp(answer, "cannot_meet") == 0 ? reasons : "",
	    adjustments != NULL ? adjustments : "", costs != NULL ? costs : "",
	    today, acc);
	if (res == NULL || db_rows(res) != 1 || tell_caseworker(cn, answer) == -1) {
		rc = res != NULL && db_rows(res) == 0;
		PQclear(res);
		db_rollback();
		if (!rc) {
			PQclear(cn);
			return (page_error(c, 503));
		}
		PQclear(cn);
		if ((rc = consultation_load(c, &cn)) != 1)
			return (page_error(c, rc == -1 ? 503 : 404));
		verrs_add(&e, VF_CON_ANSWER, "This consultation was answered a "
		    "moment ago by someone else. Read the answer below");
		page_verrs(c, &e);
		rc = render_consultation(c, cn, 400);
		PQclear(cn);
		return (rc);
	}
	PQclear(res);
	if (db_commit() == -1) {
		db_rollback();
		PQclear(cn);
		return (page_error(c, 503));
	}
	audit(c, "answer_consultation", "consultation", c->id[0], answer);
	PQclear(cn);
	(void)snprintf(dest, sizeof(dest), "/consultations/%s?answered=1",
	    c->id_text[0]);
	return (http_see_other(c, dest));
}
