/*
 * chase_timer — the portal chases by itself: every worker runs a chase
 * pass on a timer (PORTAL_CHASE_SECONDS, default 60; 0 turns it off).
 * Passes on several workers or nodes at once are safe: each step is
 * logged once per recipient by the database's unique key (chaser.c).
 * Mail is delivered by `portalctl send-mail`, a process of its own.
 */
#include <stdlib.h>

#include "extern.h"
#include "chaser.h"
#include "config.h"

#define CHASE_SECONDS	60

struct chaser	 portal_chaser;

static void	chase_tick(void *, u_int64_t);
static void	chase_log_line(void *, const char *);

/* Parent, at start-up: the schedule and mail templates, or the reason. */
int
chase_configure(char *err, size_t errlen)
{
	return (chaser_init(&portal_chaser, cfg.root, err, errlen));
}

static void
chase_log_line(void *arg, const char *line)
{
	(void)arg;
	kore_log(LOG_INFO, "chase: %s", line);
}

static void
chase_tick(void *arg, u_int64_t now)
{
	char	today[11];

	(void)arg;
	(void)now;
	config_today(today);
	if (chaser_pass(&portal_chaser, today, chase_log_line, NULL) == -1)
		kore_log(LOG_ERR, "chase: the pass failed; the next one retries");
}

/* Each worker. */
void
chase_timer_start(void)
{
	const char	*s = getenv("PORTAL_CHASE_SECONDS");
	char		*end;
	long		 secs = CHASE_SECONDS;

	if (s != NULL && *s != '\0') {
		secs = strtol(s, &end, 10);
		if (*end != '\0' || secs < 0 || secs > 86400) {
			kore_log(LOG_ERR, "PORTAL_CHASE_SECONDS must be 0 to 86400; "
			    "using %d", CHASE_SECONDS);
			secs = CHASE_SECONDS;
		}
	}
	if (secs > 0)
		(void)kore_timer_add(chase_tick, (u_int64_t)secs * 1000, NULL, 0);
}
