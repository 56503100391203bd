/*
 * chase — the chase schedule, read from configuration (conf/chase.conf),
 * and which step falls due on a given day. Pure: no Kore headers, no
 * database. The chaser (chaser.c) turns the answer into SQL parameters.
 *
 * One step per line:   TARGET  OFFSET  RECIPIENTS  STEP
 *   TARGET      advice | draft_comment | consultation
 *   OFFSET      days from the due date: -14 (before), 0 (the day), +7
 *               (after); "+14/7" is day +14 and every 7 days after it
 *   RECIPIENTS  comma-separated roles: professional, service_lead,
 *               caseworker, parent, school_responder; advice goes to
 *               professional, service_lead, caseworker; draft_comment to
 *               parent, caseworker; consultation to school_responder,
 *               caseworker (others are refused)
 *   STEP        [a-z0-9_]{1,31}; its mail is templates/mail/STEP.txt
 * and two settings:
 *   catch_up N  a step missed (no pass ran on its day) is still sent up
 *               to N days late, unless a later step has come due (0–30)
 *   horizon N   repeats stop N days after the due date (1–1000)
 * "#" starts a comment.
 */
#ifndef PORTAL_CHASE_H
#define PORTAL_CHASE_H

#include <stddef.h>

/* What is chased (the TARGET of a step), by the order of the pass. */
enum chase_target {
	CHASE_ADVICE,		/* an advice request, until submitted */
	CHASE_DRAFT_COMMENT,	/* a draft plan served, until the parents respond */
	CHASE_CONSULTATION,	/* a setting consulted, until it answers */
	CHASE_T__MAX
};

enum chase_recipient {
	CHASE_PROFESSIONAL,	/* unallocated: the service's leads instead */
	CHASE_SERVICE_LEAD,
	CHASE_CASEWORKER,
	CHASE_PARENT,
	CHASE_SCHOOL_RESPONDER,
	CHASE_R__MAX
};
#define CHASE_BIT(r)	(1u << (r))

#define CHASE_NAME_MAX	32

struct chase_step {
	char		 target[24];
	int		 offset;	/* days from the due date */
	int		 every;		/* 0, or repeat every N days */
	unsigned int	 recipients;	/* CHASE_BIT()s */
	char		 name[CHASE_NAME_MAX];
	int		 line;		/* in the configuration */
};

struct chase_schedule {
	struct chase_step	*steps;
	size_t			 nsteps;
	int			 catch_up;
	int			 horizon;
};

/* A due date whose target has a step due today, and that step. */
struct chase_probe {
	long			 due_day;	/* day numbers (clock.h) */
	long			 step_day;
	const struct chase_step	*step;
};

/*
 * Parses text (len bytes, need not be NUL-terminated). 0 ok; -1 with
 * "line N: problem" in err and the schedule empty. Free with chase_free.
 */
int	chase_parse(struct chase_schedule *, const char *, size_t, char *, size_t);
/* The same from a file. */
int	chase_load(struct chase_schedule *, const char *, char *, size_t);
void	chase_free(struct chase_schedule *);

/*
 * The step of target due on day today for a target due on day due, or
 * NULL: the latest step occurrence on or before today, if it is at most
 * catch_up days old and within the horizon. *step_day gets its day.
 * Ties on one day go to the step listed first.
 */
const struct chase_step	*chase_due(const struct chase_schedule *,
			    const char *, long, long, long *);

/*
 * Every due date with a step of target due on today, at most max of them.
 * Returns how many, or -1 if there would be more than max.
 */
long	chase_probes(const struct chase_schedule *, const char *, long,
	    struct chase_probe *, size_t);

/* 1 if a target in this status is still chased (not submitted, accepted,
 * declined or withdrawn): vocab_status_open (vocab.h). */
int	chase_status_open(const char *);

const char	*chase_recipient_name(enum chase_recipient);
/* "advice", "draft_comment", "consultation"; "" out of range. */
const char	*chase_target_name(enum chase_target);

/*
 * A mail template: "Subject: …" on the first line, a blank line, the body.
 * Placeholders: {{reference}} {{link}} {{due_on}} {{days}} {{recipient}};
 * no other is allowed (so no template can name the child or quote advice).
 * 0 ok with *subject and *body allocated (caller frees), -1 with err.
 */
int	chase_mail_parse(const char *, char **, char **, char *, size_t);

#endif
