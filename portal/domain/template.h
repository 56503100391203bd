/*
 * template — standard advice templates (DESIGN §5).  Pure: libxml2 and
 * libc only, no Kore headers.
 *
 * A template is data: one XML file per template version under
 * templates/advice/, checked against templates/advice/template.rng and
 * against the rules a grammar cannot state.  Every field names its
 * label, guidance (hint), whether it is required, its length limit, its
 * broad area of need and the plan sections it feeds (A-K, H1, H2).
 * A version never changes under advice written against it: a change is
 * a new file with a higher version.
 */
#ifndef PORTAL_TEMPLATE_H
#define PORTAL_TEMPLATE_H

#include <stddef.h>

struct tpl_column {
	char		*id;
	char		*label;
	int		 required;
	size_t		 maxlength;	/* code points */
};

struct tpl_option {
	char		*value;		/* what the form posts and the database keeps */
	char		*label;		/* what the user reads */
};

enum tpl_type {
	TPL_TEXT,			/* one line */
	TPL_LONGTEXT,			/* paragraphs */
	TPL_DATE,			/* strict YYYY-MM-DD, see date_valid() */
	TPL_CHOICE,			/* one of options[] */
	TPL_ROWS			/* table of columns[], up to maxrows rows */
};

struct tpl_field {
	char		*id;
	char		*label;
	char		*hint;		/* NULL if the template gives none */
	char		*area;		/* communication_interaction, cognition_learning,
					   semh, sensory_physical,
					   preparing_for_adulthood or general */
	enum tpl_type	 type;
	int		 required;
	size_t		 maxlength;	/* text, longtext: code points; date: 10;
					   choice, rows: 0 (see options, columns) */
	size_t		 maxrows;	/* rows only, else 0 */
	char		 feeds[8][3];	/* plan sections, e.g. "B", "H1"; each once */
	size_t		 nfeeds;
	struct tpl_column *columns;	/* rows only */
	size_t		 ncolumns;
	struct tpl_option *options;	/* choice only */
	size_t		 noptions;
};

struct tpl {
	char		*id;
	char		*kind;		/* advice request kind: parent, educational,
					   medical, psychological, social_care,
					   other, preparing_for_adulthood */
	char		*title;
	char		*description;	/* NULL if none */
	int		 version;	/* 1..9999 */
	struct tpl_field *fields;	/* in the order the form shows them */
	size_t		 nfields;
};

struct tpl_set {
	struct tpl	*tpls;		/* in file name order */
	size_t		 ntpls;
};

/*
 * Loads every *.xml file in dir (names starting with "." are skipped)
 * into set, which the caller provides and later gives to tpl_set_free().
 * Each file must be UTF-8 XML (no other encoding declared) of at most
 * 1 MiB with no DOCTYPE (so no DTD and no entities; the network is never
 * used), valid against the RELAX NG schema at schema_path, and must
 * satisfy: field ids unique in the template, column ids and option
 * values unique in their field,
 * columns only in rows fields, options only in choice fields, feeds
 * naming plan sections once each, (id, version) unique across the folder
 * and one kind per id.  Labels, hints and titles have their whitespace
 * collapsed to single spaces.
 * Returns 0, or -1 with set empty and err holding one line
 * "file:line: problem" (the file's base name), or "path: problem" when
 * the folder or the schema cannot be read.  Problems quote at most 40
 * printable ASCII characters of the file, never control characters.
 */
int	tpl_set_load(struct tpl_set *, const char *dir, const char *schema_path,
	    char *err, size_t errlen);
/* Frees what tpl_set_load() allocated and empties the set.  NULL-safe. */
void	tpl_set_free(struct tpl_set *);

/* The template with that id and version, or the highest version when
 * version is 0; NULL if none.  Points into the set. */
const struct tpl *tpl_find(const struct tpl_set *, const char *id, int version);
/* The latest template for an advice request kind: the template whose id
 * is the kind if there is one, else the first such id in file order;
 * highest version.  NULL if the set has none of that kind. */
const struct tpl *tpl_for_kind(const struct tpl_set *, const char *kind);
/* The field with that id, or NULL. */
const struct tpl_field *tpl_field(const struct tpl *, const char *field_id);
/* The column of a rows field with that id, or NULL. */
const struct tpl_column *tpl_column(const struct tpl_field *,
	    const char *column_id);
/* "Communication and interaction" … for an area id; NULL if unknown. */
const char *tpl_area_label(const char *area);

/*
 * Checks one answer.  value NULL counts as empty; so does a value of
 * only spaces, tabs and line breaks.  msg may be NULL only if msglen is
 * 0; a long message is cut to fit.  Returns 0, or -1 with msg holding a
 * GOV.UK-style error message that names the field by its label:
 *   "Enter strengths in communication and interaction"   required, empty
 *   "Select an option for how the views were gathered"  required choice,
 *                                                         empty, or a value
 *                                                         not among options
 *   "Strengths … must be 5000 characters or fewer"       text, longtext
 *                                                         (code points)
 *   "Date of assessment must be a real date"             date
 *   "Enter at least one row for provision …"             rows, required
 *   "… must only include characters the portal can read" not UTF-8
 * For a rows field the value only says whether any row was given
 * (non-empty = at least one row); check cells with tpl_check_cell().
 * Empty required answers are refused: when saving a draft (which may be
 * incomplete) call this only for non-empty values.
 */
int	tpl_check_value(const struct tpl_field *, const char *value,
	    char *msg, size_t msglen);
/*
 * Checks one cell (row counted from 0) of a rows field, as above:
 *   "Provision …, row 2: enter how often"             required column
 *   "Provision …, row 2: how often must be 200 characters or fewer"
 *   "Provision … must have 20 rows or fewer"          row ≥ maxrows
 */
int	tpl_check_cell(const struct tpl_field *, const struct tpl_column *,
	    size_t row, const char *value, char *msg, size_t msglen);

/* 1 if s is a real calendar date written strictly as YYYY-MM-DD with a
 * year from 1900 to 2199, else 0 (also for NULL). */
int	date_valid(const char *yyyy_mm_dd);

#endif /* PORTAL_TEMPLATE_H */
