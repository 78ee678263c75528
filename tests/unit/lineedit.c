/*
** lineedit.c: unit tests of the line editor, driven through a pseudo-tty.
** See LICENSE.
*/
#include "lineedit.h"
#include "unit.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <pty.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/time.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

/* {==== HARNESS */

/* A pty whose slave side the editor uses; a helper thread types the keys
   (waiting for raw mode first, and pausing once at gap when asked) and
   collects everything the editor draws. */
typedef struct {
  int master, slave;
  le_editor *ed;
  const char *keys;
  size_t nkeys, gap;
  char *out;
  size_t nout, capout;
  volatile int done;
} session;

static void msleep(int ms) {
  struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
  while (nanosleep(&ts, &ts) < 0 && errno == EINTR) {
  }
}

static void keep_output(session *S, const char *p, size_t n) {
  if (S->nout + n + 1 > S->capout) {
    S->capout = (S->nout + n + 1) * 2;
    S->out = realloc(S->out, S->capout);
  }
  memcpy(S->out + S->nout, p, n);
  S->nout += n;
  S->out[S->nout] = '\0';
}

static void wait_raw(session *S) {
  int i;
  for (i = 0; i < 400; i++) {
    struct termios t;
    if (tcgetattr(S->slave, &t) == 0 && !(t.c_lflag & ICANON)) return;
    msleep(5);
  }
}

static void *typist(void *arg) {
  session *S = arg;
  size_t sent = 0;
  char buf[4096];
  wait_raw(S);
  for (;;) {
    struct pollfd p = {S->master, POLLIN, 0};
    size_t stop = sent < S->gap ? S->gap : S->nkeys;
    if (sent == S->gap && S->gap) msleep(150), wait_raw(S), S->gap = 0;
    if (sent < stop) p.events |= POLLOUT;
    if (poll(&p, 1, 20) == 0 && S->done) break;
    if (p.revents & POLLIN) {
      ssize_t r = read(S->master, buf, sizeof buf);
      if (r > 0) keep_output(S, buf, (size_t)r);
    }
    if ((p.revents & POLLOUT) && sent < stop) {
      ssize_t w = write(S->master, S->keys + sent, stop - sent);
      if (w > 0) sent += (size_t)w;
    }
  }
  return NULL;
}

static void open_session(session *S, int cols) {
  struct winsize ws = {24, (unsigned short)cols, 0, 0};
  memset(S, 0, sizeof *S);
  if (openpty(&S->master, &S->slave, NULL, NULL, &ws) < 0) {
    perror("openpty");
    exit(2);
  }
  S->ed = le_new(S->slave, S->slave, "xterm", NULL, NULL);
}

static void close_session(session *S) {
  le_free(S->ed);
  close(S->master);
  close(S->slave);
  free(S->out);
}

/* Type keys (a pause after gap bytes when gap > 0) and read one line. */
static int type_line(session *S, const char *keys, size_t n, size_t gap,
                     const char **line, size_t *len) {
  pthread_t th;
  int rc;
  S->keys = keys, S->nkeys = n, S->gap = gap, S->done = 0, S->nout = 0;
  pthread_create(&th, NULL, typist, S);
  rc = le_readline(S->ed, "> ", line, len);
  S->done = 1;
  pthread_join(th, NULL);
  return rc;
}

/* Run keys in a fresh session; check result code and line. */
static void expect(const char *what, const char *keys, int want_rc,
                   const char *want) {
  session S;
  const char *line;
  size_t len;
  int rc;
  open_session(&S, 80);
  rc = type_line(&S, keys, strlen(keys), 0, &line, &len);
  CHECK(rc == want_rc, "%s: expected %s, got %s", what,
        le_strerror(want_rc), le_strerror(rc));
  CHECK(len == strlen(want) && memcmp(line, want, len) == 0,
        "%s: expected line \"%s\", got \"%.*s\"", what, want, (int)len, line);
  close_session(&S);
}

#define OK(what, keys, want) expect(what, keys, LE_OK, want)

/* }==== */

/* {==== KEYS */

static void test_emacs_keys(void) {
  OK("plain text", "abc\r", "abc");
  OK("newline accepts too", "abc\n", "abc");
  OK("C-a goes home", "bc\x01" "a\r", "abc");
  OK("C-e goes to end", "ac\x01\x05" "d\r", "acd");
  OK("C-b goes left", "ac\x02" "b\r", "abc");
  OK("C-f goes right", "ac\x01\x06" "b\r", "abc");
  OK("C-d deletes under cursor", "abxc\x02\x02\x04\r", "abc");
  OK("C-d at end of line does nothing", "abc\x04\r", "abc");
  expect("C-d on empty line is EOF", "\x04", LE_EOF, "");
  OK("C-h deletes left", "abd\x08" "c\r", "abc");
  OK("Backspace deletes left", "abd\x7f" "c\r", "abc");
  OK("C-k kills to end", "abcdef\x02\x02\x02\x0b\r", "abc");
  OK("C-u kills to start", "xyzabc\x02\x02\x02\x15\r", "abc");
  OK("C-w kills a blank-delimited word", "foo bar.baz\x17\r", "foo ");
  OK("C-y yanks the last kill", "foo bar\x17\x01\x19\r", "barfoo ");
  OK("C-t swaps around cursor", "abdc\x02\x14\r", "abcd");
  OK("C-t at end swaps last two", "abdc\x14\r", "abcd");
  OK("M-b goes a word left", "foo bar\x1b" "bX\r", "foo Xbar");
  OK("M-f goes a word right", "foo bar\x01\x1b" "fX\r", "fooX bar");
  OK("M-d kills next word", "foo bar\x01\x1b" "d\r", " bar");
  OK("M-Backspace kills previous word", "foo bar\x1b\x7f\r", "foo ");
  OK("M-Backspace then C-y", "foo bar\x1b\x7f\x01\x19\r", "barfoo ");
  expect("C-c interrupts and clears", "abc\x03", LE_INTERRUPTED, "");
}

static void test_escape_keys(void) {
  OK("CSI left", "ac\x1b[D" "b\r", "abc");
  OK("SS3 left", "ac\x1bOD" "b\r", "abc");
  OK("CSI right", "ac\x01\x1b[C" "b\r", "abc");
  OK("SS3 right", "ac\x01\x1bOC" "b\r", "abc");
  OK("CSI H home", "bc\x1b[H" "a\r", "abc");
  OK("SS3 H home", "bc\x1bOH" "a\r", "abc");
  OK("CSI 1~ home", "bc\x1b[1~" "a\r", "abc");
  OK("CSI 7~ home", "bc\x1b[7~" "a\r", "abc");
  OK("CSI F end", "ac\x01\x1b[F" "d\r", "acd");
  OK("SS3 F end", "ac\x01\x1bOF" "d\r", "acd");
  OK("CSI 4~ end", "ac\x01\x1b[4~" "d\r", "acd");
  OK("CSI 8~ end", "ac\x01\x1b[8~" "d\r", "acd");
  OK("CSI 3~ delete", "abxc\x1b[D\x1b[D\x1b[3~\r", "abc");
  OK("CSI 1;5C word right", "foo bar\x01\x1b[1;5CX\r", "fooX bar");
  OK("CSI 1;5D word left", "foo bar\x1b[1;5DX\r", "foo Xbar");
  OK("CSI 1;3D word left", "foo bar\x1b[1;3DX\r", "foo Xbar");
  OK("unknown escapes are ignored",
     "a\x1b[99;99zb\x1b[15~c\x1bOQd\x1b[?1;2ce\x1b[2~f\r", "abcdef");
  OK("unbound control keys are ignored", "a\x0f\x1c" "b\r", "ab");
}

static void test_bad_input_recorded(void) {
  session S;
  const char *line;
  size_t len;
  open_session(&S, 80);
  CHECK(le_bad_input_line(S.ed) == 0, "fresh editor: expected 0, got %d",
        le_bad_input_line(S.ed));
  type_line(&S, "\x1b[99z\r", 6, 0, &line, &len);
  CHECK(le_bad_input_line(S.ed) > 0, "unknown CSI: expected a line number");
  close_session(&S);
}

/* }==== */

/* {==== UTF-8 AND DISPLAY */

static void test_utf8(void) {
  OK("left over two-byte and wide chars", "\xc3\xa9\xe4\xb8\xad\x02\x02X\r",
     "X\xc3\xa9\xe4\xb8\xad");
  OK("combining mark moves with its base", "e\xcc\x81x\x02\x02Y\r",
     "Ye\xcc\x81x");
  OK("backspace removes a whole wide char", "a\xe4\xb8\xad\x7f\r", "a");
  OK("emoji is one cursor stop", "a\xf0\x9f\x98\x80\x02X\r",
     "aX\xf0\x9f\x98\x80");
  OK("invalid bytes kept as they came", "a\xff\xc3" "b\r", "a\xff\xc3" "b");
  OK("each stray byte is a cursor stop", "\xe2\x82x\x02\x02\x02Y\r",
     "Y\xe2\x82x");
  OK("overlong encoding is invalid", "\xc0\xaf\x02Z\r", "\xc0Z\xaf");
}

static void test_invalid_utf8_drawn_safely(void) {
  session S;
  const char *line;
  size_t len;
  open_session(&S, 80);
  type_line(&S, "a\xff\x01\r", 4, 0, &line, &len);
  CHECK(strstr(S.out, "a\\xff") != NULL,
        "invalid byte: expected \\xff drawn, got \"%s\"", S.out);
  CHECK(strchr(S.out, '\xff') == NULL, "invalid byte: raw 0xff was sent");
  close_session(&S);
}

static void test_wrapping(void) {
  session S;
  const char *line;
  size_t len;
  char keys[128], want[128];
  open_session(&S, 10);
  strcpy(keys, "\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad"
               "\r");
  type_line(&S, keys, strlen(keys), 0, &line, &len);
  CHECK(strstr(S.out, "> \xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad"
                      "\r\n\xe4\xb8\xad") != NULL,
        "wide chars at width 10: expected 4 on the first row, got \"%s\"",
        S.out);
  close_session(&S);
  open_session(&S, 0);
  memset(keys, 'x', 100);
  keys[100] = '\r';
  type_line(&S, keys, 101, 0, &line, &len);
  memcpy(want, "> ", 2);
  memset(want + 2, 'x', 78);
  memcpy(want + 80, "\r\nxx", 5);
  CHECK(len == 100, "width 0: expected 100 bytes, got %zu", len);
  CHECK(strstr(S.out, want) != NULL, "width 0: expected a wrap at 80");
  close_session(&S);
  open_session(&S, 10);
  type_line(&S, "xxxxxxxxxxxxxxx\x01\r", 17, 16, &line, &len);
  CHECK(strstr(S.out, "xxxxx\x1b[1A\r\x1b[2C") != NULL,
        "C-a on a wrapped line: expected one row up, column 2, got \"%s\"",
        S.out);
  close_session(&S);
}

static void test_clear_screen(void) {
  session S;
  const char *line;
  size_t len;
  open_session(&S, 80);
  type_line(&S, "abc\x0c\r", 5, 0, &line, &len);
  CHECK(strstr(S.out, "\x1b[H\x1b[2J") != NULL, "C-l: expected clear");
  CHECK(len == 3 && memcmp(line, "abc", 3) == 0, "C-l: line kept");
  close_session(&S);
}

static int suspends;
static void count_suspend(void *ud) {
  (void)ud;
  suspends++;
}

static void test_suspend(void) {
  session S;
  const char *line;
  size_t len;
  struct termios t;
  OK("C-z without a suspend callback is ignored", "ab\x1a" "c\r", "abc");
  open_session(&S, 80);
  le_set_suspend(S.ed, count_suspend, NULL);
  suspends = 0;
  type_line(&S, "ab\x1a" "c\r", 5, 0, &line, &len);
  CHECK(suspends == 1, "C-z: callback called once, got %d", suspends);
  CHECK(len == 3 && memcmp(line, "abc", 3) == 0, "C-z: line kept, got %.*s",
        (int)len, line);
  CHECK(tcgetattr(S.slave, &t) == 0 && (t.c_lflag & ICANON),
        "C-z: terminal cooked after the line");
  close_session(&S);
}

/* Before the first prompt: a row of blanks and CR, so output that ended
   mid-row pushes the prompt to the next row instead of being drawn over. */
static void test_line_start_probe(void) {
  session S;
  const char *line;
  size_t len;
  char want[42];
  const char *at, *prompt;
  open_session(&S, 40);
  memset(want, ' ', 40), want[40] = '\r', want[41] = '\0';
  type_line(&S, "x\r", 2, 0, &line, &len);
  at = strstr(S.out, want), prompt = strstr(S.out, "> ");
  CHECK(at && prompt && at < prompt, "probe: 40 blanks and CR before the prompt");
  close_session(&S);
}

/* }==== */

/* {==== HISTORY */

static void hist_expect(const char *what, const char *keys, size_t gap,
                        const char *want) {
  static const char *entries[] = {"print(1)", "x = 10", "print(2)"};
  session S;
  const char *line;
  size_t len, i;
  int rc;
  open_session(&S, 80);
  for (i = 0; i < 3; i++) le_history_add(S.ed, entries[i], strlen(entries[i]));
  rc = type_line(&S, keys, strlen(keys), gap, &line, &len);
  CHECK(rc == LE_OK && len == strlen(want) && memcmp(line, want, len) == 0,
        "%s: expected \"%s\", got %s \"%.*s\"", what, want, le_strerror(rc),
        (int)len, line);
  close_session(&S);
}

static void test_history_recall(void) {
  hist_expect("up recalls newest", "\x1b[A\r", 0, "print(2)");
  hist_expect("up twice", "\x1b[A\x1b[A\r", 0, "x = 10");
  hist_expect("up stops at oldest", "\x1b[A\x1b[A\x1b[A\x1b[A\r", 0,
              "print(1)");
  hist_expect("C-p and C-n", "\x10\x10\x0e\r", 0, "print(2)");
  hist_expect("edited line is kept", "cur\x1b[A\x1b[A\x1b[B\x1b[B\r", 0,
              "cur");
  hist_expect("SS3 up", "\x1bOA\r", 0, "print(2)");
}

static void test_history_store(void) {
  le_editor *ed = le_new(0, 1, NULL, NULL, NULL);
  size_t len = 0;
  const char *s;
  le_history_add(ed, "a", 1);
  le_history_add(ed, "b", 1);
  le_history_add(ed, "b", 1);
  CHECK(le_history_count(ed) == 2, "duplicate of newest: expected 2, got %zu",
        le_history_count(ed));
  le_history_add(ed, "c", 1);
  le_history_set_max(ed, 2);
  s = le_history_get(ed, 0, &len);
  CHECK(le_history_count(ed) == 2 && s && len == 1 && s[0] == 'b',
        "max 2: expected oldest \"b\", got \"%s\"", s ? s : "(null)");
  le_history_add(ed, "d", 1);
  s = le_history_get(ed, 1, &len);
  CHECK(le_history_count(ed) == 2 && s && s[0] == 'd',
        "bound kept after add: expected newest \"d\"");
  CHECK(le_history_get(ed, 2, &len) == NULL, "out of range: expected NULL");
  le_free(ed);
}

static void test_reverse_search(void) {
  hist_expect("C-r finds newest match", "\x12print\r", 0, "print(2)");
  hist_expect("C-r again finds older", "\x12print\x12\r", 0, "print(1)");
  hist_expect("typing refines", "\x12pr" "int(1\r", 0, "print(1)");
  hist_expect("backspace widens", "\x12x =\x7f\x7f\x7f" "p\r", 0,
              "print(2)");
  hist_expect("C-g cancels", "abc\x12pri\x07\r", 0, "abc");
  hist_expect("ESC cancels", "abc\x12pri\x1b\r", 8, "abc");
  hist_expect("other key accepts and acts", "\x12x =\x05!\r", 0, "x = 10!");
  hist_expect("failed search keeps last match", "\x12x =zz\r", 0, "x = 10");
}

static void test_search_prompt_shown(void) {
  session S;
  const char *line;
  size_t len;
  open_session(&S, 80);
  le_history_add(S.ed, "hello", 5);
  type_line(&S, "\x12" "ell\r", 5, 4, &line, &len);
  CHECK(strstr(S.out, "(reverse-i-search)`ell': hello") != NULL,
        "C-r: expected the search prompt, got \"%s\"", S.out);
  close_session(&S);
}

/* }==== */

/* {==== COMPLETION */

static int completions_asked;

static int is_name(char c) {
  return (c >= 'a' && c <= 'z') || c == '_' || c == '.';
}

static int complete_names(void *ud, const char *buf, size_t len,
                          size_t cursor, size_t *start, le_completions *lc) {
  static const char *names[] = {"string", "strict", "print", "pairs",
                                "caf\xc3\xa9", "caf\xc3\xa8"};
  size_t i, s = cursor;
  (void)ud, (void)len;
  completions_asked++;
  while (s > 0 && is_name(buf[s - 1])) s--;
  *start = s;
  for (i = 0; i < sizeof names / sizeof *names; i++)
    if (strncmp(names[i], buf + s, cursor - s) == 0)
      if (le_completion_add(lc, names[i], strlen(names[i])) != LE_OK)
        return LE_ERR_NOMEM;
  return LE_OK;
}

static void complete_case(const char *what, const char *keys,
                          const char *want, const char *shown) {
  session S;
  const char *line;
  size_t len;
  open_session(&S, 80);
  le_set_completion(S.ed, complete_names, NULL);
  type_line(&S, keys, strlen(keys), 0, &line, &len);
  CHECK(len == strlen(want) && memcmp(line, want, len) == 0,
        "%s: expected \"%s\", got \"%.*s\"", what, want, (int)len, line);
  CHECK(!shown || strstr(S.out, shown), "%s: expected \"%s\" on screen in "
        "\"%s\"", what, shown, S.out);
  close_session(&S);
}

static void test_completion(void) {
  complete_case("Tab completes common prefix", "x=str\t\r", "x=stri", NULL);
  complete_case("Tab with one candidate", "x=pri\t\r", "x=print", NULL);
  complete_case("Tab in mid-line", "(pa)\x02\t\r", "(pairs)", NULL);
  complete_case("no candidate beeps", "zz\t\r", "zz", "\a");
  complete_case("second Tab lists", "str\t\t\r", "stri",
                "\r\nstring  strict\r\n");
  complete_case("Tab Tab without progress lists", "p\t\t\r", "p",
                "\r\nprint  pairs\r\n");
  complete_case("the common prefix stops at a character boundary",
                "caf\t\r", "caf", NULL);
}

/* }==== */

/* {==== PASTE, MODES AND SIGNALS */

static void test_paste(void) {
  session S;
  const char *line;
  size_t len, i, n = 10000;
  char *keys = malloc(n + 32), *want = malloc(n + 1);
  memcpy(keys, "\x1b[200~", 6);
  for (i = 0; i < n; i++) {
    char c = (char)('a' + i % 26);
    if (i % 100 == 99) c = '\r';
    if (i % 100 == 50) c = '\t';
    keys[6 + i] = c;
    want[i] = c == '\r' ? '\n' : c;
  }
  memcpy(keys + 6 + n, "\x1b[201~\r", 7);
  open_session(&S, 80);
  completions_asked = 0;
  le_set_completion(S.ed, complete_names, NULL);
  type_line(&S, keys, n + 13, 0, &line, &len);
  CHECK(len == n && memcmp(line, want, n) == 0,
        "paste 10000: expected the text literally, got %zu bytes", len);
  CHECK(completions_asked == 0, "paste: Tab must not complete, asked %d",
        completions_asked);
  CHECK(S.nout < 8 * n, "paste: expected few redraws, drew %zu bytes",
        S.nout);
  CHECK(strstr(S.out, "\x1b[?2004h") && strstr(S.out, "\x1b[?2004l"),
        "bracketed paste: expected on and off sequences");
  close_session(&S);
  free(keys);
  free(want);
}

static int same_modes(const struct termios *a, const struct termios *b) {
  return a->c_iflag == b->c_iflag && a->c_oflag == b->c_oflag &&
         a->c_cflag == b->c_cflag && a->c_lflag == b->c_lflag &&
         memcmp(a->c_cc, b->c_cc, sizeof a->c_cc) == 0;
}

static void test_modes_restored(void) {
  static const char *keys[] = {"abc\r", "abc\x03", "\x04"};
  size_t i;
  for (i = 0; i < 3; i++) {
    session S;
    struct termios before, after;
    const char *line;
    size_t len;
    open_session(&S, 80);
    /* the kernel fills fewer c_cc slots than libc declares: zero first */
    memset(&before, 0, sizeof before);
    memset(&after, 0, sizeof after);
    tcgetattr(S.slave, &before);
    type_line(&S, keys[i], strlen(keys[i]), 0, &line, &len);
    tcgetattr(S.slave, &after);
    CHECK(same_modes(&before, &after), "case %zu: modes differ after return"
          " (lflag %x, now %x; iflag %x, now %x)", i, before.c_lflag,
          after.c_lflag, before.c_iflag, after.c_iflag);
    close_session(&S);
  }
}

static le_editor *signal_ed;

static void on_alarm_restore(int sig) {
  (void)sig;
  le_restore(signal_ed); /* what a SIGTSTP handler does before stopping */
}

static void on_alarm_interrupt(int sig) {
  (void)sig;
  le_interrupt(signal_ed);
}

static void set_alarm(void (*fn)(int), int ms) {
  struct sigaction sa;
  struct itimerval it = {{0, 0}, {0, ms * 1000}};
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = fn; /* no SA_RESTART: the read must see EINTR */
  sigaction(SIGALRM, &sa, NULL);
  setitimer(ITIMER_REAL, &it, NULL);
}

static void test_raw_mode_comes_back(void) {
  session S;
  const char *line;
  size_t len;
  int rc;
  open_session(&S, 80);
  signal_ed = S.ed;
  set_alarm(on_alarm_restore, 50);
  rc = type_line(&S, "ab\x01X\r", 5, 2, &line, &len);
  CHECK(rc == LE_OK && len == 3 && memcmp(line, "Xab", 3) == 0,
        "restore then EINTR: expected \"Xab\", got %s \"%.*s\"",
        le_strerror(rc), (int)len, line);
  close_session(&S);
}

static void test_interrupt_plain(void) {
  int p[2];
  le_editor *ed;
  const char *line;
  size_t len;
  int rc;
  if (pipe(p) < 0) return;
  ed = le_new(p[0], p[1], "xterm", NULL, NULL);
  signal_ed = ed;
  set_alarm(on_alarm_interrupt, 50);
  rc = le_readline(ed, "", &line, &len);
  CHECK(rc == LE_INTERRUPTED, "le_interrupt: expected interrupted, got %s",
        le_strerror(rc));
  le_free(ed);
  close(p[0]);
  close(p[1]);
}

typedef struct {
  int fd;
  size_t n;
} feeder;

static void *feed_long_line(void *arg) {
  feeder *f = arg;
  char buf[1000];
  size_t i;
  memset(buf, 'y', sizeof buf);
  for (i = 0; i < f->n; i += sizeof buf) write(f->fd, buf, sizeof buf);
  write(f->fd, "\nlast", 5);
  close(f->fd);
  return NULL;
}

static void test_plain_mode(void) {
  int in[2], out[2];
  le_editor *ed;
  const char *line;
  size_t len;
  int rc;
  char shown[64];
  ssize_t got;
  pthread_t th;
  feeder f;
  if (pipe(in) < 0 || pipe(out) < 0) return;
  f.fd = in[1], f.n = 200000;
  pthread_create(&th, NULL, feed_long_line, &f);
  ed = le_new(in[0], out[1], "xterm", NULL, NULL);
  rc = le_readline(ed, "> ", &line, &len);
  CHECK(rc == LE_OK && len == 200000 && line[0] == 'y',
        "non-tty long line: expected 200000 bytes, got %s %zu",
        le_strerror(rc), len);
  rc = le_readline(ed, "> ", &line, &len);
  CHECK(rc == LE_OK && len == 4 && memcmp(line, "last", 4) == 0,
        "last line without newline: expected \"last\", got %s",
        le_strerror(rc));
  rc = le_readline(ed, "> ", &line, &len);
  CHECK(rc == LE_EOF, "end: expected EOF, got %s", le_strerror(rc));
  pthread_join(th, NULL);
  close(out[1]);
  got = read(out[0], shown, sizeof shown - 1);
  CHECK(got == 6 && memcmp(shown, "> > > ", 6) == 0,
        "non-tty: expected prompts only, got %zd bytes", got);
  le_free(ed);
  close(in[0]);
  close(out[0]);
}

static void test_dumb_terminal(void) {
  session S;
  const char *line;
  size_t len;
  int rc;
  struct winsize ws = {24, 80, 0, 0};
  memset(&S, 0, sizeof S);
  openpty(&S.master, &S.slave, NULL, NULL, &ws);
  S.ed = le_new(S.slave, S.slave, "dumb", NULL, NULL);
  write(S.master, "ab\x01" "c\n", 5);
  rc = type_line(&S, "", 0, 0, &line, &len);
  CHECK(rc == LE_OK && len == 4 && memcmp(line, "ab\x01" "c", 4) == 0,
        "TERM=dumb: expected the bytes as typed, got %s", le_strerror(rc));
  CHECK(strchr(S.out, '\x1b') == NULL, "TERM=dumb: escape codes were sent");
  close_session(&S);
}

/* }==== */

/* {==== MEMORY */

typedef struct {
  long left;
  size_t live;
} budget;

static void *failing_alloc(void *ud, void *p, size_t osize, size_t nsize) {
  budget *b = ud;
  void *q;
  if (nsize == 0) {
    b->live -= osize;
    return mem_libc(NULL, p, osize, 0);
  }
  if (b->left-- <= 0) return NULL;
  q = mem_libc(NULL, p, osize, nsize);
  if (q) b->live += nsize - osize;
  return q;
}

/* Every allocation failing in turn: a clean error, no leak, no crash. */
static void test_allocation_failures(void) {
  static const char keys[] = "ab\x1b[200~xyz\x1b[201~\x12" "b\x05\t\r";
  long n;
  int leaks = 0, finished = 0, null = open("/dev/null", O_WRONLY);
  for (n = 0; n < 200 && !finished; n++) {
    budget b = {n, 0};
    int p[2], rc;
    const char *line;
    size_t len;
    le_editor *ed;
    if (pipe(p) < 0) return;
    write(p[1], keys, sizeof keys - 1);
    close(p[1]);
    ed = le_new(p[0], null, "xterm", failing_alloc, &b);
    if (ed) {
      le_set_mode(ed, LE_MODE_EDIT);
      le_set_completion(ed, complete_names, NULL);
      if (le_history_add(ed, "abc", 3) == LE_OK) {
        rc = le_readline(ed, "> ", &line, &len);
        CHECK(rc == LE_OK || rc == LE_ERR_NOMEM,
              "failing at %ld: expected ok or nomem, got %s", n,
              le_strerror(rc));
        finished = rc == LE_OK;
      }
      le_free(ed);
    }
    leaks += b.live != 0;
    close(p[0]);
  }
  close(null);
  CHECK(finished, "allocation failures: never completed");
  CHECK(leaks == 0, "allocation failures: %d runs leaked", leaks);
}

/* }==== */

static void test_strerror(void) {
  int c;
  for (c = LE_OK; c <= LE_ERR_ARG + 1; c++)
    CHECK(le_strerror(c) != NULL && *le_strerror(c), "code %d: no message", c);
  CHECK(le_readline(NULL, "", NULL, NULL) == LE_ERR_ARG, "NULL editor");
}

int main(void) {
  test_emacs_keys();
  test_escape_keys();
  test_bad_input_recorded();
  test_utf8();
  test_invalid_utf8_drawn_safely();
  test_wrapping();
  test_clear_screen();
  test_suspend();
  test_line_start_probe();
  test_history_recall();
  test_history_store();
  test_reverse_search();
  test_search_prompt_shown();
  test_completion();
  test_paste();
  test_modes_restored();
  test_raw_mode_comes_back();
  test_interrupt_plain();
  test_plain_mode();
  test_dumb_terminal();
  test_allocation_failures();
  test_strerror();
  return UNIT_END();
}
