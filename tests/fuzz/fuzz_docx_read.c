/*
 * libFuzzer harness for docx_form_read() (docx_read.c) and the checks
 * that follow it: any bytes, read as the psychological form (rows
 * fields included) and as the parent's views (a choice).  Seeded with
 * forms written by docx_form_mem() (tests/fuzz/corpus/fuzz_docx_read).
 * Run from the repository's root (the templates are loaded from it).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "advice.h"
#include "docx.h"
#include "template.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct tpl_set	set;
static int		loaded;

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const ids[] = { "psychological", "parent" };
	const struct tpl	*t;
	struct avals		 v, draft, out;
	struct docx_form_result	 r;
	struct errs		 e;
	char			 why[256], err[256];
	size_t			 i;

	if (!loaded) {
		if (tpl_set_load(&set, "templates/advice",
		    "templates/advice/template.rng", err, sizeof(err)) == -1)
			abort();
		loaded = 1;
	}
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		if ((t = tpl_find(&set, ids[i], 0)) == NULL)
			abort();
		avals_init(&v);
		if (docx_form_read(data, size, t, &v, &r, why, sizeof(why)) == 0) {
			e.n = 0;
			(void)docx_form_check(t, &v, &e, "formdoc");
			avals_init(&draft);
			avals_init(&out);
			(void)docx_form_merge(t, &draft, &v, &out);
			avals_free(&out);
			avals_free(&draft);
		} else if (v.n != 0)
			abort();	/* a refusal reads nothing */
		avals_free(&v);
	}
	return 0;
}
