#!/usr/bin/env bash
# Create the database and its two roles in a private cluster (development and tests).
#   scripts/db-setup.sh DIR
# portal_owner owns the schema and runs migrations; portal_app is what the portal
# and portalctl connect as (it may not UPDATE or DELETE the audit log).
# Against an existing PostgreSQL, a DBA does the same by hand: see README.
set -euo pipefail
dir=$(realpath -m "${1:?usage: db-setup.sh DIR}")
psql=(psql -X -q -v ON_ERROR_STOP=1 -h "$dir/run" -U postgres)
"${psql[@]}" -d postgres <<'SQL'
SELECT 'CREATE ROLE portal_owner LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'portal_owner')\gexec
SELECT 'CREATE ROLE portal_app LOGIN' WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'portal_app')\gexec
SELECT 'CREATE DATABASE portal OWNER portal_owner' WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'portal')\gexec
SQL
