/* The SEN2 extract's items and codes (portal/domain/sen2.c). */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "sen2.h"

static const struct sen2_case	issued = {
	"R1", "Jones", "Amy", "2015-05-01", "A123456789012", "2026-01-05",
	"yes", "2026-02-10", "yes", "2026-04-20", "2026-05-20", 1
};

START_TEST(test_codes)
{
	struct sen2_case	 c = issued;
	const char		*v[S2__MAX];

	sen2_items(&c, v);
	ck_assert_str_eq(v[S2_REQUEST_OUTCOME], "A");
	ck_assert_str_eq(v[S2_REQUEST_OUTCOME_DATE], "2026-02-10");
	ck_assert_str_eq(v[S2_ASSESSMENT_OUTCOME], "Y");
	ck_assert_str_eq(v[S2_ASSESSMENT_OUTCOME_DATE], "2026-04-20");
	ck_assert_str_eq(v[S2_WEEK20_EXCEPTION], "1");
	ck_assert_str_eq(v[S2_START_DATE], "2026-05-20");
	/* A decision not to assess: B, and nothing of the later modules. */
	c.assess_outcome = "no";
	sen2_items(&c, v);
	ck_assert_str_eq(v[S2_REQUEST_OUTCOME], "B");
	ck_assert_str_eq(v[S2_ASSESSMENT_OUTCOME], "");
	ck_assert_str_eq(v[S2_WEEK20_EXCEPTION], "");
	ck_assert_str_eq(v[S2_START_DATE], "");
	/* Undecided: every outcome empty. */
	c.assess_outcome = "";
	c.assess_on = "";
	sen2_items(&c, v);
	ck_assert_str_eq(v[S2_REQUEST_OUTCOME], "");
	ck_assert_str_eq(v[S2_REQUEST_OUTCOME_DATE], "");
	/* A plan decision of no. */
	c = issued;
	c.plan_outcome = "no";
	c.final_on = "";
	c.exception = 0;
	sen2_items(&c, v);
	ck_assert_str_eq(v[S2_ASSESSMENT_OUTCOME], "N");
	ck_assert_str_eq(v[S2_WEEK20_EXCEPTION], "0");
}
END_TEST

START_TEST(test_csv_neutralises)
{
	struct sen2_case	c = issued;
	struct sbuf		b;

	c.surname = "=HYPERLINK(\"x\")";
	sbuf_init(&b);
	sen2_csv(&b, &c, 1);
	sbuf_append(&b, "", 1);
	ck_assert_ptr_nonnull(strstr(b.data, "LAReference,Surname,Forename,"
	    "PersonBirthDate,UPN,ReceivedDate,RequestOutcomeDate,RequestOutcome,"
	    "AssessmentOutcomeDate,AssessmentOutcome,Week20exception,StartDate\r\n"));
	ck_assert_ptr_nonnull(strstr(b.data, "\r\nR1,\"'=HYPERLINK(\"\"x\"\")\","
	    "Amy,2015-05-01,A123456789012,2026-01-05,2026-02-10,A,2026-04-20,Y,1,"
	    "2026-05-20\r\n"));
	sbuf_free(&b);
}
END_TEST

START_TEST(test_xml_nesting)
{
	struct sen2_case	c[2] = { issued, issued };
	struct sbuf		b;

	c[1].reference = "R2 <&>";
	c[1].assess_outcome = "no";
	sbuf_init(&b);
	ck_assert_int_eq(sen2_xml(&b, c, 2, 2026, "Demoshire"), 0);
	sbuf_append(&b, "", 1);
	ck_assert_ptr_nonnull(strstr(b.data, "<Year>2026</Year>"));
	ck_assert_ptr_nonnull(strstr(b.data, "<RequestOutcome>A</RequestOutcome>\n"
	    "          <Assessment>\n"
	    "            <AssessmentOutcomeDate>2026-04-20</AssessmentOutcomeDate>"));
	ck_assert_ptr_nonnull(strstr(b.data, "<NamedPlan>\n"
	    "              <StartDate>2026-05-20</StartDate>"));
	/* Escaped text; no Assessment after a "no". */
	ck_assert_ptr_nonnull(strstr(b.data, "<LAReference>R2 &lt;&amp;&gt;</LAReference>"));
	ck_assert_ptr_null(strstr(strstr(b.data, "R2 &lt;"), "<Assessment>"));
	sbuf_free(&b);
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("sen2");
	TCase	*tc = tcase_create("core");
	SRunner	*sr;
	int	 failed;

	tcase_add_test(tc, test_codes);
	tcase_add_test(tc, test_csv_neutralises);
	tcase_add_test(tc, test_xml_nesting);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
