/*
 * signin — sign-in, sign-out and the landing redirect.
 *
 * Argon2id costs ~50 ms of CPU and 64 MiB: it runs on a Kore task thread
 * so the worker keeps serving other requests meanwhile. An unknown or
 * disabled address is checked against a dummy hash so that timing does
 * not reveal which addresses have accounts. Throttling counts failures
 * per address (hashed) and per IP over 15 minutes: 5 for an address lock
 * it (its owner gets in with a fresh code by email: invitation.c); past
 * PORTAL_SIGNIN_IP_LIMIT from an IP, every attempt from it is slowed, up to
 * 3 s (throttle.c), but a correct password is never refused for the IP,
 * which behind a proxy is everyone's.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "extern.h"

#include "checks.h"
#include "config.h"
#include "db.h"
#include "form.h"
#include "password.h"
#include "pwtask.h"
#include "throttle.h"
#include "tmpl.h"
#include "token.h"

#define BAD_SIGNIN	"Enter a correct email address and password"
#define THROTTLED	"You have tried to sign in too many times. " \
			"Wait 15 minutes, then try again."

/* Lives in ctx->hstate while the hash is checked on a task thread. */
struct signin {
	struct pwtask		 pt;		/* first: the task entry casts back */
	char			 hash[128];
	char			 rehash[128];
	char			 account_id[24];
	char			 email_hash[65];
	int			 known;
	int			 verified;
	int			 two_step;	/* a code is due after the password */
};

static char	dummy_hash[128];

static int	signin_begin(struct ctx *);
static int	signin_check(struct ctx *, struct signin *);
static int	attempt_failures(struct ctx *, const char *, int *, int *);
static void	delay_over(void *, u_int64_t);
static int	signin_finish(struct ctx *, struct signin *);
static int	verify_task(struct kore_task *);

/* Per worker: the dummy hash compared against for unknown addresses. */
int
signin_worker_init(void)
{
	char	random_pw[TOKEN_CHARS + 1];

	token_new(random_pw);
	return (password_hash(random_pw, dummy_hash));
}

int
page_root(struct ctx *c)
{
	return (http_see_other(c, c->signed_in ?
	    role_home(c->sess.role) : "/sign-in"));
}

/*
 * A fresh pre-session CSRF token for a form used before sign-in (sign-in,
 * invitation): a double-submit cookie, checked by dispatch.c.
 */
void
presession_put(struct ctx *c)
{
	char	token[TOKEN_CHARS + 1];

	token_new(token);
	cookie_set(c, presession_cookie_name(), token, 3600);
	tdict_set(c->page, "csrf", token);
}

int
signin_form(struct ctx *c, int status, const char *email)
{
	presession_put(c);
	tdict_set(c->page, "email", email);
	return (page_render(c, status, "sign-in", "Sign in"));
}

int
page_signin(struct ctx *c)
{
	if (c->signed_in)
		return (http_see_other(c, role_home(c->sess.role)));
	return (signin_form(c, 200, ""));
}

void
pwtask_free(void *p)
{
	struct pwtask	*t = p;

	if (t->password != NULL) {
		sodium_memzero(t->password, strlen(t->password));
		free(t->password);
	}
	if (t->created)
		kore_task_destroy(&t->task);
	if (t->timer != NULL)	/* the request ended while it waited */
		kore_timer_remove(t->timer);
	free(p);
}

/* Timer: the wait is over (Kore frees a one-shot timer once run). */
static void
delay_over(void *arg, u_int64_t now)
{
	struct pwtask	*t = arg;

	(void)now;
	t->timer = NULL;
	http_request_wakeup(t->req);
}

int
pwtask_delay(struct ctx *c, struct pwtask *t, const char *email_hash)
{
	int	by_account, by_ip, ms;

	if (t->timer != NULL) {		/* woken early: sleep on */
		http_request_sleep(c->req);
		return (1);
	}
	if (t->delayed)
		return (0);
	t->delayed = 1;
	if (attempt_failures(c, email_hash, &by_account, &by_ip) == -1)
		return (0);	/* signin_throttled then fails closed */
	if ((ms = throttle_delay_ms(by_ip, cfg.signin_ip_limit)) == 0)
		return (0);
	t->req = c->req;
	t->timer = kore_timer_add(delay_over, (u_int64_t)ms, t,
	    KORE_TIMER_ONESHOT);
	http_request_sleep(c->req);
	return (1);
}

int
pwtask_start(struct ctx *c, struct pwtask *t, int (*fn)(struct kore_task *))
{
	kore_task_create(&t->task, fn);
	t->created = 1;
	kore_task_bind_request(&t->task, c->req);
	kore_task_run(&t->task);
	return (KORE_RESULT_RETRY);
}

int
pwtask_running(struct ctx *c, struct pwtask *t)
{
	if (kore_task_state(&t->task) == KORE_TASK_STATE_FINISHED)
		return (0);
	http_request_sleep(c->req);
	return (1);
}

/* Task thread: no Kore or database calls, only the hash. */
static int
verify_task(struct kore_task *t)
{
	struct signin	*s = (struct signin *)t;

	s->verified = password_verify(s->hash, s->pt.password) && s->known;
	if (s->verified && password_needs_rehash(s->hash) &&
	    password_hash(s->pt.password, s->rehash) != 0)
		s->rehash[0] = '\0';
	return (KORE_RESULT_OK);
}

/* Failures in the last 15 minutes for the address and from the IP. 0, or
 * -1 when the database did not answer. */
static int
attempt_failures(struct ctx *c, const char *email_hash, int *by_account,
    int *by_ip)
{
	PGresult	*res;

	if ((res = db_q(ST_ATTEMPT_FAILURES, email_hash, c->ip)) == NULL)
		return (-1);
	*by_account = atoi(db_val(res, 0, 0));
	*by_ip = atoi(db_val(res, 0, 1));
	PQclear(res);
	return (0);
}

/* 1 when this address has failed too often recently (the IP's failures
 * slow, pwtask_delay, and never refuse). */
int
signin_throttled(struct ctx *c, const char *email_hash)
{
	int	by_account, by_ip;

	if (attempt_failures(c, email_hash, &by_account, &by_ip) == -1)
		return (1);	/* fail closed */
	return (by_account >= cfg.signin_account_limit);
}

void
signin_record_attempt(struct ctx *c, const char *email_hash, int ok)
{
	PGresult	*res;

	res = db_q(ST_ATTEMPT_RECORD, email_hash, c->ip, ok ? "t" : "f");
	PQclear(res);
}

static int
signin_begin(struct ctx *c)
{
	struct signin	*s;
	const char	*email, *pw;
	char		 lower[255];

	email = form_get(c->form, "email");
	pw = form_get(c->form, "password");
	if (email == NULL || *email == '\0')
		page_error_add(c, "email", "Enter your email address");
	if (pw == NULL || *pw == '\0')
		page_error_add(c, "password", "Enter your password");
	if (c->nerrors)
		return (signin_form(c, 200, email ? email : ""));
	if (email_lower(email, lower, sizeof(lower)) == -1 || strlen(pw) > 512) {
		page_error_add(c, "email", BAD_SIGNIN);
		return (signin_form(c, 200, ""));
	}

	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (s->pt.password = strdup(pw)) == NULL) {
		free(s);
		return (page_error(c, 500));
	}
	c->hstate = s;
	c->hstate_free = pwtask_free;
	token_hash(lower, s->email_hash);
	return (signin_check(c, s));
}

/* After the IP's delay: the address's lock, then the hash on a task. */
static int
signin_check(struct ctx *c, struct signin *s)
{
	PGresult	*res;
	char		 lower[255];

	if (pwtask_delay(c, &s->pt, s->email_hash))
		return (KORE_RESULT_RETRY);
	(void)email_lower(form_get(c->form, "email"), lower, sizeof(lower));
	if (signin_throttled(c, s->email_hash)) {
		tdict_set(c->page, "notice", THROTTLED);
		audit_account(c, NULL, "sign_in_throttled");
		return (signin_form(c, 429, ""));
	}
	if ((res = db_q(ST_ACCOUNT_BY_EMAIL, lower)) == NULL)
		return (page_error(c, db_unavailable() ? 503 : 500));
	/* An invited parent who has not chosen a password ('!…') is as
	 * unknown as an address without an account. */
	s->known = db_rows(res) == 1 && strcmp(db_val(res, 0, 2), "f") == 0 &&
	    db_val(res, 0, 1)[0] != '!';
	(void)kore_strlcpy(s->hash, s->known ? db_val(res, 0, 1) : dummy_hash,
	    sizeof(s->hash));
	(void)kore_strlcpy(s->account_id, db_val(res, 0, 0), sizeof(s->account_id));
	s->two_step = s->known && db_val(res, 0, 3)[0] == 't';
	PQclear(res);
	return (pwtask_start(c, &s->pt, verify_task));
}

static int
signin_finish(struct ctx *c, struct signin *s)
{
	PGresult	*res;

	signin_record_attempt(c, s->email_hash, s->verified);
	if (!s->verified) {
		audit_account(c, s->account_id[0] ? s->account_id : NULL,
		    "sign_in_failed");
		page_error_add(c, "email", BAD_SIGNIN);
		return (signin_form(c, 200, form_get(c->form, "email")));
	}
	if (s->rehash[0] != '\0' &&
	    (res = db_q(ST_ACCOUNT_SET_HASH, s->account_id, s->rehash)) != NULL)
		PQclear(res);
	return (signin_session(c, s->account_id, s->two_step,
	    "sign_in_password_ok"));
}

/*
 * The end of a sign-in by password, by a code from an email or by the
 * two-step code: a new session, then the code page while the account
 * still owes its two-step code (pending_action audited, if given), else
 * home (the landing page is decided from the role on the next request).
 */
int
signin_session(struct ctx *c, const char *account, int two_step,
    const char *pending_action)
{
	if (session_start(c, account, two_step) == -1)
		return (page_error(c, db_unavailable() ? 503 : 500));
	if (two_step) {
		if (pending_action != NULL)
			audit_account(c, account, pending_action);
		return (http_see_other(c, "/sign-in/code"));
	}
	audit_account(c, account, "sign_in");
	return (http_see_other(c, "/"));
}

int
do_signin(struct ctx *c)
{
	struct signin	*s = c->hstate;

	if (s == NULL)
		return (signin_begin(c));
	if (!s->pt.created)
		return (signin_check(c, s));
	if (pwtask_running(c, &s->pt))
		return (KORE_RESULT_RETRY);
	return (signin_finish(c, s));
}

int
do_signout(struct ctx *c)
{
	audit(c, "sign_out", "account", c->sess.account_id, NULL);
	session_end(c);
	return (http_see_other(c, "/sign-in"));
}
