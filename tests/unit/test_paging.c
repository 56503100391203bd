/*
 * Unit tests for paging.c and admin_rules.c (the council's own
 * administration and its long lists). Exit status: number of failures.
 */
#include <stdlib.h>
#include <string.h>

#include <check.h>

#include "admin_rules.h"
#include "paging.h"
#include "sbuf.h"

static Suite	*paging_suite(void);

START_TEST(test_page_of)
{
	ck_assert_int_eq(paging_page_of(NULL), 1);
	ck_assert_int_eq(paging_page_of(""), 1);
	ck_assert_int_eq(paging_page_of("3"), 3);
	ck_assert_int_eq(paging_page_of("0"), 1);
	ck_assert_int_eq(paging_page_of("03"), 1);
	ck_assert_int_eq(paging_page_of("-2"), 1);
	ck_assert_int_eq(paging_page_of("2x"), 1);
	ck_assert_int_eq(paging_page_of("999999999"), 999999999);
	ck_assert_int_eq(paging_page_of("1000000000"), 1);
}
END_TEST

START_TEST(test_init_clamps)
{
	struct paging	p;

	paging_init(&p, 0, 25, 4);
	ck_assert_int_eq(p.pages, 1);
	ck_assert_int_eq(p.page, 1);
	ck_assert_int_eq(p.offset, 0);
	paging_init(&p, 51, 25, 2);
	ck_assert_int_eq(p.pages, 3);
	ck_assert_int_eq(p.offset, 25);
	paging_init(&p, 50, 25, 9);
	ck_assert_int_eq(p.pages, 2);
	ck_assert_int_eq(p.page, 2);
	ck_assert_int_eq(p.offset, 25);
	paging_init(&p, 10, 0, 1);
	ck_assert_int_eq(p.size, PAGE_SIZE);
}
END_TEST

static void
items_are(long total, long page, const long *want, int n)
{
	struct paging	p;
	long		got[PAGING_ITEMS_MAX];
	int		i, k;

	paging_init(&p, total, 10, page);
	k = paging_items(&p, got);
	ck_assert_int_eq(k, n);
	for (i = 0; i < n; i++)
		ck_assert_int_eq(got[i], want[i]);
}

START_TEST(test_items)
{
	static const long	one[] = { 0 };
	static const long	two[] = { 1, 2 };
	static const long	first[] = { 1, 2, 0, 9 };
	static const long	middle[] = { 1, 0, 4, 5, 6, 0, 9 };
	static const long	last[] = { 1, 0, 8, 9 };
	static const long	near[] = { 1, 2, 3, 0, 9 };

	items_are(10, 1, one, 0);
	items_are(20, 2, two, 2);
	items_are(90, 1, first, 4);
	items_are(90, 5, middle, 7);
	items_are(90, 9, last, 4);
	items_are(90, 2, near, 5);
}
END_TEST

START_TEST(test_sort_of)
{
	static const char *const	names[] = { "due", "reference", "name" };

	ck_assert_int_eq(paging_sort_of(NULL, names, 3), 0);
	ck_assert_int_eq(paging_sort_of("name", names, 3), 2);
	ck_assert_int_eq(paging_sort_of("reference", names, 3), 1);
	ck_assert_int_eq(paging_sort_of("name; drop", names, 3), 0);
}
END_TEST

START_TEST(test_role_fits_org)
{
	ck_assert(role_fits_org(ROLE_CASEWORKER, "local_authority"));
	ck_assert(role_fits_org(ROLE_MANAGER, "local_authority"));
	ck_assert(role_fits_org(ROLE_ADMIN, "local_authority"));
	ck_assert(!role_fits_org(ROLE_PROFESSIONAL, "local_authority"));
	ck_assert(!role_fits_org(ROLE_PARENT, "local_authority"));
	ck_assert(role_fits_org(ROLE_SERVICE_LEAD, "ep_service"));
	ck_assert(role_fits_org(ROLE_PROFESSIONAL, "other"));
	ck_assert(!role_fits_org(ROLE_CASEWORKER, "nhs_body"));
	ck_assert(role_fits_org(ROLE_SCHOOL_RESPONDER, "school"));
	ck_assert(role_fits_org(ROLE_SERVICE_LEAD, "school"));
	ck_assert(!role_fits_org(ROLE_SCHOOL_RESPONDER, "ep_service"));
	ck_assert(!role_fits_org(ROLE_PROFESSIONAL, "galaxy"));
	ck_assert(!role_fits_org(ROLE__MAX, "school"));
}
END_TEST

START_TEST(test_org_kinds)
{
	ck_assert(org_kind_creatable("school"));
	ck_assert(org_kind_creatable("other"));
	ck_assert(!org_kind_creatable("local_authority"));
	ck_assert(!org_kind_creatable(""));
	ck_assert(!org_kind_creatable(NULL));
	ck_assert_str_eq(org_kind_label("nhs_body"), "Health body (NHS)");
	ck_assert_str_eq(org_kind_label("local_authority"), "Council");
}
END_TEST

START_TEST(test_name_clean)
{
	char	out[16];

	ck_assert_int_eq(name_clean("  Ada Lovelace ", out, sizeof(out), 15), 0);
	ck_assert_str_eq(out, "Ada Lovelace");
	ck_assert_int_eq(name_clean("   ", out, sizeof(out), 15), -1);
	ck_assert_int_eq(name_clean(NULL, out, sizeof(out), 15), -1);
	ck_assert_int_eq(name_clean("0123456789abcdef", out, sizeof(out), 15), -2);
	ck_assert_int_eq(name_clean("a\nb", out, sizeof(out), 15), -3);
}
END_TEST

START_TEST(test_search_parse)
{
	struct child_search	s;
	char			long_text[120];

	ck_assert_int_eq(child_search_parse(NULL, &s), 0);
	ck_assert_str_eq(s.text, "");
	ck_assert_int_eq(child_search_parse("  maya ", &s), 0);
	ck_assert_str_eq(s.text, "maya");
	ck_assert_str_eq(s.like, "%maya%");
	ck_assert_str_eq(s.nhs, "");
	ck_assert_str_eq(s.dob, "");
	ck_assert_int_eq(child_search_parse("50%_\\", &s), 0);
	ck_assert_str_eq(s.like, "%50\\%\\_\\\\%");
	ck_assert_int_eq(child_search_parse("943 476 5919", &s), 0);
	ck_assert_str_eq(s.nhs, "9434765919");
	ck_assert_int_eq(child_search_parse("94347659191", &s), 0);
	ck_assert_str_eq(s.nhs, "");
	ck_assert_int_eq(child_search_parse("20/3/2016", &s), 0);
	ck_assert_str_eq(s.dob, "2016-03-20");
	ck_assert_int_eq(child_search_parse("2016-03-20", &s), 0);
	ck_assert_str_eq(s.dob, "2016-03-20");
	ck_assert_int_eq(child_search_parse("31/2/2016", &s), 0);
	ck_assert_str_eq(s.dob, "");
	ck_assert_int_eq(child_search_parse("EHC-2026-00001", &s), 0);
	ck_assert_str_eq(s.dob, "");
	memset(long_text, 'a', sizeof(long_text) - 1);
	long_text[sizeof(long_text) - 1] = '\0';
	ck_assert_int_eq(child_search_parse(long_text, &s), -1);
	ck_assert_int_eq(child_search_parse("a\tb\x01", &s), -1);
}
END_TEST

START_TEST(test_url_component)
{
	struct sbuf	b;

	sbuf_init(&b);
	url_component(&b, "Maya P&t=1 %/\xc3\xa9~");
	ck_assert_str_eq(b.data, "Maya%20P%26t%3D1%20%25%2F%C3%A9~");
	sbuf_free(&b);
}
END_TEST

static Suite *
paging_suite(void)
{
	Suite	*s = suite_create("paging");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_page_of);
	tcase_add_test(tc, test_init_clamps);
	tcase_add_test(tc, test_items);
	tcase_add_test(tc, test_sort_of);
	tcase_add_test(tc, test_role_fits_org);
	tcase_add_test(tc, test_org_kinds);
	tcase_add_test(tc, test_name_clean);
	tcase_add_test(tc, test_search_parse);
	tcase_add_test(tc, test_url_component);
	suite_add_tcase(s, tc);
	return (s);
}

int
main(void)
{
	SRunner	*sr = srunner_create(paging_suite());
	int	 failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return (failed);
}
