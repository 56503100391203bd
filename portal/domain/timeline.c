/*
 * timeline — see timeline.h. Every sentence is built here, once, so the
 * Check tests read what the family reads.
 */
#include <stdio.h>
#include <string.h>

#include "clock.h"
#include "datefmt.h"
#include "plan_dates.h"
#include "timeline.h"

static void	entry(struct tl_entry *, enum tl_state, const char *);
static void	due_by(struct tl_entry *, const char *, const char *);

static const char *
plural(long n)
{
	return (n == 1 ? "" : "s");
}

static int
blank(const char *s)
{
	return (s == NULL || *s == '\0');
}

static void
entry(struct tl_entry *e, enum tl_state s, const char *title)
{
	memset(e, 0, sizeof(*e));
	e->state = s;
	(void)snprintf(e->title, sizeof(e->title), "%s", title);
}

/* "Due by Monday 3 March 2027", late if that has passed on today (today
 * NULL: never late). */
static void
due_by(struct tl_entry *e, const char *due, const char *today)
{
	char	w[DATE_WORDS_LEN];
	long	late;

	(void)date_words_weekday(due, w, sizeof(w));
	late = today != NULL ? days_between(due, today) : 0;
	if (late > 0 && e->state == TL_DUE) {
		e->state = TL_LATE;
		e->late = 1;
		(void)snprintf(e->late_since, sizeof(e->late_since), "%s",
		    today);
		(void)snprintf(e->due, sizeof(e->due), "Due by %s: %ld day%s "
		    "late", w, late, plural(late));
	} else
		(void)snprintf(e->due, sizeof(e->due), "Due by %s", w);
}

/* A step done on done against due: "On time" or "N days late". */
static void
timed(struct tl_entry *e, const char *due, const char *done)
{
	struct step_timing	t;

	if (step_timing(due, done, &t) == -1)
		return;
	if (t.on_time) {
		(void)snprintf(e->timing, sizeof(e->timing), "On time");
		return;
	}
	e->late = 1;
	(void)snprintf(e->late_since, sizeof(e->late_since), "%s", done);
	(void)snprintf(e->timing, sizeof(e->timing), "%ld day%s late",
	    t.days_late, plural(t.days_late));
}

/* Appends sentence to e's text. */
static void
append(struct tl_entry *e, const char *sentence)
{
	size_t	len = strlen(e->text);

	(void)snprintf(e->text + len, sizeof(e->text) - len, "%s%s",
	    len > 0 ? " " : "", sentence);
}

void
tl_timing(const char *due, const char *done, char *out, size_t n)
{
	long	d;

	if (n == 0)
		return;
	out[0] = '\0';
	if (due == NULL || done == NULL || date_day(due) < 0 ||
	    date_day(done) < 0)
		return;
	d = days_between(done, due);
	if (d == 0)
		(void)snprintf(out, n, " \u2014 on the day of the deadline");
	else if (d > 0)
		(void)snprintf(out, n, " \u2014 %ld day%s before the deadline", d,
		    plural(d));
	else
		(void)snprintf(out, n, " \u2014 %ld day%s after the deadline", -d,
		    plural(-d));
}

void
tl_received(const char *received, struct tl_entry *e)
{
	char	w[DATE_WORDS_LEN];

	entry(e, TL_DONE, "Request for an assessment");
	(void)date_words(received, w, sizeof(w));
	(void)snprintf(e->text, sizeof(e->text), "We received the request "
	    "for an education, health and care needs assessment on %s.", w);
}

void
tl_decision(const char *received, const char *outcome, const char *decided_on,
    const char *today, struct tl_entry *e)
{
	struct statutory	st;
	char			w[DATE_WORDS_LEN], t[80];

	entry(e, TL_DUE, "Decision whether to carry out an assessment");
	if (statutory_dates(received, &st) == -1)
		return;
	if (blank(outcome) || blank(decided_on)) {
		(void)snprintf(e->text, sizeof(e->text), "We have not decided "
		    "yet whether to carry out an assessment.");
		due_by(e, st.decision_due, today);
		return;
	}
	e->state = TL_DONE;
	(void)date_words(decided_on, w, sizeof(w));
	tl_timing(st.decision_due, decided_on, t, sizeof(t));
	(void)snprintf(e->text, sizeof(e->text), "We decided %s an assessment "
	    "on %s%s.", strcmp(outcome, "no") == 0 ? "not to carry out" :
	    "to carry out", w, t);
	due_by(e, st.decision_due, NULL);
	timed(e, st.decision_due, decided_on);
}

void
tl_plan_decision(const char *received, const char *outcome,
    const char *decided_on, const char *served, int ended, struct tl_entry *e)
{
	struct statutory	st;
	char			w[DATE_WORDS_LEN], t[80];

	entry(e, TL_DUE, "Decision whether to write a plan");
	if (statutory_dates(received, &st) == -1)
		return;
	if (!blank(outcome) && !blank(decided_on)) {
		e->state = TL_DONE;
		(void)date_words(decided_on, w, sizeof(w));
		if (strcmp(outcome, "no") != 0) {
			(void)snprintf(e->text, sizeof(e->text), "We decided to "
			    "write a plan on %s.", w);
			return;
		}
		tl_timing(st.no_plan_due, decided_on, t, sizeof(t));
		(void)snprintf(e->text, sizeof(e->text), "We decided not to "
		    "write a plan on %s%s.", w, t);
		due_by(e, st.no_plan_due, NULL);
		timed(e, st.no_plan_due, decided_on);
		return;
	}
	if (!blank(served)) {
		e->state = TL_DONE;
		(void)snprintf(e->text, sizeof(e->text), "We decided to write a "
		    "plan.");
		return;
	}
	if (ended) {
		e->state = TL_NOT_NEEDED;
		(void)snprintf(e->text, sizeof(e->text), "Not needed: the "
		    "assessment has ended.");
		return;
	}
	(void)date_words_weekday(st.no_plan_due, w, sizeof(w));
	(void)snprintf(e->text, sizeof(e->text), "When the advice is in, we "
	    "decide whether to write a plan. If we decide not to write a plan, "
	    "we tell you by %s and explain why.", w);
}

/* What the family reads of a request's status, beyond arrived or not. */
static const struct {
	const char	*status;
	const char	*sentence;
} statuses[] = {
	{ "draft", "It is being written." },
	{ "submitted", "The council is reading it: you can read it here once "
	    "the council has accepted it." },
	{ "returned", "The council asked a question about it." },
};

void
tl_advice_status(const char *status, struct tl_entry *e)
{
	size_t	i;

	if (status == NULL || e->state == TL_NOT_NEEDED)
		return;
	for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (strcmp(statuses[i].status, status) == 0)
			append(e, statuses[i].sentence);
}

void
tl_advice_explain(struct tl_entry *e)
{
	append(e, "Each adviser has 6 weeks to give it, and you can read it "
	    "here once the council has accepted it.");
}

void
tl_advice(const char *kind, const char *organisation, const char *requested,
    const char *due, const char *arrived, int gone, const char *today,
    struct tl_entry *e)
{
	char	w[DATE_WORDS_LEN], a[DATE_WORDS_LEN], t[80];

	entry(e, TL_DUE, "");
	(void)snprintf(e->title, sizeof(e->title), "%s from %s", kind,
	    organisation);
	(void)date_words(requested, w, sizeof(w));
	if (gone) {
		e->state = TL_NOT_NEEDED;
		(void)snprintf(e->text, sizeof(e->text), "We asked for this "
		    "advice on %s. It is no longer expected from this "
		    "service.", w);
		return;
	}
	if (!blank(arrived)) {
		e->state = TL_DONE;
		(void)date_words(arrived, a, sizeof(a));
		tl_timing(due, arrived, t, sizeof(t));
		(void)snprintf(e->text, sizeof(e->text), "We asked for this "
		    "advice on %s. It arrived on %s%s.", w, a, t);
		due_by(e, due, NULL);
		return;
	}
	(void)snprintf(e->text, sizeof(e->text), "We asked for this advice on "
	    "%s. It has not arrived yet.", w);
	due_by(e, due, today);
}

void
tl_draft(const char *served, int ended, struct tl_entry *e)
{
	char	w[DATE_WORDS_LEN];

	entry(e, TL_DUE, "Draft plan");
	if (!blank(served)) {
		e->state = TL_DONE;
		(void)date_words(served, w, sizeof(w));
		(void)snprintf(e->text, sizeof(e->text), "We sent you the "
		    "draft plan on %s.", w);
		return;
	}
	if (ended) {
		e->state = TL_NOT_NEEDED;
		(void)snprintf(e->text, sizeof(e->text), "Not needed: the "
		    "assessment has ended.");
		return;
	}
	/* The final plan's step gives the date: said once. */
	(void)snprintf(e->text, sizeof(e->text), "If we decide to write a "
	    "plan, we send you a draft first, before the final plan.");
}

void
tl_comments(const char *served, int ended, const char *today,
    struct tl_entry *e)
{
	struct comment_window	cw;
	char			w[DATE_WORDS_LEN];

	entry(e, TL_DUE, "Your comments on the draft");
	if (blank(served) || comment_window(served, &cw) == -1) {
		if (ended) {
			e->state = TL_NOT_NEEDED;
			(void)snprintf(e->text, sizeof(e->text), "Not needed: "
			    "the assessment has ended.");
		} else
			(void)snprintf(e->text, sizeof(e->text), "You will have "
			    "at least 15 days to comment on the draft and to "
			    "ask for a school or college to be named, beginning "
			    "with the day we send it.");
		return;
	}
	(void)date_words_weekday(cw.last_day, w, sizeof(w));
	if (today != NULL && comment_late(served, today) == 1) {
		e->state = TL_DONE;
		(void)snprintf(e->text, sizeof(e->text), "Your 15 days to "
		    "comment ended on %s.", w);
		return;
	}
	(void)snprintf(e->text, sizeof(e->text), "You can comment on the "
	    "draft until %s: 15 days, beginning with the day we sent it.", w);
	(void)snprintf(e->due, sizeof(e->due), "Last day %s", w);
}

void
tl_final(const char *received, const char *issued, int ended,
    const char *today, struct tl_entry *e)
{
	struct final_timing	ft;
	struct statutory	st;
	char			w[DATE_WORDS_LEN];

	entry(e, TL_DUE, "Final plan");
	if (statutory_dates(received, &st) == -1)
		return;
	if (!blank(issued) && final_timing(received, issued, &ft) == 0) {
		e->state = TL_DONE;
		(void)date_words(issued, w, sizeof(w));
		if (ft.within_20_weeks)
			(void)snprintf(e->text, sizeof(e->text), "We issued the "
			    "final plan on %s, within 20 weeks of the request.",
			    w);
		else
			(void)snprintf(e->text, sizeof(e->text), "We issued the "
			    "final plan on %s, %ld day%s after the deadline.",
			    w, ft.days_late, plural(ft.days_late));
		due_by(e, st.final_due, NULL);
		timed(e, st.final_due, issued);
		return;
	}
	if (ended) {
		e->state = TL_NOT_NEEDED;
		(void)snprintf(e->text, sizeof(e->text), "Not needed: the "
		    "assessment has ended.");
		return;
	}
	(void)snprintf(e->text, sizeof(e->text), "If we write a plan, the "
	    "final plan is due within 20 weeks of the request.");
	due_by(e, st.final_due, today);
}
