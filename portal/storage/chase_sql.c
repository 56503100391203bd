/*
 * The statements of the chasing area, in enum order (chase_sql.h).
 * Parameters are $n only; arrays arrive as PostgreSQL array literals
 * built element by element with quoting (chaser.c), never as SQL.
 */
#include "chase_sql.h"


/*
 * One chase pass over every target. "due" gathers the open targets due
 * on the dates of their kind's steps today, each kind from its own index
 * (advice_requests_chase; assessment_decisions_comments_due and
 * consultations_due, whose assessment must be open and its final plan
 * not issued), all in one shape. From there on every kind is the same:
 * recipients, chase_log, mail and notification. The link is the advice
 * request's page; for a draft, the assessment's; for a consultation,
 * the school responder's consultations, the caseworker's assessment.
 */
#define PASS \
	"WITH steps AS NOT MATERIALIZED (SELECT * FROM unnest($4::text[], " \
	"$5::int[], $6::text[], $7::text[], $10::text[]) WITH ORDINALITY " \
	"s(name, recipients, subject, body, target, idx)), " \
	"due AS (SELECT 'advice'::text AS kind, r.id, r.assessment_id, r.due_on, " \
	"p.step_on, s.name, s.recipients, s.subject, s.body, r.professional_id, " \
	"r.organisation_id, NULL::bigint AS setting_id, a.caseworker_id, a.reference " \
	"FROM advice_requests r JOIN unnest($1::date[], $2::date[], $3::int[]) " \
	"p(due_on, step_on, idx) ON p.due_on = r.due_on " \
	"JOIN steps s ON s.idx = p.idx " \
	"JOIN assessments a ON a.id = r.assessment_id " \
	"WHERE r.status = ANY ($8::text[]) AND r.due_on = ANY ($1::date[]) " \
	"AND r.kind <> 'parent' " \
	"UNION ALL SELECT x.kind, x.id, x.assessment_id, x.due_on, p.step_on, " \
	"s.name, s.recipients, s.subject, s.body, NULL, NULL, x.setting_id, " \
	"a.caseworker_id, a.reference FROM (" \
	"SELECT 'draft_comment' AS kind, d.id, d.assessment_id, " \
	"d.comments_due AS due_on, NULL::bigint AS setting_id " \
	"FROM assessment_decisions d WHERE d.kind = 'draft_issued' " \
	"AND d.comments_due = ANY ($11::date[]) AND d.responded_on IS NULL " \
	"AND NOT EXISTS (SELECT 1 FROM assessment_decisions n " \
	"WHERE n.assessment_id = d.assessment_id AND n.kind = 'draft_issued' " \
	"AND (n.decided_on, n.id) > (d.decided_on, d.id)) " \
	"UNION ALL SELECT 'consultation', c.id, c.assessment_id, c.due_on, " \
	"c.setting_id FROM consultations c WHERE c.answer IS NULL " \
	"AND c.due_on = ANY ($11::date[])) x " \
	"JOIN unnest($11::date[], $12::date[], $13::int[]) p(due_on, step_on, idx) " \
	"ON p.due_on = x.due_on JOIN steps s ON s.idx = p.idx AND s.target = x.kind " \
	"JOIN assessments a ON a.id = x.assessment_id WHERE a.closed_on IS NULL " \
	"AND NOT EXISTS (SELECT 1 FROM assessment_decisions f " \
	"WHERE f.assessment_id = a.id AND f.kind = 'final_issued')), " \
	"rcpt AS (SELECT d.*, x.account_id FROM due d CROSS JOIN LATERAL (" \
	"SELECT d.professional_id WHERE d.recipients & 1 <> 0 " \
	"AND d.professional_id IS NOT NULL " \
	"UNION SELECT l.id FROM accounts l WHERE l.organisation_id = " \
	"d.organisation_id AND l.role = 'service_lead' AND NOT l.disabled " \
	"AND (d.recipients & 2 <> 0 OR (d.recipients & 1 <> 0 " \
	"AND d.professional_id IS NULL)) " \
	"UNION SELECT d.caseworker_id WHERE d.recipients & 4 <> 0 " \
	"UNION SELECT k.account_id FROM assessment_contacts k " \
	"JOIN accounts u ON u.id = k.account_id AND NOT u.disabled " \
	"WHERE d.recipients & 8 <> 0 AND k.assessment_id = d.assessment_id " \
	"UNION SELECT coalesce(u.id, d.caseworker_id) FROM (SELECT) o " \
	"LEFT JOIN accounts u ON u.organisation_id = d.setting_id " \
	"AND u.role = 'school_responder' AND NOT u.disabled " \
	"WHERE d.recipients & 16 <> 0" \
	") x(account_id) " \
	"WHERE NOT EXISTS (SELECT 1 FROM chase_log c WHERE " \
	"c.target_kind = d.kind AND c.target_id = d.id AND c.step = d.name " \
	"AND c.step_on = d.step_on AND c.recipient_id = x.account_id)), " \
	"logged AS (INSERT INTO chase_log (target_kind, target_id, step, " \
	"step_on, due_on, recipient_id) SELECT kind, id, name, step_on, " \
	"due_on, account_id FROM rcpt ON CONFLICT DO NOTHING " \
	"RETURNING *), " \
	"sent AS (SELECT l.id AS log_id, d.*, u.email, u.mail_digest, " \
	"u.display_name, u.id AS account_id, CASE WHEN d.kind = 'advice' " \
	"THEN '/requests/' || d.id WHEN d.kind = 'consultation' " \
	"AND u.id <> d.caseworker_id THEN '/consultations' " \
	"ELSE '/assessments/' || d.assessment_id END AS path " \
	"FROM logged l JOIN due d " \
	"ON (d.kind, d.id, d.name) = (l.target_kind, l.target_id, l.step) " \
	"JOIN accounts u ON u.id = l.recipient_id), " \
	"mail AS (SELECT m.*, chase_mail_fill(m.subject, m.reference, m.link, " \
	"m.due_on, abs(m.step_on - m.due_on), m.display_name) AS msubject, " \
	"chase_mail_fill(m.body, m.reference, m.link, m.due_on, " \
	"abs(m.step_on - m.due_on), m.display_name) AS mbody " \
	"FROM (SELECT s.*, $9 || s.path AS link FROM sent s) m), " \
	"queued AS (INSERT INTO outbox (to_address, subject, body, status, " \
	"chase_log_id, link) SELECT email, msubject, mbody, CASE WHEN mail_digest " \
	"THEN 'held' ELSE 'queued' END, log_id, link FROM mail RETURNING id), " \
	"told AS (INSERT INTO notifications (account_id, message, link) " \
	"SELECT account_id, msubject, path FROM mail RETURNING id) " \
	"SELECT kind, name, id, reference, account_id FROM mail " \
	"ORDER BY 1, 3, 2, 5"

/* A decline ($1 request, $3 today, $4 reason, $5–$7 the mail) by who. */
#define DECLINE(who) \
	"WITH d AS (UPDATE advice_requests r SET status = 'declined', " \
	    "declined_reason = $4, declined_on = $3, updated_at = now() " \
	    "FROM assessments a WHERE r.id = $1 AND a.id = r.assessment_id " \
	    "AND " who " AND r.kind <> 'parent' " \
	    "AND advice_request_open(r.status) " \
	    "RETURNING r.id, r.due_on, a.caseworker_id, a.reference), " \
	    "m AS (SELECT d.*, u.email, $7 || '/requests/' || d.id AS link, " \
	    "chase_mail_fill($5, d.reference, $7 || '/requests/' || d.id, d.due_on, " \
	    "0, u.display_name) AS subject, " \
	    "chase_mail_fill($6, d.reference, $7 || '/requests/' || d.id, d.due_on, " \
	    "0, u.display_name) AS body FROM d JOIN accounts u ON u.id = d.caseworker_id), " \
	    "o AS (INSERT INTO outbox (to_address, subject, body, link) " \
	    "SELECT email, subject, body, link FROM m RETURNING id), " \
	    "n AS (INSERT INTO notifications (account_id, message, link) " \
	    "SELECT caseworker_id, subject, '/requests/' || id FROM m RETURNING id) " \
	    "SELECT caseworker_id FROM m"

const struct stmt_def chase_stmts[CS__MAX] = {
	/*
	 * CS_PASS: one chase pass over every target, in one statement (so
	 * one transaction). $1 the due dates of advice with a step today,
	 * $2 their step dates, $3 their step (1-based into $4–$7, $10); $4
	 * step names, $5 recipient masks (1 professional, 2 service lead, 4
	 * caseworker, 8 parent, 16 school responder: enum chase_recipient),
	 * $6 subjects, $7 bodies, $10 targets; $8 open advice statuses; $9
	 * the portal's base URL; $11–$13 as $1–$3 for drafts and
	 * consultations (each step names its target). Advice has arrays of
	 * its own so that its part is planned from exactly its own dates.
	 * Reads only the open targets due on those dates: advice requests
	 * open (index advice_requests_chase: one descent per status and
	 * date); the newest draft served on an assessment whose parents
	 * have not responded (comments_due is the window's last day); open
	 * consultations (answer NULL); none of an assessment closed, nor a
	 * draft or consultation once the plan is final. Parents are the
	 * assessment's contacts with an account; school responders are the
	 * consulted setting's (its caseworker when it has none).
	 * Each recipient of each step is written to chase_log once: a row
	 * another pass wrote first, even one not committed yet, makes ON
	 * CONFLICT DO NOTHING skip it, and only the rows this pass inserted
	 * get a mail and a notification.
	 * Parent's views (reg 6(1)(a)) are not chased: reg 8 does not time them.
	 * Returns one row per queued mail: target kind, step, target,
	 * reference, the recipient's account (logged; their address is not).
	 */
	[CS_PASS] = { PASS, 13 },
	/* The same, measured (scripts/bench-chase.sh; run in a transaction
	 * that is rolled back: EXPLAIN ANALYZE does the inserts). */
	[CS_PASS_EXPLAIN] = { "EXPLAIN (ANALYZE, BUFFERS) "
	    PASS, 13 },
	/*
	 * CS_PASS_NO_JIT: sent just before CS_PASS in its transaction (one
	 * round trip, db_pair). The pass's estimated cost is far above
	 * jit_above_cost, but its work is index lookups: compiling it took
	 * 2 s of a 3 s repeat pass over 1,000,000 requests
	 * (scripts/bench-chase.sh), and saved nothing.
	 */
	[CS_PASS_NO_JIT] = { "SELECT set_config('jit', 'off', true)", 0 },
	/*
	 * CS_OUTBOX_CLAIM: $1 at most → queued mail whose time has come,
	 * leased for 10 minutes to this sender (SKIP LOCKED: two senders
	 * never take the same row; a sender that dies leaves its lease to
	 * run out). Counts the attempt.
	 */
	[CS_OUTBOX_CLAIM] = { "UPDATE outbox o SET claimed_until = now() + "
	    "interval '10 minutes', attempts = o.attempts + 1 "
	    "FROM (SELECT id FROM outbox WHERE status = 'queued' "
	    "AND next_attempt_at <= now() AND (claimed_until IS NULL "
	    "OR claimed_until < now()) ORDER BY next_attempt_at, id LIMIT $1 "
	    "FOR UPDATE SKIP LOCKED) c WHERE o.id = c.id "
	    "RETURNING o.id, o.to_address, o.subject, o.body, o.attempts", 1 },
	/* CS_OUTBOX_SENT: $1 id. A mail with a secret loses its body. */
	[CS_OUTBOX_SENT] = { "UPDATE outbox SET status = 'sent', sent_at = now(), "
	    "claimed_until = NULL, last_error = '', body = CASE WHEN secret "
	    "THEN '(removed once sent: it held a one-time code)' ELSE body END "
	    "WHERE id = $1", 1 },
	/* CS_OUTBOX_RETRY: $1 id, $2 why → back off 1, 2, 4… minutes, at
	 * most an hour; never given up (nothing is lost). */
	[CS_OUTBOX_RETRY] = { "UPDATE outbox SET claimed_until = NULL, "
	    "last_error = $2, next_attempt_at = now() + least(interval '1 minute' "
	    "* power(2, least(attempts - 1, 10)), interval '1 hour') "
	    "WHERE id = $1", 2 },
	/*
	 * CS_OUTBOX_FAILED: $1 id, $2 the relay's reply, $3 the notification
	 * ({{reference}}, {{address}}) → the caseworker told, if any. The
	 * relay refused it for good: never retried. Its case is the one its
	 * chase step was about (advice request, served draft or
	 * consultation), or the one it names (an invitation).
	 */
	[CS_OUTBOX_FAILED] = { "WITH f AS (UPDATE outbox SET status = 'failed', "
	    "claimed_until = NULL, last_error = $2 WHERE id = $1 "
	    "RETURNING to_address, chase_log_id, assessment_id), "
	    "c AS (SELECT f.to_address, coalesce(f.assessment_id, "
	    "r.assessment_id, d.assessment_id, k.assessment_id) AS assessment_id "
	    "FROM f LEFT JOIN chase_log l ON l.id = f.chase_log_id "
	    "LEFT JOIN advice_requests r ON l.target_kind = 'advice' "
	    "AND r.id = l.target_id "
	    "LEFT JOIN assessment_decisions d ON l.target_kind = 'draft_comment' "
	    "AND d.id = l.target_id "
	    "LEFT JOIN consultations k ON l.target_kind = 'consultation' "
	    "AND k.id = l.target_id) "
	    "INSERT INTO notifications (account_id, message, link) "
	    "SELECT a.caseworker_id, replace(replace($3, '{{reference}}', "
	    "a.reference), '{{address}}', c.to_address), '/assessments/' || a.id "
	    "FROM c JOIN assessments a ON a.id = c.assessment_id "
	    "RETURNING account_id", 3 },
	/* CS_OUTBOX_DIGEST: $1 the digest's opening text → one mail per
	 * address gathering its held mail (subjects and links only); the
	 * new outbox rows. */
	[CS_OUTBOX_DIGEST] = { "WITH held AS (SELECT id, to_address, subject, link "
	    "FROM outbox WHERE status = 'held' FOR UPDATE SKIP LOCKED), "
	    "marked AS (UPDATE outbox o SET status = 'digested' FROM held h "
	    "WHERE o.id = h.id RETURNING o.id), "
	    "digest AS (INSERT INTO outbox (to_address, subject, body) "
	    "SELECT to_address, 'Your daily summary from the EHC Advice Portal', "
	    "$1 || string_agg('- ' || subject || E'\\n  ' || link, E'\\n' ORDER BY id) "
	    "|| E'\\n' FROM held GROUP BY to_address RETURNING id) "
	    "SELECT id FROM digest ORDER BY 1", 1 },
	/*
	 * CS_EXCEPTION_CREATE: $1 assessment, $2 request or NULL, $3 kind,
	 * $4 start, $5 end, $6 reason, $7 recorded by, $8 their council,
	 * $9 their role → the new id; no row if the assessment is not theirs
	 * (caseworker of it, or manager of its council) or the request is
	 * not one of its own.
	 */
	[CS_EXCEPTION_CREATE] = { "INSERT INTO exceptions (assessment_id, "
	    "request_id, kind, starts_on, ends_on, reason, recorded_by) "
	    "SELECT a.id, $2, $3, $4, $5, $6, $7 FROM assessments a "
	    "WHERE a.id = $1 AND (($9 = 'caseworker' AND a.caseworker_id = $7 "
	    "AND a.council_id = $8) OR ($9 = 'manager' AND a.council_id = $8)) "
	    "AND ($2::bigint IS NULL OR EXISTS (SELECT 1 FROM advice_requests r "
	    "WHERE r.id = $2 AND r.assessment_id = a.id)) RETURNING id", 9 },
	/* CS_EXCEPTIONS_OF: $1 assessment (already checked) → its exceptions. */
	[CS_EXCEPTIONS_OF] = { "SELECT e.kind, e.starts_on, e.ends_on, e.reason, "
	    "u.display_name, to_char(e.recorded_at, 'FMDD FMMonth YYYY'), "
	    "coalesce(e.request_id::text, ''), coalesce(r.kind, '') "
	    "FROM exceptions e JOIN accounts u ON u.id = e.recorded_by "
	    "LEFT JOIN advice_requests r ON r.id = e.request_id "
	    "WHERE e.assessment_id = $1 ORDER BY e.starts_on, e.id", 1 },
	/* CS_REQUEST_ACK_GET: $1 request (already checked) → kind, its
	 * professional, status, acknowledged on, promised by, declined
	 * reason, declined on, due on. */
	[CS_REQUEST_ACK_GET] = { "SELECT kind, coalesce(professional_id::text, ''), "
	    "status, coalesce(acknowledged_on::text, ''), "
	    "coalesce(promised_by::text, ''), declined_reason, "
	    "coalesce(declined_on::text, ''), due_on::text "
	    "FROM advice_requests WHERE id = $1", 1 },
	/* CS_CHASE_LOG_OF: $1 request (already checked) → its chase log. */
	[CS_CHASE_LOG_OF] = { "SELECT c.step, c.step_on, u.display_name, u.role, "
	    "to_char(c.created_at, 'FMDD FMMonth YYYY HH24:MI') "
	    "FROM chase_log c JOIN accounts u ON u.id = c.recipient_id "
	    "WHERE c.target_kind = 'advice' AND c.target_id = $1 "
	    "ORDER BY c.step_on, c.id", 1 },
	/* CS_ACKNOWLEDGE: $1 request, $2 its professional, $3 today, $4 the
	 * date promised → the caseworker; no row unless open and theirs. */
	[CS_ACKNOWLEDGE] = { "UPDATE advice_requests r SET acknowledged_on = $3, "
	    "promised_by = $4, updated_at = now() FROM assessments a "
	    "WHERE r.id = $1 AND a.id = r.assessment_id AND r.professional_id = $2 "
	    "AND r.kind <> 'parent' AND advice_request_open(r.status) "
	    "RETURNING a.caseworker_id", 4 },
	/*
	 * CS_DECLINE: $1 request, $2 its professional, $3 today, $4 reason,
	 * $5 subject and $6 body templates, $7 base URL → the caseworker,
	 * told at once (a notification and a mail, never held for a digest)
	 * in the same statement. The mail does not quote the reason. The
	 * request stops being chased (its status is no longer open).
	 */
	[CS_DECLINE] = { DECLINE("r.professional_id = $2"), 7 },
	/* CS_DECLINE_SERVICE: as CS_DECLINE, by a service lead: $2 is the
	 * service the request was sent to. */
	[CS_DECLINE_SERVICE] = { DECLINE("r.organisation_id = $2"), 7 },
};
