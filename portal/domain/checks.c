#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checks.h"
#include "clock.h"

int
blank(const char *s)
{
	if (s == NULL)
		return (1);
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	return (*s == '\0');
}

int
nhs_number_normalise(const char *in, char out[11])
{
	int	n = 0, sum = 0, check;

	for (; *in != '\0'; in++) {
		if (*in == ' ' || *in == '-')
			continue;
		if (!isdigit((unsigned char)*in) || n == 10)
			return (-1);
		out[n++] = *in;
	}
	if (n != 10)
		return (-1);
	out[10] = '\0';
	for (n = 0; n < 9; n++)
		sum += (out[n] - '0') * (10 - n);
	check = 11 - sum % 11;
	if (check == 11)
		check = 0;
	return (check == 10 || check != out[9] - '0' ? -1 : 0);
}

/* DfE UPN: check letter, then 11 digits, then a digit or letter. */
int
upn_normalise(const char *in, char out[14])
{
	static const char	letters[] = "ABCDEFGHJKLMNPQRTUVWXYZ";
	int			i, sum = 0;

	if (strlen(in) != 13)
		return (-1);
	for (i = 0; i < 13; i++)
		out[i] = (char)toupper((unsigned char)in[i]);
	out[13] = '\0';
	for (i = 1; i < 12; i++)
		if (!isdigit((unsigned char)out[i]))
			return (-1);
	if (!isalnum((unsigned char)out[12]))
		return (-1);
	for (i = 1; i < 13; i++) {
		int v = isdigit((unsigned char)out[i]) ? out[i] - '0' :
		    (int)(strchr(letters, out[i]) ? strchr(letters, out[i]) - letters : -100);
		if (v < 0)
			return (-1);
		sum += v * (i + 1);
	}
	return (out[0] == letters[sum % 23] ? 0 : -1);
}

int
email_valid(const char *s)
{
	const char	*at, *p;

	if (s == NULL || strlen(s) > 254 || (at = strchr(s, '@')) == NULL ||
	    at == s || strchr(at + 1, '@') != NULL)
		return (0);
	for (p = s; *p != '\0'; p++)
		if ((unsigned char)*p <= ' ' || *p == '<' || *p == '>' ||
		    *p == '"' || *p == ',' || *p == ';')
			return (0);
	p = strrchr(at, '.');
	return (p != NULL && p > at + 1 && p[1] != '\0');
}

int
email_lower(const char *s, char *out, size_t outlen)
{
	size_t	i;

	if (s == NULL || strlen(s) >= outlen)
		return (-1);
	for (i = 0; s[i] != '\0'; i++)
		out[i] = s[i] >= 'A' && s[i] <= 'Z' ? s[i] + ('a' - 'A') : s[i];
	out[i] = '\0';
	return (0);
}

/* Accepts "7" or "07" for day and month; the year must have four digits. */
int
date_from_parts(const char *d, const char *m, const char *y, char out[11])
{
	char	*end;
	long	 dd, mm, yy;

	if (blank(d) || blank(m) || blank(y) || strlen(y) != 4)
		return (-1);
	dd = strtol(d, &end, 10);
	if (*end != '\0')
		return (-1);
	mm = strtol(m, &end, 10);
	if (*end != '\0')
		return (-1);
	yy = strtol(y, &end, 10);
	if (*end != '\0' || dd < 1 || dd > 31 || mm < 1 || mm > 12 ||
	    yy < 1900 || yy > 2199)
		return (-1);
	(void)snprintf(out, 11, "%04d-%02d-%02d", (int)yy, (int)mm, (int)dd);
	return (date_day(out) == -1 ? -1 : 0);
}
