/*
 * password: password rules and argon2id hashing.  See password.h.
 *
 * Length is counted in Unicode code points, as a person counts
 * characters, so the limits mean the same for "é" as for "e".  The UTF-8
 * decoder is local so this module needs nothing but libsodium.
 */
#include <stdint.h>
#include <string.h>

#include <sodium.h>

#include "password.h"

#define PW_MIN		12	/* code points */
#define PW_MAX		128	/* code points */
#define PW_BAD_LEN	((size_t)-1)

/* password_hash() writes into char[128]: it must be the whole string. */
typedef char	pw_strbytes_is_128[crypto_pwhash_STRBYTES == 128 ? 1 : -1];

/*
 * Well-formed UTF-8 (The Unicode Standard, table 3-7) by lead byte: the
 * range of the second byte excludes overlongs (E0, F0), surrogates (ED)
 * and values past U+10FFFF (F4).  Later bytes are always 80..BF.
 */
static const struct utf8_lead {
	unsigned char	 min, max;	/* lead byte range */
	unsigned char	 lo, hi;	/* second byte range */
	unsigned char	 len;		/* bytes in the sequence */
	unsigned char	 mask;		/* value bits of the lead byte */
} utf8_leads[] = {
	{ 0x00, 0x7F, 0x00, 0x00, 1, 0x7F },
	{ 0xC2, 0xDF, 0x80, 0xBF, 2, 0x1F },
	{ 0xE0, 0xE0, 0xA0, 0xBF, 3, 0x0F },
	{ 0xE1, 0xEC, 0x80, 0xBF, 3, 0x0F },
	{ 0xED, 0xED, 0x80, 0x9F, 3, 0x0F },
	{ 0xEE, 0xEF, 0x80, 0xBF, 3, 0x0F },
	{ 0xF0, 0xF0, 0x90, 0xBF, 4, 0x07 },
	{ 0xF1, 0xF3, 0x80, 0xBF, 4, 0x07 },
	{ 0xF4, 0xF4, 0x80, 0x8F, 4, 0x07 },
};

#define NLEADS	(sizeof(utf8_leads) / sizeof(utf8_leads[0]))

/* Indexed by enum pw_verdict. */
static const char *const pw_messages[] = {
	[PW_OK] = "",
	[PW_EMPTY] = "Enter a password",
	[PW_TOO_SHORT] = "Password must be 12 characters or more",
	[PW_TOO_LONG] = "Password must be 128 characters or fewer",
	[PW_COMMON] = "Password is too common. Choose a different password",
	[PW_BAD_UTF8] = "Password contains characters that cannot be used",
	[PW_IS_EMAIL] = "Password must not be your email address",
};

#define NMESSAGES	(sizeof(pw_messages) / sizeof(pw_messages[0]))

/* Current argon2id cost; see password_set_limits(). */
static unsigned long long	pw_opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
static size_t			pw_memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

static size_t	utf8_decode(const unsigned char *, uint32_t *);
static size_t	pw_length(const char *);
static int	is_control(uint32_t);
static int	same_fold(const char *, const char *, size_t);
static int	is_email(const char *, const char *);

/*
 * Decodes the code point at s (NUL-terminated) into *cp.  Returns its
 * length in bytes, or 0 if the sequence is ill-formed.  The terminating
 * NUL fails the continuation test, so nothing past it is read.
 */
static size_t
utf8_decode(const unsigned char *s, uint32_t *cp)
{
	const struct utf8_lead	*l;
	size_t			 i;
	unsigned char		 lo, hi;

	for (l = utf8_leads; l < utf8_leads + NLEADS; l++)
		if (s[0] >= l->min && s[0] <= l->max)
			break;
	if (l == utf8_leads + NLEADS)
		return (0);
	*cp = s[0] & l->mask;
	for (i = 1; i < l->len; i++) {
		lo = i == 1 ? l->lo : 0x80;
		hi = i == 1 ? l->hi : 0xBF;
		if (s[i] < lo || s[i] > hi)
			return (0);
		*cp = (*cp << 6) | (s[i] & 0x3F);
	}
	return (l->len);
}

/* C0 controls, DEL and C1 controls: nothing a person types as a password. */
static int
is_control(uint32_t cp)
{

	return (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F));
}

/*
 * Returns the number of code points in pw, or PW_BAD_LEN if it is not
 * well-formed UTF-8 or holds a control character.
 */
static size_t
pw_length(const char *pw)
{
	const unsigned char	*s = (const unsigned char *)pw;
	uint32_t		 cp;
	size_t			 n, len;

	for (n = 0; *s != '\0'; n++, s += len)
		if ((len = utf8_decode(s, &cp)) == 0 || is_control(cp))
			return (PW_BAD_LEN);
	return (n);
}

/* 1 if a is exactly the blen bytes at b, ignoring ASCII case. */
static int
same_fold(const char *a, const char *b, size_t blen)
{
	size_t	i;
	int	ca, cb;

	for (i = 0; i < blen; i++) {
		ca = (unsigned char)a[i];
		cb = (unsigned char)b[i];
		if (ca == '\0')
			return (0);
		if (ca >= 'A' && ca <= 'Z')
			ca += 'a' - 'A';
		if (cb >= 'A' && cb <= 'Z')
			cb += 'a' - 'A';
		if (ca != cb)
			return (0);
	}
	return (a[blen] == '\0');
}

/* 1 if pw is email, or email's local part (before the last '@'). */
static int
is_email(const char *pw, const char *email)
{
	const char	*at;

	if (email == NULL || *email == '\0')
		return (0);
	if (same_fold(pw, email, strlen(email)))
		return (1);
	if ((at = strrchr(email, '@')) == NULL || at == email)
		return (0);
	return (same_fold(pw, email, (size_t)(at - email)));
}

enum pw_verdict
password_check(const char *pw, const char *email)
{
	size_t	n;

	if (pw == NULL || *pw == '\0')
		return (PW_EMPTY);
	if ((n = pw_length(pw)) == PW_BAD_LEN)
		return (PW_BAD_UTF8);
	if (n < PW_MIN)
		return (PW_TOO_SHORT);
	if (n > PW_MAX)
		return (PW_TOO_LONG);
	if (is_email(pw, email))
		return (PW_IS_EMAIL);
	if (password_is_common(pw))
		return (PW_COMMON);
	return (PW_OK);
}

const char *
password_message(enum pw_verdict v)
{

	if ((size_t)v >= NMESSAGES || pw_messages[v] == NULL)
		return ("Enter a different password");
	return (pw_messages[v]);
}

void
password_set_limits(unsigned long long opslimit, size_t memlimit)
{

	if (opslimit < crypto_pwhash_OPSLIMIT_INTERACTIVE)
		opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
	if (opslimit > crypto_pwhash_OPSLIMIT_MAX)
		opslimit = crypto_pwhash_OPSLIMIT_MAX;
	if (memlimit < crypto_pwhash_MEMLIMIT_INTERACTIVE)
		memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
	if (memlimit > crypto_pwhash_MEMLIMIT_MAX)
		memlimit = crypto_pwhash_MEMLIMIT_MAX;
	pw_opslimit = opslimit;
	pw_memlimit = memlimit;
}

int
password_hash(const char *pw, char out[128])
{

	if (pw == NULL)
		goto fail;
	if (crypto_pwhash_str_alg(out, pw, strlen(pw), pw_opslimit,
	    pw_memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
		goto fail;
	return (0);
fail:
	memset(out, 0, crypto_pwhash_STRBYTES);
	return (-1);
}

int
password_verify(const char *hash, const char *pw)
{

	if (hash == NULL || pw == NULL ||
	    strnlen(hash, crypto_pwhash_STRBYTES) == crypto_pwhash_STRBYTES)
		return (0);
	return (crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0);
}

int
password_needs_rehash(const char *hash)
{

	if (hash == NULL ||
	    strnlen(hash, crypto_pwhash_STRBYTES) == crypto_pwhash_STRBYTES)
		return (1);
	/* argon2id only: an argon2i hash at the same cost is still replaced. */
	return (crypto_pwhash_argon2id_str_needs_rehash(hash,
	    pw_opslimit, pw_memlimit) != 0);
}
