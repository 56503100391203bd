/*
 * imagecheck: is a PNG or JPEG an image all the way through, with
 * nothing hidden after it?  See upload.h.
 *
 * Detection looks at the first bytes only, so "\x89PNG" followed by a
 * web page was an image to it.  Here the whole file is walked the way a
 * decoder walks it: PNG chunk by chunk (lengths and CRCs), JPEG marker
 * segment by marker segment (lengths, and the entropy-coded data after
 * each scan up to its next marker).  The pixels themselves are not
 * decoded.  What follows the end (IEND, EOI) is not refused as such:
 * phones append data to photos (motion photos, Samsung trailers).  It is
 * refused when it is an archive or markup that another program would
 * open from the same bytes (appended_check(), shared with pdfcheck).
 */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include <zlib.h>

#include "upload.h"

#define ZIP_EOCD_SPAN	(65535 + 22)	/* zip comment + end record */

enum img_verdict {
	IV_OK,
	IV_DAMAGED,
	IV_ARCHIVE,
	IV_MARKUP,
};

/* Indexed by enum img_verdict. */
static const char *const reasons[] = {
	"",
	"The image is damaged or is not a PNG or JPEG",
	"The file has an archive hidden in it",
	"The file has web page code hidden in it",
};

/* Archives recognised at the start of appended data. */
static const struct {
	const char	*magic;
	size_t		 len;
} archives[] = {
	{ "PK\x03\x04", 4 }, { "PK\x05\x06", 4 }, { "PK\x07\x08", 4 },
	{ "Rar!\x1a\x07", 6 }, { "7z\xbc\xaf\x27\x1c", 6 },
	{ "\x1f\x8b\x08", 3 }, { "MSCF\0\0\0\0", 8 }, { "BZh", 3 },
	{ "\xfd" "7zXZ\0", 6 },
};

/* Markup a browser or mshta renders, found anywhere in appended data
 * (compared ignoring case, then followed by a space, '>' or '/'). */
static const char *const markups[] = {
	"<!doctype", "<html", "<head", "<body", "<script", "<svg", "<hta:",
	"<?xml", "<iframe", "<object", "<embed", "<meta", "<style", "<link",
	"<form", "<xsl:", "<frameset", "<?php",
};

static enum img_verdict	 png_walk(const unsigned char *, size_t,
			    size_t *);
static int		 png_ihdr(const unsigned char *, uint32_t);
static enum img_verdict	 jpeg_walk(const unsigned char *, size_t,
			    size_t *);
static const unsigned char *jpeg_scan_end(const unsigned char *,
			    const unsigned char *);
static enum img_verdict	 appended(const unsigned char *, size_t, size_t);
static int		 markup_at(const unsigned char *,
			    const unsigned char *);
static const unsigned char *find(const unsigned char *,
			    const unsigned char *, const char *, size_t);
static uint32_t		 be32(const unsigned char *);

int
imagecheck(const unsigned char *buf, size_t len, enum ftype t, char *why,
    size_t whylen)
{
	enum img_verdict	 v = IV_DAMAGED;
	size_t			 end = 0;

	if (buf != NULL && t == FT_PNG)
		v = png_walk(buf, len, &end);
	else if (buf != NULL && t == FT_JPEG)
		v = jpeg_walk(buf, len, &end);
	if (v == IV_OK)
		v = appended(buf, len, end);
	why_set(why, whylen, reasons[v]);
	return v == IV_OK ? 0 : -1;
}

int
appended_check(const unsigned char *buf, size_t len, size_t end, char *why,
    size_t whylen)
{
	enum img_verdict	 v = IV_OK;

	if (buf != NULL && end <= len)
		v = appended(buf, len, end);
	why_set(why, whylen, reasons[v]);
	return v == IV_OK ? 0 : -1;
}

static uint32_t
be32(const unsigned char *p)
{

	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

/*
 * Walks the chunks: IHDR first, every CRC right, critical chunks known
 * (a decoder must refuse an unknown one), IDAT before IEND, IEND empty.
 * *end is set after IEND.
 */
static enum img_verdict
png_walk(const unsigned char *buf, size_t len, size_t *end)
{
	const unsigned char	*p = buf + 8, *stop = buf + len, *type;
	uint32_t		 n;
	int			 first = 1, idat = 0;

	if (len < 8 || memcmp(buf, "\x89PNG\r\n\x1a\n", 8) != 0)
		return IV_DAMAGED;
	while ((size_t)(stop - p) >= 12) {
		n = be32(p);
		type = p + 4;
		if (n > 0x7FFFFFFF || (size_t)(stop - p) - 12 < n)
			return IV_DAMAGED;
		if (!(((type[0] | 0x20) >= 'a' && (type[0] | 0x20) <= 'z') &&
		    ((type[1] | 0x20) >= 'a' && (type[1] | 0x20) <= 'z') &&
		    ((type[2] | 0x20) >= 'a' && (type[2] | 0x20) <= 'z') &&
		    ((type[3] | 0x20) >= 'a' && (type[3] | 0x20) <= 'z')))
			return IV_DAMAGED;
		if (crc32(crc32(0L, Z_NULL, 0), type, n + 4) !=
		    be32(type + 4 + n))
			return IV_DAMAGED;
		if (first != (memcmp(type, "IHDR", 4) == 0) ||
		    (first && !png_ihdr(type + 4, n)))
			return IV_DAMAGED;
		first = 0;
		if (memcmp(type, "IDAT", 4) == 0)
			idat = 1;
		else if (memcmp(type, "IEND", 4) == 0) {
			if (n != 0 || !idat)
				return IV_DAMAGED;
			*end = (size_t)(type + 8 - buf);
			return IV_OK;
		} else if (!(type[0] & 0x20) && memcmp(type, "PLTE", 4) != 0 &&
		    memcmp(type, "IHDR", 4) != 0)
			return IV_DAMAGED;	/* unknown critical chunk */
		p = type + 8 + n;
	}
	return IV_DAMAGED;
}

/* 1 if the IHDR data (n bytes) holds a size and a valid pixel format. */
static int
png_ihdr(const unsigned char *d, uint32_t n)
{
	static const char *const depths[7] = {
		"\x01\x02\x04\x08\x10", "", "\x08\x10", "\x01\x02\x04\x08",
		"\x08\x10", "", "\x08\x10",
	};

	if (n != 13 || be32(d) == 0 || be32(d) > 0x7FFFFFFF ||
	    be32(d + 4) == 0 || be32(d + 4) > 0x7FFFFFFF)
		return 0;
	if (d[9] > 6 || d[8] == 0 || strchr(depths[d[9]], d[8]) == NULL)
		return 0;
	return d[10] == 0 && d[11] == 0 && d[12] <= 1;
}

/*
 * Walks the markers from SOI to EOI: each segment's length inside the
 * file, a frame header before the first scan, after a scan its
 * entropy-coded data up to the next marker.  *end is set after EOI.
 */
static enum img_verdict
jpeg_walk(const unsigned char *buf, size_t len, size_t *end)
{
	const unsigned char	*p = buf + 2, *stop = buf + len;
	unsigned		 m, seglen;
	int			 frame = 0, scan = 0;

	if (len < 4 || buf[0] != 0xFF || buf[1] != 0xD8)
		return IV_DAMAGED;
	for (;;) {
		/* Extraneous bytes before a marker: decoders skip them too
		 * (some cameras write them), so a page of text still has to
		 * hold real markers through to EOI. */
		if (p >= stop || (*p != 0xFF &&
		    (p = memchr(p, 0xFF, (size_t)(stop - p))) == NULL))
			return IV_DAMAGED;
		while (p < stop && *p == 0xFF)
			p++;		/* fill bytes */
		if (p >= stop)
			return IV_DAMAGED;
		m = *p++;
		if (m == 0xD9) {
			if (!scan)
				return IV_DAMAGED;
			*end = (size_t)(p - buf);
			return IV_OK;
		}
		if (m == 0x01)
			continue;	/* TEM: no length */
		if (m == 0x00 || m == 0xD8 || (m >= 0xD0 && m <= 0xD7))
			return IV_DAMAGED;
		if (stop - p < 2 || (seglen = (unsigned)p[0] << 8 | p[1]) < 2 ||
		    (size_t)(stop - p) < seglen)
			return IV_DAMAGED;
		if (m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 &&
		    m != 0xCC)
			frame = 1;
		p += seglen;
		if (m == 0xDA) {
			if (!frame)
				return IV_DAMAGED;
			scan = 1;
			if ((p = jpeg_scan_end(p, stop)) == NULL)
				return IV_DAMAGED;
		}
	}
}

/* The 0xFF of the first marker after entropy-coded data at p, or NULL. */
static const unsigned char *
jpeg_scan_end(const unsigned char *p, const unsigned char *stop)
{
	const unsigned char	*q;

	for (;;) {
		if ((q = memchr(p, 0xFF, (size_t)(stop - p))) == NULL)
			return NULL;
		p = q;
		while (p < stop && *p == 0xFF)
			p++;
		if (p >= stop)
			return NULL;
		if (*p != 0x00 && (*p < 0xD0 || *p > 0xD7))
			return p - 1;	/* a marker (fill bytes kept) */
		p++;		/* stuffed 0xFF00 or a restart marker */
	}
}

/* The verdict on what follows end, and on a zip end record near the end. */
static enum img_verdict
appended(const unsigned char *buf, size_t len, size_t end)
{
	const unsigned char	*p = buf + end, *stop = buf + len, *q;
	size_t			 i, span = len < ZIP_EOCD_SPAN ? len :
				    ZIP_EOCD_SPAN;

	if (find(stop - span, stop, "PK\x05\x06", 4) != NULL ||
	    find(stop - span, stop, "PK\x06\x06", 4) != NULL)
		return IV_ARCHIVE;
	while (p < stop && (*p == '\0' || *p == ' ' || *p == '\t' ||
	    *p == '\r' || *p == '\n' || *p == '\f'))
		p++;
	for (i = 0; i < sizeof(archives) / sizeof(archives[0]); i++)
		if ((size_t)(stop - p) >= archives[i].len &&
		    memcmp(p, archives[i].magic, archives[i].len) == 0)
			return IV_ARCHIVE;
	if (find(p, stop, "Rar!\x1a\x07", 6) != NULL ||
	    find(p, stop, "7z\xbc\xaf\x27\x1c", 6) != NULL)
		return IV_ARCHIVE;
	for (q = p; (q = memchr(q, '<', (size_t)(stop - q))) != NULL; q++)
		if (markup_at(q, stop))
			return IV_MARKUP;
	return IV_OK;
}

/* 1 if one of markups[] starts at p, followed by a space, '>' or '/'. */
static int
markup_at(const unsigned char *p, const unsigned char *stop)
{
	size_t	 i, n;

	for (i = 0; i < sizeof(markups) / sizeof(markups[0]); i++) {
		n = strlen(markups[i]);
		if ((size_t)(stop - p) <= n ||
		    strncasecmp((const char *)p, markups[i], n) != 0)
			continue;
		if (markups[i][n - 1] == ':' || p[n] == ' ' || p[n] == '>' ||
		    p[n] == '/' || p[n] == '\t' || p[n] == '\r' ||
		    p[n] == '\n')
			return 1;
	}
	return 0;
}

/* First pat (plen bytes) in [p, stop), or NULL. */
static const unsigned char *
find(const unsigned char *p, const unsigned char *stop, const char *pat,
    size_t plen)
{

	while ((size_t)(stop - p) >= plen) {
		if ((p = memchr(p, pat[0], (size_t)(stop - p) - plen + 1)) ==
		    NULL)
			return NULL;
		if (memcmp(p, pat, plen) == 0)
			return p;
		p++;
	}
	return NULL;
}
