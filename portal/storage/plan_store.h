/*
 * plan_store — storing a draft EHC plan, shared by the portal's plan
 * pages (plan_page.c) and portalctl (the demo, demo_plan.c). Assembly
 * itself is pure (plan.c); this reads the accepted advice it assembles
 * from and writes sections, paragraphs and the advice assembled. No Kore
 * headers: libpq through db.h.
 */
#ifndef PORTAL_PLAN_STORE_H
#define PORTAL_PLAN_STORE_H

#include <stddef.h>

#include "db.h"

struct plan_advice;
struct plan_body;
struct plan_draft;
struct avals;
struct tpl_set;

/* The accepted advice of an assessment, as plan_assemble() reads it. */
struct accepted {
	PGresult		*res;
	struct plan_advice	*a;
	struct avals		*v;
	size_t			 n;
};

/* Every accepted advice of the assessment with its template (from tpls)
 * and values. 0, or -1 (free it either way with accepted_free). */
int	accepted_load(const char *, const struct tpl_set *, struct accepted *);
void	accepted_free(struct accepted *);

/* Inserts one section version (section index s) with its paragraphs,
 * saved by account, inside the caller's transaction. 0; 1 that version
 * exists already (someone saved since); -1 another failure. */
int	section_store(const char *plan, int s, const struct plan_body *,
	    long version, const char *plan_version, const char *reason,
	    const char *account);

/* Stores the sections of d as a new plan version (every section if all,
 * else those with a new paragraph; plan_version given, or NULL to bump
 * the plan's), and the advice it assembled. Inside the caller's
 * transaction. 0, -1. */
int	draft_store(const char *plan, const struct plan_draft *,
	    const char *reason, int all, const char *plan_version,
	    const char *account);

/*
 * Version 1 of the assessment's plan, assembled from its accepted advice
 * and stored in one transaction, by account; the plan's id into plan.
 * 0 stored; 1 no accepted advice (nothing written); 2 a plan exists
 * already (its id in plan, nothing written); -1 failure (nothing written).
 */
int	plan_store_assemble(const char *assessment, const char *account,
	    const struct tpl_set *, char plan[24]);

/* The same, calling before_commit(arg, plan) inside the transaction after
 * the draft is stored (the page's audit row: one commit, one wait for the
 * disk, not two); its -1 rolls everything back. */
/* 1 if the plan has assembled every accepted advice of the assessment
 * (a re-assembly would find nothing new: plan_reassemble adds only the
 * paragraphs of advice not assembled yet), 0 if not, -1 down. */
int	plan_nothing_new(const char *assessment, const char *plan);

int	plan_store_assemble_then(const char *assessment, const char *account,
	    const struct tpl_set *, char plan[24],
	    int (*before_commit)(void *, const char *), void *arg);

#endif
