/*
 * Unit tests for portal/files/zipcheck.c.  Exit status: number of failed tests.
 * Fixtures: tests/unit/fixtures/upload (or $UPLOAD_FIXTURES); hostile
 * variants are built here with libzip so each differs from a clean
 * document in one way only.
 */
#include <check.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <zip.h>

#include "upload.h"

#define E_DAMAGED	"The file is damaged or is not a Word or OpenDocument file"
#define E_TYPE		"The file is not a Word or OpenDocument file"
#define E_MANY		"The file has too many parts"
#define E_BIG		"The file is too big when unpacked"
#define E_RATIO		"The file expands to an unusual size when unpacked"
#define E_PASSWORD	"The file is password protected"
#define E_MACROS	"The file contains macros"
#define E_ACTIVEX	"The file contains ActiveX controls"
#define E_OLE		"The file contains embedded objects"
#define E_EXTERNAL	"The file links to content outside the document"
#define E_UNCHECKED	"The file could not be checked"
#define E_PROGRAMS	"The file can start other programs"
#define E_ALTCHUNK	"The file contains content imported from another format"

#define REL_NS	"http://schemas.openxmlformats.org/package/2006/relationships"
#define REL_T	"http://schemas.openxmlformats.org/officeDocument/2006/" \
		"relationships/"
#define XML_DECL "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"

/* One entry of a zip to build; len 0 means strlen(data). */
struct ent {
	const char	*name;
	const char	*data;
	size_t		 len;
	int		 flags;
};
#define STORE		1
#define ENCRYPT		2

static const char	 ct_xml[] = XML_DECL
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/"
    "content-types\"><Default Extension=\"xml\" ContentType=\"application/"
    "xml\"/><Override PartName=\"/word/document.xml\" ContentType=\""
    "application/vnd.openxmlformats-officedocument.wordprocessingml."
    "document.main+xml\"/></Types>";
static const char	 doc_xml[] = XML_DECL
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
    "wordprocessingml/2006/main\"><w:body><w:p/></w:body></w:document>";
static const char	 odt_mime[] = "application/vnd.oasis.opendocument.text";

static unsigned char	*fixture(const char *, size_t *);
static unsigned char	*slurp(const char *, size_t *);
static unsigned char	*build_zip(const struct ent *, size_t, size_t *);
static const char	*check_fixture(const char *, enum ftype);
static const char	*check_zip(const struct ent *, size_t, enum ftype);
static const char	*check_docx_with(const char *, const char *);
static const char	*check_docx_rels(const char *);
static const char	*check_odt_content(const char *);
static const char	*check_buf(const unsigned char *, size_t,
			    enum ftype);
static void		 patch_size(unsigned char *, size_t, const char *,
			    uint32_t);
static void		 put32(unsigned char *, uint32_t);
static const char	*check_docx_part(const char *, const char *);
static Suite		*zipcheck_suite(void);

static char	 why[256];

static unsigned char *
fixture(const char *name, size_t *len)
{
	const char	*dir = getenv("UPLOAD_FIXTURES");
	char		 path[1024];
	int		 n;

	if (dir == NULL)
		dir = "tests/unit/fixtures/upload";
	n = snprintf(path, sizeof(path), "%s/%s", dir, name);
	ck_assert(n > 0 && (size_t)n < sizeof(path));
	return slurp(path, len);
}

static unsigned char *
slurp(const char *path, size_t *len)
{
	FILE		*f;
	unsigned char	*buf;
	long		 size;

	f = fopen(path, "rb");
	ck_assert_msg(f != NULL, "cannot open %s", path);
	ck_assert_int_eq(fseek(f, 0, SEEK_END), 0);
	size = ftell(f);
	ck_assert(size >= 0);
	rewind(f);
	buf = malloc((size_t)size + 1);
	ck_assert_ptr_nonnull(buf);
	ck_assert_uint_eq(fread(buf, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	*len = (size_t)size;
	return buf;
}

/* A zip of the entries, in order, as bytes (free them). */
static unsigned char *
build_zip(const struct ent *e, size_t n, size_t *len)
{
	char		 path[] = "/tmp/test_zipcheck_XXXXXX";
	zip_t		*za;
	zip_source_t	*src;
	zip_int64_t	 idx;
	unsigned char	*buf;
	int		 fd, err;
	size_t		 i;

	ck_assert_int_ge(fd = mkstemp(path), 0);
	close(fd);
	za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
	ck_assert_ptr_nonnull(za);
	for (i = 0; i < n; i++) {
		src = zip_source_buffer(za, e[i].data,
		    e[i].len ? e[i].len : strlen(e[i].data), 0);
		ck_assert_ptr_nonnull(src);
		idx = zip_file_add(za, e[i].name, src, 0);
		ck_assert_int_ge(idx, 0);
		if (e[i].flags & STORE)
			ck_assert_int_eq(zip_set_file_compression(za,
			    (zip_uint64_t)idx, ZIP_CM_STORE, 0), 0);
		if (e[i].flags & ENCRYPT)
			ck_assert_int_eq(zip_file_set_encryption(za,
			    (zip_uint64_t)idx, ZIP_EM_AES_256, "secret"), 0);
	}
	ck_assert_int_eq(zip_close(za), 0);
	buf = slurp(path, len);
	unlink(path);
	return buf;
}

/* zipcheck() on buf: NULL if accepted, else the reason. */
static const char *
check_buf(const unsigned char *buf, size_t len, enum ftype t)
{

	why[0] = 'x';
	why[1] = '\0';
	if (zipcheck(NULL, buf, len, t, why, sizeof(why)) == 0) {
		ck_assert_str_eq(why, "");
		return NULL;
	}
	ck_assert(why[0] != '\0');
	return why;
}

static const char *
check_fixture(const char *name, enum ftype t)
{
	unsigned char	*buf;
	size_t		 len;
	const char	*r;

	buf = fixture(name, &len);
	r = check_buf(buf, len, t);
	free(buf);
	return r;
}

static const char *
check_zip(const struct ent *e, size_t n, enum ftype t)
{
	unsigned char	*buf;
	size_t		 len;
	const char	*r;

	buf = build_zip(e, n, &len);
	r = check_buf(buf, len, t);
	free(buf);
	return r;
}

/* A minimal DOCX plus one extra entry (name, data). */
static const char *
check_docx_with(const char *name, const char *data)
{
	const struct ent	 e[] = {
		{ "[Content_Types].xml", ct_xml, 0, 0 },
		{ "word/document.xml", doc_xml, 0, 0 },
		{ name, data, 0, 0 },
	};

	return check_zip(e, 3, FT_DOCX);
}

/* A minimal DOCX whose document.xml.rels holds these relationships. */
static const char *
check_docx_rels(const char *rels)
{
	char	 xml[4096];
	int	 n;

	n = snprintf(xml, sizeof(xml), XML_DECL
	    "<Relationships xmlns=\"" REL_NS "\">%s</Relationships>", rels);
	ck_assert(n > 0 && (size_t)n < sizeof(xml));
	return check_docx_with("word/_rels/document.xml.rels", xml);
}

/* A minimal ODT whose content.xml body holds text. */
static const char *
check_odt_content(const char *body)
{
	char			 xml[4096];
	int			 n;
	const struct ent	 e[] = {
		{ "mimetype", odt_mime, 0, STORE },
		{ "content.xml", xml, 0, 0 },
	};

	n = snprintf(xml, sizeof(xml), XML_DECL
	    "<office:document-content xmlns:office=\"urn:oasis:names:tc:"
	    "opendocument:xmlns:office:1.0\" xmlns:xlink=\"http://www.w3.org/"
	    "1999/xlink\"><office:body><office:text>%s</office:text>"
	    "</office:body></office:document-content>", body);
	ck_assert(n > 0 && (size_t)n < sizeof(xml));
	return check_zip(e, 2, FT_ODT);
}

static void
put32(unsigned char *p, uint32_t v)
{

	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

/*
 * Rewrites the uncompressed size of entry name in both its local and
 * its central header: the archive then lies consistently.
 */
static void
patch_size(unsigned char *b, size_t len, const char *name, uint32_t size)
{
	size_t	 i, nlen = strlen(name), hits = 0;

	for (i = 0; i + 46 + nlen <= len; i++) {
		if (memcmp(b + i, "PK\x03\x04", 4) == 0 &&
		    b[i + 26] == nlen && b[i + 27] == 0 &&
		    memcmp(b + i + 30, name, nlen) == 0) {
			put32(b + i + 22, size);
			hits++;
		}
		if (memcmp(b + i, "PK\x01\x02", 4) == 0 &&
		    b[i + 28] == nlen && b[i + 29] == 0 &&
		    memcmp(b + i + 46, name, nlen) == 0) {
			put32(b + i + 24, size);
			hits++;
		}
	}
	ck_assert_uint_eq(hits, 2);
}

#define W_NS	"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define FLD_BEGIN	"<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r>"
#define FLD_SEP		"<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
#define FLD_END		"<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
#define INSTR(s)	"<w:r><w:instrText xml:space=\"preserve\">" s \
			"</w:instrText></w:r>"

/*
 * A minimal DOCX whose part (word/document.xml, or another story part
 * such as word/header1.xml) has this paragraph content.
 */
static const char *
check_docx_part(const char *part, const char *para)
{
	static char	 xml[8192];
	int		 n;
	struct ent	 e[] = {
		{ "[Content_Types].xml", ct_xml, 0, 0 },
		{ "word/document.xml", doc_xml, 0, 0 },
		{ part, xml, 0, 0 },
	};

	n = snprintf(xml, sizeof(xml), XML_DECL "<w:document xmlns:w=\""
	    W_NS "\" xmlns:r=\"http://schemas.openxmlformats.org/"
	    "officeDocument/2006/relationships\"><w:body><w:p>%s</w:p>"
	    "</w:body></w:document>", para);
	ck_assert(n > 0 && (size_t)n < sizeof(xml));
	if (strcmp(part, "word/document.xml") == 0) {
		e[1].data = xml;
		return check_zip(e, 2, FT_DOCX);
	}
	return check_zip(e, 3, FT_DOCX);
}

START_TEST(test_clean_fixtures_pass)
{

	ck_assert_ptr_null(check_fixture("minimal.docx", FT_DOCX));
	ck_assert_ptr_null(check_fixture("minimal.odt", FT_ODT));
}
END_TEST

START_TEST(test_path_mode)
{
	const char	*dir = getenv("UPLOAD_FIXTURES");
	char		 path[1024];

	if (dir == NULL)
		dir = "tests/unit/fixtures/upload";
	snprintf(path, sizeof(path), "%s/minimal.docx", dir);
	ck_assert_int_eq(zipcheck(path, NULL, 0, FT_DOCX, why,
	    sizeof(why)), 0);
	snprintf(path, sizeof(path), "%s/macro.docx", dir);
	ck_assert_int_eq(zipcheck(path, NULL, 0, FT_DOCX, why,
	    sizeof(why)), -1);
	ck_assert_str_eq(why, E_MACROS);
	ck_assert_int_eq(zipcheck("/nonexistent/x.docx", NULL, 0, FT_DOCX,
	    why, sizeof(why)), -1);
	ck_assert_str_eq(why, E_DAMAGED);
}
END_TEST

START_TEST(test_hostile_fixtures)
{

	ck_assert_str_eq(check_fixture("macro.docx", FT_DOCX), E_MACROS);
	ck_assert_str_eq(check_fixture("external.docx", FT_DOCX),
	    E_EXTERNAL);
	ck_assert_str_eq(check_fixture("bomb.docx", FT_DOCX), E_RATIO);
	ck_assert_str_eq(check_fixture("truncated.docx", FT_DOCX),
	    E_DAMAGED);
	ck_assert_str_eq(check_fixture("badcrc.docx", FT_DOCX), E_DAMAGED);
}
END_TEST

START_TEST(test_wrong_type)
{
	static const unsigned char	 pk[] = "PK\x03\x04";

	ck_assert_str_eq(check_fixture("minimal.odt", FT_DOCX), E_TYPE);
	ck_assert_str_eq(check_fixture("minimal.docx", FT_ODT), E_TYPE);
	ck_assert_str_eq(check_fixture("minimal.docx", FT_PDF), E_TYPE);
	ck_assert_str_eq(check_fixture("minimal.pdf", FT_DOCX), E_DAMAGED);
	ck_assert_str_eq(check_buf(pk, 4, FT_DOCX), E_DAMAGED);
	ck_assert_str_eq(check_buf(NULL, 0, FT_DOCX), E_DAMAGED);
}
END_TEST

START_TEST(test_why_optional_and_truncated)
{
	unsigned char	*buf;
	size_t		 len;
	char		 small[5];

	buf = fixture("macro.docx", &len);
	ck_assert_int_eq(zipcheck(NULL, buf, len, FT_DOCX, NULL, 0), -1);
	ck_assert_int_eq(zipcheck(NULL, buf, len, FT_DOCX, small,
	    sizeof(small)), -1);
	ck_assert_str_eq(small, "The ");
	free(buf);
}
END_TEST

START_TEST(test_docx_macros)
{

	/* A VBA part under any name, found through its relationship. */
	ck_assert_str_eq(check_docx_rels("<Relationship Id=\"r1\" Type=\""
	    "http://schemas.microsoft.com/office/2006/relationships/"
	    "vbaProject\" Target=\"data.bin\"/>"), E_MACROS);
	ck_assert_str_eq(check_docx_with("word/vbaData.xml", "<x/>"),
	    E_MACROS);
	ck_assert_str_eq(check_docx_with("word/VBAPROJECT.BIN", "x"),
	    E_MACROS);
	ck_assert_str_eq(check_docx_with("word/embeddings/sheet.xlsm", "x"),
	    E_MACROS);
	ck_assert_str_eq(check_docx_with("word/vbaProjectSignature.bin",
	    "x"), E_MACROS);
}
END_TEST

START_TEST(test_docx_content_type_macro_enabled)
{
	const char		*ct = XML_DECL "<Types><Override PartName="
	    "\"/word/document.xml\" ContentType=\"application/vnd.ms-word."
	    "document.macroEnabled.main+xml\"/></Types>";
	const char		*ct_entity = XML_DECL "<Types><Override "
	    "PartName=\"/word/document.xml\" ContentType=\"application/"
	    "vnd.ms-word.document.macro&#69;nabled.main+xml\"/></Types>";
	const struct ent	 e[] = {
		{ "[Content_Types].xml", ct, 0, 0 },
		{ "word/document.xml", doc_xml, 0, 0 },
	};
	const struct ent	 e2[] = {
		{ "[Content_Types].xml", ct_entity, 0, 0 },
		{ "word/document.xml", doc_xml, 0, 0 },
	};

	ck_assert_str_eq(check_zip(e, 2, FT_DOCX), E_MACROS);
	ck_assert_str_eq(check_zip(e2, 2, FT_DOCX), E_MACROS);
}
END_TEST

START_TEST(test_docx_active_content)
{

	ck_assert_str_eq(check_docx_with("word/activeX/activeX1.xml",
	    "<ax/>"), E_ACTIVEX);
	ck_assert_str_eq(check_docx_rels("<Relationship Id=\"r1\" Type=\""
	    REL_T "control\" Target=\"x.xml\"/><Relationship Id=\"r2\" "
	    "Type=\"http://schemas.microsoft.com/office/2006/relationships/"
	    "activeXControlBinary\" Target=\"b.bin\"/>"), E_ACTIVEX);
	ck_assert_str_eq(check_docx_with("word/embeddings/oleObject1.bin",
	    "x"), E_OLE);
	ck_assert_str_eq(check_docx_rels("<Relationship Id=\"r1\" Type=\""
	    REL_T "oleObject\" Target=\"embeddings/eq.bin\"/>"), E_OLE);
}
END_TEST

START_TEST(test_docx_external_relationships)
{

	/* Hyperlinks are followed only when clicked: allowed. */
	ck_assert_ptr_null(check_docx_rels("<Relationship Id=\"r1\" Type=\""
	    REL_T "hyperlink\" Target=\"https://www.gov.uk/\" "
	    "TargetMode=\"External\"/>"));
	/* Internal targets are parts of the package. */
	ck_assert_ptr_null(check_docx_rels("<Relationship Id=\"r1\" Type=\""
	    REL_T "image\" Target=\"media/image1.png\"/>"));
	ck_assert_ptr_null(check_docx_rels("<Relationship Id=\"r1\" Type=\""
	    REL_T "image\" Target=\"media/image1.png\" "
	    "TargetMode=\"Internal\"/>"));
	/* Fetched on opening: refused, however it is spelt. */
	ck_assert_str_eq(check_docx_rels("<Relationship Id=\"r1\" Type=\""
	    REL_T "image\" Target=\"http://x.example/p.png\" "
	    "TargetMode=\"External\"/>"), E_EXTERNAL);
	ck_assert_str_eq(check_docx_rels("<Relationship Id='r1' Type='"
	    REL_T "image' Target='\\\\host\\share\\p.png' "
	    "TargetMode = 'External' />"), E_EXTERNAL);
	ck_assert_str_eq(check_docx_rels("<Relationship Id=\"r1\" Type=\""
	    REL_T "frame\" Target=\"http://x.example/\" "
	    "TargetMode=\"&#69;xternal\"/>"), E_EXTERNAL);
	ck_assert_str_eq(check_docx_rels("<Relationship Id=\"r1\" Type=\""
	    REL_T "image\" Target=\"http://x.example/\" "
	    "TargetMode=\"external\"/>"), E_EXTERNAL);
	ck_assert_str_eq(check_docx_rels("<pr:Relationship Id=\"r1\" "
	    "pr:Type=\"" REL_T "attachedTemplate\" Target=\"http://x/\" "
	    "pr:TargetMode=\"External\"/>"), E_EXTERNAL);
	/* A type pretending to be a hyperlink only at the start. */
	ck_assert_str_eq(check_docx_rels("<Relationship Id=\"r1\" Type=\""
	    REL_T "hyperlink/../image\" Target=\"http://x/\" "
	    "TargetMode=\"External\"/>"), E_EXTERNAL);
}
END_TEST

/* Issue 14: DDE fields start programs; they were accepted. */
START_TEST(test_docx_dde_fields)
{
	const char	*doc = "word/document.xml";

	ck_assert_str_eq(check_docx_part(doc, "<w:fldSimple w:instr=\""
	    "DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe &quot;/k calc&quot;\">"
	    "<w:r><w:t>x</w:t></w:r></w:fldSimple>"), E_PROGRAMS);
	ck_assert_str_eq(check_docx_part(doc, "<w:fldSimple w:instr=\" dde "
	    "excel x\"/>"), E_PROGRAMS);
	/* Split across runs, as Word writes it after editing. */
	ck_assert_str_eq(check_docx_part(doc, FLD_BEGIN INSTR(" DD")
	    INSTR("EAU") "<w:proofErr w:type=\"spellStart\"/>" INSTR("TO c:\\\\x")
	    FLD_SEP "<w:r><w:t>x</w:t></w:r>" FLD_END), E_PROGRAMS);
	/* Spelt with a character reference, or in a deleted run. */
	ck_assert_str_eq(check_docx_part(doc, FLD_BEGIN INSTR("&#68;DE x")
	    FLD_END), E_PROGRAMS);
	ck_assert_str_eq(check_docx_part(doc, FLD_BEGIN "<w:r><w:delInstrText>"
	    "DDEAUTO x</w:delInstrText></w:r>" FLD_END), E_PROGRAMS);
	/* Nested inside another field's instruction. */
	ck_assert_str_eq(check_docx_part(doc, FLD_BEGIN INSTR("IF 1 = 1 \"")
	    FLD_BEGIN INSTR("DDEAUTO x") FLD_END INSTR("\"") FLD_END),
	    E_PROGRAMS);
	/* In a header part. */
	ck_assert_str_eq(check_docx_part("word/header1.xml", FLD_BEGIN
	    INSTR("DDE") INSTR("AUTO x") FLD_END), E_PROGRAMS);
}
END_TEST

/* Issue 14: fields that fetch content from outside the package. */
START_TEST(test_docx_include_fields)
{
	const char	*doc = "word/document.xml";

	ck_assert_str_eq(check_docx_part(doc, "<w:fldSimple w:instr=\""
	    "INCLUDEPICTURE &quot;\\\\\\\\attacker\\\\share\\\\a.png&quot; "
	    "\\d\"/>"), E_EXTERNAL);
	ck_assert_str_eq(check_docx_part(doc, FLD_BEGIN INSTR("INCLUDE")
	    INSTR("PICTURE \"http://attacker.example/p.png\"") FLD_SEP FLD_END),
	    E_EXTERNAL);
	ck_assert_str_eq(check_docx_part(doc, FLD_BEGIN INSTR(" INCLUDETEXT "
	    "\"https://x.example/t.docx\"") FLD_END), E_EXTERNAL);
	ck_assert_str_eq(check_docx_part(doc, FLD_BEGIN INSTR("LINK Excel."
	    "Sheet.8 \"file:///c:/a.xls\" \"\" \\a") FLD_END), E_EXTERNAL);
	ck_assert_str_eq(check_docx_part(doc, "<w:fldSimple w:instr=\""
	    "import &quot;a.wmf&quot;\"/>"), E_EXTERNAL);
	/* Ordinary fields stay accepted, hyperlinks included. */
	ck_assert_ptr_null(check_docx_part(doc, "<w:fldSimple w:instr=\" PAGE "
	    "\\* MERGEFORMAT \"><w:r><w:t>1</w:t></w:r></w:fldSimple>"));
	ck_assert_ptr_null(check_docx_part(doc, FLD_BEGIN INSTR(" HYPERLINK "
	    "\"https://www.gov.uk/\" ") FLD_SEP "<w:r><w:t>GOV.UK</w:t></w:r>"
	    FLD_END));
	ck_assert_ptr_null(check_docx_part(doc, FLD_BEGIN INSTR(" TOC \\o "
	    "\"1-3\" ") FLD_SEP "<w:r><w:t>DDEAUTO in the result text</w:t>"
	    "</w:r>" FLD_END "<w:r><w:t>INCLUDEPICTURE as text</w:t></w:r>"));
}
END_TEST

/* Issue 14: w:altChunk imports another document (HTML, MHT, RTF). */
START_TEST(test_docx_altchunk)
{

	ck_assert_str_eq(check_docx_part("word/document.xml",
	    "</w:p><w:altChunk r:id=\"rId9\"/><w:p>"), E_ALTCHUNK);
	ck_assert_str_eq(check_docx_rels("<Relationship Id=\"rId9\" Type=\""
	    REL_T "aFChunk\" Target=\"chunk.html\"/>"), E_ALTCHUNK);
	/* A hyperlink to a UNC path or a file: leaks credentials on a click. */
	ck_assert_str_eq(check_docx_rels("<Relationship Id=\"r1\" Type=\""
	    REL_T "hyperlink\" Target=\"\\\\\\\\host\\\\share\" "
	    "TargetMode=\"External\"/>"), E_EXTERNAL);
	ck_assert_str_eq(check_docx_rels("<Relationship Id=\"r1\" Type=\""
	    REL_T "hyperlink\" Target=\"file:///c:/x\" "
	    "TargetMode=\"External\"/>"), E_EXTERNAL);
}
END_TEST

START_TEST(test_xml_that_cannot_be_judged)
{
	static const char	 utf16[] = "<\0R\0/\0>\0";
	const struct ent	 e[] = {
		{ "[Content_Types].xml", ct_xml, 0, 0 },
		{ "word/document.xml", doc_xml, 0, 0 },
		{ "word/_rels/document.xml.rels", utf16, sizeof(utf16) - 1,
		    0 },
	};

	/* A DOCTYPE could define an entity that spells External. */
	ck_assert_str_eq(check_docx_rels("<!DOCTYPE r [<!ENTITY e "
	    "\"External\">]><Relationship TargetMode=\"&e;\"/>"),
	    E_UNCHECKED);
	ck_assert_str_eq(check_docx_rels("<Relationship TargetMode=\"&e;\""
	    "/>"), E_UNCHECKED);
	ck_assert_str_eq(check_docx_rels("<Relationship Type=\"x"),
	    E_UNCHECKED);
	ck_assert_str_eq(check_docx_rels("<!-- never closed"),
	    E_UNCHECKED);
	ck_assert_str_eq(check_zip(e, 3, FT_DOCX), E_UNCHECKED);
	/* Comments and CDATA are skipped, not judged. */
	ck_assert_ptr_null(check_docx_rels("<!-- <Relationship "
	    "TargetMode=\"External\"/> --><![CDATA[ TargetMode=\"External\" "
	    "]]>"));
}
END_TEST

START_TEST(test_names)
{
	const struct ent	 dup[] = {
		{ "[Content_Types].xml", ct_xml, 0, 0 },
		{ "word/document.xml", doc_xml, 0, 0 },
		{ "Word/Document.xml", doc_xml, 0, 0 },
	};

	ck_assert_str_eq(check_zip(dup, 3, FT_DOCX), E_DAMAGED);
	ck_assert_str_eq(check_docx_with("../evil.xml", "<x/>"), E_DAMAGED);
	ck_assert_str_eq(check_docx_with("word/../../evil.xml", "<x/>"),
	    E_DAMAGED);
	ck_assert_str_eq(check_docx_with("/etc/passwd", "x"), E_DAMAGED);
	ck_assert_str_eq(check_docx_with("word\\media\\a.png", "x"),
	    E_DAMAGED);
	ck_assert_str_eq(check_docx_with("word/a\tb.xml", "x"), E_DAMAGED);
	/* Ordinary parts are fine. */
	ck_assert_ptr_null(check_docx_with("word/media/image1.png", "png"));
	ck_assert_ptr_null(check_docx_with("docProps/basic.xml", "<x/>"));
}
END_TEST

START_TEST(test_too_many_entries)
{
	struct ent	*e;
	char		(*names)[32];
	size_t		 i, n = 1001;

	e = calloc(n, sizeof(*e));
	names = calloc(n, sizeof(*names));
	ck_assert(e != NULL && names != NULL);
	e[0].name = "[Content_Types].xml";
	e[0].data = ct_xml;
	e[1].name = "word/document.xml";
	e[1].data = doc_xml;
	for (i = 2; i < n; i++) {
		snprintf(names[i], sizeof(names[i]), "word/media/i%zu.txt", i);
		e[i].name = names[i];
		e[i].data = "x";
	}
	ck_assert_ptr_null(check_zip(e, n - 1, FT_DOCX));	/* 1000 */
	ck_assert_str_eq(check_zip(e, n, FT_DOCX), E_MANY);
	free(e);
	free(names);
}
END_TEST

START_TEST(test_declared_sizes)
{
	const struct ent	 e[] = {
		{ "[Content_Types].xml", ct_xml, 0, STORE },
		{ "word/document.xml", doc_xml, 0, STORE },
		{ "word/a.xml", "<a/>", 0, STORE },
		{ "word/b.xml", "<b/>", 0, STORE },
		{ "word/c.xml", "<c/>", 0, STORE },
	};
	unsigned char		*buf;
	size_t			 len;

	buf = build_zip(e, 5, &len);
	ck_assert_ptr_null(check_buf(buf, len, FT_DOCX));
	/* Declared smaller than it is: caught by decompressing. */
	patch_size(buf, len, "word/a.xml", 2);
	ck_assert_str_eq(check_buf(buf, len, FT_DOCX), E_DAMAGED);
	free(buf);

	/* Declared over 100 MB: refused before anything is read. */
	buf = build_zip(e, 5, &len);
	patch_size(buf, len, "word/a.xml", 100000001);
	ck_assert_str_eq(check_buf(buf, len, FT_DOCX), E_BIG);
	free(buf);
}
END_TEST

START_TEST(test_encrypted_entry)
{
	const struct ent	 e[] = {
		{ "[Content_Types].xml", ct_xml, 0, 0 },
		{ "word/document.xml", doc_xml, 0, ENCRYPT },
	};

	if (!zip_encryption_method_supported(ZIP_EM_AES_256, 1)) {
		fprintf(stderr, "libzip cannot encrypt: test skipped\n");
		return;
	}
	ck_assert_str_eq(check_zip(e, 2, FT_DOCX), E_PASSWORD);
}
END_TEST

START_TEST(test_odt_macros)
{
	const struct ent	 basic[] = {
		{ "mimetype", odt_mime, 0, STORE },
		{ "content.xml", "<x/>", 0, 0 },
		{ "Basic/Standard/Module1.xml", "<script/>", 0, 0 },
	};
	const struct ent	 scripts[] = {
		{ "mimetype", odt_mime, 0, STORE },
		{ "Scripts/python/evil.py", "import os", 0, 0 },
	};

	ck_assert_str_eq(check_zip(basic, 3, FT_ODT), E_MACROS);
	ck_assert_str_eq(check_zip(scripts, 2, FT_ODT), E_MACROS);
	ck_assert_str_eq(check_odt_content("<office:event-listeners>"
	    "<script:event-listener script:language=\"ooo:script\" "
	    "script:event-name=\"dom:load\" xlink:href=\"vnd.sun.star."
	    "script:Standard.Module1.Main?language=Basic\"/>"
	    "</office:event-listeners>"), E_MACROS);
	ck_assert_str_eq(check_odt_content("<text:p><text:a xlink:href="
	    "\"vnd.sun.star.script:Standard.M.Main?language=Basic&amp;"
	    "location=document\">x</text:a></text:p>"), E_MACROS);
}
END_TEST

START_TEST(test_odt_links)
{

	ck_assert_ptr_null(check_odt_content("<text:p><text:a xlink:href="
	    "\"https://www.gov.uk/\">x</text:a></text:p>"));
	ck_assert_ptr_null(check_odt_content("<draw:frame><draw:image "
	    "xlink:href=\"Pictures/1.png\"/></draw:frame>"));
	ck_assert_ptr_null(check_odt_content("<draw:object "
	    "xlink:href=\"./Object 1\"/><text:a xlink:href=\"#Top\">t"
	    "</text:a>"));
	ck_assert_str_eq(check_odt_content("<draw:frame><draw:image "
	    "xlink:href=\"http://tracker.example/p.png\"/></draw:frame>"),
	    E_EXTERNAL);
	ck_assert_str_eq(check_odt_content("<draw:image xlink:href=\""
	    "&#x66;ile:///etc/passwd\"/>"), E_EXTERNAL);
	ck_assert_str_eq(check_odt_content("<draw:image "
	    "xlink:href=\"../secret.png\"/>"), E_EXTERNAL);
	ck_assert_str_eq(check_odt_content("<draw:image "
	    "xlink:href=\"Pictures/../../secret.png\"/>"), E_EXTERNAL);
	ck_assert_str_eq(check_odt_content("<text:section><text:section-"
	    "source xlink:href=\"\\\\server\\share\\doc.odt\"/>"
	    "</text:section>"), E_EXTERNAL);
	ck_assert_str_eq(check_odt_content("<text:dde-connection-decl "
	    "office:dde-application=\"soffice\"/>"), E_EXTERNAL);
	ck_assert_str_eq(check_odt_content("<draw:applet draw:code=\"X\"/>"),
	    E_OLE);
}
END_TEST

START_TEST(test_odt_encrypted)
{
	const struct ent	 e[] = {
		{ "mimetype", odt_mime, 0, STORE },
		{ "content.xml", "garbage", 0, 0 },
		{ "META-INF/manifest.xml", XML_DECL "<manifest:manifest "
		    "xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:"
		    "manifest:1.0\"><manifest:file-entry manifest:full-path="
		    "\"content.xml\"><manifest:encryption-data manifest:"
		    "checksum=\"x\"/></manifest:file-entry>"
		    "</manifest:manifest>", 0, 0 },
	};

	ck_assert_str_eq(check_zip(e, 3, FT_ODT), E_PASSWORD);
}
END_TEST

static Suite *
zipcheck_suite(void)
{
	Suite	*s = suite_create("zipcheck");
	TCase	*tc;

	tc = tcase_create("accept");
	tcase_add_test(tc, test_clean_fixtures_pass);
	tcase_add_test(tc, test_path_mode);
	tcase_add_test(tc, test_why_optional_and_truncated);
	suite_add_tcase(s, tc);

	tc = tcase_create("zip");
	tcase_add_test(tc, test_hostile_fixtures);
	tcase_add_test(tc, test_wrong_type);
	tcase_add_test(tc, test_names);
	tcase_add_test(tc, test_too_many_entries);
	tcase_add_test(tc, test_declared_sizes);
	tcase_add_test(tc, test_encrypted_entry);
	tcase_set_timeout(tc, 60);
	suite_add_tcase(s, tc);

	tc = tcase_create("docx");
	tcase_add_test(tc, test_docx_macros);
	tcase_add_test(tc, test_docx_content_type_macro_enabled);
	tcase_add_test(tc, test_docx_active_content);
	tcase_add_test(tc, test_docx_external_relationships);
	tcase_add_test(tc, test_xml_that_cannot_be_judged);
	tcase_add_test(tc, test_docx_dde_fields);
	tcase_add_test(tc, test_docx_include_fields);
	tcase_add_test(tc, test_docx_altchunk);
	suite_add_tcase(s, tc);

	tc = tcase_create("odt");
	tcase_add_test(tc, test_odt_macros);
	tcase_add_test(tc, test_odt_links);
	tcase_add_test(tc, test_odt_encrypted);
	suite_add_tcase(s, tc);
	return s;
}

int
main(void)
{
	SRunner	*sr;
	int	 failed;

	sr = srunner_create(zipcheck_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed;
}
