/*
 * advice_page — one request's page. The professional (or, for their own
 * views, the parent) writes the advice against its template, saves drafts
 * and submits; the caseworker reviews, accepts or returns it for
 * clarification; every version stays readable.
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
#include "token.h"
#include "vocab.h"
#include "columns.h"
#include "views.h"



/* GET /requests/{id}: the form for its author while open, else the view. */
int
page_request(struct ctx *c)
{
	advice_import_put(c);	/* after a .docx upload: advice_docx.c */
	return (page_request_refused(c, 200));
}

/* POST /requests/{id}/advice: action=save or action=submit. */
int
do_advice_save(struct ctx *c)
{
	PGresult		*rq;
	const struct tpl	*t;
	struct avals		 v;
	struct errs		 e;
	const char		*action;
	char			 dest[80], caseworker[24];
	int			 rc, submit;

	if ((rc = request_load(c, c->id_text[0], &rq)) != 1 || !advice_is_author(c, rq)) {
		PQclear(rq);
		return (page_error(c, rc == -1 ? 503 : 404));
	}
	if (!advice_editable(db_val(rq, 0, RQ_STATUS))) {
		PQclear(rq);
		return (page_error(c, 409));
	}
	t = tpl_find(&advice_templates, db_val(rq, 0, RQ_TPL),
	    atoi(db_val(rq, 0, RQ_TPL_VERSION)));
	if (t != NULL && form_get(c->form, "part") != NULL) {
		rc = advice_part_save(c, rq, t, form_get(c->form, "part"));
		PQclear(rq);
		return (rc);
	}
	action = form_get(c->form, "action");
	submit = action != NULL && strcmp(action, "submit") == 0;
	e.n = 0;
	avals_init(&v);
	if (t == NULL || avals_from_form(t, c->form, &v, &e) == -1) {
		avals_free(&v);
		PQclear(rq);
		return (page_error(c, 500));
	}
	if (submit) {
		avals_check_submit(t, &v, &e);
		advice_declaration_read(c, rq, &e);
	}
	if (e.n > 0) {
		page_errors(c, &e);
		rc = advice_form_render(c, rq, t, &v, 400);
	} else if (advice_store(c, rq, t, &v, submit) == -1) {
		tdict_set(c->page, "notice", "Your advice could not be saved. "
		    "Nothing has been lost from this page: try again in a few minutes.");
		rc = advice_form_render(c, rq, t, &v, 503);
	} else {
		audit(c, submit ? "submit_advice" : "save_advice",
		    "advice_request", c->id[0], NULL);
		if (submit) {
			(void)kore_strlcpy(caseworker, db_val(rq, 0, RQ_CASEWORKER),
			    sizeof(caseworker));
			(void)snprintf(dest, sizeof(dest), "/requests/%s", c->id_text[0]);
			request_notify(caseworker, "%s for %s was submitted for "
			    "your review", db_val(rq, 0, RQ_KIND),
			    db_val(rq, 0, RQ_REFERENCE), dest);
		}
		if (action != NULL && strcmp(action, "documents") == 0)
			(void)snprintf(dest, sizeof(dest), "/requests/%s/documents",
			    c->id_text[0]);
		else if (action != NULL && strcmp(action, "word") == 0)
			(void)snprintf(dest, sizeof(dest), "/requests/%s/form",
			    c->id_text[0]);
		else
			(void)snprintf(dest, sizeof(dest), "/requests/%s?%s",
			    c->id_text[0], submit ? "submitted=1" : "saved=1");
		rc = http_see_other(c, dest);
	}
	avals_free(&v);
	PQclear(rq);
	return (rc);
}

/* POST /requests/{id}/accept and /return (with a message). */
static int
review(struct ctx *c, int accept)
{
	PGresult	*rq, *ad, *res;
	const char	*msg = form_get(c->form, "message");
	char		 acc[24], dest[64], prof[24], kind[40], reference[40];
	int		 rc, ok;

	if ((rc = request_load(c, c->id_text[0], &rq)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	if (!accept && (blank(msg) || utf8_length(msg) > 5000)) {
		page_error_add(c, "message", "Enter what the professional needs to clarify (5000 characters or fewer)");
		page_keep_form(c);
		rc = request_review_render(c, rq, (ad = db_q(ST_ADVICE_LATEST,
		    c->id_text[0])), 400);
		PQclear(ad);
		PQclear(rq);
		return (rc);
	}
	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	(void)kore_strlcpy(prof, db_val(rq, 0, RQ_PROF_ID), sizeof(prof));
	(void)kore_strlcpy(kind, db_val(rq, 0, RQ_KIND), sizeof(kind));
	(void)kore_strlcpy(reference, db_val(rq, 0, RQ_REFERENCE),
	    sizeof(reference));
	if (db_begin() == -1 || (ad = db_q(ST_ADVICE_LATEST, c->id_text[0])) == NULL) {
		db_rollback();
		PQclear(rq);
		return (page_error(c, 503));
	}
	res = db_rows(ad) == 1 ? db_q(ST_ADVICE_REVIEW, db_val(ad, 0, AD_ID),
	    accept ? "accepted" : "returned", accept ? "" : msg, acc) : NULL;
	ok = res != NULL && db_rows(res) == 1;
	PQclear(res);
	PQclear(ad);
	if (ok && (res = db_q(ST_REQUEST_STATUS, c->id_text[0],
	    accept ? "accepted" : "returned")) != NULL) {
		PQclear(res);
		ok = db_commit() == 0;
	} else {
		db_rollback();
		ok = 0;
	}
	PQclear(rq);
	if (!ok)
		return (page_error(c, db_unavailable() ? 503 : 409));
	audit(c, accept ? "accept_advice" : "return_advice", "advice_request",
	    c->id[0], NULL);
	(void)snprintf(dest, sizeof(dest), "/requests/%s", c->id_text[0]);
	if (prof[0] != '\0')
		request_notify(prof, accept ? "Your %s for %s was accepted" :
		    "Your %s for %s was returned for clarification", kind,
		    reference, dest);
	(void)snprintf(dest, sizeof(dest), "/requests/%s?%s", c->id_text[0],
	    accept ? "accepted=1" : "returned=1");
	return (http_see_other(c, dest));
}

int
do_accept(struct ctx *c)
{
	return (review(c, 1));
}

int
do_return(struct ctx *c)
{
	return (review(c, 0));
}

/* GET /requests/{id}/versions/{n}: one version, read-only. */
int
page_version(struct ctx *c)
{
	PGresult	*rq, *ad;
	int		 rc;

	if ((rc = request_load(c, c->id_text[0], &rq)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	/* A draft is its author's work in progress: nobody else reads it. */
	if ((ad = db_q(ST_ADVICE_VERSION, c->id_text[0], c->id_text[1])) == NULL ||
	    db_rows(ad) != 1 || (!advice_is_author(c, rq) &&
	    strcmp(db_val(ad, 0, AD_STATUS), "draft") == 0) ||
	    (advice_parent_reader(c, rq) &&
	    strcmp(db_val(ad, 0, AD_STATUS), "accepted") != 0)) {
		PQclear(ad);
		PQclear(rq);
		return (page_error(c, ad == NULL ? 503 : 404));
	}
	audit(c, "view_advice_version", "advice_request", c->id[0],
	    c->id_text[1]);
	tdict_set(c->page, "viewing_version", "1");
	rc = request_review_render(c, rq, ad, 200);
	PQclear(ad);
	PQclear(rq);
	return (rc);
}

/*
 * POST /requests/{id}/advice after the session ended: nothing is saved
 * (we cannot check who is sending it), but the answers come back in the
 * form with a clear message, so nothing typed is lost. The template is
 * public; no record is read. The page keeps the posted CSRF token, the
 * ended session's. Posted again once its user has signed in (in another
 * tab), that token is no longer the session's: dispatch.c recognises it
 * as one of the account's earlier ones and calls this again, signed in;
 * the answers come back once more, with the new session's token, still
 * unsaved (a form cannot be saved on an old session's token).
 */
int
advice_signed_out(struct ctx *c)
{
	const struct tpl	*t;
	const struct task	*k = NULL;
	struct tasks		 ts;
	struct avals		 v;
	struct errs		 e;
	const char		*id, *ver, *csrf, *part;

	id = form_get(c->form, "template_id");
	ver = form_get(c->form, "template_version");
	if (id == NULL || ver == NULL ||
	    (t = tpl_find(&advice_templates, id, atoi(ver))) == NULL)
		return (page_error(c, 401));
	/* A task page's answers come back as that task alone, still saved
	 * as that task (so the other tasks' answers are kept); the
	 * declaration page has no answers to give back. */
	if ((part = form_get(c->form, "part")) != NULL) {
		(void)tasks_of(t, &ts);
		if ((k = tasks_get(&ts, strtol(part, NULL, 10))) == NULL)
			return (page_error(c, 401));
	}
	e.n = 0;
	avals_init(&v);
	if (avals_from_form(t, c->form, &v, &e) == -1) {
		avals_free(&v);
		return (page_error(c, 401));
	}
	if (c->signed_in)
		tdict_set(c->page, "csrf", c->sess.csrf);
	else if ((csrf = form_get(c->form, "csrf")) != NULL && strlen(csrf) == TOKEN_CHARS)
		tdict_set(c->page, "csrf", csrf);
	tdict_set(c->page, "request_id", c->id_text[0]);
	if (!c->signed_in)
		tdict_set(c->page, "signed_out", "1");
	tdict_set(c->page, "notice", c->signed_in ? "You have signed in again. "
	    "Your answers have not been saved yet: they are on this page. Check "
	    "them, then select Save draft." : "You were signed out, so your "
	    "answers have not been saved yet. They are still on this page. Sign in "
	    "again in a new tab or window, then come back to this page and select "
	    "Save draft.");
	advice_fields_put(c, t, &v, 1, k != NULL ? k->area : NULL);
	page_keep_form(c);
	avals_free(&v);
	return (page_render(c, c->signed_in ? 409 : 401, "advice-form", t->title));
}
