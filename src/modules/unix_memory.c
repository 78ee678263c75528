/*
** unix_memory.c: unix.mapshared and unix.Memory, memory shared with the
** processes fork() makes: bytes read and written under a lock, and 64-bit
** words with atomics and futexes. See LICENSE.
*/
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "lauxlib.h"
#include "lua.h"

#include "modules/unix.h"

#define MEMORY_MT "unix.Memory"

/* Linux's futex operations (musl ships no kernel headers) */
#define FUTEX_WAKE_ 1
#define FUTEX_WAIT_BITSET_ 9
#define FUTEX_CLOCK_REALTIME_ 256
#define FUTEX_BITSET_ANY_ 0xffffffffu

/* The mapping holds the lock of read/write first (HEAD bytes), then the
** user's 'size' bytes, word aligned. */
#define HEAD 64
#define SIZE_MAX_MAP ((lua_Integer)1 << 44)

typedef struct Memory {
  char *map; /* NULL once unmapped */
  size_t size, mapsize;
} Memory;

static pthread_mutex_t *mem_lock(Memory *m) {
  return (pthread_mutex_t *)m->map;
}

static char *mem_bytes(Memory *m) {
  return m->map + HEAD;
}

static Memory *check_mem(lua_State *L) {
  Memory *m = luaL_checkudata(L, 1, MEMORY_MT);
  if (!m->map) luaL_error(L, "attempt to use a closed unix.Memory");
  return m;
}

/* -- unix.Memory:read([offset[, bytes]]) -> str: 'bytes' bytes at offset,
**    or without 'bytes' the string up to the first zero byte or the end */
static int m_read(lua_State *L) {
  Memory *m = check_mem(L);
  lua_Integer off = luaL_optinteger(L, 2, 0), n;
  luaL_argcheck(L, off >= 0 && (size_t)off <= m->size, 2, "out of range");
  if (lua_isnoneornil(L, 3)) {
    n = (lua_Integer)strnlen(mem_bytes(m) + off, m->size - off);
  } else {
    n = luaL_checkinteger(L, 3);
    luaL_argcheck(L, n >= 0 && (size_t)n <= m->size - off, 3, "out of range");
  }
  /* the copy is made before the push (which can raise) and under the lock */
  luaL_Buffer b;
  char *p = luaL_buffinitsize(L, &b, (size_t)n);
  pthread_mutex_lock(mem_lock(m));
  memcpy(p, mem_bytes(m) + off, (size_t)n);
  pthread_mutex_unlock(mem_lock(m));
  luaL_pushresultsize(&b, (size_t)n);
  return 1;
}

/* -- unix.Memory:write([offset,] data[, bytes]): copies data (its first
**    'bytes' bytes) to offset; without 'bytes' a zero byte follows when
**    there is room, so that read(offset) gives data back */
static int m_write(lua_State *L) {
  Memory *m = check_mem(L);
  int arg = lua_type(L, 2) == LUA_TNUMBER ? 3 : 2;
  lua_Integer off = arg == 3 ? luaL_checkinteger(L, 2) : 0;
  size_t len, n;
  const char *s = luaL_checklstring(L, arg, &len);
  luaL_argcheck(L, off >= 0 && (size_t)off <= m->size, 2, "out of range");
  if (lua_isnoneornil(L, arg + 1)) {
    n = len + (len < m->size - off); /* Lua strings end with a zero byte */
  } else {
    lua_Integer b = luaL_checkinteger(L, arg + 1);
    luaL_argcheck(L, b >= 0 && (size_t)b <= len, arg + 1,
                  "bytes is more than what's in data");
    n = (size_t)b;
  }
  luaL_argcheck(L, n <= m->size - off, arg, "out of range");
  pthread_mutex_lock(mem_lock(m));
  memcpy(mem_bytes(m) + off, s, n);
  pthread_mutex_unlock(mem_lock(m));
  return 0;
}

/* The word at the index in argument 2; raises when outside the memory. */
static int64_t *check_word(lua_State *L) {
  Memory *m = check_mem(L);
  lua_Integer i = luaL_checkinteger(L, 2);
  luaL_argcheck(L, i >= 0 && (size_t)i < m->size / 8, 2, "out of range");
  return (int64_t *)mem_bytes(m) + i;
}

/* -- unix.Memory:load(word_index) -> int */
static int m_load(lua_State *L) {
  lua_pushinteger(L, __atomic_load_n(check_word(L), __ATOMIC_RELAXED));
  return 1;
}

/* -- unix.Memory:store(word_index, value) */
static int m_store(lua_State *L) {
  int64_t *w = check_word(L);
  __atomic_store_n(w, luaL_checkinteger(L, 3), __ATOMIC_RELAXED);
  return 0;
}

/* -- unix.Memory:xchg(word_index, value) -> old */
static int m_xchg(lua_State *L) {
  int64_t *w = check_word(L);
  lua_pushinteger(L, __atomic_exchange_n(w, luaL_checkinteger(L, 3),
                                         __ATOMIC_SEQ_CST));
  return 1;
}

/* -- unix.Memory:cmpxchg(word_index, old, new) -> success:bool, old */
static int m_cmpxchg(lua_State *L) {
  int64_t *w = check_word(L);
  int64_t old = luaL_checkinteger(L, 3), new = luaL_checkinteger(L, 4);
  int ok = __atomic_compare_exchange_n(w, &old, new, 0, __ATOMIC_SEQ_CST,
                                       __ATOMIC_SEQ_CST);
  lua_pushboolean(L, ok);
  lua_pushinteger(L, old);
  return 2;
}

/* The four fetch-and-op methods differ only in the builtin. */
#define FETCH(fname, builtin)                                        \
  static int fname(lua_State *L) {                                   \
    int64_t *w = check_word(L);                                      \
    int64_t v = luaL_checkinteger(L, 3);                             \
    lua_pushinteger(L, builtin(w, v, __ATOMIC_SEQ_CST));             \
    return 1;                                                        \
  }
/* -- unix.Memory:fetch_add(word_index, value) -> old (wraps around) */
FETCH(m_fetch_add, __atomic_fetch_add)
/* -- unix.Memory:fetch_and(word_index, value) -> old */
FETCH(m_fetch_and, __atomic_fetch_and)
/* -- unix.Memory:fetch_or(word_index, value) -> old */
FETCH(m_fetch_or, __atomic_fetch_or)
/* -- unix.Memory:fetch_xor(word_index, value) -> old */
FETCH(m_fetch_xor, __atomic_fetch_xor)
#undef FETCH

/* -- unix.Memory:wait(word_index, expect[, abs_deadline[, nanos]])
**    -> 0 | nil, unix.Errno (EAGAIN: the word was not 'expect'; ETIMEDOUT;
**    EINTR). The futex is the word's low 32 bits, so 'expect' is an int32;
**    the deadline is on CLOCK_REALTIME; without one it waits for a wake. */
static int m_wait(lua_State *L) {
  int64_t *w = check_word(L);
  lua_Integer expect = luaL_checkinteger(L, 3);
  struct timespec ts, *deadline = NULL;
  long rc;
  luaL_argcheck(L, expect >= INT32_MIN && expect <= INT32_MAX, 3,
                "must be an int32");
  if (!lua_isnoneornil(L, 4)) {
    ts.tv_sec = luaL_checkinteger(L, 4);
    ts.tv_nsec = luaL_optinteger(L, 5, 0);
    deadline = &ts;
  }
  rc = syscall(SYS_futex, (uint32_t *)w, FUTEX_WAIT_BITSET_ |
               FUTEX_CLOCK_REALTIME_, (uint32_t)expect, deadline, NULL,
               FUTEX_BITSET_ANY_);
  return unix_int(L, rc, "futex_wait");
}

/* -- unix.Memory:wake(word_index[, count]) -> woken (count INT_MAX) */
static int m_wake(lua_State *L) {
  int64_t *w = check_word(L);
  int count = unix_optint(L, 3, INT_MAX);
  long rc = syscall(SYS_futex, (uint32_t *)w, FUTEX_WAKE_, count, NULL, NULL, 0);
  lua_pushinteger(L, rc < 0 ? 0 : rc);
  return 1;
}

/* -- tostring(unix.Memory) -> "unix.Memory(size)" */
static int m_tostring(lua_State *L) {
  Memory *m = luaL_checkudata(L, 1, MEMORY_MT);
  lua_pushfstring(L, "unix.Memory(%I)", (lua_Integer)m->size);
  return 1;
}

/* __gc and __close: unmaps (the other processes keep their mapping) */
static int m_gc(lua_State *L) {
  Memory *m = luaL_checkudata(L, 1, MEMORY_MT);
  if (m->map) munmap(m->map, m->mapsize);
  m->map = NULL;
  return 0;
}

static void init_lock(pthread_mutex_t *lock) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_setpshared(&attr, PTHREAD_PROCESS_SHARED);
  pthread_mutex_init(lock, &attr);
  pthread_mutexattr_destroy(&attr);
}

/* -- unix.mapshared(size) -> unix.Memory: 'size' zero bytes (a multiple of
**    8) shared with the children fork() makes later. Raises on a bad size
**    or when the memory is not available (as the manual says). */
static int l_mapshared(lua_State *L) {
  lua_Integer size = luaL_checkinteger(L, 1);
  long page = sysconf(_SC_PAGESIZE);
  Memory *m;
  luaL_argcheck(L, size > 0, 1, "can't map empty region");
  luaL_argcheck(L, size % 8 == 0, 1, "size must be a multiple of 8");
  luaL_argcheck(L, size <= SIZE_MAX_MAP, 1, "map size too big");
  m = lua_newuserdatauv(L, sizeof *m, 0);
  m->map = NULL;
  luaL_setmetatable(L, MEMORY_MT);
  m->size = (size_t)size;
  m->mapsize = ((size_t)size + HEAD + page - 1) / page * page;
  m->map = mmap(NULL, m->mapsize, PROT_READ | PROT_WRITE,
                MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (m->map == MAP_FAILED) {
    m->map = NULL;
    return luaL_error(L, "unix.mapshared: out of memory");
  }
  init_lock(mem_lock(m));
  return 1;
}

void unix_open_memory(lua_State *L) {
  static const luaL_Reg meths[] = {
      {"read", m_read},           {"write", m_write},
      {"load", m_load},           {"store", m_store},
      {"xchg", m_xchg},           {"cmpxchg", m_cmpxchg},
      {"fetch_add", m_fetch_add}, {"fetch_and", m_fetch_and},
      {"fetch_or", m_fetch_or},   {"fetch_xor", m_fetch_xor},
      {"wait", m_wait},           {"wake", m_wake},
      {NULL, NULL}};
  static const luaL_Reg metas[] = {{"__tostring", m_tostring},
                                   {"__gc", m_gc},
                                   {"__close", m_gc},
                                   {NULL, NULL}};
  unix_newclass(L, MEMORY_MT, metas, meths);
  lua_pushcfunction(L, l_mapshared);
  lua_setfield(L, -2, "mapshared");
}
