#include <stdint.h>
/* The case import's row → record mapping and the shared rules on a row
 * (portal/domain/import_rows.c), one test per rule. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "import_rows.h"

#define TODAY	"2027-06-01"
#define H	"reference,given_name,family_name,date_of_birth,request_received," \
		"decision_to_assess,decision_date,plan_decision_date,draft_issued," \
		"final_issued,exception_kind,exception_reason,exception_from," \
		"exception_to,psychological_requested,psychological_received," \
		"medical_requested,medical_received,preparing_for_adulthood_requested"

static struct imp_result	res;

static int
hook(void *arg, const struct imp_row *r, char *col, size_t clen,
    char *reason, size_t rlen)
{
	return (imp_row_validate(r, arg, col, clen, reason, rlen));
}

static int
parse(const char *s)
{
	struct imp_options	o;

	memset(&o, 0, sizeof(o));
	o.today = TODAY;
	o.validate = hook;
	o.arg = (void *)(uintptr_t)TODAY;
	return (imp_parse(s, strlen(s), &o, &res));
}

START_TEST(test_full_row_records)
{
	struct imp_record	rec;

	ck_assert_int_eq(parse(H "\nR1,Amy,Jones,2015-05-01,2026-01-05,yes,"
	    "2026-02-10,2026-04-20,2026-04-27,2026-05-20,absence,Away,"
	    "2026-03-01,2026-03-31,2026-02-11,2026-03-20,2026-02-12,,\n"), 0);
	ck_assert_uint_eq(res.n, 1);
	ck_assert_int_eq(imp_row_record(&res.row[0], &rec), 0);
	ck_assert_uint_eq(rec.n_dec, 4);
	ck_assert_int_eq(rec.dec[0].kind, DEC_ASSESS);
	ck_assert_str_eq(rec.dec[0].outcome, "yes");
	ck_assert_str_eq(rec.dec[0].on, "2026-02-10");
	ck_assert_str_eq(rec.dec[0].due, "2026-02-16");	/* + 42 */
	ck_assert_int_eq(rec.dec[1].kind, DEC_PLAN);
	ck_assert_str_eq(rec.dec[1].outcome, "yes");
	ck_assert_str_eq(rec.dec[1].due, "2026-04-27");	/* + 112 */
	ck_assert_int_eq(rec.dec[2].kind, DEC_DRAFT);
	ck_assert_ptr_null(rec.dec[2].outcome);
	ck_assert_int_eq(rec.dec[3].kind, DEC_FINAL);
	ck_assert_str_eq(rec.dec[3].due, "2026-05-25");	/* + 140 */
	ck_assert_str_eq(rec.closed_on, "");
	ck_assert_int_eq(rec.has_exception, 1);
	ck_assert_str_eq(rec.exc_kind, "absence");
	ck_assert_str_eq(rec.exc_to, "2026-03-31");
	/* Advice in the order of the kinds: medical before psychological. */
	ck_assert_uint_eq(rec.n_adv, 2);
	ck_assert_str_eq(rec.adv[0].kind, "medical");
	ck_assert_str_eq(rec.adv[0].received, "");
	ck_assert_str_eq(rec.adv[0].status, "withdrawn");	/* case ended */
	ck_assert_str_eq(rec.adv[0].due, "2026-03-26");
	ck_assert_str_eq(rec.adv[1].kind, "psychological");
	ck_assert_str_eq(rec.adv[1].received, "2026-03-20");
	ck_assert_str_eq(rec.adv[1].status, "accepted");
	imp_free(&res);
}
END_TEST

START_TEST(test_open_case_advice_still_awaited)
{
	struct imp_record	rec;

	ck_assert_int_eq(parse(H "\nR2,Ben,Ode,2016-01-01,2027-03-01,yes,"
	    "2027-04-01,,,,,,,,2027-04-02,,,,\n"), 0);
	ck_assert_int_eq(imp_row_record(&res.row[0], &rec), 0);
	ck_assert_uint_eq(rec.n_dec, 1);
	ck_assert_uint_eq(rec.n_adv, 1);
	ck_assert_str_eq(rec.adv[0].status, "requested");
	ck_assert_int_eq(rec.has_exception, 0);
	imp_free(&res);
}
END_TEST

START_TEST(test_no_closes_the_case)
{
	struct imp_record	rec;

	ck_assert_int_eq(parse(H "\nR3,Cy,Pal,2016-01-01,2027-03-01,no,"
	    "2027-04-10,,,,,,,,,,,,\n"), 0);
	ck_assert_int_eq(imp_row_record(&res.row[0], &rec), 0);
	ck_assert_uint_eq(rec.n_dec, 1);
	ck_assert_str_eq(rec.dec[0].outcome, "no");
	ck_assert_str_eq(rec.closed_on, "2027-04-10");
	imp_free(&res);
}
END_TEST

/* A row the reader accepts but the shared rules refuse: line, column. */
static const struct {
	const char	*row, *column, *reason;
} refused[] = {
	/* val_assessment: a name over 100 characters (the reader allows 200). */
	{ "R9,Amyamyamyamyamyamyamyamyamyamyamyamyamyamyamyamyamyamyamyamy"
	  "amyamyamyamyamyamyamyamyamyamyamyamyamyamyamyamyamy,Jones,"
	  "2015-05-01,2026-01-05,,,,,,,,,,,,,,", "given_name", "first name" },
	/* val_decision: steps in order. */
	{ "R9,Amy,Jones,2015-05-01,2026-01-05,yes,2026-02-10,2026-04-20,,"
	  "2026-05-20,,,,,,,,,", "final_issued", "draft plan issued first" },
	{ "R9,Amy,Jones,2015-05-01,2026-01-05,yes,2026-02-10,,2026-04-20,"
	  ",,,,,,,,,", "draft_issued", "decision to issue a plan first" },
	/* val_exception: an end date, a reason, 4 weeks for an absence. */
	{ "R9,Amy,Jones,2015-05-01,2026-01-05,,,,,,absence,Away,2026-02-01,"
	  ",,,,,", "exception_to", "real date" },
	{ "R9,Amy,Jones,2015-05-01,2026-01-05,,,,,,absence,,2026-02-01,"
	  "2026-03-31,,,,,", "exception_reason", "reason" },
	{ "R9,Amy,Jones,2015-05-01,2026-01-05,,,,,,school_closure,Shut,"
	  "2026-02-01,2026-02-10,,,,,", "exception_to", "at least 4 weeks" },
	/* Preparing for adulthood: from age 13. */
	{ "R9,Amy,Jones,2015-05-01,2026-01-05,yes,2026-02-10,,,,,,,,,,,,"
	  "2026-02-11", "preparing_for_adulthood_requested", "Year 9" },
};

START_TEST(test_shared_rules_refuse)
{
	char	buf[1024];

	snprintf(buf, sizeof(buf), H "\nR0,Ok,Row,2015-05-01,2026-01-05,"
	    ",,,,,,,,,,,,,\n%s\n", refused[_i].row);
	ck_assert_int_eq(parse(buf), 1);
	ck_assert_uint_eq(res.n_err, 1);
	ck_assert_uint_eq(res.err[0].line, 3);
	ck_assert_str_eq(res.err[0].column, refused[_i].column);
	ck_assert_msg(strstr(res.err[0].reason, refused[_i].reason) != NULL,
	    "reason: %s", res.err[0].reason);
	imp_free(&res);
}
END_TEST

/* Old enough for preparing-for-adulthood advice: accepted. */
START_TEST(test_pfa_at_13)
{
	ck_assert_int_eq(parse(H "\nR4,Di,Ay,2012-01-01,2026-01-05,yes,"
	    "2026-02-10,,,,,,,,,,,,2026-02-11\n"), 0);
	imp_free(&res);
}
END_TEST

/* Imported rows are cases to the figures: the monthly table counts them. */
START_TEST(test_rows_feed_the_figures)
{
	struct fig_case		c[3];
	struct fig_exception	x[3];
	struct fig_advice	a[3][ADV_KINDS];
	struct fig_month	*m;
	size_t			 i, n;

	/* Received 5 Jan: within 20 weeks is on or before 25 May. */
	ck_assert_int_eq(parse(H
	    "\nA1,Amy,Jones,2015-05-01,2026-01-05,yes,2026-02-10,2026-04-20,"
	    "2026-04-27,2026-05-20,,,,,2026-02-11,2026-03-20,,,"
	    "\nA2,Bo,Jones,2015-05-01,2026-01-05,yes,2026-02-10,2026-04-20,"
	    "2026-04-27,26/05/2026,,,,,2026-02-11,2026-03-30,,,"
	    "\nA3,Cy,Jones,2015-05-01,2026-01-05,yes,2026-02-10,2026-04-20,"
	    "2026-04-27,2026-05-28,absence,Away,2026-03-01,2026-03-31,,,,,\n"),
	    0);
	ck_assert_uint_eq(res.n, 3);
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(imp_row_fig_case(&res.row[i], &c[i], &x[i],
		    a[i]), 0);
	ck_assert_int_eq(fig_monthly(c, 3, 2026, 5, 2026, 5, &m, &n), 0);
	ck_assert_uint_eq(n, 1);
	ck_assert_uint_eq(m[0].issued.n, 2);		/* A3 has an exception */
	ck_assert_uint_eq(m[0].issued.within, 1);	/* A1 on day 135 */
	ck_assert_uint_eq(m[0].exceptions, 1);
	ck_assert_uint_eq(c[0].n_advice, 1);
	ck_assert_int_eq(c[1].advice[0].received, date_day("2026-03-30"));
	free(m);
	imp_free(&res);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("import_rows");
	TCase	*tc = tcase_create("core");
	SRunner	*sr;
	int	 failed;

	tcase_add_test(tc, test_full_row_records);
	tcase_add_test(tc, test_open_case_advice_still_awaited);
	tcase_add_test(tc, test_no_closes_the_case);
	tcase_add_loop_test(tc, test_shared_rules_refuse, 0,
	    sizeof(refused) / sizeof(refused[0]));
	tcase_add_test(tc, test_pfa_at_13);
	tcase_add_test(tc, test_rows_feed_the_figures);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
