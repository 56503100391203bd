/*
 * libFuzzer harness for json_parse() and a walk over the tree:
 *   clang -g -fsanitize=fuzzer,address,undefined -Iportal/lib -Iportal/files \
 *     tests/fuzz/fuzz_json.c portal/lib/json.c portal/lib/esc.c portal/lib/sbuf.c
 * With -DNO_LIBFUZZER (any compiler) main() runs each file argument once.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "json.h"

int		LLVMFuzzerTestOneInput(const uint8_t *, size_t);
static size_t	walk(const struct json *);

/* Touches every node through the public accessors. */
static size_t
walk(const struct json *j)
{
	size_t	 i, n = 1;

	(void)json_str(j);
	(void)json_num_text(j);
	(void)json_bool(j);
	for (i = 0; i < json_len(j); i++) {
		if (json_key_at(j, i) != NULL &&
		    json_get(j, json_key_at(j, i)) != json_at(j, i))
			abort();	/* keys must be unique */
		n += walk(json_at(j, i));
	}
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct json	*j;
	char		 err[128];

	if ((j = json_parse((const char *)data, size, err, sizeof(err))) ==
	    NULL)
		return 0;
	(void)walk(j);
	json_free(j);
	return 0;
}

#ifdef NO_LIBFUZZER
#include <stdio.h>
#include <stdlib.h>

/* Runs each file named on the command line through the target once. */
int
main(int argc, char *argv[])
{
	FILE		*f;
	unsigned char	*buf;
	long		 n;
	int		 i;

	for (i = 1; i < argc; i++) {
		if ((f = fopen(argv[i], "rb")) == NULL ||
		    fseek(f, 0, SEEK_END) == -1 || (n = ftell(f)) < 0) {
			perror(argv[i]);
			return 1;
		}
		rewind(f);
		if ((buf = malloc((size_t)n + 1)) == NULL ||
		    fread(buf, 1, (size_t)n, f) != (size_t)n) {
			perror(argv[i]);
			return 1;
		}
		fclose(f);
		LLVMFuzzerTestOneInput(buf, (size_t)n);
		free(buf);
	}
	return 0;
}
#endif
