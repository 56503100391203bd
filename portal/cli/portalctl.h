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

/* demo_final.c: the demo case carried to a final plan (council, caseworker). */
int	demo_final(const char *, const char *);

/* ctl_plan.c */
int	cmd_plan_sample(int, char **);

/* demo_plan.c */
struct tpl_set;
int	demo_plans(const struct tpl_set *, const char *, const char *);
/* ctl_import.c */
int	cmd_import(int, char **);
int	cmd_sen2(int, char **);
/* ctl_form.c */
int	cmd_form_sample(int, char **);
int	cmd_form_read(int, char **);
/* demo_consult.c */
int	demo_consult(void);
/* demo_worklists.c: the work lists' demo cases (issue 13) */
int	demo_worklists(const char *);
/* ctl_report.c */
int	cmd_report(int, char **);

#endif
