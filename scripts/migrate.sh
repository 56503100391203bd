#!/usr/bin/env bash
# Apply db/[0-9]*.sql in order, each once, each in one transaction.
#   PORTAL_DB_OWNER="host=... dbname=portal user=portal_owner" scripts/migrate.sh
# The same script runs in development, tests and production. Idempotent.
set -euo pipefail
: "${PORTAL_DB_OWNER:?set PORTAL_DB_OWNER to a libpq connection string for the schema owner}"
cd "$(dirname "$0")/.."
export PGOPTIONS="-c client_min_messages=warning"
psql=(psql -X -q -v ON_ERROR_STOP=1 -d "$PORTAL_DB_OWNER")
"${psql[@]}" -c "CREATE TABLE IF NOT EXISTS schema_migrations (
	version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())"
for f in db/[0-9]*.sql; do
	v=$(basename "$f" .sql)
	done_already=$("${psql[@]}" -tA -c "SELECT 1 FROM schema_migrations WHERE version = '$v'")
	[ -z "$done_already" ] || continue
	{ cat "$f"; printf "\nINSERT INTO schema_migrations (version) VALUES ('%s');\n" "$v"; } |
		"${psql[@]}" --single-transaction -f -
	echo "migrate: applied $v"
done
