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
# A shell test that no build changes says "# Runs once: why" in its
# opening comment and runs with the first build only.
# Each test's output is kept in BUILD/test-logs/NAME.log. Tests are run
# longest first (from the durations the last run recorded), so the slow
# ones do not start last. JOBS defaults to $TEST_JOBS, else six times
# the number of cores: the shell tests spend most of their time waiting,
# the longest (network pacing, stalls, screens settling) most of all, and
# longest first they would hold every slot of a few a core at the start
# (on two cores, 12 at a time ran the suite in 40-42 s, 6 in 45-48 s).
set -u
cd "$(dirname "$0")/.."
root=$PWD

jobs=${TEST_JOBS:-$(($(nproc 2>/dev/null || echo 1) * 6))}
if [ "${1:-}" = "-j" ]; then jobs=$2; shift 2; fi
[ $# -gt 0 ] || set -- build

# The python interpreter the shell tests use, looked up once for all of them
# (tests/lib.sh explains why).
if [ -z "${VERSUS_PYTHON:-}" ]; then
    VERSUS_PYTHON=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
    export VERSUS_PYTHON
fi

# Every test's scratch files (its HOME, caches, exports, data copies, tmux
# socket) go under one directory of the run, on a memory file system where
# there is one with room to spare: the suite makes and removes tens of
# thousands of small files, which cost a disk's journal more than the tests
# themselves. TMPDIR, when set, is used as it is.
if [ -z "${TMPDIR:-}" ] && [ -d /dev/shm ] && [ -w /dev/shm ] &&
    [ "$(df -Pk /dev/shm 2>/dev/null | awk 'NR == 2 { print $4 }')" -gt $((2 * 1024 * 1024)) ] 2>/dev/null; then
    scratch=/dev/shm
else
    scratch=${TMPDIR:-/tmp}
fi
# (A short name: the export dialog's tests type paths under it.)
work=$(mktemp -d "$scratch/vt.XXXXXX")
trap 'rm -rf "$work"' EXIT
export TMPDIR="$work"

# The list of jobs: "BUILD TEST" per line. A script that says, in a line
# of its own, "# Runs once: ..." tests what no build changes (the tree's
# own scripts, say) and runs with the first build only.
once=" "
for t in tests/e2e/*.sh tests/net/*.sh; do
    [ -f "$t" ] || continue
    while IFS= read -r line; do
        case "$line" in "# Runs once:"*) once+="$t " && break ;; [!#]*) break ;; esac
    done < "$t"
done
first=1
for build in "$@"; do
    mkdir -p "$build/test-logs"
    for t in "$build"/tests/test_*; do
        [ -x "$t" ] && echo "$build $t"
    done
    for t in tests/e2e/*.sh tests/net/*.sh; do
        [ -f "$t" ] || continue
        case "$t" in *_lib.sh) continue ;; esac  # helpers, not tests
        [ "$first" = 1 ] || [[ $once != *" $t "* ]] || continue
        echo "$build $t"
    done
    first=0
done > "$work/jobs"

# Longest first, by the durations each build's last run recorded.
for build in "$@"; do cat "$build/test-logs/durations" 2>/dev/null; done > "$work/known"
awk 'FILENAME == ARGV[1] { d[$1 " " $2] = $3; next } { print (($0 in d) ? d[$0] : 1000), NR, $0 }' \
    "$work/known" "$work/jobs" | sort -k1,1nr -k2,2n | cut -d' ' -f3- > "$work/order"

# The runner's own bookkeeping starts no process a test: it is the shell's.
# done_file BUILD TEST: sets DONE to where the test's status and duration go.
done_file() { local key="$1/${2##*/}"; DONE="$work/${key//\//_}.done"; }

# run_one BUILD TEST: runs one test with its environment; writes its log,
# its exit status and its duration.
run_one() {
    local build=$1 t=$2 name start status
    name=${t##*/}
    local log="$build/test-logs/$name.log"
    start=${EPOCHREALTIME/[.,]/}   # microseconds
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
    local now=${EPOCHREALTIME/[.,]/} us
    us=$((10#$now - 10#$start))
    done_file "$build" "$t"
    printf '%s %d.%06d\n' "$status" $((us / 1000000)) $((us % 1000000)) > "$DONE"
}

# tally BUILD TEST: reads one finished test's log; prints its line and adds
# to the totals.
passed=0 failed=0 skipped=0
: > "$work/failures"
tally() {
    local build=$1 t=$2 name label log status secs ok=0 bad=0 skip=0 plan="" plan_skip=0 ran why="" line
    name=${t##*/}
    label="${build##*/}/$name"
    log="$build/test-logs/$name.log"
    done_file "$build" "$t"
    read -r status secs < "$DONE"
    while IFS= read -r line || [ -n "$line" ]; do
        case "$line" in
            "not ok "*)
                bad=$((bad + 1))
                printf '  %s: %s\n' "$label" "$line" >> "$work/failures" ;;
            "ok "*)
                if [[ $line =~ ^ok\ .*#\ *SKIP ]]; then skip=$((skip + 1)); else ok=$((ok + 1)); fi ;;
            1..*)
                if [ -z "$plan" ] && [[ $line =~ ^1\.\.([0-9]+) ]]; then
                    plan=${BASH_REMATCH[1]}
                    [[ $line =~ ^1\.\.0\ *#\ *SKIP ]] && plan_skip=1
                fi ;;
        esac
    done < "$log"
    ran=$((ok + skip + bad))
    if [ -z "$plan" ]; then
        why="printed no plan (stopped early?)"
    elif [ "$plan" -eq 0 ] && [ "$plan_skip" -eq 1 ]; then
        skip=1   # the whole script skipped, saying why
    elif [ "$plan" -ne "$ran" ]; then
        why="planned $plan tests, ran $ran"
    fi
    [ "$status" -ne 0 ] && [ "$bad" -eq 0 ] && why="${why:+$why; }exited with status $status"
    passed=$((passed + ok))
    skipped=$((skipped + skip))
    failed=$((failed + bad))
    if [ -n "$why" ]; then
        failed=$((failed + 1))
        echo "  $label: $why" >> "$work/failures"
    fi
    if [ -n "$why" ] || [ "$bad" -ne 0 ]; then
        echo "---- output of $label ($log) ----"
        tail -n 40 "$log"
    fi
    printf '%-32s %3d passed, %d failed, %d skipped  %5.1fs\n' "$label" "$ok" "$bad" "$skip" "$secs"
    echo "$build $t ${secs%.*}" >> "$work/durations.${build//\//_}"
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
    f="$work/durations.${build//\//_}"
    [ -f "$f" ] && cp "$f" "$build/test-logs/durations"
done

if [ -s "$work/failures" ]; then
    echo "Failures:"
    cat "$work/failures"
fi
echo "Logs: $(printf '%s/test-logs ' "$@")"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
