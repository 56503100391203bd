/*
 * Long advice templates as a task list (tasks.h) and the GOV.UK date
 * input of advice fields (advice.h): which templates are task lists and
 * their tasks, each task's status from the saved answers, a task's save
 * replacing only its own answers, and dates read from day, month and year.
 * Runs from the repository root (the real templates/advice folder).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "advice.h"
#include "form.h"
#include "tasks.h"
#include "template.h"

static struct tpl_set	set;

static void
load(void)
{
	char	err[512];

	ck_assert_msg(tpl_set_load(&set, "templates/advice",
	    "templates/advice/template.rng", err, sizeof(err)) == 0, "%s", err);
}

static void
unload(void)
{
	tpl_set_free(&set);
}

static const struct tpl *
latest(const char *kind)
{
	const struct tpl	*t = tpl_for_kind(&set, kind);

	ck_assert_ptr_nonnull(t);
	return t;
}

static struct form *
parse(const char *body)
{
	struct form	*f = NULL;

	ck_assert_int_eq(form_parse_urlencoded(&f, body, strlen(body), 100), 0);
	return f;
}

/* Psychological advice: background first, then the four areas in order. */
START_TEST(test_psychological_is_a_task_list)
{
	struct tasks	ts;
	const struct tpl *t = latest("psychological");

	ck_assert_int_eq(tasks_of(t, &ts), 1);
	ck_assert_uint_eq(ts.n, 5);
	ck_assert_str_eq(ts.t[0].title, "Background and views");
	ck_assert_str_eq(ts.t[0].area, "general");
	ck_assert_str_eq(ts.t[1].area, "communication_interaction");
	ck_assert_str_eq(ts.t[2].area, "cognition_learning");
	ck_assert_str_eq(ts.t[3].area, "semh");
	ck_assert_str_eq(ts.t[4].area, "sensory_physical");
	ck_assert_str_eq(ts.t[1].title, "Communication and interaction");
	ck_assert_ptr_eq(tasks_get(&ts, 1), &ts.t[0]);
	ck_assert_ptr_null(tasks_get(&ts, 0));
	ck_assert_ptr_null(tasks_get(&ts, 6));
	/* The summary, last in the template, belongs to the background task. */
	ck_assert_uint_eq(tasks_of_field(t, &ts, "summary"), 1);
	ck_assert_uint_eq(tasks_of_field(t, &ts, "ci_provision"), 2);
	ck_assert_uint_eq(tasks_of_field(t, &ts, "no_such_field"), 0);
}
END_TEST

/* Templates with fewer than two broad areas of two questions or more stay
 * one page: medical advice has one question on each of two areas. */
START_TEST(test_short_templates_stay_one_page)
{
	static const char *const one_page[] = { "parent", "other", "social_care",
	    "preparing_for_adulthood", "medical" };
	struct tasks	ts;
	size_t		i;

	for (i = 0; i < sizeof(one_page) / sizeof(one_page[0]); i++)
		ck_assert_msg(tasks_of(latest(one_page[i]), &ts) == 0, "%s",
		    one_page[i]);
	ck_assert_int_eq(tasks_of(latest("educational"), &ts), 1);
	ck_assert_uint_eq(ts.n, 5);
}
END_TEST

/* Not started → in progress → completed, per task, from saved answers. */
START_TEST(test_status_follows_the_required_answers)
{
	const struct tpl	*t = latest("psychological");
	struct tasks		 ts;
	struct avals		 v;

	(void)tasks_of(t, &ts);
	avals_init(&v);
	ck_assert_int_eq(task_status(t, &ts.t[1], &v), TASK_NOT_STARTED);
	ck_assert_int_eq(avals_add(&v, "ci_strengths", -1, "", "Chatty"), 0);
	ck_assert_int_eq(task_status(t, &ts.t[1], &v), TASK_IN_PROGRESS);
	ck_assert_int_eq(task_status(t, &ts.t[2], &v), TASK_NOT_STARTED);
	ck_assert_int_eq(avals_add(&v, "ci_needs", -1, "", "Needs"), 0);
	ck_assert_int_eq(task_status(t, &ts.t[1], &v), TASK_COMPLETED);
	/* A provision row with a required cell missing: in progress again. */
	ck_assert_int_eq(avals_add(&v, "ci_provision", 0, "what", "Group"), 0);
	ck_assert_int_eq(task_status(t, &ts.t[1], &v), TASK_IN_PROGRESS);
	ck_assert_str_eq(task_status_label(TASK_IN_PROGRESS), "In progress");
	ck_assert_str_eq(task_status_label(TASK_COMPLETED), "Completed");
	ck_assert_str_eq(task_status_label(TASK_NOT_STARTED), "Not started");
	avals_free(&v);
}
END_TEST

/* A task's save replaces its own answers and keeps every other task's. */
START_TEST(test_merge_replaces_only_the_task)
{
	const struct tpl	*t = latest("psychological");
	struct tasks		 ts;
	struct avals		 base, posted, out;

	(void)tasks_of(t, &ts);
	avals_init(&base);
	avals_init(&posted);
	avals_init(&out);
	ck_assert_int_eq(avals_add(&base, "background", -1, "", "Old background"), 0);
	ck_assert_int_eq(avals_add(&base, "ci_needs", -1, "", "Old needs"), 0);
	ck_assert_int_eq(avals_add(&base, "ci_strengths", -1, "", "Cleared"), 0);
	ck_assert_int_eq(avals_add(&posted, "ci_needs", -1, "", "New needs"), 0);
	/* Another task's field in the post is ignored. */
	ck_assert_int_eq(avals_add(&posted, "background", -1, "", "Smuggled"), 0);
	ck_assert_int_eq(tasks_merge(t, &ts.t[1], &base, &posted, &out), 0);
	ck_assert_str_eq(avals_get(&out, "background", -1, ""), "Old background");
	ck_assert_str_eq(avals_get(&out, "ci_needs", -1, ""), "New needs");
	ck_assert_ptr_null(avals_get(&out, "ci_strengths", -1, ""));
	ck_assert_uint_eq(out.n, 2);
	avals_free(&base);
	avals_free(&posted);
	avals_free(&out);
}
END_TEST

/* Dates come as day, month and year; stored as YYYY-MM-DD. */
static const struct {
	const char	*body;
	const char	*stored;	/* NULL: no value */
	int		 refused;
} dates[] = {
	{ "f.date_seen-day=3&f.date_seen-month=2&f.date_seen-year=2026", "2026-02-03", 0 },
	{ "f.date_seen-day=29&f.date_seen-month=2&f.date_seen-year=2028", "2028-02-29", 0 },
	{ "f.date_seen-day=31&f.date_seen-month=2&f.date_seen-year=2026", NULL, 1 },
	{ "f.date_seen-day=29&f.date_seen-month=2&f.date_seen-year=2026", NULL, 1 },
	{ "f.date_seen-day=&f.date_seen-month=2&f.date_seen-year=2026", NULL, 1 },
	{ "f.date_seen-day=1&f.date_seen-month=1&f.date_seen-year=26", NULL, 1 },
	{ "f.date_seen-day=x&f.date_seen-month=1&f.date_seen-year=2026", NULL, 1 },
	{ "f.date_seen-day=&f.date_seen-month=&f.date_seen-year=", NULL, 0 },
	{ "f.date_seen=2026-02-03", NULL, 0 },	/* the old single input: not read */
};

START_TEST(test_dates_from_three_inputs)
{
	const struct tpl	*t = latest("psychological");
	struct form		*f = parse(dates[_i].body);
	struct avals		 v;
	struct errs		 e;
	const char		*got;

	avals_init(&v);
	e.n = 0;
	ck_assert_int_eq(avals_from_form(t, f, &v, &e), 0);
	got = avals_get(&v, "date_seen", -1, "");
	if (dates[_i].stored == NULL)
		ck_assert_ptr_null(got);
	else
		ck_assert_str_eq(got, dates[_i].stored);
	ck_assert_uint_eq(e.n, (size_t)dates[_i].refused);
	if (dates[_i].refused) {
		ck_assert_str_eq(e.e[0].field, "f.date_seen");
		ck_assert_str_eq(e.e[0].message, "Date you last saw the child or "
		    "young person must be a real date, for example 27 3 2026");
	}
	avals_free(&v);
	form_free(f);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("tasks");
	TCase	*tc = tcase_create("tasks");
	SRunner	*sr;
	int	 failed;

	tcase_add_checked_fixture(tc, load, unload);
	tcase_add_test(tc, test_psychological_is_a_task_list);
	tcase_add_test(tc, test_short_templates_stay_one_page);
	tcase_add_test(tc, test_status_follows_the_required_answers);
	tcase_add_test(tc, test_merge_replaces_only_the_task);
	tcase_add_loop_test(tc, test_dates_from_three_inputs, 0,
	    sizeof(dates) / sizeof(dates[0]));
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
