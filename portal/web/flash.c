/*
 * flash — the GOV.UK success banner after an action. A handler that did
 * something redirects to its page with a fixed query ("?allocated=1");
 * this table turns that query into the banner's text. Only these exact
 * queries show anything, and the text is ours, never the request's.
 */
#include <string.h>

#include "extern.h"
#include "tmpl.h"

static const struct {
	const char	*query;
	const char	*message;
	const char	*parent_message;	/* NULL: the same */
} flashes[] = {
	{ "created=1", "The assessment was started", NULL },
	{ "requested=parent", "The parent or carer was asked for their views", NULL },
	{ "requested=educational", "Educational advice was requested", NULL },
	{ "requested=medical", "Medical advice was requested", NULL },
	{ "requested=psychological", "Psychological advice was requested", NULL },
	{ "requested=social_care", "Social care advice was requested", NULL },
	{ "requested=other", "Other advice was requested", NULL },
	{ "requested=preparing_for_adulthood", "Preparing for adulthood advice was requested", NULL },
	{ "allocated=1", "The request was allocated", NULL },
	{ "saved=1", "Your answers were saved", NULL },
	{ "uploaded=1", "Your file was uploaded", NULL },
	{ "submitted=1", "Your advice was submitted to the council",
	    "Your views were sent to the council. Thank you" },
	{ "accepted=1", "The advice was accepted", NULL },
	{ "returned=1", "The advice was returned for clarification", NULL },
	{ "declined=1", "The request was declined and the caseworker has been told", NULL },
	{ "acknowledged=1", "The caseworker has been told when you will provide the advice", NULL },
	/* The draft plan (plan_page.c). */
	{ "assembled=1", "The draft plan was assembled from the accepted advice", NULL },
	{ "reassembled=1", "The newly accepted advice was added to the draft plan", NULL },
	{ "reassembled=0", "There was no newly accepted advice to add", NULL },
	{ "section_saved=1", "The section was saved", NULL },
	{ "decided=1", "The decision was recorded", NULL },
	{ "decided=ended", "The decision was recorded: the assessment has ended and the family has been told", NULL },
	{ "served=1", "The draft plan was sent to the family: they have been told by email", NULL },
	/* School consultations (consult.c). */
	{ "consulted=1", "The consultation was sent: each school or setting's responders have been told by email", NULL },
	{ "answered=1", "Your answer was sent to the council", NULL },
	{ "final=1", "The final EHC plan was issued: the family and the setting have been told", NULL },
	{ "reassigned=1", "The case has a new caseworker: both caseworkers have been told", NULL },
};

/* Sets "success" on the page for a GET whose query is one of flashes. */
void
flash_put(struct ctx *c)
{
	const char	*q = c->req->query_string;
	size_t		 i;

	if (c->req->method != HTTP_METHOD_GET || q == NULL)
		return;
	for (i = 0; i < sizeof(flashes) / sizeof(flashes[0]); i++)
		if (strcmp(flashes[i].query, q) == 0) {
			tdict_set(c->page, "success", c->sess.role == ROLE_PARENT &&
			    flashes[i].parent_message != NULL ?
			    flashes[i].parent_message : flashes[i].message);
			return;
		}
}
