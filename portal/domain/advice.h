/*
 * advice — the values of one piece of advice, read from a form and checked
 * against its template. Pure: no Kore headers.
 *
 * Form names: a field is "f.<field>"; a date is three inputs
 * "f.<field>-day", "-month" and "-year" (GOV.UK date input); a cell of a rows field is
 * "f.<field>.<row>.<column>" (row from 0). Rows whose cells are all empty
 * are dropped and the rest renumbered, so the stored rows are compact.
 */
#ifndef PORTAL_ADVICE_H
#define PORTAL_ADVICE_H

#include <stddef.h>

struct form;
struct tpl;
struct tpl_field;

struct aval {
	char	*field;
	int	 row;		/* -1 for a single-value field */
	char	*column;	/* "" for a single-value field */
	char	*value;
};

struct avals {
	struct aval	*v;
	size_t		 n;
	size_t		 cap;
};

#define ERRS_MAX	64

/* Errors for the GOV.UK error summary: field is the input's id. */
struct errs {
	size_t	n;
	struct {
		char	field[96];
		char	message[256];
	} e[ERRS_MAX];
};

void		 avals_init(struct avals *);
void		 avals_free(struct avals *);
/* Copies; 0 ok, -1 out of memory. */
int		 avals_add(struct avals *, const char *, int, const char *, const char *);
/* The value or NULL. */
const char	*avals_get(const struct avals *, const char *, int, const char *);
/* Number of rows stored for a rows field. */
int		 avals_rows(const struct avals *, const char *);

void		 errs_add(struct errs *, const char *, const char *, ...)
		    __attribute__((format(printf, 3, 4)));

/*
 * Reads the template's fields from the form. Values over their length
 * limit are kept (so nothing typed is lost) and reported in errs.
 * Returns 0, or -1 out of memory.
 */
int		 avals_from_form(const struct tpl *, const struct form *,
		    struct avals *, struct errs *);
/* What submission needs: every required field and cell, real dates, known choices. */
void		 avals_check_submit(const struct tpl *, const struct avals *,
		    struct errs *);
/* The same for the fields of one broad area ("general" included); NULL: all. */
void		 avals_check_area(const struct tpl *, const struct avals *,
		    const char *, struct errs *);

#endif
