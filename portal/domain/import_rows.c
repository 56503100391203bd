/*
 * import_rows — see import_rows.h.  Pure: no Kore headers.
 */
#include <stdio.h>
#include <string.h>

#include "import_rows.h"

/* The import's column for a field of the shared rules, or NULL. */
static const char *
column_of(enum vfield f, enum dec_kind k)
{
	static const int dec_cols[DEC__MAX] = {
		[DEC_ASSESS] = IMP_DECISION_DATE,
		[DEC_PLAN] = IMP_PLAN_DECISION_DATE,
		[DEC_DRAFT] = IMP_DRAFT_ISSUED,
		[DEC_FINAL] = IMP_FINAL_ISSUED,
	};

	switch (f) {
	case VF_GIVEN_NAME:
		return (imp_col_name(IMP_GIVEN_NAME));
	case VF_FAMILY_NAME:
		return (imp_col_name(IMP_FAMILY_NAME));
	case VF_DOB:
		return (imp_col_name(IMP_DATE_OF_BIRTH));
	case VF_RECEIVED:
		return (imp_col_name(IMP_REQUEST_RECEIVED));
	case VF_EXC_KIND:
		return (imp_col_name(IMP_EXCEPTION_KIND));
	case VF_EXC_STARTS:
		return (imp_col_name(IMP_EXCEPTION_FROM));
	case VF_EXC_ENDS:
		return (imp_col_name(IMP_EXCEPTION_TO));
	case VF_EXC_REASON:
		return (imp_col_name(IMP_EXCEPTION_REASON));
	case VF_DEC_OUTCOME:
		if (k == DEC_ASSESS)
			return (imp_col_name(IMP_DECISION_TO_ASSESS));
		/* FALLTHROUGH */
	case VF_DEC_KIND:
	case VF_DEC_DATE:
		return (k < DEC__MAX ? imp_col_name(dec_cols[k]) : NULL);
	default:
		return (NULL);
	}
}

/* The first refusal in e into column and reason: -1. */
static int
refuse(const struct verrs *e, enum dec_kind k, char *column, size_t clen,
    char *reason, size_t rlen)
{
	const char	*c = column_of(e->e[0].field, k);

	snprintf(column, clen, "%s", c != NULL ? c : "");
	snprintf(reason, rlen, "%s", e->e[0].message);
	return (-1);
}

/* The decisions of a row, in order, as val_decision sees them. */
static size_t
decisions(const struct imp_row *r, struct imp_decision d[DEC__MAX])
{
	size_t	n = 0;

	if (r->decision_to_assess != FIG_UNDECIDED && r->decision_date[0]) {
		d[n].kind = DEC_ASSESS;
		d[n].outcome = r->decision_to_assess == FIG_ASSESS ? "yes" : "no";
		memcpy(d[n++].on, r->decision_date, DATE_LEN);
	}
	if (r->plan_decision_date[0]) {
		d[n].kind = DEC_PLAN;
		d[n].outcome = "yes";
		memcpy(d[n++].on, r->plan_decision_date, DATE_LEN);
	}
	if (r->draft_issued[0]) {
		d[n].kind = DEC_DRAFT;
		d[n].outcome = NULL;
		memcpy(d[n++].on, r->draft_issued, DATE_LEN);
	}
	if (r->final_issued[0]) {
		d[n].kind = DEC_FINAL;
		d[n].outcome = NULL;
		memcpy(d[n++].on, r->final_issued, DATE_LEN);
	}
	return (n);
}

int
imp_row_validate(const struct imp_row *r, const char *today, char *column,
    size_t clen, char *reason, size_t rlen)
{
	struct val_assessment	 a;
	struct val_decision	 v;
	struct imp_decision	 d[DEC__MAX];
	struct verrs		 e;
	size_t			 i, n;
	int			 k;

	verrs_init(&e);
	memset(&a, 0, sizeof(a));
	a.given = r->given_name;
	a.family = r->family_name;
	a.dob = r->date_of_birth;
	a.received = r->request_received;
	a.today = today;
	if (val_assessment(&a, &e) > 0)
		return (refuse(&e, DEC__MAX, column, clen, reason, rlen));

	/* Each decision as if recorded on the decision page, in order. */
	memset(&v, 0, sizeof(v));
	v.received = r->request_received;
	v.today = today;
	n = decisions(r, d);
	for (i = 0; i < n; i++) {
		v.kind = dec_kind_id(d[i].kind);
		v.outcome = d[i].outcome;
		v.date = d[i].on;
		if (val_decision(&v, &e) > 0)
			return (refuse(&e, d[i].kind, column, clen, reason,
			    rlen));
		v.done_on[d[i].kind] = d[i].on;
		v.done_outcome[d[i].kind] = d[i].outcome != NULL ?
		    d[i].outcome : "";
	}
	if (r->exception_kind >= 0 &&
	    val_exception(fig_exception_kind_names[r->exception_kind],
	    r->exception_from, r->exception_to, r->exception_reason, &e) > 0)
		return (refuse(&e, DEC__MAX, column, clen, reason, rlen));

	k = ADV_PREPARING_FOR_ADULTHOOD;
	if (r->advice_requested[k][0] && !val_pfa_allowed("", r->date_of_birth,
	    r->advice_requested[k])) {
		snprintf(column, clen, "%s", imp_col_name(IMP_ADVICE_FIRST +
		    2 * k));
		snprintf(reason, rlen, "Preparing for adulthood advice can "
		    "only be asked for from Year 9 (age 13 when the year "
		    "group is not known)");
		return (-1);
	}
	return (0);
}

int
imp_row_record(const struct imp_row *r, struct imp_record *out)
{
	struct statutory	 st;
	size_t			 i;
	int			 k, ended;

	memset(out, 0, sizeof(*out));
	if (statutory_dates(r->request_received, &st) == -1)
		return (-1);
	out->n_dec = decisions(r, out->dec);
	for (i = 0; i < out->n_dec; i++) {
		struct imp_decision	*d = &out->dec[i];

		/* The same due dates as the decision page (decision.c). */
		memcpy(d->due, d->kind == DEC_ASSESS ? st.decision_due :
		    d->kind == DEC_PLAN ? st.no_plan_due : st.final_due,
		    DATE_LEN);
		if (d->outcome != NULL && strcmp(d->outcome, "no") == 0)
			memcpy(out->closed_on, d->on, DATE_LEN);
	}
	if (r->exception_kind >= 0) {
		out->has_exception = 1;
		out->exc_kind = fig_exception_kind_names[r->exception_kind];
		memcpy(out->exc_from, r->exception_from, DATE_LEN);
		memcpy(out->exc_to, r->exception_to, DATE_LEN);
	}
	ended = r->final_issued[0] != '\0' || out->closed_on[0] != '\0';
	for (k = 0; k < ADV_KINDS; k++) {
		struct imp_advice	*a;

		if (r->advice_requested[k][0] == '\0')
			continue;
		a = &out->adv[out->n_adv++];
		a->kind = fig_advice_kind_names[k];
		memcpy(a->requested, r->advice_requested[k], DATE_LEN);
		memcpy(a->received, r->advice_received[k], DATE_LEN);
		if (advice_due(a->requested, a->due) == -1)
			return (-1);
		a->status = a->received[0] ? "accepted" : ended ? "withdrawn" :
		    "requested";
	}
	return (0);
}

static long
day_or_none(const char *d)
{
	return (d[0] ? date_day(d) : FIG_NONE);
}

int
imp_row_fig_case(const struct imp_row *r, struct fig_case *c,
    struct fig_exception *exc, struct fig_advice *adv)
{
	struct imp_record	 rec;
	size_t			 i;

	if (imp_row_record(r, &rec) == -1)
		return (-1);
	memset(c, 0, sizeof(*c));
	c->reference = r->reference;
	c->received = date_day(r->request_received);
	c->decision = r->decision_date[0] ? r->decision_to_assess :
	    FIG_UNDECIDED;
	c->decision_date = day_or_none(r->decision_date);
	c->plan_decision_date = day_or_none(r->plan_decision_date);
	c->draft_issued = day_or_none(r->draft_issued);
	c->final_issued = day_or_none(r->final_issued);
	c->closed = day_or_none(rec.closed_on);
	if (rec.has_exception) {
		exc->kind = r->exception_kind;
		exc->from = date_day(rec.exc_from);
		exc->to = day_or_none(rec.exc_to);
		c->exceptions = exc;
		c->n_exceptions = 1;
	}
	for (i = 0; i < rec.n_adv; i++) {
		adv[i].kind = fig_advice_kind(rec.adv[i].kind);
		adv[i].service = IMP_UNKNOWN_PROVIDER;
		adv[i].requested = date_day(rec.adv[i].requested);
		adv[i].received = day_or_none(rec.adv[i].received);
	}
	c->advice = adv;
	c->n_advice = rec.n_adv;
	return (0);
}
