/*
 * http_out — every response leaves through http_open(), which sets the
 * content type and the security headers. Pages are rendered from
 * templates/pages with every value escaped (tmpl.c); error pages never
 * repeat anything from the request.
 */
#include <string.h>

#include "extern.h"
#include "config.h"
#include "sbuf.h"
#include "tmpl.h"
#include "validate.h"

static void	page_common(struct ctx *, const char *);
static void	page_nav(struct ctx *);

static const char csp[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

/* Status → what the error page says. Nothing from the request. */
static const struct {
	int		 status;
	const char	*heading;
	const char	*message;
} errors[] = {
	{ 400, "Sorry, there is a problem with what was sent",
	    "The form could not be read. Go back, check your answers and try again." },
	{ 401, "You need to sign in again",
	    "For your security, we signed you out. Sign in again to continue." },
	{ 403, "Sorry, this form has expired",
	    "For your security, forms stop working after a while or after you sign out. "
	    "Go back, reload the page and try again." },
	{ 404, "Page not found",
	    "If you typed the web address, check it is correct. "
	    "If you followed a link, the page may have moved, or you may not have access to it." },
	{ 405, "Page not found",
	    "If you typed the web address, check it is correct." },
	{ 413, "The information sent was too large",
	    "Go back and send less information, or a smaller file." },
	{ 429, "Too many requests",
	    "Wait a few minutes, then try again." },
	{ 500, "Sorry, there is a problem with the service",
	    "Try again later. If you were saving something, check whether it was saved." },
	{ 503, "Sorry, the service is unavailable",
	    "Try again in a few minutes. Anything you were told was saved has been kept." },
};

void
http_open(struct ctx *c, const char *ctype)
{
	struct http_request	*req = c->req;

	http_response_header(req, "content-type", ctype);
	http_response_header(req, "content-security-policy", csp);
	http_response_header(req, "x-content-type-options", "nosniff");
	http_response_header(req, "x-frame-options", "DENY");
	http_response_header(req, "referrer-policy", "same-origin");
	http_response_header(req, "cross-origin-opener-policy", "same-origin");
	http_response_header(req, "permissions-policy",
	    "camera=(), microphone=(), geolocation=(), payment=()");
	/* Pages hold personal data: no shared or browser cache. */
	if (!c->cacheable)
		http_response_header(req, "cache-control", "no-store");
	if (cfg.tls)
		http_response_header(req, "strict-transport-security",
		    "max-age=63072000; includeSubDomains");
}

/* One navigation item; current when the path is href or, with
 * below, any path under it. */
static struct tdict *
nav_item(struct ctx *c, const char *href, const char *text, int below)
{
	struct tdict	*item = tdict_push(c->page, "nav");

	tdict_set(item, "href", href);
	tdict_set(item, "text", text);
	if (below ? strncmp(c->req->path, href, strlen(href)) == 0 :
	    strcmp(c->req->path, href) == 0)
		tdict_set(item, "current", "1");
	return (item);
}

/* Navigation for the signed-in role: its home, plus admin pages. */
static void
page_nav(struct ctx *c)
{
	(void)nav_item(c, role_home(c->sess.role), "Home", 0);
	if (c->sess.role == ROLE_CASEWORKER || c->sess.role == ROLE_MANAGER)
		(void)nav_item(c, c->sess.role == ROLE_MANAGER ? "/manager/work" :
		    "/caseworker/work", "What needs doing", 0);
	tdict_set(nav_item(c, "/notifications", "Notifications", 0),
	    "is_notifications", "1");
	(void)nav_item(c, "/settings", "Email settings", 0);
	(void)nav_item(c, "/two-step", "Two-step verification", 0);
	if (c->sess.role == ROLE_ADMIN) {
		(void)nav_item(c, "/admin/accounts", "Accounts", 1);
		(void)nav_item(c, "/admin/organisations", "Organisations", 1);
		(void)nav_item(c, "/admin/import", "Import cases", 1);
	}
	if (c->sess.role == ROLE_MANAGER) {
		(void)nav_item(c, "/manager/dashboard", "Dashboard", 0);
		(void)nav_item(c, "/manager/compliance", "20-week table", 0);
	}
}

static void
page_common(struct ctx *c, const char *title)
{
	tdict_setf(c->page, "title", "%s%s", c->nerrors ? "Error: " : "",
	    title);
	if (c->signed_in) {
		tdict_set(c->page, "signed_in", "1");
		tdict_set(c->page, "user_name", c->sess.name);
		tdict_set(c->page, "user_role", role_label(c->sess.role));
		tdict_set(c->page, "organisation", c->sess.org_name);
		tdict_set(c->page, "csrf", c->sess.csrf);
		page_nav(c);
		notify_unread_put(c);
	}
	if (c->req != NULL)
		flash_put(c);
}

/* Renders template tmpl with c->page and sends it with status. */
int
page_render(struct ctx *c, int status, const char *tmpl, const char *title)
{
	struct sbuf	out;

	page_common(c, title);
	sbuf_init(&out);
	if (tmpl_render(templates, tmpl, c->page, &out) == -1 || out.oom) {
		kore_log(LOG_ERR, "cannot render %s", tmpl);
		sbuf_free(&out);
		http_open(c, "text/plain; charset=utf-8");
		http_response(c->req, 500, "Sorry, there is a problem with the service.\n", 44);
		return (KORE_RESULT_OK);
	}
	http_open(c, "text/html; charset=utf-8");
	http_response(c->req, status, out.data, out.len);
	sbuf_free(&out);
	return (KORE_RESULT_OK);
}

int
page_error(struct ctx *c, int status)
{
	size_t	i;

	for (i = 0; i < sizeof(errors) / sizeof(errors[0]); i++)
		if (errors[i].status == status)
			break;
	if (i == sizeof(errors) / sizeof(errors[0]))
		i = sizeof(errors) / sizeof(errors[0]) - 2;	/* 500 */
	tdict_set(c->page, "heading", errors[i].heading);
	tdict_set(c->page, "message", errors[i].message);
	if (status == 401 || status == 403)
		tdict_set(c->page, "sign_in_link", "1");
	if (status == 405)
		http_response_header(c->req, "allow", "GET, POST");
	return (page_render(c, status, "error", errors[i].heading));
}

/* 303: after a POST the browser follows with a GET. */
int
http_see_other(struct ctx *c, const char *location)
{
	http_open(c, "text/plain; charset=utf-8");
	http_response_header(c->req, "location", location);
	http_response(c->req, 303, NULL, 0);
	return (KORE_RESULT_OK);
}

/* Adds an error for field to the page's error summary and inline. */
void
page_error_add(struct ctx *c, const char *field, const char *message)
{
	struct tdict	*e;
	char		 key[96];

	e = tdict_push(c->page, "errors");
	tdict_set(e, "field", field);
	tdict_set(e, "message", message);
	tdict_set(c->page, "has_errors", "1");
	c->nerrors++;
	(void)snprintf(key, sizeof(key), "error_%s", field);
	tdict_set(c->page, key, message);
}

/* Each rule's refusal (validate.h) as an error by its field on the page. */
void
page_verrs(struct ctx *c, const struct verrs *e)
{
	size_t	i;

	for (i = 0; i < e->n; i++)
		page_error_add(c, vfield_form(e->e[i].field), e->e[i].message);
}

/* The unread count for the header (none when 0), read with the session:
 * no query of its own on every page. */
void
notify_unread_put(struct ctx *c)
{
	if (c->sess.unread > 0)
		tdict_setf(c->page, "unread", "%ld", c->sess.unread);
}
