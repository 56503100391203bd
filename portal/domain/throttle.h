/*
 * throttle — pure rules of sign-in throttling and of who the client is.
 * No Kore headers: tests/unit/test_throttle.c links it directly.
 */
#ifndef PORTAL_THROTTLE_H
#define PORTAL_THROTTLE_H

#include <stddef.h>

#define THROTTLE_STEP_MS	100	/* more per failure over the threshold */
#define THROTTLE_MAX_MS		3000	/* the longest a sign-in is held */

/*
 * How long a sign-in from an IP waits, in milliseconds, given its failures
 * in the last 15 minutes: none below threshold, then THROTTLE_STEP_MS more
 * for each failure from the threshold on, at most THROTTLE_MAX_MS. A
 * correct password is slowed, never refused: behind a proxy every user
 * shares one IP.
 */
int	throttle_delay_ms(int failures, int threshold);

/*
 * The client's address: peer (the connection's own address), unless peer
 * is in trusted (addresses separated by commas or spaces, NULL or "" for
 * none); then the right-most X-Forwarded-For entry (xff, NULL if absent)
 * that is not itself a trusted proxy. An entry that is not an IPv4 or
 * IPv6 address stops the walk and peer is kept: the header is the
 * client's to write, only what our proxies appended is believed.
 * Written to out (always terminated); 0, or -1 if it did not fit.
 */
int	throttle_client_ip(const char *peer, const char *xff,
	    const char *trusted, char *out, size_t outlen);

/*
 * The cookie names: with tls, the __Host- prefix (the browser then insists
 * on Secure, Path=/ and no Domain, so a sibling host cannot plant them).
 */
const char	*throttle_session_cookie(int tls);
const char	*throttle_presession_cookie(int tls);

#endif
