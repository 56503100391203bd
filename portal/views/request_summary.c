/*
 * request_summary — a request's summary on its pages: the question, the
 * child, the family's views, the chase timeline, and the allocation
 * select for a service lead.
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
	if (advice_parent_reader(c, rq)) {
		/* The family reads the accepted advice, nothing of its making. */
		tdict_set(c->page, "parent_reader", "1");
		return;
	}
	put_parent_views(c, rq);
	chase_request_put(c, db_val(rq, 0, RQ_ID));
}

/* The service's professionals, for the allocation select. */
void
service_allocation_put(struct ctx *c)
{
	PGresult	*res;
	struct tdict	*o;
	char		 org[24];
	int		 i;

	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	tdict_set(c->page, "service", c->sess.org_name);
	if ((res = db_q(ST_PROFESSIONALS, org)) == NULL)
		return;
	for (i = 0; i < db_rows(res); i++) {
		o = tdict_push(c->page, "professionals");
		tdict_set(o, "value", db_val(res, i, 0));
		tdict_setf(o, "text", "%s (%s)", db_val(res, i, 1),
		    db_val(res, i, 2));
	}
	tdict_set(c->page, "can_allocate", "1");
	PQclear(res);
}
