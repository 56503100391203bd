/* The CSV reader (RFC 4180) and the case import's checks, rule by rule. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csvread.h"

static struct csv_doc	doc;
static char		err[200];

static int
parse(const char *s)
{
	return (csv_parse(s, strlen(s), &doc, err, sizeof(err)));
}

START_TEST(test_csv_plain_lf_and_crlf)
{
	ck_assert_int_eq(parse("a,b,c\n1,2,3\r\nx,,z"), 0);
	ck_assert_uint_eq(doc.n, 3);
	ck_assert_uint_eq(doc.rec[0].n, 3);
	ck_assert_str_eq(doc.rec[1].field[2], "3");
	ck_assert_str_eq(doc.rec[2].field[1], "");
	ck_assert_str_eq(doc.rec[2].field[2], "z");
	ck_assert_uint_eq(doc.rec[0].line, 1);
	ck_assert_uint_eq(doc.rec[1].line, 2);
	ck_assert_uint_eq(doc.rec[2].line, 3);
	csv_free(&doc);
	/* A final line break makes no extra record; a lone CR ends one. */
	ck_assert_int_eq(parse("a\r\nb\r\n"), 0);
	ck_assert_uint_eq(doc.n, 2);
	csv_free(&doc);
	ck_assert_int_eq(parse("a\rb\r"), 0);
	ck_assert_uint_eq(doc.n, 2);
	ck_assert_str_eq(doc.rec[1].field[0], "b");
	ck_assert_uint_eq(doc.rec[1].line, 2);
	csv_free(&doc);
	ck_assert_int_eq(parse(""), 0);
	ck_assert_uint_eq(doc.n, 0);
	csv_free(&doc);
}
END_TEST

START_TEST(test_csv_quoted)
{
	ck_assert_int_eq(parse("\"a,b\",\"say \"\"hi\"\"\",\"\"\n"
	    "\"two\r\nlines\",x\n\"three\nmore\nlines\"\nlast,\n"), 0);
	ck_assert_uint_eq(doc.n, 4);
	ck_assert_str_eq(doc.rec[0].field[0], "a,b");
	ck_assert_str_eq(doc.rec[0].field[1], "say \"hi\"");
	ck_assert_str_eq(doc.rec[0].field[2], "");
	ck_assert_str_eq(doc.rec[1].field[0], "two\r\nlines");
	ck_assert_uint_eq(doc.rec[1].line, 2);
	ck_assert_uint_eq(doc.rec[2].line, 4);	/* after a two-line field */
	ck_assert_str_eq(doc.rec[2].field[0], "three\nmore\nlines");
	ck_assert_uint_eq(doc.rec[3].line, 7);
	ck_assert_uint_eq(doc.rec[3].n, 2);	/* trailing comma: empty */
	ck_assert_str_eq(doc.rec[3].field[1], "");
	csv_free(&doc);
}
END_TEST

START_TEST(test_csv_bom)
{
	ck_assert_int_eq(parse("\xef\xbb\xbfreference,x\n1,2\n"), 0);
	ck_assert_str_eq(doc.rec[0].field[0], "reference");
	csv_free(&doc);
	/* Only at the very start. */
	ck_assert_int_eq(parse("a\n\xef\xbb\xbf" "b\n"), 0);
	ck_assert_str_eq(doc.rec[1].field[0], "\xef\xbb\xbf" "b");
	csv_free(&doc);
}
END_TEST

START_TEST(test_csv_refusals)
{
	ck_assert_int_eq(parse("a,b\n\"open,\nstill\n"), -1);
	ck_assert_str_eq(err, "a quoted field is never closed");
	ck_assert_uint_eq(doc.err_line, 2);
	ck_assert_uint_eq(doc.n, 0);
	ck_assert_int_eq(parse("a\n\"x\"y,z\n"), -1);
	ck_assert_ptr_nonnull(strstr(err, "text after a closing quote"));
	ck_assert_uint_eq(doc.err_line, 2);
	ck_assert_int_eq(parse("a\nb\nab\"c\n"), -1);
	ck_assert_ptr_nonnull(strstr(err, "does not start with a quote"));
	ck_assert_uint_eq(doc.err_line, 3);
	ck_assert_int_eq(csv_parse("a\n\0b\n", 5, &doc, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "NUL"));
	ck_assert_uint_eq(doc.err_line, 2);
	ck_assert_int_eq(csv_parse("\"a\0\"\n", 5, &doc, err, sizeof(err)),
	    -1);
	ck_assert_ptr_nonnull(strstr(err, "NUL"));
}
END_TEST

START_TEST(test_csv_too_many_fields)
{
	char	line[3 * CSV_MAX_FIELDS + 8];
	size_t	i;

	line[0] = '\0';
	for (i = 0; i <= CSV_MAX_FIELDS; i++)
		strcat(line, i ? ",x" : "x");
	ck_assert_int_eq(parse(line), -1);
	ck_assert_ptr_nonnull(strstr(err, "too many fields"));
	line[strlen(line) - 2] = '\0';
	ck_assert_int_eq(parse(line), 0);
	ck_assert_uint_eq(doc.rec[0].n, CSV_MAX_FIELDS);
	csv_free(&doc);
}
END_TEST

static const struct {
	const char	*in, *out;	/* out NULL: refused */
} dates[] = {
	{ "2027-03-01", "2027-03-01" },
	{ "01/03/2027", "2027-03-01" },	/* day first: 1 March */
	{ "1/3/2027", "2027-03-01" },
	{ "31/12/2026", "2026-12-31" },
	{ "29/02/2028", "2028-02-29" },
	{ "2028-02-29", "2028-02-29" },
	{ "29/02/2027", NULL },		/* not a leap year */
	{ "2027-02-29", NULL },
	{ "31/02/2027", NULL },
	{ "31/04/2027", NULL },
	{ "2027-13-01", NULL },
	{ "00/01/2027", NULL },
	{ "2027-1-01", NULL },
	{ "01-03-2027", NULL },
	{ "1/3/27", NULL },
	{ "001/3/2027", NULL },
	{ "1/3/2027x", NULL },
	{ "1/3/2027/1", NULL },
	{ "a/b/cdef", NULL },
	{ "2027-03-01 ", NULL },
	{ "", NULL },
	{ "1/1/1800", NULL },		/* out of clock.h's range */
};

START_TEST(test_imp_date)
{
	char	out[DATE_LEN];

	if (dates[_i].out == NULL) {
		ck_assert_int_eq(imp_date(dates[_i].in, out), -1);
		ck_assert_str_eq(out, "");
	} else {
		ck_assert_int_eq(imp_date(dates[_i].in, out), 0);
		ck_assert_str_eq(out, dates[_i].out);
	}
}
END_TEST

/* --- the import --------------------------------------------------------- */

#define H	"reference,given_name,family_name,date_of_birth,request_received"
#define V	"R1,Amy,Jones,2015-05-01,2027-01-04"
#define TODAY	"2027-06-01"

static struct imp_result	res;

static int
import(const char *s, imp_validate_fn fn, void *arg)
{
	struct imp_options	o;

	memset(&o, 0, sizeof(o));
	o.today = TODAY;
	o.validate = fn;
	o.arg = arg;
	return (imp_parse(s, strlen(s), &o, &res));
}

static int
has_error(size_t line, const char *column, const char *reason)
{
	size_t	i;

	for (i = 0; i < res.n_err; i++)
		if (res.err[i].line == line &&
		    strcmp(res.err[i].column, column) == 0 &&
		    strstr(res.err[i].reason, reason) != NULL)
			return (1);
	return (0);
}

START_TEST(test_import_good_file)
{
	const char	*f = "\xef\xbb\xbf" " Family_Name ,REFERENCE,given_name,"
	    "request_received,date_of_birth,decision_to_assess,decision_date,"
	    "plan_decision_date,draft_issued,final_issued,final_setting,"
	    "exception_kind,exception_reason,exception_from,exception_to,"
	    "psychological_requested,psychological_received,"
	    "preparing_for_adulthood_requested\r\n"
	    "\"O'Neil, Jr\",R1,Amy,04/01/2027,1/5/2015,YES,2027-02-10,"
	    "2027-04-20,2027-04-25,2027-05-20,\"Oak School\",Absence,"
	    "\"long illness, in hospital\",2027-03-01,2027-03-20,"
	    "2027-02-11,2027-03-20,\r\n"
	    ",,,,,,,,,,,,,,,,,\r\n"
	    "\r\n"
	    "Smith,R2,Ben,2027-01-05,2012-02-29,no,2027-02-01,,,,,,,,,,,\r\n"
	    "Lee,R3,Cal,2027-05-30,2010-06-01,,,,,,,,,,,,,\r\n";

	ck_assert_int_eq(import(f, NULL, NULL), 0);
	ck_assert_uint_eq(res.n_err, 0);
	ck_assert_uint_eq(res.n, 3);
	ck_assert_str_eq(res.row[0].family_name, "O'Neil, Jr");
	ck_assert_str_eq(res.row[0].reference, "R1");
	ck_assert_str_eq(res.row[0].request_received, "2027-01-04");
	ck_assert_str_eq(res.row[0].date_of_birth, "2015-05-01");
	ck_assert_int_eq(res.row[0].decision_to_assess, FIG_ASSESS);
	ck_assert_str_eq(res.row[0].final_issued, "2027-05-20");
	ck_assert_str_eq(res.row[0].final_setting, "Oak School");
	ck_assert_int_eq(res.row[0].exception_kind, EXC_ABSENCE);
	ck_assert_str_eq(res.row[0].exception_reason,
	    "long illness, in hospital");
	ck_assert_str_eq(res.row[0].advice_requested[ADV_PSYCHOLOGICAL],
	    "2027-02-11");
	ck_assert_str_eq(res.row[0].advice_received[ADV_PSYCHOLOGICAL],
	    "2027-03-20");
	ck_assert_str_eq(res.row[0].advice_requested[ADV_MEDICAL], "");
	ck_assert_uint_eq(res.row[0].line, 2);
	ck_assert_uint_eq(res.row[1].line, 5);	/* blank rows skipped */
	ck_assert_int_eq(res.row[1].decision_to_assess, FIG_NOT_ASSESS);
	ck_assert_int_eq(res.row[2].decision_to_assess, FIG_UNDECIDED);
	ck_assert_int_eq(res.row[2].exception_kind, -1);
	ck_assert_str_eq(res.row[2].final_setting, "");
	imp_free(&res);
}
END_TEST

START_TEST(test_import_header_refusals)
{
	ck_assert_int_eq(import(H ",colour\n" V ",red\n", NULL, NULL), 1);
	ck_assert(has_error(1, "colour", "not a column"));
	ck_assert_uint_eq(res.n, 0);
	imp_free(&res);
	ck_assert_int_eq(import("reference,given_name,family_name,"
	    "date_of_birth\nR1,Amy,Jones,2015-05-01\n", NULL, NULL), 1);
	ck_assert(has_error(1, "request_received", "required column"));
	imp_free(&res);
	ck_assert_int_eq(import(H ",reference\n" V ",R1\n", NULL, NULL), 1);
	ck_assert(has_error(1, "reference", "twice"));
	imp_free(&res);
	ck_assert_int_eq(import(H ",\n" V ",\n", NULL, NULL), 1);
	ck_assert(has_error(1, "", "column 6 of the header has no name"));
	imp_free(&res);
	ck_assert_int_eq(import("", NULL, NULL), 1);
	ck_assert(has_error(1, "", "empty"));
	imp_free(&res);
	ck_assert_int_eq(import(H "\n", NULL, NULL), 1);
	ck_assert(has_error(2, "", "no rows"));
	imp_free(&res);
	/* The reader's refusal, with its line. */
	ck_assert_int_eq(import(H "\n" V "\n\"R2,Amy\n", NULL, NULL), 1);
	ck_assert(has_error(3, "", "never closed"));
	imp_free(&res);
}
END_TEST

/* One rule a row: header, row, the column blamed and the reason, or
 * NULL column for a good row. */
static const struct {
	const char	*hdr, *row, *column, *reason;
} rules[] = {
	{ H, V, NULL, NULL },
	{ H, ",Amy,Jones,2015-05-01,2027-01-04", "reference", "required" },
	{ H, "R1,,Jones,2015-05-01,2027-01-04", "given_name", "required" },
	{ H, "R1,Amy,,2015-05-01,2027-01-04", "family_name", "required" },
	{ H, "R1,Amy,Jones,,2027-01-04", "date_of_birth", "required" },
	{ H, "R1,Amy,Jones,2015-05-01,", "request_received", "required" },
	{ H, "R1,Amy,Jones,2015-05-01,31/02/2027", "request_received",
	    "not a real date" },
	{ H, "R1,Amy,Jones,2015-05-01,2027-06-02", "request_received",
	    "future" },
	{ H, "R1,Amy,Jones,2015-05-01,2027-06-01", NULL, NULL },  /* today */
	{ H, "R1,Amy,Jones,2027-01-05,2027-01-04", "request_received",
	    "before date_of_birth" },
	{ H, "R1,Amy,Jones,2001-01-04,2027-01-04", "request_received",
	    "26th birthday" },
	{ H, "R1,Amy,Jones,2001-01-05,2027-01-04", NULL, NULL },  /* 25 */
	{ H, "R1,Am\x01y,Jones,2015-05-01,2027-01-04", "given_name",
	    "control character" },
	{ H, "R1,Amy,Jo\xffnes,2015-05-01,2027-01-04", "family_name",
	    "UTF-8" },
	{ H, "R1,Zoë,Jones,2015-05-01,2027-01-04", NULL, NULL },
	{ H, "R123456789012345678901234567890123456789012345678901234567890"
	    "12345,Amy,Jones,2015-05-01,2027-01-04", "reference",
	    "longer than 64" },
	{ H ",decision_to_assess,decision_date", V ",maybe,2027-02-01",
	    "decision_to_assess", "yes or no" },
	{ H ",decision_to_assess,decision_date", V ",yes,", "decision_date",
	    "give the date" },
	{ H ",decision_date", V ",2027-02-01", "decision_to_assess",
	    "say yes or no" },
	{ H ",decision_to_assess,decision_date", V ",yes,2027-01-03",
	    "decision_date", "before request_received" },
	{ H ",decision_to_assess,decision_date", V ",yes,2027-01-04", NULL,
	    NULL },	/* the same day */
	{ H ",decision_to_assess,decision_date,final_issued",
	    V ",no,2027-02-01,2027-05-01", "final_issued", "not to assess" },
	{ H ",final_issued", V ",2027-05-01", "final_issued",
	    "needs decision_to_assess" },
	{ H ",decision_to_assess,decision_date,final_issued",
	    V ",yes,2027-02-01,2027-01-31", "final_issued",
	    "before decision_date" },
	{ H ",decision_to_assess,decision_date,draft_issued,final_issued",
	    V ",yes,2027-02-01,2027-04-01,2027-03-31", "final_issued",
	    "before draft_issued" },
	{ H ",decision_to_assess,decision_date,plan_decision_date",
	    V ",yes,2027-02-01,2027-01-20", "plan_decision_date",
	    "before decision_date" },
	{ H ",decision_to_assess,decision_date,plan_decision_date,"
	    "draft_issued", V ",yes,2027-02-01,2027-04-01,2027-03-01",
	    "draft_issued", "before plan_decision_date" },
	{ H ",exception_reason", V ",school shut", "exception_kind",
	    "give the kind" },
	{ H ",exception_kind", V ",covid", "exception_kind",
	    "must be one of" },
	{ H ",exception_kind", V ",absence", "exception_from", "began" },
	{ H ",exception_kind,exception_from,exception_to",
	    V ",absence,2027-02-01,2027-01-31", "exception_to",
	    "before exception_from" },
	{ H ",exception_kind,exception_from,exception_to",
	    V ",missed_appointment,2027-01-01,", "exception_from",
	    "before request_received" },
	{ H ",exception_kind,exception_from,exception_to",
	    V ",school_closure,2027-02-01,2027-09-01", NULL, NULL },
	{ H ",psychological_received", V ",2027-02-01",
	    "psychological_requested", "asked for" },
	{ H ",decision_to_assess,decision_date,psychological_requested,"
	    "psychological_received", V ",yes,2027-02-01,2027-02-02,2027-02-01",
	    "psychological_received", "before psychological_requested" },
	{ H ",decision_to_assess,decision_date,social_care_requested",
	    V ",yes,2027-02-01,2027-01-20", "social_care_requested",
	    "before decision_date" },
	{ H ",decision_to_assess,decision_date,other_requested",
	    V ",no,2027-02-01,2027-02-02", "other_requested",
	    "not to assess" },
	{ H ",medical_requested,medical_received", V ",2027-01-05,2027-06-30",
	    "medical_received", "future" },
};

START_TEST(test_import_rules)
{
	char	file[1024];
	int	rc;

	snprintf(file, sizeof(file), "%s\n%s\n", rules[_i].hdr, rules[_i].row);
	rc = import(file, NULL, NULL);
	if (rules[_i].column == NULL) {
		if (res.n_err > 0)
			ck_abort_msg("rule %d: %s: %s", _i, res.err[0].column,
			    res.err[0].reason);
		ck_assert_int_eq(rc, 0);
		ck_assert_uint_eq(res.n, 1);
	} else {
		ck_assert_int_eq(rc, 1);
		if (!has_error(2, rules[_i].column, rules[_i].reason))
			ck_abort_msg("rule %d: wanted %s: %s, got %s: %s", _i,
			    rules[_i].column, rules[_i].reason,
			    res.n_err ? res.err[0].column : "-",
			    res.n_err ? res.err[0].reason : "-");
		ck_assert_uint_eq(res.n, 0);
	}
	imp_free(&res);
}
END_TEST

START_TEST(test_import_every_bad_cell_and_row)
{
	/* Line 2 good, line 3 two bad cells, line 4 short, line 5 a
	 * duplicate of line 2: all or nothing, so rc 1. */
	ck_assert_int_eq(import(H "\n" V "\n"
	    "R2,,Jones,2015-05-01,2027-99-01\n"
	    "R3,Amy\n"
	    "R1,Bea,Jones,2015-05-01,2027-01-04\n", NULL, NULL), 1);
	ck_assert_uint_eq(res.n_err, 4);
	ck_assert(has_error(3, "given_name", "required"));
	ck_assert(has_error(3, "request_received", "not a real date"));
	ck_assert(has_error(4, "", "2 cells but the header has 5"));
	ck_assert(has_error(5, "reference", "same as on line 2"));
	imp_free(&res);
	/* Lines count the line breaks inside quoted cells. */
	ck_assert_int_eq(import(H "\n\"R1\",\"Amy\nAnn\",Jones,2015-05-01,"
	    "2027-01-04\nR2,Amy,Jones,2015-05-01,x\n", NULL, NULL), 1);
	ck_assert(has_error(2, "given_name", "control character"));
	ck_assert(has_error(4, "request_received", "not a real date"));
	imp_free(&res);
}
END_TEST

/* A bad yes/no is one error, not also "not to assess" on later steps. */
START_TEST(test_import_one_error_for_a_bad_decision)
{
	ck_assert_int_eq(import(H ",decision_to_assess,decision_date,"
	    "final_issued,medical_requested\n"
	    V ",maybe,2027-02-01,2027-05-01,2027-02-02\n", NULL, NULL), 1);
	ck_assert_uint_eq(res.n_err, 1);
	ck_assert(has_error(2, "decision_to_assess", "yes or no"));
	imp_free(&res);
	/* A name in another encoding: told how to save the file. */
	ck_assert_int_eq(import(H "\nR1,Zo\xeb,Jones,2015-05-01,2027-01-04\n",
	    NULL, NULL), 1);
	ck_assert(has_error(2, "given_name", "CSV UTF-8"));
	imp_free(&res);
}
END_TEST

START_TEST(test_import_error_cap)
{
	struct sbuf	b;
	int		i;

	sbuf_init(&b);
	sbuf_puts(&b, H "\n");
	for (i = 0; i < IMP_MAX_ERRORS + 50; i++)
		sbuf_printf(&b, "R%d,Amy,Jones,2015-05-01,nope\n", i);
	ck_assert_int_eq(imp_parse(b.data, b.len, NULL, &res), 1);
	ck_assert_uint_eq(res.n_err, IMP_MAX_ERRORS);
	ck_assert_int_eq(res.truncated, 1);
	imp_free(&res);
	sbuf_free(&b);
}
END_TEST

/* The shared validation module's hook: called for sound rows only; its
 * refusal is a bad row with its column and reason. */
static int	calls;

static int
refuse_bad(void *arg, const struct imp_row *r, char *column, size_t cl,
    char *reason, size_t rl)
{
	calls++;
	ck_assert_ptr_eq(arg, &calls);
	if (strcmp(r->reference, "BAD") != 0)
		return (0);
	snprintf(column, cl, "reference");
	snprintf(reason, rl, "is already on the portal");
	return (-1);
}

START_TEST(test_import_validation_hook)
{
	calls = 0;
	ck_assert_int_eq(import(H "\n" V "\nBAD,Amy,Jones,2015-05-01,"
	    "2027-01-04\nR3,Amy,Jones,2015-05-01,x\n", refuse_bad, &calls),
	    1);
	ck_assert_int_eq(calls, 2);
	ck_assert_uint_eq(res.n_err, 2);
	ck_assert(has_error(3, "reference", "already on the portal"));
	ck_assert(has_error(4, "request_received", "not a real date"));
	imp_free(&res);
	calls = 0;
	ck_assert_int_eq(import(H "\n" V "\n", refuse_bad, &calls), 0);
	ck_assert_int_eq(calls, 1);
	imp_free(&res);
}
END_TEST

START_TEST(test_imp_col_names)
{
	ck_assert_str_eq(imp_col_name(IMP_REFERENCE), "reference");
	ck_assert_str_eq(imp_col_name(IMP_EXCEPTION_TO), "exception_to");
	ck_assert_str_eq(imp_col_name(IMP_ADVICE_FIRST), "educational_requested");
	ck_assert_str_eq(imp_col_name(IMP_ADVICE_FIRST + 2 * ADV_PSYCHOLOGICAL
	    + 1), "psychological_received");
	ck_assert_str_eq(imp_col_name(IMP_COLS - 1),
	    "preparing_for_adulthood_received");
	ck_assert_ptr_null(imp_col_name(IMP_COLS));
	ck_assert_ptr_null(imp_col_name(-1));
}
END_TEST

int
main(void)
{
	Suite	*s = suite_create("csvread");
	TCase	*tc = tcase_create("core");
	SRunner	*sr;
	int	 failed;

	tcase_add_test(tc, test_csv_plain_lf_and_crlf);
	tcase_add_test(tc, test_csv_quoted);
	tcase_add_test(tc, test_csv_bom);
	tcase_add_test(tc, test_csv_refusals);
	tcase_add_test(tc, test_csv_too_many_fields);
	tcase_add_loop_test(tc, test_imp_date, 0,
	    sizeof(dates) / sizeof(dates[0]));
	tcase_add_test(tc, test_import_good_file);
	tcase_add_test(tc, test_import_header_refusals);
	tcase_add_loop_test(tc, test_import_rules, 0,
	    sizeof(rules) / sizeof(rules[0]));
	tcase_add_test(tc, test_import_every_bad_cell_and_row);
	tcase_add_test(tc, test_import_one_error_for_a_bad_decision);
	tcase_add_test(tc, test_import_error_cap);
	tcase_add_test(tc, test_import_validation_hook);
	tcase_add_test(tc, test_imp_col_names);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE);
}
