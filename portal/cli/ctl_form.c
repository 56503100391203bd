/*
 * ctl_form — the advice form as .docx without a database (issue 12):
 * "portalctl form-sample TEMPLATE FILE.docx" writes a template's empty
 * form; "portalctl form-read TEMPLATE FILE.docx" reads a completed one as
 * the upload does (zip checks, reader, the draft's checks) and prints
 * one line per answer, "field<TAB>row<TAB>column<TAB>value" (line
 * breaks in a value as "\n"), or the refusal on standard error (exit 1).
 * tests/docx/check.sh uses them on forms filled by python-docx and
 * re-saved by LibreOffice.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advice.h"
#include "docx.h"
#include "portalctl.h"
#include "template.h"
#include "upload.h"

static int	load_tpl(struct tpl_set *, const char *, const struct tpl **);
static unsigned char *slurp(const char *, size_t *);

static int
load_tpl(struct tpl_set *set, const char *id, const struct tpl **t)
{
	const char	*root = getenv("PORTAL_ROOT");
	char		 dir[1024], schema[1100], err[512];

	(void)snprintf(dir, sizeof(dir), "%s/templates/advice",
	    root ? root : ".");
	(void)snprintf(schema, sizeof(schema), "%s/template.rng", dir);
	if (tpl_set_load(set, dir, schema, err, sizeof(err)) != 0) {
		fprintf(stderr, "portalctl: advice templates: %s\n", err);
		return (-1);
	}
	if ((*t = tpl_find(set, id, 0)) == NULL) {
		fprintf(stderr, "portalctl: no template %s\n", id);
		tpl_set_free(set);
		return (-1);
	}
	return (0);
}

/* The file's bytes (the caller frees), at most DOCX_READ_MAX_IN. */
static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE		*f;
	unsigned char	*buf;

	if ((f = fopen(path, "rb")) == NULL)
		return (NULL);
	if ((buf = malloc(DOCX_READ_MAX_IN + 1)) != NULL)
		*len = fread(buf, 1, DOCX_READ_MAX_IN + 1, f);
	fclose(f);
	return (buf);
}

int
cmd_form_sample(int argc, char **argv)
{
	struct tpl_set		 set;
	const struct tpl	*t;
	struct docx_form_meta	 m = { "EHC-2026-00001", "Demoshire County Council" };
	unsigned char		*out;
	size_t			 len;
	FILE			*f;
	int			 rc = 1;

	if (argc != 3)
		return (ctl_usage());
	if (load_tpl(&set, argv[1], &t) == -1)
		return (1);
	if (docx_form_mem(t, NULL, &m, &out, &len) == -1)
		fprintf(stderr, "portalctl: the form could not be written\n");
	else {
		if ((f = fopen(argv[2], "wb")) != NULL &&
		    fwrite(out, 1, len, f) == len && fclose(f) == 0)
			rc = 0;
		else
			perror(argv[2]);
		free(out);
	}
	tpl_set_free(&set);
	return (rc);
}

int
cmd_form_read(int argc, char **argv)
{
	struct tpl_set		 set;
	const struct tpl	*t;
	struct docx_form_result	 r;
	struct avals		 v;
	struct errs		 e;
	unsigned char		*buf;
	const char		*p;
	char			 why[256];
	size_t			 len = 0, i;
	int			 rc = 1;

	if (argc != 3)
		return (ctl_usage());
	if (load_tpl(&set, argv[1], &t) == -1)
		return (1);
	avals_init(&v);
	e.n = 0;
	why[0] = '\0';
	if ((buf = slurp(argv[2], &len)) == NULL)
		perror(argv[2]);
	else if (filetype_detect(buf, len) != FT_DOCX)
		fprintf(stderr, "refused: not a .docx\n");
	else if (zipcheck(NULL, buf, len, FT_DOCX, why, sizeof(why)) == -1 ||
	    docx_form_read(buf, len, t, &v, &r, why, sizeof(why)) == -1)
		fprintf(stderr, "refused: %s\n", why);
	else if (docx_form_check(t, &v, &e, "formdoc") > 0) {
		for (i = 0; i < e.n; i++)
			fprintf(stderr, "refused: %s\n", e.e[i].message);
	} else {
		printf("# filled %zu matched %zu\n", r.filled, r.matched);
		for (i = 0; i < v.n; i++) {
			printf("%s\t%d\t%s\t", v.v[i].field, v.v[i].row,
			    v.v[i].column);
			for (p = v.v[i].value; *p != '\0'; p++)
				if (*p == '\n')
					fputs("\\n", stdout);
				else
					putchar(*p);
			putchar('\n');
		}
		rc = 0;
	}
	free(buf);
	avals_free(&v);
	tpl_set_free(&set);
	return (rc);
}
