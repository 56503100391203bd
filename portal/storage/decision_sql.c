/*
 * decision_sql — see decision_sql.h.
 */
#include "decision_sql.h"

const struct stmt_def decision_stmts[DS__MAX] = {
	/* DS_OF: $1 assessment (already checked) → its decisions: kind,
	 * outcome ("" for the plan's issues), decided on, due on, who, when
	 * recorded. */
	[DS_OF] = { "SELECT d.kind, coalesce(d.outcome, ''), d.decided_on::text, "
	    "d.due_on::text, u.display_name, "
	    "to_char(d.recorded_at, 'FMDD FMMonth YYYY') "
	    "FROM assessment_decisions d JOIN accounts u ON u.id = d.recorded_by "
	    "WHERE d.assessment_id = $1 ORDER BY d.decided_on, d.id", 1 },
	/*
	 * DS_CREATE: $1 assessment, $2 kind, $3 outcome or NULL, $4 decided
	 * on, $5 due on, $6 recorded by, $7 their council, $8 their role →
	 * the new id; no row if the assessment is not theirs (caseworker of
	 * it, or manager of its council) or it is closed. A draft's comments
	 * are due 15 days beginning with the day it is served; the plan
	 * version is the plan's, 1 if there is no plan in the portal yet.
	 */
	[DS_CREATE] = { "INSERT INTO assessment_decisions (council_id, "
	    "assessment_id, kind, outcome, decided_on, due_on, comments_due, "
	    "plan_version, recorded_by) "
	    "SELECT a.council_id, a.id, $2, $3, $4::date, $5::date, "
	    "CASE WHEN $2 = 'draft_issued' THEN $4::date + 14 END, "
	    "CASE WHEN $2 IN ('draft_issued', 'final_issued') THEN coalesce("
	    "(SELECT p.version FROM plans p WHERE p.assessment_id = a.id), 1) END, "
	    "$6 FROM assessments a WHERE a.id = $1 AND a.closed_on IS NULL "
	    "AND (($8 = 'caseworker' AND a.caseworker_id = $6 "
	    "AND a.council_id = $7) OR ($8 = 'manager' AND a.council_id = $7)) "
	    "RETURNING id", 8 },
	/* DS_CLOSE: $1 assessment, $2 the day a "no" ended it. */
	[DS_CLOSE] = { "UPDATE assessments SET closed_on = $2::date "
	    "WHERE id = $1 AND closed_on IS NULL RETURNING id", 2 },
	/*
	 * DS_TELL_FAMILY: $1 assessment, $2 subject, $3 body, $4 link in the
	 * mail, $5 notification's message, $6 its link → a mail to each of
	 * its parents and carers, a notification to each with an account.
	 * The texts name the case reference, never the child.
	 */
	[DS_TELL_FAMILY] = { "WITH m AS (INSERT INTO outbox (to_address, "
	    "subject, body, link, assessment_id) SELECT c.email, $2, $3, $4, "
	    "c.assessment_id FROM assessment_contacts c WHERE c.assessment_id = $1 "
	    "RETURNING id), n AS (INSERT INTO notifications (account_id, "
	    "message, link) SELECT c.account_id, $5, $6 FROM assessment_contacts c "
	    "WHERE c.assessment_id = $1 AND c.account_id IS NOT NULL RETURNING id) "
	    "SELECT (SELECT count(*) FROM m), (SELECT count(*) FROM n)", 6 },
};
