/*
** bundle.h: `moonbox --bundle`: write a new executable made of this
** runtime's ELF part and a fresh archive. See LICENSE.
*/
#ifndef MOONBOX_BUNDLE_H
#define MOONBOX_BUNDLE_H

#include <stddef.h>

/*
** bundle_main: argv[1] is "--bundle"; the rest is
**   -o OUT [--main SCRIPT] PATH...
** OUT gets this executable's ELF part, then an archive of this runtime's
** own entries (those under /zip/ now), the given files and directories
** (recursively, each under its relative path; a later file replaces an
** earlier one of the same name; a symbolic link to a file also bundled,
** the same file on disk, stays a link entry, other links become copies)
** and, with --main, a .args running
** /zip/SCRIPT with the user's arguments. Written to a temporary file
** beside OUT and renamed, mode 0755; nothing is left at OUT on failure,
** and the temporary file is removed on SIGINT, SIGTERM and SIGHUP too
** (then the process dies by the signal). Refused, before anything is
** written: an OUT that exists and is not a regular file (device, FIFO,
** symbolic link, directory); an OUT that is one of the inputs (same
** device and inode), unless it is met inside an input directory and is
** an executable (an earlier bundle), which is then left out with a
** notice; a SCRIPT whose name holds '\n', '\r' or "\\n".
** Prints "progname: message" on errors; returns the exit status.
*/
int bundle_main(int argc, char **argv, const char *progname);

#endif
