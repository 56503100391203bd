/*
 * Every request except /assets/ arrives here (conf: route ^/.*$).
 * Order: session, route, role, body, CSRF, handler. Each refusal sends a
 * complete page; a handler always sends exactly one response.
 */
#include <sys/socket.h>
#include <arpa/inet.h>

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extern.h"
#include "config.h"
#include "form.h"
#include "throttle.h"
#include "sbuf.h"
#include "tmpl.h"
#include "token.h"
#include "upload.h"
#include "reqhead.h"

#define FORM_BODY_MAX	BODY_FORM_MAX
#define FORM_FIELDS_MAX	2000
#define MP_PARTS_MAX	16

static void	ctx_onfree(struct http_request *);
static void	client_ip(struct ctx *);
static int	read_form(struct ctx *);
static int	read_body(struct ctx *, struct sbuf *);
static int	csrf_ok(struct ctx *);
static int	csrf_earlier(struct ctx *);
static int	admit(struct ctx *, int);

static void
ctx_onfree(struct http_request *req)
{
	struct ctx	*c = req->hdlr_extra;

	if (c == NULL)
		return;
	if (c->hstate != NULL && c->hstate_free != NULL)
		c->hstate_free(c->hstate);
	form_free(c->form);
	if (c->mp != NULL) {
		mp_free(c->mp);
		free(c->mp);
	}
	if (c->body != NULL) {
		sbuf_free(c->body);
		free(c->body);
	}
	tdict_free(c->page);
}

/*
 * The peer's address; behind a proxy of PORTAL_TRUSTED_PROXIES, the client
 * its X-Forwarded-For names (throttle.c). From anyone else the header is
 * the client's own claim and is ignored: it would let one address pass
 * for many and dodge the sign-in throttle.
 */
static void
client_ip(struct ctx *c)
{
	struct connection	*conn = c->req->owner;
	const void		*addr;
	const char		*xff = NULL;
	char			 peer[64];

	addr = conn->family == AF_INET6 ?
	    (const void *)&conn->addr.ipv6.sin6_addr :
	    (const void *)&conn->addr.ipv4.sin_addr;
	if (inet_ntop(conn->family, addr, peer, sizeof(peer)) == NULL)
		(void)kore_strlcpy(peer, "unknown", sizeof(peer));
	if (cfg.trusted_proxies != NULL && *cfg.trusted_proxies != '\0' &&
	    !http_request_header(c->req, "x-forwarded-for", &xff))
		xff = NULL;
	(void)throttle_client_ip(peer, xff, cfg.trusted_proxies, c->ip,
	    sizeof(c->ip));
}

/* The whole body (kept in memory: no plaintext upload touches disk). */
static int
read_body(struct ctx *c, struct sbuf *body)
{
	char	chunk[65536];
	ssize_t	n;

	while ((n = http_body_read(c->req, chunk, sizeof(chunk))) > 0)
		sbuf_append(body, chunk, (size_t)n);
	return (n == -1 || body->oom ? 500 : 0);
}

/*
 * An urlencoded body of any number of fields (no Kore limit), or a
 * multipart one (uploads). 0, or the status to answer.
 */
static int
read_form(struct ctx *c)
{
	const char	*ctype = "";
	int		 rc;

	(void)http_request_header(c->req, "content-type", &ctype);
	if ((c->body = calloc(1, sizeof(*c->body))) == NULL)
		return (500);
	sbuf_init(c->body);
	if (strncasecmp(ctype, "multipart/form-data", 19) == 0) {
		if ((c->mp = calloc(1, sizeof(*c->mp))) == NULL ||
		    (rc = read_body(c, c->body)) != 0)
			return (500);
		return (mp_parse(c->mp, (const unsigned char *)c->body->data,
		    c->body->len, ctype, MP_PARTS_MAX) == 0 ? 0 : 400);
	}
	if (c->req->content_length > FORM_BODY_MAX)
		return (413);
	if ((rc = read_body(c, c->body)) != 0)
		return (rc);
	rc = form_parse_urlencoded(&c->form, c->body->data ? c->body->data : "",
	    c->body->len, FORM_FIELDS_MAX);
	return (rc == 0 ? 0 : 400);
}

/* A text field of the body, urlencoded or multipart (NULL if absent). */
const char *
ctx_field(struct ctx *c, const char *name)
{
	static char	 value[256];
	size_t		 i;

	if (c->form != NULL)
		return (form_get(c->form, name));
	for (i = 0; c->mp != NULL && i < c->mp->nparts; i++) {
		if (c->mp->parts[i].filename != NULL ||
		    strcmp(c->mp->parts[i].name, name) != 0 ||
		    c->mp->parts[i].len >= sizeof(value))
			continue;
		memcpy(value, c->mp->parts[i].data, c->mp->parts[i].len);
		value[c->mp->parts[i].len] = '\0';
		return (value);
	}
	return (NULL);
}

/*
 * Signed in: the form's token must equal the session's. The sign-in and
 * invitation forms: it must equal the pre-session cookie set with the form.
 */
static int
csrf_ok(struct ctx *c)
{
	const char	*sent;
	char		 cookie[64];

	if ((sent = ctx_field(c, "csrf")) == NULL)
		return (0);
	/* The sign-in forms always carry the pre-session token, even when
	 * their user has meanwhile signed in in another tab. */
	if (c->signed_in && c->route->fn != do_signin &&
	    c->route->fn != do_signin_code && c->route->fn != do_invitation &&
	    c->route->fn != do_password_reset &&
	    c->route->fn != do_password_reset_code)
		return (token_equal(sent, c->sess.csrf));
	if (cookie_get(c, presession_cookie_name(), cookie, sizeof(cookie)) == -1)
		return (0);
	return (token_equal(sent, cookie));
}

/*
 * 1 if the form's token, refused, was one of this account's earlier
 * sessions' (ST_CSRF_EARLIER): its own form, typed before it signed in
 * again. Only to give the typed answers back; nothing is saved on it.
 */
static int
csrf_earlier(struct ctx *c)
{
	PGresult	*res;
	const char	*sent;
	char		 acc[24];
	int		 found;

	if (!c->signed_in || (sent = ctx_field(c, "csrf")) == NULL ||
	    strlen(sent) != TOKEN_CHARS)
		return (0);
	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	if ((res = db_q(ST_CSRF_EARLIER, acc, sent)) == NULL)
		return (0);
	found = db_rows(res) == 1;
	PQclear(res);
	return (found);
}

/* 0 when the request may reach its handler, else the status to answer. */
static int
admit(struct ctx *c, int other_method)
{
	int	 rc;

	if (c->route == NULL)
		return (other_method ? 405 : 404);
	if (c->route->roles == ROUTE_API || c->route->roles == ROUTE_BENCH)
		return (404);
	if (c->route->roles != 0) {
		if (!c->signed_in)
			return (401);
		if (!(c->route->roles & ROLE_BIT(c->sess.role)))
			return (404);
	}
	/* An upload thrown away as it arrived (bodylimit.c): no form, no
	 * token, so the upload handler may only say why; it writes nothing. */
	if (c->req->method == HTTP_METHOD_POST && ctx_body_refused(c))
		return (c->route->fn == do_upload ? 0 : 503);
	if (c->req->method == HTTP_METHOD_POST) {
		if ((rc = read_form(c)) != 0)
			return (rc);
		if (!csrf_ok(c))
			return (403);
	}
	return (0);
}

/* /api/…: no session, no CSRF (a bearer key is not sent by browsers on
 * their own); every answer is JSON. */
static int
dispatch_api(struct ctx *c)
{
	const char	*ctype = "";
	int		 other;

	c->route = route_find(c->req->method, c->req->path, c, &other);
	if (c->route == NULL || c->route->roles != ROUTE_API)
		return (api_error_status(c, other ? 405 : 404));
	if (api_authenticate(c) == -1)
		return (KORE_RESULT_OK);
	if (c->req->method == HTTP_METHOD_POST) {
		(void)http_request_header(c->req, "content-type", &ctype);
		if (strncasecmp(ctype, "application/json", 16) != 0)
			return (api_error_status(c, 415));
		if (c->req->content_length > FORM_BODY_MAX)
			return (api_error_status(c, 413));
		if ((c->body = calloc(1, sizeof(*c->body))) == NULL)
			return (api_error_status(c, 500));
		sbuf_init(c->body);
		if (read_body(c, c->body) != 0)
			return (api_error_status(c, 500));
	}
	return (c->route->fn(c));
}

int
portal_dispatch(struct http_request *req)
{
	struct ctx	*c;
	int		 other, status;

	if ((c = http_state_get(req)) != NULL)
		return (c->route->fn(c));	/* a handler's retry */
	if (strncmp(req->path, "/assets/", 8) == 0)
		return (assets_serve(req));

	c = http_state_create(req, sizeof(*c), ctx_onfree);
	c->req = req;
	c->page = tdict_new();
	client_ip(c);
	if (strncmp(req->path, "/api/", 5) == 0)
		return (dispatch_api(c));
	if (strncmp(req->path, "/bench/", 7) == 0) {
		c->route = route_find(req->method, req->path, c, &other);
		if (!cfg.bench || c->route == NULL || c->route->roles != ROUTE_BENCH)
			return (page_error(c, 404));
		return (c->route->fn(c));
	}
	if ((c->signed_in = session_load(c)) == -1)
		return (page_error(c, 503));
	if (req->method != HTTP_METHOD_GET && req->method != HTTP_METHOD_POST)
		return (page_error(c, 405));
	c->route = route_find(req->method, req->path, c, &other);
	if ((status = admit(c, other)) == 401 &&
	    req->method == HTTP_METHOD_GET)
		return (http_see_other(c, "/sign-in"));
	/* Advice typed into a form whose session ended is given back; so is
	 * such a form posted again after signing in (not saved). */
	if (status == 401 && c->route->fn == do_advice_save && read_form(c) == 0)
		return (advice_signed_out(c));
	if (status == 403 && c->route->fn == do_advice_save && csrf_earlier(c))
		return (advice_signed_out(c));
	if (status != 0)
		return (page_error(c, status));
	/* Staff of an organisation that requires two-step verification set
	 * it up before anything else. */
	if (c->signed_in && c->sess.two_step_required && !two_step_exempt(c))
		return (http_see_other(c, "/two-step"));
	return (c->route->fn(c));
}
