/*
 * sen2 — see sen2.h.  Pure: no Kore headers.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/tree.h>
#include <libxml/xmlsave.h>

#include "figures.h"
#include "sen2.h"

const char *const sen2_item_names[S2__MAX] = {
	"LAReference", "Surname", "Forename", "PersonBirthDate", "UPN",
	"ReceivedDate", "RequestOutcomeDate", "RequestOutcome",
	"AssessmentOutcomeDate", "AssessmentOutcome", "Week20exception",
	"StartDate"
};

static const char *
or_empty(const char *s)
{
	return (s != NULL ? s : "");
}

static int
is(const char *s, const char *v)
{
	return (s != NULL && strcmp(s, v) == 0);
}

void
sen2_items(const struct sen2_case *c, const char *out[S2__MAX])
{
	int	assessed = is(c->assess_outcome, "yes");

	out[S2_REFERENCE] = or_empty(c->reference);
	out[S2_SURNAME] = or_empty(c->surname);
	out[S2_FORENAME] = or_empty(c->forename);
	out[S2_BIRTH_DATE] = or_empty(c->birth_date);
	out[S2_UPN] = or_empty(c->upn);
	out[S2_RECEIVED] = or_empty(c->received);
	out[S2_REQUEST_OUTCOME_DATE] = or_empty(c->assess_on);
	out[S2_REQUEST_OUTCOME] = assessed ? "A" :
	    is(c->assess_outcome, "no") ? "B" : "";
	out[S2_ASSESSMENT_OUTCOME_DATE] = assessed ? or_empty(c->plan_on) : "";
	out[S2_ASSESSMENT_OUTCOME] = !assessed ? "" :
	    is(c->plan_outcome, "yes") ? "Y" : is(c->plan_outcome, "no") ?
	    "N" : "";
	out[S2_WEEK20_EXCEPTION] = !assessed ? "" : c->exception ? "1" : "0";
	out[S2_START_DATE] = assessed ? or_empty(c->final_on) : "";
}

void
sen2_csv(struct sbuf *b, const struct sen2_case *c, size_t n)
{
	const char	*v[S2__MAX];
	size_t		 i;
	int		 k;

	for (k = 0; k < S2__MAX; k++)
		csv_cell(b, sen2_item_names[k], k == S2__MAX - 1);
	for (i = 0; i < n; i++) {
		sen2_items(&c[i], v);
		for (k = 0; k < S2__MAX; k++)
			csv_cell(b, v[k], k == S2__MAX - 1);
	}
}

/* A child element with text, unless the text is empty; 0 or -1. */
static int
item(xmlNodePtr parent, const char *name, const char *text)
{
	if (text == NULL || *text == '\0')
		return (0);
	return (xmlNewTextChild(parent, NULL, (const xmlChar *)name,
	    (const xmlChar *)text) ==
	    NULL ? -1 : 0);
}

static int
items(xmlNodePtr parent, const char *const v[S2__MAX], int from, int to)
{
	int	k;

	for (k = from; k <= to; k++)
		if (item(parent, sen2_item_names[k], v[k]) == -1)
			return (-1);
	return (0);
}

static int
person(xmlNodePtr persons, const struct sen2_case *c)
{
	xmlNodePtr	 p, rqs, rq, as, np;
	const char	*v[S2__MAX];

	sen2_items(c, v);
	if ((p = xmlNewChild(persons, NULL, BAD_CAST "Person", NULL)) == NULL ||
	    items(p, v, S2_REFERENCE, S2_UPN) == -1 ||
	    (rqs = xmlNewChild(p, NULL, BAD_CAST "Requests", NULL)) == NULL ||
	    (rq = xmlNewChild(rqs, NULL, BAD_CAST "Request", NULL)) == NULL ||
	    items(rq, v, S2_RECEIVED, S2_REQUEST_OUTCOME) == -1)
		return (-1);
	if (*v[S2_REQUEST_OUTCOME] != 'A')
		return (0);
	if ((as = xmlNewChild(rq, NULL, BAD_CAST "Assessment", NULL)) == NULL ||
	    items(as, v, S2_ASSESSMENT_OUTCOME_DATE, S2_WEEK20_EXCEPTION) == -1)
		return (-1);
	if (*v[S2_START_DATE] == '\0')
		return (0);
	if ((np = xmlNewChild(as, NULL, BAD_CAST "NamedPlan", NULL)) == NULL ||
	    item(np, sen2_item_names[S2_START_DATE], v[S2_START_DATE]) == -1)
		return (-1);
	return (0);
}

int
sen2_xml(struct sbuf *b, const struct sen2_case *c, size_t n, int year,
    const char *la)
{
	xmlDocPtr	 doc;
	xmlNodePtr	 msg, hdr, cd, persons;
	xmlChar		*out = NULL;
	char		 y[8];
	size_t		 i;
	int		 len = 0, rc = -1;

	if ((doc = xmlNewDoc(BAD_CAST "1.0")) == NULL)
		return (-1);
	snprintf(y, sizeof(y), "%d", year);
	if ((msg = xmlNewNode(NULL, BAD_CAST "Message")) == NULL)
		goto done;
	xmlDocSetRootElement(doc, msg);
	if ((hdr = xmlNewChild(msg, NULL, BAD_CAST "Header", NULL)) == NULL ||
	    (cd = xmlNewChild(hdr, NULL, BAD_CAST "CollectionDetails",
	    NULL)) == NULL ||
	    item(cd, "Collection", "SEN2") == -1 ||
	    item(cd, "Year", y) == -1 ||
	    item(hdr, "LA", la) == -1 ||
	    (persons = xmlNewChild(msg, NULL, BAD_CAST "Persons", NULL)) == NULL)
		goto done;
	for (i = 0; i < n; i++)
		if (person(persons, &c[i]) == -1)
			goto done;
	xmlDocDumpFormatMemoryEnc(doc, &out, &len, "UTF-8", 1);
	if (out == NULL || len < 0)
		goto done;
	sbuf_append(b, out, (size_t)len);
	rc = 0;
done:
	xmlFree(out);
	xmlFreeDoc(doc);
	return (rc);
}
