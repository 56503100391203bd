/*
 * reqhead — the request head, read before the body: see reqhead.h.
 * Input is hostile bytes from the network; nothing here allocates.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "reqhead.h"

static const char	*find(const char *, size_t, const char *);
static const char	*line_end(const char *, const char *);
static int		 path_is(const char *, const char *, const char *);

/* First occurrence of the NUL-terminated needle in len bytes, or NULL. */
static const char *
find(const char *buf, size_t len, const char *needle)
{
	size_t	n = strlen(needle), i;

	for (i = 0; n <= len && i <= len - n; i++)
		if (memcmp(buf + i, needle, n) == 0)
			return (buf + i);
	return (NULL);
}

/* The '\r' or '\n' ending the line at p (end when none). */
static const char *
line_end(const char *p, const char *end)
{
	while (p < end && *p != '\r' && *p != '\n')
		p++;
	return (p);
}

int
reqhead_parse(const char *buf, size_t len, struct reqhead *h)
{
	const char	*end, *p, *sp, *v, *e;
	char		 num[24];
	size_t		 n;

	memset(h, 0, sizeof(*h));
	h->content_length = -1;
	if ((end = find(buf, len, "\r\n\r\n")) == NULL &&
	    (end = find(buf, len, "\n\n")) == NULL)
		return (0);
	h->head = buf;
	h->headlen = (size_t)(end - buf);
	if ((sp = memchr(buf, ' ', h->headlen)) == NULL ||
	    (n = (size_t)(sp - buf)) == 0 || n >= sizeof(h->method))
		return (-1);
	memcpy(h->method, buf, n);
	for (p = ++sp; p < end && *p != ' ' && *p != '?' && *p != '\r' &&
	    *p != '\n'; p++)
		;
	if ((n = (size_t)(p - sp)) == 0 || n >= sizeof(h->path))
		return (-1);
	memcpy(h->path, sp, n);
	for (p = line_end(buf, end); p < end; p = line_end(p, end)) {
		while (p < end && (*p == '\r' || *p == '\n'))
			p++;
		e = line_end(p, end);
		if ((size_t)(e - p) < 15 || strncasecmp(p, "content-length:", 15) != 0)
			continue;
		for (v = p + 15; v < e && (*v == ' ' || *v == '\t'); v++)
			;
		while (e > v && (e[-1] == ' ' || e[-1] == '\t'))
			e--;
		n = (size_t)(e - v);
		if (n == 0 || n >= sizeof(num) - 5 || strspn(v, "0123456789") < n)
			return (1);	/* Kore answers 411 */
		memcpy(num, v, n);
		num[n] = '\0';
		h->content_length = strtoll(num, NULL, 10);
		break;
	}
	return (1);
}

int
reqhead_cookie(const struct reqhead *h, const char *name, char *out,
    size_t outlen)
{
	const char	*end = h->head + h->headlen, *p, *e, *c, *semi;
	size_t		 nlen = strlen(name), vlen;

	for (p = line_end(h->head, end); p < end; p = e) {
		while (p < end && (*p == '\r' || *p == '\n'))
			p++;
		e = line_end(p, end);
		if ((size_t)(e - p) < 7 || strncasecmp(p, "cookie:", 7) != 0)
			continue;
		for (c = p + 7; c < e; c = semi + 1) {
			while (c < e && (*c == ' ' || *c == '\t'))
				c++;
			if ((semi = memchr(c, ';', (size_t)(e - c))) == NULL)
				semi = e;
			if ((size_t)(semi - c) <= nlen || memcmp(c, name, nlen) != 0 ||
			    c[nlen] != '=')
				continue;
			vlen = (size_t)(semi - c) - nlen - 1;
			while (vlen > 0 && (c[nlen + vlen] == ' ' || c[nlen + vlen] == '\t'))
				vlen--;
			if (vlen >= outlen)
				return (-1);
			memcpy(out, c + nlen + 1, vlen);
			out[vlen] = '\0';
			return (0);
		}
	}
	return (-1);
}

/* 1 if path is prefix, 1–18 digits, then suffix. */
static int
path_is(const char *path, const char *prefix, const char *suffix)
{
	size_t	n = strlen(prefix), d;

	if (strncmp(path, prefix, n) != 0)
		return (0);
	path += n;
	if ((d = strspn(path, "0123456789")) == 0 || d > 18)
		return (0);
	return (strcmp(path + d, suffix) == 0);
}

enum body_class
body_class(const char *method, const char *path)
{
	if (strcmp(method, "POST") != 0)
		return (BODY_SMALL);
	if (path_is(path, "/requests/", "/documents") ||
	    path_is(path, "/requests/", "/form.docx") ||
	    strcmp(path, "/bench/discard") == 0)
		return (BODY_UPLOAD);
	if (strcmp(path, "/admin/import") == 0)
		return (BODY_IMPORT);
	if (path_is(path, "/requests/", "/advice") ||
	    strncmp(path, "/api/", 5) == 0)
		return (BODY_FORM);
	return (BODY_SMALL);
}
