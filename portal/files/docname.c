/*
 * docname: the name a document is stored, shown and downloaded under.
 * See upload.h.
 *
 * The uploader chooses the name, so it is hostile text: a right-to-left
 * override turns "harmless\u202Efdp.exe" into "harmlessexe.pdf" on
 * screen, and "report.hta" would open a PDF+HTML polyglot as a program.
 * So format characters (Unicode category Cf, bidi controls included),
 * controls and line separators are dropped, the extension becomes the
 * one of the type detected from the content, and the result is cut at
 * a character boundary, never inside a UTF-8 sequence.
 */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "upload.h"

#define DOCNAME_MAX_EXT	8	/* "x.tar.gz": a longer tail is no extension */

static size_t	 utf8_next(const unsigned char *, size_t, uint32_t *);
static int	 dropped(uint32_t);
static size_t	 ext_start(const char *, size_t);
static int	 ends_with_ext(const char *, size_t, const char *);
static size_t	 trim_end(const char *, size_t);
static size_t	 char_before(const char *, size_t);

/*
 * Code points never kept in a name: C0, DEL, C1, the line and paragraph
 * separators, noncharacters, and every format character (Cf) of Unicode
 * 15: soft hyphen, Arabic and Syriac marks, the zero-width characters,
 * LRM/RLM/ALM, embeddings, overrides and isolates, invisible operators,
 * BOM, interlinear annotation marks, shorthand and musical format
 * controls, tag characters.
 */
static const struct {
	uint32_t	 lo, hi;
} drop[] = {
	{ 0x0000, 0x001F }, { 0x007F, 0x009F }, { 0x00AD, 0x00AD },
	{ 0x0600, 0x0605 }, { 0x061C, 0x061C }, { 0x06DD, 0x06DD },
	{ 0x070F, 0x070F }, { 0x0890, 0x0891 }, { 0x08E2, 0x08E2 },
	{ 0x180E, 0x180E }, { 0x200B, 0x200F }, { 0x2028, 0x202E },
	{ 0x2060, 0x2064 }, { 0x2066, 0x206F }, { 0xFDD0, 0xFDEF },
	{ 0xFEFF, 0xFEFF }, { 0xFFF9, 0xFFFB }, { 0xFFFE, 0xFFFF },
	{ 0x110BD, 0x110BD }, { 0x110CD, 0x110CD }, { 0x13430, 0x1343F },
	{ 0x1BCA0, 0x1BCA3 }, { 0x1D173, 0x1D17A }, { 0xE0001, 0xE0001 },
	{ 0xE0020, 0xE007F },
};

size_t
docname(const char *raw, enum ftype t, char *out, size_t outsz)
{
	const unsigned char	*p;
	const char		*ext = filetype_ext(t);
	size_t			 len, n, o = 0, elen = strlen(ext), e;
	uint32_t		 cp;
	int			 cut = 0;

	if (out == NULL || outsz < elen + 2 + 8)
		return 0;
	p = (const unsigned char *)(raw == NULL ? "" : raw);
	for (len = strlen((const char *)p); len > 0; p += n, len -= n) {
		if ((n = utf8_next(p, len, &cp)) == 0)
			n = 1;		/* an invalid byte is dropped alone */
		else if (!dropped(cp)) {
			if (o + n > outsz - 1) {
				cut = 1;
				break;
			}
			memcpy(out + o, p, n);
			o += n;
		}
	}
	o = trim_end(out, o);
	e = ext_start(out, o);
	if (!cut && e < o && (ends_with_ext(out, o, ext) ||
	    (t == FT_JPEG && ends_with_ext(out, o, "jpeg")))) {
		out[o] = '\0';
		return o;
	}
	/* The uploader's extension goes; "report.pdf.exe" → "report.pdf". */
	if (!cut)
		o = trim_end(out, e);
	if (!ends_with_ext(out, o, ext)) {
		if (o == 0) {
			memcpy(out, "document", 8);
			o = 8;
		}
		while (o + 1 + elen > outsz - 1)
			o = char_before(out, o);
		o = trim_end(out, o);
		out[o] = '.';
		memcpy(out + o + 1, ext, elen);
		o += 1 + elen;
	}
	out[o] = '\0';
	return o;
}

/* Drops trailing spaces and dots (Windows does): the new length. */
static size_t
trim_end(const char *s, size_t len)
{

	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '.'))
		len--;
	return len;
}

/* Start of the character before position len of valid UTF-8 s. */
static size_t
char_before(const char *s, size_t len)
{

	if (len > 0)
		len--;
	while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
		len--;
	return len;
}

/*
 * Length of the UTF-8 sequence at p (len > 0 bytes) and its code point
 * in *cp; 0 if it is not valid (overlong, surrogate, past U+10FFFF, cut).
 */
static size_t
utf8_next(const unsigned char *p, size_t len, uint32_t *cp)
{
	size_t		 n, i;
	uint32_t	 c, min;

	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if ((p[0] & 0xE0) == 0xC0) {
		n = 2;
		c = p[0] & 0x1F;
		min = 0x80;
	} else if ((p[0] & 0xF0) == 0xE0) {
		n = 3;
		c = p[0] & 0x0F;
		min = 0x800;
	} else if ((p[0] & 0xF8) == 0xF0) {
		n = 4;
		c = p[0] & 0x07;
		min = 0x10000;
	} else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

static int
dropped(uint32_t cp)
{
	size_t	 i;

	for (i = 0; i < sizeof(drop) / sizeof(drop[0]); i++)
		if (cp >= drop[i].lo && cp <= drop[i].hi)
			return 1;
	return (cp & 0xFFFE) == 0xFFFE;		/* U+nFFFE, U+nFFFF */
}

/*
 * Index of the '.' starting the extension of name[0..len): 1 to
 * DOCNAME_MAX_EXT ASCII letters or digits after the last '.', not at
 * the start.  len if there is none.
 */
static size_t
ext_start(const char *name, size_t len)
{
	size_t	 i = len;

	while (i > 0 && i + DOCNAME_MAX_EXT >= len &&
	    ((name[i - 1] >= 'a' && name[i - 1] <= 'z') ||
	    (name[i - 1] >= 'A' && name[i - 1] <= 'Z') ||
	    (name[i - 1] >= '0' && name[i - 1] <= '9')))
		i--;
	if (i < 2 || i == len || i + DOCNAME_MAX_EXT < len ||
	    name[i - 1] != '.')
		return len;
	return i - 1;
}

/* 1 if name[0..len) ends with "." ext, ignoring case. */
static int
ends_with_ext(const char *name, size_t len, const char *ext)
{
	size_t	 elen = strlen(ext);

	return len > elen + 1 && name[len - elen - 1] == '.' &&
	    strncasecmp(name + len - elen, ext, elen) == 0;
}
