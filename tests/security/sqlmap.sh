#!/usr/bin/env bash
# SQL injection scan of the running test portal with Debian's sqlmap:
#   1. POST /api/v1/assessments           JSON body, Bearer key, points marked *
#   2. GET  /api/v1/assessments/1*        the id in the path
#   3. POST /sign-in                      email, password (pre-session cookie + CSRF)
#   4. POST /assessments                  a caseworker's form (session cookie + CSRF)
# Fails when sqlmap reports an injection point, and also when a scan did not
# run to its end (a baseline that is refused, sqlmap stopping early): a scan
# that tested nothing must not pass.
#
# Run by tests/run.sh after the HTTP tests; needs BASE_URL, TEST_VAR and
# PORTAL_DB_OWNER (scripts/stack.sh). Output: $TEST_VAR/sqlmap/<target>.out
# plus sqlmap's own session folders under it.
#
# Budget ≤ 3 minutes (about 20 s measured): --level=1 --risk=1 and
# PostgreSQL payloads only (the portal's only DBMS). All of sqlmap's
# techniques run (BEUSTQ: boolean-blind, error-based, UNION, stacked,
# time-based, inline) with --time-sec=2: against parameterised statements a
# time-based probe costs one fast request, so nothing had to be dropped; if
# a target ever makes the run too slow, drop T (and S) first, as those are
# the probes that wait. No --smart: every listed parameter is tested, not
# only those a heuristic flags.
set -euo pipefail
cd "$(dirname "$0")/../.."

: "${BASE_URL:?BASE_URL not set (run through tests/run.sh)}"
: "${TEST_VAR:?TEST_VAR not set (run through tests/run.sh)}"
: "${PORTAL_DB_OWNER:?PORTAL_DB_OWNER not set (run through tests/run.sh)}"
command -v sqlmap >/dev/null || {
	echo "sqlmap: not installed (apt-get install -y sqlmap, or make deps)"; exit 1; }

API_KEY=${API_KEY:-demo-api-key-2026}
PASSWORD=demo-password-2026
out=$TEST_VAR/sqlmap
rm -rf "$out"
mkdir -p "$out"

sql() { psql -X -q -tA -v ON_ERROR_STOP=1 -d "$PORTAL_DB_OWNER" -c "$1"; }

# The scans create assessments (every valid baseline request does) and fail
# sign-ins by the hundred: both are undone at exit so that later tests see
# the demo data and an unthrottled IP.
session=
first_new=$(( $(sql "SELECT coalesce(max(id), 0) FROM assessments") + 1 ))
cleanup() {
	[ -n "${session:-}" ] && curl -s -o /dev/null -b "portal_session=$session" \
	    --data "csrf=${csrf:-}" "$BASE_URL/sign-out"
	sql "DELETE FROM signin_attempts" || true
	# With their parents' invitations and the mail that carried them.
	sql "DELETE FROM outbox WHERE assessment_id >= $first_new;
	     DELETE FROM invitations WHERE assessment_id >= $first_new;
	     DELETE FROM assessment_contacts WHERE assessment_id >= $first_new;
	     DELETE FROM assessments WHERE id >= $first_new
	       AND NOT EXISTS (SELECT 1 FROM advice_requests r WHERE r.assessment_id = assessments.id);" || true
}
trap cleanup EXIT

# Sign-in throttling (5 failures per address, 100 per IP, in 15 minutes)
# would turn the sign-in scan into 429s after a few requests, and a
# throttled sign-in never reaches the query that reads the address: sqlmap
# forgets the attempts before each of its requests (--eval).
FORGET_ATTEMPTS='import os, subprocess; subprocess.run(["psql", "-X", "-q", "-d", os.environ["PORTAL_DB_OWNER"], "-c", "DELETE FROM signin_attempts"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)'

csrf_of() {	# the csrf field of the HTML on standard input
	grep -o 'name="csrf"[^>]*value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'
}

# Common options: non-interactive, bounded, PostgreSQL only, our cookies kept.
SQLMAP=(sqlmap --batch --disable-coloring --flush-session --skip-waf
	--level=1 --risk=1 --dbms=PostgreSQL --technique=BEUSTQ --time-sec=2
	--timeout=10 --retries=1 --drop-set-cookie
	--answers="follow=N"
	--output-dir="$out")

failed=0
# scan NAME EXPECTED-BASELINE-STATUS CURL-ARGS... -- SQLMAP-ARGS...
# Checks first that the baseline request gets its expected answer (else the
# scan would test a refusal), then runs sqlmap and reads its verdict.
scan() {
	local name=$1 want=$2 got log=$out/$1.out start=$SECONDS
	shift 2
	local curl_args=()
	while [ $# -gt 0 ] && [ "$1" != -- ]; do curl_args+=("$1"); shift; done
	shift
	case " ${SQLMAP_TARGETS:-api-create api-get sign-in assessment-form} " in
	*" $name "*) ;;
	*) echo "  $name: skipped (SQLMAP_TARGETS)"; return ;;
	esac
	got=$(curl -s -o "$out/$name.baseline" -w '%{http_code}' "${curl_args[@]}")
	if [ "$got" != "$want" ]; then
		echo "FAIL: $name: the request sqlmap starts from answered $got, not $want,"
		echo "    so the marked values never reach SQL and the scan would test nothing:"
		head -c 300 "$out/$name.baseline" | sed 's/^/    /'
		echo
		failed=1
		return
	fi
	"${SQLMAP[@]}" "$@" >"$log" 2>&1 || true
	verdict "$name" "$log" "$((SECONDS - start))"
}

# sqlmap's own words: "sqlmap identified the following injection point(s)",
# "<place> parameter '<p>' is '<technique>' injectable", "is vulnerable".
# Its negative findings also say "injectable" ("does not seem to be
# injectable", "do not appear to be injectable"), so those are excluded. A
# heuristic "might be injectable" is reported but fails only if confirmed.
verdict() {
	local name=$1 log=$2 secs=$3 hits
	hits=$(grep -E "identified the following injection point|parameter '[^']*' is '.*' injectable|is vulnerable" "$log" || true)
	if [ -n "$hits" ]; then
		echo "FAIL: $name: sqlmap found SQL injection (${secs}s; $log):"
		sed 's/^/    /' <<<"$hits"
		failed=1
	elif grep -q "(Too Many Requests)" "$log"; then
		echo "FAIL: $name: the portal throttled the scan (429), so its parameters were not all tested ($log)"
		failed=1
	elif ! grep -q "do not appear to be injectable" "$log"; then
		echo "FAIL: $name: sqlmap did not finish its tests (${secs}s); the end of $log:"
		tail -15 "$log" | sed 's/^/    /'
		failed=1
	else
		printf '  %-22s no injection (%ss; parameters: %s)\n' "$name" "$secs" \
		    "$(grep -oE "(GET|POST|URI|\(custom\) POST|JSON) parameter '[^']*' does not seem to be injectable" "$log" |
		    sed -E "s/.*parameter '([^']*)'.*/\1/" | paste -sd, -)"
		grep -h "might be injectable" "$log" | sed 's/^/    note: /' || true
		grep -hE "unable to connect|timed out|Broken pipe" "$log" | sort | uniq -c |
		    sed 's/^/    note: connection problem during the scan: /' || true
	fi
}

echo "== sqlmap $(sqlmap --version 2>/dev/null | head -1) against $BASE_URL"

# 1. API: create an assessment (JSON; the marked values are the ones that
#    reach SQL once the body is valid; the year group is one of a list,
#    checked before any SQL). The same child is scanned again and again, so
#    each request records a second assessment deliberately (allow_duplicate).
body='{"child":{"given_name":"Sam*","family_name":"Demo*","date_of_birth":"2016-04-02","year_group":"Year 4"},"request_received":"2026-01-05","caseworker_email":"caseworker@demo.test*","allow_duplicate":true}'
#    Each answer carries the new assessment's id and reference, so no two
#    answers are alike, and once the id grows a digit (999 -> 1000) sqlmap's
#    page comparison took that for a true/false difference (a false
#    "boolean-based blind" on CI): an injection that changed the SQL would
#    change the status (201 -> 400/500), so the comparison is on the status.
scan api-create 201 -X POST -H "Authorization: Bearer $API_KEY" \
    -H 'Content-Type: application/json' --data "${body//\*/}" "$BASE_URL/api/v1/assessments" -- \
    -u "$BASE_URL/api/v1/assessments" --method=POST --code=201 \
    -H "Authorization: Bearer $API_KEY" -H 'Content-Type: application/json' --data "$body"

# 2. API: an assessment by id (the id in the path).
scan api-get 200 -H "Authorization: Bearer $API_KEY" "$BASE_URL/api/v1/assessments/1" -- \
    -u "$BASE_URL/api/v1/assessments/1*" -H "Authorization: Bearer $API_KEY"

# 3. The sign-in form, with a pre-session cookie and its CSRF token (the
#    double-submit pair stays valid for the hour; Set-Cookie is ignored).
jar=$out/presession.jar
csrf=$(curl -s -c "$jar" "$BASE_URL/sign-in" | csrf_of)
pre=$(awk '$6 == "portal_presession" { print $7 }' "$jar")
[ -n "$csrf" ] && [ -n "$pre" ] || { echo "FAIL: no pre-session cookie or CSRF token from /sign-in"; exit 1; }
scan sign-in 200 -b "portal_presession=$pre" \
    --data "csrf=$csrf&email=nobody%40demo.test&password=not-the-password-1" "$BASE_URL/sign-in" -- \
    -u "$BASE_URL/sign-in" -p email,password --cookie="portal_presession=$pre" \
    --data "csrf=$csrf&email=nobody%40demo.test&password=not-the-password-1" \
    --eval="$FORGET_ATTEMPTS"

# 4. A signed-in form: a caseworker starts an assessment.
jar=$out/caseworker.jar
csrf=$(curl -s -c "$jar" "$BASE_URL/sign-in" | csrf_of)
curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "csrf=$csrf" \
    --data-urlencode "email=caseworker@demo.test" --data-urlencode "password=$PASSWORD" "$BASE_URL/sign-in"
session=$(awk '$6 == "portal_session" { print $7 }' "$jar")
[ -n "$session" ] || { echo "FAIL: could not sign in as caseworker@demo.test"; exit 1; }
csrf=$(curl -s -b "portal_session=$session" "$BASE_URL/assessments/new" | csrf_of)
me=$(sql "SELECT id FROM accounts WHERE email = 'caseworker@demo.test'")
form="csrf=$csrf&given_name=Sam&family_name=Demo&dob-day=2&dob-month=4&dob-year=2016"
form+="&received-day=5&received-month=1&received-year=2026&year_group=Year+4&setting=Hillcrest+Academy"
form+="&nhs_number=&upn=&parent_name=Pat+Demo&parent_email=pat%40example.com&relationship=Mother&caseworker=$me"
form+="&allow_duplicate=1"
scan assessment-form 303 -b "portal_session=$session" --data "$form" "$BASE_URL/assessments" -- \
    -u "$BASE_URL/assessments" --cookie="portal_session=$session" --data "$form" \
    -p "given_name,family_name,setting,parent_name,parent_email,caseworker"

if [ $failed -ne 0 ]; then
	echo "sqlmap: FAILED (logs in $out)"
	exit 1
fi
echo "== sqlmap: no injectable parameter found"
