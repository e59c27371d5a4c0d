#!/usr/bin/env bash
# bench/run.sh BUILD: measures versus's speed, memory and scale against the
# floor each figure could reach, prints one table and writes it with the
# machine's description to bench/results.md. Reports only: timing never
# fails it. `make bench` builds BUILD (build/bench) and runs this.
# Needs: a C compiler, pkg-config and the -dev libraries versus builds with,
# python3, tmux and curl. BENCH_RUNS (default 7) sets the repeats per figure.
set -u
BUILD=${1:-build/bench}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT" || exit 1
RUNS=${BENCH_RUNS:-7}
BIN=$ROOT/$BUILD/versus
GEN=$ROOT/$BUILD/tools/gen_data
OUT=$ROOT/$BUILD/bench
TMP=$ROOT/bench/tmp/run
RESULTS=${BENCH_RESULTS:-$ROOT/bench/results.md}
for f in "$BIN" "$GEN"; do
    [ -x "$f" ] || { echo "bench: $f is not built (run make bench)" >&2; exit 1; }
done
for tool in python3 tmux curl pkg-config; do
    command -v "$tool" >/dev/null || { echo "bench: needs $tool" >&2; exit 1; }
done

# The drivers and floors, built with the flags versus is built with.
mkdir -p "$OUT"
CFLAGS_B="-std=c11 -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600 -Wall -Wextra -Wpedantic -Werror -O2"
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
DRIVE=$OUT/pty_drive

rm -rf "$TMP"
mkdir -p "$TMP/home"
export HOME=$TMP/home XDG_CONFIG_HOME=$TMP/home/.config XDG_CACHE_HOME=$TMP/home/.cache
export XDG_DATA_HOME=$TMP/home/.local/share TERM=xterm-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=UTC
unset NO_COLOR VERSUS_DATA_DIR VERSUS_NPM_API VERSUS_PYPI_API
SERVER_PID=
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; tmux -L "bench$$" kill-server 2>/dev/null; }
trap cleanup EXIT

# get KEY LINE: one value from a pty_drive line.
get() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }
# median: of the numbers on stdin.
median() { sort -n | awk '{v[NR]=$1} END {if (NR==0) print "nan"; else if (NR%2) print v[(NR+1)/2]; else print (v[NR/2]+v[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b>0) printf "%.2fx", a/b; else print "n/a"}'; }
ms() { awk -v u="$1" 'BEGIN {printf "%.1f ms", u/1000}'; }
# fresh_state: every dashboard run starts from the data's defaults.
fresh_state() { rm -rf "$XDG_CONFIG_HOME" "$XDG_CACHE_HOME"; }

ROWS=()
row() { ROWS+=("| $1 | $2 | $3 | $4 | $5 |"); }

echo "bench: data sets" >&2
"$GEN" "$TMP/big" 1000 8 >/dev/null || exit 1
BIG=$TMP/big

# ---- 1. start to first frame ------------------------------------------------
echo "bench: 1 start to first frame ($RUNS runs)" >&2
: > "$TMP/start.v"; : > "$TMP/start.f"; : > "$TMP/frame.v"; : > "$TMP/start.l"; : > "$TMP/start.first"
# Every start but the first finds the state file the last quit left (and,
# with nothing changed, leaves it alone); the first start ever writes it.
fresh_state
"$DRIVE" -s 120x40 -u Quit -- "$BIN" --offline > /dev/null
for _ in $(seq "$RUNS"); do
    line=$("$DRIVE" -s 120x40 -u Quit -- "$BIN" --offline)
    get exit_us "$line" >> "$TMP/start.v"
    get frame_us "$line" >> "$TMP/frame.v"
    get maxrss_kb "$line" >> "$TMP/rss.small"
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
row "1 start to first frame + q (bundled, 120x40, state saved by an earlier run)" "$(ms "$sv") (frame at $(ms "$fv"))" \
    "$(ms "$sf") (initscr, refresh, endwin)" "$(ratio "$sv" "$sf")" "within 1.5x"
sl=$(median < "$TMP/start.l")
row "1b the same, floor loading versus's libraries" "$(ms "$sv")" \
    "$(ms "$sl") (the same, linking yaml, jansson)" "$(ratio "$sv" "$sl")" "(reference)"
s1=$(median < "$TMP/start.first")
row "1c the first start ever (no saved state; q writes it)" "$(ms "$s1")" \
    "$(ms "$sf") (initscr, refresh, endwin)" "$(ratio "$s1" "$sf")" "(reference)"

# ---- 2. bytes per key press, against the cells that change -----------------
echo "bench: 2 bytes per key press" >&2
fresh_state
# h and l step the first criterion's weight down and up; j and k move.
line=$("$DRIVE" -s 120x40 -u Quit -g 150 -k hlhlhlhl -- "$BIN" --offline)
wb=$(get key_bytes "$line" | tr , '\n' | median)
fresh_state
line=$("$DRIVE" -s 120x40 -u Quit -g 150 -k jkjkjkjk -- "$BIN" --offline)
mb=$(get key_bytes "$line" | tr , '\n' | median)
# The cells a key changes, read from tmux's screen (character and attributes).
cells() {
    local keys=$1 sock=bench$$ k i prev cur
    fresh_state
    tmux -L "$sock" -f /dev/null new-session -d -x 120 -y 40 \
        "env TERM=xterm-256color $BIN --offline; sleep 5" || return
    for i in $(seq 50); do
        tmux -L "$sock" capture-pane -p | grep -q Quit && break
        sleep 0.1
    done
    sleep 0.3
    prev=$TMP/cap.0
    tmux -L "$sock" capture-pane -p -e > "$prev"
    i=0
    for k in $(grep -o . <<<"$keys"); do
        i=$((i + 1))
        tmux -L "$sock" send-keys -l "$k"
        sleep 0.3
        cur=$TMP/cap.$i
        tmux -L "$sock" capture-pane -p -e > "$cur"
        python3 - "$prev" "$cur" <<'EOF'
import re, sys
def grid(path):
    cells, attr = {}, ""
    for y, line in enumerate(open(path, encoding="utf-8", errors="replace").read().split("\n")):
        x = 0
        for tok in re.findall(r"\x1b\[[0-9;:]*m|.", line):
            if tok.startswith("\x1b"):
                attr = "" if tok in ("\x1b[m", "\x1b[0m") else attr + tok
            else:
                cells[(y, x)] = (tok, attr)
                x += 1
    return cells
a, b = grid(sys.argv[1]), grid(sys.argv[2])
print(sum(1 for k in set(a) | set(b) if a.get(k, (" ", "")) != b.get(k, (" ", ""))))
EOF
        prev=$cur
    done
    tmux -L "$sock" kill-server 2>/dev/null
}
wc_=$(cells hlhlhlhl | median)
mc=$(cells jkjkjkjk | median)
row "2a bytes per weight step (120x40)" "$wb B" "$wc_ cells change (of 4800)" "$(ratio "$wb" "$wc_") B/cell" \
    "a few hundred bytes, never the whole screen"
row "2b bytes per cursor move (120x40)" "$mb B" "$mc cells change (of 4800)" "$(ratio "$mb" "$mc") B/cell" "-"

# ---- 3. CPU per key press at 1,000 criteria x 8 stacks -----------------------
CPU_RUNS=${BENCH_CPU_RUNS:-3}
echo "bench: 3 CPU per key press, 1000x8 ($CPU_RUNS runs)" >&2
: > "$TMP/cpu.keys"; : > "$TMP/cpu.base"
for _ in $(seq "$CPU_RUNS"); do
    fresh_state
    line=$("$DRIVE" -s 120x40 -u Quit -g 3 -k jljh -r 250 -- "$BIN" --offline --data "$BIG")
    [ "$(get presses "$line")" = 1000 ] || echo "bench: warning: $line" >&2
    echo $(( $(get user_us "$line") + $(get sys_us "$line") )) >> "$TMP/cpu.keys"
    get maxrss_kb "$line" >> "$TMP/rss.big"
    fresh_state
    line=$("$DRIVE" -s 120x40 -u Quit -- "$BIN" --offline --data "$BIG")
    echo $(( $(get user_us "$line") + $(get sys_us "$line") )) >> "$TMP/cpu.base"
    get maxrss_kb "$line" >> "$TMP/rss.big"
done
ck=$(median < "$TMP/cpu.keys"); cb=$(median < "$TMP/cpu.base")
per=$(awk -v a="$ck" -v b="$cb" 'BEGIN {printf "%.0f", (a-b)/1000}')
row "3 CPU (user+sys) per key press, 1000x8, 1000 presses" "$per us" \
    "$(ms "$cb") for start + q alone" "-" "well under 1 ms"

# ---- 4. fetch: one refresh of 60 packages, 200 ms per reply ------------------
FETCH_RUNS=${BENCH_FETCH_RUNS:-3}
echo "bench: 4 fetch ($FETCH_RUNS runs)" >&2
FD=$TMP/fetch
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
# Rate limits lifted (as far as sources.yaml allows) for the run.
sed -e 's/connections: .*/connections: 16/' -e 's/per_second: .*/per_second: 100/' \
    -e 's/per_minute: .*/per_minute: 6000/' data/sources.yaml > "$FD/sources.yaml"
python3 tests/net/server.py --port-file "$TMP/port" --log "$TMP/requests.log" \
    --latency 0.2 --idle 60 --lifetime 280 &
SERVER_PID=$!
for _ in $(seq 100); do [ -s "$TMP/port" ] && break; sleep 0.1; done
PORT=$(cat "$TMP/port")
export VERSUS_NPM_API="http://127.0.0.1:$PORT" VERSUS_PYPI_API="http://127.0.0.1:$PORT/api"
: > "$TMP/fetch.v"; : > "$TMP/fetch.f"; : > "$TMP/fetch.n"
for r in $(seq "$FETCH_RUNS"); do
    fresh_state
    : > "$TMP/requests.log"
    line=$("$DRIVE" -n -t 60 -- "$BIN" --data "$FD" --fetch --export "$TMP/fetch.json" --format json)
    get exit_us "$line" >> "$TMP/fetch.v"
    wc -l < "$TMP/requests.log" >> "$TMP/fetch.n"
    if [ "$r" = 1 ]; then
        python3 - "$TMP/requests.log" "$TMP/fetch.json" "$PORT" "$TMP/curl" <<'EOF'
import json, sys
log = [json.loads(l) for l in open(sys.argv[1])]
stats = json.load(open(sys.argv[2]))["stats"]
bad = [s["package"] for s in stats if s.get("status") != "ok"]
if bad:
    print("bench: warning: not fetched: %s" % ", ".join(bad), file=sys.stderr)
base = "http://127.0.0.1:%s" % sys.argv[3]
npm = [e["path"] for e in log if e["path"].startswith("/downloads/")]
pypi = [e["path"] for e in log if e["path"].startswith("/api/")]
for name, paths in (("npm", npm), ("pypi", pypi)):
    with open(sys.argv[4] + "." + name, "w") as f:
        for p in paths:
            f.write('url = "%s%s"\noutput = "/dev/null"\n' % (base, p))
EOF
    fi
done
# The floor: the same requests with curl --parallel, each service's set
# under the same connection limit (16), both at once, as versus runs them.
for _ in $(seq "$FETCH_RUNS"); do
    t0=$(date +%s%N)
    curl -s --no-progress-meter --parallel --parallel-immediate --parallel-max 16 -K "$TMP/curl.npm" &
    c1=$!
    curl -s --no-progress-meter --parallel --parallel-immediate --parallel-max 16 -K "$TMP/curl.pypi"
    wait "$c1"
    echo $(( ($(date +%s%N) - t0) / 1000 )) >> "$TMP/fetch.f"
done
kill "$SERVER_PID" 2>/dev/null; SERVER_PID=
fv=$(median < "$TMP/fetch.v"); ff=$(median < "$TMP/fetch.f"); fn=$(median < "$TMP/fetch.n")
nreq=$(($(grep -c url "$TMP/curl.npm") + $(grep -c url "$TMP/curl.pypi")))
row "4a fetch: one refresh, 60 packages, 200 ms per reply" "$(ms "$fv")" \
    "$(ms "$ff") (curl --parallel, same $nreq requests)" "$(ratio "$fv" "$ff")" "within 1.2x"
row "4b fetch: requests per refresh" "$fn" "180 naive (60 packages x 3 figures)" \
    "$(ratio "$fn" 180)" "far fewer than naive"

# ---- 5. memory ----------------------------------------------------------------
rs=$(median < "$TMP/rss.small"); rb=$(median < "$TMP/rss.big")
row "5a peak RSS, dashboard, bundled data" "$rs KiB" "-" "-" "report"
row "5b peak RSS, dashboard, 1000x8 (after 1000 presses)" "$rb KiB" "-" "-" "report"

# ---- 6. headless export ----------------------------------------------------------
echo "bench: 6 headless export ($RUNS runs)" >&2
: > "$TMP/exp.v"; : > "$TMP/exp.f"
for _ in $(seq "$RUNS"); do
    fresh_state
    line=$("$DRIVE" -n -- "$BIN" --offline --export "$TMP/out.md")
    get exit_us "$line" >> "$TMP/exp.v"
    line=$("$DRIVE" -n -- "$OUT/floor_libs")
    get exit_us "$line" >> "$TMP/exp.f"
done
ev=$(median < "$TMP/exp.v"); ef=$(median < "$TMP/exp.f")
row "6 headless --offline --export (bundled, Markdown)" "$(ms "$ev")" \
    "$(ms "$ef") (same libraries, exits)" "$(ratio "$ev" "$ef")" "report"

# ---- 7. robustness of the verdict ------------------------------------------------------
echo "bench: 7 robustness estimate ($RUNS runs)" >&2
"$GEN" "$TMP/r10x8" 10 8 >/dev/null || exit 1
line=$("$ROOT/$BUILD/tools/robust_time" "$TMP/r10x8" "$RUNS")
rv=$(get robust_us "$line"); fv=$(get flip_us "$line")
row "7a robustness: 10,000 draws, 10 criteria x 8 stacks, one core" "$(ms "$rv")" "-" "-" "under 50 ms"
row "7b smallest flip, the same data set (exact search)" "$(ms "$fv")" "-" "-" "report"
line=$("$ROOT/$BUILD/tools/robust_time" "$BIG" "$RUNS")
rv=$(get robust_us "$line"); fv=$(get flip_us "$line")
row "7c the same at 1000 criteria x 8 stacks (off the key path: between key reads)" "$(ms "$rv")" \
    "-" "-" "report"
row "7d smallest flip at 1000x8" "$(ms "$fv")" "-" "-" "report"

# ---- the table ---------------------------------------------------------------------
cpu=$(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n1)
mem=$(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)
{
    echo "| figure | versus | floor | ratio | target |"
    echo "| --- | --- | --- | --- | --- |"
    printf '%s\n' "${ROWS[@]}"
} > "$TMP/table.md"
cat "$TMP/table.md"
{
    echo "<!-- written by bench/run.sh: the table between these markers is replaced on every run -->"
    echo "Run $(date -u '+%Y-%m-%d %H:%M UTC'), $RUNS runs per figure (CPU $CPU_RUNS, fetch $FETCH_RUNS), medians."
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
