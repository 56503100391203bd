/*
 * advice_docx — the advice form as a Word document, and a completed one
 * uploaded back (issue 12).  Only the request's author, while the advice
 * is open, downloads or uploads it (anyone else: 404, as the form).
 *
 * An upload is checked as every upload is (type from the content, the
 * zip checks: macros, DDE and outside fields, external links; clamd),
 * then read (docx_read.c) and checked as a draft is (tpl_check_value,
 * tpl_check_cell).  Any refusal answers 422 on the Word form's page
 * (GET /requests/{id}/form, on its own so that an upload never reloads a
 * form with unsaved answers) with the reason, the draft unchanged; otherwise the answers are saved into
 * the draft (never submitted) and the page says how many were filled and
 * which fields are still empty.  Both are audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "advice.h"
#include "config.h"
#include "db.h"
#include "docx.h"
#include "template.h"
#include "tmpl.h"
#include "upload.h"
#include "columns.h"
#include "views.h"

#define FORMDOC	"formdoc"	/* the file input's id and name */

static int	load(struct ctx *, PGresult **, const struct tpl **);
static int	draft_values(const char *, struct avals *);
static int	refuse(struct ctx *, const char *);
static int	word_render(struct ctx *, int);
static const struct mp_part *file_part(const struct ctx *);

/* The request of an author while open, and its template: 1, or the
 * status to answer. */
static int
load(struct ctx *c, PGresult **rq, const struct tpl **t)
{
	int	rc;

	*rq = NULL;
	if ((rc = request_load(c, c->id_text[0], rq)) != 1 ||
	    !advice_is_author(c, *rq) ||
	    !advice_editable(db_val(*rq, 0, RQ_STATUS))) {
		PQclear(*rq);
		*rq = NULL;
		return (rc == -1 ? 503 : 404);
	}
	*t = tpl_find(&advice_templates, db_val(*rq, 0, RQ_TPL),
	    atoi(db_val(*rq, 0, RQ_TPL_VERSION)));
	if (*t == NULL) {
		PQclear(*rq);
		*rq = NULL;
		return (500);
	}
	return (1);
}

/* The latest version's values (the draft being written), if any. */
static int
draft_values(const char *request_id, struct avals *v)
{
	PGresult	*ad;
	int		 rc = 0;

	if ((ad = db_q(ST_ADVICE_LATEST, request_id)) == NULL)
		return (-1);
	if (db_rows(ad) == 1)
		rc = advice_values_load(db_val(ad, 0, AD_ID), v);
	PQclear(ad);
	return (rc);
}

/* GET /requests/{id}/form.docx: the form, with the saved draft. */
int
page_advice_form_docx(struct ctx *c)
{
	PGresult		*rq;
	const struct tpl	*t;
	struct docx_form_meta	 m;
	struct avals		 v;
	unsigned char		*out = NULL;
	size_t			 len = 0;
	char			 hdr[160];
	int			 rc;

	if ((rc = load(c, &rq, &t)) != 1)
		return (page_error(c, rc));
	avals_init(&v);
	memset(&m, 0, sizeof(m));
	m.reference = db_val(rq, 0, RQ_REFERENCE);
	if (draft_values(c->id_text[0], &v) == -1 ||
	    docx_form_mem(t, &v, &m, &out, &len) == -1) {
		avals_free(&v);
		PQclear(rq);
		return (page_error(c, 503));
	}
	avals_free(&v);
	/* The reference is the council's pattern (letters, digits, '-'),
	 * the template id the portal's own: nothing typed by a user. */
	(void)snprintf(hdr, sizeof(hdr),
	    "attachment; filename=\"%s-%s-form.docx\"", t->id, m.reference);
	audit(c, "download_advice_form", "advice_request", c->id[0], NULL);
	PQclear(rq);
	http_open(c, "application/vnd.openxmlformats-officedocument."
	    "wordprocessingml.document");
	http_response_header(c->req, "content-disposition", hdr);
	http_response(c->req, 200, out, len);
	free(out);
	return (KORE_RESULT_OK);
}

/* GET /requests/{id}/form: download, fill in, upload (advice-word). */
int
page_advice_word(struct ctx *c)
{
	return (word_render(c, 200));
}

/* The Word form's page with status (an upload's refusal: 422). */
static int
word_render(struct ctx *c, int status)
{
	PGresult		*rq;
	const struct tpl	*t;
	int			 rc;

	if ((rc = load(c, &rq, &t)) != 1)
		return (page_error(c, rc));
	audit(c, "view_request", "advice_request", c->id[0], NULL);
	tdict_set(c->page, "request_id", db_val(rq, 0, RQ_ID));
	tdict_set(c->page, "reference", db_val(rq, 0, RQ_REFERENCE));
	tdict_setf(c->page, "child", "%s %s", db_val(rq, 0, RQ_GIVEN),
	    db_val(rq, 0, RQ_FAMILY));
	tdict_set(c->page, "template_title", t->title);
	tdict_setf(c->page, "upload_max_mb", "%d", cfg.upload_max_mb);
	PQclear(rq);
	return (page_render(c, status, "advice-word", "Fill in the form in Word"));
}

/* The Word form's page, 422, with the reason by the upload; nothing saved. */
static int
refuse(struct ctx *c, const char *why)
{
	page_error_add(c, FORMDOC, why);
	return (word_render(c, 422));
}

static const struct mp_part *
file_part(const struct ctx *c)
{
	size_t	i;

	for (i = 0; c->mp != NULL && i < c->mp->nparts; i++)
		if (strcmp(c->mp->parts[i].name, FORMDOC) == 0 &&
		    c->mp->parts[i].filename != NULL)
			return (&c->mp->parts[i]);
	return (NULL);
}

/* POST /requests/{id}/form.docx (multipart: csrf, formdoc). */
int
do_advice_form_upload(struct ctx *c)
{
	PGresult		*rq;
	const struct tpl	*t;
	const struct mp_part	*file;
	struct docx_form_result	 res;
	struct avals		 doc, draft, merged;
	struct errs		 e;
	char			 why[256], dest[80];
	size_t			 i;
	int			 rc;

	if ((rc = load(c, &rq, &t)) != 1)
		return (page_error(c, rc));
	PQclear(rq);
	file = file_part(c);
	if (ctx_body_refused(c) == BODY_REFUSED_BUSY)
		return (refuse(c, "The file could not be received because the "
		    "portal is busy. Try again in a minute"));
	if (ctx_body_refused(c) != 0 || (file != NULL &&
	    file->len > (size_t)cfg.upload_max_mb * 1024 * 1024)) {
		(void)snprintf(why, sizeof(why), "The selected file must be "
		    "smaller than %d MB", cfg.upload_max_mb);
		return (refuse(c, why));
	}
	if (file == NULL || file->len == 0)
		return (refuse(c, "Select your completed form to upload"));
	if (filetype_detect(file->data, file->len) != FT_DOCX)
		return (refuse(c, "The selected file must be a Word document "
		    "(.docx)"));
	why[0] = '\0';
	if (zipcheck(NULL, file->data, file->len, FT_DOCX, why,
	    sizeof(why)) == -1)
		return (refuse(c, why[0] ? why : "The selected file cannot be "
		    "accepted"));
	if (clamd_scan(file->data, file->len, why, sizeof(why)) == -1)
		return (refuse(c, why));
	avals_init(&doc);
	if (docx_form_read(file->data, file->len, t, &doc, &res, why,
	    sizeof(why)) == -1) {
		avals_free(&doc);
		return (refuse(c, why));
	}
	e.n = 0;
	if (docx_form_check(t, &doc, &e, FORMDOC) > 0) {
		avals_free(&doc);
		for (i = 0; i < e.n; i++)
			page_error_add(c, FORMDOC, e.e[i].message);
		return (word_render(c, 422));
	}
	avals_init(&draft);
	avals_init(&merged);
	rc = draft_values(c->id_text[0], &draft) == -1 ||
	    docx_form_merge(t, &draft, &doc, &merged) == -1;
	avals_free(&draft);
	avals_free(&doc);
	if (!rc) {
		/* The request again: advice_store() reads its row, and it may
		 * have been submitted in another tab meanwhile. */
		if ((rc = load(c, &rq, &t)) != 1) {
			avals_free(&merged);
			return (page_error(c, rc));
		}
		rc = advice_store(c, rq, t, &merged, 0) == -1;
		PQclear(rq);
	}
	avals_free(&merged);
	if (rc)
		return (refuse(c, "Your answers could not be saved. Nothing has "
		    "changed: try again in a few minutes"));
	audit(c, "import_advice_form", "advice_request", c->id[0], NULL);
	(void)snprintf(dest, sizeof(dest), "/requests/%s?imported=%zu",
	    c->id_text[0], res.filled);
	return (http_see_other(c, dest));
}

/*
 * After an upload (?imported=N, N of at most 4 digits): the banner, and
 * the fields of the saved draft that are still empty.  Nothing for any
 * other query; the number is ours, sent back in our own redirect.
 */
void
advice_import_put(struct ctx *c)
{
	const char		*q = c->req->query_string;
	const struct tpl	*t;
	const struct tpl_field	*f;
	PGresult		*rq;
	struct avals		 v;
	struct tdict		*d;
	size_t			 i, n;
	long			 filled;

	if (c->req->method != HTTP_METHOD_GET || q == NULL ||
	    strncmp(q, "imported=", 9) != 0)
		return;
	n = strspn(q + 9, "0123456789");
	if (n == 0 || n > 4 || q[9 + n] != '\0')
		return;
	filled = strtol(q + 9, NULL, 10);
	if (load(c, &rq, &t) != 1)
		return;
	tdict_setf(c->page, "success", filled == 1 ? "%ld answer filled from "
	    "your document \xe2\x80\x94 check them and submit" : "%ld answers "
	    "filled from your document \xe2\x80\x94 check them and submit",
	    filled);
	avals_init(&v);
	if (draft_values(c->id_text[0], &v) == 0)
		for (i = 0; i < t->nfields; i++) {
			f = &t->fields[i];
			if ((f->type == TPL_ROWS && avals_rows(&v, f->id) > 0) ||
			    (f->type != TPL_ROWS && avals_get(&v, f->id, -1, "")))
				continue;
			d = tdict_push(c->page, "import_empty");
			tdict_set(d, "label", f->label);
			tdict_set(c->page, "has_import_empty", "1");
		}
	avals_free(&v);
	PQclear(rq);
}
