-- sqlite_app.lua: the main of an app that tests/lua/sqlite3.lua bundles
-- with a database (data/x.db, written by the test on disk), an empty file
-- and a file that is no database: /zip/ databases open read-only and
-- answer as the same file on disk did. Its argument: that file's path on
-- disk. Bundled with it: tests/lua/check.lua and tests/sqlite/rows.lua.
-- Prints "sqlite_app: ok". See LICENSE.
local sqlite3 = require "lsqlite3"
local disk = assert(arg[1], "usage: app DISK-COPY-OF-x.db")

local eq = dofile("/zip/check.lua").eq
local rows = dofile("/zip/rows.lua")

local queries = {
  "SELECT id, name, doc FROM item ORDER BY id",
  "SELECT rowid FROM notes WHERE notes MATCH 'archive' ORDER BY rowid",
  "SELECT highlight(notes, 0, '[', ']') FROM notes WHERE notes MATCH 'read*'",
  "SELECT json_extract(doc, '$.tags[1]'), doc ->> '$.n' FROM item ORDER BY id",
  "SELECT sum(doc ->> '$.n'), round(sqrt(sum(doc ->> '$.n')), 6) FROM item",
  "SELECT count(*) FROM big",
}

local ref = assert(sqlite3.open(disk, sqlite3.OPEN_READONLY))
local db = assert(sqlite3.open("/zip/data/x.db"))
for _, q in ipairs(queries) do
  eq(rows(db, q), rows(ref, q), q)
end
eq(rows(db, "SELECT count(*) FROM big"), "3000", "the big table, deflated")
ref:close()

-- writing: SQLite's read-only error, the data unchanged
eq(db:exec("INSERT INTO item(name) VALUES ('new')"), sqlite3.READONLY,
  "insert: sqlite3.READONLY")
eq(db:errmsg(), "attempt to write a readonly database", "insert: errmsg")
eq(db:exec("CREATE TABLE t(x)"), sqlite3.READONLY, "create table")
eq(rows(db, "SELECT count(*) FROM item"), "3", "nothing was written")
-- SQLite's memdb refuses the writes, yet reports its connection writable
eq(db:readonly("main"), false, "db:readonly()")
eq(db:close(), sqlite3.OK, "close")

-- flags: OPEN_READONLY opens, flags that ask to write are refused
local ro = assert(sqlite3.open("/zip/data/x.db", sqlite3.OPEN_READONLY))
eq(rows(ro, "SELECT name FROM item WHERE id = 2"), "beta", "OPEN_READONLY")
ro:close()
for _, f in ipairs{sqlite3.OPEN_READWRITE,
    sqlite3.OPEN_READWRITE + sqlite3.OPEN_CREATE} do
  local d, code, msg = sqlite3.open("/zip/data/x.db", f)
  eq(d, nil, "flags " .. f)
  eq(code, sqlite3.READONLY, "flags " .. f .. ": code")
  assert(msg:find("/zip/data/x.db", 1, true), msg)
end

-- missing entries and directories fail as a missing file on disk does
local _, dcode, dmsg = sqlite3.open("/nonexistent-dir/x.db")
for _, p in ipairs{"/zip/data/missing.db", "/zip/data", "/zip/nope/x.db"} do
  local d, code, msg = sqlite3.open(p)
  eq(d, nil, p)
  eq(code, dcode, p .. ": code")
  eq(msg, dmsg, p .. ": message")
end

-- an empty entry is an empty database; a text file is not a database
local e = assert(sqlite3.open("/zip/data/empty.db"))
eq(rows(e, "SELECT count(*) FROM sqlite_schema"), "0", "empty: no schema")
eq(e:exec("CREATE TABLE t(x)"), sqlite3.READONLY, "empty: read-only")
e:close()
local n = assert(sqlite3.open("/zip/data/notes.txt"))
eq(n:exec("SELECT * FROM sqlite_schema"), sqlite3.NOTADB, "text: NOTADB")
n:close()

-- the same entry twice: two independent copies
local a, b = assert(sqlite3.open("/zip/data/x.db")), assert(sqlite3.open("/zip/data/x.db"))
eq(rows(a, "SELECT count(*) FROM item") .. rows(b, "SELECT count(*) FROM item"),
  "33", "two connections")
a:close() b:close()
print("sqlite_app: ok")
