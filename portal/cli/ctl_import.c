/*
 * portalctl import cases / sen2: a council's tracking spreadsheet in,
 * its SEN2 extract out (issue 13; README, "Importing cases").
 *
 *   portalctl import cases --council NAME [--caseworker EMAIL]
 *       [--dry-run] [--today YYYY-MM-DD] FILE.csv
 *   portalctl sen2 --council NAME --year YYYY [--format csv|xml]
 *
 * The import is all or nothing: every bad row is printed on standard
 * error as "line N, column C: reason" and nothing is written.  Imported
 * cases are assigned to --caseworker (a caseworker or manager of the
 * council), else to the council's "Not assigned (imported)" account,
 * which is also named as having recorded the decisions, exceptions and
 * requests.  The audit row says how many cases, never who they are.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "import_sql.h"
#include "portalctl.h"

static char	*slurp(const char *, size_t *);
static int	 council_id(const char *, char[24]);
static int	 import_today(const char *, char[DATE_LEN]);

/* The whole file, NUL-terminated, or NULL (reason printed). */
static char *
slurp(const char *path, size_t *len)
{
	FILE	*fp;
	char	*buf = NULL, *grown;
	size_t	 cap = 0, n;

	*len = 0;
	if ((fp = fopen(path, "rb")) == NULL) {
		fprintf(stderr, "portalctl: cannot read %s: %s\n", path,
		    strerror(errno));
		return (NULL);
	}
	for (;;) {
		if (*len + 65536 + 1 > cap) {
			cap = cap ? cap * 2 : 131072;
			if (cap > CSV_MAX_BYTES + 65536 + 1 ||
			    (grown = realloc(buf, cap)) == NULL) {
				fprintf(stderr, "portalctl: %s is too large\n",
				    path);
				goto fail;
			}
			buf = grown;
		}
		if ((n = fread(buf + *len, 1, 65536, fp)) == 0)
			break;
		*len += n;
	}
	if (ferror(fp)) {
		fprintf(stderr, "portalctl: cannot read %s\n", path);
		goto fail;
	}
	fclose(fp);
	buf[*len] = '\0';
	return (buf);
fail:
	fclose(fp);
	free(buf);
	return (NULL);
}

static int
council_id(const char *name, char out[24])
{
	PGresult	*res;
	int		 rc = -1;

	if ((res = db_qd(&import_stmts[IS_COUNCIL], name)) == NULL)
		return (-1);
	if (db_rows(res) == 1) {
		snprintf(out, 24, "%s", db_val(res, 0, 0));
		rc = 0;
	} else
		fprintf(stderr, "portalctl: no council named so\n");
	PQclear(res);
	return (rc);
}

/* --today, else PORTAL_TODAY (neither in production), else UTC today. */
static int
import_today(const char *given, char out[DATE_LEN])
{
	const char	*mode = getenv("PORTAL_MODE"), *env = getenv("PORTAL_TODAY");

	if (given == NULL && env != NULL && *env != '\0')
		given = env;
	if (given != NULL && mode != NULL && strcmp(mode, "production") == 0) {
		fprintf(stderr, "portalctl: --today and PORTAL_TODAY are refused "
		    "in production mode\n");
		return (-1);
	}
	if (given != NULL) {
		if (date_day(given) == -1) {
			fprintf(stderr, "portalctl: today must be a real date, "
			    "YYYY-MM-DD\n");
			return (-1);
		}
		snprintf(out, DATE_LEN, "%s", given);
		return (0);
	}
	config_today(out);
	return (0);
}

int
cmd_import(int argc, char **argv)
{
	struct import_job	 job;
	struct imp_result	 res;
	struct sbuf		 b;
	const char		*council = NULL, *cw_email = NULL, *given = NULL;
	const char		*file = NULL;
	char			 cid[24], cw[24], today[DATE_LEN], *buf;
	size_t			 len, i;
	int			 k, rc;

	memset(&job, 0, sizeof(job));
	if (argc < 2 || strcmp(argv[1], "cases") != 0)
		return (ctl_usage());
	for (k = 2; k < argc; k++) {
		if (strcmp(argv[k], "--council") == 0 && k + 1 < argc)
			council = argv[++k];
		else if (strcmp(argv[k], "--caseworker") == 0 && k + 1 < argc)
			cw_email = argv[++k];
		else if (strcmp(argv[k], "--today") == 0 && k + 1 < argc)
			given = argv[++k];
		else if (strcmp(argv[k], "--dry-run") == 0)
			job.dry_run = 1;
		else if (argv[k][0] != '-' && file == NULL)
			file = argv[k];
		else
			return (ctl_usage());
	}
	if (council == NULL || file == NULL)
		return (ctl_usage());
	if (import_today(given, today) == -1 || council_id(council, cid) == -1)
		return (1);
	if (cw_email != NULL) {
		PGresult	*q = db_qd(&import_stmts[IS_CASEWORKER], cid,
		    cw_email);

		if (q == NULL || db_rows(q) != 1) {
			fprintf(stderr, "portalctl: --caseworker must be an "
			    "enabled caseworker or manager of the council\n");
			PQclear(q);
			return (1);
		}
		snprintf(cw, sizeof(cw), "%s", db_val(q, 0, 0));
		PQclear(q);
		job.caseworker = cw;
	}
	if ((buf = slurp(file, &len)) == NULL)
		return (1);
	job.council = cid;
	job.today = today;
	job.door = "portalctl";
	rc = import_cases(&job, buf, len, &res);
	free(buf);
	if (rc == 1) {
		sbuf_init(&b);
		for (i = 0; i < res.n_err; i++) {
			import_error_line(&b, &res.err[i]);
			sbuf_puts(&b, "\n");
		}
		if (res.truncated)
			sbuf_printf(&b, "... and more errors (only the first "
			    "%d are listed)\n", IMP_MAX_ERRORS);
		fwrite(b.data, 1, b.len, stderr);
		sbuf_free(&b);
		fprintf(stderr, "portalctl: %zu error%s: nothing was imported\n",
		    res.n_err, res.n_err == 1 ? "" : "s");
	} else if (rc == -1)
		fprintf(stderr, "portalctl: the import failed (database): "
		    "nothing was imported\n");
	else if (job.dry_run)
		printf("%zu cases checked: all good (dry run, nothing was "
		    "imported)\n", res.n);
	else
		printf("%zu cases imported into %s\n", res.n, council);
	imp_free(&res);
	return (rc == 0 ? 0 : 1);
}

int
cmd_sen2(int argc, char **argv)
{
	struct sbuf	 b;
	const char	*council = NULL, *format = "csv";
	char		 cid[24], *end;
	long		 year = 0, n;
	int		 k, xml;

	for (k = 1; k < argc; k++) {
		if (strcmp(argv[k], "--council") == 0 && k + 1 < argc)
			council = argv[++k];
		else if (strcmp(argv[k], "--year") == 0 && k + 1 < argc) {
			year = strtol(argv[++k], &end, 10);
			if (*end != '\0' || year < 2014 || year > 9998)
				return (ctl_usage());
		} else if (strcmp(argv[k], "--format") == 0 && k + 1 < argc)
			format = argv[++k];
		else
			return (ctl_usage());
	}
	xml = strcmp(format, "xml") == 0;
	if (council == NULL || year == 0 || (!xml && strcmp(format, "csv") != 0))
		return (ctl_usage());
	if (council_id(council, cid) == -1)
		return (1);
	sbuf_init(&b);
	if ((n = sen2_extract(cid, council, (int)year, xml, &b)) == -1 ||
	    b.oom) {
		fprintf(stderr, "portalctl: the extract failed\n");
		sbuf_free(&b);
		return (1);
	}
	fwrite(b.data, 1, b.len, stdout);
	sbuf_free(&b);
	PQclear(db_q(ST_AUDIT, NULL, "sen2_extract", "organisation", cid, "",
	    xml ? "SEN2 extract (portalctl, xml)" : "SEN2 extract (portalctl, csv)"));
	fprintf(stderr, "portalctl: %ld people in the SEN2 extract for %ld\n",
	    n, year);
	return (0);
}
