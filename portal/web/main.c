/*
 * main — start-up. The parent reads the configuration, the page templates
 * and the assets once (a broken template stops the portal with its file
 * and line); the workers inherit them and each opens its own database
 * connection.
 */
#include <sys/syscall.h>

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include <kore/hooks.h>
#include <kore/seccomp.h>

#include "extern.h"
#include "config.h"
#include "db.h"
#include "tmpl.h"
#include "upload.h"

struct tmpl_set	*templates;
struct tpl_set	 advice_templates;
unsigned char	master_key[DOCSTORE_KEYBYTES];

static void	db_log(const char *);

/*
 * Syscalls Kore 4.1's own list misses but Debian 12's libc, libpq,
 * libsodium and task threads use. One filter for the whole application.
 */
KORE_SECCOMP_FILTER("portal",
	KORE_SYSCALL_ALLOW(newfstatat),
	KORE_SYSCALL_ALLOW(faccessat2),
	KORE_SYSCALL_ALLOW(clone3),
	KORE_SYSCALL_ALLOW(rseq),
	KORE_SYSCALL_ALLOW(mlock),
	KORE_SYSCALL_ALLOW(munlock),
	KORE_SYSCALL_ALLOW(madvise),
	/* glibc's realloc of a chunk it mmap()ed (a large buffer, or any
	 * once the heap cannot grow): without it that realloc kills the worker. */
	KORE_SYSCALL_ALLOW(mremap),
	KORE_SYSCALL_ALLOW(getpeername),
	KORE_SYSCALL_ALLOW(uname),
	KORE_SYSCALL_ALLOW(getsockopt),
	KORE_SYSCALL_ALLOW(socket),
	KORE_SYSCALL_ALLOW(connect),
	KORE_SYSCALL_ALLOW(poll),
	KORE_SYSCALL_ALLOW(sendto),
	KORE_SYSCALL_ALLOW(recvfrom),
	KORE_SYSCALL_ALLOW(getrandom),
	KORE_SYSCALL_ALLOW(fsync),
	KORE_SYSCALL_ALLOW(ftruncate),
	KORE_SYSCALL_ALLOW(unlink),
	KORE_SYSCALL_ALLOW(rename),
	KORE_SYSCALL_ALLOW(mkdir),
	KORE_SYSCALL_ALLOW(getdents64),
	KORE_SYSCALL_ALLOW(openat),
	KORE_SYSCALL_ALLOW(lseek),
	KORE_SYSCALL_ALLOW(statx),
	KORE_SYSCALL_ALLOW(sched_getaffinity),
	KORE_SYSCALL_ALLOW(sched_yield),
	KORE_SYSCALL_ALLOW(membarrier),
	KORE_SYSCALL_ALLOW(prlimit64)
);

static void
db_log(const char *msg)
{
	kore_log(LOG_ERR, "%s", msg);
}

/* Parent, once, before the workers fork. */
void
kore_parent_configure(int argc, char **argv)
{
	char	err[512], path[1024], schema[1100];

	(void)argc;
	(void)argv;
	if (sodium_init() < 0)
		fatal("libsodium cannot start");
	if (config_load(err, sizeof(err)) == -1)
		fatal("configuration: %s", err);
	if ((size_t)snprintf(path, sizeof(path), "%s/templates/pages",
	    cfg.root) >= sizeof(path))
		fatal("PORTAL_ROOT too long");
	if ((templates = tmpl_set_load(path, err, sizeof(err))) == NULL)
		fatal("page templates: %s", err);
	if ((size_t)snprintf(path, sizeof(path), "%s/templates/advice",
	    cfg.root) >= sizeof(path) ||
	    (size_t)snprintf(schema, sizeof(schema), "%s/template.rng", path) >=
	    sizeof(schema))
		fatal("PORTAL_ROOT too long");
	if (tpl_set_load(&advice_templates, path, schema, err, sizeof(err)) != 0)
		fatal("advice templates: %s", err);
	if (docstore_master_load(cfg.master_key_file, master_key, err,
	    sizeof(err)) != 0)
		fatal("master key: %s", err);
	if ((size_t)snprintf(path, sizeof(path), "%s/assets", cfg.root) >=
	    sizeof(path))
		fatal("PORTAL_ROOT too long");
	if (assets_load(path, err, sizeof(err)) == -1)
		fatal("assets: %s", err);
	if (chase_configure(err, sizeof(err)) == -1)
		fatal("chase schedule: %s", err);
	kore_log(LOG_NOTICE, "portal configured (%s mode)",
	    cfg.production ? "production" : "development");
}

/* Each worker: its own connection (a failure here is retried per request). */
void
kore_worker_configure(void)
{
	db_set_logger(db_log);
	if (db_open(cfg.db) == -1)
		kore_log(LOG_ERR, "database not reachable yet; will retry");
	if (signin_worker_init() != 0)
		fatal("cannot prepare sign-in");
	chase_timer_start();
}
