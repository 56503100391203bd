/*
 * advice_check — the provision check (provision.h) on one answer of the
 * advice form, before it is submitted: the same rules as on the draft
 * plan, as warnings for the professional, never refusals.  Pure.
 *
 * A field is checked for each kind of section it feeds: as an outcome
 * (E: no time frame) and as provision (F, G, H1 or H2: vague wording, no
 * who / how often / how long), once each.  A long answer is checked line
 * by line, as the plan splits it into paragraphs; a rows answer row by
 * row, its "by_whom", "how_often" and "how_long" columns standing for
 * who, how often and how long.  Another child's name is never looked
 * for here: only the caseworker may be told a name is on the council's
 * records (provision.h).
 */
#ifndef PORTAL_ADVICE_CHECK_H
#define PORTAL_ADVICE_CHECK_H

#include <stddef.h>

struct avals;
struct prov_conf;
struct tpl_field;

#define ADVICE_WARNINGS_MAX	32	/* per field; more are not listed */

struct advice_warnings {
	size_t	n;
	char	message[ADVICE_WARNINGS_MAX][320];
};

/* 1 if the field feeds E, F, G, H1 or H2. */
int	advice_check_feeds(const struct tpl_field *);

/*
 * The warnings on field f's answer in v into w (appended; w->n counts
 * them, at most ADVICE_WARNINGS_MAX): "This provision does not say how
 * often.", "Row 2: this provision uses vague wording (‘as required’): …",
 * "Line 3: this outcome does not say by when: …".  0, or -1 out of
 * memory.
 */
int	advice_check_field(const struct prov_conf *, const struct tpl_field *,
	    const struct avals *, struct advice_warnings *);

#endif
