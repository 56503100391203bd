/*
 * clock — the statutory calendar (DESIGN §3). Dates are calendar days in
 * strict YYYY-MM-DD; "within N weeks of X" is on or before X + 7·N days.
 * Pure: no Kore headers.
 */
#ifndef PORTAL_CLOCK_H
#define PORTAL_CLOCK_H

#include <stddef.h>

#define DATE_LEN	11	/* "YYYY-MM-DD" and NUL */

/* Day number (days since 1970-01-01) of a strict YYYY-MM-DD date between
 * 1900 and 2199, or -1 if it is not a real calendar date. */
long	date_day(const char *);
/* The date of a day number. */
void	date_of_day(long, char out[DATE_LEN]);
/* 0 and out = date + days, or -1 if date is not a real date. */
int	date_add(const char *, int, char out[DATE_LEN]);
/* Whole months later, clamped to the month's end (29 Feb + 12 m → 28 Feb). */
int	date_add_months(const char *, int, char out[DATE_LEN]);

/* The limits that follow from the date the request was received. */
struct statutory {
	char	decision_due[DATE_LEN];		/* reg 5: 6 weeks */
	char	advice_due[DATE_LEN];		/* reg 8(1): 6 weeks, advice sought at once */
	char	no_plan_due[DATE_LEN];		/* reg 10(1): 16 weeks */
	char	final_due[DATE_LEN];		/* reg 13(2): 20 weeks */
};
int	statutory_dates(const char *received, struct statutory *);

/* Advice due: requested + 42 days (reg 8(1)). */
int	advice_due(const char *requested, char out[DATE_LEN]);
/* Last day to comment on a draft: 15 days beginning with the day it is
 * served, so served + 14 (s.38 CFA, reg 13(1)). Same for a consultation. */
int	comment_last_day(const char *served, char out[DATE_LEN]);

/* b − a in days; undefined if either is not a real date (returns 0). */
long	days_between(const char *a, const char *b);

#endif
