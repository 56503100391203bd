#!/usr/bin/env bash
# Benchmark (not a test): one chase pass over a national year.
#   scripts/bench-chase.sh [DAY]        (make bench-chase)
# Fills a separate database (portal_bench) in the private cluster (var/pg)
# with 1,000,000 advice requests requested over the 12 months before DAY
# (default 2026-06-15), statuses chosen so that about 5% are due for a
# chase step on DAY, plus 20,000 served drafts and 10,000 consultations
# (the pass chases those too), then times a bare SELECT count(*) over the table, one
# chase pass (portalctl chase --once, committed) and a second pass (nothing
# left to send), and prints the pass's plan (EXPLAIN ANALYZE, rolled back).
set -euo pipefail
cd "$(dirname "$0")/.."
day=${1:-2026-06-15}
pg=$PWD/var/pg
scripts/pg.sh start "$pg"
scripts/db-setup.sh "$pg"
admin=(psql -X -q -v ON_ERROR_STOP=1 -h "$pg/run" -U postgres -d postgres)
"${admin[@]}" -c "DROP DATABASE IF EXISTS portal_bench" -c "CREATE DATABASE portal_bench OWNER portal_owner"
export PORTAL_DB_OWNER="host=$pg/run dbname=portal_bench user=portal_owner"
export PORTAL_DB="host=$pg/run dbname=portal_bench user=portal_app"
scripts/migrate.sh >/dev/null
owner=(psql -X -q -v ON_ERROR_STOP=1 -d "$PORTAL_DB_OWNER")

ms() { echo $(( ($(date +%s%N) - $1) / 1000000 )); }

echo "== generating 1,000,000 advice requests requested in the year before $day"
t=$(date +%s%N)
"${owner[@]}" -v day="$day" <<'SQL'
SET synchronous_commit = off;
-- One council and the 150 EP services of England, each with 2 service
-- leads; 2,000 professionals spread over them; 200 caseworkers. No
-- account has a usable password.
INSERT INTO organisations (kind, name) VALUES ('local_authority', 'Benchshire Council');
INSERT INTO organisations (kind, name)
SELECT 'ep_service', 'Bench EP Service ' || g FROM generate_series(0, 149) g;
INSERT INTO council_providers SELECT c.id, p.id FROM organisations c, organisations p
	WHERE c.kind = 'local_authority' AND p.kind = 'ep_service';
INSERT INTO accounts (organisation_id, role, email, display_name, password_hash)
SELECT (SELECT id FROM organisations WHERE kind = 'local_authority'), 'caseworker',
	'cw' || g || '@bench.test', 'Caseworker ' || g, '!' FROM generate_series(1, 200) g;
INSERT INTO accounts (organisation_id, role, email, display_name, password_hash)
SELECT o.id, 'service_lead', 'lead' || k || '.' || o.id || '@bench.test', 'Lead ' || k, '!'
FROM organisations o, generate_series(1, 2) k WHERE o.kind = 'ep_service';
INSERT INTO accounts (organisation_id, role, email, display_name, password_hash)
SELECT o.id, 'professional', 'ep' || g || '@bench.test', 'EP ' || g, '!'
FROM generate_series(1, 2000) g
JOIN organisations o ON o.name = 'Bench EP Service ' || (g % 150);
-- 200,000 assessments, received over the year.
INSERT INTO assessments (council_id, reference, child_given_name, child_family_name,
	date_of_birth, request_received, caseworker_id)
SELECT (SELECT id FROM organisations WHERE kind = 'local_authority'), 'BEN-' || g,
	'Child', 'Bench' || g, date '2015-01-01',
	:'day'::date - 365 + (g % 365), (SELECT min(id) FROM accounts WHERE role = 'caseworker') + g % 200
FROM generate_series(1, 200000) g;
-- Five requests each, to professional (id·5 + k) mod 2000 and their
-- service. Status by how far the due date is from the day: due later, 80%
-- open; due in the last 30 days, 40% open; older, 3% open.
INSERT INTO advice_requests (assessment_id, kind, organisation_id, professional_id,
	template_id, template_version, requested_on, due_on, status, created_by)
SELECT a.id, 'psychological', p.organisation_id, p.id,
	'psychological', 1, a.request_received, a.request_received + 42,
	CASE WHEN (a.id * 7919 + k * 104729) % 100 < CASE
		WHEN a.request_received + 42 >= :'day'::date THEN 80
		WHEN a.request_received + 42 >= :'day'::date - 30 THEN 40 ELSE 3 END
	THEN (ARRAY['allocated', 'draft'])[1 + k % 2] ELSE 'accepted' END,
	a.caseworker_id
FROM assessments a CROSS JOIN generate_series(1, 5) k
JOIN accounts p ON p.email = 'ep' || ((a.id * 5 + k) % 2000 + 1) || '@bench.test';
-- The plan's stage (issue 12), cheap beside the requests: a draft served
-- on one assessment in 10 over the year before the day (the parent is a
-- contact with an account; half have responded), and a consultation sent
-- to one of 100 schools (each with a school responder) on one in 20, a
-- third of them answered.
INSERT INTO organisations (kind, name)
SELECT 'school', 'Bench School ' || g FROM generate_series(0, 99) g;
INSERT INTO accounts (organisation_id, role, email, display_name, password_hash)
SELECT o.id, 'school_responder', 'resp.' || o.id || '@bench.test', 'Responder ' || o.id, '!'
FROM organisations o WHERE o.kind = 'school';
INSERT INTO accounts (organisation_id, role, email, display_name, password_hash)
SELECT (SELECT id FROM organisations WHERE kind = 'local_authority'), 'parent',
	'parent' || a.id || '@bench.test', 'Parent ' || a.id, '!'
FROM assessments a WHERE a.id % 10 = 0;
INSERT INTO assessment_contacts (assessment_id, name, email, account_id)
SELECT a.id, u.display_name, u.email, u.id FROM assessments a
JOIN accounts u ON u.email = 'parent' || a.id || '@bench.test';
INSERT INTO plans (council_id, assessment_id, created_by)
SELECT council_id, id, caseworker_id FROM assessments WHERE id % 10 = 0;
INSERT INTO assessment_decisions (council_id, assessment_id, kind, decided_on, due_on,
	comments_due, plan_version, recorded_by, responded_on)
SELECT council_id, id, 'draft_issued', :'day'::date - (id % 365)::int, :'day'::date - (id % 365)::int,
	:'day'::date - (id % 365)::int + 14, 1, caseworker_id,
	CASE WHEN id % 20 = 0 THEN :'day'::date - (id % 365)::int + 7 END
FROM assessments WHERE id % 10 = 0;
INSERT INTO consultations (council_id, assessment_id, plan_id, plan_version, setting_id,
	sent_on, due_on, answer, reasons, answered_on, answered_by, sent_by)
SELECT a.council_id, a.id, p.id, 1, s.id, :'day'::date - (a.id % 365)::int, :'day'::date - (a.id % 365)::int + 15,
	CASE WHEN a.id % 60 = 0 THEN 'can_meet' END, '',
	CASE WHEN a.id % 60 = 0 THEN :'day'::date - (a.id % 365)::int END,
	CASE WHEN a.id % 60 = 0 THEN r.id END, a.caseworker_id
FROM assessments a JOIN plans p ON p.assessment_id = a.id
JOIN organisations s ON s.name = 'Bench School ' || (a.id / 20 % 100)
JOIN accounts r ON r.organisation_id = s.id AND r.role = 'school_responder'
WHERE a.id % 20 = 0;
ANALYZE organisations, accounts, assessments, advice_requests, assessment_contacts,
	assessment_decisions, consultations, plans;
SQL
echo "generated in $(ms "$t") ms"
"${owner[@]}" -tA -c "SELECT 'requests: ' || count(*) || ', open: ' || count(*) FILTER (WHERE status IN ('allocated', 'draft')) FROM advice_requests"
"${owner[@]}" -tA -c "SELECT 'drafts served: ' || count(*) || ', not responded: ' || count(*) FILTER (WHERE responded_on IS NULL) FROM assessment_decisions WHERE kind = 'draft_issued'" \
	-c "SELECT 'consultations: ' || count(*) || ', open: ' || count(*) FILTER (WHERE answer IS NULL) FROM consultations"

echo "== bare SELECT count(*) FROM advice_requests (best of 3)"
best=999999
for i in 1 2 3; do
	t=$(date +%s%N)
	"${owner[@]}" -tA -c "SELECT count(*) FROM advice_requests" >/dev/null
	e=$(ms "$t"); [ "$e" -lt "$best" ] && best=$e
done
echo "count(*): $best ms"

echo "== the pass's plan (EXPLAIN ANALYZE, rolled back)"
PORTAL_ROOT=$PWD build/portalctl chase --once --today "$day" --explain | tee var/bench-chase-plan.txt

echo "== one chase pass (committed)"
t=$(date +%s%N)
PORTAL_ROOT=$PWD build/portalctl chase --once --today "$day" > var/bench-chase-pass.txt
pass=$(ms "$t")
tail -n 1 var/bench-chase-pass.txt
due=$("${owner[@]}" -tA -c "SELECT count(DISTINCT target_id) FROM chase_log WHERE target_kind = 'advice'")
echo "requests due for a step on $day: $due ($(( due * 100 / 1000000 ))% of the table)"
"${owner[@]}" -tA -c "SELECT target_kind || ': ' || count(DISTINCT target_id) || ' due, ' || count(*) || ' mails' FROM chase_log GROUP BY target_kind ORDER BY target_kind"
echo "pass: $pass ms"

echo "== the same pass again (nothing left to send)"
t=$(date +%s%N)
PORTAL_ROOT=$PWD build/portalctl chase --once --today "$day" | tail -n 1
again=$(ms "$t")
echo "second pass: $again ms"
echo
echo "summary: 1,000,000 requests; count(*) $best ms; chase pass $pass ms (queued $(wc -l < var/bench-chase-pass.txt | awk '{print $1 - 1}') mails for $due requests); repeat pass $again ms"
