/*
 * advice_tasks — long advice templates as a GOV.UK task list (tasks.h):
 * the list with each task's status, one page per task that saves only
 * its own answers into the draft, the documents page (uploads never
 * reload a form with unsaved answers) and the declaration-and-submit
 * page, which submits what is saved or names the tasks still to finish.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "advice.h"
#include "advice_page.h"
#include "db.h"
#include "form.h"
#include "tasks.h"
#include "template.h"
#include "tmpl.h"

static int	load(struct ctx *, PGresult **, PGresult **,
		    const struct tpl **, struct avals *);
static void	put_tasks(struct ctx *, PGresult *, const struct tpl *,
		    const struct tasks *, const struct avals *);
static void	put_heading(struct ctx *, PGresult *, const struct tpl *);
static int	render_task(struct ctx *, PGresult *, const struct tpl *,
		    const struct avals *, long, int);
static int	render_submit(struct ctx *, PGresult *, const struct tpl *,
		    const struct avals *, const struct errs *, int);
static int	save_task(struct ctx *, PGresult *, const struct tpl *, long);
static int	submit(struct ctx *, PGresult *, const struct tpl *);
static size_t	documents_count(const char *);
static size_t	task_of_error(const struct tpl *, const struct tasks *,
		    const char *);

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

/*
 * The open request its author is writing, with its latest advice and the
 * saved values (v initialised here; the caller frees it and the results).
 * 1; else the page was answered (404 for anyone else or once submitted).
 */
static int
load(struct ctx *c, PGresult **rq, PGresult **ad, const struct tpl **t,
    struct avals *v)
{
	int	rc;

	*ad = NULL;
	avals_init(v);
	if ((rc = request_load(c, c->id_text[0], rq)) != 1 ||
	    !advice_is_author(c, *rq) ||
	    !advice_editable(db_val(*rq, 0, RQ_STATUS))) {
		PQclear(*rq);
		*rq = NULL;
		(void)page_error(c, rc == -1 ? 503 : 404);
		return (0);
	}
	*t = tpl_find(&advice_templates, db_val(*rq, 0, RQ_TPL),
	    atoi(db_val(*rq, 0, RQ_TPL_VERSION)));
	if ((*ad = db_q(ST_ADVICE_LATEST, c->id_text[0])) == NULL || *t == NULL ||
	    (db_rows(*ad) == 1 &&
	    advice_values_load(db_val(*ad, 0, AD_ID), v) == -1)) {
		(void)page_error(c, *t == NULL ? 500 : 503);
		return (0);
	}
	audit(c, "view_request", "advice_request", c->id[0], NULL);
	return (1);
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

static int
render_task(struct ctx *c, PGresult *rq, const struct tpl *t,
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

/* GET /requests/{id}/tasks/{n}: one task of a long template. */
int
page_advice_task(struct ctx *c)
{
	PGresult		*rq, *ad;
	const struct tpl	*t;
	struct tasks		 ts;
	struct avals		 v;
	int			 rc;

	if (!load(c, &rq, &ad, &t, &v))
		rc = KORE_RESULT_OK;
	else if (!tasks_of(t, &ts))
		rc = page_error(c, 404);
	else
		rc = render_task(c, rq, t, &v, c->id[1], 200);
	avals_free(&v);
	PQclear(ad);
	PQclear(rq);
	return (rc);
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

/* GET /requests/{id}/documents: the author's files, and the upload. */
int
page_advice_documents(struct ctx *c)
{
	PGresult		*rq, *ad;
	const struct tpl	*t;
	struct avals		 v;
	int			 rc;

	if (!load(c, &rq, &ad, &t, &v))
		rc = KORE_RESULT_OK;
	else
		rc = advice_documents_render(c, rq, 200);
	avals_free(&v);
	PQclear(ad);
	PQclear(rq);
	return (rc);
}

void
advice_declaration_put(struct ctx *c, PGresult *rq)
{
	PGresult	*res;

	if (strcmp(db_val(rq, 0, RQ_KIND), "parent") != 0)
		tdict_set(c->page, "needs_declaration", "1");
	page_keep_form(c);
	if (form_get(c->form, "decl_name") != NULL)
		return;		/* as posted */
	res = db_q(ST_ADVICE_LAST_DECLARATION, db_val(rq, 0, RQ_ID));
	if (res != NULL && db_rows(res) == 1) {
		tdict_set(c->page, "v_decl_name", db_val(res, 0, 0));
		tdict_set(c->page, "v_decl_role", db_val(res, 0, 1));
		tdict_set(c->page, "v_decl_registration", db_val(res, 0, 2));
	} else
		tdict_set(c->page, "v_decl_name", c->sess.name);
	PQclear(res);
}

/* The submit page; e: the saved answers' errors (a line per task). */
static int
render_submit(struct ctx *c, PGresult *rq, const struct tpl *t,
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
	advice_declaration_put(c, rq);
	return (page_render(c, status, "advice-submit", "Declaration and submit"));
}

/* GET /requests/{id}/submit: the declaration, and what is done. */
int
page_advice_submit(struct ctx *c)
{
	PGresult		*rq, *ad;
	const struct tpl	*t;
	struct tasks		 ts;
	struct avals		 v;
	int			 rc;

	if (!load(c, &rq, &ad, &t, &v))
		rc = KORE_RESULT_OK;
	else if (!tasks_of(t, &ts))
		rc = page_error(c, 404);
	else
		rc = render_submit(c, rq, t, &v, NULL, 200);
	avals_free(&v);
	PQclear(ad);
	PQclear(rq);
	return (rc);
}

/* The saved answers of the request's latest advice into v: 0, or -1. */
static int
saved(struct ctx *c, struct avals *v)
{
	PGresult	*ad;
	int		 rc = 0;

	if ((ad = db_q(ST_ADVICE_LATEST, c->id_text[0])) == NULL)
		return (-1);
	if (db_rows(ad) == 1)
		rc = advice_values_load(db_val(ad, 0, AD_ID), v);
	PQclear(ad);
	return (rc);
}

/* Task n's answers replace its saved ones; the other tasks' stay. */
static int
save_task(struct ctx *c, PGresult *rq, const struct tpl *t, long n)
{
	struct tasks		 ts;
	const struct task	*k;
	struct avals		 posted, base, merged;
	struct errs		 e;
	char			 dest[64];
	int			 rc;

	(void)tasks_of(t, &ts);
	if ((k = tasks_get(&ts, n)) == NULL)
		return (page_error(c, 404));
	e.n = 0;
	avals_init(&posted);
	avals_init(&base);
	avals_init(&merged);
	if (avals_from_form(t, c->form, &posted, &e) == -1 ||
	    saved(c, &base) == -1 ||
	    tasks_merge(t, k, &base, &posted, &merged) == -1)
		rc = page_error(c, 503);
	else if (e.n > 0) {
		/* Nothing is written; every answer comes back as typed. */
		page_errors(c, &e);
		rc = render_task(c, rq, t, &posted, n, 400);
	} else if (advice_store(c, rq, t, &merged, 0) == -1) {
		tdict_set(c->page, "notice", "Your answers could not be saved. "
		    "Nothing has been lost from this page: try again in a few minutes.");
		rc = render_task(c, rq, t, &posted, n, 503);
	} else {
		audit(c, "save_advice", "advice_request", c->id[0], NULL);
		(void)snprintf(dest, sizeof(dest), "/requests/%s", c->id_text[0]);
		rc = http_see_other(c, dest);
	}
	avals_free(&posted);
	avals_free(&base);
	avals_free(&merged);
	return (rc);
}

/* Submits what is saved, with the declaration posted. */
static int
submit(struct ctx *c, PGresult *rq, const struct tpl *t)
{
	struct avals	 v;
	struct errs	 fields, decl;
	char		 dest[80], caseworker[24];
	int		 rc;

	avals_init(&v);
	fields.n = decl.n = 0;
	if (saved(c, &v) == -1) {
		avals_free(&v);
		return (page_error(c, 503));
	}
	avals_check_submit(t, &v, &fields);
	advice_declaration_read(c, rq, &decl);
	if (fields.n > 0 || decl.n > 0) {
		page_errors(c, &decl);
		rc = render_submit(c, rq, t, &v, &fields, 400);
	} else if (advice_store(c, rq, t, &v, 1) == -1) {
		tdict_set(c->page, "notice", "Your advice could not be submitted. "
		    "Your answers are saved: try again in a few minutes.");
		rc = render_submit(c, rq, t, &v, NULL, 503);
	} else {
		audit(c, "submit_advice", "advice_request", c->id[0], NULL);
		(void)kore_strlcpy(caseworker, db_val(rq, 0, RQ_CASEWORKER),
		    sizeof(caseworker));
		(void)snprintf(dest, sizeof(dest), "/requests/%s", c->id_text[0]);
		notify(caseworker, "Advice was submitted for your review", dest);
		(void)snprintf(dest, sizeof(dest), "/requests/%s?submitted=1",
		    c->id_text[0]);
		rc = http_see_other(c, dest);
	}
	avals_free(&v);
	return (rc);
}

int
advice_part_save(struct ctx *c, PGresult *rq, const struct tpl *t,
    const char *part)
{
	const char	*action = form_get(c->form, "action");
	struct tasks	 ts;
	char		*end;
	long		 n;

	if (!tasks_of(t, &ts))
		return (page_error(c, 404));
	if (strcmp(part, "declaration") == 0)
		return (action != NULL && strcmp(action, "submit") == 0 ?
		    submit(c, rq, t) : page_error(c, 400));
	n = strtol(part, &end, 10);
	if (*end != '\0' || end == part)
		return (page_error(c, 404));
	return (save_task(c, rq, t, n));
}
