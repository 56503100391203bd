/*
 * chase_view — a request's acknowledgement, decline and chase history,
 * for its timeline on the request page, and whether this user may answer
 * it there (the forms post to acknowledge.c's handlers).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "chase.h"
#include "chase_sql.h"
#include "chaser.h"
#include "datefmt.h"
#include "db.h"
#include "tmpl.h"
#include "columns.h"
#include "views.h"

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
		tdict_set(row, "step", label_of(db_val(res, i, CL_STEP)));
		tdict_set_date(row, "step_on", db_val(res, i, CL_STEP_ON), 0);
		tdict_set(row, "recipient", db_val(res, i, CL_RECIPIENT));
		tdict_set(row, "recipient_role", role_label_of(db_val(res, i, CL_ROLE)));
		tdict_set(row, "sent_at", db_val(res, i, CL_SENT_AT));
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
