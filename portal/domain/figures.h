/*
 * figures — every management figure of issue 13, defined once, over an
 * in-memory array of case records and a date range.  Pure: no Kore
 * headers; the dashboard, the monthly table, portalctl report and the
 * tests all call these functions and nothing else computes a figure.
 *
 * Dates are day numbers (clock.h date_day(): days since 1970-01-01);
 * FIG_NONE (-1) means "not recorded".  A range is [from, to], both days
 * included; it should end no later than today (figures about open cases
 * are taken as they stood at the end of the range).
 *
 * Definitions ("within N weeks of X" is on or before X + 7·N days, as
 * everywhere in the portal, DESIGN §3):
 *
 *   new requests             requests received in the range.
 *   decisions to assess      decisions (yes or no) dated in the range; on
 *                            time if dated on or before received + 42
 *                            (week 6, reg 5).
 *   plan decisions           decisions whether to issue a plan dated in
 *                            the range; on time if on or before received
 *                            + 112 (week 16, reg 10).
 *   plans issued             final plans issued in the range.
 *   within 20 weeks          issued on or before received + 140 (reg 13;
 *                            day 140 is within, day 141 is not).
 *   ... including exceptions every plan issued in the range.
 *   ... excluding exceptions plans of cases with no recorded exception
 *                            (reg 10(4)/13(3)); the national statistics
 *                            publish both.
 *   average weeks to issue   mean of (issued − received) / 7 over every
 *                            plan issued in the range.
 *   open over 20 weeks       open at the end of the range (received on or
 *                            before `to`, no final plan issued by `to`,
 *                            not closed by `to`: a decision not to assess
 *                            or a case closure closes it) and `to` later
 *                            than received + 140; as a count, a % of the
 *                            open cases and a list, oldest first.
 *   advice within 6 weeks    advice requests due (requested + 42) in the
 *                            range; within if received on or before the
 *                            due date (an advice not yet received is not
 *                            within: its due date has passed).  Per kind
 *                            and per provider service.
 *   monthly table            per calendar month: plans issued in the
 *                            month excluding exceptions, how many within
 *                            20 weeks and the %; the same over the
 *                            12 months ending with that month (rolling);
 *                            and the plans issued in the month that had
 *                            a recorded exception.
 *
 * Rounding, defined once (fig_percent, fig_tenths): a % or a number of
 * weeks is shown to one decimal place, rounded half up (16.65 → 16.7),
 * computed in integers so there is no floating point to drift; a % with
 * no cases under it is "–" (U+2013), never 0, NaN or an error.
 */
#ifndef PORTAL_FIGURES_H
#define PORTAL_FIGURES_H

#include <stddef.h>

#include "sbuf.h"

#define FIG_NONE		(-1L)
#define FIG_DECISION_DAYS	42	/* week 6 */
#define FIG_PLAN_DECISION_DAYS	112	/* week 16 */
#define FIG_FINAL_DAYS		140	/* week 20 */
#define FIG_ADVICE_DAYS		42	/* 6 weeks */
#define FIG_DASH		"\xe2\x80\x93"	/* "–": no cases, no % */
#define FIG_PCT_LEN		8	/* "100.0" and NUL, or "–" */

enum fig_advice_kind {
	ADV_EDUCATIONAL, ADV_MEDICAL, ADV_PSYCHOLOGICAL, ADV_SOCIAL_CARE,
	ADV_OTHER, ADV_PREPARING_FOR_ADULTHOOD, ADV_KINDS
};
enum fig_exception_kind {
	EXC_SCHOOL_CLOSURE, EXC_PERSONAL_CIRCUMSTANCES, EXC_ABSENCE,
	EXC_MISSED_APPOINTMENT, EXC_KINDS
};
enum fig_decision { FIG_UNDECIDED, FIG_ASSESS, FIG_NOT_ASSESS };

/* The names used in the database and the import's columns. */
extern const char *const fig_advice_kind_names[ADV_KINDS];
extern const char *const fig_exception_kind_names[EXC_KINDS];
/* The index of a name, or -1. */
int	fig_advice_kind(const char *);
int	fig_exception_kind(const char *);

struct fig_exception {
	int	 kind;			/* enum fig_exception_kind */
	long	 from, to;		/* to may be FIG_NONE */
};

struct fig_advice {
	int		 kind;		/* enum fig_advice_kind */
	const char	*service;	/* provider service's name */
	long		 requested;
	long		 received;	/* FIG_NONE: not yet */
};

struct fig_case {
	const char			*reference;
	long				 received;	/* the request */
	int				 decision;	/* enum fig_decision */
	long				 decision_date;
	long				 plan_decision_date;
	long				 draft_issued;
	long				 final_issued;
	long				 closed;	/* closed without a plan */
	const struct fig_exception	*exceptions;
	size_t				 n_exceptions;
	const struct fig_advice		*advice;
	size_t				 n_advice;
};

struct fig_range {
	long	from, to;
};

/* A count and how many of them met their time limit. */
struct fig_ratio {
	unsigned long	n, within;
};

struct fig_advice_row {
	const char	*name;		/* kind name or service name */
	struct fig_ratio r;
};

struct fig_dashboard {
	unsigned long		 new_requests;
	struct fig_ratio	 decisions;		/* on time: week 6 */
	unsigned long		 decisions_to_assess;	/* of which "yes" */
	struct fig_ratio	 plan_decisions;	/* on time: week 16 */
	struct fig_ratio	 issued_all;		/* incl. exceptions */
	struct fig_ratio	 issued_excl;		/* excl. exceptions */
	unsigned long		 days_to_issue;		/* sum over issued_all */
	struct fig_ratio	 open;	/* n open, `within` = over 20 weeks */
	size_t			*over_20;	/* case indexes, oldest first */
	struct fig_advice_row	 by_kind[ADV_KINDS];
	struct fig_advice_row	*by_service;		/* by name */
	size_t			 n_services;
	int			 oom;
};

/* 0 and the figures, or -1 on a bad range or allocation failure (the
 * dashboard is then empty).  fig_dashboard_free() either way. */
int	fig_dashboard(const struct fig_case *, size_t,
	    const struct fig_range *, struct fig_dashboard *);
void	fig_dashboard_free(struct fig_dashboard *);

/* The monthly compliance table (seed 002 §3.3.1). */
struct fig_month {
	int			year, month;	/* 1..12 */
	struct fig_ratio	issued;		/* excl. exceptions */
	struct fig_ratio	rolling;	/* 12 months to this one */
	unsigned long		exceptions;	/* issued with an exception */
};

/* Months from (year, month) to (year, month), both included, at most
 * 1200: 0 and a malloc'd array in *out (n months), or -1. */
int	fig_monthly(const struct fig_case *, size_t, int from_year,
	    int from_month, int to_year, int to_month, struct fig_month **out,
	    size_t *n);

/* The CSV of the monthly table, with exactly issue 13's header. */
#define FIG_MONTHLY_HEADER "month,plans_issued,within_20_weeks," \
	"percent_within,rolling_plans_issued,rolling_within_20_weeks," \
	"rolling_percent_within,exceptions"
void	fig_monthly_csv(struct sbuf *, const struct fig_month *, size_t);

/* Rounding, defined once: within / n as a % to one decimal place, half
 * up, or "–" when n is 0. */
void	fig_percent(const struct fig_ratio *, char out[FIG_PCT_LEN]);
/* num / den to one decimal place, half up, or "–" when den is 0
 * (average weeks: fig_tenths(days, 7 × plans)). */
void	fig_tenths(unsigned long num, unsigned long den,
	    char out[FIG_PCT_LEN]);
/* Average weeks to issue of a dashboard, as fig_tenths. */
void	fig_average_weeks(const struct fig_dashboard *,
	    char out[FIG_PCT_LEN]);

/* Whole weeks from the case's request to day `to` (the open cases'
 * list: "weeks open"), rounded down; FIG_NONE if it has no request date
 * or was received after `to`. */
long	fig_weeks_open(const struct fig_case *, long to);

/* Does the case have a recorded exception? */
int	fig_has_exception(const struct fig_case *);

/*
 * CSV output (RFC 4180): fields separated by commas, records ended by
 * CRLF, a field quoted when it holds a comma, quote, CR or LF, quotes
 * doubled.  csv_cell() also neutralises a cell a spreadsheet would run
 * as a formula — one starting with =, +, -, @, tab or CR — by putting a
 * single quote in front of it.  csv_field() writes the text as it is
 * (for a machine reader; the fuzz harness round-trips it).
 */
void	csv_cell(struct sbuf *, const char *, int last);
void	csv_field(struct sbuf *, const char *, int last);

#endif /* PORTAL_FIGURES_H */
