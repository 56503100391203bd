/* The chase schedule parser and mail template checker: any input either
 * parses into steps every due-date query can use, or is refused with a
 * message. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "chase.h"
int LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct chase_schedule cs; struct chase_probe probes[64];
	char err[256], *text, *subject, *body; long day; size_t i;
	err[0] = '\0';
	if (chase_parse(&cs, (const char *)data, size, err, sizeof err) == 0) {
		for (i = 0; i < cs.nsteps; i++)
			(void)chase_due(&cs, cs.steps[i].target, 20000, 20000 + cs.steps[i].offset, &day);
		(void)chase_probes(&cs, "advice", 20000, probes, 64);
		chase_free(&cs);
	} else if (err[0] == '\0')
		abort();
	if ((text = malloc(size + 1)) == NULL) return 0;
	memcpy(text, data, size); text[size] = '\0';
	if (chase_mail_parse(text, &subject, &body, err, sizeof err) == 0) {
		if (strchr(subject, '\n') != NULL) abort();
		free(subject); free(body);
	}
	free(text);
	return 0;
}
