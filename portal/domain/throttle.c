/*
 * throttle — see throttle.h. Pure: no Kore headers.
 */
#include <sys/socket.h>
#include <arpa/inet.h>

#include <string.h>

#include "throttle.h"

static int	listed(const char *, const char *);
static int	is_address(const char *);

int
throttle_delay_ms(int failures, int threshold)
{
	long	over;

	if (failures < threshold)
		return (0);
	over = (long)failures - threshold + 1;
	if (over >= THROTTLE_MAX_MS / THROTTLE_STEP_MS)
		return (THROTTLE_MAX_MS);
	return ((int)over * THROTTLE_STEP_MS);
}

/* 1 when addr is one of the addresses of list (commas or spaces). */
static int
listed(const char *addr, const char *list)
{
	size_t	len = strlen(addr), n;

	while (list != NULL && *list != '\0') {
		list += strspn(list, ", \t");
		n = strcspn(list, ", \t");
		if (n != 0 && n == len && strncmp(list, addr, n) == 0)
			return (1);
		list += n;
	}
	return (0);
}

static int
is_address(const char *s)
{
	unsigned char	buf[sizeof(struct in6_addr)];

	return (inet_pton(AF_INET, s, buf) == 1 ||
	    inet_pton(AF_INET6, s, buf) == 1);
}

int
throttle_client_ip(const char *peer, const char *xff, const char *trusted,
    char *out, size_t outlen)
{
	char		 entry[64];
	const char	*end, *seg, *start, *chosen = peer;
	size_t		 n;

	if (xff != NULL && listed(peer, trusted)) {
		/* Right to left: each trusted proxy appended the address it
		 * saw; the first that is not one of ours is the client. */
		end = xff + strlen(xff);
		while (end > xff) {
			for (seg = end; seg > xff && seg[-1] != ','; seg--)
				;
			start = seg;
			while (start < end && (*start == ' ' || *start == '\t'))
				start++;
			n = (size_t)(end - start);
			while (n > 0 && (start[n - 1] == ' ' || start[n - 1] == '\t'))
				n--;
			if (n == 0 || n >= sizeof(entry))
				break;
			memcpy(entry, start, n);
			entry[n] = '\0';
			if (!is_address(entry))
				break;
			if (!listed(entry, trusted)) {
				chosen = entry;
				break;
			}
			end = seg > xff ? seg - 1 : xff;
		}
	}
	n = strlen(chosen);
	if (outlen == 0)
		return (-1);
	if (n >= outlen) {
		memcpy(out, chosen, outlen - 1);
		out[outlen - 1] = '\0';
		return (-1);
	}
	memcpy(out, chosen, n + 1);
	return (0);
}

const char *
throttle_session_cookie(int tls)
{
	return (tls ? "__Host-portal_session" : "portal_session");
}

const char *
throttle_presession_cookie(int tls)
{
	return (tls ? "__Host-portal_presession" : "portal_presession");
}
