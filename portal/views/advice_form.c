/*
 * advice_form — the advice form: the stored values of a version, the
 * template's fields as inputs or as read-only answers, the declaration,
 * and saving a draft or a submission. Shared by the one-page form
 * (request_view.c) and the task-list pages (advice_tasks_view.c).
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

#define BLANK_ROWS	2	/* empty rows offered under the filled ones */

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

static const char *
area_label(const char *area)
{
	const char	*label = vocab_area_label(area);

	return (label != NULL ? label : "");
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
	if (edit)	/* warnings, never refusals: advice_warnings.c */
		(void)advice_field_warnings_put(d, f, v);
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
