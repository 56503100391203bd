/*
 * documents — attachments to advice. The type is decided from the content
 * (never the name or the browser's header); DOCX/ODT, PDF and images are
 * inspected and refused with a reason; an optional clamd scan refuses
 * infected files and fails closed. The uploader's name is kept only as
 * docname() makes it: no bidi or other format characters, the extension
 * of the detected type (a PDF+HTML polyglot named report.hta is stored,
 * listed and downloaded as report.pdf), cut at a character boundary. The content is encrypted with a per-file key wrapped by
 * the master key (which never enters the database) before it is stored.
 * Downloads go only through the access-checked handler, as attachments.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "extern.h"
#include "checks.h"
#include "config.h"
#include "db.h"
#include "esc.h"
#include "sbuf.h"
#include "tmpl.h"
#include "upload.h"
#include "vocab.h"
#include "columns.h"
#include "views.h"

static int	refuse(struct ctx *, const char *, const char *);
static int	upload_refused(struct ctx *, int);
static int	is_author(struct ctx *, PGresult *);

/*
 * Drafts and versions (db/009_limits.sql): a document linked to a
 * submitted version in advice_documents is part of that version for
 * good; a document linked to none is its author's draft, which nobody
 * else lists or downloads.
 */
enum { DS_SUBMITTED, DS_REMOVE };	/* the lists: documents_view.c */
static const struct stmt_def	doc_stmts[] = {
	/* $1 document → a row if some submitted version has it. */
	[DS_SUBMITTED] = { "SELECT 1 FROM advice_documents WHERE document_id = $1 "
	    "LIMIT 1", 1, 0 },
	/* $1 document, $2 request: deleted while no version has it, else
	 * only taken off the draft → its id, or no row. */
	[DS_REMOVE] = { "WITH v AS (SELECT 1 FROM advice_documents WHERE "
	    "document_id = $1), del AS (DELETE FROM documents WHERE id = $1 "
	    "AND request_id = $2 AND NOT EXISTS (SELECT 1 FROM v) RETURNING id), "
	    "upd AS (UPDATE documents SET removed_at = now() WHERE id = $1 "
	    "AND request_id = $2 AND removed_at IS NULL AND EXISTS (SELECT 1 FROM v) "
	    "RETURNING id) SELECT id FROM del UNION ALL SELECT id FROM upd", 2, 0 },
};
static int	inspect(struct ctx *, const struct mp_part *, enum ftype *);
static int	may_attach(struct ctx *, PGresult *);
static void	disposition(const char *, const char *, char *, size_t);
static const struct mp_part *mp_find(const struct mp *, const char *);

static const struct mp_part *
mp_find(const struct mp *m, const char *name)
{
	size_t	i;

	for (i = 0; m != NULL && i < m->nparts; i++)
		if (strcmp(m->parts[i].name, name) == 0)
			return (&m->parts[i]);
	return (NULL);
}

/*
 * An upload's refusal (422, 503, with its reason): its author, while the
 * advice is open, sees the documents page the upload came from; anyone
 * else the request page.
 */
static int
upload_refused(struct ctx *c, int status)
{
	PGresult	*rq;
	int		 rc;

	if ((rc = request_load(c, c->id_text[0], &rq)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	if (advice_is_author(c, rq) && advice_editable(db_val(rq, 0, RQ_STATUS)))
		rc = advice_documents_render(c, rq, status);
	else
		rc = page_request_refused(c, status);
	PQclear(rq);
	return (rc);
}

/* Back to the request page with the reason, nothing stored. */
static int
refuse(struct ctx *c, const char *request_id, const char *why)
{
	(void)request_id;
	page_error_add(c, "file", why);
	return (upload_refused(c, 422));
}

/* Type and safety from the content. 0 ok; -1 with the reason on the page. */
static int
inspect(struct ctx *c, const struct mp_part *file, enum ftype *ft)
{
	char	why[256];

	*ft = filetype_detect(file->data, file->len);
	if (*ft == FT_UNKNOWN) {
		page_error_add(c, "file", "The selected file must be a PDF, DOCX, ODT, PNG or JPEG");
		return (-1);
	}
	why[0] = '\0';
	if ((*ft == FT_PDF && pdfcheck(file->data, file->len, why, sizeof(why)) == -1) ||
	    ((*ft == FT_DOCX || *ft == FT_ODT) &&
	    zipcheck(NULL, file->data, file->len, *ft, why, sizeof(why)) == -1) ||
	    ((*ft == FT_PNG || *ft == FT_JPEG) &&
	    imagecheck(file->data, file->len, *ft, why, sizeof(why)) == -1)) {
		page_error_add(c, "file", why[0] ? why : "The selected file cannot be accepted");
		return (-1);
	}
	if (clamd_scan(file->data, file->len, why, sizeof(why)) == -1) {
		page_error_add(c, "file", why);
		return (-1);
	}
	return (0);
}

/* The request's author (ST_DOCUMENT_GET's row). */
static int
is_author(struct ctx *c, PGresult *doc)
{
	return ((c->sess.role == ROLE_PROFESSIONAL || c->sess.role == ROLE_PARENT) &&
	    strtoll(db_val(doc, 0, DG_PROF_ID), NULL, 10) == c->sess.account_id);
}

/* The author, while the advice is open. */
static int
may_attach(struct ctx *c, PGresult *rq)
{
	const char	*st = db_val(rq, 0, RQ_STATUS);

	return ((c->sess.role == ROLE_PROFESSIONAL ||
	    c->sess.role == ROLE_SERVICE_LEAD || c->sess.role == ROLE_PARENT) &&
	    strtoll(db_val(rq, 0, RQ_PROF_ID), NULL, 10) == c->sess.account_id &&
	    vocab_status_open(st));
}

/* POST /requests/{id}/documents (multipart: csrf, file). */
int
do_upload(struct ctx *c)
{
	PGresult		*rq, *res;
	const struct mp_part	*file;
	enum ftype		 ft;
	struct sbuf		 cipher, wrapped;
	char			 sha[65], size[24], acc[24], dest[64], name[256];
	const char		*vals[8];
	int			 lens[8] = { 0 }, fmts[8] = { 0 };
	int			 rc;

	if ((rc = request_load(c, c->id_text[0], &rq)) != 1 || !may_attach(c, rq)) {
		PQclear(rq);
		return (page_error(c, rc == -1 ? 503 : 404));
	}
	PQclear(rq);
	file = mp_find(c->mp, "file");
	if (ctx_body_refused(c) == 0 &&
	    (file == NULL || file->filename == NULL || file->len == 0))
		return (refuse(c, c->id_text[0], "Select a file to upload"));
	/* Up to four times the limit arrives here read and thrown away
	 * (bodylimit.c), as does an upload while the worker held enough of
	 * them: file is NULL then. */
	if (ctx_body_refused(c) == BODY_REFUSED_BUSY) {
		page_error_add(c, "file", "The file could not be received because "
		    "the portal is busy. Try again in a minute");
		return (upload_refused(c, 503));
	}
	if (ctx_body_refused(c) != 0 ||
	    file->len > (size_t)cfg.upload_max_mb * 1024 * 1024) {
		(void)snprintf(name, sizeof(name), "The selected file must be smaller than %d MB",
		    cfg.upload_max_mb);
		return (refuse(c, c->id_text[0], name));
	}
	if (inspect(c, file, &ft) == -1)
		return (upload_refused(c, 422));

	sbuf_init(&cipher);
	sbuf_init(&wrapped);
	if (docstore_encrypt(master_key, file->data, file->len, &cipher,
	    &wrapped) == -1 || cipher.oom || wrapped.oom) {
		sbuf_free(&cipher);
		sbuf_free(&wrapped);
		return (refuse(c, c->id_text[0], "The file could not be stored. Try again."));
	}
	sha256_hex(file->data, file->len, sha);
	(void)snprintf(size, sizeof(size), "%zu", file->len);
	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	/* Never the raw name: format characters out, the detected type's
	 * extension, cut at a character boundary (a cut UTF-8 sequence was
	 * refused by the database: a 503). */
	(void)docname(file->filename, ft, name, sizeof(name));
	vals[0] = c->id_text[0];
	vals[1] = name;
	vals[2] = filetype_media(ft);
	vals[3] = size;
	vals[4] = sha;
	vals[5] = wrapped.data;
	lens[5] = (int)wrapped.len;
	fmts[5] = 1;
	vals[6] = cipher.data;
	lens[6] = (int)cipher.len;
	fmts[6] = 1;
	vals[7] = acc;
	res = db_qx(ST_DOCUMENT_INSERT, vals, lens, fmts, 0);
	sbuf_free(&cipher);
	sbuf_free(&wrapped);
	if (res == NULL || db_rows(res) != 1) {
		/* e.g. the database's disk is full: one statement, so no row. */
		PQclear(res);
		page_error_add(c, "file", "The file could not be stored, so it "
		    "has not been attached. Try again later");
		return (upload_refused(c, 503));
	}
	audit(c, "upload_document", "document", strtoll(db_val(res, 0, 0), NULL, 10),
	    filetype_ext(ft));
	PQclear(res);
	(void)snprintf(dest, sizeof(dest), "/requests/%s/documents?uploaded=1",
	    c->id_text[0]);
	return (http_see_other(c, dest));
}

/*
 * attachment; filename="ascii-only"; filename*=UTF-8''percent-encoded.
 * name comes from docname(), so it ends with the type's extension; the
 * plain form replaces quotes, controls and anything outside printable
 * ASCII, and when it must be cut it keeps that extension.
 */
static void
disposition(const char *name, const char *ext, char *out, size_t len)
{
	struct sbuf	enc;
	char		ascii[128];
	size_t		i, n = 0, nlen = strlen(name), elen = strlen(ext) + 1;
	const unsigned char *p;

	for (p = (const unsigned char *)name; *p && n < sizeof(ascii) - 1; p++) {
		if ((*p & 0xC0) == 0x80)
			continue;	/* one '_' per non-ASCII character */
		if (n == sizeof(ascii) - 1 - elen && nlen - (size_t)((const char *)p -
		    name) > elen) {
			(void)snprintf(ascii + n, sizeof(ascii) - n, ".%s", ext);
			n += elen;
			break;
		}
		ascii[n++] = (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\' &&
		    *p != ';' && *p != '%') ? (char)*p : '_';
	}
	ascii[n] = '\0';
	sbuf_init(&enc);
	for (p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' || *p == '_')
			sbuf_append(&enc, p, 1);
		else
			sbuf_printf(&enc, "%%%02X", *p);
	}
	i = (size_t)snprintf(out, len, "attachment; filename=\"%s\"; filename*=UTF-8''%s",
	    n ? ascii : "document", enc.data && !enc.oom ? enc.data : ext);
	if (i >= len)
		(void)snprintf(out, len, "attachment; filename=\"document.%s\"", ext);
	sbuf_free(&enc);
}

/* GET /documents/{id}: decrypted, checked against its SHA-256, as a download. */
int
page_document(struct ctx *c)
{
	PGresult	*doc, *res;
	struct sbuf	 plain;
	char		 sha[65], hdr[1024], name[256];
	const char	*vals[1];
	int		 ok, rc;

	if ((rc = scoped_get(c, ST_DOCUMENT_GET, c->id_text[0], &doc)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	/* A draft's attachment is its author's until the advice is submitted:
	 * anyone else is told it does not exist, and the refusal is kept. */
	if (!is_author(c, doc)) {
		if ((res = db_qd(&doc_stmts[DS_SUBMITTED], c->id_text[0])) == NULL) {
			PQclear(doc);
			return (page_error(c, 503));
		}
		rc = db_rows(res);
		PQclear(res);
		if (rc != 1) {
			audit(c, "refuse_draft_document", "document", c->id[0], NULL);
			PQclear(doc);
			return (page_error(c, 404));
		}
	}
	vals[0] = c->id_text[0];
	if ((res = db_qx(ST_DOCUMENT_CONTENT, vals, NULL, NULL, 1)) == NULL ||
	    db_rows(res) != 1) {
		PQclear(res);
		PQclear(doc);
		return (page_error(c, 503));
	}
	sbuf_init(&plain);
	ok = docstore_decrypt(master_key,
	    (const unsigned char *)PQgetvalue(res, 0, 1), (size_t)PQgetlength(res, 0, 1),
	    (const unsigned char *)PQgetvalue(res, 0, 0), (size_t)PQgetlength(res, 0, 0),
	    &plain) == 0 && !plain.oom;
	PQclear(res);
	if (ok) {
		sha256_hex((const unsigned char *)plain.data, plain.len, sha);
		ok = strcmp(sha, db_val(doc, 0, DG_SHA256)) == 0;
	}
	if (!ok) {
		kore_log(LOG_ERR, "document %s failed its integrity check", c->id_text[0]);
		sbuf_free(&plain);
		PQclear(doc);
		return (page_error(c, 500));
	}
	audit(c, "download_document", "document", c->id[0], NULL);
	disposition(document_shown_name(db_val(doc, 0, DG_FILENAME),
	    db_val(doc, 0, DG_MEDIA_TYPE), name, sizeof(name)),
	    filetype_ext(filetype_from_media(db_val(doc, 0, DG_MEDIA_TYPE))), hdr, sizeof(hdr));
	http_open(c, db_val(doc, 0, DG_MEDIA_TYPE));
	http_response_header(c->req, "content-disposition", hdr);
	http_response(c->req, 200, plain.data, plain.len);
	sodium_memzero(plain.data, plain.len);
	sbuf_free(&plain);
	PQclear(doc);
	return (KORE_RESULT_OK);
}

/* POST /documents/{id}/delete: the author, while the advice is open. */
int
do_document_delete(struct ctx *c)
{
	PGresult	*doc, *rq, *res;
	char		 request[24], dest[64];
	int		 rc;

	if ((rc = scoped_get(c, ST_DOCUMENT_GET, c->id_text[0], &doc)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	(void)kore_strlcpy(request, db_val(doc, 0, DG_REQUEST), sizeof(request));
	PQclear(doc);
	if ((rc = request_load(c, request, &rq)) != 1 || !may_attach(c, rq)) {
		PQclear(rq);
		return (page_error(c, rc == -1 ? 503 : 404));
	}
	PQclear(rq);
	/* A file a submitted version has stays with that version. */
	if ((res = db_qd(&doc_stmts[DS_REMOVE], c->id_text[0], request)) == NULL)
		return (page_error(c, 503));
	PQclear(res);
	audit(c, "delete_document", "document", c->id[0], NULL);
	(void)snprintf(dest, sizeof(dest), "/requests/%s/documents", request);
	return (http_see_other(c, dest));
}
