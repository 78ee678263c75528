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

/* One unit of text as drawn: a character, a tab, a newline, a control
   byte (^X) or a byte that is not valid UTF-8 (\xNN). */
typedef struct {
  size_t len, w;
  int kind;
} lew_unit;

enum { LEW_TEXT, LEW_CTRL, LEW_HEX, LEW_TAB, LEW_NL };

void lew_measure(const char *s, size_t n, size_t col, lew_unit *u);
size_t lew_text_width(const char *s, size_t n);
size_t lew_unit_back(const char *s, size_t i);
size_t lew_next_pos(const char *s, size_t n, size_t i);
size_t lew_prev_pos(const char *s, size_t n, size_t i);

/* }==== */

/* {==== THE EDITOR'S STATE (lineedit.c) */

/* Malformed input is tolerated, but where is remembered for debugging. */
#define BAD_INPUT(ed) ((ed)->badline = __LINE__)

typedef struct {
  char *p;
  size_t n, cap;
} sbuf;

typedef struct {
  char *p;
  size_t n;
} hentry;

struct le_editor {
  int infd, outfd, mode, badline, err, has_saved_tty;
  le_alloc_fn alloc;
  void *ud;
  size_t cols_fixed;
  sbuf line, out, kill, saved, before, pat, sprompt;
  size_t pos, before_pos;
  const char *prompt;
  size_t rows_above, rows_below; /* screen rows around the cursor */
  unsigned char in[512];
  size_t inpos, inlen;
  hentry *hist;
  size_t hn, hcap, hmax, hidx;
  int searching, sfail, last_tab;
  size_t sidx;
  le_complete_fn complete;
  void *cud;
  le_suspend_fn suspend;
  void *sud;
  struct termios orig;
  volatile sig_atomic_t raw, resume, interrupt;
};

void le_sb_add(le_editor *ed, sbuf *b, const void *s, size_t n);
void le_sb_str(le_editor *ed, sbuf *b, const char *s);

/* }==== */

/* {==== THE TERMINAL (lineedit_term.c) */

/* Keys above the byte range. */
enum {
  K_UP = 0x100, K_DOWN, K_LEFT, K_RIGHT, K_HOME, K_END, K_DEL, K_WLEFT,
  K_WRIGHT, K_PASTE, K_ESC, K_IGNORE, K_EOF, K_ERR, K_INTR,
  K_META = 0x1000 /* or'ed with a byte: ESC followed by that byte */
};

void le_flush(le_editor *ed);
int le_enter_raw(le_editor *ed);
int le_get_byte(le_editor *ed, int wait_ms);
int le_read_key(le_editor *ed);
void le_refresh(le_editor *ed);
void le_leave_area(le_editor *ed);
void le_line_start(le_editor *ed);
void le_show_candidates(le_editor *ed, const hentry *v, size_t n);

/* }==== */

#endif
