/*
 * totp: time-based one-time codes for two-step sign-in (RFC 6238 over
 * RFC 4226: HMAC-SHA1, 30-second steps, 6 digits — what every
 * authenticator app reads from an otpauth:// link). Pure module.
 *
 * The secret is 20 random bytes, shown to the user as base32 (RFC 4648,
 * 32 characters). At rest it is sealed (crypto_secretbox) under a key
 * the caller derives from the master key, so a copy of the database
 * alone cannot produce codes.
 */
#ifndef TOTP_H
#define TOTP_H

#include <stddef.h>
#include <stdint.h>

#define TOTP_SECRET_BYTES	20
#define TOTP_BASE32_CHARS	32	/* base32 of 20 bytes, no padding */
#define TOTP_STEP_SECONDS	30
#define TOTP_DIGITS		6
/* Hex of nonce (24) + MAC (16) + secret (20) bytes, and a NUL. */
#define TOTP_SEALED_CHARS	(2 * (24 + 16 + TOTP_SECRET_BYTES))

/* The 30-second step that unix time t falls in. */
int64_t	totp_step(int64_t t);

/* The code for key at counter (RFC 4226): 0 to 999999. */
uint32_t totp_code(const unsigned char *key, size_t keylen, uint64_t counter);

/*
 * A code as typed → its value: 6 digits, spaces and hyphens ignored
 * ("123 456"). -1 if it is anything else.
 */
long	totp_parse(const char *typed);

/*
 * The step whose code equals code, among now's step, the one before and
 * the one after (clock drift of up to 30 s either way), and later than
 * last (a code is accepted once; an older one never). The step, or -1.
 * All three codes are computed whatever the result.
 */
int64_t	totp_match(const unsigned char key[TOTP_SECRET_BYTES], long code,
	    int64_t now, int64_t last);

/* Base32 (RFC 4648, upper case, no padding) of the secret. */
void	totp_base32(const unsigned char key[TOTP_SECRET_BYTES],
	    char out[TOTP_BASE32_CHARS + 1]);

/* The same, in groups of four for reading aloud or typing. */
void	totp_base32_grouped(const unsigned char key[TOTP_SECRET_BYTES],
	    char out[TOTP_BASE32_CHARS + TOTP_BASE32_CHARS / 4]);

/* A new secret, sealed under sealkey (32 bytes) as hex. */
void	totp_new_sealed(const unsigned char sealkey[32],
	    char out[TOTP_SEALED_CHARS + 1]);

/* The secret from its sealed hex: 0, or -1 if it is not ours. */
int	totp_unseal(const unsigned char sealkey[32], const char *sealed,
	    unsigned char key[TOTP_SECRET_BYTES]);

/*
 * The QR code of text as an SVG path ("M4 4h1v1h-1z…", one square per
 * dark module, 4 modules of quiet zone) and its width in modules.
 * Caller frees the path. NULL if text is too long or memory ran out.
 */
char	*totp_qr_path(const char *text, int *width);

#endif /* TOTP_H */
