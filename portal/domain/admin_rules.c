/*
 * admin_rules — organisation kinds, which role fits which organisation,
 * names typed into forms, and the caseload search box. Pure.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "admin_rules.h"
#include "checks.h"

const struct org_kind	org_kinds[] = {
	{ "school", "School or setting" },
	{ "ep_service", "Educational psychology service" },
	{ "nhs_body", "Health body (NHS)" },
	{ "social_care", "Social care" },
	{ "other", "Other provider" },
};
const size_t	norg_kinds = sizeof(org_kinds) / sizeof(org_kinds[0]);

const char *
org_kind_label(const char *kind)
{
	size_t	i;

	if (kind == NULL)
		return ("");
	if (strcmp(kind, "local_authority") == 0)
		return ("Council");
	for (i = 0; i < norg_kinds; i++)
		if (strcmp(kind, org_kinds[i].name) == 0)
			return (org_kinds[i].label);
	return ("");
}

int
org_kind_creatable(const char *kind)
{
	return (kind != NULL && strcmp(kind, "local_authority") != 0 &&
	    org_kind_label(kind)[0] != '\0');
}

int
role_fits_org(enum role r, const char *kind)
{
	int	council;

	if (kind == NULL || org_kind_label(kind)[0] == '\0')
		return (0);
	council = strcmp(kind, "local_authority") == 0;
	switch (r) {
	case ROLE_CASEWORKER:
	case ROLE_MANAGER:
	case ROLE_ADMIN:
		return (council);
	case ROLE_SERVICE_LEAD:
	case ROLE_PROFESSIONAL:
		return (!council);
	case ROLE_SCHOOL_RESPONDER:
		return (strcmp(kind, "school") == 0);
	default:
		return (0);
	}
}

int
name_clean(const char *in, char *out, size_t outlen, size_t max)
{
	size_t	n;

	if (in == NULL)
		return (-1);
	while (*in == ' ' || *in == '\t')
		in++;
	n = strlen(in);
	while (n > 0 && (in[n - 1] == ' ' || in[n - 1] == '\t'))
		n--;
	if (n == 0)
		return (-1);
	if (n > max || n >= outlen)
		return (-2);
	memcpy(out, in, n);
	out[n] = '\0';
	for (in = out; *in != '\0'; in++)
		if ((unsigned char)*in < 0x20 || *in == 0x7f)
			return (-3);
	return (0);
}

/* "20/3/2016", "20 3 2016", "20-3-2016" or "2016-03-20" → YYYY-MM-DD. */
static int
search_date(const char *s, char out[11])
{
	char	a[8], b[8], c[8], sep[2];
	int	n = 0;

	if (sscanf(s, "%7[0-9]%1[-/. ]%7[0-9]%1[-/. ]%7[0-9]%n", a, sep, b,
	    sep, c, &n) != 5 || s[n] != '\0')
		return (-1);
	if (strlen(a) == 4)
		return (date_from_parts(c, b, a, out));
	if (strlen(c) != 4)
		return (-1);
	return (date_from_parts(a, b, c, out));
}

int
child_search_parse(const char *in, struct child_search *s)
{
	char	*p;
	size_t	 i;
	int	 n = 0;

	memset(s, 0, sizeof(*s));
	if (in == NULL)
		return (0);
	switch (name_clean(in, s->text, sizeof(s->text), 100)) {
	case -1:
		s->text[0] = '\0';
		return (0);
	case 0:
		break;
	default:
		s->text[0] = '\0';
		return (-1);
	}
	p = s->like;
	*p++ = '%';
	for (i = 0; s->text[i] != '\0'; i++) {
		if (s->text[i] == '%' || s->text[i] == '_' || s->text[i] == '\\')
			*p++ = '\\';
		*p++ = s->text[i];
	}
	*p++ = '%';
	*p = '\0';
	for (i = 0; s->text[i] != '\0'; i++) {
		if (s->text[i] == ' ')
			continue;
		if (!isdigit((unsigned char)s->text[i]) || n == 10) {
			n = -1;
			break;
		}
		s->nhs[n++] = s->text[i];
	}
	if (n != 10)
		s->nhs[0] = '\0';
	else
		s->nhs[10] = '\0';
	if (search_date(s->text, s->dob) == -1)
		s->dob[0] = '\0';
	return (0);
}
