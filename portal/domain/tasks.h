/*
 * tasks — a long advice template as a GOV.UK task list. Pure: no Kore
 * headers.
 *
 * A template with two or more broad areas of need of at least two fields
 * each is written as a task list: one task for the fields of no area
 * ("general": background, methods, views, summary), first, then one task
 * per broad area in the order the template first names it. Each task is a
 * page that saves only its own fields into the draft. A shorter template
 * (the parent's views; medical advice, whose areas have one question each)
 * stays one page. Tasks are numbered from 1 in
 * that order; the numbers are stable for a template version.
 */
#ifndef PORTAL_TASKS_H
#define PORTAL_TASKS_H

#include <stddef.h>

struct avals;
struct errs;
struct tpl;

#define TASKS_MAX	8

enum task_status {
	TASK_NOT_STARTED,	/* nothing entered in any of its fields */
	TASK_IN_PROGRESS,	/* something entered, a required answer missing or wrong */
	TASK_COMPLETED		/* something entered, every required answer valid */
};

struct task {
	const char	*area;	/* "general" or a broad area id; points into the template */
	const char	*title;	/* what the task list calls it */
};

struct tasks {
	struct task	t[TASKS_MAX];
	size_t		n;
};

/* The template's tasks into out; 1 if the template is written as a task
 * list (see above), else 0 with out filled as for a list. */
int		 tasks_of(const struct tpl *, struct tasks *out);
/* Task n (from 1) or NULL. */
const struct task *tasks_get(const struct tasks *, long n);
/* The number (from 1) of the task holding field_id, or 0. */
size_t		 tasks_of_field(const struct tpl *, const struct tasks *,
		    const char *field_id);
/* The task's status from the saved values. */
enum task_status task_status(const struct tpl *, const struct task *,
		    const struct avals *);
/* "Not started", "In progress", "Completed". */
const char	*task_status_label(enum task_status);
/*
 * out = base with the task's fields replaced by those in posted (a field
 * of another task in posted is ignored). out must be initialised and
 * empty. 0, or -1 out of memory.
 */
int		 tasks_merge(const struct tpl *, const struct task *,
		    const struct avals *base, const struct avals *posted,
		    struct avals *out);

#endif
