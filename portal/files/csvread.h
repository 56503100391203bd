/*
 * csvread — an RFC 4180 CSV reader and the case import's row parser
 * (issue 13: "portalctl import cases" and the admin import page).  Pure:
 * no Kore headers.
 *
 * The reader takes a whole file in memory: fields separated by commas,
 * records ended by CRLF, LF or a lone CR; a field may be quoted, and a
 * quoted field may hold commas, line breaks and doubled quotes; a UTF-8
 * byte order mark at the very start is skipped; spaces are kept (the
 * import trims them).  Refused, with the line: a NUL byte, a quote inside
 * an unquoted field, text after a closing quote, a quote never closed,
 * more than CSV_MAX_FIELDS fields in a record or CSV_MAX_RECORDS records.
 * Line numbers are the file's physical lines, 1-based, counting the
 * header: a record's line is the line it starts on.
 */
#ifndef PORTAL_CSVREAD_H
#define PORTAL_CSVREAD_H

#include <stddef.h>

#include "clock.h"
#include "figures.h"

#define CSV_MAX_FIELDS	256
#define CSV_MAX_RECORDS	200000
#define CSV_MAX_BYTES	(64UL * 1024 * 1024)

struct csv_record {
	char	**field;	/* NUL-terminated copies */
	size_t	  n;
	size_t	  line;
};

struct csv_doc {
	struct csv_record	*rec;
	size_t			 n;
	size_t			 err_line;	/* where csv_parse() stopped */
};

/* 0 and the records, or -1, the reason in err and its line in
 * err_line.  csv_free() either way. */
int	csv_parse(const char *, size_t, struct csv_doc *, char *err,
	    size_t errlen);
void	csv_free(struct csv_doc *);

/*
 * The case import.  The header row names the columns, in any order, in
 * any case, spaces around them ignored:
 *   required  reference, given_name, family_name, date_of_birth,
 *             request_received
 *   optional  decision_to_assess (yes/no), decision_date,
 *             plan_decision_date, draft_issued, final_issued,
 *             final_setting, exception_kind (school_closure,
 *             personal_circumstances, absence, missed_appointment),
 *             exception_reason, exception_from, exception_to, and for
 *             each advice kind (educational, medical, psychological,
 *             social_care, other, preparing_for_adulthood)
 *             <kind>_requested and <kind>_received.
 * Dates are YYYY-MM-DD or DD/MM/YYYY (D/M/YYYY too); an impossible date
 * (31/02/2027) is refused.  An unknown, repeated or missing required
 * column refuses the whole file (reported on line 1).  Every bad cell
 * of every row is reported with its line, column and reason; rows of
 * only empty cells are skipped.
 */
#define IMP_TEXT_MAX	200	/* characters a text cell may hold */
#define IMP_REF_MAX	64

enum imp_col {
	IMP_REFERENCE, IMP_GIVEN_NAME, IMP_FAMILY_NAME, IMP_DATE_OF_BIRTH,
	IMP_REQUEST_RECEIVED, IMP_DECISION_TO_ASSESS, IMP_DECISION_DATE,
	IMP_PLAN_DECISION_DATE, IMP_DRAFT_ISSUED, IMP_FINAL_ISSUED,
	IMP_FINAL_SETTING, IMP_EXCEPTION_KIND, IMP_EXCEPTION_REASON,
	IMP_EXCEPTION_FROM, IMP_EXCEPTION_TO,
	IMP_ADVICE_FIRST,	/* then requested, received per kind */
	IMP_COLS = IMP_ADVICE_FIRST + 2 * ADV_KINDS
};

/* The column's name ("psychological_requested"), or NULL. */
const char	*imp_col_name(int);

struct imp_row {
	size_t	line;
	char	*reference, *given_name, *family_name;	/* never NULL */
	char	*final_setting, *exception_reason;	/* "" if none */
	char	date_of_birth[DATE_LEN], request_received[DATE_LEN];
	int	decision_to_assess;	/* enum fig_decision */
	char	decision_date[DATE_LEN], plan_decision_date[DATE_LEN];
	char	draft_issued[DATE_LEN], final_issued[DATE_LEN];
	int	exception_kind;		/* enum fig_exception_kind or -1 */
	char	exception_from[DATE_LEN], exception_to[DATE_LEN];
	char	advice_requested[ADV_KINDS][DATE_LEN];
	char	advice_received[ADV_KINDS][DATE_LEN];
	/* Dates are YYYY-MM-DD, "" when the cell was empty. */
};

struct imp_error {
	size_t	line;
	char	column[40];	/* "" for the whole row */
	char	reason[200];
};

#define IMP_MAX_ERRORS	1000	/* then one "too many errors" line */

/*
 * The hook for the shared validation module (the same checks as the form
 * and the API), called for each row that passed the checks here; the
 * caller (portalctl, the admin page) also uses it for what needs the
 * database, such as "a reference already present".  It returns 0 if the
 * row is good, or -1 having filled column and reason.
 */
typedef int (*imp_validate_fn)(void *arg, const struct imp_row *,
	    char *column, size_t, char *reason, size_t);

struct imp_options {
	const char	*today;		/* YYYY-MM-DD: later dates refused; NULL: no check */
	imp_validate_fn	 validate;	/* NULL until the module exists */
	void		*arg;
};

struct imp_result {
	struct imp_row		*row;	/* every good row */
	size_t			 n;
	struct imp_error	*err;
	size_t			 n_err;
	int			 truncated;	/* errors past IMP_MAX_ERRORS */
};

/*
 * 0 if every row is good (all or nothing: the caller imports `row` only
 * then), 1 if any row or the header is bad (err lists why), -1 on
 * allocation failure.  imp_free() either way.
 */
int	imp_parse(const char *, size_t, const struct imp_options *,
	    struct imp_result *);
void	imp_free(struct imp_result *);

/* A date cell as YYYY-MM-DD: 0, or -1 if it is neither YYYY-MM-DD nor
 * DD/MM/YYYY, or not a real date. */
int	imp_date(const char *, char out[DATE_LEN]);

#endif /* PORTAL_CSVREAD_H */
