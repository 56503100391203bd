/* The request head read before the body (reqhead.c): hostile bytes. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "reqhead.h"
int LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct reqhead h;
	char v[64], *copy;
	int r;

	/* An exact-size copy: ASan catches a read past the end. */
	if ((copy = malloc(size ? size : 1)) == NULL)
		return (0);
	memcpy(copy, data, size);
	r = reqhead_parse(copy, size, &h);
	if (r < -1 || r > 1) __builtin_trap();
	if (r == 1) {
		if (h.headlen > size || strlen(h.method) >= sizeof(h.method) ||
		    strlen(h.path) >= sizeof(h.path) || h.content_length < -1) __builtin_trap();
		if (reqhead_cookie(&h, "portal_session", v, sizeof(v)) == 0 &&
		    strlen(v) >= sizeof(v)) __builtin_trap();
		(void)body_class(h.method, h.path);
	}
	free(copy);
	return (0);
}
