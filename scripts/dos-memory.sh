#!/usr/bin/env bash
# make dos-memory: issue 14 item 5's attack against a throwaway portal on
# DOS_PORT (18898), with the figures of scripts/dos-memory.mjs:
#   1. 8 connections, POST /sign-in without a session, Content-Length 30 MB,
#      the body trickled over 20 s;
#   2. the same against the upload route (POST /requests/1/documents).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/stack.sh
port=${DOS_PORT:-18898}
out=$PWD/var/dos
trap stack_down EXIT
stack_up "$out" "$port" >/dev/null
node scripts/dos-memory.mjs "$port" "$out/portal.pid" 8 31457280 "${DOS_SECONDS:-20}" /sign-in
node scripts/dos-memory.mjs "$port" "$out/portal.pid" 8 31457280 "${DOS_SECONDS:-20}" /requests/1/documents
