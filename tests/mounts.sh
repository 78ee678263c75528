# tests/mounts.sh: starts with /proc hidden, in a read-only working
# directory, and as a non-root user. Sourced by tests/run ($M = moonbox).
# See LICENSE.

MABS=$(cd "$(dirname "$M")" && pwd)/$(basename "$M")
if [ "$(id -u)" != 0 ]; then
  skip "no /proc, read-only directory, non-root user" "need root for mount namespaces and setpriv (running as uid $(id -u))"
  return 0
fi

# Natively a private mount namespace keeps the host's mounts untouched.
# gVisor can neither make / private nor unmount, so there tests/run gives
# this section a sandbox of its own and mounts happen in it directly.
NS="unshare -m"
[ -n "${MOONBOX_IN_GVISOR:-}" ] && NS=""
if ! { [ -z "$NS" ] || $NS true 2>/dev/null; }; then
  fail "mount namespaces are available to root" "$NS failed"
elif [ -n "${MOONBOX_SAN:-}" ]; then
  skip "no /proc (2 cases)" "the sanitizer runtime itself needs /proc (LeakSanitizer reads /proc/PID/task)"
else
  cli "no /proc: runs with /proc hidden by an empty tmpfs" -o $'nil\t3\n' -- \
    $NS sh -c "mount -t tmpfs none /proc && exec $MABS -e 'print(io.open(\"/proc/self/exe\"), 1 + 2)'"
  cli "no /proc: /zip/ is found through AT_EXECFN" -o "$MABS	$LUA_RELEASE
" -- $NS sh -c "mount -t tmpfs none /proc && exec $MABS -e 'local m = require \"moonbox\" print(m.exe(), m.lua)'"
fi
if [ -z "$NS" ] || $NS true 2>/dev/null; then
  mkdir -p "$TMP/ro" && printf 'print("script from a read-only dir")\n' > "$TMP/s.lua"
  cli "read-only working directory: scripts run, writes fail cleanly" \
    -o $'script from a read-only dir\nnil\tx: Read-only file system\t30\n' -- \
    $NS sh -c "mount -t tmpfs -o ro none '$TMP/ro' && cd '$TMP/ro' && $MABS '$TMP/s.lua' && exec $MABS -e 'print(io.open(\"x\", \"w\"))'"
fi

if command -v setpriv >/dev/null; then
  mkdir -p "$TMP/user" && cp "$MABS" "$TMP/user/moonbox" && chmod 755 "$TMP" "$TMP/user"
  cli "non-root user: runs, cannot write where it may not" \
    -o $'65534\tfalse\n' -- setpriv --reuid=65534 --regid=65534 --clear-groups \
    "$TMP/user/moonbox" -e 'local id = io.popen("id -u"):read("n")
      print(id, io.open("/root/moonbox-test-probe", "w") ~= nil)'
else
  fail "setpriv is installed (util-linux)" "setpriv not found"
fi

# Time zones with no zone files at all: /usr/share/zoneinfo under an empty
# tmpfs, /etc/localtime dangling or covered. TZ=America/New_York must still
# give EST and EDT at the right instants, from the embedded copy.
if [ -z "$NS" ] || $NS true 2>/dev/null; then
  tzprog='for _, t in ipairs{1710053999, 1710054000, 1730613599, 1730613600} do
    print(os.date("%F %T %Z %z", t)) end
    print(os.time{year = 2024, month = 7, day = 1, hour = 12})'
  hide="mount -t tmpfs none /usr/share/zoneinfo &&
    { [ ! -e /etc/localtime ] || mount --bind /dev/null /etc/localtime; } &&
    [ ! -e /usr/share/zoneinfo/America/New_York ]"
  cli "no zone files: TZ=America/New_York gives EST/EDT from the embedded copy" \
    -o $'2024-03-10 01:59:59 EST -0500\n2024-03-10 03:00:00 EDT -0400\n2024-11-03 01:59:59 EDT -0400\n2024-11-03 01:00:00 EST -0500\n1719849600\n' -- \
    $NS sh -c "$hide && TZ=America/New_York exec $MABS -e '$tzprog'"
  cli "no zone files, TZ unset: UTC" -o $'2024-03-10 06:59:59 UTC +0000\n' -- \
    $NS sh -c "$hide && unset TZ && exec $MABS -e 'print(os.date(\"%F %T %Z %z\", 1710053999))'"
fi

# {==== issue 11: no /dev, started through a descriptor, execute-only
I11M=$TMP/i11m && mkdir -p "$I11M"
EXEC=$TMP/exec
[ -x "$EXEC" ] || musl-gcc -static -O2 -o "$EXEC" tests/exec/exec.c ||
  fail "tests/exec/exec.c builds" "musl-gcc failed"
# A scratch chroot holding only moonbox: no /dev (so no /dev/null), no /proc.
mkdir -p "$I11M/root" && cp "$MABS" "$I11M/root/moonbox"
if [ -n "${MOONBOX_SAN:-}" ]; then
  skip "a chroot with no /dev" "the sanitizer build is dynamic: it needs its libraries and /proc"
else
  cli "chroot with no /dev, stdout closed: print fails with EBADF" -s 1 \
    -e "/moonbox: cannot write to standard output: Bad file descriptor
" -- sh -c "exec chroot '$I11M/root' /moonbox -e 'local f = assert(io.open(\"/out\", \"w\")) print(\"leak\") f:write(\"file\") f:close()' >&-"
  cli "...and the file the script opened holds only its own text" -o file -- \
    cat "$I11M/root/out"
  cli "chroot with no /dev, stdin closed: reads see end of file" -o $'nil\n' -- \
    sh -c "exec chroot '$I11M/root' /moonbox -e 'print(io.read())' <&-"
fi
mkdir -p "$I11M/src" && printf 'print("main", ...)\n' > "$I11M/src/main.lua"
(cd "$I11M/src" && "$MABS" --bundle -o "$I11M/app" --main main.lua main.lua)
if [ -n "${MOONBOX_SAN:-}" ]; then
  skip "started through a descriptor with no /proc (2 cases)" "the sanitizer runtime itself needs /proc"
elif [ -z "$NS" ] || $NS true 2>/dev/null; then
  cli "no /proc, started through an inherited descriptor: reads the archive through it" \
    -o $'main\ta\tb\n' -i 'print("stdin ran")' -- \
    $NS sh -c "mount -t tmpfs none /proc && exec '$EXEC' fd '$I11M/app' app a b"
  if [ -n "${MOONBOX_IN_GVISOR:-}" ]; then
    skip "no /proc, descriptor closed on exec" "gVisor gives the program its path in AT_EXECFN, not /dev/fd/N"
  else
    cli "no /proc, started through a descriptor closed on exec: stops, saying why" \
      -s 1 -E "app: cannot read this bundled app's archive: cannot open this executable: /dev/fd/" \
      -i 'print("stdin ran")' -- \
      $NS sh -c "mount -t tmpfs none /proc && exec '$EXEC' fd-cloexec '$I11M/app' app a b"
  fi
fi
if command -v setpriv >/dev/null; then
  mkdir -p "$I11M/x" && cp "$I11M/app" "$I11M/x/app" && chmod 711 "$I11M/x/app" &&
    chmod 755 "$TMP" "$I11M" "$I11M/x"
  where=/proc/self/exe
  [ -e /proc/self/exe ] || where=$I11M/x/app
  printf 'print("script ran")\n' > "$I11M/x/s.lua"
  cli "an execute-only (0711) bundle run by another user stops, saying why" -s 1 \
    -e "$I11M/x/app: cannot read this bundled app's archive: cannot open this executable: $where: Permission denied
" -i 'print("stdin ran")' -- setpriv --reuid=65534 --regid=65534 --clear-groups \
    "$I11M/x/app" "$I11M/x/s.lua"
fi
# }====

# {==== unix.open of a /zip/ file with /proc hidden and as another user (the
# rest is tests/lua/unix_zip.lua): without /proc the sealed memfd cannot be
# reopened read-only, so it is kept: it reads the same, write fails with
# EPERM (the seal) instead of EBADF, O_CLOEXEC is still as asked.
cat > "$TMP/uzip.lua" <<'LUA'
local u, p = require "unix", "/zip/.lua/moonbox.lua"
local fd = assert(u.open(p))
local fd2 = assert(u.open(p, u.O_RDONLY | u.O_CLOEXEC))
print(u.read(fd, 1 << 20) == require("zip").read(p), select(2, u.write(fd, "x")):name(),
  u.fcntl(fd, u.F_GETFL) & u.O_ACCMODE, u.fcntl(fd, u.F_GETFD), u.fcntl(fd2, u.F_GETFD),
  u.fstat(fd):mode() == u.stat(p):mode(), u.fstat(fd):size() == u.stat(p):size())
LUA
chmod 644 "$TMP/uzip.lua"
if [ -n "${MOONBOX_SAN:-}" ]; then
  skip "unix.open of /zip/ without /proc" "the sanitizer runtime itself needs /proc"
elif [ -z "$NS" ] || $NS true 2>/dev/null; then
  cli "no /proc: unix.open of /zip/ keeps the sealed memfd (reads; write EPERM)" \
    -o $'true\tEPERM\t2\t0\t1\ttrue\ttrue\n' -- \
    $NS sh -c "mount -t tmpfs none /proc && exec $MABS '$TMP/uzip.lua'"
fi
# (under gVisor /proc stays hidden here, from the cases above: the memfd
# is kept then too)
if command -v setpriv >/dev/null && [ -x "$TMP/user/moonbox" ]; then
  want=$'true\tEBADF\t0\t0\t1\ttrue\ttrue\n'
  [ -e /proc/self/fd ] || want=$'true\tEPERM\t2\t0\t1\ttrue\ttrue\n'
  cli "non-root user: unix.open of /zip/ reads, write fails with ${want:5:5}" \
    -o "$want" -- setpriv --reuid=65534 --regid=65534 \
    --clear-groups "$TMP/user/moonbox" "$TMP/uzip.lua"
fi
# }====
