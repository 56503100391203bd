/*
 * The administrator's case import and SEN2 download (issue 13; README,
 * "Importing cases").
 *
 *   GET  /admin/import                 the upload form (and ?imported=N)
 *   POST /admin/import                 multipart csrf + file: the file is
 *                                      checked (nothing written) and a
 *                                      preview shown, or every bad row
 *   POST /admin/import/{id}/confirm    imports the previewed file, all or
 *                                      nothing, into the admin's council
 *   GET  /admin/sen2?year=YYYY         the council's SEN2 extract (CSV)
 *
 * The council is always the administrator's own (session): another
 * council's previewed file is 404, as a missing one.  The previewed file
 * is kept (import_uploads) until it is confirmed, at most an hour.  The
 * preview shows references and dates, never children's names; the audit
 * row says who and how many, never whom.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "config.h"
#include "db.h"
#include "import_sql.h"
#include "reqhead.h"
#include "sbuf.h"
#include "tmpl.h"
#include "upload.h"

#define PREVIEW_ROWS	20	/* rows shown before the confirmation */
#define SUMMARY_ERRORS	10	/* bad rows listed in the error summary */

static int	import_form(struct ctx *, int);
static int	import_refused(struct ctx *, const struct imp_result *, int);
static void	council_id(struct ctx *, char[24]);
static const struct mp_part *file_part(const struct mp *);

/* The multipart's file input "file", or NULL. */
static const struct mp_part *
file_part(const struct mp *m)
{
	size_t	i;

	for (i = 0; m != NULL && i < m->nparts; i++)
		if (strcmp(m->parts[i].name, "file") == 0)
			return (&m->parts[i]);
	return (NULL);
}

static void
council_id(struct ctx *c, char out[24])
{
	(void)snprintf(out, 24, "%lld", c->sess.org_id);
}

/* The upload form (and the SEN2 download form); years to choose. */
static int
import_form(struct ctx *c, int status)
{
	char		 today[DATE_LEN], y[8];
	struct tdict	*o;
	int		 year, i;

	config_today(today);
	year = atoi(today);
	for (i = 0; i < 6; i++) {
		o = tdict_push(c->page, "years");
		(void)snprintf(y, sizeof(y), "%d", year - i);
		tdict_set(o, "year", y);
		if (i == 1)
			tdict_set(o, "selected", "1");
	}
	return (page_render(c, status, "admin-import", "Import cases"));
}

/* GET /admin/import */
int
page_admin_import(struct ctx *c)
{
	char	n[16];

	if (query_get(c, "imported", n, sizeof(n)) != NULL && n[0] != '\0' &&
	    strlen(n) < 8 && strspn(n, "0123456789") == strlen(n))
		tdict_setf(c->page, "success", "%s case%s imported", n,
		    strcmp(n, "1") == 0 ? "" : "s");
	return (import_form(c, 200));
}

/* The file refused: the error summary (first rows) and the full table. */
static int
import_refused(struct ctx *c, const struct imp_result *res, int status)
{
	struct tdict	*e;
	struct sbuf	 line;
	char		 msg[160], ln[16];
	size_t		 i;

	(void)snprintf(msg, sizeof(msg), "The file has %zu error%s%s: nothing "
	    "has been imported. Correct %s in the spreadsheet and upload it "
	    "again", res->n_err, res->n_err == 1 ? "" : "s",
	    res->truncated ? " (or more)" : "", res->n_err == 1 ? "it" : "them");
	page_error_add(c, "file", msg);
	sbuf_init(&line);
	for (i = 0; i < res->n_err; i++) {
		e = tdict_push(c->page, "import_errors");
		(void)snprintf(ln, sizeof(ln), "%zu", res->err[i].line);
		tdict_set(e, "line", ln);
		tdict_set(e, "column", res->err[i].column);
		tdict_set(e, "reason", res->err[i].reason);
		if (i >= SUMMARY_ERRORS)
			continue;
		sbuf_reset(&line);
		import_error_line(&line, &res->err[i]);
		sbuf_append(&line, "", 1);
		if (!line.oom) {
			/* "line 7, …" as a sentence in the summary. */
			line.data[0] = 'L';
			e = tdict_push(c->page, "errors");
			tdict_set(e, "field", "import-errors");
			tdict_set(e, "message", line.data);
		}
	}
	sbuf_free(&line);
	if (res->n_err > SUMMARY_ERRORS) {
		e = tdict_push(c->page, "errors");
		tdict_set(e, "field", "import-errors");
		tdict_setf(e, "message", "and %zu more: see the table of errors",
		    res->n_err - SUMMARY_ERRORS);
	}
	if (res->truncated)
		tdict_set(c->page, "truncated", "1");
	tdict_set(c->page, "has_import_errors", "1");
	return (import_form(c, status));
}

/* The rows of a good file shown before the import: no names. */
static void
preview_put(struct ctx *c, const struct imp_result *res, const char *id)
{
	struct tdict	*o;
	size_t		 i;

	tdict_setf(c->page, "rows_found", "%zu", res->n);
	tdict_set(c->page, "upload_id", id);
	for (i = 0; i < res->n && i < PREVIEW_ROWS; i++) {
		const struct imp_row	*r = &res->row[i];

		o = tdict_push(c->page, "preview");
		tdict_setf(o, "line", "%zu", r->line);
		tdict_set(o, "reference", r->reference);
		tdict_set(o, "received", r->request_received);
		tdict_set(o, "decision", r->decision_to_assess == 1 ? "Yes" :
		    r->decision_to_assess == 2 ? "No" : "Not yet");
		tdict_set(o, "final", r->final_issued[0] ? r->final_issued :
		    "Not issued");
	}
	if (res->n > PREVIEW_ROWS)
		tdict_setf(c->page, "preview_more", "%zu", res->n - PREVIEW_ROWS);
}

/* POST /admin/import (multipart: csrf, file): checks and previews. */
int
do_admin_import(struct ctx *c)
{
	const struct mp_part	*file;
	struct import_job	 job;
	struct imp_result	 res;
	PGresult		*q;
	char			 council[24], acc[24], today[DATE_LEN], n[24];
	char			*text;
	int			 rc;

	file = file_part(c->mp);
	if (file == NULL || file->filename == NULL || file->len == 0) {
		page_error_add(c, "file", "Select a CSV file to import");
		return (import_form(c, 400));
	}
	if (file->len > BODY_IMPORT_FILE_MAX) {
		page_error_add(c, "file", "The selected file must be smaller "
		    "than 5 MB");
		return (import_form(c, 400));
	}
	council_id(c, council);
	config_today(today);
	memset(&job, 0, sizeof(job));
	job.council = council;
	job.today = today;
	job.dry_run = 1;
	rc = import_cases(&job, (const char *)file->data, file->len, &res);
	if (rc == -1) {
		imp_free(&res);
		return (page_error(c, 503));
	}
	if (rc == 1) {
		audit(c, "import_cases_refused", "organisation", c->sess.org_id,
		    NULL);
		rc = import_refused(c, &res, 400);
		imp_free(&res);
		return (rc);
	}
	/* A good file is UTF-8 text without NUL (csvread.c refuses both). */
	if ((text = malloc(file->len + 1)) == NULL) {
		imp_free(&res);
		return (page_error(c, 503));
	}
	memcpy(text, file->data, file->len);
	text[file->len] = '\0';
	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	(void)snprintf(n, sizeof(n), "%zu", res.n);
	q = db_qd(&import_stmts[IS_UPLOAD_SAVE], council, acc, text, n);
	free(text);
	if (q == NULL || db_rows(q) != 1) {
		PQclear(q);
		imp_free(&res);
		return (page_error(c, 503));
	}
	preview_put(c, &res, db_val(q, 0, 0));
	PQclear(q);
	imp_free(&res);
	return (import_form(c, 200));
}

/* POST /admin/import/{id}/confirm: the previewed file, all or nothing. */
int
do_admin_import_confirm(struct ctx *c)
{
	struct import_job	 job;
	struct imp_result	 res;
	PGresult		*q;
	char			 council[24], acc[24], today[DATE_LEN], dest[64];
	int			 rc;

	council_id(c, council);
	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	if ((q = db_qd(&import_stmts[IS_UPLOAD_GET], c->id_text[0], council,
	    acc)) == NULL)
		return (page_error(c, 503));
	if (db_rows(q) != 1) {
		PQclear(q);
		return (page_error(c, 404));
	}
	config_today(today);
	memset(&job, 0, sizeof(job));
	job.council = council;
	job.recorded_by = acc;
	job.today = today;
	job.audit_by = acc;
	job.ip = c->ip;
	job.door = "admin page";
	rc = import_cases(&job, db_val(q, 0, 0), strlen(db_val(q, 0, 0)), &res);
	PQclear(q);
	if (rc == -1) {
		imp_free(&res);
		return (page_error(c, 503));
	}
	PQclear(db_qd(&import_stmts[IS_UPLOAD_DELETE], c->id_text[0]));
	if (rc == 1) {
		/* Changed since the preview (e.g. a reference recorded). */
		rc = import_refused(c, &res, 400);
		imp_free(&res);
		return (rc);
	}
	(void)snprintf(dest, sizeof(dest), "/admin/import?imported=%zu", res.n);
	imp_free(&res);
	return (http_see_other(c, dest));
}

/* GET /admin/sen2?year=YYYY: the council's SEN2 extract as CSV. */
int
page_admin_sen2(struct ctx *c)
{
	struct sbuf	 b;
	char		 council[24], year[8], today[DATE_LEN], hdr[96];
	char		 detail[64];
	long		 n;
	int		 y;

	config_today(today);
	if (query_get(c, "year", year, sizeof(year)) == NULL ||
	    strlen(year) != 4 || strspn(year, "0123456789") != 4 ||
	    (y = atoi(year)) < 2014 || y > atoi(today)) {
		page_error_add(c, "year", "Select the year of the extract");
		return (import_form(c, 400));
	}
	council_id(c, council);
	sbuf_init(&b);
	if ((n = sen2_extract(council, c->sess.org_name, y, 0, &b)) == -1 ||
	    b.oom) {
		sbuf_free(&b);
		return (page_error(c, 503));
	}
	(void)snprintf(detail, sizeof(detail), "SEN2 %d: %ld people (csv)", y, n);
	audit(c, "download_sen2", "organisation", c->sess.org_id, detail);
	(void)snprintf(hdr, sizeof(hdr), "attachment; filename=\"SEN2-%d.csv\"",
	    y);
	http_open(c, "text/csv; charset=utf-8");
	http_response_header(c->req, "content-disposition", hdr);
	http_response(c->req, 200, b.data, b.len);
	sbuf_free(&b);
	return (KORE_RESULT_OK);
}
