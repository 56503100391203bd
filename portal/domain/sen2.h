/*
 * sen2 — the yearly person-level extract of requests for an EHC needs
 * assessment, the assessments and the plans issued, with the item names
 * of the DfE's SEN2 person-level technical specification (Module 1
 * person details, Module 2 requests for EHC needs assessment, Module 3
 * EHC needs assessments, Module 4 named plan; SEN2 person level 2022
 * technical specification v1.3, Nov 2021, and 2023 v1.1, Oct 2022).
 * The module structure was read from the specification; the item names
 * and codes below are PROVISIONAL (README, "SEN2 extract"): check them
 * against the year's specification before a return is made.  Pure: no
 * Kore headers; CSV through figures.h csv_cell (formulas neutralised),
 * XML through libxml2.
 *
 * Codes (provisional):
 *   RequestOutcome     A  decision to assess (assessment agreed)
 *                      B  decision not to assess
 *                      (empty: no decision yet, request stage)
 *   AssessmentOutcome  Y  decision to issue an EHC plan
 *                      N  decision not to issue an EHC plan
 *                      (empty: no decision yet, assessment stage)
 *   Week20exception    1  an exception to the 20-week limit is recorded
 *                      0  none (empty before a decision to assess)
 *   StartDate          the day the final EHC plan was issued
 * Dates are YYYY-MM-DD.
 */
#ifndef PORTAL_SEN2_H
#define PORTAL_SEN2_H

#include <stddef.h>

#include "sbuf.h"

/* One assessment as stored ("" for what is not recorded). */
struct sen2_case {
	const char	*reference, *surname, *forename, *birth_date, *upn;
	const char	*received;
	const char	*assess_outcome, *assess_on;	/* "yes"/"no" */
	const char	*plan_outcome, *plan_on;	/* "yes"/"no" */
	const char	*final_on;
	int		 exception;
};

enum sen2_item {
	S2_REFERENCE, S2_SURNAME, S2_FORENAME, S2_BIRTH_DATE, S2_UPN,
	S2_RECEIVED, S2_REQUEST_OUTCOME_DATE, S2_REQUEST_OUTCOME,
	S2_ASSESSMENT_OUTCOME_DATE, S2_ASSESSMENT_OUTCOME, S2_WEEK20_EXCEPTION,
	S2_START_DATE, S2__MAX
};
/* The item's name ("RequestOutcome"). */
extern const char *const sen2_item_names[S2__MAX];

/* A case's items as text (pointers into c or static codes). */
void	sen2_items(const struct sen2_case *c, const char *out[S2__MAX]);

/* The CSV: a header of item names, one row per case (CRLF). */
void	sen2_csv(struct sbuf *, const struct sen2_case *, size_t);

/* The XML (Message / Header / Persons / Person / Requests / Request /
 * Assessment / NamedPlan): 0, or -1 on failure (b then holds nothing
 * useful).  year is the calendar year of the work; la the council. */
int	sen2_xml(struct sbuf *, const struct sen2_case *, size_t, int year,
	    const char *la);

#endif /* PORTAL_SEN2_H */
