#!/usr/bin/env bash
# make bench-mi (and make bench): the service dashboard and the monthly
# 20-week table over make demo-large, as ratios against the inbox page
# measured in the same run, on a throwaway stack (port BENCH_MI_PORT,
# default 18897). Target: each page ≤ 20× an inbox page.
#   1. the stack, its demo data and demo-large (timed);
#   2. one connection each, build/latency for SECONDS: the inbox of
#      ep@demo.test (the baseline of scripts/bench.sh), the dashboard (the
#      default year) and the monthly table (the default 12 months) of
#      manager@large.test: p50 and req/s, and the ratios;
#   3. the dashboard counted afresh ("cold": a range not asked before, so
#      not cached), COLD requests one after another;
#   4. the inbox's latency at 4 connections alone, and again while a
#      client asks for cold dashboards without a pause: what a heavy
#      report costs other users' pages;
#   5. portalctl report compliance over 5 years (timed).
# Results: var/bench-mi/results.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/stack.sh
[ -x build/latency ] || make -s build/latency
port=${BENCH_MI_PORT:-18897}
secs=${SECONDS_EACH:-10}
cold=${COLD:-20}
out=$PWD/var/bench-mi
trap stack_down EXIT
stack_up "$out" "$port" >/dev/null
B=$BASE_URL

t0=$(date +%s%N)
psql -X -q -v ON_ERROR_STOP=1 -d "$PORTAL_DB_OWNER" -f scripts/demo-large.sql > "$out/demo-large.txt"
gen_ms=$(( ($(date +%s%N) - t0) / 1000000 ))

session_of() {	# email → its session cookie's value
	local jar=$out/jar-$1 csrf
	rm -f "$jar"
	csrf=$(curl -s -c "$jar" "$B/sign-in" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
	curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "csrf=$csrf" \
	    -d email="$1" -d password=demo-password-2026 "$B/sign-in"
	awk '$6 == "portal_session" { print $7 }' "$jar"
}
psql -X -q -d "$PORTAL_DB_OWNER" -c "DELETE FROM signin_attempts"
ep=$(session_of ep@demo.test)
mgr=$(session_of manager@large.test)
[ -n "$ep" ] && [ -n "$mgr" ] || { echo "bench-mi: sign-in failed"; exit 1; }

get() {	# session path → seconds (asserts 200)
	local code t
	read -r code t < <(curl -s -o /dev/null -w '%{http_code} %{time_total}\n' \
	    -H "Cookie: portal_session=$1" "$B$2")
	[ "$code" = 200 ] || { echo "bench-mi: $2 answered $code" >&2; exit 1; }
	echo "$t"
}

# Warm every worker: prepared statements, and each worker's cache.
for i in 1 2 3 4 5 6; do
	get "$ep" /inbox >/dev/null
	get "$mgr" /manager/dashboard >/dev/null
	get "$mgr" /manager/compliance >/dev/null
done

lat() {	# connections path session tag
	build/latency "$1" "$secs" "$port" "$2" "$3" > "$out/latency-$4.txt"
	cat "$out/latency-$4.txt"
}
p50() { sed -n 's/.* p50 \([0-9.]*\) ms.*/\1/p' "$out/latency-$1.txt"; }
p99() { sed -n 's/.* p99 \([0-9.]*\) ms.*/\1/p' "$out/latency-$1.txt"; }
rps() { sed -n 's/.*: \([0-9]*\) req\/s.*/\1/p' "$out/latency-$1.txt"; }

echo "== 2. one connection, ${secs}s each"
lat 1 /inbox "$ep" inbox
lat 1 /manager/dashboard "$mgr" dashboard
lat 1 /manager/compliance "$mgr" compliance

echo "== 3. the dashboard counted afresh, $cold times"
: > "$out/cold.txt"
for i in $(seq 1 "$cold"); do
	get "$mgr" "/manager/dashboard?from=$(date -d "-$((365 + i)) days" +%F)&to=$(date +%F)" >> "$out/cold.txt"
done
cold_p50=$(sort -g "$out/cold.txt" | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] * 1000 }')
cold_max=$(sort -g "$out/cold.txt" | tail -1 | awk '{ printf "%.1f", $1 * 1000 }')

echo "== 4. the inbox at 4 connections, alone and beside cold dashboards"
lat 4 /inbox "$ep" inbox-alone
( i=0; while :; do i=$((i + 1))
	curl -s -o /dev/null -H "Cookie: portal_session=$mgr" \
	    "$B/manager/dashboard?from=$(date -d "-$((400 + i % 300)) days" +%F)&to=$(date -d "-$((i % 7)) days" +%F)"
  done ) &
heavy=$!
lat 4 /inbox "$ep" inbox-busy
kill "$heavy"; wait "$heavy" 2>/dev/null || true

echo "== 5. portalctl report compliance, 5 years"
t0=$(date +%s%N)
build/portalctl report compliance --council "Largeshire County Council" \
    --from "$(date -d '-5 years' +%Y-%m)" --to "$(date +%Y-%m)" > "$out/report.csv"
report_ms=$(( ($(date +%s%N) - t0) / 1000000 ))

ratio() { echo "$1 / $2" | bc -l | awk '{ printf "%.1f", $1 }'; }
{
echo "Machine: $(nproc) cores, $(uname -sr); $(date -u +%Y-%m-%dT%H:%MZ)"
echo "make demo-large: $(tail -1 "$out/demo-large.txt") in $gen_ms ms"
echo
printf 'inbox (ep@demo.test):        p50 %6s ms  %6s req/s\n' "$(p50 inbox)" "$(rps inbox)"
printf 'dashboard (warm, 1 year):    p50 %6s ms  %6s req/s  → %s× an inbox page (p50; target ≤ 20×)\n' \
    "$(p50 dashboard)" "$(rps dashboard)" "$(ratio "$(p50 dashboard)" "$(p50 inbox)")"
printf 'monthly table (warm, 12 m):  p50 %6s ms  %6s req/s  → %s× an inbox page (p50; target ≤ 20×)\n' \
    "$(p50 compliance)" "$(rps compliance)" "$(ratio "$(p50 compliance)" "$(p50 inbox)")"
printf 'dashboard counted afresh:    p50 %6s ms  max %s ms over %d ranges → %s× an inbox page\n' \
    "$cold_p50" "$cold_max" "$cold" "$(ratio "$cold_p50" "$(p50 inbox)")"
printf 'inbox at 4 connections alone:           p50 %6s ms  p99 %6s ms\n' "$(p50 inbox-alone)" "$(p99 inbox-alone)"
printf 'inbox at 4 connections, cold dashboards: p50 %6s ms  p99 %6s ms\n' "$(p50 inbox-busy)" "$(p99 inbox-busy)"
printf 'portalctl report compliance, 5 years: %d ms (%d lines)\n' "$report_ms" "$(wc -l < "$out/report.csv")"
} | tee "$out/results.txt"
stack_seccomp_clean
