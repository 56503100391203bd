/*
 * final — the rules of issuing the final EHC plan (reg 13(2), s.38-39
 * CFA) and how its date reads against week 20. Pure: no Kore headers.
 *
 * The caseworker names the school or other setting in Section I (one of
 * the council's settings, or typed) and gives the day the plan is issued.
 * Refused, each by its field (validate.h):
 *   setting   none named; a choice that is not one of the council's
 *             settings; a typed name over VAL_SETTING_MAX characters
 *   issued    not a real date; in the future; before the request was
 *             received; no draft served on the family; before the day the
 *             draft was served; within the family's 15 days (on or before
 *             the last day) unless the family has responded — the message
 *             says the last day
 * Issuing twice is the caller's refusal (a state, not a field: 409).
 */
#ifndef PORTAL_FINAL_H
#define PORTAL_FINAL_H

#include <stddef.h>

struct verrs;
struct final_timing;

struct val_final {
	const char	*issued;	/* YYYY-MM-DD; anything else is not real */
	const char	*today;
	const char	*received;	/* the assessment's request_received */
	const char	*served;	/* the latest draft served, "" or NULL none */
	const char	*comments_due;	/* its last day */
	const char	*responded;	/* the family responded on, "" or NULL */
	const char	*setting_id;	/* chosen from the list, "" or NULL none */
	const char	*setting_name;	/* typed, "" or NULL none */
	int		 setting_known;	/* setting_id is one of the council's */
};
/* Adds an error per broken rule; returns the number added. */
size_t	val_final(const struct val_final *, struct verrs *);

/*
 * How an issued plan reads against week 20, into out (size n):
 *   "Issued 20 weeks after the request was received: within 20 weeks"
 *   "Issued 19 weeks and 6 days after the request was received: within
 *    20 weeks"
 *   "Issued 20 weeks and 1 day after the request was received: 1 day late"
 *   "… : 2 weeks and 3 days late"
 * Returns out.
 */
char	*final_words(const struct final_timing *, char *out, size_t n);

/* "N weeks and M days" (singulars; "0 days"; no "and 0 days") into out. */
char	*final_span(long days, char *out, size_t n);

#endif /* PORTAL_FINAL_H */
