/*
 * assessment — a caseworker's caseload, starting an assessment, and the
 * assessment page with its statutory dates and advice requests.
 * Every view of a child's record is audit-logged.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "advice.h"
#include "checks.h"
#include "clock.h"
#include "config.h"
#include "db.h"
#include "esc.h"
#include "form.h"
#include "tmpl.h"

static const char *const year_groups[] = {
	"Not yet in education", "Nursery", "Reception", "Year 1", "Year 2",
	"Year 3", "Year 4", "Year 5", "Year 6", "Year 7", "Year 8", "Year 9",
	"Year 10", "Year 11", "Year 12", "Year 13", "Year 14", "Post-19",
};

struct new_assessment {
	const char	*given, *family, *year, *setting, *parent_name;
	const char	*parent_email, *relationship, *caseworker;
	char		 dob[11], received[11], nhs[11], upn[14];
};

static void	field_dates(struct ctx *, struct errs *, struct new_assessment *);
static void	read_new(struct ctx *, struct new_assessment *, struct errs *);
static int	render_new(struct ctx *, int);
static void	put_statutory(struct tdict *, const char *);
static void	put_requests(struct ctx *, const char *);

/* Copies errs into the page (summary + inline). */
void
page_errors(struct ctx *c, const struct errs *e)
{
	size_t	i;

	c->errs = e;
	for (i = 0; i < e->n; i++)
		page_error_add(c, e->e[i].field, e->e[i].message);
}

/* Echoes the posted fields back into the page (as values, escaped). */
void
page_keep_form(struct ctx *c)
{
	size_t	i;
	char	key[160];

	for (i = 0; c->form != NULL && i < form_count(c->form); i++) {
		(void)snprintf(key, sizeof(key), "v_%s", form_name_at(c->form, i));
		tdict_set(c->page, key, form_value_at(c->form, i));
	}
}

static int
render_new(struct ctx *c, int status)
{
	PGresult	*res;
	struct tdict	*o;
	const char	*chosen;
	char		 org[24], me[24];
	size_t		 i;
	int		 r;

	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	(void)snprintf(me, sizeof(me), "%lld", c->sess.account_id);
	chosen = c->form ? form_get(c->form, "caseworker") : me;
	if ((res = db_q(ST_CASEWORKERS, org)) == NULL)
		return (page_error(c, 503));
	for (r = 0; r < db_rows(res); r++) {
		o = tdict_push(c->page, "caseworkers");
		tdict_set(o, "value", db_val(res, r, 0));
		tdict_set(o, "text", db_val(res, r, 1));
		if (chosen && strcmp(chosen, db_val(res, r, 0)) == 0)
			tdict_set(o, "selected", "1");
	}
	PQclear(res);
	chosen = c->form ? form_get(c->form, "year_group") : NULL;
	for (i = 0; i < sizeof(year_groups) / sizeof(year_groups[0]); i++) {
		o = tdict_push(c->page, "year_groups");
		tdict_set(o, "value", year_groups[i]);
		tdict_set(o, "text", year_groups[i]);
		if (chosen && strcmp(chosen, year_groups[i]) == 0)
			tdict_set(o, "selected", "1");
	}
	page_keep_form(c);
	return (page_render(c, status, "assessment-new", "Start an assessment"));
}

int
page_assessment_new(struct ctx *c)
{
	return (render_new(c, 200));
}

static void
field_dates(struct ctx *c, struct errs *e, struct new_assessment *n)
{
	char	today[11];

	config_today(today);
	if (date_from_parts(form_get(c->form, "dob-day"), form_get(c->form,
	    "dob-month"), form_get(c->form, "dob-year"), n->dob) == -1)
		errs_add(e, "dob-day", "Date of birth must be a real date, for example 27 3 2015");
	else if (strcmp(n->dob, today) > 0)
		errs_add(e, "dob-day", "Date of birth must be today or in the past");
	if (date_from_parts(form_get(c->form, "received-day"), form_get(c->form,
	    "received-month"), form_get(c->form, "received-year"), n->received) == -1)
		errs_add(e, "received-day", "Date the request was received must be a real date");
	else if (strcmp(n->received, today) > 0)
		errs_add(e, "received-day", "Date the request was received must be today or in the past");
	else if (n->dob[0] != '\0' && strcmp(n->received, n->dob) < 0)
		errs_add(e, "received-day", "Date the request was received must be after the date of birth");
}

static void
read_new(struct ctx *c, struct new_assessment *n, struct errs *e)
{
	const char	*s;
	size_t		 i;
	int		 known = 0;

	memset(n, 0, sizeof(*n));
	n->given = form_get(c->form, "given_name");
	n->family = form_get(c->form, "family_name");
	n->year = form_get(c->form, "year_group");
	n->setting = form_get(c->form, "setting");
	n->parent_name = form_get(c->form, "parent_name");
	n->parent_email = form_get(c->form, "parent_email");
	n->relationship = form_get(c->form, "relationship");
	n->caseworker = form_get(c->form, "caseworker");
	if (blank(n->given) || utf8_length(n->given) > 100)
		errs_add(e, "given_name", "Enter the child's first name (100 characters or fewer)");
	if (blank(n->family) || utf8_length(n->family) > 100)
		errs_add(e, "family_name", "Enter the child's last name (100 characters or fewer)");
	field_dates(c, e, n);
	for (i = 0; n->year && i < sizeof(year_groups) / sizeof(year_groups[0]); i++)
		known |= strcmp(n->year, year_groups[i]) == 0;
	if (!known)
		errs_add(e, "year_group", "Select the child's year group");
	if (n->setting && utf8_length(n->setting) > 200)
		errs_add(e, "setting", "Current setting must be 200 characters or fewer");
	if (!blank(s = form_get(c->form, "nhs_number")) &&
	    nhs_number_normalise(s, n->nhs) == -1)
		errs_add(e, "nhs_number", "Enter a valid NHS number, like 485 777 3456");
	if (!blank(s = form_get(c->form, "upn")) && upn_normalise(s, n->upn) == -1)
		errs_add(e, "upn", "Enter a valid unique pupil number, 13 characters like A123456789012");
	if (blank(n->parent_name) || utf8_length(n->parent_name) > 200)
		errs_add(e, "parent_name", "Enter the parent or carer's full name");
	if (!email_valid(n->parent_email))
		errs_add(e, "parent_email", "Enter an email address in the correct format, like name@example.com");
	if (blank(n->caseworker))
		errs_add(e, "caseworker", "Select the caseworker responsible");
}

int
do_assessment_create(struct ctx *c)
{
	struct new_assessment	 n;
	struct errs		 e;
	PGresult		*res = NULL, *cres = NULL;
	char			 org[24], id[24], dest[64];

	e.n = 0;
	read_new(c, &n, &e);
	if (e.n > 0) {
		page_errors(c, &e);
		return (render_new(c, 400));
	}
	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	if (db_begin() == -1)
		return (page_error(c, 503));
	res = db_q(ST_ASSESSMENT_CREATE, org, n.given, n.family, n.dob,
	    n.year, n.setting ? n.setting : "", n.nhs, n.upn, n.received,
	    n.caseworker);
	if (res == NULL || db_rows(res) != 1) {
		db_rollback();
		PQclear(res);
		if (db_unavailable())
			return (page_error(c, 503));
		errs_add(&e, "caseworker", "Select a caseworker in your council");
		page_errors(c, &e);
		return (render_new(c, 400));
	}
	(void)kore_strlcpy(id, db_val(res, 0, 0), sizeof(id));
	/* The parent's account and invitation, then the contact linked to it. */
	if (invitation_for_contact(org, id, db_val(res, 0, 1), n.parent_name,
	    n.parent_email) == -1 ||
	    (cres = db_q(ST_CONTACT_CREATE, id, n.parent_name, n.parent_email,
	    n.relationship ? n.relationship : "")) == NULL ||
	    db_commit() == -1) {
		db_rollback();
		PQclear(res);
		PQclear(cres);
		return (page_error(c, 503));
	}
	PQclear(res);
	PQclear(cres);
	audit(c, "create_assessment", "assessment", strtoll(id, NULL, 10), NULL);
	(void)snprintf(dest, sizeof(dest), "/assessments/%s", id);
	return (http_see_other(c, dest));
}

static void
put_statutory(struct tdict *page, const char *received)
{
	struct statutory	st;

	if (statutory_dates(received, &st) == -1)
		return;
	tdict_set(page, "decision_due", st.decision_due);
	tdict_set(page, "advice_due", st.advice_due);
	tdict_set(page, "no_plan_due", st.no_plan_due);
	tdict_set(page, "final_due", st.final_due);
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
		tdict_set(row, "id", db_val(res, i, 0));
		tdict_set(row, "kind", advice_kind_label(db_val(res, i, 1)));
		tdict_set(row, "profession", db_val(res, i, 2));
		tdict_set(row, "organisation", db_val(res, i, 3));
		tdict_set(row, "professional", db_val(res, i, 4));
		tdict_set(row, "requested_on", db_val(res, i, 5));
		tdict_set(row, "due_on", db_val(res, i, 6));
		request_status_tag(row, db_val(res, i, 7), db_val(res, i, 6), today);
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
		tdict_set(row, "contact_id", db_val(res, i, 0));
		tdict_set(row, "name", db_val(res, i, 1));
		tdict_set(row, "email", db_val(res, i, 2));
		tdict_set(row, "relationship", db_val(res, i, 3));
		state = db_val(res, i, 4);
		if (strcmp(state, "active") == 0)
			tdict_set(row, "account", "Has set up their account");
		else if (db_val(res, i, 5)[0] != '\0')
			tdict_setf(row, "account", "Invited: their code works "
			    "until %s", db_val(res, i, 5));
		else if (strcmp(state, "invited") == 0)
			tdict_set(row, "account", "Invited, but the code has "
			    "expired or been replaced");
		else
			tdict_set(row, "account", "No account yet");
		if (strcmp(state, "active") != 0 && c->sess.role != ROLE_PARENT)
			tdict_set(row, "can_invite", "1");
		if (strcmp(db_val(res, i, 0), bad_contact) == 0) {
			tdict_set(row, "invite_error", why);
			tdict_set(row, "typed", form_get(c->form, "email"));
		} else
			tdict_set(row, "typed", db_val(res, i, 2));
	}
	PQclear(res);
}

int
page_assessment(struct ctx *c)
{
	return (assessment_show(c, 200, "", NULL));
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
	tdict_set(c->page, "id", db_val(res, 0, 0));
	tdict_set(c->page, "reference", db_val(res, 0, 1));
	tdict_setf(c->page, "child", "%s %s", db_val(res, 0, 2), db_val(res, 0, 3));
	tdict_set(c->page, "date_of_birth", db_val(res, 0, 12));
	tdict_set(c->page, "year_group", db_val(res, 0, 5));
	tdict_set(c->page, "setting", db_val(res, 0, 6));
	tdict_set(c->page, "nhs_number", db_val(res, 0, 7));
	tdict_set(c->page, "upn", db_val(res, 0, 8));
	tdict_set(c->page, "received", db_val(res, 0, 9));
	tdict_set(c->page, "caseworker", db_val(res, 0, 10));
	put_statutory(c->page, db_val(res, 0, 9));
	PQclear(res);
	if (c->sess.role != ROLE_PARENT)
		tdict_set(c->page, "can_request", "1");
	put_requests(c, c->id_text[0]);
	exceptions_put(c, c->id_text[0]);
	put_contacts(c, bad_contact, why);
	audit(c, "view_assessment", "assessment", c->id[0], NULL);
	return (page_render(c, status, "assessment", "Assessment"));
}
