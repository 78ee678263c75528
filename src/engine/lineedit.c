/*
** lineedit.c: a small terminal line editor (emacs keys, history, completion).
** See LICENSE.
*/
#include "lineedit.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

/* Malformed input is tolerated, but where is remembered for debugging. */
#define BAD_INPUT(ed) ((ed)->badline = __LINE__)

#define ESC_WAIT_MS 50   /* how long a lone ESC waits for the rest */
#define DEFAULT_COLS 80
#define DEFAULT_HISTORY 1000

typedef struct {
  char *p;
  size_t n, cap;
} sbuf;

typedef struct {
  char *p;
  size_t n;
} hentry;

struct le_completions {
  le_editor *ed;
  hentry *v;
  size_t n, cap;
};

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

/* Keys above the byte range. */
enum {
  K_UP = 0x100, K_DOWN, K_LEFT, K_RIGHT, K_HOME, K_END, K_DEL, K_WLEFT,
  K_WRIGHT, K_PASTE, K_ESC, K_IGNORE, K_EOF, K_ERR, K_INTR,
  K_META = 0x1000 /* or'ed with a byte: ESC followed by that byte */
};

#define CTL(c) ((c) & 0x1f)

/* {==== MEMORY */

static void *default_alloc(void *ud, void *p, size_t osize, size_t nsize) {
  (void)ud, (void)osize;
  if (nsize == 0) {
    free(p);
    return NULL;
  }
  return realloc(p, nsize);
}

static void mem_free(le_editor *ed, void *p, size_t size) {
  if (p) ed->alloc(ed->ud, p, size, 0);
}

/* Make room for extra more bytes plus a NUL; a failure is sticky. */
static int sb_room(le_editor *ed, sbuf *b, size_t extra) {
  size_t cap;
  char *p;
  if (extra < b->cap - b->n) return 1;
  if (extra > SIZE_MAX / 4 - b->n) goto fail;
  cap = b->cap ? b->cap : 64;
  while (cap - b->n <= extra) cap *= 2;
  p = ed->alloc(ed->ud, b->p, b->cap, cap);
  if (!p) goto fail;
  b->p = p;
  b->cap = cap;
  return 1;
fail:
  ed->err = LE_ERR_NOMEM;
  return 0;
}

static void sb_free(le_editor *ed, sbuf *b) {
  mem_free(ed, b->p, b->cap);
  b->p = NULL;
  b->n = b->cap = 0;
}

static void sb_add(le_editor *ed, sbuf *b, const void *s, size_t n) {
  if (!sb_room(ed, b, n)) return;
  if (n) memcpy(b->p + b->n, s, n);
  b->n += n;
  b->p[b->n] = '\0';
}

static void sb_set(le_editor *ed, sbuf *b, const void *s, size_t n) {
  b->n = 0;
  sb_add(ed, b, s, n);
}

static void sb_str(le_editor *ed, sbuf *b, const char *s) {
  sb_add(ed, b, s, strlen(s));
}

/* CSI n X, the cursor movements the redraw is made of. */
static void sb_csi(le_editor *ed, sbuf *b, size_t n, char cmd) {
  char tmp[32];
  size_t i = sizeof tmp;
  tmp[--i] = cmd;
  do tmp[--i] = (char)('0' + n % 10); while ((n /= 10) && i > 2);
  tmp[--i] = '[';
  tmp[--i] = '\x1b';
  sb_add(ed, b, tmp + i, sizeof tmp - i);
}

/* }==== */

/* {==== UTF-8 AND WIDTH */

/* Length of the valid UTF-8 sequence at s (1-4) with its code point in
   *cp, or 0 when s[0] does not start one (overlong, surrogate, cut). */
static size_t u8_dec(const unsigned char *s, size_t n, uint32_t *cp) {
  static const uint32_t minv[5] = {0, 0, 0x80, 0x800, 0x10000};
  size_t len, i;
  uint32_t c = s[0];
  if (c < 0x80) return *cp = c, 1;
  if (c < 0xc2 || c > 0xf4) return 0;
  len = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : 2;
  if (len > n) return 0;
  c &= 0x3f >> (len - 1);
  for (i = 1; i < len; i++) {
    if ((s[i] & 0xc0) != 0x80) return 0;
    c = (c << 6) | (s[i] & 0x3f);
  }
  if (c < minv[len] || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
    return 0;
  *cp = c;
  return len;
}

typedef struct {
  uint32_t lo, hi;
} urange;

/* Zero-width: combining marks, joiners, variation selectors, tags. */
static const urange zero_tab[] = {
  {0x0300, 0x036f}, {0x0483, 0x0489}, {0x0591, 0x05bd}, {0x05bf, 0x05bf},
  {0x05c1, 0x05c2}, {0x05c4, 0x05c5}, {0x05c7, 0x05c7}, {0x0610, 0x061a},
  {0x064b, 0x065f}, {0x0670, 0x0670}, {0x06d6, 0x06dc}, {0x06df, 0x06e4},
  {0x06e7, 0x06e8}, {0x06ea, 0x06ed}, {0x0900, 0x0902}, {0x093c, 0x093c},
  {0x0941, 0x0948}, {0x094d, 0x094d}, {0x0e31, 0x0e31}, {0x0e34, 0x0e3a},
  {0x0e47, 0x0e4e}, {0x1160, 0x11ff}, {0x1ab0, 0x1aff}, {0x1dc0, 0x1dff},
  {0x200b, 0x200f}, {0x202a, 0x202e}, {0x2060, 0x2064}, {0x20d0, 0x20ff},
  {0xfe00, 0xfe0f}, {0xfe20, 0xfe2f}, {0xfeff, 0xfeff}, {0xe0000, 0xe007f},
  {0xe0100, 0xe01ef},
};

/* Two columns: East Asian Wide/Fullwidth and emoji presentation. */
static const urange wide_tab[] = {
  {0x1100, 0x115f}, {0x231a, 0x231b}, {0x2329, 0x232a}, {0x23e9, 0x23ec},
  {0x23f0, 0x23f0}, {0x23f3, 0x23f3}, {0x25fd, 0x25fe}, {0x2614, 0x2615},
  {0x2648, 0x2653}, {0x267f, 0x267f}, {0x2693, 0x2693}, {0x26a1, 0x26a1},
  {0x26aa, 0x26ab}, {0x26bd, 0x26be}, {0x26c4, 0x26c5}, {0x26ce, 0x26ce},
  {0x26d4, 0x26d4}, {0x26ea, 0x26ea}, {0x26f2, 0x26f3}, {0x26f5, 0x26f5},
  {0x26fa, 0x26fa}, {0x26fd, 0x26fd}, {0x2705, 0x2705}, {0x270a, 0x270b},
  {0x2728, 0x2728}, {0x274c, 0x274c}, {0x274e, 0x274e}, {0x2753, 0x2755},
  {0x2757, 0x2757}, {0x2795, 0x2797}, {0x27b0, 0x27b0}, {0x27bf, 0x27bf},
  {0x2b1b, 0x2b1c}, {0x2b50, 0x2b50}, {0x2b55, 0x2b55}, {0x2e80, 0x303e},
  {0x3041, 0x33ff}, {0x3400, 0x4dbf}, {0x4e00, 0x9fff}, {0xa000, 0xa4cf},
  {0xa960, 0xa97f}, {0xac00, 0xd7a3}, {0xf900, 0xfaff}, {0xfe10, 0xfe19},
  {0xfe30, 0xfe6f}, {0xff00, 0xff60}, {0xffe0, 0xffe6}, {0x16fe0, 0x16fe4},
  {0x17000, 0x18aff}, {0x1b000, 0x1b2ff}, {0x1f004, 0x1f004},
  {0x1f0cf, 0x1f0cf}, {0x1f18e, 0x1f18e}, {0x1f191, 0x1f19a},
  {0x1f200, 0x1f202}, {0x1f210, 0x1f23b}, {0x1f240, 0x1f248},
  {0x1f250, 0x1f251}, {0x1f260, 0x1f265}, {0x1f300, 0x1f320},
  {0x1f32d, 0x1f335}, {0x1f337, 0x1f37c}, {0x1f37e, 0x1f393},
  {0x1f3a0, 0x1f3ca}, {0x1f3cf, 0x1f3d3}, {0x1f3e0, 0x1f3f0},
  {0x1f3f4, 0x1f3f4}, {0x1f3f8, 0x1f43e}, {0x1f440, 0x1f440},
  {0x1f442, 0x1f4fc}, {0x1f4ff, 0x1f53d}, {0x1f54b, 0x1f54e},
  {0x1f550, 0x1f567}, {0x1f57a, 0x1f57a}, {0x1f595, 0x1f596},
  {0x1f5a4, 0x1f5a4}, {0x1f5fb, 0x1f64f}, {0x1f680, 0x1f6c5},
  {0x1f6cc, 0x1f6cc}, {0x1f6d0, 0x1f6d2}, {0x1f6d5, 0x1f6d7},
  {0x1f6eb, 0x1f6ec}, {0x1f6f4, 0x1f6fc}, {0x1f7e0, 0x1f7eb},
  {0x1f90c, 0x1f93a}, {0x1f93c, 0x1f945}, {0x1f947, 0x1f9ff},
  {0x1fa70, 0x1faff}, {0x20000, 0x2fffd}, {0x30000, 0x3fffd},
};

static int in_table(uint32_t c, const urange *t, size_t n) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (c < t[mid].lo) hi = mid;
    else if (c > t[mid].hi) lo = mid + 1;
    else return 1;
  }
  return 0;
}

#define TABLEN(t) (sizeof(t) / sizeof((t)[0]))

/* Columns of a printable code point (controls are handled by the caller). */
static int cp_width(uint32_t c) {
  if (c < 0x300) return 1;
  if (in_table(c, zero_tab, TABLEN(zero_tab))) return 0;
  return in_table(c, wide_tab, TABLEN(wide_tab)) ? 2 : 1;
}

/* Bytes of the unit at i: a valid character, else one stray byte. */
static size_t unit_len(const sbuf *b, size_t i) {
  uint32_t cp;
  size_t n = u8_dec((const unsigned char *)b->p + i, b->n - i, &cp);
  return n ? n : 1;
}

static int zero_width_at(const sbuf *b, size_t i) {
  uint32_t cp;
  size_t n = u8_dec((const unsigned char *)b->p + i, b->n - i, &cp);
  return n > 1 && cp_width(cp) == 0;
}

/* Start of the unit ending at i: valid sequences never overlap a lead
   byte, so looking back at most 3 bytes agrees with forward decoding. */
static size_t unit_back(const sbuf *b, size_t i) {
  size_t k;
  for (k = 2; k <= 4 && k <= i; k++) {
    uint32_t cp;
    size_t s = i - k;
    if (u8_dec((const unsigned char *)b->p + s, i - s, &cp) == k) return s;
  }
  return i - 1;
}

/* Cursor stops skip zero-width characters: they belong to their base. */
static size_t next_pos(const sbuf *b, size_t i) {
  if (i >= b->n) return b->n;
  i += unit_len(b, i);
  while (i < b->n && zero_width_at(b, i)) i += unit_len(b, i);
  return i;
}

static size_t prev_pos(const sbuf *b, size_t i) {
  while (i > 0) {
    i = unit_back(b, i);
    if (!zero_width_at(b, i)) break;
  }
  return i;
}

/* }==== */

/* {==== TERMINAL */

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

static void flush(le_editor *ed) {
  if (ed->out.n && !write_all(ed->outfd, ed->out.p, ed->out.n))
    ed->err = LE_ERR_IO;
  ed->out.n = 0;
}

static int enter_raw(le_editor *ed) {
  struct termios t;
  if (!ed->has_saved_tty) return 1;
  t = ed->orig;
  t.c_iflag &= ~(tcflag_t)(BRKINT | ICRNL | INPCK | ISTRIP | IXON);
  t.c_oflag &= ~(tcflag_t)OPOST;
  t.c_cflag |= CS8;
  t.c_lflag &= ~(tcflag_t)(ECHO | ICANON | IEXTEN | ISIG);
  t.c_cc[VMIN] = 1;
  t.c_cc[VTIME] = 0;
  /* TCSADRAIN, not TCSAFLUSH: keys typed ahead must not be lost. */
  if (tcsetattr(ed->infd, TCSADRAIN, &t) < 0) return 0;
  ed->raw = 1;
  return write_all(ed->outfd, "\x1b[?2004h", 8);
}

static size_t term_cols(const le_editor *ed) {
  struct winsize ws;
  if (ed->cols_fixed) return ed->cols_fixed;
  if ((ioctl(ed->outfd, TIOCGWINSZ, &ws) == 0 ||
       ioctl(ed->infd, TIOCGWINSZ, &ws) == 0) && ws.ws_col > 0)
    return ws.ws_col;
  return DEFAULT_COLS;
}

static void refresh(le_editor *ed);

/* After EINTR: a pending le_interrupt wins; otherwise come back into raw
   mode if a stop dropped it, and redraw (the window may have changed). */
static int on_eintr(le_editor *ed) {
  if (ed->interrupt) return ed->interrupt = 0, 0;
  if (ed->mode == LE_MODE_EDIT && (ed->resume || !ed->raw)) {
    ed->resume = 0;
    if (!enter_raw(ed)) ed->err = LE_ERR_IO;
  }
  if (ed->mode == LE_MODE_EDIT) refresh(ed);
  return 1;
}

/* One byte of input, or K_EOF, K_ERR, K_INTR; with wait_ms >= 0, K_ESC
   when nothing arrives in time. */
static int get_byte(le_editor *ed, int wait_ms) {
  ssize_t r;
  if (ed->inpos < ed->inlen) return ed->in[ed->inpos++];
  for (;;) {
    if (ed->interrupt) return ed->interrupt = 0, K_INTR;
    /* A stop that came while we were drawing, not reading, gave no EINTR
       to react to: take the resume request now. */
    if (ed->resume && ed->mode == LE_MODE_EDIT) {
      if (!on_eintr(ed)) return K_INTR;
      if (ed->err) return K_ERR;
    }
    if (wait_ms >= 0) {
      struct pollfd p = {ed->infd, POLLIN, 0};
      if (poll(&p, 1, wait_ms) <= 0) return K_ESC;
    }
    /* Plain mode reads one byte at a time: whatever follows the line
       stays in the descriptor for the caller's other readers. */
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

/* Finish CSI parameters: Home/End/Delete, arrows, paste, else ignore. */
static int csi_key(le_editor *ed, int first) {
  int c = first, p1 = -1, p2 = -1, *cur = &p1;
  while (c >= 0x20 && c <= 0x3f) { /* parameters and intermediates */
    if (c >= '0' && c <= '9') *cur = (*cur < 0 ? 0 : *cur % 10000) * 10 +
                                     (c - '0');
    else if (c == ';') cur = &p2;
    c = get_byte(ed, -1);
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
  if (c < 0x40 || c > 0x7e) ed->inpos--; /* not a final byte: keep it */
  BAD_INPUT(ed);
  return K_IGNORE;
}

static int ss3_key(le_editor *ed) {
  int c = get_byte(ed, -1);
  if (c >= 0x100) return c;
  if (letter_key(c) == K_IGNORE) BAD_INPUT(ed);
  return letter_key(c);
}

/* Decode one key: a byte, or an escape sequence into a K_ code. */
static int read_key(le_editor *ed) {
  int c = get_byte(ed, -1);
  if (c != 0x1b) return c;
  c = get_byte(ed, ESC_WAIT_MS);
  if (c == '[') return csi_key(ed, get_byte(ed, -1));
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

typedef struct {
  size_t cols, row, col;
  size_t crow, ccol; /* where the cursor goes */
} layout;

static void lay_newline(le_editor *ed, layout *L) {
  sb_add(ed, &ed->out, "\r\n", 2);
  L->row++;
  L->col = 0;
}

/* One unit of text as drawn: a character, a tab, a newline, a control
   byte (^X) or a byte that is not valid UTF-8 (\xNN). */
typedef struct {
  size_t len, w;
  int kind;
} unit;

enum { U_TEXT, U_CTRL, U_HEX, U_TAB, U_NL };

static void measure(const char *s, size_t n, size_t col, unit *u) {
  uint32_t cp = 0;
  size_t len = u8_dec((const unsigned char *)s, n, &cp);
  u->len = len ? len : 1;
  if (len == 0 || (cp >= 0x80 && cp < 0xa0)) /* C1 controls too */
    u->len = 1, u->w = 4, u->kind = U_HEX;
  else if (cp == '\n') u->w = 0, u->kind = U_NL;
  else if (cp == '\t') u->w = 8 - col % 8, u->kind = U_TAB;
  else if (cp < 0x20 || cp == 0x7f) u->w = 2, u->kind = U_CTRL;
  else u->w = (size_t)cp_width(cp), u->kind = U_TEXT;
}

/* Start a new row when the unit would not fit on this one; a tab is
   cut short instead.  Zero-width units stay with their base. */
static void place(le_editor *ed, layout *L, unit *u) {
  if (u->kind == U_NL || u->w == 0 || L->col == 0) return;
  if (L->col >= L->cols) lay_newline(ed, L);
  else if (L->col + u->w > L->cols) {
    if (u->kind == U_TAB) u->w = L->cols - L->col;
    else lay_newline(ed, L);
  }
}

static void emit(le_editor *ed, layout *L, const char *s, const unit *u) {
  static const char hex[] = "0123456789abcdef";
  unsigned char c = (unsigned char)s[0];
  char tmp[4];
  size_t i;
  L->col += u->w;
  switch (u->kind) {
  case U_NL: lay_newline(ed, L); break;
  case U_TAB: for (i = 0; i < u->w; i++) sb_add(ed, &ed->out, " ", 1); break;
  case U_CTRL:
    tmp[0] = '^', tmp[1] = (char)(c == 0x7f ? '?' : c + '@');
    sb_add(ed, &ed->out, tmp, 2);
    break;
  case U_HEX:
    tmp[0] = '\\', tmp[1] = 'x', tmp[2] = hex[c >> 4], tmp[3] = hex[c & 15];
    sb_add(ed, &ed->out, tmp, 4);
    break;
  default: sb_add(ed, &ed->out, s, u->len);
  }
}

/* Draw s[0..n), noting the cursor's place when byte cursor is reached. */
static void draw_text(le_editor *ed, layout *L, const char *s, size_t n,
                      size_t cursor) {
  size_t i = 0;
  while (i < n) {
    unit u;
    measure(s + i, n - i, L->col, &u);
    place(ed, L, &u);
    if (i == cursor) L->crow = L->row, L->ccol = L->col;
    emit(ed, L, s + i, &u);
    i += u.len;
  }
}

static void build_search_prompt(le_editor *ed) {
  sbuf *p = &ed->sprompt;
  p->n = 0;
  sb_str(ed, p, ed->sfail ? "(failed reverse-i-search)`"
                          : "(reverse-i-search)`");
  sb_add(ed, p, ed->pat.p, ed->pat.n);
  sb_str(ed, p, "': ");
}

/* Redraw prompt and line from the first row of the edit area: rows are
   computed from display widths, never asked from the terminal. */
static void refresh(le_editor *ed) {
  layout L = {term_cols(ed), 0, 0, 0, 0};
  const char *pr = ed->prompt;
  if (ed->searching) build_search_prompt(ed), pr = ed->sprompt.p;
  if (ed->rows_above) sb_csi(ed, &ed->out, ed->rows_above, 'A');
  sb_str(ed, &ed->out, "\r\x1b[J");
  draw_text(ed, &L, pr ? pr : "", pr ? strlen(pr) : 0, SIZE_MAX);
  draw_text(ed, &L, ed->line.p, ed->line.n, ed->pos);
  if (L.col >= L.cols) lay_newline(ed, &L); /* leave no pending wrap */
  if (ed->pos >= ed->line.n) L.crow = L.row, L.ccol = L.col;
  if (L.row > L.crow) sb_csi(ed, &ed->out, L.row - L.crow, 'A');
  sb_str(ed, &ed->out, "\r");
  if (L.ccol) sb_csi(ed, &ed->out, L.ccol, 'C');
  ed->rows_above = L.crow;
  ed->rows_below = L.row - L.crow;
  flush(ed);
}

/* Put the cursor on a fresh row below the edit area. */
static void leave_area(le_editor *ed) {
  if (ed->rows_below) sb_csi(ed, &ed->out, ed->rows_below, 'B');
  sb_str(ed, &ed->out, "\r\n");
  ed->rows_above = ed->rows_below = 0;
  flush(ed);
}

/* }==== */

/* {==== EDITING */

static void insert(le_editor *ed, const char *s, size_t n) {
  sbuf *b = &ed->line;
  if (n == 0 || !sb_room(ed, b, n)) return;
  memmove(b->p + ed->pos + n, b->p + ed->pos, b->n - ed->pos);
  memcpy(b->p + ed->pos, s, n);
  b->n += n;
  b->p[b->n] = '\0';
  ed->pos += n;
}

/* Remove line[from..to), keeping a copy in the kill buffer if asked. */
static void cut(le_editor *ed, size_t from, size_t to, int keep) {
  sbuf *b = &ed->line;
  if (from >= to) return;
  if (keep) sb_set(ed, &ed->kill, b->p + from, to - from);
  memmove(b->p + from, b->p + to, b->n - to + 1);
  b->n -= to - from;
  if (ed->pos > to) ed->pos -= to - from;
  else if (ed->pos > from) ed->pos = from;
}

static int is_word(int c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
}

static size_t word_left(const le_editor *ed, size_t i) {
  const unsigned char *p = (const unsigned char *)ed->line.p;
  while (i > 0 && !is_word(p[i - 1])) i--;
  while (i > 0 && is_word(p[i - 1])) i--;
  return i;
}

static size_t word_right(const le_editor *ed, size_t i) {
  const unsigned char *p = (const unsigned char *)ed->line.p;
  while (i < ed->line.n && !is_word(p[i])) i++;
  while (i < ed->line.n && is_word(p[i])) i++;
  return i;
}

/* C-w: the word before the cursor up to whitespace, as shells do. */
static void rubout_bigword(le_editor *ed) {
  const char *p = ed->line.p;
  size_t i = ed->pos;
  while (i > 0 && (p[i - 1] == ' ' || p[i - 1] == '\t')) i--;
  while (i > 0 && p[i - 1] != ' ' && p[i - 1] != '\t') i--;
  cut(ed, i, ed->pos, 1);
}

/* C-t: swap the characters around the cursor (the last two at the end). */
static void transpose(le_editor *ed) {
  char tmp[8];
  size_t a, b, c, la, lb;
  if (ed->pos == 0 || ed->line.n == 0) return;
  b = ed->pos < ed->line.n ? ed->pos : prev_pos(&ed->line, ed->pos);
  if (b == 0) return;
  a = prev_pos(&ed->line, b);
  c = next_pos(&ed->line, b);
  la = b - a, lb = c - b;
  if (la > sizeof tmp) return; /* long combining clusters: leave them */
  memcpy(tmp, ed->line.p + a, la);
  memmove(ed->line.p + a, ed->line.p + b, lb);
  memcpy(ed->line.p + a + lb, tmp, la);
  ed->pos = c;
}

static void load_line(le_editor *ed, const char *s, size_t n) {
  sb_set(ed, &ed->line, s, n);
  ed->pos = ed->line.n;
}

/* }==== */

/* {==== HISTORY AND SEARCH */

/* Up and down: hidx 0 is the line being edited, k the k-th newest. */
static void history_move(le_editor *ed, int up) {
  hentry *h;
  if (up ? ed->hidx >= ed->hn : ed->hidx == 0) return;
  if (up && ed->hidx == 0) sb_set(ed, &ed->saved, ed->line.p, ed->line.n);
  ed->hidx += up ? 1 : (size_t)-1;
  if (ed->hidx == 0) return load_line(ed, ed->saved.p, ed->saved.n);
  h = &ed->hist[ed->hn - ed->hidx];
  load_line(ed, h->p, h->n);
}

/* Last occurrence of pat in s, or -1. */
static long find_last(const char *s, size_t n, const char *pat, size_t m) {
  size_t i;
  if (m == 0) return (long)n; /* empty pattern: every entry matches */
  if (m > n) return -1;
  for (i = n - m + 1; i-- > 0;)
    if (memcmp(s + i, pat, m) == 0) return (long)i;
  return -1;
}

/* Look for the pattern from the k-th newest entry on, older and older. */
static void search_from(le_editor *ed, size_t k) {
  for (; k < ed->hn; k++) {
    hentry *h = &ed->hist[ed->hn - 1 - k];
    long at = find_last(h->p, h->n, ed->pat.p, ed->pat.n);
    if (at >= 0) {
      load_line(ed, h->p, h->n);
      ed->pos = (size_t)at;
      ed->sidx = k;
      ed->sfail = 0;
      return;
    }
  }
  ed->sfail = 1;
}

static void search_start(le_editor *ed) {
  sb_set(ed, &ed->before, ed->line.p, ed->line.n);
  ed->before_pos = ed->pos;
  ed->pat.n = 0;
  ed->searching = 1;
  ed->sfail = 0;
  ed->sidx = SIZE_MAX; /* nothing found yet */
}

static void search_end(le_editor *ed, int accept) {
  ed->searching = 0;
  ed->hidx = 0;
  if (accept) return;
  load_line(ed, ed->before.p, ed->before.n);
  ed->pos = ed->before_pos;
}

/* One key during C-r.  Returns 1 when consumed, 0 when the search ended
   and the key is for the ordinary dispatcher. */
static int search_key(le_editor *ed, int key) {
  size_t from = ed->sidx == SIZE_MAX ? 0 : ed->sidx;
  switch (key) {
  case CTL('r'):
    search_from(ed, ed->sidx == SIZE_MAX ? 0 : ed->sidx + 1);
    return 1;
  case CTL('g'): case K_ESC:
    search_end(ed, 0);
    return 1;
  case CTL('h'): case 0x7f:
    if (ed->pat.n) {
      sbuf *p = &ed->pat;
      p->n = unit_back(p, p->n);
      p->p[p->n] = '\0';
    }
    search_from(ed, 0);
    return 1;
  }
  if (key >= 0x20 && key < 0x100 && key != 0x7f) {
    char c = (char)key;
    sb_add(ed, &ed->pat, &c, 1);
    search_from(ed, from);
    return 1;
  }
  search_end(ed, 1);
  return 0;
}

/* }==== */

/* {==== COMPLETION */

static void lc_free(le_completions *lc) {
  size_t i;
  for (i = 0; i < lc->n; i++) mem_free(lc->ed, lc->v[i].p, lc->v[i].n + 1);
  mem_free(lc->ed, lc->v, lc->cap * sizeof *lc->v);
}

static size_t common_prefix(const le_completions *lc) {
  size_t i, k, n = lc->v[0].n;
  for (i = 1; i < lc->n; i++) {
    for (k = 0; k < n && k < lc->v[i].n; k++)
      if (lc->v[i].p[k] != lc->v[0].p[k]) break;
    n = k;
  }
  return n;
}

static size_t text_width(const char *s, size_t n) {
  size_t col = 0, i = 0;
  while (i < n) {
    unit u;
    measure(s + i, n - i, col, &u);
    col += u.w;
    i += u.len;
  }
  return col;
}

/* Below the edit area, in columns sized to the widest candidate. */
static void list_candidates(le_editor *ed, const le_completions *lc) {
  size_t i, r, wmax = 1, cols = term_cols(ed), per, rows;
  for (i = 0; i < lc->n; i++) {
    size_t w = text_width(lc->v[i].p, lc->v[i].n);
    if (w > wmax) wmax = w;
  }
  per = cols / (wmax + 2) ? cols / (wmax + 2) : 1;
  rows = (lc->n + per - 1) / per;
  leave_area(ed);
  for (r = 0; r < rows; r++) {
    for (i = r; i < lc->n; i += rows) {
      layout L = {SIZE_MAX, 0, 0, 0, 0};
      draw_text(ed, &L, lc->v[i].p, lc->v[i].n, SIZE_MAX);
      if (i + rows < lc->n)
        while (L.col++ < wmax + 2) sb_add(ed, &ed->out, " ", 1);
    }
    sb_add(ed, &ed->out, "\r\n", 2);
  }
  flush(ed);
}

/* Tab: complete the common prefix; with no progress twice in a row,
   list the candidates. */
static void complete(le_editor *ed) {
  le_completions lc = {ed, NULL, 0, 0};
  size_t start = ed->pos, lcp;
  int tabbed = ed->last_tab, rc;
  ed->last_tab = 0;
  rc = ed->complete(ed->cud, ed->line.p, ed->line.n, ed->pos, &start, &lc);
  if (rc == LE_ERR_NOMEM) ed->err = rc;
  if (rc != LE_OK || lc.n == 0 || start > ed->pos) {
    sb_str(ed, &ed->out, "\a");
    return lc_free(&lc);
  }
  lcp = common_prefix(&lc);
  if (lcp > ed->pos - start ||
      memcmp(lc.v[0].p, ed->line.p + start, lcp) != 0) {
    cut(ed, start, ed->pos, 0);
    insert(ed, lc.v[0].p, lcp);
  } else if (lc.n > 1 && tabbed) {
    list_candidates(ed, &lc);
  } else {
    sb_str(ed, &ed->out, "\a");
  }
  lc_free(&lc);
}

/* }==== */

/* {==== READING LINES */

/* Pasted text goes in literally up to ESC [ 2 0 1 ~; CR becomes LF. */
static int paste(le_editor *ed) {
  static const char end[] = "\x1b[201~";
  size_t m = 0;
  for (;;) {
    int c = get_byte(ed, -1);
    char ch = (char)c;
    if (c >= 0x100) return c;
    if (ch == end[m]) {
      if (++m == sizeof end - 1) return 0;
      continue;
    }
    if (m) insert(ed, end, m), m = ch == end[0];
    if (m) continue;
    if (ch == '\r') ch = '\n';
    insert(ed, &ch, 1);
    if (ed->err) return K_ERR;
  }
}

/* The prompt must not erase output that did not end in a newline (an
   io.write("x") at the prompt): a full row of blanks ends exactly at the
   right margin when the cursor was at column 0, and the following CR
   brings it back to the same row; from any later column the blanks wrap
   and the prompt starts on the next row, below that output. */
static void line_start(le_editor *ed) {
  size_t cols = term_cols(ed), i;
  for (i = 0; i < cols; i++) sb_add(ed, &ed->out, " ", 1);
  sb_add(ed, &ed->out, "\r", 1);
}

/* C-z: leave the terminal as it was found, let the caller stop the
   process, and draw the line afresh below whatever the shell printed. */
static void suspend(le_editor *ed) {
  leave_area(ed);
  if (le_restore(ed) != LE_OK) ed->err = LE_ERR_IO;
  ed->suspend(ed->sud);
  ed->resume = 0;
  if (!ed->err && !enter_raw(ed)) ed->err = LE_ERR_IO;
  line_start(ed);
}

enum { GO_ON = -1 };

/* The key dispatcher: one key in, an edit made; returns GO_ON or the
   le_readline result.  Long because it is a switch over every key. */
static int dispatch(le_editor *ed, int key) {
  sbuf *b = &ed->line;
  int tab = 0;
  switch (key) {
  case '\r': case '\n': return LE_OK;
  case CTL('c'): return LE_INTERRUPTED;
  case K_EOF: return LE_EOF;
  case K_ERR: return ed->err ? ed->err : LE_ERR_IO;
  case K_INTR: return LE_INTERRUPTED;
  case CTL('d'):
    if (b->n == 0) return LE_EOF;
    /* fall through */
  case K_DEL: cut(ed, ed->pos, next_pos(b, ed->pos), 0); break;
  case CTL('h'): case 0x7f: cut(ed, prev_pos(b, ed->pos), ed->pos, 0); break;
  case CTL('a'): case K_HOME: ed->pos = 0; break;
  case CTL('e'): case K_END: ed->pos = b->n; break;
  case CTL('b'): case K_LEFT: ed->pos = prev_pos(b, ed->pos); break;
  case CTL('f'): case K_RIGHT: ed->pos = next_pos(b, ed->pos); break;
  case CTL('p'): case K_UP: history_move(ed, 1); break;
  case CTL('n'): case K_DOWN: history_move(ed, 0); break;
  case CTL('k'): cut(ed, ed->pos, b->n, 1); break;
  case CTL('u'): cut(ed, 0, ed->pos, 1); break;
  case CTL('w'): rubout_bigword(ed); break;
  case CTL('y'): insert(ed, ed->kill.p, ed->kill.n); break;
  case CTL('t'): transpose(ed); break;
  case CTL('r'): search_start(ed); break;
  case CTL('l'):
    sb_str(ed, &ed->out, "\x1b[H\x1b[2J");
    ed->rows_above = 0;
    break;
  case CTL('z'):
    if (ed->suspend) suspend(ed);
    else BAD_INPUT(ed);
    break;
  case '\t':
    if (!ed->complete) insert(ed, "\t", 1);
    else complete(ed), tab = 1;
    break;
  case K_META | 'b': case K_WLEFT: ed->pos = word_left(ed, ed->pos); break;
  case K_META | 'f': case K_WRIGHT: ed->pos = word_right(ed, ed->pos); break;
  case K_META | 'd': cut(ed, ed->pos, word_right(ed, ed->pos), 1); break;
  case K_META | 0x7f: case K_META | CTL('h'):
    cut(ed, word_left(ed, ed->pos), ed->pos, 1);
    break;
  case K_PASTE:
    key = paste(ed);
    if (key) return dispatch(ed, key);
    break;
  default:
    if (key >= 0x20 && key < 0x100 && key != 0x7f) {
      char c = (char)key;
      insert(ed, &c, 1);
    } else if (key >= K_META || key < 0x20) {
      BAD_INPUT(ed); /* unbound key: ignored */
    }
  }
  ed->last_tab = tab;
  return ed->err ? ed->err : GO_ON;
}

static int edit_loop(le_editor *ed) {
  int rc = GO_ON;
  line_start(ed);
  refresh(ed);
  while (rc == GO_ON && !ed->err) {
    int key = read_key(ed);
    if (!ed->searching || !search_key(ed, key)) rc = dispatch(ed, key);
    /* Redraw only once the typed-ahead or pasted bytes are used up. */
    if (rc == GO_ON && ed->inpos >= ed->inlen) refresh(ed);
  }
  if (rc == GO_ON) rc = ed->err;
  if (ed->searching) search_end(ed, rc == LE_OK);
  if (rc == LE_OK) ed->pos = ed->line.n, refresh(ed);
  leave_area(ed);
  return rc;
}

/* No escape codes at all: the terminal (or pipe) does the editing, and a
   last line without newline still counts, as with fgets. */
static int plain_loop(le_editor *ed) {
  int c, got = 0;
  char ch;
  if (ed->prompt) sb_str(ed, &ed->out, ed->prompt);
  flush(ed);
  while (!ed->err) {
    c = get_byte(ed, -1);
    if (c == K_EOF) return got ? LE_OK : LE_EOF;
    if (c == K_INTR) return LE_INTERRUPTED;
    if (c == K_ERR) return ed->err ? ed->err : LE_ERR_IO;
    if (c == '\n') return LE_OK;
    ch = (char)c;
    sb_add(ed, &ed->line, &ch, 1);
    got = 1;
  }
  return ed->err;
}

/* }==== */

/* {==== API */

le_editor *le_new(int infd, int outfd, const char *term, le_alloc_fn alloc,
                  void *ud) {
  le_editor *ed;
  if (!alloc) alloc = default_alloc;
  ed = alloc(ud, NULL, 0, sizeof *ed);
  if (!ed) return NULL;
  memset(ed, 0, sizeof *ed);
  ed->infd = infd, ed->outfd = outfd;
  ed->alloc = alloc, ed->ud = ud;
  ed->hmax = DEFAULT_HISTORY;
  ed->mode = LE_MODE_EDIT;
  if (!term || !*term || strcmp(term, "dumb") == 0 || !isatty(infd))
    ed->mode = LE_MODE_PLAIN;
  return ed;
}

void le_free(le_editor *ed) {
  size_t i;
  if (!ed) return;
  sbuf *bufs[] = {&ed->line, &ed->out, &ed->kill, &ed->saved,
                  &ed->before, &ed->pat, &ed->sprompt};
  for (i = 0; i < TABLEN(bufs); i++) sb_free(ed, bufs[i]);
  for (i = 0; i < ed->hn; i++) mem_free(ed, ed->hist[i].p, ed->hist[i].n + 1);
  mem_free(ed, ed->hist, ed->hcap * sizeof *ed->hist);
  ed->alloc(ed->ud, ed, sizeof *ed, 0);
}

int le_set_mode(le_editor *ed, int mode) {
  if (!ed || (mode != LE_MODE_PLAIN && mode != LE_MODE_EDIT))
    return LE_ERR_ARG;
  ed->mode = mode;
  return LE_OK;
}

void le_set_columns(le_editor *ed, size_t cols) {
  if (ed) ed->cols_fixed = cols;
}

int le_readline(le_editor *ed, const char *prompt, const char **line,
                size_t *len) {
  int rc;
  if (!ed || !line || !len) return LE_ERR_ARG;
  ed->err = 0;
  ed->line.n = ed->pos = ed->hidx = 0;
  ed->rows_above = ed->rows_below = 0;
  ed->last_tab = ed->searching = 0;
  ed->prompt = prompt;
  if (!sb_room(ed, &ed->line, 0)) return *line = "", *len = 0, LE_ERR_NOMEM;
  ed->line.p[0] = '\0';
  if (ed->mode == LE_MODE_PLAIN) rc = plain_loop(ed);
  else {
    /* Saved afresh each call: the caller may change modes in between. */
    ed->has_saved_tty = tcgetattr(ed->infd, &ed->orig) == 0;
    rc = enter_raw(ed) ? edit_loop(ed) : LE_ERR_IO;
    if (le_restore(ed) != LE_OK && rc == LE_OK) rc = LE_ERR_IO;
  }
  ed->out.n = 0;
  if (rc != LE_OK) return *line = "", *len = 0, rc;
  *line = ed->line.p;
  *len = ed->line.n;
  return LE_OK;
}

int le_restore(le_editor *ed) {
  int rc = LE_OK;
  if (!ed || !ed->raw) return LE_OK;
  ed->raw = 0;
  if (tcsetattr(ed->infd, TCSADRAIN, &ed->orig) < 0) rc = LE_ERR_IO;
  if (write(ed->outfd, "\x1b[?2004l", 8) < 0) rc = LE_ERR_IO;
  return rc;
}

void le_resume(le_editor *ed) {
  if (ed) ed->resume = 1;
}

void le_interrupt(le_editor *ed) {
  if (ed) ed->interrupt = 1;
}

static void history_drop_oldest(le_editor *ed, size_t k) {
  size_t i;
  if (k == 0) return;
  for (i = 0; i < k; i++) mem_free(ed, ed->hist[i].p, ed->hist[i].n + 1);
  memmove(ed->hist, ed->hist + k, (ed->hn - k) * sizeof *ed->hist);
  ed->hn -= k;
}

/* Append a copy of s[0..len) to a vector of entries. */
static int push_copy(le_editor *ed, hentry **v, size_t *n, size_t *cap,
                     const char *s, size_t len) {
  char *p;
  if (len >= SIZE_MAX - 1) return LE_ERR_NOMEM;
  if (*n == *cap) {
    size_t ncap = *cap ? *cap * 2 : 16;
    hentry *nv = ed->alloc(ed->ud, *v, *cap * sizeof *nv, ncap * sizeof *nv);
    if (!nv) return LE_ERR_NOMEM;
    *v = nv, *cap = ncap;
  }
  p = ed->alloc(ed->ud, NULL, 0, len + 1);
  if (!p) return LE_ERR_NOMEM;
  if (len) memcpy(p, s, len);
  p[len] = '\0';
  (*v)[*n].p = p, (*v)[*n].n = len;
  (*n)++;
  return LE_OK;
}

int le_history_add(le_editor *ed, const char *line, size_t len) {
  hentry *last;
  int rc;
  if (!ed || (!line && len)) return LE_ERR_ARG;
  last = ed->hn ? &ed->hist[ed->hn - 1] : NULL;
  if (ed->hmax == 0 || (last && last->n == len &&
                        (len == 0 || memcmp(last->p, line, len) == 0)))
    return LE_OK;
  rc = push_copy(ed, &ed->hist, &ed->hn, &ed->hcap, line, len);
  if (ed->hn > ed->hmax) history_drop_oldest(ed, ed->hn - ed->hmax);
  return rc;
}

size_t le_history_count(const le_editor *ed) {
  return ed ? ed->hn : 0;
}

const char *le_history_get(const le_editor *ed, size_t i, size_t *len) {
  if (!ed || i >= ed->hn) return NULL;
  if (len) *len = ed->hist[i].n;
  return ed->hist[i].p;
}

void le_history_set_max(le_editor *ed, size_t max) {
  if (!ed) return;
  ed->hmax = max;
  if (ed->hn > max) history_drop_oldest(ed, ed->hn - max);
}

void le_set_suspend(le_editor *ed, le_suspend_fn fn, void *ud) {
  if (ed) ed->suspend = fn, ed->sud = ud;
}

void le_set_completion(le_editor *ed, le_complete_fn fn, void *ud) {
  if (ed) ed->complete = fn, ed->cud = ud;
}

int le_completion_add(le_completions *lc, const char *s, size_t len) {
  if (!lc || (!s && len)) return LE_ERR_ARG;
  return push_copy(lc->ed, &lc->v, &lc->n, &lc->cap, s, len);
}

int le_bad_input_line(const le_editor *ed) {
  return ed ? ed->badline : 0;
}

const char *le_strerror(int code) {
  switch (code) {
  case LE_OK: return "no error";
  case LE_EOF: return "end of input";
  case LE_INTERRUPTED: return "interrupted";
  case LE_ERR_IO: return "terminal read or write failed";
  case LE_ERR_NOMEM: return "not enough memory";
  case LE_ERR_ARG: return "invalid argument";
  }
  return "unknown line editor error";
}

/* }==== */
