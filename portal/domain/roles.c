#include <string.h>

#include "roles.h"

static const struct {
	const char	*name;
	const char	*label;
	const char	*home;
} roles[ROLE__MAX] = {
	[ROLE_CASEWORKER] =		{ "caseworker", "Caseworker", "/caseworker" },
	[ROLE_MANAGER] =		{ "manager", "Manager", "/manager" },
	[ROLE_SERVICE_LEAD] =		{ "service_lead", "Service lead", "/service" },
	[ROLE_PROFESSIONAL] =		{ "professional", "Professional", "/inbox" },
	[ROLE_PARENT] =			{ "parent", "Parent or carer", "/parent" },
	[ROLE_SCHOOL_RESPONDER] =	{ "school_responder", "School responder", "/consultations" },
	[ROLE_ADMIN] =			{ "admin", "Administrator", "/admin" },
};

enum role
role_from_name(const char *name)
{
	int	i;

	for (i = 0; i < ROLE__MAX; i++)
		if (strcmp(roles[i].name, name) == 0)
			return ((enum role)i);
	return (ROLE__MAX);
}

const char *
role_name(enum role r)
{
	return (r < ROLE__MAX ? roles[r].name : "");
}

const char *
role_label(enum role r)
{
	return (r < ROLE__MAX ? roles[r].label : "");
}

const char *
role_home(enum role r)
{
	return (r < ROLE__MAX ? roles[r].home : "/sign-in");
}
