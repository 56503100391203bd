/*
 * datefmt — dates as a person reads them (GOV.UK style): "20 December
 * 2026", or "Sunday 20 December 2026" where a deadline matters. Pages
 * only; JSON keeps ISO 8601. Pure: no Kore headers.
 */
#ifndef PORTAL_DATEFMT_H
#define PORTAL_DATEFMT_H

#include <stddef.h>

struct tdict;

/* Longest written date, "Wednesday 30 September 2026" and NUL. */
#define DATE_WORDS_LEN	32

/*
 * A strict YYYY-MM-DD date written out into out (size n): "6 December
 * 2026". Returns 0, or -1 when iso is not a real date or out is too
 * small; out is then a copy of iso (truncated to fit), so a page never
 * loses what it had to show.
 */
int	date_words(const char *iso, char *out, size_t n);
/* The same with the weekday first: "Sunday 20 December 2026". */
int	date_words_weekday(const char *iso, char *out, size_t n);

/* Sets key of d to iso written out (weekday: with the weekday); an
 * empty iso sets "". */
void	tdict_set_date(struct tdict *d, const char *key, const char *iso,
	    int weekday);

#endif
