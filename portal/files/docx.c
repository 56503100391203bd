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
#include "xmlw.h"
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


static void	 runs(struct xw *, const char *, int);
static void	 para(struct xw *, const char *, const char *);
static void	 labelled(struct xw *, const char *, const char *);
static void	 attribution(struct xw *, const struct plan_para *);
static void	 tbl_start(struct xw *, const char *const *, const int *, int);
static void	 cell(struct xw *, int, const char *, const struct plan_para *);
static void	 section(struct xw *, const struct plan_draft *, int, int);
static void	 section_k(struct xw *, const struct plan_body *);
static int	 is_provision(const struct plan_para *);
static int	 is_listing(const struct plan_para *);
static char	*clean(const char *);
static int	 part_document(struct xw *, const struct plan_draft *,
		    const struct docx_meta *);
static int	 part_styles(struct xw *);
static int	 part_header(struct xw *, const struct docx_meta *);
static int	 part_footer(struct xw *);
static int	 part_core(struct xw *, const struct docx_meta *);
static int	 part_types(struct xw *);
static int	 part_rels(struct xw *);
static int	 part_doc_rels(struct xw *);

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

/*
 * One run of s: lines become <w:br/>, tabs <w:tab/>, carriage returns
 * go; bold if asked.
 */
static void
runs(struct xw *w, const char *s, int bold)
{
	char	*c, *p, *q, save;

	if (w->err)
		return;
	if ((c = clean(s)) == NULL) {
		w->err = 1;
		return;
	}
	xw_el(w, "w:r");
	if (bold) {
		xw_el(w, "w:rPr");
		xw_leaf(w, "w:b", NULL, NULL);
		xw_end(w);
	}
	for (p = c; !w->err; p = q + 1) {
		q = p + strcspn(p, "\t\r\n");
		if (q > p) {
			save = *q;
			*q = '\0';
			xw_el(w, "w:t");
			xw_attr(w, "xml:space", "preserve");
			xw_text(w, p);
			xw_end(w);
			*q = save;
		}
		if (*q == '\0')
			break;
		if (*q == '\t')
			xw_leaf(w, "w:tab", NULL, NULL);
		else if (*q == '\n')
			xw_leaf(w, "w:br", NULL, NULL);
	}
	xw_end(w);
	free(c);
}

/* A paragraph of style (NULL: Normal). */
static void
para(struct xw *w, const char *style, const char *s)
{
	xw_el(w, "w:p");
	if (style != NULL) {
		xw_el(w, "w:pPr");
		xw_leaf(w, "w:pStyle", "w:val", style);
		xw_end(w);
	}
	runs(w, s, 0);
	xw_end(w);
}

/* "Label: value" with the label in bold. */
static void
labelled(struct xw *w, const char *label, const char *value)
{
	xw_el(w, "w:p");
	runs(w, label, 1);
	runs(w, " ", 0);
	runs(w, value, 0);
	xw_end(w);
}

/* "From: adviser, role, service, advice dated 3 November 2026". */
static void
attribution(struct xw *w, const struct plan_para *p)
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
tbl_start(struct xw *w, const char *const *head, const int *width, int n)
{
	char	num[16];
	int	i;

	xw_el(w, "w:tbl");
	xw_el(w, "w:tblPr");
	xw_leaf(w, "w:tblStyle", "w:val", "TableGrid");
	xw_el(w, "w:tblW");
	xw_attr(w, "w:w", "5000");
	xw_attr(w, "w:type", "pct");
	xw_end(w);
	xw_end(w);
	xw_el(w, "w:tblGrid");
	for (i = 0; i < n; i++) {
		(void)snprintf(num, sizeof(num), "%d", width[i]);
		xw_leaf(w, "w:gridCol", "w:w", num);
	}
	xw_end(w);
	/* The header row, repeated on every page. */
	xw_el(w, "w:tr");
	xw_el(w, "w:trPr");
	xw_leaf(w, "w:tblHeader", NULL, NULL);
	xw_end(w);
	for (i = 0; i < n; i++) {
		xw_el(w, "w:tc");
		xw_el(w, "w:tcPr");
		xw_el(w, "w:tcW");
		(void)snprintf(num, sizeof(num), "%d", width[i]);
		xw_attr(w, "w:w", num);
		xw_attr(w, "w:type", "dxa");
		xw_end(w);
		xw_end(w);
		xw_el(w, "w:p");
		runs(w, head[i], 1);
		xw_end(w);
		xw_end(w);
	}
	xw_end(w);
}

/* A cell of s ("Not specified" if empty), followed by p's attribution if
 * p is given. */
static void
cell(struct xw *w, int width, const char *s, const struct plan_para *p)
{
	char	num[16];

	(void)snprintf(num, sizeof(num), "%d", width);
	xw_el(w, "w:tc");
	xw_el(w, "w:tcPr");
	xw_el(w, "w:tcW");
	xw_attr(w, "w:w", num);
	xw_attr(w, "w:type", "dxa");
	xw_end(w);
	xw_end(w);
	para(w, NULL, s != NULL && *s != '\0' ? s : "Not specified");
	if (p != NULL)
		attribution(w, p);
	xw_end(w);
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
section(struct xw *w, const struct plan_draft *d, int s, int final)
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
				xw_end(w);
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
			xw_el(w, "w:tr");
			cell(w, prov_width[0], p->text, p);
			cell(w, prov_width[1], p->by_whom, NULL);
			cell(w, prov_width[2], p->how_often, NULL);
			cell(w, prov_width[3], p->how_long, NULL);
			xw_end(w);
			continue;
		}
		if (in_table) {
			xw_end(w);
			in_table = 0;
		}
		para(w, NULL, p->text);
		attribution(w, p);
	}
	if (in_table)
		xw_end(w);
}

/* A table of every piece of advice with its date, then the advice's
 * paragraphs that feed K. */
static void
section_k(struct xw *w, const struct plan_body *b)
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
		xw_el(w, "w:tr");
		cell(w, width[0], b->p[i].text, NULL);
		cell(w, width[1], docx_long_date(b->p[i].advice_date, date,
		    sizeof(date)), NULL);
		xw_end(w);
	}
	if (listed)
		xw_end(w);
	for (i = 0; i < b->n && !w->err; i++) {
		if (is_listing(&b->p[i]))
			continue;
		para(w, NULL, b->p[i].text);
		attribution(w, &b->p[i]);
	}
}

/* --- the parts -------------------------------------------------------- */

static int
part_document(struct xw *w, const struct plan_draft *d,
    const struct docx_meta *m)
{
	char	date[64];
	int	s;

	xw_el(w, "w:document");
	xw_attr(w, "xmlns:w", NS_W);
	xw_attr(w, "xmlns:r", NS_R);
	xw_el(w, "w:body");
	if (!m->final)
		para(w, "DraftMark", "DRAFT");
	para(w, "Title", "Education, Health and Care plan");
	if (m->issued_on != NULL && *m->issued_on != '\0') {
		xw_el(w, "w:p");
		runs(w, m->final ? "Final EHC plan issued on " :
		    "Draft plan issued on ", 0);
		runs(w, docx_long_date(m->issued_on, date, sizeof(date)), 0);
		xw_end(w);
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

	xw_el(w, "w:sectPr");
	xw_el(w, "w:headerReference");
	xw_attr(w, "w:type", "default");
	xw_attr(w, "r:id", "rIdHeader1");
	xw_end(w);
	xw_el(w, "w:footerReference");
	xw_attr(w, "w:type", "default");
	xw_attr(w, "r:id", "rIdFooter1");
	xw_end(w);
	xw_page_a4(w);
	xw_end(w);			/* sectPr */
	xw_end(w);			/* body */
	xw_end(w);			/* document */
	xw_close(w);
	return w->err ? -1 : 0;
}

static void
fonts(struct xw *w)
{
	xw_el(w, "w:rFonts");
	xw_attr(w, "w:ascii", "Arial");
	xw_attr(w, "w:hAnsi", "Arial");
	xw_attr(w, "w:eastAsia", "Arial");
	xw_attr(w, "w:cs", "Arial");
	xw_end(w);
}

static void
fontsize(struct xw *w, const char *halfpoints)
{
	xw_leaf(w, "w:sz", "w:val", halfpoints);
	xw_leaf(w, "w:szCs", "w:val", halfpoints);
}

static void
spacing(struct xw *w, const char *before, const char *after)
{
	xw_el(w, "w:spacing");
	xw_attr(w, "w:before", before);
	xw_attr(w, "w:after", after);
	xw_end(w);
}

/* A paragraph style based on Normal. */
static void
pstyle(struct xw *w, const char *id, const char *name, int outline,
    const char *sz, int bold, const char *colour, const char *before,
    const char *after)
{
	char	lvl[16];

	xw_el(w, "w:style");
	xw_attr(w, "w:type", "paragraph");
	xw_attr(w, "w:styleId", id);
	xw_leaf(w, "w:name", "w:val", name);
	xw_leaf(w, "w:basedOn", "w:val", "Normal");
	xw_leaf(w, "w:next", "w:val", "Normal");
	if (outline >= 0)
		xw_leaf(w, "w:uiPriority", "w:val", "9");
	xw_leaf(w, "w:qFormat", NULL, NULL);
	xw_el(w, "w:pPr");
	if (outline >= 0)
		xw_leaf(w, "w:keepNext", NULL, NULL);
	spacing(w, before, after);
	if (outline >= 0) {
		(void)snprintf(lvl, sizeof(lvl), "%d", outline);
		xw_leaf(w, "w:outlineLvl", "w:val", lvl);
	}
	xw_end(w);
	xw_el(w, "w:rPr");
	fonts(w);
	if (bold) {
		xw_leaf(w, "w:b", NULL, NULL);
		xw_leaf(w, "w:bCs", NULL, NULL);
	}
	if (colour != NULL)
		xw_leaf(w, "w:color", "w:val", colour);
	fontsize(w, sz);
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
	fonts(w);
	fontsize(w, "24");
	xw_leaf(w, "w:lang", "w:val", "en-GB");
	xw_end(w);
	xw_end(w);
	xw_el(w, "w:pPrDefault");
	xw_el(w, "w:pPr");
	spacing(w, "0", "120");
	xw_end(w);
	xw_end(w);
	xw_end(w);			/* docDefaults */

	xw_el(w, "w:style");
	xw_attr(w, "w:type", "paragraph");
	xw_attr(w, "w:default", "1");
	xw_attr(w, "w:styleId", "Normal");
	xw_leaf(w, "w:name", "w:val", "Normal");
	xw_leaf(w, "w:qFormat", NULL, NULL);
	xw_el(w, "w:rPr");
	fonts(w);
	fontsize(w, "24");
	xw_end(w);
	xw_end(w);

	pstyle(w, "Title", "Title", -1, "44", 1, NULL, "0", "240");
	pstyle(w, "Heading1", "heading 1", 0, "32", 1, NULL, "480", "120");
	pstyle(w, "Heading2", "heading 2", 1, "28", 1, NULL, "240", "120");
	pstyle(w, "Attribution", "Attribution", -1, "18", 0, "505A5F", "0",
	    "200");
	pstyle(w, "DraftMark", "Draft mark", -1, "28", 1, "D4351C", "0",
	    "120");
	pstyle(w, "Header", "header", -1, "18", 0, NULL, "0", "0");
	pstyle(w, "Footer", "footer", -1, "18", 0, NULL, "0", "0");

	xw_el(w, "w:style");
	xw_attr(w, "w:type", "table");
	xw_attr(w, "w:default", "1");
	xw_attr(w, "w:styleId", "TableNormal");
	xw_leaf(w, "w:name", "w:val", "Normal Table");
	xw_el(w, "w:tblPr");
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
	xw_end(w);
	xw_end(w);

	xw_el(w, "w:style");
	xw_attr(w, "w:type", "table");
	xw_attr(w, "w:styleId", "TableGrid");
	xw_leaf(w, "w:name", "w:val", "Table Grid");
	xw_leaf(w, "w:basedOn", "w:val", "TableNormal");
	xw_el(w, "w:tblPr");
	xw_el(w, "w:tblBorders");
	for (i = 0; i < sizeof(sides) / sizeof(sides[0]); i++) {
		xw_el(w, sides[i]);
		xw_attr(w, "w:val", "single");
		xw_attr(w, "w:sz", "4");
		xw_attr(w, "w:space", "0");
		xw_attr(w, "w:color", "auto");
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

static int
part_header(struct xw *w, const struct docx_meta *m)
{
	struct sbuf	b;

	sbuf_init(&b);
	sbuf_printf(&b, "%s%s \xe2\x80\x94 %s %s", m->final ? "" :
	    "DRAFT \xe2\x80\x94 ", m->council != NULL ? m->council : "",
	    m->final ? "Final EHC plan" : "EHC plan",
	    m->reference != NULL ? m->reference : "");
	xw_el(w, "w:hdr");
	xw_attr(w, "xmlns:w", NS_W);
	xw_attr(w, "xmlns:r", NS_R);
	if (b.oom)
		w->err = 1;
	else
		para(w, "Header", b.data);
	xw_end(w);
	sbuf_free(&b);
	xw_close(w);
	return w->err ? -1 : 0;
}

/* A field: <w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r>… */
static void
field(struct xw *w, const char *instr)
{
	xw_el(w, "w:fldSimple");
	xw_attr(w, "w:instr", instr);
	runs(w, "1", 0);
	xw_end(w);
}

static int
part_footer(struct xw *w)
{
	xw_el(w, "w:ftr");
	xw_attr(w, "xmlns:w", NS_W);
	xw_attr(w, "xmlns:r", NS_R);
	xw_el(w, "w:p");
	xw_el(w, "w:pPr");
	xw_leaf(w, "w:pStyle", "w:val", "Footer");
	xw_leaf(w, "w:jc", "w:val", "center");
	xw_end(w);
	runs(w, "Page ", 0);
	field(w, " PAGE ");
	runs(w, " of ", 0);
	field(w, " NUMPAGES ");
	xw_end(w);
	xw_end(w);
	xw_close(w);
	return w->err ? -1 : 0;
}

/* Metadata: the title only (no name, no author, no dates). */
static int
part_core(struct xw *w, const struct docx_meta *m)
{
	struct sbuf	b;

	sbuf_init(&b);
	sbuf_printf(&b, "EHC plan %s", m->reference != NULL ?
	    m->reference : "");
	xw_el(w, "cp:coreProperties");
	xw_attr(w, "xmlns:cp", "http://schemas.openxmlformats.org/package/2006/"
	    "metadata/core-properties");
	xw_attr(w, "xmlns:dc", "http://purl.org/dc/elements/1.1/");
	xw_attr(w, "xmlns:dcterms", "http://purl.org/dc/terms/");
	xw_attr(w, "xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance");
	xw_el(w, "dc:title");
	if (b.oom)
		w->err = 1;
	else {
		char	*c = clean(b.data);

		if (c == NULL)
			w->err = 1;
		else
			xw_text(w, c);
		free(c);
	}
	xw_end(w);
	xw_el(w, "dc:language");
	xw_text(w, "en-GB");
	xw_end(w);
	xw_end(w);
	sbuf_free(&b);
	xw_close(w);
	return w->err ? -1 : 0;
}

static int
part_types(struct xw *w)
{
	xw_types_open(w);
	xw_override(w, "/word/document.xml", CT "document.main+xml");
	xw_override(w, "/word/styles.xml", CT "styles+xml");
	xw_override(w, "/word/header1.xml", CT "header+xml");
	xw_override(w, "/word/footer1.xml", CT "footer+xml");
	xw_override(w, "/docProps/core.xml",
	    "application/vnd.openxmlformats-package.core-properties+xml");
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
	xw_rel(w, "rIdHeader1", REL "header", "header1.xml");
	xw_rel(w, "rIdFooter1", REL "footer", "footer1.xml");
	xw_end(w);
	xw_close(w);
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
	struct xw	 parts[P__MAX];
	int		 i, rc = -1;

	*out = NULL;
	*len = 0;
	memset(parts, 0, sizeof(parts));
	for (i = 0; i < P__MAX; i++)
		if (xw_open(&parts[i]) == -1)
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

	rc = xw_zip(parts, part_names, P__MAX, out, len);
done:
	for (i = 0; i < P__MAX; i++)
		xw_free(&parts[i]);
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
