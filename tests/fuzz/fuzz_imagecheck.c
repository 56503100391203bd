/*
 * libFuzzer harness for imagecheck() and appended_check():
 *   clang -g -fsanitize=fuzzer,address,undefined -Iportal/lib -Iportal/files \
 *     tests/fuzz/fuzz_imagecheck.c portal/files/imagecheck.c portal/files/filetype.c -lz -lzip
 * Each input is judged as a PNG, as a JPEG, and as data appended at its
 * middle.
 */
#include <stddef.h>
#include <stdint.h>

#include "upload.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	 why[128];

	(void)imagecheck(data, size, FT_PNG, why, sizeof(why));
	(void)imagecheck(data, size, FT_JPEG, why, sizeof(why));
	(void)appended_check(data, size, size / 2, why, sizeof(why));
	return 0;
}
