#!/usr/bin/env bash
# make bench: each figure as a ratio against a baseline measured in the same
# run, on the same machine, against a throwaway portal (port 18899).
#   1. signed-in professional inbox (session check + list query) vs a
#      hello-world route in the same Kore server: wrk, 64 connections;
#      latency percentiles also from build/latency (scripts/latency.c);
#   2. 20 MB PDF upload (checked, encrypted, stored) vs a discard-only route;
#   3. worker resident memory before and after REQUESTS (1,000,000) requests.
# Results: var/bench/results.txt plus the raw wrk output beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/stack.sh
[ -x build/latency ] || make -s build/latency
port=${BENCH_PORT:-18899}
secs=${BENCH_SECONDS:-10}
total=${REQUESTS:-1000000}
uploads=${UPLOADS:-8}
rounds=${ROUNDS:-3}
out=$PWD/var/bench
export PORTAL_BENCH=1
trap stack_down EXIT
stack_up "$out" "$port" >/dev/null
B=$BASE_URL

# A signed-in EP (cookie jar) and the CSRF token of their open request.
jar=$out/jar
csrf=$(curl -s -c "$jar" "$B/sign-in" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "csrf=$csrf" \
    -d email=ep@demo.test -d password=demo-password-2026 "$B/sign-in"
session=$(awk '$6 == "portal_session" { print $7 }' "$jar")
rq=$(psql -X -tA -d "$PORTAL_DB" -c "SELECT r.id FROM advice_requests r JOIN accounts a ON a.id = r.professional_id WHERE a.email = 'ep@demo.test' AND r.status IN ('allocated','draft') ORDER BY r.id LIMIT 1")
csrf=$(curl -s -b "$jar" "$B/requests/$rq" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)

rps() { awk '/^Requests\/sec/ { print $2 }' "$1"; }
p99() { awk '$1 == "99%" { print $2 }' "$1"; }

echo "== 1. inbox page vs hello world (wrk -t2 -c64 -d${secs}s, $rounds rounds)"
# Warm both (statements prepared, caches filled), then alternate the two
# so that a slow spell of this shared machine hits both alike; the ratio
# reported is the median of the rounds' ratios.
wrk -t2 -c64 -d3s "$B/bench/hello" > /dev/null
wrk -t2 -c64 -d3s -H "Cookie: portal_session=$session" "$B/inbox" > /dev/null
for r in $(seq 1 "$rounds"); do
	wrk -t2 -c64 -d"${secs}s" --latency "$B/bench/hello" > "$out/wrk-hello-$r.txt"
	wrk -t2 -c64 -d"${secs}s" --latency -H "Cookie: portal_session=$session" \
	    "$B/inbox" > "$out/wrk-inbox-$r.txt"
	if grep -q 'Non-2xx' "$out/wrk-inbox-$r.txt"; then
		echo "inbox answered non-2xx"; cat "$out/wrk-inbox-$r.txt"; exit 1
	fi
done
# Latency again, timed by build/latency (one thread per connection,
# CLOCK_MONOTONIC per request): wrk's percentiles on this machine disagree
# with its own throughput. At 64 connections and at one.
for c in 64 1; do
	build/latency "$c" "$secs" "$port" /bench/hello > "$out/latency-hello-c$c.txt"
	build/latency "$c" "$secs" "$port" /inbox "$session" > "$out/latency-inbox-c$c.txt"
done

echo "== 2. 20 MB PDF upload vs discard ($uploads each)"
pdf=$out/20mb.pdf
{ printf '%%PDF-1.7\n1 0 obj\n<< /Length 20971520 >>\nstream\n'
  head -c 20971520 /dev/urandom
  printf '\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%%%EOF\n'; } > "$pdf"
time_uploads() {	# url → seconds for $uploads sequential uploads
	local start end i
	start=$(date +%s.%N)
	for i in $(seq 1 "$uploads"); do
		code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" \
		    -F "csrf=$csrf" -F "file=@$pdf;type=application/pdf" "$1")
		case $code in 200|303) ;; *) echo "upload to $1 answered $code" >&2; return 1;; esac
	done
	end=$(date +%s.%N)
	echo "$end - $start" | bc -l
}
t_discard=$(time_uploads "$B/bench/discard")
t_upload=$(time_uploads "$B/requests/$rq/documents")
stored=$(psql -X -tA -d "$PORTAL_DB" -c "SELECT count(*) FROM documents WHERE size = $(stat -c %s "$pdf")")

echo "== 3. worker memory over $total requests"
workers=$(pgrep -P "$(cat "$out/portal.pid")" | tr '\n' ' ')
rss() { local s=0 p; for p in $workers; do s=$((s + $(awk '/^VmRSS/ { print $2 }' /proc/$p/status))); done; echo $s; }
# Warm up (pools, connections), then measure.
wrk -t2 -c64 -d3s -H "Cookie: portal_session=$session" "$B/inbox" > /dev/null
before=$(rss)
done_n=0
while [ "$done_n" -lt "$total" ]; do
	wrk -t2 -c64 -d20s -H "Cookie: portal_session=$session" "$B/inbox" > "$out/wrk-mem.txt"
	n=$(awk '/requests in/ { print $1 }' "$out/wrk-mem.txt")
	done_n=$((done_n + n))
done
after=$(rss)

{
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2/1048576 }' /proc/meminfo), $(uname -sr), kore $(kore -v 2>&1 | head -1 | awk '{print $1}')"
echo "Date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo
ratios=""
for r in $(seq 1 "$rounds"); do
	h=$(rps "$out/wrk-hello-$r.txt"); i=$(rps "$out/wrk-inbox-$r.txt")
	printf 'round %d: hello %6.0f req/s p99 %-9s inbox %6.0f req/s p99 %-9s ratio %.2f×\n' \
	    "$r" "$h" "$(p99 "$out/wrk-hello-$r.txt")" "$i" "$(p99 "$out/wrk-inbox-$r.txt")" \
	    "$(echo "$i / $h" | bc -l)"
	ratios="$ratios $(echo "$i / $h" | bc -l)"
done
printf 'inbox / hello: %.2f× median of %d rounds  (target ≥ 0.25×; p99 target ≤ 10 ms)\n' \
    "$(echo $ratios | tr ' ' '\n' | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')" "$rounds"
for c in 64 1; do
	echo "build/latency, $c connection(s):"
	echo "  hello: $(cat "$out/latency-hello-c$c.txt")"
	echo "  inbox: $(cat "$out/latency-inbox-c$c.txt")"
done
echo
printf 'discard upload: %6.1f MB/s (%d × 20 MB in %.2f s)\n' "$(echo "20 * $uploads / $t_discard" | bc -l)" "$uploads" "$t_discard"
printf 'stored upload:  %6.1f MB/s (%d × 20 MB in %.2f s; checked, encrypted, stored: %s rows)\n' \
    "$(echo "20 * $uploads / $t_upload" | bc -l)" "$uploads" "$t_upload" "$stored"
printf 'stored / discard: %.2f×  (target ≥ 0.5×)\n' "$(echo "$t_discard / $t_upload" | bc -l)"
echo
printf 'worker RSS: %d KiB before, %d KiB after %d requests: %+.1f%%  (target within 5%%)\n' \
    "$before" "$after" "$done_n" "$(echo "($after - $before) * 100 / $before" | bc -l)"
} | tee "$out/results.txt"
stack_seccomp_clean
