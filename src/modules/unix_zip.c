/*
** unix_zip.c: /zip/ paths for the unix module's files theme: the archive
** as a read-only file system (lookups, metadata, memfd descriptors,
** directory listings). The manual is unix_zip.h. See LICENSE.
*/
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lua.h"

#include "engine/zipfs.h"
#include "modules/unix_zip.h"
#include "runtime/archive.h"

/* The largest entry a descriptor may hold (off_t's range). */
#define ENTRY_MAX ((uint64_t)INT64_MAX)
/* What one step of inflating into a memfd writes. */
#define CHUNK 16384

int unix_zip_refuse(int err) {
  errno = err;
  return -1;
}

static int zip_fail(zip_result r) {
  return unix_zip_refuse(archive_errno(r));
}

/* {==== lookups */

/* Where a /zip/ path leads: the entry name (NUL-terminated, no final
** '/', "" for the root), its entry (NULL for the root and for directories
** named only by the entries under them) and whether it is a directory. */
typedef struct where {
  zip *z;
  const zip_entry *e;
  int isdir;
  size_t len;
  char name[ZIPFS_NAME_MAX + 1];
} where;

static int is_link(const where *w) {
  return w->e != NULL && !w->isdir && S_ISLNK(w->e->mode);
}

/* Replaces w's name by where its link entry leads (zipfs_target); *dir
** is set when the target text ends in '/'. zipfs_stat follows links too
** but does not tell the name it ends at, which realpath and st_ino need. */
static int follow_link(where *w, int *dir) {
  size_t n;
  zip_result r = zipfs_target(w->z, w->e, w->name, &n);
  if (r != ZIP_OK) return zip_fail(r);
  if (n > 0 && w->name[n - 1] == '/') n--, *dir = 1;
  w->len = n;
  return 0;
}

/* Fills *w for rest, a path's part after "/zip"; follow: whether a link at
** the end is followed (one before a final '/' always is). */
static int lookup(where *w, const char *rest, int follow) {
  size_t n = strlen(rest);
  int dir, hops = 0;
  unsigned how;
  zip_result r;
  if (n >= PATH_MAX) return unix_zip_refuse(ENAMETOOLONG);
  if ((w->z = archive_get()) == NULL) return unix_zip_refuse(ENOENT);
  w->len = zipfs_clean(w->name, rest, n, &how);
  dir = (how & ZIPFS_DIR) != 0;
  if (w->len > 0 && w->name[w->len - 1] == '/') w->len--;
  for (;;) {
    r = zip_stat(w->z, w->name, w->len, &w->e, &w->isdir);
    if (r != ZIP_OK) return zip_fail(r);
    if (!is_link(w) || !(follow || dir)) break;
    if (hops++ == ZIPFS_MAX_LINKS) return unix_zip_refuse(ELOOP);
    if (follow_link(w, &dir) == -1) return -1;
  }
  if (dir && !w->isdir) return unix_zip_refuse(ENOTDIR);
  w->name[w->len] = '\0';
  return 0;
}

/* st_mode of what w found: a directory, a link or a regular file, with
** the entry's permission bits. */
static mode_t mode_of(const zip_entry *e, int isdir) {
  mode_t perm = e != NULL ? e->mode & 07777 : 0755;
  if (isdir) return S_IFDIR | perm;
  return (S_ISLNK(e->mode) ? S_IFLNK : S_IFREG) | perm;
}

/* The inode number of entry name[0..len) (no final '/'): FNV-1a, kept
** positive for Lua and never 0. */
static uint64_t ino_of(const char *name, size_t len) {
  uint64_t h = 14695981039346656037u;
  size_t i;
  for (i = 0; i < len; i++) {
    h ^= (unsigned char)name[i];
    h *= 1099511628211u;
  }
  h &= INT64_MAX;
  return h != 0 ? h : 1;
}

/* }==== */

/* {==== descriptors */

/* Writes buf[0..n) whole to fd. */
static int write_all(int fd, const char *buf, size_t n) {
  while (n > 0) {
    ssize_t k = write(fd, buf, n);
    if (k == -1 && errno == EINTR) continue;
    if (k == -1) return -1;
    buf += k, n -= (size_t)k;
  }
  return 0;
}

/* Inflates w's entry into fd, piece by piece (no copy of the whole). */
static int fill(int fd, const where *w) {
  char buf[CHUNK];
  zip_stream *s;
  size_t got;
  int rc = 0, err = 0;
  zip_result r = zip_stream_open(w->z, w->e, &s);
  if (r != ZIP_OK) return zip_fail(r);
  while ((r = zip_stream_read(s, buf, sizeof buf, &got)) == ZIP_OK && got > 0)
    if ((rc = write_all(fd, buf, got)) == -1) {
      err = errno;
      break;
    }
  zip_stream_close(s);
  if (rc == -1) return unix_zip_refuse(err);
  return r == ZIP_OK ? 0 : zip_fail(r);
}

/* Rewinds fd, gives it e's permission bits and mtime, and seals it. */
static int finish(int fd, const zip_entry *e) {
  struct timespec ts[2] = {{(time_t)e->mtime, 0}, {(time_t)e->mtime, 0}};
  if (lseek(fd, 0, SEEK_SET) == -1 || fchmod(fd, e->mode & 07777) == -1 ||
      futimens(fd, ts) == -1)
    return -1;
  return fcntl(fd, F_ADD_SEALS,
               F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE);
}

/* Whether descriptors a and b are the same file. */
static int same_file(int a, int b) {
  struct stat sa, sb;
  return fstat(a, &sa) == 0 && fstat(b, &sb) == 0 && sa.st_dev == sb.st_dev &&
         sa.st_ino == sb.st_ino;
}

/* fd, a memfd opened close-on-exec, made read-only in place: reopened with
** flags through /proc/self/fd and put back at fd's number (the lowest
** free one, as open gives). Where /proc is missing (or is not the real
** one), fd stays as it is, with O_CLOEXEC and O_NONBLOCK as asked. */
static int reopen(int fd, int flags) {
  char path[32];
  int ro;
  snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  ro = open(path, flags | O_CLOEXEC);
  if (ro != -1 && same_file(ro, fd) &&
      dup3(ro, fd, flags & O_CLOEXEC) != -1) {
    close(ro);
    return fd;
  }
  if (ro != -1) close(ro);
  if ((!(flags & O_CLOEXEC) && fcntl(fd, F_SETFD, 0) == -1) ||
      ((flags & O_NONBLOCK) && fcntl(fd, F_SETFL, O_NONBLOCK) == -1)) {
    int err = errno;
    close(fd);
    return unix_zip_refuse(err);
  }
  return fd;
}

/* A descriptor holding w's file. */
static int open_entry(const where *w, int flags) {
  char label[250]; /* memfd_create takes at most 249 bytes */
  zip_result r = zipfs_readable(w->z, w->e, ENTRY_MAX);
  int fd;
  if (r != ZIP_OK) return zip_fail(r);
  snprintf(label, sizeof label, "/zip/%.240s", w->name);
  fd = memfd_create(label, MFD_CLOEXEC | MFD_ALLOW_SEALING);
  if (fd == -1) return -1;
  if (fill(fd, w) == -1 || finish(fd, w->e) == -1) {
    int err = errno;
    close(fd);
    return unix_zip_refuse(err);
  }
  return reopen(fd, flags & ~(O_NOFOLLOW | O_EXCL));
}

int unix_zip_open(const char *rest, int flags) {
  where w;
  /* 3, the kernel's O_ACCMODE: musl's also holds O_PATH */
  int changes = (flags & 3) != O_RDONLY ||
                (flags & (O_CREAT | O_TRUNC | O_APPEND)) != 0;
  if (lookup(&w, rest, !(flags & O_NOFOLLOW)) == -1)
    return errno == ENOENT && (flags & O_CREAT) ? unix_zip_refuse(EROFS) : -1;
  if ((flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL))
    return unix_zip_refuse(EEXIST);
  if (w.isdir) return unix_zip_refuse(EISDIR);
  if (is_link(&w)) return unix_zip_refuse(ELOOP);
  if (flags & O_DIRECTORY) return unix_zip_refuse(ENOTDIR);
  if (changes) return unix_zip_refuse(EROFS);
  return open_entry(&w, flags);
}

/* }==== */

/* {==== names and metadata */

int unix_zip_stat(const char *rest, int flags, struct stat *st) {
  where w;
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH))
    return unix_zip_refuse(EINVAL);
  if (lookup(&w, rest, !(flags & AT_SYMLINK_NOFOLLOW)) == -1) return -1;
  memset(st, 0, sizeof *st);
  st->st_mode = mode_of(w.e, w.isdir);
  st->st_nlink = 1;
  st->st_ino = ino_of(w.name, w.len);
  st->st_size = w.e != NULL && !w.isdir ? (off_t)w.e->size : 0;
  st->st_blksize = 4096;
  st->st_blocks = (st->st_size + 511) / 512;
  st->st_mtim.tv_sec = w.e != NULL ? (time_t)w.e->mtime : 0;
  st->st_atim = st->st_ctim = st->st_mtim;
  return 0;
}

int unix_zip_access(const char *rest, int how, int flags) {
  where w;
  if ((how & ~(R_OK | W_OK | X_OK)) ||
      (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW)))
    return unix_zip_refuse(EINVAL);
  if (lookup(&w, rest, !(flags & AT_SYMLINK_NOFOLLOW)) == -1) return -1;
  if (how & W_OK) return unix_zip_refuse(EROFS);
  if ((how & X_OK) && !(mode_of(w.e, w.isdir) & 0111))
    return unix_zip_refuse(EACCES);
  return 0;
}

ssize_t unix_zip_readlink(const char *rest, char *buf, size_t cap) {
  where w;
  zip_result r;
  if (lookup(&w, rest, 0) == -1) return -1;
  if (!is_link(&w)) return unix_zip_refuse(EINVAL);
  if (w.e->size >= cap) return unix_zip_refuse(ENAMETOOLONG);
  if ((r = zip_read(w.z, w.e, buf)) != ZIP_OK) return zip_fail(r);
  return (ssize_t)w.e->size;
}

int unix_zip_realpath(const char *rest, char *buf, size_t cap) {
  where w;
  if (lookup(&w, rest, 1) == -1) return -1;
  if (w.len >= cap - 5) return unix_zip_refuse(ENAMETOOLONG);
  memcpy(buf, "/zip/", 5);
  memcpy(buf + 5, w.name, w.len + 1);
  if (w.len == 0) buf[4] = '\0';
  return 0;
}

int unix_zip_chdir(const char *rest) {
  where w;
  if (lookup(&w, rest, 1) == -1) return -1;
  return unix_zip_refuse(w.isdir ? ENOTSUP : ENOTDIR);
}

int unix_zip_makedirs(const char *rest) {
  where w;
  if (lookup(&w, rest, 1) == 0) return w.isdir ? 0 : unix_zip_refuse(EEXIST);
  return errno == ENOENT ? unix_zip_refuse(EROFS) : -1;
}

/* }==== */

/* {==== directories */

int unix_zip_opendir(const char *rest, unix_zipdir *d) {
  where w;
  size_t up;
  zip_result r;
  if (lookup(&w, rest, 1) == -1) return -1;
  if (!w.isdir) return unix_zip_refuse(ENOTDIR);
  for (up = w.len; up > 0 && w.name[up - 1] != '/';) up--;
  d->dot = ino_of(w.name, w.len);
  d->dotdot = ino_of(w.name, up > 0 ? up - 1 : 0);
  if (w.len > 0) w.name[w.len++] = '/';
  if ((r = zip_dir_open(w.z, w.name, w.len, &d->start)) != ZIP_OK)
    return zip_fail(r);
  d->at = d->start;
  d->tell = 0;
  d->open = 1;
  return 0;
}

static int push_entry(lua_State *L, unix_zipdir *d, const char *name,
                      size_t len, int kind, uint64_t ino) {
  lua_pushlstring(L, name, len);
  lua_pushinteger(L, kind);
  lua_pushinteger(L, (lua_Integer)ino);
  lua_pushinteger(L, ++d->tell);
  return 4;
}

int unix_zip_readdir(lua_State *L, unix_zipdir *d) {
  const zip_entry *e;
  const char *name;
  size_t len, base;
  int isdir;
  if (d->tell == 0) return push_entry(L, d, ".", 1, DT_DIR, d->dot);
  if (d->tell == 1) return push_entry(L, d, "..", 2, DT_DIR, d->dotdot);
  if (!zip_dir_next(&d->at, &name, &len, &e)) {
    lua_pushnil(L);
    return 1;
  }
  isdir = name[len - 1] == '/';
  len -= (size_t)isdir;
  for (base = len; base > 0 && name[base - 1] != '/';) base--;
  return push_entry(L, d, name + base, len - base,
                    isdir                         ? DT_DIR
                    : e != NULL && S_ISLNK(e->mode) ? DT_LNK
                                                    : DT_REG,
                    ino_of(name, len));
}

void unix_zip_rewinddir(unix_zipdir *d) {
  d->at = d->start;
  d->tell = 0;
}

/* }==== */
