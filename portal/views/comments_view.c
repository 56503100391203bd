/*
 * comments_view — the family's comments where the council reads them
 * (the caseworker's plan page: requests at the top, comments under each
 * section, only what the family has sent) and the family's own banner on
 * their assessment page. See comments_view.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "extern.h"
#include "comments.h"
#include "comments_sql.h"
#include "config.h"
#include "datefmt.h"
#include "db.h"
#include "tmpl.h"
#include "views.h"
#include "comments_view.h"

static const struct {
	const char	*kind, *label;
} request_kinds[] = {
	{ "school", "Name a school or setting" },
	{ "personal_budget", "A personal budget" },
	{ "meeting", "A meeting with the council" },
};

const char *
plan_request_label(const char *kind)
{
	size_t	i;

	for (i = 0; i < sizeof(request_kinds) / sizeof(request_kinds[0]); i++)
		if (strcmp(request_kinds[i].kind, kind) == 0)
			return (request_kinds[i].label);
	return ("");
}

/* Under section sec: every comment the family sent on it. */
static void
staff_section(struct ctx *c, struct tdict *so, const char *sec, void *arg)
{
	PGresult	*res = arg;
	struct tdict	*o;
	int		 r;

	(void)c;
	for (r = 0; res != NULL && r < db_rows(res); r++) {
		if (strcmp(db_val(res, r, FC_SECTION), sec) != 0)
			continue;
		o = tdict_push(so, "family_comments");
		tdict_set(o, "body", db_val(res, r, FC_BODY));
		tdict_set(o, "by", db_val(res, r, FC_BY));
		tdict_set_date(o, "sent_on", db_val(res, r, FC_SUBMITTED), 0);
		tdict_set_date(o, "draft_served", db_val(res, r, FC_SERVED), 0);
		if (strcmp(db_val(res, r, FC_LATE), "1") == 0)
			tdict_set(o, "late", "1");
		tdict_set(so, "has_family_comments", "1");
	}
}

/* The family's requests and "no comments" responses, for the summary. */
static int
staff_summary(struct ctx *c, const char *assessment)
{
	PGresult	*res;
	struct tdict	*o;
	int		 r;

	if ((res = db_qd(&comments_stmts[CM_FAMILY_REQUESTS], assessment)) == NULL)
		return (-1);
	for (r = 0; r < db_rows(res); r++) {
		o = tdict_push(c->page, "family_requests");
		tdict_set(o, "label", plan_request_label(db_val(res, r, MR_KIND)));
		tdict_set(o, "setting", db_val(res, r, MR_SETTING));
		if (strcmp(db_val(res, r, MR_KIND), "school") == 0 &&
		    db_val(res, r, MR_SETTING_ID)[0] == '\0')
			tdict_set(o, "typed", "1");
		tdict_set(o, "detail", db_val(res, r, MR_DETAIL));
		tdict_set(o, "by", db_val(res, r, FR_BY));
		tdict_set_date(o, "sent_on", db_val(res, r, MR_SUBMITTED), 0);
		if (strcmp(db_val(res, r, MR_LATE), "1") == 0)
			tdict_set(o, "late", "1");
		tdict_set(c->page, "has_family_requests", "1");
	}
	PQclear(res);
	if ((res = db_qd(&comments_stmts[CM_RESPONSES], assessment)) == NULL)
		return (-1);
	for (r = 0; r < db_rows(res); r++) {
		o = tdict_push(c->page, "family_responses");
		tdict_set(o, "by", db_val(res, r, RS_BY));
		tdict_set_date(o, "sent_on", db_val(res, r, RS_SUBMITTED), 0);
		tdict_set_date(o, "draft_served", db_val(res, r, RS_SERVED), 0);
		tdict_setf(o, "what", "%s comment%s and %s request%s",
		    db_val(res, r, RS_COMMENTS),
		    strcmp(db_val(res, r, RS_COMMENTS), "1") == 0 ? "" : "s",
		    db_val(res, r, RS_REQUESTS),
		    strcmp(db_val(res, r, RS_REQUESTS), "1") == 0 ? "" : "s");
		if (strcmp(db_val(res, r, RS_COMMENTS), "0") == 0 &&
		    strcmp(db_val(res, r, RS_REQUESTS), "0") == 0)
			tdict_set(o, "no_comments", "1");
		if (strcmp(db_val(res, r, RS_LATE), "1") == 0)
			tdict_set(o, "late", "1");
		tdict_set(c->page, "has_family_responses", "1");
	}
	PQclear(res);
	return (0);
}

int
comments_staff_put(struct ctx *c, const char *assessment,
    const struct plan_draft *d, const struct prov_flags *f)
{
	PGresult	*res, *com;
	char		 today[DATE_LEN], window[300];

	if ((res = db_qd(&comments_stmts[CM_DRAFT_LATEST], assessment)) == NULL)
		return (-1);
	config_today(today);
	if (db_rows(res) == 1) {
		tdict_set(c->page, "draft_served", "1");
		tdict_set_date(c->page, "served_on", db_val(res, 0, DL_SERVED), 0);
		tdict_set(c->page, "served_version", db_val(res, 0, DL_PLAN_VERSION));
		if (comment_window_words(db_val(res, 0, DL_SERVED), today,
		    WINDOW_COUNCIL, window, sizeof(window)) != -1)
			tdict_set(c->page, "window", window);
		if (db_val(res, 0, DL_RESPONDED)[0] != '\0')
			tdict_set_date(c->page, "responded_on",
			    db_val(res, 0, DL_RESPONDED), 0);
	}
	PQclear(res);
	if (staff_summary(c, assessment) == -1 ||
	    (com = db_qd(&comments_stmts[CM_FAMILY_COMMENTS], assessment)) == NULL)
		return (-1);
	plan_view_put_each(c, d, f, 1, staff_section, com);
	PQclear(com);
	return (0);
}

void
draft_banner_put(struct ctx *c, const char *assessment)
{
	PGresult	*res;
	char		 today[DATE_LEN], window[300];

	if ((res = db_qd(&comments_stmts[CM_DRAFT_LATEST], assessment)) == NULL)
		return;
	config_today(today);
	if (db_rows(res) == 1 && comment_window_words(db_val(res, 0, DL_SERVED),
	    today, WINDOW_FAMILY, window, sizeof(window)) != -1) {
		tdict_set(c->page, "draft_window", window);
		if (db_val(res, 0, DL_RESPONDED)[0] != '\0')
			tdict_set(c->page, "draft_responded", "1");
	}
	PQclear(res);
}
