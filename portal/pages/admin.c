/*
 * admin — the council's accounts. An administrator sees the accounts of
 * their council and of the providers that serve it; any other id is 404.
 * They change only accounts of their own organisation: a provider may
 * serve several councils, and one council's administrator must not sign
 * out or reset another's shared staff (their own administrator, or the
 * operator with portalctl, does). Another organisation's account is 404
 * to a change, as if it did not exist.
 */
#include <stdio.h>
#include <stdlib.h>

#include "extern.h"
#include "admin_sql.h"
#include "db.h"
#include "paging.h"
#include "tmpl.h"

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
