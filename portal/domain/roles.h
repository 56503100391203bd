/*
 * roles — the seven roles of DESIGN §2 and their names in the schema.
 * Pure: no Kore headers.
 */
#ifndef PORTAL_ROLES_H
#define PORTAL_ROLES_H

enum role {
	ROLE_CASEWORKER,
	ROLE_MANAGER,
	ROLE_SERVICE_LEAD,
	ROLE_PROFESSIONAL,
	ROLE_PARENT,
	ROLE_SCHOOL_RESPONDER,
	ROLE_ADMIN,
	ROLE__MAX
};

#define ROLE_BIT(r)	(1u << (r))
#define ROLES_ALL	((1u << ROLE__MAX) - 1)

/* Schema name ("caseworker"…) → role, or ROLE__MAX if unknown. */
enum role	 role_from_name(const char *);
const char	*role_name(enum role);
/* What a user reads: "Caseworker", "Service lead"… */
const char	*role_label(enum role);
/* The page each role lands on after sign-in. */
const char	*role_home(enum role);

#endif
