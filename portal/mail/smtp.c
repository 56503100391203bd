/*
 * smtp — a minimal SMTP client (RFC 5321) for the outbox sender: plain
 * SMTP to a relay on loopback or a trusted network (the relay does TLS
 * and onward delivery). One connection per message: HELO, MAIL FROM,
 * RCPT TO, DATA, QUIT. Pure: no Kore headers.
 */
#include <sys/types.h>
#include <sys/socket.h>
#include <sys/time.h>

#include <netdb.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "chaser.h"
#include "checks.h"
#include "sbuf.h"

static int	dial(const struct smtp_relay *, char *, size_t);
static int	send_all(int, const char *, size_t);
static int	reply(int, int, char *, size_t);
static int	command(int, const char *, int, char *, size_t);
static int	verdict(int, const char *);
static void	header_subject(struct sbuf *, const char *);
static void	message(struct sbuf *, const struct smtp_relay *, const char *,
		    const char *, const char *, const char *);

int
smtp_relay_parse(struct smtp_relay *r, const char *url, const char *from)
{
	const char	*host, *colon;
	size_t		 n;
	long		 port;
	char		*end;

	memset(r, 0, sizeof(*r));
	r->timeout = 10;
	if (url == NULL || strncmp(url, "smtp://", 7) != 0)
		return (-1);
	host = url + 7;
	if ((colon = strrchr(host, ':')) == NULL || (n = (size_t)(colon - host)) == 0 ||
	    n >= sizeof(r->host) || strspn(host, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") != n)
		return (-1);
	port = strtol(colon + 1, &end, 10);
	if (colon[1] == '\0' || *end != '\0' || port < 1 || port > 65535)
		return (-1);
	memcpy(r->host, host, n);
	(void)snprintf(r->port, sizeof(r->port), "%ld", port);
	if (from == NULL || !email_valid(from) ||
	    strpbrk(from, "<>\r\n") != NULL || strlen(from) >= sizeof(r->from))
		return (-1);
	(void)snprintf(r->from, sizeof(r->from), "%s", from);
	return (0);
}

/* A connected socket with read/write (and connect) timeouts, or -1. */
static int
dial(const struct smtp_relay *r, char *err, size_t errlen)
{
	struct addrinfo	 hints, *res, *ai;
	struct timeval	 tv;
	int		 fd = -1, rc;

	memset(&hints, 0, sizeof(hints));
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	if ((rc = getaddrinfo(r->host, r->port, &hints, &res)) != 0) {
		(void)snprintf(err, errlen, "relay address: %s", gai_strerror(rc));
		return (-1);
	}
	tv.tv_sec = r->timeout;
	tv.tv_usec = 0;
	for (ai = res; ai != NULL && fd == -1; ai = ai->ai_next) {
		if ((fd = socket(ai->ai_family, ai->ai_socktype,
		    ai->ai_protocol)) == -1)
			continue;
		/* On Linux SO_SNDTIMEO bounds connect() too. */
		if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == -1 ||
		    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)) == -1 ||
		    connect(fd, ai->ai_addr, ai->ai_addrlen) == -1) {
			close(fd);
			fd = -1;
		}
	}
	freeaddrinfo(res);
	if (fd == -1)
		(void)snprintf(err, errlen, "cannot connect to the relay %s:%s",
		    r->host, r->port);
	return (fd);
}

static int
send_all(int fd, const char *p, size_t len)
{
	ssize_t	n;

	while (len > 0) {
		if ((n = send(fd, p, len, MSG_NOSIGNAL)) <= 0)
			return (-1);
		p += n;
		len -= (size_t)n;
	}
	return (0);
}

/*
 * Reads one reply (its continuation lines "250-…" too). 0 if its code is
 * expect; else SMTP_NEVER for a 5xx reply and SMTP_LATER for anything
 * else, with the reply's last line (or what failed) in err.
 */
static int
reply(int fd, int expect, char *err, size_t errlen)
{
	char	 line[1024];
	size_t	 n = 0;
	ssize_t	 got;
	char	 c;

	for (;;) {
		if ((got = recv(fd, &c, 1, 0)) != 1) {
			(void)snprintf(err, errlen, "the relay closed the "
			    "connection or timed out");
			return (-1);
		}
		if (c != '\n') {
			if (n < sizeof(line) - 1 && c != '\r')
				line[n++] = c;
			continue;
		}
		line[n] = '\0';
		if (n < 3 || (n > 3 && line[3] == '-')) {
			n = 0;
			continue;
		}
		if (atoi(line) == expect)
			return (0);
		(void)snprintf(err, errlen, "relay: %.200s", line);
		return (line[0] == '5' ? SMTP_NEVER : SMTP_LATER);
	}
}

static int
command(int fd, const char *line, int expect, char *err, size_t errlen)
{
	if (send_all(fd, line, strlen(line)) == -1) {
		(void)snprintf(err, errlen, "cannot write to the relay");
		return (SMTP_LATER);
	}
	return (reply(fd, expect, err, errlen));
}

/* The Subject header: as is if ASCII, else RFC 2047 base64. */
static void
header_subject(struct sbuf *m, const char *subject)
{
	const unsigned char	*p;
	char			 b64[1024];
	size_t			 n = strlen(subject);

	for (p = (const unsigned char *)subject; *p != '\0' && *p < 0x80; p++)
		continue;
	if (*p == '\0' || n > 600) {
		sbuf_printf(m, "Subject: %s\r\n", subject);
		return;
	}
	sodium_bin2base64(b64, sizeof(b64), (const unsigned char *)subject, n,
	    sodium_base64_VARIANT_ORIGINAL);
	sbuf_printf(m, "Subject: =?UTF-8?B?%s?=\r\n", b64);
}

/* The DATA content: headers, the body with CRLF line ends and
 * dot-stuffing (RFC 5321 4.5.2), and the final ".". */
static void
message(struct sbuf *m, const struct smtp_relay *r, const char *to,
    const char *subject, const char *body, const char *msgid)
{
	char		 date[64];
	time_t		 now = time(NULL);
	struct tm	 tm;
	const char	*p;

	if (gmtime_r(&now, &tm) == NULL ||
	    strftime(date, sizeof(date), "%a, %d %b %Y %H:%M:%S +0000", &tm) == 0)
		(void)snprintf(date, sizeof(date), "Thu, 01 Jan 1970 00:00:00 +0000");
	sbuf_printf(m, "From: EHC Advice Portal <%s>\r\nTo: <%s>\r\n", r->from, to);
	header_subject(m, subject);
	sbuf_printf(m, "Date: %s\r\nMessage-ID: %s\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=utf-8\r\n"
	    "Content-Transfer-Encoding: 8bit\r\n"
	    "Auto-Submitted: auto-generated\r\n\r\n", date, msgid);
	for (p = body; *p != '\0'; p++) {
		if ((p == body || p[-1] == '\n') && *p == '.')
			sbuf_append(m, ".", 1);
		if (*p == '\n')
			sbuf_append(m, "\r\n", 2);
		else if (*p != '\r')
			sbuf_append(m, p, 1);
	}
	if (m->len < 2 || m->data[m->len - 1] != '\n')
		sbuf_append(m, "\r\n", 2);
	sbuf_puts(m, ".\r\n");
}

/* The relay's answer about this recipient or message: a 4xx reply defers
 * this one only; no reply at all (a dropped connection) is the relay's. */
static int
verdict(int got, const char *err)
{
	if (got == SMTP_LATER && strncmp(err, "relay: 4", 8) == 0)
		return (SMTP_DEFER);
	return (got);
}

int
smtp_send(const struct smtp_relay *r, const char *to, const char *subject,
    const char *body, const char *msgid, char *err, size_t errlen)
{
	struct sbuf	 m;
	char		 line[600];
	int		 fd, got, rc = SMTP_LATER;

	if (!email_valid(to) || strpbrk(to, "<>\r\n") != NULL ||
	    strpbrk(subject, "\r\n") != NULL) {
		(void)snprintf(err, errlen, "refused: bad address or subject");
		return (SMTP_NEVER);
	}
	sbuf_init(&m);
	if ((fd = dial(r, err, errlen)) == -1)
		return (SMTP_LATER);
	/* A 5xx to HELO or MAIL FROM is about the portal's own settings,
	 * not this message: it is tried again once they are put right. */
	if (reply(fd, 220, err, errlen) != 0 ||
	    command(fd, "HELO ehc-portal\r\n", 250, err, errlen) != 0)
		goto done;
	(void)snprintf(line, sizeof(line), "MAIL FROM:<%s>\r\n", r->from);
	if (command(fd, line, 250, err, errlen) != 0)
		goto done;
	(void)snprintf(line, sizeof(line), "RCPT TO:<%s>\r\n", to);
	if ((got = command(fd, line, 250, err, errlen)) != 0) {
		rc = verdict(got, err);
		goto done;
	}
	if (command(fd, "DATA\r\n", 354, err, errlen) != 0)
		goto done;
	message(&m, r, to, subject, body, msgid);
	if (m.oom) {
		(void)snprintf(err, errlen, "out of memory");
		goto done;
	}
	if (send_all(fd, m.data, m.len) == -1) {
		(void)snprintf(err, errlen, "cannot write to the relay");
		goto done;
	}
	/* The relay's verdict on the message itself. */
	if ((got = reply(fd, 250, err, errlen)) != 0) {
		rc = verdict(got, err);
		goto done;
	}
	(void)command(fd, "QUIT\r\n", 221, line, sizeof(line));
	rc = 0;
done:
	close(fd);
	sbuf_free(&m);
	return (rc);
}
