#!/usr/bin/env bash
# Runs the whole suite against one or more build directories, several tests
# at a time, and ends with one summary line, "N passed, M failed, K skipped",
# that CI reads.
#   tests/run.sh [-j JOBS] build [build/asan]
# Unit tests are cmocka programs (TAP output); end-to-end and network tests
# are shell scripts in tests/e2e and tests/net that print TAP lines through
# tests/lib.sh. Every test must print a plan ("1..N", first or last): a test
# with no plan, or whose count of results differs from its plan, stopped
# early and counts as one failure, as does a program that exits non-zero
# without reporting a failure. "ok ... # SKIP why" counts as skipped.
# Each test's output is kept in BUILD/test-logs/NAME.log. Tests are run
# longest first (from the durations the last run recorded), so the slow
# ones do not start last. JOBS defaults to $TEST_JOBS, else three times
# the number of cores: the shell tests spend most of their time waiting,
# the longest (network pacing, stalls, screens settling) most of all, and
# longest first they would hold every slot of two a core at the start.
set -u
cd "$(dirname "$0")/.."
root=$PWD

jobs=${TEST_JOBS:-$(($(nproc 2>/dev/null || echo 1) * 3))}
if [ "${1:-}" = "-j" ]; then jobs=$2; shift 2; fi
[ $# -gt 0 ] || set -- build

# The python interpreter the shell tests use, looked up once for all of them
# (tests/lib.sh explains why).
if [ -z "${VERSUS_PYTHON:-}" ]; then
    VERSUS_PYTHON=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
    export VERSUS_PYTHON
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/versus-tests.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The list of jobs: "BUILD TEST" per line.
for build in "$@"; do
    mkdir -p "$build/test-logs"
    for t in "$build"/tests/test_*; do
        [ -x "$t" ] && echo "$build $t"
    done
    for t in tests/e2e/*.sh tests/net/*.sh; do
        [ -f "$t" ] || continue
        case "$t" in *_lib.sh) continue ;; esac  # helpers, not tests
        echo "$build $t"
    done
done > "$work/jobs"

# Longest first, by the durations each build's last run recorded.
for build in "$@"; do cat "$build/test-logs/durations" 2>/dev/null; done > "$work/known"
awk 'FILENAME == ARGV[1] { d[$1 " " $2] = $3; next } { print (($0 in d) ? d[$0] : 1000), NR, $0 }' \
    "$work/known" "$work/jobs" | sort -k1,1nr -k2,2n | cut -d' ' -f3- > "$work/order"

# run_one BUILD TEST: runs one test with its environment; writes its log,
# its exit status and its duration.
run_one() {
    local build=$1 t=$2 name start status
    name=$(basename "$t")
    local log="$build/test-logs/$name.log"
    start=$EPOCHREALTIME
    (
        export VERSUS_BIN="$root/$build/versus"
        export VERSUS_BUILD="$root/$build"
        export VERSUS_ROOT="$root"
        export CMOCKA_MESSAGE_OUTPUT=tap
        export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=99"
        export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0"
        export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
        case "$t" in
            *.sh) exec timeout 300 bash "$t" ;;
            *) exec timeout 120 "$t" ;;
        esac
    ) < /dev/null > "$log" 2>&1
    status=$?
    echo "$status $(awk "BEGIN { print $EPOCHREALTIME - $start }")" > "$work/$(echo "$build/$name" | tr / _).done"
}

# tally BUILD TEST: reads one finished test's log; prints its line and adds
# to the totals.
passed=0 failed=0 skipped=0
: > "$work/failures"
tally() {
    local build=$1 t=$2 name label log status secs ok bad skip plan ran why=""
    name=$(basename "$t")
    label="$(basename "$build")/$name"
    log="$build/test-logs/$name.log"
    read -r status secs < "$work/$(echo "$build/$name" | tr / _).done"
    skip=$(grep -cE '^ok .*# *SKIP' "$log")
    ok=$(($(grep -cE '^ok ' "$log") - skip))
    bad=$(grep -cE '^not ok ' "$log")
    ran=$((ok + skip + bad))
    plan=$(grep -m1 -oE '^1\.\.[0-9]+' "$log" | cut -c4-)
    if [ -z "$plan" ]; then
        why="printed no plan (stopped early?)"
    elif [ "$plan" -eq 0 ] && grep -qE '^1\.\.0 *# *SKIP' "$log"; then
        skip=1   # the whole script skipped, saying why
    elif [ "$plan" -ne "$ran" ]; then
        why="planned $plan tests, ran $ran"
    fi
    [ "$status" -ne 0 ] && [ "$bad" -eq 0 ] && why="${why:+$why; }exited with status $status"
    passed=$((passed + ok))
    skipped=$((skipped + skip))
    failed=$((failed + bad))
    grep -E '^not ok ' "$log" | sed "s|^|  $label: |" >> "$work/failures"
    if [ -n "$why" ]; then
        failed=$((failed + 1))
        echo "  $label: $why" >> "$work/failures"
    fi
    if [ -n "$why" ] || [ "$bad" -ne 0 ]; then
        echo "---- output of $label ($log) ----"
        tail -n 40 "$log"
    fi
    printf '%-32s %3d passed, %d failed, %d skipped  %5.1fs\n' "$label" "$ok" "$bad" "$skip" "$secs"
    echo "$build $t ${secs%.*}" >> "$work/durations.$(echo "$build" | tr / _)"
}

echo "== $* ($(wc -l < "$work/jobs") tests, $jobs at a time)"
running=0
while read -r build t; do
    if [ "$running" -ge "$jobs" ]; then
        wait -n
        running=$((running - 1))
    fi
    run_one "$build" "$t" &
    running=$((running + 1))
done < "$work/order"
wait

# Results in a fixed order (build, then test), whatever order they ran in.
while read -r build t; do tally "$build" "$t"; done < "$work/jobs"
for build in "$@"; do
    f="$work/durations.$(echo "$build" | tr / _)"
    [ -f "$f" ] && cp "$f" "$build/test-logs/durations"
done

if [ -s "$work/failures" ]; then
    echo "Failures:"
    cat "$work/failures"
fi
echo "Logs: $(printf '%s/test-logs ' "$@")"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
