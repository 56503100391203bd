/*
 * docx_read — a completed advice form (docx_form.c) read back into the
 * template's fields.  See docx.h.  Pure: libzip and libxml2, no Kore.
 *
 * The input is hostile bytes from the network.  The zip is opened from
 * memory (consistency checked) and only two parts are read:
 * word/document.xml and, if present, docProps/custom.xml; each is read
 * through libzip's decompressor and refused past DOCX_READ_MAX_PART
 * bytes however small its header claims it is.  A part holding a
 * DOCTYPE is refused before libxml2 sees it (no DTD, so no entity to
 * expand, and XML_PARSE_NONET keeps the network shut anyway).
 *
 * Text is read across runs (Word splits a word into several when it
 * checks spelling), including inserted text of tracked changes and
 * without deleted text or field codes.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include "advice.h"
#include "docx.h"
#include "sbuf.h"
#include "template.h"

#define NS_W	"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define MAX_ROWS_READ	1000	/* rows of one table looked at */
#define MAX_DEPTH	64	/* nested content controls, tables */

struct rd {
	const struct tpl	*t;
	struct avals		*out;
	unsigned char		*done;	/* per field: its answer area was read */
	int			 cur;	/* field whose label came last, or -1 */
	size_t			 matched, filled;
	int			 oom;
	char			*why;	/* set on a refusal */
	size_t			 whylen;
	int			 refused;
};

static const char *const months[] = {
	"january", "february", "march", "april", "may", "june", "july",
	"august", "september", "october", "november", "december"
};

static int	is_w(const xmlNode *, const char *);
static void	text_of(const xmlNode *, struct sbuf *, int);
static void	cell_text(const xmlNode *, struct sbuf *, int);
static void	norm(const char *, char *, size_t);
static int	bookmark_in(const xmlNode *, const struct tpl *, int);
static void	blocks(struct rd *, const xmlNode *, int);
static void	on_para(struct rd *, const xmlNode *);
static void	on_table(struct rd *, const xmlNode *);
static void	read_rows(struct rd *, const struct tpl_field *, const xmlNode *);
static char	*value_of(const struct tpl_field *, const char *);
static int	date_of(const char *, char out[11]);
static void	refuse(struct rd *, const char *);
static int	read_part(zip_t *, const char *, char **, size_t *, char *,
		    size_t);
static int	has(const char *, size_t, const char *);
static xmlDocPtr parse(const char *, size_t);
static void	visible_form(const xmlNode *, char *, size_t, int *);
static void	custom_form(xmlDocPtr, char *, size_t);
static int	form_code(const char *, char *, size_t, int *);

static void
refuse(struct rd *r, const char *why)
{
	if (r->refused)
		return;
	r->refused = 1;
	if (r->whylen > 0)
		(void)snprintf(r->why, r->whylen, "%s", why);
}

/* 1 if n is the WordprocessingML element local. */
static int
is_w(const xmlNode *n, const char *local)
{
	return n->type == XML_ELEMENT_NODE && n->ns != NULL &&
	    strcmp((const char *)n->ns->href, NS_W) == 0 &&
	    strcmp((const char *)n->name, local) == 0;
}

/* The text under n, runs joined; tabs and breaks as \t and \n. */
static void
text_of(const xmlNode *n, struct sbuf *b, int depth)
{
	const xmlNode	*k;
	xmlChar		*s;

	if (depth > MAX_DEPTH)
		return;
	for (k = n->children; k != NULL; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (is_w(k, "t")) {
			if ((s = xmlNodeGetContent(k)) != NULL) {
				sbuf_puts(b, (const char *)s);
				xmlFree(s);
			}
		} else if (is_w(k, "tab"))
			sbuf_puts(b, "\t");
		else if (is_w(k, "br") || is_w(k, "cr"))
			sbuf_puts(b, "\n");
		else if (is_w(k, "delText") || is_w(k, "instrText") ||
		    is_w(k, "del") || is_w(k, "tbl") || is_w(k, "rPr") ||
		    is_w(k, "pPr"))
			continue;
		else
			text_of(k, b, depth + 1);
	}
}

/* A cell's (or content control's) paragraphs, one line each. */
static void
cell_text(const xmlNode *n, struct sbuf *b, int depth)
{
	const xmlNode	*k;

	if (depth > MAX_DEPTH)
		return;
	for (k = n->children; k != NULL; k = k->next) {
		if (is_w(k, "p")) {
			if (b->len > 0)
				sbuf_puts(b, "\n");
			text_of(k, b, depth + 1);
		} else if (is_w(k, "sdt") || is_w(k, "sdtContent") ||
		    is_w(k, "customXml"))
			cell_text(k, b, depth + 1);
	}
}

/*
 * For comparing a label: runs of white space (no-break spaces included)
 * as one space, trimmed, ASCII letters in lower case, curly apostrophes
 * and quotes straight.
 */
static void
norm(const char *in, char *out, size_t size)
{
	const unsigned char	*p = (const unsigned char *)in;
	size_t			 n = 0;
	int			 space = 0;

	if (size == 0)
		return;
	while (*p != '\0' && n + 1 < size) {
		if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r' ||
		    (p[0] == 0xc2 && p[1] == 0xa0)) {
			space = 1;
			p += *p == 0xc2 ? 2 : 1;
			continue;
		}
		if (space && n > 0 && n + 1 < size)
			out[n++] = ' ';
		space = 0;
		if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0x98 ||
		    p[2] == 0x99)) {
			out[n++] = '\'';
			p += 3;
		} else if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] == 0x9c ||
		    p[2] == 0x9d)) {
			out[n++] = '"';
			p += 3;
		} else
			out[n++] = (char)tolower(*p++);
	}
	out[n] = '\0';
}

/* The field n of the first "_ehc_<n>" bookmark under node, or -1. */
static int
bookmark_in(const xmlNode *node, const struct tpl *t, int depth)
{
	const xmlNode	*k;
	xmlChar		*name;
	char		*end;
	long		 n;
	int		 found = -1;

	if (depth > MAX_DEPTH)
		return -1;
	for (k = node->children; k != NULL && found == -1; k = k->next) {
		if (k->type != XML_ELEMENT_NODE)
			continue;
		if (!is_w(k, "bookmarkStart")) {
			found = bookmark_in(k, t, depth + 1);
			continue;
		}
		name = xmlGetNsProp(k, (const xmlChar *)"name",
		    (const xmlChar *)NS_W);
		if (name != NULL && strncmp((const char *)name, "_ehc_", 5) == 0 &&
		    isdigit((unsigned char)name[5])) {
			n = strtol((const char *)name + 5, &end, 10);
			if (*end == '\0' && n >= 0 && (size_t)n < t->nfields)
				found = (int)n;
		}
		xmlFree(name);
	}
	return found;
}

/* Body-level content in order; content controls are looked into. */
static void
blocks(struct rd *r, const xmlNode *parent, int depth)
{
	const xmlNode	*k;

	if (depth > MAX_DEPTH)
		return;
	for (k = parent->children; k != NULL && !r->refused && !r->oom;
	    k = k->next) {
		if (is_w(k, "p"))
			on_para(r, k);
		else if (is_w(k, "tbl"))
			on_table(r, k);
		else if (is_w(k, "sdt") || is_w(k, "sdtContent") ||
		    is_w(k, "customXml"))
			blocks(r, k, depth + 1);
	}
}

/* A paragraph that is a field's label makes it the current field. */
static void
on_para(struct rd *r, const xmlNode *p)
{
	struct sbuf	 b;
	char		 a[512], l[512];
	size_t		 i;

	sbuf_init(&b);
	text_of(p, &b, 0);
	if (b.oom) {
		r->oom = 1;
		sbuf_free(&b);
		return;
	}
	if (b.len == 0 || b.len >= sizeof(a)) {
		sbuf_free(&b);
		return;
	}
	norm(b.data, a, sizeof(a));
	sbuf_free(&b);
	for (i = 0; i < r->t->nfields; i++) {
		norm(r->t->fields[i].label, l, sizeof(l));
		if (strcmp(a, l) == 0) {
			r->cur = (int)i;
			return;
		}
	}
}

/* A table: the answer area of its bookmark's field, else the label's. */
static void
on_table(struct rd *r, const xmlNode *tbl)
{
	const struct tpl_field	*f;
	const xmlNode		*tr, *tc;
	struct sbuf		 b;
	char			*v;
	int			 n;

	if ((n = bookmark_in(tbl, r->t, 0)) == -1)
		n = r->cur;
	r->cur = -1;
	if (n < 0 || r->done[n])
		return;
	r->done[n] = 1;
	r->matched++;
	f = &r->t->fields[n];
	if (f->type == TPL_ROWS) {
		read_rows(r, f, tbl);
		return;
	}
	sbuf_init(&b);
	for (tr = tbl->children; tr != NULL; tr = tr->next) {
		if (!is_w(tr, "tr"))
			continue;
		for (tc = tr->children; tc != NULL; tc = tc->next)
			if (is_w(tc, "tc") || is_w(tc, "sdt"))
				cell_text(tc, &b, 0);
	}
	if (b.oom || (v = value_of(f, b.data != NULL ? b.data : "")) == NULL) {
		r->oom = 1;
		sbuf_free(&b);
		return;
	}
	sbuf_free(&b);
	if (*v != '\0') {
		if (avals_add(r->out, f->id, -1, "", v) == -1)
			r->oom = 1;
		r->filled++;
	}
	free(v);
}

/* A rows field's table: the header row of column labels is skipped,
 * empty rows dropped, the rest numbered from 0. */
static void
read_rows(struct rd *r, const struct tpl_field *f, const xmlNode *tbl)
{
	const xmlNode	*tr, *tc;
	struct sbuf	 cells[16];
	char		 a[512], l[512], msg[256], *v;
	size_t		 nc, i, seen = 0;
	int		 row = 0, empty, header;

	if (f->ncolumns == 0 || f->ncolumns > 16)
		return;
	for (tr = tbl->children; tr != NULL && !r->refused && !r->oom;
	    tr = tr->next) {
		if (!is_w(tr, "tr"))
			continue;
		if (++seen > MAX_ROWS_READ)
			break;
		for (i = 0; i < 16; i++)
			sbuf_init(&cells[i]);
		nc = 0;
		for (tc = tr->children; tc != NULL; tc = tc->next)
			if (is_w(tc, "tc") && nc++ < f->ncolumns)
				cell_text(tc, &cells[nc - 1], 0);
		if (nc != f->ncolumns) {
			(void)snprintf(msg, sizeof(msg), "The table for %s must "
			    "have %zu columns, as in the form. Download the form "
			    "again and copy your answers into it", f->label,
			    f->ncolumns);
			refuse(r, msg);
		}
		empty = header = 1;
		for (i = 0; i < nc && i < f->ncolumns; i++) {
			if (cells[i].oom)
				r->oom = 1;
			norm(cells[i].data != NULL ? cells[i].data : "", a,
			    sizeof(a));
			norm(f->columns[i].label, l, sizeof(l));
			if (*a != '\0')
				empty = 0;
			if (strcmp(a, l) != 0)
				header = 0;
		}
		if (!empty && !(header && row == 0) && !r->refused) {
			for (i = 0; i < f->ncolumns && !r->oom; i++) {
				v = value_of(f, cells[i].data != NULL ?
				    cells[i].data : "");
				if (v == NULL)
					r->oom = 1;
				else if (*v != '\0' && avals_add(r->out, f->id,
				    row, f->columns[i].id, v) == -1)
					r->oom = 1;
				free(v);
			}
			if (row++ == 0)
				r->filled++;
		}
		for (i = 0; i < 16; i++)
			sbuf_free(&cells[i]);
	}
}

/*
 * "27 March 2026", "27/3/2026", "27-03-2026", "27.3.2026" or
 * "2026-03-27" → "2026-03-27" if a real date; 0, or -1.
 */
static int
date_of(const char *s, char out[11])
{
	char		 word[16];
	int		 d, m, y, n = 0;
	size_t		 i;

	if (sscanf(s, "%4d-%2d-%2d%n", &y, &m, &d, &n) == 3 && s[n] == '\0')
		;
	else if ((sscanf(s, "%2d/%2d/%4d%n", &d, &m, &y, &n) == 3 ||
	    sscanf(s, "%2d-%2d-%4d%n", &d, &m, &y, &n) == 3 ||
	    sscanf(s, "%2d.%2d.%4d%n", &d, &m, &y, &n) == 3) && s[n] == '\0')
		;
	else if (sscanf(s, "%2d %15s %4d%n", &d, word, &y, &n) == 3 &&
	    s[n] == '\0') {
		for (i = 0; word[i] != '\0'; i++)
			word[i] = (char)tolower((unsigned char)word[i]);
		for (m = 0, i = 0; i < 12 && m == 0; i++)
			if (strcmp(word, months[i]) == 0 || (strlen(word) == 3 &&
			    strncmp(word, months[i], 3) == 0))
				m = (int)i + 1;
	} else
		return -1;
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	(void)snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return date_valid(out) ? 0 : -1;
}

/*
 * What the form keeps for the text of an answer (malloc'd, "" if empty):
 * trimmed; one line for a text field; a choice's label as its value; a
 * date as YYYY-MM-DD when it reads as one.  NULL out of memory.
 */
static char *
value_of(const struct tpl_field *f, const char *text)
{
	char	*v, *p, *e, a[512], l[512], date[11];
	size_t	 i;

	if ((v = strdup(text)) == NULL)
		return NULL;
	for (p = v; *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'; p++)
		;
	memmove(v, p, strlen(p) + 1);
	for (e = v + strlen(v); e > v && (e[-1] == ' ' || e[-1] == '\t' ||
	    e[-1] == '\n' || e[-1] == '\r'); e--)
		;
	*e = '\0';
	if (f->type == TPL_TEXT || f->type == TPL_DATE || f->type == TPL_CHOICE)
		for (p = v; *p != '\0'; p++)
			if (*p == '\n' || *p == '\t' || *p == '\r')
				*p = ' ';
	if (f->type == TPL_CHOICE && *v != '\0') {
		norm(v, a, sizeof(a));
		for (i = 0; i < f->noptions; i++) {
			norm(f->options[i].label, l, sizeof(l));
			if (strcmp(a, l) == 0 || strcmp(v,
			    f->options[i].value) == 0) {
				free(v);
				return strdup(f->options[i].value);
			}
		}
	}
	if (f->type == TPL_DATE && *v != '\0' && date_of(v, date) == 0) {
		free(v);
		return strdup(date);
	}
	return v;
}

/* A part of at most DOCX_READ_MAX_PART bytes, NUL-terminated, into *out
 * (the caller frees).  1 read, 0 absent, -1 refused (why set). */
static int
read_part(zip_t *za, const char *name, char **out, size_t *len, char *why,
    size_t whylen)
{
	zip_int64_t	 idx, n;
	zip_stat_t	 st;
	zip_file_t	*zf;
	char		*buf;
	size_t		 have = 0;

	*out = NULL;
	*len = 0;
	if ((idx = zip_name_locate(za, name, 0)) < 0)
		return 0;
	zip_stat_init(&st);
	if (zip_stat_index(za, (zip_uint64_t)idx, 0, &st) == -1 ||
	    ((st.valid & ZIP_STAT_SIZE) && st.size > DOCX_READ_MAX_PART)) {
		(void)snprintf(why, whylen, "The document is too large to read: "
		    "its text must be smaller than %d MB",
		    DOCX_READ_MAX_PART / (1024 * 1024));
		return -1;
	}
	if ((buf = malloc(DOCX_READ_MAX_PART + 2)) == NULL) {
		(void)snprintf(why, whylen, "The document could not be read. "
		    "Try again in a minute");
		return -1;
	}
	if ((zf = zip_fopen_index(za, (zip_uint64_t)idx, 0)) == NULL) {
		free(buf);
		(void)snprintf(why, whylen, "The document cannot be read: save "
		    "it again as a Word document (.docx) and upload it again");
		return -1;
	}
	/* The header's size is not trusted: read at most one byte more. */
	while (have <= DOCX_READ_MAX_PART &&
	    (n = zip_fread(zf, buf + have, DOCX_READ_MAX_PART + 1 - have)) > 0)
		have += (size_t)n;
	if (n == -1 || have > DOCX_READ_MAX_PART) {
		(void)zip_fclose(zf);
		free(buf);
		(void)snprintf(why, whylen, have > DOCX_READ_MAX_PART ?
		    "The document is too large to read: its text must be "
		    "smaller than 8 MB" : "The document cannot be read: save it "
		    "again as a Word document (.docx) and upload it again");
		return -1;
	}
	(void)zip_fclose(zf);
	buf[have] = '\0';
	*out = buf;
	*len = have;
	return 1;
}

/* 1 if the len bytes at buf hold s. */
static int
has(const char *buf, size_t len, const char *s)
{
	size_t		 n = strlen(s);
	const char	*p = buf, *end = buf + len;

	while ((size_t)(end - p) >= n &&
	    (p = memchr(p, s[0], (size_t)(end - p) - n + 1)) != NULL) {
		if (memcmp(p, s, n) == 0)
			return 1;
		p++;
	}
	return 0;
}

/* The part parsed, or NULL; a DOCTYPE anywhere is refused unparsed. */
static xmlDocPtr
parse(const char *buf, size_t len)
{
	if (len > INT32_MAX || has(buf, len, "<!DOCTYPE") ||
	    has(buf, len, "<!ENTITY"))
		return NULL;
	return xmlReadMemory(buf, (int)len, NULL, NULL, XML_PARSE_NONET |
	    XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
}

/* The value of the custom property PortalForm into out ("" if none). */
static void
custom_form(xmlDocPtr doc, char *out, size_t size)
{
	const xmlNode	*root, *p, *v;
	xmlChar		*name, *s;

	out[0] = '\0';
	if ((root = xmlDocGetRootElement(doc)) == NULL)
		return;
	for (p = root->children; p != NULL; p = p->next) {
		if (p->type != XML_ELEMENT_NODE ||
		    strcmp((const char *)p->name, "property") != 0)
			continue;
		name = xmlGetProp(p, (const xmlChar *)"name");
		if (name != NULL && strcmp((const char *)name, "PortalForm") == 0)
			for (v = p->children; v != NULL; v = v->next)
				if (v->type == XML_ELEMENT_NODE &&
				    (s = xmlNodeGetContent(v)) != NULL) {
					(void)snprintf(out, size, "%s", s);
					xmlFree(s);
					break;
				}
		xmlFree(name);
	}
}

/* "<id>:<version>" into id and *version; 0, or -1. */
static int
form_code(const char *s, char *id, size_t idlen, int *version)
{
	const char	*colon = strrchr(s, ':');
	char		*end;
	long		 v;

	if (colon == NULL || (size_t)(colon - s) >= idlen || colon == s)
		return -1;
	v = strtol(colon + 1, &end, 10);
	if (*end != '\0' || v < 1 || v > 9999)
		return -1;
	memcpy(id, s, (size_t)(colon - s));
	id[colon - s] = '\0';
	*version = (int)v;
	return 0;
}

/* The visible "Form code: <id> version <n>" of the body, if any. */
static void
visible_form(const xmlNode *body, char *id, size_t idlen, int *version)
{
	const xmlNode	*k;
	struct sbuf	 b;
	char		 code[160], *p;
	long		 v;

	for (k = body->children; k != NULL; k = k->next) {
		if (!is_w(k, "p"))
			continue;
		sbuf_init(&b);
		text_of(k, &b, 0);
		if (!b.oom && b.len > 11 && b.len < sizeof(code) &&
		    strncmp(b.data, "Form code: ", 11) == 0) {
			(void)snprintf(code, sizeof(code), "%s", b.data + 11);
			if ((p = strstr(code, " version ")) != NULL &&
			    (size_t)(p - code) < idlen) {
				v = strtol(p + 9, NULL, 10);
				*p = '\0';
				memcpy(id, code, (size_t)(p - code) + 1);
				*version = v >= 1 && v <= 9999 ? (int)v : 0;
			}
			sbuf_free(&b);
			return;
		}
		sbuf_free(&b);
	}
}

int
docx_form_read(const unsigned char *data, size_t len, const struct tpl *t,
    struct avals *out, struct docx_form_result *res, char *why, size_t whylen)
{
	struct rd	 r;
	zip_error_t	 ze;
	zip_source_t	*src = NULL;
	zip_t		*za = NULL;
	xmlDocPtr	 doc = NULL, cdoc = NULL;
	const xmlNode	*root, *body = NULL, *k;
	char		*xml = NULL, *cxml = NULL, code[160];
	size_t		 xlen, clen;
	int		 rc = -1, got;
	char		 scratch[8];

	if (why == NULL || whylen == 0) {
		why = scratch;
		whylen = sizeof(scratch);
	}
	why[0] = '\0';
	memset(res, 0, sizeof(*res));
	memset(&r, 0, sizeof(r));
	r.t = t;
	r.out = out;
	r.cur = -1;
	r.why = why;
	r.whylen = whylen;
	if (len == 0 || len > DOCX_READ_MAX_IN) {
		(void)snprintf(why, whylen, len == 0 ? "The selected file is "
		    "empty" : "The selected file must be smaller than 20 MB");
		return -1;
	}
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(data, len, 0, &ze)) == NULL ||
	    (za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS,
	    &ze)) == NULL) {
		if (src != NULL)
			zip_source_free(src);
		zip_error_fini(&ze);
		(void)snprintf(why, whylen, "The selected file must be a Word "
		    "document (.docx)");
		return -1;
	}
	zip_error_fini(&ze);
	if (zip_get_num_entries(za, 0) > DOCX_READ_MAX_PARTS) {
		(void)snprintf(why, whylen, "The document has too many parts "
		    "to be a form: save it again as a Word document (.docx)");
		goto done;
	}
	if ((got = read_part(za, "word/document.xml", &xml, &xlen, why,
	    whylen)) != 1) {
		if (got == 0)
			(void)snprintf(why, whylen, "The selected file must be a "
			    "Word document (.docx)");
		goto done;
	}
	if (read_part(za, "docProps/custom.xml", &cxml, &clen, why,
	    whylen) == -1)
		goto done;
	if ((doc = parse(xml, xlen)) == NULL ||
	    (cxml != NULL && (cdoc = parse(cxml, clen)) == NULL)) {
		(void)snprintf(why, whylen, "The document cannot be read: save "
		    "it again as a Word document (.docx) and upload it again");
		goto done;
	}
	if ((root = xmlDocGetRootElement(doc)) != NULL && is_w(root, "document"))
		for (k = root->children; k != NULL && body == NULL; k = k->next)
			if (is_w(k, "body"))
				body = k;
	if (body == NULL) {
		(void)snprintf(why, whylen, "The selected file must be a Word "
		    "document (.docx)");
		goto done;
	}
	/* Whose form: the custom property, else the visible form code. */
	if (cdoc != NULL) {
		custom_form(cdoc, code, sizeof(code));
		if (code[0] != '\0' && form_code(code, res->form_id,
		    sizeof(res->form_id), &res->form_version) == -1)
			res->form_id[0] = '\0';
	}
	if (res->form_id[0] == '\0')
		visible_form(body, res->form_id, sizeof(res->form_id),
		    &res->form_version);
	if (res->form_id[0] != '\0' && (strcmp(res->form_id, t->id) != 0 ||
	    res->form_version != t->version)) {
		(void)snprintf(why, whylen, "The document is the form for "
		    "different advice. Download the form on this page, fill "
		    "it in and upload that");
		goto done;
	}
	if ((r.done = calloc(t->nfields ? t->nfields : 1, 1)) == NULL) {
		(void)snprintf(why, whylen, "The document could not be read. "
		    "Try again in a minute");
		goto done;
	}
	blocks(&r, body, 0);
	if (r.oom) {
		(void)snprintf(why, whylen, "The document could not be read. "
		    "Try again in a minute");
		goto done;
	}
	if (r.refused)
		goto done;
	if (r.matched == 0) {
		(void)snprintf(why, whylen, "No questions of this form were "
		    "found in the document. Download the form on this page, "
		    "fill it in and upload that");
		goto done;
	}
	if (r.filled == 0) {
		(void)snprintf(why, whylen, "The form has no answers in it. "
		    "Write your answers in the shaded boxes, save it, then "
		    "upload it");
		goto done;
	}
	res->matched = r.matched;
	res->filled = r.filled;
	rc = 0;
done:
	if (rc == -1) {
		avals_free(out);
		avals_init(out);
		res->filled = res->matched = 0;
	}
	free(r.done);
	xmlFreeDoc(doc);
	xmlFreeDoc(cdoc);
	free(xml);
	free(cxml);
	zip_discard(za);
	return rc;
}

size_t
docx_form_check(const struct tpl *t, const struct avals *v, struct errs *e,
    const char *errfield)
{
	const struct tpl_field	*f;
	const char		*val;
	char			 msg[256];
	size_t			 i, c, before = e->n;
	int			 r, rows;

	for (i = 0; i < t->nfields; i++) {
		f = &t->fields[i];
		if (f->type != TPL_ROWS) {
			val = avals_get(v, f->id, -1, "");
			if (val != NULL && *val != '\0' &&
			    tpl_check_value(f, val, msg, sizeof(msg)) == -1)
				errs_add(e, errfield, "%s", msg);
			continue;
		}
		rows = avals_rows(v, f->id);
		for (r = 0; r < rows; r++)
			for (c = 0; c < f->ncolumns; c++) {
				val = avals_get(v, f->id, r, f->columns[c].id);
				if (val == NULL || *val == '\0')
					continue;
				if (tpl_check_cell(f, &f->columns[c], (size_t)r,
				    val, msg, sizeof(msg)) == -1) {
					errs_add(e, errfield, "%s", msg);
					break;
				}
			}
	}
	return e->n - before;
}

int
docx_form_merge(const struct tpl *t, const struct avals *draft,
    const struct avals *doc, struct avals *out)
{
	const struct tpl_field	*f;
	size_t			 i;

	for (i = 0; i < draft->n; i++) {
		f = tpl_field(t, draft->v[i].field);
		if (f == NULL)
			continue;
		if ((f->type == TPL_ROWS && avals_rows(doc, f->id) > 0) ||
		    (f->type != TPL_ROWS && avals_get(doc, f->id, -1, "") != NULL))
			continue;
		if (avals_add(out, draft->v[i].field, draft->v[i].row,
		    draft->v[i].column, draft->v[i].value) == -1)
			return -1;
	}
	for (i = 0; i < doc->n; i++)
		if (avals_add(out, doc->v[i].field, doc->v[i].row,
		    doc->v[i].column, doc->v[i].value) == -1)
			return -1;
	return 0;
}
