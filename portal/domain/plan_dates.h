/*
 * plan_dates — the dates of the draft plan's stage (DESIGN §3).  Pure:
 * no Kore headers.  Built on clock.h; dates are strict YYYY-MM-DD.
 *
 *   parents' comments   "at least 15 days, beginning with the day it is
 *                       served" (s.38 CFA, reg 13(1)): the day served is
 *                       day 1, so the last day is served + 14 (served
 *                       1 June → last day 15 June).
 *   reminders           on day 10 of the window (served + 9) and on its
 *                       last day; as chase offsets from the last day
 *                       (conf/chase.conf): -5 and 0.
 *   school consultation the setting answers "within 15 days" of the
 *                       consultation being sent (s.39 CFA, CoP 9.83):
 *                       as every "within N of X" here (DESIGN §3), on or
 *                       before sent + 15.
 *   final plan          within 20 weeks of the request (reg 13(2)): on
 *                       or before received + 140 days.
 */
#ifndef PORTAL_PLAN_DATES_H
#define PORTAL_PLAN_DATES_H

#include "clock.h"

#define COMMENT_WINDOW_DAYS	15
#define COMMENT_REMINDER_DAY	10	/* day of the window, day 1 = served */
#define CONSULTATION_DAYS	15
/* Chase offsets from the last day of the window (chase.h). */
#define COMMENT_REMINDER_OFFSET	(COMMENT_REMINDER_DAY - COMMENT_WINDOW_DAYS)
#define COMMENT_LAST_DAY_OFFSET	0

struct comment_window {
	char	served[DATE_LEN];
	char	reminder[DATE_LEN];	/* day 10: served + 9 */
	char	last_day[DATE_LEN];	/* day 15: served + 14 */
};

/* 0 and the window of a draft served that day, or -1 if served is not a
 * real date. */
int	comment_window(const char *served, struct comment_window *);

/* 1 if a comment made on `on` is late for a draft served on `served`
 * (after the last day), 0 if in time (a comment before the draft was
 * served counts as in time: the caller refuses those), -1 if either is
 * not a real date. */
int	comment_late(const char *served, const char *on);

/* 0 and the date a consultation sent that day should be answered by, or
 * -1 if sent is not a real date. */
int	consultation_due(const char *sent, char out[DATE_LEN]);

/* How a step done on `done` stands against its due date. */
struct step_timing {
	long	days_late;	/* 0 on or before the due date */
	int	on_time;	/* 1 if done on or before due */
};
/* 0, or -1 if either is not a real date. */
int	step_timing(const char *due, const char *done, struct step_timing *);

/* A final plan against week 20. */
struct final_timing {
	char	due[DATE_LEN];		/* received + 140 */
	long	days;			/* issued − received */
	long	weeks;			/* whole weeks of days */
	long	extra_days;		/* days − 7 × weeks */
	long	days_late;		/* 0 if within 20 weeks */
	int	within_20_weeks;
};
/* 0, or -1 if either is not a real date or issued is before received. */
int	final_timing(const char *received, const char *issued,
	    struct final_timing *);

#endif /* PORTAL_PLAN_DATES_H */
