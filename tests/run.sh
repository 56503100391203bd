#!/usr/bin/env bash
# make test: every layer against a throwaway cluster and port.
#   unit (Check) → database + portal → HTTP integration → browser.
# Exits non-zero on any failure, or if the portal logged a seccomp violation.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
tvar=$root/var/test
port=${TEST_PORT:-18888}
export PORTAL_ROOT=$root

cleanup() {
	if [ -f "$tvar/portal.pid" ]; then kill "$(cat "$tvar/portal.pid")" 2>/dev/null || true; fi
	[ -n "${kore_pid:-}" ] && kill "$kore_pid" 2>/dev/null || true
	scripts/pg.sh stop "$tvar/pg" || true
}
trap cleanup EXIT

echo "== unit tests (Check)"
make -s unit

echo "== throwaway database"
scripts/pg.sh stop "$tvar/pg" 2>/dev/null || true
rm -rf "$tvar"
mkdir -p "$tvar"
scripts/pg.sh start "$tvar/pg"
scripts/db-setup.sh "$tvar/pg"
export PORTAL_DB_OWNER="host=$tvar/pg/run dbname=portal user=portal_owner"
scripts/migrate.sh
scripts/migrate.sh	# idempotent: a second run applies nothing
export PORTAL_DB="$(scripts/pg.sh conninfo "$tvar/pg")"
build/portalctl make-key "$tvar/master.key"
export PORTAL_MASTER_KEY_FILE=$tvar/master.key
build/portalctl demo-data

echo "== portal on 127.0.0.1:$port"
scripts/mkconf.sh "$port" "$tvar" > "$tvar/portal.conf"
kore -f -n -r -c "$tvar/portal.conf" > "$tvar/portal.log" 2>&1 &
kore_pid=$!
for _ in $(seq 1 100); do
	curl -s -o /dev/null "http://127.0.0.1:$port/sign-in" && break
	sleep 0.1
done
curl -s -o /dev/null "http://127.0.0.1:$port/sign-in" || { cat "$tvar/portal.log"; exit 1; }

export BASE_URL="http://127.0.0.1:$port" TEST_VAR=$tvar
echo "== HTTP integration tests"
node --test --test-concurrency=1 tests/http/
echo "== browser tests"
node --test --test-concurrency=1 tests/browser/

if grep -q 'seccomp violation' "$tvar/portal.log"; then
	echo "FAIL: the portal made system calls outside its seccomp filter:"
	grep 'seccomp violation' "$tvar/portal.log" | sort | uniq -c
	exit 1
fi
echo "== all test layers passed"
