/*
 * admin_sql — see admin_sql.h. Columns are named (AS …) and read by name.
 */
#include "admin_sql.h"

/* The council ($1) and the providers linked to it. */
/* An organisation row o the council $1 manages the staff of: itself, or
 * a provider it added. */
#define MANAGED(o) "(" o ".id = $1 OR " o ".owner_council_id = $1)"

#define IN_COUNCIL(o) \
	"(" o " = $1 OR " o " IN (SELECT provider_id FROM council_providers " \
	"WHERE council_id = $1))"

/* A caseload: $1 account, $2 council, $3 role (a caseworker's own, a
 * manager's whole council), searched by $4 (ILIKE pattern, '' for
 * none), $5 NHS number ('' none), $6 date of birth (NULL none). */
#define CASELOAD_WHERE \
	"WHERE a.council_id = $2 AND ($3 = 'manager' OR a.caseworker_id = $1) " \
	"AND ($4 = '' OR a.child_given_name || ' ' || a.child_family_name " \
	"ILIKE $4 OR a.child_family_name || ' ' || a.child_given_name ILIKE $4 " \
	"OR a.reference ILIKE $4 OR ($5 <> '' AND a.nhs_number = $5) " \
	"OR a.date_of_birth = $6::date) "

/* An advice request still waiting for its advice. */
#define OPEN_REQUEST	"advice_request_open(r.status)"	/* db/010_rules.sql */

/* AS_CASELOAD_COUNT / AS_CASELOAD_PAGE (see below); own: "" or, for a
 * caseworker's own statements, "AND a.caseworker_id = $1 ", which their
 * generic plans can read by the caseworker's index (the manager's
 * "$3 = 'manager' OR" cannot). */
#define CASELOAD_COUNT(own) \
	"SELECT count(*) AS total FROM assessments a " \
	CASELOAD_WHERE own

#define CASELOAD_PAGE(own) \
	"SELECT a.id, a.reference, a.child_given_name " \
	"|| ' ' || a.child_family_name AS child, " \
	"to_char(a.request_received, 'FMDD FMMonth YYYY') AS received, " \
	"s.requests, s.received_advice, s.overdue, " \
	"to_char(s.next_on, 'FMDD FMMonth YYYY') AS next_due, " \
	"u.display_name AS caseworker " \
	"FROM (SELECT a.id, CASE WHEN $8 = 'due' THEN o.next_on END AS k1, " \
	"CASE WHEN $8 = 'reference' THEN a.reference END AS k2, " \
	"CASE WHEN $8 = 'name' THEN lower(a.child_family_name || ' ' || " \
	"a.child_given_name) END AS k3 " \
	"FROM assessments a LEFT JOIN (SELECT r.assessment_id, " \
	"min(r.due_on) AS next_on FROM advice_requests r " \
	"JOIN assessments b ON b.id = r.assessment_id " \
	"WHERE $8 = 'due' AND b.council_id = $2 AND " OPEN_REQUEST " " \
	"GROUP BY r.assessment_id) o ON o.assessment_id = a.id " \
	CASELOAD_WHERE own \
	"ORDER BY 2 NULLS LAST, 3, 4, a.request_received, a.id " \
	"LIMIT $9 OFFSET $10) p " \
	"JOIN assessments a ON a.id = p.id " \
	"JOIN accounts u ON u.id = a.caseworker_id " \
	"CROSS JOIN LATERAL (SELECT count(*) AS requests, " \
	"count(*) FILTER (WHERE r.status IN ('submitted', 'accepted')) " \
	"AS received_advice, count(*) FILTER (WHERE " OPEN_REQUEST \
	" AND r.due_on < $7::date) AS overdue, " \
	"min(r.due_on) FILTER (WHERE " OPEN_REQUEST ") AS next_on " \
	"FROM advice_requests r WHERE r.assessment_id = a.id) s " \
	"ORDER BY p.k1 NULLS LAST, p.k2, p.k3, a.request_received, a.id"

const struct stmt_def	admin_stmts[AS__MAX] = {
	/* AS_ORGS: $1 council → the council first, then its providers:
	 * id, kind, name, accounts, managed (its staff are the council's to
	 * create and disable). */
	[AS_ORGS] = { "SELECT o.id, o.kind, o.name, " MANAGED("o") " AS managed, "
	    "(SELECT count(*) "
	    "FROM accounts a WHERE a.organisation_id = o.id "
	    "AND a.role <> 'parent') AS accounts "
	    "FROM organisations o WHERE " IN_COUNCIL("o.id") " "
	    "ORDER BY o.id <> $1, o.kind, o.name", 1 },
	/* AS_ORG_GET: $1 council, $2 organisation → id, kind, name, or no
	 * row if it is neither the council nor linked to it. */
	[AS_ORG_GET] = { "SELECT o.id, o.kind, o.name, " MANAGED("o") " AS managed "
	    "FROM organisations o "
	    "WHERE o.id = $2 AND " IN_COUNCIL("o.id"), 2 },
	/* AS_ORG_FIND: $1 kind, $2 name (any case) → the organisation of
	 * that kind and name already in the portal (another council's
	 * provider, say), and whether it is linked to council $3. */
	[AS_ORG_FIND] = { "SELECT o.id, o.name, EXISTS (SELECT 1 FROM "
	    "council_providers WHERE council_id = $3 AND provider_id = o.id) "
	    "AS linked FROM organisations o WHERE o.kind = $1 "
	    "AND lower(o.name) = lower($2) ORDER BY o.id LIMIT 1", 3 },
	/* AS_ORG_INSERT: $1 kind, $2 name, $3 the council that adds it. */
	[AS_ORG_INSERT] = { "INSERT INTO organisations (kind, name, "
	    "owner_council_id) VALUES ($1, $2, $3) RETURNING id", 3 },
	/* AS_ORG_LINK: $1 council, $2 provider → a row when newly linked. */
	[AS_ORG_LINK] = { "INSERT INTO council_providers (council_id, "
	    "provider_id) VALUES ($1, $2) ON CONFLICT DO NOTHING "
	    "RETURNING provider_id", 2 },
	/* AS_ORG_ACCOUNTS: $1 organisation → its staff accounts. */
	[AS_ORG_ACCOUNTS] = { "SELECT id, display_name AS name, email, role, "
	    "disabled FROM accounts WHERE organisation_id = $1 "
	    "AND role <> 'parent' ORDER BY display_name, id", 1 },
	/* AS_ACCOUNTS_COUNT: $1 council → staff accounts in its scope (a
	 * parent's account is reached from their child's assessment). */
	[AS_ACCOUNTS_COUNT] = { "SELECT count(*) AS total FROM accounts a "
	    "WHERE a.role <> 'parent' AND " IN_COUNCIL("a.organisation_id"), 1 },
	/* AS_ACCOUNTS_PAGE: $1 council, $2 sort (name, organisation, role),
	 * $3 rows, $4 offset. */
	[AS_ACCOUNTS_PAGE] = { "SELECT a.id, a.display_name AS name, a.email, "
	    "a.role, o.name AS organisation, a.disabled "
	    "FROM accounts a JOIN organisations o ON o.id = a.organisation_id "
	    "WHERE a.role <> 'parent' AND " IN_COUNCIL("a.organisation_id")
	    " ORDER BY "
	    "CASE WHEN $2 = 'organisation' THEN lower(o.name) END, "
	    "CASE WHEN $2 = 'role' THEN a.role END, "
	    "lower(a.display_name), a.id LIMIT $3 OFFSET $4", 4 },
	/* AS_ACCOUNT_GET: $1 council, $2 account → the account with its
	 * organisation's kind and whether the council manages it, or no row
	 * outside the council's scope. */
	[AS_ACCOUNT_GET] = { "SELECT a.id, a.display_name AS name, a.email, "
	    "a.role, a.disabled, a.organisation_id, o.kind AS org_kind, "
	    MANAGED("o") " AS managed, "
	    "o.name AS organisation FROM accounts a "
	    "JOIN organisations o ON o.id = a.organisation_id "
	    "WHERE a.id = $2 AND " IN_COUNCIL("a.organisation_id"), 2 },
	/* AS_ACCOUNT_CREATE: $1 organisation, $2 role, $3 email, $4 name,
	 * $5 job title → the new account, no usable password yet; no row if
	 * the address has an account already. */
	[AS_ACCOUNT_CREATE] = { "INSERT INTO accounts (organisation_id, role, "
	    "email, display_name, job_title, password_hash) "
	    "VALUES ($1, $2, lower($3), $4, $5, '!invited') "
	    "ON CONFLICT (email) DO NOTHING RETURNING id", 5 },
	/* AS_STAFF_INVITE: $1 account, $2 SHA-256 of the code, $3 subject
	 * and $4 body templates (the code already in), $5 link → the staff
	 * code (7 days, once) and its mail queued (body blanked once sent).
	 * Codes sent before to the account stop working. */
	[AS_STAFF_INVITE] = { "WITH a AS (SELECT id, email, display_name "
	    "FROM accounts WHERE id = $1), "
	    "v AS (UPDATE invitations SET expires_at = now() WHERE kind = "
	    "'staff' AND account_id = $1 AND used_at IS NULL "
	    "AND expires_at > now()), "
	    "i AS (INSERT INTO invitations (account_id, kind, code_hash, "
	    "expires_at) SELECT id, 'staff', $2, now() + interval '7 days' "
	    "FROM a RETURNING id) "
	    "INSERT INTO outbox (to_address, subject, body, link, secret) "
	    "SELECT a.email, chase_mail_fill($3, '', $5, current_date, 0, "
	    "a.display_name), chase_mail_fill($4, '', $5, current_date, 0, "
	    "a.display_name), $5, true FROM a, i RETURNING outbox.id", 5 },
	/* AS_ACCOUNT_ROLE: $1 account, $2 role → its sessions end (the
	 * next page asks them to sign in with the new role). */
	[AS_ACCOUNT_ROLE] = { "WITH u AS (UPDATE accounts SET role = $2 "
	    "WHERE id = $1 AND role <> $2 RETURNING id), "
	    "d AS (DELETE FROM sessions WHERE account_id IN "
	    "(SELECT id FROM u)) SELECT id FROM u", 2 },
	/* AS_ACCOUNT_DISABLE: $1 account, $2 t (disable: every session
	 * ends at once) or f (enable) → a row when it changed. */
	[AS_ACCOUNT_DISABLE] = { "WITH u AS (UPDATE accounts SET disabled = "
	    "$2::boolean WHERE id = $1 AND disabled <> $2::boolean "
	    "RETURNING id, disabled), "
	    "d AS (DELETE FROM sessions WHERE account_id IN "
	    "(SELECT id FROM u WHERE disabled)) SELECT id FROM u", 2 },
	/* AS_AUDIT_COUNT / AS_AUDIT_PAGE: $1 account → the audit rows where
	 * it is the actor, newest first ($2 rows, $3 offset). */
	[AS_AUDIT_COUNT] = { "SELECT count(*) AS total FROM audit_log "
	    "WHERE account_id = $1", 1 },
	[AS_AUDIT_PAGE] = { "SELECT to_char(at AT TIME ZONE 'Europe/London', "
	    "'FMDD FMMonth YYYY, HH24:MI:SS') AS at, action, object_type, "
	    "coalesce(object_id::text, '') AS object_id, ip "
	    "FROM audit_log WHERE account_id = $1 "
	    "ORDER BY at DESC, id DESC LIMIT $2 OFFSET $3", 3 },
	/* AS_CASELOAD_COUNT / AS_CASELOAD_PAGE: see CASELOAD_WHERE; the page
	 * also takes $7 today, $8 sort (due: overdue advice first, then the
	 * soonest due; reference; name; received), $9 rows, $10 offset.
	 * The page is chosen first (p: by the sort's key alone, the soonest
	 * due of each case from the open requests' index, db/025_perf.sql) and
	 * only its rows' requests are counted: counting all 200,000 requests
	 * of a council of 20,000 cases took 0.5 s a view. A case has overdue
	 * advice exactly when its soonest due is before today, so "overdue
	 * first, then the soonest due" is the soonest due, nulls last. */
	[AS_CASELOAD_COUNT] = { CASELOAD_COUNT(""), 6 },
	[AS_CASELOAD_PAGE] = { CASELOAD_PAGE(""), 10 },
	/* AS_CASELOAD_COUNT_OWN / AS_CASELOAD_PAGE_OWN: the same, for a
	 * role other than manager (the caseworker's own cases). */
	[AS_CASELOAD_COUNT_OWN] = {
	    CASELOAD_COUNT("AND a.caseworker_id = $1 "), 6 },
	[AS_CASELOAD_PAGE_OWN] = {
	    CASELOAD_PAGE("AND a.caseworker_id = $1 "), 10 },
};

const char *
db_named(const PGresult *res, int row, const char *col)
{
	int	n;

	if (res == NULL || (n = PQfnumber(res, col)) < 0)
		return ("");
	return (db_val(res, row, n));
}
