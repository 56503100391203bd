/* The draft plan's dates, worked by hand from s.38/s.39 CFA and reg 13. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "plan_dates.h"

/* Served, day 10 (served + 9), last day (served + 14), worked on a
 * calendar: month ends, year ends, leap and common Februaries. */
static const struct {
	const char	*served, *reminder, *last_day;
} windows[] = {
	{ "2027-06-01", "2027-06-10", "2027-06-15" },	/* the statute's example */
	{ "2027-01-25", "2027-02-03", "2027-02-08" },	/* January → February */
	{ "2027-02-20", "2027-03-01", "2027-03-06" },	/* 28-day February */
	{ "2028-02-20", "2028-02-29", "2028-03-05" },	/* leap day is day 10 */
	{ "2028-02-29", "2028-03-09", "2028-03-14" },	/* served on a leap day */
	{ "2026-12-20", "2026-12-29", "2027-01-03" },	/* last day next year */
	{ "2027-12-28", "2028-01-06", "2028-01-11" },	/* both next year */
	{ "2027-04-30", "2027-05-09", "2027-05-14" },	/* 30-day month end */
	{ "2100-02-20", "2100-03-01", "2100-03-06" },	/* 2100 is not leap */
};

START_TEST(test_comment_window_table)
{
	struct comment_window	w;

	ck_assert_int_eq(comment_window(windows[_i].served, &w), 0);
	ck_assert_str_eq(w.served, windows[_i].served);
	ck_assert_str_eq(w.reminder, windows[_i].reminder);
	ck_assert_str_eq(w.last_day, windows[_i].last_day);
	/* The chase offsets from the last day land on the same days. */
	ck_assert_int_eq(days_between(w.last_day, w.reminder),
	    COMMENT_REMINDER_OFFSET);
	ck_assert_int_eq(COMMENT_REMINDER_OFFSET, -5);
}
END_TEST

START_TEST(test_comment_late_after_the_last_day_only)
{
	ck_assert_int_eq(comment_late("2027-06-01", "2027-06-01"), 0);
	ck_assert_int_eq(comment_late("2027-06-01", "2027-06-15"), 0);
	ck_assert_int_eq(comment_late("2027-06-01", "2027-06-16"), 1);
	ck_assert_int_eq(comment_late("2027-06-01", "2028-01-01"), 1);
	ck_assert_int_eq(comment_late("2028-02-20", "2028-03-05"), 0);
	ck_assert_int_eq(comment_late("2028-02-20", "2028-03-06"), 1);
	ck_assert_int_eq(comment_late("2027-06-01", "2027-05-31"), 0);
	ck_assert_int_eq(comment_late("2027-06-31", "2027-06-02"), -1);
	ck_assert_int_eq(comment_late("2027-06-01", ""), -1);
	ck_assert_int_eq(comment_late(NULL, "2027-06-01"), -1);
}
END_TEST

/* Sent → answer due (sent + 15). */
static const struct {
	const char	*sent, *due;
} consultations[] = {
	{ "2027-06-01", "2027-06-16" },
	{ "2027-02-14", "2027-03-01" },		/* 28-day February */
	{ "2028-02-14", "2028-02-29" },		/* leap day */
	{ "2026-12-20", "2027-01-04" },		/* year end */
	{ "2027-01-31", "2027-02-15" },
	{ "2027-09-30", "2027-10-15" },
};

START_TEST(test_consultation_due_table)
{
	char	out[DATE_LEN];

	ck_assert_int_eq(consultation_due(consultations[_i].sent, out), 0);
	ck_assert_str_eq(out, consultations[_i].due);
}
END_TEST

START_TEST(test_refuses_impossible_dates)
{
	struct comment_window	w;
	struct step_timing	st;
	struct final_timing	ft;
	char			out[DATE_LEN];

	ck_assert_int_eq(comment_window("2027-02-29", &w), -1);
	ck_assert_int_eq(comment_window("1 June 2027", &w), -1);
	ck_assert_int_eq(comment_window(NULL, &w), -1);
	ck_assert_int_eq(consultation_due("2027-13-01", out), -1);
	ck_assert_int_eq(step_timing("2027-02-15", "2027-02-30", &st), -1);
	ck_assert_int_eq(final_timing("2027-01-04", "2027-00-01", &ft), -1);
	/* A plan issued before the request was received is impossible. */
	ck_assert_int_eq(final_timing("2027-01-04", "2027-01-03", &ft), -1);
}
END_TEST

START_TEST(test_step_timing)
{
	struct step_timing	t;

	ck_assert_int_eq(step_timing("2027-02-15", "2027-02-15", &t), 0);
	ck_assert_int_eq(t.on_time, 1);
	ck_assert_int_eq(t.days_late, 0);
	ck_assert_int_eq(step_timing("2027-02-15", "2027-02-01", &t), 0);
	ck_assert_int_eq(t.on_time, 1);
	ck_assert_int_eq(t.days_late, 0);
	ck_assert_int_eq(step_timing("2027-02-15", "2027-02-20", &t), 0);
	ck_assert_int_eq(t.on_time, 0);
	ck_assert_int_eq(t.days_late, 5);
	/* Over a leap day: 28 Feb → 1 Mar 2028 is 2 days. */
	ck_assert_int_eq(step_timing("2028-02-28", "2028-03-01", &t), 0);
	ck_assert_int_eq(t.days_late, 2);
}
END_TEST

/* Received → issued: days, weeks + days, days late (reg 13(2)). */
static const struct {
	const char	*received, *issued, *due;
	long		 days, weeks, extra, late;
	int		 within;
} finals[] = {
	/* Day 140 is within 20 weeks; day 141 is not. */
	{ "2027-01-04", "2027-05-24", "2027-05-24", 140, 20, 0, 0, 1 },
	{ "2027-01-04", "2027-05-25", "2027-05-24", 141, 20, 1, 1, 0 },
	{ "2027-01-04", "2027-06-21", "2027-05-24", 168, 24, 0, 28, 0 },
	{ "2027-01-04", "2027-03-01", "2027-05-24", 56, 8, 0, 0, 1 },
	{ "2027-01-04", "2027-01-04", "2027-05-24", 0, 0, 0, 0, 1 },
	/* Over a leap day. */
	{ "2028-01-20", "2028-06-08", "2028-06-08", 140, 20, 0, 0, 1 },
	{ "2028-01-20", "2028-06-09", "2028-06-08", 141, 20, 1, 1, 0 },
	/* Over a year end. */
	{ "2026-11-24", "2027-04-13", "2027-04-13", 140, 20, 0, 0, 1 },
	{ "2026-11-24", "2027-04-23", "2027-04-13", 150, 21, 3, 10, 0 },
};

START_TEST(test_final_timing_table)
{
	struct final_timing	t;

	ck_assert_int_eq(final_timing(finals[_i].received, finals[_i].issued,
	    &t), 0);
	ck_assert_str_eq(t.due, finals[_i].due);
	ck_assert_int_eq(t.days, finals[_i].days);
	ck_assert_int_eq(t.weeks, finals[_i].weeks);
	ck_assert_int_eq(t.extra_days, finals[_i].extra);
	ck_assert_int_eq(t.days_late, finals[_i].late);
	ck_assert_int_eq(t.within_20_weeks, finals[_i].within);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("plan_dates");
	TCase	*tc = tcase_create("core");
	SRunner	*sr;
	int	 failed;

	tcase_add_loop_test(tc, test_comment_window_table, 0,
	    sizeof(windows) / sizeof(windows[0]));
	tcase_add_test(tc, test_comment_late_after_the_last_day_only);
	tcase_add_loop_test(tc, test_consultation_due_table, 0,
	    sizeof(consultations) / sizeof(consultations[0]));
	tcase_add_test(tc, test_refuses_impossible_dates);
	tcase_add_test(tc, test_step_timing);
	tcase_add_loop_test(tc, test_final_timing_table, 0,
	    sizeof(finals) / sizeof(finals[0]));
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
