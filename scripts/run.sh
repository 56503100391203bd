#!/usr/bin/env bash
# make run: the portal in the foreground, with mail that goes somewhere.
#   Unless PORTAL_SMTP names a relay, a development mail server on loopback
#   (tests/smtp_sink.py, port DEV_SMTP_PORT, default 2525) keeps every
#   message the portal sends as var/mail/NNNNNN.eml, so invitation codes and
#   chase reminders can be read there. `portalctl send-mail` delivers the
#   outbox in the background. Ctrl-C stops all of it (the database stays).
#   Called by the Makefile with PORTAL_DB, PORTAL_ROOT and
#   PORTAL_MASTER_KEY_FILE set; VAR is the data folder.
set -euo pipefail
cd "$(dirname "$0")/.."
var=${VAR:?}
pids=()
stop() { [ ${#pids[@]} -eq 0 ] || kill "${pids[@]}" 2>/dev/null || true; }
trap stop EXIT
export PORTAL_MAIL_FROM=${PORTAL_MAIL_FROM:-portal@demoshire.example}
if [ -z "${PORTAL_SMTP:-}" ]; then
	port=${DEV_SMTP_PORT:-2525}
	export PORTAL_SMTP=smtp://127.0.0.1:$port
	/usr/bin/python3 tests/smtp_sink.py "$port" "$var/mail" > /dev/null &
	pids+=($!)
	echo "Mail: kept in $var/mail/ (a development SMTP server on 127.0.0.1:$port)"
fi
build/portalctl send-mail >> "$var/send-mail.log" 2>&1 &
pids+=($!)
kore -f -n -r -c "$var/portal.conf"
