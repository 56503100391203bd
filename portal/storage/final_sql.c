/*
 * final_sql — see final_sql.h.
 */
#include "final_sql.h"

const struct stmt_def final_stmts[FS__MAX] = {
	/*
	 * FS_STATE: $1 assessment → one row: its plan (id, version, status,
	 * the named setting's name and organisation id), the latest draft
	 * served (day, last day of comments, the family's response), the
	 * final issued (day, due), the council, the caseworker, the case
	 * (reference, child's names, date of birth, request received), the
	 * council's name, the plan version the final issued.
	 */
	[FS_STATE] = { "SELECT coalesce(p.id::text, ''), "
	    "coalesce(p.version::text, ''), coalesce(p.status, ''), "
	    "coalesce(CASE WHEN p.named_setting_id IS NOT NULL THEN o.name "
	    "ELSE p.named_setting END, ''), coalesce(p.named_setting_id::text, ''), "
	    "coalesce(d.decided_on::text, ''), coalesce(d.comments_due::text, ''), "
	    "coalesce(d.responded_on::text, ''), coalesce(f.decided_on::text, ''), "
	    "coalesce(f.due_on::text, ''), a.council_id, a.caseworker_id, "
	    "a.reference, a.child_given_name, a.child_family_name, "
	    "a.date_of_birth::text, a.request_received::text, "
	    "(SELECT name FROM organisations WHERE id = a.council_id), "
	    "coalesce(f.plan_version::text, '') "
	    "FROM assessments a LEFT JOIN plans p ON p.assessment_id = a.id "
	    "LEFT JOIN organisations o ON o.id = p.named_setting_id "
	    "LEFT JOIN LATERAL (SELECT x.decided_on, x.comments_due, x.responded_on "
	    "FROM assessment_decisions x WHERE x.assessment_id = a.id "
	    "AND x.kind = 'draft_issued' ORDER BY x.decided_on DESC, x.id DESC "
	    "LIMIT 1) d ON true "
	    "LEFT JOIN assessment_decisions f ON f.assessment_id = a.id "
	    "AND f.kind = 'final_issued' WHERE a.id = $1", 1 },
	/* FS_SETTINGS: $1 council → its schools and settings: id, name. */
	[FS_SETTINGS] = { "SELECT o.id, o.name FROM council_providers cp "
	    "JOIN organisations o ON o.id = cp.provider_id "
	    "WHERE cp.council_id = $1 AND o.kind = 'school' ORDER BY o.name", 1 },
	/* FS_SETTING_GET: $1 council, $2 organisation → its name, if it is
	 * one of the council's settings. */
	[FS_SETTING_GET] = { "SELECT o.name FROM council_providers cp "
	    "JOIN organisations o ON o.id = cp.provider_id "
	    "WHERE cp.council_id = $1 AND o.kind = 'school' "
	    "AND o.id = $2::bigint", 2 },
	/* FS_SETTING_BY_NAME: $1 council, $2 name → the setting's id, if the
	 * council has one of that name (letter case aside). */
	[FS_SETTING_BY_NAME] = { "SELECT o.id FROM council_providers cp "
	    "JOIN organisations o ON o.id = cp.provider_id "
	    "WHERE cp.council_id = $1 AND o.kind = 'school' "
	    "AND lower(o.name) = lower($2) ORDER BY o.id LIMIT 1", 2 },
	/* FS_BUMP: $1 plan → its new version; no row if it is final. */
	[FS_BUMP] = { "UPDATE plans SET version = version + 1, updated_at = now() "
	    "WHERE id = $1 AND status <> 'final' RETURNING version", 1 },
	/* FS_SECTION_I: $1 plan, $2 plan version, $3 account, $4 the setting
	 * named → Section I's new version (reason 'final') with one
	 * paragraph, written by the council. */
	[FS_SECTION_I] = { "WITH s AS (INSERT INTO plan_sections (council_id, "
	    "plan_id, section, version, plan_version, reason, saved_by) "
	    "SELECT council_id, id, 'I', coalesce((SELECT max(x.version) "
	    "FROM plan_sections x WHERE x.plan_id = $1 AND x.section = 'I'), 0) + 1, "
	    "$2::integer, 'final', $3::bigint FROM plans WHERE id = $1 "
	    "RETURNING id, council_id) "
	    "INSERT INTO plan_paragraphs (section_id, council_id, position, area, "
	    "body, source_field, edited) SELECT id, council_id, 1, 'general', $4, "
	    "'named_setting', true FROM s RETURNING section_id", 4 },
	/* FS_MARK_FINAL: $1 plan, $2 setting id or NULL, $3 typed name
	 * ('' with an id) → the plan's id; no row if it was final already. */
	[FS_MARK_FINAL] = { "UPDATE plans SET status = 'final', "
	    "named_setting_id = $2::bigint, named_setting = $3, updated_at = now() "
	    "WHERE id = $1 AND status <> 'final' RETURNING id", 3 },
	/*
	 * FS_ISSUE: $1 assessment, $2 issued on, $3 due (week 20), $4 plan
	 * version, $5 recorded by → the decision's id; no row if a final is
	 * recorded already (once only) or the assessment is closed.
	 */
	[FS_ISSUE] = { "INSERT INTO assessment_decisions (council_id, "
	    "assessment_id, kind, decided_on, due_on, plan_version, recorded_by) "
	    "SELECT council_id, id, 'final_issued', $2::date, $3::date, "
	    "$4::integer, $5::bigint FROM assessments WHERE id = $1 "
	    "AND closed_on IS NULL "
	    "ON CONFLICT (assessment_id, kind) WHERE kind <> 'draft_issued' "
	    "DO NOTHING RETURNING id", 5 },
	/*
	 * FS_TELL_PARENTS: $1 assessment, $2 subject, $3 body (templates),
	 * $4 reference, $5 link, $6 issued on, $7 setting, $8 notification's
	 * message, $9 its link → a mail to each parent or carer, a
	 * notification to each with an account: counts. The texts name the
	 * case reference and the setting, never the child.
	 */
	[FS_TELL_PARENTS] = { "WITH m AS (INSERT INTO outbox (to_address, "
	    "subject, body, link, assessment_id) SELECT c.email, "
	    "final_mail_fill($2, $4, $5, $6::date, c.name, $7), "
	    "final_mail_fill($3, $4, $5, $6::date, c.name, $7), $5, c.assessment_id "
	    "FROM assessment_contacts c WHERE c.assessment_id = $1 RETURNING id), "
	    "n AS (INSERT INTO notifications (account_id, message, link) "
	    "SELECT c.account_id, $8, $9 FROM assessment_contacts c "
	    "WHERE c.assessment_id = $1 AND c.account_id IS NOT NULL RETURNING id) "
	    "SELECT (SELECT count(*) FROM m), (SELECT count(*) FROM n)", 9 },
	/*
	 * FS_TELL_SETTING: $1 setting (organisation), $2 subject, $3 body,
	 * $4 reference, $5 link, $6 issued on, $7 setting's name, $8
	 * notification's message, $9 its link, $10 assessment → a mail and
	 * a notification to each of the setting's school responders: counts.
	 */
	[FS_TELL_SETTING] = { "WITH r AS (SELECT id, email, display_name "
	    "FROM accounts WHERE organisation_id = $1::bigint "
	    "AND role = 'school_responder'), "
	    "m AS (INSERT INTO outbox (to_address, subject, body, link, "
	    "assessment_id) SELECT r.email, final_mail_fill($2, $4, $5, $6::date, "
	    "r.display_name, $7), final_mail_fill($3, $4, $5, $6::date, "
	    "r.display_name, $7), $5, $10::bigint FROM r RETURNING id), "
	    "n AS (INSERT INTO notifications (account_id, message, link) "
	    "SELECT r.id, $8, $9 FROM r RETURNING id) "
	    "SELECT (SELECT count(*) FROM m), (SELECT count(*) FROM n)", 10 },
	/* FS_EXCEPTION: $1 assessment, $2 day → the kind of the first
	 * exception for the whole assessment begun on or before that day. */
	[FS_EXCEPTION] = { "SELECT kind FROM exceptions WHERE assessment_id = $1 "
	    "AND request_id IS NULL AND starts_on <= $2::date "
	    "ORDER BY starts_on, id LIMIT 1", 2 },
	/* FS_PRINT_PARENT: $1 assessment, $2 parent account → a row if they
	 * are its parent or carer and its plan is served or final. */
	[FS_PRINT_PARENT] = { "SELECT 1 FROM assessment_contacts c "
	    "JOIN plans p ON p.assessment_id = c.assessment_id "
	    "WHERE c.assessment_id = $1 AND c.account_id = $2 AND "
	    "(p.status = 'final' OR EXISTS (SELECT 1 FROM assessment_decisions d "
	    "WHERE d.assessment_id = c.assessment_id AND d.kind = 'draft_issued'))", 2 },
	/*
	 * FS_DECISION_API: $1 assessment, $2 kind, $3 outcome, $4 decided on,
	 * $5 due on, $6 recorded by (the assessment's caseworker), $7 the
	 * key's council → the new id; no row if closed or not the council's.
	 */
	[FS_DECISION_API] = { "INSERT INTO assessment_decisions (council_id, "
	    "assessment_id, kind, outcome, decided_on, due_on, recorded_by) "
	    "SELECT council_id, id, $2, $3, $4::date, $5::date, $6::bigint "
	    "FROM assessments WHERE id = $1 AND council_id = $7::bigint "
	    "AND closed_on IS NULL "
	    "ON CONFLICT (assessment_id, kind) WHERE kind <> 'draft_issued' "
	    "DO NOTHING RETURNING id", 7 },
	/* FS_DEMO_PLAN: $1 assessment, $2 account → a new plan's id (the
	 * demo case carried to a final plan, portalctl demo-data). */
	[FS_DEMO_PLAN] = { "INSERT INTO plans (council_id, assessment_id, "
	    "created_by) SELECT council_id, id, $2::bigint FROM assessments "
	    "WHERE id = $1 ON CONFLICT (assessment_id) DO NOTHING RETURNING id", 2 },
	/* FS_DEMO_SECTION: $1 plan, $2 section, $3 area, $4 text, $5 who,
	 * $6 how often, $7 how long (NULL: not provision), $8 adviser, $9
	 * role, $10 service, $11 date of the advice → a paragraph at the end
	 * of the section's version 1 (made by the first). */
	[FS_DEMO_SECTION] = { "WITH s AS (INSERT INTO plan_sections (council_id, "
	    "plan_id, section, version, plan_version, reason, saved_by) "
	    "SELECT council_id, id, $2, 1, 1, 'assembled', created_by FROM plans "
	    "WHERE id = $1 ON CONFLICT (plan_id, section, version) DO NOTHING "
	    "RETURNING id, council_id), x AS (SELECT id, council_id FROM s "
	    "UNION ALL SELECT id, council_id FROM plan_sections WHERE plan_id = $1 "
	    "AND section = $2 AND version = 1) "
	    "INSERT INTO plan_paragraphs (section_id, council_id, position, area, "
	    "body, by_whom, how_often, how_long, adviser, adviser_role, service, "
	    "advice_date) SELECT x.id, x.council_id, coalesce((SELECT max(p.position) "
	    "FROM plan_paragraphs p WHERE p.section_id = x.id), 0) + 1, $3, $4, $5, "
	    "$6, $7, $8, $9, $10, $11::date FROM x LIMIT 1 RETURNING section_id", 11 },
	/* FS_DEMO_RESPONDED: $1 assessment, $2 day → the family responded to
	 * the served draft that day. */
	[FS_DEMO_RESPONDED] = { "UPDATE assessment_decisions SET responded_on = "
	    "$2::date WHERE assessment_id = $1 AND kind = 'draft_issued' "
	    "RETURNING id", 2 },
};
