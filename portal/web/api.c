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

static const struct json *jpath(const struct json *, const char *);
static const char *jstr(const struct json *, const char *);
static const char *jstr_or(const struct json *, const char *);
static int	check_object(const struct json *, const char *,
		    const struct jfield *, const char **, const char **);
static int	check_fields(const struct json *, const struct jfield *,
		    const char **, const char **);
static void	kv(struct sbuf *, const char *, const char *, int);

int
api_reply(struct ctx *c, int status, struct sbuf *b)
{
	http_open(c, "application/json");
	http_response(c->req, status, b->data, b->len);
	sbuf_free(b);
	return (KORE_RESULT_OK);
}

/* {"error": message, "field": field}: field is ours, never the input. */
int
api_error(struct ctx *c, int status, const char *message, const char *field)
{
	struct sbuf	b;

	sbuf_init(&b);
	sbuf_puts(&b, "{");
	kv(&b, "error", message, field != NULL);
	if (field != NULL)
		kv(&b, "field", field, 0);
	sbuf_puts(&b, "}\n");
	return (api_reply(c, status, &b));
}

static void
kv(struct sbuf *b, const char *key, const char *value, int more)
{
	sbuf_printf(b, "\"%s\":\"", key);
	json_escape(b, value ? value : "");
	sbuf_puts(b, more ? "\"," : "\"");
}

/* "a.b" inside obj, or NULL. */
static const struct json *
jpath(const struct json *obj, const char *path)
{
	char		 head[64];
	const char	*dot;

	if (obj == NULL || json_type(obj) != J_OBJECT)
		return (NULL);
	if ((dot = strchr(path, '.')) == NULL)
		return (json_get(obj, path));
	if ((size_t)(dot - path) >= sizeof(head))
		return (NULL);
	memcpy(head, path, (size_t)(dot - path));
	head[dot - path] = '\0';
	return (jpath(json_get(obj, head), dot + 1));
}

static const char *
jstr(const struct json *root, const char *path)
{
	const struct json	*j = jpath(root, path);

	return (j != NULL && json_type(j) == J_STRING ? json_str(j) : NULL);
}

/* The string at path, or "" when absent. */
static const char *
jstr_or(const struct json *root, const char *path)
{
	const char	*s = jstr(root, path);

	return (s ? s : "");
}

/* Keys of obj (at prefix) must all be listed. */
static int
check_object(const struct json *obj, const char *prefix,
    const struct jfield *f, const char **bad, const char **why)
{
	static char	 unknown[128];	/* *bad points here after return */
	char		 path[128];	/* not static: it is the prefix of the recursion */
	size_t		 i, k;
	int		 known;

	for (i = 0; i < json_len(obj); i++) {
		(void)snprintf(path, sizeof(path), "%s%s%s", prefix,
		    *prefix ? "." : "", json_key_at(obj, i));
		for (known = 0, k = 0; f[k].path != NULL; k++)
			known |= strcmp(f[k].path, path) == 0;
		if (!known) {
			(void)kore_strlcpy(unknown, path, sizeof(unknown));
			*bad = unknown;
			*why = "unknown field";
			return (-1);
		}
		if (json_type(json_at(obj, i)) == J_OBJECT &&
		    check_object(json_at(obj, i), path, f, bad, why) == -1)
			return (-1);
	}
	return (0);
}

/* 0 when root matches the table; else -1 with the field and reason. */
static int
check_fields(const struct json *root, const struct jfield *f,
    const char **bad, const char **why)
{
	const struct json	*j, *parent;
	char			 up[64];
	const char		*dot;
	size_t			 k;

	if (json_type(root) != J_OBJECT) {
		*bad = "";
		*why = "the body must be a JSON object";
		return (-1);
	}
	if (check_object(root, "", f, bad, why) == -1)
		return (-1);
	for (k = 0; f[k].path != NULL; k++) {
		*bad = f[k].path;
		j = jpath(root, f[k].path);
		/* A required field of an optional object absent as a whole is fine. */
		parent = root;
		if ((dot = strrchr(f[k].path, '.')) != NULL &&
		    (size_t)(dot - f[k].path) < sizeof(up)) {
			memcpy(up, f[k].path, (size_t)(dot - f[k].path));
			up[dot - f[k].path] = '\0';
			parent = jpath(root, up);
		}
		if (j == NULL) {
			if (f[k].required && parent != NULL) {
				*why = "required";
				return (-1);
			}
			continue;
		}
		if (json_type(j) != f[k].type) {
			*why = f[k].type == J_OBJECT ? "must be an object" :
			    f[k].type == J_BOOL ? "must be true or false" :
			    "must be a string";
			return (-1);
		}
		if (f[k].date && date_day(json_str(j)) == -1) {
			*why = "must be a real date as YYYY-MM-DD";
			return (-1);
		}
	}
	return (0);
}

/* The parsed, checked body; NULL after answering the error. */
struct json *
api_body(struct ctx *c, const struct jfield *f, int *answered)
{
	struct json	*root;
	const char	*bad, *why;
	char		 err[128];

	*answered = 0;
	if (c->body == NULL || (root = json_parse(c->body->data ? c->body->data : "",
	    c->body->len, err, sizeof(err))) == NULL) {
		*answered = 1;
		(void)api_error(c, 400, "the body is not valid JSON", NULL);
		return (NULL);
	}
	if (check_fields(root, f, &bad, &why) == -1) {
		json_free(root);
		*answered = 1;
		(void)api_error(c, 400, why, bad);
		return (NULL);
	}
	return (root);
}

/* A refusal from the dispatcher (404, 405, 413, 415) as JSON. */
int
api_error_status(struct ctx *c, int status)
{
	return (api_error(c, status, status == 404 ? "not found" :
	    status == 405 ? "method not allowed" : status == 413 ?
	    "the body is too large" : status == 415 ?
	    "the body must be application/json" : "the request was refused", NULL));
}

/* The first rule broken (validate.h): 400 naming its field. */
int
api_verrs(struct ctx *c, const struct verrs *e)
{
	return (api_error(c, 400, e->e[0].message, vfield_api(e->e[0].field)));
}

/* Bearer key → c->api_council; 0 ok, or the error already answered. */
int
api_authenticate(struct ctx *c)
{
	PGresult	*res;
	const char	*auth;
	char		 hash[65];

	if (!http_request_header(c->req, "authorization", &auth) ||
	    strncmp(auth, "Bearer ", 7) != 0 || strlen(auth + 7) > 256) {
		http_response_header(c->req, "www-authenticate", "Bearer");
		(void)api_error(c, 401, "an API key is required", NULL);
		return (-1);
	}
	token_hash(auth + 7, hash);
	if ((res = db_q(ST_API_KEY, hash)) == NULL) {
		(void)api_error(c, 503, "the service is unavailable", NULL);
		return (-1);
	}
	if (db_rows(res) != 1) {
		PQclear(res);
		http_response_header(c->req, "www-authenticate", "Bearer");
		(void)api_error(c, 401, "the API key is not valid", NULL);
		return (-1);
	}
	c->api_key = strtoll(db_val(res, 0, 0), NULL, 10);
	(void)kore_strlcpy(c->api_council, db_val(res, 0, 1), sizeof(c->api_council));
	PQclear(res);
	return (0);
}

void
api_audit(struct ctx *c, const char *action, const char *type, long long id)
{
	char	detail[48];

	(void)snprintf(detail, sizeof(detail), "api key %lld", c->api_key);
	audit(c, action, type, id, detail);
}

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
	v.given = jstr(root, "child.given_name");
	v.family = jstr(root, "child.family_name");
	v.dob = jstr(root, "child.date_of_birth");
	v.year_group = jstr(root, "child.year_group");
	v.setting = jstr(root, "child.current_setting");
	v.nhs_number = jstr(root, "child.nhs_number");
	v.upn = jstr(root, "child.upn");
	v.received = jstr(root, "request_received");
	v.today = today;
	(void)val_assessment(&v, &e);
	if (jpath(root, "parent") != NULL)
		(void)val_contact(jstr(root, "parent.name"),
		    jstr(root, "parent.email"), jstr(root, "parent.relationship"), &e);
	if (e.n > 0) {
		json_free(root);
		return (api_verrs(c, &e));
	}
	if ((cw = db_q(ST_API_CASEWORKER, jstr(root, "caseworker_email"),
	    c->api_council)) == NULL || db_rows(cw) != 1) {
		PQclear(cw);
		json_free(root);
		return (api_error(c, 400, "no caseworker with this email in your council",
		    "caseworker_email"));
	}
	if ((dup = db_q(ST_ASSESSMENT_DUPLICATE, c->api_council, v.nhs, v.given,
	    v.family, v.dob)) == NULL)
		goto unavailable;
	allow = jpath(root, "allow_duplicate");
	if (db_rows(dup) == 1 && val_duplicate(db_val(dup, 0, 1),
	    allow != NULL && json_bool(allow), &e) > 0) {
		api_audit(c, "api_duplicate_refused", "assessment",
		    strtoll(db_val(dup, 0, 0), NULL, 10));
		sbuf_init(&b);
		sbuf_puts(&b, "{");
		kv(&b, "error", e.e[0].message, 1);
		kv(&b, "field", vfield_api(e.e[0].field), 1);
		sbuf_printf(&b, "\"existing\":{\"id\":%s,", db_val(dup, 0, 0));
		kv(&b, "reference", db_val(dup, 0, 1), 0);
		sbuf_puts(&b, "}}\n");
		PQclear(dup);
		PQclear(cw);
		json_free(root);
		return (api_reply(c, 400, &b));
	}
	PQclear(dup);
	if (db_begin() == -1)
		goto unavailable;
	res = db_q(ST_ASSESSMENT_CREATE, c->api_council, jstr(root, "child.given_name"),
	    jstr(root, "child.family_name"), jstr(root, "child.date_of_birth"),
	    jstr_or(root, "child.year_group"),
	    jstr_or(root, "child.current_setting"), v.nhs, v.upn_norm,
	    jstr(root, "request_received"), db_val(cw, 0, 0));
	if (res == NULL || db_rows(res) != 1)
		goto unavailable;
	(void)kore_strlcpy(id, db_val(res, 0, 0), sizeof(id));
	if (jpath(root, "parent") != NULL && invitation_for_contact(c->api_council,
	    id, db_val(res, 0, 1), jstr(root, "parent.name"),
	    jstr(root, "parent.email")) == -1)
		goto unavailable;
	if (jpath(root, "parent") != NULL && ((con = db_q(ST_CONTACT_CREATE, id,
	    jstr(root, "parent.name"), jstr(root, "parent.email"),
	    jstr_or(root, "parent.relationship"))) == NULL))
		goto unavailable;
	if (db_commit() == -1)
		goto unavailable;
	(void)statutory_dates(jstr(root, "request_received"), &st);
	sbuf_init(&b);
	sbuf_printf(&b, "{\"id\":%s,", id);
	kv(&b, "reference", db_val(res, 0, 1), 1);
	kv(&b, "request_received", jstr(root, "request_received"), 1);
	kv(&b, "decision_due", st.decision_due, 1);
	kv(&b, "advice_due", st.advice_due, 1);
	kv(&b, "no_plan_decision_due", st.no_plan_due, 1);
	kv(&b, "final_due", st.final_due, 0);
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
	type = jstr(root, "type");
	if (strcmp(type, "parent") == 0 ||
	    (t = tpl_for_kind(&advice_templates, type)) == NULL) {
		/* A parent's views are asked for in the portal, where the
		 * caseworker sees whether the parent has an account. */
		(void)api_error(c, 400, "must be one of educational, medical, "
		    "psychological, social_care, other, preparing_for_adulthood", "type");
		goto done;
	}
	if ((org = db_q(ST_REQUEST_TARGET, c->id_text[0], jstr(root,
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
	v.profession = jstr(root, "profession");
	v.question = jstr(root, "question");
	v.requested = jstr(root, "requested_on");
	v.received = db_val(a, 0, 7);
	v.year_group = db_val(a, 0, 5);
	v.dob = db_val(a, 0, 4);
	v.today = today;
	if (val_request(&v, &e) > 0) {
		(void)api_verrs(c, &e);
		goto done;
	}
	(void)kore_strlcpy(orgid, db_val(org, 0, 0), sizeof(orgid));
	if ((s = jstr(root, "professional_email")) != NULL) {
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
	    jstr_or(root, "profession"), orgid, professional, t->id,
	    ver, jstr_or(root, "question"), jstr(root, "requested_on"),
	    "f", db_val(a, 0, 9));
	if (res == NULL || db_rows(res) != 1) {
		(void)api_error(c, 503, "the service is unavailable", NULL);
		goto done;
	}
	sbuf_init(&b);
	sbuf_printf(&b, "{\"id\":%s,", db_val(res, 0, 0));
	kv(&b, "due_on", db_val(res, 0, 1), 1);
	kv(&b, "status", professional ? "allocated" : "requested", 0);
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
	kv(b, "type", db_val(r, row, 2), 1);
	kv(b, "status", db_val(r, row, 3), 1);
	kv(b, "requested_on", db_val(r, row, 4), 1);
	kv(b, "due_on", db_val(r, row, 5), 1);
	kv(b, "organisation", db_val(r, row, 6), 1);
	kv(b, "professional_email", db_val(r, row, 7), 0);
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
		kv(b, "field", f->id, 1);
		kv(b, "label", f->label, 1);
		kv(b, "area", f->area, 1);
		sbuf_puts(b, "\"plan_sections\":[");
		for (k = 0; k < f->nfeeds; k++)
			sbuf_printf(b, "%s\"%s\"", k ? "," : "", f->feeds[k]);
		sbuf_puts(b, "],");
		if (f->type != TPL_ROWS) {
			kv(b, "value", avals_get(v, f->id, -1, ""), 0);
			sbuf_puts(b, "}");
			continue;
		}
		sbuf_puts(b, "\"rows\":[");
		for (r = 0; r < avals_rows(v, f->id); r++) {
			sbuf_puts(b, r ? ",{" : "{");
			for (k = 0; k < f->ncolumns; k++) {
				val = avals_get(v, f->id, r, f->columns[k].id);
				kv(b, f->columns[k].id, val ? val : "",
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
		kv(b, "status", db_val(ad, 0, 2), 1);
		kv(b, "template", t->id, 1);
		sbuf_printf(b, "\"template_version\":%d,", t->version);
		kv(b, "submitted_on", db_val(ad, 0, 12), 1);	/* YYYY-MM-DD */
		kv(b, "submitted_at", db_val(ad, 0, 13), 1);	/* ISO 8601, UTC */
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
		kv(b, "filename", name, 1);
		kv(b, "media_type", db_val(docs, i, 2), 1);
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
	kv(&b, "reference", db_val(a, 0, 1), 1);
	sbuf_puts(&b, "\"child\":{");
	kv(&b, "given_name", db_val(a, 0, 2), 1);
	kv(&b, "family_name", db_val(a, 0, 3), 1);
	kv(&b, "date_of_birth", db_val(a, 0, 4), 1);
	kv(&b, "year_group", db_val(a, 0, 5), 1);
	kv(&b, "current_setting", db_val(a, 0, 6), 0);
	sbuf_puts(&b, "},");
	kv(&b, "request_received", db_val(a, 0, 7), 1);
	kv(&b, "caseworker_email", db_val(a, 0, 8), 1);
	kv(&b, "decision_due", st.decision_due, 1);
	kv(&b, "advice_due", st.advice_due, 1);
	kv(&b, "no_plan_decision_due", st.no_plan_due, 1);
	kv(&b, "final_due", st.final_due, 1);
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
	served = jstr(root, "served_on");
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
	kv(&b, "served_on", served, 1);
	kv(&b, "comments_due", due, 0);
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
	setting = jstr(root, "setting");
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
	v.sent = jstr(root, "sent_on");
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
	kv(&b, "setting", n == 1 ? names[0] : setting, 1);
	kv(&b, "sent_on", v.sent, 1);
	kv(&b, "response_due", due, 0);
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
