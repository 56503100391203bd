/*
 * pwtask — password work (argon2id) on a Kore task thread, so that it
 * never stalls the worker: shared by sign-in and the parent invitation.
 * A handler's request state begins with a struct pwtask; the task entry
 * casts its struct kore_task * back to that state. Defined in signin.c.
 */
#ifndef PORTAL_PWTASK_H
#define PORTAL_PWTASK_H

#include <kore/kore.h>
#include <kore/http.h>
#include <kore/tasks.h>

struct ctx;

struct pwtask {
	struct kore_task	 task;		/* first: the task entry casts back */
	char			*password;	/* a copy, wiped when freed */
	int			 created;	/* only a created task is destroyed */
	/* The sign-in throttle's delay (pwtask_delay): */
	struct kore_timer	*timer;		/* set while asleep; freed by Kore once run */
	struct http_request	*req;
	int			 delayed;	/* the delay was decided */
};

/* Starts fn on a task thread for the request; the handler is called
 * again (KORE_RESULT_RETRY, returned). */
int	pwtask_start(struct ctx *, struct pwtask *, int (*)(struct kore_task *));
/* 1 (the request put to sleep) while the task is still working. */
int	pwtask_running(struct ctx *, struct pwtask *);
/*
 * The sign-in throttle's slowing, before any password or code is checked:
 * 1 (the request put to sleep on a timer, call again) while a request from
 * an IP with many recent failures waits (throttle_delay_ms), 0 to go on.
 * The worker serves others meanwhile; nothing is refused. email_hash: the
 * address being tried (its count is looked up alongside).
 */
int	pwtask_delay(struct ctx *, struct pwtask *, const char *email_hash);
/* The request state's hstate_free: wipes the password, ends the task. */
void	pwtask_free(void *);

#endif
