/*
 * json: strict RFC 8259 parser for the API (pure module).
 *
 * Refused: anything but one value surrounded by optional whitespace
 * (space, tab, CR, LF); a byte-order mark; trailing commas; comments;
 * single quotes; leading zeros, "+1", ".5", "1.", NaN, Infinity;
 * control characters, invalid UTF-8 and lone surrogates (raw or as
 * \u escapes) in strings; \u0000 (strings are C strings); duplicate
 * keys in an object; nesting deeper than 32; input over 1 MiB.
 * Numbers keep their source text: the caller decides what range and
 * precision it accepts.
 */
#ifndef JSON_H
#define JSON_H

#include <stddef.h>

#define JSON_MAX_DEPTH	32
#define JSON_MAX_SIZE	(1024 * 1024)

struct json;

enum json_type { J_NULL, J_BOOL, J_NUMBER, J_STRING, J_ARRAY, J_OBJECT };

/*
 * Parses len bytes (need not be NUL-terminated).  Returns the tree
 * (free with json_free), or NULL with "line L, column C: problem"
 * written to err (which may be NULL; columns count bytes).
 */
struct json		*json_parse(const char *, size_t, char *, size_t);

/* Frees the tree; NULL is a no-op.  Strings from it die with it. */
void			 json_free(struct json *);

/* Type of a node; a NULL node (a missing key) reads as J_NULL. */
enum json_type		 json_type(const struct json *);

/* Value of key in an object, or NULL (not an object, no such key). */
const struct json	*json_get(const struct json *, const char *);

/* Items of an array or members of an object; 0 for other types. */
size_t			 json_len(const struct json *);

/* Item i of an array, or value of member i of an object; else NULL. */
const struct json	*json_at(const struct json *, size_t);

/* Key of member i of an object, or NULL. */
const char		*json_key_at(const struct json *, size_t);

/* A string's UTF-8 value, or NULL if the node is not a string. */
const char		*json_str(const struct json *);

/* A number's source text ("-1.5e3"), or NULL if not a number. */
const char		*json_num_text(const struct json *);

/* 1 for true, 0 for false or anything not a boolean. */
int			 json_bool(const struct json *);

#endif /* JSON_H */
