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
