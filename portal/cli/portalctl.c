/*
 * portalctl — administration from the command line, against the database
 * in PORTAL_DB. Shares the portal's pure modules and SQL.
 *
 *   portalctl create-org KIND NAME [COUNCIL-NAME]
 *   portalctl create-account EMAIL ROLE ORGANISATION-NAME DISPLAY-NAME [JOB-TITLE]
 *       (password read from standard input, one line)
 *   portalctl reset-password EMAIL        (new password from standard input)
 *   portalctl reset-two-step EMAIL        (lost phone: set it up again)
 *   portalctl require-two-step ORGANISATION-NAME yes|no
 *   portalctl demo-data                   (development only: Demoshire)
 *   portalctl advice-kinds ORGANISATION-NAME [KIND...]  (shows, or sets,
 *       the kinds of advice it gives: a request of another kind is refused)
 *   portalctl report compliance --council NAME --from YYYY-MM --to YYYY-MM
 *       (the monthly 20-week compliance table as CSV; ctl_report.c)
 */
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"
#include "password.h"
#include "portalctl.h"
#include "roles.h"
#include "token.h"
#include "vocab.h"


static int	usage(void);
static int	read_password(char *, size_t);

static int	cmd_create_org(int, char **);
static int	cmd_create_account(int, char **);
static int	cmd_reset_password(int, char **);
static int	cmd_reset_two_step(int, char **);
static int	account_reset(PGresult *, const char *);
static int	cmd_require_two_step(int, char **);
static int	cmd_api_key(int, char **);
static int	cmd_make_key(int, char **);
static int	cmd_advice_kinds(int, char **);

static const struct {
	const char	*name;
	int		(*fn)(int, char **);
} cmds[] = {
	{ "create-org", cmd_create_org },
	{ "create-account", cmd_create_account },
	{ "reset-password", cmd_reset_password },
	{ "reset-two-step", cmd_reset_two_step },
	{ "require-two-step", cmd_require_two_step },
	{ "demo-data", cmd_demo_data },
	{ "create-api-key", cmd_api_key },
	{ "chase", cmd_chase },
	{ "send-mail", cmd_send_mail },
	{ "send-digest", cmd_send_digest },
	{ "advice-kinds", cmd_advice_kinds },
	{ "import", cmd_import },
	{ "sen2", cmd_sen2 },
	{ "report", cmd_report },
};

/* Commands that need no database. */
static const struct {
	const char	*name;
	int		(*fn)(int, char **);
} offline_cmds[] = {
	{ "make-key", cmd_make_key },
	{ "plan-sample", cmd_plan_sample },
	{ "form-sample", cmd_form_sample },
	{ "form-read", cmd_form_read },
};

static int
usage(void)
{
	fprintf(stderr, "usage: portalctl create-org KIND NAME [COUNCIL-NAME]\n"
	    "       portalctl create-account EMAIL ROLE ORGANISATION DISPLAY-NAME [JOB-TITLE]"
	    " < password\n"
	    "       portalctl reset-password EMAIL < password\n"
	    "       portalctl reset-two-step EMAIL   (signs the account out everywhere)\n"
	    "       portalctl require-two-step ORGANISATION yes|no\n"
	    "       portalctl demo-data\n"
	    "       portalctl create-api-key COUNCIL-NAME   (prints the key once)\n"
	    "       portalctl make-key FILE   (a new master key; refuses to overwrite)\n"
	    "       portalctl chase --once [--today YYYY-MM-DD]   (one chase pass)\n"
	    "       portalctl send-mail [--once] [--max N]   (the outbox, to PORTAL_SMTP)\n"
	    "       portalctl send-digest   (daily digests of held mail)\n"
	    "       portalctl advice-kinds ORGANISATION [KIND...]   (shows or sets "
	    "the kinds of advice it gives)\n"
	    "       portalctl plan-sample [--final] [--copies N] [--time REPS] [--name NAME] FILE.docx\n"
	    "                 (a sample EHC plan as .docx; no database)\n"
	    "       portalctl import cases --council NAME [--caseworker EMAIL] [--dry-run] FILE.csv\n"
	    "                 (the council's case spreadsheet; all or nothing)\n"
	    "       portalctl sen2 --council NAME --year YYYY [--format csv|xml]\n"
	    "       portalctl form-sample TEMPLATE FILE.docx   (an advice form as .docx)\n"
	    "       portalctl form-read TEMPLATE FILE.docx   (a completed form's answers)\n"
	    "       portalctl report compliance --council NAME --from YYYY-MM --to YYYY-MM\n"
	    "KIND: local_authority ep_service nhs_body social_care school\n"
	    "ROLE: caseworker manager service_lead professional parent"
	    " school_responder admin\n");
	return (2);
}

/* For commands in other files (ctl_chase.c). */
int
ctl_usage(void)
{
	return (usage());
}

/* One line from standard input, without its newline. 0 ok. */
static int
read_password(char *buf, size_t len)
{
	size_t	n;

	if (fgets(buf, (int)len, stdin) == NULL) {
		fprintf(stderr, "portalctl: give the password on standard input\n");
		return (-1);
	}
	n = strcspn(buf, "\r\n");
	buf[n] = '\0';
	return (0);
}

/* Creates (or finds) an organisation; links a provider to its council. */
int
org_create(const char *kind, const char *name, const char *council, char *id)
{
	PGresult	*res, *cres;

	if ((res = db_q(ST_ORG_CREATE, kind, name)) == NULL || db_rows(res) != 1) {
		fprintf(stderr, "portalctl: cannot create organisation (is the kind right?)\n");
		PQclear(res);
		return (-1);
	}
	snprintf(id, 24, "%s", db_val(res, 0, 0));
	PQclear(res);
	if (council == NULL)
		return (0);
	if ((cres = db_q(ST_ORG_FIND, council)) == NULL || db_rows(cres) != 1 ||
	    strcmp(db_val(cres, 0, 1), "local_authority") != 0) {
		fprintf(stderr, "portalctl: no council named so\n");
		PQclear(cres);
		return (-1);
	}
	res = db_q(ST_ORG_LINK, db_val(cres, 0, 0), id);
	PQclear(cres);
	PQclear(res);
	return (res == NULL ? -1 : 0);
}

/*
 * The end of a reset of one account by email: res has its id (then
 * signed out everywhere by the statement), or no row. Clears res.
 */
static int
account_reset(PGresult *res, const char *what)
{
	int	rc = db_rows(res) == 1 ? 0 : 1;

	PQclear(res);
	if (rc)
		fprintf(stderr, "portalctl: no account with that email\n");
	else
		printf("%s; the account was signed out everywhere\n", what);
	return (rc);
}

/* 0 created, 1 already existed, -1 refused. */
int
account_create(const char *email, const char *role, const char *org,
    const char *name, const char *title, const char *pw)
{
	PGresult	*res, *ins;
	char		 hash[128];
	enum pw_verdict	 v;
	int		 rc;

	if (role_from_name(role) == ROLE__MAX) {
		fprintf(stderr, "portalctl: unknown role\n");
		return (-1);
	}
	if ((v = password_check(pw, email)) != PW_OK) {
		fprintf(stderr, "portalctl: %s\n", password_message(v));
		return (-1);
	}
	if ((res = db_q(ST_ORG_FIND, org)) == NULL || db_rows(res) != 1) {
		fprintf(stderr, "portalctl: no organisation named so\n");
		PQclear(res);
		return (-1);
	}
	if (password_hash(pw, hash) != 0) {
		PQclear(res);
		return (-1);
	}
	ins = db_q(ST_ACCOUNT_CREATE, db_val(res, 0, 0), role, email, name,
	    title, hash);
	rc = ins == NULL ? -1 : db_rows(ins) == 1 ? 0 : 1;
	PQclear(ins);
	PQclear(res);
	return (rc);
}

static int
cmd_create_org(int argc, char **argv)
{
	char	id[24];

	if (argc < 3 || argc > 4)
		return (usage());
	if (org_create(argv[1], argv[2], argc == 4 ? argv[3] : NULL, id) == -1)
		return (1);
	printf("%s\n", id);
	return (0);
}

static int
cmd_create_account(int argc, char **argv)
{
	char	pw[512];
	int	rc;

	if (argc < 5 || argc > 6)
		return (usage());
	if (read_password(pw, sizeof(pw)) == -1)
		return (1);
	rc = account_create(argv[1], argv[2], argv[3], argv[4],
	    argc == 6 ? argv[5] : "", pw);
	sodium_memzero(pw, sizeof(pw));
	if (rc == 1)
		fprintf(stderr, "portalctl: an account with that email exists\n");
	return (rc == 0 ? 0 : 1);
}

static int
cmd_reset_password(int argc, char **argv)
{
	PGresult	*res;
	char		 pw[512], hash[128];
	enum pw_verdict	 v;
	int		 rc;

	if (argc != 2)
		return (usage());
	if (read_password(pw, sizeof(pw)) == -1)
		return (1);
	if ((v = password_check(pw, argv[1])) != PW_OK) {
		fprintf(stderr, "portalctl: %s\n", password_message(v));
		return (1);
	}
	rc = password_hash(pw, hash);
	sodium_memzero(pw, sizeof(pw));
	if (rc != 0 || (res = db_q(ST_ACCOUNT_RESET, argv[1], hash)) == NULL)
		return (1);
	return (account_reset(res, "password reset"));
}

/*
 * Two-step verification cleared for a user who lost their phone: they
 * are signed out everywhere and set it up again after their password.
 */
static int
cmd_reset_two_step(int argc, char **argv)
{
	PGresult	*res;

	if (argc != 2)
		return (usage());
	if ((res = db_q(ST_TOTP_RESET, argv[1])) == NULL)
		return (1);
	return (account_reset(res, "two-step verification reset"));
}

/* Whether the staff of an organisation must use two-step verification. */
static int
cmd_require_two_step(int argc, char **argv)
{
	PGresult	*res;
	int		 rc;

	if (argc != 3 || (strcmp(argv[2], "yes") != 0 &&
	    strcmp(argv[2], "no") != 0))
		return (usage());
	if ((res = db_q(ST_ORG_REQUIRE_TWO_STEP, argv[1],
	    argv[2][0] == 'y' ? "t" : "f")) == NULL)
		return (1);
	rc = db_rows(res) >= 1 ? 0 : 1;
	PQclear(res);
	if (rc)
		fprintf(stderr, "portalctl: no organisation named so\n");
	else
		printf("%s: two-step verification %s for staff\n", argv[1],
		    argv[2][0] == 'y' ? "required" : "not required");
	return (rc);
}

/* A new API key for a council; only its hash is stored. */
static int
cmd_api_key(int argc, char **argv)
{
	PGresult	*res;
	char		 key[TOKEN_CHARS + 1], hash[65];

	if (argc != 2)
		return (usage());
	token_new(key);
	token_hash(key, hash);
	if ((res = db_q(ST_API_KEY_CREATE, argv[1], hash, "portalctl")) == NULL ||
	    strcmp(PQcmdTuples(res), "1") != 0) {
		fprintf(stderr, "portalctl: no council named so\n");
		PQclear(res);
		return (1);
	}
	PQclear(res);
	printf("%s\n", key);
	return (0);
}

/*
 * The kinds of advice an organisation gives (vocab.h); with kinds after
 * its name, those replace them. Each kind is checked against the list.
 */
static int
cmd_advice_kinds(int argc, char **argv)
{
	PGresult	*res;
	char		 list[256];
	size_t		 len = 0;
	int		 i, rc;

	if (argc < 2)
		return (usage());
	list[len++] = '{';
	for (i = 2; i < argc; i++) {
		if (vocab_kind(argv[i]) == NULL) {
			fprintf(stderr, "portalctl: %s is not a kind of advice\n",
			    argv[i]);
			return (2);
		}
		if (len + strlen(argv[i]) + 2 >= sizeof(list))
			return (usage());
		len += (size_t)snprintf(list + len, sizeof(list) - len, "%s%s",
		    i > 2 ? "," : "", argv[i]);
	}
	list[len++] = '}';
	list[len] = '\0';
	if ((res = db_q(ST_ORG_ADVICE_KINDS, argv[1], argc > 2 ? list : NULL)) == NULL)
		return (1);
	rc = db_rows(res) >= 1 ? 0 : 1;
	if (rc)
		fprintf(stderr, "portalctl: no organisation named so\n");
	else
		printf("%s: %s\n", argv[1], db_val(res, 0, 0));
	PQclear(res);
	return (rc);
}

/* A new random master key, written owner-read-only; never overwrites. */
static int
cmd_make_key(int argc, char **argv)
{
	unsigned char	 key[32];
	char		 hex[65];
	FILE		*fp;
	int		 fd;

	if (argc != 2)
		return (usage());
	if ((fd = open(argv[1], O_WRONLY | O_CREAT | O_EXCL, 0600)) == -1) {
		fprintf(stderr, "portalctl: cannot create %s (it may exist already)\n",
		    argv[1]);
		return (1);
	}
	randombytes_buf(key, sizeof(key));
	sodium_bin2hex(hex, sizeof(hex), key, sizeof(key));
	sodium_memzero(key, sizeof(key));
	if ((fp = fdopen(fd, "w")) == NULL || fprintf(fp, "%s\n", hex) != 65 ||
	    fclose(fp) != 0) {
		fprintf(stderr, "portalctl: cannot write %s\n", argv[1]);
		return (1);
	}
	sodium_memzero(hex, sizeof(hex));
	return (0);
}

int
main(int argc, char *argv[])
{
	const char	*conninfo;
	size_t		 i;

	if (sodium_init() < 0)
		return (1);
	if (argc < 2)
		return (usage());
	for (i = 0; i < sizeof(offline_cmds) / sizeof(offline_cmds[0]); i++)
		if (strcmp(offline_cmds[i].name, argv[1]) == 0)
			return (offline_cmds[i].fn(argc - 1, argv + 1));
	if ((conninfo = getenv("PORTAL_DB")) == NULL) {
		fprintf(stderr, "portalctl: set PORTAL_DB to a libpq connection string\n");
		return (1);
	}
	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
		if (strcmp(cmds[i].name, argv[1]) != 0)
			continue;
		if (db_open(conninfo) == -1)
			return (1);
		return (cmds[i].fn(argc - 1, argv + 1));
	}
	return (usage());
}
