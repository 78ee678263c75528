# tests/lib.sh: counters and the case helpers shared by the test sections.
# Sourced by tests/run; each helper prints "ok - NAME" or "FAIL - NAME" with
# what was expected and what came. See LICENSE.

PASS=0
FAIL=0
TMP=$(mktemp -d "${TMPDIR:-/tmp}/moonbox-test.XXXXXX")
trap 'rm -rf "$TMP" 2>/dev/null' EXIT

pass() { PASS=$((PASS + 1)); echo "ok - $1"; }
fail() {
  FAIL=$((FAIL + 1))
  echo "FAIL - $1"
  shift
  for line in "$@"; do printf '    %s\n' "$line"; done
}
skip() { echo "skip - $1: $2"; }

# read_into VAR FILE: VAR gets the file's text, trailing newlines kept.
read_into() { local t; t=$(cat "$2"; printf x); printf -v "$1" '%s' "${t%x}"; }

# indent TEXT: for failure reports.
show() { printf '%s' "$1" | sed 's/^/      | /' | head -n 40; }

# cli NAME [options] -- CMD ARGS...
#   -s N     expected exit status (default 0)
#   -o TEXT  exact stdout        -O TEXT  stdout contains TEXT
#   -e TEXT  exact stderr        -E TEXT  stderr contains TEXT
#   -i TEXT  text on stdin (default: empty stdin)
# stdout and stderr default to "must be empty" unless given.
cli() {
  local name=$1 status=0 out="" err="" outm=exact errm=exact input="" rc
  shift
  while [ "$1" != "--" ]; do
    case $1 in
      -s) status=$2 ;;
      -o) out=$2; outm=exact ;;
      -O) out=$2; outm=contains ;;
      -e) err=$2; errm=exact ;;
      -E) err=$2; errm=contains ;;
      -i) input=$2 ;;
      *) echo "cli: bad option $1" >&2; return 2 ;;
    esac
    shift 2
  done
  shift
  printf '%s' "$input" > "$TMP/in"
  "$@" < "$TMP/in" > "$TMP/out" 2> "$TMP/err"
  rc=$?
  local got_out got_err why=()
  read_into got_out "$TMP/out"
  read_into got_err "$TMP/err"
  [ "$rc" = "$status" ] || why+=("exit status: expected $status, got $rc")
  match "$outm" "$out" "$got_out" || why+=("stdout: expected ($outm)" "$(show "$out")" "got" "$(show "$got_out")")
  match "$errm" "$err" "$got_err" || why+=("stderr: expected ($errm)" "$(show "$err")" "got" "$(show "$got_err")")
  if [ ${#why[@]} -eq 0 ]; then pass "$name"; else fail "$name" "${why[@]}"; fi
}

match() { # mode want got
  case $1 in
    exact) [ "$2" = "$3" ] ;;
    contains) case $3 in *"$2"*) return 0 ;; *) return 1 ;; esac ;;
  esac
}

# check NAME CMD...: passes when CMD exits 0; shows its output otherwise.
check() {
  local name=$1
  shift
  if "$@" > "$TMP/check" 2>&1; then pass "$name"
  else fail "$name" "command failed (status $?): $*" "$(show "$(tail -n 30 "$TMP/check")")"; fi
}
