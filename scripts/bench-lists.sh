#!/usr/bin/env bash
# make bench-lists: the work lists and the caseload over make demo-large,
# as ratios against the inbox page measured in the same run, on a
# throwaway stack (port BENCH_LISTS_PORT, default 18894). Target: each
# page ≤ 20× an inbox page.
#   1. the stack, its demo data and demo-large;
#   2. signs in ep@demo.test (the inbox baseline), manager@large.test and
#      the Largeshire caseworker with the most open cases;
#   3. N requests each (default 20), one after another, of /inbox,
#      /manager/work, /manager, /caseworker/work and /caseworker with
#      curl: median and p90, and the median's ratio to the inbox's.
# KEEP=1 leaves the stack running (for EXPLAIN; stop it with
# scripts/pg.sh stop var/bench-lists/pg and kill the portal).
# Results: var/bench-lists/results.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/stack.sh
port=${BENCH_LISTS_PORT:-18894}
n=${N:-20}
out=$PWD/var/bench-lists
[ "${KEEP:-0}" = 1 ] || trap stack_down EXIT
stack_up "$out" "$port" >/dev/null
B=$BASE_URL
psql -X -q -v ON_ERROR_STOP=1 -d "$PORTAL_DB_OWNER" -f scripts/demo-large.sql > "$out/demo-large.txt"
# The steady state autovacuum reaches a minute after a bulk load: the
# visibility map set (index-only scans) and the statistics fresh.
psql -X -q -d "$PORTAL_DB_OWNER" -c "VACUUM (ANALYZE)" 2>/dev/null

session_of() {	# email → its session cookie's value
	local jar=$out/jar-$1 csrf
	rm -f "$jar"
	csrf=$(curl -s -c "$jar" "$B/sign-in" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
	curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "csrf=$csrf" \
	    -d email="$1" -d password=demo-password-2026 "$B/sign-in"
	awk '$6 == "portal_session" { print $7 }' "$jar"
}
# The Largeshire caseworker holding the most open cases.
cw_email=$(psql -X -A -t -d "$PORTAL_DB_OWNER" -c "SELECT u.email FROM assessments a
    JOIN accounts u ON u.id = a.caseworker_id JOIN organisations o ON o.id = a.council_id
    WHERE o.name = 'Largeshire County Council' AND a.closed_on IS NULL
    AND NOT EXISTS (SELECT 1 FROM assessment_decisions f WHERE f.assessment_id = a.id
    AND f.kind = 'final_issued') GROUP BY u.email ORDER BY count(*) DESC, u.email LIMIT 1")
psql -X -q -d "$PORTAL_DB_OWNER" -c "DELETE FROM signin_attempts"
ep=$(session_of ep@demo.test)
mgr=$(session_of manager@large.test)
cw=$(session_of "$cw_email")
[ -n "$ep" ] && [ -n "$mgr" ] && [ -n "$cw" ] || { echo "bench-lists: sign-in failed"; exit 1; }

get() {	# session path → seconds (asserts 200)
	local code t
	read -r code t < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' \
	    -H "Cookie: portal_session=$1" "$B$2")
	[ "$code" = 200 ] || { echo "bench-lists: $2 answered $code" >&2; exit 1; }
	echo "$t"
}
pages=("inbox $ep /inbox" "manager-work $mgr /manager/work" "manager-caseload $mgr /manager"
    "caseworker-work $cw /caseworker/work" "caseworker-caseload $cw /caseworker")
# Warm every worker (prepared statements).
for i in 1 2 3 4; do for p in "${pages[@]}"; do set -- $p; get "$2" "$3" >/dev/null; done; done
# Interleaved, so that a busy moment of the machine falls on every page alike.
for p in "${pages[@]}"; do set -- $p; : > "$out/t-$1.txt"; done
for i in $(seq 1 "$n"); do
	for p in "${pages[@]}"; do set -- $p; get "$2" "$3" >> "$out/t-$1.txt"; done
done
q() {	# tag fraction → ms
	sort -g "$out/t-$1.txt" | awk -v f="$2" '{ v[NR] = $1 } END {
	    i = int(NR * f + 0.999); if (i < 1) i = 1; printf "%.1f", v[i] * 1000 }'
}
base=$(q inbox 0.5)
{
echo "Machine: $(nproc) cores, $(uname -sr); $(date -u +%Y-%m-%dT%H:%MZ); $n requests each"
echo "$(tail -1 "$out/demo-large.txt"); caseworker: $cw_email"
for p in "${pages[@]}"; do set -- $p
	printf '%-20s %-18s median %7s ms  p90 %7s ms  → %5s× an inbox page (median; target ≤ 20×)\n' \
	    "$1" "$3" "$(q "$1" 0.5)" "$(q "$1" 0.9)" \
	    "$(echo "$(q "$1" 0.5) / $base" | bc -l | awk '{ printf "%.1f", $1 }')"
done
} | tee "$out/results.txt"
stack_seccomp_clean
