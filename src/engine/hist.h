/*
** hist.h: the line editor's history file: where it is, loading into an
** editor, appending, trimming without ever losing the user's entries.
** No Lua: the editor's history API and the file system. See LICENSE.
*/
#ifndef MOONBOX_HIST_H
#define MOONBOX_HIST_H

#include <limits.h>
#include <stddef.h>

#include "file.h"
#include "lineedit.h"

/* Entries kept, in the editor and (after the next load) in the file. */
#define HIST_MAX 1000
/* A session loads the newest entries that hold at most this many bytes
** (and always the newest one), so that a history of huge entries does not
** take all the memory a MOONBOX_MEMLIMIT leaves for the program. */
#define HIST_LOAD_BYTES (1u << 20)

typedef struct {
  char path[PATH_MAX];
  int enabled; /* 0: no file (MOONBOX_HISTORY empty, no HOME, ...) */
  int mkdirs;  /* 1: create missing directories (0700) before writing */
  size_t entries; /* in the file, as far as this session knows */
  mem_alloc_fn alloc; /* for reading the file whole; ud its argument */
  void *ud;
} hist_file;

/*
** hist_init: choose the file from the environment's values, which the
** caller reads (NULL: the variable is unset): 'over' (MOONBOX_HISTORY)
** set and empty disables history, set and non-empty names the file; else
** STATE/moonbox/history when 'state' (XDG_STATE_HOME) is an absolute
** path, else HOME/.local/state/moonbox/history when 'home' is set and
** not empty; else, or when the path does not fit in PATH_MAX, history is
** disabled (h->enabled 0). Missing directories are made (0700) at the
** first append for the two default paths only, never for 'over' (then
** h->mkdirs is 0). alloc(ud, ...) gives the buffer the file is read into
** (the whole file, up to 64 MiB, freed before returning): the C heap in
** moonbox, so that the file's size does not count against the program's
** memory limit. Touches nothing on disk.
*/
void hist_init(hist_file *h, const char *over, const char *state,
               const char *home, mem_alloc_fn alloc, void *ud);

/*
** The file is the user's data and is never lost: it is only ever appended
** to, or trimmed to its newest HIST_MAX entries by writing a new file
** beside it and renaming it over (same permissions), from the file's own
** bytes -- never from the editor, which may hold fewer entries when
** memory ran short. A history path that is a symbolic link is appended
** to through the link but never trimmed (renaming would replace the
** link; writing through it would edit a file kept elsewhere): it grows,
** and the newest HIST_MAX entries are what a session loads.
**
** hist_load: set ed's history limit to HIST_MAX and add the file's
** entries to it, oldest first, keeping the newest HIST_MAX that hold at
** most HIST_LOAD_BYTES together (entries the editor's allocator refuses
** are left out of the editor, not of the file); a file holding more than
** HIST_MAX is trimmed. Any failure (no file, a directory, unreadable,
** over 64 MiB, no memory for the file) is silent.
*/
void hist_load(hist_file *h, le_editor *ed);

/*
** hist_append: add line[0..len) as one entry at the end of the file,
** making the file (0600) and its directories (0700, see hist_init) when
** needed; once the file passes HIST_MAX entries it is trimmed. Silent on
** any failure. A multi-line chunk stays one entry: the file holds one
** entry per line with "\\" for a backslash, "\n" for a newline, "\0" for NUL.
*/
void hist_append(hist_file *h, const char *line, size_t len);

#endif
