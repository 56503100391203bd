/*
 * Provision warnings on the advice form (advice_check.c): a vague row
 * of provision, a row missing how often, an outcome with no time frame,
 * line numbers on a long answer, nothing for fields that feed no plan
 * provision, and never another child's name (no names are passed).
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "advice.h"
#include "advice_check.h"
#include "provision.h"
#include "template.h"

static struct tpl_set	 set;
static struct prov_conf	 conf;
static const struct tpl	*med;

static void
setup(void)
{
	char	err[512];

	ck_assert_msg(tpl_set_load(&set, "templates/advice",
	    "templates/advice/template.rng", err, sizeof(err)) == 0, "%s", err);
	ck_assert_int_eq(prov_conf_default(&conf), 0);
	med = tpl_find(&set, "medical", 0);
	ck_assert_ptr_nonnull(med);
}

static void
teardown(void)
{
	prov_conf_free(&conf);
	tpl_set_free(&set);
}

static struct advice_warnings
check(const char *field, const struct avals *v)
{
	struct advice_warnings	 w;
	const struct tpl_field	*f = tpl_field(med, field);

	ck_assert_ptr_nonnull(f);
	w.n = 0;
	ck_assert_int_eq(advice_check_field(&conf, f, v, &w), 0);
	return w;
}

START_TEST(vague_provision_row)
{
	struct avals		 v;
	struct advice_warnings	 w;

	avals_init(&v);
	avals_add(&v, "provision", 0, "what", "Access to speech therapy as required");
	avals_add(&v, "provision", 0, "by_whom", "Speech and language therapist");
	avals_add(&v, "provision", 0, "how_often", "");
	avals_add(&v, "provision", 0, "how_long", "One year");
	w = check("provision", &v);
	ck_assert_uint_ge(w.n, 2);
	ck_assert_msg(strstr(w.message[0], "Row 1: this provision uses vague wording") != NULL,
	    "%s", w.message[0]);
	ck_assert_str_eq(w.message[w.n - 1], "Row 1: this provision does not say how often.");
	avals_free(&v);
}
END_TEST

START_TEST(specific_row_is_quiet)
{
	struct avals		 v;
	struct advice_warnings	 w;

	avals_init(&v);
	avals_add(&v, "provision", 0, "what", "Speech therapy in a small group");
	avals_add(&v, "provision", 0, "by_whom", "Speech and language therapist");
	avals_add(&v, "provision", 0, "how_often", "Weekly, 30 minutes");
	avals_add(&v, "provision", 0, "how_long", "Until the annual review");
	w = check("provision", &v);
	ck_assert_uint_eq(w.n, 0);
	avals_free(&v);
}
END_TEST

START_TEST(outcome_without_time_frame)
{
	struct avals		 v;
	struct advice_warnings	 w;

	avals_init(&v);
	avals_add(&v, "outcomes", -1, "", "Maya will manage her inhaler herself.");
	w = check("outcomes", &v);
	ck_assert_uint_eq(w.n, 1);
	ck_assert_msg(strncmp(w.message[0], "This outcome does not say by when", 33) == 0,
	    "%s", w.message[0]);
	avals_free(&v);
	avals_init(&v);
	avals_add(&v, "outcomes", -1, "", "By the end of Year 6 Maya will swim.\n\n"
	    "Maya will manage her inhaler.");
	w = check("outcomes", &v);
	ck_assert_uint_eq(w.n, 1);
	ck_assert_msg(strncmp(w.message[0], "Line 2: this outcome does not say", 33) == 0,
	    "%s", w.message[0]);
	avals_free(&v);
}
END_TEST

START_TEST(fields_feeding_no_provision)
{
	const struct tpl_field	*f;
	struct avals		 v;
	size_t			 i;

	avals_init(&v);
	for (i = 0; i < med->nfields; i++) {
		f = &med->fields[i];
		if (advice_check_feeds(f))
			continue;
		avals_add(&v, f->id, -1, "", "Access to support as required");
		ck_assert_uint_eq(check(f->id, &v).n, 0);
	}
	ck_assert(advice_check_feeds(tpl_field(med, "provision")));
	ck_assert(advice_check_feeds(tpl_field(med, "outcomes")));
	avals_free(&v);
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("advice_check");
	TCase	*tc = tcase_create("warnings");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, vague_provision_row);
	tcase_add_test(tc, specific_row_is_quiet);
	tcase_add_test(tc, outcome_without_time_frame);
	tcase_add_test(tc, fields_feeding_no_provision);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
