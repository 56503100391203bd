/*
 * admin_rules — what a council's administrator may make: organisations
 * of the provider kinds, staff accounts whose role fits their
 * organisation; and what a caseload search is looking for. Pure: no Kore
 * headers.
 */
#ifndef PORTAL_ADMIN_RULES_H
#define PORTAL_ADMIN_RULES_H

#include <stddef.h>

#include "roles.h"

/* The kinds of organisation an administrator may create (a council is
 * made by the operator, portalctl). */
struct org_kind {
	const char	*name;		/* organisations.kind */
	const char	*label;		/* what a user reads */
};
extern const struct org_kind	org_kinds[];
extern const size_t		norg_kinds;

/* The label of a kind ("local_authority" too), or "" if unknown. */
const char	*org_kind_label(const char *);
/* 1 if an administrator may create an organisation of this kind. */
int		 org_kind_creatable(const char *);

/*
 * 1 if an account of role r may belong to an organisation of kind:
 * caseworker, manager and admin to the council itself; service lead and
 * professional to a provider; school responder to a school. A parent
 * account is never made or given by an administrator.
 */
int	role_fits_org(enum role, const char *);

/*
 * A name typed into a form (an organisation, a person): trimmed of
 * spaces into out; 0 ok, -1 blank, -2 longer than max characters
 * (UTF-8 counted as bytes here: max is a byte bound), -3 a control
 * character in it.
 */
int	name_clean(const char *, char *, size_t, size_t);

/* What a caseload search box holds. */
struct child_search {
	char	text[101];	/* trimmed; "" when nothing was typed */
	char	like[204];	/* ILIKE pattern: %text% with % _ \ escaped */
	char	nhs[11];	/* ten digits if the text is an NHS number */
	char	dob[11];	/* YYYY-MM-DD if it is a date (20/3/2016, 2016-03-20) */
};

/*
 * Reads the search text: 0 ok (s->text "" when blank), -1 too long (over
 * 100 bytes) or a control character in it. A date and an NHS number are
 * recognised as well as matched as text (a reference, a name).
 */
int	child_search_parse(const char *, struct child_search *);

#endif
