/* Statutory calendar: worked cases written from the regulations. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"

static const struct {
	const char	*received, *decision, *no_plan, *final;
} cases[] = {
	/* reg 5 / 10(1) / 13(2): 6, 16 and 20 weeks, calendar days. */
	{ "2026-01-05", "2026-02-16", "2026-04-27", "2026-05-25" },
	/* Crosses a leap day (2028-02-29 exists). */
	{ "2028-01-20", "2028-03-02", "2028-05-11", "2028-06-08" },
	/* Crosses a year end. */
	{ "2026-11-24", "2027-01-05", "2027-03-16", "2027-04-13" },
	/* Month end start. */
	{ "2027-01-31", "2027-03-14", "2027-05-23", "2027-06-20" },
	/* Received on a leap day. */
	{ "2024-02-29", "2024-04-11", "2024-06-20", "2024-07-18" },
};

START_TEST(test_statutory_table)
{
	struct statutory	st;

	ck_assert_int_eq(statutory_dates(cases[_i].received, &st), 0);
	ck_assert_str_eq(st.decision_due, cases[_i].decision);
	ck_assert_str_eq(st.advice_due, cases[_i].decision);
	ck_assert_str_eq(st.no_plan_due, cases[_i].no_plan);
	ck_assert_str_eq(st.final_due, cases[_i].final);
}
END_TEST

START_TEST(test_advice_due_is_42_days)
{
	char	out[DATE_LEN];

	ck_assert_int_eq(advice_due("2026-12-31", out), 0);
	ck_assert_str_eq(out, "2027-02-11");
	ck_assert_int_eq(advice_due("2027-01-18", out), 0);
	ck_assert_str_eq(out, "2027-03-01");	/* not a leap year */
	ck_assert_int_eq(advice_due("2028-01-18", out), 0);
	ck_assert_str_eq(out, "2028-02-29");	/* leap year */
}
END_TEST

START_TEST(test_comment_window_15_days_beginning_with_service)
{
	char	out[DATE_LEN];

	/* Served on 1 March: days 1..15 of the window end on 15 March. */
	ck_assert_int_eq(comment_last_day("2027-03-01", out), 0);
	ck_assert_str_eq(out, "2027-03-15");
	ck_assert_int_eq(comment_last_day("2026-12-20", out), 0);
	ck_assert_str_eq(out, "2027-01-03");
}
END_TEST

START_TEST(test_months_clamp_to_month_end)
{
	char	out[DATE_LEN];

	ck_assert_int_eq(date_add_months("2028-02-29", 12, out), 0);
	ck_assert_str_eq(out, "2029-02-28");
	ck_assert_int_eq(date_add_months("2026-08-31", 6, out), 0);
	ck_assert_str_eq(out, "2027-02-28");
	ck_assert_int_eq(date_add_months("2026-11-30", 1, out), 0);
	ck_assert_str_eq(out, "2026-12-30");
}
END_TEST

START_TEST(test_refuses_impossible_dates)
{
	char		 out[DATE_LEN];
	const char	*bad[] = { "2026-02-30", "2027-02-29", "2026-13-01",
	    "2026-00-10", "2026-1-01", "26-01-01", "2026/01/01", "2026-01-01x",
	    "", "1899-12-31", "２026-01-01" };
	size_t		 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(date_day(bad[i]) == -1, "accepted %s", bad[i]);
		ck_assert_int_eq(date_add(bad[i], 1, out), -1);
	}
	ck_assert_int_eq(date_day(NULL), -1);
	ck_assert_int_ne(date_day("2028-02-29"), -1);
}
END_TEST

START_TEST(test_round_trip_every_day_of_three_centuries)
{
	char	out[DATE_LEN];
	long	z, first = date_day("1900-01-01"), last = date_day("2199-12-31");

	for (z = first; z <= last; z++) {
		date_of_day(z, out);
		ck_assert_int_eq(date_day(out), z);
	}
	ck_assert_int_eq(last - first + 1, 109573);
	ck_assert_int_eq(days_between("2026-11-24", "2027-01-05"), 42);
	ck_assert_int_eq(days_between("2027-01-05", "2026-11-24"), -42);
}
END_TEST


int
main(void)
{
	Suite	*s = suite_create("clock");
	TCase	*tc = tcase_create("core");
	SRunner	*sr;
	int	 failed;

	tcase_add_loop_test(tc, test_statutory_table, 0,
	    sizeof(cases) / sizeof(cases[0]));
	tcase_add_test(tc, test_advice_due_is_42_days);
	tcase_add_test(tc, test_comment_window_15_days_beginning_with_service);
	tcase_add_test(tc, test_months_clamp_to_month_end);
	tcase_add_test(tc, test_refuses_impossible_dates);
	tcase_add_test(tc, test_round_trip_every_day_of_three_centuries);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
