#!/usr/bin/env bash
# ui_decide.sh: the dashboard's decision aids — the preset comparison view
# (a row applied is the engine's preset), the outcomes in the preset picker.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

tm_start 120 40 --offline --reset
check "dashboard starts" tm_wait "Verdict: "

# ---- the comparison view ----
tm_keys c
check "c opens the comparison" tm_wait "Compare the presets"
check "... with the defaults and the current weights" tm_wait " current "
last=$("$VERSUS_BIN" --list-presets | awk 'END {print $1}')
totals=$(engine_totals --preset "$last" | cut -d= -f2 | xargs | sed 's/ / +/')
check "each row shows the engine's totals for its preset" \
    bash -c 'tmux -L "$1" -f /dev/null capture-pane -p -t 0 | grep -qE -- "$2"' _ "$TM_SOCK" " $last +$totals "
tm_keys Up      # from "current" to the last preset
tm_keys Enter
check "Enter applies the row" tm_wait "preset $last"
expect_eq "the totals are the engine's for that preset" "$(engine_totals --preset "$last")" "$(tm_totals)"

# ---- the preset picker shows outcomes ----
first=$("$VERSUS_BIN" --list-presets | awk 'NR == 1 {print $1}')
outcome=$("$VERSUS_BIN" --offline --export - --format json --preset "$first" | python3 -c '
import json, sys
v = json.load(sys.stdin)["verdict"]
names = {"node": "Node.js", "python": "Python"}
pct = round(v["robustness"]["win_share"][v["leader"]] * 100)
print("%s%s by %.1f, %d%%" % ("hybrid, " if v["winner"] == "hybrid" else "", names[v["leader"]], v["margin"], pct))')
tm_keys P
check "the picker shows what a preset would give before it is applied" tm_wait "$outcome"
tm_keys Escape
check "q quits" tm_quit

t_done
