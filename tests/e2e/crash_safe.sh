#!/usr/bin/env bash
# crash_safe.sh: SIGKILL at random moments never leaves a partial or empty
# file (exports and the state file are always the old or the new complete
# version); an unwritable or full target gives a clear error and keeps the old
# file; state and cache are 0600 in 0700 directories; a symlink planted where
# the temp file goes is never followed. Bounded to a few seconds.
source "$(dirname "$0")/../lib.sh"
# The quick checks go to one python (tests/lib.sh, py_run); the kill rounds
# below run in pythons of their own (they fork, time and kill children).
py_start

crit=$("$VERSUS_BIN" --list-criteria | sed -n 1p | awk '{print $1}')

# same_export A B: the two JSON exports are the same apart from the time
# they were made.
IFS= read -r -d '' same_export_py <<'PY'
import json, sys
def load(p):
    with open(p) as f:
        d = json.load(f)
    d.pop("generated_at", None)
    return d
sys.exit(0 if load(sys.argv[1]) == load(sys.argv[2]) else 1)
PY
same_export() { py_run "$same_export_py" "$1" "$2"; }
differ() { ! same_export "$@"; }
work="$T_TMP/work"
mkdir -p "$work"

# --- Exports: two versions of one file, written over and over, killed at random.
"$VERSUS_BIN" --offline --export "$work/a.json" --format json -w "$crit=1"
"$VERSUS_BIN" --offline --export "$work/b.json" --format json -w "$crit=9"
check "the two export versions differ" differ "$work/a.json" "$work/b.json"
cp "$work/a.json" "$work/out.json"
# A process killed with SIGKILL leaves a sanitizer nothing to report, and
# the rounds' output is not read: under AddressSanitizer (make check's
# second build) the kill rounds would check the same writes as the plain
# build's, several times slower, so that build skips them (the runs that
# finish, below and in the other tests, are where it finds errors).
kill_rounds=1
if t_sanitized; then kill_rounds=0; fi
bad=$(python3 - "$VERSUS_BIN" "$crit" "$work" "$kill_rounds" <<'PY'
import json, os, random, signal, subprocess, sys, time
binary, crit, work, kill = sys.argv[1:]
kill = kill == "1"

def load(data):
    """The export without its time stamp; None when not complete JSON."""
    try:
        d = json.loads(data)
    except ValueError:
        return None
    d.pop("generated_at", None)
    return d

versions = [load(open(f"{work}/{v}.json", "rb").read()) for v in "ab"]
rng = random.Random(5)
bad = []
start = time.monotonic()
rounds = 0
# Hundreds of rounds in a few seconds; on a loaded machine, as long as the
# first 100 take (at most a minute), so the count checked below is reached
# by work, not luck.
while kill and rounds < 300 and (time.monotonic() - start < 6 or rounds < 100) and time.monotonic() - start < 60:
    weight = 1 if rounds % 2 else 9
    p = subprocess.Popen([binary, "--offline", "--export", f"{work}/out.json", "--format", "json",
                          "-w", f"{crit}={weight}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(rng.random() * 0.012)
    p.send_signal(signal.SIGKILL)
    p.wait()
    rounds += 1
    try:
        now = open(f"{work}/out.json", "rb").read()
    except OSError as e:
        bad.append(f"round {rounds}: {e}")
        continue
    if load(now) not in versions:
        bad.append(f"round {rounds}: {len(now)} bytes, neither version")
print(f"rounds={rounds}")
for b in bad[:5]:
    print(b)
PY
)
rounds=${bad%%$'\n'*}; rounds=${rounds#rounds=}
echo "# export kill rounds: $rounds"
if [ "$kill_rounds" = 1 ]; then
    check "hundreds of export rounds were killed (>= 100)" test "${rounds:-0}" -ge 100
    expect_eq "after every SIGKILL the export is one complete version" "" "$(printf '%s\n' "$bad" | sed 1d)"
else
    skip "hundreds of export rounds were killed (>= 100)" "the plain build's rounds (sanitized build)"
    skip "after every SIGKILL the export is one complete version" "the plain build's rounds (sanitized build)"
fi

# --- The state file: the dashboard saves on quit; kill it at random moments
# around that save, in a pseudo-terminal.
state="$XDG_CONFIG_HOME/versus/state.yaml"
bad=$(python3 - "$VERSUS_BIN" "$crit" "$state" "$kill_rounds" <<'PY'
import os, pty, random, select, signal, sys, time
binary, crit, state, kill = sys.argv[1:]
kill = kill == "1"
rng = random.Random(7)

def run(weight, kill_after=None):
    """Starts the dashboard with one weight, presses q once it has drawn,
    and kills it kill_after seconds after the q (None: let it finish)."""
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.execv(binary, [binary, "--offline", "-w", f"{crit}={weight}"])
    seen = b""
    deadline = time.monotonic() + 5
    while b"Verdict" not in seen and time.monotonic() < deadline:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                seen += os.read(fd, 65536)
            except OSError:
                break
        seen = seen[-4096:]
    os.write(fd, b"q")
    if kill_after is not None:
        time.sleep(kill_after)
        os.kill(pid, signal.SIGKILL)
    t_end = time.monotonic() + 5
    while time.monotonic() < t_end:
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                if not os.read(fd, 65536):
                    break
            except OSError:
                break
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done:
            break
    else:
        os.kill(pid, signal.SIGKILL)
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
    os.close(fd)

run(2)
a = open(state, "rb").read()
run(8)
b = open(state, "rb").read()
bad = [] if a != b else ["the two state versions are the same"]
start = time.monotonic()
rounds = 0
while kill and rounds < 200 and (time.monotonic() - start < 6 or rounds < 50) and time.monotonic() - start < 60:
    run(2 if rounds % 2 else 8, kill_after=rng.random() * 0.004)
    rounds += 1
    try:
        now = open(state, "rb").read()
    except OSError as e:
        bad.append(f"round {rounds}: {e}")
        continue
    if now not in (a, b):
        bad.append(f"round {rounds}: {len(now)} bytes, neither version")
print(f"rounds={rounds}")
for x in bad[:5]:
    print(x)
PY
)
rounds=${bad%%$'\n'*}; rounds=${rounds#rounds=}
echo "# state kill rounds: $rounds"
if [ "$kill_rounds" = 1 ]; then
    check "state rounds were killed around the save (>= 50)" test "${rounds:-0}" -ge 50
    expect_eq "after every SIGKILL the state is one complete version" "" "$(printf '%s\n' "$bad" | sed 1d)"
else
    expect_eq "the two state versions differ" "" "$(printf '%s\n' "$bad" | sed 1d)"
    skip "state rounds were killed around the save (>= 50)" "the plain build's rounds (sanitized build)"
fi

# --- Modes: state 0600 in a 0700 directory.
expect_eq "state file is 0600" 600 "$(stat -c %a "$state")"
expect_eq "state directory is 0700" 700 "$(stat -c %a "$(dirname "$state")")"

# --- An unwritable target keeps the old file. Tests run as root, which
# ignores permission bits, so "unwritable" is made with a file where the
# directory should be (ENOTDIR), and "full" with a full device and a file-size limit.
cp "$work/a.json" "$work/keep.json"
run_versus --offline --export "$work/keep.json/x.json" --format json
check "export under a non-directory fails" test "$R_STATUS" -ne 0
expect_contains "and says it cannot write" "$R_ERR" "cannot write"
expect_contains "naming the path" "$R_ERR" "keep.json/x.json"

# A full device: writing fails with ENOSPC, and the device node itself must
# never be replaced by a renamed temp file. A private node (the same device
# as /dev/full) keeps a regression from damaging the machine's /dev.
if mknod "$work/full" c 1 7 2>/dev/null; then
    run_versus --offline --export "$work/full" --format json
    check "export to a full device fails" test "$R_STATUS" -ne 0
    expect_contains "with the reason" "$R_ERR" "No space left on device"
    check "the device node is still a device" test -c "$work/full"
else
    echo "# mknod not permitted: full-device check skipped"
fi
mkfifo "$work/fifo"
(cat "$work/fifo" > "$work/from-fifo") &
reader=$!
"$VERSUS_BIN" --offline --export "$work/fifo" --format json -w "$crit=1"
wait "$reader" # the reader only: a bare wait would wait for the python too
check "export into a FIFO writes through it" same_export "$work/a.json" "$work/from-fifo"
check "and leaves the FIFO a FIFO" test -p "$work/fifo"

# A full disk, simulated: a file-size limit smaller than the export. The
# temp file cannot be completed, so the old file must stay as it was.
out=$( (ulimit -f 1; trap '' XFSZ; exec "$VERSUS_BIN" --offline --export "$work/keep.json" --format json -w "$crit=9") 2>&1 >/dev/null); status=$?
check "export past the file-size limit fails" test "$status" -ne 0
expect_contains "with a clear error" "$out" "cannot write"
check "the old file is intact" cmp -s "$work/a.json" "$work/keep.json"
leftover=$(find "$work" -name '.keep.json.tmp-*' | head -1)
expect_eq "and no temp file is left behind" "" "$leftover"

# A read-only directory for real, where the kernel allows a read-only bind
# mount (skipped, not failed, where it does not: containers often refuse).
mkdir -p "$work/ro"
cp "$work/a.json" "$work/ro/keep.json"
if mount --bind "$work/ro" "$work/ro" 2>/dev/null && mount -o remount,bind,ro "$work/ro" 2>/dev/null; then
    T_CLEANUP+=("umount '$work/ro'")
    run_versus --offline --export "$work/ro/keep.json" --format json -w "$crit=9"
    check "export into a read-only directory fails" test "$R_STATUS" -ne 0
    expect_contains "saying it cannot write" "$R_ERR" "cannot write"
    check "the old file is intact" cmp -s "$work/a.json" "$work/ro/keep.json"
    umount "$work/ro"
else
    umount "$work/ro" 2>/dev/null
    echo "# read-only bind mount not permitted here: covered by ENOTDIR, the full device and ulimit -f"
fi

# --- A symlink planted where the temp file will go is never followed.
# The temp name is ".NAME.tmp-PID-RANDOM"; the shell plants links for the pid
# it is about to exec into, at the first names the generator would give.
# (The shared python's libc: srandom(1) first, the state random() has in a
# process that never seeded it, as versus's is.)
names=$(py_run '
import ctypes
libc = ctypes.CDLL(None)
libc.random.restype = ctypes.c_long
libc.srandom(1)
print(" ".join("%08x" % (libc.random() ^ i) for i in range(4)))')
echo "precious" > "$work/precious"
cp "$work/a.json" "$work/sym.json"
sh -c 'for r in '"$names"'; do ln -s "$1/precious" "$1/.sym.json.tmp-$$-$r"; done
       exec "$2" --offline --export "$1/sym.json" --format json -w "$3=9"' \
    sh "$work" "$VERSUS_BIN" "$crit"
status=$?
planted=$(find "$work" -maxdepth 1 -type l -name '.sym.json.tmp-*' | wc -l)
expect_eq "the planted links are all still links (none replaced or removed)" 4 "$planted"
expect_eq "the export still succeeds" 0 "$status"
expect_eq "the link's target is untouched" "precious" "$(cat "$work/precious")"
check "the export has the new content" same_export "$work/b.json" "$work/sym.json"
if command -v strace >/dev/null; then
    # Show that the planted names are the ones really tried (so the check above
    # is not passing by luck): the first attempt must hit a planted link.
    rm -f "$work"/.sym.json.tmp-*
    tried=$(strace -f -e trace=openat -o "$T_TMP/strace" sh -c 'for r in '"$names"'; do ln -s "$1/precious" "$1/.sym.json.tmp-$$-$r"; done
       exec "$2" --offline --export "$1/sym.json" --format json' sh "$work" "$VERSUS_BIN" >/dev/null 2>&1
       grep -c 'sym.json.tmp-.*EEXIST' "$T_TMP/strace")
    check "strace: the writer met the planted links and refused them" test "${tried:-0}" -ge 1
fi

# A symlink as the target itself: replaced by the new file, never written through.
cp "$work/a.json" "$work/elsewhere.json"
ln -sf "$work/elsewhere.json" "$work/link.json"
"$VERSUS_BIN" --offline --export "$work/link.json" --format json -w "$crit=9"
check "a symlinked target is replaced by a file" test -f "$work/link.json" -a ! -L "$work/link.json"
check "the file it pointed to is untouched" cmp -s "$work/a.json" "$work/elsewhere.json"

t_done
