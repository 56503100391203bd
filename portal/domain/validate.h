/*
 * validate — every rule for what is typed into an assessment, a parent or
 * carer (contact), an advice request, an exception and a professional's
 * promised date, whichever door it comes through: the web forms, the API,
 * portalctl (and the case import to come). Each rule gives the field it
 * is about and one message; the form shows it by the field (GOV.UK error
 * summary), the API answers 400 {"error": message, "field": path}. The
 * database keeps CHECKs as the last line (db/010_rules.sql).
 *
 * What needs the database (is there an open assessment for this child,
 * an open request of this kind to this organisation, which kinds the
 * organisation gives) is looked up by the caller and passed in, so the
 * rule itself stays here. Pure: no Kore headers.
 */
#ifndef PORTAL_VALIDATE_H
#define PORTAL_VALIDATE_H

#include <stddef.h>

/* Lengths in characters (code points), the same on every door. */
#define VAL_NAME_MAX		100	/* child's given and family name */
#define VAL_SETTING_MAX		200	/* current school or setting */
#define VAL_PARENT_NAME_MAX	200
#define VAL_RELATIONSHIP_MAX	100
#define VAL_PROFESSION_MAX	100
#define VAL_QUESTION_MAX	5000
#define VAL_REASON_MAX		2000	/* an exception's reason */

/* The fields rules are about; each has a form id and an API path. */
enum vfield {
	VF_GIVEN_NAME, VF_FAMILY_NAME, VF_DOB, VF_YEAR_GROUP, VF_SETTING,
	VF_NHS_NUMBER, VF_UPN, VF_RECEIVED, VF_CASEWORKER, VF_DUPLICATE,
	VF_PARENT_NAME, VF_PARENT_EMAIL, VF_RELATIONSHIP,
	VF_KIND, VF_ORGANISATION, VF_PROFESSIONAL, VF_PROFESSION, VF_QUESTION,
	VF_REQUESTED,
	VF_EXC_KIND, VF_EXC_STARTS, VF_EXC_ENDS, VF_EXC_REASON, VF_EXC_REQUEST,
	VF_PROMISED,
	VF_DEC_KIND, VF_DEC_OUTCOME, VF_DEC_DATE,
	VF_CON_SETTING, VF_CON_NAME, VF_CON_SENT, VF_CON_ANSWER, VF_CON_REASONS,
	VF_CON_ADJUSTMENTS, VF_CON_COSTS,
	VF_FINAL_SETTING, VF_FINAL_ISSUED,	/* the final plan (final.h) */
	VF__MAX
};
/* The input's id on the form ("dob-day": a date's error sits on its day). */
const char	*vfield_form(enum vfield);
/* The field's path in the API's JSON ("child.date_of_birth"). */
const char	*vfield_api(enum vfield);

#define VERRS_MAX	24
struct verrs {
	size_t	n;
	struct {
		enum vfield	field;
		char		message[256];
	} e[VERRS_MAX];
};
void	verrs_init(struct verrs *);
void	verrs_add(struct verrs *, enum vfield, const char *, ...)
	    __attribute__((format(printf, 3, 4)));
/* 1 if a rule refused field. */
int	verrs_has(const struct verrs *, enum vfield);

/* An assessment's child and request (dates YYYY-MM-DD; anything else,
 * "" included, is not a real date). NULL optional fields are empty. */
struct val_assessment {
	const char	*given, *family, *dob, *year_group, *setting;
	const char	*nhs_number, *upn, *received;
	const char	*today;
	/* Out: as stored. The NHS number without its spaces. */
	char		 nhs[11], upn_norm[14];
};
/* Adds an error per broken rule; returns the number added. */
size_t	val_assessment(struct val_assessment *, struct verrs *);

/* A parent or carer: name, email, relationship (optional). */
size_t	val_contact(const char *, const char *, const char *, struct verrs *);
/* The email only (a new invitation to a corrected address). */
size_t	val_contact_email(const char *, struct verrs *);

/*
 * A second open assessment for the same child (same NHS number, or the
 * same names and date of birth, in the same council): refused unless
 * allow (the caseworker ticked "record a second assessment anyway", or
 * the API sent allow_duplicate: true). existing is the reference of the
 * open one found, or NULL.
 */
size_t	val_duplicate(const char *existing, int allow, struct verrs *);

/* An advice request. */
struct val_request {
	const char	*kind;		/* advice_requests.kind */
	const char	*org_name;	/* NULL: no such organisation for this council */
	const char	*org_kinds;	/* its advice_kinds, as a text[] literal */
	const char	*profession, *question;
	const char	*requested;	/* YYYY-MM-DD */
	const char	*received;	/* the assessment's request_received */
	const char	*year_group;	/* the child's, "" if not known */
	const char	*dob;		/* the child's date of birth */
	const char	*today;
	int		 open_same;	/* an open request of this kind to this
					   organisation on this assessment */
};
size_t	val_request(const struct val_request *, struct verrs *);
/* Preparing for adulthood: 1 if the child is in Year 9 or above, or
 * (year group not known) 13 or older on the date requested. */
int	val_pfa_allowed(const char *year_group, const char *dob, const char *on);

/* An exception: kind, period (from, to), reason. */
size_t	val_exception(const char *, const char *, const char *, const char *,
	    struct verrs *);

/*
 * The date a professional promises the advice by: a real date, today or
 * later. A date after the due date is accepted with a warning: *late is
 * then 1 (the page says so; the caseworker sees it).
 */
size_t	val_promised(const char *, const char *today, const char *due, int *late,
	    struct verrs *);

/*
 * A decision of the assessment (regs 4-5, 10, 13): the decision whether
 * to assess, whether to issue a plan, the draft issued, the final issued
 * (dec_kind), yes/no for the two decisions, the date. The date is real,
 * not in the future, not before the request was received; the steps come
 * in order (assess yes, then plan yes, then the draft, then the final),
 * each dated on or after the one before; each is recorded once (a draft
 * may be issued again until the final is); a "no" ends the assessment and
 * so every further decision.
 */
enum dec_kind { DEC_ASSESS, DEC_PLAN, DEC_DRAFT, DEC_FINAL, DEC__MAX };
/* The stored name (assessment_decisions.kind) and what users read. */
const char	*dec_kind_id(enum dec_kind);
const char	*dec_kind_label(enum dec_kind);
/* The kind of a stored name, or DEC__MAX. */
enum dec_kind	 dec_kind_of(const char *);

struct val_decision {
	const char	*kind;		/* as posted: dec_kind_id() */
	const char	*outcome;	/* "yes", "no" (the two decisions) */
	const char	*date;		/* YYYY-MM-DD, "" if not a real date */
	const char	*received;	/* the assessment's request_received */
	const char	*today;
	/* What is recorded already: each kind's date ("" or NULL if none)
	 * and outcome ("yes", "no", "" or NULL). */
	const char	*done_on[DEC__MAX];
	const char	*done_outcome[DEC__MAX];
};
size_t	val_decision(const struct val_decision *, struct verrs *);

/*
 * A school consultation sent (s.39 CFA): settings ticked from the
 * council's list and/or one typed in, the day sent. The draft plan must
 * exist (and not be final); a setting with an open consultation on the
 * assessment is not consulted again; the day sent is real, not in the
 * future, not before the request was received.
 */
#define VAL_CON_NAME_MAX	200	/* consultations.setting_name */
#define VAL_CON_REASONS_MAX	5000
#define VAL_CON_COSTS_MAX	2000
/* The plan's state; ENDED: the assessment has ended (closed). */
enum val_plan { VAL_PLAN_NONE, VAL_PLAN_DRAFT, VAL_PLAN_FINAL, VAL_PLAN_ENDED };
struct val_consultation {
	enum val_plan	 plan;
	size_t		 chosen;	/* settings ticked from the list */
	size_t		 unknown;	/* ticked values not on the list */
	const char	*typed;		/* a setting's name typed in, or NULL/"" */
	const char	*open_listed;	/* a ticked setting already open, or NULL */
	const char	*open_typed;	/* the typed one already open, or NULL */
	const char	*sent;		/* YYYY-MM-DD, "" if not a real date */
	const char	*received, *today;
};
size_t	val_consultation(const struct val_consultation *, struct verrs *);
/* A setting's answer: "can_meet" or "cannot_meet", the reasons (needed
 * for cannot_meet), adjustments and costs (optional). */
size_t	val_consult_answer(const char *answer, const char *reasons,
	    const char *adjustments, const char *costs, struct verrs *);

#endif
