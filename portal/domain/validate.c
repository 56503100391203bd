/*
 * validate — the rules for what comes in through any door (validate.h).
 * Pure: no Kore headers. Messages follow the GOV.UK error message style
 * and are the same on the form and in the API.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "checks.h"
#include "clock.h"
#include "esc.h"
#include "validate.h"
#include "vocab.h"

static const struct {
	const char	*form;
	const char	*api;
} fields[VF__MAX] = {
	[VF_GIVEN_NAME] = { "given_name", "child.given_name" },
	[VF_FAMILY_NAME] = { "family_name", "child.family_name" },
	[VF_DOB] = { "dob-day", "child.date_of_birth" },
	[VF_YEAR_GROUP] = { "year_group", "child.year_group" },
	[VF_SETTING] = { "setting", "child.current_setting" },
	[VF_NHS_NUMBER] = { "nhs_number", "child.nhs_number" },
	[VF_UPN] = { "upn", "child.upn" },
	[VF_RECEIVED] = { "received-day", "request_received" },
	[VF_CASEWORKER] = { "caseworker", "caseworker_email" },
	[VF_DUPLICATE] = { "allow_duplicate", "allow_duplicate" },
	[VF_PARENT_NAME] = { "parent_name", "parent.name" },
	[VF_PARENT_EMAIL] = { "parent_email", "parent.email" },
	[VF_RELATIONSHIP] = { "relationship", "parent.relationship" },
	[VF_KIND] = { "kind", "type" },
	[VF_ORGANISATION] = { "organisation", "organisation" },
	[VF_PROFESSIONAL] = { "professional", "professional_email" },
	[VF_PROFESSION] = { "profession", "profession" },
	[VF_QUESTION] = { "question", "question" },
	[VF_REQUESTED] = { "requested-day", "requested_on" },
	[VF_EXC_KIND] = { "kind", "kind" },
	[VF_EXC_STARTS] = { "starts-day", "starts_on" },
	[VF_EXC_ENDS] = { "ends-day", "ends_on" },
	[VF_EXC_REASON] = { "reason", "reason" },
	[VF_EXC_REQUEST] = { "request", "request" },
	[VF_PROMISED] = { "promised-day", "promised_by" },
	[VF_DEC_KIND] = { "decision", "decision" },
	[VF_DEC_OUTCOME] = { "outcome", "outcome" },
	[VF_DEC_DATE] = { "decided-day", "date" },
	[VF_CON_SETTING] = { "setting", "setting" },
	[VF_CON_NAME] = { "setting-name", "setting" },
	[VF_CON_SENT] = { "sent-day", "sent_on" },
	[VF_CON_ANSWER] = { "answer", "answer" },
	[VF_CON_REASONS] = { "reasons", "reasons" },
	[VF_CON_ADJUSTMENTS] = { "adjustments", "adjustments" },
	[VF_CON_COSTS] = { "costs", "costs" },
	[VF_FINAL_SETTING] = { "setting", "setting" },
	[VF_FINAL_ISSUED] = { "issued-day", "issued_on" },
};

static int	too_long(const char *, size_t);
static int	real(const char *);

const char *
vfield_form(enum vfield f)
{
	return (f < VF__MAX ? fields[f].form : "");
}

const char *
vfield_api(enum vfield f)
{
	return (f < VF__MAX ? fields[f].api : "");
}

void
verrs_init(struct verrs *e)
{
	e->n = 0;
}

void
verrs_add(struct verrs *e, enum vfield f, const char *fmt, ...)
{
	va_list	ap;

	if (e->n >= VERRS_MAX)
		return;
	e->e[e->n].field = f;
	va_start(ap, fmt);
	(void)vsnprintf(e->e[e->n].message, sizeof(e->e[e->n].message), fmt, ap);
	va_end(ap);
	e->n++;
}

int
verrs_has(const struct verrs *e, enum vfield f)
{
	size_t	i;

	for (i = 0; i < e->n; i++)
		if (e->e[i].field == f)
			return (1);
	return (0);
}

static int
too_long(const char *s, size_t max)
{
	return (s != NULL && utf8_length(s) > max);
}

/* 1 if s is a real YYYY-MM-DD date (date_day's -1 is also the day
 * number of 1969-12-31). */
static int
real(const char *s)
{
	return (s != NULL && (date_day(s) != -1 || strcmp(s, "1969-12-31") == 0));
}

size_t
val_assessment(struct val_assessment *a, struct verrs *e)
{
	size_t	n = e->n;

	a->nhs[0] = a->upn_norm[0] = '\0';
	if (blank(a->given) || too_long(a->given, VAL_NAME_MAX))
		verrs_add(e, VF_GIVEN_NAME, "Enter the child's first name "
		    "(%d characters or fewer)", VAL_NAME_MAX);
	if (blank(a->family) || too_long(a->family, VAL_NAME_MAX))
		verrs_add(e, VF_FAMILY_NAME, "Enter the child's last name "
		    "(%d characters or fewer)", VAL_NAME_MAX);
	if (!real(a->dob))
		verrs_add(e, VF_DOB, "Date of birth must be a real date, for "
		    "example 27 3 2015");
	else if (strcmp(a->dob, a->today) > 0)
		verrs_add(e, VF_DOB, "Date of birth must be today or in the past");
	if (!blank(a->year_group) && vocab_year(a->year_group) == NULL)
		verrs_add(e, VF_YEAR_GROUP, "Select the child's year group from "
		    "the list (Nursery, Reception, Year 1 to Year 14, Post-19 or "
		    "Not yet in education)");
	if (too_long(a->setting, VAL_SETTING_MAX))
		verrs_add(e, VF_SETTING, "Current setting must be %d characters "
		    "or fewer", VAL_SETTING_MAX);
	if (!blank(a->nhs_number) && (strlen(a->nhs_number) > 20 ||
	    nhs_number_normalise(a->nhs_number, a->nhs) == -1)) {
		a->nhs[0] = '\0';
		verrs_add(e, VF_NHS_NUMBER, "Enter a valid NHS number: 10 "
		    "digits, like 943 476 5919");
	}
	if (!blank(a->upn) && upn_normalise(a->upn, a->upn_norm) == -1) {
		a->upn_norm[0] = '\0';
		verrs_add(e, VF_UPN, "Enter a valid unique pupil number, 13 "
		    "characters like A123456789012");
	}
	if (!real(a->received))
		verrs_add(e, VF_RECEIVED, "Date the request was received must "
		    "be a real date");
	else if (strcmp(a->received, a->today) > 0)
		verrs_add(e, VF_RECEIVED, "Date the request was received must "
		    "be today or in the past");
	else if (real(a->dob) && strcmp(a->received, a->dob) < 0)
		verrs_add(e, VF_RECEIVED, "Date the request was received must "
		    "be after the date of birth");
	return (e->n - n);
}

size_t
val_contact_email(const char *email, struct verrs *e)
{
	size_t	n = e->n;

	if (!email_valid(email))
		verrs_add(e, VF_PARENT_EMAIL, "Enter an email address in the "
		    "correct format, like name@example.com");
	return (e->n - n);
}

size_t
val_contact(const char *name, const char *email, const char *relationship,
    struct verrs *e)
{
	size_t	n = e->n;

	if (blank(name) || too_long(name, VAL_PARENT_NAME_MAX))
		verrs_add(e, VF_PARENT_NAME, "Enter the parent or carer's full "
		    "name (%d characters or fewer)", VAL_PARENT_NAME_MAX);
	(void)val_contact_email(email, e);
	if (too_long(relationship, VAL_RELATIONSHIP_MAX))
		verrs_add(e, VF_RELATIONSHIP, "Relationship to the child must be "
		    "%d characters or fewer", VAL_RELATIONSHIP_MAX);
	return (e->n - n);
}

size_t
val_duplicate(const char *existing, int allow, struct verrs *e)
{
	if (existing == NULL || *existing == '\0' || allow)
		return (0);
	verrs_add(e, VF_DUPLICATE, "There is already an open assessment for "
	    "this child (%s): open it, or confirm that you are recording a "
	    "second assessment", existing);
	return (1);
}

int
val_pfa_allowed(const char *year_group, const char *dob, const char *on)
{
	const struct vocab_year	*y = vocab_year(year_group);
	char			 birthday[DATE_LEN];

	if (y != NULL && y->year >= VOCAB_PFA_YEAR)
		return (1);
	if (y != NULL || !real(dob) || !real(on))
		return (0);
	/* 13 on the thirteenth birthday (29 February: 28 February). */
	if (date_add_months(dob, 12 * VOCAB_PFA_AGE, birthday) == -1)
		return (0);
	return (strcmp(on, birthday) >= 0);
}

size_t
val_request(const struct val_request *r, struct verrs *e)
{
	const struct vocab_kind	*k = vocab_kind(r->kind);
	size_t			 n = e->n;

	if (k == NULL)
		verrs_add(e, VF_KIND, "Select the kind of advice");
	if (r->org_name == NULL)
		verrs_add(e, VF_ORGANISATION, "Select an organisation that serves "
		    "your council");
	else if (k != NULL && !vocab_in_pg_array(r->org_kinds, r->kind))
		verrs_add(e, VF_ORGANISATION, "%s does not give %s: select an "
		    "organisation that does", r->org_name, k->label);
	else if (k != NULL && r->open_same)
		verrs_add(e, VF_KIND, "%s has already been asked of %s and is "
		    "still open", k->label, r->org_name);
	if (k != NULL && strcmp(k->id, "other") == 0 && blank(r->profession))
		verrs_add(e, VF_PROFESSION, "Enter the profession, for example "
		    "speech and language therapist");
	if (too_long(r->profession, VAL_PROFESSION_MAX))
		verrs_add(e, VF_PROFESSION, "Profession must be %d characters or "
		    "fewer", VAL_PROFESSION_MAX);
	if (too_long(r->question, VAL_QUESTION_MAX))
		verrs_add(e, VF_QUESTION, "What you are asking must be %d "
		    "characters or fewer", VAL_QUESTION_MAX);
	if (!real(r->requested))
		verrs_add(e, VF_REQUESTED, "Date requested must be a real date");
	else if (strcmp(r->requested, r->today) > 0)
		verrs_add(e, VF_REQUESTED, "Date requested must be today or in "
		    "the past");
	else if (real(r->received) && strcmp(r->requested, r->received) < 0)
		verrs_add(e, VF_REQUESTED, "Date requested must not be before "
		    "the request for assessment was received");
	if (k != NULL && strcmp(k->id, "preparing_for_adulthood") == 0 &&
	    real(r->requested) && !val_pfa_allowed(r->year_group, r->dob,
	    r->requested))
		verrs_add(e, VF_KIND, "Preparing for adulthood advice is asked "
		    "for from Year 9 (or age %d) onwards", VOCAB_PFA_AGE);
	return (e->n - n);
}

size_t
val_exception(const char *kind, const char *from, const char *to,
    const char *reason, struct verrs *e)
{
	const struct vocab_exception	*x = vocab_exception(kind);
	size_t				 n = e->n;

	if (x == NULL)
		verrs_add(e, VF_EXC_KIND, "Select the kind of exception");
	if (!real(from))
		verrs_add(e, VF_EXC_STARTS, "Start of the period must be a real date");
	if (!real(to))
		verrs_add(e, VF_EXC_ENDS, "End of the period must be a real date");
	else if (real(from) && strcmp(to, from) < 0)
		verrs_add(e, VF_EXC_ENDS, "End of the period must be the same as "
		    "or after the start");
	else if (real(from) && x != NULL && x->min_days > 0 &&
	    days_between(from, to) + 1 < x->min_days)
		verrs_add(e, VF_EXC_ENDS, "The period must be at least %d weeks "
		    "for this kind of exception", x->min_days / 7);
	if (blank(reason))
		verrs_add(e, VF_EXC_REASON, "Enter the reason for the exception");
	else if (too_long(reason, VAL_REASON_MAX))
		verrs_add(e, VF_EXC_REASON, "Reason must be %d characters or fewer",
		    VAL_REASON_MAX);
	return (e->n - n);
}

size_t
val_promised(const char *promised, const char *today, const char *due,
    int *late, struct verrs *e)
{
	*late = 0;
	if (!real(promised) || strcmp(promised, today) < 0) {
		verrs_add(e, VF_PROMISED, "The date you will provide the advice "
		    "by must be a real date, today or later");
		return (1);
	}
	*late = real(due) && strcmp(promised, due) > 0;
	return (0);
}

static const struct {
	const char	*id, *label;
} dec_kinds[DEC__MAX] = {
	[DEC_ASSESS] = { "decision_to_assess", "Decision whether to assess" },
	[DEC_PLAN] = { "plan_decision", "Decision whether to issue a plan" },
	[DEC_DRAFT] = { "draft_issued", "Draft plan issued" },
	[DEC_FINAL] = { "final_issued", "Final plan issued" },
};

const char *
dec_kind_id(enum dec_kind k)
{
	return (k < DEC__MAX ? dec_kinds[k].id : "");
}

const char *
dec_kind_label(enum dec_kind k)
{
	return (k < DEC__MAX ? dec_kinds[k].label : "");
}

enum dec_kind
dec_kind_of(const char *s)
{
	int	k;

	for (k = 0; s != NULL && k < DEC__MAX; k++)
		if (strcmp(s, dec_kinds[k].id) == 0)
			return ((enum dec_kind)k);
	return (DEC__MAX);
}

static int
done(const struct val_decision *d, int k)
{
	return (d->done_on[k] != NULL && d->done_on[k][0] != '\0');
}

static int
said_no(const struct val_decision *d, int k)
{
	return (done(d, k) && d->done_outcome[k] != NULL &&
	    strcmp(d->done_outcome[k], "no") == 0);
}

size_t
val_decision(const struct val_decision *d, struct verrs *e)
{
	enum dec_kind	 k = dec_kind_of(d->kind);
	size_t		 n = e->n;
	int		 before;

	if (k == DEC__MAX) {
		verrs_add(e, VF_DEC_KIND, "Select the decision to record");
		return (e->n - n);
	}
	if (said_no(d, DEC_ASSESS) || said_no(d, DEC_PLAN))
		verrs_add(e, VF_DEC_KIND, "The assessment has ended with a "
		    "decision of no: no further decision can be recorded");
	else if (done(d, DEC_FINAL))
		verrs_add(e, VF_DEC_KIND, "The final plan is issued: no further "
		    "decision can be recorded");
	else if (done(d, k) && k != DEC_DRAFT)
		verrs_add(e, VF_DEC_KIND, "The %s is already recorded",
		    k == DEC_ASSESS ? "decision whether to assess" :
		    k == DEC_PLAN ? "decision whether to issue a plan" :
		    "final plan");
	else if (k > DEC_ASSESS && !done(d, k - 1))
		verrs_add(e, VF_DEC_KIND, "Record the %s first",
		    k == DEC_PLAN ? "decision to assess" :
		    k == DEC_DRAFT ? "decision to issue a plan" :
		    "draft plan issued");
	if ((k == DEC_ASSESS || k == DEC_PLAN) && (d->outcome == NULL ||
	    (strcmp(d->outcome, "yes") != 0 && strcmp(d->outcome, "no") != 0)))
		verrs_add(e, VF_DEC_OUTCOME, "Select yes or no");
	if (!real(d->date))
		verrs_add(e, VF_DEC_DATE, "The date must be a real date");
	else if (real(d->today) && strcmp(d->date, d->today) > 0)
		verrs_add(e, VF_DEC_DATE, "The date must be today or in the past");
	else if (real(d->received) && strcmp(d->date, d->received) < 0)
		verrs_add(e, VF_DEC_DATE, "The date must be the same as or "
		    "after the day the request was received");
	else if (k > DEC_ASSESS && done(d, k - 1) && !verrs_has(e, VF_DEC_KIND) &&
	    strcmp(d->date, d->done_on[k - 1]) < 0) {
		before = k - 1;
		verrs_add(e, VF_DEC_DATE, "The date must be the same as or "
		    "after the date of the %s", before == DEC_ASSESS ?
		    "decision to assess" : before == DEC_PLAN ?
		    "decision to issue a plan" : "draft plan issued");
	}
	return (e->n - n);
}

size_t
val_consultation(const struct val_consultation *v, struct verrs *e)
{
	size_t	n = e->n;
	int	typed = v->typed != NULL && !blank(v->typed);

	if (v->plan == VAL_PLAN_NONE) {
		verrs_add(e, VF_CON_SETTING, "There is no draft plan to send "
		    "yet. Assemble the draft plan first");
		return (e->n - n);
	}
	if (v->plan == VAL_PLAN_ENDED) {
		verrs_add(e, VF_CON_SETTING, "The assessment has ended: no "
		    "school or setting can be consulted");
		return (e->n - n);
	}
	if (v->plan == VAL_PLAN_FINAL) {
		verrs_add(e, VF_CON_SETTING, "The final plan is issued: "
		    "schools and settings are consulted on the draft");
		return (e->n - n);
	}
	if (v->unknown > 0)
		verrs_add(e, VF_CON_SETTING, "Select schools or settings from "
		    "the list");
	else if (v->chosen == 0 && !typed)
		verrs_add(e, VF_CON_SETTING, "Select a school or setting, or "
		    "type the name of one that is not on the list");
	else if (v->open_listed != NULL)
		verrs_add(e, VF_CON_SETTING, "%s has already been consulted and "
		    "has not answered yet. Wait for its answer before "
		    "consulting it again", v->open_listed);
	if (typed && too_long(v->typed, VAL_CON_NAME_MAX))
		verrs_add(e, VF_CON_NAME, "The name of the school or setting "
		    "must be %d characters or fewer", VAL_CON_NAME_MAX);
	else if (typed && v->open_typed != NULL)
		verrs_add(e, VF_CON_NAME, "%s has already been consulted and "
		    "has not answered yet. Wait for its answer before "
		    "consulting it again", v->open_typed);
	if (!real(v->sent))
		verrs_add(e, VF_CON_SENT, "The date sent must be a real date");
	else if (real(v->today) && strcmp(v->sent, v->today) > 0)
		verrs_add(e, VF_CON_SENT, "The date sent must be today or in "
		    "the past");
	else if (real(v->received) && strcmp(v->sent, v->received) < 0)
		verrs_add(e, VF_CON_SENT, "The date sent must be the same as or "
		    "after the day the request for assessment was received");
	return (e->n - n);
}

size_t
val_consult_answer(const char *answer, const char *reasons,
    const char *adjustments, const char *costs, struct verrs *e)
{
	size_t	n = e->n;
	int	cannot = answer != NULL && strcmp(answer, "cannot_meet") == 0;

	if (!cannot && (answer == NULL || strcmp(answer, "can_meet") != 0))
		verrs_add(e, VF_CON_ANSWER, "Select whether the school or "
		    "setting can meet the child's needs");
	if (cannot && blank(reasons))
		verrs_add(e, VF_CON_REASONS, "Enter the reasons the school or "
		    "setting cannot meet the child's needs");
	else if (too_long(reasons, VAL_CON_REASONS_MAX))
		verrs_add(e, VF_CON_REASONS, "The reasons must be %d characters "
		    "or fewer", VAL_CON_REASONS_MAX);
	if (too_long(adjustments, VAL_CON_REASONS_MAX))
		verrs_add(e, VF_CON_ADJUSTMENTS, "The adjustments must be %d "
		    "characters or fewer", VAL_CON_REASONS_MAX);
	if (too_long(costs, VAL_CON_COSTS_MAX))
		verrs_add(e, VF_CON_COSTS, "The costs must be %d characters or "
		    "fewer", VAL_CON_COSTS_MAX);
	return (e->n - n);
}
