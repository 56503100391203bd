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
#include "views.h"

struct new_assessment {
	const char		*parent_name, *parent_email, *relationship;
	const char		*caseworker;
	struct val_assessment	 v;
	char			 dob[11], received[11], today[11];
	int			 allow_duplicate;
};

static void	read_new(struct ctx *, struct new_assessment *, struct verrs *);
static int	render_new(struct ctx *, int);

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

int
page_assessment(struct ctx *c)
{
	return (assessment_show(c, 200, "", NULL));
}
