/*
 * figures — the management figures of issue 13 (definitions in
 * figures.h, each computed here and nowhere else).  Pure: no Kore.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figures.h"

const char *const fig_advice_kind_names[ADV_KINDS] = {
	"educational", "medical", "psychological", "social_care", "other",
	"preparing_for_adulthood"
};
const char *const fig_exception_kind_names[EXC_KINDS] = {
	"school_closure", "personal_circumstances", "absence",
	"missed_appointment"
};

int
fig_advice_kind(const char *s)
{
	int	i;

	for (i = 0; s != NULL && i < ADV_KINDS; i++)
		if (strcmp(s, fig_advice_kind_names[i]) == 0)
			return (i);
	return (-1);
}

int
fig_exception_kind(const char *s)
{
	int	i;

	for (i = 0; s != NULL && i < EXC_KINDS; i++)
		if (strcmp(s, fig_exception_kind_names[i]) == 0)
			return (i);
	return (-1);
}

/* --- rounding, defined once -------------------------------------------- */

void
fig_tenths(unsigned long num, unsigned long den, char out[FIG_PCT_LEN])
{
	unsigned long	t;

	if (den == 0) {
		snprintf(out, FIG_PCT_LEN, "%s", FIG_DASH);
		return;
	}
	/* round(10·num/den), half up, in integers */
	t = (20 * num + den) / (2 * den);
	snprintf(out, FIG_PCT_LEN, "%lu.%lu", t / 10 % 100000, t % 10);
}

void
fig_percent(const struct fig_ratio *r, char out[FIG_PCT_LEN])
{
	fig_tenths(100 * r->within, r->n, out);
}

void
fig_average_weeks(const struct fig_dashboard *d, char out[FIG_PCT_LEN])
{
	fig_tenths(d->days_to_issue, 7 * d->issued_all.n, out);
}

/* --- the figures -------------------------------------------------------- */

static int
in_range(long day, const struct fig_range *r)
{
	return (day != FIG_NONE && day >= r->from && day <= r->to);
}

int
fig_has_exception(const struct fig_case *c)
{
	return (c->n_exceptions > 0);
}

long
fig_weeks_open(const struct fig_case *c, long to)
{
	if (c->received == FIG_NONE || to == FIG_NONE || to < c->received)
		return (FIG_NONE);
	return ((to - c->received) / 7);
}

static int
within_20_weeks(const struct fig_case *c)
{
	return (c->final_issued <= c->received + FIG_FINAL_DAYS);
}

/* Open at the end of day `to`. */
static int
open_at(const struct fig_case *c, long to)
{
	if (c->received == FIG_NONE || c->received > to)
		return (0);
	if (c->final_issued != FIG_NONE && c->final_issued <= to)
		return (0);
	if (c->closed != FIG_NONE && c->closed <= to)
		return (0);
	if (c->decision == FIG_NOT_ASSESS && (c->decision_date == FIG_NONE ||
	    c->decision_date <= to))
		return (0);
	return (1);
}

static const struct fig_case	*sort_cases;	/* for the comparators */

static int
oldest_first(const void *a, const void *b)
{
	const struct fig_case	*x = &sort_cases[*(const size_t *)a];
	const struct fig_case	*y = &sort_cases[*(const size_t *)b];
	int			 c;

	if (x->received != y->received)
		return (x->received < y->received ? -1 : 1);
	c = strcmp(x->reference ? x->reference : "",
	    y->reference ? y->reference : "");
	if (c != 0)
		return (c);
	return (*(const size_t *)a < *(const size_t *)b ? -1 : 1);
}

static int
by_name(const void *a, const void *b)
{
	return (strcmp(((const struct fig_advice_row *)a)->name,
	    ((const struct fig_advice_row *)b)->name));
}

static void
count_advice(struct fig_dashboard *d, const struct fig_advice *a,
    const struct fig_range *r)
{
	struct fig_advice_row	*row = NULL, *grown;
	const char		*name;
	long			 due;
	int			 within;
	size_t			 i;

	if (a->requested == FIG_NONE || a->kind < 0 || a->kind >= ADV_KINDS)
		return;
	due = a->requested + FIG_ADVICE_DAYS;
	if (!in_range(due, r))
		return;
	within = a->received != FIG_NONE && a->received <= due;
	d->by_kind[a->kind].r.n++;
	d->by_kind[a->kind].r.within += within;

	name = a->service != NULL ? a->service : "";
	for (i = 0; i < d->n_services; i++)
		if (d->by_service[i].name == name ||
		    strcmp(d->by_service[i].name, name) == 0) {
			row = &d->by_service[i];
			break;
		}
	if (row == NULL) {
		grown = realloc(d->by_service,
		    (d->n_services + 1) * sizeof(*grown));
		if (grown == NULL) {
			d->oom = 1;
			return;
		}
		d->by_service = grown;
		row = &grown[d->n_services++];
		row->name = name;
		row->r.n = row->r.within = 0;
	}
	row->r.n++;
	row->r.within += within;
}

int
fig_dashboard(const struct fig_case *cs, size_t n, const struct fig_range *r,
    struct fig_dashboard *d)
{
	const struct fig_case	*c;
	size_t			 i, j, n_over = 0;

	memset(d, 0, sizeof(*d));
	for (i = 0; i < ADV_KINDS; i++)
		d->by_kind[i].name = fig_advice_kind_names[i];
	if (r == NULL || r->from == FIG_NONE || r->to == FIG_NONE ||
	    r->from > r->to)
		return (-1);

	for (i = 0; i < n; i++) {
		c = &cs[i];
		if (c->received == FIG_NONE)
			continue;
		if (in_range(c->received, r))
			d->new_requests++;
		if (c->decision != FIG_UNDECIDED && in_range(c->decision_date, r)) {
			d->decisions.n++;
			d->decisions.within += c->decision_date <=
			    c->received + FIG_DECISION_DAYS;
			d->decisions_to_assess += c->decision == FIG_ASSESS;
		}
		if (in_range(c->plan_decision_date, r)) {
			d->plan_decisions.n++;
			d->plan_decisions.within += c->plan_decision_date <=
			    c->received + FIG_PLAN_DECISION_DAYS;
		}
		if (in_range(c->final_issued, r)) {
			d->issued_all.n++;
			d->issued_all.within += within_20_weeks(c);
			if (c->final_issued > c->received)
				d->days_to_issue += (unsigned long)
				    (c->final_issued - c->received);
			if (!fig_has_exception(c)) {
				d->issued_excl.n++;
				d->issued_excl.within += within_20_weeks(c);
			}
		}
		if (open_at(c, r->to)) {
			d->open.n++;
			if (r->to > c->received + FIG_FINAL_DAYS)
				d->open.within++;
		}
		for (j = 0; j < c->n_advice; j++)
			count_advice(d, &c->advice[j], r);
	}

	if (d->open.within > 0) {
		d->over_20 = calloc(d->open.within, sizeof(size_t));
		if (d->over_20 == NULL)
			d->oom = 1;
		else {
			for (i = 0; i < n; i++)
				if (cs[i].received != FIG_NONE &&
				    open_at(&cs[i], r->to) &&
				    r->to > cs[i].received + FIG_FINAL_DAYS)
					d->over_20[n_over++] = i;
			sort_cases = cs;
			qsort(d->over_20, n_over, sizeof(size_t), oldest_first);
			sort_cases = NULL;
		}
	}
	if (d->n_services > 1)
		qsort(d->by_service, d->n_services, sizeof(*d->by_service),
		    by_name);
	if (d->oom) {
		fig_dashboard_free(d);
		d->oom = 1;
		return (-1);
	}
	return (0);
}

void
fig_dashboard_free(struct fig_dashboard *d)
{
	free(d->over_20);
	free(d->by_service);
	d->over_20 = NULL;
	d->by_service = NULL;
	d->n_services = 0;
}

/* --- the monthly compliance table --------------------------------------- */

/* Months since year 0, and back. */
static long
month_no(int y, int m)
{
	return ((long)y * 12 + (m - 1));
}

/* The month number of a day number (civil from days, H. Hinnant). */
static long
month_of_day(long day)
{
	long		z = day + 719468, era, yoe, y, doy, mp, m;
	unsigned long	doe;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned long)(z - era * 146097);
	yoe = (long)((doe - doe / 1460 + doe / 36524 - doe / 146096) / 365);
	y = yoe + era * 400;
	doy = (long)doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	m = mp < 10 ? mp + 3 : mp - 9;
	if (m <= 2)
		y++;
	return (month_no((int)y, (int)m));
}

int
fig_monthly(const struct fig_case *cs, size_t n, int fy, int fm, int ty,
    int tm, struct fig_month **out, size_t *nout)
{
	struct fig_month	*t;
	struct fig_ratio	*per;	/* per month, from first − 11 */
	long			 first, last, span, k, mo;
	size_t			 i;

	*out = NULL;
	*nout = 0;
	if (fm < 1 || fm > 12 || tm < 1 || tm > 12 || fy < 1900 || ty > 2199)
		return (-1);
	first = month_no(fy, fm);
	last = month_no(ty, tm);
	if (last < first || last - first >= 1200)
		return (-1);
	span = last - first + 1;
	if ((t = calloc((size_t)span, sizeof(*t))) == NULL)
		return (-1);
	if ((per = calloc((size_t)span + 11, sizeof(*per))) == NULL) {
		free(t);
		return (-1);
	}
	for (i = 0; i < n; i++) {
		if (cs[i].final_issued == FIG_NONE ||
		    cs[i].received == FIG_NONE)
			continue;
		mo = month_of_day(cs[i].final_issued);
		if (mo < first - 11 || mo > last)
			continue;
		if (fig_has_exception(&cs[i])) {
			if (mo >= first)
				t[mo - first].exceptions++;
			continue;
		}
		per[mo - first + 11].n++;
		per[mo - first + 11].within += within_20_weeks(&cs[i]);
	}
	for (k = 0; k < span; k++) {
		long	j;

		t[k].year = (int)((first + k) / 12);
		t[k].month = (int)((first + k) % 12) + 1;
		t[k].issued = per[k + 11];
		for (j = k; j <= k + 11; j++) {
			t[k].rolling.n += per[j].n;
			t[k].rolling.within += per[j].within;
		}
	}
	free(per);
	*out = t;
	*nout = (size_t)span;
	return (0);
}

void
fig_monthly_csv(struct sbuf *b, const struct fig_month *t, size_t n)
{
	char	cell[32], pct[FIG_PCT_LEN];
	size_t	i;

	sbuf_puts(b, FIG_MONTHLY_HEADER "\r\n");
	for (i = 0; i < n; i++) {
		snprintf(cell, sizeof(cell), "%04d-%02d", t[i].year,
		    t[i].month);
		csv_cell(b, cell, 0);
		snprintf(cell, sizeof(cell), "%lu", t[i].issued.n);
		csv_cell(b, cell, 0);
		snprintf(cell, sizeof(cell), "%lu", t[i].issued.within);
		csv_cell(b, cell, 0);
		fig_percent(&t[i].issued, pct);
		csv_cell(b, pct, 0);
		snprintf(cell, sizeof(cell), "%lu", t[i].rolling.n);
		csv_cell(b, cell, 0);
		snprintf(cell, sizeof(cell), "%lu", t[i].rolling.within);
		csv_cell(b, cell, 0);
		fig_percent(&t[i].rolling, pct);
		csv_cell(b, pct, 0);
		snprintf(cell, sizeof(cell), "%lu", t[i].exceptions);
		csv_cell(b, cell, 1);
	}
}

/* --- CSV output --------------------------------------------------------- */

static void
csv_put(struct sbuf *b, const char *s, int neutralise, int last)
{
	const char	*p;
	int		 quote;

	if (s == NULL)
		s = "";
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		sbuf_puts(b, "\"");
	if (neutralise && (*s == '=' || *s == '+' || *s == '-' || *s == '@' ||
	    *s == '\t' || *s == '\r'))
		sbuf_puts(b, "'");
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			sbuf_puts(b, "\"\"");
		else
			sbuf_append(b, p, 1);
	}
	if (quote)
		sbuf_puts(b, "\"");
	sbuf_puts(b, last ? "\r\n" : ",");
}

void
csv_cell(struct sbuf *b, const char *s, int last)
{
	csv_put(b, s, 1, last);
}

void
csv_field(struct sbuf *b, const char *s, int last)
{
	csv_put(b, s, 0, last);
}
