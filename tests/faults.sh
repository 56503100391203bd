#!/usr/bin/env bash
# Fault tests (make faults; CI runs them after make test). Each breaks a
# real part under a real portal and checks what users would see:
#   1. kill -9 of the Kore workers in the middle of an upload;
#   2. PostgreSQL stopped with -m immediate under load: 503 page, no hang,
#      recovery by itself, and every save reported as done is still there;
#   3. the disk holding the documents fills up during an upload (the table
#      moved to a tablespace on an 8 MB tmpfs; needs root for the mount,
#      reported as skipped otherwise): a clear error, no row, nothing else
#      touched, and uploads work again once there is room;
#   4. an allocation failure while an upload comes in (the workers' address
#      space capped with prlimit): no row, no audit, no file, workers back.
# (SMTP relay down is in tests/http/chase.test.mjs.)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/stack.sh
port=${FAULT_PORT:-18877}
var=$PWD/var/faults
trap stack_down EXIT
stack_up "$var" "$port" >/dev/null
B=$BASE_URL
fails=0
pass() { echo "ok - $*"; }
fail() { echo "not ok - $*"; fails=$((fails + 1)); }

jar=$var/jar
signin() {	# email
	local t
	rm -f "$jar"
	t=$(curl -s -c "$jar" "$B/sign-in" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
	curl -s -o /dev/null -b "$jar" -c "$jar" --data-urlencode "csrf=$t" \
	    -d "email=$1" -d password=demo-password-2026 "$B/sign-in"
}
csrf_of() { curl -s -b "$jar" "$B$1" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1; }
sql() { psql -X -tA -d "$PORTAL_DB_OWNER" -c "$1"; }
workers() { pgrep -P "$(cat "$var/portal.pid")" | sort | tr '\n' ' '; }

echo "== 1. kill -9 of the workers during an upload"
signin ep@demo.test
rq=$(sql "SELECT r.id FROM advice_requests r JOIN accounts a ON a.id = r.professional_id WHERE a.email = 'ep@demo.test' AND r.status IN ('allocated','draft') ORDER BY r.id LIMIT 1")
csrf=$(csrf_of "/requests/$rq")
pdf=$var/big.pdf
{ printf '%%PDF-1.7\n1 0 obj\n<< /Length 10485760 >>\nstream\n'; head -c 10485760 /dev/zero
  printf '\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%%%EOF\n'; } > "$pdf"
docs_before=$(sql "SELECT count(*) FROM documents")
old=$(workers)
curl -s -o /dev/null --limit-rate 1M -b "$jar" -F "csrf=$csrf" \
    -F "file=@$pdf;type=application/pdf" "$B/requests/$rq/documents" &
upload=$!
sleep 3
kill -9 $old
wait $upload 2>/dev/null || true
for _ in $(seq 1 50); do [ -n "$(workers)" ] && [ "$(workers)" != "$old" ] && break; sleep 0.1; done
new=$(workers)
[ -n "$new" ] && [ "$new" != "$old" ] && pass "the workers came back ($old → $new)" || fail "workers did not come back"
[ "$(sql "SELECT count(*) FROM documents")" = "$docs_before" ] && pass "no document row from the killed upload" || fail "a document row was written"
leftover=$(find "$var" -newer "$pdf" -type f -size +1M ! -path "$var/pg/*" | head -5)
[ -z "$leftover" ] && pass "no plaintext temporary file left" || fail "files left: $leftover"
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$B/inbox")
[ "$code" = 200 ] && pass "the next request works (inbox $code)" || fail "inbox answered $code after the restart"

echo "== 2. PostgreSQL stopped -m immediate under load"
signin caseworker@demo.test
csrf=$(csrf_of /assessments/new)
cw=$(sql "SELECT id FROM accounts WHERE email='caseworker@demo.test'")
saved=$var/saved.txt
: > "$saved"
create() {	# n → appends the new assessment's id when the portal said it was saved
	local loc
	loc=$(curl -s -o /dev/null -w '%{http_code} %{redirect_url}' -m 10 -b "$jar" \
	    --data-urlencode "csrf=$csrf" -d "given_name=Fault$1" -d family_name=Test \
	    -d dob-day=1 -d dob-month=2 -d dob-year=2017 -d "year_group=Year 4" \
	    -d parent_name=Parent -d parent_email=p@example.com \
	    -d received-day=1 -d received-month=10 -d received-year=2026 \
	    -d caseworker="$cw" \
	    "$B/assessments")
	case $loc in 303*) ;; *) return ;; esac
	loc=${loc##*/}	# …/assessments/ID?created=1 → ID
	echo "${loc%%\?*}" >> "$saved"
}
( for i in $(seq 1 400); do create "$i"; done ) &
writer=$!
wrk -t1 -c8 -d12s -H "Cookie: portal_session=$(awk '$6 == "portal_session" { print $7 }' "$jar")" \
    "$B/caseworker" > "$var/wrk-fault.txt" &
load=$!
sleep 2
scripts/pg.sh kill "$var/pg"
start=$(date +%s%N)
code=$(curl -s -o "$var/down.html" -w '%{http_code}' -m 5 -b "$jar" "$B/caseworker" || echo timeout)
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$code" = 503 ] && grep -q 'the service is unavailable' "$var/down.html" &&
    pass "database down: 503 with a friendly page in ${ms} ms" || fail "database down answered $code"
grep -q 'Anything you were told was saved has been kept' "$var/down.html" && pass "the page says saved work is kept" || fail "503 page text"
sleep 2
scripts/pg.sh start "$var/pg"
recovered=no
for _ in $(seq 1 50); do
	[ "$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$B/caseworker")" = 200 ] && { recovered=yes; break; }
	sleep 0.2
done
[ $recovered = yes ] && pass "the portal recovered by itself" || fail "no recovery after the database came back"
wait $writer $load 2>/dev/null || true
n=$(wc -l < "$saved")
missing=0
while read -r id; do
	[ "$(sql "SELECT count(*) FROM assessments WHERE id = $id")" = 1 ] || missing=$((missing + 1))
done < "$saved"
[ "$missing" = 0 ] && [ "$n" -gt 0 ] && pass "all $n saves reported as done are still there" || fail "$missing of $n reported saves are missing"

echo "== 3. disk full during an upload"
su_sql() { psql -X -tA -v ON_ERROR_STOP=1 -h "$var/pg/run" -U postgres -d portal -c "$1"; }
full=$var/full
mkdir -p "$full"
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=8M tmpfs "$full" 2>/dev/null; then
	chown postgres: "$full"
	su_sql "CREATE TABLESPACE full_disk LOCATION '$full'" >/dev/null
	su_sql "ALTER TABLE documents SET TABLESPACE full_disk" >/dev/null
	signin ep@demo.test
	csrf=$(csrf_of "/requests/$rq")
	docs_before=$(sql "SELECT count(*) FROM documents")
	audit_before=$(sql "SELECT count(*) FROM audit_log WHERE action = 'upload_document'")
	code=$(curl -s -o "$var/full.html" -w '%{http_code}' -m 60 -b "$jar" -F "csrf=$csrf" \
	    -F "file=@$pdf;type=application/pdf" "$B/requests/$rq/documents")
	[ "$code" = 503 ] && grep -q 'The file could not be stored, so it has not been attached' "$var/full.html" &&
	    pass "disk full: 503 with the reason on the request page" || fail "disk full answered $code"
	grep -q 'govuk-error-summary' "$var/full.html" && pass "the error is in the GOV.UK error summary" || fail "no error summary"
	[ "$(sql "SELECT count(*) FROM documents")" = "$docs_before" ] && pass "no document row" || fail "a document row was written"
	[ "$(sql "SELECT count(*) FROM audit_log WHERE action = 'upload_document'")" = "$audit_before" ] &&
	    pass "no upload in the audit log" || fail "an upload was audited"
	su_sql "ALTER TABLE documents SET TABLESPACE pg_default" >/dev/null
	su_sql "DROP TABLESPACE full_disk" >/dev/null
	umount "$full"
	printf '%%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%%%EOF\n' > "$var/small.pdf"
	csrf=$(csrf_of "/requests/$rq")
	code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" -F "csrf=$csrf" \
	    -F "file=@$var/small.pdf;type=application/pdf" "$B/requests/$rq/documents")
	[ "$code" = 303 ] && [ "$(sql "SELECT count(*) FROM documents")" = $((docs_before + 1)) ] &&
	    pass "with room again the next upload is stored" || fail "upload after the disk was freed answered $code"
else
	echo "skip - disk full: mounting a tmpfs needs root (run make faults as root)"
fi

echo "== 4. allocation failure during an upload"
# Each worker's address space is capped (prlimit) a few MB above what it
# maps now, so taking in a 10 MB upload cannot allocate. Kore ends a
# worker whose allocation fails (kore_malloc → fatal) and starts a new
# one; the user's upload is dropped. Nothing may be half-written.
signin ep@demo.test
csrf=$(csrf_of "/requests/$rq")
docs_before=$(sql "SELECT count(*) FROM documents")
audit_before=$(sql "SELECT count(*) FROM audit_log WHERE action = 'upload_document'")
old=$(workers)
touch "$var/mark-alloc"
for w in $old; do
	vm=$(awk '/^VmSize/ { print $2 }' "/proc/$w/status")
	# The soft limit only: raising it back needs no privilege (the hard
	# one could not be raised again here: no CAP_SYS_RESOURCE).
	prlimit --pid "$w" --as=$(( (vm + 4096) * 1024 )):unlimited
done
code=$(curl -s -o /dev/null -w '%{http_code}' -m 60 -b "$jar" -F "csrf=$csrf" \
    -F "file=@$pdf;type=application/pdf" "$B/requests/$rq/documents" || true)
case $code in
2*|3*) fail "the upload was reported as stored ($code) although it could not be allocated";;
*) pass "the upload was not reported as stored (status ${code:-none})";;
esac
for w in $old; do
	prlimit --pid "$w" --as=unlimited:unlimited 2>/dev/null && continue
	# Ended by the failure (maybe just now, as expected); a worker still
	# alive must not stay capped.
	sleep 0.5
	if workers | grep -qw "$w"; then fail "the limit of worker $w could not be lifted"; fi
done
[ "$(sql "SELECT count(*) FROM documents")" = "$docs_before" ] && pass "no document row" || fail "a document row was written"
[ "$(sql "SELECT count(*) FROM audit_log WHERE action = 'upload_document'")" = "$audit_before" ] &&
    pass "no upload in the audit log" || fail "an upload was audited"
leftover=$(find "$var" -newer "$var/mark-alloc" -type f -size +1M ! -path "$var/pg/*" ! -name '*.log' | head -5)
[ -z "$leftover" ] && pass "no plaintext temporary file left" || fail "files left: $leftover"
for _ in $(seq 1 50); do [ "$(workers | wc -w)" = 2 ] && break; sleep 0.1; done
signin ep@demo.test
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$jar" "$B/inbox")
[ "$code" = 200 ] && pass "the next request works (inbox $code; workers $old → $(workers))" ||
    fail "inbox answered $code after the allocation failure"

kill -0 "$(cat "$var/portal.pid")" && pass "the portal is still running" || fail "the portal died"
stack_seccomp_clean || fails=$((fails + 1))

[ "$fails" = 0 ] && echo "== faults: all passed" || { echo "== faults: $fails failed"; exit 1; }
