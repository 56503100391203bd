/*
 * chase_sql — every statement of the chasing area (chase passes, the
 * outbox sender, exceptions, acknowledgements and declines), named, with
 * $n parameters only. Run with db_qd(&chase_stmts[CS_…], …).
 */
#ifndef PORTAL_CHASE_SQL_H
#define PORTAL_CHASE_SQL_H

#include "db.h"

enum chase_stmt {
	/* chaser.c */
	CS_PASS,
	CS_PASS_EXPLAIN,
	CS_PASS_NO_JIT,
	/* mailer.c */
	CS_OUTBOX_CLAIM,
	CS_OUTBOX_SENT,
	CS_OUTBOX_RETRY,
	CS_OUTBOX_FAILED,
	CS_OUTBOX_DIGEST,
	/* exception.c */
	CS_EXCEPTION_CREATE,
	CS_EXCEPTIONS_OF,
	/* acknowledge.c */
	CS_REQUEST_ACK_GET,
	CS_CHASE_LOG_OF,
	CS_ACKNOWLEDGE,
	CS_DECLINE,
	CS_DECLINE_SERVICE,
	CS__MAX
};

extern const struct stmt_def chase_stmts[CS__MAX];

#endif
