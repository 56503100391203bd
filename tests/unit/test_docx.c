/*
 * The plan as .docx (docx.c): a draft assembled from fixed advice is
 * written, reopened with libzip, and word/document.xml parsed with
 * libxml2 into one line per paragraph ("style: text", table cells as
 * "| text") that is compared in order with what a reader must see.
 * Text with <, &, quotes and emoji survives; characters XML cannot carry
 * are dropped; the metadata holds the title only.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include "advice.h"
#include "docx.h"
#include "plan.h"
#include "sbuf.h"
#include "template.h"

#define NS_W	"http://schemas.openxmlformats.org/wordprocessingml/2006/main"

static struct tpl_set	 set;
static struct avals	 parent, edu, psych;
static struct plan_advice advice[3];
static struct plan_draft draft;
static struct docx_meta	 meta;

static void
add(struct avals *a, const char *field, int row, const char *column,
    const char *value)
{
	ck_assert_int_eq(avals_add(a, field, row, column, value), 0);
}

static void
setup(void)
{
	char	err[512];

	ck_assert_msg(tpl_set_load(&set, "templates/advice",
	    "templates/advice/template.rng", err, sizeof(err)) == 0, "%s", err);
	avals_init(&parent);
	avals_init(&edu);
	avals_init(&psych);
	add(&parent, "completed_by", -1, "", "parent");
	add(&parent, "about_me", -1, "", "Maya loves drawing & horses <3.");
	add(&parent, "aspirations", -1, "", "To work with \"animals\".");
	add(&edu, "support_so_far", -1, "", "Small-group phonics since "
	    "Year 2.");
	add(&edu, "ci_needs", -1, "", "Maya finds it hard to follow "
	    "instructions.\nShe needs them one at a time.");
	add(&edu, "ci_outcomes_long", -1, "", "Maya will follow three-step "
	    "instructions.\nMaya will ask for help.");
	add(&edu, "ci_provision", 0, "what", "Small-group language programme");
	add(&edu, "ci_provision", 0, "by_whom", "Teaching assistant");
	add(&edu, "ci_provision", 0, "how_often", "3 times a week");
	add(&edu, "ci_provision", 0, "how_long", "One year");
	add(&edu, "ci_provision", 1, "what", "Access to a quiet space");
	add(&psych, "cl_needs", -1, "", "Maya's working memory is below "
	    "average.");
	add(&psych, "cl_provision", 0, "what", "Precision teaching");
	add(&psych, "cl_provision", 0, "by_whom", "Class teacher");
	add(&psych, "cl_provision", 0, "how_often", "Daily, 10 minutes");
	add(&psych, "cl_provision", 0, "how_long", "Two terms");
	advice[0] = (struct plan_advice){ 11, 101, "parent", "Sarah Patel",
	    "Mother", "", "2026-10-12", tpl_for_kind(&set, "parent"), &parent };
	advice[1] = (struct plan_advice){ 12, 102, "educational", "Jane Okafor",
	    "SENCO", "Brookfield Primary School", "2026-10-30",
	    tpl_for_kind(&set, "educational"), &edu };
	advice[2] = (struct plan_advice){ 13, 103, "psychological",
	    "Dr Evan Price", "Educational Psychologist",
	    "Demoshire EP Service", "2026-11-03",
	    tpl_for_kind(&set, "psychological"), &psych };
	ck_assert_int_eq(plan_assemble(advice, 3, &draft), 0);
	meta = (struct docx_meta){ 0, "Maya Patel", "2017-03-14",
	    "EHC-2026-00001", "Demoshire County Council", "2026-12-01" };
}

static void
teardown(void)
{
	plan_draft_free(&draft);
	avals_free(&parent);
	avals_free(&edu);
	avals_free(&psych);
	tpl_set_free(&set);
}

/* One entry of the zip, NUL-terminated; NULL if it is not there. */
static char *
entry(const unsigned char *buf, size_t len, const char *name)
{
	zip_error_t	 ze;
	zip_source_t	*src;
	zip_t		*za;
	zip_file_t	*zf;
	zip_stat_t	 st;
	char		*out = NULL;

	zip_error_init(&ze);
	ck_assert_ptr_nonnull(src = zip_source_buffer_create(buf, len, 0, &ze));
	za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	ck_assert_msg(za != NULL, "not a zip: %s", zip_error_strerror(&ze));
	if (zip_stat(za, name, 0, &st) == 0) {
		ck_assert_ptr_nonnull(zf = zip_fopen(za, name, 0));
		ck_assert_ptr_nonnull(out = malloc(st.size + 1));
		ck_assert_int_eq(zip_fread(zf, out, st.size),
		    (zip_int64_t)st.size);
		out[st.size] = '\0';
		zip_fclose(zf);
	}
	zip_discard(za);
	return out;
}

/* The name of the n-th entry. */
static char *
entry_name(const unsigned char *buf, size_t len, int n)
{
	zip_error_t	 ze;
	zip_source_t	*src;
	zip_t		*za;
	const char	*name;
	char		*out;

	zip_error_init(&ze);
	ck_assert_ptr_nonnull(src = zip_source_buffer_create(buf, len, 0, &ze));
	ck_assert_ptr_nonnull(za = zip_open_from_source(src, ZIP_RDONLY, &ze));
	name = zip_get_name(za, (zip_uint64_t)n, 0);
	out = strdup(name != NULL ? name : "");
	zip_discard(za);
	return out;
}

static int
is_w(const xmlNode *n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, NS_W) == 0 &&
	    strcmp((const char *)n->name, name) == 0;
}

static void
text_of(const xmlNode *n, struct sbuf *b)
{
	const xmlNode	*c;
	xmlChar		*t;

	for (c = n->children; c != NULL; c = c->next) {
		if (is_w(c, "t")) {
			t = xmlNodeGetContent(c);
			sbuf_puts(b, (const char *)t);
			xmlFree(t);
		} else if (is_w(c, "br"))
			sbuf_puts(b, "\\n");
		else if (is_w(c, "tab"))
			sbuf_puts(b, "\\t");
		else
			text_of(c, b);
	}
}

static void
para_line(const xmlNode *p, const char *prefix, struct sbuf *b)
{
	const xmlNode	*c, *s;
	xmlChar		*style = NULL;

	for (c = p->children; c != NULL; c = c->next)
		if (is_w(c, "pPr"))
			for (s = c->children; s != NULL; s = s->next)
				if (is_w(s, "pStyle"))
					style = xmlGetNsProp(s,
					    (const xmlChar *)"val",
					    (const xmlChar *)NS_W);
	sbuf_printf(b, "%s%s: ", prefix, style != NULL ?
	    (const char *)style : "Normal");
	xmlFree(style);
	text_of(p, b);
	sbuf_puts(b, "\n");
}

/* One line per paragraph of the body, in order; table cells' paragraphs
 * prefixed "| ". */
static void
flatten(const char *xml, struct sbuf *b)
{
	xmlDoc		*doc;
	const xmlNode	*body, *c, *tr, *tc, *p;

	doc = xmlReadMemory(xml, (int)strlen(xml), "document.xml", "UTF-8",
	    XML_PARSE_NONET);
	ck_assert_msg(doc != NULL, "document.xml is not well-formed");
	ck_assert(is_w(xmlDocGetRootElement(doc), "document"));
	for (body = xmlDocGetRootElement(doc)->children; body != NULL &&
	    !is_w(body, "body"); body = body->next)
		;
	ck_assert_ptr_nonnull(body);
	for (c = body->children; c != NULL; c = c->next) {
		if (is_w(c, "p"))
			para_line(c, "", b);
		else if (is_w(c, "tbl")) {
			for (tr = c->children; tr != NULL; tr = tr->next)
				for (tc = tr->children; is_w(tr, "tr") &&
				    tc != NULL; tc = tc->next)
					for (p = tc->children; is_w(tc, "tc") &&
					    p != NULL; p = p->next)
						if (is_w(p, "p"))
							para_line(p, "| ", b);
		}
	}
	xmlFreeDoc(doc);
}

/* The docx of d, flattened. */
static char *
lines_of(const struct plan_draft *d, const struct docx_meta *m,
    char **rawp)
{
	unsigned char	*buf;
	size_t		 len;
	char		*xml;
	struct sbuf	 b;

	ck_assert_int_eq(docx_plan_mem(d, m, &buf, &len), 0);
	ck_assert_ptr_nonnull(xml = entry(buf, len, "word/document.xml"));
	free(buf);
	sbuf_init(&b);
	flatten(xml, &b);
	ck_assert_int_eq(b.oom, 0);
	if (rawp != NULL)
		*rawp = xml;
	else
		free(xml);
	return b.data;
}

static const char expected_draft[] =
    "DraftMark: DRAFT\n"
    "Title: Education, Health and Care plan\n"
    "Normal: Draft plan issued on 1 December 2026\n"
    "Normal: Name: Maya Patel\n"
    "Normal: Date of birth: 14 March 2017\n"
    "Normal: Reference: EHC-2026-00001\n"
    "Normal: Council: Demoshire County Council\n"
    "Heading1: Section A: The views, interests and aspirations of the "
	"child or young person and their parents\n"
    "Normal: A parent or carer\n"
    "Attribution: From: Sarah Patel, Mother, advice dated 12 October 2026\n"
    "Normal: Maya loves drawing & horses <3.\n"
    "Attribution: From: Sarah Patel, Mother, advice dated 12 October 2026\n"
    "Normal: To work with \"animals\".\n"
    "Attribution: From: Sarah Patel, Mother, advice dated 12 October 2026\n"
    "Heading1: Section B: Special educational needs\n"
    "Heading2: Communication and interaction\n"
    "Normal: Maya finds it hard to follow instructions.\\nShe needs them "
	"one at a time.\n"
    "Attribution: From: Jane Okafor, SENCO, Brookfield Primary School, "
	"advice dated 30 October 2026\n"
    "Heading2: Cognition and learning\n"
    "Normal: Maya's working memory is below average.\n"
    "Attribution: From: Dr Evan Price, Educational Psychologist, Demoshire "
	"EP Service, advice dated 3 November 2026\n"
    "Heading1: Section C: Health needs related to their special "
	"educational needs\n"
    "Normal: Nothing is recorded in this section.\n"
    "Heading1: Section D: Social care needs related to their special "
	"educational needs or disability\n"
    "Normal: Nothing is recorded in this section.\n"
    "Heading1: Section E: Outcomes\n"
    "Heading2: Communication and interaction\n"
    "Normal: Maya will follow three-step instructions.\n"
    "Attribution: From: Jane Okafor, SENCO, Brookfield Primary School, "
	"advice dated 30 October 2026\n"
    "Normal: Maya will ask for help.\n"
    "Attribution: From: Jane Okafor, SENCO, Brookfield Primary School, "
	"advice dated 30 October 2026\n"
    "Heading1: Section F: Special educational provision\n"
    "Heading2: Communication and interaction\n"
    "| Normal: Provision\n"
    "| Normal: Who\n"
    "| Normal: How often\n"
    "| Normal: How long\n"
    "| Normal: Small-group language programme\n"
    "| Attribution: From: Jane Okafor, SENCO, Brookfield Primary School, "
	"advice dated 30 October 2026\n"
    "| Normal: Teaching assistant\n"
    "| Normal: 3 times a week\n"
    "| Normal: One year\n"
    "| Normal: Access to a quiet space\n"
    "| Attribution: From: Jane Okafor, SENCO, Brookfield Primary School, "
	"advice dated 30 October 2026\n"
    "| Normal: Not specified\n"
    "| Normal: Not specified\n"
    "| Normal: Not specified\n"
    "Heading2: Cognition and learning\n"
    "| Normal: Provision\n"
    "| Normal: Who\n"
    "| Normal: How often\n"
    "| Normal: How long\n"
    "| Normal: Precision teaching\n"
    "| Attribution: From: Dr Evan Price, Educational Psychologist, "
	"Demoshire EP Service, advice dated 3 November 2026\n"
    "| Normal: Class teacher\n"
    "| Normal: Daily, 10 minutes\n"
    "| Normal: Two terms\n"
    "Heading1: Section G: Health provision\n"
    "Normal: Nothing is recorded in this section.\n"
    "Heading1: Section H1: Social care provision under section 2 of the "
	"Chronically Sick and Disabled Persons Act 1970\n"
    "Normal: Nothing is recorded in this section.\n"
    "Heading1: Section H2: Other social care provision\n"
    "Normal: Nothing is recorded in this section.\n"
    "Heading1: Section I: Placement\n"
    "Normal: This section is left blank until the final plan: a draft "
	"plan does not name a school or other setting (section 38(5) of the "
	"Children and Families Act 2014).\n"
    "Heading1: Section J: Personal budget\n"
    "Normal: Nothing is recorded in this section.\n"
    "Heading1: Section K: Advice and information\n"
    "| Normal: Advice\n"
    "| Normal: Date of advice\n"
    "| Normal: Your views from Sarah Patel, Mother\n"
    "| Normal: 12 October 2026\n"
    "| Normal: Educational advice from Jane Okafor, SENCO, Brookfield "
	"Primary School\n"
    "| Normal: 30 October 2026\n"
    "| Normal: Psychological advice from Dr Evan Price, Educational "
	"Psychologist, Demoshire EP Service\n"
    "| Normal: 3 November 2026\n"
    "Normal: Small-group phonics since Year 2.\n"
    "Attribution: From: Jane Okafor, SENCO, Brookfield Primary School, "
	"advice dated 30 October 2026\n"
    "Normal: End of the draft plan.\n";

/* Every heading and paragraph of a draft, in the order a reader meets
 * them, with attributions, provision tables and K's table. */
START_TEST(test_draft_in_order)
{
	char	*got = lines_of(&draft, &meta, NULL);

	ck_assert_msg(strcmp(got, expected_draft) == 0, "document:\n%s", got);
	free(got);
}
END_TEST

/* The package: content types first, every part a reader needs. */
START_TEST(test_package_parts)
{
	static const char *const parts[] = {
		"[Content_Types].xml", "_rels/.rels", "word/document.xml",
		"word/_rels/document.xml.rels", "word/styles.xml",
		"word/header1.xml", "word/footer1.xml", "docProps/core.xml"
	};
	unsigned char	*buf;
	size_t		 len, i;
	char		*s, *first;

	ck_assert_int_eq(docx_plan_mem(&draft, &meta, &buf, &len), 0);
	ck_assert_uint_gt(len, 1000);
	ck_assert_int_eq(memcmp(buf, "PK\x03\x04", 4), 0);
	first = entry_name(buf, len, 0);
	ck_assert_str_eq(first, "[Content_Types].xml");
	free(first);
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		s = entry(buf, len, parts[i]);
		ck_assert_msg(s != NULL, "no %s", parts[i]);
		free(s);
	}
	s = entry(buf, len, "[Content_Types].xml");
	ck_assert_ptr_nonnull(strstr(s, "wordprocessingml.document.main+xml"));
	free(s);
	s = entry(buf, len, "word/_rels/document.xml.rels");
	ck_assert_ptr_nonnull(strstr(s, "Target=\"styles.xml\""));
	free(s);
	/* Real styles, Arial. */
	s = entry(buf, len, "word/styles.xml");
	ck_assert_ptr_nonnull(strstr(s, "w:styleId=\"Heading1\"><w:name "
	    "w:val=\"heading 1\"/>"));
	ck_assert_ptr_nonnull(strstr(s, "w:styleId=\"Heading2\"><w:name "
	    "w:val=\"heading 2\"/>"));
	ck_assert_ptr_nonnull(strstr(s, "w:styleId=\"Normal\""));
	ck_assert_ptr_nonnull(strstr(s, "w:ascii=\"Arial\""));
	free(s);
	/* Page numbers; the header marks a draft and names the council. */
	s = entry(buf, len, "word/footer1.xml");
	ck_assert_ptr_nonnull(strstr(s, "w:instr=\" PAGE \""));
	free(s);
	s = entry(buf, len, "word/header1.xml");
	ck_assert_ptr_nonnull(strstr(s, "DRAFT"));
	ck_assert_ptr_nonnull(strstr(s, "Demoshire County Council"));
	ck_assert_ptr_null(strstr(s, "Maya"));
	free(s);
	free(buf);
}
END_TEST

/* The metadata is the title only: no name, no author. */
START_TEST(test_metadata_title_only)
{
	unsigned char	*buf;
	size_t		 len;
	char		*core;

	ck_assert_int_eq(docx_plan_mem(&draft, &meta, &buf, &len), 0);
	ck_assert_ptr_nonnull(core = entry(buf, len, "docProps/core.xml"));
	ck_assert_ptr_nonnull(strstr(core,
	    "<dc:title>EHC plan EHC-2026-00001</dc:title>"));
	ck_assert_ptr_null(strstr(core, "Maya"));
	ck_assert_ptr_null(strstr(core, "creator"));
	ck_assert_ptr_null(strstr(core, "lastModifiedBy"));
	ck_assert_ptr_null(strstr(core, "2017"));
	free(core);
	free(buf);
}
END_TEST

/* <, &, quotes and an emoji survive in the name and a paragraph, escaped
 * by libxml2 in the XML. */
START_TEST(test_escaping_survives)
{
	static const char name[] = "Zo\xc3\xab \"Z\" O'Neill <Smith> & Co "
	    "\xf0\x9f\x98\x80";
	char	*got, *raw;

	meta.child_name = name;
	free(draft.s[PLAN_A].p[1].text);
	ck_assert_ptr_nonnull(draft.s[PLAN_A].p[1].text =
	    strdup("<b>bold</b> & \"quoted\" \xf0\x9f\x90\xb4"));
	got = lines_of(&draft, &meta, &raw);
	ck_assert_ptr_nonnull(strstr(got, "\nNormal: Name: Zo\xc3\xab \"Z\" "
	    "O'Neill <Smith> & Co \xf0\x9f\x98\x80\n"));
	ck_assert_ptr_nonnull(strstr(got, "\nNormal: <b>bold</b> & "
	    "\"quoted\" \xf0\x9f\x90\xb4\nAttribution: From: Sarah Patel"));
	ck_assert_ptr_null(strstr(raw, "<Smith>"));
	ck_assert_ptr_null(strstr(raw, "<b>"));
	ck_assert_ptr_nonnull(strstr(raw, "&lt;Smith&gt; &amp; Co"));
	free(raw);
	free(got);
}
END_TEST

/* Characters XML 1.0 cannot carry are dropped, not written. */
START_TEST(test_control_characters_dropped)
{
	char	*got, *raw;

	meta.child_name = "Maya\x01 Pa\x1btel\x7f";
	meta.council = "Demoshire\x0b County Council";
	free(draft.s[PLAN_A].p[1].text);
	ck_assert_ptr_nonnull(draft.s[PLAN_A].p[1].text =
	    strdup("Maya\x02 loves\x08 drawing\xef\xbf\xbf.\x0c\xff"));
	got = lines_of(&draft, &meta, &raw);
	ck_assert_ptr_nonnull(strstr(got, "\nNormal: Name: Maya Patel\x7f\n"));
	ck_assert_ptr_nonnull(strstr(got, "\nNormal: Council: Demoshire "
	    "County Council\n"));
	ck_assert_ptr_nonnull(strstr(got, "\nNormal: Maya loves drawing.\n"));
	ck_assert_ptr_null(strstr(raw, "&#x1;"));
	ck_assert_ptr_null(strstr(raw, "&#1;"));
	free(raw);
	free(got);
}
END_TEST

START_TEST(test_xml_clean)
{
	char	out[32];

	ck_assert_uint_eq(docx_xml_clean("a\tb\nc\rd", out, sizeof(out)), 7);
	ck_assert_str_eq(out, "a\tb\nc\rd");
	docx_xml_clean("\x01" "a\x1f" "b\x00" "c", out, sizeof(out));
	ck_assert_str_eq(out, "ab");
	/* Malformed UTF-8: lone continuation, overlong, surrogate,
	 * truncated, beyond U+10FFFF. */
	docx_xml_clean("x\x80y\xc0\xafz\xed\xa0\x80w\xe2\x82v\xf4\x90\x80\x80u",
	    out, sizeof(out));
	ck_assert_str_eq(out, "xyzwvu");
	/* U+FFFE and U+FFFF go; U+FFFD and an emoji stay. */
	docx_xml_clean("\xef\xbf\xbe\xef\xbf\xbf\xef\xbf\xbd\xf0\x9f\x98\x80",
	    out, sizeof(out));
	ck_assert_str_eq(out, "\xef\xbf\xbd\xf0\x9f\x98\x80");
	/* A character that does not fit is not cut in half. */
	ck_assert_uint_eq(docx_xml_clean("ab\xf0\x9f\x98\x80", out, 5), 2);
	ck_assert_str_eq(out, "ab");
	ck_assert_uint_eq(docx_xml_clean(NULL, out, sizeof(out)), 0);
	ck_assert_str_eq(out, "");
}
END_TEST

START_TEST(test_long_date)
{
	char	out[32];

	ck_assert_str_eq(docx_long_date("2026-11-03", out, sizeof(out)),
	    "3 November 2026");
	ck_assert_str_eq(docx_long_date("2017-03-14", out, sizeof(out)),
	    "14 March 2017");
	ck_assert_str_eq(docx_long_date("2028-02-29", out, sizeof(out)),
	    "29 February 2028");
	ck_assert_str_eq(docx_long_date("2027-02-29", out, sizeof(out)),
	    "2027-02-29");
	ck_assert_str_eq(docx_long_date("", out, sizeof(out)), "");
	ck_assert_str_eq(docx_long_date(NULL, out, sizeof(out)), "");
}
END_TEST

/* A final plan: no DRAFT mark, Section I names the setting. */
START_TEST(test_final_plan)
{
	struct plan_body	*b = &draft.s[PLAN_I];
	struct plan_para	*p;
	unsigned char		*buf;
	size_t			 len;
	char			*got, *hdr;

	ck_assert_ptr_nonnull(p = calloc(1, sizeof(*p)));
	p->area = strdup("general");
	p->text = strdup("Brookfield Primary School");
	p->label = strdup("");
	p->adviser = strdup("");
	p->role = strdup("");
	p->service = strdup("");
	p->kind = strdup("");
	b->p = p;
	b->n = b->cap = 1;
	meta.final = 1;
	meta.issued_on = "2027-01-25";
	got = lines_of(&draft, &meta, NULL);
	ck_assert_ptr_null(strstr(got, "DRAFT"));
	ck_assert_msg(strncmp(got, "Title: Education, Health and Care plan\n"
	    "Normal: Final EHC plan issued on 25 January 2027\n", 88) == 0,
	    "%s", got);
	ck_assert_ptr_nonnull(strstr(got, "Heading1: Section I: Placement\n"
	    "Normal: Brookfield Primary School\n"
	    "Attribution: Written by the council\n"
	    "Heading1: Section J"));
	ck_assert_ptr_nonnull(strstr(got, "\nNormal: End of the plan.\n"));
	free(got);
	ck_assert_int_eq(docx_plan_mem(&draft, &meta, &buf, &len), 0);
	ck_assert_ptr_nonnull(hdr = entry(buf, len, "word/header1.xml"));
	ck_assert_ptr_null(strstr(hdr, "DRAFT"));
	/* The page header says what it is, with the council's name. */
	ck_assert_ptr_nonnull(strstr(hdr, "Demoshire County Council \xe2\x80\x94 "
	    "Final EHC plan EHC-2026-00001"));
	free(hdr);
	free(buf);
}
END_TEST

/* The file descriptor gets the same bytes as memory; a bad fd fails. */
START_TEST(test_fd)
{
	unsigned char	*buf, *back;
	size_t		 len;
	FILE		*f;
	long		 n;

	ck_assert_int_eq(docx_plan_mem(&draft, &meta, &buf, &len), 0);
	ck_assert_ptr_nonnull(f = tmpfile());
	ck_assert_int_eq(docx_plan_fd(&draft, &meta, fileno(f)), 0);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	ck_assert_int_eq(n = ftell(f), (long)len);
	rewind(f);
	ck_assert_ptr_nonnull(back = malloc(len));
	ck_assert_uint_eq(fread(back, 1, len, f), len);
	ck_assert_int_eq(memcmp(back, buf, len), 0);
	(void)fclose(f);
	free(back);
	free(buf);
	ck_assert_int_eq(docx_plan_fd(&draft, &meta, -1), -1);
}
END_TEST

/* An empty draft (no advice yet) is still a whole document. */
START_TEST(test_empty_draft)
{
	struct plan_draft	 empty;
	char			*got, *p;
	int			 n = 0;

	ck_assert_int_eq(plan_assemble(NULL, 0, &empty), 0);
	got = lines_of(&empty, &meta, NULL);
	for (p = got; (p = strstr(p, "Heading1: Section ")) != NULL; p++)
		n++;
	ck_assert_int_eq(n, PLAN__MAX);
	for (n = 0, p = got; (p = strstr(p, "Nothing is recorded")) != NULL;
	    p++)
		n++;
	ck_assert_int_eq(n, PLAN__MAX - 1);	/* all but I */
	free(got);
	plan_draft_free(&empty);
}
END_TEST

/* Any bytes at all as text (seeded, so a failure repeats): the document
 * is always well-formed XML, and the text that comes back is the text
 * put in less what XML cannot carry. */
START_TEST(test_random_text_well_formed)
{
	char	 in[64], want[64], *got, *line;
	int	 i, k, len;

	srandom(12);
	for (i = 0; i < 200; i++) {
		len = (int)(random() % 60);
		for (k = 0; k < len; k++)
			in[k] = (char)(1 + random() % 255);
		in[len] = '\0';
		free(draft.s[PLAN_B].p[0].text);
		ck_assert_ptr_nonnull(draft.s[PLAN_B].p[0].text = strdup(in));
		got = lines_of(&draft, &meta, NULL);
		(void)docx_xml_clean(in, want, sizeof(want));
		ck_assert_ptr_nonnull(line = strstr(got,
		    "Heading2: Communication and interaction\nNormal: "));
		line += strlen("Heading2: Communication and interaction\n"
		    "Normal: ");
		/* Lines and tabs come back as \\n and \\t, \\r goes. */
		for (k = 0; want[k] != '\0'; k++) {
			if (want[k] == '\r')
				continue;
			if (want[k] == '\n' || want[k] == '\t') {
				ck_assert_int_eq(*line++, '\\');
				ck_assert_int_eq(*line++, want[k] == '\n' ?
				    'n' : 't');
				continue;
			}
			ck_assert_msg(*line == want[k], "iteration %d, byte %d",
			    i, k);
			line++;
		}
		ck_assert_int_eq(*line, '\n');
		free(got);
	}
}
END_TEST

/* An edited paragraph says so; missing details leave no empty commas;
 * missing meta prints nothing rather than failing. */
START_TEST(test_attribution_variants)
{
	char	*got;

	draft.s[PLAN_B].p[0].edited = 1;
	draft.s[PLAN_B].p[1].service[0] = '\0';
	draft.s[PLAN_B].p[1].role[0] = '\0';
	meta.child_name = NULL;
	meta.reference = NULL;
	got = lines_of(&draft, &meta, NULL);
	ck_assert_ptr_nonnull(strstr(got, "Attribution: From: Jane Okafor, "
	    "SENCO, Brookfield Primary School, advice dated 30 October 2026 "
	    "(edited by the council)\n"));
	ck_assert_ptr_nonnull(strstr(got, "Attribution: From: Dr Evan Price, "
	    "advice dated 3 November 2026\n"));
	ck_assert_ptr_nonnull(strstr(got, "\nNormal: Name: \n"));
	free(got);
}
END_TEST

static Suite *
suite(void)
{
	Suite	*s = suite_create("docx");
	TCase	*tc = tcase_create("docx");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_draft_in_order);
	tcase_add_test(tc, test_package_parts);
	tcase_add_test(tc, test_metadata_title_only);
	tcase_add_test(tc, test_escaping_survives);
	tcase_add_test(tc, test_control_characters_dropped);
	tcase_add_test(tc, test_xml_clean);
	tcase_add_test(tc, test_long_date);
	tcase_add_test(tc, test_final_plan);
	tcase_add_test(tc, test_fd);
	tcase_add_test(tc, test_empty_draft);
	tcase_add_test(tc, test_random_text_well_formed);
	tcase_add_test(tc, test_attribution_variants);
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
