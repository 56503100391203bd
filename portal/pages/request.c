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
#include "datefmt.h"
#include "db.h"
#include "esc.h"
#include "form.h"
#include "template.h"
#include "tmpl.h"
#include "chaser.h"
#include "validate.h"
#include "vocab.h"
#include "views.h"

/* The kinds of advice (reg 6(1)) and the statuses: vocab.h. */

static int	render_request_new(struct ctx *, int, const char *);
static void	put_list(struct ctx *, PGresult *, int, const char *);
static int	put_staff(struct ctx *, const char *, const char *);
static int	check_receiver(const char *, const char *, const char *,
		    struct verrs *);
static void	tell_parent(struct ctx *, const char *, const char *,
		    const char *, const char *);
static int	service_show(struct ctx *, int, const char *);

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

	/* The page names the child: a read of their record (also when it
	 * comes back with errors). */
	audit(c, "view_request_form", "assessment", c->id[0], NULL);
	chosen = c->form ? form_get(c->form, "kind") : NULL;
	for (i = 0; vocab_kinds[i].id != NULL; i++) {
		o = tdict_push(c->page, "kinds");
		tdict_set(o, "value", vocab_kinds[i].id);
		tdict_set(o, "text", vocab_kinds[i].label);
		if (i == 0)
			tdict_set(o, "first", "1");
		if (chosen && strcmp(chosen, vocab_kinds[i].id) == 0)
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
	if (put_staff(c, council, c->form ? form_get(c->form, "professional") :
	    NULL) == -1)
		return (page_error(c, 503));
	config_today(today);
	if (c->form == NULL) {
		tdict_set(c->page, "v_requested-day", today + 8);
		tdict_setf(c->page, "v_requested-month", "%.2s", today + 5);
		tdict_setf(c->page, "v_requested-year", "%.4s", today);
	}
	page_keep_form(c);
	return (page_render(c, status, "request-new", "Request advice"));
}

/* Columns of ST_PROVIDER_STAFF. */
enum { SF_ORG, SF_ID, SF_NAME, SF_TITLE, SF_ORG_NAME };

/* Who may be named, grouped by organisation; chosen selected. 0, -1. */
static int
put_staff(struct ctx *c, const char *council, const char *chosen)
{
	PGresult	*res;
	struct tdict	*group = NULL, *o;
	const char	*last = "";
	int		 i;

	if ((res = db_q(ST_PROVIDER_STAFF, council)) == NULL)
		return (-1);
	for (i = 0; i < db_rows(res); i++) {
		if (group == NULL || strcmp(last, db_val(res, i, SF_ORG)) != 0) {
			group = tdict_push(c->page, "staff_groups");
			tdict_set(group, "name", db_val(res, i, SF_ORG_NAME));
			last = db_val(res, i, SF_ORG);
		}
		o = tdict_push(group, "people");
		tdict_set(o, "value", db_val(res, i, SF_ID));
		tdict_setf(o, "text", "%s (%s)", db_val(res, i, SF_NAME),
		    db_val(res, i, SF_TITLE));
		if (chosen && strcmp(chosen, db_val(res, i, SF_ID)) == 0)
			tdict_set(o, "selected", "1");
	}
	PQclear(res);
	return (0);
}

/*
 * Somebody must be able to receive a request to org: the professional
 * named (who must work there), or an active service lead of it. Adds
 * the error by its field. 0 checked, -1 database down.
 */
static int
check_receiver(const char *council, const char *org,
    const char *prof, struct verrs *e)
{
	PGresult	*res;
	char		 name[201] = "";
	int		 i, found = 0, leads;

	if ((res = db_q(ST_PROVIDER_STAFF, council)) == NULL)
		return (-1);
	for (i = 0; i < db_rows(res) && !found; i++)
		found = !blank(prof) && strcmp(db_val(res, i, SF_ID), prof) == 0 &&
		    strcmp(db_val(res, i, SF_ORG), org) == 0;
	PQclear(res);
	if (!blank(prof)) {
		if (!found)
			verrs_add(e, VF_PROFESSIONAL, "Select a professional who "
			    "works at the organisation you chose, or let the "
			    "organisation choose");
		return (0);
	}
	if ((res = db_q(ST_ORG_RECEIVERS, org)) == NULL)
		return (-1);
	leads = db_rows(res) == 1 ? atoi(db_val(res, 0, 0)) : 0;
	PQclear(res);
	if (leads > 0)
		return (0);
	if ((res = db_q(ST_PROVIDERS, council)) == NULL)
		return (-1);
	for (i = 0; i < db_rows(res); i++)
		if (strcmp(db_val(res, i, 0), org) == 0)
			(void)kore_strlcpy(name, db_val(res, i, 2), sizeof(name));
	PQclear(res);
	if (name[0] == '\0')	/* not a provider of the council: refused later */
		return (0);
	verrs_add(e, VF_ORGANISATION, "Nobody at this organisation can receive "
	    "requests in the portal yet. Name a professional who works there, "
	    "choose another organisation, or ask your administrator to add "
	    "its service lead (for a school, its SENCO or head)");
	return (0);
}

/*
 * The parent's views are asked for: a notification and a mail, which
 * names the case reference, never the child.
 */
static void
tell_parent(struct ctx *c, const char *parent, const char *request,
    const char *due, const char *reference)
{
	PGresult	*res;
	char		 link[300], msg[160];

	(void)snprintf(msg, sizeof(msg), "Your views are asked for on case %s",
	    reference);
	(void)snprintf(link, sizeof(link), "/requests/%s", request);
	notify(parent, msg, link);
	(void)snprintf(link, sizeof(link), "%s/requests/%s",
	    portal_chaser.base_url, request);
	res = db_q(ST_VIEWS_ASKED_MAIL, parent,
	    portal_chaser.ev_subjects[CHASE_EV_VIEWS_ASKED],
	    portal_chaser.ev_bodies[CHASE_EV_VIEWS_ASKED], reference, link,
	    due, c->id_text[0]);
	if (res == NULL || db_rows(res) != 1)
		kore_log(LOG_ERR, "request: the parent's mail was not queued");
	PQclear(res);
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

/* The organisation asked (form: its id; the council for a parent's
 * views) as the rules need it: name (NULL if it does not serve the
 * council), the kinds it gives, whether the same request is open. */
static int
request_target(const char *assessment, const char *org, const char *council,
    const char *kind, PGresult **out, struct val_request *v)
{
	*out = NULL;
	if (blank(org))
		return (0);
	if ((*out = db_q(ST_REQUEST_TARGET, assessment, org, council,
	    kind != NULL ? kind : "")) == NULL)
		return (-1);
	if (db_rows(*out) == 1) {
		v->org_name = db_val(*out, 0, 1);
		v->org_kinds = db_val(*out, 0, 2);
		v->open_same = db_val(*out, 0, 3)[0] == 't';
	}
	return (0);
}

int
do_request_create(struct ctx *c)
{
	PGresult		*res, *target = NULL;
	const struct tpl	*t;
	struct verrs		 e;
	struct val_request	 v;
	const char		*kind, *org, *prof;
	char			 council[24], requested[11], today[11], ver[12];
	char			 parent[24], acc[24], dest[96], dob[11], received[11];
	char			 year[32], reference[40], request[24], due[11];
	int			 rc;

	if ((rc = assessment_visible(c, c->id_text[0], &res)) != 1 ||
	    c->sess.role == ROLE_PARENT)
		return (page_error(c, rc == -1 ? 503 : 404));
	tdict_set(c->page, "assessment_id", db_val(res, 0, 0));
	tdict_set(c->page, "reference", db_val(res, 0, 1));
	tdict_setf(c->page, "child", "%s %s", db_val(res, 0, 2), db_val(res, 0, 3));
	(void)kore_strlcpy(council, db_val(res, 0, 11), sizeof(council));
	(void)kore_strlcpy(dob, db_val(res, 0, 4), sizeof(dob));
	(void)kore_strlcpy(year, db_val(res, 0, 5), sizeof(year));
	(void)kore_strlcpy(received, db_val(res, 0, 9), sizeof(received));
	(void)kore_strlcpy(reference, db_val(res, 0, 1), sizeof(reference));
	PQclear(res);

	verrs_init(&e);
	memset(&v, 0, sizeof(v));
	kind = form_get(c->form, "kind");
	org = form_get(c->form, "organisation");
	prof = form_get(c->form, "professional");
	if (blank(prof))
		prof = NULL;
	config_today(today);
	if (kind != NULL && strcmp(kind, "parent") == 0) {
		org = council;
		if (parent_account(c->id_text[0], parent) == -1)
			verrs_add(&e, VF_KIND, "The parent or carer has no account "
			    "yet, so their views cannot be requested here");
		else
			prof = parent;
	}
	if (date_from_parts(form_get(c->form, "requested-day"), form_get(c->form,
	    "requested-month"), form_get(c->form, "requested-year"), requested) == -1)
		requested[0] = '\0';
	if (request_target(c->id_text[0], org, council, kind, &target, &v) == -1)
		return (page_error(c, 503));
	v.kind = kind;
	v.profession = form_get(c->form, "profession");
	v.question = form_get(c->form, "question");
	v.requested = requested;
	v.received = received;
	v.year_group = year;
	v.dob = dob;
	v.today = today;
	(void)val_request(&v, &e);
	/* Somebody there must be able to receive it (issue 11: no void). */
	if (kind != NULL && strcmp(kind, "parent") != 0 && !blank(org) &&
	    !verrs_has(&e, VF_ORGANISATION) && !verrs_has(&e, VF_KIND) &&
	    check_receiver(council, org, prof, &e) == -1) {
		PQclear(target);
		return (page_error(c, 503));
	}
	t = vocab_kind(kind) != NULL ? tpl_for_kind(&advice_templates, kind) : NULL;
	if (vocab_kind(kind) != NULL && t == NULL)
		verrs_add(&e, VF_KIND, "There is no template for this kind of advice");
	if (e.n > 0) {
		PQclear(target);
		page_verrs(c, &e);
		return (render_request_new(c, 400, council));
	}
	(void)snprintf(ver, sizeof(ver), "%d", t->version);
	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	res = db_q(ST_REQUEST_CREATE, c->id_text[0], kind,
	    v.profession ? v.profession : "", db_val(target, 0, 0), prof, t->id,
	    ver, v.question ? v.question : "", requested,
	    form_get(c->form, "parent_asked") ? "t" : "f", acc);
	PQclear(target);
	if (res == NULL || db_rows(res) != 1) {
		PQclear(res);
		if (db_unavailable())
			return (page_error(c, 503));
		/* The checks above passed: another request got there first. */
		verrs_add(&e, VF_KIND, "This request could not be recorded: it may "
		    "have been asked already. Check the assessment's requests");
		page_verrs(c, &e);
		return (render_request_new(c, 400, council));
	}
	audit(c, "request_advice", "advice_request",
	    strtoll(db_val(res, 0, 0), NULL, 10), kind);
	(void)kore_strlcpy(request, db_val(res, 0, 0), sizeof(request));
	(void)kore_strlcpy(due, db_val(res, 0, 1), sizeof(due));
	PQclear(res);
	if (strcmp(kind, "parent") == 0)
		tell_parent(c, prof, request, due, reference);
	else if (prof != NULL) {
		(void)snprintf(dest, sizeof(dest), "/requests/%s", request);
		request_notify(prof, "A request for %s for %s was allocated to "
		    "you", kind, reference, dest);
	}
	(void)snprintf(dest, sizeof(dest), "/assessments/%s?requested=%s",
	    c->id_text[0], kind);
	return (http_see_other(c, dest));
}

/* The sorts of an inbox and of a service's list: soonest due first (the
 * query's order), by case reference, by the child's name. */
static const struct list_sort	request_sorts[] = {
	{ "due", "Due date", -1 },
	{ "reference", "Reference", 1 },
	{ "name", "Child's name", 2 },
};

/*
 * The rows of the inbox or the service's list. On the service's list an
 * open request can be (re)allocated; bad is the request whose
 * allocation came back with an error ("" if none).
 */
static void
put_list(struct ctx *c, PGresult *res, int inbox, const char *bad)
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
		tdict_set_date(row, "due_on", db_val(res, i, 4), 1);
		tdict_set(row, "council", db_val(res, i, 7));
		if (!inbox)
			tdict_set(row, "professional", db_val(res, i, 6));
		if (!inbox && request_open(db_val(res, i, 5)))
			tdict_set(row, "allocatable", "1");
		tdict_set(row, "alloc_error", strcmp(bad, db_val(res, i, 0)) == 0 ?
		    "Select a professional to allocate the request to" : "");
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
	put_list(c, res, 1, "");
	PQclear(res);
	return (page_render(c, 200, "inbox", "Your advice requests"));
}

/* Service lead home: every request to the service, with allocation. */
int
page_service(struct ctx *c)
{
	return (service_show(c, 200, ""));
}

/* The service's list with status; bad: the request whose allocation
 * form came back with an error ("" if none). */
static int
service_show(struct ctx *c, int status, const char *bad)
{
	PGresult	*res;
	const char	*params[1];
	char		 org[24];

	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	params[0] = org;
	if ((res = audit_read(c, ST_SERVICE_REQUESTS, params,
	    "view_service_requests", "", 0)) == NULL)
		return (page_error(c, 503));
	put_list(c, res, 0, bad);
	PQclear(res);
	service_allocation_put(c);
	return (page_render(c, status, "service", "Requests to your service"));
}

int
do_allocate(struct ctx *c)
{
	PGresult	*res, *rq;
	int		 rc;
	const char	*prof, *from;
	char		 org[24], link[64], kind[40], reference[40], field[48];

	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	/* Not this service's request: 404 before looking at the form. */
	if ((rc = request_load(c, c->id_text[0], &rq)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	(void)kore_strlcpy(kind, db_val(rq, 0, 1), sizeof(kind));
	(void)kore_strlcpy(reference, db_val(rq, 0, 14), sizeof(reference));
	PQclear(rq);
	prof = form_get(c->form, "professional");
	from = form_get(c->form, "from");
	if (blank(prof)) {
		/* The error names the select it belongs to: the request
		 * page's, or this row's on the service's list. */
		if (from != NULL && strcmp(from, "request") == 0) {
			page_error_add(c, "professional", "Select a professional "
			    "to allocate the request to");
			return (page_request_refused(c, 400));
		}
		(void)snprintf(field, sizeof(field), "professional-%s",
		    c->id_text[0]);
		page_error_add(c, field, "Select a professional to allocate "
		    "the request to");
		return (service_show(c, 400, c->id_text[0]));
	}
	if ((res = db_q(ST_ALLOCATE, c->id_text[0], org, prof)) == NULL)
		return (page_error(c, 503));
	if (db_rows(res) != 1) {
		PQclear(res);
		return (page_error(c, 409));
	}
	PQclear(res);
	audit(c, "allocate", "advice_request", c->id[0], NULL);
	(void)snprintf(link, sizeof(link), "/requests/%s", c->id_text[0]);
	request_notify(prof, "A request for %s for %s was allocated to you",
	    kind, reference, link);
	if (from != NULL && strcmp(from, "request") == 0) {
		(void)snprintf(link, sizeof(link), "/requests/%s?allocated=1",
		    c->id_text[0]);
		return (http_see_other(c, link));
	}
	return (http_see_other(c, "/service?allocated=1"));
}
