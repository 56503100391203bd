/*
 * Unit tests for portal/lib/esc.c.  Exit status: number of failed tests.
 */
#include <check.h>
#include <string.h>

#include "sbuf.h"
#include "esc.h"

#define REPL	"\xEF\xBF\xBD"	/* U+FFFD */

static const char	*html(const char *);
static const char	*json(const char *);
static const char	*decoded(const char *);
static void		 setup(void);
static void		 teardown(void);
static Suite		*esc_suite(void);

static struct sbuf	 out;
static char		 dec[256];

/* s through html_escape(); valid until the next call. */
static const char *
html(const char *s)
{

	sbuf_reset(&out);
	sbuf_append(&out, "", 0);
	html_escape(&out, s);
	ck_assert_int_eq(out.oom, 0);
	return out.data;
}

static const char *
json(const char *s)
{

	sbuf_reset(&out);
	sbuf_append(&out, "", 0);
	json_escape(&out, s);
	ck_assert_int_eq(out.oom, 0);
	return out.data;
}

/* s through url_decode(), which must succeed. */
static const char *
decoded(const char *s)
{

	ck_assert_uint_lt(strlen(s), sizeof(dec));
	strcpy(dec, s);
	ck_assert_int_eq(url_decode(dec), 0);
	return dec;
}

static void
setup(void)
{

	sbuf_init(&out);
}

static void
teardown(void)
{

	sbuf_free(&out);
}

START_TEST(test_html_each_special)
{

	ck_assert_str_eq(html("&"), "&amp;");
	ck_assert_str_eq(html("<"), "&lt;");
	ck_assert_str_eq(html(">"), "&gt;");
	ck_assert_str_eq(html("\""), "&quot;");
	ck_assert_str_eq(html("'"), "&#39;");
	ck_assert_str_eq(html("`"), "&#96;");
	ck_assert_str_eq(html("="), "&#61;");
}
END_TEST

START_TEST(test_html_mixed)
{

	ck_assert_str_eq(html("<script>alert('x')</script>"),
	    "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
	ck_assert_str_eq(html("\" onmouseover=\"x"),
	    "&quot; onmouseover&#61;&quot;x");
	ck_assert_str_eq(html("a&amp;b"), "a&amp;amp;b");
	ck_assert_str_eq(html("plain text, 100% safe"),
	    "plain text, 100% safe");
	ck_assert_str_eq(html(""), "");
}
END_TEST

START_TEST(test_html_appends)
{

	sbuf_puts(&out, "<b>");
	html_escape(&out, "<i>");
	html_escape(&out, NULL);
	ck_assert_str_eq(out.data, "<b>&lt;i&gt;");
}
END_TEST

START_TEST(test_html_utf8_kept)
{

	ck_assert_str_eq(html("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"),
	    "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80");
	ck_assert_str_eq(html("\xEF\xBF\xBD"), REPL);
}
END_TEST

START_TEST(test_html_controls)
{

	ck_assert_str_eq(html("a\tb\nc\rd"), "a\tb\nc\rd");
	ck_assert_str_eq(html("a\x01" "b\x08" "c\x0b\x0c\x1b\x1f" "d"),
	    "abcd");
	ck_assert_str_eq(html("a\x7f" "b"), "ab");
	/* C1 controls U+0080, U+0085, U+009F */
	ck_assert_str_eq(html("a\xC2\x80" "b\xC2\x85" "c\xC2\x9F" "d"),
	    "abcd");
	/* U+00A0 is not a control */
	ck_assert_str_eq(html("\xC2\xA0"), "\xC2\xA0");
}
END_TEST

START_TEST(test_html_invalid_utf8)
{

	ck_assert_str_eq(html("a\x80" "b"), "a" REPL "b");
	ck_assert_str_eq(html("\xFF\xFE"), REPL REPL);
	ck_assert_str_eq(html("\xC0\xAF"), REPL REPL);		/* overlong */
	ck_assert_str_eq(html("\xE0\x80\xAF"), REPL REPL REPL);
	ck_assert_str_eq(html("\xED\xA0\x80"), REPL REPL REPL); /* surrogate */
	ck_assert_str_eq(html("\xF4\x90\x80\x80"),		/* > U+10FFFF */
	    REPL REPL REPL REPL);
	ck_assert_str_eq(html("\xF5"), REPL);
	/* truncated sequences: one U+FFFD, next character kept */
	ck_assert_str_eq(html("\xE2\x82" "<"), REPL "&lt;");
	ck_assert_str_eq(html("x\xF0\x9F\x98"), "x" REPL);
	ck_assert_str_eq(html("\xC3" "\xC3\xA9"), REPL "\xC3\xA9");
}
END_TEST

START_TEST(test_json_specials)
{

	ck_assert_str_eq(json("\"\\/"), "\\\"\\\\/");
	ck_assert_str_eq(json("<>&'"), "\\u003c\\u003e\\u0026\\u0027");
	ck_assert_str_eq(json("</script>"), "\\u003c/script\\u003e");
	ck_assert_str_eq(json("plain"), "plain");
}
END_TEST

START_TEST(test_json_controls)
{

	ck_assert_str_eq(json("\b\f\n\r\t"), "\\b\\f\\n\\r\\t");
	ck_assert_str_eq(json("\x01\x1f\x7f"), "\\u0001\\u001f\\u007f");
	ck_assert_str_eq(json("\xE2\x80\xA8\xE2\x80\xA9"), "\\u2028\\u2029");
}
END_TEST

START_TEST(test_json_utf8)
{

	ck_assert_str_eq(json("caf\xC3\xA9"), "caf\xC3\xA9");
	ck_assert_str_eq(json("a\xFF" "b"), "a\\ufffdb");
	ck_assert_str_eq(json("\xED\xBF\xBF"), "\\ufffd\\ufffd\\ufffd");
	json_escape(&out, NULL);
	ck_assert_str_eq(out.data, "\\ufffd\\ufffd\\ufffd");
}
END_TEST

START_TEST(test_url_decode_ok)
{

	ck_assert_str_eq(decoded(""), "");
	ck_assert_str_eq(decoded("plain"), "plain");
	ck_assert_str_eq(decoded("a+b++c"), "a b  c");
	ck_assert_str_eq(decoded("%41%62"), "Ab");
	ck_assert_str_eq(decoded("%2f%2F"), "//");
	ck_assert_str_eq(decoded("%2B"), "+");
	ck_assert_str_eq(decoded("%25"), "%");
	ck_assert_str_eq(decoded("%2541"), "%41");	/* decoded once */
	ck_assert_str_eq(decoded("%C3%A9"), "\xC3\xA9");
	ck_assert_str_eq(decoded("%FF"), "\xFF");	/* bytes, not checked */
	ck_assert_str_eq(decoded("a%20"), "a ");
}
END_TEST

START_TEST(test_url_decode_bad)
{
	static const char *const bad[] = {
		"%", "%4", "a%", "100%", "%zz", "%G0", "%0G", "%%41",
		"%00", "a%00b", "% 1", "%-1", "%+1",
	};
	char	 buf[32];
	size_t	 i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		strcpy(buf, bad[i]);
		ck_assert_msg(url_decode(buf) == -1, "accepted \"%s\"", bad[i]);
		ck_assert_uint_le(strlen(buf), strlen(bad[i]));
	}
}
END_TEST

START_TEST(test_utf8_valid)
{

	ck_assert_int_eq(utf8_valid("", 0), 1);
	ck_assert_int_eq(utf8_valid("ascii", 5), 1);
	ck_assert_int_eq(utf8_valid("\x7F", 1), 1);
	ck_assert_int_eq(utf8_valid("\xC2\x80", 2), 1);		/* U+0080 */
	ck_assert_int_eq(utf8_valid("\xDF\xBF", 2), 1);		/* U+07FF */
	ck_assert_int_eq(utf8_valid("\xE0\xA0\x80", 3), 1);	/* U+0800 */
	ck_assert_int_eq(utf8_valid("\xED\x9F\xBF", 3), 1);	/* U+D7FF */
	ck_assert_int_eq(utf8_valid("\xEE\x80\x80", 3), 1);	/* U+E000 */
	ck_assert_int_eq(utf8_valid("\xEF\xBF\xBF", 3), 1);	/* U+FFFF */
	ck_assert_int_eq(utf8_valid("\xF0\x90\x80\x80", 4), 1);	/* U+10000 */
	ck_assert_int_eq(utf8_valid("\xF4\x8F\xBF\xBF", 4), 1);	/* U+10FFFF */
	ck_assert_int_eq(utf8_valid("a\0b", 3), 1);
}
END_TEST

START_TEST(test_utf8_invalid)
{

	ck_assert_int_eq(utf8_valid("\x80", 1), 0);
	ck_assert_int_eq(utf8_valid("\xBF", 1), 0);
	ck_assert_int_eq(utf8_valid("\xC0\x80", 2), 0);		/* overlong */
	ck_assert_int_eq(utf8_valid("\xC1\xBF", 2), 0);
	ck_assert_int_eq(utf8_valid("\xE0\x80\x80", 3), 0);
	ck_assert_int_eq(utf8_valid("\xE0\x9F\xBF", 3), 0);
	ck_assert_int_eq(utf8_valid("\xF0\x80\x80\x80", 4), 0);
	ck_assert_int_eq(utf8_valid("\xF0\x8F\xBF\xBF", 4), 0);
	ck_assert_int_eq(utf8_valid("\xED\xA0\x80", 3), 0);	/* D800 */
	ck_assert_int_eq(utf8_valid("\xED\xBF\xBF", 3), 0);	/* DFFF */
	ck_assert_int_eq(utf8_valid("\xF4\x90\x80\x80", 4), 0);
	ck_assert_int_eq(utf8_valid("\xF5\x80\x80\x80", 4), 0);
	ck_assert_int_eq(utf8_valid("\xFE", 1), 0);
	ck_assert_int_eq(utf8_valid("\xFF", 1), 0);
	ck_assert_int_eq(utf8_valid("\xC3", 1), 0);		/* truncated */
	ck_assert_int_eq(utf8_valid("\xE2\x82", 2), 0);
	ck_assert_int_eq(utf8_valid("\xF0\x9F\x98", 3), 0);
	ck_assert_int_eq(utf8_valid("\xC3" "a", 2), 0);
	/* len is respected: a valid prefix of an invalid buffer */
	ck_assert_int_eq(utf8_valid("ab\xFF", 2), 1);
	ck_assert_int_eq(utf8_valid("\xC3\xA9", 1), 0);
}
END_TEST

START_TEST(test_utf8_length)
{

	ck_assert_uint_eq(utf8_length(""), 0);
	ck_assert_uint_eq(utf8_length("abc"), 3);
	ck_assert_uint_eq(utf8_length("\xC3\xA9"), 1);
	ck_assert_uint_eq(utf8_length("\xE2\x82\xAC"), 1);
	ck_assert_uint_eq(utf8_length("\xF0\x9F\x98\x80"), 1);
	ck_assert_uint_eq(utf8_length("a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80z"),
	    5);
	ck_assert_uint_eq(utf8_length("\xFF\xFF"), 2);
	ck_assert_uint_eq(utf8_length("\xE2\x82" "a"), 2);
}
END_TEST

static Suite *
esc_suite(void)
{
	Suite	*s = suite_create("esc");
	TCase	*tc;

	tc = tcase_create("html");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_html_each_special);
	tcase_add_test(tc, test_html_mixed);
	tcase_add_test(tc, test_html_appends);
	tcase_add_test(tc, test_html_utf8_kept);
	tcase_add_test(tc, test_html_controls);
	tcase_add_test(tc, test_html_invalid_utf8);
	suite_add_tcase(s, tc);

	tc = tcase_create("json");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_json_specials);
	tcase_add_test(tc, test_json_controls);
	tcase_add_test(tc, test_json_utf8);
	suite_add_tcase(s, tc);

	tc = tcase_create("url");
	tcase_add_test(tc, test_url_decode_ok);
	tcase_add_test(tc, test_url_decode_bad);
	suite_add_tcase(s, tc);

	tc = tcase_create("utf8");
	tcase_add_test(tc, test_utf8_valid);
	tcase_add_test(tc, test_utf8_invalid);
	tcase_add_test(tc, test_utf8_length);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(esc_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed;
}
