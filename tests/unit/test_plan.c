/*
 * Draft plan assembly from fixed advice: the whole draft against a golden
 * file (tests/unit/fixtures/plan/assembly.out, written by hand from the
 * rules in plan.h), re-assembly without losing edits, the optimistic
 * version check, and the provision check over a draft.  On a golden
 * mismatch the actual text is left in build/ under the golden's name.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advice.h"
#include "plan.h"
#include "provision.h"
#include "sbuf.h"
#include "template.h"

static struct tpl_set	 set;
static struct avals	 parent, edu, psych;
static struct plan_advice advice[3];

static void
add(struct avals *a, const char *field, int row, const char *column,
    const char *value)
{
	ck_assert_int_eq(avals_add(a, field, row, column, value), 0);
}

static void
setup(void)
{
	char	err[512];

	ck_assert_msg(tpl_set_load(&set, "templates/advice",
	    "templates/advice/template.rng", err, sizeof(err)) == 0, "%s", err);
	avals_init(&parent);
	avals_init(&edu);
	avals_init(&psych);

	add(&parent, "completed_by", -1, "", "parent");
	add(&parent, "about_me", -1, "", "  Maya loves drawing and horses.\n");
	add(&parent, "aspirations", -1, "", "To go to the same secondary "
	    "school as her cousin.");
	add(&parent, "difficulties", -1, "", " \n ");	/* blank: no paragraph */
	add(&parent, "other_information", -1, "", "Maya's grandmother helps "
	    "after school.");
	add(&parent, "no_such_field", -1, "", "ignored");

	add(&edu, "setting", -1, "", "Brookfield Primary School, Year 4");
	add(&edu, "specialist_teacher", -1, "", "not_applicable");
	add(&edu, "attainment", -1, "", "Working at Year 2 level in reading.");
	add(&edu, "pupil_views", -1, "", "I like art.");
	add(&edu, "ci_needs", -1, "", "Maya finds it hard to follow "
	    "instructions with more than two steps.");
	add(&edu, "semh_needs", -1, "", "Maya becomes anxious at transitions.");
	add(&edu, "ci_outcomes_long", -1, "", "- By the end of Year 6, Maya "
	    "will follow three-step instructions.\n\n\xe2\x80\xa2 Maya will ask "
	    "for help.\n");
	add(&edu, "ci_provision", 0, "what", "Small-group language programme");
	add(&edu, "ci_provision", 0, "by_whom", "Teaching assistant trained by "
	    "the SALT");
	add(&edu, "ci_provision", 0, "how_often", "3 times a week, 20 minutes");
	add(&edu, "ci_provision", 0, "how_long", "Until the annual review");
	add(&edu, "ci_provision", 1, "what", "Access to a quiet space");

	add(&psych, "child_views", -1, "", "Maya said she likes her teacher "
	    "and Jack.");
	add(&psych, "cl_needs", -1, "", "Maya's working memory is below "
	    "average.");
	add(&psych, "cl_outcomes_short", -1, "", "Within 12 months Maya will "
	    "read 100 common words.");
	add(&psych, "cl_provision", 0, "what", "Precision teaching");
	add(&psych, "cl_provision", 0, "by_whom", "Class teacher");
	add(&psych, "cl_provision", 0, "how_often", "Daily, 10 minutes");
	add(&psych, "cl_provision", 0, "how_long", "Two terms");
	add(&psych, "sp_needs", -1, "", "Maya has mild hypermobility.");

	advice[0] = (struct plan_advice){ 11, 101, "parent", "Sarah Patel",
	    "Mother", "", "2027-01-20", tpl_for_kind(&set, "parent"), &parent };
	advice[1] = (struct plan_advice){ 12, 102, "educational", "Jane Okafor",
	    "SENCO", "Brookfield Primary School", "2027-02-10",
	    tpl_for_kind(&set, "educational"), &edu };
	advice[2] = (struct plan_advice){ 13, 103, "psychological",
	    "Dr Tom Reyes", "Educational psychologist", "Demoshire EP Service",
	    "2027-02-24", tpl_for_kind(&set, "psychological"), &psych };
	ck_assert_ptr_nonnull(advice[0].tpl);
	ck_assert_ptr_nonnull(advice[1].tpl);
	ck_assert_ptr_nonnull(advice[2].tpl);
}

static void
teardown(void)
{
	avals_free(&parent);
	avals_free(&edu);
	avals_free(&psych);
	tpl_set_free(&set);
}

static char *
slurp(const char *path)
{
	FILE	*f = fopen(path, "rb");
	char	*buf;
	long	 n;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	ck_assert_int_ge(n = ftell(f), 0);
	rewind(f);
	ck_assert_ptr_nonnull(buf = malloc((size_t)n + 1));
	ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	(void)fclose(f);
	return buf;
}

static void
golden(const struct plan_draft *d, const char *path)
{
	struct sbuf	 b;
	char		*want, got[256];
	FILE		*f;

	(void)snprintf(got, sizeof(got), "build/%s", strrchr(path, '/') + 1);
	sbuf_init(&b);
	plan_render_text(d, &b);
	ck_assert_int_eq(b.oom, 0);
	want = slurp(path);
	if (strcmp(b.data, want) != 0 &&
	    (f = fopen(got, "wb")) != NULL) {
		(void)fputs(b.data, f);
		(void)fclose(f);
	}
	ck_assert_msg(strcmp(b.data, want) == 0, "%s differs: diff %s %s",
	    path, path, got);
	free(want);
	sbuf_free(&b);
}

START_TEST(test_assembly_golden)
{
	struct plan_draft	d;

	ck_assert_int_eq(plan_assemble(advice, 3, &d), 0);
	golden(&d, "tests/unit/fixtures/plan/assembly.out");
	plan_draft_free(&d);
}
END_TEST

START_TEST(test_assembly_rules)
{
	struct plan_draft	 d;
	const struct plan_para	*p;
	size_t			 i;

	ck_assert_int_eq(plan_assemble(advice, 3, &d), 0);
	/* Section I is blank in a draft. */
	ck_assert_uint_eq(d.s[PLAN_I].n, 0);
	/* K lists every piece of advice with its date. */
	for (i = 0; i < 3; i++) {
		size_t	j, found = 0;

		for (j = 0; j < d.s[PLAN_K].n; j++) {
			p = &d.s[PLAN_K].p[j];
			if (p->src.request_id == advice[i].request_id &&
			    p->src.field[0] == '\0') {
				found++;
				ck_assert_str_eq(p->advice_date, advice[i].advice_date);
			}
		}
		ck_assert_uint_eq(found, 1);
	}
	/* B is grouped: areas never come back once left. */
	for (i = 1; i < d.s[PLAN_B].n; i++)
		if (strcmp(d.s[PLAN_B].p[i].area, d.s[PLAN_B].p[i - 1].area) != 0) {
			size_t	j;

			for (j = i + 1; j < d.s[PLAN_B].n; j++)
				ck_assert_str_ne(d.s[PLAN_B].p[j].area,
				    d.s[PLAN_B].p[i - 1].area);
		}
	/* A provision row keeps its cells; the attribution is the adviser's. */
	p = &d.s[PLAN_F].p[0];
	ck_assert_str_eq(p->text, "Small-group language programme");
	ck_assert_str_eq(p->how_often, "3 times a week, 20 minutes");
	ck_assert_str_eq(p->adviser, "Jane Okafor");
	ck_assert_str_eq(p->service, "Brookfield Primary School");
	ck_assert_str_eq(p->advice_date, "2027-02-10");
	ck_assert_int_eq(p->src.request_id, 12);
	ck_assert_int_eq(p->src.advice_id, 102);
	ck_assert_str_eq(p->src.field, "ci_provision");
	ck_assert_int_eq(p->src.part, 0);
	/* Empty cells of a column the template has are "", not NULL. */
	ck_assert_str_eq(d.s[PLAN_F].p[1].by_whom, "");
	ck_assert_uint_eq(d.nassembled, 3);
	plan_draft_free(&d);
}
END_TEST

/* A field feeding two sections, one feeding I, a choice: made by hand. */
START_TEST(test_feeds_several_sections_never_i)
{
	struct tpl_option	opt = { "yes", "Yes, a health care plan" };
	struct tpl_field	f[3];
	struct tpl		t;
	struct avals		v;
	struct plan_advice	a;
	struct plan_draft	d;

	memset(f, 0, sizeof(f));
	memset(&t, 0, sizeof(t));
	f[0].id = "both";
	f[0].label = "Both";
	f[0].area = "semh";
	f[0].type = TPL_LONGTEXT;
	(void)strcpy(f[0].feeds[0], "B");
	(void)strcpy(f[0].feeds[1], "E");
	f[0].nfeeds = 2;
	f[1] = f[0];
	f[1].id = "school";
	(void)strcpy(f[1].feeds[0], "I");
	f[1].nfeeds = 1;
	f[2] = f[1];
	f[2].id = "plan";
	f[2].type = TPL_CHOICE;
	f[2].options = &opt;
	f[2].noptions = 1;
	(void)strcpy(f[2].feeds[0], "C");
	t.id = t.kind = "other";
	t.title = "Other advice";
	t.fields = f;
	t.nfields = 3;
	avals_init(&v);
	add(&v, "both", -1, "", "Calm within a term.\nSecond line.");
	add(&v, "school", -1, "", "Oak Lane School");
	add(&v, "plan", -1, "", "yes");
	a = (struct plan_advice){ 5, 50, "other", NULL, NULL, NULL, NULL, &t, &v };
	ck_assert_int_eq(plan_assemble(&a, 1, &d), 0);
	ck_assert_uint_eq(d.s[PLAN_B].n, 1);
	ck_assert_str_eq(d.s[PLAN_B].p[0].text, "Calm within a term.\nSecond line.");
	ck_assert_uint_eq(d.s[PLAN_E].n, 2);		/* one outcome a line */
	ck_assert_str_eq(d.s[PLAN_E].p[1].text, "Second line.");
	ck_assert_int_eq(d.s[PLAN_E].p[1].src.part, 1);
	ck_assert_uint_eq(d.s[PLAN_I].n, 0);
	ck_assert_uint_eq(d.s[PLAN_C].n, 1);
	ck_assert_str_eq(d.s[PLAN_C].p[0].text, "Yes, a health care plan");
	ck_assert_str_eq(d.s[PLAN_K].p[0].text, "Other advice from (not named)");
	ck_assert_str_eq(d.s[PLAN_K].p[0].adviser, "");
	plan_draft_free(&d);
	avals_free(&v);
}
END_TEST

/* Index of the paragraph from (request, field, part) in section s, or -1. */
static int
find(const struct plan_draft *d, int s, long req, const char *field, int part)
{
	size_t	i;

	for (i = 0; i < d->s[s].n; i++)
		if (d->s[s].p[i].src.request_id == req &&
		    strcmp(d->s[s].p[i].src.field, field) == 0 &&
		    d->s[s].p[i].src.part == part)
			return (int)i;
	return -1;
}

START_TEST(test_reassembly_keeps_edits)
{
	struct plan_draft	 prev, fresh, out, again;
	struct plan_para	*p;
	int			 i;
	size_t			 k;

	/* The draft as the caseworker left it: two pieces of advice, one
	 * paragraph edited, one deleted, one of their own added. */
	ck_assert_int_eq(plan_assemble(advice, 2, &prev), 0);
	ck_assert_int_ge(i = find(&prev, PLAN_B, 12, "ci_needs", -1), 0);
	p = &prev.s[PLAN_B].p[i];
	free(p->text);
	ck_assert_ptr_nonnull(p->text = strdup("EDITED by the caseworker"));
	p->edited = 1;
	ck_assert_int_eq(i = find(&prev, PLAN_F, 12, "ci_provision", 1), 1);
	free(prev.s[PLAN_F].p[1].by_whom);
	free(prev.s[PLAN_F].p[1].how_often);
	free(prev.s[PLAN_F].p[1].how_long);
	free(prev.s[PLAN_F].p[1].area);
	free(prev.s[PLAN_F].p[1].text);
	free(prev.s[PLAN_F].p[1].label);
	free(prev.s[PLAN_F].p[1].adviser);
	free(prev.s[PLAN_F].p[1].role);
	free(prev.s[PLAN_F].p[1].service);
	free(prev.s[PLAN_F].p[1].kind);
	prev.s[PLAN_F].n = 1;			/* deleted the last row */
	p = &prev.s[PLAN_B].p[prev.s[PLAN_B].n - 1];
	ck_assert_str_eq(p->area, "semh");
	/* The caseworker's own paragraph goes at the end, area general. */
	prev.s[PLAN_B].p = realloc(prev.s[PLAN_B].p, (prev.s[PLAN_B].n + 1) *
	    sizeof(*p));
	ck_assert_ptr_nonnull(prev.s[PLAN_B].p);
	p = &prev.s[PLAN_B].p[prev.s[PLAN_B].n++];
	prev.s[PLAN_B].cap = prev.s[PLAN_B].n;
	memset(p, 0, sizeof(*p));
	p->area = strdup("general");
	p->text = strdup("Caseworker's note.");
	p->label = strdup("");
	p->adviser = strdup("");
	p->role = strdup("");
	p->service = strdup("");
	p->kind = strdup("");
	(void)strcpy(p->src.field, "note");
	p->edited = 1;
	prev.s[PLAN_B].version = 3;
	prev.s[PLAN_F].version = 2;

	/* The psychological advice is accepted: re-assemble. */
	ck_assert_int_eq(plan_assemble(advice, 3, &fresh), 0);
	ck_assert_int_eq(plan_reassemble(&prev, &fresh, &out), 0);
	golden(&out, "tests/unit/fixtures/plan/reassembly.out");

	/* The edit survives; the deleted row stays deleted. */
	ck_assert_str_eq(out.s[PLAN_B].p[0].text, "EDITED by the caseworker");
	ck_assert_int_eq(out.s[PLAN_B].p[0].edited, 1);
	ck_assert_int_eq(find(&out, PLAN_F, 12, "ci_provision", 1), -1);
	/* New paragraphs in their area: cognition and learning after the
	 * last of it, sensory and physical before the caseworker's general
	 * note; the rest at the end. */
	ck_assert_int_eq(find(&out, PLAN_B, 13, "cl_needs", -1), 2);
	ck_assert_int_eq(out.s[PLAN_B].p[2].is_new, 1);
	ck_assert_int_eq(find(&out, PLAN_B, 13, "sp_needs", -1), 4);
	ck_assert_str_eq(out.s[PLAN_B].p[5].text, "Caseworker's note.");
	ck_assert_int_eq(find(&out, PLAN_F, 13, "cl_provision", 0), 1);
	ck_assert_int_eq(out.s[PLAN_F].p[1].is_new, 1);
	ck_assert_int_eq(out.s[PLAN_F].p[0].is_new, 0);
	ck_assert_int_eq(find(&out, PLAN_K, 13, "", -1),
	    (int)out.s[PLAN_K].n - 1);
	ck_assert_int_eq(out.s[PLAN_B].version, 3);
	ck_assert_int_eq(out.s[PLAN_F].version, 2);
	ck_assert_uint_eq(out.nassembled, 3);

	/* Re-assembling again adds nothing and clears the marks. */
	ck_assert_int_eq(plan_reassemble(&out, &fresh, &again), 0);
	for (i = 0; i < PLAN__MAX; i++) {
		ck_assert_uint_eq(again.s[i].n, out.s[i].n);
		for (k = 0; k < again.s[i].n; k++)
			ck_assert_int_eq(again.s[i].p[k].is_new, 0);
	}
	plan_draft_free(&again);
	plan_draft_free(&out);
	plan_draft_free(&fresh);
	plan_draft_free(&prev);
}
END_TEST

START_TEST(test_optimistic_version_check)
{
	char	msg[512];
	long	v = -1;

	ck_assert_int_eq(plan_version_parse("0", &v), 0);
	ck_assert_int_eq(v, 0);
	ck_assert_int_eq(plan_version_parse("12", &v), 0);
	ck_assert_int_eq(v, 12);
	ck_assert_int_eq(plan_version_parse("999999999", &v), 0);
	ck_assert_int_eq(plan_version_parse("1000000000", &v), -1);
	ck_assert_int_eq(plan_version_parse("", &v), -1);
	ck_assert_int_eq(plan_version_parse("-1", &v), -1);
	ck_assert_int_eq(plan_version_parse("+1", &v), -1);
	ck_assert_int_eq(plan_version_parse("01", &v), -1);
	ck_assert_int_eq(plan_version_parse("1x", &v), -1);
	ck_assert_int_eq(plan_version_parse(" 1", &v), -1);
	ck_assert_int_eq(plan_version_parse(NULL, &v), -1);
	ck_assert_int_eq(v, 999999999);		/* untouched when refused */

	ck_assert_int_eq(plan_version_check(3, 3), PLAN_VERSION_OK);
	ck_assert_int_eq(plan_version_check(0, 0), PLAN_VERSION_OK);
	/* Opened at 2, someone saved 3: the second save is refused. */
	ck_assert_int_eq(plan_version_check(2, 3), PLAN_VERSION_STALE);
	ck_assert_int_eq(plan_version_check(4, 3), PLAN_VERSION_INVALID);
	ck_assert_int_eq(plan_version_check(-1, 3), PLAN_VERSION_INVALID);

	plan_version_message(PLAN_VERSION_STALE, PLAN_F, msg, sizeof(msg));
	ck_assert_str_eq(msg, "Section F was changed by someone else after you "
	    "opened it. Your changes have not been saved: copy them, open "
	    "section F again and make them there.");
	plan_version_message(PLAN_VERSION_INVALID, PLAN_H1, msg, sizeof(msg));
	ck_assert_ptr_nonnull(strstr(msg, "Section H1 could not be saved"));
	plan_version_message(PLAN_VERSION_OK, PLAN_A, msg, sizeof(msg));
	ck_assert_str_eq(msg, "");
}
END_TEST

START_TEST(test_sections_table)
{
	ck_assert_str_eq(plan_section_id(PLAN_H2), "H2");
	ck_assert_int_eq(plan_section_parse("H1"), PLAN_H1);
	ck_assert_int_eq(plan_section_parse("K"), PLAN_K);
	ck_assert_int_eq(plan_section_parse("H"), -1);
	ck_assert_int_eq(plan_section_parse("a"), -1);
	ck_assert_int_eq(plan_section_parse(NULL), -1);
	ck_assert_ptr_null(plan_section_id(PLAN__MAX));
	ck_assert_str_eq(plan_section_title(PLAN_I), "Placement");
}
END_TEST

START_TEST(test_check_over_a_draft)
{
	static const char *const given[] = { "Jack" }, *const family[] = { "Smith" };
	struct plan_draft	 d;
	struct prov_conf	 conf;
	struct prov_names	*names;
	struct prov_flags	 fl;
	char			 key[64];

	ck_assert_int_eq(plan_assemble(advice, 3, &d), 0);
	ck_assert_int_eq(prov_conf_default(&conf), 0);
	ck_assert_ptr_nonnull(names = prov_names_alloc(given, family, 1,
	    "Maya", "Patel"));
	prov_flags_init(&fl);
	ck_assert_int_eq(plan_check(&d, &conf, names, &fl), 0);
	/* A5 names Jack; E2 has no time frame; F2 "Access to a quiet
	 * space" is vague with no who, how often or how long. */
	ck_assert_uint_eq(fl.n, 6);
	ck_assert_str_eq(fl.v[0].section, "A");
	ck_assert_uint_eq(fl.v[0].paragraph, 5);
	ck_assert_int_eq(fl.v[0].kind, FLAG_OTHER_CHILD);
	ck_assert_str_eq(fl.v[1].section, "E");
	ck_assert_uint_eq(fl.v[1].paragraph, 2);
	ck_assert_int_eq(fl.v[1].kind, FLAG_NO_TIME_FRAME);
	ck_assert_str_eq(fl.v[2].section, "F");
	ck_assert_uint_eq(fl.v[2].paragraph, 2);
	ck_assert_int_eq(fl.v[2].kind, FLAG_VAGUE);
	ck_assert_int_eq(fl.v[3].kind, FLAG_NO_WHO);
	ck_assert_int_eq(fl.v[4].kind, FLAG_NO_HOW_OFTEN);
	ck_assert_int_eq(fl.v[5].kind, FLAG_NO_HOW_LONG);
	(void)plan_source_key(&d.s[PLAN_F].p[1].src, key, sizeof(key));
	ck_assert_str_eq(key, "12/ci_provision/1");
	(void)plan_source_key(&d.s[PLAN_K].p[0].src, key, sizeof(key));
	ck_assert_str_eq(key, "11//-1");
	prov_flags_free(&fl);
	prov_names_free(names);
	prov_conf_free(&conf);
	plan_draft_free(&d);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("plan");
	TCase	*tc = tcase_create("core");
	SRunner	*sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_assembly_golden);
	tcase_add_test(tc, test_assembly_rules);
	tcase_add_test(tc, test_feeds_several_sections_never_i);
	tcase_add_test(tc, test_reassembly_keeps_edits);
	tcase_add_test(tc, test_optimistic_version_check);
	tcase_add_test(tc, test_sections_table);
	tcase_add_test(tc, test_check_over_a_draft);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
