/*
 * template: advice templates — load, validate, look up, check answers.
 * See template.h.
 *
 * Loading one file goes: read (≤ 1 MiB) → parse with libxml2, refusing
 * any DOCTYPE → build the model, which checks every rule the portal
 * relies on and says exactly what is wrong and where → validate against
 * the RELAX NG schema, which catches what the builder leaves to it
 * (element order, lengths of labels and hints) → check against the
 * files loaded before it.  The builder runs before the schema because
 * libxml2's RELAX NG messages are vague ("failed to validate
 * attributes") and sometimes point at the wrong element.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/relaxng.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "template.h"
#include "vocab.h"

#define TPL_NS		"urn:ehc-portal:template:1"
#define TPL_EXT		".xml"
#define FILE_MAX	(1024 * 1024)
#define FILES_MAX	1000
#define FIELDS_MAX	200
#define COLUMNS_MAX	20
#define OPTIONS_MAX	100
#define VERSION_MAX	9999
#define LENGTH_MAX	50000
#define ROWS_MAX	100
#define DATE_CHARS	10
#define QUOTE_MAX	40

/*
 * Parser options.  Never: NOENT (substitute entities), DTDLOAD, DTDATTR
 * or DTDVALID (read a DTD), XINCLUDE, HUGE (lift libxml2's size limits)
 * or RECOVER (accept broken XML).  NONET keeps libxml2 off the network
 * whatever the file says; any DOCTYPE is refused outright (refuse_dtd).
 */
#define PARSE_OPTIONS	(XML_PARSE_NONET | XML_PARSE_NOCDATA | \
			    XML_PARSE_BIG_LINES)

#if LIBXML_VERSION >= 21200
typedef const xmlError	*xml_error_t;
#else
typedef xmlErrorPtr	 xml_error_t;
#endif

/* Where messages go and which file they name. */
struct lctx {
	char		*err;
	size_t		 errlen;
	const char	*file;
};

/* The first error libxml2 reported, and whether a DOCTYPE was seen. */
struct xerr {
	int		 set;
	long		 line;
	char		 msg[160];
	int		 dtd;
	long		 dtd_line;
};

/* Field types: what each one carries besides label and hint. */
static const struct ftype {
	const char	*name;
	enum tpl_type	 type;
	int		 lengths;	/* maxlength attribute required */
	int		 options;	/* <option> children required */
	int		 columns;	/* <column> children and maxrows required */
} ftypes[] = {
	{ "text",	TPL_TEXT,	1, 0, 0 },
	{ "longtext",	TPL_LONGTEXT,	1, 0, 0 },
	{ "date",	TPL_DATE,	0, 0, 0 },
	{ "choice",	TPL_CHOICE,	0, 1, 0 },
	{ "rows",	TPL_ROWS,	0, 0, 1 },
};

/* Advice request kinds, plan sections and broad areas: vocab.h. */

static const char *const template_attrs[] = { "id", "version", "kind", NULL };
static const char *const field_attrs[] = { "id", "type", "required", "area",
	"feeds", "maxlength", "maxrows", NULL };
static const char *const column_attrs[] = { "id", "label", "required",
	"maxlength", NULL };
static const char *const option_attrs[] = { "value", NULL };
static const char *const no_attrs[] = { NULL };

static int	 lerr(const struct lctx *, long, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
static const char *quote(const char *, char[QUOTE_MAX + 4]);
static int	 in_list(const char *, const char *const *);
static const struct ftype *ftype_find(const char *);
static int	 ident_valid(const char *);
static int	 number_parse(const char *, size_t, size_t *);
static size_t	 u8_next(const unsigned char *);
static size_t	 u8_count(const char *);
static long	 u8_bad_line(const char *, size_t);
static int	 xml_space(char);
static int	 blank(const char *);
static void	 collapse(char *);
static void	 phrase(const char *, char *, size_t);
static void	 xerr_record(void *, xml_error_t);
static void	 parse_error(void *, xml_error_t);
static void	 refuse_dtd(void *, const xmlChar *, const xmlChar *,
		    const xmlChar *);
static int	 file_read(const char *, char **, size_t *,
		    const struct lctx *);
static xmlDocPtr xml_parse(const char *, size_t, const struct lctx *);
static xmlRelaxNGPtr schema_load(const char *, char *, size_t);
static int	 schema_check(xmlRelaxNGPtr, xmlDocPtr, const struct lctx *);
static long	 line_of(const xmlNode *);
static int	 elem_is(const xmlNode *, const char *);
static int	 elem_check(const xmlNode *, const struct lctx *);
static int	 attrs_known(const xmlNode *, const char *const *,
		    const struct lctx *);
static int	 attr_get(const xmlNode *, const char *, int, char **,
		    const struct lctx *);
static int	 attr_ident(const xmlNode *, const char *, char **,
		    const struct lctx *);
static int	 attr_bool(const xmlNode *, const char *, int *,
		    const struct lctx *);
static int	 attr_number(const xmlNode *, const char *, size_t, size_t *,
		    const struct lctx *);
static int	 text_get(const xmlNode *, char **, const struct lctx *);
static int	 tpl_build(struct tpl *, const xmlNode *, const struct lctx *);
static int	 tpl_attrs(struct tpl *, const xmlNode *, const struct lctx *);
static int	 tpl_child(struct tpl *, const xmlNode *, const struct lctx *);
static int	 field_add(struct tpl *, const xmlNode *, const struct lctx *);
static int	 field_build(struct tpl_field *, const xmlNode *,
		    const struct lctx *);
static int	 field_attrs_read(struct tpl_field *, const xmlNode *,
		    const struct ftype **, const struct lctx *);
static int	 field_child(struct tpl_field *, const struct ftype *,
		    const xmlNode *, const struct lctx *);
static int	 field_complete(const struct tpl_field *, const struct ftype *,
		    const xmlNode *, const struct lctx *);
static int	 field_limits(struct tpl_field *, const struct ftype *,
		    const xmlNode *, const struct lctx *);
static int	 feeds_parse(struct tpl_field *, const char *, const xmlNode *,
		    const struct lctx *);
static int	 column_add(struct tpl_field *, const xmlNode *,
		    const struct lctx *);
static int	 option_add(struct tpl_field *, const xmlNode *,
		    const struct lctx *);
static void	 field_free(struct tpl_field *);
static void	 tpl_free(struct tpl *);
static int	 dir_scan(const char *, char ***, size_t *, const struct lctx *);
static int	 name_cmp(const void *, const void *);
static int	 tpl_load(struct tpl *, const char *, const char *,
		    xmlRelaxNGPtr, long *, const struct lctx *);
static int	 set_check(const struct tpl_set *, size_t, char **, long,
		    const struct lctx *);

/*
 * Messages.
 */

/* Writes "file:line: problem" (or "file: problem" when line ≤ 0) and
 * returns -1, so callers can "return lerr(...)". */
static int
lerr(const struct lctx *l, long line, const char *fmt, ...)
{
	char	 msg[256];
	va_list	 ap;

	if (l->err == NULL || l->errlen == 0)
		return -1;
	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (line > 0)
		(void)snprintf(l->err, l->errlen, "%s:%ld: %s",
		    l->file, line, msg);
	else
		(void)snprintf(l->err, l->errlen, "%s: %s", l->file, msg);
	return -1;
}

/*
 * Copies s for a message: at most QUOTE_MAX printable ASCII characters,
 * anything else as '?', "..." when cut.  Messages reach logs and the
 * admin's pages, so nothing from a file is printed raw.
 */
static const char *
quote(const char *s, char out[QUOTE_MAX + 4])
{
	size_t	 i;

	if (s == NULL)
		s = "";
	for (i = 0; s[i] != '\0' && i < QUOTE_MAX; i++)
		out[i] = (s[i] >= 0x20 && s[i] < 0x7f) ? s[i] : '?';
	if (s[i] != '\0') {
		(void)memcpy(out + i, "...", 3);
		i += 3;
	}
	out[i] = '\0';
	return out;
}

/*
 * Small predicates and parsers.
 */

static int
in_list(const char *s, const char *const *list)
{
	size_t	 i;

	for (i = 0; list[i] != NULL; i++)
		if (strcmp(s, list[i]) == 0)
			return 1;
	return 0;
}

static const struct ftype *
ftype_find(const char *name)
{
	size_t	 i;

	for (i = 0; i < sizeof(ftypes) / sizeof(ftypes[0]); i++)
		if (strcmp(name, ftypes[i].name) == 0)
			return &ftypes[i];
	return NULL;
}

/* Ids name form fields and database rows: [a-z][a-z0-9_]{0,39}. */
static int
ident_valid(const char *s)
{
	size_t	 i;

	if (s[0] < 'a' || s[0] > 'z')
		return 0;
	for (i = 1; s[i] != '\0'; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '_') || i >= 40)
			return 0;
	return 1;
}

/* Decimal digits only, 1..max.  0 ok, -1 otherwise. */
static int
number_parse(const char *s, size_t max, size_t *out)
{
	size_t	 v = 0;

	if (*s == '\0')
		return -1;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (size_t)(*s - '0');
		if (v > max)
			return -1;
	}
	if (v == 0)
		return -1;
	*out = v;
	return 0;
}

/*
 * Bytes in the UTF-8 sequence at s, or 0 if it is not well-formed (an
 * overlong form, a surrogate, above U+10FFFF, cut short) or is NUL.
 */
static size_t
u8_next(const unsigned char *s)
{
	size_t		 need, i;
	unsigned char	 lo = 0x80, hi = 0xBF;

	if (s[0] == 0)
		return 0;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		need = 1;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		need = 2;
		if (s[0] == 0xE0)
			lo = 0xA0;
		else if (s[0] == 0xED)
			hi = 0x9F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		need = 3;
		if (s[0] == 0xF0)
			lo = 0x90;
		else if (s[0] == 0xF4)
			hi = 0x8F;
	} else
		return 0;
	for (i = 1; i <= need; i++) {
		if (s[i] < lo || s[i] > hi)
			return 0;	/* also stops at NUL */
		lo = 0x80;
		hi = 0xBF;
	}
	return need + 1;
}

/* Code points in s, or (size_t)-1 unless s is well-formed UTF-8. */
static size_t
u8_count(const char *str)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 n = 0, k;

	for (; *s != '\0'; s += k, n++)
		if ((k = u8_next(s)) == 0)
			return (size_t)-1;
	return n;
}

/* 0 if the len bytes at buf are UTF-8 without NUL, else the line (from
 * 1) of the first byte that is not. */
static long
u8_bad_line(const char *buf, size_t len)
{
	const unsigned char	*s = (const unsigned char *)buf;
	size_t			 off, k;
	long			 line = 1;

	for (off = 0; off < len; off += k) {
		if ((k = u8_next(s + off)) == 0)
			return line;
		if (s[off] == '\n')
			line++;
	}
	return 0;
}

static int
xml_space(char c)
{

	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* 1 if s has nothing but spaces, tabs and line breaks. */
static int
blank(const char *s)
{

	for (; *s != '\0'; s++)
		if (!xml_space(*s))
			return 0;
	return 1;
}

/* In place: runs of XML white space become one space; none at the ends. */
static void
collapse(char *s)
{
	char	*w = s, *start = s;
	int	 gap = 0;

	for (; *s != '\0'; s++) {
		if (xml_space(*s)) {
			gap = 1;
			continue;
		}
		if (gap && w != start)
			*w++ = ' ';
		gap = 0;
		*w++ = *s;
	}
	*w = '\0';
}

/*
 * The label as it reads inside a sentence ("Enter …"): first letter
 * lowercased unless the label starts with an initialism (SALT, EHC).
 */
static void
phrase(const char *label, char *out, size_t outlen)
{

	(void)snprintf(out, outlen, "%s", label);
	if (out[0] >= 'A' && out[0] <= 'Z' &&
	    !(out[1] >= 'A' && out[1] <= 'Z'))
		out[0] = (char)(out[0] - 'A' + 'a');
}

/*
 * libxml2: parsing with errors captured, never printed.
 */

/* Keeps the first error (not warning) libxml2 reports, as plain ASCII. */
static void
xerr_record(void *arg, xml_error_t e)
{
	struct xerr	*x = arg;
	const xmlNode	*n = e->node;
	size_t		 i;

	if (x == NULL || x->set || e->level < XML_ERR_ERROR)
		return;
	x->set = 1;
	x->line = e->line;
	if (n != NULL && n->type == XML_ELEMENT_NODE) {
		x->line = xmlGetLineNo(n);
		(void)snprintf(x->msg, sizeof(x->msg), "<%.40s> %s",
		    (const char *)n->name,
		    e->message != NULL ? e->message : "error");
	} else
		(void)snprintf(x->msg, sizeof(x->msg), "%s",
		    e->message != NULL ? e->message : "error");
	for (i = 0; x->msg[i] != '\0'; i++)
		if (x->msg[i] < 0x20 || x->msg[i] >= 0x7f)
			x->msg[i] = x->msg[i] == '\n' ? ' ' : '?';
	while (i > 0 && x->msg[i - 1] == ' ')
		x->msg[--i] = '\0';
}

/* The parser hands its context to serror; our xerr hangs off _private. */
static void
parse_error(void *ctx, xml_error_t e)
{
	xmlParserCtxtPtr	 ctxt = ctx;

	xerr_record(ctxt != NULL ? ctxt->_private : NULL, e);
}

/*
 * Called when the parser meets <!DOCTYPE …>, before it reads the
 * internal subset: no entity is ever declared, so none can expand
 * (billion laughs) or fetch a file (XXE).  Stopping here also means a
 * DTD can never change attribute defaults under the schema.
 */
static void
refuse_dtd(void *ctx, const xmlChar *name, const xmlChar *ext,
    const xmlChar *sys)
{
	xmlParserCtxtPtr	 ctxt = ctx;
	struct xerr		*x = ctxt->_private;

	(void)name;
	(void)ext;
	(void)sys;
	x->dtd = 1;
	x->dtd_line = ctxt->input != NULL ? ctxt->input->line : 0;
	xmlStopParser(ctxt);
}

/* Reads a regular file of at most FILE_MAX bytes into a NUL-terminated
 * buffer the caller frees.  0 ok, -1 with a message. */
static int
file_read(const char *path, char **buf, size_t *len, const struct lctx *l)
{
	struct stat	 st;
	ssize_t		 r;
	size_t		 off = 0;
	int		 fd;

	*buf = NULL;
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return lerr(l, 0, "cannot open: %s", strerror(errno));
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		(void)close(fd);
		return lerr(l, 0, "not a regular file");
	}
	if (st.st_size > FILE_MAX) {
		(void)close(fd);
		return lerr(l, 0, "larger than %d bytes", FILE_MAX);
	}
	if ((*buf = malloc((size_t)st.st_size + 1)) == NULL) {
		(void)close(fd);
		return lerr(l, 0, "out of memory");
	}
	while (off < (size_t)st.st_size) {
		r = read(fd, *buf + off, (size_t)st.st_size - off);
		if (r == -1 && errno == EINTR)
			continue;
		if (r == -1) {
			(void)close(fd);
			free(*buf);
			*buf = NULL;
			return lerr(l, 0, "cannot read: %s", strerror(errno));
		}
		if (r == 0)
			break;		/* shrank while we read: take what is there */
		off += (size_t)r;
	}
	(void)close(fd);
	(*buf)[off] = '\0';
	*len = off;
	return 0;
}

/* Parses len bytes of UTF-8 as XML.  Returns the document (xmlFreeDoc)
 * or NULL with a message: not UTF-8, not well-formed, or a DOCTYPE. */
static xmlDocPtr
xml_parse(const char *buf, size_t len, const struct lctx *l)
{
	xmlParserCtxtPtr	 ctxt;
	xmlDocPtr		 doc = NULL;
	xmlStructuredErrorFunc	 saved;
	void			*saved_ctx;
	struct xerr		 x;
	long			 line;
	char			 q[QUOTE_MAX + 4];

	memset(&x, 0, sizeof(x));
	if (len == 0) {
		(void)lerr(l, 0, "the file is empty");
		return NULL;
	}
	if ((line = u8_bad_line(buf, len)) > 0) {
		(void)lerr(l, line, "not UTF-8 text (or it contains a NUL)");
		return NULL;
	}
	/* len ≤ FILE_MAX (file_read), so it fits an int. */
	if ((ctxt = xmlCreateMemoryParserCtxt(buf, (int)len)) == NULL) {
		(void)lerr(l, 0, "out of memory");
		return NULL;
	}
	ctxt->_private = &x;
	ctxt->sax->serror = parse_error;
	ctxt->sax->internalSubset = refuse_dtd;
	(void)xmlCtxtUseOptions(ctxt, PARSE_OPTIONS);
	/* Encoding and I/O errors are raised without the parser context:
	 * catch them too, rather than let libxml2 print them. */
	saved = xmlStructuredError;
	saved_ctx = xmlStructuredErrorContext;
	xmlSetStructuredErrorFunc(&x, xerr_record);
	(void)xmlParseDocument(ctxt);
	xmlSetStructuredErrorFunc(saved_ctx, saved);
	if (x.dtd)
		(void)lerr(l, x.dtd_line, "DOCTYPE not allowed: a template "
		    "may not have a DTD or declare entities");
	else if (x.set || !ctxt->wellFormed || ctxt->myDoc == NULL)
		(void)lerr(l, x.line, "not well-formed XML: %s",
		    x.set ? x.msg : "parse error");
	else if (ctxt->myDoc->encoding != NULL &&
	    strcasecmp((const char *)ctxt->myDoc->encoding, "UTF-8") != 0)
		(void)lerr(l, 1, "the XML declaration must say UTF-8, not %s",
		    quote((const char *)ctxt->myDoc->encoding, q));
	else {
		doc = ctxt->myDoc;
		ctxt->myDoc = NULL;
	}
	if (ctxt->myDoc != NULL)
		xmlFreeDoc(ctxt->myDoc);
	xmlFreeParserCtxt(ctxt);
	return doc;
}

/* Reads the RELAX NG schema (as safely as a template).  Returns it
 * (xmlRelaxNGFree) or NULL with "path:line: problem". */
static xmlRelaxNGPtr
schema_load(const char *path, char *err, size_t errlen)
{
	struct lctx		 l = { err, errlen, path };
	struct xerr		 x;
	xmlRelaxNGParserCtxtPtr	 pc = NULL;
	xmlRelaxNGPtr		 rng = NULL;
	xmlDocPtr		 doc = NULL;
	char			*buf = NULL;
	size_t			 len;

	memset(&x, 0, sizeof(x));
	if (file_read(path, &buf, &len, &l) == -1 ||
	    (doc = xml_parse(buf, len, &l)) == NULL)
		goto out;
	if ((pc = xmlRelaxNGNewDocParserCtxt(doc)) == NULL) {
		(void)lerr(&l, 0, "out of memory");
		goto out;
	}
	xmlRelaxNGSetParserStructuredErrors(pc, xerr_record, &x);
	if ((rng = xmlRelaxNGParse(pc)) == NULL)
		(void)lerr(&l, x.line, "not a usable RELAX NG schema: %s",
		    x.set ? x.msg : "parse error");
out:
	xmlRelaxNGFreeParserCtxt(pc);
	xmlFreeDoc(doc);
	free(buf);
	return rng;
}

/* 0 if doc matches the schema, else -1 with libxml2's first complaint. */
static int
schema_check(xmlRelaxNGPtr rng, xmlDocPtr doc, const struct lctx *l)
{
	xmlRelaxNGValidCtxtPtr	 vc;
	struct xerr		 x;
	int			 rc;

	memset(&x, 0, sizeof(x));
	if ((vc = xmlRelaxNGNewValidCtxt(rng)) == NULL)
		return lerr(l, 0, "out of memory");
	xmlRelaxNGSetValidStructuredErrors(vc, xerr_record, &x);
	rc = xmlRelaxNGValidateDoc(vc, doc);
	xmlRelaxNGFreeValidCtxt(vc);
	if (rc == 0)
		return 0;
	return lerr(l, x.line, "does not match the template schema: %s",
	    x.set ? x.msg : "invalid");
}

/*
 * The model builder: walks the tree, checks it, copies what it keeps
 * into plain malloc'd strings.  Element names quoted in messages went
 * through quote(); ids are quoted only after ident_valid().
 */

static long
line_of(const xmlNode *n)
{

	return xmlGetLineNo(n);
}

static int
elem_is(const xmlNode *n, const char *name)
{

	return strcmp((const char *)n->name, name) == 0;
}

/* Our elements are in TPL_NS and nothing else. */
static int
elem_check(const xmlNode *n, const struct lctx *l)
{
	char	 q[QUOTE_MAX + 4];

	if (n->ns == NULL || n->ns->href == NULL ||
	    strcmp((const char *)n->ns->href, TPL_NS) != 0)
		return lerr(l, line_of(n), "element <%s> is not in the "
		    "namespace " TPL_NS, quote((const char *)n->name, q));
	return 0;
}

/* Refuses attributes that are namespaced or not in allowed[]. */
static int
attrs_known(const xmlNode *n, const char *const *allowed,
    const struct lctx *l)
{
	const xmlAttr	*a;
	const char	*prefix;
	char		 name[2 * QUOTE_MAX], q[QUOTE_MAX + 4];

	for (a = n->properties; a != NULL; a = a->next) {
		if (a->ns == NULL && in_list((const char *)a->name, allowed))
			continue;
		prefix = a->ns != NULL && a->ns->prefix != NULL ?
		    (const char *)a->ns->prefix : NULL;
		(void)snprintf(name, sizeof(name), "%s%s%s",
		    prefix != NULL ? prefix : "", prefix != NULL ? ":" : "",
		    (const char *)a->name);
		return lerr(l, line_of(n), "attribute %s is not allowed on "
		    "<%s>", quote(name, q), (const char *)n->name);
	}
	return 0;
}

/* *out = copy of the attribute (caller frees), or NULL if absent and
 * not needed.  -1 with a message if needed and absent, or out of memory. */
static int
attr_get(const xmlNode *n, const char *name, int needed, char **out,
    const struct lctx *l)
{
	xmlChar	*v;

	*out = NULL;
	if ((v = xmlGetNoNsProp(n, (const xmlChar *)name)) == NULL) {
		if (needed)
			return lerr(l, line_of(n), "<%s> has no %s "
			    "attribute", (const char *)n->name, name);
		return 0;
	}
	*out = strdup((const char *)v);
	xmlFree(v);
	if (*out == NULL)
		return lerr(l, line_of(n), "out of memory");
	return 0;
}

static int
attr_ident(const xmlNode *n, const char *name, char **out,
    const struct lctx *l)
{
	char	 q[QUOTE_MAX + 4];

	if (attr_get(n, name, 1, out, l) == -1)
		return -1;
	if (!ident_valid(*out))
		return lerr(l, line_of(n), "<%s> %s \"%s\" must be a lowercase "
		    "letter then up to 39 lowercase letters, digits or _",
		    (const char *)n->name, name, quote(*out, q));
	return 0;
}

static int
attr_bool(const xmlNode *n, const char *name, int *out,
    const struct lctx *l)
{
	char	*v;
	char	 q[QUOTE_MAX + 4];
	int	 rc = 0;

	if (attr_get(n, name, 1, &v, l) == -1)
		return -1;
	if (strcmp(v, "true") == 0 || strcmp(v, "false") == 0)
		*out = strcmp(v, "true") == 0;
	else
		rc = lerr(l, line_of(n), "<%s> %s must be true or false, "
		    "not \"%s\"", (const char *)n->name, name, quote(v, q));
	free(v);
	return rc;
}

/* A needed whole number from 1 to max. */
static int
attr_number(const xmlNode *n, const char *name, size_t max, size_t *out,
    const struct lctx *l)
{
	char	*v;
	char	 q[QUOTE_MAX + 4];
	int	 rc = 0;

	if (attr_get(n, name, 1, &v, l) == -1)
		return -1;
	if (number_parse(v, max, out) == -1)
		rc = lerr(l, line_of(n), "<%s> %s must be a whole number from "
		    "1 to %zu, not \"%s\"", (const char *)n->name, name, max,
		    quote(v, q));
	free(v);
	return rc;
}

/* The text of an element that may hold only text, white space
 * collapsed; refuses an empty one.  *out is the caller's to free.
 * Attributes are the caller's to check. */
static int
text_get(const xmlNode *n, char **out, const struct lctx *l)
{
	const xmlNode	*c;
	xmlChar		*v;
	char		 q[QUOTE_MAX + 4];

	*out = NULL;
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			return lerr(l, line_of(c), "<%s> may hold only text, "
			    "not <%s>", (const char *)n->name,
			    quote((const char *)c->name, q));
	if ((v = xmlNodeGetContent(n)) == NULL)
		return lerr(l, line_of(n), "<%s> is empty",
		    (const char *)n->name);
	*out = strdup((const char *)v);
	xmlFree(v);
	if (*out == NULL)
		return lerr(l, line_of(n), "out of memory");
	collapse(*out);
	if (**out == '\0')
		return lerr(l, line_of(n), "<%s> is empty",
		    (const char *)n->name);
	return 0;
}

static int
tpl_build(struct tpl *t, const xmlNode *root, const struct lctx *l)
{
	const xmlNode	*c;

	if (root == NULL || !elem_is(root, "template"))
		return lerr(l, root != NULL ? line_of(root) : 0,
		    "the root element must be <template>");
	if (elem_check(root, l) == -1 || tpl_attrs(t, root, l) == -1)
		return -1;
	for (c = root->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE && tpl_child(t, c, l) == -1)
			return -1;
	if (t->title == NULL)
		return lerr(l, line_of(root), "<template> needs a <title>");
	if (t->nfields == 0)
		return lerr(l, line_of(root),
		    "<template> needs at least one <field>");
	return 0;
}

static int
tpl_attrs(struct tpl *t, const xmlNode *n, const struct lctx *l)
{
	char	 q[QUOTE_MAX + 4];
	size_t	 v;

	if (attrs_known(n, template_attrs, l) == -1 ||
	    attr_ident(n, "id", &t->id, l) == -1 ||
	    attr_number(n, "version", VERSION_MAX, &v, l) == -1 ||
	    attr_get(n, "kind", 1, &t->kind, l) == -1)
		return -1;
	t->version = (int)v;
	if (vocab_kind(t->kind) == NULL)
		return lerr(l, line_of(n), "<template> kind \"%s\" is not an "
		    "advice request kind", quote(t->kind, q));
	return 0;
}

/* One child element of <template>: title, description or field. */
static int
tpl_child(struct tpl *t, const xmlNode *c, const struct lctx *l)
{
	char	 q[QUOTE_MAX + 4];
	char	**slot;

	if (elem_check(c, l) == -1)
		return -1;
	if (elem_is(c, "field"))
		return field_add(t, c, l);
	if (elem_is(c, "title"))
		slot = &t->title;
	else if (elem_is(c, "description"))
		slot = &t->description;
	else
		return lerr(l, line_of(c), "element <%s> is not allowed in "
		    "<template>", quote((const char *)c->name, q));
	if (*slot != NULL)
		return lerr(l, line_of(c), "<template> has a second <%s>",
		    (const char *)c->name);
	if (attrs_known(c, no_attrs, l) == -1)
		return -1;
	return text_get(c, slot, l);
}

static int
field_add(struct tpl *t, const xmlNode *n, const struct lctx *l)
{
	struct tpl_field	*f;
	size_t			 i;

	if (t->nfields == FIELDS_MAX)
		return lerr(l, line_of(n), "a template may have at most %d "
		    "fields", FIELDS_MAX);
	f = reallocarray(t->fields, t->nfields + 1, sizeof(*f));
	if (f == NULL)
		return lerr(l, line_of(n), "out of memory");
	t->fields = f;
	f = &t->fields[t->nfields++];
	memset(f, 0, sizeof(*f));
	if (field_build(f, n, l) == -1)
		return -1;
	for (i = 0; i + 1 < t->nfields; i++)
		if (strcmp(t->fields[i].id, f->id) == 0)
			return lerr(l, line_of(n), "duplicate field id \"%s\": "
			    "each field needs its own id", f->id);
	return 0;
}

static int
field_build(struct tpl_field *f, const xmlNode *n, const struct lctx *l)
{
	const struct ftype	*ft;
	const xmlNode		*c;

	if (field_attrs_read(f, n, &ft, l) == -1)
		return -1;
	for (c = n->children; c != NULL; c = c->next)
		if (c->type == XML_ELEMENT_NODE &&
		    field_child(f, ft, c, l) == -1)
			return -1;
	return field_complete(f, ft, n, l);
}

static int
field_attrs_read(struct tpl_field *f, const xmlNode *n,
    const struct ftype **ftp, const struct lctx *l)
{
	const struct ftype	*ft;
	char			*type = NULL, *feeds = NULL;
	char			 q[QUOTE_MAX + 4];
	int			 rc = -1;

	if (attrs_known(n, field_attrs, l) == -1 ||
	    attr_ident(n, "id", &f->id, l) == -1 ||
	    attr_get(n, "type", 1, &type, l) == -1 ||
	    attr_bool(n, "required", &f->required, l) == -1 ||
	    attr_get(n, "area", 1, &f->area, l) == -1 ||
	    attr_get(n, "feeds", 1, &feeds, l) == -1)
		goto out;
	if ((ft = *ftp = ftype_find(type)) == NULL) {
		(void)lerr(l, line_of(n), "field \"%s\": type \"%s\" is not "
		    "one of text, longtext, date, choice, rows", f->id,
		    quote(type, q));
		goto out;
	}
	f->type = ft->type;
	if (tpl_area_label(f->area) == NULL) {
		(void)lerr(l, line_of(n), "field \"%s\": area \"%s\" is not a "
		    "broad area of need", f->id, quote(f->area, q));
		goto out;
	}
	if (feeds_parse(f, feeds, n, l) == 0)
		rc = field_limits(f, ft, n, l);
out:
	free(type);
	free(feeds);
	return rc;
}

/* maxlength for text and longtext, maxrows for rows, neither elsewhere. */
static int
field_limits(struct tpl_field *f, const struct ftype *ft, const xmlNode *n,
    const struct lctx *l)
{

	f->maxlength = ft->type == TPL_DATE ? DATE_CHARS : 0;
	if (ft->lengths) {
		if (attr_number(n, "maxlength", LENGTH_MAX, &f->maxlength,
		    l) == -1)
			return -1;
	} else if (xmlHasProp(n, (const xmlChar *)"maxlength") != NULL)
		return lerr(l, line_of(n), "field \"%s\": maxlength is only "
		    "for text and longtext fields", f->id);
	if (ft->columns)
		return attr_number(n, "maxrows", ROWS_MAX, &f->maxrows, l);
	if (xmlHasProp(n, (const xmlChar *)"maxrows") != NULL)
		return lerr(l, line_of(n), "field \"%s\": maxrows is only for "
		    "rows fields", f->id);
	return 0;
}

/* feeds="B E F": each a plan section, each once, at most 8. */
static int
feeds_parse(struct tpl_field *f, const char *s, const xmlNode *n,
    const struct lctx *l)
{
	char	 tok[4], bad[QUOTE_MAX + 1], q[QUOTE_MAX + 4];
	size_t	 len, i;

	for (;;) {
		while (xml_space(*s))
			s++;
		if (*s == '\0')
			break;
		for (len = 0; s[len] != '\0' && !xml_space(s[len]); len++)
			continue;
		tok[0] = '\0';
		if (len < sizeof(tok)) {
			(void)memcpy(tok, s, len);
			tok[len] = '\0';
		}
		if (vocab_section(tok) == NULL) {
			(void)snprintf(bad, sizeof(bad), "%.*s",
			    (int)(len < QUOTE_MAX ? len : QUOTE_MAX), s);
			return lerr(l, line_of(n), "field \"%s\": feeds \"%s\" is "
			    "not a plan section (A to K, H as H1 or H2)",
			    f->id, quote(bad, q));
		}
		for (i = 0; i < f->nfeeds; i++)
			if (strcmp(f->feeds[i], tok) == 0)
				return lerr(l, line_of(n), "field \"%s\": feeds "
				    "names section %s twice", f->id, tok);
		if (f->nfeeds == sizeof(f->feeds) / sizeof(f->feeds[0]))
			return lerr(l, line_of(n), "field \"%s\": feeds names "
			    "more than 8 sections", f->id);
		(void)memcpy(f->feeds[f->nfeeds++], tok, len + 1);
		s += len;
	}
	if (f->nfeeds == 0)
		return lerr(l, line_of(n), "field \"%s\": feeds must name at least "
		    "one plan section", f->id);
	return 0;
}

/* One child element of <field>: label, hint, column or option. */
static int
field_child(struct tpl_field *f, const struct ftype *ft, const xmlNode *c,
    const struct lctx *l)
{
	char	 q[QUOTE_MAX + 4];
	char	**slot;

	if (elem_check(c, l) == -1)
		return -1;
	if (elem_is(c, "column") && ft->columns)
		return column_add(f, c, l);
	if (elem_is(c, "option") && ft->options)
		return option_add(f, c, l);
	if (elem_is(c, "column") || elem_is(c, "option"))
		return lerr(l, line_of(c), "field \"%s\": <%s> is only allowed in "
		    "a %s field", f->id, (const char *)c->name,
		    elem_is(c, "column") ? "rows" : "choice");
	if (elem_is(c, "label"))
		slot = &f->label;
	else if (elem_is(c, "hint"))
		slot = &f->hint;
	else
		return lerr(l, line_of(c), "field \"%s\": element <%s> is not "
		    "allowed in <field>", f->id,
		    quote((const char *)c->name, q));
	if (*slot != NULL)
		return lerr(l, line_of(c), "field \"%s\": a second <%s>", f->id,
		    (const char *)c->name);
	if (attrs_known(c, no_attrs, l) == -1)
		return -1;
	return text_get(c, slot, l);
}

static int
field_complete(const struct tpl_field *f, const struct ftype *ft,
    const xmlNode *n, const struct lctx *l)
{

	if (f->label == NULL)
		return lerr(l, line_of(n), "field \"%s\" needs a <label>", f->id);
	if (ft->columns && f->ncolumns == 0)
		return lerr(l, line_of(n), "field \"%s\": a rows field needs at "
		    "least one <column>", f->id);
	if (ft->options && f->noptions == 0)
		return lerr(l, line_of(n), "field \"%s\": a choice field needs at "
		    "least one <option>", f->id);
	return 0;
}

static int
column_add(struct tpl_field *f, const xmlNode *n, const struct lctx *l)
{
	struct tpl_column	*c;
	size_t			 i;

	if (f->ncolumns == COLUMNS_MAX)
		return lerr(l, line_of(n), "field \"%s\": at most %d columns",
		    f->id, COLUMNS_MAX);
	c = reallocarray(f->columns, f->ncolumns + 1, sizeof(*c));
	if (c == NULL)
		return lerr(l, line_of(n), "out of memory");
	f->columns = c;
	c = &f->columns[f->ncolumns++];
	memset(c, 0, sizeof(*c));
	if (attrs_known(n, column_attrs, l) == -1 ||
	    attr_ident(n, "id", &c->id, l) == -1 ||
	    attr_get(n, "label", 1, &c->label, l) == -1 ||
	    attr_bool(n, "required", &c->required, l) == -1 ||
	    attr_number(n, "maxlength", LENGTH_MAX, &c->maxlength, l) == -1)
		return -1;
	collapse(c->label);
	if (c->label[0] == '\0')
		return lerr(l, line_of(n), "field \"%s\": column %s has an empty "
		    "label", f->id, c->id);
	for (i = 0; i + 1 < f->ncolumns; i++)
		if (strcmp(f->columns[i].id, c->id) == 0)
			return lerr(l, line_of(n), "field \"%s\": duplicate column "
			    "id \"%s\"", f->id, c->id);
	return 0;
}

static int
option_add(struct tpl_field *f, const xmlNode *n, const struct lctx *l)
{
	struct tpl_option	*o;
	size_t			 i;

	if (f->noptions == OPTIONS_MAX)
		return lerr(l, line_of(n), "field \"%s\": at most %d options",
		    f->id, OPTIONS_MAX);
	o = reallocarray(f->options, f->noptions + 1, sizeof(*o));
	if (o == NULL)
		return lerr(l, line_of(n), "out of memory");
	f->options = o;
	o = &f->options[f->noptions++];
	memset(o, 0, sizeof(*o));
	if (attrs_known(n, option_attrs, l) == -1 ||
	    attr_ident(n, "value", &o->value, l) == -1)
		return -1;
	for (i = 0; i + 1 < f->noptions; i++)
		if (strcmp(f->options[i].value, o->value) == 0)
			return lerr(l, line_of(n), "field \"%s\": duplicate option "
			    "value \"%s\"", f->id, o->value);
	return text_get(n, &o->label, l);
}

static void
field_free(struct tpl_field *f)
{
	size_t	 i;

	for (i = 0; i < f->ncolumns; i++) {
		free(f->columns[i].id);
		free(f->columns[i].label);
	}
	for (i = 0; i < f->noptions; i++) {
		free(f->options[i].value);
		free(f->options[i].label);
	}
	free(f->columns);
	free(f->options);
	free(f->id);
	free(f->label);
	free(f->hint);
	free(f->area);
}

static void
tpl_free(struct tpl *t)
{
	size_t	 i;

	for (i = 0; i < t->nfields; i++)
		field_free(&t->fields[i]);
	free(t->fields);
	free(t->id);
	free(t->kind);
	free(t->title);
	free(t->description);
}

/*
 * The set.
 */

/* *names = sorted base names of the *.xml files in dir (hidden files
 * skipped), each and the array the caller's to free. */
static int
dir_scan(const char *dir, char ***names, size_t *n, const struct lctx *l)
{
	DIR		*d;
	struct dirent	*de;
	char		**v;
	size_t		 len, elen = strlen(TPL_EXT);
	int		 rc = 0;

	*names = NULL;
	*n = 0;
	if ((d = opendir(dir)) == NULL)
		return lerr(l, 0, "cannot open folder: %s", strerror(errno));
	while ((de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (de->d_name[0] == '.' || len <= elen ||
		    strcmp(de->d_name + len - elen, TPL_EXT) != 0)
			continue;
		if (*n == FILES_MAX) {
			rc = lerr(l, 0, "more than %d templates", FILES_MAX);
			break;
		}
		if ((v = reallocarray(*names, *n + 1, sizeof(*v))) == NULL) {
			rc = lerr(l, 0, "out of memory");
			break;
		}
		*names = v;
		if ((v[*n] = strdup(de->d_name)) == NULL) {
			rc = lerr(l, 0, "out of memory");
			break;
		}
		(*n)++;
	}
	(void)closedir(d);
	if (*n > 1)
		qsort(*names, *n, sizeof(**names), name_cmp);
	return rc;
}

static int
name_cmp(const void *a, const void *b)
{
	const char *const	*x = a, *const *y = b;

	return strcmp(*x, *y);
}

/* Reads, parses, builds and validates one file into t; *line is the
 * line of its root element, for set_check(). */
static int
tpl_load(struct tpl *t, const char *dir, const char *name,
    xmlRelaxNGPtr rng, long *line, const struct lctx *l)
{
	char		 path[PATH_MAX];
	char		*buf = NULL;
	size_t		 len;
	xmlDocPtr	 doc = NULL;
	const xmlNode	*root;
	int		 rc = -1, w;

	w = snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (w < 0 || (size_t)w >= sizeof(path)) {
		(void)lerr(l, 0, "path too long");
		goto out;
	}
	if (file_read(path, &buf, &len, l) == -1 ||
	    (doc = xml_parse(buf, len, l)) == NULL)
		goto out;
	root = xmlDocGetRootElement(doc);
	*line = root != NULL ? line_of(root) : 0;
	if (tpl_build(t, root, l) == -1 ||
	    schema_check(rng, doc, l) == -1)
		goto out;
	rc = 0;
out:
	xmlFreeDoc(doc);
	free(buf);
	return rc;
}

/* Template i against those before it: (id, version) once, one kind per id. */
static int
set_check(const struct tpl_set *set, size_t i, char **names, long line,
    const struct lctx *l)
{
	const struct tpl	*t = &set->tpls[i], *o;
	char			 q[QUOTE_MAX + 4];
	size_t			 j;

	for (j = 0; j < i; j++) {
		o = &set->tpls[j];
		if (strcmp(o->id, t->id) != 0)
			continue;
		if (o->version == t->version)
			return lerr(l, line, "template %s version %d is also "
			    "in %s", t->id, t->version, quote(names[j], q));
		if (strcmp(o->kind, t->kind) != 0)
			return lerr(l, line, "template %s has kind %s here but "
			    "%s in %s", t->id, t->kind, o->kind,
			    quote(names[j], q));
	}
	return 0;
}

int
tpl_set_load(struct tpl_set *set, const char *dir, const char *schema_path,
    char *err, size_t errlen)
{
	struct lctx	 l = { err, errlen, dir };
	xmlRelaxNGPtr	 rng = NULL;
	char		**names = NULL;
	size_t		 n = 0, i;
	long		 line = 0;
	int		 rc = -1;

	memset(set, 0, sizeof(*set));
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	xmlInitParser();
	if ((rng = schema_load(schema_path, err, errlen)) == NULL ||
	    dir_scan(dir, &names, &n, &l) == -1)
		goto out;
	if (n == 0) {
		(void)lerr(&l, 0, "no " TPL_EXT " templates in the folder");
		goto out;
	}
	if ((set->tpls = calloc(n, sizeof(*set->tpls))) == NULL) {
		(void)lerr(&l, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < n; i++) {
		l.file = names[i];
		set->ntpls = i + 1;
		if (tpl_load(&set->tpls[i], dir, names[i], rng, &line,
		    &l) == -1 || set_check(set, i, names, line, &l) == -1)
			goto out;
	}
	rc = 0;
out:
	if (rc == -1)
		tpl_set_free(set);
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	xmlRelaxNGFree(rng);
	return rc;
}

void
tpl_set_free(struct tpl_set *set)
{
	size_t	 i;

	if (set == NULL)
		return;
	for (i = 0; i < set->ntpls; i++)
		tpl_free(&set->tpls[i]);
	free(set->tpls);
	set->tpls = NULL;
	set->ntpls = 0;
}

/*
 * Look-ups.
 */

const struct tpl *
tpl_find(const struct tpl_set *set, const char *id, int version)
{
	const struct tpl	*best = NULL;
	size_t			 i;

	if (set == NULL || id == NULL)
		return NULL;
	for (i = 0; i < set->ntpls; i++) {
		if (strcmp(set->tpls[i].id, id) != 0)
			continue;
		if (version != 0 && set->tpls[i].version == version)
			return &set->tpls[i];
		if (version == 0 &&
		    (best == NULL || set->tpls[i].version > best->version))
			best = &set->tpls[i];
	}
	return best;
}

const struct tpl *
tpl_for_kind(const struct tpl_set *set, const char *kind)
{
	const char	*id = NULL;
	size_t		 i;

	if (set == NULL || kind == NULL)
		return NULL;
	for (i = 0; i < set->ntpls; i++) {
		if (strcmp(set->tpls[i].kind, kind) != 0)
			continue;
		if (strcmp(set->tpls[i].id, kind) == 0) {
			id = kind;
			break;
		}
		if (id == NULL)
			id = set->tpls[i].id;
	}
	return id != NULL ? tpl_find(set, id, 0) : NULL;
}

const struct tpl_field *
tpl_field(const struct tpl *t, const char *field_id)
{
	size_t	 i;

	if (t == NULL || field_id == NULL)
		return NULL;
	for (i = 0; i < t->nfields; i++)
		if (strcmp(t->fields[i].id, field_id) == 0)
			return &t->fields[i];
	return NULL;
}

const struct tpl_column *
tpl_column(const struct tpl_field *f, const char *column_id)
{
	size_t	 i;

	if (f == NULL || column_id == NULL)
		return NULL;
	for (i = 0; i < f->ncolumns; i++)
		if (strcmp(f->columns[i].id, column_id) == 0)
			return &f->columns[i];
	return NULL;
}

const char *
tpl_area_label(const char *area)
{
	return vocab_area_label(area);
}

/*
 * Answers.
 */

/* What a required field says when left empty, by type. */
static const char *const empty_fmt[] = {
	[TPL_TEXT] = "Enter %s",
	[TPL_LONGTEXT] = "Enter %s",
	[TPL_DATE] = "Enter %s",
	[TPL_CHOICE] = "Select an option for %s",
	[TPL_ROWS] = "Enter at least one row for %s",
};

static int
option_known(const struct tpl_field *f, const char *v)
{
	size_t	 i;

	for (i = 0; i < f->noptions; i++)
		if (strcmp(f->options[i].value, v) == 0)
			return 1;
	return 0;
}

int
tpl_check_value(const struct tpl_field *f, const char *v, char *msg,
    size_t msglen)
{
	char	 ph[512];
	size_t	 n;

	if (msg != NULL && msglen > 0)
		msg[0] = '\0';
	if (v == NULL)
		v = "";
	phrase(f->label, ph, sizeof(ph));
	if (blank(v)) {
		if (!f->required)
			return 0;
		(void)snprintf(msg, msglen, empty_fmt[f->type], ph);
		return -1;
	}
	if ((n = u8_count(v)) == (size_t)-1) {
		(void)snprintf(msg, msglen, "%s must only include characters "
		    "the portal can read", f->label);
		return -1;
	}
	switch (f->type) {
	case TPL_TEXT:
	case TPL_LONGTEXT:
		if (n <= f->maxlength)
			return 0;
		(void)snprintf(msg, msglen, "%s must be %zu characters or "
		    "fewer", f->label, f->maxlength);
		return -1;
	case TPL_DATE:
		if (date_valid(v))
			return 0;
		(void)snprintf(msg, msglen, "%s must be a real date", f->label);
		return -1;
	case TPL_CHOICE:
		if (option_known(f, v))
			return 0;
		(void)snprintf(msg, msglen, "Select an option for %s", ph);
		return -1;
	case TPL_ROWS:
		return 0;
	}
	return -1;
}

int
tpl_check_cell(const struct tpl_field *f, const struct tpl_column *c,
    size_t row, const char *v, char *msg, size_t msglen)
{
	char	 ph[512];
	size_t	 n;

	if (msg != NULL && msglen > 0)
		msg[0] = '\0';
	if (v == NULL)
		v = "";
	phrase(c->label, ph, sizeof(ph));
	if (row >= f->maxrows) {
		(void)snprintf(msg, msglen, "%s must have %zu rows or fewer",
		    f->label, f->maxrows);
		return -1;
	}
	if (blank(v)) {
		if (!c->required)
			return 0;
		(void)snprintf(msg, msglen, "%s, row %zu: enter %s", f->label,
		    row + 1, ph);
		return -1;
	}
	if ((n = u8_count(v)) == (size_t)-1) {
		(void)snprintf(msg, msglen, "%s, row %zu: %s must only include "
		    "characters the portal can read", f->label, row + 1, ph);
		return -1;
	}
	if (n <= c->maxlength)
		return 0;
	(void)snprintf(msg, msglen, "%s, row %zu: %s must be %zu characters "
	    "or fewer", f->label, row + 1, ph, c->maxlength);
	return -1;
}

int
date_valid(const char *s)
{
	static const char	 shape[] = "dddd-dd-dd";
	static const int	 mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31,
				    30, 31, 30, 31 };
	int			 y, m, d, leap;
	size_t			 i;

	if (s == NULL)
		return 0;
	for (i = 0; shape[i] != '\0'; i++)
		if (shape[i] == 'd' ? (s[i] < '0' || s[i] > '9') :
		    s[i] != shape[i])
			return 0;	/* also stops at a short string's NUL */
	if (s[i] != '\0')
		return 0;
	y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 +
	    (s[3] - '0');
	m = (s[5] - '0') * 10 + (s[6] - '0');
	d = (s[8] - '0') * 10 + (s[9] - '0');
	if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1)
		return 0;
	leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}
