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
