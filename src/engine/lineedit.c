/*
** lineedit.c: a small terminal line editor (emacs keys, history, completion).
** See LICENSE.
*/
#include "lineedit_int.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The engine is in three files: this one edits, keeps history, completes
** and holds the API; lineedit_term.c talks to the terminal (raw mode,
** keys, drawing); lineedit_width.c measures UTF-8 text.  lineedit_int.h
** is what they share. */

#define DEFAULT_HISTORY 1000

/* Lives on complete()'s stack for one Tab; the callback only reaches it
** through le_completion_add, and the candidates are freed before
** complete() returns. */
struct le_completions {
  le_editor *ed;
  hentry *v;
  size_t n, cap;
};

/* The byte a control key sends: CTL('a') is C-a, 1. */
#define CTL(c) ((c) & 0x1f)

/* {==== MEMORY */

/* Every block comes from the caller's mem_alloc_fn and goes back through
** it with the size it was asked for, so a counting allocator balances to
** the byte (the fuzz target aborts on any leak).  A refused allocation
** loses no memory and leaves the editor whole: the buffer keeps its old
** block, ed->err becomes LE_ERR_NOMEM, and the current le_readline ends
** with that code; history and completion calls return it instead. */

static void mem_free(le_editor *ed, void *p, size_t size) {
  if (p) ed->alloc(ed->ud, p, size, 0);
}

/* Make room for extra more bytes plus a NUL; a failure is sticky.
** Sizes stay below SIZE_MAX / 4, so the doubling cannot wrap, and start
** at 64, which a typical line fits. */
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

void le_sb_add(le_editor *ed, sbuf *b, const void *s, size_t n) {
  if (!sb_room(ed, b, n)) return;
  if (n) memcpy(b->p + b->n, s, n);
  b->n += n;
  b->p[b->n] = '\0';
}

/* Replace the contents; on failure b is left empty. */
static void sb_set(le_editor *ed, sbuf *b, const void *s, size_t n) {
  b->n = 0;
  le_sb_add(ed, b, s, n);
}

void le_sb_str(le_editor *ed, sbuf *b, const char *s) {
  le_sb_add(ed, b, s, strlen(s));
}

/* }==== */

/* {==== EDITING */

/* All edits keep line NUL terminated (le_readline hands line.p out as a
** C string) and pos on a cursor stop of lineedit_width.c. */

static size_t next_pos(const sbuf *b, size_t i) {
  return lew_next_pos(b->p, b->n, i);
}

static size_t prev_pos(const sbuf *b, size_t i) {
  return lew_prev_pos(b->p, b->n, i);
}

static void insert(le_editor *ed, const char *s, size_t n) {
  sbuf *b = &ed->line;
  if (n == 0 || !sb_room(ed, b, n)) return;
  memmove(b->p + ed->pos + n, b->p + ed->pos, b->n - ed->pos);
  memcpy(b->p + ed->pos, s, n);
  b->n += n;
  b->p[b->n] = '\0';
  ed->pos += n;
}

/* Remove line[from..to), keeping a copy in the kill buffer if asked.
** The kill buffer holds the last cut only: unlike Emacs, consecutive
** kills do not append to it, and there is no ring to cycle with M-y. */
static void cut(le_editor *ed, size_t from, size_t to, int keep) {
  sbuf *b = &ed->line;
  if (from >= to) return;
  if (keep) sb_set(ed, &ed->kill, b->p + from, to - from);
  memmove(b->p + from, b->p + to, b->n - to + 1);
  b->n -= to - from;
  if (ed->pos > to) ed->pos -= to - from;
  else if (ed->pos > from) ed->pos = from;
}

/* Letters, digits and _ as in Lua names; every byte of a multibyte
** character counts too, so words in any script move as words and a word
** boundary never falls inside a character. */
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
  /* A stop may be a base with marks (lineedit_width.c): longer clusters
  ** than tmp holds are left alone rather than allocated for. */
  if (la > sizeof tmp) return;
  memcpy(tmp, ed->line.p + a, la);
  memmove(ed->line.p + a, ed->line.p + b, lb);
  memcpy(ed->line.p + a + lb, tmp, la);
  ed->pos = c;
}

/* Replace the line (history, search), the cursor at its end. */
static void load_line(le_editor *ed, const char *s, size_t n) {
  sb_set(ed, &ed->line, s, n);
  ed->pos = ed->line.n;
}

/* }==== */

/* {==== HISTORY AND SEARCH */

/* Up and down: hidx 0 is the line being edited, k the k-th newest.  The
** edited line is put aside on the first Up and comes back when Down
** returns to 0; changes made to a recalled entry are not kept in it. */
static void history_move(le_editor *ed, int up) {
  hentry *h;
  if (up ? ed->hidx >= ed->hn : ed->hidx == 0) return;
  if (up && ed->hidx == 0) sb_set(ed, &ed->saved, ed->line.p, ed->line.n);
  ed->hidx += up ? 1 : (size_t)-1;
  if (ed->hidx == 0) return load_line(ed, ed->saved.p, ed->saved.n);
  h = &ed->hist[ed->hn - ed->hidx];
  load_line(ed, h->p, h->n);
}

/* Last occurrence of pat in s, or -1: the search runs backwards, so the
** cursor lands on the match nearest the end of the entry. */
static long find_last(const char *s, size_t n, const char *pat, size_t m) {
  size_t i;
  if (m == 0) return (long)n; /* empty pattern: every entry matches */
  if (m > n) return -1;
  for (i = n - m + 1; i-- > 0;)
    if (memcmp(s + i, pat, m) == 0) return (long)i;
  return -1;
}

/* Look for the pattern from the k-th newest entry on, older and older.
** No match leaves the last one shown and marks the prompt "failed". */
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

/* C-r: the line and cursor are kept to come back to on C-g. */
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
** and the key is for the ordinary dispatcher: any key the search does
** not use accepts the match shown and then does its usual work, so Enter
** runs the entry and an arrow starts editing it.  C-r looks further
** back, a typed byte extends the pattern (the current entry may still
** match), Backspace shortens it and starts again from the newest. */
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
      p->n = lew_unit_back(p->p, p->n);
      p->p[p->n] = '\0';
    }
    search_from(ed, 0);
    return 1;
  }
  if (key >= 0x20 && key < 0x100 && key != 0x7f) {
    char c = (char)key;
    le_sb_add(ed, &ed->pat, &c, 1);
    search_from(ed, from);
    return 1;
  }
  search_end(ed, 1);
  return 0;
}

/* }==== */

/* {==== COMPLETION */

/* Candidates are hentry copies made by le_completion_add; freed here with
** the sizes they were allocated with. */
static void lc_free(le_completions *lc) {
  size_t i;
  for (i = 0; i < lc->n; i++) mem_free(lc->ed, lc->v[i].p, lc->v[i].n + 1);
  mem_free(lc->ed, lc->v, lc->cap * sizeof *lc->v);
}

/* Bytes shared by every candidate (lc->n >= 1); byte-wise, so it may
** stop inside a character when candidates differ within one. */
static size_t common_prefix(const le_completions *lc) {
  size_t i, k, n = lc->v[0].n;
  for (i = 1; i < lc->n; i++) {
    for (k = 0; k < n && k < lc->v[i].n; k++)
      if (lc->v[i].p[k] != lc->v[0].p[k]) break;
    n = k;
  }
  /* Stop at a character boundary: "é" and "è" share only their lead
     byte, and inserting that alone would leave invalid UTF-8 behind. */
  if (lc->n > 1)
    while (n > 0 && n < lc->v[0].n &&
           ((unsigned char)lc->v[0].p[n] & 0xc0) == 0x80)
      n--;
  return n;
}

/* Tab: complete the common prefix; with no progress twice in a row,
** list the candidates, as shells do.  The prefix replaces the typed word
** when it is longer or differs from it (a callback may match without
** regard to case).  An error, no candidate or a start past the cursor
** (a callback breaking its contract) rings the bell; LE_ERR_NOMEM also
** ends the le_readline. */
static void complete(le_editor *ed) {
  le_completions lc = {ed, NULL, 0, 0};
  size_t start = ed->pos, lcp;
  int tabbed = ed->last_tab, rc;
  ed->last_tab = 0;
  rc = ed->complete(ed->cud, ed->line.p, ed->line.n, ed->pos, &start, &lc);
  if (rc == LE_ERR_NOMEM) ed->err = rc;
  if (rc != LE_OK || lc.n == 0 || start > ed->pos) {
    le_sb_str(ed, &ed->out, "\a");
    return lc_free(&lc);
  }
  lcp = common_prefix(&lc);
  if (lcp > ed->pos - start ||
      memcmp(lc.v[0].p, ed->line.p + start, lcp) != 0) {
    cut(ed, start, ed->pos, 0);
    insert(ed, lc.v[0].p, lcp);
  } else if (lc.n > 1 && tabbed) {
    le_show_candidates(ed, lc.v, lc.n);
  } else {
    le_sb_str(ed, &ed->out, "\a");
  }
  lc_free(&lc);
}

/* }==== */

/* {==== READING LINES */

/* Pasted text goes in literally up to ESC [ 2 0 1 ~: newlines stay in
** the line (the caller sees one multi-line string), tabs do not complete.
** Terminals send line ends as CR, which becomes LF.  m counts the bytes
** of the end marker matched so far; a partial match that fails goes in
** as text.  Returns 0 at the marker, else the K_ code that cut it short. */
static int paste(le_editor *ed) {
  static const char end[] = "\x1b[201~";
  size_t m = 0;
  for (;;) {
    int c = le_get_byte(ed, -1);
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

/* C-z: leave the terminal as it was found, let the caller stop the
** process, and draw the line afresh below whatever the shell printed.
** The resume request the SIGCONT handler made is taken here, so the
** next read does not redraw a second time. */
static void suspend(le_editor *ed) {
  le_leave_area(ed);
  if (le_restore(ed) != LE_OK) ed->err = LE_ERR_IO;
  ed->suspend(ed->sud);
  ed->resume = 0;
  if (!ed->err && !le_enter_raw(ed)) ed->err = LE_ERR_IO;
  le_line_start(ed);
}

/* Not an le_result: the key was handled and the line goes on. */
enum { GO_ON = -1 };

/* The key dispatcher: one key in, an edit made; returns GO_ON or the
** le_readline result.  Long because it is a switch over every key. */
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
  case CTL('l'): /* clear the screen: the edit area starts at the top */
    le_sb_str(ed, &ed->out, "\x1b[H\x1b[2J");
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

/* Edit mode, raw mode already on.  An accepted line is drawn once more
** with the cursor at its end, so the whole of it stays on screen and
** what the caller prints next starts below it. */
static int edit_loop(le_editor *ed) {
  int rc = GO_ON;
  le_line_start(ed);
  le_refresh(ed);
  while (rc == GO_ON && !ed->err) {
    int key = le_read_key(ed);
    if (!ed->searching || !search_key(ed, key)) rc = dispatch(ed, key);
    /* Redraw only once the typed-ahead or pasted bytes are used up. */
    if (rc == GO_ON && ed->inpos >= ed->inlen) le_refresh(ed);
  }
  if (rc == GO_ON) rc = ed->err;
  if (ed->searching) search_end(ed, rc == LE_OK);
  if (rc == LE_OK) ed->pos = ed->line.n, le_refresh(ed);
  le_leave_area(ed);
  return rc;
}

/* No escape codes at all: the terminal (or pipe) does the editing, and a
** last line without newline still counts, as with fgets.  The prompt is
** written as it is, and bytes go in unchanged, NULs included. */
static int plain_loop(le_editor *ed) {
  int c, got = 0;
  char ch;
  if (ed->prompt) le_sb_str(ed, &ed->out, ed->prompt);
  le_flush(ed);
  while (!ed->err) {
    c = le_get_byte(ed, -1);
    if (c == K_EOF) return got ? LE_OK : LE_EOF;
    if (c == K_INTR) return LE_INTERRUPTED;
    if (c == K_ERR) return ed->err ? ed->err : LE_ERR_IO;
    if (c == '\n') return LE_OK;
    ch = (char)c;
    le_sb_add(ed, &ed->line, &ch, 1);
    got = 1;
  }
  return ed->err;
}

/* }==== */

/* {==== API (contracts in lineedit.h) */

/* TERM is looked at only to choose plain mode; edit mode uses no
** terminal description (the sequences are in lineedit_term.c). */
le_editor *le_new(int infd, int outfd, const char *term, mem_alloc_fn alloc,
                  void *ud) {
  le_editor *ed;
  if (!alloc) alloc = mem_libc;
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

/* Frees with the same sizes the blocks were allocated with. */
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

/* Per-call state is reset here; history, kill buffer and the settings
** carry over from one line to the next. */
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
    rc = le_enter_raw(ed) ? edit_loop(ed) : LE_ERR_IO;
    if (le_restore(ed) != LE_OK && rc == LE_OK) rc = LE_ERR_IO;
  }
  ed->out.n = 0;
  if (rc != LE_OK) return *line = "", *len = 0, rc;
  *line = ed->line.p;
  *len = ed->line.n;
  return LE_OK;
}

/* The entries are a vector, oldest first: dropping k moves the rest
** down, a cost paid only when the history is full. */
static void history_drop_oldest(le_editor *ed, size_t k) {
  size_t i;
  if (k == 0) return;
  for (i = 0; i < k; i++) mem_free(ed, ed->hist[i].p, ed->hist[i].n + 1);
  memmove(ed->hist, ed->hist + k, (ed->hn - k) * sizeof *ed->hist);
  ed->hn -= k;
}

/* Append a copy of s[0..len) to a vector of entries (history or
** candidates); LE_ERR_NOMEM leaves the entries as they were, the vector
** perhaps larger.  The len check keeps len + 1 from wrapping. */
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

/* A line equal to the newest entry is not added again, as with bash's
** ignoredups: running one chunk over and over leaves one entry. */
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
