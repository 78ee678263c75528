/*
** argon2.c: the built-in `argon2` module, lua-argon2 3.x's API over the
** unmodified Argon2 reference library (build/deps/argon2).
** See LICENSE.
*/
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/sysinfo.h>

#include "lua.h"
#include "lauxlib.h"

#include "argon2.h"
#include "core.h"     /* clear_internal_memory: the library's own wipe */
#include "encoding.h" /* encode_string, decode_string: not in argon2.h */

/*
** Behaviour follows the Cosmopolitan build of lua-argon2 3.0.1, which is what
** scripts written for the binary moonbox replaces expect: argon2id by
** default, no trailing NUL in encoded strings. Misuse (wrong types, too many
** arguments) raises; anything the library refuses comes back as nil plus
** the library's message; a password mismatch is a plain false.
*/
#define DEFAULT_T_COST 3
#define DEFAULT_M_COST 4096
#define DEFAULT_LANES 1
#define DEFAULT_HASH_LEN 32

/* A numeric option past 2^32 - 1 is kept as this value so that hashing can
** refuse it with the library's "too large" message instead of wrapping. */
#define TOO_LARGE (UINT64_C(1) << 32)

/* The module's defaults: a userdata shared as upvalue 1 by every function,
** so two Lua states never see each other's settings. */
typedef struct Config {
  uint64_t t_cost, m_cost, lanes, hash_len; /* each in [0, TOO_LARGE] */
  argon2_type variant;
} Config;

/* {==== memory for the Argon2 matrix */

/* The most memory one hash may take: the machine's RAM, or less when a
** cgroup v2 limit says so. Past it the pages could be promised by the
** kernel's overcommit yet never delivered, and filling them would draw the
** OOM killer; refusing up front turns that into an ordinary error. */
static uint64_t cgroup_limit(void) {
  char line[64];
  uint64_t v = UINT64_MAX;
  FILE *f = fopen("/sys/fs/cgroup/memory.max", "re");
  if (f == NULL) return v;
  if (fgets(line, sizeof line, f) && line[0] >= '0' && line[0] <= '9')
    v = strtoull(line, NULL, 10);
  fclose(f);
  return v;
}

static uint64_t memory_limit(void) {
  struct sysinfo si;
  uint64_t ram = UINT64_MAX, cg = cgroup_limit();
  if (sysinfo(&si) == 0 && si.totalram > 0)
    ram = (uint64_t)si.totalram * (si.mem_unit ? si.mem_unit : 1);
  return ram < cg ? ram : cg;
}

/* The matrix comes from the Lua state's allocator, so MOONBOX_MEMLIMIT
** counts it like any other memory of the script (it is 1 KiB times m_cost:
** 1 GiB for m_cost 2^20, which an encoded string given to verify can ask
** for). The library's callbacks take no user pointer, so the run in
** progress on this thread is found here: set by run_argon2 around each
** library call, NULL otherwise. */
typedef struct Matrix {
  lua_Alloc alloc;
  void *ud;
  int refused; /* 1: the allocator said no (the limit, or the system) */
} Matrix;

static _Thread_local Matrix *current;

/* The library ignores the callback's result and looks only at *memory.
** Argon2 walks the matrix at random, so its pages are offered huge pages
** (a hint: failure changes nothing, and fewer TLB misses show in the
** timings). */
static int matrix_alloc(uint8_t **memory, size_t bytes) {
  Matrix *m = current;
  uintptr_t lo, hi;
  uint8_t *p;
  *memory = NULL;
  if (m == NULL || bytes == 0 || (uint64_t)bytes > memory_limit())
    return ARGON2_MEMORY_ALLOCATION_ERROR;
  p = m->alloc(m->ud, NULL, 0, bytes);
  if (p == NULL) {
    m->refused = 1;
    return ARGON2_MEMORY_ALLOCATION_ERROR;
  }
#ifdef MADV_HUGEPAGE
  lo = ((uintptr_t)p + 4095) & ~(uintptr_t)4095;
  hi = ((uintptr_t)p + bytes) & ~(uintptr_t)4095;
  if (hi > lo) madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
#else
  (void)lo, (void)hi;
#endif
  *memory = p;
  return ARGON2_OK;
}

static void matrix_free(uint8_t *memory, size_t bytes) {
  if (memory != NULL && current != NULL)
    current->alloc(current->ud, memory, bytes, 0);
}

/* The next library call takes its matrix from L's allocator. */
static void matrix_begin(lua_State *L, Matrix *m) {
  m->alloc = lua_getallocf(L, &m->ud);
  m->refused = 0;
  current = m;
}

/* Whether rc failed only because the allocator refused the matrix. */
static int refused(const Matrix *m, int rc) {
  return rc == ARGON2_MEMORY_ALLOCATION_ERROR && m->refused;
}

/* Before the one retry after a refusal: garbage may hold the memory. */
static void matrix_collect(lua_State *L, Matrix *m) {
  current = NULL; /* a finalizer may hash too */
  lua_gc(L, LUA_GCCOLLECT);
  matrix_begin(L, m);
}

/* }==== */

/* {==== options */

/* Clamp a Lua number into [0, TOO_LARGE]: negative and NaN become 0, which
** the library rejects as too small; fractions truncate, as lua-argon2's
** assignment to uint32_t does. */
static uint64_t clamp_option(lua_Number n) {
  if (!(n >= 0)) return 0;
  if (n >= 4294967296.0) return TOO_LARGE;
  return (uint64_t)n;
}

/* Read the numeric option at stack index idx into *dst unless it is nil;
** anything that is not a number (or numeric string) is argument arg's
** error, worded as lua-argon2 words it. */
static void number_option(lua_State *L, int idx, int arg, uint64_t *dst,
                          const char *key) {
  if (lua_isnil(L, idx)) return;
  if (!lua_isnumber(L, idx)) {
    const char *msg = lua_pushfstring(L, "expected %s to be a number, got %s",
                                      key, luaL_typename(L, idx));
    luaL_argerror(L, arg, msg);
  }
  *dst = clamp_option(lua_tonumber(L, idx));
}

/* The variants are light userdata holding the argon2_type value; any other
** light userdata would make the library index its name table out of
** bounds, so it is refused here. */
static argon2_type variant_of(lua_State *L, int idx, int arg) {
  uintptr_t v = (uintptr_t)lua_touserdata(L, idx);
  if (v != Argon2_d && v != Argon2_i && v != Argon2_id)
    luaL_argerror(L, arg, "unknown variant");
  return (argon2_type)v;
}

static Config *config(lua_State *L) {
  return (Config *)lua_touserdata(L, lua_upvalueindex(1));
}

/* At most nargs arguments, then exactly nargs slots (missing ones nil). */
static Config *check_nargs(lua_State *L, int nargs) {
  if (lua_gettop(L) > nargs)
    luaL_error(L, "expecting no more than %d arguments, but got %d", nargs,
               lua_gettop(L));
  lua_settop(L, nargs);
  return config(L);
}

/* The setters share one shape: optional new value, current value back. */
static int set_number(lua_State *L, size_t field, const char *key) {
  Config *c = check_nargs(L, 1);
  uint64_t *dst = (uint64_t *)((char *)c + field);
  number_option(L, 1, 1, dst, key);
  lua_pushinteger(L, (lua_Integer)*dst);
  return 1;
}

/* -- argon2.t_cost([n]) -> integer (raises on a non-number) */
static int a2_t_cost(lua_State *L) {
  return set_number(L, offsetof(Config, t_cost), "t_cost");
}

/* -- argon2.m_cost([kib]) -> integer (raises on a non-number) */
static int a2_m_cost(lua_State *L) {
  return set_number(L, offsetof(Config, m_cost), "m_cost");
}

/* -- argon2.parallelism([n]) -> integer (raises on a non-number) */
static int a2_parallelism(lua_State *L) {
  return set_number(L, offsetof(Config, lanes), "parallelism");
}

/* -- argon2.hash_len([n]) -> integer (raises on a non-number) */
static int a2_hash_len(lua_State *L) {
  return set_number(L, offsetof(Config, hash_len), "hash_len");
}

/* -- argon2.variant(v) -> v (raises unless v is one of argon2.variants) */
static int a2_variant(lua_State *L) {
  Config *c = check_nargs(L, 1);
  luaL_checktype(L, 1, LUA_TLIGHTUSERDATA);
  c->variant = variant_of(L, 1, 1);
  return 1;
}

/* Overlay the option table at index 3 (if any) on the module defaults. */
static void read_options(lua_State *L, Config *o) {
  static const struct { const char *key; size_t off; } nums[] = {
    {"t_cost", offsetof(Config, t_cost)},
    {"m_cost", offsetof(Config, m_cost)},
    {"parallelism", offsetof(Config, lanes)},
    {"hash_len", offsetof(Config, hash_len)},
  };
  size_t i;
  if (lua_isnil(L, 3)) return;
  if (!lua_istable(L, 3)) luaL_argerror(L, 3, "expected to be a table");
  for (i = 0; i < sizeof nums / sizeof nums[0]; i++) {
    lua_getfield(L, 3, nums[i].key);
    number_option(L, -1, 3, (uint64_t *)((char *)o + nums[i].off),
                  nums[i].key);
    lua_pop(L, 1);
  }
  lua_getfield(L, 3, "variant");
  if (!lua_isnil(L, -1)) {
    if (!lua_islightuserdata(L, -1)) {
      const char *msg = lua_pushfstring(L,
          "expected variant to be a number, got %s", luaL_typename(L, -1));
      luaL_argerror(L, 3, msg);
    }
    o->variant = variant_of(L, -1, 3);
  }
  lua_pop(L, 1);
}

/* }==== */

/* {==== hashing and verifying */

/* What argon2_hash checks before it builds a context, in its order, then
** the options too large for uint32_t in the order validate_inputs would
** meet them. ARGON2_OK when the library may be called. */
static int precheck(const Config *o, size_t pwdlen, size_t saltlen) {
  if (pwdlen > ARGON2_MAX_PWD_LENGTH) return ARGON2_PWD_TOO_LONG;
  if (saltlen > ARGON2_MAX_SALT_LENGTH) return ARGON2_SALT_TOO_LONG;
  if (o->hash_len > ARGON2_MAX_OUTLEN) return ARGON2_OUTPUT_TOO_LONG;
  if (o->hash_len < ARGON2_MIN_OUTLEN) return ARGON2_OUTPUT_TOO_SHORT;
  if (saltlen < ARGON2_MIN_SALT_LENGTH) return ARGON2_SALT_TOO_SHORT;
  if (o->m_cost == TOO_LARGE) return ARGON2_MEMORY_TOO_MUCH;
  if (o->t_cost == TOO_LARGE) return ARGON2_TIME_TOO_LARGE;
  if (o->lanes == TOO_LARGE) return ARGON2_LANES_TOO_MANY;
  return ARGON2_OK;
}

/* A context for one run with our matrix allocator; out/pwd/salt set by the
** caller. Threads equal lanes, as in argon2_hash. */
static void init_context(argon2_context *ctx, const Config *o) {
  memset(ctx, 0, sizeof *ctx);
  ctx->t_cost = (uint32_t)o->t_cost;
  ctx->m_cost = (uint32_t)o->m_cost;
  ctx->lanes = ctx->threads = (uint32_t)o->lanes;
  ctx->version = ARGON2_VERSION_NUMBER;
  ctx->flags = ARGON2_DEFAULT_FLAGS;
  ctx->allocate_cbk = matrix_alloc;
  ctx->free_cbk = matrix_free;
}

static int fail(lua_State *L, int code) {
  lua_pushnil(L);
  lua_pushstring(L, argon2_error_message(code));
  return 2;
}

/* The matrix did not fit in what the state may allocate (MOONBOX_MEMLIMIT,
** or the system said no, even after a full collection): raised as every
** other allocation of the script raises, with Lua's own message. (A
** matrix larger than the machine's memory is the library's refusal
** instead: nil, "Memory allocation error".) */
static int no_memory(lua_State *L) {
  lua_pushliteral(L, "not enough memory");
  return lua_error(L);
}

/* Hash into the Lua-owned buffers: nothing here can raise, and nothing
** malloc'd outlives the call. Returns an ARGON2_ code. */
static int hash_into(const Config *o, const char *pwd, size_t pwdlen,
                     const char *salt, size_t saltlen, uint8_t *out,
                     char *encoded, size_t encodedlen) {
  argon2_context ctx;
  int rc;
  init_context(&ctx, o);
  ctx.out = out;
  ctx.outlen = (uint32_t)o->hash_len;
  ctx.pwd = (uint8_t *)(uintptr_t)pwd;
  ctx.pwdlen = (uint32_t)pwdlen;
  ctx.salt = (uint8_t *)(uintptr_t)salt;
  ctx.saltlen = (uint32_t)saltlen;
  rc = argon2_ctx(&ctx, o->variant);
  if (rc == ARGON2_OK &&
      encode_string(encoded, encodedlen, &ctx, o->variant) != ARGON2_OK)
    rc = ARGON2_ENCODING_FAIL;
  clear_internal_memory(out, ctx.outlen);
  return rc;
}

/* -- argon2.hash_encoded(plain, salt [, options]) -> string | nil, message
** Raises on wrong argument types and "not enough memory" when the matrix
** does not fit under MOONBOX_MEMLIMIT; the library's refusals come back
** as nil plus its message. */
static int a2_hash_encoded(lua_State *L) {
  size_t pwdlen, saltlen, enclen;
  const char *pwd = luaL_checklstring(L, 1, &pwdlen);
  const char *salt = luaL_checklstring(L, 2, &saltlen);
  Config o = *check_nargs(L, 3);
  uint8_t *out;
  char *enc;
  luaL_Buffer b;
  Matrix m;
  int rc;
  read_options(L, &o);
  rc = precheck(&o, pwdlen, saltlen);
  if (rc != ARGON2_OK) return fail(L, rc);
  enclen = argon2_encodedlen((uint32_t)o.t_cost, (uint32_t)o.m_cost,
                             (uint32_t)o.lanes, (uint32_t)saltlen,
                             (uint32_t)o.hash_len, o.variant);
  out = (uint8_t *)lua_newuserdatauv(L, (size_t)o.hash_len, 0);
  enc = luaL_buffinitsize(L, &b, enclen);
  matrix_begin(L, &m);
  rc = hash_into(&o, pwd, pwdlen, salt, saltlen, out, enc, enclen);
  if (refused(&m, rc)) {
    matrix_collect(L, &m);
    rc = hash_into(&o, pwd, pwdlen, salt, saltlen, out, enc, enclen);
  }
  current = NULL;
  luaL_pushresultsize(&b, rc == ARGON2_OK ? strlen(enc) : 0);
  if (refused(&m, rc)) return no_memory(L);
  return rc == ARGON2_OK ? 1 : fail(L, rc);
}

/* lua-argon2 picks the variant by substring, so does moonbox: a string
** naming another variant than its prefix then fails to decode. */
static argon2_type guess_variant(const char *encoded) {
  if (strstr(encoded, "argon2d")) return Argon2_d;
  if (strstr(encoded, "argon2id")) return Argon2_id;
  return Argon2_i;
}

/* argon2_verify's steps, with our allocator put in after decoding (decode
** resets it). buf holds 2 * len bytes: salt, then the hash to compare. */
static int verify_into(const char *encoded, size_t len, const char *pwd,
                       size_t pwdlen, uint8_t *buf, uint8_t *out) {
  argon2_type type = guess_variant(encoded);
  argon2_context ctx;
  int rc;
  memset(&ctx, 0, sizeof ctx);
  ctx.salt = buf;
  ctx.saltlen = (uint32_t)len;
  ctx.out = buf + len;
  ctx.outlen = (uint32_t)len;
  ctx.pwd = (uint8_t *)(uintptr_t)pwd;
  ctx.pwdlen = (uint32_t)pwdlen;
  rc = decode_string(&ctx, encoded, type);
  if (rc != ARGON2_OK) return rc;
  ctx.out = out; /* the decoded hash stays at buf + len for the compare */
  ctx.allocate_cbk = matrix_alloc;
  ctx.free_cbk = matrix_free;
  rc = argon2_verify_ctx(&ctx, (const char *)buf + len, type);
  clear_internal_memory(out, ctx.outlen);
  return rc;
}

/* -- argon2.verify(encoded, plain) -> true | false, message | nil, message
** Exactly two arguments or it raises; false (with the library's message,
** as issue 5 asks; lua-argon2 returns false alone, and a script testing the
** first result cannot tell) means the password does not match; nil plus the
** library's message means the string was refused; a matrix that does not
** fit under MOONBOX_MEMLIMIT raises "not enough memory". */
static int a2_verify(lua_State *L) {
  size_t pwdlen, len;
  const char *encoded, *pwd;
  uint8_t *buf;
  Matrix m;
  int rc;
  if (lua_gettop(L) != 2)
    return luaL_error(L, "expecting 2 arguments, but got %d", lua_gettop(L));
  encoded = luaL_checkstring(L, 1);
  pwd = luaL_checklstring(L, 2, &pwdlen);
  len = strlen(encoded); /* a C string to the library, as in lua-argon2 */
  if (pwdlen > ARGON2_MAX_PWD_LENGTH) return fail(L, ARGON2_PWD_TOO_LONG);
  if (len > UINT32_MAX) return fail(L, ARGON2_DECODING_FAIL);
  buf = (uint8_t *)lua_newuserdatauv(L, 3 * len + 1, 0);
  matrix_begin(L, &m);
  rc = verify_into(encoded, len, pwd, pwdlen, buf, buf + 2 * len);
  if (refused(&m, rc)) {
    matrix_collect(L, &m);
    rc = verify_into(encoded, len, pwd, pwdlen, buf, buf + 2 * len);
  }
  current = NULL;
  if (refused(&m, rc)) return no_memory(L);
  if (rc == ARGON2_VERIFY_MISMATCH) {
    lua_pushboolean(L, 0);
    lua_pushstring(L, argon2_error_message(rc));
    return 2;
  }
  if (rc != ARGON2_OK) return fail(L, rc);
  lua_pushboolean(L, 1);
  return 1;
}

/* }==== */

static const luaL_Reg funcs[] = {
  {"verify", a2_verify},
  {"hash_encoded", a2_hash_encoded},
  {"t_cost", a2_t_cost},
  {"m_cost", a2_m_cost},
  {"parallelism", a2_parallelism},
  {"hash_len", a2_hash_len},
  {"variant", a2_variant},
  {NULL, NULL}
};

static const struct { const char *name; argon2_type type; } variants[] = {
  {"argon2_i", Argon2_i}, {"argon2_d", Argon2_d}, {"argon2_id", Argon2_id},
};

static const struct { const char *name, *value; } fields[] = {
  {"_VERSION", "3.0.1"},
  {"_AUTHOR", "Thibault Charbonnier"},
  {"_LICENSE", "MIT"},
  {"_URL", "https://github.com/thibaultcha/lua-argon2"},
};

/* The one export, listed in modules.def; declared here as modules have no
** header of their own. */
int luaopen_argon2(lua_State *L);

int luaopen_argon2(lua_State *L) {
  size_t i;
  Config *c;
  lua_newtable(L);
  c = (Config *)lua_newuserdatauv(L, sizeof *c, 0);
  c->t_cost = DEFAULT_T_COST;
  c->m_cost = DEFAULT_M_COST;
  c->lanes = DEFAULT_LANES;
  c->hash_len = DEFAULT_HASH_LEN;
  c->variant = Argon2_id;
  luaL_setfuncs(L, funcs, 1);
  lua_createtable(L, 0, 3);
  for (i = 0; i < sizeof variants / sizeof variants[0]; i++) {
    lua_pushlightuserdata(L, (void *)(uintptr_t)variants[i].type);
    lua_setfield(L, -2, variants[i].name);
  }
  lua_setfield(L, -2, "variants");
  for (i = 0; i < sizeof fields / sizeof fields[0]; i++) {
    lua_pushstring(L, fields[i].value);
    lua_setfield(L, -2, fields[i].name);
  }
  return 1;
}
