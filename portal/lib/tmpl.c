/*
 * tmpl: HTML page templates (mustache subset).  See tmpl.h.
 *
 * Templates are parsed once, at load, into a node tree stored in
 * preorder: a section's children are nodes[i + 1 .. nodes[i].end), and
 * every other node has end == i + 1, so "i = nodes[i].end" steps to the
 * next sibling.  Text and names point into the file contents, which the
 * set keeps.  Partials are resolved to template indices at load, so
 * rendering never parses, searches the set or allocates (beyond out).
 *
 * Security: the only way a value reaches the output is html_escape();
 * there is no raw tag, and the load refuses the mustache forms for one.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sbuf.h"
#include "esc.h"
#include "tmpl.h"

#define TMPL_EXT	".html"
#define TMPL_MAX_FILE	(4 * 1024 * 1024)	/* bytes in one template */
#define TMPL_MAX_NEST	32			/* sections within sections */
#define TMPL_MAX_DEPTH	8			/* partials within partials */

enum tnode_type {
	TN_TEXT,
	TN_VAR,
	TN_SECTION,
	TN_INVERTED,
	TN_PARTIAL,
	TN__MAX
};

struct tnode {
	enum tnode_type	 type;
	const char	*str;	/* text, or tag name; not NUL-terminated */
	size_t		 len;
	size_t		 end;	/* index after this node's subtree */
	size_t		 tmpl;	/* TN_PARTIAL: template index in the set */
	unsigned	 line;	/* line of the tag, for load errors */
};

#define HEIGHT_UNKNOWN	(-1)
#define HEIGHT_VISITING	(-2)

struct tmpl {
	char		*name;	/* file name without TMPL_EXT */
	char		*src;	/* file contents; nodes point into it */
	size_t		 srclen;
	struct tnode	*nodes;
	size_t		 nnodes;
	int		 height;	/* load only: unconditional partial depth */
};

struct tmpl_set {
	struct tmpl	*t;	/* sorted by name for binary search */
	size_t		 n;
};

/* Where load errors are reported, and which file is being loaded. */
struct lctx {
	char		*err;
	size_t		 errlen;
	const char	*file;	/* template name, or the directory */
	const char	*ext;	/* TMPL_EXT, or "" for the directory */
};

struct parser {
	struct tmpl		*t;
	const struct lctx	*l;
	const char		*p;	/* next byte to parse */
	const char		*end;
	unsigned		 line;	/* line of p */
	size_t			 cap;	/* nodes allocated */
	size_t			 open[TMPL_MAX_NEST];	/* open sections */
	size_t			 nopen;
};

enum tkind {
	TK_NONE,	/* only while a slot is being filled */
	TK_STR,
	TK_DICT,
	TK_LIST
};

struct tlist {
	struct tdict	**v;
	size_t		  n;
	size_t		  cap;
};

struct tentry {
	char		*key;
	size_t		 keylen;
	enum tkind	 kind;
	union {
		char		*str;
		struct tdict	*dict;
		struct tlist	 list;
	} u;
};

struct tdict {
	struct tentry	*e;
	size_t		 n;
	size_t		 cap;
	int		 err;	/* an allocation failed: refuse to render */
};

/* One level of the lookup stack: innermost first, linked outward. */
struct scope {
	const struct tdict	*d;
	const struct scope	*up;
};

struct rctx {
	const struct tmpl_set	*set;
	struct sbuf		*out;
};

typedef int (*render_fn)(const struct rctx *, const struct tmpl *,
    const struct tnode *, const struct scope *, int);

static int	 lerr(const struct lctx *, unsigned, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
static int	 name_char(char);
static int	 name_valid(const char *, size_t);
static int	 name_cmp(const char *, size_t, const char *);
static int	 set_find(const struct tmpl_set *, const char *, size_t,
		    size_t *);
static int	 set_add(struct tmpl_set *, const char *, size_t,
		    struct lctx *);
static int	 set_scan(struct tmpl_set *, const char *, struct lctx *);
static int	 tmpl_cmp(const void *, const void *);
static int	 tmpl_read(struct tmpl *, const char *, const struct lctx *);
static int	 read_fd(int, struct sbuf *, const struct lctx *);
static int	 src_check(const struct tmpl *, const struct lctx *);
static const char *find_pair(const char *, const char *, char);
static const char *skip_ws(const char *, const char *);
static unsigned	 count_nl(const char *, const char *);
static int	 tmpl_parse(struct tmpl *, const struct lctx *);
static int	 parse_tag(struct parser *, const char *);
static int	 parse_body(struct parser *, const char *, const char *,
		    unsigned);
static int	 node_add(struct parser *, enum tnode_type, const char *,
		    size_t, unsigned);
static int	 section_open(struct parser *, enum tnode_type,
		    const char *, size_t, unsigned);
static int	 section_close(struct parser *, const char *, size_t,
		    unsigned);
static int	 set_link(struct tmpl_set *, struct lctx *);
static int	 tmpl_height(struct tmpl_set *, size_t, int, struct lctx *);
static size_t	 dict_index(const struct tdict *, const char *, size_t);
static const struct tentry *dict_find(const struct tdict *, const char *,
		    size_t);
static struct tentry *dict_slot(struct tdict *, const char *);
static void	 entry_clear(struct tentry *);
static void	 dict_set_owned(struct tdict *, const char *, char *);
static int	 list_grow(struct tlist *);
static const struct tentry *scope_find(const struct scope *, const char *,
		    size_t);
static const struct tentry *scope_lookup(const struct scope *,
		    const char *, size_t);
static int	 value_empty(const struct tentry *);
static int	 render_nodes(const struct rctx *, const struct tmpl *,
		    size_t, size_t, const struct scope *, int);
static int	 render_in(const struct rctx *, const struct tmpl *,
		    const struct tnode *, const struct tdict *,
		    const struct scope *, int);
static int	 rn_text(const struct rctx *, const struct tmpl *,
		    const struct tnode *, const struct scope *, int);
static int	 rn_var(const struct rctx *, const struct tmpl *,
		    const struct tnode *, const struct scope *, int);
static int	 rn_section(const struct rctx *, const struct tmpl *,
		    const struct tnode *, const struct scope *, int);
static int	 rn_inverted(const struct rctx *, const struct tmpl *,
		    const struct tnode *, const struct scope *, int);
static int	 rn_partial(const struct rctx *, const struct tmpl *,
		    const struct tnode *, const struct scope *, int);

/* Renderer per node type. */
static const render_fn renderers[TN__MAX] = {
	[TN_TEXT] = rn_text,
	[TN_VAR] = rn_var,
	[TN_SECTION] = rn_section,
	[TN_INVERTED] = rn_inverted,
	[TN_PARTIAL] = rn_partial,
};

/* Tag sigils and the node each makes; '/' closes, '!' is a comment. */
static const struct {
	char		 sigil;
	enum tnode_type	 type;
} sigils[] = {
	{ '#', TN_SECTION },
	{ '^', TN_INVERTED },
	{ '>', TN_PARTIAL },
	{ '/', TN__MAX },
};

/*
 * Load errors.
 */

/*
 * Writes "file:line: message" to l->err (truncated to fit: it is a
 * diagnostic for the developer) and returns -1.  Messages only ever
 * quote names that passed name_valid(), never raw template bytes.
 */
static int
lerr(const struct lctx *l, unsigned line, const char *fmt, ...)
{
	char	 msg[256];
	va_list	 ap;

	if (l->err == NULL || l->errlen == 0)
		return -1;
	va_start(ap, fmt);
	(void)vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	(void)snprintf(l->err, l->errlen, "%s%s:%u: %s",
	    l->file, l->ext, line, msg);
	return -1;
}

/*
 * Names.
 */

static int
name_char(char c)
{

	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '.';
}

/* 1 if the len bytes at s are [A-Za-z0-9_.-]+ with no empty dot segment. */
static int
name_valid(const char *s, size_t len)
{
	size_t	 i;

	if (len == 0 || s[0] == '.' || s[len - 1] == '.')
		return 0;
	for (i = 0; i < len; i++) {
		if (!name_char(s[i]))
			return 0;
		if (s[i] == '.' && s[i + 1] == '.')
			return 0;
	}
	return 1;
}

/* strcmp() of the len bytes at key (no NUL within) against s. */
static int
name_cmp(const char *key, size_t len, const char *s)
{
	int	 rc;

	if ((rc = strncmp(key, s, len)) != 0)
		return rc;
	return s[len] == '\0' ? 0 : -1;
}

/* Finds template key[0..len) by binary search; 0 and *idx, or -1. */
static int
set_find(const struct tmpl_set *set, const char *key, size_t len,
    size_t *idx)
{
	size_t	 lo = 0, hi = set->n, mid;
	int	 rc;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((rc = name_cmp(key, len, set->t[mid].name)) == 0) {
			*idx = mid;
			return 0;
		}
		if (rc < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/*
 * Loading.
 */

static int
tmpl_cmp(const void *a, const void *b)
{
	const struct tmpl	*ta = a, *tb = b;

	return strcmp(ta->name, tb->name);
}

/* Appends an unread template called name[0..len).  0, or -1 (err set). */
static int
set_add(struct tmpl_set *set, const char *name, size_t len,
    struct lctx *l)
{
	struct tmpl	*t;

	if ((t = realloc(set->t, (set->n + 1) * sizeof(*t))) == NULL)
		return lerr(l, 0, "out of memory");
	set->t = t;
	t = &set->t[set->n];
	memset(t, 0, sizeof(*t));
	t->height = HEIGHT_UNKNOWN;
	if ((t->name = strndup(name, len)) == NULL)
		return lerr(l, 0, "out of memory");
	set->n++;
	return 0;
}

/*
 * Collects the names of the *.html entries of dir, sorted so that
 * lookups can bisect and errors come out in a stable order.
 */
static int
set_scan(struct tmpl_set *set, const char *dir, struct lctx *l)
{
	DIR		*d;
	struct dirent	*de;
	size_t		 len, elen = strlen(TMPL_EXT);
	int		 rc = 0;

	if ((d = opendir(dir)) == NULL)
		return lerr(l, 0, "cannot open directory: %s",
		    strerror(errno));
	while (rc == 0 && (de = readdir(d)) != NULL) {
		len = strlen(de->d_name);
		if (len <= elen ||
		    strcmp(de->d_name + len - elen, TMPL_EXT) != 0)
			continue;
		l->file = de->d_name;
		l->ext = "";
		if (!name_valid(de->d_name, len - elen))
			rc = lerr(l, 0, "template names are [A-Za-z0-9_.-]+");
		else
			rc = set_add(set, de->d_name, len - elen, l);
	}
	closedir(d);
	l->file = dir;		/* d_name died with closedir() */
	if (rc == 0 && set->n > 0)
		qsort(set->t, set->n, sizeof(set->t[0]), tmpl_cmp);
	return rc;
}

/* Reads all of fd into b, refusing more than TMPL_MAX_FILE bytes. */
static int
read_fd(int fd, struct sbuf *b, const struct lctx *l)
{
	char	 chunk[8192];
	ssize_t	 n;

	for (;;) {
		if ((n = read(fd, chunk, sizeof(chunk))) == -1) {
			if (errno == EINTR)
				continue;
			return lerr(l, 0, "cannot read: %s", strerror(errno));
		}
		if (n == 0)
			break;
		if (b->len + (size_t)n > TMPL_MAX_FILE)
			return lerr(l, 0, "larger than %d bytes",
			    TMPL_MAX_FILE);
		sbuf_append(b, chunk, (size_t)n);
	}
	sbuf_append(b, "", 0);
	return b->oom ? lerr(l, 0, "out of memory") : 0;
}

/*
 * Reads template t from dir into t->src.  Only regular files are read:
 * O_NONBLOCK keeps a FIFO named x.html from hanging the start-up.
 */
static int
tmpl_read(struct tmpl *t, const char *dir, const struct lctx *l)
{
	struct sbuf	 path, body;
	struct stat	 st;
	int		 fd = -1, rc = -1;

	sbuf_init(&path);
	sbuf_init(&body);
	sbuf_printf(&path, "%s/%s%s", dir, t->name, TMPL_EXT);
	if (path.oom) {
		lerr(l, 0, "out of memory");
		goto out;
	}
	if ((fd = open(path.data, O_RDONLY | O_NONBLOCK)) == -1) {
		lerr(l, 0, "cannot open: %s", strerror(errno));
		goto out;
	}
	if (fstat(fd, &st) == -1 || !S_ISREG(st.st_mode)) {
		lerr(l, 0, "not a regular file");
		goto out;
	}
	if (read_fd(fd, &body, l) == -1)
		goto out;
	t->src = body.data;
	t->srclen = body.len;
	sbuf_init(&body);
	rc = 0;
out:
	if (fd != -1)
		close(fd);
	sbuf_free(&path);
	sbuf_free(&body);
	return rc;
}

/*
 * Refuses NUL bytes and invalid UTF-8, reporting the line.  Checking
 * line by line is exact: '\n' can never be part of a multibyte sequence.
 */
static int
src_check(const struct tmpl *t, const struct lctx *l)
{
	const char	*p = t->src, *end = t->src + t->srclen, *nl;
	unsigned	 line = 1;

	for (; p < end; p = nl + 1, line++) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		if (memchr(p, '\0', (size_t)(nl - p)) != NULL)
			return lerr(l, line, "NUL byte");
		if (!utf8_valid(p, (size_t)(nl - p)))
			return lerr(l, line, "invalid UTF-8");
	}
	return 0;
}

/*
 * Parsing.
 */

/* First occurrence of the pair cc (as in "{{" or "}}") in [p, end). */
static const char *
find_pair(const char *p, const char *end, char c)
{

	while (p < end && (p = memchr(p, c, (size_t)(end - p))) != NULL) {
		if (p + 1 < end && p[1] == c)
			return p;
		p++;
	}
	return NULL;
}

static const char *
skip_ws(const char *p, const char *end)
{

	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' ||
	    *p == '\n'))
		p++;
	return p;
}

static unsigned
count_nl(const char *p, const char *end)
{
	unsigned	 n = 0;

	while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
		n++;
		p++;
	}
	return n;
}

/* Appends a node; its subtree is itself until a section closes it. */
static int
node_add(struct parser *ps, enum tnode_type type, const char *str,
    size_t len, unsigned line)
{
	struct tmpl	*t = ps->t;
	struct tnode	*nd;
	size_t		 ncap;

	if (t->nnodes == ps->cap) {
		ncap = ps->cap == 0 ? 16 : ps->cap * 2;
		if ((nd = realloc(t->nodes, ncap * sizeof(*nd))) == NULL)
			return lerr(ps->l, line, "out of memory");
		t->nodes = nd;
		ps->cap = ncap;
	}
	nd = &t->nodes[t->nnodes];
	nd->type = type;
	nd->str = str;
	nd->len = len;
	nd->end = t->nnodes + 1;
	nd->tmpl = 0;
	nd->line = line;
	t->nnodes++;
	return 0;
}

static int
section_open(struct parser *ps, enum tnode_type type, const char *name,
    size_t len, unsigned line)
{

	if (ps->nopen == TMPL_MAX_NEST)
		return lerr(ps->l, line, "sections nested deeper than %d",
		    TMPL_MAX_NEST);
	if (node_add(ps, type, name, len, line) == -1)
		return -1;
	ps->open[ps->nopen++] = ps->t->nnodes - 1;
	return 0;
}

/* Closes the innermost open section, which must have the same name. */
static int
section_close(struct parser *ps, const char *name, size_t len,
    unsigned line)
{
	struct tnode	*top;

	if (ps->nopen == 0)
		return lerr(ps->l, line, "'{{/%.*s}}' closes no open section",
		    (int)len, name);
	top = &ps->t->nodes[ps->open[ps->nopen - 1]];
	if (top->len != len || memcmp(top->str, name, len) != 0)
		return lerr(ps->l, line,
		    "'{{/%.*s}}' does not match '{{%c%.*s}}' on line %u",
		    (int)len, name, top->type == TN_SECTION ? '#' : '^',
		    (int)top->len, top->str, top->line);
	top->end = ps->t->nnodes;
	ps->nopen--;
	return 0;
}

/*
 * Interprets the inside [s, close) of a tag that starts on line.
 * Refuses the mustache forms for raw output and delimiter changes
 * outright, rather than reading them as a name that happens to fail.
 */
static int
parse_body(struct parser *ps, const char *s, const char *close,
    unsigned line)
{
	const char	*name;
	size_t		 i, len;
	char		 sigil = '\0';

	s = skip_ws(s, close);
	if (s < close && *s == '!')
		return 0;
	if (s < close && (*s == '{' || *s == '&'))
		return lerr(ps->l, line, "unescaped output is not supported");
	if (s < close && *s == '=')
		return lerr(ps->l, line, "delimiter changes are not supported");
	for (i = 0; s < close && i < sizeof(sigils) / sizeof(sigils[0]); i++)
		if (*s == sigils[i].sigil) {
			sigil = *s++;
			break;
		}
	name = s = skip_ws(s, close);
	while (s < close && name_char(*s))
		s++;
	len = (size_t)(s - name);
	if (skip_ws(s, close) != close || !name_valid(name, len))
		return lerr(ps->l, line,
		    "bad tag: names are [A-Za-z0-9_.-]+");
	if (sigil == '\0')
		return node_add(ps, TN_VAR, name, len, line);
	if (sigil == '/')
		return section_close(ps, name, len, line);
	if (sigils[i].type == TN_PARTIAL)
		return node_add(ps, TN_PARTIAL, name, len, line);
	return section_open(ps, sigils[i].type, name, len, line);
}

/* Parses the tag starting at "{{" at tag; moves ps->p past its "}}". */
static int
parse_tag(struct parser *ps, const char *tag)
{
	const char	*s = tag + 2, *close;
	unsigned	 line = ps->line;

	if ((close = find_pair(s, ps->end, '}')) == NULL)
		return lerr(ps->l, line, "'{{' without '}}'");
	ps->line += count_nl(s, close);
	ps->p = close + 2;
	return parse_body(ps, s, close, line);
}

/* Builds t->nodes from t->src. */
static int
tmpl_parse(struct tmpl *t, const struct lctx *l)
{
	struct parser		 ps;
	const struct tnode	*nd;
	const char		*tag;

	memset(&ps, 0, sizeof(ps));
	ps.t = t;
	ps.l = l;
	ps.p = t->src;
	ps.end = t->src + t->srclen;
	ps.line = 1;
	while (ps.p < ps.end) {
		if ((tag = find_pair(ps.p, ps.end, '{')) == NULL)
			tag = ps.end;
		if (tag > ps.p) {
			if (node_add(&ps, TN_TEXT, ps.p,
			    (size_t)(tag - ps.p), ps.line) == -1)
				return -1;
			ps.line += count_nl(ps.p, tag);
			ps.p = tag;
		}
		if (tag < ps.end && parse_tag(&ps, tag) == -1)
			return -1;
	}
	if (ps.nopen > 0) {
		nd = &t->nodes[ps.open[ps.nopen - 1]];
		return lerr(l, nd->line, "section '%.*s' is not closed",
		    (int)nd->len, nd->str);
	}
	return 0;
}

/*
 * Returns the longest chain of partials that t includes outside any
 * section (0 if none), memoised in t->height; -1 with err set if such
 * a chain, reached at depth, would exceed TMPL_MAX_DEPTH or loops.
 * Those would fail on every render, so they are load errors; partials
 * inside sections (which may recurse over data) are limited at render.
 */
static int
tmpl_height(struct tmpl_set *set, size_t ti, int depth, struct lctx *l)
{
	struct tmpl		*t = &set->t[ti];
	const struct tnode	*nd;
	size_t			 i;
	int			 h, best = 0;

	if (t->height >= 0)
		return t->height;
	t->height = HEIGHT_VISITING;
	for (i = 0; i < t->nnodes; i = nd->end) {
		nd = &t->nodes[i];
		if (nd->type != TN_PARTIAL)
			continue;
		l->file = t->name;
		if (set->t[nd->tmpl].height == HEIGHT_VISITING)
			return lerr(l, nd->line,
			    "partials form a cycle through '%s'",
			    set->t[nd->tmpl].name);
		if (depth + 1 > TMPL_MAX_DEPTH)
			return lerr(l, nd->line,
			    "partials nested deeper than %d", TMPL_MAX_DEPTH);
		if ((h = tmpl_height(set, nd->tmpl, depth + 1, l)) < 0)
			return -1;
		if (depth + 1 + h > TMPL_MAX_DEPTH) {
			l->file = t->name;
			return lerr(l, nd->line,
			    "partials nested deeper than %d", TMPL_MAX_DEPTH);
		}
		if (h + 1 > best)
			best = h + 1;
	}
	t->height = best;
	return best;
}

/* Resolves every partial to its template, then checks nesting. */
static int
set_link(struct tmpl_set *set, struct lctx *l)
{
	struct tmpl	*t;
	struct tnode	*nd;
	size_t		 i, j;

	l->ext = TMPL_EXT;
	for (i = 0; i < set->n; i++) {
		t = &set->t[i];
		l->file = t->name;
		for (j = 0; j < t->nnodes; j++) {
			nd = &t->nodes[j];
			if (nd->type == TN_PARTIAL &&
			    set_find(set, nd->str, nd->len, &nd->tmpl) == -1)
				return lerr(l, nd->line,
				    "unknown partial '%.*s'",
				    (int)nd->len, nd->str);
		}
	}
	for (i = 0; i < set->n; i++)
		if (tmpl_height(set, i, 0, l) < 0)
			return -1;
	return 0;
}

struct tmpl_set *
tmpl_set_load(const char *dir, char *err, size_t errlen)
{
	struct tmpl_set	*set;
	struct lctx	 l;
	size_t		 i;

	l.err = err;
	l.errlen = errlen;
	l.file = dir;
	l.ext = "";
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if ((set = calloc(1, sizeof(*set))) == NULL) {
		lerr(&l, 0, "out of memory");
		return NULL;
	}
	if (set_scan(set, dir, &l) == -1)
		goto fail;
	l.ext = TMPL_EXT;
	for (i = 0; i < set->n; i++) {
		l.file = set->t[i].name;
		if (tmpl_read(&set->t[i], dir, &l) == -1 ||
		    src_check(&set->t[i], &l) == -1 ||
		    tmpl_parse(&set->t[i], &l) == -1)
			goto fail;
	}
	if (set_link(set, &l) == -1)
		goto fail;
	return set;
fail:
	tmpl_set_free(set);
	return NULL;
}

void
tmpl_set_free(struct tmpl_set *set)
{
	size_t	 i;

	if (set == NULL)
		return;
	for (i = 0; i < set->n; i++) {
		free(set->t[i].name);
		free(set->t[i].src);
		free(set->t[i].nodes);
	}
	free(set->t);
	free(set);
}

int
tmpl_exists(const struct tmpl_set *set, const char *name)
{
	size_t	 idx;

	if (set == NULL || name == NULL)
		return 0;
	return set_find(set, name, strlen(name), &idx) == 0;
}

/*
 * Dictionaries.
 */

/* Index of key[0..len) in d, or d->n if absent.  Linear: dicts are small. */
static size_t
dict_index(const struct tdict *d, const char *key, size_t len)
{
	size_t	 i;

	for (i = 0; i < d->n; i++)
		if (d->e[i].keylen == len &&
		    memcmp(d->e[i].key, key, len) == 0)
			break;
	return i;
}

static const struct tentry *
dict_find(const struct tdict *d, const char *key, size_t len)
{
	size_t	 i = dict_index(d, key, len);

	return i < d->n ? &d->e[i] : NULL;
}

/*
 * Returns the entry for key, existing (value intact) or new (TK_NONE),
 * or NULL with d unchanged if memory ran out.
 */
static struct tentry *
dict_slot(struct tdict *d, const char *key)
{
	struct tentry	*e;
	size_t		 i, len = strlen(key), ncap;

	if ((i = dict_index(d, key, len)) < d->n)
		return &d->e[i];
	if (d->n == d->cap) {
		ncap = d->cap == 0 ? 8 : d->cap * 2;
		if ((e = realloc(d->e, ncap * sizeof(*e))) == NULL)
			return NULL;
		d->e = e;
		d->cap = ncap;
	}
	e = &d->e[d->n];
	memset(e, 0, sizeof(*e));
	if ((e->key = strdup(key)) == NULL)
		return NULL;
	e->keylen = len;
	e->kind = TK_NONE;
	d->n++;
	return e;
}

/* Frees the entry's value (not its key), leaving it TK_NONE. */
static void
entry_clear(struct tentry *e)
{
	size_t	 i;

	switch (e->kind) {
	case TK_STR:
		free(e->u.str);
		break;
	case TK_DICT:
		tdict_free(e->u.dict);
		break;
	case TK_LIST:
		for (i = 0; i < e->u.list.n; i++)
			tdict_free(e->u.list.v[i]);
		free(e->u.list.v);
		break;
	case TK_NONE:
		break;
	}
	e->kind = TK_NONE;
}

/* Makes room for one more list item; 0 or -1. */
static int
list_grow(struct tlist *l)
{
	struct tdict	**v;
	size_t		  ncap;

	if (l->n < l->cap)
		return 0;
	ncap = l->cap == 0 ? 4 : l->cap * 2;
	if ((v = realloc(l->v, ncap * sizeof(*v))) == NULL)
		return -1;
	l->v = v;
	l->cap = ncap;
	return 0;
}

/* Stores val (which d takes over, or frees on failure) at key. */
static void
dict_set_owned(struct tdict *d, const char *key, char *val)
{
	struct tentry	*e;

	if ((e = dict_slot(d, key)) == NULL) {
		free(val);
		d->err = 1;
		return;
	}
	entry_clear(e);
	e->kind = TK_STR;
	e->u.str = val;
}

struct tdict *
tdict_new(void)
{

	return calloc(1, sizeof(struct tdict));
}

void
tdict_free(struct tdict *d)
{
	size_t	 i;

	if (d == NULL)
		return;
	for (i = 0; i < d->n; i++) {
		entry_clear(&d->e[i]);
		free(d->e[i].key);
	}
	free(d->e);
	free(d);
}

void
tdict_set(struct tdict *d, const char *key, const char *val)
{
	char		*copy;
	size_t		 i;

	if (d == NULL || key == NULL)
		return;
	if (val != NULL) {
		if ((copy = strdup(val)) == NULL)
			d->err = 1;
		else
			dict_set_owned(d, key, copy);
		return;
	}
	if ((i = dict_index(d, key, strlen(key))) == d->n)
		return;
	entry_clear(&d->e[i]);
	free(d->e[i].key);
	memmove(&d->e[i], &d->e[i + 1], (d->n - i - 1) * sizeof(d->e[0]));
	d->n--;
}

void
tdict_setf(struct tdict *d, const char *key, const char *fmt, ...)
{
	va_list	 ap;
	char	*s;
	int	 n;

	if (d == NULL || key == NULL || fmt == NULL)
		return;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0 || (s = malloc((size_t)n + 1)) == NULL) {
		d->err = 1;
		return;
	}
	va_start(ap, fmt);
	(void)vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	dict_set_owned(d, key, s);
}

struct tdict *
tdict_push(struct tdict *d, const char *key)
{
	struct tentry	*e = NULL;
	struct tdict	*item;
	struct tlist	 list = { NULL, 0, 0 };
	size_t		 i;

	if (d == NULL || key == NULL)
		return NULL;
	if ((item = tdict_new()) == NULL)
		goto fail;
	if ((i = dict_index(d, key, strlen(key))) < d->n)
		e = &d->e[i];
	if (e != NULL && e->kind == TK_LIST) {
		if (list_grow(&e->u.list) == -1)
			goto fail;
		e->u.list.v[e->u.list.n++] = item;
		return item;
	}
	if (list_grow(&list) == -1 || (e = dict_slot(d, key)) == NULL)
		goto fail;
	entry_clear(e);
	list.v[list.n++] = item;
	e->kind = TK_LIST;
	e->u.list = list;
	return item;
fail:
	free(list.v);
	tdict_free(item);
	d->err = 1;
	return NULL;
}

struct tdict *
tdict_child(struct tdict *d, const char *key)
{
	struct tentry	*e;
	struct tdict	*child;
	size_t		 i;

	if (d == NULL || key == NULL)
		return NULL;
	i = dict_index(d, key, strlen(key));
	if (i < d->n && d->e[i].kind == TK_DICT)
		return d->e[i].u.dict;
	if ((child = tdict_new()) == NULL ||
	    (e = dict_slot(d, key)) == NULL) {
		tdict_free(child);
		d->err = 1;
		return NULL;
	}
	entry_clear(e);
	e->kind = TK_DICT;
	e->u.dict = child;
	return child;
}

/*
 * Rendering.
 */

/* The entry for key in the innermost scope that has it, or NULL. */
static const struct tentry *
scope_find(const struct scope *sc, const char *key, size_t len)
{
	const struct tentry	*e;

	for (; sc != NULL; sc = sc->up)
		if ((e = dict_find(sc->d, key, len)) != NULL)
			return e;
	return NULL;
}

/*
 * Resolves a tag name: as a whole key through the scopes, else as a
 * dotted path whose first segment is found through the scopes and the
 * rest inside the dicts it leads to.
 */
static const struct tentry *
scope_lookup(const struct scope *sc, const char *name, size_t len)
{
	const struct tentry	*e;
	const char		*dot, *end = name + len;

	if ((e = scope_find(sc, name, len)) != NULL)
		return e;
	if ((dot = memchr(name, '.', len)) == NULL)
		return NULL;
	e = scope_find(sc, name, (size_t)(dot - name));
	while (e != NULL && dot < end) {
		if (e->kind != TK_DICT)
			return NULL;
		name = dot + 1;
		if ((dot = memchr(name, '.', (size_t)(end - name))) == NULL)
			dot = end;
		e = dict_find(e->u.dict, name, (size_t)(dot - name));
	}
	return e;
}

/* 1 if e counts as empty for sections: missing, "" or an empty list. */
static int
value_empty(const struct tentry *e)
{

	if (e == NULL || e->kind == TK_NONE)
		return 1;
	if (e->kind == TK_STR)
		return e->u.str[0] == '\0';
	if (e->kind == TK_LIST)
		return e->u.list.n == 0;
	return 0;
}

/* Renders sibling nodes [from, to) of t. */
static int
render_nodes(const struct rctx *rc, const struct tmpl *t, size_t from,
    size_t to, const struct scope *sc, int depth)
{
	const struct tnode	*nd;
	size_t			 i;

	for (i = from; i < to; i = nd->end) {
		nd = &t->nodes[i];
		if (renderers[nd->type](rc, t, nd, sc, depth) == -1)
			return -1;
	}
	return rc->out->oom ? -1 : 0;
}

/* Renders the children of section nd with d as the innermost scope. */
static int
render_in(const struct rctx *rc, const struct tmpl *t,
    const struct tnode *nd, const struct tdict *d, const struct scope *sc,
    int depth)
{
	struct scope	 inner;

	if (d->err)
		return -1;
	inner.d = d;
	inner.up = sc;
	return render_nodes(rc, t, (size_t)(nd - t->nodes) + 1, nd->end,
	    &inner, depth);
}

static int
rn_text(const struct rctx *rc, const struct tmpl *t,
    const struct tnode *nd, const struct scope *sc, int depth)
{

	(void)t;
	(void)sc;
	(void)depth;
	sbuf_append(rc->out, nd->str, nd->len);
	return 0;
}

/* Values reach the page only here, and only escaped. */
static int
rn_var(const struct rctx *rc, const struct tmpl *t,
    const struct tnode *nd, const struct scope *sc, int depth)
{
	const struct tentry	*e;

	(void)t;
	(void)depth;
	e = scope_lookup(sc, nd->str, nd->len);
	if (e != NULL && e->kind == TK_STR)
		html_escape(rc->out, e->u.str);
	return 0;
}

static int
rn_section(const struct rctx *rc, const struct tmpl *t,
    const struct tnode *nd, const struct scope *sc, int depth)
{
	const struct tentry	*e;
	size_t			 i;

	e = scope_lookup(sc, nd->str, nd->len);
	if (value_empty(e))
		return 0;
	if (e->kind == TK_DICT)
		return render_in(rc, t, nd, e->u.dict, sc, depth);
	if (e->kind == TK_STR)
		return render_nodes(rc, t, (size_t)(nd - t->nodes) + 1,
		    nd->end, sc, depth);
	for (i = 0; i < e->u.list.n; i++)
		if (render_in(rc, t, nd, e->u.list.v[i], sc, depth) == -1)
			return -1;
	return 0;
}

static int
rn_inverted(const struct rctx *rc, const struct tmpl *t,
    const struct tnode *nd, const struct scope *sc, int depth)
{

	if (!value_empty(scope_lookup(sc, nd->str, nd->len)))
		return 0;
	return render_nodes(rc, t, (size_t)(nd - t->nodes) + 1, nd->end,
	    sc, depth);
}

/* Partials nest at most TMPL_MAX_DEPTH deep, e.g. over recursive data. */
static int
rn_partial(const struct rctx *rc, const struct tmpl *t,
    const struct tnode *nd, const struct scope *sc, int depth)
{
	const struct tmpl	*p = &rc->set->t[nd->tmpl];

	(void)t;
	if (depth >= TMPL_MAX_DEPTH)
		return -1;
	return render_nodes(rc, p, 0, p->nnodes, sc, depth + 1);
}

int
tmpl_render(const struct tmpl_set *set, const char *name,
    const struct tdict *d, struct sbuf *out)
{
	static const struct tdict	 empty;
	const struct tmpl		*t;
	struct rctx			 rc;
	struct scope			 sc;
	size_t				 idx, start;

	if (set == NULL || name == NULL || out == NULL || out->oom ||
	    set_find(set, name, strlen(name), &idx) == -1)
		return -1;
	t = &set->t[idx];
	start = out->len;
	sbuf_append(out, "", 0);
	rc.set = set;
	rc.out = out;
	sc.d = d != NULL ? d : &empty;
	sc.up = NULL;
	if (sc.d->err || render_nodes(&rc, t, 0, t->nnodes, &sc, 0) == -1) {
		out->len = start;
		if (out->data != NULL)
			out->data[start] = '\0';
		return -1;
	}
	return 0;
}
