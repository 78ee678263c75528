/*
** argon2_decode.c: libFuzzer target for the decoder behind argon2.verify
** (the library's decode_string, reached through argon2_verify).
** See LICENSE.
*/
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "argon2.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
** Input: one byte choosing the variant, then the encoded string (cut at its
** first NUL, as Lua's verify hands a C string over). Costs are capped before
** hashing so the fuzzer explores the parser, not Argon2's run time: strings
** whose first m=, t= or p= asks for more than 64 KiB, 2 passes or 4 lanes
** are skipped (strtoul's reading of them is ours, not the library's).
*/
static unsigned long field(const char *s, const char *key) {
  const char *at = strstr(s, key);
  return at ? strtoul(at + strlen(key), NULL, 10) : 0;
}

static int too_costly(const char *s) {
  return field(s, "m=") > 64 || field(s, "t=") > 2 || field(s, "p=") > 4;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *s;
  argon2_type type;
  if (size < 1) return 0;
  type = (argon2_type)(data[0] % 3);
  s = malloc(size);
  memcpy(s, data + 1, size - 1);
  s[size - 1] = '\0';
  if (!too_costly(s)) {
    int rc = argon2_verify(s, "password", 8, type);
    if (rc != ARGON2_OK && rc != ARGON2_VERIFY_MISMATCH &&
        argon2_error_message(rc) == NULL)
      abort(); /* every code must have a message */
  }
  free(s);
  return 0;
}
