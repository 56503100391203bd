/*
 * documents — attachments to advice. The type is decided from the content
 * (never the name or the browser's header); DOCX/ODT and PDF are inspected
 * and refused with a reason; an optional clamd scan refuses infected files
 * and fails closed. The content is encrypted with a per-file key wrapped by
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

unsigned char	master_key[DOCSTORE_KEYBYTES];

static int	refuse(struct ctx *, const char *, const char *);
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

/* Lists the request's documents into "documents" (with delete when editable). */
void
attachments_put(struct ctx *c, const char *request_id, int editable)
{
	PGresult	*res;
	struct tdict	*d;
	int		 i;

	if ((res = db_q(ST_DOCUMENTS_LIST, request_id)) == NULL)
		return;
	for (i = 0; i < db_rows(res); i++) {
		d = tdict_push(c->page, "documents");
		tdict_set(d, "id", db_val(res, i, 0));
		tdict_set(d, "filename", db_val(res, i, 1));
		tdict_set(d, "media_type", db_val(res, i, 2));
		tdict_setf(d, "size_kb", "%lld KB",
		    (strtoll(db_val(res, i, 3), NULL, 10) + 1023) / 1024);
		tdict_set(d, "uploaded_at", db_val(res, i, 4));
		tdict_set(d, "uploaded_by", db_val(res, i, 5));
		if (editable)
			tdict_set(d, "can_delete", "1");
	}
	PQclear(res);
	if (editable)
		tdict_set(c->page, "can_attach", "1");
	tdict_setf(c->page, "upload_max_mb", "%d", cfg.upload_max_mb);
}

/* Back to the request page with the reason, nothing stored. */
static int
refuse(struct ctx *c, const char *request_id, const char *why)
{
	(void)request_id;
	page_error_add(c, "file", why);
	return (page_request_refused(c, 422));
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
	    zipcheck(NULL, file->data, file->len, *ft, why, sizeof(why)) == -1)) {
		page_error_add(c, "file", why[0] ? why : "The selected file cannot be accepted");
		return (-1);
	}
	if (clamd_scan(file->data, file->len, why, sizeof(why)) == -1) {
		page_error_add(c, "file", why);
		return (-1);
	}
	return (0);
}

/* The author, while the advice is open. */
static int
may_attach(struct ctx *c, PGresult *rq)
{
	const char	*st = db_val(rq, 0, 12);

	return ((c->sess.role == ROLE_PROFESSIONAL ||
	    c->sess.role == ROLE_SERVICE_LEAD || c->sess.role == ROLE_PARENT) &&
	    strtoll(db_val(rq, 0, 5), NULL, 10) == c->sess.account_id &&
	    (strcmp(st, "requested") == 0 || strcmp(st, "allocated") == 0 ||
	    strcmp(st, "draft") == 0 || strcmp(st, "returned") == 0));
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
	if (file == NULL || file->filename == NULL || file->len == 0)
		return (refuse(c, c->id_text[0], "Select a file to upload"));
	if (file->len > (size_t)cfg.upload_max_mb * 1024 * 1024) {
		(void)snprintf(name, sizeof(name), "The selected file must be smaller than %d MB",
		    cfg.upload_max_mb);
		return (refuse(c, c->id_text[0], name));
	}
	if (inspect(c, file, &ft) == -1)
		return (page_request_refused(c, 422));

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
	(void)kore_strlcpy(name, file->filename[0] ? file->filename : "document",
	    sizeof(name));
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
		return (page_request_refused(c, 503));
	}
	audit(c, "upload_document", "document", strtoll(db_val(res, 0, 0), NULL, 10),
	    filetype_ext(ft));
	PQclear(res);
	(void)snprintf(dest, sizeof(dest), "/requests/%s?uploaded=1", c->id_text[0]);
	return (http_see_other(c, dest));
}

/*
 * attachment; filename="ascii-only"; filename*=UTF-8''percent-encoded.
 * The name is the uploader's: quotes, control characters and anything
 * outside printable ASCII never reach the plain form.
 */
static void
disposition(const char *name, const char *ext, char *out, size_t len)
{
	struct sbuf	enc;
	char		ascii[128];
	size_t		i, n = 0;
	const unsigned char *p;

	for (p = (const unsigned char *)name; *p && n < sizeof(ascii) - 1; p++)
		ascii[n++] = (*p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\' &&
		    *p != ';' && *p != '%') ? (char)*p : '_';
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
	char		 sha[65], hdr[1024];
	const char	*vals[1];
	int		 ok, rc;

	if ((rc = scoped_get(c, ST_DOCUMENT_GET, c->id_text[0], &doc)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
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
		ok = strcmp(sha, db_val(doc, 0, 5)) == 0;
	}
	if (!ok) {
		kore_log(LOG_ERR, "document %s failed its integrity check", c->id_text[0]);
		sbuf_free(&plain);
		PQclear(doc);
		return (page_error(c, 500));
	}
	audit(c, "download_document", "document", c->id[0], NULL);
	disposition(db_val(doc, 0, 2), "bin", hdr, sizeof(hdr));
	http_open(c, db_val(doc, 0, 3));
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
	(void)kore_strlcpy(request, db_val(doc, 0, 1), sizeof(request));
	PQclear(doc);
	if ((rc = request_load(c, request, &rq)) != 1 || !may_attach(c, rq)) {
		PQclear(rq);
		return (page_error(c, rc == -1 ? 503 : 404));
	}
	PQclear(rq);
	if ((res = db_q(ST_DOCUMENT_DELETE, c->id_text[0], request)) == NULL)
		return (page_error(c, 503));
	PQclear(res);
	audit(c, "delete_document", "document", c->id[0], NULL);
	(void)snprintf(dest, sizeof(dest), "/requests/%s", request);
	return (http_see_other(c, dest));
}
