/*
** tests/exec/exec.c: starts a program the unusual ways the hostile-start
** tests need: with an empty argv, through a descriptor (execveat with
** AT_EMPTY_PATH, as fexecve does), or under a seccomp filter that denies
** arch_prctl. Built by the tests themselves (musl-gcc -static). See LICENSE.
**
**   exec noargv PROG               execve(PROG, {NULL}, environ): argc 0
**   exec fd PROG ARGV...           PROG opened (inherited by the new
**                                  program), then execveat(fd, "")
**   exec fd-cloexec PROG ARGV...   the same with the descriptor close-on-
**                                  exec, so the new program cannot use it
**   exec noprctl PROG ARGV...      every arch_prctl fails with EPERM
** ARGV is the whole new argv, argv[0] included. Exit status 127 when the
** program cannot be started.
*/
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char **environ;

/* The kernel's seccomp and classic BPF definitions (musl ships no
** linux/ headers). */
struct filter {
  uint16_t code;
  uint8_t jt, jf;
  uint32_t k;
};
struct fprog {
  unsigned short len;
  struct filter *filter;
};
#define LD_W_ABS 0x20   /* BPF_LD | BPF_W | BPF_ABS */
#define JEQ_K 0x15      /* BPF_JMP | BPF_JEQ | BPF_K */
#define RET_K 0x06      /* BPF_RET | BPF_K */
#define RET_ALLOW 0x7fff0000u
#define RET_ERRNO 0x00050000u
#define ARCH_X86_64 0xc000003eu
#define NR_ARCH_PRCTL 158

static int deny_arch_prctl(void) {
  struct filter f[] = {
      {LD_W_ABS, 0, 0, 4}, /* seccomp_data.arch */
      {JEQ_K, 1, 0, ARCH_X86_64},
      {RET_K, 0, 0, RET_ALLOW},
      {LD_W_ABS, 0, 0, 0}, /* seccomp_data.nr */
      {JEQ_K, 0, 1, NR_ARCH_PRCTL},
      {RET_K, 0, 0, RET_ERRNO | EPERM},
      {RET_K, 0, 0, RET_ALLOW},
  };
  struct fprog prog = {sizeof f / sizeof f[0], f};
  if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return -1;
  return prctl(PR_SET_SECCOMP, 2 /* SECCOMP_MODE_FILTER */, &prog, 0, 0);
}

static int by_fd(const char *prog, char **argv, int cloexec) {
  int fd = open(prog, O_RDONLY | (cloexec ? O_CLOEXEC : 0));
  if (fd < 0) return -1;
  return (int)syscall(SYS_execveat, fd, "", argv, environ,
                      0x1000 /* AT_EMPTY_PATH */);
}

int main(int argc, char **argv) {
  char *none[] = {NULL};
  if (argc < 3) {
    fprintf(stderr, "usage: exec noargv|fd|fd-cloexec|noprctl PROG ARGV...\n");
    return 127;
  }
  if (strcmp(argv[1], "noargv") == 0) {
    execve(argv[2], none, environ);
  } else if (strcmp(argv[1], "fd") == 0 || strcmp(argv[1], "fd-cloexec") == 0) {
    by_fd(argv[2], argv + 3, argv[1][2] == '-');
  } else if (strcmp(argv[1], "noprctl") == 0) {
    if (deny_arch_prctl() == 0) execve(argv[2], argv + 3, environ);
  } else {
    fprintf(stderr, "exec: unknown mode %s\n", argv[1]);
    return 127;
  }
  fprintf(stderr, "exec: %s %s: %s\n", argv[1], argv[2], strerror(errno));
  return 127;
}
