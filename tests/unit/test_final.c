/* Issuing the final plan: week 20 (reg 13(2)) and the refusals. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "final.h"
#include "plan_dates.h"
#include "validate.h"

/* A plan issued on day 140 after the request is within 20 weeks. */
START_TEST(test_day_140_is_within_20_weeks)
{
	struct final_timing	t;
	char			w[160];

	ck_assert_int_eq(final_timing("2027-01-04", "2027-05-24", &t), 0);
	ck_assert_int_eq(t.days, 140);
	ck_assert_int_eq(t.within_20_weeks, 1);
	ck_assert_int_eq(t.days_late, 0);
	ck_assert_str_eq(t.due, "2027-05-24");
	ck_assert_str_eq(final_words(&t, w, sizeof(w)), "Issued 20 weeks "
	    "after the request was received: within 20 weeks");
}
END_TEST

START_TEST(test_day_141_is_one_day_late)
{
	struct final_timing	t;
	char			w[160];

	ck_assert_int_eq(final_timing("2027-01-04", "2027-05-25", &t), 0);
	ck_assert_int_eq(t.days, 141);
	ck_assert_int_eq(t.within_20_weeks, 0);
	ck_assert_int_eq(t.days_late, 1);
	ck_assert_str_eq(final_words(&t, w, sizeof(w)), "Issued 20 weeks "
	    "and 1 day after the request was received: 1 day late");
}
END_TEST

START_TEST(test_late_wording_in_weeks_and_days)
{
	struct final_timing	t;
	char			w[160];

	/* Day 157: 17 days late, 22 weeks and 3 days. */
	ck_assert_int_eq(final_timing("2027-01-04", "2027-06-10", &t), 0);
	ck_assert_int_eq(t.days, 157);
	ck_assert_str_eq(final_words(&t, w, sizeof(w)), "Issued 22 weeks "
	    "and 3 days after the request was received: 2 weeks and 3 days late");
	/* Day 154: exactly 2 weeks late. */
	ck_assert_int_eq(final_timing("2027-01-04", "2027-06-07", &t), 0);
	ck_assert_str_eq(final_words(&t, w, sizeof(w)), "Issued 22 weeks "
	    "after the request was received: 2 weeks late");
	/* Day 139: within. */
	ck_assert_int_eq(final_timing("2027-01-04", "2027-05-23", &t), 0);
	ck_assert_str_eq(final_words(&t, w, sizeof(w)), "Issued 19 weeks "
	    "and 6 days after the request was received: within 20 weeks");
	ck_assert_str_eq(final_span(1, w, sizeof(w)), "1 day");
	ck_assert_str_eq(final_span(7, w, sizeof(w)), "1 week");
	ck_assert_str_eq(final_span(8, w, sizeof(w)), "1 week and 1 day");
	ck_assert_str_eq(final_span(0, w, sizeof(w)), "0 days");
}
END_TEST

/* A valid issue: served 1 June, last day 15 June, issued 16 June. */
static void
good(struct val_final *v)
{
	memset(v, 0, sizeof(*v));
	v->issued = "2027-06-16";
	v->today = "2027-06-20";
	v->received = "2027-02-01";
	v->served = "2027-06-01";
	v->comments_due = "2027-06-15";
	v->responded = "";
	v->setting_id = "12";
	v->setting_known = 1;
	v->setting_name = "";
}

static const char *
one(const struct val_final *v, enum vfield *f)
{
	static struct verrs	e;

	verrs_init(&e);
	if (val_final(v, &e) != 1)
		return (e.n == 0 ? "no error" : "more than one error");
	*f = e.e[0].field;
	return (e.e[0].message);
}

START_TEST(test_val_final_accepts)
{
	struct val_final	v;
	struct verrs		e;

	good(&v);
	verrs_init(&e);
	ck_assert_int_eq(val_final(&v, &e), 0);
	/* A typed setting instead of the list. */
	v.setting_id = "";
	v.setting_known = 0;
	v.setting_name = "Riverside Free School";
	ck_assert_int_eq(val_final(&v, &e), 0);
	/* Within the window, but the family has responded. */
	good(&v);
	v.issued = "2027-06-10";
	v.responded = "2027-06-08";
	ck_assert_int_eq(val_final(&v, &e), 0);
}
END_TEST

START_TEST(test_val_final_refuses_within_the_window)
{
	struct val_final	v;
	enum vfield		f;

	good(&v);
	v.issued = "2027-06-15";	/* the last day itself */
	ck_assert_str_eq(one(&v, &f), "The family have until 15 June 2027 to "
	    "comment on the draft plan. Issue the final plan after that day, "
	    "or once they have responded");
	ck_assert_int_eq(f, VF_FINAL_ISSUED);
}
END_TEST

START_TEST(test_val_final_refuses_dates)
{
	struct val_final	v;
	enum vfield		f;

	good(&v);
	v.issued = "2027-02-30";
	ck_assert_str_eq(one(&v, &f), "The date the final plan is issued must "
	    "be a real date");
	ck_assert_int_eq(f, VF_FINAL_ISSUED);
	v.issued = "2027-06-21";
	ck_assert_str_eq(one(&v, &f), "The date the final plan is issued must "
	    "be today or in the past");
	v.issued = "2027-01-31";
	ck_assert_str_eq(one(&v, &f), "The date the final plan is issued must "
	    "be the same as or after the day the request was received");
	v.issued = "2027-05-31";
	ck_assert_str_eq(one(&v, &f), "The date the final plan is issued must "
	    "be after the day the draft plan was served (1 June 2027)");
	good(&v);
	v.served = "";
	ck_assert_str_eq(one(&v, &f), "Serve the draft plan on the family "
	    "before you issue the final plan");
	ck_assert_int_eq(f, VF_FINAL_ISSUED);
}
END_TEST

START_TEST(test_val_final_refuses_settings)
{
	struct val_final	v;
	enum vfield		f;
	char			long_name[260];

	good(&v);
	v.setting_id = "";
	v.setting_known = 0;
	ck_assert_str_eq(one(&v, &f), "Select the school or setting to name "
	    "in Section I, or enter its name");
	ck_assert_int_eq(f, VF_FINAL_SETTING);
	v.setting_id = "99";
	ck_assert_str_eq(one(&v, &f), "Select a school or setting from the list");
	v.setting_id = "";
	memset(long_name, 'x', 201);
	long_name[201] = '\0';
	v.setting_name = long_name;
	ck_assert_str_eq(one(&v, &f), "The name of the school or setting must "
	    "be 200 characters or fewer");
	v.setting_name = "   ";
	ck_assert_str_eq(one(&v, &f), "Select the school or setting to name "
	    "in Section I, or enter its name");
	/* Both: the list's choice and a typed name are one too many. */
	good(&v);
	v.setting_name = "Riverside Free School";
	ck_assert_str_eq(one(&v, &f), "Select a school or setting from the "
	    "list, or enter its name, not both");
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("final");
	TCase	*t = tcase_create("final");
	SRunner	*r;
	int	 failed;

	tcase_add_test(t, test_day_140_is_within_20_weeks);
	tcase_add_test(t, test_day_141_is_one_day_late);
	tcase_add_test(t, test_late_wording_in_weeks_and_days);
	tcase_add_test(t, test_val_final_accepts);
	tcase_add_test(t, test_val_final_refuses_within_the_window);
	tcase_add_test(t, test_val_final_refuses_dates);
	tcase_add_test(t, test_val_final_refuses_settings);
	suite_add_tcase(s, t);
	r = srunner_create(s);
	srunner_run_all(r, CK_NORMAL);
	failed = srunner_ntests_failed(r);
	srunner_free(r);
	return (failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
