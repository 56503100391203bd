/*
 * figures_sql — see figures_sql.h.  Dates leave the database as day
 * numbers (date − 1970-01-01), the unit of figures.h; -1 is "none".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "figures_sql.h"
#include "db.h"

enum { FQ_CASES, FQ_ADVICE, FQ_SERVICES, FQ_FINALS, FQ_COUNCIL, FQ_STAMP,
    FQ__MAX };
/* FQ_CASES' columns. */
enum { FC_ID, FC_REFERENCE, FC_RECEIVED, FC_OUTCOME, FC_DECISION,
    FC_PLAN_DECISION, FC_DRAFT, FC_FINAL, FC_CLOSED, FC_EXCEPTIONS,
    FC_CASEWORKER };
/* FQ_ADVICE's columns. */
enum { FA_ASSESSMENT, FA_KIND, FA_SERVICE, FA_REQUESTED, FA_RECEIVED };

#define DAYNO(x)	"coalesce((" x ") - DATE '1970-01-01', -1)"

static const struct stmt_def fq_stmts[FQ__MAX] = {
	/*
	 * FQ_CASES: $1 council, $2 the range's first and $3 last day → by
	 * id, its cases received by the last day that have anything on or
	 * after the first (a date, advice due) or are still open: id,
	 * reference, received, decision to assess's outcome ('' if none),
	 * its day, plan decision's day, first draft's day, final plan's
	 * day, closed day, exceptions recorded, caseworker. A case left out
	 * counts in no figure of the range. From case_figures (023).
	 */
	[FQ_CASES] = { "SELECT f.assessment_id, a.reference, "
	    DAYNO("f.received") ", coalesce(f.assess_outcome, ''), "
	    DAYNO("f.assess_on") ", " DAYNO("f.plan_on") ", "
	    DAYNO("f.draft_on") ", " DAYNO("f.final_on") ", "
	    DAYNO("f.closed_on") ", f.exceptions, u.display_name "
	    "FROM case_figures f JOIN assessments a ON a.id = f.assessment_id "
	    "JOIN accounts u ON u.id = a.caseworker_id "
	    "WHERE f.council_id = $1 AND f.received <= $3::date "
	    "AND ((f.final_on IS NULL AND f.closed_on IS NULL) OR greatest("
	    "f.received, f.assess_on, f.plan_on, f.draft_on, f.final_on, "
	    "f.closed_on, f.last_due) >= $2::date) "
	    "ORDER BY f.assessment_id", 3 },
	/*
	 * FQ_ADVICE: $1 council, $2 first and $3 last day the advice is due
	 * → its counted advice requests due then, in no order: assessment,
	 * kind, provider organisation's id, requested, first submitted (-1:
	 * not yet). From advice_figures (023).
	 */
	[FQ_ADVICE] = { "SELECT f.assessment_id, f.kind, f.organisation_id, "
	    DAYNO("f.requested_on") ", " DAYNO("f.received_on") " "
	    "FROM advice_figures f WHERE f.council_id = $1 AND f.counted "
	    "AND f.due_on BETWEEN $2::date AND $3::date", 3 },
	/* FQ_SERVICES: every organisation's id and name, by id. */
	[FQ_SERVICES] = { "SELECT id, name FROM organisations ORDER BY id", 0 },
	/*
	 * FQ_FINALS: $1 council, $2 first and $3 last day → the final plans
	 * issued then, as FQ_CASES' columns (only id, received, final,
	 * exceptions filled). From case_figures (023).
	 */
	[FQ_FINALS] = { "SELECT f.assessment_id, '', "
	    DAYNO("f.received") ", '', -1, -1, -1, " DAYNO("f.final_on") ", -1, "
	    "f.exceptions, '' FROM case_figures f WHERE f.council_id = $1 "
	    "AND f.final_on BETWEEN $2::date AND $3::date "
	    "ORDER BY f.assessment_id", 3 },
	/* FQ_COUNCIL: $1 name → the council's id. */
	[FQ_COUNCIL] = { "SELECT id FROM organisations "
	    "WHERE kind = 'local_authority' AND name = $1", 1 },
	/*
	 * FQ_STAMP: $1 council → one text that changes whenever a row these
	 * figures read changes: the latest change to the council's two
	 * summaries (023's triggers stamp every insert and update with the
	 * time; the portal deletes no case). Two index look-ups.
	 */
	[FQ_STAMP] = { "SELECT concat_ws('/', "
	    "(SELECT max(changed_at) FROM case_figures WHERE council_id = $1), "
	    "(SELECT max(changed_at) FROM advice_figures WHERE council_id = $1))",
	    1 },
};

/* Every case with an exception points at this: figures.c asks only
 * whether there is one (fig_has_exception). */
static const struct fig_exception	recorded = { -1, FIG_NONE, FIG_NONE };

static long
day_at(const PGresult *r, int row, int col)
{
	return (strtol(db_val(r, row, col), NULL, 10));
}

static int
cases_fill(struct figset *s)
{
	const PGresult	*r = s->res_cases;
	struct fig_case	*c;
	const char	*o;
	int		 i, n = db_rows(r);

	if (n == 0)
		return (0);
	s->cases = calloc((size_t)n, sizeof(*s->cases));
	s->id = calloc((size_t)n, sizeof(*s->id));
	s->caseworker = calloc((size_t)n, sizeof(*s->caseworker));
	if (s->cases == NULL || s->id == NULL || s->caseworker == NULL)
		return (-1);
	for (i = 0; i < n; i++) {
		c = &s->cases[i];
		s->id[i] = db_val(r, i, FC_ID);
		s->caseworker[i] = db_val(r, i, FC_CASEWORKER);
		c->reference = db_val(r, i, FC_REFERENCE);
		c->received = day_at(r, i, FC_RECEIVED);
		o = db_val(r, i, FC_OUTCOME);
		c->decision = strcmp(o, "yes") == 0 ? FIG_ASSESS :
		    strcmp(o, "no") == 0 ? FIG_NOT_ASSESS : FIG_UNDECIDED;
		c->decision_date = day_at(r, i, FC_DECISION);
		c->plan_decision_date = day_at(r, i, FC_PLAN_DECISION);
		c->draft_issued = day_at(r, i, FC_DRAFT);
		c->final_issued = day_at(r, i, FC_FINAL);
		c->closed = day_at(r, i, FC_CLOSED);
		if (day_at(r, i, FC_EXCEPTIONS) > 0) {
			c->exceptions = &recorded;
			c->n_exceptions = 1;
		}
	}
	s->n = (size_t)n;
	return (0);
}

/* The ids of column 0 of r's n rows, parsed once: a malloc'd array, or
 * NULL. */
static long long *
ids_of(const PGresult *r, int n)
{
	long long	*v;
	int		 i;

	if ((v = calloc(n > 0 ? (size_t)n : 1, sizeof(*v))) == NULL)
		return (NULL);
	for (i = 0; i < n; i++)
		v[i] = strtoll(db_val(r, i, 0), NULL, 10);
	return (v);
}

/* The index of id in the ascending ids[n], or -1. */
static int
row_of(const long long *ids, int n, long long id)
{
	int	lo = 0, hi = n - 1, mid;

	while (lo <= hi) {
		mid = lo + (hi - lo) / 2;
		if (ids[mid] == id)
			return (mid);
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return (-1);
}

/*
 * Each case's advice side by side in s->advice: the rows come in no
 * order, so a first pass counts them per case (cases are by id: a
 * binary search finds each), a second places them. Advice of a case not
 * read is left out (it counts in no figure of the range either).
 */
static int
advice_fill(struct figset *s)
{
	const PGresult		*r = s->res_advice, *sv = s->res_services;
	struct fig_advice	*a;
	size_t			*at = NULL;
	long long		*cid = NULL, *sid = NULL;
	int			*ci = NULL, i, k, n = db_rows(r), ns = db_rows(sv);
	int			 rc = -1;
	size_t			 j, sum;

	if (n == 0 || s->n == 0)
		return (0);
	s->advice = calloc((size_t)n, sizeof(*s->advice));
	ci = calloc((size_t)n, sizeof(*ci));
	at = calloc(s->n, sizeof(*at));
	cid = ids_of(s->res_cases, (int)s->n);
	sid = ids_of(sv, ns);
	if (s->advice == NULL || ci == NULL || at == NULL || cid == NULL ||
	    sid == NULL)
		goto done;
	for (i = 0; i < n; i++) {
		ci[i] = row_of(cid, (int)s->n,
		    strtoll(db_val(r, i, FA_ASSESSMENT), NULL, 10));
		if (ci[i] >= 0)
			s->cases[ci[i]].n_advice++;
	}
	for (j = 0, sum = 0; j < s->n; j++) {
		at[j] = sum;
		if (s->cases[j].n_advice > 0)
			s->cases[j].advice = &s->advice[sum];
		sum += s->cases[j].n_advice;
	}
	s->n_advice = sum;
	for (i = 0; i < n; i++) {
		if (ci[i] < 0)
			continue;
		a = &s->advice[at[ci[i]]++];
		a->kind = fig_advice_kind(db_val(r, i, FA_KIND));
		k = row_of(sid, ns, strtoll(db_val(r, i, FA_SERVICE), NULL, 10));
		a->service = k >= 0 ? db_val(sv, k, 1) : "";
		a->requested = day_at(r, i, FA_REQUESTED);
		a->received = day_at(r, i, FA_RECEIVED);
	}
	rc = 0;
done:
	free(ci);
	free(at);
	free(cid);
	free(sid);
	return (rc);
}

int
figset_load_range(struct figset *s, const char *council, long from, long to)
{
	char	d_from[DATE_LEN], d_to[DATE_LEN];

	memset(s, 0, sizeof(*s));
	date_of_day(from, d_from);
	date_of_day(to, d_to);
	if ((s->res_cases = db_qd(&fq_stmts[FQ_CASES], council, d_from,
	    d_to)) == NULL || cases_fill(s) == -1)
		return (-1);
	if ((s->res_services = db_qd(&fq_stmts[FQ_SERVICES])) == NULL ||
	    (s->res_advice = db_qd(&fq_stmts[FQ_ADVICE], council, d_from,
	    d_to)) == NULL || advice_fill(s) == -1)
		return (-1);
	return (0);
}

int
figset_load_months(struct figset *s, const char *council, int fy, int fm,
    int ty, int tm)
{
	char	first[DATE_LEN], last[DATE_LEN], d[32];

	memset(s, 0, sizeof(*s));
	if (fm < 1 || fm > 12 || tm < 1 || tm > 12)
		return (-1);
	(void)snprintf(d, sizeof(d), "%04d-%02d-01", fy % 10000, fm % 100);
	if (date_add_months(d, -11, first) == -1)
		return (-1);
	(void)snprintf(d, sizeof(d), "%04d-%02d-01", ty % 10000, tm % 100);
	if (date_add_months(d, 1, last) == -1 ||
	    date_add(last, -1, last) == -1)
		return (-1);
	if ((s->res_cases = db_qd(&fq_stmts[FQ_FINALS], council, first,
	    last)) == NULL || cases_fill(s) == -1)
		return (-1);
	return (0);
}

void
figset_free(struct figset *s)
{
	free(s->cases);
	free(s->id);
	free(s->caseworker);
	free(s->advice);
	PQclear(s->res_cases);
	PQclear(s->res_advice);
	PQclear(s->res_services);
	memset(s, 0, sizeof(*s));
}

int
figset_stamp(const char *council, char *out, size_t len)
{
	PGresult	*r;
	int		 rc = -1;

	out[0] = '\0';
	if ((r = db_qd(&fq_stmts[FQ_STAMP], council)) == NULL)
		return (-1);
	if (db_rows(r) == 1 && (size_t)snprintf(out, len, "%s",
	    db_val(r, 0, 0)) < len)
		rc = 0;
	PQclear(r);
	return (rc);
}

int
figset_council(const char *name, char out[24])
{
	PGresult	*r;
	int		 found;

	out[0] = '\0';
	if ((r = db_qd(&fq_stmts[FQ_COUNCIL], name)) == NULL)
		return (-1);
	if ((found = db_rows(r) == 1))
		(void)snprintf(out, 24, "%s", db_val(r, 0, 0));
	PQclear(r);
	return (found);
}
