#!/usr/bin/env bash
# Binary hardening of what `make all` builds, read from the ELF files with
# binutils (readelf): full RELRO (a read-only GOT after start-up, which needs
# GNU_RELRO and BIND_NOW), the stack protector (__stack_chk_fail imported),
# FORTIFY_SOURCE (some __*_chk function imported), no executable stack, no
# text relocations, and a position-independent portalctl (portal.so is a
# shared object, position-independent by nature).
# Prints one table row per binary; exits 1 if any protection is missing.
#   bash tests/security/hardening.sh [BINARY...]   (default: build/portal.so build/portalctl)
set -euo pipefail
cd "$(dirname "$0")/../.."

command -v readelf >/dev/null || { echo "hardening: readelf missing (Debian package binutils)"; exit 1; }

bins=("$@")
[ ${#bins[@]} -gt 0 ] || bins=(build/portal.so build/portalctl)

fail=0
row() { printf '%-20s %-8s %-9s %-9s %-14s %-8s %-8s %-7s %s\n' "$@"; }

# Each check prints "yes" or a short reason, and returns 1 when missing.
relro() {	# full: a GNU_RELRO segment and immediate binding
	local ph=$1 dyn=$2
	grep -q 'GNU_RELRO' <<<"$ph" || { echo "none"; return 1; }
	grep -Eq '\(BIND_NOW\)|\(FLAGS\).*BIND_NOW|\(FLAGS_1\).*\bNOW\b' <<<"$dyn" ||
		{ echo "partial"; return 1; }
	echo "full"
}
bind_now() {
	grep -Eq '\(BIND_NOW\)|\(FLAGS\).*BIND_NOW|\(FLAGS_1\).*\bNOW\b' <<<"$1" &&
		echo "yes" || { echo "no"; return 1; }
}
canary() {
	grep -qx '__stack_chk_fail' <<<"$1" && echo "yes" || { echo "no"; return 1; }
}
fortify() {	# imported *_chk functions other than the stack protector's
	local n
	n=$(grep -E '^__[a-z0-9_]+_chk$' <<<"$1" | grep -vcx '__stack_chk_fail' || true)
	[ "$n" -gt 0 ] && echo "yes ($n)" || { echo "no"; return 1; }
}
nx() {		# GNU_STACK present and not executable
	local st
	st=$(grep -E '^\s*GNU_STACK' <<<"$1" || true)
	[ -n "$st" ] || { echo "no-header"; return 1; }
	# The flags column comes before the alignment: RW, or RWE when executable.
	[[ $(awk '{ print $(NF-1) }' <<<"$st") == *E* ]] && { echo "EXEC"; return 1; }
	echo "yes"
}
pie() {		# executables: DYN type (with DF_1_PIE); shared objects: n/a
	local hdr=$1 dyn=$2 kind=$3
	grep -Eq 'Type:\s+DYN' <<<"$hdr" || { echo "no (EXEC)"; return 1; }
	if [ "$kind" = exe ]; then
		grep -Eq '\(FLAGS_1\).*\bPIE\b' <<<"$dyn" && echo "yes" || { echo "no"; return 1; }
	else
		echo "n/a (.so)"
	fi
}
textrel() {
	grep -q 'TEXTREL' <<<"$1" && { echo "TEXTREL"; return 1; } || echo "none"
}

echo "== binary hardening (readelf): ${bins[*]}"
row BINARY RELRO BIND_NOW CANARY FORTIFY NX PIE TEXTREL ""
for b in "${bins[@]}"; do
	if [ ! -f "$b" ]; then
		echo "hardening: $b does not exist (run make all first)"
		fail=1
		continue
	fi
	hdr=$(readelf -hW "$b")
	ph=$(readelf -lW "$b")
	dyn=$(readelf -dW "$b")
	syms=$(readelf --dyn-syms -W "$b" | awk 'NF >= 8 && $7 == "UND" { sub(/@.*/, "", $8); print $8 }' | sort -u)
	kind=exe
	[[ $b == *.so ]] && kind=so
	missing=()
	r_relro=$(relro "$ph" "$dyn") || missing+=("full RELRO")
	r_now=$(bind_now "$dyn") || missing+=("BIND_NOW")
	r_canary=$(canary "$syms") || missing+=("stack protector (__stack_chk_fail)")
	r_fortify=$(fortify "$syms") || missing+=("FORTIFY_SOURCE (*_chk)")
	r_nx=$(nx "$ph") || missing+=("non-executable stack")
	r_pie=$(pie "$hdr" "$dyn" "$kind") || missing+=("PIE")
	r_textrel=$(textrel "$dyn") || missing+=("no text relocations")
	row "$(basename "$b")" "$r_relro" "$r_now" "$r_canary" "$r_fortify" "$r_nx" "$r_pie" "$r_textrel" ""
	if [ ${#missing[@]} -gt 0 ]; then
		for m in "${missing[@]}"; do echo "FAIL: $b: missing $m"; done
		fail=1
	fi
done
[ $fail -eq 0 ] && echo "hardening: every protection present"
exit $fail
