/*
 * Unit tests for portal/files/filetype.c.  Exit status: number of failed tests.
 * Fixtures: tests/unit/fixtures/upload (or $UPLOAD_FIXTURES), made by
 * make-fixtures.sh there; run from the repository root.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zip.h>

#include "upload.h"

struct ent {
	const char	*name;
	const char	*data;
};

static unsigned char	*fixture(const char *, size_t *);
static unsigned char	*slurp(const char *, size_t *);
static unsigned char	*build_zip(const struct ent *, size_t, size_t *);
static enum ftype	 detect_fixture(const char *);
static enum ftype	 detect_zip(const struct ent *, size_t);
static Suite		*filetype_suite(void);

/* Contents of a fixture file; fails the test if it is missing. */
static unsigned char *
fixture(const char *name, size_t *len)
{
	const char	*dir = getenv("UPLOAD_FIXTURES");
	char		 path[1024];
	int		 n;

	if (dir == NULL)
		dir = "tests/unit/fixtures/upload";
	n = snprintf(path, sizeof(path), "%s/%s", dir, name);
	ck_assert(n > 0 && (size_t)n < sizeof(path));
	return slurp(path, len);
}

static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE		*f;
	unsigned char	*buf;
	long		 size;

	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	size = ftell(f);
	ck_assert(size >= 0);
	rewind(f);
	buf = malloc((size_t)size + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	*len = (size_t)size;
	return buf;
}

/* A zip holding the given entries, in order, as bytes. */
static unsigned char *
build_zip(const struct ent *e, size_t n, size_t *len)
{
	char		 path[] = "/tmp/test_filetype_XXXXXX";
	zip_t		*za;
	zip_source_t	*src;
	unsigned char	*buf;
	int		 fd, err;
	size_t		 i;

	ck_assert_int_ge(fd = mkstemp(path), 0);
	close(fd);
	za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	ck_assert_ptr_nonnull(za);
	for (i = 0; i < n; i++) {
		src = zip_source_buffer(za, e[i].data, strlen(e[i].data), 0);
		ck_assert_ptr_nonnull(src);
		ck_assert_int_ge(zip_file_add(za, e[i].name, src, 0), 0);
	}
	ck_assert_int_eq(zip_close(za), 0);
	buf = slurp(path, len);
	unlink(path);
	return buf;
}

static enum ftype
detect_fixture(const char *name)
{
	unsigned char	*buf;
	size_t		 len;
	enum ftype	 t;

	buf = fixture(name, &len);
	t = filetype_detect(buf, len);
	free(buf);
	return t;
}

static enum ftype
detect_zip(const struct ent *e, size_t n)
{
	unsigned char	*buf;
	size_t		 len;
	enum ftype	 t;

	buf = build_zip(e, n, &len);
	t = filetype_detect(buf, len);
	free(buf);
	return t;
}

START_TEST(test_fixtures)
{

	ck_assert_int_eq(detect_fixture("minimal.pdf"), FT_PDF);
	ck_assert_int_eq(detect_fixture("js.pdf"), FT_PDF);
	ck_assert_int_eq(detect_fixture("header.png"), FT_PNG);
	ck_assert_int_eq(detect_fixture("header.jpg"), FT_JPEG);
	ck_assert_int_eq(detect_fixture("minimal.docx"), FT_DOCX);
	ck_assert_int_eq(detect_fixture("macro.docx"), FT_DOCX);
	ck_assert_int_eq(detect_fixture("minimal.odt"), FT_ODT);
}
END_TEST

START_TEST(test_renamed_program_is_unknown)
{

	ck_assert_int_eq(detect_fixture("program.pdf"), FT_UNKNOWN);
	ck_assert_int_eq(detect_fixture("make-fixtures.sh"), FT_UNKNOWN);
}
END_TEST

START_TEST(test_short_and_empty)
{
	static const unsigned char	 pdf[] = "%PDF-";

	ck_assert_int_eq(filetype_detect(NULL, 0), FT_UNKNOWN);
	ck_assert_int_eq(filetype_detect(NULL, 10), FT_UNKNOWN);
	ck_assert_int_eq(filetype_detect(pdf, 0), FT_UNKNOWN);
	ck_assert_int_eq(filetype_detect(pdf, 4), FT_UNKNOWN);	/* "%PDF" */
	ck_assert_int_eq(filetype_detect(pdf, 5), FT_PDF);
	ck_assert_int_eq(filetype_detect((const unsigned char *)"\xff\xd8",
	    2), FT_UNKNOWN);
	ck_assert_int_eq(filetype_detect((const unsigned char *)"\x89PNG",
	    4), FT_UNKNOWN);
	/* Magic must be at offset 0. */
	ck_assert_int_eq(filetype_detect((const unsigned char *)" %PDF-1.7",
	    9), FT_UNKNOWN);
}
END_TEST

START_TEST(test_broken_zip_is_unknown)
{
	static const unsigned char	 pk[] = "PK\x03\x04garbage";

	ck_assert_int_eq(filetype_detect(pk, sizeof(pk) - 1), FT_UNKNOWN);
	ck_assert_int_eq(detect_fixture("truncated.docx"), FT_UNKNOWN);
}
END_TEST

START_TEST(test_docx_needs_both_parts)
{
	const struct ent	 ct_only[] = {
		{ "[Content_Types].xml", "<Types/>" },
		{ "word/other.xml", "<x/>" },
	};
	const struct ent	 doc_only[] = {
		{ "word/document.xml", "<w:document/>" },
	};
	const struct ent	 both[] = {
		{ "word/document.xml", "<w:document/>" },
		{ "[Content_Types].xml", "<Types/>" },
	};

	ck_assert_int_eq(detect_zip(ct_only, 2), FT_UNKNOWN);
	ck_assert_int_eq(detect_zip(doc_only, 1), FT_UNKNOWN);
	ck_assert_int_eq(detect_zip(both, 2), FT_DOCX);
}
END_TEST

START_TEST(test_odt_mimetype_rules)
{
	const struct ent	 good[] = {
		{ "mimetype", "application/vnd.oasis.opendocument.text" },
		{ "content.xml", "<x/>" },
	};
	const struct ent	 sheet[] = {
		{ "mimetype",
		    "application/vnd.oasis.opendocument.spreadsheet" },
	};
	const struct ent	 longer[] = {
		{ "mimetype", "application/vnd.oasis.opendocument.textx" },
	};
	const struct ent	 shorter[] = {
		{ "mimetype", "application/vnd.oasis.opendocument.tex" },
	};
	const struct ent	 not_first[] = {
		{ "content.xml", "<x/>" },
		{ "mimetype", "application/vnd.oasis.opendocument.text" },
	};

	ck_assert_int_eq(detect_zip(good, 2), FT_ODT);
	ck_assert_int_eq(detect_zip(sheet, 1), FT_UNKNOWN);
	ck_assert_int_eq(detect_zip(longer, 1), FT_UNKNOWN);
	ck_assert_int_eq(detect_zip(shorter, 1), FT_UNKNOWN);
	ck_assert_int_eq(detect_zip(not_first, 2), FT_UNKNOWN);
}
END_TEST

START_TEST(test_media_and_ext)
{

	ck_assert_str_eq(filetype_media(FT_PDF), "application/pdf");
	ck_assert_str_eq(filetype_media(FT_DOCX),
	    "application/vnd.openxmlformats-officedocument."
	    "wordprocessingml.document");
	ck_assert_str_eq(filetype_media(FT_ODT),
	    "application/vnd.oasis.opendocument.text");
	ck_assert_str_eq(filetype_media(FT_PNG), "image/png");
	ck_assert_str_eq(filetype_media(FT_JPEG), "image/jpeg");
	ck_assert_str_eq(filetype_media(FT_UNKNOWN),
	    "application/octet-stream");
	ck_assert_str_eq(filetype_ext(FT_PDF), "pdf");
	ck_assert_str_eq(filetype_ext(FT_DOCX), "docx");
	ck_assert_str_eq(filetype_ext(FT_ODT), "odt");
	ck_assert_str_eq(filetype_ext(FT_PNG), "png");
	ck_assert_str_eq(filetype_ext(FT_JPEG), "jpg");
	ck_assert_str_eq(filetype_ext(FT_UNKNOWN), "bin");
	/* Out of range values are treated as unknown, not read past. */
	ck_assert_str_eq(filetype_ext((enum ftype)99), "bin");
	ck_assert_str_eq(filetype_media((enum ftype)99),
	    "application/octet-stream");
}
END_TEST

static Suite *
filetype_suite(void)
{
	Suite	*s = suite_create("filetype");
	TCase	*tc;

	tc = tcase_create("detect");
	tcase_add_test(tc, test_fixtures);
	tcase_add_test(tc, test_renamed_program_is_unknown);
	tcase_add_test(tc, test_short_and_empty);
	tcase_add_test(tc, test_broken_zip_is_unknown);
	tcase_add_test(tc, test_docx_needs_both_parts);
	tcase_add_test(tc, test_odt_mimetype_rules);
	suite_add_tcase(s, tc);

	tc = tcase_create("names");
	tcase_add_test(tc, test_media_and_ext);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(filetype_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed;
}
