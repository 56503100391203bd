/*
 * Unit tests for portal/pdfcheck.c.  Exit status: number of failed tests.
 * Fixtures: tests/unit/fixtures/upload (or $UPLOAD_FIXTURES).  Variants
 * are built here: "%PDF-1.7" + body + "%%EOF", streams compressed with
 * zlib where a test needs Flate data.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "sbuf.h"
#include "upload.h"

#define E_NOT_PDF	"The file is not a valid PDF"
#define E_JS		"The file contains JavaScript"
#define E_LAUNCH	"The file can start other programs"
#define E_EMBEDDED	"The file contains embedded files"
#define E_MEDIA		"The file contains embedded media"
#define E_XFA		"The file contains a dynamic (XFA) form"
#define E_PASSWORD	"The file is password protected"
#define E_UNCHECKED	"The file could not be checked"

#define CATALOG	"1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n" \
		"2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n"

static unsigned char	*fixture(const char *, size_t *);
static const char	*check_fixture(const char *);
static const char	*check_bytes(const void *, size_t);
static const char	*check_pdf(const char *);
static void		 add_stream(struct sbuf *, int, const char *,
			    const void *, size_t, int);
static const char	*check_stream(const char *, const void *, size_t,
			    int);
static Suite		*pdfcheck_suite(void);

static char	 why[256];

static unsigned char *
fixture(const char *name, size_t *len)
{
	const char	*dir = getenv("UPLOAD_FIXTURES");
	char		 path[1024];
	FILE		*f;
	unsigned char	*buf;
	long		 size;

	if (dir == NULL)
		dir = "tests/unit/fixtures/upload";
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	buf = malloc((size_t)size + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	*len = (size_t)size;
	return buf;
}

/* pdfcheck() on the bytes: NULL if accepted, else the reason. */
static const char *
check_bytes(const void *buf, size_t len)
{

	why[0] = 'x';
	why[1] = '\0';
	if (pdfcheck(buf, len, why, sizeof(why)) == 0) {
		ck_assert_str_eq(why, "");
		return NULL;
	}
	ck_assert(why[0] != '\0');
	return why;
}

static const char *
check_fixture(const char *name)
{
	unsigned char	*buf;
	size_t		 len;
	const char	*r;

	buf = fixture(name, &len);
	r = check_bytes(buf, len);
	free(buf);
	return r;
}

/* A PDF made of a header, CATALOG, body and an end marker. */
static const char *
check_pdf(const char *body)
{
	struct sbuf	 b;
	const char	*r;

	sbuf_init(&b);
	sbuf_printf(&b, "%%PDF-1.7\n" CATALOG "%s\n%%%%EOF\n", body);
	ck_assert_int_eq(b.oom, 0);
	r = check_bytes(b.data, b.len);
	sbuf_free(&b);
	return r;
}

/*
 * Appends object num: << dict /Length n >> stream data endstream.
 * With flate, data is compressed first and /Filter /FlateDecode is
 * not added (dict says what the test wants the dictionary to say).
 */
static void
add_stream(struct sbuf *b, int num, const char *dict, const void *data,
    size_t len, int flate)
{
	unsigned char	*z = NULL;
	uLongf		 zlen;

	if (flate) {
		zlen = compressBound(len);
		z = malloc(zlen);
		ck_assert_ptr_nonnull(z);
		ck_assert_int_eq(compress2(z, &zlen, data, len, 9), Z_OK);
		data = z;
		len = zlen;
	}
	sbuf_printf(b, "%d 0 obj\n<< %s /Length %zu >>\nstream\n", num, dict,
	    len);
	sbuf_append(b, data, len);
	sbuf_puts(b, "\nendstream\nendobj\n");
	free(z);
}

/* A PDF with one stream object 3 (see add_stream). */
static const char *
check_stream(const char *dict, const void *data, size_t len, int flate)
{
	struct sbuf	 b;
	const char	*r;

	sbuf_init(&b);
	sbuf_puts(&b, "%PDF-1.7\n" CATALOG);
	add_stream(&b, 3, dict, data, len, flate);
	sbuf_puts(&b, "%%EOF\n");
	ck_assert_int_eq(b.oom, 0);
	r = check_bytes(b.data, b.len);
	sbuf_free(&b);
	return r;
}

START_TEST(test_fixtures)
{

	ck_assert_ptr_null(check_fixture("minimal.pdf"));
	ck_assert_ptr_null(check_fixture("objstm-clean.pdf"));
	ck_assert_str_eq(check_fixture("js.pdf"), E_JS);
	ck_assert_str_eq(check_fixture("hexjs.pdf"), E_JS);
	ck_assert_str_eq(check_fixture("launch.pdf"), E_LAUNCH);
	ck_assert_str_eq(check_fixture("embedded.pdf"), E_EMBEDDED);
	ck_assert_str_eq(check_fixture("objstm-js.pdf"), E_JS);
	ck_assert_str_eq(check_fixture("program.pdf"), E_NOT_PDF);
	ck_assert_str_eq(check_fixture("minimal.docx"), E_NOT_PDF);
}
END_TEST

START_TEST(test_header_and_eof)
{
	static const char	 ok[] = "%PDF-1.4\n%%EOF";

	ck_assert_ptr_null(check_bytes(ok, sizeof(ok) - 1));
	ck_assert_str_eq(check_bytes(ok, sizeof(ok) - 2), E_NOT_PDF);
	ck_assert_str_eq(check_bytes("%PDF-1.4\n", 9), E_NOT_PDF);
	ck_assert_str_eq(check_bytes(" %PDF-1.4\n%%EOF", 15), E_NOT_PDF);
	ck_assert_str_eq(check_bytes("%PDF", 4), E_NOT_PDF);
	ck_assert_str_eq(check_bytes("", 0), E_NOT_PDF);
	ck_assert_str_eq(check_bytes(NULL, 0), E_NOT_PDF);
}
END_TEST

START_TEST(test_refused_names)
{

	ck_assert_str_eq(check_pdf("3 0 obj << /S /JavaScript >> endobj"),
	    E_JS);
	ck_assert_str_eq(check_pdf("3 0 obj << /JS 4 0 R >> endobj"), E_JS);
	ck_assert_str_eq(check_pdf("3 0 obj<</JS(x)>>endobj"), E_JS);
	ck_assert_str_eq(check_pdf("3 0 obj << /S /Launch >> endobj"),
	    E_LAUNCH);
	ck_assert_str_eq(check_pdf("3 0 obj << /Type /EmbeddedFile >> "
	    "endobj"), E_EMBEDDED);
	ck_assert_str_eq(check_pdf("3 0 obj << /EmbeddedFiles 4 0 R >> "
	    "endobj"), E_EMBEDDED);
	ck_assert_str_eq(check_pdf("3 0 obj << /Subtype /RichMedia >> "
	    "endobj"), E_MEDIA);
	ck_assert_str_eq(check_pdf("3 0 obj << /XFA 4 0 R >> endobj"),
	    E_XFA);
	ck_assert_str_eq(check_pdf("trailer << /Encrypt 5 0 R >>"),
	    E_PASSWORD);
	/* An /OpenAction running JavaScript. */
	ck_assert_str_eq(check_pdf("3 0 obj << /OpenAction << /S "
	    "/JavaScript /JS (app.alert\\(1\\)) >> >> endobj"), E_JS);
}
END_TEST

START_TEST(test_hex_escapes_and_case)
{

	ck_assert_str_eq(check_pdf("3 0 obj << /S /Java#53cript >> endobj"),
	    E_JS);
	ck_assert_str_eq(check_pdf("3 0 obj << /#4A#53 4 0 R >> endobj"),
	    E_JS);
	ck_assert_str_eq(check_pdf("3 0 obj << /#4a#53 4 0 R >> endobj"),
	    E_JS);
	ck_assert_str_eq(check_pdf("3 0 obj << /S /L#61unch >> endobj"),
	    E_LAUNCH);
	ck_assert_str_eq(check_pdf("3 0 obj << /S /javascript >> endobj"),
	    E_JS);
	/* Not a valid escape: the name stays "Java#5Gcript". */
	ck_assert_ptr_null(check_pdf("3 0 obj << /S /Java#5Gcript >> "
	    "endobj"));
	/* Longer or shorter names are other names. */
	ck_assert_ptr_null(check_pdf("3 0 obj << /JSON 1 /J 2 /JavaScripts 3"
	    " /XFAForm 4 /EmbeddedFileX 5 >> endobj"));
}
END_TEST

START_TEST(test_strings_and_comments_cannot_hide)
{

	/* An unbalanced "(" no reader looks at must not swallow the rest. */
	ck_assert_str_eq(check_pdf("junk ( never closed\n3 0 obj << /S "
	    "/JavaScript >> endobj"), E_JS);
	ck_assert_str_eq(check_pdf("% comment\n3 0 obj << /S /JavaScript >>"
	    " endobj"), E_JS);
	/* A name inside a string is refused too: a documented cost. */
	ck_assert_str_eq(check_pdf("3 0 obj << /Title (see /JS) >> endobj"),
	    E_JS);
}
END_TEST

START_TEST(test_stream_data_skipped_only_when_unambiguous)
{
	static const char	 data[] = "\x01\x02/JS \x03\x04";
	static const char	 hidden[] = "4 0 obj << /S /JavaScript >>";
	struct sbuf		 b;

	/* Binary data that happens to hold "/JS ": skipped. */
	ck_assert_ptr_null(check_stream("", data, sizeof(data) - 1, 0));
	ck_assert_ptr_null(check_stream("/Filter /DCTDecode", data,
	    sizeof(data) - 1, 0));
	/* If /Length does not land on endstream, the data is scanned. */
	sbuf_init(&b);
	sbuf_printf(&b, "3 0 obj\n<< /Length 2 >>\nstream\n%s\nendstream\n"
	    "endobj", data);
	ck_assert_str_eq(check_pdf(b.data), E_JS);
	sbuf_reset(&b);
	/* No /Length at all, or two of them. */
	sbuf_printf(&b, "3 0 obj\n<< >>\nstream\n%s\nendstream\nendobj", data);
	ck_assert_str_eq(check_pdf(b.data), E_JS);
	sbuf_reset(&b);
	sbuf_printf(&b, "3 0 obj\n<< /Length 9 /Length 9 >>\nstream\n%s\n"
	    "endstream\nendobj", data);
	ck_assert_str_eq(check_pdf(b.data), E_JS);
	sbuf_reset(&b);
	/* Data holding an object header is scanned: a reader sent there by
	 * the xref table would parse it. */
	sbuf_printf(&b, "3 0 obj\n<< /Length %zu >>\nstream\n%s\nendstream"
	    "\nendobj", strlen(hidden), hidden);
	ck_assert_str_eq(check_pdf(b.data), E_JS);
	sbuf_reset(&b);
	/* A dictionary with a string is not plain: data scanned. */
	sbuf_printf(&b, "3 0 obj\n<< /Length 9 /Name (x) >>\nstream\n%s\n"
	    "endstream\nendobj", data);
	ck_assert_str_eq(check_pdf(b.data), E_JS);
	sbuf_free(&b);
}
END_TEST

/* Compressed image bytes hold a bare "obj" once in 16 MB: a large scan
 * must not be refused for it, only for a real "N G obj" header. */
START_TEST(test_bare_obj_in_binary_data_is_not_a_header)
{
	static const char	 bare[] = "\x01zobj\x02/JS \x03 7obj 0x obj";
	static const char	 header[] = "\x01\n12 0 obj\x02/JS \x03";

	ck_assert_ptr_null(check_stream("", bare, sizeof(bare) - 1, 0));
	ck_assert_str_eq(check_stream("", header, sizeof(header) - 1, 0), E_JS);
}
END_TEST

START_TEST(test_indirect_length)
{
	static const char	 data[] = "\x01\x02/JS \x03\x04";
	struct sbuf		 b;

	sbuf_init(&b);
	sbuf_printf(&b, "3 0 obj\n<< /Length 4 0 R >>\nstream\n%s\nendstream"
	    "\nendobj\n4 0 obj\n9\nendobj", data);
	ck_assert_ptr_null(check_pdf(b.data));
	sbuf_reset(&b);
	/* Defined twice, differently: ambiguous, so scanned. */
	sbuf_printf(&b, "3 0 obj\n<< /Length 4 0 R >>\nstream\n%s\nendstream"
	    "\nendobj\n4 0 obj\n9\nendobj\n4 0 obj 8 endobj", data);
	ck_assert_str_eq(check_pdf(b.data), E_JS);
	sbuf_reset(&b);
	/* Undefined. */
	sbuf_printf(&b, "3 0 obj\n<< /Length 7 0 R >>\nstream\n%s\nendstream"
	    "\nendobj", data);
	ck_assert_str_eq(check_pdf(b.data), E_JS);
	sbuf_free(&b);
}
END_TEST

START_TEST(test_object_streams)
{
	static const char	 js[] = "5 0 << /S /JavaScript >>";
	static const char	 hexjs[] = "5 0 << /S /Java#53cript >>";
	static const char	 clean[] = "5 0 << /S /GoTo /D [1 0 R] >>";
	static const char	 content[] = "BT /JS 12 Tf (hi) Tj ET";

	ck_assert_ptr_null(check_stream("/Type /ObjStm /N 1 /First 4 "
	    "/Filter /FlateDecode", clean, sizeof(clean) - 1, 1));
	ck_assert_str_eq(check_stream("/Type /ObjStm /N 1 /First 4 "
	    "/Filter /FlateDecode", js, sizeof(js) - 1, 1), E_JS);
	ck_assert_str_eq(check_stream("/Type /ObjStm /N 1 /First 4 "
	    "/Filter [/FlateDecode]", hexjs, sizeof(hexjs) - 1, 1), E_JS);
	/* Uncompressed object stream. */
	ck_assert_str_eq(check_stream("/Type /ObjStm /N 1 /First 4", js,
	    sizeof(js) - 1, 0), E_JS);
	/* /First without /Type: readers only need /N and /First. */
	ck_assert_str_eq(check_stream("/N 1 /First 4 /Filter /FlateDecode",
	    js, sizeof(js) - 1, 1), E_JS);
	/* No marker at all, but the data starts like an object stream. */
	ck_assert_str_eq(check_stream("/Filter /FlateDecode", js,
	    sizeof(js) - 1, 1), E_JS);
	/* A compressed content stream is not an object stream. */
	ck_assert_ptr_null(check_stream("/Filter /FlateDecode", content,
	    sizeof(content) - 1, 1));
}
END_TEST

START_TEST(test_object_streams_that_cannot_be_read)
{
	static const char	 hex[] = "35203020 3C3C2F53202F4A5320>";
	static const char	 js[] = "5 0 << /S /JavaScript >>";
	struct sbuf		 b;

	ck_assert_str_eq(check_stream("/Type /ObjStm /N 1 /First 4 "
	    "/Filter /ASCIIHexDecode", hex, sizeof(hex) - 1, 0), E_UNCHECKED);
	ck_assert_str_eq(check_stream("/Type /ObjStm /N 1 /First 4 "
	    "/Filter /FlateDecode /DecodeParms << /Predictor 12 /Columns 4 "
	    ">>", js, sizeof(js) - 1, 1), E_UNCHECKED);
	ck_assert_str_eq(check_stream("/Type /ObjStm /N 1 /First 4 "
	    "/Filter [/FlateDecode /FlateDecode]", js, sizeof(js) - 1, 1),
	    E_UNCHECKED);
	/* Not deflate data at all. */
	ck_assert_str_eq(check_stream("/Type /ObjStm /N 1 /First 4 "
	    "/Filter /FlateDecode", "\x01\x02\x03\x04", 4, 0), E_UNCHECKED);
	/* A fake header inside the dictionary cannot hide /First. */
	sbuf_init(&b);
	sbuf_printf(&b, "3 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter "
	    "/ASCIIHexDecode /X [9 0 obj] /Length %zu >>\nstream\n",
	    sizeof(hex) - 1);
	sbuf_puts(&b, hex);
	sbuf_puts(&b, "\nendstream\nendobj");
	ck_assert_str_eq(check_pdf(b.data), E_UNCHECKED);
	sbuf_free(&b);
}
END_TEST

START_TEST(test_inflate_budget)
{
	size_t		 len = 17 * 1024 * 1024;
	char		*big;

	big = malloc(len);
	ck_assert_ptr_nonnull(big);
	memset(big, ' ', len);
	memcpy(big, "5 0 ", 4);
	ck_assert_str_eq(check_stream("/Type /ObjStm /N 1 /First 4 "
	    "/Filter /FlateDecode", big, len, 1), E_UNCHECKED);
	/* Just under the per-stream limit is read, and found. */
	memcpy(big + 1000, "/JS", 3);
	ck_assert_str_eq(check_stream("/Type /ObjStm /N 1 /First 4 "
	    "/Filter /FlateDecode", big, 16 * 1024 * 1024, 1), E_JS);
	free(big);
}
END_TEST

START_TEST(test_why_optional_and_truncated)
{
	static const char	 js[] = "%PDF-1.4 /JS %%EOF";
	char			 small[4];

	ck_assert_int_eq(pdfcheck((const unsigned char *)js, sizeof(js) - 1,
	    NULL, 0), -1);
	ck_assert_int_eq(pdfcheck((const unsigned char *)js, sizeof(js) - 1,
	    small, sizeof(small)), -1);
	ck_assert_str_eq(small, "The");
}
END_TEST

static Suite *
pdfcheck_suite(void)
{
	Suite	*s = suite_create("pdfcheck");
	TCase	*tc;

	tc = tcase_create("names");
	tcase_add_test(tc, test_fixtures);
	tcase_add_test(tc, test_header_and_eof);
	tcase_add_test(tc, test_bare_obj_in_binary_data_is_not_a_header);
	tcase_add_test(tc, test_refused_names);
	tcase_add_test(tc, test_hex_escapes_and_case);
	tcase_add_test(tc, test_strings_and_comments_cannot_hide);
	tcase_add_test(tc, test_why_optional_and_truncated);
	suite_add_tcase(s, tc);

	tc = tcase_create("streams");
	tcase_add_test(tc, test_stream_data_skipped_only_when_unambiguous);
	tcase_add_test(tc, test_indirect_length);
	tcase_add_test(tc, test_object_streams);
	tcase_add_test(tc, test_object_streams_that_cannot_be_read);
	tcase_add_test(tc, test_inflate_budget);
	tcase_set_timeout(tc, 120);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(pdfcheck_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed;
}
