/*
 * docstore_crypto: documents encrypted at rest.  See upload.h.
 *
 * Ciphertext layout:
 *   "EHD1" | secretstream header (24) | chunk... | final chunk
 * Every chunk but the last holds DS_CHUNK bytes of plaintext; the last
 * holds 1..DS_CHUNK bytes (0 for an empty file) and is tagged FINAL,
 * so a stream cut at a chunk boundary is refused as surely as one cut
 * inside a chunk.
 * Wrapped key layout: nonce (24) | secretbox(file key) (32 + 16).
 *
 * The master key never leaves the caller's buffer; file keys live on
 * the stack only while in use and are wiped afterwards.
 */
#include <sys/stat.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "sbuf.h"
#include "upload.h"

#define DS_MAGIC	"EHD1"
#define DS_MAGICLEN	4
#define DS_CHUNK	65536
#define DS_HEX		(2 * DOCSTORE_KEYBYTES)

typedef crypto_secretstream_xchacha20poly1305_state	ds_state;

#define DS_HEADERBYTES	crypto_secretstream_xchacha20poly1305_HEADERBYTES
#define DS_ABYTES	crypto_secretstream_xchacha20poly1305_ABYTES
#define DS_TAG_MESSAGE	crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
#define DS_TAG_FINAL	crypto_secretstream_xchacha20poly1305_TAG_FINAL

static int	 wrap_key(const unsigned char *, const unsigned char *,
		    struct sbuf *);
static int	 unwrap_key(const unsigned char *, const unsigned char *,
		    size_t, unsigned char *);
static int	 decrypt_chunks(ds_state *, const unsigned char *, size_t,
		    struct sbuf *);
static void	 wipe(struct sbuf *);
static void	 set_err(char *, size_t, const char *);

int
docstore_master_load(const char *keyfile, unsigned char mk[32], char *err,
    size_t errlen)
{
	FILE		*f = NULL;
	struct stat	 st;
	char		 hex[DS_HEX + 3];
	size_t		 n, binlen;
	int		 rc = -1;

	if (sodium_init() < 0) {
		set_err(err, errlen, "libsodium failed to start");
		goto out;
	}
	if ((f = fopen(keyfile, "r")) == NULL || fstat(fileno(f), &st) == -1) {
		set_err(err, errlen, "cannot open the master key file");
		goto out;
	}
	if (st.st_mode & (S_IROTH | S_IWOTH)) {
		set_err(err, errlen,
		    "master key file must not be readable by others");
		goto out;
	}
	/* 64 digits and an optional newline: 66 bytes means too long. */
	n = fread(hex, 1, sizeof(hex) - 1, f);
	if (n > DS_HEX && hex[DS_HEX] == '\n')
		n--;
	if (n != DS_HEX || sodium_hex2bin(mk, DOCSTORE_KEYBYTES, hex, n,
	    NULL, &binlen, NULL) != 0 || binlen != DOCSTORE_KEYBYTES) {
		set_err(err, errlen,
		    "master key file must hold 64 hex digits");
		goto out;
	}
	rc = 0;
out:
	sodium_memzero(hex, sizeof(hex));
	if (rc != 0)
		sodium_memzero(mk, DOCSTORE_KEYBYTES);
	if (f != NULL)
		fclose(f);
	return rc;
}

int
docstore_encrypt(const unsigned char mk[32], const unsigned char *plain,
    size_t len, struct sbuf *cipher, struct sbuf *wrapped)
{
	ds_state	 st;
	unsigned char	 key[DOCSTORE_KEYBYTES], header[DS_HEADERBYTES];
	unsigned char	 out[DS_CHUNK + DS_ABYTES];
	unsigned long long outlen;
	size_t		 n, off = 0;
	unsigned char	 tag;
	int		 rc = -1;

	if (sodium_init() < 0)
		return -1;
	crypto_secretstream_xchacha20poly1305_keygen(key);
	if (wrap_key(mk, key, wrapped) == -1 ||
	    crypto_secretstream_xchacha20poly1305_init_push(&st, header,
	    key) != 0)
		goto out;
	sbuf_append(cipher, DS_MAGIC, DS_MAGICLEN);
	sbuf_append(cipher, header, sizeof(header));
	do {
		n = len - off < DS_CHUNK ? len - off : DS_CHUNK;
		tag = off + n == len ? DS_TAG_FINAL : DS_TAG_MESSAGE;
		if (crypto_secretstream_xchacha20poly1305_push(&st, out,
		    &outlen, n > 0 ? plain + off : NULL, n, NULL, 0,
		    tag) != 0)
			goto out;
		sbuf_append(cipher, out, (size_t)outlen);
		off += n;
	} while (tag != DS_TAG_FINAL);
	rc = cipher->oom || wrapped->oom ? -1 : 0;
out:
	sodium_memzero(key, sizeof(key));
	sodium_memzero(&st, sizeof(st));
	return rc;
}

int
docstore_decrypt(const unsigned char mk[32], const unsigned char *cipher,
    size_t len, const unsigned char *wrapped, size_t wlen,
    struct sbuf *plain)
{
	ds_state	 st;
	unsigned char	 key[DOCSTORE_KEYBYTES];
	int		 rc = -1;

	if (sodium_init() < 0)
		return -1;
	if (unwrap_key(mk, wrapped, wlen, key) == -1)
		goto out;
	if (cipher == NULL || len < DS_MAGICLEN + DS_HEADERBYTES ||
	    memcmp(cipher, DS_MAGIC, DS_MAGICLEN) != 0 ||
	    crypto_secretstream_xchacha20poly1305_init_pull(&st,
	    cipher + DS_MAGICLEN, key) != 0)
		goto out;
	cipher += DS_MAGICLEN + DS_HEADERBYTES;
	len -= DS_MAGICLEN + DS_HEADERBYTES;
	rc = decrypt_chunks(&st, cipher, len, plain);
out:
	sodium_memzero(key, sizeof(key));
	sodium_memzero(&st, sizeof(st));
	if (rc != 0)
		wipe(plain);	/* nothing of a refused stream may leak */
	return rc;
}

/*
 * Pulls every chunk; 0 only if the last one is tagged FINAL and ends
 * the input exactly.
 */
static int
decrypt_chunks(ds_state *st, const unsigned char *c, size_t len,
    struct sbuf *plain)
{
	unsigned char		 out[DS_CHUNK];
	unsigned long long	 outlen;
	unsigned char		 tag = DS_TAG_MESSAGE;
	size_t			 n;
	int			 rc = -1;

	while (len > 0 && tag != DS_TAG_FINAL) {
		n = len < DS_CHUNK + DS_ABYTES ? len : DS_CHUNK + DS_ABYTES;
		if (crypto_secretstream_xchacha20poly1305_pull(st, out,
		    &outlen, &tag, c, n, NULL, 0) != 0)
			goto out;
		/* Only the final chunk may be short. */
		if (n < DS_CHUNK + DS_ABYTES && tag != DS_TAG_FINAL)
			goto out;
		sbuf_append(plain, out, (size_t)outlen);
		c += n;
		len -= n;
	}
	if (tag == DS_TAG_FINAL && len == 0 && !plain->oom)
		rc = 0;
out:
	sodium_memzero(out, sizeof(out));
	return rc;
}

void
sha256_hex(const unsigned char *buf, size_t len, char out[65])
{
	unsigned char	 h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, buf, len);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

/* Appends nonce | secretbox(key) to out. */
static int
wrap_key(const unsigned char *mk, const unsigned char *key,
    struct sbuf *out)
{
	unsigned char	 w[DOCSTORE_WRAPBYTES];

	randombytes_buf(w, crypto_secretbox_NONCEBYTES);
	if (crypto_secretbox_easy(w + crypto_secretbox_NONCEBYTES, key,
	    DOCSTORE_KEYBYTES, w, mk) != 0)
		return -1;
	sbuf_append(out, w, sizeof(w));
	return out->oom ? -1 : 0;
}

/* Opens a wrapped key; -1 if it is not one sealed with mk. */
static int
unwrap_key(const unsigned char *mk, const unsigned char *w, size_t wlen,
    unsigned char *key)
{

	if (w == NULL || wlen != DOCSTORE_WRAPBYTES)
		return -1;
	return crypto_secretbox_open_easy(key, w + crypto_secretbox_NONCEBYTES,
	    wlen - crypto_secretbox_NONCEBYTES, w, mk) == 0 ? 0 : -1;
}

/*
 * Empties b after wiping all of its allocation: earlier contents may
 * have been plaintext from an earlier call.
 */
static void
wipe(struct sbuf *b)
{

	if (b->data != NULL)
		sodium_memzero(b->data, b->cap);
	sbuf_reset(b);
}

static void
set_err(char *err, size_t errlen, const char *msg)
{
	size_t	 n;

	if (err == NULL || errlen == 0)
		return;
	n = strlen(msg);
	if (n >= errlen)
		n = errlen - 1;
	memcpy(err, msg, n);
	err[n] = '\0';
}
