#include <stdio.h>
#include <string.h>

#include "clock.h"

static int	parse(const char *, int *, int *, int *);
static int	leap(int);
static int	month_days(int, int);
static long	days_from_civil(int, int, int);
static void	digits(char *, unsigned long, int);

/* n as exactly width decimal digits (zero-padded, high digits dropped). */
static void
digits(char *out, unsigned long n, int width)
{
	while (width-- > 0) {
		out[width] = (char)('0' + n % 10);
		n /= 10;
	}
}

static int
leap(int y)
{
	return ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0);
}

static int
month_days(int y, int m)
{
	static const int	days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return (m == 2 && leap(y) ? 29 : days[m - 1]);
}

/* Strict: exactly YYYY-MM-DD, digits only, a real date. 0 ok. */
static int
parse(const char *s, int *y, int *m, int *d)
{
	int	i;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return (-1);
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return (-1);
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	if (*y < 1900 || *y > 2199 || *m < 1 || *m > 12 || *d < 1 ||
	    *d > month_days(*y, *m))
		return (-1);
	return (0);
}

/* Howard Hinnant's days_from_civil, proleptic Gregorian. */
static long
days_from_civil(int y, int m, int d)
{
	long	era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468);
}

long
date_day(const char *s)
{
	int	y, m, d;

	if (parse(s, &y, &m, &d) == -1)
		return (-1);
	return (days_from_civil(y, m, d));
}

void
date_of_day(long z, char out[DATE_LEN])
{
	long	era, doe, yoe, y, doy, mp, d, m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	d = doy - (153 * mp + 2) / 5 + 1;
	m = mp + (mp < 10 ? 3 : -9);
	y += m <= 2;
	digits(out, (unsigned long)y, 4);
	out[4] = '-';
	digits(out + 5, (unsigned long)m, 2);
	out[7] = '-';
	digits(out + 8, (unsigned long)d, 2);
	out[10] = '\0';
}

int
date_add(const char *s, int days, char out[DATE_LEN])
{
	long	z;

	if ((z = date_day(s)) == -1)
		return (-1);
	date_of_day(z + days, out);
	return (0);
}

int
date_add_months(const char *s, int months, char out[DATE_LEN])
{
	int	y, m, d, total;

	if (parse(s, &y, &m, &d) == -1)
		return (-1);
	total = y * 12 + (m - 1) + months;
	y = total / 12;
	m = total % 12 + 1;
	if (d > month_days(y, m))
		d = month_days(y, m);
	date_of_day(days_from_civil(y, m, d), out);
	return (0);
}

int
statutory_dates(const char *received, struct statutory *st)
{
	if (date_add(received, 6 * 7, st->decision_due) == -1)
		return (-1);
	(void)date_add(received, 6 * 7, st->advice_due);
	(void)date_add(received, 16 * 7, st->no_plan_due);
	(void)date_add(received, 20 * 7, st->final_due);
	return (0);
}

int
advice_due(const char *requested, char out[DATE_LEN])
{
	return (date_add(requested, 42, out));
}

int
comment_last_day(const char *served, char out[DATE_LEN])
{
	return (date_add(served, 14, out));
}

long
days_between(const char *a, const char *b)
{
	long	da = date_day(a), db = date_day(b);

	return (da == -1 || db == -1 ? 0 : db - da);
}

