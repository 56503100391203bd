/*
 * notify — in-portal notifications. The text names no child and no
 * advice content: a notification may be read over a shoulder.
 */
#include "extern.h"
#include "db.h"

void
notify(const char *account_id, const char *message, const char *link)
{
	PGresult	*res;

	if ((res = db_q(ST_NOTIFY, account_id, message, link)) == NULL)
		kore_log(LOG_ERR, "notify: cannot record a notification");
	PQclear(res);
}
