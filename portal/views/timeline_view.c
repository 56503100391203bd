/*
 * timeline_view — the family's timeline of the assessment (issue 13):
 * the statutory steps in order, each with what happened and when, or
 * the date it is due (timeline.h writes the words): the family's page's
 * one account of the assessment. Each step done against its time limit
 * says on time or how late, with any exception the council recorded
 * that explains a late one; advice the council accepted is read from
 * its step. Advice names the kind and the service asked, never the
 * member of staff writing it. The caller checked access and audits the
 * view (assessment_view.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "chase_sql.h"
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

/*
 * A step's row. A step done against its time limit is tagged on time or
 * how late; a late one names the exception the council recorded that
 * explains it, if any (ex: CS_EXCEPTIONS_OF's rows; request: the advice
 * request the step is, or NULL for a step of the whole assessment).
 */
static struct tdict *
step_put(struct ctx *c, const struct tl_entry *e, PGresult *ex,
    const char *request)
{
	struct tdict	*row = tdict_push(c->page, "timeline");
	const char	*x;

	tdict_set(row, "title", e->title);
	tdict_set(row, "text", e->text);
	tdict_set(row, "due", e->due);
	if (e->timing[0] != '\0') {
		tdict_set(row, "tag", e->timing);
		tdict_set(row, "tag_colour", e->late ? "red" : "green");
	} else {
		tdict_set(row, "tag", states[e->state].tag);
		tdict_set(row, "tag_colour", states[e->state].colour);
	}
	if (e->late && (x = exception_for(ex, e->late_since, request)) != NULL)
		tdict_set(row, "exception", x);
	return (row);
}

/* The advice asked of services, each a step: the family reads advice the
 * council accepted from its step, and what happens to advice not arrived
 * is said once, on the first such step. */
static void
advice_put(struct ctx *c, const char *assessment, const char *today,
    PGresult *ex)
{
	PGresult	*res;
	struct tdict	*row;
	struct tl_entry	 e;
	const char	*status, *id;
	int		 i, explained = 0;

	if ((res = db_qd(&worklist_stmts[WS_TIMELINE_ADVICE], assessment)) == NULL)
		return;
	for (i = 0; i < db_rows(res); i++) {
		status = db_named(res, i, "status");
		id = db_named(res, i, "id");
		tl_advice(advice_kind_label(db_named(res, i, "kind")),
		    db_named(res, i, "organisation"),
		    db_named(res, i, "requested_on"), db_named(res, i, "due_on"),
		    db_named(res, i, "arrived"),
		    strcmp(status, "declined") == 0 ||
		    strcmp(status, "withdrawn") == 0, today, &e);
		tl_advice_status(status, &e);
		if (!explained && (e.state == TL_DUE || e.state == TL_LATE)) {
			tl_advice_explain(&e);
			explained = 1;
		}
		row = step_put(c, &e, ex, id);
		if (strcmp(status, "accepted") == 0) {
			tdict_set(row, "can_read", "1");
			tdict_set(row, "id", id);
			tdict_set(row, "kind",
			    advice_kind_label(db_named(res, i, "kind")));
		}
	}
	if (db_rows(res) == 0)
		tdict_set(c->page, "timeline_no_advice", "1");
	PQclear(res);
}

void
timeline_put(struct ctx *c, const char *assessment, const char *received)
{
	PGresult	*res, *ex;
	struct tl_entry	 e;
	const char	*kind, *assess = "", *assess_on = "", *plan = "",
			*plan_on = "", *served = "", *final = "";
	char		 today[11];
	int		 i, ended = 0;

	config_today(today);
	if ((res = db_qd(&decision_stmts[DS_OF], assessment)) == NULL)
		return;
	ex = db_qd(&chase_stmts[CS_EXCEPTIONS_OF], assessment);
	for (i = 0; i < db_rows(res); i++) {
		kind = db_val(res, i, DC_KIND);
		if (strcmp(db_val(res, i, DC_OUTCOME), "no") == 0)
			ended = 1;
		if (strcmp(kind, "decision_to_assess") == 0) {
			assess = db_val(res, i, DC_OUTCOME);
			assess_on = db_val(res, i, DC_DECIDED);
		} else if (strcmp(kind, "plan_decision") == 0) {
			plan = db_val(res, i, DC_OUTCOME);
			plan_on = db_val(res, i, DC_DECIDED);
		} else if (strcmp(kind, "draft_issued") == 0)
			served = db_val(res, i, DC_DECIDED);	/* the latest */
		else if (strcmp(kind, "final_issued") == 0)
			final = db_val(res, i, DC_DECIDED);
	}
	tl_received(received, &e);
	step_put(c, &e, ex, NULL);
	tl_decision(received, assess, assess_on, today, &e);
	step_put(c, &e, ex, NULL);
	advice_put(c, assessment, today, ex);
	tl_plan_decision(received, plan, plan_on, served, ended, &e);
	step_put(c, &e, ex, NULL);
	tl_draft(served, ended, &e);
	step_put(c, &e, ex, NULL);
	tl_comments(served, ended, today, &e);
	step_put(c, &e, ex, NULL);
	tl_final(received, final, ended, today, &e);
	step_put(c, &e, ex, NULL);
	PQclear(ex);
	PQclear(res);
}
