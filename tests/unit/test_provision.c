/* The provision, outcome and name checks (CoP 9.69), cases worked by hand. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "provision.h"

static struct prov_conf	 conf;
static struct prov_flags fl;

static void
setup(void)
{
	ck_assert_int_eq(prov_conf_default(&conf), 0);
	prov_flags_init(&fl);
}

static void
teardown(void)
{
	prov_conf_free(&conf);
	prov_flags_free(&fl);
}

/* Checks one paragraph; returns how many flags it raised. */
static size_t
check(const char *section, const char *text, const char *who,
    const char *often, const char *howlong)
{
	struct prov_text	t = { section, 2, text, who, often, howlong };

	prov_flags_free(&fl);
	ck_assert_int_eq(prov_check(&conf, NULL, &t, &fl), 0);
	return fl.n;
}

START_TEST(test_defaults_are_the_shipped_file)
{
	struct prov_conf	file;
	char			err[256];
	size_t			k, i;

	ck_assert_msg(prov_conf_load(&file, "conf/provision.conf", err,
	    sizeof(err)) == 0, "%s", err);
	for (k = 0; k < PROV__PHRASES; k++) {
		ck_assert_uint_eq(file.n[k], conf.n[k]);
		for (i = 0; i < conf.n[k]; i++)
			ck_assert_str_eq(file.phrase[k][i], conf.phrase[k][i]);
	}
	/* The brief's vague list, in its order. */
	ck_assert_uint_eq(conf.n[PROV_VAGUE], 7);
	ck_assert_str_eq(conf.phrase[PROV_VAGUE][0], "access to");
	ck_assert_str_eq(conf.phrase[PROV_VAGUE][6], "support as needed");
	prov_conf_free(&file);
}
END_TEST

START_TEST(test_specific_quantified_rows_pass)
{
	ck_assert_uint_eq(check("F", "Speech and language programme set by a "
	    "speech and language therapist", "Trained teaching assistant",
	    "3 times a week, 20 minutes", "Until the next annual review"), 0);
	/* All four in the text, no table. */
	ck_assert_uint_eq(check("F", "A trained teaching assistant will deliver "
	    "a phonics programme 3 times a week for 20 minutes until the annual "
	    "review.", NULL, NULL, NULL), 0);
	ck_assert_uint_eq(check("G", "Physiotherapy programme delivered by a "
	    "physiotherapist, once a fortnight, 30 minutes", NULL, NULL, NULL), 0);
}
END_TEST

START_TEST(test_vague_and_unquantified_text_flagged)
{
	/* "Maya will have " is 15 bytes: the phrase starts there. */
	ck_assert_uint_eq(check("F", "Maya will have access to a quiet space.",
	    NULL, NULL, NULL), 4);
	ck_assert_int_eq(fl.v[0].kind, FLAG_VAGUE);
	ck_assert_str_eq(fl.v[0].phrase, "access to");
	ck_assert_str_eq(fl.v[0].field, "text");
	ck_assert_uint_eq(fl.v[0].match_off, 15);
	ck_assert_uint_eq(fl.v[0].match_len, 9);
	ck_assert_str_eq(fl.v[0].section, "F");
	ck_assert_uint_eq(fl.v[0].paragraph, 2);
	ck_assert_str_eq(fl.v[0].message, "Section F, paragraph 2 uses vague "
	    "wording (\u2018access to\u2019): say exactly what will be provided, "
	    "by whom, how often and for how long.");
	ck_assert_int_eq(fl.v[1].kind, FLAG_NO_WHO);
	ck_assert_str_eq(fl.v[1].message,
	    "Section F, paragraph 2 does not say who will provide it.");
	ck_assert_int_eq(fl.v[2].kind, FLAG_NO_HOW_OFTEN);
	ck_assert_str_eq(fl.v[2].message,
	    "Section F, paragraph 2 does not say how often.");
	ck_assert_int_eq(fl.v[3].kind, FLAG_NO_HOW_LONG);
	ck_assert_str_eq(fl.v[3].message,
	    "Section F, paragraph 2 does not say for how long.");
	ck_assert_str_eq(prov_flag_code(fl.v[3].kind), "no_how_long");
}
END_TEST

START_TEST(test_each_missing_part_alone)
{
	/* Who and how long, no frequency. */
	ck_assert_uint_eq(check("H1", "Short breaks with a support worker for "
	    "the next 12 months", NULL, NULL, NULL), 1);
	ck_assert_int_eq(fl.v[0].kind, FLAG_NO_HOW_OFTEN);
	ck_assert_str_eq(fl.v[0].section, "H1");
	/* A blank cell is no answer; the text does not say who either. */
	ck_assert_uint_eq(check("H2", "Overnight short break", "  ",
	    "once a month", "12 months"), 1);
	ck_assert_int_eq(fl.v[0].kind, FLAG_NO_WHO);
	ck_assert_str_eq(fl.v[0].field, "by_whom");
	/* No duration. */
	ck_assert_uint_eq(check("F", "Social skills group", "SENCO",
	    "weekly", ""), 1);
	ck_assert_int_eq(fl.v[0].kind, FLAG_NO_HOW_LONG);
}
END_TEST

START_TEST(test_vague_word_in_a_cell_and_each_phrase_once)
{
	ck_assert_uint_eq(check("F", "Reading intervention", "Class teacher",
	    "Regular", "Until July"), 1);
	ck_assert_int_eq(fl.v[0].kind, FLAG_VAGUE);
	ck_assert_str_eq(fl.v[0].field, "how_often");
	ck_assert_uint_eq(fl.v[0].match_off, 0);
	ck_assert_uint_eq(fl.v[0].match_len, 7);
	/* Two phrases, one repeated: two flags, in the list's order. */
	ck_assert_uint_eq(check("F", "Support as needed, as appropriate, and "
	    "support as needed again", "TA", "daily", "one term"), 2);
	ck_assert_str_eq(fl.v[0].phrase, "as appropriate");
	ck_assert_str_eq(fl.v[1].phrase, "support as needed");
}
END_TEST

START_TEST(test_matching_ignores_case_accents_spaces_only)
{
	/* Case, runs of spaces, a no-break space, a line break. */
	ck_assert_uint_eq(check("F", "ACCESS   TO", "TA", "daily", "1 term"), 1);
	ck_assert_uint_eq(check("F", "Access\u00a0to", "TA", "daily", "1 term"), 1);
	ck_assert_uint_eq(check("F", "Opportunities\nto play", "TA", "daily",
	    "1 term"), 1);
	/* Whole words only. */
	ck_assert_uint_eq(check("F", "Irregular verbs; accessible toilet; "
	    "regularly", "TA", "daily", "1 term"), 0);
	/* Punctuation is a word break: quoted phrases still match. */
	ck_assert_uint_eq(check("F", "\u201cregular\u201d sessions", "TA", "daily",
	    "1 term"), 1);
	ck_assert_uint_eq(fl.v[0].match_off, 3);	/* after the 3-byte quote */
}
END_TEST

START_TEST(test_outcomes_need_a_time_frame)
{
	ck_assert_uint_eq(check("E", "By the end of Year 6, Maya will start "
	    "and keep up a conversation with a friend.", NULL, NULL, NULL), 0);
	ck_assert_uint_eq(check("E", "Within 12 months Maya will read 50 words.",
	    NULL, NULL, NULL), 0);
	ck_assert_uint_eq(check("E", "By July 2027 Maya will tie her laces.",
	    NULL, NULL, NULL), 0);
	ck_assert_uint_eq(check("E", "Maya will count to 20 by summer 2028.",
	    NULL, NULL, NULL), 0);
	ck_assert_uint_eq(check("E", "Maya will make friends.", NULL, NULL,
	    NULL), 1);
	ck_assert_int_eq(fl.v[0].kind, FLAG_NO_TIME_FRAME);
	ck_assert_str_eq(fl.v[0].message, "Section E, paragraph 2 does not say "
	    "by when: give a time frame, such as \u2018by the end of Year 6\u2019 "
	    "or \u2018within 12 months\u2019.");
	/* Year 6 is not a date; 20270 is not a year. */
	ck_assert_uint_eq(check("E", "In Year 6 Maya will read 20270 words.",
	    NULL, NULL, NULL), 1);
	/* Outcomes are not provision: no vague-wording flag. */
	ck_assert_uint_eq(check("E", "Within a year Maya will have access to "
	    "books.", NULL, NULL, NULL), 0);
}
END_TEST

START_TEST(test_other_sections_have_no_provision_rules)
{
	ck_assert_uint_eq(check("B", "Maya needs access to visual supports.",
	    NULL, NULL, NULL), 0);
	ck_assert_uint_eq(check("K", "regular", NULL, NULL, NULL), 0);
	ck_assert_int_eq(prov_is_provision("F"), 1);
	ck_assert_int_eq(prov_is_provision("H2"), 1);
	ck_assert_int_eq(prov_is_provision("E"), 0);
	ck_assert_int_eq(prov_is_provision("H"), 0);
	ck_assert_int_eq(prov_is_provision(NULL), 0);
}
END_TEST

/* --- names ------------------------------------------------------------- */

static const char *const given[] = { "Jack", "May", "Zo\u00eb", "Maya",
    "\u0414\u043c\u0438\u0442\u0440\u0438\u0439", "J", NULL, "Leo" };
static const char *const family[] = { "Smith", "Brown", "\u00d8deg\u00e5rd",
    "Jones", "\u0418\u0432\u0430\u043d\u043e\u0432", "Doe", "Nobody", NULL };
#define NCHILDREN	(sizeof(given) / sizeof(given[0]))

/* Flags the name check raises on text (section B). */
static size_t
names(const char *text, const char *by_whom)
{
	struct prov_names	*nm;
	struct prov_text	 t = { "B", 4, text, by_whom, NULL, NULL };

	nm = prov_names_alloc(given, family, NCHILDREN, "Maya", "Patel");
	ck_assert_ptr_nonnull(nm);
	prov_flags_free(&fl);
	ck_assert_int_eq(prov_check(&conf, nm, &t, &fl), 0);
	prov_names_free(nm);
	return fl.n;
}

START_TEST(test_other_childs_name_flagged)
{
	ck_assert_uint_eq(names("Jack enjoys Lego.", NULL), 1);
	ck_assert_int_eq(fl.v[0].kind, FLAG_OTHER_CHILD);
	ck_assert_uint_eq(fl.v[0].match_off, 0);
	ck_assert_uint_eq(fl.v[0].match_len, 4);
	ck_assert_str_eq(fl.v[0].section, "B");
	ck_assert_uint_eq(fl.v[0].paragraph, 4);
	/* The message never repeats the name. */
	ck_assert_str_eq(fl.v[0].message, "Section B, paragraph 4 includes a name "
	    "that belongs to another child in the council\u2019s records: check "
	    "it is about the right child.");
	ck_assert_ptr_null(strstr(fl.v[0].message, "Jack"));
	/* Full name in any case: one flag spanning it. */
	ck_assert_uint_eq(names("Maya sat with jack smith.", NULL), 1);
	ck_assert_uint_eq(fl.v[0].match_off, 14);
	ck_assert_uint_eq(fl.v[0].match_len, 10);
	/* Possessive: the apostrophe is a word break. */
	ck_assert_uint_eq(names("Maya borrowed Jack\u2019s book.", NULL), 1);
	/* A name in a cell of the provision table. */
	ck_assert_uint_eq(names("Reading", "Jack Smith's mum"), 1);
	ck_assert_str_eq(fl.v[0].field, "by_whom");
	/* Once per name per paragraph. */
	ck_assert_uint_eq(names("Jack, Jack and Jack.", NULL), 1);
}
END_TEST

START_TEST(test_names_not_flagged)
{
	/* A given name alone needs its capital: "may" is a word. */
	ck_assert_uint_eq(names("Maya may benefit from a jack-in-the-box.",
	    NULL), 0);
	/* Inside a longer word. */
	ck_assert_uint_eq(names("Jackson and Mayfield", NULL), 0);
	/* A family name alone (staff: "Mrs Smith"). */
	ck_assert_uint_eq(names("Mrs Smith teaches Year 5.", NULL), 0);
	/* The child's own given name, shared with another child. */
	ck_assert_uint_eq(names("Maya is seven.", NULL), 0);
	/* Names under 2 letters are skipped: "J Doe" has a full name only. */
	ck_assert_uint_eq(names("J is a letter.", NULL), 0);
	ck_assert_uint_eq(names("Leo Nobody", NULL), 1);	/* "Leo" alone */
}
END_TEST

START_TEST(test_names_utf8)
{
	/* Accents ignored, both ways; decomposed (NFD) like composed. */
	ck_assert_uint_eq(names("Zoe helped.", NULL), 1);
	ck_assert_uint_eq(names("ZO\u00cb helped.", NULL), 1);
	ck_assert_uint_eq(names("Zoe\u0308 helped.", NULL), 1);
	ck_assert_uint_eq(fl.v[0].match_len, 5);	/* the accent belongs to it */
	ck_assert_uint_eq(names("zo\u00eb \u00f8deg\u00e5rd helped.", NULL), 1);
	ck_assert_uint_eq(fl.v[0].match_len, 14);
	/* Cyrillic, full name in lower case. */
	ck_assert_uint_eq(names("\u0434\u043c\u0438\u0442\u0440\u0438\u0439 "
	    "\u0438\u0432\u0430\u043d\u043e\u0432", NULL), 1);
	/* Bad bytes are word breaks, never read past the end. */
	ck_assert_uint_eq(names("\xff" "Jack\xc3", NULL), 1);
	ck_assert_uint_eq(fl.v[0].match_off, 1);
	ck_assert_uint_eq(names("\xe2\x80", NULL), 0);
	ck_assert_uint_eq(names("", NULL), 0);
}
END_TEST

START_TEST(test_no_names_given)
{
	struct prov_names	*nm;
	struct prov_text	 t = { "F", 1, "Jack", NULL, NULL, NULL };

	nm = prov_names_alloc(NULL, NULL, 0, NULL, NULL);
	ck_assert_ptr_nonnull(nm);
	prov_flags_free(&fl);
	ck_assert_int_eq(prov_check(NULL, nm, &t, &fl), 0);
	ck_assert_uint_eq(fl.n, 0);
	prov_names_free(nm);
	prov_names_free(NULL);
}
END_TEST

/* --- configuration ----------------------------------------------------- */

static const struct {
	const char	*text;
	const char	*err;
} bad_confs[] = {
	{ "vague", "line 1: give one phrase of 1 to 80 bytes after vague" },
	{ "vague   \t ", "line 1: give one phrase of 1 to 80 bytes after vague" },
	{ "# ok\nvaguer access to", "line 2: unknown list (vague, who, "
	    "how_often, how_long or time_frame)" },
	{ "who teacher\nwho Teacher", "line 2: the phrase is already in the "
	    "who list" },
	{ "vague access  to\nvague Access to", "line 2: the phrase is already "
	    "in the vague list" },
	{ "vague !!!", "line 1: the phrase has no letters or digits" },
	{ "vague a\x01" "b", "line 1: control character" },
	{ "vague caf\xc3", "line 1: not UTF-8" },
	{ "vague \xc0\xaf", "line 1: not UTF-8" },	/* overlong "/" */
	{ "how_long 123456789012345678901234567890123456789012345678901234567890"
	    "123456789012345678901", "line 1: give one phrase of 1 to 80 bytes "
	    "after how_long" },
};

START_TEST(test_conf_refused_with_line)
{
	struct prov_conf	c;
	char			err[256];
	size_t			k;

	ck_assert_int_eq(prov_conf_parse(&c, bad_confs[_i].text,
	    strlen(bad_confs[_i].text), err, sizeof(err)), -1);
	ck_assert_str_eq(err, bad_confs[_i].err);
	for (k = 0; k < PROV__PHRASES; k++)
		ck_assert_uint_eq(c.n[k], 0);
	prov_conf_free(&c);
}
END_TEST

START_TEST(test_conf_accepted)
{
	struct prov_conf	c;
	struct prov_text	t = { "F", 1, "Maya can\u2019t wait", "TA",
	    "daily", NULL };
	char			err[256];
	const char		*text = "# comment\r\n\r\n  vague\tcan't   # why\r\n"
	    "time_frame by the end of\nwho T\u00c9acher";

	ck_assert_msg(prov_conf_parse(&c, text, strlen(text), err,
	    sizeof(err)) == 0, "%s", err);
	ck_assert_uint_eq(c.n[PROV_VAGUE], 1);
	ck_assert_str_eq(c.phrase[PROV_VAGUE][0], "can't");
	ck_assert_str_eq(c.folded[PROV_WHO][0], "teacher");
	prov_flags_free(&fl);
	ck_assert_int_eq(prov_check(&c, NULL, &t, &fl), 0);
	ck_assert_uint_eq(fl.n, 2);	/* can't; no how long cell or phrase */
	ck_assert_int_eq(fl.v[0].kind, FLAG_VAGUE);
	ck_assert_int_eq(fl.v[1].kind, FLAG_NO_HOW_LONG);
	prov_conf_free(&c);
	/* Empty configuration: nothing to match, nothing refused. */
	ck_assert_int_eq(prov_conf_parse(&c, "", 0, err, sizeof(err)), 0);
	prov_conf_free(&c);
}
END_TEST

START_TEST(test_conf_limits)
{
	struct prov_conf	 c;
	char			 err[256], *text;
	size_t			 i, len = 0;

	text = malloc(600 * 16);
	ck_assert_ptr_nonnull(text);
	for (i = 0; i < 501; i++)
		len += (size_t)sprintf(text + len, "who w%zu\n", i);
	ck_assert_int_eq(prov_conf_parse(&c, text, len, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "line 501: at most 500 phrases");
	prov_conf_free(&c);
	free(text);
	ck_assert_int_eq(prov_conf_load(&c, "conf/no-such.conf", err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "conf/no-such.conf: No such file or directory");
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("provision");
	TCase	*tc = tcase_create("core");
	SRunner	*sr;
	int	 failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_defaults_are_the_shipped_file);
	tcase_add_test(tc, test_specific_quantified_rows_pass);
	tcase_add_test(tc, test_vague_and_unquantified_text_flagged);
	tcase_add_test(tc, test_each_missing_part_alone);
	tcase_add_test(tc, test_vague_word_in_a_cell_and_each_phrase_once);
	tcase_add_test(tc, test_matching_ignores_case_accents_spaces_only);
	tcase_add_test(tc, test_outcomes_need_a_time_frame);
	tcase_add_test(tc, test_other_sections_have_no_provision_rules);
	tcase_add_test(tc, test_other_childs_name_flagged);
	tcase_add_test(tc, test_names_not_flagged);
	tcase_add_test(tc, test_names_utf8);
	tcase_add_test(tc, test_no_names_given);
	tcase_add_loop_test(tc, test_conf_refused_with_line, 0,
	    sizeof(bad_confs) / sizeof(bad_confs[0]));
	tcase_add_test(tc, test_conf_accepted);
	tcase_add_test(tc, test_conf_limits);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
