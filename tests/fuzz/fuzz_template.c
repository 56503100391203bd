/*
 * libFuzzer harness for the advice template loader: each input becomes
 * the only .xml file in a private temporary folder (under TMPDIR, else
 * /tmp), loaded against the real schema (TEMPLATE_SCHEMA, by default
 * templates/advice/template.rng: run from the repository root).  When
 * it loads, every field is also put through tpl_check_value().
 *
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iportal/domain \
 *       tests/fuzz/fuzz_template.c portal/domain/template.c \
 *       $(pkg-config --cflags --libs libxml-2.0) -o /tmp/fuzz_template
 *   /tmp/fuzz_template -max_len=65536 templates/advice  (seed corpus)
 *
 * Without libFuzzer, build with -DNO_LIBFUZZER for a plain driver that
 * runs each file named on the command line once.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "template.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static char	 dir[PATH_MAX];
static char	 path[PATH_MAX + 16];

static void
cleanup(void)
{

	(void)unlink(path);
	(void)rmdir(dir);
}

static void
check_fields(const struct tpl_set *set)
{
	static const char *const values[] = { "", "x", "2028-02-29",
	    "\xc3\xa9\xc3", "yes" };
	char	 msg[256];
	size_t	 i, j, k;

	for (i = 0; i < set->ntpls; i++)
		for (j = 0; j < set->tpls[i].nfields; j++)
			for (k = 0; k < sizeof(values) / sizeof(values[0]); k++)
				(void)tpl_check_value(&set->tpls[i].fields[j],
				    values[k], msg, sizeof(msg));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t len)
{
	struct tpl_set	 set;
	const char	*schema = getenv("TEMPLATE_SCHEMA"), *tmp;
	char		 err[512];
	FILE		*f;

	if (path[0] == '\0') {
		tmp = getenv("TMPDIR");
		(void)snprintf(dir, sizeof(dir), "%s/fuzz_template.XXXXXX",
		    tmp != NULL && *tmp != '\0' ? tmp : "/tmp");
		if (mkdtemp(dir) == NULL)
			abort();
		(void)snprintf(path, sizeof(path), "%s/input.xml", dir);
		atexit(cleanup);
	}
	if ((f = fopen(path, "wb")) == NULL)
		abort();
	if (len > 0 && fwrite(data, 1, len, f) != len)
		abort();
	if (fclose(f) != 0)
		abort();
	if (tpl_set_load(&set, dir, schema != NULL ? schema :
	    "templates/advice/template.rng", err, sizeof(err)) == 0) {
		check_fields(&set);
		tpl_set_free(&set);
	} else if (err[0] == '\0')
		abort();	/* every refusal must say why */
	return 0;
}

#ifdef NO_LIBFUZZER
int
main(int argc, char *argv[])
{
	FILE		*f;
	unsigned char	*buf;
	long		 n;
	int		 i;

	for (i = 1; i < argc; i++) {
		if ((f = fopen(argv[i], "rb")) == NULL ||
		    fseek(f, 0, SEEK_END) != 0 || (n = ftell(f)) < 0 ||
		    fseek(f, 0, SEEK_SET) != 0) {
			perror(argv[i]);
			return 1;
		}
		if ((buf = malloc((size_t)n + 1)) == NULL ||
		    fread(buf, 1, (size_t)n, f) != (size_t)n) {
			perror(argv[i]);
			return 1;
		}
		(void)fclose(f);
		(void)LLVMFuzzerTestOneInput(buf, (size_t)n);
		free(buf);
	}
	xmlCleanupParser();
	return 0;
}
#endif
