/*
 * listing — long lists a page at a time (GOV.UK pagination), sorted as
 * the query string asks (?page=N&sort=…), and the caseload with its
 * search box: a caseworker's own assessments or, for a manager, the
 * council's, overdue advice first. Every view is audit-logged.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extern.h"
#include "admin_rules.h"
#include "admin_sql.h"
#include "config.h"
#include "form.h"
#include "paging.h"
#include "sbuf.h"
#include "tmpl.h"
#include "views.h"

static const char *const caseload_sorts[] = { "due", "reference", "name", "received" };
static const char *const caseload_sort_labels[] = {
	"Overdue advice first, then soonest due", "Reference", "Child's name",
	"Request received, oldest first",
};
#define NCASELOAD_SORTS	(int)(sizeof(caseload_sorts) / sizeof(caseload_sorts[0]))

static void	caseload_row(struct tdict *, const PGresult *, int);
static int	row_cmp(const void *, const void *);

/* The result and column row_cmp compares (qsort has no context; a worker
 * runs one handler at a time). */
static const PGresult	*cmp_res;
static int		 cmp_col;

static void
caseload_row(struct tdict *d, const PGresult *res, int i)
{
	tdict_set(d, "id", db_named(res, i, "id"));
	tdict_set(d, "reference", db_named(res, i, "reference"));
	tdict_set(d, "child", db_named(res, i, "child"));
	tdict_set(d, "received", db_named(res, i, "received"));
	tdict_set(d, "requests", db_named(res, i, "requests"));
	tdict_set(d, "received_advice", db_named(res, i, "received_advice"));
	if (atoi(db_named(res, i, "overdue")) > 0)
		tdict_set(d, "overdue", db_named(res, i, "overdue"));
	tdict_set(d, "next_due", db_named(res, i, "next_due"));
	tdict_set(d, "caseworker", db_named(res, i, "caseworker"));
}

/*
 * The value of name in the request: the posted form's field for a POST,
 * else the query string's (query_get), copied into out; "" when absent.
 * A posted value too long for out is cut to len - 1 bytes.
 */
static const char *
caseload_get(struct ctx *c, const char *name, char *out, size_t len)
{
	const char	*v;

	if (c->req->method != HTTP_METHOD_POST)
		return (query_get(c, name, out, len));
	out[0] = '\0';
	if ((v = ctx_field(c, name)) != NULL)
		(void)kore_strlcpy(out, v, len);
	return (out);
}

/*
 * GET /caseworker, /manager: the caseload, ?sort=, ?page=. POST: the
 * same with the search box's q (by name, reference, NHS number or date
 * of birth), sort and page posted, so nothing typed reaches a URL
 * (history, proxy logs); a GET's ?q= is ignored. The search's pages are
 * posted too (_pagination_post).
 */
int
page_caseload(struct ctx *c)
{
	PGresult		*res;
	struct child_search	 s;
	struct paging		 p;
	struct sbuf		 base;
	struct tdict		*o;
	const char		*dob;
	char			 acc[24], org[24], today[11], q[256], sort[16];
	char			 pg[16], limit[24], offset[24];
	int			 i, k, own, status = 200;

	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	config_today(today);
	k = paging_sort_of(caseload_get(c, "sort", sort, sizeof(sort)),
	    caseload_sorts, NCASELOAD_SORTS);
	q[0] = '\0';
	if (c->req->method == HTTP_METHOD_POST)
		(void)caseload_get(c, "q", q, sizeof(q));
	if (child_search_parse(q, &s) == -1) {
		page_error_add(c, "q", "Enter 100 characters or fewer: a name, "
		    "a reference, an NHS number or a date of birth");
		tdict_set(c->page, "q", q);
		status = 400;
	}
	dob = s.dob[0] != '\0' ? s.dob : NULL;
	own = c->sess.role != ROLE_MANAGER;
	if ((res = db_qd(&admin_stmts[own ? AS_CASELOAD_COUNT_OWN :
	    AS_CASELOAD_COUNT], acc, org,
	    role_name(c->sess.role), s.like[0] ? s.like : "", s.nhs, dob)) == NULL)
		return (page_error(c, db_unavailable() ? 503 : 500));
	paging_init(&p, atol(db_named(res, 0, "total")), PAGE_SIZE,
	    paging_page_of(caseload_get(c, "page", pg, sizeof(pg))));
	PQclear(res);
	(void)snprintf(limit, sizeof(limit), "%ld", p.size);
	(void)snprintf(offset, sizeof(offset), "%ld", p.offset);
	if ((res = db_qd(&admin_stmts[own ? AS_CASELOAD_PAGE_OWN :
	    AS_CASELOAD_PAGE], acc, org,
	    role_name(c->sess.role), s.like[0] ? s.like : "", s.nhs, dob,
	    today, caseload_sorts[k], limit, offset)) == NULL)
		return (page_error(c, db_unavailable() ? 503 : 500));
	for (i = 0; i < db_rows(res); i++)
		caseload_row(tdict_push(c->page, "assessments"), res, i);
	PQclear(res);
	audit(c, s.text[0] ? "view_caseload_search" : "view_caseload", "", 0, NULL);
	worklist_summary_put(c);

	for (i = 0; i < NCASELOAD_SORTS; i++) {
		o = tdict_push(c->page, "sorts");
		tdict_set(o, "value", caseload_sorts[i]);
		tdict_set(o, "text", caseload_sort_labels[i]);
		if (i == k)
			tdict_set(o, "selected", "1");
	}
	sbuf_init(&base);
	sbuf_printf(&base, "%s?sort=%s&", role_home(c->sess.role), caseload_sorts[k]);
	if (!base.oom && base.data != NULL)
		pagination_put(c, &p, base.data, "assessment");
	sbuf_free(&base);
	if (s.text[0] != '\0') {
		/* The search's pages: buttons posting q, sort and page. */
		tdict_set(c->page, "q", s.text);
		tdict_set(c->page, "searched", "1");
		tdict_set(c->page, "sort", caseload_sorts[k]);
		if (p.pages > 1 && (o = tdict_child(c->page, "pagination")) != NULL) {
			if (p.page > 1)
				tdict_setf(o, "prev_page", "%ld", p.page - 1);
			if (p.page < p.pages)
				tdict_setf(o, "next_page", "%ld", p.page + 1);
		}
	}
	tdict_set(c->page, "action", role_home(c->sess.role));
	tdict_set(c->page, "heading", c->sess.role == ROLE_MANAGER ?
	    "Assessments across the council" : "Your caseload");
	if (c->sess.role == ROLE_MANAGER)
		tdict_set(c->page, "show_caseworker", "1");
	return (page_render(c, status, "caseload", "Caseload"));
}

/* Rows by the column cmp_col (text, case-folded), then by their order in
 * the query (a stable sort). */
static int
row_cmp(const void *a, const void *b)
{
	int	ra = *(const int *)a, rb = *(const int *)b, d;

	d = strcasecmp(db_val(cmp_res, ra, cmp_col), db_val(cmp_res, rb, cmp_col));
	return (d != 0 ? d : ra - rb);
}

/*
 * A list the query returned whole (an inbox, a service's requests: tens,
 * not thousands) shown a page at a time: the rows of res sorted as
 * ?sort= asks (sorts[k].column; k 0 keeps the query's own order), then
 * this ?page= of PAGE_SIZE. Puts the sort links (sort_links) and the
 * pagination for path. Returns the row numbers to show, *n of them
 * (free them), or NULL (nothing to show, or out of memory).
 */
int *
list_page(struct ctx *c, const PGresult *res, const struct list_sort *sorts,
    int nsorts, const char *path, const char *what, int *n)
{
	struct paging	 p;
	struct tdict	*o;
	const char	*names[8];
	char		 sort[16], pg[16], base[128];
	int		*rows, i, k;

	*n = 0;
	for (i = 0; i < nsorts && i < 8; i++)
		names[i] = sorts[i].name;
	k = paging_sort_of(query_get(c, "sort", sort, sizeof(sort)), names, i);
	for (i = 0; i < nsorts; i++) {
		o = tdict_push(c->page, "sort_links");
		tdict_setf(o, "href", "%s?sort=%s", path, sorts[i].name);
		tdict_set(o, "text", sorts[i].label);
		if (i == k)
			tdict_set(o, "current", "1");
	}
	paging_init(&p, db_rows(res), PAGE_SIZE,
	    paging_page_of(query_get(c, "page", pg, sizeof(pg))));
	(void)snprintf(base, sizeof(base), "%s?sort=%s&", path, sorts[k].name);
	pagination_put(c, &p, base, what);
	if (p.total == 0 || (rows = calloc((size_t)p.total, sizeof(int))) == NULL)
		return (NULL);
	for (i = 0; i < p.total; i++)
		rows[i] = i;
	if (sorts[k].column >= 0) {
		cmp_res = res;
		cmp_col = sorts[k].column;
		qsort(rows, (size_t)p.total, sizeof(int), row_cmp);
	}
	*n = (int)(p.offset + p.size < p.total ? p.size : p.total - p.offset);
	memmove(rows, rows + p.offset, (size_t)*n * sizeof(int));
	return (rows);
}
