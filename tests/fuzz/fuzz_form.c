#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "sbuf.h"
#include "esc.h"
#include "form.h"
#include "totp.h"
int LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct form *f; struct sbuf b; size_t i; char *s;
	if (form_parse_urlencoded(&f, (const char *)data, size, 64) == 0) {
		for (i = 0; i < form_count(f); i++) {
			if (!utf8_valid(form_value_at(f, i), strlen(form_value_at(f, i)))) __builtin_trap();
			(void)form_get(f, form_name_at(f, i));
		}
		form_free(f);
	} else if (f != NULL) __builtin_trap();
	/* escapers on the NUL-terminated prefix */
	s = strndup((const char *)data, size);
	sbuf_init(&b);
	html_escape(&b, s);
	if (!utf8_valid(b.data, b.len) || memchr(b.data, '<', b.len) || memchr(b.data, '"', b.len)) __builtin_trap();
	sbuf_reset(&b); json_escape(&b, s);
	if (!utf8_valid(b.data, b.len) || memchr(b.data, '<', b.len)) __builtin_trap();
	(void)utf8_length(s);
	(void)url_decode(s);
	/* the typed two-step code: 6 digits or -1, nothing else */
	{ long v = totp_parse(s); if (v < -1 || v > 999999) __builtin_trap(); }
	sbuf_free(&b); free(s);
	return 0;
}
