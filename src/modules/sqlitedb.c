/*
** sqlitedb.c: the lsqlite3 module (Debian's lua-lsqlite3 over SQLite) with
** what moonbox adds: read-only databases on /zip/ paths, and the methods of
** Cosmopolitan's lsqlite3 that upstream lacks (sessions, serialize). See
** LICENSE; docs/sqlite.md is its manual.
*/
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "lauxlib.h"
#include "lua.h"
#include "sqlite3.h"

#include "bind/zipname.h"
#include "engine/zipfs.h"
#include "modules/sqlitedb.h"
#include "runtime/archive.h"

/* lsqlite3's entry point and the names of its metatables (lsqlite3.c) */
int luaopen_lsqlite3(lua_State *L);
int luaopen_sqlitedb(lua_State *L);
#define SESSION_META "moonbox.sqlite3.session"
#define BORROWED_META "moonbox.sqlite3.borrowed"

/* Registry keys (their addresses): lsqlite3's own open, close and get_ptr,
** the table of live sessions, the table of databases whose pointer
** get_ptr gave. */
static const char key_open = 'o', key_close = 'c', key_ptr = 'p',
                  key_sessions = 's', key_owners = 'w';

/* {==== extension loading: left out of SQLite (SQLITE_OMIT_LOAD_EXTENSION),
** as a static binary cannot load a shared object; lsqlite3's
** db:load_extension still calls these two, so they fail here as SQLite
** fails a load. */

int sqlite3_enable_load_extension(sqlite3 *db, int onoff) {
  (void)db;
  return onoff ? SQLITE_ERROR : SQLITE_OK;
}

int sqlite3_load_extension(sqlite3 *db, const char *file, const char *proc,
                           char **errmsg) {
  (void)db;
  (void)proc;
  if (errmsg)
    *errmsg = sqlite3_mprintf("%s: moonbox is statically linked and cannot "
                              "load SQLite extensions", file);
  return SQLITE_ERROR;
}

/* }==== */

/* {==== helpers */

/* A box for memory SQLite allocated, made before the call that fills it:
** its __gc frees what a push that raised left in it. */
void **lsq_box(lua_State *L) {
  void **box = (void **)lua_newuserdatauv(L, sizeof *box, 0);
  *box = NULL;
  luaL_setmetatable(L, BOX_META);
  return box;
}

static int box_gc(lua_State *L) {
  void **box = (void **)luaL_checkudata(L, 1, BOX_META);
  sqlite3_free(*box);
  *box = NULL;
  return 0;
}

/* Replaces the box on top of the stack by a string of its n bytes. */
int lsq_box_result(lua_State *L, void **box, size_t n) {
  lua_pushlstring(L, *box ? (const char *)*box : "", n);
  sqlite3_free(*box);
  *box = NULL;
  lua_remove(L, -2);
  return 1;
}

/* The failure of most methods here: nil, the result code, its text. */
int lsq_fail(lua_State *L, int rc, const char *msg) {
  luaL_pushfail(L);
  lua_pushinteger(L, rc);
  lua_pushstring(L, msg ? msg : sqlite3_errstr(rc));
  return 3;
}

/* __tostring of our objects: "sqlite WHAT (address)", or with gone in
** place of the address once p is NULL. */
int lsq_name(lua_State *L, const char *what, const void *p,
                     const char *gone) {
  if (p == NULL) lua_pushfstring(L, "sqlite %s (%s)", what, gone);
  else lua_pushfstring(L, "sqlite %s (%p)", what, p);
  return 1;
}

/* The connection of database argument i (lsqlite3's db:get_ptr, which
** raises for a value that is not an open database). */
sqlite3 *lsq_checkdb(lua_State *L, int i) {
  sqlite3 *db;
  i = lua_absindex(L, i);
  luaL_checkudata(L, i, DB_META);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &key_ptr);
  lua_pushvalue(L, i);
  lua_call(L, 1, 1);
  db = (sqlite3 *)lua_touserdata(L, -1);
  lua_pop(L, 1);
  return db;
}

/* Calls lsqlite3's function stored at key with the arguments of this call
** and returns what it returns. */
static int call_lsqlite(lua_State *L, const void *key) {
  int n = lua_gettop(L);
  lua_rawgetp(L, LUA_REGISTRYINDEX, key);
  lua_insert(L, 1);
  lua_call(L, n, LUA_MULTRET);
  return lua_gettop(L);
}

/* }==== */

/* {==== databases in the archive: /zip/ paths */

/* The most an entry may be: SQLite's memory databases are sized in a
** sqlite3_int64, and a copy must be possible to ask for. */
#define MAX_ZIP_DB ((uint64_t)SIZE_MAX / 2)

/* The entry's failure as lsqlite3 reports a file it cannot open: a missing
** entry (or a directory) reads as SQLite's own "unable to open", other
** failures (damage, an unknown method) add the archive's reason. */
static int zip_open_fail(lua_State *L, const char *path, zip_result r) {
  int e = archive_errno(r);
  if (e == ENOENT || e == EISDIR) return lsq_fail(L, SQLITE_CANTOPEN, NULL);
  lua_pushfstring(L, "%s: %s: %s", sqlite3_errstr(SQLITE_CANTOPEN), path,
                  archive_strerror(r));
  return lsq_fail(L, SQLITE_CANTOPEN, lua_tostring(L, -1));
}

/* Opens the entry path names as a read-only database: an in-memory
** connection given a copy of its bytes (sqlite3_deserialize, READONLY),
** which SQLite frees when the connection closes. */
static int open_zip(lua_State *L, const char *path) {
  zip *z = archive_get();
  const zip_entry *e;
  size_t len;
  const char *name = zipname_push(L, path, &len);
  zip_result r = zipfs_file(z, name, len, &e);
  unsigned char *buf;
  sqlite3 *db;
  int rc;
  if (r == ZIP_OK) r = zipfs_readable(z, e, MAX_ZIP_DB);
  if (r != ZIP_OK) return zip_open_fail(L, path, r);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &key_open);
  lua_pushliteral(L, ":memory:");
  lua_call(L, 1, 3);
  if (lua_isnil(L, -3)) return 3;
  lua_pop(L, 2);
  db = lsq_checkdb(L, -1);
  /* from here to sqlite3_deserialize, which owns buf, nothing can raise */
  buf = sqlite3_malloc64(e->size ? e->size : 1);
  if (buf == NULL) return lsq_fail(L, SQLITE_NOMEM, NULL);
  r = zip_read(z, e, buf);
  if (r != ZIP_OK) {
    sqlite3_free(buf);
    return zip_open_fail(L, path, r);
  }
  rc = sqlite3_deserialize(db, "main", buf, (sqlite3_int64)e->size,
                           (sqlite3_int64)(e->size ? e->size : 1),
                           SQLITE_DESERIALIZE_FREEONCLOSE |
                               SQLITE_DESERIALIZE_READONLY);
  if (rc != SQLITE_OK) return lsq_fail(L, rc, sqlite3_errmsg(db));
  return 1;
}

/* -- sqlite3.open(filename[, flags]) -> db | nil, code, message
** lsqlite3's open, except that a /zip/ path opens read-only from the
** archive; flags that ask to write (OPEN_READWRITE, OPEN_CREATE) fail
** there with sqlite3.READONLY. */
static int open_db(lua_State *L) {
  const char *path = luaL_checkstring(L, 1);
  lua_Integer flags = luaL_optinteger(L, 2, SQLITE_OPEN_READONLY);
  if (zipfs_rest(path) == NULL) return call_lsqlite(L, &key_open);
  if (flags & (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) {
    lua_pushfstring(L, "%s: a database in the executable's archive opens "
                       "read-only (sqlite3.OPEN_READONLY)", path);
    return lsq_fail(L, SQLITE_READONLY, lua_tostring(L, -1));
  }
  return open_zip(L, path);
}

/* }==== */

/* {==== sessions (SQLite's session extension) */

typedef struct {
  sqlite3_session *ses; /* NULL once deleted */
} Session;

/* Session argument i, which must not be deleted. */
static Session *check_session(lua_State *L, int i) {
  Session *s = (Session *)luaL_checkudata(L, i, SESSION_META);
  if (s->ses == NULL) luaL_argerror(L, i, "deleted sqlite session");
  return s;
}

/* -- db:create_session([schema = "main"]) -> session | nil, code, message
** The session keeps its database from being collected; closing the
** database deletes the session first. */
static int db_create_session(lua_State *L) {
  sqlite3 *db = lsq_checkdb(L, 1);
  const char *schema = luaL_optstring(L, 2, "main");
  Session *s = (Session *)lua_newuserdatauv(L, sizeof *s, 1);
  int rc;
  s->ses = NULL;
  luaL_setmetatable(L, SESSION_META);
  lua_pushvalue(L, 1);
  lua_setiuservalue(L, -2, 1);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &key_sessions);
  lua_pushvalue(L, -2);
  lua_pushvalue(L, 1);
  lua_rawset(L, -3);
  lua_pop(L, 1);
  rc = sqlite3session_create(db, schema, &s->ses);
  if (rc != SQLITE_OK) {
    s->ses = NULL;
    return lsq_fail(L, rc, sqlite3_errmsg(db));
  }
  return 1;
}

/* -- session:attach([table]) -> true | nil, code, message
** (no table: every table of the schema) */
static int session_attach(lua_State *L) {
  Session *s = check_session(L, 1);
  int rc = sqlite3session_attach(s->ses, luaL_optstring(L, 2, NULL));
  if (rc != SQLITE_OK) return lsq_fail(L, rc, NULL);
  lua_pushboolean(L, 1);
  return 1;
}

/* -- session:changeset() -> string | nil, code, message
**    session:patchset() -> string | nil, code, message */
static int session_output(lua_State *L, int patch) {
  Session *s = check_session(L, 1);
  void **box = lsq_box(L);
  int n = 0, rc;
  rc = patch ? sqlite3session_patchset(s->ses, &n, box)
             : sqlite3session_changeset(s->ses, &n, box);
  if (rc != SQLITE_OK) return lsq_fail(L, rc, NULL);
  return lsq_box_result(L, box, (size_t)n);
}

static int session_changeset(lua_State *L) {
  return session_output(L, 0);
}

static int session_patchset(lua_State *L) {
  return session_output(L, 1);
}

/* -- session:diff(fromschema, table) -> true | nil, code, message */
static int session_diff(lua_State *L) {
  Session *s = check_session(L, 1);
  const char *from = luaL_checkstring(L, 2), *table = luaL_checkstring(L, 3);
  void **box = lsq_box(L);
  int rc = sqlite3session_diff(s->ses, from, table, (char **)box);
  if (rc != SQLITE_OK) return lsq_fail(L, rc, (const char *)*box);
  lua_pushboolean(L, 1);
  return 1;
}

/* -- session:isempty() -> boolean */
static int session_isempty(lua_State *L) {
  lua_pushboolean(L, sqlite3session_isempty(check_session(L, 1)->ses));
  return 1;
}

/* The flag argument of enable and indirect: a boolean or an integer
** (0 off, other on), or none to query. */
static int flag_arg(lua_State *L, int i) {
  if (lua_isnoneornil(L, i)) return -1;
  if (lua_isboolean(L, i)) return lua_toboolean(L, i);
  return luaL_checkinteger(L, i) != 0;
}

/* -- session:enable([on]) -> boolean (whether it records, after the call) */
static int session_enable(lua_State *L) {
  Session *s = check_session(L, 1);
  lua_pushboolean(L, sqlite3session_enable(s->ses, flag_arg(L, 2)));
  return 1;
}

/* -- session:indirect([on]) -> boolean (the indirect flag, after the call) */
static int session_indirect(lua_State *L) {
  Session *s = check_session(L, 1);
  lua_pushboolean(L, sqlite3session_indirect(s->ses, flag_arg(L, 2)));
  return 1;
}

/* -- session:delete() (also its __gc and __close; again is harmless) */
static int session_delete(lua_State *L) {
  Session *s = (Session *)luaL_checkudata(L, 1, SESSION_META);
  if (s->ses != NULL) sqlite3session_delete(s->ses);
  s->ses = NULL;
  return 0;
}

static int session_tostring(lua_State *L) {
  Session *s = (Session *)luaL_checkudata(L, 1, SESSION_META);
  return lsq_name(L, "session", s->ses, "deleted");
}

/* -- db:close() -> code: lsqlite3's, after deleting the sessions of db
** (a session must not outlive its connection). Also db's __gc: a
** session keeps its database alive, so none is left by then. */
static int db_close(lua_State *L) {
  luaL_checkudata(L, 1, DB_META);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &key_sessions);
  lua_pushnil(L);
  while (lua_next(L, -2)) {
    if (lua_rawequal(L, -1, 1)) {
      Session *s = (Session *)lua_touserdata(L, -2);
      if (s->ses != NULL) sqlite3session_delete(s->ses);
      s->ses = NULL;
    }
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  return call_lsqlite(L, &key_close);
}

/* }==== */

/* {==== other methods of Cosmopolitan's lsqlite3 */

/* -- db:serialize([schema = "main"]) -> string | nil, code, message */
static int db_serialize(lua_State *L) {
  sqlite3 *db = lsq_checkdb(L, 1);
  const char *schema = luaL_optstring(L, 2, "main");
  void **box = lsq_box(L);
  sqlite3_int64 n = 0;
  *box = sqlite3_serialize(db, schema, &n, 0);
  if (*box == NULL) return lsq_fail(L, SQLITE_ERROR, "cannot serialize");
  return lsq_box_result(L, box, (size_t)n);
}

/* -- db:deserialize(bytes[, schema = "main"]) -> true | nil, code, message
** The database is replaced by a writable, growable copy of bytes. */
static int db_deserialize(lua_State *L) {
  sqlite3 *db = lsq_checkdb(L, 1);
  size_t n;
  const char *bytes = luaL_checklstring(L, 2, &n);
  const char *schema = luaL_optstring(L, 3, "main");
  unsigned char *buf = sqlite3_malloc64(n ? n : 1);
  int rc;
  if (buf == NULL) return lsq_fail(L, SQLITE_NOMEM, NULL);
  memcpy(buf, bytes, n);
  rc = sqlite3_deserialize(db, schema, buf, (sqlite3_int64)n,
                           (sqlite3_int64)(n ? n : 1),
                           SQLITE_DESERIALIZE_FREEONCLOSE |
                               SQLITE_DESERIALIZE_RESIZEABLE);
  if (rc != SQLITE_OK) return lsq_fail(L, rc, sqlite3_errmsg(db));
  lua_pushboolean(L, 1);
  return 1;
}

/* -- db:readonly([schema = "main"]) -> boolean | nil, code, message */
static int db_readonly(lua_State *L) {
  int r = sqlite3_db_readonly(lsq_checkdb(L, 1), luaL_optstring(L, 2, "main"));
  if (r < 0) return lsq_fail(L, SQLITE_ERROR, "no database of that name");
  lua_pushboolean(L, r);
  return 1;
}

/* -- db:wal_checkpoint([mode = sqlite3.CHECKPOINT_PASSIVE[, schema]])
**    -> frames in the log, frames checkpointed | nil, code, message */
static int db_wal_checkpoint(lua_State *L) {
  sqlite3 *db = lsq_checkdb(L, 1);
  int mode = (int)luaL_optinteger(L, 2, SQLITE_CHECKPOINT_PASSIVE);
  int nlog = 0, nckpt = 0;
  int rc = sqlite3_wal_checkpoint_v2(db, luaL_optstring(L, 3, NULL), mode,
                                     &nlog, &nckpt);
  if (rc != SQLITE_OK) return lsq_fail(L, rc, sqlite3_errmsg(db));
  lua_pushinteger(L, nlog);
  lua_pushinteger(L, nckpt);
  return 2;
}

/* }==== */

/* {==== get_ptr and open_ptr: a second handle on a connection
** lsqlite3's open_ptr wraps any pointer in a database that closes the
** connection when closed or collected: two owners of one connection, and
** the second close a use-after-free (its own test suite does this). Here
** open_ptr only takes a pointer that get_ptr gave for a database that is
** still open, and returns a borrowed handle: its methods act on that
** database, its close leaves the connection to its owner. */

/* -- db:get_ptr() -> light userdata: lsqlite3's, the database noted as
**    the owner of that pointer */
static int db_get_ptr(lua_State *L) {
  lsq_checkdb(L, 1);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &key_ptr);
  lua_pushvalue(L, 1);
  lua_call(L, 1, 1);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &key_owners);
  lua_pushvalue(L, -2);
  lua_pushvalue(L, 1);
  lua_rawset(L, -3);
  lua_pop(L, 1);
  return 1;
}

/* Calls method (upvalue 1) with the borrowed handle's owner as self. */
static int borrowed_call(lua_State *L) {
  luaL_checkudata(L, 1, BORROWED_META);
  lua_getiuservalue(L, 1, 1);
  lua_replace(L, 1);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

/* -- borrowed:close() -> sqlite3.OK: the handle only; the owner keeps the
**    connection */
static int borrowed_close(lua_State *L) {
  luaL_checkudata(L, 1, BORROWED_META);
  lua_pushinteger(L, SQLITE_OK);
  return 1;
}

/* __index of a borrowed handle: the database method of that name, bound
** to the owner. */
static int borrowed_index(lua_State *L) {
  const char *key = luaL_checkstring(L, 2);
  if (strcmp(key, "close") == 0) {
    lua_pushcfunction(L, borrowed_close);
    return 1;
  }
  luaL_getmetatable(L, DB_META);
  lua_pushvalue(L, 2);
  lua_rawget(L, -2);
  if (lua_isfunction(L, -1)) lua_pushcclosure(L, borrowed_call, 1);
  return 1;
}

static int borrowed_tostring(lua_State *L) {
  luaL_checkudata(L, 1, BORROWED_META);
  lua_getiuservalue(L, 1, 1);
  lua_pushfstring(L, "borrowed %s", luaL_tolstring(L, -1, NULL));
  return 1;
}

/* -- sqlite3.open_ptr(ptr) -> a borrowed handle on the open database
**    whose get_ptr gave ptr (raises for any other value) */
static int open_ptr(lua_State *L) {
  luaL_checktype(L, 1, LUA_TLIGHTUSERDATA);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &key_owners);
  lua_pushvalue(L, 1);
  lua_rawget(L, -2);
  if (!lua_isuserdata(L, -1)) luaL_argerror(L, 1, "not a valid SQLite3 pointer");
  lua_getfield(L, -1, "isopen");
  lua_pushvalue(L, -2);
  lua_call(L, 1, 1);
  if (!lua_toboolean(L, -1)) luaL_argerror(L, 1, "not a valid SQLite3 pointer");
  lua_pop(L, 1);
  lua_newuserdatauv(L, 0, 1);
  lua_insert(L, -2);
  lua_setiuservalue(L, -2, 1);
  luaL_setmetatable(L, BORROWED_META);
  return 1;
}

/* }==== */

/* {==== the module */

static const luaL_Reg db_methods[] = {
    {"create_session", db_create_session},
    {"serialize", db_serialize},
    {"deserialize", db_deserialize},
    {"readonly", db_readonly},
    {"wal_checkpoint", db_wal_checkpoint},
    {"close", db_close},
    {"get_ptr", db_get_ptr},
    {NULL, NULL}};

static const luaL_Reg borrowed_methods[] = {{"__index", borrowed_index},
                                            {"__tostring", borrowed_tostring},
                                            {NULL, NULL}};

static const luaL_Reg session_methods[] = {
    {"attach", session_attach},       {"changeset", session_changeset},
    {"patchset", session_patchset},   {"diff", session_diff},
    {"isempty", session_isempty},     {"enable", session_enable},
    {"indirect", session_indirect},   {"delete", session_delete},
    {"__gc", session_delete},         {"__close", session_delete},
    {"__tostring", session_tostring}, {NULL, NULL}};

/* Constants lsqlite3 lacks: the session extension's and wal_checkpoint's. */
static const struct {
  const char *name;
  int value;
} constants[] = {
    {"CHECKPOINT_PASSIVE", SQLITE_CHECKPOINT_PASSIVE},
    {"CHECKPOINT_FULL", SQLITE_CHECKPOINT_FULL},
    {"CHECKPOINT_RESTART", SQLITE_CHECKPOINT_RESTART},
    {"CHECKPOINT_TRUNCATE", SQLITE_CHECKPOINT_TRUNCATE},
    {"CHANGESETSTART_INVERT", SQLITE_CHANGESETSTART_INVERT},
    {"CHANGESETAPPLY_NOSAVEPOINT", SQLITE_CHANGESETAPPLY_NOSAVEPOINT},
    {"CHANGESETAPPLY_INVERT", SQLITE_CHANGESETAPPLY_INVERT},
    {"CHANGESET_DATA", SQLITE_CHANGESET_DATA},
    {"CHANGESET_NOTFOUND", SQLITE_CHANGESET_NOTFOUND},
    {"CHANGESET_CONFLICT", SQLITE_CHANGESET_CONFLICT},
    {"CHANGESET_CONSTRAINT", SQLITE_CHANGESET_CONSTRAINT},
    {"CHANGESET_FOREIGN_KEY", SQLITE_CHANGESET_FOREIGN_KEY},
    {"CHANGESET_OMIT", SQLITE_CHANGESET_OMIT},
    {"CHANGESET_REPLACE", SQLITE_CHANGESET_REPLACE},
    {"CHANGESET_ABORT", SQLITE_CHANGESET_ABORT},
};

/* Keeps field name of the table on top in the registry at key. */
static void keep(lua_State *L, const char *name, const void *key) {
  lua_getfield(L, -1, name);
  lua_rawsetp(L, LUA_REGISTRYINDEX, key);
}

/* A new table in the registry at key, weak as mode says; one already
** there (the module opened again) is kept, with what it knows. */
static void weak_table(lua_State *L, const char *mode, const void *key) {
  int there = lua_rawgetp(L, LUA_REGISTRYINDEX, key) == LUA_TTABLE;
  lua_pop(L, 1);
  if (there) return;
  lua_newtable(L);
  lua_createtable(L, 0, 1);
  lua_pushstring(L, mode);
  lua_setfield(L, -2, "__mode");
  lua_setmetatable(L, -2);
  lua_rawsetp(L, LUA_REGISTRYINDEX, key);
}

/* A metatable name with methods, its own __index if index is set. */
void lsq_class(lua_State *L, const char *name, const luaL_Reg *methods,
                      int index) {
  luaL_newmetatable(L, name);
  if (index) {
    lua_pushvalue(L, -1);
    lua_setfield(L, -2, "__index");
  }
  luaL_setfuncs(L, methods, 0);
  lua_pop(L, 1);
}

/* The database methods: lsqlite3's close and get_ptr kept, ours added;
** the metatables of our objects; the registry's weak tables. */
static void extend_db(lua_State *L) {
  static const luaL_Reg box_methods[] = {{"__gc", box_gc}, {NULL, NULL}};
  luaL_getmetatable(L, DB_META);
  keep(L, "close", &key_close);
  keep(L, "get_ptr", &key_ptr);
  luaL_setfuncs(L, db_methods, 0);
  lsq_open_changesets(L);
  lua_pop(L, 1);
  lsq_class(L, SESSION_META, session_methods, 1);
  lsq_class(L, BORROWED_META, borrowed_methods, 0); /* its own __index */
  lsq_class(L, BOX_META, box_methods, 0);
  weak_table(L, "k", &key_sessions); /* session -> its database */
  weak_table(L, "v", &key_owners);   /* pointer -> its database */
}

/* -- require "lsqlite3" (also cosmo.sqlite3, cosmo.lsqlite3) -> the
**    lsqlite3 table, its open and open_ptr replaced by ours; the table is
**    read-only (lsqlite3's __newindex), so fields are set raw. */
int luaopen_sqlitedb(lua_State *L) {
  size_t i;
  luaopen_lsqlite3(L);
  extend_db(L);
  keep(L, "open", &key_open);
  lua_pushliteral(L, "open");
  lua_pushcfunction(L, open_db);
  lua_rawset(L, -3);
  lua_pushliteral(L, "open_ptr");
  lua_pushcfunction(L, open_ptr);
  lua_rawset(L, -3);
  for (i = 0; i < sizeof constants / sizeof constants[0]; i++) {
    lua_pushstring(L, constants[i].name);
    lua_pushinteger(L, constants[i].value);
    lua_rawset(L, -3);
  }
  return 1;
}

/* }==== */
