#!/usr/bin/env bash
# make bench: each figure as a ratio against a baseline measured in the same
# run, on the same machine, against a throwaway portal (port 18899).
#   1. signed-in professional inbox (session check + list query) vs a
#      hello-world route in the same Kore server: wrk, 64 connections;
#      latency percentiles also from build/latency (scripts/latency.c);
#   2. 20 MB PDF upload (checked, encrypted, stored) vs a discard-only route;
#   3. worker resident memory before and after REQUESTS (1,000,000) requests;
#   4. 1 again with Kore's access log off (ACCESSLOG=off): the log caps the
#      hello-world baseline, so both are reported.
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

# One set of throughput rounds and latency runs; files named by $1.
throughput() {
	local tag=$1 r c
	# Warm both (statements prepared, caches filled), then alternate the
	# two so that a slow spell of this shared machine hits both alike; the
	# ratio reported is the median of the rounds' ratios.
	wrk -t2 -c64 -d3s "$B/bench/hello" > /dev/null
	wrk -t2 -c64 -d3s -H "Cookie: portal_session=$session" "$B/inbox" > /dev/null
	for r in $(seq 1 "$rounds"); do
		wrk -t2 -c64 -d"${secs}s" --latency "$B/bench/hello" > "$out/wrk-$tag-hello-$r.txt"
		wrk -t2 -c64 -d"${secs}s" --latency -H "Cookie: portal_session=$session" \
		    "$B/inbox" > "$out/wrk-$tag-inbox-$r.txt"
		if grep -q 'Non-2xx' "$out/wrk-$tag-inbox-$r.txt"; then
			echo "inbox answered non-2xx"; cat "$out/wrk-$tag-inbox-$r.txt"; exit 1
		fi
	done
	# Latency again, timed by build/latency (one thread per connection,
	# CLOCK_MONOTONIC per request), at 64 connections and at one.
	for c in 64 1; do
		build/latency "$c" "$secs" "$port" /bench/hello > "$out/latency-$tag-hello-c$c.txt"
		build/latency "$c" "$secs" "$port" /inbox "$session" > "$out/latency-$tag-inbox-c$c.txt"
	done
}

echo "== 1. inbox page vs hello world (wrk -t2 -c64 -d${secs}s, $rounds rounds), as deployed"
throughput deployed

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

# Kore 4.1 caps each worker at about 14,700 requests/s while its access log
# is on (a 128 KiB buffer emptied every 100 ms; a full one stalls the worker
# until then): the hello-world baseline hits that cap, the inbox does not.
# So the same rounds again with the access log off: Kore's own ceiling.
echo "== 4. the same as 1 with Kore's access log off"
kill "$(cat "$STACK_VAR/portal.pid")"
wait "$STACK_KORE" 2>/dev/null || true
ACCESSLOG=off stack_portal "$STACK_VAR" "$port"
throughput nolog

median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
report() {	# tag, heading
	local tag=$1 r h i ratios="" c
	echo "$2"
	for r in $(seq 1 "$rounds"); do
		h=$(rps "$out/wrk-$tag-hello-$r.txt"); i=$(rps "$out/wrk-$tag-inbox-$r.txt")
		printf '  round %d: hello %6.0f req/s p99 %-9s inbox %6.0f req/s p99 %-9s ratio %.2f×\n' \
		    "$r" "$h" "$(p99 "$out/wrk-$tag-hello-$r.txt")" "$i" \
		    "$(p99 "$out/wrk-$tag-inbox-$r.txt")" "$(echo "$i / $h" | bc -l)"
		ratios="$ratios $(echo "$i / $h" | bc -l)"
	done
	printf '  inbox / hello: %.2f× median of %d rounds  (target ≥ 0.25×; p99 target ≤ 10 ms)\n' \
	    "$(echo "$ratios" | median)" "$rounds"
	for c in 64 1; do
		echo "  build/latency, $c connection(s):"
		echo "    hello: $(cat "$out/latency-$tag-hello-c$c.txt")"
		echo "    inbox: $(cat "$out/latency-$tag-inbox-c$c.txt")"
	done
}

{
echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2/1048576 }' /proc/meminfo), $(uname -sr), kore $(kore -v 2>&1 | head -1 | awk '{print $1}')"
echo "Date: $(date -u +%Y-%m-%dT%H:%MZ)"
echo
report deployed "As deployed (Kore's access log on):"
echo
report nolog "Access log off (Kore's own ceiling for the hello-world route):"
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
