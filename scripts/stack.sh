# Sourced by tests/run.sh, scripts/bench.sh and the fault tests: a fresh
# private database with demo data and a portal on a port, all under one
# folder. Call stack_up VARDIR PORT, then stack_down (or let the trap do it).
#   Exports PORTAL_DB, PORTAL_DB_OWNER, PORTAL_MASTER_KEY_FILE, PORTAL_ROOT,
#   BASE_URL and STACK_VAR; the portal's log is $STACK_VAR/portal.log.

stack_db() {
	local var=$1
	scripts/pg.sh stop "$var/pg" 2>/dev/null || true
	rm -rf "$var"
	mkdir -p "$var"
	scripts/pg.sh start "$var/pg"
	scripts/db-setup.sh "$var/pg"
	export PORTAL_DB_OWNER="host=$var/pg/run dbname=portal user=portal_owner"
	scripts/migrate.sh
	scripts/migrate.sh	# idempotent: a second run applies nothing
	export PORTAL_DB="$(scripts/pg.sh conninfo "$var/pg")"
	build/portalctl make-key "$var/master.key"
	export PORTAL_MASTER_KEY_FILE=$var/master.key
	export PORTAL_ROOT=$PWD
	build/portalctl demo-data
}

# Starts the portal on port (in the background) and waits until it answers.
stack_portal() {
	local var=$1 port=$2 i
	# Another server on the port would answer in this one's place.
	if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
		echo "port $port is already in use: stop what listens there first" >&2
		return 1
	fi
	scripts/mkconf.sh "$port" "$var" > "$var/portal.conf"
	# Its own session: Kore's shutdown signals must not reach the caller.
	setsid kore -f -n -r -c "$var/portal.conf" >> "$var/portal.log" 2>&1 &
	STACK_KORE=$!
	for i in $(seq 1 100); do
		curl -s -o /dev/null "http://127.0.0.1:$port/sign-in" && break
		sleep 0.1
	done
	if ! kill -0 "$STACK_KORE" 2>/dev/null ||
	    ! curl -s -o /dev/null "http://127.0.0.1:$port/sign-in"; then
		cat "$var/portal.log"
		return 1
	fi
	export BASE_URL="http://127.0.0.1:$port"
}

stack_up() {
	export STACK_VAR=$1
	stack_db "$1"
	stack_portal "$1" "$2"
}

stack_down() {
	[ -n "${STACK_VAR:-}" ] || return 0
	if [ -f "$STACK_VAR/portal.pid" ]; then
		kill "$(cat "$STACK_VAR/portal.pid")" 2>/dev/null || true
	fi
	[ -n "${STACK_KORE:-}" ] && kill "$STACK_KORE" 2>/dev/null || true
	wait "${STACK_KORE:-0}" 2>/dev/null || true
	scripts/pg.sh stop "$STACK_VAR/pg" || true
}

# Fails when the portal logged a system call outside its seccomp filter.
stack_seccomp_clean() {
	if grep -q 'seccomp violation' "$STACK_VAR/portal.log"; then
		echo "FAIL: the portal made system calls outside its seccomp filter:"
		grep 'seccomp violation' "$STACK_VAR/portal.log" | sort | uniq -c
		return 1
	fi
}
