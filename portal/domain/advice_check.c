/*
 * advice_check — provision warnings on an answer of the advice form.
 * See advice_check.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advice.h"
#include "advice_check.h"
#include "provision.h"
#include "template.h"

static int	check_text(const struct prov_conf *, const char *, const char *,
		    struct advice_warnings *);
static int	check_rows(const struct prov_conf *, const char *,
		    const struct tpl_field *, const struct avals *,
		    struct advice_warnings *);
static void	add(struct advice_warnings *, const struct prov_flag *,
		    const char *, size_t, int);

int
advice_check_feeds(const struct tpl_field *f)
{
	size_t	i;

	for (i = 0; i < f->nfeeds; i++)
		if (strcmp(f->feeds[i], "E") == 0 ||
		    prov_is_provision(f->feeds[i]))
			return 1;
	return 0;
}

/* One warning: the flag's message with "Row 2: this provision" (unit
 * "Row"), "Line 2: this outcome" or, for a one-line answer, "This
 * provision" in place of its "Section F, paragraph 2". */
static void
add(struct advice_warnings *w, const struct prov_flag *fl, const char *unit,
    size_t n, int several)
{
	char		 head[64];
	const char	*what = strcmp(fl->section, "E") == 0 ? "outcome" :
			    "provision";
	size_t		 skip;

	if (w->n >= ADVICE_WARNINGS_MAX)
		return;
	(void)snprintf(head, sizeof(head), "Section %s, paragraph %zu",
	    fl->section, fl->paragraph);
	skip = strncmp(fl->message, head, strlen(head)) == 0 ? strlen(head) : 0;
	if (several)
		(void)snprintf(w->message[w->n], sizeof(w->message[0]),
		    "%s %zu: this %s%s", unit, n, what, fl->message + skip);
	else
		(void)snprintf(w->message[w->n], sizeof(w->message[0]),
		    "This %s%s", what, fl->message + skip);
	w->n++;
}

/* A long answer, line by line (blank lines skipped). */
static int
check_text(const struct prov_conf *c, const char *section, const char *v,
    struct advice_warnings *w)
{
	struct prov_flags	 fl;
	struct prov_text	 t;
	const char		*line, *end;
	char			*one;
	size_t			 i, n = 0, lines = 0, k;
	int			 rc = 0;

	for (line = v; *line != '\0'; line = *end ? end + 1 : end) {
		end = line + strcspn(line, "\n");
		for (k = 0; line + k < end && strchr(" \t\r", line[k]); k++)
			;
		if (line + k < end)
			lines++;
	}
	for (line = v; *line != '\0' && rc == 0; line = *end ? end + 1 : end) {
		end = line + strcspn(line, "\n");
		for (k = 0; line + k < end && strchr(" \t\r", line[k]); k++)
			;
		if (line + k == end)
			continue;
		n++;
		if ((one = strndup(line, (size_t)(end - line))) == NULL)
			return -1;
		memset(&t, 0, sizeof(t));
		t.section = section;
		t.paragraph = n;
		t.text = one;
		prov_flags_init(&fl);
		rc = prov_check(c, NULL, &t, &fl);
		for (i = 0; rc == 0 && i < fl.n; i++)
			add(w, &fl.v[i], "Line", n, lines > 1);
		prov_flags_free(&fl);
		free(one);
	}
	return rc;
}

/* A rows answer: each row with anything in it. */
static int
check_rows(const struct prov_conf *c, const char *section,
    const struct tpl_field *f, const struct avals *v, struct advice_warnings *w)
{
	struct prov_flags	 fl;
	struct prov_text	 t;
	const char		*what;
	size_t			 i;
	int			 r, rows = avals_rows(v, f->id), rc = 0;

	for (r = 0; r < rows && rc == 0; r++) {
		what = avals_get(v, f->id, r, "what");
		if (what == NULL && f->ncolumns > 0)
			what = avals_get(v, f->id, r, f->columns[0].id);
		memset(&t, 0, sizeof(t));
		t.section = section;
		t.paragraph = (size_t)r + 1;
		t.text = what != NULL ? what : "";
		/* A column the template has but the row leaves empty is "",
		 * one it does not have NULL (then phrases must say it). */
		if (tpl_column(f, "by_whom") != NULL)
			t.by_whom = avals_get(v, f->id, r, "by_whom") ?
			    avals_get(v, f->id, r, "by_whom") : "";
		if (tpl_column(f, "how_often") != NULL)
			t.how_often = avals_get(v, f->id, r, "how_often") ?
			    avals_get(v, f->id, r, "how_often") : "";
		if (tpl_column(f, "how_long") != NULL)
			t.how_long = avals_get(v, f->id, r, "how_long") ?
			    avals_get(v, f->id, r, "how_long") : "";
		if (*t.text == '\0' && (t.by_whom == NULL || *t.by_whom == '\0') &&
		    (t.how_often == NULL || *t.how_often == '\0') &&
		    (t.how_long == NULL || *t.how_long == '\0'))
			continue;
		prov_flags_init(&fl);
		rc = prov_check(c, NULL, &t, &fl);
		for (i = 0; rc == 0 && i < fl.n; i++)
			add(w, &fl.v[i], "Row", (size_t)r + 1, 1);
		prov_flags_free(&fl);
	}
	return rc;
}

int
advice_check_field(const struct prov_conf *c, const struct tpl_field *f,
    const struct avals *v, struct advice_warnings *w)
{
	const char	*outcome = NULL, *provision = NULL, *val;
	size_t		 i;

	for (i = 0; i < f->nfeeds; i++) {
		if (strcmp(f->feeds[i], "E") == 0)
			outcome = "E";
		else if (provision == NULL && prov_is_provision(f->feeds[i]))
			provision = f->feeds[i];
	}
	if (f->type == TPL_ROWS) {
		if (provision != NULL && check_rows(c, provision, f, v, w) == -1)
			return -1;
		if (outcome != NULL && check_rows(c, outcome, f, v, w) == -1)
			return -1;
		return 0;
	}
	if (f->type != TPL_TEXT && f->type != TPL_LONGTEXT)
		return 0;
	if ((val = avals_get(v, f->id, -1, "")) == NULL || *val == '\0')
		return 0;
	if (outcome != NULL && check_text(c, outcome, val, w) == -1)
		return -1;
	if (provision != NULL && check_text(c, provision, val, w) == -1)
		return -1;
	return 0;
}
