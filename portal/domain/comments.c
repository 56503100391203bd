/*
 * comments — see comments.h.
 */
#include <stdio.h>
#include <string.h>

#include "checks.h"
#include "clock.h"
#include "comments.h"
#include "datefmt.h"
#include "esc.h"
#include "plan_dates.h"

int
comment_window_words(const char *served, const char *today,
    enum window_reader who, char *out, size_t n)
{
	struct comment_window	 w;
	char			 last[DATE_WORDS_LEN];
	int			 closed, len;

	if (comment_window(served, &w) == -1 || date_day(today) == -1 ||
	    date_words_weekday(w.last_day, last, sizeof(last)) == -1)
		return (-1);
	closed = comment_late(served, today) == 1;
	if (!closed)
		len = snprintf(out, n, "%s until %s to comment (%d days)",
		    who == WINDOW_FAMILY ? "You have" : "The family has",
		    last, COMMENT_WINDOW_DAYS);
	else if (who == WINDOW_FAMILY)
		len = snprintf(out, n, "The %d days to comment ended on %s. "
		    "You can still send comments: they will be marked as late, "
		    "but the council will still read them.",
		    COMMENT_WINDOW_DAYS, last);
	else
		len = snprintf(out, n, "The family's %d days to comment ended "
		    "on %s. Comments they send now are marked late.",
		    COMMENT_WINDOW_DAYS, last);
	if (len < 0 || (size_t)len >= n)
		return (-1);
	return (closed);
}

const char *
served_refusal(const char *served, const char *received, const char *today)
{
	if (served == NULL || date_day(served) == -1)
		return ("The day the draft was served must be a real date");
	if (today != NULL && date_day(today) != -1 && strcmp(served, today) > 0)
		return ("The day the draft was served must be today or in the past");
	if (received != NULL && date_day(received) != -1 &&
	    strcmp(served, received) < 0)
		return ("The day the draft was served must be the same as or "
		    "after the day the request for assessment was received");
	return (NULL);
}

int
draft_serve_by(const char *received, char out[DATE_LEN])
{
	return (date_add(received, 20 * 7 - COMMENT_WINDOW_DAYS, out));
}

const char *
comment_refusal(const char *body)
{
	if (body == NULL || blank(body))
		return ("Enter your comment on this section");
	if (utf8_length(body) > COMMENT_BODY_MAX)
		return ("Your comment must be 10,000 characters or fewer");
	return (NULL);
}

const char *
setting_refusal(const char *chosen, const char *typed)
{
	int	has_chosen = chosen != NULL && !blank(chosen);
	int	has_typed = typed != NULL && !blank(typed);

	if (!has_chosen && !has_typed)
		return ("Select a school or setting, or type its name");
	if (has_chosen && has_typed)
		return ("Select a school or setting from the list, or type its "
		    "name, not both");
	if (has_typed && utf8_length(typed) > REQUEST_SETTING_MAX)
		return ("The name of the school or setting must be 200 "
		    "characters or fewer");
	return (NULL);
}

const char *
detail_refusal(const char *detail)
{
	if (detail != NULL && utf8_length(detail) > REQUEST_DETAIL_MAX)
		return ("What you write must be 5,000 characters or fewer");
	return (NULL);
}
