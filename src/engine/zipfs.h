/*
** zipfs.h: a zip archive read as a read-only file system: /zip/ paths and
** their one normalisation, entries that are symbolic links, and .args.
** See LICENSE.
*/
#ifndef MOONBOX_ZIPFS_H
#define MOONBOX_ZIPFS_H

#include <stddef.h>
#include <stdint.h>

#include "zip.h"

/*
** Every name of the archive that is made from text -- a /zip/ path, the
** target of a link entry, a --bundle command-line path, an embedded zone
** name -- is made by zipfs_clean, by one rule:
**
**   Components are read left to right. Empty components ("a//b") and "."
**   are nothing. ".." takes back the component before it. At the
**   archive's root there is nothing to take back: ".." stays at the root,
**   as the kernel reads "/.." as "/". So "/zip/../etc/passwd" is the
**   archive's entry "etc/passwd", never the file /etc/passwd, and no name
**   made here leads outside the archive.
**
** zipfs_clean reports when a ".." met the root (ZIPFS_CLIMBED). A caller
** whose text came from a tree with more above it treats that as leaving
** the archive: the target of a link entry that climbs names nothing (as
** an absolute target does), and --bundle refuses a command-line path that
** climbs, since no entry name can hold where it leads.
**
** This engine keeps no state of its own, allocates nothing and prints
** nothing; every lookup takes the zip it works on.
*/

/* Bits of zipfs_clean's *how. */
#define ZIPFS_DIR 1u     /* the text asked for a directory */
#define ZIPFS_CLIMBED 2u /* a ".." met the root and stayed there */

/* The failure value of the functions returning a length or a count. */
#define ZIPFS_FAIL ((size_t)-1)

/* Room for a name made by following a link, its NUL included. */
#define ZIPFS_NAME_MAX 4096

/* How many links in a row a lookup follows; one more is a loop. */
#define ZIPFS_MAX_LINKS 8

/*
** zipfs_rest: whether path names something in the archive: "/zip",
** "/zip/..." and the spellings the kernel reads the same at the root
** ("//zip/x", "/./zip/x", "/../zip/x"). Returns the part after "zip"
** ("" or starting with '/'), for zipfs_clean; NULL when path (which may
** be NULL) is not a /zip/ path.
*/
const char *zipfs_rest(const char *path);

/*
** zipfs_clean: the entry name text in[0..len) means, by the rule above,
** written to out (which may be in itself: the name is never longer than
** the text, so out needs len bytes; no NUL is added). A text ending in
** '/' or in a "." or ".." component asks for a directory: a non-empty
** result then ends with '/' (zip_stat reads such a name as a directory
** only). "" is the root. *how gets ZIPFS_DIR and ZIPFS_CLIMBED as they
** apply. Returns the name's length. The result, without its final '/',
** is "" or passes zip_name_ok; a name zip_name_ok passes is its own
** result.
*/
size_t zipfs_clean(char *out, const char *in, size_t len, unsigned *how);

/*
** zipfs_link: the entry name a link entry named name[0..nlen) leads to,
** its target text[0..tlen) read from the link's directory, into out (cap
** bytes, NUL-terminated). Returns the name's length, or ZIPFS_FAIL when
** the target leads nowhere in the archive: empty, absolute, climbing
** (ZIPFS_CLIMBED), or the link's directory and its text together not
** shorter than cap. --bundle asks this to store only links that read back
** as they were on disk.
*/
size_t zipfs_link(char *out, size_t cap, const char *name, size_t nlen,
                  const char *text, size_t tlen);

/*
** zipfs_target: the entry name the link entry e leads to (its data read
** as the target text, then zipfs_link), into out (ZIPFS_NAME_MAX bytes,
** NUL-terminated), its length in *len; a trailing '/' is kept (the target
** asked for a directory). Result: ZIP_OK; ZIP_NOTFOUND when the target is
** empty, too long or leads nowhere in the archive; zip_read's code when
** the entry cannot be read.
*/
zip_result zipfs_target(zip *z, const zip_entry *e, char *out, size_t *len);

/*
** zipfs_stat: zip_stat of name[0..len) (a name as zipfs_clean makes it),
** then through entries that are symbolic links (S_IFLNK in their mode,
** their data the target) as a file system follows them (zipfs_link), up
** to ZIPFS_MAX_LINKS links in a row. Only the last component of a name is
** a link here: --bundle stores a link to a directory as the directory's
** own entries. z NULL: there is no archive.
** Result: as zip_stat, *e and *isdir describing where the links lead;
** ZIP_NOTFOUND also for a link that leads nowhere or loops; ZIP_NOEOCD
** when z is NULL; zip_read's code for a link entry that cannot be read.
** On failure *e is NULL and *isdir 0.
*/
zip_result zipfs_stat(zip *z, const char *name, size_t len,
                      const zip_entry **e, int *isdir);

/*
** zipfs_file: the file (not a directory) name[0..len) is, links followed:
** zipfs_stat's results, and ZIP_ISDIR (with *e NULL) for a directory.
*/
zip_result zipfs_file(zip *z, const char *name, size_t len,
                      const zip_entry **e);

/*
** zipfs_readable: whether zip_read(z, e, buf) could start (zip_check) and
** the entry's size is at most limit bytes, checked before the caller asks
** for e->size bytes. Result: ZIP_OK, ZIP_TOOBIG past the limit, or one of
** zip_check's codes.
*/
zip_result zipfs_readable(zip *z, const zip_entry *e, uint64_t limit);

/*
** zipfs_args: the arguments held by text[0..len), the data of a .args
** entry, as Cosmopolitan reads them: one a line; lines end with any run
** of '\n' and '\r' (so "\r\n" ends a line and empty lines are dropped);
** "\\n" (backslash, n) inside a line stands for a newline; a last line
** "..." is dropped (it marks where the user's arguments go, which is also
** where they go without it).
** With out NULL, counts and leaves text alone. Otherwise text, which then
** has len + 1 bytes, is cut up in place (text[len] is written) and out[i]
** points at the i-th argument, NUL-terminated.
** Returns the count, or ZIPFS_FAIL when text holds a NUL byte (an
** argument cannot hold one; nothing is written then).
*/
size_t zipfs_args(char *text, size_t len, char **out);

/*
** zipfs_arg_ok: whether arg, written as one line of a .args, reads back
** as itself: it holds no '\n', no '\r' and no "\\n". (Empty and "..."
** lines are dropped too; the caller knows when it writes those.)
*/
int zipfs_arg_ok(const char *arg);

#endif
