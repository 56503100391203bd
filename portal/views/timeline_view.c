/*
 * timeline_view — the family's timeline of the assessment (issue 13):
 * the statutory steps in order, each with what happened and when, or
 * the date it is due (timeline.h writes the words). Advice names the
 * kind and the service asked, never the member of staff writing it.
 * The caller checked access and audits the view (assessment_view.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "config.h"
#include "db.h"
#include "decision_sql.h"
#include "timeline.h"
#include "tmpl.h"
#include "validate.h"
#include "worklist_sql.h"
#include "admin_sql.h"		/* db_named */
#include "columns.h"
#include "views.h"

static const struct {
	const char	*tag;
	const char	*colour;
} states[] = {
	[TL_DONE] = { "Done", "green" },
	[TL_DUE] = { "Not yet", "grey" },
	[TL_LATE] = { "Late", "red" },
	[TL_NOT_NEEDED] = { "Not needed", "grey" },
};

static void
step_put(struct ctx *c, const struct tl_entry *e)
{
	struct tdict	*row = tdict_push(c->page, "timeline");

	tdict_set(row, "title", e->title);
	tdict_set(row, "text", e->text);
	tdict_set(row, "due", e->due);
	tdict_set(row, "tag", states[e->state].tag);
	tdict_set(row, "tag_colour", states[e->state].colour);
}

/* The advice asked of services, each a step. */
static void
advice_put(struct ctx *c, const char *assessment, const char *today)
{
	PGresult	*res;
	struct tl_entry	 e;
	const char	*status;
	int		 i;

	if ((res = db_qd(&worklist_stmts[WS_TIMELINE_ADVICE], assessment)) == NULL)
		return;
	for (i = 0; i < db_rows(res); i++) {
		status = db_named(res, i, "status");
		tl_advice(advice_kind_label(db_named(res, i, "kind")),
		    db_named(res, i, "organisation"),
		    db_named(res, i, "requested_on"), db_named(res, i, "due_on"),
		    db_named(res, i, "arrived"),
		    strcmp(status, "declined") == 0 ||
		    strcmp(status, "withdrawn") == 0, today, &e);
		step_put(c, &e);
	}
	if (db_rows(res) == 0)
		tdict_set(c->page, "timeline_no_advice", "1");
	PQclear(res);
}

void
timeline_put(struct ctx *c, const char *assessment, const char *received)
{
	PGresult	*res;
	struct tl_entry	 e;
	const char	*kind, *assess = "", *assess_on = "", *served = "",
			*final = "";
	char		 today[11];
	int		 i, ended = 0;

	config_today(today);
	if ((res = db_qd(&decision_stmts[DS_OF], assessment)) == NULL)
		return;
	for (i = 0; i < db_rows(res); i++) {
		kind = db_val(res, i, DC_KIND);
		if (strcmp(db_val(res, i, DC_OUTCOME), "no") == 0)
			ended = 1;
		if (strcmp(kind, "decision_to_assess") == 0) {
			assess = db_val(res, i, DC_OUTCOME);
			assess_on = db_val(res, i, DC_DECIDED);
		} else if (strcmp(kind, "draft_issued") == 0)
			served = db_val(res, i, DC_DECIDED);	/* the latest */
		else if (strcmp(kind, "final_issued") == 0)
			final = db_val(res, i, DC_DECIDED);
	}
	tl_received(received, &e);
	step_put(c, &e);
	tl_decision(received, assess, assess_on, today, &e);
	step_put(c, &e);
	advice_put(c, assessment, today);
	tl_draft(received, served, ended, &e);
	step_put(c, &e);
	tl_comments(served, ended, today, &e);
	step_put(c, &e);
	tl_final(received, final, ended, today, &e);
	step_put(c, &e);
	PQclear(res);
}
