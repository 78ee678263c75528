/*
** archive.h: the zip archive appended to this executable, found, mapped and
** opened on first use (never at start-up), and the one wording of its
** failures. Paths and links in it: engine/zipfs.h. See LICENSE.
*/
#ifndef MOONBOX_ARCHIVE_H
#define MOONBOX_ARCHIVE_H

#include "engine/zip.h"

/*
** One archive per process, so its handle lives here rather than in each
** lua_State: every state reads the same read-only bytes.
**
** archive_init: remember argv[0] for the PATH fallback. Cheap; call it
** first thing in main. Nothing is opened.
*/
void archive_init(const char *argv0);

/*
** archive_get: the archive, opened on the first call. Where the executable
** is: /proc/self/exe, else getauxval(AT_EXECFN), else argv[0] searched in
** PATH. Returns NULL when the archive is disabled (MOONBOX_NOZIP=1 or
** COSMOPOLITAN_DISABLE_ZIPOS=1), when the executable cannot be found or
** mapped, or when it carries no usable archive; archive_error then says
** why. The result does not change afterwards.
*/
zip *archive_get(void);

/* archive_error: why archive_get returned NULL ("" when it did not). */
const char *archive_error(void);

/* archive_exe: the path the executable was found at ("" before
** archive_get, or when it was not found). */
const char *archive_exe(void);

/* archive_bytes: the executable, mapped now if not yet (even when the
** archive is disabled), and its size; NULL when it cannot be found or
** mapped. --bundle copies the ELF part from here. */
const unsigned char *archive_bytes(size_t *size);

/*
** archive_strerror: failure r of an operation on this archive in the
** words every caller shows after "<what>: ", so that a message names a
** problem the same way wherever it shows up: with no archive at all
** (archive_get returned NULL), archive_error whatever r is; for a missing
** entry, a directory or memory, strerror(archive_errno(r)) ("No such file
** or directory"); for an encrypted entry, an unknown method or an entry
** too big, zip_strerror(r); for damage, zip_strerror(r) followed by
** " (check at zip.c:N)", N the line of the check that failed (zip_errline).
** Static storage, valid until the next call.
*/
const char *archive_strerror(zip_result r);

/* archive_errno: the errno failure r stands for: ENOENT (a missing entry,
** or no archive at all), EISDIR, ENOMEM, EFBIG, ENOTSUP (encrypted, or an
** unknown method), EIO (damage). */
int archive_errno(zip_result r);

/*
** archive_args: when the archive has an entry ".args", Cosmopolitan's
** default arguments: one per line (\n or \r\n; empty lines dropped;
** "\\n" inside a line is a newline); a last line "..." marks where the
** user's arguments go, which is also where they go without it. The new
** argv is argv[0] ("" when argc is 0), those lines, then argv[1..]; it
** is malloc'd and lives as long as the process (zipfs_args splits the
** text). A .args that is a link entry is followed, as every /zip/ read
** follows links.
** Returns 1 (argv replaced, or left alone when there is no .args, when
** the archive is disabled, or when a runtime that is not an app has no
** usable archive) or 0 when the program must stop; archive_error then
** says why: a .args that exists but cannot be read (a NUL byte in it, a
** damaged entry, an archive that names .args but cannot be indexed), or
** an app (archive_is_bundle) whose archive cannot be read or has no
** .args.
*/
int archive_args(int *argc, char ***argv);

/*
** archive_is_bundle: 1 when this executable is a bundled app: --bundle
** wrote it with a .args and set the marker in its ELF part. Reads no
** file, so it holds when the archive is out of reach (no /proc and the
** program started through a closed descriptor; an execute-only file).
*/
int archive_is_bundle(void);

/*
** archive_marker: the offset of the marker's flag byte in elf[0..size),
** the ELF part of a moonbox executable, or -1 when the marker is not
** there exactly once. --bundle writes 1 there for an app (its archive
** has a .args), 0 for anything else.
*/
long archive_marker(const unsigned char *elf, size_t size);

#endif
