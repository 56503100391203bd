/*
 * plan — the draft EHC plan assembled from accepted advice (DESIGN §4,
 * reg 12, CoP 9.62).  Pure: no Kore headers, no database.
 *
 * A draft has sections A–K (H split into H1 and H2).  Each template field
 * of each piece of accepted advice lands in every section it `feeds`
 * (templates/advice/NAME.xml) as one or more paragraphs:
 *   - a text or long-text answer is one paragraph, except in section E,
 *     where each non-empty line is one outcome (the templates ask for
 *     "one outcome per line", and each outcome is checked on its own);
 *   - a rows answer (provision) is one paragraph per row: the "what"
 *     cell is the text, by_whom / how_often / how_long are kept apart;
 *   - a choice answer is its option's label; a date is as written.
 * Every paragraph carries its attribution: adviser, role, service, date
 * of the advice, and the source (advice request, advice version, field,
 * part).  B, E and F are grouped by broad area of need, in the order
 * communication and interaction, cognition and learning, social,
 * emotional and mental health, sensory and/or physical, preparing for
 * adulthood, then general; other sections keep the advice's order.
 * Section K lists every piece of advice with its date, each followed by
 * its fields that feed K.  Section I is always blank in a draft
 * (s.38(5) CFA: a draft names no school).
 */
#ifndef PORTAL_PLAN_H
#define PORTAL_PLAN_H

#include <stddef.h>

struct tpl;
struct avals;
struct sbuf;
struct prov_conf;
struct prov_names;
struct prov_flags;

enum plan_section {
	PLAN_A, PLAN_B, PLAN_C, PLAN_D, PLAN_E, PLAN_F, PLAN_G,
	PLAN_H1, PLAN_H2, PLAN_I, PLAN_J, PLAN_K,
	PLAN__MAX
};

/* "A" … "K", "H1", "H2"; NULL outside the enum. */
const char	*plan_section_id(enum plan_section);
/* The section's heading as a draft plan prints it; NULL outside the enum. */
const char	*plan_section_title(enum plan_section);
/* The section with that id ("H1"), or -1. */
int		 plan_section_parse(const char *);

/* One piece of accepted advice: what the assembly reads.  Borrowed. */
struct plan_advice {
	long			 request_id;	/* advice_requests.id */
	long			 advice_id;	/* advice.id of the accepted version */
	const char		*kind;		/* advice request kind, e.g. "educational" */
	const char		*adviser;	/* name as declared */
	const char		*role;		/* role as declared */
	const char		*service;	/* the organisation that gave it */
	const char		*advice_date;	/* YYYY-MM-DD: date of the advice */
	const struct tpl	*tpl;		/* the template it was written on */
	const struct avals	*values;	/* its answers */
};

/* Where a paragraph came from.  request_id 0: written by the caseworker. */
struct plan_source {
	long	request_id;
	long	advice_id;
	char	field[64];		/* template field id; "" for a K listing */
	int	part;			/* -1 whole answer, else row or line from 0 */
};

/* Every string is owned and non-NULL, except the three cells. */
struct plan_para {
	char			*area;		/* broad area id, "general" if none */
	char			*text;
	char			*by_whom;	/* provision rows only, else NULL */
	char			*how_often;
	char			*how_long;
	char			*label;		/* the source field's label ("" if none) */
	char			*adviser;
	char			*role;
	char			*service;
	char			*kind;
	char			 advice_date[11];
	struct plan_source	 src;
	int			 edited;	/* the caseworker changed it: kept as is */
	int			 is_new;	/* added by the last re-assembly */
};

struct plan_body {
	struct plan_para	*p;
	size_t			 n;
	size_t			 cap;
	long			 version;	/* the section's version (optimistic lock) */
};

struct plan_draft {
	struct plan_body	 s[PLAN__MAX];
	long			*assembled;	/* advice ids already assembled, */
	size_t			 nassembled;	/* so a deleted paragraph stays deleted */
};

void	plan_draft_init(struct plan_draft *);
void	plan_draft_free(struct plan_draft *);

/*
 * Assembles a draft from n pieces of accepted advice, in the order given
 * (the caller orders them by date of advice).  out is initialised here;
 * the caller frees it with plan_draft_free() whatever the result.  A
 * field the template does not hold, or answers not in the template, are
 * skipped.  Section versions are 0.  Returns 0, or -1 out of memory.
 */
int	plan_assemble(const struct plan_advice *, size_t, struct plan_draft *);

/*
 * Re-assembles without losing edits: out gets prev's paragraphs in prev's
 * order (edited ones exactly as they were), plus every paragraph of
 * fresh (a plan_assemble() of all the advice accepted now) whose advice
 * prev had not assembled, marked is_new: in B, E and F after the last
 * paragraph of the same broad area (or where its area falls in the area
 * order), elsewhere at the end of the section.  A paragraph the
 * caseworker deleted stays deleted.  is_new is cleared on prev's
 * paragraphs, section versions are prev's, Section I is blank.  out is
 * initialised here; free it whatever the result.  0, or -1 out of memory.
 */
int	plan_reassemble(const struct plan_draft *prev,
	    const struct plan_draft *fresh, struct plan_draft *out);

/* Source key "request/field/part" (e.g. "42/ci_provision/3", "42//-1"
 * for a K listing, "0/note/2" for the caseworker's own).  Returns
 * snprintf's result: ≥ len means cut. */
int	plan_source_key(const struct plan_source *, char *, size_t);

/*
 * Optimistic locking.  A save carries the section version the editor
 * opened; it succeeds only if that is still the current version.
 * plan_version_parse: strict decimal 0–999999999 → 0, else -1.
 */
enum plan_version_check {
	PLAN_VERSION_OK,	/* save as current + 1 */
	PLAN_VERSION_STALE,	/* someone saved since: refuse (409) */
	PLAN_VERSION_INVALID	/* a version that never existed: refuse (400) */
};
int	plan_version_parse(const char *, long *);
enum plan_version_check plan_version_check(long expected, long current);
/* The message a refused save shows (GOV.UK error style, names the section),
 * "" for PLAN_VERSION_OK. */
void	plan_version_message(enum plan_version_check, enum plan_section,
	    char *, size_t);

/*
 * Runs the provision and name checks (provision.h) over every paragraph,
 * numbering paragraphs from 1 within their section.  names may be NULL.
 * Appends to flags.  0, or -1 out of memory.
 */
int	plan_check(const struct plan_draft *, const struct prov_conf *,
	    const struct prov_names *, struct prov_flags *);

/* A plain-text dump of the draft (golden-file tests, logs of shape only:
 * it holds personal data, never log it). */
void	plan_render_text(const struct plan_draft *, struct sbuf *);

#endif /* PORTAL_PLAN_H */
