/*
** lineedit.c: libFuzzer target feeding arbitrary key bytes to the editor.
** See LICENSE.
*/
#include "lineedit.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Candidates with wide, combining and invalid bytes, to stress drawing. */
static int complete(void *ud, const char *buf, size_t len, size_t cursor,
                    size_t *start, le_completions *lc) {
  static const char *names[] = {"string", "strict", "\xe4\xb8\xad\xe6\x96\x87",
                                "e\xcc\x81", "\xff\x01x", ""};
  size_t i;
  (void)ud, (void)len;
  *start = cursor > 0 && buf[cursor - 1] != ' ' ? cursor - 1 : cursor;
  for (i = 0; i < sizeof names / sizeof names[0]; i++)
    if (le_completion_add(lc, names[i], strlen(names[i])) != LE_OK)
      return LE_ERR_NOMEM;
  return LE_OK;
}

/* Kill and yank can double the line per key, so memory is capped: the
   editor must then fail with LE_ERR_NOMEM, not take the machine. */
static void *capped_alloc(void *ud, void *p, size_t osize, size_t nsize) {
  size_t *live = ud;
  void *q;
  if (nsize == 0) {
    *live -= osize;
    return mem_libc(NULL, p, osize, 0);
  }
  if (nsize > osize && nsize - osize > (4u << 20) - *live) return NULL;
  q = mem_libc(NULL, p, osize, nsize);
  if (q) *live = *live - osize + nsize;
  return q;
}

/* Byte 0 picks the width (0 = ask, fails on /dev/null, so 80) and bit 7
   of byte 1 plain mode; the rest are keys typed into a closed pipe. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static int null = -1;
  int p[2], rc = LE_OK, turns = 0;
  le_editor *ed;
  const char *line;
  size_t len, live = 0;
  if (size < 2 || size > 60000) return 0; /* the pipe holds 64 KiB */
  if (null < 0) null = open("/dev/null", O_WRONLY);
  if (pipe(p) < 0) return 0;
  if (write(p[1], data + 2, size - 2) < 0) return 0;
  close(p[1]);
  ed = le_new(p[0], null, "xterm", capped_alloc, &live);
  le_set_mode(ed, data[1] & 0x80 ? LE_MODE_PLAIN : LE_MODE_EDIT);
  le_set_columns(ed, data[0]);
  le_set_completion(ed, complete, NULL);
  le_history_set_max(ed, 4);
  le_history_add(ed, "print(1)", 8);
  while ((rc == LE_OK || rc == LE_INTERRUPTED) && turns++ < 10000) {
    rc = le_readline(ed, data[1] & 1 ? "\xe4\xb8\xad> " : "> ", &line, &len);
    if (rc == LE_OK) le_history_add(ed, line, len);
  }
  le_free(ed);
  if (live != 0) abort(); /* a leak */
  close(p[0]);
  return 0;
}
