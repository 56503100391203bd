/*
 * mailer — delivers the outbox. Each message is claimed with FOR UPDATE
 * SKIP LOCKED and a 10-minute lease (CS_OUTBOX_CLAIM), so any number of
 * senders on any number of nodes never hold the same row; it is marked
 * sent only after the relay accepted it. A failure backs it off
 * exponentially (at most an hour) and never drops it, unless the relay
 * refused it for good (a 5xx to its address or its content): then it is
 * marked failed, never retried, and the caseworker of the case it was
 * about is told in the portal, so that the address gets checked. What it
 * prints names the outbox row, never the address (personal data: it is
 * in the row). The one window for a duplicate is a crash between the relay's "250" and the mark: the
 * message then goes again after its lease, with the same Message-ID.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chaser.h"
#include "chase_sql.h"

static const char digest_intro[] =
    "You asked for one summary a day instead of a mail for each event.\n"
    "Since the last summary the EHC Advice Portal has sent you these "
    "messages (sign in to see the details):\n\n";

/* The portal's notification to the caseworker when mail about their case
 * could not be delivered (the SQL fills in the reference and address). */
static const char undeliverable[] =
    "An email about {{reference}} to {{address}} could not be delivered: "
    "the receiving mail server refused it. Check the address.";

static void	say(void (*)(void *, const char *), void *, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
static const char *why(const char *);

/* For the log: a relay's reply is cut to its code (its text may quote the
 * address); the sender's own reasons name no recipient and stay whole. */
static const char *
why(const char *err)
{
	static char	code[32];

	if (strncmp(err, "relay: ", 7) != 0)
		return (err);
	(void)snprintf(code, sizeof(code), "the relay answered %.3s", err + 7);
	return (code);
}

static void
say(void (*report)(void *, const char *), void *arg, const char *fmt, ...)
{
	va_list	ap;
	char	line[512];

	if (report == NULL)
		return;
	va_start(ap, fmt);
	(void)vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	report(arg, line);
}

long
mailer_send(const struct smtp_relay *r, int max,
    void (*report)(void *, const char *), void *arg)
{
	PGresult	*res, *up;
	const char	*id, *domain;
	char		 lim[16], msgid[320], err[256];
	long		 sent = 0;
	int		 i, rc, failed = 0;

	(void)snprintf(lim, sizeof(lim), "%d", max);
	if ((res = db_qd(&chase_stmts[CS_OUTBOX_CLAIM], lim)) == NULL)
		return (-1);
	domain = strchr(r->from, '@') + 1;
	for (i = 0; i < db_rows(res); i++) {
		id = db_val(res, i, 0);
		if (failed) {
			up = db_qd(&chase_stmts[CS_OUTBOX_RETRY], id, err);
			PQclear(up);
			continue;
		}
		(void)snprintf(msgid, sizeof(msgid), "<outbox-%s@%s>", id, domain);
		rc = smtp_send(r, db_val(res, i, 1), db_val(res, i, 2),
		    db_val(res, i, 3), msgid, err, sizeof(err));
		if (rc == 0) {
			up = db_qd(&chase_stmts[CS_OUTBOX_SENT], id);
			say(report, arg, "sent mail %s", id);
			sent++;
		} else if (rc == SMTP_NEVER) {
			up = db_qd(&chase_stmts[CS_OUTBOX_FAILED], id, err,
			    undeliverable);
			say(report, arg, "mail %s refused for good (%s); "
			    "not retried%s", id, why(err),
			    up != NULL && db_rows(up) > 0 ?
			    "; the caseworker of its case is told" : "");
		} else {
			up = db_qd(&chase_stmts[CS_OUTBOX_RETRY], id, err);
			say(report, arg, "mail %s not sent (attempt %s): %s; "
			    "it will be retried", id, db_val(res, i, 4), why(err));
			/* Only a relay that failed holds back the rest. */
			failed = rc != SMTP_DEFER;
		}
		PQclear(up);
	}
	PQclear(res);
	return (sent);
}

long
mailer_digest(void (*report)(void *, const char *), void *arg)
{
	PGresult	*res;
	long		 n;
	int		 i;

	if ((res = db_qd(&chase_stmts[CS_OUTBOX_DIGEST], digest_intro)) == NULL)
		return (-1);
	for (i = 0; i < db_rows(res); i++)
		say(report, arg, "queued digest mail %s", db_val(res, i, 0));
	n = db_rows(res);
	PQclear(res);
	return (n);
}
