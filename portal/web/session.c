/*
 * session — the cookie holds a 256-bit random token; the database holds
 * only its SHA-256, the session's own CSRF token and the times (30 minutes idle, 12 hours
 * absolute, both checked in ST_SESSION_TOUCH). Sign-out deletes the row,
 * so a copied cookie stops working at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "extern.h"
#include "config.h"
#include "db.h"
#include "throttle.h"
#include "token.h"

static void	copy(char *, size_t, const char *);

const char *
session_cookie_name(void)
{
	/* __Host- needs Secure, so only over TLS. */
	return (throttle_session_cookie(cfg.tls));
}

const char *
presession_cookie_name(void)
{
	return (throttle_presession_cookie(cfg.tls));
}

/*
 * Writes Set-Cookie ourselves: Kore's helper cannot set SameSite.
 * max_age 0 deletes the cookie; -1 makes it a browser-session cookie.
 */
void
cookie_set(struct ctx *c, const char *name, const char *value, int max_age)
{
	char	hdr[512], age[32];
	int	n;

	age[0] = '\0';
	if (max_age >= 0)
		(void)snprintf(age, sizeof(age), "; Max-Age=%d", max_age);
	n = snprintf(hdr, sizeof(hdr), "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s",
	    name, value, cfg.tls ? "; Secure" : "", age);
	if (n < 0 || (size_t)n >= sizeof(hdr))
		fatal("cookie_set: header truncated");	/* names are ours */
	http_response_header(c->req, "set-cookie", hdr);
}

/* 0 and the value in out, or -1 if absent or too long. */
int
cookie_get(struct ctx *c, const char *name, char *out, size_t outlen)
{
	char	*value;

	http_populate_cookies(c->req);
	if (!http_request_cookie(c->req, name, &value))
		return (-1);
	if (kore_strlcpy(out, value, outlen) >= outlen)
		return (-1);
	return (0);
}

static void
copy(char *dst, size_t len, const char *src)
{
	(void)kore_strlcpy(dst, src, len);
}

/* 1 signed in, 0 not (no cookie, unknown, expired), -1 database down. */
int
session_load(struct ctx *c)
{
	PGresult	*res;
	char		 token[64];

	if (cookie_get(c, session_cookie_name(), token, sizeof(token)) == -1 ||
	    strlen(token) != TOKEN_CHARS)
		return (0);
	token_hash(token, c->sess.token_hash);
	if ((res = db_q(ST_SESSION_TOUCH, c->sess.token_hash)) == NULL)
		return (db_unavailable() ? -1 : 0);
	if (db_rows(res) != 1) {
		PQclear(res);
		return (0);
	}
	c->sess.account_id = strtoll(db_val(res, 0, 0), NULL, 10);
	c->sess.org_id = strtoll(db_val(res, 0, 1), NULL, 10);
	c->sess.role = role_from_name(db_val(res, 0, 2));
	copy(c->sess.name, sizeof(c->sess.name), db_val(res, 0, 3));
	copy(c->sess.email, sizeof(c->sess.email), db_val(res, 0, 4));
	copy(c->sess.csrf, sizeof(c->sess.csrf), db_val(res, 0, 5));
	copy(c->sess.org_kind, sizeof(c->sess.org_kind), db_val(res, 0, 6));
	copy(c->sess.org_name, sizeof(c->sess.org_name), db_val(res, 0, 7));
	c->sess.unread = strtol(db_val(res, 0, 8), NULL, 10);
	c->sess.two_step_on = db_val(res, 0, 9)[0] == 't';
	/* Parents are never made to; staff of an organisation that asks. */
	c->sess.two_step_required = !c->sess.two_step_on &&
	    db_val(res, 0, 10)[0] == 't' && strcmp(db_val(res, 0, 2), "parent") != 0;
	PQclear(res);
	return (c->sess.role == ROLE__MAX ? 0 : 1);
}

/*
 * A new session for account_id (a fresh token at every sign-in), with a
 * CSRF token of its own, random like the session token: it dies with the
 * session, so a token seen before a sign-out (in a page, a log, a cached
 * form) is refused after the next sign-in. With
 * pending, only the password is proven: no page accepts the session but
 * the code page, which ends it and starts a full one. 0 ok.
 */
int
session_start(struct ctx *c, const char *account_id, int pending)
{
	PGresult	*res;
	char		 token[TOKEN_CHARS + 1], csrf[TOKEN_CHARS + 1];
	char		 hash[65];

	token_new(token);
	token_new(csrf);
	token_hash(token, hash);
	if ((res = db_q(ST_SESSION_CREATE, hash, account_id, csrf,
	    pending ? "t" : "f")) == NULL)
		return (-1);
	PQclear(res);
	if ((res = db_q(ST_SESSION_PURGE)) != NULL)
		PQclear(res);
	/* The pre-session cookie stays: a sign-in form left open in
	 * another tab keeps working until it expires (an hour). */
	cookie_set(c, session_cookie_name(), token, -1);
	return (0);
}

void
session_end(struct ctx *c)
{
	PGresult	*res;

	if (c->signed_in &&
	    (res = db_q(ST_SESSION_DELETE, c->sess.token_hash)) != NULL)
		PQclear(res);
	cookie_set(c, session_cookie_name(), "", 0);
	c->signed_in = 0;
}

/*
 * A record fetched by a statement scoped to the signed-in user: stmt takes
 * ($1 id, $2 account, $3 the account's organisation, $4 its role) and
 * returns the record only if this user may see it (sql.c). 1 and the row
 * in *out (caller clears), 0 none (answer 404 either way), -1 database down.
 */
int
scoped_get(struct ctx *c, enum stmt stmt, const char *id, PGresult **out)
{
	char	acc[24], org[24];

	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	if ((*out = db_q(stmt, id, acc, org, role_name(c->sess.role))) == NULL)
		return (-1);
	if (db_rows(*out) != 1) {
		PQclear(*out);
		*out = NULL;
		return (0);
	}
	return (1);
}
