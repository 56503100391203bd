/*
 * zipcheck: is a DOCX or ODT safe to keep and open?  See upload.h.
 *
 * Two passes over the archive.  The first looks only at the central
 * directory: entry count, names, declared sizes, encryption.  The
 * second decompresses every entry (so a header that lies about its
 * size, or a bad CRC, is caught before any other program opens the
 * file) and inspects the XML parts that can carry macros or links:
 * [Content_Types].xml and *.rels in DOCX; content.xml, styles.xml and
 * META-INF/manifest.xml in ODT.  Name and content rules of both formats
 * apply to both, so a file built to look like one and open as the
 * other gains nothing.
 *
 * Word's story parts (the .xml parts under word/: the document,
 * headers, footers, notes, comments) are read for fields and imported
 * chunks: a DDE or
 * DDEAUTO field starts a program; INCLUDEPICTURE, INCLUDETEXT, IMPORT,
 * INCLUDE and LINK fetch a file or URL (UNC paths leak the reader's
 * credentials) when the document opens or updates; w:altChunk imports
 * another document (HTML, MHT, RTF) into this one.  A field's
 * instruction is judged whole: w:fldSimple's w:instr, or the text of
 * every w:instrText (and w:delInstrText) run between its fldChar
 * "begin" and "separate", however many runs Word split it into.
 *
 * The XML is read by a small tag scanner rather than a parser: it
 * decodes the five named entities and character references in
 * attribute values (Word and LibreOffice do, so "&#69;xternal" is
 * External), and refuses what it cannot judge (a DOCTYPE, which could
 * define entities; NUL bytes, which mean UTF-16 or UTF-32; broken tags).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zip.h>

#include "sbuf.h"
#include "upload.h"

#define ZC_MAX_ENTRIES	1000
#define ZC_MAX_ENTRY	(100ULL * 1000 * 1000)
#define ZC_MAX_TOTAL	(200ULL * 1000 * 1000)
#define ZC_MAX_RATIO	100
#define ZC_RATIO_FLOOR	(1024 * 1024)	/* small entries cannot bomb */
#define ZC_MAX_NAME	1024
#define ZC_CHUNK	65536
#define ZC_MAX_ATTRS	64
#define ZC_MAX_VALUE	8192

enum zc_verdict {
	ZC_OK,
	ZC_DAMAGED,
	ZC_WRONG_TYPE,
	ZC_TOO_MANY,
	ZC_TOO_BIG,
	ZC_RATIO,
	ZC_ENCRYPTED,
	ZC_MACROS,
	ZC_ACTIVEX,
	ZC_OLE,
	ZC_EXTERNAL,
	ZC_NOT_CHECKED,
	ZC_DDE,
	ZC_ALTCHUNK,
};

/* Indexed by enum zc_verdict. */
static const char *const reasons[] = {
	"",
	"The file is damaged or is not a Word or OpenDocument file",
	"The file is not a Word or OpenDocument file",
	"The file has too many parts",
	"The file is too big when unpacked",
	"The file expands to an unusual size when unpacked",
	"The file is password protected",
	"The file contains macros",
	"The file contains ActiveX controls",
	"The file contains embedded objects",
	"The file links to content outside the document",
	"The file could not be checked",
	"The file can start other programs",
	"The file contains content imported from another format",
};

/* How a name rule matches the lower-cased entry name. */
enum match { M_BASE_PREFIX, M_BASE_EQ, M_COMPONENT, M_SUFFIX, M_WORD_XML };

static const struct name_rule {
	enum match		 how;
	const char		*pat;
	enum zc_verdict		 v;
} name_rules[] = {
	{ M_BASE_PREFIX, "vbaproject", ZC_MACROS },	/* DOCX VBA */
	{ M_BASE_EQ, "vbadata.xml", ZC_MACROS },
	{ M_COMPONENT, "basic", ZC_MACROS },		/* ODT Basic */
	{ M_COMPONENT, "scripts", ZC_MACROS },		/* ODT scripts */
	{ M_COMPONENT, "activex", ZC_ACTIVEX },
	{ M_BASE_PREFIX, "oleobject", ZC_OLE },
	{ M_SUFFIX, ".docm", ZC_MACROS },		/* embedded macro */
	{ M_SUFFIX, ".dotm", ZC_MACROS },		/* documents */
	{ M_SUFFIX, ".xlsm", ZC_MACROS },
	{ M_SUFFIX, ".xltm", ZC_MACROS },
	{ M_SUFFIX, ".xlsb", ZC_MACROS },
	{ M_SUFFIX, ".xlam", ZC_MACROS },
	{ M_SUFFIX, ".pptm", ZC_MACROS },
	{ M_SUFFIX, ".potm", ZC_MACROS },
	{ M_SUFFIX, ".ppsm", ZC_MACROS },
	{ M_SUFFIX, ".ppam", ZC_MACROS },
};

/* A parsed attribute: name as written, value still encoded. */
struct xattr {
	const char	*name;
	size_t		 nlen;
	const char	*val;
	size_t		 vlen;
};

/* Judges one start tag; returns ZC_OK to go on. */
typedef enum zc_verdict (*tag_fn)(const char *, size_t,
    const struct xattr *, size_t);

/* Which parts are inspected, by lower-cased name, and how. */
static enum zc_verdict	 tag_content_types(const char *, size_t,
			    const struct xattr *, size_t);
static enum zc_verdict	 tag_rels(const char *, size_t,
			    const struct xattr *, size_t);
static enum zc_verdict	 tag_odf(const char *, size_t,
			    const struct xattr *, size_t);
static enum zc_verdict	 tag_manifest(const char *, size_t,
			    const struct xattr *, size_t);

static enum zc_verdict	 word_fields(const char *, size_t);

/* Judged tag by tag (fn), or as a whole (whole). */
static const struct part_rule {
	enum match	 how;
	const char	*pat;
	tag_fn		 fn;
	enum zc_verdict	 (*whole)(const char *, size_t);
} part_rules[] = {
	{ M_BASE_EQ, "[content_types].xml", tag_content_types, NULL },
	{ M_SUFFIX, ".rels", tag_rels, NULL },
	{ M_BASE_EQ, "content.xml", tag_odf, NULL },
	{ M_BASE_EQ, "styles.xml", tag_odf, NULL },
	{ M_BASE_EQ, "manifest.xml", tag_manifest, NULL },
	{ M_WORD_XML, "word/", NULL, word_fields },
};

struct zc {
	zip_t		*za;
	zip_uint64_t	 n;		/* entries */
	char		**names;	/* lower-cased, n of them */
	unsigned char	*chunk;
	struct sbuf	 part;		/* an inspected entry's bytes */
};

static enum zc_verdict	 check_archive(struct zc *, enum ftype);
static enum zc_verdict	 check_type(zip_t *, enum ftype);
static enum zc_verdict	 check_directory(struct zc *);
static enum zc_verdict	 check_stat(const zip_stat_t *, uint64_t *);
static enum zc_verdict	 check_name(const char *, char **);
static enum zc_verdict	 check_duplicates(struct zc *);
static enum zc_verdict	 check_entry(struct zc *, zip_uint64_t);
static enum zc_verdict	 read_entry(struct zc *, zip_uint64_t,
			    zip_uint64_t, int);
static int		 name_matches(const char *, enum match,
			    const char *);
static const char	*base_name(const char *);
static int		 has_component(const char *, const char *);
static int		 is_space(char);
static enum zc_verdict	 xml_scan(const char *, size_t, tag_fn);
static const char	*xml_tag(const char *, const char *, tag_fn,
			    enum zc_verdict *);
static const char	*xml_skip(const char *, const char *,
			    const char *);
static const char	*xml_attr(const char *, const char *,
			    struct xattr *);
static size_t		 local_name(const char *, size_t, const char **);
static int		 lname_is(const char *, size_t, const char *);
static const struct xattr *attr_find(const struct xattr *, size_t,
			    const char *);
static int		 attr_decode(const struct xattr *, char *, size_t);
static int		 entity(const char *, const char *, const char **,
			    char *, size_t *);
static size_t		 put_utf8(uint32_t, char *);
static int		 href_external(const char *);
static int		 href_unc(const char *);
static int		 ci_contains(const char *, const char *);
static int		 ci_endswith(const char *, const char *);
static int		 cmp_names(const void *, const void *);

int
zipcheck(const char *path, const unsigned char *buf, size_t len,
    enum ftype type, char *why, size_t whylen)
{
	struct zc	 zc;
	zip_source_t	*src = NULL;
	zip_error_t	 ze;
	enum zc_verdict	 v = ZC_DAMAGED;
	int		 zerr;

	memset(&zc, 0, sizeof(zc));
	sbuf_init(&zc.part);
	zip_error_init(&ze);
	if (type != FT_DOCX && type != FT_ODT) {
		v = ZC_WRONG_TYPE;
		goto done;
	}
	if (path != NULL)
		zc.za = zip_open(path, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	else if (buf != NULL &&
	    (src = zip_source_buffer_create(buf, len, 0, &ze)) != NULL) {
		zc.za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS,
		    &ze);
		if (zc.za == NULL)
			zip_source_free(src);
	}
	if (zc.za == NULL)
		goto done;
	if ((zc.chunk = malloc(ZC_CHUNK)) == NULL) {
		v = ZC_NOT_CHECKED;
		goto done;
	}
	v = check_archive(&zc, type);
done:
	if (zc.names != NULL)
		while (zc.n > 0)
			free(zc.names[--zc.n]);
	free(zc.names);
	free(zc.chunk);
	sbuf_free(&zc.part);
	if (zc.za != NULL)
		zip_discard(zc.za);
	zip_error_fini(&ze);
	why_set(why, whylen, reasons[v]);
	return v == ZC_OK ? 0 : -1;
}

static enum zc_verdict
check_archive(struct zc *zc, enum ftype type)
{
	enum zc_verdict	 v;
	zip_uint64_t	 i;

	if ((v = check_type(zc->za, type)) != ZC_OK)
		return v;
	if ((v = check_directory(zc)) != ZC_OK)
		return v;
	for (i = 0; i < zc->n; i++)
		if ((v = check_entry(zc, i)) != ZC_OK)
			return v;
	return ZC_OK;
}

/* The parts that make the archive the type the caller believes. */
static enum zc_verdict
check_type(zip_t *za, enum ftype type)
{
	const char	*first;

	if (type == FT_DOCX)
		return zip_name_locate(za, "[Content_Types].xml", 0) >= 0 &&
		    zip_name_locate(za, "word/document.xml", 0) >= 0 ?
		    ZC_OK : ZC_WRONG_TYPE;
	first = zip_get_name(za, 0, ZIP_FL_ENC_RAW);
	return first != NULL && strcmp(first, "mimetype") == 0 ?
	    ZC_OK : ZC_WRONG_TYPE;
}

/* First pass: the central directory only, nothing decompressed. */
static enum zc_verdict
check_directory(struct zc *zc)
{
	zip_int64_t	 n;
	zip_uint64_t	 i;
	zip_stat_t	 st;
	uint64_t	 total = 0;
	enum zc_verdict	 v;

	if ((n = zip_get_num_entries(zc->za, 0)) < 0)
		return ZC_DAMAGED;
	if (n > ZC_MAX_ENTRIES)
		return ZC_TOO_MANY;
	if ((zc->names = calloc((size_t)n + 1, sizeof(char *))) == NULL)
		return ZC_NOT_CHECKED;
	zc->n = (zip_uint64_t)n;
	for (i = 0; i < zc->n; i++) {
		if (zip_stat_index(zc->za, i, ZIP_FL_ENC_RAW, &st) == -1)
			return ZC_DAMAGED;
		if ((v = check_stat(&st, &total)) != ZC_OK ||
		    (v = check_name(st.name, &zc->names[i])) != ZC_OK)
			return v;
	}
	return check_duplicates(zc);
}

/* Declared sizes; read_entry() later makes sure they are the truth. */
static enum zc_verdict
check_stat(const zip_stat_t *st, uint64_t *total)
{
	const zip_uint64_t	 need = ZIP_STAT_NAME | ZIP_STAT_SIZE |
				    ZIP_STAT_COMP_SIZE;

	if ((st->valid & need) != need)
		return ZC_DAMAGED;
	if ((st->valid & ZIP_STAT_ENCRYPTION_METHOD) &&
	    st->encryption_method != ZIP_EM_NONE)
		return ZC_ENCRYPTED;
	if (st->size > ZC_MAX_ENTRY)
		return ZC_TOO_BIG;
	*total += st->size;
	if (*total > ZC_MAX_TOTAL)
		return ZC_TOO_BIG;
	if (st->size > ZC_RATIO_FLOOR &&
	    st->size / ZC_MAX_RATIO > st->comp_size)
		return ZC_RATIO;
	return ZC_OK;
}

/*
 * Refuses unsafe names (empty, absolute, "..", backslashes, control
 * characters) and names that mean macros or active content; on success
 * sets *out to a lower-cased copy (ASCII only: names are compared as
 * bytes, as Word and LibreOffice look them up).
 */
static enum zc_verdict
check_name(const char *raw, char **out)
{
	char		 low[ZC_MAX_NAME + 1];
	size_t		 i, len;
	unsigned char	 c;

	len = strlen(raw);
	if (len == 0 || len > ZC_MAX_NAME)
		return ZC_DAMAGED;
	for (i = 0; i <= len; i++) {
		c = (unsigned char)raw[i];
		if (i < len && (c < 0x20 || c == 0x7f || c == '\\'))
			return ZC_DAMAGED;
		low[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	if (low[0] == '/' || has_component(low, ".."))
		return ZC_DAMAGED;
	for (i = 0; i < sizeof(name_rules) / sizeof(name_rules[0]); i++)
		if (name_matches(low, name_rules[i].how, name_rules[i].pat))
			return name_rules[i].v;
	if ((*out = strdup(low)) == NULL)
		return ZC_NOT_CHECKED;
	return ZC_OK;
}

/*
 * Two entries whose names differ only in case could be read one way
 * here and the other way by the program that opens the file.
 */
static enum zc_verdict
check_duplicates(struct zc *zc)
{
	char		**sorted;
	zip_uint64_t	  i;
	enum zc_verdict	  v = ZC_OK;

	if (zc->n < 2)
		return ZC_OK;
	if ((sorted = malloc(zc->n * sizeof(char *))) == NULL)
		return ZC_NOT_CHECKED;
	memcpy(sorted, zc->names, zc->n * sizeof(char *));
	qsort(sorted, zc->n, sizeof(char *), cmp_names);
	for (i = 1; i < zc->n; i++)
		if (strcmp(sorted[i - 1], sorted[i]) == 0)
			v = ZC_DAMAGED;
	free(sorted);
	return v;
}

static int
cmp_names(const void *a, const void *b)
{
	const char *const	*x = a, *const *y = b;

	return strcmp(*x, *y);
}

/* Second pass for entry i: decompress it, inspect it if it is XML we judge. */
static enum zc_verdict
check_entry(struct zc *zc, zip_uint64_t i)
{
	const struct part_rule	*r = NULL;
	zip_stat_t		 st;
	enum zc_verdict		 v;
	size_t			 k;

	if (zip_stat_index(zc->za, i, 0, &st) == -1)
		return ZC_DAMAGED;
	for (k = 0; k < sizeof(part_rules) / sizeof(part_rules[0]); k++)
		if (name_matches(zc->names[i], part_rules[k].how,
		    part_rules[k].pat)) {
			r = &part_rules[k];
			break;
		}
	if ((v = read_entry(zc, i, st.size, r != NULL)) != ZC_OK)
		return v;
	if (r == NULL || zc->part.len == 0)
		return ZC_OK;
	if (memchr(zc->part.data, '\0', zc->part.len) != NULL)
		return ZC_NOT_CHECKED;
	if (r->whole != NULL)
		return r->whole(zc->part.data, zc->part.len);
	return xml_scan(zc->part.data, zc->part.len, r->fn);
}

/*
 * Decompresses entry i, which must yield exactly size bytes and a good
 * CRC; keeps the bytes in zc->part if keep.  Reading stops as soon as
 * the entry exceeds its declared size, so a lying header costs no more
 * than the limits check_stat() already applied.
 */
static enum zc_verdict
read_entry(struct zc *zc, zip_uint64_t i, zip_uint64_t size, int keep)
{
	zip_file_t	*zf;
	zip_int64_t	 n;
	zip_uint64_t	 got = 0;
	enum zc_verdict	 v = ZC_OK;

	sbuf_reset(&zc->part);
	if ((zf = zip_fopen_index(zc->za, i, 0)) == NULL)
		return ZC_DAMAGED;
	while ((n = zip_fread(zf, zc->chunk, ZC_CHUNK)) > 0) {
		got += (zip_uint64_t)n;
		if (got > size) {
			v = ZC_DAMAGED;
			break;
		}
		if (keep)
			sbuf_append(&zc->part, zc->chunk, (size_t)n);
	}
	if (v == ZC_OK && (n < 0 || got != size))
		v = ZC_DAMAGED;
	if (zip_fclose(zf) != 0 && v == ZC_OK)
		v = ZC_DAMAGED;
	if (v == ZC_OK && zc->part.oom)
		v = ZC_NOT_CHECKED;
	return v;
}

/* Matches the lower-cased name against pat as "how" says. */
static int
name_matches(const char *low, enum match how, const char *pat)
{
	size_t	 len, plen;

	switch (how) {
	case M_BASE_PREFIX:
		return strncmp(base_name(low), pat, strlen(pat)) == 0;
	case M_BASE_EQ:
		return strcmp(base_name(low), pat) == 0;
	case M_COMPONENT:
		return has_component(low, pat);
	case M_SUFFIX:
		len = strlen(low);
		plen = strlen(pat);
		return len >= plen && strcmp(low + len - plen, pat) == 0;
	case M_WORD_XML:
		len = strlen(low);
		plen = strlen(pat);
		return strncmp(low, pat, plen) == 0 && len > plen + 4 &&
		    strcmp(low + len - 4, ".xml") == 0;
	}
	return 0;
}

static const char *
base_name(const char *s)
{
	const char	*slash;

	return (slash = strrchr(s, '/')) == NULL ? s : slash + 1;
}

/* 1 if one of the '/'-separated components of path is comp. */
static int
has_component(const char *path, const char *comp)
{
	size_t		 clen = strlen(comp), n;
	const char	*p = path;

	for (;;) {
		n = strcspn(p, "/");
		if (n == clen && strncmp(p, comp, clen) == 0)
			return 1;
		if (p[n] == '\0')
			return 0;
		p += n + 1;
	}
}

/* ---- XML tag scanner ------------------------------------------------- */

static int
is_space(char c)
{

	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Calls fn for every start tag of the len bytes of XML at p. */
static enum zc_verdict
xml_scan(const char *p, size_t len, tag_fn fn)
{
	const char	*end = p + len;
	enum zc_verdict	 v = ZC_OK;

	for (;;) {
		if ((p = memchr(p, '<', (size_t)(end - p))) == NULL)
			return ZC_OK;
		if ((p = xml_tag(p + 1, end, fn, &v)) == NULL)
			return v == ZC_OK ? ZC_NOT_CHECKED : v;
		if (v != ZC_OK)
			return v;
	}
}

/*
 * p is just after a '<'.  Skips comments, CDATA, processing
 * instructions and end tags; hands a start tag to fn, whose verdict
 * goes to *v.  Returns the position after the construct, or NULL if it
 * is malformed or a DOCTYPE (which could declare entities).
 */
static const char *
xml_tag(const char *p, const char *end, tag_fn fn, enum zc_verdict *v)
{
	struct xattr	 at[ZC_MAX_ATTRS];
	const char	*name;
	size_t		 nlen, na = 0, left = (size_t)(end - p);

	if (left >= 1 && *p == '?')
		return xml_skip(p, end, "?>");
	if (left >= 3 && memcmp(p, "!--", 3) == 0)
		return xml_skip(p + 3, end, "-->");
	if (left >= 8 && memcmp(p, "![CDATA[", 8) == 0)
		return xml_skip(p + 8, end, "]]>");
	if (left == 0 || *p == '!')
		return NULL;
	if (*p == '/')
		return xml_skip(p, end, ">");
	for (name = p; p < end && !is_space(*p) && *p != '>' && *p != '/';)
		p++;
	if ((nlen = (size_t)(p - name)) == 0)
		return NULL;
	for (;;) {
		while (p < end && is_space(*p))
			p++;
		if (p >= end)
			return NULL;
		if (*p == '>' || (*p == '/' && end - p >= 2 && p[1] == '>'))
			break;
		if (na == ZC_MAX_ATTRS ||
		    (p = xml_attr(p, end, &at[na++])) == NULL)
			return NULL;
	}
	*v = fn(name, nlen, at, na);
	return p + (*p == '/' ? 2 : 1);
}

/* Position after the first pat at or after p, or NULL. */
static const char *
xml_skip(const char *p, const char *end, const char *pat)
{
	size_t	 plen = strlen(pat);

	for (; (size_t)(end - p) >= plen; p++)
		if (*p == *pat && memcmp(p, pat, plen) == 0)
			return p + plen;
	return NULL;
}

/* Parses name = "value" (or 'value') at p into *a; NULL if malformed. */
static const char *
xml_attr(const char *p, const char *end, struct xattr *a)
{
	char	 q;

	a->name = p;
	while (p < end && *p != '=' && !is_space(*p) && *p != '>' &&
	    *p != '/')
		p++;
	if ((a->nlen = (size_t)(p - a->name)) == 0)
		return NULL;
	while (p < end && is_space(*p))
		p++;
	if (p >= end || *p++ != '=')
		return NULL;
	while (p < end && is_space(*p))
		p++;
	if (p >= end || (*p != '"' && *p != '\''))
		return NULL;
	q = *p++;
	a->val = p;
	if ((p = memchr(p, q, (size_t)(end - p))) == NULL)
		return NULL;
	a->vlen = (size_t)(p - a->val);
	if (memchr(a->val, '<', a->vlen) != NULL)
		return NULL;
	return p + 1;
}

/* Length of the local part of a qualified name; *out points at it. */
static size_t
local_name(const char *name, size_t len, const char **out)
{
	const char	*colon;

	colon = memchr(name, ':', len);
	while (colon != NULL) {
		len -= (size_t)(colon + 1 - name);
		name = colon + 1;
		colon = memchr(name, ':', len);
	}
	*out = name;
	return len;
}

/* 1 if the local part of name equals want (lower case), ignoring case. */
static int
lname_is(const char *name, size_t len, const char *want)
{
	const char	*l;

	len = local_name(name, len, &l);
	return len == strlen(want) && strncasecmp(l, want, len) == 0;
}

/* First attribute whose local name is lname, or NULL. */
static const struct xattr *
attr_find(const struct xattr *at, size_t na, const char *lname)
{
	size_t	 i;

	for (i = 0; i < na; i++)
		if (lname_is(at[i].name, at[i].nlen, lname))
			return &at[i];
	return NULL;
}

/*
 * Decodes the value of a into out (outsz bytes, NUL-terminated), with
 * character references and the five named entities.  -1 if it does not
 * fit, holds an unknown entity or decodes to NUL.
 */
static int
attr_decode(const struct xattr *a, char *out, size_t outsz)
{
	const char	*p = a->val, *end = a->val + a->vlen;
	size_t		 o = 0, n;
	char		 u[4];

	while (p < end) {
		if (*p != '&') {
			u[0] = *p++;
			n = 1;
		} else if (entity(p + 1, end, &p, u, &n) == -1)
			return -1;
		if (o + n >= outsz)
			return -1;
		memcpy(out + o, u, n);
		o += n;
	}
	out[o] = '\0';
	return 0;
}

/* Decodes the reference after '&' at p into u (*n bytes); *next after ';'. */
static int
entity(const char *p, const char *end, const char **next, char *u,
    size_t *n)
{
	static const char *const named[][2] = {
		{ "lt", "<" }, { "gt", ">" }, { "amp", "&" },
		{ "quot", "\"" }, { "apos", "'" },
	};
	const char	*semi;
	char		 ref[16], *ep;
	unsigned long	 cp;
	size_t		 len, i;

	semi = memchr(p, ';', (size_t)(end - p));
	if (semi == NULL || (len = (size_t)(semi - p)) == 0 ||
	    len >= sizeof(ref))
		return -1;
	memcpy(ref, p, len);
	ref[len] = '\0';
	*next = semi + 1;
	for (i = 0; i < sizeof(named) / sizeof(named[0]); i++)
		if (strcmp(ref, named[i][0]) == 0) {
			u[0] = named[i][1][0];
			*n = 1;
			return 0;
		}
	if (ref[0] != '#' || ref[1] == '\0')
		return -1;
	if (ref[1] == 'x' && ref[2] != '\0' && isxdigit((unsigned char)ref[2]))
		cp = strtoul(ref + 2, &ep, 16);
	else if (isdigit((unsigned char)ref[1]))
		cp = strtoul(ref + 1, &ep, 10);
	else
		return -1;
	if (*ep != '\0' || cp == 0 || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	*n = put_utf8((uint32_t)cp, u);
	return 0;
}

static size_t
put_utf8(uint32_t cp, char *u)
{

	if (cp < 0x80) {
		u[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		u[0] = (char)(0xC0 | (cp >> 6));
		u[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		u[0] = (char)(0xE0 | (cp >> 12));
		u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	u[0] = (char)(0xF0 | (cp >> 18));
	u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	u[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* ---- judges of tags -------------------------------------------------- */

/* [Content_Types].xml: a macro-enabled main part or a VBA project. */
static enum zc_verdict
tag_content_types(const char *name, size_t nlen, const struct xattr *at,
    size_t na)
{
	char	 val[ZC_MAX_VALUE];
	size_t	 i;

	(void)name;
	(void)nlen;
	for (i = 0; i < na; i++) {
		if (!lname_is(at[i].name, at[i].nlen, "contenttype"))
			continue;
		if (attr_decode(&at[i], val, sizeof(val)) == -1)
			return ZC_NOT_CHECKED;
		if (ci_contains(val, "macroenabled") ||
		    ci_contains(val, "vbaproject"))
			return ZC_MACROS;
	}
	return ZC_OK;
}

/*
 * *.rels: relationships to VBA, ActiveX or OLE parts (whatever the part
 * is called), imported chunks (altChunk), and external targets other
 * than hyperlinks, which Word fetches only when clicked, or hyperlinks
 * to a UNC path or a file: URL.  An external template, image or frame is
 * fetched on opening: it can track the reader or leak credentials.
 */
static enum zc_verdict
tag_rels(const char *name, size_t nlen, const struct xattr *at, size_t na)
{
	char	 val[ZC_MAX_VALUE];
	size_t	 i;
	int	 external = 0, hyperlink = 0, other = 0, unc = 0;

	if (!lname_is(name, nlen, "relationship"))
		return ZC_OK;
	for (i = 0; i < na; i++) {
		if (!lname_is(at[i].name, at[i].nlen, "targetmode") &&
		    !lname_is(at[i].name, at[i].nlen, "type") &&
		    !lname_is(at[i].name, at[i].nlen, "target"))
			continue;
		if (attr_decode(&at[i], val, sizeof(val)) == -1)
			return ZC_NOT_CHECKED;
		if (lname_is(at[i].name, at[i].nlen, "target")) {
			unc = href_unc(val);
			continue;
		}
		if (lname_is(at[i].name, at[i].nlen, "targetmode")) {
			if (strcspn(val, " \t\r\n") != strlen(val) ||
			    strcasecmp(val, "internal") != 0)
				external = 1;
			continue;
		}
		if (ci_contains(val, "vbaproject") ||
		    ci_contains(val, "vbadata"))
			return ZC_MACROS;
		if (ci_contains(val, "activexcontrol"))
			return ZC_ACTIVEX;
		if (ci_endswith(val, "/oleobject"))
			return ZC_OLE;
		if (ci_endswith(val, "/afchunk"))
			return ZC_ALTCHUNK;
		if (ci_endswith(val, "/hyperlink"))
			hyperlink = 1;
		else
			other = 1;
	}
	return external && (other || !hyperlink || unc) ? ZC_EXTERNAL : ZC_OK;
}

/*
 * 1 if a hyperlink target is a UNC path or a file: URL: even a click
 * sends the reader's Windows credentials to the host.
 */
static int
href_unc(const char *s)
{

	while (is_space(*s))
		s++;
	return (s[0] == '\\' && s[1] == '\\') || (s[0] == '/' && s[1] == '/') ||
	    strncasecmp(s, "file:", 5) == 0 || strncasecmp(s, "smb:", 4) == 0;
}

/*
 * content.xml and styles.xml: script event listeners, links to macros,
 * DDE links, applets and plugins, and references to anything outside
 * the package except plain hyperlinks (text:a, draw:a).
 */
static enum zc_verdict
tag_odf(const char *name, size_t nlen, const struct xattr *at, size_t na)
{
	const struct xattr	*href;
	const char		*l, *s;
	size_t			 llen;
	char			 val[ZC_MAX_VALUE];

	llen = local_name(name, nlen, &l);
	if (lname_is(name, nlen, "event-listener"))
		return ZC_MACROS;
	if (llen >= 4 && strncasecmp(l, "dde-", 4) == 0)
		return ZC_EXTERNAL;
	if (lname_is(name, nlen, "applet") || lname_is(name, nlen, "plugin"))
		return ZC_OLE;
	if ((href = attr_find(at, na, "href")) == NULL)
		return ZC_OK;
	if (attr_decode(href, val, sizeof(val)) == -1)
		return ZC_NOT_CHECKED;
	for (s = val; is_space(*s); s++)
		continue;
	if (strncasecmp(s, "vnd.sun.star.script:", 20) == 0 ||
	    strncasecmp(s, "macro:", 6) == 0)
		return ZC_MACROS;
	if (lname_is(name, nlen, "a"))
		return ZC_OK;
	return href_external(s) ? ZC_EXTERNAL : ZC_OK;
}

/* META-INF/manifest.xml: ODF encryption (a password on opening). */
static enum zc_verdict
tag_manifest(const char *name, size_t nlen, const struct xattr *at,
    size_t na)
{

	(void)at;
	(void)na;
	return lname_is(name, nlen, "encryption-data") ?
	    ZC_ENCRYPTED : ZC_OK;
}

/*
 * 1 if an ODF reference leaves the package: a scheme ("http:", "file:",
 * also "C:"), an absolute or UNC path, or a ".." component (relative
 * to the document's folder on disk, not to the package).
 */
static int
href_external(const char *s)
{
	size_t	 n;

	if (*s == '/' || *s == '\\')
		return 1;
	if (s[strcspn(s, ":/\\?#")] == ':')
		return 1;
	for (;;) {
		n = strcspn(s, "/\\?#");
		if (n == 2 && s[0] == '.' && s[1] == '.')
			return 1;
		if (s[n] != '/' && s[n] != '\\')
			return 0;
		s += n + 1;
	}
}

static int
ci_contains(const char *s, const char *pat)
{
	size_t	 plen = strlen(pat);

	for (; *s != '\0'; s++)
		if (strncasecmp(s, pat, plen) == 0)
			return 1;
	return 0;
}

static int
ci_endswith(const char *s, const char *pat)
{
	size_t	 len = strlen(s), plen = strlen(pat);

	return len >= plen && strcasecmp(s + len - plen, pat) == 0;
}

/* ---- Word fields ----------------------------------------------------- */

#define ZC_MAX_FIELDS	32	/* fields nested in fields */
#define ZC_MAX_INSTR	4096	/* bytes of an instruction kept */

/* The fields open at this point of a story part. */
struct fields {
	struct sbuf	 instr[ZC_MAX_FIELDS];
	int		 live[ZC_MAX_FIELDS];	/* before "separate" */
	int		 depth;
	int		 in_instr;		/* inside w:instrText */
	struct sbuf	 loose;			/* instrText with no field */
};

static enum zc_verdict	 word_tag(struct fields *, const char *,
			    const char *, const char **);
static enum zc_verdict	 word_text(struct fields *, const char *,
			    const char *, int);
static enum zc_verdict	 field_char(struct fields *, const char *);
static enum zc_verdict	 field_verdict(const char *, size_t);

/*
 * Judges the fields and imported chunks of a Word story part: see the
 * top of the file.  Fields left open at the end are judged too.
 */
static enum zc_verdict
word_fields(const char *p, size_t len)
{
	struct fields	 f;
	const char	*end = p + len, *lt;
	enum zc_verdict	 v = ZC_OK;
	int		 i;

	memset(&f, 0, sizeof(f));
	for (i = 0; i < ZC_MAX_FIELDS; i++)
		sbuf_init(&f.instr[i]);
	sbuf_init(&f.loose);
	while (v == ZC_OK && (lt = memchr(p, '<', (size_t)(end - p))) != NULL) {
		if (f.in_instr)
			v = word_text(&f, p, lt, 1);
		if (v == ZC_OK)
			v = word_tag(&f, lt + 1, end, &p);
	}
	for (i = f.depth - 1; v == ZC_OK && i >= 0; i--)
		if (f.live[i])
			v = field_verdict(f.instr[i].data, f.instr[i].len);
	for (i = 0; i < ZC_MAX_FIELDS; i++)
		sbuf_free(&f.instr[i]);
	sbuf_free(&f.loose);
	return v;
}

/*
 * The construct after a '<' at p: CDATA (text, if inside an
 * instruction), comments and processing instructions skipped, end
 * tags (which close w:instrText), start tags (fldSimple, altChunk,
 * fldChar, instrText).  *next after it.
 */
static enum zc_verdict
word_tag(struct fields *f, const char *p, const char *end, const char **next)
{
	struct xattr		 at[ZC_MAX_ATTRS];
	const struct xattr	*a;
	const char		*name, *e;
	size_t			 nlen, na = 0, left = (size_t)(end - p);
	char			 val[ZC_MAX_VALUE];

	if (left >= 8 && memcmp(p, "![CDATA[", 8) == 0) {
		if ((e = xml_skip(p + 8, end, "]]>")) == NULL)
			return ZC_NOT_CHECKED;
		*next = e;
		return f->in_instr ? word_text(f, p + 8, e - 3, 0) : ZC_OK;
	}
	if (left >= 1 && *p == '?')
		e = xml_skip(p, end, "?>");
	else if (left >= 3 && memcmp(p, "!--", 3) == 0)
		e = xml_skip(p + 3, end, "-->");
	else if (left == 0 || *p == '!')
		e = NULL;		/* a DOCTYPE could define entities */
	else if (*p == '/') {
		for (name = ++p; p < end && !is_space(*p) && *p != '>';)
			p++;
		if (lname_is(name, (size_t)(p - name), "instrtext") ||
		    lname_is(name, (size_t)(p - name), "delinstrtext"))
			f->in_instr = 0;
		e = xml_skip(p, end, ">");
	} else
		e = p;
	if (e == NULL)
		return ZC_NOT_CHECKED;
	*next = e;
	if (e != p)
		return ZC_OK;
	for (name = p; p < end && !is_space(*p) && *p != '>' && *p != '/';)
		p++;
	if ((nlen = (size_t)(p - name)) == 0)
		return ZC_NOT_CHECKED;
	for (;;) {
		while (p < end && is_space(*p))
			p++;
		if (p >= end)
			return ZC_NOT_CHECKED;
		if (*p == '>' || (*p == '/' && end - p >= 2 && p[1] == '>'))
			break;
		if (na == ZC_MAX_ATTRS ||
		    (p = xml_attr(p, end, &at[na++])) == NULL)
			return ZC_NOT_CHECKED;
	}
	*next = p + (*p == '/' ? 2 : 1);
	if (lname_is(name, nlen, "altchunk"))
		return ZC_ALTCHUNK;
	if (lname_is(name, nlen, "instrtext") ||
	    lname_is(name, nlen, "delinstrtext")) {
		f->in_instr = *p != '/';
		return ZC_OK;
	}
	if (!lname_is(name, nlen, "fldsimple") &&
	    !lname_is(name, nlen, "fldchar"))
		return ZC_OK;
	a = attr_find(at, na, lname_is(name, nlen, "fldsimple") ? "instr" :
	    "fldchartype");
	if (a == NULL)
		return ZC_OK;
	if (attr_decode(a, val, sizeof(val)) == -1)
		return ZC_NOT_CHECKED;
	if (lname_is(name, nlen, "fldsimple"))
		return field_verdict(val, strlen(val));
	return field_char(f, val);
}

/* A fldChar: "begin" opens a field, "separate" ends its instruction. */
static enum zc_verdict
field_char(struct fields *f, const char *type)
{
	enum zc_verdict	 v = ZC_OK;
	int		 top = f->depth - 1;

	if (strcmp(type, "begin") == 0) {
		if (f->depth == ZC_MAX_FIELDS)
			return ZC_NOT_CHECKED;
		sbuf_reset(&f->instr[f->depth]);
		f->live[f->depth++] = 1;
		return ZC_OK;
	}
	if (top < 0 || (strcmp(type, "separate") != 0 &&
	    strcmp(type, "end") != 0))
		return ZC_OK;
	if (f->live[top])
		v = field_verdict(f->instr[top].data, f->instr[top].len);
	f->live[top] = 0;
	if (strcmp(type, "end") == 0)
		f->depth--;
	return v;
}

/*
 * Appends the instruction text [p, e) to the innermost live field (or,
 * outside any field, judges it alone), decoding references unless raw
 * (CDATA).  Leading spaces are not kept, so padding cannot push the
 * field's name past what is kept.
 */
static enum zc_verdict
word_text(struct fields *f, const char *p, const char *e, int decode)
{
	struct sbuf	*b = &f->loose;
	char		 u[4];
	size_t		 n;
	int		 i;

	for (i = f->depth - 1; i >= 0 && !f->live[i]; i--)
		continue;
	if (i >= 0)
		b = &f->instr[i];
	else
		sbuf_reset(b);
	while (p < e) {
		if (decode && *p == '&') {
			if (entity(p + 1, e, &p, u, &n) == -1)
				return ZC_NOT_CHECKED;
		} else {
			u[0] = *p++;
			n = 1;
		}
		if (b->len == 0 && (is_space(u[0]) || (n == 2 &&
		    (unsigned char)u[0] == 0xC2 && (unsigned char)u[1] == 0xA0)))
			continue;
		if (b->len + n <= ZC_MAX_INSTR)
			sbuf_append(b, u, n);
	}
	if (b->oom)
		return ZC_NOT_CHECKED;
	return i >= 0 ? ZC_OK : field_verdict(b->data, b->len);
}

/*
 * The field named first in an instruction: DDE fields start programs;
 * include and link fields fetch a file or URL from outside the package
 * (whatever it is: the path itself is the link).
 */
static enum zc_verdict
field_verdict(const char *s, size_t len)
{
	static const struct {
		const char	*name;
		enum zc_verdict	 v;
	} bad[] = {
		{ "dde", ZC_DDE }, { "ddeauto", ZC_DDE },
		{ "includepicture", ZC_EXTERNAL }, { "includetext", ZC_EXTERNAL },
		{ "include", ZC_EXTERNAL }, { "import", ZC_EXTERNAL },
		{ "link", ZC_EXTERNAL },
	};
	size_t	 i, n;

	if (s == NULL)
		return ZC_OK;
	while (len > 0 && (is_space(*s) || ((unsigned char)*s == 0xC2 &&
	    len > 1 && (unsigned char)s[1] == 0xA0))) {
		n = is_space(*s) ? 1 : 2;
		s += n;
		len -= n;
	}
	for (n = 0; n < len && isalpha((unsigned char)s[n]); n++)
		continue;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (n == strlen(bad[i].name) &&
		    strncasecmp(s, bad[i].name, n) == 0)
			return bad[i].v;
	return ZC_OK;
}
