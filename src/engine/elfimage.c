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

/* Where the file bytes of header table entry p lie (a section's when
** 'section', else a segment's); 0 for a section with none (SHT_NOBITS,
** .bss). */
static int span(const unsigned char *p, int section, uint64_t *at,
                uint64_t *len) {
  if (!section) {
    *at = FIELD(p, Elf64_Phdr, p_offset);
    *len = FIELD(p, Elf64_Phdr, p_filesz);
    return 1;
  }
  *at = FIELD(p, Elf64_Shdr, sh_offset);
  *len = FIELD(p, Elf64_Shdr, sh_size);
  return FIELD(p, Elf64_Shdr, sh_type) != SHT_NOBITS;
}

/* The table at off (n entries of esz bytes) lies inside size; each of
** its entries' file bytes must too. */
static int reach_entries(const unsigned char *d, size_t size, uint64_t off,
                         uint64_t n, uint64_t esz, int section,
                         uint64_t *end) {
  uint64_t i, at, len;
  for (i = 0; i < n; i++)
    if (span(d + off + i * esz, section, &at, &len) &&
        !reach(at, len, size, end))
      return 0;
  return 1;
}

elf_result elf_image_size(const unsigned char *d, size_t size,
                          size_t *end) {
  uint64_t far = sizeof(Elf64_Ehdr);
  uint64_t phoff, phn, phsz, shoff, shn, shsz;
  if (size < sizeof(Elf64_Ehdr)) return ELF_SHORT;
  if (!is_elf64le(d)) return ELF_BADMAGIC;
  phoff = FIELD(d, Elf64_Ehdr, e_phoff), shoff = FIELD(d, Elf64_Ehdr, e_shoff);
  phn = FIELD(d, Elf64_Ehdr, e_phnum), phsz = FIELD(d, Elf64_Ehdr, e_phentsize);
  shn = FIELD(d, Elf64_Ehdr, e_shnum), shsz = FIELD(d, Elf64_Ehdr, e_shentsize);
  if ((phn && phsz < sizeof(Elf64_Phdr)) || (shn && shsz < sizeof(Elf64_Shdr)))
    return ELF_BADTABLE;
  if (!reach(phoff, phn * phsz, size, &far) ||
      !reach(shoff, shn * shsz, size, &far) ||
      !reach_entries(d, size, phoff, phn, phsz, 0, &far) ||
      !reach_entries(d, size, shoff, shn, shsz, 1, &far))
    return ELF_OUTSIDE;
  *end = (size_t)far;
  return ELF_OK;
}

static const char *const messages[] = {
  "no error",                                  /* ELF_OK */
  "shorter than an ELF header",                /* ELF_SHORT */
  "not a 64-bit little-endian ELF file",       /* ELF_BADMAGIC */
  "an ELF header table has entries too small", /* ELF_BADTABLE */
  "an ELF table, segment or section lies past the end of the file"};

const char *elf_strerror(elf_result r) {
  if ((unsigned)r < sizeof messages / sizeof *messages) return messages[r];
  return "unknown ELF error";
}
