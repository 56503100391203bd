#!/usr/bin/env bash
# make test: every layer against a throwaway cluster and port.
#   unit (Check) plain, under ASan+UBSan and under valgrind → fuzz smoke →
#   .docx proof (python-docx, LibreOffice) → database + portal → HTTP
#   integration → browser.
# Exits non-zero on any failure, or if the portal logged a seccomp violation.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/stack.sh
port=${TEST_PORT:-18888}
trap stack_down EXIT

echo "== unit tests (Check)"
make -s unit
echo "== unit tests under AddressSanitizer + UndefinedBehaviorSanitizer"
make -s unit-asan
echo "== unit tests under valgrind"
make -s unit-valgrind
bash tests/security/hardening.sh
echo "== fuzz smoke run (${FUZZ_SECONDS:=10} s per parser)"
make -s fuzz FUZZ_SECONDS="$FUZZ_SECONDS"

echo "== Word documents: the plan's .docx read by python-docx, converted by LibreOffice"
make -s docx-check

echo "== throwaway database and portal on 127.0.0.1:$port"
# Mail goes to an SMTP server on loopback that tests/http/chase.test.mjs
# starts and stops itself (tests/smtp_sink.py).
export PORTAL_SMTP="smtp://127.0.0.1:$((port + 25))" PORTAL_MAIL_FROM=portal@demoshire.example
export PORTAL_BASE_URL="http://127.0.0.1:$port"
stack_up "$PWD/var/test" "$port"
export TEST_VAR=$STACK_VAR

echo "== HTTP integration tests"
node --test --test-concurrency=1 tests/http/
bash tests/security/sqlmap.sh
echo "== browser tests"
node --test --test-concurrency=1 tests/browser/

stack_seccomp_clean
echo "== all test layers passed"
