/*
** replhist.h: the REPL's history file: where it is, loading, appending.
** See LICENSE.
*/
#ifndef MOONBOX_REPLHIST_H
#define MOONBOX_REPLHIST_H

#include <limits.h>
#include <stddef.h>

#include "engine/lineedit.h"

/* Entries kept, in the editor and (after the next load) in the file. */
#define RH_MAX 1000
/* A session loads the newest entries that hold at most this many bytes
** (and always the newest one), so that a history of huge entries does not
** take all the memory a MOONBOX_MEMLIMIT leaves for the program. */
#define RH_LOAD_BYTES (1u << 20)

typedef struct {
  char path[PATH_MAX];
  int enabled; /* 0: no file (MOONBOX_HISTORY empty, no HOME, ...) */
  int mkdirs;  /* 1: create missing directories (0700) before writing */
  size_t entries; /* in the file, as far as this session knows */
} rh_file;

/*
** rh_init: find the file. MOONBOX_HISTORY set and empty disables history,
** set and non-empty names the file; else $XDG_STATE_HOME/moonbox/history
** when XDG_STATE_HOME is an absolute path, else
** $HOME/.local/state/moonbox/history. Touches nothing on disk.
*/
void rh_init(rh_file *h);

/*
** The file is the user's data and is never lost: it is only ever appended
** to, or trimmed to its newest RH_MAX entries by writing a new file beside
** it and renaming it over (same permissions), from the file's own bytes --
** never from the editor, which may hold fewer entries when memory ran
** short. A history path that is a symbolic link is appended to through
** the link but never trimmed (renaming would replace the link; writing
** through it would edit a file kept elsewhere): it grows, and the
** newest RH_MAX entries are what a session loads.
**
** rh_load: add the file's entries to ed's history, oldest first, keeping
** the newest RH_MAX that hold at most RH_LOAD_BYTES together (entries the
** allocator refuses are left out of the editor, not of the file); a file
** holding more than RH_MAX is trimmed. Any failure
** (no file, a directory, unreadable, too big) is silent.
*/
void rh_load(rh_file *h, le_editor *ed);

/*
** rh_append: add line[0..len) as one entry at the end of the file, making
** the file (0600) and its directories (0700) when needed; once the file
** passes RH_MAX entries it is trimmed. Silent on any failure. A
** multi-line chunk stays one entry: the file holds one entry per line
** with "\\" for a backslash, "\n" for a newline, "\0" for NUL.
*/
void rh_append(rh_file *h, const char *line, size_t len);

#endif
