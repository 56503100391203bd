/*
 * comments_sql — see comments_sql.h.
 */
#include "comments_sql.h"

const struct stmt_def comments_stmts[CM__MAX] = {
	/* $1 assessment → the draft served last (the one the family
	 * comments on) with its plan: id, served on, last day, plan
	 * version served, responded on ("" not yet), plan id. */
	[CM_DRAFT_LATEST] = { "SELECT d.id, d.decided_on::text, "
	    "d.comments_due::text, d.plan_version, "
	    "coalesce(d.responded_on::text, ''), p.id "
	    "FROM assessment_decisions d JOIN plans p "
	    "ON p.assessment_id = d.assessment_id "
	    "WHERE d.assessment_id = $1 AND d.kind = 'draft_issued' "
	    "ORDER BY d.id DESC LIMIT 1", 1 },
	/* $1 assessment, $2 served on, $3 due on (serve by), $4 last day
	 * of the window, $5 recorded by → id, last day, plan version; no
	 * row when there is no plan, it is final, or the assessment ended. */
	[CM_SERVE] = { "INSERT INTO assessment_decisions (council_id, "
	    "assessment_id, kind, decided_on, due_on, comments_due, "
	    "plan_version, recorded_by) SELECT p.council_id, p.assessment_id, "
	    "'draft_issued', $2::date, $3::date, $4::date, p.version, $5 "
	    "FROM plans p JOIN assessments a ON a.id = p.assessment_id "
	    "WHERE p.assessment_id = $1 AND p.status <> 'final' "
	    "AND a.closed_on IS NULL "
	    "RETURNING id, comments_due::text, plan_version", 5 },
	/* $1 assessment → the plan, now served. */
	[CM_PLAN_ISSUED] = { "UPDATE plans SET status = 'draft_issued', "
	    "updated_at = now() WHERE assessment_id = $1 AND status <> 'final' "
	    "RETURNING id", 1 },
	/*
	 * $1 assessment, $2 subject and $3 body templates (draft_issued.txt,
	 * {{due_on}} already written out), $4 reference, $5 link, $6 last
	 * day, $7 days, $8 notification, $9 its link → a mail to each parent
	 * and carer, a notification to each with an account. The texts name
	 * the case reference, never the child.
	 */
	[CM_TELL_FAMILY] = { "WITH m AS (INSERT INTO outbox (to_address, "
	    "subject, body, link, assessment_id) SELECT c.email, "
	    "chase_mail_fill($2, $4, $5, $6::date, $7::integer, c.name), "
	    "chase_mail_fill($3, $4, $5, $6::date, $7::integer, c.name), $5, "
	    "c.assessment_id FROM assessment_contacts c WHERE c.assessment_id = $1 "
	    "RETURNING id), n AS (INSERT INTO notifications (account_id, "
	    "message, link) SELECT c.account_id, $8, $9 FROM assessment_contacts c "
	    "WHERE c.assessment_id = $1 AND c.account_id IS NOT NULL RETURNING id) "
	    "SELECT (SELECT count(*) FROM m), (SELECT count(*) FROM n)", 9 },
	/* $1 draft issue, $2 account → their comments, unsent first. */
	[CM_MINE_COMMENTS] = { "SELECT section, body, "
	    "coalesce(submitted_on::text, ''), late::int FROM plan_comments "
	    "WHERE draft_issue_id = $1 AND account_id = $2 "
	    "ORDER BY submitted_on NULLS FIRST, section, id", 2 },
	/* $1 draft issue, $2 account, $3 section, $4 text → the unsent
	 * comment of that section, written or replaced. */
	[CM_COMMENT_SAVE] = { "INSERT INTO plan_comments (council_id, "
	    "draft_issue_id, section, body, account_id) SELECT council_id, id, "
	    "$3, $4, $2 FROM assessment_decisions WHERE id = $1 "
	    "AND kind = 'draft_issued' ON CONFLICT (draft_issue_id, account_id, "
	    "section) WHERE submitted_on IS NULL DO UPDATE SET body = "
	    "EXCLUDED.body, saved_at = now() RETURNING id", 4 },
	/* $1 draft issue, $2 account → their requests, unsent first. */
	[CM_MINE_REQUESTS] = { "SELECT r.kind, coalesce(r.setting_id::text, ''), "
	    "coalesce(o.name, r.setting_name), r.detail, "
	    "coalesce(r.submitted_on::text, ''), r.late::int "
	    "FROM plan_requests r LEFT JOIN organisations o ON o.id = r.setting_id "
	    "WHERE r.draft_issue_id = $1 AND r.account_id = $2 "
	    "ORDER BY r.submitted_on NULLS FIRST, r.kind, r.id", 2 },
	/* $1 draft issue, $2 account, $3 kind, $4 setting id ("" none: the
	 * caller checked it is one of the council's), $5 setting name typed,
	 * $6 detail → the unsent request of that kind, written or replaced. */
	[CM_REQUEST_SAVE] = { "INSERT INTO plan_requests (council_id, "
	    "draft_issue_id, kind, setting_id, setting_name, detail, account_id) "
	    "SELECT council_id, id, $3, NULLIF($4, '')::bigint, $5, $6, $2 "
	    "FROM assessment_decisions WHERE id = $1 AND kind = 'draft_issued' "
	    "ON CONFLICT (draft_issue_id, account_id, kind) WHERE submitted_on "
	    "IS NULL DO UPDATE SET setting_id = EXCLUDED.setting_id, "
	    "setting_name = EXCLUDED.setting_name, detail = EXCLUDED.detail, "
	    "saved_at = now() RETURNING id", 6 },
	/* $1 draft issue, $2 account, $3 kind → the unsent request removed. */
	[CM_REQUEST_REMOVE] = { "DELETE FROM plan_requests WHERE "
	    "draft_issue_id = $1 AND account_id = $2 AND kind = $3 "
	    "AND submitted_on IS NULL RETURNING id", 3 },
	/*
	 * $1 draft issue, $2 account, $3 today, $4 late ('t'/'f') → how many
	 * comments and requests were sent. Every unsent comment and request
	 * of the account is sent, the response recorded (none: "I have no
	 * comments"), and the draft's responded_on set if it was not.
	 */
	[CM_SUBMIT] = { "WITH c AS (UPDATE plan_comments SET submitted_on = "
	    "$3::date, late = $4::boolean WHERE draft_issue_id = $1 AND "
	    "account_id = $2 AND submitted_on IS NULL RETURNING id), "
	    "r AS (UPDATE plan_requests SET submitted_on = $3::date, late = "
	    "$4::boolean WHERE draft_issue_id = $1 AND account_id = $2 AND "
	    "submitted_on IS NULL RETURNING id), "
	    "d AS (UPDATE assessment_decisions SET responded_on = "
	    "coalesce(responded_on, $3::date) WHERE id = $1 AND kind = "
	    "'draft_issued' RETURNING council_id), "
	    "x AS (INSERT INTO plan_responses (council_id, draft_issue_id, "
	    "account_id, submitted_on, comments, requests, late) SELECT "
	    "d.council_id, $1, $2, $3::date, (SELECT count(*) FROM c), "
	    "(SELECT count(*) FROM r), $4::boolean FROM d RETURNING comments, "
	    "requests) SELECT comments, requests FROM x", 4 },
	/* $1 assessment → every comment the family has sent on any draft
	 * served, by section (unsent ones are the parent's own). */
	[CM_FAMILY_COMMENTS] = { "SELECT c.section, c.body, u.display_name, "
	    "c.submitted_on::text, c.late::int, d.decided_on::text "
	    "FROM plan_comments c JOIN assessment_decisions d "
	    "ON d.id = c.draft_issue_id JOIN accounts u ON u.id = c.account_id "
	    "WHERE d.assessment_id = $1 AND c.submitted_on IS NOT NULL "
	    "ORDER BY c.section, c.submitted_on, c.id", 1 },
	/* $1 assessment → every request the family has sent. */
	[CM_FAMILY_REQUESTS] = { "SELECT r.kind, coalesce(r.setting_id::text, ''), "
	    "coalesce(o.name, r.setting_name), r.detail, r.submitted_on::text, "
	    "r.late::int, u.display_name, d.decided_on::text "
	    "FROM plan_requests r JOIN assessment_decisions d "
	    "ON d.id = r.draft_issue_id JOIN accounts u ON u.id = r.account_id "
	    "LEFT JOIN organisations o ON o.id = r.setting_id "
	    "WHERE d.assessment_id = $1 AND r.submitted_on IS NOT NULL "
	    "ORDER BY r.submitted_on, r.id", 1 },
	/* $1 assessment → each response the family sent. */
	[CM_RESPONSES] = { "SELECT u.display_name, x.submitted_on::text, "
	    "x.comments, x.requests, x.late::int, d.decided_on::text "
	    "FROM plan_responses x JOIN assessment_decisions d "
	    "ON d.id = x.draft_issue_id JOIN accounts u ON u.id = x.account_id "
	    "WHERE d.assessment_id = $1 ORDER BY x.id", 1 },
	/* $1 council → its schools and settings (organisations of kind
	 * school linked to it), by name. */
	[CM_SCHOOLS] = { "SELECT o.id, o.name FROM organisations o "
	    "JOIN council_providers cp ON cp.provider_id = o.id "
	    "WHERE cp.council_id = $1 AND o.kind = 'school' ORDER BY o.name", 1 },
	/* $1 plan, $2 plan version → the sections as they were at that
	 * version (the draft served), as plan_sql.c's PS_PARAS. */
	[CM_PARAS_AT] = { "SELECT s.section, s.version, coalesce(p.position, 0), "
	    "coalesce(p.area, ''), coalesce(p.body, ''), coalesce(p.by_whom, ''), "
	    "coalesce(p.how_often, ''), coalesce(p.how_long, ''), "
	    "coalesce(p.source_request_id, 0), coalesce(p.source_advice_id, 0), "
	    "coalesce(p.source_field, ''), coalesce(p.source_part, -1), "
	    "coalesce(p.adviser, ''), coalesce(p.adviser_role, ''), "
	    "coalesce(p.service, ''), coalesce(p.advice_date::text, ''), "
	    "coalesce(p.edited, false)::int, coalesce(p.is_new, false)::int, "
	    "(p.by_whom IS NOT NULL)::int "
	    "FROM plan_sections s LEFT JOIN plan_paragraphs p ON p.section_id = s.id "
	    "WHERE s.plan_id = $1 AND s.version = (SELECT max(x.version) "
	    "FROM plan_sections x WHERE x.plan_id = s.plan_id AND x.section = s.section "
	    "AND x.plan_version <= $2::integer) "
	    "ORDER BY s.section, p.position", 2 },
	/* $1 assessment, $2 the API key's council → id, reference,
	 * received, caseworker (who the API's serving is recorded by). */
	[CM_API_ASSESSMENT] = { "SELECT id, reference, request_received::text, "
	    "caseworker_id FROM assessments WHERE id = $1 AND council_id = $2", 2 },
	/* The demo (portalctl, demo_plan.c): $1 council, $2 given, $3 family
	 * name → the assessment's id, received, reference. */
	[CM_DEMO_CASE] = { "SELECT id, request_received::text, reference "
	    "FROM assessments WHERE council_id = $1 AND child_given_name = $2 "
	    "AND child_family_name = $3 ORDER BY id LIMIT 1", 3 },
	/* $1 assessment, $2 request kind → its request and advice submitted
	 * for review. */
	[CM_DEMO_SUBMITTED] = { "SELECT r.id, a.id FROM advice_requests r "
	    "JOIN advice a ON a.request_id = r.id WHERE r.assessment_id = $1 "
	    "AND r.kind = $2 AND r.status = 'submitted' AND a.status = 'submitted' "
	    "ORDER BY a.id DESC LIMIT 1", 2 },
};
