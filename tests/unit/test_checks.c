/*
 * Unit tests for checks.c (the email helpers).  Exit status: number of
 * failed tests.
 */
#include <stdlib.h>

#include <check.h>

#include "checks.h"

static Suite	*checks_suite(void);

START_TEST(test_email_valid)
{
	ck_assert_int_eq(email_valid("Pat.Rowe@Example.com"), 1);
	ck_assert_int_eq(email_valid("pat@example"), 0);
	ck_assert_int_eq(email_valid("pat rowe@example.com"), 0);
	ck_assert_int_eq(email_valid("a@b@example.com"), 0);
	ck_assert_int_eq(email_valid("@example.com"), 0);
	ck_assert_int_eq(email_valid(NULL), 0);
}
END_TEST

START_TEST(test_email_lower)
{
	char	out[16];

	ck_assert_int_eq(email_lower("Pat.Rowe@EX.com", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "pat.rowe@ex.com");
	/* Only A–Z: other bytes (UTF-8 too) are kept as they are. */
	ck_assert_int_eq(email_lower("\xc3\x89@x.io", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "\xc3\x89@x.io");
	/* 15 characters fit in 16 bytes; 16 do not. */
	ck_assert_int_eq(email_lower("ABCDEFGHIJ@x.io", out, sizeof(out)), 0);
	ck_assert_str_eq(out, "abcdefghij@x.io");
	ck_assert_int_eq(email_lower("ABCDEFGHIJK@x.io", out, sizeof(out)), -1);
	ck_assert_int_eq(email_lower(NULL, out, sizeof(out)), -1);
}
END_TEST

static Suite *
checks_suite(void)
{
	Suite	*s = suite_create("checks");
	TCase	*tc = tcase_create("email");

	tcase_add_test(tc, test_email_valid);
	tcase_add_test(tc, test_email_lower);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(checks_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed);
}
