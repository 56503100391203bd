/*
 * decision_view — the assessment's decisions (regs 4-5, 10, 13) on its
 * page and on the family's: each against its statutory date, on time or
 * how many days late, with any exception recorded for the whole
 * assessment named beside it. A "no" ends the assessment: the family's
 * page then says what it means and how to appeal.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "chase_sql.h"
#include "clock.h"
#include "config.h"
#include "datefmt.h"
#include "db.h"
#include "decision_sql.h"
#include "plan_dates.h"
#include "tmpl.h"
#include "validate.h"
#include "vocab.h"
#include "columns.h"
#include "views.h"

const char *
exception_for(PGresult *ex, const char *day, const char *request)
{
	const struct vocab_exception	*k;
	int				 i;

	for (i = 0; ex != NULL && i < db_rows(ex); i++) {
		if (strcmp(db_val(ex, i, EX_REQUEST), request == NULL ? "" :
		    request) != 0 || strcmp(db_val(ex, i, EX_STARTS), day) > 0)
			continue;
		k = vocab_exception(db_val(ex, i, EX_KIND));
		return (k == NULL ? db_val(ex, i, EX_KIND) : k->label);
	}
	return (NULL);
}

/* On time, or how late, against due; the exception beside a late one. */
static void
put_timing(struct tdict *row, const char *due, const char *done,
    PGresult *ex)
{
	struct step_timing	t;
	const char		*x;

	if (step_timing(due, done, &t) == -1)
		return;
	tdict_set_date(row, "due_on", due, 0);
	if (t.on_time)
		tdict_set(row, "on_time", "On time");
	else {
		tdict_setf(row, "late", "%ld day%s late", t.days_late,
		    t.days_late == 1 ? "" : "s");
		if ((x = exception_for(ex, done, NULL)) != NULL)
			tdict_set(row, "exception", x);
	}
}

int
decisions_put(struct ctx *c, const char *assessment, const char *received)
{
	PGresult		*res, *ex;
	struct statutory	 st;
	struct tdict		*row;
	const char		*due[DEC__MAX], *x;
	char			 today[DATE_LEN], last[DATE_LEN];
	int			 found[DEC__MAX] = { -1, -1, -1, -1 };
	int			 i, k, ended = 0, mask = 0;
	long			 over;

	if (statutory_dates(received, &st) == -1)
		return (0);
	due[DEC_ASSESS] = st.decision_due;
	due[DEC_PLAN] = st.no_plan_due;
	due[DEC_DRAFT] = st.final_due;
	due[DEC_FINAL] = st.final_due;
	config_today(today);
	if ((res = db_qd(&decision_stmts[DS_OF], assessment)) == NULL)
		return (0);
	ex = db_qd(&chase_stmts[CS_EXCEPTIONS_OF], assessment);
	for (i = 0; i < db_rows(res); i++)
		if ((k = dec_kind_of(db_val(res, i, DC_KIND))) != DEC__MAX) {
			found[k] = i;	/* the latest draft if several */
			mask |= 1 << k;
		}
	for (i = 0; i < db_rows(res); i++)
		if (strcmp(db_val(res, i, DC_OUTCOME), "no") == 0)
			ended = 1;
	if (c->sess.role == ROLE_CASEWORKER || c->sess.role == ROLE_MANAGER)
		if (!ended && found[DEC_FINAL] == -1)
			tdict_set(c->page, "can_record_decision", "1");
	for (k = 0; k < DEC__MAX; k++) {
		row = tdict_push(c->page, "decisions");
		tdict_set(row, "label", dec_kind_label(k));
		tdict_set(row, "kind", dec_kind_id(k));
		if ((i = found[k]) == -1) {
			if (ended)
				tdict_set(row, "not_needed", "1");
			else if (k == DEC_ASSESS || k == DEC_FINAL) {
				tdict_set_date(row, "due_on", due[k], 0);
				if ((over = days_between(due[k], today)) > 0)
					tdict_setf(row, "overdue", "Overdue by "
					    "%ld day%s", over, over == 1 ? "" : "s");
				if (over > 0 && (x = exception_for(ex, today, NULL)) != NULL)
					tdict_set(row, "exception", x);
			} else if (k == DEC_PLAN)
				tdict_set_date(row, "no_due_on", due[k], 0);
			tdict_set(row, "pending", "1");
			continue;
		}
		tdict_set(row, "recorded", "1");
		tdict_set_date(row, "decided_on", db_val(res, i, DC_DECIDED), 0);
		tdict_set(row, "by", db_val(res, i, DC_BY));
		tdict_set(row, "at", db_val(res, i, DC_AT));
		if (strcmp(db_val(res, i, DC_OUTCOME), "yes") == 0)
			tdict_set(row, "outcome", "Yes");
		else if (strcmp(db_val(res, i, DC_OUTCOME), "no") == 0) {
			tdict_set(row, "outcome", "No");
			tdict_set(c->page, "ended", "1");
			tdict_set(c->page, k == DEC_ASSESS ? "ended_not_assess" :
			    "ended_no_plan", "1");
			tdict_set_date(c->page, "ended_on",
			    db_val(res, i, DC_DECIDED), 0);
		}
		/* A plan decision of yes and a draft have no limit of their
		 * own: the final plan's week 20 is theirs. */
		if (k == DEC_ASSESS || k == DEC_FINAL ||
		    (k == DEC_PLAN && strcmp(db_val(res, i, DC_OUTCOME), "no") == 0))
			put_timing(row, db_val(res, i, DC_DUE),
			    db_val(res, i, DC_DECIDED), ex);
		if (k == DEC_DRAFT && comment_last_day(db_val(res, i, DC_DECIDED),
		    last) == 0)
			tdict_set_date(row, "comments_due", last, 0);
	}
	PQclear(ex);
	PQclear(res);
	return (mask | (ended ? 1 << DEC__MAX : 0));
}
