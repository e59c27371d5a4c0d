#!/usr/bin/env bash
# tests/fuzz/run.sh BUILD SECONDS NAME...: runs each libFuzzer harness in
# BUILD/fuzzers for SECONDS, starting from the seed corpus in the repo plus
# what earlier runs found (BUILD/corpus/NAME). Crash, leak and timeout inputs
# are written to tests/fuzz/regressions/NAME/ so the replay keeps them.
set -u
cd "$(dirname "$0")/../.."
build=$1 seconds=$2; shift 2
status=0
for name in "$@"; do
    # Findings land in the build tree first and move to regressions/ at the
    # end: an empty regressions/NAME/ during the run would fail the replay
    # of a `make check` running meanwhile.
    found="$build/artifacts/$name"
    mkdir -p "$build/corpus/$name" "$found"
    echo "== fuzz_$name for ${seconds}s"
    if ! "$build/fuzzers/fuzz_$name" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
            -max_len=65536 -print_final_stats=1 \
            -artifact_prefix="$found/" \
            "$build/corpus/$name" "tests/fuzz/corpus/$name" \
            > "$build/fuzz_$name.log" 2>&1; then
        echo "fuzz_$name found a problem: see $build/fuzz_$name.log and tests/fuzz/regressions/$name/"
        status=1
    fi
    if [ -n "$(ls -A "$found")" ]; then
        mkdir -p "tests/fuzz/regressions/$name"
        mv "$found"/* "tests/fuzz/regressions/$name/"
    fi
    grep -E '^(#[0-9]+[[:space:]]+DONE|stat::number_of_executed_units|stat::peak_rss_mb)' "$build/fuzz_$name.log" |
        tail -n 3 | sed "s/^/fuzz_$name: /"
done
exit $status
