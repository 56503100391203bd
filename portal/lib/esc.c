/*
 * esc: escaping, URL decoding and UTF-8 checks.  See esc.h.
 *
 * One decoder (utf8_next) serves every function, so "valid" means the
 * same thing everywhere; one escaping loop (escape) serves HTML and JSON,
 * each supplying a substitution table.
 */
#include <stdint.h>
#include <string.h>

#include "sbuf.h"
#include "esc.h"

/* Code point value that utf8_next() returns for an invalid sequence. */
#define UTF8_BAD	0xFFFFFFFFu

/* U+FFFD REPLACEMENT CHARACTER, encoded. */
#define UTF8_REPL	"\xEF\xBF\xBD"

typedef const char	*(*subst_fn)(uint32_t);

static size_t		 utf8_next(const unsigned char *, size_t, uint32_t *);
static void		 escape(struct sbuf *, const char *, subst_fn);
static const char	*html_subst(uint32_t);
static const char	*json_subst(uint32_t);
static int		 hexval(char);

/* ASCII that html_escape() rewrites; NULL means "copy as is". */
static const char *const html_ents[0x80] = {
	['&'] = "&amp;",
	['<'] = "&lt;",
	['>'] = "&gt;",
	['"'] = "&quot;",
	['\''] = "&#39;",
	['`'] = "&#96;",
	['='] = "&#61;",
};

/* ASCII that json_escape() rewrites; NULL means "copy as is". */
static const char *const json_ents[0x80] = {
	[0x00] = "\\u0000", [0x01] = "\\u0001", [0x02] = "\\u0002",
	[0x03] = "\\u0003", [0x04] = "\\u0004", [0x05] = "\\u0005",
	[0x06] = "\\u0006", [0x07] = "\\u0007", [0x08] = "\\b",
	[0x09] = "\\t",     [0x0a] = "\\n",     [0x0b] = "\\u000b",
	[0x0c] = "\\f",     [0x0d] = "\\r",     [0x0e] = "\\u000e",
	[0x0f] = "\\u000f", [0x10] = "\\u0010", [0x11] = "\\u0011",
	[0x12] = "\\u0012", [0x13] = "\\u0013", [0x14] = "\\u0014",
	[0x15] = "\\u0015", [0x16] = "\\u0016", [0x17] = "\\u0017",
	[0x18] = "\\u0018", [0x19] = "\\u0019", [0x1a] = "\\u001a",
	[0x1b] = "\\u001b", [0x1c] = "\\u001c", [0x1d] = "\\u001d",
	[0x1e] = "\\u001e", [0x1f] = "\\u001f",
	['"'] = "\\\"",
	['\\'] = "\\\\",
	['<'] = "\\u003c",
	['>'] = "\\u003e",
	['&'] = "\\u0026",
	['\''] = "\\u0027",
	[0x7f] = "\\u007f",
};

/*
 * Decodes one UTF-8 sequence from the len (> 0) bytes at s into *cp and
 * returns the bytes consumed (>= 1).  An invalid sequence yields
 * UTF8_BAD and consumes its maximal valid prefix, at least one byte
 * (the WHATWG/Unicode "maximal subpart" rule), so that a following
 * valid character is never swallowed.  Never reads past s + len.
 */
static size_t
utf8_next(const unsigned char *s, size_t len, uint32_t *cp)
{
	size_t		 need, i;
	unsigned char	 lo = 0x80, hi = 0xBF;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		need = 1;
		*cp = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		need = 2;
		*cp = s[0] & 0x0F;
		if (s[0] == 0xE0)
			lo = 0xA0;	/* overlong */
		else if (s[0] == 0xED)
			hi = 0x9F;	/* surrogates */
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		need = 3;
		*cp = s[0] & 0x07;
		if (s[0] == 0xF0)
			lo = 0x90;	/* overlong */
		else if (s[0] == 0xF4)
			hi = 0x8F;	/* above U+10FFFF */
	} else {
		*cp = UTF8_BAD;
		return 1;
	}
	for (i = 1; i <= need; i++) {
		if (i >= len || s[i] < lo || s[i] > hi) {
			*cp = UTF8_BAD;
			return i;
		}
		*cp = (*cp << 6) | (s[i] & 0x3F);
		lo = 0x80;
		hi = 0xBF;
	}
	return need + 1;
}

/*
 * Appends s to b, replacing each code point for which sub() returns
 * non-NULL by that string.  Runs of unchanged bytes are copied at once.
 */
static void
escape(struct sbuf *b, const char *s, subst_fn sub)
{
	const unsigned char	*p, *run, *end;
	const char		*rep;
	uint32_t		 cp;
	size_t			 n;

	if (s == NULL)
		return;
	p = run = (const unsigned char *)s;
	end = p + strlen(s);
	while (p < end) {
		n = utf8_next(p, (size_t)(end - p), &cp);
		if ((rep = sub(cp)) != NULL) {
			sbuf_append(b, run, (size_t)(p - run));
			sbuf_puts(b, rep);
			run = p + n;
		}
		p += n;
	}
	sbuf_append(b, run, (size_t)(p - run));
}

/* Replacement for cp in HTML: NULL keeps it, "" drops it. */
static const char *
html_subst(uint32_t cp)
{

	if (cp == UTF8_BAD)
		return UTF8_REPL;
	if (cp == '\t' || cp == '\n' || cp == '\r')
		return NULL;
	if (cp < 0x20 || (cp >= 0x7F && cp <= 0x9F))
		return "";
	return cp < 0x80 ? html_ents[cp] : NULL;
}

/* Replacement for cp in a JSON string: NULL keeps it. */
static const char *
json_subst(uint32_t cp)
{

	if (cp == UTF8_BAD)
		return "\\ufffd";
	if (cp == 0x2028)
		return "\\u2028";
	if (cp == 0x2029)
		return "\\u2029";
	return cp < 0x80 ? json_ents[cp] : NULL;
}

void
html_escape(struct sbuf *b, const char *s)
{

	escape(b, s, html_subst);
}

void
json_escape(struct sbuf *b, const char *s)
{

	escape(b, s, json_subst);
}

/* Value of hex digit c, or -1 (also for NUL, ending a truncated %X). */
static int
hexval(char c)
{

	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

int
url_decode(char *s)
{
	char	*w = s;
	int	 hi, lo;

	for (; *s != '\0'; s++) {
		if (*s == '+') {
			*w++ = ' ';
			continue;
		}
		if (*s != '%') {
			*w++ = *s;
			continue;
		}
		/* s[2] is only read when s[1] was a digit, not the NUL. */
		if ((hi = hexval(s[1])) < 0 || (lo = hexval(s[2])) < 0)
			goto fail;
		if (hi == 0 && lo == 0)
			goto fail;
		*w++ = (char)(hi << 4 | lo);
		s += 2;
	}
	*w = '\0';
	return 0;
fail:
	*w = '\0';
	return -1;
}

int
utf8_valid(const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 cp;
	size_t			 i, n;

	for (i = 0; i < len; i += n) {
		n = utf8_next(p + i, len - i, &cp);
		if (cp == UTF8_BAD)
			return 0;
	}
	return 1;
}

size_t
utf8_length(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	uint32_t		 cp;
	size_t			 i, len, count = 0;

	len = strlen(s);
	for (i = 0; i < len; i += utf8_next(p + i, len - i, &cp))
		count++;
	return count;
}
