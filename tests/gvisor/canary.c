/*
** canary.c: proves a test run is really inside gVisor. It sets the GS base
** with arch_prctl(ARCH_SET_GS) and reads through %gs, as Cosmopolitan's
** start-up does: Linux allows it (exit 0); gVisor answers EINVAL. See LICENSE.
*/
#define ARCH_SET_GS 0x1001 /* from the kernel ABI (asm/prctl.h) */
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static long slot[8] = {42};

int main(void) {
  long got;
  if (syscall(SYS_arch_prctl, ARCH_SET_GS, (unsigned long)slot) != 0) {
    perror("canary: arch_prctl(ARCH_SET_GS)");
    return 3;
  }
  __asm__ volatile("movq %%gs:0, %0" : "=r"(got));
  if (got != 42) return 4;
  puts("canary: GS set and read back");
  return 0;
}
