/*
** cpath.h: the string logic of Cosmopolitan's `path` module (join,
** dirname, basename) on byte strings, lexically: no file system access.
** See LICENSE.
*/
#ifndef MOONBOX_CPATH_H
#define MOONBOX_CPATH_H

#include <stddef.h>

/*
** cpath_dirname: the path p[0..n) without its final component, as a span
** (*len bytes at the returned address): either a prefix of p or one of the
** static strings "." and "/". Trailing slashes are ignored, and so are the
** slashes that separate the parent from the final component:
**   "/usr/lib/" -> "/usr", "usr/lib" -> "usr", "usr" -> ".", "/" -> "/",
**   "/usr//" -> "/", "." -> ".", ".." -> ".", "" -> ".".
** p may be NULL when n is 0 (Lua's nil gives ".").
*/
const char *cpath_dirname(const char *p, size_t n, size_t *len);

/*
** cpath_basename: the final component of p[0..n), trailing slashes
** ignored, as a span into p; "/" when p is only slashes, "." when p is
** empty (or NULL with n 0):
**   "/usr/lib/" -> "lib", "usr" -> "usr", "///" -> "/", ".." -> "..".
*/
const char *cpath_basename(const char *p, size_t n, size_t *len);

/* One argument of cpath_join: s NULL means "absent" (Lua's nil). */
typedef struct cpath_part {
  const char *s;
  size_t len;
} cpath_part;

/*
** cpath_join: the parts joined with '/' as Cosmopolitan's path.join does:
** absent parts are skipped; a part starting with '/' discards everything
** before it; a '/' is put between two parts unless the first ends with
** one; an empty part adds the '/' that a following part would have added
** (so path.join("a", "") is "a/", and path.join("a", "", "b") is "a/b").
** out: where to write the result (no NUL added), at least as many bytes as
** the return value; NULL to only measure. Returns the result's length
** (which never exceeds the sum of the parts' lengths plus n).
*/
size_t cpath_join(char *out, const cpath_part *parts, size_t n);

#endif
