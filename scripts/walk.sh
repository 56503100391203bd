#!/usr/bin/env bash
# make walk: every role's pages at 375 × 667 on a throwaway portal with
# the demo data (port WALK_PORT, 19900): each page's status and document
# width, and a full-page screenshot in var/walk/shots for a person to read.
set -uo pipefail
cd "$(dirname "$0")/.."
source scripts/stack.sh
trap stack_down EXIT
port=${WALK_PORT:-19900}
export PORTAL_SMTP="smtp://127.0.0.1:$((port + 25))" PORTAL_MAIL_FROM=portal@demoshire.example
export PORTAL_BASE_URL="http://127.0.0.1:$port"
stack_up "$PWD/var/walk" "$port" > /dev/null || exit 1
q() { psql -X -tA -d "$PORTAL_DB" -c "$1"; }
served=$(q "SELECT d.assessment_id FROM assessment_decisions d JOIN assessment_contacts c
    USING (assessment_id) JOIN accounts a ON a.id = c.account_id
    WHERE d.kind = 'draft_issued' AND a.email = 'parent@demo.test' LIMIT 1")
final=$(q "SELECT assessment_id FROM assessment_decisions WHERE kind = 'final_issued' LIMIT 1")
consultation=$(q "SELECT c.id FROM consultations c JOIN organisations o ON o.id = c.setting_id
    WHERE o.name = 'Hillcrest Academy' AND c.answer IS NULL LIMIT 1")
consulted=$(q "SELECT assessment_id FROM consultations WHERE id = $consultation")
mkdir -p var/walk/shots
WALK_DIR=$PWD/var/walk/shots BASE_URL=$PORTAL_BASE_URL \
WALK_IDS="{\"served\":$served,\"final\":$final,\"consultation\":$consultation,\"consulted\":$consulted}" \
    node tests/browser/walk.mjs
