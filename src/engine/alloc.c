/*
** alloc.c: size-class allocator for Lua states (small blocks from mmap'd
** chunks, mid-size blocks from malloc, big ones mapped one by one and
** resized with mremap).  The contract is in alloc.h.  See LICENSE.
*/
#define _GNU_SOURCE /* mremap */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "alloc.h"

/* {==== Layout and checker hooks */

/*
** A chunk is CHUNK_SIZE bytes aligned to CHUNK_SIZE: masking a block's
** address finds its chunk header.  64 KiB keeps the tail of a rarely used
** class small, and pages never handed out are never touched, so RSS only
** pays for what the bump pointer has passed.
*/
#define CHUNK_SHIFT 16
#define CHUNK_SIZE ((size_t)1 << CHUNK_SHIFT)
#define CHUNK_MASK (~(uintptr_t)(CHUNK_SIZE - 1))
#define PAGE ((size_t)4096)

/* Chunks mapped per mmap call: fewer system calls, same RSS. */
#define BATCH 16

/*
** Empty chunks kept for reuse beyond the one spare each class keeps:
** POOL_MIN, plus one per chunk in use.  Lua's collector frees about half
** the heap each cycle and the program regrows it; a smaller pool made
** binary-trees unmap and refault chunks 12,000 times.  Peak RSS does not
** grow: the pool only holds what the last cycle's peak already touched.
*/
#define POOL_MIN 8

/*
** Classes: 16-byte steps to 512 bytes (Lua's tables, closures, short
** strings and small arrays), then 128-byte steps to 2048.  The step keeps
** every block 16-byte aligned, since chunk slots start 16-aligned.
*/
#define FINE_MAX 512
#define SMALL_MAX 2048
#define NFINE (FINE_MAX / 16)
#define NCLASSES (NFINE + (SMALL_MAX - FINE_MAX) / 128)

/* A circular doubly linked list node; list heads are sentinels. */
typedef struct link {
  struct link *next, *prev;
} link;

typedef struct chunk {
  link l;         /* in its class's avail or full list, or in the pool */
  void *free;     /* slots freed since the chunk was set up */
  char *bump;     /* first slot never handed out */
  unsigned live;  /* slots in use */
  unsigned cap;   /* slots in the chunk */
  unsigned cls;   /* class index */
  unsigned first; /* slot the bump pointer started at */
} chunk;

/* Offset of the first slot: the header rounded up to 16 bytes. */
#define HDR_SIZE ((sizeof(chunk) + 15) & ~(size_t)15)

typedef struct mclass {
  link avail;      /* chunks with a free slot; allocation takes the head */
  link full;       /* chunks with every slot live */
  size_t size;     /* slot size */
} mclass;

struct ma_state {
  size_t in_use, peak, mapped, large, limit;
  link big;           /* malloc'd blocks, each behind a link header */
  link cache;         /* freed malloc'd blocks kept for reuse */
  link maps;          /* mapped blocks, each behind a map header */
  link spares;        /* freed mappings kept for reuse */
  size_t nspare;      /* mappings in spares */
  size_t sparebytes;  /* their lengths added up */
  int noremap;        /* mremap failed once: resize by copying */
  int ending;         /* ma_ending was called: give nothing back */
  size_t ncache;      /* blocks in cache */
  size_t cachebytes;  /* their sizes added up */
  link pool;          /* empty chunks not owned by any class */
  size_t npool;       /* chunks in pool */
  char *fresh;        /* chunks mapped and never touched, in a row */
  size_t nfresh;      /* how many */
  size_t nchunks;     /* chunks owned by classes */
  size_t nbig;        /* blocks in big */
  unsigned grown;     /* chunks set up so far, for colours */
  ma_result err;      /* reason for the last failure */
  mclass cls[NCLASSES];
};

/*
** Checker hooks, chosen at compile time: under AddressSanitizer or (with
** -DMA_VALGRIND) Valgrind, free slots are made inaccessible so that a use
** after free or an overflow into a neighbour slot is reported as it would
** be with malloc.  Without either, they compile to nothing.
*/
#if defined(__SANITIZE_ADDRESS__)
#define MA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MA_ASAN 1
#endif
#endif

#if defined(MA_VALGRIND)
#include <valgrind/memcheck.h>
#define HOOK_NEW(st) VALGRIND_CREATE_MEMPOOL(st, 0, 0)
#define HOOK_END(st) VALGRIND_DESTROY_MEMPOOL(st)
#define BLOCK_ON(st, p, n) VALGRIND_MEMPOOL_ALLOC(st, p, n)
#define BLOCK_OFF(st, p, slot) VALGRIND_MEMPOOL_FREE(st, p)
#define AREA_OFF(p, n) VALGRIND_MAKE_MEM_NOACCESS(p, n)
#define AREA_UNDEF(p, n) VALGRIND_MAKE_MEM_UNDEFINED(p, n)
#define AREA_CLEAR(p, n) ((void)0)
#define LINK_ON(p) VALGRIND_MAKE_MEM_DEFINED(p, sizeof(void *))
#define LINK_OFF(p) VALGRIND_MAKE_MEM_NOACCESS(p, sizeof(void *))
#define BLOCK_RESIZE(st, p, o, n, slot)                                     \
  do {                                                                      \
    VALGRIND_MEMPOOL_CHANGE(st, p, p, n);                                   \
    if ((n) > (o))                                                          \
      AREA_UNDEF((char *)(p) + (o), (n) - (o));                             \
    else                                                                    \
      AREA_OFF((char *)(p) + (n), (o) - (n));                               \
  } while (0)
#elif defined(MA_ASAN)
#include <sanitizer/asan_interface.h>
#define HOOK_NEW(st) ((void)0)
#define HOOK_END(st) ((void)0)
#define BLOCK_ON(st, p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#define BLOCK_OFF(st, p, slot) ASAN_POISON_MEMORY_REGION(p, slot)
#define AREA_OFF(p, n) ASAN_POISON_MEMORY_REGION(p, n)
#define AREA_CLEAR(p, n) ASAN_UNPOISON_MEMORY_REGION(p, n)
#define LINK_ON(p) ASAN_UNPOISON_MEMORY_REGION(p, sizeof(void *))
#define LINK_OFF(p) ASAN_POISON_MEMORY_REGION(p, sizeof(void *))
#define BLOCK_RESIZE(st, p, o, n, slot)                                     \
  (ASAN_POISON_MEMORY_REGION(p, slot), ASAN_UNPOISON_MEMORY_REGION(p, n))
#else
#define HOOK_NEW(st) ((void)0)
#define HOOK_END(st) ((void)0)
#define BLOCK_ON(st, p, n) ((void)0)
#define BLOCK_OFF(st, p, slot) ((void)0)
#define AREA_OFF(p, n) ((void)0)
#define AREA_CLEAR(p, n) ((void)0)
#define LINK_ON(p) ((void)0)
#define LINK_OFF(p) ((void)0)
#define BLOCK_RESIZE(st, p, o, n, slot) ((void)0)
#endif

/* }==== */

/* {==== Lists and classes */

static void list_init(link *head) {
  head->next = head->prev = head;
}

static int list_empty(const link *head) {
  return head->next == head;
}

static void list_unlink(link *l) {
  l->prev->next = l->next;
  l->next->prev = l->prev;
}

static void list_push(link *head, link *l) {
  l->next = head->next;
  l->prev = head;
  head->next->prev = l;
  head->next = l;
}

static void list_append(link *head, link *l) {
  list_push(head->prev, l);
}

/* Class index of a size in 1..SMALL_MAX. */
static unsigned class_of(size_t n) {
  if (n <= FINE_MAX)
    return (unsigned)((n - 1) >> 4);
  return NFINE + (unsigned)((n - FINE_MAX - 1) >> 7);
}

static size_t class_size(unsigned c) {
  if (c < NFINE)
    return (size_t)(c + 1) * 16;
  return FINE_MAX + (size_t)(c - NFINE + 1) * 128;
}

static chunk *chunk_of(const void *p) {
  return (chunk *)((uintptr_t)p & CHUNK_MASK);
}

/* Free-list links live in the first word of a free slot. */
static void *slot_next(void *p) {
  void *next;
  LINK_ON(p);
  memcpy(&next, p, sizeof next);
  LINK_OFF(p);
  return next;
}

static void slot_set_next(void *p, void *next) {
  LINK_ON(p);
  memcpy(p, &next, sizeof next);
  LINK_OFF(p);
}

/* }==== */

/* {==== Chunks from the system */

static void *map_aligned(size_t n) {
  char *p = mmap(NULL, n + CHUNK_SIZE, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  char *a;
  size_t head;
  if (p == MAP_FAILED)
    return NULL;
  a = (char *)(((uintptr_t)p + CHUNK_SIZE - 1) & CHUNK_MASK);
  head = (size_t)(a - p);
  if (head > 0)
    munmap(p, head);
  munmap(a + n, CHUNK_SIZE - head);
  return a;
}

static void unmap_chunk(ma_state *st, chunk *ch) {
  AREA_CLEAR(ch, CHUNK_SIZE);
  munmap(ch, CHUNK_SIZE);
  st->mapped -= CHUNK_SIZE;
}

/*
** Map a batch of fresh chunks (one chunk if the batch fails).  They are
** handed out in address order and not linked into the pool, so a chunk no
** class takes is never touched (linking the batch wrote to the first page
** of each).
*/
static int fresh_fill(ma_state *st) {
  size_t n = BATCH;
  char *p = map_aligned(n * CHUNK_SIZE);
  if (p == NULL) {
    n = 1;
    p = map_aligned(CHUNK_SIZE);
    if (p == NULL)
      return 0;
  }
  st->fresh = p;
  st->nfresh = n;
  st->mapped += n * CHUNK_SIZE;
  return 1;
}

/*
** An emptied chunk goes to the pool; the pool keeps a share of the chunks
** in use and gives the rest back to the system.  The share absorbs the
** GC's sweep-then-regrow rhythm without an mmap per chunk, and it shrinks
** with the program, so one that shrinks for good returns most memory.
** Fresh chunks count in the share and go first: they save no page fault.
*/
static void pool_put(ma_state *st, chunk *ch) {
  st->nchunks--;
  list_push(&st->pool, &ch->l);
  st->npool++;
  while (!st->ending && st->npool + st->nfresh > POOL_MIN + st->nchunks) {
    chunk *old;
    if (st->nfresh > 0) {
      st->nfresh--;
      munmap(st->fresh + st->nfresh * CHUNK_SIZE, CHUNK_SIZE);
      st->mapped -= CHUNK_SIZE;
      continue;
    }
    old = (chunk *)st->pool.prev;
    list_unlink(&old->l);
    st->npool--;
    unmap_chunk(st, old);
  }
}

/*
** Colouring.  Chunks are 64 KiB-aligned, so if every chunk handed out its
** slots from the front, the hot first objects of every class would sit at
** equal offsets in their pages and alias in the store-to-load checks:
** methods.lua ran 25% slower than with malloc for that alone.  So a fresh
** chunk starts its bump pointer at a slot chosen by a hash over the first
** 32 64-byte lines (the first half of the header's page) and wraps around
** past the end: no capacity is lost, and only the pages the pointer passes
** are touched.  Why not a line anywhere in the chunk, which would also
** spread the objects over the data TLB's sets: that cost a second page
** for each of the 16 classes a Lua state starts with, and a line late in
** the first page spilled small classes into the second; `moonbox -e ''`
** made 71 page faults then, 53 now, and the header's page is touched by
** every allocation anyway.  Measured no slower (methods.lua, binary-trees,
** tables: 0.94x-1.00x the time).  The hash runs on a counter, so layouts
** repeat run to run.
*/
static unsigned first_slot(ma_state *st, unsigned c, unsigned cap,
                           size_t size) {
  uint32_t h = (uint32_t)st->grown++ * 0x9E3779B1u + c * 0x85EBCA77u;
  size_t line = (h >> 16) % (PAGE / 128);
  size_t at = line * 64 > HDR_SIZE ? line * 64 - HDR_SIZE : 0;
  return (unsigned)(((at + size - 1) / size) % cap);
}

/* Give class c an empty chunk, the pool's or else a fresh one, at the head
** of its avail list. */
static chunk *class_grow(ma_state *st, unsigned c) {
  mclass *cl = &st->cls[c];
  chunk *ch;
  if (!list_empty(&st->pool)) { /* touched before: reuse those pages */
    ch = (chunk *)st->pool.next;
    list_unlink(&ch->l);
    st->npool--;
  } else if (st->nfresh > 0 || fresh_fill(st)) {
    ch = (chunk *)st->fresh;
    st->fresh += CHUNK_SIZE;
    st->nfresh--;
  } else
    return NULL;
  st->nchunks++;
  ch->free = NULL;
  ch->live = 0;
  ch->cap = (unsigned)((CHUNK_SIZE - HDR_SIZE) / cl->size);
  ch->cls = c;
  ch->first = first_slot(st, c, ch->cap, cl->size);
  ch->bump = (char *)ch + HDR_SIZE + ch->first * cl->size;
  AREA_OFF((char *)ch + HDR_SIZE, CHUNK_SIZE - HDR_SIZE); /* all its slots */
  list_push(&cl->avail, &ch->l);
  return ch;
}

/* }==== */

/* {==== Small blocks */

/*
** The fast paths below are inlined into ma_alloc; list moves, which happen
** once per chunk fill or drain, stay out of line so they cost the common
** case no registers.
*/
#if defined(__GNUC__)
#define NOINLINE __attribute__((noinline))
#else
#define NOINLINE
#endif

static NOINLINE void *chunk_filled(mclass *cl, chunk *ch, void *p) {
  list_unlink(&ch->l);
  list_push(&cl->full, &ch->l);
  return p;
}

/* Take a slot from ch, the head of cl's avail list. */
static inline void *slot_take(ma_state *st, mclass *cl, chunk *ch,
                              size_t n) {
  void *p = ch->free;
  if (p != NULL)
    ch->free = slot_next(p);
  else {
    p = ch->bump;
    ch->bump += cl->size;
    if ((size_t)(ch->bump - (char *)ch) > CHUNK_SIZE - cl->size)
      ch->bump = (char *)ch + HDR_SIZE; /* wrap; see first_slot */
  }
  BLOCK_ON(st, p, n);
  (void)st;
  (void)n;
  if (++ch->live == ch->cap)
    return chunk_filled(cl, ch, p);
  return p;
}

static inline void *small_alloc(ma_state *st, size_t n) {
  unsigned c = class_of(n);
  chunk *ch = (chunk *)st->cls[c].avail.next;
  if (&ch->l == &st->cls[c].avail && (ch = class_grow(st, c)) == NULL)
    return NULL;
  return slot_take(st, &st->cls[c], ch, n);
}

/*
** A chunk that was full rejoins the head of avail, so allocation keeps
** filling the chunks already in use.  A chunk that empties becomes the
** class's spare at the tail of avail, or leaves for the pool when the
** class already has a spare (which can only be at the tail).
*/
static NOINLINE void chunk_drained(ma_state *st, chunk *ch) {
  mclass *cl = &st->cls[ch->cls];
  chunk *tail;
  list_unlink(&ch->l);
  if (ch->live > 0) {
    list_push(&cl->avail, &ch->l);
    return;
  }
  tail = (chunk *)cl->avail.prev;
  if (&tail->l != &cl->avail && tail->live == 0)
    pool_put(st, ch);
  else
    list_append(&cl->avail, &ch->l);
}

/* The free fast path needs only the chunk, not the class. */
static inline void small_free(ma_state *st, void *p) {
  chunk *ch = chunk_of(p);
  BLOCK_OFF(st, p, st->cls[ch->cls].size);
  slot_set_next(p, ch->free);
  ch->free = p;
  if (ch->live-- == ch->cap || ch->live == 0)
    chunk_drained(st, ch);
}

/*
** Copy between two slots.  Slots are 16-byte multiples, so whole 16-byte
** steps never leave either slot and beat a general memcpy on the short
** blocks Lua moves between neighbouring classes.  Checkers see exact
** bytes only.
*/
static void slot_copy(void *dst, const void *src, size_t n) {
#if defined(MA_VALGRIND) || defined(MA_ASAN)
  memcpy(dst, src, n);
#else
  char *d = dst;
  const char *s = src;
  size_t i;
  for (i = 0; i < n; i += 16)
    memcpy(d + i, s + i, 16);
#endif
}

/* }==== */

/* {==== Large blocks */

/*
** Blocks above SMALL_MAX and below MAP_MIN come from malloc behind a link
** header.  Freed ones from CACHE_MIN up are kept, the CACHE_N most recent
** and at most CACHE_BYTES in all, for the next request they fit, and
** growth in that range moves into a cached or new block so the old one is
** kept too.  Why: musl's malloc returns the pages of freed mid-size groups
** with madvise, so a program that keeps building arrays faulted in fresh
** pages at every step (the closures benchmark made 9,400 page faults
** against lua5.4's 490).  The cache is small next to what it saves and
** holds nothing the program did not just use.  A cached block lives on
** the cache list behind its own header, with its size in its first word.
** Off under the checkers, which must see a use after free.
*/
#define CACHE_MIN ((size_t)4 * 1024)
#define CACHE_BYTES ((size_t)1024 * 1024) /* at most this much kept */
#if defined(MA_ASAN) || defined(MA_VALGRIND)
#define CACHE_N 0
#define SPARE_N 0
#else
#define CACHE_N 32
#define SPARE_N 16
#endif

/* A cached block of n..2n bytes, the smallest, moved to the big list. */
static void *cache_take(ma_state *st, size_t n) {
  link *l, *best = NULL;
  size_t bsize = 0;
  for (l = st->cache.next; l != &st->cache; l = l->next) {
    size_t s = *(size_t *)(l + 1);
    if (s >= n && s / 2 <= n && (best == NULL || s < bsize))
      best = l, bsize = s;
  }
  if (best == NULL)
    return NULL;
  list_unlink(best);
  st->ncache--;
  st->cachebytes -= bsize;
  list_push(&st->big, best);
  st->nbig++;
  st->large += n;
  return best + 1;
}

/* Keep a freed large block of n bytes, dropping the oldest when full. */
static void cache_put(ma_state *st, link *h, size_t n) {
  if (CACHE_N == 0 || n < CACHE_MIN) {
    free(h);
    return;
  }
  while (st->ncache == CACHE_N || (st->ncache > 0 &&
                                    n > CACHE_BYTES - st->cachebytes)) {
    link *old = st->cache.prev;
    list_unlink(old);
    st->ncache--;
    st->cachebytes -= *(size_t *)(old + 1);
    free(old);
  }
  *(size_t *)(h + 1) = n;
  list_push(&st->cache, h);
  st->ncache++;
  st->cachebytes += n;
}

/*
** Blocks of MAP_MIN bytes and more (header included) are mappings of
** their own, behind a map header that records the mapping's length.
** Growth uses mremap: the kernel moves page tables, never the bytes, so a
** buffer that doubles to megabytes is never copied (musl's realloc copied
** every step below its mmap threshold, and our old cache copied into a
** fresh block).  Freed mappings, and the tails that shrinking cuts off,
** become spares: pages the program has just touched, kept for the next
** large request instead of being faulted in afresh.  A request carves its
** block from the front of a spare (the smallest that holds it); a growth
** first takes the spare right behind the block, which needs no system
** call.  Spares are at most SPARE_N pieces and SPARE_BYTES, and never
** more than the bytes in use or SPARE_FLOOR, whichever is larger: a
** program that drops its big data gets the memory back at once, and the
** spares are pages the next large request takes before any new ones.
** (Without the floor, a small program that keeps rebuilding one 128 KiB
** array, as the closures benchmark does, mapped and unmapped it 160
** times: 5,500 page faults against 300.)  (Moving spare pages under a grown tail with
** MREMAP_FIXED was tried: it splits the block into several kernel
** mappings, and mremap refuses to grow a range that spans more than one.)
** Where mremap fails, a growth maps a new block and copies; where it does
** not exist (ENOSYS), the state stops trying.
*/
#define MAP_MIN ((size_t)128 * 1024)
#define SPARE_BYTES ((size_t)64 * 1024 * 1024)
#define SPARE_FLOOR ((size_t)1024 * 1024) /* kept even when little is in use */

typedef struct maphdr {
  link l;     /* in st->maps, or in st->spares */
  size_t len; /* bytes mapped, header included; a multiple of PAGE */
  size_t pad; /* keeps the block 16-byte aligned */
} maphdr;

/* Mapping length for a block of n bytes; 0 when n is absurd. */
static size_t map_len(size_t n) {
  if (n > SIZE_MAX - sizeof(maphdr) - PAGE)
    return 0;
  return (n + sizeof(maphdr) + PAGE - 1) & ~(PAGE - 1);
}

static int is_mapped(size_t n) {
  return n >= MAP_MIN - sizeof(maphdr);
}

static void spare_unlink(ma_state *st, maphdr *s) {
  list_unlink(&s->l);
  st->nspare--;
  st->sparebytes -= s->len;
}

/* Record the pages at p (len bytes, page-aligned) as a spare. */
static void spare_link(ma_state *st, void *p, size_t len) {
  maphdr *s = p;
  s->len = len;
  list_push(&st->spares, &s->l);
  st->nspare++;
  st->sparebytes += len;
}

/*
** Keep len bytes of mapped pages at p as a spare, dropping the oldest
** spares to stay within the bounds; unmap them when they do not fit.
*/
static void spare_put(ma_state *st, void *p, size_t len) {
  size_t cap = st->in_use < SPARE_BYTES ? st->in_use : SPARE_BYTES, room;
  if (cap < SPARE_FLOOR)
    cap = SPARE_FLOOR;
  int keep = SPARE_N > 0 && len <= cap;
  if (st->ending)
    return; /* the process ends: the kernel takes it all back */
  room = keep ? cap - len : cap; /* what the other spares may hold */
  while (st->nspare > 0 &&
         (st->sparebytes > room || (keep && st->nspare >= SPARE_N))) {
    maphdr *old = (maphdr *)st->spares.prev;
    spare_unlink(st, old);
    munmap(old, old->len);
  }
  if (keep)
    spare_link(st, p, len);
  else
    munmap(p, len);
}

/* Cut a block of len bytes from the front of spare s; the rest stays. */
static maphdr *spare_carve(ma_state *st, maphdr *s, size_t len) {
  size_t slen = s->len;
  spare_unlink(st, s);
  if (slen > len)
    spare_link(st, (char *)s + len, slen - len);
  s->len = len;
  return s;
}

/* A new mapping of len bytes; NULL when mmap fails. */
static maphdr *map_new(size_t len) {
  maphdr *h = mmap(NULL, len, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (h == MAP_FAILED)
    return NULL;
  h->len = len;
  return h;
}

/*
** Grow mapping h to len bytes: the spare right behind it first, then
** mremap, else a new mapping and a copy.  NULL (h intact) on failure.
*/
static maphdr *map_grow(ma_state *st, maphdr *h, size_t len) {
  link *l;
  maphdr *q;
  size_t old;
  for (l = st->spares.next; l != &st->spares; l = l->next)
    if ((char *)l == (char *)h + h->len) {
      maphdr *s = (maphdr *)l;
      size_t slen = s->len, take = len - h->len < slen ? len - h->len : slen;
      spare_unlink(st, s);
      if (slen > take)
        spare_link(st, (char *)s + take, slen - take);
      h->len += take;
      break;
    }
  old = h->len;
  if (old == len)
    return h;
  if (!st->noremap) {
    q = mremap(h, old, len, MREMAP_MAYMOVE);
    if (q != MAP_FAILED) {
      q->len = len;
      return q;
    }
    if (errno == ENOSYS)
      st->noremap = 1; /* the kernel does not remap: copy from now on */
  }
  if ((q = map_new(len)) == NULL)
    return NULL;
  memcpy(q, h, old);
  munmap(h, old);
  q->len = len;
  return q;
}

/* Shrink mapping h to len bytes; the cut-off tail becomes a spare. */
static void map_shrink(ma_state *st, maphdr *h, size_t len) {
  if (len < h->len) {
    spare_put(st, (char *)h + len, h->len - len);
    h->len = len;
  }
}

/*
** A new mapped block: carved from the smallest spare that holds it, else
** the largest spare grown, else a new mapping.
*/
static void *map_alloc(ma_state *st, size_t n) {
  size_t len = map_len(n);
  maphdr *h = NULL, *fit = NULL, *big = NULL;
  link *l;
  if (len == 0)
    return NULL;
  for (l = st->spares.next; l != &st->spares; l = l->next) {
    maphdr *s = (maphdr *)l;
    if (s->len >= len && (fit == NULL || s->len < fit->len))
      fit = s;
    if (big == NULL || s->len > big->len)
      big = s;
  }
  if (fit != NULL)
    h = spare_carve(st, fit, len);
  else if (big != NULL) {
    spare_unlink(st, big);
    h = map_grow(st, big, len);
    if (h == NULL)
      munmap(big, big->len); /* it may have taken a neighbour */
  }
  if (h == NULL && (h = map_new(len)) == NULL)
    return NULL;
  list_push(&st->maps, &h->l);
  st->large += n;
  return h + 1;
}

static void map_free(ma_state *st, void *p, size_t n) {
  maphdr *h = (maphdr *)p - 1;
  list_unlink(&h->l);
  st->large -= n;
  spare_put(st, h, h->len);
}

/* Mapped blocks resize in place or by remapping, never by copying. */
static void *map_realloc(ma_state *st, void *p, size_t o, size_t n) {
  maphdr *h = (maphdr *)p - 1, *nh;
  size_t len = map_len(n);
  if (len == 0)
    return NULL;
  list_unlink(&h->l);
  if (len <= h->len) {
    map_shrink(st, h, len);
    nh = h;
  } else if ((nh = map_grow(st, h, len)) == NULL) {
    list_push(&st->maps, &h->l);
    return NULL;
  }
  list_push(&st->maps, &nh->l);
  st->large = st->large - o + n;
  return nh + 1;
}

/* Each malloc'd block sits behind a link header, 16 bytes on 64-bit. */
static void *big_alloc(ma_state *st, size_t n) {
  link *h;
  void *p;
  if (is_mapped(n))
    return map_alloc(st, n);
  if (n >= CACHE_MIN && (p = cache_take(st, n)) != NULL)
    return p;
  if ((h = malloc(sizeof *h + n)) == NULL)
    return NULL;
  list_push(&st->big, h);
  st->nbig++;
  st->large += n;
  return h + 1;
}

static void big_free(ma_state *st, void *p, size_t n) {
  link *h = (link *)p - 1;
  if (is_mapped(n)) {
    map_free(st, p, n);
    return;
  }
  list_unlink(h);
  st->nbig--;
  st->large -= n;
  if (!st->ending)
    cache_put(st, h, n);
}

/*
** Between malloc'd sizes, growth into a cached or new block copies (the
** old block goes to the cache); otherwise realloc moves the header with
** the block, and its neighbours, which still point to the old address,
** are repointed.  A failed shrink keeps the old block, which free()
** releases whatever size Lua later names.  Crossing MAP_MIN moves the
** block and copies.
*/
static void *big_resize(ma_state *st, void *p, size_t o, size_t n) {
  link *h = (link *)p - 1, *nh;
  void *q;
  if (is_mapped(o) && is_mapped(n))
    return map_realloc(st, p, o, n);
  if (is_mapped(o) || is_mapped(n) || (n > o && n >= CACHE_MIN)) {
    if ((q = big_alloc(st, n)) == NULL)
      return NULL;
    memcpy(q, p, o < n ? o : n);
    big_free(st, p, o);
    return q;
  }
  nh = realloc(h, sizeof *nh + n);
  if (nh == NULL)
    return n <= o ? (st->large = st->large - o + n, p) : NULL;
  nh->prev->next = nh;
  nh->next->prev = nh;
  st->large = st->large - o + n;
  return nh + 1;
}

/* }==== */

/* {==== Interface */

static int over_limit(const ma_state *st, size_t grow) {
  return st->in_use > st->limit || grow > st->limit - st->in_use;
}

static NOINLINE void *fail(ma_state *st, ma_result why) {
  st->err = why;
  return NULL;
}

static void count(ma_state *st, size_t o, size_t n) {
  st->in_use = st->in_use - o + n;
  if (st->in_use > st->peak)
    st->peak = st->in_use;
}

/* Storage without accounting: moves inside block_resize use these too. */
static inline void *fresh(ma_state *st, size_t n) {
  return n <= SMALL_MAX ? small_alloc(st, n) : big_alloc(st, n);
}

static inline void release(ma_state *st, void *p, size_t n) {
  if (n <= SMALL_MAX)
    small_free(st, p);
  else
    big_free(st, p, n);
}

static NOINLINE void *block_new(ma_state *st, size_t n) {
  void *p;
  if (n == 0)
    return NULL;
  if (over_limit(st, n))
    return fail(st, MA_ELIMIT);
  p = fresh(st, n);
  if (p == NULL)
    return fail(st, MA_ENOMEM);
  count(st, 0, n);
  return p;
}

/* In place within a class, realloc between large sizes, else a copy. */
static void *block_move(ma_state *st, void *p, size_t o, size_t n) {
  void *q;
  if (o <= SMALL_MAX && n <= SMALL_MAX && class_of(o) == class_of(n)) {
    BLOCK_RESIZE(st, p, o, n, class_size(class_of(n)));
    return p;
  }
  if (o > SMALL_MAX && n > SMALL_MAX)
    return big_resize(st, p, o, n);
  q = fresh(st, n);
  if (q == NULL)
    return NULL;
  if (o <= SMALL_MAX && n <= SMALL_MAX)
    slot_copy(q, p, o < n ? o : n);
  else
    memcpy(q, p, o < n ? o : n);
  release(st, p, o);
  return q;
}

static NOINLINE void *block_resize(ma_state *st, void *p, size_t o,
                                   size_t n) {
  if (n > o && over_limit(st, n - o))
    return fail(st, MA_ELIMIT);
  p = block_move(st, p, o, n);
  if (p == NULL)
    return fail(st, MA_ENOMEM);
  count(st, o, n);
  return p;
}

/*
** A dispatcher.  Lua's commonest calls, a new small block whose class has
** a chunk at hand and the free of a small block, run here without a call;
** all else goes to block_new or block_resize.  With ptr NULL, osize is
** Lua's type tag and plays no part.
*/
void *ma_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  ma_state *st = ud;
  mclass *cl;
  chunk *ch;
  if (ptr == NULL) {
    if (nsize == 0 || nsize > SMALL_MAX || over_limit(st, nsize))
      return block_new(st, nsize);
    cl = &st->cls[class_of(nsize)];
    ch = (chunk *)cl->avail.next;
    if (&ch->l == &cl->avail)
      return block_new(st, nsize);
    count(st, 0, nsize);
    return slot_take(st, cl, ch, nsize);
  }
  if (nsize == 0) {
    st->in_use -= osize;
    release(st, ptr, osize);
    return NULL;
  }
  return block_resize(st, ptr, osize, nsize);
}

ma_state *ma_new(size_t limit) {
  ma_state *st = malloc(sizeof *st);
  unsigned c;
  if (st == NULL)
    return NULL;
  memset(st, 0, sizeof *st);
  ma_set_limit(st, limit);
  list_init(&st->big);
  list_init(&st->cache);
  list_init(&st->maps);
  list_init(&st->spares);
  list_init(&st->pool);
  for (c = 0; c < NCLASSES; c++) {
    list_init(&st->cls[c].avail);
    list_init(&st->cls[c].full);
    st->cls[c].size = class_size(c);
  }
  HOOK_NEW(st);
  return st;
}

/* Unmap every chunk of a list (chunks are unlinked by being unmapped). */
static void unmap_list(ma_state *st, link *head) {
  link *l = head->next, *next;
  for (; l != head; l = next) {
    next = l->next;
    unmap_chunk(st, (chunk *)l);
  }
  list_init(head);
}

/* Unmap every mapping of a list. */
static void unmap_blocks(link *head) {
  link *l = head->next, *next;
  for (; l != head; l = next) {
    next = l->next;
    munmap(l, ((maphdr *)l)->len);
  }
}

void ma_free_state(ma_state *st) {
  link *l, *next;
  unsigned c;
  if (st == NULL || st->ending)
    return; /* ending: the process exit returns it all at once */
  HOOK_END(st); /* live blocks die here; the checker must not see leaks */
  for (c = 0; c < NCLASSES; c++) {
    unmap_list(st, &st->cls[c].avail);
    unmap_list(st, &st->cls[c].full);
  }
  unmap_list(st, &st->pool);
  if (st->nfresh > 0)
    munmap(st->fresh, st->nfresh * CHUNK_SIZE);
  unmap_blocks(&st->maps);
  unmap_blocks(&st->spares);
  for (l = st->big.next; l != &st->big; l = next) {
    next = l->next;
    free(l);
  }
  for (l = st->cache.next; l != &st->cache; l = next) {
    next = l->next;
    free(l);
  }
  free(st);
}

/*
** Under the checkers the state keeps freeing: they must see every block
** released, and a leak report must mean a leak.
*/
void ma_ending(ma_state *st) {
#if !defined(MA_ASAN) && !defined(MA_VALGRIND)
  st->ending = 1;
#else
  (void)st;
#endif
}

void ma_set_remap(ma_state *st, int on) {
  st->noremap = !on;
}

void ma_set_limit(ma_state *st, size_t limit) {
  st->limit = limit == 0 ? SIZE_MAX : limit;
}

void ma_get_stats(const ma_state *st, ma_stats *out) {
  out->in_use = st->in_use;
  out->peak = st->peak;
  out->mapped = st->mapped;
  out->large = st->large;
  out->spare = st->sparebytes + st->cachebytes;
}

ma_result ma_last_error(ma_state *st) {
  ma_result r = st->err;
  st->err = MA_OK;
  return r;
}

const char *ma_strerror(ma_result code) {
  switch (code) {
  case MA_OK: return "no error";
  case MA_ELIMIT: return "memory limit reached";
  case MA_ENOMEM: return "not enough memory";
  case MA_ECORRUPT: return "allocator state corrupt";
  }
  return "unknown allocator error";
}

/* }==== */

/* {==== Consistency check */

/* Every failed invariant goes through here, so *line names the check. */
#define CORRUPT_BKPT(line) corrupt_at((line), __LINE__)
#define VERIFY(cond, line)                                                  \
  do {                                                                      \
    if (!(cond))                                                            \
      return CORRUPT_BKPT(line);                                            \
  } while (0)

static ma_result corrupt_at(int *line, int at) {
  if (line != NULL)
    *line = at;
  return MA_ECORRUPT;
}

/* Slots handed out so far: first up to bump, around the ring. */
static size_t ring_handed(const chunk *ch, size_t bump, size_t nfree) {
  size_t n = (bump + ch->cap - ch->first) % ch->cap;
  if (n == 0 && ch->live + nfree > 0)
    n = ch->cap; /* the pointer came all the way round */
  return n;
}

/* Free slots lie on the handed-out ring segment; live + free = handed. */
static ma_result check_chunk(const mclass *cl, const chunk *ch, int *line) {
  const char *start = (const char *)ch + HDR_SIZE;
  size_t bump, nfree = 0;
  void *p;
  VERIFY(ch->cap == (CHUNK_SIZE - HDR_SIZE) / cl->size && ch->cap > 0, line);
  VERIFY(ch->bump >= start && ch->bump < start + ch->cap * cl->size, line);
  VERIFY((size_t)(ch->bump - start) % cl->size == 0, line);
  VERIFY(ch->first < ch->cap, line);
  bump = (size_t)(ch->bump - start) / cl->size;
  for (p = ch->free; p != NULL; p = slot_next(p)) {
    VERIFY(chunk_of(p) == ch && (char *)p >= start, line);
    VERIFY((size_t)((char *)p - start) % cl->size == 0, line);
    VERIFY(++nfree <= ch->cap, line);
  }
  VERIFY(ch->live + nfree == ring_handed(ch, bump, nfree), line);
  for (p = ch->free; p != NULL; p = slot_next(p)) {
    size_t i = (size_t)((char *)p - start) / cl->size;
    VERIFY((i + ch->cap - ch->first) % ch->cap <
           ring_handed(ch, bump, nfree), line);
  }
  VERIFY(ch->live <= ch->cap, line);
  return MA_OK;
}

/* Walk one class list; *n counts chunks, *empty those with no live slot. */
static ma_result check_list(const ma_state *st, unsigned c, const link *head,
                            size_t *n, unsigned *empty, int *line) {
  const mclass *cl = &st->cls[c];
  const link *l;
  for (l = head->next; l != head; l = l->next) {
    const chunk *ch = (const chunk *)l;
    VERIFY(l->next->prev == l && ((uintptr_t)ch & ~CHUNK_MASK) == 0, line);
    VERIFY(ch->cls == c, line);
    if (check_chunk(cl, ch, line) != MA_OK)
      return MA_ECORRUPT;
    VERIFY((head == &cl->full) == (ch->live == ch->cap), line);
    VERIFY(ch->live > 0 || l->next == head, line); /* spare at the tail */
    *empty += ch->live == 0;
    (*n)++;
  }
  return MA_OK;
}

static ma_result count_links(const link *head, size_t *n, int *line) {
  const link *l;
  for (l = head->next; l != head; l = l->next) {
    VERIFY(l->next->prev == l, line);
    (*n)++;
  }
  return MA_OK;
}

ma_result ma_check(ma_state *st, int *line) {
  size_t nchunks = 0, npool = 0, nbig = 0, ncache = 0, nmaps = 0, nspare = 0;
  size_t sparebytes = 0;
  const link *l;
  unsigned c;
  for (c = 0; c < NCLASSES; c++) {
    const mclass *cl = &st->cls[c];
    unsigned empty = 0;
    VERIFY(cl->size == class_size(c) && cl->size % 16 == 0, line);
    if (check_list(st, c, &cl->avail, &nchunks, &empty, line) != MA_OK ||
        check_list(st, c, &cl->full, &nchunks, &empty, line) != MA_OK)
      return MA_ECORRUPT;
    VERIFY(empty <= 1, line);
  }
  if (count_links(&st->pool, &npool, line) != MA_OK ||
      count_links(&st->big, &nbig, line) != MA_OK ||
      count_links(&st->cache, &ncache, line) != MA_OK ||
      count_links(&st->maps, &nmaps, line) != MA_OK ||
      count_links(&st->spares, &nspare, line) != MA_OK)
    return MA_ECORRUPT;
  for (l = st->maps.next; l != &st->maps; l = l->next)
    VERIFY(((const maphdr *)l)->len % PAGE == 0 &&
           ((uintptr_t)l & (PAGE - 1)) == 0, line);
  for (l = st->spares.next; l != &st->spares; l = l->next) {
    VERIFY(((const maphdr *)l)->len % PAGE == 0 &&
           ((uintptr_t)l & (PAGE - 1)) == 0, line);
    sparebytes += ((const maphdr *)l)->len;
  }
  VERIFY(nspare == st->nspare && nspare <= SPARE_N, line);
  VERIFY(sparebytes == st->sparebytes && sparebytes <= SPARE_BYTES, line);
  VERIFY(ncache == st->ncache && ncache <= CACHE_N, line);
  VERIFY(st->cachebytes <= CACHE_BYTES, line);
  VERIFY(nchunks == st->nchunks && npool == st->npool, line);
  VERIFY(((uintptr_t)st->fresh & ~CHUNK_MASK) == 0, line);
  VERIFY(st->mapped == (nchunks + npool + st->nfresh) * CHUNK_SIZE, line);
  VERIFY(nbig == st->nbig && st->large <= st->in_use, line);
  VERIFY(st->peak >= st->in_use, line);
  return MA_OK;
}

/* }==== */
