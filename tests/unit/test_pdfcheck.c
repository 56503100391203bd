/*
 * Unit tests for portal/files/pdfcheck.c.  Exit status: number of failed tests.
 * Fixtures: tests/unit/fixtures/upload (or $UPLOAD_FIXTURES).  Variants
 * are built here: "%PDF-1.7" + body + "%%EOF", streams compressed with
 * zlib where a test needs Flate data.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include <zip.h>
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
#define E_AUTO		"The file opens a web address or another file by itself"
#define E_ARCHIVE	"The file has an archive hidden in it"
#define E_MARKUP	"The file has web page code hidden in it"

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
static void		 add_objstm(struct sbuf *, int, const char *,
			    const char *, int);
static const char	*check_objstm(const char *, const char *,
			    const char *);
static unsigned char	*build_zip(size_t *);
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

/*
 * Appends object num, an object stream holding the objects of inner
 * ("6 0 obj-body\n7 0 obj-body..." as "num body" lines), compressed
 * with zlib; dict is the rest of its dictionary (/Filter included, or
 * not).  With split, the data holds a stored deflate block spelling
 * "endstream" before the compressed objects.
 */
static void
add_objstm(struct sbuf *b, int num, const char *dict, const char *inner,
    int split)
{
	struct sbuf	 hdr, body;
	const char	*p, *sp, *nl;
	unsigned char	 z[65536];
	z_stream	 zs;
	int		 n = 0;

	sbuf_init(&hdr);
	sbuf_init(&body);
	for (p = inner; *p != '\0'; p = *nl ? nl + 1 : nl) {
		nl = strchr(p, '\n');
		if (nl == NULL)
			nl = p + strlen(p);
		sp = strchr(p, ' ');
		sbuf_printf(&hdr, "%.*s %zu ", (int)(sp - p), p, body.len);
		sbuf_append(&body, sp + 1, (size_t)(nl - sp - 1));
		sbuf_puts(&body, "\n");
		n++;
	}
	memset(&zs, 0, sizeof(zs));
	ck_assert_int_eq(deflateInit(&zs, split ? 0 : 9), Z_OK);
	zs.next_out = z;
	zs.avail_out = sizeof(z);
	if (split) {
		zs.next_in = (Bytef *)(uintptr_t)"% endstream\n";
		zs.avail_in = 12;
		ck_assert_int_eq(deflate(&zs, Z_FULL_FLUSH), Z_OK);
		ck_assert_int_eq(deflateParams(&zs, 9, Z_DEFAULT_STRATEGY),
		    Z_OK);
	}
	zs.next_in = (Bytef *)hdr.data;
	zs.avail_in = (uInt)hdr.len;
	ck_assert_int_eq(deflate(&zs, Z_NO_FLUSH), Z_OK);
	zs.next_in = (Bytef *)body.data;
	zs.avail_in = (uInt)body.len;
	ck_assert_int_eq(deflate(&zs, Z_FINISH), Z_STREAM_END);
	sbuf_printf(b, "%d 0 obj\n<< /Type /ObjStm /N %d /First %zu %s",
	    num, n, hdr.len + (split ? 12 : 0), dict);
	if (strstr(dict, "/Length") == NULL)
		sbuf_printf(b, " /Length %lu", zs.total_out);
	sbuf_puts(b, " >>\nstream\n");
	sbuf_append(b, z, zs.total_out);
	sbuf_puts(b, "\nendstream\nendobj\n");
	deflateEnd(&zs);
	sbuf_free(&hdr);
	sbuf_free(&body);
}

/* A PDF: CATALOG, the object stream 3 (see add_objstm), then more. */
static const char *
check_objstm(const char *dict, const char *inner, const char *more)
{
	struct sbuf	 b;
	const char	*r;

	sbuf_init(&b);
	sbuf_puts(&b, "%PDF-1.7\n" CATALOG);
	add_objstm(&b, 3, dict, inner, 0);
	sbuf_printf(&b, "%s\n%%%%EOF\n", more);
	ck_assert_int_eq(b.oom, 0);
	r = check_bytes(b.data, b.len);
	sbuf_free(&b);
	return r;
}

/* A Word document with macros, as a zip: what a .docm rename opens. */
static unsigned char *
build_zip(size_t *len)
{
	static const char *const ent[][2] = {
		{ "[Content_Types].xml", "<Types><Default Extension=\"bin\" "
		    "ContentType=\"application/vnd.ms-office.vbaProject\"/>"
		    "</Types>" },
		{ "word/document.xml", "<w:document/>" },
		{ "word/vbaProject.bin", "\xd0\xcf\x11\xe0 Sub AutoOpen()" },
	};
	char		 path[] = "/tmp/test_pdfcheck_XXXXXX";
	zip_t		*za;
	zip_source_t	*src;
	unsigned char	*buf;
	int		 fd, err;
	size_t		 i;
	FILE		*f;
	long		 size;

	ck_assert_int_ge(fd = mkstemp(path), 0);
	close(fd);
	za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	ck_assert_ptr_nonnull(za);
	for (i = 0; i < 3; i++) {
		src = zip_source_buffer(za, ent[i][1], strlen(ent[i][1]), 0);
		ck_assert_ptr_nonnull(src);
		ck_assert_int_ge(zip_file_add(za, ent[i][0], src, 0), 0);
	}
	ck_assert_int_eq(zip_close(za), 0);
	f = fopen(path, "rb");
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	buf = malloc((size_t)size);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	unlink(path);
	*len = (size_t)size;
	return buf;
}

/* Issue 14: an object stream whose /Filter is an indirect reference
 * was scanned still compressed. */
START_TEST(test_indirect_filter)
{
	static const char	 js[] = "4 << /Type /Catalog /OpenAction "
	    "<< /S /JavaScript /JS (app.alert\\(1\\)) >> >>";
	static const char	 launch[] = "4 << /OpenAction 5 0 R >>\n"
	    "5 << /S /Launch /F (calc.exe) >>";
	static const char	 clean[] = "4 << /S /GoTo /D [1 0 R /Fit] >>";

	ck_assert_str_eq(check_objstm("/Filter 9 0 R", js,
	    "9 0 obj\n/FlateDecode\nendobj"), E_JS);
	ck_assert_str_eq(check_objstm("/Filter 9 0 R", launch,
	    "9 0 obj /FlateDecode endobj"), E_LAUNCH);
	ck_assert_str_eq(check_objstm("/Filter [9 0 R]", js,
	    "9 0 obj /FlateDecode endobj"), E_JS);
	ck_assert_str_eq(check_objstm("/Filter 9 0 R", js,
	    "9 0 obj [/FlateDecode] endobj"), E_JS);
	ck_assert_str_eq(check_objstm("/Filter 9 0 R /First 8 0 R", js,
	    "9 0 obj /FlateDecode endobj 8 0 obj 2 endobj"), E_JS);
	/* Resolved to something else than one Flate: cannot be checked. */
	ck_assert_str_eq(check_objstm("/Filter 9 0 R", js,
	    "9 0 obj [/FlateDecode /FlateDecode] endobj"), E_UNCHECKED);
	ck_assert_str_eq(check_objstm("/Filter 9 0 R", js,
	    "9 0 obj /ASCIIHexDecode endobj"), E_UNCHECKED);
	/* Undefined, defined twice differently, or not a name. */
	ck_assert_str_eq(check_objstm("/Filter 9 0 R", js, ""), E_UNCHECKED);
	ck_assert_str_eq(check_objstm("/Filter 9 0 R", js,
	    "9 0 obj /FlateDecode endobj 9 0 obj /LZWDecode endobj"),
	    E_UNCHECKED);
	ck_assert_str_eq(check_objstm("/Filter 9 0 R", js,
	    "9 0 obj 10 0 R endobj 10 0 obj /FlateDecode endobj"),
	    E_UNCHECKED);
	ck_assert_str_eq(check_objstm("/DecodeParms 9 0 R /Filter "
	    "/FlateDecode", js, "9 0 obj << /Predictor 12 >> endobj"),
	    E_UNCHECKED);
	/* A clean one decodes and passes. */
	ck_assert_ptr_null(check_objstm("/Filter 9 0 R", clean,
	    "9 0 obj /FlateDecode endobj"));
	ck_assert_ptr_null(check_objstm("/Filter /FlateDecode", clean, ""));
}
END_TEST

/* Compressed data holding "endstream" must not cut the stream short
 * for the checker while a reader, told the length, reads it whole. */
START_TEST(test_object_stream_cut_short)
{
	static const char	 js[] = "4 << /OpenAction << /S /JavaScript "
	    "/JS (x) >> >>";
	struct sbuf		 b;

	sbuf_init(&b);
	sbuf_puts(&b, "%PDF-1.7\n" CATALOG);
	add_objstm(&b, 3, "/Filter /FlateDecode /Length 8 0 R", js, 1);
	sbuf_puts(&b, "%%EOF\n");
	ck_assert_str_eq(check_bytes(b.data, b.len), E_UNCHECKED);
	sbuf_free(&b);
}
END_TEST

/* Issue 14: automatic actions that leave the document. */
START_TEST(test_automatic_actions)
{
	static const char *const kinds[] = {
		"URI /URI (https://example.com/)", "GoToR /F (x.pdf) /D [0 /Fit]",
		"GoToE /T << /R /C /N (a) >>", "SubmitForm /F (https://x/)",
		"ImportData /F (data.fdf)",
	};
	char		 body[512];
	size_t		 i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++) {
		/* Direct, in the catalog. */
		snprintf(body, sizeof(body), "3 0 obj << /OpenAction << /S /%s "
		    ">> >> endobj", kinds[i]);
		ck_assert_str_eq(check_pdf(body), E_AUTO);
		/* Indirect. */
		snprintf(body, sizeof(body), "3 0 obj << /OpenAction 6 0 R >> "
		    "endobj 6 0 obj << /S /%s >> endobj", kinds[i]);
		ck_assert_str_eq(check_pdf(body), E_AUTO);
		/* A page's or an annotation's additional actions. */
		snprintf(body, sizeof(body), "3 0 obj << /Type /Page /AA << /O "
		    "<< /S /%s >> >> >> endobj", kinds[i]);
		ck_assert_str_eq(check_pdf(body), E_AUTO);
		snprintf(body, sizeof(body), "3 0 obj << /AA 7 0 R >> endobj "
		    "7 0 obj << /C 8 0 R >> endobj 8 0 obj << /S /%s >> endobj",
		    kinds[i]);
		ck_assert_str_eq(check_pdf(body), E_AUTO);
		/* At the end of a /Next chain. */
		snprintf(body, sizeof(body), "3 0 obj << /OpenAction << /S /GoTo "
		    "/D [1 0 R /Fit] /Next [9 0 R] >> >> endobj 9 0 obj << /S "
		    "/GoTo /D [1 0 R /Fit] /Next << /S /%s >> >> endobj",
		    kinds[i]);
		ck_assert_str_eq(check_pdf(body), E_AUTO);
		/* Inside an object stream. */
		snprintf(body, sizeof(body), "4 << /OpenAction 5 0 R >>\n"
		    "5 << /S /%s >>", kinds[i]);
		ck_assert_str_eq(check_objstm("/Filter /FlateDecode", body, ""),
		    E_AUTO);
		snprintf(body, sizeof(body), "5 << /S /%s >>", kinds[i]);
		ck_assert_str_eq(check_objstm("/Filter 9 0 R", body,
		    "9 0 obj /FlateDecode endobj 10 0 obj << /AA << /PO 5 0 R >> "
		    ">> endobj"), E_AUTO);
	}
	/* A link the reader clicks is not automatic; nor is going to a
	 * page of this document. */
	ck_assert_ptr_null(check_pdf("3 0 obj << /OpenAction [1 0 R /Fit] >> "
	    "endobj 4 0 obj << /Type /Annot /Subtype /Link /A << /S /URI /URI "
	    "(https://www.gov.uk/) >> >> endobj"));
	ck_assert_ptr_null(check_pdf("3 0 obj << /OpenAction 6 0 R >> endobj "
	    "6 0 obj [1 0 R /XYZ 0 0 0] endobj 1 0 obj << /A << /S /URI >> >> "
	    "endobj"));
	ck_assert_ptr_null(check_pdf("3 0 obj << /OpenAction << /S /GoTo /D "
	    "[7 0 R /Fit] >> >> endobj 7 0 obj << /Type /Page /Annots [<< /A "
	    "<< /S /URI /URI (https://x/) >> >>] >> endobj"));
	ck_assert_ptr_null(check_pdf("3 0 obj << /Title (/AA and /OpenAction "
	    "in a string) >> endobj"));
	/* Loops end. */
	ck_assert_ptr_null(check_pdf("3 0 obj << /OpenAction 6 0 R >> endobj "
	    "6 0 obj << /S /GoTo /D [1 0 R /Fit] /Next 6 0 R >> endobj"));
}
END_TEST

/* Issue 14: data after the last %%EOF that another program opens. */
START_TEST(test_data_after_the_end)
{
	static const char	 pdf[] = "%PDF-1.7\n" CATALOG "%%EOF\n";
	unsigned char		*zip;
	size_t			 zlen;
	struct sbuf		 b;

	sbuf_init(&b);
	/* A PDF+HTML polyglot, as served as .hta. */
	sbuf_puts(&b, pdf);
	sbuf_puts(&b, "<html><head><hta:application id=x/><script>new "
	    "ActiveXObject('WScript.Shell').Run('calc')</script></head></html>");
	ck_assert_str_eq(check_bytes(b.data, b.len), E_MARKUP);
	/* A Word document with macros appended, as served as .docm. */
	sbuf_reset(&b);
	sbuf_puts(&b, pdf);
	zip = build_zip(&zlen);
	sbuf_append(&b, zip, zlen);
	ck_assert_str_eq(check_bytes(b.data, b.len), E_ARCHIVE);
	/* The zip's end record in the last 64 KiB, even before %%EOF. */
	sbuf_reset(&b);
	sbuf_puts(&b, "%PDF-1.7\n" CATALOG "% ");
	sbuf_append(&b, zip, zlen);
	sbuf_puts(&b, "\n%%EOF\n");
	ck_assert_str_eq(check_bytes(b.data, b.len), E_ARCHIVE);
	free(zip);
	/* Line ends and padding are fine; so is an earlier %%EOF. */
	sbuf_reset(&b);
	sbuf_puts(&b, "%PDF-1.7\n%%EOF\n<html>\n" CATALOG "%%EOF\r\n\n");
	sbuf_append(&b, "\0\0\0", 3);
	ck_assert_ptr_null(check_bytes(b.data, b.len));
	sbuf_free(&b);
}
END_TEST

/* A comment between "6 0" and "obj" is still an object header to a
 * reader sent into the data by the cross-reference table. */
START_TEST(test_header_with_comments_in_stream_data)
{
	static const char	 hidden[] =
	    "\x01\x02\n6 0 % c\n%d\nobj << /S /JavaScript >>";

	ck_assert_str_eq(check_stream("", hidden, sizeof(hidden) - 1, 0),
	    E_JS);
}
END_TEST

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
	tcase_add_test(tc, test_indirect_filter);
	tcase_add_test(tc, test_object_stream_cut_short);
	tcase_add_test(tc, test_automatic_actions);
	tcase_add_test(tc, test_data_after_the_end);
	tcase_add_test(tc, test_header_with_comments_in_stream_data);
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
