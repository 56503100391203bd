#define _GNU_SOURCE
/* input = files separated by "\n--\n": page.html, _a.html, _b.html */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "sbuf.h"
#include "tmpl.h"
int LLVMFuzzerTestOneInput(const uint8_t *, size_t);
static char dir[512];
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *names[] = { "page.html", "_a.html", "_b.html" };
	const char *p = (const char *)data, *end = p + size, *sep;
	char path[128], err[256]; size_t i; FILE *f;
	struct tmpl_set *set; struct tdict *d, *it; struct sbuf out;
	if (dir[0] == '\0') { snprintf(dir, sizeof dir, "%s/fuzz-tmplXXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp"); if (!mkdtemp(dir)) abort(); }
	for (i = 0; i < 3; i++) {
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		sep = p < end ? memmem(p, (size_t)(end - p), "\n--\n", 4) : NULL;
		if (sep == NULL) sep = end;
		f = fopen(path, "wb"); fwrite(p, 1, (size_t)(sep - p), f); fclose(f);
		p = sep < end ? sep + 4 : end;
	}
	set = tmpl_set_load(dir, err, sizeof err);
	if (set == NULL) { if (strlen(err) == 0) abort(); return 0; }
	d = tdict_new();
	tdict_set(d, "a", "<x>"); tdict_set(d, "b", "");
	it = tdict_push(d, "l"); tdict_set(it, "a", "1"); tdict_push(it, "l");
	tdict_set(tdict_child(d, "c"), "a", "\"'");
	sbuf_init(&out);
	for (i = 0; i < 3; i++) {
		char nm[16]; snprintf(nm, sizeof nm, "%s", names[i]); nm[strlen(nm) - 5] = '\0';
		sbuf_reset(&out);
		(void)tmpl_render(set, nm, d, &out);
	}
	sbuf_free(&out); tdict_free(d); tmpl_set_free(set);
	return 0;
}
