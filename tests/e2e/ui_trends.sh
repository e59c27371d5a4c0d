#!/usr/bin/env bash
# ui_trends.sh: the trends view (F7) on cached daily series written by
# tests/tools/seed_cache.py: axes with dates and units and a legend at 80x24
# and 120x40; braille dots, and none with --ascii; ranges, the cursor (keys
# and a click), log scale, moving average, share and the stacks' sums change
# what is shown; PyPI's 180 days are said; a resize redraws at the new size.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

CACHE="$XDG_CACHE_HOME/versus"
# The first criterion cites express, fastify, undici (npm) and uvicorn,
# aiohttp (PyPI): 18 months of npm, pypistats' 181 days.
IFS= read -r -d '' seed_py < "$VERSUS_ROOT/tests/tools/seed_cache.py"
py_run "$seed_py" "$CACHE" \
    npm:express:540:1000000:0.5 npm:fastify:540:200000:1.0 npm:undici:540:300000:0.1 \
    pypi:uvicorn:181:400000:0.3 pypi:aiohttp:181:900000:-0.2

# mouse BUTTON X Y: an SGR (1006) report, 0-based cells; 0 presses, 3 releases.
mouse() {
    if [ "$1" = 3 ]; then
        tm_keys -l "$(printf '\033[<0;%d;%dm' $(($2 + 1)) $(($3 + 1)))"
    else
        tm_keys -l "$(printf '\033[<%d;%d;%dM' "$1" $(($2 + 1)) $(($3 + 1)))"
    fi
}
# figure PACKAGE BACK: the cached daily figure BACK days before the last, as
# the cursor shows it (1,234,567).
figure() {
    py_run 'import json,sys; d=json.load(open(sys.argv[1]))["figures"]["daily"]; print(f"{d[-1-int(sys.argv[2])]:,}")' \
        "$CACHE/npm_$1.json" "$2"
}
braille_count() { py_run 'import sys; print(sum(0x2800 <= ord(c) <= 0x28ff for c in sys.argv[1]))' "$(tm_screen)"; }
# date_labels: the row under the date axis.
date_labels() { tm_screen | grep -A1 -m1 -E '^ +└' | tail -n 1; }
axis_row() { tm_screen | grep -m1 -E '^ +└'; }

tm_start 80 24 --offline
check "dashboard starts" tm_wait "Verdict: "
tm_keys F7
check "F7 opens the trends view on the criterion's packages" tm_wait "Trends: I/O-bound"
check "the legend names each package with its figure" tm_wait "express (Node.js)  $(figure express 0)"
check "the legend names the PyPI packages" tm_wait "aiohttp (Python)"
check "the value axis has units" tm_wait "M┤"
check "the date axis is labelled with the last day" tm_wait "Oct 30"
screen=$(tm_screen)
expect_contains "the first range is 30 days" "$screen" "30 days · linear · daily"
check "the lines are drawn in braille" test "$(braille_count)" -gt 40
expect_eq "the date axis spans the width" 79 "$(py_run 'import sys; print(len(sys.argv[1].rstrip()))' "$(axis_row)")"
expect_contains "the cursor starts on the last day" "$screen" "Fri 2026-10-30"

labels30=$(date_labels)
tm_keys r
check "r moves to 90 days" tm_wait "range: the last 90 days"
labels90=$(date_labels)
check "the date labels change with the range" test "$labels30" != "$labels90"
expect_contains "90 days start in August" "$labels90" "Aug 02"
tm_keys r
check "then 180 days" tm_wait "range: the last 180 days"
tm_keys r
check "then 12 months" tm_wait "range: the last 12 months"
check "a range past pypistats' history says so" tm_wait "pypistats keeps 180 days"
check "the PyPI lines start later" tm_wait "from May 03"
tm_keys R R R
check "R goes back to 30 days" tm_wait "range: the last 30 days"

tm_keys Left
check "Left moves the cursor a day back" tm_wait "Thu 2026-10-29"
check "the legend reads that day's figure" tm_wait "express (Node.js)  $(figure express 1)"
tm_keys '<'
check "< moves it a week back" tm_wait "Thu 2026-10-22"
tm_keys End
check "End goes to the last day" tm_wait "Fri 2026-10-30"
# A click on the first day of the plot (the column after the axis).
plot_x=$(py_run 'import sys; print(sys.argv[1].index("└") + 1)' "$(axis_row)")
mouse 0 "$plot_x" 5
mouse 3 "$plot_x" 5
check "a click puts the cursor on that day" tm_wait "Thu 2026-10-01"
check "the legend reads the first day" tm_wait "express (Node.js)  $(figure express 29)"

tm_keys L
check "L switches to a log scale" tm_wait "30 days · log · daily"
check "the log axis counts in decades" tm_wait "1M┤"
tm_keys a
check "a shows the 7-day moving average" tm_wait "log · 7-day average"
check "the legend gives the average too" tm_wait " avg "
tm_keys L a '%'
check "% shows each line's share" tm_wait "linear · daily share"
check "the share axis is in percent" tm_wait "%┤"
tm_keys '%' m
check "m shows each stack's summed evidence" tm_wait "Trends: each stack's summed evidence"
check "the stacks' legend names both stacks" tm_wait "━━ Python"
check "the sums say how many packages have days" tm_wait "of 24 pkgs"

# axis_reaches N: waits until the chart's x axis (its first "└" line), its
# trailing blanks dropped, is N characters long.
axis_reaches() {
    local i s line
    for i in $(seq 100); do
        s=$(tm_screen)
        while IFS= read -r line; do
            if [[ $line =~ ^\ +└ ]]; then
                line=${line%"${line##*[! ]}"}
                [ "${#line}" -eq "$1" ] && return 0
                break
            fi
        done <<<"$s"
        t_sleep 0.05
    done
    echo "# the axis never reached $1 characters"
    return 1
}
tm_resize 100 30
check "a resize redraws the chart at the new width" axis_reaches 99
tm_keys F7
check "F7 again goes back to the dashboard" tm_wait "Verdict: "
tm_quit

# 120x40: more rows and labels; the view remembers nothing odd on a new start.
tm_start 120 40 --offline
check "starts at 120x40" tm_wait "Verdict: "
check "the key bar offers the trends view" tm_wait "F7/T Trends"
tm_keys T
check "T opens the trends view too" tm_wait "Trends: I/O-bound"
check "the legend fits several entries per row" tm_wait "━━ express"
rows=$(tm_screen | grep -cE '^ *[0-9.]*[kMB%]?[┤│]')
check "the chart is taller at 40 rows ($rows rows)" test "$rows" -ge 25
check "braille at 120x40 too" test "$(braille_count)" -gt 60
labels=$(date_labels | wc -w)
check "more date labels fit ($labels words)" test "$labels" -ge 14
tm_keys b
check "b switches to block dots" tm_wait "block dots"
check "block dots replace the braille" test "$(braille_count)" -eq 0
tm_quit

# --ascii: the same chart in plain ASCII, no braille.
tm_start 80 24 --offline --ascii
check "--ascii starts" tm_wait "Verdict: "
tm_keys F7
check "the trends view opens in ASCII" tm_wait "Trends: I/O-bound"
check "an ASCII date axis" tm_wait "+-"
expect_eq "no braille with --ascii" 0 "$(braille_count)"
check "nothing but ASCII on screen" \
    bash -c "tmux -L $TM_SOCK capture-pane -p -t 0 | LC_ALL=C grep -q \$'[\\x80-\\xff]' && exit 1 || exit 0"
tm_keys b
check "b says ASCII has no dots" tm_wait "no braille or blocks"
tm_quit

# A non-UTF-8 locale draws no braille either.
LANG=C LC_ALL=C tm_start 80 24 --offline
check "starts in the C locale" tm_wait "Verdict: "
tm_keys F7
check "the trends view opens" tm_wait "Trends: I/O-bound"
expect_eq "no braille in a non-UTF-8 locale" 0 "$(braille_count)"
tm_quit

# No daily series at all (the bundled monthly figures): no empty axes with
# made-up dates, only the legend and why.
rm -rf "$CACHE"
tm_start 80 24 --offline
check "starts without daily series" tm_wait "Verdict: "
tm_keys F7
check "the trends view says there is no day to chart" tm_wait "no daily figures yet: u fetches them"
expect_eq "and draws no date axis" "" "$(axis_row)"
check "the legend still names the packages" tm_wait "express (Node.js)  no daily series"
tm_quit

t_done
