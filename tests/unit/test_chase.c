/* The chase schedule: parsing (and refusing), which step is due when. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chase.h"
#include "clock.h"
#include "plan_dates.h"

/* The default schedule of issue 4, as shipped in conf/chase.conf. */
static const char schedule[] =
    "# comment line\n"
    "catch_up 2\n"
    "horizon 365\n"
    "advice\t-42\tprofessional\tadvice_notice\n"
    "advice -14 professional advice_reminder_14   # trailing comment\n"
    "advice -7 professional advice_reminder_7\n"
    "advice 0 professional advice_due_today\n"
    "advice +1 professional,service_lead advice_overdue\n"
    "advice +7 service_lead,caseworker advice_escalation\n"
    "advice +14/7 professional,service_lead,caseworker advice_weekly\n"
    "draft_comment +0 parent comment_due\n";

static struct chase_schedule	cs;

static void
setup(void)
{
	char	err[256];

	ck_assert_msg(chase_parse(&cs, schedule, strlen(schedule), err,
	    sizeof(err)) == 0, "%s", err);
}

static void
teardown(void)
{
	chase_free(&cs);
}

/* The step name due on today for advice due on due ("" for none). */
static const char *
due_step(const char *due, const char *today, char step_on[DATE_LEN])
{
	const struct chase_step	*st;
	long			 day;

	st = chase_due(&cs, "advice", date_day(due), date_day(today), &day);
	if (st == NULL)
		return ("");
	date_of_day(day, step_on);
	return (st->name);
}

START_TEST(test_parse_default)
{
	ck_assert_uint_eq(cs.nsteps, 8);
	ck_assert_int_eq(cs.catch_up, 2);
	ck_assert_int_eq(cs.horizon, 365);
	ck_assert_str_eq(cs.steps[0].name, "advice_notice");
	ck_assert_int_eq(cs.steps[0].offset, -42);
	ck_assert_int_eq(cs.steps[4].offset, 1);
	ck_assert_uint_eq(cs.steps[4].recipients,
	    CHASE_BIT(CHASE_PROFESSIONAL) | CHASE_BIT(CHASE_SERVICE_LEAD));
	ck_assert_uint_eq(cs.steps[5].recipients,
	    CHASE_BIT(CHASE_SERVICE_LEAD) | CHASE_BIT(CHASE_CASEWORKER));
	ck_assert_int_eq(cs.steps[6].offset, 14);
	ck_assert_int_eq(cs.steps[6].every, 7);
	ck_assert_int_eq(cs.steps[6].line, 10);
	ck_assert_str_eq(cs.steps[7].target, "draft_comment");
}
END_TEST

/* Each line must be refused, with its line number. */
static const struct {
	const char	*text;
	const char	*err;
} rejects[] = {
	{ "advice -14 professional\n", "line 1: expected" },
	{ "advice -14 professional a b\n", "line 1: expected" },
	{ "# only\n\n", "no steps" },
	{ "plan -14 professional x\n", "unknown target" },
	{ "advice fourteen professional x\n", "offset" },
	{ "advice -14x professional x\n", "offset" },
	{ "advice -400 professional x\n", "offset" },
	{ "advice +14/0 professional x\n", "offset" },
	{ "advice +14/-7 professional x\n", "offset" },
	{ "advice +14/ professional x\n", "offset" },
	{ "advice /7 professional x\n", "offset" },
	{ "advice -14 headteacher x\n", "recipients" },
	{ "advice -14 professional,professional x\n", "recipients" },
	{ "advice -14 professional, x\n", "recipients" },
	{ "advice -14 ,professional x\n", "recipients" },
	{ "advice -14 professional,,caseworker x\n", "recipients" },
	{ "advice -14 professional Reminder\n", "step name" },
	{ "advice -14 professional ../../etc/passwd\n", "step name" },
	{ "advice -14 professional a_name_that_is_far_too_long_for_a_step\n", "step name" },
	{ "advice -14 professional x\nadvice -7 professional x\n", "line 2: step x is listed twice" },
	{ "advice -14 professional x\nadvice -14 caseworker y\n", "line 2: advice already has a step on day -14" },
	{ "catch_up 31\nadvice -14 professional x\n", "line 1: catch_up" },
	{ "catch_up -1\nadvice -14 professional x\n", "line 1: catch_up" },
	{ "horizon 0\nadvice -14 professional x\n", "line 1: horizon" },
	{ "advice -14 professional x\n\n\nadvice\n", "line 4: expected" },
	/* Each target goes only to the people the pass can find for it. */
	{ "draft_comment -5 professional x\n", "line 1: draft_comment is not chased to professional" },
	{ "draft_comment 0 parent,service_lead x\n", "line 1: draft_comment is not chased to service_lead" },
	{ "consultation 0 parent x\n", "line 1: consultation is not chased to parent" },
	{ "advice 0 school_responder x\n", "line 1: advice is not chased to school_responder" },
	{ "advice 0 caseworker,parent x\n", "line 1: advice is not chased to parent" },
};

START_TEST(test_parse_rejects)
{
	struct chase_schedule	 bad;
	char			 err[256];

	err[0] = '\0';
	ck_assert_int_eq(chase_parse(&bad, rejects[_i].text,
	    strlen(rejects[_i].text), err, sizeof(err)), -1);
	ck_assert_msg(strstr(err, rejects[_i].err) != NULL,
	    "case %d: \"%s\" lacks \"%s\"", _i, err, rejects[_i].err);
	ck_assert_ptr_null(bad.steps);
	ck_assert_uint_eq(bad.nsteps, 0);
}
END_TEST

START_TEST(test_parse_refuses_nul_and_long_lines)
{
	struct chase_schedule	 bad;
	char			 err[256], big[700];

	ck_assert_int_eq(chase_parse(&bad, "advice 0 professional x\0y\n", 26,
	    err, sizeof(err)), -1);
	memset(big, 'a', sizeof(big));
	ck_assert_int_eq(chase_parse(&bad, big, sizeof(big), err, sizeof(err)), -1);
	ck_assert_str_eq(err, "line 1: too long or not text");
}
END_TEST

/* A request due on 2026-03-16 (requested 2026-02-02), chased day by day. */
static const struct {
	const char	*today;
	const char	*step;
	const char	*step_on;
} days[] = {
	{ "2026-02-02", "advice_notice", "2026-02-02" },	/* requested */
	{ "2026-02-04", "advice_notice", "2026-02-02" },	/* caught up 2 days late */
	{ "2026-02-05", "", NULL },				/* too late: not sent */
	{ "2026-03-01", "", NULL },				/* due − 15 */
	{ "2026-03-02", "advice_reminder_14", "2026-03-02" },
	{ "2026-03-09", "advice_reminder_7", "2026-03-09" },
	{ "2026-03-10", "advice_reminder_7", "2026-03-09" },
	{ "2026-03-15", "", NULL },
	{ "2026-03-16", "advice_due_today", "2026-03-16" },
	{ "2026-03-17", "advice_overdue", "2026-03-17" },	/* supersedes due today */
	{ "2026-03-20", "", NULL },
	{ "2026-03-23", "advice_escalation", "2026-03-23" },	/* 7 days overdue */
	{ "2026-03-30", "advice_weekly", "2026-03-30" },	/* 14 days overdue */
	{ "2026-03-31", "advice_weekly", "2026-03-30" },
	{ "2026-04-02", "", NULL },
	{ "2026-04-06", "advice_weekly", "2026-04-06" },	/* and weekly after */
	{ "2026-04-13", "advice_weekly", "2026-04-13" },
	{ "2027-03-15", "advice_weekly", "2027-03-15" },	/* day 364: still */
	{ "2027-03-22", "", NULL },				/* day 371 > horizon */
	{ "2026-01-01", "", NULL },				/* before the request */
};

START_TEST(test_due_day_by_day)
{
	char		 step_on[DATE_LEN];
	const char	*name;

	name = due_step("2026-03-16", days[_i].today, step_on);
	ck_assert_msg(strcmp(name, days[_i].step) == 0, "%s: got %s, want %s",
	    days[_i].today, name, days[_i].step);
	if (days[_i].step_on != NULL)
		ck_assert_str_eq(step_on, days[_i].step_on);
}
END_TEST

START_TEST(test_due_across_year_end_and_leap_day)
{
	char	step_on[DATE_LEN];

	/* Due 2028-03-07: reminder 14 days before falls on the leap day. */
	ck_assert_str_eq(due_step("2028-03-07", "2028-02-22", step_on),
	    "advice_reminder_14");
	ck_assert_str_eq(due_step("2028-03-07", "2028-02-29", step_on),
	    "advice_reminder_7");
	ck_assert_str_eq(step_on, "2028-02-29");
	/* Due 2026-12-28: one day overdue crosses nothing, 7 days crosses the year. */
	ck_assert_str_eq(due_step("2026-12-28", "2027-01-04", step_on),
	    "advice_escalation");
	ck_assert_str_eq(step_on, "2027-01-04");
}
END_TEST

START_TEST(test_catch_up_zero)
{
	struct chase_schedule	 strict;
	const char		 text[] = "catch_up 0\nadvice -14 professional r\n";
	char			 err[128];
	long			 day;

	ck_assert_int_eq(chase_parse(&strict, text, strlen(text), err,
	    sizeof(err)), 0);
	ck_assert_ptr_nonnull(chase_due(&strict, "advice", 100, 86, &day));
	ck_assert_ptr_null(chase_due(&strict, "advice", 100, 87, &day));
	ck_assert_ptr_null(chase_due(&strict, "consultation", 100, 86, &day));
	chase_free(&strict);
}
END_TEST

/* The probes of one day are exactly the due dates chase_due answers for. */
START_TEST(test_probes_match_due)
{
	struct chase_probe	 probes[512];
	long			 today = date_day("2026-06-10"), n, i, due, day;
	long			 found;

	n = chase_probes(&cs, "advice", today, probes, 512);
	ck_assert_int_gt(n, 10);
	for (i = 0; i < n; i++) {
		ck_assert_ptr_eq(chase_due(&cs, "advice", probes[i].due_day,
		    today, &day), probes[i].step);
		ck_assert_int_eq(day, probes[i].step_day);
	}
	found = 0;
	for (due = today - 800; due <= today + 800; due++)
		if (chase_due(&cs, "advice", due, today, &day) != NULL)
			found++;
	ck_assert_int_eq(found, n);
	/* Weekly for a year, 3 days of catch-up each: about 7 + 51 steps × 3. */
	ck_assert_int_lt(n, 200);
	ck_assert_int_eq(chase_probes(&cs, "advice", today, probes, 5), -1);
}
END_TEST

START_TEST(test_open_statuses)
{
	ck_assert_int_eq(chase_status_open("requested"), 1);
	ck_assert_int_eq(chase_status_open("allocated"), 1);
	ck_assert_int_eq(chase_status_open("draft"), 1);
	ck_assert_int_eq(chase_status_open("returned"), 1);
	ck_assert_int_eq(chase_status_open("submitted"), 0);
	ck_assert_int_eq(chase_status_open("accepted"), 0);
	ck_assert_int_eq(chase_status_open("declined"), 0);
	ck_assert_int_eq(chase_status_open("withdrawn"), 0);
	ck_assert_int_eq(chase_status_open(NULL), 0);
	ck_assert_str_eq(chase_recipient_name(CHASE_SERVICE_LEAD), "service_lead");
}
END_TEST

START_TEST(test_mail_parse)
{
	char	*subject, *body, err[128];

	ck_assert_int_eq(chase_mail_parse("Subject: Advice for {{reference}}\n\n"
	    "See {{link}} by {{due_on}}.\n", &subject, &body, err, sizeof(err)), 0);
	ck_assert_str_eq(subject, "Advice for {{reference}}");
	ck_assert_str_eq(body, "See {{link}} by {{due_on}}.\n");
	free(subject);
	free(body);
	ck_assert_int_eq(chase_mail_parse("Subject: x\n\nDear {{child}}\n",
	    &subject, &body, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "unknown placeholder {{child}}");
	ck_assert_ptr_null(subject);
	ck_assert_int_eq(chase_mail_parse("Subject: x\nBody\n", &subject, &body,
	    err, sizeof(err)), -1);
	ck_assert_int_eq(chase_mail_parse("Hello\n\nBody\n", &subject, &body,
	    err, sizeof(err)), -1);
	ck_assert_int_eq(chase_mail_parse("Subject: \n\nBody\n", &subject, &body,
	    err, sizeof(err)), -1);
	ck_assert_int_eq(chase_mail_parse("Subject: a {{link\n\nBody\n", &subject,
	    &body, err, sizeof(err)), -1);
}
END_TEST

/* The shipped schedule loads, and every step has a valid mail template. */
START_TEST(test_shipped_configuration)
{
	struct chase_schedule	 shipped;
	char			 err[256], path[128], *subject, *body, text[4096];
	size_t			 i, n;
	FILE			*fp;

	ck_assert_msg(chase_load(&shipped, "conf/chase.conf", err,
	    sizeof(err)) == 0, "%s", err);
	for (i = 0; i < shipped.nsteps; i++) {
		(void)snprintf(path, sizeof(path), "templates/mail/%s.txt",
		    shipped.steps[i].name);
		ck_assert_msg((fp = fopen(path, "r")) != NULL, "no %s", path);
		n = fread(text, 1, sizeof(text) - 1, fp);
		text[n] = '\0';
		fclose(fp);
		ck_assert_msg(chase_mail_parse(text, &subject, &body, err,
		    sizeof(err)) == 0, "%s: %s", path, err);
		free(subject);
		free(body);
	}
	chase_free(&shipped);
	ck_assert_int_eq(chase_load(&shipped, "conf/no-such.conf", err,
	    sizeof(err)), -1);
}
END_TEST

/* The step of target due on today for a target due on due, in the
 * shipped schedule ("" for none); its day in step_on, its recipients. */
static const char *
shipped_step(const struct chase_schedule *sh, const char *target,
    const char *due, const char *today, char step_on[DATE_LEN],
    unsigned int *recipients)
{
	const struct chase_step	*st;
	long			 day;

	if ((st = chase_due(sh, target, date_day(due), date_day(today),
	    &day)) == NULL)
		return ("");
	date_of_day(day, step_on);
	*recipients = st->recipients;
	return (st->name);
}

/*
 * A draft served on 1 June: its window is 1–15 June (day 1 is the day
 * served), so "day 10" is 10 June, five days before the last day. The
 * parent is reminded on 10 June and on 15 June, and on no other day
 * (but a pass missed on either day catches up, like advice).
 */
START_TEST(test_shipped_draft_comment_day10)
{
	struct chase_schedule	 sh;
	struct comment_window	 w;
	char			 err[256], on[DATE_LEN];
	unsigned int		 who = 0;
	const char		*due;
	static const struct {
		const char	*today;
		const char	*step;
		const char	*step_on;
	} d[] = {
		{ "2026-06-01", "", NULL },
		{ "2026-06-09", "", NULL },
		{ "2026-06-10", "draft_comment_day10", "2026-06-10" },
		{ "2026-06-12", "draft_comment_day10", "2026-06-10" },
		{ "2026-06-13", "", NULL },
		{ "2026-06-14", "", NULL },
		{ "2026-06-15", "draft_comment_last_day", "2026-06-15" },
		{ "2026-06-17", "draft_comment_last_day", "2026-06-15" },
		{ "2026-06-18", "", NULL },
		{ "2026-07-15", "", NULL },
	};
	size_t			 i;

	ck_assert_msg(chase_load(&sh, "conf/chase.conf", err, sizeof(err)) == 0,
	    "%s", err);
	ck_assert_int_eq(comment_window("2026-06-01", &w), 0);
	ck_assert_str_eq(w.last_day, "2026-06-15");
	ck_assert_str_eq(w.reminder, "2026-06-10");
	ck_assert_int_eq(COMMENT_REMINDER_OFFSET, -5);
	/* comments_due (db/015_plan.sql) is the last day: offsets count from it. */
	due = w.last_day;
	for (i = 0; i < sizeof(d) / sizeof(d[0]); i++) {
		ck_assert_msg(strcmp(shipped_step(&sh, "draft_comment", due,
		    d[i].today, on, &who), d[i].step) == 0, "%s: want %s, got %s",
		    d[i].today, d[i].step, shipped_step(&sh, "draft_comment",
		    due, d[i].today, on, &who));
		if (d[i].step_on == NULL)
			continue;
		ck_assert_str_eq(on, d[i].step_on);
		ck_assert_uint_eq(who, CHASE_BIT(CHASE_PARENT));
	}
	ck_assert_str_eq(shipped_step(&sh, "draft_comment", due, w.reminder, on,
	    &who), "draft_comment_day10");
	ck_assert_str_eq(on, w.reminder);
	/* Day 10 falls on the leap day of 2028: served 20 February. */
	ck_assert_int_eq(comment_window("2028-02-20", &w), 0);
	ck_assert_str_eq(w.reminder, "2028-02-29");
	ck_assert_str_eq(shipped_step(&sh, "draft_comment", w.last_day,
	    "2028-02-29", on, &who), "draft_comment_day10");
	ck_assert_str_eq(on, "2028-02-29");
	/* The draft target never answers for advice and the other way round. */
	ck_assert_str_eq(shipped_step(&sh, "advice", due, "2026-06-10", on,
	    &who), "");
	chase_free(&sh);
}
END_TEST

/* A consultation sent on 1 June is due 16 June: chased like advice. */
START_TEST(test_shipped_consultation)
{
	struct chase_schedule	 sh;
	char			 err[256], on[DATE_LEN], due[DATE_LEN];
	unsigned int		 who = 0;
	const unsigned int	 rs = CHASE_BIT(CHASE_SCHOOL_RESPONDER);
	const unsigned int	 both = rs | CHASE_BIT(CHASE_CASEWORKER);
	static const struct {
		const char	*today;
		const char	*step;
		const char	*step_on;
		int		 caseworker_too;
	} d[] = {
		{ "2026-06-01", "", NULL, 0 },
		{ "2026-06-08", "", NULL, 0 },
		{ "2026-06-09", "consultation_reminder_7", "2026-06-09", 0 },
		{ "2026-06-15", "", NULL, 0 },
		{ "2026-06-16", "consultation_due_today", "2026-06-16", 0 },
		{ "2026-06-17", "consultation_overdue", "2026-06-17", 1 },
		{ "2026-06-20", "", NULL, 0 },
		{ "2026-06-23", "consultation_weekly", "2026-06-23", 1 },
		{ "2026-06-30", "consultation_weekly", "2026-06-30", 1 },
		{ "2026-07-07", "consultation_weekly", "2026-07-07", 1 },
	};
	size_t			 i;

	ck_assert_msg(chase_load(&sh, "conf/chase.conf", err, sizeof(err)) == 0,
	    "%s", err);
	ck_assert_int_eq(consultation_due("2026-06-01", due), 0);
	ck_assert_str_eq(due, "2026-06-16");
	for (i = 0; i < sizeof(d) / sizeof(d[0]); i++) {
		ck_assert_msg(strcmp(shipped_step(&sh, "consultation", due,
		    d[i].today, on, &who), d[i].step) == 0, "%s: want %s",
		    d[i].today, d[i].step);
		if (d[i].step_on == NULL)
			continue;
		ck_assert_str_eq(on, d[i].step_on);
		ck_assert_uint_eq(who, d[i].caseworker_too ? both : rs);
	}
	chase_free(&sh);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("chase");
	TCase	*tc = tcase_create("chase");
	SRunner	*sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_parse_default);
	tcase_add_loop_test(tc, test_parse_rejects, 0,
	    sizeof(rejects) / sizeof(rejects[0]));
	tcase_add_test(tc, test_parse_refuses_nul_and_long_lines);
	tcase_add_loop_test(tc, test_due_day_by_day, 0,
	    sizeof(days) / sizeof(days[0]));
	tcase_add_test(tc, test_due_across_year_end_and_leap_day);
	tcase_add_test(tc, test_catch_up_zero);
	tcase_add_test(tc, test_probes_match_due);
	tcase_add_test(tc, test_open_statuses);
	tcase_add_test(tc, test_mail_parse);
	tcase_add_test(tc, test_shipped_configuration);
	tcase_add_test(tc, test_shipped_draft_comment_day10);
	tcase_add_test(tc, test_shipped_consultation);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? 0 : 1);
}
