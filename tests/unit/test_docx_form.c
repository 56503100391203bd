/*
 * The advice form as .docx (docx_form.c) and the completed form read
 * back (docx_read.c): a round trip of every template; answers typed
 * into the XML as Word writes it (split runs, no bookmarks, a content
 * control); choices and dates as people write them; and documents that
 * must be refused whole — not a zip, no document part, a DOCTYPE, a part
 * over the cap (small in its header), another template's form, no
 * questions, a changed provision table — with nothing read.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "advice.h"
#include "docx.h"
#include "template.h"
#include "upload.h"

static struct tpl_set	 set;

static void
setup(void)
{
	char	err[512];

	ck_assert_msg(tpl_set_load(&set, "templates/advice",
	    "templates/advice/template.rng", err, sizeof(err)) == 0, "%s", err);
}

static void
teardown(void)
{
	tpl_set_free(&set);
}

static const struct tpl *
T(const char *id)
{
	const struct tpl	*t = tpl_find(&set, id, 0);

	ck_assert_ptr_nonnull(t);
	return t;
}

static void
form(const struct tpl *t, const struct avals *v, unsigned char **buf,
    size_t *len)
{
	struct docx_form_meta	m = { "EHC-2026-00001", "Demoshire County Council" };

	ck_assert_int_eq(docx_form_mem(t, v, &m, buf, len), 0);
	ck_assert_uint_gt(*len, 1000);
}

/* The zip's part name as a malloc'd string. */
static char *
part(const unsigned char *buf, size_t len, const char *name)
{
	zip_error_t	 ze;
	zip_source_t	*src;
	zip_t		*za;
	zip_stat_t	 st;
	zip_file_t	*f;
	char		*s;

	zip_error_init(&ze);
	src = zip_source_buffer_create(buf, len, 0, &ze);
	ck_assert_ptr_nonnull(src);
	za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	ck_assert_ptr_nonnull(za);
	ck_assert_int_eq(zip_stat(za, name, 0, &st), 0);
	s = calloc(1, st.size + 1);
	f = zip_fopen(za, name, 0);
	ck_assert_int_eq(zip_fread(f, s, st.size), (zip_int64_t)st.size);
	zip_fclose(f);
	zip_discard(za);
	return s;
}

/* buf with part name replaced by content (NULL: removed); malloc'd. */
static unsigned char *
rezip(const unsigned char *buf, size_t len, const char *name,
    const char *content, size_t clen, size_t *outlen)
{
	zip_error_t	 ze;
	zip_source_t	*src, *s;
	zip_t		*za;
	zip_stat_t	 st;
	unsigned char	*copy, *out;

	copy = malloc(len);
	memcpy(copy, buf, len);
	zip_error_init(&ze);
	src = zip_source_buffer_create(copy, len, 1, &ze);
	zip_source_keep(src);
	za = zip_open_from_source(src, 0, &ze);
	ck_assert_ptr_nonnull(za);
	if (content == NULL)
		ck_assert_int_eq(zip_delete(za, (zip_uint64_t)zip_name_locate(za,
		    name, 0)), 0);
	else {
		s = zip_source_buffer(za, strdup(content), clen, 1);
		ck_assert_int_ge(zip_file_add(za, name, s, ZIP_FL_OVERWRITE), 0);
	}
	ck_assert_int_eq(zip_close(za), 0);
	ck_assert_int_eq(zip_source_open(src), 0);
	zip_stat_init(&st);
	ck_assert_int_eq(zip_source_stat(src, &st), 0);
	out = malloc(st.size);
	ck_assert_int_eq(zip_source_read(src, out, st.size), (zip_int64_t)st.size);
	zip_source_close(src);
	zip_source_free(src);
	*outlen = st.size;
	return out;
}

/* s with the first "from" after "after" replaced by "to"; malloc'd. */
static char *
replace(const char *s, const char *after, const char *from, const char *to)
{
	const char	*a = after ? strstr(s, after) : s, *p;
	char		*out;

	ck_assert_msg(a != NULL, "no %s", after);
	p = strstr(a, from);
	ck_assert_msg(p != NULL, "no %s after %s", from, after);
	out = malloc(strlen(s) + strlen(to) + 1);
	memcpy(out, s, (size_t)(p - s));
	strcpy(out + (p - s), to);
	strcat(out, p + strlen(from));
	return out;
}

static int
read_doc(const struct tpl *t, const unsigned char *buf, size_t len,
    struct avals *out, struct docx_form_result *r, char *why)
{
	avals_init(out);
	return docx_form_read(buf, len, t, out, r, why, 256);
}

/* Every template: the form opens as a .docx the upload checks accept,
 * every label is in it, and a form prefilled with answers reads back
 * the same answers. */
START_TEST(round_trip_every_template)
{
	const struct tpl	*t = &set.tpls[_i];
	const struct tpl_field	*f;
	struct avals		 v, got;
	struct docx_form_result	 r;
	unsigned char		*buf;
	size_t			 len, i, c, want = 0;
	char			*doc, why[256], val[64];
	const char		*g;

	if ((size_t)_i >= set.ntpls)
		return;
	avals_init(&v);
	for (i = 0; i < t->nfields; i++) {
		f = &t->fields[i];
		switch (f->type) {
		case TPL_DATE:
			avals_add(&v, f->id, -1, "", "2026-03-27");
			break;
		case TPL_CHOICE:
			avals_add(&v, f->id, -1, "", f->options[f->noptions - 1].value);
			break;
		case TPL_ROWS:
			for (c = 0; c < f->ncolumns; c++) {
				(void)snprintf(val, sizeof(val), "Row one & <%s>",
				    f->columns[c].id);
				avals_add(&v, f->id, 0, f->columns[c].id, val);
				avals_add(&v, f->id, 1, f->columns[c].id, "2nd");
			}
			break;
		default:
			(void)snprintf(val, sizeof(val), "Answer to %s: \"x\" < y",
			    f->id);
			avals_add(&v, f->id, -1, "", val);
			if (f->type == TPL_LONGTEXT)
				avals_add(&v, f->id, -1, "", "unused");
		}
		want++;
	}
	form(t, &v, &buf, &len);
	ck_assert_int_eq(filetype_detect(buf, len), FT_DOCX);
	ck_assert_int_eq(zipcheck(NULL, buf, len, FT_DOCX, why, sizeof(why)), 0);
	doc = part(buf, len, "word/document.xml");
	ck_assert_ptr_nonnull(strstr(doc, "Form code: "));
	free(doc);
	ck_assert_int_eq(read_doc(t, buf, len, &got, &r, why), 0);
	ck_assert_uint_eq(r.filled, want);
	ck_assert_uint_eq(r.matched, t->nfields);
	ck_assert_str_eq(r.form_id, t->id);
	for (i = 0; i < t->nfields; i++) {
		f = &t->fields[i];
		if (f->type != TPL_ROWS) {
			g = avals_get(&got, f->id, -1, "");
			ck_assert_msg(g != NULL, "%s: %s lost", t->id, f->id);
			ck_assert_str_eq(g, avals_get(&v, f->id, -1, ""));
			continue;
		}
		ck_assert_int_eq(avals_rows(&got, f->id), 2);
		for (c = 0; c < f->ncolumns; c++)
			ck_assert_str_eq(avals_get(&got, f->id, 0, f->columns[c].id),
			    avals_get(&v, f->id, 0, f->columns[c].id));
	}
	ck_assert_uint_eq(docx_form_check(t, &got, &(struct errs){ 0 }, "formdoc"), 0);
	avals_free(&got);
	avals_free(&v);
	free(buf);
}
END_TEST

/* Word's way of writing an answer: split runs, a tracked deletion, no
 * bookmark left (found by the label before the table). */
START_TEST(answers_as_word_writes_them)
{
	const struct tpl	*t = T("psychological");
	struct avals		 got;
	struct docx_form_result	 r;
	unsigned char		*buf, *filled;
	size_t			 len, flen;
	char			*doc, *d1, *d2, *d3, why[256];

	form(t, NULL, &buf, &len);
	doc = part(buf, len, "word/document.xml");
	/* The background's box: text in two runs, a deleted word between. */
	d1 = replace(doc, "_ehc_1\"/><w:bookmarkEnd w:id=\"2\"/></w:p>", "<w:p/>",
	    "<w:p><w:r><w:t>Seen at sch</w:t></w:r><w:del><w:r><w:delText>"
	    "DELETED</w:delText></w:r></w:del><w:r><w:rPr><w:b/></w:rPr>"
	    "<w:t xml:space=\"preserve\">ool twice.</w:t></w:r></w:p>"
	    "<w:p><w:r><w:t>Second line</w:t></w:r></w:p>");
	/* The methods' box: its bookmark gone, found by its label. */
	d2 = replace(d1, NULL, "<w:bookmarkStart w:id=\"3\" w:name=\"_ehc_2\"/>",
	    "");
	d3 = replace(d2, "How you carried out your assessment", "<w:p/>",
	    "<w:p><w:r><w:t>WISC-V </w:t></w:r><w:r><w:t>and observation</w:t></w:r></w:p>");
	/* The date as people write it. */
	free(d1);
	d1 = replace(d3, "_ehc_0\"", "<w:p/>",
	    "<w:p><w:r><w:t>3 Nov 2026</w:t></w:r></w:p>");
	filled = rezip(buf, len, "word/document.xml", d1, strlen(d1), &flen);
	ck_assert_int_eq(read_doc(t, filled, flen, &got, &r, why), 0);
	ck_assert_str_eq(avals_get(&got, "date_seen", -1, ""), "2026-11-03");
	ck_assert_str_eq(avals_get(&got, "background", -1, ""),
	    "Seen at school twice.\nSecond line");
	ck_assert_str_eq(avals_get(&got, "assessment_methods", -1, ""),
	    "WISC-V and observation");
	ck_assert_uint_eq(r.filled, 3);
	ck_assert_ptr_null(avals_get(&got, "child_views", -1, ""));
	avals_free(&got);
	free(doc);
	free(d1);
	free(d2);
	free(d3);
	free(buf);
	free(filled);
}
END_TEST

/* A choice written as its label becomes its value; one not among the
 * options, an impossible date and an answer too long are refused by the
 * check, naming the field. */
START_TEST(choice_date_and_length)
{
	const struct tpl	*t = T("parent");
	const struct tpl	*p = T("psychological");
	struct avals		 v, got;
	struct docx_form_result	 r;
	struct errs		 e = { 0 };
	unsigned char		*buf;
	size_t			 len;
	char			 why[256], *big;

	avals_init(&v);
	avals_add(&v, "completed_by", -1, "", "the young person");
	form(t, &v, &buf, &len);
	avals_free(&v);
	ck_assert_int_eq(read_doc(t, buf, len, &got, &r, why), 0);
	ck_assert_str_eq(avals_get(&got, "completed_by", -1, ""), "young_person");
	avals_free(&got);
	free(buf);

	avals_init(&v);
	avals_add(&v, "completed_by", -1, "", "My aunt");
	form(t, &v, &buf, &len);
	avals_free(&v);
	ck_assert_int_eq(read_doc(t, buf, len, &got, &r, why), 0);
	ck_assert_uint_eq(docx_form_check(t, &got, &e, "formdoc"), 1);
	ck_assert_str_eq(e.e[0].field, "formdoc");
	ck_assert_ptr_nonnull(strstr(e.e[0].message, "Select"));
	avals_free(&got);
	free(buf);

	e.n = 0;
	avals_init(&v);
	avals_add(&v, "date_seen", -1, "", "31 February 2026");
	big = malloc(6000);
	memset(big, 'a', 5999);
	big[5999] = '\0';
	avals_add(&v, "background", -1, "", big);
	form(p, &v, &buf, &len);
	avals_free(&v);
	ck_assert_int_eq(read_doc(p, buf, len, &got, &r, why), 0);
	ck_assert_uint_eq(docx_form_check(p, &got, &e, "formdoc"), 2);
	ck_assert_ptr_nonnull(strstr(e.e[0].message, "real date"));
	ck_assert_ptr_nonnull(strstr(e.e[1].message, "5000 characters or fewer"));
	avals_free(&got);
	free(buf);
	free(big);
}
END_TEST

/* A saved choice is written as its label, a date in words; an empty
 * form (no answer anywhere) is refused. */
START_TEST(shown_as_read_and_empty_refused)
{
	const struct tpl	*t = T("parent"), *p = T("psychological");
	struct avals		 v, got;
	struct docx_form_result	 r;
	unsigned char		*buf;
	size_t			 len;
	char			*doc, why[256];

	avals_init(&v);
	avals_add(&v, "completed_by", -1, "", "young_person");
	form(t, &v, &buf, &len);
	doc = part(buf, len, "word/document.xml");
	ck_assert_ptr_nonnull(strstr(doc, ">The young person<"));
	free(doc);
	free(buf);
	avals_free(&v);
	avals_init(&v);
	avals_add(&v, "date_seen", -1, "", "2026-03-07");
	form(p, &v, &buf, &len);
	doc = part(buf, len, "word/document.xml");
	ck_assert_ptr_nonnull(strstr(doc, ">7 March 2026<"));
	free(doc);
	ck_assert_int_eq(read_doc(p, buf, len, &got, &r, why), 0);
	ck_assert_str_eq(avals_get(&got, "date_seen", -1, ""), "2026-03-07");
	avals_free(&got);
	free(buf);
	avals_free(&v);
	form(p, NULL, &buf, &len);
	ck_assert_int_eq(read_doc(p, buf, len, &got, &r, why), -1);
	ck_assert_ptr_nonnull(strstr(why, "no answers"));
	avals_free(&got);
	free(buf);
}
END_TEST

/* Merging keeps the draft's answers the document leaves empty. */
START_TEST(merge_keeps_draft)
{
	const struct tpl	*t = T("psychological");
	struct avals		 draft, doc, out;

	avals_init(&draft);
	avals_init(&doc);
	avals_init(&out);
	avals_add(&draft, "background", -1, "", "old");
	avals_add(&draft, "child_views", -1, "", "kept");
	avals_add(&draft, "ci_provision", 0, "what", "old row");
	avals_add(&draft, "cl_provision", 0, "what", "kept row");
	avals_add(&doc, "background", -1, "", "new");
	avals_add(&doc, "ci_provision", 0, "what", "new row");
	ck_assert_int_eq(docx_form_merge(t, &draft, &doc, &out), 0);
	ck_assert_str_eq(avals_get(&out, "background", -1, ""), "new");
	ck_assert_str_eq(avals_get(&out, "child_views", -1, ""), "kept");
	ck_assert_str_eq(avals_get(&out, "ci_provision", 0, "what"), "new row");
	ck_assert_str_eq(avals_get(&out, "cl_provision", 0, "what"), "kept row");
	ck_assert_uint_eq(out.n, 4);
	avals_free(&draft);
	avals_free(&doc);
	avals_free(&out);
}
END_TEST

static void
refused(const struct tpl *t, const unsigned char *buf, size_t len,
    const char *want)
{
	struct avals		 got;
	struct docx_form_result	 r;
	char			 why[256];

	ck_assert_int_eq(read_doc(t, buf, len, &got, &r, why), -1);
	ck_assert_msg(strstr(why, want) != NULL, "why: %s", why);
	ck_assert_uint_eq(got.n, 0);
	ck_assert_uint_eq(r.filled, 0);
	avals_free(&got);
}

START_TEST(refuses_mangled)
{
	const struct tpl	*t = T("psychological");
	struct avals		 v;
	unsigned char		*buf, *bad;
	size_t			 len, blen;
	char			*doc, *d, *huge;

	avals_init(&v);
	avals_add(&v, "background", -1, "", "Something");
	form(t, &v, &buf, &len);
	avals_free(&v);
	refused(t, (const unsigned char *)"hello", 5, "must be a Word document");
	refused(t, buf, len / 2, "must be a Word document");
	refused(t, buf, 0, "empty");
	/* No document part. */
	bad = rezip(buf, len, "word/document.xml", NULL, 0, &blen);
	refused(t, bad, blen, "must be a Word document");
	free(bad);
	/* A DOCTYPE (entities) is refused unparsed. */
	doc = part(buf, len, "word/document.xml");
	d = replace(doc, NULL, "<w:document", "<!DOCTYPE w [<!ENTITY a \"aaaa\">]><w:document");
	bad = rezip(buf, len, "word/document.xml", d, strlen(d), &blen);
	refused(t, bad, blen, "cannot be read");
	free(bad);
	free(d);
	/* Broken XML. */
	bad = rezip(buf, len, "word/document.xml", doc, strlen(doc) - 20, &blen);
	refused(t, bad, blen, "cannot be read");
	free(bad);
	/* Over the part cap: 9 MB that compresses to almost nothing. */
	huge = malloc(9 * 1024 * 1024 + 1);
	memset(huge, ' ', 9 * 1024 * 1024);
	huge[9 * 1024 * 1024] = '\0';
	bad = rezip(buf, len, "word/document.xml", huge, 9 * 1024 * 1024, &blen);
	ck_assert_uint_lt(blen, 100000);
	refused(t, bad, blen, "too large");
	free(bad);
	free(huge);
	/* No question of the form left: labels and bookmarks gone. */
	d = strdup("<?xml version=\"1.0\"?><w:document xmlns:w=\"http://schemas."
	    "openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r>"
	    "<w:t>My own report</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r>"
	    "<w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>");
	bad = rezip(buf, len, "word/document.xml", d, strlen(d), &blen);
	huge = (char *)rezip(bad, blen, "docProps/custom.xml", NULL, 0, &blen);
	refused(t, (unsigned char *)huge, blen, "No questions of this form");
	free(bad);
	free(huge);
	free(d);
	free(doc);
	free(buf);
}
END_TEST

/* Another template's form (by its property, else by its form code). */
START_TEST(refuses_other_template)
{
	const struct tpl	*t = T("psychological"), *e = T("educational");
	unsigned char		*buf, *bad;
	size_t			 len, blen;

	form(e, NULL, &buf, &len);
	refused(t, buf, len, "form for different advice");
	bad = rezip(buf, len, "docProps/custom.xml", NULL, 0, &blen);
	refused(t, bad, blen, "form for different advice");
	free(bad);
	free(buf);
}
END_TEST

/* A provision table with a column removed is refused, not half read. */
START_TEST(refuses_changed_table)
{
	const struct tpl	*t = T("psychological");
	const struct tpl_field	*f = tpl_field(t, "ci_provision");
	struct avals		 v;
	unsigned char		*buf, *bad;
	size_t			 len, blen, i;
	char			*doc, *d, *p, *q, mark[32];

	ck_assert_ptr_nonnull(f);
	avals_init(&v);
	avals_add(&v, "background", -1, "", "Some background");
	avals_add(&v, "ci_provision", 0, "what", "Speech therapy");
	form(t, &v, &buf, &len);
	avals_free(&v);
	doc = part(buf, len, "word/document.xml");
	for (i = 0; i < t->nfields; i++)
		if (&t->fields[i] == f)
			break;
	(void)snprintf(mark, sizeof(mark), "_ehc_%zu\"", i);
	/* Cut the last cell of the first data row of that table. */
	p = strstr(doc, mark);
	ck_assert_ptr_nonnull(p);
	p = strstr(p, "</w:tr><w:tr>");	/* end of the header row */
	q = strstr(p + 13, "</w:tr>");
	ck_assert_ptr_nonnull(q);
	while (q > p && strncmp(q, "<w:tc>", 6) != 0)
		q--;
	d = malloc(strlen(doc) + 1);
	memcpy(d, doc, (size_t)(q - doc));
	strcpy(d + (q - doc), strstr(q, "</w:tc>") + 7);
	bad = rezip(buf, len, "word/document.xml", d, strlen(d), &blen);
	refused(t, bad, blen, "must have 4 columns");
	free(bad);
	free(d);
	free(doc);
	free(buf);
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("docx_form");
	TCase	*tc = tcase_create("form");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, round_trip_every_template, 0, 9);
	tcase_add_test(tc, answers_as_word_writes_them);
	tcase_add_test(tc, choice_date_and_length);
	tcase_add_test(tc, merge_keeps_draft);
	tcase_add_test(tc, shown_as_read_and_empty_refused);
	tcase_add_test(tc, refuses_mangled);
	tcase_add_test(tc, refuses_other_template);
	tcase_add_test(tc, refuses_changed_table);
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
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
