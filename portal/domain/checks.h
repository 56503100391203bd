/*
 * checks — what users type that has a fixed shape: NHS numbers, UPNs,
 * email addresses, GOV.UK three-part dates. Pure: no Kore headers.
 */
#ifndef PORTAL_CHECKS_H
#define PORTAL_CHECKS_H

#include <stddef.h>

/* Strips spaces; 0 and ten digits in out if the modulus 11 check passes. */
int	nhs_number_normalise(const char *, char out[11]);
/* Unique pupil number: 13 characters, check letter valid, upper-cased. */
int	upn_normalise(const char *, char out[14]);
/* A plausible address: one @, a dot in the domain, no spaces, ≤ 254. */
int	email_valid(const char *);
/* The address with A–Z lower-cased (as stored) into out; -1 if it is
 * NULL or does not fit in outlen. */
int	email_lower(const char *, char *, size_t);
/* Day, month, year fields → YYYY-MM-DD if a real date; 0 ok, -1 not. */
int	date_from_parts(const char *, const char *, const char *, char out[11]);
/* 1 if s (after trimming) is empty. */
int	blank(const char *);

#endif
