/*
** unix_zip.h: the /zip/ side of the unix module's files theme: the
** process's archive read as a read-only file system by open, stat, access,
** readlink, realpath, chdir, makedirs and opendir. See LICENSE.
*/
#ifndef MOONBOX_UNIX_ZIP_H
#define MOONBOX_UNIX_ZIP_H

#include <stdint.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "lua.h"

#include "engine/zip.h"
#include "engine/zipfs.h"

/*
** A binding asks zipfs_rest(path) whether path is a /zip/ path and, when
** it is, calls the function here with what zipfs_rest returned (rest)
** instead of the system call. Each acts as the call it replaces: 0 (or a
** descriptor, a length) on success, -1 with errno on failure, so the
** binding ends the same way either way. They call no Lua function (except
** unix_zip_readdir, which pushes its results) and allocate nothing that
** outlives them.
**
** Names are made by zipfs_clean (one ".." rule: the archive's root is its
** own parent). Link entries are followed as the kernel follows symbolic
** links: at the end of a name unless asked not to, always before a final
** '/'; a target that is absolute or leaves the archive names nothing.
** Failures common to all: ENOENT (no such entry, or no archive at all),
** ENOTDIR (a final '/' after a file), ELOOP (more than ZIPFS_MAX_LINKS
** links in a row), ENAMETOOLONG (rest of PATH_MAX bytes or more), and
** archive_errno's code for an archive or entry that cannot be read (EIO
** for damage, ENOTSUP, EFBIG, ENOMEM).
*/

/* unix_zip_refuse: sets errno to err (EROFS for any change to the archive,
** EXDEV for a hard link from it) and returns -1. */
int unix_zip_refuse(int err);

/*
** unix_zip_open: a descriptor holding the file's data: a sealed memfd
** (memfd_create, so Linux 3.17 or later) filled with the inflated entry,
** its permission bits and mtime set from the entry so fstat agrees with
** stat, then reopened read-only through /proc/self/fd (write fails with
** EBADF; without /proc the memfd itself is kept, O_RDWR but sealed, and
** write fails with EPERM). flags as open(2): O_CLOEXEC and O_NONBLOCK are
** honoured. Failures: EROFS for O_WRONLY, O_RDWR, O_CREAT, O_TRUNC or
** O_APPEND (ENOENT first when the entry is missing and O_CREAT is not
** given; EEXIST for O_CREAT|O_EXCL on an entry that exists); EISDIR for
** any directory; ELOOP for a link with O_NOFOLLOW; ENOTDIR for a file with
** O_DIRECTORY; and the memfd's own failures (EMFILE, ENOMEM...).
*/
int unix_zip_open(const char *rest, int flags);

/*
** unix_zip_stat: fills *st for the entry: st_mode S_IFREG, S_IFDIR or
** S_IFLNK (AT_SYMLINK_NOFOLLOW) and the entry's permission bits (0755 for
** a directory named only by the entries under it, and for the root);
** st_size the data's size (a link's: its target's length; 0 for a
** directory); atime, mtime and ctime the entry's mtime; st_nlink 1; uid,
** gid and st_dev 0; st_ino a hash of the entry's name, never 0, the same
** as its unix_zip_readdir ino; st_blksize 4096. EINVAL for flags other
** than AT_SYMLINK_NOFOLLOW, AT_NO_AUTOMOUNT and AT_EMPTY_PATH.
*/
int unix_zip_stat(const char *rest, int flags, struct stat *st);

/* unix_zip_access: F_OK and R_OK succeed for what exists; W_OK fails with
** EROFS; X_OK with EACCES unless the mode has an x bit (directories do).
** EINVAL for other bits in how, or flags other than AT_EACCESS and
** AT_SYMLINK_NOFOLLOW. */
int unix_zip_access(const char *rest, int how, int flags);

/* unix_zip_readlink: the target text of a link entry in buf (cap bytes, no
** NUL added); its length. EINVAL for what is not a link, ENAMETOOLONG
** for a target of cap bytes or more. */
ssize_t unix_zip_readlink(const char *rest, char *buf, size_t cap);

/* unix_zip_realpath: "/zip" or "/zip/NAME" in buf (cap bytes, NUL
** included), NAME where the path leads, links followed; ENAMETOOLONG when
** it does not fit. */
int unix_zip_realpath(const char *rest, char *buf, size_t cap);

/* unix_zip_chdir: always -1: ENOTSUP for a directory (the kernel cannot
** stand in the archive), ENOTDIR for a file, ENOENT when missing. */
int unix_zip_chdir(const char *rest);

/* unix_zip_makedirs: 0 when the directory exists (mkdir -p writes
** nothing then); EEXIST when a file is there; EROFS when it is missing. */
int unix_zip_makedirs(const char *rest);

/* A unix.Dir reading an archive directory: plain data into the archive's
** index, which lives as long as the process; drop it at any time. */
typedef struct unix_zipdir {
  zip_dir start, at;   /* the listing from its start, and where it is */
  uint64_t dot, dotdot; /* inode numbers of "." and ".." */
  long tell;            /* entries read since the start, "." and ".." too */
  int open;             /* 0: not a /zip/ listing, or closed */
} unix_zipdir;

/* unix_zip_opendir: starts listing the directory into *d ("." and ".."
** first, then the direct children in name order, those implied by deeper
** names included). ENOTDIR for a file. */
int unix_zip_opendir(const char *rest, unix_zipdir *d);

/* unix_zip_readdir: pushes the next entry as Dir:read gives it: name,
** kind (DT_DIR, DT_REG or DT_LNK), ino, offset (d->tell after it), and
** returns 4; or pushes nil and returns 1 at the end. */
int unix_zip_readdir(lua_State *L, unix_zipdir *d);

/* unix_zip_rewinddir: back to the start of the listing. */
void unix_zip_rewinddir(unix_zipdir *d);

#endif
