/* The daily routines' rules (issue 13): a case's next step, its
 * deadlines, overdue / due soon, and the family's timeline sentences,
 * every one on dates worked by hand:
 *   received Friday 22 January 2027 → decision to assess due Friday 5
 *   March (+42), a "no plan" due Friday 14 May (+112: 9 days of
 *   January, 28, 31, 30, then 14), final plan due Friday 11 June (+140).
 *   Advice asked Monday 8 March → due Monday 19 April (+42).
 *   Draft served Tuesday 1 June → last day to comment Tuesday 15 June. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "timeline.h"
#include "worklist.h"

#define RECEIVED	"2027-01-22"

static struct wl_case
fresh(void)
{
	struct wl_case	k;

	memset(&k, 0, sizeof(k));
	k.received = RECEIVED;
	k.assess = k.plan = k.draft_on = k.final_on = "";
	return (k);
}

START_TEST(test_next_step_decide_assess_first)
{
	struct wl_case	k = fresh();

	ck_assert_int_eq(wl_next_step(&k, "2027-02-01"), WL_DECIDE_ASSESS);
	/* Advice already asked and submitted does not come before it. */
	k.requests = 2;
	k.submitted = 1;
	ck_assert_int_eq(wl_next_step(&k, "2027-02-01"), WL_DECIDE_ASSESS);
	ck_assert_int_eq(wl_step_ready(WL_DECIDE_ASSESS), 1);
	ck_assert_str_eq(wl_step_path(WL_DECIDE_ASSESS), "/decisions/new");
}
END_TEST

START_TEST(test_next_step_through_the_advice)
{
	struct wl_case	k = fresh();

	k.assess = "yes";
	ck_assert_int_eq(wl_next_step(&k, "2027-03-04"), WL_REQUEST_ADVICE);
	ck_assert_str_eq(wl_step_path(WL_REQUEST_ADVICE), "/requests/new");
	k.requests = 3;
	k.open = 3;
	ck_assert_int_eq(wl_next_step(&k, "2027-03-10"), WL_WAITING_ADVICE);
	ck_assert_int_eq(wl_step_ready(WL_WAITING_ADVICE), 0);
	k.open = 2;
	k.submitted = 1;
	ck_assert_int_eq(wl_next_step(&k, "2027-04-01"), WL_REVIEW_ADVICE);
	ck_assert_int_eq(wl_step_ready(WL_REVIEW_ADVICE), 1);
	k.open = 0;
	k.submitted = 0;
	ck_assert_int_eq(wl_next_step(&k, "2027-04-20"), WL_DECIDE_PLAN);
	ck_assert_int_eq(wl_step_ready(WL_DECIDE_PLAN), 1);
}
END_TEST

START_TEST(test_next_step_through_the_plan)
{
	struct wl_case	k = fresh();

	k.assess = "yes";
	k.plan = "yes";
	k.requests = 3;
	ck_assert_int_eq(wl_next_step(&k, "2027-05-01"), WL_ISSUE_DRAFT);
	ck_assert_str_eq(wl_step_path(WL_ISSUE_DRAFT), "/plan");
	k.draft_on = "2027-06-01";
	/* Day 1 and day 15 (15 June) of the window: the family's turn. */
	ck_assert_int_eq(wl_next_step(&k, "2027-06-01"), WL_WAITING_COMMENTS);
	ck_assert_int_eq(wl_next_step(&k, "2027-06-15"), WL_WAITING_COMMENTS);
	ck_assert_int_eq(wl_step_ready(WL_WAITING_COMMENTS), 0);
	ck_assert_int_eq(wl_next_step(&k, "2027-06-16"), WL_ISSUE_FINAL);
	/* Advice submitted late still asks to be read first. */
	k.submitted = 1;
	ck_assert_int_eq(wl_next_step(&k, "2027-06-16"), WL_REVIEW_ADVICE);
}
END_TEST

START_TEST(test_next_step_none_once_ended_or_final)
{
	struct wl_case	k = fresh();

	k.assess = "no";
	ck_assert_int_eq(wl_next_step(&k, "2027-03-01"), WL_NONE);
	k = fresh();
	k.assess = "yes";
	k.plan = "no";
	ck_assert_int_eq(wl_next_step(&k, "2027-05-01"), WL_NONE);
	k = fresh();
	k.closed = 1;
	ck_assert_int_eq(wl_next_step(&k, "2027-02-01"), WL_NONE);
	k = fresh();
	k.assess = k.plan = "yes";
	k.draft_on = "2027-05-01";
	k.final_on = "2027-06-11";
	ck_assert_int_eq(wl_next_step(&k, "2027-06-20"), WL_NONE);
	ck_assert_int_eq(wl_step_ready(WL_NONE), 0);
}
END_TEST

/* today → class and days, against due Friday 5 March 2027. */
static const struct {
	const char	*today;
	int		 cls;
	long		 days;
} dues[] = {
	{ "2027-03-06", WL_OVERDUE, 1 },
	{ "2027-04-05", WL_OVERDUE, 31 },
	{ "2027-03-05", WL_DUE_SOON, 0 },	/* due today */
	{ "2027-02-19", WL_DUE_SOON, 14 },	/* two weeks ahead */
	{ "2027-02-18", WL_LATER, 15 },
	{ "2026-12-31", WL_LATER, 64 },
};

START_TEST(test_due_class_table)
{
	long	days;

	ck_assert_int_eq(wl_due_class("2027-03-05", dues[_i].today, &days),
	    dues[_i].cls);
	ck_assert_int_eq(days, dues[_i].days);
}
END_TEST

START_TEST(test_due_class_refuses_bad_dates)
{
	long	days;

	ck_assert_int_eq(wl_due_class("2027-02-30", "2027-03-01", &days), -1);
	ck_assert_int_eq(wl_due_class("2027-03-05", "", &days), -1);
	ck_assert_int_eq(wl_due_class(NULL, "2027-03-01", &days), -1);
}
END_TEST

START_TEST(test_deadlines_until_met)
{
	struct wl_case		k = fresh();
	struct wl_deadline	d[WD__MAX];

	ck_assert_int_eq(wl_deadlines(&k, d), 3);
	ck_assert_int_eq(d[0].kind, WD_DECISION);
	ck_assert_str_eq(d[0].due, "2027-03-05");
	ck_assert_int_eq(d[1].kind, WD_PLAN_DECISION);
	ck_assert_str_eq(d[1].due, "2027-05-14");
	ck_assert_int_eq(d[2].kind, WD_FINAL);
	ck_assert_str_eq(d[2].due, "2027-06-11");
	k.assess = "yes";
	ck_assert_int_eq(wl_deadlines(&k, d), 2);
	ck_assert_int_eq(d[0].kind, WD_PLAN_DECISION);
	k.plan = "yes";
	ck_assert_int_eq(wl_deadlines(&k, d), 1);
	ck_assert_int_eq(d[0].kind, WD_FINAL);
	ck_assert_str_eq(wl_deadline_label(WD_FINAL), "Final plan");
	k.final_on = "2027-06-01";
	ck_assert_int_eq(wl_deadlines(&k, d), 0);
	k = fresh();
	k.assess = "no";
	ck_assert_int_eq(wl_deadlines(&k, d), 0);
	k = fresh();
	k.received = "2027-13-01";
	ck_assert_int_eq(wl_deadlines(&k, d), -1);
}
END_TEST

START_TEST(test_timing_words)
{
	char	t[80];

	tl_timing("2027-03-05", "2027-03-03", t, sizeof(t));
	ck_assert_str_eq(t, " \u2014 2 days before the deadline");
	tl_timing("2027-03-05", "2027-03-04", t, sizeof(t));
	ck_assert_str_eq(t, " \u2014 1 day before the deadline");
	tl_timing("2027-03-05", "2027-03-05", t, sizeof(t));
	ck_assert_str_eq(t, " \u2014 on the day of the deadline");
	tl_timing("2027-03-05", "2027-03-15", t, sizeof(t));
	ck_assert_str_eq(t, " \u2014 10 days after the deadline");
	tl_timing("2027-03-05", "nonsense", t, sizeof(t));
	ck_assert_str_eq(t, "");
}
END_TEST

START_TEST(test_timeline_received_and_decision)
{
	struct tl_entry	e;

	tl_received(RECEIVED, &e);
	ck_assert_int_eq(e.state, TL_DONE);
	ck_assert_str_eq(e.text, "We received the request for an education, "
	    "health and care needs assessment on 22 January 2027.");
	tl_decision(RECEIVED, "yes", "2027-03-03", "2027-03-10", &e);
	ck_assert_int_eq(e.state, TL_DONE);
	ck_assert_str_eq(e.text, "We decided to carry out an assessment on "
	    "3 March 2027 \u2014 2 days before the deadline.");
	ck_assert_str_eq(e.due, "Due by Friday 5 March 2027");
	ck_assert_str_eq(e.timing, "On time");
	ck_assert_int_eq(e.late, 0);
	ck_assert_str_eq(e.late_since, "");
	tl_decision(RECEIVED, "no", "2027-03-08", "2027-03-10", &e);
	ck_assert_str_eq(e.text, "We decided not to carry out an assessment "
	    "on 8 March 2027 \u2014 3 days after the deadline.");
	ck_assert_str_eq(e.timing, "3 days late");
	ck_assert_int_eq(e.late, 1);
	ck_assert_str_eq(e.late_since, "2027-03-08");
	tl_decision(RECEIVED, "", "", "2027-03-05", &e);
	ck_assert_int_eq(e.state, TL_DUE);
	ck_assert_str_eq(e.due, "Due by Friday 5 March 2027");
	tl_decision(RECEIVED, "", "", "2027-03-07", &e);
	ck_assert_int_eq(e.state, TL_LATE);
	ck_assert_str_eq(e.due, "Due by Friday 5 March 2027: 2 days late");
}
END_TEST

START_TEST(test_timeline_advice)
{
	struct tl_entry	e;

	tl_advice("Psychological advice", "Demoshire EP Service", "2027-03-08",
	    "2027-04-19", "2027-04-21", 0, "2027-05-01", &e);
	ck_assert_int_eq(e.state, TL_DONE);
	ck_assert_str_eq(e.title, "Psychological advice from Demoshire EP Service");
	ck_assert_str_eq(e.text, "We asked for this advice on 8 March 2027. "
	    "It arrived on 21 April 2027 \u2014 2 days after the deadline.");
	tl_advice("Medical advice", "Demoshire NHS", "2027-03-08", "2027-04-19",
	    "", 0, "2027-04-19", &e);
	ck_assert_int_eq(e.state, TL_DUE);
	ck_assert_str_eq(e.text, "We asked for this advice on 8 March 2027. "
	    "It has not arrived yet.");
	ck_assert_str_eq(e.due, "Due by Monday 19 April 2027");
	tl_advice("Medical advice", "Demoshire NHS", "2027-03-08", "2027-04-19",
	    "", 0, "2027-04-22", &e);
	ck_assert_int_eq(e.state, TL_LATE);
	ck_assert_str_eq(e.due, "Due by Monday 19 April 2027: 3 days late");
	tl_advice("Medical advice", "Demoshire NHS", "2027-03-08", "2027-04-19",
	    "", 1, "2027-04-22", &e);
	ck_assert_int_eq(e.state, TL_NOT_NEEDED);
	tl_advice_status("declined", &e);
	ck_assert_str_eq(e.text, "We asked for this advice on 8 March 2027. "
	    "It is no longer expected from this service.");
}
END_TEST

START_TEST(test_timeline_advice_status_and_explanation)
{
	struct tl_entry	e;

	tl_advice("Medical advice", "Demoshire NHS", "2027-03-08", "2027-04-19",
	    "", 0, "2027-04-19", &e);
	tl_advice_status("draft", &e);
	tl_advice_explain(&e);
	ck_assert_str_eq(e.text, "We asked for this advice on 8 March 2027. "
	    "It has not arrived yet. It is being written. Each adviser has 6 "
	    "weeks to give it, and you can read it here once the council has "
	    "accepted it.");
	tl_advice("Medical advice", "Demoshire NHS", "2027-03-08", "2027-04-19",
	    "2027-04-10", 0, "2027-04-19", &e);
	tl_advice_status("submitted", &e);
	ck_assert_str_eq(e.text, "We asked for this advice on 8 March 2027. "
	    "It arrived on 10 April 2027 \u2014 9 days before the deadline. "
	    "The council is reading it: you can read it here once the council "
	    "has accepted it.");
	tl_advice("Medical advice", "Demoshire NHS", "2027-03-08", "2027-04-19",
	    "2027-04-10", 0, "2027-04-19", &e);
	tl_advice_status("accepted", &e);	/* the page links it */
	ck_assert_str_eq(e.text, "We asked for this advice on 8 March 2027. "
	    "It arrived on 10 April 2027 \u2014 9 days before the deadline.");
	tl_advice("Medical advice", "Demoshire NHS", "2027-03-08", "2027-04-19",
	    "", 0, "2027-04-22", &e);
	ck_assert_int_eq(e.late, 1);
	ck_assert_str_eq(e.late_since, "2027-04-22");
}
END_TEST

START_TEST(test_timeline_plan_decision)
{
	struct tl_entry	e;

	/* Received 22 January 2027: no plan due 14 May 2027 (16 weeks). */
	tl_plan_decision(RECEIVED, "", "", "", 0, &e);
	ck_assert_int_eq(e.state, TL_DUE);
	ck_assert_str_eq(e.text, "When the advice is in, we decide whether to "
	    "write a plan. If we decide not to write a plan, we tell you by "
	    "Friday 14 May 2027 and explain why.");
	ck_assert_str_eq(e.due, "");
	tl_plan_decision(RECEIVED, "yes", "2027-05-20", "", 0, &e);
	ck_assert_int_eq(e.state, TL_DONE);
	ck_assert_str_eq(e.text, "We decided to write a plan on 20 May 2027.");
	ck_assert_str_eq(e.timing, "");	/* the final plan's limit is a yes's */
	tl_plan_decision(RECEIVED, "no", "2027-05-20", "", 1, &e);
	ck_assert_str_eq(e.text, "We decided not to write a plan on 20 May "
	    "2027 \u2014 6 days after the deadline.");
	ck_assert_str_eq(e.timing, "6 days late");
	ck_assert_int_eq(e.late, 1);
	tl_plan_decision(RECEIVED, "no", "2027-05-14", "", 1, &e);
	ck_assert_str_eq(e.timing, "On time");
	tl_plan_decision(RECEIVED, "", "", "", 1, &e);
	ck_assert_int_eq(e.state, TL_NOT_NEEDED);
	/* A draft served says a plan is being written, recorded or not. */
	tl_plan_decision(RECEIVED, "", "", "2027-05-20", 0, &e);
	ck_assert_int_eq(e.state, TL_DONE);
	ck_assert_str_eq(e.text, "We decided to write a plan.");
	ck_assert_str_eq(e.timing, "");
}
END_TEST

START_TEST(test_timeline_draft_comments_final)
{
	struct tl_entry	e;

	tl_draft("", 0, &e);
	ck_assert_int_eq(e.state, TL_DUE);
	/* The final plan's date is said once, on its own step. */
	ck_assert_str_eq(e.text, "If we decide to write a plan, we send you a "
	    "draft first, before the final plan.");
	ck_assert_str_eq(e.due, "");
	tl_draft("2027-06-01", 0, &e);
	ck_assert_str_eq(e.text, "We sent you the draft plan on 1 June 2027.");
	tl_draft("", 1, &e);
	ck_assert_int_eq(e.state, TL_NOT_NEEDED);

	tl_comments("2027-06-01", 0, "2027-06-15", &e);
	ck_assert_int_eq(e.state, TL_DUE);
	ck_assert_str_eq(e.text, "You can comment on the draft until Tuesday "
	    "15 June 2027: 15 days, beginning with the day we sent it.");
	tl_comments("2027-06-01", 0, "2027-06-16", &e);
	ck_assert_int_eq(e.state, TL_DONE);
	ck_assert_str_eq(e.text, "Your 15 days to comment ended on Tuesday "
	    "15 June 2027.");
	tl_comments("", 0, "2027-06-16", &e);
	ck_assert_int_eq(e.state, TL_DUE);
	ck_assert_str_eq(e.text, "You will have at least 15 days to comment on "
	    "the draft and to ask for a school or college to be named, "
	    "beginning with the day we send it.");
	tl_comments("", 1, "2027-06-16", &e);
	ck_assert_int_eq(e.state, TL_NOT_NEEDED);

	tl_final(RECEIVED, "2027-06-11", 0, "2027-07-01", &e);
	ck_assert_int_eq(e.state, TL_DONE);
	ck_assert_str_eq(e.text, "We issued the final plan on 11 June 2027, "
	    "within 20 weeks of the request.");
	ck_assert_str_eq(e.timing, "On time");
	ck_assert_int_eq(e.late, 0);
	tl_final(RECEIVED, "2027-06-14", 0, "2027-07-01", &e);
	ck_assert_str_eq(e.text, "We issued the final plan on 14 June 2027, "
	    "3 days after the deadline.");
	ck_assert_str_eq(e.timing, "3 days late");
	ck_assert_int_eq(e.late, 1);
	ck_assert_str_eq(e.late_since, "2027-06-14");
	tl_final(RECEIVED, "", 0, "2027-06-11", &e);
	ck_assert_int_eq(e.state, TL_DUE);
	ck_assert_str_eq(e.due, "Due by Friday 11 June 2027");
	tl_final(RECEIVED, "", 0, "2027-06-12", &e);
	ck_assert_int_eq(e.state, TL_LATE);
	ck_assert_int_eq(e.late, 1);
	ck_assert_str_eq(e.late_since, "2027-06-12");
	ck_assert_str_eq(e.timing, "");
	ck_assert_str_eq(e.due, "Due by Friday 11 June 2027: 1 day late");
	tl_final(RECEIVED, "", 1, "2027-06-12", &e);
	ck_assert_int_eq(e.state, TL_NOT_NEEDED);
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("worklist");
	TCase	*tc = tcase_create("rules");

	tcase_add_test(tc, test_next_step_decide_assess_first);
	tcase_add_test(tc, test_next_step_through_the_advice);
	tcase_add_test(tc, test_next_step_through_the_plan);
	tcase_add_test(tc, test_next_step_none_once_ended_or_final);
	tcase_add_loop_test(tc, test_due_class_table, 0,
	    (int)(sizeof(dues) / sizeof(dues[0])));
	tcase_add_test(tc, test_due_class_refuses_bad_dates);
	tcase_add_test(tc, test_deadlines_until_met);
	tcase_add_test(tc, test_timing_words);
	tcase_add_test(tc, test_timeline_received_and_decision);
	tcase_add_test(tc, test_timeline_advice);
	tcase_add_test(tc, test_timeline_draft_comments_final);
	tcase_add_test(tc, test_timeline_advice_status_and_explanation);
	tcase_add_test(tc, test_timeline_plan_decision);
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
