/*
 * plan_store — see plan_store.h. Moved out of plan_page.c so that
 * portalctl's demo assembles and stores a plan exactly as the page does.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advice.h"
#include "esc.h"
#include "plan.h"
#include "plan_sql.h"
#include "plan_store.h"
#include "sbuf.h"
#include "template.h"

static int	accepted_values(const char *, struct accepted *);
static void	json_str_put(struct sbuf *, const char *, const char *);
static void	paras_json(struct sbuf *, const struct plan_body *);

/* The answers of every accepted advice of the assessment into ac->v, in
 * one query (ordered by advice). 0, -1. */
static int
accepted_values(const char *assessment, struct accepted *ac)
{
	PGresult	*res;
	long		 adv;
	size_t		 k = 0;
	int		 r, rc = 0;

	if ((res = db_qd(&plan_stmts[PS_ACCEPTED_VALUES], assessment)) == NULL)
		return (-1);
	for (r = 0; r < db_rows(res) && rc == 0; r++) {
		adv = strtol(db_val(res, r, 0), NULL, 10);
		if (k >= ac->n || ac->a[k].advice_id != adv)
			for (k = 0; k < ac->n && ac->a[k].advice_id != adv; k++)
				;
		if (k < ac->n)
			rc = avals_add(&ac->v[k], db_val(res, r, 1),
			    atoi(db_val(res, r, 2)), db_val(res, r, 3),
			    db_val(res, r, 4));
	}
	PQclear(res);
	return (rc);
}

/* ,"key":"value" (escaped), or ,"key":null. */
static void
json_str_put(struct sbuf *b, const char *key, const char *value)
{
	if (value == NULL) {
		sbuf_printf(b, ",\"%s\":null", key);
		return;
	}
	sbuf_printf(b, ",\"%s\":\"", key);
	json_escape(b, value);
	sbuf_puts(b, "\"");
}

/* The paragraphs of b as PS_PARAS_INSERT_JSON's JSON array. */
static void
paras_json(struct sbuf *js, const struct plan_body *b)
{
	const struct plan_para	*p;
	size_t			 i;

	sbuf_puts(js, "[");
	for (i = 0; i < b->n; i++) {
		p = &b->p[i];
		sbuf_printf(js, "%s{\"p\":%zu,\"r\":%ld,\"v\":%ld,\"t\":%d,"
		    "\"e\":%s,\"nw\":%s", i ? "," : "", i + 1, p->src.request_id,
		    p->src.advice_id, p->src.part, p->edited ? "true" : "false",
		    p->is_new ? "true" : "false");
		json_str_put(js, "a", p->area);
		json_str_put(js, "b", p->text);
		json_str_put(js, "w", p->by_whom);
		json_str_put(js, "o", p->how_often);
		json_str_put(js, "l", p->how_long);
		json_str_put(js, "f", p->src.field);
		json_str_put(js, "n", p->adviser);
		json_str_put(js, "ro", p->role);
		json_str_put(js, "sv", p->service);
		json_str_put(js, "d", p->advice_date);
		sbuf_puts(js, "}");
	}
	sbuf_puts(js, "]");
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
		if (p->tpl == NULL)
			return (-1);
	}
	return (accepted_values(assessment, ac));
}

int
section_store(const char *plan, int s, const struct plan_body *b,
    long version, const char *plan_version, const char *reason,
    const char *account)
{
	PGresult	*res;
	struct sbuf	 js;
	char		 ver[24], sec[24];

	(void)snprintf(ver, sizeof(ver), "%ld", version);
	if ((res = db_qd(&plan_stmts[PS_SECTION_INSERT], plan,
	    plan_section_id((enum plan_section)s), ver, plan_version, reason,
	    account)) == NULL || db_rows(res) != 1) {
		PQclear(res);
		return (strcmp(db_sqlstate(), "23505") == 0 ? 1 : -1);
	}
	(void)snprintf(sec, sizeof(sec), "%s", db_val(res, 0, 0));
	PQclear(res);
	if (b->n == 0)
		return (0);
	/* Every paragraph in one statement, not one round trip each. */
	sbuf_init(&js);
	paras_json(&js, b);
	res = js.oom ? NULL : db_qd(&plan_stmts[PS_PARAS_INSERT_JSON], sec,
	    js.data);
	sbuf_free(&js);
	if (res == NULL)
		return (-1);
	PQclear(res);
	return (0);
}

int
draft_store(const char *plan, const struct plan_draft *d, const char *reason,
    int all, const char *given, const char *account)
{
	PGresult	*res = NULL;
	struct sbuf	 js, ad;
	char		 pv[24];
	size_t		 s, i, n;
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
	/* The sections, their paragraphs and the advice assembled: one
	 * statement, not a round trip per section, paragraph and advice. */
	sbuf_init(&js);
	sbuf_puts(&js, "[");
	for (n = 0, s = 0; s < PLAN__MAX; s++) {
		for (any = all, i = 0; !any && i < d->s[s].n; i++)
			any = d->s[s].p[i].is_new;
		if (!any)
			continue;
		sbuf_printf(&js, "%s{\"s\":\"%s\",\"ver\":%ld,\"ps\":", n++ ?
		    "," : "", plan_section_id((enum plan_section)s),
		    d->s[s].version + 1);
		paras_json(&js, &d->s[s]);
		sbuf_puts(&js, "}");
	}
	sbuf_puts(&js, "]");
	sbuf_init(&ad);
	sbuf_puts(&ad, "[");
	for (i = 0; i < d->nassembled; i++)
		sbuf_printf(&ad, "%s%ld", i ? "," : "", d->assembled[i]);
	sbuf_puts(&ad, "]");
	res = js.oom || ad.oom ? NULL : db_qd(&plan_stmts[PS_DRAFT_STORE_JSON],
	    plan, js.data, pv, reason, account, ad.data);
	sbuf_free(&js);
	sbuf_free(&ad);
	if (res == NULL || db_rows(res) != 1 ||
	    strtol(db_val(res, 0, 0), NULL, 10) != (long)n) {
		PQclear(res);
		return (-1);
	}
	PQclear(res);
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
	return (plan_store_assemble_then(assessment, account, tpls, plan,
	    NULL, NULL));
}

int
plan_store_assemble_then(const char *assessment, const char *account,
    const struct tpl_set *tpls, char plan[24],
    int (*before_commit)(void *, const char *), void *arg)
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
	    (before_commit != NULL && before_commit(arg, plan) == -1) ||
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

int
plan_nothing_new(const char *assessment, const char *plan)
{
	PGresult	*res;
	int		 rc;

	if ((res = db_qd(&plan_stmts[PS_UNASSEMBLED], assessment, plan)) ==
	    NULL || db_rows(res) != 1) {
		PQclear(res);
		return (-1);
	}
	rc = strcmp(db_val(res, 0, 0), "0") == 0;
	PQclear(res);
	return (rc);
}
