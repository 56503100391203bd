/*
 * vocab — the fixed lists (see vocab.h). Pure: no Kore headers.
 */
#include <string.h>

#include "vocab.h"

const struct vocab_kind vocab_kinds[] = {
	{ "parent", "Parent or young person's views", "local_authority" },
	{ "educational", "Educational advice", "school" },
	{ "medical", "Medical advice", "nhs_body" },
	{ "psychological", "Psychological advice", "ep_service" },
	{ "social_care", "Social care advice", "social_care" },
	{ "other", "Other advice", "ep_service nhs_body social_care other" },
	{ "preparing_for_adulthood", "Preparing for adulthood advice",
	    "school social_care other" },
	{ NULL, NULL, NULL },
};

const struct vocab_status vocab_statuses[] = {
	{ "requested", "Not allocated", "grey", 1 },
	{ "allocated", "Allocated", "purple", 1 },
	{ "draft", "In progress", "yellow", 1 },
	{ "submitted", "Submitted", "turquoise", 0 },
	{ "returned", "Returned for clarification", "orange", 1 },
	{ "accepted", "Accepted", "green", 0 },
	{ "declined", "Declined", "red", 0 },
	{ "withdrawn", "Withdrawn", "grey", 0 },
	{ NULL, NULL, NULL, 0 },
};

const struct vocab_area vocab_areas[] = {
	{ "communication_interaction", "Communication and interaction" },
	{ "cognition_learning", "Cognition and learning" },
	{ "semh", "Social, emotional and mental health" },
	{ "sensory_physical", "Sensory and/or physical" },
	{ "preparing_for_adulthood", "Preparing for adulthood" },
	{ "general", "General" },
	{ NULL, NULL },
};

const struct vocab_section vocab_sections[] = {
	{ "A", "The views, interests and aspirations of the child and their parents, or of the young person" },
	{ "B", "Special educational needs" },
	{ "C", "Health needs related to special educational needs" },
	{ "D", "Social care needs related to special educational needs" },
	{ "E", "Outcomes" },
	{ "F", "Special educational provision" },
	{ "G", "Health provision" },
	{ "H1", "Social care provision under section 2 of the Chronically Sick and Disabled Persons Act 1970" },
	{ "H2", "Other social care provision" },
	{ "I", "Placement" },
	{ "J", "Personal budget" },
	{ "K", "Advice and information gathered" },
	{ NULL, NULL },
};

const struct vocab_year vocab_years[] = {
	{ "Not yet in education", -2 }, { "Nursery", -1 }, { "Reception", 0 },
	{ "Year 1", 1 }, { "Year 2", 2 }, { "Year 3", 3 }, { "Year 4", 4 },
	{ "Year 5", 5 }, { "Year 6", 6 }, { "Year 7", 7 }, { "Year 8", 8 },
	{ "Year 9", 9 }, { "Year 10", 10 }, { "Year 11", 11 }, { "Year 12", 12 },
	{ "Year 13", 13 }, { "Year 14", 14 }, { "Post-19", 15 },
	{ NULL, 0 },
};

const struct vocab_exception vocab_exceptions[] = {
	{ "school_closure", "The school or setting is closed for 4 weeks or more",
	    "reg 10(4)", 28 },
	{ "personal_circumstances", "Exceptional personal circumstances of the "
	    "child, young person or parent", "reg 8(2), reg 10(4)", 0 },
	{ "absence", "The child, young person or parent is away from the area "
	    "for 4 weeks or more", "reg 8(2), reg 10(4)", 28 },
	{ "missed_appointment", "The child or young person missed an appointment",
	    "reg 8(2)", 0 },
	{ NULL, NULL, NULL, 0 },
};

/* Each list is searched the same way: rows of size sz whose first member
 * is the id; NULL if id is NULL or absent. */
static const void *
find(const void *list, size_t sz, const char *id)
{
	const char	*p = list;

	if (id == NULL)
		return (NULL);
	for (; *(const char *const *)(const void *)p != NULL; p += sz)
		if (strcmp(*(const char *const *)(const void *)p, id) == 0)
			return (p);
	return (NULL);
}

const struct vocab_kind *
vocab_kind(const char *id)
{
	return (find(vocab_kinds, sizeof(vocab_kinds[0]), id));
}

const char *
vocab_kind_label(const char *id)
{
	const struct vocab_kind	*k = vocab_kind(id);

	return (k == NULL ? "Advice" : k->label);
}

const struct vocab_status *
vocab_status(const char *id)
{
	return (find(vocab_statuses, sizeof(vocab_statuses[0]), id));
}

int
vocab_status_open(const char *id)
{
	const struct vocab_status	*s = vocab_status(id);

	return (s != NULL && s->open);
}

size_t
vocab_nopen(void)
{
	size_t	i, n = 0;

	for (i = 0; vocab_statuses[i].id != NULL; i++)
		n += vocab_statuses[i].open != 0;
	return (n);
}

const char *
vocab_area_label(const char *id)
{
	const struct vocab_area	*a = find(vocab_areas, sizeof(vocab_areas[0]), id);

	return (a == NULL ? NULL : a->label);
}

const struct vocab_section *
vocab_section(const char *id)
{
	return (find(vocab_sections, sizeof(vocab_sections[0]), id));
}

const struct vocab_year *
vocab_year(const char *id)
{
	return (find(vocab_years, sizeof(vocab_years[0]), id));
}

const struct vocab_exception *
vocab_exception(const char *id)
{
	return (find(vocab_exceptions, sizeof(vocab_exceptions[0]), id));
}

/* 1 if word is one of the space-separated words of list. */
static int
has_word(const char *list, const char *word)
{
	size_t	n = strlen(word);

	while (list != NULL && *list != '\0') {
		if (strncmp(list, word, n) == 0 && (list[n] == ' ' || list[n] == '\0'))
			return (1);
		if ((list = strchr(list, ' ')) != NULL)
			list++;
	}
	return (0);
}

int
vocab_org_gives_by_default(const char *org_kind, const char *kind)
{
	const struct vocab_kind	*k = vocab_kind(kind);

	return (k != NULL && org_kind != NULL && *org_kind != '\0' &&
	    has_word(k->org_kinds, org_kind));
}

int
vocab_in_pg_array(const char *list, const char *kind)
{
	size_t	n;

	if (list == NULL || kind == NULL || *list != '{' || *kind == '\0')
		return (0);
	n = strlen(kind);
	for (list++; *list != '\0' && *list != '}'; ) {
		if (strncmp(list, kind, n) == 0 &&
		    (list[n] == ',' || list[n] == '}'))
			return (1);
		while (*list != '\0' && *list != ',' && *list != '}')
			list++;
		if (*list == ',')
			list++;
	}
	return (0);
}
