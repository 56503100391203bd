/*
 * Unit tests for portal/files/multipart.c.  Exit status: number of failed
 * tests.  Bodies are written with "\r\n" spelt out: the framing is
 * CRLF and nothing else.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "upload.h"

#define CT	"multipart/form-data; boundary=XyZ"

static int	 parse(struct mp *, const char *, const char *, size_t);
static int	 parse_len(struct mp *, const char *, size_t, const char *,
		    size_t);
static int	 refused(const char *, const char *);
static const char *one_filename(const char *);
static Suite	*multipart_suite(void);

/* mp_parse of the C string body. */
static int
parse(struct mp *m, const char *body, const char *ct, size_t max)
{

	return parse_len(m, body, strlen(body), ct, max);
}

static int
parse_len(struct mp *m, const char *body, size_t len, const char *ct,
    size_t max)
{
	int	 rc;

	m->parts = (struct mp_part *)1;		/* must be overwritten */
	m->nparts = 99;
	rc = mp_parse(m, (const unsigned char *)body, len, ct, max);
	if (rc != 0) {
		ck_assert_ptr_null(m->parts);
		ck_assert_uint_eq(m->nparts, 0);
	}
	return rc;
}

/* 1 if body is refused with content type ct. */
static int
refused(const char *body, const char *ct)
{
	struct mp	 m;
	int		 rc;

	rc = parse(&m, body, ct, 10);
	mp_free(&m);
	return rc == -1;
}

/* The filename of a one-part body with this Content-Disposition tail. */
static const char *
one_filename(const char *disp)
{
	static char	 name[256];
	char		 body[512];
	struct mp	 m;

	snprintf(body, sizeof(body), "--XyZ\r\nContent-Disposition: "
	    "form-data; name=\"f\"; %s\r\n\r\ndata\r\n--XyZ--\r\n", disp);
	if (parse(&m, body, CT, 10) != 0)
		return NULL;
	ck_assert_uint_eq(m.nparts, 1);
	ck_assert_ptr_nonnull(m.parts[0].filename);
	snprintf(name, sizeof(name), "%s", m.parts[0].filename);
	mp_free(&m);
	return name;
}

START_TEST(test_field_and_file)
{
	static const char	 body[] =
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"csrf\"\r\n"
	    "\r\n"
	    "tok123\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"document\"; "
	    "filename=\"report.pdf\"\r\n"
	    "Content-Type: application/pdf\r\n"
	    "\r\n"
	    "%PDF-1.7\r\n\0\r\n--Xy\r\n--\n\r\r\n"
	    "\r\n"
	    "--XyZ--\r\n";
	static const char	 data[] = "%PDF-1.7\r\n\0\r\n--Xy\r\n--\n\r\r\n";
	struct mp		 m;

	ck_assert_int_eq(parse_len(&m, body, sizeof(body) - 1, CT, 10), 0);
	ck_assert_uint_eq(m.nparts, 2);
	ck_assert_str_eq(m.parts[0].name, "csrf");
	ck_assert_ptr_null(m.parts[0].filename);
	ck_assert_ptr_null(m.parts[0].ctype);
	ck_assert_uint_eq(m.parts[0].len, 6);
	ck_assert(memcmp(m.parts[0].data, "tok123", 6) == 0);
	ck_assert_str_eq(m.parts[1].name, "document");
	ck_assert_str_eq(m.parts[1].filename, "report.pdf");
	ck_assert_str_eq(m.parts[1].ctype, "application/pdf");
	/* Binary data kept byte for byte, including CR, LF, NUL. */
	ck_assert_uint_eq(m.parts[1].len, sizeof(data) - 1);
	ck_assert(memcmp(m.parts[1].data, data, sizeof(data) - 1) == 0);
	/* Data points into the body, not into a copy. */
	ck_assert(m.parts[1].data > (const unsigned char *)body &&
	    m.parts[1].data < (const unsigned char *)body + sizeof(body));
	mp_free(&m);
	ck_assert_ptr_null(m.parts);
	mp_free(&m);				/* twice is harmless */
}
END_TEST

START_TEST(test_empty_values)
{
	struct mp	 m;

	ck_assert_int_eq(parse(&m, "--XyZ\r\nContent-Disposition: form-data;"
	    " name=\"a\"\r\n\r\n\r\n--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"file\"; filename=\"\"\r\nContent-Type: application/"
	    "octet-stream\r\n\r\n\r\n--XyZ--", CT, 10), 0);
	ck_assert_uint_eq(m.nparts, 2);
	ck_assert_uint_eq(m.parts[0].len, 0);
	/* An empty file input: filename "" rather than NULL. */
	ck_assert_str_eq(m.parts[1].filename, "");
	ck_assert_uint_eq(m.parts[1].len, 0);
	mp_free(&m);
	/* No parts at all. */
	ck_assert_int_eq(parse(&m, "--XyZ--\r\n", CT, 10), 0);
	ck_assert_uint_eq(m.nparts, 0);
	mp_free(&m);
}
END_TEST

START_TEST(test_boundary_parameter)
{
	static const char	 body[] = "--a b'()+_,-./:=?\r\n"
	    "Content-Disposition: form-data; name=x\r\n\r\n1\r\n"
	    "--a b'()+_,-./:=?--";
	struct mp		 m;

	ck_assert_int_eq(parse(&m, body, "multipart/form-data; "
	    "boundary=\"a b'()+_,-./:=?\"", 10), 0);
	ck_assert_uint_eq(m.nparts, 1);
	ck_assert_str_eq(m.parts[0].name, "x");
	mp_free(&m);
	ck_assert_int_eq(parse(&m, "--XyZ\r\nContent-Disposition: form-data; "
	    "name=x\r\n\r\n1\r\n--XyZ--", "Multipart/Form-Data;charset=utf-8;"
	    " BOUNDARY=XyZ", 10), 0);
	mp_free(&m);
	ck_assert_int_eq(parse(&m, "--XyZ--", "multipart/form-data; "
	    "boundary=\"XyZ\" ; ", 10), 0);
	mp_free(&m);
}
END_TEST

START_TEST(test_bad_content_types)
{
	static const char	 body[] = "--XyZ--";
	char			 ct[128];

	ck_assert(refused(body, "multipart/mixed; boundary=XyZ"));
	ck_assert(refused(body, "multipart/form-dataX; boundary=XyZ"));
	ck_assert(refused(body, "multipart/form-data"));
	ck_assert(refused(body, "multipart/form-data; boundary="));
	ck_assert(refused(body, "multipart/form-data; boundary=\"\""));
	ck_assert(refused(body, "multipart/form-data; boundary=\"XyZ"));
	ck_assert(refused(body, "multipart/form-data; boundary=XyZ; "
	    "boundary=XyZ"));
	ck_assert(refused(body, "multipart/form-data; boundary=\"Xy \""));
	ck_assert(refused(body, "multipart/form-data; boundary=\"X<Z\""));
	ck_assert(refused(body, "multipart/form-data; boundary XyZ"));
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%071d", 0);
	ck_assert(refused(body, ct));
	snprintf(ct, sizeof(ct), "multipart/form-data; boundary=%070d", 0);
	ck_assert(refused(body, ct));		/* valid, but not in body */
	ck_assert(refused(body, NULL));
	ck_assert_int_eq(mp_parse(&(struct mp){ NULL, 0 }, NULL, 5, CT, 10),
	    -1);
	ck_assert_int_eq(mp_parse(&(struct mp){ NULL, 0 }, NULL, 0, CT, 10),
	    -1);
}
END_TEST

START_TEST(test_preamble_and_epilogue)
{
	struct mp	 m;

	ck_assert_int_eq(parse(&m, "This is a preamble.\r\n--XyZ\r\n"
	    "Content-Disposition: form-data; name=a\r\n\r\nA\r\n--XyZ--\r\n"
	    "epilogue --XyZ\r\nrubbish", CT, 10), 0);
	ck_assert_uint_eq(m.nparts, 1);
	ck_assert_uint_eq(m.parts[0].len, 1);
	mp_free(&m);
	/* Transport padding after a delimiter. */
	ck_assert_int_eq(parse(&m, "--XyZ \t\r\nContent-Disposition: "
	    "form-data; name=a\r\n\r\nA\r\n--XyZ--", CT, 10), 0);
	mp_free(&m);
}
END_TEST

START_TEST(test_framing_refused)
{

	/* No closing delimiter. */
	ck_assert(refused("--XyZ\r\nContent-Disposition: form-data; "
	    "name=a\r\n\r\nA\r\n--XyZ\r\n", CT));
	ck_assert(refused("--XyZ\r\nContent-Disposition: form-data; "
	    "name=a\r\n\r\nA", CT));
	ck_assert(refused("--XyZ\r\nContent-Disposition: form-data; "
	    "name=a\r\n", CT));
	ck_assert(refused("", CT));
	ck_assert(refused("no boundary at all", CT));
	/* LF alone is not CRLF. */
	ck_assert(refused("--XyZ\nContent-Disposition: form-data; "
	    "name=a\n\nA\n--XyZ--", CT));
	/* Something other than "--" or CRLF after the boundary. */
	ck_assert(refused("--XyZ\r\nContent-Disposition: form-data; "
	    "name=a\r\n\r\nA\r\n--XyZW\r\n--XyZ--", CT));
	ck_assert(refused("--XyZ-\r\n", CT));
}
END_TEST

START_TEST(test_headers_refused)
{

	ck_assert(refused("--XyZ\r\n\r\nA\r\n--XyZ--", CT));
	ck_assert(refused("--XyZ\r\nContent-Type: text/plain\r\n\r\nA\r\n"
	    "--XyZ--", CT));
	ck_assert(refused("--XyZ\r\nContent-Disposition: attachment; "
	    "name=a\r\n\r\nA\r\n--XyZ--", CT));
	ck_assert(refused("--XyZ\r\nContent-Disposition: form-data\r\n\r\n"
	    "A\r\n--XyZ--", CT));
	ck_assert(refused("--XyZ\r\nContent-Disposition: form-data; "
	    "filename=a.pdf\r\n\r\nA\r\n--XyZ--", CT));
	ck_assert(refused("--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"\"\r\n\r\nA\r\n--XyZ--", CT));
	ck_assert(refused("--XyZ\r\nContent-Disposition: form-data; "
	    "name=a; name=b\r\n\r\nA\r\n--XyZ--", CT));
	ck_assert(refused("--XyZ\r\nContent-Disposition: form-data; "
	    "name=a\r\nContent-Disposition: form-data; name=b\r\n\r\nA\r\n"
	    "--XyZ--", CT));
	ck_assert(refused("--XyZ\r\nContent-Disposition: form-data; "
	    "name=a\r\nContent-Type: a\r\nContent-Type: b\r\n\r\nA\r\n"
	    "--XyZ--", CT));
	/* Folded header, missing colon, bare CR, control in a name. */
	ck_assert(refused("--XyZ\r\nContent-Disposition: form-data;\r\n "
	    "name=a\r\n\r\nA\r\n--XyZ--", CT));
	ck_assert(refused("--XyZ\r\nContent-Disposition form-data; "
	    "name=a\r\n\r\nA\r\n--XyZ--", CT));
	ck_assert(refused("--XyZ\r\nContent-Disposition: form-data; "
	    "name=a\rb\r\n\r\nA\r\n--XyZ--", CT));
	ck_assert(refused("--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"a\x01\"\r\n\r\nA\r\n--XyZ--", CT));
	ck_assert(refused("--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"a\xff\"\r\n\r\nA\r\n--XyZ--", CT));
	ck_assert(refused("--XyZ\r\nContent-Disposition: form-data; "
	    "name=\"a\r\n\r\nA\r\n--XyZ--", CT));
	ck_assert(refused("--XyZ\r\nContent-Disposition: form-data; "
	    "name=a\r\nContent-Type: text/\xc3\xa9\r\n\r\nA\r\n--XyZ--", CT));
}
END_TEST

START_TEST(test_other_headers_ignored)
{
	struct mp	 m;

	ck_assert_int_eq(parse(&m, "--XyZ\r\ncontent-disposition:form-data;"
	    "name=a\r\nContent-Transfer-Encoding: binary\r\nX-Other: 1\r\n"
	    "\r\nA\r\n--XyZ--", CT, 10), 0);
	ck_assert_str_eq(m.parts[0].name, "a");
	mp_free(&m);
}
END_TEST

START_TEST(test_filenames)
{

	ck_assert_str_eq(one_filename("filename=\"a.pdf\""), "a.pdf");
	ck_assert_str_eq(one_filename("filename=a.pdf"), "a.pdf");
	ck_assert_str_eq(one_filename("filename=\"C:\\fakepath\\r.pdf\""),
	    "r.pdf");
	ck_assert_str_eq(one_filename("filename=\"C:\\dir\\\\r.pdf\""),
	    "r.pdf");
	ck_assert_str_eq(one_filename("filename=\"../../etc/passwd\""),
	    "passwd");
	ck_assert_str_eq(one_filename("filename=\"/\""), "");
	ck_assert_str_eq(one_filename("filename=\"..\""), "");
	ck_assert_str_eq(one_filename("filename=\"a/.\""), "");
	ck_assert_str_eq(one_filename("filename=\"a\\\"b.pdf\""), "a\"b.pdf");
	ck_assert_str_eq(one_filename("filename=\"a\x01\x7f" "b.pdf\""),
	    "ab.pdf");
	ck_assert_str_eq(one_filename("filename=\"a\xc2\x85" "b.pdf\""),
	    "ab.pdf");				/* C1 control NEL */
	ck_assert_str_eq(one_filename("filename=\"caf\xc3\xa9.pdf\""),
	    "caf\xc3\xa9.pdf");
	ck_assert_ptr_null(one_filename("filename=\"caf\xe9.pdf\""));
	ck_assert_ptr_null(one_filename("filename=a; filename=b"));
}
END_TEST

START_TEST(test_filename_star)
{

	ck_assert_str_eq(one_filename("filename*=UTF-8''%E2%82%AC%20rates"
	    ".pdf"), "\xe2\x82\xac rates.pdf");
	/* filename* wins, in either order. */
	ck_assert_str_eq(one_filename("filename=\"EUR rates.pdf\"; "
	    "filename*=utf-8'en'%E2%82%AC.pdf"), "\xe2\x82\xac.pdf");
	ck_assert_str_eq(one_filename("filename*=UTF-8''b.pdf; "
	    "filename=\"a.pdf\""), "b.pdf");
	ck_assert_str_eq(one_filename("filename*=ISO-8859-1''caf%E9.pdf"),
	    "caf\xc3\xa9.pdf");
	ck_assert_str_eq(one_filename("filename*=UTF-8''..%2F..%2Fx.pdf"),
	    "x.pdf");
	ck_assert_ptr_null(one_filename("filename*=KOI8-R''x.pdf"));
	ck_assert_ptr_null(one_filename("filename*=UTF-8''%E2%82.pdf"));
	ck_assert_ptr_null(one_filename("filename*=UTF-8''%G0.pdf"));
	ck_assert_ptr_null(one_filename("filename*=UTF-8''%2"));
	ck_assert_ptr_null(one_filename("filename*=UTF-8'x.pdf"));
	ck_assert_ptr_null(one_filename("filename*=UTF-8''%00.pdf"));
}
END_TEST

START_TEST(test_max_parts)
{
	static const char	 body[] =
	    "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n"
	    "--XyZ\r\nContent-Disposition: form-data; name=b\r\n\r\n2\r\n"
	    "--XyZ\r\nContent-Disposition: form-data; name=c\r\n\r\n3\r\n"
	    "--XyZ--";
	struct mp		 m;

	ck_assert_int_eq(parse(&m, body, CT, 3), 0);
	ck_assert_uint_eq(m.nparts, 3);
	ck_assert_str_eq(m.parts[2].name, "c");
	mp_free(&m);
	ck_assert_int_eq(parse(&m, body, CT, 2), -1);
	ck_assert_int_eq(parse(&m, body, CT, 0), -1);
	ck_assert_int_eq(parse(&m, "--XyZ--", CT, 0), 0);
	mp_free(&m);
}
END_TEST

START_TEST(test_header_block_limit)
{
	struct mp	 m;
	char		*body;
	size_t		 n, pad = 20000;

	body = malloc(pad + 200);
	ck_assert_ptr_nonnull(body);
	n = (size_t)snprintf(body, 200, "--XyZ\r\nContent-Disposition: "
	    "form-data; name=a\r\nX: ");
	memset(body + n, 'x', pad);
	strcpy(body + n + pad, "\r\n\r\nA\r\n--XyZ--");
	ck_assert_int_eq(parse(&m, body, CT, 10), -1);
	/* The same with a header that fits. */
	strcpy(body + n + 1000, "\r\n\r\nA\r\n--XyZ--");
	ck_assert_int_eq(parse(&m, body, CT, 10), 0);
	mp_free(&m);
	free(body);
}
END_TEST

static Suite *
multipart_suite(void)
{
	Suite	*s = suite_create("multipart");
	TCase	*tc;

	tc = tcase_create("parse");
	tcase_add_test(tc, test_field_and_file);
	tcase_add_test(tc, test_empty_values);
	tcase_add_test(tc, test_boundary_parameter);
	tcase_add_test(tc, test_preamble_and_epilogue);
	tcase_add_test(tc, test_other_headers_ignored);
	tcase_add_test(tc, test_filenames);
	tcase_add_test(tc, test_filename_star);
	tcase_add_test(tc, test_max_parts);
	suite_add_tcase(s, tc);

	tc = tcase_create("refuse");
	tcase_add_test(tc, test_bad_content_types);
	tcase_add_test(tc, test_framing_refused);
	tcase_add_test(tc, test_headers_refused);
	tcase_add_test(tc, test_header_block_limit);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(multipart_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed;
}
