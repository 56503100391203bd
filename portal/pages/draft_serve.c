/*
 * draft_serve — the council serves the draft EHC plan on the family
 * (s.38 CFA, reg 13(1)): the day served starts their 15 days. The page
 * (POST /assessments/{id}/plan/issue) and the API (api.c,
 * POST /api/v1/assessments/{id}/plan/draft) both go through
 * draft_serve(). A draft may be served again after changes: a new
 * draft_issued row each time, and the newest is the one the family
 * comments on. Every view and write is audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "chaser.h"
#include "checks.h"
#include "clock.h"
#include "comments.h"
#include "comments_sql.h"
#include "config.h"
#include "datefmt.h"
#include "db.h"
#include "form.h"
#include "plan_dates.h"
#include "plan_sql.h"
#include "sbuf.h"
#include "tmpl.h"
#include "columns.h"
#include "comments_view.h"

/* The assessment of the path and its plan, as the serving page needs. */
struct serve_state {
	char	reference[64], received[DATE_LEN];
	int	has_plan;	/* a plan not yet final */
};

static int	serve_load(struct ctx *, struct serve_state *);
static int	render_issue(struct ctx *, const struct serve_state *, int);
static int	tell_family(const char *, const char *, const char *);
static void	replace_all(struct sbuf *, const char *, const char *,
		    const char *);

/* 1 and s if this caseworker or manager may see the assessment; 0
 * (404), -1 (503). Puts its reference, id and any draft served. */
static int
serve_load(struct ctx *c, struct serve_state *s)
{
	PGresult	*res;
	char		 acc[24], org[24];
	int		 n;

	memset(s, 0, sizeof(*s));
	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	if ((res = db_q(ST_ASSESSMENT_GET, c->id_text[0], acc, org,
	    role_name(c->sess.role))) == NULL)
		return (-1);
	if ((n = db_rows(res)) == 1) {
		tdict_set(c->page, "assessment_id", db_val(res, 0, AS_ID));
		tdict_set(c->page, "reference", db_val(res, 0, AS_REFERENCE));
		(void)snprintf(s->reference, sizeof(s->reference), "%s",
		    db_val(res, 0, AS_REFERENCE));
		(void)snprintf(s->received, sizeof(s->received), "%s",
		    db_val(res, 0, AS_RECEIVED));
	}
	PQclear(res);
	if (n != 1)
		return (0);
	if ((res = db_qd(&plan_stmts[PS_PLAN_GET], c->id_text[0])) == NULL)
		return (-1);
	s->has_plan = db_rows(res) == 1 && strcmp(db_val(res, 0, 2), "final") != 0;
	PQclear(res);
	if ((res = db_qd(&comments_stmts[CM_DRAFT_LATEST], c->id_text[0])) == NULL)
		return (-1);
	if (db_rows(res) == 1)
		tdict_set_date(c->page, "served_before", db_val(res, 0, DL_SERVED), 0);
	PQclear(res);
	return (1);
}

static int
render_issue(struct ctx *c, const struct serve_state *s, int status)
{
	char	today[DATE_LEN], by[DATE_LEN];

	if (c->form == NULL) {
		/* The day served defaults to today. */
		config_today(today);
		tdict_setf(c->page, "v_served-day", "%d", atoi(today + 8));
		tdict_setf(c->page, "v_served-month", "%d", atoi(today + 5));
		tdict_setf(c->page, "v_served-year", "%.4s", today);
	} else
		page_keep_form(c);
	tdict_set_date(c->page, "received", s->received, 0);
	if (draft_serve_by(s->received, by) == 0)
		tdict_set_date(c->page, "serve_by", by, 1);
	if (s->has_plan)
		tdict_set(c->page, "has_plan", "1");
	return (page_render(c, status, "plan-issue",
	    "Send the draft plan to the family"));
}

/* GET /assessments/{id}/plan/issue */
int
page_plan_issue(struct ctx *c)
{
	struct serve_state	s;
	int			rc;

	if ((rc = serve_load(c, &s)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	audit(c, "view_plan_issue", "assessment", c->id[0], NULL);
	return (render_issue(c, &s, 200));
}

/* POST /assessments/{id}/plan/issue */
int
do_plan_issue(struct ctx *c)
{
	struct serve_state	 s;
	const char		*why;
	char			 served[DATE_LEN], today[DATE_LEN],
				 due[DATE_LEN], acc[24], dest[96];
	int			 rc;

	if ((rc = serve_load(c, &s)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	if (!s.has_plan) {
		page_error_add(c, "assemble-link", "Assemble the draft plan "
		    "before you send it to the family");
		return (render_issue(c, &s, 400));
	}
	if (date_from_parts(form_get(c->form, "served-day"),
	    form_get(c->form, "served-month"), form_get(c->form, "served-year"),
	    served) == -1)
		served[0] = '\0';
	config_today(today);
	if ((why = served_refusal(served, s.received, today)) != NULL) {
		page_error_add(c, "served-day", why);
		return (render_issue(c, &s, 400));
	}
	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	rc = draft_serve(c->id_text[0], s.reference, s.received, served, acc, due);
	if (rc == 1) {
		page_error_add(c, "assemble-link", "The draft plan cannot be "
		    "sent: the assessment has ended or the plan is final");
		return (render_issue(c, &s, 400));
	}
	if (rc != 0)
		return (page_error(c, 503));
	audit(c, "serve_draft_plan", "assessment", c->id[0], served);
	(void)snprintf(dest, sizeof(dest), "/assessments/%s/plan?served=1",
	    c->id_text[0]);
	return (http_see_other(c, dest));
}

/* t with every from replaced by to, into b. */
static void
replace_all(struct sbuf *b, const char *t, const char *from, const char *to)
{
	const char	*p;
	size_t		 n = strlen(from);

	while ((p = strstr(t, from)) != NULL) {
		sbuf_append(b, t, (size_t)(p - t));
		sbuf_puts(b, to);
		t = p + n;
	}
	sbuf_puts(b, t);
}

/*
 * The family is told: a mail to each parent and carer (draft_issued.txt:
 * the last day written out with its weekday, the link, the reference,
 * never the child) and a notification. Inside the caller's transaction.
 */
static int
tell_family(const char *assessment, const char *reference, const char *due)
{
	PGresult	*res;
	struct sbuf	 subject, body;
	char		 words[DATE_WORDS_LEN], link[320], rel[64], msg[200],
			 days[8];
	int		 ok;

	if (date_words_weekday(due, words, sizeof(words)) == -1)
		return (-1);
	sbuf_init(&subject);
	sbuf_init(&body);
	replace_all(&subject, portal_chaser.ev_subjects[CHASE_EV_DRAFT_ISSUED],
	    "{{due_on}}", words);
	replace_all(&body, portal_chaser.ev_bodies[CHASE_EV_DRAFT_ISSUED],
	    "{{due_on}}", words);
	(void)snprintf(link, sizeof(link), "%s/assessments/%s/draft",
	    portal_chaser.base_url, assessment);
	(void)snprintf(rel, sizeof(rel), "/assessments/%s/draft", assessment);
	(void)snprintf(msg, sizeof(msg), "The draft plan for case %s is ready "
	    "for your comments until %s", reference, words);
	(void)snprintf(days, sizeof(days), "%d", COMMENT_WINDOW_DAYS);
	res = subject.oom || body.oom ? NULL :
	    db_qd(&comments_stmts[CM_TELL_FAMILY], assessment, subject.data,
	    body.data, reference, link, due, days, msg, rel);
	ok = res != NULL && db_rows(res) == 1;
	PQclear(res);
	sbuf_free(&subject);
	sbuf_free(&body);
	return (ok ? 0 : -1);
}

int
draft_serve(const char *assessment, const char *reference,
    const char *received, const char *served, const char *account,
    char due[DATE_LEN])
{
	struct comment_window	 w;
	PGresult		*res;
	char			 by[DATE_LEN];
	int			 n;

	if (comment_window(served, &w) == -1 || draft_serve_by(received, by) == -1)
		return (-1);
	if (db_begin() == -1)
		return (-1);
	if ((res = db_qd(&comments_stmts[CM_SERVE], assessment, served, by,
	    w.last_day, account)) == NULL)
		goto fail;
	n = db_rows(res);
	if (n == 1)
		(void)snprintf(due, DATE_LEN, "%s", db_val(res, 0, 1));
	PQclear(res);
	if (n != 1) {
		db_rollback();
		return (1);
	}
	if ((res = db_qd(&comments_stmts[CM_PLAN_ISSUED], assessment)) == NULL)
		goto fail;
	PQclear(res);
	if (tell_family(assessment, reference, due) == -1 || db_commit() == -1)
		goto fail;
	return (0);
fail:
	db_rollback();
	return (-1);
}
