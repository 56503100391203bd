#!/usr/bin/python3
"""Fills an advice form (.docx from the portal) as a person would in Word,
with python-docx: each answer typed into the box under its question.

usage: fill_form.py IN.docx OUT.docx ANSWERS.json [--form-code ID:VERSION]

ANSWERS.json maps a question's label to its answer: a string (lines
become paragraphs; each line is written in two runs, the second bold, as
Word splits runs) or a list of rows, each a list of cells, for a table of
provision.  --form-code rewrites the document's PortalForm property (a
form of another template, for the refusal tests).  Prints the labels
filled; exits 1 if a label of ANSWERS.json is not in the form.
"""
import json
import sys
import zipfile

import docx
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph


def type_into(cell, text, first_para):
    """Types text into a cell: into its last (empty) paragraph first."""
    for i, line in enumerate(text.split("\n")):
        p = first_para if i == 0 else cell.add_paragraph()
        half = len(line) // 2
        p.add_run(line[:half])
        p.add_run(line[half:]).bold = True


def fill(src, dst, answers):
    d = docx.Document(src)
    last = None
    done = set()
    for el in d.element.body.iterchildren():
        if el.tag == qn("w:p"):
            # The question; its hints come between it and its box.
            text = Paragraph(el, d).text.strip()
            if text in answers:
                last = text
        elif el.tag == qn("w:tbl"):
            t = Table(el, d)
            if last in answers:
                a = answers[last]
                if isinstance(a, str):
                    cell = t.rows[0].cells[0]
                    type_into(cell, a, cell.paragraphs[-1])
                else:
                    for r, row in enumerate(a):
                        while len(t.rows) < r + 2:
                            t.add_row()
                        for c, text in enumerate(row):
                            cell = t.rows[r + 1].cells[c]
                            type_into(cell, text, cell.paragraphs[-1])
                done.add(last)
            last = None
    d.save(dst)
    return done


def set_form_code(path, code):
    with zipfile.ZipFile(path) as z:
        parts = {n: z.read(n) for n in z.namelist()}
    xml = parts["docProps/custom.xml"].decode()
    start = xml.index("<vt:lpwstr>") + len("<vt:lpwstr>")
    end = xml.index("</vt:lpwstr>")
    parts["docProps/custom.xml"] = (xml[:start] + code + xml[end:]).encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for n, b in parts.items():
            z.writestr(n, b)


def main():
    args = sys.argv[1:]
    code = None
    if "--form-code" in args:
        i = args.index("--form-code")
        code = args[i + 1]
        del args[i:i + 2]
    src, dst, answers_path = args
    with open(answers_path, encoding="utf-8") as f:
        answers = json.load(f)
    done = fill(src, dst, answers)
    if code is not None:
        set_form_code(dst, code)
    missing = [k for k in answers if k not in done]
    if missing:
        sys.exit("fill_form: not in the form: %r" % missing)
    for k in sorted(done):
        print(k)


if __name__ == "__main__":
    main()
