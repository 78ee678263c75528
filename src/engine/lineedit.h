/*
** lineedit.h: a small terminal line editor (emacs keys, history, completion).
** See LICENSE.
*/
#ifndef MOONBOX_LINEEDIT_H
#define MOONBOX_LINEEDIT_H

#include <stddef.h>

#include "mem.h"

/*
** Overview.  An editor reads one line at a time from an input descriptor
** and draws on an output descriptor.  On a terminal it switches the input
** to raw mode for the duration of each le_readline call only, so the
** terminal is in the caller's own mode whenever control is back with the
** caller.  With no terminal, TERM unset, empty or "dumb", it reads plain
** lines and writes nothing but the prompt.
**
** Global state: none.  Signal handlers need to reach the editor, so the
** caller keeps the le_editor pointer in a variable of its own; the
** functions marked async-signal-safe below may be called from a handler.
** Recommended wiring (install handlers WITHOUT SA_RESTART, so that a
** blocked read returns EINTR and the editor gets to react):
**   SIGWINCH  an empty handler: the editor redraws at the new width.
**   SIGTSTP   le_restore(ed), then stop with the default action.
**   SIGCONT   le_resume(ed): raw mode and the display come back.
**   SIGTERM   le_restore(ed), then exit.
**   SIGINT    only arrives in plain mode (raw mode reads Ctrl-C as a
**             key): le_interrupt(ed) makes le_readline give LE_INTERRUPTED.
**
** Text is UTF-8.  Display widths come from a table in lineedit_width.c
** written for this engine (East Asian wide and emoji ranges are 2 columns,
** combining marks and other zero-width characters 0); the C library's
** wcwidth is not used, so the result does not depend on the locale.
** Invalid bytes stay in the buffer unchanged and are drawn as \xNN,
** control characters as ^X.
*/

/* Result codes.  LE_OK is 0; every failure is a positive value. */
typedef enum {
  LE_OK = 0,      /* a line was read */
  LE_EOF,         /* end of input, or Ctrl-D on an empty line */
  LE_INTERRUPTED, /* Ctrl-C, or le_interrupt() was called */
  LE_ERR_IO,      /* read or write failed; errno tells why */
  LE_ERR_NOMEM,   /* the allocator refused */
  LE_ERR_ARG      /* a NULL or out-of-range argument */
} le_result;

typedef struct le_editor le_editor;
typedef struct le_completions le_completions;

/*
** Completion callback.  buf[0..len) is the line being edited (also NUL
** terminated), cursor the byte offset of the cursor.  The callback sets
** *start to the byte offset where the word being completed begins
** (start <= cursor) and adds each candidate with le_completion_add; the
** candidates replace buf[start..cursor).  Return LE_OK, or an error code
** which stops the completion (LE_ERR_NOMEM from le_completion_add is meant
** to be passed on).  The callback must not call other le_ functions on the
** editor.
*/
typedef int (*le_complete_fn)(void *ud, const char *buf, size_t len,
                              size_t cursor, size_t *start,
                              le_completions *lc);

/*
** le_new: create an editor.
**   infd, outfd  descriptors to read keys from and draw on (often 0 and 1).
**   term         the value of TERM (the caller reads the environment);
**                NULL, "" or "dumb" selects plain mode, as does an infd
**                that is not a terminal.
**   alloc, ud    the allocator hook (mem.h) and its first argument;
**                alloc NULL means mem_libc, the C heap.
** Returns the editor, or NULL when memory ran out.  Free with le_free.
*/
le_editor *le_new(int infd, int outfd, const char *term, mem_alloc_fn alloc,
                  void *ud);

/* le_free: release the editor and everything it owns; NULL is a no-op. */
void le_free(le_editor *ed);

/*
** le_set_mode: override the automatic choice made by le_new.
** LE_MODE_PLAIN reads lines without escape codes; LE_MODE_EDIT edits
** even when infd is not a terminal (termios is then left alone, which is
** what tests and fuzzers want).  Returns LE_OK or LE_ERR_ARG.
*/
enum { LE_MODE_PLAIN = 1, LE_MODE_EDIT = 2 };
int le_set_mode(le_editor *ed, int mode);

/*
** le_set_columns: draw as if the terminal were cols columns wide.
** 0 (the default) asks the terminal with TIOCGWINSZ before every redraw,
** and uses 80 when it cannot tell or answers 0.  The editor never sends
** a cursor-position query, so a terminal that does not answer one cannot
** make it hang.
*/
void le_set_columns(le_editor *ed, size_t cols);

/*
** le_readline: show prompt (a plain string: in edit mode its bytes are
** drawn as text, control bytes as ^X; plain mode writes it unchanged, as
** lua.c does) and read one line.
** On LE_OK *line points at the line, without the final newline, and *len
** is its length; the line is NUL terminated but may contain further NUL
** bytes (plain mode) and newlines (pasted text).  The memory belongs to
** the editor and stays valid until the next le_readline or le_free.
** LE_EOF: end of input, or Ctrl-D on an empty line (in plain mode a last
** line without newline is still returned as LE_OK first).
** LE_INTERRUPTED: Ctrl-C or le_interrupt; the edited text is dropped.
** LE_ERR_IO, LE_ERR_NOMEM: the line is lost but the editor stays usable.
** On every result other than LE_OK, *line is set to "" and *len to 0.
** Raw mode and bracketed paste, when used, are switched off again before
** it returns, whatever the result.  Keys are: Enter, C-c, C-d, C-a/C-e
** (Home/End), C-b/C-f (arrows), M-b/M-f (C- or M-arrows), C-h/Backspace,
** Delete, C-k, C-u, C-w, M-d, M-Backspace, C-y, C-t, C-l, C-p/C-n (up/
** down arrows) for history, C-r search (C-g or ESC cancels), Tab.  C-z
** is an ordinary (ignored) key: raw mode turns off the terminal's
** signal characters, so suspending is up to the caller.
*/
int le_readline(le_editor *ed, const char *prompt, const char **line,
                size_t *len);

/*
** le_restore: put the terminal back into the mode it had when
** le_readline started and switch bracketed paste off.  Async-signal-safe
** (tcsetattr and write only); harmless when not in raw mode.
** Returns LE_OK, or LE_ERR_IO when tcsetattr failed.
*/
int le_restore(le_editor *ed);

/*
** le_resume: async-signal-safe.  Ask a running le_readline to enter raw
** mode again and redraw, e.g. from a SIGCONT handler.  It acts when its
** blocked read returns EINTR, which is why handlers go without
** SA_RESTART.  (After le_restore it re-enters raw mode on EINTR anyway.)
*/
void le_resume(le_editor *ed);

/*
** le_interrupt: async-signal-safe.  Make the running (or next) blocked
** read give up: le_readline returns LE_INTERRUPTED.  Meant for SIGINT in
** plain mode, where Ctrl-C is a signal rather than a key.
*/
void le_interrupt(le_editor *ed);

/*
** History.  Entries are numbered 0 (oldest) to le_history_count()-1
** (newest).  le_history_add copies line[0..len) as the newest entry,
** unless it equals the current newest one (then nothing changes) or max
** is 0; the oldest entries go when there are more than max.  Returns
** LE_OK or LE_ERR_NOMEM (history unchanged).  The editor knows nothing of
** files: the caller loads with le_history_add and saves with
** le_history_get.
*/
int le_history_add(le_editor *ed, const char *line, size_t len);

/* le_history_count: how many entries there are. */
size_t le_history_count(const le_editor *ed);

/*
** le_history_get: entry i (0 = oldest); sets *len when len is not NULL.
** Returns NULL when i is out of range.  The pointer is valid until the
** history changes (le_history_add, le_history_set_max, le_free).
*/
const char *le_history_get(const le_editor *ed, size_t i, size_t *len);

/* le_history_set_max: keep at most max entries (default 1000). */
void le_history_set_max(le_editor *ed, size_t max);

/*
** le_set_suspend: what C-z does.  Without a callback (the default) C-z is
** ignored.  With one, the editor restores the terminal, calls fn(ud),
** which is expected to stop the process (raise(SIGTSTP)) and return once
** it is continued, then goes back to raw mode and redraws the line.
*/
typedef void (*le_suspend_fn)(void *ud);
void le_set_suspend(le_editor *ed, le_suspend_fn fn, void *ud);

/* le_set_completion: install (or, with NULL, remove) the Tab callback. */
void le_set_completion(le_editor *ed, le_complete_fn fn, void *ud);

/*
** le_completion_add: called from the completion callback; copies
** s[0..len).  Returns LE_OK or LE_ERR_NOMEM.
*/
int le_completion_add(le_completions *lc, const char *s, size_t len);

/*
** le_bad_input_line: the source line where the last piece of unusable
** input was dropped, 0 if none: in lineedit_term.c for an unknown escape
** sequence, in lineedit.c for an unbound control key.  For debugging
** and fuzzing.  Invalid UTF-8 is not "bad" here: it is kept in the line
** and drawn as \xNN.
*/
int le_bad_input_line(const le_editor *ed);

/* le_strerror: a static message for a result code; never NULL. */
const char *le_strerror(int code);

#endif
