/*
** alloc.h: the memory allocator moonbox gives each Lua state.
** See LICENSE.
*/
#ifndef MOONBOX_ALLOC_H
#define MOONBOX_ALLOC_H

#include <stddef.h>

/*
** Why this exists: musl's malloc is slow for the flood of small blocks a
** Lua program makes.  Lua tells its allocator the size of every block it
** frees or resizes, so small blocks need no header: they live in size
** classes (16-byte steps up to 512 bytes, 128-byte steps up to 2048) carved
** from 64 KiB chunks obtained with mmap.  A chunk is aligned to its size, so
** the chunk (and its class and free list) is found from a block's address.
** Larger blocks go to malloc/realloc/free with a 16-byte header that links
** them, so ma_free_state can release them too; blocks of about 128 KiB and
** more are mappings of their own, grown and shrunk with mremap (no copy),
** unmapped when freed but for a few spares, together at most the bytes in
** use or 1 MiB, whichever is larger.
**
** One ma_state serves one lua_State.  It has no locks: use it from one
** thread at a time, as Lua itself requires.  It keeps no global state.
** Unlike other engines it takes no allocator hook: it is the hook, and
** gets its memory from mmap and the C library's malloc.
**
** Every block returned is 16-byte aligned, as malloc's are on x86-64.
*/

typedef struct ma_state ma_state;

/* Result codes: why the last request failed (see ma_last_error). */
typedef enum ma_result {
  MA_OK = 0,     /* no failure since the state was made or last asked */
  MA_ELIMIT,     /* the request would have passed the byte limit */
  MA_ENOMEM,     /* the system refused memory (mmap or malloc failed) */
  MA_ECORRUPT    /* ma_check found a broken invariant (a caller bug) */
} ma_result;

/* Counters, all in bytes. */
typedef struct ma_stats {
  size_t in_use;  /* sum of the sizes Lua asked for, over live blocks */
  size_t peak;    /* highest in_use seen since ma_new */
  size_t mapped;  /* chunk memory currently mapped from the system */
  size_t large;   /* part of in_use held in large (malloc'd or mapped) blocks */
  size_t spare;   /* freed large blocks kept for reuse, not in in_use */
} ma_stats;

/*
** ma_new: make an allocator.  limit is the most bytes (as counted in
** ma_stats.in_use) that may be in use at once; 0 means no limit.
** Returns the new state, or NULL when malloc fails.  The caller owns it
** and releases it with ma_free_state.  No system memory for blocks is
** taken until the first allocation.
*/
ma_state *ma_new(size_t limit);

/*
** ma_free_state: release the allocator and everything it holds, live
** blocks included: all chunks are unmapped, all large blocks freed.  Call
** it after lua_close (or instead of freeing each block).  st may be NULL.
** Every pointer ma_alloc ever returned through st is invalid afterwards.
*/
void ma_free_state(ma_state *st);

/*
** ma_alloc: the lua_Alloc function; pass the ma_state as ud.
**   ptr == NULL: allocate nsize bytes; osize is then Lua's object-type
**     tag, not a size, and is ignored.  nsize == 0 returns NULL.
**   ptr != NULL: osize MUST be the exact size ptr was last allocated or
**     resized with (Lua guarantees this); a wrong osize corrupts the
**     allocator.
**   nsize == 0: free ptr, return NULL.  Freeing never fails.
**   otherwise: resize like realloc; contents up to min(osize, nsize) are
**     kept.  A resize within one size class returns ptr itself.
** Returns NULL (and leaves ptr untouched and valid) when the growth
** would pass the limit (MA_ELIMIT) or the system refuses memory
** (MA_ENOMEM).  Shrinks never meet the limit; one can still fail when the
** smaller size belongs to a class that needs a new chunk and mmap fails.
** Lua 5.4 copes with that (lmem.c raises "not enough memory", and the
** string table and stack shrinks keep the old block).
*/
void *ma_alloc(void *ud, void *ptr, size_t osize, size_t nsize);

/*
** ma_ending: the process is about to exit.  From now on the state gives
** nothing back to the C library or the kernel: frees still work (lua_close
** can run, its __gc metamethods can allocate), but emptied chunks stay
** mapped, large blocks are neither freed nor unmapped, and ma_free_state
** returns at once without releasing anything.  The exit returns the
** memory in one go instead of one system call per chunk.  Call it only
** when the process will exit after lua_close.  In the sanitizer and
** Valgrind builds it does nothing, so that they still see every block
** released.
*/
void ma_ending(ma_state *st);

/*
** ma_set_remap: on (the default) lets large mapped blocks be resized
** with mremap; off makes every such resize map a new block and copy, as
** the state does by itself once mremap has failed.  For tests and for
** measuring.
*/
void ma_set_remap(ma_state *st, int on);

/*
** ma_set_limit: change the limit (0 = none).  A limit below the bytes in
** use makes every later growth fail until enough is freed; blocks already
** live are not touched.
*/
void ma_set_limit(ma_state *st, size_t limit);

/* ma_get_stats: copy the counters into *out. */
void ma_get_stats(const ma_state *st, ma_stats *out);

/*
** ma_last_error: the reason for the most recent NULL returned by ma_alloc,
** then reset to MA_OK: MA_ELIMIT for a reached limit (MOONBOX_MEMLIMIT),
** another code for a real out-of-memory. Only the unit tests call it
** today; the front end reports both as Lua's "not enough memory".
*/
ma_result ma_last_error(ma_state *st);

/*
** ma_check: walk every chunk and list and verify the allocator's
** invariants (counts, list links, alignment, counters).  Slow: for tests
** and debugging.  Returns MA_OK, or MA_ECORRUPT with the source line of
** the failed check stored in *line (when line is not NULL).  The state
** is not changed by the walk.
*/
ma_result ma_check(ma_state *st, int *line);

/* ma_strerror: a static English message for a result code. */
const char *ma_strerror(ma_result code);

#endif
