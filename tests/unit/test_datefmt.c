/* Dates written out for people (GOV.UK style), one rule per test. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "datefmt.h"

START_TEST(test_day_month_year)
{
	char	out[DATE_WORDS_LEN];

	ck_assert_int_eq(date_words("2026-12-20", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "20 December 2026");
	/* No leading zero on the day. */
	ck_assert_int_eq(date_words("2026-03-06", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "6 March 2026");
	ck_assert_int_eq(date_words("2028-02-29", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "29 February 2028");
}
END_TEST

START_TEST(test_weekday)
{
	char	out[DATE_WORDS_LEN];

	ck_assert_int_eq(date_words_weekday("2026-12-20", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "Sunday 20 December 2026");
	ck_assert_int_eq(date_words_weekday("1970-01-01", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "Thursday 1 January 1970");
	ck_assert_int_eq(date_words_weekday("2028-02-29", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "Tuesday 29 February 2028");
	ck_assert_int_eq(date_words_weekday("2026-09-30", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "Wednesday 30 September 2026");
}
END_TEST

START_TEST(test_not_a_date_is_kept)
{
	char	out[DATE_WORDS_LEN];

	ck_assert_int_eq(date_words("2026-02-30", out, sizeof(out)), -1);
	ck_assert_str_eq(out, "2026-02-30");
	ck_assert_int_eq(date_words("", out, sizeof(out)), -1);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(date_words(NULL, out, sizeof(out)), -1);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(date_words_weekday("20 December 2026", out, sizeof(out)), -1);
	ck_assert_str_eq(out, "20 December 2026");
}
END_TEST

START_TEST(test_too_small_is_refused)
{
	char	out[8];

	ck_assert_int_eq(date_words("2026-12-20", out, sizeof(out)), -1);
	ck_assert_str_eq(out, "2026-12");
	ck_assert_int_eq(date_words("2026-12-20", out, 0), -1);
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("datefmt");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_day_month_year);
	tcase_add_test(tc, test_weekday);
	tcase_add_test(tc, test_not_a_date_is_kept);
	tcase_add_test(tc, test_too_small_is_refused);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	SRunner	*sr = srunner_create(suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
