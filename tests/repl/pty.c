/*
** pty.c: drives a program on a pseudo-terminal from a script of keystrokes
** and expectations (tests/repl.sh feeds it the REPL's cases). See LICENSE.
**
** pty SCRIPT -- CMD ARGS...   exit 0 when every step held, 1 otherwise.
** The program runs as the foreground job of a new session whose leader is
** a small "shell" process, so SIGTSTP really stops it. Script lines (TEXT
** takes \r \n \t \e \a \s \\ \xNN; blank and '#' lines are skipped):
**   size ROWS COLS  window size (TIOCSWINSZ); once running, also SIGWINCH
**   type TEXT       wait for raw mode (the editor reading), then write TEXT
**   send TEXT       write TEXT now
**   repeat N TEXT   write TEXT N times now
**   expect TEXT     wait until the output, escape sequences, CR and BEL
**                   removed (and a row's worth of blanks just before a
**                   CR: the editor's line-start probe), shows TEXT after
**                   the previous match
**   screen TEXT     wait until a row of the screen, as a VT100 terminal of
**                   the current size would show it, reads TEXT (trailing
**                   blanks ignored)
**   absent TEXT     the raw output so far does not contain TEXT
**   sleep MS        wait, reading output
**   raw             wait until the terminal is in raw mode
**   cooked          the terminal modes equal those before the start
**   signal NAME     send INT, TERM, TSTP, CONT or WINCH to the program
**   intr            Ctrl-C on a cooked terminal: type \x03, or with
**                   PTY_NO_ISIG set send SIGINT (gVisor's pty does not
**                   turn ^C into a signal)
**   stopped         wait until the program is stopped
**   exit N          wait for exit status N; then modes must equal the first
**   killed NAME     the same for death by signal NAME
*/
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define TIMEOUT_MS 15000

typedef struct {
  char *p;
  size_t n, cap;
} buf;

static struct {
  int master, slave, report; /* report: 'S' from the shell on each stop */
  pid_t shell, prog;
  int status, exited;
  struct termios orig;
  buf raw, text, in; /* all output; output without escapes; to type */
  size_t mark, sent;
  int esc; /* stripping state: 0 text, 1 after ESC, 2 CSI, 3 OSC */
  size_t blanks; /* spaces just added to text: a full row before CR goes */
  int line;
} T;

/* {==== helpers */

static void show(const char *s, size_t n);

static void die(const char *fmt, ...) {
  va_list ap;
  fprintf(stderr, "pty: script line %d: ", T.line);
  va_start(ap, fmt);
  vfprintf(stderr, fmt, ap);
  va_end(ap);
  fputc('\n', stderr);
  if (getenv("PTY_LOG")) show(T.text.p, T.text.n);
  if (T.prog > 0) kill(T.prog, SIGKILL);
  exit(1);
}

static void add(buf *b, const char *s, size_t n) {
  if (b->n + n + 1 > b->cap) {
    b->cap = (b->n + n + 1) * 2;
    b->p = realloc(b->p, b->cap);
    if (!b->p) die("out of memory");
  }
  memcpy(b->p + b->n, s, n);
  b->n += n;
  b->p[b->n] = '\0';
}

static long now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* TEXT with its escapes decoded into out; returns the length. */
static size_t decode(const char *s, char *out) {
  size_t k = 0;
  for (; *s; s++) {
    char c = *s;
    if (c == '\\' && s[1]) {
      c = *++s;
      switch (c) {
      case 'r': c = '\r'; break;
      case 'n': c = '\n'; break;
      case 't': c = '\t'; break;
      case 'e': c = '\x1b'; break;
      case 'a': c = '\a'; break;
      case 's': c = ' '; break;
      case 'x': {
        char hex[3] = {s[1], s[1] ? s[2] : 0, 0};
        c = (char)strtol(hex, NULL, 16);
        s += 2;
        break;
      }
      }
    }
    out[k++] = c;
  }
  return k;
}

/* Text for a failure report: control bytes shown as \xNN. */
static void show(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    if (c == '\n') fputs("\\n\n      ", stderr);
    else if (c < 0x20 || c == 0x7f) fprintf(stderr, "\\x%02x", c);
    else fputc(c, stderr);
  }
  fputc('\n', stderr);
}

static int signum(const char *name) {
  static const struct {
    const char *name;
    int sig;
  } tab[] = {{"INT", SIGINT},   {"TERM", SIGTERM}, {"TSTP", SIGTSTP},
             {"CONT", SIGCONT}, {"WINCH", SIGWINCH}, {"KILL", SIGKILL}};
  size_t i;
  for (i = 0; i < sizeof tab / sizeof tab[0]; i++)
    if (strcmp(tab[i].name, name) == 0) return tab[i].sig;
  die("unknown signal %s", name);
  return 0;
}

/* }==== */

/* {==== screen: what a VT100-like terminal would show */

#define SROWS 100
#define SCOLS 400

static struct {
  char cell[SROWS][SCOLS];
  int row, col, wrap; /* wrap: the last column was written, not yet moved */
  int esc, n[4], nn;  /* escape state as in strip; CSI parameters */
} S;

static void screen_size(int *rows, int *cols) {
  struct winsize ws;
  *rows = 24, *cols = 80;
  if (ioctl(T.master, TIOCGWINSZ, &ws) == 0 && ws.ws_row && ws.ws_col) {
    *rows = ws.ws_row < SROWS ? ws.ws_row : SROWS;
    *cols = ws.ws_col < SCOLS ? ws.ws_col : SCOLS;
  }
}

static void screen_clear_from(int row, int col, int rows, int all_below) {
  memset(&S.cell[row][col], ' ', (size_t)(SCOLS - col));
  if (all_below)
    for (row++; row < rows; row++) memset(S.cell[row], ' ', SCOLS);
}

static void screen_down(int rows) {
  if (S.row + 1 < rows) S.row++;
  else {
    memmove(S.cell[0], S.cell[1], (size_t)(rows - 1) * SCOLS);
    memset(S.cell[rows - 1], ' ', SCOLS);
  }
}

static void screen_csi(int final, int rows, int cols) {
  int a = S.nn ? S.n[0] : 0, k = a ? a : 1;
  switch (final) {
  case 'A': S.row = S.row > k ? S.row - k : 0; break;
  case 'B': S.row = S.row + k < rows ? S.row + k : rows - 1; break;
  case 'C': S.col = S.col + k < cols ? S.col + k : cols - 1; break;
  case 'D': S.col = S.col > k ? S.col - k : 0; break;
  case 'H': S.row = k - 1, S.col = (S.nn > 1 && S.n[1] ? S.n[1] : 1) - 1; break;
  case 'J':
    if (a == 2) screen_clear_from(0, 0, rows, 1);
    else screen_clear_from(S.row, S.col, rows, 1);
    break;
  case 'K': screen_clear_from(S.row, S.col, rows, 0); break;
  default: return; /* modes, colours: no effect on the text */
  }
  S.wrap = 0;
}

static void screen_feed(const char *s, size_t len) {
  int rows, cols;
  size_t i;
  screen_size(&rows, &cols);
  for (i = 0; i < len; i++) {
    unsigned char c = (unsigned char)s[i];
    if (S.esc == 1) {
      S.esc = c == '[' ? 2 : c == ']' ? 3 : 0, S.nn = 0, S.n[0] = 0;
      continue;
    }
    if (S.esc == 2) {
      if ((c >= '0' && c <= '9') || c == ';') {
        if (!S.nn) S.nn = 1;
        if (c == ';') {
          if (S.nn < 4) S.n[S.nn++] = 0;
        } else S.n[S.nn - 1] = S.n[S.nn - 1] * 10 + (c - '0');
      }
      else if (c >= 0x40 && c <= 0x7e) S.esc = 0, screen_csi(c, rows, cols);
      continue;
    }
    if (S.esc == 3) {
      if (c == '\a' || c == 0x1b) S.esc = c == 0x1b;
      continue;
    }
    if (c == 0x1b) S.esc = 1;
    else if (c == '\r') S.col = 0, S.wrap = 0;
    else if (c == '\n') screen_down(rows), S.wrap = 0;
    else if (c == '\b') S.col -= S.col > 0, S.wrap = 0;
    else if (c == '\t') S.col = S.col + 8 - S.col % 8 < cols ? S.col + 8 - S.col % 8 : cols - 1;
    else if (c >= 0x20 && (c < 0x80 || c >= 0xc0)) { /* one cell per character */
      if (S.wrap) S.col = 0, S.wrap = 0, screen_down(rows);
      S.cell[S.row][S.col] = c < 0x80 ? (char)c : '?';
      if (S.col + 1 < cols) S.col++;
      else S.wrap = 1;
    }
  }
}

/* Whether some row reads want[0..n) followed only by blanks. */
static int screen_has(const char *want, size_t n) {
  int rows, cols, r, c;
  screen_size(&rows, &cols);
  if (n > (size_t)cols) return 0;
  for (r = 0; r < rows; r++) {
    if (memcmp(S.cell[r], want, n) != 0) continue;
    for (c = (int)n; c < cols && S.cell[r][c] == ' '; c++) {}
    if (c == cols) return 1;
  }
  return 0;
}

static void screen_show(void) {
  int rows, cols, r;
  screen_size(&rows, &cols);
  for (r = 0; r < rows; r++)
    fprintf(stderr, "      |%.*s|\n", cols, S.cell[r]);
}

/* }==== */

/* {==== output and input */

/* Keeps the output, and a copy without escape sequences, CR and BEL. */
static void strip(const char *s, size_t n) {
  size_t i;
  for (i = 0; i < n; i++) {
    unsigned char c = (unsigned char)s[i];
    switch (T.esc) {
    case 1: T.esc = c == '[' ? 2 : c == ']' ? 3 : 0; continue;
    case 2: if (c >= 0x40 && c <= 0x7e) T.esc = 0; continue;
    case 3: if (c == '\a' || c == '\x1b') T.esc = c == '\x1b'; continue;
    }
    if (c == 0x1b) T.esc = 1;
    else if (c == '\r') {
      int rows, cols;
      screen_size(&rows, &cols);
      if (T.blanks >= (size_t)cols)
        for (; T.blanks > 0 && T.text.n > T.mark; T.blanks--)
          T.text.p[--T.text.n] = '\0';
      T.blanks = 0;
    } else if (c != '\a') {
      T.blanks = c == ' ' ? T.blanks + 1 : 0;
      add(&T.text, (const char *)&c, 1);
    }
  }
}

/* Reads output and writes pending input for up to ms milliseconds;
   notes the shell's exit and stop reports. Returns 'S' on a stop. */
static int pump(int ms) {
  struct pollfd p[2] = {{T.master, POLLIN, 0}, {T.report, POLLIN, 0}};
  char b[4096];
  int stop = 0;
  if (T.sent < T.in.n) p[0].events |= POLLOUT;
  if (poll(p, 2, ms) > 0) {
    if (p[0].revents & POLLIN) {
      ssize_t r = read(T.master, b, sizeof b);
      if (r > 0)
        add(&T.raw, b, (size_t)r), strip(b, (size_t)r),
            screen_feed(b, (size_t)r);
    }
    if (p[0].revents & POLLOUT) {
      ssize_t w = write(T.master, T.in.p + T.sent, T.in.n - T.sent);
      if (w > 0) T.sent += (size_t)w;
    }
    if ((p[1].revents & POLLIN) && read(T.report, b, 1) == 1) stop = b[0];
  }
  if (!T.exited && waitpid(T.shell, &T.status, WNOHANG) == T.shell)
    T.exited = 1;
  return stop;
}

static void write_now(const char *s, size_t n) {
  long end = now_ms() + TIMEOUT_MS;
  add(&T.in, s, n);
  while (T.sent < T.in.n) {
    if (now_ms() > end || T.exited) die("could not type all input");
    pump(20);
  }
}

static int is_raw(void) {
  struct termios t;
  return tcgetattr(T.slave, &t) == 0 && !(t.c_lflag & ICANON);
}

static void wait_raw(void) {
  long end = now_ms() + TIMEOUT_MS;
  while (!is_raw()) {
    if (now_ms() > end || T.exited) die("the terminal never went raw");
    pump(10);
  }
}

/* Reads whatever output is still buffered (after the program ended). */
static void drain(void) {
  int n;
  while (ioctl(T.master, FIONREAD, &n) == 0 && n > 0) pump(0);
}

static void expect(const char *want, size_t n) {
  long end = now_ms() + TIMEOUT_MS;
  int drained = 0;
  for (;;) {
    char *at = memmem(T.text.p + T.mark, T.text.n - T.mark, want, n);
    if (at) {
      T.mark = (size_t)(at - T.text.p) + n;
      return;
    }
    if (now_ms() > end || drained) {
      size_t from = T.text.n - T.mark > 1500 ? T.text.n - 1500 : T.mark;
      fprintf(stderr, "pty: script line %d: expected\n      ", T.line);
      show(want, n);
      fprintf(stderr, "    got\n      ");
      show(T.text.p + from, T.text.n - from);
      die("expectation not met");
    }
    if (T.exited) drain(), drained = 1;
    else pump(20);
  }
}

/* }==== */

/* {==== the program */

static void same_modes(void) {
  struct termios t;
  size_t i;
  memset(&t, 0, sizeof t); /* the kernel fills fewer c_cc than NCCS */
  if (tcgetattr(T.slave, &t) != 0) die("tcgetattr: %s", strerror(errno));
  for (i = 0; i < NCCS; i++)
    if (t.c_cc[i] != T.orig.c_cc[i])
      fprintf(stderr, "pty: c_cc[%zu] is %d, was %d\n", i, t.c_cc[i],
              T.orig.c_cc[i]);
  if (t.c_iflag != T.orig.c_iflag || t.c_oflag != T.orig.c_oflag ||
      t.c_cflag != T.orig.c_cflag || t.c_lflag != T.orig.c_lflag ||
      memcmp(t.c_cc, T.orig.c_cc, sizeof t.c_cc) != 0)
    die("terminal modes differ from the start: lflag %#lx (was %#lx), "
        "iflag %#lx (was %#lx), oflag %#lx (was %#lx), cflag %#lx (was "
        "%#lx), or the control characters",
        (unsigned long)t.c_lflag, (unsigned long)T.orig.c_lflag,
        (unsigned long)t.c_iflag, (unsigned long)T.orig.c_iflag,
        (unsigned long)t.c_oflag, (unsigned long)T.orig.c_oflag,
        (unsigned long)t.c_cflag, (unsigned long)T.orig.c_cflag);
}

/* The session leader: puts the program in its own foreground process
   group (so a stop is not discarded as in an orphaned group), reports
   stops, and exits with its status (128 + N for signal N). */
static void shell(char **argv, int report) {
  int go[2], st;
  pid_t pid;
  char c;
  setsid();
  if (ioctl(T.slave, TIOCSCTTY, 0) < 0) _exit(120);
  if (pipe(go) < 0) _exit(121);
  pid = fork();
  if (pid == 0) {
    setpgid(0, 0);
    close(go[1]);
    if (read(go[0], &c, 1) != 1) _exit(122);
    dup2(T.slave, 0), dup2(T.slave, 1), dup2(T.slave, 2);
    if (T.slave > 2) close(T.slave);
    execvp(argv[0], argv);
    _exit(127);
  }
  setpgid(pid, pid);
  signal(SIGTTOU, SIG_IGN);
  tcsetpgrp(T.slave, pid);
  if (write(report, &pid, sizeof pid) < 0 || write(go[1], "g", 1) < 0)
    _exit(123);
  for (;;) {
    if (waitpid(pid, &st, WUNTRACED) < 0) _exit(124);
    if (WIFSTOPPED(st)) {
      if (write(report, "S", 1) < 0) _exit(125);
    } else {
      _exit(WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
    }
  }
}

static void start(char **argv) {
  int rep[2];
  if (pipe(rep) < 0) die("pipe");
  T.shell = fork();
  if (T.shell < 0) die("fork");
  if (T.shell == 0) {
    close(T.master), close(rep[0]);
    shell(argv, rep[1]);
  }
  close(rep[1]);
  T.report = rep[0];
  if (read(T.report, &T.prog, sizeof T.prog) != sizeof T.prog)
    die("the program did not start");
  fcntl(T.master, F_SETFL, O_NONBLOCK);
}

static void wait_exit(int want) {
  long end = now_ms() + TIMEOUT_MS;
  while (!T.exited) {
    if (now_ms() > end) die("the program did not end");
    pump(20);
  }
  drain();
  if (!WIFEXITED(T.status) || WEXITSTATUS(T.status) != want)
    die("expected status %d, got %d", want,
        WIFEXITED(T.status) ? WEXITSTATUS(T.status) : -1);
  same_modes();
}

/* }==== */

/* {==== script */

static void step(char *cmd, char *arg, char *dec, size_t n) {
  if (strcmp(cmd, "type") == 0) wait_raw(), write_now(dec, n);
  else if (strcmp(cmd, "send") == 0) write_now(dec, n);
  else if (strcmp(cmd, "repeat") == 0) {
    long k = strtol(arg, &arg, 10);
    n = decode(arg + (*arg == ' '), dec);
    while (k-- > 0) write_now(dec, n);
  } else if (strcmp(cmd, "expect") == 0) expect(dec, n);
  else if (strcmp(cmd, "absent") == 0) {
    if (memmem(T.raw.p, T.raw.n, dec, n)) die("output contains '%s'", arg);
  } else if (strcmp(cmd, "sleep") == 0) {
    long end = now_ms() + atol(arg);
    while (now_ms() < end) pump(10);
  } else if (strcmp(cmd, "raw") == 0) wait_raw();
  else if (strcmp(cmd, "cooked") == 0) pump(50), same_modes();
  else if (strcmp(cmd, "signal") == 0) kill(T.prog, signum(arg));
  else if (strcmp(cmd, "intr") == 0) {
    if (getenv("PTY_NO_ISIG")) kill(T.prog, SIGINT);
    else write_now("\x03", 1);
  }
  else if (strcmp(cmd, "screen") == 0) {
    long end = now_ms() + TIMEOUT_MS;
    while (!screen_has(dec, n)) {
      if (now_ms() > end || T.exited) {
        fprintf(stderr, "pty: script line %d: no screen row reads '%.*s':\n",
                T.line, (int)n, dec);
        screen_show();
        die("expectation not met");
      }
      pump(20);
    }
  } else if (strcmp(cmd, "stopped") == 0) {
    long end = now_ms() + TIMEOUT_MS;
    while (pump(20) != 'S')
      if (now_ms() > end || T.exited) die("the program did not stop");
  } else if (strcmp(cmd, "exit") == 0) wait_exit(atoi(arg));
  else if (strcmp(cmd, "killed") == 0) wait_exit(128 + signum(arg));
  else if (strcmp(cmd, "size") == 0) {
    struct winsize ws = {0, 0, 0, 0};
    ws.ws_row = (unsigned short)atoi(arg);
    ws.ws_col = (unsigned short)atoi(strchr(arg, ' ') ? strchr(arg, ' ') : "0");
    ioctl(T.master, TIOCSWINSZ, &ws);
    if (T.prog > 0) kill(T.prog, SIGWINCH);
  } else die("unknown command '%s'", cmd);
}

int main(int argc, char **argv) {
  FILE *f;
  char line[65536], dec[65536];
  struct winsize ws = {24, 80, 0, 0};
  if (argc < 4 || strcmp(argv[2], "--") != 0) {
    fprintf(stderr, "usage: pty SCRIPT -- CMD ARGS...\n");
    return 2;
  }
  f = fopen(argv[1], "r");
  if (!f) die("cannot open %s", argv[1]);
  if (openpty(&T.master, &T.slave, NULL, NULL, &ws) < 0) die("openpty");
  if (tcgetattr(T.slave, &T.orig) < 0) die("tcgetattr");
  signal(SIGPIPE, SIG_IGN);
  add(&T.raw, "", 0), add(&T.text, "", 0), add(&T.in, "", 0);
  memset(S.cell, ' ', sizeof S.cell);
  while (fgets(line, sizeof line, f)) {
    char *cmd = line, *arg;
    T.line++;
    line[strcspn(line, "\n")] = '\0';
    if (*cmd == '\0' || *cmd == '#') continue;
    arg = cmd + strcspn(cmd, " ");
    if (*arg) *arg++ = '\0';
    /* The first step other than "size" starts the program. */
    if (T.shell == 0 && strcmp(cmd, "size") != 0) start(argv + 3);
    step(cmd, arg, dec, decode(arg, dec));
  }
  if (!T.exited) die("the script ended with the program still running");
  if (getenv("PTY_LOG")) show(T.text.p, T.text.n); /* for debugging */
  return 0;
}
