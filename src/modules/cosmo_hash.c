/*
** cosmo_hash.c: the cosmo functions that digest or draw bytes: message
** digests and HMAC (engine/hash), CRC-32 (zlib's) and CRC-32C,
** HighwayHash, random numbers and UUIDs (engine/rng), bit counts.
** See LICENSE.
*/
#include <errno.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/random.h>
#include <time.h>
#include <unistd.h>

#include "lauxlib.h"
#include "lua.h"
#include "zlib.h"

#include "engine/crc32c.h"
#include "engine/hash.h"
#include "engine/hwyhash.h"
#include "engine/rng.h"
#include "modules/cosmo.h"

/* {==== digests */

static int digest(lua_State *L, const hash_algo *a) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  unsigned char d[HASH_MAXSIZE];
  lua_pushlstring(L, (const char *)d, hash_digest(a, s, n, d));
  return 1;
}

/* -- Md5(str) -> str (16 bytes), Sha1 (20), Sha224 (28), Sha256 (32),
**    Sha384 (48), Sha512 (64): binary digests */
static int l_md5(lua_State *L) { return digest(L, &hash_md5); }
static int l_sha1(lua_State *L) { return digest(L, &hash_sha1); }
static int l_sha224(lua_State *L) { return digest(L, &hash_sha224); }
static int l_sha256(lua_State *L) { return digest(L, &hash_sha256); }
static int l_sha384(lua_State *L) { return digest(L, &hash_sha384); }
static int l_sha512(lua_State *L) { return digest(L, &hash_sha512); }

/* -- GetCryptoHash(name:str, payload:str[, key:str]) -> str
**    name (any case): MD5 SHA1 SHA SHA224 SHA256 SHA384 SHA512
**    BLAKE2B256; a non-empty key gives the HMAC */
static int l_getcryptohash(lua_State *L) {
  size_t nlen, n, klen;
  const char *name = luaL_checklstring(L, 1, &nlen);
  const char *s = luaL_checklstring(L, 2, &n);
  const char *key = luaL_optlstring(L, 3, "", &klen);
  const hash_algo *a = hash_find(name, nlen);
  unsigned char d[HASH_MAXSIZE];
  if (!a) return luaL_argerror(L, 1, "unknown hash type");
  if (klen) hash_hmac(a, key, klen, s, n, d);
  else hash_digest(a, s, n, d);
  lua_pushlstring(L, (const char *)d, a->size);
  return 1;
}

/* -- Crc32(initial:int, data:str) -> int   (zlib's crc32; initial taken
**    modulo 2^32, 0 to start) */
static int l_crc32(lua_State *L) {
  uint32_t init = (uint32_t)luaL_checkinteger(L, 1);
  size_t n;
  const char *s = luaL_checklstring(L, 2, &n);
  lua_pushinteger(L, (lua_Integer)crc32_z(init, (const Bytef *)s, n));
  return 1;
}

/* -- Crc32c(initial:int, data:str) -> int   (Castagnoli, same chaining) */
static int l_crc32c(lua_State *L) {
  uint32_t init = (uint32_t)luaL_checkinteger(L, 1);
  size_t n;
  const char *s = luaL_checklstring(L, 2, &n);
  lua_pushinteger(L, (lua_Integer)crc32c_update(init, s, n));
  return 1;
}

/* -- HighwayHash64(data:str[, k0:int, k1:int, k2:int, k3:int]) -> int
**    the key's four 64-bit words, 0 when absent */
static int l_highwayhash64(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  uint64_t key[4];
  int i;
  for (i = 0; i < 4; i++) key[i] = (uint64_t)luaL_optinteger(L, i + 2, 0);
  lua_pushinteger(L, (lua_Integer)hwy_hash64(s, n, key));
  return 1;
}

/* -- MeasureEntropy(data:str) -> float   (bits per byte, 0..8) */
static int l_measureentropy(lua_State *L) {
  size_t n;
  const char *s = luaL_checklstring(L, 1, &n);
  lua_pushnumber(L, rng_entropy(s, n));
  return 1;
}
/* }==== */

/* {==== random numbers */

/* Fills p[0..n) from getrandom(2); 0, or an errno value. */
static int fill_random(void *p, size_t n) {
  unsigned char *q = p;
  while (n > 0) {
    ssize_t k = getrandom(q, n, 0);
    if (k < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    q += k;
    n -= (size_t)k;
  }
  return 0;
}

static int random_fail(lua_State *L, int err) {
  luaL_pushfail(L);
  lua_pushfstring(L, "getrandom: %s", strerror(err));
  return 2;
}

/* -- GetRandomBytes([length:int]) -> str | nil, message
**    length 1..256, 16 when absent */
static int l_getrandombytes(lua_State *L) {
  lua_Integer n = luaL_optinteger(L, 1, 16);
  unsigned char buf[256];
  int err;
  luaL_argcheck(L, n >= 1 && n <= 256, 1, "not in range 1..256");
  if ((err = fill_random(buf, (size_t)n))) return random_fail(L, err);
  lua_pushlstring(L, (const char *)buf, (size_t)n);
  return 1;
}

/* What Lemur64, Rand64 and UuidV7 keep between calls (one per state, an
** upvalue): Lemur64's fixed sequence, Rand64's pool and the process it
** was seeded in, the last v7 UUID's time. */
typedef struct rngstate {
  unsigned __int128 lemur, pool;
  pid_t pid; /* 0: pool not seeded yet */
  rng_v7 v7;
} rngstate;

/* -- Lemur64() -> int   (the same sequence in every run) */
static int l_lemur64(lua_State *L) {
  rngstate *st = lua_touserdata(L, lua_upvalueindex(1));
  lua_pushinteger(L, (lua_Integer)rng_lemur64(&st->lemur));
  return 1;
}

/* Seeds the pool from getrandom, else from the kernel's AT_RANDOM bytes
** and the clock; odd, so that the Lehmer steps never collapse to 0. */
static void seed_pool(rngstate *st) {
  struct timespec ts;
  const void *at = (const void *)getauxval(AT_RANDOM);
  if (fill_random(&st->pool, sizeof st->pool)) {
    if (at) memcpy(&st->pool, at, sizeof st->pool);
    clock_gettime(CLOCK_REALTIME, &ts);
    st->pool ^= (unsigned __int128)ts.tv_sec << 64 | (uint64_t)ts.tv_nsec;
  }
  st->pid = getpid();
  st->pool ^= (unsigned __int128)(uint64_t)st->pid;
  st->pool |= 1;
}

/* -- Rand64() -> int   (seeded from getrandom; seeded again in a child
**    after fork, so parent and child differ) */
static int l_rand64(lua_State *L) {
  rngstate *st = lua_touserdata(L, lua_upvalueindex(1));
  if (st->pid != getpid()) seed_pool(st);
  lua_pushinteger(L, (lua_Integer)rng_lemur64(&st->pool));
  return 1;
}

static void push_uuid(lua_State *L, const unsigned char b[16]) {
  char text[36];
  rng_uuid_text(text, b);
  lua_pushlstring(L, text, sizeof text);
}

/* -- UuidV4() -> str | nil, message   (122 bits from getrandom) */
static int l_uuidv4(lua_State *L) {
  unsigned char b[16];
  int err;
  if ((err = fill_random(b, sizeof b))) return random_fail(L, err);
  rng_uuid_v4(b);
  push_uuid(L, b);
  return 1;
}

/* -- UuidV7() -> str | nil, message   (Unix time in ms, its fraction in
**    1/4096 ms, 62 bits from getrandom; strictly increasing per state) */
static int l_uuidv7(lua_State *L) {
  rngstate *st = lua_touserdata(L, lua_upvalueindex(1));
  unsigned char b[16], rnd[8];
  struct timespec ts;
  uint64_t ms;
  unsigned frac;
  int err;
  if ((err = fill_random(rnd, sizeof rnd))) return random_fail(L, err);
  clock_gettime(CLOCK_REALTIME, &ts);
  ms = (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
  frac = (unsigned)((uint64_t)(ts.tv_nsec % 1000000) * 4096 / 1000000);
  rng_uuid_v7(b, &st->v7, ms, frac, rnd);
  push_uuid(L, b);
  return 1;
}
/* }==== */

/* {==== bits */

/* -- Popcnt(x:int) -> int   (of x's 64 bits: Popcnt(-1) is 64) */
static int l_popcnt(lua_State *L) {
  lua_Unsigned x = (lua_Unsigned)luaL_checkinteger(L, 1);
  lua_pushinteger(L, __builtin_popcountll(x));
  return 1;
}

/* -- Bsf(x:int) -> int   (index of the lowest set bit; raises on 0) */
static int l_bsf(lua_State *L) {
  lua_Unsigned x = (lua_Unsigned)luaL_checkinteger(L, 1);
  luaL_argcheck(L, x != 0, 1, "zero");
  lua_pushinteger(L, __builtin_ctzll(x));
  return 1;
}

/* -- Bsr(x:int) -> int   (index of the highest set bit: 63 for a
**    negative x; raises on 0) */
static int l_bsr(lua_State *L) {
  lua_Unsigned x = (lua_Unsigned)luaL_checkinteger(L, 1);
  luaL_argcheck(L, x != 0, 1, "zero");
  lua_pushinteger(L, 63 - __builtin_clzll(x));
  return 1;
}
/* }==== */

static const luaL_Reg funcs[] = {{"Md5", l_md5},
                                 {"Sha1", l_sha1},
                                 {"Sha224", l_sha224},
                                 {"Sha256", l_sha256},
                                 {"Sha384", l_sha384},
                                 {"Sha512", l_sha512},
                                 {"GetCryptoHash", l_getcryptohash},
                                 {"Crc32", l_crc32},
                                 {"Crc32c", l_crc32c},
                                 {"HighwayHash64", l_highwayhash64},
                                 {"MeasureEntropy", l_measureentropy},
                                 {"GetRandomBytes", l_getrandombytes},
                                 {"UuidV4", l_uuidv4},
                                 {"Popcnt", l_popcnt},
                                 {"Bsf", l_bsf},
                                 {"Bsr", l_bsr},
                                 {NULL, NULL}};

/* the functions sharing one rngstate */
static const luaL_Reg stateful[] = {{"Lemur64", l_lemur64},
                                    {"Rand64", l_rand64},
                                    {"UuidV7", l_uuidv7},
                                    {NULL, NULL}};

void cosmo_open_hash(lua_State *L) {
  rngstate *st;
  luaL_setfuncs(L, funcs, 0);
  st = lua_newuserdatauv(L, sizeof *st, 0);
  memset(st, 0, sizeof *st);
  st->lemur = RNG_LEMUR64_SEED;
  luaL_setfuncs(L, stateful, 1);
}
