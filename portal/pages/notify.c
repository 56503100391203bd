/*
 * notify — in-portal notifications, and how each user wants chase mail:
 * one mail per event, or one daily digest. The text names no child and
 * no advice content: a notification may be read over a shoulder.
 */
#include <stdio.h>
#include <string.h>

#include "extern.h"
#include "db.h"
#include "form.h"
#include "tmpl.h"

/* GET /notifications: the newest 50; reading them changes nothing. */
int
page_notifications(struct ctx *c)
{
	PGresult	*res;
	struct tdict	*item;
	char		 acc[24];
	int		 i;

	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	if ((res = db_q(ST_NOTIFY_LIST, acc)) == NULL)
		return (page_error(c, 503));
	for (i = 0; i < db_rows(res); i++) {
		item = tdict_push(c->page, "notifications");
		tdict_set(item, "message", db_val(res, i, 0));
		tdict_set(item, "link", db_val(res, i, 1));
		tdict_set(item, "at", db_val(res, i, 2));
		tdict_set(item, "new", db_val(res, i, 3)[0] == 't' ? "1" : "");
	}
	PQclear(res);
	return (page_render(c, 200, "notifications", "Notifications"));
}

/* POST /notifications/read: marks them all read. */
int
do_notifications_read(struct ctx *c)
{
	PGresult	*res;
	char		 acc[24];

	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	if ((res = db_q(ST_NOTIFY_READ, acc)) == NULL)
		return (page_error(c, 503));
	PQclear(res);
	return (http_see_other(c, "/notifications"));
}

/*
 * The settings page with the account's current choice (checked unless the
 * form is shown again with an error). Returns the page's status.
 */
static int
render_settings(struct ctx *c, int status)
{
	PGresult	*res;
	char		 acc[24];
	int		 digest;

	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	if ((res = db_q(ST_SETTINGS_GET, acc)) == NULL)
		return (page_error(c, 503));
	if (db_rows(res) != 1) {
		PQclear(res);
		return (page_error(c, 404));
	}
	digest = db_val(res, 0, 0)[0] == 't';
	PQclear(res);
	tdict_set(c->page, "mail_now", digest ?
	    "one email a day with everything that happened" :
	    "one email for each reminder or request");
	if (c->nerrors == 0)
		tdict_set(c->page, digest ? "digest_checked" : "each_checked", "1");
	return (page_render(c, status, "settings", "Email settings"));
}

/* GET /settings: how chase mail reaches the signed-in user. */
int
page_settings(struct ctx *c)
{
	return (render_settings(c, 200));
}

/* POST /settings: mail = each | digest. */
int
do_settings(struct ctx *c)
{
	PGresult	*res;
	const char	*mail = form_get(c->form, "mail");
	char		 acc[24];
	int		 digest;

	if (mail != NULL && strcmp(mail, "digest") == 0)
		digest = 1;
	else if (mail != NULL && strcmp(mail, "each") == 0)
		digest = 0;
	else {
		page_error_add(c, "mail", "Select how you want to get emails "
		    "from the portal");
		return (render_settings(c, 400));
	}
	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	if ((res = db_q(ST_SETTINGS_SET, acc, digest ? "t" : "f")) == NULL)
		return (page_error(c, 503));
	PQclear(res);
	audit(c, "change_mail_setting", "account", c->sess.account_id,
	    digest ? "digest" : "each");
	return (http_see_other(c, "/settings"));
}
