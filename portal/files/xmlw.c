/*
 * xmlw — see xmlw.h.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "xmlw.h"

#define XC(s)	((const xmlChar *)(s))

static void	fast_add(struct xw *, const char *, size_t);
static void	fast_put(struct xw *, const char *);
static void	fast_close_tag(struct xw *);
static void	fast_text(struct xw *, const char *);
static void	fast_attr_value(struct xw *, const char *);

int
xw_open(struct xw *w)
{
	memset(w, 0, sizeof(*w));
	w->next_id = 1;
	if ((w->buf = xmlBufferCreateSize(4096)) == NULL ||
	    (w->x = xmlNewTextWriterMemory(w->buf, 0)) == NULL ||
	    xmlTextWriterStartDocument(w->x, "1.0", "UTF-8", "yes") < 0)
		w->err = 1;
	return w->err ? -1 : 0;
}

int
xw_open_fast(struct xw *w)
{
	memset(w, 0, sizeof(*w));
	w->fast = 1;
	w->next_id = 1;
	if ((w->buf = xmlBufferCreateSize(16384)) == NULL) {
		w->err = 1;
		return -1;
	}
	xmlBufferSetAllocationScheme(w->buf, XML_BUFFER_ALLOC_DOUBLEIT);
	/* As xmlTextWriterStartDocument(w, "1.0", "UTF-8", "yes"). */
	fast_put(w, "<?xml version=\"1.0\" encoding=\"UTF-8\" "
	    "standalone=\"yes\"?>\n");
	return w->err ? -1 : 0;
}

static void
fast_add(struct xw *w, const char *s, size_t n)
{
	if (!w->err && n > 0 && xmlBufferAdd(w->buf, XC(s), (int)n) != 0)
		w->err = 1;
}

static void
fast_put(struct xw *w, const char *s)
{
	fast_add(w, s, strlen(s));
}

/* The open start tag gets its '>' (content follows). */
static void
fast_close_tag(struct xw *w)
{
	if (w->in_tag) {
		fast_add(w, ">", 1);
		w->in_tag = 0;
	}
}

/* Element text escaped as xmlEncodeSpecialChars does. */
static void
fast_text(struct xw *w, const char *s)
{
	const char	*base = s, *rep;

	for (; *s != '\0'; s++) {
		switch (*s) {
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '&': rep = "&amp;"; break;
		case '"': rep = "&quot;"; break;
		case '\r': rep = "&#13;"; break;
		default: continue;
		}
		fast_add(w, base, (size_t)(s - base));
		fast_put(w, rep);
		base = s + 1;
	}
	fast_add(w, base, (size_t)(s - base));
}

/* An attribute's value escaped as libxml2's writer does (UTF-8 kept). */
static void
fast_attr_value(struct xw *w, const char *str)
{
	const unsigned char	*s = (const unsigned char *)str, *base = s;
	const char		*rep;

	while (*s != '\0') {
		rep = NULL;
		switch (*s) {
		case '\n': rep = "&#10;"; break;
		case '\r': rep = "&#13;"; break;
		case '\t': rep = "&#9;"; break;
		case '"': rep = "&quot;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '&': rep = "&amp;"; break;
		default: break;
		}
		if (rep != NULL) {
			fast_add(w, (const char *)base, (size_t)(s - base));
			fast_put(w, rep);
			base = ++s;
			continue;
		}
		s++;
	}
	fast_add(w, (const char *)base, (size_t)(s - base));
}

void
xw_close(struct xw *w)
{
	if (w->fast) {
		/* As xmlTextWriterEndDocument: every element ended, "\n". */
		while (!w->err && w->depth > 0)
			xw_end(w);
		if (w->fast == 1)
			fast_put(w, "\n");
		w->fast = 2;		/* closed */
		return;
	}
	if (w->x != NULL) {
		if (!w->err && xmlTextWriterEndDocument(w->x) < 0)
			w->err = 1;
		xmlFreeTextWriter(w->x);
		w->x = NULL;
	}
}

void
xw_free(struct xw *w)
{
	xw_close(w);
	if (w->buf != NULL)
		xmlBufferFree(w->buf);
	w->buf = NULL;
}

void
xw_el(struct xw *w, const char *name)
{
	if (w->fast && !w->err) {
		if (w->fast != 1 || w->depth == XW_DEPTH) {
			w->err = 1;
			return;
		}
		fast_close_tag(w);
		fast_add(w, "<", 1);
		fast_put(w, name);
		w->names[w->depth++] = name;
		w->in_tag = 1;
		return;
	}
	if (!w->err && xmlTextWriterStartElement(w->x, XC(name)) < 0)
		w->err = 1;
}

void
xw_end(struct xw *w)
{
	if (w->fast && !w->err) {
		if (w->depth == 0) {
			w->err = 1;
			return;
		}
		w->depth--;
		if (w->in_tag) {
			fast_add(w, "/>", 2);
			w->in_tag = 0;
		} else {
			fast_add(w, "</", 2);
			fast_put(w, w->names[w->depth]);
			fast_add(w, ">", 1);
		}
		return;
	}
	if (!w->err && xmlTextWriterEndElement(w->x) < 0)
		w->err = 1;
}

void
xw_attr(struct xw *w, const char *name, const char *value)
{
	if (w->fast && !w->err) {
		if (!w->in_tag || value == NULL) {
			w->err = 1;
			return;
		}
		fast_add(w, " ", 1);
		fast_put(w, name);
		fast_add(w, "=\"", 2);
		fast_attr_value(w, value);
		fast_add(w, "\"", 1);
		return;
	}
	if (!w->err &&
	    xmlTextWriterWriteAttribute(w->x, XC(name), XC(value)) < 0)
		w->err = 1;
}

void
xw_leaf(struct xw *w, const char *name, const char *a, const char *value)
{
	xw_el(w, name);
	if (a != NULL)
		xw_attr(w, a, value);
	xw_end(w);
}

void
xw_text(struct xw *w, const char *s)
{
	if (w->fast && !w->err) {
		if (s == NULL || w->depth == 0) {
			w->err = 1;
			return;
		}
		fast_close_tag(w);
		fast_text(w, s);
		return;
	}
	if (!w->err && xmlTextWriterWriteString(w->x, XC(s)) < 0)
		w->err = 1;
}
