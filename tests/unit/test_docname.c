/*
 * Unit tests for portal/files/docname.c: the name a document is stored and
 * downloaded under.  Exit status: number of failed tests.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "upload.h"

static char	 out[256];

static const char	*name(const char *, enum ftype);
static int		 utf8_ok(const char *);
static Suite		*docname_suite(void);

static const char *
name(const char *raw, enum ftype t)
{
	size_t	 n;

	memset(out, 'x', sizeof(out));
	n = docname(raw, t, out, sizeof(out));
	ck_assert_uint_eq(n, strlen(out));
	ck_assert_uint_le(n, 255);
	ck_assert(utf8_ok(out));
	return out;
}

/* 1 if s is valid UTF-8 (no sequence cut short). */
static int
utf8_ok(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	int			 n, i;

	while (*p) {
		if (*p < 0x80)
			n = 0;
		else if ((*p & 0xE0) == 0xC0)
			n = 1;
		else if ((*p & 0xF0) == 0xE0)
			n = 2;
		else if ((*p & 0xF8) == 0xF0)
			n = 3;
		else
			return 0;
		for (i = 1; i <= n; i++)
			if ((p[i] & 0xC0) != 0x80)
				return 0;
		p += n + 1;
	}
	return 1;
}

START_TEST(test_extension_of_the_detected_type)
{

	ck_assert_str_eq(name("report.pdf", FT_PDF), "report.pdf");
	ck_assert_str_eq(name("Report.PDF", FT_PDF), "Report.PDF");
	ck_assert_str_eq(name("report.hta", FT_PDF), "report.pdf");
	ck_assert_str_eq(name("report.docm", FT_PDF), "report.pdf");
	ck_assert_str_eq(name("page.html", FT_PNG), "page.png");
	ck_assert_str_eq(name("scan.pdf", FT_PNG), "scan.png");
	ck_assert_str_eq(name("photo.jpeg", FT_JPEG), "photo.jpeg");
	ck_assert_str_eq(name("photo.JPG", FT_JPEG), "photo.JPG");
	ck_assert_str_eq(name("notes.txt", FT_DOCX), "notes.docx");
	ck_assert_str_eq(name("minutes", FT_ODT), "minutes.odt");
	ck_assert_str_eq(name("report.pdf.exe", FT_PDF), "report.pdf");
	ck_assert_str_eq(name("report.pdf.", FT_PDF), "report.pdf");
	ck_assert_str_eq(name("report.hta .  ", FT_PDF), "report.pdf");
	/* Not an extension: kept, and the type's added. */
	ck_assert_str_eq(name("Plan v1.2 final", FT_PDF),
	    "Plan v1.2 final.pdf");
	ck_assert_str_eq(name("a.longextension", FT_PDF),
	    "a.longextension.pdf");
	ck_assert_str_eq(name(".hta", FT_PDF), ".hta.pdf");
	ck_assert_str_eq(name("", FT_PDF), "document.pdf");
	ck_assert_str_eq(name(NULL, FT_PNG), "document.png");
	ck_assert_str_eq(name(".", FT_PDF), "document.pdf");
	ck_assert_str_eq(name("x", FT_UNKNOWN), "x.bin");
}
END_TEST

START_TEST(test_bidi_and_format_characters_dropped)
{

	/* RLO: shown as "harmlessexe.pdf" if kept. */
	ck_assert_str_eq(name("harmless\xe2\x80\xae" "fdp.exe", FT_PDF),
	    "harmlessfdp.pdf");
	ck_assert_str_eq(name("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80"
	    "\xad\xe2\x80\xae" "A.pdf", FT_PDF), "A.pdf");
	/* Isolates, LRM/RLM, ALM, ZWSP/ZWJ, word joiner, BOM, soft hyphen,
	 * a tag character, LS/PS, C1 NEL, C0 and DEL. */
	ck_assert_str_eq(name("a\xe2\x81\xa6" "b\xe2\x81\xa7" "c\xe2\x81\xa8"
	    "d\xe2\x81\xa9" "e\xe2\x80\x8e" "f\xe2\x80\x8f" "g\xd8\x9c" "h"
	    "\xe2\x80\x8b" "i\xe2\x80\x8d" "j\xe2\x81\xa0" "k\xef\xbb\xbf" "l"
	    "\xc2\xad" "m\xf3\xa0\x80\x81" "n\xe2\x80\xa8" "o\xe2\x80\xa9" "p"
	    "\xc2\x85" "q\x01\x1f\x7fr.pdf", FT_PDF), "abcdefghijklmnopqr.pdf");
	/* Invalid bytes go, letters of any script stay. */
	ck_assert_str_eq(name("\xff\xc3(caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac" ""
	    " \xf0\x9f\x93\x84.pdf", FT_PDF),
	    "(caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x93\x84.pdf");
	/* An override hiding the real extension cannot survive either. */
	ck_assert_str_eq(name("invoice\xe2\x80\xaegpj.hta", FT_PDF),
	    "invoicegpj.pdf");
}
END_TEST

/* Issue 14: a name cut at 255 bytes split a UTF-8 character (503). */
START_TEST(test_long_names_cut_at_a_character_boundary)
{
	char	 raw[1200];
	size_t	 i, k, n;
	const char *const chars[] = { "\xc3\xa9", "\xe6\x97\xa5",
	    "\xf0\x9f\x93\x84" };

	for (k = 0; k < 3; k++)
		for (i = 0; i < 4; i++) {
			/* An odd prefix so the 255th byte falls mid-character. */
			memset(raw, 'a', i);
			raw[i] = '\0';
			for (n = 0; n < 250; n++)
				strcat(raw, chars[k]);
			strcat(raw, ".pdf");
			name(raw, FT_PDF);
			ck_assert_uint_ge(strlen(out), 250);
			ck_assert(strcmp(out + strlen(out) - 4, ".pdf") == 0);
			/* The extension comes after a whole character. */
			ck_assert(memcmp(out + strlen(out) - 4 -
			    strlen(chars[k]), chars[k], strlen(chars[k])) == 0);
		}
	/* Exactly 255 bytes is kept whole. */
	memset(raw, 'b', 251);
	memcpy(raw + 251, ".pdf", 5);
	ck_assert_str_eq(name(raw, FT_PDF), raw);
	/* A long name of the wrong type still ends with the right one. */
	memset(raw, 'c', 300);
	memcpy(raw + 300, ".hta", 5);
	name(raw, FT_PDF);
	ck_assert_uint_eq(strlen(out), 255);
	ck_assert_str_eq(out + 251, ".pdf");
}
END_TEST

START_TEST(test_small_buffer)
{
	char	 small[16];

	ck_assert_uint_eq(docname("report.pdf", FT_PDF, small, 10), 0);
	ck_assert_uint_eq(docname("report.pdf", FT_PDF, NULL, 100), 0);
	ck_assert_uint_eq(docname("a-very-long-report.hta", FT_DOCX, small,
	    sizeof(small)), 15);
	ck_assert_str_eq(small, "a-very-lon.docx");
	ck_assert_int_eq(filetype_from_media("application/pdf"), FT_PDF);
	ck_assert_int_eq(filetype_from_media("image/jpeg"), FT_JPEG);
	ck_assert_int_eq(filetype_from_media("text/html"), FT_UNKNOWN);
	ck_assert_int_eq(filetype_from_media(NULL), FT_UNKNOWN);
}
END_TEST

static Suite *
docname_suite(void)
{
	Suite	*s = suite_create("docname");
	TCase	*tc = tcase_create("docname");

	tcase_add_test(tc, test_extension_of_the_detected_type);
	tcase_add_test(tc, test_bidi_and_format_characters_dropped);
	tcase_add_test(tc, test_long_names_cut_at_a_character_boundary);
	tcase_add_test(tc, test_small_buffer);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(docname_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed;
}
