# tests/luarocks/cases.sh: Debian's LuaRocks 3.8.0 (pinned source, its src/
# on LUA_PATH, its bin/luarocks script) run by moonbox, offline, in a scratch
# directory: a pure-Lua rock (build.type "builtin", one module and one bin
# script) is made, packed into a .all.rock, installed from that file into a
# tree, required through `luarocks path`, run through its bin wrapper, and
# removed; a C rock builds and installs, but only lua5.4 can load it. The
# configuration is a file of the test's (LUAROCKS_CONFIG), no
# system one (LUAROCKS_SYSCONFDIR points at nothing) and HOME is a scratch
# directory that must stay empty. Sourced by tests/run (section luarocks).
# See LICENSE.

lr_w=$TMP/luarocks
lr_m=$(cd "$(dirname "$M")" && pwd)/$(basename "$M")
lr_src=$PWD/build/deps/luarocks/src
rm -rf "$lr_w" && mkdir -p "$lr_w/home" "$lr_w/rock/src" "$lr_w/lua"

# the rock: a module that needs lfs (a dependency on the rock luafilesystem,
# which moonbox has built in: rocks_provided says so), a bin script that says
# which runtime ran it (only moonbox has the module "moonbox"), its rockspec
cat > "$lr_w/rock/src/hello.lua" <<'EOF'
local lfs = require("lfs")
local M = {}
function M.greet(who) return "hello, " .. who end
M.lfs = lfs._VERSION
return M
EOF
cat > "$lr_w/rock/src/hello-cli" <<'EOF'
local hello = require("hello")
print(hello.greet(arg[1]) .. " from moonbox " .. require("moonbox").version .. ", " .. hello.lfs)
EOF
# lr_rockspec NAME SUMMARY DEPENDENCIES BUILD: NAME-1.0-1.rockspec, whose
# source is never fetched (make and pack use the files at hand)
lr_rockspec() {
  cat > "$lr_w/rock/$1-1.0-1.rockspec" <<EOF
package = "$1"
version = "1.0-1"
source = { url = "file:///nonexistent/$1-1.0.tar.gz" }
description = { summary = "$2", license = "MIT" }
dependencies = $3
build = $4
EOF
}
lr_rockspec hello "moonbox's LuaRocks test rock" \
  '{ "lua >= 5.4", "luafilesystem >= 1.8" }' \
  '{ type = "builtin", modules = { hello = "src/hello.lua" },
  install = { bin = { ["hello-cli"] = "src/hello-cli" } } }'

# lr_config FILE [LINE...]: the configuration docs/modules.md gives, plus
# LINEs. The only rocks server is a local directory that does not exist, so
# nothing is ever downloaded (an empty list would not do: LuaRocks merges its
# default servers, luarocks.org first, into it).
lr_config() {
  local f=$1
  shift
  {
    printf 'rocks_trees = { { name = "test", root = "%s" } }\n' "$lr_w/tree"
    printf 'rocks_servers = { "%s" }\n' "$lr_w/repo"
    printf 'local_cache = "%s"\n' "$lr_w/cache"
    printf '%s\n' 'rocks_provided = { luafilesystem = "1.8.0-1", lpeg = "1.1.0-1",' \
      '  luasocket = "3.1.0-1", ["lua-zlib"] = "1.3-1", ["lua-term"] = "0.07-1" }'
    printf 'lua_interpreter = "%s"\n' "$(basename "$lr_m")"
    printf 'variables.LUA_BINDIR = "%s"\n' "$(dirname "$lr_m")"
    printf '%s\n' "$@"
  } > "$f"
}
# LuaRocks 3.8 looks for an interpreter named lua5.4, lua54, lua-5.4, lua-54
# or lua in LUA_DIR/bin and LUA_DIR (util.find_lua), whatever lua_interpreter
# says, and warns on each command when there is none: a link named lua5.4
# to moonbox in LUA_DIR silences it.
ln -s "$lr_m" "$lr_w/lua/lua5.4"
lr_config "$lr_w/config.lua" "variables.LUA_DIR = \"$lr_w/lua\""
# 3.8 checks for lua.h (LUA_VERSION_NUM 504) before any build, even of Lua
# files only: the pinned Lua source's header, for make
lr_config "$lr_w/config-make.lua" "variables.LUA_DIR = \"$lr_w/lua\"" \
  "variables.LUA_INCDIR = \"$PWD/build/deps/lua/src\""
lr_config "$lr_w/config-nolink.lua"

lr() { # CONFIG ARGS...: luarocks on moonbox, in the rock's directory
  local c=$1
  shift
  (cd "$lr_w/rock" && env -u LUAROCKS_CONFIG_5_4 LUAROCKS_CONFIG="$lr_w/$c" \
    LUAROCKS_SYSCONFDIR="$lr_w/etc" HOME="$lr_w/home" \
    LUA_PATH="$lr_src/?.lua;;" "$lr_m" "$lr_src/bin/luarocks" "$@")
}

lr_tree=$lr_w/tree
lr_status=$'\nhello 1.0-1 depends on lua >= 5.4 (5.4-1 provided by VM)\nhello 1.0-1 depends on luafilesystem >= 1.8 (1.8.0-1 provided by VM)\nhello 1.0-1 is now installed in '

cli "luarocks: make with no LUA_INCDIR fails: 3.8 wants lua.h even for Lua files only" \
  -s 1 -e $'\nError: Failed finding Lua header files. You may need to install them or configure LUA_INCDIR.\n' -- \
  lr config.lua make --tree "$lr_w/build" hello-1.0-1.rockspec
cli "luarocks: make (build.type builtin) with LUA_INCDIR installs into a build tree" \
  -o "$lr_status$lr_w/build (license: MIT)"$'\n\n' \
  -e $'No existing manifest. Attempting to rebuild...\n' -- \
  lr config-make.lua make --tree "$lr_w/build" hello-1.0-1.rockspec
cli "luarocks: pack of the installed rock writes hello-1.0-1.all.rock (lua-zlib's deflate)" \
  -o "Packed: $lr_w/rock/hello-1.0-1.all.rock"$'\n' -- \
  lr config.lua pack hello --tree "$lr_w/build"
cli "luarocks: the .all.rock is a sound zip (Info-ZIP's unzip) of the rock's 4 files" \
  -o $'bin/hello-cli\nhello-1.0-1.rockspec\nlua/hello.lua\nrock_manifest\nNo errors detected in compressed data of hello-1.0-1.all.rock.\n' -- \
  sh -c 'cd "$1" && unzip -Z1 hello-1.0-1.all.rock | LC_ALL=C sort &&
    unzip -tq hello-1.0-1.all.rock' - "$lr_w/rock"
rm -rf "$lr_w/build"
cli "luarocks: install ./hello-1.0-1.all.rock --tree T, no LUA_INCDIR needed" \
  -o "$lr_status$lr_tree (license: MIT)"$'\n\n' \
  -e $'No existing manifest. Attempting to rebuild...\n' -- \
  lr config.lua install ./hello-1.0-1.all.rock --tree "$lr_tree"
cli "luarocks: the tree holds the module (as written), the bin script and the wrapper" \
  -o "$(printf '%s\n' bin/hello-cli \
    lib/luarocks/rocks-5.4/hello/1.0-1/bin/hello-cli \
    lib/luarocks/rocks-5.4/hello/1.0-1/hello-1.0-1.rockspec \
    lib/luarocks/rocks-5.4/hello/1.0-1/rock_manifest \
    lib/luarocks/rocks-5.4/manifest share/lua/5.4/hello.lua)"$'\nsame\n' -- \
  sh -c 'cd "$1" && find . -type f | sed "s|^\./||" | LC_ALL=C sort &&
    cmp share/lua/5.4/hello.lua "$2" && echo same' - "$lr_tree" "$lr_w/rock/src/hello.lua"
cli "luarocks: the bin wrapper execs moonbox (lua_interpreter, LUA_BINDIR)" \
  -O " exec '$lr_m' -e 'package.path=\"$lr_tree/share/lua/5.4/?.lua;" -- \
  cat "$lr_tree/bin/hello-cli"
cli "luarocks: the bin wrapper runs the rock's script on moonbox" \
  -o "hello, world from moonbox $(cat VERSION), LuaFileSystem 1.8.0"$'\n' -- "$lr_tree/bin/hello-cli" world
cli "luarocks: with luarocks path's LUA_PATH, moonbox requires the module from the tree" \
  -o "hello, moonbox"$'\t'"$lr_tree/share/lua/5.4/hello.lua"$'\n' -- sh -c '
    eval "$(LUA_PATH="$1/?.lua;;" LUAROCKS_CONFIG="$2" LUAROCKS_SYSCONFDIR="$3" \
      HOME="$4" "$5" "$1/bin/luarocks" path --tree "$6")" &&
    exec "$5" -e "print(require(\"hello\").greet(\"moonbox\"),
      package.searchpath(\"hello\", package.path))"' \
  - "$lr_src" "$lr_w/config.lua" "$lr_w/etc" "$lr_w/home" "$lr_m" "$lr_tree"
cli "luarocks: with no interpreter named lua5.4 in LUA_DIR, 3.8 warns (and works)" \
  -o $'hello\t1.0-1\tinstalled\t'"$lr_tree/lib/luarocks/rocks-5.4"$'\n' \
  -E "Warning: Lua 5.4 interpreter not found at $(dirname "$lr_m")"$'\n' -- \
  lr config-nolink.lua list --porcelain --tree "$lr_tree"
cli "luarocks: remove hello --tree T" \
  -o $'Checking stability of dependencies in the absence of\nhello 1.0-1...\n\nRemoving hello 1.0-1...\nRemoval successful.\n' -- \
  lr config.lua remove hello --tree "$lr_tree"
cli "luarocks: after remove the tree holds only its (empty) manifest" \
  -o $'lib/luarocks/rocks-5.4/manifest\n' -- \
  sh -c 'cd "$1" && find . -type f | sed "s|^\./||"' - "$lr_tree"

# A C rock: LuaRocks on moonbox builds it (gcc through os.execute, lua.h
# from LUA_INCDIR) and installs the .so, which Debian's lua5.4 loads; moonbox,
# a static binary, cannot, and its error says so and names the built-in
# C modules.
cat > "$lr_w/rock/cmod.c" <<'EOF2'
#include "lua.h"
#include "lauxlib.h"
static int answer(lua_State *L) { lua_pushinteger(L, 42); return 1; }
int luaopen_cmod(lua_State *L) {
  luaL_Reg f[] = {{"answer", answer}, {NULL, NULL}};
  luaL_newlib(L, f);
  return 1;
}
EOF2
lr_rockspec cmod "moonbox's LuaRocks test C rock" '{}' \
  '{ type = "builtin", modules = { cmod = "cmod.c" } }'
cli "luarocks: make of a C rock compiles and installs cmod.so" \
  -O $'\ncmod 1.0-1 is now installed in '"$lr_tree"$' (license: MIT)\n' -- \
  lr config-make.lua make --tree "$lr_tree" cmod-1.0-1.rockspec
lr_so=$lr_tree/lib/lua/5.4/cmod.so
cli "luarocks: Debian's lua5.4 loads the C rock's module" -o $'42\n' -- \
  lua5.4 -e "package.cpath = '$lr_tree/lib/lua/5.4/?.so'" -e 'print(require("cmod").answer())'
cli "luarocks: moonbox cannot load it and says why" -s 1 \
  -E "module 'cmod' is a C library at '$lr_so', which moonbox cannot load: it is statically linked (built-in C modules: " -- \
  "$lr_m" -e "package.cpath = '$lr_tree/lib/lua/5.4/?.so'" -e 'require "cmod"'
# (find, not ls: coreutils' ls fails with EINVAL on statx in gVisor)
cli "luarocks: nothing was written in HOME" -- find "$lr_w/home" -mindepth 1
