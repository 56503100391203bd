/*
 * Unit tests for portal/files/imagecheck.c.  Exit status: number of failed
 * tests.  Images are built here: a 1x1 PNG (chunks with their CRCs) and
 * a JPEG whose segments have the right shape (the pixels are never
 * decoded, so their values do not matter).
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "sbuf.h"
#include "upload.h"

#define E_DAMAGED	"The image is damaged or is not a PNG or JPEG"
#define E_ARCHIVE	"The file has an archive hidden in it"
#define E_MARKUP	"The file has web page code hidden in it"

#define HTML	"<!DOCTYPE html><html><body><script>alert(1)</script>" \
		"</body></html>\n"

static char	 why[256];

static void		 chunk(struct sbuf *, const char *, const void *,
			    size_t);
static void		 png(struct sbuf *, int);
static void		 jpeg(struct sbuf *);
static const char	*check(const struct sbuf *, enum ftype);
static Suite		*imagecheck_suite(void);

static void
put32(struct sbuf *b, uint32_t v)
{
	unsigned char	 x[4];

	x[0] = (unsigned char)(v >> 24);
	x[1] = (unsigned char)(v >> 16);
	x[2] = (unsigned char)(v >> 8);
	x[3] = (unsigned char)v;
	sbuf_append(b, x, 4);
}

/* Appends a PNG chunk with its length and CRC. */
static void
chunk(struct sbuf *b, const char *type, const void *data, size_t len)
{
	uLong	 crc;

	put32(b, (uint32_t)len);
	sbuf_append(b, type, 4);
	sbuf_append(b, data, len);
	crc = crc32(crc32(0L, Z_NULL, 0), (const Bytef *)type, 4);
	crc = crc32(crc, data, (uInt)len);
	put32(b, (uint32_t)crc);
}

/* A 1x1 RGBA PNG; without iend, it stops after IDAT. */
static void
png(struct sbuf *b, int iend)
{
	static const unsigned char	 ihdr[13] = { 0, 0, 0, 1, 0, 0, 0, 1,
					    8, 6, 0, 0, 0 };
	static const unsigned char	 raw[5] = { 0, 0x10, 0x61, 0x65, 0xff };
	unsigned char			 z[64];
	uLongf				 zlen = sizeof(z);

	ck_assert_int_eq(compress(z, &zlen, raw, sizeof(raw)), Z_OK);
	sbuf_append(b, "\x89PNG\r\n\x1a\n", 8);
	chunk(b, "IHDR", ihdr, sizeof(ihdr));
	chunk(b, "tEXt", "Comment\0scan", 12);
	chunk(b, "IDAT", z, zlen);
	if (iend)
		chunk(b, "IEND", "", 0);
}

/* A baseline JPEG: SOI APP0 DQT SOF0 DHT SOS data EOI. */
static void
jpeg(struct sbuf *b)
{
	static const unsigned char	 seg[] = {
		0xFF, 0xD8,
		0xFF, 0xE0, 0x00, 0x10, 'J', 'F', 'I', 'F', 0, 1, 1, 0, 0, 1,
		    0, 1, 0, 0,
		0xFF, 0xDB, 0x00, 0x05, 0x00, 1, 2,
		0xFF, 0xC0, 0x00, 0x0B, 8, 0, 1, 0, 1, 1, 1, 0x11, 0,
		0xFF, 0xC4, 0x00, 0x05, 0x00, 0, 0,
		0xFF, 0xDA, 0x00, 0x08, 1, 1, 0, 0, 0x3F, 0,
		0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56,	/* stuffed, RST0 */
		0xFF, 0xD9,
	};

	sbuf_append(b, seg, sizeof(seg));
}

/* imagecheck() on b: NULL if accepted, else the reason. */
static const char *
check(const struct sbuf *b, enum ftype t)
{

	ck_assert_int_eq(b->oom, 0);
	why[0] = 'x';
	why[1] = '\0';
	if (imagecheck((const unsigned char *)b->data, b->len, t, why,
	    sizeof(why)) == 0) {
		ck_assert_str_eq(why, "");
		return NULL;
	}
	ck_assert(why[0] != '\0');
	return why;
}

START_TEST(test_good_images)
{
	struct sbuf	 b;

	sbuf_init(&b);
	png(&b, 1);
	ck_assert_ptr_null(check(&b, FT_PNG));
	/* Padding or a phone's trailer after the end is not refused. */
	sbuf_append(&b, "\0\0\0\0SEFT trailer data", 22);
	ck_assert_ptr_null(check(&b, FT_PNG));
	sbuf_reset(&b);
	jpeg(&b);
	ck_assert_ptr_null(check(&b, FT_JPEG));
	sbuf_puts(&b, "\x01\x02 motion photo bytes");
	ck_assert_ptr_null(check(&b, FT_JPEG));
	/* Extraneous bytes between segments, as some cameras write. */
	sbuf_reset(&b);
	jpeg(&b);
	sbuf_append(&b, "xx", 2);
	memmove(b.data + 22, b.data + 20, b.len - 22);
	memcpy(b.data + 20, "\0\0", 2);
	ck_assert_ptr_null(check(&b, FT_JPEG));
	sbuf_free(&b);
}
END_TEST

/* Issue 14: a PNG header on a web page was taken for a PNG. */
START_TEST(test_image_header_on_markup)
{
	struct sbuf	 b;

	sbuf_init(&b);
	sbuf_append(&b, "\x89PNG\r\n\x1a\n", 8);
	sbuf_puts(&b, HTML);
	ck_assert_str_eq(check(&b, FT_PNG), E_DAMAGED);
	sbuf_reset(&b);
	/* A correct IHDR, then the page. */
	png(&b, 0);
	b.len -= 0;
	sbuf_puts(&b, HTML);
	ck_assert_str_eq(check(&b, FT_PNG), E_DAMAGED);
	sbuf_reset(&b);
	sbuf_append(&b, "\xff\xd8\xff\xe0", 4);
	sbuf_puts(&b, HTML);
	ck_assert_str_eq(check(&b, FT_JPEG), E_DAMAGED);
	sbuf_free(&b);
}
END_TEST

START_TEST(test_png_structure)
{
	struct sbuf	 b;

	sbuf_init(&b);
	png(&b, 1);
	/* A wrong CRC (last byte of IEND's). */
	b.data[b.len - 1] ^= 1;
	ck_assert_str_eq(check(&b, FT_PNG), E_DAMAGED);
	/* Cut short: no IEND. */
	sbuf_reset(&b);
	png(&b, 0);
	ck_assert_str_eq(check(&b, FT_PNG), E_DAMAGED);
	/* An unknown critical chunk. */
	sbuf_reset(&b);
	png(&b, 0);
	chunk(&b, "EVIL", "x", 1);
	chunk(&b, "IEND", "", 0);
	ck_assert_str_eq(check(&b, FT_PNG), E_DAMAGED);
	/* No IDAT. */
	sbuf_reset(&b);
	sbuf_append(&b, "\x89PNG\r\n\x1a\n", 8);
	chunk(&b, "IHDR", "\0\0\0\1\0\0\0\1\x08\x06\0\0\0", 13);
	chunk(&b, "IEND", "", 0);
	ck_assert_str_eq(check(&b, FT_PNG), E_DAMAGED);
	/* A bad pixel format in IHDR (bit depth 3). */
	sbuf_reset(&b);
	sbuf_append(&b, "\x89PNG\r\n\x1a\n", 8);
	chunk(&b, "IHDR", "\0\0\0\1\0\0\0\1\x03\x06\0\0\0", 13);
	ck_assert_str_eq(check(&b, FT_PNG), E_DAMAGED);
	/* A chunk length past the end. */
	sbuf_reset(&b);
	png(&b, 1);
	b.data[8 + 25 + 3] = 0x7f;	/* tEXt's length */
	ck_assert_str_eq(check(&b, FT_PNG), E_DAMAGED);
	/* The wrong type for the checker. */
	sbuf_reset(&b);
	png(&b, 1);
	ck_assert_str_eq(check(&b, FT_JPEG), E_DAMAGED);
	ck_assert_str_eq(check(&b, FT_PDF), E_DAMAGED);
	ck_assert_int_eq(imagecheck(NULL, 0, FT_PNG, NULL, 0), -1);
	sbuf_free(&b);
}
END_TEST

START_TEST(test_jpeg_structure)
{
	struct sbuf	 b;

	sbuf_init(&b);
	jpeg(&b);
	/* No EOI. */
	b.len -= 2;
	ck_assert_str_eq(check(&b, FT_JPEG), E_DAMAGED);
	/* A segment length past the end. */
	sbuf_reset(&b);
	sbuf_append(&b, "\xff\xd8\xff\xe0\x40\x00JFIF", 10);
	ck_assert_str_eq(check(&b, FT_JPEG), E_DAMAGED);
	/* A scan before any frame header. */
	sbuf_reset(&b);
	sbuf_append(&b, "\xff\xd8\xff\xda\x00\x02\x11\xff\xd9", 9);
	ck_assert_str_eq(check(&b, FT_JPEG), E_DAMAGED);
	/* EOI with no scan at all. */
	sbuf_reset(&b);
	sbuf_append(&b, "\xff\xd8\xff\xd9", 4);
	ck_assert_str_eq(check(&b, FT_JPEG), E_DAMAGED);
	/* Bytes where a marker must be. */
	sbuf_reset(&b);
	sbuf_append(&b, "\xff\xd8\xff\xe0\x00\x04\x00\x00<html>", 14);
	ck_assert_str_eq(check(&b, FT_JPEG), E_DAMAGED);
	sbuf_free(&b);
}
END_TEST

START_TEST(test_archive_or_markup_after_the_end)
{
	static const char *const marks[] = {
		HTML, "\n<html>", "<SCRIPT>x</SCRIPT>", "<?xml version=\"1.0\"?>",
		"<HTA:APPLICATION />", "junk <svg onload=x>", "<iframe src=x>",
	};
#define A(s)	{ s, sizeof(s) - 1 }
	static const struct {
		const char	*s;
		size_t		 len;
	} archs[] = {
		A("PK\x03\x04rest"), A("\n\nPK\x03\x04"), A("Rar!\x1a\x07\x00"),
		A("xx 7z\xbc\xaf\x27\x1c\x00\x04"), A("\x1f\x8b\x08\x00"),
		A("junk then PK\x05\x06\0\0\0\0"),
	};
#undef A
	struct sbuf	 b;
	size_t		 i;
	int		 t;

	sbuf_init(&b);
	for (t = 0; t < 2; t++) {
		for (i = 0; i < sizeof(marks) / sizeof(marks[0]); i++) {
			sbuf_reset(&b);
			t ? jpeg(&b) : png(&b, 1);
			sbuf_puts(&b, marks[i]);
			ck_assert_str_eq(check(&b, t ? FT_JPEG : FT_PNG),
			    E_MARKUP);
		}
		for (i = 0; i < sizeof(archs) / sizeof(archs[0]); i++) {
			sbuf_reset(&b);
			t ? jpeg(&b) : png(&b, 1);
			sbuf_append(&b, archs[i].s, archs[i].len);
			ck_assert_str_eq(check(&b, t ? FT_JPEG : FT_PNG),
			    E_ARCHIVE);
		}
		/* Words that are not tags. */
		sbuf_reset(&b);
		t ? jpeg(&b) : png(&b, 1);
		sbuf_puts(&b, "<htmlish> <scripted> a < b");
		ck_assert_ptr_null(check(&b, t ? FT_JPEG : FT_PNG));
	}
	/* appended_check() alone. */
	ck_assert_int_eq(appended_check((const unsigned char *)"abc<html>",
	    9, 3, why, sizeof(why)), -1);
	ck_assert_str_eq(why, E_MARKUP);
	ck_assert_int_eq(appended_check((const unsigned char *)"abc<html>",
	    9, 9, why, sizeof(why)), 0);
	ck_assert_str_eq(why, "");
	sbuf_free(&b);
}
END_TEST

static Suite *
imagecheck_suite(void)
{
	Suite	*s = suite_create("imagecheck");
	TCase	*tc = tcase_create("imagecheck");

	tcase_add_test(tc, test_good_images);
	tcase_add_test(tc, test_image_header_on_markup);
	tcase_add_test(tc, test_png_structure);
	tcase_add_test(tc, test_jpeg_structure);
	tcase_add_test(tc, test_archive_or_markup_after_the_end);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(imagecheck_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed;
}
