/*
 * filetype: what an upload is, from its bytes.  See upload.h.
 *
 * The client's file name and Content-Type are never consulted: a
 * program renamed "report.pdf" is FT_UNKNOWN here and is refused.
 */
#include <string.h>

#include <zip.h>

#include "upload.h"

#define ODT_MIMETYPE	"application/vnd.oasis.opendocument.text"

static enum ftype	 zip_kind(const unsigned char *, size_t);
static int		 odt_mimetype(zip_t *);

/* Signatures at offset 0, checked in order; zips are looked into. */
static const struct {
	const char	*magic;
	size_t		 len;
	enum ftype	 type;
} magics[] = {
	{ "%PDF-", 5, FT_PDF },
	{ "\x89PNG\r\n\x1a\n", 8, FT_PNG },
	{ "\xff\xd8\xff", 3, FT_JPEG },
	{ "PK\x03\x04", 4, FT_DOCX },	/* refined by zip_kind() */
};

/* Indexed by enum ftype. */
static const char *const medias[] = {
	"application/octet-stream",
	"application/pdf",
	("application/vnd.openxmlformats-officedocument."
	    "wordprocessingml.document"),
	"application/vnd.oasis.opendocument.text",
	"image/png",
	"image/jpeg",
};

static const char *const exts[] = {
	"bin", "pdf", "docx", "odt", "png", "jpg",
};

enum ftype
filetype_detect(const unsigned char *buf, size_t len)
{
	size_t	 i;

	if (buf == NULL)
		return FT_UNKNOWN;
	for (i = 0; i < sizeof(magics) / sizeof(magics[0]); i++) {
		if (len < magics[i].len ||
		    memcmp(buf, magics[i].magic, magics[i].len) != 0)
			continue;
		if (magics[i].type == FT_DOCX)
			return zip_kind(buf, len);
		return magics[i].type;
	}
	return FT_UNKNOWN;
}

const char *
filetype_media(enum ftype t)
{

	if ((size_t)t >= sizeof(medias) / sizeof(medias[0]))
		t = FT_UNKNOWN;
	return medias[t];
}

const char *
filetype_ext(enum ftype t)
{

	if ((size_t)t >= sizeof(exts) / sizeof(exts[0]))
		t = FT_UNKNOWN;
	return exts[t];
}

/* FT_DOCX, FT_ODT or FT_UNKNOWN for the zip in buf. */
static enum ftype
zip_kind(const unsigned char *buf, size_t len)
{
	zip_source_t	*src;
	zip_t		*za;
	zip_error_t	 ze;
	enum ftype	 t = FT_UNKNOWN;

	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(buf, len, 0, &ze)) == NULL)
		goto out;
	if ((za = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL) {
		zip_source_free(src);
		goto out;
	}
	if (zip_name_locate(za, "[Content_Types].xml", 0) >= 0 &&
	    zip_name_locate(za, "word/document.xml", 0) >= 0)
		t = FT_DOCX;
	else if (odt_mimetype(za))
		t = FT_ODT;
	zip_discard(za);	/* also frees src */
out:
	zip_error_fini(&ze);
	return t;
}

/* 1 if entry 0 is "mimetype" holding exactly the ODT media type. */
static int
odt_mimetype(zip_t *za)
{
	zip_file_t	*zf;
	const char	*name;
	char		 got[sizeof(ODT_MIMETYPE) + 1];
	zip_int64_t	 n;

	if (zip_get_num_entries(za, 0) < 1 ||
	    (name = zip_get_name(za, 0, ZIP_FL_ENC_RAW)) == NULL ||
	    strcmp(name, "mimetype") != 0)
		return 0;
	if ((zf = zip_fopen_index(za, 0, 0)) == NULL)
		return 0;
	/* One byte more than the type: a longer entry must not match. */
	n = zip_fread(zf, got, sizeof(got));
	zip_fclose(zf);
	return n == (zip_int64_t)strlen(ODT_MIMETYPE) &&
	    memcmp(got, ODT_MIMETYPE, (size_t)n) == 0;
}

enum ftype
filetype_from_media(const char *media)
{
	size_t	 i;

	for (i = 1; media != NULL && i < sizeof(medias) / sizeof(medias[0]);
	    i++)
		if (strcmp(media, medias[i]) == 0)
			return (enum ftype)i;
	return FT_UNKNOWN;
}

/* Copies reason into why (whylen bytes, always terminated, cut if
 * longer); nothing when why is NULL. The checks' one way to say why. */
void
why_set(char *why, size_t whylen, const char *reason)
{
	size_t	 n;

	if (why == NULL || whylen == 0)
		return;
	n = strlen(reason);
	if (n >= whylen)
		n = whylen - 1;
	memcpy(why, reason, n);
	why[n] = '\0';
}
