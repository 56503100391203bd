#!/usr/bin/env bash
# Private PostgreSQL cluster under the project.
#   scripts/pg.sh start DIR     create (if missing) and start a cluster in DIR; socket in DIR/run, no TCP
#   scripts/pg.sh stop DIR      stop it (fast); no-op when not running
#   scripts/pg.sh kill DIR      stop it immediately (fault tests)
#   scripts/pg.sh conninfo DIR  print the libpq connection string for the application role
# Works as root (the server runs as the "postgres" user, which must be able to reach DIR)
# and as a normal user (the server runs as that user).
set -euo pipefail

cmd=${1:?usage: pg.sh start|stop|kill|conninfo DIR}
dir=$(realpath -m "${2:?usage: pg.sh $cmd DIR}")
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
data=$dir/data
sock=$dir/run

as_owner() {
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The server user needs search permission on every folder above the cluster.
# A fresh clone under a 0700 temporary folder (mktemp -d) blocks the postgres
# user; grant search (x) only, never read, and say so.
open_path_for_postgres() {
	[ "$(id -u)" = 0 ] || return 0
	local p=$dir
	while [ "$p" != / ]; do
		p=$(dirname "$p")
		if ! runuser -u postgres -- test -x "$p"; then
			echo "pg.sh: granting search permission on $p so the postgres user can reach the cluster"
			chmod o+x "$p"
		fi
	done
}

create() {
	mkdir -p "$dir"
	open_path_for_postgres
	if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
	as_owner mkdir -p "$data" "$sock"
	as_owner "$bin/initdb" -D "$data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log"
	cat >>"$data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$sock'
unix_socket_permissions = 0777
max_connections = 200
shared_buffers = 128MB
fsync = on
logging_collector = off
log_min_messages = warning
CONF
}

running() {
	[ -f "$data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$data" status >/dev/null 2>&1
}

case $cmd in
start)
	[ -f "$data/PG_VERSION" ] || create
	open_path_for_postgres
	if ! running; then
		as_owner "$bin/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 start >/dev/null
	fi
	;;
stop)
	if running; then as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null; fi
	;;
kill)
	if running; then as_owner "$bin/pg_ctl" -D "$data" -m immediate -w stop >/dev/null || true; fi
	;;
conninfo)
	echo "host=$sock dbname=portal user=portal_app"
	;;
*)
	echo "usage: pg.sh start|stop|kill|conninfo DIR" >&2
	exit 2
	;;
esac
