/*
 * config — settings read once from the environment at start-up.
 * Pure: no Kore headers. See README "Configuration".
 */
#ifndef PORTAL_CONFIG_H
#define PORTAL_CONFIG_H

struct config {
	const char	*db;		/* PORTAL_DB: libpq connection string */
	const char	*root;		/* PORTAL_ROOT: folder holding templates/ and assets/ */
	int		 production;	/* PORTAL_MODE=production */
	int		 tls;		/* PORTAL_TLS=1: served over HTTPS (Secure, __Host-, HSTS) */
	int		 signin_account_limit;	/* failures per address per 15 min */
	int		 signin_ip_limit;	/* failures per IP per 15 min before slowing */
	char		 today[11];
	const char	*master_key_file;	/* PORTAL_MASTER_KEY_FILE: 64 hex digits, outside the database */
	const char	*clamd_socket;	/* PORTAL_CLAMD_SOCKET: scan every upload when set */
	int		 upload_max_mb;
	const char	*trusted_proxies;	/* PORTAL_TRUSTED_PROXIES: addresses whose X-Forwarded-For is believed */
	int		 bench;		/* PORTAL_BENCH=1: /bench/ baselines (never in production) */	/* PORTAL_UPLOAD_MAX_MB, default 25 */	/* PORTAL_TODAY (YYYY-MM-DD), development only; "" = real date */
};

extern struct config cfg;

/* Reads the environment; 0 ok, -1 with a message in err. */
int	config_load(char *err, size_t errlen);

/* The portal's today (PORTAL_TODAY if set, else the UTC date). */
void	config_today(char out[11]);

#endif
