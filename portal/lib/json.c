/*
 * json: strict RFC 8259 parser.  See json.h.
 *
 * Recursive descent; recursion is bounded by JSON_MAX_DEPTH, so hostile
 * input cannot exhaust the stack.  Children of an array or object live
 * in one array owned by their parent; a parse that fails frees whatever
 * it built through the same json_free() path as a finished tree.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "esc.h"
#include "json.h"

struct json {
	enum json_type	 type;
	int		 b;		/* J_BOOL */
	char		*text;		/* J_STRING value, J_NUMBER text */
	struct json	*items;		/* J_ARRAY items, J_OBJECT values */
	char		**keys;		/* J_OBJECT keys, parallel to items */
	size_t		 n, cap;
};

struct parser {
	const char	*s, *p, *end;
	char		*err;
	size_t		 errlen;
};

static int	 parse_value(struct parser *, struct json *, int);
static int	 parse_container(struct parser *, struct json *, int);
static int	 parse_member(struct parser *, struct json *, int);
static int	 parse_string(struct parser *, char **);
static int	 parse_escape(struct parser *, struct sbuf *);
static int	 parse_hex4(struct parser *, uint32_t *);
static int	 parse_number(struct parser *, struct json *);
static int	 parse_literal(struct parser *, struct json *);
static int	 grow(struct json *);
static int	 check_duplicates(struct parser *, const struct json *);
static int	 cmp_keys(const void *, const void *);
static void	 skip_ws(struct parser *);
static int	 fail(struct parser *, const char *);
static void	 node_clear(struct json *);
static void	 put_utf8(struct sbuf *, uint32_t);

/* Literal words, the node each makes. */
static const struct {
	const char	*word;
	size_t		 len;
	enum json_type	 type;
	int		 b;
} literals[] = {
	{ "true", 4, J_BOOL, 1 },
	{ "false", 5, J_BOOL, 0 },
	{ "null", 4, J_NULL, 0 },
};

/* Escaped characters after a backslash (other than 'u'). */
static const char	 esc_in[] = "\"\\/bfnrt";
static const char	 esc_out[] = "\"\\/\b\f\n\r\t";

struct json *
json_parse(const char *s, size_t len, char *err, size_t errlen)
{
	struct parser	 ps;
	struct json	*root;

	ps.s = ps.p = ps.end = "";
	ps.err = err;
	ps.errlen = errlen;
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if (s == NULL || len > JSON_MAX_SIZE) {
		fail(&ps, s == NULL ? "no input" : "input over 1 MiB");
		return NULL;
	}
	ps.s = ps.p = s;
	ps.end = s + len;
	if ((root = calloc(1, sizeof(*root))) == NULL) {
		fail(&ps, "out of memory");
		return NULL;
	}
	if (parse_value(&ps, root, 0) == -1)
		goto bad;
	skip_ws(&ps);
	if (ps.p != ps.end) {
		fail(&ps, "unexpected data after the value");
		goto bad;
	}
	return root;
bad:
	json_free(root);
	return NULL;
}

void
json_free(struct json *j)
{

	if (j == NULL)
		return;
	node_clear(j);
	free(j);
}

enum json_type
json_type(const struct json *j)
{

	return j == NULL ? J_NULL : j->type;
}

const struct json *
json_get(const struct json *j, const char *key)
{
	size_t	 i;

	if (j == NULL || j->type != J_OBJECT || key == NULL)
		return NULL;
	for (i = 0; i < j->n; i++)
		if (strcmp(j->keys[i], key) == 0)
			return &j->items[i];
	return NULL;
}

size_t
json_len(const struct json *j)
{

	return j != NULL && (j->type == J_ARRAY || j->type == J_OBJECT) ?
	    j->n : 0;
}

const struct json *
json_at(const struct json *j, size_t i)
{

	return i < json_len(j) ? &j->items[i] : NULL;
}

const char *
json_key_at(const struct json *j, size_t i)
{

	return j != NULL && j->type == J_OBJECT && i < j->n ?
	    j->keys[i] : NULL;
}

const char *
json_str(const struct json *j)
{

	return j != NULL && j->type == J_STRING ? j->text : NULL;
}

const char *
json_num_text(const struct json *j)
{

	return j != NULL && j->type == J_NUMBER ? j->text : NULL;
}

int
json_bool(const struct json *j)
{

	return j != NULL && j->type == J_BOOL && j->b;
}

/* One value into out (zeroed); depth is the number of enclosing containers. */
static int
parse_value(struct parser *ps, struct json *out, int depth)
{

	skip_ws(ps);
	if (ps->p == ps->end)
		return fail(ps, "unexpected end of input");
	switch (*ps->p) {
	case '{':
	case '[':
		if (depth >= JSON_MAX_DEPTH)
			return fail(ps, "nested deeper than 32");
		return parse_container(ps, out, depth + 1);
	case '"':
		out->type = J_STRING;
		return parse_string(ps, &out->text);
	case '-':
	case '0': case '1': case '2': case '3': case '4':
	case '5': case '6': case '7': case '8': case '9':
		return parse_number(ps, out);
	default:
		return parse_literal(ps, out);
	}
}

/*
 * An array or object; depth counts this one.  After a comma another
 * item must follow, so a trailing comma is an error.
 */
static int
parse_container(struct parser *ps, struct json *out, int depth)
{
	char	 close = *ps->p == '{' ? '}' : ']';

	out->type = close == '}' ? J_OBJECT : J_ARRAY;
	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		return 0;
	}
	for (;;) {
		if (grow(out) == -1)
			return fail(ps, "out of memory");
		if (parse_member(ps, out, depth) == -1)
			return -1;
		skip_ws(ps);
		if (ps->p == ps->end)
			return fail(ps, "unexpected end of input");
		if (*ps->p == close)
			break;
		if (*ps->p++ != ',')
			return fail(ps, close == '}' ?
			    "expected ',' or '}'" : "expected ',' or ']'");
	}
	ps->p++;
	return out->type == J_OBJECT ? check_duplicates(ps, out) : 0;
}

/*
 * The next item of an array, or "key": value of an object, appended to
 * out (which has room).  The slot is counted before it is filled so
 * that a failure frees whatever it holds.
 */
static int
parse_member(struct parser *ps, struct json *out, int depth)
{
	struct json	*item = &out->items[out->n];

	memset(item, 0, sizeof(*item));
	if (out->type == J_OBJECT) {
		out->keys[out->n] = NULL;
		out->n++;
		skip_ws(ps);
		if (ps->p == ps->end || *ps->p != '"')
			return fail(ps, "expected a string key");
		if (parse_string(ps, &out->keys[out->n - 1]) == -1)
			return -1;
		skip_ws(ps);
		if (ps->p == ps->end || *ps->p++ != ':')
			return fail(ps, "expected ':'");
	} else
		out->n++;
	return parse_value(ps, item, depth);
}

/* Room for one more item (and key); -1 on allocation failure. */
static int
grow(struct json *j)
{
	struct json	*items;
	char		**keys;
	size_t		  ncap;

	if (j->n < j->cap)
		return 0;
	ncap = j->cap == 0 ? 4 : j->cap * 2;
	if ((items = realloc(j->items, ncap * sizeof(*items))) == NULL)
		return -1;
	j->items = items;
	if (j->type == J_OBJECT) {
		if ((keys = realloc(j->keys, ncap * sizeof(*keys))) == NULL)
			return -1;
		j->keys = keys;
	}
	j->cap = ncap;
	return 0;
}

/* Sorting copies of the key pointers finds duplicates in n log n. */
static int
check_duplicates(struct parser *ps, const struct json *obj)
{
	char	**sorted;
	size_t	  i;
	int	  rc = 0;

	if (obj->n < 2)
		return 0;
	if ((sorted = malloc(obj->n * sizeof(*sorted))) == NULL)
		return fail(ps, "out of memory");
	memcpy(sorted, obj->keys, obj->n * sizeof(*sorted));
	qsort(sorted, obj->n, sizeof(*sorted), cmp_keys);
	for (i = 1; i < obj->n && rc == 0; i++)
		if (strcmp(sorted[i - 1], sorted[i]) == 0)
			rc = fail(ps, "duplicate key in object");
	free(sorted);
	return rc;
}

static int
cmp_keys(const void *a, const void *b)
{
	const char *const	*x = a, *const *y = b;

	return strcmp(*x, *y);
}

/*
 * A string at ps->p (the opening quote) into *out (malloc'd UTF-8).
 * Runs of plain bytes are copied at once; the result is checked for
 * UTF-8 validity as a whole, since escapes only ever add valid
 * sequences.
 */
static int
parse_string(struct parser *ps, char **out)
{
	struct sbuf	 b;
	const char	*run, *start = ps->p;

	sbuf_init(&b);
	sbuf_append(&b, "", 0);
	for (ps->p++;;) {
		for (run = ps->p; ps->p < ps->end && *ps->p != '"' &&
		    *ps->p != '\\' && (unsigned char)*ps->p >= 0x20; ps->p++)
			continue;
		sbuf_append(&b, run, (size_t)(ps->p - run));
		if (ps->p == ps->end) {
			fail(ps, "unterminated string");
			goto out;
		}
		if (*ps->p == '"')
			break;
		if (*ps->p != '\\') {
			fail(ps, "control character in string");
			goto out;
		}
		if (parse_escape(ps, &b) == -1)
			goto out;
	}
	ps->p++;
	if (b.oom) {
		fail(ps, "out of memory");
		goto out;
	}
	if (!utf8_valid(b.data, b.len)) {
		ps->p = start;
		fail(ps, "invalid UTF-8 in string");
		goto out;
	}
	*out = b.data;		/* ownership passes to the node */
	return 0;
out:
	sbuf_free(&b);
	return -1;
}

/* The escape at ps->p (a backslash), decoded onto b. */
static int
parse_escape(struct parser *ps, struct sbuf *b)
{
	const char	*e;
	uint32_t	 cp, lo;

	if (++ps->p == ps->end)
		return fail(ps, "unterminated string");
	if (*ps->p != 'u') {
		if (*ps->p == '\0' || (e = strchr(esc_in, *ps->p)) == NULL)
			return fail(ps, "invalid escape");
		sbuf_append(b, &esc_out[e - esc_in], 1);
		ps->p++;
		return 0;
	}
	ps->p++;
	if (parse_hex4(ps, &cp) == -1)
		return -1;
	if (cp >= 0xDC00 && cp <= 0xDFFF)
		return fail(ps, "lone low surrogate");
	if (cp >= 0xD800 && cp <= 0xDBFF) {
		if (ps->end - ps->p < 2 || ps->p[0] != '\\' || ps->p[1] != 'u')
			return fail(ps, "lone high surrogate");
		ps->p += 2;
		if (parse_hex4(ps, &lo) == -1)
			return -1;
		if (lo < 0xDC00 || lo > 0xDFFF)
			return fail(ps, "lone high surrogate");
		cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
	}
	if (cp == 0)
		return fail(ps, "\\u0000 is not allowed");
	put_utf8(b, cp);
	return 0;
}

static int
parse_hex4(struct parser *ps, uint32_t *cp)
{
	int	 i;
	char	 c;

	*cp = 0;
	for (i = 0; i < 4; i++, ps->p++) {
		if (ps->p == ps->end)
			return fail(ps, "unterminated string");
		c = *ps->p;
		if (c >= '0' && c <= '9')
			*cp = *cp * 16 + (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			*cp = *cp * 16 + (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			*cp = *cp * 16 + (uint32_t)(c - 'A' + 10);
		else
			return fail(ps, "invalid \\u escape");
	}
	return 0;
}

/* -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?, kept as text. */
static int
parse_number(struct parser *ps, struct json *out)
{
	const char	*start = ps->p, *end = ps->end;
	const char	*p = ps->p;

#define DIGIT(q)	((q) < end && *(q) >= '0' && *(q) <= '9')
	if (*p == '-')
		p++;
	if (!DIGIT(p))
		return fail(ps, "invalid number");
	if (*p++ == '0' && DIGIT(p)) {
		ps->p = p;
		return fail(ps, "leading zero in number");
	}
	while (DIGIT(p))
		p++;
	if (p < end && *p == '.') {
		p++;
		if (!DIGIT(p))
			goto bad;
		while (DIGIT(p))
			p++;
	}
	if (p < end && (*p == 'e' || *p == 'E')) {
		p++;
		if (p < end && (*p == '+' || *p == '-'))
			p++;
		if (!DIGIT(p))
			goto bad;
		while (DIGIT(p))
			p++;
	}
#undef DIGIT
	ps->p = p;
	out->type = J_NUMBER;
	if ((out->text = strndup(start, (size_t)(p - start))) == NULL)
		return fail(ps, "out of memory");
	return 0;
bad:
	ps->p = p;
	return fail(ps, "invalid number");
}

static int
parse_literal(struct parser *ps, struct json *out)
{
	size_t	 i, left = (size_t)(ps->end - ps->p);

	for (i = 0; i < sizeof(literals) / sizeof(literals[0]); i++) {
		if (left < literals[i].len ||
		    memcmp(ps->p, literals[i].word, literals[i].len) != 0)
			continue;
		ps->p += literals[i].len;
		out->type = literals[i].type;
		out->b = literals[i].b;
		return 0;
	}
	return fail(ps, "unexpected character");
}

static void
skip_ws(struct parser *ps)
{

	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' ||
	    *ps->p == '\n' || *ps->p == '\r'))
		ps->p++;
}

/* Writes "line L, column C: msg" for the current position; returns -1. */
static int
fail(struct parser *ps, const char *msg)
{
	const char	*q;
	size_t		 line = 1, col = 1;
	int		 n;

	if (ps->err == NULL || ps->errlen == 0)
		return -1;
	for (q = ps->s; q < ps->p; q++) {
		if (*q == '\n') {
			line++;
			col = 1;
		} else
			col++;
	}
	n = snprintf(ps->err, ps->errlen, "line %zu, column %zu: %s",
	    line, col, msg);
	if (n < 0)
		ps->err[0] = '\0';	/* a truncated message is still useful */
	return -1;
}

/* Frees everything a node owns (not the node itself). */
static void
node_clear(struct json *j)
{
	size_t	 i;

	free(j->text);
	for (i = 0; i < j->n; i++) {
		node_clear(&j->items[i]);
		if (j->keys != NULL)
			free(j->keys[i]);
	}
	free(j->items);
	free(j->keys);
	memset(j, 0, sizeof(*j));
}

static void
put_utf8(struct sbuf *b, uint32_t cp)
{
	unsigned char	 u[4];
	size_t		 n;

	if (cp < 0x80) {
		u[0] = (unsigned char)cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = (unsigned char)(0xC0 | (cp >> 6));
		u[1] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = (unsigned char)(0xE0 | (cp >> 12));
		u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		u[2] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		u[0] = (unsigned char)(0xF0 | (cp >> 18));
		u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
		u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		u[3] = (unsigned char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	sbuf_append(b, u, n);
}
