/*
 * token: random session, CSRF and reset tokens (pure module, libsodium).
 *
 * Callers call sodium_init() once before any function here.  Tokens
 * are stored only as token_hash(); the token itself goes to the client.
 */
#ifndef TOKEN_H
#define TOKEN_H

/* ---- token (portal/domain/token.c) ---- */

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

/*
 * Invitation codes: typed by a person from an email, so short and
 * unambiguous. 10 characters of Crockford's base32 (50 bits), shown as
 * XXXXX-XXXXX. Guessing is held off by sign-in throttling and a 14-day
 * life; only token_hash() of the normalised code is stored.
 */
#define INVITE_CODE_CHARS	10

/* A new code for display: "XXXXX-XXXXX" and a NUL. */
void	invite_code_new(char out[INVITE_CODE_CHARS + 2]);

/*
 * The code as typed → its canonical 10 characters: case, spaces and
 * hyphens ignored, O read as 0 and I or L as 1. 0 ok; -1 if it is not
 * 10 such characters (out is then "").
 */
int	invite_code_normalise(const char *in, char out[INVITE_CODE_CHARS + 1]);

/* ---- end token ---- */

#endif /* TOKEN_H */
