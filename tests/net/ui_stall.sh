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
check "the server holds stalled requests" wait_requests 1

before=$(py_run 'import json,sys; print([c["weight"] for c in json.loads(sys.argv[1])["criteria"]][1])' \
    "$("$VERSUS_BIN" --data "$DATA" --offline --export - --format json)")
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

# Without a usable libcurl the first refresh fails as it starts: the header
# must say so at once, not at its next timed redraw (30 s) or key press.
# libcurl is hidden as in fetch_export.sh, by a wrapper around the binary.
mapfile -t curl_libs < <(ldconfig -p | awk '/libcurl(-gnutls)?\.so(\.4)? /{print $NF}' | sort -u)
: > "$T_TMP/empty.so"
# The mounts happen only inside the private namespace unshare makes: the
# inner script is never run on its own.
{
    echo '#!/bin/sh'
    for f in "${curl_libs[@]}"; do echo "mount --bind '$T_TMP/empty.so' '$f' || exit 99"; done
    echo "exec '$VERSUS_BIN' \"\$@\""
} > "$T_TMP/nocurl-inner.sh"
printf '#!/bin/sh\nexec unshare -m %q "$@"\n' "$T_TMP/nocurl-inner.sh" > "$T_TMP/nocurl.sh"
chmod +x "$T_TMP/nocurl.sh" "$T_TMP/nocurl-inner.sh"
if [ "${#curl_libs[@]}" -gt 0 ] && "$T_TMP/nocurl.sh" --version >/dev/null 2>&1; then
    set_faults '[]'
    real_bin=$VERSUS_BIN
    VERSUS_BIN=$T_TMP/nocurl.sh
    TM_ENV="$TM_ENV" tm_start 120 40 --data "$DATA"
    VERSUS_BIN=$real_bin
    check "no libcurl: the dashboard starts" tm_wait "Verdict: "
    check "no libcurl: the header says the packages failed, unprompted" tm_wait "48 failed"
    tm_quit
    check "no libcurl: q quits" tm_wait "[exit 0]"
else
    for n in "the dashboard starts" "the header says the packages failed, unprompted" "q quits"; do
        skip "no libcurl: $n" "cannot hide libcurl here (needs unshare -m and mount as root)"
    done
fi

t_done
