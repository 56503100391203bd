/*
 * libFuzzer harness for filetype_detect() and zipcheck() from memory:
 *   clang -g -fsanitize=fuzzer,address,undefined -Iportal/lib -Iportal/files \
 *     tests/fuzz/fuzz_zipcheck.c portal/files/zipcheck.c portal/files/filetype.c \
 *     portal/lib/sbuf.c -lzip
 * Seed it with the .docx and .odt files in tests/unit/fixtures/upload.
 * With -DNO_LIBFUZZER (any compiler) main() runs each file argument once.
 */
#include <stddef.h>
#include <stdint.h>

#include "upload.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	 why[128];

	(void)filetype_detect(data, size);
	(void)zipcheck(NULL, data, size, FT_DOCX, why, sizeof(why));
	(void)zipcheck(NULL, data, size, FT_ODT, why, sizeof(why));
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
