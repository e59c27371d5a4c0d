#!/usr/bin/env bash
# ui_estimate.sh: when the robustness estimate is done. One no bigger than
# a slice (the bundled data's: 10,000 draws of 10 criteria x 2 stacks) is
# finished before the frame that answers the key, so that frame already
# shows it and no "(updating)" mark is written, then erased; a larger one
# waits for the keys to go quiet and runs in slices between them, showing
# the mark meanwhile.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

# out_since N: what the program wrote to its terminal after byte N.
out_since() { tail -c +$(($1 + 1)) "$T_TMP/pane.out"; }
size() { stat -c %s "$T_TMP/pane.out" 2>/dev/null || echo 0; }
# settled: the verdict shows a finished estimate (its flip, no mark), on
# one capture.
settled() {
    local i screen
    for ((i = 0; i < TM_TIMEOUT * 20; i++)); do
        screen=$(tm_screen)
        if grep -q "flips with" <<<"$screen" && ! grep -q "(updating)" <<<"$screen"; then
            return 0
        fi
        t_sleep 0.05
    done
    return 1
}
# step DATA...: starts on DATA, waits for a settled estimate, presses the
# weight up key once and waits for its answer and the estimate's; leaves
# what was written after the key in $T_TMP/after.
step() {
    : > "$T_TMP/pane.out"
    tm_start 200 50 --offline --reset "$@"
    tm pipe-pane -t 0 "cat >> '$T_TMP/pane.out'"
    check "starts ($*)" tm_wait "Verdict: "
    check "the first estimate is done" settled
    local n
    n=$(size)
    tm_keys Right
    check "the key is answered" tm_wait "weight 9 ·"
    check "and its estimate done" settled
    t_sleep 0.3 # what a deferred estimate would write comes within 120 ms
    out_since "$n" > "$T_TMP/after"
    verdict=$(tm_screen | grep -m1 "Verdict: ")
    check "q quits" tm_quit
}

step
expect_eq "bundled: no mark written for the estimate of a weight step" "0" \
    "$(grep -c 'updating' "$T_TMP/after")"
expect_contains "bundled: the verdict after the key carries the estimate" "$verdict" "wins 100% of weightings within ±2"

# 200 criteria x 2 stacks: 10,000 draws are 4 M score products, 20 slices.
"$VERSUS_BUILD/tools/gen_data" "$T_TMP/big" 200 2 >/dev/null
step --data "$T_TMP/big"
check "200 x 2: the larger estimate is marked while it runs between keys" grep -q "updating" "$T_TMP/after"

t_done
