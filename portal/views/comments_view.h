/*
 * comments_view — the family's comments on a served draft EHC plan
 * (issue 12, s.38 CFA, reg 13(1)): the handlers of draft_serve.c (the
 * council serves the draft) and draft_comments.c (the family reads it,
 * comments, asks, sends), and the views of comments_view.c on the
 * caseworker's plan page and the family's assessment page.
 */
#ifndef PORTAL_COMMENTS_VIEW_H
#define PORTAL_COMMENTS_VIEW_H

#include "clock.h"

struct ctx;
struct plan_draft;
struct prov_flags;

/* draft_serve.c */
int	page_plan_issue(struct ctx *);
int	do_plan_issue(struct ctx *);
/*
 * Serves the assessment's plan on the family on served (already
 * checked): in one transaction the draft_issued decision (recorded by
 * account), the plan's status, and a mail and notification to each
 * parent or carer. due: the window's last day. 0; 1 nothing to serve
 * (no plan, a final plan, or the assessment has ended: nothing written);
 * -1 the database failed (nothing written).
 */
int	draft_serve(const char *assessment, const char *reference,
	    const char *received, const char *served, const char *account,
	    char due[DATE_LEN]);

/* api.c: POST /api/v1/assessments/{id}/plan/draft {"served_on"}. */
int	api_plan_draft(struct ctx *);

/* draft_comments.c: the family's pages. */
int	page_draft(struct ctx *);
int	do_draft_comment(struct ctx *);
int	do_draft_request(struct ctx *);
int	page_draft_check(struct ctx *);
int	do_draft_submit(struct ctx *);

/* comments_view.c */
/* The caseworker's plan page: the draft served and its window, the
 * family's requests at the top and their sent comments under each
 * section (never what they have not sent); then the sections. */
int	comments_staff_put(struct ctx *, const char *assessment,
	    const struct plan_draft *, const struct prov_flags *);
/* The family's assessment page: a banner with the window and a link to
 * the draft, when one has been served. */
void	draft_banner_put(struct ctx *, const char *assessment);
/* A request kind's words ("Name a school or setting"…), or "". */
const char	*plan_request_label(const char *kind);

#endif
