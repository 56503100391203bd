#!/usr/bin/env bash
# The plan as .docx, read by real readers (make docx-check): portalctl
# plan-sample writes a sample draft and final plan (docx.c); python-docx
# must find the headings, paragraphs, attributions and tables where a
# reader expects them; LibreOffice must convert both to text (every
# section heading, a paragraph, the child's name) and to a non-empty PDF.
# Then the time to write a 480-paragraph plan against the time to
# assemble it (wall time, and instructions under callgrind if valgrind
# is installed).
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v soffice >/dev/null || ! /usr/bin/python3 -c 'import docx' 2>/dev/null; then
	if [ "$(id -u)" = 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		    libreoffice-writer-nogui python3-docx
	else
		echo "docx-check: run: sudo apt-get install -y --no-install-recommends libreoffice-writer-nogui python3-docx" >&2
		exit 1
	fi
fi

T=$(mktemp -d "${TMPDIR:-/tmp}/docx-check.XXXXXX")
trap 'rm -rf "$T"' EXIT
# A name that needs escaping, with an emoji.
NAME='Zoë "Z" O'\''Neill <Smith> & Co 😀'

build/portalctl plan-sample --name "$NAME" "$T/draft.docx"
build/portalctl plan-sample --final --name "$NAME" "$T/final.docx"

/usr/bin/python3 - "$T/draft.docx" "$T/final.docx" "$NAME" <<'PY'
import sys
import docx

draft_path, final_path, name = sys.argv[1:4]
SECTIONS = ["A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K"]

def check(path, final):
    d = docx.Document(path)
    ps = [(p.style.name, p.text) for p in d.paragraphs]
    texts = [t for _, t in ps]
    def fail(msg):
        sys.exit("docx-check: %s: %s" % (path, msg))
    # Title and the draft mark first.
    if final:
        if ps[0] != ("Title", "Education, Health and Care plan"):
            fail("first paragraph is %r" % (ps[0],))
        if any("DRAFT" in t for t in texts):
            fail("a final plan marked DRAFT")
        if "Final EHC plan issued on 25 January 2027" not in texts:
            fail("a final plan that does not say it is the final EHC plan")
        hdr = d.sections[0].header.paragraphs[0].text
        if "Final EHC plan" not in hdr or "Demoshire County Council" not in hdr:
            fail("the final plan's page header is %r" % hdr)
    else:
        if ps[0][1] != "DRAFT" or ps[1] != ("Title", "Education, Health and Care plan"):
            fail("no DRAFT mark then title: %r" % (ps[:2],))
        if "DRAFT" not in d.sections[0].header.paragraphs[0].text:
            fail("no DRAFT in the page header")
    if "Name: " + name not in texts:
        fail("the child's name did not survive: %r" % [t for t in texts if t.startswith("Name")])
    for want in ("Date of birth: 14 March 2017", "Reference: EHC-2026-00001",
                 "Council: Demoshire County Council"):
        if want not in texts:
            fail("no %r" % want)
    # Heading 1 per section, in order A..K.
    h1 = [t for s, t in ps if s == "Heading 1"]
    got = [t.split(":")[0].replace("Section ", "") for t in h1]
    if got != SECTIONS:
        fail("Heading 1s are %r" % h1)
    # Heading 2 per broad area in B: in the area order.
    b = texts.index(h1[1]); c = texts.index(h1[2])
    h2 = [t for s, t in ps[b:c] if s == "Heading 2"]
    if h2 != ["Communication and interaction", "Cognition and learning",
              "Social, emotional and mental health", "Sensory and/or physical",
              "General"]:
        fail("B's areas are %r" % h2)
    # A paragraph followed by its attribution in smaller text.
    i = texts.index("Maya's working memory is well below average; her verbal reasoning is average.")
    if ps[i + 1] != ("Attribution", "From: Dr Evan Price, Educational Psychologist, "
                     "Demoshire EP Service, advice dated 3 November 2026"):
        fail("attribution after the paragraph is %r" % (ps[i + 1],))
    style = d.styles["Attribution"]
    if style.font.size is None or style.font.size.pt >= 12:
        fail("attribution is not smaller text")
    if d.styles["Normal"].font.name != "Arial" or d.styles["Heading 1"].font.name != "Arial":
        fail("Normal / Heading 1 are not Arial")
    # Section I.
    i_at = texts.index(h1[9])
    nxt = texts[i_at + 1]
    if final:
        if nxt != "Brookfield Primary School, a mainstream primary school":
            fail("Section I of a final plan is %r" % nxt)
    elif "left blank until the final plan" not in nxt or "38(5)" not in nxt:
        fail("Section I of a draft is %r" % nxt)
    # Provision as tables (what / who / how often / how long), K's advice table.
    heads = [[c.text for c in t.rows[0].cells] for t in d.tables]
    prov = [t for t in d.tables if [c.text for c in t.rows[0].cells] ==
            ["Provision", "Who", "How often", "How long"]]
    if len(prov) < 4:
        fail("provision tables: %r" % heads)
    rows = [[c.text for c in r.cells] for t in prov for r in t.rows[1:]]
    row = [r for r in rows if r[0].startswith("Precision teaching")]
    if not row or row[0][1:] != ["Teaching assistant", "Daily, 10 minutes", "Two terms, then reviewed"]:
        fail("the precision teaching row is %r" % row)
    k = d.tables[-1]
    if [c.text for c in k.rows[0].cells] != ["Advice", "Date of advice"] or len(k.rows) != 6:
        fail("K's table is %r" % [[c.text for c in r.cells] for r in k.rows])
    if [c.text for c in k.rows[3].cells] != [
            "Psychological advice from Dr Evan Price, Educational Psychologist, Demoshire EP Service",
            "3 November 2026"]:
        fail("K's third advice is %r" % [c.text for c in k.rows[3].cells])
    # Page numbers: "Page N of M" fields in the footer.
    ftr = d.sections[0].footer._element.xml
    if " PAGE " not in ftr or " NUMPAGES " not in ftr:
        fail("no page numbers in the footer")
    if d.core_properties.title != "EHC plan EHC-2026-00001" or d.core_properties.author:
        fail("metadata: title %r author %r" % (d.core_properties.title, d.core_properties.author))
    print("python-docx: %s: %d paragraphs, %d tables, headings A-K in order"
          % (path.rsplit("/", 1)[1], len(ps), len(d.tables)))

check(draft_path, False)
check(final_path, True)
PY

# LibreOffice: text and PDF.  Its own profile, so parallel runs do not meet.
lo() {
	soffice -env:UserInstallation="file://$T/lo" --headless --convert-to "$1" \
	    --outdir "$T" "$2" >"$T/soffice.log" 2>&1 || { cat "$T/soffice.log"; exit 1; }
}
for f in draft final; do
	lo 'txt:Text (encoded):UTF8' "$T/$f.docx"
	lo pdf "$T/$f.docx"
	txt="$T/$f.txt"
	[ -s "$txt" ] || { echo "docx-check: no text from LibreOffice for $f"; exit 1; }
	sed -i '1s/^\xEF\xBB\xBF//' "$txt"	# the UTF-8 filter writes a BOM
	for s in A B C D E F G H1 H2 I J K; do
		grep -q "^Section $s: " "$txt" || { echo "docx-check: $f.txt lacks Section $s"; exit 1; }
	done
	grep -qF "Maya finds it hard to follow instructions with more than two steps." "$txt" ||
	    { echo "docx-check: $f.txt lacks a paragraph of B"; exit 1; }
	grep -qF "Name: $NAME" "$txt" || { echo "docx-check: $f.txt lacks the child's name"; exit 1; }
	grep -qF "From: Dr Evan Price, Educational Psychologist" "$txt" ||
	    { echo "docx-check: $f.txt lacks an attribution"; exit 1; }
	[ -s "$T/$f.pdf" ] && [ "$(head -c 5 "$T/$f.pdf")" = "%PDF-" ] ||
	    { echo "docx-check: no PDF for $f"; exit 1; }
	echo "libreoffice: $f.docx -> $(wc -l <"$txt") lines of text, $(stat -c %s "$T/$f.pdf") bytes of PDF"
done
grep -q "^DRAFT" "$T/draft.txt" || { echo "docx-check: draft.txt not marked DRAFT"; exit 1; }
if grep -q "DRAFT" "$T/final.txt"; then echo "docx-check: final.txt marked DRAFT"; exit 1; fi
grep -q "left blank until the final plan" "$T/draft.txt" || { echo "docx-check: draft's Section I"; exit 1; }
grep -qF "Final EHC plan issued on 25 January 2027" "$T/final.txt" || { echo "docx-check: final.txt does not say Final EHC plan"; exit 1; }
awk '/^Section I: /{getline; print; exit}' "$T/final.txt" | grep -qF "Brookfield Primary School" ||
    { echo "docx-check: final.txt's Section I does not name the setting"; exit 1; }

# The advice forms (docx_form.c): every template's form opens in
# python-docx and LibreOffice with every label; a form filled by
# python-docx (tests/docx/fill_form.py), and the same re-saved by
# LibreOffice, reads back with its answers (portalctl form-read, the
# upload's checks and reader).
for tf in templates/advice/*.xml; do
	tid=$(sed -n 's/.*<template [^>]* id="\([^"]*\)".*/\1/p' "$tf" | head -1)
	[ -n "$tid" ] || continue
	build/portalctl form-sample "$tid" "$T/form-$tid.docx"
done
/usr/bin/python3 - "$T" templates/advice <<'PY'
import glob, os, re, sys
import docx
import xml.etree.ElementTree as ET

tmp, tdir = sys.argv[1:3]
NS = "{urn:ehc-portal:template:1}"
n = 0
for tf in sorted(glob.glob(os.path.join(tdir, "*.xml"))):
    root = ET.parse(tf).getroot()
    tid, ver = root.get("id"), root.get("version")
    path = os.path.join(tmp, "form-%s.docx" % tid)
    if not os.path.exists(path):
        continue
    d = docx.Document(path)
    texts = [p.text for p in d.paragraphs]
    styles = {p.text: p.style.name for p in d.paragraphs}
    # The latest version of each id is what form-sample writes.
    if not any(t == "Form code: %s version %s" % (tid, ver) for t in texts):
        continue
    for f in root.iter(NS + "field"):
        label = " ".join(f.find(NS + "label").text.split())
        if styles.get(label) != "Heading 2":
            sys.exit("docx-check: form %s: label %r is not a Heading 2" % (tid, label))
    if len(d.tables) != len(list(root.iter(NS + "field"))):
        sys.exit("docx-check: form %s: %d answer tables for %d fields" %
                 (tid, len(d.tables), len(list(root.iter(NS + "field")))))
    n += 1
print("python-docx: %d advice forms, every label a Heading 2 with its answer table" % n)
PY
for tid in psychological parent; do
	lo 'txt:Text (encoded):UTF8' "$T/form-$tid.docx"
	sed -i '1s/^\xEF\xBB\xBF//' "$T/form-$tid.txt"
	/usr/bin/python3 - "$T/form-$tid.txt" "templates/advice/$tid.xml" <<'PY'
import sys
import xml.etree.ElementTree as ET
txt = " ".join(open(sys.argv[1], encoding="utf-8").read().split())
NS = "{urn:ehc-portal:template:1}"
for f in ET.parse(sys.argv[2]).getroot().iter(NS + "field"):
    label = " ".join(f.find(NS + "label").text.split())
    if label not in txt:
        sys.exit("docx-check: LibreOffice's text of the form lacks %r" % label)
print("libreoffice: %s: every label in the text" % sys.argv[1].rsplit("/", 1)[1])
PY
done
cat >"$T/answers.json" <<'JSON'
{"Date you last saw the child or young person": "3 November 2026",
 "Background and reason for involvement": "Referred by the school in Year 2.\nSeen twice & \"observed\".",
 "Needs in communication and interaction": "Finds multi-step instructions hard.",
 "Provision for communication and interaction": [["Language group", "Teaching assistant", "3 times a week", "Two terms"]]}
JSON
/usr/bin/python3 tests/docx/fill_form.py "$T/form-psychological.docx" "$T/filled.docx" "$T/answers.json" >/dev/null
mkdir -p "$T/resaved"
soffice -env:UserInstallation="file://$T/lo" --headless --convert-to 'docx:MS Word 2007 XML' \
    --outdir "$T/resaved" "$T/filled.docx" >"$T/soffice.log" 2>&1 || { cat "$T/soffice.log"; exit 1; }
for f in "$T/filled.docx" "$T/resaved/filled.docx"; do
	build/portalctl form-read psychological "$f" >"$T/read.txt" ||
	    { echo "docx-check: $f was refused"; exit 1; }
	grep -qP '^date_seen\t-1\t\t2026-11-03$' "$T/read.txt" &&
	grep -qF 'Referred by the school in Year 2.\nSeen twice & "observed".' "$T/read.txt" &&
	grep -qP '^ci_provision\t0\thow_often\t3 times a week$' "$T/read.txt" &&
	grep -q '^# filled 4 ' "$T/read.txt" ||
	    { echo "docx-check: $f read back as:"; cat "$T/read.txt"; exit 1; }
	echo "form-read: ${f#$T/}: 4 answers back, provision row included"
done
# Another template's form is refused.
/usr/bin/python3 tests/docx/fill_form.py --form-code educational:1 "$T/form-psychological.docx" \
    "$T/other.docx" "$T/answers.json" >/dev/null
if build/portalctl form-read psychological "$T/other.docx" 2>"$T/err.txt"; then
	echo "docx-check: another template's form was read"; exit 1
fi
grep -q "form for different advice" "$T/err.txt" || { cat "$T/err.txt"; exit 1; }

# Figures (not asserted): a 480-paragraph plan, written against assembled.
build/portalctl plan-sample --copies 10 --time 50 "$T/big.docx"
if command -v valgrind >/dev/null; then
	ir() {
		valgrind --tool=callgrind --toggle-collect="$1" \
		    --callgrind-out-file="$T/cg.$1" build/portalctl plan-sample --copies 10 \
		    "$T/big.docx" >/dev/null 2>&1
		awk '/^summary:|^totals:/ { print $2; exit }' "$T/cg.$1"
	}
	a=$(ir plan_assemble); w=$(ir docx_plan_mem)
	echo "callgrind: plan_assemble $a instructions, docx_plan_mem $w instructions," \
	    "docx/assemble $(echo "scale=1; $w / $a" | bc)"
fi
echo "docx-check: ok"
