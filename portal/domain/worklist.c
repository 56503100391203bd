/*
 * worklist — see worklist.h.
 */
#include <string.h>

#include "plan_dates.h"
#include "worklist.h"

static const struct {
	const char	*label;
	const char	*path;
	int		 ready;
} steps[WL__MAX] = {
	[WL_NONE] = { "Nothing to do", "", 0 },
	[WL_DECIDE_ASSESS] = { "Decide whether to assess", "/decisions/new", 1 },
	[WL_REVIEW_ADVICE] = { "Read the advice received: accept it or ask a question", "", 1 },
	[WL_REQUEST_ADVICE] = { "Ask for advice", "/requests/new", 1 },
	[WL_WAITING_ADVICE] = { "Waiting for advice", "", 0 },
	[WL_DECIDE_PLAN] = { "Decide whether to issue a plan", "/decisions/new", 1 },
	[WL_ISSUE_DRAFT] = { "Assemble and send the draft plan", "/plan", 1 },
	[WL_WAITING_COMMENTS] = { "Waiting for the family's comments on the draft", "", 0 },
	[WL_ISSUE_FINAL] = { "Issue the final plan", "/decisions/new", 1 },
};

static const char *const deadline_labels[WD__MAX] = {
	[WD_DECISION] = "Decision whether to assess",
	[WD_PLAN_DECISION] = "Decision whether to issue a plan",
	[WD_FINAL] = "Final plan",
};

static int
is(const char *s, const char *v)
{
	return (s != NULL && strcmp(s, v) == 0);
}

static int
blank(const char *s)
{
	return (s == NULL || *s == '\0');
}

static int
ended(const struct wl_case *k)
{
	return (k->closed || is(k->assess, "no") || is(k->plan, "no") ||
	    !blank(k->final_on));
}

/* After a plan decision of yes: the draft, its window, the final. */
static enum wl_step
plan_step(const struct wl_case *k, const char *today)
{
	int	late;

	if (blank(k->draft_on))
		return (WL_ISSUE_DRAFT);
	/* comment_late: 1 once today is after the window's last day. */
	late = comment_late(k->draft_on, today);
	return (late == 1 ? WL_ISSUE_FINAL : WL_WAITING_COMMENTS);
}

enum wl_step
wl_next_step(const struct wl_case *k, const char *today)
{
	if (ended(k))
		return (WL_NONE);
	if (blank(k->assess))
		return (WL_DECIDE_ASSESS);
	if (k->submitted > 0)
		return (WL_REVIEW_ADVICE);
	if (is(k->plan, "yes"))
		return (plan_step(k, today));
	if (k->requests == 0)
		return (WL_REQUEST_ADVICE);
	if (k->open > 0)
		return (WL_WAITING_ADVICE);
	return (WL_DECIDE_PLAN);
}

int
wl_step_ready(enum wl_step s)
{
	return (s >= 0 && s < WL__MAX ? steps[s].ready : 0);
}

const char *
wl_step_label(enum wl_step s)
{
	return (s >= 0 && s < WL__MAX ? steps[s].label : "");
}

const char *
wl_step_path(enum wl_step s)
{
	return (s >= 0 && s < WL__MAX ? steps[s].path : "");
}

int
wl_due_class(const char *due, const char *today, long *days)
{
	long	d;

	*days = 0;
	if (due == NULL || today == NULL || date_day(due) < 0 ||
	    date_day(today) < 0)
		return (-1);
	d = days_between(today, due);
	if (d < 0) {
		*days = -d;
		return (WL_OVERDUE);
	}
	*days = d;
	return (d <= WL_SOON_DAYS ? WL_DUE_SOON : WL_LATER);
}

int
wl_deadlines(const struct wl_case *k, struct wl_deadline *out)
{
	struct statutory	st;
	int			n = 0;

	if (k->received == NULL || statutory_dates(k->received, &st) == -1)
		return (-1);
	if (ended(k))
		return (0);
	if (blank(k->assess)) {
		out[n].kind = WD_DECISION;
		memcpy(out[n++].due, st.decision_due, DATE_LEN);
	}
	if (blank(k->plan)) {
		out[n].kind = WD_PLAN_DECISION;
		memcpy(out[n++].due, st.no_plan_due, DATE_LEN);
	}
	out[n].kind = WD_FINAL;
	memcpy(out[n++].due, st.final_due, DATE_LEN);
	return (n);
}

const char *
wl_deadline_label(enum wl_deadline_kind k)
{
	return (k >= 0 && k < WD__MAX ? deadline_labels[k] : "");
}
