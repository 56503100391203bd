/*
 * Unit tests for portal/lib/sbuf.c.  Exit status: number of failed tests.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"

static Suite	*sbuf_suite(void);

START_TEST(test_init_is_empty)
{
	struct sbuf	 b;

	memset(&b, 0xa5, sizeof(b));
	sbuf_init(&b);
	ck_assert_ptr_null(b.data);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_eq(b.cap, 0);
	ck_assert_int_eq(b.oom, 0);
	sbuf_free(&b);
}
END_TEST

START_TEST(test_append_terminates)
{
	struct sbuf	 b;

	sbuf_init(&b);
	sbuf_append(&b, "abc", 3);
	sbuf_append(&b, "defgh", 2);
	ck_assert_uint_eq(b.len, 5);
	ck_assert_str_eq(b.data, "abcde");
	ck_assert_uint_ge(b.cap, 6);
	sbuf_free(&b);
}
END_TEST

START_TEST(test_empty_append_gives_string)
{
	struct sbuf	 b;

	sbuf_init(&b);
	sbuf_append(&b, "", 0);
	ck_assert_ptr_nonnull(b.data);
	ck_assert_str_eq(b.data, "");
	ck_assert_uint_eq(b.len, 0);
	sbuf_free(&b);
}
END_TEST

START_TEST(test_binary_bytes_kept)
{
	struct sbuf	 b;

	sbuf_init(&b);
	sbuf_append(&b, "a\0b", 3);
	ck_assert_uint_eq(b.len, 3);
	ck_assert_mem_eq(b.data, "a\0b\0", 4);
	sbuf_free(&b);
}
END_TEST

START_TEST(test_puts)
{
	struct sbuf	 b;

	sbuf_init(&b);
	sbuf_puts(&b, "hello");
	sbuf_puts(&b, ", ");
	sbuf_puts(&b, "");
	sbuf_puts(&b, "world");
	ck_assert_str_eq(b.data, "hello, world");
	ck_assert_uint_eq(b.len, 12);
	sbuf_free(&b);
}
END_TEST

START_TEST(test_growth_keeps_content)
{
	struct sbuf	 b;
	size_t		 i;
	char		 c;

	sbuf_init(&b);
	for (i = 0; i < 100000; i++) {
		c = (char)('a' + i % 26);
		sbuf_append(&b, &c, 1);
	}
	ck_assert_int_eq(b.oom, 0);
	ck_assert_uint_eq(b.len, 100000);
	ck_assert_uint_eq(strlen(b.data), 100000);
	for (i = 0; i < 100000; i++)
		ck_assert_int_eq(b.data[i], 'a' + (int)(i % 26));
	sbuf_free(&b);
}
END_TEST

START_TEST(test_printf_short)
{
	struct sbuf	 b;

	sbuf_init(&b);
	sbuf_puts(&b, "n=");
	sbuf_printf(&b, "%d,%s,%05.1f", -42, "x", 3.14159);
	ck_assert_str_eq(b.data, "n=-42,x,003.1");
	ck_assert_uint_eq(b.len, strlen("n=-42,x,003.1"));
	sbuf_free(&b);
}
END_TEST

START_TEST(test_printf_long)
{
	struct sbuf	 b;
	size_t		 i;

	sbuf_init(&b);
	sbuf_puts(&b, "<");
	sbuf_printf(&b, "%0*d>", 5000, 7);
	ck_assert_uint_eq(b.len, 5002);
	ck_assert_int_eq(b.data[0], '<');
	for (i = 1; i < 5000; i++)
		ck_assert_int_eq(b.data[i], '0');
	ck_assert_str_eq(b.data + 5000, "7>");
	sbuf_free(&b);
}
END_TEST

START_TEST(test_printf_exact_fit)
{
	struct sbuf	 b;
	size_t		 room;
	char		*fill;

	/* Output of exactly the free space minus the NUL, then one more. */
	sbuf_init(&b);
	sbuf_puts(&b, "x");
	room = b.cap - b.len - 1;
	fill = malloc(room + 2);
	ck_assert_ptr_nonnull(fill);
	memset(fill, 'y', room + 1);
	fill[room] = '\0';
	sbuf_printf(&b, "%s", fill);
	ck_assert_uint_eq(b.len, room + 1);
	fill[room] = 'z';
	fill[room + 1] = '\0';
	sbuf_printf(&b, "%s", fill);
	ck_assert_uint_eq(b.len, 2 * room + 2);
	ck_assert_int_eq(b.data[b.len - 1], 'z');
	ck_assert_uint_eq(strlen(b.data), b.len);
	free(fill);
	sbuf_free(&b);
}
END_TEST

START_TEST(test_reset_keeps_memory)
{
	struct sbuf	 b;
	char		*p;
	size_t		 cap;

	sbuf_init(&b);
	sbuf_puts(&b, "some text");
	p = b.data;
	cap = b.cap;
	sbuf_reset(&b);
	ck_assert_ptr_eq(b.data, p);
	ck_assert_uint_eq(b.cap, cap);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_str_eq(b.data, "");
	sbuf_puts(&b, "new");
	ck_assert_str_eq(b.data, "new");
	sbuf_free(&b);
}
END_TEST

START_TEST(test_free_reinits)
{
	struct sbuf	 b;

	sbuf_init(&b);
	sbuf_puts(&b, "abc");
	sbuf_free(&b);
	ck_assert_ptr_null(b.data);
	ck_assert_uint_eq(b.len, 0);
	ck_assert_uint_eq(b.cap, 0);
	sbuf_free(&b);
}
END_TEST

START_TEST(test_overflow_sets_oom)
{
	struct sbuf	 b;

	sbuf_init(&b);
	sbuf_puts(&b, "ok");
	sbuf_append(&b, "x", SIZE_MAX);
	ck_assert_int_eq(b.oom, 1);
	ck_assert_str_eq(b.data, "ok");
	ck_assert_uint_eq(b.len, 2);
	sbuf_free(&b);
}
END_TEST

START_TEST(test_oom_ignores_appends)
{
	struct sbuf	 b;

	sbuf_init(&b);
	sbuf_puts(&b, "ok");
	b.oom = 1;
	sbuf_puts(&b, "lost");
	sbuf_printf(&b, "%d", 1);
	ck_assert_str_eq(b.data, "ok");
	ck_assert_uint_eq(b.len, 2);
	sbuf_reset(&b);
	ck_assert_int_eq(b.oom, 0);
	sbuf_puts(&b, "again");
	ck_assert_str_eq(b.data, "again");
	sbuf_free(&b);
}
END_TEST

static Suite *
sbuf_suite(void)
{
	Suite	*s = suite_create("sbuf");
	TCase	*tc = tcase_create("core");

	tcase_add_test(tc, test_init_is_empty);
	tcase_add_test(tc, test_append_terminates);
	tcase_add_test(tc, test_empty_append_gives_string);
	tcase_add_test(tc, test_binary_bytes_kept);
	tcase_add_test(tc, test_puts);
	tcase_add_test(tc, test_growth_keeps_content);
	tcase_add_test(tc, test_printf_short);
	tcase_add_test(tc, test_printf_long);
	tcase_add_test(tc, test_printf_exact_fit);
	tcase_add_test(tc, test_reset_keeps_memory);
	tcase_add_test(tc, test_free_reinits);
	tcase_add_test(tc, test_overflow_sets_oom);
	tcase_add_test(tc, test_oom_ignores_appends);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(sbuf_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed;
}
