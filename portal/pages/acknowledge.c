/*
 * acknowledge — the professional's answer to a request before the advice
 * itself: "I will provide it by …", or a decline with a reason (e.g. the
 * child is not known to the service). A decline tells the caseworker at
 * once and stops the chase (the request page shows both: chase_view.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "chase.h"
#include "chase_sql.h"
#include "chaser.h"
#include "checks.h"
#include "config.h"
#include "datefmt.h"
#include "db.h"
#include "esc.h"
#include "form.h"
#include "tmpl.h"
#include "validate.h"
#include "columns.h"
#include "views.h"

#define DECLINE_MAX	2000

/* POST /requests/{id}/acknowledge: promised-day, -month, -year. */
int
do_acknowledge(struct ctx *c)
{
	PGresult	*rq, *res;
	struct verrs	 e;
	char		 promised[11], today[11], due[11], acc[24], msg[240];
	char		 dest[64], when[DATE_WORDS_LEN], due_words[DATE_WORDS_LEN];
	char		 kind[40], reference[40];
	int		 rc, late;

	if ((rc = request_load(c, c->id_text[0], &rq)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	(void)kore_strlcpy(due, db_val(rq, 0, RQ_DUE), sizeof(due));
	(void)kore_strlcpy(kind, db_val(rq, 0, RQ_KIND), sizeof(kind));
	(void)kore_strlcpy(reference, db_val(rq, 0, RQ_REFERENCE), sizeof(reference));
	PQclear(rq);
	config_today(today);
	verrs_init(&e);
	if (date_from_parts(form_get(c->form, "promised-day"), form_get(c->form,
	    "promised-month"), form_get(c->form, "promised-year"), promised) == -1)
		promised[0] = '\0';
	if (val_promised(promised, today, due, &late, &e) > 0) {
		page_verrs(c, &e);
		page_keep_form(c);
		return (page_request_refused(c, 400));
	}
	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	if ((res = db_qd(&chase_stmts[CS_ACKNOWLEDGE], c->id_text[0], acc, today,
	    promised)) == NULL)
		return (page_error(c, 503));
	if (db_rows(res) != 1) {
		PQclear(res);
		return (page_error(c, 409));
	}
	(void)date_words_weekday(promised, when, sizeof(when));
	(void)snprintf(msg, sizeof(msg), "The professional expects to provide "
	    "the %%s for %%s by %s%s%s", when,
	    late ? ", after the due date " : "",
	    late ? (date_words_weekday(due, due_words, sizeof(due_words)),
	    due_words) : "");
	(void)snprintf(dest, sizeof(dest), "/requests/%s", c->id_text[0]);
	request_notify(db_val(res, 0, 0), msg, kind, reference, dest);
	PQclear(res);
	audit(c, "acknowledge_request", "advice_request", c->id[0], promised);
	(void)snprintf(dest, sizeof(dest), "/requests/%s?acknowledged=1",
	    c->id_text[0]);
	return (http_see_other(c, dest));
}

/* POST /requests/{id}/decline: decline_reason. */
int
do_decline(struct ctx *c)
{
	PGresult	*rq, *res;
	const char	*reason = form_get(c->form, "decline_reason");
	char		 today[11], acc[24], org[24], dest[64];
	int		 rc;

	if ((rc = request_load(c, c->id_text[0], &rq)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	PQclear(rq);
	if (blank(reason) || utf8_length(reason) > DECLINE_MAX) {
		page_error_add(c, "decline_reason", "Enter why you are declining "
		    "the request (2000 characters or fewer)");
		page_keep_form(c);
		return (page_request_refused(c, 400));
	}
	config_today(today);
	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	/* Its professional declines it; a service lead declines for the
	 * service a request sent to it (one they hold themselves too). */
	res = db_qd(&chase_stmts[CS_DECLINE], c->id_text[0], acc, today, reason,
	    portal_chaser.ev_subjects[CHASE_EV_DECLINED],
	    portal_chaser.ev_bodies[CHASE_EV_DECLINED], portal_chaser.base_url);
	if (res != NULL && db_rows(res) == 0 &&
	    c->sess.role == ROLE_SERVICE_LEAD) {
		PQclear(res);
		res = db_qd(&chase_stmts[CS_DECLINE_SERVICE], c->id_text[0], org,
		    today, reason,
		    portal_chaser.ev_subjects[CHASE_EV_DECLINED],
		    portal_chaser.ev_bodies[CHASE_EV_DECLINED],
		    portal_chaser.base_url);
	}
	if (res == NULL)
		return (page_error(c, 503));
	rc = db_rows(res);
	PQclear(res);
	if (rc != 1)
		return (page_error(c, 409));
	audit(c, "decline_request", "advice_request", c->id[0], NULL);
	(void)snprintf(dest, sizeof(dest), "/requests/%s?declined=1",
	    c->id_text[0]);
	return (http_see_other(c, dest));
}
