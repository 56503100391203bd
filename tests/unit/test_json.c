/*
 * Unit tests for portal/lib/json.c.  Exit status: number of failed tests.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "json.h"

static struct json	*ok(const char *);
static int		 refused(const char *);
static int		 refused_len(const char *, size_t);
static const char	*string_of(const char *);
static void		 nest(struct sbuf *, int);
static Suite		*json_suite(void);

static char	 err[256];
static char	 strbuf[256];

/* Parses the C string, which must succeed. */
static struct json *
ok(const char *s)
{
	struct json	*j;

	j = json_parse(s, strlen(s), err, sizeof(err));
	ck_assert_msg(j != NULL, "refused %s: %s", s, err);
	return j;
}

static int
refused(const char *s)
{

	return refused_len(s, strlen(s));
}

/* 1 if refused with a message in err. */
static int
refused_len(const char *s, size_t len)
{
	struct json	*j;

	err[0] = '\0';
	if ((j = json_parse(s, len, err, sizeof(err))) != NULL) {
		json_free(j);
		return 0;
	}
	ck_assert_msg(strncmp(err, "line ", 5) == 0, "bad message: %s", err);
	return 1;
}

/* The value of the one-string document s. */
static const char *
string_of(const char *s)
{
	struct json	*j;

	j = ok(s);
	ck_assert_int_eq(json_type(j), J_STRING);
	snprintf(strbuf, sizeof(strbuf), "%s", json_str(j));
	json_free(j);
	return strbuf;
}

/* depth nested arrays around 1. */
static void
nest(struct sbuf *b, int depth)
{
	int	 i;

	sbuf_reset(b);
	for (i = 0; i < depth; i++)
		sbuf_puts(b, "[");
	sbuf_puts(b, "1");
	for (i = 0; i < depth; i++)
		sbuf_puts(b, "]");
}

START_TEST(test_scalars)
{
	struct json	*j;

	j = ok(" true ");
	ck_assert_int_eq(json_type(j), J_BOOL);
	ck_assert_int_eq(json_bool(j), 1);
	ck_assert_ptr_null(json_str(j));
	json_free(j);
	j = ok("false");
	ck_assert_int_eq(json_type(j), J_BOOL);
	ck_assert_int_eq(json_bool(j), 0);
	json_free(j);
	j = ok("\r\n\tnull");
	ck_assert_int_eq(json_type(j), J_NULL);
	ck_assert_uint_eq(json_len(j), 0);
	json_free(j);
	ck_assert_int_eq(json_type(NULL), J_NULL);
}
END_TEST

START_TEST(test_numbers_keep_text)
{
	static const char *const	 good[] = { "0", "-0", "1", "-12",
	    "1.5", "0.25", "1e3", "1E+3", "-1.5e-300",
	    "1234567890123456789012345678901234567890", "9007199254740993" };
	struct json			*j;
	size_t				 i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		j = ok(good[i]);
		ck_assert_int_eq(json_type(j), J_NUMBER);
		ck_assert_str_eq(json_num_text(j), good[i]);
		ck_assert_ptr_null(json_str(j));
		ck_assert_int_eq(json_bool(j), 0);
		json_free(j);
	}
	j = ok("\"12\"");
	ck_assert_ptr_null(json_num_text(j));
	json_free(j);
}
END_TEST

START_TEST(test_bad_numbers)
{
	static const char *const	 bad[] = { "01", "-01", "00", "1.",
	    ".5", "+1", "1e", "1e+", "-", "--1", "1.e3", "0x10", "NaN",
	    "Infinity", "-Infinity", "1 2", "1,", "1f" };
	size_t				 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(refused(bad[i]), "accepted %s", bad[i]);
}
END_TEST

START_TEST(test_strings)
{

	ck_assert_str_eq(string_of("\"\""), "");
	ck_assert_str_eq(string_of("\"plain\""), "plain");
	ck_assert_str_eq(string_of("\"\\\"\\\\\\/\\b\\f\\n\\r\\t\""),
	    "\"\\/\b\f\n\r\t");
	ck_assert_str_eq(string_of("\"\\u0041\\u00e9\\u20AC\""),
	    "A\xc3\xa9\xe2\x82\xac");
	/* Surrogate pair to one 4-byte sequence. */
	ck_assert_str_eq(string_of("\"\\ud83d\\ude00\""), "\xf0\x9f\x98\x80");
	ck_assert_str_eq(string_of("\"\\uDBFF\\uDFFF\""), "\xf4\x8f\xbf\xbf");
	/* Raw UTF-8 passes through. */
	ck_assert_str_eq(string_of("\"caf\xc3\xa9 \xf0\x9f\x98\x80\""),
	    "caf\xc3\xa9 \xf0\x9f\x98\x80");
	ck_assert_str_eq(string_of("\"a\x7f" "b\""), "a\x7f" "b");
}
END_TEST

START_TEST(test_bad_strings)
{
	static const char *const	 bad[] = {
		"\"unterminated", "\"a\\\"", "\"\\x\"", "\"\\u12\"",
		"\"\\u12g4\"", "\"\\U0041\"", "'single'",
		"\"\\ud800\"",		/* lone high */
		"\"\\udc00\"",		/* lone low */
		"\"\\ud800\\u0041\"",	/* high + non-low */
		"\"\\ud800\\ud800\"",
		"\"\\ud800x\"",
		"\"\\u0000\"",
		"\"tab\there\"", "\"nl\nhere\"", "\"\x1f\"",
		"\"\xff\"", "\"\xc0\xaf\"",	/* invalid, overlong */
		"\"\xed\xa0\x80\"",		/* raw surrogate */
		"\"\xf4\x90\x80\x80\"",		/* above U+10FFFF */
		"\"\xe2\x82\"",			/* truncated */
	};
	size_t				 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(refused(bad[i]), "accepted bad[%zu]", i);
	ck_assert(refused_len("\"a\0b\"", 5));
}
END_TEST

START_TEST(test_objects_and_arrays)
{
	struct json		*j;
	const struct json	*a, *o;

	j = ok("{ \"name\" : \"Sam\", \"age\": 7, \"tags\": [1, \"x\", null,"
	    " {}], \"ok\": true, \"nested\": {\"k\": []} }");
	ck_assert_int_eq(json_type(j), J_OBJECT);
	ck_assert_uint_eq(json_len(j), 5);
	ck_assert_str_eq(json_key_at(j, 0), "name");
	ck_assert_str_eq(json_key_at(j, 4), "nested");
	ck_assert_ptr_null(json_key_at(j, 5));
	ck_assert_str_eq(json_str(json_get(j, "name")), "Sam");
	ck_assert_str_eq(json_num_text(json_get(j, "age")), "7");
	ck_assert_str_eq(json_str(json_at(j, 0)), "Sam");
	ck_assert_int_eq(json_bool(json_get(j, "ok")), 1);
	ck_assert_ptr_null(json_get(j, "missing"));
	ck_assert_ptr_null(json_get(j, "Name"));
	ck_assert_ptr_null(json_get(j, NULL));
	a = json_get(j, "tags");
	ck_assert_int_eq(json_type(a), J_ARRAY);
	ck_assert_uint_eq(json_len(a), 4);
	ck_assert_str_eq(json_num_text(json_at(a, 0)), "1");
	ck_assert_str_eq(json_str(json_at(a, 1)), "x");
	ck_assert_int_eq(json_type(json_at(a, 2)), J_NULL);
	ck_assert_ptr_nonnull(json_at(a, 2));
	ck_assert_int_eq(json_type(json_at(a, 3)), J_OBJECT);
	ck_assert_uint_eq(json_len(json_at(a, 3)), 0);
	ck_assert_ptr_null(json_at(a, 4));
	ck_assert_ptr_null(json_key_at(a, 0));	/* arrays have no keys */
	ck_assert_ptr_null(json_get(a, "x"));
	o = json_get(j, "nested");
	ck_assert_uint_eq(json_len(json_get(o, "k")), 0);
	ck_assert_ptr_null(json_at(json_get(j, "name"), 0));
	ck_assert_uint_eq(json_len(json_get(j, "name")), 0);
	json_free(j);
	json_free(NULL);
}
END_TEST

START_TEST(test_structure_refused)
{
	static const char *const	 bad[] = {
		"", "   ", "[", "]", "{", "}", "[1,]", "[,1]", "[1 2]",
		"{\"a\":1,}", "{,}", "{\"a\"}", "{\"a\" 1}", "{\"a\":}",
		"{1:2}", "{a:1}", "{'a':1}", "[1]x", "[1] [2]", "truex",
		"tru", "nul", "True", "NULL", "// c\n1", "/* c */1",
		"1 // c", "[1,/* c */2]", "\xef\xbb\xbf" "1",
		"{\"a\":1 \"b\":2}", "[\"a\":1]", "\x0b" "1", "\f1",
	};
	size_t				 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_msg(refused(bad[i]), "accepted bad[%zu]", i);
	ck_assert(refused_len("[1]\0", 4));
	ck_assert(refused_len(NULL, 0));
}
END_TEST

START_TEST(test_duplicate_keys)
{
	struct sbuf	 b;
	struct json	*j;
	int		 i;

	ck_assert(refused("{\"a\":1,\"a\":2}"));
	ck_assert(refused("{\"a\":1,\"b\":2,\"a\":3}"));
	ck_assert(refused("{\"a\":1,\"\\u0061\":2}"));	/* same after decoding */
	ck_assert(refused("{\"x\":{\"a\":1,\"a\":1}}"));
	/* Same key in different objects is fine; keys differ in case. */
	j = ok("{\"a\":{\"a\":1},\"A\":2,\"b\":[{\"a\":1},{\"a\":2}]}");
	json_free(j);
	/* Many keys: sorted, not compared pairwise. */
	sbuf_init(&b);
	sbuf_puts(&b, "{");
	for (i = 0; i < 20000; i++)
		sbuf_printf(&b, "%s\"k%d\":%d", i ? "," : "", i, i);
	sbuf_puts(&b, "}");
	j = ok(b.data);
	ck_assert_uint_eq(json_len(j), 20000);
	ck_assert_str_eq(json_num_text(json_get(j, "k19999")), "19999");
	json_free(j);
	b.data[b.len - 1] = ',';
	sbuf_puts(&b, "\"k777\":0}");
	ck_assert(refused(b.data));
	sbuf_free(&b);
}
END_TEST

START_TEST(test_depth_limit)
{
	struct sbuf	 b;
	struct json	*j;
	const struct json *p;
	int		 i;

	sbuf_init(&b);
	nest(&b, JSON_MAX_DEPTH);
	j = ok(b.data);
	for (p = j, i = 0; i < JSON_MAX_DEPTH; i++)
		p = json_at(p, 0);
	ck_assert_str_eq(json_num_text(p), "1");
	json_free(j);
	nest(&b, JSON_MAX_DEPTH + 1);
	ck_assert(refused(b.data));
	ck_assert_ptr_nonnull(strstr(err, "nested deeper than 32"));
	nest(&b, 100000);
	ck_assert(refused(b.data));
	/* Objects count too. */
	sbuf_reset(&b);
	for (i = 0; i < JSON_MAX_DEPTH; i++)
		sbuf_puts(&b, "{\"a\":");
	sbuf_puts(&b, "[1]");
	for (i = 0; i < JSON_MAX_DEPTH; i++)
		sbuf_puts(&b, "}");
	ck_assert(refused(b.data));
	sbuf_free(&b);
}
END_TEST

START_TEST(test_size_limit)
{
	char		*big;
	struct json	*j;
	size_t		 len = JSON_MAX_SIZE;

	big = malloc(len + 1);
	ck_assert_ptr_nonnull(big);
	memset(big, ' ', len);
	big[0] = '1';
	j = json_parse(big, len, err, sizeof(err));
	ck_assert_ptr_nonnull(j);
	json_free(j);
	big[len] = ' ';
	ck_assert_ptr_null(json_parse(big, len + 1, err, sizeof(err)));
	ck_assert_ptr_nonnull(strstr(err, "1 MiB"));
	free(big);
}
END_TEST

START_TEST(test_error_position)
{

	ck_assert(refused("{\n  \"a\": 1,\n  \"b\": tru\n}"));
	ck_assert_str_eq(err, "line 3, column 8: unexpected character");
	ck_assert(refused("[1,\n2,]"));
	ck_assert_str_eq(err, "line 2, column 3: unexpected character");
	ck_assert(refused("\"\\ud800\""));
	ck_assert_str_eq(err, "line 1, column 8: lone high surrogate");
	/* err may be NULL or tiny. */
	ck_assert_ptr_null(json_parse("[", 1, NULL, 0));
	ck_assert_ptr_null(json_parse("[", 1, err, 4));
	ck_assert_str_eq(err, "lin");
}
END_TEST

static Suite *
json_suite(void)
{
	Suite	*s = suite_create("json");
	TCase	*tc;

	tc = tcase_create("parse");
	tcase_add_test(tc, test_scalars);
	tcase_add_test(tc, test_numbers_keep_text);
	tcase_add_test(tc, test_strings);
	tcase_add_test(tc, test_objects_and_arrays);
	suite_add_tcase(s, tc);

	tc = tcase_create("refuse");
	tcase_add_test(tc, test_bad_numbers);
	tcase_add_test(tc, test_bad_strings);
	tcase_add_test(tc, test_structure_refused);
	tcase_add_test(tc, test_duplicate_keys);
	tcase_add_test(tc, test_depth_limit);
	tcase_add_test(tc, test_size_limit);
	tcase_add_test(tc, test_error_position);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(json_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed;
}
