#!/usr/bin/env bash
# weights_name.sh: one notion of weights. The defaults, a preset and custom
# weights (with what they started from) are named alike by the header, the
# Markdown title, the JSON ("weights", "weights_text", "preset",
# "custom_from"), the CSV's weights row, and again after --load of the JSON.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

# A preset and two of its weights moved: which preset, which criteria.
preset=$("$VERSUS_BIN" --list-presets | awk 'NR == 1 {print $1}')
read -r c1 c2 <<< "$("$VERSUS_BIN" --list-criteria | awk 'NR <= 2 {printf "%s ", $1}')"
w1=$(py_run 'import json,sys; c = json.loads(sys.argv[1])["criteria"]; print((c[0]["weight"] + 3) % 11, (c[1]["weight"] + 4) % 11)' \
    "$("$VERSUS_BIN" --offline --preset "$preset" --export - --format json)")
read -r v1 v2 <<< "$w1"

check_case() { # NAME WANT_TEXT WANT_KIND ARGS...
    local name=$1 want=$2 kind=$3; shift 3
    local json="$T_TMP/$name.json"
    "$VERSUS_BIN" --offline "$@" --export "$json"
    expect_eq "$name: the JSON's weights_text" "$want" \
        "$(py_run 'import json,sys; print(json.load(open(sys.argv[1]))["weights_text"])' "$json")"
    expect_eq "$name: the JSON's kind" "$kind" \
        "$(py_run 'import json,sys; print(json.load(open(sys.argv[1]))["weights"])' "$json")"
    expect_eq "$name: the Markdown title" "($want)" \
        "$("$VERSUS_BIN" --offline "$@" --export - --format md | head -n 1 | grep -oE '\([^()]*\)$')"
    expect_contains "$name: the CSV's weights row" \
        "$("$VERSUS_BIN" --offline "$@" --export - --format csv | grep '^weights,')" "$want"
    expect_eq "$name: --load of the JSON names them alike" "$want" \
        "$(py_run 'import json,sys; print(json.loads(sys.argv[1])["weights_text"])' \
            "$("$VERSUS_BIN" --offline --load "$json" --export - --format json)")"
    expect_eq "$name: ... and its Markdown title" "($want)" \
        "$("$VERSUS_BIN" --offline --load "$json" --export - --format md | head -n 1 | grep -oE '\([^()]*\)$')"
    tm_start 120 40 --offline --reset --load "$json"
    check "$name: the header after --load says $want" tm_wait " │ $want "
    tm_quit >/dev/null
}

check_case defaults "defaults" defaults
check_case preset "preset $preset" preset --preset "$preset"
check_case custom "custom, from $preset, 2 changed" custom --preset "$preset" \
    --weight "$c1=$v1" --weight "$c2=$v2"
d1=$(py_run 'import json,sys; print((json.loads(sys.argv[1])["criteria"][0]["weight"] + 3) % 11)' \
    "$("$VERSUS_BIN" --offline --export - --format json)")
check_case custom-defaults "custom, from defaults, 1 changed" custom --weight "$c1=$d1"
t_done
