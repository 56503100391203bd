/*
 * token: random tokens, their hashes and comparison.  See token.h.
 *
 * 32 random bytes give 256 bits: guessing a live token is hopeless, so
 * a plain (unsalted, fast) SHA-256 is enough to keep the stored form
 * useless to someone who reads the database.
 */
#include <string.h>

#include <sodium.h>

#include "token.h"

#define TOKEN_BYTES	32

/* The encoded length must be what TOKEN_CHARS promises callers. */
typedef char	token_chars_fit[sodium_base64_ENCODED_LEN(TOKEN_BYTES,
    sodium_base64_VARIANT_URLSAFE_NO_PADDING) == TOKEN_CHARS + 1 ? 1 : -1];

void
token_new(char out[TOKEN_CHARS + 1])
{
	unsigned char	buf[TOKEN_BYTES];

	randombytes_buf(buf, sizeof(buf));
	sodium_bin2base64(out, TOKEN_CHARS + 1, buf, sizeof(buf),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(buf, sizeof(buf));
}

void
token_hash(const char *token, char out[65])
{
	unsigned char	digest[crypto_hash_sha256_BYTES];

	if (token == NULL)
		token = "";
	crypto_hash_sha256(digest, (const unsigned char *)token,
	    strlen(token));
	sodium_bin2hex(out, 65, digest, sizeof(digest));
}

int
token_equal(const char *a, const char *b)
{
	size_t	len;

	if (a == NULL || b == NULL || (len = strlen(a)) == 0 ||
	    strlen(b) != len)
		return (0);
	return (sodium_memcmp(a, b, len) == 0);
}

static const char	crockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

void
invite_code_new(char out[INVITE_CODE_CHARS + 2])
{
	size_t	i, n = 0;

	for (i = 0; i < INVITE_CODE_CHARS; i++) {
		if (i == INVITE_CODE_CHARS / 2)
			out[n++] = '-';
		out[n++] = crockford[randombytes_uniform(32)];
	}
	out[n] = '\0';
}

int
invite_code_normalise(const char *in, char out[INVITE_CODE_CHARS + 1])
{
	size_t	n = 0;
	char	ch;

	out[0] = '\0';
	for (; in != NULL && *in != '\0'; in++) {
		ch = *in;
		if (ch == ' ' || ch == '-' || ch == '\t')
			continue;
		if (ch >= 'a' && ch <= 'z')
			ch = (char)(ch - 'a' + 'A');
		if (ch == 'O')
			ch = '0';
		else if (ch == 'I' || ch == 'L')
			ch = '1';
		if (ch == '\0' || strchr(crockford, ch) == NULL ||
		    n == INVITE_CODE_CHARS) {
			out[0] = '\0';
			return (-1);
		}
		out[n++] = ch;
	}
	out[n] = '\0';
	if (n != INVITE_CODE_CHARS) {
		out[0] = '\0';
		return (-1);
	}
	return (0);
}
