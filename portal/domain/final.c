/*
 * final — issuing the final EHC plan: its refusals and its date against
 * week 20 (final.h).
 */
#include <stdio.h>
#include <string.h>

#include "checks.h"
#include "clock.h"
#include "datefmt.h"
#include "final.h"
#include "plan_dates.h"
#include "validate.h"

static int
given(const char *s)
{
	return (s != NULL && !blank(s));
}

/* 1 if s is a real YYYY-MM-DD date. */
static int
real(const char *s)
{
	return (s != NULL && (date_day(s) != -1 || strcmp(s, "1969-12-31") == 0));
}

/* Code points of s (UTF-8), as validate.c counts them. */
static size_t
chars(const char *s)
{
	size_t	n = 0;

	for (; *s != '\0'; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return (n);
}

static void
val_setting(const struct val_final *v, struct verrs *e)
{
	int	id = given(v->setting_id), name = given(v->setting_name);

	if (id && name)
		verrs_add(e, VF_FINAL_SETTING, "Select a school or setting "
		    "from the list, or enter its name, not both");
	else if (!id && !name)
		verrs_add(e, VF_FINAL_SETTING, "Select the school or setting "
		    "to name in Section I, or enter its name");
	else if (id && !v->setting_known)
		verrs_add(e, VF_FINAL_SETTING, "Select a school or setting "
		    "from the list");
	else if (name && chars(v->setting_name) > VAL_SETTING_MAX)
		verrs_add(e, VF_FINAL_SETTING, "The name of the school or "
		    "setting must be %d characters or fewer", VAL_SETTING_MAX);
}

static void
val_issued(const struct val_final *v, struct verrs *e)
{
	char	day[DATE_WORDS_LEN];

	if (!real(v->issued))
		verrs_add(e, VF_FINAL_ISSUED, "The date the final plan is "
		    "issued must be a real date");
	else if (real(v->today) && strcmp(v->issued, v->today) > 0)
		verrs_add(e, VF_FINAL_ISSUED, "The date the final plan is "
		    "issued must be today or in the past");
	else if (real(v->received) && strcmp(v->issued, v->received) < 0)
		verrs_add(e, VF_FINAL_ISSUED, "The date the final plan is "
		    "issued must be the same as or after the day the request "
		    "was received");
	else if (!real(v->served))
		verrs_add(e, VF_FINAL_ISSUED, "Serve the draft plan on the "
		    "family before you issue the final plan");
	else if (strcmp(v->issued, v->served) <= 0) {
		(void)date_words(v->served, day, sizeof(day));
		verrs_add(e, VF_FINAL_ISSUED, "The date the final plan is "
		    "issued must be after the day the draft plan was served "
		    "(%s)", day);
	} else if (real(v->comments_due) && !given(v->responded) &&
	    strcmp(v->issued, v->comments_due) <= 0) {
		(void)date_words(v->comments_due, day, sizeof(day));
		verrs_add(e, VF_FINAL_ISSUED, "The family have until %s to "
		    "comment on the draft plan. Issue the final plan after "
		    "that day, or once they have responded", day);
	}
}

size_t
val_final(const struct val_final *v, struct verrs *e)
{
	size_t	n = e->n;

	val_setting(v, e);
	val_issued(v, e);
	return (e->n - n);
}

char *
final_span(long days, char *out, size_t n)
{
	long	w = days / 7, d = days % 7;

	if (w == 0)
		(void)snprintf(out, n, "%ld day%s", d, d == 1 ? "" : "s");
	else if (d == 0)
		(void)snprintf(out, n, "%ld week%s", w, w == 1 ? "" : "s");
	else
		(void)snprintf(out, n, "%ld week%s and %ld day%s", w,
		    w == 1 ? "" : "s", d, d == 1 ? "" : "s");
	return (out);
}

char *
final_words(const struct final_timing *t, char *out, size_t n)
{
	char	after[48], late[48];

	(void)final_span(t->days, after, sizeof(after));
	if (t->within_20_weeks)
		(void)snprintf(out, n, "Issued %s after the request was "
		    "received: within 20 weeks", after);
	else
		(void)snprintf(out, n, "Issued %s after the request was "
		    "received: %s late", after, final_span(t->days_late, late,
		    sizeof(late)));
	return (out);
}
