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
totals=$(engine_totals --preset "$last")
totals=$(cut -d= -f2 <<<"$totals" | xargs | sed 's/ / +/')
check "each row shows the engine's totals for its preset" \
    bash -c 'tmux -L "$1" -f /dev/null capture-pane -p -t 0 | grep -qE -- "$2"' _ "$TM_SOCK" " $last +$totals "
tm_keys Up      # from "current" to the last preset
tm_keys Enter
check "Enter applies the row" tm_wait "preset $last"
expect_eq "the totals are the engine's for that preset" "$(engine_totals --preset "$last")" "$(tm_totals)"

# ---- the preset picker shows outcomes ----
first=$("$VERSUS_BIN" --list-presets | awk 'NR == 1 {print $1}')
outcome=$(py_run '
import json, sys
v = json.loads(sys.argv[1])["verdict"]
names = {"node": "Node.js", "python": "Python"}
pct = round(v["robustness"]["win_share"][v["leader"]] * 100)
print("%s%s by %.1f, %d%%" % ("hybrid, " if v["winner"] == "hybrid" else "", names[v["leader"]], v["margin"], pct))' \
    "$("$VERSUS_BIN" --offline --export - --format json --preset "$first")")
tm_keys P
check "the picker shows what a preset would give before it is applied" tm_wait "$outcome"
tm_keys Escape

# ---- undo and redo ----
tm_keys r
check "back to the defaults" tm_wait "│ defaults  "
defaults=$(engine_totals)
second=$("$VERSUS_BIN" --list-criteria | sed -n 2p | awk '{print $1}')
w=$("$VERSUS_BIN" --list-criteria | sed -n 2p | grep -oE 'default weight [0-9]+' | grep -oE '[0-9]+$')
tm_keys Down Right Right
check "two weight steps" tm_wait "weight $((w + 2)) "
custom=$(engine_totals --weight "$second=$((w + 2))")
tm_keys p
check "p replaces the custom weights and says how to get them back" tm_wait "z brings the custom weights back"
tm_keys z
check "z undoes the preset" tm_wait "undone: custom, from defaults, 1 changed"
expect_eq "undo restores the custom totals exactly" "$custom" "$(tm_totals_settled "$custom")"
tm_keys z z
check "two more undos reach the defaults" tm_wait "undone: defaults"
expect_eq "... with the default totals" "$defaults" "$(tm_totals_settled "$defaults")"
tm_keys z
check "one more undoes r, back to the preset applied before it" tm_wait "undone: preset $last "
expect_eq "... with that preset's totals" "$(engine_totals --preset "$last")" \
    "$(tm_totals_settled "$(engine_totals --preset "$last")")"
tm_keys Z Z Z
check "Z redoes" tm_wait "redone: custom, from defaults, 1 changed"
expect_eq "redo restores the custom totals exactly" "$custom" "$(tm_totals_settled "$custom")"
# ---- a decision record from the export dialog ----
adr="$T_TMP/decision.md"
tm_keys e
check "the export dialog offers ADR" tm_wait "ADR"
tm_keys Down Down Down
check "... and it can be chosen" tm_wait "[ADR]"
tm_keys C-u
tm_keys -l "$adr"
tm_keys Enter
check "the ADR is written" tm_wait "exported ADR to $adr"
check "... in the MADR layout" grep -q '^## Decision Outcome$' "$adr"
expect_eq "... choosing what the screen's verdict says" \
    "$(grep -oE '^[A-Za-z.]+' <<<"$(engine_verdict --weight "$second=$((w + 2))")")" \
    "$(grep -oE '^Chosen option: "[A-Za-z.]+' "$adr" | cut -d'"' -f2)"

tm_keys F1
check "the help lists undo" tm_wait "Undo the last change of weights"
tm_keys Escape
check "q quits" tm_quit

# ---- a team ----
"$VERSUS_BIN" --offline --author alice --weight ai-data=10 --weight io-concurrency=2 --export "$T_TMP/a.json" --format json
"$VERSUS_BIN" --offline --author bob --weight ai-data=3 --export "$T_TMP/b.json" --format json
"$VERSUS_BIN" --offline --author carol --weight ai-data=5 --weight io-concurrency=9 --export "$T_TMP/c.json" --format json
state="$XDG_CONFIG_HOME/versus/state.yaml"
own_weights=$(sed -n '/^weights:/,$p' "$state")
check "the state holds the user's own weights" test -n "$own_weights"
tm_start 120 40 --offline --team "$T_TMP/a.json" --team "$T_TMP/b.json" --team "$T_TMP/c.json"
check "the header says whose weights these are" tm_wait "team of 3 "
team_totals=$(py_run '
import json, sys
for s in json.loads(sys.argv[1])["stacks"]:
    print("%s=%.1f" % (s["name"], s["total"]))' \
    "$("$VERSUS_BIN" --offline --team "$T_TMP/a.json" --team "$T_TMP/b.json" --team "$T_TMP/c.json" \
        --format json --export -)")
expect_eq "the totals are the team export's" "$team_totals" "$(tm_totals)"
check "the details give the members' spread on the selected criterion" tm_wait "(team mean; members 2..9"
check "... and the exact combined weight" tm_wait "weight 6.33 "
check "... and whether it is the most disputed" tm_wait "sd 3.1, most disputed"
check "... each member's own winner" tm_wait "Own winners: alice "
check "... and the team's most disputed criterion with each member's weight" tm_wait "(alice 2, bob 8, carol 9)"
tm_keys Right
check "moving a combined weight says the team's weights were adjusted" tm_wait "team of 3, adjusted"
check "... by a whole point, keeping the fraction" tm_wait "weight 7.33 "
tm_keys z
check "undo brings the team's weights back" tm_wait "team of 3 "
check "... the exact combined weight" tm_wait "weight 6.33 "
expect_eq "... and the team's totals" "$team_totals" "$(tm_totals_settled "$team_totals")"
tm_keys Right
check "q quits" tm_quit
expect_eq "a team's weights are not saved as the user's own" "$own_weights" "$(sed -n '/^weights:/,$p' "$state")"

t_done
