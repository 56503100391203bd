/*
 * plan_view — the plan's sections as every reader sees them: the
 * caseworker's draft page (plan_page.c, with the provision flags, the
 * source links and Change links), and the read-only pages of the family,
 * the consulted school and the printable plan (no links to advice they
 * may not open). The template partial is _plan_sections.html.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "db.h"
#include "docx.h"
#include "plan.h"
#include "plan_sql.h"
#include "consult_sql.h"
#include "provision.h"
#include "template.h"
#include "tmpl.h"
#include "views.h"

static char *
dup_s(const char *s)
{
	return (strdup(s != NULL ? s : ""));
}

/* Appends a deep copy of src. 0, or -1 out of memory. */
int
plan_para_push(struct plan_body *b, const struct plan_para *src)
{
	struct plan_para	*p, *np;
	size_t			 cap;

	if (b->n == b->cap) {
		cap = b->cap ? b->cap * 2 : 8;
		if ((np = reallocarray(b->p, cap, sizeof(*np))) == NULL)
			return (-1);
		b->p = np;
		b->cap = cap;
	}
	p = &b->p[b->n];
	*p = *src;
	p->area = dup_s(src->area);
	p->text = dup_s(src->text);
	p->by_whom = src->by_whom ? strdup(src->by_whom) : NULL;
	p->how_often = src->how_often ? strdup(src->how_often) : NULL;
	p->how_long = src->how_long ? strdup(src->how_long) : NULL;
	p->label = dup_s(src->label);
	p->adviser = dup_s(src->adviser);
	p->role = dup_s(src->role);
	p->service = dup_s(src->service);
	p->kind = dup_s(src->kind);
	b->n++;
	if (p->area == NULL || p->text == NULL || p->label == NULL ||
	    p->adviser == NULL || p->role == NULL || p->service == NULL ||
	    p->kind == NULL || (src->by_whom && p->by_whom == NULL) ||
	    (src->how_often && p->how_often == NULL) ||
	    (src->how_long && p->how_long == NULL))
		return (-1);
	return (0);
}

/* Every section of the plan as it was in plan version version (NULL:
 * the newest), and the advice it has assembled. 0, or -1 (free d either
 * way). */
int
plan_view_load_at(const char *plan, const char *version, struct plan_draft *d)
{
	PGresult		*res;
	struct plan_para	 p;
	int			 r, s, cells;

	plan_draft_init(d);
	res = version == NULL ? db_qd(&plan_stmts[PS_PARAS], plan) :
	    db_qd(&consult_stmts[CN_PARAS_AT], plan, version);
	if (res == NULL)
		return (-1);
	for (r = 0; r < db_rows(res); r++) {
		if ((s = plan_section_parse(db_val(res, r, PP_SECTION))) < 0)
			continue;
		d->s[s].version = strtol(db_val(res, r, PP_VERSION), NULL, 10);
		if (strcmp(db_val(res, r, PP_POSITION), "0") == 0)
			continue;
		memset(&p, 0, sizeof(p));
		cells = strcmp(db_val(res, r, PP_CELLS), "1") == 0;
		p.area = (char *)(uintptr_t)db_val(res, r, PP_AREA);
		p.text = (char *)(uintptr_t)db_val(res, r, PP_BODY);
		if (cells) {
			p.by_whom = (char *)(uintptr_t)db_val(res, r, PP_BY_WHOM);
			p.how_often = (char *)(uintptr_t)db_val(res, r, PP_HOW_OFTEN);
			p.how_long = (char *)(uintptr_t)db_val(res, r, PP_HOW_LONG);
		}
		p.adviser = (char *)(uintptr_t)db_val(res, r, PP_ADVISER);
		p.role = (char *)(uintptr_t)db_val(res, r, PP_ROLE);
		p.service = (char *)(uintptr_t)db_val(res, r, PP_SERVICE);
		(void)snprintf(p.advice_date, sizeof(p.advice_date), "%s",
		    db_val(res, r, PP_DATE));
		p.src.request_id = strtol(db_val(res, r, PP_REQUEST), NULL, 10);
		p.src.advice_id = strtol(db_val(res, r, PP_ADVICE), NULL, 10);
		(void)snprintf(p.src.field, sizeof(p.src.field), "%s",
		    db_val(res, r, PP_FIELD));
		p.src.part = atoi(db_val(res, r, PP_PART));
		p.edited = strcmp(db_val(res, r, PP_EDITED), "1") == 0;
		p.is_new = strcmp(db_val(res, r, PP_NEW), "1") == 0;
		if (plan_para_push(&d->s[s], &p) == -1) {
			PQclear(res);
			return (-1);
		}
	}
	PQclear(res);
	if ((res = db_qd(&plan_stmts[PS_ASSEMBLED], plan)) == NULL)
		return (-1);
	if (db_rows(res) > 0 && (d->assembled = calloc((size_t)db_rows(res),
	    sizeof(long))) == NULL) {
		PQclear(res);
		return (-1);
	}
	for (r = 0; r < db_rows(res); r++)
		d->assembled[d->nassembled++] = strtol(db_val(res, r, 0), NULL, 10);
	PQclear(res);
	return (0);
}

/* One paragraph's values: its text, cells, attribution, New tag, flags. */
void
plan_para_put(struct tdict *o, const struct plan_para *p,
    const struct prov_flags *f, const char *sec, size_t n, int staff)
{
	struct tdict	*fl;
	char		 date[40];
	size_t		 i;

	tdict_set(o, "text", p->text);
	if (p->by_whom != NULL) {
		tdict_set(o, "cells", "1");
		tdict_set(o, "by_whom", p->by_whom);
		tdict_set(o, "how_often", p->how_often);
		tdict_set(o, "how_long", p->how_long);
	}
	if (p->src.request_id != 0) {
		tdict_set(o, "adviser", p->adviser);
		tdict_set(o, "role", p->role);
		tdict_set(o, "service", p->service);
		tdict_set(o, "advice_date", docx_long_date(p->advice_date,
		    date, sizeof(date)));
		tdict_set(o, "attributed", "1");
		if (staff)
			tdict_setf(o, "request_id", "%ld", p->src.request_id);
	} else
		tdict_set(o, "caseworker_text", "1");
	if (p->is_new)
		tdict_set(o, "is_new", "1");
	if (p->edited)
		tdict_set(o, "edited", "1");
	for (i = 0; f != NULL && i < f->n; i++)
		if (strcmp(f->v[i].section, sec) == 0 && f->v[i].paragraph == n) {
			fl = tdict_push(o, "flags");
			tdict_set(fl, "message", f->v[i].message);
		}
}

/* Sections A–K: paragraphs with their area headings in B, E and F. */
void
plan_view_put(struct ctx *c, const struct plan_draft *d,
    const struct prov_flags *f, int staff)
{
	struct tdict	*so, *po;
	const char	*sec, *area = NULL;
	size_t		 s, i;
	int		 grouped;

	for (s = 0; s < PLAN__MAX; s++) {
		sec = plan_section_id((enum plan_section)s);
		so = tdict_push(c->page, "sections");
		tdict_set(so, "id", sec);
		tdict_setf(so, "title", "Section %s: %s", sec,
		    plan_section_title((enum plan_section)s));
		tdict_setf(so, "version", "%ld", d->s[s].version);
		if (staff)
			tdict_set(so, "editable", "1");
		if (s == PLAN_I)
			tdict_set(so, "is_i", "1");
		else if (d->s[s].n == 0)
			tdict_set(so, "empty", "1");
		grouped = s == PLAN_B || s == PLAN_E || s == PLAN_F;
		area = NULL;
		for (i = 0; i < d->s[s].n; i++) {
			po = tdict_push(so, "paragraphs");
			if (grouped && (area == NULL ||
			    strcmp(area, d->s[s].p[i].area) != 0)) {
				area = d->s[s].p[i].area;
				tdict_set(po, "area_heading", strcmp(area,
				    "general") == 0 ? "General" :
				    tpl_area_label(area));
			}
			plan_para_put(po, &d->s[s].p[i], f, sec, i + 1, staff);
		}
	}
}


/* The newest version of every section of plan. */
int
plan_view_load(const char *plan, struct plan_draft *d)
{
	return (plan_view_load_at(plan, NULL, d));
}
