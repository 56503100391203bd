/*
 * acknowledge — the professional's answer to a request before the advice
 * itself: "I will provide it by …", or a decline with a reason (e.g. the
 * child is not known to the service). A decline tells the caseworker at
 * once and stops the chase. Also the request's chase history, for its
 * timeline.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "chase.h"
#include "chase_sql.h"
#include "chaser.h"
#include "checks.h"
#include "config.h"
#include "datefmt.h"
#include "db.h"
#include "esc.h"
#include "form.h"
#include "tmpl.h"
#include "validate.h"

#define DECLINE_MAX	2000

/* Columns of CS_REQUEST_ACK_GET. */
enum { AK_KIND, AK_PROF, AK_STATUS, AK_ACK_ON, AK_PROMISED, AK_DECLINED_WHY,
	AK_DECLINED_ON, AK_DUE };

/* What the timeline says for each step of conf/chase.conf. */
static const struct {
	const char	*step;
	const char	*label;
} step_labels[] = {
	{ "advice_notice", "Request sent" },
	{ "advice_reminder_14", "Reminder: due in 14 days" },
	{ "advice_reminder_7", "Reminder: due in 7 days" },
	{ "advice_due_today", "Reminder: due today" },
	{ "advice_overdue", "Overdue notice" },
	{ "advice_escalation", "Escalation: 7 days overdue" },
	{ "advice_weekly", "Weekly overdue reminder" },
};

static const struct {
	const char	*role;
	const char	*label;
} recipient_labels[] = {
	{ "professional", "professional" },
	{ "service_lead", "service lead" },
	{ "caseworker", "caseworker" },
	{ "manager", "manager" },
};

static const char	*label_of(const char *);
static const char	*role_label_of(const char *);
static int		 may_respond(struct ctx *, PGresult *);
static int		 may_decline_for_service(struct ctx *, PGresult *);
static void		 put_history(struct ctx *, const char *);

static const char *
label_of(const char *step)
{
	size_t	i;

	for (i = 0; i < sizeof(step_labels) / sizeof(step_labels[0]); i++)
		if (strcmp(step_labels[i].step, step) == 0)
			return (step_labels[i].label);
	return (step);
}

static const char *
role_label_of(const char *role)
{
	size_t	i;

	for (i = 0; i < sizeof(recipient_labels) / sizeof(recipient_labels[0]); i++)
		if (strcmp(recipient_labels[i].role, role) == 0)
			return (recipient_labels[i].label);
	return ("");
}

/* The request's own professional (or a service lead who took it), while
 * it is open (not a parent's views). */
static int
may_respond(struct ctx *c, PGresult *ak)
{
	return ((c->sess.role == ROLE_PROFESSIONAL ||
	    c->sess.role == ROLE_SERVICE_LEAD) &&
	    strcmp(db_val(ak, 0, AK_KIND), "parent") != 0 &&
	    strtoll(db_val(ak, 0, AK_PROF), NULL, 10) == c->sess.account_id &&
	    chase_status_open(db_val(ak, 0, AK_STATUS)));
}

/*
 * A service lead, for a request to their service (the caller checked
 * it is one: REQUEST_VISIBLE), while it is open and not their own to
 * answer as its professional.
 */
static int
may_decline_for_service(struct ctx *c, PGresult *ak)
{
	return (c->sess.role == ROLE_SERVICE_LEAD &&
	    strcmp(db_val(ak, 0, AK_KIND), "parent") != 0 &&
	    chase_status_open(db_val(ak, 0, AK_STATUS)));
}

static void
put_history(struct ctx *c, const char *request)
{
	PGresult	*res;
	struct tdict	*row;
	int		 i;

	if ((res = db_qd(&chase_stmts[CS_CHASE_LOG_OF], request)) == NULL)
		return;
	for (i = 0; i < db_rows(res); i++) {
		row = tdict_push(c->page, "chase_history");
		tdict_set(row, "step", label_of(db_val(res, i, 0)));
		tdict_set_date(row, "step_on", db_val(res, i, 1), 0);
		tdict_set(row, "recipient", db_val(res, i, 2));
		tdict_set(row, "recipient_role", role_label_of(db_val(res, i, 3)));
		tdict_set(row, "sent_at", db_val(res, i, 4));
	}
	if (db_rows(res) > 0)
		tdict_set(c->page, "has_chase_history", "1");
	PQclear(res);
}

/*
 * The request's acknowledgement, decline and chase history on its page,
 * and the forms for its professional. The caller checked access.
 */
void
chase_request_put(struct ctx *c, const char *request)
{
	PGresult	*ak;

	if ((ak = db_qd(&chase_stmts[CS_REQUEST_ACK_GET], request)) == NULL ||
	    db_rows(ak) != 1) {
		PQclear(ak);
		return;
	}
	tdict_set(c->page, "chase_section", "1");
	tdict_set_date(c->page, "acknowledged_on", db_val(ak, 0, AK_ACK_ON), 0);
	tdict_set_date(c->page, "promised_by", db_val(ak, 0, AK_PROMISED), 1);
	tdict_set_date(c->page, "declined_on", db_val(ak, 0, AK_DECLINED_ON), 0);
	tdict_set(c->page, "declined_reason", db_val(ak, 0, AK_DECLINED_WHY));
	/* A date promised after the due date was accepted with a warning,
	 * shown to everyone who sees the request. */
	if (db_val(ak, 0, AK_PROMISED)[0] != '\0' &&
	    strcmp(db_val(ak, 0, AK_PROMISED), db_val(ak, 0, AK_DUE)) > 0)
		tdict_set(c->page, "promised_late", db_val(ak, 0, AK_DUE));
	if (may_respond(c, ak))
		tdict_set(c->page, "can_respond", "1");
	else if (may_decline_for_service(c, ak))
		tdict_set(c->page, "can_decline", "1");
	PQclear(ak);
	put_history(c, request);
}

/* POST /requests/{id}/acknowledge: promised-day, -month, -year. */
int
do_acknowledge(struct ctx *c)
{
	PGresult	*rq, *res;
	struct verrs	 e;
	char		 promised[11], today[11], due[11], acc[24], msg[240];
	char		 dest[64], when[DATE_WORDS_LEN], due_words[DATE_WORDS_LEN];
	char		 kind[40], reference[40];
	int		 rc, late;

	if ((rc = request_load(c, c->id_text[0], &rq)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	(void)kore_strlcpy(due, db_val(rq, 0, 11), sizeof(due));	/* due_on */
	(void)kore_strlcpy(kind, db_val(rq, 0, 1), sizeof(kind));
	(void)kore_strlcpy(reference, db_val(rq, 0, 14), sizeof(reference));
	PQclear(rq);
	config_today(today);
	verrs_init(&e);
	if (date_from_parts(form_get(c->form, "promised-day"), form_get(c->form,
	    "promised-month"), form_get(c->form, "promised-year"), promised) == -1)
		promised[0] = '\0';
	if (val_promised(promised, today, due, &late, &e) > 0) {
		page_verrs(c, &e);
		page_keep_form(c);
		return (page_request_refused(c, 400));
	}
	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	if ((res = db_qd(&chase_stmts[CS_ACKNOWLEDGE], c->id_text[0], acc, today,
	    promised)) == NULL)
		return (page_error(c, 503));
	if (db_rows(res) != 1) {
		PQclear(res);
		return (page_error(c, 409));
	}
	(void)date_words_weekday(promised, when, sizeof(when));
	(void)snprintf(msg, sizeof(msg), "The professional expects to provide "
	    "the %%s for %%s by %s%s%s", when,
	    late ? ", after the due date " : "",
	    late ? (date_words_weekday(due, due_words, sizeof(due_words)),
	    due_words) : "");
	(void)snprintf(dest, sizeof(dest), "/requests/%s", c->id_text[0]);
	request_notify(db_val(res, 0, 0), msg, kind, reference, dest);
	PQclear(res);
	audit(c, "acknowledge_request", "advice_request", c->id[0], promised);
	(void)snprintf(dest, sizeof(dest), "/requests/%s?acknowledged=1",
	    c->id_text[0]);
	return (http_see_other(c, dest));
}

/* POST /requests/{id}/decline: decline_reason. */
int
do_decline(struct ctx *c)
{
	PGresult	*rq, *res;
	const char	*reason = form_get(c->form, "decline_reason");
	char		 today[11], acc[24], org[24], dest[64];
	int		 rc;

	if ((rc = request_load(c, c->id_text[0], &rq)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	PQclear(rq);
	if (blank(reason) || utf8_length(reason) > DECLINE_MAX) {
		page_error_add(c, "decline_reason", "Enter why you are declining "
		    "the request (2000 characters or fewer)");
		page_keep_form(c);
		return (page_request_refused(c, 400));
	}
	config_today(today);
	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	/* Its professional declines it; a service lead declines for the
	 * service a request sent to it (one they hold themselves too). */
	res = db_qd(&chase_stmts[CS_DECLINE], c->id_text[0], acc, today, reason,
	    portal_chaser.ev_subjects[CHASE_EV_DECLINED],
	    portal_chaser.ev_bodies[CHASE_EV_DECLINED], portal_chaser.base_url);
	if (res != NULL && db_rows(res) == 0 &&
	    c->sess.role == ROLE_SERVICE_LEAD) {
		PQclear(res);
		res = db_qd(&chase_stmts[CS_DECLINE_SERVICE], c->id_text[0], org,
		    today, reason,
		    portal_chaser.ev_subjects[CHASE_EV_DECLINED],
		    portal_chaser.ev_bodies[CHASE_EV_DECLINED],
		    portal_chaser.base_url);
	}
	if (res == NULL)
		return (page_error(c, 503));
	rc = db_rows(res);
	PQclear(res);
	if (rc != 1)
		return (page_error(c, 409));
	audit(c, "decline_request", "advice_request", c->id[0], NULL);
	(void)snprintf(dest, sizeof(dest), "/requests/%s?declined=1",
	    c->id_text[0]);
	return (http_see_other(c, dest));
}
