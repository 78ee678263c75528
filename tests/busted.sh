# tests/busted.sh: acceptance by the Lua ecosystem's test tools: busted's own
# spec suite and Penlight's tests, from their pinned Debian sources (test
# inputs only, never in the archive), run on moonbox and on Debian's lua5.4
# side by side. Sourced by tests/run (sections busted and penlight; $M =
# moonbox). See LICENSE.

BD=$PWD/build/deps
# busted 2.2.0 and what its rockspec needs beyond lfs, term and system
BUSTED_DEPS="lua-busted lua-cliargs lua-say lua-luassert lua-mediator lua-dkjson lua-penlight"

# acc_ready: the pinned sources are here (fetched if not: tests/run's
# test_deps), and lua5.4 has the C modules busted and Penlight load
# (Debian's lua-filesystem, lua-term, lua-system: make test-tools). Says
# why in a failure otherwise.
acc_ready() {
  test_deps $BUSTED_DEPS || return 1
  if ! lua5.4 -e 'require "lfs" require "term.core" require "system.core"' \
      > "$TMP/acc.err" 2>&1; then
    fail "$section_name: lua5.4 loads lfs, term.core and system.core" \
      "make test-tools (lua-filesystem, lua-term, lua-system)" \
      "$(show "$(cat "$TMP/acc.err")")"
    return 1
  fi
}

# acc_stage TAG INTERPRETER: $TMP/acc-TAG/ holds bin/lua (the interpreter,
# under the name busted's spec and bin/busted's "#!/usr/bin/env lua" call
# it by), lua/luassert (luassert's src/, installed under that name as its
# rockspec does) and a copy of busted's source in busted/ (the suite writes
# there, and its fixtures_spec wants the directory named busted).
acc_stage() {
  local r=$TMP/acc-$1
  rm -rf "$r" && mkdir -p "$r/bin" "$r/lua"
  ln -s "$2" "$r/bin/lua"
  ln -s "$BD/lua-luassert/src" "$r/lua/luassert"
  cp -R "$BD/lua-busted" "$r/busted"
}

# acc_path ROOT: package.path for busted and its Lua dependencies (each in
# its source's layout), before the interpreter's default path.
acc_path() {
  local s
  for s in "$1/busted/?.lua" "$1/busted/?/init.lua" \
      "$BD/lua-cliargs/src/?.lua" "$BD/lua-cliargs/src/?/init.lua" \
      "$BD/lua-say/src/?/init.lua" "$1/lua/?.lua" "$1/lua/?/init.lua" \
      "$BD/lua-mediator/src/?.lua" "$BD/lua-dkjson/?.lua" \
      "$BD/lua-penlight/lua/?.lua" "$BD/lua-penlight/lua/?/init.lua"; do
    printf '%s;' "$s"
  done
}

# acc_compare NAME MIN OUT-LUA OUT-MOONBOX: busted's plainTerminal report
# (one mark per test in order, the pending ones named, the counts) from
# lua5.4 must show at least MIN successes and no failure or error, and
# moonbox's must be the same report (the seconds taken left out).
acc_compare() {
  local name=$1 min=$2 want got counts n
  want=$(sed 's/ : [0-9.e-]* seconds$//' "$3")
  got=$(sed 's/ : [0-9.e-]* seconds$//' "$4")
  counts=$(printf '%s\n' "$want" | grep -a ' successes\{0,1\} / ')
  n=$(printf '%s\n' "$counts" | sed -n 's#^\([0-9]*\) successes / 0 failures / 0 errors / [0-9]* pending$#\1#p')
  if [ -z "$n" ] || [ "$n" -lt "$min" ]; then
    fail "$name: lua5.4 gives at least $min successes, no failure or error" \
      "lua5.4's report:" "$(show "$(printf '%s\n' "$want" | tail -n 30)")"
    return
  fi
  if [ "$want" = "$got" ]; then
    pass "$name: moonbox's report is lua5.4's ($counts)"
  else
    fail "$name: moonbox's report is lua5.4's" \
      "$(show "$(diff <(printf '%s\n' "$want") <(printf '%s\n' "$got") | head -n 40)")"
  fi
}

# {==== busted: its spec/ through its bin/busted, from its source directory,
# on lua5.4 (in the background) and moonbox at once: the suite's cl_spec
# starts bin/busted some 130 times, which gVisor makes slow. Left out:
# cl_spec's "running a configfile for luacov" case (--coverage needs LuaCov,
# which Debian does not package; it fails on lua5.4 as on moonbox).
busted_suite() {
  acc_ready || return 0
  local t
  for t in lua5.4 moonbox; do
    case $t in
      lua5.4) acc_stage "$t" "$(command -v lua5.4)" ;;
      *) acc_stage "$t" "$(cd "$(dirname "$M")" && pwd)/$(basename "$M")" ;;
    esac
    sed -i "/^  it('tests running a configfile for luacov'/,/^  end)\$/d" \
      "$TMP/acc-$t/busted/spec/cl_spec.lua"
  done
  if grep -q 'configfile for luacov' "$TMP/acc-moonbox/busted/spec/cl_spec.lua"; then
    fail "busted: spec/cl_spec.lua staged without its LuaCov case" \
      "the sed pattern no longer matches the pinned source"
    return 0
  fi
  busted_run lua5.4 & t=$!
  busted_run moonbox
  wait "$t"
  acc_compare "busted: busted 2.2.0's own spec suite" 1500 \
    "$TMP/acc-lua5.4/report" "$TMP/acc-moonbox/report"
}

busted_run() { # TAG
  local r=$TMP/acc-$1
  (cd "$r/busted" && PATH="$r/bin:$PATH" LUA_PATH="$(acc_path "$r");" \
    bin/busted -o plainTerminal > "$r/report" 2>&1)
}
# }====

# {==== penlight: Penlight 1.14.0's tests, in copies of its source.
# run.lua (its own runner) runs each file of tests/ and examples/ with the
# interpreter that runs it (arg[-1]) and stops at the first that fails;
# its spec/ runs under busted, started as LuaRocks' wrapper starts it
# (lua -e "package.path=..." busted: app_spec checks that the command line
# it sees has that shape). Nothing is left out.
penlight_suite() {
  acc_ready || return 0
  local m t pid
  m=$(cd "$(dirname "$M")" && pwd)/$(basename "$M")
  for t in lua5.4 moonbox; do
    rm -rf "$TMP/pl-$t" && cp -R "$BD/lua-penlight" "$TMP/pl-$t"
  done
  acc_stage lua5.4 "$(command -v lua5.4)"
  acc_stage moonbox "$m"
  # run.lua's test-app.lua writes /tmp/justsomescriptname.lua: the two
  # run.lua runs go one after the other, each beside the other's spec run
  penlight_spec moonbox & pid=$!
  penlight_runlua lua5.4 "$(command -v lua5.4)"
  wait "$pid"
  penlight_spec lua5.4 & pid=$!
  penlight_runlua moonbox "$m"
  wait "$pid"
  penlight_check
  acc_compare "penlight: Penlight's spec/ under busted" 200 \
    "$TMP/acc-lua5.4/pl-report" "$TMP/acc-moonbox/pl-report"
}

penlight_runlua() { # TAG INTERPRETER
  (cd "$TMP/pl-$1" && "$2" run.lua > run.out 2>&1; echo "status $?" >> run.out)
}

# moonbox ran run.lua to its end (status 0), through the same files as
# lua5.4, which did too
penlight_check() {
  local want got n
  want=$(grep '^Running \|^Run completed\|^status ' "$TMP/pl-lua5.4/run.out")
  got=$(grep '^Running \|^Run completed\|^status ' "$TMP/pl-moonbox/run.out")
  n=$(grep -c '^Running [a-z]*/' "$TMP/pl-lua5.4/run.out")
  case $want in
    *$'\nRun completed successfully\nstatus 0') ;;
    *) fail "penlight: lua5.4 runs run.lua to its end" \
         "$(show "$(tail -n 20 "$TMP/pl-lua5.4/run.out")")"; return ;;
  esac
  if [ "$want" = "$got" ]; then
    pass "penlight: run.lua passes all its $n files of tests/ and examples/ on moonbox"
  else
    fail "penlight: run.lua passes all its $n files of tests/ and examples/ on moonbox" \
      "$(show "$(diff <(printf '%s\n' "$want") <(printf '%s\n' "$got"))")" \
      "moonbox's output ends:" "$(show "$(tail -n 20 "$TMP/pl-moonbox/run.out")")"
  fi
}

penlight_spec() { # TAG
  local r=$TMP/acc-$1
  (cd "$TMP/pl-$1" && "$r/bin/lua" \
    -e "package.path=[[lua/?.lua;lua/?/init.lua;$(acc_path "$r")]]..package.path" \
    "$r/busted/bin/busted" -o plainTerminal spec > "$r/pl-report" 2>&1)
}
# }====
