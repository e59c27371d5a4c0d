#!/usr/bin/env bash
# Runs the whole suite against one or more build directories and ends with
# one summary line, "N passed, M failed", that CI reads.
#   tests/run.sh build [build/asan]
# Unit tests are cmocka programs (TAP output); end-to-end and network tests
# are shell scripts in tests/e2e and tests/net that print TAP lines through
# tests/lib.sh. A program that dies before reporting counts as one failure.
set -u
cd "$(dirname "$0")/.."
root=$PWD
[ $# -gt 0 ] || set -- build

passed=0
failed=0
failures=()
log_dir=$(mktemp -d "${TMPDIR:-/tmp}/versus-tests.XXXXXX")
trap 'rm -rf "$log_dir"' EXIT

tally() { # tally LABEL LOG STATUS
    local label=$1 log=$2 status=$3 ok bad
    ok=$(grep -cE '^ok ' "$log")
    bad=$(grep -cE '^not ok ' "$log")
    passed=$((passed + ok))
    failed=$((failed + bad))
    grep -E '^not ok ' "$log" | sed "s|^|  $label: |" >> "$log_dir/failures"
    if [ "$status" -ne 0 ] && [ "$bad" -eq 0 ]; then
        failed=$((failed + 1))
        echo "  $label: exited with status $status" >> "$log_dir/failures"
    fi
    if [ "$status" -ne 0 ] || [ "$bad" -ne 0 ]; then
        echo "---- output of $label ----"
        tail -n 40 "$log"
    fi
    printf '%-40s %3d passed, %d failed\n' "$label" "$ok" "$bad"
}

for build in "$@"; do
    tag=$(basename "$build")
    export VERSUS_BIN="$root/$build/versus"
    export VERSUS_BUILD="$root/$build"
    export VERSUS_ROOT="$root"
    export CMOCKA_MESSAGE_OUTPUT=tap
    export ASAN_OPTIONS="detect_leaks=1:abort_on_error=0:exitcode=99"
    export LSAN_OPTIONS="suppressions=$root/tests/lsan.supp:print_suppressions=0"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
    echo "== $build"
    for t in "$build"/tests/test_*; do
        [ -x "$t" ] || continue
        log="$log_dir/$(basename "$t").$tag.log"
        timeout 120 "$t" > "$log" 2>&1
        tally "$tag/$(basename "$t")" "$log" $?
    done
    for t in tests/e2e/*.sh tests/net/*.sh; do
        [ -f "$t" ] || continue
        case "$t" in *_lib.sh) continue ;; esac  # helpers, not tests
        log="$log_dir/$(basename "$t").$tag.log"
        timeout 300 bash "$t" > "$log" 2>&1
        tally "$tag/$(basename "$t")" "$log" $?
    done
done

if [ -s "$log_dir/failures" ]; then
    echo "Failures:"
    cat "$log_dir/failures"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
