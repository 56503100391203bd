/*
 * exception — exceptions to the time limits (reg 8(2) for advice, reg
 * 10(4) for the 6/16/20-week limits). A caseworker or manager records the
 * kind, the period, the reason; who and when are recorded with it. An
 * exception is shown on the assessment's timeline and reported apart: it
 * never changes a due date, and a waiting list is never one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "advice.h"
#include "chase_sql.h"
#include "checks.h"
#include "datefmt.h"
#include "db.h"
#include "esc.h"
#include "form.h"
#include "tmpl.h"
#include "validate.h"
#include "vocab.h"

/* The kinds the regulations allow, what users read, where from, and the
 * shortest period each covers: vocab_exceptions (vocab.h). */

static int	assessment_for(struct ctx *, PGresult **);
static int	render_new(struct ctx *, int);
static void	read_exception(struct ctx *, struct verrs *, char *, char *);

/* The assessment of the path, if this caseworker or manager may see it:
 * 1, 0 (404), -1 (503). Puts its reference and id on the page. */
static int
assessment_for(struct ctx *c, PGresult **out)
{
	char	acc[24], org[24];

	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	if ((*out = db_q(ST_ASSESSMENT_GET, c->id_text[0], acc, org,
	    role_name(c->sess.role))) == NULL)
		return (-1);
	if (db_rows(*out) != 1) {
		PQclear(*out);
		*out = NULL;
		return (0);
	}
	tdict_set(c->page, "assessment_id", db_val(*out, 0, 0));
	tdict_set(c->page, "reference", db_val(*out, 0, 1));
	return (1);
}

static int
render_new(struct ctx *c, int status)
{
	PGresult	*res;
	struct tdict	*o;
	const char	*chosen;
	size_t		 i;
	int		 r;

	chosen = c->form != NULL ? form_get(c->form, "kind") : NULL;
	for (i = 0; vocab_exceptions[i].id != NULL; i++) {
		o = tdict_push(c->page, "kinds");
		tdict_set(o, "value", vocab_exceptions[i].id);
		tdict_setf(o, "text", "%s", vocab_exceptions[i].label);
		tdict_set(o, "source", vocab_exceptions[i].source);
		tdict_set(o, "id", i == 0 ? "kind" : vocab_exceptions[i].id);
		if (chosen != NULL && strcmp(chosen, vocab_exceptions[i].id) == 0)
			tdict_set(o, "checked", "1");
	}
	chosen = c->form != NULL ? form_get(c->form, "request") : NULL;
	if ((res = db_q(ST_ASSESSMENT_REQUESTS, c->id_text[0])) == NULL)
		return (page_error(c, 503));
	for (r = 0; r < db_rows(res); r++) {
		o = tdict_push(c->page, "requests");
		tdict_set(o, "value", db_val(res, r, 0));
		tdict_setf(o, "text", "%s from %s", advice_kind_label(
		    db_val(res, r, 1)), db_val(res, r, 3));
		if (chosen != NULL && strcmp(chosen, db_val(res, r, 0)) == 0)
			tdict_set(o, "selected", "1");
	}
	PQclear(res);
	page_keep_form(c);
	return (page_render(c, status, "exception-new", "Record an exception"));
}

/* GET /assessments/{id}/exceptions/new */
int
page_exception_new(struct ctx *c)
{
	PGresult	*res;
	int		 rc;

	if ((rc = assessment_for(c, &res)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	PQclear(res);
	return (render_new(c, 200));
}

/* Checks the form (validate.h); the period's dates into starts and ends
 * ("" when not a real date). */
static void
read_exception(struct ctx *c, struct verrs *e, char *starts, char *ends)
{
	if (date_from_parts(form_get(c->form, "starts-day"),
	    form_get(c->form, "starts-month"), form_get(c->form, "starts-year"),
	    starts) == -1)
		starts[0] = '\0';
	if (date_from_parts(form_get(c->form, "ends-day"), form_get(c->form,
	    "ends-month"), form_get(c->form, "ends-year"), ends) == -1)
		ends[0] = '\0';
	(void)val_exception(form_get(c->form, "kind"), starts, ends,
	    form_get(c->form, "reason"), e);
}

/* POST /assessments/{id}/exceptions */
int
do_exception_create(struct ctx *c)
{
	PGresult	*res;
	struct verrs	 e;
	const char	*request;
	char		 starts[11], ends[11], acc[24], org[24], dest[64];
	int		 rc;

	if ((rc = assessment_for(c, &res)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	PQclear(res);
	verrs_init(&e);
	read_exception(c, &e, starts, ends);
	if (e.n > 0) {
		page_verrs(c, &e);
		return (render_new(c, 400));
	}
	request = form_get(c->form, "request");
	if (blank(request))
		request = NULL;
	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	res = db_qd(&chase_stmts[CS_EXCEPTION_CREATE], c->id_text[0], request,
	    form_get(c->form, "kind"), starts, ends, form_get(c->form, "reason"),
	    acc, org, role_name(c->sess.role));
	if (res == NULL || db_rows(res) != 1) {
		PQclear(res);
		if (res == NULL && db_unavailable())
			return (page_error(c, 503));
		verrs_add(&e, VF_EXC_REQUEST, "Select an advice request of this "
		    "assessment, or the whole assessment");
		page_verrs(c, &e);
		return (render_new(c, 400));
	}
	audit(c, "record_exception", "assessment", c->id[0], db_val(res, 0, 0));
	PQclear(res);
	(void)snprintf(dest, sizeof(dest), "/assessments/%s#exceptions",
	    c->id_text[0]);
	return (http_see_other(c, dest));
}
