/*
 * The portal's fixed lists (vocab.c), one check per table, and that the
 * database's copies in db/010_rules.sql say the same.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "vocab.h"

/* The text of db/010_rules.sql (from the repository's root). */
static char *
migration(void)
{
	static char	 buf[65536];
	FILE		*fp;
	size_t		 n;

	fp = fopen("db/010_rules.sql", "r");
	ck_assert_ptr_nonnull(fp);
	n = fread(buf, 1, sizeof(buf) - 1, fp);
	buf[n] = '\0';
	fclose(fp);
	return (buf);
}

/* The SQL between the first occurrence of start and the next end. */
static char *
between(const char *text, const char *start, const char *end)
{
	static char	 out[4096];
	const char	*a, *b;

	a = strstr(text, start);
	ck_assert_ptr_nonnull(a);
	a += strlen(start);
	b = strstr(a, end);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_lt(b - a, (long)sizeof(out));
	memcpy(out, a, (size_t)(b - a));
	out[b - a] = '\0';
	return (out);
}

START_TEST(test_kinds)
{
	ck_assert_str_eq(vocab_kind_label("psychological"), "Psychological advice");
	ck_assert_str_eq(vocab_kind_label("preparing_for_adulthood"),
	    "Preparing for adulthood advice");
	ck_assert_str_eq(vocab_kind_label("astrological"), "Advice");
	ck_assert_ptr_null(vocab_kind(NULL));
	ck_assert_int_eq(vocab_org_gives_by_default("ep_service", "psychological"), 1);
	ck_assert_int_eq(vocab_org_gives_by_default("nhs_body", "medical"), 1);
	ck_assert_int_eq(vocab_org_gives_by_default("social_care", "social_care"), 1);
	ck_assert_int_eq(vocab_org_gives_by_default("school", "educational"), 1);
	ck_assert_int_eq(vocab_org_gives_by_default("nhs_body", "psychological"), 0);
	ck_assert_int_eq(vocab_org_gives_by_default("school", "medical"), 0);
	ck_assert_int_eq(vocab_org_gives_by_default("local_authority", "parent"), 1);
	/* A word, not a prefix: "school" is not "schoo". */
	ck_assert_int_eq(vocab_org_gives_by_default("schoo", "educational"), 0);
	ck_assert_int_eq(vocab_org_gives_by_default("", "educational"), 0);
}
END_TEST

/* advice_kinds_default() in SQL gives what vocab_kinds[].org_kinds says. */
START_TEST(test_kinds_match_sql)
{
	static const char *const orgs[] = { "local_authority", "ep_service",
	    "nhs_body", "social_care", "school", "other" };
	const char	*sql = migration();
	char		 when[64], *arr;
	size_t		 i, k;

	for (i = 0; i < sizeof(orgs) / sizeof(orgs[0]); i++) {
		(void)snprintf(when, sizeof(when), "WHEN '%s' THEN ARRAY[", orgs[i]);
		arr = between(sql, when, "]");
		for (k = 0; vocab_kinds[k].id != NULL; k++) {
			char	q[64];

			(void)snprintf(q, sizeof(q), "'%s'", vocab_kinds[k].id);
			ck_assert_msg((strstr(arr, q) != NULL) ==
			    vocab_org_gives_by_default(orgs[i], vocab_kinds[k].id),
			    "%s gives %s: SQL and vocab differ", orgs[i], vocab_kinds[k].id);
		}
	}
}
END_TEST

START_TEST(test_statuses)
{
	ck_assert_int_eq(vocab_status_open("requested"), 1);
	ck_assert_int_eq(vocab_status_open("allocated"), 1);
	ck_assert_int_eq(vocab_status_open("draft"), 1);
	ck_assert_int_eq(vocab_status_open("returned"), 1);
	ck_assert_int_eq(vocab_status_open("submitted"), 0);
	ck_assert_int_eq(vocab_status_open("accepted"), 0);
	ck_assert_int_eq(vocab_status_open("declined"), 0);
	ck_assert_int_eq(vocab_status_open("withdrawn"), 0);
	ck_assert_int_eq(vocab_status_open("nonsense"), 0);
	ck_assert_int_eq(vocab_status_open(NULL), 0);
	ck_assert_uint_eq(vocab_nopen(), 4);
	ck_assert_str_eq(vocab_status("returned")->label, "Returned for clarification");
	ck_assert_str_eq(vocab_status("accepted")->colour, "green");
}
END_TEST

/* The open statuses are the same list in SQL (advice_request_open_statuses). */
START_TEST(test_statuses_match_sql)
{
	char	*arr = between(migration(), "advice_request_open_statuses() "
	    "RETURNS text[]", "$$;");
	char	 q[64];
	size_t	 i, n = 0;
	const char *p;

	for (i = 0; vocab_statuses[i].id != NULL; i++) {
		(void)snprintf(q, sizeof(q), "'%s'", vocab_statuses[i].id);
		ck_assert_msg((strstr(arr, q) != NULL) == vocab_statuses[i].open,
		    "%s: SQL and vocab differ", vocab_statuses[i].id);
	}
	for (p = arr; (p = strchr(p, '\'')) != NULL; p++)
		n++;
	ck_assert_uint_eq(n, 2 * vocab_nopen());
}
END_TEST

START_TEST(test_areas)
{
	ck_assert_str_eq(vocab_area_label("communication_interaction"),
	    "Communication and interaction");
	ck_assert_str_eq(vocab_area_label("cognition_learning"), "Cognition and learning");
	ck_assert_str_eq(vocab_area_label("semh"), "Social, emotional and mental health");
	ck_assert_str_eq(vocab_area_label("sensory_physical"), "Sensory and/or physical");
	ck_assert_ptr_null(vocab_area_label("sensory"));
}
END_TEST

START_TEST(test_sections)
{
	static const char *const ids[] = { "A", "B", "C", "D", "E", "F", "G",
	    "H1", "H2", "I", "J", "K" };
	size_t	i;

	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		ck_assert_ptr_nonnull(vocab_section(ids[i]));
		ck_assert_str_eq(vocab_sections[i].id, ids[i]);
	}
	ck_assert_ptr_null(vocab_sections[i].id);
	ck_assert_ptr_null(vocab_section("H"));
	ck_assert_ptr_null(vocab_section("L"));
	ck_assert_str_eq(vocab_section("I")->title, "Placement");
	ck_assert_str_eq(vocab_section("K")->title, "Advice and information gathered");
}
END_TEST

START_TEST(test_years)
{
	const char	*check = between(migration(), "CHECK (year_group IN ('',", "))");
	char		 q[64];
	size_t		 i;

	ck_assert_int_eq(vocab_year("Year 9")->year, 9);
	ck_assert_int_eq(vocab_year("Reception")->year, 0);
	ck_assert_int_lt(vocab_year("Nursery")->year, 0);
	ck_assert_int_gt(vocab_year("Post-19")->year, vocab_year("Year 14")->year);
	ck_assert_ptr_null(vocab_year("Year 15"));
	ck_assert_ptr_null(vocab_year("year 9"));
	for (i = 0; vocab_years[i].id != NULL; i++) {
		if (i > 0)
			ck_assert_int_gt(vocab_years[i].year, vocab_years[i - 1].year);
		(void)snprintf(q, sizeof(q), "'%s'", vocab_years[i].id);
		ck_assert_msg(strstr(check, q) != NULL, "%s not in the CHECK",
		    vocab_years[i].id);
	}
}
END_TEST

START_TEST(test_exceptions)
{
	ck_assert_int_eq(vocab_exception("school_closure")->min_days, 28);
	ck_assert_int_eq(vocab_exception("absence")->min_days, 28);
	ck_assert_int_eq(vocab_exception("personal_circumstances")->min_days, 0);
	ck_assert_int_eq(vocab_exception("missed_appointment")->min_days, 0);
	ck_assert_str_eq(vocab_exception("school_closure")->source, "reg 10(4)");
	ck_assert_ptr_null(vocab_exception("waiting_list"));
}
END_TEST

START_TEST(test_pg_array)
{
	ck_assert_int_eq(vocab_in_pg_array("{psychological,other}", "other"), 1);
	ck_assert_int_eq(vocab_in_pg_array("{psychological,other}", "psychological"), 1);
	ck_assert_int_eq(vocab_in_pg_array("{psychological,other}", "psych"), 0);
	ck_assert_int_eq(vocab_in_pg_array("{psychological,other}", "medical"), 0);
	ck_assert_int_eq(vocab_in_pg_array("{}", "medical"), 0);
	ck_assert_int_eq(vocab_in_pg_array("", "medical"), 0);
	ck_assert_int_eq(vocab_in_pg_array(NULL, "medical"), 0);
	ck_assert_int_eq(vocab_in_pg_array("{medical}", ""), 0);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("vocab");
	TCase	*tc = tcase_create("lists");
	SRunner	*sr;
	int	 failed;

	tcase_add_test(tc, test_kinds);
	tcase_add_test(tc, test_kinds_match_sql);
	tcase_add_test(tc, test_statuses);
	tcase_add_test(tc, test_statuses_match_sql);
	tcase_add_test(tc, test_areas);
	tcase_add_test(tc, test_sections);
	tcase_add_test(tc, test_years);
	tcase_add_test(tc, test_exceptions);
	tcase_add_test(tc, test_pg_array);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
