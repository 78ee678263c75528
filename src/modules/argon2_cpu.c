/*
** argon2_cpu.c: picks, per call, the Argon2 block filler built for the best
** SIMD level this CPU and kernel allow (SSE2, AVX2 or AVX-512F).
** See LICENSE.
*/
#include "core.h" /* the library's argon2_instance_t and fill_segment */

/*
** argon2.mk compiles the library's opt.c three times with -D renaming its
** one exported function, fill_segment, and different -m flags. core.c still
** calls fill_segment, which is this function. __builtin_cpu_supports reads
** a table the compiler's runtime fills once at start-up, with the XGETBV
** checks that say the kernel saves the wide registers, so asking on every
** segment costs a load and a test.
*/
void argon2_fill_segment_sse2(const argon2_instance_t *instance,
                              argon2_position_t position);
void argon2_fill_segment_avx2(const argon2_instance_t *instance,
                              argon2_position_t position);
void argon2_fill_segment_avx512(const argon2_instance_t *instance,
                                argon2_position_t position);

void fill_segment(const argon2_instance_t *instance,
                  argon2_position_t position) {
  if (__builtin_cpu_supports("avx512f"))
    argon2_fill_segment_avx512(instance, position);
  else if (__builtin_cpu_supports("avx2"))
    argon2_fill_segment_avx2(instance, position);
  else
    argon2_fill_segment_sse2(instance, position);
}
