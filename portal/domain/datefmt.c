/*
 * datefmt — ISO dates written out for people. One place, so every page
 * says "20 December 2026" the same way. Pure: no Kore headers.
 */
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "datefmt.h"
#include "tmpl.h"

static const char *const months[12] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};
/* Day 0 (1970-01-01) was a Thursday. */
static const char *const weekdays[7] = {
	"Thursday", "Friday", "Saturday", "Sunday", "Monday", "Tuesday",
	"Wednesday",
};

static int	write_date(const char *, char *, size_t, int);

static int
write_date(const char *iso, char *out, size_t n, int weekday)
{
	long	day;
	int	y, m, d, w;

	if (n == 0)
		return (-1);
	if (iso == NULL || (day = date_day(iso)) < 0 ||
	    sscanf(iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
		goto fail;
	if (weekday)
		w = snprintf(out, n, "%s %d %s %d",
		    weekdays[((day % 7) + 7) % 7], d, months[m - 1], y);
	else
		w = snprintf(out, n, "%d %s %d", d, months[m - 1], y);
	if (w < 0 || (size_t)w >= n)
		goto fail;
	return (0);
fail:
	(void)snprintf(out, n, "%s", iso ? iso : "");
	return (-1);
}

int
date_words(const char *iso, char *out, size_t n)
{
	return (write_date(iso, out, n, 0));
}

int
date_words_weekday(const char *iso, char *out, size_t n)
{
	return (write_date(iso, out, n, 1));
}

void
tdict_set_date(struct tdict *d, const char *key, const char *iso, int weekday)
{
	char	out[DATE_WORDS_LEN];

	if (iso == NULL || iso[0] == '\0') {
		tdict_set(d, key, "");
		return;
	}
	(void)write_date(iso, out, sizeof(out), weekday);
	tdict_set(d, key, out);
}
