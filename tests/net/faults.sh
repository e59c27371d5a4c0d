#!/usr/bin/env bash
# tests/net/faults.sh: every fault the loopback server can inject gives the
# right per-package status, keeps the last good figures on screen and in the
# cache, and never crashes or leaks (the runner repeats this under ASan).
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/netlib.bash"
# One python answers the checks (tests/lib.sh, py_run).
py_start

start_server
DATA="$T_TMP/data"
fast_data "$DATA"
CACHE="$T_TMP/cache"
PKGS=(npm:express npm:fastify npm:@nestjs/core pypi:Django pypi:flask)

# Round 1: a clean refresh fills the cache.
probe --data "$DATA" --cache "$CACHE" "${PKGS[@]}"
expect_eq "express fetched" "ok live" "$(field npm express status) $(field npm express source)"
expect_eq "@nestjs/core fetched" "ok live" "$(field npm @nestjs/core status) $(field npm @nestjs/core source)"
expect_eq "Django fetched" "ok live" "$(field pypi Django status) $(field pypi Django source)"
expect_eq "header says live" "live" "$(status_line)"
EXPRESS_MONTH=$(field npm express month)
DJANGO_MONTH=$(field pypi Django month)
FLASK_MONTH=$(field pypi flask month)
NEST_MONTH=$(field npm @nestjs/core month)
# The server's own numbers: sums of the fixture's days.
expect_eq "express month is the fixture's sum" \
    "$(py_run 'import json,sys; print(sum(d["downloads"] for d in json.load(open(sys.argv[1]))["downloads"]))' \
        "$VERSUS_ROOT/tests/net/fixtures/npm/express.json")" "$EXPRESS_MONTH"
expect_eq "express week is the last 7 days" \
    "$(py_run 'import json,sys; print(sum(d["downloads"] for d in json.load(open(sys.argv[1]))["downloads"][-7:]))' \
        "$VERSUS_ROOT/tests/net/fixtures/npm/express.json")" "$(field npm express week)"
expect_eq "Django month is the last 30 days without mirrors" \
    "$(py_run 'import json,sys
rows=[r for r in json.load(open(sys.argv[1]))["data"] if r["category"]=="without_mirrors"]
rows.sort(key=lambda r: r["date"]); print(sum(r["downloads"] for r in rows[-30:]))' \
        "$VERSUS_ROOT/tests/net/fixtures/pypi/django.json")" "$DJANGO_MONTH"
expect_eq "30-day series" "30" "$(field npm express days)"
expect_eq "period of the series: the 30 days to yesterday" \
    "$(date -u -d '-30 days' +%F)..$(date -u -d '-1 day' +%F)" "$(field npm express period)"
expect_eq "pypi name normalised in the URL" "1" "$(requests_matching '/api/packages/django/overall?mirrors=false')"
expect_eq "unscoped npm names in one bulk request" "1" "$(requests_matching '/last-month/express,fastify"')"
expect_eq "User-Agent names versus" "$(requests)" "$(grep -c '"ua": "versus/' "$S_LOG")"
for f in "$CACHE"/*.json; do
    check "cache file $(basename "$f") is private" test "$(stat -c %a "$f")" = 600
done
check "cache directory is private" test "$(stat -c %a "$CACHE")" = 700
cp -a "$CACHE" "$T_TMP/cache-round1"
snapshot_cache() { rm -rf "$T_TMP/cache.before"; cp -a "$CACHE" "$T_TMP/cache.before"; }
cache_unchanged() { diff -r "$T_TMP/cache.before" "$CACHE" >/dev/null; }
snapshot_cache

# Round 2 without force: everything is fresh, nothing is asked.
before=$(requests)
probe --data "$DATA" --cache "$CACHE" "${PKGS[@]}"
expect_eq "fresh cache: no request" "$before" "$(requests)"
expect_eq "fresh cache: figures from the cache" "ok cache $EXPRESS_MONTH" \
    "$(field npm express status) $(field npm express source) $(field npm express month)"
check "header says cache age" grep -q '^line cache [0-9]*m old$' <<<"$P_OUT"

# error_case NAME RULES PKG EXPECTED_DETAIL: the package ends in error with
# that detail, its figures are those of round 1, and the cache is untouched.
error_case() {
    local name=$1 rules=$2 pkg=$3 detail=$4 eco=${3%%:*} pname=${3#*:} month
    set_faults "$rules"
    probe --data "$DATA" --cache "$CACHE" --force "$pkg"
    case $pname in
        express) month=$EXPRESS_MONTH ;; Django) month=$DJANGO_MONTH ;; flask) month=$FLASK_MONTH ;;
        @nestjs/core) month=$NEST_MONTH ;;
    esac
    expect_eq "$name: status, source and figures kept" "error cache $month" \
        "$(field "$eco" "$pname" status) $(field "$eco" "$pname" source) $(field "$eco" "$pname" month)"
    expect_eq "$name: reason" "$detail" "$(field "$eco" "$pname" detail)"
    # npm's last month; pypistats' whole history (the fixtures hold 180 days)
    local days=30
    [ "$eco" = pypi ] && days=180
    expect_eq "$name: series kept" "$days" "$(field "$eco" "$pname" days)"
    check "$name: cache untouched" cache_unchanged
}

error_case "500" '[{"match":"flask","fault":"500"}]' pypi:flask "HTTP 500"
error_case "stall past the timeout" '[{"match":"flask","fault":"stall","seconds":6}]' pypi:flask "timed out"
error_case "body cut in the middle" '[{"match":"express","fault":"cut"}]' npm:express "reply cut short"
error_case "malformed JSON" '[{"match":"Django","fault":"malformed"},{"match":"django","fault":"malformed"}]' \
    pypi:Django "malformed JSON"
error_case "10 MiB body" '[{"match":"express","fault":"huge"}]' npm:express "reply larger than 2048 KiB"
error_case "10 MiB body without a length" '[{"match":"core","fault":"huge_stream"}]' npm:@nestjs/core \
    "reply larger than 2048 KiB"
error_case "negative counts" '[{"match":"express","fault":"negative"}]' npm:express "negative download count"
error_case "HTML with 200" '[{"match":"flask","fault":"html200"}]' pypi:flask "unexpected HTML reply"
error_case "wrong shape" '[{"match":"express","fault":"wrong_shape"}]' npm:express "wrong shape: expected an object"
error_case "HTML 404 from a proxy" '[{"match":"flask","fault":"html404"}]' pypi:flask "HTTP 404 (not from the API)"
error_case "redirect" '[{"match":"flask","fault":"redirect"}]' pypi:flask "redirected (not followed)"
expect_eq "header counts the failure" "cache 0m old, 1 failed" "$(status_line | sed 's/[0-9][0-9]*m/0m/')"

# A slow trickle that finishes within the timeout is a good reply.
set_faults '[{"match":"flask","fault":"trickle","seconds":1}]'
probe --data "$DATA" --cache "$CACHE" --force pypi:flask
expect_eq "slow trickle: fetched" "ok live $FLASK_MONTH" \
    "$(field pypi flask status) $(field pypi flask source) $(field pypi flask month)"
snapshot_cache

# Not found, in both services' styles: the status is recorded, figures kept.
set_faults '[{"match":"express","fault":"npm404"}]'
probe --data "$DATA" --cache "$CACHE" --force npm:express
expect_eq "npm JSON 404: not found, figures kept" "not found cache $EXPRESS_MONTH" \
    "$(field npm express status) $(field npm express source) $(field npm express month)"
check "npm 404 recorded in the cache" grep -q '"status": "not found"' "$CACHE/npm_express.json"
check "npm 404 keeps the cached figures" grep -q "\"last_month\": $EXPRESS_MONTH" "$CACHE/npm_express.json"
set_faults '[{"match":"flask","fault":"pypi404"}]'
probe --data "$DATA" --cache "$CACHE" --force pypi:flask
expect_eq "pypistats' bare 404 (typed text/html): not found" "not found" "$(field pypi flask status)"
expect_eq "pypistats' 404: the detail does not claim the project is unknown" \
    "pypistats has no downloads for it in the last 180 days, or does not know it" "$(field pypi flask detail)"
# Genuinely unknown packages, from the server's real routes.
set_faults '[]'
probe --data "$DATA" --cache "$T_TMP/cache-unknown" npm:missing-a npm:missing-b npm:express npm:@missing/x pypi:missing-p
expect_eq "unknown in a bulk (null)" "not found" "$(field npm missing-a status)"
expect_eq "unknown scoped (404)" "not found" "$(field npm @missing/x status)"
expect_eq "unknown on pypistats" "not found" "$(field pypi missing-p status)"
expect_eq "known beside unknown" "ok" "$(field npm express status)"
# A not-found answer is remembered for the cache lifetime: no new request.
before=$(requests)
probe --data "$DATA" --cache "$T_TMP/cache-unknown" npm:missing-a pypi:missing-p
expect_eq "not found is cached" "$before not found" "$(requests) $(field pypi missing-p status)"

# A bulk refused with 400 is asked again name by name.
before=$(requests)
set_faults '[{"match":"express,fastify","fault":"scoped400","times":1}]'
probe --data "$DATA" --cache "$CACHE" --force npm:express npm:fastify
expect_eq "bulk 400: each name fetched alone" "ok ok" "$(field npm express status) $(field npm fastify status)"
expect_eq "bulk 400: one bulk then two single requests" "3" "$(($(requests) - before))"
check "bulk 400: single express request" grep -q '"path": "/downloads/range/last-month/express"' "$S_LOG"
check "bulk 400: single fastify request" grep -q '"path": "/downloads/range/last-month/fastify"' "$S_LOG"
snapshot_cache

# Rate limits: HTML bodies, with and without Retry-After; the backoff is
# kept in the cache and respected even by a forced refresh.
set_faults '[{"match":"flask","fault":"429","retry_after":120}]'
probe --data "$DATA" --cache "$CACHE" --force --skip-clock pypi:flask
expect_eq "429 + Retry-After: rate-limited, figures kept" "rate-limited cache $FLASK_MONTH" \
    "$(field pypi flask status) $(field pypi flask source) $(field pypi flask month)"
retry=$(field pypi flask retry_in)
# (on the probe's clock, which stands still while nothing waits: exactly)
expect_eq "429 + Retry-After: next try in 120 s" "120" "$retry"
check "429: header says when" grep -qE '^line rate-limited, next try [0-9]{2}:[0-9]{2}$' <<<"$P_OUT"
check "429: backoff stored in the cache" grep -q '"status": "rate-limited"' "$CACHE/pypi_flask.json"
check "429: figures stay in the cache" grep -q "\"last_month\": $FLASK_MONTH" "$CACHE/pypi_flask.json"
before=$(requests)
probe --data "$DATA" --cache "$CACHE" --force pypi:flask
expect_eq "backoff respected by a forced refresh after restart" "$before rate-limited" \
    "$(requests) $(field pypi flask status)"

set_faults '[{"match":"express","fault":"429"}]'
probe --data "$DATA" --cache "$CACHE" --force --skip-clock npm:express
retry=$(field npm express retry_in)
expect_eq "429 without Retry-After: rate-limited" "rate-limited $EXPRESS_MONTH" \
    "$(field npm express status) $(field npm express month)"
expect_eq "429 without Retry-After: backs off for an hour" "3600" "$retry"

# Retry-After as an HTTP date.
when=$(LC_ALL=C date -u -d '+300 sec' '+%a, %d %b %Y %H:%M:%S GMT')
set_faults "[{\"match\":\"fastify\",\"fault\":\"429\",\"retry_after\":\"$when\"}]"
cp -a "$T_TMP/cache-round1" "$T_TMP/cache-date"
probe --data "$DATA" --cache "$T_TMP/cache-date" --force npm:fastify
retry=$(field npm fastify retry_in)
check "429 + Retry-After date: next try in about 300 s ($retry)" test "$retry" -ge 250 -a "$retry" -le 300

set_faults '[{"match":"django","fault":"403"}]'
probe --data "$DATA" --cache "$CACHE" --force pypi:Django
expect_eq "403 HTML: refused, not rate-limited" "error $DJANGO_MONTH HTTP 403: the service refused the request" \
    "$(field pypi Django status) $(field pypi Django month) $(field pypi Django detail)"

# Within one run, a short Retry-After expires and the fetcher asks again.
set_faults '[{"match":"core","fault":"429","retry_after":1,"times":1}]'
probe --data "$DATA" --cache "$CACHE" --force --skip-clock --wait-ms 3500 npm:@nestjs/core
expect_eq "after the backoff the package is fetched again" "ok live" \
    "$(field npm @nestjs/core status) $(field npm @nestjs/core source)"
expect_eq "asked again when the Retry-After ran out, not before" "0 1000" \
    "$(sed -n 's|^start +\([0-9]*\) .*/core$|\1|p' <<<"$P_OUT" | tr '\n' ' ' | sed 's/ $//')"

# No good figures yet: the bundled figure stays, marked with the failure.
set_faults '[{"match":"flask","fault":"500"}]'
probe --data "$DATA" --cache "$T_TMP/cache-empty" --bundled pypi:flask=4242 pypi:flask
expect_eq "bundled figure kept on failure" "error bundled 4242" \
    "$(field pypi flask status) $(field pypi flask source) $(field pypi flask month)"
check "no cache record for a failure" test ! -e "$T_TMP/cache-empty/pypi_flask.json"

# A refused connection and an unresolvable host: offline, figures kept.
set_faults '[]'
port=$(free_port)
VERSUS_PYPI_API="http://127.0.0.1:$port/api" probe --data "$DATA" --cache "$T_TMP/cache-round1" --force \
    pypi:Django pypi:flask
expect_eq "refused: offline with figures" "offline cache $DJANGO_MONTH" \
    "$(field pypi Django status) $(field pypi Django source) $(field pypi Django month)"
expect_eq "refused: reason" "cannot connect" "$(field pypi Django detail)"
expect_eq "refused: header says offline and which figures show" "cache old, offline" \
    "$(status_line | sed -E 's/ [0-9]+[mhd] / /')"
VERSUS_NPM_API="https://versus-test.invalid" probe --data "$DATA" --cache "$CACHE" --force npm:fastify
expect_eq "unresolvable host: offline" "offline cannot resolve host" \
    "$(field npm fastify status) $(field npm fastify detail)"

# Plain http anywhere but loopback is refused before any connection.
before=$(requests)
VERSUS_NPM_API="http://192.0.2.1:$S_PORT" probe --data "$DATA" --cache "$CACHE" --force npm:fastify
expect_eq "plain http off loopback refused" "error" "$(field npm fastify status)"
check "plain http: reason names the variable" grep -q 'detail=VERSUS_NPM_API: plain http only to a loopback address' <<<"$P_OUT"
expect_eq "plain http: no request" "$before" "$(requests)"

# --offline never opens a connection.
before=$(requests)
probe --data "$DATA" --cache "$CACHE" --offline --force "${PKGS[@]}"
expect_eq "offline: no request" "$before" "$(requests)"
expect_eq "offline: header says which figures show" "cache old, offline" \
    "$(status_line | sed -E 's/ [0-9]+[mhd] / /')"
expect_eq "offline: cached figures" "cache $FLASK_MONTH" "$(field pypi flask source) $(field pypi flask month)"

# A key press is answered while a transfer is stalled.
set_faults '[{"match":"flask","fault":"stall","seconds":5}]'
probe --data "$DATA" --cache "$T_TMP/cache-press" --press pypi:flask
check "key answered during a stalled fetch" grep -q '^pressed busy=1 key=1 line=fetching 0/1$' <<<"$P_OUT"

t_done
