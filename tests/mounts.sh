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
