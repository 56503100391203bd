/*
 * sbuf: growable byte buffer.  See sbuf.h for the contract.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"

#define SBUF_MINCAP	64

static int	sbuf_reserve(struct sbuf *, size_t);

/*
 * Make room for "need" more bytes plus the terminating NUL.
 * Returns 0, or -1 with oom set; the old contents stay valid either way.
 * Capacity doubles so that n appends cost O(n) copies in total.
 */
static int
sbuf_reserve(struct sbuf *b, size_t need)
{
	size_t	 want, ncap;
	char	*p;

	if (b->oom)
		return -1;
	if (need > SIZE_MAX - b->len - 1)
		goto fail;
	want = b->len + need + 1;
	if (want <= b->cap)
		return 0;
	ncap = b->cap > 0 ? b->cap : SBUF_MINCAP;
	while (ncap < want)
		ncap = ncap > SIZE_MAX / 2 ? want : ncap * 2;
	if ((p = realloc(b->data, ncap)) == NULL)
		goto fail;
	if (b->data == NULL)
		p[0] = '\0';
	b->data = p;
	b->cap = ncap;
	return 0;
fail:
	b->oom = 1;
	return -1;
}

void
sbuf_init(struct sbuf *b)
{

	b->data = NULL;
	b->len = 0;
	b->cap = 0;
	b->oom = 0;
}

/* Frees the data and leaves the buffer as after sbuf_init(). */
void
sbuf_free(struct sbuf *b)
{

	free(b->data);
	sbuf_init(b);
}

/* Empties the buffer and clears oom; the allocation is kept for reuse. */
void
sbuf_reset(struct sbuf *b)
{

	b->len = 0;
	b->oom = 0;
	if (b->data != NULL)
		b->data[0] = '\0';
}

/*
 * Appends len bytes (which may include NULs).  Even when len is 0 a
 * successful call leaves data non-NULL, so callers may use it as "".
 */
void
sbuf_append(struct sbuf *b, const void *p, size_t len)
{

	if (sbuf_reserve(b, len) == -1)
		return;
	if (len > 0)
		memcpy(b->data + b->len, p, len);
	b->len += len;
	b->data[b->len] = '\0';
}

/* Appends a C string without its NUL; s may not be NULL. */
void
sbuf_puts(struct sbuf *b, const char *s)
{

	sbuf_append(b, s, strlen(s));
}

/*
 * Appends formatted text.  Formats straight into the free tail when it
 * fits, so the common short message costs one vsnprintf.  An encoding
 * error from vsnprintf is treated like an allocation failure.
 */
void
sbuf_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list	 ap;
	int	 n;
	size_t	 avail;

	if (sbuf_reserve(b, 0) == -1)
		return;
	avail = b->cap - b->len;
	va_start(ap, fmt);
	n = vsnprintf(b->data + b->len, avail, fmt, ap);
	va_end(ap);
	if (n < 0)
		goto fail;
	if ((size_t)n >= avail) {
		if (sbuf_reserve(b, (size_t)n) == -1)
			return;
		va_start(ap, fmt);
		n = vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
		if (n < 0)
			goto fail;
	}
	b->len += (size_t)n;
	return;
fail:
	b->data[b->len] = '\0';
	b->oom = 1;
}
