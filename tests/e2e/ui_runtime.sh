#!/usr/bin/env bash
# ui_runtime.sh: offline, each stack's pane shows the runtime line a team
# would pick today from the bundled support windows (dated), at 120x40 and
# at 80x24, without breaking the layout; i lists them with their date; the
# exports carry them with source bundled, and the bundled package health
# with its date. Fetched from the loopback server, the served windows show
# in the panes at both sizes.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

# The bundled table (as of 2026-08-22) on any day from 2026-10-28 to
# 2027-10-01: Node.js 26 is the newest LTS line, Python 3.14 the newest in
# the snapshot. Both are years from their end of life.
tm_start 120 40 --offline --reset
check "120x40 starts" tm_wait "Verdict: "
check "120x40: the Node.js pane names its LTS line and end of life" tm_wait "Node.js 26 LTS to 2029-04"
check "120x40: the Python pane names its line and end of life" tm_wait "Python 3.14 to 2030-10"
check "120x40: the details say it in full" tm_wait "runtime 26 LTS, end of life 2029-04-30"
check "120x40: for both sides" tm_wait "runtime 3.14, end of life 2030-10-31"
check "120x40: the criteria list keeps its ten rows" \
    test "$(tm_screen | sed -n '3,12p' | grep -cE ' [0-9]{1,2} ')" -eq 10
tm_keys i
check "i lists the support windows with their source and date" \
    tm_wait "Node.js 26 LTS, end of life 2029-04-30 (bundled, as of 2026-08-22)"
check "for Python too" tm_wait "Python 3.14, end of life 2030-10-31 (bundled, as of 2026-08-22)"
tm_keys Escape
tm_wait_gone "Runtime support windows" >/dev/null

tm_resize 80 24
check "80x24: the panes still name the lines" tm_wait "Node.js 26 LTS"
check "80x24: Python's too" tm_wait "Python 3.14"
check "80x24: the details keep the end of life" tm_wait "26 LTS 2029-04-30"
check "80x24: the verdict line stays" tm_wait "Verdict: Node.js leads"
check "80x24: the key bar stays on the last row" \
    bash -c 'l=$(tmux -L "$1" capture-pane -p -t 0 | sed -n 24p); [[ "$l" == *Help* && "$l" == *Quit* ]]' _ "$TM_SOCK"
check "80x24: no line is wider than the screen" py_run '
import sys
assert all(len(l) <= 80 for l in sys.argv[1].split("\n")), sys.argv[1]
' "$(tm_screen)"
tm_quit

# Live: the loopback server's endoflife.date replies replace the bundled
# table in the panes (Python 3.15, released after the snapshot) at 120x40
# and 80x24, and i says where they came from.
source "$VERSUS_ROOT/tests/net/netlib.bash"
serve_fast_data
tm_start 120 40 --data "$DATA" --reset
check "live 120x40: the Python pane names the served line" tm_wait "Python 3.15 to 2031-10"
check "live 120x40: Node.js keeps its LTS line" tm_wait "Node.js 26 LTS to 2029-04"
check "live 120x40: the criteria list keeps its ten rows" \
    test "$(tm_screen | sed -n '3,12p' | grep -cE ' [0-9]{1,2} ')" -eq 10
tm_keys i
check "live: i says the windows are live, with when" tm_wait "Python 3.15, end of life 2031-10-01 (live, fetched "
tm_keys Escape
tm_wait_gone "Runtime support windows" >/dev/null
tm_resize 80 24
check "live 80x24: the panes still name the lines" tm_wait "Python 3.15"
check "live 80x24: the key bar stays on the last row" \
    bash -c 'l=$(tmux -L "$1" capture-pane -p -t 0 | sed -n 24p); [[ "$l" == *Help* && "$l" == *Quit* ]]' _ "$TM_SOCK"
check "live 80x24: no line is wider than the screen" py_run '
import sys
assert all(len(l) <= 80 for l in sys.argv[1].split("\n")), sys.argv[1]
' "$(tm_screen)"
tm_quit
TM_ENV=""
rm -rf "$XDG_CACHE_HOME" # the rest is about the bundled tables

# Every export carries them, offline from the bundled table.
run_versus --offline --export - --format json
expect_eq "JSON: two runtimes" "2" "$(py_run 'import json,sys; print(len(json.loads(sys.argv[1])["runtimes"]))' "$R_OUT")"
check "JSON: Node.js 26, LTS, bundled as of 2026-08-22" py_run '
import json, sys
r = {x["stack"]: x for x in json.loads(sys.argv[1])["runtimes"]}
n, p = r["node"], r["python"]
assert n["product"] == "nodejs" and n["pick"] == "lts", n
assert n["line"]["cycle"] == "26" and n["line"]["eol"] == "2029-04-30", n
assert n["line"]["eol_within_12_months"] is False, n
assert n["source"] == "bundled" and n["as_of"] == "2026-08-22" and n["status"] == "ok", n
assert p["line"]["cycle"] == "3.14" and p["pick"] == "stable", p
' "$R_OUT"
check "JSON: package health from the bundled snapshot, dated" py_run '
import json, sys
h = {(x["ecosystem"], x["package"]): x for x in json.loads(sys.argv[1])["health"]}
e = h[("npm", "express")]
assert e["source"] == "bundled" and e["as_of"] == "2026-12-02" and e["status"] == "ok", e
assert e["version"] == "5.3.0" and e["published"] == "2026-10-09" and e["license"] == "MIT", e
assert e["repository"] == "github.com/expressjs/express", e
assert e["advisories"] is None and e["stars"] is None and e["scorecard"] is None, e
assert h[("pypi", "django")]["source"] == "none", h[("pypi", "django")]
' "$R_OUT"
run_versus --offline --export - --format md
expect_contains "Markdown: package health, bundled and dated" "$R_OUT" "| Node.js | npm: express | 5.3.0, "
expect_contains "Markdown: what the snapshot lacks says so" "$R_OUT" "github.com/expressjs/express · not in the snapshot: advisories, stars, scorecard | bundled, as of 2026-12-02 |"
expect_contains "Markdown: the support window table" "$R_OUT" "| Node.js | nodejs | 26 (LTS) | 2029-04-30 | 26.7.0 (2026-08-05) | bundled, as of 2026-08-22 |"
run_versus --offline --export - --format csv
expect_contains "CSV: a runtime row per stack" "$R_OUT" '"Python 3.14, end of life 2030-10-31 (bundled, as of 2026-08-22)",,,,,,,python'
run_versus --offline --export - --format adr
expect_contains "ADR: the support windows of the day" "$R_OUT" "* Node.js 26 LTS, end of life 2029-04-30 (bundled, as of 2026-08-22)"
t_done
