/*
** replhist.h: the REPL's history file: where it is, loading, appending.
** See LICENSE.
*/
#ifndef MOONBOX_REPLHIST_H
#define MOONBOX_REPLHIST_H

#include <limits.h>
#include <stddef.h>

#include "lineedit.h"

/* Entries kept, in the editor and (after the next load) in the file. */
#define RH_MAX 1000

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
** rh_load: add the file's entries to ed's history, oldest first, keeping
** the newest RH_MAX; a file holding more is rewritten with those. Any
** failure (no file, a directory, unreadable, too big) is silent.
*/
void rh_load(rh_file *h, le_editor *ed);

/*
** rh_append: add line[0..len) as one entry at the end of the file, making
** the file (0600) and its directories (0700) when needed; once the file
** would pass RH_MAX entries it is rewritten from ed's history (which the
** caller has already given the line). Silent on any failure. A
** multi-line chunk stays one entry: the file holds one entry per line
** with "\\" for a backslash, "\n" for a newline, "\0" for NUL.
*/
void rh_append(rh_file *h, const le_editor *ed, const char *line,
               size_t len);

#endif
