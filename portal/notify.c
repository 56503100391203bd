/*
 * notify — in-portal notifications. The text names no child and no
 * advice content: a notification may be read over a shoulder.
 */
#include <stdio.h>

#include "extern.h"
#include "db.h"
#include "tmpl.h"

void
notify(const char *account_id, const char *message, const char *link)
{
	PGresult	*res;

	if ((res = db_q(ST_NOTIFY, account_id, message, link)) == NULL)
		kore_log(LOG_ERR, "notify: cannot record a notification");
	PQclear(res);
}

/* The unread count for the header ("" when none or unknown). */
void
notify_unread_put(struct ctx *c)
{
	PGresult	*res;
	char		 acc[24];

	(void)snprintf(acc, sizeof(acc), "%lld", c->sess.account_id);
	if ((res = db_q(ST_NOTIFY_UNREAD, acc)) == NULL)
		return;
	if (db_val(res, 0, 0)[0] != '0')
		tdict_set(c->page, "unread", db_val(res, 0, 0));
	PQclear(res);
}

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
