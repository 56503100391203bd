/*
 * The CSV reader and the case import.  Any bytes either parse or are
 * refused with a line; what parses round-trips through the CSV writer
 * (csv_field, RFC 4180) field for field; the import's result is all or
 * nothing (0 and no errors, or 1 and at least one), every error has a
 * line inside the file and a reason, every kept row has its required
 * cells and real dates; and the figures run over the rows without fault.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"
#include "figures.h"
#include "import_rows.h"
#include "sbuf.h"
int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static long
day_or_none(const char *d)
{
	long	n;

	if (d[0] == '\0')
		return (FIG_NONE);
	if ((n = date_day(d)) < 0)
		abort();	/* a kept row's date is real */
	return (n);
}

static int
hook(void *arg, const struct imp_row *r, char *col, size_t cl, char *why,
    size_t wl)
{
	(*(size_t *)arg)++;
	if (r->reference == NULL || r->reference[0] == '\0' ||
	    r->given_name == NULL || r->family_name == NULL)
		abort();
	/* Refuse one reference, as the database check would. */
	if (strcmp(r->reference, "TAKEN") == 0) {
		snprintf(col, cl, "reference");
		snprintf(why, wl, "is taken");
		return (-1);
	}
	/* The shared rules (import_rows.c): a refusal names its reason; a
	 * row they accept maps to its records without fault. */
	if (imp_row_validate(r, "2027-06-01", col, cl, why, wl) == -1) {
		if (why[0] == '\0')
			abort();
		return (-1);
	} else {
		struct imp_record	rec;

		if (imp_row_record(r, &rec) != 0 || rec.n_dec > DEC__MAX ||
		    rec.n_adv > ADV_KINDS)
			abort();
	}
	return (0);
}

static void
roundtrip(const struct csv_doc *d)
{
	struct csv_doc	again;
	struct sbuf	b;
	char		err[200];
	size_t		i, j;

	sbuf_init(&b);
	sbuf_puts(&b, "\xef\xbb\xbf");	/* so a BOM in the first cell stays */
	for (i = 0; i < d->n; i++)
		for (j = 0; j < d->rec[i].n; j++)
			csv_field(&b, d->rec[i].field[j], j + 1 == d->rec[i].n);
	if (b.oom)
		abort();
	if (csv_parse(b.data, b.len, &again, err, sizeof(err)) != 0)
		abort();
	if (again.n != d->n)
		abort();
	for (i = 0; i < d->n; i++) {
		if (again.rec[i].n != d->rec[i].n)
			abort();
		for (j = 0; j < d->rec[i].n; j++)
			if (strcmp(again.rec[i].field[j],
			    d->rec[i].field[j]) != 0)
				abort();
	}
	csv_free(&again);

	/* csv_cell: no cell reads back starting like a formula, and a
	 * neutralised one is the original after a single quote. */
	sbuf_reset(&b);
	sbuf_puts(&b, "\xef\xbb\xbf");
	for (i = 0; i < d->n; i++)
		for (j = 0; j < d->rec[i].n; j++)
			csv_cell(&b, d->rec[i].field[j], j + 1 == d->rec[i].n);
	if (b.oom || csv_parse(b.data, b.len, &again, err, sizeof(err)) != 0 ||
	    again.n != d->n)
		abort();
	for (i = 0; i < d->n; i++)
		for (j = 0; j < d->rec[i].n; j++) {
			const char *o = d->rec[i].field[j];
			const char *a = again.rec[i].field[j];

			if (strchr("=+-@\t\r", a[0]) != NULL && a[0] != '\0')
				abort();
			if (strcmp(a, o) != 0 && (a[0] != '\'' ||
			    strcmp(a + 1, o) != 0 || o[0] == '\0' ||
			    strchr("=+-@\t\r", o[0]) == NULL))
				abort();
		}
	csv_free(&again);
	sbuf_free(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char		*buf = (const char *)data;
	struct csv_doc		 d;
	struct imp_result	 r;
	struct imp_options	 o;
	struct fig_case		*cs;
	struct fig_advice	*adv;
	struct fig_exception	*ex;
	struct fig_dashboard	 dash;
	struct fig_month	*t;
	struct fig_range	 range;
	struct sbuf		 out;
	char			 err[200];
	size_t			 i, k, breaks = 0, calls = 0, nt, na;
	int			 rc;

	for (i = 0; i < size; i++)
		if (buf[i] == '\n' || (buf[i] == '\r' &&
		    (i + 1 == size || buf[i + 1] != '\n')))
			breaks++;

	if (csv_parse(buf, size, &d, err, sizeof(err)) == 0) {
		for (i = 0; i < d.n; i++) {
			if (d.rec[i].n < 1 || d.rec[i].n > CSV_MAX_FIELDS ||
			    d.rec[i].line < 1 || d.rec[i].line > breaks + 1 ||
			    (i > 0 && d.rec[i].line <= d.rec[i - 1].line))
				abort();
		}
		roundtrip(&d);
	} else if (err[0] == '\0' || d.err_line < 1 ||
	    d.err_line > breaks + 1 || d.n != 0)
		abort();
	csv_free(&d);

	memset(&o, 0, sizeof(o));
	o.today = "2027-06-01";
	o.validate = hook;
	o.arg = &calls;
	rc = imp_parse(buf, size, &o, &r);
	if (rc == 0 && (r.n_err != 0 || r.truncated))
		abort();
	if (rc == 1 && r.n_err == 0)
		abort();
	if (rc == -1) {
		imp_free(&r);
		return (0);
	}
	if (calls < r.n)
		abort();
	for (i = 0; i < r.n_err; i++)
		if (r.err[i].line < 1 || r.err[i].line > breaks + 2 ||
		    r.err[i].reason[0] == '\0')
			abort();

	/* The kept rows into the figures. */
	cs = calloc(r.n + 1, sizeof(*cs));
	adv = calloc((r.n + 1) * ADV_KINDS, sizeof(*adv));
	ex = calloc(r.n + 1, sizeof(*ex));
	if (cs == NULL || adv == NULL || ex == NULL)
		abort();
	for (i = 0; i < r.n; i++) {
		struct imp_row	*w = &r.row[i];

		if (i > 0 && w->line <= r.row[i - 1].line)
			abort();
		cs[i].reference = w->reference;
		cs[i].received = day_or_none(w->request_received);
		if (cs[i].received == FIG_NONE ||
		    day_or_none(w->date_of_birth) == FIG_NONE)
			abort();
		cs[i].decision = w->decision_to_assess;
		cs[i].decision_date = day_or_none(w->decision_date);
		cs[i].plan_decision_date = day_or_none(w->plan_decision_date);
		cs[i].draft_issued = day_or_none(w->draft_issued);
		cs[i].final_issued = day_or_none(w->final_issued);
		cs[i].closed = FIG_NONE;
		if (cs[i].final_issued != FIG_NONE &&
		    cs[i].final_issued < cs[i].received)
			abort();
		if (w->exception_kind >= 0) {
			ex[i].kind = w->exception_kind;
			ex[i].from = day_or_none(w->exception_from);
			ex[i].to = day_or_none(w->exception_to);
			cs[i].exceptions = &ex[i];
			cs[i].n_exceptions = 1;
		}
		cs[i].advice = &adv[i * ADV_KINDS];
		for (na = 0, k = 0; k < ADV_KINDS; k++) {
			if (w->advice_requested[k][0] == '\0')
				continue;
			adv[i * ADV_KINDS + na].kind = (int)k;
			adv[i * ADV_KINDS + na].service = w->final_setting;
			adv[i * ADV_KINDS + na].requested =
			    day_or_none(w->advice_requested[k]);
			adv[i * ADV_KINDS + na].received =
			    day_or_none(w->advice_received[k]);
			na++;
		}
		cs[i].n_advice = na;
	}
	range.from = date_day("2026-01-01");
	range.to = date_day("2027-06-01");
	if (fig_dashboard(cs, r.n, &range, &dash) == 0) {
		if (dash.issued_excl.n > dash.issued_all.n ||
		    dash.issued_all.within > dash.issued_all.n ||
		    dash.open.within > dash.open.n ||
		    dash.new_requests > r.n)
			abort();
		for (i = 0; i < dash.open.within; i++)
			if (dash.over_20[i] >= r.n)
				abort();
	}
	fig_dashboard_free(&dash);
	if (fig_monthly(cs, r.n, 2026, 1, 2027, 6, &t, &nt) == 0) {
		sbuf_init(&out);
		fig_monthly_csv(&out, t, nt);
		if (nt != 18 || out.oom)
			abort();
		for (i = 0; i < nt; i++)
			if (t[i].issued.within > t[i].issued.n ||
			    t[i].rolling.n < t[i].issued.n)
				abort();
		sbuf_free(&out);
		free(t);
	}
	free(cs);
	free(adv);
	free(ex);
	imp_free(&r);
	return (0);
}
