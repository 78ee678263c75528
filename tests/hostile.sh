# tests/hostile.sh: starts in unfriendly places: empty environment, closed
# standard descriptors, no HOME/TMPDIR/PATH, no /proc, read-only working
# directory, non-root user. Sourced by tests/run ($M = moonbox). See LICENSE.

cli "env -i: runs with an empty environment" -o $'nil\t3\n' -- \
  env -i $M -e 'print(os.getenv("PATH"), 1 + 2)'
cli "stdin closed: reads see end of file" -o $'nil\n' -- \
  sh -c "exec $M -e 'print(io.read())' <&-"
cli "all standard descriptors closed: the script still runs" -- \
  sh -c "exec $M -e 'local f = assert(io.open(\"$TMP/fds\", \"w\")) f:write(\"ran\") f:close()' <&- >&- 2>&-"
cli "...and wrote its file" -o ran -- cat "$TMP/fds"
cli "stdout closed: a file the script opens does not receive print()" -s 1 \
  -E "cannot write to standard output" -- \
  sh -c "exec $M -e 'local f = assert(io.open(\"$TMP/fd1\", \"w\")) print(\"leak\") f:write(\"file\") f:close()' >&-"
cli "...and the file holds only its own text" -o file -- cat "$TMP/fd1"
cli "no HOME, TMPDIR or PATH: temporary files and os.execute still work" \
  -o $'ok\ttrue\n' -- env -u HOME -u TMPDIR -u PATH $M -e '
    local n = os.tmpname()
    assert(io.open(n, "w")):close()
    assert(os.remove(n))
    print("ok", os.getenv("HOME") == nil)'


# {==== issue 11: the reason given for lost output is the real one
cli "stdout closed, then a failed io.open: the reason is EBADF, not ENOENT" \
  -s 1 -e "$M: cannot write to standard output: Bad file descriptor
" -- sh -c "exec $M -e 'print(1) io.open(\"/nonexistent\")' >&-"
cli "stdout /dev/full, then a failed io.open: the reason is ENOSPC" -s 1 \
  -e "$M: cannot write to standard output: No space left on device
" -- sh -c "exec $M -e 'print(1) io.open(\"/nonexistent\")' >/dev/full"
cli "stdout /dev/full, output pending at exit: ENOSPC from the flush" -s 1 \
  -e "$M: cannot write to standard output: No space left on device
" -- sh -c "exec $M -e 'io.write(\"x\") io.open(\"/nonexistent\")' >/dev/full"
# }====
