/*
 * portalctl chase / send-mail / send-digest: the chase pass and the
 * outbox sender from the command line.
 *
 *   portalctl chase --once [--today YYYY-MM-DD] [--explain]
 *   portalctl send-mail [--once] [--max N]   (PORTAL_SMTP, PORTAL_MAIL_FROM)
 *   portalctl send-digest                    (daily, e.g. from cron)
 *
 * The sender runs as its own process (a service next to the portal, or
 * several: claims never overlap), so a slow or absent relay never holds
 * up a portal worker, and the workers' seccomp filter needs nothing new.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "chaser.h"
#include "clock.h"
#include "config.h"
#include "portalctl.h"

#define SEND_MAX	50
#define SEND_EVERY	10	/* seconds between batches of the service */

static int	today_for(const char *, char[DATE_LEN]);
static void	print_line(void *, const char *);

static void
print_line(void *arg, const char *line)
{
	(void)arg;
	printf("%s\n", line);
}

/* --today, else PORTAL_TODAY, else the UTC date; neither in production. */
static int
today_for(const char *given, char out[DATE_LEN])
{
	const char	*mode = getenv("PORTAL_MODE"), *env = getenv("PORTAL_TODAY");
	int		 production = mode != NULL && strcmp(mode, "production") == 0;

	memset(cfg.today, 0, sizeof(cfg.today));
	if (given == NULL && env != NULL && *env != '\0')
		given = env;
	if (given != NULL && production) {
		fprintf(stderr, "portalctl: --today and PORTAL_TODAY are refused "
		    "in production mode\n");
		return (-1);
	}
	if (given != NULL && date_day(given) == -1) {
		fprintf(stderr, "portalctl: today must be a real date, YYYY-MM-DD\n");
		return (-1);
	}
	if (given != NULL)
		memcpy(cfg.today, given, DATE_LEN);
	config_today(out);
	return (0);
}

int
cmd_chase(int argc, char **argv)
{
	struct chaser	 ch;
	const char	*root, *given = NULL;
	char		 today[DATE_LEN], err[512];
	long		 n;
	int		 i, once = 0, explain = 0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--once") == 0)
			once = 1;
		else if (strcmp(argv[i], "--explain") == 0)
			explain = 1;
		else if (strcmp(argv[i], "--today") == 0 && i + 1 < argc)
			given = argv[++i];
		else
			return (ctl_usage());
	}
	if (!once)
		return (ctl_usage());
	if (today_for(given, today) == -1)
		return (1);
	if ((root = getenv("PORTAL_ROOT")) == NULL || *root == '\0')
		root = ".";
	if (chaser_init(&ch, root, err, sizeof(err)) == -1) {
		fprintf(stderr, "portalctl: %s\n", err);
		return (1);
	}
	if (explain) {
		n = chaser_explain(&ch, today, print_line, NULL);
		chaser_free(&ch);
		return (n == 0 ? 0 : 1);
	}
	n = chaser_pass(&ch, today, print_line, NULL);
	chaser_free(&ch);
	if (n == -1) {
		fprintf(stderr, "portalctl: the chase pass failed; nothing was queued\n");
		return (1);
	}
	printf("chase %s: %ld message%s queued\n", today, n, n == 1 ? "" : "s");
	return (0);
}

int
cmd_send_mail(int argc, char **argv)
{
	struct smtp_relay	 relay;
	const char		*from;
	long			 n;
	int			 i, once = 0, max = SEND_MAX;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--once") == 0)
			once = 1;
		else if (strcmp(argv[i], "--max") == 0 && i + 1 < argc &&
		    (max = atoi(argv[++i])) >= 1 && max <= 1000)
			continue;
		else
			return (ctl_usage());
	}
	if ((from = getenv("PORTAL_MAIL_FROM")) == NULL || *from == '\0')
		from = "ehc-portal@localhost.localdomain";
	if (smtp_relay_parse(&relay, getenv("PORTAL_SMTP"), from) == -1) {
		fprintf(stderr, "portalctl: set PORTAL_SMTP to smtp://HOST:PORT and "
		    "PORTAL_MAIL_FROM to an address\n");
		return (1);
	}
	do {
		while ((n = mailer_send(&relay, max, print_line, NULL)) == max)
			continue;
		if (n == -1)
			fprintf(stderr, "portalctl: the database is not reachable\n");
		fflush(stdout);
		if (!once)
			sleep(SEND_EVERY);
	} while (!once);
	return (n == -1 ? 1 : 0);
}

int
cmd_send_digest(int argc, char **argv)
{
	long	n;

	(void)argv;
	if (argc != 1)
		return (ctl_usage());
	if ((n = mailer_digest(print_line, NULL)) == -1)
		return (1);
	printf("%ld digest%s queued\n", n, n == 1 ? "" : "s");
	return (0);
}
