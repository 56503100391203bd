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
#include "columns.h"
#include "views.h"
#include "db.h"
#include "form.h"
#include "tasks.h"
#include "template.h"
#include "tmpl.h"

static int	load(struct ctx *, PGresult **, PGresult **,
		    const struct tpl **, struct avals *);
static int	save_task(struct ctx *, PGresult *, const struct tpl *, long);
static int	submit(struct ctx *, PGresult *, const struct tpl *);

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
		rc = advice_task_render(c, rq, t, &v, c->id[1], 200);
	avals_free(&v);
	PQclear(ad);
	PQclear(rq);
	return (rc);
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
		rc = advice_submit_render(c, rq, t, &v, NULL, 200);
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
		rc = advice_task_render(c, rq, t, &posted, n, 400);
	} else if (advice_store(c, rq, t, &merged, 0) == -1) {
		tdict_set(c->page, "notice", "Your answers could not be saved. "
		    "Nothing has been lost from this page: try again in a few minutes.");
		rc = advice_task_render(c, rq, t, &posted, n, 503);
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
		rc = advice_submit_render(c, rq, t, &v, &fields, 400);
	} else if (advice_store(c, rq, t, &v, 1) == -1) {
		tdict_set(c->page, "notice", "Your advice could not be submitted. "
		    "Your answers are saved: try again in a few minutes.");
		rc = advice_submit_render(c, rq, t, &v, NULL, 503);
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
