/*
** memcopy.c: memcpy and memmove for the static musl build on x86-64, fast
** for the short copies Lua's string library makes by the million; the
** contract is in memcopy.h.
** See LICENSE.
*/
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "config.h"
#include "memcopy.h"

int memcopy_own(void) { return MOONBOX_OWN_MEMCPY; }

#if MOONBOX_OWN_MEMCPY
#include <emmintrin.h>

/*
** Why: musl's x86-64 memcpy moves the unaligned head and the tail a byte
** at a time around a `rep movsq`, whose start-up costs tens of cycles.
** string.format, gsub, concat and luaL_Buffer copy a few bytes per call,
** and with musl's memcpy moonbox ran the strings benchmark at 0.56x the
** speed of Debian's glibc-linked lua5.4, memcpy taking 35% of the time.
** Here a copy of up to 32 bytes is two overlapping loads and two stores;
** longer ones move 32 bytes per step, unaligned, with SSE2 (part of every
** x86-64) and `rep movsb` past 4 KiB.  Defining memmove too keeps musl's
** memcpy.o (which memmove.o needs) out of the link.
**
** Every branch loads all it needs before it stores what overlaps, so the
** same code serves memmove when the copy runs forward.  GCC must not turn
** the loops back into calls to memcpy (the optimize attribute), and musl's
** start-up copies the TLS image with memcpy before %fs is set, so nothing
** here may touch thread-local storage: no stack protector, no profiling
** counters (a PGO training build crashed there).
*/
#define NOPATTERN                                                          \
  __attribute__((optimize("no-tree-loop-distribute-patterns"),             \
                 no_stack_protector, no_profile_instrument_function))

typedef __m128i v16;

NOPATTERN static inline v16 ld16(const unsigned char *p) {
  return _mm_loadu_si128((const v16 *)p);
}

NOPATTERN static inline void st16(unsigned char *p, v16 v) {
  _mm_storeu_si128((v16 *)p, v);
}

/* n <= 32: load both ends first, so overlap in either direction is safe. */
NOPATTERN static inline void copy_short(unsigned char *d,
                                        const unsigned char *s, size_t n) {
  if (n >= 16) {
    v16 a = ld16(s), b = ld16(s + n - 16);
    st16(d, a);
    st16(d + n - 16, b);
  } else if (n >= 8) {
    uint64_t a, b;
    __builtin_memcpy(&a, s, 8);
    __builtin_memcpy(&b, s + n - 8, 8);
    __builtin_memcpy(d, &a, 8);
    __builtin_memcpy(d + n - 8, &b, 8);
  } else if (n >= 4) {
    uint32_t a, b;
    __builtin_memcpy(&a, s, 4);
    __builtin_memcpy(&b, s + n - 4, 4);
    __builtin_memcpy(d, &a, 4);
    __builtin_memcpy(d + n - 4, &b, 4);
  } else if (n > 0) {
    unsigned char a = s[0], b = s[n / 2], c = s[n - 1];
    d[0] = a;
    d[n / 2] = b;
    d[n - 1] = c;
  }
}

/* n > 32, d before s or apart: forward; the last 32 bytes are read first. */
NOPATTERN static void copy_fwd(unsigned char *d, const unsigned char *s,
                               size_t n) {
  v16 t0 = ld16(s + n - 32), t1 = ld16(s + n - 16);
  size_t i;
  for (i = 0; i + 32 < n; i += 32) {
    v16 a = ld16(s + i), b = ld16(s + i + 16);
    st16(d + i, a);
    st16(d + i + 16, b);
  }
  st16(d + n - 32, t0);
  st16(d + n - 16, t1);
}

/* n > 32, d after s and overlapping: backward; the first 32 read first. */
NOPATTERN static void copy_bwd(unsigned char *d, const unsigned char *s,
                               size_t n) {
  v16 h0 = ld16(s), h1 = ld16(s + 16);
  size_t i;
  for (i = n; i > 32 + 32; i -= 32) {
    v16 a = ld16(s + i - 32), b = ld16(s + i - 16);
    st16(d + i - 32, a);
    st16(d + i - 16, b);
  }
  /* i - 32 <= 32 bytes remain past the head: one overlapping step */
  {
    v16 a = ld16(s + i - 32), b = ld16(s + i - 16);
    st16(d + i - 32, a);
    st16(d + i - 16, b);
  }
  st16(d, h0);
  st16(d + 16, h1);
}

/* With the code every start runs (src/front/start.ld): musl's start-up
   calls it first, and every program after. */
__attribute__((section(".text.moonbox_start")))
NOPATTERN void *memcpy(void *restrict dst, const void *restrict src,
                       size_t n) {
  unsigned char *d = dst;
  const unsigned char *s = src;
  if (n <= 32) {
    copy_short(d, s, n);
  } else if (n < 4096) {
    copy_fwd(d, s, n);
  } else {
    __asm__ volatile("rep movsb" : "+D"(d), "+S"(s), "+c"(n) : : "memory");
  }
  return dst;
}

NOPATTERN void *memmove(void *dst, const void *src, size_t n) {
  unsigned char *d = dst;
  const unsigned char *s = src;
  if (n <= 32) copy_short(d, s, n);
  else if ((uintptr_t)d - (uintptr_t)s >= n) copy_fwd(d, s, n);
  else copy_bwd(d, s, n);
  return dst;
}

#endif
