# tests/failalloc.sh: runs tests/failalloc/script.lua with allocation N
# failing (MOONBOX_FAILALLOC=N), N = 1, 2, 3... until a run completes. Every
# failing run must end with status 1 and "not enough memory", never a crash.
# Sourced by tests/run ($M = moonbox; FAILALLOC_STEP > 1 samples). See LICENSE.
failalloc_case() {
  local n=1 step=${FAILALLOC_STEP:-1} rc bad="" runs=0
  while [ $n -lt 100000 ]; do
    MOONBOX_FAILALLOC=$n $M tests/failalloc/script.lua > "$TMP/fa.out" 2> "$TMP/fa.err"
    rc=$?
    runs=$((runs + 1))
    if [ $rc = 0 ]; then break; fi
    if [ $rc != 1 ] || ! grep -q "not enough memory" "$TMP/fa.err"; then
      bad="allocation $n: status $rc: $(head -c 300 "$TMP/fa.err")"
      break
    fi
    n=$((n + step))
  done
  if [ -n "$bad" ]; then
    fail "failing allocator: every failure point raises 'not enough memory'" "$bad"
  elif ! grep -q '^done' "$TMP/fa.out"; then
    fail "failing allocator: a run completes" "stopped at $n: $(cat "$TMP/fa.out")"
  else
    pass "failing allocator: $runs runs (allocations 1..$n, step $step) fail cleanly, then one completes"
  fi
}
failalloc_case
