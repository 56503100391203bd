/*
 * assets — the built front-end files (assets/govuk/…) are read into memory
 * once, in the parent before the workers fork, and served from there with
 * an ETag, a day's caching and the same security headers as pages.
 * Serving from memory keeps file-system calls (and seccomp surprises) out
 * of the request path, and no request path ever reaches the file system.
 */
#include <sys/stat.h>

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "extern.h"
#include "sbuf.h"

#define ASSETS_MAX	256
#define ASSET_SIZE_MAX	(4 * 1024 * 1024)

struct asset {
	char		*path;		/* "/assets/govuk/portal.css" */
	const char	*type;
	char		 etag[32];
	struct sbuf	 body;
};

static struct asset	assets[ASSETS_MAX];
static size_t		nassets;

static const struct {
	const char	*ext;
	const char	*type;
} types[] = {
	{ ".css", "text/css; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".mjs", "text/javascript; charset=utf-8" },
	{ ".svg", "image/svg+xml" },
	{ ".png", "image/png" },
	{ ".ico", "image/x-icon" },
	{ ".woff2", "font/woff2" },
	{ ".woff", "font/woff" },
	{ ".json", "application/json" },
	{ ".txt", "text/plain; charset=utf-8" },
};

static const char	*type_of(const char *);
static int		 load_file(const char *, const char *, char *, size_t);
static int		 load_dir(const char *, const char *, char *, size_t);

static const char *
type_of(const char *name)
{
	const char	*dot;
	size_t		 i;

	if ((dot = strrchr(name, '.')) == NULL)
		return (NULL);
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(dot, types[i].ext) == 0)
			return (types[i].type);
	return (NULL);
}

/* FNV-1a of the content: changes whenever the file does. */
static void
make_etag(struct asset *a)
{
	unsigned long long	h = 1469598103934665603ULL;
	size_t			i;

	for (i = 0; i < a->body.len; i++) {
		h ^= (unsigned char)a->body.data[i];
		h *= 1099511628211ULL;
	}
	(void)snprintf(a->etag, sizeof(a->etag), "\"%016llx\"", h);
}

static int
load_file(const char *fs, const char *url, char *err, size_t errlen)
{
	struct asset	*a;
	char		 buf[65536];
	ssize_t		 n;
	int		 fd;

	if (type_of(url) == NULL)
		return (0);	/* not something we serve */
	if (nassets == ASSETS_MAX) {
		snprintf(err, errlen, "more than %d asset files", ASSETS_MAX);
		return (-1);
	}
	a = &assets[nassets];
	if ((fd = open(fs, O_RDONLY)) == -1) {
		snprintf(err, errlen, "%s: cannot open", fs);
		return (-1);
	}
	sbuf_init(&a->body);
	while ((n = read(fd, buf, sizeof(buf))) > 0 &&
	    a->body.len + (size_t)n <= ASSET_SIZE_MAX)
		sbuf_append(&a->body, buf, (size_t)n);
	(void)close(fd);
	if (n != 0 || a->body.oom || (a->path = strdup(url)) == NULL) {
		snprintf(err, errlen, "%s: cannot read (or over 4 MB)", fs);
		sbuf_free(&a->body);
		return (-1);
	}
	a->type = type_of(url);
	make_etag(a);
	nassets++;
	return (0);
}

static int
load_dir(const char *fs, const char *url, char *err, size_t errlen)
{
	DIR		*d;
	struct dirent	*e;
	struct stat	 st;
	char		 fpath[1024], upath[1024];
	int		 rc = 0;

	if ((d = opendir(fs)) == NULL) {
		snprintf(err, errlen, "%s: cannot open folder (run make assets)", fs);
		return (-1);
	}
	while (rc == 0 && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || strcmp(e->d_name, "src") == 0)
			continue;
		if ((size_t)snprintf(fpath, sizeof(fpath), "%s/%s", fs,
		    e->d_name) >= sizeof(fpath) ||
		    (size_t)snprintf(upath, sizeof(upath), "%s/%s", url,
		    e->d_name) >= sizeof(upath) || stat(fpath, &st) == -1) {
			snprintf(err, errlen, "%s: path too long or unreadable", fs);
			rc = -1;
		} else if (S_ISDIR(st.st_mode))
			rc = load_dir(fpath, upath, err, errlen);
		else if (S_ISREG(st.st_mode))
			rc = load_file(fpath, upath, err, errlen);
	}
	closedir(d);
	return (rc);
}

/* Loads dir (the project's assets/) as /assets/…; 0 ok, -1 with err. */
int
assets_load(const char *dir, char *err, size_t errlen)
{
	return (load_dir(dir, "/assets", err, errlen));
}

int
assets_serve(struct http_request *req)
{
	struct ctx	 c;
	const char	*inm;
	size_t		 i;

	memset(&c, 0, sizeof(c));
	c.req = req;
	for (i = 0; i < nassets; i++)
		if (strcmp(assets[i].path, req->path) == 0)
			break;
	if (req->method != HTTP_METHOD_GET || i == nassets) {
		http_open(&c, "text/plain; charset=utf-8");
		http_response(req, 404, "Not found\n", 10);
		return (KORE_RESULT_OK);
	}
	c.cacheable = 1;	/* public files, revalidated by ETag */
	http_open(&c, assets[i].type);
	http_response_header(req, "cache-control", "public, max-age=86400");
	http_response_header(req, "etag", assets[i].etag);
	if (http_request_header(req, "if-none-match", &inm) &&
	    strcmp(inm, assets[i].etag) == 0) {
		http_response(req, 304, NULL, 0);
		return (KORE_RESULT_OK);
	}
	http_response(req, 200, assets[i].body.data, assets[i].body.len);
	return (KORE_RESULT_OK);
}
