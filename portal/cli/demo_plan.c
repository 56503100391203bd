/*
 * demo_plan — the demo's draft plans (portalctl demo-data): the advice
 * submitted on two demo cases is accepted and their plans assembled and
 * stored as the portal does (plan_store.c). Amara Okafor's draft is
 * served on her parent (parent@demo.test) three days ago, so the demo
 * parent finds a draft with their 15 days open; Leo Brennan's is
 * assembled, not yet served. Other demo additions (a consultation, a
 * final plan) look for these plans. Idempotent: a case with a plan
 * already is left as it is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "comments.h"
#include "comments_sql.h"
#include "config.h"
#include "db.h"
#include "plan_dates.h"
#include "plan_store.h"
#include "portalctl.h"
#include "template.h"

static const struct {
	const char	*given, *family;
	const char	*kind;		/* the submitted advice to accept */
	int		 served_ago;	/* days before today; -1 not served */
} demo_plan_cases[] = {
	{ "Amara", "Okafor", "parent", 3 },
	{ "Leo", "Brennan", "psychological", -1 },
};

/* The submitted advice of kind accepted by the caseworker. 0, -1. */
static int
accept_submitted(const char *assessment, const char *kind,
    const char *caseworker)
{
	PGresult	*res;
	char		 request[24], advice[24];

	if ((res = db_qd(&comments_stmts[CM_DEMO_SUBMITTED], assessment,
	    kind)) == NULL)
		return (-1);
	if (db_rows(res) != 1) {
		PQclear(res);
		return (0);	/* accepted already */
	}
	(void)snprintf(request, sizeof(request), "%s", db_val(res, 0, 0));
	(void)snprintf(advice, sizeof(advice), "%s", db_val(res, 0, 1));
	PQclear(res);
	PQclear(db_q(ST_ADVICE_REVIEW, advice, "accepted", "", caseworker));
	PQclear(db_q(ST_REQUEST_STATUS, request, "accepted"));
	return (0);
}

/* The plan served on the family days_ago days before today, as
 * draft_serve.c records it (no mail: demo addresses). 0, -1. */
static int
serve(const char *assessment, const char *received, int days_ago,
    const char *caseworker)
{
	struct comment_window	 w;
	PGresult		*res;
	char			 today[DATE_LEN], served[DATE_LEN], by[DATE_LEN];
	int			 ok;

	config_today(today);
	if (date_add(today, -days_ago, served) == -1 ||
	    served_refusal(served, received, today) != NULL ||
	    comment_window(served, &w) == -1 || draft_serve_by(received, by) == -1)
		return (-1);
	if (db_begin() == -1)
		return (-1);
	res = db_qd(&comments_stmts[CM_SERVE], assessment, served, by,
	    w.last_day, caseworker);
	ok = res != NULL && db_rows(res) == 1;
	PQclear(res);
	if (ok) {
		res = db_qd(&comments_stmts[CM_PLAN_ISSUED], assessment);
		ok = res != NULL && db_rows(res) == 1;
		PQclear(res);
	}
	if (!ok || db_commit() == -1) {
		db_rollback();
		return (-1);
	}
	return (0);
}

int
demo_plans(const struct tpl_set *tpls, const char *council,
    const char *caseworker)
{
	PGresult	*res;
	char		 id[24], received[DATE_LEN], plan[24];
	size_t		 i;
	int		 rc;

	for (i = 0; i < sizeof(demo_plan_cases) / sizeof(demo_plan_cases[0]); i++) {
		if ((res = db_qd(&comments_stmts[CM_DEMO_CASE], council,
		    demo_plan_cases[i].given, demo_plan_cases[i].family)) == NULL)
			return (-1);
		rc = db_rows(res);
		if (rc == 1) {
			(void)snprintf(id, sizeof(id), "%s", db_val(res, 0, 0));
			(void)snprintf(received, sizeof(received), "%s",
			    db_val(res, 0, 1));
		}
		PQclear(res);
		if (rc != 1)
			return (-1);
		if (accept_submitted(id, demo_plan_cases[i].kind, caseworker) == -1)
			return (-1);
		rc = plan_store_assemble(id, caseworker, tpls, plan);
		if (rc == 2)
			continue;	/* a plan already: left as it is */
		if (rc != 0) {
			fprintf(stderr, "portalctl: demo plan of %s %s: %s\n",
			    demo_plan_cases[i].given, demo_plan_cases[i].family,
			    rc == 1 ? "no accepted advice" : "not stored");
			return (-1);
		}
		if (demo_plan_cases[i].served_ago >= 0 && serve(id, received,
		    demo_plan_cases[i].served_ago, caseworker) == -1)
			return (-1);
	}
	printf("demo data: %zu draft plans, one served on the demo parent\n", i);
	return (0);
}
