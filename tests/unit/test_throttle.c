/*
 * Unit tests for throttle.c.  Exit status: number of failed tests.
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "throttle.h"

static Suite	*throttle_suite(void);

START_TEST(test_delay)
{
	ck_assert_int_eq(throttle_delay_ms(0, 100), 0);
	ck_assert_int_eq(throttle_delay_ms(99, 100), 0);
	ck_assert_int_eq(throttle_delay_ms(100, 100), THROTTLE_STEP_MS);
	ck_assert_int_eq(throttle_delay_ms(101, 100), 2 * THROTTLE_STEP_MS);
	/* Grows with every failure, never past the cap. */
	ck_assert_int_lt(throttle_delay_ms(110, 100), throttle_delay_ms(111, 100));
	ck_assert_int_eq(throttle_delay_ms(129, 100), THROTTLE_MAX_MS);
	ck_assert_int_eq(throttle_delay_ms(100000, 100), THROTTLE_MAX_MS);
	ck_assert_int_eq(throttle_delay_ms(2147483647, 1), THROTTLE_MAX_MS);
	ck_assert_int_eq(throttle_delay_ms(-5, 100), 0);
}
END_TEST

static const char *
ip(const char *peer, const char *xff, const char *trusted)
{
	static char	out[64];

	ck_assert_int_eq(throttle_client_ip(peer, xff, trusted, out, sizeof(out)), 0);
	return (out);
}

START_TEST(test_untrusted_peer)
{
	/* No proxy configured, or a peer that is not one: the header is
	 * the client's own claim and is ignored. */
	ck_assert_str_eq(ip("127.0.0.1", "198.51.100.7", NULL), "127.0.0.1");
	ck_assert_str_eq(ip("127.0.0.1", "198.51.100.7", ""), "127.0.0.1");
	ck_assert_str_eq(ip("192.0.2.9", "198.51.100.7", "10.0.0.1, 10.0.0.2"),
	    "192.0.2.9");
	/* A proxy address as a prefix of the peer's is not a match. */
	ck_assert_str_eq(ip("10.0.0.10", "198.51.100.7", "10.0.0.1"), "10.0.0.10");
}
END_TEST

START_TEST(test_trusted_peer)
{
	ck_assert_str_eq(ip("10.0.0.1", "198.51.100.7", "10.0.0.1"), "198.51.100.7");
	ck_assert_str_eq(ip("10.0.0.1", " 198.51.100.7 ", "10.0.0.2,10.0.0.1"),
	    "198.51.100.7");
	/* The client's own entries come first: only the right-most
	 * untrusted one (what our proxy saw) counts. */
	ck_assert_str_eq(ip("10.0.0.1", "1.2.3.4, 203.0.113.5", "10.0.0.1"),
	    "203.0.113.5");
	/* Chained proxies are skipped. */
	ck_assert_str_eq(ip("10.0.0.1", "203.0.113.5, 10.0.0.2", "10.0.0.1 10.0.0.2"),
	    "203.0.113.5");
	ck_assert_str_eq(ip("::1", "2001:db8::5", "::1"), "2001:db8::5");
	/* Absent or empty header: the proxy itself. */
	ck_assert_str_eq(ip("10.0.0.1", NULL, "10.0.0.1"), "10.0.0.1");
	ck_assert_str_eq(ip("10.0.0.1", "", "10.0.0.1"), "10.0.0.1");
	/* Garbage where an address should be: the peer. */
	ck_assert_str_eq(ip("10.0.0.1", "1.2.3.4, <script>", "10.0.0.1"), "10.0.0.1");
	ck_assert_str_eq(ip("10.0.0.1", "unknown", "10.0.0.1"), "10.0.0.1");
	ck_assert_str_eq(ip("10.0.0.1", "1.2.3.4:80", "10.0.0.1"), "10.0.0.1");
}
END_TEST

START_TEST(test_too_long)
{
	char	out[8];

	ck_assert_int_eq(throttle_client_ip("192.0.2.200", NULL, NULL, out,
	    sizeof(out)), -1);
	ck_assert_uint_lt(strlen(out), sizeof(out));
}
END_TEST

START_TEST(test_cookie_names)
{
	ck_assert_str_eq(throttle_session_cookie(0), "portal_session");
	ck_assert_str_eq(throttle_presession_cookie(0), "portal_presession");
	ck_assert_str_eq(throttle_session_cookie(1), "__Host-portal_session");
	ck_assert_str_eq(throttle_presession_cookie(1), "__Host-portal_presession");
	/* Kore matches cookie names by prefix: neither may start the other. */
	ck_assert_int_ne(strncmp(throttle_session_cookie(1),
	    throttle_presession_cookie(1), strlen(throttle_session_cookie(1))), 0);
	ck_assert_int_ne(strncmp(throttle_presession_cookie(1),
	    throttle_session_cookie(1), strlen(throttle_presession_cookie(1))), 0);
}
END_TEST

static Suite *
throttle_suite(void)
{
	Suite	*s = suite_create("throttle");
	TCase	*tc = tcase_create("throttle");

	tcase_add_test(tc, test_delay);
	tcase_add_test(tc, test_untrusted_peer);
	tcase_add_test(tc, test_trusted_peer);
	tcase_add_test(tc, test_too_long);
	tcase_add_test(tc, test_cookie_names);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(throttle_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed);
}
