/*
** bench/strtod_shapes.c FILE [REPS]: reads one numeral per line of FILE
** and times src/engine/strtod.c's strtod_exact against the C library's
** strtod (glibc: this is compiled with gcc, not musl) over all of them,
** REPS times (default 1000), best of 5 alternating runs; checks first
** that both give the same bits, errno and end on every line.
** Prints ns per numeral for each and the ratio. See LICENSE.
*/
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "strtod.h"

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  static char *line[100000];
  static char buf[4096];
  volatile double sink = 0;
  double best_own = 1e99, best_libc = 1e99;
  int n = 0, reps = argc > 2 ? atoi(argv[2]) : 1000, bad = 0, i, r, run;
  FILE *f = argc > 1 ? fopen(argv[1], "r") : NULL;
  if (f == NULL) {
    fprintf(stderr, "usage: strtod_shapes FILE [REPS]\n");
    return 2;
  }
  while (n < 100000 && fgets(buf, sizeof buf, f)) {
    buf[strcspn(buf, "\n")] = 0;
    line[n++] = strdup(buf);
  }
  fclose(f);
  for (i = 0; i < n; i++) {
    char *e1, *e2;
    double a, b;
    int r1, r2;
    errno = 0;
    a = strtod_exact(line[i], &e1);
    r1 = errno;
    errno = 0;
    b = strtod(line[i], &e2);
    r2 = errno;
    if (memcmp(&a, &b, sizeof a) != 0 || e1 != e2 || r1 != r2) {
      fprintf(stderr, "differs from the C library: %s\n", line[i]);
      bad = 1;
    }
  }
  for (run = 0; run < 5; run++) {
    double t0 = now(), t1, t2;
    for (r = 0; r < reps; r++)
      for (i = 0; i < n; i++) sink += strtod_exact(line[i], NULL);
    t1 = now();
    for (r = 0; r < reps; r++)
      for (i = 0; i < n; i++) sink += strtod(line[i], NULL);
    t2 = now();
    if (t1 - t0 < best_own) best_own = t1 - t0;
    if (t2 - t1 < best_libc) best_libc = t2 - t1;
  }
  printf("%-10s own %8.1f ns  C library %8.1f ns  ratio %.2fx\n",
         strrchr(argv[1], '/') ? strrchr(argv[1], '/') + 1 : argv[1],
         best_own / n / reps * 1e9, best_libc / n / reps * 1e9,
         best_own / best_libc);
  return bad;
}
