/*
 * password: password rules and argon2id hashing (pure module, libsodium).
 *
 * Callers call sodium_init() once before any function here.  Limits are
 * process-wide: set them at start-up, before worker threads or tasks
 * hash anything.
 */
#ifndef PASSWORD_H
#define PASSWORD_H

#include <stddef.h>

/* ---- password (portal/domain/password.c, portal/domain/common_passwords.c) ---- */

/* Result of password_check(); values only ever appended. */
enum pw_verdict {
	PW_OK,
	PW_EMPTY,	/* NULL or "" */
	PW_TOO_SHORT,	/* fewer than 12 code points */
	PW_TOO_LONG,	/* more than 128 code points */
	PW_COMMON,	/* in the common password list */
	PW_BAD_UTF8,	/* invalid UTF-8, or a control character */
	PW_IS_EMAIL	/* the account's email address or its local part */
};

/*
 * Checks a new password against the rules, in this order: present;
 * valid UTF-8 without control characters (C0, DEL, C1); 12 to 128 code
 * points; not equal, ignoring ASCII case, to email or to the part of
 * email before its last '@'; not in the common list.  email may be NULL
 * (no email rule).  No normalisation is applied.
 */
enum pw_verdict	 password_check(const char *pw, const char *email);

/*
 * The GOV.UK-style error message for a verdict: a static string, "" for
 * PW_OK.  Never echoes the password.
 */
const char	*password_message(enum pw_verdict);

/*
 * Returns 1 if pw, ignoring ASCII case, is in the common password list
 * (entries of 12 characters or more), else 0.  pw NULL returns 0.
 */
int		 password_is_common(const char *pw);

/* The i-th entry of the sorted common list, NULL past the end (tests). */
const char	*password_common_at(size_t i);

/*
 * Sets the argon2id cost for password_hash() and password_needs_rehash().
 * Each value is raised to crypto_pwhash_*_INTERACTIVE (the default) and
 * capped at crypto_pwhash_*_MAX.  Not thread-safe: call at start-up.
 */
void		 password_set_limits(unsigned long long opslimit,
		    size_t memlimit);

/*
 * Hashes pw with argon2id at the current limits into out, a
 * NUL-terminated crypto_pwhash_STRBYTES (128) string holding algorithm,
 * parameters and salt.  Returns 0, or -1 (pw NULL, out of memory) with
 * out emptied.
 */
int		 password_hash(const char *pw, char out[128]);

/*
 * Returns 1 if pw matches hash (a string from password_hash()), else 0:
 * also 0 for NULL arguments or a malformed or unterminated hash.
 */
int		 password_verify(const char *hash, const char *pw);

/*
 * Returns 1 if hash should be replaced: it is not an argon2id hash at
 * exactly the current limits (limits raised since, or malformed).  0 if
 * it is current.  Call after a successful password_verify().
 */
int		 password_needs_rehash(const char *hash);

/* ---- end password ---- */

#endif /* PASSWORD_H */
