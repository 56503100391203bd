/*
 * consultation_view — the school consultations of one child side by
 * side, on the caseworker's assessment page and draft plan page: the
 * setting, the day sent, the day the answer is due (in words), the
 * status (waiting, overdue by how many days, can meet, cannot meet) and
 * the link to the consultation and its answer. The partial is
 * templates/pages/_consultations.html.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extern.h"
#include "chaser.h"
#include "clock.h"
#include "config.h"
#include "consult_sql.h"
#include "datefmt.h"
#include "db.h"
#include "plan_sql.h"
#include "esc.h"
#include "sbuf.h"
#include "tmpl.h"
#include "views.h"
#include "columns.h"

static void	open_check(PGresult *, const long long *, const char *const *,
	    size_t, struct val_consultation *);
static int	tell_setting(struct ctx *, const char *, const char *);

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

/* The consultation's rules and its storing, shared by the page
 * (pages/consult.c) and the API (web/api.c). */

/* Whether the assessment has a draft to send, and has not ended: 0, or
 * -1 (503). */
int
consultation_plan_state(const char *assessment, enum val_plan *st)
{
	PGresult	*res;

	if ((res = db_qd(&consult_stmts[CN_PLAN_OF], assessment)) == NULL)
		return (-1);
	*st = db_rows(res) != 1 ? VAL_PLAN_NONE :
	    strcmp(db_val(res, 0, 3), "1") == 0 ? VAL_PLAN_ENDED :
	    db_val(res, 0, 0)[0] == '\0' ? VAL_PLAN_NONE :
	    strcmp(db_val(res, 0, 2), "final") == 0 ? VAL_PLAN_FINAL :
	    VAL_PLAN_DRAFT;
	PQclear(res);
	return (0);
}

/* Names in v the first chosen setting (ids[n], names[n]) and the typed
 * one (v->typed) that have an open consultation. */
static void
open_check(PGresult *open, const long long *ids, const char *const *names,
    size_t n, struct val_consultation *v)
{
	char	id[24];
	size_t	j;
	int	r;

	for (j = 0; j < n && v->open_listed == NULL; j++) {
		(void)snprintf(id, sizeof(id), "%lld", ids[j]);
		for (r = 0; r < db_rows(open); r++)
			if (strcmp(db_val(open, r, COP_SETTING), id) == 0)
				v->open_listed = names[j];
	}
	if (v->typed == NULL)
		return;
	/* A typed name matches an open one typed alike or a listed
	 * setting's name, in any case (ASCII here; the unique index's
	 * lower() is the last word). */
	for (r = 0; r < db_rows(open); r++)
		if (strcasecmp(db_val(open, r, COP_SHOWN), v->typed) == 0)
			v->open_typed = v->typed;
}

/*
 * The rules of a consultation (val_consultation) with what they need
 * looked up: the plan, the open consultations. v has the settings,
 * typed name, day sent, received and today; e gets the refusals.
 * 0, or -1 (database down).
 */
int
consultation_check(const char *assessment, const long long *ids,
    const char *const *names, size_t n, struct val_consultation *v,
    struct verrs *e)
{
	PGresult	*open;

	if (consultation_plan_state(assessment, &v->plan) == -1 ||
	    (open = db_qd(&consult_stmts[CN_OPEN_OF], assessment)) == NULL)
		return (-1);
	open_check(open, ids, names, n, v);
	(void)val_consultation(v, e);
	PQclear(open);
	return (0);
}

/* The setting's responders are told (mail and notification, the case
 * reference only). Inside the caller's transaction: 0, or -1. */
static int
tell_setting(struct ctx *c, const char *consultation, const char *reference)
{
	PGresult	*res;
	char		 link[400], rel[64], msg[200];

	(void)c;
	(void)snprintf(rel, sizeof(rel), "/consultations/%s", consultation);
	(void)snprintf(link, sizeof(link), "%s%s", portal_chaser.base_url, rel);
	(void)snprintf(msg, sizeof(msg), "The council is consulting you on a "
	    "draft EHC plan, case %s", reference);
	res = db_qd(&consult_stmts[CN_TELL_SETTING], consultation,
	    portal_chaser.ev_subjects[CHASE_EV_CONSULTATION_SENT],
	    portal_chaser.ev_bodies[CHASE_EV_CONSULTATION_SENT], link, msg, rel,
	    reference);
	if (res == NULL || db_rows(res) != 1) {
		PQclear(res);
		return (-1);
	}
	PQclear(res);
	return (0);
}

/*
 * One consultation per setting, in one transaction: 1 and the ids made
 * into made; 0 refused by the database (a setting consulted meanwhile);
 * -1 otherwise. API and page share it.
 */
int
consultation_store(struct ctx *c, const char *assessment, const char *reference,
    const long long *ids, size_t n, const char *typed, const char *sent,
    const char *by, char made[][24], char *due)
{
	PGresult	*res;
	char		 id[24];
	size_t		 k, total = n + (typed != NULL);

	if (db_begin() == -1)
		return (-1);
	for (k = 0; k < total; k++) {
		if (k < n)
			(void)snprintf(id, sizeof(id), "%lld", ids[k]);
		res = db_qd(&consult_stmts[CN_CREATE], assessment,
		    k < n ? id : NULL, k < n ? "" : typed, sent, by);
		if (res == NULL || db_rows(res) != 1) {
			PQclear(res);
			k = strcmp(db_sqlstate(), "23505") == 0;
			db_rollback();
			return (k ? 0 : -1);
		}
		(void)snprintf(made[k], 24, "%s", db_val(res, 0, 0));
		(void)snprintf(due, DATE_LEN, "%s", db_val(res, 0, 1));
		PQclear(res);
		if (tell_setting(c, made[k], reference) == -1) {
			db_rollback();
			return (-1);
		}
	}
	if (db_commit() == -1) {
		db_rollback();
		return (-1);
	}
	return (1);
}
