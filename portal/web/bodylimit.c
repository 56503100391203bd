/*
 * bodylimit — a body limit per route, decided before the body is read.
 *
 * Kore 4.1 has one http_body_max for every route, checks it against the
 * Content-Length as soon as the headers are in, and then reads the whole
 * body into memory before any handler (or session check) runs.  With one
 * limit large enough for uploads, anyone could make a worker hold 30 MB
 * per connection.  So the listener is bound with a connection callback
 * (conf: bind ... portal_connect) that sets itself in front of Kore's
 * header parser: for each request head it chooses the limit, lets Kore
 * parse the head with that limit in http_body_max, and puts the small
 * limit back.  Any path that reaches Kore's parser without passing here
 * (a request pipelined behind another) meets the small limit of the
 * configuration: the default fails closed.
 *
 *   small forms, anything unlisted         BODY_SMALL_MAX (64 KB)
 *   advice forms and API calls             BODY_FORM_MAX, at most
 *       BODY_FORMS_SIGNED_IN (signed-in author) or BODY_FORMS_ANONYMOUS
 *       (anyone else) such bodies per worker at once; past that, 64 KB
 *   uploads, signed-in author only         the file limit + 1 MB, at
 *       most BODY_UPLOADS per worker at once
 *   the case import, administrator only    5 MB + 1 MB, counted with the
 *       uploads; over it, 413 unread
 *
 * Over the limit, Kore answers 413 at once and closes the connection
 * (the body is never read), except for a signed-in author's upload of
 * up to four times the file limit, or an upload while the worker already
 * holds BODY_UPLOADS: that body is read and thrown away as it arrives
 * (no memory), and the upload handler answers on the page with the
 * GOV.UK error (ctx_body_refused()).  The session is checked by one read
 * query on the worker's database connection, only for bodies over 64 KB
 * to the advice and upload routes.
 */
#include <sys/param.h>
#include <sys/queue.h>

#include <string.h>

#include "extern.h"
#include "config.h"
#include "db.h"
#include "reqhead.h"
#include "token.h"

/* Request flags of ours, in bits Kore 4.1 does not use (http.h). */
#define REQ_BIG_FORM		0x4000	/* holds a form body over 64 KB */
#define REQ_BIG_UPLOAD		0x0800	/* holds an upload body over 64 KB */
#define REQ_DISCARDED		0x8000	/* body read and thrown away */
#define REQ_DISCARDED_BUSY	0x0400	/* ... because the worker was full */

static int	conn_handle(struct connection *);
static int	head_recv(struct netbuf *);
static int	body_discard(struct netbuf *);
static int	held(int);
static int	author_signed_in(const struct reqhead *);
static enum role	signed_in_role(const struct reqhead *);

/* $1 token hash → the role of a live session (as ST_SESSION_TOUCH). */
static const struct stmt_def	session_role = {
	"SELECT a.role FROM sessions s JOIN accounts a ON a.id = s.account_id "
	"WHERE s.token_hash = $1 AND NOT s.second_step_pending "
	"AND s.last_seen > now() - interval '30 minutes' "
	"AND s.created_at > now() - interval '12 hours'", 1, 0
};

/* The listener's connection callback: Kore's own set-up, with our parser. */
void
portal_connect(struct connection *c)
{
	c->proto = CONN_PROTO_HTTP;
	if (http_keepalive_time != 0)
		c->idle_timer.length = http_keepalive_time * 1000;
	net_recv_queue(c, http_header_max, NETBUF_CALL_CB_ALWAYS, head_recv);
	c->handle = conn_handle;
}

/* Kore sets its own parser back after each request: take its place again. */
static int
conn_handle(struct connection *c)
{
	if (c->rnb != NULL && c->rnb->cb == http_header_recv)
		c->rnb->cb = head_recv;
	return (kore_connection_handle(c));
}

/* How many requests of this worker hold a body of that kind. */
static int
held(int flag)
{
	struct connection	*c;
	struct http_request	*req;
	int			 n = 0;

	TAILQ_FOREACH(c, &connections, list) {
		if (c->proto != CONN_PROTO_HTTP)
			continue;
		TAILQ_FOREACH(req, &c->http_requests, olist)
			if (req->flags & flag)
				n++;
	}
	return (n);
}

/* The role of the head's live session, or ROLE__MAX. */
static enum role
signed_in_role(const struct reqhead *h)
{
	PGresult	*res;
	char		 token[64], hash[65];
	enum role	 role;

	if (reqhead_cookie(h, cfg.tls ? "__Host-portal_session" : "portal_session",
	    token, sizeof(token)) == -1 || strlen(token) != TOKEN_CHARS)
		return (ROLE__MAX);
	token_hash(token, hash);
	if ((res = db_qd(&session_role, hash)) == NULL)
		return (ROLE__MAX);
	role = db_rows(res) == 1 ? role_from_name(db_val(res, 0, 0)) : ROLE__MAX;
	PQclear(res);
	return (role);
}

/* 1 if the head carries the session cookie of a professional or parent. */
static int
author_signed_in(const struct reqhead *h)
{
	enum role	role = signed_in_role(h);

	return (role == ROLE_PROFESSIONAL || role == ROLE_PARENT);
}

/*
 * In front of http_header_recv(): chooses http_body_max for this head,
 * and what happens to the body (kept and counted, or thrown away).
 */
static int
head_recv(struct netbuf *nb)
{
	struct connection	*c = nb->owner;
	struct http_request	*req, *last;
	struct reqhead		 h;
	size_t			 small = http_body_max, limit, upload;
	enum body_class		 bc;
	int			 rc, mark = 0, discard = 0;

	if (reqhead_parse((const char *)nb->buf, nb->s_off, &h) != 1)
		return (http_header_recv(nb));
	limit = small;
	upload = (size_t)cfg.upload_max_mb * 1024 * 1024;
	bc = body_class(h.method, h.path);
	if (bc == BODY_UPLOAD && strcmp(h.path, "/bench/discard") == 0 && !cfg.bench)
		bc = BODY_SMALL;
	if (bc != BODY_SMALL && h.content_length > (long long)small) {
		if (bc == BODY_IMPORT) {
			/* An administrator's case spreadsheet (import_page.c);
			 * anyone else's body over 64 KB gets 413 unread. */
			if (h.content_length <= (long long)(BODY_IMPORT_FILE_MAX +
			    BODY_UPLOAD_FRAMING) && held(REQ_BIG_UPLOAD) <
			    BODY_UPLOADS && signed_in_role(&h) == ROLE_ADMIN) {
				limit = BODY_IMPORT_FILE_MAX + BODY_UPLOAD_FRAMING;
				mark = REQ_BIG_UPLOAD;
			}
		} else if (bc == BODY_FORM) {
			if (held(REQ_BIG_FORM) < (author_signed_in(&h) ?
			    BODY_FORMS_SIGNED_IN : BODY_FORMS_ANONYMOUS)) {
				limit = BODY_FORM_MAX;
				mark = REQ_BIG_FORM;
			}
		} else if (author_signed_in(&h)) {
			if (h.content_length > (long long)(upload + BODY_UPLOAD_FRAMING)) {
				limit = 4 * upload;
				discard = REQ_DISCARDED;
			} else if (held(REQ_BIG_UPLOAD) >= BODY_UPLOADS) {
				limit = upload + BODY_UPLOAD_FRAMING;
				discard = REQ_DISCARDED | REQ_DISCARDED_BUSY;
			} else {
				limit = upload + BODY_UPLOAD_FRAMING;
				mark = REQ_BIG_UPLOAD;
			}
		}
	}
	http_body_max = limit;
	rc = http_header_recv(nb);
	http_body_max = small;
	if (limit == small)
		return (rc);

	last = NULL;
	TAILQ_FOREACH(req, &c->http_requests, olist)
		last = req;
	if (last == NULL || (last->flags & HTTP_REQUEST_DELETE))
		return (rc);
	last->flags |= mark;
	if (discard && (last->flags & HTTP_REQUEST_EXPECT_BODY) &&
	    c->rnb->extra == last) {
		last->flags |= discard;
		kore_buf_free(last->http_body);
		last->http_body = kore_buf_alloc(0);
		c->rnb->cb = body_discard;
	}
	return (rc);
}

/* Kore's http_body_recv(), keeping nothing. */
static int
body_discard(struct netbuf *nb)
{
	struct http_request	*req = nb->extra;

	req->content_length -= nb->s_off;
	if (req->content_length > 0) {
		net_recv_reset(nb->owner, MIN(req->content_length,
		    NETBUF_SEND_PAYLOAD_MAX), body_discard);
		return (KORE_RESULT_OK);
	}
	nb->extra = NULL;
	http_request_wakeup(req);
	req->flags |= HTTP_REQUEST_COMPLETE;
	req->flags &= ~HTTP_REQUEST_EXPECT_BODY;
	req->content_length = 0;
	(void)http_body_rewind(req);
	net_recv_reset(nb->owner, http_header_max, http_header_recv);
	return (KORE_RESULT_OK);
}

/*
 * Why the request's body was not kept: 0 (it was), BODY_REFUSED_TOO_LARGE
 * or BODY_REFUSED_BUSY.
 */
int
ctx_body_refused(const struct ctx *c)
{
	if (!(c->req->flags & REQ_DISCARDED))
		return (0);
	return ((c->req->flags & REQ_DISCARDED_BUSY) ?
	    BODY_REFUSED_BUSY : BODY_REFUSED_TOO_LARGE);
}
