/*
 * docx — a draft or final EHC plan (plan.h) as a Word document
 * (WordprocessingML, ECMA-376), written with libxml2's xmlTextWriter (all
 * text escaped by libxml2) and zipped with libzip.  Pure: no Kore headers.
 *
 * The document: "DRAFT" as its first paragraph and in the page header of
 * a draft; a final plan says "Final EHC plan issued on …" under its title
 * and "Final EHC plan" in its page header; the title "Education, Health and Care plan"; the child's name,
 * date of birth, reference and council; one Heading 1 per section
 * ("Section B: Special educational needs"), a Heading 2 per broad area of
 * need in B, E and F; every paragraph followed by its attribution in
 * smaller text ("From: Dr Evan Price, Educational Psychologist, Demoshire
 * EP Service, advice dated 3 November 2026"); provision rows (what, who,
 * how often, how long) as a table; Section K's advice as a table with
 * dates; Section I in a draft says it stays blank until the final plan
 * (s.38(5) CFA).  Page numbers in the footer; styles Normal, Heading 1,
 * Heading 2 in Arial.  The document's metadata holds only its title
 * ("EHC plan EHC-2026-00001"): no name, no author.
 *
 * Characters XML 1.0 cannot carry (C0 controls other than tab, newline
 * and carriage return; U+FFFE, U+FFFF) and malformed UTF-8 are dropped.
 */
#ifndef PORTAL_DOCX_H
#define PORTAL_DOCX_H

#include <stddef.h>

struct plan_draft;

struct docx_meta {
	int		 final;		/* 0: a draft */
	const char	*child_name;
	const char	*dob;		/* YYYY-MM-DD (printed "14 March 2017") */
	const char	*reference;	/* e.g. "EHC-2026-00001" */
	const char	*council;	/* e.g. "Demoshire County Council" */
	const char	*issued_on;	/* YYYY-MM-DD or NULL: date of this version */
};

/*
 * Writes the plan as a .docx into a malloc'd buffer: *out (the caller
 * frees it) and *len.  Returns 0, or -1 (out of memory or a libxml2 /
 * libzip failure; *out is NULL then).
 */
int	docx_plan_mem(const struct plan_draft *, const struct docx_meta *,
	    unsigned char **out, size_t *len);

/* The same, written to fd (not closed).  0, or -1 (errno may tell). */
int	docx_plan_fd(const struct plan_draft *, const struct docx_meta *, int);

/*
 * "2026-11-03" → "3 November 2026" into out; a string that is not a real
 * YYYY-MM-DD date is copied as it is (cut to fit).  Returns out.
 */
char	*docx_long_date(const char *, char *, size_t);

/*
 * Copies s into out (size bytes, always terminated when size > 0) without
 * the characters XML 1.0 cannot carry and without malformed UTF-8; a
 * character that does not fit is not cut in half.  Returns the length
 * written.
 */
size_t	docx_xml_clean(const char *, char *, size_t);

#endif /* PORTAL_DOCX_H */

/* The advice form as .docx (issue 12); guarded on its own so that it
 * stays apart from the plan's declarations above. */
#ifndef PORTAL_DOCX_FORM_H
#define PORTAL_DOCX_FORM_H

/* ---- docx_form.c: an advice template as a form to fill in Word -------- */

struct tpl;
struct avals;
struct errs;

/*
 * The form a professional or parent downloads: the template's title,
 * the request's reference, a visible form code ("Form code: educational
 * version 1", also kept as the custom document property PortalForm),
 * how to fill it in and upload it back; a Heading 1 per broad area of
 * need, then per field its label (Heading 2), its hint and what to
 * write (options of a choice, a date's form, "optional"), and its
 * answer area: a shaded one-cell table (a rows field: a table with the
 * columns as its header row) holding the saved draft's answer (a choice
 * by its label, a date in words), marked
 * with a hidden bookmark "_ehc_<n>" (n: the field's place in the
 * template, from 0).  No child's name, no author in the metadata.
 */
struct docx_form_meta {
	const char	*reference;	/* e.g. "EHC-2026-00001", or NULL */
	const char	*council;	/* or NULL */
};

/* As docx_plan_mem(): 0 with *out (the caller frees) and *len, or -1. */
int	docx_form_mem(const struct tpl *, const struct avals *draft,
	    const struct docx_form_meta *, unsigned char **out, size_t *len);

/* ---- docx_read.c: a completed form read back -------------------------- */

/* Caps on what is read: the upload, any one part, the number of parts. */
#define DOCX_READ_MAX_IN	(20 * 1024 * 1024)
#define DOCX_READ_MAX_PART	(8 * 1024 * 1024)
#define DOCX_READ_MAX_PARTS	1000

struct docx_form_result {
	size_t	 filled;	/* fields answered in the document */
	size_t	 matched;	/* fields whose answer area was found */
	char	 form_id[64];	/* the form code's template, "" if none */
	int	 form_version;	/* 0 if none */
};

/*
 * Reads the answers of a form for template t out of the len bytes of a
 * .docx (the caller ran filetype_detect() and zipcheck() first).  The
 * answer areas are found by the hidden bookmarks, else by the field's
 * label in the paragraph before the table (Word rewrites runs; text is
 * read across them, tracked deletions left out).  Non-empty answers are
 * appended to out: a choice written as its label or value becomes the
 * value; a date written "27 March 2026", "27/3/2026" or "2026-03-27"
 * becomes YYYY-MM-DD; anything else is kept as written, for
 * docx_form_check() to refuse.  The zip is read with libzip and each part
 * with libxml2 without network, DTD or entity expansion (a DOCTYPE is
 * refused), within the DOCX_READ_* caps.
 * Returns 0, or -1 with out emptied and a reason for the uploader in why:
 * not a .docx, too large or unreadable, a form for another template, no
 * answer area matching the template, no answer at all.
 */
int	docx_form_read(const unsigned char *, size_t, const struct tpl *,
	    struct avals *out, struct docx_form_result *, char *why, size_t);

/*
 * Checks the answers read as the advice form checks a draft: every
 * non-empty answer with tpl_check_value(), every cell with
 * tpl_check_cell().  Errors go to e keyed on errfield (the upload's
 * input), naming the field.  Returns the number of errors added.
 */
size_t	docx_form_check(const struct tpl *, const struct avals *, struct errs *,
	    const char *errfield);

/*
 * out = draft with every field answered in doc replaced by doc's answer
 * (a rows field: all its rows); fields the document leaves empty keep the
 * draft's answer.  out initialised and empty.  0, or -1 out of memory.
 */
int	docx_form_merge(const struct tpl *, const struct avals *draft,
	    const struct avals *doc, struct avals *out);

#endif /* PORTAL_DOCX_FORM_H */
