#!/usr/bin/env bash
# Writes a Kore configuration for this checkout to standard output.
#   scripts/mkconf.sh PORT VARDIR [BIND]
# VARDIR holds the pid file, access log and the upload spool (tmp/).
# ACCESSLOG=off writes no access log (make bench, for Kore's own ceiling).
set -euo pipefail
port=${1:?port}; var=$(realpath -m "${2:?vardir}"); bind=${3:-127.0.0.1}
root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$var/tmp"
accesslog="accesslog $var/access.log"
[ "${ACCESSLOG:-on}" = off ] && accesslog="# no access log (ACCESSLOG=off)"
sed -e "s|@PORT@|$port|" -e "s|@BIND@|$bind|" \
    -e "s|@MODULE@|$root/build/portal.so|" -e "s|@TMP@|$var/tmp|" \
    -e "s|@PIDFILE@|$var/portal.pid|" -e "s|@ACCESSLOG_LINE@|$accesslog|" \
    -e "s|@SECCOMP_TRACING@|${SECCOMP_TRACING:-yes}|" "$root/conf/portal.conf.in"
