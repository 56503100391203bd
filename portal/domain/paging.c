/*
 * paging — page numbers and the pagination component's items (GOV.UK
 * Design System: first, last, current and its neighbours, ellipses
 * between). Pure.
 */
#include <stdlib.h>
#include <string.h>

#include "paging.h"
#include "sbuf.h"

long
paging_page_of(const char *s)
{
	size_t	n;

	if (s == NULL || *s < '1' || *s > '9')
		return (1);
	n = strspn(s, "0123456789");
	if (n > 9 || s[n] != '\0')
		return (1);
	return (strtol(s, NULL, 10));
}

void
paging_init(struct paging *p, long total, long size, long page)
{
	p->total = total < 0 ? 0 : total;
	p->size = size < 1 ? PAGE_SIZE : size;
	p->pages = p->total == 0 ? 1 : (p->total + p->size - 1) / p->size;
	p->page = page < 1 ? 1 : page > p->pages ? p->pages : page;
	p->offset = (p->page - 1) * p->size;
}

int
paging_items(const struct paging *p, long out[PAGING_ITEMS_MAX])
{
	long	k, from, to;
	int	n = 0;

	if (p->pages <= 1)
		return (0);
	from = p->page - 1 < 2 ? 2 : p->page - 1;
	to = p->page + 1 > p->pages - 1 ? p->pages - 1 : p->page + 1;
	out[n++] = 1;
	if (from > 2)
		out[n++] = 0;
	for (k = from; k <= to; k++)
		out[n++] = k;
	if (to < p->pages - 1)
		out[n++] = 0;
	out[n++] = p->pages;
	return (n);
}

int
paging_sort_of(const char *s, const char *const *names, int n)
{
	int	i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return (i);
	return (0);
}

void
url_component(struct sbuf *b, const char *s)
{
	static const char	hex[] = "0123456789ABCDEF";
	char			pct[3];

	for (; s != NULL && *s != '\0'; s++) {
		if ((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		    (*s >= '0' && *s <= '9') || strchr("-._~", *s) != NULL) {
			sbuf_append(b, s, 1);
			continue;
		}
		pct[0] = '%';
		pct[1] = hex[(unsigned char)*s >> 4];
		pct[2] = hex[(unsigned char)*s & 15];
		sbuf_append(b, pct, 3);
	}
}
