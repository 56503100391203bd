/*
 * Unit tests for totp.c: the RFC 4226 and RFC 6238 (SHA-1) vectors, the
 * drift window and replay rule, typed codes, base32, sealing, the QR
 * code.  Exit status: number of failed tests.
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <sodium.h>

#include "totp.h"

/* The RFCs' secret: "12345678901234567890" (20 bytes). */
static const unsigned char	rfc_key[TOTP_SECRET_BYTES] = "12345678901234567890";

static Suite	*totp_suite(void);

START_TEST(test_hotp_vectors)
{
	/* RFC 4226, appendix D: counters 0 to 9. */
	static const uint32_t	want[10] = { 755224, 287082, 359152, 969429,
	    338314, 254676, 287922, 162583, 399871, 520489 };
	uint64_t		i;

	for (i = 0; i < 10; i++)
		ck_assert_uint_eq(totp_code(rfc_key, sizeof(rfc_key), i), want[i]);
}
END_TEST

START_TEST(test_totp_vectors)
{
	/* RFC 6238, appendix B, SHA-1 rows, last six of the eight digits. */
	static const struct { int64_t t; uint32_t code; } v[] = {
		{ 59, 287082 }, { 1111111109, 81804 }, { 1111111111, 50471 },
		{ 1234567890, 5924 }, { 2000000000, 279037 },
		{ 20000000000LL, 353130 },
	};
	size_t	i;

	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		ck_assert_uint_eq(totp_code(rfc_key, sizeof(rfc_key),
		    (uint64_t)totp_step(v[i].t)), v[i].code);
		ck_assert_int_eq(totp_match(rfc_key, (long)v[i].code, v[i].t, 0),
		    totp_step(v[i].t));
	}
}
END_TEST

START_TEST(test_match_window_and_replay)
{
	int64_t		now = 1111111111, step = totp_step(now);
	long		before = (long)totp_code(rfc_key, 20, (uint64_t)(step - 1));
	long		after = (long)totp_code(rfc_key, 20, (uint64_t)(step + 1));
	long		far = (long)totp_code(rfc_key, 20, (uint64_t)(step - 2));
	long		cur = (long)totp_code(rfc_key, 20, (uint64_t)step);

	/* 30 s of drift either way is accepted, 60 s is not. */
	ck_assert_int_eq(totp_match(rfc_key, before, now, 0), step - 1);
	ck_assert_int_eq(totp_match(rfc_key, after, now, 0), step + 1);
	ck_assert_int_eq(totp_match(rfc_key, far, now, 0), -1);
	/* Once a step is used, neither it nor an earlier one is taken. */
	ck_assert_int_eq(totp_match(rfc_key, cur, now, step), -1);
	ck_assert_int_eq(totp_match(rfc_key, before, now, step - 1), -1);
	ck_assert_int_eq(totp_match(rfc_key, after, now, step), step + 1);
	/* A wrong code, a code that is not one. */
	ck_assert_int_eq(totp_match(rfc_key, (cur + 1) % 1000000, now, 0) ==
	    step, 0);
	ck_assert_int_eq(totp_match(rfc_key, -1, now, 0), -1);
}
END_TEST

START_TEST(test_parse)
{
	ck_assert_int_eq(totp_parse("123456"), 123456);
	ck_assert_int_eq(totp_parse("012345"), 12345);
	ck_assert_int_eq(totp_parse("123 456"), 123456);
	ck_assert_int_eq(totp_parse(" 123-456 "), 123456);
	ck_assert_int_eq(totp_parse("12345"), -1);
	ck_assert_int_eq(totp_parse("1234567"), -1);
	ck_assert_int_eq(totp_parse("12345a"), -1);
	ck_assert_int_eq(totp_parse("１２３４５６"), -1);
	ck_assert_int_eq(totp_parse(""), -1);
	ck_assert_int_eq(totp_parse(NULL), -1);
}
END_TEST

START_TEST(test_base32)
{
	char	plain[TOTP_BASE32_CHARS + 1];
	char	grouped[TOTP_BASE32_CHARS + TOTP_BASE32_CHARS / 4];

	totp_base32(rfc_key, plain);
	ck_assert_str_eq(plain, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
	totp_base32_grouped(rfc_key, grouped);
	ck_assert_str_eq(grouped, "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ");
}
END_TEST

START_TEST(test_seal)
{
	unsigned char	sealkey[32], other[32], key[TOTP_SECRET_BYTES];
	unsigned char	key2[TOTP_SECRET_BYTES];
	char		a[TOTP_SEALED_CHARS + 1], b[TOTP_SEALED_CHARS + 1];

	randombytes_buf(sealkey, sizeof(sealkey));
	randombytes_buf(other, sizeof(other));
	totp_new_sealed(sealkey, a);
	totp_new_sealed(sealkey, b);
	ck_assert_uint_eq(strlen(a), TOTP_SEALED_CHARS);
	ck_assert_str_ne(a, b);
	ck_assert_int_eq(totp_unseal(sealkey, a, key), 0);
	ck_assert_int_eq(totp_unseal(sealkey, b, key2), 0);
	ck_assert_int_ne(memcmp(key, key2, sizeof(key)), 0);
	/* Another key, a flipped digit, a cut or empty value: refused. */
	ck_assert_int_eq(totp_unseal(other, a, key), -1);
	a[70] = a[70] == '0' ? '1' : '0';
	ck_assert_int_eq(totp_unseal(sealkey, a, key), -1);
	ck_assert_int_eq(totp_unseal(sealkey, b + 2, key), -1);
	ck_assert_int_eq(totp_unseal(sealkey, "", key), -1);
	ck_assert_int_eq(totp_unseal(sealkey, NULL, key), -1);
}
END_TEST

START_TEST(test_qr)
{
	char	*path;
	int	 width = 0;

	path = totp_qr_path("otpauth://totp/EHC%20Advice%20Portal:ep%40demo.test"
	    "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=EHC%20Advice%20Portal",
	    &width);
	ck_assert_ptr_nonnull(path);
	/* A QR symbol is 17 + 4 × version modules (version 7 for this
	 * at level M), plus 4 modules of quiet zone each side. */
	ck_assert_int_eq(width, 17 + 4 * 7 + 8);
	/* The three finder patterns' corners are dark. */
	ck_assert_ptr_nonnull(strstr(path, "M4 4h1v1h-1z"));
	ck_assert_int_eq(strspn(path, "Mhvz0123456789 -"), strlen(path));
	free(path);
}
END_TEST

static Suite *
totp_suite(void)
{
	Suite	*s = suite_create("totp");
	TCase	*tc = tcase_create("totp");

	tcase_add_test(tc, test_hotp_vectors);
	tcase_add_test(tc, test_totp_vectors);
	tcase_add_test(tc, test_match_window_and_replay);
	tcase_add_test(tc, test_parse);
	tcase_add_test(tc, test_base32);
	tcase_add_test(tc, test_seal);
	tcase_add_test(tc, test_qr);
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
	sr = srunner_create(totp_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed);
}
