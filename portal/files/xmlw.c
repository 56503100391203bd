/*
 * xmlw — see xmlw.h.
 */
#include <stddef.h>
#include <stdlib.h>

#include <zip.h>

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

int
xw_zip(struct xw *parts, const char *const *names, size_t n,
    unsigned char **out, size_t *len)
{
	zip_error_t	 ze;
	zip_source_t	*src = NULL, *s;
	zip_t		*za = NULL;
	zip_stat_t	 st;
	zip_int64_t	 idx;
	unsigned char	*buf = NULL;
	size_t		 i;
	int		 rc = -1, opened = 0;

	*out = NULL;
	*len = 0;
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL)
		goto done;
	if ((za = zip_open_from_source(src, ZIP_TRUNCATE, &ze)) == NULL) {
		zip_source_free(src);
		src = NULL;
		goto done;
	}
	zip_source_keep(src);		/* it outlives zip_close() */
	for (i = 0; i < n; i++) {
		if ((s = zip_source_buffer(za, xmlBufferContent(parts[i].buf),
		    (zip_uint64_t)xmlBufferLength(parts[i].buf), 0)) == NULL)
			goto done;
		if ((idx = zip_file_add(za, names[i], s, ZIP_FL_ENC_UTF_8)) < 0) {
			zip_source_free(s);
			goto done;
		}
		/* Fastest deflate: XML shrinks ~10× at level 1 already. */
		(void)zip_set_file_compression(za, (zip_uint64_t)idx,
		    ZIP_CM_DEFLATE, 1);
		/* A fixed time: the same document gives the same bytes. */
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
	return rc;
}

void
xw_override(struct xw *w, const char *part, const char *type)
{
	xw_el(w, "Override");
	xw_attr(w, "PartName", part);
	xw_attr(w, "ContentType", type);
	xw_end(w);
}

void
xw_types_open(struct xw *w)
{
	xw_el(w, "Types");
	xw_attr(w, "xmlns", "http://schemas.openxmlformats.org/package/2006/"
	    "content-types");
	xw_el(w, "Default");
	xw_attr(w, "Extension", "rels");
	xw_attr(w, "ContentType",
	    "application/vnd.openxmlformats-package.relationships+xml");
	xw_end(w);
	xw_el(w, "Default");
	xw_attr(w, "Extension", "xml");
	xw_attr(w, "ContentType", "application/xml");
	xw_end(w);
}

void
xw_rel(struct xw *w, const char *id, const char *type, const char *target)
{
	xw_el(w, "Relationship");
	xw_attr(w, "Id", id);
	xw_attr(w, "Type", type);
	xw_attr(w, "Target", target);
	xw_end(w);
}

void
xw_page_a4(struct xw *w)
{
	xw_el(w, "w:pgSz");
	xw_attr(w, "w:w", "11906");
	xw_attr(w, "w:h", "16838");
	xw_end(w);
	xw_el(w, "w:pgMar");
	xw_attr(w, "w:top", "1440");
	xw_attr(w, "w:right", "1440");
	xw_attr(w, "w:bottom", "1440");
	xw_attr(w, "w:left", "1440");
	xw_attr(w, "w:header", "708");
	xw_attr(w, "w:footer", "708");
	xw_attr(w, "w:gutter", "0");
	xw_end(w);
}
