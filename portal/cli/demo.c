/*
 * demo — fictional Demoshire for development and demonstrations; never
 * loaded by migrations. Idempotent: run again, nothing is duplicated.
 * The assessments are placed relative to today so the demo never ages:
 * one just received, one with advice in progress, one with advice
 * submitted and overdue advice outstanding.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "config.h"
#include "db.h"
#include "admin_sql.h"
#include "decision_sql.h"
#include "portalctl.h"
#include "template.h"
#include "token.h"
#include "validate.h"

/* Fictional Demoshire: one council, its providers and one account per role. */
static const struct { const char *kind, *name; } demo_orgs[] = {
	{ "local_authority", "Demoshire County Council" },
	{ "ep_service", "Demoshire Educational Psychology Service" },
	{ "nhs_body", "Demoshire Community Health NHS Trust" },
	{ "social_care", "Demoshire Children's Social Care" },
	{ "school", "Brookfield Primary School" },
	{ "school", "Hillcrest Academy" },
	{ "school", "Riverside Special School" },
};

static const struct { const char *email, *role, *org, *name, *title; } demo_accounts[] = {
	{ "caseworker@demo.test", "caseworker", "Demoshire County Council", "Casey Walker", "EHCP coordinator" },
	{ "manager@demo.test", "manager", "Demoshire County Council", "Morgan Hale", "SEND team manager" },
	{ "admin@demo.test", "admin", "Demoshire County Council", "Ade Mensah", "System administrator" },
	{ "parent@demo.test", "parent", "Demoshire County Council", "Pat Rowe", "Parent" },
	{ "eplead@demo.test", "service_lead", "Demoshire Educational Psychology Service", "Dr Elena Lewis", "Principal educational psychologist" },
	{ "ep@demo.test", "professional", "Demoshire Educational Psychology Service", "Dr Evan Price", "Educational psychologist" },
	{ "ep2@demo.test", "professional", "Demoshire Educational Psychology Service", "Dr Erin Poole", "Educational psychologist" },
	{ "dco@demo.test", "service_lead", "Demoshire Community Health NHS Trust", "Dana Cole", "Designated clinical officer" },
	{ "health@demo.test", "professional", "Demoshire Community Health NHS Trust", "Dr Harriet Ellis", "Community paediatrician" },
	{ "dsco@demo.test", "service_lead", "Demoshire Children's Social Care", "Sam Doyle", "Designated social care officer" },
	{ "socialcare@demo.test", "professional", "Demoshire Children's Social Care", "Sol Carter", "Social worker" },
	/* A school's SENCO (or head) is its service lead: sees and allocates
	 * every request to the school, and may write the advice themself. */
	{ "senco@demo.test", "service_lead", "Brookfield Primary School", "Sian Cooper", "SENCO" },
	{ "school@demo.test", "school_responder", "Hillcrest Academy", "Hugh Sterling", "Headteacher" },
	{ "hillcrest.senco@demo.test", "service_lead", "Hillcrest Academy", "Holly Lin", "SENCO" },
};

struct demo_request {
	const char	*kind, *org, *professional, *question;
	int		 requested_ago;	/* days before today */
	const char	*stage;		/* requested, allocated, draft, submitted, accepted */
};

static const struct {
	const char		*given, *family, *dob, *year, *setting, *nhs;
	int			 received_ago;
	struct demo_request	 requests[5];
} demo_cases[] = {
	{ "Amara", "Okafor", "2018-05-14", "Year 3", "Brookfield Primary School",
	  "9434765919", 30, {
	  { "psychological", "Demoshire Educational Psychology Service", "ep@demo.test",
	    "Please assess Amara's cognition and learning, and her communication needs.", 28, "draft" },
	  { "medical", "Demoshire Community Health NHS Trust", NULL,
	    "Please advise on Amara's health needs related to her SEN.", 28, "requested" },
	  { "educational", "Brookfield Primary School", "senco@demo.test",
	    "Please describe Amara's progress, needs and current support.", 28, "allocated" },
	  { "parent", "Demoshire County Council", "parent@demo.test",
	    "Please tell us about Amara: what she enjoys, what is hard and what you hope for.", 29, "submitted" },
	  { NULL, NULL, NULL, NULL, 0, NULL } } },
	{ "Leo", "Brennan", "2011-02-03", "Year 10", "Hillcrest Academy",
	  "", 60, {
	  { "psychological", "Demoshire Educational Psychology Service", "ep@demo.test",
	    "Please advise on Leo's social, emotional and mental health needs.", 56, "submitted" },
	  { "social_care", "Demoshire Children's Social Care", "socialcare@demo.test",
	    "Please advise on Leo's social care needs and any s.2 CSDPA provision.", 56, "allocated" },
	  { "educational", "Hillcrest Academy", NULL,
	    "Please describe Leo's attainment, needs and the support in place.", 56, "requested" },
	  { NULL, NULL, NULL, NULL, 0, NULL } } },
	{ "Maya", "Patel", "2021-09-30", "Reception", "Riverside Special School",
	  "", 4, {
	  { "psychological", "Demoshire Educational Psychology Service", NULL,
	    "Please advise on Maya's communication and interaction needs.", 3, "requested" },
	  { NULL, NULL, NULL, NULL, 0, NULL } } },
};

static struct tpl_set	demo_tpls;

/* One account's id by email into out; 0 ok. */
static int
account_id(const char *email, char out[24])
{
	PGresult	*res;
	int		 ok;

	res = db_q(ST_ACCOUNT_BY_EMAIL, email);
	ok = res != NULL && db_rows(res) == 1;
	if (ok)
		(void)snprintf(out, 24, "%s", db_val(res, 0, 0));
	PQclear(res);
	return (ok ? 0 : -1);
}

static int
org_id(const char *name, char out[24])
{
	PGresult	*res;
	int		 ok;

	res = db_q(ST_ORG_FIND, name);
	ok = res != NULL && db_rows(res) == 1;
	if (ok)
		(void)snprintf(out, 24, "%s", db_val(res, 0, 0));
	PQclear(res);
	return (ok ? 0 : -1);
}

/* Fills every text field of the template with plausible demo text. */
static int
demo_advice(const char *request, const struct tpl *t, const char *author,
    const char *stage, const char *caseworker)
{
	PGresult	*res;
	char		 ver[12], advice[24], today[11];
	size_t		 i, k;

	config_today(today);
	(void)snprintf(ver, sizeof(ver), "%d", t->version);
	if ((res = db_q(ST_ADVICE_CREATE, request, t->id, ver, author)) == NULL)
		return (-1);
	(void)snprintf(advice, sizeof(advice), "%s", db_val(res, 0, 0));
	PQclear(res);
	for (i = 0; i < t->nfields; i++) {
		const struct tpl_field *f = &t->fields[i];

		if (f->type == TPL_ROWS) {
			for (k = 0; k < f->ncolumns; k++)
				PQclear(db_q(ST_VALUE_INSERT, advice, f->id, "0",
				    f->columns[k].id, k == 0 ?
				    "Small-group language sessions" : k == 1 ?
				    "Speech and language therapy assistant" : k == 2 ?
				    "Three times a week, 30 minutes" : "Two terms, then review"));
		} else if (f->type == TPL_CHOICE && f->noptions > 0)
			PQclear(db_q(ST_VALUE_INSERT, advice, f->id, "-1", "",
			    f->options[0].value));
		else if (f->type == TPL_DATE)
			PQclear(db_q(ST_VALUE_INSERT, advice, f->id, "-1", "", today));
		else
			PQclear(db_q(ST_VALUE_INSERT, advice, f->id, "-1", "",
			    "Demonstration text: observed in class and at home over "
			    "two visits; the findings are summarised here."));
	}
	if (strcmp(stage, "draft") == 0) {
		PQclear(db_q(ST_REQUEST_STATUS, request, "draft"));
		return (0);
	}
	if (strcmp(t->kind, "parent") == 0)
		PQclear(db_q(ST_ADVICE_SUBMIT, advice, "Pat Rowe", "Parent", "", today));
	else
		PQclear(db_q(ST_ADVICE_SUBMIT, advice, "Dr Evan Price",
		    "Educational psychologist", "HCPC PYL01234", today));
	PQclear(db_q(ST_REQUEST_STATUS, request, "submitted"));
	if (strcmp(stage, "accepted") == 0) {
		PQclear(db_q(ST_ADVICE_REVIEW, advice, "accepted", "", caseworker));
		PQclear(db_q(ST_REQUEST_STATUS, request, "accepted"));
	}
	return (0);
}

/* A demo record the rules refuse: says which rule, and fails. */
static int
demo_refused(const struct verrs *e)
{
	fprintf(stderr, "portalctl: demo data: %s: %s\n",
	    vfield_api(e->e[0].field), e->e[0].message);
	return (-1);
}

/* The decision to assess, yes, recorded day days after received, as the
 * caseworker (the rules of validate.h, the statement of the page). */
static int
demo_decision(const char *id, const char *council, const char *caseworker,
    const char *received, int day)
{
	struct val_decision	 v;
	struct statutory	 st;
	struct verrs		 e;
	PGresult		*res;
	char			 on[DATE_LEN], today[DATE_LEN];
	int			 ok;

	config_today(today);
	if (date_add(received, day, on) == -1 ||
	    statutory_dates(received, &st) == -1)
		return (-1);
	memset(&v, 0, sizeof(v));
	v.kind = dec_kind_id(DEC_ASSESS);
	v.outcome = "yes";
	v.date = on;
	v.received = received;
	v.today = today;
	verrs_init(&e);
	if (val_decision(&v, &e) > 0)
		return (demo_refused(&e));
	res = db_qd(&decision_stmts[DS_CREATE], id, v.kind, "yes", on,
	    st.decision_due, caseworker, council, "caseworker");
	ok = res != NULL && db_rows(res) == 1;
	PQclear(res);
	return (ok ? 0 : -1);
}

static int
demo_case(size_t n, const char *council, const char *caseworker)
{
	const struct demo_request	*r;
	const struct tpl		*t;
	PGresult			*res;
	char				 received[11], requested[11], today[11];
	char				 id[24], org[24], prof[24], ver[12];
	long				 now;
	struct val_assessment		 v;
	struct val_request		 vr;
	struct verrs			 e;
	PGresult			*target;
	size_t				 rc;

	config_today(today);
	now = date_day(today);
	date_of_day(now - demo_cases[n].received_ago, received);
	/* The demo keeps the rules every door keeps (validate.h). */
	memset(&v, 0, sizeof(v));
	v.given = demo_cases[n].given;
	v.family = demo_cases[n].family;
	v.dob = demo_cases[n].dob;
	v.year_group = demo_cases[n].year;
	v.setting = demo_cases[n].setting;
	v.nhs_number = demo_cases[n].nhs;
	v.received = received;
	v.today = today;
	verrs_init(&e);
	if (val_assessment(&v, &e) > 0)
		return (demo_refused(&e));
	res = db_q(ST_ASSESSMENT_CREATE, council, demo_cases[n].given,
	    demo_cases[n].family, demo_cases[n].dob, demo_cases[n].year,
	    demo_cases[n].setting, demo_cases[n].nhs, "", received, caseworker);
	if (res == NULL || db_rows(res) != 1) {
		PQclear(res);
		return (-1);
	}
	(void)snprintf(id, sizeof(id), "%s", db_val(res, 0, 0));
	PQclear(res);
	PQclear(db_q(ST_CONTACT_CREATE, id, n == 0 ? "Pat Rowe" : "Jordan Brennan",
	    n == 0 ? "parent@demo.test" : "jordan.brennan@example.com",
	    n == 0 ? "Mother" : "Father"));
	for (r = demo_cases[n].requests; r->kind != NULL; r++) {
		if ((t = tpl_for_kind(&demo_tpls, r->kind)) == NULL ||
		    org_id(r->org, org) == -1)
			return (-1);
		if (r->professional != NULL && account_id(r->professional, prof) == -1)
			return (-1);
		date_of_day(now - r->requested_ago, requested);
		if ((target = db_q(ST_REQUEST_TARGET, id, org, council,
		    r->kind)) == NULL || db_rows(target) != 1) {
			PQclear(target);
			return (-1);
		}
		memset(&vr, 0, sizeof(vr));
		vr.kind = r->kind;
		vr.org_name = db_val(target, 0, 1);
		vr.org_kinds = db_val(target, 0, 2);
		vr.open_same = db_val(target, 0, 3)[0] == 't';
		vr.question = r->question;
		vr.requested = requested;
		vr.received = received;
		vr.year_group = demo_cases[n].year;
		vr.dob = demo_cases[n].dob;
		vr.today = today;
		rc = val_request(&vr, &e);
		PQclear(target);
		if (rc > 0)
			return (demo_refused(&e));
		(void)snprintf(ver, sizeof(ver), "%d", t->version);
		res = db_q(ST_REQUEST_CREATE, id, r->kind, "", org,
		    r->professional ? prof : NULL, t->id, ver, r->question,
		    requested, "f", caseworker);
		if (res == NULL || db_rows(res) != 1) {
			PQclear(res);
			return (-1);
		}
		if (strcmp(r->stage, "draft") == 0 || strcmp(r->stage, "submitted") == 0 ||
		    strcmp(r->stage, "accepted") == 0)
			(void)demo_advice(db_val(res, 0, 0), t, prof, r->stage, caseworker);
		PQclear(res);
	}
	/* Amara's assessment was decided on day 2 (her draft is served on
	 * the demo parent: demo_plan.c), Leo's on day 40 of 42. */
	if (n <= 1 && demo_decision(id, council, caseworker, received,
	    n == 0 ? 2 : 40) == -1)
		return (-1);
	return (0);
}

/* The demo assessments, once (none are added if the council has any). */
static int
demo_assessments(void)
{
	PGresult	*res;
	char		 council[24], caseworker[24], dir[1024], schema[1100], err[512];
	const char	*root = getenv("PORTAL_ROOT");
	size_t		 i;
	int		 have;

	if (org_id("Demoshire County Council", council) == -1 ||
	    account_id("caseworker@demo.test", caseworker) == -1)
		return (-1);
	res = db_qd(&admin_stmts[AS_CASELOAD_COUNT], caseworker, council,
	    "manager", "", "", NULL);
	have = res == NULL ? -1 : atoi(db_named(res, 0, "total"));
	PQclear(res);
	if (have != 0)
		return (have < 0 ? -1 : 0);
	(void)snprintf(dir, sizeof(dir), "%s/templates/advice", root ? root : ".");
	(void)snprintf(schema, sizeof(schema), "%s/template.rng", dir);
	if (tpl_set_load(&demo_tpls, dir, schema, err, sizeof(err)) != 0) {
		fprintf(stderr, "portalctl: advice templates: %s\n", err);
		return (-1);
	}
	for (i = 0; i < sizeof(demo_cases) / sizeof(demo_cases[0]); i++)
		if (demo_case(i, council, caseworker) == -1) {
			fprintf(stderr, "portalctl: cannot create demo assessment %zu\n", i);
			tpl_set_free(&demo_tpls);
			return (-1);
		}
	if (demo_plans(&demo_tpls, council, caseworker) == -1)
		fprintf(stderr, "portalctl: demo data: the demo plans were not made\n");
	i += (size_t)demo_worklists(council);
	tpl_set_free(&demo_tpls);
	if (demo_final(council, caseworker) == -1)
		return (-1);
	printf("demo data: %zu assessments\n", i);
	return (0);
}

int
cmd_demo_data(int argc, char **argv)
{
	char	id[24], hash[65];
	size_t	i;
	int	made = 0, rc;

	(void)argv;
	if (argc != 1)
		return (2);
	for (i = 0; i < sizeof(demo_orgs) / sizeof(demo_orgs[0]); i++)
		if (org_create(demo_orgs[i].kind, demo_orgs[i].name, i == 0 ?
		    NULL : demo_orgs[0].name, id) == -1)
			return (1);
	for (i = 0; i < sizeof(demo_accounts) / sizeof(demo_accounts[0]); i++) {
		rc = account_create(demo_accounts[i].email, demo_accounts[i].role,
		    demo_accounts[i].org, demo_accounts[i].name,
		    demo_accounts[i].title, DEMO_PASSWORD);
		if (rc == -1)
			return (1);
		made += rc == 0;
	}
	printf("demo data: %d new accounts (password %s)\n", made, DEMO_PASSWORD);
	token_hash(DEMO_API_KEY, hash);
	PQclear(db_q(ST_API_KEY_CREATE, demo_orgs[0].name, hash, "demo"));
	return (demo_assessments() == -1 || demo_consult() == -1 ? 1 : 0);
}

