/*
 * home — each role's landing page and the accessibility statement.
 * The homes are stubs with real navigation until their issues land.
 */
#include <stdio.h>

#include "extern.h"
#include "datefmt.h"
#include "db.h"
#include "tmpl.h"

struct tile {
	const char	*href;
	const char	*text;
	const char	*description;
};

static const struct {
	const char	*heading;
	const char	*intro;
	struct tile	 tiles[3];
} homes[ROLE__MAX] = {
	[ROLE_CASEWORKER] = { "Your caseload",
	    "Assessments you are responsible for, the advice requested for each, and what is due.",
	    { { NULL, NULL, NULL } } },
	[ROLE_MANAGER] = { "Assessments across the council",
	    "Every assessment in the council, with the advice and plans that are late or due soon.",
	    { { NULL, NULL, NULL } } },
	[ROLE_SERVICE_LEAD] = { "Requests to your service",
	    "Advice requests sent to your service. Allocate each one to a professional, or to yourself to write it, or decline it with a reason.",
	    { { NULL, NULL, NULL } } },
	[ROLE_PROFESSIONAL] = { "Your advice requests",
	    "Requests for advice allocated to you, soonest due first.",
	    { { NULL, NULL, NULL } } },
	[ROLE_PARENT] = { "Your child's assessment",
	    "The dates in your child's education, health and care needs assessment, and where you can give your views.",
	    { { NULL, NULL, NULL } } },
	[ROLE_SCHOOL_RESPONDER] = { "Consultations",
	    "Requests from the council to name your setting in a child's plan. Answer each within 15 days.",
	    { { NULL, NULL, NULL } } },
	[ROLE_ADMIN] = { "Administration",
	    "Organisations, accounts and templates for the portal.",
	    { { "/admin/accounts", "Accounts",
	      "People who can sign in, their organisation and role." },
	      { "/admin/organisations", "Organisations",
	      "Your council and the providers linked to it: schools, services, health bodies." },
	      { NULL, NULL, NULL } } },
};

int
page_home(struct ctx *c)
{
	const struct tile	*t;
	struct tdict		*item;

	tdict_set(c->page, "heading", homes[c->sess.role].heading);
	tdict_set(c->page, "intro", homes[c->sess.role].intro);
	for (t = homes[c->sess.role].tiles; t->href != NULL; t++) {
		item = tdict_push(c->page, "tiles");
		tdict_set(item, "href", t->href);
		tdict_set(item, "text", t->text);
		tdict_set(item, "description", t->description);
	}
	return (page_render(c, 200, "home", homes[c->sess.role].heading));
}

int
page_accessibility(struct ctx *c)
{
	return (page_render(c, 200, "accessibility",
	    "Accessibility statement"));
}

/* Parent home: their child's assessment(s) and any views asked of them. */
int
page_parent(struct ctx *c)
{
	PGresult	*res;
	struct tdict	*item;
	const char	*params[1];
	char		 acc[24], when[DATE_WORDS_LEN];
	int		 i;

	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	params[0] = acc;
	if ((res = audit_read(c, ST_PARENT_ASSESSMENTS, params,
	    "view_parent_home", "", 0)) == NULL)
		return (page_error(c, 503));
	for (i = 0; i < db_rows(res); i++) {
		item = tdict_push(c->page, "items");
		tdict_setf(item, "href", "/assessments/%s", db_val(res, i, 0));
		tdict_setf(item, "text", "%s's assessment", db_val(res, i, 2));
		(void)date_words(db_val(res, i, 3), when, sizeof(when));
		tdict_setf(item, "hint", "Reference %s, request received %s",
		    db_val(res, i, 1), when);
	}
	PQclear(res);
	/* Views still asked of them, first thing on the page. */
	if ((res = db_q(ST_PARENT_VIEWS_ASKED, acc)) == NULL)
		return (page_error(c, 503));
	for (i = 0; i < db_rows(res); i++) {
		item = tdict_push(c->page, "actions");
		tdict_setf(item, "href", "/requests/%s", db_val(res, i, 0));
		tdict_setf(item, "text", "Give your views about %s",
		    db_val(res, i, 2));
		(void)date_words_weekday(db_val(res, i, 3), when, sizeof(when));
		tdict_setf(item, "hint", "Reference %s. It helps if you give "
		    "them by %s", db_val(res, i, 1), when);
	}
	PQclear(res);
	tdict_set(c->page, "items_heading", "Assessments");
	tdict_set(c->page, "empty", "There is no assessment linked to your account yet.");
	return (page_home(c));
}
