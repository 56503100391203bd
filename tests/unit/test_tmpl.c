/*
 * Unit tests for portal/lib/tmpl.c.  Exit status: number of failed tests.
 *
 * Small cases write their templates to a fresh directory under /tmp,
 * load it and remove it again.  Golden and rejected sets live in
 * fixtures/tmpl/ (relative to the repository root, where the tests run;
 * TMPL_FIXTURES overrides): golden/page.out is the expected rendering of
 * golden/page.html, and each bad_*\/expected.err holds the exact error.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sbuf.h"
#include "tmpl.h"

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))
#define LOAD(files)	load_files((files), NELEM(files), err, sizeof(err))

struct tfile {
	const char	*name;	/* file name in the set's directory */
	const char	*text;
};

static struct tmpl_set	*load_files(const struct tfile *, size_t, char *,
			    size_t);
static const char	*load_error(const struct tfile *, size_t);
static const char	*render(const struct tmpl_set *, const char *,
			    const struct tdict *);
static const char	*fixture(const char *);
static void		 read_file(const char *, struct sbuf *);
static struct tdict	*golden_dict(void);
static struct tdict	*tree(int, int);
static void		 setup(void);
static void		 teardown(void);
static Suite		*tmpl_suite(void);

static struct sbuf	 out;
static char		 err[256];

/*
 * Writes files to a new directory, loads it as a set and removes the
 * directory.  Returns the set, or NULL with err set.
 */
static struct tmpl_set *
load_files(const struct tfile *files, size_t n, char *e, size_t elen)
{
	char		 dir[] = "/tmp/test_tmpl.XXXXXX", path[512];
	struct tmpl_set	*set;
	FILE		*f;
	size_t		 i;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i].name);
		ck_assert_ptr_nonnull(f = fopen(path, "wb"));
		fputs(files[i].text, f);
		ck_assert_int_eq(fclose(f), 0);
	}
	set = tmpl_set_load(dir, e, elen);
	for (i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i].name);
		unlink(path);
	}
	rmdir(dir);
	return set;
}

/* Loads files, which must fail; returns the error message. */
static const char *
load_error(const struct tfile *files, size_t n)
{

	strcpy(err, "not set");
	ck_assert_ptr_null(load_files(files, n, err, sizeof(err)));
	return err;
}

/* Renders name, which must succeed; valid until the next render. */
static const char *
render(const struct tmpl_set *set, const char *name, const struct tdict *d)
{

	sbuf_reset(&out);
	ck_assert_int_eq(tmpl_render(set, name, d, &out), 0);
	ck_assert_int_eq(out.oom, 0);
	ck_assert_ptr_nonnull(out.data);
	return out.data;
}

/* Path of a fixture; valid until the next call. */
static const char *
fixture(const char *sub)
{
	static char	 path[512];
	const char	*base;

	if ((base = getenv("TMPL_FIXTURES")) == NULL)
		base = "tests/unit/fixtures/tmpl";
	snprintf(path, sizeof(path), "%s/%s", base, sub);
	return path;
}

static void
read_file(const char *path, struct sbuf *b)
{
	char	 chunk[4096];
	size_t	 n;
	FILE	*f;

	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s (run from the repo root)",
	    path);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		sbuf_append(b, chunk, n);
	ck_assert_int_eq(ferror(f), 0);
	fclose(f);
	sbuf_append(b, "", 0);
	ck_assert_int_eq(b->oom, 0);
}

static void
setup(void)
{

	sbuf_init(&out);
	err[0] = '\0';
}

static void
teardown(void)
{

	sbuf_free(&out);
}

START_TEST(test_var_escaped)
{
	static const struct tfile files[] = {
		{ "page.html", "<p>{{name}}</p>" },
	};
	struct tmpl_set	*set;
	struct tdict	*d;

	ck_assert_msg((set = LOAD(files)) != NULL, "%s", err);
	d = tdict_new();
	tdict_set(d, "name", "<script>alert(\"x\")</script>");
	ck_assert_str_eq(render(set, "page", d),
	    "<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</p>");
	tdict_set(d, "name", "a'b`c=d&e\x01\xFF");
	ck_assert_str_eq(render(set, "page", d),
	    "<p>a&#39;b&#96;c&#61;d&amp;e\xEF\xBF\xBD</p>");
	tdict_free(d);
	tmpl_set_free(set);
}
END_TEST

START_TEST(test_var_whitespace_missing_kinds)
{
	static const struct tfile files[] = {
		{ "page.html", "[{{ name }}][{{\tname\n}}][{{missing}}]"
		    "[{{list}}][{{kid}}]" },
	};
	struct tmpl_set	*set;
	struct tdict	*d;

	ck_assert_msg((set = LOAD(files)) != NULL, "%s", err);
	d = tdict_new();
	tdict_set(d, "name", "N");
	tdict_push(d, "list");
	tdict_set(tdict_child(d, "kid"), "name", "inner");
	ck_assert_str_eq(render(set, "page", d), "[N][N][][][]");
	ck_assert_str_eq(render(set, "page", NULL), "[][][][][]");
	tdict_free(d);
	tmpl_set_free(set);
}
END_TEST

START_TEST(test_section_list)
{
	static const struct tfile files[] = {
		{ "page.html", "<ul>{{#items}}<li>{{name}}</li>{{/items}}</ul>" },
	};
	struct tmpl_set	*set;
	struct tdict	*d;

	ck_assert_msg((set = LOAD(files)) != NULL, "%s", err);
	d = tdict_new();
	ck_assert_str_eq(render(set, "page", d), "<ul></ul>");
	tdict_set(tdict_push(d, "items"), "name", "one");
	tdict_set(tdict_push(d, "items"), "name", "<two>");
	tdict_set(tdict_push(d, "items"), "name", "three");
	ck_assert_str_eq(render(set, "page", d),
	    "<ul><li>one</li><li>&lt;two&gt;</li><li>three</li></ul>");
	tdict_free(d);
	tmpl_set_free(set);
}
END_TEST

START_TEST(test_scope_lookup_order)
{
	static const struct tfile files[] = {
		{ "page.html", "{{#items}}{{name}}/{{who}};{{/items}}{{who}}" },
	};
	struct tmpl_set	*set;
	struct tdict	*d, *it;

	ck_assert_msg((set = LOAD(files)) != NULL, "%s", err);
	d = tdict_new();
	tdict_set(d, "who", "outer");
	tdict_set(d, "name", "root-name");
	it = tdict_push(d, "items");
	tdict_set(it, "name", "a");			/* falls back: who */
	it = tdict_push(d, "items");
	tdict_set(it, "name", "b");
	tdict_set(it, "who", "inner");			/* shadows */
	tdict_push(d, "items");				/* all from outside */
	ck_assert_str_eq(render(set, "page", d),
	    "a/outer;b/inner;root-name/outer;outer");
	tdict_free(d);
	tmpl_set_free(set);
}
END_TEST

START_TEST(test_nested_scopes)
{
	static const struct tfile files[] = {
		{ "page.html", "{{#rows}}<tr id=\"{{id}}\">{{#cells}}"
		    "<td>{{id}}.{{v}}.{{page}}</td>{{/cells}}</tr>{{/rows}}" },
	};
	struct tmpl_set	*set;
	struct tdict	*d, *row;

	ck_assert_msg((set = LOAD(files)) != NULL, "%s", err);
	d = tdict_new();
	tdict_set(d, "page", "P");
	row = tdict_push(d, "rows");
	tdict_set(row, "id", "r1");
	tdict_set(tdict_push(row, "cells"), "v", "1");
	tdict_set(tdict_push(row, "cells"), "v", "2");
	row = tdict_push(d, "rows");
	tdict_set(row, "id", "r2");
	tdict_setf(tdict_push(row, "cells"), "v", "%d", 3);
	tdict_set(tdict_push(row, "cells"), "page", "Q");
	ck_assert_str_eq(render(set, "page", d),
	    "<tr id=\"r1\"><td>r1.1.P</td><td>r1.2.P</td></tr>"
	    "<tr id=\"r2\"><td>r2.3.P</td><td>r2..Q</td></tr>");
	tdict_free(d);
	tmpl_set_free(set);
}
END_TEST

START_TEST(test_section_dict_and_dotted)
{
	static const struct tfile files[] = {
		{ "page.html", "{{#child}}{{name}} ({{age}}){{/child}}|"
		    "{{child.name}}|{{child.school.name}}|{{child.nope}}|"
		    "{{name.x}}|{{a.b}}" },
	};
	struct tmpl_set	*set;
	struct tdict	*d, *c;

	ck_assert_msg((set = LOAD(files)) != NULL, "%s", err);
	d = tdict_new();
	tdict_set(d, "name", "outer");
	tdict_set(d, "age", "n/a");
	c = tdict_child(d, "child");
	ck_assert_ptr_eq(tdict_child(d, "child"), c);	/* same dict */
	tdict_set(c, "name", "Sam");
	tdict_set(tdict_child(c, "school"), "name", "Elm <Primary>");
	tdict_set(d, "a.b", "literal key");
	ck_assert_str_eq(render(set, "page", d),
	    "Sam (n/a)|Sam|Elm &lt;Primary&gt;|||literal key");
	tdict_free(d);
	tmpl_set_free(set);
}
END_TEST

START_TEST(test_section_string)
{
	static const struct tfile files[] = {
		{ "page.html", "{{#flag}}yes:{{flag}}{{/flag}}." },
	};
	struct tmpl_set	*set;
	struct tdict	*d;

	ck_assert_msg((set = LOAD(files)) != NULL, "%s", err);
	d = tdict_new();
	ck_assert_str_eq(render(set, "page", d), ".");
	tdict_set(d, "flag", "");
	ck_assert_str_eq(render(set, "page", d), ".");
	tdict_set(d, "flag", "1");
	ck_assert_str_eq(render(set, "page", d), "yes:1.");
	tdict_free(d);
	tmpl_set_free(set);
}
END_TEST

START_TEST(test_inverted)
{
	static const struct tfile files[] = {
		{ "page.html", "{{^x}}none{{/x}}{{#x}}some{{/x}}" },
	};
	struct tmpl_set	*set;
	struct tdict	*d;

	ck_assert_msg((set = LOAD(files)) != NULL, "%s", err);
	d = tdict_new();
	ck_assert_str_eq(render(set, "page", d), "none");
	tdict_set(d, "x", "");
	ck_assert_str_eq(render(set, "page", d), "none");
	tdict_set(d, "x", "0");
	ck_assert_str_eq(render(set, "page", d), "some");
	tdict_set(d, "x", NULL);
	ck_assert_str_eq(render(set, "page", d), "none");
	tdict_push(d, "x");
	ck_assert_str_eq(render(set, "page", d), "some");
	tdict_child(d, "x");
	ck_assert_str_eq(render(set, "page", d), "some");
	tdict_free(d);
	tmpl_set_free(set);
}
END_TEST

START_TEST(test_comment)
{
	static const struct tfile files[] = {
		{ "page.html", "a{{! {{#open}} ends at the first }}b{{!\n"
		    "over two lines }}c{{ !x }}" },
	};
	struct tmpl_set	*set;

	ck_assert_msg((set = LOAD(files)) != NULL, "%s", err);
	ck_assert_str_eq(render(set, "page", NULL),
	    "a ends at the first }}bc");
	tmpl_set_free(set);
}
END_TEST

START_TEST(test_partials)
{
	static const struct tfile files[] = {
		{ "page.html", "{{>_header}}{{#items}}{{> _item }}{{/items}}"
		    "{{>_footer}}" },
		{ "_header.html", "<h1>{{title}}</h1>" },
		{ "_item.html", "<p>{{name}} in {{title}}</p>" },
		{ "_footer.html", "<footer>{{>_small}}</footer>" },
		{ "_small.html", "<small>{{title}}</small>" },
	};
	struct tmpl_set	*set;
	struct tdict	*d;

	ck_assert_msg((set = LOAD(files)) != NULL, "%s", err);
	ck_assert_int_eq(tmpl_exists(set, "page"), 1);
	ck_assert_int_eq(tmpl_exists(set, "_item"), 1);
	ck_assert_int_eq(tmpl_exists(set, "_missing"), 0);
	ck_assert_int_eq(tmpl_exists(set, "page.html"), 0);
	ck_assert_int_eq(tmpl_exists(set, "pag"), 0);
	d = tdict_new();
	tdict_set(d, "title", "T&C");
	tdict_set(tdict_push(d, "items"), "name", "x");
	tdict_set(tdict_push(d, "items"), "title", "own");
	ck_assert_str_eq(render(set, "page", d),
	    "<h1>T&amp;C</h1><p>x in T&amp;C</p><p> in own</p>"
	    "<footer><small>T&amp;C</small></footer>");
	ck_assert_str_eq(render(set, "_small", d), "<small>T&amp;C</small>");
	tdict_free(d);
	tmpl_set_free(set);
}
END_TEST

/*
 * A chain of n nested nodes: {name: "1", kids: [{name: "2", ...}]}.
 * The leaf's kids must be set empty: a missing key would be looked up
 * outward and find its parent's list again.
 */
static struct tdict *
tree(int n, int mark_leaf)
{
	struct tdict	*root, *d;
	int		 i;

	root = d = tdict_new();
	for (i = 1; i <= n; i++) {
		tdict_setf(d, "name", "%d", i);
		if (i < n)
			d = tdict_push(d, "kids");
	}
	if (mark_leaf)
		tdict_set(d, "kids", "");
	return root;
}

START_TEST(test_partial_recursion_depth)
{
	static const struct tfile files[] = {
		{ "tree.html", "{{>_node}}" },
		{ "_node.html", "({{name}}{{#kids}}{{>_node}}{{/kids}})" },
	};
	struct tmpl_set	*set;
	struct tdict	*d;

	ck_assert_msg((set = LOAD(files)) != NULL, "%s", err);
	d = tree(3, 1);
	ck_assert_str_eq(render(set, "tree", d), "(1(2(3)))");
	tdict_free(d);
	d = tree(3, 0);				/* unmarked leaf: recurses */
	ck_assert_int_eq(tmpl_render(set, "tree", d, &out), -1);
	tdict_free(d);
	d = tree(8, 1);				/* 8 partials deep: allowed */
	ck_assert_str_eq(render(set, "tree", d),
	    "(1(2(3(4(5(6(7(8))))))))");
	tdict_free(d);
	d = tree(9, 1);				/* 9: refused, out unchanged */
	sbuf_reset(&out);
	sbuf_puts(&out, "kept");
	ck_assert_int_eq(tmpl_render(set, "tree", d, &out), -1);
	ck_assert_str_eq(out.data, "kept");
	ck_assert_uint_eq(out.len, 4);
	tdict_free(d);
	tmpl_set_free(set);
}
END_TEST

START_TEST(test_render_appends_and_unknown)
{
	static const struct tfile files[] = {
		{ "page.html", "<p>{{x}}</p>" },
		{ "empty.html", "" },
	};
	struct tmpl_set	*set;

	ck_assert_msg((set = LOAD(files)) != NULL, "%s", err);
	sbuf_puts(&out, "<!-- -->");
	ck_assert_int_eq(tmpl_render(set, "page", NULL, &out), 0);
	ck_assert_str_eq(out.data, "<!-- --><p></p>");
	ck_assert_int_eq(tmpl_render(set, "nope", NULL, &out), -1);
	ck_assert_int_eq(tmpl_render(set, "", NULL, &out), -1);
	ck_assert_int_eq(tmpl_render(set, "pag", NULL, &out), -1);
	ck_assert_int_eq(tmpl_render(set, NULL, NULL, &out), -1);
	ck_assert_str_eq(out.data, "<!-- --><p></p>");
	ck_assert_str_eq(render(set, "empty", NULL), "");
	tmpl_set_free(set);
}
END_TEST

START_TEST(test_missing_partial_rejected)
{
	static const struct tfile files[] = {
		{ "page.html", "<p>\n{{>_nope}}</p>" },
		{ "_header.html", "x" },
	};

	ck_assert_str_eq(load_error(files, NELEM(files)),
	    "page.html:2: unknown partial '_nope'");
}
END_TEST

START_TEST(test_unbalanced_rejected)
{
	static const struct tfile unclosed[] = {
		{ "page.html", "a\nb\n{{#list}}\n{{#x}}{{/x}}\n" },
	};
	static const struct tfile stray[] = {
		{ "page.html", "{{#a}}{{/a}}\n{{/a}}" },
	};
	static const struct tfile mismatch[] = {
		{ "page.html", "{{#a}}\n{{#b}}\n{{/a}}{{/b}}" },
	};
	static const struct tfile inner[] = {
		{ "page.html", "{{#a}}{{^b}}{{/a}}" },
	};

	ck_assert_str_eq(load_error(unclosed, NELEM(unclosed)),
	    "page.html:3: section 'list' is not closed");
	ck_assert_str_eq(load_error(stray, NELEM(stray)),
	    "page.html:2: '{{/a}}' closes no open section");
	ck_assert_str_eq(load_error(mismatch, NELEM(mismatch)),
	    "page.html:3: '{{/a}}' does not match '{{#b}}' on line 2");
	ck_assert_str_eq(load_error(inner, NELEM(inner)),
	    "page.html:1: '{{/a}}' does not match '{{^b}}' on line 1");
}
END_TEST

START_TEST(test_line_numbers_count_tag_newlines)
{
	static const struct tfile files[] = {
		{ "page.html", "{{#a\n}}{{! one\ntwo\n}}x{{/a}}\n\n{{/b}}" },
	};

	ck_assert_str_eq(load_error(files, NELEM(files)),
	    "page.html:6: '{{/b}}' closes no open section");
}
END_TEST

START_TEST(test_bad_tags_rejected)
{
	static const struct {
		const char	*text;
		const char	*error;
	} cases[] = {
		{ "x\n{{{raw}}}", "page.html:2: unescaped output is not supported" },
		{ "{{& raw}}", "page.html:1: unescaped output is not supported" },
		{ "{{=<% %>=}}",
		    "page.html:1: delimiter changes are not supported" },
		{ "{{}}", "page.html:1: bad tag: names are [A-Za-z0-9_.-]+" },
		{ "{{ }}", "page.html:1: bad tag: names are [A-Za-z0-9_.-]+" },
		{ "{{#}}", "page.html:1: bad tag: names are [A-Za-z0-9_.-]+" },
		{ "{{a b}}", "page.html:1: bad tag: names are [A-Za-z0-9_.-]+" },
		{ "{{a}b}}", "page.html:1: bad tag: names are [A-Za-z0-9_.-]+" },
		{ "{{<x}}", "page.html:1: bad tag: names are [A-Za-z0-9_.-]+" },
		{ "{{a..b}}", "page.html:1: bad tag: names are [A-Za-z0-9_.-]+" },
		{ "{{.}}", "page.html:1: bad tag: names are [A-Za-z0-9_.-]+" },
		{ "{{a.}}", "page.html:1: bad tag: names are [A-Za-z0-9_.-]+" },
		{ "{{\xC3\xA9}}", "page.html:1: bad tag: names are [A-Za-z0-9_.-]+" },
		{ "a\n\nb {{x", "page.html:3: '{{' without '}}'" },
		{ "{{x}", "page.html:1: '{{' without '}}'" },
		{ "ok\n{{!", "page.html:2: '{{' without '}}'" },
	};
	struct tfile	 f;
	size_t		 i;

	f.name = "page.html";
	for (i = 0; i < NELEM(cases); i++) {
		f.text = cases[i].text;
		ck_assert_msg(strcmp(load_error(&f, 1), cases[i].error) == 0,
		    "case %zu: got \"%s\"", i, err);
	}
}
END_TEST

START_TEST(test_lenient_text)
{
	static const struct tfile files[] = {
		{ "page.html", "a { b } }} c {x} {\n{{v}}{" },
	};
	struct tmpl_set	*set;
	struct tdict	*d;

	ck_assert_msg((set = LOAD(files)) != NULL, "%s", err);
	d = tdict_new();
	tdict_set(d, "v", "V");
	ck_assert_str_eq(render(set, "page", d), "a { b } }} c {x} {\nV{");
	tdict_free(d);
	tmpl_set_free(set);
}
END_TEST

START_TEST(test_partial_cycles)
{
	static const struct tfile self[] = {
		{ "page.html", "{{>page}}" },
	};
	static const struct tfile deep[] = {
		{ "p0.html", "{{>p1}}" }, { "p1.html", "{{>p2}}" },
		{ "p2.html", "{{>p3}}" }, { "p3.html", "{{>p4}}" },
		{ "p4.html", "{{>p5}}" }, { "p5.html", "{{>p6}}" },
		{ "p6.html", "{{>p7}}" }, { "p7.html", "{{>p8}}" },
		{ "p8.html", "\n{{>p9}}" }, { "p9.html", "end" },
	};
	static const struct tfile ok[] = {
		{ "p0.html", "{{>p1}}" }, { "p1.html", "{{>p2}}" },
		{ "p2.html", "{{>p3}}" }, { "p3.html", "{{>p4}}" },
		{ "p4.html", "{{>p5}}" }, { "p5.html", "{{>p6}}" },
		{ "p6.html", "{{>p7}}" }, { "p7.html", "{{>p8}}" },
		{ "p8.html", "end" },
	};
	struct tmpl_set	*set;

	ck_assert_str_eq(load_error(self, NELEM(self)),
	    "page.html:1: partials form a cycle through 'page'");
	ck_assert_str_eq(load_error(deep, NELEM(deep)),
	    "p8.html:2: partials nested deeper than 8");
	ck_assert_msg((set = LOAD(ok)) != NULL, "%s", err);
	ck_assert_str_eq(render(set, "p0", NULL), "end");
	tmpl_set_free(set);
}
END_TEST

START_TEST(test_files_refused)
{
	static const struct tfile utf8[] = {
		{ "ok.html", "fine \xE2\x82\xAC" },
		{ "page.html", "one\ntwo\nthr\xEE\x80" "ee\n" },
	};
	static const struct tfile badname[] = {
		{ "bad name.html", "x" },
	};

	ck_assert_str_eq(load_error(utf8, NELEM(utf8)),
	    "page.html:3: invalid UTF-8");
	ck_assert_str_eq(load_error(badname, NELEM(badname)),
	    "bad name.html:0: template names are [A-Za-z0-9_.-]+");
	ck_assert_ptr_null(tmpl_set_load("/nonexistent/templates", err,
	    sizeof(err)));
	ck_assert_str_eq(err, "/nonexistent/templates:0: cannot open "
	    "directory: No such file or directory");
	ck_assert_ptr_null(tmpl_set_load("/nonexistent", NULL, 0));
}
END_TEST

START_TEST(test_nul_byte_refused)
{
	char		 dir[] = "/tmp/test_tmpl.XXXXXX", path[512];
	FILE		*f;

	ck_assert_ptr_nonnull(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/page.html", dir);
	ck_assert_ptr_nonnull(f = fopen(path, "wb"));
	fwrite("a\nb\0c", 1, 5, f);
	fclose(f);
	ck_assert_ptr_null(tmpl_set_load(dir, err, sizeof(err)));
	unlink(path);
	rmdir(dir);
	ck_assert_str_eq(err, "page.html:2: NUL byte");
}
END_TEST

START_TEST(test_error_truncated)
{
	static const struct tfile files[] = {
		{ "page.html", "{{/x}}" },
	};
	char	 small[12];

	memset(small, 'z', sizeof(small));
	ck_assert_ptr_null(load_files(files, 1, small, sizeof(small)));
	ck_assert_str_eq(small, "page.html:1");
}
END_TEST

START_TEST(test_non_html_ignored)
{
	static const struct tfile files[] = {
		{ "page.html", "ok" },
		{ "broken.txt", "{{#x}}" },
		{ "html", "{{/y}}" },
		{ "page.html~", "{{" },
	};
	struct tmpl_set	*set;

	ck_assert_msg((set = LOAD(files)) != NULL, "%s", err);
	ck_assert_int_eq(tmpl_exists(set, "page"), 1);
	ck_assert_int_eq(tmpl_exists(set, "broken"), 0);
	ck_assert_str_eq(render(set, "page", NULL), "ok");
	tmpl_set_free(set);
}
END_TEST

START_TEST(test_tdict_kinds)
{
	static const struct tfile files[] = {
		{ "page.html", "[{{k}}]{{#k}}<{{v}}>{{/k}}" },
	};
	struct tmpl_set	*set;
	struct tdict	*d;

	ck_assert_msg((set = LOAD(files)) != NULL, "%s", err);
	d = tdict_new();
	tdict_set(d, "k", "one");
	tdict_set(d, "k", "two");			/* replaces */
	ck_assert_str_eq(render(set, "page", d), "[two]<>");
	tdict_set(tdict_push(d, "k"), "v", "1");	/* string → list */
	tdict_set(tdict_push(d, "k"), "v", "2");
	ck_assert_str_eq(render(set, "page", d), "[]<1><2>");
	tdict_set(tdict_child(d, "k"), "v", "c");	/* list → dict */
	ck_assert_str_eq(render(set, "page", d), "[]<c>");
	tdict_setf(d, "k", "%s-%03d", "n", 7);		/* dict → string */
	ck_assert_str_eq(render(set, "page", d), "[n-007]<>");
	tdict_set(d, "k", NULL);			/* removes */
	tdict_set(d, "k", NULL);
	ck_assert_str_eq(render(set, "page", d), "[]");
	tdict_set(d, "a", "1");
	tdict_set(d, "k", "K");
	tdict_set(d, "b", "2");
	tdict_set(d, "a", NULL);			/* others survive */
	ck_assert_str_eq(render(set, "page", d), "[K]<>");
	tdict_free(d);
	tmpl_set_free(set);
}
END_TEST

START_TEST(test_tdict_null_safe)
{

	tdict_set(NULL, "a", "b");
	tdict_setf(NULL, "a", "%d", 1);
	ck_assert_ptr_null(tdict_push(NULL, "a"));
	ck_assert_ptr_null(tdict_child(NULL, "a"));
	ck_assert_ptr_null(tdict_push(tdict_child(NULL, "a"), "b"));
	tdict_free(NULL);
	tmpl_set_free(NULL);
	ck_assert_int_eq(tmpl_exists(NULL, "a"), 0);
	ck_assert_int_eq(tmpl_render(NULL, "a", NULL, &out), -1);
}
END_TEST

/* The values golden/page.out was written for. */
static struct tdict *
golden_dict(void)
{
	struct tdict	*d, *r, *c;

	d = tdict_new();
	tdict_set(d, "title", "Advice requests");
	tdict_set(d, "service", "EHC <Advice> Portal");
	tdict_set(tdict_child(d, "user"), "email", "o'neil@demo.test");
	tdict_set(d, "error", "");
	r = tdict_push(d, "requests");
	tdict_set(r, "child", "Amy & Ben");
	tdict_set(r, "due", "2026-03-01");
	tdict_set(r, "late", "yes");
	r = tdict_push(d, "requests");
	tdict_set(r, "child", "<script>alert(1)</script>");
	tdict_set(r, "due", "2026-03-08");
	tdict_set(r, "late", "");
	tdict_set(r, "service", "Override");
	c = tdict_child(d, "council");
	tdict_set(c, "name", "Demo \"Borough\"");
	tdict_set(c, "code", "DB=1");
	tdict_set(d, "query", "a b&c=<d>");
	return d;
}

START_TEST(test_golden)
{
	struct tmpl_set	*set;
	struct tdict	*d;
	struct sbuf	 want;

	set = tmpl_set_load(fixture("golden"), err, sizeof(err));
	ck_assert_msg(set != NULL, "%s", err);
	ck_assert_int_eq(tmpl_exists(set, "notes"), 0);
	sbuf_init(&want);
	read_file(fixture("golden/page.out"), &want);
	d = golden_dict();
	render(set, "page", d);
	ck_assert_uint_eq(out.len, want.len);
	ck_assert_str_eq(out.data, want.data);
	tdict_free(d);
	sbuf_free(&want);
	tmpl_set_free(set);
}
END_TEST

START_TEST(test_rejected_fixtures)
{
	static const char *const dirs[] = {
		"bad_unclosed", "bad_mismatch", "bad_stray_close",
		"bad_partial", "bad_raw", "bad_unterminated", "bad_cycle",
		"bad_utf8", "bad_name",
	};
	struct sbuf	 want, path;
	size_t		 i;

	sbuf_init(&want);
	sbuf_init(&path);
	for (i = 0; i < NELEM(dirs); i++) {
		sbuf_reset(&want);
		sbuf_reset(&path);
		sbuf_printf(&path, "%s/expected.err", dirs[i]);
		read_file(fixture(path.data), &want);
		if (want.len > 0 && want.data[want.len - 1] == '\n')
			want.data[--want.len] = '\0';
		strcpy(err, "not set");
		ck_assert_msg(tmpl_set_load(fixture(dirs[i]), err,
		    sizeof(err)) == NULL, "%s was accepted", dirs[i]);
		ck_assert_msg(strcmp(err, want.data) == 0,
		    "%s: got \"%s\", want \"%s\"", dirs[i], err, want.data);
	}
	sbuf_free(&want);
	sbuf_free(&path);
}
END_TEST

static Suite *
tmpl_suite(void)
{
	Suite	*s = suite_create("tmpl");
	TCase	*tc;

	tc = tcase_create("render");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_var_escaped);
	tcase_add_test(tc, test_var_whitespace_missing_kinds);
	tcase_add_test(tc, test_section_list);
	tcase_add_test(tc, test_scope_lookup_order);
	tcase_add_test(tc, test_nested_scopes);
	tcase_add_test(tc, test_section_dict_and_dotted);
	tcase_add_test(tc, test_section_string);
	tcase_add_test(tc, test_inverted);
	tcase_add_test(tc, test_comment);
	tcase_add_test(tc, test_partials);
	tcase_add_test(tc, test_partial_recursion_depth);
	tcase_add_test(tc, test_render_appends_and_unknown);
	tcase_add_test(tc, test_lenient_text);
	suite_add_tcase(s, tc);

	tc = tcase_create("load");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_missing_partial_rejected);
	tcase_add_test(tc, test_unbalanced_rejected);
	tcase_add_test(tc, test_line_numbers_count_tag_newlines);
	tcase_add_test(tc, test_bad_tags_rejected);
	tcase_add_test(tc, test_partial_cycles);
	tcase_add_test(tc, test_files_refused);
	tcase_add_test(tc, test_nul_byte_refused);
	tcase_add_test(tc, test_error_truncated);
	tcase_add_test(tc, test_non_html_ignored);
	suite_add_tcase(s, tc);

	tc = tcase_create("tdict");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_tdict_kinds);
	tcase_add_test(tc, test_tdict_null_safe);
	suite_add_tcase(s, tc);

	tc = tcase_create("fixtures");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_golden);
	tcase_add_test(tc, test_rejected_fixtures);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(tmpl_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed;
}
