/*
 * plan_store — see plan_store.h. Moved out of plan_page.c so that
 * portalctl's demo assembles and stores a plan exactly as the page does.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advice.h"
#include "plan.h"
#include "plan_sql.h"
#include "plan_store.h"
#include "template.h"

static int	values_load(const char *, struct avals *);

/* The stored answers of one advice (as advice_form.c loads them). */
static int
values_load(const char *advice, struct avals *v)
{
	PGresult	*res;
	int		 i, rc = 0;

	if ((res = db_q(ST_VALUES_GET, advice)) == NULL)
		return (-1);
	for (i = 0; i < db_rows(res) && rc == 0; i++)
		rc = avals_add(v, db_val(res, i, 0), atoi(db_val(res, i, 1)),
		    db_val(res, i, 2), db_val(res, i, 3));
	PQclear(res);
	return (rc);
}

void
accepted_free(struct accepted *ac)
{
	size_t	i;

	for (i = 0; ac->v != NULL && i < ac->n; i++)
		avals_free(&ac->v[i]);
	free(ac->v);
	free(ac->a);
	PQclear(ac->res);
	memset(ac, 0, sizeof(*ac));
}

int
accepted_load(const char *assessment, const struct tpl_set *tpls,
    struct accepted *ac)
{
	struct plan_advice	*p;
	size_t			 i;
	int			 r;

	memset(ac, 0, sizeof(*ac));
	if ((ac->res = db_qd(&plan_stmts[PS_ACCEPTED], assessment)) == NULL)
		return (-1);
	ac->n = (size_t)db_rows(ac->res);
	if (ac->n == 0)
		return (0);
	if ((ac->a = calloc(ac->n, sizeof(*ac->a))) == NULL ||
	    (ac->v = calloc(ac->n, sizeof(*ac->v))) == NULL)
		return (-1);
	for (i = 0; i < ac->n; i++)
		avals_init(&ac->v[i]);
	for (i = 0; i < ac->n; i++) {
		r = (int)i;
		p = &ac->a[i];
		p->request_id = strtol(db_val(ac->res, r, PA_REQUEST), NULL, 10);
		p->advice_id = strtol(db_val(ac->res, r, PA_ADVICE), NULL, 10);
		p->kind = db_val(ac->res, r, PA_KIND);
		p->adviser = db_val(ac->res, r, PA_ADVISER);
		p->role = db_val(ac->res, r, PA_ROLE);
		p->service = db_val(ac->res, r, PA_SERVICE);
		p->advice_date = db_val(ac->res, r, PA_DATE);
		p->tpl = tpl_find(tpls, db_val(ac->res, r, PA_TPL),
		    atoi(db_val(ac->res, r, PA_TPL_VERSION)));
		p->values = &ac->v[i];
		if (p->tpl == NULL || values_load(db_val(ac->res, r,
		    PA_ADVICE), &ac->v[i]) == -1)
			return (-1);
	}
	return (0);
}

int
section_store(const char *plan, int s, const struct plan_body *b,
    long version, const char *plan_version, const char *reason,
    const char *account)
{
	PGresult		*res;
	const struct plan_para	*p;
	const char		*vals[17];
	char			 ver[24], sec[24], pos[24], req[24], adv[24],
				 part[24];
	size_t			 i;

	(void)snprintf(ver, sizeof(ver), "%ld", version);
	if ((res = db_qd(&plan_stmts[PS_SECTION_INSERT], plan,
	    plan_section_id((enum plan_section)s), ver, plan_version, reason,
	    account)) == NULL || db_rows(res) != 1) {
		PQclear(res);
		return (strcmp(db_sqlstate(), "23505") == 0 ? 1 : -1);
	}
	(void)snprintf(sec, sizeof(sec), "%s", db_val(res, 0, 0));
	PQclear(res);
	for (i = 0; i < b->n; i++) {
		p = &b->p[i];
		(void)snprintf(pos, sizeof(pos), "%zu", i + 1);
		(void)snprintf(req, sizeof(req), "%ld", p->src.request_id);
		(void)snprintf(adv, sizeof(adv), "%ld", p->src.advice_id);
		(void)snprintf(part, sizeof(part), "%d", p->src.part);
		/* 17 parameters: more than db_qd() takes, so as an array. */
		vals[0] = sec;
		vals[1] = pos;
		vals[2] = p->area;
		vals[3] = p->text;
		vals[4] = p->by_whom;
		vals[5] = p->how_often;
		vals[6] = p->how_long;
		vals[7] = req;
		vals[8] = adv;
		vals[9] = p->src.field;
		vals[10] = part;
		vals[11] = p->adviser;
		vals[12] = p->role;
		vals[13] = p->service;
		vals[14] = p->advice_date;
		vals[15] = p->edited ? "true" : "false";
		vals[16] = p->is_new ? "true" : "false";
		if ((res = db_qdx(&plan_stmts[PS_PARA_INSERT], vals, NULL, NULL,
		    0)) == NULL)
			return (-1);
		PQclear(res);
	}
	return (0);
}

int
draft_store(const char *plan, const struct plan_draft *d, const char *reason,
    int all, const char *given, const char *account)
{
	PGresult	*res = NULL;
	char		 pv[24], adv[24];
	size_t		 s, i;
	int		 any;

	if (given != NULL)
		(void)snprintf(pv, sizeof(pv), "%s", given);
	else if ((res = db_qd(&plan_stmts[PS_PLAN_BUMP], plan)) == NULL ||
	    db_rows(res) != 1) {
		PQclear(res);
		return (-1);
	}
	if (given == NULL) {
		(void)snprintf(pv, sizeof(pv), "%s", db_val(res, 0, 0));
		PQclear(res);
	}
	for (s = 0; s < PLAN__MAX; s++) {
		for (any = all, i = 0; !any && i < d->s[s].n; i++)
			any = d->s[s].p[i].is_new;
		if (any && section_store(plan, (int)s, &d->s[s],
		    d->s[s].version + 1, pv, reason, account) != 0)
			return (-1);
	}
	for (i = 0; i < d->nassembled; i++) {
		(void)snprintf(adv, sizeof(adv), "%ld", d->assembled[i]);
		if ((res = db_qd(&plan_stmts[PS_ASSEMBLED_ADD], plan, adv,
		    pv)) == NULL)
			return (-1);
		PQclear(res);
	}
	return (0);
}

/* The plan of the assessment into plan: 1, 0 none, -1 down. */
static int
plan_of(const char *assessment, char plan[24])
{
	PGresult	*res;
	int		 n;

	if ((res = db_qd(&plan_stmts[PS_PLAN_GET], assessment)) == NULL)
		return (-1);
	if ((n = db_rows(res)) == 1)
		(void)snprintf(plan, 24, "%s", db_val(res, 0, 0));
	PQclear(res);
	return (n == 1);
}

int
plan_store_assemble(const char *assessment, const char *account,
    const struct tpl_set *tpls, char plan[24])
{
	PGresult		*res;
	struct accepted		 ac;
	struct plan_draft	 d;
	size_t			 i, n;
	int			 rc = -1;

	plan_draft_init(&d);
	if (accepted_load(assessment, tpls, &ac) == -1 ||
	    plan_assemble(ac.a, ac.n, &d) == -1 ||
	    (free(d.assembled), d.nassembled = 0,
	    d.assembled = calloc(ac.n + 1, sizeof(long))) == NULL) {
		accepted_free(&ac);
		plan_draft_free(&d);
		return (-1);
	}
	for (i = 0; i < ac.n; i++)
		d.assembled[d.nassembled++] = ac.a[i].advice_id;
	n = ac.n;
	accepted_free(&ac);
	if (n == 0) {
		plan_draft_free(&d);
		return (1);
	}
	if (db_begin() == -1) {
		plan_draft_free(&d);
		return (-1);
	}
	if ((res = db_qd(&plan_stmts[PS_PLAN_CREATE], assessment,
	    account)) == NULL)
		goto fail;
	if (db_rows(res) != 1) {
		/* Assembled already (two clicks): the plan as it is. */
		PQclear(res);
		db_rollback();
		plan_draft_free(&d);
		return (plan_of(assessment, plan) == 1 ? 2 : -1);
	}
	(void)snprintf(plan, 24, "%s", db_val(res, 0, 0));
	PQclear(res);
	if (draft_store(plan, &d, "assembled", 1, "1", account) == -1 ||
	    db_commit() == -1)
		goto fail;
	rc = 0;
	plan_draft_free(&d);
	return (rc);
fail:
	db_rollback();
	plan_draft_free(&d);
	return (-1);
}
