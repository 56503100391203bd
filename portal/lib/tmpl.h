/*
 * tmpl: HTML page templates, a mustache subset (pure module).
 *
 * Syntax (templates/pages/NAME.html; partial names start with "_"):
 *   {{name}}              value of name, always through html_escape();
 *                         missing, list or dict values render as nothing
 *   {{#name}}..{{/name}}  list: once per item, the item as innermost
 *                         scope; dict: once, as innermost scope;
 *                         non-empty string: once; missing or "": never
 *   {{^name}}..{{/name}}  once if name is missing, "" or an empty list
 *   {{>name}}             another template of the set, same scopes
 *   {{!comment}}          nothing
 * Whitespace may surround the sigil and name: {{ # name }}.  Names are
 * [A-Za-z0-9_.-]+ without empty dot segments.  A name is looked up from
 * the innermost scope outward; if no scope has it as a key and it holds
 * dots, "a.b" resolves as key b of the dict found for a.  Because
 * lookups fall back outward, recursive data (a partial that includes
 * itself inside {{#kids}}) must give its leaves an empty "kids", or a
 * leaf finds its parent's list again (the depth limit then fails it).
 * There is deliberately no unescaped output: {{{x}}}, {{&x}} and
 * delimiter changes are refused at load.  Text between tags is copied
 * byte for byte (no standalone-line trimming).
 */
#ifndef TMPL_H
#define TMPL_H

#include <stddef.h>

struct sbuf;
struct tmpl_set;
struct tdict;

/*
 * Loads and parses every regular *.html file in dir (name = file name
 * without ".html"; it must itself be a valid tag name).  Every partial
 * must name a template of the set, and partials outside sections may
 * not nest deeper than 8 or form a cycle.  Returns the set (free with
 * tmpl_set_free), or NULL with "file:line: problem" written to err
 * (line 0 when the problem is the whole file; err may be NULL).
 * Refused: unbalanced or mismatched sections, unknown partials, bad or
 * unterminated tags, sections nested deeper than 32, NUL bytes, invalid
 * UTF-8, files over 4 MiB, unreadable files.
 */
struct tmpl_set	*tmpl_set_load(const char *, char *, size_t);
void		 tmpl_set_free(struct tmpl_set *);

/* 1 if the set has a template of that name, else 0. */
int		 tmpl_exists(const struct tmpl_set *, const char *);

/*
 * Dictionaries hold the values a page shows.  Keys and values are
 * copied.  A key holds one of: a string, a nested dict, a list of
 * dicts; setting a key of another kind replaces the old value (and
 * frees it).  Every function accepts a NULL dict and then does nothing
 * (returning NULL), so a failed tdict_push/tdict_child need not be
 * checked at each call: an allocation failure marks the dict and
 * tmpl_render() refuses to render from it.
 */
struct tdict	*tdict_new(void);
void		 tdict_free(struct tdict *);	/* frees children */
void		 tdict_set(struct tdict *, const char *, const char *);
		    /* val NULL removes the key */
void		 tdict_setf(struct tdict *, const char *, const char *, ...)
		    __attribute__((format(printf, 3, 4)));
struct tdict	*tdict_push(struct tdict *, const char *);
		    /* new item appended to list key; owned by the parent */
struct tdict	*tdict_child(struct tdict *, const char *);
		    /* nested dict at key, created if absent; owned by parent */

/*
 * Appends template name rendered with dict (NULL: no values) to out.
 * Returns 0, or -1 for an unknown template, partials nested deeper
 * than 8 at run time, a dict marked by an allocation failure, or out of
 * memory; on -1 out is truncated back to its length at entry.
 */
int		 tmpl_render(const struct tmpl_set *, const char *,
		    const struct tdict *, struct sbuf *);

#endif /* TMPL_H */
