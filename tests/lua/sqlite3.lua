-- sqlite3.lua: the lsqlite3 module as moonbox builds it: its three names,
-- SQLite's version and compile options (FTS5, JSON, math functions, the
-- session extension, memdb), lsqlite3's failures, the methods moonbox adds,
-- then /zip/ databases in a bundled app (tests/zip/sqlite_app.lua).
-- lsqlite3's own tests run in tests/run's sqlite section. See LICENSE.
local check = dofile("tests/lua/check.lua")
local eq, checkerror = check.eq, check.checkerror

-- nothing of SQLite is loaded before the first require
eq(package.loaded.lsqlite3, nil, "lsqlite3 before require")
eq(package.loaded["cosmo.sqlite3"], nil, "cosmo.sqlite3 before require")

local sqlite3 = require "lsqlite3"
eq(require "cosmo.sqlite3", sqlite3, "cosmo.sqlite3 is lsqlite3")
eq(require "cosmo.lsqlite3", sqlite3, "cosmo.lsqlite3 is lsqlite3")
eq(require("cosmo").sqlite3, sqlite3, "cosmo.sqlite3 field")
eq(sqlite3.lversion(), "0.9.6", "lversion")
local major, minor = sqlite3.version():match("^(%d+)%.(%d+)%.%d+$")
assert(major, "version(): " .. sqlite3.version())
assert(tonumber(major) == 3 and tonumber(minor) >= 50, "version >= 3.50")
checkerror("readonly table", function() sqlite3.x = 1 end)
-- lsqlite3's licence (MIT) ships in the archive
local lic = assert(io.open("/zip/.lua/lsqlite3.LICENSE")):read("a")
assert(lic:find("lsqlite3", 1, true) and lic:find("Permission is hereby granted", 1, true),
  "/zip/.lua/lsqlite3.LICENSE: " .. lic:sub(1, 80))

local rows = dofile("tests/sqlite/rows.lua")

local function exec(db, sql)
  eq(db:exec(sql), sqlite3.OK, sql .. ": " .. db:errmsg())
end

-- {==== compile options
local db = sqlite3.open_memory()
local opts = rows(db, "SELECT compile_options FROM pragma_compile_options")
for _, o in ipairs{"ENABLE_FTS5", "ENABLE_SESSION", "ENABLE_PREUPDATE_HOOK",
    "ENABLE_MATH_FUNCTIONS", "OMIT_LOAD_EXTENSION", "THREADSAFE=0"} do
  assert(("\n" .. opts .. "\n"):find("\n" .. o .. "\n", 1, true), o)
end
eq(rows(db, "SELECT sqlite_version()"), sqlite3.version(), "sqlite_version()")
-- }====

-- {==== FTS5, JSON, math functions
exec(db, [[CREATE VIRTUAL TABLE docs USING fts5(title, body);
  INSERT INTO docs VALUES ('one', 'the quick brown fox');
  INSERT INTO docs VALUES ('two', 'jumps over the lazy dog');
  INSERT INTO docs VALUES ('three', 'quick quick dog')]])
eq(rows(db, "SELECT title FROM docs WHERE docs MATCH 'quick' ORDER BY rank"),
  "three\none", "FTS5 MATCH by rank")
eq(rows(db, "SELECT title FROM docs WHERE docs MATCH 'dog NOT lazy'"),
  "three", "FTS5 NOT")
eq(rows(db, "SELECT title FROM docs WHERE docs MATCH 'title:two'"), "two",
  "FTS5 column filter")
local j = [['{"a":{"b":[10,20,30]},"s":"x\u00e9"}']]
eq(rows(db, "SELECT json_extract(" .. j .. ", '$.a.b[2]')"), "30", "json_extract")
eq(rows(db, "SELECT " .. j .. " ->> '$.a.b[#-1]'"), "30", "->>")
eq(rows(db, "SELECT " .. j .. " -> '$.a'"), '{"b":[10,20,30]}', "->")
eq(rows(db, "SELECT " .. j .. " ->> '$.s'"), "x\u{e9}", "->> text")
eq(rows(db, "SELECT json_array_length(" .. j .. ", '$.a.b')"), "3", "json_array_length")
eq(rows(db, "SELECT json_valid('{')"), "0", "json_valid")
eq(rows(db, "SELECT group_concat(value, ',') FROM json_each('[1,2,3]')"), "1,2,3", "json_each")
eq(rows(db, "SELECT sqrt(2.0) = " .. string.format("%.17g", math.sqrt(2))), "1", "sqrt")
eq(rows(db, "SELECT pow(2, 10), floor(-1.5), ceil(1.2), log10(1000)"),
  "1024.0\t-2.0\t2.0\t3.0", "math functions")
eq(rows(db, "SELECT abs(pi() - " .. string.format("%.17g", math.pi) .. ") < 1e-15"), "1", "pi()")
-- }====

-- {==== lsqlite3's failures
eq(db:exec("SELEC 1"), sqlite3.ERROR, "exec of bad SQL: sqlite3.ERROR")
assert(db:errmsg():find("syntax error", 1, true), db:errmsg())
eq(db:errcode(), sqlite3.ERROR, "errcode")
local st, code = db:prepare("SELECT * FROM nowhere")
eq(st, nil, "prepare of bad SQL")
eq(code, sqlite3.ERROR, "prepare: code")
checkerror("no such table", function() for _ in db:nrows("SELECT * FROM nowhere") do end end)
local bad, bcode, bmsg = sqlite3.open("/nonexistent-dir/x.db")
eq(bad, nil, "open in a missing directory")
eq(bcode, sqlite3.CANTOPEN, "open: CANTOPEN")
eq(bmsg, "unable to open database file", "open: message")
local ok, lmsg = db:load_extension("/lib/x.so")
eq(ok, false, "load_extension")
assert(lmsg:find("statically linked", 1, true), lmsg)
checkerror("load_extension", function() rows(db, "SELECT load_extension('x')") end)
-- }====

-- {==== memdb: one database shared by two connections of this process
local flags = sqlite3.OPEN_READWRITE + sqlite3.OPEN_CREATE + sqlite3.OPEN_URI
local m1 = assert(sqlite3.open("file:/moonbox-test?vfs=memdb", flags))
local m2 = assert(sqlite3.open("file:/moonbox-test?vfs=memdb", flags))
exec(m1, "CREATE TABLE t(x); INSERT INTO t VALUES (42)")
eq(rows(m2, "SELECT x FROM t"), "42", "memdb shared by name")
m1:close() m2:close()
local priv = assert(sqlite3.open("file:x?vfs=memdb", flags))
exec(priv, "CREATE TABLE t(x)")
priv:close()
-- }====

-- {==== sessions: changeset, apply, invert, patchset, conflicts
local function pair()
  local a, b = sqlite3.open_memory(), sqlite3.open_memory()
  for _, d in ipairs{a, b} do
    exec(d, "CREATE TABLE k(id INTEGER PRIMARY KEY, v TEXT)")
    exec(d, "INSERT INTO k VALUES (1, 'one'), (2, 'two')")
  end
  return a, b
end
local a, b = pair()
local ses = assert(a:create_session())
eq(ses:isempty(), true, "new session: empty")
eq(ses:attach("k"), true, "attach")
exec(a, "INSERT INTO k VALUES (3, 'three'); UPDATE k SET v = 'uno' WHERE id = 1;"
  .. "DELETE FROM k WHERE id = 2")
eq(ses:isempty(), false, "session after changes")
local cs = assert(ses:changeset())
assert(#cs > 0, "changeset")
local ps = assert(ses:patchset())
assert(#ps > 0 and ps ~= cs, "patchset")
eq(b:apply_changeset(cs), true, "apply_changeset")
eq(rows(b, "SELECT * FROM k ORDER BY id"), rows(a, "SELECT * FROM k ORDER BY id"),
  "b equals a after the changeset")
eq(rows(b, "SELECT * FROM k ORDER BY id"), "1\tuno\n3\tthree", "b's rows")
-- the changeset read back by an iterator
local it = assert(a:iterate_changeset(cs))
local changes = {}
while it:next() == sqlite3.ROW do
  local tbl, op, indirect = it:op()
  local old, new = op ~= sqlite3.INSERT and it:old(), op ~= sqlite3.DELETE and it:new()
  changes[#changes + 1] = table.concat({tbl, op, tostring(indirect),
    old and tostring(old[1]) .. "/" .. tostring(old[2]) or "-",
    new and tostring(new[1]) .. "/" .. tostring(new[2]) or "-"}, " ")
end
table.sort(changes)
local want = {
  table.concat({"k", sqlite3.INSERT, "false", "-", "3/three"}, " "),
  -- an UPDATE holds the primary key and the changed values only
  table.concat({"k", sqlite3.UPDATE, "false", "1/one", "false/uno"}, " "),
  table.concat({"k", sqlite3.DELETE, "false", "2/two", "-"}, " ")}
table.sort(want)
eq(table.concat(changes, "\n"), table.concat(want, "\n"), "iterate_changeset")
eq(it:next(), sqlite3.DONE, "iterator at its end")
eq(it:finalize(), true, "finalize")
checkerror("invalid sqlite iterator", function() it:op() end)
local inv = assert(a:invert_changeset(cs))
eq(a:apply_changeset(inv), true, "apply the inverse")
eq(rows(a, "SELECT * FROM k ORDER BY id"), "1\tone\n2\ttwo", "a is back")
eq(a:apply_changeset(cs), true, "apply again")
eq(a:apply_changeset(cs, function() return sqlite3.CHANGESET_ABORT end, nil, nil,
  sqlite3.CHANGESETAPPLY_INVERT), true, "flags after conflict, udata, rebaser")
eq(rows(a, "SELECT * FROM k ORDER BY id"), "1\tone\n2\ttwo", "CHANGESETAPPLY_INVERT")
local both = assert(a:concat_changeset({cs, inv}))
eq(type(both), "string", "concat_changeset")
eq(ses:enable(false), false, "enable(false)")
eq(ses:enable(), false, "enable() queries")
eq(ses:indirect(true), true, "indirect(true)")
ses:delete()
checkerror("deleted sqlite session", function() ses:changeset() end)
ses:delete() -- again: harmless
eq(tostring(ses), "sqlite session (deleted)", "tostring")

-- a conflict: the handler sees it and chooses
local c1, c2 = pair()
local s2 = assert(c1:create_session())
assert(s2:attach())
exec(c1, "UPDATE k SET v = 'new' WHERE id = 1")
exec(c2, "UPDATE k SET v = 'theirs' WHERE id = 1")
local ccs = assert(s2:changeset())
local seen, kept = {}, nil
eq(c2:apply_changeset(ccs, function(udata, kind, cit, tbl, op)
  seen[#seen + 1] = table.concat({udata, kind, tbl, op, cit:old()[2], cit:new()[2],
    cit:conflict()[2], tostring(cit:pk()[1])}, " ")
  local r = {cit:next()}
  eq(r[2], sqlite3.MISUSE, "a handler's iterator cannot move")
  kept = cit
  return sqlite3.CHANGESET_OMIT
end, "u"), true, "apply with a conflict handler")
eq(table.concat(seen, ","), table.concat({"u", sqlite3.CHANGESET_DATA, "k",
  sqlite3.UPDATE, "one", "new", "theirs", "true"}, " "), "the handler's arguments")
checkerror("invalid sqlite iterator", function() kept:op() end)
eq(rows(c2, "SELECT v FROM k WHERE id = 1"), "theirs", "OMIT kept theirs")
eq(c2:apply_changeset(ccs, function() return sqlite3.CHANGESET_REPLACE end), true,
  "apply with REPLACE")
eq(rows(c2, "SELECT v FROM k WHERE id = 1"), "new", "REPLACE took ours")
local tables = {}
eq(c2:apply_changeset(ccs, function(t) tables[#tables + 1] = t return false end,
  function() error("not called") end), true, "a filter that skips")
eq(table.concat(tables), "k", "the filter saw the table")
checkerror("boom", function()
  exec(c2, "UPDATE k SET v = 'x' WHERE id = 1")
  c2:apply_changeset(ccs, function() error("boom") end)
end)
eq(rows(c2, "SELECT v FROM k WHERE id = 1"), "x", "an aborted apply changed nothing")
local r = {c2:apply_changeset("garbage")}
eq(r[1], nil, "a damaged changeset")
eq(type(r[2]), "number", "its code")
-- a rebaser: the local side keeps its own change to row 1 (OMIT of the
-- remote one); rebased on that, the local changeset applies remotely
-- without conflict and both sides end the same (unrebased, its old value
-- would not match the remote row and the change would be omitted there)
local function rebase_case(resolution)
  local l, rdb = pair()
  local ls, rs = assert(l:create_session()), assert(rdb:create_session())
  assert(ls:attach()) assert(rs:attach())
  exec(l, "UPDATE k SET v = 'local' WHERE id = 1; INSERT INTO k VALUES (5, 'five')")
  exec(rdb, "UPDATE k SET v = 'remote' WHERE id = 1")
  local local_cs, remote_cs = assert(ls:changeset()), assert(rs:changeset())
  ls:delete() rs:delete()
  local reb = assert(l:create_rebaser())
  local data = l:apply_changeset(remote_cs, function() return resolution end, nil, reb)
  eq(type(data), "string", "apply with a rebaser: the rebase data")
  local rebased = assert(reb:rebase(local_cs))
  eq(rdb:apply_changeset(rebased, function() error("no conflict expected") end), true,
    "apply the rebased changeset remotely")
  eq(rows(rdb, "SELECT * FROM k ORDER BY id"), rows(l, "SELECT * FROM k ORDER BY id"),
    "both sides the same after the rebase")
  return rows(l, "SELECT v FROM k WHERE id = 1"), reb, local_cs
end
eq(rebase_case(sqlite3.CHANGESET_OMIT), "local", "OMIT: the local value on both sides")
local won, reb, local_cs = rebase_case(sqlite3.CHANGESET_REPLACE)
eq(won, "remote", "REPLACE: the remote value on both sides")
assert(tostring(reb):find("^sqlite rebaser %("), tostring(reb))
reb:delete()
checkerror("deleted sqlite rebaser", function() reb:rebase(local_cs) end)
checkerror("moonbox.sqlite3.rebaser expected", function() c2:apply_changeset(local_cs,
  function() return 0 end, nil, {}) end)
-- closing the database deletes its sessions first
local s3 = assert(c1:create_session())
eq(c1:close(), sqlite3.OK, "close with a live session")
checkerror("deleted sqlite session", function() s3:isempty() end)
checkerror("closed", function() c1:create_session() end)
-- }====

-- {==== get_ptr, open_ptr: a borrowed handle, the connection its owner's
local owner = sqlite3.open_memory()
local ptr = owner:get_ptr()
eq(type(ptr), "userdata", "get_ptr")
local borrowed = sqlite3.open_ptr(ptr)
exec(borrowed, "CREATE TABLE t(x); INSERT INTO t VALUES (7)")
eq(rows(owner, "SELECT x FROM t"), "7", "the owner sees the borrowed handle's write")
eq(borrowed:close(), sqlite3.OK, "borrowed close")
eq(owner:isopen(), true, "the owner stays open")
eq(rows(borrowed, "SELECT x FROM t"), "7", "the handle still reaches the owner")
eq(owner:close(), sqlite3.OK, "the owner closes the connection")
eq(borrowed:isopen(), false, "the handle sees it closed")
checkerror("not a valid SQLite3 pointer", sqlite3.open_ptr, ptr)
checkerror("userdata expected, got number", sqlite3.open_ptr, 1)
-- }====

-- the module opened a second time (its loader called again): closing a
-- database still deletes its sessions, close and get_ptr still work
do
  local d = sqlite3.open_memory()
  local ses2 = assert(d:create_session())
  local again = package.preload.lsqlite3()
  assert(again ~= sqlite3 and again.open_memory, "a second module table")
  local d2 = again.open_memory()
  eq(type(d2:get_ptr()), "userdata", "get_ptr after a second open")
  eq(d:close(), sqlite3.OK, "close after a second open")
  checkerror("deleted sqlite session", function() ses2:isempty() end)
  eq(d2:close(), sqlite3.OK, "close of the second module's database")
end
-- }====

-- {==== serialize, deserialize, readonly
local src = sqlite3.open_memory()
exec(src, "CREATE TABLE s(x); INSERT INTO s VALUES ('kept')")
local image = assert(src:serialize())
eq(image:sub(1, 16), "SQLite format 3\0", "serialize: the file header")
local copy = sqlite3.open_memory()
eq(copy:deserialize(image), true, "deserialize")
eq(rows(copy, "SELECT x FROM s"), "kept", "deserialized data")
exec(copy, "INSERT INTO s VALUES ('more')") -- writable and growable
eq(rows(copy, "SELECT count(*) FROM s"), "2", "write after deserialize")
eq(copy:readonly(), false, "readonly(): false")
eq(copy:readonly("nowhere"), nil, "readonly of an unknown schema")
-- }====

-- {==== /zip/: a bundled app reads a database written here
local unix = require "unix"
local top = os.tmpname()
assert(os.remove(top))
assert(unix.mkdir(top, tonumber("700", 8)))
assert(unix.makedirs(top .. "/src/data"))
local x = top .. "/src/data/x.db"
local w = assert(sqlite3.open(x))
exec(w, [[CREATE TABLE item(id INTEGER PRIMARY KEY, name TEXT, doc TEXT);
  INSERT INTO item VALUES (1, 'alpha', '{"n": 4, "tags": ["a", "first"]}');
  INSERT INTO item VALUES (2, 'beta', '{"n": 5, "tags": ["b", "second"]}');
  INSERT INTO item VALUES (3, 'gamma', '{"n": 7, "tags": ["c", "third"]}');
  CREATE VIRTUAL TABLE notes USING fts5(body);
  INSERT INTO notes VALUES ('read from the archive');
  INSERT INTO notes VALUES ('written on disk');
  INSERT INTO notes VALUES ('the archive is read only');
  CREATE TABLE big(n, pad);
  WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < 3000)
  INSERT INTO big SELECT n, 'padding padding padding' FROM c;]])
w:close()
local function put(name, data)
  local f = assert(io.open(top .. "/src/" .. name, "wb"))
  f:write(data) f:close()
end
put("data/empty.db", "")
put("data/notes.txt", ("not a database\n"):rep(100))
for name, from in pairs{["main.lua"] = "tests/zip/sqlite_app.lua",
    ["check.lua"] = "tests/lua/check.lua", ["rows.lua"] = "tests/sqlite/rows.lua"} do
  put(name, assert(io.open(from)):read("a"))
end
local exe = assert(arg[-1], "arg[-1]: the interpreter")
if exe:find("/") then exe = assert(unix.realpath(exe)) end
local app = top .. "/app"
local okb = os.execute(string.format(
  "cd '%s/src' && '%s' --bundle -o '%s' --main main.lua main.lua check.lua rows.lua data",
  top, exe, app))
assert(okb, "--bundle")
local p = assert(io.popen(string.format("'%s' '%s' 2>&1", app, x)))
local out = p:read("a")
p:close()
eq(out, "sqlite_app: ok\n", "the checks inside the bundled app")
os.execute(string.format("rm -rf '%s'", top))
-- }====
print("sqlite3: ok")
