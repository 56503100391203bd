/*
 * comments — the rules of the family's comments on a served draft EHC
 * plan (s.38 CFA, reg 13(1)): the day it was served, the window as
 * people read it, and what a comment or a request may hold. Pure: no
 * Kore headers. Dates are strict YYYY-MM-DD (clock.h); the 15 days are
 * plan_dates.h's.
 *
 * Every refusal is one plain-English message for the field it is about,
 * or NULL when the input is accepted. Lengths are in characters (code
 * points), as validate.h counts them.
 */
#ifndef PORTAL_COMMENTS_H
#define PORTAL_COMMENTS_H

#include <stddef.h>

#define COMMENT_BODY_MAX	10000	/* plan_comments.body */
#define REQUEST_DETAIL_MAX	5000	/* plan_requests.detail */
#define REQUEST_SETTING_MAX	200	/* plan_requests.setting_name */

/* Who reads the window: the family ("You have until …") or the council
 * ("The family has until …"). */
enum window_reader { WINDOW_FAMILY, WINDOW_COUNCIL };

/*
 * The window of a draft served on served, as read on today, into out:
 *   open   "You have until Tuesday 15 June 2027 to comment (15 days)"
 *   closed "The 15 days to comment ended on Tuesday 15 June 2027. …"
 *          (the family's text says late comments are still read).
 * Returns 0 open, 1 closed, -1 not real dates or out too small.
 */
int	comment_window_words(const char *served, const char *today,
	    enum window_reader, char *out, size_t n);

/*
 * The day the draft was served, as typed ("" when the three inputs are
 * not a real date): a real date, not after today, not before the day
 * the request for assessment was received.
 */
const char	*served_refusal(const char *served, const char *received,
		    const char *today);

/*
 * The day a draft should be served by (assessment_decisions.due_on of a
 * draft_issued row): the family's 15 days must end before the final plan
 * is due, so received + 140 - 15 (week 20 less the window). 0, or -1 if
 * received is not a real date.
 */
int	draft_serve_by(const char *received, char out[11]);

/* A comment on one section: not blank, at most COMMENT_BODY_MAX. */
const char	*comment_refusal(const char *body);

/*
 * A request for a school or setting to be named: one from the council's
 * list (chosen: the select's value, "" for none) or a name typed in,
 * not both; a typed name of at most REQUEST_SETTING_MAX.
 */
const char	*setting_refusal(const char *chosen, const char *typed);

/* The detail of a request (optional): at most REQUEST_DETAIL_MAX. */
const char	*detail_refusal(const char *detail);

#endif /* PORTAL_COMMENTS_H */
