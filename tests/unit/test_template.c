/*
 * Advice templates (DESIGN §5): the real templates/advice folder loads
 * and says what the plan needs; every bad fixture in
 * fixtures/template/ is refused with the right "file:line: problem";
 * answers are checked as the advice forms need.
 *
 * Paths are relative to the repository root, where the tests run;
 * TEMPLATE_DIR, TEMPLATE_SCHEMA and TEMPLATE_FIXTURES override them.
 */
#include <sys/stat.h>

#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "template.h"

static char	 scratch[64];		/* a fresh folder per test */

static const char *
env_or(const char *name, const char *dflt)
{
	const char	*v = getenv(name);

	return v != NULL ? v : dflt;
}

static const char *
real_dir(void)
{

	return env_or("TEMPLATE_DIR", "templates/advice");
}

static const char *
schema(void)
{

	return env_or("TEMPLATE_SCHEMA", "templates/advice/template.rng");
}

static void
scratch_open(void)
{

	(void)snprintf(scratch, sizeof(scratch), "/tmp/test_template.XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(scratch));
}

static void
scratch_close(void)
{
	DIR		*d;
	struct dirent	*de;
	char		 path[512];

	if (scratch[0] == '\0' || (d = opendir(scratch)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		(void)snprintf(path, sizeof(path), "%s/%s", scratch, de->d_name);
		(void)unlink(path);
	}
	(void)closedir(d);
	(void)rmdir(scratch);
	scratch[0] = '\0';
}

/* Copies fixture name into the scratch folder as "as". */
static void
put(const char *name, const char *as)
{
	char	 src[512], dst[512], buf[8192];
	FILE	*in, *out;
	size_t	 n;

	(void)snprintf(src, sizeof(src), "%s/%s",
	    env_or("TEMPLATE_FIXTURES", "tests/unit/fixtures/template"), name);
	(void)snprintf(dst, sizeof(dst), "%s/%s", scratch, as);
	in = fopen(src, "rb");
	ck_assert_msg(in != NULL, "cannot read %s", src);
	out = fopen(dst, "wb");
	ck_assert_ptr_nonnull(out);
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0)
		ck_assert_uint_eq(fwrite(buf, 1, n, out), n);
	(void)fclose(in);
	ck_assert_int_eq(fclose(out), 0);
}

static void
put_text(const char *as, const char *text)
{
	char	 dst[512];
	FILE	*out;

	(void)snprintf(dst, sizeof(dst), "%s/%s", scratch, as);
	ck_assert_ptr_nonnull(out = fopen(dst, "wb"));
	ck_assert_int_eq(fputs(text, out) >= 0, 1);
	ck_assert_int_eq(fclose(out), 0);
}

/* "B K" */
static const char *
feeds_of(const struct tpl_field *f)
{
	static char	 s[32];
	size_t		 i;

	s[0] = '\0';
	for (i = 0; i < f->nfeeds; i++) {
		if (i > 0)
			(void)strcat(s, " ");
		(void)strcat(s, f->feeds[i]);
	}
	return s;
}

static void
load_real(struct tpl_set *set)
{
	char	 err[512];

	ck_assert_msg(tpl_set_load(set, real_dir(), schema(), err,
	    sizeof(err)) == 0, "%s", err);
}

static void
load_minimal(struct tpl_set *set)
{
	char	 err[512];

	put("good_minimal.xml", "good_minimal.xml");
	ck_assert_msg(tpl_set_load(set, scratch, schema(), err,
	    sizeof(err)) == 0, "%s", err);
}

static const struct tpl_field *
minimal_field(const struct tpl_set *set, const char *id)
{
	const struct tpl_field	*f;

	f = tpl_field(tpl_find(set, "minimal", 1), id);
	ck_assert_msg(f != NULL, "no field %s", id);
	return f;
}

/*
 * The real templates.
 */

static const char *const kinds[] = { "parent", "educational", "medical",
	"psychological", "social_care", "other", "preparing_for_adulthood" };

START_TEST(test_real_one_template_per_kind)
{
	struct tpl_set		 set;
	const struct tpl	*t;

	load_real(&set);
	ck_assert_uint_ge(set.ntpls, 7);
	t = tpl_for_kind(&set, kinds[_i]);
	ck_assert_msg(t != NULL, "no template for %s", kinds[_i]);
	ck_assert_str_eq(t->id, kinds[_i]);
	ck_assert_str_eq(t->kind, kinds[_i]);
	/* Educational and other advice are at version 2 (issue 11: the
	 * school and the profession are shown, not asked). */
	ck_assert_int_eq(t->version, strcmp(kinds[_i], "educational") == 0 ||
	    strcmp(kinds[_i], "other") == 0 ? 2 : 1);
	ck_assert_ptr_eq(tpl_find(&set, kinds[_i], t->version), t);
	ck_assert_ptr_nonnull(tpl_find(&set, kinds[_i], 1));
	ck_assert_ptr_nonnull(t->description);
	ck_assert_uint_gt(strlen(t->title), 5);
	tpl_set_free(&set);
}
END_TEST

/* Every field guides its writer; the last one feeds K. */
START_TEST(test_real_fields_well_formed)
{
	struct tpl_set		 set;
	const struct tpl	*t;
	const struct tpl_field	*f, *last;
	size_t			 i, n;

	load_real(&set);
	t = tpl_for_kind(&set, kinds[_i]);
	ck_assert_ptr_nonnull(t);
	for (i = 0; i < t->nfields; i++) {
		f = &t->fields[i];
		n = strlen(f->label);
		ck_assert_msg(f->hint != NULL && strlen(f->hint) > 20,
		    "%s.%s has no real hint", t->id, f->id);
		ck_assert_msg(f->label[n - 1] != '.' && f->label[n - 1] != '?',
		    "%s.%s: labels are names, not sentences", t->id, f->id);
		ck_assert_ptr_nonnull(tpl_area_label(f->area));
		ck_assert_uint_ge(f->nfeeds, 1);
		if (f->type == TPL_TEXT || f->type == TPL_LONGTEXT)
			ck_assert_uint_gt(f->maxlength, 0);
		if (f->type == TPL_CHOICE)
			ck_assert_uint_ge(f->noptions, 2);
		if (f->type != TPL_ROWS)
			continue;
		/* CoP 9.69: what, by whom, how often, how long. */
		ck_assert_uint_eq(f->ncolumns, 4);
		ck_assert_str_eq(f->columns[0].id, "what");
		ck_assert_str_eq(f->columns[1].id, "by_whom");
		ck_assert_str_eq(f->columns[2].id, "how_often");
		ck_assert_str_eq(f->columns[3].id, "how_long");
		for (n = 0; n < 4; n++)
			ck_assert(f->columns[n].required &&
			    f->columns[n].maxlength > 0);
		ck_assert_uint_gt(f->maxrows, 0);
		ck_assert_msg(strstr(f->hint, "quantified") != NULL,
		    "%s.%s: provision hint must ask for quantified provision",
		    t->id, f->id);
	}
	last = &t->fields[t->nfields - 1];
	ck_assert_str_eq(last->id, "other_information");
	ck_assert_str_eq(last->label, "Any other information");
	ck_assert_str_eq(feeds_of(last), "K");
	ck_assert_str_eq(last->area, "general");
	ck_assert_int_eq(last->type, TPL_LONGTEXT);
	ck_assert_int_eq(last->required, 0);
	tpl_set_free(&set);
}
END_TEST

/* Where the main answers land in the plan (DESIGN §4, §5). */
static const struct {
	const char	*tpl, *field, *feeds, *area;
	enum tpl_type	 type;
	int		 required;
} lands[] = {
	{ "parent", "completed_by", "A", "general", TPL_CHOICE, 1 },
	{ "parent", "about_me", "A", "general", TPL_LONGTEXT, 1 },
	{ "parent", "communication", "A", "communication_interaction",
	    TPL_LONGTEXT, 0 },
	{ "parent", "aspirations", "A", "general", TPL_LONGTEXT, 1 },
	{ "educational", "attainment", "B", "cognition_learning", TPL_LONGTEXT, 1 },
	{ "educational", "pupil_views", "A", "general", TPL_LONGTEXT, 0 },
	{ "educational", "specialist_teacher", "K", "sensory_physical",
	    TPL_CHOICE, 1 },
	{ "psychological", "date_seen", "K", "general", TPL_DATE, 1 },
	{ "psychological", "background", "K", "general", TPL_LONGTEXT, 1 },
	{ "psychological", "assessment_methods", "K", "general", TPL_LONGTEXT, 1 },
	{ "psychological", "child_views", "A", "general", TPL_LONGTEXT, 0 },
	{ "psychological", "summary", "B", "general", TPL_LONGTEXT, 1 },
	{ "medical", "history", "K", "general", TPL_LONGTEXT, 1 },
	{ "medical", "diagnoses", "C", "general", TPL_LONGTEXT, 1 },
	{ "medical", "health_needs", "C", "general", TPL_LONGTEXT, 1 },
	{ "medical", "physical_sensory", "C", "sensory_physical", TPL_LONGTEXT, 0 },
	{ "medical", "emotional_health", "C", "semh", TPL_LONGTEXT, 0 },
	{ "medical", "health_care_plan", "C", "general", TPL_CHOICE, 1 },
	{ "medical", "outcomes", "E", "general", TPL_LONGTEXT, 0 },
	{ "medical", "provision", "G", "general", TPL_ROWS, 0 },
	{ "medical", "next_review", "K", "general", TPL_DATE, 0 },
	{ "social_care", "needs", "D", "general", TPL_LONGTEXT, 1 },
	{ "social_care", "outcomes", "E", "general", TPL_LONGTEXT, 0 },
	{ "social_care", "provision_h1", "H1", "general", TPL_ROWS, 0 },
	{ "social_care", "provision_h2", "H2", "general", TPL_ROWS, 0 },
	{ "other", "needs", "B", "general", TPL_LONGTEXT, 1 },
	{ "other", "outcomes_long", "E", "general", TPL_LONGTEXT, 0 },
	{ "other", "outcomes_short", "E", "general", TPL_LONGTEXT, 0 },
	{ "other", "educational_provision", "F", "general", TPL_ROWS, 0 },
	{ "other", "health_provision", "G", "general", TPL_ROWS, 0 },
	{ "preparing_for_adulthood", "aspirations", "A",
	    "preparing_for_adulthood", TPL_LONGTEXT, 1 },
	{ "preparing_for_adulthood", "employment_outcomes", "E",
	    "preparing_for_adulthood", TPL_LONGTEXT, 0 },
	{ "preparing_for_adulthood", "employment_provision", "F",
	    "preparing_for_adulthood", TPL_ROWS, 0 },
	{ "preparing_for_adulthood", "independent_living_outcomes", "E",
	    "preparing_for_adulthood", TPL_LONGTEXT, 0 },
	{ "preparing_for_adulthood", "independent_living_provision", "F",
	    "preparing_for_adulthood", TPL_ROWS, 0 },
	{ "preparing_for_adulthood", "community_outcomes", "E",
	    "preparing_for_adulthood", TPL_LONGTEXT, 0 },
	{ "preparing_for_adulthood", "community_provision", "F",
	    "preparing_for_adulthood", TPL_ROWS, 0 },
	{ "preparing_for_adulthood", "health_needs", "C",
	    "preparing_for_adulthood", TPL_LONGTEXT, 1 },
	{ "preparing_for_adulthood", "health_outcomes", "E",
	    "preparing_for_adulthood", TPL_LONGTEXT, 0 },
	{ "preparing_for_adulthood", "health_provision", "F",
	    "preparing_for_adulthood", TPL_ROWS, 0 },
};

START_TEST(test_real_fields_land_in_the_plan)
{
	struct tpl_set		 set;
	const struct tpl_field	*f;

	load_real(&set);
	f = tpl_field(tpl_find(&set, lands[_i].tpl, 0), lands[_i].field);
	ck_assert_msg(f != NULL, "no %s.%s", lands[_i].tpl, lands[_i].field);
	ck_assert_str_eq(feeds_of(f), lands[_i].feeds);
	ck_assert_str_eq(f->area, lands[_i].area);
	ck_assert_int_eq(f->type, lands[_i].type);
	ck_assert_int_eq(f->required, lands[_i].required);
	tpl_set_free(&set);
}
END_TEST

/*
 * What the council already gave is shown, not asked again: the latest
 * educational template has no setting field, the latest other template
 * no profession; version 1 of each, which advice was written against,
 * keeps them (a version never changes).
 */
START_TEST(test_real_not_asked_twice)
{
	struct tpl_set	set;

	load_real(&set);
	ck_assert_ptr_null(tpl_field(tpl_for_kind(&set, "educational"), "setting"));
	ck_assert_ptr_null(tpl_field(tpl_for_kind(&set, "other"), "profession"));
	ck_assert_ptr_nonnull(tpl_field(tpl_find(&set, "educational", 1), "setting"));
	ck_assert_ptr_nonnull(tpl_field(tpl_find(&set, "other", 1), "profession"));
	tpl_set_free(&set);
}
END_TEST

/* Education and psychology: per broad area, strengths and needs (B),
 * long and shorter-term outcomes (E), provision rows (F). */
START_TEST(test_real_per_area_fields)
{
	static const char *const tpls[] = { "educational", "psychological" };
	static const struct {
		const char	*prefix, *area;
	} areas[] = {
		{ "ci", "communication_interaction" },
		{ "cl", "cognition_learning" },
		{ "semh", "semh" },
		{ "sp", "sensory_physical" },
	};
	static const struct {
		const char	*suffix, *feeds;
		enum tpl_type	 type;
	} parts[] = {
		{ "strengths", "B", TPL_LONGTEXT },
		{ "needs", "B", TPL_LONGTEXT },
		{ "outcomes_long", "E", TPL_LONGTEXT },
		{ "outcomes_short", "E", TPL_LONGTEXT },
		{ "provision", "F", TPL_ROWS },
	};
	struct tpl_set		 set;
	const struct tpl	*t;
	const struct tpl_field	*f;
	char			 id[64];
	size_t			 a, p;

	load_real(&set);
	ck_assert_ptr_nonnull(t = tpl_find(&set, tpls[_i], 0));
	for (a = 0; a < 4; a++)
		for (p = 0; p < 5; p++) {
			(void)snprintf(id, sizeof(id), "%s_%s",
			    areas[a].prefix, parts[p].suffix);
			f = tpl_field(t, id);
			ck_assert_msg(f != NULL, "no %s.%s", t->id, id);
			ck_assert_str_eq(feeds_of(f), parts[p].feeds);
			ck_assert_str_eq(f->area, areas[a].area);
			ck_assert_int_eq(f->type, parts[p].type);
			/* "If you have no concerns in this area, say so." */
			ck_assert_int_eq(f->required, p == 1);
		}
	tpl_set_free(&set);
}
END_TEST

/* Section A is the family's; preparing for adulthood runs through. */
START_TEST(test_real_parent_and_adulthood_throughout)
{
	struct tpl_set		 set;
	const struct tpl	*par, *pfa;
	size_t			 i;

	load_real(&set);
	par = tpl_for_kind(&set, "parent");
	pfa = tpl_for_kind(&set, "preparing_for_adulthood");
	for (i = 0; i + 1 < par->nfields; i++)
		ck_assert_str_eq(feeds_of(&par->fields[i]), "A");
	for (i = 0; i + 1 < pfa->nfields; i++)
		ck_assert_str_eq(pfa->fields[i].area,
		    "preparing_for_adulthood");
	tpl_set_free(&set);
}
END_TEST

/*
 * Refusals: each fixture alone in a folder.
 */

static const struct {
	const char	*file;
	int		 line;
	const char	*says;
} refused[] = {
	{ "bad_unknown_element.xml", 9,
	    "field \"needs\": element <colour> is not allowed in <field>" },
	{ "bad_missing_id.xml", 15, "<field> has no id attribute" },
	{ "bad_duplicate_field.xml", 20, "duplicate field id \"needs\"" },
	{ "bad_feeds.xml", 10, "feeds \"Z\" is not a plan section" },
	{ "bad_feeds_h.xml", 10, "feeds \"H\" is not a plan section" },
	{ "bad_feeds_twice.xml", 6, "feeds names section B twice" },
	{ "bad_rows_no_columns.xml", 10,
	    "a rows field needs at least one <column>" },
	{ "bad_rows_no_maxrows.xml", 10, "<field> has no maxrows attribute" },
	{ "bad_choice_no_options.xml", 15,
	    "a choice field needs at least one <option>" },
	{ "bad_column_in_text.xml", 9,
	    "<column> is only allowed in a rows field" },
	{ "bad_option_in_rows.xml", 12,
	    "<option> is only allowed in a choice field" },
	{ "bad_duplicate_column.xml", 13, "duplicate column id \"what\"" },
	{ "bad_duplicate_option.xml", 18, "duplicate option value \"clinic\"" },
	{ "bad_type.xml", 6, "type \"essay\" is not one of" },
	{ "bad_area.xml", 20, "area \"health\" is not a broad area of need" },
	{ "bad_kind.xml", 3, "kind \"teacher\" is not an advice request kind" },
	{ "bad_version.xml", 3, "version must be a whole number from 1 to 9999" },
	{ "bad_required.xml", 15, "required must be true or false, not \"yes\"" },
	{ "bad_id.xml", 23, "id \"Full name\" must be a lowercase letter" },
	{ "bad_attribute.xml", 23, "attribute colour is not allowed on <field>" },
	{ "bad_maxlength_on_date.xml", 20,
	    "maxlength is only for text and longtext fields" },
	{ "bad_no_maxlength.xml", 23, "<field> has no maxlength attribute" },
	{ "bad_empty_label.xml", 16, "<label> is empty" },
	{ "bad_label_markup.xml", 16, "<label> may hold only text, not <b>" },
	{ "bad_no_title.xml", 3, "<template> needs a <title>" },
	{ "bad_two_titles.xml", 5, "<template> has a second <title>" },
	{ "bad_no_fields.xml", 3, "<template> needs at least one <field>" },
	{ "bad_namespace.xml", 3,
	    "element <template> is not in the namespace urn:ehc-portal:template:1" },
	{ "bad_root.xml", 3, "the root element must be <template>" },
	/* Only the schema catches these two. */
	{ "bad_order.xml", 6, "does not match the template schema: <field> "
	    "Expecting element label, got hint" },
	{ "bad_label_too_long.xml", 24,
	    "does not match the template schema: <label>" },
	{ "bad_not_wellformed.xml", 11, "not well-formed XML: Opening and "
	    "ending tag mismatch" },
	{ "bad_encoding.xml", 1,
	    "the XML declaration must say UTF-8, not ISO-8859-1" },
	{ "bad_not_utf8.xml", 24, "not UTF-8 text" },
	/* No DTD, no entities, no network. */
	{ "bad_entity.xml", 24, "not well-formed XML: Entity 'name' not defined" },
	{ "bad_dtd.xml", 3, "DOCTYPE not allowed" },
	{ "bad_xxe.xml", 3, "DOCTYPE not allowed" },
	{ "bad_external_dtd.xml", 3, "DOCTYPE not allowed" },
};

START_TEST(test_refuses_fixture)
{
	struct tpl_set	 set;
	char		 err[512], want[128];

	put(refused[_i].file, refused[_i].file);
	ck_assert_int_eq(tpl_set_load(&set, scratch, schema(), err,
	    sizeof(err)), -1);
	(void)snprintf(want, sizeof(want), "%s:%d: ", refused[_i].file,
	    refused[_i].line);
	ck_assert_msg(strncmp(err, want, strlen(want)) == 0,
	    "got \"%s\", want it to start \"%s\"", err, want);
	ck_assert_msg(strstr(err, refused[_i].says) != NULL,
	    "got \"%s\", want \"%s\"", err, refused[_i].says);
	ck_assert_ptr_null(strchr(err, '\n'));
	/* A refused set is empty and freeing it again is harmless. */
	ck_assert_ptr_null(set.tpls);
	ck_assert_uint_eq(set.ntpls, 0);
	tpl_set_free(&set);
}
END_TEST

/* Every bad_*.xml fixture is in the table above. */
START_TEST(test_every_fixture_is_tested)
{
	DIR		*d;
	struct dirent	*de;
	size_t		 i, n = 0;
	int		 found;

	d = opendir(env_or("TEMPLATE_FIXTURES", "tests/unit/fixtures/template"));
	ck_assert_ptr_nonnull(d);
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "bad_", 4) != 0 ||
		    strcmp(de->d_name, "bad_kind_change.xml") == 0)
			continue;
		for (found = 0, i = 0; i < sizeof(refused) / sizeof(refused[0]);
		    i++)
			found |= strcmp(refused[i].file, de->d_name) == 0;
		ck_assert_msg(found, "%s has no expected error", de->d_name);
		n++;
	}
	(void)closedir(d);
	ck_assert_uint_eq(n, sizeof(refused) / sizeof(refused[0]));
}
END_TEST

START_TEST(test_refuses_same_id_and_version_twice)
{
	struct tpl_set	 set;
	char		 err[512];

	put("good_minimal.xml", "a.xml");
	put("good_minimal.xml", "b.xml");
	ck_assert_int_eq(tpl_set_load(&set, scratch, schema(), err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "b.xml:2: template minimal version 1 is also "
	    "in a.xml");
}
END_TEST

START_TEST(test_refuses_kind_change_between_versions)
{
	struct tpl_set	 set;
	char		 err[512];

	put("good_minimal.xml", "a.xml");
	put("bad_kind_change.xml", "b.xml");
	ck_assert_int_eq(tpl_set_load(&set, scratch, schema(), err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "b.xml:2: template minimal has kind medical "
	    "here but other in a.xml");
}
END_TEST

START_TEST(test_refuses_unreadable_places)
{
	struct tpl_set	 set;
	char		 err[512], path[512];

	/* No folder. */
	ck_assert_int_eq(tpl_set_load(&set, "/nonexistent/advice", schema(),
	    err, sizeof(err)), -1);
	ck_assert_str_eq(err, "/nonexistent/advice: cannot open folder: "
	    "No such file or directory");
	/* An empty folder is a misconfiguration, not an empty portal. */
	ck_assert_int_eq(tpl_set_load(&set, scratch, schema(), err,
	    sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, "no .xml templates"));
	/* No schema, or something else given as the schema. */
	put("good_minimal.xml", "good_minimal.xml");
	ck_assert_int_eq(tpl_set_load(&set, scratch, "/nonexistent.rng", err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "/nonexistent.rng: cannot open: "
	    "No such file or directory");
	put("good_minimal.xml", "not-a-schema.rng");
	(void)snprintf(path, sizeof(path), "%s/not-a-schema.rng", scratch);
	ck_assert_int_eq(tpl_set_load(&set, scratch, path, err, sizeof(err)), -1);
	ck_assert_ptr_nonnull(strstr(err, ": not a usable RELAX NG schema: "));
	ck_assert_uint_eq(set.ntpls, 0);
}
END_TEST

START_TEST(test_refuses_file_over_1_mib)
{
	struct tpl_set	 set;
	char		 err[512], *big;
	size_t		 n = 1024 * 1024 + 1;

	ck_assert_ptr_nonnull(big = malloc(n + 1));
	memset(big, ' ', n);
	big[n] = '\0';
	put_text("big.xml", big);
	free(big);
	ck_assert_int_eq(tpl_set_load(&set, scratch, schema(), err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "big.xml: larger than 1048576 bytes");
}
END_TEST

START_TEST(test_refuses_empty_file)
{
	struct tpl_set	 set;
	char		 err[512];

	put_text("empty.xml", "");
	ck_assert_int_eq(tpl_set_load(&set, scratch, schema(), err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "empty.xml: the file is empty");
}
END_TEST

START_TEST(test_skips_hidden_and_other_files)
{
	struct tpl_set	 set;

	put("bad_dtd.xml", ".editor-backup.xml");
	put("bad_dtd.xml", "notes.txt");
	put("bad_dtd.xml", "template.xml~");
	load_minimal(&set);
	ck_assert_uint_eq(set.ntpls, 1);
	tpl_set_free(&set);
}
END_TEST

START_TEST(test_error_buffer_never_overflows)
{
	struct tpl_set	 set;
	char		 err[12];

	memset(err, 'x', sizeof(err));
	put("bad_feeds.xml", "bad_feeds.xml");
	ck_assert_int_eq(tpl_set_load(&set, scratch, schema(), err, 8), -1);
	ck_assert_str_eq(err, "bad_fee");
	ck_assert_int_eq(err[8], 'x');
	ck_assert_int_eq(tpl_set_load(&set, scratch, schema(), NULL, 0), -1);
}
END_TEST

/* Messages never carry control characters or long runs from a file. */
START_TEST(test_error_quotes_are_sanitised)
{
	struct tpl_set	 set;
	char		 err[512];
	size_t		 i;

	put_text("x.xml", "<?xml version=\"1.0\"?>\n"
	    "<template xmlns=\"urn:ehc-portal:template:1\" id=\"x\" "
	    "version=\"1\" kind=\"o\xc3\xa9ther&#10;next line "
	    "and a great deal more text after it\"/>\n");
	ck_assert_int_eq(tpl_set_load(&set, scratch, schema(), err,
	    sizeof(err)), -1);
	ck_assert_str_eq(err, "x.xml:2: <template> kind \"o??ther?next line "
	    "and a great deal more ...\" is not an advice request kind");
	for (i = 0; err[i] != '\0'; i++)
		ck_assert(err[i] >= 0x20 && err[i] < 0x7f);
}
END_TEST

/*
 * The model and look-ups.
 */

START_TEST(test_model_of_minimal)
{
	struct tpl_set		 set;
	const struct tpl	*t;
	const struct tpl_field	*f;

	load_minimal(&set);
	ck_assert_ptr_nonnull(t = tpl_find(&set, "minimal", 0));
	ck_assert_str_eq(t->title, "Minimal advice");
	ck_assert_str_eq(t->description, "A small template the unit tests load.");
	ck_assert_str_eq(t->kind, "other");
	ck_assert_uint_eq(t->nfields, 5);
	f = &t->fields[0];
	ck_assert_str_eq(f->id, "needs");
	ck_assert_int_eq(f->type, TPL_LONGTEXT);
	ck_assert_int_eq(f->required, 1);
	ck_assert_uint_eq(f->maxlength, 100);
	ck_assert_str_eq(feeds_of(f), "B K");
	ck_assert_str_eq(f->hint, "Say what they need.");
	ck_assert_ptr_null(f->columns);
	ck_assert_ptr_null(f->options);
	f = &t->fields[1];
	ck_assert_int_eq(f->type, TPL_ROWS);
	ck_assert_uint_eq(f->maxrows, 5);
	ck_assert_uint_eq(f->maxlength, 0);
	ck_assert_uint_eq(f->ncolumns, 2);
	ck_assert_ptr_null(f->hint);
	ck_assert_str_eq(f->columns[0].label, "What the provision is");
	ck_assert_int_eq(f->columns[0].required, 1);
	ck_assert_uint_eq(f->columns[0].maxlength, 50);
	ck_assert_int_eq(f->columns[1].required, 0);
	ck_assert_ptr_eq(tpl_column(f, "how_often"), &f->columns[1]);
	ck_assert_ptr_null(tpl_column(f, "by_whom"));
	f = &t->fields[2];
	ck_assert_int_eq(f->type, TPL_CHOICE);
	ck_assert_uint_eq(f->noptions, 2);
	ck_assert_str_eq(f->options[1].value, "school");
	ck_assert_str_eq(f->options[1].label, "At school");
	ck_assert_uint_eq(f->maxlength, 0);
	ck_assert_int_eq(t->fields[3].type, TPL_DATE);
	ck_assert_uint_eq(t->fields[3].maxlength, 10);
	ck_assert_int_eq(t->fields[4].type, TPL_TEXT);
	ck_assert_ptr_null(tpl_field(t, "nothing"));
	ck_assert_ptr_null(tpl_field(t, NULL));
	tpl_set_free(&set);
	tpl_set_free(&set);
	tpl_set_free(NULL);
}
END_TEST

START_TEST(test_versions_and_kinds)
{
	struct tpl_set	 set;
	char		 err[512];

	put("good_minimal_v2.xml", "a_minimal_v2.xml");	/* loads first */
	put("good_minimal.xml", "b_minimal_v1.xml");
	ck_assert_msg(tpl_set_load(&set, scratch, schema(), err,
	    sizeof(err)) == 0, "%s", err);
	ck_assert_int_eq(tpl_find(&set, "minimal", 0)->version, 2);
	ck_assert_int_eq(tpl_find(&set, "minimal", 1)->version, 1);
	ck_assert_str_eq(tpl_find(&set, "minimal", 2)->title,
	    "Minimal advice, version 2");
	ck_assert_ptr_null(tpl_find(&set, "minimal", 3));
	ck_assert_ptr_null(tpl_find(&set, "other", 0));
	ck_assert_ptr_null(tpl_find(&set, NULL, 0));
	ck_assert_int_eq(tpl_for_kind(&set, "other")->version, 2);
	ck_assert_ptr_null(tpl_for_kind(&set, "parent"));
	ck_assert_ptr_null(tpl_for_kind(NULL, "other"));
	tpl_set_free(&set);
}
END_TEST

START_TEST(test_area_labels)
{

	ck_assert_str_eq(tpl_area_label("communication_interaction"),
	    "Communication and interaction");
	ck_assert_str_eq(tpl_area_label("semh"),
	    "Social, emotional and mental health");
	ck_assert_str_eq(tpl_area_label("preparing_for_adulthood"),
	    "Preparing for adulthood");
	ck_assert_ptr_null(tpl_area_label("health"));
	ck_assert_ptr_null(tpl_area_label(NULL));
}
END_TEST

/*
 * Answers.
 */

static const char *
check(const struct tpl_field *f, const char *v)
{
	static char	 msg[256];

	memset(msg, 'x', sizeof(msg) - 1);
	msg[sizeof(msg) - 1] = '\0';
	if (tpl_check_value(f, v, msg, sizeof(msg)) == 0) {
		ck_assert_str_eq(msg, "");
		return NULL;
	}
	return msg;
}

static char *
repeat(const char *s, size_t n)
{
	static char	 buf[1024];
	size_t		 i;

	buf[0] = '\0';
	for (i = 0; i < n; i++)
		(void)strcat(buf, s);
	return buf;
}

START_TEST(test_required_and_empty)
{
	struct tpl_set		 set;
	const struct tpl_field	*needs, *name, *seen;
	struct tpl_field	 salt, rows;

	load_minimal(&set);
	needs = minimal_field(&set, "needs");
	name = minimal_field(&set, "name");
	seen = minimal_field(&set, "seen");
	ck_assert_str_eq(check(needs, ""), "Enter needs in your area of expertise");
	ck_assert_str_eq(check(needs, NULL), "Enter needs in your area of expertise");
	ck_assert_str_eq(check(needs, " \t\r\n "),
	    "Enter needs in your area of expertise");
	ck_assert_ptr_null(check(needs, "Some needs."));
	ck_assert_ptr_null(check(name, ""));
	ck_assert_ptr_null(check(minimal_field(&set, "date_seen"), ""));
	ck_assert_str_eq(check(seen, ""), "Select an option for how you saw them");
	/* An initialism keeps its capitals inside the sentence. */
	salt = *name;
	salt.required = 1;
	ck_assert_str_eq(check(&salt, ""), "Enter SALT name");
	/* Rows: the value only says whether there is a row. */
	rows = *minimal_field(&set, "provision");
	ck_assert_ptr_null(check(&rows, ""));
	rows.required = 1;
	ck_assert_str_eq(check(&rows, ""), "Enter at least one row for provision");
	ck_assert_ptr_null(check(&rows, "1"));
	tpl_set_free(&set);
}
END_TEST

/* Limits count characters (code points), as people do, not bytes. */
START_TEST(test_length_counts_characters)
{
	struct tpl_set		 set;
	const struct tpl_field	*needs, *name;

	load_minimal(&set);
	needs = minimal_field(&set, "needs");
	name = minimal_field(&set, "name");
	ck_assert_ptr_null(check(name, repeat("\xc3\x89", 10)));	/* É */
	ck_assert_str_eq(check(name, repeat("\xc3\x89", 11)),
	    "SALT name must be 10 characters or fewer");
	ck_assert_ptr_null(check(name, repeat("\xf0\x9f\x98\x80", 10)));
	ck_assert_str_eq(check(name, repeat("\xf0\x9f\x98\x80", 11)),
	    "SALT name must be 10 characters or fewer");
	ck_assert_ptr_null(check(name, repeat("\xe2\x80\x99", 10)));	/* ’ */
	ck_assert_ptr_null(check(needs, repeat("\xc3\xa9", 100)));	/* é */
	ck_assert_str_eq(check(needs, repeat("\xc3\xa9", 101)),
	    "Needs in your area of expertise must be 100 characters or fewer");
	ck_assert_ptr_null(check(needs, repeat("a", 100)));
	ck_assert_ptr_nonnull(check(needs, repeat("a", 101)));
	tpl_set_free(&set);
}
END_TEST

START_TEST(test_refuses_broken_utf8)
{
	static const char *const bad[] = {
		"\xc3",			/* truncated */
		"ab\xc3(",		/* bad continuation */
		"\xc0\xaf",		/* overlong / */
		"\xe0\x80\xaf",		/* overlong / */
		"\xed\xa0\x80",		/* surrogate */
		"\xf4\x90\x80\x80",	/* above U+10FFFF */
		"\xff",
	};
	struct tpl_set	 set;
	size_t		 i;

	load_minimal(&set);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_str_eq(check(minimal_field(&set, "name"), bad[i]),
		    "SALT name must only include characters the portal can read");
	tpl_set_free(&set);
}
END_TEST

static const struct {
	const char	*date;
	int		 real;
} dates[] = {
	{ "2026-02-28", 1 },
	{ "2026-02-30", 0 },
	{ "2026-13-01", 0 },
	{ "26-1-1", 0 },
	{ "2028-02-29", 1 },	/* leap year */
	{ "2027-02-29", 0 },
	{ "2000-02-29", 1 },	/* divisible by 400 */
	{ "2100-02-29", 0 },	/* divisible by 100 only */
	{ "1900-02-29", 0 },
	{ "1900-01-01", 1 },
	{ "2199-12-31", 1 },
	{ "1899-12-31", 0 },
	{ "2200-01-01", 0 },
	{ "2026-00-10", 0 },
	{ "2026-01-00", 0 },
	{ "2026-04-31", 0 },
	{ "2026-12-31", 1 },
	{ "2026-1-01", 0 },
	{ "2026/01/01", 0 },
	{ "2026-01-01 ", 0 },
	{ " 2026-01-01", 0 },
	{ "2026-01-01T00:00", 0 },
	{ "+026-01-01", 0 },
	{ "2026-01-1", 0 },
	{ "", 0 },
	{ "\xef\xbc\x92" "026-01-01", 0 },	/* fullwidth digit */
};

START_TEST(test_dates)
{
	struct tpl_set		 set;
	const struct tpl_field	*f;

	ck_assert_int_eq(date_valid(dates[_i].date), dates[_i].real);
	if (dates[_i].date[0] == '\0')
		return;		/* empty: see test_required_and_empty */
	load_minimal(&set);
	f = minimal_field(&set, "date_seen");
	if (dates[_i].real)
		ck_assert_ptr_null(check(f, dates[_i].date));
	else
		ck_assert_str_eq(check(f, dates[_i].date),
		    "Date of assessment must be a real date");
	tpl_set_free(&set);
}
END_TEST

START_TEST(test_date_valid_null)
{

	ck_assert_int_eq(date_valid(NULL), 0);
}
END_TEST

START_TEST(test_choice_among_options)
{
	static const char *const bad[] = { "home", "Clinic", "clinic ",
	    "In clinic", "clinic\nschool" };
	struct tpl_set		 set;
	const struct tpl_field	*seen;
	size_t			 i;

	load_minimal(&set);
	seen = minimal_field(&set, "seen");
	ck_assert_ptr_null(check(seen, "clinic"));
	ck_assert_ptr_null(check(seen, "school"));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		ck_assert_str_eq(check(seen, bad[i]),
		    "Select an option for how you saw them");
	tpl_set_free(&set);
}
END_TEST

START_TEST(test_cells)
{
	struct tpl_set		 set;
	const struct tpl_field	*f;
	char			 msg[256];

	load_minimal(&set);
	f = minimal_field(&set, "provision");
	ck_assert_int_eq(tpl_check_cell(f, tpl_column(f, "what"), 0, "Phonics",
	    msg, sizeof(msg)), 0);
	ck_assert_str_eq(msg, "");
	ck_assert_int_eq(tpl_check_cell(f, tpl_column(f, "what"), 0, "",
	    msg, sizeof(msg)), -1);
	ck_assert_str_eq(msg, "Provision, row 1: enter what the provision is");
	ck_assert_int_eq(tpl_check_cell(f, tpl_column(f, "how_often"), 2, NULL,
	    msg, sizeof(msg)), 0);
	ck_assert_int_eq(tpl_check_cell(f, tpl_column(f, "what"), 1,
	    repeat("\xc3\xa9", 51), msg, sizeof(msg)), -1);
	ck_assert_str_eq(msg, "Provision, row 2: what the provision is must be "
	    "50 characters or fewer");
	ck_assert_int_eq(tpl_check_cell(f, tpl_column(f, "what"), 4, "x",
	    msg, sizeof(msg)), 0);
	ck_assert_int_eq(tpl_check_cell(f, tpl_column(f, "what"), 5, "x",
	    msg, sizeof(msg)), -1);
	ck_assert_str_eq(msg, "Provision must have 5 rows or fewer");
	ck_assert_int_eq(tpl_check_cell(f, tpl_column(f, "what"), 0, "\xc3",
	    msg, sizeof(msg)), -1);
	ck_assert_str_eq(msg, "Provision, row 1: what the provision is must "
	    "only include characters the portal can read");
	tpl_set_free(&set);
}
END_TEST

START_TEST(test_message_truncated_safely)
{
	struct tpl_set	 set;
	char		 msg[8];

	load_minimal(&set);
	memset(msg, 'x', sizeof(msg));
	ck_assert_int_eq(tpl_check_value(minimal_field(&set, "needs"), "",
	    msg, 6), -1);
	ck_assert_str_eq(msg, "Enter");
	ck_assert_int_eq(msg[6], 'x');
	ck_assert_int_eq(tpl_check_value(minimal_field(&set, "needs"), "",
	    NULL, 0), -1);
	tpl_set_free(&set);
}
END_TEST

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

int
main(void)
{
	Suite	*s = suite_create("template");
	TCase	*real = tcase_create("real templates");
	TCase	*bad = tcase_create("refused");
	TCase	*model = tcase_create("model");
	TCase	*values = tcase_create("answers");
	SRunner	*sr;
	int	 failed;

	tcase_add_loop_test(real, test_real_one_template_per_kind, 0, NELEM(kinds));
	tcase_add_loop_test(real, test_real_fields_well_formed, 0, NELEM(kinds));
	tcase_add_loop_test(real, test_real_fields_land_in_the_plan, 0, NELEM(lands));
	tcase_add_loop_test(real, test_real_per_area_fields, 0, 2);
	tcase_add_test(real, test_real_parent_and_adulthood_throughout);
	tcase_add_test(real, test_real_not_asked_twice);
	suite_add_tcase(s, real);

	tcase_add_checked_fixture(bad, scratch_open, scratch_close);
	tcase_add_loop_test(bad, test_refuses_fixture, 0, NELEM(refused));
	tcase_add_test(bad, test_every_fixture_is_tested);
	tcase_add_test(bad, test_refuses_same_id_and_version_twice);
	tcase_add_test(bad, test_refuses_kind_change_between_versions);
	tcase_add_test(bad, test_refuses_unreadable_places);
	tcase_add_test(bad, test_refuses_file_over_1_mib);
	tcase_add_test(bad, test_refuses_empty_file);
	tcase_add_test(bad, test_skips_hidden_and_other_files);
	tcase_add_test(bad, test_error_buffer_never_overflows);
	tcase_add_test(bad, test_error_quotes_are_sanitised);
	suite_add_tcase(s, bad);

	tcase_add_checked_fixture(model, scratch_open, scratch_close);
	tcase_add_test(model, test_model_of_minimal);
	tcase_add_test(model, test_versions_and_kinds);
	tcase_add_test(model, test_area_labels);
	suite_add_tcase(s, model);

	tcase_add_checked_fixture(values, scratch_open, scratch_close);
	tcase_add_test(values, test_required_and_empty);
	tcase_add_test(values, test_length_counts_characters);
	tcase_add_test(values, test_refuses_broken_utf8);
	tcase_add_loop_test(values, test_dates, 0, NELEM(dates));
	tcase_add_test(values, test_date_valid_null);
	tcase_add_test(values, test_choice_among_options);
	tcase_add_test(values, test_cells);
	tcase_add_test(values, test_message_truncated_safely);
	suite_add_tcase(s, values);

	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	xmlCleanupParser();
	return failed > 100 ? 100 : failed;
}
