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
#include "advice_page.h"

#define BLANK_ROWS	2	/* empty rows offered under the filled ones */

static const char	*area_label(const char *);
static void		 put_field(struct tdict *, const struct tpl_field *,
			    const struct avals *, int, const struct errs *,
			    const struct form *);
static void		 put_date(struct tdict *, const struct tpl_field *,
			    const char *, const struct form *);
static const char	*error_for(const struct errs *, const char *);
static int		 parent_reader(struct ctx *, PGresult *);
static int		 render_form(struct ctx *, PGresult *, const struct tpl *,
			    const struct avals *, int);
static int		 render_review(struct ctx *, PGresult *, PGresult *, int);

static const char *
area_label(const char *area)
{
	const char	*label = vocab_area_label(area);

	return (label != NULL ? label : "");
}

/* The request (ST_REQUEST_GET) if this user may see it: 1, 0 none, -1 down. */
int
request_load(struct ctx *c, const char *id, PGresult **out)
{
	return (scoped_get(c, ST_REQUEST_GET, id, out));
}

int
advice_values_load(const char *advice_id, struct avals *vals)
{
	PGresult	*res;
	int		 i, rc = 0;

	if ((res = db_q(ST_VALUES_GET, advice_id)) == NULL)
		return (-1);
	for (i = 0; i < db_rows(res) && rc == 0; i++)
		rc = avals_add(vals, db_val(res, i, 0), atoi(db_val(res, i, 1)),
		    db_val(res, i, 2), db_val(res, i, 3));
	PQclear(res);
	return (rc);
}

/* The message for input name, or NULL. */
static const char *
error_for(const struct errs *e, const char *name)
{
	size_t	i;

	for (i = 0; e != NULL && i < e->n; i++)
		if (strcmp(e->e[i].field, name) == 0)
			return (e->e[i].message);
	return (NULL);
}

/*
 * A date's day, month and year inputs: as posted when the page comes back
 * from a POST of that date (a refused date is shown as typed), else from
 * the stored YYYY-MM-DD, as a person types them (no leading zeros).
 */
static void
put_date(struct tdict *d, const struct tpl_field *f, const char *val,
    const struct form *form)
{
	static const char *const part[3] = { "day", "month", "year" };
	char		 name[160], key[16];
	const char	*typed;
	int		 y, m, dd, i;

	(void)snprintf(name, sizeof(name), "f.%s-day", f->id);
	if (form != NULL && form_get(form, name) != NULL) {
		for (i = 0; i < 3; i++) {
			(void)snprintf(name, sizeof(name), "f.%s-%s", f->id, part[i]);
			(void)snprintf(key, sizeof(key), "v_%s", part[i]);
			typed = form_get(form, name);
			tdict_set(d, key, typed ? typed : "");
		}
		return;
	}
	if (val == NULL || sscanf(val, "%4d-%2d-%2d", &y, &m, &dd) != 3)
		return;
	tdict_setf(d, "v_day", "%d", dd);
	tdict_setf(d, "v_month", "%d", m);
	tdict_setf(d, "v_year", "%04d", y);
}

/* One field for the form (edit) or the read-only view. */
static void
put_field(struct tdict *d, const struct tpl_field *f, const struct avals *v,
    int edit, const struct errs *e, const struct form *form)
{
	struct tdict	*row, *cell, *o;
	const char	*val, *m;
	char		 name[160];
	size_t		 i, k;
	int		 r, rows;

	(void)snprintf(name, sizeof(name), "f.%s", f->id);
	tdict_set(d, "name", name);
	m = error_for(e, name);
	tdict_set(d, "error", m ? m : "");	/* "" stops the outward lookup */
	tdict_set(d, "label", f->label);
	tdict_set(d, "hint", f->hint);
	if (f->maxlength > 0)
		tdict_setf(d, "maxlength", "%zu", f->maxlength);
	if (f->required)
		tdict_set(d, "required", "1");
	for (k = 0; k < f->nfeeds; k++) {
		o = tdict_push(d, "feeds");
		tdict_set(o, "section", f->feeds[k]);
		if (k + 1 < f->nfeeds)
			tdict_set(o, "sep", ",");
	}
	tdict_set(d, f->type == TPL_TEXT ? "is_text" : f->type == TPL_LONGTEXT ?
	    "is_longtext" : f->type == TPL_DATE ? "is_date" :
	    f->type == TPL_CHOICE ? "is_choice" : "is_rows", "1");
	val = avals_get(v, f->id, -1, "");
	if (!edit && f->type == TPL_DATE && val != NULL)	/* read: written out */
		tdict_set_date(d, "value", val, 0);
	else
		tdict_set(d, "value", val ? val : "");
	if (f->type == TPL_DATE && edit)
		put_date(d, f, val, form);
	for (i = 0; i < f->noptions; i++) {
		o = tdict_push(d, "options");
		tdict_set(o, "value", f->options[i].value);
		tdict_set(o, "text", f->options[i].label);
		if (i == 0)	/* the error summary links to the first */
			tdict_set(o, "id", name);
		else
			tdict_setf(o, "id", "%s-%zu", name, i);
		if (val && strcmp(val, f->options[i].value) == 0) {
			tdict_set(o, "checked", "1");
			tdict_set(d, "value_label", f->options[i].label);
		}
	}
	if (f->type != TPL_ROWS)
		return;
	for (i = 0; i < f->ncolumns; i++)
		tdict_set(tdict_push(d, "columns"), "label", f->columns[i].label);
	rows = avals_rows(v, f->id);
	if (edit)
		rows += BLANK_ROWS;
	if (f->maxrows > 0 && (size_t)rows > f->maxrows && edit)
		rows = (int)f->maxrows > avals_rows(v, f->id) ?
		    (int)f->maxrows : avals_rows(v, f->id);
	for (r = 0; r < rows; r++) {
		row = tdict_push(d, "rows");
		tdict_setf(row, "number", "%d", r + 1);
		for (i = 0; i < f->ncolumns; i++) {
			cell = tdict_push(row, "cells");
			(void)snprintf(name, sizeof(name), "f.%s.%d.%s", f->id, r,
			    f->columns[i].id);
			tdict_set(cell, "name", name);
			m = error_for(e, name);
			tdict_set(cell, "error", m ? m : "");
			tdict_set(cell, "label", f->columns[i].label);
			val = avals_get(v, f->id, r, f->columns[i].id);
			tdict_set(cell, "value", val ? val : "");
		}
	}
	if (!edit && avals_rows(v, f->id) == 0)
		tdict_set(d, "no_rows", "1");
}

void
advice_fields_put(struct ctx *c, const struct tpl *t, const struct avals *v,
    int edit, const char *area)
{
	struct tdict	*d;
	const char	*last = "";
	size_t		 i;

	tdict_set(c->page, "template_title", t->title);
	tdict_set(c->page, "template_description", t->description);
	tdict_set(c->page, "template_id", t->id);
	tdict_setf(c->page, "template_version", "%d", t->version);
	for (i = 0; i < t->nfields; i++) {
		if (area != NULL && strcmp(area, t->fields[i].area) != 0)
			continue;
		d = tdict_push(c->page, "fields");
		if (area == NULL && strcmp(last, t->fields[i].area) != 0 &&
		    *area_label(t->fields[i].area) != '\0')
			tdict_set(d, "area_heading", area_label(t->fields[i].area));
		last = t->fields[i].area;
		put_field(d, &t->fields[i], v, edit, c->errs, c->form);
	}
}

/* The family's submitted views for advisers on this assessment (reg 7). */
static void
put_parent_views(struct ctx *c, PGresult *rq)
{
	PGresult		*pv;
	const struct tpl	*t;
	const struct tpl_field	*f;
	struct avals		 v;
	struct tdict		*d, *item;
	const char		*val;
	size_t			 i, k;

	if (strcmp(db_val(rq, 0, RQ_KIND), "parent") == 0 ||
	    (pv = db_q(ST_PARENT_VIEWS, db_val(rq, 0, RQ_ASSESSMENT))) == NULL)
		return;
	avals_init(&v);
	if (db_rows(pv) == 1 && (t = tpl_find(&advice_templates,
	    db_val(pv, 0, 1), atoi(db_val(pv, 0, 2)))) != NULL &&
	    advice_values_load(db_val(pv, 0, 0), &v) == 0 && v.n > 0) {
		d = tdict_child(c->page, "parent_views");
		tdict_set(d, "submitted_at", db_val(pv, 0, 3));
		for (i = 0; i < t->nfields; i++) {
			f = &t->fields[i];
			if (f->type == TPL_ROWS ||
			    (val = avals_get(&v, f->id, -1, "")) == NULL)
				continue;
			for (k = 0; k < f->noptions; k++)
				if (strcmp(f->options[k].value, val) == 0)
					val = f->options[k].label;
			item = tdict_push(d, "items");
			tdict_set(item, "label", f->label);
			tdict_set(item, "value", val);
		}
	}
	avals_free(&v);
	PQclear(pv);
}

void
advice_request_put(struct ctx *c, PGresult *rq)
{
	char	today[11];

	config_today(today);
	tdict_set(c->page, "request_id", db_val(rq, 0, RQ_ID));
	tdict_set(c->page, "kind", advice_kind_label(db_val(rq, 0, RQ_KIND)));
	tdict_set(c->page, "profession", db_val(rq, 0, RQ_PROFESSION));
	/* Who was asked: the service, or for the family's views the parent. */
	if (strcmp(db_val(rq, 0, RQ_KIND), "parent") == 0)
		tdict_setf(c->page, "asked_of", "%s (parent or carer)",
		    db_val(rq, 0, RQ_PROF));
	else	/* not "organisation": the header's, the user's own */
		tdict_set(c->page, "asked_of", db_val(rq, 0, RQ_ORG));
	tdict_set(c->page, "professional", db_val(rq, 0, RQ_PROF));
	tdict_set(c->page, "question", db_val(rq, 0, RQ_QUESTION));
	tdict_set_date(c->page, "requested_on", db_val(rq, 0, RQ_REQUESTED), 0);
	tdict_set_date(c->page, "due_on", db_val(rq, 0, RQ_DUE), 1);
	tdict_set(c->page, "assessment_id", db_val(rq, 0, RQ_ASSESSMENT));
	tdict_set(c->page, "reference", db_val(rq, 0, RQ_REFERENCE));
	tdict_setf(c->page, "child", "%s %s", db_val(rq, 0, RQ_GIVEN),
	    db_val(rq, 0, RQ_FAMILY));
	tdict_set(c->page, "date_of_birth", db_val(rq, 0, RQ_DOB));
	tdict_set(c->page, "year_group", db_val(rq, 0, RQ_YEAR));
	tdict_set(c->page, "setting", db_val(rq, 0, RQ_SETTING));
	request_status_tag(c->page, db_val(rq, 0, RQ_STATUS),
	    db_val(rq, 0, RQ_DUE), today);
	if (parent_reader(c, rq)) {
		/* The family reads the accepted advice, nothing of its making. */
		tdict_set(c->page, "parent_reader", "1");
		return;
	}
	put_parent_views(c, rq);
	chase_request_put(c, db_val(rq, 0, RQ_ID));
}

/* A parent reading advice someone else gave (it is accepted). */
static int
parent_reader(struct ctx *c, PGresult *rq)
{
	return (c->sess.role == ROLE_PARENT &&
	    strcmp(db_val(rq, 0, RQ_KIND), "parent") != 0);
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

static int
render_form(struct ctx *c, PGresult *rq, const struct tpl *t,
    const struct avals *v, int status)
{
	advice_request_put(c, rq);
	advice_fields_put(c, t, v, 1, NULL);
	if (strcmp(db_val(rq, 0, RQ_KIND), "parent") != 0)
		tdict_set(c->page, "needs_declaration", "1");
	advice_declaration_put(c, rq);
	/* Files are added on their own page, so an upload never reloads
	 * this form: "Save draft and add files" saves first. */
	attachments_put(c, db_val(rq, 0, RQ_ID), 0);
	tdict_set(c->page, "documents_page", "1");
	return (page_render(c, status, "advice-form", t->title));
}

/* Caseworker, manager, service lead, or the author after submission. */
static int
render_review(struct ctx *c, PGresult *rq, PGresult *ad, int status)
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
	if (!parent_reader(c, rq) &&
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
	return (page_render(c, status, "advice-view", "Advice"));
}

/* GET /requests/{id}: the form for its author while open, else the view. */
int
page_request(struct ctx *c)
{
	return (page_request_refused(c, 200));
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
	if (c->route->fn == do_upload && advice_is_author(c, rq) &&
	    advice_editable(db_val(rq, 0, RQ_STATUS))) {
		rc = advice_documents_render(c, rq, status);
		PQclear(rq);
		return (rc);
	}
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
			rc = render_form(c, rq, t, &v, status);
		avals_free(&v);
	} else
		rc = render_review(c, rq, ad, status);
	PQclear(ad);
	PQclear(rq);
	return (rc);
}

void
advice_declaration_read(struct ctx *c, PGresult *rq, struct errs *e)
{
	const char	*kind = db_val(rq, 0, RQ_KIND);
	char		 today[11];

	if (strcmp(kind, "parent") == 0)
		return;
	if (blank(form_get(c->form, "decl_name")))
		errs_add(e, "decl_name", "Enter your full name for the declaration");
	if (blank(form_get(c->form, "decl_role")))
		errs_add(e, "decl_role", "Enter your role for the declaration");
	if ((strcmp(kind, "medical") == 0 || strcmp(kind, "psychological") == 0 ||
	    strcmp(kind, "social_care") == 0) &&
	    blank(form_get(c->form, "decl_registration")))
		errs_add(e, "decl_registration", "Enter your professional registration number, for example HCPC PYL12345");
	if (form_get(c->form, "decl_confirm") == NULL)
		errs_add(e, "decl_confirm", "Confirm that the advice is accurate and complete");
	config_today(today);
	tdict_set(c->page, "decl_today", today);
}

/* Saves (submit: and submits) in one transaction. 0 ok, -1 failed. */
int
advice_store(struct ctx *c, PGresult *rq, const struct tpl *t, const struct avals *v,
    int submit)
{
	PGresult	*ad, *res;
	char		 advice_id[24], acc[24], ver[12], row[12], today[11];
	const char	*st;
	size_t		 i;
	int		 ok = 1;

	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	(void)snprintf(ver, sizeof(ver), "%d", t->version);
	config_today(today);
	if (db_begin() == -1)
		return (-1);
	if ((ad = db_q(ST_ADVICE_LATEST, db_val(rq, 0, RQ_ID))) == NULL)
		goto fail;
	st = db_rows(ad) == 1 ? db_val(ad, 0, AD_STATUS) : "";
	if (strcmp(st, "draft") == 0) {
		(void)kore_strlcpy(advice_id, db_val(ad, 0, AD_ID), sizeof(advice_id));
		res = db_q(ST_ADVICE_TOUCH, advice_id, acc);
	} else {
		res = db_q(ST_ADVICE_CREATE, db_val(rq, 0, RQ_ID), t->id, ver, acc);
		(void)kore_strlcpy(advice_id, db_val(res, 0, 0), sizeof(advice_id));
	}
	PQclear(ad);
	ok = res != NULL && db_rows(res) == 1;
	PQclear(res);
	if (!ok || (res = db_q(ST_VALUES_DELETE, advice_id)) == NULL)
		goto fail;
	PQclear(res);
	for (i = 0; i < v->n; i++) {
		(void)snprintf(row, sizeof(row), "%d", v->v[i].row);
		if ((res = db_q(ST_VALUE_INSERT, advice_id, v->v[i].field, row,
		    v->v[i].column, v->v[i].value)) == NULL)
			goto fail;
		PQclear(res);
	}
	if (submit) {
		res = db_q(ST_ADVICE_SUBMIT, advice_id,
		    form_get(c->form, "decl_name") ? form_get(c->form, "decl_name") : c->sess.name,
		    form_get(c->form, "decl_role") ? form_get(c->form, "decl_role") : "",
		    form_get(c->form, "decl_registration") ? form_get(c->form, "decl_registration") : "",
		    today);
		if (res == NULL || db_rows(res) != 1) {
			PQclear(res);
			goto fail;
		}
		PQclear(res);
	}
	if ((res = db_q(ST_REQUEST_STATUS, db_val(rq, 0, RQ_ID),
	    submit ? "submitted" : "draft")) == NULL)
		goto fail;
	PQclear(res);
	return (db_commit());
fail:
	db_rollback();
	return (-1);
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
		rc = render_form(c, rq, t, &v, 400);
	} else if (advice_store(c, rq, t, &v, submit) == -1) {
		tdict_set(c->page, "notice", "Your advice could not be saved. "
		    "Nothing has been lost from this page: try again in a few minutes.");
		rc = render_form(c, rq, t, &v, 503);
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
		rc = render_review(c, rq, (ad = db_q(ST_ADVICE_LATEST,
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
	    (parent_reader(c, rq) &&
	    strcmp(db_val(ad, 0, AD_STATUS), "accepted") != 0)) {
		PQclear(ad);
		PQclear(rq);
		return (page_error(c, ad == NULL ? 503 : 404));
	}
	audit(c, "view_advice_version", "advice_request", c->id[0],
	    c->id_text[1]);
	tdict_set(c->page, "viewing_version", "1");
	rc = render_review(c, rq, ad, 200);
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
