/*
 * chaser — one chase pass. The schedule (pure, chase.c) says, for each
 * target (advice, draft_comment, consultation), which due dates have a
 * step today; one statement (CS_PASS) reads only the open targets due on
 * those dates and, in the same transaction, logs each step once per
 * recipient and queues its mail and notification. Work is proportional
 * to the rows due for a step, not to the tables.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chaser.h"
#include "chase_sql.h"
#include "clock.h"
#include "sbuf.h"
#include "vocab.h"

#define PROBES_MAX	4096	/* per target */
#define PASS_ARRAYS	12	/* $1–$8, $10–$13: a[0..7], a[8..11] */

/* How portalctl names a target of each kind in its report, by enum
 * chase_target. */
static const char *const target_nouns[CHASE_T__MAX] = {
	"request", "draft", "consultation",
};

/* Mail templates of events, by enum chase_event. */
static const char *const event_templates[CHASE_EV__MAX] = {
	"advice_declined",
	"parent_invitation",
	"password_reset",
	"password_changed",
	"parent_views_asked",
	"staff_invitation",
	"draft_issued",
	"consultation_sent",
	"consultation_answered",
	"final_issued_parent",
	"final_issued_setting",
};

static int	read_file(const char *, char **);
static int	load_mail(const char *, const char *, char **, char **, char *,
		    size_t);
static void	arr_text(struct sbuf *, const char *);
static void	arr_close(struct sbuf *);
static PGresult	*run_pass(const struct chaser *, const char *,
		    const struct stmt_def *, int *);
static const char	*target_noun(const char *);

/* The whole file (at most 64 KB), NUL-terminated, in *out. 0 ok. */
static int
read_file(const char *path, char **out)
{
	struct sbuf	 b;
	char		 chunk[4096];
	size_t		 n;
	FILE		*fp;

	*out = NULL;
	if ((fp = fopen(path, "r")) == NULL)
		return (-1);
	sbuf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0 && b.len < 65536)
		sbuf_append(&b, chunk, n);
	fclose(fp);
	if (b.oom || b.len >= 65536 || b.data == NULL ||
	    strlen(b.data) != b.len) {
		sbuf_free(&b);
		return (-1);
	}
	*out = b.data;
	return (0);
}

/* ROOT/templates/mail/NAME.txt into *subject and *body. 0 ok. */
static int
load_mail(const char *root, const char *name, char **subject, char **body,
    char *err, size_t errlen)
{
	char	 path[1024], msg[160], *text;
	int	 rc;

	if ((size_t)snprintf(path, sizeof(path), "%s/templates/mail/%s.txt",
	    root, name) >= sizeof(path) || read_file(path, &text) == -1) {
		(void)snprintf(err, errlen, "%s: cannot read", path);
		return (-1);
	}
	if ((rc = chase_mail_parse(text, subject, body, msg, sizeof(msg))) == -1)
		(void)snprintf(err, errlen, "%s: %s", path, msg);
	free(text);
	return (rc);
}

int
chaser_init(struct chaser *ch, const char *root, char *err, size_t errlen)
{
	const char	*url;
	char		 path[1024];
	size_t		 i;

	memset(ch, 0, sizeof(*ch));
	if ((size_t)snprintf(path, sizeof(path), "%s/conf/chase.conf", root) >=
	    sizeof(path) || chase_load(&ch->schedule, path, err, errlen) == -1)
		return (-1);
	if ((ch->subjects = calloc(ch->schedule.nsteps, sizeof(char *))) == NULL ||
	    (ch->bodies = calloc(ch->schedule.nsteps, sizeof(char *))) == NULL)
		goto fail;
	for (i = 0; i < ch->schedule.nsteps; i++) {
		if (load_mail(root, ch->schedule.steps[i].name, &ch->subjects[i],
		    &ch->bodies[i], err, errlen) == -1)
			goto fail;
		/* A code is a secret: only the invitation carries one. */
		if (strstr(ch->subjects[i], "{{code}}") != NULL ||
		    strstr(ch->bodies[i], "{{code}}") != NULL) {
			(void)snprintf(err, errlen, "%s/templates/mail/%s.txt: "
			    "{{code}} belongs in parent_invitation.txt only",
			    root, ch->schedule.steps[i].name);
			goto fail;
		}
	}
	for (i = 0; i < CHASE_EV__MAX; i++)
		if (load_mail(root, event_templates[i], &ch->ev_subjects[i],
		    &ch->ev_bodies[i], err, errlen) == -1)
			goto fail;
	if ((url = getenv("PORTAL_BASE_URL")) == NULL || *url == '\0')
		url = "http://127.0.0.1:8888";
	if (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0) {
		(void)snprintf(err, errlen, "PORTAL_BASE_URL must start with "
		    "http:// or https://");
		goto fail;
	}
	if ((size_t)snprintf(ch->base_url, sizeof(ch->base_url), "%s", url) >=
	    sizeof(ch->base_url)) {
		(void)snprintf(err, errlen, "PORTAL_BASE_URL is too long");
		goto fail;
	}
	if ((i = strlen(ch->base_url)) > 0 && ch->base_url[i - 1] == '/')
		ch->base_url[i - 1] = '\0';
	return (0);
fail:
	chaser_free(ch);
	return (-1);
}

void
chaser_free(struct chaser *ch)
{
	size_t	i;

	for (i = 0; i < ch->schedule.nsteps; i++) {
		if (ch->subjects != NULL)
			free(ch->subjects[i]);
		if (ch->bodies != NULL)
			free(ch->bodies[i]);
	}
	for (i = 0; i < CHASE_EV__MAX; i++) {
		free(ch->ev_subjects[i]);
		free(ch->ev_bodies[i]);
	}
	free(ch->subjects);
	free(ch->bodies);
	chase_free(&ch->schedule);
	memset(ch, 0, sizeof(*ch));
}

/* Appends one element, quoted, to a PostgreSQL array literal. */
static void
arr_text(struct sbuf *a, const char *s)
{
	sbuf_puts(a, a->len == 0 ? "{\"" : ",\"");
	for (; *s != '\0'; s++) {
		if (*s == '"' || *s == '\\')
			sbuf_append(a, "\\", 1);
		sbuf_append(a, s, 1);
	}
	sbuf_append(a, "\"", 1);
}

static void
arr_close(struct sbuf *a)
{
	sbuf_puts(a, a->len == 0 ? "{}" : "}");
}

/*
 * Runs sd (CS_PASS or its EXPLAIN) with the parameters of the pass for
 * today: the probes of advice in $1–$3, those of the other targets in
 * $11–$13; without JIT, in the same transaction (CS_PASS_NO_JIT). The
 * result, or NULL (*none set when nothing is due).
 */
static PGresult *
run_pass(const struct chaser *ch, const char *today, const struct stmt_def *sd,
    int *none)
{
	struct chase_probe	*probes;
	struct sbuf		 a[PASS_ARRAYS], *out;
	const char		*params[PASS_ARRAYS + 1];
	PGresult		*res = NULL;
	char			 date[DATE_LEN], num[24];
	long			 n, i, day, total = 0;
	size_t			 k;
	int			 t;

	*none = 0;
	if ((day = date_day(today)) == -1 ||
	    (probes = calloc(PROBES_MAX, sizeof(*probes))) == NULL)
		return (NULL);
	for (k = 0; k < PASS_ARRAYS; k++)
		sbuf_init(&a[k]);
	for (t = 0; t < CHASE_T__MAX; t++) {
		if ((n = chase_probes(&ch->schedule, chase_target_name(t), day,
		    probes, PROBES_MAX)) == -1)
			goto done;
		out = t == CHASE_ADVICE ? &a[0] : &a[9];
		for (i = 0; i < n; i++) {
			date_of_day(probes[i].due_day, date);
			arr_text(&out[0], date);
			date_of_day(probes[i].step_day, date);
			arr_text(&out[1], date);
			(void)snprintf(num, sizeof(num), "%ld",
			    (long)(probes[i].step - ch->schedule.steps) + 1);
			arr_text(&out[2], num);
		}
		total += n;
	}
	if (total == 0) {
		*none = 1;
		goto done;
	}
	for (k = 0; k < ch->schedule.nsteps; k++) {
		arr_text(&a[3], ch->schedule.steps[k].name);
		(void)snprintf(num, sizeof(num), "%u",
		    ch->schedule.steps[k].recipients);
		arr_text(&a[4], num);
		arr_text(&a[5], ch->subjects[k]);
		arr_text(&a[6], ch->bodies[k]);
		arr_text(&a[8], ch->schedule.steps[k].target);
	}
	for (k = 0; vocab_statuses[k].id != NULL; k++)
		if (vocab_statuses[k].open)
			arr_text(&a[7], vocab_statuses[k].id);
	for (k = 0; k < PASS_ARRAYS; k++) {
		arr_close(&a[k]);
		if (a[k].oom)
			goto done;
	}
	for (k = 0; k < 8; k++)
		params[k] = a[k].data;
	params[8] = ch->base_url;
	for (k = 8; k < PASS_ARRAYS; k++)
		params[k + 1] = a[k].data;
	PQclear(db_pair(&chase_stmts[CS_PASS_NO_JIT], NULL, sd, params, &res));
done:
	for (k = 0; k < PASS_ARRAYS; k++)
		sbuf_free(&a[k]);
	free(probes);
	return (res);
}

/* The noun of a target kind ("advice" → "request"), for the report. */
static const char *
target_noun(const char *kind)
{
	int	t;

	for (t = 0; t < CHASE_T__MAX; t++)
		if (strcmp(kind, chase_target_name(t)) == 0)
			return (target_nouns[t]);
	return (kind);
}

long
chaser_pass(const struct chaser *ch, const char *today,
    void (*report)(void *, const char *), void *arg)
{
	PGresult	*res;
	char		 line[512];
	long		 queued;
	int		 i, none;

	if ((res = run_pass(ch, today, &chase_stmts[CS_PASS],
	    &none)) == NULL)
		return (none ? 0 : -1);
	for (i = 0; report != NULL && i < db_rows(res); i++) {
		(void)snprintf(line, sizeof(line), "queued %s for %s %s "
		    "(%s) to account %s", db_val(res, i, 1),
		    target_noun(db_val(res, i, 0)), db_val(res, i, 2),
		    db_val(res, i, 3), db_val(res, i, 4));
		report(arg, line);
	}
	queued = db_rows(res);
	PQclear(res);
	return (queued);
}

int
chaser_explain(const struct chaser *ch, const char *today,
    void (*report)(void *, const char *), void *arg)
{
	PGresult	*res;
	int		 i, none;

	if (db_begin() == -1)
		return (-1);
	res = run_pass(ch, today, &chase_stmts[CS_PASS_EXPLAIN], &none);
	for (i = 0; i < db_rows(res); i++)
		report(arg, db_val(res, i, 0));
	PQclear(res);
	db_rollback();
	return (res == NULL && !none ? -1 : 0);
}
