/*
 * page — what the page handlers share, in one place: form errors kept
 * on the page, the request as this user may see it, who writes its
 * advice, the status tag, and notifications. Handlers call these and
 * never each other (README, "Layout").
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "advice.h"
#include "checks.h"
#include "clock.h"
#include "db.h"
#include "form.h"
#include "paging.h"
#include "tmpl.h"
#include "vocab.h"
#include "columns.h"

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

/* The request (ST_REQUEST_GET) if this user may see it: 1, 0 none, -1 down. */
int
request_load(struct ctx *c, const char *id, PGresult **out)
{
	return (scoped_get(c, ST_REQUEST_GET, id, out));
}

int
advice_is_author(struct ctx *c, PGresult *rq)
{
	return ((c->sess.role == ROLE_PROFESSIONAL ||
	    c->sess.role == ROLE_SERVICE_LEAD || c->sess.role == ROLE_PARENT) &&
	    strtoll(db_val(rq, 0, RQ_PROF_ID), NULL, 10) == c->sess.account_id);
}

int
advice_editable(const char *status)
{
	return (vocab_status_open(status));
}

const char *
advice_kind_label(const char *kind)
{
	return (vocab_kind_label(kind));
}

/* Sets status, status_label, status_colour, days_left / overdue on row. */
void
request_status_tag(struct tdict *row, const char *status, const char *due,
    const char *today)
{
	const struct vocab_status	*st = vocab_status(status);
	long				 left;

	if (st != NULL) {
		tdict_set(row, "status", status);
		tdict_set(row, "status_label", st->label);
		tdict_set(row, "status_colour", st->colour);
	}
	if (!vocab_status_open(status))
		return;
	left = days_between(today, due);
	if (left < 0)
		tdict_setf(row, "overdue", "Overdue by %ld day%s", -left, left == -1 ? "" : "s");
	else if (left == 0)
		tdict_set(row, "due_today", "Due today");
	else
		tdict_setf(row, "days_left", "%ld day%s left", left, left == 1 ? "" : "s");
}

/* 1 while a request waits for its advice (it can be allocated). */
int
request_open(const char *status)
{
	return (strcmp(status, "requested") == 0 ||
	    strcmp(status, "allocated") == 0 || strcmp(status, "draft") == 0 ||
	    strcmp(status, "returned") == 0);
}

/* A notification naming the kind of advice (fmt's first %s, written
 * "psychological advice") and the case reference (its second %s). */
void
request_notify(const char *account, const char *fmt, const char *kind,
    const char *reference, const char *link)
{
	char	what[80], msg[200];

	(void)snprintf(what, sizeof(what), "%s", advice_kind_label(kind));
	if (what[0] >= 'A' && what[0] <= 'Z')
		what[0] = (char)(what[0] - 'A' + 'a');
	(void)snprintf(msg, sizeof(msg), fmt, what, reference);
	if (msg[0] >= 'a' && msg[0] <= 'z')	/* the kind opens the sentence */
		msg[0] = (char)(msg[0] - 'a' + 'A');
	notify(account, msg, link);
}

void
notify(const char *account_id, const char *message, const char *link)
{
	PGresult	*res;

	if ((res = db_q(ST_NOTIFY, account_id, message, link)) == NULL)
		kore_log(LOG_ERR, "notify: cannot record a notification");
	PQclear(res);
}

/* A parent reading advice someone else gave (it is accepted). */
int
advice_parent_reader(struct ctx *c, PGresult *rq)
{
	return (c->sess.role == ROLE_PARENT &&
	    strcmp(db_val(rq, 0, RQ_KIND), "parent") != 0);
}

/*
 * The value of name in the request's query string, copied into out
 * (URL-decoded, UTF-8 checked); "" when absent or malformed. The query
 * is parsed on each call: pages read two or three names.
 */
const char *
query_get(struct ctx *c, const char *name, char *out, size_t len)
{
	struct form	*q = NULL;
	const char	*qs = c->req->query_string, *v;

	out[0] = '\0';
	if (qs == NULL || form_parse_urlencoded(&q, qs, strlen(qs), 64) != 0)
		return (out);
	if ((v = form_get(q, name)) != NULL && strlen(v) < len)
		(void)kore_strlcpy(out, v, len);
	form_free(q);
	return (out);
}

/*
 * The GOV.UK pagination component's values for p: previous, numbered
 * and next links to base (a path with its query so far, ending in ? or
 * &), and "Showing 26 to 50 of 60 whats" in shown (what: singular).
 */
void
pagination_put(struct ctx *c, const struct paging *p, const char *base,
    const char *what)
{
	struct tdict	*item, *nav;
	long		 items[PAGING_ITEMS_MAX], last;
	int		 i, n;

	last = p->offset + p->size < p->total ? p->offset + p->size : p->total;
	if (p->total > 0)
		tdict_setf(c->page, "shown", "Showing %ld to %ld of %ld %s%s",
		    p->offset + 1, last, p->total, what, p->total == 1 ? "" : "s");
	if ((n = paging_items(p, items)) == 0)
		return;
	nav = tdict_child(c->page, "pagination");
	if (p->page > 1)
		tdict_setf(nav, "prev", "%spage=%ld", base, p->page - 1);
	if (p->page < p->pages)
		tdict_setf(nav, "next", "%spage=%ld", base, p->page + 1);
	for (i = 0; i < n; i++) {
		item = tdict_push(nav, "items");
		if (items[i] == 0) {
			tdict_set(item, "ellipsis", "1");
			continue;
		}
		tdict_setf(item, "number", "%ld", items[i]);
		tdict_setf(item, "href", "%spage=%ld", base, items[i]);
		if (items[i] == p->page)
			tdict_set(item, "current", "1");
	}
}
