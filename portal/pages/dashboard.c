/*
 * dashboard — the service dashboard and the monthly 20-week compliance
 * table (issue 13) for a council's managers, with every table as CSV.
 * Every number comes from figures.c over the rows figures_sql.c reads:
 * this file only reads the range, lays the figures out and writes them.
 * The range is in the URL (dates are not personal data); nothing else
 * from the request is echoed. The list of open cases over 20 weeks
 * names case references and caseworkers: showing or downloading it is
 * audited as a view of children's data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "clock.h"
#include "checks.h"
#include "config.h"
#include "datefmt.h"
#include "figures.h"
#include "figures_sql.h"
#include "sbuf.h"
#include "tmpl.h"

#define ADVICE_TARGET	90	/* % of advice within 6 weeks (seed 000) */
#define OPEN_SHOWN	100	/* open cases listed on the page; CSV: all */
#define MONTHS_MAX	120	/* the monthly table: 10 years at most */
#define CACHE_N		4	/* figures kept per worker (dash_load) */
#define BAR_W		300
#define BAR_X		290	/* chart: where the bars start */	/* chart: the bar area's width for 100 % */

/* The tables of the dashboard, by their ?table= name. */
enum dash_table { DT_SUMMARY, DT_KINDS, DT_SERVICES, DT_OPEN, DT__MAX };
static const char *const dash_table_names[DT__MAX] = {
	"summary", "advice-kinds", "advice-services", "open"
};

static const char *const kind_labels[ADV_KINDS] = {
	"Educational", "Medical", "Psychological", "Social care", "Other",
	"Preparing for adulthood"
};
static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"
};

struct dash {
	struct fig_range	 r;
	char			 from[DATE_LEN], to[DATE_LEN];
	struct figset		 s;
	struct fig_dashboard	 d;
};

/* A summary row: what, the count, and the % of it within its limit. */
struct sum_row {
	const char	*label;
	char		 value[32];
	char		 pct[FIG_PCT_LEN];
	char		 shown[FIG_PCT_LEN + 1];	/* "60.0%" or "–" */
	char		 of[64];	/* "12 of 20" */
	char		 within[24];	/* "12" */
};

static const char	*qv(struct ctx *, const char *, char *, size_t);
static void	 pct_text(const struct fig_ratio *, char out[FIG_PCT_LEN + 1]);
static int	 date_field(struct ctx *, const char *, const char *,
		    char out[DATE_LEN]);
static int	 range_read(struct ctx *, struct dash *);
static struct dash	*dash_load(struct ctx *, const struct dash *);
static size_t	 summary_rows(const struct dash *, struct sum_row *);
static void	 chart_put(struct ctx *, const char *, const char *,
		    const char *, const struct fig_advice_row *, size_t, int);
static void	 dash_put(struct ctx *, struct dash *);
static void	 csv_send(struct ctx *, const char *, struct sbuf *);
static void	 dash_csv(struct dash *, enum dash_table, struct sbuf *);
static int	 month_field(struct ctx *, const char *, const char *,
		    int *, int *);
static int	 months_read(struct ctx *, int *, int *);

/* A % as the page shows it: "87.5%", or "–" when nothing is under it. */
static void
pct_text(const struct fig_ratio *r, char out[FIG_PCT_LEN + 1])
{
	fig_percent(r, out);
	if (r->n > 0)
		(void)strcat(out, "%");
}

/* The query string's value of name, "" when absent (never NULL). */
static const char *
qv(struct ctx *c, const char *name, char *out, size_t len)
{
	return (query_get(c, name, out, len));
}

/*
 * The date of field name ("from" or "to") from its three GOV.UK inputs
 * (name-day, -month, -year) or, when those are all empty, from name as
 * YYYY-MM-DD (the CSV links). 1 and out; 0 if absent; -1 if not a real
 * date (the error is added by its field, named in words as what).
 */
static int
date_field(struct ctx *c, const char *name, const char *what,
    char out[DATE_LEN])
{
	char	d[8], m[8], y[8], key[32], iso[16], msg[96];

	(void)snprintf(key, sizeof(key), "%s-day", name);
	qv(c, key, d, sizeof(d));
	tdict_set(c->page, (snprintf(key, sizeof(key), "v_%s-day", name),
	    key), d);
	(void)snprintf(key, sizeof(key), "%s-month", name);
	qv(c, key, m, sizeof(m));
	tdict_set(c->page, (snprintf(key, sizeof(key), "v_%s-month", name),
	    key), m);
	(void)snprintf(key, sizeof(key), "%s-year", name);
	qv(c, key, y, sizeof(y));
	tdict_set(c->page, (snprintf(key, sizeof(key), "v_%s-year", name),
	    key), y);
	if (d[0] == '\0' && m[0] == '\0' && y[0] == '\0') {
		qv(c, name, iso, sizeof(iso));
		if (iso[0] == '\0')
			return (0);
		if (strlen(iso) != DATE_LEN - 1 || date_day(iso) == -1)
			goto bad;
		memcpy(out, iso, DATE_LEN);
		return (1);
	}
	if (date_from_parts(d, m, y, out) == 0)
		return (1);
bad:
	(void)snprintf(msg, sizeof(msg), "The %s date must be a real date, "
	    "like 1 4 2026", what);
	(void)snprintf(key, sizeof(key), "%s-day", name);
	page_error_add(c, key, msg);
	return (-1);
}

/*
 * The dashboard's range: from and to, each given or by default the year
 * to today. 0, or -1 with errors on the page: an impossible date, an
 * end after today, a start after the end. The dates typed stay on the
 * page's inputs.
 */
static int
range_read(struct ctx *c, struct dash *x)
{
	char	today[DATE_LEN];
	int	hf, ht;

	config_today(today);
	hf = date_field(c, "from", "start", x->from);
	ht = date_field(c, "to", "end", x->to);
	if (hf == -1 || ht == -1)
		return (-1);
	if (ht == 0)
		(void)snprintf(x->to, sizeof(x->to), "%s", today);
	if (hf == 0 && date_add(x->to, -364, x->from) == -1)
		return (-1);
	x->r.from = date_day(x->from);
	x->r.to = date_day(x->to);
	if (x->r.to > date_day(today)) {
		page_error_add(c, "to-day", "The end date must be today or "
		    "in the past");
		return (-1);
	}
	if (x->r.from > x->r.to) {
		page_error_add(c, "from-day", "The start date must be the same "
		    "as or before the end date");
		return (-1);
	}
	return (0);
}

/*
 * Figures kept by this worker, each under the key of what it answers
 * (council, range) and the stamp of the rows it was counted from
 * (figset_stamp): while no row changes, the same request is answered
 * from memory, without reading 20,000 cases again. The cache owns the
 * values; a request uses one and never frees it. Least recently used
 * goes first. Measured: README, "Benchmarks".
 */
struct fcache {
	char		 key[192];
	void		*v;
	void		(*free)(void *);
	unsigned long	 used;
};
static struct fcache	fcache[CACHE_N];
static unsigned long	fcache_tick;

static void *
fcache_get(const char *key)
{
	size_t	i;

	for (i = 0; i < CACHE_N; i++)
		if (fcache[i].v != NULL && strcmp(fcache[i].key, key) == 0) {
			fcache[i].used = ++fcache_tick;
			return (fcache[i].v);
		}
	return (NULL);
}

/* Keeps v under key (it is the cache's now). */
static void
fcache_put(const char *key, void *v, void (*fr)(void *))
{
	size_t	i, old = 0;

	for (i = 0; i < CACHE_N; i++) {
		if (fcache[i].v == NULL) {
			old = i;
			break;
		}
		if (fcache[i].used < fcache[old].used)
			old = i;
	}
	if (fcache[old].v != NULL)
		fcache[old].free(fcache[old].v);
	(void)snprintf(fcache[old].key, sizeof(fcache[old].key), "%s", key);
	fcache[old].v = v;
	fcache[old].free = fr;
	fcache[old].used = ++fcache_tick;
}

/* The cache key of what (a range or months) for the signed-in council,
 * with its rows' stamp: 0, or -1 if the stamp cannot be read. */
static int
fcache_key(struct ctx *c, const char *what, char *key, size_t len)
{
	char	org[24], stamp[128];

	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	if (figset_stamp(org, stamp, sizeof(stamp)) == -1)
		return (-1);
	if ((size_t)snprintf(key, len, "%s|%s|%s", org, what, stamp) >= len)
		return (-1);
	return (0);
}

static void
dash_free(void *v)
{
	struct dash	*x = v;

	figset_free(&x->s);
	fig_dashboard_free(&x->d);
	free(x);
}

/* The figures of the range [from, to] for the signed-in manager's
 * council, from the cache or counted now: the cache's, or NULL. */
static struct dash *
dash_load(struct ctx *c, const struct dash *range)
{
	struct dash	*x;
	char		 org[24], key[192], what[32];

	(void)snprintf(what, sizeof(what), "%s..%s", range->from, range->to);
	if (fcache_key(c, what, key, sizeof(key)) == -1)
		return (NULL);
	if ((x = fcache_get(key)) != NULL)
		return (x);
	if ((x = calloc(1, sizeof(*x))) == NULL)
		return (NULL);
	memcpy(x, range, sizeof(*x));
	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	if (figset_load_range(&x->s, org, x->r.from, x->r.to) == -1 ||
	    fig_dashboard(x->s.cases, x->s.n, &x->r, &x->d) == -1) {
		dash_free(x);
		return (NULL);
	}
	fcache_put(key, x, dash_free);
	return (x);
}

static void
ratio_row(struct sum_row *w, const char *label, unsigned long value,
    const struct fig_ratio *r)
{
	w->label = label;
	(void)snprintf(w->value, sizeof(w->value), "%lu", value);
	if (r != NULL) {
		fig_percent(r, w->pct);
		pct_text(r, w->shown);
		(void)snprintf(w->of, sizeof(w->of), "%lu of %lu", r->within,
		    r->n);
		(void)snprintf(w->within, sizeof(w->within), "%lu",
		    r->within);
	}
}

/* The summary table, in its order; w has room for 12 rows. */
static size_t
summary_rows(const struct dash *x, struct sum_row *w)
{
	const struct fig_dashboard	*d = &x->d;
	size_t				 n = 0;

	memset(w, 0, 12 * sizeof(*w));
	ratio_row(&w[n++], "New requests for assessment", d->new_requests,
	    NULL);
	ratio_row(&w[n++], "Decisions whether to assess made (on time: by "
	    "week 6)", d->decisions.n, &d->decisions);
	ratio_row(&w[n++], "Decisions to assess", d->decisions_to_assess,
	    NULL);
	ratio_row(&w[n++], "Decisions whether to issue a plan (on time: by "
	    "week 16)", d->plan_decisions.n, &d->plan_decisions);
	ratio_row(&w[n++], "Plans issued, within 20 weeks including "
	    "exceptions", d->issued_all.n, &d->issued_all);
	ratio_row(&w[n++], "Plans issued, within 20 weeks excluding "
	    "exceptions", d->issued_excl.n, &d->issued_excl);
	w[n].label = "Average weeks to issue a plan";
	fig_average_weeks(d, w[n].value);
	n++;
	ratio_row(&w[n++], "Open cases at the end of the range",
	    d->open.n, NULL);
	ratio_row(&w[n], "Open cases over 20 weeks (% of open cases)",
	    d->open.within, &d->open);
	(void)snprintf(w[n].of, sizeof(w[n].of), "of %lu", d->open.n);
	n++;
	return (n);
}

/*
 * A bar chart (SVG) of rows' % within the time limit under key, with a
 * line at target % (0: none). Its numbers are the table's beside it.
 */
static void
chart_put(struct ctx *c, const char *key, const char *title,
    const char *desc, const struct fig_advice_row *rows, size_t n,
    int target)
{
	struct tdict	*ch, *b;
	char		 pct[FIG_PCT_LEN + 1];
	unsigned long	 w;
	size_t		 i;

	ch = tdict_child(c->page, key);
	tdict_set(ch, "id", key);
	tdict_set(ch, "title", title);
	tdict_set(ch, "desc", desc);
	tdict_setf(ch, "height", "%zu", 36 * n + 30);
	if (target > 0) {
		tdict_setf(ch, "target_x", "%d", BAR_X + BAR_W * target / 100);
		tdict_setf(ch, "target_label", "Target %d%%", target);
		tdict_setf(ch, "target_y2", "%zu", 36 * n + 8);
	}
	for (i = 0; i < n; i++) {
		b = tdict_push(ch, "bars");
		pct_text(&rows[i].r, pct);
		w = rows[i].r.n == 0 ? 0 : BAR_W * rows[i].r.within /
		    rows[i].r.n;
		tdict_set(b, "label", rows[i].name);
		tdict_set(b, "pct", pct);
		tdict_setf(b, "y", "%zu", 36 * i + 8);
		tdict_setf(b, "ty", "%zu", 36 * i + 27);
		tdict_setf(b, "w", "%lu", w);
		tdict_setf(b, "vx", "%lu", BAR_X + w + 6);
		tdict_setf(b, "n", "%lu", rows[i].r.n);
		tdict_setf(b, "within", "%lu", rows[i].r.within);
		if (rows[i].r.n > 0 && 100 * rows[i].r.within >=
		    (unsigned long)target * rows[i].r.n)
			tdict_set(b, "met", "1");
	}
}

/* Everything the dashboard page shows, from x's figures. */
static void
dash_put(struct ctx *c, struct dash *x)
{
	struct fig_advice_row	 kinds[ADV_KINDS], timely[4];
	struct sum_row		 w[12];
	struct tdict		*o;
	const struct fig_case	*k;
	size_t			 i, n;

	n = summary_rows(x, w);
	for (i = 0; i < n; i++) {
		o = tdict_push(c->page, "summary");
		tdict_set(o, "label", w[i].label);
		tdict_set(o, "value", w[i].value);
		tdict_set(o, "pct", w[i].shown);
		tdict_set(o, "of", w[i].of);
	}
	timely[0].name = "Decisions whether to assess, by week 6";
	timely[0].r = x->d.decisions;
	timely[1].name = "Plan decisions, by week 16";
	timely[1].r = x->d.plan_decisions;
	timely[2].name = "Plans within 20 weeks, incl. exceptions";
	timely[2].r = x->d.issued_all;
	timely[3].name = "Plans within 20 weeks, excl. exceptions";
	timely[3].r = x->d.issued_excl;
	chart_put(c, "chart_timely", "Time limits met",
	    "Bar chart of the percentage of decisions and plans made within "
	    "their time limit; the same numbers are in the table.", timely, 4,
	    0);
	for (i = 0; i < ADV_KINDS; i++) {
		kinds[i] = x->d.by_kind[i];
		kinds[i].name = kind_labels[i];
	}
	chart_put(c, "chart_kinds", "Advice returned within 6 weeks, by kind",
	    "Bar chart of the percentage of advice returned within 6 weeks "
	    "for each kind of advice, against a 90% target; the same numbers "
	    "are in the table.", kinds, ADV_KINDS, ADVICE_TARGET);
	chart_put(c, "chart_services", "Advice returned within 6 weeks, by "
	    "service", "Bar chart of the percentage of advice returned within "
	    "6 weeks for each provider service, against a 90% target; the "
	    "same numbers are in the table.", x->d.by_service,
	    x->d.n_services, ADVICE_TARGET);
	if (x->d.n_services == 0)
		tdict_set(c->page, "no_services", "1");

	for (i = 0; x->d.over_20 != NULL && i < x->d.open.within &&
	    i < OPEN_SHOWN; i++) {
		k = &x->s.cases[x->d.over_20[i]];
		o = tdict_push(c->page, "open_cases");
		tdict_set(o, "id", x->s.id[x->d.over_20[i]]);
		tdict_set(o, "reference", k->reference);
		tdict_set(o, "caseworker", x->s.caseworker[x->d.over_20[i]]);
		tdict_setf(o, "weeks", "%ld", fig_weeks_open(k, x->r.to));
		{
			char iso[DATE_LEN];

			date_of_day(k->received, iso);
			tdict_set_date(o, "received", iso, 0);
		}
	}
	if (x->d.open.within > 0)
		tdict_set(c->page, "has_open", "1");
	if (x->d.open.within > OPEN_SHOWN)
		tdict_setf(c->page, "open_more", "The %d oldest of %lu are "
		    "shown; download the table for all of them.", OPEN_SHOWN,
		    x->d.open.within);
	if (x->d.new_requests == 0 && x->d.decisions.n == 0 &&
	    x->d.plan_decisions.n == 0 && x->d.issued_all.n == 0 &&
	    x->d.open.n == 0 && x->d.n_services == 0)
		tdict_set(c->page, "empty", "1");
	tdict_set(c->page, "from", x->from);
	tdict_set(c->page, "to", x->to);
	tdict_set_date(c->page, "from_words", x->from, 0);
	tdict_set_date(c->page, "to_words", x->to, 0);
}

/* GET /manager/dashboard?from-day=…&to-year=… (or from=, to=) */
int
page_dashboard(struct ctx *c)
{
	struct dash	 range, *x;

	memset(&range, 0, sizeof(range));
	if (range_read(c, &range) == -1)
		return (page_render(c, 400, "dashboard", "Service dashboard"));
	if ((x = dash_load(c, &range)) == NULL)
		return (page_error(c, 503));
	dash_put(c, x);
	audit(c, "view_dashboard", "council", c->sess.org_id, NULL);
	return (page_render(c, 200, "dashboard", "Service dashboard"));
}

static void
csv_send(struct ctx *c, const char *name, struct sbuf *b)
{
	char	hdr[160];

	(void)snprintf(hdr, sizeof(hdr), "attachment; filename=\"%s.csv\"",
	    name);
	http_open(c, "text/csv; charset=utf-8");
	http_response_header(c->req, "content-disposition", hdr);
	http_response(c->req, 200, b->data, b->len);
}

static void
ratio_csv(struct sbuf *b, const char *name, const struct fig_ratio *r)
{
	char	n[24], pct[FIG_PCT_LEN];

	csv_cell(b, name, 0);
	(void)snprintf(n, sizeof(n), "%lu", r->n);
	csv_cell(b, n, 0);
	(void)snprintf(n, sizeof(n), "%lu", r->within);
	csv_cell(b, n, 0);
	fig_percent(r, pct);
	csv_cell(b, pct, 1);
}

/* One of the dashboard's tables as CSV, every cell through csv_cell(). */
static void
dash_csv(struct dash *x, enum dash_table t, struct sbuf *b)
{
	struct sum_row		 w[12];
	const struct fig_case	*k;
	char			 iso[DATE_LEN], n[24];
	size_t			 i, rows;

	switch (t) {
	case DT_SUMMARY:
		sbuf_puts(b, "figure,value,within_time_limit,percent_within\r\n");
		rows = summary_rows(x, w);
		for (i = 0; i < rows; i++) {
			csv_cell(b, w[i].label, 0);
			csv_cell(b, w[i].value, 0);
			csv_cell(b, w[i].within, 0);
			csv_cell(b, w[i].pct, 1);
		}
		break;
	case DT_KINDS:
		sbuf_puts(b, "advice_kind,advice_due,within_6_weeks,percent_within\r\n");
		for (i = 0; i < ADV_KINDS; i++)
			ratio_csv(b, fig_advice_kind_names[i],
			    &x->d.by_kind[i].r);
		break;
	case DT_SERVICES:
		sbuf_puts(b, "service,advice_due,within_6_weeks,percent_within\r\n");
		for (i = 0; i < x->d.n_services; i++)
			ratio_csv(b, x->d.by_service[i].name,
			    &x->d.by_service[i].r);
		break;
	default:
		sbuf_puts(b, "reference,request_received,weeks_open,caseworker\r\n");
		for (i = 0; x->d.over_20 != NULL && i < x->d.open.within; i++) {
			k = &x->s.cases[x->d.over_20[i]];
			csv_cell(b, k->reference, 0);
			date_of_day(k->received, iso);
			csv_cell(b, iso, 0);
			(void)snprintf(n, sizeof(n), "%ld",
			    fig_weeks_open(k, x->r.to));
			csv_cell(b, n, 0);
			csv_cell(b, x->s.caseworker[x->d.over_20[i]], 1);
		}
		break;
	}
}

/* 400 as plain text naming what is wrong; nothing from the request. */
static int
csv_refuse(struct ctx *c, const char *why)
{
	http_open(c, "text/plain; charset=utf-8");
	http_response(c->req, 400, why, strlen(why));
	return (KORE_RESULT_OK);
}

/* GET /manager/dashboard.csv?table=summary|advice-kinds|advice-services|open&from=&to= */
int
page_dashboard_csv(struct ctx *c)
{
	struct dash	 range, *x;
	struct sbuf	 b;
	char		 tname[32], fname[80];
	int		 t;

	memset(&range, 0, sizeof(range));
	qv(c, "table", tname, sizeof(tname));
	for (t = 0; t < DT__MAX; t++)
		if (strcmp(tname, dash_table_names[t]) == 0)
			break;
	if (t == DT__MAX)
		return (csv_refuse(c, "Choose a table: summary, advice-kinds, "
		    "advice-services or open.\n"));
	if (range_read(c, &range) == -1)
		return (csv_refuse(c, "The date range is not valid: give real "
		    "dates, the start on or before the end, and the end no "
		    "later than today.\n"));
	if ((x = dash_load(c, &range)) == NULL)
		return (page_error(c, 503));
	sbuf_init(&b);
	dash_csv(x, (enum dash_table)t, &b);
	if (t == DT_OPEN)
		audit(c, "download_dashboard", "council", c->sess.org_id,
		    dash_table_names[t]);
	(void)snprintf(fname, sizeof(fname), "%s-%s-to-%s",
	    dash_table_names[t], x->from, x->to);
	if (b.oom)
		(void)page_error(c, 503);
	else
		csv_send(c, fname, &b);
	sbuf_free(&b);
	return (KORE_RESULT_OK);
}

/* --- the monthly compliance table --------------------------------------- */

/*
 * The month of field name from its GOV.UK inputs (name-month, -year) or
 * name as YYYY-MM: 1 and y, m; 0 absent; -1 not a real month (error
 * added by the field).
 */
static int
month_field(struct ctx *c, const char *name, const char *what, int *y,
    int *m)
{
	char	mm[8], yy[8], key[32], v[16], msg[96], end;
	int	ok = 0;

	(void)snprintf(key, sizeof(key), "%s-month", name);
	qv(c, key, mm, sizeof(mm));
	tdict_set(c->page, (snprintf(key, sizeof(key), "v_%s-month", name),
	    key), mm);
	(void)snprintf(key, sizeof(key), "%s-year", name);
	qv(c, key, yy, sizeof(yy));
	tdict_set(c->page, (snprintf(key, sizeof(key), "v_%s-year", name),
	    key), yy);
	if (mm[0] == '\0' && yy[0] == '\0') {
		qv(c, name, v, sizeof(v));
		if (v[0] == '\0')
			return (0);
		ok = strlen(v) == 7 && v[4] == '-' &&
		    sscanf(v, "%4d-%2d%c", y, m, &end) == 2;
	} else
		ok = strspn(mm, "0123456789") == strlen(mm) && mm[0] &&
		    strlen(mm) <= 2 && strlen(yy) == 4 &&
		    strspn(yy, "0123456789") == 4 &&
		    sscanf(mm, "%d", m) == 1 && sscanf(yy, "%d", y) == 1;
	if (ok && *m >= 1 && *m <= 12 && *y >= 1900 && *y <= 2199)
		return (1);
	(void)snprintf(msg, sizeof(msg), "The %s month must be a real month "
	    "and year, like 4 2026", what);
	(void)snprintf(key, sizeof(key), "%s-month", name);
	page_error_add(c, key, msg);
	return (-1);
}

/* The months of the table (year, month in from[] and to[]), by default
 * the 12 to this one: 0, or -1 with errors on the page. */
static int
months_read(struct ctx *c, int *from, int *to)
{
	char	today[DATE_LEN];
	int	hf, ht, ty, tm;

	config_today(today);
	(void)sscanf(today, "%4d-%2d", &ty, &tm);
	hf = month_field(c, "from", "first", &from[0], &from[1]);
	ht = month_field(c, "to", "last", &to[0], &to[1]);
	if (hf == -1 || ht == -1)
		return (-1);
	if (ht == 0) {
		to[0] = ty;
		to[1] = tm;
	}
	if (hf == 0) {
		from[0] = to[1] == 12 ? to[0] : to[0] - 1;
		from[1] = to[1] % 12 + 1;
	}
	if (to[0] * 12 + to[1] > ty * 12 + tm) {
		page_error_add(c, "to-month", "The last month must be this "
		    "month or before it");
		return (-1);
	}
	if (from[0] * 12 + from[1] > to[0] * 12 + to[1]) {
		page_error_add(c, "from-month", "The first month must be the "
		    "same as or before the last month");
		return (-1);
	}
	if (to[0] * 12 + to[1] - (from[0] * 12 + from[1]) >= MONTHS_MAX) {
		page_error_add(c, "from-month", "The table can show at most "
		    "120 months (10 years)");
		return (-1);
	}
	return (0);
}

struct months {
	struct fig_month	*t;
	size_t			 n;
};

static void
months_free(void *v)
{
	free(((struct months *)v)->t);
	free(v);
}

/* The table of from..to for the signed-in manager's council, from the
 * cache or counted now: the cache's, or NULL. */
static const struct months *
months_load(struct ctx *c, const int *from, const int *to)
{
	struct figset	 s;
	struct months	*m;
	char		 org[24], key[192], what[32];
	int		 rc;

	(void)snprintf(what, sizeof(what), "%04d-%02d..%04d-%02d",
	    from[0] % 10000, from[1] % 100, to[0] % 10000, to[1] % 100);
	if (fcache_key(c, what, key, sizeof(key)) == -1)
		return (NULL);
	if ((m = fcache_get(key)) != NULL)
		return (m);
	if ((m = calloc(1, sizeof(*m))) == NULL)
		return (NULL);
	(void)snprintf(org, sizeof(org), "%lld", c->sess.org_id);
	rc = figset_load_months(&s, org, from[0], from[1], to[0], to[1]);
	if (rc == 0)
		rc = fig_monthly(s.cases, s.n, from[0], from[1], to[0], to[1],
		    &m->t, &m->n);
	figset_free(&s);
	if (rc == -1) {
		months_free(m);
		return (NULL);
	}
	fcache_put(key, m, months_free);
	return (m);
}

/* GET /manager/compliance?from-month=&from-year=&to-month=&to-year= (or
 * from=YYYY-MM&to=YYYY-MM) */
int
page_compliance(struct ctx *c)
{
	const struct months	*m;
	const struct fig_month	*t;
	struct tdict		*o;
	char			 pct[FIG_PCT_LEN];
	int			 from[2], to[2];
	size_t			 i;
	unsigned long		 any = 0;

	if (months_read(c, from, to) == -1)
		return (page_render(c, 400, "compliance",
		    "Plans issued within 20 weeks, by month"));
	if ((m = months_load(c, from, to)) == NULL)
		return (page_error(c, 503));
	t = m->t;
	for (i = m->n; i-- > 0;) {	/* the latest month first */
		o = tdict_push(c->page, "months");
		tdict_setf(o, "month", "%04d-%02d", t[i].year, t[i].month);
		tdict_setf(o, "month_words", "%s %d", month_names[t[i].month - 1],
		    t[i].year);
		tdict_setf(o, "issued", "%lu", t[i].issued.n);
		tdict_setf(o, "within", "%lu", t[i].issued.within);
		fig_percent(&t[i].issued, pct);
		tdict_set(o, "pct", pct);
		tdict_setf(o, "rolling", "%lu", t[i].rolling.n);
		tdict_setf(o, "rolling_within", "%lu", t[i].rolling.within);
		fig_percent(&t[i].rolling, pct);
		tdict_set(o, "rolling_pct", pct);
		tdict_setf(o, "exceptions", "%lu", t[i].exceptions);
		any += t[i].issued.n + t[i].exceptions;
	}
	if (any == 0)
		tdict_set(c->page, "empty", "1");
	tdict_setf(c->page, "from", "%04d-%02d", from[0], from[1]);
	tdict_setf(c->page, "to", "%04d-%02d", to[0], to[1]);
	tdict_setf(c->page, "from_words", "%s %d", month_names[from[1] - 1],
	    from[0]);
	tdict_setf(c->page, "to_words", "%s %d", month_names[to[1] - 1], to[0]);
	return (page_render(c, 200, "compliance",
	    "Plans issued within 20 weeks, by month"));
}

/* GET /manager/compliance.csv?from=YYYY-MM&to=YYYY-MM: the same CSV as
 * portalctl report compliance. */
int
page_compliance_csv(struct ctx *c)
{
	const struct months	*m;
	struct sbuf		 b;
	char			 fname[64];
	int			 from[2], to[2];

	if (months_read(c, from, to) == -1)
		return (csv_refuse(c, "The months are not valid: give real "
		    "months as YYYY-MM, the first on or before the last, and "
		    "the last no later than this month.\n"));
	if ((m = months_load(c, from, to)) == NULL)
		return (page_error(c, 503));
	sbuf_init(&b);
	fig_monthly_csv(&b, m->t, m->n);
	(void)snprintf(fname, sizeof(fname), "compliance-%04d-%02d-to-%04d-%02d",
	    from[0] % 10000, from[1] % 100, to[0] % 10000, to[1] % 100);
	if (b.oom)
		(void)page_error(c, 503);
	else
		csv_send(c, fname, &b);
	sbuf_free(&b);
	return (KORE_RESULT_OK);
}
