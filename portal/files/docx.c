/*
 * docx — an EHC plan as a Word document.  See docx.h.
 *
 * Every part is written with xmlTextWriter into an xmlBuffer (libxml2
 * escapes all text and attribute values), then the parts are zipped with
 * libzip into an in-memory zip source.  Names in the document are the
 * WordprocessingML ones ("w:p"), written with their prefix and the
 * namespace declared on each part's root.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/xmlwriter.h>
#include <zip.h>

#include "clock.h"
#include "docx.h"
#include "plan.h"
#include "sbuf.h"
#include "template.h"

#define NS_W	"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define NS_R	"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define NS_PKG	"http://schemas.openxmlformats.org/package/2006/relationships"
#define REL	"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
#define CT	"application/vnd.openxmlformats-officedocument.wordprocessingml."

#define XC(s)	((const xmlChar *)(s))

static const char *const months[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

/* A writer over one part; err is set by the first libxml2 failure and
 * every later call does nothing. */
struct w {
	xmlBufferPtr		buf;
	xmlTextWriterPtr	x;
	int			err;
};

static int	 w_open(struct w *);
static void	 w_close(struct w *);
static void	 w_free(struct w *);
static void	 el(struct w *, const char *);
static void	 end(struct w *);
static void	 attr(struct w *, const char *, const char *);
static void	 leaf(struct w *, const char *, const char *, const char *);
static void	 text(struct w *, const char *);
static void	 runs(struct w *, const char *, int);
static void	 para(struct w *, const char *, const char *);
static void	 labelled(struct w *, const char *, const char *);
static void	 attribution(struct w *, const struct plan_para *);
static void	 tbl_start(struct w *, const char *const *, const int *, int);
static void	 cell(struct w *, int, const char *, const struct plan_para *);
static void	 section(struct w *, const struct plan_draft *, int, int);
static void	 section_k(struct w *, const struct plan_body *);
static int	 is_provision(const struct plan_para *);
static int	 is_listing(const struct plan_para *);
static char	*clean(const char *);
static int	 part_document(struct w *, const struct plan_draft *,
		    const struct docx_meta *);
static int	 part_styles(struct w *);
static int	 part_header(struct w *, const struct docx_meta *);
static int	 part_footer(struct w *);
static int	 part_core(struct w *, const struct docx_meta *);
static int	 part_types(struct w *);
static int	 part_rels(struct w *);
static int	 part_doc_rels(struct w *);
static void	 rel(struct w *, const char *, const char *, const char *);

size_t
docx_xml_clean(const char *in, char *out, size_t size)
{
	const unsigned char	*s = (const unsigned char *)in;
	size_t			 o = 0, n, k;
	unsigned char		 lo, hi;

	if (size == 0)
		return 0;
	while (s != NULL && *s != '\0') {
		lo = 0x80;
		hi = 0xBF;
		if (*s < 0x80) {
			n = 1;
			if (*s < 0x20 && *s != '\t' && *s != '\n' &&
			    *s != '\r') {
				s++;
				continue;
			}
		} else if (*s >= 0xC2 && *s <= 0xDF)
			n = 2;
		else if (*s >= 0xE0 && *s <= 0xEF) {
			n = 3;
			if (*s == 0xE0)
				lo = 0xA0;
			else if (*s == 0xED)
				hi = 0x9F;	/* no UTF-16 surrogates */
		} else if (*s >= 0xF0 && *s <= 0xF4) {
			n = 4;
			if (*s == 0xF0)
				lo = 0x90;
			else if (*s == 0xF4)
				hi = 0x8F;
		} else {
			s++;		/* not a lead byte */
			continue;
		}
		for (k = 1; k < n; k++)
			if (s[k] < (k == 1 ? lo : 0x80) ||
			    s[k] > (k == 1 ? hi : 0xBF))
				break;
		if (k < n) {		/* truncated or malformed */
			s++;
			continue;
		}
		if (n == 3 && s[0] == 0xEF && s[1] == 0xBF &&
		    (s[2] == 0xBE || s[2] == 0xBF)) {
			s += n;		/* U+FFFE, U+FFFF */
			continue;
		}
		if (o + n >= size)
			break;
		memcpy(out + o, s, n);
		o += n;
		s += n;
	}
	out[o] = '\0';
	return o;
}

char *
docx_long_date(const char *ymd, char *out, size_t size)
{
	int	y, m, d;

	if (size == 0)
		return out;
	if (ymd != NULL && date_day(ymd) >= 0 &&
	    sscanf(ymd, "%4d-%2d-%2d", &y, &m, &d) == 3 && m >= 1 && m <= 12)
		(void)snprintf(out, size, "%d %s %d", d, months[m - 1], y);
	else
		(void)snprintf(out, size, "%s", ymd != NULL ? ymd : "");
	return out;
}

static char *
clean(const char *s)
{
	size_t	 n = s != NULL ? strlen(s) + 1 : 1;
	char	*c;

	if ((c = malloc(n)) != NULL)
		(void)docx_xml_clean(s != NULL ? s : "", c, n);
	return c;
}

/* --- the writer ------------------------------------------------------- */

static int
w_open(struct w *w)
{
	w->err = 0;
	w->x = NULL;
	if ((w->buf = xmlBufferCreateSize(4096)) == NULL ||
	    (w->x = xmlNewTextWriterMemory(w->buf, 0)) == NULL ||
	    xmlTextWriterStartDocument(w->x, "1.0", "UTF-8", "yes") < 0)
		w->err = 1;
	return w->err ? -1 : 0;
}

/* Ends the document and flushes the writer: buf is complete. */
static void
w_close(struct w *w)
{
	if (w->x != NULL) {
		if (!w->err && xmlTextWriterEndDocument(w->x) < 0)
			w->err = 1;
		xmlFreeTextWriter(w->x);
		w->x = NULL;
	}
}

static void
w_free(struct w *w)
{
	w_close(w);
	if (w->buf != NULL)
		xmlBufferFree(w->buf);
	w->buf = NULL;
}

static void
el(struct w *w, const char *name)
{
	if (!w->err && xmlTextWriterStartElement(w->x, XC(name)) < 0)
		w->err = 1;
}

static void
end(struct w *w)
{
	if (!w->err && xmlTextWriterEndElement(w->x) < 0)
		w->err = 1;
}

/* An attribute: values are this file's constants and numbers, never
 * the plan's text (which goes through runs()), so they are not cleaned. */
static void
attr(struct w *w, const char *name, const char *value)
{
	if (!w->err &&
	    xmlTextWriterWriteAttribute(w->x, XC(name), XC(value)) < 0)
		w->err = 1;
}

/* <name attr="value"/>; attr NULL: <name/>. */
static void
leaf(struct w *w, const char *name, const char *a, const char *value)
{
	el(w, name);
	if (a != NULL)
		attr(w, a, value);
	end(w);
}

/* Element text, already clean. */
static void
text(struct w *w, const char *s)
{
	if (!w->err && xmlTextWriterWriteString(w->x, XC(s)) < 0)
		w->err = 1;
}

/*
 * One run of s: lines become <w:br/>, tabs <w:tab/>, carriage returns
 * go; bold if asked.
 */
static void
runs(struct w *w, const char *s, int bold)
{
	char	*c, *p, *q, save;

	if (w->err)
		return;
	if ((c = clean(s)) == NULL) {
		w->err = 1;
		return;
	}
	el(w, "w:r");
	if (bold) {
		el(w, "w:rPr");
		leaf(w, "w:b", NULL, NULL);
		end(w);
	}
	for (p = c; !w->err; p = q + 1) {
		q = p + strcspn(p, "\t\r\n");
		if (q > p) {
			save = *q;
			*q = '\0';
			el(w, "w:t");
			attr(w, "xml:space", "preserve");
			text(w, p);
			end(w);
			*q = save;
		}
		if (*q == '\0')
			break;
		if (*q == '\t')
			leaf(w, "w:tab", NULL, NULL);
		else if (*q == '\n')
			leaf(w, "w:br", NULL, NULL);
	}
	end(w);
	free(c);
}

/* A paragraph of style (NULL: Normal). */
static void
para(struct w *w, const char *style, const char *s)
{
	el(w, "w:p");
	if (style != NULL) {
		el(w, "w:pPr");
		leaf(w, "w:pStyle", "w:val", style);
		end(w);
	}
	runs(w, s, 0);
	end(w);
}

/* "Label: value" with the label in bold. */
static void
labelled(struct w *w, const char *label, const char *value)
{
	el(w, "w:p");
	runs(w, label, 1);
	runs(w, " ", 0);
	runs(w, value, 0);
	end(w);
}

/* "From: adviser, role, service, advice dated 3 November 2026". */
static void
attribution(struct w *w, const struct plan_para *p)
{
	struct sbuf	 b;
	const char	*parts[3];
	char		 date[64];
	size_t		 i, n = 0;

	sbuf_init(&b);
	parts[0] = p->adviser;
	parts[1] = p->role;
	parts[2] = p->service;
	if (p->src.request_id == 0)
		sbuf_puts(&b, "Written by the council");
	else {
		sbuf_puts(&b, "From: ");
		for (i = 0; i < 3; i++)
			if (parts[i] != NULL && *parts[i] != '\0')
				sbuf_printf(&b, "%s%s", n++ ? ", " : "",
				    parts[i]);
		if (*p->advice_date != '\0')
			sbuf_printf(&b, "%sadvice dated %s", n ? ", " : "",
			    docx_long_date(p->advice_date, date,
			    sizeof(date)));
		if (p->edited)
			sbuf_puts(&b, " (edited by the council)");
	}
	if (b.oom)
		w->err = 1;
	else
		para(w, "Attribution", b.data);
	sbuf_free(&b);
}

static void
tbl_start(struct w *w, const char *const *head, const int *width, int n)
{
	char	num[16];
	int	i;

	el(w, "w:tbl");
	el(w, "w:tblPr");
	leaf(w, "w:tblStyle", "w:val", "TableGrid");
	el(w, "w:tblW");
	attr(w, "w:w", "5000");
	attr(w, "w:type", "pct");
	end(w);
	end(w);
	el(w, "w:tblGrid");
	for (i = 0; i < n; i++) {
		(void)snprintf(num, sizeof(num), "%d", width[i]);
		leaf(w, "w:gridCol", "w:w", num);
	}
	end(w);
	/* The header row, repeated on every page. */
	el(w, "w:tr");
	el(w, "w:trPr");
	leaf(w, "w:tblHeader", NULL, NULL);
	end(w);
	for (i = 0; i < n; i++) {
		el(w, "w:tc");
		el(w, "w:tcPr");
		el(w, "w:tcW");
		(void)snprintf(num, sizeof(num), "%d", width[i]);
		attr(w, "w:w", num);
		attr(w, "w:type", "dxa");
		end(w);
		end(w);
		el(w, "w:p");
		runs(w, head[i], 1);
		end(w);
		end(w);
	}
	end(w);
}

/* A cell of s ("Not specified" if empty), followed by p's attribution if
 * p is given. */
static void
cell(struct w *w, int width, const char *s, const struct plan_para *p)
{
	char	num[16];

	(void)snprintf(num, sizeof(num), "%d", width);
	el(w, "w:tc");
	el(w, "w:tcPr");
	el(w, "w:tcW");
	attr(w, "w:w", num);
	attr(w, "w:type", "dxa");
	end(w);
	end(w);
	para(w, NULL, s != NULL && *s != '\0' ? s : "Not specified");
	if (p != NULL)
		attribution(w, p);
	end(w);
}

static int
is_provision(const struct plan_para *p)
{
	return p->by_whom != NULL || p->how_often != NULL ||
	    p->how_long != NULL;
}

/* Section K's line for one piece of advice. */
static int
is_listing(const struct plan_para *p)
{
	return p->src.request_id != 0 && p->src.field[0] == '\0';
}

static const char *const prov_head[] = {
	"Provision", "Who", "How often", "How long"
};
static const int prov_width[] = { 3610, 1805, 1805, 1806 };

static void
section(struct w *w, const struct plan_draft *d, int s, int final)
{
	const struct plan_body	*b = &d->s[s];
	const struct plan_para	*p;
	const char		*area = NULL, *label;
	struct sbuf		 h;
	size_t			 i;
	int			 grouped, in_table = 0;

	sbuf_init(&h);
	sbuf_printf(&h, "Section %s: %s", plan_section_id(s),
	    plan_section_title(s));
	if (h.oom)
		w->err = 1;
	else
		para(w, "Heading1", h.data);
	sbuf_free(&h);

	if (s == PLAN_I && !final) {
		para(w, NULL, "This section is left blank until the final "
		    "plan: a draft plan does not name a school or other "
		    "setting (section 38(5) of the Children and Families "
		    "Act 2014).");
		return;
	}
	if (b->n == 0) {
		para(w, NULL, "Nothing is recorded in this section.");
		return;
	}
	if (s == PLAN_K) {
		section_k(w, b);
		return;
	}
	grouped = s == PLAN_B || s == PLAN_E || s == PLAN_F;
	for (i = 0; i < b->n && !w->err; i++) {
		p = &b->p[i];
		if (grouped && (area == NULL || strcmp(area, p->area) != 0)) {
			if (in_table) {
				end(w);
				in_table = 0;
			}
			area = p->area;
			label = tpl_area_label(area);
			para(w, "Heading2", label != NULL ? label : area);
		}
		if (is_provision(p)) {
			if (!in_table) {
				tbl_start(w, prov_head, prov_width, 4);
				in_table = 1;
			}
			el(w, "w:tr");
			cell(w, prov_width[0], p->text, p);
			cell(w, prov_width[1], p->by_whom, NULL);
			cell(w, prov_width[2], p->how_often, NULL);
			cell(w, prov_width[3], p->how_long, NULL);
			end(w);
			continue;
		}
		if (in_table) {
			end(w);
			in_table = 0;
		}
		para(w, NULL, p->text);
		attribution(w, p);
	}
	if (in_table)
		end(w);
}

/* A table of every piece of advice with its date, then the advice's
 * paragraphs that feed K. */
static void
section_k(struct w *w, const struct plan_body *b)
{
	static const char *const head[] = { "Advice", "Date of advice" };
	static const int	 width[] = { 6770, 2256 };
	char			 date[64];
	size_t			 i;
	int			 listed = 0;

	for (i = 0; i < b->n && !w->err; i++) {
		if (!is_listing(&b->p[i]))
			continue;
		if (!listed++)
			tbl_start(w, head, width, 2);
		el(w, "w:tr");
		cell(w, width[0], b->p[i].text, NULL);
		cell(w, width[1], docx_long_date(b->p[i].advice_date, date,
		    sizeof(date)), NULL);
		end(w);
	}
	if (listed)
		end(w);
	for (i = 0; i < b->n && !w->err; i++) {
		if (is_listing(&b->p[i]))
			continue;
		para(w, NULL, b->p[i].text);
		attribution(w, &b->p[i]);
	}
}

/* --- the parts -------------------------------------------------------- */

static int
part_document(struct w *w, const struct plan_draft *d,
    const struct docx_meta *m)
{
	char	date[64];
	int	s;

	el(w, "w:document");
	attr(w, "xmlns:w", NS_W);
	attr(w, "xmlns:r", NS_R);
	el(w, "w:body");
	if (!m->final)
		para(w, "DraftMark", "DRAFT");
	para(w, "Title", "Education, Health and Care plan");
	if (m->issued_on != NULL && *m->issued_on != '\0') {
		el(w, "w:p");
		runs(w, m->final ? "Final EHC plan issued on " :
		    "Draft plan issued on ", 0);
		runs(w, docx_long_date(m->issued_on, date, sizeof(date)), 0);
		end(w);
	} else if (!m->final)
		para(w, NULL, "Draft plan: not yet issued");
	labelled(w, "Name:", m->child_name);
	labelled(w, "Date of birth:", docx_long_date(m->dob, date,
	    sizeof(date)));
	labelled(w, "Reference:", m->reference);
	labelled(w, "Council:", m->council);
	for (s = 0; s < PLAN__MAX && !w->err; s++)
		section(w, d, s, m->final);
	para(w, NULL, m->final ? "End of the plan." :
	    "End of the draft plan.");

	el(w, "w:sectPr");
	el(w, "w:headerReference");
	attr(w, "w:type", "default");
	attr(w, "r:id", "rIdHeader1");
	end(w);
	el(w, "w:footerReference");
	attr(w, "w:type", "default");
	attr(w, "r:id", "rIdFooter1");
	end(w);
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
	w_close(w);
	return w->err ? -1 : 0;
}

static void
fonts(struct w *w)
{
	el(w, "w:rFonts");
	attr(w, "w:ascii", "Arial");
	attr(w, "w:hAnsi", "Arial");
	attr(w, "w:eastAsia", "Arial");
	attr(w, "w:cs", "Arial");
	end(w);
}

static void
fontsize(struct w *w, const char *halfpoints)
{
	leaf(w, "w:sz", "w:val", halfpoints);
	leaf(w, "w:szCs", "w:val", halfpoints);
}

static void
spacing(struct w *w, const char *before, const char *after)
{
	el(w, "w:spacing");
	attr(w, "w:before", before);
	attr(w, "w:after", after);
	end(w);
}

/* A paragraph style based on Normal. */
static void
pstyle(struct w *w, const char *id, const char *name, int outline,
    const char *sz, int bold, const char *colour, const char *before,
    const char *after)
{
	char	lvl[16];

	el(w, "w:style");
	attr(w, "w:type", "paragraph");
	attr(w, "w:styleId", id);
	leaf(w, "w:name", "w:val", name);
	leaf(w, "w:basedOn", "w:val", "Normal");
	leaf(w, "w:next", "w:val", "Normal");
	if (outline >= 0)
		leaf(w, "w:uiPriority", "w:val", "9");
	leaf(w, "w:qFormat", NULL, NULL);
	el(w, "w:pPr");
	if (outline >= 0)
		leaf(w, "w:keepNext", NULL, NULL);
	spacing(w, before, after);
	if (outline >= 0) {
		(void)snprintf(lvl, sizeof(lvl), "%d", outline);
		leaf(w, "w:outlineLvl", "w:val", lvl);
	}
	end(w);
	el(w, "w:rPr");
	fonts(w);
	if (bold) {
		leaf(w, "w:b", NULL, NULL);
		leaf(w, "w:bCs", NULL, NULL);
	}
	if (colour != NULL)
		leaf(w, "w:color", "w:val", colour);
	fontsize(w, sz);
	end(w);
	end(w);
}

static int
part_styles(struct w *w)
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
	fonts(w);
	fontsize(w, "24");
	leaf(w, "w:lang", "w:val", "en-GB");
	end(w);
	end(w);
	el(w, "w:pPrDefault");
	el(w, "w:pPr");
	spacing(w, "0", "120");
	end(w);
	end(w);
	end(w);			/* docDefaults */

	el(w, "w:style");
	attr(w, "w:type", "paragraph");
	attr(w, "w:default", "1");
	attr(w, "w:styleId", "Normal");
	leaf(w, "w:name", "w:val", "Normal");
	leaf(w, "w:qFormat", NULL, NULL);
	el(w, "w:rPr");
	fonts(w);
	fontsize(w, "24");
	end(w);
	end(w);

	pstyle(w, "Title", "Title", -1, "44", 1, NULL, "0", "240");
	pstyle(w, "Heading1", "heading 1", 0, "32", 1, NULL, "480", "120");
	pstyle(w, "Heading2", "heading 2", 1, "28", 1, NULL, "240", "120");
	pstyle(w, "Attribution", "Attribution", -1, "18", 0, "505A5F", "0",
	    "200");
	pstyle(w, "DraftMark", "Draft mark", -1, "28", 1, "D4351C", "0",
	    "120");
	pstyle(w, "Header", "header", -1, "18", 0, NULL, "0", "0");
	pstyle(w, "Footer", "footer", -1, "18", 0, NULL, "0", "0");

	el(w, "w:style");
	attr(w, "w:type", "table");
	attr(w, "w:default", "1");
	attr(w, "w:styleId", "TableNormal");
	leaf(w, "w:name", "w:val", "Normal Table");
	el(w, "w:tblPr");
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
	end(w);
	end(w);

	el(w, "w:style");
	attr(w, "w:type", "table");
	attr(w, "w:styleId", "TableGrid");
	leaf(w, "w:name", "w:val", "Table Grid");
	leaf(w, "w:basedOn", "w:val", "TableNormal");
	el(w, "w:tblPr");
	el(w, "w:tblBorders");
	for (i = 0; i < sizeof(sides) / sizeof(sides[0]); i++) {
		el(w, sides[i]);
		attr(w, "w:val", "single");
		attr(w, "w:sz", "4");
		attr(w, "w:space", "0");
		attr(w, "w:color", "auto");
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
	w_close(w);
	return w->err ? -1 : 0;
}

static int
part_header(struct w *w, const struct docx_meta *m)
{
	struct sbuf	b;

	sbuf_init(&b);
	sbuf_printf(&b, "%s%s \xe2\x80\x94 %s %s", m->final ? "" :
	    "DRAFT \xe2\x80\x94 ", m->council != NULL ? m->council : "",
	    m->final ? "Final EHC plan" : "EHC plan",
	    m->reference != NULL ? m->reference : "");
	el(w, "w:hdr");
	attr(w, "xmlns:w", NS_W);
	attr(w, "xmlns:r", NS_R);
	if (b.oom)
		w->err = 1;
	else
		para(w, "Header", b.data);
	end(w);
	sbuf_free(&b);
	w_close(w);
	return w->err ? -1 : 0;
}

/* A field: <w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r>… */
static void
field(struct w *w, const char *instr)
{
	el(w, "w:fldSimple");
	attr(w, "w:instr", instr);
	runs(w, "1", 0);
	end(w);
}

static int
part_footer(struct w *w)
{
	el(w, "w:ftr");
	attr(w, "xmlns:w", NS_W);
	attr(w, "xmlns:r", NS_R);
	el(w, "w:p");
	el(w, "w:pPr");
	leaf(w, "w:pStyle", "w:val", "Footer");
	leaf(w, "w:jc", "w:val", "center");
	end(w);
	runs(w, "Page ", 0);
	field(w, " PAGE ");
	runs(w, " of ", 0);
	field(w, " NUMPAGES ");
	end(w);
	end(w);
	w_close(w);
	return w->err ? -1 : 0;
}

/* Metadata: the title only (no name, no author, no dates). */
static int
part_core(struct w *w, const struct docx_meta *m)
{
	struct sbuf	b;

	sbuf_init(&b);
	sbuf_printf(&b, "EHC plan %s", m->reference != NULL ?
	    m->reference : "");
	el(w, "cp:coreProperties");
	attr(w, "xmlns:cp", "http://schemas.openxmlformats.org/package/2006/"
	    "metadata/core-properties");
	attr(w, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
	attr(w, "xmlns:dcterms", "http://purl.org/dc/terms/");
	attr(w, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
	el(w, "dc:title");
	if (b.oom)
		w->err = 1;
	else {
		char	*c = clean(b.data);

		if (c == NULL)
			w->err = 1;
		else
			text(w, c);
		free(c);
	}
	end(w);
	el(w, "dc:language");
	text(w, "en-GB");
	end(w);
	end(w);
	sbuf_free(&b);
	w_close(w);
	return w->err ? -1 : 0;
}

static void
override(struct w *w, const char *part, const char *type)
{
	el(w, "Override");
	attr(w, "PartName", part);
	attr(w, "ContentType", type);
	end(w);
}

static int
part_types(struct w *w)
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
	override(w, "/word/header1.xml", CT "header+xml");
	override(w, "/word/footer1.xml", CT "footer+xml");
	override(w, "/docProps/core.xml",
	    "application/vnd.openxmlformats-package.core-properties+xml");
	end(w);
	w_close(w);
	return w->err ? -1 : 0;
}

static void
rel(struct w *w, const char *id, const char *type, const char *target)
{
	el(w, "Relationship");
	attr(w, "Id", id);
	attr(w, "Type", type);
	attr(w, "Target", target);
	end(w);
}

static int
part_rels(struct w *w)
{
	el(w, "Relationships");
	attr(w, "xmlns", NS_PKG);
	rel(w, "rId1", REL "officeDocument", "word/document.xml");
	rel(w, "rId2", "http://schemas.openxmlformats.org/package/2006/"
	    "relationships/metadata/core-properties", "docProps/core.xml");
	end(w);
	w_close(w);
	return w->err ? -1 : 0;
}

static int
part_doc_rels(struct w *w)
{
	el(w, "Relationships");
	attr(w, "xmlns", NS_PKG);
	rel(w, "rIdStyles", REL "styles", "styles.xml");
	rel(w, "rIdHeader1", REL "header", "header1.xml");
	rel(w, "rIdFooter1", REL "footer", "footer1.xml");
	end(w);
	w_close(w);
	return w->err ? -1 : 0;
}

/* --- the package ------------------------------------------------------ */

enum { P_TYPES, P_RELS, P_DOC, P_DOC_RELS, P_STYLES, P_HEADER, P_FOOTER,
	P_CORE, P__MAX };

static const char *const part_names[P__MAX] = {
	"[Content_Types].xml", "_rels/.rels", "word/document.xml",
	"word/_rels/document.xml.rels", "word/styles.xml", "word/header1.xml",
	"word/footer1.xml", "docProps/core.xml"
};

int
docx_plan_mem(const struct plan_draft *d, const struct docx_meta *m,
    unsigned char **out, size_t *len)
{
	struct w	 parts[P__MAX];
	zip_error_t	 ze;
	zip_source_t	*src = NULL, *s;
	zip_t		*za = NULL;
	zip_stat_t	 st;
	zip_int64_t	 idx;
	unsigned char	*buf = NULL;
	int		 i, rc = -1, opened = 0;

	*out = NULL;
	*len = 0;
	memset(parts, 0, sizeof(parts));
	for (i = 0; i < P__MAX; i++)
		if (w_open(&parts[i]) == -1)
			goto done;
	if (part_types(&parts[P_TYPES]) == -1 ||
	    part_rels(&parts[P_RELS]) == -1 ||
	    part_document(&parts[P_DOC], d, m) == -1 ||
	    part_doc_rels(&parts[P_DOC_RELS]) == -1 ||
	    part_styles(&parts[P_STYLES]) == -1 ||
	    part_header(&parts[P_HEADER], m) == -1 ||
	    part_footer(&parts[P_FOOTER]) == -1 ||
	    part_core(&parts[P_CORE], m) == -1)
		goto done;

	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL)
		goto done;
	if ((za = zip_open_from_source(src, ZIP_TRUNCATE, &ze)) == NULL) {
		zip_source_free(src);
		src = NULL;
		goto done;
	}
	zip_source_keep(src);		/* it outlives zip_close() */
	for (i = 0; i < P__MAX; i++) {
		if ((s = zip_source_buffer(za, xmlBufferContent(parts[i].buf),
		    (zip_uint64_t)xmlBufferLength(parts[i].buf), 0)) == NULL)
			goto done;
		if ((idx = zip_file_add(za, part_names[i], s,
		    ZIP_FL_ENC_UTF_8)) < 0) {
			zip_source_free(s);
			goto done;
		}
		/* Fastest deflate: XML shrinks ~10× at level 1 already. */
		(void)zip_set_file_compression(za, (zip_uint64_t)idx,
		    ZIP_CM_DEFLATE, 1);
		/* A fixed time: the same plan gives the same bytes. */
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
		w_free(&parts[i]);
	return rc;
}

int
docx_plan_fd(const struct plan_draft *d, const struct docx_meta *m, int fd)
{
	unsigned char	*buf;
	size_t		 len, off = 0;
	ssize_t		 n;
	int		 rc = 0;

	if (docx_plan_mem(d, m, &buf, &len) == -1)
		return -1;
	while (off < len) {
		if ((n = write(fd, buf + off, len - off)) == -1) {
			if (errno == EINTR)
				continue;
			rc = -1;
			break;
		}
		off += (size_t)n;
	}
	free(buf);
	return rc;
}
