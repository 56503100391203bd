/*
 * The statements of the draft plan, in enum order (plan_sql.h). Every
 * statement is scoped by a plan or assessment the page has already
 * checked against the caller (ST_ASSESSMENT_GET); rows take their
 * council from the plan, never from the request.
 */
#include "plan_sql.h"

const struct stmt_def plan_stmts[PS__MAX] = {
	/* $1 assessment → the plan: id, version, status. */
	[PS_PLAN_GET] = { "SELECT id, version, status FROM plans "
	    "WHERE assessment_id = $1", 1 },
	/* $1 assessment, $2 account → the new plan's id, or no row if one exists. */
	[PS_PLAN_CREATE] = { "INSERT INTO plans (council_id, assessment_id, "
	    "created_by) SELECT council_id, id, $2 FROM assessments WHERE id = $1 "
	    "ON CONFLICT (assessment_id) DO NOTHING RETURNING id, version", 2 },
	/* $1 plan → its new version (every change to any section). */
	[PS_PLAN_BUMP] = { "UPDATE plans SET version = version + 1, "
	    "updated_at = now() WHERE id = $1 RETURNING version", 1 },
	/* $1 plan, $2 section, $3 version, $4 plan version, $5 reason,
	 * $6 account → id. UNIQUE (plan, section, version) refuses a second
	 * save from the same version (the optimistic lock). */
	[PS_SECTION_INSERT] = { "INSERT INTO plan_sections (council_id, plan_id, "
	    "section, version, plan_version, reason, saved_by) "
	    "SELECT council_id, id, $2, $3, $4, $5, $6 FROM plans WHERE id = $1 "
	    "RETURNING id", 6 },
	/* $1 plan → the newest version of every section with its paragraphs
	 * in order (a section with none: one row of NULL paragraph). */
	[PS_PARAS] = { "SELECT s.section, s.version, coalesce(p.position, 0), "
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
	    "FROM plan_sections x WHERE x.plan_id = s.plan_id AND x.section = s.section) "
	    "ORDER BY s.section, p.position", 1 },
	[PS_ASSEMBLED] = { "SELECT advice_id FROM plan_assembled_advice "
	    "WHERE plan_id = $1", 1 },
	/* $1 assessment → its accepted advice, by date of advice. */
	[PS_ACCEPTED] = { "SELECT r.id, a.id, r.kind, a.declaration_name, "
	    "a.declaration_role, o.name, coalesce(a.declaration_date, "
	    "(a.submitted_at AT TIME ZONE 'Europe/London')::date)::text, "
	    "a.template_id, a.template_version "
	    "FROM advice a JOIN advice_requests r ON r.id = a.request_id "
	    "JOIN organisations o ON o.id = r.organisation_id "
	    "WHERE r.assessment_id = $1 AND a.status = 'accepted' "
	    "ORDER BY 7, r.id, a.id", 1 },
	/* $1 council, $2 assessment → the other children's names. */
	[PS_OTHER_CHILDREN] = { "SELECT child_given_name, child_family_name "
	    "FROM assessments WHERE council_id = $1 AND id <> $2", 2 },
	/* $1 plan → every saved section version, newest first. */
	[PS_VERSIONS] = { "SELECT s.plan_version, s.section, s.version, s.reason, "
	    "u.display_name, to_char(s.saved_at AT TIME ZONE 'Europe/London', "
	    "'FMDD FMMonth YYYY HH24:MI') FROM plan_sections s "
	    "JOIN accounts u ON u.id = s.saved_by WHERE s.plan_id = $1 "
	    "ORDER BY s.plan_version DESC, s.section", 1 },
	/* $1 assessment → the answers of its accepted advice, in one round
	 * trip (not one per advice): advice, field, row, column, value. */
	[PS_ACCEPTED_VALUES] = { "SELECT v.advice_id, v.field_id, v.row_no, "
	    "v.column_id, v.value FROM advice a "
	    "JOIN advice_requests r ON r.id = a.request_id "
	    "JOIN advice_values v ON v.advice_id = a.id "
	    "WHERE r.assessment_id = $1 AND a.status = 'accepted' "
	    "ORDER BY v.advice_id", 1 },
	/* $1 section row, $2 its paragraphs as a JSON array of {p position,
	 * a area, b body, w/o/l cells (null when not provision), r request and
	 * v advice (0 none), f field, t part, n adviser, ro role, sv service,
	 * d date ('' none), e edited, nw new}: one round trip per section
	 * (plan_paragraphs' columns). */
	[PS_PARAS_INSERT_JSON] = { "INSERT INTO plan_paragraphs (section_id, "
	    "council_id, position, area, body, by_whom, how_often, how_long, "
	    "source_request_id, source_advice_id, source_field, source_part, "
	    "adviser, adviser_role, service, advice_date, edited, is_new) "
	    "SELECT s.id, s.council_id, x.p, x.a, x.b, x.w, x.o, x.l, "
	    "NULLIF(x.r, 0), NULLIF(x.v, 0), x.f, x.t, x.n, x.ro, x.sv, "
	    "NULLIF(x.d, '')::date, x.e, x.nw FROM plan_sections s, "
	    "jsonb_to_recordset($2::jsonb) AS x(p integer, a text, b text, "
	    "w text, o text, l text, r bigint, v bigint, f text, t integer, "
	    "n text, ro text, sv text, d text, e boolean, nw boolean) "
	    "WHERE s.id = $1", 2 },
	/*
	 * $1 plan, $2 sections as JSON [{s section, ver its new version, ps
	 * its paragraphs as for PS_PARAS_INSERT_JSON}], $3 plan version, $4
	 * reason, $5 account, $6 the advice assembled as a JSON array of ids
	 * → the number of sections stored. A draft stored in one round trip.
	 */
	[PS_DRAFT_STORE_JSON] = { "WITH j AS (SELECT x.s, x.ver, x.ps "
	    "FROM jsonb_to_recordset($2::jsonb) AS x(s text, ver integer, ps jsonb)), "
	    "sec AS (INSERT INTO plan_sections (council_id, plan_id, section, "
	    "version, plan_version, reason, saved_by) SELECT p.council_id, p.id, "
	    "j.s, j.ver, $3::integer, $4, $5::bigint FROM plans p, j WHERE p.id = $1 "
	    "RETURNING id, council_id, section), "
	    "adv AS (INSERT INTO plan_assembled_advice (plan_id, council_id, "
	    "advice_id, plan_version) SELECT p.id, p.council_id, a.value::bigint, "
	    "$3::integer FROM plans p, jsonb_array_elements_text($6::jsonb) a "
	    "WHERE p.id = $1 ON CONFLICT DO NOTHING RETURNING 1), "
	    "par AS (INSERT INTO plan_paragraphs (section_id, council_id, position, "
	    "area, body, by_whom, how_often, how_long, source_request_id, "
	    "source_advice_id, source_field, source_part, adviser, adviser_role, "
	    "service, advice_date, edited, is_new) SELECT sec.id, sec.council_id, "
	    "x.p, x.a, x.b, x.w, x.o, x.l, NULLIF(x.r, 0), NULLIF(x.v, 0), x.f, "
	    "x.t, x.n, x.ro, x.sv, NULLIF(x.d, '')::date, x.e, x.nw "
	    "FROM sec JOIN j ON j.s = sec.section CROSS JOIN LATERAL "
	    "jsonb_to_recordset(j.ps) AS x(p integer, a text, b text, w text, "
	    "o text, l text, r bigint, v bigint, f text, t integer, n text, "
	    "ro text, sv text, d text, e boolean, nw boolean) RETURNING 1) "
	    "SELECT (SELECT count(*) FROM sec), (SELECT count(*) FROM par), "
	    "(SELECT count(*) FROM adv)", 6 },
	/* $1 assessment, $2 its plan → how many of its accepted advice the
	 * plan has not assembled yet (0: a re-assembly finds nothing new). */
	[PS_UNASSEMBLED] = { "SELECT count(*) FROM advice a "
	    "JOIN advice_requests r ON r.id = a.request_id "
	    "WHERE r.assessment_id = $1 AND a.status = 'accepted' AND NOT EXISTS "
	    "(SELECT 1 FROM plan_assembled_advice x WHERE x.plan_id = $2 "
	    "AND x.advice_id = a.id)", 2 },
};
