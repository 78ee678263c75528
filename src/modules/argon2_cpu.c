/*
** argon2_cpu.c: picks, per call, the Argon2 block filler built for the best
** SIMD level this CPU and kernel allow (SSE2, AVX2 or AVX-512F).
** See LICENSE.
*/
#include <cpuid.h>

#include "core.h" /* the library's argon2_instance_t and fill_segment */

/*
** argon2.mk compiles the library's opt.c three times with -D renaming its
** one exported function, fill_segment, and different -m flags. core.c still
** calls fill_segment, which is this function.
**
** The level is found on the first call, not at start-up: the compiler's
** __builtin_cpu_supports links a constructor that runs a dozen CPUID
** instructions in every process, and under a hypervisor each one traps
** (about 10 us of every moonbox start, 2% of `moonbox -e ''`). Here two
** CPUID leaves (1 and 7) and one XGETBV run once, on the first hash; later
** calls read the cached level. Racing threads compute the same value.
*/
void argon2_fill_segment_sse2(const argon2_instance_t *instance,
                              argon2_position_t position);
void argon2_fill_segment_avx2(const argon2_instance_t *instance,
                              argon2_position_t position);
void argon2_fill_segment_avx512(const argon2_instance_t *instance,
                                argon2_position_t position);

enum { LEVEL_UNKNOWN, LEVEL_SSE2, LEVEL_AVX2, LEVEL_AVX512 };

/* XCR0 bits: the kernel saves SSE and AVX state; AVX-512 adds k0-k7,
   the upper halves of zmm0-15 and zmm16-31. */
#define XCR0_AVX 0x06u
#define XCR0_AVX512 0xE6u

static int cpu_level(void) {
  unsigned a, b, c, d, xcr0;
  int level = LEVEL_SSE2;
  if (!__get_cpuid(1, &a, &b, &c, &d))
    return level;
  if (!(c & bit_OSXSAVE) || !(c & bit_AVX))
    return level;
  __asm__("xgetbv" : "=a"(xcr0), "=d"(d) : "c"(0));
  if ((xcr0 & XCR0_AVX) != XCR0_AVX ||
      !__get_cpuid_count(7, 0, &a, &b, &c, &d))
    return level;
  if (b & bit_AVX2)
    level = LEVEL_AVX2;
  if ((b & bit_AVX512F) && (xcr0 & XCR0_AVX512) == XCR0_AVX512)
    level = LEVEL_AVX512;
  return level;
}

void fill_segment(const argon2_instance_t *instance,
                  argon2_position_t position) {
  static int level;
  int l = __atomic_load_n(&level, __ATOMIC_RELAXED);
  if (l == LEVEL_UNKNOWN) {
    l = cpu_level();
    __atomic_store_n(&level, l, __ATOMIC_RELAXED);
  }
  if (l == LEVEL_AVX512)
    argon2_fill_segment_avx512(instance, position);
  else if (l == LEVEL_AVX2)
    argon2_fill_segment_avx2(instance, position);
  else
    argon2_fill_segment_sse2(instance, position);
}
