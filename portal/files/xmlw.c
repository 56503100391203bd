/*
 * xmlw — see xmlw.h.
 */
#include <stddef.h>

#include "xmlw.h"

#define XC(s)	((const xmlChar *)(s))

int
xw_open(struct xw *w)
{
	w->err = 0;
	w->x = NULL;
	w->next_id = 1;
	if ((w->buf = xmlBufferCreateSize(4096)) == NULL ||
	    (w->x = xmlNewTextWriterMemory(w->buf, 0)) == NULL ||
	    xmlTextWriterStartDocument(w->x, "1.0", "UTF-8", "yes") < 0)
		w->err = 1;
	return w->err ? -1 : 0;
}

void
xw_close(struct xw *w)
{
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
	if (!w->err && xmlTextWriterStartElement(w->x, XC(name)) < 0)
		w->err = 1;
}

void
xw_end(struct xw *w)
{
	if (!w->err && xmlTextWriterEndElement(w->x) < 0)
		w->err = 1;
}

void
xw_attr(struct xw *w, const char *name, const char *value)
{
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
	if (!w->err && xmlTextWriterWriteString(w->x, XC(s)) < 0)
		w->err = 1;
}
