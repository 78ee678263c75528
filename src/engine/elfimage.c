/*
** elfimage.c: the ELF reader: the end of the image, from the header tables
** that <elf.h> describes. See LICENSE.
*/
#include <elf.h>
#include <stdint.h>
#include <string.h>

#include "elfimage.h"

/* Little-endian reads at a field of an <elf.h> structure. */
static uint64_t rd_le(const unsigned char *p, size_t n) {
  uint64_t v = 0;
  while (n-- > 0) v = v << 8 | p[n];
  return v;
}

#define FIELD(p, type, f) \
  rd_le((p) + offsetof(type, f), sizeof(((type *)0)->f))

/* Raises *end to off + len when that lies inside size; 0 if it does not. */
static int reach(uint64_t off, uint64_t len, size_t size, uint64_t *end) {
  if (off > size || len > size - off) return 0;
  if (off + len > *end) *end = off + len;
  return 1;
}

static int is_elf64le(const unsigned char *d) {
  return memcmp(d, ELFMAG, SELFMAG) == 0 && d[EI_CLASS] == ELFCLASS64 &&
         d[EI_DATA] == ELFDATA2LSB;
}

/* The segments' file bytes: each must lie inside size. */
static int reach_segments(const unsigned char *d, size_t size,
                          uint64_t *end) {
  uint64_t off = FIELD(d, Elf64_Ehdr, e_phoff), i;
  unsigned n = (unsigned)FIELD(d, Elf64_Ehdr, e_phnum);
  unsigned esz = (unsigned)FIELD(d, Elf64_Ehdr, e_phentsize);
  for (i = 0; i < n; i++) {
    const unsigned char *p = d + off + i * esz;
    if (!reach(FIELD(p, Elf64_Phdr, p_offset),
               FIELD(p, Elf64_Phdr, p_filesz), size, end))
      return 0;
  }
  return 1;
}

/* The sections' file bytes, SHT_NOBITS (.bss) having none. */
static int reach_sections(const unsigned char *d, size_t size,
                          uint64_t *end) {
  uint64_t off = FIELD(d, Elf64_Ehdr, e_shoff), i;
  unsigned n = (unsigned)FIELD(d, Elf64_Ehdr, e_shnum);
  unsigned esz = (unsigned)FIELD(d, Elf64_Ehdr, e_shentsize);
  for (i = 0; i < n; i++) {
    const unsigned char *s = d + off + i * esz;
    if (FIELD(s, Elf64_Shdr, sh_type) != SHT_NOBITS &&
        !reach(FIELD(s, Elf64_Shdr, sh_offset),
               FIELD(s, Elf64_Shdr, sh_size), size, end))
      return 0;
  }
  return 1;
}

elf_result elf_image_size(const unsigned char *d, size_t size,
                          size_t *end) {
  uint64_t far = sizeof(Elf64_Ehdr);
  uint64_t phn, phsz, shn, shsz;
  if (size < sizeof(Elf64_Ehdr)) return ELF_SHORT;
  if (!is_elf64le(d)) return ELF_BADMAGIC;
  phn = FIELD(d, Elf64_Ehdr, e_phnum);
  phsz = FIELD(d, Elf64_Ehdr, e_phentsize);
  shn = FIELD(d, Elf64_Ehdr, e_shnum);
  shsz = FIELD(d, Elf64_Ehdr, e_shentsize);
  if ((phn && phsz < sizeof(Elf64_Phdr)) || (shn && shsz < sizeof(Elf64_Shdr)))
    return ELF_BADTABLE;
  if (!reach(FIELD(d, Elf64_Ehdr, e_phoff), phn * phsz, size, &far) ||
      !reach(FIELD(d, Elf64_Ehdr, e_shoff), shn * shsz, size, &far) ||
      !reach_segments(d, size, &far) || !reach_sections(d, size, &far))
    return ELF_OUTSIDE;
  *end = (size_t)far;
  return ELF_OK;
}

const char *elf_strerror(elf_result r) {
  switch (r) {
  case ELF_OK: return "no error";
  case ELF_SHORT: return "shorter than an ELF header";
  case ELF_BADMAGIC: return "not a 64-bit little-endian ELF file";
  case ELF_BADTABLE: return "an ELF header table has entries too small";
  case ELF_OUTSIDE: return "an ELF table, segment or section lies past the "
                           "end of the file";
  }
  return "unknown ELF error";
}
