/*
** mem.h: the memory hook every engine takes, and its C-heap adapter.
** See LICENSE.
*/
#ifndef MOONBOX_MEM_H
#define MOONBOX_MEM_H

#include <stddef.h>
#include <stdlib.h>

/* A realloc-shaped allocator, the contract of Lua's lua_Alloc (so a
** state's allocator can be passed as it is):
**   ud:    the caller's pointer, passed back untouched.
**   ptr:   NULL to allocate, else a block from this same hook.
**   osize: the size ptr was last asked for (0 when ptr is NULL).
**   nsize: 0 frees ptr and returns NULL; otherwise the new size.
** Returns a block of nsize bytes holding the first min(osize, nsize)
** bytes of ptr, or NULL on failure with ptr left as it was. Engines give
** every block back with the size they asked for, so a counting hook
** balances to the byte. */
typedef void *(*mem_alloc_fn)(void *ud, void *ptr, size_t osize,
                              size_t nsize);

/* A hook and its ud together, for callbacks that carry one pointer (zlib's
** opaque: see zip_zalloc in zip.h). */
typedef struct mem_hook {
  mem_alloc_fn alloc;
  void *ud;
} mem_hook;

/* mem_libc: the hook over the C heap (ud and osize unused). realloc(p, 0)
** may free or not as the C library likes, so size 0 is a plain free.
** Static inline so that every engine, test and fuzz target shares this
** one copy without linking anything more. */
static inline void *mem_libc(void *ud, void *ptr, size_t osize,
                             size_t nsize) {
  (void)ud;
  (void)osize;
  if (nsize == 0) {
    free(ptr);
    return NULL;
  }
  return realloc(ptr, nsize);
}

#endif
