/*
** tests/unit/elfimage.c: the ELF reader (src/engine/elfimage.c) on this
** test's own executable with bytes appended, and on hand-built headers:
** truncated, bad magic, small tables, offsets that wrap. See LICENSE.
*/
#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "elfimage.h"
#include "unit.h"

/* {==== hand-built images */

static unsigned char img[4096];

/* A header with a program header table at 64 (phnum entries) and a
** section header table after it (shnum entries), all zero. */
static Elf64_Ehdr *make(unsigned phnum, unsigned shnum) {
  Elf64_Ehdr *h = (Elf64_Ehdr *)img;
  memset(img, 0, sizeof img);
  memcpy(h->e_ident, ELFMAG, SELFMAG);
  h->e_ident[EI_CLASS] = ELFCLASS64;
  h->e_ident[EI_DATA] = ELFDATA2LSB;
  h->e_phoff = phnum ? sizeof *h : 0;
  h->e_phnum = (Elf64_Half)phnum;
  h->e_phentsize = sizeof(Elf64_Phdr);
  h->e_shoff = shnum ? sizeof *h + phnum * sizeof(Elf64_Phdr) : 0;
  h->e_shnum = (Elf64_Half)shnum;
  h->e_shentsize = sizeof(Elf64_Shdr);
  return h;
}

static Elf64_Phdr *ph(unsigned i) {
  return (Elf64_Phdr *)(img + ((Elf64_Ehdr *)img)->e_phoff) + i;
}

static Elf64_Shdr *sh(unsigned i) {
  return (Elf64_Shdr *)(img + ((Elf64_Ehdr *)img)->e_shoff) + i;
}

/* Checks the result on img[0..size) and, for ELF_OK, the end. */
static void expect(const char *what, size_t size, elf_result want,
                   size_t want_end) {
  size_t end = 12345;
  elf_result r = elf_image_size(img, size, &end);
  CHECK(r == want, "%s: expected \"%s\", got \"%s\"", what,
        elf_strerror(want), elf_strerror(r));
  if (want == ELF_OK)
    CHECK(end == want_end, "%s: end %zu, expected %zu", what, end, want_end);
  else
    CHECK(end == 12345, "%s: end changed on failure (%zu)", what, end);
}

/* }==== */

static void valid(void) {
  make(0, 0);
  expect("a lone header", 64, ELF_OK, 64);
  expect("a lone header, more bytes after it", 1000, ELF_OK, 64);
  make(2, 0);
  expect("program header table only", 500, ELF_OK, 64 + 2 * 56);
  ph(1)->p_offset = 300, ph(1)->p_filesz = 100;
  expect("a segment beyond the table", 500, ELF_OK, 400);
  expect("a segment ending at the last byte", 400, ELF_OK, 400);
  ph(0)->p_offset = 0, ph(0)->p_filesz = 450;
  expect("the furthest segment wins", 500, ELF_OK, 450);
  make(1, 3);
  sh(1)->sh_type = SHT_PROGBITS, sh(1)->sh_offset = 700;
  sh(1)->sh_size = 50;
  sh(2)->sh_type = SHT_NOBITS, sh(2)->sh_offset = 3000;
  sh(2)->sh_size = UINT64_MAX;
  expect("a section; .bss (SHT_NOBITS) has no file bytes", 1000, ELF_OK,
         750);
}

static void truncated(void) {
  make(0, 0);
  expect("no bytes", 0, ELF_SHORT, 0);
  expect("63 bytes", 63, ELF_SHORT, 0);
  make(2, 0);
  expect("a program header table cut short", 64 + 56 + 55, ELF_OUTSIDE, 0);
  ph(0)->p_offset = 200, ph(0)->p_filesz = 100;
  expect("a segment past the end", 299, ELF_OUTSIDE, 0);
  make(0, 1);
  sh(0)->sh_type = SHT_PROGBITS, sh(0)->sh_offset = 1000;
  expect("a section starting past the end", 999, ELF_OUTSIDE, 0);
}

static void bad_magic(void) {
  make(0, 0);
  img[3] = 'G';
  expect("\\177ELG", 64, ELF_BADMAGIC, 0);
  make(0, 0);
  img[EI_CLASS] = ELFCLASS32;
  expect("a 32-bit ELF", 64, ELF_BADMAGIC, 0);
  make(0, 0);
  img[EI_DATA] = ELFDATA2MSB;
  expect("a big-endian ELF", 64, ELF_BADMAGIC, 0);
}

static void bad_tables(void) {
  make(1, 0)->e_phentsize = sizeof(Elf64_Phdr) - 1;
  expect("program headers smaller than Elf64_Phdr", 500, ELF_BADTABLE, 0);
  make(0, 1)->e_shentsize = sizeof(Elf64_Shdr) - 1;
  expect("section headers smaller than Elf64_Shdr", 500, ELF_BADTABLE, 0);
  make(0, 0)->e_phentsize = 1;
  expect("a small entry size with no entries is harmless", 64, ELF_OK, 64);
}

static void wrapping(void) {
  Elf64_Ehdr *h = make(1, 0);
  h->e_phoff = UINT64_MAX - 10;
  expect("a table offset near 2^64", 4096, ELF_OUTSIDE, 0);
  h = make(1, 0);
  h->e_phnum = 0xffff, h->e_phentsize = 0xffff;
  expect("65535 entries of 65535 bytes", 4096, ELF_OUTSIDE, 0);
  make(1, 0);
  ph(0)->p_offset = 100, ph(0)->p_filesz = UINT64_MAX - 50;
  expect("offset + length wraps to a small number", 4096, ELF_OUTSIDE, 0);
  ph(0)->p_offset = UINT64_MAX, ph(0)->p_filesz = 2;
  expect("an offset of 2^64 - 1", 4096, ELF_OUTSIDE, 0);
  make(0, 1);
  sh(0)->sh_type = SHT_PROGBITS;
  sh(0)->sh_offset = 8, sh(0)->sh_size = UINT64_MAX - 7;
  expect("a section whose end wraps to 0", 4096, ELF_OUTSIDE, 0);
}

/* This test's own executable: its image is the whole file, and stays
** where it was when bytes (an archive, say) follow it. */
static void own_executable(void) {
  FILE *f = fopen("/proc/self/exe", "rb");
  unsigned char *b = malloc(64 << 20);
  size_t n = f && b ? fread(b, 1, (64 << 20) - 100, f) : 0, end = 0;
  if (f) fclose(f);
  if (n == 0) {
    printf("skipped: own executable: /proc/self/exe cannot be read\n");
    free(b);
    return;
  }
  CHECK(elf_image_size(b, n, &end) == ELF_OK && end == n,
        "this executable's image is its %zu bytes (got %zu)", n, end);
  static const char tail[] = "PK\3\4 and more bytes after the image";
  memcpy(b + n, tail, sizeof tail);
  end = 0;
  CHECK(elf_image_size(b, n + sizeof tail, &end) == ELF_OK && end == n,
        "bytes appended after the image are not part of it (%zu)", end);
  free(b);
}

static void messages(void) {
  elf_result r;
  for (r = ELF_OK; r <= ELF_OUTSIDE; r++)
    CHECK(elf_strerror(r) != NULL && *elf_strerror(r), "message for %d", r);
  CHECK(strcmp(elf_strerror(ELF_SHORT), elf_strerror(ELF_OUTSIDE)) != 0,
        "distinct messages");
}

int main(void) {
  valid();
  truncated();
  bad_magic();
  bad_tables();
  wrapping();
  own_executable();
  messages();
  return UNIT_END();
}
