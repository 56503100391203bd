#!/usr/bin/env bash
# Benchmark (not a test): one chase pass over a national year.
#   scripts/bench-chase.sh [DAY]        (make bench-chase)
# Fills a separate database (portal_bench) in the private cluster (var/pg)
# with 1,000,000 advice requests requested over the 12 months before DAY
# (default 2026-06-15), statuses chosen so that about 5% are due for a
# chase step on DAY, then times a bare SELECT count(*) over the table, one
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
ANALYZE organisations, accounts, assessments, advice_requests;
SQL
echo "generated in $(ms "$t") ms"
"${owner[@]}" -tA -c "SELECT 'requests: ' || count(*) || ', open: ' || count(*) FILTER (WHERE status IN ('allocated', 'draft')) FROM advice_requests"

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
due=$("${owner[@]}" -tA -c "SELECT count(DISTINCT target_id) FROM chase_log")
echo "requests due for a step on $day: $due ($(( due * 100 / 1000000 ))% of the table)"
echo "pass: $pass ms"

echo "== the same pass again (nothing left to send)"
t=$(date +%s%N)
PORTAL_ROOT=$PWD build/portalctl chase --once --today "$day" | tail -n 1
again=$(ms "$t")
echo "second pass: $again ms"
echo
echo "summary: 1,000,000 requests; count(*) $best ms; chase pass $pass ms (queued $(wc -l < var/bench-chase-pass.txt | awk '{print $1 - 1}') mails for $due requests); repeat pass $again ms"
