/*
 * xmlw — writing one XML part into memory with libxml2's xmlTextWriter,
 * for the Word documents (docx.c: the plan; docx_form.c: the advice
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

#endif
