/*
 * import_rows — a checked import row (csvread.h: struct imp_row) as the
 * records the portal stores: the assessment's decisions, its exception,
 * its historic advice requests; and the same row through the shared
 * validation module (validate.h) that the form and the API use.  Pure:
 * no Kore headers.  portalctl import cases and the administrator's
 * import page both call these and nothing else maps a row.
 *
 * What a row becomes (README, "Importing cases"):
 *   decision_to_assess + decision_date   decision_to_assess yes/no, due
 *                                        received + 42; a "no" closes the
 *                                        assessment on that day (as live)
 *   plan_decision_date                   plan_decision "yes" (the sheet
 *                                        has no column for a "no"), due
 *                                        received + 112
 *   draft_issued, final_issued           draft_issued (comments due +14)
 *                                        and final_issued, due + 140
 *   exception_*                          one exception of the assessment
 *   <kind>_requested / _received         an advice request of that kind,
 *                                        due requested + 42, received_on
 *                                        the _received date; status
 *                                        "accepted" when received,
 *                                        "withdrawn" when not received and
 *                                        the case has ended (a final plan
 *                                        or a "no"), else "requested"
 *                                        (still awaited: it is chased)
 */
#ifndef PORTAL_IMPORT_ROWS_H
#define PORTAL_IMPORT_ROWS_H

#include <stddef.h>

#include "clock.h"
#include "csvread.h"
#include "figures.h"
#include "validate.h"

/*
 * The shared rules on one row that csvread.c found sound: the child and
 * the request (val_assessment), each decision in order (val_decision),
 * the exception (val_exception), preparing-for-adulthood advice only
 * from age 13 (val_pfa_allowed).  today is YYYY-MM-DD.  0 if good, or -1
 * with the first refusal's column ("date_of_birth") and reason.
 */
int	imp_row_validate(const struct imp_row *, const char *today,
	    char *column, size_t, char *reason, size_t);

struct imp_decision {
	enum dec_kind	 kind;
	const char	*outcome;		/* "yes", "no", NULL (issues) */
	char		 on[DATE_LEN], due[DATE_LEN];
};

struct imp_advice {
	const char	*kind;			/* advice_requests.kind */
	const char	*status;		/* advice_requests.status */
	char		 requested[DATE_LEN], due[DATE_LEN];
	char		 received[DATE_LEN];	/* "" if not received */
};

struct imp_record {
	struct imp_decision	 dec[DEC__MAX];
	size_t			 n_dec;
	char			 closed_on[DATE_LEN];	/* "" if open */
	int			 has_exception;
	const char		*exc_kind;
	char			 exc_from[DATE_LEN], exc_to[DATE_LEN];
	struct imp_advice	 adv[ADV_KINDS];
	size_t			 n_adv;
};

/* The records of a row that imp_row_validate() accepted: 0, or -1 if a
 * date of it is not real (never after validation). */
int	imp_row_record(const struct imp_row *, struct imp_record *);

/*
 * The row as the figures see a case (figures.h), for the tests and any
 * in-memory check: exc and adv are the caller's arrays (1 and ADV_KINDS
 * long) that c points into; service names are "Not recorded".
 */
int	imp_row_fig_case(const struct imp_row *, struct fig_case *c,
	    struct fig_exception *exc, struct fig_advice *adv);

/* The provider organisation of imported advice whose service the sheet
 * does not name (one per council, kind 'other', linked to no council's
 * provider list). */
#define IMP_UNKNOWN_PROVIDER	"Provider not recorded (imported)"

#endif /* PORTAL_IMPORT_ROWS_H */
