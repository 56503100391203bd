/*
 * xmlw — writing XML parts into memory with libxml2's xmlTextWriter and
 * zipping them with libzip, for the Word documents (docx.c: the plan; docx_form.c: the advice
 * form). The first libxml2 failure sets err and every later call does
 * nothing, so a writer is checked once, at the end. Pure: no Kore.
 */
#ifndef PORTAL_XMLW_H
#define PORTAL_XMLW_H

#include <libxml/xmlwriter.h>

struct xw {
	xmlBufferPtr		buf;
	xmlTextWriterPtr	x;
	int			err;
	int			next_id;	/* the caller's running id (bookmarks) */
};

/* A new document (XML 1.0, UTF-8, standalone): 0, or -1 (err set). */
int	xw_open(struct xw *);
/* Ends the document and flushes the writer: buf is complete. */
void	xw_close(struct xw *);
void	xw_free(struct xw *);
void	xw_el(struct xw *, const char *);
void	xw_end(struct xw *);
/* An attribute: the callers' constants, numbers or cleaned text. */
void	xw_attr(struct xw *, const char *, const char *);
/* <name a="value"/>; a NULL: <name/>. */
void	xw_leaf(struct xw *, const char *, const char *, const char *);
/* Element text, already clean. */
void	xw_text(struct xw *, const char *);
/* The n written parts zipped (libzip, deflate level 1, a fixed time so
 * the same parts give the same bytes) under names[]: 0 and *out (free
 * it) and *len, or -1. An Office Open XML package (.docx). */
int	xw_zip(struct xw *, const char *const *, size_t, unsigned char **,
	    size_t *);

/* The package's parts: [Content_Types].xml opened with its two defaults
 * (rels, xml), an Override of a part, a Relationship of a .rels part. */
void	xw_types_open(struct xw *);
void	xw_override(struct xw *, const char *, const char *);
void	xw_rel(struct xw *, const char *, const char *, const char *);
/* A Word section's A4 page and its 1-inch margins (w:pgSz, w:pgMar),
 * inside the caller's w:sectPr. */
void	xw_page_a4(struct xw *);

#endif
