-- make demo-large: a large fictional council for the service dashboard,
-- the monthly 20-week table and make bench-mi (issue 13).
--
-- Largeshire County Council: 20,000 requests for assessment received over
-- the last 5 years, about 200,000 advice requests, with decisions, drafts,
-- final plans and exceptions and a realistic lateness: about 80 % of the
-- decisions to assess by week 6, about half the plans beyond 20 weeks,
-- educational psychology advice often late (about 45 % within 6 weeks),
-- other advice mostly on time (about 85 %). Every name is fictional.
-- Its manager is manager@large.test with the demo password (the hash is
-- copied from manager@demo.test; a database without the demo gets an
-- account that cannot sign in).
--
-- Run as the schema owner: psql -v ON_ERROR_STOP=1 -d "$PORTAL_DB_OWNER" -f
-- scripts/demo-large.sql. Deterministic (setseed), one transaction, and
-- a second run does nothing. Dates are relative to the day it runs.

SELECT EXISTS (SELECT 1 FROM organisations WHERE kind = 'local_authority'
    AND name = 'Largeshire County Council') AS have_large \gset
\if :have_large
\echo demo-large: Largeshire County Council is there already
\quit
\endif

BEGIN;
SELECT setseed(0.2026) \gset
-- The summaries of the dashboard (db/023_dashboard.sql) are rebuilt once
-- at the end rather than row by row: their triggers are off meanwhile.
ALTER TABLE assessments DISABLE TRIGGER assessments_figures;
ALTER TABLE assessment_decisions DISABLE TRIGGER assessment_decisions_figures;
ALTER TABLE exceptions DISABLE TRIGGER exceptions_figures;
ALTER TABLE advice_requests DISABLE TRIGGER advice_requests_figures;
ALTER TABLE advice DISABLE TRIGGER advice_figures_submitted;
ALTER TABLE advice DISABLE TRIGGER advice_figures_resubmitted;

INSERT INTO organisations (kind, name) VALUES
	('local_authority', 'Largeshire County Council'),
	('ep_service', 'Largeshire Educational Psychology Service'),
	('nhs_body', 'Largeshire Community Health NHS Trust'),
	('social_care', 'Largeshire Children''s Social Care'),
	('school', 'Fernhill Primary School'),
	('school', 'Oakmoor Academy'),
	('school', 'Willowbank Special School');

CREATE TEMP TABLE lg_org AS
	SELECT (SELECT id FROM organisations WHERE name = 'Largeshire County Council') AS council,
	    (SELECT id FROM organisations WHERE name = 'Largeshire Educational Psychology Service') AS ep,
	    (SELECT id FROM organisations WHERE name = 'Largeshire Community Health NHS Trust') AS nhs,
	    (SELECT id FROM organisations WHERE name = 'Largeshire Children''s Social Care') AS sc,
	    ARRAY(SELECT id FROM organisations WHERE name IN ('Fernhill Primary School',
		'Oakmoor Academy', 'Willowbank Special School') ORDER BY id) AS schools;

INSERT INTO council_providers (council_id, provider_id)
	SELECT o.council, p FROM lg_org o,
	    unnest(ARRAY[o.ep, o.nhs, o.sc] || o.schools) p;

-- Staff: a manager, 12 caseworkers, a professional per provider.
INSERT INTO accounts (organisation_id, role, email, display_name, job_title, password_hash)
SELECT o.org, o.role, o.email, o.name, o.job,
    coalesce((SELECT password_hash FROM accounts WHERE email = 'manager@demo.test'), '!')
FROM (SELECT (SELECT council FROM lg_org) AS org, 'manager' AS role,
	'manager@large.test' AS email, 'Rowan Ashdown' AS name, 'SEND team manager' AS job
    UNION ALL
    SELECT (SELECT council FROM lg_org), 'caseworker', format('cw%s@large.test', lpad(g::text, 2, '0')),
	(ARRAY['Ada Fenwick', 'Bilal Oakes', 'Cara Quill', 'Dev Marlow', 'Esme Thorne',
	    'Farid Lowe', 'Greta Vance', 'Hugo Penrose', 'Ines Carrow', 'Jonah Reed',
	    'Kit Harrowgate', 'Lena Moss'])[g], 'EHC caseworker'
    FROM generate_series(1, 12) g
    UNION ALL
    SELECT p.org, 'professional', p.email, p.name, p.job FROM lg_org o,
	LATERAL (VALUES (o.ep, 'ep@large.test', 'Dr Mira Kestrel', 'Educational psychologist'),
	    (o.nhs, 'health@large.test', 'Dr Owen Brackley', 'Community paediatrician'),
	    (o.sc, 'socialcare@large.test', 'Nell Ashby', 'Social worker'),
	    (o.schools[1], 'senco@large.test', 'Tess Holloway', 'SENCO')) p(org, email, name, job)
) o;

CREATE TEMP TABLE lg_staff AS
	SELECT ARRAY(SELECT id FROM accounts WHERE email LIKE 'cw%@large.test' ORDER BY email) AS cw,
	    (SELECT id FROM accounts WHERE email = 'ep@large.test') AS ep,
	    (SELECT id FROM accounts WHERE email = 'health@large.test') AS nhs,
	    (SELECT id FROM accounts WHERE email = 'socialcare@large.test') AS sc,
	    (SELECT id FROM accounts WHERE email = 'senco@large.test') AS school;

-- 20,000 requests received over the last 5 years (1,826 days).
INSERT INTO assessments (council_id, reference, child_given_name, child_family_name,
    date_of_birth, request_received, caseworker_id)
SELECT o.council, 'LG-' || lpad(r.g::text, 6, '0'),
    (ARRAY['Alfie', 'Bea', 'Cyrus', 'Daisy', 'Ezra', 'Freya', 'Gus', 'Hattie', 'Idris',
	'Juno', 'Kian', 'Lyra', 'Milo', 'Nia', 'Otto', 'Pip', 'Quinn', 'Rosa', 'Sol',
	'Tilly', 'Umar', 'Vida', 'Wren', 'Xavi', 'Yara', 'Zed'])[1 + r.g % 26],
    (ARRAY['Ashgrove', 'Blackthorn', 'Cobbold', 'Dunmore', 'Elderfield', 'Foxley',
	'Gorsebrook', 'Hazelwood', 'Ivybridge', 'Juniper', 'Kingsmere', 'Larkhill',
	'Mossfield', 'Nettlebed', 'Orchardleigh', 'Pebblecombe', 'Quarrydale'])[1 + r.g % 17],
    r.received - (4 * 365 + (r.g * 7919) % (12 * 365)), r.received,
    s.cw[1 + r.g % 12]
FROM lg_org o, lg_staff s,
    (SELECT g, current_date - 1826 + floor(random() * 1826)::int AS received
     FROM generate_series(1, 20000) g) r;

-- Each case's course, drawn once. Delays in days after the request.
CREATE TEMP TABLE lg_case AS
SELECT a.id, a.request_received AS rr, a.caseworker_id AS cw, x.*,
    x.f_delay - 15 - x.d_jitter AS draft_delay
FROM assessments a, lg_org o,
    LATERAL (SELECT
	CASE WHEN random() < 0.8 THEN 14 + floor(random() * 29)::int
	    ELSE 43 + floor(random() * 35)::int END + 0 * a.id::int AS a_delay,
	random() < 0.85 AS assess,
	CASE WHEN random() < 0.75 THEN 80 + floor(random() * 33)::int
	    ELSE 113 + floor(random() * 40)::int END AS p_delay,
	random() < 0.95 AS plan,
	100 + floor(random() * 86)::int AS f_delay,
	floor(random() * 10)::int AS d_jitter,
	random() < 0.08 AS exc,
	floor(random() * 4)::int AS exc_kind) x
WHERE a.council_id = o.council;

INSERT INTO assessment_decisions (council_id, assessment_id, kind, outcome, decided_on,
    due_on, comments_due, plan_version, recorded_by)
SELECT o.council, c.id, d.kind, d.outcome, d.on_, d.due, d.comments, d.version, c.cw
FROM lg_case c, lg_org o,
    LATERAL (VALUES
	('decision_to_assess', CASE WHEN c.assess THEN 'yes' ELSE 'no' END,
	    c.rr + c.a_delay, c.rr + 42, NULL::date, NULL::int, true),
	('plan_decision', CASE WHEN c.plan THEN 'yes' ELSE 'no' END,
	    c.rr + greatest(c.p_delay, c.a_delay + 30), c.rr + 112, NULL, NULL, c.assess),
	('draft_issued', NULL, c.rr + greatest(c.draft_delay, c.p_delay, c.a_delay + 30) + 1,
	    c.rr + 140, c.rr + greatest(c.draft_delay, c.p_delay, c.a_delay + 30) + 15,
	    1, c.assess AND c.plan),
	('final_issued', NULL, c.rr + greatest(c.f_delay, c.p_delay + 16, c.a_delay + 46)
	    + CASE WHEN c.exc THEN 30 ELSE 0 END,
	    c.rr + 140, NULL, 1, c.assess AND c.plan)
    ) d(kind, outcome, on_, due, comments, version, happens)
WHERE d.happens AND d.on_ <= current_date
    AND (d.kind <> 'draft_issued' OR d.comments <= current_date + 14);

-- A "no" ends the assessment.
UPDATE assessments a SET closed_on = d.decided_on
FROM assessment_decisions d
WHERE d.assessment_id = a.id AND d.outcome = 'no'
    AND a.council_id = (SELECT council FROM lg_org);

INSERT INTO exceptions (assessment_id, kind, starts_on, ends_on, reason, recorded_by)
SELECT c.id, (ARRAY['school_closure', 'personal_circumstances', 'absence',
	'missed_appointment'])[1 + c.exc_kind], c.rr + 50, c.rr + 80,
    'Fictional demo exception (make demo-large)', c.cw
FROM lg_case c WHERE c.exc AND c.rr + 50 <= current_date;

-- Advice: up to 12 requests per case assessed, sought within days of the
-- decision, 200,000 in all. Ids are given here so each request's advice
-- can be written beside it.
CREATE TEMP TABLE lg_req AS
SELECT (SELECT coalesce(max(id), 0) FROM advice_requests) + row_number() OVER (ORDER BY c.id, k.n) AS id,
    c.id AS assessment_id, k.kind, c.cw,
    c.rr + c.a_delay + floor(random() * 6)::int AS requested,
    CASE WHEN k.kind = 'psychological'
	THEN 25 + floor(random() * 40)::int
	ELSE CASE WHEN random() < 0.85 THEN 14 + floor(random() * 29)::int
	    ELSE 43 + floor(random() * 40)::int END END AS delay,
    CASE k.kind WHEN 'psychological' THEN o.ep WHEN 'medical' THEN o.nhs
	WHEN 'other' THEN o.nhs WHEN 'social_care' THEN o.sc
	WHEN 'preparing_for_adulthood' THEN o.sc WHEN 'parent' THEN o.council
	ELSE o.schools[1 + c.id % 3] END AS org,
    CASE k.kind WHEN 'psychological' THEN s.ep WHEN 'medical' THEN s.nhs
	WHEN 'other' THEN s.nhs WHEN 'social_care' THEN s.sc
	WHEN 'preparing_for_adulthood' THEN s.sc WHEN 'parent' THEN c.cw
	ELSE s.school END AS author
FROM lg_case c, lg_org o, lg_staff s,
    unnest(ARRAY['parent', 'psychological', 'medical', 'educational', 'social_care',
	'psychological', 'medical', 'educational', 'other', 'preparing_for_adulthood',
	'educational', 'social_care']) WITH ORDINALITY k(kind, n)
WHERE c.assess AND c.rr + c.a_delay <= current_date
ORDER BY c.id, k.n
LIMIT 200000;

INSERT INTO advice_requests (id, assessment_id, kind, organisation_id, template_id,
    template_version, requested_on, due_on, status, created_by)
OVERRIDING SYSTEM VALUE
SELECT r.id, r.assessment_id, r.kind, r.org, r.kind, 1, r.requested, r.requested + 42,
    CASE WHEN r.requested + r.delay <= current_date THEN 'accepted' ELSE 'requested' END,
    r.cw
FROM lg_req r WHERE r.requested <= current_date;
SELECT setval(pg_get_serial_sequence('advice_requests', 'id'),
    (SELECT max(id) FROM advice_requests)) \gset

INSERT INTO advice (request_id, version, template_id, template_version, status, author_id,
    declaration_name, declaration_date, saved_at, submitted_at, reviewed_by, reviewed_at)
SELECT r.id, 1, r.kind, 1, 'accepted', r.author, 'Fictional adviser',
    r.requested + r.delay, (r.requested + r.delay)::timestamptz + interval '10 hours',
    (r.requested + r.delay)::timestamptz + interval '10 hours', r.cw,
    (r.requested + r.delay)::timestamptz + interval '12 hours'
FROM lg_req r WHERE r.requested + r.delay <= current_date;

SELECT figures_rebuild() \gset
ALTER TABLE assessments ENABLE TRIGGER assessments_figures;
ALTER TABLE assessment_decisions ENABLE TRIGGER assessment_decisions_figures;
ALTER TABLE exceptions ENABLE TRIGGER exceptions_figures;
ALTER TABLE advice_requests ENABLE TRIGGER advice_requests_figures;
ALTER TABLE advice ENABLE TRIGGER advice_figures_submitted;
ALTER TABLE advice ENABLE TRIGGER advice_figures_resubmitted;
COMMIT;
ANALYZE assessments;
ANALYZE assessment_decisions;
ANALYZE advice_requests;
ANALYZE advice;
ANALYZE exceptions;
ANALYZE case_figures;
ANALYZE advice_figures;

SELECT 'demo-large: ' || (SELECT count(*) FROM assessments a JOIN lg_org o ON a.council_id = o.council)
    || ' assessments, ' || (SELECT count(*) FROM advice_requests r JOIN assessments a
	ON a.id = r.assessment_id JOIN lg_org o ON a.council_id = o.council)
    || ' advice requests for Largeshire County Council (manager@large.test)' AS done \gset
\echo :done
