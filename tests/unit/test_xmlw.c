/*
 * xmlw's fast writer (xw_open_fast, the plan's .docx) against libxml2's
 * xmlTextWriter (xw_open): the same calls give the same bytes, for text
 * and attributes holding markup characters, white space, carriage
 * returns, UTF-8 of every length, bytes that are not UTF-8, empty text
 * and elements with and without content, every single byte; misuse sets
 * err.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xmlw.h"

static const char *const samples[] = {
	"plain",
	"",
	"a < b > c & d \" e ' f",
	"line\nbreak\ttab\rreturn",
	"caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80 end",	/* é — 😀 */
	"bad \x80 lead, cut \xc3",
	"half \xe2\x80",
	"surrogate \xed\xa0\x80 here",
	"&amp; already escaped &lt;",
	"]]> and <![CDATA[",
};

/* One document through both writers' calls. */
static void
write_doc(struct xw *w, const char *s)
{
	xw_el(w, "w:document");
	xw_attr(w, "xmlns:w", "urn:example");
	xw_el(w, "w:body");
	xw_el(w, "w:p");
	xw_leaf(w, "w:pStyle", "w:val", s);
	xw_el(w, "w:t");
	xw_attr(w, "xml:space", "preserve");
	xw_text(w, s);
	xw_end(w);
	xw_leaf(w, "w:br", NULL, NULL);
	xw_el(w, "w:t");
	xw_text(w, "");
	xw_end(w);
	xw_el(w, "w:t");
	xw_text(w, s);
	xw_text(w, s);
	xw_end(w);
	xw_end(w);
	xw_el(w, "w:open");		/* left open: xw_close ends it */
	xw_el(w, "w:inner");
	xw_attr(w, "a", s);
}

static void
same_bytes(const char *s)
{
	struct xw	 a, b;
	int		 la, lb;

	ck_assert_int_eq(xw_open(&a), 0);
	ck_assert_int_eq(xw_open_fast(&b), 0);
	write_doc(&a, s);
	write_doc(&b, s);
	xw_close(&a);
	xw_close(&b);
	/* Neither refuses a control character: docx.c cleans text first. */
	ck_assert_int_eq(a.err, 0);
	ck_assert_int_eq(b.err, 0);
	la = xmlBufferLength(a.buf);
	lb = xmlBufferLength(b.buf);
	if (la != lb || memcmp(xmlBufferContent(a.buf), xmlBufferContent(b.buf),
	    (size_t)la) != 0)
		ck_abort_msg("differs for \"%s\":\nlibxml2: %.*s\nfast:    %.*s",
		    s, la, (const char *)xmlBufferContent(a.buf), lb,
		    (const char *)xmlBufferContent(b.buf));
	xw_free(&a);
	xw_free(&b);
}

START_TEST(test_same_bytes)
{
	size_t	i;

	for (i = 0; i < sizeof(samples) / sizeof(samples[0]); i++)
		same_bytes(samples[i]);
}
END_TEST

/* Every byte 1..255 alone, in text and in an attribute. */
START_TEST(test_every_byte)
{
	char	s[4];
	int	c;

	for (c = 1; c < 256; c++) {
		s[0] = 'x';
		s[1] = (char)c;
		s[2] = 'y';
		s[3] = '\0';
		same_bytes(s);
	}
}
END_TEST

START_TEST(test_misuse_sets_err)
{
	struct xw	w;

	ck_assert_int_eq(xw_open_fast(&w), 0);
	xw_end(&w);			/* nothing open */
	ck_assert_int_eq(w.err, 1);
	xw_free(&w);

	ck_assert_int_eq(xw_open_fast(&w), 0);
	xw_el(&w, "a");
	xw_text(&w, "t");
	xw_attr(&w, "x", "1");		/* after content */
	ck_assert_int_eq(w.err, 1);
	xw_free(&w);

	ck_assert_int_eq(xw_open_fast(&w), 0);
	xw_close(&w);
	xw_el(&w, "late");		/* after the document ended */
	ck_assert_int_eq(w.err, 1);
	xw_free(&w);
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("xmlw");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_same_bytes);
	tcase_add_test(tc, test_every_byte);
	tcase_add_test(tc, test_misuse_sets_err);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr = srunner_create(suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
