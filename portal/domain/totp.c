/*
 * totp — time-based one-time codes (see totp.h). Pure module: OpenSSL's
 * HMAC-SHA1 (libsodium has no SHA-1, which authenticator apps require),
 * libsodium for randomness and sealing, libqrencode for the QR code.
 */
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <qrencode.h>
#include <sodium.h>

#include "sbuf.h"
#include "totp.h"

static const char	b32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int64_t
totp_step(int64_t t)
{
	return (t < 0 ? -1 : t / TOTP_STEP_SECONDS);
}

uint32_t
totp_code(const unsigned char *key, size_t keylen, uint64_t counter)
{
	unsigned char	msg[8], mac[EVP_MAX_MD_SIZE];
	unsigned int	maclen = 0;
	uint32_t	bin;
	int		i, off;

	for (i = 7; i >= 0; i--) {
		msg[i] = (unsigned char)(counter & 0xff);
		counter >>= 8;
	}
	if (HMAC(EVP_sha1(), key, (int)keylen, msg, sizeof(msg), mac,
	    &maclen) == NULL || maclen != 20)
		abort();	/* SHA-1 is built into every libcrypto */
	off = mac[19] & 0x0f;
	bin = ((uint32_t)(mac[off] & 0x7f) << 24) |
	    ((uint32_t)mac[off + 1] << 16) | ((uint32_t)mac[off + 2] << 8) |
	    (uint32_t)mac[off + 3];
	sodium_memzero(mac, sizeof(mac));
	return (bin % 1000000u);
}

long
totp_parse(const char *typed)
{
	long	v = 0;
	int	n = 0;

	if (typed == NULL)
		return (-1);
	for (; *typed != '\0'; typed++) {
		if (*typed == ' ' || *typed == '-')
			continue;
		if (*typed < '0' || *typed > '9' || ++n > TOTP_DIGITS)
			return (-1);
		v = v * 10 + (*typed - '0');
	}
	return (n == TOTP_DIGITS ? v : -1);
}

int64_t
totp_match(const unsigned char key[TOTP_SECRET_BYTES], long code,
    int64_t now, int64_t last)
{
	int64_t		step = totp_step(now), found = -1, s;
	uint32_t	diff;

	for (s = step - 1; s <= step + 1; s++) {
		diff = totp_code(key, TOTP_SECRET_BYTES, (uint64_t)s) ^
		    (uint32_t)code;
		/* All three are computed whichever matches. */
		if ((diff == 0) & (s > last) & (found == -1))
			found = s;
	}
	return (code < 0 ? -1 : found);
}

void
totp_base32(const unsigned char key[TOTP_SECRET_BYTES],
    char out[TOTP_BASE32_CHARS + 1])
{
	unsigned int	buf = 0;
	int		bits = 0, i, n = 0;

	for (i = 0; i < TOTP_SECRET_BYTES; i++) {
		buf = (buf << 8) | key[i];
		bits += 8;
		while (bits >= 5) {
			out[n++] = b32[(buf >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	out[n] = '\0';	/* 160 bits: exactly 32 characters */
}

void
totp_base32_grouped(const unsigned char key[TOTP_SECRET_BYTES],
    char out[TOTP_BASE32_CHARS + TOTP_BASE32_CHARS / 4])
{
	char	plain[TOTP_BASE32_CHARS + 1];
	int	i, n = 0;

	totp_base32(key, plain);
	for (i = 0; i < TOTP_BASE32_CHARS; i++) {
		if (i > 0 && i % 4 == 0)
			out[n++] = ' ';
		out[n++] = plain[i];
	}
	out[n] = '\0';
	sodium_memzero(plain, sizeof(plain));
}

void
totp_new_sealed(const unsigned char sealkey[32],
    char out[TOTP_SEALED_CHARS + 1])
{
	unsigned char	key[TOTP_SECRET_BYTES];
	unsigned char	box[crypto_secretbox_NONCEBYTES +
			    crypto_secretbox_MACBYTES + TOTP_SECRET_BYTES];

	randombytes_buf(key, sizeof(key));
	randombytes_buf(box, crypto_secretbox_NONCEBYTES);
	(void)crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, key,
	    sizeof(key), box, sealkey);
	sodium_bin2hex(out, TOTP_SEALED_CHARS + 1, box, sizeof(box));
	sodium_memzero(key, sizeof(key));
}

int
totp_unseal(const unsigned char sealkey[32], const char *sealed,
    unsigned char key[TOTP_SECRET_BYTES])
{
	unsigned char	box[crypto_secretbox_NONCEBYTES +
			    crypto_secretbox_MACBYTES + TOTP_SECRET_BYTES];
	size_t		len;

	if (sealed == NULL || strlen(sealed) != TOTP_SEALED_CHARS ||
	    sodium_hex2bin(box, sizeof(box), sealed, TOTP_SEALED_CHARS, NULL,
	    &len, NULL) != 0 || len != sizeof(box))
		return (-1);
	return (crypto_secretbox_open_easy(key, box + crypto_secretbox_NONCEBYTES,
	    sizeof(box) - crypto_secretbox_NONCEBYTES, box, sealkey) == 0 ? 0 : -1);
}

char *
totp_qr_path(const char *text, int *width)
{
	QRcode		*qr;
	struct sbuf	 sb;
	int		 x, y;

	if ((qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1)) ==
	    NULL)
		return (NULL);
	sbuf_init(&sb);
	for (y = 0; y < qr->width; y++)
		for (x = 0; x < qr->width; x++)
			if (qr->data[y * qr->width + x] & 1)
				sbuf_printf(&sb, "M%d %dh1v1h-1z", x + 4, y + 4);
	*width = qr->width + 8;
	QRcode_free(qr);
	if (sb.oom || sb.data == NULL) {
		sbuf_free(&sb);
		return (NULL);
	}
	return (sb.data);
}
