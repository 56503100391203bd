/*
 * figures_sql — the case records figures.c counts, read from the
 * database for one council: the only SQL of the dashboard, the monthly
 * compliance table and `portalctl report compliance`, so the page and
 * the command count the same rows.  Pure (libpq through db.h, no Kore).
 *
 * What is read (no figure is computed here, only selected), from the
 * summaries db/023_dashboard.sql keeps as cases change:
 *   a case        assessments of the council received on or before the
 *                 range's end that have a date or advice due on or after
 *                 its start or are still open, with the dates of its
 *                 decisions
 *                 (assessment_decisions: decision to assess and its
 *                 outcome, plan decision, first draft issued, final
 *                 issued), closed_on, whether any exception is recorded,
 *                 and its caseworker's name;
 *   an advice     advice requests of those cases, other than the
 *                 parents' own and those withdrawn or declined, due in
 *                 the range; received = the day its first version was
 *                 submitted (Europe/London), its service = the provider
 *                 organisation's name.
 * The monthly table reads only final plans issued in its months (and the
 * 11 before, for the rolling year) with their case's received date and
 * whether the case has an exception.
 */
#ifndef PORTAL_FIGURES_SQL_H
#define PORTAL_FIGURES_SQL_H

#include <stddef.h>
#include <libpq-fe.h>

#include "figures.h"

struct figset {
	struct fig_case		*cases;
	size_t			 n;
	const char		**id;		/* per case: assessment id */
	const char		**caseworker;	/* per case: their name */
	struct fig_advice	*advice;
	size_t			 n_advice;
	PGresult		*res_cases, *res_advice; /* the strings */
	PGresult		*res_services;	/* service names */
};

/* Cases and advice of council (its id) for the range [from, to] (day
 * numbers): 0, or -1 (database unavailable, out of memory).  *s is
 * filled either way; figset_free() it. */
int	figset_load_range(struct figset *, const char *council, long from,
	    long to);
/* Final plans issued from the first day of (fy, fm) − 11 months to the
 * last day of (ty, tm), for fig_monthly(): 0 or -1 as above. */
int	figset_load_months(struct figset *, const char *council, int fy,
	    int fm, int ty, int tm);
void	figset_free(struct figset *);

/* A stamp of the council's figures' rows into out: 0, or -1. Cached
 * figures are reused while it is unchanged (dashboard.c). */
int	figset_stamp(const char *council, char *out, size_t len);

/* The id of the council named name, into out (24 bytes): 1, 0 if there
 * is none, -1 if the database failed. */
int	figset_council(const char *name, char out[24]);

#endif
