/*
 * draft_comments — the family reads the draft EHC plan served on them
 * and has their say (s.38 CFA, reg 13(1)): a comment on each section,
 * saved and come back to; a school or setting to be named (from the
 * council's list, or typed in), a personal budget, a meeting; then a
 * check of their answers and Send. Only the parent or carer of the
 * assessment, and only once a draft has been served (else 404). They
 * read the draft as it was served (its plan version), never later edits.
 *
 * Sending marks every saved comment and request sent, late if after the
 * window's last day (accepted, and marked so: the council still reads
 * it), and sets the draft's responded_on. Nothing saved: they may send
 * "I have no comments", an explicit choice. After sending, what was sent
 * is shown and cannot be changed; they may write more and send again
 * (each send is a response of its own). Every view and write is audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "checks.h"
#include "clock.h"
#include "comments.h"
#include "comments_sql.h"
#include "config.h"
#include "datefmt.h"
#include "db.h"
#include "form.h"
#include "plan.h"
#include "plan_dates.h"
#include "tmpl.h"
#include "views.h"
#include "columns.h"
#include "comments_view.h"

/* The served draft of the path's assessment, for its parent. */
struct draft_state {
	char	issue[24], served[DATE_LEN], due[DATE_LEN], version[24];
	char	plan[24], council[24], account[24];
	int	closed;		/* the window's last day has passed */
};

/* A refusal on the reading page: the field, its message, and which of
 * the forms posted (its text is shown again). */
struct draft_error {
	const char	*section;	/* a comment's section, or NULL */
	const char	*field, *message;
	const char	*kind;		/* a request's kind, or NULL */
};

/* What parent_section() puts under each section. */
struct section_arg {
	PGresult			*mine;
	const struct draft_error	*err;
	const char			*posted;
};

static int	draft_load(struct ctx *, struct draft_state *);
static int	render_draft(struct ctx *, const struct draft_state *, int,
		    const struct draft_error *);
static int	render_check(struct ctx *, const struct draft_state *, int);

/* 1 and s: the parent may read the served draft; 0 (404); -1 (503). */
static int
draft_load(struct ctx *c, struct draft_state *s)
{
	PGresult	*res;
	char		 org[24], today[DATE_LEN], window[300];
	int		 n;

	memset(s, 0, sizeof(*s));
	(void)snprintf(s->account, sizeof(s->account), "%lld", c->sess.account_id);
	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	if ((res = db_q(ST_ASSESSMENT_GET, c->id_text[0], s->account, org,
	    role_name(c->sess.role))) == NULL)
		return (-1);
	if ((n = db_rows(res)) == 1) {
		tdict_set(c->page, "assessment_id", db_val(res, 0, AS_ID));
		tdict_set(c->page, "reference", db_val(res, 0, AS_REFERENCE));
		tdict_setf(c->page, "child", "%s %s", db_val(res, 0, AS_GIVEN),
		    db_val(res, 0, AS_FAMILY));
		(void)snprintf(s->council, sizeof(s->council), "%s",
		    db_val(res, 0, AS_COUNCIL));
	}
	PQclear(res);
	if (n != 1)
		return (0);
	if ((res = db_qd(&comments_stmts[CM_DRAFT_LATEST], c->id_text[0])) == NULL)
		return (-1);
	if ((n = db_rows(res)) == 1) {
		(void)snprintf(s->issue, sizeof(s->issue), "%s", db_val(res, 0, DL_ID));
		(void)snprintf(s->served, sizeof(s->served), "%s",
		    db_val(res, 0, DL_SERVED));
		(void)snprintf(s->due, sizeof(s->due), "%s", db_val(res, 0, DL_DUE));
		(void)snprintf(s->version, sizeof(s->version), "%s",
		    db_val(res, 0, DL_PLAN_VERSION));
		(void)snprintf(s->plan, sizeof(s->plan), "%s", db_val(res, 0, DL_PLAN));
	}
	PQclear(res);
	if (n != 1)
		return (0);
	config_today(today);
	s->closed = comment_window_words(s->served, today, WINDOW_FAMILY,
	    window, sizeof(window)) == 1;
	tdict_set(c->page, "window", window);
	if (s->closed)
		tdict_set(c->page, "window_closed", "1");
	tdict_set_date(c->page, "served_on", s->served, 0);
	return (1);
}

/* Under section sec: the comment box (the saved comment, or the text
 * refused), and what was sent on it already. */
static void
parent_section(struct ctx *c, struct tdict *so, const char *sec, void *p)
{
	const struct section_arg	*a = p;
	struct tdict			*form, *o;
	const char			*value = "";
	int				 r;

	(void)c;
	form = tdict_child(so, "comment_form");
	for (r = 0; r < db_rows(a->mine); r++) {
		if (strcmp(db_val(a->mine, r, MC_SECTION), sec) != 0)
			continue;
		if (db_val(a->mine, r, MC_SUBMITTED)[0] == '\0') {
			value = db_val(a->mine, r, MC_BODY);
			tdict_set(form, "comment_saved", "1");
			continue;
		}
		o = tdict_push(so, "my_sent");
		tdict_set(o, "body", db_val(a->mine, r, MC_BODY));
		tdict_set_date(o, "sent_on", db_val(a->mine, r, MC_SUBMITTED), 0);
		if (strcmp(db_val(a->mine, r, MC_LATE), "1") == 0)
			tdict_set(o, "late", "1");
	}
	if (a->err != NULL && a->err->section != NULL &&
	    strcmp(a->err->section, sec) == 0) {
		value = a->posted != NULL ? a->posted : "";
		tdict_set(form, "comment_error", a->err->message);
	}
	tdict_set(form, "comment_value", value);
}

/* The parent's requests: saved ones (to change or remove), sent ones,
 * and the forms filled with the saved or refused values. */
static int
requests_put(struct ctx *c, const struct draft_state *s,
    const struct draft_error *err)
{
	PGresult	*res;
	struct tdict	*o;
	const char	*kind, *chosen = "", *typed = "", *detail[3] = { "", "", "" };
	static const char *const kinds[3] = { "school", "personal_budget", "meeting" };
	static const char *const keys[3] = { "school_detail", "budget_detail",
	    "meeting_detail" };
	int		 r, k;

	if ((res = db_qd(&comments_stmts[CM_MINE_REQUESTS], s->issue,
	    s->account)) == NULL)
		return (-1);
	for (r = 0; r < db_rows(res); r++) {
		kind = db_val(res, r, MR_KIND);
		if (db_val(res, r, MR_SUBMITTED)[0] != '\0') {
			o = tdict_push(c->page, "sent_requests");
			tdict_set(c->page, "has_sent", "1");
			tdict_set_date(o, "sent_on", db_val(res, r, MR_SUBMITTED), 0);
			if (strcmp(db_val(res, r, MR_LATE), "1") == 0)
				tdict_set(o, "late", "1");
		} else {
			o = tdict_push(c->page, "my_requests");
			tdict_set(c->page, "has_unsent", "1");
			for (k = 0; k < 3; k++)
				if (strcmp(kind, kinds[k]) == 0)
					detail[k] = db_val(res, r, MR_DETAIL);
			if (strcmp(kind, "school") == 0) {
				chosen = db_val(res, r, MR_SETTING_ID);
				if (chosen[0] == '\0')
					typed = db_val(res, r, MR_SETTING);
			}
		}
		tdict_set(o, "kind", kind);
		tdict_set(o, "label", plan_request_label(kind));
		tdict_set(o, "setting", db_val(res, r, MR_SETTING));
		tdict_set(o, "detail", db_val(res, r, MR_DETAIL));
	}
	if (err != NULL && err->kind != NULL) {
		for (k = 0; k < 3; k++)
			if (strcmp(err->kind, kinds[k]) == 0)
				detail[k] = form_get(c->form, "detail") ?
				    form_get(c->form, "detail") : "";
		if (strcmp(err->kind, "school") == 0) {
			chosen = form_get(c->form, "setting") ?
			    form_get(c->form, "setting") : "";
			typed = form_get(c->form, "setting_name") ?
			    form_get(c->form, "setting_name") : "";
		}
	}
	for (k = 0; k < 3; k++)
		tdict_set(c->page, keys[k], detail[k]);
	tdict_set(c->page, "setting_name", typed);
	PQclear(res);
	if ((res = db_qd(&comments_stmts[CM_SCHOOLS], s->council)) == NULL)
		return (-1);
	for (r = 0; r < db_rows(res); r++) {
		o = tdict_push(c->page, "schools");
		tdict_set(o, "value", db_val(res, r, 0));
		tdict_set(o, "text", db_val(res, r, 1));
		if (strcmp(chosen, db_val(res, r, 0)) == 0)
			tdict_set(o, "selected", "1");
	}
	PQclear(res);
	return (0);
}

/* The success banner of a redirect after a save, a removal or a send
 * (the texts are ours; only the section id comes from the query, and
 * only as one of the plan's). */
static void
success_put(struct ctx *c, const struct draft_state *s)
{
	char	q[16], msg[300];
	int	sec;

	if ((sec = plan_section_parse(query_get(c, "saved", q, sizeof(q)))) >= 0) {
		(void)snprintf(msg, sizeof(msg), "Your comment on section %s is "
		    "saved. It is not sent yet: check your comments and send "
		    "them when you are ready", plan_section_id((enum plan_section)sec));
		tdict_set(c->page, "success", msg);
	} else if (plan_request_label(query_get(c, "asked", q, sizeof(q)))[0] != '\0')
		tdict_set(c->page, "success", "Your request is saved. It is not "
		    "sent yet: check your answers and send them when you are ready");
	else if (strcmp(query_get(c, "removed", q, sizeof(q)), "1") == 0)
		tdict_set(c->page, "success", "Your request is removed");
	else if (strcmp(query_get(c, "sent", q, sizeof(q)), "1") == 0)
		tdict_set(c->page, "success", s->closed ? "Your response is sent "
		    "to the council. It was sent after the last day, so it is "
		    "marked as late, but the council will still read it" :
		    "Your response is sent to the council");
}

static int
render_draft(struct ctx *c, const struct draft_state *s, int status,
    const struct draft_error *err)
{
	struct plan_draft	 d;
	struct section_arg	 a;
	int			 r;

	memset(&a, 0, sizeof(a));
	a.err = err;
	if (err != NULL) {
		page_error_add(c, err->field, err->message);
		if (err->section != NULL)
			a.posted = form_get(c->form, "comment");
	}
	if ((a.mine = db_qd(&comments_stmts[CM_MINE_COMMENTS], s->issue,
	    s->account)) == NULL)
		return (page_error(c, 503));
	if (plan_view_load_at(s->plan, s->version, &d) == -1 ||
	    requests_put(c, s, err) == -1) {
		plan_draft_free(&d);
		PQclear(a.mine);
		return (page_error(c, 503));
	}
	for (r = 0; r < db_rows(a.mine); r++)
		tdict_set(c->page, db_val(a.mine, r, MC_SUBMITTED)[0] == '\0' ?
		    "has_unsent" : "has_sent", "1");
	plan_view_put_each(c, &d, NULL, 0, parent_section, &a);
	plan_draft_free(&d);
	PQclear(a.mine);
	if (err == NULL)
		success_put(c, s);
	return (page_render(c, status, "draft", "Draft EHC plan: your comments"));
}

/* GET /assessments/{id}/draft */
int
page_draft(struct ctx *c)
{
	struct draft_state	s;
	int			rc;

	if ((rc = draft_load(c, &s)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	audit(c, "view_draft_plan", "assessment", c->id[0], s.issue);
	return (render_draft(c, &s, 200, NULL));
}

/* POST /assessments/{id}/draft/comments: one section's comment, saved. */
int
do_draft_comment(struct ctx *c)
{
	struct draft_state	 s;
	struct draft_error	 e;
	PGresult		*res;
	const char		*body;
	char			 field[24], dest[96];
	int			 rc, sec, ok;

	if ((rc = draft_load(c, &s)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	if ((sec = plan_section_parse(form_get(c->form, "section") ?
	    form_get(c->form, "section") : "")) < 0)
		return (page_error(c, 400));
	body = form_get(c->form, "comment");
	memset(&e, 0, sizeof(e));
	if ((e.message = comment_refusal(body)) != NULL) {
		e.section = plan_section_id((enum plan_section)sec);
		(void)snprintf(field, sizeof(field), "comment-%s", e.section);
		e.field = field;
		audit(c, "refuse_draft_comment", "assessment", c->id[0], e.section);
		return (render_draft(c, &s, 400, &e));
	}
	res = db_qd(&comments_stmts[CM_COMMENT_SAVE], s.issue, s.account,
	    plan_section_id((enum plan_section)sec), body);
	ok = res != NULL && db_rows(res) == 1;
	PQclear(res);
	if (!ok)
		return (page_error(c, 503));
	audit(c, "save_draft_comment", "assessment", c->id[0],
	    plan_section_id((enum plan_section)sec));
	(void)snprintf(dest, sizeof(dest), "/assessments/%s/draft?saved=%s#section-%s",
	    c->id_text[0], plan_section_id((enum plan_section)sec),
	    plan_section_id((enum plan_section)sec));
	return (http_see_other(c, dest));
}

/* 1 if chosen is one of the council's schools or settings. */
static int
school_of_council(const char *council, const char *chosen)
{
	PGresult	*res;
	int		 r, found = 0;

	if ((res = db_qd(&comments_stmts[CM_SCHOOLS], council)) == NULL)
		return (-1);
	for (r = 0; r < db_rows(res); r++)
		found |= strcmp(db_val(res, r, 0), chosen) == 0;
	PQclear(res);
	return (found);
}

/* The refusal of a request as posted, into e; 0 none, 1 refused, -1. */
static int
request_refused(struct ctx *c, const struct draft_state *s, const char *kind,
    struct draft_error *e)
{
	const char	*chosen = form_get(c->form, "setting");
	const char	*typed = form_get(c->form, "setting_name");
	int		 rc;

	e->kind = kind;
	if (strcmp(kind, "school") == 0) {
		if ((e->message = setting_refusal(chosen, typed)) != NULL) {
			e->field = chosen != NULL && !blank(chosen) &&
			    typed != NULL && !blank(typed) ? "setting" :
			    typed != NULL && !blank(typed) ? "setting-name" :
			    "setting";
			return (1);
		}
		if (chosen != NULL && !blank(chosen)) {
			if ((rc = school_of_council(s->council, chosen)) != 1) {
				e->field = "setting";
				e->message = "Select a school or setting from the list";
				return (rc == -1 ? -1 : 1);
			}
		}
	}
	if ((e->message = detail_refusal(form_get(c->form, "detail"))) != NULL) {
		e->field = strcmp(kind, "school") == 0 ? "school-detail" :
		    strcmp(kind, "meeting") == 0 ? "meeting-detail" : "budget-detail";
		return (1);
	}
	return (0);
}

/* POST /assessments/{id}/draft/requests: a request saved, or removed. */
int
do_draft_request(struct ctx *c)
{
	struct draft_state	 s;
	struct draft_error	 e;
	PGresult		*res;
	const char		*kind, *action, *chosen, *typed, *detail;
	char			 dest[96];
	int			 rc, ok;

	if ((rc = draft_load(c, &s)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	kind = form_get(c->form, "kind");
	if (kind == NULL || plan_request_label(kind)[0] == '\0')
		return (page_error(c, 400));
	action = form_get(c->form, "action");
	if (action != NULL && strcmp(action, "remove") == 0) {
		res = db_qd(&comments_stmts[CM_REQUEST_REMOVE], s.issue,
		    s.account, kind);
		ok = res != NULL;
		PQclear(res);
		if (!ok)
			return (page_error(c, 503));
		audit(c, "remove_draft_request", "assessment", c->id[0], kind);
		(void)snprintf(dest, sizeof(dest),
		    "/assessments/%s/draft?removed=1#requests", c->id_text[0]);
		return (http_see_other(c, dest));
	}
	memset(&e, 0, sizeof(e));
	if ((rc = request_refused(c, &s, kind, &e)) != 0) {
		if (rc == -1)
			return (page_error(c, 503));
		audit(c, "refuse_draft_request", "assessment", c->id[0], kind);
		return (render_draft(c, &s, 400, &e));
	}
	chosen = strcmp(kind, "school") == 0 ? form_get(c->form, "setting") : NULL;
	typed = strcmp(kind, "school") == 0 ? form_get(c->form, "setting_name") : NULL;
	detail = form_get(c->form, "detail");
	res = db_qd(&comments_stmts[CM_REQUEST_SAVE], s.issue, s.account, kind,
	    chosen != NULL && !blank(chosen) ? chosen : "",
	    typed != NULL && !blank(typed) ? typed : "",
	    detail != NULL ? detail : "");
	ok = res != NULL && db_rows(res) == 1;
	PQclear(res);
	if (!ok)
		return (page_error(c, 503));
	audit(c, "save_draft_request", "assessment", c->id[0], kind);
	(void)snprintf(dest, sizeof(dest), "/assessments/%s/draft?asked=%s#requests",
	    c->id_text[0], kind);
	return (http_see_other(c, dest));
}

/* The check-your-answers page: what will be sent; nothing saved: the
 * explicit "I have no comments". */
static int
render_check(struct ctx *c, const struct draft_state *s, int status)
{
	PGresult	*res;
	struct tdict	*o;
	int		 r, sec, n = 0;

	if ((res = db_qd(&comments_stmts[CM_MINE_COMMENTS], s->issue,
	    s->account)) == NULL)
		return (page_error(c, 503));
	for (r = 0; r < db_rows(res); r++) {
		if (db_val(res, r, MC_SUBMITTED)[0] != '\0' ||
		    (sec = plan_section_parse(db_val(res, r, MC_SECTION))) < 0)
			continue;
		o = tdict_push(c->page, "comments");
		tdict_set(o, "section", db_val(res, r, MC_SECTION));
		tdict_setf(o, "title", "Section %s: %s", db_val(res, r, MC_SECTION),
		    plan_section_title((enum plan_section)sec));
		tdict_set(o, "body", db_val(res, r, MC_BODY));
		n++;
	}
	PQclear(res);
	if ((res = db_qd(&comments_stmts[CM_MINE_REQUESTS], s->issue,
	    s->account)) == NULL)
		return (page_error(c, 503));
	for (r = 0; r < db_rows(res); r++) {
		if (db_val(res, r, MR_SUBMITTED)[0] != '\0')
			continue;
		o = tdict_push(c->page, "requests");
		tdict_set(o, "label", plan_request_label(db_val(res, r, MR_KIND)));
		tdict_set(o, "setting", db_val(res, r, MR_SETTING));
		tdict_set(o, "detail", db_val(res, r, MR_DETAIL));
		n++;
	}
	PQclear(res);
	if (n == 0)
		tdict_set(c->page, "nothing_saved", "1");
	else
		tdict_set(c->page, "something_saved", "1");
	return (page_render(c, status, "draft-check",
	    "Check your comments before you send them"));
}

/* GET /assessments/{id}/draft/check */
int
page_draft_check(struct ctx *c)
{
	struct draft_state	s;
	int			rc;

	if ((rc = draft_load(c, &s)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	audit(c, "view_draft_check", "assessment", c->id[0], s.issue);
	return (render_check(c, &s, 200));
}

/* POST /assessments/{id}/draft/submit */
int
do_draft_submit(struct ctx *c)
{
	struct draft_state	 s;
	PGresult		*res;
	const char		*none;
	char			 today[DATE_LEN], dest[96], what[64];
	int			 rc, late, saved = 0, r;

	if ((rc = draft_load(c, &s)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	if ((res = db_qd(&comments_stmts[CM_MINE_COMMENTS], s.issue,
	    s.account)) == NULL)
		return (page_error(c, 503));
	for (r = 0; r < db_rows(res); r++)
		saved += db_val(res, r, MC_SUBMITTED)[0] == '\0';
	PQclear(res);
	if ((res = db_qd(&comments_stmts[CM_MINE_REQUESTS], s.issue,
	    s.account)) == NULL)
		return (page_error(c, 503));
	for (r = 0; r < db_rows(res); r++)
		saved += db_val(res, r, MR_SUBMITTED)[0] == '\0';
	PQclear(res);
	none = form_get(c->form, "no_comments");
	if (saved == 0 && (none == NULL || strcmp(none, "yes") != 0)) {
		page_error_add(c, "no-comments", "Select \xe2\x80\x98I have no "
		    "comments on the draft plan\xe2\x80\x99, or go back to the "
		    "draft and write your comments");
		return (render_check(c, &s, 400));
	}
	config_today(today);
	late = comment_late(s.served, today) == 1;
	res = db_qd(&comments_stmts[CM_SUBMIT], s.issue, s.account, today,
	    late ? "t" : "f");
	rc = res != NULL && db_rows(res) == 1;
	if (rc)
		(void)snprintf(what, sizeof(what), "%s comments, %s requests%s",
		    db_val(res, 0, 0), db_val(res, 0, 1), late ? ", late" : "");
	PQclear(res);
	if (!rc)
		return (page_error(c, 503));
	audit(c, "submit_draft_response", "assessment", c->id[0], what);
	(void)snprintf(dest, sizeof(dest), "/assessments/%s/draft?sent=1",
	    c->id_text[0]);
	return (http_see_other(c, dest));
}
