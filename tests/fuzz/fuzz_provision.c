/* The provision configuration parser and the name check.  An input is
 *   CONF "\n%%\n" NAMES "\n%%\n" TEXT
 * (NAMES: one "given|family" a line; missing parts are empty).  The
 * configuration parses or is refused with a message; the checks never
 * fail, and every flag's span lies inside the text it points into. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "provision.h"
int LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
spans_inside(const struct prov_flags *fl, const struct prov_text *t)
{
	const char	*part;
	size_t		 i;

	for (i = 0; i < fl->n; i++) {
		if (fl->v[i].message == NULL || fl->v[i].field == NULL)
			abort();
		part = strcmp(fl->v[i].field, "text") == 0 ? t->text :
		    strcmp(fl->v[i].field, "by_whom") == 0 ? t->by_whom :
		    strcmp(fl->v[i].field, "how_often") == 0 ? t->how_often :
		    t->how_long;
		if (fl->v[i].match_len > 0 && (part == NULL ||
		    fl->v[i].match_off + fl->v[i].match_len > strlen(part)))
			abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const sections[] = { "E", "F", "H1", "B" };
	struct prov_conf conf; struct prov_flags fl; struct prov_names *nm;
	struct prov_text t;
	char *buf, *names, *text, *line, *bar, *given[64], *family[64], err[256];
	size_t n = 0, i;
	int have_conf;

	if ((buf = malloc(size + 1)) == NULL) return 0;
	memcpy(buf, data, size); buf[size] = '\0';
	err[0] = '\0';
	have_conf = prov_conf_parse(&conf, buf, (names = strstr(buf, "\n%%\n")) ?
	    (size_t)(names - buf) : size, err, sizeof err) == 0;
	if (!have_conf && err[0] == '\0') abort();
	if (!have_conf && prov_conf_default(&conf) != 0) abort();
	text = buf;
	if (names != NULL) {
		*names = '\0'; names += 4;
		if ((text = strstr(names, "\n%%\n")) != NULL) { *text = '\0'; text += 4; }
		else text = names;
		for (line = names; line != NULL && n < 64; n++) {
			given[n] = line;
			if ((line = strchr(line, '\n')) != NULL) *line++ = '\0';
			family[n] = (bar = strchr(given[n], '|')) ? bar + 1 : NULL;
			if (bar) *bar = '\0';
		}
	}
	if ((nm = prov_names_alloc((const char *const *)given,
	    (const char *const *)family, n, n ? given[0] : NULL, NULL)) == NULL)
		abort();
	prov_flags_init(&fl);
	for (i = 0; i < 4; i++) {
		t.section = sections[i]; t.paragraph = i + 1; t.text = text;
		t.by_whom = i == 2 ? text : NULL; t.how_often = NULL;
		t.how_long = i == 1 ? text + strlen(text) / 2 : NULL;
		if (prov_check(&conf, nm, &t, &fl) != 0) abort();
		spans_inside(&fl, &t);
		prov_flags_free(&fl);
	}
	prov_names_free(nm); prov_conf_free(&conf); free(buf);
	return 0;
}
