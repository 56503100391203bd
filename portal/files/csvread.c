/*
 * csvread — RFC 4180 reader and the case import's row checks (see
 * csvread.h).  Pure: no Kore headers.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "csvread.h"
#include "sbuf.h"

/* --- the reader --------------------------------------------------------- */

static int
push_field(char ***v, size_t *n, size_t *cap, const struct sbuf *f)
{
	char	**grown, *s;

	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		if ((grown = realloc(*v, *cap * sizeof(*grown))) == NULL)
			return (-1);
		*v = grown;
	}
	if ((s = malloc(f->len + 1)) == NULL)
		return (-1);
	if (f->len > 0)
		memcpy(s, f->data, f->len);
	s[f->len] = '\0';
	(*v)[(*n)++] = s;
	return (0);
}

static void
free_fields(char **v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
csv_free(struct csv_doc *d)
{
	size_t	i;

	for (i = 0; i < d->n; i++)
		free_fields(d->rec[i].field, d->rec[i].n);
	free(d->rec);
	d->rec = NULL;
	d->n = 0;
}

int
csv_parse(const char *buf, size_t len, struct csv_doc *d, char *err,
    size_t errlen)
{
	struct sbuf	 f;
	struct csv_record *grown;
	char		**fv = NULL;
	const char	*why = NULL;
	size_t		 p = 0, line = 1, rec_line, nf = 0, fcap = 0, rcap = 0;
	char		 c;

	memset(d, 0, sizeof(*d));
	if (errlen > 0)
		err[0] = '\0';
	sbuf_init(&f);
	if (len > CSV_MAX_BYTES) {
		why = "the file is too large";
		goto fail;
	}
	if (len >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0)
		p = 3;
	while (p < len) {
		rec_line = line;
		nf = 0;
		fcap = 0;
		fv = NULL;
		for (;;) {
			sbuf_reset(&f);
			if (p < len && buf[p] == '"') {
				size_t	open_line = line;

				for (p++;; p++) {
					if (p >= len) {
						line = open_line;
						why = "a quoted field is never "
						    "closed";
						goto fail;
					}
					c = buf[p];
					if (c == '\0') {
						why = "the file holds a NUL "
						    "byte";
						goto fail;
					}
					if (c == '"') {
						if (p + 1 < len &&
						    buf[p + 1] == '"') {
							sbuf_append(&f, "\"", 1);
							p++;
							continue;
						}
						p++;
						break;
					}
					if (c == '\n' || (c == '\r' &&
					    (p + 1 >= len || buf[p + 1] != '\n')))
						line++;
					sbuf_append(&f, &c, 1);
				}
				if (p < len && buf[p] != ',' && buf[p] != '\r' &&
				    buf[p] != '\n') {
					why = "there is text after a closing "
					    "quote (write a quote inside a "
					    "quoted field as two quotes)";
					goto fail;
				}
			} else {
				for (; p < len && buf[p] != ',' &&
				    buf[p] != '\r' && buf[p] != '\n'; p++) {
					if (buf[p] == '"') {
						why = "a field that does not "
						    "start with a quote holds "
						    "one (quote the whole "
						    "field)";
						goto fail;
					}
					if (buf[p] == '\0') {
						why = "the file holds a NUL "
						    "byte";
						goto fail;
					}
					sbuf_append(&f, &buf[p], 1);
				}
			}
			if (f.oom || push_field(&fv, &nf, &fcap, &f) == -1) {
				why = "out of memory";
				goto fail;
			}
			if (nf > CSV_MAX_FIELDS) {
				why = "a row has too many fields";
				goto fail;
			}
			if (p >= len)
				break;
			if (buf[p] == ',') {
				p++;
				continue;
			}
			if (buf[p] == '\r' && p + 1 < len && buf[p + 1] == '\n')
				p++;
			p++;
			line++;
			break;
		}
		if (d->n >= CSV_MAX_RECORDS) {
			why = "the file has too many rows";
			goto fail;
		}
		if (d->n == rcap) {
			rcap = rcap ? rcap * 2 : 64;
			if ((grown = realloc(d->rec, rcap * sizeof(*grown))) ==
			    NULL) {
				why = "out of memory";
				goto fail;
			}
			d->rec = grown;
		}
		d->rec[d->n].field = fv;
		d->rec[d->n].n = nf;
		d->rec[d->n].line = rec_line;
		d->n++;
		fv = NULL;
		nf = 0;
	}
	sbuf_free(&f);
	return (0);
fail:
	free_fields(fv, nf);
	sbuf_free(&f);
	csv_free(d);
	d->err_line = line;
	if (errlen > 0)
		snprintf(err, errlen, "%s", why);
	return (-1);
}

/* --- dates ---------------------------------------------------------------- */

static int
digits(const char *s, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return (0);
	return (1);
}

int
imp_date(const char *s, char out[DATE_LEN])
{
	const char	*a, *b;
	size_t		 dl, ml;

	out[0] = '\0';
	if (strlen(s) == 10 && s[4] == '-' && s[7] == '-' && digits(s, 4) &&
	    digits(s + 5, 2) && digits(s + 8, 2)) {
		memcpy(out, s, 10);
		out[10] = '\0';
	} else {
		/* D/M/YYYY or DD/MM/YYYY */
		if ((a = strchr(s, '/')) == NULL ||
		    (b = strchr(a + 1, '/')) == NULL)
			return (-1);
		dl = (size_t)(a - s);
		ml = (size_t)(b - a - 1);
		if (dl < 1 || dl > 2 || ml < 1 || ml > 2 ||
		    strlen(b + 1) != 4 || !digits(s, dl) ||
		    !digits(a + 1, ml) || !digits(b + 1, 4))
			return (-1);
		snprintf(out, DATE_LEN, "%.4s-%s%.*s-%s%.*s", b + 1,
		    ml == 1 ? "0" : "", (int)ml, a + 1,
		    dl == 1 ? "0" : "", (int)dl, s);
	}
	if (date_day(out) < 0) {
		out[0] = '\0';
		return (-1);
	}
	return (0);
}

/* --- the import ----------------------------------------------------------- */

static const char *const fixed_cols[IMP_ADVICE_FIRST] = {
	"reference", "given_name", "family_name", "date_of_birth",
	"request_received", "decision_to_assess", "decision_date",
	"plan_decision_date", "draft_issued", "final_issued",
	"final_setting", "exception_kind", "exception_reason",
	"exception_from", "exception_to"
};
static char	advice_cols[2 * ADV_KINDS][40];

const char *
imp_col_name(int c)
{
	int	k;

	if (c < 0 || c >= IMP_COLS)
		return (NULL);
	if (c < IMP_ADVICE_FIRST)
		return (fixed_cols[c]);
	k = c - IMP_ADVICE_FIRST;
	if (advice_cols[k][0] == '\0')
		snprintf(advice_cols[k], sizeof(advice_cols[k]), "%s_%s",
		    fig_advice_kind_names[k / 2],
		    k % 2 == 0 ? "requested" : "received");
	return (advice_cols[k]);
}

static int
col_of(const char *name)
{
	int	c;

	for (c = 0; c < IMP_COLS; c++)
		if (strcmp(name, imp_col_name(c)) == 0)
			return (c);
	return (-1);
}

struct ctx {
	struct imp_result	*res;
	int			 oom;
	size_t			 row_errors;
	size_t			 err_cap;
};

static void
vreport(struct ctx *x, size_t line, const char *column, const char *fmt,
    va_list ap)
{
	struct imp_result	*r = x->res;
	struct imp_error	*e;

	x->row_errors++;
	if (r->n_err >= IMP_MAX_ERRORS) {
		r->truncated = 1;
		return;
	}
	if (r->n_err == x->err_cap) {
		struct imp_error	*grown;
		size_t			 cap = x->err_cap ? x->err_cap * 2 : 8;

		if (cap > IMP_MAX_ERRORS)
			cap = IMP_MAX_ERRORS;
		if ((grown = realloc(r->err, cap * sizeof(*grown))) == NULL) {
			x->oom = 1;
			return;
		}
		r->err = grown;
		x->err_cap = cap;
	}
	e = &r->err[r->n_err++];
	e->line = line;
	snprintf(e->column, sizeof(e->column), "%s", column);
	vsnprintf(e->reason, sizeof(e->reason), fmt, ap);
}

static void
report(struct ctx *x, size_t line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void
report_named(struct ctx *x, size_t line, const char *col, const char *fmt,
    ...) __attribute__((format(printf, 4, 5)));

static void
report(struct ctx *x, size_t line, int col, const char *fmt, ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vreport(x, line, col >= 0 ? imp_col_name(col) : "", fmt, ap);
	va_end(ap);
}

static void
report_named(struct ctx *x, size_t line, const char *col, const char *fmt,
    ...)
{
	va_list	ap;

	va_start(ap, fmt);
	vreport(x, line, col, fmt, ap);
	va_end(ap);
}

/* Trim spaces and tabs in place. */
static char *
trim(char *s)
{
	char	*e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	*e = '\0';
	return (s);
}

/* Characters in valid UTF-8 with no control characters, or -1. */
static long
text_chars(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	long			 n = 0;
	int			 more, i;
	unsigned long		 cp;

	while (*p != '\0') {
		if (*p < 0x20 || *p == 0x7f)
			return (-1);
		if (*p < 0x80) {
			p++;
			n++;
			continue;
		}
		if ((*p & 0xe0) == 0xc0) {
			more = 1;
			cp = *p & 0x1f;
		} else if ((*p & 0xf0) == 0xe0) {
			more = 2;
			cp = *p & 0x0f;
		} else if ((*p & 0xf8) == 0xf0) {
			more = 3;
			cp = *p & 0x07;
		} else
			return (-1);
		for (i = 1; i <= more; i++) {
			if ((p[i] & 0xc0) != 0x80)
				return (-1);
			cp = cp << 6 | (p[i] & 0x3f);
		}
		if ((more == 1 && cp < 0x80) || (more == 2 && cp < 0x800) ||
		    (more == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff) ||
		    (cp >= 0x80 && cp < 0xa0))
			return (-1);
		p += more + 1;
		n++;
	}
	return (n);
}

static char *
text_cell(struct ctx *x, size_t line, int col, const char *v, int required,
    long max)
{
	long	n;
	char	*s;

	if (*v == '\0' && required) {
		report(x, line, col, "is empty: it is required");
		return (NULL);
	}
	if ((n = text_chars(v)) < 0) {
		report(x, line, col, "holds a control character or is not "
		    "UTF-8 text (save the spreadsheet as CSV UTF-8)");
		return (NULL);
	}
	if (n > max) {
		report(x, line, col, "is longer than %ld characters", max);
		return (NULL);
	}
	if ((s = strdup(v)) == NULL)
		x->oom = 1;
	return (s);
}

/* A date cell into out ("" when empty); 0, or -1 when reported. */
static int
date_cell(struct ctx *x, size_t line, int col, const char *v, int required,
    const char *today, char out[DATE_LEN])
{
	out[0] = '\0';
	if (*v == '\0') {
		if (required) {
			report(x, line, col, "is empty: it is required");
			return (-1);
		}
		return (0);
	}
	if (imp_date(v, out) == -1) {
		report(x, line, col, "is not a real date in the form "
		    "YYYY-MM-DD or DD/MM/YYYY");
		return (-1);
	}
	if (today != NULL && date_day(today) >= 0 &&
	    date_day(out) > date_day(today)) {
		report(x, line, col, "is in the future");
		out[0] = '\0';
		return (-1);
	}
	return (0);
}

/* Reports col when its date is before the other's (both given). */
static void
not_before(struct ctx *x, size_t line, int col, const char *d,
    int other, const char *o)
{
	if (d[0] != '\0' && o[0] != '\0' && date_day(d) < date_day(o))
		report(x, line, col, "is before %s", imp_col_name(other));
}

static void
free_row(struct imp_row *r)
{
	free(r->reference);
	free(r->given_name);
	free(r->family_name);
	free(r->final_setting);
	free(r->exception_reason);
	memset(r, 0, sizeof(*r));
}

void
imp_free(struct imp_result *r)
{
	size_t	i;

	for (i = 0; i < r->n; i++)
		free_row(&r->row[i]);
	free(r->row);
	free(r->err);
	memset(r, 0, sizeof(*r));
}

static void
lower(char *s)
{
	for (; *s != '\0'; s++)
		*s = (char)tolower((unsigned char)*s);
}

/* The row's cells into r; every bad cell reported. */
static void
read_row(struct ctx *x, const struct imp_options *o, char **cell,
    const int *map, size_t ncell, struct imp_row *r)
{
	const char	*v[IMP_COLS], *today = o ? o->today : NULL;
	size_t		 line = r->line, i;
	int		 c, k;
	char		 dob26[DATE_LEN];

	for (c = 0; c < IMP_COLS; c++)
		v[c] = "";
	for (i = 0; i < ncell; i++)
		v[map[i]] = trim(cell[i]);

	if (*v[IMP_REFERENCE] == '\0')
		report(x, line, IMP_REFERENCE, "is empty: it is required");
	else
		r->reference = text_cell(x, line, IMP_REFERENCE,
		    v[IMP_REFERENCE], 1, IMP_REF_MAX);
	r->given_name = text_cell(x, line, IMP_GIVEN_NAME, v[IMP_GIVEN_NAME],
	    1, IMP_TEXT_MAX);
	r->family_name = text_cell(x, line, IMP_FAMILY_NAME,
	    v[IMP_FAMILY_NAME], 1, IMP_TEXT_MAX);
	r->final_setting = text_cell(x, line, IMP_FINAL_SETTING,
	    v[IMP_FINAL_SETTING], 0, IMP_TEXT_MAX);
	r->exception_reason = text_cell(x, line, IMP_EXCEPTION_REASON,
	    v[IMP_EXCEPTION_REASON], 0, IMP_TEXT_MAX);

	date_cell(x, line, IMP_DATE_OF_BIRTH, v[IMP_DATE_OF_BIRTH], 1, today,
	    r->date_of_birth);
	date_cell(x, line, IMP_REQUEST_RECEIVED, v[IMP_REQUEST_RECEIVED], 1,
	    today, r->request_received);
	date_cell(x, line, IMP_DECISION_DATE, v[IMP_DECISION_DATE], 0, today,
	    r->decision_date);
	date_cell(x, line, IMP_PLAN_DECISION_DATE, v[IMP_PLAN_DECISION_DATE],
	    0, today, r->plan_decision_date);
	date_cell(x, line, IMP_DRAFT_ISSUED, v[IMP_DRAFT_ISSUED], 0, today,
	    r->draft_issued);
	date_cell(x, line, IMP_FINAL_ISSUED, v[IMP_FINAL_ISSUED], 0, today,
	    r->final_issued);
	date_cell(x, line, IMP_EXCEPTION_FROM, v[IMP_EXCEPTION_FROM], 0, today,
	    r->exception_from);
	/* An exception may end in the future. */
	date_cell(x, line, IMP_EXCEPTION_TO, v[IMP_EXCEPTION_TO], 0, NULL,
	    r->exception_to);
	for (k = 0; k < ADV_KINDS; k++) {
		date_cell(x, line, IMP_ADVICE_FIRST + 2 * k,
		    v[IMP_ADVICE_FIRST + 2 * k], 0, today,
		    r->advice_requested[k]);
		date_cell(x, line, IMP_ADVICE_FIRST + 2 * k + 1,
		    v[IMP_ADVICE_FIRST + 2 * k + 1], 0, today,
		    r->advice_received[k]);
	}

	r->decision_to_assess = FIG_UNDECIDED;
	if (strcasecmp(v[IMP_DECISION_TO_ASSESS], "yes") == 0)
		r->decision_to_assess = FIG_ASSESS;
	else if (strcasecmp(v[IMP_DECISION_TO_ASSESS], "no") == 0)
		r->decision_to_assess = FIG_NOT_ASSESS;
	else if (*v[IMP_DECISION_TO_ASSESS] != '\0')
		report(x, line, IMP_DECISION_TO_ASSESS, "must be yes or no");

	r->exception_kind = -1;
	if (*v[IMP_EXCEPTION_KIND] != '\0') {
		char	kind[40];

		snprintf(kind, sizeof(kind), "%s", v[IMP_EXCEPTION_KIND]);
		lower(kind);
		if ((r->exception_kind = fig_exception_kind(kind)) < 0)
			report(x, line, IMP_EXCEPTION_KIND, "must be one of "
			    "school_closure, personal_circumstances, absence, "
			    "missed_appointment");
	}
	if (x->oom)
		return;

	/* The order of things. */
	not_before(x, line, IMP_REQUEST_RECEIVED, r->request_received,
	    IMP_DATE_OF_BIRTH, r->date_of_birth);
	if (r->date_of_birth[0] && r->request_received[0] &&
	    date_add_months(r->date_of_birth, 26 * 12, dob26) == 0 &&
	    date_day(r->request_received) >= date_day(dob26))
		report(x, line, IMP_REQUEST_RECEIVED, "is after the young "
		    "person's 26th birthday (plans are for ages 0 to 25)");
	if (r->decision_date[0] && *v[IMP_DECISION_TO_ASSESS] == '\0')
		report(x, line, IMP_DECISION_TO_ASSESS, "is empty: say yes or "
		    "no when there is a decision_date");
	if (r->decision_to_assess != FIG_UNDECIDED &&
	    *v[IMP_DECISION_DATE] == '\0')
		report(x, line, IMP_DECISION_DATE, "is empty: give the date "
		    "of the decision to assess");
	not_before(x, line, IMP_DECISION_DATE, r->decision_date,
	    IMP_REQUEST_RECEIVED, r->request_received);
	{
		static const int later[] = { IMP_PLAN_DECISION_DATE,
		    IMP_DRAFT_ISSUED, IMP_FINAL_ISSUED };
		const char *d[] = { r->plan_decision_date, r->draft_issued,
		    r->final_issued };

		for (i = 0; i < 3; i++) {
			if (*v[later[i]] == '\0')
				continue;
			if (r->decision_to_assess == FIG_NOT_ASSESS)
				report(x, line, later[i], "must be empty when "
				    "the decision was not to assess");
			else if (*v[IMP_DECISION_TO_ASSESS] == '\0')
				report(x, line, later[i], "needs "
				    "decision_to_assess yes and its "
				    "decision_date");
			not_before(x, line, later[i], d[i],
			    IMP_REQUEST_RECEIVED, r->request_received);
			not_before(x, line, later[i], d[i], IMP_DECISION_DATE,
			    r->decision_date);
		}
	}
	not_before(x, line, IMP_DRAFT_ISSUED, r->draft_issued,
	    IMP_PLAN_DECISION_DATE, r->plan_decision_date);
	not_before(x, line, IMP_FINAL_ISSUED, r->final_issued,
	    IMP_PLAN_DECISION_DATE, r->plan_decision_date);
	not_before(x, line, IMP_FINAL_ISSUED, r->final_issued,
	    IMP_DRAFT_ISSUED, r->draft_issued);

	/* An exception: its kind and the day it began, then its end. */
	if (*v[IMP_EXCEPTION_KIND] == '\0') {
		static const int ex[] = { IMP_EXCEPTION_REASON,
		    IMP_EXCEPTION_FROM, IMP_EXCEPTION_TO };

		for (i = 0; i < 3; i++)
			if (*v[ex[i]] != '\0')
				report(x, line, IMP_EXCEPTION_KIND, "is empty: "
				    "give the kind of exception when there "
				    "is an %s", imp_col_name(ex[i]));
	} else if (*v[IMP_EXCEPTION_FROM] == '\0')
		report(x, line, IMP_EXCEPTION_FROM, "is empty: give the date "
		    "the exception began");
	not_before(x, line, IMP_EXCEPTION_FROM, r->exception_from,
	    IMP_REQUEST_RECEIVED, r->request_received);
	not_before(x, line, IMP_EXCEPTION_TO, r->exception_to,
	    IMP_EXCEPTION_FROM, r->exception_from);

	/* Advice: asked after the decision to assess, back after asked. */
	for (k = 0; k < ADV_KINDS; k++) {
		int	 rq = IMP_ADVICE_FIRST + 2 * k, rc = rq + 1;

		if (*v[rq] != '\0' && r->decision_to_assess == FIG_NOT_ASSESS)
			report(x, line, rq, "must be empty when the decision "
			    "was not to assess");
		if (*v[rc] != '\0' && *v[rq] == '\0')
			report(x, line, rq, "is empty: give the date the "
			    "advice was asked for when it was received");
		not_before(x, line, rq, r->advice_requested[k],
		    IMP_REQUEST_RECEIVED, r->request_received);
		not_before(x, line, rq, r->advice_requested[k],
		    IMP_DECISION_DATE, r->decision_date);
		not_before(x, line, rc, r->advice_received[k], rq,
		    r->advice_requested[k]);
	}
}

/* The references seen so far: an open-addressing hash of line numbers. */
struct refset {
	char	**ref;		/* owned copies */
	size_t	 *line;
	size_t	  cap;		/* a power of two */
};

static size_t
fnv(const char *s)
{
	size_t	h = 14695981039346656037ULL & (size_t)-1;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * (size_t)1099511628211ULL;
	return (h);
}

/* 0 if added, the line of the first when already there, -1 on oom. */
static long
refset_add(struct refset *rs, const char *ref, size_t line)
{
	size_t	i = fnv(ref) & (rs->cap - 1);

	while (rs->ref[i] != NULL) {
		if (strcmp(rs->ref[i], ref) == 0)
			return ((long)rs->line[i]);
		i = (i + 1) & (rs->cap - 1);
	}
	if ((rs->ref[i] = strdup(ref)) == NULL)
		return (-1);
	rs->line[i] = line;
	return (0);
}

static void
refset_free(struct refset *rs)
{
	size_t	i;

	for (i = 0; rs->ref != NULL && i < rs->cap; i++)
		free(rs->ref[i]);
	free(rs->ref);
	free(rs->line);
}

int
imp_parse(const char *buf, size_t len, const struct imp_options *o,
    struct imp_result *res)
{
	struct csv_doc	 doc;
	struct ctx	 x;
	struct imp_row	 row, *grown;
	struct refset	 rs;
	int		 map[CSV_MAX_FIELDS], seen[IMP_COLS], c;
	char		 msg[200], *name, col[40], reason[200];
	size_t		 i, j, cap = 0, nh;
	long		 first;

	memset(res, 0, sizeof(*res));
	memset(&x, 0, sizeof(x));
	memset(&rs, 0, sizeof(rs));
	x.res = res;
	if (csv_parse(buf, len, &doc, msg, sizeof(msg)) == -1) {
		report(&x, doc.err_line, -1, "%s", msg);
		return (x.oom ? -1 : 1);
	}
	if (doc.n == 0) {
		report(&x, 1, -1, "the file is empty: it needs a header row "
		    "naming the columns");
		goto done;
	}

	/* The header. */
	for (c = 0; c < IMP_COLS; c++)
		seen[c] = 0;
	nh = doc.rec[0].n;
	for (i = 0; i < nh; i++) {
		name = trim(doc.rec[0].field[i]);
		lower(name);
		map[i] = -1;
		if (*name == '\0') {
			report(&x, doc.rec[0].line, -1, "column %zu of the "
			    "header has no name", i + 1);
			continue;
		}
		if ((c = col_of(name)) < 0) {
			report_named(&x, doc.rec[0].line,
			    text_chars(name) < 0 ? "?" : name,
			    "is not a column the import knows (the README "
			    "lists them)");
			continue;
		}
		if (seen[c]++) {
			report(&x, doc.rec[0].line, c, "appears twice in the "
			    "header");
			continue;
		}
		map[i] = c;
	}
	for (c = IMP_REFERENCE; c <= IMP_REQUEST_RECEIVED; c++)
		if (!seen[c])
			report(&x, doc.rec[0].line, c, "is a required column "
			    "and the header does not have it");
	if (res->n_err > 0 || res->truncated)
		goto done;
	if (doc.n == 1) {
		report(&x, doc.rec[0].line + 1, -1, "the file has no rows "
		    "after the header");
		goto done;
	}

	for (rs.cap = 16; rs.cap < 2 * doc.n; rs.cap *= 2)
		;
	rs.ref = calloc(rs.cap, sizeof(*rs.ref));
	rs.line = calloc(rs.cap, sizeof(*rs.line));
	if (rs.ref == NULL || rs.line == NULL) {
		x.oom = 1;
		goto done;
	}
	for (i = 1; i < doc.n && !x.oom; i++) {
		struct csv_record	*rec = &doc.rec[i];
		int			 empty = 1;

		for (j = 0; j < rec->n; j++)
			if (*trim(rec->field[j]) != '\0')
				empty = 0;
		if (empty)
			continue;
		if (rec->n != nh) {
			report(&x, rec->line, -1, "the row has %zu cells but "
			    "the header has %zu", rec->n, nh);
			continue;
		}
		memset(&row, 0, sizeof(row));
		row.line = rec->line;
		x.row_errors = 0;
		read_row(&x, o, rec->field, map, rec->n, &row);
		if (row.reference != NULL) {
			if ((first = refset_add(&rs, row.reference,
			    rec->line)) < 0)
				x.oom = 1;
			else if (first > 0)
				report(&x, rec->line, IMP_REFERENCE, "is the "
				    "same as on line %ld: a reference may "
				    "appear once", first);
		}
		/* The shared validation module, once a row is sound here. */
		if (x.row_errors == 0 && !x.oom && o != NULL &&
		    o->validate != NULL) {
			col[0] = reason[0] = '\0';
			if (o->validate(o->arg, &row, col, sizeof(col), reason,
			    sizeof(reason)) != 0)
				report_named(&x, rec->line, col, "%s",
				    reason[0] ? reason : "is refused");
		}
		if (x.row_errors > 0 || x.oom) {
			free_row(&row);
			continue;
		}
		if (res->n == cap) {
			cap = cap ? cap * 2 : 64;
			if ((grown = realloc(res->row, cap * sizeof(*grown))) ==
			    NULL) {
				free_row(&row);
				x.oom = 1;
				break;
			}
			res->row = grown;
		}
		res->row[res->n++] = row;
	}
done:
	refset_free(&rs);
	csv_free(&doc);
	if (x.oom)
		return (-1);
	return (res->n_err > 0 || res->truncated ? 1 : 0);
}
