/* portalctl — shared between portalctl.c and demo.c. */
#ifndef PORTAL_PORTALCTL_H
#define PORTAL_PORTALCTL_H

#define DEMO_PASSWORD	"demo-password-2026"
#define DEMO_API_KEY	"demo-api-key-2026"

int	org_create(const char *, const char *, const char *, char *);
int	account_create(const char *, const char *, const char *,
	    const char *, const char *, const char *);
int	cmd_demo_data(int, char **);
int	ctl_usage(void);

/* ctl_chase.c */
int	cmd_chase(int, char **);
int	cmd_send_mail(int, char **);
int	cmd_send_digest(int, char **);

/* ctl_plan.c */
int	cmd_plan_sample(int, char **);

/* ctl_report.c */
int	cmd_report(int, char **);

#endif
