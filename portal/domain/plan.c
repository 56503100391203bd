/*
 * plan — draft EHC plan assembly and re-assembly.  See plan.h.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "advice.h"
#include "plan.h"
#include "provision.h"
#include "sbuf.h"
#include "template.h"

static const struct {
	const char	*id;
	const char	*title;
	int		 grouped;	/* by broad area of need */
} sections[PLAN__MAX] = {
	{ "A", "The views, interests and aspirations of the child or young "
	    "person and their parents", 0 },
	{ "B", "Special educational needs", 1 },
	{ "C", "Health needs related to their special educational needs", 0 },
	{ "D", "Social care needs related to their special educational needs "
	    "or disability", 0 },
	{ "E", "Outcomes", 1 },
	{ "F", "Special educational provision", 1 },
	{ "G", "Health provision", 0 },
	{ "H1", "Social care provision under section 2 of the Chronically Sick "
	    "and Disabled Persons Act 1970", 0 },
	{ "H2", "Other social care provision", 0 },
	{ "I", "Placement", 0 },
	{ "J", "Personal budget", 0 },
	{ "K", "Advice and information", 0 },
};

/* The order areas are grouped in; anything else sorts with "general". */
static const char *const areas[] = {
	"communication_interaction", "cognition_learning", "semh",
	"sensory_physical", "preparing_for_adulthood", "general"
};

/* An advice's answers sorted by (field, row, column) for binary search:
 * assembling 12 pieces of advice looks answers up thousands of times. */
struct vindex {
	const struct aval	**v;
	size_t			  n;
};

static int	 vindex_build(const struct avals *, struct vindex *);
static int	 vcmp(const char *, int, const char *, const struct aval *);
static int	 vcmp_sort(const void *, const void *);
static size_t	 vlower(const struct vindex *, const char *, int, const char *);
static const char *vget(const struct vindex *, const char *, int, const char *);
static int	 vrows(const struct vindex *, const char *);
static int	 area_rank(const char *);
static char	*dup_or_empty(const char *);
static void	 copy(char *, size_t, const char *);
static char	*dup_trim(const char *, size_t);
static void	 para_free(struct plan_para *);
static int	 para_copy(struct plan_para *, const struct plan_para *);
static int	 body_insert(struct plan_body *, size_t, struct plan_para *);
static int	 para_make(struct plan_para *, const struct plan_advice *,
		    const struct tpl_field *, int, const char *, size_t);
static int	 add_field(struct plan_draft *, const struct plan_advice *,
		    const struct vindex *, const struct tpl_field *);
static int	 add_text(struct plan_draft *, enum plan_section,
		    const struct plan_advice *, const struct tpl_field *,
		    const char *);
static int	 add_rows(struct plan_draft *, enum plan_section,
		    const struct plan_advice *, const struct vindex *,
		    const struct tpl_field *);
static int	 add_listing(struct plan_draft *, const struct plan_advice *);
static int	 group(struct plan_body *);
static int	 assembled_has(const struct plan_draft *, long);
static int	 assembled_add(struct plan_draft *, long);
static int	 same_source(const struct plan_source *, const struct plan_source *);
static size_t	 new_position(const struct plan_body *, int, const char *);
static const char *or_dash(const char *);

const char *
plan_section_id(enum plan_section s)
{
	return (unsigned)s < PLAN__MAX ? sections[s].id : NULL;
}

const char *
plan_section_title(enum plan_section s)
{
	return (unsigned)s < PLAN__MAX ? sections[s].title : NULL;
}

int
plan_section_parse(const char *id)
{
	int	i;

	for (i = 0; id != NULL && i < PLAN__MAX; i++)
		if (strcmp(sections[i].id, id) == 0)
			return i;
	return -1;
}

static int
vcmp(const char *field, int row, const char *column, const struct aval *v)
{
	int	c;

	if ((c = strcmp(field, v->field)) != 0)
		return c;
	if (row != v->row)
		return row < v->row ? -1 : 1;
	return strcmp(column, v->column);
}

static int
vcmp_sort(const void *a, const void *b)
{
	const struct aval	*x = *(const struct aval *const *)a;
	const struct aval	*y = *(const struct aval *const *)b;

	return vcmp(x->field, x->row, x->column, y);
}

/* 0, or -1 out of memory.  The caller frees ix->v. */
static int
vindex_build(const struct avals *a, struct vindex *ix)
{
	size_t	i;

	ix->n = a->n;
	if ((ix->v = malloc((a->n ? a->n : 1) * sizeof(*ix->v))) == NULL)
		return -1;
	for (i = 0; i < a->n; i++)
		ix->v[i] = &a->v[i];
	if (ix->n > 1)
		qsort(ix->v, ix->n, sizeof(*ix->v), vcmp_sort);
	return 0;
}

/* The first answer at or after (field, row, column). */
static size_t
vlower(const struct vindex *ix, const char *field, int row, const char *column)
{
	size_t	lo = 0, hi = ix->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (vcmp(field, row, column, ix->v[mid]) > 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The answer or NULL, as avals_get(). */
static const char *
vget(const struct vindex *ix, const char *field, int row, const char *column)
{
	size_t	i = vlower(ix, field, row, column);

	return i < ix->n && vcmp(field, row, column, ix->v[i]) == 0 ?
	    ix->v[i]->value : NULL;
}

/* Rows stored for a rows field, as avals_rows(). */
static int
vrows(const struct vindex *ix, const char *field)
{
	size_t	i = vlower(ix, field, INT_MAX, "");

	if (i == 0 || strcmp(ix->v[i - 1]->field, field) != 0 ||
	    ix->v[i - 1]->row < 0)
		return 0;
	return ix->v[i - 1]->row + 1;
}

static int
area_rank(const char *area)
{
	size_t	i;

	for (i = 0; area != NULL && i < sizeof(areas) / sizeof(areas[0]); i++)
		if (strcmp(areas[i], area) == 0)
			return (int)i;
	return (int)(sizeof(areas) / sizeof(areas[0])) - 1;
}

static char *
dup_or_empty(const char *s)
{
	return strdup(s != NULL ? s : "");
}

/* src (NULL: "") into dst of size bytes, cut to fit, always terminated. */
static void
copy(char *dst, size_t size, const char *src)
{
	size_t	n = src != NULL ? strnlen(src, size - 1) : 0;

	memcpy(dst, src != NULL ? src : "", n);
	dst[n] = '\0';
}

/* The len bytes of s without leading and trailing white space; NULL out
 * of memory. */
static char *
dup_trim(const char *s, size_t len)
{
	while (len > 0 && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
	    s[len - 1] == '\r' || s[len - 1] == '\n'))
		len--;
	return strndup(s, len);
}

static void
para_free(struct plan_para *p)
{
	free(p->area);
	free(p->text);
	free(p->by_whom);
	free(p->how_often);
	free(p->how_long);
	free(p->label);
	free(p->adviser);
	free(p->role);
	free(p->service);
	free(p->kind);
	memset(p, 0, sizeof(*p));
}

/* Deep copy; 0, or -1 out of memory with dst empty. */
static int
para_copy(struct plan_para *dst, const struct plan_para *src)
{
	*dst = *src;
	dst->area = dup_or_empty(src->area);
	dst->text = dup_or_empty(src->text);
	dst->by_whom = src->by_whom ? strdup(src->by_whom) : NULL;
	dst->how_often = src->how_often ? strdup(src->how_often) : NULL;
	dst->how_long = src->how_long ? strdup(src->how_long) : NULL;
	dst->label = dup_or_empty(src->label);
	dst->adviser = dup_or_empty(src->adviser);
	dst->role = dup_or_empty(src->role);
	dst->service = dup_or_empty(src->service);
	dst->kind = dup_or_empty(src->kind);
	if (dst->area == NULL || dst->text == NULL || dst->label == NULL ||
	    dst->adviser == NULL || dst->role == NULL || dst->service == NULL ||
	    dst->kind == NULL || (src->by_whom && dst->by_whom == NULL) ||
	    (src->how_often && dst->how_often == NULL) ||
	    (src->how_long && dst->how_long == NULL)) {
		para_free(dst);
		return -1;
	}
	return 0;
}

/* Moves *p into b at position at (≤ b->n); 0, or -1 out of memory with
 * *p freed. */
static int
body_insert(struct plan_body *b, size_t at, struct plan_para *p)
{
	struct plan_para	*v;
	size_t			 cap;

	if (b->n == b->cap) {
		cap = b->cap ? b->cap * 2 : 8;
		if ((v = realloc(b->p, cap * sizeof(*v))) == NULL) {
			para_free(p);
			return -1;
		}
		b->p = v;
		b->cap = cap;
	}
	memmove(b->p + at + 1, b->p + at, (b->n - at) * sizeof(*b->p));
	b->p[at] = *p;
	b->n++;
	memset(p, 0, sizeof(*p));
	return 0;
}

void
plan_draft_init(struct plan_draft *d)
{
	memset(d, 0, sizeof(*d));
}

void
plan_draft_free(struct plan_draft *d)
{
	size_t	s, i;

	for (s = 0; s < PLAN__MAX; s++) {
		for (i = 0; i < d->s[s].n; i++)
			para_free(&d->s[s].p[i]);
		free(d->s[s].p);
	}
	free(d->assembled);
	plan_draft_init(d);
}

static int
assembled_has(const struct plan_draft *d, long advice_id)
{
	size_t	i;

	for (i = 0; i < d->nassembled; i++)
		if (d->assembled[i] == advice_id)
			return 1;
	return 0;
}

static int
assembled_add(struct plan_draft *d, long advice_id)
{
	long	*v;

	if (assembled_has(d, advice_id))
		return 0;
	if ((v = realloc(d->assembled, (d->nassembled + 1) * sizeof(*v))) == NULL)
		return -1;
	d->assembled = v;
	d->assembled[d->nassembled++] = advice_id;
	return 0;
}

/* A paragraph attributed to advice a, from field f (NULL for the K
 * listing), part, with text (len bytes, trimmed here).  0, or -1 out of
 * memory with p empty. */
static int
para_make(struct plan_para *p, const struct plan_advice *a,
    const struct tpl_field *f, int part, const char *text, size_t len)
{
	memset(p, 0, sizeof(*p));
	p->area = dup_or_empty(f != NULL ? f->area : "general");
	p->text = dup_trim(text, len);
	p->label = dup_or_empty(f != NULL ? f->label : "");
	p->adviser = dup_or_empty(a->adviser);
	p->role = dup_or_empty(a->role);
	p->service = dup_or_empty(a->service);
	p->kind = dup_or_empty(a->kind);
	copy(p->advice_date, sizeof(p->advice_date), a->advice_date);
	p->src.request_id = a->request_id;
	p->src.advice_id = a->advice_id;
	copy(p->src.field, sizeof(p->src.field), f != NULL ? f->id : NULL);
	p->src.part = part;
	if (p->area == NULL || p->text == NULL || p->label == NULL ||
	    p->adviser == NULL || p->role == NULL || p->service == NULL ||
	    p->kind == NULL) {
		para_free(p);
		return -1;
	}
	return 0;
}

/* K: "Educational advice from Jane Patel, SENCO, Brookfield Primary". */
static int
add_listing(struct plan_draft *d, const struct plan_advice *a)
{
	struct plan_para	 p;
	struct sbuf		 b;
	int			 rc = -1;

	sbuf_init(&b);
	sbuf_printf(&b, "%s from %s", a->tpl->title,
	    a->adviser != NULL && *a->adviser != '\0' ? a->adviser : "(not named)");
	if (a->role != NULL && *a->role != '\0')
		sbuf_printf(&b, ", %s", a->role);
	if (a->service != NULL && *a->service != '\0')
		sbuf_printf(&b, ", %s", a->service);
	if (!b.oom && para_make(&p, a, NULL, -1, b.data, b.len) == 0)
		rc = body_insert(&d->s[PLAN_K], d->s[PLAN_K].n, &p);
	sbuf_free(&b);
	return rc;
}

/* One answer into section s: one paragraph, or one per non-blank line in
 * E (a leading "- ", "* " or "• " dropped). */
static int
add_text(struct plan_draft *d, enum plan_section s, const struct plan_advice *a,
    const struct tpl_field *f, const char *v)
{
	struct plan_para	 p;
	const char		*line, *end;
	size_t			 len;
	int			 part = 0;

	if (s != PLAN_E) {
		if (para_make(&p, a, f, -1, v, strlen(v)) == -1)
			return -1;
		if (*p.text == '\0') {
			para_free(&p);
			return 0;
		}
		return body_insert(&d->s[s], d->s[s].n, &p);
	}
	for (line = v; *line != '\0'; line = *end ? end + 1 : end) {
		end = strchr(line, '\n');
		if (end == NULL)
			end = line + strlen(line);
		while (line < end && (*line == ' ' || *line == '\t'))
			line++;
		if (end - line >= 2 && (line[0] == '-' || line[0] == '*') &&
		    line[1] == ' ')
			line += 2;
		else if (end - line >= 4 && memcmp(line, "\xe2\x80\xa2 ", 4) == 0)
			line += 4;
		len = (size_t)(end - line);
		if (para_make(&p, a, f, part, line, len) == -1)
			return -1;
		if (*p.text == '\0') {
			para_free(&p);
			continue;
		}
		part++;
		if (body_insert(&d->s[s], d->s[s].n, &p) == -1)
			return -1;
	}
	return 0;
}

/* A rows answer: one paragraph per row with any cell filled. */
static int
add_rows(struct plan_draft *d, enum plan_section s, const struct plan_advice *a,
    const struct vindex *ix, const struct tpl_field *f)
{
	static const char *const cells[3] = { "by_whom", "how_often", "how_long" };
	struct plan_para	 p;
	const char		*what, *v[3];
	char			**dst[3];
	int			 r, rows = vrows(ix, f->id), any;
	size_t			 c;

	for (r = 0; r < rows; r++) {
		what = vget(ix, f->id, r, "what");
		if (what == NULL && f->ncolumns > 0)
			what = vget(ix, f->id, r, f->columns[0].id);
		any = what != NULL && *what != '\0';
		for (c = 0; c < 3; c++) {
			v[c] = vget(ix, f->id, r, cells[c]);
			any |= v[c] != NULL && *v[c] != '\0';
		}
		if (!any)
			continue;
		if (para_make(&p, a, f, r, what ? what : "", what ?
		    strlen(what) : 0) == -1)
			return -1;
		dst[0] = &p.by_whom;
		dst[1] = &p.how_often;
		dst[2] = &p.how_long;
		for (c = 0; c < 3; c++) {
			if (tpl_column(f, cells[c]) == NULL)
				continue;
			*dst[c] = dup_trim(v[c] ? v[c] : "", v[c] ? strlen(v[c]) : 0);
			if (*dst[c] == NULL) {
				para_free(&p);
				return -1;
			}
		}
		if (body_insert(&d->s[s], d->s[s].n, &p) == -1)
			return -1;
	}
	return 0;
}

/* A field's answer into every section it feeds (never I). */
static int
add_field(struct plan_draft *d, const struct plan_advice *a,
    const struct vindex *ix, const struct tpl_field *f)
{
	const char	*v;
	size_t		 i, k;
	int		 s;

	for (i = 0; i < f->nfeeds; i++) {
		if ((s = plan_section_parse(f->feeds[i])) == -1 || s == PLAN_I)
			continue;
		if (f->type == TPL_ROWS) {
			if (add_rows(d, (enum plan_section)s, a, ix, f) == -1)
				return -1;
			continue;
		}
		if ((v = vget(ix, f->id, -1, "")) == NULL)
			continue;
		for (k = 0; f->type == TPL_CHOICE && k < f->noptions; k++)
			if (strcmp(f->options[k].value, v) == 0) {
				v = f->options[k].label;
				break;
			}
		if (add_text(d, (enum plan_section)s, a, f, v) == -1)
			return -1;
	}
	return 0;
}

/* Stable sort by area: a counting sort over the six ranks.  0, or -1
 * out of memory (b unchanged). */
static int
group(struct plan_body *b)
{
	enum { NAREAS = sizeof(areas) / sizeof(areas[0]) };
	struct plan_para	*sorted;
	size_t			 i, start[NAREAS + 1];
	int			*rank, r;

	if (b->n < 2)
		return 0;
	sorted = malloc(b->n * sizeof(*sorted));
	rank = malloc(b->n * sizeof(*rank));
	if (sorted == NULL || rank == NULL) {
		free(sorted);
		free(rank);
		return -1;
	}
	memset(start, 0, sizeof(start));
	for (i = 0; i < b->n; i++) {
		rank[i] = area_rank(b->p[i].area);
		start[rank[i] + 1]++;
	}
	for (r = 0; r < NAREAS; r++)
		start[r + 1] += start[r];
	for (i = 0; i < b->n; i++)
		sorted[start[rank[i]]++] = b->p[i];
	memcpy(b->p, sorted, b->n * sizeof(*sorted));
	free(sorted);
	free(rank);
	return 0;
}

int
plan_assemble(const struct plan_advice *a, size_t n, struct plan_draft *d)
{
	struct vindex	ix;
	size_t		i, j;
	int		s, rc;

	plan_draft_init(d);
	for (i = 0; i < n; i++) {
		if (a[i].tpl == NULL || a[i].values == NULL)
			continue;
		if (assembled_add(d, a[i].advice_id) == -1 ||
		    add_listing(d, &a[i]) == -1 ||
		    vindex_build(a[i].values, &ix) == -1)
			return -1;
		for (j = 0, rc = 0; rc == 0 && j < a[i].tpl->nfields; j++)
			rc = add_field(d, &a[i], &ix, &a[i].tpl->fields[j]);
		free(ix.v);
		if (rc == -1)
			return -1;
	}
	for (s = 0; s < PLAN__MAX; s++)
		if (sections[s].grouped && group(&d->s[s]) == -1)
			return -1;
	return 0;
}

static int
same_source(const struct plan_source *a, const struct plan_source *b)
{
	return a->request_id != 0 && a->request_id == b->request_id &&
	    a->part == b->part && strcmp(a->field, b->field) == 0;
}

/* Where a new paragraph of that area goes: after the last of its area,
 * else before the first of a later area, else at the end. */
static size_t
new_position(const struct plan_body *b, int grouped, const char *area)
{
	size_t	i;
	int	rank = area_rank(area);

	if (!grouped)
		return b->n;
	for (i = b->n; i > 0; i--)
		if (area_rank(b->p[i - 1].area) == rank)
			return i;
	for (i = 0; i < b->n; i++)
		if (area_rank(b->p[i].area) > rank)
			return i;
	return b->n;
}

int
plan_reassemble(const struct plan_draft *prev, const struct plan_draft *fresh,
    struct plan_draft *out)
{
	const struct plan_para	*fp;
	struct plan_para	 p;
	size_t			 i, j;
	int			 s, known;

	plan_draft_init(out);
	for (i = 0; i < prev->nassembled; i++)
		if (assembled_add(out, prev->assembled[i]) == -1)
			return -1;
	for (i = 0; i < fresh->nassembled; i++)
		if (assembled_add(out, fresh->assembled[i]) == -1)
			return -1;
	for (s = 0; s < PLAN__MAX; s++) {
		out->s[s].version = prev->s[s].version;
		if (s == PLAN_I)
			continue;
		for (i = 0; i < prev->s[s].n; i++) {
			if (para_copy(&p, &prev->s[s].p[i]) == -1)
				return -1;
			p.is_new = 0;
			if (body_insert(&out->s[s], out->s[s].n, &p) == -1)
				return -1;
		}
		for (i = 0; i < fresh->s[s].n; i++) {
			fp = &fresh->s[s].p[i];
			known = assembled_has(prev, fp->src.advice_id);
			for (j = 0; !known && j < prev->s[s].n; j++)
				known = same_source(&prev->s[s].p[j].src, &fp->src);
			if (known)
				continue;
			if (para_copy(&p, fp) == -1)
				return -1;
			p.is_new = 1;
			p.edited = 0;
			if (body_insert(&out->s[s], new_position(&out->s[s],
			    sections[s].grouped, p.area), &p) == -1)
				return -1;
		}
	}
	return 0;
}

int
plan_source_key(const struct plan_source *src, char *buf, size_t len)
{
	return snprintf(buf, len, "%ld/%s/%d", src->request_id, src->field,
	    src->part);
}

int
plan_version_parse(const char *s, long *out)
{
	long	v = 0;
	size_t	i;

	if (s == NULL || *s == '\0' || strlen(s) > 9 ||
	    (s[0] == '0' && s[1] != '\0'))
		return -1;
	for (i = 0; s[i] != '\0'; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

enum plan_version_check
plan_version_check(long expected, long current)
{
	if (expected < 0 || expected > current)
		return PLAN_VERSION_INVALID;
	return expected < current ? PLAN_VERSION_STALE : PLAN_VERSION_OK;
}

void
plan_version_message(enum plan_version_check c, enum plan_section s, char *buf,
    size_t len)
{
	const char	*id = plan_section_id(s) ? plan_section_id(s) : "?";

	if (len == 0)
		return;
	buf[0] = '\0';
	if (c == PLAN_VERSION_STALE)
		(void)snprintf(buf, len, "Section %s was changed by someone else "
		    "after you opened it. Your changes have not been saved: "
		    "copy them, open section %s again and make them there.",
		    id, id);
	else if (c == PLAN_VERSION_INVALID)
		(void)snprintf(buf, len, "Section %s could not be saved because "
		    "the page is out of date. Your changes have not been saved: "
		    "copy them, open section %s again and make them there.",
		    id, id);
}

int
plan_check(const struct plan_draft *d, const struct prov_conf *conf,
    const struct prov_names *names, struct prov_flags *flags)
{
	struct prov_text	 t;
	const struct plan_para	*p;
	size_t			 i;
	int			 s;

	for (s = 0; s < PLAN__MAX; s++)
		for (i = 0; i < d->s[s].n; i++) {
			p = &d->s[s].p[i];
			t.section = sections[s].id;
			t.paragraph = i + 1;
			t.text = p->text;
			t.by_whom = p->by_whom;
			t.how_often = p->how_often;
			t.how_long = p->how_long;
			if (prov_check(conf, names, &t, flags) == -1)
				return -1;
		}
	return 0;
}

/* "-" for a cell that is missing or empty. */
static const char *
or_dash(const char *s)
{
	return s != NULL && *s != '\0' ? s : "-";
}

void
plan_render_text(const struct plan_draft *d, struct sbuf *b)
{
	const struct plan_para	*p;
	const char		*area, *label;
	char			 key[128];
	size_t			 i;
	int			 s;

	for (s = 0; s < PLAN__MAX; s++) {
		sbuf_printf(b, "== %s: %s (version %ld)\n", sections[s].id,
		    sections[s].title, d->s[s].version);
		if (s == PLAN_I && d->s[s].n == 0)
			sbuf_puts(b, "   (blank in a draft)\n");
		area = NULL;
		for (i = 0; i < d->s[s].n; i++) {
			p = &d->s[s].p[i];
			if (sections[s].grouped && (area == NULL ||
			    strcmp(area, p->area) != 0)) {
				area = p->area;
				label = tpl_area_label(area);
				sbuf_printf(b, "-- %s\n", label ? label : area);
			}
			sbuf_printf(b, "%zu. %s%s%s\n", i + 1, p->is_new ?
			    "[new] " : "", p->edited ? "[edited] " : "", p->text);
			if (p->by_whom || p->how_often || p->how_long)
				sbuf_printf(b, "   who: %s | how often: %s | "
				    "how long: %s\n", or_dash(p->by_whom),
				    or_dash(p->how_often), or_dash(p->how_long));
			(void)plan_source_key(&p->src, key, sizeof(key));
			sbuf_printf(b, "   source %s (%s): %s, %s, %s, %s\n", key,
			    *p->label ? p->label : p->kind, p->adviser, p->role,
			    p->service, p->advice_date);
		}
	}
}
