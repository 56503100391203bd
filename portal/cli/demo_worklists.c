/*
 * demo_worklists — demo cases for the daily routines (issue 13), made
 * with the demo assessments (demo.c, once): a second caseworker, Rowan
 * Ashby, so the manager's list has someone to filter by and to pass a
 * case to, and cases at the steps a live list shows: a decision to
 * assess overdue (the demo caseworker's and Rowan's), and a draft whose
 * comment window has ended with the final plan due in 12 days (ready
 * for the final plan). Dates are relative to today, like demo.c's.
 */
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "config.h"
#include "db.h"
#include "decision_sql.h"
#include "portalctl.h"

/* One decision of a demo case, day days after received: kind, outcome. */
struct demo_step {
	const char	*kind, *outcome;
	int		 day;
};

static const struct {
	const char		*caseworker, *given, *family, *dob, *year, *setting;
	int			 received_ago;
	struct demo_step	 steps[4];
} cases[] = {
	/* Decision to assess 2 days overdue. */
	{ "caseworker@demo.test", "Ella", "Grant", "2017-09-03", "Year 4",
	  "Brookfield Primary School", 44, { { NULL, NULL, 0 } } },
	/* Decision to assess 3 days overdue. */
	{ "caseworker2@demo.test", "Noah", "Fenwick", "2016-01-22", "Year 5",
	  "Riverside Special School", 45, { { NULL, NULL, 0 } } },
	/* The family's 15 days ended 4 days ago; the final plan is due in 12. */
	{ "caseworker2@demo.test", "Isla", "Morgan", "2013-06-30", "Year 8",
	  "Hillcrest Academy", 128, {
	  { "decision_to_assess", "yes", 38 },
	  { "plan_decision", "yes", 100 },
	  { "draft_issued", NULL, 110 },
	  { NULL, NULL, 0 } } },
};

static int
id_of(enum stmt st, const char *key, char out[24])
{
	PGresult	*res;
	int		 ok;

	res = db_q(st, key);
	ok = res != NULL && db_rows(res) == 1;
	if (ok)
		(void)snprintf(out, 24, "%s", db_val(res, 0, 0));
	PQclear(res);
	return (ok ? 0 : -1);
}

/* The case's decisions, as the caseworker recorded them. */
static int
demo_steps(const char *id, const char *council, const char *caseworker,
    const char *received, const struct demo_step *s)
{
	struct statutory	 st;
	PGresult		*res;
	char			 on[DATE_LEN];
	const char		*due;
	int			 ok = 1;

	if (statutory_dates(received, &st) == -1)
		return (-1);
	for (; ok && s->kind != NULL; s++) {
		due = strcmp(s->kind, "decision_to_assess") == 0 ? st.decision_due :
		    strcmp(s->kind, "plan_decision") == 0 ? st.no_plan_due :
		    st.final_due;
		if (date_add(received, s->day, on) == -1)
			return (-1);
		res = db_qd(&decision_stmts[DS_CREATE], id, s->kind, s->outcome,
		    on, due, caseworker, council, "caseworker");
		ok = res != NULL && db_rows(res) == 1;
		PQclear(res);
	}
	return (ok ? 0 : -1);
}

/*
 * Makes the work lists' demo accounts and cases in council; returns how
 * many assessments it made (0 after saying why on stderr).
 */
int
demo_worklists(const char *council)
{
	PGresult	*res;
	char		 today[DATE_LEN], received[DATE_LEN], cw[24], id[24];
	size_t		 i;

	if (account_create("caseworker2@demo.test", "caseworker",
	    "Demoshire County Council", "Rowan Ashby", "EHCP coordinator",
	    DEMO_PASSWORD) == -1)
		goto fail;
	config_today(today);
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		if (id_of(ST_ACCOUNT_BY_EMAIL, cases[i].caseworker, cw) == -1 ||
		    date_add(today, -cases[i].received_ago, received) == -1)
			goto fail;
		res = db_q(ST_ASSESSMENT_CREATE, council, cases[i].given,
		    cases[i].family, cases[i].dob, cases[i].year,
		    cases[i].setting, "", "", received, cw);
		if (res == NULL || db_rows(res) != 1) {
			PQclear(res);
			goto fail;
		}
		(void)snprintf(id, sizeof(id), "%s", db_val(res, 0, 0));
		PQclear(res);
		if (demo_steps(id, council, cw, received, cases[i].steps) == -1)
			goto fail;
	}
	return ((int)i);
fail:
	fprintf(stderr, "portalctl: cannot create the work lists' demo cases\n");
	return (0);
}
