/*
 * Unit tests for reqhead.c: the request head read before the body, and
 * which body limit a route gets.  Exit status: number of failed tests.
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "reqhead.h"

static Suite	*reqhead_suite(void);

#define HEAD(s)	(s), sizeof(s) - 1

START_TEST(test_incomplete_waits)
{
	struct reqhead	h;

	ck_assert_int_eq(reqhead_parse(HEAD("POST /sign-in HTTP/1.1\r\nHost: x\r\n"), &h), 0);
	ck_assert_int_eq(reqhead_parse(HEAD(""), &h), 0);
}
END_TEST

START_TEST(test_request_line)
{
	struct reqhead	h;

	ck_assert_int_eq(reqhead_parse(HEAD("POST /requests/12/documents?x=1 HTTP/1.1\r\n"
	    "Host: x\r\ncontent-length:  31457280 \r\n\r\nbody"), &h), 1);
	ck_assert_str_eq(h.method, "POST");
	ck_assert_str_eq(h.path, "/requests/12/documents");
	ck_assert_int_eq(h.content_length, 31457280);
	/* Bare \n line ends, as Kore accepts them. */
	ck_assert_int_eq(reqhead_parse(HEAD("GET / HTTP/1.1\nHost: x\n\n"), &h), 1);
	ck_assert_str_eq(h.path, "/");
	ck_assert_int_eq(h.content_length, -1);
}
END_TEST

START_TEST(test_malformed_refused)
{
	struct reqhead	h;
	char		buf[600];

	ck_assert_int_eq(reqhead_parse(HEAD("POSTPOSTPOST / HTTP/1.1\r\n\r\n"), &h), -1);
	ck_assert_int_eq(reqhead_parse(HEAD(" / HTTP/1.1\r\n\r\n"), &h), -1);
	memset(buf, 'a', sizeof(buf));
	memcpy(buf, "GET /", 5);
	memcpy(buf + sizeof(buf) - 4, "\r\n\r\n", 4);
	ck_assert_int_eq(reqhead_parse(buf, sizeof(buf), &h), -1);
}
END_TEST

START_TEST(test_content_length_not_a_number)
{
	struct reqhead	h;

	ck_assert_int_eq(reqhead_parse(HEAD("POST / HTTP/1.1\r\nContent-Length: 12x\r\n\r\n"), &h), 1);
	ck_assert_int_eq(h.content_length, -1);
	ck_assert_int_eq(reqhead_parse(HEAD("POST / HTTP/1.1\r\nContent-Length: -5\r\n\r\n"), &h), 1);
	ck_assert_int_eq(h.content_length, -1);
	ck_assert_int_eq(reqhead_parse(HEAD("POST / HTTP/1.1\r\nContent-Length: "
	    "99999999999999999999999\r\n\r\n"), &h), 1);
	ck_assert_int_eq(h.content_length, -1);
}
END_TEST

START_TEST(test_cookie)
{
	struct reqhead	h;
	char		v[64];

	ck_assert_int_eq(reqhead_parse(HEAD("POST / HTTP/1.1\r\nHost: x\r\n"
	    "Cookie: portal_presession=aaa; portal_session=tok123 \r\n"
	    "cookie: other=1\r\n\r\n"), &h), 1);
	ck_assert_int_eq(reqhead_cookie(&h, "portal_session", v, sizeof(v)), 0);
	ck_assert_str_eq(v, "tok123");
	ck_assert_int_eq(reqhead_cookie(&h, "other", v, sizeof(v)), 0);
	ck_assert_str_eq(v, "1");
	/* Exact names only: not a prefix, not a suffix. */
	ck_assert_int_eq(reqhead_cookie(&h, "portal", v, sizeof(v)), -1);
	ck_assert_int_eq(reqhead_cookie(&h, "session", v, sizeof(v)), -1);
	/* Too long for the caller's buffer: absent. */
	ck_assert_int_eq(reqhead_cookie(&h, "portal_session", v, 4), -1);
	/* The body is not the head. */
	ck_assert_int_eq(reqhead_parse(HEAD("POST / HTTP/1.1\r\n\r\nCookie: a=b\r\n"), &h), 1);
	ck_assert_int_eq(reqhead_cookie(&h, "a", v, sizeof(v)), -1);
}
END_TEST

START_TEST(test_body_class)
{
	ck_assert_int_eq(body_class("POST", "/requests/7/documents"), BODY_UPLOAD);
	ck_assert_int_eq(body_class("POST", "/bench/discard"), BODY_UPLOAD);
	ck_assert_int_eq(body_class("POST", "/requests/7/advice"), BODY_FORM);
	ck_assert_int_eq(body_class("POST", "/api/v1/assessments"), BODY_FORM);
	/* Everything else, and anything near a match, is small. */
	ck_assert_int_eq(body_class("POST", "/sign-in"), BODY_SMALL);
	ck_assert_int_eq(body_class("GET", "/requests/7/documents"), BODY_SMALL);
	ck_assert_int_eq(body_class("post", "/requests/7/documents"), BODY_SMALL);
	ck_assert_int_eq(body_class("POST", "/requests/7/documents/"), BODY_SMALL);
	ck_assert_int_eq(body_class("POST", "/requests//documents"), BODY_SMALL);
	ck_assert_int_eq(body_class("POST", "/requests/x/documents"), BODY_SMALL);
	ck_assert_int_eq(body_class("POST", "/requests/1234567890123456789/documents"),
	    BODY_SMALL);
	ck_assert_int_eq(body_class("POST", "/assessments"), BODY_SMALL);
	ck_assert_int_eq(body_class("PUT", "/api/v1/assessments"), BODY_SMALL);
	/* The case import: its own class, the upload path only. */
	ck_assert_int_eq(body_class("POST", "/admin/import"), BODY_IMPORT);
	ck_assert_int_eq(body_class("GET", "/admin/import"), BODY_SMALL);
	ck_assert_int_eq(body_class("POST", "/admin/import/7/confirm"), BODY_SMALL);
	ck_assert_int_eq(body_class("POST", "/admin/import/"), BODY_SMALL);
}
END_TEST

/* The advice form's .docx upload is an upload (issue 12), not a 64 KB form. */
START_TEST(test_body_class_form_docx)
{
	ck_assert_int_eq(body_class("POST", "/requests/7/form.docx"), BODY_UPLOAD);
	ck_assert_int_eq(body_class("GET", "/requests/7/form.docx"), BODY_SMALL);
	ck_assert_int_eq(body_class("POST", "/requests/x/form.docx"), BODY_SMALL);
	ck_assert_int_eq(body_class("POST", "/assessments/7/form.docx"), BODY_SMALL);
}
END_TEST

static Suite *
reqhead_suite(void)
{
	Suite	*s = suite_create("reqhead");
	TCase	*tc = tcase_create("reqhead");

	tcase_add_test(tc, test_incomplete_waits);
	tcase_add_test(tc, test_request_line);
	tcase_add_test(tc, test_malformed_refused);
	tcase_add_test(tc, test_content_length_not_a_number);
	tcase_add_test(tc, test_cookie);
	tcase_add_test(tc, test_body_class);
	tcase_add_test(tc, test_body_class_form_docx);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(reqhead_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed);
}
