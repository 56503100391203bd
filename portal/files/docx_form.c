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
#include "sbuf.h"
#include "template.h"

#define NS_W	"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R	"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG	"http://schemas.openxmlformats.org/package/2006/relationships"
#define REL	"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define CT	"application/vnd.openxmlformats-officedocument.wordprocessingml."
#define XC(s)	((const xmlChar *)(s))

#define BLANK_ROWS	3	/* empty rows offered under a rows field's saved ones */
#define TEXT_WIDTH	9026	/* A4 less 2 × 1440 twips of margin */

/* A writer over one part; err is set by the first failure. */
struct fw {
	xmlBufferPtr		buf;
	xmlTextWriterPtr	x;
	int			err;
	int			bookmark;	/* next bookmark id */
};

static int	fw_open(struct fw *);
static void	fw_close(struct fw *);
static void	fw_free(struct fw *);
static void	el(struct fw *, const char *);
static void	end(struct fw *);
static void	attr(struct fw *, const char *, const char *);
static void	leaf(struct fw *, const char *, const char *, const char *);
static void	run(struct fw *, const char *, int);
static void	para(struct fw *, const char *, const char *);
static void	lines(struct fw *, const char *);
static void	bookmark(struct fw *, size_t);
static void	cell_open(struct fw *, int, int);
static void	answer_box(struct fw *, size_t, const char *);
static void	rows_table(struct fw *, size_t, const struct tpl_field *,
		    const struct avals *);
static void	field_guide(struct fw *, const struct tpl_field *);
static const char *shown(const struct tpl_field *, const char *, char *,
		    size_t);
static int	part_document(struct fw *, const struct tpl *,
		    const struct avals *, const struct docx_form_meta *);
static int	part_styles(struct fw *);
static int	part_custom(struct fw *, const struct tpl *);
static int	part_core(struct fw *, const struct tpl *);
static int	part_types(struct fw *);
static int	part_rels(struct fw *);
static int	part_doc_rels(struct fw *);

static int
fw_open(struct fw *w)
{
	w->err = 0;
	w->x = NULL;
	w->bookmark = 1;
	if ((w->buf = xmlBufferCreateSize(4096)) == NULL ||
	    (w->x = xmlNewTextWriterMemory(w->buf, 0)) == NULL ||
	    xmlTextWriterStartDocument(w->x, "1.0", "UTF-8", "yes") < 0)
		w->err = 1;
	return w->err ? -1 : 0;
}

static void
fw_close(struct fw *w)
{
	if (w->x != NULL) {
		if (!w->err && xmlTextWriterEndDocument(w->x) < 0)
			w->err = 1;
		xmlFreeTextWriter(w->x);
		w->x = NULL;
	}
}

static void
fw_free(struct fw *w)
{
	fw_close(w);
	if (w->buf != NULL)
		xmlBufferFree(w->buf);
	w->buf = NULL;
}

static void
el(struct fw *w, const char *name)
{
	if (!w->err && xmlTextWriterStartElement(w->x, XC(name)) < 0)
		w->err = 1;
}

static void
end(struct fw *w)
{
	if (!w->err && xmlTextWriterEndElement(w->x) < 0)
		w->err = 1;
}

/* Values are this file's constants, numbers or cleaned text. */
static void
attr(struct fw *w, const char *name, const char *value)
{
	if (!w->err &&
	    xmlTextWriterWriteAttribute(w->x, XC(name), XC(value)) < 0)
		w->err = 1;
}

static void
leaf(struct fw *w, const char *name, const char *a, const char *value)
{
	el(w, name);
	if (a != NULL)
		attr(w, a, value);
	end(w);
}

/* One run of s on one line (tabs and line breaks become spaces). */
static void
run(struct fw *w, const char *s, int bold)
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
	el(w, "w:r");
	if (bold) {
		el(w, "w:rPr");
		leaf(w, "w:b", NULL, NULL);
		end(w);
	}
	el(w, "w:t");
	attr(w, "xml:space", "preserve");
	if (!w->err && xmlTextWriterWriteString(w->x, XC(c)) < 0)
		w->err = 1;
	end(w);
	end(w);
	free(c);
}

/* A paragraph of style (NULL: Normal) holding s. */
static void
para(struct fw *w, const char *style, const char *s)
{
	el(w, "w:p");
	if (style != NULL) {
		el(w, "w:pPr");
		leaf(w, "w:pStyle", "w:val", style);
		end(w);
	}
	run(w, s, 0);
	end(w);
}

/* s as one paragraph per line (an empty s: one empty paragraph). */
static void
lines(struct fw *w, const char *s)
{
	const char	*p, *q;
	char		*line;

	if (s == NULL || *s == '\0') {
		leaf(w, "w:p", NULL, NULL);
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
bookmark(struct fw *w, size_t n)
{
	char	id[16], name[32];

	(void)snprintf(id, sizeof(id), "%d", w->bookmark++);
	(void)snprintf(name, sizeof(name), "_ehc_%zu", n);
	el(w, "w:bookmarkStart");
	attr(w, "w:id", id);
	attr(w, "w:name", name);
	end(w);
	leaf(w, "w:bookmarkEnd", "w:id", id);
}

/* <w:tc> with its width and, for an answer, a light shading. */
static void
cell_open(struct fw *w, int width, int shaded)
{
	char	wd[16];

	(void)snprintf(wd, sizeof(wd), "%d", width);
	el(w, "w:tc");
	el(w, "w:tcPr");
	el(w, "w:tcW");
	attr(w, "w:w", wd);
	attr(w, "w:type", "dxa");
	end(w);
	if (shaded) {
		el(w, "w:shd");
		attr(w, "w:val", "clear");
		attr(w, "w:color", "auto");
		attr(w, "w:fill", "F3F2F1");
		end(w);
	}
	end(w);
}

static void
tbl_open(struct fw *w, const int *widths, size_t n)
{
	char	wd[16];
	size_t	i;

	el(w, "w:tbl");
	el(w, "w:tblPr");
	leaf(w, "w:tblStyle", "w:val", "AnswerBox");
	el(w, "w:tblW");
	attr(w, "w:w", "0");
	attr(w, "w:type", "auto");
	end(w);
	end(w);
	el(w, "w:tblGrid");
	for (i = 0; i < n; i++) {
		(void)snprintf(wd, sizeof(wd), "%d", widths[i]);
		leaf(w, "w:gridCol", "w:w", wd);
	}
	end(w);
}

/* Field n's answer: a shaded one-cell table, the bookmark first. */
static void
answer_box(struct fw *w, size_t n, const char *value)
{
	const int	width = TEXT_WIDTH;

	tbl_open(w, &width, 1);
	el(w, "w:tr");
	cell_open(w, width, 1);
	el(w, "w:p");
	bookmark(w, n);
	end(w);
	lines(w, value);
	end(w);			/* tc */
	end(w);			/* tr */
	end(w);			/* tbl */
}

/* A rows field: the columns as a header row, the saved rows, blank rows. */
static void
rows_table(struct fw *w, size_t n, const struct tpl_field *f,
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
	el(w, "w:tr");
	el(w, "w:trPr");
	leaf(w, "w:tblHeader", NULL, NULL);
	end(w);
	for (i = 0; i < nc; i++) {
		cell_open(w, widths[i], 0);
		el(w, "w:p");
		if (i == 0)
			bookmark(w, n);
		run(w, f->columns[i].label, 1);
		end(w);
		end(w);
	}
	end(w);
	rows = saved + BLANK_ROWS;
	if (f->maxrows > 0 && (size_t)rows > f->maxrows)
		rows = saved > (int)f->maxrows ? saved : (int)f->maxrows;
	for (r = 0; r < rows && !w->err; r++) {
		el(w, "w:tr");
		for (i = 0; i < nc; i++) {
			cell_open(w, widths[i], 1);
			val = avals_get(v, f->id, r, f->columns[i].id);
			lines(w, val);
			end(w);
		}
		end(w);
	}
	end(w);
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
field_guide(struct fw *w, const struct tpl_field *f)
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
part_document(struct fw *w, const struct tpl *t, const struct avals *v,
    const struct docx_form_meta *m)
{
	struct sbuf		 b;
	const struct tpl_field	*f;
	const char		*last = "", *area;
	char			 date[64];
	size_t			 i;

	el(w, "w:document");
	attr(w, "xmlns:w", NS_W);
	attr(w, "xmlns:r", NS_R);
	el(w, "w:body");
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
	el(w, "w:sectPr");
	el(w, "w:pgSz");
	attr(w, "w:w", "11906");
	attr(w, "w:h", "16838");
	end(w);
	el(w, "w:pgMar");
	attr(w, "w:top", "1440");
	attr(w, "w:right", "1440");
	attr(w, "w:bottom", "1440");
	attr(w, "w:left", "1440");
	attr(w, "w:header", "708");
	attr(w, "w:footer", "708");
	attr(w, "w:gutter", "0");
	end(w);
	end(w);			/* sectPr */
	end(w);			/* body */
	end(w);			/* document */
	fw_close(w);
	return w->err ? -1 : 0;
}

static void
fonts(struct fw *w, const char *halfpoints)
{
	el(w, "w:rFonts");
	attr(w, "w:ascii", "Arial");
	attr(w, "w:hAnsi", "Arial");
	attr(w, "w:eastAsia", "Arial");
	attr(w, "w:cs", "Arial");
	end(w);
	leaf(w, "w:sz", "w:val", halfpoints);
	leaf(w, "w:szCs", "w:val", halfpoints);
}

/* A paragraph style based on Normal; outline -1: not a heading. */
static void
pstyle(struct fw *w, const char *id, const char *name, int outline,
    const char *sz, int bold, const char *colour)
{
	char	lvl[16];

	el(w, "w:style");
	attr(w, "w:type", "paragraph");
	attr(w, "w:styleId", id);
	leaf(w, "w:name", "w:val", name);
	leaf(w, "w:basedOn", "w:val", "Normal");
	leaf(w, "w:next", "w:val", "Normal");
	leaf(w, "w:qFormat", NULL, NULL);
	el(w, "w:pPr");
	if (outline >= 0) {
		leaf(w, "w:keepNext", NULL, NULL);
		el(w, "w:spacing");
		attr(w, "w:before", outline == 0 ? "480" : "360");
		attr(w, "w:after", "120");
		end(w);
		(void)snprintf(lvl, sizeof(lvl), "%d", outline);
		leaf(w, "w:outlineLvl", "w:val", lvl);
	}
	end(w);
	el(w, "w:rPr");
	fonts(w, sz);
	if (bold)
		leaf(w, "w:b", NULL, NULL);
	if (colour != NULL)
		leaf(w, "w:color", "w:val", colour);
	end(w);
	end(w);
}

static int
part_styles(struct fw *w)
{
	static const char *const sides[] = {
		"w:top", "w:left", "w:bottom", "w:right", "w:insideH",
		"w:insideV"
	};
	size_t	i;

	el(w, "w:styles");
	attr(w, "xmlns:w", NS_W);
	el(w, "w:docDefaults");
	el(w, "w:rPrDefault");
	el(w, "w:rPr");
	fonts(w, "24");
	leaf(w, "w:lang", "w:val", "en-GB");
	end(w);
	end(w);
	el(w, "w:pPrDefault");
	el(w, "w:pPr");
	el(w, "w:spacing");
	attr(w, "w:before", "0");
	attr(w, "w:after", "120");
	end(w);
	end(w);
	end(w);
	end(w);			/* docDefaults */
	el(w, "w:style");
	attr(w, "w:type", "paragraph");
	attr(w, "w:default", "1");
	attr(w, "w:styleId", "Normal");
	leaf(w, "w:name", "w:val", "Normal");
	leaf(w, "w:qFormat", NULL, NULL);
	end(w);
	pstyle(w, "Title", "Title", -1, "44", 1, NULL);
	pstyle(w, "Heading1", "heading 1", 0, "32", 1, NULL);
	pstyle(w, "Heading2", "heading 2", 1, "26", 1, NULL);
	pstyle(w, "Hint", "Hint", -1, "22", 0, "505A5F");
	pstyle(w, "FormCode", "Form code", -1, "18", 0, "505A5F");
	el(w, "w:style");
	attr(w, "w:type", "table");
	attr(w, "w:styleId", "AnswerBox");
	leaf(w, "w:name", "w:val", "Answer box");
	el(w, "w:tblPr");
	el(w, "w:tblBorders");
	for (i = 0; i < sizeof(sides) / sizeof(sides[0]); i++) {
		el(w, sides[i]);
		attr(w, "w:val", "single");
		attr(w, "w:sz", i < 4 ? "12" : "4");
		attr(w, "w:space", "0");
		attr(w, "w:color", "0B0C0C");
		end(w);
	}
	end(w);
	el(w, "w:tblCellMar");
	el(w, "w:left");
	attr(w, "w:w", "108");
	attr(w, "w:type", "dxa");
	end(w);
	el(w, "w:right");
	attr(w, "w:w", "108");
	attr(w, "w:type", "dxa");
	end(w);
	end(w);
	end(w);			/* tblPr */
	end(w);			/* style */
	end(w);			/* styles */
	fw_close(w);
	return w->err ? -1 : 0;
}

/* The custom property PortalForm = "<id>:<version>". */
static int
part_custom(struct fw *w, const struct tpl *t)
{
	char	val[160];

	(void)snprintf(val, sizeof(val), "%s:%d", t->id, t->version);
	el(w, "Properties");
	attr(w, "xmlns", "http://schemas.openxmlformats.org/officeDocument/"
	    "2006/custom-properties");
	attr(w, "xmlns:vt", "http://schemas.openxmlformats.org/officeDocument/"
	    "2006/docPropsVTypes");
	el(w, "property");
	attr(w, "fmtid", "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}");
	attr(w, "pid", "2");
	attr(w, "name", "PortalForm");
	el(w, "vt:lpwstr");
	if (!w->err && xmlTextWriterWriteString(w->x, XC(val)) < 0)
		w->err = 1;
	end(w);
	end(w);
	end(w);
	fw_close(w);
	return w->err ? -1 : 0;
}

/* Metadata: the template's title only (no name, no author). */
static int
part_core(struct fw *w, const struct tpl *t)
{
	size_t	 n = strlen(t->title) + 1;
	char	*c;

	el(w, "cp:coreProperties");
	attr(w, "xmlns:cp", "http://schemas.openxmlformats.org/package/2006/"
	    "metadata/core-properties");
	attr(w, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
	el(w, "dc:title");
	if ((c = malloc(n)) == NULL)
		w->err = 1;
	else {
		(void)docx_xml_clean(t->title, c, n);
		if (!w->err && xmlTextWriterWriteString(w->x, XC(c)) < 0)
			w->err = 1;
		free(c);
	}
	end(w);
	el(w, "dc:language");
	if (!w->err && xmlTextWriterWriteString(w->x, XC("en-GB")) < 0)
		w->err = 1;
	end(w);
	end(w);
	fw_close(w);
	return w->err ? -1 : 0;
}

static void
override(struct fw *w, const char *part, const char *type)
{
	el(w, "Override");
	attr(w, "PartName", part);
	attr(w, "ContentType", type);
	end(w);
}

static int
part_types(struct fw *w)
{
	el(w, "Types");
	attr(w, "xmlns", "http://schemas.openxmlformats.org/package/2006/"
	    "content-types");
	el(w, "Default");
	attr(w, "Extension", "rels");
	attr(w, "ContentType",
	    "application/vnd.openxmlformats-package.relationships+xml");
	end(w);
	el(w, "Default");
	attr(w, "Extension", "xml");
	attr(w, "ContentType", "application/xml");
	end(w);
	override(w, "/word/document.xml", CT "document.main+xml");
	override(w, "/word/styles.xml", CT "styles+xml");
	override(w, "/docProps/core.xml",
	    "application/vnd.openxmlformats-package.core-properties+xml");
	override(w, "/docProps/custom.xml",
	    "application/vnd.openxmlformats-officedocument.custom-properties+xml");
	end(w);
	fw_close(w);
	return w->err ? -1 : 0;
}

static void
rel(struct fw *w, const char *id, const char *type, const char *target)
{
	el(w, "Relationship");
	attr(w, "Id", id);
	attr(w, "Type", type);
	attr(w, "Target", target);
	end(w);
}

static int
part_rels(struct fw *w)
{
	el(w, "Relationships");
	attr(w, "xmlns", NS_PKG);
	rel(w, "rId1", REL "officeDocument", "word/document.xml");
	rel(w, "rId2", "http://schemas.openxmlformats.org/package/2006/"
	    "relationships/metadata/core-properties", "docProps/core.xml");
	rel(w, "rId3", REL "custom-properties", "docProps/custom.xml");
	end(w);
	fw_close(w);
	return w->err ? -1 : 0;
}

static int
part_doc_rels(struct fw *w)
{
	el(w, "Relationships");
	attr(w, "xmlns", NS_PKG);
	rel(w, "rIdStyles", REL "styles", "styles.xml");
	end(w);
	fw_close(w);
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
	struct fw	 parts[P__MAX];
	struct avals	 none;
	zip_error_t	 ze;
	zip_source_t	*src = NULL, *s;
	zip_t		*za = NULL;
	zip_stat_t	 st;
	zip_int64_t	 idx;
	unsigned char	*buf = NULL;
	int		 i, rc = -1, opened = 0;

	*out = NULL;
	*len = 0;
	avals_init(&none);
	if (v == NULL)
		v = &none;
	memset(parts, 0, sizeof(parts));
	for (i = 0; i < P__MAX; i++)
		if (fw_open(&parts[i]) == -1)
			goto done;
	if (part_types(&parts[P_TYPES]) == -1 ||
	    part_rels(&parts[P_RELS]) == -1 ||
	    part_document(&parts[P_DOC], t, v, m) == -1 ||
	    part_doc_rels(&parts[P_DOC_RELS]) == -1 ||
	    part_styles(&parts[P_STYLES]) == -1 ||
	    part_core(&parts[P_CORE], t) == -1 ||
	    part_custom(&parts[P_CUSTOM], t) == -1)
		goto done;
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL)
		goto done;
	if ((za = zip_open_from_source(src, ZIP_TRUNCATE, &ze)) == NULL) {
		zip_source_free(src);
		src = NULL;
		goto done;
	}
	zip_source_keep(src);
	for (i = 0; i < P__MAX; i++) {
		if ((s = zip_source_buffer(za, xmlBufferContent(parts[i].buf),
		    (zip_uint64_t)xmlBufferLength(parts[i].buf), 0)) == NULL)
			goto done;
		if ((idx = zip_file_add(za, part_names[i], s,
		    ZIP_FL_ENC_UTF_8)) < 0) {
			zip_source_free(s);
			goto done;
		}
		(void)zip_set_file_compression(za, (zip_uint64_t)idx,
		    ZIP_CM_DEFLATE, 1);
		(void)zip_file_set_mtime(za, (zip_uint64_t)idx, 1577836800, 0);
	}
	if (zip_close(za) == -1)
		goto done;
	za = NULL;
	if (zip_source_open(src) == -1)
		goto done;
	opened = 1;
	zip_stat_init(&st);
	if (zip_source_stat(src, &st) == -1 || !(st.valid & ZIP_STAT_SIZE) ||
	    (buf = malloc(st.size ? st.size : 1)) == NULL)
		goto done;
	if (zip_source_read(src, buf, st.size) != (zip_int64_t)st.size)
		goto done;
	*out = buf;
	*len = (size_t)st.size;
	buf = NULL;
	rc = 0;
done:
	free(buf);
	if (za != NULL)
		zip_discard(za);
	if (opened)
		(void)zip_source_close(src);
	if (src != NULL)
		zip_source_free(src);
	for (i = 0; i < P__MAX; i++)
		fw_free(&parts[i]);
	return rc;
}
