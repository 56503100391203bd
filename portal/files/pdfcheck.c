/*
 * pdfcheck: refuse PDFs that carry active content.  See upload.h.
 *
 * The check looks for names (/JavaScript, /Launch, ...) rather than
 * parsing the document, because a parser that disagrees with the
 * reader's is a way round it.  Names are found byte by byte without
 * any notion of strings or comments: an unbalanced "(" placed where no
 * reader looks (between objects, which readers reach by offset) cannot
 * hide what follows.  A name inside a string only costs a refusal.
 *
 * The only bytes not scanned are stream data, and only when the stream
 * is unambiguous: its object header and dictionary are plain, /Length
 * (direct, or an indirect integer object defined once) lands exactly
 * on "endstream", and the data holds no "obj", "xref" or "trailer"
 * that a reader sent there by an offset could parse.  Scanning random
 * compressed bytes would refuse good files by chance.
 *
 * Object streams hide objects inside Flate data, so they are inflated
 * (within a budget) and scanned; one that cannot be decoded is refused.
 * A stream is treated as an object stream if its dictionary says so
 * (/Type /ObjStm or /First: readers need /First) or if its inflated
 * data starts like one (pairs of integers), whatever its dictionary
 * claims.  Where the dictionary is not plain, every name since the
 * previous stream counts as part of it.  An indirect /Filter (or /First,
 * /Length) is resolved through the file's objects: it must be defined
 * once (or identically), at top level, as a name or an array of names;
 * otherwise the object stream cannot be decoded and is refused.  Its
 * Flate data must inflate to the end of the deflate stream, and into
 * something that starts like an object stream: data cut short by a
 * fake "endstream", or compressed twice, is refused too.
 *
 * Automatic actions are judged with their structure: the value of every
 * /OpenAction and /AA key, wherever it is (object streams included), is
 * followed through indirect references (every definition of the
 * object) and /Next chains; an action of a kind that leaves the document
 * (/URI, /GoToR, /GoToE, /SubmitForm, /ImportData, and /Launch,
 * /JavaScript, /RichMedia, refused anywhere anyway) is refused.  The
 * same kinds in a link the reader clicks (an annotation's /A) are not.
 * An action too malformed to follow is judged by the names after it.
 *
 * Data after the last %%EOF is refused if it is an archive or markup
 * (appended_check(), shared with the image check).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <zlib.h>

#include "sbuf.h"
#include "upload.h"

#define PDF_MAX_NAME		64
#define PDF_MAX_INFLATE		(16 * 1024 * 1024)	/* per stream */
#define PDF_MAX_INFLATE_ALL	(64 * 1024 * 1024)	/* per file */
#define PDF_MAX_WORK		(64 * 1024 * 1024)	/* bytes decoded */
#define PDF_PEEK		64	/* bytes inflated to spot an ObjStm */
#define PDF_CHUNK		65536
#define PDF_MAX_OBJECTS		(1024 * 1024)	/* indexed definitions */
#define PDF_MAX_VISITS		4096	/* references followed */
#define PDF_VISIT_SLOTS		8192	/* hash table of them, power of 2 */
#define PDF_MAX_DEFS		64	/* definitions of one object */
#define PDF_MAX_DEPTH		64	/* nesting of values */
#define PDF_MAX_PARSE		(64 * 1024 * 1024)	/* bytes parsed */

enum pdf_verdict {
	PV_OK,
	PV_NOT_PDF,
	PV_JS,
	PV_LAUNCH,
	PV_EMBEDDED,
	PV_MEDIA,
	PV_XFA,
	PV_ENCRYPTED,
	PV_NOT_CHECKED,
	PV_AUTO,
};

/* Indexed by enum pdf_verdict. */
static const char *const reasons[] = {
	"",
	"The file is not a valid PDF",
	"The file contains JavaScript",
	"The file can start other programs",
	"The file contains embedded files",
	"The file contains embedded media",
	"The file contains a dynamic (XFA) form",
	"The file is password protected",
	"The file could not be checked",
	"The file opens a web address or another file by itself",
};

/* Names refused wherever they appear, compared ignoring case. */
static const struct {
	const char		*name;
	enum pdf_verdict	 v;
} bad_names[] = {
	{ "JavaScript", PV_JS },
	{ "JS", PV_JS },
	{ "Launch", PV_LAUNCH },
	{ "EmbeddedFile", PV_EMBEDDED },
	{ "EmbeddedFiles", PV_EMBEDDED },
	{ "RichMedia", PV_MEDIA },
	{ "XFA", PV_XFA },
	{ "Encrypt", PV_ENCRYPTED },
};

/* Kinds of automatic action refused (/S of an /OpenAction or /AA). */
static const struct {
	const char		*name;
	enum pdf_verdict	 v;
} auto_kinds[] = {
	{ "URI", PV_AUTO },
	{ "GoToR", PV_AUTO },
	{ "GoToE", PV_AUTO },
	{ "SubmitForm", PV_AUTO },
	{ "ImportData", PV_AUTO },
	{ "Launch", PV_LAUNCH },
	{ "JavaScript", PV_JS },
	{ "RichMedia", PV_MEDIA },
};

/* Filters other than Flate: an object stream using them is refused. */
static const char *const other_filters[] = {
	"ASCIIHexDecode", "AHx", "ASCII85Decode", "A85", "LZWDecode",
	"LZW", "RunLengthDecode", "RL", "CCITTFaxDecode", "CCF",
	"DCTDecode", "DCT", "JBIG2Decode", "JPXDecode", "Crypt",
};

/* An object "num gen obj <integer> endobj", for indirect /Length. */
struct intobj {
	unsigned long	 num, gen;
	long long	 val;	/* -1 if defined twice, differently */
};

/* What a stream's dictionary says. */
struct dict {
	int		 plain;		/* see dict_plain() */
	int		 nlength;	/* /Length keys seen */
	long long	 length;	/* resolved, or -1 */
	long long	 first;		/* /First resolved, or -1 */
	int		 objstm;
	int		 flate;
	int		 other_filter;
	int		 filter_unknown;	/* an unresolved /Filter */
	int		 parms;
};

/* Where an object is defined: "num gen obj" at top level, or an entry
 * of a decoded object stream (gen 0).  body is where its value starts,
 * region which bytes it lies in. */
struct objdef {
	uint32_t		 num, gen;
	uint32_t		 region;
	const unsigned char	*body;
};

/* Bytes values can be read from: the file, decoded object streams. */
struct region {
	const unsigned char	*start, *end;
	struct sbuf		 own;	/* decoded data, or empty */
};

/* An /OpenAction or /AA key: its value at p, in region. */
struct akey {
	const unsigned char	*p;
	uint32_t		 region;
	int			 aa;
};

/* What an automatic action value is expected to be. */
enum akind { AK_OPEN, AK_AA, AK_ACTION, AK_NEXT };

/* A reference already followed, with the kind it was followed as. */
struct visit {
	uint32_t	 num, gen;
	enum akind	 k;
	int		 used;
};

struct pdf {
	const unsigned char	*buf;
	size_t			 len;
	struct intobj		*ints;
	size_t			 nints;
	size_t			 inflated;	/* output budget used */
	size_t			 work;		/* input budget used */
	const unsigned char	*es_from;	/* last endstream search */
	const unsigned char	*es_hit;	/* its result */
	struct objdef		*defs;		/* top level, sorted */
	size_t			 ndefs, capdefs;
	struct objdef		*sdefs;		/* in object streams */
	size_t			 nsdefs, capsdefs;
	struct region		*regions;	/* [0] is the file */
	size_t			 nregions, capregions;
	uint32_t		 cur;		/* region being scanned */
	struct akey		*keys;
	size_t			 nkeys, capkeys;
	struct visit		*visits;
	size_t			 nvisits;
	int			 ended;		/* last inflate hit the end */
	size_t			 parsed;	/* value bytes walked */
};

static enum pdf_verdict	 scan(struct pdf *, const unsigned char *,
			    const unsigned char *, int);
static enum pdf_verdict	 check_name(const unsigned char *,
			    const unsigned char *, const unsigned char **);
static size_t		 decode_name(const unsigned char *,
			    const unsigned char *, char *,
			    const unsigned char **);
static int		 is_regular(unsigned char);
static int		 is_white(unsigned char);
static int		 hexval(unsigned char);
static const unsigned char *stream_data(const unsigned char *,
			    const unsigned char *, const unsigned char *);
static enum pdf_verdict	 do_stream(struct pdf *, const unsigned char *,
			    const unsigned char *, const unsigned char *,
			    const unsigned char **);
static const unsigned char *stream_end(struct pdf *, const struct dict *,
			    const unsigned char *, const unsigned char **);
static const unsigned char *next_endstream(struct pdf *,
			    const unsigned char *);
static int		 skippable(const struct dict *,
			    const unsigned char *, const unsigned char *);
static void		 dict_read(struct pdf *, const unsigned char *,
			    const unsigned char *, const unsigned char *,
			    struct dict *);
static int		 dict_plain(const unsigned char *,
			    const unsigned char *);
static const unsigned char *last_header(const unsigned char *,
			    const unsigned char *);
static void		 dict_name(struct pdf *, const char *,
			    const unsigned char *, const unsigned char *,
			    struct dict *);
static long long	 length_value(struct pdf *, const unsigned char *,
			    const unsigned char *);
static const unsigned char *read_uint(const unsigned char *,
			    const unsigned char *, unsigned long *);
static const unsigned char *skip_white(const unsigned char *,
			    const unsigned char *);
static int		 ints_build(struct pdf *);
static int		 ints_add(struct pdf *, size_t *, unsigned long,
			    unsigned long, long long);
static int		 ints_cmp(const void *, const void *);
static long long	 ints_find(const struct pdf *, unsigned long,
			    unsigned long);
static int		 int_object(const unsigned char *,
			    const unsigned char *, unsigned long *,
			    unsigned long *, long long *);
static enum pdf_verdict	 objstm_scan(struct pdf *, const struct dict *,
			    const unsigned char *, size_t);
static int		 looks_objstm(struct pdf *, const unsigned char *,
			    size_t);
static int		 inflate_to(struct pdf *, const unsigned char *,
			    size_t, size_t, struct sbuf *);
static int		 inflate_with(struct pdf *, int, const unsigned char *,
			    size_t, size_t, struct sbuf *);
static const unsigned char *find(const unsigned char *,
			    const unsigned char *, const char *);
static int		 grow(void **, size_t *, size_t, size_t);
static int		 defs_build(struct pdf *);
static int		 defs_cmp(const void *, const void *);
static int		 header_before(const unsigned char *,
			    const unsigned char *, uint32_t *, uint32_t *);
static const unsigned char *back_white(const unsigned char *,
			    const unsigned char *);
static const unsigned char *skip_ws(const unsigned char *,
			    const unsigned char *);
static const unsigned char *value_skip(struct pdf *, const unsigned char *,
			    const unsigned char *, int);
static const unsigned char *value_end(const unsigned char *,
			    const unsigned char *, int);
static size_t		 defs_first(const struct objdef *, size_t,
			    uint32_t);
static int		 too_many_defs(const struct pdf *, uint32_t);
static int		 is_ref(const unsigned char *, const unsigned char *,
			    uint32_t *, uint32_t *, const unsigned char **);
static void		 filter_value(struct pdf *, const unsigned char *,
			    const unsigned char *, struct dict *);
static void		 filter_ref(struct pdf *, uint32_t, uint32_t,
			    struct dict *);
static int		 starts_objstm(const unsigned char *,
			    const unsigned char *, const unsigned char **);
static int		 objstm_index(struct pdf *, uint32_t, long long);
static int		 region_add(struct pdf *, const unsigned char *,
			    const unsigned char *, struct sbuf *);
static enum pdf_verdict	 actions_check(struct pdf *);
static enum pdf_verdict	 auto_value(struct pdf *, const unsigned char *,
			    uint32_t, enum akind, int);
static enum pdf_verdict	 auto_ref(struct pdf *, uint32_t, uint32_t,
			    enum akind, int);
static enum pdf_verdict	 auto_dict(struct pdf *, const unsigned char *,
			    uint32_t, enum akind, int);
static enum pdf_verdict	 auto_array(struct pdf *, const unsigned char *,
			    uint32_t, int);
static enum pdf_verdict	 auto_kind(struct pdf *, const unsigned char *,
			    uint32_t, int);
static enum pdf_verdict	 auto_fallback(struct pdf *, const unsigned char *,
			    const unsigned char *);
static enum pdf_verdict	 kind_verdict(const char *);

int
pdfcheck(const unsigned char *buf, size_t len, char *why, size_t whylen)
{
	struct pdf		 pdf;
	enum pdf_verdict	 v = PV_NOT_PDF;
	const unsigned char	*eof, *p;
	size_t			 i;

	memset(&pdf, 0, sizeof(pdf));
	pdf.buf = buf;
	pdf.len = len;
	if (buf == NULL || len < 5 || memcmp(buf, "%PDF-", 5) != 0 ||
	    (eof = find(buf, buf + len, "%%EOF")) == NULL)
		goto done;
	if (ints_build(&pdf) == -1 || defs_build(&pdf) == -1 ||
	    region_add(&pdf, buf, buf + len, NULL) == -1) {
		v = PV_NOT_CHECKED;
		goto done;
	}
	if ((v = scan(&pdf, buf, buf + len, 1)) == PV_OK)
		v = actions_check(&pdf);
	if (v != PV_OK)
		goto done;
	/* What follows the last %%EOF: no archive, no markup. */
	for (p = eof; (p = find(p + 5, buf + len, "%%EOF")) != NULL;)
		eof = p;
	if (appended_check(buf, len, (size_t)(eof + 5 - buf), why,
	    whylen) == -1) {
		for (i = 0; i < pdf.nregions; i++)
			sbuf_free(&pdf.regions[i].own);
		free(pdf.regions);
		free(pdf.ints);
		free(pdf.defs);
		free(pdf.sdefs);
		free(pdf.keys);
		free(pdf.visits);
		return -1;
	}
done:
	for (i = 0; i < pdf.nregions; i++)
		sbuf_free(&pdf.regions[i].own);
	free(pdf.regions);
	free(pdf.ints);
	free(pdf.defs);
	free(pdf.sdefs);
	free(pdf.keys);
	free(pdf.visits);
	why_set(why, whylen, reasons[v]);
	return v == PV_OK ? 0 : -1;
}

/*
 * Scans [p, end) for refused names.  At top level, "stream" keywords
 * are followed; inside an inflated object stream (top 0) there are no
 * streams, so every byte is scanned.
 */
static enum pdf_verdict
scan(struct pdf *pdf, const unsigned char *p, const unsigned char *end,
    int top)
{
	const unsigned char	*from = p, *data, *next;
	enum pdf_verdict	 v;
	char			 name[PDF_MAX_NAME + 1];
	int			 aa;

	while (p < end) {
		if (*p == '/') {
			if ((v = check_name(p, end, &next)) != PV_OK)
				return v;
			(void)decode_name(p + 1, end, name, &next);
			aa = strcasecmp(name, "AA") == 0;
			if ((aa || strcasecmp(name, "OpenAction") == 0) &&
			    grow((void **)&pdf->keys, &pdf->capkeys,
			    pdf->nkeys, sizeof(*pdf->keys)) == 0) {
				pdf->keys[pdf->nkeys].p = next;
				pdf->keys[pdf->nkeys].region = pdf->cur;
				pdf->keys[pdf->nkeys++].aa = aa;
			} else if (aa || strcasecmp(name, "OpenAction") == 0)
				return PV_NOT_CHECKED;
			p = next;
			continue;
		}
		if (top && *p == 's' &&
		    (data = stream_data(from, p, end)) != NULL) {
			if ((v = do_stream(pdf, from, p, data, &p)) != PV_OK)
				return v;
			from = p;
			continue;
		}
		p++;
	}
	return PV_OK;
}

/* Judges the name at p (a '/'); *next is set after it. */
static enum pdf_verdict
check_name(const unsigned char *p, const unsigned char *end,
    const unsigned char **next)
{
	char	 name[PDF_MAX_NAME + 1];
	size_t	 i, n;

	n = decode_name(p + 1, end, name, next);
	for (i = 0; i < sizeof(bad_names) / sizeof(bad_names[0]); i++)
		if (n == strlen(bad_names[i].name) &&
		    strcasecmp(name, bad_names[i].name) == 0)
			return bad_names[i].v;
	return PV_OK;
}

/*
 * Decodes the name whose first byte (after '/') is at p into name
 * (PDF_MAX_NAME + 1 bytes), resolving #xx escapes; a longer name is
 * cut (no refused name is that long).  A decoded NUL ends the
 * comparable part.  Returns the decoded length; *next after the name.
 */
static size_t
decode_name(const unsigned char *p, const unsigned char *end, char *name,
    const unsigned char **next)
{
	size_t	 n = 0;
	int	 c;

	while (p < end && is_regular(*p)) {
		c = *p++;
		if (c == '#' && end - p >= 2 && hexval(p[0]) >= 0 &&
		    hexval(p[1]) >= 0) {
			c = hexval(p[0]) * 16 + hexval(p[1]);
			p += 2;
		}
		if (n < PDF_MAX_NAME)
			name[n++] = (char)c;
	}
	name[n] = '\0';
	*next = p;
	return strlen(name) == n ? n : PDF_MAX_NAME + 1;
}

static int
is_white(unsigned char c)
{

	return c == 0 || c == '\t' || c == '\n' || c == '\f' || c == '\r' ||
	    c == ' ';
}

static int
is_regular(unsigned char c)
{

	return !is_white(c) && strchr("()<>[]{}/%", c) == NULL;
}

static int
hexval(unsigned char c)
{

	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * If p starts the keyword "stream" (not "endstream"), followed by an
 * end of line, returns where the data starts; else NULL.
 */
static const unsigned char *
stream_data(const unsigned char *from, const unsigned char *p,
    const unsigned char *end)
{

	if (end - p < 7 || memcmp(p, "stream", 6) != 0)
		return NULL;
	if (p > from && is_regular(p[-1]))
		return NULL;
	p += 6;
	if (*p == '\n')
		return p + 1;
	if (*p == '\r')
		return end - p >= 2 && p[1] == '\n' ? p + 2 : p + 1;
	return NULL;
}

/*
 * The stream keyword at kw, data at data; from is where scanning
 * resumed after the previous stream.  Inflates and scans object
 * streams; skips the data of unambiguous streams (*next after
 * "endstream"); otherwise *next is just after the keyword and the data
 * is scanned like everything else.
 */
static enum pdf_verdict
do_stream(struct pdf *pdf, const unsigned char *from,
    const unsigned char *kw, const unsigned char *data,
    const unsigned char **next)
{
	struct dict		 d;
	const unsigned char	*dend, *after, *end = pdf->buf + pdf->len;
	enum pdf_verdict	 v;
	int			 objstm;

	dict_read(pdf, from, kw, end, &d);
	*next = kw + 6;
	if ((dend = stream_end(pdf, &d, data, &after)) == NULL)
		return d.objstm ? PV_NOT_CHECKED : PV_OK;
	if ((objstm = d.objstm) == 0 &&
	    (objstm = looks_objstm(pdf, data, (size_t)(dend - data))) == -1)
		return PV_NOT_CHECKED;
	if (objstm &&
	    (v = objstm_scan(pdf, &d, data, (size_t)(dend - data))) != PV_OK)
		return v;
	if (skippable(&d, data, dend))
		*next = after;
	return PV_OK;
}

/*
 * End of the data: data + /Length when that is followed by
 * "endstream" (*after then past it), else the first "endstream" (and
 * *after NULL).  NULL if there is no "endstream" at all.
 */
static const unsigned char *
stream_end(struct pdf *pdf, const struct dict *d, const unsigned char *data,
    const unsigned char **after)
{
	const unsigned char	*e, *q, *end = pdf->buf + pdf->len;

	*after = NULL;
	if (d->length >= 0 && (uint64_t)d->length <= (uint64_t)(end - data)) {
		e = data + d->length;
		q = skip_white(e, end);
		if (end - q >= 9 && memcmp(q, "endstream", 9) == 0) {
			*after = q + 9;
			return e;
		}
	}
	return next_endstream(pdf, data);
}

/*
 * First "endstream" at or after p.  Searches move forward through the
 * file, so the last answer is reused: thousands of "stream" keywords
 * without an "endstream" cost one search, not one each.
 */
static const unsigned char *
next_endstream(struct pdf *pdf, const unsigned char *p)
{
	const unsigned char	*end = pdf->buf + pdf->len;

	if (pdf->es_from != NULL && p >= pdf->es_from &&
	    (pdf->es_hit == NULL || p <= pdf->es_hit))
		return pdf->es_hit;
	pdf->es_from = p;
	pdf->es_hit = find(p, end, "endstream");
	return pdf->es_hit;
}

/* 1 if c is PDF white space. */
static int
pdf_space(unsigned char c)
{
	return c == ' ' || c == '\n' || c == '\r' || c == '\t' ||
	    c == '\f' || c == '\0';
}

/*
 * 1 if "obj" at p (data <= p) ends an object header "N G obj": what a
 * reader sent into the data by an offset could parse. A bare "obj" is
 * common in compressed bytes (once in 16 MB), a header is not, so large
 * images are not refused by chance.
 */
static int
obj_header(const unsigned char *data, const unsigned char *p)
{
	int	part, digits;

	for (part = 0; part < 2; part++) {
		if (p == data || !pdf_space(p[-1]))
			return 0;
		while (p > data && pdf_space(p[-1]))
			p--;
		for (digits = 0; p > data && p[-1] >= '0' && p[-1] <= '9'; digits++)
			p--;
		if (digits == 0)
			return 0;
	}
	return p == data || pdf_space(p[-1]);
}

/* 1 if the data between data and dend can be left unscanned. */
static int
skippable(const struct dict *d, const unsigned char *data,
    const unsigned char *dend)
{
	const unsigned char	*p;

	if (!d->plain || d->nlength != 1 || d->length < 0 ||
	    data + d->length != dend)
		return 0;
	if (find(data, dend, "xref") != NULL || find(data, dend, "trailer") != NULL)
		return 0;
	for (p = data; (p = find(p, dend, "obj")) != NULL; p += 3)
		if (obj_header(data, p) || header_before(data, p, NULL, NULL))
			return 0;
	return 1;
}

/*
 * Reads the dictionary of the stream whose keyword is at kw: the text
 * from the last "N G obj" header after from.  Unless that text is one
 * plain dictionary (see dict_plain), the whole text since from is read
 * instead: a superset, so nothing the reader sees is missed.
 */
static void
dict_read(struct pdf *pdf, const unsigned char *from,
    const unsigned char *kw, const unsigned char *end, struct dict *d)
{
	const unsigned char	*p, *next;
	char			 name[PDF_MAX_NAME + 1];

	memset(d, 0, sizeof(*d));
	d->length = -1;
	d->first = -1;
	p = last_header(from, kw);
	if (!(d->plain = p != NULL && dict_plain(p, kw)))
		p = from;
	while (p < kw) {
		if (*p != '/') {
			p++;
			continue;
		}
		(void)decode_name(p + 1, kw, name, &next);
		dict_name(pdf, name, next, end, d);
		if (strcasecmp(name, "Filter") == 0)
			filter_value(pdf, next, kw, d);
		p = next;
	}
	if (d->nlength != 1)
		d->length = -1;
}

/*
 * 1 if [p, kw) is exactly one dictionary with balanced << >> and [ ],
 * no strings, comments or "endobj".  A header found inside another
 * object's dictionary (say "/X [1 0 obj]") leaves unbalanced brackets
 * behind it, so a fake header cannot hide the keys before it.
 */
static int
dict_plain(const unsigned char *p, const unsigned char *kw)
{
	const unsigned char	*q;
	int			 dicts = 0, arrays = 0;

	p = skip_white(p, kw);
	if (kw - p < 2 || memcmp(p, "<<", 2) != 0 ||
	    find(p, kw, "endobj") != NULL)
		return 0;
	while (p < kw) {
		if (*p == '(' || *p == ')' || *p == '%')
			return 0;
		if (kw - p >= 2 && p[0] == '<' && p[1] == '<') {
			dicts++;
			p += 2;
		} else if (kw - p >= 2 && p[0] == '>' && p[1] == '>') {
			p += 2;
			if (--dicts < 0 ||
			    (dicts == 0 && skip_white(p, kw) != kw))
				return 0;
		} else if (*p == '<') {		/* hex string */
			if ((q = memchr(p, '>', (size_t)(kw - p))) == NULL)
				return 0;
			p = q + 1;
		} else if (*p == '>')
			return 0;
		else {
			if (*p == '[')
				arrays++;
			else if (*p == ']' && --arrays < 0)
				return 0;
			p++;
		}
	}
	return dicts == 0 && arrays == 0;
}

/* Position just after the last "<uint> <uint> obj" in [from, to). */
static const unsigned char *
last_header(const unsigned char *from, const unsigned char *to)
{
	const unsigned char	*p, *q;
	int			 fields;

	for (p = to; p - from >= 3; p--) {
		if (memcmp(p - 3, "obj", 3) != 0 ||
		    (p < to && is_regular(*p)))
			continue;
		q = p - 3;
		for (fields = 0; fields < 2; fields++) {
			if (q == from || !is_white(q[-1]))
				break;
			while (q > from && is_white(q[-1]))
				q--;
			if (q == from || q[-1] < '0' || q[-1] > '9')
				break;
			while (q > from && q[-1] >= '0' && q[-1] <= '9')
				q--;
		}
		if (fields == 2)
			return p;
	}
	return NULL;
}

/* Records what the dictionary key or value "name" (then at p) says. */
static void
dict_name(struct pdf *pdf, const char *name, const unsigned char *p,
    const unsigned char *end, struct dict *d)
{
	size_t	 i;

	if (strcasecmp(name, "Length") == 0) {
		d->nlength++;
		d->length = length_value(pdf, p, end);
	} else if (strcasecmp(name, "ObjStm") == 0)
		d->objstm = 1;
	else if (strcasecmp(name, "First") == 0) {
		d->objstm = 1;
		d->first = length_value(pdf, p, end);
	}
	else if (strcasecmp(name, "FlateDecode") == 0 ||
	    strcasecmp(name, "Fl") == 0)
		d->flate++;
	else if (strcasecmp(name, "DecodeParms") == 0 ||
	    strcasecmp(name, "DP") == 0)
		d->parms = 1;
	for (i = 0; i < sizeof(other_filters) / sizeof(other_filters[0]); i++)
		if (strcasecmp(name, other_filters[i]) == 0)
			d->other_filter = 1;
}

/* Value of /Length at p: "123" or "12 0 R" resolved; -1 if unknown. */
static long long
length_value(struct pdf *pdf, const unsigned char *p,
    const unsigned char *end)
{
	unsigned long		 a, b;
	const unsigned char	*q;

	if ((p = read_uint(skip_white(p, end), end, &a)) == NULL)
		return -1;
	q = read_uint(skip_white(p, end), end, &b);
	if (q != NULL && (q = skip_white(q, end)) < end && *q == 'R' &&
	    (q + 1 == end || !is_regular(q[1])))
		return ints_find(pdf, a, b);
	if (p < end && is_regular(*p))
		return -1;		/* "12.5", "12abc" */
	return a > (unsigned long)INT32_MAX ? -1 : (long long)a;
}

/* Reads decimal digits at p into *v; NULL if none or too many. */
static const unsigned char *
read_uint(const unsigned char *p, const unsigned char *end,
    unsigned long *v)
{
	const unsigned char	*start = p;

	*v = 0;
	while (p < end && *p >= '0' && *p <= '9' && p - start < 10)
		*v = *v * 10 + (unsigned long)(*p++ - '0');
	if (p == start || (p < end && *p >= '0' && *p <= '9'))
		return NULL;
	return p;
}

static const unsigned char *
skip_white(const unsigned char *p, const unsigned char *end)
{

	while (p < end && is_white(*p))
		p++;
	return p;
}

/*
 * Indexes every "num gen obj <uint> endobj" in the file (stream data
 * included: a false entry can only make a length ambiguous).  -1 on
 * allocation failure.
 */
static int
ints_build(struct pdf *pdf)
{
	const unsigned char	*p = pdf->buf, *end = pdf->buf + pdf->len;
	unsigned long		 num, gen;
	long long		 val;
	size_t			 cap = 0, i, o;

	while ((p = find(p, end, "endobj")) != NULL) {
		if (int_object(pdf->buf, p, &num, &gen, &val) &&
		    ints_add(pdf, &cap, num, gen, val) == -1)
			return -1;
		p += 6;
	}
	if (pdf->nints == 0)
		return 0;
	qsort(pdf->ints, pdf->nints, sizeof(pdf->ints[0]), ints_cmp);
	for (i = 1, o = 0; i < pdf->nints; i++) {
		if (pdf->ints[i].num == pdf->ints[o].num &&
		    pdf->ints[i].gen == pdf->ints[o].gen) {
			if (pdf->ints[i].val != pdf->ints[o].val)
				pdf->ints[o].val = -1;
		} else
			pdf->ints[++o] = pdf->ints[i];
	}
	pdf->nints = o + 1;
	return 0;
}

static int
ints_add(struct pdf *pdf, size_t *cap, unsigned long num,
    unsigned long gen, long long val)
{
	struct intobj	*n;
	size_t		 ncap;

	if (pdf->nints == *cap) {
		ncap = *cap ? *cap * 2 : 64;
		if ((n = realloc(pdf->ints, ncap * sizeof(*n))) == NULL)
			return -1;
		pdf->ints = n;
		*cap = ncap;
	}
	pdf->ints[pdf->nints].num = num;
	pdf->ints[pdf->nints].gen = gen;
	pdf->ints[pdf->nints].val = val;
	pdf->nints++;
	return 0;
}

static int
ints_cmp(const void *a, const void *b)
{
	const struct intobj	*x = a, *y = b;

	if (x->num != y->num)
		return x->num < y->num ? -1 : 1;
	if (x->gen != y->gen)
		return x->gen < y->gen ? -1 : 1;
	return 0;
}

static long long
ints_find(const struct pdf *pdf, unsigned long num, unsigned long gen)
{
	struct intobj	 key, *hit;

	if (pdf->nints == 0)
		return -1;
	key.num = num;
	key.gen = gen;
	hit = bsearch(&key, pdf->ints, pdf->nints, sizeof(key), ints_cmp);
	return hit == NULL ? -1 : hit->val;
}

/*
 * Reads backwards from "endobj" at e: "<num> <gen> obj <val>".
 * 1 and the three numbers if that is what precedes it, else 0.
 */
static int
int_object(const unsigned char *start, const unsigned char *e,
    unsigned long *num, unsigned long *gen, long long *val)
{
	const unsigned char	*q = e, *digits;
	unsigned long		*out[3], v;
	size_t			 i;

	out[0] = &v;
	out[1] = gen;
	out[2] = num;
	for (i = 0; i < 3; i++) {
		while (q > start && is_white(q[-1]))
			q--;
		if (i == 1) {
			if (q - start < 3 || memcmp(q - 3, "obj", 3) != 0)
				return 0;
			q -= 3;
			while (q > start && is_white(q[-1]))
				q--;
		}
		for (digits = q; q > start && q[-1] >= '0' && q[-1] <= '9';)
			q--;
		if (q == digits || read_uint(q, digits, out[i]) == NULL)
			return 0;
	}
	if (v > (unsigned long)INT32_MAX)
		return 0;
	*val = (long long)v;
	return 1;
}

/*
 * Inflates the object stream data and scans the result, which is kept
 * (a region) so that automatic actions can be followed into it.
 * Streams with filters other than one Flate, with decode parameters or
 * a /Filter that could not be resolved cannot be checked; neither can
 * one whose deflate data stops before its end, or that yields
 * something else than an object stream.
 */
static enum pdf_verdict
objstm_scan(struct pdf *pdf, const struct dict *d, const unsigned char *data,
    size_t len)
{
	struct sbuf		 out;
	enum pdf_verdict	 v = PV_NOT_CHECKED;
	const unsigned char	*o;
	uint32_t		 saved = pdf->cur;

	if (d->other_filter || d->parms || d->flate > 1 || d->filter_unknown)
		return PV_NOT_CHECKED;
	if (d->flate == 0 && d->objstm) {
		if (len > PDF_MAX_WORK - pdf->work ||
		    !starts_objstm(data, data + len, NULL) ||
		    region_add(pdf, data, data + len, NULL) == -1)
			return PV_NOT_CHECKED;
		pdf->work += len;
	} else {
		sbuf_init(&out);
		if (inflate_to(pdf, data, len, PDF_MAX_INFLATE, &out) == -1 ||
		    !pdf->ended || out.len == 0) {
			sbuf_free(&out);
			return PV_NOT_CHECKED;
		}
		o = (const unsigned char *)out.data;
		if (!starts_objstm(o, o + out.len, NULL) ||
		    region_add(pdf, o, o + out.len, &out) == -1) {
			sbuf_free(&out);
			return PV_NOT_CHECKED;
		}
	}
	pdf->cur = (uint32_t)(pdf->nregions - 1);
	if (objstm_index(pdf, pdf->cur, d->first) == 0)
		v = scan(pdf, pdf->regions[pdf->cur].start,
		    pdf->regions[pdf->cur].end, 0);
	pdf->cur = saved;
	return v;
}

/*
 * 1 if data inflates to something starting "<uint> <uint> ", 0 if
 * not, -1 if the work budget is spent.
 */
static int
looks_objstm(struct pdf *pdf, const unsigned char *data, size_t len)
{
	struct sbuf		 out;
	const unsigned char	*p, *end;
	unsigned long		 n;
	int			 yes = 0, i;

	if (len < 2 || (data[0] & 0x0F) != 8 ||
	    ((data[0] << 8) | data[1]) % 31 != 0)
		return 0;
	sbuf_init(&out);
	if (inflate_with(pdf, 15, data, len, PDF_PEEK, &out) == -1 &&
	    out.len < PDF_PEEK)
		yes = -1;
	else if (out.len > 0) {
		p = (const unsigned char *)out.data;
		end = p + out.len;
		for (i = 0; i < 2 && p != NULL; i++) {
			p = read_uint(skip_white(p, end), end, &n);
			if (p != NULL && (p == end || !is_white(*p)))
				p = NULL;
		}
		yes = p != NULL;
	}
	sbuf_free(&out);
	return yes;
}

/*
 * Inflates len bytes (zlib format, else raw deflate) into out, at most
 * max bytes and within the file's budget.  Partial output of corrupt
 * data is kept: a reader gets no more than that either.  -1 if the
 * output is too big.
 */
static int
inflate_to(struct pdf *pdf, const unsigned char *data, size_t len,
    size_t max, struct sbuf *out)
{
	size_t	 left = PDF_MAX_INFLATE_ALL - pdf->inflated;
	int	 rc;

	if (max > left)
		max = left;
	rc = inflate_with(pdf, 15, data, len, max, out);
	if (rc != -1 && out->len == 0) {
		sbuf_reset(out);
		rc = inflate_with(pdf, -15, data, len, max, out);
	}
	pdf->inflated += out->len;
	return rc == -1 || out->oom ? -1 : 0;
}

/*
 * One zlib pass with windowBits wbits.  0 done or stopped by bad data,
 * -1 if more than max bytes would come out, the file's input budget
 * ran out (deflate can consume much and produce nothing), or memory.
 */
static int
inflate_with(struct pdf *pdf, int wbits, const unsigned char *data,
    size_t len, size_t max, struct sbuf *out)
{
	size_t		 give = PDF_MAX_WORK - pdf->work;
	z_stream	 zs;
	unsigned char	*buf;
	size_t		 have, room;
	int		 rc = Z_OK, ret = 0;

	if ((buf = malloc(PDF_CHUNK)) == NULL)
		return -1;
	memset(&zs, 0, sizeof(zs));
	if (inflateInit2(&zs, wbits) != Z_OK) {
		free(buf);
		return -1;
	}
	zs.next_in = (Bytef *)(uintptr_t)data;	/* zlib does not write */
	if (give > len)
		give = len;
	zs.avail_in = (uInt)give;		/* give <= 64 MiB */
	while (rc == Z_OK) {
		room = max - out->len < PDF_CHUNK - 1 ?
		    max - out->len + 1 : PDF_CHUNK;
		zs.next_out = buf;
		zs.avail_out = (uInt)room;
		rc = inflate(&zs, Z_NO_FLUSH);
		have = room - zs.avail_out;
		if (out->len + have > max) {
			sbuf_append(out, buf, max - out->len);
			ret = -1;
			break;
		}
		sbuf_append(out, buf, have);
		if (rc == Z_BUF_ERROR || (rc == Z_OK && have == 0))
			break;
	}
	if (rc == Z_MEM_ERROR ||
	    (rc != Z_STREAM_END && give < len && zs.avail_in == 0))
		ret = -1;
	pdf->ended = rc == Z_STREAM_END;
	pdf->work += zs.total_in;
	inflateEnd(&zs);
	free(buf);
	return out->oom ? -1 : ret;
}

/* First occurrence of the C string pat in [p, end), or NULL. */
static const unsigned char *
find(const unsigned char *p, const unsigned char *end, const char *pat)
{
	size_t	 plen = strlen(pat);

	while ((size_t)(end - p) >= plen) {
		p = memchr(p, pat[0], (size_t)(end - p) - plen + 1);
		if (p == NULL)
			return NULL;
		if (memcmp(p, pat, plen) == 0)
			return p;
		p++;
	}
	return NULL;
}

/* Makes room for one more element in *arr (n used, *cap allocated). */
static int
grow(void **arr, size_t *cap, size_t n, size_t size)
{
	void	*p;
	size_t	 ncap;

	if (n < *cap)
		return 0;
	if (n >= PDF_MAX_OBJECTS)
		return -1;
	ncap = *cap ? *cap * 2 : 64;
	if ((p = realloc(*arr, ncap * size)) == NULL)
		return -1;
	*arr = p;
	*cap = ncap;
	return 0;
}

/* Adds a region [start, end); takes the decoded bytes of own if not NULL. */
static int
region_add(struct pdf *pdf, const unsigned char *start,
    const unsigned char *end, struct sbuf *own)
{
	struct region	*r;

	if (grow((void **)&pdf->regions, &pdf->capregions, pdf->nregions,
	    sizeof(*pdf->regions)) == -1)
		return -1;
	r = &pdf->regions[pdf->nregions++];
	r->start = start;
	r->end = end;
	sbuf_init(&r->own);
	if (own != NULL)
		r->own = *own;
	return 0;
}

/*
 * Indexes every "num gen obj" of the file (comments allowed where a
 * reader allows them), sorted by number.  Stream data is included: a
 * false entry only adds a definition to judge.  -1 if too many or out
 * of memory.
 */
static int
defs_build(struct pdf *pdf)
{
	const unsigned char	*p = pdf->buf, *end = pdf->buf + pdf->len;
	uint32_t		 num, gen;

	while ((p = find(p, end, "obj")) != NULL) {
		if ((p + 3 == end || !is_regular(p[3])) &&
		    header_before(pdf->buf, p, &num, &gen)) {
			if (grow((void **)&pdf->defs, &pdf->capdefs,
			    pdf->ndefs, sizeof(*pdf->defs)) == -1)
				return -1;
			pdf->defs[pdf->ndefs].num = num;
			pdf->defs[pdf->ndefs].gen = gen;
			pdf->defs[pdf->ndefs].region = 0;
			pdf->defs[pdf->ndefs++].body = p + 3;
		}
		p += 3;
	}
	if (pdf->ndefs > 0)
		qsort(pdf->defs, pdf->ndefs, sizeof(*pdf->defs), defs_cmp);
	return 0;
}

static int
defs_cmp(const void *a, const void *b)
{
	const struct objdef	*x = a, *y = b;

	if (x->num != y->num)
		return x->num < y->num ? -1 : 1;
	if (x->gen != y->gen)
		return x->gen < y->gen ? -1 : 1;
	return x->body < y->body ? -1 : x->body > y->body;
}

/*
 * 1 if "obj" at p is preceded by "<uint> <uint>", white space and
 * comments between, as a reader parses an object header; the numbers
 * go to *num and *gen (may be NULL; UINT32_MAX if too big).
 */
static int
header_before(const unsigned char *start, const unsigned char *p,
    uint32_t *num, uint32_t *gen)
{
	const unsigned char	*q, *digits;
	uint32_t		*out[2], v;
	int			 i;

	out[0] = gen;
	out[1] = num;
	for (i = 0; i < 2; i++) {
		if ((q = back_white(start, p)) == p)
			return 0;
		for (digits = p = q; p > start && p[-1] >= '0' &&
		    p[-1] <= '9';)
			p--;
		if (p == digits)
			return 0;
		for (v = 0, q = p; q < digits; q++)
			v = v > (UINT32_MAX - 9) / 10 ? UINT32_MAX :
			    v * 10 + (uint32_t)(*q - '0');
		if (out[i] != NULL)
			*out[i] = v;
	}
	return p == start || !is_regular(p[-1]);
}

/*
 * Start of the white space and comments that end at p (p if none).
 * A comment runs from '%' to the end of its line: when the white space
 * holds a line end, the line before it may end in one.
 */
static const unsigned char *
back_white(const unsigned char *start, const unsigned char *p)
{
	const unsigned char	*line, *pct;
	int			 eol;

	for (;;) {
		for (eol = 0; p > start && is_white(p[-1]); p--)
			if (p[-1] == '\n' || p[-1] == '\r')
				eol = 1;
		if (!eol || p == start)
			return p;
		for (line = p; line > start && line[-1] != '\n' &&
		    line[-1] != '\r';)
			line--;
		if ((pct = memchr(line, '%', (size_t)(p - line))) == NULL)
			return p;
		p = pct;
	}
}

/* Skips white space and comments. */
static const unsigned char *
skip_ws(const unsigned char *p, const unsigned char *end)
{

	for (;;) {
		p = skip_white(p, end);
		if (p >= end || *p != '%')
			return p;
		while (p < end && *p != '\n' && *p != '\r')
			p++;
	}
}

/*
 * End of the value at p (white space first skipped): a name, string,
 * hex string, array, dictionary or other token; a reference counts as
 * its first number.  NULL if malformed, nested too deep, or once the
 * file's parse budget is spent (a file of a million nested /AA keys
 * must not cost a million walks to its end).
 */
static const unsigned char *
value_skip(struct pdf *pdf, const unsigned char *p, const unsigned char *end,
    int depth)
{
	const unsigned char	*e;

	if (pdf->parsed > PDF_MAX_PARSE)
		return NULL;
	p = skip_ws(p, end);
	if ((e = value_end(p, end, depth)) != NULL && depth == 0)
		pdf->parsed += (size_t)(e - p);
	else if (e == NULL)
		pdf->parsed += (size_t)(end - p) / 4;
	return e;
}

/* value_skip() without the budget. */
static const unsigned char *
value_end(const unsigned char *p, const unsigned char *end, int depth)
{
	int	 parens;

	p = skip_ws(p, end);
	if (p >= end || depth > PDF_MAX_DEPTH)
		return NULL;
	if (*p == '/') {
		for (p++; p < end && is_regular(*p);)
			p++;
		return p;
	}
	if (*p == '(') {
		for (parens = 0; p < end; p++) {
			if (*p == '\\')
				p++;
			else if (*p == '(')
				parens++;
			else if (*p == ')' && --parens == 0)
				return p + 1;
		}
		return NULL;
	}
	if (end - p >= 2 && p[0] == '<' && p[1] == '<') {
		for (p += 2;;) {
			p = skip_ws(p, end);
			if (end - p >= 2 && p[0] == '>' && p[1] == '>')
				return p + 2;
			if ((p = value_end(p, end, depth + 1)) == NULL)
				return NULL;
		}
	}
	if (*p == '<') {
		p = memchr(p, '>', (size_t)(end - p));
		return p == NULL ? NULL : p + 1;
	}
	if (*p == '[') {
		for (p++;;) {
			p = skip_ws(p, end);
			if (p < end && *p == ']')
				return p + 1;
			if ((p = value_end(p, end, depth + 1)) == NULL)
				return NULL;
		}
	}
	if (!is_regular(*p))
		return NULL;
	while (p < end && is_regular(*p))
		p++;
	return p;
}

/* 1 if p (after white space) is "num gen R"; *after past the R. */
static int
is_ref(const unsigned char *p, const unsigned char *end, uint32_t *num,
    uint32_t *gen, const unsigned char **after)
{
	unsigned long	 a, b;

	p = skip_ws(p, end);
	if ((p = read_uint(p, end, &a)) == NULL || p == end ||
	    is_regular(*p) ||
	    (p = read_uint(skip_ws(p, end), end, &b)) == NULL || p == end ||
	    is_regular(*p))
		return 0;
	p = skip_ws(p, end);
	if (p == end || *p != 'R' || (p + 1 < end && is_regular(p[1])))
		return 0;
	*num = a > UINT32_MAX ? UINT32_MAX : (uint32_t)a;
	*gen = b > UINT32_MAX ? UINT32_MAX : (uint32_t)b;
	*after = p + 1;
	return 1;
}

/*
 * The value of /Filter at p: names are counted by dict_read(); each
 * reference, alone or in the array, is resolved by filter_ref().
 */
static void
filter_value(struct pdf *pdf, const unsigned char *p,
    const unsigned char *end, struct dict *d)
{
	const unsigned char	*after;
	uint32_t		 num, gen;

	if (is_ref(p, end, &num, &gen, &after)) {
		filter_ref(pdf, num, gen, d);
		return;
	}
	p = skip_ws(p, end);
	if (p >= end || *p != '[')
		return;
	for (p++;;) {
		p = skip_ws(p, end);
		if (p >= end || *p == ']')
			return;
		if (is_ref(p, end, &num, &gen, &after)) {
			filter_ref(pdf, num, gen, d);
			p = after;
		} else if (*p != '/' ||
		    (p = value_skip(pdf, p, end, 0)) == NULL) {
			d->filter_unknown = 1;
			return;
		}
	}
}

/*
 * Resolves a /Filter reference: the object must be defined at top level,
 * every definition the same text, holding a name or an array of names,
 * which are counted as if written in the dictionary.  A definition in an
 * object stream the reader might prefer cannot make it see more than we
 * do: data filtered otherwise than we decode it does not inflate to the
 * end into an object stream, and is refused by objstm_scan().
 */
static void
filter_ref(struct pdf *pdf, uint32_t num, uint32_t gen, struct dict *d)
{
	const unsigned char	*p, *e, *end = pdf->buf + pdf->len, *b0 = NULL;
	char			 name[PDF_MAX_NAME + 1];
	size_t			 i, n = 0, len0 = 0;

	i = defs_first(pdf->defs, pdf->ndefs, num);
	if (i + PDF_MAX_DEFS < pdf->ndefs && pdf->defs[i + PDF_MAX_DEFS].num ==
	    num) {
		d->filter_unknown = 1;	/* see too_many_defs() */
		return;
	}
	for (i = defs_first(pdf->defs, pdf->ndefs, num);
	    i < pdf->ndefs && pdf->defs[i].num == num; i++) {
		if (pdf->defs[i].gen != gen)
			continue;
		p = skip_ws(pdf->defs[i].body, end);
		if ((e = value_skip(pdf, p, end, 0)) == NULL) {
			d->filter_unknown = 1;
			return;
		}
		if (n++ == 0) {
			b0 = p;
			len0 = (size_t)(e - p);
		} else if ((size_t)(e - p) != len0 || memcmp(p, b0, len0) != 0)
			d->filter_unknown = 1;
	}
	if (n == 0 || d->filter_unknown) {
		d->filter_unknown = 1;
		return;
	}
	p = b0;
	e = b0 + len0;
	if (*p == '[')
		p++;
	for (;;) {
		p = skip_ws(p, e);
		if (p >= e || *p == ']')
			return;
		if (*p != '/') {
			d->filter_unknown = 1;
			return;
		}
		(void)decode_name(p + 1, e, name, &p);
		dict_name(pdf, name, p, e, d);
	}
}

/*
 * 1 if [p, end) starts like an object stream: white space or comments,
 * then two unsigned integers; *hdr (may be NULL) after the first pair.
 */
static int
starts_objstm(const unsigned char *p, const unsigned char *end,
    const unsigned char **hdr)
{
	unsigned long	 n;
	int		 i;

	for (i = 0; i < 2; i++) {
		p = read_uint(skip_ws(p, end), end, &n);
		if (p == NULL || (p < end && is_regular(*p)))
			return 0;
	}
	if (hdr != NULL)
		*hdr = p;
	return 1;
}

/*
 * Indexes the objects of the object stream in region r: pairs of
 * "num offset" up to /First (first; if unknown, where the pairs end).
 * -1 if there are too many.
 */
static int
objstm_index(struct pdf *pdf, uint32_t r, long long first)
{
	const unsigned char	*start = pdf->regions[r].start, *p, *q;
	const unsigned char	*end = pdf->regions[r].end, *hend;
	unsigned long		 num, off;
	int			 pass;

	for (pass = first < 0 ? 0 : 1; pass < 2; pass++) {
		hend = first < 0 || (uint64_t)first > (uint64_t)(end - start) ?
		    end : start + first;
		for (p = start;;) {
			q = read_uint(skip_ws(p, hend), hend, &num);
			if (q == NULL || (q < hend && is_regular(*q)))
				break;
			q = read_uint(skip_ws(q, hend), hend, &off);
			if (q == NULL || (q < hend && is_regular(*q)))
				break;
			p = q;
			if (pass == 0 || (uint64_t)off >=
			    (uint64_t)(end - start) - (uint64_t)first)
				continue;
			if (grow((void **)&pdf->sdefs, &pdf->capsdefs,
			    pdf->nsdefs, sizeof(*pdf->sdefs)) == -1)
				return -1;
			pdf->sdefs[pdf->nsdefs].num = num > UINT32_MAX ?
			    UINT32_MAX : (uint32_t)num;
			pdf->sdefs[pdf->nsdefs].gen = 0;
			pdf->sdefs[pdf->nsdefs].region = r;
			pdf->sdefs[pdf->nsdefs++].body = start + first + off;
		}
		if (pass == 0)
			first = (long long)(skip_ws(p, end) - start);
	}
	return 0;
}

/* Judges the value of every /OpenAction and /AA key found. */
static enum pdf_verdict
actions_check(struct pdf *pdf)
{
	enum pdf_verdict	 v;
	size_t			 i;

	if (pdf->nsdefs > 0)
		qsort(pdf->sdefs, pdf->nsdefs, sizeof(*pdf->sdefs), defs_cmp);
	for (i = 0; i < pdf->nkeys; i++)
		if ((v = auto_value(pdf, pdf->keys[i].p, pdf->keys[i].region,
		    pdf->keys[i].aa ? AK_AA : AK_OPEN, 0)) != PV_OK)
			return v;
	return PV_OK;
}

/*
 * Judges a value expected to be k: an /OpenAction (an action, or a
 * destination array), an /AA dictionary of actions, an action, or a
 * /Next (an action or an array of them).  References are followed;
 * anything else (null, a key found inside a string) is no action.
 */
static enum pdf_verdict
auto_value(struct pdf *pdf, const unsigned char *p, uint32_t r,
    enum akind k, int depth)
{
	const unsigned char	*end = pdf->regions[r].end, *after;
	uint32_t		 num, gen;

	if (depth > PDF_MAX_DEPTH)
		return PV_NOT_CHECKED;
	if (is_ref(p, end, &num, &gen, &after))
		return auto_ref(pdf, num, gen, k, depth + 1);
	p = skip_ws(p, end);
	if (end - p >= 2 && p[0] == '<' && p[1] == '<')
		return auto_dict(pdf, p, r, k, depth + 1);
	if (p < end && *p == '[' && k == AK_NEXT)
		return auto_array(pdf, p, r, depth + 1);
	return PV_OK;
}

/* Follows a reference: every definition of the object is judged. */
static enum pdf_verdict
auto_ref(struct pdf *pdf, uint32_t num, uint32_t gen, enum akind k,
    int depth)
{
	enum pdf_verdict	 v;
	size_t			 i;
	struct visit		*nv;

	if (pdf->visits == NULL && (pdf->visits =
	    calloc(PDF_VISIT_SLOTS, sizeof(*nv))) == NULL)
		return PV_NOT_CHECKED;
	/* Open addressing: a reference met a million times costs a probe. */
	for (i = (num * 2654435761u ^ gen * 40503u ^ (uint32_t)k) &
	    (PDF_VISIT_SLOTS - 1); pdf->visits[i].used;
	    i = (i + 1) & (PDF_VISIT_SLOTS - 1))
		if (pdf->visits[i].num == num && pdf->visits[i].gen == gen &&
		    pdf->visits[i].k == k)
			return PV_OK;	/* judged, or being judged */
	if (pdf->nvisits == PDF_MAX_VISITS || too_many_defs(pdf, num))
		return PV_NOT_CHECKED;
	pdf->nvisits++;
	nv = &pdf->visits[i];
	nv->used = 1;
	nv->num = num;
	nv->gen = gen;
	nv->k = k;
	for (i = defs_first(pdf->defs, pdf->ndefs, num);
	    i < pdf->ndefs && pdf->defs[i].num == num; i++)
		if (pdf->defs[i].gen == gen &&
		    (v = auto_value(pdf, pdf->defs[i].body, 0, k, depth)) !=
		    PV_OK)
			return v;
	for (i = defs_first(pdf->sdefs, pdf->nsdefs, num);
	    i < pdf->nsdefs && pdf->sdefs[i].num == num; i++)
		if ((v = auto_value(pdf, pdf->sdefs[i].body,
		    pdf->sdefs[i].region, k, depth)) != PV_OK)
			return v;
	return pdf->parsed > PDF_MAX_PARSE ? PV_NOT_CHECKED : PV_OK;
}

/*
 * A dictionary at p: for an /AA, every value is an action; for an
 * action, /S is judged and /Next followed.  A dictionary too malformed
 * to walk is judged by auto_fallback().
 */
static enum pdf_verdict
auto_dict(struct pdf *pdf, const unsigned char *p, uint32_t r,
    enum akind k, int depth)
{
	const unsigned char	*start = p, *end = pdf->regions[r].end, *v;
	char			 key[PDF_MAX_NAME + 1];
	enum pdf_verdict	 verdict;

	for (p += 2;;) {
		p = skip_ws(p, end);
		if (end - p >= 2 && p[0] == '>' && p[1] == '>')
			return PV_OK;
		if (p >= end || *p != '/')
			return auto_fallback(pdf, start, end);
		(void)decode_name(p + 1, end, key, &v);
		if (k == AK_AA)
			verdict = auto_value(pdf, v, r, AK_ACTION, depth);
		else if (strcmp(key, "S") == 0)
			verdict = auto_kind(pdf, v, r, depth);
		else if (strcmp(key, "Next") == 0)
			verdict = auto_value(pdf, v, r, AK_NEXT, depth);
		else
			verdict = PV_OK;
		if (verdict != PV_OK)
			return verdict;
		if ((p = value_skip(pdf, v, end, 0)) == NULL)
			return auto_fallback(pdf, start, end);
	}
}

/* An array of actions (a /Next). */
static enum pdf_verdict
auto_array(struct pdf *pdf, const unsigned char *p, uint32_t r, int depth)
{
	const unsigned char	*start = p, *end = pdf->regions[r].end, *after;
	enum pdf_verdict	 v;
	uint32_t		 num, gen;

	for (p++;;) {
		p = skip_ws(p, end);
		if (p < end && *p == ']')
			return PV_OK;
		if (is_ref(p, end, &num, &gen, &after)) {
			if ((v = auto_ref(pdf, num, gen, AK_ACTION, depth)) !=
			    PV_OK)
				return v;
			p = after;
			continue;
		}
		if ((v = auto_value(pdf, p, r, AK_ACTION, depth)) != PV_OK)
			return v;
		if ((p = value_skip(pdf, p, end, 0)) == NULL)
			return auto_fallback(pdf, start, end);
	}
}

/* The /S of an action: a name, or a reference to one (every definition). */
static enum pdf_verdict
auto_kind(struct pdf *pdf, const unsigned char *p, uint32_t r, int depth)
{
	const unsigned char	*end = pdf->regions[r].end, *after;
	char			 name[PDF_MAX_NAME + 1];
	enum pdf_verdict	 v;
	uint32_t		 num, gen;
	size_t			 i;

	if (is_ref(p, end, &num, &gen, &after)) {
		if (depth > PDF_MAX_DEPTH || too_many_defs(pdf, num))
			return PV_NOT_CHECKED;
		for (i = defs_first(pdf->defs, pdf->ndefs, num);
		    i < pdf->ndefs && pdf->defs[i].num == num; i++)
			if (pdf->defs[i].gen == gen && (v = auto_kind(pdf,
			    pdf->defs[i].body, 0, depth + 1)) != PV_OK)
				return v;
		for (i = defs_first(pdf->sdefs, pdf->nsdefs, num);
		    i < pdf->nsdefs && pdf->sdefs[i].num == num; i++)
			if ((v = auto_kind(pdf, pdf->sdefs[i].body,
			    pdf->sdefs[i].region, depth + 1)) != PV_OK)
				return v;
		return PV_OK;
	}
	p = skip_ws(p, end);
	if (p >= end || *p != '/')
		return PV_OK;
	(void)decode_name(p + 1, end, name, &after);
	return kind_verdict(name);
}

/*
 * A malformed action: refused if a refused kind is named anywhere
 * between its start and the end of its object.
 */
static enum pdf_verdict
auto_fallback(struct pdf *pdf, const unsigned char *p,
    const unsigned char *end)
{
	const unsigned char	*e, *next;
	char			 name[PDF_MAX_NAME + 1];
	enum pdf_verdict	 v;

	if ((e = find(p, end, "endobj")) != NULL)
		end = e;
	pdf->parsed += (size_t)(end - p);
	if (pdf->parsed > PDF_MAX_PARSE)
		return PV_NOT_CHECKED;
	while ((p = memchr(p, '/', (size_t)(end - p))) != NULL) {
		(void)decode_name(p + 1, end, name, &next);
		if ((v = kind_verdict(name)) != PV_OK)
			return v;
		p = next;
	}
	return PV_OK;
}

static enum pdf_verdict
kind_verdict(const char *name)
{
	size_t	 i;

	for (i = 0; i < sizeof(auto_kinds) / sizeof(auto_kinds[0]); i++)
		if (strcasecmp(name, auto_kinds[i].name) == 0)
			return auto_kinds[i].v;
	return PV_OK;
}

/* Index of the first definition of num in the sorted defs (n if none). */
static size_t
defs_first(const struct objdef *defs, size_t n, uint32_t num)
{
	size_t	 lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (defs[mid].num < num)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * 1 if object num is defined more than PDF_MAX_DEFS times (top level and
 * object streams together): no real file redefines an object that
 * often, and judging each definition at each reference would cost the
 * product of the two.
 */
static int
too_many_defs(const struct pdf *pdf, uint32_t num)
{
	size_t	 a, b;

	a = defs_first(pdf->defs, pdf->ndefs, num);
	b = defs_first(pdf->sdefs, pdf->nsdefs, num);
	return (a + PDF_MAX_DEFS < pdf->ndefs &&
	    pdf->defs[a + PDF_MAX_DEFS].num == num) ||
	    (b + PDF_MAX_DEFS < pdf->nsdefs &&
	    pdf->sdefs[b + PDF_MAX_DEFS].num == num);
}
