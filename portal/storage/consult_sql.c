/*
 * The statements of the school consultations, in enum order
 * (consult_sql.h). The pages check who may see an assessment
 * (ST_ASSESSMENT_GET) or a consultation (CN_GET) first; rows take their
 * council from the assessment, never from the request.
 */
#include "consult_sql.h"

/* Who may see a consultation: the responders of its setting, the
 * caseworker of its assessment, the managers of its council. $2 account,
 * $3 their organisation, $4 their role. */
#define CN_VISIBLE \
	"(($4 = 'school_responder' AND c.setting_id = $3) OR " \
	"($4 = 'caseworker' AND a.caseworker_id = $2 AND a.council_id = $3) OR " \
	"($4 = 'manager' AND a.council_id = $3))"

const struct stmt_def consult_stmts[CN__MAX] = {
	/* $1 council → its schools and settings (organisations of kind
	 * school it works with), each with how many active school
	 * responders can answer in the portal; by name. */
	[CN_SETTINGS] = { "SELECT o.id, o.name, (SELECT count(*) FROM accounts u "
	    "WHERE u.organisation_id = o.id AND u.role = 'school_responder' "
	    "AND NOT u.disabled) FROM organisations o JOIN council_providers cp "
	    "ON cp.provider_id = o.id WHERE cp.council_id = $1 AND o.kind = 'school' "
	    "ORDER BY o.name, o.id", 1 },
	/* $1 assessment → its open consultations: setting id ('' if typed),
	 * the typed name in lower case, the name shown. */
	[CN_OPEN_OF] = { "SELECT coalesce(c.setting_id::text, ''), "
	    "lower(c.setting_name), coalesce(o.name, c.setting_name) "
	    "FROM consultations c LEFT JOIN organisations o ON o.id = c.setting_id "
	    "WHERE c.assessment_id = $1 AND c.answer IS NULL", 1 },
	/*
	 * $1 assessment, $2 setting (an organisation id, or NULL), $3 the
	 * name typed ('' with $2), $4 sent on, $5 sent by → id, due on; the
	 * draft sent is the plan's current version. No row if the plan is
	 * missing or final, or $2 is not a school of the assessment's
	 * council. The open-setting indexes (db/018) refuse a second open
	 * one (23505).
	 */
	[CN_CREATE] = { "INSERT INTO consultations (council_id, assessment_id, "
	    "plan_id, plan_version, setting_id, setting_name, sent_on, due_on, "
	    "sent_by) SELECT a.council_id, a.id, p.id, p.version, $2::bigint, $3, "
	    "$4::date, $4::date + 15, $5 FROM assessments a JOIN plans p "
	    "ON p.assessment_id = a.id AND p.status <> 'final' WHERE a.id = $1 "
	    "AND a.closed_on IS NULL "
	    "AND ($2::bigint IS NULL OR EXISTS (SELECT 1 FROM council_providers cp "
	    "JOIN organisations o ON o.id = cp.provider_id WHERE cp.council_id = "
	    "a.council_id AND cp.provider_id = $2::bigint AND o.kind = 'school')) "
	    "RETURNING id, due_on::text", 5 },
	/*
	 * $1 consultation, $2 subject, $3 body (templates/mail/
	 * consultation_sent.txt), $4 link in the mail, $5 notification's
	 * message, $6 its link, $7 case reference → a mail and a
	 * notification to each active responder of its setting. The texts
	 * name the case reference, never the child.
	 */
	[CN_TELL_SETTING] = { "WITH r AS (SELECT u.id, u.email, u.display_name, "
	    "c.due_on, c.assessment_id FROM consultations c JOIN accounts u ON "
	    "u.organisation_id = c.setting_id AND u.role = 'school_responder' "
	    "AND NOT u.disabled WHERE c.id = $1), m AS (INSERT INTO outbox "
	    "(to_address, subject, body, link, assessment_id) SELECT r.email, "
	    "chase_mail_fill($2, $7, $4, r.due_on, 0, r.display_name), "
	    "chase_mail_fill($3, $7, $4, r.due_on, 0, r.display_name), $4, "
	    "r.assessment_id FROM r RETURNING id), n AS (INSERT INTO notifications "
	    "(account_id, message, link) SELECT r.id, $5, $6 FROM r RETURNING id) "
	    "SELECT (SELECT count(*) FROM m), (SELECT count(*) FROM n)", 7 },
	/* $1 assessment → its consultations side by side, oldest first. */
	[CN_OF_ASSESSMENT] = { "SELECT c.id, coalesce(o.name, c.setting_name), "
	    "c.sent_on::text, c.due_on::text, coalesce(c.answer, ''), "
	    "coalesce(c.answered_on::text, ''), c.plan_version "
	    "FROM consultations c LEFT JOIN organisations o ON o.id = c.setting_id "
	    "WHERE c.assessment_id = $1 ORDER BY c.sent_on, c.id", 1 },
	/* $1 consultation, $2 account, $3 organisation, $4 role → the
	 * consultation with its child and plan, if CN_VISIBLE. */
	[CN_GET] = { "SELECT c.id, a.id, a.reference, a.child_given_name, "
	    "a.child_family_name, to_char(a.date_of_birth, 'FMDD FMMonth YYYY'), "
	    "coalesce(o.name, c.setting_name), coalesce(c.setting_id::text, ''), "
	    "c.sent_on::text, c.due_on::text, coalesce(c.answer, ''), c.reasons, "
	    "c.adjustments, c.costs, coalesce(c.answered_on::text, ''), "
	    "coalesce(u.display_name, ''), c.plan_id, c.plan_version, p.version, "
	    "a.council_id, la.name "
	    "FROM consultations c JOIN assessments a ON a.id = c.assessment_id "
	    "JOIN plans p ON p.id = c.plan_id JOIN organisations la ON la.id = "
	    "a.council_id LEFT JOIN organisations o ON o.id = c.setting_id "
	    "LEFT JOIN accounts u ON u.id = c.answered_by "
	    "WHERE c.id = $1 AND " CN_VISIBLE, 4 },
	/* $1 setting → how many consultations it has had. */
	[CN_LIST_COUNT] = { "SELECT count(*) FROM consultations "
	    "WHERE setting_id = $1", 1 },
	/* $1 setting, $2 rows, $3 offset → its consultations: open first by
	 * due date, then answered, newest answer first (columns CO_*). */
	[CN_LIST] = { "SELECT c.id, coalesce(o.name, c.setting_name), "
	    "c.sent_on::text, c.due_on::text, coalesce(c.answer, ''), "
	    "coalesce(c.answered_on::text, ''), c.plan_version, a.reference, "
	    "a.child_given_name || ' ' || a.child_family_name, la.name "
	    "FROM consultations c JOIN assessments a ON a.id = c.assessment_id "
	    "JOIN organisations la ON la.id = a.council_id "
	    "LEFT JOIN organisations o ON o.id = c.setting_id "
	    "WHERE c.setting_id = $1 ORDER BY (c.answer IS NOT NULL), "
	    "CASE WHEN c.answer IS NULL THEN c.due_on END, c.answered_on DESC, "
	    "c.id LIMIT $2::integer OFFSET $3::integer", 3 },
	/* $1 consultation (already checked), $2 answer, $3 reasons, $4
	 * adjustments, $5 costs, $6 answered on, $7 by → id; no row if it
	 * was answered meanwhile (an answer is given once). */
	[CN_ANSWER] = { "UPDATE consultations SET answer = $2, reasons = $3, "
	    "adjustments = $4, costs = $5, answered_on = $6::date, "
	    "answered_by = $7 WHERE id = $1 AND answer IS NULL "
	    "AND sent_on <= $6::date RETURNING id", 7 },
	/*
	 * $1 consultation, $2 subject, $3 body (consultation_answered.txt,
	 * its {{setting}} and {{answer}} already filled in), $4 link in the
	 * mail, $5 notification's message, $6 its link → a mail and a
	 * notification to the assessment's caseworker, and to whoever sent
	 * the consultation if someone else. The case reference only.
	 */
	[CN_TELL_CASEWORKER] = { "WITH r AS (SELECT u.id, u.email, "
	    "u.display_name, c.due_on, a.reference, a.id AS assessment_id "
	    "FROM consultations c JOIN assessments a ON a.id = c.assessment_id "
	    "JOIN accounts u ON u.id IN (a.caseworker_id, c.sent_by) "
	    "WHERE c.id = $1 AND NOT u.disabled), m AS (INSERT INTO outbox "
	    "(to_address, subject, body, link, assessment_id) SELECT r.email, "
	    "chase_mail_fill($2, r.reference, $4, r.due_on, 0, r.display_name), "
	    "chase_mail_fill($3, r.reference, $4, r.due_on, 0, r.display_name), "
	    "$4, r.assessment_id FROM r RETURNING id), n AS (INSERT INTO "
	    "notifications (account_id, message, link) SELECT r.id, $5, $6 "
	    "FROM r RETURNING id) SELECT (SELECT count(*) FROM m), "
	    "(SELECT count(*) FROM n)", 6 },
	/* $1 assessment → its plan's id, version, status ('' if none),
	 * and whether the assessment has ended (1 or 0). */
	[CN_PLAN_OF] = { "SELECT coalesce(p.id::text, ''), coalesce(p.version, 0), "
	    "coalesce(p.status, ''), (a.closed_on IS NOT NULL)::int "
	    "FROM assessments a LEFT JOIN plans p ON p.assessment_id = a.id "
	    "WHERE a.id = $1", 1 },
	/* $1 assessment → its consultations for the API, oldest first
	 * (columns CA_*; '' for what is not there). */
	[CN_API_OF] = { "SELECT c.id, coalesce(o.name, c.setting_name), "
	    "coalesce(c.setting_id::text, ''), c.sent_on::text, c.due_on::text, "
	    "coalesce(c.answer, ''), c.reasons, c.adjustments, c.costs, "
	    "coalesce(c.answered_on::text, ''), c.plan_version "
	    "FROM consultations c LEFT JOIN organisations o ON o.id = c.setting_id "
	    "WHERE c.assessment_id = $1 ORDER BY c.sent_on, c.id", 1 },
};
