#!/usr/bin/env bash
# tests/valgrind.sh BUILD: the end-to-end tests with every run of the binary
# under `valgrind --leak-check=full --error-exitcode=1`. Each run writes its
# own log; a run with any error or leak is a failure, whatever the test
# itself checked. Ends with the "N passed, M failed" line. Needs valgrind.
set -u
cd "$(dirname "$0")/.."
root=$PWD
build=${1:-build/valgrind}
command -v valgrind >/dev/null || { echo "valgrind is not installed"; exit 1; }

logs=$(mktemp -d "${TMPDIR:-/tmp}/versus-valgrind.XXXXXX")
trap 'rm -rf "$logs"' EXIT
wrapper="$logs/versus"
# A run under a file-size limit (the tests of a write cut short) runs
# without valgrind, which cannot work when it may not write its own files.
cat > "$wrapper" <<WRAP
#!/bin/sh
if [ "\$(ulimit -f)" != unlimited ]; then exec "$root/$build/versus" "\$@"; fi
exec valgrind -q --leak-check=full --error-exitcode=1 --suppressions="$root/tests/valgrind.supp" \\
    --log-file="$logs/vg.%p.log" "$root/$build/versus" "\$@"
WRAP
chmod +x "$wrapper"

# Every end-to-end and network test (slower under valgrind, so their screen
# waits get more time), but crash_safe.sh: it SIGKILLs versus mid-write,
# which leaves valgrind nothing to report, and its timing of the kills
# assumes native speed. VALGRIND_TESTS picks some instead.
if [ -n "${VALGRIND_TESTS:-}" ]; then
    read -r -a tests <<< "$VALGRIND_TESTS"
else
    tests=()
    for t in tests/e2e/*.sh tests/net/*.sh; do
        [ "$t" = tests/e2e/crash_safe.sh ] || tests+=("$t")
    done
fi
passed=0 failed=0
for t in "${tests[@]}"; do
    case "$t" in *_lib.sh) continue ;; esac  # helpers, not tests
    out=$(VERSUS_BIN="$wrapper" VERSUS_BUILD="$root/$build" VERSUS_ROOT="$root" TM_TIMEOUT=60 VERSUS_SLOW_RUN=valgrind \
          timeout 600 bash "$t" 2>&1)
    ok=$(grep -c '^ok ' <<< "$out") bad=$(grep -c '^not ok ' <<< "$out")
    passed=$((passed + ok)) failed=$((failed + bad))
    printf '%-34s %3d passed, %d failed\n' "$t" "$ok" "$bad"
    grep -A3 '^not ok ' <<< "$out" | sed 's/^/    /'
done

runs=$(find "$logs" -name 'vg.*.log' | wc -l)
dirty=$(grep -lE 'ERROR SUMMARY: [1-9]|definitely lost|indirectly lost|possibly lost|Invalid (read|write)|uninitialised' "$logs"/vg.*.log 2>/dev/null)
if [ "$runs" -gt 0 ]; then
    echo "ok - $runs runs of versus under valgrind"; passed=$((passed + 1))
else
    echo "not ok - no run of versus went through valgrind"; failed=$((failed + 1))
fi
if [ -z "$dirty" ]; then
    echo "ok - valgrind found no error and no leak"; passed=$((passed + 1))
else
    echo "not ok - valgrind reports in $(wc -l <<< "$dirty") runs:"; failed=$((failed + 1))
    for f in $dirty; do sed 's/^/    /' "$f" | head -40; done
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
