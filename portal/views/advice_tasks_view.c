/*
 * advice_tasks_view — the pages of a long template written as a GOV.UK
 * task list: the list, one task, the documents page and the submit page
 * (the handlers are advice_tasks.c).
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
#include "tasks.h"
#include "tmpl.h"
#include "vocab.h"
#include "columns.h"
#include "views.h"

/* The task (from 1) of an input in error: "f.<field>[.<row>.<column>]". */
static size_t
task_of_error(const struct tpl *t, const struct tasks *ts, const char *name)
{
	char	id[96];
	size_t	n;

	if (strncmp(name, "f.", 2) != 0)
		return (0);
	n = strcspn(name + 2, ".");
	if (n >= sizeof(id))
		return (0);
	memcpy(id, name + 2, n);
	id[n] = '\0';
	return (tasks_of_field(t, ts, id));
}

static size_t
documents_count(const char *request_id)
{
	PGresult	*res;
	size_t		 n = 0;

	if ((res = db_q(ST_DOCUMENTS_LIST, request_id)) != NULL)
		n = (size_t)db_rows(res);
	PQclear(res);
	return (n);
}

/* The task list: each template task, the documents, the declaration. */
static void
put_tasks(struct ctx *c, PGresult *rq, const struct tpl *t,
    const struct tasks *ts, const struct avals *v)
{
	struct tdict		*d;
	enum task_status	 st;
	size_t			 i, done = 0, files;

	for (i = 0; i < ts->n; i++) {
		st = task_status(t, &ts->t[i], v);
		done += st == TASK_COMPLETED;
		d = tdict_push(c->page, "tasks");
		tdict_setf(d, "number", "%zu", i + 1);
		tdict_setf(d, "href", "/requests/%s/tasks/%zu", c->id_text[0], i + 1);
		tdict_set(d, "title", ts->t[i].title);
		if (st == TASK_COMPLETED)
			tdict_set(d, "status_text", task_status_label(st));
		else {
			tdict_set(d, "status_tag", task_status_label(st));
			tdict_set(d, "status_colour", st == TASK_IN_PROGRESS ?
			    "light-blue" : "blue");
		}
	}
	files = documents_count(db_val(rq, 0, RQ_ID));
	d = tdict_push(c->page, "tasks");
	tdict_setf(d, "number", "%zu", ts->n + 1);
	tdict_setf(d, "href", "/requests/%s/documents", c->id_text[0]);
	tdict_set(d, "title", "Supporting documents");
	tdict_set(d, "hint", "Optional: reports or assessments");
	if (files == 0)
		tdict_set(d, "status_text", "No files");
	else
		tdict_setf(d, "status_text", files == 1 ? "%zu file" : "%zu files", files);
	d = tdict_push(c->page, "tasks");
	tdict_setf(d, "number", "%zu", ts->n + 2);
	tdict_setf(d, "href", "/requests/%s/submit", c->id_text[0]);
	tdict_set(d, "title", "Declaration and submit");
	tdict_set(d, "status_tag", done == ts->n ? "Ready to submit" : "Not started");
	tdict_set(d, "status_colour", "blue");
	tdict_setf(c->page, "completed", "%zu", done);
	tdict_setf(c->page, "total", "%zu", ts->n);
}

/* What every task page shows above its heading. */
static void
put_heading(struct ctx *c, PGresult *rq, const struct tpl *t)
{
	tdict_set(c->page, "request_id", db_val(rq, 0, RQ_ID));
	tdict_set(c->page, "reference", db_val(rq, 0, RQ_REFERENCE));
	tdict_setf(c->page, "child", "%s %s", db_val(rq, 0, RQ_GIVEN),
	    db_val(rq, 0, RQ_FAMILY));
	tdict_set(c->page, "template_title", t->title);
	tdict_set(c->page, "template_id", t->id);
	tdict_setf(c->page, "template_version", "%d", t->version);
	/* Educational advice is the school's: name it on every page. */
	if (strcmp(db_val(rq, 0, RQ_KIND), "educational") == 0)
		tdict_set(c->page, "school", *db_val(rq, 0, RQ_SETTING) ?
		    db_val(rq, 0, RQ_SETTING) : db_val(rq, 0, RQ_ORG));
}

int
advice_tasks_render(struct ctx *c, PGresult *rq, PGresult *ad,
    const struct tpl *t, const struct avals *v, int status)
{
	struct tasks	ts;

	(void)tasks_of(t, &ts);
	advice_request_put(c, rq);
	tdict_set(c->page, "template_title", t->title);
	tdict_set(c->page, "template_description", t->description);
	if (db_rows(ad) == 1 && strcmp(db_val(ad, 0, AD_STATUS), "returned") == 0)
		tdict_set(c->page, "return_message", db_val(ad, 0, AD_RETURN));
	if (db_rows(ad) == 1)
		tdict_set(c->page, "saved_at", db_val(ad, 0, AD_SAVED));
	put_tasks(c, rq, t, &ts, v);
	return (page_render(c, status, "advice-tasks", t->title));
}

int
advice_task_render(struct ctx *c, PGresult *rq, const struct tpl *t,
    const struct avals *v, long n, int status)
{
	struct tasks		 ts;
	const struct task	*k;

	(void)tasks_of(t, &ts);
	if ((k = tasks_get(&ts, n)) == NULL)
		return (page_error(c, 404));
	put_heading(c, rq, t);
	tdict_set(c->page, "task_title", k->title);
	tdict_setf(c->page, "task_number", "%ld", n);
	advice_fields_put(c, t, v, 1, k->area);
	return (page_render(c, status, "advice-task", k->title));
}

int
advice_documents_render(struct ctx *c, PGresult *rq, int status)
{
	const struct tpl	*t;

	t = tpl_find(&advice_templates, db_val(rq, 0, RQ_TPL),
	    atoi(db_val(rq, 0, RQ_TPL_VERSION)));
	if (t == NULL)
		return (page_error(c, 500));
	put_heading(c, rq, t);
	attachments_put(c, db_val(rq, 0, RQ_ID), 1);	/* the banner: flash.c */
	return (page_render(c, status, "advice-documents", "Supporting documents"));
}

/* The submit page; e: the saved answers' errors (a line per task). */
int
advice_submit_render(struct ctx *c, PGresult *rq, const struct tpl *t,
    const struct avals *v, const struct errs *e, int status)
{
	struct tasks		 ts;
	struct tdict		*d;
	size_t			 i, k, n, first;

	(void)tasks_of(t, &ts);
	put_heading(c, rq, t);
	put_tasks(c, rq, t, &ts, v);
	for (k = 0; e != NULL && k < ts.n; k++) {
		for (i = n = first = 0; i < e->n; i++)
			if (task_of_error(t, &ts, e->e[i].field) == k + 1 &&
			    n++ == 0)
				first = i;
		if (n == 0)
			continue;
		d = tdict_push(c->page, "task_errors");
		tdict_setf(d, "href", "/requests/%s/tasks/%zu", c->id_text[0], k + 1);
		if (n == 1)
			tdict_setf(d, "message", "%s: %s", ts.t[k].title,
			    e->e[first].message);
		else
			tdict_setf(d, "message", "%s: %s, and %zu more to put right",
			    ts.t[k].title, e->e[first].message, n - 1);
		tdict_set(c->page, "has_errors", "1");
		c->nerrors++;
	}
	advice_warnings_summary_put(c, t, v, c->id_text[0]);
	advice_declaration_put(c, rq);
	return (page_render(c, status, "advice-submit", "Declaration and submit"));
}
