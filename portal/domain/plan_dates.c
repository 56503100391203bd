/*
 * plan_dates — the draft plan's dates.  See plan_dates.h for the rules
 * and where they come from.
 */
#include <string.h>

#include "plan_dates.h"

int
comment_window(const char *served, struct comment_window *w)
{
	if (date_day(served) == -1)
		return -1;
	(void)memcpy(w->served, served, DATE_LEN);
	(void)date_add(served, COMMENT_REMINDER_DAY - 1, w->reminder);
	(void)date_add(served, COMMENT_WINDOW_DAYS - 1, w->last_day);
	return 0;
}

int
comment_late(const char *served, const char *on)
{
	long	s = date_day(served), d = date_day(on);

	if (s == -1 || d == -1)
		return -1;
	return d > s + COMMENT_WINDOW_DAYS - 1;
}

int
consultation_due(const char *sent, char out[DATE_LEN])
{
	return date_add(sent, CONSULTATION_DAYS, out);
}

int
step_timing(const char *due, const char *done, struct step_timing *t)
{
	long	a = date_day(due), b = date_day(done);

	if (a == -1 || b == -1)
		return -1;
	t->days_late = b > a ? b - a : 0;
	t->on_time = b <= a;
	return 0;
}

int
final_timing(const char *received, const char *issued, struct final_timing *t)
{
	long	r = date_day(received), i = date_day(issued);

	if (r == -1 || i == -1 || i < r)
		return -1;
	date_of_day(r + 20 * 7, t->due);
	t->days = i - r;
	t->weeks = t->days / 7;
	t->extra_days = t->days % 7;
	t->within_20_weeks = t->days <= 20 * 7;
	t->days_late = t->within_20_weeks ? 0 : t->days - 20 * 7;
	return 0;
}
