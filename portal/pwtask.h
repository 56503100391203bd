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
};

/* Starts fn on a task thread for the request; the handler is called
 * again (KORE_RESULT_RETRY, returned). */
int	pwtask_start(struct ctx *, struct pwtask *, int (*)(struct kore_task *));
/* 1 (the request put to sleep) while the task is still working. */
int	pwtask_running(struct ctx *, struct pwtask *);
/* The request state's hstate_free: wipes the password, ends the task. */
void	pwtask_free(void *);

#endif
