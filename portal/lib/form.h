/*
 * form: parsed HTML form submissions (pure module).
 *
 * A form is an ordered list of (name, value) pairs, both NUL-terminated,
 * URL-decoded and valid UTF-8 without NUL.  Pairs keep the order of the
 * body; a name may repeat.  Strings belong to the form and die with
 * form_free().
 */
#ifndef FORM_H
#define FORM_H

#include <stddef.h>

struct form;

/*
 * Parses an application/x-www-form-urlencoded body of len bytes (need
 * not be NUL-terminated; body may be NULL when len is 0).  Pairs are
 * separated by '&'; empty pairs are skipped; a pair without '=' has an
 * empty value.  Returns 0 and sets *out (free with form_free), or sets
 * *out to NULL and returns -2 if there are more than max_fields pairs
 * (checked before any decoding), or -1 if the body is malformed (bad
 * or truncated %XX, %00 or a raw NUL, invalid UTF-8) or memory ran out.
 */
int		 form_parse_urlencoded(struct form **, const char *, size_t,
		    size_t);

/* First value for name, or NULL.  A NULL form has no fields. */
const char	*form_get(const struct form *, const char *);
size_t		 form_count(const struct form *);

/* Name or value of pair i, or NULL if i >= form_count(). */
const char	*form_name_at(const struct form *, size_t);
const char	*form_value_at(const struct form *, size_t);

/* Frees the form and all its strings; NULL is a no-op. */
void		 form_free(struct form *);

#endif /* FORM_H */
