/*
 * provision — checks on the text of a draft plan or of advice before it
 * is submitted.  Pure: no Kore headers, no database.  Flags are warnings
 * for the writer, never refusals.
 *
 * Provision check (SEND Code of Practice 9.69: provision must be specific
 * and quantified — what, who, how often, how long).  A paragraph of
 * section F, G, H1 or H2 is flagged when it does not say who provides
 * it, how often or for how long (a non-blank cell of that column is
 * enough; otherwise a marker phrase of the configuration must appear in
 * the text or the other cells), and for every vague phrase it uses.
 * A paragraph of section E (an outcome) is flagged when it gives no
 * time frame: a time-frame phrase, or a year written 2000–2199.
 *
 * Phrases match whole words, case- and accent-insensitively (Latin
 * letters, with combining accents ignored), any run of spaces equal to
 * one space, and curly apostrophes equal to straight ones.
 *
 * Configuration (conf/provision.conf), one phrase a line:
 *   vague       PHRASE      wording that cannot be checked
 *   who         PHRASE      marks who provides it ("teaching assistant")
 *   how_often   PHRASE      marks frequency ("times a week")
 *   how_long    PHRASE      marks duration ("minutes", "until")
 *   time_frame  PHRASE      marks an outcome's time frame ("by the end of")
 * "#" starts a comment.  A phrase is 1–80 bytes of UTF-8 with no control
 * characters; at most 500 phrases.  The built-in defaults are the same
 * text as the shipped conf/provision.conf.
 *
 * Name check: another child's name found in the text (the copy-paste
 * error councils fear most).  A full name ("given family") matches in
 * any case; a given name alone matches only when the text writes it with
 * a capital letter (so a child called May or Grace does not flag "may"
 * or "grace"), and never when the child being planned for shares it
 * (or any word of their names).  A family name alone is not flagged: it
 * is too often a member of staff's ("Mrs Smith").  Names under 2 letters
 * are skipped.  Each name is flagged once per paragraph, at most 32.  The flag does not repeat the name it found:
 * that a name is on the council's records is itself personal data, so
 * a page may show the flag only to someone entitled to know (the
 * caseworker), and should highlight the span (match_off, match_len) in
 * the writer's own text rather than say whose name it is.
 */
#ifndef PORTAL_PROVISION_H
#define PORTAL_PROVISION_H

#include <stddef.h>

enum prov_kind {
	PROV_VAGUE,
	PROV_WHO,
	PROV_HOW_OFTEN,
	PROV_HOW_LONG,
	PROV_TIME_FRAME,
	PROV__PHRASES		/* phrase lists above; flags below */
};

enum prov_flag_kind {
	FLAG_VAGUE,		/* "vague_wording" */
	FLAG_NO_WHO,		/* "no_who" */
	FLAG_NO_HOW_OFTEN,	/* "no_how_often" */
	FLAG_NO_HOW_LONG,	/* "no_how_long" */
	FLAG_NO_TIME_FRAME,	/* "no_time_frame" */
	FLAG_OTHER_CHILD,	/* "other_child_name" */
	FLAG__MAX
};

struct prov_conf {
	char	**phrase[PROV__PHRASES];	/* as written in the configuration */
	char	**folded[PROV__PHRASES];	/* as matched */
	size_t	  n[PROV__PHRASES];
};

/* One paragraph to check.  Borrowed. */
struct prov_text {
	const char	*section;	/* "E", "F", "G", "H1", "H2"; others: names only */
	size_t		 paragraph;	/* copied to the flags (1-based by convention) */
	const char	*text;
	const char	*by_whom;	/* NULL when the paragraph has no such cell */
	const char	*how_often;
	const char	*how_long;
};

struct prov_flag {
	enum prov_flag_kind	 kind;
	char			 section[3];
	size_t			 paragraph;
	char			*message;	/* plain English; names no child */
	char			*phrase;	/* the vague phrase as configured, else NULL */
	const char		*field;		/* which part matched: "text", "by_whom"… */
	size_t			 match_off;	/* byte span in that part (vague, name) */
	size_t			 match_len;
};

struct prov_flags {
	struct prov_flag	*v;
	size_t			 n;
	size_t			 cap;
};

/* The other children's names, indexed for the check.  Opaque. */
struct prov_names;

/*
 * Parses configuration text (len bytes, need not be NUL-terminated).
 * 0 ok; -1 with "line N: problem" in err (or "out of memory") and the
 * configuration empty.  Free with prov_conf_free() either way.
 */
int	prov_conf_parse(struct prov_conf *, const char *, size_t, char *, size_t);
/* The built-in defaults. 0, or -1 out of memory. */
int	prov_conf_default(struct prov_conf *);
/* From a file of at most 64 KiB; "path: problem" when it cannot be read. */
int	prov_conf_load(struct prov_conf *, const char *, char *, size_t);
void	prov_conf_free(struct prov_conf *);

/*
 * Indexes n children's names: given[i] and family[i] (either may be NULL
 * or blank).  own_given / own_family: the child being planned for (NULL if
 * none).  Returns NULL out of memory.  Free with prov_names_free().
 */
struct prov_names *prov_names_alloc(const char *const *given,
	    const char *const *family, size_t n, const char *own_given,
	    const char *own_family);
void	prov_names_free(struct prov_names *);

/*
 * Checks one paragraph: provision or outcome rules by section (conf may be
 * NULL to skip them), then names (NULL to skip).  Appends flags in a fixed
 * order: vague phrases in the order found, who, how often, how long, time
 * frame, names.  Text that is not valid UTF-8 is checked byte-wise as far
 * as it is valid.  0, or -1 out of memory.
 */
int	prov_check(const struct prov_conf *, const struct prov_names *,
	    const struct prov_text *, struct prov_flags *);

void	prov_flags_init(struct prov_flags *);
void	prov_flags_free(struct prov_flags *);
/* "vague_wording", "no_who" … (the API's problem codes). */
const char *prov_flag_code(enum prov_flag_kind);

/* 1 if the section's paragraphs are provision (F, G, H1, H2). */
int	prov_is_provision(const char *section);

#endif /* PORTAL_PROVISION_H */
