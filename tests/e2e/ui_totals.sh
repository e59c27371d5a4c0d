#!/usr/bin/env bash
# ui_totals.sh: the dashboard's totals and verdict are the engine's — at
# start, after a weight change from the keyboard, and after a preset switch.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

tm_start 120 40 --offline
check "dashboard starts and shows its verdict" tm_wait "Verdict: "
expect_eq "initial totals equal the engine's" "$(engine_totals)" "$(tm_totals)"
expect_eq "initial verdict equals the engine's" "$(engine_verdict)" "$(tm_verdict)"
check "header names both stacks" tm_wait "Node.js vs Python"

# How sure the verdict is, beside it: the export's share and flip.
robust_want=$(py_run '
import json, sys
v = json.loads(sys.argv[1])["verdict"]
r = v["robustness"]
pct = round(r["win_share"][v["leader"]] * 100)
word = "leads in" if v["winner"] == "hybrid" else "wins"
f = r["flip"]
print("%s %d%% of weightings within \u00b12 \u00b7 flips with %d points" % (word, pct, f["points"]))' \
    "$("$VERSUS_BIN" --offline --export - --format json)")
check "the verdict line says how sure it is" tm_wait "$robust_want"
expect_eq "... after the verdict" "$(tm_verdict) · $robust_want" "$(tm_verdict_line)"
check "key bar shows function keys with their letters" tm_wait "F1/? Help  F2/P Preset  F3 Search  F4 Filter  F5/u Refresh  F6 Sort  e Export  F10/q Quit"

# Second criterion (cpu-bound, default 5): down, then right -> 6.
second=$("$VERSUS_BIN" --list-criteria | sed -n 2p | awk '{print $1}')
before=$(py_run 'import json,sys; print([c["weight"] for c in json.loads(sys.argv[1])["criteria"]][1])' \
    "$("$VERSUS_BIN" --offline --export - --format json)")
tm_keys Down
tm_keys Right
want=$((before + 1))
check "status line shows the new weight" tm_wait "weight $want "
expect_eq "totals after down+right equal the engine's with --weight $second=$want" \
    "$(engine_totals --weight "$second=$want")" "$(tm_totals)"
expect_eq "verdict after the change equals the engine's" \
    "$(engine_verdict --weight "$second=$want")" "$(tm_verdict)"
check "header says the weights are custom" tm_wait "custom"

# Digits set a weight directly; ')' means 10.
tm_keys ')'
check "the ) key sets 10" tm_wait "weight 10 "
expect_eq "totals at weight 10 equal the engine's" \
    "$(engine_totals --weight "$second=10")" "$(tm_totals)"
tm_keys 0
check "the 0 key sets 0" tm_wait "weight 0 "
expect_eq "totals at weight 0 equal the engine's" \
    "$(engine_totals --weight "$second=0")" "$(tm_totals)"

# A preset whose verdict differs from the default one, picked in the picker.
default_verdict=$(engine_verdict)
target=""
for p in $("$VERSUS_BIN" --list-presets | awk '{print $1}'); do
    if [ "$(engine_verdict --preset "$p")" != "$default_verdict" ]; then target=$p; break; fi
done
check "the data has a preset with another verdict" test -n "$target"
tm_keys F2
check "preset picker opens with descriptions" tm_wait "Presets"
index=$("$VERSUS_BIN" --list-presets | awk '{print $1}' | grep -nx -- "$target" | cut -d: -f1)
tm_keys Home
for _ in $(seq 2 "$index"); do tm_keys Down; done
tm_keys Enter
check "header shows the chosen preset" tm_wait "preset $target"
expect_eq "verdict after the preset switch equals the engine's" \
    "$(engine_verdict --preset "$target")" "$(tm_verdict)"
expect_eq "totals after the preset switch equal the engine's" \
    "$(engine_totals --preset "$target")" "$(tm_totals)"
check "the verdict changed" test "$(tm_verdict)" != "$default_verdict"

# p cycles to the next preset.
next=$("$VERSUS_BIN" --list-presets | awk '{print $1}' | sed -n "$((index + 1))p")
[ -n "$next" ] || next=$("$VERSUS_BIN" --list-presets | awk 'NR==1{print $1}')
tm_keys p
check "p applies the next preset" tm_wait "preset $next"
expect_eq "totals after p equal the engine's" "$(engine_totals --preset "$next")" "$(tm_totals)"

check "q quits with status 0" tm_quit
check "exit status is 0" tm_wait "[exit 0]"

# Three stacks side by side: the totals are ranked, leader first.
GEN="$T_TMP/gen"
"$VERSUS_BUILD/tools/gen_data" "$GEN" 6 3 >/dev/null
tm_start 160 40 --data "$GEN" --offline --reset
check "three stacks: starts" tm_wait "Verdict: "
tm_keys s
check "the stack picker opens" tm_wait "Stacks side by side"
tm_keys Down Down Space Enter
check "three stacks chosen" tm_wait "3 stacks chosen"
ranked=$(tm_totals)
ranked=$(sed -n 1,3p <<<"$ranked" | awk -F= '{print $2}')
expect_eq "three stacks: the totals are ranked, leader first" \
    "$(printf '%s\n' "$ranked" | sort -rn)" "$ranked"
expect_eq "three stacks: the leader's row comes first" "1" \
    "$(tm_screen | grep -E ' [0-9]+\.[0-9] (◆ leads|[+-][0-9]+\.[0-9])' | head -1 | grep -c '◆ leads')"
check "q quits" tm_quit

t_done
