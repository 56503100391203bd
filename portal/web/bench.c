/*
 * bench — baselines measured in the same run as the real pages
 * (scripts/bench.sh): a hello-world page and an upload that only
 * discards its body. They exist only when PORTAL_BENCH=1, never in
 * production mode.
 */
#include "extern.h"

int
bench_hello(struct ctx *c)
{
	http_open(c, "text/plain; charset=utf-8");
	http_response(c->req, 200, "hello\n", 6);
	return (KORE_RESULT_OK);
}

int
bench_discard(struct ctx *c)
{
	char	buf[65536];
	ssize_t	n;

	while ((n = http_body_read(c->req, buf, sizeof(buf))) > 0)
		;
	http_open(c, "text/plain; charset=utf-8");
	http_response(c->req, n == 0 ? 200 : 500, NULL, 0);
	return (KORE_RESULT_OK);
}
