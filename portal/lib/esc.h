/*
 * esc: escaping, URL decoding and UTF-8 checks (pure module).
 *
 * Every function treats its input as untrusted bytes: invalid UTF-8 is
 * never copied through to the output.
 */
#ifndef ESC_H
#define ESC_H

#include <stddef.h>

struct sbuf;

/*
 * Appends s escaped for HTML text and quoted attribute values:
 * & < > " ' ` = become &amp; &lt; &gt; &quot; &#39; &#96; &#61;.
 * Control characters (C0 except \t \n \r, DEL and C1) are dropped;
 * each invalid UTF-8 sequence becomes U+FFFD.  s NULL appends nothing.
 */
void	html_escape(struct sbuf *, const char *);

/*
 * Appends s as the contents of a JSON string (no quotes).  Besides " \
 * and control characters, < > & ' DEL U+2028 U+2029 become \uXXXX so the
 * result is also safe inside <script> and HTML attributes.  Invalid
 * UTF-8 becomes \ufffd.  s NULL appends nothing.
 */
void	json_escape(struct sbuf *, const char *);

/*
 * Decodes s in place: '+' becomes a space and %XX (either case) a byte.
 * Returns 0, or -1 on a bad or truncated escape or a decoded NUL; s is
 * then still NUL-terminated but its contents are unspecified.
 * The result is not checked for UTF-8 validity: see utf8_valid().
 */
int	url_decode(char *);

/*
 * Returns 1 if the len bytes at s are well-formed UTF-8 (no overlong
 * forms, no surrogates, nothing above U+10FFFF), else 0.  NUL bytes
 * count as valid U+0000; callers that refuse NUL check separately.
 */
int	utf8_valid(const char *, size_t);

/*
 * Returns the number of code points in the C string s.  Each invalid
 * sequence counts as one, as it would after replacement by U+FFFD.
 */
size_t	utf8_length(const char *);

#endif /* ESC_H */
