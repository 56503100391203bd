/*
 * sbuf: growable byte buffer (pure module, no Kore headers).
 *
 * An sbuf is embedded by its owner: sbuf_init() before use, sbuf_free()
 * when done.  data is always NUL-terminated when it is non-NULL, so a
 * buffer holding text can be used as a C string.
 *
 * On allocation failure (or a size that would overflow) the buffer sets
 * oom = 1 and ignores every later append until sbuf_reset() or
 * sbuf_free(): callers build a whole response and check oom once.
 */
#ifndef SBUF_H
#define SBUF_H

#include <stddef.h>

struct sbuf {
	char	*data;	/* NUL-terminated when non-NULL; owned */
	size_t	 len;	/* bytes used, excluding the NUL */
	size_t	 cap;	/* bytes allocated */
	int	 oom;	/* 1 after an allocation failed */
};

void	sbuf_init(struct sbuf *);
void	sbuf_free(struct sbuf *);
void	sbuf_reset(struct sbuf *);
void	sbuf_append(struct sbuf *, const void *, size_t);
void	sbuf_puts(struct sbuf *, const char *);
void	sbuf_printf(struct sbuf *, const char *, ...)
	    __attribute__((format(printf, 2, 3)));

#endif /* SBUF_H */
