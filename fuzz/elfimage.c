/*
** fuzz/elfimage.c: libFuzzer target for the ELF reader: any bytes give a
** result, and an image end that lies inside them. See LICENSE.
*/
#include <stdint.h>
#include <stdlib.h>

#include "elfimage.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  size_t end = 0;
  if (elf_image_size(data, size, &end) == ELF_OK &&
      (end < 64 || end > size))
    abort(); /* the contract: 64 <= end <= size */
  return 0;
}
