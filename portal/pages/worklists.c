/*
 * worklists — the daily routines (issue 13): "What needs doing", a
 * caseworker's live list of their open cases (GET /caseworker/work) and
 * the team manager's across the council, filtered by caseworker (GET
 * /manager/work?caseworker=ID); and reassigning a case to another
 * caseworker of the council (GET/POST /assessments/{id}/caseworker).
 *
 * Three lists, each a page of 25 at a time (?list=NAME&page=N):
 *   overdue  statutory steps and advice requests past their due date,
 *            the most overdue first
 *   soon     the same due today or within 2 weeks, soonest first
 *   ready    cases ready for their next step, oldest request first
 * The rules are worklist.h's; the rows come whole from WS_CASES and
 * WS_REQUESTS (a council's open cases: hundreds, not the closed
 * thousands). Every view is audit-logged; a reassignment is audited
 * with who, from and to, and both caseworkers are told by mail and in
 * the portal, by the case reference only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "chaser.h"
#include "config.h"
#include "datefmt.h"
#include "db.h"
#include "paging.h"
#include "sbuf.h"
#include "tmpl.h"
#include "worklist.h"
#include "worklist_sql.h"
#include "views.h"
#include "admin_sql.h"		/* db_named */

enum { L_OVERDUE, L_SOON, L_READY, L__MAX };
static const char *const list_names[L__MAX] = { "overdue", "soon", "ready" };


/* One overdue or due-soon line: what, the case, when, where to act. */
static void
item_put(struct tdict *row, const struct wl_lists *l, const struct wl_item *it,
    int overdue)
{
	const PGresult	*res = it->request ? l->requests : l->cases;
	const char	*id;

	id = db_named(res, it->row, it->request ? "assessment_id" : "id");
	tdict_set(row, "reference", db_named(res, it->row, "reference"));
	tdict_set(row, "child", db_named(res, it->row, "child"));
	tdict_set(row, "caseworker", db_named(res, it->row, "caseworker"));
	tdict_setf(row, "case_href", "/assessments/%s", id);
	if (it->request) {
		tdict_setf(row, "what", "%s from %s",
		    advice_kind_label(db_named(res, it->row, "kind")),
		    db_named(res, it->row, "organisation"));
		tdict_setf(row, "href", "/requests/%s",
		    db_named(res, it->row, "id"));
		tdict_set(row, "action", "Chase the advice");
	} else {
		tdict_set(row, "what", wl_deadline_label(it->kind));
		/* Every statutory step is recorded on the decisions form. */
		tdict_setf(row, "href", "/assessments/%s/decisions/new", id);
		tdict_set(row, "action", it->kind == WD_FINAL ?
		    "Record the final plan" : "Record the decision");
	}
	tdict_set_date(row, "due", it->due, 0);
	tdict_set(row, "tag_class", overdue ? "govuk-tag--red" :
	    "govuk-tag--yellow");
	if (overdue)
		tdict_setf(row, "days", "%ld day%s overdue", it->days,
		    it->days == 1 ? "" : "s");
	else if (it->days == 0)
		tdict_set(row, "days", "Due today");
	else
		tdict_setf(row, "days", "Due in %ld day%s", it->days,
		    it->days == 1 ? "" : "s");
}

/* A case ready for its next step. */
static void
ready_put(struct ctx *c, struct tdict *row, const struct wl_lists *l, int i)
{
	struct wl_case	 k;
	enum wl_step	 s;
	const char	*id = db_named(l->cases, i, "id");
	long		 days;

	worklist_case_of(l->cases, i, &k);
	s = wl_next_step(&k, l->today);
	tdict_set(row, "reference", db_named(l->cases, i, "reference"));
	tdict_set(row, "child", db_named(l->cases, i, "child"));
	tdict_set(row, "caseworker", db_named(l->cases, i, "caseworker"));
	tdict_setf(row, "case_href", "/assessments/%s", id);
	tdict_set(row, "step", wl_step_label(s));
	tdict_setf(row, "href", "/assessments/%s%s", id, wl_step_path(s));
	tdict_set_date(row, "received", k.received, 0);
	days = days_between(k.received, l->today);
	tdict_setf(row, "week", "Week %ld", days / 7 + 1);
	if (c->sess.role == ROLE_MANAGER)
		tdict_setf(row, "reassign_href", "/assessments/%s/caseworker", id);
}

/* The list name's page of rows into the section dict. */
static void
section_put(struct ctx *c, const struct wl_lists *l, int which,
    const char *filter)
{
	struct tdict	*sec, *saved;
	struct paging	 p;
	char		 list[16], pg[16], base[160];
	long		 i, total, page = 1;

	total = which == L_OVERDUE ? l->noverdue : which == L_SOON ?
	    l->nsoon : l->nready;
	if (strcmp(query_get(c, "list", list, sizeof(list)),
	    list_names[which]) == 0)
		page = paging_page_of(query_get(c, "page", pg, sizeof(pg)));
	paging_init(&p, total, PAGE_SIZE, page);
	sec = tdict_child(c->page, list_names[which]);
	tdict_set(sec, "pagination_label", which == L_OVERDUE ? "Overdue: pages" :
	    which == L_SOON ? "Due in the next 2 weeks: pages" :
	    "Ready for their next step: pages");
	tdict_setf(sec, "count", "%ld", total);
	for (i = p.offset; i < total && i < p.offset + p.size; i++) {
		if (which == L_READY)
			ready_put(c, tdict_push(sec, "rows"), l, l->ready[i]);
		else
			item_put(tdict_push(sec, "rows"), l, which == L_OVERDUE ?
			    &l->overdue[i] : &l->soon[i], which == L_OVERDUE);
	}
	(void)snprintf(base, sizeof(base), "%s/work?%s%s%slist=%s&",
	    role_home(c->sess.role), filter[0] ? "caseworker=" : "", filter,
	    filter[0] ? "&" : "", list_names[which]);
	/* pagination_put writes into c->page: point it at the section. */
	saved = c->page;
	c->page = sec;
	pagination_put(c, &p, base, which == L_READY ? "case" : "item");
	c->page = saved;
}

/* The manager's caseworker filter: the council's caseworkers, the one
 * asked for selected. Returns the filter to use: "" (all) unless id is
 * one of them. -1 if the database failed. */
static int
filter_put(struct ctx *c, const char *id, char *filter, size_t len)
{
	PGresult	*res;
	struct tdict	*o;
	char		 org[24];
	int		 i;

	filter[0] = '\0';
	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	if ((res = db_qd(&worklist_stmts[WS_CASEWORKERS], org)) == NULL)
		return (-1);
	for (i = 0; i < db_rows(res); i++) {
		o = tdict_push(c->page, "caseworkers");
		tdict_set(o, "value", db_val(res, i, 0));
		tdict_set(o, "text", db_val(res, i, 1));
		if (strcmp(id, db_val(res, i, 0)) == 0) {
			tdict_set(o, "selected", "1");
			tdict_set(c->page, "filtered_name", db_val(res, i, 1));
			(void)snprintf(filter, len, "%s", id);
		}
	}
	PQclear(res);
	return (0);
}

/* GET /caseworker/work, /manager/work: what needs doing. */
int
page_worklist(struct ctx *c)
{
	struct wl_lists	 l;
	char		 asked[24], filter[24];
	int		 i;

	filter[0] = '\0';
	if (c->sess.role == ROLE_MANAGER) {
		tdict_set(c->page, "manager", "1");
		if (filter_put(c, query_get(c, "caseworker", asked,
		    sizeof(asked)), filter, sizeof(filter)) == -1)
			return (page_error(c, db_unavailable() ? 503 : 500));
		if (filter[0] != '\0')
			tdict_set(c->page, "filtered", "1");
	}
	if (worklist_lists_load(c, filter, 0, &l) == -1)
		return (page_error(c, db_unavailable() ? 503 : 500));
	for (i = 0; i < L__MAX; i++)
		section_put(c, &l, i, filter);
	if (db_rows(l.cases) == 0)
		tdict_set(c->page, "no_cases", "1");
	worklist_lists_free(&l);
	audit(c, "view_worklist", "", 0, filter[0] ? filter : NULL);
	tdict_set(c->page, "action", c->sess.role == ROLE_MANAGER ?
	    "/manager/work" : "/caseworker/work");
	return (page_render(c, 200, "worklist", "What needs doing"));
}

/* --- reassigning a case ------------------------------------------------ */

struct reassign {
	char	reference[64], from_id[24], from_name[201];
};

/* 1 and r for a case of the manager's council; 0 (404), -1 (503). */
static int
reassign_load(struct ctx *c, struct reassign *r)
{
	PGresult	*res;
	char		 org[24];

	memset(r, 0, sizeof(*r));
	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	if ((res = db_qd(&worklist_stmts[WS_ASSESSMENT], c->id_text[0],
	    org)) == NULL)
		return (-1);
	if (db_rows(res) != 1) {
		PQclear(res);
		return (0);
	}
	(void)snprintf(r->reference, sizeof(r->reference), "%s",
	    db_named(res, 0, "reference"));
	(void)snprintf(r->from_id, sizeof(r->from_id), "%s",
	    db_named(res, 0, "caseworker_id"));
	(void)snprintf(r->from_name, sizeof(r->from_name), "%s",
	    db_named(res, 0, "caseworker"));
	PQclear(res);
	return (1);
}

/* The form, with status; chosen: the caseworker selected. */
static int
reassign_render(struct ctx *c, const struct reassign *r, const char *chosen,
    int status)
{
	PGresult	*res;
	struct tdict	*o;
	char		 org[24];
	int		 i;

	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	if ((res = db_qd(&worklist_stmts[WS_CASEWORKERS], org)) == NULL)
		return (page_error(c, 503));
	for (i = 0; i < db_rows(res); i++) {
		o = tdict_push(c->page, "caseworkers");
		tdict_set(o, "value", db_val(res, i, 0));
		tdict_set(o, "text", db_val(res, i, 1));
		if (strcmp(chosen, db_val(res, i, 0)) == 0)
			tdict_set(o, "selected", "1");
	}
	PQclear(res);
	tdict_set(c->page, "assessment_id", c->id_text[0]);
	tdict_set(c->page, "reference", r->reference);
	tdict_set(c->page, "current", r->from_name);
	return (page_render(c, status, "reassign", "Change the caseworker"));
}

/* GET /assessments/{id}/caseworker */
int
page_reassign(struct ctx *c)
{
	struct reassign	r;
	int		rc;

	if ((rc = reassign_load(c, &r)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	audit(c, "view_reassign", "assessment", c->id[0], NULL);
	return (reassign_render(c, &r, r.from_id, 200));
}

/* 1 and the name (into name) if id is an active caseworker of the
 * manager's council, 0 if not, -1 if the database failed. */
static int
caseworker_name(struct ctx *c, const char *id, char *name, size_t len)
{
	PGresult	*res;
	char		 org[24];
	int		 i, found = 0;

	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	if ((res = db_qd(&worklist_stmts[WS_CASEWORKERS], org)) == NULL)
		return (-1);
	for (i = 0; i < db_rows(res) && !found; i++)
		if (strcmp(id, db_val(res, i, 0)) == 0) {
			(void)snprintf(name, len, "%s", db_val(res, i, 1));
			found = 1;
		}
	PQclear(res);
	return (found);
}

/* Mail and notification to one caseworker; 0, or -1. */
static int
tell(struct ctx *c, const char *account, const char *subject,
    const char *body, const char *link, const char *note, const char *rel)
{
	PGresult	*res;
	int		 ok;

	res = db_qd(&worklist_stmts[WS_TELL], c->id_text[0], account, subject,
	    body, link, note, rel);
	ok = res != NULL && db_rows(res) == 1 &&
	    strcmp(db_named(res, 0, "mails"), "1") == 0;
	PQclear(res);
	return (ok ? 0 : -1);
}

/* Both caseworkers told, by the case reference only: 0, or -1. */
static int
tell_both(struct ctx *c, const struct reassign *r, const char *to,
    const char *to_name)
{
	char	subject[320], body[2048], link[320], note[640], rel[64];

	(void)snprintf(rel, sizeof(rel), "/assessments/%s", c->id_text[0]);
	(void)snprintf(link, sizeof(link), "%s%s", portal_chaser.base_url, rel);
	(void)snprintf(subject, sizeof(subject), "Case %s is now yours",
	    r->reference);
	(void)snprintf(body, sizeof(body), "%s has made you the caseworker "
	    "for case %s, which %s held until now.\n\nSign in to see the case "
	    "and what needs doing:\n%s\n", c->sess.name, r->reference,
	    r->from_name, link);
	(void)snprintf(note, sizeof(note), "Case %s is now yours: %s passed "
	    "it to you from %s", r->reference, c->sess.name, r->from_name);
	if (tell(c, to, subject, body, link, note, rel) == -1)
		return (-1);
	(void)snprintf(link, sizeof(link), "%s/caseworker/work",
	    portal_chaser.base_url);
	(void)snprintf(subject, sizeof(subject), "Case %s has passed to %s",
	    r->reference, to_name);
	(void)snprintf(body, sizeof(body), "%s has passed case %s to %s. You "
	    "are no longer its caseworker.\n\nWhat needs doing on your other "
	    "cases:\n%s\n", c->sess.name, r->reference, to_name, link);
	(void)snprintf(note, sizeof(note), "Case %s has passed to %s",
	    r->reference, to_name);
	return (tell(c, r->from_id, subject, body, link, note,
	    "/caseworker/work"));
}

/* 1 if s is an id: 1 to 18 digits, no leading zero. */
static int
is_id(const char *s)
{
	size_t	n;

	if (s == NULL || *s == '0')
		return (0);
	for (n = 0; s[n] >= '0' && s[n] <= '9'; n++)
		;
	return (n > 0 && n <= 18 && s[n] == '\0');
}

/* POST /assessments/{id}/caseworker: caseworker=ID. */
int
do_reassign(struct ctx *c)
{
	struct reassign	 r;
	PGresult	*res;
	const char	*to;
	char		 org[24], to_name[201], detail[80], dest[80];
	int		 rc;

	if ((rc = reassign_load(c, &r)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	to = ctx_field(c, "caseworker");
	if (to == NULL || *to == '\0') {
		page_error_add(c, "caseworker", "Select the caseworker to hold "
		    "this case");
		return (reassign_render(c, &r, "", 400));
	}
	if (!is_id(to) || (rc = caseworker_name(c, to, to_name,
	    sizeof(to_name))) == 0) {
		page_error_add(c, "caseworker", "Select an active caseworker "
		    "of your council");
		return (reassign_render(c, &r, "", 400));
	}
	if (rc == -1)
		return (page_error(c, 503));
	if (strcmp(to, r.from_id) == 0) {
		page_error_add(c, "caseworker", "This caseworker already holds "
		    "the case: select another caseworker");
		return (reassign_render(c, &r, to, 400));
	}
	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	if (db_begin() == -1)
		return (page_error(c, 503));
	res = db_qd(&worklist_stmts[WS_REASSIGN], c->id_text[0], org, to);
	if (res == NULL || db_rows(res) != 1) {
		db_rollback();
		PQclear(res);
		if (res == NULL)
			return (page_error(c, 503));
		/* Disabled or reassigned by someone else meanwhile. */
		page_error_add(c, "caseworker", "The case could not be passed to "
		    "this caseworker: check who holds it now and try again");
		(void)reassign_load(c, &r);
		return (reassign_render(c, &r, "", 400));
	}
	PQclear(res);
	if (tell_both(c, &r, to, to_name) == -1 || db_commit() == -1) {
		db_rollback();
		return (page_error(c, 503));
	}
	(void)snprintf(detail, sizeof(detail), "from %s to %s", r.from_id, to);
	audit(c, "reassign_caseworker", "assessment", c->id[0], detail);
	(void)snprintf(dest, sizeof(dest), "/assessments/%s?reassigned=1",
	    c->id_text[0]);
	return (http_see_other(c, dest));
}
