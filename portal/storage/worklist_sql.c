/*
 * worklist_sql — see worklist_sql.h.
 */
#include "worklist_sql.h"

/* $1 account, $2 council, $3 role, $4 caseworker ("" for all): a
 * caseworker's own open cases, or a manager's council's (of one
 * caseworker when $4 names them). Open: not ended, no final plan. The
 * council's final plans are read once, from their own index
 * (db/025_perf.sql), and looked up by hash: probing each unclosed case's
 * decisions cost 16,000 index lookups for a council of 20,000 cases.
 * (A decision's council is its case's: their foreign key.) */
#define WL_SCOPE \
	"a.council_id = $2 AND a.closed_on IS NULL " \
	"AND ($3 = 'manager' OR a.caseworker_id = $1) " \
	"AND ($4 = '' OR a.caseworker_id = nullif($4, '')::bigint) " \
	"AND a.id NOT IN (SELECT f.assessment_id FROM assessment_decisions f " \
	"WHERE f.council_id = $2 AND f.kind = 'final_issued') "

/* WS_CASES's text; own: "" or, for a caseworker's own statement
 * (WS_CASES_OWN), "AND a.caseworker_id = $1 ", which its generic plan
 * reads by the caseworker's index (the manager's "$3 = 'manager' OR"
 * cannot: it scanned the council's 20,000 cases for a caseworker's). */
#define CASES_SQL(own) \
	"SELECT a.id, a.reference, a.child_given_name || ' ' || " \
	"a.child_family_name AS child, a.request_received::text AS received, " \
	"a.caseworker_id, u.display_name AS caseworker, " \
	"coalesce(d.assess, '') AS assess, coalesce(d.plan, '') AS plan, " \
	"coalesce(d.draft_on::text, '') AS draft_on, " \
	"coalesce(d.final_on::text, '') AS final_on, " \
	"coalesce(r.requests, 0) AS requests, coalesce(r.open, 0) AS open, " \
	"coalesce(r.submitted, 0) AS submitted, " \
	"coalesce(r.late, 0) AS late, coalesce(r.soon, 0) AS soon " \
	"FROM assessments a JOIN accounts u ON u.id = a.caseworker_id " \
	"LEFT JOIN LATERAL (SELECT " \
	"max(x.outcome) FILTER (WHERE x.kind = 'decision_to_assess') AS assess, " \
	"max(x.outcome) FILTER (WHERE x.kind = 'plan_decision') AS plan, " \
	"max(x.decided_on) FILTER (WHERE x.kind = 'draft_issued') AS draft_on, " \
	"max(x.decided_on) FILTER (WHERE x.kind = 'final_issued') AS final_on " \
	"FROM assessment_decisions x WHERE x.assessment_id = a.id) d ON true " \
	"LEFT JOIN LATERAL (SELECT count(*) FILTER (WHERE q.status NOT IN " \
	"('declined', 'withdrawn')) AS requests, " \
	"count(*) FILTER (WHERE advice_request_open(q.status)) AS open, " \
	"count(*) FILTER (WHERE q.status = 'submitted') AS submitted, " \
	"count(*) FILTER (WHERE advice_request_open(q.status) " \
	"AND q.due_on < $5::date) AS late, " \
	"count(*) FILTER (WHERE advice_request_open(q.status) " \
	"AND q.due_on >= $5::date AND q.due_on <= $6::date) AS soon " \
	"FROM advice_requests q WHERE q.assessment_id = a.id) r ON true " \
	"WHERE " WL_SCOPE own "ORDER BY a.request_received, a.id"

const struct stmt_def worklist_stmts[WS__MAX] = {
	/* WS_CASES: see WL_SCOPE → each open case, oldest request first:
	 * id, reference, child, received, caseworker_id, caseworker, closed,
	 * assess / plan (outcome or ""), draft_on (latest) / final_on (or
	 * ""), requests (live: not declined or withdrawn), open (being
	 * written), submitted (waiting for review); and, $5 today and $6 the
	 * last day of "due soon", of its requests still being written:
	 * late (due before today), soon (due from today to $6) — the
	 * caseload's summary counts these instead of reading WS_REQUESTS. */
	[WS_CASES] = { CASES_SQL(""), 6 },
	/* WS_REQUESTS: $1 the open cases' ids (WS_CASES's, as an array
	 * "{1,2}"), $2 the last day of "due soon" → their advice requests
	 * still being written that are due by then, soonest first: id,
	 * assessment_id, reference, child, kind, organisation, due_on,
	 * caseworker. (Taking the ids rather than WL_SCOPE again halves the
	 * page's time for a council of 20,000 cases.) */
	[WS_REQUESTS] = { "SELECT r.id, a.id AS assessment_id, a.reference, "
	    "a.child_given_name || ' ' || a.child_family_name AS child, r.kind, "
	    "o.name AS organisation, r.due_on::text AS due_on, "
	    "u.display_name AS caseworker "
	    "FROM advice_requests r JOIN assessments a ON a.id = r.assessment_id "
	    "JOIN organisations o ON o.id = r.organisation_id "
	    "JOIN accounts u ON u.id = a.caseworker_id "
	    "WHERE r.assessment_id = ANY ($1::bigint[]) "
	    "AND advice_request_open(r.status) "
	    "AND r.due_on <= $2::date ORDER BY r.due_on, r.id", 2 },
	/* WS_CASEWORKERS: $1 council → its active caseworkers: id,
	 * display_name. Who may hold a case reassigned to them. */
	[WS_CASEWORKERS] = { "SELECT id, display_name FROM accounts "
	    "WHERE organisation_id = $1 AND role = 'caseworker' AND NOT disabled "
	    "ORDER BY display_name, id", 1 },
	/* WS_ASSESSMENT: $1 assessment, $2 the manager's council → id,
	 * reference, caseworker_id, caseworker, closed; no row for another
	 * council's. */
	[WS_ASSESSMENT] = { "SELECT a.id, a.reference, a.caseworker_id, "
	    "u.display_name AS caseworker, a.closed_on IS NOT NULL AS closed "
	    "FROM assessments a JOIN accounts u ON u.id = a.caseworker_id "
	    "WHERE a.id = $1 AND a.council_id = $2", 2 },
	/*
	 * WS_REASSIGN: $1 assessment, $2 council, $3 the new caseworker →
	 * from_id (who held it): one row when it changed; none when the
	 * target is not an active caseworker of the council, already holds
	 * it, or the assessment is another council's.
	 */
	[WS_REASSIGN] = { "WITH old AS (SELECT a.id, a.caseworker_id "
	    "FROM assessments a WHERE a.id = $1 AND a.council_id = $2 FOR UPDATE), "
	    "t AS (SELECT u.id FROM accounts u WHERE u.id = $3::bigint "
	    "AND u.organisation_id = $2 AND u.role = 'caseworker' "
	    "AND NOT u.disabled) "
	    "UPDATE assessments a SET caseworker_id = t.id FROM old, t "
	    "WHERE a.id = old.id AND old.caseworker_id <> t.id "
	    "RETURNING old.caseworker_id AS from_id", 3 },
	/*
	 * WS_TELL: $1 assessment, $2 account, $3 subject, $4 body, $5 link
	 * in the mail, $6 notification, $7 its link → a mail and an
	 * in-portal notification to the account. The texts name the case
	 * reference, never the child.
	 */
	[WS_TELL] = { "WITH m AS (INSERT INTO outbox (to_address, subject, body, "
	    "link, assessment_id) SELECT u.email, $3, $4, $5, $1 FROM accounts u "
	    "WHERE u.id = $2 RETURNING id), n AS (INSERT INTO notifications "
	    "(account_id, message, link) VALUES ($2, $6, $7) RETURNING id) "
	    "SELECT (SELECT count(*) FROM m) AS mails, "
	    "(SELECT count(*) FROM n) AS notes", 7 },
	/* WS_TIMELINE_ADVICE: $1 assessment (already checked) → the advice
	 * asked of services (not the family's own views), in the order
	 * asked: kind, organisation (the service, never its staff),
	 * requested_on, due_on, status, arrived (the day it was first
	 * submitted, or ""), id. */
	[WS_TIMELINE_ADVICE] = { "SELECT r.kind, o.name AS organisation, "
	    "r.requested_on::text AS requested_on, r.due_on::text AS due_on, "
	    "r.status, coalesce((SELECT min(v.submitted_at AT TIME ZONE "
	    "'Europe/London')::date::text FROM advice v WHERE v.request_id = r.id "
	    "AND v.submitted_at IS NOT NULL), '') AS arrived, r.id::text AS id "
	    "FROM advice_requests r JOIN organisations o ON o.id = r.organisation_id "
	    "WHERE r.assessment_id = $1 AND r.kind <> 'parent' "
	    "ORDER BY r.requested_on, r.id", 1 },
	/* WS_CASES_OWN: WS_CASES, for a role other than manager. */
	[WS_CASES_OWN] = { CASES_SQL("AND a.caseworker_id = $1 "), 6 },
};
