/*
 * decision — the assessment's decisions (regs 4-5, 10, 13): whether to
 * assess, whether to issue a plan, the draft issued, the final issued.
 * A caseworker or manager records each with its date; who and when are
 * recorded with it, and its statutory date (clock.h). A "no" ends the
 * assessment (closed_on) and tells the family by mail and notification,
 * naming the case reference, never the child; their page says how to
 * appeal. The rules are val_decision's (validate.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "chaser.h"
#include "checks.h"
#include "clock.h"
#include "comments.h"
#include "config.h"
#include "datefmt.h"
#include "db.h"
#include "decision_sql.h"
#include "form.h"
#include "tmpl.h"
#include "validate.h"
#include "columns.h"

/* The assessment of the path and what is recorded of its decisions. */
struct dec_state {
	char	reference[64], received[DATE_LEN];
	char	on[DEC__MAX][DATE_LEN], outcome[DEC__MAX][4];
};

static int	load(struct ctx *, struct dec_state *);
static int	render_new(struct ctx *, const struct dec_state *, int);

/* 1 and s, if this caseworker or manager may see the assessment; 0
 * (404), -1 (503). Puts its reference and id on the page. */
static int
load(struct ctx *c, struct dec_state *s)
{
	PGresult	*res;
	char		 acc[24], org[24];
	int		 i, k;

	memset(s, 0, sizeof(*s));
	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	if ((res = db_q(ST_ASSESSMENT_GET, c->id_text[0], acc, org,
	    role_name(c->sess.role))) == NULL)
		return (-1);
	if (db_rows(res) != 1) {
		PQclear(res);
		return (0);
	}
	tdict_set(c->page, "assessment_id", db_val(res, 0, AS_ID));
	tdict_set(c->page, "reference", db_val(res, 0, AS_REFERENCE));
	(void)snprintf(s->reference, sizeof(s->reference), "%s",
	    db_val(res, 0, AS_REFERENCE));
	(void)snprintf(s->received, sizeof(s->received), "%s",
	    db_val(res, 0, AS_RECEIVED));
	PQclear(res);
	if ((res = db_qd(&decision_stmts[DS_OF], c->id_text[0])) == NULL)
		return (-1);
	for (i = 0; i < db_rows(res); i++) {
		if ((k = dec_kind_of(db_val(res, i, DC_KIND))) == DEC__MAX)
			continue;
		(void)snprintf(s->on[k], sizeof(s->on[k]), "%s",
		    db_val(res, i, DC_DECIDED));
		(void)snprintf(s->outcome[k], sizeof(s->outcome[k]), "%s",
		    db_val(res, i, DC_OUTCOME));
	}
	PQclear(res);
	return (1);
}

static int
render_new(struct ctx *c, const struct dec_state *s, int status)
{
	struct statutory	 st;
	struct tdict		*o;
	const char		*chosen, *due;
	int			 k;

	if (statutory_dates(s->received, &st) == -1)
		return (page_error(c, 503));
	chosen = c->form != NULL ? form_get(c->form, "decision") : NULL;
	for (k = 0; k < DEC__MAX; k++) {
		o = tdict_push(c->page, "kinds");
		tdict_set(o, "value", dec_kind_id(k));
		tdict_set(o, "text", dec_kind_label(k));
		tdict_set(o, "id", k == 0 ? "decision" : dec_kind_id(k));
		due = k == DEC_ASSESS ? st.decision_due : k == DEC_PLAN ?
		    st.no_plan_due : st.final_due;
		if (k == DEC_ASSESS)
			tdict_set(o, "hint_prefix", "Due by ");
		else if (k == DEC_PLAN)
			tdict_set(o, "hint_prefix", "A decision not to issue a "
			    "plan is due by ");
		else if (k == DEC_FINAL)
			tdict_set(o, "hint_prefix", "Due by ");
		else
			tdict_set(o, "hint_prefix", "The final plan is due by ");
		tdict_set_date(o, "due", due, 0);
		if (s->on[k][0] != '\0') {
			tdict_set(o, "done", "1");
			tdict_set_date(o, "done_on", s->on[k], 0);
		}
		if (chosen != NULL && strcmp(chosen, dec_kind_id(k)) == 0)
			tdict_set(o, "checked", "1");
	}
	chosen = c->form != NULL ? form_get(c->form, "outcome") : NULL;
	if (chosen != NULL && strcmp(chosen, "yes") == 0)
		tdict_set(c->page, "outcome_yes", "1");
	if (chosen != NULL && strcmp(chosen, "no") == 0)
		tdict_set(c->page, "outcome_no", "1");
	tdict_set_date(c->page, "received", s->received, 0);
	page_keep_form(c);
	return (page_render(c, status, "decision-new", "Record a decision"));
}

/* GET /assessments/{id}/decisions/new */
int
page_decision_new(struct ctx *c)
{
	struct dec_state	s;
	int			rc;

	if ((rc = load(c, &s)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	return (render_new(c, &s, 200));
}

/* The family is told the assessment ended: a mail and a notification,
 * with the case reference only. Also for a "no" recorded by the API
 * (api_plan.c). */
int
decision_tell_family(const char *assessment, const char *reference, int k,
    const char *on)
{
	PGresult	*res;
	char		 subject[200], body[1600], link[300], msg[200], day[40];
	char		 rel[64];

	if (date_words(on, day, sizeof(day)) == -1)
		(void)snprintf(day, sizeof(day), "%s", on);
	(void)snprintf(link, sizeof(link), "%s/assessments/%s",
	    portal_chaser.base_url, assessment);
	(void)snprintf(subject, sizeof(subject), "Case %s: the council's "
	    "decision", reference);
	(void)snprintf(body, sizeof(body),
	    "On %s the council decided %s for case %s.\n\n"
	    "You can appeal against this decision to the First-tier Tribunal "
	    "(Special Educational Needs and Disability). Before you appeal, "
	    "you must contact a mediation adviser. You usually have 2 months "
	    "from the date of the council's decision letter, or 1 month from "
	    "the date of the mediation certificate if that is later.\n\n"
	    "Sign in to read the decision and what you can do next:\n%s\n",
	    day, k == DEC_ASSESS ? "not to carry out an education, health "
	    "and care needs assessment" : "not to issue an education, health "
	    "and care plan", reference, link);
	(void)snprintf(msg, sizeof(msg), "The council has made a decision on "
	    "case %s. Read what it means and how to appeal", reference);
	(void)snprintf(rel, sizeof(rel), "/assessments/%s", assessment);
	res = db_qd(&decision_stmts[DS_TELL_FAMILY], assessment, subject,
	    body, link, msg, rel);
	if (res == NULL || db_rows(res) != 1) {
		PQclear(res);
		return (-1);
	}
	PQclear(res);
	return (0);
}

/* POST /assessments/{id}/decisions */
int
do_decision_create(struct ctx *c)
{
	struct dec_state	 s;
	struct val_decision	 v;
	struct statutory	 st;
	struct verrs		 e;
	PGresult		*res;
	enum dec_kind		 k;
	const char		*outcome, *due;
	char			 date[DATE_LEN], today[DATE_LEN], acc[24],
				 org[24], dest[96], made[24], serve_by[DATE_LEN];
	int			 rc, ends;

	if ((rc = load(c, &s)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	if (date_from_parts(form_get(c->form, "decided-day"),
	    form_get(c->form, "decided-month"),
	    form_get(c->form, "decided-year"), date) == -1)
		date[0] = '\0';
	config_today(today);
	memset(&v, 0, sizeof(v));
	v.kind = form_get(c->form, "decision");
	v.outcome = form_get(c->form, "outcome");
	v.date = date;
	v.received = s.received;
	v.today = today;
	for (k = 0; k < DEC__MAX; k++) {
		v.done_on[k] = s.on[k];
		v.done_outcome[k] = s.outcome[k];
	}
	verrs_init(&e);
	if (val_decision(&v, &e) > 0 || statutory_dates(s.received, &st) == -1) {
		page_verrs(c, &e);
		return (render_new(c, &s, 400));
	}
	k = dec_kind_of(v.kind);
	outcome = k == DEC_ASSESS || k == DEC_PLAN ? v.outcome : NULL;
	due = k == DEC_ASSESS ? st.decision_due : k == DEC_PLAN ?
	    st.no_plan_due : st.final_due;
	/* A draft is due as one served from the plan page (comments.h). */
	if (k == DEC_DRAFT && draft_serve_by(s.received, serve_by) == 0)
		due = serve_by;
	ends = outcome != NULL && strcmp(outcome, "no") == 0;
	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	if (db_begin() == -1)
		return (page_error(c, 503));
	res = db_qd(&decision_stmts[DS_CREATE], c->id_text[0], v.kind, outcome,
	    date, due, acc, org, role_name(c->sess.role));
	if (res == NULL || db_rows(res) != 1) {
		db_rollback();
		PQclear(res);
		if (res == NULL && db_unavailable())
			return (page_error(c, 503));
		/* Recorded by someone else meanwhile, or closed. */
		verrs_add(&e, VF_DEC_KIND, "This decision cannot be recorded: "
		    "it is already recorded or the assessment has ended");
		page_verrs(c, &e);
		return (render_new(c, &s, 400));
	}
	(void)snprintf(made, sizeof(made), "%s", db_val(res, 0, 0));
	PQclear(res);
	if (ends) {
		res = db_qd(&decision_stmts[DS_CLOSE], c->id_text[0], date);
		rc = res != NULL;
		PQclear(res);
		if (!rc || decision_tell_family(c->id_text[0], s.reference, k,
		    date) == -1) {
			db_rollback();
			return (page_error(c, 503));
		}
	}
	if (db_commit() == -1) {
		db_rollback();
		return (page_error(c, 503));
	}
	audit(c, "record_decision", "assessment", c->id[0], made);
	(void)snprintf(dest, sizeof(dest), "/assessments/%s?decided=%s",
	    c->id_text[0], ends ? "ended" : "1");
	return (http_see_other(c, dest));
}
