/*
 * assessment_view — an assessment's page: the child, the statutory
 * dates, its requests (what a parent reads about each), its exceptions,
 * and the parents and carers with where their account stands. Shown by
 * assessment.c, and again by invitation.c with an invitation's error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "chase.h"
#include "chase_sql.h"
#include "clock.h"
#include "config.h"
#include "datefmt.h"
#include "db.h"
#include "form.h"
#include "tmpl.h"
#include "validate.h"
#include "vocab.h"
#include "columns.h"
#include "views.h"
#include "comments_view.h"

/*
 * A statutory deadline written out with its weekday, and key_overdue
 * ("Overdue by N days") once it has passed: the caller passes only the
 * steps not recorded yet (decision_view.c), so a passed date is a step
 * not taken.
 */
static void
put_deadline(struct tdict *page, const char *key, const char *iso,
    const char *today)
{
	char	over[64];
	long	late;

	tdict_set_date(page, key, iso, 1);
	if ((late = days_between(iso, today)) > 0) {
		(void)snprintf(over, sizeof(over), "%s_overdue", key);
		tdict_setf(page, over, "Overdue by %ld day%s", late,
		    late == 1 ? "" : "s");
	}
}

/* The statutory dates of the assessment. Advice has no date of its own
 * here: each request shows its own (requested + 42 days). */
static void
put_statutory(struct tdict *page, const char *received, int done)
{
	struct statutory	st;
	char			today[11];

	if (statutory_dates(received, &st) == -1)
		return;
	config_today(today);
	/* A step recorded (decision_view.c) or no longer needed is not
	 * overdue: its timing shows with the decisions. */
	if (done & (1 << DEC_ASSESS | 1 << DEC__MAX))
		tdict_set_date(page, "decision_due", st.decision_due, 1);
	else
		put_deadline(page, "decision_due", st.decision_due, today);
	/* Not a step every case takes (most end in a plan): never flagged. */
	tdict_set_date(page, "no_plan_due", st.no_plan_due, 1);
	if (done & (1 << DEC_FINAL | 1 << DEC__MAX))
		tdict_set_date(page, "final_due", st.final_due, 1);
	else
		put_deadline(page, "final_due", st.final_due, today);
}

/* What a parent reads about a request on their page: their own views, to
 * give or to read. Advice is read from its step of the timeline
 * (timeline_view.c), once the council has accepted it. */
static void
parent_request_row(struct ctx *c, struct tdict *row, const char *kind,
    const char *status)
{
	if (strcmp(kind, "parent") != 0)
		return;
	tdict_set(row, "own_views", "1");
	tdict_set(c->page, "views_asked", "1");
	if (request_open(status))
		tdict_set(row, "can_give", "1");
}

static void
put_requests(struct ctx *c, const char *assessment)
{
	PGresult	*res;
	struct tdict	*row;
	char		 today[11];
	int		 i;

	config_today(today);
	if ((res = db_q(ST_ASSESSMENT_REQUESTS, assessment)) == NULL)
		return;
	for (i = 0; i < db_rows(res); i++) {
		row = tdict_push(c->page, "requests");
		tdict_set(row, "id", db_val(res, i, AR_ID));
		tdict_set(row, "kind", advice_kind_label(db_val(res, i, AR_KIND)));
		tdict_set(row, "profession", db_val(res, i, AR_PROFESSION));
		tdict_set(row, "organisation", db_val(res, i, AR_ORG));
		tdict_set(row, "professional", db_val(res, i, AR_PROF));
		if (strcmp(db_val(res, i, AR_KIND), "parent") == 0)
			tdict_set(row, "asked_parent", "1");
		tdict_set_date(row, "requested_on", db_val(res, i, AR_REQUESTED), 0);
		tdict_set_date(row, "due_on", db_val(res, i, AR_DUE), 1);
		if (c->sess.role == ROLE_PARENT)
			parent_request_row(c, row, db_val(res, i, AR_KIND),
			    db_val(res, i, AR_STATUS));
		request_status_tag(row, db_val(res, i, AR_STATUS), db_val(res, i, AR_DUE), today);
	}
	PQclear(res);
}

/*
 * The parents and carers, with where their account stands. A caseworker
 * or manager may send a contact who has not set up their account a new
 * invitation (to a corrected address); bad_contact is the contact whose
 * form came back with an error ("" if none), shown with what was typed.
 */
static void
put_contacts(struct ctx *c, const char *bad_contact, const char *why)
{
	PGresult	*res;
	struct tdict	*row;
	const char	*state;
	int		 i;

	if ((res = db_q(ST_ASSESSMENT_CONTACTS, c->id_text[0])) == NULL)
		return;
	for (i = 0; i < db_rows(res); i++) {
		row = tdict_push(c->page, "contacts");
		tdict_set(row, "contact_id", db_val(res, i, AC_ID));
		tdict_set(row, "name", db_val(res, i, AC_NAME));
		tdict_set(row, "email", db_val(res, i, AC_EMAIL));
		tdict_set(row, "relationship", db_val(res, i, AC_RELATIONSHIP));
		state = db_val(res, i, AC_STATE);
		if (strcmp(state, "active") == 0)
			tdict_set(row, "account", "Has set up their account");
		else if (db_val(res, i, AC_CODE_UNTIL)[0] != '\0')
			tdict_setf(row, "account", "Invited: their code works "
			    "until %s", db_val(res, i, AC_CODE_UNTIL));
		else if (strcmp(state, "invited") == 0)
			tdict_set(row, "account", "Invited, but the code has "
			    "expired or been replaced");
		else
			tdict_set(row, "account", "No account yet");
		if (strcmp(state, "active") != 0 && c->sess.role != ROLE_PARENT)
			tdict_set(row, "can_invite", "1");
		if (strcmp(db_val(res, i, AC_ID), bad_contact) == 0) {
			tdict_set(row, "invite_error", why);
			tdict_set(row, "typed", form_get(c->form, "email"));
		} else
			tdict_set(row, "typed", db_val(res, i, AC_EMAIL));
	}
	PQclear(res);
}

/* The assessment page, with status; an invitation form's error if any. */
int
assessment_show(struct ctx *c, int status, const char *bad_contact,
    const char *why)
{
	PGresult	*res;
	int		 rc;

	if ((rc = scoped_get(c, ST_ASSESSMENT_GET, c->id_text[0], &res)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	tdict_set(c->page, "id", db_val(res, 0, AS_ID));
	tdict_set(c->page, "reference", db_val(res, 0, AS_REFERENCE));
	tdict_setf(c->page, "child", "%s %s", db_val(res, 0, AS_GIVEN), db_val(res, 0, AS_FAMILY));
	tdict_set(c->page, "date_of_birth", db_val(res, 0, AS_DOB_WORDS));
	tdict_set(c->page, "year_group", db_val(res, 0, AS_YEAR));
	tdict_set(c->page, "setting", db_val(res, 0, AS_SETTING));
	tdict_set(c->page, "nhs_number", db_val(res, 0, AS_NHS));
	tdict_set(c->page, "upn", db_val(res, 0, AS_UPN));
	tdict_set_date(c->page, "received", db_val(res, 0, AS_RECEIVED), 0);
	tdict_set(c->page, "caseworker", db_val(res, 0, AS_CASEWORKER));
	put_statutory(c->page, db_val(res, 0, AS_RECEIVED),
	    decisions_put(c, c->id_text[0], db_val(res, 0, AS_RECEIVED)));
	if (c->sess.role == ROLE_PARENT)
		timeline_put(c, c->id_text[0], db_val(res, 0, AS_RECEIVED));
	else if (c->sess.role == ROLE_MANAGER)
		tdict_set(c->page, "can_reassign", "1");
	PQclear(res);
	if (c->sess.role != ROLE_PARENT)
		tdict_set(c->page, "can_request", "1");
	put_requests(c, c->id_text[0]);
	exceptions_put(c, c->id_text[0]);
	consultations_put(c, c->id_text[0]);
	put_contacts(c, bad_contact, why);
	audit(c, "view_assessment", "assessment", c->id[0], NULL);
	if (c->sess.role == ROLE_PARENT)
		draft_banner_put(c, c->id_text[0]);
	if (c->sess.role == ROLE_PARENT)
		return (page_render(c, status, "assessment-parent",
		    "Your child's assessment"));
	return (page_render(c, status, "assessment", "Assessment"));
}

/* The assessment's exceptions, for its page (the caller checked access). */
void
exceptions_put(struct ctx *c, const char *assessment)
{
	PGresult	*res;
	const struct vocab_exception *k;
	struct tdict	*row;
	int		 i;

	if (c->sess.role == ROLE_CASEWORKER || c->sess.role == ROLE_MANAGER)
		tdict_set(c->page, "can_record_exception", "1");
	if ((res = db_qd(&chase_stmts[CS_EXCEPTIONS_OF], assessment)) == NULL)
		return;
	for (i = 0; i < db_rows(res); i++) {
		row = tdict_push(c->page, "exceptions");
		k = vocab_exception(db_val(res, i, EX_KIND));
		tdict_set(row, "kind", k == NULL ? db_val(res, i, EX_KIND) : k->label);
		tdict_set(row, "source", k == NULL ? "" : k->source);
		tdict_set_date(row, "starts_on", db_val(res, i, EX_STARTS), 0);
		tdict_set_date(row, "ends_on", db_val(res, i, EX_ENDS), 0);
		tdict_set(row, "reason", db_val(res, i, EX_REASON));
		tdict_set(row, "recorded_by", db_val(res, i, EX_RECORDED_BY));
		tdict_set(row, "recorded_at", db_val(res, i, EX_RECORDED_AT));
		if (db_val(res, i, EX_REQUEST)[0] != '\0')
			tdict_set(row, "request", advice_kind_label(db_val(res, i, EX_REQUEST_KIND)));
	}
	PQclear(res);
}
