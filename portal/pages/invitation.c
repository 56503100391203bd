/*
 * invitation — a parent or carer named on an assessment gets an account
 * of their own. Creating the assessment makes the account (no usable
 * password) and mails a one-time code; on /invitation they enter their
 * email address, the code and a password they choose, and are signed in.
 * The code is never in a URL; only its SHA-256 is stored; it lasts 14
 * days and works once. Wrong codes are counted per address apart from
 * wrong passwords, since the newest code was made (5 refuse more), and
 * from the IP with them (slowing, as at sign-in): so an account locked
 * by wrong passwords still lets its owner in with a fresh code, which
 * lifts the lock. The new password is hashed on a Kore task thread, as
 * at sign-in.
 *
 * A forgotten password works the same way: /password-reset mails a code
 * (1 hour, once, the newest only) to an active account's own address, and
 * /password-reset/code takes it with a new password. Every session of the
 * account ends, the owner is told by mail, and an account with two-step
 * verification still needs its code to sign in.
 */
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "extern.h"

#include "pwtask.h"
#include "chaser.h"
#include "checks.h"
#include "config.h"
#include "db.h"
#include "form.h"
#include "password.h"
#include "sbuf.h"
#include "tmpl.h"
#include "token.h"
#include "validate.h"
#include "views.h"

#define BAD_CODE	"The email address or code is not right, or the code " \
			"has expired. Check the invitation email, or ask your " \
			"caseworker (or, for a staff account, your administrator) " \
			"for a new code"
#define THROTTLED	"You have tried too many times. Wait 15 minutes, " \
			"then try again."

/* Lives in ctx->hstate while the password is hashed on a task thread. */
struct invite_set {
	struct pwtask		 pt;		/* first: the task entry casts back */
	char			 hash[128];
	char			 invitation[24];
	char			 email_hash[65];	/* the address's sign-in counter */
	char			 code_hash[65];		/* its counter of wrong codes */
	char			 norm[INVITE_CODE_CHARS + 1];
	int			 hashed;
};

struct code_kind;
static int	code_form(struct ctx *, const struct code_kind *, int);
static int	code_begin(struct ctx *, const struct code_kind *);
static int	code_check(struct ctx *, const struct code_kind *,
		    struct invite_set *);
static int	code_finish(struct ctx *, const struct code_kind *,
		    struct invite_set *);
static int	code_post(struct ctx *, const struct code_kind *);
static int	hash_task(struct kore_task *);
static const char *reset_link(void);

/* body (initialised here) = the mail template with {{code}} filled in;
 * the SQL fills the other placeholders. Check body->oom. */
void
fill_code(struct sbuf *body, const char *tmpl, const char *code)
{
	const char	*at;

	sbuf_init(body);
	while ((at = strstr(tmpl, "{{code}}")) != NULL) {
		sbuf_append(body, tmpl, (size_t)(at - tmpl));
		sbuf_puts(body, code);
		tmpl = at + 8;
	}
	sbuf_puts(body, tmpl);
}

/*
 * Inside the caller's transaction, before the contact is written: the
 * parent account of email (made if there is none) and, while it has no
 * password yet, a new code mailed to them. INVITE_SENT; INVITE_ACTIVE
 * when that parent has set up their account already (nothing to send);
 * INVITE_NOT_PARENT when the address is a staff account (the contact is
 * then left unlinked); -1 the database refused.
 */
int
invitation_for_contact(const char *council, const char *assessment,
    const char *reference, const char *name, const char *email)
{
	PGresult	*res;
	struct sbuf	 body;
	char		 account[24], code[INVITE_CODE_CHARS + 2];
	char		 norm[INVITE_CODE_CHARS + 1], hash[65], link[300];
	int		 invite;

	if ((res = db_q(ST_PARENT_ACCOUNT, council, email, name)) == NULL)
		return (-1);
	if (db_rows(res) != 1) {
		PQclear(res);
		return (INVITE_NOT_PARENT);
	}
	(void)kore_strlcpy(account, db_val(res, 0, 0), sizeof(account));
	invite = db_val(res, 0, 1)[0] == 't';
	PQclear(res);
	if (!invite)
		return (INVITE_ACTIVE);

	invite_code_new(code);
	(void)invite_code_normalise(code, norm);
	token_hash(norm, hash);
	(void)snprintf(link, sizeof(link), "%s/invitation", portal_chaser.base_url);
	fill_code(&body, portal_chaser.ev_bodies[CHASE_EV_INVITATION], code);
	if (body.oom || body.data == NULL) {
		sbuf_free(&body);
		return (-1);
	}
	res = db_q(ST_INVITATION_CREATE, account, assessment, hash, email,
	    portal_chaser.ev_subjects[CHASE_EV_INVITATION], body.data,
	    reference, link, name);
	sodium_memzero(body.data, body.len);
	sodium_memzero(code, sizeof(code));
	sbuf_free(&body);
	if (res == NULL || db_rows(res) != 1) {
		PQclear(res);
		return (-1);
	}
	PQclear(res);
	return (INVITE_SENT);
}

/*
 * POST /assessments/{id}/contacts/{id}/invitation (caseworker of the
 * assessment, or a manager of its council): a new invitation for a parent
 * or carer who has not set up their account, to the address in the form
 * (corrected, or the same for a code that expired). The codes sent
 * before stop working. All or nothing, in one transaction.
 */
int
do_contact_invite(struct ctx *c)
{
	PGresult	*a, *ct = NULL, *up = NULL;
	char		 email[255], org[24], acc[24], ref[32], name[201];
	const char	*typed = form_get(c->form, "email"), *why = NULL;
	struct verrs	 e;
	int		 rc, sent = -1;

	if ((rc = scoped_get(c, ST_ASSESSMENT_GET, c->id_text[0], &a)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	(void)kore_strlcpy(ref, db_val(a, 0, 1), sizeof(ref));
	PQclear(a);
	if ((ct = db_q(ST_CONTACT_GET, c->id_text[1], c->id_text[0])) == NULL)
		return (page_error(c, 503));
	if (db_rows(ct) != 1) {
		PQclear(ct);
		return (page_error(c, 404));
	}
	(void)kore_strlcpy(name, db_val(ct, 0, 0), sizeof(name));
	(void)kore_strlcpy(acc, db_val(ct, 0, 2), sizeof(acc));
	rc = db_val(ct, 0, 3)[0] == 't';
	PQclear(ct);
	verrs_init(&e);
	if (rc)
		why = "They have set up their account already, so they need no "
		    "invitation. They can sign in with their email address";
	else if (val_contact_email(typed, &e) > 0 ||
	    email_lower(typed, email, sizeof(email)) == -1)
		why = e.n > 0 ? e.e[0].message : "Enter an email address in "
		    "the correct format, like name@example.com";
	if (why != NULL)
		goto refused;
	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	if (db_begin() == -1)
		return (page_error(c, 503));
	if (acc[0] != '\0' && (up = db_q(ST_INVITATIONS_VOID, acc,
	    c->id_text[0])) == NULL)
		goto failed;
	PQclear(up);
	up = NULL;
	if ((sent = invitation_for_contact(org, c->id_text[0], ref, name,
	    email)) != INVITE_SENT)
		goto failed;
	if ((up = db_q(ST_CONTACT_EMAIL, c->id_text[1], c->id_text[0],
	    email)) == NULL || db_rows(up) != 1 || db_commit() == -1)
		goto failed;
	PQclear(up);
	audit(c, "invite_contact", "assessment", c->id[0], NULL);
	(void)snprintf(email, sizeof(email), "/assessments/%s", c->id_text[0]);
	return (http_see_other(c, email));

failed:
	PQclear(up);
	db_rollback();
	if (sent == INVITE_NOT_PARENT)
		why = "This email address cannot be used for a parent or "
		    "carer: it belongs to a staff account or to a closed one";
	else if (sent == INVITE_ACTIVE)
		why = "A parent or carer with this email address has set up "
		    "their account already. Enter this contact's own address";
	else
		return (page_error(c, 503));
refused:
	(void)snprintf(email, sizeof(email), "email-%s", c->id_text[1]);
	page_error_add(c, email, why);
	return (assessment_show(c, 400, c->id_text[1], why));
}

/*
 * The two pages where a code from an email and a new password are
 * entered: a parent's invitation, and a password reset. The same checks,
 * throttling and redemption; their words differ.
 */
struct code_kind {
	const char	*kind;		/* invitations.kind */
	const char	*page;		/* template */
	const char	*title;
	const char	*email_missing;
	const char	*code_missing;
	const char	*bad_code;
	const char	*audit_refused;
	const char	*audit_used;
};

static const struct code_kind	invitation_kind = {
	"invitation", "invitation", "Set up your account",
	"Enter the email address the invitation was sent to, like "
	"name@example.com",
	"Enter the code from your invitation email",
	BAD_CODE, "invitation_refused", "accept_invitation",
};

static const struct code_kind	reset_kind = {
	"reset", "password-reset-code", "Choose a new password",
	"Enter the email address of your account, like name@example.com",
	"Enter the code from the email we sent you",
	"The email address or code is not right, or the code has expired. "
	"Codes last 1 hour and only the newest one works: ask for a new code "
	"if you need one",
	"password_reset_refused", "password_reset",
};

static int
code_form(struct ctx *c, const struct code_kind *k, int status)
{
	presession_put(c);
	tdict_set(c->page, "email", form_get(c->form, "email"));
	tdict_set(c->page, "code", form_get(c->form, "code"));
	if (k == &reset_kind)
		tdict_set(c->page, "reset", "1");
	return (page_render(c, status, k->page, k->title));
}

int
page_invitation(struct ctx *c)
{
	if (c->signed_in)
		return (http_see_other(c, role_home(c->sess.role)));
	return (code_form(c, &invitation_kind, 200));
}

/* Task thread: no Kore or database calls, only the hash. */
static int
hash_task(struct kore_task *t)
{
	struct invite_set	*s = (struct invite_set *)t;

	s->hashed = password_hash(s->pt.password, s->hash) == 0;
	return (KORE_RESULT_OK);
}

static int
code_begin(struct ctx *c, const struct code_kind *k)
{
	struct invite_set	*s;
	const char		*email = form_get(c->form, "email");
	const char		*code = form_get(c->form, "code");
	const char		*pw = form_get(c->form, "password");
	const char		*again = form_get(c->form, "password-confirm");
	char			 norm[INVITE_CODE_CHARS + 1], lower[255];
	char			 counter[sizeof("code:") + sizeof(lower)];
	enum pw_verdict		 v;

	if (!email_valid(email))
		page_error_add(c, "email", k->email_missing);
	if (code == NULL || *code == '\0')
		page_error_add(c, "code", k->code_missing);
	else if (invite_code_normalise(code, norm) == -1)
		page_error_add(c, "code", "Enter the code exactly as it is in the "
		    "email: 10 letters and numbers, like 7KQ2M-XR4TB");
	if ((v = password_check(pw, email)) != PW_OK)
		page_error_add(c, "password", password_message(v));
	else if (again == NULL || strcmp(pw, again) != 0)
		page_error_add(c, "password-confirm", "Enter the same password twice");
	if (c->nerrors)
		return (code_form(c, k, 400));

	if ((s = calloc(1, sizeof(*s))) == NULL ||
	    (s->pt.password = strdup(pw)) == NULL) {
		free(s);
		return (page_error(c, 500));
	}
	c->hstate = s;
	c->hstate_free = pwtask_free;
	(void)email_lower(email, lower, sizeof(lower));	/* valid: it fits */
	token_hash(lower, s->email_hash);
	(void)snprintf(counter, sizeof(counter), "code:%s", lower);
	token_hash(counter, s->code_hash);
	memcpy(s->norm, norm, sizeof(s->norm));
	return (code_check(c, k, s));
}

/*
 * After the IP's delay: the address's wrong codes since its newest code
 * (not its wrong passwords: the owner of a locked account gets in this
 * way), then the code itself; the password is hashed on a task.
 */
static int
code_check(struct ctx *c, const struct code_kind *k, struct invite_set *s)
{
	PGresult	*res;
	char		 hash[65], lower[255];
	int		 failures;

	if (pwtask_delay(c, &s->pt, s->email_hash))
		return (KORE_RESULT_RETRY);
	(void)email_lower(form_get(c->form, "email"), lower, sizeof(lower));
	if ((res = db_q(ST_CODE_FAILURES, s->code_hash, lower, k->kind)) == NULL)
		return (page_error(c, 503));
	failures = atoi(db_val(res, 0, 0));
	PQclear(res);
	if (failures >= cfg.signin_account_limit) {
		tdict_set(c->page, "notice", THROTTLED);
		audit_account(c, NULL, "code_throttled");
		return (code_form(c, k, 429));
	}
	token_hash(s->norm, hash);
	if ((res = db_q(ST_INVITATION_FIND, hash, lower, k->kind)) == NULL)
		return (page_error(c, 503));
	if (db_rows(res) != 1) {
		PQclear(res);
		signin_record_attempt(c, s->code_hash, 0);
		audit_account(c, NULL, k->audit_refused);
		page_error_add(c, "code", k->bad_code);
		return (code_form(c, k, 400));
	}
	(void)kore_strlcpy(s->invitation, db_val(res, 0, 0), sizeof(s->invitation));
	PQclear(res);
	return (pwtask_start(c, &s->pt, hash_task));
}

/*
 * The code is spent and the password set; every session of the account
 * ends. Signed in at once, unless the account asks for a two-step code:
 * a code by email proves the mailbox, not the phone.
 */
static int
code_finish(struct ctx *c, const struct code_kind *k, struct invite_set *s)
{
	PGresult	*res;
	char		 account[24];
	int		 two_step;

	if (!s->hashed)
		return (page_error(c, 500));
	if ((res = db_q(ST_INVITATION_USE, s->invitation, s->hash)) == NULL)
		return (page_error(c, 503));
	if (db_rows(res) != 1) {
		/* Used or expired since the code was checked. */
		PQclear(res);
		page_error_add(c, "code", k->bad_code);
		return (code_form(c, k, 400));
	}
	(void)kore_strlcpy(account, db_val(res, 0, 0), sizeof(account));
	two_step = db_val(res, 0, 1)[0] == 't';
	PQclear(res);
	/* The mailbox is proven: the address's lock lifts. */
	if ((res = db_q(ST_ATTEMPT_CLEAR, s->email_hash, s->code_hash)) != NULL)
		PQclear(res);
	audit_account(c, account, k->audit_used);
	if (k == &reset_kind && (res = db_q(ST_PASSWORD_CHANGED_MAIL, account,
	    portal_chaser.ev_subjects[CHASE_EV_PASSWORD_CHANGED],
	    portal_chaser.ev_bodies[CHASE_EV_PASSWORD_CHANGED],
	    reset_link())) != NULL)
		PQclear(res);
	return (signin_session(c, account, two_step, NULL));
}

static int
code_post(struct ctx *c, const struct code_kind *k)
{
	struct invite_set	*s = c->hstate;

	if (s == NULL)
		return (code_begin(c, k));
	if (!s->pt.created)
		return (code_check(c, k, s));
	if (pwtask_running(c, &s->pt))
		return (KORE_RESULT_RETRY);
	return (code_finish(c, k, s));
}

/* POST /invitation: email, code, password, password-confirm. */
int
do_invitation(struct ctx *c)
{
	return (code_post(c, &invitation_kind));
}

/* Where a reset code is entered, as the mails give it. */
static const char *
reset_link(void)
{
	static char	link[300];

	if (link[0] == '\0')
		(void)snprintf(link, sizeof(link), "%s/password-reset/code",
		    portal_chaser.base_url);
	return (link);
}

/* GET /password-reset: the address to send a code to. */
int
page_password_reset(struct ctx *c)
{
	if (c->signed_in)
		return (http_see_other(c, role_home(c->sess.role)));
	presession_put(c);
	return (page_render(c, 200, "password-reset", "Reset your password"));
}

/*
 * POST /password-reset: email. A code is mailed if the address is an
 * active account's; the answer is the same either way (nobody learns
 * which addresses have accounts), the page where the code is entered.
 */
int
do_password_reset(struct ctx *c)
{
	PGresult	*res;
	struct sbuf	 body;
	const char	*email = form_get(c->form, "email");
	char		 lower[255], code[INVITE_CODE_CHARS + 2];
	char		 norm[INVITE_CODE_CHARS + 1], hash[65];

	if (!email_valid(email) || email_lower(email, lower, sizeof(lower)) == -1) {
		page_error_add(c, "email", reset_kind.email_missing);
		presession_put(c);
		tdict_set(c->page, "email", email);
		return (page_render(c, 400, "password-reset", "Reset your password"));
	}
	invite_code_new(code);
	(void)invite_code_normalise(code, norm);
	token_hash(norm, hash);
	fill_code(&body, portal_chaser.ev_bodies[CHASE_EV_PASSWORD_RESET], code);
	sodium_memzero(code, sizeof(code));
	sodium_memzero(norm, sizeof(norm));
	if (body.oom || body.data == NULL) {
		sbuf_free(&body);
		return (page_error(c, 500));
	}
	res = db_q(ST_RESET_CREATE, lower, hash,
	    portal_chaser.ev_subjects[CHASE_EV_PASSWORD_RESET], body.data,
	    reset_link());
	sodium_memzero(body.data, body.len);
	sbuf_free(&body);
	if (res == NULL)
		return (page_error(c, 503));
	audit_account(c, NULL, db_rows(res) == 1 ? "password_reset_mailed" :
	    "password_reset_not_mailed");
	PQclear(res);
	tdict_set(c->page, "notice", "If this email address has an account, "
	    "we have sent a code to it. Check your email: the code lasts 1 hour.");
	return (code_form(c, &reset_kind, 200));
}

/* GET /password-reset/code */
int
page_password_reset_code(struct ctx *c)
{
	if (c->signed_in)
		return (http_see_other(c, role_home(c->sess.role)));
	return (code_form(c, &reset_kind, 200));
}

/* POST /password-reset/code: email, code, password, password-confirm. */
int
do_password_reset_code(struct ctx *c)
{
	return (code_post(c, &reset_kind));
}
