/*
 * chaser — the chase pass, the outbox sender and its SMTP client. No Kore
 * headers (libpq through db.h): portalctl runs them, and so does the
 * portal's timer (chase_timer.c).
 */
#ifndef PORTAL_CHASER_H
#define PORTAL_CHASER_H

#include "chase.h"

/* Mail sent on an event rather than by the schedule (decline…). */
enum chase_event {
	CHASE_EV_DECLINED,
	CHASE_EV_INVITATION,	/* a parent or carer named on an assessment */
	CHASE_EV_PASSWORD_RESET,	/* a code to choose a new password */
	CHASE_EV_PASSWORD_CHANGED,	/* the owner is told it was changed */
	CHASE_EV_VIEWS_ASKED,	/* a parent's views are asked for (reg 6(1)(a)) */
	CHASE_EV_STAFF_INVITATION,	/* a staff account an administrator made */
	CHASE_EV_DRAFT_ISSUED,	/* the draft plan served on the family */
	CHASE_EV_CONSULTATION_SENT,	/* a setting is consulted (s.39 CFA) */
	CHASE_EV_CONSULTATION_ANSWERED,	/* the setting answered: the caseworker */
	CHASE_EV_FINAL_PARENT,	/* the final plan issued: the family */
	CHASE_EV_FINAL_SETTING,	/* … and the setting it names */
	CHASE_EV__MAX
};

struct chaser {
	struct chase_schedule	 schedule;
	char			**subjects;	/* per schedule step */
	char			**bodies;
	char			*ev_subjects[CHASE_EV__MAX];
	char			*ev_bodies[CHASE_EV__MAX];
	char			 base_url[256];	/* PORTAL_BASE_URL, no trailing / */
};

/*
 * Reads ROOT/conf/chase.conf and ROOT/templates/mail/STEP.txt for every
 * step and event; the base URL from PORTAL_BASE_URL (default
 * http://127.0.0.1:8888). 0 ok; -1 with "file:line: problem" in err.
 * Free with chaser_free.
 */
int	chaser_init(struct chaser *, const char *, char *, size_t);
void	chaser_free(struct chaser *);

/*
 * One chase pass for today (YYYY-MM-DD), in one transaction: every step
 * due is logged once per recipient, with a mail queued in the outbox and
 * a notification. report(arg, line) is called for each queued mail.
 * Returns how many were queued, or -1 if the database refused (nothing
 * was queued).
 */
long	chaser_pass(const struct chaser *, const char *,
	    void (*)(void *, const char *), void *);

/* The pass's query plan for today, run (EXPLAIN ANALYZE) and rolled
 * back: nothing is queued. One line of the plan per report. 0 ok. */
int	chaser_explain(const struct chaser *, const char *,
	    void (*)(void *, const char *), void *);

/* The relay of PORTAL_SMTP ("smtp://host:port") and the From address. */
struct smtp_relay {
	char	host[128];
	char	port[8];
	char	from[256];
	int	timeout;	/* seconds per read, write or connect */
};

/* Parses "smtp://host:port"; 0 ok, -1 malformed. */
int	smtp_relay_parse(struct smtp_relay *, const char *, const char *);

/*
 * Sends one message (HELO, MAIL FROM, RCPT TO, DATA with dot-stuffing
 * and CRLF line ends, QUIT). msgid makes a retried message recognisable
 * as the same one. 0 accepted by the relay; SMTP_LATER (the relay is
 * down or failed: try again, and the rest later too), SMTP_DEFER (it
 * answered 4xx to this recipient or this message: try this one again)
 * or SMTP_NEVER (it refused this recipient or this message for good with
 * a 5xx, or the address is malformed: retrying cannot help), with the
 * reason in err.
 */
#define SMTP_LATER	(-1)
#define SMTP_NEVER	(-2)
#define SMTP_DEFER	(-3)

int	smtp_send(const struct smtp_relay *, const char *to, const char *subject,
	    const char *body, const char *msgid, char *err, size_t errlen);

/*
 * Sends up to max queued messages from the outbox. Each is claimed
 * (SKIP LOCKED, with a lease), sent, then marked sent. SMTP_LATER backs
 * it off and stops the batch (the relay is likely down); SMTP_DEFER
 * backs off this one only; SMTP_NEVER
 * marks it failed, tells the caseworker of its case in the portal, and
 * goes on with the next. Returns the
 * number sent, or -1 if the database could not be reached. report(arg,
 * line) says what happened to each.
 */
long	mailer_send(const struct smtp_relay *, int,
	    void (*)(void *, const char *), void *);

/* Gathers held mail into one digest per address; the count, or -1. */
long	mailer_digest(void (*)(void *, const char *), void *);

#endif
