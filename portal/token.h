/*
 * token: random session, CSRF and reset tokens (pure module, libsodium).
 *
 * Callers call sodium_init() once before any function here.  Tokens
 * are stored only as token_hash(); the token itself goes to the client.
 */
#ifndef TOKEN_H
#define TOKEN_H

/* ---- token (portal/token.c) ---- */

#define TOKEN_CHARS	43	/* base64url (no padding) of 32 random bytes */

/*
 * Writes a new token into out: 32 bytes from the system CSPRNG as
 * base64url without padding, TOKEN_CHARS characters from [A-Za-z0-9_-]
 * and a NUL.  Cannot fail (libsodium aborts if the CSPRNG does).
 */
void	token_new(char out[TOKEN_CHARS + 1]);

/*
 * Writes the SHA-256 of the bytes of token (without its NUL) into out
 * as 64 lowercase hex digits and a NUL.  token NULL hashes "".
 */
void	token_hash(const char *token, char out[65]);

/*
 * Returns 1 if a and b are the same non-empty string, else 0.  Strings
 * of equal length are compared in constant time; a length mismatch
 * returns 0 at once (token lengths are public).  NULL or "" is never
 * equal to anything, so a missing token never matches a missing one.
 */
int	token_equal(const char *a, const char *b);

/* ---- end token ---- */

#endif /* TOKEN_H */
