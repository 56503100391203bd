/*
 * tasks — a long advice template as a GOV.UK task list. See tasks.h.
 */
#include <stdlib.h>
#include <string.h>

#include "advice.h"
#include "tasks.h"
#include "template.h"

#define GENERAL		"general"
#define GENERAL_TITLE	"Background and views"

static int	has_area(const struct tasks *, const char *);
static size_t	fields_in(const struct tpl *, const char *);
static int	in_task(const struct tpl *, const struct task *, const char *);

static int
has_area(const struct tasks *ts, const char *area)
{
	size_t	i;

	for (i = 0; i < ts->n; i++)
		if (strcmp(ts->t[i].area, area) == 0)
			return (1);
	return (0);
}

/* The number of fields of the template in area. */
static size_t
fields_in(const struct tpl *t, const char *area)
{
	size_t	i, n = 0;

	for (i = 0; i < t->nfields; i++)
		n += strcmp(t->fields[i].area, area) == 0;
	return (n);
}

int
tasks_of(const struct tpl *t, struct tasks *out)
{
	size_t	i, areas = 0;

	memset(out, 0, sizeof(*out));
	for (i = 0; i < t->nfields; i++)
		if (strcmp(t->fields[i].area, GENERAL) == 0) {
			out->t[0].area = GENERAL;
			out->t[0].title = GENERAL_TITLE;
			out->n = 1;
			break;
		}
	for (i = 0; i < t->nfields && out->n < TASKS_MAX; i++) {
		if (has_area(out, t->fields[i].area))
			continue;
		out->t[out->n].area = t->fields[i].area;
		out->t[out->n].title = tpl_area_label(t->fields[i].area);
		out->n++;
		areas += fields_in(t, t->fields[i].area) >= 2;
	}
	return (areas >= 2);
}

const struct task *
tasks_get(const struct tasks *ts, long n)
{
	if (n < 1 || (size_t)n > ts->n)
		return (NULL);
	return (&ts->t[n - 1]);
}

/* 1 if field_id is a field of the template in task k. */
static int
in_task(const struct tpl *t, const struct task *k, const char *field_id)
{
	const struct tpl_field	*f = tpl_field(t, field_id);

	return (f != NULL && strcmp(f->area, k->area) == 0);
}

size_t
tasks_of_field(const struct tpl *t, const struct tasks *ts, const char *field_id)
{
	size_t	i;

	for (i = 0; i < ts->n; i++)
		if (in_task(t, &ts->t[i], field_id))
			return (i + 1);
	return (0);
}

enum task_status
task_status(const struct tpl *t, const struct task *k, const struct avals *v)
{
	struct errs	e;
	size_t		i;
	int		any = 0;

	for (i = 0; i < v->n && !any; i++)
		any = in_task(t, k, v->v[i].field);
	if (!any)
		return (TASK_NOT_STARTED);
	e.n = 0;
	avals_check_area(t, v, k->area, &e);
	return (e.n == 0 ? TASK_COMPLETED : TASK_IN_PROGRESS);
}

const char *
task_status_label(enum task_status s)
{
	return (s == TASK_COMPLETED ? "Completed" : s == TASK_IN_PROGRESS ?
	    "In progress" : "Not started");
}

int
tasks_merge(const struct tpl *t, const struct task *k, const struct avals *base,
    const struct avals *posted, struct avals *out)
{
	const struct aval	*a;
	size_t			 i;

	for (i = 0; i < base->n; i++) {
		a = &base->v[i];
		if (!in_task(t, k, a->field) &&
		    avals_add(out, a->field, a->row, a->column, a->value) == -1)
			return (-1);
	}
	for (i = 0; i < posted->n; i++) {
		a = &posted->v[i];
		if (in_task(t, k, a->field) &&
		    avals_add(out, a->field, a->row, a->column, a->value) == -1)
			return (-1);
	}
	return (0);
}
