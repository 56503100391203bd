/*
 * portalctl report compliance --council NAME --from YYYY-MM --to YYYY-MM
 *
 * The monthly 20-week compliance table as CSV on standard output, with
 * issue 13's header: the rows figures_sql.c reads, counted by
 * fig_monthly() and written by fig_monthly_csv(), the same calls as the
 * page GET /manager/compliance.csv, so the two cannot disagree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figures.h"
#include "figures_sql.h"
#include "portalctl.h"
#include "sbuf.h"

static int	report_usage(void);
static int	month_arg(const char *, int *, int *);

static int
report_usage(void)
{
	fprintf(stderr, "usage: portalctl report compliance --council NAME "
	    "--from YYYY-MM --to YYYY-MM\n");
	return (2);
}

/* "YYYY-MM" → year, month: 0, or -1 if it is not a real month. */
static int
month_arg(const char *s, int *y, int *m)
{
	char	end;

	if (s == NULL || strlen(s) != 7 || s[4] != '-' ||
	    strspn(s, "0123456789") != 4 || strspn(s + 5, "0123456789") != 2 ||
	    sscanf(s, "%4d-%2d%c", y, m, &end) != 2)
		return (-1);
	return (*m >= 1 && *m <= 12 && *y >= 1900 && *y <= 2199 ? 0 : -1);
}

int
cmd_report(int argc, char **argv)
{
	struct figset		 s;
	struct fig_month	*t = NULL;
	struct sbuf		 b;
	const char		*council = NULL, *from = NULL, *to = NULL;
	char			 id[24];
	int			 i, fy, fm, ty, tm, rc;
	size_t			 n = 0;

	if (argc < 2 || strcmp(argv[1], "compliance") != 0)
		return (report_usage());
	for (i = 2; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--council") == 0)
			council = argv[i + 1];
		else if (strcmp(argv[i], "--from") == 0)
			from = argv[i + 1];
		else if (strcmp(argv[i], "--to") == 0)
			to = argv[i + 1];
		else
			return (report_usage());
	}
	if (i != argc || council == NULL || from == NULL || to == NULL)
		return (report_usage());
	if (month_arg(from, &fy, &fm) == -1 || month_arg(to, &ty, &tm) == -1) {
		fprintf(stderr, "portalctl: --from and --to must be real months "
		    "as YYYY-MM\n");
		return (2);
	}
	if (fy * 12 + fm > ty * 12 + tm) {
		fprintf(stderr, "portalctl: --from must be the same as or before "
		    "--to\n");
		return (2);
	}
	if ((rc = figset_council(council, id)) != 1) {
		fprintf(stderr, rc == 0 ? "portalctl: no council is named %s\n" :
		    "portalctl: the database failed\n", council);
		return (1);
	}
	if (figset_load_months(&s, id, fy, fm, ty, tm) == -1 ||
	    fig_monthly(s.cases, s.n, fy, fm, ty, tm, &t, &n) == -1) {
		figset_free(&s);
		fprintf(stderr, "portalctl: cannot read the figures\n");
		return (1);
	}
	figset_free(&s);
	sbuf_init(&b);
	fig_monthly_csv(&b, t, n);
	free(t);
	rc = b.oom || fwrite(b.data, 1, b.len, stdout) != b.len ||
	    fflush(stdout) != 0;
	sbuf_free(&b);
	return (rc ? 1 : 0);
}
