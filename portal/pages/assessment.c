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
#include "datefmt.h"
#include "db.h"
#include "esc.h"
#include "form.h"
#include "tmpl.h"
#include "validate.h"
#include "vocab.h"

struct new_assessment {
	const char		*parent_name, *parent_email, *relationship;
	const char		*caseworker;
	struct val_assessment	 v;
	char			 dob[11], received[11], today[11];
	int			 allow_duplicate;
};

static void	read_new(struct ctx *, struct new_assessment *, struct verrs *);
static int	render_new(struct ctx *, int);
static void	put_statutory(struct tdict *, const char *);
static void	put_deadline(struct tdict *, const char *, const char *,
		    const char *);
static void	put_requests(struct ctx *, const char *);
static void	parent_request_row(struct ctx *, struct tdict *, const char *,
		    const char *);

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

/* Caseworker and manager home: the caseload (manager: the whole council). */
int
page_caseload(struct ctx *c)
{
	PGresult	*res;
	struct tdict	*row;
	const char	*params[4];
	char		 acc[24], org[24], today[11];
	int		 i;

	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	config_today(today);
	params[0] = acc;
	params[1] = org;
	params[2] = role_name(c->sess.role);
	params[3] = today;
	if ((res = audit_read(c, ST_CASELOAD, params, "view_caseload", "", 0)) == NULL)
		return (page_error(c, 503));
	for (i = 0; i < db_rows(res); i++) {
		row = tdict_push(c->page, "assessments");
		tdict_set(row, "id", db_val(res, i, 0));
		tdict_set(row, "reference", db_val(res, i, 1));
		tdict_set(row, "child", db_val(res, i, 2));
		tdict_set_date(row, "received", db_val(res, i, 3), 0);
		tdict_set(row, "requests", db_val(res, i, 4));
		tdict_set(row, "received_advice", db_val(res, i, 5));
		if (atoi(db_val(res, i, 6)) > 0)
			tdict_set(row, "overdue", db_val(res, i, 6));
		tdict_set(row, "caseworker", db_val(res, i, 7));
	}
	PQclear(res);
	tdict_set(c->page, "heading", c->sess.role == ROLE_MANAGER ?
	    "Assessments across the council" : "Your caseload");
	if (c->sess.role == ROLE_MANAGER)
		tdict_set(c->page, "show_caseworker", "1");
	return (page_render(c, 200, "caseload", "Caseload"));
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
	for (i = 0; vocab_years[i].id != NULL; i++) {
		o = tdict_push(c->page, "year_groups");
		tdict_set(o, "value", vocab_years[i].id);
		tdict_set(o, "text", vocab_years[i].id);
		if (chosen && strcmp(chosen, vocab_years[i].id) == 0)
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

/* A GOV.UK date's three inputs (name-day, -month, -year) as YYYY-MM-DD,
 * or "" when they are not a real date (the rules then say so). */
static void
form_date(struct ctx *c, const char *name, char out[11])
{
	char	d[32], m[32], y[32];

	(void)snprintf(d, sizeof(d), "%s-day", name);
	(void)snprintf(m, sizeof(m), "%s-month", name);
	(void)snprintf(y, sizeof(y), "%s-year", name);
	if (date_from_parts(form_get(c->form, d), form_get(c->form, m),
	    form_get(c->form, y), out) == -1)
		out[0] = '\0';
}

static void
read_new(struct ctx *c, struct new_assessment *n, struct verrs *e)
{
	memset(n, 0, sizeof(*n));
	config_today(n->today);
	form_date(c, "dob", n->dob);
	form_date(c, "received", n->received);
	n->v.given = form_get(c->form, "given_name");
	n->v.family = form_get(c->form, "family_name");
	n->v.dob = n->dob;
	n->v.year_group = form_get(c->form, "year_group");
	n->v.setting = form_get(c->form, "setting");
	n->v.nhs_number = form_get(c->form, "nhs_number");
	n->v.upn = form_get(c->form, "upn");
	n->v.received = n->received;
	n->v.today = n->today;
	n->parent_name = form_get(c->form, "parent_name");
	n->parent_email = form_get(c->form, "parent_email");
	n->relationship = form_get(c->form, "relationship");
	n->caseworker = form_get(c->form, "caseworker");
	n->allow_duplicate = form_get(c->form, "allow_duplicate") != NULL;
	(void)val_assessment(&n->v, e);
	(void)val_contact(n->parent_name, n->parent_email, n->relationship, e);
	if (blank(n->caseworker))
		verrs_add(e, VF_CASEWORKER, "Select the caseworker responsible");
}

/*
 * The council's open assessment of the same child, unless the caseworker
 * confirmed a second one: refused by the confirmation box, with a link to
 * the one found (its reference is audited as seen). 0 none, 1 refused,
 * -1 the database is down.
 */
static int
duplicate_refused(struct ctx *c, const char *council, struct new_assessment *n,
    struct verrs *e)
{
	PGresult	*res;

	if ((res = db_q(ST_ASSESSMENT_DUPLICATE, council, n->v.nhs, n->v.given,
	    n->v.family, n->dob)) == NULL)
		return (-1);
	if (db_rows(res) == 0 || val_duplicate(db_val(res, 0, 1),
	    n->allow_duplicate, e) == 0) {
		PQclear(res);
		return (0);
	}
	tdict_set(c->page, "duplicate_id", db_val(res, 0, 0));
	tdict_set(c->page, "duplicate_reference", db_val(res, 0, 1));
	audit(c, "duplicate_refused", "assessment",
	    strtoll(db_val(res, 0, 0), NULL, 10), NULL);
	PQclear(res);
	return (1);
}

int
do_assessment_create(struct ctx *c)
{
	struct new_assessment	 n;
	struct verrs		 e;
	PGresult		*res = NULL, *cres = NULL;
	char			 org[24], id[24], dest[64];

	verrs_init(&e);
	read_new(c, &n, &e);
	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	if (e.n == 0 && duplicate_refused(c, org, &n, &e) == -1)
		return (page_error(c, 503));
	if (e.n > 0) {
		page_verrs(c, &e);
		return (render_new(c, 400));
	}
	if (db_begin() == -1)
		return (page_error(c, 503));
	res = db_q(ST_ASSESSMENT_CREATE, org, n.v.given, n.v.family, n.dob,
	    n.v.year_group ? n.v.year_group : "", n.v.setting ? n.v.setting : "",
	    n.v.nhs, n.v.upn_norm, n.received, n.caseworker);
	if (res == NULL || db_rows(res) != 1) {
		db_rollback();
		PQclear(res);
		if (db_unavailable())
			return (page_error(c, 503));
		verrs_add(&e, VF_CASEWORKER, "Select a caseworker in your council");
		page_verrs(c, &e);
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
	(void)snprintf(dest, sizeof(dest), "/assessments/%s?created=1", id);
	return (http_see_other(c, dest));
}

/*
 * A statutory deadline written out with its weekday, and key_overdue
 * ("Overdue by N days") once it has passed. The portal records none of
 * these steps yet (the decision, the plan), so a passed date is a step
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
put_statutory(struct tdict *page, const char *received)
{
	struct statutory	st;
	char			today[11];

	if (statutory_dates(received, &st) == -1)
		return;
	config_today(today);
	put_deadline(page, "decision_due", st.decision_due, today);
	/* Not a step every case takes (most end in a plan): never flagged. */
	tdict_set_date(page, "no_plan_due", st.no_plan_due, 1);
	put_deadline(page, "final_due", st.final_due, today);
}

/* What a parent reads about each request: their own views (to give or
 * read), or advice, which they may open once the council accepted it. */
static const struct {
	const char	*status;
	const char	*parent_label;
} parent_labels[] = {
	{ "requested", "Asked for, not started yet" },
	{ "allocated", "Asked for, not started yet" },
	{ "draft", "Being written" },
	{ "submitted", "Received, the council is reading it" },
	{ "returned", "The council asked a question about it" },
	{ "accepted", "Ready to read" },
	{ "declined", "Could not be given: the council is asking someone else" },
	{ "withdrawn", "No longer needed" },
};

static void
parent_request_row(struct ctx *c, struct tdict *row, const char *kind,
    const char *status)
{
	size_t	i;

	for (i = 0; i < sizeof(parent_labels) / sizeof(parent_labels[0]); i++)
		if (strcmp(parent_labels[i].status, status) == 0)
			tdict_set(row, "parent_label", parent_labels[i].parent_label);
	if (strcmp(kind, "parent") == 0) {
		tdict_set(row, "own_views", "1");
		tdict_set(c->page, "views_asked", "1");
		if (request_open(status))
			tdict_set(row, "can_give", "1");
	} else {
		tdict_set(row, "advice", "1");
		if (strcmp(status, "accepted") == 0)
			tdict_set(row, "can_read", "1");
	}
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
		if (strcmp(db_val(res, i, 1), "parent") == 0)
			tdict_set(row, "asked_parent", "1");
		tdict_set_date(row, "requested_on", db_val(res, i, 5), 0);
		tdict_set_date(row, "due_on", db_val(res, i, 6), 1);
		if (c->sess.role == ROLE_PARENT)
			parent_request_row(c, row, db_val(res, i, 1),
			    db_val(res, i, 7));
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
	tdict_set_date(c->page, "received", db_val(res, 0, 9), 0);
	tdict_set(c->page, "caseworker", db_val(res, 0, 10));
	put_statutory(c->page, db_val(res, 0, 9));
	PQclear(res);
	if (c->sess.role != ROLE_PARENT)
		tdict_set(c->page, "can_request", "1");
	put_requests(c, c->id_text[0]);
	exceptions_put(c, c->id_text[0]);
	put_contacts(c, bad_contact, why);
	audit(c, "view_assessment", "assessment", c->id[0], NULL);
	if (c->sess.role == ROLE_PARENT)
		return (page_render(c, status, "assessment-parent",
		    "Your child's assessment"));
	return (page_render(c, status, "assessment", "Assessment"));
}
