/*
** lineedit_int.h: what the line editor's source files share; not part of
** its API (that is lineedit.h).  See LICENSE.
*/
#ifndef MOONBOX_LINEEDIT_INT_H
#define MOONBOX_LINEEDIT_INT_H

#include "lineedit.h"

#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <termios.h>

#define TABLEN(t) (sizeof(t) / sizeof((t)[0]))

/* {==== TEXT MEASUREMENT (lineedit_width.c) */

/*
** Pure functions of a byte string s[0..n): they know nothing of the
** editor.  A "unit" is one valid UTF-8 character or one byte that does not
** start one; positions are byte offsets and always fall between units.
*/

/* One unit of text as drawn: a character, a tab, a newline, a control
** byte (^X) or a byte that is not valid UTF-8 (\xNN). */
typedef struct {
  size_t len, w; /* bytes in s, columns on screen */
  int kind;      /* LEW_ */
} lew_unit;

enum { LEW_TEXT, LEW_CTRL, LEW_HEX, LEW_TAB, LEW_NL };

/* lew_measure: the unit at s (n > 0) drawn from column col.  A tab
** reaches the next multiple of 8; a newline has width 0. */
void lew_measure(const char *s, size_t n, size_t col, lew_unit *u);

/* lew_text_width: columns of s[0..n) drawn from column 0, never wrapped. */
size_t lew_text_width(const char *s, size_t n);

/* lew_unit_back: start of the unit that ends at i; i must be > 0. */
size_t lew_unit_back(const char *s, size_t i);

/* lew_next_pos, lew_prev_pos: the cursor stop after or before i, in
** [0, n].  A character with the zero-width ones that follow it (accents,
** joiners, variation selectors) is a single stop. */
size_t lew_next_pos(const char *s, size_t n, size_t i);
size_t lew_prev_pos(const char *s, size_t n, size_t i);

/* }==== */

/* {==== THE EDITOR'S STATE (lineedit.c) */

/* Malformed input is tolerated, but where is remembered for debugging. */
#define BAD_INPUT(ed) ((ed)->badline = __LINE__)

/* A growable byte string, NUL terminated once it holds anything; cap is
** the size of the block p as the allocator hook was asked for it. */
typedef struct {
  char *p;
  size_t n, cap;
} sbuf;

/* A history entry or completion candidate: p holds n bytes + NUL. */
typedef struct {
  char *p;
  size_t n;
} hentry;

/*
** Every pointer here is owned by the editor and comes from alloc (see
** lineedit.c, MEMORY).  The fields a signal handler writes (through
** le_restore, le_resume, le_interrupt) are volatile sig_atomic_t.
*/
struct le_editor {
  int infd, outfd, mode, badline;
  int err;           /* sticky LE_ERR_ of the current le_readline */
  int has_saved_tty; /* orig holds the caller's termios */
  mem_alloc_fn alloc;
  void *ud;
  size_t cols_fixed;  /* le_set_columns; 0 = ask the terminal */
  sbuf line;          /* the text being edited */
  sbuf out;           /* drawing, collected for one write (le_flush) */
  sbuf kill;          /* the last text cut by C-k, C-u, C-w, M-d, M-DEL */
  sbuf saved;         /* the edited line while Up/Down show history */
  sbuf before;        /* line and cursor when C-r began: C-g puts back */
  sbuf pat, sprompt;  /* the C-r pattern, and the prompt showing it */
  size_t pos;         /* the cursor: a byte offset into line */
  size_t before_pos;
  const char *prompt; /* the caller's, borrowed for one le_readline */
  size_t rows_above, rows_below; /* screen rows around the cursor */
  unsigned char in[512];         /* read, not decoded: in[inpos..inlen) */
  size_t inpos, inlen;
  hentry *hist;                /* oldest first */
  size_t hn, hcap, hmax, hidx; /* hidx: 0 = line, k = k-th newest */
  int searching, sfail, last_tab;
  size_t sidx; /* the C-r match, 0 = newest entry; SIZE_MAX: none yet */
  le_complete_fn complete;
  void *cud;
  le_suspend_fn suspend;
  void *sud;
  struct termios orig;
  volatile sig_atomic_t raw, resume, interrupt;
};

/* le_sb_add, le_sb_str: append to b.  On a refused allocation b is left
** as it was and ed->err becomes LE_ERR_NOMEM. */
void le_sb_add(le_editor *ed, sbuf *b, const void *s, size_t n);
void le_sb_str(le_editor *ed, sbuf *b, const char *s);

/* }==== */

/* {==== THE TERMINAL (lineedit_term.c) */

/* Keys above the byte range; below 0x100 a key is the byte itself. */
enum {
  K_UP = 0x100, K_DOWN, K_LEFT, K_RIGHT, K_HOME, K_END, K_DEL, K_WLEFT,
  K_WRIGHT, K_PASTE, K_ESC, K_IGNORE, K_EOF, K_ERR, K_INTR,
  K_META = 0x1000 /* or'ed with a byte: ESC followed by that byte */
};

/* le_flush: write out and empty it; a failed write sets LE_ERR_IO. */
void le_flush(le_editor *ed);

/* le_enter_raw: raw mode and bracketed paste; 1 on success, also when
** there is no terminal to set (has_saved_tty 0), else 0. */
int le_enter_raw(le_editor *ed);

/* le_get_byte: the next input byte, or K_EOF, K_ERR (ed->err may say
** why), K_INTR; with wait_ms >= 0, K_ESC when nothing came in time. */
int le_get_byte(le_editor *ed, int wait_ms);

/* le_read_key: the next key: a byte, K_META | byte, or a K_ code. */
int le_read_key(le_editor *ed);

/* le_refresh: redraw prompt and line, cursor in place.  le_leave_area:
** move below the drawn line to the start of a fresh row.  le_line_start:
** queue what puts the first drawing at column 0 of a row of its own. */
void le_refresh(le_editor *ed);
void le_leave_area(le_editor *ed);
void le_line_start(le_editor *ed);

/* le_show_candidates: list the n entries of v below the line. */
void le_show_candidates(le_editor *ed, const hentry *v, size_t n);

/* }==== */

#endif
