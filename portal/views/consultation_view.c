/*
 * consultation_view — the school consultations of one child side by
 * side, on the caseworker's assessment page and draft plan page: the
 * setting, the day sent, the day the answer is due (in words), the
 * status (waiting, overdue by how many days, can meet, cannot meet) and
 * the link to the consultation and its answer. The partial is
 * templates/pages/_consultations.html.
 */
#include <stdio.h>
#include <string.h>

#include "extern.h"
#include "clock.h"
#include "config.h"
#include "consult_sql.h"
#include "datefmt.h"
#include "db.h"
#include "esc.h"
#include "sbuf.h"
#include "tmpl.h"
#include "views.h"

void
consultation_status_put(struct tdict *row, const char *answer,
    const char *due, const char *today)
{
	long	over;

	if (strcmp(answer, "can_meet") == 0) {
		tdict_set(row, "status", "Can meet the needs");
		tdict_set(row, "status_class", "govuk-tag--green");
	} else if (strcmp(answer, "cannot_meet") == 0) {
		tdict_set(row, "status", "Cannot meet the needs");
		tdict_set(row, "status_class", "govuk-tag--orange");
	} else if ((over = days_between(due, today)) > 0) {
		tdict_setf(row, "status", "%ld day%s overdue", over,
		    over == 1 ? "" : "s");
		tdict_set(row, "status_class", "govuk-tag--red");
		tdict_set(row, "overdue", "1");
	} else {
		tdict_set(row, "status", "Waiting for an answer");
		tdict_set(row, "status_class", "govuk-tag--light-blue");
		tdict_set(row, "open", "1");
	}
}

void
consultations_put(struct ctx *c, const char *assessment)
{
	PGresult	*res;
	struct tdict	*row;
	char		 today[DATE_LEN];
	int		 i;

	if (c->sess.role != ROLE_CASEWORKER && c->sess.role != ROLE_MANAGER)
		return;
	tdict_set(c->page, "can_consult", "1");
	tdict_set(c->page, "consult_assessment", assessment);
	if ((res = db_qd(&consult_stmts[CN_OF_ASSESSMENT], assessment)) == NULL)
		return;
	config_today(today);
	if (db_rows(res) > 0)
		tdict_set(c->page, "has_consultations", "1");
	for (i = 0; i < db_rows(res); i++) {
		row = tdict_push(c->page, "consultations");
		tdict_set(row, "id", db_val(res, i, CO_ID));
		tdict_set(row, "setting", db_val(res, i, CO_SETTING));
		tdict_set_date(row, "sent_on", db_val(res, i, CO_SENT), 0);
		tdict_set_date(row, "due_on", db_val(res, i, CO_DUE), 0);
		tdict_set(row, "plan_version", db_val(res, i, CO_PLAN_VERSION));
		if (db_val(res, i, CO_ANSWER)[0] != '\0') {
			tdict_set(row, "answered", "1");
			tdict_set_date(row, "answered_on",
			    db_val(res, i, CO_ANSWERED), 0);
		}
		consultation_status_put(row, db_val(res, i, CO_ANSWER),
		    db_val(res, i, CO_DUE), today);
	}
	PQclear(res);
}

/* A JSON string, or null when s is empty. */
static void
str_or_null(struct sbuf *b, const char *key, const char *s)
{
	sbuf_printf(b, "\"%s\":", key);
	if (*s == '\0') {
		sbuf_puts(b, "null");
		return;
	}
	sbuf_puts(b, "\"");
	json_escape(b, s);
	sbuf_puts(b, "\"");
}

int
consultations_json(struct sbuf *b, const char *assessment)
{
	PGresult	*res;
	char		 today[DATE_LEN];
	long		 over;
	int		 i;

	if ((res = db_qd(&consult_stmts[CN_API_OF], assessment)) == NULL)
		return (-1);
	config_today(today);
	sbuf_puts(b, "\"consultations\":[");
	for (i = 0; i < db_rows(res); i++) {
		over = days_between(db_val(res, i, CA_DUE), today);
		sbuf_printf(b, "%s{\"id\":%s,", i ? "," : "", db_val(res, i, CA_ID));
		str_or_null(b, "setting", db_val(res, i, CA_SETTING));
		sbuf_printf(b, ",\"setting_id\":%s,", db_val(res, i, CA_SETTING_ID)[0] ?
		    db_val(res, i, CA_SETTING_ID) : "null");
		sbuf_printf(b, "\"plan_version\":%s,", db_val(res, i, CA_PLAN_VERSION));
		str_or_null(b, "sent_on", db_val(res, i, CA_SENT));
		sbuf_puts(b, ",");
		str_or_null(b, "response_due", db_val(res, i, CA_DUE));
		sbuf_printf(b, ",\"status\":\"%s\",", db_val(res, i, CA_ANSWER)[0] ?
		    db_val(res, i, CA_ANSWER) : over > 0 ? "overdue" : "waiting");
		str_or_null(b, "answered_on", db_val(res, i, CA_ANSWERED));
		sbuf_puts(b, ",");
		str_or_null(b, "reasons", db_val(res, i, CA_REASONS));
		sbuf_puts(b, ",");
		str_or_null(b, "adjustments", db_val(res, i, CA_ADJUSTMENTS));
		sbuf_puts(b, ",");
		str_or_null(b, "costs", db_val(res, i, CA_COSTS));
		sbuf_puts(b, "}");
	}
	sbuf_puts(b, "],");
	PQclear(res);
	return (0);
}
