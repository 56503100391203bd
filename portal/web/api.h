/*
 * api — what the API's files share (api_io.c, used by api.c and
 * api_plan.c): the table of what an endpoint accepts, the JSON replies
 * and the checked body.
 */
#ifndef PORTAL_API_H
#define PORTAL_API_H

#include "json.h"

struct ctx;
struct sbuf;
struct verrs;

/* What each endpoint accepts. */
struct jfield {
	const char	*path;		/* "child.given_name" */
	enum json_type	 type;
	int		 required;
	int		 date;		/* YYYY-MM-DD, a real date */
};

/* Sends b (freed) as JSON with status. */
int	api_reply(struct ctx *, int, struct sbuf *);
/* {"error": message, "field": field}: field is ours, never the input. */
int	api_error(struct ctx *, int, const char *, const char *);
/* The parsed body checked against f; NULL after answering the 400. */
struct json *api_body(struct ctx *, const struct jfield *, int *);
/* The first rule broken (validate.h): 400 naming its field. */
int	api_verrs(struct ctx *, const struct verrs *);
/* An audit row naming the key. */
void	api_audit(struct ctx *, const char *, const char *, long long);
/* "key":"value" (escaped), with a comma when more; "" as null. */
void	api_kv(struct sbuf *, const char *, const char *, int);
void	api_kv_or_null(struct sbuf *, const char *, const char *, int);
/* The member at path ("child.given_name"), NULL if none; its string,
 * NULL if none; or "". */
const struct json	*api_jpath(const struct json *, const char *);
const char	*api_jstr(const struct json *, const char *);
const char	*api_jstr_or(const struct json *, const char *);

/* api_plan.c: the plan stage's fields of GET /api/v1/assessments/{id}
 * (decisions, draft, consultations, final), appended to b. 0, -1. */
int	api_plan_fields(struct sbuf *, const char *);

#endif
