/*
** tests/unit/alloc.c: unit and randomized model tests of the allocator
** engine (src/engine/alloc.c).
** See LICENSE.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "alloc.h"
#include "alloc_test.h"
#include "unit.h"

#define CHUNK ((size_t)64 * 1024)
#define SMALL_MAX 2048
#define LUA_TTABLE 5 /* a type tag Lua passes as osize with ptr NULL */

static void *al(ma_state *st, void *p, size_t o, size_t n) {
  return ma_alloc(st, p, o, n);
}

/* {==== Fixed cases */

/* Two blocks in a row from a fresh state are one slot apart. */
static void test_class_boundaries(void) {
  static const size_t sizes[][2] = {
    {1, 16}, {15, 16}, {16, 16}, {17, 32}, {32, 32}, {33, 48},
    {255, 256}, {256, 256}, {257, 272}, {511, 512}, {512, 512},
    {513, 640}, {640, 640}, {641, 768}, {1920, 1920}, {1921, 2048},
    {2047, 2048}, {2048, 2048}};
  size_t i;
  for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
    ma_state *st = ma_new(0);
    size_t n = sizes[i][0];
    char *a = al(st, NULL, LUA_TTABLE, n), *b = al(st, NULL, 0, n);
    CHECK(a != NULL && b != NULL, "size %zu: expected two blocks", n);
    CHECK(b - a == (ptrdiff_t)sizes[i][1], "size %zu: expected slots %zu "
          "apart, got %td", n, sizes[i][1], b - a);
    CHECK((uintptr_t)a % 16 == 0 && (uintptr_t)b % 16 == 0,
          "size %zu: expected 16-byte alignment, got %p %p", n, a, b);
    fill(a, n, 1);
    fill(b, n, 2);
    CHECK(intact(a, n, 1) == n, "size %zu: neighbour overwrote block", n);
    al(st, a, n, 0);
    al(st, b, n, 0);
    check_state(st, "after class boundary");
    ma_free_state(st);
  }
}

static void test_large_aligned(void) {
  ma_state *st = ma_new(0);
  size_t sizes[] = {2049, 3000, 4096, 100000, 1 << 20};
  void *p[5];
  ma_stats s;
  size_t i, total = 0;
  for (i = 0; i < 5; i++) {
    p[i] = al(st, NULL, 0, sizes[i]);
    total += sizes[i];
    CHECK(p[i] != NULL && (uintptr_t)p[i] % 16 == 0,
          "size %zu: expected a 16-aligned block, got %p", sizes[i], p[i]);
    fill(p[i], sizes[i], (unsigned)i);
  }
  ma_get_stats(st, &s);
  CHECK(s.large == total && s.in_use == total,
        "expected large = in_use = %zu, got %zu and %zu", total, s.large,
        s.in_use);
  CHECK(s.mapped == 0, "expected no chunk for large blocks, got %zu",
        s.mapped);
  for (i = 0; i < 5; i++)
    CHECK(intact(p[i], sizes[i], (unsigned)i) == sizes[i],
          "block %zu damaged", i);
  check_state(st, "with large blocks");
  for (i = 0; i < 5; i += 2)
    al(st, p[i], sizes[i], 0);
  check_state(st, "after freeing some large blocks");
  ma_free_state(st); /* frees the rest: ASan/valgrind see no leak */
}

static void test_zero_sizes(void) {
  ma_state *st = ma_new(0);
  void *p;
  ma_stats s;
  CHECK(al(st, NULL, LUA_TTABLE, 0) == NULL,
        "expected NULL for a zero-byte allocation");
  CHECK(ma_last_error(st) == MA_OK, "a zero-byte request is no failure");
  p = al(st, NULL, LUA_TTABLE, 40);
  CHECK(al(st, p, 40, 0) == NULL, "expected NULL from a free");
  ma_get_stats(st, &s);
  CHECK(s.in_use == 0 && s.peak == 40,
        "expected in_use 0 and peak 40, got %zu and %zu", s.in_use, s.peak);
  ma_free_state(st);
  ma_free_state(NULL);
}

/* Realloc keeps the pointer inside a class and the bytes across classes. */
static void test_realloc_moves(void) {
  static const size_t steps[] = {17, 32, 33, 500, 512, 513, 2048, 2049,
                                 5000, 70000, 3000, 2048, 100, 1, 9000, 8};
  ma_state *st = ma_new(0);
  size_t i, o = 24;
  char *p = al(st, NULL, 0, o);
  fill(p, o, 7);
  for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
    size_t n = steps[i], keep = o < n ? o : n;
    char *q = al(st, p, o, n);
    CHECK(q != NULL, "%zu -> %zu: expected a block", o, n);
    CHECK(intact(q, keep, 7) == keep, "%zu -> %zu: expected %zu bytes kept,"
          " first difference at %zu", o, n, keep, intact(q, keep, 7));
    fill(q, n, 7);
    p = q;
    o = n;
  }
  p = al(st, NULL, 0, 20);
  CHECK(al(st, p, 20, 32) == p && al(st, p, 32, 17) == p,
        "expected the same pointer within class 17..32");
  CHECK(al(st, p, 17, 16) != p, "expected a move from class 32 to 16");
  check_state(st, "after realloc chain");
  ma_free_state(st);
}

static void test_limit(void) {
  ma_state *st = ma_new(1000);
  char *a = al(st, NULL, 0, 600), *b, *c;
  ma_stats s;
  CHECK(a != NULL, "expected 600 of 1000 bytes to fit");
  fill(a, 600, 3);
  CHECK(al(st, NULL, 0, 401) == NULL, "expected 1001 bytes to fail");
  CHECK(ma_last_error(st) == MA_ELIMIT, "expected MA_ELIMIT");
  CHECK(ma_last_error(st) == MA_OK, "expected the error to reset");
  CHECK(al(st, a, 600, 1200) == NULL, "expected a grow past limit to fail");
  CHECK(intact(a, 600, 3) == 600, "expected the block kept after failure");
  b = al(st, NULL, 0, 400);
  CHECK(b != NULL, "expected exactly 1000 bytes to fit");
  c = al(st, a, 600, 100); /* shrinks never meet the limit */
  CHECK(c != NULL && intact(c, 100, 3) == 100, "expected shrink to work");
  ma_get_stats(st, &s);
  CHECK(s.in_use == 500 && s.peak == 1000,
        "expected in_use 500 peak 1000, got %zu %zu", s.in_use, s.peak);
  a = al(st, NULL, 0, 500);
  CHECK(a != NULL, "expected recovery after frees");
  ma_set_limit(st, 10);
  CHECK(al(st, NULL, 0, 1) == NULL, "expected a lowered limit to bite");
  CHECK(al(st, a, 500, 0) == NULL, "frees work past the limit");
  ma_set_limit(st, 0);
  CHECK((a = al(st, NULL, 0, 100000)) != NULL, "expected no limit at 0");
  check_state(st, "after limit");
  ma_free_state(st);
}

/* Emptied chunks go back to the system, except a bounded reserve. */
static void test_chunks_returned(void) {
  enum { N = 20000 };
  ma_state *st = ma_new(0);
  void **p = malloc(N * sizeof *p);
  ma_stats full, empty, again;
  size_t i;
  for (i = 0; i < N; i++)
    p[i] = al(st, NULL, 0, 64 + (i % 4) * 100);
  ma_get_stats(st, &full);
  CHECK(full.mapped >= full.in_use, "expected mapped %zu >= in_use %zu",
        full.mapped, full.in_use);
  check_state(st, "with 20000 blocks");
  for (i = 0; i < N; i++)
    al(st, p[i], 64 + (i % 4) * 100, 0);
  ma_get_stats(st, &empty);
  CHECK(empty.in_use == 0, "expected in_use 0, got %zu", empty.in_use);
  CHECK(empty.mapped <= 32 * CHUNK && empty.mapped < full.mapped / 4,
        "expected at most 32 chunks kept of %zu bytes, got %zu bytes",
        full.mapped, empty.mapped);
  check_state(st, "after freeing all");
  for (i = 0; i < 10000; i++) /* no thrash: the spare chunk serves */
    al(st, al(st, NULL, 0, 300), 300, 0);
  ma_get_stats(st, &again);
  CHECK(again.mapped == empty.mapped, "expected mapped to stay %zu, got %zu",
        empty.mapped, again.mapped);
  free(p);
  ma_free_state(st);
}

/* ma_check catches a double free (a caller bug) as a broken free list. */
/*
** Start-up cost: a class's first block lies in the page of its chunk's
** header, and chunks of a batch no class has taken are never touched.
** The untouched ones are made inaccessible once the batch is mapped, so
** any access to them (linking them into a list, as the pool did) is a
** SIGSEGV here; residency (mincore) would not do, since gVisor reports
** every mapped page resident.
*/
static void test_first_pages(void) {
  enum { NCLS = 8, NBATCH = 16 };
  ma_state *st = ma_new(0);
  char *base[NCLS];
  ma_stats s;
  size_t c;
  for (c = 0; c < NCLS; c++) {
    size_t n = 16 * (c + 1);
    char *p = al(st, NULL, 0, n);
    CHECK(p != NULL, "class %zu: expected a block", c);
    if (p == NULL)
      break;
    fill(p, n, (int)c);
    base[c] = (char *)((uintptr_t)p & ~(uintptr_t)(CHUNK - 1));
    CHECK(p + n - base[c] <= 4096, "class %zu: expected the first block "
          "in the header's page, got offset %td", c, p - base[c]);
    CHECK(base[c] == base[0] + c * CHUNK, "class %zu: expected the next "
          "chunk of the batch", c);
    if (c == 0) {
      ma_get_stats(st, &s);
      CHECK(s.mapped == NBATCH * CHUNK, "expected one batch of %d chunks "
            "mapped, got %zu bytes", NBATCH, s.mapped);
      CHECK(mprotect(base[0] + NCLS * CHUNK, (NBATCH - NCLS) * CHUNK,
                     PROT_NONE) == 0, "expected the unused chunks "
            "protected");
    }
  }
  check_state(st, "after first blocks");
  CHECK(mprotect(base[0] + NCLS * CHUNK, (NBATCH - NCLS) * CHUNK,
                 PROT_READ | PROT_WRITE) == 0, "expected access restored");
  ma_free_state(st);
}

static void test_check_finds_double_free(void) {
#ifndef MA_VALGRIND /* valgrind would rightly report the double free */
  ma_state *st = ma_new(0);
  void *a = al(st, NULL, 0, 48);
  int line = 0;
  al(st, NULL, 0, 48);
  al(st, a, 48, 0);
  al(st, a, 48, 0);
  CHECK(ma_check(st, &line) == MA_ECORRUPT && line > 0,
        "expected MA_ECORRUPT with a line, got line %d", line);
  ma_free_state(st);
#endif
}

static void test_strerror(void) {
  CHECK(strcmp(ma_strerror(MA_ELIMIT), "memory limit reached") == 0,
        "expected the limit message, got %s", ma_strerror(MA_ELIMIT));
  CHECK(strcmp(ma_strerror(MA_ENOMEM), "not enough memory") == 0,
        "expected Lua's message, got %s", ma_strerror(MA_ENOMEM));
  CHECK(ma_strerror(MA_OK)[0] && ma_strerror(MA_ECORRUPT)[0] &&
        ma_strerror((ma_result)99)[0], "expected a message for every code");
}

/* }==== */

/* {==== Randomized model */

/* The reference: what each live block must hold. */
typedef struct model {
  char *p;
  size_t n;
  unsigned seed;
} model;

enum { SLOTS = 4096 };

static uint64_t rng_next(uint64_t *s) {
  *s ^= *s >> 12;
  *s ^= *s << 25;
  *s ^= *s >> 27;
  return *s * 0x2545F4914F6CDD1DULL;
}

static size_t rand_size(uint64_t *s) {
  uint64_t r = rng_next(s);
  if (r % 1000 == 0) /* across the size where blocks become mappings */
    return 100 * 1024 + (size_t)(r >> 40) % (100 * 1024);
  if (r % 97 == 0) /* the sizes freed large blocks are cached at */
    return 16 * 1024 + (size_t)(r >> 40) % (24 * 1024);
  if (r % 3 == 0) /* Lua's sizes are mostly small */
    return (size_t)(r >> 32) % 129;
  return (size_t)(r >> 32) % 4097;
}

static int cmp_blocks(const void *x, const void *y) {
  const model *a = x, *b = y;
  return (a->p > b->p) - (a->p < b->p);
}

/* Full sweep: every pattern intact, no two blocks overlap, counters. */
static void model_sweep(ma_state *st, const model *m, size_t op) {
  static model live[SLOTS];
  size_t i, n = 0, in_use = 0, large = 0;
  ma_stats s;
  for (i = 0; i < SLOTS; i++) {
    if (m[i].p == NULL)
      continue;
    CHECK(intact(m[i].p, m[i].n, m[i].seed) == m[i].n,
          "op %zu: block %zu (%zu bytes) damaged", op, i, m[i].n);
    in_use += m[i].n;
    large += m[i].n > SMALL_MAX ? m[i].n : 0;
    live[n++] = m[i];
  }
  qsort(live, n, sizeof *live, cmp_blocks);
  for (i = 1; i < n; i++)
    CHECK(live[i - 1].p + live[i - 1].n <= live[i].p,
          "op %zu: blocks at %p and %p overlap", op, (void *)live[i - 1].p,
          (void *)live[i].p);
  ma_get_stats(st, &s);
  CHECK(s.in_use == in_use && s.large == large && s.peak >= in_use,
        "op %zu: expected in_use %zu large %zu, got %zu %zu", op, in_use,
        large, s.in_use, s.large);
  check_state(st, "model sweep");
}

/* One random step on slot m; a NULL is only allowed past the limit. */
static void model_step(ma_state *st, model *m, uint64_t *rng, size_t limit,
                       size_t op) {
  ma_stats s;
  size_t n = rand_size(rng), o = m->n;
  char *q;
  ma_get_stats(st, &s);
  if (m->p != NULL) {
    CHECK(intact(m->p, o, m->seed) == o, "op %zu: block damaged", op);
    if (rng_next(rng) % 2 == 0)
      n = 0;
  }
  q = al(st, m->p, m->p ? o : LUA_TTABLE, n);
  if (q == NULL && n > 0) {
    CHECK(n > o && s.in_use - o + n > limit, "op %zu: unexpected failure "
          "%zu -> %zu with %zu in use", op, o, n, s.in_use);
    CHECK(ma_last_error(st) == MA_ELIMIT, "op %zu: expected MA_ELIMIT", op);
    return;
  }
  CHECK(n > 0 || q == NULL, "op %zu: a free must return NULL", op);
  if (q != NULL) {
    size_t keep = o < n ? o : n;
    CHECK((uintptr_t)q % 16 == 0, "op %zu: misaligned %p", op, (void *)q);
    CHECK(intact(q, keep, m->seed) == keep, "op %zu: content lost", op);
  }
  m->p = q;
  m->n = n;
  m->seed = (unsigned)rng_next(rng);
  if (q != NULL)
    fill(q, n, m->seed);
}

static void test_model(size_t ops, size_t limit, uint64_t seed) {
  static model m[SLOTS];
  ma_state *st = ma_new(limit);
  uint64_t rng = seed;
  size_t op, i;
  memset(m, 0, sizeof m);
  for (op = 0; op < ops; op++) {
    model_step(st, &m[rng_next(&rng) % SLOTS], &rng, limit ? limit : SIZE_MAX,
               op);
    if (op % (ops / 8) == 0 || op == ops - 1)
      model_sweep(st, m, op);
  }
  for (i = 0; i < SLOTS / 2; i++) /* free half, leave half to ma_free_state */
    if (m[i].p != NULL)
      al(st, m[i].p, m[i].n, 0);
  check_state(st, "model end");
  ma_free_state(st);
}

/* }==== */

int main(int argc, char **argv) {
  size_t ops = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 1000000;
  test_class_boundaries();
  test_large_aligned();
  test_zero_sizes();
  test_realloc_moves();
  test_limit();
  test_chunks_returned();
  test_first_pages();
  test_check_finds_double_free();
  test_strerror();
  test_model(ops, 0, 0x9E3779B97F4A7C15ULL);
  test_model(ops / 4, 3 << 20, 12345);
  return UNIT_END();
}
