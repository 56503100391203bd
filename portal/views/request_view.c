/*
 * request_view — one request's page as its reader sees it: the author's
 * form (one page, or the task list: advice_tasks_view.c), else the
 * review of the latest version. Handlers that refuse a post show it
 * again with their errors.
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

int
advice_form_render(struct ctx *c, PGresult *rq, const struct tpl *t,
    const struct avals *v, int status)
{
	advice_request_put(c, rq);
	advice_fields_put(c, t, v, 1, NULL);
	advice_warnings_summary_put(c, t, v, db_val(rq, 0, RQ_ID));
	if (strcmp(db_val(rq, 0, RQ_KIND), "parent") != 0)
		tdict_set(c->page, "needs_declaration", "1");
	advice_declaration_put(c, rq);
	/* Files are added on their own page, so an upload never reloads
	 * this form: "Save draft and add files" saves first. */
	attachments_put(c, db_val(rq, 0, RQ_ID), 0);
	tdict_set(c->page, "documents_page", "1");
	tdict_set(c->page, "word_button", "1");	/* _form_docx */
	return (page_render(c, status, "advice-form", t->title));
}

/* Caseworker, manager, service lead, or the author after submission. */
int
request_review_render(struct ctx *c, PGresult *rq, PGresult *ad, int status)
{
	const struct tpl	*t;
	struct avals		 v;
	PGresult		*vers;
	struct tdict		*row;
	const char		*shown = NULL;	/* the version on the page */
	int			 i;

	advice_request_put(c, rq);
	if (ad != NULL && db_rows(ad) == 1 && !advice_is_author(c, rq) &&
	    strcmp(db_val(ad, 0, AD_STATUS), "draft") == 0)
		tdict_set(c->page, "draft_in_progress", "1");
	else if (ad != NULL && db_rows(ad) == 1) {
		t = tpl_find(&advice_templates, db_val(ad, 0, AD_TPL),
		    atoi(db_val(ad, 0, AD_TPL_VERSION)));
		avals_init(&v);
		if (t == NULL || advice_values_load(db_val(ad, 0, AD_ID), &v) == -1) {
			avals_free(&v);
			return (page_error(c, 500));
		}
		advice_fields_put(c, t, &v, 0, NULL);
		avals_free(&v);
		shown = db_val(ad, 0, AD_ID);
		tdict_set(c->page, "has_advice", "1");
		tdict_set(c->page, "version", db_val(ad, 0, AD_VERSION));
		tdict_set(c->page, "advice_status", db_val(ad, 0, AD_STATUS));
		tdict_set(c->page, "decl_name", db_val(ad, 0, AD_DECL_NAME));
		tdict_set(c->page, "decl_role", db_val(ad, 0, AD_DECL_ROLE));
		tdict_set(c->page, "decl_registration", db_val(ad, 0, AD_DECL_REG));
		tdict_set_date(c->page, "decl_date", db_val(ad, 0, AD_DECL_DATE), 0);
		tdict_set(c->page, "submitted_at", db_val(ad, 0, AD_SUBMITTED));
		tdict_set(c->page, "return_message", db_val(ad, 0, AD_RETURN));
		if (strcmp(db_val(ad, 0, AD_STATUS), "submitted") == 0 &&
		    (c->sess.role == ROLE_CASEWORKER || c->sess.role == ROLE_MANAGER))
			tdict_set(c->page, "can_review", "1");
	}
	if (!advice_parent_reader(c, rq) &&
	    (vers = db_q(ST_ADVICE_VERSIONS, db_val(rq, 0, RQ_ID))) != NULL) {
		for (i = 0; i < db_rows(vers); i++) {
			/* A draft is its author's: no link others cannot open. */
			if (!advice_is_author(c, rq) &&
			    strcmp(db_val(vers, i, 1), "draft") == 0)
				continue;
			row = tdict_push(c->page, "versions");
			tdict_set(row, "version", db_val(vers, i, 0));
			tdict_set(row, "status", db_val(vers, i, 1));
			tdict_set(row, "submitted_at", db_val(vers, i, 2));
			tdict_set(row, "return_message", db_val(vers, i, 3));
		}
		PQclear(vers);
	}
	/* Allocation is offered only while the request waits for advice. */
	if (c->sess.role == ROLE_SERVICE_LEAD &&
	    request_open(db_val(rq, 0, RQ_STATUS)))
		service_allocation_put(c);
	/* Only what the version shown was submitted with: never a draft's. */
	attachments_put_advice(c, shown);
	tdict_set(c->page, "review", "1");	/* _advice_request's review rows */
	return (page_render(c, status, "advice-view", "Advice"));
}

/*
 * The request page with status (an acknowledgement's refusal: 400). An
 * upload's refusal (422, 503, with its reason) shows the documents page
 * the upload came from.
 */
int
page_request_refused(struct ctx *c, int status)
{
	PGresult		*rq, *ad;
	const struct tpl	*t;
	struct avals		 v;
	struct tasks		 ts;
	int			 rc;

	if ((rc = request_load(c, c->id_text[0], &rq)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	if ((ad = db_q(ST_ADVICE_LATEST, c->id_text[0])) == NULL) {
		PQclear(rq);
		return (page_error(c, 503));
	}
	audit(c, "view_request", "advice_request", c->id[0], NULL);
	if (advice_is_author(c, rq) && advice_editable(db_val(rq, 0, RQ_STATUS))) {
		t = tpl_find(&advice_templates, db_val(rq, 0, RQ_TPL),
		    atoi(db_val(rq, 0, RQ_TPL_VERSION)));
		avals_init(&v);
		if (db_rows(ad) == 1)
			(void)advice_values_load(db_val(ad, 0, AD_ID), &v);
		if (db_rows(ad) == 1 && strcmp(db_val(ad, 0, AD_STATUS), "returned") == 0)
			tdict_set(c->page, "return_message", db_val(ad, 0, AD_RETURN));
		if (db_rows(ad) == 1)
			tdict_set(c->page, "saved_at", db_val(ad, 0, AD_SAVED));
		if (t == NULL)
			rc = page_error(c, 500);
		else if (tasks_of(t, &ts))
			rc = advice_tasks_render(c, rq, ad, t, &v, status);
		else
			rc = advice_form_render(c, rq, t, &v, status);
		avals_free(&v);
	} else
		rc = request_review_render(c, rq, ad, status);
	PQclear(ad);
	PQclear(rq);
	return (rc);
}
