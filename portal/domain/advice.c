#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advice.h"
#include "checks.h"
#include "esc.h"
#include "form.h"
#include "template.h"

#define ROWS_READ_MAX	200	/* rows looked at in a form, whatever maxrows says */

static int	read_scalar(const struct tpl_field *, const struct form *,
		    struct avals *, struct errs *);
static int	read_date(const struct tpl_field *, const struct form *,
		    struct avals *, struct errs *);
static int	read_rows(const struct tpl_field *, const struct form *,
		    struct avals *, struct errs *);
static const char *name_of(const struct tpl_field *);
static void	check_length(const char *, const char *, size_t, const char *,
		    struct errs *);

/* The form name of a field ("f.<id>"); a static buffer, valid until the next call. */
static const char *
name_of(const struct tpl_field *f)
{
	static char	name[128];

	(void)snprintf(name, sizeof(name), "f.%s", f->id);
	return (name);
}

void
avals_init(struct avals *a)
{
	memset(a, 0, sizeof(*a));
}

void
avals_free(struct avals *a)
{
	size_t	i;

	for (i = 0; i < a->n; i++) {
		free(a->v[i].field);
		free(a->v[i].column);
		free(a->v[i].value);
	}
	free(a->v);
	avals_init(a);
}

int
avals_add(struct avals *a, const char *field, int row, const char *column,
    const char *value)
{
	struct aval	*v;
	size_t		 cap;

	if (a->n == a->cap) {
		cap = a->cap ? a->cap * 2 : 32;
		if ((v = realloc(a->v, cap * sizeof(*v))) == NULL)
			return (-1);
		a->v = v;
		a->cap = cap;
	}
	v = &a->v[a->n];
	v->row = row;
	v->field = strdup(field);
	v->column = strdup(column ? column : "");
	v->value = strdup(value);
	if (v->field == NULL || v->column == NULL || v->value == NULL) {
		free(v->field);
		free(v->column);
		free(v->value);
		return (-1);
	}
	a->n++;
	return (0);
}

const char *
avals_get(const struct avals *a, const char *field, int row, const char *column)
{
	size_t	i;

	for (i = 0; i < a->n; i++)
		if (a->v[i].row == row && strcmp(a->v[i].field, field) == 0 &&
		    strcmp(a->v[i].column, column ? column : "") == 0)
			return (a->v[i].value);
	return (NULL);
}

int
avals_rows(const struct avals *a, const char *field)
{
	size_t	i;
	int	rows = 0;

	for (i = 0; i < a->n; i++)
		if (a->v[i].row >= rows && strcmp(a->v[i].field, field) == 0)
			rows = a->v[i].row + 1;
	return (rows);
}

void
errs_add(struct errs *e, const char *field, const char *fmt, ...)
{
	va_list	ap;

	if (e->n == ERRS_MAX)
		return;
	(void)snprintf(e->e[e->n].field, sizeof(e->e[e->n].field), "%s", field);
	va_start(ap, fmt);
	(void)vsnprintf(e->e[e->n].message, sizeof(e->e[e->n].message), fmt, ap);
	va_end(ap);
	e->n++;
}

static void
check_length(const char *id, const char *label, size_t max, const char *value,
    struct errs *e)
{
	if (max > 0 && utf8_length(value) > max)
		errs_add(e, id, "%s must be %zu characters or fewer", label, max);
}

static int
read_scalar(const struct tpl_field *f, const struct form *form,
    struct avals *out, struct errs *e)
{
	char		 name[128];
	const char	*v;

	if (f->type == TPL_DATE)
		return (read_date(f, form, out, e));
	(void)snprintf(name, sizeof(name), "f.%s", f->id);
	if ((v = form_get(form, name)) == NULL || *v == '\0')
		return (0);
	check_length(name, f->label, f->maxlength, v, e);
	return (avals_add(out, f->id, -1, "", v));
}

/*
 * A GOV.UK date input: "f.<id>-day", "-month", "-year". All three empty is
 * no answer; anything else must make a real date, stored as YYYY-MM-DD.
 * A refused date adds no value: the page shows the parts as typed.
 */
static int
read_date(const struct tpl_field *f, const struct form *form,
    struct avals *out, struct errs *e)
{
	char		 name[3][128], date[11];
	const char	*part[3];
	static const char *const suffix[3] = { "day", "month", "year" };
	size_t		 i;
	int		 given = 0;

	for (i = 0; i < 3; i++) {
		(void)snprintf(name[i], sizeof(name[i]), "f.%s-%s", f->id, suffix[i]);
		part[i] = form_get(form, name[i]);
		given |= !blank(part[i]);
	}
	if (!given)
		return (0);
	if (date_from_parts(part[0], part[1], part[2], date) == -1) {
		errs_add(e, name_of(f), "%s must be a real date, for example "
		    "27 3 2026", f->label);
		return (0);
	}
	return (avals_add(out, f->id, -1, "", date));
}

/* Cells of row r; a row with every cell empty is skipped. */
static int
read_rows(const struct tpl_field *f, const struct form *form,
    struct avals *out, struct errs *e)
{
	char		 name[160];
	const char	*v;
	size_t		 c;
	int		 r, kept = 0, any;

	for (r = 0; r < ROWS_READ_MAX; r++) {
		any = 0;
		for (c = 0; c < f->ncolumns; c++) {
			(void)snprintf(name, sizeof(name), "f.%s.%d.%s", f->id,
			    r, f->columns[c].id);
			if ((v = form_get(form, name)) != NULL && *v != '\0')
				any = 1;
		}
		if (!any)
			continue;
		for (c = 0; c < f->ncolumns; c++) {
			(void)snprintf(name, sizeof(name), "f.%s.%d.%s", f->id,
			    r, f->columns[c].id);
			if ((v = form_get(form, name)) == NULL || *v == '\0')
				continue;
			check_length(name, f->columns[c].label,
			    f->columns[c].maxlength, v, e);
			if (avals_add(out, f->id, kept, f->columns[c].id, v) == -1)
				return (-1);
		}
		kept++;
	}
	if (f->maxrows > 0 && (size_t)kept > f->maxrows)
		errs_add(e, name_of(f), "%s can have %zu rows at most", f->label,
		    f->maxrows);
	return (0);
}

int
avals_from_form(const struct tpl *t, const struct form *form,
    struct avals *out, struct errs *e)
{
	size_t	i;
	int	rc;

	for (i = 0; i < t->nfields; i++) {
		if (t->fields[i].type == TPL_ROWS)
			rc = read_rows(&t->fields[i], form, out, e);
		else
			rc = read_scalar(&t->fields[i], form, out, e);
		if (rc == -1)
			return (-1);
	}
	return (0);
}

void
avals_check_submit(const struct tpl *t, const struct avals *a, struct errs *e)
{
	avals_check_area(t, a, NULL, e);
}

void
avals_check_area(const struct tpl *t, const struct avals *a, const char *area,
    struct errs *e)
{
	const struct tpl_field	*f;
	const char		*v;
	char			 msg[256], id[160];
	size_t			 i, c;
	int			 r, rows;

	for (i = 0; i < t->nfields; i++) {
		f = &t->fields[i];
		if (area != NULL && strcmp(f->area, area) != 0)
			continue;
		if (f->type != TPL_ROWS) {
			v = avals_get(a, f->id, -1, "");
			(void)snprintf(id, sizeof(id), "f.%s", f->id);
			if (tpl_check_value(f, v ? v : "", msg, sizeof(msg)) == -1)
				errs_add(e, id, "%s", msg);
			continue;
		}
		rows = avals_rows(a, f->id);
		if (f->required && rows == 0)
			errs_add(e, name_of(f), "Add at least one row to %s", f->label);
		for (r = 0; r < rows; r++)
			for (c = 0; c < f->ncolumns; c++) {
				v = avals_get(a, f->id, r, f->columns[c].id);
				if (f->columns[c].required && (v == NULL || *v == '\0')) {
					(void)snprintf(id, sizeof(id), "f.%s.%d.%s",
					    f->id, r, f->columns[c].id);
					errs_add(e, id, "Enter %s for row %d of %s",
					    f->columns[c].label, r + 1, f->label);
				}
			}
	}
}
