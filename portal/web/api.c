/*
 * api — JSON for the council's case-management system. Each council has
 * its own key (Authorization: Bearer …), stored only as its SHA-256.
 * A record of another council answers 404 exactly like a missing one.
 * Input is checked against a table per endpoint: an unknown field, a
 * wrong type or an impossible date is a 400 naming the field, and
 * nothing is written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "advice.h"
#include "api.h"
#include "checks.h"
#include "clock.h"
#include "config.h"
#include "consult_sql.h"
#include "db.h"
#include "esc.h"
#include "json.h"
#include "sbuf.h"
#include "template.h"
#include "token.h"
#include "upload.h"
#include "validate.h"
#include "vocab.h"
#include "views.h"
#include "comments.h"
#include "comments_sql.h"
#include "comments_view.h"

static const struct jfield assessment_fields[] = {
	{ "child", J_OBJECT, 1, 0 },
	{ "child.given_name", J_STRING, 1, 0 },
	{ "child.family_name", J_STRING, 1, 0 },
	{ "child.date_of_birth", J_STRING, 1, 1 },
	{ "child.year_group", J_STRING, 0, 0 },
	{ "child.current_setting", J_STRING, 0, 0 },
	{ "child.nhs_number", J_STRING, 0, 0 },
	{ "child.upn", J_STRING, 0, 0 },
	{ "request_received", J_STRING, 1, 1 },
	{ "caseworker_email", J_STRING, 1, 0 },
	{ "parent", J_OBJECT, 0, 0 },
	{ "parent.name", J_STRING, 1, 0 },
	{ "parent.email", J_STRING, 1, 0 },
	{ "parent.relationship", J_STRING, 0, 0 },
	{ "allow_duplicate", J_BOOL, 0, 0 },
	{ NULL, J_NULL, 0, 0 },
};

static const struct jfield request_fields[] = {
	{ "type", J_STRING, 1, 0 },
	{ "organisation", J_STRING, 1, 0 },
	{ "professional_email", J_STRING, 0, 0 },
	{ "requested_on", J_STRING, 1, 1 },
	{ "question", J_STRING, 0, 0 },
	{ "profession", J_STRING, 0, 0 },
	{ NULL, J_NULL, 0, 0 },
};


/* POST /api/v1/assessments: the rules of the form (validate.h), then
 * the caseworker, then a second open assessment of the same child
 * (refused unless allow_duplicate is true). */
int
api_assessment_create(struct ctx *c)
{
	struct json		*root;
	struct statutory	 st;
	struct sbuf		 b;
	struct verrs		 e;
	struct val_assessment	 v;
	PGresult		*cw, *res = NULL, *con = NULL, *dup;
	const struct json	*allow;
	char			 id[24], today[11];
	int			 answered;

	if ((root = api_body(c, assessment_fields, &answered)) == NULL)
		return (KORE_RESULT_OK);
	config_today(today);
	verrs_init(&e);
	memset(&v, 0, sizeof(v));
	v.given = api_jstr(root, "child.given_name");
	v.family = api_jstr(root, "child.family_name");
	v.dob = api_jstr(root, "child.date_of_birth");
	v.year_group = api_jstr(root, "child.year_group");
	v.setting = api_jstr(root, "child.current_setting");
	v.nhs_number = api_jstr(root, "child.nhs_number");
	v.upn = api_jstr(root, "child.upn");
	v.received = api_jstr(root, "request_received");
	v.today = today;
	(void)val_assessment(&v, &e);
	if (api_jpath(root, "parent") != NULL)
		(void)val_contact(api_jstr(root, "parent.name"),
		    api_jstr(root, "parent.email"), api_jstr(root, "parent.relationship"), &e);
	if (e.n > 0) {
		json_free(root);
		return (api_verrs(c, &e));
	}
	if ((cw = db_q(ST_API_CASEWORKER, api_jstr(root, "caseworker_email"),
	    c->api_council)) == NULL || db_rows(cw) != 1) {
		PQclear(cw);
		json_free(root);
		return (api_error(c, 400, "no caseworker with this email in your council",
		    "caseworker_email"));
	}
	if ((dup = db_q(ST_ASSESSMENT_DUPLICATE, c->api_council, v.nhs, v.given,
	    v.family, v.dob)) == NULL)
		goto unavailable;
	allow = api_jpath(root, "allow_duplicate");
	if (db_rows(dup) == 1 && val_duplicate(db_val(dup, 0, 1),
	    allow != NULL && json_bool(allow), &e) > 0) {
		api_audit(c, "api_duplicate_refused", "assessment",
		    strtoll(db_val(dup, 0, 0), NULL, 10));
		sbuf_init(&b);
		sbuf_puts(&b, "{");
		api_kv(&b, "error", e.e[0].message, 1);
		api_kv(&b, "field", vfield_api(e.e[0].field), 1);
		sbuf_printf(&b, "\"existing\":{\"id\":%s,", db_val(dup, 0, 0));
		api_kv(&b, "reference", db_val(dup, 0, 1), 0);
		sbuf_puts(&b, "}}\n");
		PQclear(dup);
		PQclear(cw);
		json_free(root);
		return (api_reply(c, 400, &b));
	}
	PQclear(dup);
	if (db_begin() == -1)
		goto unavailable;
	res = db_q(ST_ASSESSMENT_CREATE, c->api_council, api_jstr(root, "child.given_name"),
	    api_jstr(root, "child.family_name"), api_jstr(root, "child.date_of_birth"),
	    api_jstr_or(root, "child.year_group"),
	    api_jstr_or(root, "child.current_setting"), v.nhs, v.upn_norm,
	    api_jstr(root, "request_received"), db_val(cw, 0, 0));
	if (res == NULL || db_rows(res) != 1)
		goto unavailable;
	(void)kore_strlcpy(id, db_val(res, 0, 0), sizeof(id));
	if (api_jpath(root, "parent") != NULL && invitation_for_contact(c->api_council,
	    id, db_val(res, 0, 1), api_jstr(root, "parent.name"),
	    api_jstr(root, "parent.email")) == -1)
		goto unavailable;
	if (api_jpath(root, "parent") != NULL && ((con = db_q(ST_CONTACT_CREATE, id,
	    api_jstr(root, "parent.name"), api_jstr(root, "parent.email"),
	    api_jstr_or(root, "parent.relationship"))) == NULL))
		goto unavailable;
	if (db_commit() == -1)
		goto unavailable;
	(void)statutory_dates(api_jstr(root, "request_received"), &st);
	sbuf_init(&b);
	sbuf_printf(&b, "{\"id\":%s,", id);
	api_kv(&b, "reference", db_val(res, 0, 1), 1);
	api_kv(&b, "request_received", api_jstr(root, "request_received"), 1);
	api_kv(&b, "decision_due", st.decision_due, 1);
	api_kv(&b, "advice_due", st.advice_due, 1);
	api_kv(&b, "no_plan_decision_due", st.no_plan_due, 1);
	api_kv(&b, "final_due", st.final_due, 0);
	sbuf_puts(&b, "}\n");
	api_audit(c, "api_create_assessment", "assessment", strtoll(id, NULL, 10));
	PQclear(cw);
	PQclear(res);
	PQclear(con);
	json_free(root);
	return (api_reply(c, 201, &b));
unavailable:
	db_rollback();
	PQclear(cw);
	PQclear(res);
	PQclear(con);
	json_free(root);
	return (api_error(c, 503, "the service is unavailable", NULL));
}

/* 1 if org has an active service lead to see and allocate requests. */
static int
api_org_receives(const char *org)
{
	PGresult	*res;
	int		 n;

	if ((res = db_q(ST_ORG_RECEIVERS, org)) == NULL)
		return (1);	/* the insert answers 503 */
	n = db_rows(res) == 1 ? atoi(db_val(res, 0, 0)) : 0;
	PQclear(res);
	return (n > 0);
}

/* POST /api/v1/assessments/{id}/advice-requests: the rules of the form
 * (validate.h), then the professional named. */
int
api_request_create(struct ctx *c)
{
	struct json		*root;
	struct sbuf		 b;
	struct verrs		 e;
	struct val_request	 v;
	const struct tpl	*t;
	PGresult		*a, *org = NULL, *prof = NULL, *res = NULL;
	const char		*type, *s, *professional = NULL;
	char			 ver[12], orgid[24], today[11];
	int			 answered;

	if ((a = db_q(ST_API_ASSESSMENT, c->id_text[0], c->api_council)) == NULL)
		return (api_error(c, 503, "the service is unavailable", NULL));
	if (db_rows(a) != 1) {
		PQclear(a);
		return (api_error(c, 404, "no such assessment", NULL));
	}
	if ((root = api_body(c, request_fields, &answered)) == NULL) {
		PQclear(a);
		return (KORE_RESULT_OK);
	}
	type = api_jstr(root, "type");
	if (strcmp(type, "parent") == 0 ||
	    (t = tpl_for_kind(&advice_templates, type)) == NULL) {
		/* A parent's views are asked for in the portal, where the
		 * caseworker sees whether the parent has an account. */
		(void)api_error(c, 400, "must be one of educational, medical, "
		    "psychological, social_care, other, preparing_for_adulthood", "type");
		goto done;
	}
	if ((org = db_q(ST_REQUEST_TARGET, c->id_text[0], api_jstr(root,
	    "organisation"), c->api_council, type)) == NULL) {
		(void)api_error(c, 503, "the service is unavailable", NULL);
		goto done;
	}
	config_today(today);
	verrs_init(&e);
	memset(&v, 0, sizeof(v));
	v.kind = type;
	if (db_rows(org) == 1) {
		v.org_name = db_val(org, 0, 1);
		v.org_kinds = db_val(org, 0, 2);
		v.open_same = db_val(org, 0, 3)[0] == 't';
	}
	v.profession = api_jstr(root, "profession");
	v.question = api_jstr(root, "question");
	v.requested = api_jstr(root, "requested_on");
	v.received = db_val(a, 0, 7);
	v.year_group = db_val(a, 0, 5);
	v.dob = db_val(a, 0, 4);
	v.today = today;
	if (val_request(&v, &e) > 0) {
		(void)api_verrs(c, &e);
		goto done;
	}
	(void)kore_strlcpy(orgid, db_val(org, 0, 0), sizeof(orgid));
	if ((s = api_jstr(root, "professional_email")) != NULL) {
		if ((prof = db_q(ST_API_PROFESSIONAL, s, orgid)) == NULL ||
		    db_rows(prof) != 1) {
			(void)api_error(c, 400, "no professional with this email "
			    "in that organisation", "professional_email");
			goto done;
		}
		professional = db_val(prof, 0, 0);
	} else if (!api_org_receives(orgid)) {
		/* Nobody would see it: refused, never accepted into a void. */
		(void)api_error(c, 400, "nobody at this organisation can receive "
		    "requests yet: name a professional_email there",
		    "organisation");
		goto done;
	}
	(void)snprintf(ver, sizeof(ver), "%d", t->version);
	res = db_q(ST_REQUEST_CREATE, c->id_text[0], type,
	    api_jstr_or(root, "profession"), orgid, professional, t->id,
	    ver, api_jstr_or(root, "question"), api_jstr(root, "requested_on"),
	    "f", db_val(a, 0, 9));
	if (res == NULL || db_rows(res) != 1) {
		(void)api_error(c, 503, "the service is unavailable", NULL);
		goto done;
	}
	sbuf_init(&b);
	sbuf_printf(&b, "{\"id\":%s,", db_val(res, 0, 0));
	api_kv(&b, "due_on", db_val(res, 0, 1), 1);
	api_kv(&b, "status", professional ? "allocated" : "requested", 0);
	sbuf_puts(&b, "}\n");
	api_audit(c, "api_request_advice", "advice_request",
	    strtoll(db_val(res, 0, 0), NULL, 10));
	(void)api_reply(c, 201, &b);
done:
	PQclear(a);
	PQclear(org);
	PQclear(prof);
	PQclear(res);
	json_free(root);
	return (KORE_RESULT_OK);
}

static void
request_json(struct sbuf *b, PGresult *r, int row)
{
	sbuf_printf(b, "{\"id\":%s,", db_val(r, row, 0));
	api_kv(b, "type", db_val(r, row, 2), 1);
	api_kv(b, "status", db_val(r, row, 3), 1);
	api_kv(b, "requested_on", db_val(r, row, 4), 1);
	api_kv(b, "due_on", db_val(r, row, 5), 1);
	api_kv(b, "organisation", db_val(r, row, 6), 1);
	api_kv(b, "professional_email", db_val(r, row, 7), 0);
}

/* The submitted advice, by template field with the plan sections it feeds. */
static void
content_json(struct sbuf *b, const struct tpl *t, const struct avals *v)
{
	const struct tpl_field	*f;
	const char		*val;
	size_t			 i, k;
	int			 r, first = 1;

	sbuf_puts(b, "[");
	for (i = 0; i < t->nfields; i++) {
		f = &t->fields[i];
		if (f->type != TPL_ROWS && avals_get(v, f->id, -1, "") == NULL)
			continue;
		if (f->type == TPL_ROWS && avals_rows(v, f->id) == 0)
			continue;
		sbuf_puts(b, first ? "{" : ",{");
		first = 0;
		api_kv(b, "field", f->id, 1);
		api_kv(b, "label", f->label, 1);
		api_kv(b, "area", f->area, 1);
		sbuf_puts(b, "\"plan_sections\":[");
		for (k = 0; k < f->nfeeds; k++)
			sbuf_printf(b, "%s\"%s\"", k ? "," : "", f->feeds[k]);
		sbuf_puts(b, "],");
		if (f->type != TPL_ROWS) {
			api_kv(b, "value", avals_get(v, f->id, -1, ""), 0);
			sbuf_puts(b, "}");
			continue;
		}
		sbuf_puts(b, "\"rows\":[");
		for (r = 0; r < avals_rows(v, f->id); r++) {
			sbuf_puts(b, r ? ",{" : "{");
			for (k = 0; k < f->ncolumns; k++) {
				val = avals_get(v, f->id, r, f->columns[k].id);
				api_kv(b, f->columns[k].id, val ? val : "",
				    k + 1 < f->ncolumns);
			}
			sbuf_puts(b, "}");
		}
		sbuf_puts(b, "]}");
	}
	sbuf_puts(b, "]");
}

/* Adds "advice" (latest submitted or accepted version) and "attachments". */
static int
advice_json(struct sbuf *b, const char *request_id)
{
	PGresult		*ad, *vals, *docs;
	const struct tpl	*t;
	struct avals		 v;
	char			 name[256];
	char			 shown[24] = "";	/* the version given */
	int			 i;

	if ((ad = db_q(ST_ADVICE_LATEST, request_id)) == NULL)
		return (-1);
	if (db_rows(ad) == 1 && strcmp(db_val(ad, 0, 2), "draft") != 0 &&
	    (t = tpl_find(&advice_templates, db_val(ad, 0, 3),
	    atoi(db_val(ad, 0, 4)))) != NULL &&
	    (vals = db_q(ST_VALUES_GET, db_val(ad, 0, 0))) != NULL) {
		avals_init(&v);
		for (i = 0; i < db_rows(vals); i++)
			(void)avals_add(&v, db_val(vals, i, 0), atoi(db_val(vals, i, 1)),
			    db_val(vals, i, 2), db_val(vals, i, 3));
		PQclear(vals);
		(void)kore_strlcpy(shown, db_val(ad, 0, 0), sizeof(shown));
		sbuf_printf(b, ",\"advice\":{\"version\":%s,", db_val(ad, 0, 1));
		api_kv(b, "status", db_val(ad, 0, 2), 1);
		api_kv(b, "template", t->id, 1);
		sbuf_printf(b, "\"template_version\":%d,", t->version);
		api_kv(b, "submitted_on", db_val(ad, 0, 12), 1);	/* YYYY-MM-DD */
		api_kv(b, "submitted_at", db_val(ad, 0, 13), 1);	/* ISO 8601, UTC */
		sbuf_puts(b, "\"content\":");
		content_json(b, t, &v);
		sbuf_puts(b, "}");
		avals_free(&v);
	}
	PQclear(ad);
	/* The attachments of the version given, never a draft's. */
	docs = NULL;
	if (shown[0] != '\0' && (docs = documents_of_advice(shown)) == NULL)
		return (-1);
	sbuf_puts(b, ",\"attachments\":[");
	for (i = 0; i < db_rows(docs); i++) {
		sbuf_printf(b, "%s{\"id\":%s,", i ? "," : "", db_val(docs, i, 0));
		/* As the pages show it: see docname(). */
		(void)docname(db_val(docs, i, 1), filetype_from_media(db_val(docs, i, 2)),
		    name, sizeof(name));
		api_kv(b, "filename", name, 1);
		api_kv(b, "media_type", db_val(docs, i, 2), 1);
		sbuf_printf(b, "\"size\":%s}", db_val(docs, i, 3));
	}
	sbuf_puts(b, "]");
	PQclear(docs);
	return (0);
}

/* GET /api/v1/advice-requests/{id} */
int
api_request_get(struct ctx *c)
{
	PGresult	*r;
	struct sbuf	 b;

	if ((r = db_q(ST_API_REQUEST, c->id_text[0], c->api_council)) == NULL)
		return (api_error(c, 503, "the service is unavailable", NULL));
	if (db_rows(r) != 1) {
		PQclear(r);
		return (api_error(c, 404, "no such advice request", NULL));
	}
	sbuf_init(&b);
	request_json(&b, r, 0);
	sbuf_printf(&b, ",\"assessment_id\":%s", db_val(r, 0, 1));
	PQclear(r);
	if (advice_json(&b, c->id_text[0]) == -1) {
		sbuf_free(&b);
		return (api_error(c, 503, "the service is unavailable", NULL));
	}
	sbuf_puts(&b, "}\n");
	api_audit(c, "api_view_request", "advice_request", c->id[0]);
	return (api_reply(c, 200, &b));
}

/* GET /api/v1/assessments/{id} */
int
api_assessment_get(struct ctx *c)
{
	PGresult		*a, *r;
	struct statutory	 st;
	struct sbuf		 b;
	int			 i;

	if ((a = db_q(ST_API_ASSESSMENT, c->id_text[0], c->api_council)) == NULL)
		return (api_error(c, 503, "the service is unavailable", NULL));
	if (db_rows(a) != 1) {
		PQclear(a);
		return (api_error(c, 404, "no such assessment", NULL));
	}
	(void)statutory_dates(db_val(a, 0, 7), &st);
	sbuf_init(&b);
	sbuf_printf(&b, "{\"id\":%s,", db_val(a, 0, 0));
	api_kv(&b, "reference", db_val(a, 0, 1), 1);
	sbuf_puts(&b, "\"child\":{");
	api_kv(&b, "given_name", db_val(a, 0, 2), 1);
	api_kv(&b, "family_name", db_val(a, 0, 3), 1);
	api_kv(&b, "date_of_birth", db_val(a, 0, 4), 1);
	api_kv(&b, "year_group", db_val(a, 0, 5), 1);
	api_kv(&b, "current_setting", db_val(a, 0, 6), 0);
	sbuf_puts(&b, "},");
	api_kv(&b, "request_received", db_val(a, 0, 7), 1);
	api_kv(&b, "caseworker_email", db_val(a, 0, 8), 1);
	api_kv(&b, "decision_due", st.decision_due, 1);
	api_kv(&b, "advice_due", st.advice_due, 1);
	api_kv(&b, "no_plan_decision_due", st.no_plan_due, 1);
	api_kv(&b, "final_due", st.final_due, 1);
	PQclear(a);
	if ((r = db_q(ST_API_REQUESTS_OF, c->id_text[0])) == NULL) {
		sbuf_free(&b);
		return (api_error(c, 503, "the service is unavailable", NULL));
	}
	if (consultations_json(&b, c->id_text[0]) == -1) {
		PQclear(r);
		sbuf_free(&b);
		return (api_error(c, 503, "the service is unavailable", NULL));
	}
	sbuf_puts(&b, "\"advice_requests\":[");
	for (i = 0; i < db_rows(r); i++) {
		if (i)
			sbuf_puts(&b, ",");
		request_json(&b, r, i);
		sbuf_puts(&b, "}");
	}
	sbuf_puts(&b, "]");
	PQclear(r);
	if (api_plan_fields(&b, c->id_text[0]) == -1) {
		sbuf_free(&b);
		return (api_error(c, 503, "the service is unavailable", NULL));
	}
	sbuf_puts(&b, "}\n");
	api_audit(c, "api_view_assessment", "assessment", c->id[0]);
	return (api_reply(c, 200, &b));
}

static const struct jfield draft_fields[] = {
	{ "served_on", J_STRING, 1, 1 },
	{ NULL, J_NULL, 0, 0 },
};

/* POST /api/v1/assessments/{id}/plan/draft {"served_on"}: the draft
 * served on the family (draft_serve.c), recorded as by the assessment's
 * caseworker; 201 {"served_on", "comments_due"}. A date in the future or
 * before the request was received, or no plan to serve: 400 naming the
 * field, nothing written. */
int
api_plan_draft(struct ctx *c)
{
	struct json	*root;
	PGresult	*a;
	struct sbuf	 b;
	const char	*served, *why;
	char		 today[DATE_LEN], due[DATE_LEN], ref[64], received[DATE_LEN],
			 by[24];
	int		 answered, rc;

	if ((a = db_qd(&comments_stmts[CM_API_ASSESSMENT], c->id_text[0],
	    c->api_council)) == NULL)
		return (api_error(c, 503, "the service is unavailable", NULL));
	rc = db_rows(a);
	if (rc == 1) {
		(void)kore_strlcpy(ref, db_val(a, 0, AA_REFERENCE), sizeof(ref));
		(void)kore_strlcpy(received, db_val(a, 0, AA_RECEIVED),
		    sizeof(received));
		(void)kore_strlcpy(by, db_val(a, 0, AA_CASEWORKER), sizeof(by));
	}
	PQclear(a);
	if (rc != 1)
		return (api_error(c, 404, "no such assessment", NULL));
	if ((root = api_body(c, draft_fields, &answered)) == NULL)
		return (answered ? KORE_RESULT_OK :
		    api_error(c, 400, "the body is not valid", NULL));
	served = api_jstr(root, "served_on");
	config_today(today);
	if ((why = served_refusal(served, received, today)) != NULL) {
		rc = api_error(c, 400, why, "served_on");
		json_free(root);
		return (rc);
	}
	rc = draft_serve(c->id_text[0], ref, received, served, by, due);
	if (rc != 0) {
		json_free(root);
		return (rc == 1 ? api_error(c, 400, "there is no draft plan to "
		    "serve: assemble it first (or the plan is final, or the "
		    "assessment has ended)", "served_on") :
		    api_error(c, 503, "the service is unavailable", NULL));
	}
	sbuf_init(&b);
	sbuf_puts(&b, "{");
	api_kv(&b, "served_on", served, 1);
	api_kv(&b, "comments_due", due, 0);
	sbuf_puts(&b, "}\n");
	json_free(root);
	api_audit(c, "api_serve_draft_plan", "assessment", c->id[0]);
	return (api_reply(c, 201, &b));
}

/*
 * POST /api/v1/assessments/{id}/consultations {"setting", "sent_on"}:
 * setting is one of the council's schools, by its organisation id
 * ("42") or its name as listed (any case), or the name of a setting not
 * on the list. The rules are the form's (val_consultation); the draft
 * sent is the plan's current version, and the assessment's caseworker
 * sends it.
 */
static const struct jfield consultation_fields[] = {
	{ "setting", J_STRING, 1, 0 },
	{ "sent_on", J_STRING, 1, 1 },
	{ NULL, J_NULL, 0, 0 },
};

int
api_consultation_create(struct ctx *c)
{
	struct json		*root = NULL;
	struct val_consultation	 v;
	struct verrs		 e;
	struct sbuf		 b;
	PGresult		*a, *set = NULL;
	const char		*setting, *names[1] = { NULL };
	long long		 ids[1];
	char			 today[11], made[1][24], due[11];
	size_t			 n = 0, k;
	int			 answered, i, rc;

	if ((a = db_q(ST_API_ASSESSMENT, c->id_text[0], c->api_council)) == NULL)
		return (api_error(c, 503, "the service is unavailable", NULL));
	if (db_rows(a) != 1) {
		PQclear(a);
		return (api_error(c, 404, "no such assessment", NULL));
	}
	if ((root = api_body(c, consultation_fields, &answered)) == NULL)
		goto done;
	if ((set = db_qd(&consult_stmts[CN_SETTINGS], c->api_council)) == NULL) {
		(void)api_error(c, 503, "the service is unavailable", NULL);
		goto done;
	}
	setting = api_jstr(root, "setting");
	for (k = 0; setting[k] >= '0' && setting[k] <= '9'; k++)
		;
	for (i = 0; i < db_rows(set) && n == 0; i++)
		if ((k > 0 && setting[k] == '\0' &&
		    strcmp(setting, db_val(set, i, CSET_ID)) == 0) ||
		    strcasecmp(setting, db_val(set, i, CSET_NAME)) == 0) {
			ids[0] = strtoll(db_val(set, i, CSET_ID), NULL, 10);
			names[0] = db_val(set, i, CSET_NAME);
			n = 1;
		}
	if (n == 0 && k > 0 && setting[k] == '\0') {
		(void)api_error(c, 400, "no school or setting with this id works "
		    "with your council", "setting");
		goto done;
	}
	config_today(today);
	memset(&v, 0, sizeof(v));
	v.chosen = n;
	v.typed = n == 0 ? setting : NULL;
	v.sent = api_jstr(root, "sent_on");
	v.received = db_val(a, 0, 7);
	v.today = today;
	verrs_init(&e);
	if (consultation_check(c->id_text[0], ids, names, n, &v, &e) == -1) {
		(void)api_error(c, 503, "the service is unavailable", NULL);
		goto done;
	}
	if (e.n > 0) {
		(void)api_verrs(c, &e);
		goto done;
	}
	rc = consultation_store(c, c->id_text[0], db_val(a, 0, 1), ids, n,
	    v.typed, v.sent, db_val(a, 0, 9), made, due);
	if (rc != 1) {
		(void)(rc == 0 ? api_error(c, 400, "this school or setting has "
		    "been consulted already and has not answered yet", "setting") :
		    api_error(c, 503, "the service is unavailable", NULL));
		goto done;
	}
	sbuf_init(&b);
	sbuf_printf(&b, "{\"id\":%s,", made[0]);
	api_kv(&b, "setting", n == 1 ? names[0] : setting, 1);
	api_kv(&b, "sent_on", v.sent, 1);
	api_kv(&b, "response_due", due, 0);
	sbuf_puts(&b, "}\n");
	api_audit(c, "api_consult_setting", "consultation",
	    strtoll(made[0], NULL, 10));
	(void)api_reply(c, 201, &b);
done:
	PQclear(a);
	PQclear(set);
	json_free(root);
	return (KORE_RESULT_OK);
}
