/*
 * docx_form — an advice template as a Word form to fill in and upload
 * back (docx.h).  Pure: libxml2's xmlTextWriter (every text and
 * attribute escaped by libxml2) and libzip, as docx.c writes the plan;
 * docx.c's writer helpers are static to it, so this file keeps its own
 * few lines of them.
 *
 * What docx_read.c relies on, and so must not change without it: the
 * bookmark "_ehc_<n>" in the first cell of field n's answer table, the
 * field's label alone in the paragraph before that table (after the hint
 * paragraphs), the header row of a rows table holding the column labels,
 * "Form code: <id> version <n>" in a paragraph of its own, and the custom
 * property PortalForm = "<id>:<version>".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/xmlwriter.h>
#include <zip.h>

#include "advice.h"
#include "docx.h"
#include "xmlw.h"
#include "sbuf.h"
#include "template.h"

#define NS_W	"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R	"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG	"http://schemas.openxmlformats.org/package/2006/relationships"
#define REL	"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define CT	"application/vnd.openxmlformats-officedocument.wordprocessingml."

#define BLANK_ROWS	3	/* empty rows offered under a rows field's saved ones */
#define TEXT_WIDTH	9026	/* A4 less 2 × 1440 twips of margin */


static void	run(struct xw *, const char *, int);
static void	para(struct xw *, const char *, const char *);
static void	lines(struct xw *, const char *);
static void	bookmark(struct xw *, size_t);
static void	cell_open(struct xw *, int, int);
static void	answer_box(struct xw *, size_t, const char *);
static void	rows_table(struct xw *, size_t, const struct tpl_field *,
		    const struct avals *);
static void	field_guide(struct xw *, const struct tpl_field *);
static const char *shown(const struct tpl_field *, const char *, char *,
		    size_t);
static int	part_document(struct xw *, const struct tpl *,
		    const struct avals *, const struct docx_form_meta *);
static int	part_styles(struct xw *);
static int	part_custom(struct xw *, const struct tpl *);
static int	part_core(struct xw *, const struct tpl *);
static int	part_types(struct xw *);
static int	part_rels(struct xw *);
static int	part_doc_rels(struct xw *);

/* One run of s on one line (tabs and line breaks become spaces). */
static void
run(struct xw *w, const char *s, int bold)
{
	size_t	 n = s != NULL ? strlen(s) + 1 : 1;
	char	*c, *p;

	if (w->err)
		return;
	if ((c = malloc(n)) == NULL) {
		w->err = 1;
		return;
	}
	(void)docx_xml_clean(s != NULL ? s : "", c, n);
	for (p = c; *p != '\0'; p++)
		if (*p == '\t' || *p == '\r' || *p == '\n')
			*p = ' ';
	xw_el(w, "w:r");
	if (bold) {
		xw_el(w, "w:rPr");
		xw_leaf(w, "w:b", NULL, NULL);
		xw_end(w);
	}
	xw_el(w, "w:t");
	xw_attr(w, "xml:space", "preserve");
	xw_text(w, c);
	xw_end(w);
	xw_end(w);
	free(c);
}

/* A paragraph of style (NULL: Normal) holding s. */
static void
para(struct xw *w, const char *style, const char *s)
{
	xw_el(w, "w:p");
	if (style != NULL) {
		xw_el(w, "w:pPr");
		xw_leaf(w, "w:pStyle", "w:val", style);
		xw_end(w);
	}
	run(w, s, 0);
	xw_end(w);
}

/* s as one paragraph per line (an empty s: one empty paragraph). */
static void
lines(struct xw *w, const char *s)
{
	const char	*p, *q;
	char		*line;

	if (s == NULL || *s == '\0') {
		xw_leaf(w, "w:p", NULL, NULL);
		return;
	}
	for (p = s; !w->err; p = q + 1) {
		q = p + strcspn(p, "\n");
		if ((line = strndup(p, (size_t)(q - p))) == NULL) {
			w->err = 1;
			return;
		}
		para(w, NULL, line);
		free(line);
		if (*q == '\0')
			break;
	}
}

/* The hidden bookmark "_ehc_<n>" marking field n's answer area. */
static void
bookmark(struct xw *w, size_t n)
{
	char	id[16], name[32];

	(void)snprintf(id, sizeof(id), "%d", w->next_id++);
	(void)snprintf(name, sizeof(name), "_ehc_%zu", n);
	xw_el(w, "w:bookmarkStart");
	xw_attr(w, "w:id", id);
	xw_attr(w, "w:name", name);
	xw_end(w);
	xw_leaf(w, "w:bookmarkEnd", "w:id", id);
}

/* <w:tc> with its width and, for an answer, a light shading. */
static void
cell_open(struct xw *w, int width, int shaded)
{
	char	wd[16];

	(void)snprintf(wd, sizeof(wd), "%d", width);
	xw_el(w, "w:tc");
	xw_el(w, "w:tcPr");
	xw_el(w, "w:tcW");
	xw_attr(w, "w:w", wd);
	xw_attr(w, "w:type", "dxa");
	xw_end(w);
	if (shaded) {
		xw_el(w, "w:shd");
		xw_attr(w, "w:val", "clear");
		xw_attr(w, "w:color", "auto");
		xw_attr(w, "w:fill", "F3F2F1");
		xw_end(w);
	}
	xw_end(w);
}

static void
tbl_open(struct xw *w, const int *widths, size_t n)
{
	char	wd[16];
	size_t	i;

	xw_el(w, "w:tbl");
	xw_el(w, "w:tblPr");
	xw_leaf(w, "w:tblStyle", "w:val", "AnswerBox");
	xw_el(w, "w:tblW");
	xw_attr(w, "w:w", "0");
	xw_attr(w, "w:type", "auto");
	xw_end(w);
	xw_end(w);
	xw_el(w, "w:tblGrid");
	for (i = 0; i < n; i++) {
		(void)snprintf(wd, sizeof(wd), "%d", widths[i]);
		xw_leaf(w, "w:gridCol", "w:w", wd);
	}
	xw_end(w);
}

/* Field n's answer: a shaded one-cell table, the bookmark first. */
static void
answer_box(struct xw *w, size_t n, const char *value)
{
	const int	width = TEXT_WIDTH;

	tbl_open(w, &width, 1);
	xw_el(w, "w:tr");
	cell_open(w, width, 1);
	xw_el(w, "w:p");
	bookmark(w, n);
	xw_end(w);
	lines(w, value);
	xw_end(w);			/* tc */
	xw_end(w);			/* tr */
	xw_end(w);			/* tbl */
}

/* A rows field: the columns as a header row, the saved rows, blank rows. */
static void
rows_table(struct xw *w, size_t n, const struct tpl_field *f,
    const struct avals *v)
{
	int		 widths[16];
	size_t		 i, nc = f->ncolumns < 16 ? f->ncolumns : 16;
	int		 r, rows, saved = avals_rows(v, f->id);
	const char	*val;

	if (nc == 0)
		return;
	for (i = 0; i < nc; i++)
		widths[i] = TEXT_WIDTH / (int)nc;
	tbl_open(w, widths, nc);
	xw_el(w, "w:tr");
	xw_el(w, "w:trPr");
	xw_leaf(w, "w:tblHeader", NULL, NULL);
	xw_end(w);
	for (i = 0; i < nc; i++) {
		cell_open(w, widths[i], 0);
		xw_el(w, "w:p");
		if (i == 0)
			bookmark(w, n);
		run(w, f->columns[i].label, 1);
		xw_end(w);
		xw_end(w);
	}
	xw_end(w);
	rows = saved + BLANK_ROWS;
	if (f->maxrows > 0 && (size_t)rows > f->maxrows)
		rows = saved > (int)f->maxrows ? saved : (int)f->maxrows;
	for (r = 0; r < rows && !w->err; r++) {
		xw_el(w, "w:tr");
		for (i = 0; i < nc; i++) {
			cell_open(w, widths[i], 1);
			val = avals_get(v, f->id, r, f->columns[i].id);
			lines(w, val);
			xw_end(w);
		}
		xw_end(w);
	}
	xw_end(w);
}

/* A saved answer as a person reads it: a choice's label, a date in
 * words ("27 March 2026"); docx_read.c takes both back. */
static const char *
shown(const struct tpl_field *f, const char *value, char *buf, size_t size)
{
	size_t	i;

	if (value == NULL)
		return NULL;
	if (f->type == TPL_CHOICE)
		for (i = 0; i < f->noptions; i++)
			if (strcmp(value, f->options[i].value) == 0)
				return f->options[i].label;
	if (f->type == TPL_DATE && date_valid(value))
		return docx_long_date(value, buf, size);
	return value;
}

/* The hint and what to write, as paragraphs of style Hint. */
static void
field_guide(struct xw *w, const struct tpl_field *f)
{
	struct sbuf	b;
	size_t		i;

	if (f->hint != NULL && *f->hint != '\0')
		para(w, "Hint", f->hint);
	sbuf_init(&b);
	sbuf_printf(&b, "%s", f->required ? "Required." : "Optional.");
	switch (f->type) {
	case TPL_TEXT:
	case TPL_LONGTEXT:
		if (f->maxlength > 0)
			sbuf_printf(&b, " Up to %zu characters.", f->maxlength);
		break;
	case TPL_DATE:
		sbuf_printf(&b, " Write the date, for example 27 March 2026.");
		break;
	case TPL_CHOICE:
		sbuf_printf(&b, " Write one of:");
		for (i = 0; i < f->noptions; i++)
			sbuf_printf(&b, "%s %s", i ? ";" : "",
			    f->options[i].label);
		sbuf_printf(&b, ".");
		break;
	case TPL_ROWS:
		sbuf_printf(&b, " One row for each item; leave rows you do not "
		    "need empty");
		if (f->maxrows > 0)
			sbuf_printf(&b, " (up to %zu rows)", f->maxrows);
		sbuf_printf(&b, ".");
		break;
	}
	if (b.oom)
		w->err = 1;
	else
		para(w, "Hint", b.data);
	sbuf_free(&b);
}

static int
part_document(struct xw *w, const struct tpl *t, const struct avals *v,
    const struct docx_form_meta *m)
{
	struct sbuf		 b;
	const struct tpl_field	*f;
	const char		*last = "", *area;
	char			 date[64];
	size_t			 i;

	xw_el(w, "w:document");
	xw_attr(w, "xmlns:w", NS_W);
	xw_attr(w, "xmlns:r", NS_R);
	xw_el(w, "w:body");
	para(w, "Title", t->title);
	sbuf_init(&b);
	if (m != NULL && m->reference != NULL)
		sbuf_printf(&b, "Reference: %s", m->reference);
	if (m != NULL && m->council != NULL)
		sbuf_printf(&b, "%sCouncil: %s", b.len ? ". " : "", m->council);
	if (!b.oom && b.len > 0)
		para(w, NULL, b.data);
	sbuf_reset(&b);
	sbuf_printf(&b, "Form code: %s version %d", t->id, t->version);
	if (b.oom)
		w->err = 1;
	else
		para(w, "FormCode", b.data);
	sbuf_free(&b);
	if (t->description != NULL)
		para(w, NULL, t->description);
	para(w, "Heading1", "How to fill in this form");
	para(w, NULL, "Write each answer in the shaded box under its "
	    "question. Keep the questions, the tables and the form code as "
	    "they are: the portal finds your answers by them.");
	para(w, NULL, "When you have finished, save the file as a Word "
	    "document (.docx) and upload it on this request's page in the "
	    "portal, under \xe2\x80\x9c" "Fill in the form in Word\xe2\x80\x9d. "
	    "The portal fills in your answers as a draft for you to check and "
	    "submit: nothing is sent to the council until you submit.");
	for (i = 0; i < t->nfields && !w->err; i++) {
		f = &t->fields[i];
		if (strcmp(last, f->area) != 0) {
			area = tpl_area_label(f->area);
			para(w, "Heading1", area != NULL ? area : "General");
			last = f->area;
		}
		para(w, "Heading2", f->label);
		field_guide(w, f);
		if (f->type == TPL_ROWS)
			rows_table(w, i, f, v);
		else
			answer_box(w, i, shown(f, avals_get(v, f->id, -1, ""),
			    date, sizeof(date)));
	}
	para(w, "Heading1", "Upload it back");
	para(w, NULL, "Save this file as .docx and upload it on the request's "
	    "page in the portal. Then check the answers the portal filled in "
	    "and submit.");
	xw_el(w, "w:sectPr");
	xw_page_a4(w);
	xw_end(w);			/* sectPr */
	xw_end(w);			/* body */
	xw_end(w);			/* document */
	xw_close(w);
	return w->err ? -1 : 0;
}

static void
fonts(struct xw *w, const char *halfpoints)
{
	xw_el(w, "w:rFonts");
	xw_attr(w, "w:ascii", "Arial");
	xw_attr(w, "w:hAnsi", "Arial");
	xw_attr(w, "w:eastAsia", "Arial");
	xw_attr(w, "w:cs", "Arial");
	xw_end(w);
	xw_leaf(w, "w:sz", "w:val", halfpoints);
	xw_leaf(w, "w:szCs", "w:val", halfpoints);
}

/* A paragraph style based on Normal; outline -1: not a heading. */
static void
pstyle(struct xw *w, const char *id, const char *name, int outline,
    const char *sz, int bold, const char *colour)
{
	char	lvl[16];

	xw_el(w, "w:style");
	xw_attr(w, "w:type", "paragraph");
	xw_attr(w, "w:styleId", id);
	xw_leaf(w, "w:name", "w:val", name);
	xw_leaf(w, "w:basedOn", "w:val", "Normal");
	xw_leaf(w, "w:next", "w:val", "Normal");
	xw_leaf(w, "w:qFormat", NULL, NULL);
	xw_el(w, "w:pPr");
	if (outline >= 0) {
		xw_leaf(w, "w:keepNext", NULL, NULL);
		xw_el(w, "w:spacing");
		xw_attr(w, "w:before", outline == 0 ? "480" : "360");
		xw_attr(w, "w:after", "120");
		xw_end(w);
		(void)snprintf(lvl, sizeof(lvl), "%d", outline);
		xw_leaf(w, "w:outlineLvl", "w:val", lvl);
	}
	xw_end(w);
	xw_el(w, "w:rPr");
	fonts(w, sz);
	if (bold)
		xw_leaf(w, "w:b", NULL, NULL);
	if (colour != NULL)
		xw_leaf(w, "w:color", "w:val", colour);
	xw_end(w);
	xw_end(w);
}

static int
part_styles(struct xw *w)
{
	static const char *const sides[] = {
		"w:top", "w:left", "w:bottom", "w:right", "w:insideH",
		"w:insideV"
	};
	size_t	i;

	xw_el(w, "w:styles");
	xw_attr(w, "xmlns:w", NS_W);
	xw_el(w, "w:docDefaults");
	xw_el(w, "w:rPrDefault");
	xw_el(w, "w:rPr");
	fonts(w, "24");
	xw_leaf(w, "w:lang", "w:val", "en-GB");
	xw_end(w);
	xw_end(w);
	xw_el(w, "w:pPrDefault");
	xw_el(w, "w:pPr");
	xw_el(w, "w:spacing");
	xw_attr(w, "w:before", "0");
	xw_attr(w, "w:after", "120");
	xw_end(w);
	xw_end(w);
	xw_end(w);
	xw_end(w);			/* docDefaults */
	xw_el(w, "w:style");
	xw_attr(w, "w:type", "paragraph");
	xw_attr(w, "w:default", "1");
	xw_attr(w, "w:styleId", "Normal");
	xw_leaf(w, "w:name", "w:val", "Normal");
	xw_leaf(w, "w:qFormat", NULL, NULL);
	xw_end(w);
	pstyle(w, "Title", "Title", -1, "44", 1, NULL);
	pstyle(w, "Heading1", "heading 1", 0, "32", 1, NULL);
	pstyle(w, "Heading2", "heading 2", 1, "26", 1, NULL);
	pstyle(w, "Hint", "Hint", -1, "22", 0, "505A5F");
	pstyle(w, "FormCode", "Form code", -1, "18", 0, "505A5F");
	xw_el(w, "w:style");
	xw_attr(w, "w:type", "table");
	xw_attr(w, "w:styleId", "AnswerBox");
	xw_leaf(w, "w:name", "w:val", "Answer box");
	xw_el(w, "w:tblPr");
	xw_el(w, "w:tblBorders");
	for (i = 0; i < sizeof(sides) / sizeof(sides[0]); i++) {
		xw_el(w, sides[i]);
		xw_attr(w, "w:val", "single");
		xw_attr(w, "w:sz", i < 4 ? "12" : "4");
		xw_attr(w, "w:space", "0");
		xw_attr(w, "w:color", "0B0C0C");
		xw_end(w);
	}
	xw_end(w);
	xw_el(w, "w:tblCellMar");
	xw_el(w, "w:left");
	xw_attr(w, "w:w", "108");
	xw_attr(w, "w:type", "dxa");
	xw_end(w);
	xw_el(w, "w:right");
	xw_attr(w, "w:w", "108");
	xw_attr(w, "w:type", "dxa");
	xw_end(w);
	xw_end(w);
	xw_end(w);			/* tblPr */
	xw_end(w);			/* style */
	xw_end(w);			/* styles */
	xw_close(w);
	return w->err ? -1 : 0;
}

/* The custom property PortalForm = "<id>:<version>". */
static int
part_custom(struct xw *w, const struct tpl *t)
{
	char	val[160];

	(void)snprintf(val, sizeof(val), "%s:%d", t->id, t->version);
	xw_el(w, "Properties");
	xw_attr(w, "xmlns", "http://schemas.openxmlformats.org/officeDocument/"
	    "2006/custom-properties");
	xw_attr(w, "xmlns:vt", "http://schemas.openxmlformats.org/officeDocument/"
	    "2006/docPropsVTypes");
	xw_el(w, "property");
	xw_attr(w, "fmtid", "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}");
	xw_attr(w, "pid", "2");
	xw_attr(w, "name", "PortalForm");
	xw_el(w, "vt:lpwstr");
	xw_text(w, val);
	xw_end(w);
	xw_end(w);
	xw_end(w);
	xw_close(w);
	return w->err ? -1 : 0;
}

/* Metadata: the template's title only (no name, no author). */
static int
part_core(struct xw *w, const struct tpl *t)
{
	size_t	 n = strlen(t->title) + 1;
	char	*c;

	xw_el(w, "cp:coreProperties");
	xw_attr(w, "xmlns:cp", "http://schemas.openxmlformats.org/package/2006/"
	    "metadata/core-properties");
	xw_attr(w, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
	xw_el(w, "dc:title");
	if ((c = malloc(n)) == NULL)
		w->err = 1;
	else {
		(void)docx_xml_clean(t->title, c, n);
		xw_text(w, c);
		free(c);
	}
	xw_end(w);
	xw_el(w, "dc:language");
	xw_text(w, "en-GB");
	xw_end(w);
	xw_end(w);
	xw_close(w);
	return w->err ? -1 : 0;
}

static int
part_types(struct xw *w)
{
	xw_types_open(w);
	xw_override(w, "/word/document.xml", CT "document.main+xml");
	xw_override(w, "/word/styles.xml", CT "styles+xml");
	xw_override(w, "/docProps/core.xml",
	    "application/vnd.openxmlformats-package.core-properties+xml");
	xw_override(w, "/docProps/custom.xml",
	    "application/vnd.openxmlformats-officedocument.custom-properties+xml");
	xw_end(w);
	xw_close(w);
	return w->err ? -1 : 0;
}

static int
part_rels(struct xw *w)
{
	xw_el(w, "Relationships");
	xw_attr(w, "xmlns", NS_PKG);
	xw_rel(w, "rId1", REL "officeDocument", "word/document.xml");
	xw_rel(w, "rId2", "http://schemas.openxmlformats.org/package/2006/"
	    "relationships/metadata/core-properties", "docProps/core.xml");
	xw_rel(w, "rId3", REL "custom-properties", "docProps/custom.xml");
	xw_end(w);
	xw_close(w);
	return w->err ? -1 : 0;
}

static int
part_doc_rels(struct xw *w)
{
	xw_el(w, "Relationships");
	xw_attr(w, "xmlns", NS_PKG);
	xw_rel(w, "rIdStyles", REL "styles", "styles.xml");
	xw_end(w);
	xw_close(w);
	return w->err ? -1 : 0;
}

enum { P_TYPES, P_RELS, P_DOC, P_DOC_RELS, P_STYLES, P_CORE, P_CUSTOM,
	P__MAX };

static const char *const part_names[P__MAX] = {
	"[Content_Types].xml", "_rels/.rels", "word/document.xml",
	"word/_rels/document.xml.rels", "word/styles.xml",
	"docProps/core.xml", "docProps/custom.xml"
};

int
docx_form_mem(const struct tpl *t, const struct avals *v,
    const struct docx_form_meta *m, unsigned char **out, size_t *len)
{
	struct xw	 parts[P__MAX];
	struct avals	 none;
	int		 i, rc = -1;

	*out = NULL;
	*len = 0;
	avals_init(&none);
	if (v == NULL)
		v = &none;
	memset(parts, 0, sizeof(parts));
	for (i = 0; i < P__MAX; i++)
		if (xw_open(&parts[i]) == -1)
			goto done;
	if (part_types(&parts[P_TYPES]) == -1 ||
	    part_rels(&parts[P_RELS]) == -1 ||
	    part_document(&parts[P_DOC], t, v, m) == -1 ||
	    part_doc_rels(&parts[P_DOC_RELS]) == -1 ||
	    part_styles(&parts[P_STYLES]) == -1 ||
	    part_core(&parts[P_CORE], t) == -1 ||
	    part_custom(&parts[P_CUSTOM], t) == -1)
		goto done;
	rc = xw_zip(parts, part_names, P__MAX, out, len);
done:
	for (i = 0; i < P__MAX; i++)
		xw_free(&parts[i]);
	return rc;
}
