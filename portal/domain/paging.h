/*
 * paging — long lists shown a page at a time, and the GOV.UK pagination
 * component's items. Pure: no Kore headers.
 */
#ifndef PORTAL_PAGING_H
#define PORTAL_PAGING_H

#define PAGE_SIZE	25
#define PAGING_ITEMS_MAX	7	/* 1 … 4 5 6 … 9 */

struct paging {
	long	page;		/* 1-based, within 1..pages */
	long	pages;		/* at least 1, even for an empty list */
	long	total;		/* rows in the whole list */
	long	size;		/* rows per page */
	long	offset;		/* rows before this page */
};

/*
 * The page number a query string carries ("?page=N"): N when it is 1 to
 * 9 digits without a leading zero, else 1 (a bad number shows the first
 * page rather than an error).
 */
long	paging_page_of(const char *);

/* Fills p for total rows, size per page and the page asked for, clamped
 * into 1..pages (a page past the end shows the last one). */
void	paging_init(struct paging *, long total, long size, long page);

/*
 * The page numbers the pagination component shows, in out (0 stands for
 * an ellipsis): the first, the last, the current and its neighbours.
 * Returns how many (at most PAGING_ITEMS_MAX; 0 when there is one page).
 */
int	paging_items(const struct paging *, long out[PAGING_ITEMS_MAX]);

/*
 * The index in names[n] of the sort a query string asks for, or 0 (the
 * default, names[0]) when it is absent or not one of them.
 */
int	paging_sort_of(const char *, const char *const *, int n);

struct sbuf;
/* Appends s percent-encoded for a query string (all but A-Z a-z 0-9 - . _ ~). */
void	url_component(struct sbuf *, const char *);

#endif
