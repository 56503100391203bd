/*
 * vocab — the portal's fixed lists, in one place: kinds of advice, request
 * statuses (and which are open), broad areas of need, plan sections, year
 * groups, kinds of exception. Every page, the API, portalctl and the
 * templates read them from here; the database keeps the same lists as
 * CHECKs and one SQL function (db/010_rules.sql: advice_request_open),
 * and tests/unit/test_vocab.c checks that the two agree. Pure: no Kore.
 *
 * Each list is an array ending with a row whose id is NULL; lookups
 * return NULL (or -1) for an id that is not in the list.
 */
#ifndef PORTAL_VOCAB_H
#define PORTAL_VOCAB_H

#include <stddef.h>

/* Organisation kinds (organisations.kind). */
#define ORG_COUNCIL	"local_authority"

/* Kinds of advice (reg 6(1)) and who gives them by default. */
struct vocab_kind {
	const char	*id;		/* advice_requests.kind */
	const char	*label;		/* "Psychological advice" */
	const char	*org_kinds;	/* organisation kinds that give it by
					   default, space-separated */
};
extern const struct vocab_kind	vocab_kinds[];

/* Statuses of an advice request; open ones are still waited for. */
struct vocab_status {
	const char	*id;
	const char	*label;		/* what users read */
	const char	*colour;	/* govuk-tag modifier */
	int		 open;		/* the advice is still to come */
};
extern const struct vocab_status vocab_statuses[];

/* The four broad areas of need (CoP ch. 6), preparing for adulthood,
 * and general for what spans them. */
struct vocab_area {
	const char	*id;
	const char	*label;
};
extern const struct vocab_area	vocab_areas[];

/* Plan sections A–K (reg 12, CoP 9.62); H1 is s.2 CSDPA 1970 provision. */
struct vocab_section {
	const char	*id;		/* "A", "H1" */
	const char	*title;
};
extern const struct vocab_section vocab_sections[];

/* Year groups, in order, with the National Curriculum year (Reception
 * 0, Year 1 … Year 14; below 0 before school, 15 after Year 14). */
struct vocab_year {
	const char	*id;		/* stored and shown as is: "Year 9" */
	int		 year;
};
extern const struct vocab_year	vocab_years[];
/* Preparing for adulthood advice is asked for from Year 9 (reg 6(1)(g)),
 * or from age 13 when the year group is not known. */
#define VOCAB_PFA_YEAR	9
#define VOCAB_PFA_AGE	13

/* Exceptions to the time limits (reg 8(2), reg 10(4)). */
struct vocab_exception {
	const char	*id;
	const char	*label;
	const char	*source;	/* "reg 10(4)" */
	int		 min_days;	/* the shortest period it may cover
					   (from and to both counted), or 0 */
};
extern const struct vocab_exception vocab_exceptions[];

const struct vocab_kind		*vocab_kind(const char *);
const char			*vocab_kind_label(const char *);	/* "Advice" if unknown */
const struct vocab_status	*vocab_status(const char *);
int				 vocab_status_open(const char *);	/* 0 if unknown */
size_t				 vocab_nopen(void);
const char			*vocab_area_label(const char *);
const struct vocab_section	*vocab_section(const char *);
const struct vocab_year		*vocab_year(const char *);
const struct vocab_exception	*vocab_exception(const char *);
/* 1 if an organisation of kind org_kind gives kind by default. */
int				 vocab_org_gives_by_default(const char *org_kind,
				    const char *kind);
/* 1 if kind is an element of the PostgreSQL text[] literal list
 * ("{psychological,other}", as advice_kinds is read). */
int				 vocab_in_pg_array(const char *list, const char *kind);

#endif
