#!/usr/bin/env bash
# make bench-plan (and the last step of make bench): the draft plan's cost as
# RATIOS against the professional's inbox page measured in the same run, on
# the same machine, against a throwaway portal (port 18896, BENCH_PLAN_PORT).
#   1. assembling a draft from 12 accepted submissions: POST /assessments/
#      {id}/plan on fresh assessments (load the 12 accepted advice and their
#      answers, plan_assemble, store 12 section versions and their
#      paragraphs in one transaction), one at a time, timed by curl;
#   1b. re-assembling a plan after one more advice was accepted (load the
#      plan and the advice, assemble, compare, store the new), one at a
#      time, timed by curl;
#   2. re-assembling it with nothing new (POST …/plan/reassemble: one
#      count of the accepted advice not assembled yet, PS_UNASSEMBLED, as
#      plan_reassemble would add nothing; nothing written), wrk;
#   3. exporting it as .docx (GET …/plan.docx: load, docx.c, libzip), wrk;
#   baseline: the inbox page (GET /inbox, signed-in EP), wrk, and one at a
#   time with curl for 1.
# Targets (issue 12): assembly ≤ 2× an inbox page, .docx ≤ 5×.
# Results: var/bench-plan/results.txt plus the raw wrk output beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/stack.sh
port=${BENCH_PLAN_PORT:-18896}
secs=${BENCH_SECONDS:-10}
rounds=${ROUNDS:-3}
fresh=${ASSEMBLIES:-20}
out=$PWD/var/bench-plan
mkdir -p "$out"
trap stack_down EXIT
stack_up "$out" "$port" >/dev/null
B=$BASE_URL
owner() { psql -X -q -tA -v ON_ERROR_STOP=1 -d "$PORTAL_DB_OWNER" -c "$1"; }

# Signed-in clients: the EP (the inbox) and the caseworker (the plan).
signin() {	# email jar → session
	local csrf
	csrf=$(curl -s -c "$2" "$B/sign-in" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
	curl -s -o /dev/null -b "$2" -c "$2" --data-urlencode "csrf=$csrf" \
	    -d "email=$1" -d password=demo-password-2026 "$B/sign-in"
	awk '$6 == "portal_session" { print $7 }' "$2"
}
ep=$(signin ep@demo.test "$out/jar-ep")
cw=$(signin caseworker@demo.test "$out/jar-cw")
csrf=$(curl -s -b "$out/jar-cw" "$B/caseworker" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)

# The demo's submitted (or, since demo_plan.c, accepted) psychological
# advice, as the model answer; N assessments of the caseworker, each with
# 12 accepted copies of it.
src=$(owner "SELECT a.id FROM advice a JOIN advice_requests r ON r.id = a.request_id
    WHERE r.kind = 'psychological' AND a.status IN ('submitted', 'accepted')
    ORDER BY a.id LIMIT 1")
[ -n "$src" ] || { echo "bench-plan: no submitted psychological advice in the demo data"; exit 1; }
make_case() {	# n → a new assessment's id
	owner "WITH a AS (INSERT INTO assessments (council_id, reference, child_given_name,
	    child_family_name, date_of_birth, request_received, caseworker_id)
	    SELECT u.organisation_id, 'BENCH-$$-$1', 'Bench', 'Twelve', '2016-03-01',
	    current_date - 60, u.id FROM accounts u WHERE u.email = 'caseworker@demo.test' RETURNING id)
	    SELECT id FROM a" | head -1
}
add_advice() {	# assessment [n]: n (12) accepted copies of $src
	owner "DO \$\$ DECLARE r bigint; v bigint; s advice%ROWTYPE; q advice_requests%ROWTYPE; BEGIN
	    SELECT * INTO s FROM advice WHERE id = $src;
	    SELECT * INTO q FROM advice_requests WHERE id = s.request_id;
	    FOR i IN 1..${2:-12} LOOP
		INSERT INTO advice_requests (assessment_id, kind, organisation_id, professional_id,
		    template_id, template_version, question, requested_on, due_on, status, created_by)
		    VALUES ($1, q.kind, q.organisation_id, q.professional_id, q.template_id,
		    q.template_version, 'Bench', current_date - 50, current_date - 8, 'accepted',
		    q.created_by) RETURNING id INTO r;
		INSERT INTO advice (request_id, version, template_id, template_version, status,
		    author_id, declaration_name, declaration_role, declaration_date, submitted_at)
		    VALUES (r, 1, s.template_id, s.template_version, 'accepted', s.author_id,
		    'Dr Evan Price', 'Educational Psychologist', current_date - 40 + i, now())
		    RETURNING id INTO v;
		INSERT INTO advice_values (advice_id, field_id, row_no, column_id, value)
		    SELECT v, field_id, row_no, column_id, value FROM advice_values WHERE advice_id = $src;
	    END LOOP; END \$\$"
}
cases=()
for i in $(seq 1 $((fresh + 1))); do
	c=$(make_case "$i"); add_advice "$c"; cases+=("$c")
done
warm=${cases[0]}

# 1. Fresh assemblies, one at a time, against as many inbox pages.
seq_time() {	# method url [data] → seconds for one request
	curl -s -o /dev/null -w '%{time_total}' -b "$out/jar-cw" -X "$1" ${3:+--data "$3"} "$2"
}
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$out/jar-cw" --data "csrf=$csrf" "$B/assessments/$warm/plan")
[ "$code" = 303 ] || { echo "bench-plan: assembling answered $code"; exit 1; }
n=$(owner "SELECT count(*) FROM plan_paragraphs p JOIN plan_sections s ON s.id = p.section_id
    JOIN plans x ON x.id = s.plan_id WHERE x.assessment_id = $warm")
t_asm=0; t_inbox=0
for c in "${cases[@]:1}"; do
	a=$(seq_time POST "$B/assessments/$c/plan" "csrf=$csrf")
	i=$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: portal_session=$ep" "$B/inbox")
	t_asm=$(echo "$t_asm + $a" | bc -l); t_inbox=$(echo "$t_inbox + $i" | bc -l)
done
# 1b. Re-assembly that finds one newly accepted advice (the full path:
# load the plan and the advice, assemble, compare, store what is new),
# one at a time, on the first REASSEMBLIES fresh plans.
t_re1=0; t_inbox1=0; nre=${REASSEMBLIES:-8}
for c in "${cases[@]:1:$nre}"; do
	add_advice "$c" 1
	a=$(seq_time POST "$B/assessments/$c/plan/reassemble" "csrf=$csrf")
	i=$(curl -s -o /dev/null -w '%{time_total}' -H "Cookie: portal_session=$ep" "$B/inbox")
	t_re1=$(echo "$t_re1 + $a" | bc -l); t_inbox1=$(echo "$t_inbox1 + $i" | bc -l)
done
renew=$(owner "SELECT count(*) FROM plan_sections s JOIN plans p ON p.id = s.plan_id
    JOIN assessments a ON a.id = p.assessment_id WHERE a.reference LIKE 'BENCH-%'
    AND s.reason = 'reassembled'")
made=$(owner "SELECT count(*) FROM plans p JOIN assessments a ON a.id = p.assessment_id
    WHERE a.reference LIKE 'BENCH-%'")

# 2 and 3: wrk, alternating with the inbox, median of the rounds' ratios.
cat > "$out/reassemble.lua" <<EOF
wrk.method = "POST"
wrk.body = "csrf=$csrf"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = "portal_session=$cw"
EOF
rps() { awk '/^Requests\/sec/ { print $2 }' "$1"; }
wrk -t2 -c16 -d3s -H "Cookie: portal_session=$ep" "$B/inbox" > /dev/null
wrk -t2 -c16 -d3s -H "Cookie: portal_session=$cw" "$B/assessments/$warm/plan.docx" > /dev/null
for r in $(seq 1 "$rounds"); do
	wrk -t2 -c16 -d"${secs}s" -H "Cookie: portal_session=$ep" "$B/inbox" > "$out/wrk-inbox-$r.txt"
	wrk -t2 -c16 -d"${secs}s" -s "$out/reassemble.lua" "$B/assessments/$warm/plan/reassemble" \
	    > "$out/wrk-reassemble-$r.txt"
	wrk -t2 -c16 -d"${secs}s" -H "Cookie: portal_session=$cw" "$B/assessments/$warm/plan.docx" \
	    > "$out/wrk-docx-$r.txt"
	if grep -q 'Non-2xx' "$out/wrk-inbox-$r.txt" "$out/wrk-docx-$r.txt"; then
		echo "bench-plan: a page answered non-2xx"; cat "$out/wrk-"*"-$r.txt"; exit 1
	fi
done
bytes=$(curl -s -b "$out/jar-cw" "$B/assessments/$warm/plan.docx" | wc -c)
median() { tr ' ' '\n' | grep . | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
re=""; dx=""
for r in $(seq 1 "$rounds"); do
	i=$(rps "$out/wrk-inbox-$r.txt")
	re="$re $(echo "$i / $(rps "$out/wrk-reassemble-$r.txt")" | bc -l)"
	dx="$dx $(echo "$i / $(rps "$out/wrk-docx-$r.txt")" | bc -l)"
done

{
echo "Machine: $(nproc) cores, $(uname -sr); $(date -u +%Y-%m-%dT%H:%MZ)"
echo "A draft from 12 accepted submissions: $n paragraphs, .docx $bytes bytes"
printf 'assembly (fresh, stored), one at a time: %.1f ms vs inbox %.1f ms: %.2f× an inbox page (%d plans made; target ≤ 2×)\n' \
    "$(echo "$t_asm * 1000 / $fresh" | bc -l)" "$(echo "$t_inbox * 1000 / $fresh" | bc -l)" \
    "$(echo "$t_asm / $t_inbox" | bc -l)" "$made"
for r in $(seq 1 "$rounds"); do
	printf '  round %d: inbox %6.0f req/s, re-assembly %6.0f req/s, .docx %6.0f req/s\n' "$r" \
	    "$(rps "$out/wrk-inbox-$r.txt")" "$(rps "$out/wrk-reassemble-$r.txt")" "$(rps "$out/wrk-docx-$r.txt")"
done
printf 're-assembly finding 1 new advice (stored), one at a time: %.1f ms vs inbox %.1f ms: %.2f× an inbox page (%d section versions stored)\n' \
    "$(echo "$t_re1 * 1000 / $nre" | bc -l)" "$(echo "$t_inbox1 * 1000 / $nre" | bc -l)" \
    "$(echo "$t_re1 / $t_inbox1" | bc -l)" "$renew"
printf 're-assembly (nothing new, nothing written), wrk -c16: %.2f× an inbox page (median of %d rounds; target ≤ 2×)\n' \
    "$(echo "$re" | median)" "$rounds"
printf '.docx export, wrk -c16: %.2f× an inbox page (median of %d rounds; target ≤ 5×)\n' \
    "$(echo "$dx" | median)" "$rounds"
} | tee "$out/results.txt"
stack_seccomp_clean
