/*
** lineedit_term.c: the line editor's terminal side: raw mode, keys, drawing.
** See LICENSE.
*/
#include "lineedit_int.h"

#include <errno.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

/* The editor sends only these VT100 (ECMA-48) sequences, which every
** terminal in use knows, so it needs no terminfo (TERM only picks plain
** mode, in le_new): CSI n A / B / C (cursor up, down, right by n; every
** move is relative), CR and CR LF (with OPOST off a bare LF keeps the
** column), CSI J (erase to the end of the screen: the old edit area,
** however many rows), CSI H CSI 2 J (C-l), CSI ? 2004 h / l (bracketed
** paste on, off) and BEL (nothing to complete).  It never asks the
** terminal anything, not even where the cursor is (CSI 6 n): a terminal,
** multiplexer or pipe that does not answer would leave it blocked in
** read, and an answer would arrive mixed with keys typed ahead. */

/* ESC alone (cancel a search) or the start of a sequence: terminals send
** a sequence in one write, so the rest follows within milliseconds. */
#define ESC_WAIT_MS 50
#define DEFAULT_COLS 80

/* {==== OUTPUT */

/* Handlers go without SA_RESTART (lineedit.h), so EINTR is retried here;
** 1 when every byte went out, 0 on an error or a write of 0. */
static int write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return 0;
    p += w;
    n -= (size_t)w;
  }
  return 1;
}

/* A redraw goes out in one write, so the terminal never shows it half
** done; on failure the output is dropped and ed->err says so. */
void le_flush(le_editor *ed) {
  if (ed->out.n && !write_all(ed->outfd, ed->out.p, ed->out.n))
    ed->err = LE_ERR_IO;
  ed->out.n = 0;
}

/* CSI n X, the cursor movements the redraw is made of. */
static void csi(le_editor *ed, sbuf *b, size_t n, char cmd) {
  char tmp[32];
  size_t i = sizeof tmp;
  tmp[--i] = cmd;
  do tmp[--i] = (char)('0' + n % 10); while ((n /= 10) && i > 2);
  tmp[--i] = '[';
  tmp[--i] = '\x1b';
  le_sb_add(ed, b, tmp + i, sizeof tmp - i);
}

/* }==== */

/* {==== RAW MODE */

/* Raw mode starts from the caller's settings and turns off only what
** stands between the keys and the editor: ICANON (bytes come as typed,
** not by line), ECHO (the editor draws), ISIG (C-c, C-z, C-\ are keys,
** not signals), IXON (C-s, C-q are keys, not flow control), IEXTEN (no
** implementation-defined extras such as C-v), ICRNL (Enter arrives as
** CR), BRKINT, INPCK and ISTRIP (no signal on a break, no parity check,
** all 8 bits: UTF-8 arrives whole, as CS8 asks), OPOST (output goes out
** as written; the editor writes CR LF itself).  VMIN 1, VTIME 0: read
** waits for one byte, with no timer; the one timed wait uses poll. */
int le_enter_raw(le_editor *ed) {
  struct termios t;
  if (!ed->has_saved_tty) return 1;
  t = ed->orig;
  t.c_iflag &= ~(tcflag_t)(BRKINT | ICRNL | INPCK | ISTRIP | IXON);
  t.c_oflag &= ~(tcflag_t)OPOST;
  t.c_cflag |= CS8;
  t.c_lflag &= ~(tcflag_t)(ECHO | ICANON | IEXTEN | ISIG);
  t.c_cc[VMIN] = 1;
  t.c_cc[VTIME] = 0;
  /* TCSADRAIN, not TCSAFLUSH: the switch waits for pending output but
  ** keeps unread input, so keys typed while a chunk ran are not lost. */
  if (tcsetattr(ed->infd, TCSADRAIN, &t) < 0) return 0;
  ed->raw = 1;
  /* Bracketed paste: the terminal wraps pasted text in CSI 200 ~ and
  ** CSI 201 ~, so its newlines and tabs are inserted, not obeyed. */
  return write_all(ed->outfd, "\x1b[?2004h", 8);
}

/* Async-signal-safe: tcsetattr and write are, and raw is cleared first,
** so a handler and the normal exit path restore only once between them. */
int le_restore(le_editor *ed) {
  int rc = LE_OK;
  if (!ed || !ed->raw) return LE_OK;
  ed->raw = 0;
  if (tcsetattr(ed->infd, TCSADRAIN, &ed->orig) < 0) rc = LE_ERR_IO;
  if (write(ed->outfd, "\x1b[?2004l", 8) < 0) rc = LE_ERR_IO;
  return rc;
}

/* Both only set a flag: the editor acts on it outside the handler. */
void le_resume(le_editor *ed) {
  if (ed) ed->resume = 1;
}

void le_interrupt(le_editor *ed) {
  if (ed) ed->interrupt = 1;
}

/* }==== */

/* {==== INPUT */

/* After EINTR: a pending le_interrupt wins (returns 0); otherwise come
** back into raw mode if a stop dropped it, and redraw (the window may
** have changed size: SIGWINCH arrives this way). */
static int on_eintr(le_editor *ed) {
  if (ed->interrupt) return ed->interrupt = 0, 0;
  if (ed->mode == LE_MODE_EDIT && (ed->resume || !ed->raw)) {
    ed->resume = 0;
    if (!le_enter_raw(ed)) ed->err = LE_ERR_IO;
  }
  if (ed->mode == LE_MODE_EDIT) le_refresh(ed);
  return 1;
}

/* Edit mode reads up to sizeof in at once, so a paste or keys typed ahead
** are decoded before the next redraw, and drawn once. */
int le_get_byte(le_editor *ed, int wait_ms) {
  ssize_t r;
  if (ed->inpos < ed->inlen) return ed->in[ed->inpos++];
  for (;;) {
    if (ed->interrupt) return ed->interrupt = 0, K_INTR;
    /* A stop that came while we were drawing, not reading, gave no EINTR
    ** to react to: take the resume request now. */
    if (ed->resume && ed->mode == LE_MODE_EDIT) {
      if (!on_eintr(ed)) return K_INTR;
      if (ed->err) return K_ERR;
    }
    if (wait_ms >= 0) {
      struct pollfd p = {ed->infd, POLLIN, 0};
      if (poll(&p, 1, wait_ms) <= 0) return K_ESC;
    }
    /* Plain mode reads one byte at a time: whatever follows the line
    ** stays in the descriptor for the caller's other readers. */
    r = read(ed->infd, ed->in, ed->mode == LE_MODE_PLAIN ? 1 : sizeof ed->in);
    if (r > 0) break;
    if (r == 0) return K_EOF;
    if (errno != EINTR) return K_ERR;
    if (!on_eintr(ed)) return K_INTR;
    if (ed->err) return K_ERR;
  }
  ed->inpos = 1;
  ed->inlen = (size_t)r;
  return ed->in[0];
}

/* Keys come as xterm-style sequences (ESC O: application cursor mode):
** ESC [ or ESC O with A B C D (arrows) or H F (Home, End); ESC [ n ~ with
** n = 1 or 7 (Home), 4 or 8 (End), 3 (Delete), 200 (a paste begins);
** ESC [ 1 ; 5 C or ESC [ 1 ; 3 C (Ctrl- or Alt-arrow: word moves); ESC
** and a byte (Alt with that key).  Anything else is dropped whole, and
** BAD_INPUT notes where. */

/* The final letter shared by CSI and SS3 forms (ESC [ A, ESC O A). */
static int letter_key(int c) {
  switch (c) {
  case 'A': return K_UP;
  case 'B': return K_DOWN;
  case 'C': return K_RIGHT;
  case 'D': return K_LEFT;
  case 'H': return K_HOME;
  case 'F': return K_END;
  }
  return K_IGNORE;
}

/* Finish CSI parameters: Home/End/Delete, arrows, paste, else ignore.
** Numbers stay below 10^5, enough to tell 200, and cannot overflow. */
static int csi_key(le_editor *ed, int first) {
  int c = first, p1 = -1, p2 = -1, *cur = &p1;
  while (c >= 0x20 && c <= 0x3f) { /* parameters and intermediates */
    if (c >= '0' && c <= '9') *cur = (*cur < 0 ? 0 : *cur % 10000) * 10 +
                                     (c - '0');
    else if (c == ';') cur = &p2;
    c = le_get_byte(ed, -1);
  }
  if (c >= 0x100) return c; /* EOF or error inside the sequence */
  if (c == '~') {
    switch (p1) {
    case 1: case 7: return K_HOME;
    case 4: case 8: return K_END;
    case 3: return K_DEL;
    case 200: return K_PASTE;
    default: return K_IGNORE;
    }
  }
  if ((c == 'C' || c == 'D') && (p2 == 3 || p2 == 5))
    return c == 'C' ? K_WRIGHT : K_WLEFT;
  if (letter_key(c) != K_IGNORE) return letter_key(c);
  /* Not a final byte: the sequence was cut short; the byte is a key of
  ** its own.  It came from in[], so stepping back re-reads it. */
  if (c < 0x40 || c > 0x7e) ed->inpos--;
  BAD_INPUT(ed);
  return K_IGNORE;
}

static int ss3_key(le_editor *ed) {
  int c = le_get_byte(ed, -1);
  if (c >= 0x100) return c;
  if (letter_key(c) == K_IGNORE) BAD_INPUT(ed);
  return letter_key(c);
}

/* Decode one key: a byte, or an escape sequence into a K_ code.  ESC
** alone (nothing after it within ESC_WAIT_MS) is K_ESC. */
int le_read_key(le_editor *ed) {
  int c = le_get_byte(ed, -1);
  if (c != 0x1b) return c;
  c = le_get_byte(ed, ESC_WAIT_MS);
  if (c == '[') return csi_key(ed, le_get_byte(ed, -1));
  if (c == 'O') return ss3_key(ed);
  if (c == 0x1b) { /* ESC ESC: the first one stands alone */
    ed->inpos--;
    return K_ESC;
  }
  if (c >= 0x100) return c == K_EOF || c == K_ERR || c == K_INTR ? c : K_ESC;
  return K_META | c;
}

/* }==== */

/* {==== DISPLAY */

/* Asked at every redraw, so no handler has to track SIGWINCH; a terminal
** that answers 0 (a serial line) gets 80. */
static size_t term_cols(const le_editor *ed) {
  struct winsize ws;
  if (ed->cols_fixed) return ed->cols_fixed;
  if ((ioctl(ed->outfd, TIOCGWINSZ, &ws) == 0 ||
       ioctl(ed->infd, TIOCGWINSZ, &ws) == 0) && ws.ws_col > 0)
    return ws.ws_col;
  return DEFAULT_COLS;
}

/* Rows are broken by the editor, never by the terminal's auto-wrap.  A
** terminal that prints into its last column stays there in a "pending
** wrap" that the next printable character carries out and CR or a cursor
** move cancels, details varying between emulators.  So the editor writes
** CR LF before a unit that would cross the margin (a wide character
** leaves the last column blank, as terminals do), and after a row filled
** exactly, before anything else: from the pending state that reaches
** column 0 of the next row everywhere. */
typedef struct {
  size_t cols;       /* the width; SIZE_MAX never wraps */
  size_t row, col;   /* where the next unit goes, rows from the first */
  size_t crow, ccol; /* where the cursor goes */
} layout;

static void lay_newline(le_editor *ed, layout *L) {
  le_sb_add(ed, &ed->out, "\r\n", 2);
  L->row++;
  L->col = 0;
}

/* Start a new row when the unit would not fit on this one; a tab is
** cut short instead.  Zero-width units stay with their base. */
static void place(le_editor *ed, layout *L, lew_unit *u) {
  if (u->kind == LEW_NL || u->w == 0 || L->col == 0) return;
  if (L->col >= L->cols) lay_newline(ed, L);
  else if (L->col + u->w > L->cols) {
    if (u->kind == LEW_TAB) u->w = L->cols - L->col;
    else lay_newline(ed, L);
  }
}

/* Control bytes are drawn as ^X and invalid bytes as \xNN: written raw,
** the terminal would obey them and the layout would be lost. */
static void emit(le_editor *ed, layout *L, const char *s,
                 const lew_unit *u) {
  static const char hex[] = "0123456789abcdef";
  unsigned char c = (unsigned char)s[0];
  char tmp[4];
  size_t i;
  L->col += u->w;
  switch (u->kind) {
  case LEW_NL: lay_newline(ed, L); break;
  case LEW_TAB:
    for (i = 0; i < u->w; i++) le_sb_add(ed, &ed->out, " ", 1);
    break;
  case LEW_CTRL:
    tmp[0] = '^', tmp[1] = (char)(c == 0x7f ? '?' : c + '@');
    le_sb_add(ed, &ed->out, tmp, 2);
    break;
  case LEW_HEX:
    tmp[0] = '\\', tmp[1] = 'x', tmp[2] = hex[c >> 4], tmp[3] = hex[c & 15];
    le_sb_add(ed, &ed->out, tmp, 4);
    break;
  default: le_sb_add(ed, &ed->out, s, u->len);
  }
}

/* Draw s[0..n), noting the cursor's place when byte cursor is reached. */
static void draw_text(le_editor *ed, layout *L, const char *s, size_t n,
                      size_t cursor) {
  size_t i = 0;
  while (i < n) {
    lew_unit u;
    lew_measure(s + i, n - i, L->col, &u);
    place(ed, L, &u);
    if (i == cursor) L->crow = L->row, L->ccol = L->col;
    emit(ed, L, s + i, &u);
    i += u.len;
  }
}

/* The wording of bash's and readline's, which users know. */
static void build_search_prompt(le_editor *ed) {
  sbuf *p = &ed->sprompt;
  p->n = 0;
  le_sb_str(ed, p, ed->sfail ? "(failed reverse-i-search)`"
                          : "(reverse-i-search)`");
  le_sb_add(ed, p, ed->pat.p, ed->pat.n);
  le_sb_str(ed, p, "': ");
}

/* Redraw prompt and line from the first row of the edit area: rows are
** computed from display widths, never asked from the terminal.  The last
** redraw left the cursor rows_above below that first row. */
void le_refresh(le_editor *ed) {
  layout L = {term_cols(ed), 0, 0, 0, 0};
  const char *pr = ed->prompt;
  if (ed->searching) build_search_prompt(ed), pr = ed->sprompt.p;
  if (ed->rows_above) csi(ed, &ed->out, ed->rows_above, 'A');
  le_sb_str(ed, &ed->out, "\r\x1b[J");
  draw_text(ed, &L, pr ? pr : "", pr ? strlen(pr) : 0, SIZE_MAX);
  draw_text(ed, &L, ed->line.p, ed->line.n, ed->pos);
  if (L.col >= L.cols) lay_newline(ed, &L); /* leave no pending wrap */
  if (ed->pos >= ed->line.n) L.crow = L.row, L.ccol = L.col;
  if (L.row > L.crow) csi(ed, &ed->out, L.row - L.crow, 'A');
  le_sb_str(ed, &ed->out, "\r");
  if (L.ccol) csi(ed, &ed->out, L.ccol, 'C');
  ed->rows_above = L.crow;
  ed->rows_below = L.row - L.crow;
  le_flush(ed);
}

/* Put the cursor on a fresh row below the edit area. */
void le_leave_area(le_editor *ed) {
  if (ed->rows_below) csi(ed, &ed->out, ed->rows_below, 'B');
  le_sb_str(ed, &ed->out, "\r\n");
  ed->rows_above = ed->rows_below = 0;
  le_flush(ed);
}

/* The prompt must not erase output that did not end in a newline (an
** io.write("x") at the prompt): a full row of blanks ends exactly at the
** right margin when the cursor was at column 0 (a pending wrap), and the
** following CR brings it back to the same row; from any later column the
** blanks wrap and the prompt starts on the next row, below that output.
** This relies on automatic wrap, which terminals have on by default. */
void le_line_start(le_editor *ed) {
  size_t cols = term_cols(ed), i;
  for (i = 0; i < cols; i++) le_sb_add(ed, &ed->out, " ", 1);
  le_sb_add(ed, &ed->out, "\r", 1);
}

/* Below the edit area, in columns sized to the widest candidate, filled
** down then across as ls does; the next redraw starts below the list. */
void le_show_candidates(le_editor *ed, const hentry *v, size_t n) {
  size_t i, r, wmax = 1, cols = term_cols(ed), per, rows;
  for (i = 0; i < n; i++) {
    size_t w = lew_text_width(v[i].p, v[i].n);
    if (w > wmax) wmax = w;
  }
  per = cols / (wmax + 2) ? cols / (wmax + 2) : 1;
  rows = (n + per - 1) / per;
  le_leave_area(ed);
  for (r = 0; r < rows; r++) {
    for (i = r; i < n; i += rows) {
      layout L = {SIZE_MAX, 0, 0, 0, 0};
      draw_text(ed, &L, v[i].p, v[i].n, SIZE_MAX);
      if (i + rows < n)
        while (L.col++ < wmax + 2) le_sb_add(ed, &ed->out, " ", 1);
    }
    le_sb_add(ed, &ed->out, "\r\n", 2);
  }
  le_flush(ed);
}

/* }==== */
