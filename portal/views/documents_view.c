/*
 * documents_view — the documents listed on a request's pages: its
 * author's draft (with delete while open), or those a submitted version
 * was given with; and the name a stored document is shown under. The
 * upload, download and delete handlers are documents.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "config.h"
#include "db.h"
#include "tmpl.h"
#include "upload.h"
#include "views.h"

/*
 * Drafts and versions (db/009_limits.sql): a document linked to a
 * submitted version in advice_documents is part of that version for
 * good; a document linked to none is its author's draft, which nobody
 * else lists or downloads.
 */
enum { DS_DRAFT_LIST, DS_ADVICE_LIST };
#define DOC_COLUMNS	"SELECT d.id, d.filename, d.media_type, d.size, " \
	"to_char(d.uploaded_at, 'FMDD FMMonth YYYY'), u.display_name " \
	"FROM documents d JOIN accounts u ON u.id = d.uploaded_by "
static const struct stmt_def	doc_stmts[] = {
	/* $1 request → the documents on its draft (not taken off it). */
	[DS_DRAFT_LIST] = { DOC_COLUMNS "WHERE d.request_id = $1 "
	    "AND d.removed_at IS NULL ORDER BY d.id", 1, 0 },
	/* $1 advice version → the documents it was submitted with. */
	[DS_ADVICE_LIST] = { DOC_COLUMNS "JOIN advice_documents l "
	    "ON l.document_id = d.id WHERE l.advice_id = $1 ORDER BY d.id", 1, 0 },
};

/*
 * The name a stored document is listed and downloaded under: docname()
 * again with the type recorded at upload, so rows stored before names
 * were cleaned are shown cleaned too.
 */
const char *
document_shown_name(const char *stored, const char *media, char *out, size_t len)
{

	if (docname(stored, filetype_from_media(media), out, len) == 0)
		return ("document");
	return (out);
}

/* Puts the rows of res (DOC_COLUMNS) into "documents"; frees res. */
static void
list_put(struct ctx *c, PGresult *res, int editable)
{
	struct tdict	*d;
	char		 name[256];
	int		 i;

	for (i = 0; res != NULL && i < db_rows(res); i++) {
		d = tdict_push(c->page, "documents");
		tdict_set(d, "id", db_val(res, i, DOC_ID));
		tdict_set(d, "filename", document_shown_name(db_val(res, i, DOC_FILENAME),
		    db_val(res, i, DOC_MEDIA_TYPE), name, sizeof(name)));
		tdict_set(d, "media_type", db_val(res, i, DOC_MEDIA_TYPE));
		tdict_setf(d, "size_kb", "%lld KB",
		    (strtoll(db_val(res, i, DOC_SIZE), NULL, 10) + 1023) / 1024);
		tdict_set(d, "uploaded_at", db_val(res, i, DOC_UPLOADED_AT));
		tdict_set(d, "uploaded_by", db_val(res, i, DOC_UPLOADED_BY));
		if (editable)
			tdict_set(d, "can_delete", "1");
	}
	PQclear(res);
}

/*
 * Lists the documents on the request's draft into "documents" (with
 * delete when editable): for its author only.
 */
void
attachments_put(struct ctx *c, const char *request_id, int editable)
{
	list_put(c, db_qd(&doc_stmts[DS_DRAFT_LIST], request_id), editable);
	if (editable)
		tdict_set(c->page, "can_attach", "1");
	tdict_setf(c->page, "upload_max_mb", "%d", cfg.upload_max_mb);
}

/* Lists the documents advice version advice_id was submitted with (none
 * when advice_id is NULL). */
void
attachments_put_advice(struct ctx *c, const char *advice_id)
{
	if (advice_id != NULL)
		list_put(c, db_qd(&doc_stmts[DS_ADVICE_LIST], advice_id), 0);
}

/* The documents advice version advice_id was submitted with (DOC_COLUMNS:
 * id, filename, media type, size, …), or NULL; the caller frees. */
PGresult *
documents_of_advice(const char *advice_id)
{
	return (db_qd(&doc_stmts[DS_ADVICE_LIST], advice_id));
}
