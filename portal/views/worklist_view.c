/*
 * worklist_view — what needs doing, loaded for the work-list pages
 * (pages/worklists.c) and counted for the summary at the top of the
 * caseload (pages/listing.c): a council's or a caseworker's open cases
 * with their statutory steps and advice requests, sorted into the
 * overdue, due-soon and ready lists by worklist.h's rules.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "config.h"
#include "datefmt.h"
#include "db.h"
#include "sbuf.h"
#include "tmpl.h"
#include "worklist.h"
#include "worklist_sql.h"
#include "admin_sql.h"		/* db_named */
#include "views.h"

static int	item_cmp(const void *, const void *);

static int
item_cmp(const void *a, const void *b)
{
	const struct wl_item	*x = a, *y = b;
	int			 d;

	if ((d = strcmp(x->due, y->due)) != 0)
		return (d);
	if (x->request != y->request)
		return (x->request - y->request);
	return (x->row - y->row);
}

/* The WS_CASES row as worklist.h reads it. */
void
worklist_case_of(const PGresult *res, int i, struct wl_case *k)
{
	memset(k, 0, sizeof(*k));
	k->received = db_named(res, i, "received");
	k->assess = db_named(res, i, "assess");
	k->plan = db_named(res, i, "plan");
	k->draft_on = db_named(res, i, "draft_on");
	k->final_on = db_named(res, i, "final_on");
	k->requests = atoi(db_named(res, i, "requests"));
	k->open = atoi(db_named(res, i, "open"));
	k->submitted = atoi(db_named(res, i, "submitted"));
}

/* Files an item by its due date: overdue, due soon, or not listed. */
static void
file_item(struct wl_lists *l, struct wl_item *it)
{
	switch (wl_due_class(it->due, l->today, &it->days)) {
	case WL_OVERDUE:
		l->overdue[l->noverdue++] = *it;
		break;
	case WL_DUE_SOON:
		l->soon[l->nsoon++] = *it;
		break;
	default:
		break;
	}
}

void
worklist_lists_free(struct wl_lists *l)
{
	PQclear(l->cases);
	PQclear(l->requests);
	free(l->overdue);
	free(l->soon);
	free(l->ready);
	memset(l, 0, sizeof(*l));
}

/* The advice requests of the cases (WS_CASES's rows) still being
 * written and due by soon; NULL if the database or memory failed. */
static PGresult *
requests_load(const PGresult *cases, const char *soon)
{
	PGresult	*res = NULL;
	struct sbuf	 ids;
	int		 i;

	sbuf_init(&ids);
	sbuf_printf(&ids, "{");
	for (i = 0; i < db_rows(cases); i++)
		sbuf_printf(&ids, "%s%s", i ? "," : "",
		    db_named(cases, i, "id"));
	sbuf_printf(&ids, "}");
	if (!ids.oom && ids.data != NULL)
		res = db_qd(&worklist_stmts[WS_REQUESTS], ids.data, soon);
	sbuf_free(&ids);
	return (res);
}

/*
 * The three lists of the signed-in caseworker (or, for a manager, the
 * council's; of one caseworker when filter is not ""). counts_only (the
 * caseload's summary): the advice requests are counted with the cases
 * (WS_CASES's late and soon) rather than read, so the lists hold the
 * statutory steps only but noverdue and nsoon count both. 0, or -1 (the
 * database or memory failed; l is freed).
 */
int
worklist_lists_load(struct ctx *c, const char *filter, int counts_only,
    struct wl_lists *l)
{
	struct wl_case		 k;
	struct wl_deadline	 d[WD__MAX];
	struct wl_item		 it;
	char			 acc[24], org[24], soon[DATE_LEN];
	int			 i, j, n, cap, late = 0, due_soon = 0;

	memset(l, 0, sizeof(*l));
	config_today(l->today);
	if (date_add(l->today, WL_SOON_DAYS, soon) == -1)
		return (-1);
	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	if ((l->cases = db_qd(&worklist_stmts[c->sess.role == ROLE_MANAGER ?
	    WS_CASES : WS_CASES_OWN], acc, org,
	    role_name(c->sess.role), filter, l->today, soon)) == NULL)
		goto fail;
	if (counts_only) {
		for (i = 0; i < db_rows(l->cases); i++) {
			late += atoi(db_named(l->cases, i, "late"));
			due_soon += atoi(db_named(l->cases, i, "soon"));
		}
		l->requests = PQmakeEmptyPGresult(NULL, PGRES_TUPLES_OK);
	} else
		l->requests = requests_load(l->cases, soon);
	if (l->requests == NULL)
		goto fail;
	cap = db_rows(l->cases) * WD__MAX + db_rows(l->requests) + 1;
	l->overdue = calloc((size_t)cap, sizeof(*l->overdue));
	l->soon = calloc((size_t)cap, sizeof(*l->soon));
	l->ready = calloc((size_t)db_rows(l->cases) + 1, sizeof(*l->ready));
	if (l->overdue == NULL || l->soon == NULL || l->ready == NULL)
		goto fail;
	for (i = 0; i < db_rows(l->cases); i++) {
		worklist_case_of(l->cases, i, &k);
		if (wl_step_ready(wl_next_step(&k, l->today)))
			l->ready[l->nready++] = i;
		n = wl_deadlines(&k, d);
		for (j = 0; j < n; j++) {
			memset(&it, 0, sizeof(it));
			it.row = i;
			it.kind = d[j].kind;
			memcpy(it.due, d[j].due, DATE_LEN);
			file_item(l, &it);
		}
	}
	for (i = 0; i < db_rows(l->requests); i++) {
		memset(&it, 0, sizeof(it));
		it.request = 1;
		it.row = i;
		(void)snprintf(it.due, sizeof(it.due), "%s",
		    db_named(l->requests, i, "due_on"));
		file_item(l, &it);
	}
	if (!counts_only) {
		qsort(l->overdue, (size_t)l->noverdue, sizeof(*l->overdue),
		    item_cmp);
		qsort(l->soon, (size_t)l->nsoon, sizeof(*l->soon), item_cmp);
	}
	l->noverdue += late;
	l->nsoon += due_soon;
	return (0);
fail:
	worklist_lists_free(l);
	return (-1);
}

/*
 * The summary at the top of the caseload (/caseworker, /manager): how
 * many items are overdue, due within 2 weeks and cases ready, with the
 * link to the lists. Nothing is put if the database fails (the caseload
 * still shows).
 */
void
worklist_summary_put(struct ctx *c)
{
	struct wl_lists	 l;
	struct tdict	*s;

	if (worklist_lists_load(c, "", 1, &l) == -1)
		return;
	s = tdict_child(c->page, "worklist");
	tdict_setf(s, "overdue", "%d", l.noverdue);
	tdict_setf(s, "soon", "%d", l.nsoon);
	tdict_setf(s, "ready", "%d", l.nready);
	tdict_setf(s, "href", "%s/work", role_home(c->sess.role));
	worklist_lists_free(&l);
}
