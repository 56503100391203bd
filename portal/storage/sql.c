/*
 * Every SQL statement the portal and portalctl run, in enum order (db.h).
 * Parameters are $n only. Scoping rules live here, next to the data:
 * a query that fetches one record also checks the caller may see it, so a
 * record of another council and a missing one look the same (no row → 404).
 */
#include "db.h"

/*
 * Who may see an advice request r of assessment a ($2 account, $3 the
 * account's organisation, $4 its role; DESIGN §2): the assessment's
 * caseworker, a manager of its council, the service it was sent to
 * (service lead), the professional it is allocated to, or, for the
 * parent's own views, the parent. A parent contact of the assessment
 * also reads advice once it is accepted: it becomes part of the plan's
 * Section K, which the family receives with the draft.
 */
#define REQUEST_VISIBLE \
	"(($4 = 'caseworker' AND a.caseworker_id = $2 AND a.council_id = $3) OR " \
	"($4 = 'manager' AND a.council_id = $3) OR " \
	"($4 = 'service_lead' AND r.organisation_id = $3) OR " \
	"($4 = 'professional' AND r.professional_id = $2) OR " \
	"($4 = 'parent' AND r.kind = 'parent' AND r.professional_id = $2) OR " \
	"($4 = 'parent' AND r.status = 'accepted' AND EXISTS (SELECT 1 FROM " \
	"assessment_contacts ac WHERE ac.assessment_id = a.id " \
	"AND ac.account_id = $2)))"

/* A two-step secret waiting in a session is shown and accepted for 15
 * minutes from when it was made. */
#define TOTP_PENDING_LIVE \
	"(totp_pending IS NOT NULL AND totp_pending_at > now() - interval '15 minutes')"
/*
 * For JSON (ISO 8601): the day the advice was submitted (YYYY-MM-DD, in
 * England) and the moment (2026-12-06T14:03:27Z), "" while a draft.
 */
#define ADVICE_ISO_DATES \
	"coalesce(to_char(submitted_at AT TIME ZONE 'Europe/London', " \
	"'YYYY-MM-DD'), ''), coalesce(to_char(submitted_at AT TIME ZONE 'UTC', " \
	"'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), '') "

const struct stmt_def stmts[ST__MAX] = {
	/* ST_SESSION_TOUCH: $1 token hash → the signed-in account, or no
	 * row when unknown, idle over 30 minutes or older than 12 hours.
	 * last_seen is written at most once a minute (a write per page
	 * would make every page wait for the disk). */
	[ST_SESSION_TOUCH] = { "WITH s AS (SELECT account_id, csrf FROM sessions "
	    "WHERE token_hash = $1 AND NOT second_step_pending "
	    "AND last_seen > now() - interval '30 minutes' "
	    "AND created_at > now() - interval '12 hours'), "
	    "t AS (UPDATE sessions SET last_seen = now() WHERE token_hash = $1 "
	    "AND last_seen < now() - interval '1 minute' "
	    "AND EXISTS (SELECT 1 FROM s)) "
	    "SELECT a.id, a.organisation_id, a.role, a.display_name, a.email, "
	    "s.csrf, o.kind, o.name, (SELECT count(*) FROM notifications n "
	    "WHERE n.account_id = a.id AND n.read_at IS NULL), "
	    "a.totp_enabled_at IS NOT NULL, o.require_two_step "
	    "FROM s JOIN accounts a ON a.id = s.account_id "
	    "JOIN organisations o ON o.id = a.organisation_id "
	    "WHERE NOT a.disabled", 1, 1 },
	/* ST_SESSION_CREATE: $4 t while the second step (the code) is due. */
	[ST_SESSION_CREATE] = { "INSERT INTO sessions (token_hash, account_id, csrf, "
	    "second_step_pending) VALUES ($1, $2, $3, $4)", 4 },
	/* ST_SESSION_PENDING: $1 token hash → the account whose password was
	 * right in the last 10 minutes and whose code is due: id, wrong
	 * codes so far, sealed secret, last step used, email. */
	[ST_SESSION_PENDING] = { "SELECT a.id, s.code_failures, a.totp_sealed, "
	    "a.totp_last_step, a.email FROM sessions s "
	    "JOIN accounts a ON a.id = s.account_id "
	    "WHERE s.token_hash = $1 AND s.second_step_pending "
	    "AND s.created_at > now() - interval '10 minutes' "
	    "AND NOT a.disabled AND a.totp_enabled_at IS NOT NULL", 1 },
	[ST_SESSION_CODE_FAILED] = { "UPDATE sessions "
	    "SET code_failures = code_failures + 1 "
	    "WHERE token_hash = $1 AND second_step_pending "
	    "RETURNING code_failures", 1 },
	/* ST_SESSION_END_OTHERS: $1 account, $2 the token hash kept. */
	[ST_SESSION_END_OTHERS] = { "DELETE FROM sessions "
	    "WHERE account_id = $1 AND token_hash <> $2", 2 },
	[ST_SESSION_DELETE] = { "DELETE FROM sessions WHERE token_hash = $1", 1 },
	[ST_SESSION_PURGE] = { "DELETE FROM sessions "
	    "WHERE last_seen < now() - interval '30 minutes' "
	    "OR created_at < now() - interval '12 hours'", 0 },
	/* ST_ACCOUNT_BY_EMAIL: $1 email → id, password hash, disabled,
	 * whether a code is asked for after the password. */
	[ST_ACCOUNT_BY_EMAIL] = { "SELECT id, password_hash, disabled, "
	    "totp_enabled_at IS NOT NULL "
	    "FROM accounts WHERE email = lower($1)", 1 },
	[ST_ACCOUNT_SET_HASH] = { "UPDATE accounts SET password_hash = $2 "
	    "WHERE id = $1", 2 },
	[ST_ATTEMPT_RECORD] = { "INSERT INTO signin_attempts "
	    "(email_hash, ip, succeeded) VALUES ($1, $2, $3)", 3 },
	/* ST_ATTEMPT_FAILURES: $1 email hash, $2 ip → failures in the last
	 * 15 minutes for that address and from that IP. */
	[ST_ATTEMPT_FAILURES] = { "SELECT "
	    "(SELECT count(*) FROM signin_attempts WHERE email_hash = $1 "
	    "AND NOT succeeded AND at > now() - interval '15 minutes'), "
	    "(SELECT count(*) FROM signin_attempts WHERE ip = $2 "
	    "AND NOT succeeded AND at > now() - interval '15 minutes')", 2 },
	[ST_AUDIT] = { "INSERT INTO audit_log "
	    "(account_id, action, object_type, object_id, ip, detail) "
	    "VALUES ($1, $2, $3, $4, $5, $6)", 6 },
	[ST_AUDIT_READ] = { "INSERT INTO audit_log "
	    "(account_id, action, object_type, object_id, ip, detail) "
	    "VALUES ($1, $2, $3, $4, $5, $6)", 6, 1 },
	/* ST_ADMIN_ACCOUNT: $1 council id, $2 account id → one row if the
	 * account is in the council's scope, none otherwise; the last column
	 * says whether it is of the administrator's own organisation (only
	 * then may they reset it: a provider serving several councils is
	 * managed by its own administrator). */
	[ST_ADMIN_ACCOUNT] = { "SELECT a.id, a.display_name, a.email, a.role, o.name, "
	    "a.job_title, to_char(a.created_at, 'DD Mon YYYY'), a.disabled, "
	    "a.totp_enabled_at IS NOT NULL, a.organisation_id = $1 "
	    "FROM accounts a JOIN organisations o ON o.id = a.organisation_id "
	    "WHERE a.id = $2 AND (a.organisation_id = $1 OR a.organisation_id IN "
	    "(SELECT provider_id FROM council_providers WHERE council_id = $1))", 2 },
	[ST_ORG_CREATE] = { "INSERT INTO organisations (kind, name) VALUES ($1, $2) "
	    "ON CONFLICT (kind, name) DO UPDATE SET name = EXCLUDED.name "
	    "RETURNING id", 2 },
	[ST_ORG_FIND] = { "SELECT id, kind FROM organisations WHERE name = $1", 1 },
	/* ST_ORG_LINK: the first council a provider is linked to manages
	 * its staff accounts (admin_manage.c). */
	[ST_ORG_LINK] = { "WITH o AS (UPDATE organisations SET owner_council_id = $1 "
	    "WHERE id = $2 AND owner_council_id IS NULL) "
	    "INSERT INTO council_providers (council_id, provider_id) "
	    "VALUES ($1, $2) ON CONFLICT DO NOTHING", 2 },
	/* ST_ACCOUNT_CREATE: returns the new id, or no row if the email exists. */
	[ST_ACCOUNT_CREATE] = { "INSERT INTO accounts "
	    "(organisation_id, role, email, display_name, job_title, password_hash) "
	    "VALUES ($1, $2, lower($3), $4, $5, $6) "
	    "ON CONFLICT (email) DO NOTHING RETURNING id", 6 },
	/* ST_ACCOUNT_RESET: new hash; signs the account out everywhere. */
	/* ST_TOTP_GET: $1 account → sealed secret (NULL unless on), the
	 * day it was turned on (NULL while it is not). */
	[ST_TOTP_GET] = { "SELECT totp_sealed, to_char(totp_enabled_at "
	    "AT TIME ZONE 'Europe/London', 'FMDD FMMonth YYYY') "
	    "FROM accounts WHERE id = $1", 1 },
	/* ST_TOTP_SETUP: $1 session token hash, $2 a new sealed secret →
	 * the secret to show: the one waiting in this session if it is under
	 * 15 minutes old, else $2, kept for this session only. */
	[ST_TOTP_SETUP] = { "UPDATE sessions SET "
	    "totp_pending = CASE WHEN " TOTP_PENDING_LIVE " THEN totp_pending "
	    "ELSE $2 END, totp_pending_at = CASE WHEN " TOTP_PENDING_LIVE
	    " THEN totp_pending_at ELSE now() END "
	    "WHERE token_hash = $1 RETURNING totp_pending", 2 },
	/* ST_TOTP_ENABLE: $1 account, $2 the step of the code typed, $3 the
	 * sealed secret it was checked against, $4 the session token hash:
	 * on, if $3 is still the one waiting in that session (and live). */
	[ST_TOTP_ENABLE] = { "WITH s AS (UPDATE sessions SET totp_pending = NULL, "
	    "totp_pending_at = NULL WHERE token_hash = $4 AND account_id = $1 "
	    "AND totp_pending = $3 AND " TOTP_PENDING_LIVE " RETURNING account_id) "
	    "UPDATE accounts SET totp_sealed = $3, totp_enabled_at = now(), "
	    "totp_last_step = $2 WHERE id = (SELECT account_id FROM s) "
	    "AND totp_enabled_at IS NULL RETURNING id", 4 },
	/* ST_TOTP_USE: $1 account, $2 step → a row only if no code of this
	 * step or a later one was taken before (each code works once). */
	[ST_TOTP_USE] = { "UPDATE accounts SET totp_last_step = $2 "
	    "WHERE id = $1 AND totp_last_step < $2 RETURNING id", 2 },
	/* ST_TOTP_RESET: $1 email → the account, its two-step verification
	 * cleared and every session ended (portalctl reset-two-step). */
	[ST_TOTP_RESET] = { "WITH a AS (UPDATE accounts SET totp_sealed = NULL, "
	    "totp_enabled_at = NULL, totp_last_step = 0 "
	    "WHERE email = lower($1) RETURNING id), "
	    "d AS (DELETE FROM sessions WHERE account_id IN (SELECT id FROM a)) "
	    "SELECT id FROM a", 1 },
	/* ST_ADMIN_TOTP_RESET: $1 account (already found in the admin's
	 * scope) → its two-step verification cleared and its sessions ended;
	 * no row when it had none (nothing is ended then). A secret waiting to
	 * be confirmed in any of its sessions is discarded either way. */
	[ST_ADMIN_TOTP_RESET] = { "WITH a AS (UPDATE accounts SET totp_sealed = NULL, "
	    "totp_enabled_at = NULL, totp_last_step = 0 WHERE id = $1 "
	    "AND totp_enabled_at IS NOT NULL RETURNING id), "
	    "d AS (DELETE FROM sessions WHERE account_id IN (SELECT id FROM a)), "
	    "p AS (UPDATE sessions SET totp_pending = NULL, totp_pending_at = NULL "
	    "WHERE account_id = $1 AND totp_pending IS NOT NULL) "
	    "SELECT id FROM a", 1 },
	/* ST_ORG_REQUIRE_TWO_STEP: $1 organisation name, $2 t/f. */
	[ST_ORG_REQUIRE_TWO_STEP] = { "UPDATE organisations "
	    "SET require_two_step = $2 WHERE name = $1 RETURNING id", 2 },
	[ST_ACCOUNT_RESET] = { "WITH a AS (UPDATE accounts SET password_hash = $2 "
	    "WHERE email = lower($1) RETURNING id), "
	    "d AS (DELETE FROM sessions WHERE account_id IN (SELECT id FROM a)) "
	    "SELECT id FROM a", 2 },

	/* ST_ASSESSMENT_CREATE: council, names, dob, year, setting, NHS
	 * number, UPN, received, caseworker (who must be in the council). */
	[ST_ASSESSMENT_CREATE] = { "INSERT INTO assessments (council_id, reference, "
	    "child_given_name, child_family_name, date_of_birth, year_group, "
	    "current_setting, nhs_number, upn, request_received, caseworker_id) "
	    "SELECT $1, 'EHC-' || to_char($9::date, 'YYYY') || '-' || "
	    "lpad(nextval('assessment_reference_seq')::text, 5, '0'), "
	    "$2, $3, $4, $5, $6, $7, $8, $9, $10 "
	    "WHERE EXISTS (SELECT 1 FROM accounts WHERE id = $10 "
	    "AND organisation_id = $1 AND role IN ('caseworker', 'manager')) "
	    "RETURNING id, reference", 10 },
	/* ST_CONTACT_CREATE: links an existing parent account by email. */
	[ST_CONTACT_CREATE] = { "INSERT INTO assessment_contacts "
	    "(assessment_id, name, email, relationship, account_id) "
	    "VALUES ($1, $2, lower($3), $4, (SELECT id FROM accounts "
	    "WHERE email = lower($3) AND role = 'parent')) RETURNING id", 4 },
	/* ST_ASSESSMENT_GET: $1 id, $2 account, $3 council, $4 role → the
	 * assessment if this user may see it: its caseworker, a manager of
	 * its council, or a parent contact. */
	[ST_ASSESSMENT_GET] = { "SELECT a.id, a.reference, a.child_given_name, "
	    "a.child_family_name, a.date_of_birth, a.year_group, a.current_setting, "
	    "a.nhs_number, a.upn, a.request_received, u.display_name, a.council_id, "
	    "to_char(a.date_of_birth, 'FMDD FMMonth YYYY') "
	    "FROM assessments a JOIN accounts u ON u.id = a.caseworker_id "
	    "WHERE a.id = $1 AND ("
	    "($4 = 'caseworker' AND a.caseworker_id = $2 AND a.council_id = $3) OR "
	    "($4 = 'manager' AND a.council_id = $3) OR "
	    "($4 = 'parent' AND EXISTS (SELECT 1 FROM assessment_contacts c "
	    "WHERE c.assessment_id = a.id AND c.account_id = $2)))", 4 },
	[ST_ASSESSMENT_REQUESTS] = { "SELECT r.id, r.kind, r.profession, o.name, "
	    "coalesce(p.display_name, ''), r.requested_on, r.due_on, r.status "
	    "FROM advice_requests r JOIN organisations o ON o.id = r.organisation_id "
	    "LEFT JOIN accounts p ON p.id = r.professional_id "
	    "WHERE r.assessment_id = $1 ORDER BY r.id", 1 },
	/* ST_ASSESSMENT_CONTACTS: $1 assessment → id, name, email,
	 * relationship, account state (active: has set a password; invited;
	 * none: the address is not a parent's), and until when the newest
	 * live invitation's code works ("" if none). */
	[ST_ASSESSMENT_CONTACTS] = { "SELECT c.id, c.name, c.email, "
	    "c.relationship, CASE WHEN u.id IS NULL THEN 'none' "
	    "WHEN u.password_hash LIKE '!%' THEN 'invited' ELSE 'active' END, "
	    "coalesce((SELECT to_char(max(i.expires_at), 'FMDD FMMonth YYYY') "
	    "FROM invitations i WHERE i.account_id = u.id "
	    "AND i.assessment_id = c.assessment_id AND i.used_at IS NULL "
	    "AND i.expires_at > now()), '') "
	    "FROM assessment_contacts c LEFT JOIN accounts u ON u.id = c.account_id "
	    "WHERE c.assessment_id = $1 ORDER BY c.id", 1 },
	/* ST_CONTACT_GET: $1 contact, $2 assessment (already checked) →
	 * name, email, account ("" if none), whether it is active. */
	[ST_CONTACT_GET] = { "SELECT c.name, c.email, coalesce(u.id::text, ''), "
	    "coalesce(u.password_hash NOT LIKE '!%', false) "
	    "FROM assessment_contacts c LEFT JOIN accounts u ON u.id = c.account_id "
	    "WHERE c.id = $1 AND c.assessment_id = $2", 2 },
	/* ST_INVITATIONS_VOID: $1 account, $2 assessment: the codes already
	 * sent stop working. */
	[ST_INVITATIONS_VOID] = { "UPDATE invitations SET expires_at = now() "
	    "WHERE account_id = $1 AND assessment_id = $2 AND used_at IS NULL "
	    "AND expires_at > now()", 2 },
	/* ST_CONTACT_EMAIL: $1 contact, $2 assessment, $3 address → the
	 * contact's address, linked to the parent account of that address. */
	[ST_CONTACT_EMAIL] = { "UPDATE assessment_contacts SET email = lower($3), "
	    "account_id = (SELECT id FROM accounts WHERE email = lower($3) "
	    "AND role = 'parent') WHERE id = $1 AND assessment_id = $2 "
	    "RETURNING id", 3 },
	[ST_ASSESSMENT_CONTACTS_ACCOUNTS] = { "SELECT account_id FROM "
	    "assessment_contacts WHERE assessment_id = $1 ORDER BY id", 1 },
	/* ST_PROVIDERS: $1 council → the organisations it may ask for advice. */
	[ST_PROVIDERS] = { "SELECT o.id, o.kind, o.name FROM organisations o "
	    "JOIN council_providers cp ON cp.provider_id = o.id "
	    "WHERE cp.council_id = $1 ORDER BY o.kind, o.name", 1 },
	[ST_CASEWORKERS] = { "SELECT id, display_name FROM accounts "
	    "WHERE organisation_id = $1 AND role IN ('caseworker', 'manager') "
	    "AND NOT disabled ORDER BY display_name", 1 },
	/* ST_PROFESSIONALS: $1 service → who may be allocated its requests:
	 * its professionals and its service leads (a school's SENCO or head
	 * allocates to themself and writes the advice). */
	[ST_PROFESSIONALS] = { "SELECT id, display_name, job_title FROM accounts "
	    "WHERE organisation_id = $1 AND role IN ('professional', 'service_lead') "
	    "AND NOT disabled ORDER BY display_name", 1 },
	[ST_PARENT_ASSESSMENTS] = { "SELECT a.id, a.reference, a.child_given_name, "
	    "a.request_received FROM assessments a JOIN assessment_contacts c "
	    "ON c.assessment_id = a.id WHERE c.account_id = $1 ORDER BY a.id", 1 },
	/* ST_REQUEST_CREATE: refuses (no row) an organisation that does not
	 * serve the assessment's council, a professional outside it, or a
	 * request date before the request for assessment was received. */
	[ST_REQUEST_CREATE] = { "INSERT INTO advice_requests (assessment_id, kind, "
	    "profession, organisation_id, professional_id, template_id, "
	    "template_version, question, requested_on, due_on, status, "
	    "parent_asked, created_by) "
	    "SELECT a.id, $2, $3, $4, $5, $6, $7, $8, $9, $9::date + 42, "
	    "CASE WHEN $5::bigint IS NULL THEN 'requested' ELSE 'allocated' END, "
	    "$10, $11 FROM assessments a WHERE a.id = $1 "
	    "AND a.request_received <= $9::date "
	    "AND (EXISTS (SELECT 1 FROM council_providers cp WHERE "
	    "cp.council_id = a.council_id AND cp.provider_id = $4) "
	    "OR ($2 = 'parent' AND $4 = a.council_id)) "
	    "AND ($5::bigint IS NULL OR EXISTS (SELECT 1 FROM accounts p "
	    "WHERE p.id = $5 AND ((p.organisation_id = $4 AND NOT p.disabled "
	    "AND p.role IN ('professional', 'service_lead')) "
	    "OR (p.role = 'parent' AND $2 = 'parent')))) "
	    "AND EXISTS (SELECT 1 FROM organisations o WHERE o.id = $4 "
	    "AND $2 = ANY (o.advice_kinds)) "
	    "AND NOT EXISTS (SELECT 1 FROM advice_requests x "
	    "WHERE x.assessment_id = a.id AND x.kind = $2 "
	    "AND x.organisation_id = $4 AND advice_request_open(x.status)) "
	    "RETURNING id, due_on", 11 },
	/* ST_REQUEST_GET: $1 request → the request if REQUEST_VISIBLE. */
	[ST_REQUEST_GET] = { "SELECT r.id, r.kind, r.profession, r.organisation_id, "
	    "o.name, r.professional_id, coalesce(p.display_name, ''), "
	    "r.template_id, r.template_version, r.question, r.requested_on, "
	    "r.due_on, r.status, a.id, a.reference, a.child_given_name, "
	    "a.child_family_name, to_char(a.date_of_birth, 'FMDD FMMonth YYYY'), "
	    "a.year_group, a.current_setting, a.caseworker_id, a.council_id "
	    "FROM advice_requests r JOIN assessments a ON a.id = r.assessment_id "
	    "JOIN organisations o ON o.id = r.organisation_id "
	    "LEFT JOIN accounts p ON p.id = r.professional_id "
	    "WHERE r.id = $1 AND " REQUEST_VISIBLE, 4 },
	/* ST_SERVICE_REQUESTS: $1 service → every live request sent to it. */
	[ST_SERVICE_REQUESTS] = { "SELECT r.id, a.reference, a.child_given_name || ' ' || "
	    "a.child_family_name, r.kind, r.due_on, r.status, "
	    "coalesce(p.display_name, ''), c.name "
	    "FROM advice_requests r JOIN assessments a ON a.id = r.assessment_id "
	    "JOIN organisations c ON c.id = a.council_id "
	    "LEFT JOIN accounts p ON p.id = r.professional_id "
	    "WHERE r.organisation_id = $1 AND r.status <> 'withdrawn' "
	    "ORDER BY NOT advice_request_open(r.status), r.due_on, r.id", 1 },
	/* ST_INBOX: $1 professional, $2 today → their requests, soonest due
	 * first, with days left (negative when overdue). */
	[ST_INBOX] = { "SELECT r.id, a.reference, a.child_given_name || ' ' || "
	    "a.child_family_name, r.kind, r.due_on, r.status, "
	    "r.due_on - $2::date, c.name "
	    "FROM advice_requests r JOIN assessments a ON a.id = r.assessment_id "
	    "JOIN organisations c ON c.id = a.council_id "
	    "WHERE r.professional_id = $1 AND r.status <> 'withdrawn' "
	    "ORDER BY NOT advice_request_open(r.status), r.due_on, r.id", 2 },
	/* ST_ALLOCATE: $1 request, $2 service, $3 professional of that service. */
	[ST_ALLOCATE] = { "UPDATE advice_requests SET professional_id = $3, "
	    "status = CASE WHEN status = 'requested' THEN 'allocated' ELSE status END, "
	    "updated_at = now() WHERE id = $1 AND organisation_id = $2 "
	    "AND advice_request_open(status) "
	    "AND EXISTS (SELECT 1 FROM accounts WHERE id = $3 "
	    "AND organisation_id = $2 AND role IN ('professional', 'service_lead') "
	    "AND NOT disabled) RETURNING id", 3 },
	[ST_REQUEST_STATUS] = { "UPDATE advice_requests SET status = $2, "
	    "updated_at = now() WHERE id = $1", 2 },
	/* ST_ADVICE_LATEST: $1 request → its newest advice version, if any. */
	[ST_ADVICE_LATEST] = { "SELECT id, version, status, template_id, "
	    "template_version, declaration_name, declaration_role, "
	    "declaration_registration, coalesce(declaration_date::text, ''), "
	    "return_message, to_char(saved_at, 'FMDD FMMonth YYYY HH24:MI'), "
	    "coalesce(to_char(submitted_at, 'FMDD FMMonth YYYY'), ''), "
	    ADVICE_ISO_DATES
	    "FROM advice WHERE request_id = $1 ORDER BY version DESC LIMIT 1", 1 },
	[ST_ADVICE_VERSION] = { "SELECT id, version, status, template_id, "
	    "template_version, declaration_name, declaration_role, "
	    "declaration_registration, coalesce(declaration_date::text, ''), "
	    "return_message, to_char(saved_at, 'FMDD FMMonth YYYY HH24:MI'), "
	    "coalesce(to_char(submitted_at, 'FMDD FMMonth YYYY'), ''), "
	    ADVICE_ISO_DATES
	    "FROM advice WHERE request_id = $1 AND version = $2", 2 },
	[ST_ADVICE_VERSIONS] = { "SELECT version, status, "
	    "coalesce(to_char(submitted_at, 'FMDD FMMonth YYYY'), ''), return_message "
	    "FROM advice WHERE request_id = $1 ORDER BY version DESC", 1 },
	[ST_ADVICE_CREATE] = { "INSERT INTO advice (request_id, version, "
	    "template_id, template_version, author_id) "
	    "SELECT $1, coalesce(max(version), 0) + 1, $2, $3, $4 "
	    "FROM advice WHERE request_id = $1 RETURNING id, version", 4 },
	[ST_ADVICE_TOUCH] = { "UPDATE advice SET saved_at = now(), author_id = $2 "
	    "WHERE id = $1 AND status = 'draft' RETURNING id", 2 },
	[ST_VALUES_DELETE] = { "DELETE FROM advice_values WHERE advice_id = $1", 1 },
	[ST_VALUE_INSERT] = { "INSERT INTO advice_values "
	    "(advice_id, field_id, row_no, column_id, value) "
	    "VALUES ($1, $2, $3, $4, $5)", 5 },
	[ST_VALUES_GET] = { "SELECT field_id, row_no, column_id, value "
	    "FROM advice_values WHERE advice_id = $1", 1 },
	[ST_ADVICE_SUBMIT] = { "UPDATE advice SET status = 'submitted', "
	    "declaration_name = $2, declaration_role = $3, "
	    "declaration_registration = $4, declaration_date = $5, "
	    "submitted_at = now() WHERE id = $1 AND status = 'draft' RETURNING id", 5 },
	/* ST_ADVICE_REVIEW: $1 advice, $2 new status, $3 message, $4 reviewer;
	 * only a submitted version can be accepted or returned. */
	[ST_ADVICE_REVIEW] = { "UPDATE advice SET status = $2, return_message = $3, "
	    "reviewed_by = $4, reviewed_at = now() "
	    "WHERE id = $1 AND status = 'submitted' RETURNING id", 4 },
	/* ST_DOCUMENT_INSERT: $6 wrapped key and $7 content are binary. */
	[ST_DOCUMENT_INSERT] = { "INSERT INTO documents (request_id, filename, "
	    "media_type, size, sha256, wrapped_key, content, uploaded_by) "
	    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id", 8 },
	[ST_DOCUMENTS_LIST] = { "SELECT d.id, d.filename, d.media_type, d.size, "
	    "to_char(d.uploaded_at, 'FMDD FMMonth YYYY'), u.display_name "
	    "FROM documents d JOIN accounts u ON u.id = d.uploaded_by "
	    "WHERE d.request_id = $1 ORDER BY d.id", 1 },
	/* ST_DOCUMENT_GET: $1 document, then as ST_REQUEST_GET → the
	 * document's metadata if its request is visible to this user. */
	[ST_DOCUMENT_GET] = { "SELECT d.id, d.request_id, d.filename, d.media_type, "
	    "d.size, d.sha256, r.status, r.professional_id "
	    "FROM documents d JOIN advice_requests r ON r.id = d.request_id "
	    "JOIN assessments a ON a.id = r.assessment_id "
	    "WHERE d.id = $1 AND " REQUEST_VISIBLE, 4 },
	/* ST_DOCUMENT_CONTENT: binary result: wrapped key, ciphertext. */
	[ST_DOCUMENT_CONTENT] = { "SELECT wrapped_key, content FROM documents "
	    "WHERE id = $1", 1 },
	[ST_DOCUMENT_DELETE] = { "DELETE FROM documents WHERE id = $1 "
	    "AND request_id = $2 RETURNING id", 2 },
	/* ST_API_KEY: $1 SHA-256 of the bearer key → key id, council id. */
	[ST_API_KEY] = { "SELECT id, council_id FROM api_keys WHERE key_hash = $1", 1 },
	[ST_API_KEY_CREATE] = { "INSERT INTO api_keys (council_id, key_hash, label) "
	    "SELECT id, $2, $3 FROM organisations WHERE name = $1 "
	    "AND kind = 'local_authority' ON CONFLICT (key_hash) DO NOTHING", 3 },
	/* ST_API_ASSESSMENT: $1 id, $2 council → the assessment, only if it is
	 * that council's. */
	[ST_API_ASSESSMENT] = { "SELECT a.id, a.reference, a.child_given_name, "
	    "a.child_family_name, a.date_of_birth, a.year_group, a.current_setting, "
	    "a.request_received, u.email, a.caseworker_id FROM assessments a "
	    "JOIN accounts u ON u.id = a.caseworker_id "
	    "WHERE a.id = $1 AND a.council_id = $2", 2 },
	/* ST_API_REQUEST: $1 id, $2 council → the request, only if its
	 * assessment is that council's. */
	[ST_API_REQUEST] = { "SELECT r.id, r.assessment_id, r.kind, r.status, "
	    "r.requested_on, r.due_on, o.name, coalesce(p.email, ''), "
	    "r.template_id, r.template_version, r.profession "
	    "FROM advice_requests r JOIN assessments a ON a.id = r.assessment_id "
	    "JOIN organisations o ON o.id = r.organisation_id "
	    "LEFT JOIN accounts p ON p.id = r.professional_id "
	    "WHERE r.id = $1 AND a.council_id = $2", 2 },
	/* ST_API_REQUESTS_OF: $1 assessment (already checked) → its requests,
	 * same columns as ST_API_REQUEST. */
	[ST_API_REQUESTS_OF] = { "SELECT r.id, r.assessment_id, r.kind, r.status, "
	    "r.requested_on, r.due_on, o.name, coalesce(p.email, ''), "
	    "r.template_id, r.template_version, r.profession "
	    "FROM advice_requests r JOIN organisations o ON o.id = r.organisation_id "
	    "LEFT JOIN accounts p ON p.id = r.professional_id "
	    "WHERE r.assessment_id = $1 ORDER BY r.id", 1 },
	[ST_API_CASEWORKER] = { "SELECT id FROM accounts WHERE email = lower($1) "
	    "AND organisation_id = $2 AND role IN ('caseworker', 'manager') "
	    "AND NOT disabled", 2 },
	[ST_API_PROFESSIONAL] = { "SELECT id FROM accounts WHERE email = lower($1) "
	    "AND organisation_id = $2 AND role IN ('professional', 'service_lead') "
	    "AND NOT disabled", 2 },
	/* ST_API_ORGANISATION: $1 id or exact name, $2 council → a provider
	 * serving that council. */
	[ST_API_ORGANISATION] = { "SELECT o.id FROM organisations o "
	    "JOIN council_providers cp ON cp.provider_id = o.id "
	    "WHERE cp.council_id = $2 AND (o.name = $1 OR o.id::text = $1)", 2 },
	/* ST_PARENT_VIEWS: $1 assessment → the family's latest submitted
	 * views (reg 7: advisers see them). */
	[ST_PARENT_VIEWS] = { "SELECT ad.id, ad.template_id, ad.template_version, "
	    "to_char(ad.submitted_at, 'FMDD FMMonth YYYY') "
	    "FROM advice ad JOIN advice_requests r ON r.id = ad.request_id "
	    "WHERE r.assessment_id = $1 AND r.kind = 'parent' "
	    "AND ad.status IN ('submitted', 'accepted') "
	    "ORDER BY ad.submitted_at DESC LIMIT 1", 1 },
	[ST_NOTIFY] = { "INSERT INTO notifications (account_id, message, link) "
	    "VALUES ($1, $2, $3)", 3 },
	/* ST_NOTIFY_LIST: $1 account → their 50 newest notifications. */
	[ST_NOTIFY_LIST] = { "SELECT message, link, "
	    "to_char(created_at, 'FMDD FMMonth YYYY HH24:MI'), read_at IS NULL "
	    "FROM notifications WHERE account_id = $1 "
	    "ORDER BY created_at DESC, id DESC LIMIT 50", 1 },
	[ST_NOTIFY_READ] = { "UPDATE notifications SET read_at = now() "
	    "WHERE account_id = $1 AND read_at IS NULL", 1 },
	/* ST_SETTINGS_GET: $1 account → whether chase mail waits for a digest. */
	[ST_SETTINGS_GET] = { "SELECT mail_digest FROM accounts WHERE id = $1", 1 },
	/* ST_SETTINGS_SET: $1 account, $2 digest (t/f). Mail already queued
	 * one by one goes as it is; from now on chase mail is held or not. */
	[ST_SETTINGS_SET] = { "UPDATE accounts SET mail_digest = $2 "
	    "WHERE id = $1 RETURNING id", 2 },
	/*
	 * ST_PARENT_ACCOUNT: $1 council, $2 email, $3 name → the parent
	 * account of that address (made now, with no usable password, if
	 * there was none) and whether it still awaits its invitation. No
	 * row when the address belongs to a staff account.
	 */
	[ST_PARENT_ACCOUNT] = { "WITH made AS (INSERT INTO accounts "
	    "(organisation_id, role, email, display_name, password_hash) "
	    "VALUES ($1, 'parent', lower($2), $3, '!invited') "
	    "ON CONFLICT (email) DO NOTHING RETURNING id) "
	    "SELECT id, true FROM made UNION ALL "
	    "SELECT id, password_hash LIKE '!%' FROM accounts "
	    "WHERE email = lower($2) AND role = 'parent' AND NOT disabled "
	    "AND NOT EXISTS (SELECT 1 FROM made)", 3 },
	/*
	 * ST_INVITATION_CREATE: $1 account, $2 assessment, $3 SHA-256 of the
	 * code; the mail: $4 to, $5 subject and $6 body templates (the code
	 * already in), $7 reference, $8 link, $9 recipient's name.
	 */
	[ST_INVITATION_CREATE] = { "WITH i AS (INSERT INTO invitations "
	    "(account_id, assessment_id, code_hash, expires_at) "
	    "VALUES ($1, $2, $3, now() + interval '14 days') RETURNING id) "
	    "INSERT INTO outbox (to_address, subject, body, link, secret, "
	    "assessment_id) "
	    "SELECT $4, chase_mail_fill($5, $7, $8, current_date, 0, $9), "
	    "chase_mail_fill($6, $7, $8, current_date, 0, $9), $8, true, $2 FROM i "
	    "RETURNING id", 9 },
	/* ST_INVITATION_FIND: $1 SHA-256 of the code, $2 email, $3 kind
	 * (invitation, reset) → the live code and its account. The
	 * invitation page takes a staff account's code too (admin_manage.c). */
	[ST_INVITATION_FIND] = { "SELECT i.id, i.account_id FROM invitations i "
	    "JOIN accounts a ON a.id = i.account_id WHERE i.code_hash = $1 "
	    "AND a.email = lower($2) AND (i.kind = $3 OR ($3 = 'invitation' "
	    "AND i.kind = 'staff')) AND i.used_at IS NULL "
	    "AND i.expires_at > now() AND NOT a.disabled", 3 },
	/* ST_INVITATION_USE: $1 code, $2 password hash → the account and
	 * whether it asks for a two-step code. Every open code of the account
	 * is spent with it, and every session of it ends. */
	[ST_INVITATION_USE] = { "WITH u AS (UPDATE invitations SET used_at = now() "
	    "WHERE account_id = (SELECT account_id FROM invitations WHERE id = $1 "
	    "AND used_at IS NULL AND expires_at > now()) AND used_at IS NULL "
	    "RETURNING account_id), "
	    "d AS (DELETE FROM sessions WHERE account_id = "
	    "(SELECT DISTINCT account_id FROM u)) "
	    "UPDATE accounts a SET password_hash = $2 "
	    "WHERE a.id = (SELECT DISTINCT account_id FROM u) "
	    "RETURNING a.id, a.totp_enabled_at IS NOT NULL", 2 },
	/* ST_RESET_CREATE: $1 email, $2 SHA-256 of a new code, $3 subject,
	 * $4 body (code filled in), $5 link → the mail queued, or no row: no
	 * such active account (a parent not set up yet needs their
	 * invitation), or 3 codes went to it in the last hour. The code
	 * before it stops working. */
	[ST_RESET_CREATE] = { "WITH a AS (SELECT id, email, display_name "
	    "FROM accounts c WHERE email = lower($1) AND NOT disabled "
	    "AND left(password_hash, 1) <> '!' AND (SELECT count(*) "
	    "FROM invitations WHERE account_id = c.id AND kind = 'reset' "
	    "AND created_at > now() - interval '1 hour') < 3), "
	    "v AS (UPDATE invitations SET used_at = now() WHERE kind = 'reset' "
	    "AND used_at IS NULL AND account_id IN (SELECT id FROM a)), "
	    "i AS (INSERT INTO invitations (account_id, kind, code_hash, "
	    "expires_at) SELECT id, 'reset', $2, now() + interval '1 hour' "
	    "FROM a RETURNING id) "
	    "INSERT INTO outbox (to_address, subject, body, link, secret) "
	    "SELECT a.email, chase_mail_fill($3, '', $5, current_date, 0, "
	    "a.display_name), chase_mail_fill($4, '', $5, current_date, 0, "
	    "a.display_name), $5, true FROM a, i RETURNING outbox.id", 5 },
	/* ST_PASSWORD_CHANGED_MAIL: $1 account, $2 subject, $3 body, $4 link:
	 * tells the account's owner their password was changed. */
	[ST_PASSWORD_CHANGED_MAIL] = { "INSERT INTO outbox (to_address, subject, "
	    "body, link) SELECT email, "
	    "chase_mail_fill($2, '', $4, current_date, 0, display_name), "
	    "chase_mail_fill($3, '', $4, current_date, 0, display_name), $4 "
	    "FROM accounts WHERE id = $1 RETURNING id", 4 },
	/* ST_TOTP_PENDING: $1 session token hash → the sealed secret waiting
	 * to be confirmed in that session, if under 15 minutes old. */
	[ST_TOTP_PENDING] = { "SELECT totp_pending FROM sessions "
	    "WHERE token_hash = $1 AND " TOTP_PENDING_LIVE, 1 },
	/* ST_CODE_FAILURES: $1 hash of the address's code counter, $2 email,
	 * $3 kind (invitation, reset) → wrong codes entered for the address
	 * in the last 15 minutes since its newest code of that kind was
	 * made: a fresh code always gets its own tries. */
	[ST_CODE_FAILURES] = { "SELECT count(*) FROM signin_attempts "
	    "WHERE email_hash = $1 AND NOT succeeded "
	    "AND at > now() - interval '15 minutes' AND at > COALESCE(("
	    "SELECT max(i.created_at) FROM invitations i "
	    "JOIN accounts a ON a.id = i.account_id "
	    "WHERE a.email = lower($2) AND i.kind = $3), '-infinity')", 3 },
	/* ST_ATTEMPT_CLEAR: $1, $2 email hashes → their failures forgotten
	 * (the owner proved the mailbox with a fresh code: the lock lifts). */
	[ST_ATTEMPT_CLEAR] = { "DELETE FROM signin_attempts "
	    "WHERE email_hash IN ($1, $2) AND NOT succeeded", 2 },
	/* ST_ADVICE_LAST_DECLARATION: $1 request → the declaration (name,
	 * role, registration) of its newest submitted version, if any. */
	[ST_ADVICE_LAST_DECLARATION] = { "SELECT declaration_name, "
	    "declaration_role, declaration_registration FROM advice "
	    "WHERE request_id = $1 AND submitted_at IS NOT NULL "
	    "ORDER BY version DESC LIMIT 1", 1 },
	/*
	 * ST_ASSESSMENT_DUPLICATE: $1 council, $2 NHS number ('' none), $3
	 * given name, $4 family name, $5 date of birth → the council's open
	 * assessment of the same child (same NHS number, or same names and
	 * date of birth), if any: id, reference.
	 */
	[ST_ASSESSMENT_DUPLICATE] = { "SELECT id, reference FROM assessments "
	    "WHERE council_id = $1 AND closed_on IS NULL AND (($2 <> '' "
	    "AND nhs_number = $2) OR (lower(child_family_name) = lower($4) "
	    "AND lower(child_given_name) = lower($3) "
	    "AND date_of_birth = $5::date)) ORDER BY id LIMIT 1", 5 },
	/*
	 * ST_REQUEST_TARGET: $1 assessment, $2 organisation (id or exact
	 * name), $3 the council, $4 kind → the organisation if it serves
	 * the council (or is the council: a parent's views): id, name, the
	 * kinds of advice it gives (text[]), whether a request of kind to it
	 * is open on the assessment. One row, or none.
	 */
	[ST_REQUEST_TARGET] = { "SELECT o.id, o.name, o.advice_kinds, "
	    "EXISTS (SELECT 1 FROM advice_requests x WHERE x.assessment_id = "
	    "$1::bigint AND x.kind = $4 AND x.organisation_id = o.id "
	    "AND advice_request_open(x.status)) FROM organisations o "
	    "WHERE (o.name = $2 OR o.id::text = $2) AND (o.id::text = $3 "
	    "OR EXISTS (SELECT 1 FROM council_providers cp "
	    "WHERE cp.council_id::text = $3 AND cp.provider_id = o.id))", 4 },
	/* ST_ORG_ADVICE_KINDS: $1 organisation name, $2 the kinds it gives
	 * (text[] literal) or NULL to leave them → the kinds (portalctl). */
	[ST_ORG_ADVICE_KINDS] = { "UPDATE organisations SET advice_kinds = "
	    "coalesce($2::text[], advice_kinds) WHERE name = $1 "
	    "RETURNING array_to_string(advice_kinds, ' ')", 2 },
	/* ST_PROVIDER_STAFF: $1 council → who may be named when asking for
	 * advice: organisation id, account id, name, job title, organisation
	 * name; the professionals and service leads of its providers. */
	[ST_PROVIDER_STAFF] = { "SELECT o.id, a.id, a.display_name, a.job_title, "
	    "o.name FROM accounts a JOIN organisations o ON o.id = a.organisation_id "
	    "JOIN council_providers cp ON cp.provider_id = o.id "
	    "WHERE cp.council_id = $1 AND a.role IN ('professional', 'service_lead') "
	    "AND NOT a.disabled ORDER BY o.name, a.display_name, a.id", 1 },
	/* ST_ORG_RECEIVERS: $1 organisation → its active service leads, who
	 * see and allocate every request sent to it (0: nobody would). */
	[ST_ORG_RECEIVERS] = { "SELECT count(*) FROM accounts "
	    "WHERE organisation_id = $1 AND role = 'service_lead' "
	    "AND NOT disabled", 1 },
	/* ST_PARENT_VIEWS_ASKED: $1 parent account → their views still asked
	 * for: request, reference, child's first name, due on. */
	[ST_PARENT_VIEWS_ASKED] = { "SELECT r.id, a.reference, a.child_given_name, "
	    "r.due_on FROM advice_requests r JOIN assessments a "
	    "ON a.id = r.assessment_id WHERE r.kind = 'parent' "
	    "AND r.professional_id = $1 "
	    "AND advice_request_open(r.status) "
	    "ORDER BY r.due_on, r.id", 1 },
	/* ST_VIEWS_ASKED_MAIL: $1 parent account, $2 subject, $3 body
	 * templates, $4 reference, $5 link, $6 due on, $7 assessment → the
	 * mail queued (it names the case reference, never the child). */
	[ST_VIEWS_ASKED_MAIL] = { "INSERT INTO outbox (to_address, subject, body, "
	    "link, assessment_id) SELECT email, "
	    "chase_mail_fill($2, $4, $5, $6::date, 0, display_name), "
	    "chase_mail_fill($3, $4, $5, $6::date, 0, display_name), $5, $7 "
	    "FROM accounts WHERE id = $1 AND role = 'parent' RETURNING id", 7 },
	/* ST_CSRF_EARLIER: $1 account, $2 CSRF token → a row if the token
	 * was one of the account's sessions' (ended within 12 hours, or
	 * another of its sessions): a form typed before signing in again. */
	[ST_CSRF_EARLIER] = { "SELECT 1 FROM sessions WHERE account_id = $1 "
	    "AND csrf = $2 UNION ALL SELECT 1 FROM csrf_retired "
	    "WHERE account_id = $1 AND csrf_hash = sha256(convert_to($2, 'UTF8')) "
	    "AND retired_at > now() - interval '12 hours' LIMIT 1", 2 },
};
