#!/usr/bin/env bash
# Build the portal's static front-end assets into assets/govuk/.
#
# Run from the repository root after `npm ci` (needs node_modules/).
# Idempotent: builds into a fresh staging folder, checks it, then replaces
# assets/govuk/ (which is generated and not committed).
#
# Output (served at /assets/govuk/):
#   portal.css               GOV.UK Frontend rebuilt for Demoshire County Council
#                            (Arial, council teal, no GDS Transport, no crest)
#   govuk-frontend.min.js    GOV.UK Frontend ES module (+ .map)
#   init.js                  ES module: imports ./govuk-frontend.min.js, initAll()
#   js-enabled.js            classic script: adds js-enabled/govuk-frontend-supported
#   images/favicon.svg       council favicon (GOV.UK's crown icons are not copied)
#
# Refuses (exit 1) if the CSS mentions GDS Transport, declares @font-face, or
# references a url() that is neither a data: URI nor a file produced here.
set -euo pipefail

out=assets/govuk
gf=node_modules/govuk-frontend/dist/govuk
sass=node_modules/.bin/sass

[ -d "$gf" ] || { echo "build-assets: $gf missing; run npm ci first" >&2; exit 1; }
[ -x "$sass" ] || { echo "build-assets: $sass missing; run npm ci first" >&2; exit 1; }

stage=$(mktemp -d assets/.govuk-build.XXXXXX)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/images"

"$sass" --no-source-map --style=compressed --load-path=node_modules \
	assets/src/portal.scss "$stage/portal.css"

cp "$gf/govuk-frontend.min.js" "$gf/govuk-frontend.min.js.map" "$stage/"
cp assets/src/init.js assets/src/js-enabled.js "$stage/"
cp assets/src/favicon.svg "$stage/images/"

# Checks on the built CSS: no GOV.UK-only font, every url() resolves.
css="$stage/portal.css"
if grep -q 'GDS Transport' "$css"; then
	echo "build-assets: portal.css mentions GDS Transport" >&2; exit 1
fi
if grep -q '@font-face' "$css"; then
	echo "build-assets: portal.css declares @font-face" >&2; exit 1
fi
{ grep -o 'url([^)]*)' "$css" || true; } | sed -e 's/^url(//' -e 's/)$//' -e "s/^[\"']//" -e "s/[\"']\$//" |
while IFS= read -r u; do
	case "$u" in
	data:*) ;;
	/assets/govuk/*)
		[ -f "$stage/${u#/assets/govuk/}" ] ||
			{ echo "build-assets: portal.css references missing $u" >&2; exit 1; } ;;
	*)	echo "build-assets: portal.css references unexpected $u" >&2; exit 1 ;;
	esac
done

chmod -R a+rX "$stage"
rm -rf "$out"
mv "$stage" "$out"
trap - EXIT
echo "build-assets: wrote $out/"
