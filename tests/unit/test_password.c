/*
 * Unit tests for password.c and common_passwords.c.
 * Exit status: number of failed tests.
 *
 * Argon2id at the interactive cost takes 64 MiB and is slow under
 * valgrind: the hashing tests compute only two hashes and two checks.
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <sodium.h>

#include "password.h"

#define EMAIL	"christopher.long@example.org"

static char	rep_buf[4 * 200 + 1];

static const char	*rep(const char *, size_t);
static Suite		*password_suite(void);
static void		 limits_reset(void);

/* unit repeated n times, in a static buffer. */
static const char *
rep(const char *unit, size_t n)
{
	size_t	len = strlen(unit), i;

	ck_assert_uint_lt(len * n, sizeof(rep_buf));
	for (i = 0; i < n; i++)
		memcpy(rep_buf + i * len, unit, len);
	rep_buf[n * len] = '\0';
	return (rep_buf);
}

/* Teardown: a failed test must not leave raised limits to the next. */
static void
limits_reset(void)
{

	password_set_limits(0, 0);
}

START_TEST(test_empty)
{
	ck_assert_int_eq(password_check(NULL, EMAIL), PW_EMPTY);
	ck_assert_int_eq(password_check("", EMAIL), PW_EMPTY);
}
END_TEST

/* 11/12/128/129 code points; multi-byte units make byte counts wrong. */
static const char *const units[] = {
	"k",			/* 1 byte ("aaaaaaaaaaaa" is common) */
	"\xC3\xA9",		/* U+00E9 é, 2 bytes */
	"\xE2\x82\xAC",		/* U+20AC €, 3 bytes */
	"\xF0\x9F\x98\x80",	/* U+1F600, 4 bytes */
	"\xF4\x8F\xBF\xBF",	/* U+10FFFF, the last code point */
};

START_TEST(test_length_boundaries)
{
	const char	*u = units[_i];

	ck_assert_int_eq(password_check(rep(u, 11), NULL), PW_TOO_SHORT);
	ck_assert_int_eq(password_check(rep(u, 12), NULL), PW_OK);
	ck_assert_int_eq(password_check(rep(u, 128), NULL), PW_OK);
	ck_assert_int_eq(password_check(rep(u, 129), NULL), PW_TOO_LONG);
}
END_TEST

START_TEST(test_length_mixed)
{
	/* 6 ASCII + 2 × (é € U+1F600) = 12 code points, 24 bytes. */
	const char	*pw = "abc\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"
	    "def\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80";

	ck_assert_int_eq(password_check(pw, NULL), PW_OK);
	ck_assert_int_eq(password_check(pw + 1, NULL), PW_TOO_SHORT);
}
END_TEST

START_TEST(test_common_mixed_case)
{
	ck_assert_int_eq(password_check("PassWord1234", EMAIL), PW_COMMON);
	ck_assert_int_eq(password_check("QWERTYUIOPASDFGH", EMAIL),
	    PW_COMMON);
	ck_assert_int_eq(password_check("1Q2W3E4R5T6Y", EMAIL), PW_COMMON);
	ck_assert_int_eq(password_check("Summer@2024!", EMAIL), PW_COMMON);
	ck_assert_int_eq(password_is_common("iLoveYou1234"), 1);
	ck_assert_int_eq(password_is_common("passwordpassword"), 1);
	ck_assert_int_eq(password_is_common("123456789012"), 1);
	/* Near misses are not common: the list is matched exactly. */
	ck_assert_int_eq(password_is_common("password12345x"), 0);
	ck_assert_int_eq(password_is_common("password123"), 0);
	ck_assert_int_eq(password_is_common("demo-password"), 0);
	ck_assert_int_eq(password_is_common(NULL), 0);
	ck_assert_int_eq(password_check("demo-password-2026",
	    "caseworker@demo.test"), PW_OK);
}
END_TEST

/* The list's invariants, on which bsearch() depends. */
START_TEST(test_common_list_sorted)
{
	const char	*prev = NULL, *e;
	char		 upper[256];
	size_t		 i, j;

	for (i = 0; (e = password_common_at(i)) != NULL; prev = e, i++) {
		ck_assert_msg(strlen(e) >= 12, "short entry %s", e);
		ck_assert_uint_lt(strlen(e), sizeof(upper));
		for (j = 0; e[j] != '\0'; j++) {
			ck_assert_msg(!(e[j] >= 'A' && e[j] <= 'Z'),
			    "uppercase in %s", e);
			ck_assert_msg((unsigned char)e[j] < 0x80,
			    "non-ASCII in %s", e);
			upper[j] = (e[j] >= 'a' && e[j] <= 'z') ?
			    e[j] - 'a' + 'A' : e[j];
		}
		upper[j] = '\0';
		if (prev != NULL)
			ck_assert_msg(strcmp(prev, e) < 0,
			    "not sorted: %s before %s", prev, e);
		ck_assert_msg(password_is_common(e), "not found: %s", e);
		ck_assert_msg(password_is_common(upper), "not found: %s",
		    upper);
	}
	ck_assert_uint_ge(i, 300);
}
END_TEST

START_TEST(test_email)
{
	ck_assert_int_eq(password_check(EMAIL, EMAIL), PW_IS_EMAIL);
	ck_assert_int_eq(password_check("Christopher.Long@Example.ORG",
	    EMAIL), PW_IS_EMAIL);
	ck_assert_int_eq(password_check("CHRISTOPHER.LONG", EMAIL),
	    PW_IS_EMAIL);
	ck_assert_int_eq(password_check("christopher.long2", EMAIL), PW_OK);
	ck_assert_int_eq(password_check("christopher.lon", EMAIL), PW_OK);
	ck_assert_int_eq(password_check("christopher.long", NULL), PW_OK);
	ck_assert_int_eq(password_check("christopher.long", ""), PW_OK);
	ck_assert_int_eq(password_check("christopher.long",
	    "@christopher.long"), PW_OK);
}
END_TEST

/* Each embedded in otherwise valid text of 12+ code points. */
static const char *const bad_utf8[] = {
	"abcdefghijk\xC3\x28",		/* bad continuation */
	"abcdefghijk\xC0\xAF",		/* overlong '/' */
	"abcdefghijk\xE0\x80\xAF",	/* overlong, 3 bytes */
	"abcdefghijk\xED\xA0\x80",	/* surrogate U+D800 */
	"abcdefghijk\xF4\x90\x80\x80",	/* U+110000 */
	"abcdefghijk\xF5\x80\x80\x80",	/* lead byte past F4 */
	"abcdefghijk\xE2\x82",		/* truncated at the end */
	"abcdefghijk\x80xyz",		/* lone continuation */
	"abcdefghijk\xFFxyz",
	"abcdefghijk\x01xyz",		/* C0 control */
	"abcdefghijk\nxyz",
	"abcdefghijk\x7Fxyz",		/* DEL */
	"abcdefghijk\xC2\x85xyz",	/* C1 control NEL */
	"\xE2\x82",			/* short and truncated */
};

START_TEST(test_bad_utf8)
{
	ck_assert_int_eq(password_check(bad_utf8[_i], NULL), PW_BAD_UTF8);
}
END_TEST

START_TEST(test_messages)
{
	ck_assert_str_eq(password_message(PW_OK), "");
	ck_assert_str_eq(password_message(PW_EMPTY), "Enter a password");
	ck_assert_str_eq(password_message(PW_TOO_SHORT),
	    "Password must be 12 characters or more");
	ck_assert_str_eq(password_message(PW_TOO_LONG),
	    "Password must be 128 characters or fewer");
	ck_assert_str_eq(password_message(PW_COMMON),
	    "Password is too common. Choose a different password");
	ck_assert_str_eq(password_message(PW_BAD_UTF8),
	    "Password contains characters that cannot be used");
	ck_assert_str_eq(password_message(PW_IS_EMAIL),
	    "Password must not be your email address");
	ck_assert_ptr_nonnull(password_message((enum pw_verdict)99));
}
END_TEST

START_TEST(test_hash_round_trip)
{
	char	hash[128], again[128];
	char	pw[] = "correct-horse-battery-staple";

	ck_assert_int_eq(password_hash(pw, hash), 0);
	ck_assert_msg(strncmp(hash, "$argon2id$v=19$m=65536,t=2,p=1$",
	    31) == 0, "not argon2id at the interactive cost: %s", hash);
	ck_assert_int_eq(password_verify(hash, pw), 1);
	pw[0] = 'C';
	ck_assert_int_eq(password_verify(hash, pw), 0);

	/* A fresh salt each time. */
	ck_assert_int_eq(password_hash(pw, again), 0);
	ck_assert_str_ne(hash, again);
}
END_TEST

START_TEST(test_needs_rehash)
{
	char	hash[128];

	ck_assert_int_eq(password_hash("demo-password-2026", hash), 0);
	ck_assert_int_eq(password_needs_rehash(hash), 0);

	password_set_limits(crypto_pwhash_OPSLIMIT_INTERACTIVE + 1,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE);
	ck_assert_int_eq(password_needs_rehash(hash), 1);
	password_set_limits(crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE * 2);
	ck_assert_int_eq(password_needs_rehash(hash), 1);

	/* Never below interactive: asking for less gives interactive. */
	password_set_limits(1, 1024);
	ck_assert_int_eq(password_needs_rehash(hash), 0);
}
END_TEST

/* Cheap refusals: no argon2 work is done for any of these. */
START_TEST(test_bad_hashes)
{
	char	unterminated[128];

	memset(unterminated, 'a', sizeof(unterminated));
	ck_assert_int_eq(password_verify(NULL, "x"), 0);
	ck_assert_int_eq(password_verify("", "x"), 0);
	ck_assert_int_eq(password_verify("$argon2id$nonsense", "x"), 0);
	ck_assert_int_eq(password_verify(unterminated, "x"), 0);
	ck_assert_int_eq(password_needs_rehash(NULL), 1);
	ck_assert_int_eq(password_needs_rehash(""), 1);
	ck_assert_int_eq(password_needs_rehash("$argon2id$nonsense"), 1);
	ck_assert_int_eq(password_needs_rehash(unterminated), 1);
	ck_assert_int_eq(password_needs_rehash(
	    "$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$"
	    "iekCn0Y3spW+sCcFanM2xBT63UP2sghkUoHLIUpWRS8"), 1);
}
END_TEST

static Suite *
password_suite(void)
{
	Suite	*s = suite_create("password");
	TCase	*tc;

	tc = tcase_create("rules");
	tcase_add_test(tc, test_empty);
	tcase_add_loop_test(tc, test_length_boundaries, 0,
	    sizeof(units) / sizeof(units[0]));
	tcase_add_test(tc, test_length_mixed);
	tcase_add_test(tc, test_common_mixed_case);
	tcase_add_test(tc, test_common_list_sorted);
	tcase_add_test(tc, test_email);
	tcase_add_loop_test(tc, test_bad_utf8, 0,
	    sizeof(bad_utf8) / sizeof(bad_utf8[0]));
	tcase_add_test(tc, test_messages);
	suite_add_tcase(s, tc);

	tc = tcase_create("hash");
	tcase_set_timeout(tc, 300);
	tcase_add_checked_fixture(tc, NULL, limits_reset);
	tcase_add_test(tc, test_hash_round_trip);
	tcase_add_test(tc, test_needs_rehash);
	tcase_add_test(tc, test_bad_hashes);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	if (sodium_init() < 0)
		return (EXIT_FAILURE);
	sr = srunner_create(password_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed);
}
