/* The family's comments on a served draft (comments.h): the window in
 * words, the day served, and what a comment or a request may hold. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "comments.h"

START_TEST(test_window_open_in_words)
{
	char	out[256];

	/* Served 1 June: day 1 is the day served, the last day 15 June. */
	ck_assert_int_eq(comment_window_words("2027-06-01", "2027-06-01",
	    WINDOW_FAMILY, out, sizeof(out)), 0);
	ck_assert_str_eq(out, "You have until Tuesday 15 June 2027 to comment "
	    "(15 days)");
	ck_assert_int_eq(comment_window_words("2027-06-01", "2027-06-15",
	    WINDOW_COUNCIL, out, sizeof(out)), 0);
	ck_assert_str_eq(out, "The family has until Tuesday 15 June 2027 to "
	    "comment (15 days)");
}
END_TEST

START_TEST(test_window_closed_the_day_after)
{
	char	out[256];

	ck_assert_int_eq(comment_window_words("2027-06-01", "2027-06-16",
	    WINDOW_FAMILY, out, sizeof(out)), 1);
	ck_assert_str_eq(out, "The 15 days to comment ended on Tuesday 15 June "
	    "2027. You can still send comments: they will be marked as late, "
	    "but the council will still read them.");
	ck_assert_int_eq(comment_window_words("2028-02-20", "2028-03-06",
	    WINDOW_COUNCIL, out, sizeof(out)), 1);
	ck_assert_ptr_nonnull(strstr(out, "Sunday 5 March 2028"));
}
END_TEST

START_TEST(test_window_refuses_bad_dates_and_small_buffers)
{
	char	out[256];

	ck_assert_int_eq(comment_window_words("2027-06-31", "2027-06-01",
	    WINDOW_FAMILY, out, sizeof(out)), -1);
	ck_assert_int_eq(comment_window_words("2027-06-01", "",
	    WINDOW_FAMILY, out, sizeof(out)), -1);
	ck_assert_int_eq(comment_window_words("2027-06-01", "2027-06-02",
	    WINDOW_FAMILY, out, 20), -1);
}
END_TEST

START_TEST(test_served_rules)
{
	ck_assert_ptr_null(served_refusal("2027-06-01", "2027-01-10", "2027-06-01"));
	ck_assert_ptr_null(served_refusal("2027-01-10", "2027-01-10", "2027-06-01"));
	ck_assert_str_eq(served_refusal("", "2027-01-10", "2027-06-01"),
	    "The day the draft was served must be a real date");
	ck_assert_str_eq(served_refusal("2027-02-30", "2027-01-10", "2027-06-01"),
	    "The day the draft was served must be a real date");
	ck_assert_str_eq(served_refusal("2027-06-02", "2027-01-10", "2027-06-01"),
	    "The day the draft was served must be today or in the past");
	ck_assert_str_eq(served_refusal("2027-01-09", "2027-01-10", "2027-06-01"),
	    "The day the draft was served must be the same as or after the day "
	    "the request for assessment was received");
}
END_TEST

START_TEST(test_serve_by_leaves_the_window_before_week_20)
{
	char	out[16];

	/* Received 4 January 2027: the final plan is due 24 May (day 140);
	 * a draft served on 9 May has its last day on 23 May. */
	ck_assert_int_eq(draft_serve_by("2027-01-04", out), 0);
	ck_assert_str_eq(out, "2027-05-09");
	ck_assert_int_eq(draft_serve_by("2027-13-01", out), -1);
}
END_TEST

START_TEST(test_comment_rules)
{
	char	*big;

	ck_assert_str_eq(comment_refusal(""), "Enter your comment on this section");
	ck_assert_str_eq(comment_refusal(" \n\t "), "Enter your comment on this section");
	ck_assert_str_eq(comment_refusal(NULL), "Enter your comment on this section");
	ck_assert_ptr_null(comment_refusal("Please add speech therapy."));
	big = malloc(COMMENT_BODY_MAX * 2 + 3);
	ck_assert_ptr_nonnull(big);
	/* 10,000 characters of two bytes each is accepted: characters count. */
	memset(big, 0, COMMENT_BODY_MAX * 2 + 3);
	for (size_t i = 0; i < COMMENT_BODY_MAX; i++)
		memcpy(big + 2 * i, "\xc3\xa9", 2);
	ck_assert_ptr_null(comment_refusal(big));
	memcpy(big + 2 * COMMENT_BODY_MAX, "a", 2);
	ck_assert_str_eq(comment_refusal(big),
	    "Your comment must be 10,000 characters or fewer");
	free(big);
}
END_TEST

START_TEST(test_request_rules)
{
	char	name[REQUEST_SETTING_MAX + 2], detail[REQUEST_DETAIL_MAX + 2];

	ck_assert_str_eq(setting_refusal("", ""),
	    "Select a school or setting, or type its name");
	ck_assert_str_eq(setting_refusal(NULL, "  "),
	    "Select a school or setting, or type its name");
	ck_assert_ptr_null(setting_refusal("12", ""));
	ck_assert_ptr_null(setting_refusal("", "Oakwood Free School"));
	ck_assert_str_eq(setting_refusal("12", "Oakwood Free School"),
	    "Select a school or setting from the list, or type its name, not both");
	memset(name, 'a', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	ck_assert_str_eq(setting_refusal("", name),
	    "The name of the school or setting must be 200 characters or fewer");
	name[REQUEST_SETTING_MAX] = '\0';
	ck_assert_ptr_null(setting_refusal("", name));
	ck_assert_ptr_null(detail_refusal(NULL));
	ck_assert_ptr_null(detail_refusal(""));
	memset(detail, 'b', sizeof(detail) - 1);
	detail[sizeof(detail) - 1] = '\0';
	ck_assert_str_eq(detail_refusal(detail),
	    "What you write must be 5,000 characters or fewer");
	detail[REQUEST_DETAIL_MAX] = '\0';
	ck_assert_ptr_null(detail_refusal(detail));
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("comments");
	TCase	*tc = tcase_create("rules");
	SRunner	*sr;
	int	 failed;

	tcase_add_test(tc, test_window_open_in_words);
	tcase_add_test(tc, test_window_closed_the_day_after);
	tcase_add_test(tc, test_window_refuses_bad_dates_and_small_buffers);
	tcase_add_test(tc, test_served_rules);
	tcase_add_test(tc, test_serve_by_leaves_the_window_before_week_20);
	tcase_add_test(tc, test_comment_rules);
	tcase_add_test(tc, test_request_rules);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
