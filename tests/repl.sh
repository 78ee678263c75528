# tests/repl.sh: the interactive loop on a pseudo-terminal: keystrokes in,
# screen text, exit status and terminal modes out (tests/repl/pty.c says
# how its scripts read). Sourced by tests/run ($M = moonbox). See LICENSE.

PTY=${MOONBOX_PTY:-$(dirname "$UNIT_DIR")/repl-pty}
H=$TMP/repl-home
mkdir -p "$H"

# repl_case NAME [-u VAR | VAR=VALUE]... <<'KEYS' script KEYS: moonbox on a
# pty with TERM=xterm, a private HOME and no history file unless the case
# sets one.
repl_case() {
  local name=$1
  shift
  cat > "$TMP/keys"
  if env -u XDG_STATE_HOME TERM=xterm HOME="$H" MOONBOX_HISTORY= env "$@" \
      "$PTY" "$TMP/keys" -- "$M" > "$TMP/pty.out" 2>&1; then
    pass "repl: $name"
  else
    fail "repl: $name" "$(show "$(cat "$TMP/pty.out")")"
  fi
}

if [ "$INNER" = gvisor ]; then
  export PTY_NO_ISIG=1
  skip "repl: ^C typed on a cooked pty" "gVisor's pty does not turn it into SIGINT; kill(SIGINT) stands in"
fi

if [ ! -x "$PTY" ]; then
  fail "repl: the pty driver is built" "make $PTY"
  return 0
fi

# {==== evaluation
repl_case "expressions print their values, errors keep the session" <<'KEYS'
expect > 
type 1 + 1\r
expect \n2\n> 
type return 1, nil, "x"\r
expect \n1\tnil\tx\n> 
type = 3 * 3\r
expect \n9\n> 
type error("boom")\r
expect \nstdin:1: boom\nstack traceback:
expect > 
type x = 5\r
type x\r
expect \n5\n> 
type \x04
exit 0
KEYS
repl_case "incomplete chunks continue with _PROMPT2; _PROMPT is used" <<'KEYS'
type for i = 1, 2 do\r
expect \n>> 
type print(i * 10)\r
expect \n>> 
type end\r
expect \n10\n20\n> 
type _PROMPT = "lua$ " _PROMPT2 = "...$ "\r
expect lua$ 
type if true then\r
expect ...$ 
type print("in") end\r
expect \nin\nlua$ 
type \x04
exit 0
KEYS
repl_case "running code sees the terminal in its normal mode (io.read)" <<'KEYS'
type line = io.read()\r
sleep 200
cooked
send typed text\r
type line .. "!"\r
expect \ntyped text!\n> 
type \x04
exit 0
KEYS
repl_case "os.exit in the loop leaves the terminal as it was" <<'KEYS'
type os.exit(3)\r
exit 3
KEYS
# }====

# {==== completion
repl_case "Tab completes the common prefix: fields, nested paths, globals" <<'KEYS'
type string.fo\t("%d", 42)\r
expect \n42\n> 
type package.loaded.string.up\t("abc")\r
expect \nABC\n> 
type pri\t(7)\r
expect \n7\n> 
type loc\t v = 3 print(v)\r
expect \n3\n> 
type \x04
exit 0
KEYS
repl_case "Tab after ':' completes methods (io.stdout:wr)" <<'KEYS'
type io.stdout:wr\t("written\\n")\r
expect \nwritten\nfile (0x
type s = "abc"\r
type s:up\t()\r
expect \nABC\n> 
type \x04
exit 0
KEYS
repl_case "Tab twice lists the candidates" <<'KEYS'
type string.f\t\t
expect find
expect format
type \x15\x04
exit 0
KEYS
repl_case "completion follows __index tables only and runs no Lua code" <<'KEYS'
type u = setmetatable({}, {__index = {hidden_field = 1}})\r
type u.hid\t\r
expect \n1\n> 
type t = setmetatable({}, {__index = function() print("IN" .. "DEX") end})\r
expect \n> 
type t.fo\t\t\t\x15\x04
exit 0
absent INDEX
KEYS
# }====

# {==== keys, signals and terminal modes
repl_case "Ctrl-C at the prompt clears the line" <<'KEYS'
type abc\x03
type 1 + 1\r
expect \n2\n> 
type if x then\r
expect >> 
type \x03
type 3 + 3\r
expect \n6\n> 
type \x04
exit 0
KEYS
repl_case "Ctrl-C interrupts a busy loop; the session goes on" <<'KEYS'
type while true do end\r
sleep 300
cooked
intr
expect interrupted!
expect > 
type 1 + 1\r
expect \n2\n> 
type \x04
exit 0
KEYS
repl_case "Ctrl-D on an empty line exits, modes as before" <<'KEYS'
type 1\x04\x08\x04
exit 0
KEYS
repl_case "SIGTERM at the prompt restores the terminal" <<'KEYS'
type abc
raw
signal TERM
killed TERM
KEYS
# stop_case NAME STEPS: a half-typed line, the job stopped by STEPS (script
# lines), the terminal cooked while stopped; after SIGCONT the editor is
# back in raw mode with the line, which then runs.
stop_case() {
  repl_case "$1" < <(printf '%s\n' 'type x = 1' "$2" stopped cooked \
    'signal CONT' raw 'type 0\r' 'type x\r' 'expect \n10\n> ' 'type \x04' 'exit 0')
}
stop_case "SIGTSTP restores the terminal, SIGCONT brings the editor back" \
  $'sleep 100\nsignal TSTP'
stop_case "C-z at the prompt stops the job with the terminal restored; fg brings the line back" \
  'type \x1a'
repl_case "output without a final newline stays on screen; the prompt goes below it" <<'KEYS'
type do io.write("partial") end\r
screen partial
screen > 
type do io.write(("w"):rep(80)) end\r
screen wwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwwww
type print("whole line")\r
screen whole line
type \x04
exit 0
KEYS
repl_case "resize: the line wraps at the new width (TIOCSWINSZ + SIGWINCH)" <<'KEYS'
raw
size 24 20
sleep 100
type print("abcdefghijklmnopqrstuvwxyz")\r
expect > print("abcdefghijk\nlmnopqrstuvwxyz")\n
expect abcdefghijklmnopqrstuvwxyz\n> 
type \x04
exit 0
KEYS
repl_case "width 0 (TIOCSWINSZ 0x0): 80 columns are assumed" <<'KEYS'
raw
size 0 0
sleep 100
type print("abcdefghijklmnopqrstuvwxyz")\r
expect > print("abcdefghijklmnopqrstuvwxyz")\nabcdefghijklmnopqrstuvwxyz\n
type \x04
exit 0
KEYS
repl_case "a pasted 10,000-character line (bracketed paste) arrives whole" <<'KEYS'
type \e[200~s = "
repeat 10000 y
send "\e[201~\r
expect yyy"\n> 
type #s\r
expect \n10000\n> 
type \e[200~a = 1\rb = 2\e[201~\r
type a + b\r
expect \n3\n> 
type \x04
exit 0
KEYS
repl_case "bad input: invalid UTF-8, unknown escapes, no cursor query" <<'KEYS'
type s = "\xff\xfe\xc3"\r
expect \\xff\\xfe\\xc3
type #s\r
expect \n3\n> 
type x = 1\e[99z\eOZ\e[1;5Q\e[999;1~ + 1\r
type x\r
expect \n2\n> 
type \x04
exit 0
absent \e[6n
KEYS
# (On a real tty ^C also drops the half-typed line: the kernel flushes it.
# gVisor's pty may drop a ^D typed on a cooked line, so os.exit ends it.)
repl_case "TERM=dumb: plain lines, no escape codes, Ctrl-C a new prompt" TERM=dumb <<'KEYS'
expect > 
send 1 + 1\r
expect \n2\n> 
sleep 100
intr
expect \n> 
send 2 + 2\r
expect \n4\n> 
send os.exit(0)\r
exit 0
absent \e[
KEYS
# }====

# {==== history
HF=$TMP/repl-history
rm -f "$HF"
repl_case "history: a first session writes its chunks" MOONBOX_HISTORY="$HF" <<'KEYS'
type print("first" .. "session")\r
expect \nfirstsession\n> 
type for i = 1, 2 do\r
type print(i + 100)\r
type end\r
expect \n101\n102\n> 
type \x04
exit 0
KEYS
cli "history: one line per chunk, newlines escaped" -o 'print("first" .. "session")
for i = 1, 2 do\nprint(i + 100)\nend
' -- cat "$HF"
repl_case "history: a second session recalls them (Up, multi-line)" MOONBOX_HISTORY="$HF" <<'KEYS'
type \e[A\r
expect \n101\n102\n> 
type \e[A\e[A\r
expect \nfirstsession\n> 
type \x04
exit 0
KEYS
repl_case "history: C-r searches it" MOONBOX_HISTORY="$HF" <<'KEYS'
type \x12first\r
expect \nfirstsession\n> 
type \x04
exit 0
KEYS
for i in $(seq 1 1500); do echo "x = $i"; done > "$HF"
repl_case "history: a long file is cut to the newest 1000 entries" MOONBOX_HISTORY="$HF" <<'KEYS'
type \e[A\r
type x\r
expect \n1500\n> 
type print("newest")\r
expect \nnewest\n> 
type \x04
exit 0
KEYS
# x = 1500 equals the newest entry, so only x and print("newest") are new.
cli "...and the file holds 1000 entries, the newest last" \
  -o $'1000 x = 503 print("newest")\n' -- \
  sh -c "printf '%s %s %s\n' \$(wc -l < '$HF') \"\$(head -n 1 '$HF')\" \"\$(tail -n 1 '$HF')\""
repl_case "history: XDG_STATE_HOME/moonbox/history, made 0700/0600" \
  -u MOONBOX_HISTORY XDG_STATE_HOME="$TMP/state" <<'KEYS'
type "xdg"\r
expect \nxdg\n> 
type \x04
exit 0
KEYS
cli "...the file and its directory have modes 0600 and 0700" \
  -o $'"xdg"\n600 700\n' -- sh -c "cat '$TMP/state/moonbox/history' &&
  echo \$(find '$TMP/state/moonbox/history' '$TMP/state/moonbox' -maxdepth 0 -printf '%m ')"
repl_case "history: else HOME/.local/state/moonbox/history" -u MOONBOX_HISTORY <<'KEYS'
type "home"\r
expect \nhome\n> 
type \x04
exit 0
KEYS
cli "...holds the entry" -o $'"home"\n' -- cat "$H/.local/state/moonbox/history"
rm -rf "$H/.local"
repl_case "history: MOONBOX_HISTORY= (empty) disables it" <<'KEYS'
type "none"\r
expect \nnone\n> 
type \x04
exit 0
KEYS
cli "...and writes no file" -s 1 -- test -e "$H/.local"
mkdir -p "$TMP/histdir" && : > "$TMP/notdir"
repl_case "history file that is a directory: silently unused" MOONBOX_HISTORY="$TMP/histdir" <<'KEYS'
type 1 + 1\r
expect \n2\n> 
type \x04
exit 0
absent istory
KEYS
repl_case "history path under a regular file: silently unused" MOONBOX_HISTORY="$TMP/notdir/h" <<'KEYS'
type 1 + 1\r
expect \n2\n> 
type \x04
exit 0
absent istory
KEYS
repl_case "XDG_STATE_HOME is a regular file: silently no history" \
  -u MOONBOX_HISTORY XDG_STATE_HOME="$TMP/notdir" <<'KEYS'
type 1 + 1\r
expect \n2\n> 
type \x04
exit 0
KEYS
# }====

# {==== issue 11: the history file is the user's data, never lost
# 1,200 entries of 20 KB (24 MB) under a 4M limit: the session loads only
# the newest 1 MiB of them (RH_LOAD_BYTES), so code still runs, and the
# trim still keeps the file's own newest 1000, whole.
HB=$TMP/repl-history-big
pad=$(head -c 20000 /dev/zero | tr '\0' 'p')
for i in $(seq 1 1200); do printf 'x = %d -- %s\n' "$i" "$pad"; done > "$HB"
repl_case "history under MOONBOX_MEMLIMIT=4M: a session on a 24 MB history" \
  MOONBOX_HISTORY="$HB" MOONBOX_MEMLIMIT=4M <<'KEYS'
type 1 + 1\r
expect \n2\n> 
type \x04
exit 0
KEYS
cli "...leaves the newest 1000 entries whole, not the ones that fitted in memory" \
  -o $'1000 x = 202 1 + 1 999\n' -- sh -c "printf '%s %s %s %s\n' \$(wc -l < '$HB') \
    \"\$(head -n 1 '$HB' | cut -c1-7)\" \"\$(tail -n 1 '$HB')\" \
    \$(awk 'length(\$0) > 20000' '$HB' | wc -l)"
rm -f "$HB"
# An entry of 3 MB fits in the history under a 5M limit, but not twice:
# recalling it fails, says so, and the session goes on.
printf 'x = 1 -- %s\n' "$(head -c 3000000 /dev/zero | tr '\0' 'p')" > "$TMP/repl-history-huge"
repl_case "recalling an entry too big to edit: a message, the REPL goes on" \
  MOONBOX_HISTORY="$TMP/repl-history-huge" MOONBOX_MEMLIMIT=5M <<'KEYS'
type \e[A
expect not enough memory
type 1 + 1\r
expect \n2\n> 
type \x04
exit 0
KEYS
rm -f "$TMP/repl-history-huge"
# A history path that is a symbolic link: appended through, never trimmed
# (a rename would replace the link, a rewrite would edit its target).
rm -f "$TMP/repl-hist-link" "$TMP/repl-hist-target"
for i in $(seq 1 1500); do echo "x = $i"; done > "$TMP/repl-hist-target"
ln -s repl-hist-target "$TMP/repl-hist-link"
repl_case "history through a symbolic link: loads the newest, appends" \
  MOONBOX_HISTORY="$TMP/repl-hist-link" <<'KEYS'
type \e[A\r
type x\r
expect \n1500\n> 
type \x04
exit 0
KEYS
cli "...the link stays a link, its target keeps all 1500 entries and the new one" \
  -o $'repl-hist-target 1501 x = 1 x\n' -- sh -c "printf '%s %s %s %s\n' \
    \"\$(readlink '$TMP/repl-hist-link')\" \$(wc -l < '$TMP/repl-hist-target') \
    \"\$(head -n 1 '$TMP/repl-hist-target')\" \"\$(tail -n 1 '$TMP/repl-hist-target')\""
hist_tmps() { # temporary files of a trim left in $TMP (a glob: ls of $TMP fails in gVisor)
  local f n=0
  for f in "$TMP"/repl-hist*.tmp.*; do [ -e "$f" ] && n=$((n + 1)); done
  echo $n
}
cli "...and no temporary file of a trim is left behind" -o $'0\n' -- hist_tmps
# }====
