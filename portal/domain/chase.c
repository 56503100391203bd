/*
 * chase — parsing the chase schedule and working out which step is due.
 * Pure (no Kore headers): unit-tested in tests/unit/test_chase.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chase.h"
#include "vocab.h"

#define LINE_MAX_LEN	512
#define STEPS_MAX	64
#define OFFSET_MAX	365

static const char *const targets[CHASE_T__MAX] = {
	"advice", "draft_comment", "consultation",
};

/*
 * Who each target can be chased to, by targets[] (the pass, chase_sql.c,
 * resolves only these): advice goes to its professional (or the service's
 * leads), the leads and the caseworker; a served draft to the parents of
 * the assessment and the caseworker; a consultation to the consulted
 * setting's school responders (the caseworker when it has none) and the
 * caseworker.
 */
static const unsigned int target_recipients[CHASE_T__MAX] = {
	CHASE_BIT(CHASE_PROFESSIONAL) | CHASE_BIT(CHASE_SERVICE_LEAD) |
	    CHASE_BIT(CHASE_CASEWORKER),
	CHASE_BIT(CHASE_PARENT) | CHASE_BIT(CHASE_CASEWORKER),
	CHASE_BIT(CHASE_SCHOOL_RESPONDER) | CHASE_BIT(CHASE_CASEWORKER),
};

static const char *const recipient_names[CHASE_R__MAX] = {
	"professional", "service_lead", "caseworker", "parent", "school_responder",
};

static const char *const placeholders[] = {
	"reference", "link", "due_on", "days", "recipient",
	"code",		/* the parent invitation only (chaser.c) */
	"setting", "issued_on",	/* the final plan's mails (final_sql.c) */
};

static int	parse_int(const char *, int, int, int *);
static int	parse_offset(const char *, struct chase_step *);
static int	parse_recipients(char *, unsigned int *);
static int	parse_name(const char *, char *);
static int	known(const char *const *, size_t, const char *);
static int	parse_line(struct chase_schedule *, char *, int, char *, size_t);
static int	add_step(struct chase_schedule *, const struct chase_step *,
		    char *, size_t);
static int	occurrence(const struct chase_step *, long, long *);
static int	placeholders_ok(const char *, char *, size_t);

static int
known(const char *const *list, size_t n, const char *s)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], s) == 0)
			return ((int)i);
	return (-1);
}

const char *
chase_recipient_name(enum chase_recipient r)
{
	return (r < CHASE_R__MAX ? recipient_names[r] : "");
}

const char *
chase_target_name(enum chase_target t)
{
	return (t < CHASE_T__MAX ? targets[t] : "");
}

int
chase_status_open(const char *status)
{
	return (vocab_status_open(status));
}

/* A decimal integer, optionally signed, within [lo, hi]. 0 ok. */
static int
parse_int(const char *s, int lo, int hi, int *out)
{
	char	*end;
	long	 v;

	if (*s == '\0' || (*s != '+' && *s != '-' && (*s < '0' || *s > '9')))
		return (-1);
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < lo || v > hi)
		return (-1);
	*out = (int)v;
	return (0);
}

/* "-14", "0", "+7" or "+14/7". 0 ok. */
static int
parse_offset(const char *s, struct chase_step *st)
{
	char	 buf[32], *slash;

	if (strlen(s) >= sizeof(buf))
		return (-1);
	memcpy(buf, s, strlen(s) + 1);
	st->every = 0;
	if ((slash = strchr(buf, '/')) != NULL) {
		*slash++ = '\0';
		if (*slash == '+' || *slash == '-' ||
		    parse_int(slash, 1, OFFSET_MAX, &st->every) == -1)
			return (-1);
	}
	return (parse_int(buf, -OFFSET_MAX, OFFSET_MAX, &st->offset));
}

/* "professional,service_lead": each known, none twice. 0 ok. */
static int
parse_recipients(char *s, unsigned int *out)
{
	char	*tok, *save = NULL;
	int	 r;

	*out = 0;
	if (*s == ',' || s[strlen(s) - 1] == ',' || strstr(s, ",,") != NULL)
		return (-1);
	for (tok = strtok_r(s, ",", &save); tok != NULL;
	    tok = strtok_r(NULL, ",", &save)) {
		if ((r = known(recipient_names, CHASE_R__MAX, tok)) == -1 ||
		    (*out & CHASE_BIT(r)))
			return (-1);
		*out |= CHASE_BIT(r);
	}
	return (*out == 0 ? -1 : 0);
}

/* [a-z0-9_]{1,31}. 0 ok. */
static int
parse_name(const char *s, char *out)
{
	size_t	i, n = strlen(s);

	if (n == 0 || n >= CHASE_NAME_MAX)
		return (-1);
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' &&
		    s[i] <= '9') || s[i] == '_'))
			return (-1);
	memcpy(out, s, n + 1);
	return (0);
}

static int
add_step(struct chase_schedule *cs, const struct chase_step *st, char *err,
    size_t errlen)
{
	struct chase_step	*grown;
	size_t			 i;

	for (i = 0; i < cs->nsteps; i++) {
		if (strcmp(cs->steps[i].target, st->target) != 0)
			continue;
		if (strcmp(cs->steps[i].name, st->name) == 0) {
			(void)snprintf(err, errlen, "line %d: step %s is listed "
			    "twice for %s", st->line, st->name, st->target);
			return (-1);
		}
		if (cs->steps[i].offset == st->offset) {
			(void)snprintf(err, errlen, "line %d: %s already has a "
			    "step on day %+d", st->line, st->target, st->offset);
			return (-1);
		}
	}
	if (cs->nsteps == STEPS_MAX) {
		(void)snprintf(err, errlen, "line %d: more than %d steps",
		    st->line, STEPS_MAX);
		return (-1);
	}
	if ((grown = realloc(cs->steps, (cs->nsteps + 1) * sizeof(*grown))) == NULL) {
		(void)snprintf(err, errlen, "out of memory");
		return (-1);
	}
	cs->steps = grown;
	cs->steps[cs->nsteps++] = *st;
	return (0);
}

/* One line, comment already cut off; lineno is its number. 0 ok. */
static int
parse_line(struct chase_schedule *cs, char *line, int lineno, char *err,
    size_t errlen)
{
	struct chase_step	 st;
	char			*f[5], *tok, *save = NULL;
	unsigned int		 other;
	int			 nf = 0, t, r;

	memset(&st, 0, sizeof(st));
	st.line = lineno;
	/* nf counts every field; only the first five are kept. */
	for (tok = strtok_r(line, " \t\r", &save); tok != NULL;
	    tok = strtok_r(NULL, " \t\r", &save))
		if (nf++ < 5)
			f[nf - 1] = tok;
	if (nf == 0)
		return (0);
	if (nf == 2 && strcmp(f[0], "catch_up") == 0)
		return (parse_int(f[1], 0, 30, &cs->catch_up) == 0 ? 0 :
		    (snprintf(err, errlen, "catch_up must be 0 to 30 days"), -1));
	if (nf == 2 && strcmp(f[0], "horizon") == 0)
		return (parse_int(f[1], 1, 1000, &cs->horizon) == 0 ? 0 :
		    (snprintf(err, errlen, "horizon must be 1 to 1000 days"), -1));
	if (nf != 4)
		return (snprintf(err, errlen, "expected TARGET OFFSET RECIPIENTS "
		    "STEP"), -1);
	if ((t = known(targets, sizeof(targets) / sizeof(targets[0]), f[0])) == -1)
		return (snprintf(err, errlen, "unknown target %.40s", f[0]), -1);
	(void)snprintf(st.target, sizeof(st.target), "%s", f[0]);
	if (parse_offset(f[1], &st) == -1)
		return (snprintf(err, errlen, "offset must be days from the due "
		    "date, -%d to +%d, optionally /EVERY", OFFSET_MAX, OFFSET_MAX), -1);
	if (parse_recipients(f[2], &st.recipients) == -1)
		return (snprintf(err, errlen, "recipients must be a comma-separated "
		    "list of known roles, each once"), -1);
	if ((other = st.recipients & ~target_recipients[t]) != 0) {
		for (r = 0; !(other & CHASE_BIT(r)); r++)
			continue;
		return (snprintf(err, errlen, "%s is not chased to %s", f[0],
		    recipient_names[r]), -1);
	}
	if (parse_name(f[3], st.name) == -1)
		return (snprintf(err, errlen, "step name must be 1 to 31 of "
		    "a-z 0-9 _"), -1);
	return (add_step(cs, &st, err, errlen));
}

int
chase_parse(struct chase_schedule *cs, const char *text, size_t len, char *err,
    size_t errlen)
{
	char	 line[LINE_MAX_LEN], msg[256];
	size_t	 i = 0, n, start;
	int	 lineno = 0;

	memset(cs, 0, sizeof(*cs));
	cs->catch_up = 2;
	cs->horizon = 365;
	while (i < len) {
		lineno++;
		start = i;
		while (i < len && text[i] != '\n')
			i++;
		n = i - start;
		i++;
		if (n >= sizeof(line) || memchr(text + start, '\0', n) != NULL) {
			(void)snprintf(err, errlen, "line %d: too long or not text",
			    lineno);
			goto fail;
		}
		memcpy(line, text + start, n);
		line[n] = '\0';
		line[strcspn(line, "#")] = '\0';
		msg[0] = '\0';
		if (parse_line(cs, line, lineno, msg, sizeof(msg)) == -1) {
			if (strncmp(msg, "line ", 5) == 0)
				(void)snprintf(err, errlen, "%s", msg);
			else
				(void)snprintf(err, errlen, "line %d: %s", lineno, msg);
			goto fail;
		}
	}
	if (cs->nsteps == 0) {
		(void)snprintf(err, errlen, "line %d: no steps", lineno);
		goto fail;
	}
	return (0);
fail:
	chase_free(cs);
	return (-1);
}

int
chase_load(struct chase_schedule *cs, const char *path, char *err, size_t errlen)
{
	FILE	*fp;
	char	*buf = NULL, msg[256];
	long	 size;
	int	 rc = -1;

	memset(cs, 0, sizeof(*cs));
	if ((fp = fopen(path, "r")) == NULL) {
		(void)snprintf(err, errlen, "%s: cannot open", path);
		return (-1);
	}
	if (fseek(fp, 0, SEEK_END) == 0 && (size = ftell(fp)) >= 0 &&
	    size < 65536 && fseek(fp, 0, SEEK_SET) == 0 &&
	    (buf = malloc((size_t)size + 1)) != NULL &&
	    fread(buf, 1, (size_t)size, fp) == (size_t)size) {
		if ((rc = chase_parse(cs, buf, (size_t)size, msg, sizeof(msg))) == -1)
			(void)snprintf(err, errlen, "%s:%s", path, msg + 5);
	} else
		(void)snprintf(err, errlen, "%s: cannot read (at most 64 KB)", path);
	free(buf);
	fclose(fp);
	return (rc);
}

void
chase_free(struct chase_schedule *cs)
{
	free(cs->steps);
	memset(cs, 0, sizeof(*cs));
}

/*
 * The latest occurrence of step on or before offset o (days after the
 * due date), in *at. 0 found, -1 none yet.
 */
static int
occurrence(const struct chase_step *st, long o, long *at)
{
	if (o < st->offset)
		return (-1);
	*at = st->every == 0 ? st->offset :
	    st->offset + (o - st->offset) / st->every * st->every;
	return (0);
}

const struct chase_step *
chase_due(const struct chase_schedule *cs, const char *target, long due,
    long today, long *step_day)
{
	const struct chase_step	*best = NULL;
	long			 o = today - due, at, best_at = 0;
	size_t			 i;

	for (i = 0; i < cs->nsteps; i++) {
		if (strcmp(cs->steps[i].target, target) != 0 ||
		    occurrence(&cs->steps[i], o, &at) == -1)
			continue;
		if (best == NULL || at > best_at) {
			best = &cs->steps[i];
			best_at = at;
		}
	}
	if (best == NULL || o - best_at > cs->catch_up || best_at > cs->horizon)
		return (NULL);
	*step_day = due + best_at;
	return (best);
}

long
chase_probes(const struct chase_schedule *cs, const char *target, long today,
    struct chase_probe *out, size_t max)
{
	const struct chase_step	*st;
	long			 due, lo, hi, step_day;
	size_t			 i, n = 0;
	int			 min_off = 0;

	for (i = 0; i < cs->nsteps; i++)
		if (cs->steps[i].offset < min_off)
			min_off = cs->steps[i].offset;
	/* A step is due only while due + offset ≤ today ≤ due + horizon + catch_up. */
	lo = today - cs->horizon - cs->catch_up;
	hi = today - min_off;
	for (due = hi; due >= lo; due--) {
		if ((st = chase_due(cs, target, due, today, &step_day)) == NULL)
			continue;
		if (n == max)
			return (-1);
		out[n].due_day = due;
		out[n].step_day = step_day;
		out[n].step = st;
		n++;
	}
	return ((long)n);
}

/* Every {{name}} in s is a known placeholder. 0 ok. */
static int
placeholders_ok(const char *s, char *err, size_t errlen)
{
	const char	*p, *end;
	char		 name[32];
	size_t		 n;

	for (p = strstr(s, "{{"); p != NULL; p = strstr(end + 2, "{{")) {
		if ((end = strstr(p + 2, "}}")) == NULL)
			return (snprintf(err, errlen, "unclosed {{"), -1);
		n = (size_t)(end - (p + 2));
		if (n >= sizeof(name))
			return (snprintf(err, errlen, "unknown placeholder"), -1);
		memcpy(name, p + 2, n);
		name[n] = '\0';
		if (known(placeholders, sizeof(placeholders) /
		    sizeof(placeholders[0]), name) == -1)
			return (snprintf(err, errlen, "unknown placeholder {{%s}}",
			    name), -1);
	}
	return (0);
}

int
chase_mail_parse(const char *text, char **subject, char **body, char *err,
    size_t errlen)
{
	const char	*nl;
	size_t		 n;

	*subject = *body = NULL;
	if (strncmp(text, "Subject: ", 9) != 0 ||
	    (nl = strchr(text, '\n')) == NULL || nl[1] != '\n') {
		(void)snprintf(err, errlen, "must start with \"Subject: \", "
		    "then a blank line");
		return (-1);
	}
	n = (size_t)(nl - (text + 9));
	if (n == 0 || memchr(text + 9, '\r', n) != NULL) {
		(void)snprintf(err, errlen, "empty subject");
		return (-1);
	}
	if (placeholders_ok(text, err, errlen) == -1)
		return (-1);
	if ((*subject = strndup(text + 9, n)) == NULL ||
	    (*body = strdup(nl + 2)) == NULL) {
		free(*subject);
		*subject = NULL;
		(void)snprintf(err, errlen, "out of memory");
		return (-1);
	}
	return (0);
}
