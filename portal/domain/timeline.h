/*
 * timeline — the statutory steps of an assessment as the family reads
 * them (issue 13): each step's title, what happened and when, and the
 * date it is due, in plain English ("We decided to carry out an
 * assessment on 3 March 2027 — 2 days before the deadline"). Pure: no
 * Kore headers. Dates are strict YYYY-MM-DD; today is the portal's.
 */
#ifndef PORTAL_TIMELINE_H
#define PORTAL_TIMELINE_H

#include <stddef.h>

enum tl_state {
	TL_DONE,	/* happened */
	TL_DUE,		/* not reached yet, not late */
	TL_LATE,	/* not reached and its due date has passed */
	TL_NOT_NEEDED,	/* the assessment ended before it */
};

struct tl_entry {
	enum tl_state	state;
	char		title[160];
	char		text[400];	/* what happened, or what happens next */
	char		due[160];	/* "Due by Monday 3 March 2027", or "" */
	char		timing[40];	/* a step done against its time limit:
					 * "On time", "7 days late", or "" */
	int		late;		/* done after its due date, or not done
					 * and its due date passed */
	char		late_since[11];	/* the day it was late on (the day done,
					 * or today): an exception begun on or
					 * before it explains it; "" if not late */
};

/* " — 2 days before the deadline", " — on the day of the deadline", " — 3
 * days after the deadline" into out for a step due on due and done on
 * done; "" if either is not a real date. */
void	tl_timing(const char *due, const char *done, char *out, size_t n);

/* Request received. */
void	tl_received(const char *received, struct tl_entry *);
/* The decision whether to assess: outcome "yes", "no" or "" (not yet). */
void	tl_decision(const char *received, const char *outcome,
	    const char *decided_on, const char *today, struct tl_entry *);
/* Advice asked of a service: kind (its words), organisation, the day
 * asked, due, and the day it arrived ("" if not yet). gone: declined or
 * withdrawn (no longer expected). */
void	tl_advice(const char *kind, const char *organisation,
	    const char *requested, const char *due, const char *arrived,
	    int gone, const char *today, struct tl_entry *);
/* The decision whether to write a plan: outcome "yes", "no" or "" (not
 * yet); served: the day a draft was served ("" if none: a draft says a
 * plan is being written even with no decision recorded); ended: a "no"
 * to assessing ended the assessment. Only a "no" has a time limit of its
 * own (the final plan's is a "yes"'s). */
void	tl_plan_decision(const char *received, const char *outcome,
	    const char *decided_on, const char *served, int ended,
	    struct tl_entry *);
/* Appends to an advice step what the family reads of the request's
 * status (advice_requests.status): being written, read by the council. */
void	tl_advice_status(const char *status, struct tl_entry *);
/* Appends, once per page, what happens to advice not arrived yet. */
void	tl_advice_explain(struct tl_entry *);
/* The draft plan served ("" if not yet); ended: a "no" ended the
 * assessment. */
void	tl_draft(const char *served, int ended, struct tl_entry *);
/* The family's 15 days to comment on the draft served on served. */
void	tl_comments(const char *served, int ended, const char *today,
	    struct tl_entry *);
/* The final plan, issued on issued ("" if not yet). */
void	tl_final(const char *received, const char *issued, int ended,
	    const char *today, struct tl_entry *);

#endif
