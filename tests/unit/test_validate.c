/*
 * Every rule of validate.c, refused and accepted: the same rules the
 * forms, the API and portalctl apply (one test per rule).
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "validate.h"

#define TODAY	"2026-12-06"

static struct val_assessment
child(void)
{
	struct val_assessment	a;

	memset(&a, 0, sizeof(a));
	a.given = "Sam";
	a.family = "Demo";
	a.dob = "2016-04-02";
	a.year_group = "Year 5";
	a.setting = "Brookfield Primary School";
	a.nhs_number = "";
	a.upn = "";
	a.received = "2026-11-02";
	a.today = TODAY;
	return (a);
}

/* The only error is on field (exactly one). */
static void
only(const struct verrs *e, enum vfield f)
{
	ck_assert_uint_eq(e->n, 1);
	ck_assert_int_eq(e->e[0].field, f);
	ck_assert_int_gt((int)strlen(e->e[0].message), 10);
}

static struct val_request
request(void)
{
	struct val_request	r;

	memset(&r, 0, sizeof(r));
	r.kind = "psychological";
	r.org_name = "Demoshire Educational Psychology Service";
	r.org_kinds = "{psychological,other}";
	r.profession = "";
	r.question = "";
	r.requested = "2026-11-03";
	r.received = "2026-11-02";
	r.year_group = "Year 5";
	r.dob = "2016-04-02";
	r.today = TODAY;
	return (r);
}

START_TEST(test_assessment_ok)
{
	struct val_assessment	a = child();
	struct verrs		e;

	verrs_init(&e);
	ck_assert_uint_eq(val_assessment(&a, &e), 0);
	ck_assert_str_eq(a.nhs, "");
}
END_TEST

START_TEST(test_names)
{
	struct val_assessment	a = child();
	struct verrs		e;
	char			long_name[102];

	memset(long_name, 'x', 101);
	long_name[101] = '\0';
	verrs_init(&e);
	a.given = " ";
	(void)val_assessment(&a, &e);
	only(&e, VF_GIVEN_NAME);
	a = child();
	a.family = long_name;
	verrs_init(&e);
	(void)val_assessment(&a, &e);
	only(&e, VF_FAMILY_NAME);
	long_name[100] = '\0';		/* 100: accepted */
	verrs_init(&e);
	ck_assert_uint_eq(val_assessment(&a, &e), 0);
	/* Characters, not bytes: 100 "é" are 200 bytes and accepted. */
	{
		char	u[201];
		int	i;

		for (i = 0; i < 100; i++)
			memcpy(u + 2 * i, "\xc3\xa9", 2);
		u[200] = '\0';
		a.given = u;
		verrs_init(&e);
		ck_assert_uint_eq(val_assessment(&a, &e), 0);
	}
}
END_TEST

START_TEST(test_received_not_in_future)
{
	struct val_assessment	a = child();
	struct verrs		e;

	a.received = "2026-12-07";
	verrs_init(&e);
	(void)val_assessment(&a, &e);
	only(&e, VF_RECEIVED);
	a.received = TODAY;
	verrs_init(&e);
	ck_assert_uint_eq(val_assessment(&a, &e), 0);
	a.received = "2016-04-01";	/* before birth */
	verrs_init(&e);
	(void)val_assessment(&a, &e);
	only(&e, VF_RECEIVED);
	a.received = "";
	verrs_init(&e);
	(void)val_assessment(&a, &e);
	only(&e, VF_RECEIVED);
}
END_TEST

START_TEST(test_dob)
{
	struct val_assessment	a = child();
	struct verrs		e;

	a.dob = "2026-12-07";
	verrs_init(&e);
	(void)val_assessment(&a, &e);
	ck_assert_int_eq(verrs_has(&e, VF_DOB), 1);
	a.dob = "2015-02-29";
	verrs_init(&e);
	(void)val_assessment(&a, &e);
	only(&e, VF_DOB);
}
END_TEST

START_TEST(test_year_group)
{
	struct val_assessment	a = child();
	struct verrs		e;

	a.year_group = "Year 15";
	verrs_init(&e);
	(void)val_assessment(&a, &e);
	only(&e, VF_YEAR_GROUP);
	a.year_group = "Reception";
	verrs_init(&e);
	ck_assert_uint_eq(val_assessment(&a, &e), 0);
	a.year_group = "";		/* not known: allowed */
	verrs_init(&e);
	ck_assert_uint_eq(val_assessment(&a, &e), 0);
}
END_TEST

START_TEST(test_setting_length)
{
	struct val_assessment	a = child();
	struct verrs		e;
	char			s[202];

	memset(s, 's', 201);
	s[201] = '\0';
	a.setting = s;
	verrs_init(&e);
	(void)val_assessment(&a, &e);
	only(&e, VF_SETTING);
	s[200] = '\0';
	verrs_init(&e);
	ck_assert_uint_eq(val_assessment(&a, &e), 0);
}
END_TEST

START_TEST(test_nhs_number)
{
	struct val_assessment	a = child();
	struct verrs		e;

	a.nhs_number = "943 476 5919";	/* spaces as typed, check digit 9 */
	verrs_init(&e);
	ck_assert_uint_eq(val_assessment(&a, &e), 0);
	ck_assert_str_eq(a.nhs, "9434765919");
	a.nhs_number = "485 777 3456";	/* the old hint: check digit is 7 */
	verrs_init(&e);
	(void)val_assessment(&a, &e);
	only(&e, VF_NHS_NUMBER);
	ck_assert_str_eq(a.nhs, "");
	ck_assert_ptr_nonnull(strstr(e.e[0].message, "943 476 5919"));
	a.nhs_number = "943476591";	/* nine digits */
	verrs_init(&e);
	(void)val_assessment(&a, &e);
	only(&e, VF_NHS_NUMBER);
}
END_TEST

START_TEST(test_upn)
{
	struct val_assessment	a = child();
	struct verrs		e;

	a.upn = "A12345678901";
	verrs_init(&e);
	(void)val_assessment(&a, &e);
	only(&e, VF_UPN);
}
END_TEST

START_TEST(test_contact)
{
	struct verrs	e;
	char		name[202], rel[102];

	verrs_init(&e);
	ck_assert_uint_eq(val_contact("Pat Rowe", "pat@example.com", "Mother", &e), 0);
	ck_assert_uint_eq(val_contact("Pat Rowe", "pat@example.com", NULL, &e), 0);
	memset(name, 'n', 201);
	name[201] = '\0';
	(void)val_contact(name, "pat@example.com", "", &e);
	only(&e, VF_PARENT_NAME);
	verrs_init(&e);
	(void)val_contact("", "pat@example.com", "", &e);
	only(&e, VF_PARENT_NAME);
	verrs_init(&e);
	(void)val_contact("Pat", "pat@", "", &e);
	only(&e, VF_PARENT_EMAIL);
	memset(rel, 'r', 101);
	rel[101] = '\0';
	verrs_init(&e);
	(void)val_contact("Pat", "pat@example.com", rel, &e);
	only(&e, VF_RELATIONSHIP);
	verrs_init(&e);
	(void)val_contact_email("pat example.com", &e);
	only(&e, VF_PARENT_EMAIL);
}
END_TEST

START_TEST(test_duplicate)
{
	struct verrs	e;

	verrs_init(&e);
	ck_assert_uint_eq(val_duplicate(NULL, 0, &e), 0);
	ck_assert_uint_eq(val_duplicate("", 0, &e), 0);
	ck_assert_uint_eq(val_duplicate("EHC-2026-00004", 1, &e), 0);
	ck_assert_uint_eq(val_duplicate("EHC-2026-00004", 0, &e), 1);
	only(&e, VF_DUPLICATE);
	ck_assert_ptr_nonnull(strstr(e.e[0].message, "EHC-2026-00004"));
}
END_TEST

START_TEST(test_request_ok)
{
	struct val_request	r = request();
	struct verrs		e;

	verrs_init(&e);
	ck_assert_uint_eq(val_request(&r, &e), 0);
}
END_TEST

START_TEST(test_request_kind)
{
	struct val_request	r = request();
	struct verrs		e;

	r.kind = "astrological";
	verrs_init(&e);
	(void)val_request(&r, &e);
	only(&e, VF_KIND);
}
END_TEST

START_TEST(test_request_org_gives_kind)
{
	struct val_request	r = request();
	struct verrs		e;

	r.kind = "medical";
	verrs_init(&e);
	(void)val_request(&r, &e);
	only(&e, VF_ORGANISATION);
	ck_assert_ptr_nonnull(strstr(e.e[0].message, "Medical advice"));
	r.org_name = NULL;		/* not serving the council */
	verrs_init(&e);
	(void)val_request(&r, &e);
	only(&e, VF_ORGANISATION);
}
END_TEST

START_TEST(test_request_open_same)
{
	struct val_request	r = request();
	struct verrs		e;

	r.open_same = 1;
	verrs_init(&e);
	(void)val_request(&r, &e);
	only(&e, VF_KIND);
}
END_TEST

START_TEST(test_request_dates)
{
	struct val_request	r = request();
	struct verrs		e;

	r.requested = "2026-12-07";	/* tomorrow */
	verrs_init(&e);
	(void)val_request(&r, &e);
	only(&e, VF_REQUESTED);
	r.requested = "2026-11-01";	/* before the request for assessment */
	verrs_init(&e);
	(void)val_request(&r, &e);
	only(&e, VF_REQUESTED);
	r.requested = "2026-02-30";
	verrs_init(&e);
	(void)val_request(&r, &e);
	only(&e, VF_REQUESTED);
}
END_TEST

START_TEST(test_request_lengths)
{
	struct val_request	r = request();
	struct verrs		e;
	char			*q = malloc(5002);

	memset(q, 'q', 5001);
	q[5001] = '\0';
	r.question = q;
	verrs_init(&e);
	(void)val_request(&r, &e);
	only(&e, VF_QUESTION);
	q[5000] = '\0';
	verrs_init(&e);
	ck_assert_uint_eq(val_request(&r, &e), 0);
	q[101] = '\0';
	r.question = "";
	r.kind = "other";
	r.profession = q;
	verrs_init(&e);
	(void)val_request(&r, &e);
	only(&e, VF_PROFESSION);
	r.profession = " ";		/* other needs a profession */
	verrs_init(&e);
	(void)val_request(&r, &e);
	only(&e, VF_PROFESSION);
	free(q);
}
END_TEST

START_TEST(test_preparing_for_adulthood)
{
	struct val_request	r = request();
	struct verrs		e;

	r.kind = "preparing_for_adulthood";
	r.org_kinds = "{educational,preparing_for_adulthood}";
	verrs_init(&e);
	(void)val_request(&r, &e);	/* Year 5 */
	only(&e, VF_KIND);
	r.year_group = "Year 9";
	verrs_init(&e);
	ck_assert_uint_eq(val_request(&r, &e), 0);
	/* Year group not known: by age, 13 on the date requested. */
	ck_assert_int_eq(val_pfa_allowed("", "2013-11-03", "2026-11-03"), 1);
	ck_assert_int_eq(val_pfa_allowed("", "2013-11-04", "2026-11-03"), 0);
	ck_assert_int_eq(val_pfa_allowed(NULL, "2012-02-29", "2025-02-28"), 1);
	ck_assert_int_eq(val_pfa_allowed("Year 8", "2000-01-01", "2026-11-03"), 0);
	ck_assert_int_eq(val_pfa_allowed("Post-19", "2000-01-01", "2026-11-03"), 1);
}
END_TEST

START_TEST(test_exception)
{
	struct verrs	e;

	verrs_init(&e);
	ck_assert_uint_eq(val_exception("school_closure", "2026-07-20",
	    "2026-08-16", "Summer holiday", &e), 0);	/* 28 days */
	(void)val_exception("school_closure", "2026-07-20", "2026-08-15",
	    "Summer holiday", &e);			/* 27 days */
	only(&e, VF_EXC_ENDS);
	verrs_init(&e);
	(void)val_exception("absence", "2026-07-20", "2026-07-30", "Away", &e);
	only(&e, VF_EXC_ENDS);
	verrs_init(&e);
	ck_assert_uint_eq(val_exception("missed_appointment", "2026-07-20",
	    "2026-07-20", "Ill on the day", &e), 0);
	(void)val_exception("missed_appointment", "2026-07-20", "2026-07-19",
	    "Backwards", &e);
	only(&e, VF_EXC_ENDS);
	verrs_init(&e);
	(void)val_exception("waiting_list", "2026-07-20", "2026-08-20", "No", &e);
	only(&e, VF_EXC_KIND);
	verrs_init(&e);
	(void)val_exception("absence", "", "2026-08-20", "Away", &e);
	only(&e, VF_EXC_STARTS);
	verrs_init(&e);
	(void)val_exception("absence", "2026-07-01", "2026-08-20", " ", &e);
	only(&e, VF_EXC_REASON);
}
END_TEST

START_TEST(test_promised)
{
	struct verrs	e;
	int		late;

	verrs_init(&e);
	ck_assert_uint_eq(val_promised("2026-12-10", TODAY, "2026-12-15", &late, &e), 0);
	ck_assert_int_eq(late, 0);
	ck_assert_uint_eq(val_promised("2026-12-15", TODAY, "2026-12-15", &late, &e), 0);
	ck_assert_int_eq(late, 0);
	/* After the due date: accepted, with a warning. */
	ck_assert_uint_eq(val_promised("2026-12-16", TODAY, "2026-12-15", &late, &e), 0);
	ck_assert_int_eq(late, 1);
	ck_assert_uint_eq(e.n, 0);
	(void)val_promised("2026-12-05", TODAY, "2026-12-15", &late, &e);
	only(&e, VF_PROMISED);
}
END_TEST

/* A decision on a case received 2026-08-03, with what is recorded. */
static struct val_decision
dec(const char *kind, const char *outcome, const char *date)
{
	struct val_decision	d;

	memset(&d, 0, sizeof(d));
	d.kind = kind;
	d.outcome = outcome;
	d.date = date;
	d.received = "2026-08-03";
	d.today = TODAY;
	return (d);
}

START_TEST(test_decision_ok)
{
	struct val_decision	d = dec("decision_to_assess", "yes", "2026-09-10");
	struct verrs		e;

	verrs_init(&e);
	ck_assert_uint_eq(val_decision(&d, &e), 0);
	d = dec("plan_decision", "yes", "2026-11-01");
	d.done_on[DEC_ASSESS] = "2026-09-10";
	d.done_outcome[DEC_ASSESS] = "yes";
	ck_assert_uint_eq(val_decision(&d, &e), 0);
	d.kind = "draft_issued";
	d.outcome = NULL;
	d.done_on[DEC_PLAN] = "2026-11-01";
	d.done_outcome[DEC_PLAN] = "yes";
	ck_assert_uint_eq(val_decision(&d, &e), 0);
	d.kind = "final_issued";
	d.date = TODAY;			/* today is not the future */
	d.done_on[DEC_DRAFT] = "2026-11-01";	/* same day is in order */
	ck_assert_uint_eq(val_decision(&d, &e), 0);
	ck_assert_int_eq(dec_kind_of("final_issued"), DEC_FINAL);
	ck_assert_int_eq(dec_kind_of("final"), DEC__MAX);
	ck_assert_str_eq(dec_kind_id(DEC_PLAN), "plan_decision");
}
END_TEST

START_TEST(test_decision_kind_outcome)
{
	struct val_decision	d = dec("appeal", "yes", "2026-09-10");
	struct verrs		e;

	verrs_init(&e);
	(void)val_decision(&d, &e);
	only(&e, VF_DEC_KIND);
	verrs_init(&e);
	d = dec("decision_to_assess", NULL, "2026-09-10");
	(void)val_decision(&d, &e);
	only(&e, VF_DEC_OUTCOME);
	verrs_init(&e);
	d = dec("decision_to_assess", "maybe", "2026-09-10");
	(void)val_decision(&d, &e);
	only(&e, VF_DEC_OUTCOME);
}
END_TEST

START_TEST(test_decision_dates)
{
	struct val_decision	d = dec("decision_to_assess", "yes", "");
	struct verrs		e;

	verrs_init(&e);
	(void)val_decision(&d, &e);			/* not a real date */
	only(&e, VF_DEC_DATE);
	verrs_init(&e);
	d = dec("decision_to_assess", "yes", "2026-12-07");	/* tomorrow */
	(void)val_decision(&d, &e);
	only(&e, VF_DEC_DATE);
	verrs_init(&e);
	d = dec("decision_to_assess", "no", "2026-08-02");	/* before received */
	(void)val_decision(&d, &e);
	only(&e, VF_DEC_DATE);
	verrs_init(&e);
	d = dec("decision_to_assess", "no", "2026-08-03");	/* the same day */
	ck_assert_uint_eq(val_decision(&d, &e), 0);
}
END_TEST

START_TEST(test_decision_order)
{
	struct val_decision	d = dec("plan_decision", "yes", "2026-10-01");
	struct verrs		e;

	verrs_init(&e);
	(void)val_decision(&d, &e);		/* no decision to assess yet */
	only(&e, VF_DEC_KIND);
	verrs_init(&e);
	d = dec("final_issued", NULL, "2026-10-01");	/* no draft yet */
	d.done_on[DEC_ASSESS] = d.done_on[DEC_PLAN] = "2026-09-01";
	d.done_outcome[DEC_ASSESS] = d.done_outcome[DEC_PLAN] = "yes";
	(void)val_decision(&d, &e);
	only(&e, VF_DEC_KIND);
	verrs_init(&e);
	d = dec("plan_decision", "yes", "2026-09-01");	/* before the one before */
	d.done_on[DEC_ASSESS] = "2026-09-10";
	d.done_outcome[DEC_ASSESS] = "yes";
	(void)val_decision(&d, &e);
	only(&e, VF_DEC_DATE);
}
END_TEST

START_TEST(test_decision_once_and_no_ends)
{
	struct val_decision	d = dec("decision_to_assess", "yes", "2026-09-10");
	struct verrs		e;

	verrs_init(&e);
	d.done_on[DEC_ASSESS] = "2026-09-01";	/* a second one */
	d.done_outcome[DEC_ASSESS] = "yes";
	(void)val_decision(&d, &e);
	only(&e, VF_DEC_KIND);
	verrs_init(&e);
	d = dec("plan_decision", "yes", "2026-09-10");	/* after a "no" */
	d.done_on[DEC_ASSESS] = "2026-09-01";
	d.done_outcome[DEC_ASSESS] = "no";
	(void)val_decision(&d, &e);
	only(&e, VF_DEC_KIND);
	ck_assert_ptr_nonnull(strstr(e.e[0].message, "ended"));
	verrs_init(&e);
	d = dec("draft_issued", NULL, "2026-11-10");	/* no plan */
	d.done_on[DEC_ASSESS] = "2026-09-01";
	d.done_outcome[DEC_ASSESS] = "yes";
	d.done_on[DEC_PLAN] = "2026-11-01";
	d.done_outcome[DEC_PLAN] = "no";
	(void)val_decision(&d, &e);
	only(&e, VF_DEC_KIND);
	verrs_init(&e);
	d = dec("draft_issued", NULL, "2026-11-20");	/* a second draft: yes */
	d.done_on[DEC_ASSESS] = d.done_on[DEC_PLAN] = "2026-09-01";
	d.done_outcome[DEC_ASSESS] = d.done_outcome[DEC_PLAN] = "yes";
	d.done_on[DEC_DRAFT] = "2026-11-10";
	ck_assert_uint_eq(val_decision(&d, &e), 0);
	d.done_on[DEC_FINAL] = "2026-11-15";		/* not after the final */
	(void)val_decision(&d, &e);
	only(&e, VF_DEC_KIND);
}
END_TEST

START_TEST(test_field_names)
{
	enum vfield	f;

	for (f = 0; f < VF__MAX; f++) {
		ck_assert_int_gt((int)strlen(vfield_form(f)), 0);
		ck_assert_int_gt((int)strlen(vfield_api(f)), 0);
	}
	ck_assert_str_eq(vfield_api(VF_PARENT_NAME), "parent.name");
	ck_assert_str_eq(vfield_form(VF_RECEIVED), "received-day");
	ck_assert_str_eq(vfield_api(VF_SETTING), "child.current_setting");
}
END_TEST

/* A consultation: a setting ticked or typed, a real past date after the
 * request; no plan, a final plan, an open one and bad dates refused. */
static struct val_consultation
con_ok(void)
{
	struct val_consultation	v;

	memset(&v, 0, sizeof(v));
	v.plan = VAL_PLAN_DRAFT;
	v.chosen = 1;
	v.sent = "2026-06-01";
	v.received = "2026-01-10";
	v.today = "2026-06-02";
	return (v);
}

START_TEST(test_consultation_ok)
{
	struct val_consultation	v = con_ok();
	struct verrs		e;

	verrs_init(&e);
	ck_assert_uint_eq(val_consultation(&v, &e), 0);
	v.chosen = 0;
	v.typed = "Oakfield Independent School";
	ck_assert_uint_eq(val_consultation(&v, &e), 0);
	v.sent = "2026-06-02";	/* today */
	ck_assert_uint_eq(val_consultation(&v, &e), 0);
}
END_TEST

START_TEST(test_consultation_refusals)
{
	struct val_consultation	v;
	struct verrs		e;
	char			long_name[300];

	v = con_ok();
	v.plan = VAL_PLAN_NONE;
	verrs_init(&e);
	ck_assert_uint_eq(val_consultation(&v, &e), 1);
	ck_assert(verrs_has(&e, VF_CON_SETTING));
	ck_assert_ptr_nonnull(strstr(e.e[0].message, "Assemble the draft plan"));
	v = con_ok();
	v.plan = VAL_PLAN_FINAL;
	verrs_init(&e);
	ck_assert_uint_eq(val_consultation(&v, &e), 1);
	v = con_ok();
	v.plan = VAL_PLAN_ENDED;
	verrs_init(&e);
	ck_assert_uint_eq(val_consultation(&v, &e), 1);
	ck_assert_ptr_nonnull(strstr(e.e[0].message, "has ended"));
	v = con_ok();
	v.chosen = 0;
	v.typed = "  ";
	verrs_init(&e);
	ck_assert_uint_eq(val_consultation(&v, &e), 1);
	ck_assert(verrs_has(&e, VF_CON_SETTING));
	v = con_ok();
	v.unknown = 1;
	verrs_init(&e);
	ck_assert_uint_eq(val_consultation(&v, &e), 1);
	v = con_ok();
	v.open_listed = "Hillcrest Academy";
	verrs_init(&e);
	ck_assert_uint_eq(val_consultation(&v, &e), 1);
	ck_assert_ptr_nonnull(strstr(e.e[0].message, "Hillcrest Academy has already"));
	v = con_ok();
	v.typed = "Oak";
	v.open_typed = "Oak";
	verrs_init(&e);
	ck_assert_uint_eq(val_consultation(&v, &e), 1);
	ck_assert(verrs_has(&e, VF_CON_NAME));
	memset(long_name, 'x', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	v = con_ok();
	v.typed = long_name;
	verrs_init(&e);
	ck_assert_uint_eq(val_consultation(&v, &e), 1);
	ck_assert(verrs_has(&e, VF_CON_NAME));
}
END_TEST

START_TEST(test_consultation_dates)
{
	struct val_consultation	v;
	struct verrs		e;
	const char		*bad[] = { "", "2026-02-30", "2026-06-03",
				    "2026-01-09" };
	size_t			i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		v = con_ok();
		v.sent = bad[i];
		verrs_init(&e);
		ck_assert_uint_eq(val_consultation(&v, &e), 1);
		ck_assert(verrs_has(&e, VF_CON_SENT));
	}
	ck_assert_str_eq(vfield_form(VF_CON_SENT), "sent-day");
	ck_assert_str_eq(vfield_api(VF_CON_SENT), "sent_on");
}
END_TEST

START_TEST(test_consult_answer)
{
	struct verrs	e;
	char		big[5100];

	verrs_init(&e);
	ck_assert_uint_eq(val_consult_answer("can_meet", "", "", "", &e), 0);
	ck_assert_uint_eq(val_consult_answer("cannot_meet", "No lift", "", "", &e), 0);
	ck_assert_uint_eq(val_consult_answer(NULL, "", "", "", &e), 1);
	ck_assert(verrs_has(&e, VF_CON_ANSWER));
	verrs_init(&e);
	ck_assert_uint_eq(val_consult_answer("maybe", "", "", "", &e), 1);
	verrs_init(&e);
	ck_assert_uint_eq(val_consult_answer("cannot_meet", " \n", "", "", &e), 1);
	ck_assert(verrs_has(&e, VF_CON_REASONS));
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	verrs_init(&e);
	ck_assert_uint_eq(val_consult_answer("can_meet", "", big, big, &e), 2);
	ck_assert(verrs_has(&e, VF_CON_ADJUSTMENTS));
	ck_assert(verrs_has(&e, VF_CON_COSTS));
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("validate");
	TCase	*tc = tcase_create("rules");
	SRunner	*sr;
	int	 failed;

	tcase_add_test(tc, test_assessment_ok);
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_received_not_in_future);
	tcase_add_test(tc, test_dob);
	tcase_add_test(tc, test_year_group);
	tcase_add_test(tc, test_setting_length);
	tcase_add_test(tc, test_nhs_number);
	tcase_add_test(tc, test_upn);
	tcase_add_test(tc, test_contact);
	tcase_add_test(tc, test_duplicate);
	tcase_add_test(tc, test_request_ok);
	tcase_add_test(tc, test_request_kind);
	tcase_add_test(tc, test_request_org_gives_kind);
	tcase_add_test(tc, test_request_open_same);
	tcase_add_test(tc, test_request_dates);
	tcase_add_test(tc, test_request_lengths);
	tcase_add_test(tc, test_preparing_for_adulthood);
	tcase_add_test(tc, test_exception);
	tcase_add_test(tc, test_promised);
	tcase_add_test(tc, test_field_names);
	tcase_add_test(tc, test_decision_ok);
	tcase_add_test(tc, test_decision_kind_outcome);
	tcase_add_test(tc, test_decision_dates);
	tcase_add_test(tc, test_decision_order);
	tcase_add_test(tc, test_decision_once_and_no_ends);
	tcase_add_test(tc, test_consultation_ok);
	tcase_add_test(tc, test_consultation_refusals);
	tcase_add_test(tc, test_consultation_dates);
	tcase_add_test(tc, test_consult_answer);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
