/*
** tests/unit/alloc_map.c: the allocator's mapped (big) blocks: growth and
** shrinking keep the contents and the alignment, with mremap and without
** it (the copying fallback), the spares stay bounded so that the process's
** resident memory falls back after big blocks are freed, and ma_ending
** keeps the state usable while it gives nothing back.
** See LICENSE.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "alloc.h"
#include "alloc_test.h"
#include "unit.h"

#define KIB ((size_t)1024)
#define MIB (KIB * KIB)

/* Resident memory of this process in bytes (/proc/self/statm). */
static size_t rss_bytes(void) {
  unsigned long size = 0, res = 0;
  FILE *f = fopen("/proc/self/statm", "r");
  if (f == NULL)
    return 0;
  if (fscanf(f, "%lu %lu", &size, &res) != 2)
    res = 0;
  fclose(f);
  return (size_t)res * (size_t)sysconf(_SC_PAGESIZE);
}

/* Resize p from n to m bytes and check what must hold; NULL on failure. */
static unsigned char *resized(ma_state *st, unsigned char *p, size_t n,
                              size_t m, int remap) {
  size_t keep = n < m ? n : m;
  p = ma_alloc(st, p, n, m);
  CHECK(p != NULL, "remap %d: resize %zu -> %zu", remap, n, m);
  if (p == NULL)
    return NULL;
  CHECK((uintptr_t)p % 16 == 0, "remap %d: %p misaligned", remap, (void *)p);
  CHECK(intact(p, keep, 11) == keep, "remap %d: %zu -> %zu lost byte %zu",
        remap, n, m, intact(p, keep, 11));
  return p;
}

/*
** A block grown step by step from 3 KiB to 24 MiB (doubling, as Lua's
** buffers do, and by odd amounts), then shrunk back in steps: at every
** step the kept prefix is intact, the block 16-byte aligned, the state
** consistent and the counters exact.
*/
static void grow_shrink(int remap) {
  ma_state *st = ma_new(0);
  size_t n = 3 * KIB, next;
  unsigned char *p;
  ma_stats s;
  ma_set_remap(st, remap);
  p = ma_alloc(st, NULL, 0, n);
  CHECK(p != NULL, "remap %d: first block", remap);
  if (p == NULL)
    return;
  fill(p, n, 11);
  for (; n < 24 * MIB; n = next) {
    next = n * 2 + (n % 3) * 4093;
    if ((p = resized(st, p, n, next, remap)) == NULL)
      return;
    fill(p, next, 11);
  }
  ma_get_stats(st, &s);
  CHECK(s.in_use == n && s.large == n, "remap %d: in_use %zu large %zu, "
        "expected %zu", remap, s.in_use, s.large, n);
  check_state(st, "after growth");
  for (; n > 1000; n = next) {
    next = n / 3 + 5;
    if ((p = resized(st, p, n, next, remap)) == NULL)
      return;
  }
  check_state(st, "after shrinking");
  ma_alloc(st, p, n, 0);
  ma_get_stats(st, &s);
  CHECK(s.in_use == 0 && s.large == 0, "remap %d: in_use %zu large %zu "
        "after the free", remap, s.in_use, s.large);
  ma_free_state(st);
}

/*
** Many big blocks live at once and resized in turn: none overwrites
** another (with spares carved and neighbours taken over), with and
** without mremap.
*/
static void many_blocks(int remap) {
  enum { N = 24 };
  ma_state *st = ma_new(0);
  unsigned char *p[N];
  size_t n[N], i, round;
  ma_set_remap(st, remap);
  for (i = 0; i < N; i++) {
    n[i] = 100 * KIB + i * 37 * KIB;
    p[i] = ma_alloc(st, NULL, 0, n[i]);
    CHECK(p[i] != NULL, "block %zu", i);
    if (p[i] == NULL)
      return;
    fill(p[i], n[i], (unsigned)i);
  }
  for (round = 0; round < 6; round++) {
    for (i = round % 2; i < N; i += 2) { /* free every other block */
      ma_alloc(st, p[i], n[i], 0);
      n[i] = (i * 131 + round * 977) % 900 * KIB + 130 * KIB;
      p[i] = ma_alloc(st, NULL, 0, n[i]);
      CHECK(p[i] != NULL, "round %zu: block %zu again", round, i);
      if (p[i] == NULL)
        return;
      fill(p[i], n[i], (unsigned)(i + round * 40));
    }
    for (i = 1 - round % 2; i < N; i += 2) { /* resize the others */
      size_t m = round % 3 == 2 ? n[i] / 2 + 1 : n[i] * 2 - 1;
      size_t keep = m < n[i] ? m : n[i];
      unsigned seed = (unsigned)(i + (round ? (round - 1) * 40 : 0));
      p[i] = ma_alloc(st, p[i], n[i], m);
      CHECK(p[i] != NULL, "round %zu: resize of block %zu", round, i);
      if (p[i] == NULL)
        return;
      CHECK(intact(p[i], keep, seed) == keep, "round %zu: resize of block "
            "%zu lost byte %zu", round, i, intact(p[i], keep, seed));
      n[i] = m;
      fill(p[i], n[i], (unsigned)(i + round * 40));
    }
    for (i = 0; i < N; i++)
      CHECK(intact(p[i], n[i], (unsigned)(i + round * 40)) == n[i],
            "round %zu: block %zu damaged at byte %zu", round, i,
            intact(p[i], n[i], (unsigned)(i + round * 40)));
    check_state(st, "many blocks");
  }
  ma_free_state(st);
}

/*
** Freed big blocks do not stay resident: after 64 MiB of them are freed
** with little else in use, RSS is back within 4 MiB of where it started
** (the spares may hold at most what is still in use, or 1 MiB).  Reading RSS is
** real behaviour: the kernel's count, not the allocator's.
*/
static void rss_returns(void) {
  ma_state *st = ma_new(0);
  enum { N = 16 };
  void *p[N];
  size_t i, before, full, after;
  ma_stats s;
  void *small = ma_alloc(st, NULL, 0, 100); /* a little in use */
  before = rss_bytes();
  for (i = 0; i < N; i++) {
    p[i] = ma_alloc(st, NULL, 0, 4 * MIB);
    CHECK(p[i] != NULL, "4 MiB block %zu", i);
    if (p[i] == NULL)
      return;
    memset(p[i], (int)i + 1, 4 * MIB);
  }
  full = rss_bytes();
  for (i = 0; i < N; i++)
    ma_alloc(st, p[i], 4 * MIB, 0);
  after = rss_bytes();
  ma_get_stats(st, &s);
  CHECK(full >= before + 60 * MIB, "RSS grew by %zu KiB only, expected 64 "
        "MiB touched", (full - before) / KIB);
  CHECK(after <= before + 4 * MIB, "RSS %zu KiB after the frees, %zu KiB "
        "before: freed big blocks stay resident", after / KIB, before / KIB);
  CHECK(s.spare <= (s.in_use > MIB ? s.in_use : MIB), "spares %zu above "
        "in_use %zu and 1 MiB", s.spare, s.in_use);
  ma_alloc(st, small, 100, 0);
  check_state(st, "rss");
  ma_free_state(st);
}

/*
** After ma_ending, blocks still allocate, grow, shrink and free with
** their contents kept (lua_close runs __gc metamethods that allocate);
** ma_free_state then returns without touching them.
*/
static void ending(void) {
  ma_state *st = ma_new(0);
  size_t i;
  unsigned char *big = ma_alloc(st, NULL, 0, 300 * KIB), *small[200];
  CHECK(big != NULL, "ending: big block");
  if (big == NULL)
    return;
  fill(big, 300 * KIB, 3);
  ma_ending(st);
  for (i = 0; i < 200; i++) {
    small[i] = ma_alloc(st, NULL, 0, 16 + i * 8);
    CHECK(small[i] != NULL, "ending: small block %zu", i);
    if (small[i] == NULL)
      return;
    fill(small[i], 16 + i * 8, (unsigned)i);
  }
  big = ma_alloc(st, big, 300 * KIB, 3 * MIB);
  CHECK(big != NULL && intact(big, 300 * KIB, 3) == 300 * KIB,
        "ending: growth kept the contents");
  for (i = 0; i < 200; i++) {
    CHECK(intact(small[i], 16 + i * 8, (unsigned)i) == 16 + i * 8,
          "ending: small block %zu damaged", i);
    ma_alloc(st, small[i], 16 + i * 8, 0);
  }
  if (big != NULL)
    ma_alloc(st, big, 3 * MIB, 0);
  check_state(st, "ending");
  ma_free_state(st);
}

int main(void) {
  grow_shrink(1);
  grow_shrink(0);
  many_blocks(1);
  many_blocks(0);
  rss_returns();
  ending();
  return UNIT_END();
}
