/*
 * clamd — when PORTAL_CLAMD_SOCKET names clamd's local socket, every
 * upload is streamed to it (zINSTREAM) before it is stored. An infected
 * file is refused; so is every file while clamd cannot be reached or
 * answers something else (fail closed). The scan blocks this worker for
 * its duration (tens of milliseconds for 25 MB); see README.
 */
#include <sys/socket.h>
#include <sys/un.h>

#include <arpa/inet.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "extern.h"
#include "config.h"

#define CHUNK	(64 * 1024)

static int	send_all(int, const void *, size_t);

static int
send_all(int fd, const void *buf, size_t len)
{
	const char	*p = buf;
	ssize_t		 n;

	while (len > 0) {
		if ((n = send(fd, p, len, MSG_NOSIGNAL)) <= 0)
			return (-1);
		p += n;
		len -= (size_t)n;
	}
	return (0);
}

/* 0 clean; -1 with the reason for the user in why. */
int
clamd_scan(const void *data, size_t len, char *why, size_t whylen)
{
	struct sockaddr_un	 sun;
	struct timeval		 tv = { 30, 0 };
	const char		*p = data;
	char			 reply[256];
	uint32_t		 n;
	size_t			 off, chunk;
	ssize_t			 got;
	int			 fd, rc = -1;

	if (cfg.clamd_socket == NULL)
		return (0);
	(void)snprintf(why, whylen, "The file could not be checked for viruses. "
	    "Try again later");
	memset(&sun, 0, sizeof(sun));
	sun.sun_family = AF_UNIX;
	if (kore_strlcpy(sun.sun_path, cfg.clamd_socket, sizeof(sun.sun_path)) >=
	    sizeof(sun.sun_path) || (fd = socket(AF_UNIX, SOCK_STREAM, 0)) == -1)
		return (-1);
	(void)setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	(void)setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	if (connect(fd, (struct sockaddr *)&sun, sizeof(sun)) == -1 ||
	    send_all(fd, "zINSTREAM", 10) == -1)
		goto done;
	for (off = 0; off < len; off += chunk) {
		chunk = len - off > CHUNK ? CHUNK : len - off;
		n = htonl((uint32_t)chunk);
		if (send_all(fd, &n, 4) == -1 || send_all(fd, p + off, chunk) == -1)
			goto done;
	}
	n = 0;
	if (send_all(fd, &n, 4) == -1 ||
	    (got = recv(fd, reply, sizeof(reply) - 1, MSG_WAITALL)) <= 0)
		goto done;
	reply[got] = '\0';
	if (strstr(reply, "FOUND") != NULL)
		(void)snprintf(why, whylen, "The selected file contains a virus");
	else if (strcmp(reply, "stream: OK") == 0 || strncmp(reply, "stream: OK", 10) == 0)
		rc = 0;
	else
		kore_log(LOG_ERR, "clamd: unexpected reply");
done:
	if (rc == -1 && strstr(why, "virus") == NULL)
		kore_log(LOG_ERR, "clamd: scan failed");
	(void)close(fd);
	return (rc);
}
