/*
 * api_io — the doors of the JSON API that every endpoint file shares
 * (api.c, api_plan.c): the key, the checked body, the replies, the
 * audit row. See api.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "api.h"
#include "clock.h"
#include "db.h"
#include "esc.h"
#include "json.h"
#include "sbuf.h"
#include "token.h"
#include "validate.h"

static int	check_object(const struct json *, const char *,
		    const struct jfield *, const char **, const char **);
static int	check_fields(const struct json *, const struct jfield *,
		    const char **, const char **);

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
	api_kv(&b, "error", message, field != NULL);
	if (field != NULL)
		api_kv(&b, "field", field, 0);
	sbuf_puts(&b, "}\n");
	return (api_reply(c, status, &b));
}

void
api_kv(struct sbuf *b, const char *key, const char *value, int more)
{
	sbuf_printf(b, "\"%s\":\"", key);
	json_escape(b, value ? value : "");
	sbuf_puts(b, more ? "\"," : "\"");
}

/* "a.b" inside obj, or NULL. */
const struct json *
api_jpath(const struct json *obj, const char *path)
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
	return (api_jpath(json_get(obj, head), dot + 1));
}

const char *
api_jstr(const struct json *root, const char *path)
{
	const struct json	*j = api_jpath(root, path);

	return (j != NULL && json_type(j) == J_STRING ? json_str(j) : NULL);
}

/* The string at path, or "" when absent. */
const char *
api_jstr_or(const struct json *root, const char *path)
{
	const char	*s = api_jstr(root, path);

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
		j = api_jpath(root, f[k].path);
		/* A required field of an optional object absent as a whole is fine. */
		parent = root;
		if ((dot = strrchr(f[k].path, '.')) != NULL &&
		    (size_t)(dot - f[k].path) < sizeof(up)) {
			memcpy(up, f[k].path, (size_t)(dot - f[k].path));
			up[dot - f[k].path] = '\0';
			parent = api_jpath(root, up);
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

/* "" is null. */
void
api_kv_or_null(struct sbuf *b, const char *key, const char *value, int more)
{
	if (value == NULL || *value == '\0')
		sbuf_printf(b, "\"%s\":null%s", key, more ? "," : "");
	else
		api_kv(b, key, value, more);
}
