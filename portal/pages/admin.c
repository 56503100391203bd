/*
 * admin — the council runs itself. An administrator sees the accounts of
 * their council and of the providers that serve it; any other id is 404.
 * They create organisations and link providers to the council (one
 * already in the portal, another council's say, is linked rather than
 * made twice), create staff accounts (the new user gets a one-time code by
 * mail and chooses their own password on /invitation, as parents do),
 * change a user's role, disable and re-enable accounts (a disabled
 * account's sessions end at once) and read an account's audit trail. They
 * change only accounts of organisations their council manages: a provider
 * may serve several councils, and one council's administrator must not
 * sign out or reset another's shared staff (their own administrator, or
 * the operator with portalctl, does). Every change is audited; a record
 * outside the council's scope is 404, as if it did not exist.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "extern.h"
#include "admin_rules.h"
#include "admin_sql.h"
#include "chaser.h"
#include "db.h"
#include "checks.h"
#include "form.h"
#include "paging.h"
#include "sbuf.h"
#include "tmpl.h"
#include "token.h"

/* The roles an administrator gives, in the order offered, with who may
 * have each. */
static const struct {
	enum role	 role;
	const char	*hint;
} staff_roles[] = {
	{ ROLE_CASEWORKER, "Council staff: runs their own caseload" },
	{ ROLE_MANAGER, "Council staff: every assessment in the council" },
	{ ROLE_ADMIN, "Council staff: organisations and accounts" },
	{ ROLE_SERVICE_LEAD, "A provider's lead: sees every request to the "
	    "service and allocates them" },
	{ ROLE_PROFESSIONAL, "A provider's staff: writes the advice asked of them" },
	{ ROLE_SCHOOL_RESPONDER, "A school's head or SENCO: answers "
	    "consultations" },
};
#define NSTAFF_ROLES	(sizeof(staff_roles) / sizeof(staff_roles[0]))

/* Success messages after a redirect, by ?done= (never the user's words). */
static const struct {
	const char	*key;
	const char	*text;
} done_messages[] = {
	{ "created", "Organisation created and linked to your council" },
	{ "linked", "The organisation was already in the portal: it is now "
	    "linked to your council" },
	{ "account", "Account created. We have emailed them a code to set "
	    "up their account: it works once and expires in 7 days" },
	{ "role", "Role changed. They were signed out and see their new "
	    "role when they sign in again" },
	{ "disabled", "Account disabled. They were signed out everywhere "
	    "and cannot sign in" },
	{ "enabled", "Account enabled. They can sign in again" },
};

static void	done_put(struct ctx *);
static void	council_text(struct ctx *, char *, size_t);
static void	roles_put(struct ctx *, const char *);
static int	orgs_put(struct ctx *, const char *, int);
static int	org_form(struct ctx *, int);
static int	account_form(struct ctx *, int);
static int	staff_invite(const char *);
static int	account_scoped(struct ctx *, PGresult **, int);
static int	set_disabled(struct ctx *, const char *);

static void
council_text(struct ctx *c, char *out, size_t len)
{
	(void)snprintf(out, len, "%lld", c->sess.org_id);
}

/* The success banner a redirect asked for (?done=). */
static void
done_put(struct ctx *c)
{
	char	key[16];
	size_t	i;

	(void)query_get(c, "done", key, sizeof(key));
	for (i = 0; i < sizeof(done_messages) / sizeof(done_messages[0]); i++)
		if (strcmp(key, done_messages[i].key) == 0)
			tdict_set(c->page, "success", done_messages[i].text);
}

/* The role radios, chosen one checked. */
static void
roles_put(struct ctx *c, const char *chosen)
{
	struct tdict	*o;
	size_t		 i;

	for (i = 0; i < NSTAFF_ROLES; i++) {
		o = tdict_push(c->page, "roles");
		tdict_set(o, "value", role_name(staff_roles[i].role));
		tdict_set(o, "text", role_label(staff_roles[i].role));
		tdict_set(o, "hint", staff_roles[i].hint);
		tdict_set(o, "id", i == 0 ? "role" : role_name(staff_roles[i].role));
		if (chosen != NULL && strcmp(chosen, role_name(staff_roles[i].role)) == 0)
			tdict_set(o, "checked", "1");
	}
}

/* The council and its providers as "organisations" (chosen selected;
 * only those whose staff it manages if managed_only). 0, or -1 if the
 * database failed. */
static int
orgs_put(struct ctx *c, const char *chosen, int managed_only)
{
	PGresult	*res;
	struct tdict	*o;
	char		 council[24];
	int		 i;

	council_text(c, council, sizeof(council));
	if ((res = db_qd(&admin_stmts[AS_ORGS], council)) == NULL)
		return (-1);
	for (i = 0; i < db_rows(res); i++) {
		if (managed_only && db_named(res, i, "managed")[0] != 't')
			continue;
		o = tdict_push(c->page, "organisations");
		if (db_named(res, i, "managed")[0] == 't')
			tdict_set(o, "managed", "1");
		tdict_set(o, "id", db_named(res, i, "id"));
		tdict_set(o, "value", db_named(res, i, "id"));
		tdict_set(o, "name", db_named(res, i, "name"));
		tdict_set(o, "text", db_named(res, i, "name"));
		tdict_set(o, "kind", org_kind_label(db_named(res, i, "kind")));
		tdict_set(o, "accounts", db_named(res, i, "accounts"));
		if (chosen != NULL && strcmp(chosen, db_named(res, i, "id")) == 0)
			tdict_set(o, "selected", "1");
	}
	PQclear(res);
	return (0);
}

/* GET /admin/organisations: the council and the providers linked to it. */
int
page_admin_orgs(struct ctx *c)
{
	if (orgs_put(c, NULL, 0) == -1)
		return (page_error(c, 503));
	done_put(c);
	audit(c, "view_organisations", "", 0, NULL);
	return (page_render(c, 200, "admin-organisations", "Organisations"));
}

static int
org_form(struct ctx *c, int status)
{
	struct tdict	*o;
	const char	*kind = c->form ? form_get(c->form, "kind") : NULL;
	size_t		 i;

	for (i = 0; i < norg_kinds; i++) {
		o = tdict_push(c->page, "kinds");
		tdict_set(o, "value", org_kinds[i].name);
		tdict_set(o, "text", org_kinds[i].label);
		tdict_set(o, "id", i == 0 ? "kind" : org_kinds[i].name);
		if (kind != NULL && strcmp(kind, org_kinds[i].name) == 0)
			tdict_set(o, "checked", "1");
	}
	if (c->form != NULL)
		tdict_set(c->page, "v_name", form_get(c->form, "name"));
	return (page_render(c, status, "admin-organisation-new",
	    "Add an organisation"));
}

/* GET /admin/organisations/new */
int
page_admin_org_new(struct ctx *c)
{
	return (org_form(c, 200));
}

/*
 * POST /admin/organisations: name, kind. A provider of that kind and
 * name already in the portal is linked to the council (providers serve
 * several councils); otherwise it is made and linked. One transaction.
 */
int
do_admin_org_create(struct ctx *c)
{
	PGresult	*res = NULL;
	const char	*kind = form_get(c->form, "kind");
	char		 name[201], council[24], org[24], next[80];
	int		 rc, linked;

	rc = name_clean(form_get(c->form, "name"), name, sizeof(name), 200);
	if (rc == -1)
		page_error_add(c, "name", "Enter the organisation's name");
	else if (rc == -2)
		page_error_add(c, "name", "Organisation name must be 200 "
		    "characters or fewer");
	else if (rc == -3)
		page_error_add(c, "name", "Organisation name must be on one line");
	if (!org_kind_creatable(kind))
		page_error_add(c, "kind", "Select the type of organisation");
	if (c->nerrors)
		return (org_form(c, 400));

	council_text(c, council, sizeof(council));
	if (db_begin() == -1)
		return (page_error(c, 503));
	if ((res = db_qd(&admin_stmts[AS_ORG_FIND], kind, name, council)) == NULL)
		goto failed;
	if (db_rows(res) == 1) {
		(void)kore_strlcpy(org, db_named(res, 0, "id"), sizeof(org));
		linked = db_named(res, 0, "linked")[0] == 't';
		PQclear(res);
		res = NULL;
		if (linked) {
			db_rollback();
			page_error_add(c, "name", "This organisation is already "
			    "linked to your council");
			return (org_form(c, 400));
		}
		rc = 0;
	} else {
		PQclear(res);
		if ((res = db_qd(&admin_stmts[AS_ORG_INSERT], kind, name,
		    council)) == NULL ||
		    db_rows(res) != 1)
			goto failed;
		(void)kore_strlcpy(org, db_named(res, 0, "id"), sizeof(org));
		PQclear(res);
		res = NULL;
		rc = 1;
	}
	if ((res = db_qd(&admin_stmts[AS_ORG_LINK], council, org)) == NULL ||
	    db_rows(res) != 1 || db_commit() == -1)
		goto failed;
	PQclear(res);
	audit(c, rc ? "create_organisation" : "link_organisation",
	    "organisation", strtoll(org, NULL, 10), NULL);
	(void)snprintf(next, sizeof(next), "/admin/organisations/%s?done=%s",
	    org, rc ? "created" : "linked");
	return (http_see_other(c, next));
failed:
	PQclear(res);
	db_rollback();
	return (page_error(c, 503));
}

/* GET /admin/organisations/{id}: one organisation and its staff. */
int
page_admin_org(struct ctx *c)
{
	PGresult	*res;
	struct tdict	*o;
	char		 council[24];
	int		 i;

	council_text(c, council, sizeof(council));
	if ((res = db_qd(&admin_stmts[AS_ORG_GET], council, c->id_text[0])) == NULL)
		return (page_error(c, 503));
	if (db_rows(res) != 1) {
		PQclear(res);
		return (page_error(c, 404));
	}
	o = tdict_child(c->page, "org");
	tdict_set(o, "id", db_named(res, 0, "id"));
	tdict_set(o, "name", db_named(res, 0, "name"));
	tdict_set(o, "kind", org_kind_label(db_named(res, 0, "kind")));
	if (db_named(res, 0, "managed")[0] == 't')
		tdict_set(o, "managed", "1");
	PQclear(res);
	if ((res = db_qd(&admin_stmts[AS_ORG_ACCOUNTS], c->id_text[0])) == NULL)
		return (page_error(c, 503));
	for (i = 0; i < db_rows(res); i++) {
		o = tdict_push(c->page, "accounts");
		tdict_set(o, "id", db_named(res, i, "id"));
		tdict_set(o, "name", db_named(res, i, "name"));
		tdict_set(o, "email", db_named(res, i, "email"));
		tdict_set(o, "role", role_label(role_from_name(db_named(res, i, "role"))));
		if (db_named(res, i, "disabled")[0] == 't')
			tdict_set(o, "disabled", "1");
	}
	PQclear(res);
	done_put(c);
	audit(c, "view_organisation", "organisation", c->id[0], NULL);
	return (page_render(c, 200, "admin-organisation", "Organisation"));
}

static int
account_form(struct ctx *c, int status)
{
	char	 chosen[24];

	if (c->form != NULL)
		page_keep_form(c);
	else
		(void)query_get(c, "organisation", chosen, sizeof(chosen));
	if (orgs_put(c, c->form ? form_get(c->form, "organisation") : chosen,
	    1) == -1)
		return (page_error(c, 503));
	roles_put(c, c->form ? form_get(c->form, "role") : NULL);
	return (page_render(c, status, "admin-account-new", "Add an account"));
}

/* GET /admin/accounts/new[?organisation=ID] */
int
page_admin_account_new(struct ctx *c)
{
	return (account_form(c, 200));
}

/*
 * Inside the caller's transaction: a staff code for account, mailed to
 * it. 0, or -1 if the database refused.
 */
static int
staff_invite(const char *account)
{
	PGresult	*res;
	struct sbuf	 body;
	char		 code[INVITE_CODE_CHARS + 2], norm[INVITE_CODE_CHARS + 1];
	char		 hash[65], link[300];
	int		 rc;

	invite_code_new(code);
	(void)invite_code_normalise(code, norm);
	token_hash(norm, hash);
	(void)snprintf(link, sizeof(link), "%s/invitation", portal_chaser.base_url);
	fill_code(&body, portal_chaser.ev_bodies[CHASE_EV_STAFF_INVITATION], code);
	sodium_memzero(code, sizeof(code));
	sodium_memzero(norm, sizeof(norm));
	if (body.oom || body.data == NULL) {
		sbuf_free(&body);
		return (-1);
	}
	res = db_qd(&admin_stmts[AS_STAFF_INVITE], account, hash,
	    portal_chaser.ev_subjects[CHASE_EV_STAFF_INVITATION], body.data, link);
	sodium_memzero(body.data, body.len);
	sbuf_free(&body);
	rc = res != NULL && db_rows(res) == 1 ? 0 : -1;
	PQclear(res);
	return (rc);
}

/*
 * POST /admin/accounts: name, email, job_title (optional), organisation
 * (the council or a provider linked to it: another is 404), role (one
 * that fits the organisation). The account has no usable password until
 * its owner redeems the mailed code.
 */
int
do_admin_account_create(struct ctx *c)
{
	PGresult	*res = NULL;
	const char	*org = form_get(c->form, "organisation");
	const char	*role = form_get(c->form, "role");
	const char	*email = form_get(c->form, "email");
	char		 name[201], job[201], lower[255], council[24], kind[32];
	char		 id[24], next[64];
	enum role	 r = role_from_name(role != NULL ? role : "");
	int		 rc;

	council_text(c, council, sizeof(council));
	kind[0] = '\0';
	if (!blank(org)) {
		if (strspn(org, "0123456789") != strlen(org) || strlen(org) > 18)
			return (page_error(c, 404));
		if ((res = db_qd(&admin_stmts[AS_ORG_GET], council, org)) == NULL)
			return (page_error(c, 503));
		/* Another council's provider, even one linked to this
		 * council, is not this administrator's to staff. */
		rc = db_rows(res) == 1 && db_named(res, 0, "managed")[0] == 't';
		(void)kore_strlcpy(kind, db_named(res, 0, "kind"), sizeof(kind));
		PQclear(res);
		if (!rc)
			return (page_error(c, 404));
	}
	rc = name_clean(form_get(c->form, "name"), name, sizeof(name), 200);
	if (rc == -1)
		page_error_add(c, "name", "Enter their full name");
	else if (rc != 0)
		page_error_add(c, "name", "Full name must be 200 characters or "
		    "fewer, on one line");
	if (!email_valid(email) || email_lower(email, lower, sizeof(lower)) == -1)
		page_error_add(c, "email", "Enter an email address in the correct "
		    "format, like name@example.com");
	job[0] = '\0';
	if (!blank(form_get(c->form, "job_title")) && name_clean(form_get(c->form,
	    "job_title"), job, sizeof(job), 200) != 0)
		page_error_add(c, "job_title", "Job title must be 200 characters "
		    "or fewer, on one line");
	if (kind[0] == '\0')
		page_error_add(c, "organisation", "Select the organisation they "
		    "work for");
	if (r == ROLE__MAX || r == ROLE_PARENT)
		page_error_add(c, "role", "Select their role");
	else if (kind[0] != '\0' && !role_fits_org(r, kind))
		page_error_add(c, "role", strcmp(kind, "local_authority") == 0 ?
		    "Council staff are caseworkers, managers or administrators: "
		    "select one of these, or a provider organisation" :
		    "Select a role for a provider's staff: service lead, "
		    "professional or, at a school, school responder");
	if (c->nerrors)
		return (account_form(c, 400));

	if (db_begin() == -1)
		return (page_error(c, 503));
	if ((res = db_qd(&admin_stmts[AS_ACCOUNT_CREATE], org, role_name(r),
	    lower, name, job)) == NULL)
		goto failed;
	if (db_rows(res) != 1) {
		PQclear(res);
		db_rollback();
		page_error_add(c, "email", "There is already an account with this "
		    "email address");
		return (account_form(c, 400));
	}
	(void)kore_strlcpy(id, db_named(res, 0, "id"), sizeof(id));
	PQclear(res);
	res = NULL;
	if (staff_invite(id) == -1 || db_commit() == -1)
		goto failed;
	audit(c, "create_account", "account", strtoll(id, NULL, 10), role_name(r));
	(void)snprintf(next, sizeof(next), "/admin/accounts/%s?done=account", id);
	return (http_see_other(c, next));
failed:
	PQclear(res);
	db_rollback();
	return (page_error(c, 503));
}

/* The account of the URL in the council's scope (and, if managed, one
 * whose organisation the council manages): 1 (in *res), 0 not (404), -1
 * the database failed. */
static int
account_scoped(struct ctx *c, PGresult **res, int managed)
{
	char	council[24];

	council_text(c, council, sizeof(council));
	if ((*res = db_qd(&admin_stmts[AS_ACCOUNT_GET], council,
	    c->id_text[0])) == NULL)
		return (-1);
	if (db_rows(*res) != 1 ||
	    (managed && db_named(*res, 0, "managed")[0] != 't')) {
		PQclear(*res);
		*res = NULL;
		return (0);
	}
	return (1);
}

/*
 * What the account page shows the administrator beyond admin.c's
 * summary: the role form (roles that fit its organisation; none for
 * their own account or a parent's), disable or enable (never their own),
 * the audit trail's link, and the banner a redirect asked for.
 */
void
admin_account_actions_put(struct ctx *c)
{
	PGresult	*res;
	struct tdict	*o;
	const char	*chosen, *role, *kind;
	int		 own = c->id[0] == c->sess.account_id, disabled;
	size_t		 i;

	if (account_scoped(c, &res, 1) != 1) {
		tdict_set(c->page, "not_managed", "1");
		tdict_setf(c->page, "audit_href", "/admin/accounts/%s/audit",
		    c->id_text[0]);
		return;
	}
	role = db_named(res, 0, "role");
	kind = db_named(res, 0, "org_kind");
	disabled = db_named(res, 0, "disabled")[0] == 't';
	chosen = c->form != NULL && form_get(c->form, "role") != NULL ?
	    form_get(c->form, "role") : role;
	for (i = 0; !own && strcmp(role, "parent") != 0 && i < NSTAFF_ROLES; i++) {
		if (!role_fits_org(staff_roles[i].role, kind))
			continue;
		o = tdict_push(c->page, "roles");
		tdict_set(o, "value", role_name(staff_roles[i].role));
		tdict_set(o, "text", role_label(staff_roles[i].role));
		if (strcmp(chosen, role_name(staff_roles[i].role)) == 0)
			tdict_set(o, "selected", "1");
		tdict_set(c->page, "can_change_role", "1");
	}
	PQclear(res);
	tdict_setf(c->page, "role_action", "/admin/accounts/%s/role", c->id_text[0]);
	tdict_setf(c->page, "audit_href", "/admin/accounts/%s/audit", c->id_text[0]);
	if (!own)
		tdict_setf(c->page, disabled ? "enable_action" : "disable_action",
		    "/admin/accounts/%s/%s", c->id_text[0],
		    disabled ? "enable" : "disable");
	if (own)
		tdict_set(c->page, "own_account", "1");
	done_put(c);
}

/* POST /admin/accounts/{id}/role: role, one that fits the account's
 * organisation. Not their own, not a parent's. Its sessions end. */
int
do_admin_account_role(struct ctx *c)
{
	PGresult	*res;
	const char	*role = form_get(c->form, "role"), *why = NULL;
	char		 kind[32], was[32], next[64];
	enum role	 r = role_from_name(role != NULL ? role : "");
	int		 rc, changed;

	if ((rc = account_scoped(c, &res, 1)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	(void)kore_strlcpy(kind, db_named(res, 0, "org_kind"), sizeof(kind));
	(void)kore_strlcpy(was, db_named(res, 0, "role"), sizeof(was));
	PQclear(res);
	if (c->id[0] == c->sess.account_id)
		why = "You cannot change your own role: ask another administrator";
	else if (strcmp(was, "parent") == 0)
		why = "A parent or carer's account cannot be given a staff role";
	else if (r == ROLE__MAX || r == ROLE_PARENT || !role_fits_org(r, kind))
		why = "Select one of the roles offered for their organisation";
	if (why != NULL) {
		page_error_add(c, "role", why);
		return (admin_account_page(c, 400));
	}
	if ((res = db_qd(&admin_stmts[AS_ACCOUNT_ROLE], c->id_text[0],
	    role_name(r))) == NULL)
		return (page_error(c, 503));
	changed = db_rows(res) == 1;
	PQclear(res);
	if (changed)
		audit(c, "change_role", "account", c->id[0], role_name(r));
	(void)snprintf(next, sizeof(next), "/admin/accounts/%s%s",
	    c->id_text[0], changed ? "?done=role" : "");
	return (http_see_other(c, next));
}

/* Disable ("t") or enable ("f") the account of the URL; never one's own. */
static int
set_disabled(struct ctx *c, const char *to)
{
	PGresult	*res;
	char		 next[64];
	int		 rc, changed;

	if ((rc = account_scoped(c, &res, 1)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	PQclear(res);
	if (c->id[0] == c->sess.account_id) {
		page_error_add(c, "disable", "You cannot disable your own account");
		return (admin_account_page(c, 400));
	}
	if ((res = db_qd(&admin_stmts[AS_ACCOUNT_DISABLE], c->id_text[0], to)) == NULL)
		return (page_error(c, 503));
	changed = db_rows(res) == 1;
	PQclear(res);
	if (changed)
		audit(c, to[0] == 't' ? "disable_account" : "enable_account",
		    "account", c->id[0], NULL);
	(void)snprintf(next, sizeof(next), "/admin/accounts/%s%s", c->id_text[0],
	    !changed ? "" : to[0] == 't' ? "?done=disabled" : "?done=enabled");
	return (http_see_other(c, next));
}

/* POST /admin/accounts/{id}/disable: its sessions end at once. */
int
do_admin_account_disable(struct ctx *c)
{
	return (set_disabled(c, "t"));
}

/* POST /admin/accounts/{id}/enable */
int
do_admin_account_enable(struct ctx *c)
{
	return (set_disabled(c, "f"));
}

/* GET /admin/accounts/{id}/audit[?page=N]: what the account did, newest
 * first, a page at a time. */
int
page_admin_account_audit(struct ctx *c)
{
	PGresult	*res;
	struct paging	 p;
	struct tdict	*o;
	char		 pg[16], limit[24], offset[24], base[64];
	int		 rc, i;

	if ((rc = account_scoped(c, &res, 0)) != 1)
		return (page_error(c, rc == -1 ? 503 : 404));
	o = tdict_child(c->page, "account");
	tdict_set(o, "id", c->id_text[0]);
	tdict_set(o, "name", db_named(res, 0, "name"));
	PQclear(res);
	if ((res = db_qd(&admin_stmts[AS_AUDIT_COUNT], c->id_text[0])) == NULL)
		return (page_error(c, 503));
	paging_init(&p, atol(db_named(res, 0, "total")), PAGE_SIZE,
	    paging_page_of(query_get(c, "page", pg, sizeof(pg))));
	PQclear(res);
	(void)snprintf(limit, sizeof(limit), "%ld", p.size);
	(void)snprintf(offset, sizeof(offset), "%ld", p.offset);
	if ((res = db_qd(&admin_stmts[AS_AUDIT_PAGE], c->id_text[0], limit,
	    offset)) == NULL)
		return (page_error(c, 503));
	for (i = 0; i < db_rows(res); i++) {
		o = tdict_push(c->page, "events");
		tdict_set(o, "at", db_named(res, i, "at"));
		tdict_set(o, "action", db_named(res, i, "action"));
		if (db_named(res, i, "object_type")[0] != '\0')
			tdict_setf(o, "record", "%s %s", db_named(res, i,
			    "object_type"), db_named(res, i, "object_id"));
		tdict_set(o, "ip", db_named(res, i, "ip"));
	}
	PQclear(res);
	(void)snprintf(base, sizeof(base), "/admin/accounts/%s/audit?", c->id_text[0]);
	pagination_put(c, &p, base, "event");
	audit(c, "view_account_audit", "account", c->id[0], NULL);
	return (page_render(c, 200, "admin-audit", "Audit trail"));
}

static void	account_row(struct tdict *, const PGresult *, int);

static void
account_row(struct tdict *d, const PGresult *res, int row)
{
	tdict_set(d, "id", db_val(res, row, 0));
	tdict_set(d, "name", db_val(res, row, 1));
	tdict_set(d, "email", db_val(res, row, 2));
	tdict_set(d, "role", role_label(role_from_name(db_val(res, row, 3))));
	tdict_set(d, "organisation", db_val(res, row, 4));
}

static const char *const account_sorts[] = { "name", "organisation", "role" };

/* GET /admin/accounts[?sort=name|organisation|role&page=N] */
int
page_admin_accounts(struct ctx *c)
{
	PGresult	*res;
	struct paging	 p;
	struct tdict	*row;
	char		 council[24], pg[16], sort[16], limit[24], offset[24];
	char		 base[64];
	int		 i, k;

	(void)snprintf(council, sizeof(council), "%lld", c->sess.org_id);
	k = paging_sort_of(query_get(c, "sort", sort, sizeof(sort)),
	    account_sorts, 3);
	if ((res = db_qd(&admin_stmts[AS_ACCOUNTS_COUNT], council)) == NULL)
		return (page_error(c, db_unavailable() ? 503 : 500));
	paging_init(&p, atol(db_named(res, 0, "total")), PAGE_SIZE,
	    paging_page_of(query_get(c, "page", pg, sizeof(pg))));
	PQclear(res);
	(void)snprintf(limit, sizeof(limit), "%ld", p.size);
	(void)snprintf(offset, sizeof(offset), "%ld", p.offset);
	if ((res = db_qd(&admin_stmts[AS_ACCOUNTS_PAGE], council,
	    account_sorts[k], limit, offset)) == NULL)
		return (page_error(c, db_unavailable() ? 503 : 500));
	for (i = 0; i < db_rows(res); i++) {
		row = tdict_push(c->page, "accounts");
		tdict_set(row, "id", db_named(res, i, "id"));
		tdict_set(row, "name", db_named(res, i, "name"));
		tdict_set(row, "email", db_named(res, i, "email"));
		tdict_set(row, "role", role_label(role_from_name(db_named(res,
		    i, "role"))));
		tdict_set(row, "organisation", db_named(res, i, "organisation"));
		if (db_named(res, i, "disabled")[0] == 't')
			tdict_set(row, "disabled", "1");
	}
	PQclear(res);
	(void)snprintf(base, sizeof(base), "sorted_by_%s", account_sorts[k]);
	tdict_set(c->page, base, "1");
	(void)snprintf(base, sizeof(base), "/admin/accounts?sort=%s&", account_sorts[k]);
	pagination_put(c, &p, base, "account");
	audit(c, "view_accounts", "", 0, NULL);
	return (page_render(c, 200, "admin-accounts", "Accounts"));
}

int
page_admin_account(struct ctx *c)
{
	return (admin_account_page(c, 200));
}

/* The account page, with status (400 when a form on it was refused). */
int
admin_account_page(struct ctx *c, int status)
{
	PGresult	*res;
	struct tdict	*acc;
	char		 council[24];

	(void)snprintf(council, sizeof(council), "%lld", c->sess.org_id);
	if ((res = db_q(ST_ADMIN_ACCOUNT, council, c->id_text[0])) == NULL)
		return (page_error(c, db_unavailable() ? 503 : 500));
	if (db_rows(res) != 1) {
		PQclear(res);
		return (page_error(c, 404));
	}
	acc = tdict_child(c->page, "account");
	account_row(acc, res, 0);
	tdict_set(acc, "job_title", db_val(res, 0, 5));
	tdict_set(acc, "created", db_val(res, 0, 6));
	tdict_set(acc, "status", db_val(res, 0, 7)[0] == 't' ? "Disabled" : "Active");
	if (db_val(res, 0, 8)[0] == 't') {
		tdict_set(acc, "two_step", "On");
		if (db_val(res, 0, 9)[0] == 't')
			tdict_setf(acc, "reset_two_step",
			    "/admin/accounts/%s/two-step/reset", c->id_text[0]);
	} else
		tdict_set(acc, "two_step", "Not set up");
	PQclear(res);
	admin_account_actions_put(c);
	audit(c, "view_account", "account", c->id[0], NULL);
	return (page_render(c, status, "admin-account", "Account"));
}

/*
 * POST /admin/accounts/{id}/two-step/reset: for someone who lost their
 * phone. Their two-step verification is cleared and they are signed out
 * everywhere; they set it up again after their password.
 */
int
do_admin_two_step_reset(struct ctx *c)
{
	PGresult	*res;
	char		 council[24], back[64];
	int		 done;

	(void)snprintf(council, sizeof(council), "%lld", c->sess.org_id);
	if ((res = db_q(ST_ADMIN_ACCOUNT, council, c->id_text[0])) == NULL)
		return (page_error(c, 503));
	done = db_rows(res) == 1 && db_val(res, 0, 9)[0] == 't';
	PQclear(res);
	if (!done)
		return (page_error(c, 404));
	if ((res = db_q(ST_ADMIN_TOTP_RESET, c->id_text[0])) == NULL)
		return (page_error(c, 503));
	done = db_rows(res) == 1;
	PQclear(res);
	if (done)
		audit(c, "reset_two_step", "account", c->id[0], NULL);
	(void)snprintf(back, sizeof(back), "/admin/accounts/%s", c->id_text[0]);
	return (http_see_other(c, back));
}
