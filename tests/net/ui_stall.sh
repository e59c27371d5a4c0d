#!/usr/bin/env bash
# tests/net/ui_stall.sh: the dashboard keeps answering keys while every
# request to the stats servers is stalled: the header shows the fetch in
# progress, a weight change shows at once, and q quits without waiting for
# the network.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/netlib.bash"
source "$VERSUS_ROOT/tests/e2e/tmux_lib.sh"

start_server
set_faults '[{"match":"/","fault":"stall","seconds":25}]'
# The shipped data, with a timeout far longer than the test.
DATA="$T_TMP/data"
cp -r "$VERSUS_ROOT/data" "$DATA"
sed -i 's/    timeout: .*/    timeout: 60s/' "$DATA/sources.yaml"
mkdir -p "$T_TMP/themes"
cp -r "$VERSUS_ROOT/themes/." "$T_TMP/themes/" 2>/dev/null

TM_ENV="VERSUS_NPM_API=$VERSUS_NPM_API VERSUS_PYPI_API=$VERSUS_PYPI_API"
tm_start 120 40 --data "$DATA"
check "dashboard starts" tm_wait "Verdict: "
check "header shows the fetch under way" tm_wait "fetching 0/"
check "the server holds stalled requests" test "$(requests)" -ge 1

before=$("$VERSUS_BIN" --data "$DATA" --offline --export - --format json |
    python3 -c 'import json,sys; print([c["weight"] for c in json.load(sys.stdin)["criteria"]][1])')
tm_keys Down
tm_keys Right
check "a key press is answered during the stalled fetch" tm_wait "weight $((before + 1)) "
check "the fetch is still under way" tm_wait "fetching 0/"
sent=$(requests)
tm_keys u
check "u during a fetch says one is under way" tm_wait "already under way"
expect_eq "u during a fetch sends nothing more" "$sent" "$(requests)"
tm_quit
check "q quits during the stalled fetch" tm_wait "[exit 0]"
