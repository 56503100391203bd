/*
 * two_step — the second step of sign-in: a code from an authenticator
 * app (totp.c), and the page where a user sets it up.
 *
 * Sign-in with two-step verification on: the right password makes a
 * session that no page accepts but /sign-in/code (second_step_pending);
 * the right code ends it and starts a full one with a fresh token. Each
 * code works once (totp_last_step). Five wrong codes end the pending
 * session; every wrong code also counts towards the sign-in throttle of
 * the account's address, so guessing is held off as passwords are.
 *
 * An organisation can require it (organisations.require_two_step): its
 * staff are sent to /two-step until they have set it up.
 *
 * The secret shown on the set-up page waits to be confirmed in the
 * session that was shown it (sessions.totp_pending) for 15 minutes, and
 * only that session can confirm it: where two-step is required the
 * password alone reaches this page, and a secret kept with the account
 * would give whoever once knew the password the second factor its owner
 * enrols later. Sign-out, a password reset and an administrator's reset
 * discard it; a new session is shown a new one.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "extern.h"

#include "checks.h"
#include "db.h"
#include "form.h"
#include "pwtask.h"
#include "sbuf.h"
#include "tmpl.h"
#include "token.h"
#include "totp.h"

#define MAX_CODE_FAILURES 5
#define ENTER_CODE	"Enter the 6-digit code from your authenticator app"
#define WRONG_CODE	"The code is not right or has been used already. " \
			"Enter the code your app shows now"
#define THROTTLED	"You have tried to sign in too many times. " \
			"Wait 15 minutes, then try again."

static void	seal_key(unsigned char[32]);
static int	pending_get(struct ctx *, PGresult **);
static int	code_form(struct ctx *, int);
static int	code_refused(struct ctx *, const char *);
static int	setup_form(struct ctx *, int);
static char	*otpauth_uri(const char *, const char *);

/* The key sealing every TOTP secret: derived from the master key. */
static void
seal_key(unsigned char key[32])
{
	crypto_kdf_derive_from_key(key, 32, 1, "totp____", master_key);
}

/* Routes a signed-in user who must set it up may still use. */
int
two_step_exempt(const struct ctx *c)
{
	return (c->route->fn == page_two_step || c->route->fn == do_two_step ||
	    c->route->fn == do_signout || c->route->fn == page_accessibility);
}

/* 1 and the pending sign-in's row, 0 none (or too old), -1 database down. */
static int
pending_get(struct ctx *c, PGresult **out)
{
	char	token[64];

	*out = NULL;
	if (cookie_get(c, session_cookie_name(), token, sizeof(token)) == -1 ||
	    strlen(token) != TOKEN_CHARS)
		return (0);
	token_hash(token, c->sess.token_hash);
	sodium_memzero(token, sizeof(token));
	if ((*out = db_q(ST_SESSION_PENDING, c->sess.token_hash)) == NULL)
		return (-1);
	if (db_rows(*out) != 1) {
		PQclear(*out);
		*out = NULL;
		return (0);
	}
	return (1);
}

static int
code_form(struct ctx *c, int status)
{
	presession_put(c);
	return (page_render(c, status, "sign-in-code", "Enter your code"));
}

/* GET /sign-in/code */
int
page_signin_code(struct ctx *c)
{
	PGresult	*res;
	int		 rc;

	if (c->signed_in)
		return (http_see_other(c, role_home(c->sess.role)));
	if ((rc = pending_get(c, &res)) == -1)
		return (page_error(c, 503));
	if (rc == 0)
		return (http_see_other(c, "/sign-in"));
	PQclear(res);
	return (code_form(c, 200));
}

/* A wrong or used code: counted; the fifth ends the pending sign-in. */
static int
code_refused(struct ctx *c, const char *account)
{
	PGresult	*res;
	int		 failures;

	audit_account(c, account, "sign_in_code_failed");
	if ((res = db_q(ST_SESSION_CODE_FAILED, c->sess.token_hash)) == NULL)
		return (page_error(c, 503));
	failures = db_rows(res) == 1 ? atoi(db_val(res, 0, 0)) :
	    MAX_CODE_FAILURES;
	PQclear(res);
	if (failures < MAX_CODE_FAILURES) {
		page_error_add(c, "code", WRONG_CODE);
		return (code_form(c, 200));
	}
	if ((res = db_q(ST_SESSION_DELETE, c->sess.token_hash)) != NULL)
		PQclear(res);
	cookie_set(c, session_cookie_name(), "", 0);
	tdict_set(c->page, "notice", "You entered a wrong code too many times. "
	    "Sign in again.");
	return (signin_form(c, 200, ""));
}

/* POST /sign-in/code: code. */
int
do_signin_code(struct ctx *c)
{
	PGresult	*res, *r2;
	unsigned char	 key[TOTP_SECRET_BYTES], skey[32];
	char		 account[24], email_hash[65], step_text[24], lower[255];
	long		 code;
	int64_t		 step, last;
	int		 rc;

	if (c->signed_in)	/* signed in meanwhile, in another tab */
		return (http_see_other(c, role_home(c->sess.role)));
	if ((rc = pending_get(c, &res)) == -1)
		return (page_error(c, 503));
	if (rc == 0) {
		tdict_set(c->page, "notice", "Your sign-in took too long. "
		    "Sign in again.");
		return (signin_form(c, 200, ""));
	}
	(void)kore_strlcpy(account, db_val(res, 0, 0), sizeof(account));
	last = strtoll(db_val(res, 0, 3), NULL, 10);
	if (email_lower(db_val(res, 0, 4), lower, sizeof(lower)) == -1)
		lower[0] = '\0';
	token_hash(lower, email_hash);
	/* Slowed like a password from an IP with many failures. */
	if (c->hstate == NULL) {
		if ((c->hstate = calloc(1, sizeof(struct pwtask))) == NULL) {
			PQclear(res);
			return (page_error(c, 500));
		}
		c->hstate_free = pwtask_free;
	}
	if (pwtask_delay(c, c->hstate, email_hash)) {
		PQclear(res);
		return (KORE_RESULT_RETRY);
	}
	if (signin_throttled(c, email_hash)) {
		PQclear(res);
		tdict_set(c->page, "notice", THROTTLED);
		audit_account(c, account, "sign_in_throttled");
		return (code_form(c, 429));
	}
	if ((code = totp_parse(form_get(c->form, "code"))) == -1) {
		PQclear(res);
		page_error_add(c, "code", ENTER_CODE);
		return (code_form(c, 200));
	}
	seal_key(skey);
	rc = totp_unseal(skey, db_val(res, 0, 2), key);
	sodium_memzero(skey, sizeof(skey));
	PQclear(res);
	if (rc == -1) {
		kore_log(LOG_ERR, "two-step: account %s: secret does not unseal "
		    "(another master key?)", account);
		return (page_error(c, 500));
	}
	step = totp_match(key, code, (int64_t)time(NULL), last);
	sodium_memzero(key, sizeof(key));
	if (step != -1) {
		(void)snprintf(step_text, sizeof(step_text), "%lld",
		    (long long)step);
		if ((r2 = db_q(ST_TOTP_USE, account, step_text)) == NULL)
			return (page_error(c, 503));
		if (db_rows(r2) != 1)
			step = -1;	/* taken meanwhile: a replay */
		PQclear(r2);
	}
	signin_record_attempt(c, email_hash, step != -1);
	if (step == -1)
		return (code_refused(c, account));
	/* Both steps proven: the pending session gives way to a new one. */
	if ((r2 = db_q(ST_SESSION_DELETE, c->sess.token_hash)) == NULL)
		return (page_error(c, 503));
	PQclear(r2);
	return (signin_session(c, account, 0, NULL));
}

/*
 * otpauth://totp/ISSUER:EMAIL?secret=…, what the app reads from the QR
 * code (the email percent-encoded). Caller wipes and frees; NULL when
 * memory ran out.
 */
static char *
otpauth_uri(const char *email, const char *b32)
{
	struct sbuf	 sb;
	const char	*p;

	sbuf_init(&sb);
	sbuf_puts(&sb, "otpauth://totp/EHC%20Advice%20Portal:");
	for (p = email; *p != '\0'; p++) {
		if (isalnum((unsigned char)*p) || strchr("-._~", *p) != NULL)
			sbuf_append(&sb, p, 1);
		else
			sbuf_printf(&sb, "%%%02X", (unsigned char)*p);
	}
	sbuf_printf(&sb, "?secret=%s&issuer=EHC%%20Advice%%20Portal"
	    "&digits=6&period=30", b32);
	if (sb.oom) {
		sbuf_free(&sb);
		return (NULL);
	}
	return (sb.data);
}

/*
 * The set-up page: the QR code and key of the secret waiting to be
 * confirmed in this session (made now if there is none, or it is over 15
 * minutes old), or that it is on.
 */
static int
setup_form(struct ctx *c, int status)
{
	PGresult	*res;
	unsigned char	 key[TOTP_SECRET_BYTES], skey[32];
	char		 sealed[TOTP_SEALED_CHARS + 1], acc[24], b32[TOTP_BASE32_CHARS + 1];
	char		 grouped[TOTP_BASE32_CHARS + TOTP_BASE32_CHARS / 4];
	char		*uri, *path;
	int		 width, rc;

	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	if ((res = db_q(ST_TOTP_GET, acc)) == NULL)
		return (page_error(c, 503));
	if (db_rows(res) == 1 && !PQgetisnull(res, 0, 1)) {
		tdict_set(c->page, "on_since", db_val(res, 0, 1));
		PQclear(res);
		return (page_render(c, status, "two-step", "Two-step verification"));
	}
	PQclear(res);
	/* This session's secret (the app may have it already), or this new
	 * one: the statement keeps a live one. */
	seal_key(skey);
	totp_new_sealed(skey, sealed);
	if ((res = db_q(ST_TOTP_SETUP, c->sess.token_hash, sealed)) == NULL) {
		sodium_memzero(skey, sizeof(skey));
		return (page_error(c, 503));
	}
	if (db_rows(res) == 1)
		(void)kore_strlcpy(sealed, db_val(res, 0, 0), sizeof(sealed));
	else
		sealed[0] = '\0';
	PQclear(res);
	rc = totp_unseal(skey, sealed, key);
	sodium_memzero(skey, sizeof(skey));
	if (rc == -1)
		return (page_error(c, 500));
	totp_base32(key, b32);
	totp_base32_grouped(key, grouped);
	sodium_memzero(key, sizeof(key));
	uri = otpauth_uri(c->sess.email, b32);
	path = uri != NULL ? totp_qr_path(uri, &width) : NULL;
	if (uri != NULL) {
		sodium_memzero(uri, strlen(uri));
		free(uri);
	}
	sodium_memzero(b32, sizeof(b32));
	if (path == NULL)
		return (page_error(c, 500));
	tdict_set(c->page, "qr_path", path);
	tdict_setf(c->page, "qr_width", "%d", width);
	tdict_set(c->page, "secret_grouped", grouped);
	sodium_memzero(path, strlen(path));
	free(path);
	sodium_memzero(grouped, sizeof(grouped));
	if (c->sess.two_step_required)
		tdict_set(c->page, "required", "1");
	return (page_render(c, status, "two-step", "Set up two-step verification"));
}

/* GET /two-step */
int
page_two_step(struct ctx *c)
{
	return (setup_form(c, 200));
}

/* POST /two-step: code, typed from the app after scanning. */
int
do_two_step(struct ctx *c)
{
	PGresult	*res;
	unsigned char	 key[TOTP_SECRET_BYTES], skey[32];
	char		 acc[24], sealed[TOTP_SEALED_CHARS + 1], step_text[24];
	long		 code;
	int64_t		 step;
	int		 rc;

	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	if ((res = db_q(ST_TOTP_GET, acc)) == NULL)
		return (page_error(c, 503));
	rc = db_rows(res) != 1 || !PQgetisnull(res, 0, 1);
	PQclear(res);
	if (rc)		/* on already: the page says so */
		return (http_see_other(c, "/two-step"));
	if ((res = db_q(ST_TOTP_PENDING, c->sess.token_hash)) == NULL)
		return (page_error(c, 503));
	if (db_rows(res) != 1) {
		/* Nothing waiting in this session (or too old): the page
		 * shows a new secret, with why. */
		PQclear(res);
		page_error_add(c, "code", "The key has expired. Scan the new QR "
		    "code, then enter the code the app shows");
		return (setup_form(c, 400));
	}
	(void)kore_strlcpy(sealed, db_val(res, 0, 0), sizeof(sealed));
	PQclear(res);
	if ((code = totp_parse(form_get(c->form, "code"))) == -1) {
		page_error_add(c, "code", ENTER_CODE);
		return (setup_form(c, 400));
	}
	seal_key(skey);
	rc = totp_unseal(skey, sealed, key);
	sodium_memzero(skey, sizeof(skey));
	if (rc == -1)
		return (page_error(c, 500));
	step = totp_match(key, code, (int64_t)time(NULL), 0);
	sodium_memzero(key, sizeof(key));
	if (step == -1) {
		page_error_add(c, "code", "The code is not right. Check the app "
		    "shows the EHC Advice Portal, then enter the code it shows now");
		return (setup_form(c, 400));
	}
	(void)snprintf(step_text, sizeof(step_text), "%lld", (long long)step);
	if ((res = db_q(ST_TOTP_ENABLE, acc, step_text, sealed,
	    c->sess.token_hash)) == NULL)
		return (page_error(c, 503));
	rc = db_rows(res);
	PQclear(res);
	if (rc != 1)
		return (http_see_other(c, "/two-step"));
	/* Sessions elsewhere were made without the code: they end. */
	if ((res = db_q(ST_SESSION_END_OTHERS, acc, c->sess.token_hash)) != NULL)
		PQclear(res);
	audit(c, "two_step_on", "account", c->sess.account_id, NULL);
	return (http_see_other(c, "/two-step"));
}
