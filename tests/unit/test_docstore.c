/*
 * Unit tests for portal/files/docstore_crypto.c.  Exit status: number of
 * failed tests.  Key files are written under /tmp and removed.
 */
#include <sys/stat.h>

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "sbuf.h"
#include "upload.h"

#define CHUNK		65536
#define OVERHEAD	(4 + crypto_secretstream_xchacha20poly1305_HEADERBYTES)
#define ABYTES		crypto_secretstream_xchacha20poly1305_ABYTES

static const char	 hexkey[] =
    "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f";

static int		 load_key(const char *, mode_t, unsigned char *,
			    char *);
static unsigned char	*random_bytes(size_t);
static void		 encrypt(const unsigned char *, const unsigned char *,
			    size_t, struct sbuf *, struct sbuf *);
static int		 decrypt(const unsigned char *, const struct sbuf *,
			    size_t, const struct sbuf *, struct sbuf *);
static void		 setup(void);
static Suite		*docstore_suite(void);

static unsigned char	 mk[32], mk2[32];

/* Writes content to a temporary key file with mode, loads it. */
static int
load_key(const char *content, mode_t mode, unsigned char *key, char *err)
{
	char	 path[] = "/tmp/test_docstore_XXXXXX";
	int	 fd, rc;

	ck_assert_int_ge(fd = mkstemp(path), 0);
	ck_assert(write(fd, content, strlen(content)) ==
	    (ssize_t)strlen(content));
	close(fd);
	ck_assert_int_eq(chmod(path, mode), 0);
	rc = docstore_master_load(path, key, err, 128);
	unlink(path);
	return rc;
}

static unsigned char *
random_bytes(size_t len)
{
	unsigned char	*p = malloc(len + 1);

	ck_assert_ptr_nonnull(p);
	randombytes_buf(p, len);
	return p;
}

static void
encrypt(const unsigned char *key, const unsigned char *plain, size_t len,
    struct sbuf *c, struct sbuf *w)
{

	sbuf_init(c);
	sbuf_init(w);
	ck_assert_int_eq(docstore_encrypt(key, plain, len, c, w), 0);
	ck_assert_uint_eq(w->len, DOCSTORE_WRAPBYTES);
}

/* Decrypts the first clen bytes of c into p (reset first). */
static int
decrypt(const unsigned char *key, const struct sbuf *c, size_t clen,
    const struct sbuf *w, struct sbuf *p)
{

	sbuf_reset(p);
	return docstore_decrypt(key, (const unsigned char *)c->data, clen,
	    (const unsigned char *)w->data, w->len, p);
}

static void
setup(void)
{

	ck_assert_int_ge(sodium_init(), 0);
	randombytes_buf(mk, sizeof(mk));
	randombytes_buf(mk2, sizeof(mk2));
}

START_TEST(test_master_load)
{
	unsigned char	 key[32];
	char		 err[128];
	size_t		 i;

	ck_assert_int_eq(load_key(hexkey, 0600, key, err), 0);
	for (i = 0; i < 32; i++)
		ck_assert_uint_eq(key[i], i);
	memset(key, 0xAA, sizeof(key));
	ck_assert_int_eq(load_key("000102030405060708090A0B0C0D0E0F"
	    "101112131415161718191A1B1C1D1E1F\n", 0640, key, err), 0);
	ck_assert_uint_eq(key[31], 0x1f);
}
END_TEST

START_TEST(test_master_load_refusals)
{
	unsigned char	 key[32];
	char		 err[128], line[80];

	err[0] = '\0';
	memset(key, 0xAA, sizeof(key));
	ck_assert_int_eq(load_key(hexkey + 2, 0600, key, err), -1);
	ck_assert_str_eq(err, "master key file must hold 64 hex digits");
	ck_assert_uint_eq(key[0], 0);		/* wiped on failure */
	snprintf(line, sizeof(line), "%s0", hexkey);
	ck_assert_int_eq(load_key(line, 0600, key, err), -1);
	snprintf(line, sizeof(line), "%s\n\n", hexkey);
	ck_assert_int_eq(load_key(line, 0600, key, err), -1);
	snprintf(line, sizeof(line), "%s", hexkey);
	line[10] = 'g';
	ck_assert_int_eq(load_key(line, 0600, key, err), -1);
	ck_assert_int_eq(load_key("", 0600, key, err), -1);
	ck_assert_int_eq(load_key(hexkey, 0604, key, err), -1);
	ck_assert_str_eq(err, "master key file must not be readable by "
	    "others");
	ck_assert_int_eq(load_key(hexkey, 0602, key, err), -1);
	ck_assert_int_eq(docstore_master_load("/nonexistent/key", key, err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "cannot open the master key file");
	/* err is optional. */
	ck_assert_int_eq(docstore_master_load("/nonexistent/key", key, NULL,
	    0), -1);
}
END_TEST

START_TEST(test_round_trip_sizes)
{
	static const size_t	 sizes[] = { 0, 1, 100, CHUNK - 1, CHUNK,
	    CHUNK + 1, 3 * CHUNK, 200000 };
	struct sbuf		 c, w, p;
	unsigned char		*plain;
	size_t			 i, len, chunks;

	sbuf_init(&p);
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		len = sizes[i];
		plain = random_bytes(len);
		encrypt(mk, plain, len, &c, &w);
		/* Full chunks, the last tagged FINAL; one empty if len 0. */
		chunks = len == 0 ? 1 : (len + CHUNK - 1) / CHUNK;
		ck_assert_uint_eq(c.len, OVERHEAD + len + chunks * ABYTES);
		ck_assert_int_eq(decrypt(mk, &c, c.len, &w, &p), 0);
		ck_assert_uint_eq(p.len, len);
		ck_assert(len == 0 || memcmp(p.data, plain, len) == 0);
		sbuf_free(&c);
		sbuf_free(&w);
		free(plain);
	}
	sbuf_free(&p);
}
END_TEST

START_TEST(test_fresh_key_each_time)
{
	static const unsigned char	 plain[] = "same report";
	struct sbuf			 c1, w1, c2, w2;
	size_t				 i;

	encrypt(mk, plain, sizeof(plain), &c1, &w1);
	encrypt(mk, plain, sizeof(plain), &c2, &w2);
	ck_assert_uint_eq(c1.len, c2.len);
	ck_assert(memcmp(c1.data, c2.data, c1.len) != 0);
	ck_assert(memcmp(w1.data, w2.data, w1.len) != 0);
	for (i = 0; i + 11 <= c1.len; i++)
		ck_assert(memcmp(c1.data + i, "same report", 11) != 0);
	sbuf_free(&c1);
	sbuf_free(&w1);
	sbuf_free(&c2);
	sbuf_free(&w2);
}
END_TEST

START_TEST(test_decrypt_appends)
{
	static const unsigned char	 plain[] = "abc";
	struct sbuf			 c, w, p;

	encrypt(mk, plain, 3, &c, &w);
	sbuf_init(&p);
	sbuf_puts(&p, "x:");
	ck_assert_int_eq(docstore_decrypt(mk, (unsigned char *)c.data, c.len,
	    (unsigned char *)w.data, w.len, &p), 0);
	ck_assert_str_eq(p.data, "x:abc");
	sbuf_free(&c);
	sbuf_free(&w);
	sbuf_free(&p);
}
END_TEST

START_TEST(test_every_altered_byte_refused)
{
	struct sbuf	 c, w, p;
	unsigned char	*plain;
	size_t		 i, len = 1000;

	plain = random_bytes(len);
	encrypt(mk, plain, len, &c, &w);
	sbuf_init(&p);
	for (i = 0; i < c.len; i++) {
		c.data[i] ^= 0x01;
		ck_assert_int_eq(decrypt(mk, &c, c.len, &w, &p), -1);
		ck_assert_uint_eq(p.len, 0);
		c.data[i] ^= 0x01;
	}
	for (i = 0; i < w.len; i++) {
		w.data[i] ^= 0x80;
		ck_assert_int_eq(decrypt(mk, &c, c.len, &w, &p), -1);
		w.data[i] ^= 0x80;
	}
	ck_assert_int_eq(decrypt(mk, &c, c.len, &w, &p), 0);
	sbuf_free(&c);
	sbuf_free(&w);
	sbuf_free(&p);
	free(plain);
}
END_TEST

START_TEST(test_truncation_refused)
{
	struct sbuf	 c, w, p;
	unsigned char	*plain;
	size_t		 len = 2 * CHUNK + 10, cut;

	plain = random_bytes(len);
	encrypt(mk, plain, len, &c, &w);
	sbuf_init(&p);
	/* Cut inside the final chunk, and exactly at chunk boundaries:
	 * every chunk before the cut is genuine, only FINAL is missing. */
	ck_assert_int_eq(decrypt(mk, &c, c.len - 1, &w, &p), -1);
	cut = OVERHEAD + 2 * (CHUNK + ABYTES);
	ck_assert_int_eq(decrypt(mk, &c, cut, &w, &p), -1);
	ck_assert_uint_eq(p.len, 0);
	ck_assert_int_eq(decrypt(mk, &c, OVERHEAD + CHUNK + ABYTES, &w, &p),
	    -1);
	ck_assert_int_eq(decrypt(mk, &c, OVERHEAD, &w, &p), -1);
	ck_assert_int_eq(decrypt(mk, &c, 3, &w, &p), -1);
	ck_assert_int_eq(decrypt(mk, &c, 0, &w, &p), -1);
	/* Data after FINAL. */
	sbuf_append(&c, "x", 1);
	ck_assert_int_eq(decrypt(mk, &c, c.len, &w, &p), -1);
	ck_assert_int_eq(decrypt(mk, &c, c.len - 1, &w, &p), 0);
	sbuf_free(&c);
	sbuf_free(&w);
	sbuf_free(&p);
	free(plain);
}
END_TEST

START_TEST(test_reordered_chunks_refused)
{
	struct sbuf	 c, w, p;
	unsigned char	*plain, *tmp;
	size_t		 len = 3 * CHUNK, n = CHUNK + ABYTES;

	plain = random_bytes(len);
	encrypt(mk, plain, len, &c, &w);
	tmp = malloc(n);
	ck_assert_ptr_nonnull(tmp);
	memcpy(tmp, c.data + OVERHEAD, n);
	memcpy(c.data + OVERHEAD, c.data + OVERHEAD + n, n);
	memcpy(c.data + OVERHEAD + n, tmp, n);
	sbuf_init(&p);
	ck_assert_int_eq(decrypt(mk, &c, c.len, &w, &p), -1);
	ck_assert_uint_eq(p.len, 0);
	sbuf_free(&c);
	sbuf_free(&w);
	sbuf_free(&p);
	free(plain);
	free(tmp);
}
END_TEST

START_TEST(test_wrong_keys_refused)
{
	static const unsigned char	 plain[] = "report";
	struct sbuf			 c, w, c2, w2, p;

	encrypt(mk, plain, sizeof(plain), &c, &w);
	encrypt(mk, plain, sizeof(plain), &c2, &w2);
	sbuf_init(&p);
	ck_assert_int_eq(decrypt(mk2, &c, c.len, &w, &p), -1);
	/* Another document's wrapped key opens but does not fit. */
	ck_assert_int_eq(decrypt(mk, &c, c.len, &w2, &p), -1);
	ck_assert_int_eq(docstore_decrypt(mk, (unsigned char *)c.data, c.len,
	    (unsigned char *)w.data, w.len - 1, &p), -1);
	ck_assert_int_eq(docstore_decrypt(mk, (unsigned char *)c.data, c.len,
	    NULL, 0, &p), -1);
	ck_assert_int_eq(docstore_decrypt(mk, NULL, 0,
	    (unsigned char *)w.data, w.len, &p), -1);
	ck_assert_int_eq(decrypt(mk, &c, c.len, &w, &p), 0);
	sbuf_free(&c);
	sbuf_free(&w);
	sbuf_free(&c2);
	sbuf_free(&w2);
	sbuf_free(&p);
}
END_TEST

START_TEST(test_sha256_hex)
{
	char	 out[65];

	sha256_hex((const unsigned char *)"abc", 3, out);
	ck_assert_str_eq(out, "ba7816bf8f01cfea414140de5dae2223"
	    "b00361a396177a9cb410ff61f20015ad");
	sha256_hex((const unsigned char *)"", 0, out);
	ck_assert_str_eq(out, "e3b0c44298fc1c149afbf4c8996fb924"
	    "27ae41e4649b934ca495991b7852b855");
}
END_TEST

static Suite *
docstore_suite(void)
{
	Suite	*s = suite_create("docstore");
	TCase	*tc;

	tc = tcase_create("master key");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_master_load);
	tcase_add_test(tc, test_master_load_refusals);
	suite_add_tcase(s, tc);

	tc = tcase_create("encryption");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_round_trip_sizes);
	tcase_add_test(tc, test_fresh_key_each_time);
	tcase_add_test(tc, test_decrypt_appends);
	tcase_add_test(tc, test_sha256_hex);
	suite_add_tcase(s, tc);

	tc = tcase_create("tampering");
	tcase_add_checked_fixture(tc, setup, NULL);
	tcase_add_test(tc, test_every_altered_byte_refused);
	tcase_add_test(tc, test_truncation_refused);
	tcase_add_test(tc, test_reordered_chunks_refused);
	tcase_add_test(tc, test_wrong_keys_refused);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(docstore_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed;
}
