/*
 * multipart: multipart/form-data bodies (RFC 7578, RFC 2046 framing).
 * See upload.h.
 *
 * Strict framing: the delimiter is CRLF "--" boundary, followed by
 * "--" (the end) or optional spaces and CRLF; anything else after a
 * delimiter is refused rather than guessed at.  Part data is never
 * copied or interpreted, so binary files keep every CR, LF and NUL.
 * Headers other than Content-Disposition and Content-Type are ignored
 * (Content-Transfer-Encoding is deprecated by RFC 7578).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sbuf.h"
#include "esc.h"
#include "upload.h"

#define MP_MAX_BOUNDARY	70
#define MP_MAX_HEADERS	16384	/* bytes in one part's header block */
#define MP_DELIM_MAX	(4 + MP_MAX_BOUNDARY)

/* One parameter of a header value: name; value with quotes removed. */
struct param {
	const char	*name;
	size_t		 nlen;
	struct sbuf	 val;
};

static int		 boundary(const char *, char *, size_t *);
static int		 valid_boundary(const char *, size_t);
static const unsigned char *find(const unsigned char *,
			    const unsigned char *, const char *, size_t);
static struct mp_part	*part_new(struct mp *);
static const unsigned char *part_headers(struct mp_part *,
			    const unsigned char *, const unsigned char *);
static int		 header_line(struct mp_part *, const char *,
			    size_t);
static int		 disposition(struct mp_part *, const char *,
			    const char *);
static const char	*media_type(const char *, const char *,
			    const char *);
static int		 param_next(const char **, const char *,
			    struct param *);
static const char	*quoted(const char *, const char *, struct sbuf *);
static int		 param_is(const struct param *, const char *);
static const char	*skip_ows(const char *, const char *);
static int		 ext_value(const struct sbuf *, struct sbuf *);
static int		 hexval(unsigned char);
static char		*clean_name(const struct sbuf *);
static char		*clean_filename(const struct sbuf *);
static char		*clean_ctype(const char *, size_t);

int
mp_parse(struct mp *m, const unsigned char *body, size_t len,
    const char *ct, size_t max_parts)
{
	char			 delim[MP_DELIM_MAX + 1];
	size_t			 dlen = 0;
	const unsigned char	*p, *next, *end;
	struct mp_part		*part;

	memset(m, 0, sizeof(*m));
	if (body == NULL || ct == NULL)
		return -1;		/* an empty body has no boundary either */
	end = body + len;
	memcpy(delim, "\r\n--", 4);
	if (boundary(ct, delim + 4, &dlen) == -1)
		goto fail;
	dlen += 4;
	/* The first delimiter may open the body, without its CRLF. */
	if (len >= dlen - 2 && memcmp(body, delim + 2, dlen - 2) == 0)
		p = body + dlen - 2;
	else if ((p = find(body, end, delim, dlen)) != NULL)
		p += dlen;
	else
		goto fail;
	for (;;) {
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return 0;	/* close delimiter; epilogue ignored */
		while (p < end && (*p == ' ' || *p == '\t'))
			p++;
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			goto fail;
		if (m->nparts == max_parts || (part = part_new(m)) == NULL)
			goto fail;
		if ((p = part_headers(part, p + 2, end)) == NULL ||
		    (next = find(p, end, delim, dlen)) == NULL)
			goto fail;
		part->data = p;
		part->len = (size_t)(next - p);
		p = next + dlen;
	}
fail:
	mp_free(m);
	return -1;
}

void
mp_free(struct mp *m)
{
	size_t	 i;

	if (m == NULL)
		return;
	for (i = 0; i < m->nparts; i++) {
		free(m->parts[i].name);
		free(m->parts[i].filename);
		free(m->parts[i].ctype);
	}
	free(m->parts);
	m->parts = NULL;
	m->nparts = 0;
}

/*
 * The boundary parameter of a multipart/form-data Content-Type into out
 * (MP_MAX_BOUNDARY + 1 bytes), its length in *len.  -1 if the type is
 * another, the boundary is missing, repeated or not RFC 2046 bchars.
 */
static int
boundary(const char *ct, char *out, size_t *len)
{
	const char	*p, *end = ct + strlen(ct);
	struct param	 pm;
	int		 rc, found = 0;

	if ((p = media_type(ct, end, "multipart/form-data")) == NULL)
		return -1;
	sbuf_init(&pm.val);
	while ((rc = param_next(&p, end, &pm)) == 1) {
		if (!param_is(&pm, "boundary"))
			continue;
		if (found++ || !valid_boundary(pm.val.data, pm.val.len)) {
			rc = -1;
			break;
		}
		memcpy(out, pm.val.data, pm.val.len + 1);
		*len = pm.val.len;
	}
	sbuf_free(&pm.val);
	return rc == 0 && found ? 0 : -1;
}

/* RFC 2046: 1-70 of DIGIT ALPHA '()+_,-./:=? and space, not last. */
static int
valid_boundary(const char *b, size_t len)
{
	static const char	 extra[] = "'()+_,-./:=? ";
	size_t			 i;

	if (b == NULL || len == 0 || len > MP_MAX_BOUNDARY ||
	    b[len - 1] == ' ')
		return 0;
	for (i = 0; i < len; i++)
		if (!((b[i] >= '0' && b[i] <= '9') ||
		    (b[i] >= 'a' && b[i] <= 'z') ||
		    (b[i] >= 'A' && b[i] <= 'Z') ||
		    (b[i] != '\0' && strchr(extra, b[i]) != NULL)))
			return 0;
	return 1;
}

/* First pat (plen bytes) in [p, end), or NULL. */
static const unsigned char *
find(const unsigned char *p, const unsigned char *end, const char *pat,
    size_t plen)
{

	while ((size_t)(end - p) >= plen) {
		p = memchr(p, pat[0], (size_t)(end - p) - plen + 1);
		if (p == NULL)
			return NULL;
		if (memcmp(p, pat, plen) == 0)
			return p;
		p++;
	}
	return NULL;
}

/* Appends a zeroed part; NULL on allocation failure. */
static struct mp_part *
part_new(struct mp *m)
{
	struct mp_part	*n;

	if (m->nparts >= SIZE_MAX / sizeof(*n) - 1)
		return NULL;
	if ((n = realloc(m->parts, (m->nparts + 1) * sizeof(*n))) == NULL)
		return NULL;
	m->parts = n;
	n = &m->parts[m->nparts++];
	memset(n, 0, sizeof(*n));
	return n;
}

/*
 * Reads the header block at p (ending with an empty line, at most
 * MP_MAX_HEADERS bytes) into part.  Returns where the data starts, or
 * NULL if a line is malformed or no name was given.
 */
static const unsigned char *
part_headers(struct mp_part *part, const unsigned char *p,
    const unsigned char *end)
{
	const unsigned char	*stop, *eol;

	stop = (size_t)(end - p) > MP_MAX_HEADERS ? p + MP_MAX_HEADERS : end;
	while ((eol = find(p, stop, "\r\n", 2)) != p) {
		if (eol == NULL ||
		    header_line(part, (const char *)p, (size_t)(eol - p)) == -1)
			return NULL;
		p = eol + 2;
	}
	return part->name != NULL ? p + 2 : NULL;
}

/*
 * One header line (without CRLF).  Refuses folding, NUL, bare CR or LF,
 * a missing colon and repeated Content-Disposition or Content-Type.
 */
static int
header_line(struct mp_part *part, const char *line, size_t len)
{
	const char	*colon, *v, *end = line + len;
	size_t		 nlen;

	if (line[0] == ' ' || line[0] == '\t' ||
	    memchr(line, '\0', len) != NULL ||
	    memchr(line, '\r', len) != NULL ||
	    memchr(line, '\n', len) != NULL ||
	    (colon = memchr(line, ':', len)) == NULL)
		return -1;
	nlen = (size_t)(colon - line);
	v = skip_ows(colon + 1, end);
	while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (nlen == 19 && strncasecmp(line, "content-disposition", 19) == 0)
		return part->name != NULL ? -1 : disposition(part, v, end);
	if (nlen == 12 && strncasecmp(line, "content-type", 12) == 0) {
		if (part->ctype != NULL)
			return -1;
		part->ctype = clean_ctype(v, (size_t)(end - v));
		return part->ctype == NULL ? -1 : 0;
	}
	return 0;
}

/*
 * Content-Disposition: form-data; name="..."[; filename="..."]
 * [; filename*=charset''...].  Each parameter at most once.
 */
static int
disposition(struct mp_part *part, const char *p, const char *end)
{
	struct param	 pm;
	struct sbuf	 name, fname, fstar, ext;
	int		 rc = -1, r, have_name = 0, have_f = 0, have_fs = 0;

	sbuf_init(&pm.val);
	sbuf_init(&name);
	sbuf_init(&fname);
	sbuf_init(&fstar);
	sbuf_init(&ext);
	if ((p = media_type(p, end, "form-data")) == NULL)
		goto out;
	while ((r = param_next(&p, end, &pm)) == 1) {
		if (param_is(&pm, "name") && !have_name++)
			sbuf_append(&name, pm.val.data, pm.val.len);
		else if (param_is(&pm, "filename") && !have_f++)
			sbuf_append(&fname, pm.val.data, pm.val.len);
		else if (param_is(&pm, "filename*") && !have_fs++)
			sbuf_append(&fstar, pm.val.data, pm.val.len);
		else if (param_is(&pm, "name") || param_is(&pm, "filename") ||
		    param_is(&pm, "filename*"))
			goto out;
	}
	if (r == -1 || !have_name || name.oom || fname.oom || fstar.oom)
		goto out;
	if ((part->name = clean_name(&name)) == NULL)
		goto out;
	if (have_fs) {
		if (ext_value(&fstar, &ext) == -1 ||
		    (part->filename = clean_filename(&ext)) == NULL)
			goto out;
	} else if (have_f && (part->filename = clean_filename(&fname)) == NULL)
		goto out;
	rc = 0;
out:
	sbuf_free(&pm.val);
	sbuf_free(&name);
	sbuf_free(&fname);
	sbuf_free(&fstar);
	sbuf_free(&ext);
	return rc;
}

/* If [p, end) starts with the token want (any case), returns after it. */
static const char *
media_type(const char *p, const char *end, const char *want)
{
	size_t	 n = strlen(want);

	p = skip_ows(p, end);
	if ((size_t)(end - p) < n || strncasecmp(p, want, n) != 0)
		return NULL;
	p += n;
	if (p < end && *p != ';' && *p != ' ' && *p != '\t')
		return NULL;
	return p;
}

/*
 * At *pp: OWS ";" OWS name "=" (token | quoted-string).  Returns 1 with
 * the parameter in pm and *pp after it, 0 at the end of the value, -1
 * if malformed.  A trailing ";" is allowed.
 */
static int
param_next(const char **pp, const char *end, struct param *pm)
{
	const char	*p = skip_ows(*pp, end);

	if (p == end)
		return 0;
	if (*p++ != ';')
		return -1;
	if ((p = skip_ows(p, end)) == end)
		return 0;
	pm->name = p;
	while (p < end && *p != '=' && *p != ';' && *p != ' ' && *p != '\t' &&
	    *p != '"')
		p++;
	if ((pm->nlen = (size_t)(p - pm->name)) == 0 || p == end || *p != '=')
		return -1;
	p++;
	sbuf_reset(&pm->val);
	if (p < end && *p == '"') {
		if ((p = quoted(p + 1, end, &pm->val)) == NULL)
			return -1;
	} else {
		for (*pp = p; p < end && *p != ';' && *p != ' ' && *p != '\t';)
			if (*p++ == '"')
				return -1;
		if (p == *pp)
			return -1;
		sbuf_append(&pm->val, *pp, (size_t)(p - *pp));
	}
	if (pm->val.oom)
		return -1;
	if (pm->val.data == NULL)
		sbuf_puts(&pm->val, "");
	*pp = p;
	return pm->val.oom ? -1 : 1;
}

/*
 * The rest of a quoted-string whose opening quote was just before p,
 * unescaped into out; returns after the closing quote, or NULL.
 * Only \" and \\ are escapes: browsers do not escape other
 * backslashes, and old ones sent Windows paths (C:\dir\file.pdf).
 */
static const char *
quoted(const char *p, const char *end, struct sbuf *out)
{

	while (p < end && *p != '"') {
		if (*p == '\\' && end - p >= 2 && (p[1] == '"' || p[1] == '\\'))
			p++;
		sbuf_append(out, p++, 1);
	}
	return p < end ? p + 1 : NULL;
}

static int
param_is(const struct param *pm, const char *name)
{

	return pm->nlen == strlen(name) &&
	    strncasecmp(pm->name, name, pm->nlen) == 0;
}

static const char *
skip_ows(const char *p, const char *end)
{

	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

/*
 * RFC 8187 ext-value charset'language'pct-encoded into out as UTF-8.
 * Charsets UTF-8 and ISO-8859-1 only; -1 otherwise or if malformed.
 */
static int
ext_value(const struct sbuf *in, struct sbuf *out)
{
	const char	*p = in->data, *q, *end = in->data + in->len;
	unsigned char	 c, u[2];
	int		 latin1;

	if (in->len == 0 || (q = memchr(p, '\'', in->len)) == NULL)
		return -1;
	if ((size_t)(q - p) == 5 && strncasecmp(p, "UTF-8", 5) == 0)
		latin1 = 0;
	else if ((size_t)(q - p) == 10 && strncasecmp(p, "ISO-8859-1", 10) == 0)
		latin1 = 1;
	else
		return -1;
	if ((q = memchr(q + 1, '\'', (size_t)(end - q - 1))) == NULL)
		return -1;
	for (p = q + 1; p < end; p++) {
		c = (unsigned char)*p;
		if (c == '%') {
			if (end - p < 3 || hexval((unsigned char)p[1]) < 0 ||
			    hexval((unsigned char)p[2]) < 0)
				return -1;
			c = (unsigned char)(hexval((unsigned char)p[1]) * 16 +
			    hexval((unsigned char)p[2]));
			p += 2;
		} else if (c <= 0x20 || c >= 0x7f)
			return -1;
		if (latin1 && c >= 0x80) {
			u[0] = (unsigned char)(0xC0 | (c >> 6));
			u[1] = (unsigned char)(0x80 | (c & 0x3F));
			sbuf_append(out, u, 2);
		} else
			sbuf_append(out, &c, 1);
	}
	if (out->data == NULL)
		sbuf_puts(out, "");
	return out->oom ? -1 : 0;
}

static int
hexval(unsigned char c)
{

	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* A copy of a field name: non-empty UTF-8 without control characters. */
static char *
clean_name(const struct sbuf *in)
{
	size_t	 i;

	if (in->len == 0 || !utf8_valid(in->data, in->len))
		return NULL;
	for (i = 0; i < in->len; i++)
		if ((unsigned char)in->data[i] < 0x20 || in->data[i] == 0x7f)
			return NULL;
	return strdup(in->data);
}

/*
 * A copy of a file name: valid UTF-8 required; cut after the last / or
 * \; C0, DEL and C1 controls dropped; "." and ".." become "".
 */
static char *
clean_filename(const struct sbuf *in)
{
	const unsigned char	*p, *end;
	char			*out, *o;

	if (in->data == NULL || !utf8_valid(in->data, in->len) ||
	    memchr(in->data, '\0', in->len) != NULL)
		return NULL;
	p = (const unsigned char *)in->data;
	end = p + in->len;
	for (o = in->data; o < in->data + in->len; o++)
		if (*o == '/' || *o == '\\')
			p = (const unsigned char *)o + 1;
	if ((out = malloc((size_t)(end - p) + 1)) == NULL)
		return NULL;
	for (o = out; p < end; p++) {
		if (*p < 0x20 || *p == 0x7f)
			continue;
		if (*p == 0xC2 && end - p >= 2 && p[1] >= 0x80 && p[1] <= 0x9F) {
			p++;		/* C1 control, two bytes */
			continue;
		}
		*o++ = (char)*p;
	}
	*o = '\0';
	if (strcmp(out, ".") == 0 || strcmp(out, "..") == 0)
		out[0] = '\0';
	return out;
}

/* A copy of a part's Content-Type: printable ASCII only. */
static char *
clean_ctype(const char *v, size_t len)
{
	char	*out;
	size_t	 i;

	for (i = 0; i < len; i++)
		if ((unsigned char)v[i] < 0x20 || (unsigned char)v[i] > 0x7e)
			return NULL;
	if ((out = malloc(len + 1)) == NULL)
		return NULL;
	memcpy(out, v, len);
	out[len] = '\0';
	return out;
}
