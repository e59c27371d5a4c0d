#!/usr/bin/env bash
# tests/net/fetch_export.sh: `versus --fetch --export` against the loopback
# server puts the server's numbers in the export with source live; later
# runs read them back from the cache without a request; failures are
# recorded per package and never change the exit status.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/netlib.bash"

start_server
# The shipped data with short timeouts and lifted rate limits, to stay quick.
DATA="$T_TMP/data"
cp -r "$VERSUS_ROOT/data" "$DATA"
fast_data "$DATA"
run() { run_versus --data "$DATA" "$@"; }

# jq-less JSON reading: stat FIELD for ECO PACKAGE from the export in R_OUT.
# One python answers them all (tests/lib.sh, py_json); the arguments go in
# as Python string literals (names and keys hold no quotes).
py_json_start
stat_of() {
    py_json "a = ['$1', '$2', '$3']" \
        '[s for s in d["stats"] if s["ecosystem"] == a[0] and s["package"] == a[1]][0][a[2]]'
}
fixture_sum() { # fixture_sum npm|pypi NAME DAYS
    py_run 'import json,sys
eco, name, days = sys.argv[1], sys.argv[2], int(sys.argv[3])
d = json.load(open(sys.argv[4]))
if eco == "npm":
    vals = [x["downloads"] for x in sorted(d["downloads"], key=lambda x: x["day"])]
else:
    vals = [x["downloads"] for x in sorted(d["data"], key=lambda x: x["date"]) if x["category"] == "without_mirrors"]
print(sum(vals[-days:]))' "$1" "$2" "$3" "$VERSUS_ROOT/tests/net/fixtures/$1/$(echo "$2" | sed 's|/|__|').json"
}

run --fetch --export - --format json
expect_eq "--fetch exits 0" "0" "$R_STATUS"
expect_eq "no progress line when stderr is not a terminal" "" "$R_ERR"
expect_eq "express: live" "live ok" "$(stat_of npm express source) $(stat_of npm express status)"
expect_eq "express: the server's month" "$(fixture_sum npm express 30)" "$(stat_of npm express last_month)"
expect_eq "express: the server's week" "$(fixture_sum npm express 7)" "$(stat_of npm express last_week)"
expect_eq "@nestjs/core: the server's month" "$(fixture_sum npm @nestjs/core 30)" "$(stat_of npm @nestjs/core last_month)"
expect_eq "django: the server's month" "$(fixture_sum pypi django 30)" "$(stat_of pypi django last_month)"
expect_eq "flask: the server's week" "$(fixture_sum pypi flask 7)" "$(stat_of pypi flask last_week)"
expect_eq "period covered: the 30 days to yesterday" \
    "$(date -u -d '-30 days' +%F)..$(date -u -d '-1 day' +%F)" "$(stat_of pypi django period)"
fixture_change() { # fixture_change npm|pypi NAME: the last 7 days against the 7 before, in %
    py_run 'import json,sys
eco, name = sys.argv[1], sys.argv[2]
d = json.load(open(sys.argv[3]))
if eco == "npm":
    vals = [x["downloads"] for x in sorted(d["downloads"], key=lambda x: x["day"])]
else:
    vals = [x["downloads"] for x in sorted(d["data"], key=lambda x: x["date"]) if x["category"] == "without_mirrors"]
print(round(100.0 * (sum(vals[-7:]) - sum(vals[-14:-7])) / sum(vals[-14:-7]), 1))' "$1" "$2" \
        "$VERSUS_ROOT/tests/net/fixtures/$1/$(echo "$2" | sed 's|/|__|').json"
}
expect_eq "express: week over week from the server's days" "$(fixture_change npm express)" \
    "$(stat_of npm express week_change_pct)"
expect_eq "django: week over week from the server's days" "$(fixture_change pypi django)" \
    "$(stat_of pypi django week_change_pct)"
check "fetched_at is set" grep -qE '^20[0-9]{2}-[0-9]{2}-[0-9]{2}T' <<<"$(stat_of npm express fetched_at)"
check "origin is the loopback URL" grep -q "^http://127.0.0.1:$S_PORT/api/packages/django/overall" \
    <<<"$(stat_of pypi django origin)"
sources=$(py_run 'import json,sys; print(" ".join(sorted({s["source"] for s in json.loads(sys.argv[1])["stats"]})))' "$R_OUT")
expect_eq "every figure is live" "live" "$sources"
first=$(requests)

# Later runs: the cache answers, with no request.
run --offline --export - --format json
expect_eq "--offline export: cached figures" "cache ok $(fixture_sum npm express 30)" \
    "$(stat_of npm express source) $(stat_of npm express status) $(stat_of npm express last_month)"
run --export - --format json
expect_eq "plain export: cached figures" "cache" "$(stat_of pypi django source)"
run --fetch --export - --format json
expect_eq "--fetch within the cache lifetime: cached figures" "0 cache" "$R_STATUS $(stat_of pypi django source)"
expect_eq "no request after the first refresh" "$first" "$(requests)"
check "cache files are private" test -z "$(find "$XDG_CACHE_HOME/versus" -type f ! -perm 600)"
check "cache directory is private" test "$(stat -c %a "$XDG_CACHE_HOME/versus")" = 700

# Usage errors.
run --offline --fetch --export -
expect_eq "--offline with --fetch: usage error" "2" "$R_STATUS"
expect_contains "--offline with --fetch: says why" "$R_ERR" "--fetch and --offline cannot be combined"
run --fetch
expect_eq "--fetch without --export: usage error" "2" "$R_STATUS"
run --help
expect_contains "--help documents --fetch" "$R_OUT" "--fetch"
check "the man page documents --fetch" grep -q '^.B \\-\\-fetch$' "$VERSUS_ROOT/versus.1"

# Failures are recorded per package; the exit status stays 0.
rm -rf "$XDG_CACHE_HOME/versus"
set_faults '[{"match":"flask","fault":"500"},{"match":"@nestjs/core","fault":"429"},{"match":"django","fault":"stall","seconds":5}]'
run --fetch --export - --format json
expect_eq "failures: still exit 0" "0" "$R_STATUS"
expect_eq "failures: flask error, bundled figure kept" "error HTTP 500 bundled" \
    "$(stat_of pypi flask status) $(stat_of pypi flask detail) $(stat_of pypi flask source)"
check "failures: flask keeps its bundled month" test "$(stat_of pypi flask last_month)" -gt 0
expect_eq "failures: @nestjs/core rate-limited" "rate-limited" "$(stat_of npm @nestjs/core status)"
expect_eq "failures: others live" "live ok" "$(stat_of npm express source) $(stat_of npm express status)"

# With no route to the servers at all, --fetch ends quickly and marks stats offline.
rm -rf "$XDG_CACHE_HOME/versus"
port=$(free_port)
VERSUS_NPM_API="http://127.0.0.1:$port" VERSUS_PYPI_API="http://127.0.0.1:$port/api" \
    run --fetch --export - --format json
expect_eq "unreachable: exit 0" "0" "$R_STATUS"
expect_eq "unreachable: offline, bundled figures" "offline bundled" \
    "$(stat_of npm express status) $(stat_of npm express source)"
expect_eq "unreachable: pypi too" "offline" "$(stat_of pypi numpy status)"

# On a terminal, --fetch shows its progress on stderr.
rm -rf "$XDG_CACHE_HOME/versus"
set_faults '[]'
script -qec "'$VERSUS_BIN' --data '$DATA' --fetch --export '$T_TMP/out.json'" /dev/null > "$T_TMP/tty.txt" 2>&1
check "progress line on a terminal" grep -q 'fetching live evidence [0-9]*/[0-9]*' "$T_TMP/tty.txt"
check "summary line on a terminal" grep -q 'download stats: live' "$T_TMP/tty.txt"
check "export written after the fetch" grep -q '"source": *"live"' "$T_TMP/out.json"

# libcurl is loaded only when a fetch starts: runs that fetch nothing never
# map it (that is most of a start's cost), and a fetch still finds it.
loaded_libs() { LD_DEBUG=files "$VERSUS_BIN" --data "$DATA" "$@" 2>&1 >/dev/null | grep -o 'file=[^ ]*libcurl[^ ]*' | sort -u; }
expect_eq "--offline export: libcurl not loaded" "" "$(loaded_libs --offline --export - --format csv)"
expect_eq "export from the cache: libcurl not loaded" "" "$(loaded_libs --export - --format csv)"
rm -rf "$XDG_CACHE_HOME/versus"
check "--fetch: libcurl loaded for the fetch" grep -q 'libcurl' <<<"$(loaded_libs --fetch --export - --format csv)"

# Without a usable libcurl (hidden here by mounting an empty file over it in a
# private mount namespace) the export still works and each package says why.
# A regular file, not /dev/null: where /dev is nodev, opening a device node
# fails differently and the loader would go on searching.
# Every libcurl versus would try (the OpenSSL and GnuTLS builds, the
# unversioned name), each replaced by an empty file.
mapfile -t curl_libs < <(ldconfig -p | awk '/libcurl(-gnutls)?\.so(\.4)? /{print $NF}' | sort -u)
curl_so=$(ldconfig -p | awk '/libcurl\.so\.4 /{print $NF; exit}')
: > "$T_TMP/empty.so"
hide_curl='for f in $HIDE; do mount --bind "$EMPTY" "$f" || exit 99; done; exec "$@"'
export EMPTY="$T_TMP/empty.so"
if [ -n "$curl_so" ] && HIDE="${curl_libs[*]}" unshare -m sh -c "$hide_curl" sh true 2>/dev/null; then
    rm -rf "$XDG_CACHE_HOME/versus"
    R_OUT=$(HIDE="${curl_libs[*]}" unshare -m sh -c "$hide_curl" sh \
        "$VERSUS_BIN" --data "$DATA" --fetch --export - --format json 2>"$T_TMP/stderr")
    R_STATUS=$?
    expect_eq "no libcurl: export still written" "0 bundled" "$R_STATUS $(stat_of npm express source)"
    expect_contains "no libcurl: each package says why" "$(stat_of pypi django status) $(stat_of pypi django detail)" \
        "error cannot load libcurl ($curl_so"
else
    skip "no libcurl: export still written" "cannot hide libcurl here (needs unshare -m and mount as root)"
    skip "no libcurl: each package says why" "cannot hide libcurl here (needs unshare -m and mount as root)"
fi

t_done
