/*
** elfimage.h: the ELF reader (prefix elf_): where a 64-bit little-endian
** ELF image ends in a buffer that holds more after it (moonbox's archive).
** Not named elf.h: unit tests and fuzz targets build with -Isrc/engine,
** where that name would hide the system's <elf.h>. See LICENSE.
*/
#ifndef MOONBOX_ELFIMAGE_H
#define MOONBOX_ELFIMAGE_H

#include <stddef.h>

/* What elf_image_size found; elf_strerror names each. */
typedef enum {
  ELF_OK = 0,
  ELF_SHORT,    /* fewer bytes than the 64-byte file header */
  ELF_BADMAGIC, /* not "\177ELF", 64-bit, little-endian */
  ELF_BADTABLE, /* a header table whose entries are smaller than their type */
  ELF_OUTSIDE   /* a table, segment or section reaching past the bytes */
} elf_result;

/*
** elf_image_size: the length of the ELF image at the start of
** data[0..size): the end of its furthest part among the file header, the
** program header table, the section header table, every segment's file
** bytes and every section's file bytes (SHT_NOBITS sections have none).
** Bytes after that end are not the image's: moonbox appends its zip
** archive there. Offsets and lengths are checked by subtraction, so none
** can wrap around.
** Returns ELF_OK with *end set (64 <= *end <= size); any other result
** leaves *end untouched. data is only read, and may be unaligned.
*/
elf_result elf_image_size(const unsigned char *data, size_t size,
                          size_t *end);

/* elf_strerror: a static message for result r (never NULL). */
const char *elf_strerror(elf_result r);

#endif
