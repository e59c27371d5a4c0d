#!/usr/bin/env bash
# bench/run.sh BUILD: measures versus's speed, memory and scale against the
# floor each figure could reach, prints one table and the scaling table and
# writes them with the machine's description to bench/results.md. Reports
# only: timing never fails it. `make bench` builds BUILD (build/bench) and
# runs this. Needs: a C compiler, pkg-config and the -dev libraries versus
# builds with, python3, tmux, curl and valgrind. BENCH_RUNS (default 7) sets
# the repeats per timed figure; BENCH_SIZES (default "10 100 1000 10000") the
# criteria counts of the scaling table; BENCH_SECTIONS (default "1 2 3 4 5 6
# 7 8") which parts run, BENCH_RESULTS where the tables go.
set -u
BUILD=${1:-build/bench}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
RUNS=${BENCH_RUNS:-7}
SIZES=${BENCH_SIZES:-10 100 1000 10000}
SECTIONS=${BENCH_SECTIONS:-1 2 3 4 5 6 7 8}
CPU_RUNS=${BENCH_CPU_RUNS:-3}
FETCH_RUNS=${BENCH_FETCH_RUNS:-3}
BIN=$BUILD/versus
GEN=$BUILD/tools/gen_data
OUT=$BUILD/bench
TMP=$ROOT/bench/tmp/run
RESULTS=${BENCH_RESULTS:-$ROOT/bench/results.md}
for f in "$BIN" "$GEN"; do
    [ -x "$f" ] || { echo "bench: $f is not built (run make bench)" >&2; exit 1; }
done
for tool in python3 tmux curl pkg-config valgrind callgrind_annotate; do
    command -v "$tool" >/dev/null || { echo "bench: needs $tool" >&2; exit 1; }
done

# The drivers and floors, built with the flags versus is built with.
mkdir -p "$OUT"
CFLAGS_B="-std=c11 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600 -Wall -Wextra -Wpedantic -Werror -O2 -g"
LIBS_PKGS="ncursesw yaml-0.1 jansson"
${CC:-cc} $CFLAGS_B -o "$OUT/pty_drive" bench/pty_drive.c || exit 1
# shellcheck disable=SC2046
${CC:-cc} $CFLAGS_B $(pkg-config --cflags ncursesw) -o "$OUT/floor_curses" bench/floor_curses.c \
    $(pkg-config --libs ncursesw) || exit 1
# shellcheck disable=SC2046
${CC:-cc} $CFLAGS_B $(pkg-config --cflags $LIBS_PKGS) -Wl,--as-needed -o "$OUT/floor_libs" \
    bench/floor_libs.c $(pkg-config --libs $LIBS_PKGS) -ldl -lm || exit 1
# shellcheck disable=SC2046
${CC:-cc} $CFLAGS_B -DSAME_LIBS $(pkg-config --cflags $LIBS_PKGS) -Wl,--as-needed -o "$OUT/floor_curses_libs" \
    bench/floor_curses.c $(pkg-config --libs $LIBS_PKGS) -ldl -lm || exit 1
# shellcheck disable=SC2046
${CC:-cc} $CFLAGS_B $(pkg-config --cflags $LIBS_PKGS) -Wl,--as-needed -o "$OUT/floor_export" \
    bench/floor_export.c $(pkg-config --libs $LIBS_PKGS) -ldl -lm || exit 1
DRIVE=$OUT/pty_drive

rm -rf "$TMP"
mkdir -p "$TMP/home"
export HOME=$TMP/home XDG_CONFIG_HOME=$TMP/home/.config XDG_CACHE_HOME=$TMP/home/.cache
export XDG_DATA_HOME=$TMP/home/.local/share TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
unset NO_COLOR VERSUS_DATA_DIR VERSUS_NPM_API VERSUS_PYPI_API VERSUS_YAML_MAX_BYTES
SERVER_PID=
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; tmux -L "bench$$" kill-server 2>/dev/null; }
trap cleanup EXIT

# want N: section N is to run (BENCH_SECTIONS, default all).
want() { [[ " $SECTIONS " == *" $1 "* ]]; }
# get KEY LINE: one value from a pty_drive line.
get() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }
# median: of the numbers on stdin.
median() { sort -n | awk '{v[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b>0) printf "%.2fx", a/b; else print "n/a"}'; }
ms() { awk -v u="$1" 'BEGIN {printf "%.1f ms", u/1000}'; }
mi() { awk -v n="$1" 'BEGIN {if (n >= 1e6) printf "%.2f M", n/1e6; else printf "%.0f k", n/1e3}'; }
# fresh_state: every dashboard run starts from the data's defaults.
fresh_state() { rm -rf "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"; }
# prime ARGS...: a first, unmeasured start (and q) that saves the state, kept
# aside so that restore can put it back before each run whose keys change it.
prime() {
    fresh_state
    "$DRIVE" -s 120x40 -u Quit -t 300 -- "$BIN" --offline "$@" > /dev/null
    rm -rf "$TMP/saved"
    cp -r "$XDG_CONFIG_HOME" "$TMP/saved"
}
restore() { rm -rf "$XDG_CONFIG_HOME"; cp -r "$TMP/saved" "$XDG_CONFIG_HOME"; }
# numbered PREFIX [FIRST]: PREFIX.FIRST, PREFIX.FIRST+1, ... while they exist.
numbered() {
    local i=${2:-0}
    while [ -f "$1.$i" ]; do echo "$1.$i"; i=$((i + 1)); done
}
# key_median LINE: the median of a pty_drive line's bytes per key.
key_median() { get key_bytes "$1" | tr , '\n' | median; }

ROWS=()
SROWS=()
row() { ROWS+=("| $1 | $2 | $3 | $4 | $5 |"); }

# capture PREFIX WARM KEYS CMD...: runs CMD in a 120x40 tmux pane, presses
# WARM, captures the screen to PREFIX.0, then after each of KEYS to
# PREFIX.1, PREFIX.2, ... (tmux-256color: no background-colour erase, so
# every painted cell is in the capture).
capture() {
    local prefix=$1 warm=$2 keys=$3 sock=bench$$ k i
    shift 3
    tmux -L "$sock" -f /dev/null new-session -d -x 120 -y 40 \
        "env TERM=tmux-256color $*; sleep 5" || return
    for i in $(seq 100); do
        tmux -L "$sock" capture-pane -p | grep -q Quit && break
        sleep 0.1
    done
    sleep 0.3
    for k in $(grep -o . <<<"$warm"); do
        tmux -L "$sock" send-keys -l "$k"
        sleep 0.3
    done
    tmux -L "$sock" capture-pane -p -e -N > "$prefix.0"
    i=0
    for k in $(grep -o . <<<"$keys"); do
        i=$((i + 1))
        tmux -L "$sock" send-keys -l "$k"
        sleep 0.3
        tmux -L "$sock" capture-pane -p -e -N > "$prefix.$i"
    done
    tmux -L "$sock" kill-server 2>/dev/null
}
# frame_floor NAME PREFIX: builds $OUT/floor_NAME, painting those captures.
frame_floor() {
    # shellcheck disable=SC2046
    python3 tests/tools/screen.py header "$OUT/frames_$1.h" $(numbered "$2") &&
        ${CC:-cc} $CFLAGS_B -DFRAMES="\"$OUT/frames_$1.h\"" $(pkg-config --cflags ncursesw) \
            -o "$OUT/floor_$1" bench/floor_frame.c $(pkg-config --libs ncursesw)
}
# changed_cells PREFIX N: the median number of cells each of N keys changed.
changed_cells() {
    for i in $(seq "$2"); do python3 tests/tools/screen.py diff "$1.$((i - 1))" "$1.$i"; done | median
}
# cg_parts OUT BREAK DRIVE_ARGS... -- CMD...: runs CMD under callgrind in the
# pty driver, with a profile dumped before each call of BREAK; prints the
# instructions of each part, in order (part 1: start until the first BREAK;
# the last: the final BREAK to exit). The verdict's robustness estimate and
# smallest flip, which the dashboard computes between keys once they are
# quiet (section 8 times them), are left out of every part: the counts are
# what a key costs.
cg_parts() {
    local out=$1 brk=$2 f
    shift 2
    rm -f "$out" "$out".*
    local args=()
    while [ "$1" != -- ]; do args+=("$1"); shift; done
    shift
    "$DRIVE" -s 120x40 -u Quit -W 20000 -g 300 -t 900 "${args[@]}" -- \
        valgrind --tool=callgrind --dump-before="$brk" --toggle-collect=session_robust_step --collect-atstart=yes \
        --callgrind-out-file="$out" "$@" >/dev/null
    for f in $(numbered "$out" 1) "$out"; do
        [ -f "$f" ] && sed -n 's/^totals: *//p' "$f"
    done
}
# cg_total CMD...: instructions of a whole run with no terminal.
cg_total() {
    valgrind --tool=callgrind --callgrind-out-file="$TMP/cg.total" "$@" >/dev/null 2>&1
    sed -n 's/^totals: *//p' "$TMP/cg.total"
}
# per_key PARTS SKIP N: the median of N parts after the first SKIP (the
# start and any warm-up keys).
per_key() { sed -n "$(($2 + 1)),$(($2 + $3))p" <<<"$1" | median; }
# wstep DIR: warm-up and measured keys for a weight step on the first
# criterion that never passes its default weight, so the header does not
# flip between "default" and "custom" on every press (nor reach 0 or 10).
wstep() {
    local w
    w=$(sed -n 's/^ *weight: *\([0-9]*\).*/\1/p' "$1/criteria.yaml" | head -n1)
    if [ "${w:-5}" -ge 3 ]; then echo "hh lhlhlhlh"; else echo "ll hlhlhlhl"; fi
}

echo "bench: data sets" >&2
"$GEN" "$TMP/big" 1000 8 >/dev/null || exit 1
BIG=$TMP/big

# ---- 1. start to first frame ------------------------------------------------
if want 1; then
echo "bench: 1 start to first frame ($RUNS runs)" >&2
# Every start but the first finds the state file the last quit left (and,
# with nothing changed, leaves it alone); the first start ever writes it.
fresh_state
"$DRIVE" -s 120x40 -u Quit -- "$BIN" --offline > /dev/null
# The fair floor paints versus's own first frame, captured from versus.
capture "$TMP/first" "" "" "$BIN" --offline
frame_floor first "$TMP/first" || exit 1
: > "$TMP/start.v"; : > "$TMP/start.f"; : > "$TMP/frame.v"; : > "$TMP/start.l"
: > "$TMP/start.p"; : > "$TMP/start.first"; : > "$TMP/rss.small"; : > "$TMP/rss.floor"
for _ in $(seq "$RUNS"); do
    line=$("$DRIVE" -s 120x40 -u Quit -- "$BIN" --offline)
    get exit_us "$line" >> "$TMP/start.v"
    get frame_us "$line" >> "$TMP/frame.v"
    get maxrss_kb "$line" >> "$TMP/rss.small"
    line=$("$DRIVE" -s 120x40 -u Quit -- "$OUT/floor_first")
    get exit_us "$line" >> "$TMP/start.p"
    get maxrss_kb "$line" >> "$TMP/rss.floor"
    line=$("$DRIVE" -s 120x40 -- "$OUT/floor_curses")
    get exit_us "$line" >> "$TMP/start.f"
    line=$("$DRIVE" -s 120x40 -- "$OUT/floor_curses_libs")
    get exit_us "$line" >> "$TMP/start.l"
done
# The first start, apart: its fsyncs would otherwise land in the next runs.
for _ in $(seq "$RUNS"); do
    fresh_state
    line=$("$DRIVE" -s 120x40 -u Quit -- "$BIN" --offline)
    get exit_us "$line" >> "$TMP/start.first"
done
sv=$(median < "$TMP/start.v"); sf=$(median < "$TMP/start.f"); fv=$(median < "$TMP/frame.v")
sp=$(median < "$TMP/start.p"); sl=$(median < "$TMP/start.l"); s1=$(median < "$TMP/start.first")
row "1 start to first frame + q (bundled, 120x40, state saved by an earlier run)" "$(ms "$sv") (frame at $(ms "$fv"))" \
    "$(ms "$sp") (curses painting versus's captured first frame)" "$(ratio "$sv" "$sp")" "within 1.15x"
row "1b the same, against a floor that paints nothing" "$(ms "$sv")" \
    "$(ms "$sf") (initscr, refresh, endwin)" "$(ratio "$sv" "$sf")" "(reference)"
row "1c the same, against a floor that paints nothing but loads versus's libraries" "$(ms "$sv")" \
    "$(ms "$sl") (the same, linking yaml, jansson)" "$(ratio "$sv" "$sl")" "(reference)"
row "1d the first start ever (no saved state; q writes it)" "$(ms "$s1")" \
    "$(ms "$sp") (the captured first frame)" "$(ratio "$s1" "$sp")" "(reference)"
fresh_state
"$DRIVE" -s 120x40 -u Quit -- "$BIN" --offline > /dev/null
iv=$(cg_parts "$TMP/cg.start" ui_handle_key -- "$BIN" --offline | head -n1)
ip=$(cg_parts "$TMP/cg.startf" paint_step -- "$OUT/floor_first" | head -n2 | awk '{s+=$1} END {print s}')
row "1e instructions to the first frame (callgrind, saved state)" "$(mi "$iv")" \
    "$(mi "$ip") (the captured first frame)" "$(ratio "$iv" "$ip")" "(reference)"

fi

# ---- 2. bytes and instructions per key, against the cells that change -------
if want 2; then
echo "bench: 2 bytes and instructions per key press" >&2
# keyrow LABEL WARM KEYS TARGET_B TARGET_I: versus against a floor that
# repaints only the cells the same keys change (captured from versus).
keyrow() {
    local label=$1 warm=$2 keys=$3 n=${#3} line vb fb cells pv pf vi fl
    prime
    capture "$TMP/k" "$warm" "$keys" "$BIN" --offline
    rm -f "$OUT/floor_keys"
    frame_floor keys "$TMP/k" || return
    cells=$(changed_cells "$TMP/k" "$n")
    restore
    line=$("$DRIVE" -s 120x40 -u Quit -g 150 -w "$warm" -k "$keys" -- "$BIN" --offline)
    vb=$(key_median "$line")
    line=$("$DRIVE" -s 120x40 -u Quit -g 150 -k "$keys" -- "$OUT/floor_keys")
    fb=$(key_median "$line")
    restore
    pv=$(cg_parts "$TMP/cg.kv" ui_handle_key -w "$warm" -k "$keys" -- "$BIN" --offline)
    vi=$(per_key "$pv" $((1 + ${#warm})) "$n")
    pf=$(cg_parts "$TMP/cg.kf" paint_step -k "$keys" -- "$OUT/floor_keys")
    fl=$(per_key "$pf" 2 "$n")
    row "$label: bytes (120x40, bundled)" "$vb B" "$fb B (repainting the $cells cells that change)" \
        "$(ratio "$vb" "$fb")" "$4"
    row "$label: instructions (callgrind)" "$(mi "$vi")" "$(mi "$fl") (the same)" "$(ratio "$vi" "$fl")" "$5"
}
read -r wwarm wkeys <<<"$(wstep data)"
keyrow "2a weight step" "$wwarm" "$wkeys" "within 1.1x" "within 2x"
keyrow "2b cursor move" "" "jkjkjkjk" "(reference)" "(reference)"

fi

# ---- 3. CPU per key press at 1,000 criteria x 8 stacks -----------------------
if want 3; then
echo "bench: 3 CPU per key press, 1000x8 ($CPU_RUNS runs)" >&2
: > "$TMP/cpu.keys"; : > "$TMP/cpu.base"; : > "$TMP/rss.big"; : > "$TMP/cpu.keys1"; : > "$TMP/cpu.base1"
prime --data "$BIG"
for _ in $(seq "$CPU_RUNS"); do
    restore
    line=$("$DRIVE" -s 120x40 -u Quit -g 3 -k jljh -r 250 -- "$BIN" --offline --data "$BIG")
    [ "$(get presses "$line")" = 1000 ] || echo "bench: warning: $line" >&2
    echo $(( $(get user_us "$line") + $(get sys_us "$line") )) >> "$TMP/cpu.keys"
    get maxrss_kb "$line" >> "$TMP/rss.big"
    restore
    line=$("$DRIVE" -s 120x40 -u Quit -- "$BIN" --offline --data "$BIG")
    echo $(( $(get user_us "$line") + $(get sys_us "$line") )) >> "$TMP/cpu.base"
    get maxrss_kb "$line" >> "$TMP/rss.big"
    # The same with a one-draw estimate: a weight key restarts the
    # robustness estimate (10,000 draws, about 85 ms at 1000x8, row 8c),
    # which then runs in slices while the keyboard is quiet, so the figure
    # above holds the key's own work and whatever of the estimate the gaps
    # between presses left room for; this one is the key's alone.
    restore
    line=$("$DRIVE" -s 120x40 -u Quit -g 3 -k jljh -r 250 -- "$BIN" --offline --data "$BIG" --samples 1)
    echo $(( $(get user_us "$line") + $(get sys_us "$line") )) >> "$TMP/cpu.keys1"
    restore
    line=$("$DRIVE" -s 120x40 -u Quit -- "$BIN" --offline --data "$BIG" --samples 1)
    echo $(( $(get user_us "$line") + $(get sys_us "$line") )) >> "$TMP/cpu.base1"
done
ck=$(median < "$TMP/cpu.keys"); cb=$(median < "$TMP/cpu.base")
per=$(awk -v a="$ck" -v b="$cb" 'BEGIN {printf "%.0f", (a-b)/1000}')
row "3 CPU (user+sys) per key press, 1000x8, 1000 presses, saved state" "$per us" \
    "$(ms "$cb") for start + q alone" "-" "(reference: the estimate's slices included)"
ck=$(median < "$TMP/cpu.keys1"); cb=$(median < "$TMP/cpu.base1")
per=$(awk -v a="$ck" -v b="$cb" 'BEGIN {printf "%.0f", (a-b)/1000}')
row "3b the same, the key's own work (--samples 1: no estimate to run between keys)" "$per us" \
    "$(ms "$cb") for start + q alone" "-" "well under 1 ms"

fi

# ---- 4. fetch: one refresh of 60 packages, 200 ms per reply ------------------
if want 4; then
echo "bench: 4 fetch ($FETCH_RUNS runs)" >&2
FD=$TMP/fetch
FS=$TMP/fetch-shipped
python3 - "$FD" <<'EOF'
# 2 stacks, 20 criteria: 40 npm packages (10 scoped) and 20 PyPI projects.
import os, sys
d = sys.argv[1]
os.makedirs(d, exist_ok=True)
def w(name, text):
    open(os.path.join(d, name), "w").write(text)
npm = [("\"@bench/pkg-%d\"" % i) if i % 4 == 0 else "bench-pkg-%d" % i for i in range(40)]
pypi = ["bench-py-%d" % i for i in range(20)]
w("settings.yaml", 'data_version: "bench-fetch"\ndate: 2026-01-01\nhybrid_threshold: 5.0\n')
w("stacks.yaml", "stacks:\n  - {id: n, name: Node, ecosystem: npm, summary: Node.}\n"
                 "  - {id: p, name: Python, ecosystem: pypi, summary: Python.}\n")
c = ["criteria:\n"]
for i in range(20):
    c.append("  - id: c%d\n    title: Criterion %d\n    label: label %d\n    question: Q%d?\n"
             "    weight: 5\n    stacks:\n"
             "      n: {score: 6.0, rationale: R., evidence: [%s, %s]}\n"
             "      p: {score: 5.0, rationale: R., evidence: [%s]}\n"
             % (i, i, i, i, npm[2 * i], npm[2 * i + 1], pypi[i]))
w("criteria.yaml", "".join(c))
w("presets.yaml", "presets:\n  - id: flat\n    description: Flat.\n    weights:\n"
  + "".join("      c%d: 5\n" % i for i in range(20)))
snap = ["ecosystems:\n"]
for eco, names in (("npm", npm), ("pypi", pypi)):
    snap.append('  %s:\n    source: "bench"\n    period: "bench month"\n    last_month:\n' % eco)
    snap += ["      %s: 1000\n" % n for n in names]
w("snapshot.yaml", "".join(snap))
EOF
cp -r "$FD" "$FS"
# Rate limits lifted (as far as sources.yaml allows) for the first figure;
# the shipped sources.yaml, as it is, for the second.
sed -e 's/connections: .*/connections: 16/' -e 's/per_second: .*/per_second: 100/' \
    -e 's/per_minute: .*/per_minute: 6000/' -e '/^ *interval: /d' data/sources.yaml > "$FD/sources.yaml"
cp data/sources.yaml "$FS/sources.yaml"
python3 tests/net/server.py --port-file "$TMP/port" --log "$TMP/requests.log" \
    --latency 0.2 --idle 120 --lifetime 1800 &
SERVER_PID=$!
for _ in $(seq 100); do [ -s "$TMP/port" ] && break; sleep 0.1; done
PORT=$(cat "$TMP/port")
export VERSUS_NPM_API="http://127.0.0.1:$PORT" VERSUS_PYPI_API="http://127.0.0.1:$PORT/api"
# versus_fetch DATA TAG: FETCH_RUNS refreshes from an empty cache; the
# first run's requests become the curl floors' lists ($TMP/curl.TAG.*).
versus_fetch() {
    local r line
    : > "$TMP/fetch.$2"; : > "$TMP/fetch.$2.n"
    for r in $(seq "$FETCH_RUNS"); do
        fresh_state
        : > "$TMP/requests.log"
        line=$("$DRIVE" -n -t 300 -- "$BIN" --data "$1" --fetch --export "$TMP/fetch.json" --format json)
        get exit_us "$line" >> "$TMP/fetch.$2"
        wc -l < "$TMP/requests.log" >> "$TMP/fetch.$2.n"
        [ "$r" = 1 ] || continue
        python3 - "$TMP/requests.log" "$TMP/fetch.json" "$PORT" "$TMP/curl.$2" <<'EOF'
import json, sys
log = [json.loads(l) for l in open(sys.argv[1])]
stats = json.load(open(sys.argv[2]))["stats"]
bad = [s["package"] for s in stats if s.get("status") != "ok"]
if bad:
    print("bench: warning: not fetched: %s" % ", ".join(bad), file=sys.stderr)
base = "http://127.0.0.1:%s" % sys.argv[3]
npm = [e["path"] for e in log if e["path"].startswith("/downloads/")]
pypi = [e["path"] for e in log if e["path"].startswith("/api/")]
for name, paths in (("npm", npm), ("pypistats", pypi)):
    with open(sys.argv[4] + "." + name + ".K", "w") as f:
        for p in paths:
            f.write('url = "%s%s"\noutput = "/dev/null"\n' % (base, p))
    with open(sys.argv[4] + "." + name + ".urls", "w") as f:
        for p in paths:
            f.write("%s%s\n" % (base, p))
EOF
    done
}
# curl_parallel TAG MAX: both services' requests at once, each with
# --parallel-max MAX.
curl_parallel() {
    local t0 c1
    t0=$(date +%s%N)
    curl -s --no-progress-meter --parallel --parallel-immediate --parallel-max "$2" -K "$TMP/curl.$1.npm.K" &
    c1=$!
    curl -s --no-progress-meter --parallel --parallel-immediate --parallel-max "$2" -K "$TMP/curl.$1.pypistats.K"
    wait "$c1"
    echo $(( ($(date +%s%N) - t0) / 1000 ))
}
versus_fetch "$FD" lifted
: > "$TMP/fetch.nocap"; : > "$TMP/fetch.cap"
for _ in $(seq "$FETCH_RUNS"); do
    curl_parallel lifted 300 >> "$TMP/fetch.nocap"
    curl_parallel lifted 16 >> "$TMP/fetch.cap"
done
versus_fetch "$FS" shipped
: > "$TMP/fetch.paced"
for _ in $(seq "$FETCH_RUNS"); do
    python3 bench/paced_curl.py data/sources.yaml npm="$TMP/curl.shipped.npm.urls" \
        pypistats="$TMP/curl.shipped.pypistats.urls" >> "$TMP/fetch.paced"
done
kill "$SERVER_PID" 2>/dev/null; SERVER_PID=
fl=$(median < "$TMP/fetch.lifted"); fnc=$(median < "$TMP/fetch.nocap"); fc=$(median < "$TMP/fetch.cap")
fs=$(median < "$TMP/fetch.shipped"); fp=$(median < "$TMP/fetch.paced")
fn=$(median < "$TMP/fetch.lifted.n"); fns=$(median < "$TMP/fetch.shipped.n")
nreq=$(cat "$TMP"/curl.lifted.*.urls | wc -l)
lim=$(awk '/^  - id:/ {id=$3} /connections:|per_second:|per_minute:|interval:/ {v[id]=v[id] " " $1 " " $2} END {for (i in v) printf "%s%s;", i, v[i]}' data/sources.yaml | sed 's/:;/;/g; s/;$//')
row "4a fetch: one refresh, 60 packages, 200 ms per reply, limits lifted (16 connections)" "$(ms "$fl")" \
    "$(ms "$fnc") (curl --parallel, same $nreq requests, no cap)" "$(ratio "$fl" "$fnc")" "(reference)"
row "4b the same, against curl under versus's connection cap" "$(ms "$fl")" \
    "$(ms "$fc") (curl --parallel-max 16 per service)" "$(ratio "$fl" "$fc")" "within 1.2x"
row "4c fetch at the shipped limits ($lim)" "$(ms "$fs")" \
    "$(ms "$fp") (one curl per request, paced at the same limits)" "$(ratio "$fs" "$fp")" "within 1.1x"
row "4d fetch: requests per refresh" "$fn (shipped limits: $fns)" "60 (one per package)" \
    "$(ratio "$fn" 60)" "-"
row "4e the same, against the APIs' minimum" "$fn" "31 (one bulk npm request, 10 scoped, 20 PyPI)" \
    "$(ratio "$fn" 31)" "1.00x"

fi

# ---- 5. memory ----------------------------------------------------------------
if want 1 && want 3; then
rs=$(median < "$TMP/rss.small"); rb=$(median < "$TMP/rss.big"); rf=$(median < "$TMP/rss.floor")
row "5a peak RSS, dashboard, bundled data" "$rs KiB" "$rf KiB (the captured first frame)" "$(ratio "$rs" "$rf")" "report"
row "5b peak RSS, dashboard, 1000x8 (after 1000 presses)" "$rb KiB" "-" "-" "report"

fi

# ---- 6. headless export ----------------------------------------------------------
if want 6; then
echo "bench: 6 headless export ($RUNS runs)" >&2
fresh_state
"$BIN" --offline --export "$TMP/ref.md" || exit 1
: > "$TMP/exp.v"; : > "$TMP/exp.f"; : > "$TMP/exp.vs"; : > "$TMP/exp.fs"
for _ in $(seq "$RUNS"); do
    line=$("$DRIVE" -n -- "$BIN" --offline --export "$TMP/out.md")
    get exit_us "$line" >> "$TMP/exp.v"
    line=$("$DRIVE" -n -- "$OUT/floor_export" "$TMP/ref.md" "$TMP/floor.md")
    get exit_us "$line" >> "$TMP/exp.f"
    line=$("$DRIVE" -n -- "$BIN" --offline --export -)
    get exit_us "$line" >> "$TMP/exp.vs"
    line=$("$DRIVE" -n -- "$OUT/floor_export" "$TMP/ref.md" -)
    get exit_us "$line" >> "$TMP/exp.fs"
done
ev=$(median < "$TMP/exp.v"); ef=$(median < "$TMP/exp.f")
evs=$(median < "$TMP/exp.vs"); efs=$(median < "$TMP/exp.fs")
row "6a headless --offline --export FILE (bundled, Markdown)" "$(ms "$ev")" \
    "$(ms "$ef") (same libraries; the same bytes written, fsync, rename, fsync)" "$(ratio "$ev" "$ef")" "report"
row "6b headless --offline --export - (stdout)" "$(ms "$evs")" \
    "$(ms "$efs") (same libraries; the same bytes to stdout)" "$(ratio "$evs" "$efs")" "report"

fi

# ---- 7. scaling ---------------------------------------------------------------------
if want 7; then
# Instructions (callgrind) at each size, with a saved state (one unmeasured
# run first): start to the first frame, then per key (median of 8) a
# weight step, a preset change (p) and a filter keystroke (one character
# typed and erased in turn), and a headless Markdown export to a file.
# The data sets over 1 MiB need the loader's cap raised, for this only.
echo "bench: 7 scaling ($SIZES criteria x 2 and 8 stacks)" >&2
export VERSUS_YAML_MAX_BYTES=$((64 * 1024 * 1024))
# The memory floor: a curses start that loads versus's libraries.
rl=$("$DRIVE" -s 120x40 -- "$OUT/floor_curses_libs")
rl=$(get maxrss_kb "$rl")
BS=$'\x7f'
for s in 2 8; do
    prev=()
    for n in $SIZES; do
        d=$TMP/scale-$n-$s
        "$GEN" "$d" "$n" "$s" >/dev/null 2>&1 || { echo "bench: gen_data $n $s failed" >&2; continue; }
        ybytes=$(cat "$d"/*.yaml | wc -c)
        prime --data "$d"
        line=$("$DRIVE" -s 120x40 -u Quit -t 300 -- "$BIN" --offline --data "$d")
        rss=$(get maxrss_kb "$line")
        read -r ww wk <<<"$(wstep "$d")"
        restore
        pw=$(cg_parts "$TMP/cg.s" ui_handle_key -w "$ww" -k "$wk" -- "$BIN" --offline --data "$d")
        st=$(head -n1 <<<"$pw")
        w=$(per_key "$pw" 3 8)
        restore
        pp=$(cg_parts "$TMP/cg.s" ui_handle_key -k pppppppp -- "$BIN" --offline --data "$d")
        p=$(per_key "$pp" 1 8)
        restore
        pf=$(cg_parts "$TMP/cg.s" ui_handle_key -w /1 -k "2${BS}2${BS}2${BS}2${BS}" -x $'\rq' -- \
            "$BIN" --offline --data "$d")
        f=$(per_key "$pf" 3 8)
        restore
        e=$(cg_total "$BIN" --offline --data "$d" --export "$TMP/scale.md")
        rpb=$(awk -v r="$rss" -v f="$rl" -v b="$ybytes" 'BEGIN {printf "%.1f", (r - f) * 1024 / b}')
        cur=("$st" "$w" "$p" "$f" "$e")
        cells=()
        for i in 0 1 2 3 4; do
            if [ ${#prev[@]} -gt 0 ]; then
                cells+=("$(mi "${cur[$i]}") ($(ratio "${cur[$i]}" "${prev[$i]}"))")
            else
                cells+=("$(mi "${cur[$i]}")")
            fi
        done
        SROWS+=("| $n x $s | $ybytes B | ${cells[0]} | ${cells[1]} | ${cells[2]} | ${cells[3]} | ${cells[4]} | $rss KiB ($rpb B/B) |")
        prev=("${cur[@]}")
    done
done
unset VERSUS_YAML_MAX_BYTES

fi

# ---- 8. robustness of the verdict ------------------------------------------------------
if want 8; then
echo "bench: 8 robustness estimate ($RUNS runs)" >&2
"$GEN" "$TMP/r10x8" 10 8 >/dev/null || exit 1
line=$("$BUILD/tools/robust_time" "$TMP/r10x8" "$RUNS")
rv=$(get robust_us "$line"); fv=$(get flip_us "$line")
row "8a robustness: 10,000 draws, 10 criteria x 8 stacks, one core" "$(ms "$rv")" "-" "-" "under 50 ms"
row "8b smallest flip, the same data set (exact search)" "$(ms "$fv")" "-" "-" "report"
line=$("$BUILD/tools/robust_time" "$BIG" "$RUNS")
rv=$(get robust_us "$line"); fv=$(get flip_us "$line")
row "8c the same at 1000 criteria x 8 stacks (off the key path: between key reads)" "$(ms "$rv")" \
    "-" "-" "report"
row "8d smallest flip at 1000x8" "$(ms "$fv")" "-" "-" "report"
fi

# ---- the table ---------------------------------------------------------------------
cpu=$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n1)
mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)
{
    echo "| figure | versus | floor | ratio | target |"
    echo "| --- | --- | --- | --- | --- |"
    printf '%s\n' "${ROWS[@]}"
    echo
    echo "Scaling (instructions, callgrind; in brackets the growth over the size ten times smaller;"
    echo "peak RSS of start + q, and in brackets bytes of RSS beyond a curses start's that loads the same"
    echo "libraries, per byte of YAML):"
    echo
    echo "| criteria x stacks | YAML | start to first frame | weight step | preset change | filter keystroke | export to a file | peak RSS |"
    echo "| --- | --- | --- | --- | --- | --- | --- | --- |"
    printf '%s\n' "${SROWS[@]}"
} > "$TMP/table.md"
cat "$TMP/table.md"
{
    echo "<!-- written by bench/run.sh: the table between these markers is replaced on every run -->"
    mode=full
    [ "$RUNS" = 7 ] && [ "$CPU_RUNS" = 3 ] && [ "$FETCH_RUNS" = 3 ] && [ "$SIZES" = "10 100 1000 10000" ] &&
        [ "$SECTIONS" = "1 2 3 4 5 6 7 8" ] || mode=reduced
    echo "Run $(date -u '+%Y-%m-%d %H:%M UTC'), $mode mode: $RUNS runs per timed figure (CPU $CPU_RUNS, fetch $FETCH_RUNS), medians;"
    echo "sections $SECTIONS; scaling sizes $SIZES (BENCH_RUNS=$RUNS BENCH_CPU_RUNS=$CPU_RUNS BENCH_FETCH_RUNS=$FETCH_RUNS BENCH_SIZES=\"$SIZES\" BENCH_SECTIONS=\"$SECTIONS\")."
    echo "Times are wall clock on a shared machine and move by tens of percent; instruction counts repeat."
    echo "Machine: $(nproc) CPUs ($cpu), $mem, Linux $(uname -r), $(${CC:-cc} --version | head -n1)."
    echo
    cat "$TMP/table.md"
    echo "<!-- end of table -->"
} > "$TMP/block.md"
if [ -f "$RESULTS" ] && grep -q '^<!-- end of table -->' "$RESULTS"; then
    python3 - "$RESULTS" "$TMP/block.md" <<'EOF'
import re, sys
text = open(sys.argv[1]).read()
block = open(sys.argv[2]).read()
text = re.sub(r"<!-- written by bench/run.sh.*?<!-- end of table -->\n", lambda m: block, text, flags=re.S)
open(sys.argv[1], "w").write(text)
EOF
else
    { echo "# Benchmark results"; echo; cat "$TMP/block.md"; } > "$RESULTS"
fi
echo "bench: written to ${RESULTS#"$ROOT"/}" >&2
