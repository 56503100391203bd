/*
 * reqhead: the request head as it arrives, read before Kore reads the
 * body, and the body limits that follow from it (pure module).
 *
 * Kore 4.1 has one body limit for every route and reads the whole body
 * before any handler runs; bodylimit.c calls these functions on the
 * raw header bytes so that each route gets its own limit.
 */
#ifndef REQHEAD_H
#define REQHEAD_H

#include <stddef.h>

/*
 * Limits, in bytes.  BODY_SMALL_MAX is every form but advice and
 * uploads: the largest is a request for advice (a 5,000-character
 * question is at most 60,000 bytes urlencoded, four-byte characters
 * included).  BODY_FORM_MAX is an advice form or an API call: the
 * psychological template in full (215,000 characters in 26 fields and
 * 4 × 20 provision rows) is 1.95 MB urlencoded in three-byte characters,
 * 2.6 MB in four-byte ones.  Uploads are the file limit (set at start)
 * plus BODY_UPLOAD_FRAMING for the multipart framing and form fields.
 */
#define BODY_SMALL_MAX		(64 * 1024)
#define BODY_FORM_MAX		(3 * 1024 * 1024)
#define BODY_UPLOAD_FRAMING	(1024 * 1024)

/* How many bodies over BODY_SMALL_MAX one worker holds at once. */
#define BODY_FORMS_SIGNED_IN	16	/* advice forms of a signed-in author */
#define BODY_FORMS_ANONYMOUS	4	/* anyone else's, API calls included */
#define BODY_UPLOADS		2	/* uploads of a signed-in author */

enum body_class {
	BODY_SMALL,	/* everything not below */
	BODY_FORM,	/* POST /requests/{id}/advice, POST /api/... */
	BODY_UPLOAD,	/* POST /requests/{id}/documents (and /bench/discard) */
	BODY_IMPORT	/* POST /admin/import: a case spreadsheet, admin only */
};
/* The largest case spreadsheet the import page takes (portalctl import
 * cases reads up to CSV_MAX_BYTES from a file). */
#define BODY_IMPORT_FILE_MAX	(5 * 1024 * 1024)

struct reqhead {
	char		 method[8];
	char		 path[256];	/* without the query string */
	long long	 content_length;	/* -1: absent or not a number */
	const char	*head;		/* the raw head (not copied) */
	size_t		 headlen;
};

/*
 * Reads the request line and headers of the len bytes at buf (not
 * NUL-terminated).  1 when the head is complete (a blank line seen) and
 * *h filled; 0 when more bytes are needed; -1 when the request line is
 * malformed or a method or path too long (Kore then answers it itself).
 */
int		 reqhead_parse(const char *, size_t, struct reqhead *);

/*
 * Copies the value of the cookie named name (exact, case-sensitive) from
 * the head's Cookie headers into out.  0, or -1 when absent or longer
 * than outlen - 1.
 */
int		 reqhead_cookie(const struct reqhead *, const char *, char *,
		    size_t);

/* The class of body the method and path may carry. */
enum body_class	 body_class(const char *, const char *);

#endif /* REQHEAD_H */
