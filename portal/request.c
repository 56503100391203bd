/*
 * request — asking for advice (reg 6(1)), the service lead's list and
 * allocation, and the professional's inbox. The due date is always the
 * date requested + 42 days (reg 8(1)); the database checks it too.
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
#include "template.h"
#include "tmpl.h"

/* The kinds of advice of reg 6(1), and which organisations give them. */
static const struct {
	const char	*kind;
	const char	*label;
	const char	*org_kind;	/* NULL: any provider */
} kinds[] = {
	{ "parent", "Parent or young person's views", "local_authority" },
	{ "educational", "Educational advice", "school" },
	{ "medical", "Medical advice", "nhs_body" },
	{ "psychological", "Psychological advice", "ep_service" },
	{ "social_care", "Social care advice", "social_care" },
	{ "other", "Other advice", NULL },
	{ "preparing_for_adulthood", "Preparing for adulthood advice", NULL },
};

static const struct {
	const char	*status;
	const char	*label;
	const char	*colour;	/* govuk-tag modifier */
} statuses[] = {
	{ "requested", "Not allocated", "grey" },
	{ "allocated", "Allocated", "purple" },
	{ "draft", "In progress", "yellow" },
	{ "submitted", "Submitted", "turquoise" },
	{ "returned", "Returned for clarification", "orange" },
	{ "accepted", "Accepted", "green" },
	{ "declined", "Declined", "red" },
	{ "withdrawn", "Withdrawn", "grey" },
};

static int	kind_index(const char *);
static int	render_request_new(struct ctx *, int, const char *);
static void	put_list(struct ctx *, PGresult *, int);

static int
kind_index(const char *kind)
{
	size_t	i;

	for (i = 0; kind && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(kinds[i].kind, kind) == 0)
			return ((int)i);
	return (-1);
}

const char *
advice_kind_label(const char *kind)
{
	int	i = kind_index(kind);

	return (i == -1 ? "Advice" : kinds[i].label);
}

/* Sets status, status_label, status_colour, days_left / overdue on row. */
void
request_status_tag(struct tdict *row, const char *status, const char *due,
    const char *today)
{
	size_t	i;
	long	left;

	for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (strcmp(statuses[i].status, status) == 0) {
			tdict_set(row, "status", status);
			tdict_set(row, "status_label", statuses[i].label);
			tdict_set(row, "status_colour", statuses[i].colour);
		}
	if (strcmp(status, "submitted") == 0 || strcmp(status, "accepted") == 0 ||
	    strcmp(status, "declined") == 0 || strcmp(status, "withdrawn") == 0)
		return;
	left = days_between(today, due);
	if (left < 0)
		tdict_setf(row, "overdue", "%ld day%s overdue", -left, left == -1 ? "" : "s");
	else if (left == 0)
		tdict_set(row, "due_today", "Due today");
	else
		tdict_setf(row, "days_left", "%ld day%s left", left, left == 1 ? "" : "s");
}

/* The assessment of id, if this user may see it: 1, 0 (404), -1 (503). */
static int
assessment_visible(struct ctx *c, const char *id, PGresult **out)
{
	return (scoped_get(c, ST_ASSESSMENT_GET, id, out));
}

static int
render_request_new(struct ctx *c, int status, const char *council)
{
	PGresult	*res;
	struct tdict	*o;
	const char	*chosen;
	size_t		 i;
	int		 r;
	char		 today[11];

	chosen = c->form ? form_get(c->form, "kind") : NULL;
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		o = tdict_push(c->page, "kinds");
		tdict_set(o, "value", kinds[i].kind);
		tdict_set(o, "text", kinds[i].label);
		if (i == 0)
			tdict_set(o, "first", "1");
		if (chosen && strcmp(chosen, kinds[i].kind) == 0)
			tdict_set(o, "checked", "1");
	}
	chosen = c->form ? form_get(c->form, "organisation") : NULL;
	if ((res = db_q(ST_PROVIDERS, council)) == NULL)
		return (page_error(c, 503));
	for (r = 0; r < db_rows(res); r++) {
		o = tdict_push(c->page, "organisations");
		tdict_set(o, "value", db_val(res, r, 0));
		tdict_set(o, "text", db_val(res, r, 2));
		if (chosen && strcmp(chosen, db_val(res, r, 0)) == 0)
			tdict_set(o, "selected", "1");
	}
	PQclear(res);
	config_today(today);
	if (c->form == NULL) {
		tdict_set(c->page, "v_requested-day", today + 8);
		tdict_setf(c->page, "v_requested-month", "%.2s", today + 5);
		tdict_setf(c->page, "v_requested-year", "%.4s", today);
	}
	page_keep_form(c);
	return (page_render(c, status, "request-new", "Request advice"));
}

int
page_request_new(struct ctx *c)
{
	PGresult	*res;
	char		 council[24];
	int		 rc;

	if ((rc = assessment_visible(c, c->id_text[0], &res)) != 1 ||
	    c->sess.role == ROLE_PARENT)
		return (page_error(c, rc == -1 ? 503 : 404));
	tdict_set(c->page, "assessment_id", db_val(res, 0, 0));
	tdict_set(c->page, "reference", db_val(res, 0, 1));
	tdict_setf(c->page, "child", "%s %s", db_val(res, 0, 2), db_val(res, 0, 3));
	(void)kore_strlcpy(council, db_val(res, 0, 11), sizeof(council));
	PQclear(res);
	return (render_request_new(c, 200, council));
}

/* The parent account on the assessment (for a parent's-views request). */
static int
parent_account(const char *assessment, char out[24])
{
	PGresult	*res;
	int		 i, found = 0;

	if ((res = db_q(ST_ASSESSMENT_CONTACTS_ACCOUNTS, assessment)) == NULL)
		return (-1);
	for (i = 0; i < db_rows(res) && !found; i++)
		if (db_val(res, i, 0)[0] != '\0') {
			(void)kore_strlcpy(out, db_val(res, i, 0), 24);
			found = 1;
		}
	PQclear(res);
	return (found ? 0 : -1);
}

int
do_request_create(struct ctx *c)
{
	PGresult		*res;
	const struct tpl	*t;
	struct errs		 e;
	const char		*kind, *org, *prof, *question, *profession;
	char			 council[24], requested[11], today[11], ver[12];
	char			 parent[24], acc[24], dest[64];
	int			 k, rc;

	if ((rc = assessment_visible(c, c->id_text[0], &res)) != 1 ||
	    c->sess.role == ROLE_PARENT)
		return (page_error(c, rc == -1 ? 503 : 404));
	tdict_set(c->page, "assessment_id", db_val(res, 0, 0));
	tdict_set(c->page, "reference", db_val(res, 0, 1));
	tdict_setf(c->page, "child", "%s %s", db_val(res, 0, 2), db_val(res, 0, 3));
	(void)kore_strlcpy(council, db_val(res, 0, 11), sizeof(council));
	PQclear(res);

	e.n = 0;
	kind = form_get(c->form, "kind");
	org = form_get(c->form, "organisation");
	profession = form_get(c->form, "profession");
	question = form_get(c->form, "question");
	prof = NULL;
	config_today(today);
	if ((k = kind_index(kind)) == -1)
		errs_add(&e, "kind", "Select the kind of advice");
	if (k >= 0 && strcmp(kind, "parent") == 0) {
		org = council;
		if (parent_account(c->id_text[0], parent) == -1)
			errs_add(&e, "kind", "The parent or carer has no account yet, so their views cannot be requested here");
		else
			prof = parent;
	} else if (blank(org))
		errs_add(&e, "organisation", "Select the organisation to ask");
	if (k >= 0 && strcmp(kind, "other") == 0 && blank(profession))
		errs_add(&e, "profession", "Enter the profession, for example speech and language therapist");
	if (question && utf8_length(question) > 5000)
		errs_add(&e, "question", "What you are asking must be 5000 characters or fewer");
	if (date_from_parts(form_get(c->form, "requested-day"), form_get(c->form,
	    "requested-month"), form_get(c->form, "requested-year"), requested) == -1)
		errs_add(&e, "requested-day", "Date requested must be a real date");
	else if (strcmp(requested, today) > 0)
		errs_add(&e, "requested-day", "Date requested must be today or in the past");
	t = k >= 0 ? tpl_for_kind(&advice_templates, kind) : NULL;
	if (k >= 0 && t == NULL)
		errs_add(&e, "kind", "There is no template for this kind of advice");
	if (e.n > 0) {
		page_errors(c, &e);
		return (render_request_new(c, 400, council));
	}
	(void)snprintf(ver, sizeof(ver), "%d", t->version);
	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	res = db_q(ST_REQUEST_CREATE, c->id_text[0], kind,
	    profession ? profession : "", org, prof, t->id, ver,
	    question ? question : "", requested,
	    form_get(c->form, "parent_asked") ? "t" : "f", acc);
	if (res == NULL || db_rows(res) != 1) {
		PQclear(res);
		if (db_unavailable())
			return (page_error(c, 503));
		errs_add(&e, "requested-day", "Date requested must not be before the request for assessment was received, and the organisation must serve your council");
		page_errors(c, &e);
		return (render_request_new(c, 400, council));
	}
	audit(c, "request_advice", "advice_request",
	    strtoll(db_val(res, 0, 0), NULL, 10), kind);
	PQclear(res);
	(void)snprintf(dest, sizeof(dest), "/assessments/%s", c->id_text[0]);
	return (http_see_other(c, dest));
}

/* The sorts of an inbox and of a service's list: soonest due first (the
 * query's order), by case reference, by the child's name. */
static const struct list_sort	request_sorts[] = {
	{ "due", "Due date", -1 },
	{ "reference", "Reference", 1 },
	{ "name", "Child's name", 2 },
};

static void
put_list(struct ctx *c, PGresult *res, int inbox)
{
	struct tdict	*row;
	char		 today[11];
	int		*rows, n, k, i;

	config_today(today);
	rows = list_page(c, res, request_sorts, 3, inbox ? "/inbox" : "/service",
	    "request", &n);
	for (k = 0; k < n; k++) {
		i = rows[k];
		row = tdict_push(c->page, "requests");
		tdict_set(row, "id", db_val(res, i, 0));
		tdict_set(row, "reference", db_val(res, i, 1));
		tdict_set(row, "child", db_val(res, i, 2));
		tdict_set(row, "kind", advice_kind_label(db_val(res, i, 3)));
		tdict_set(row, "due_on", db_val(res, i, 4));
		tdict_set(row, "council", db_val(res, i, 7));
		if (!inbox)
			tdict_set(row, "professional", db_val(res, i, 6));
		request_status_tag(row, db_val(res, i, 5), db_val(res, i, 4), today);
	}
	free(rows);
}

/* Professional home: requests allocated to me, soonest due first. */
int
page_inbox(struct ctx *c)
{
	PGresult	*res;
	const char	*params[2];
	char		 acc[24], today[11];

	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	config_today(today);
	params[0] = acc;
	params[1] = today;
	if ((res = audit_read(c, ST_INBOX, params, "view_inbox", "", 0)) == NULL)
		return (page_error(c, 503));
	put_list(c, res, 1);
	PQclear(res);
	return (page_render(c, 200, "inbox", "Your advice requests"));
}

/* Service lead home: every request to the service, with allocation. */
int
page_service(struct ctx *c)
{
	PGresult	*res;
	const char	*params[1];
	char		 org[24];

	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	params[0] = org;
	if ((res = audit_read(c, ST_SERVICE_REQUESTS, params,
	    "view_service_requests", "", 0)) == NULL)
		return (page_error(c, 503));
	put_list(c, res, 0);
	PQclear(res);
	service_allocation_put(c);
	return (page_render(c, 200, "service", "Requests to your service"));
}

/* The service's professionals, for the allocation select. */
void
service_allocation_put(struct ctx *c)
{
	PGresult	*res;
	struct tdict	*o;
	char		 org[24];
	int		 i;

	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	tdict_set(c->page, "service", c->sess.org_name);
	if ((res = db_q(ST_PROFESSIONALS, org)) == NULL)
		return;
	for (i = 0; i < db_rows(res); i++) {
		o = tdict_push(c->page, "professionals");
		tdict_set(o, "value", db_val(res, i, 0));
		tdict_setf(o, "text", "%s (%s)", db_val(res, i, 1),
		    db_val(res, i, 2));
	}
	tdict_set(c->page, "can_allocate", "1");
	PQclear(res);
}

int
do_allocate(struct ctx *c)
{
	PGresult	*res, *rq;
	int		 rc;
	const char	*prof;
	char		 org[24], msg[160], link[64];

	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	/* Not this service's request: 404 before looking at the form. */
	if ((rc = request_load(c, c->id_text[0], &rq)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	PQclear(rq);
	prof = form_get(c->form, "professional");
	if (blank(prof)) {
		tdict_set(c->page, "notice", "Select a professional to allocate the request to");
		return (page_service(c));
	}
	if ((res = db_q(ST_ALLOCATE, c->id_text[0], org, prof)) == NULL)
		return (page_error(c, 503));
	if (db_rows(res) != 1) {
		PQclear(res);
		return (page_error(c, 404));
	}
	PQclear(res);
	audit(c, "allocate", "advice_request", c->id[0], NULL);
	(void)snprintf(msg, sizeof(msg), "A request for advice was allocated to you");
	(void)snprintf(link, sizeof(link), "/requests/%s", c->id_text[0]);
	notify(prof, msg, link);
	return (http_see_other(c, "/service"));
}
