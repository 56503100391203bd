/*
 * provision — the provision, outcome and name checks.  See provision.h.
 *
 * Text and phrases are folded the same way before matching (fold()):
 * lower case, Latin accents dropped, spaces collapsed, curly apostrophes
 * and dashes made plain, punctuation made a word break.  A map from each
 * folded byte back to the original keeps the spans reported in flags
 * true to the writer's own text.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "provision.h"

#define PHRASE_MAX	80
#define PHRASES_MAX	500
#define CONF_FILE_MAX	(64 * 1024)
#define NAMES_SEEN_MAX	32
#define NONWORD		'\001'	/* what punctuation and bad bytes fold to */

struct folded {
	char	*s;
	size_t	 len;
	size_t	*map;		/* len + 1 entries: original offset of each byte */
};

struct name_pat {
	char	*s;		/* folded */
	size_t	 len;
	size_t	 first;		/* bytes of its first word */
	int	 cap;		/* the text must write it with a capital */
};

struct prov_names {
	struct name_pat	*p;
	size_t		 n;
};

static long	utf8_next(const unsigned char *, size_t, size_t *);
static size_t	utf8_put(char *, long);
static long	fold_cp(long);
static int	is_upper(long);
static int	is_word(unsigned char);
static int	fold(const char *, size_t, struct folded *);
static void	folded_free(struct folded *);
static void	trim_nonword(struct folded *);
static size_t	find(const struct folded *, size_t, const char *, size_t);
static int	has_any(const struct prov_conf *, enum prov_kind,
		    const struct folded *, size_t);
static int	has_year(const struct folded *);
static int	blank(const char *);
static int	flag_add(struct prov_flags *, enum prov_flag_kind,
		    const struct prov_text *, const char *, const char *,
		    size_t, size_t, const char *, ...)
		    __attribute__((format(printf, 8, 9)));
static int	conf_add(struct prov_conf *, enum prov_kind, const char *,
		    size_t, int, char *, size_t);
static int	conf_line(struct prov_conf *, const char *, size_t, int,
		    char *, size_t);
static int	check_provision(const struct prov_conf *,
		    const struct prov_text *, struct folded *,
		    struct prov_flags *);
static int	check_names(const struct prov_names *, const struct prov_text *,
		    const char *, const struct folded *, size_t *, size_t *,
		    struct prov_flags *);
static int	pat_cmp(const void *, const void *);
static int	pat_add(struct prov_names *, size_t *, const char *, size_t,
		    int);
static char	*join(const char *, const char *);
static int	own_word(const struct folded *, size_t, const char *, size_t);

static const char *const lists[PROV__PHRASES] = {
	"vague", "who", "how_often", "how_long", "time_frame"
};

static const char *const codes[FLAG__MAX] = {
	"vague_wording", "no_who", "no_how_often", "no_how_long",
	"no_time_frame", "other_child_name"
};

/* Latin-1 Supplement U+00C0–U+00FF and Latin Extended-A U+0100–U+017F:
 * the base letter, '*' for a letter with none (lower-case it), '.' for
 * a symbol. */
static const char latin1[] =
	"aaaaaa*ceeeeiiii" "dnooooo.ouuuuy**"
	"aaaaaa*ceeeeiiii" "dnooooo.ouuuuy*y";
static const char latin_ext_a[] =
	"aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh"
	"iiiiiiiiii" "**" "jj" "kkk" "llllllllll" "nnnnnnn" "**" "oooooo"
	"**" "rrrrrr" "ssssssss" "tttttt" "uuuuuuuuuuuu" "ww" "yyy"
	"zzzzzz" "s";

/* The same phrases as conf/provision.conf (a unit test keeps them equal). */
static const char defaults[] =
	"vague\taccess to\n"
	"vague\topportunities to\n"
	"vague\tregular\n"
	"vague\tas required\n"
	"vague\tas appropriate\n"
	"vague\tmay benefit from\n"
	"vague\tsupport as needed\n"
	"who\tby a\n"
	"who\tby an\n"
	"who\tby the\n"
	"who\tby their\n"
	"who\tdelivered by\n"
	"who\tprovided by\n"
	"who\tled by\n"
	"who\tteacher\n"
	"who\tteachers\n"
	"who\tteaching assistant\n"
	"who\tlearning support assistant\n"
	"who\tTA\n"
	"who\tLSA\n"
	"who\tSENCO\n"
	"who\ttherapist\n"
	"who\tpsychologist\n"
	"who\tnurse\n"
	"who\tpaediatrician\n"
	"who\tphysiotherapist\n"
	"who\toccupational therapist\n"
	"who\tOT\n"
	"who\tSALT\n"
	"who\tsocial worker\n"
	"who\tkey worker\n"
	"who\tkeyworker\n"
	"who\tkey adult\n"
	"who\tmentor\n"
	"who\ttutor\n"
	"who\tpractitioner\n"
	"who\tspecialist\n"
	"who\tstaff\n"
	"who\tadult\n"
	"who\tcarer\n"
	"who\tsupport worker\n"
	"who\tpersonal assistant\n"
	"how_often\tdaily\n"
	"how_often\tweekly\n"
	"how_often\tfortnightly\n"
	"how_often\tmonthly\n"
	"how_often\ttermly\n"
	"how_often\tevery day\n"
	"how_often\teach day\n"
	"how_often\ta day\n"
	"how_often\tper day\n"
	"how_often\tevery week\n"
	"how_often\teach week\n"
	"how_often\ta week\n"
	"how_often\tper week\n"
	"how_often\ta fortnight\n"
	"how_often\ta month\n"
	"how_often\tper month\n"
	"how_often\ta term\n"
	"how_often\tper term\n"
	"how_often\teach term\n"
	"how_often\tevery term\n"
	"how_often\tonce\n"
	"how_often\ttwice\n"
	"how_often\ttimes a\n"
	"how_often\ttimes per\n"
	"how_often\tevery lesson\n"
	"how_often\teach lesson\n"
	"how_often\tevery morning\n"
	"how_often\teach morning\n"
	"how_often\tevery afternoon\n"
	"how_often\teach afternoon\n"
	"how_often\tevery session\n"
	"how_often\teach session\n"
	"how_often\tat all times\n"
	"how_often\tthroughout the school day\n"
	"how_often\tthroughout the day\n"
	"how_long\tminutes\n"
	"how_long\tminute\n"
	"how_long\tmins\n"
	"how_long\thours\n"
	"how_long\thour\n"
	"how_long\tuntil\n"
	"how_long\tfor the next\n"
	"how_long\tweeks\n"
	"how_long\tmonths\n"
	"how_long\tterms\n"
	"how_long\tyears\n"
	"how_long\tacademic year\n"
	"how_long\tschool year\n"
	"how_long\tannual review\n"
	"how_long\tkey stage\n"
	"time_frame\tby the end of\n"
	"time_frame\tby end of\n"
	"time_frame\twithin\n"
	"time_frame\tby the age of\n"
	"time_frame\tby age\n"
	"time_frame\tby the time\n"
	"time_frame\tby the next\n"
	"time_frame\tby the annual review\n"
	"time_frame\tby year\n"
	"time_frame\tby january\n"
	"time_frame\tby february\n"
	"time_frame\tby march\n"
	"time_frame\tby april\n"
	"time_frame\tby may\n"
	"time_frame\tby june\n"
	"time_frame\tby july\n"
	"time_frame\tby august\n"
	"time_frame\tby september\n"
	"time_frame\tby october\n"
	"time_frame\tby november\n"
	"time_frame\tby december\n"
	"time_frame\tby the summer\n"
	"time_frame\tby the autumn\n"
	"time_frame\tby the spring\n"
	"time_frame\tby christmas\n"
	"time_frame\tby easter\n"
	"time_frame\tover the next\n"
	"time_frame\tin the next\n"
	"time_frame\tweeks\n"
	"time_frame\tmonths\n"
	"time_frame\tterms\n"
	;

/* One code point at s (len > 0 bytes left): its value and *n its bytes,
 * or -1 and *n = 1 for a byte that does not start valid UTF-8
 * (overlong forms, surrogates and values over U+10FFFF are not). */
static long
utf8_next(const unsigned char *s, size_t len, size_t *n)
{
	long	cp;
	size_t	need, i;

	*n = 1;
	if (s[0] < 0x80)
		return s[0];
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		need = 1;
		cp = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		need = 2;
		cp = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		need = 3;
		cp = s[0] & 0x07;
	} else
		return -1;
	if (len <= need)
		return -1;
	for (i = 1; i <= need; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) ||
	    cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return -1;
	*n = need + 1;
	return cp;
}

/* Writes cp (valid, not a surrogate) as UTF-8; returns its bytes. */
static size_t
utf8_put(char *out, long cp)
{
	if (cp < 0x80) {
		out[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		out[0] = (char)(0xc0 | (cp >> 6));
		out[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		out[0] = (char)(0xe0 | (cp >> 12));
		out[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		out[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	out[0] = (char)(0xf0 | (cp >> 18));
	out[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	out[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	out[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* What a code point folds to: ' ' for a space, NONWORD for punctuation
 * and controls, -1 for a combining accent (dropped).  Never longer in
 * UTF-8 than cp itself. */
static long
fold_cp(long cp)
{
	char	c;

	if (cp == ' ' || (cp >= 0x09 && cp <= 0x0d) || cp == 0x85 ||
	    cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) ||
	    cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f ||
	    cp == 0x3000)
		return ' ';
	if (cp >= 'A' && cp <= 'Z')
		return cp + ('a' - 'A');
	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0xbf))
		return NONWORD;
	if (cp < 0x80)
		return cp;
	if (cp >= 0x300 && cp <= 0x36f)
		return -1;
	if (cp == 0x2018 || cp == 0x2019 || cp == 0x02bc || cp == 0x2032)
		return '\'';
	if ((cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212)
		return '-';
	if ((cp >= 0x2000 && cp <= 0x2bff) || (cp >= 0x3001 && cp <= 0x303f) ||
	    cp >= 0x1f000)
		return NONWORD;
	if (cp >= 0xc0 && cp <= 0xff) {
		c = latin1[cp - 0xc0];
		if (c == '.')
			return NONWORD;
		return c != '*' ? c : cp <= 0xde ? cp + 0x20 : cp;
	}
	if (cp >= 0x100 && cp <= 0x17f) {
		c = latin_ext_a[cp - 0x100];
		return c != '*' ? c : cp | 1;
	}
	if ((cp >= 0x391 && cp <= 0x3a9 && cp != 0x3a2) ||
	    (cp >= 0x410 && cp <= 0x42f))
		return cp + 0x20;
	if (cp >= 0x400 && cp <= 0x40f)
		return cp + 0x50;
	return cp;
}

/* 1 for a capital letter of the scripts fold_cp() knows. */
static int
is_upper(long cp)
{
	if ((cp >= 'A' && cp <= 'Z') || (cp >= 0xc0 && cp <= 0xde && cp != 0xd7))
		return 1;
	if ((cp >= 0x100 && cp <= 0x137) || (cp >= 0x14a && cp <= 0x177))
		return (cp & 1) == 0;
	if ((cp >= 0x139 && cp <= 0x148) || (cp >= 0x179 && cp <= 0x17e))
		return (cp & 1) == 1;
	return cp == 0x178 || (cp >= 0x391 && cp <= 0x3a9 && cp != 0x3a2) ||
	    (cp >= 0x400 && cp <= 0x42f);
}

/* Folded text: digits, letters and anything beyond ASCII that survived
 * folding are word bytes. */
static int
is_word(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || c >= 0x80;
}

/* Folds len bytes of s into f (see the top of the file).  0, or -1 out
 * of memory with f empty. */
static int
fold(const char *s, size_t len, struct folded *f)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, n, k;
	long			 cp;
	char			 enc[4];
	size_t			 nenc;

	f->len = 0;
	f->s = malloc(len + 1);
	f->map = malloc((len + 1) * sizeof(*f->map));
	if (f->s == NULL || f->map == NULL) {
		folded_free(f);
		return -1;
	}
	for (i = 0; i < len; i += n) {
		cp = utf8_next(u + i, len - i, &n);
		cp = cp == -1 ? NONWORD : fold_cp(cp);
		if (cp == -1 || (cp == ' ' && f->len > 0 &&
		    f->s[f->len - 1] == ' '))
			continue;
		nenc = utf8_put(enc, cp);
		for (k = 0; k < nenc; k++) {
			f->map[f->len] = i;
			f->s[f->len++] = enc[k];
		}
	}
	f->map[f->len] = len;
	f->s[f->len] = '\0';
	return 0;
}

static void
folded_free(struct folded *f)
{
	free(f->s);
	free(f->map);
	f->s = NULL;
	f->map = NULL;
	f->len = 0;
}

/* Drops leading and trailing bytes that are not word bytes (all ASCII,
 * so a UTF-8 sequence is never cut). */
static void
trim_nonword(struct folded *f)
{
	size_t	start = 0;

	while (f->len > 0 && !is_word((unsigned char)f->s[f->len - 1]))
		f->len--;
	while (start < f->len && !is_word((unsigned char)f->s[start]))
		start++;
	memmove(f->s, f->s + start, f->len - start);
	memmove(f->map, f->map + start, (f->len - start + 1) * sizeof(*f->map));
	f->len -= start;
	f->s[f->len] = '\0';
}

/* The first whole-word match of p (plen bytes) in t at or after from, or
 * SIZE_MAX. */
static size_t
find(const struct folded *t, size_t from, const char *p, size_t plen)
{
	const char	*hit;
	size_t		 i;

	if (plen == 0)
		return SIZE_MAX;
	for (i = from; i + plen <= t->len; i++) {
		if ((hit = memchr(t->s + i, p[0], t->len - plen + 1 - i)) == NULL)
			return SIZE_MAX;
		i = (size_t)(hit - t->s);
		if (memcmp(t->s + i, p, plen) != 0)
			continue;
		if (i > 0 && is_word((unsigned char)t->s[i - 1]) &&
		    is_word((unsigned char)p[0]))
			continue;
		if (i + plen < t->len && is_word((unsigned char)t->s[i + plen]) &&
		    is_word((unsigned char)p[plen - 1]))
			continue;
		return i;
	}
	return SIZE_MAX;
}

/* 1 if any phrase of list k is in one of the n folded parts. */
static int
has_any(const struct prov_conf *c, enum prov_kind k, const struct folded *parts,
    size_t n)
{
	size_t	i, j;

	for (i = 0; i < c->n[k]; i++)
		for (j = 0; j < n; j++)
			if (find(&parts[j], 0, c->folded[k][i],
			    strlen(c->folded[k][i])) != SIZE_MAX)
				return 1;
	return 0;
}

/* 1 if the text writes a year 2000–2199 as a word of four digits. */
static int
has_year(const struct folded *t)
{
	size_t	i;

	for (i = 0; i + 4 <= t->len; i++) {
		if ((i > 0 && is_word((unsigned char)t->s[i - 1])) ||
		    (i + 4 < t->len && is_word((unsigned char)t->s[i + 4])))
			continue;
		if (t->s[i] == '2' && (t->s[i + 1] == '0' || t->s[i + 1] == '1') &&
		    t->s[i + 2] >= '0' && t->s[i + 2] <= '9' &&
		    t->s[i + 3] >= '0' && t->s[i + 3] <= '9')
			return 1;
	}
	return 0;
}

static int
blank(const char *s)
{
	if (s == NULL)
		return 1;
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 0;
	return 1;
}

void
prov_flags_init(struct prov_flags *f)
{
	memset(f, 0, sizeof(*f));
}

void
prov_flags_free(struct prov_flags *f)
{
	size_t	i;

	for (i = 0; i < f->n; i++) {
		free(f->v[i].message);
		free(f->v[i].phrase);
	}
	free(f->v);
	prov_flags_init(f);
}

const char *
prov_flag_code(enum prov_flag_kind k)
{
	return (unsigned)k < FLAG__MAX ? codes[k] : NULL;
}

int
prov_is_provision(const char *section)
{
	return section != NULL && (strcmp(section, "F") == 0 ||
	    strcmp(section, "G") == 0 || strcmp(section, "H1") == 0 ||
	    strcmp(section, "H2") == 0);
}

/* Appends a flag; the message is "Section X, paragraph N" + fmt. */
static int
flag_add(struct prov_flags *fl, enum prov_flag_kind kind,
    const struct prov_text *t, const char *phrase, const char *field,
    size_t off, size_t len, const char *fmt, ...)
{
	struct prov_flag	*v, *f;
	va_list			 ap;
	char			 head[64], body[256];
	size_t			 cap;
	int			 n;

	if (fl->n == fl->cap) {
		cap = fl->cap ? fl->cap * 2 : 8;
		if ((v = realloc(fl->v, cap * sizeof(*v))) == NULL)
			return -1;
		fl->v = v;
		fl->cap = cap;
	}
	f = &fl->v[fl->n];
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	(void)snprintf(f->section, sizeof(f->section), "%s",
	    t->section != NULL ? t->section : "");
	f->paragraph = t->paragraph;
	f->field = field;
	f->match_off = off;
	f->match_len = len;
	(void)snprintf(head, sizeof(head), "Section %s, paragraph %zu",
	    f->section, f->paragraph);
	va_start(ap, fmt);
	(void)vsnprintf(body, sizeof(body), fmt, ap);
	va_end(ap);
	n = snprintf(NULL, 0, "%s%s", head, body);
	if (n < 0 || (f->message = malloc((size_t)n + 1)) == NULL)
		return -1;
	(void)snprintf(f->message, (size_t)n + 1, "%s%s", head, body);
	if (phrase != NULL && (f->phrase = strdup(phrase)) == NULL) {
		free(f->message);
		return -1;
	}
	fl->n++;
	return 0;
}

/* Vague phrases, then who / how often / how long (F, G, H1, H2) or the
 * time frame (E).  parts: text, by_whom, how_often, how_long folded. */
static int
check_provision(const struct prov_conf *c, const struct prov_text *t,
    struct folded *parts, struct prov_flags *fl)
{
	static const char *const names[4] = { "text", "by_whom", "how_often",
	    "how_long" };
	size_t	i, j, at;

	if (t->section != NULL && strcmp(t->section, "E") == 0) {
		if (!has_any(c, PROV_TIME_FRAME, parts, 1) && !has_year(&parts[0]))
			return flag_add(fl, FLAG_NO_TIME_FRAME, t, NULL, "text",
			    0, 0, " does not say by when: give a time frame, "
			    "such as \u2018by the end of Year 6\u2019 or "
			    "\u2018within 12 months\u2019.");
		return 0;
	}
	if (!prov_is_provision(t->section))
		return 0;
	for (i = 0; i < c->n[PROV_VAGUE]; i++)
		for (j = 0; j < 4; j++) {
			at = find(&parts[j], 0, c->folded[PROV_VAGUE][i],
			    strlen(c->folded[PROV_VAGUE][i]));
			if (at == SIZE_MAX)
				continue;
			if (flag_add(fl, FLAG_VAGUE, t, c->phrase[PROV_VAGUE][i],
			    names[j], parts[j].map[at], parts[j].map[at +
			    strlen(c->folded[PROV_VAGUE][i])] - parts[j].map[at],
			    " uses vague wording (\u2018%s\u2019): say exactly "
			    "what will be provided, by whom, how often and for "
			    "how long.", c->phrase[PROV_VAGUE][i]) == -1)
				return -1;
			break;
		}
	if (blank(t->by_whom) && !has_any(c, PROV_WHO, parts, 4) &&
	    flag_add(fl, FLAG_NO_WHO, t, NULL, "by_whom", 0, 0,
	    " does not say who will provide it.") == -1)
		return -1;
	if (blank(t->how_often) && !has_any(c, PROV_HOW_OFTEN, parts, 4) &&
	    flag_add(fl, FLAG_NO_HOW_OFTEN, t, NULL, "how_often", 0, 0,
	    " does not say how often.") == -1)
		return -1;
	if (blank(t->how_long) && !has_any(c, PROV_HOW_LONG, parts, 4) &&
	    flag_add(fl, FLAG_NO_HOW_LONG, t, NULL, "how_long", 0, 0,
	    " does not say for how long.") == -1)
		return -1;
	return 0;
}

/* Other children's names in one folded part (field names it). seen and
 * nseen: patterns already flagged in this paragraph. */
static int
check_names(const struct prov_names *nm, const struct prov_text *t,
    const char *field, const struct folded *f, size_t *seen, size_t *nseen,
    struct prov_flags *fl)
{
	const unsigned char	*orig;
	size_t			 i, wl, lo, hi, mid, k, s, n;
	const struct name_pat	*p;
	int			 cmp;

	orig = (const unsigned char *)(strcmp(field, "text") == 0 ? t->text :
	    strcmp(field, "by_whom") == 0 ? t->by_whom :
	    strcmp(field, "how_often") == 0 ? t->how_often : t->how_long);
	for (i = 0; i < f->len && *nseen < NAMES_SEEN_MAX; i++) {
		if (!is_word((unsigned char)f->s[i]) ||
		    (i > 0 && is_word((unsigned char)f->s[i - 1])))
			continue;
		for (wl = 0; i + wl < f->len &&
		    is_word((unsigned char)f->s[i + wl]); wl++)
			;
		lo = 0;
		hi = nm->n;
		while (lo < hi) {	/* first pattern whose first word ≥ it */
			mid = lo + (hi - lo) / 2;
			p = &nm->p[mid];
			cmp = memcmp(p->s, f->s + i, p->first < wl ? p->first : wl);
			if (cmp < 0 || (cmp == 0 && p->first < wl))
				lo = mid + 1;
			else
				hi = mid;
		}
		for (k = lo; k < nm->n; k++) {
			p = &nm->p[k];
			if (p->first != wl || memcmp(p->s, f->s + i, wl) != 0)
				break;
			if (i + p->len > f->len ||
			    memcmp(p->s, f->s + i, p->len) != 0 ||
			    (i + p->len < f->len &&
			    is_word((unsigned char)f->s[i + p->len])))
				continue;
			if (p->cap && !is_upper(utf8_next(orig + f->map[i],
			    f->map[f->len] - f->map[i], &n)))
				continue;
			for (s = 0; s < *nseen && seen[s] != k; s++)
				;
			if (s == *nseen) {
				seen[(*nseen)++] = k;
				if (flag_add(fl, FLAG_OTHER_CHILD, t, NULL, field,
				    f->map[i], f->map[i + p->len] - f->map[i],
				    " includes a name that belongs to another "
				    "child in the council\u2019s records: check "
				    "it is about the right child.") == -1)
					return -1;
			}
			i += p->len - 1;
			break;
		}
	}
	return 0;
}

int
prov_check(const struct prov_conf *c, const struct prov_names *nm,
    const struct prov_text *t, struct prov_flags *fl)
{
	static const char *const names[4] = { "text", "by_whom", "how_often",
	    "how_long" };
	struct folded	 parts[4];
	const char	*src[4];
	size_t		 i, seen[NAMES_SEEN_MAX], nseen = 0;
	int		 rc = -1;

	src[0] = t->text;
	src[1] = t->by_whom;
	src[2] = t->how_often;
	src[3] = t->how_long;
	memset(parts, 0, sizeof(parts));
	for (i = 0; i < 4; i++)
		if (fold(src[i] != NULL ? src[i] : "", src[i] != NULL ?
		    strlen(src[i]) : 0, &parts[i]) == -1)
			goto out;
	if (c != NULL && check_provision(c, t, parts, fl) == -1)
		goto out;
	if (nm != NULL)
		for (i = 0; i < 4; i++)
			if (src[i] != NULL && check_names(nm, t, names[i],
			    &parts[i], seen, &nseen, fl) == -1)
				goto out;
	rc = 0;
out:
	for (i = 0; i < 4; i++)
		folded_free(&parts[i]);
	return rc;
}

/* --- configuration ------------------------------------------------------ */

void
prov_conf_free(struct prov_conf *c)
{
	size_t	k, i;

	for (k = 0; k < PROV__PHRASES; k++) {
		for (i = 0; i < c->n[k]; i++) {
			free(c->phrase[k][i]);
			free(c->folded[k][i]);
		}
		free(c->phrase[k]);
		free(c->folded[k]);
	}
	memset(c, 0, sizeof(*c));
}

/* Adds phrase s (len bytes, trimmed, checked) to list k.  0; -1 with err. */
static int
conf_add(struct prov_conf *c, enum prov_kind k, const char *s, size_t len,
    int line, char *err, size_t errlen)
{
	struct folded	 f;
	char		**p, **q;
	size_t		 i, total = 0;

	for (i = 0; i < PROV__PHRASES; i++)
		total += c->n[i];
	if (total == PHRASES_MAX) {
		(void)snprintf(err, errlen, "line %d: at most %d phrases",
		    line, PHRASES_MAX);
		return -1;
	}
	if (fold(s, len, &f) == -1)
		goto oom;
	trim_nonword(&f);
	if (f.len == 0) {
		folded_free(&f);
		(void)snprintf(err, errlen, "line %d: the phrase has no letters "
		    "or digits", line);
		return -1;
	}
	for (i = 0; i < c->n[k]; i++)
		if (strcmp(c->folded[k][i], f.s) == 0) {
			folded_free(&f);
			(void)snprintf(err, errlen, "line %d: the phrase is "
			    "already in the %s list", line, lists[k]);
			return -1;
		}
	p = realloc(c->phrase[k], (c->n[k] + 1) * sizeof(*p));
	if (p != NULL)
		c->phrase[k] = p;
	q = realloc(c->folded[k], (c->n[k] + 1) * sizeof(*q));
	if (q != NULL)
		c->folded[k] = q;
	if (p == NULL || q == NULL || (p[c->n[k]] = strndup(s, len)) == NULL) {
		folded_free(&f);
		goto oom;
	}
	free(f.map);
	q[c->n[k]++] = f.s;
	return 0;
oom:
	(void)snprintf(err, errlen, "out of memory");
	return -1;
}

/* One line (without its newline).  0; -1 with err. */
static int
conf_line(struct prov_conf *c, const char *s, size_t len, int line,
    char *err, size_t errlen)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 i, kw, n;
	int			 k;

	for (i = 0; i < len; i += n) {
		if (utf8_next(u + i, len - i, &n) == -1) {
			(void)snprintf(err, errlen, "line %d: not UTF-8", line);
			return -1;
		}
		if ((u[i] < 0x20 && u[i] != '\t') || u[i] == 0x7f) {
			(void)snprintf(err, errlen, "line %d: control character",
			    line);
			return -1;
		}
	}
	for (i = 0; i < len && s[i] != '#'; i++)
		;
	len = i;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	for (i = 0; i < len && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	if (i == len)
		return 0;
	for (kw = i; kw < len && s[kw] != ' ' && s[kw] != '\t'; kw++)
		;
	for (k = 0; k < PROV__PHRASES; k++)
		if (strlen(lists[k]) == kw - i &&
		    memcmp(lists[k], s + i, kw - i) == 0)
			break;
	if (k == PROV__PHRASES) {
		(void)snprintf(err, errlen, "line %d: unknown list (vague, who, "
		    "how_often, how_long or time_frame)", line);
		return -1;
	}
	for (i = kw; i < len && (s[i] == ' ' || s[i] == '\t'); i++)
		;
	if (i == len || len - i > PHRASE_MAX) {
		(void)snprintf(err, errlen, "line %d: give one phrase of 1 to %d "
		    "bytes after %s", line, PHRASE_MAX, lists[k]);
		return -1;
	}
	return conf_add(c, (enum prov_kind)k, s + i, len - i, line, err, errlen);
}

int
prov_conf_parse(struct prov_conf *c, const char *text, size_t len, char *err,
    size_t errlen)
{
	size_t	start, end;
	int	line = 0;

	memset(c, 0, sizeof(*c));
	if (errlen > 0)
		err[0] = '\0';
	for (start = 0; start < len; start = end + 1) {
		line++;
		for (end = start; end < len && text[end] != '\n'; end++)
			;
		if (conf_line(c, text + start, end > start &&
		    text[end - 1] == '\r' ? end - start - 1 : end - start, line,
		    err, errlen) == -1) {
			prov_conf_free(c);
			return -1;
		}
	}
	return 0;
}

int
prov_conf_default(struct prov_conf *c)
{
	char	err[128];

	return prov_conf_parse(c, defaults, sizeof(defaults) - 1, err,
	    sizeof(err));
}

int
prov_conf_load(struct prov_conf *c, const char *path, char *err, size_t errlen)
{
	FILE	*f;
	char	*buf;
	size_t	 n;
	int	 rc;

	memset(c, 0, sizeof(*c));
	if ((f = fopen(path, "r")) == NULL) {
		(void)snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if ((buf = malloc(CONF_FILE_MAX + 1)) == NULL) {
		(void)fclose(f);
		(void)snprintf(err, errlen, "out of memory");
		return -1;
	}
	n = fread(buf, 1, CONF_FILE_MAX + 1, f);
	rc = ferror(f) ? -1 : 0;
	(void)fclose(f);
	if (rc == -1 || n > CONF_FILE_MAX) {
		free(buf);
		(void)snprintf(err, errlen, "%s: %s", path, rc == -1 ?
		    "cannot be read" : "larger than 64 KiB");
		return -1;
	}
	rc = prov_conf_parse(c, buf, n, err, errlen);
	free(buf);
	return rc;
}

/* --- names -------------------------------------------------------------- */

/* By first word, then longest first (a full name before a given name
 * alone), then bytes. */
static int
pat_cmp(const void *a, const void *b)
{
	const struct name_pat	*x = a, *y = b;
	int			 c;

	c = memcmp(x->s, y->s, x->first < y->first ? x->first : y->first);
	if (c != 0)
		return c;
	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	if (x->len != y->len)
		return x->len > y->len ? -1 : 1;
	return memcmp(x->s, y->s, x->len);
}

/* Adds s (len folded bytes, trimmed) as a pattern; 0, or -1 out of memory. */
static int
pat_add(struct prov_names *nm, size_t *cap, const char *s, size_t len, int caps)
{
	struct name_pat	*v;
	size_t		 first;

	if (len < 2)
		return 0;
	if (nm->n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		if ((v = realloc(nm->p, *cap * sizeof(*v))) == NULL)
			return -1;
		nm->p = v;
	}
	for (first = 0; first < len && is_word((unsigned char)s[first]); first++)
		;
	if ((nm->p[nm->n].s = strndup(s, len)) == NULL)
		return -1;
	nm->p[nm->n].len = len;
	nm->p[nm->n].first = first;
	nm->p[nm->n].cap = caps;
	nm->n++;
	return 0;
}

/* "a b", allocated; NULL out of memory. */
static char *
join(const char *a, const char *b)
{
	size_t	 la = strlen(a), lb = strlen(b);
	char	*s;

	if ((s = malloc(la + lb + 2)) == NULL)
		return NULL;
	memcpy(s, a, la);
	s[la] = ' ';
	memcpy(s + la + 1, b, lb + 1);
	return s;
}

/* 1 if word w (len bytes) is one of the words of own (folded). */
static int
own_word(const struct folded *own, size_t nown, const char *w, size_t len)
{
	size_t	i, j, e;

	for (i = 0; i < nown; i++)
		for (j = 0; j < own[i].len; j = e + 1) {
			while (j < own[i].len &&
			    !is_word((unsigned char)own[i].s[j]))
				j++;
			for (e = j; e < own[i].len &&
			    is_word((unsigned char)own[i].s[e]); e++)
				;
			if (e - j == len && len > 0 &&
			    memcmp(own[i].s + j, w, len) == 0)
				return 1;
			if (own[i].len == len && memcmp(own[i].s, w, len) == 0)
				return 1;
		}
	return 0;
}

struct prov_names *
prov_names_alloc(const char *const *given, const char *const *family, size_t n,
    const char *own_given, const char *own_family)
{
	struct prov_names	*nm;
	struct folded		 own[2], g, f;
	char			*full = NULL, *full_own = NULL;
	size_t			 i, cap = 0, w;
	int			 rc = -1;

	if ((nm = calloc(1, sizeof(*nm))) == NULL)
		return NULL;
	memset(own, 0, sizeof(own));
	memset(&g, 0, sizeof(g));
	memset(&f, 0, sizeof(f));
	if (fold(own_given ? own_given : "", own_given ? strlen(own_given) : 0,
	    &own[0]) == -1 || fold(own_family ? own_family : "",
	    own_family ? strlen(own_family) : 0, &own[1]) == -1)
		goto out;
	trim_nonword(&own[0]);
	trim_nonword(&own[1]);
	if ((full_own = join(own[0].s, own[1].s)) == NULL)
		goto out;
	for (i = 0; i < n; i++) {
		if (fold(given && given[i] ? given[i] : "", given && given[i] ?
		    strlen(given[i]) : 0, &g) == -1 || fold(family &&
		    family[i] ? family[i] : "", family && family[i] ?
		    strlen(family[i]) : 0, &f) == -1)
			goto out;
		trim_nonword(&g);
		trim_nonword(&f);
		if (g.len > 0 && f.len > 0) {
			if ((full = join(g.s, f.s)) == NULL)
				goto out;
			if (strcmp(full, full_own) != 0 &&
			    pat_add(nm, &cap, full, strlen(full), 0) == -1)
				goto out;
			free(full);
			full = NULL;
		}
		for (w = 0; w < g.len && is_word((unsigned char)g.s[w]); w++)
			;
		if (!own_word(own, 2, g.s, g.len) && !own_word(own, 2, g.s, w) &&
		    pat_add(nm, &cap, g.s, g.len, 1) == -1)
			goto out;
		folded_free(&g);
		folded_free(&f);
	}
	if (nm->n > 1)
		qsort(nm->p, nm->n, sizeof(*nm->p), pat_cmp);
	for (i = 1, w = nm->n > 0; i < nm->n; i++) {	/* drop repeats */
		if (nm->p[i].len == nm->p[w - 1].len &&
		    memcmp(nm->p[i].s, nm->p[w - 1].s, nm->p[i].len) == 0) {
			if (nm->p[i].cap < nm->p[w - 1].cap)
				nm->p[w - 1].cap = nm->p[i].cap;
			free(nm->p[i].s);
		} else
			nm->p[w++] = nm->p[i];
	}
	nm->n = w;
	rc = 0;
out:
	free(full);
	free(full_own);
	folded_free(&g);
	folded_free(&f);
	folded_free(&own[0]);
	folded_free(&own[1]);
	if (rc == -1) {
		prov_names_free(nm);
		return NULL;
	}
	return nm;
}

void
prov_names_free(struct prov_names *nm)
{
	size_t	i;

	if (nm == NULL)
		return;
	for (i = 0; i < nm->n; i++)
		free(nm->p[i].s);
	free(nm->p);
	free(nm);
}
