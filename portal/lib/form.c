/*
 * form: application/x-www-form-urlencoded parsing.  See form.h.
 *
 * The body is copied once into a buffer owned by the form; pairs are
 * cut and decoded in place there, so a form costs two allocations
 * whatever its size.  Everything here handles hostile input: the
 * length is bounded by the caller's body limit and the number of pairs
 * is checked before any memory proportional to it is allocated.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "esc.h"
#include "form.h"

struct form_field {
	char	*name;	/* points into form->buf */
	char	*value;	/* points into form->buf */
};

struct form {
	char			*buf;	/* decoded copy of the body */
	size_t			 n;
	struct form_field	 f[];	/* n pairs in body order */
};

static size_t	count_pairs(const char *, size_t);
static int	field_cut(struct form_field *, char *, char *);

/* Number of non-empty '&'-separated pairs in the len bytes at p. */
static size_t
count_pairs(const char *p, size_t len)
{
	size_t	 i, n = 0;

	for (i = 0; i < len; i++)
		if (p[i] != '&' && (i == 0 || p[i - 1] == '&'))
			n++;
	return n;
}

/*
 * Splits the NUL-terminated pair at p (whose terminator is at end) into
 * name and value and decodes both.  Without '=' the value is the empty
 * string at end.  Returns 0, or -1 if either part is malformed.
 */
static int
field_cut(struct form_field *fl, char *p, char *end)
{
	char	*eq;

	fl->name = p;
	fl->value = end;
	if ((eq = strchr(p, '=')) != NULL) {
		*eq = '\0';
		fl->value = eq + 1;
	}
	if (url_decode(fl->name) == -1 || url_decode(fl->value) == -1)
		return -1;
	if (!utf8_valid(fl->name, strlen(fl->name)) ||
	    !utf8_valid(fl->value, strlen(fl->value)))
		return -1;
	return 0;
}

int
form_parse_urlencoded(struct form **out, const char *body, size_t len,
    size_t max_fields)
{
	struct form	*f = NULL;
	char		*p, *end, *amp;
	size_t		 n;

	*out = NULL;
	if (body == NULL)
		len = 0;
	if (len > 0 && memchr(body, '\0', len) != NULL)
		return -1;
	if ((n = count_pairs(body, len)) > max_fields)
		return -2;
	if (n > (SIZE_MAX - sizeof(*f)) / sizeof(f->f[0]) ||
	    len == SIZE_MAX)
		return -1;
	if ((f = calloc(1, sizeof(*f) + n * sizeof(f->f[0]))) == NULL)
		return -1;
	if ((f->buf = malloc(len + 1)) == NULL)
		goto fail;
	if (len > 0)
		memcpy(f->buf, body, len);
	f->buf[len] = '\0';

	p = f->buf;
	end = f->buf + len;
	while (p < end) {
		if ((amp = memchr(p, '&', (size_t)(end - p))) == NULL)
			amp = end;
		*amp = '\0';
		if (amp > p && field_cut(&f->f[f->n++], p, amp) == -1)
			goto fail;
		p = amp + 1;
	}
	*out = f;
	return 0;
fail:
	form_free(f);
	return -1;
}

const char *
form_get(const struct form *f, const char *name)
{
	size_t	 i;

	if (f == NULL || name == NULL)
		return NULL;
	for (i = 0; i < f->n; i++)
		if (strcmp(f->f[i].name, name) == 0)
			return f->f[i].value;
	return NULL;
}

size_t
form_count(const struct form *f)
{

	return f == NULL ? 0 : f->n;
}

const char *
form_name_at(const struct form *f, size_t i)
{

	return f == NULL || i >= f->n ? NULL : f->f[i].name;
}

const char *
form_value_at(const struct form *f, size_t i)
{

	return f == NULL || i >= f->n ? NULL : f->f[i].value;
}

void
form_free(struct form *f)
{

	if (f == NULL)
		return;
	free(f->buf);
	free(f);
}
