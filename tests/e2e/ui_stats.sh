#!/usr/bin/env bash
# tests/e2e/ui_stats.sh: the dashboard's live download figures against the
# loopback stats server: after the fetch the detail pane shows the server's
# numbers marked live, a week-over-week change and a 30-day sparkline; the
# summed downloads and shares per criterion; L switches the bars to a log
# scale and back; a rate-limited package shows when it will be tried next.
source "$(dirname "$0")/../lib.sh"
source "$VERSUS_ROOT/tests/net/netlib.bash"
source "$(dirname "$0")/tmux_lib.sh"

serve_fast_data
# uvicorn (the first criterion's Python evidence) is refused for an hour.
set_faults '[{"match":"uvicorn","fault":"429","retry_after":3600}]'

# fixture VALUE: computed from the recorded npm reply for express, the
# way the dashboard shows it (trend_format_count's short form, rounded change).
IFS= read -r -d '' fixture_py <<'PY'
import json, sys
d = json.load(open(sys.argv[2]))
v = [x["downloads"] for x in sorted(d["downloads"], key=lambda x: x["day"])]
def short(n):  # three significant digits, as trend_format_count
    if n < 1000:
        return str(n)
    v, units = n / 1e3, "kMBT"
    u = 0
    while v >= 999.5 and u < 3:
        v, u = v / 1e3, u + 1
    return ("%.2f" if v < 9.995 else "%.1f" if v < 99.95 else "%.0f") % v + units[u]
week, month, before = sum(v[-7:]), sum(v[-30:]), sum(v[-14:-7])
pct = 100.0 * (week - before) / before
what = sys.argv[1]
if what == "week": print(short(week))
elif what == "month": print(short(month))
else: print("0%" if abs(pct) < 0.5 else "%+.0f%%" % pct)
PY
fixture() { py_run "$fixture_py" "$1" "$VERSUS_ROOT/tests/net/fixtures/npm/${2:-express}.json"; }
# express_row: the first screen line that names express.
express_row() { tm_screen | grep -m1 -E '^ express '; }
# wait_express_live: until express's row says its figure is live.
wait_express_live() {
    local deadline=$((SECONDS + 20))
    while [ $SECONDS -le $deadline ]; do
        express_row | grep -qE ' live [0-9a-z]+ ok' && return 0
        t_sleep 0.1
    done
    tm_screen | sed 's/^/#   /'
    return 1
}
# scroll_to TEXT: presses Down (the details have focus) until TEXT shows.
scroll_to() {
    local i
    for i in $(seq 40); do
        tm_screen | grep -qF -- "$1" && return 0
        tm_keys Down
        t_sleep 0.05
    done
    TM_TIMEOUT=2 tm_wait "$1"
}

TM_ENV="VERSUS_NPM_API=$VERSUS_NPM_API VERSUS_PYPI_API=$VERSUS_PYPI_API"
tm_start 120 40 --data "$DATA"
check "dashboard starts" tm_wait "Verdict: "
tm_keys Enter
check "details expand" tm_wait "details expanded"
check "express's figure turns live after the fetch" wait_express_live
row=$(express_row)
expect_contains "express shows the server's month" "$row" " $(fixture month) "
expect_contains "express is marked live" "$row" "live"
# The narrow (two-row) form puts week, change and sparkline under the name.
second=$(tm_screen | grep -A1 -m1 -E '^ express ' | tail -n 1)
expect_contains "express shows the server's week" "$second" " $(fixture week) "
expect_contains "express shows the week-over-week change" "$second" " $(fixture change) "
check "express has a sparkline of block characters" \
    py_run 'import sys; s = sys.argv[1]; sys.exit(0 if sum(c in "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588" for c in s) >= 20 else 1)' "$second"

fastify_second=$(tm_screen | grep -A1 -m1 -E '^ fastify ' | tail -n 1)
expect_contains "fastify shows its own week-over-week change" "$fastify_second" " $(fixture change fastify) "

# The rate-limited package: its status and the time of the next try.
screen=$(tm_screen)
expect_contains "uvicorn is rate-limited" "$screen" "rate-limited"
when=$(printf '%s\n' "$screen" | grep -o -m1 'next try [0-9][0-9]:[0-9][0-9]' | sed 's/next try //')
now=$(date -u +%s)
check "the next try is about an hour from now ($when)" py_run '
import sys, datetime
now, when = int(sys.argv[1]), sys.argv[2]
ok = False
for delta in range(3500, 3700, 30):
    t = datetime.datetime.utcfromtimestamp(now + delta)
    ok = ok or t.strftime("%H:%M") == when
sys.exit(0 if ok else 1)' "$now" "$when"

# The summed downloads and shares, below the evidence.
tm_keys Tab
check "the summed downloads are in the details" scroll_to "all criteria, each package once"
# Shares: two percentages that add up to 100 (give or take rounding).
shares=$(tm_screen | sed -n '/this criterion/,/all criteria/p' | grep -oE '[0-9]+%' | head -n 2 | tr -d '%' | awk '{ s += $1 } END { print s + 0 }')
check "the two shares add up to 100 ($shares)" test "$shares" -ge 99 -a "$shares" -le 101
expect_contains "a sum of live and bundled months says it is mixed" "$(tm_screen)" "mixed: live + bundled"
check "the scale starts linear" tm_wait "[linear]"
check "the like-for-like note is there" scroll_to "Not like for like"

tm_keys L
check "L switches the bars to a log scale" tm_wait "[log scale]"
check "L says so in the status line" tm_wait "download bars: log scale"
tm_keys L
check "L again goes back to linear" tm_wait "[linear]"
tm_wait_gone "[log scale]" >/dev/null
check "the log indicator is gone" tm_wait_gone "[log scale]"

# The help overlay lists L and the note about the figures.
tm_keys '?'
tm_keys Down Down Down Down Down Down   # the arrows scroll the help
check "help lists L" tm_wait "Download bars in the details: log scale or linear"
tm_keys G
check "help explains the figures" tm_wait "PyPI figures exclude mirrors"
tm_keys q
tm_wait_gone "versus help" >/dev/null

# At 80x24 the same figures fit in the narrower columns.
tm_resize 80 24
tm_keys Home
check "80x24: the express row is still there" scroll_to " express "
row=$(express_row)
expect_contains "80x24: express shows its month" "$row" " $(fixture month) "
tm_quit

# Again from the cache, offline, in plain ASCII: the sparkline uses ASCII.
tm_start 80 24 --data "$DATA" --offline --ascii
check "ASCII: starts" tm_wait "Verdict: "
tm_keys Enter Tab
check "ASCII: the express row" scroll_to " express "
tm_keys Down
second=$(tm_screen | grep -A1 -m1 -E '^ express ' | tail -n 1)
check "ASCII: express has an ASCII sparkline" \
    py_run 'import re, sys; sys.exit(0 if re.search(r"[_.:=+*#-]{15,}", sys.argv[1]) else 1)' "$second"
tm_quit

t_done
