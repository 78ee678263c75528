/*
** sqlitedb.h: what the files of the sqlite3 module share (sqlite3.c,
** sqlitedb_changeset.c): its failure, boxes for SQLite's memory, database
** arguments. See LICENSE; docs/sqlite.md is the module's manual.
*/
#ifndef MOONBOX_SQLITEDB_H
#define MOONBOX_SQLITEDB_H

#include "lauxlib.h"
#include "lua.h"
#include "sqlite3.h"

/* lsqlite3's metatable of databases (lsqlite3.c) and our box's */
#define DB_META ":sqlite3"
#define BOX_META "moonbox.sqlite3.box"

/* Pushes nil, rc, msg (NULL: SQLite's text for rc); returns 3. */
int lsq_fail(lua_State *L, int rc, const char *msg);

/* A box for memory SQLite allocates, pushed before the call that fills
** it: its __gc frees what a push that raised left in it. */
void **lsq_box(lua_State *L);

/* Replaces the box on top of the stack by a string of its n bytes, the
** memory freed; returns 1. */
int lsq_box_result(lua_State *L, void **box, size_t n);

/* __tostring of our objects: pushes "sqlite WHAT (address of p)", or gone
** for the address once p is NULL; returns 1. */
int lsq_name(lua_State *L, const char *what, const void *p, const char *gone);

/* The connection of database argument i; raises for anything but an
** open database. */
sqlite3 *lsq_checkdb(lua_State *L, int i);

/* Registers metatable name with methods, its own __index if index. */
void lsq_class(lua_State *L, const char *name, const luaL_Reg *methods,
               int index);

/* Adds the changeset methods (sqlitedb_changeset.c) to the database
** metatable on top of the stack and registers their objects' classes. */
void lsq_open_changesets(lua_State *L);

#endif
