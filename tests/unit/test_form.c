/*
 * Unit tests for portal/lib/form.c.  Exit status: number of failed tests.
 */
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "sbuf.h"
#include "form.h"

static struct form	*parse_ok(const char *, size_t);
static int		 parse_rc(const char *, size_t);
static void		 many_fields(struct sbuf *, size_t);
static Suite		*form_suite(void);

/* Parses the C string body, which must succeed with max_fields. */
static struct form *
parse_ok(const char *body, size_t max_fields)
{
	struct form	*f = (struct form *)&f;	/* must be overwritten */

	ck_assert_int_eq(form_parse_urlencoded(&f, body, strlen(body),
	    max_fields), 0);
	ck_assert_ptr_nonnull(f);
	return f;
}

/* Return code for body; on error *out must be NULL. */
static int
parse_rc(const char *body, size_t len)
{
	struct form	*f = (struct form *)&f;
	int		 rc;

	rc = form_parse_urlencoded(&f, body, len, 100);
	if (rc != 0)
		ck_assert_ptr_null(f);
	form_free(f);
	return rc;
}

/* Writes "f0=v0&f1=v1&...": n fields. */
static void
many_fields(struct sbuf *b, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		sbuf_printf(b, "%sf%zu=v%zu", i > 0 ? "&" : "", i, i);
	ck_assert_int_eq(b->oom, 0);
}

START_TEST(test_empty_body)
{
	struct form	*f;

	f = parse_ok("", 10);
	ck_assert_uint_eq(form_count(f), 0);
	ck_assert_ptr_null(form_get(f, ""));
	ck_assert_ptr_null(form_name_at(f, 0));
	ck_assert_ptr_null(form_value_at(f, 0));
	form_free(f);

	ck_assert_int_eq(form_parse_urlencoded(&f, NULL, 0, 10), 0);
	ck_assert_uint_eq(form_count(f), 0);
	form_free(f);

	f = parse_ok("&&&", 0);		/* only empty pairs: 0 fields */
	ck_assert_uint_eq(form_count(f), 0);
	form_free(f);
}
END_TEST

START_TEST(test_simple)
{
	struct form	*f;

	f = parse_ok("csrf=abc&email=a%40b.test&password=x", 10);
	ck_assert_uint_eq(form_count(f), 3);
	ck_assert_str_eq(form_get(f, "csrf"), "abc");
	ck_assert_str_eq(form_get(f, "email"), "a@b.test");
	ck_assert_str_eq(form_get(f, "password"), "x");
	ck_assert_ptr_null(form_get(f, "missing"));
	ck_assert_ptr_null(form_get(f, "Email"));
	ck_assert_str_eq(form_name_at(f, 1), "email");
	ck_assert_str_eq(form_value_at(f, 2), "x");
	ck_assert_ptr_null(form_name_at(f, 3));
	form_free(f);
}
END_TEST

START_TEST(test_plus_is_space)
{
	struct form	*f;

	f = parse_ok("full+name=Ann+Lee&q=a%2Bb+c", 10);
	ck_assert_str_eq(form_name_at(f, 0), "full name");
	ck_assert_str_eq(form_get(f, "full name"), "Ann Lee");
	ck_assert_str_eq(form_get(f, "q"), "a+b c");
	form_free(f);
}
END_TEST

START_TEST(test_utf8_and_escapes)
{
	struct form	*f;

	f = parse_ok("name=Ren%C3%A9e&raw=caf\xC3\xA9&lt=%3Cb%3E&eq=%3D", 10);
	ck_assert_str_eq(form_get(f, "name"), "Ren\xC3\xA9" "e");
	ck_assert_str_eq(form_get(f, "raw"), "caf\xC3\xA9");
	ck_assert_str_eq(form_get(f, "lt"), "<b>");
	ck_assert_str_eq(form_get(f, "eq"), "=");
	form_free(f);
}
END_TEST

START_TEST(test_repeated_names)
{
	struct form	*f;

	f = parse_ok("role=a&x=1&role=b&role=c", 10);
	ck_assert_uint_eq(form_count(f), 4);
	ck_assert_str_eq(form_get(f, "role"), "a");
	ck_assert_str_eq(form_name_at(f, 2), "role");
	ck_assert_str_eq(form_value_at(f, 2), "b");
	ck_assert_str_eq(form_value_at(f, 3), "c");
	form_free(f);
}
END_TEST

START_TEST(test_empty_values_and_bare_names)
{
	struct form	*f;

	f = parse_ok("a=&flag&b=2&=anon&c", 10);
	ck_assert_uint_eq(form_count(f), 5);
	ck_assert_str_eq(form_get(f, "a"), "");
	ck_assert_str_eq(form_name_at(f, 1), "flag");
	ck_assert_str_eq(form_value_at(f, 1), "");
	ck_assert_str_eq(form_get(f, "b"), "2");
	ck_assert_str_eq(form_name_at(f, 3), "");
	ck_assert_str_eq(form_value_at(f, 3), "anon");
	ck_assert_str_eq(form_get(f, "c"), "");
	form_free(f);
}
END_TEST

START_TEST(test_value_with_equals_and_empty_pairs)
{
	struct form	*f;

	f = parse_ok("&&a=b=c&&d==&", 10);
	ck_assert_uint_eq(form_count(f), 2);
	ck_assert_str_eq(form_get(f, "a"), "b=c");
	ck_assert_str_eq(form_get(f, "d"), "=");
	form_free(f);
}
END_TEST

START_TEST(test_len_bounds_body)
{
	struct form	*f;
	const char	*body = "a=1&b=2";

	/* Only the first len bytes count; the body need not end in NUL. */
	ck_assert_int_eq(form_parse_urlencoded(&f, body, 3, 10), 0);
	ck_assert_uint_eq(form_count(f), 1);
	ck_assert_str_eq(form_get(f, "a"), "1");
	ck_assert_ptr_null(form_get(f, "b"));
	form_free(f);
}
END_TEST

START_TEST(test_bad_escapes)
{

	ck_assert_int_eq(parse_rc("a=%zz", 5), -1);
	ck_assert_int_eq(parse_rc("%zz=1", 5), -1);
	ck_assert_int_eq(parse_rc("a=1&b=%4", 8), -1);
	ck_assert_int_eq(parse_rc("a=%", 3), -1);
	ck_assert_int_eq(parse_rc("a=%G1", 5), -1);
	/* the truncated escape is cut by len, not by the string */
	ck_assert_int_eq(parse_rc("a=%41", 4), -1);
}
END_TEST

START_TEST(test_nul_refused)
{

	ck_assert_int_eq(parse_rc("a=%00", 5), -1);
	ck_assert_int_eq(parse_rc("%00=1", 5), -1);
	ck_assert_int_eq(parse_rc("a=x%00y", 7), -1);
	ck_assert_int_eq(parse_rc("a=x\0y", 5), -1);	/* raw NUL */
	ck_assert_int_eq(parse_rc("a=1&\0", 5), -1);
}
END_TEST

START_TEST(test_invalid_utf8_refused)
{

	ck_assert_int_eq(parse_rc("a=%FF", 5), -1);
	ck_assert_int_eq(parse_rc("a=%C3", 5), -1);
	ck_assert_int_eq(parse_rc("a=%C0%AF", 8), -1);		/* overlong */
	ck_assert_int_eq(parse_rc("a=%ED%A0%80", 11), -1);	/* surrogate */
	ck_assert_int_eq(parse_rc("%FF=1", 5), -1);
	ck_assert_int_eq(parse_rc("a=\xFF", 3), -1);		/* raw */
	ck_assert_int_eq(parse_rc("a=ok&b=\xC3(", 9), -1);
	/* valid sequence split by escaping is still valid */
	ck_assert_int_eq(parse_rc("a=%C3\xA9", 6), 0);
}
END_TEST

START_TEST(test_500_fields)
{
	struct sbuf	 b;
	struct form	*f;
	char		 name[16], val[16];
	size_t		 i;

	sbuf_init(&b);
	many_fields(&b, 500);
	ck_assert_int_eq(form_parse_urlencoded(&f, b.data, b.len, 1000), 0);
	ck_assert_uint_eq(form_count(f), 500);
	for (i = 0; i < 500; i++) {
		snprintf(name, sizeof(name), "f%zu", i);
		snprintf(val, sizeof(val), "v%zu", i);
		ck_assert_str_eq(form_name_at(f, i), name);
		ck_assert_str_eq(form_value_at(f, i), val);
	}
	ck_assert_str_eq(form_get(f, "f499"), "v499");
	form_free(f);

	/* exactly max_fields is allowed */
	ck_assert_int_eq(form_parse_urlencoded(&f, b.data, b.len, 500), 0);
	ck_assert_uint_eq(form_count(f), 500);
	form_free(f);
	sbuf_free(&b);
}
END_TEST

START_TEST(test_too_many_fields)
{
	struct sbuf	 b;
	struct form	*f = (struct form *)&f;

	sbuf_init(&b);
	many_fields(&b, 500);
	ck_assert_int_eq(form_parse_urlencoded(&f, b.data, b.len, 499), -2);
	ck_assert_ptr_null(f);
	sbuf_free(&b);

	ck_assert_int_eq(form_parse_urlencoded(&f, "a=1", 3, 0), -2);
	ck_assert_ptr_null(f);
	ck_assert_int_eq(form_parse_urlencoded(&f, "a&b&c", 5, 2), -2);
	ck_assert_ptr_null(f);
	/* empty pairs do not count towards the limit */
	ck_assert_int_eq(form_parse_urlencoded(&f, "a&&&&b&", 7, 2), 0);
	ck_assert_uint_eq(form_count(f), 2);
	form_free(f);
}
END_TEST

START_TEST(test_null_form)
{

	ck_assert_uint_eq(form_count(NULL), 0);
	ck_assert_ptr_null(form_get(NULL, "a"));
	ck_assert_ptr_null(form_name_at(NULL, 0));
	ck_assert_ptr_null(form_value_at(NULL, 0));
	form_free(NULL);
}
END_TEST

static Suite *
form_suite(void)
{
	Suite	*s = suite_create("form");
	TCase	*tc;

	tc = tcase_create("parse");
	tcase_add_test(tc, test_empty_body);
	tcase_add_test(tc, test_simple);
	tcase_add_test(tc, test_plus_is_space);
	tcase_add_test(tc, test_utf8_and_escapes);
	tcase_add_test(tc, test_repeated_names);
	tcase_add_test(tc, test_empty_values_and_bare_names);
	tcase_add_test(tc, test_value_with_equals_and_empty_pairs);
	tcase_add_test(tc, test_len_bounds_body);
	tcase_add_test(tc, test_null_form);
	suite_add_tcase(s, tc);

	tc = tcase_create("refuse");
	tcase_add_test(tc, test_bad_escapes);
	tcase_add_test(tc, test_nul_refused);
	tcase_add_test(tc, test_invalid_utf8_refused);
	suite_add_tcase(s, tc);

	tc = tcase_create("limits");
	tcase_add_test(tc, test_500_fields);
	tcase_add_test(tc, test_too_many_fields);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(form_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed;
}
