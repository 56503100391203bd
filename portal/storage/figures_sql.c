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

enum { FQ_CASES, FQ_ADVICE, FQ_FINALS, FQ_COUNCIL, FQ_STAMP, FQ__MAX };
/* FQ_CASES' columns. */
enum { FC_ID, FC_REFERENCE, FC_RECEIVED, FC_OUTCOME, FC_DECISION,
    FC_PLAN_DECISION, FC_DRAFT, FC_FINAL, FC_CLOSED, FC_EXCEPTIONS,
    FC_CASEWORKER };
/* FQ_ADVICE's columns. */
enum { FA_ASSESSMENT, FA_KIND, FA_SERVICE, FA_REQUESTED, FA_RECEIVED };

#define DAYNO(x)	"coalesce((" x ") - DATE '1970-01-01', -1)"

static const struct stmt_def fq_stmts[FQ__MAX] = {
	/*
	 * FQ_CASES: $1 council, $2 the range's last day → its cases received
	 * by then, by id: id, reference, received, decision to assess's
	 * outcome ('' if none), its day, plan decision's day, first draft's
	 * day, final plan's day, closed day, exceptions recorded, caseworker.
	 */
	[FQ_CASES] = { "SELECT a.id, a.reference, "
	    DAYNO("a.request_received") ", coalesce(d.assess_outcome, ''), "
	    DAYNO("d.assess_on") ", " DAYNO("d.plan_on") ", "
	    DAYNO("d.draft_on") ", " DAYNO("d.final_on") ", "
	    DAYNO("a.closed_on") ", "
	    "(SELECT count(*) FROM exceptions e WHERE e.assessment_id = a.id), "
	    "u.display_name "
	    "FROM assessments a JOIN accounts u ON u.id = a.caseworker_id "
	    "LEFT JOIN (SELECT assessment_id, "
	    "max(outcome) FILTER (WHERE kind = 'decision_to_assess') AS assess_outcome, "
	    "max(decided_on) FILTER (WHERE kind = 'decision_to_assess') AS assess_on, "
	    "max(decided_on) FILTER (WHERE kind = 'plan_decision') AS plan_on, "
	    "min(decided_on) FILTER (WHERE kind = 'draft_issued') AS draft_on, "
	    "max(decided_on) FILTER (WHERE kind = 'final_issued') AS final_on "
	    "FROM assessment_decisions WHERE council_id = $1 "
	    "AND decided_on <= $2::date GROUP BY assessment_id) d "
	    "ON d.assessment_id = a.id "
	    "WHERE a.council_id = $1 AND a.request_received <= $2::date "
	    "ORDER BY a.id", 2 },
	/*
	 * FQ_ADVICE: $1 council, $2 first and $3 last day the advice is due
	 * → its advice requests due then, by assessment: assessment, kind,
	 * provider service, requested, first submitted (-1: not yet).
	 */
	[FQ_ADVICE] = { "SELECT r.assessment_id, r.kind, o.name, "
	    DAYNO("r.requested_on") ", "
	    DAYNO("((SELECT min(v.submitted_at) FROM advice v "
	    "WHERE v.request_id = r.id) AT TIME ZONE 'Europe/London')::date") " "
	    "FROM advice_requests r "
	    "JOIN assessments a ON a.id = r.assessment_id "
	    "JOIN organisations o ON o.id = r.organisation_id "
	    "WHERE a.council_id = $1 AND r.due_on BETWEEN $2::date AND $3::date "
	    "AND r.kind <> 'parent' AND r.status NOT IN ('withdrawn', 'declined') "
	    "ORDER BY r.assessment_id", 3 },
	/*
	 * FQ_FINALS: $1 council, $2 first and $3 last day → the final plans
	 * issued then, as FQ_CASES' columns (only id, reference, received,
	 * final, exceptions filled).
	 */
	[FQ_FINALS] = { "SELECT a.id, a.reference, "
	    DAYNO("a.request_received") ", '', -1, -1, -1, "
	    DAYNO("f.decided_on") ", -1, "
	    "(SELECT count(*) FROM exceptions e WHERE e.assessment_id = a.id), "
	    "'' FROM assessment_decisions f "
	    "JOIN assessments a ON a.id = f.assessment_id "
	    "WHERE f.council_id = $1 AND f.kind = 'final_issued' "
	    "AND f.decided_on BETWEEN $2::date AND $3::date ORDER BY a.id", 3 },
	/* FQ_COUNCIL: $1 name → the council's id. */
	[FQ_COUNCIL] = { "SELECT id FROM organisations "
	    "WHERE kind = 'local_authority' AND name = $1", 1 },
	/*
	 * FQ_STAMP: $1 council → one text that changes whenever a row these
	 * figures read is added or changed: the newest assessment and
	 * decision of the council, the newest exception, advice request,
	 * request change and advice submission anywhere (a case closes with
	 * a decision, so closed_on needs no term of its own). Each is an
	 * index look-up (db/023_dashboard.sql). Ids and times only grow, and it
	 * is read before the rows, so a figure cached under a stamp is never
	 * older than the stamp.
	 */
	[FQ_STAMP] = { "SELECT concat_ws('/', "
	    "(SELECT max(id) FROM assessments WHERE council_id = $1), "
	    "(SELECT max(id) FROM assessment_decisions WHERE council_id = $1), "
	    "(SELECT max(id) FROM exceptions), "
	    "(SELECT max(id) FROM advice_requests), "
	    "(SELECT extract(epoch FROM max(updated_at)) FROM advice_requests), "
	    "(SELECT extract(epoch FROM max(submitted_at)) FROM advice))", 1 },
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

/* Advice rows and cases are both in assessment id order: one walk puts
 * each case's advice beside it.  Advice of a case not read is left out. */
static int
advice_fill(struct figset *s)
{
	const PGresult		*r = s->res_advice;
	struct fig_advice	*a;
	long long		 aid, cid = 0;
	size_t			 ci = 0;
	int			 i, n = db_rows(r);

	if (n == 0)
		return (0);
	if ((s->advice = calloc((size_t)n, sizeof(*s->advice))) == NULL)
		return (-1);
	for (i = 0; i < n; i++) {
		aid = strtoll(db_val(r, i, FA_ASSESSMENT), NULL, 10);
		while (ci < s->n && (cid = strtoll(s->id[ci], NULL, 10)) < aid)
			ci++;
		if (ci == s->n)
			break;
		if (cid != aid)
			continue;
		a = &s->advice[s->n_advice];
		a->kind = fig_advice_kind(db_val(r, i, FA_KIND));
		a->service = db_val(r, i, FA_SERVICE);
		a->requested = day_at(r, i, FA_REQUESTED);
		a->received = day_at(r, i, FA_RECEIVED);
		if (s->cases[ci].advice == NULL)
			s->cases[ci].advice = a;
		s->cases[ci].n_advice++;
		s->n_advice++;
	}
	return (0);
}

int
figset_load_range(struct figset *s, const char *council, long from, long to)
{
	char	d_from[DATE_LEN], d_to[DATE_LEN];

	memset(s, 0, sizeof(*s));
	date_of_day(from, d_from);
	date_of_day(to, d_to);
	if ((s->res_cases = db_qd(&fq_stmts[FQ_CASES], council, d_to)) == NULL ||
	    cases_fill(s) == -1)
		return (-1);
	if ((s->res_advice = db_qd(&fq_stmts[FQ_ADVICE], council, d_from,
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
