#!/usr/bin/env bash
# Writes a Kore configuration for this checkout to standard output.
#   scripts/mkconf.sh PORT VARDIR [BIND]
# VARDIR holds the pid file, access log and the upload spool (tmp/).
set -euo pipefail
port=${1:?port}; var=$(realpath -m "${2:?vardir}"); bind=${3:-127.0.0.1}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$var/tmp"
sed -e "s|@PORT@|$port|" -e "s|@BIND@|$bind|" \
    -e "s|@MODULE@|$root/build/portal.so|" -e "s|@TMP@|$var/tmp|" \
    -e "s|@PIDFILE@|$var/portal.pid|" -e "s|@ACCESSLOG@|$var/access.log|" \
    -e "s|@SECCOMP_TRACING@|${SECCOMP_TRACING:-yes}|" "$root/conf/portal.conf.in"
