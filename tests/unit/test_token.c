/*
 * Unit tests for token.c.  Exit status: number of failed tests.
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>
#include <sodium.h>

#include "token.h"

#define NTOKENS	1000

static char	tokens[NTOKENS][TOKEN_CHARS + 1];

static int	 cmp_token(const void *, const void *);
static Suite	*token_suite(void);

static int
cmp_token(const void *a, const void *b)
{

	return (strcmp(a, b));
}

START_TEST(test_new_shape)
{
	const char	*set = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "abcdefghijklmnopqrstuvwxyz0123456789-_";
	unsigned char	 bin[64];
	size_t		 i, binlen;

	for (i = 0; i < NTOKENS; i++) {
		memset(tokens[i], '#', sizeof(tokens[i]));
		token_new(tokens[i]);
		ck_assert_uint_eq(strlen(tokens[i]), TOKEN_CHARS);
		ck_assert_uint_eq(strspn(tokens[i], set), TOKEN_CHARS);
		ck_assert_int_eq(sodium_base642bin(bin, sizeof(bin),
		    tokens[i], TOKEN_CHARS, NULL, &binlen, NULL,
		    sodium_base64_VARIANT_URLSAFE_NO_PADDING), 0);
		ck_assert_uint_eq(binlen, 32);
	}
	qsort(tokens, NTOKENS, sizeof(tokens[0]), cmp_token);
	for (i = 1; i < NTOKENS; i++)
		ck_assert_str_ne(tokens[i - 1], tokens[i]);
}
END_TEST

START_TEST(test_hash_vectors)
{
	char	out[65];

	/* FIPS 180-2 example and the empty string. */
	token_hash("abc", out);
	ck_assert_str_eq(out, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	token_hash("", out);
	ck_assert_str_eq(out, "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855");
	token_hash(NULL, out);
	ck_assert_str_eq(out, "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855");
}
END_TEST

START_TEST(test_equal)
{
	char	a[TOKEN_CHARS + 1], b[TOKEN_CHARS + 1];

	token_new(a);
	memcpy(b, a, sizeof(b));
	ck_assert_int_eq(token_equal(a, b), 1);
	b[TOKEN_CHARS - 1] = b[TOKEN_CHARS - 1] == 'A' ? 'B' : 'A';
	ck_assert_int_eq(token_equal(a, b), 0);
	memcpy(b, a, sizeof(b));
	b[0] = b[0] == 'A' ? 'B' : 'A';
	ck_assert_int_eq(token_equal(a, b), 0);
	memcpy(b, a, sizeof(b));
	b[TOKEN_CHARS - 1] = '\0';
	ck_assert_int_eq(token_equal(a, b), 0);
	ck_assert_int_eq(token_equal(b, a), 0);
	ck_assert_int_eq(token_equal("", ""), 0);
	ck_assert_int_eq(token_equal(NULL, a), 0);
	ck_assert_int_eq(token_equal(a, NULL), 0);
	ck_assert_int_eq(token_equal(NULL, NULL), 0);
}
END_TEST

START_TEST(test_invite_code_shape)
{
	char	code[INVITE_CODE_CHARS + 2], norm[INVITE_CODE_CHARS + 1];
	char	other[INVITE_CODE_CHARS + 2];
	size_t	i;

	invite_code_new(code);
	ck_assert_uint_eq(strlen(code), INVITE_CODE_CHARS + 1);
	ck_assert_int_eq(code[5], '-');
	for (i = 0; i < strlen(code); i++)
		if (i != 5)
			ck_assert_ptr_nonnull(strchr("0123456789ABCDEFGHJKMNPQRSTVWXYZ", code[i]));
	/* What was mailed is accepted as typed, and canonical without its hyphen. */
	ck_assert_int_eq(invite_code_normalise(code, norm), 0);
	ck_assert_uint_eq(strlen(norm), INVITE_CODE_CHARS);
	ck_assert_int_eq(memcmp(norm, code, 5), 0);
	ck_assert_int_eq(memcmp(norm + 5, code + 6, 5), 0);
	invite_code_new(other);
	ck_assert_str_ne(code, other);
}
END_TEST

START_TEST(test_invite_code_normalise)
{
	char	out[INVITE_CODE_CHARS + 1];

	ck_assert_int_eq(invite_code_normalise("ab2cd-ef3gh", out), 0);
	ck_assert_str_eq(out, "AB2CDEF3GH");
	ck_assert_int_eq(invite_code_normalise(" AB2CD EF3GH ", out), 0);
	ck_assert_str_eq(out, "AB2CDEF3GH");
	/* Letters people confuse with digits read as the digits. */
	ck_assert_int_eq(invite_code_normalise("OIL00-11111", out), 0);
	ck_assert_str_eq(out, "0110011111");
	/* U is not in the alphabet; too short; too long; empty; NULL. */
	ck_assert_int_eq(invite_code_normalise("UB2CD-EF3GH", out), -1);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(invite_code_normalise("AB2CD-EF3G", out), -1);
	ck_assert_int_eq(invite_code_normalise("AB2CD-EF3GHJ", out), -1);
	ck_assert_str_eq(out, "");
	ck_assert_int_eq(invite_code_normalise("", out), -1);
	ck_assert_int_eq(invite_code_normalise(NULL, out), -1);
	ck_assert_int_eq(invite_code_normalise("AB2CD\nEF3GH", out), -1);
}
END_TEST

static Suite *
token_suite(void)
{
	Suite	*s = suite_create("token");
	TCase	*tc = tcase_create("token");

	tcase_add_test(tc, test_new_shape);
	tcase_add_test(tc, test_hash_vectors);
	tcase_add_test(tc, test_equal);
	tcase_add_test(tc, test_invite_code_shape);
	tcase_add_test(tc, test_invite_code_normalise);
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
	sr = srunner_create(token_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed);
}
