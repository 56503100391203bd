/*
 * upload: checks and storage for uploaded documents (pure modules).
 *
 * Sections, one per file: filetype.c, zipcheck.c, pdfcheck.c,
 * docstore_crypto.c, multipart.c.  Every function treats its input as
 * hostile bytes from the network.  Reasons written to "why" are plain
 * English for the person who uploaded the file: they never repeat the
 * file's name or contents.
 */
#ifndef UPLOAD_H
#define UPLOAD_H

#include <stddef.h>

struct sbuf;

/* ---- filetype.c ------------------------------------------------------ */

enum ftype { FT_UNKNOWN, FT_PDF, FT_DOCX, FT_ODT, FT_PNG, FT_JPEG };

/*
 * Kind of document from its content alone (never its name): "%PDF-",
 * the PNG signature, JPEG FF D8 FF at offset 0; a zip (PK\3\4) is
 * FT_DOCX if it has both [Content_Types].xml and word/document.xml, or
 * FT_ODT if its first entry is "mimetype" holding exactly
 * "application/vnd.oasis.opendocument.text".  Anything else, including
 * a zip libzip cannot open, is FT_UNKNOWN.  Says nothing about safety:
 * DOCX/ODT still need zipcheck(), PDF pdfcheck().
 */
enum ftype	 filetype_detect(const unsigned char *, size_t);

/* Media type ("application/pdf") and extension without dot ("pdf");
 * FT_UNKNOWN gives "application/octet-stream" and "bin". */
const char	*filetype_media(enum ftype);
const char	*filetype_ext(enum ftype);

/* The type whose filetype_media() is media; FT_UNKNOWN for any other. */
enum ftype	 filetype_from_media(const char *);
void		 why_set(char *, size_t, const char *);

/* ---- docname.c ------------------------------------------------------- */

/*
 * Writes to out (outsz bytes, at least 16) the name a document of type
 * t is stored, listed and downloaded under, from the uploader's name
 * raw (UTF-8; NULL is ""): control characters, line separators,
 * noncharacters and every Unicode format character (bidi embeddings,
 * overrides and isolates, LRM/RLM/ALM, zero-width characters, BOM,
 * tags...) and invalid bytes are dropped, trailing dots and spaces
 * trimmed, and the extension replaced by filetype_ext(t) unless it is
 * already that (any case; "jpeg" for a JPEG): "report.hta" of a PDF is
 * "report.pdf", "scan.pdf" of a PNG "scan.png".  An empty name becomes
 * "document".  A name too long is cut at a character boundary, never
 * inside a UTF-8 sequence, keeping the extension.  Returns the length
 * written (0 only if outsz is too small).
 */
size_t		 docname(const char *, enum ftype, char *, size_t);

/* ---- imagecheck.c ---------------------------------------------------- */

/*
 * Checks the structure of a PNG or JPEG (type FT_PNG or FT_JPEG), not
 * only its first bytes.  PNG: the signature, IHDR first with sane
 * values, every chunk's length and CRC-32, critical chunks known, at
 * least one IDAT, IEND last.  JPEG: SOI, then every marker segment's
 * length up to SOS, the entropy-coded data up to the next marker, and so
 * on to EOI, with a frame (SOFn) before the first scan (extraneous bytes
 * before a marker are skipped, as decoders do).  Data after IEND
 * or EOI is judged by appended_check().  Refused: -1 with a reason in
 * why (which may be NULL); 0 otherwise.
 */
int		 imagecheck(const unsigned char *, size_t, enum ftype, char *,
		    size_t);

/*
 * Judges what follows the end of a file's own format in the len bytes
 * at buf: the bytes from end on (after a PDF's last %%EOF, a PNG's
 * IEND, a JPEG's EOI).  -1 (reason in why, which may be NULL) if they
 * hold an archive another program would open (zip, RAR, 7z, gzip, cab)
 * or markup a browser or mshta would run (HTML, script, SVG, XML, HTA),
 * or if a zip end record lies anywhere in the last 64 KiB of the file,
 * where every zip reader looks for one; else 0.
 */
int		 appended_check(const unsigned char *, size_t, size_t, char *,
		    size_t);

/* ---- zipcheck.c ------------------------------------------------------ */

/*
 * Checks a DOCX or ODT (type FT_DOCX or FT_ODT) read from path, or,
 * when path is NULL, from the len bytes at buf.  Every entry is
 * decompressed and its CRC checked, so sizes are measured, not taken
 * from the headers.  Refused (returns -1 and writes a reason to why,
 * which may be NULL): anything libzip cannot read, duplicate or unsafe
 * entry names, encrypted entries, more than 1000 entries, an entry over
 * 100 MB or 200 MB in total, an entry over 1 MiB that expands more than
 * 100 times, macros (DOCX: vbaProject*, vbaData.xml, a macroEnabled
 * content type; ODT: Basic/, Scripts/, script event listeners),
 * ActiveX controls and OLE objects (DOCX), password-protected ODT,
 * and external links other than hyperlinks (DOCX: TargetMode="External"
 * in a *.rels whose type is not hyperlink, or a hyperlink to a UNC
 * path or file: URL; ODT: an xlink:href outside the package on anything
 * but a text:a/draw:a link), DOCX fields that start programs (DDE,
 * DDEAUTO) or fetch outside content (INCLUDEPICTURE, INCLUDETEXT,
 * INCLUDE, IMPORT, LINK), in w:fldSimple or in w:instrText runs split
 * across elements, and imported chunks (w:altChunk, aFChunk).  Returns
 * 0 if none of these was found.
 */
int		 zipcheck(const char *, const unsigned char *, size_t,
		    enum ftype, char *, size_t);

/* ---- pdfcheck.c ------------------------------------------------------ */

/*
 * Checks the len bytes of a PDF.  Refused (-1, reason in why, which
 * may be NULL): no "%PDF-" at offset 0, no "%%EOF", the names
 * /JavaScript /JS /Launch /EmbeddedFile /EmbeddedFiles /RichMedia /XFA
 * /Encrypt anywhere outside well-formed stream data, also when spelt
 * with #xx escapes (/Java#53cript) and also inside Flate-compressed
 * object streams (whose /Filter, /First and /Length may be indirect);
 * an object stream that cannot be decoded (another filter, decode
 * parameters, an unresolvable /Filter, deflate data that stops short);
 * an /OpenAction or /AA action, direct, indirect, in an object stream
 * or down a /Next chain, of kind /URI, /GoToR, /GoToE, /SubmitForm,
 * /ImportData, /Launch, /JavaScript or /RichMedia; an archive or markup
 * after the last %%EOF (appended_check()).  Returns 0 otherwise.
 */
int		 pdfcheck(const unsigned char *, size_t, char *, size_t);

/* ---- docstore_crypto.c ----------------------------------------------- */

#define DOCSTORE_KEYBYTES	32
#define DOCSTORE_WRAPBYTES	72	/* nonce + sealed file key */

/*
 * Reads the master key from keyfile: 64 hex digits, optionally
 * followed by a newline.  Refuses a file that others (not owner or
 * group) may read or write, and any other content.  0, or -1 with a
 * message in err (which never contains key material).
 */
int		 docstore_master_load(const char *, unsigned char[32], char *,
		    size_t);

/*
 * Encrypts len bytes with a fresh random file key (secretstream
 * XChaCha20-Poly1305, 64 KiB chunks, the last tagged FINAL) and
 * appends the result to cipher_out; appends the file key, sealed with
 * the master key (crypto_secretbox), to wrapped_key_out
 * (DOCSTORE_WRAPBYTES bytes).  0, or -1 on allocation failure (output
 * contents then unspecified; the caller still owns and frees both).
 */
int		 docstore_encrypt(const unsigned char[32],
		    const unsigned char *, size_t, struct sbuf *,
		    struct sbuf *);

/*
 * Appends the plaintext of cipher to plain_out.  -1 (and plain_out
 * wiped and emptied) on any tampering: a wrong master key or wrapped
 * key, altered or reordered bytes, a stream cut short (no FINAL chunk)
 * or data after the FINAL chunk; also on allocation failure.
 */
int		 docstore_decrypt(const unsigned char[32],
		    const unsigned char *, size_t, const unsigned char *,
		    size_t, struct sbuf *);

/* Lower-case hex SHA-256 of len bytes, NUL-terminated. */
void		 sha256_hex(const unsigned char *, size_t, char[65]);

/* ---- multipart.c ----------------------------------------------------- */

struct mp_part {
	char			*name;		/* field name, UTF-8 */
	char			*filename;	/* NULL for plain fields */
	char			*ctype;		/* part Content-Type, or NULL */
	const unsigned char	*data;		/* points into the body */
	size_t			 len;
};

struct mp {
	struct mp_part	*parts;
	size_t		 nparts;
};

/*
 * Parses a multipart/form-data body (RFC 7578) of len bytes, the
 * boundary taken from the Content-Type header value ct (quoted or
 * not).  Each part needs Content-Disposition: form-data with a name;
 * filename*=UTF-8''... (or ISO-8859-1) wins over filename=.  Names,
 * filenames and content types are copied; data points into body, which
 * must outlive the mp.  Filenames are cut to their last / or \
 * component, control characters removed, "." and ".." become "";
 * a file input left empty gives filename "".  Preamble and epilogue
 * are ignored.  Returns 0, or -1 with m emptied on: a missing or
 * malformed boundary, no closing boundary, more than max_parts parts,
 * a bad header, invalid UTF-8 or control characters in a name.
 */
int		 mp_parse(struct mp *, const unsigned char *, size_t,
		    const char *, size_t);

/* Frees what mp_parse() allocated and empties m (not m itself). */
void		 mp_free(struct mp *);

#endif /* UPLOAD_H */
