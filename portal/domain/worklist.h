/*
 * worklist — what needs doing on a case (issue 13, daily routines): the
 * next step of an open assessment, the statutory deadlines still ahead
 * of it, and whether a due date is overdue, due soon or later. Pure: no
 * Kore headers. Dates are strict YYYY-MM-DD (clock.h).
 *
 * The next step, in this order (the first that applies):
 *   ended or final   a "no" ended the assessment, or the final plan is
 *                    issued: nothing (WL_NONE)
 *   decide assess    no decision whether to assess yet
 *   review advice    advice submitted, waiting to be accepted or returned
 *   (plan decided yes)
 *     issue draft    no draft served yet
 *     waiting        the family's 15 days to comment are running
 *     issue final    the comment window has ended
 *   request advice   no live advice request (declined and withdrawn ones
 *                    do not count)
 *   waiting          advice asked for and not in yet
 *   decide plan      all the advice is in
 * A step is "ready" when the caseworker can take it now; the waiting
 * steps are not (someone else acts).
 *
 * Due classes: overdue when the due date has passed (today > due), due
 * soon when it is today or within the next WL_SOON_DAYS days (today ≤
 * due ≤ today + 14), later otherwise.
 */
#ifndef PORTAL_WORKLIST_H
#define PORTAL_WORKLIST_H

#include "clock.h"

#define WL_SOON_DAYS	14	/* "due within 2 weeks" */

enum wl_step {
	WL_NONE,
	WL_DECIDE_ASSESS,
	WL_REVIEW_ADVICE,
	WL_REQUEST_ADVICE,
	WL_WAITING_ADVICE,
	WL_DECIDE_PLAN,
	WL_ISSUE_DRAFT,
	WL_WAITING_COMMENTS,
	WL_ISSUE_FINAL,
	WL__MAX
};

/* What is recorded of one open case. Strings are never NULL ("" when
 * not recorded). */
struct wl_case {
	const char	*received;	/* request received */
	const char	*assess;	/* decision to assess: "yes", "no", "" */
	const char	*plan;		/* plan decision: "yes", "no", "" */
	const char	*draft_on;	/* latest draft served, or "" */
	const char	*final_on;	/* final plan issued, or "" */
	int		 closed;	/* ended (closed_on set) */
	int		 requests;	/* live advice requests */
	int		 open;		/* of them still being written */
	int		 submitted;	/* of them waiting for review */
};

/* The next step of the case on today (see above). */
enum wl_step	 wl_next_step(const struct wl_case *, const char *today);
/* 1 if the caseworker can take the step now, else 0. */
int		 wl_step_ready(enum wl_step);
/* The step in words for a list ("Decide whether to assess"). */
const char	*wl_step_label(enum wl_step);
/* Where the step is done, after "/assessments/{id}": "/decisions/new",
 * "/requests/new", "/plan" or "" (the assessment page). */
const char	*wl_step_path(enum wl_step);

enum wl_due { WL_LATER, WL_DUE_SOON, WL_OVERDUE };
/* How due stands on today; *days: days overdue (WL_OVERDUE) or days
 * left (otherwise, 0 = due today). -1 if either is not a real date. */
int		 wl_due_class(const char *due, const char *today, long *days);

/* The case's statutory deadlines not met yet. */
enum wl_deadline_kind { WD_DECISION, WD_PLAN_DECISION, WD_FINAL, WD__MAX };
struct wl_deadline {
	enum wl_deadline_kind	kind;
	char			due[DATE_LEN];
};
/* The deadlines still to meet, in out (up to WD__MAX): the decision to
 * assess (week 6) until it is recorded, the plan decision (a "no" by
 * week 16) until it is recorded, the final plan (week 20) until it is
 * issued; none once the assessment has ended. Returns how many, or -1
 * if received is not a real date. */
int		 wl_deadlines(const struct wl_case *, struct wl_deadline *out);
/* The deadline in words ("Decision whether to assess"). */
const char	*wl_deadline_label(enum wl_deadline_kind);

#endif
