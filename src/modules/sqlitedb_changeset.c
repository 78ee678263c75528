/*
** sqlitedb_changeset.c: the changeset methods of the sqlite3 module, as
** Cosmopolitan's lsqlite3 has them: apply (with conflict handlers and
** rebasers), invert, concat, iterate. See LICENSE; docs/sqlite.md.
*/
#include <string.h>

#include "lauxlib.h"
#include "lua.h"
#include "sqlite3.h"

#include "modules/sqlitedb.h"

#define ITER_META "moonbox.sqlite3.iterator"
#define REBASER_META "moonbox.sqlite3.rebaser"

/* {==== iterators */

/* Pushes SQL value v as lsqlite3 does (nil for NULL), or false for a
** missing value (v NULL). */
static void push_value(lua_State *L, sqlite3_value *v) {
  if (v == NULL) {
    lua_pushboolean(L, 0);
    return;
  }
  switch (sqlite3_value_type(v)) {
    case SQLITE_INTEGER: lua_pushinteger(L, sqlite3_value_int64(v)); break;
    case SQLITE_FLOAT: lua_pushnumber(L, sqlite3_value_double(v)); break;
    case SQLITE_NULL: lua_pushnil(L); break;
    default: { /* text and blob: their bytes (blob is NULL when empty) */
      const char *b = (const char *)sqlite3_value_blob(v);
      size_t n = (size_t)sqlite3_value_bytes(v);
      lua_pushlstring(L, n ? b : "", n);
    }
  }
}

/* A changeset iterator: from db:iterate_changeset (owned: moved by next,
** finalized by finalize or collection; its changeset string is its user
** value, as SQLite reads it in place), or lent to a conflict handler for
** the length of that call (not owned: it cannot be moved). NULL once
** finalized or once its handler returned. */
typedef struct {
  sqlite3_changeset_iter *it;
  int owned;
} Iter;

static Iter *check_iter(lua_State *L) {
  Iter *i = (Iter *)luaL_checkudata(L, 1, ITER_META);
  if (i->it == NULL) luaL_argerror(L, 1, "invalid sqlite iterator");
  return i;
}

/* A new iterator userdata (it NULL) on the stack. */
static Iter *new_iter(lua_State *L, int owned) {
  Iter *i = (Iter *)lua_newuserdatauv(L, sizeof *i, 1);
  i->it = NULL;
  i->owned = owned;
  luaL_setmetatable(L, ITER_META);
  return i;
}

/* -- db:iterate_changeset(changeset[, flags]) -> iterator | nil, code,
**    message (flags: sqlite3.CHANGESETSTART_INVERT) */
static int db_iterate_changeset(lua_State *L) {
  size_t n;
  const char *cs;
  int flags, rc;
  Iter *i;
  lsq_checkdb(L, 1);
  cs = luaL_checklstring(L, 2, &n);
  flags = (int)luaL_optinteger(L, 3, 0);
  i = new_iter(L, 1);
  lua_pushvalue(L, 2);
  lua_setiuservalue(L, -2, 1);
  rc = sqlite3changeset_start_v2(&i->it, (int)n, (void *)cs, flags);
  if (rc != SQLITE_OK) {
    i->it = NULL;
    return lsq_fail(L, rc, NULL);
  }
  return 1;
}

/* -- iterator:next() -> sqlite3.ROW (a change is there) | sqlite3.DONE |
**    another code (a damaged changeset); nil, sqlite3.MISUSE, message for
**    a conflict handler's iterator */
static int iter_next(lua_State *L) {
  Iter *i = check_iter(L);
  if (!i->owned)
    return lsq_fail(L, SQLITE_MISUSE, "a conflict handler's iterator cannot move");
  lua_pushinteger(L, sqlite3changeset_next(i->it));
  return 1;
}

/* -- iterator:op() -> table, op (sqlite3.INSERT, UPDATE, DELETE), indirect
**    | nil, code, message */
static int iter_op(lua_State *L) {
  const char *table;
  int ncol, op, indirect;
  int rc = sqlite3changeset_op(check_iter(L)->it, &table, &ncol, &op, &indirect);
  if (rc != SQLITE_OK) return lsq_fail(L, rc, NULL);
  lua_pushstring(L, table);
  lua_pushinteger(L, op);
  lua_pushboolean(L, indirect);
  return 3;
}

/* A table of the change's values that get reads: nil for NULL, false for
** a value the change does not hold; or a failure. */
static int iter_values(lua_State *L,
                       int (*get)(sqlite3_changeset_iter *, int,
                                  sqlite3_value **)) {
  Iter *i = check_iter(L);
  const char *table;
  int ncol, op, indirect, c, rc;
  rc = sqlite3changeset_op(i->it, &table, &ncol, &op, &indirect);
  if (rc != SQLITE_OK) return lsq_fail(L, rc, NULL);
  lua_createtable(L, ncol, 0);
  for (c = 0; c < ncol; c++) {
    sqlite3_value *v = NULL;
    if ((rc = get(i->it, c, &v)) != SQLITE_OK) return lsq_fail(L, rc, NULL);
    push_value(L, v);
    lua_rawseti(L, -2, c + 1);
  }
  return 1;
}

/* -- iterator:old(), iterator:new(), iterator:conflict() -> {values} |
**    nil, code, message (old: UPDATE and DELETE; new: INSERT and UPDATE;
**    conflict: in a DATA or CONFLICT handler) */
static int iter_old(lua_State *L) {
  return iter_values(L, sqlite3changeset_old);
}

static int iter_new(lua_State *L) {
  return iter_values(L, sqlite3changeset_new);
}

static int iter_conflict(lua_State *L) {
  return iter_values(L, sqlite3changeset_conflict);
}

/* -- iterator:pk() -> {boolean per column: part of the primary key} |
**    nil, code, message */
static int iter_pk(lua_State *L) {
  unsigned char *pk;
  int ncol = 0, c;
  int rc = sqlite3changeset_pk(check_iter(L)->it, &pk, &ncol);
  if (rc != SQLITE_OK) return lsq_fail(L, rc, NULL);
  lua_createtable(L, ncol, 0);
  for (c = 0; c < ncol; c++) {
    lua_pushboolean(L, pk[c]);
    lua_rawseti(L, -2, c + 1);
  }
  return 1;
}

/* -- iterator:fk_conflicts() -> count | nil, code, message (in a
**    FOREIGN_KEY handler) */
static int iter_fk_conflicts(lua_State *L) {
  int n = 0;
  int rc = sqlite3changeset_fk_conflicts(check_iter(L)->it, &n);
  if (rc != SQLITE_OK) return lsq_fail(L, rc, NULL);
  lua_pushinteger(L, n);
  return 1;
}

/* -- iterator:finalize() -> true | nil, code, message (the first error
**    the iteration met); also __gc and __close; again is harmless */
static int iter_finalize(lua_State *L) {
  Iter *i = (Iter *)luaL_checkudata(L, 1, ITER_META);
  int rc = SQLITE_OK;
  if (i->it != NULL && i->owned) rc = sqlite3changeset_finalize(i->it);
  i->it = NULL;
  if (rc != SQLITE_OK) return lsq_fail(L, rc, NULL);
  lua_pushboolean(L, 1);
  return 1;
}

static int iter_tostring(lua_State *L) {
  Iter *i = (Iter *)luaL_checkudata(L, 1, ITER_META);
  return lsq_name(L, "iterator", i->it, "closed");
}

/* }==== */

/* {==== applying a changeset: callbacks, rebasers */

/* What the callbacks of one apply_changeset share: its Lua state, the
** stack indices of the filter, conflict handler and user data (0: none),
** the table name, iterator and conflict at hand, and whether a callback
** raised. */
typedef struct {
  lua_State *L;
  int filter, conflict, udata;
  const char *table;
  sqlite3_changeset_iter *it;
  int kind, op, indirect;
  int result, raised;
} Apply;

/* Runs in protected mode, the Apply as its light userdata argument. */
static int call_filter(lua_State *L) {
  Apply *a = (Apply *)lua_touserdata(L, 1);
  lua_pushvalue(L, 2);
  lua_pushstring(L, a->table);
  lua_pushvalue(L, 3);
  lua_call(L, 2, 1);
  if (lua_isinteger(L, -1)) a->result = lua_tointeger(L, -1) != 0;
  else if (lua_isboolean(L, -1)) a->result = lua_toboolean(L, -1);
  else luaL_error(L, "the filter must return a boolean or an integer");
  return 0;
}

/* The iterator lent to the handler is closed when it returns, however it
** returns: kept past that, it would point into SQLite's freed state. */
static int call_conflict(lua_State *L) {
  Apply *a = (Apply *)lua_touserdata(L, 1);
  Iter *i;
  int status;
  lua_pushvalue(L, 2);
  lua_pushvalue(L, 3);
  lua_pushinteger(L, a->kind);
  i = new_iter(L, 0);
  lua_pushstring(L, a->table);
  lua_pushinteger(L, a->op);
  lua_pushboolean(L, a->indirect);
  i->it = a->it;
  status = lua_pcall(L, 6, 1, 0);
  i->it = NULL;
  if (status != LUA_OK) return lua_error(L);
  if (!lua_isinteger(L, -1))
    luaL_error(L, "the conflict handler must return sqlite3.CHANGESET_OMIT, "
                  "CHANGESET_REPLACE or CHANGESET_ABORT");
  a->result = (int)lua_tointeger(L, -1);
  return 0;
}

/* Calls f(a, handler, udata) protected; an error stays on the stack for
** apply_changeset to raise once SQLite has returned. */
static int run_callback(Apply *a, lua_CFunction f, int handler) {
  lua_State *L = a->L;
  if (a->raised) return 0;
  lua_pushcfunction(L, f);
  lua_pushlightuserdata(L, a);
  lua_pushvalue(L, handler);
  if (a->udata) lua_pushvalue(L, a->udata);
  else lua_pushnil(L);
  if (lua_pcall(L, 3, 0, 0) != LUA_OK) a->raised = 1;
  return !a->raised;
}

static int filter_cb(void *ctx, const char *table) {
  Apply *a = (Apply *)ctx;
  a->table = table;
  a->result = 0;
  return run_callback(a, call_filter, a->filter) ? a->result : 0;
}

static int conflict_cb(void *ctx, int kind, sqlite3_changeset_iter *it) {
  Apply *a = (Apply *)ctx;
  int ncol;
  if (a->conflict == 0) return SQLITE_CHANGESET_OMIT;
  if (sqlite3changeset_op(it, &a->table, &ncol, &a->op, &a->indirect) !=
      SQLITE_OK)
    return SQLITE_CHANGESET_ABORT;
  a->kind = kind;
  a->it = it;
  return run_callback(a, call_conflict, a->conflict) ? a->result
                                                      : SQLITE_CHANGESET_ABORT;
}

typedef struct {
  sqlite3_rebaser *reb; /* NULL once deleted */
} Rebaser;

static Rebaser *check_rebaser(lua_State *L, int i) {
  Rebaser *r = (Rebaser *)luaL_checkudata(L, i, REBASER_META);
  if (r->reb == NULL) luaL_argerror(L, i, "deleted sqlite rebaser");
  return r;
}

/* -- db:create_rebaser() -> rebaser | nil, code, message */
static int db_create_rebaser(lua_State *L) {
  Rebaser *r;
  int rc;
  lsq_checkdb(L, 1);
  r = (Rebaser *)lua_newuserdatauv(L, sizeof *r, 0);
  r->reb = NULL;
  luaL_setmetatable(L, REBASER_META);
  rc = sqlite3rebaser_create(&r->reb);
  if (rc != SQLITE_OK) {
    r->reb = NULL;
    return lsq_fail(L, rc, NULL);
  }
  return 1;
}

/* -- rebaser:rebase(changeset) -> string | nil, code, message: the
**    changeset rebased on the conflicts the rebaser was told of */
static int rebaser_rebase(lua_State *L) {
  Rebaser *r = check_rebaser(L, 1);
  size_t n;
  const char *cs = luaL_checklstring(L, 2, &n);
  void **box = lsq_box(L);
  int size = 0;
  int rc = sqlite3rebaser_rebase(r->reb, (int)n, cs, &size, box);
  if (rc != SQLITE_OK) return lsq_fail(L, rc, NULL);
  return lsq_box_result(L, box, (size_t)size);
}

/* -- rebaser:delete() (also __gc and __close; again is harmless) */
static int rebaser_delete(lua_State *L) {
  Rebaser *r = (Rebaser *)luaL_checkudata(L, 1, REBASER_META);
  if (r->reb != NULL) sqlite3rebaser_delete(r->reb);
  r->reb = NULL;
  return 0;
}

static int rebaser_tostring(lua_State *L) {
  Rebaser *r = (Rebaser *)luaL_checkudata(L, 1, REBASER_META);
  return lsq_name(L, "rebaser", r->reb, "deleted");
}

/* -- db:apply_changeset(changeset[[, filter], conflict[, udata[, rebaser
**    [, flags]]]]) -> true | rebase data | nil, code, message
** filter(table, udata) -> boolean: whether to apply that table's changes;
** conflict(udata, kind, iterator, table, op, indirect) ->
** sqlite3.CHANGESET_*, the iterator usable during that call only;
** no handler omits conflicting changes. An error in a callback aborts the
** apply and is raised again. With a rebaser, the conflicts' resolutions
** configure it and come back as the result (a string). */
static int db_apply_changeset(lua_State *L) {
  sqlite3 *db = lsq_checkdb(L, 1);
  size_t n;
  const char *cs = luaL_checklstring(L, 2, &n);
  Apply a = {L, 0, 0, 0, NULL, NULL, 0, 0, 0, 0, 0};
  Rebaser *r = NULL;
  void **box = NULL;
  int at, flags, rc, nrebase = 0; /* at: where the udata is */
  if (lua_isfunction(L, 3) && lua_isfunction(L, 4)) a.filter = 3, a.conflict = 4;
  else if (lua_isfunction(L, 3)) a.conflict = 3;
  else luaL_argexpected(L, lua_isnoneornil(L, 3), 3, "function");
  at = a.conflict ? a.conflict + 1 : 4;
  if (!lua_isnoneornil(L, at)) a.udata = at;
  if (!lua_isnoneornil(L, at + 1)) r = check_rebaser(L, at + 1);
  flags = (int)luaL_optinteger(L, at + 2, 0);
  lua_settop(L, 7);
  if (r) box = lsq_box(L);
  luaL_checkstack(L, 8, "apply_changeset"); /* the callbacks' pushes */
  rc = sqlite3changeset_apply_v2(db, (int)n, (void *)cs,
                                 a.filter ? filter_cb : NULL, conflict_cb, &a,
                                 box, r ? &nrebase : NULL, flags);
  if (a.raised) return lua_error(L);
  if (rc != SQLITE_OK) return lsq_fail(L, rc, sqlite3_errmsg(db));
  if (r == NULL) {
    lua_pushboolean(L, 1);
    return 1;
  }
  rc = sqlite3rebaser_configure(r->reb, nrebase, *box);
  if (rc != SQLITE_OK) return lsq_fail(L, rc, NULL);
  return lsq_box_result(L, box, (size_t)nrebase);
}

/* }==== */

/* {==== invert, concat */

/* -- db:invert_changeset(changeset) -> string | nil, code, message */
static int db_invert_changeset(lua_State *L) {
  size_t n;
  const char *cs;
  void **box;
  int size = 0, rc;
  lsq_checkdb(L, 1);
  cs = luaL_checklstring(L, 2, &n);
  box = lsq_box(L);
  rc = sqlite3changeset_invert((int)n, cs, &size, box);
  if (rc != SQLITE_OK) return lsq_fail(L, rc, NULL);
  return lsq_box_result(L, box, (size_t)size);
}

/* A changegroup in a box, deleted by __gc if a call raises. */
static int group_gc(lua_State *L) {
  sqlite3_changegroup **g = (sqlite3_changegroup **)lua_touserdata(L, 1);
  if (*g) sqlite3changegroup_delete(*g);
  *g = NULL;
  return 0;
}

/* -- db:concat_changeset({changeset, ...}) -> string | nil, code, message */
static int db_concat_changeset(lua_State *L) {
  sqlite3_changegroup **g;
  void **box;
  lua_Integer i, count;
  int size = 0, rc;
  lsq_checkdb(L, 1);
  luaL_checktype(L, 2, LUA_TTABLE);
  count = luaL_len(L, 2);
  g = (sqlite3_changegroup **)lua_newuserdatauv(L, sizeof *g, 0);
  *g = NULL;
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, group_gc);
  lua_setfield(L, -2, "__gc");
  lua_setmetatable(L, -2);
  rc = sqlite3changegroup_new(g);
  for (i = 1; rc == SQLITE_OK && i <= count; i++) {
    size_t n;
    lua_geti(L, 2, i);
    if (lua_type(L, -1) != LUA_TSTRING)
      luaL_error(L, "changeset %d is not a string", (int)i);
    rc = sqlite3changegroup_add(*g, (int)lua_rawlen(L, -1),
                                (void *)lua_tolstring(L, -1, &n));
    lua_pop(L, 1);
  }
  box = lsq_box(L);
  if (rc == SQLITE_OK) rc = sqlite3changegroup_output(*g, &size, box);
  if (rc != SQLITE_OK) return lsq_fail(L, rc, NULL);
  return lsq_box_result(L, box, (size_t)size);
}

/* }==== */

/* {==== registration */

static const luaL_Reg db_methods[] = {
    {"apply_changeset", db_apply_changeset},
    {"invert_changeset", db_invert_changeset},
    {"concat_changeset", db_concat_changeset},
    {"iterate_changeset", db_iterate_changeset},
    {"create_rebaser", db_create_rebaser},
    {NULL, NULL}};

static const luaL_Reg iter_methods[] = {
    {"next", iter_next},         {"op", iter_op},
    {"old", iter_old},           {"new", iter_new},
    {"conflict", iter_conflict}, {"pk", iter_pk},
    {"fk_conflicts", iter_fk_conflicts},
    {"finalize", iter_finalize}, {"__gc", iter_finalize},
    {"__close", iter_finalize},  {"__tostring", iter_tostring},
    {NULL, NULL}};

static const luaL_Reg rebaser_methods[] = {
    {"rebase", rebaser_rebase}, {"delete", rebaser_delete},
    {"__gc", rebaser_delete},   {"__close", rebaser_delete},
    {"__tostring", rebaser_tostring}, {NULL, NULL}};

void lsq_open_changesets(lua_State *L) {
  luaL_setfuncs(L, db_methods, 0);
  lsq_class(L, ITER_META, iter_methods, 1);
  lsq_class(L, REBASER_META, rebaser_methods, 1);
}

/* }==== */
