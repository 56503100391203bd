/*
 * advice_warnings — the provision check's warnings on the advice form
 * (advice_check.c): under each answer that feeds sections E, F, G, H1
 * or H2, and as a summary before the professional submits.  Warnings
 * only: nothing is refused.  Another child's name is never checked here
 * (provision.h: only the caseworker may see that flag).
 */
#include <stdio.h>
#include <string.h>

#include "extern.h"
#include "advice.h"
#include "advice_check.h"
#include "provision.h"
#include "tasks.h"
#include "template.h"
#include "tmpl.h"
#include "views.h"

static const struct prov_conf	*conf(void);

/* The built-in phrase lists, made once per worker (as the plan's page
 * does, from the same defaults). NULL out of memory. */
static const struct prov_conf *
conf(void)
{
	static struct prov_conf	c;
	static int		loaded;

	if (!loaded) {
		if (prov_conf_default(&c) == -1) {
			prov_conf_free(&c);
			return (NULL);
		}
		loaded = 1;
	}
	return (&c);
}

size_t
advice_field_warnings_put(struct tdict *d, const struct tpl_field *f,
    const struct avals *v)
{
	struct advice_warnings	 w;
	const struct prov_conf	*pc;
	size_t			 i;

	if (!advice_check_feeds(f) || (pc = conf()) == NULL)
		return (0);
	w.n = 0;
	if (advice_check_field(pc, f, v, &w) == -1 || w.n == 0)
		return (0);
	tdict_set(d, "prov_warned", "1");
	for (i = 0; i < w.n; i++)
		tdict_set(tdict_push(d, "prov_warnings"), "text", w.message[i]);
	return (w.n);
}

void
advice_warnings_summary_put(struct ctx *c, const struct tpl *t,
    const struct avals *v, const char *request_id)
{
	struct advice_warnings	 w;
	const struct prov_conf	*pc;
	struct tdict		*d;
	struct tasks		 ts;
	int			 list;
	size_t			 i;

	if ((pc = conf()) == NULL)
		return;
	list = tasks_of(t, &ts);
	for (i = 0; i < t->nfields; i++) {
		if (!advice_check_feeds(&t->fields[i]))
			continue;
		w.n = 0;
		if (advice_check_field(pc, &t->fields[i], v, &w) == -1 || w.n == 0)
			continue;
		d = tdict_push(c->page, "prov_summary");
		tdict_set(d, "label", t->fields[i].label);
		if (list)
			tdict_setf(d, "href", "/requests/%s/tasks/%zu#f.%s",
			    request_id, tasks_of_field(t, &ts, t->fields[i].id),
			    t->fields[i].id);
		else
			tdict_setf(d, "href", "#f.%s", t->fields[i].id);
		tdict_setf(d, "count", w.n == 1 ? "%zu warning" : "%zu warnings",
		    w.n);
		tdict_set(c->page, "has_prov_summary", "1");
	}
}
