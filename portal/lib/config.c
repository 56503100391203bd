#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"

struct config cfg;

static int	env_int(const char *, int, int, int, int *);

/* An integer setting within [lo, hi], or the default when unset. */
static int
env_int(const char *name, int def, int lo, int hi, int *out)
{
	const char	*s;
	char		*end;
	long		 v;

	if ((s = getenv(name)) == NULL || *s == '\0') {
		*out = def;
		return (0);
	}
	v = strtol(s, &end, 10);
	if (*end != '\0' || v < lo || v > hi)
		return (-1);
	*out = (int)v;
	return (0);
}

int
config_load(char *err, size_t errlen)
{
	const char	*s;

	memset(&cfg, 0, sizeof(cfg));
	if ((cfg.db = getenv("PORTAL_DB")) == NULL || *cfg.db == '\0') {
		snprintf(err, errlen, "PORTAL_DB is not set (a libpq connection string)");
		return (-1);
	}
	if ((cfg.root = getenv("PORTAL_ROOT")) == NULL || *cfg.root == '\0')
		cfg.root = ".";
	s = getenv("PORTAL_MODE");
	cfg.production = s != NULL && strcmp(s, "production") == 0;
	s = getenv("PORTAL_TLS");
	cfg.tls = s != NULL && strcmp(s, "1") == 0;
	if (env_int("PORTAL_SIGNIN_ACCOUNT_LIMIT", 5, 1, 1000,
	    &cfg.signin_account_limit) == -1 ||
	    env_int("PORTAL_SIGNIN_IP_LIMIT", 100, 1, 100000,
	    &cfg.signin_ip_limit) == -1) {
		snprintf(err, errlen, "PORTAL_SIGNIN_*_LIMIT must be a number");
		return (-1);
	}
	if ((cfg.master_key_file = getenv("PORTAL_MASTER_KEY_FILE")) == NULL ||
	    *cfg.master_key_file == '\0') {
		snprintf(err, errlen, "PORTAL_MASTER_KEY_FILE is not set "
		    "(make one with: portalctl make-key FILE)");
		return (-1);
	}
	cfg.clamd_socket = getenv("PORTAL_CLAMD_SOCKET");
	if (cfg.clamd_socket != NULL && *cfg.clamd_socket == '\0')
		cfg.clamd_socket = NULL;
	if (env_int("PORTAL_UPLOAD_MAX_MB", 25, 1, 28, &cfg.upload_max_mb) == -1) {
		snprintf(err, errlen, "PORTAL_UPLOAD_MAX_MB must be 1 to 28");
		return (-1);
	}
	cfg.trusted_proxies = getenv("PORTAL_TRUSTED_PROXIES");
	s = getenv("PORTAL_BENCH");
	cfg.bench = s != NULL && strcmp(s, "1") == 0 && !cfg.production;
	if ((s = getenv("PORTAL_TODAY")) != NULL && *s != '\0') {
		if (cfg.production) {
			snprintf(err, errlen, "PORTAL_TODAY is refused in production mode");
			return (-1);
		}
		if (strlen(s) != 10) {
			snprintf(err, errlen, "PORTAL_TODAY must be YYYY-MM-DD");
			return (-1);
		}
		memcpy(cfg.today, s, 11);
	}
	return (0);
}

void
config_today(char out[11])
{
	time_t		now;
	struct tm	tm;

	if (cfg.today[0] != '\0') {
		memcpy(out, cfg.today, 11);
		return;
	}
	now = time(NULL);
	if (gmtime_r(&now, &tm) == NULL || strftime(out, 11, "%Y-%m-%d", &tm) != 10)
		memcpy(out, "1970-01-01", 11);
}
