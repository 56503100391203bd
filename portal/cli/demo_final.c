/*
 * demo_final — the demo case carried to a final EHC plan (issue 12):
 * Noah Clarke, request received 150 days ago; the decision to assess on
 * day 38, the decision to issue a plan on day 100, a draft plan served on
 * day 110 (the family responded on day 118), the final plan issued on day
 * 138 naming Brookfield Primary School, within 20 weeks. The demo parent
 * is his carer too, so the family's side shows a final plan.
 *
 * The draft is a short plan written in SQL (FS_DEMO_SECTION): the demo's
 * assembly from accepted advice is another change's; the final's steps
 * are the portal's own statements (final_sql.c) under its rules (final.h).
 * Run once, with the other demo assessments (demo.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "config.h"
#include "db.h"
#include "decision_sql.h"
#include "final.h"
#include "final_sql.h"
#include "plan_dates.h"
#include "portalctl.h"
#include "validate.h"

#define RECEIVED_AGO	150

/* The short plan: section, area, text, who, how often, how long. */
static const char *const demo_plan[][6] = {
	{ "A", "general", "Noah loves trains, building with Lego and being "
	    "outside. He wants to make friends and to read on his own.",
	    NULL, NULL, NULL },
	{ "B", "communication_interaction", "Noah understands short spoken "
	    "instructions but finds longer ones and group talk hard to follow.",
	    NULL, NULL, NULL },
	{ "B", "cognition_learning", "Noah's reading is about two years behind "
	    "his age; his number skills are in line with his age.",
	    NULL, NULL, NULL },
	{ "E", "cognition_learning", "By the end of Year 4, Noah will read a "
	    "short book at his level on his own.", NULL, NULL, NULL },
	{ "F", "communication_interaction", "Speech and language therapy to "
	    "build his understanding of spoken language, with a programme the "
	    "class staff carry out", "Speech and language therapist",
	    "Weekly, 45 minutes", "Two terms, then reviewed" },
	{ "F", "cognition_learning", "Precision teaching of reading in a small "
	    "group", "Teaching assistant trained by the SENCO",
	    "Daily, 15 minutes", "One year, then reviewed" },
	{ "K", "general", "Psychological advice from Dr Evan Price, "
	    "Educational Psychologist", NULL, NULL, NULL },
};

static int
one_row(PGresult *res, char *out, size_t len)
{
	int	ok = res != NULL && db_rows(res) == 1;

	if (ok && out != NULL)
		(void)snprintf(out, len, "%s", db_val(res, 0, 0));
	PQclear(res);
	return (ok ? 0 : -1);
}

/* The case, its carer, and its two decisions. */
static int
demo_final_case(const char *council, const char *caseworker,
    const char *received, char id[24], char reference[64])
{
	struct statutory	 st;
	PGresult		*res;
	char			 on[DATE_LEN];

	res = db_q(ST_ASSESSMENT_CREATE, council, "Noah", "Clarke", "2017-06-21",
	    "Year 4", "Brookfield Primary School", "", "", received, caseworker);
	if (res == NULL || db_rows(res) != 1) {
		PQclear(res);
		return (-1);
	}
	(void)snprintf(id, 24, "%s", db_val(res, 0, 0));
	(void)snprintf(reference, 64, "%s", db_val(res, 0, 1));
	PQclear(res);
	if (one_row(db_q(ST_CONTACT_CREATE, id, "Pat Rowe", "parent@demo.test",
	    "Carer"), NULL, 0) == -1 || statutory_dates(received, &st) == -1)
		return (-1);
	(void)date_add(received, 38, on);
	if (one_row(db_qd(&decision_stmts[DS_CREATE], id, "decision_to_assess",
	    "yes", on, st.decision_due, caseworker, council, "caseworker"),
	    NULL, 0) == -1)
		return (-1);
	(void)date_add(received, 100, on);
	return (one_row(db_qd(&decision_stmts[DS_CREATE], id, "plan_decision",
	    "yes", on, st.no_plan_due, caseworker, council, "caseworker"),
	    NULL, 0));
}

/* The draft: its sections, served on the family, their response. */
static int
demo_final_draft(const char *id, const char *council, const char *caseworker,
    const char *received, char plan[24])
{
	struct statutory	 st;
	char			 on[DATE_LEN], advised[DATE_LEN];
	size_t			 i;

	if (one_row(db_qd(&final_stmts[FS_DEMO_PLAN], id, caseworker), plan,
	    24) == -1 || statutory_dates(received, &st) == -1)
		return (-1);
	(void)date_add(received, 80, advised);
	for (i = 0; i < sizeof(demo_plan) / sizeof(demo_plan[0]); i++)
		if (one_row(db_qd(&final_stmts[FS_DEMO_SECTION], plan,
		    demo_plan[i][0], demo_plan[i][1], demo_plan[i][2],
		    demo_plan[i][3], demo_plan[i][4], demo_plan[i][5],
		    "Dr Evan Price", "Educational Psychologist",
		    "Demoshire Educational Psychology Service", advised),
		    NULL, 0) == -1)
			return (-1);
	(void)date_add(received, 110, on);
	if (one_row(db_qd(&decision_stmts[DS_CREATE], id, "draft_issued", NULL,
	    on, st.final_due, caseworker, council, "caseworker"), NULL, 0) == -1)
		return (-1);
	(void)date_add(received, 118, on);
	return (one_row(db_qd(&final_stmts[FS_DEMO_RESPONDED], id, on), NULL, 0));
}

/* The final plan, through the portal's rules and statements. */
static int
demo_final_issue(const char *id, const char *council, const char *caseworker,
    const char *received, const char *plan)
{
	struct final_timing	 t;
	struct val_final	 v;
	struct verrs		 e;
	PGresult		*res;
	char			 issued[DATE_LEN], served[DATE_LEN], due[DATE_LEN],
				 responded[DATE_LEN], today[DATE_LEN], school[24],
				 pv[24];

	res = db_q(ST_ORG_FIND, "Brookfield Primary School");
	if (one_row(res, school, sizeof(school)) == -1)
		return (-1);
	config_today(today);
	(void)date_add(received, 138, issued);
	(void)date_add(received, 110, served);
	(void)date_add(served, COMMENT_WINDOW_DAYS - 1, due);
	(void)date_add(received, 118, responded);
	memset(&v, 0, sizeof(v));
	v.issued = issued;
	v.today = today;
	v.received = received;
	v.served = served;
	v.comments_due = due;
	v.responded = responded;
	v.setting_id = school;
	v.setting_known = 1;
	verrs_init(&e);
	if (val_final(&v, &e) > 0) {
		fprintf(stderr, "portalctl: demo final plan: %s\n", e.e[0].message);
		return (-1);
	}
	if (final_timing(received, issued, &t) == -1 ||
	    one_row(db_qd(&final_stmts[FS_BUMP], plan), pv, sizeof(pv)) == -1 ||
	    one_row(db_qd(&final_stmts[FS_SECTION_I], plan, pv, caseworker,
	    "Brookfield Primary School"), NULL, 0) == -1 ||
	    one_row(db_qd(&final_stmts[FS_MARK_FINAL], plan, school, ""),
	    NULL, 0) == -1)
		return (-1);
	(void)council;
	return (one_row(db_qd(&final_stmts[FS_ISSUE], id, issued, t.due, pv,
	    caseworker), NULL, 0));
}

int
demo_final(const char *council, const char *caseworker)
{
	char	received[DATE_LEN], today[DATE_LEN], id[24], reference[64],
		plan[24];

	config_today(today);
	if (date_add(today, -RECEIVED_AGO, received) == -1 || db_begin() == -1)
		return (-1);
	if (demo_final_case(council, caseworker, received, id, reference) == -1 ||
	    demo_final_draft(id, council, caseworker, received, plan) == -1 ||
	    demo_final_issue(id, council, caseworker, received, plan) == -1 ||
	    db_commit() == -1) {
		db_rollback();
		fprintf(stderr, "portalctl: cannot create the demo final plan\n");
		return (-1);
	}
	printf("demo data: %s carried to a final plan\n", reference);
	return (0);
}
