#!/usr/bin/env bash
# tests/net/real_replies.sh: the replies the real services send where a
# naive client goes wrong (see ../shared/api-formats.md): pypistats' bare
# 404 typed text/html, npm's firewall 403 on one name or one combination of
# names inside a bulk request. Each package ends with its own status, every
# other package is still fetched, and only the last good figures are kept.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/netlib.bash"
# One python answers the checks (tests/lib.sh, py_run).
py_start

start_server
DATA="$T_TMP/data"
fast_data "$DATA"
CACHE="$T_TMP/cache"
NPM=(npm:express npm:fastify npm:koa npm:hapi)

# pypistats' "not found" as the service really sends it.
set_faults '[{"match":"/api/packages/flask/","fault":"pypi404"}]'
probe --data "$DATA" --cache "$CACHE" pypi:flask pypi:django
expect_eq "pypistats 404 typed text/html: not found" "not found" "$(field pypi flask status)"
expect_eq "pypistats 404: the detail says what it can mean" \
    "pypistats has no downloads for it in the last 180 days, or does not know it" "$(field pypi flask detail)"
expect_eq "pypistats 404: the other project is live" "ok live" "$(field pypi django status) $(field pypi django source)"
check "the server really typed it text/html" \
    py_run 'import urllib.request,sys
try: urllib.request.urlopen(sys.argv[1])
except urllib.error.HTTPError as e: sys.exit(0 if e.headers["Content-Type"].startswith("text/html") and e.read()==b"404" else 1)
sys.exit(1)' "http://127.0.0.1:$S_PORT/api/packages/missing-x/overall?mirrors=false"

# A clean round fills the cache with good figures for the npm names.
set_faults '[]'
probe --data "$DATA" --cache "$CACHE" "${NPM[@]}"
KOA_MONTH=$(field npm koa month)
expect_eq "clean round: koa live" "ok live" "$(field npm koa status) $(field npm koa source)"

# One refused name inside a bulk request: halves, down to the single name.
set_faults '[{"match":"koa","fault":"403"}]'
before=$(requests)
probe --data "$DATA" --cache "$CACHE" --force "${NPM[@]}"
for p in express fastify hapi; do
    expect_eq "403 on a bulk holding koa: $p still live" "ok live" "$(field npm $p status) $(field npm $p source)"
done
expect_eq "403: koa ends refused, its last good figures kept" \
    "error cache $KOA_MONTH HTTP 403: the service refused the request" \
    "$(field npm koa status) $(field npm koa source) $(field npm koa month) $(field npm koa detail)"
expect_eq "403: retry_at unset (no backoff)" "0" "$(field npm koa retry_in)"
# bulk of 4 -> [express,fastify] ok, [koa,hapi] 403 -> [koa] 403, [hapi] ok
expect_eq "403: five requests (bulk, two halves, two singles)" "5" "$(($(requests) - before))"
check "403: koa asked alone" grep -q '"path": "/downloads/range/last-month/koa"' "$S_LOG"
check "403: nothing rate-limited in the cache" bash -c "! grep -l 'rate-limited' '$CACHE'/*.json"
expect_eq "403: the header counts one failure, says how old what it kept is, no backoff" \
    "live, 1 from cache 1m old, 1 failed" "$(status_line)"

# The npm host is not backed off: the next run asks at once.
set_faults '[]'
before=$(requests)
probe --data "$DATA" --cache "$CACHE" --force npm:koa
expect_eq "after a 403 the host is asked again at once" "ok live $((before + 1))" \
    "$(field npm koa status) $(field npm koa source) $(requests)"

# A combination refused although each name passes alone.
set_faults '[{"match":"/downloads/","match_all":["express","fastify"],"fault":"403"}]'
probe --data "$DATA" --cache "$CACHE" --force npm:express npm:fastify npm:koa
expect_eq "refused combination: every name fetched in smaller groups" "ok ok ok" \
    "$(field npm express status) $(field npm fastify status) $(field npm koa status)"

# Only 429 backs the host off: on one connection, the scoped request that
# would follow the bulk one is not sent, and without Retry-After the wait
# is npm's hour.
ONE="$T_TMP/one-connection"
fast_data "$ONE"
sed -i 's/connections: .*/connections: 1/' "$ONE/sources.yaml"
set_faults '[{"match":"express,","fault":"429"}]'
before=$(requests)
probe --data "$ONE" --cache "$T_TMP/cache-429" --skip-clock npm:express npm:fastify npm:@nestjs/core
expect_eq "429: every npm package rate-limited" "rate-limited rate-limited rate-limited" \
    "$(field npm express status) $(field npm fastify status) $(field npm @nestjs/core status)"
expect_eq "429: the host is backed off after its one request" "1" "$(($(requests) - before))"
retry=$(field npm @nestjs/core retry_in)
# On the probe's clock, which stands still while nothing waits: exactly the hour.
expect_eq "429 without Retry-After: an hour's wait" "3600" "$retry"

# Replies that must never become a figure: each package ends in error with
# the reason, keeps its last good figures (in the cache too), and the other
# packages of the same bulk request are still live.
set_faults '[]'
C2="$T_TMP/cache2"
probe --data "$DATA" --cache "$C2" "${NPM[@]}" pypi:django pypi:flask
declare -A MONTH
for p in express fastify koa hapi; do MONTH[$p]=$(field npm $p month); done
MONTH[django]=$(field pypi django month)
MONTH[flask]=$(field pypi flask month)
bad_reply() { # bad_reply NAME ECO PKG DETAIL RULES
    local name=$1 eco=$2 pkg=$3 detail=$4 p
    set_faults "$5"
    cp "$C2/${eco}_$pkg.json" "$T_TMP/before.json"
    probe --data "$DATA" --cache "$C2" --force "${NPM[@]}" pypi:django pypi:flask
    expect_eq "$name: $pkg in error, last good figures kept" "error cache ${MONTH[$pkg]}" \
        "$(field "$eco" "$pkg" status) $(field "$eco" "$pkg" source) $(field "$eco" "$pkg" month)"
    expect_eq "$name: the reason" "$detail" "$(field "$eco" "$pkg" detail)"
    check "$name: its cache record untouched" cmp -s "$T_TMP/before.json" "$C2/${eco}_$pkg.json"
    for p in express fastify koa hapi; do
        [ "$p" = "$pkg" ] && continue
        expect_eq "$name: npm $p live" "ok live" "$(field npm $p status) $(field npm $p source)"
    done
    for p in django flask; do
        [ "$p" = "$pkg" ] && continue
        expect_eq "$name: pypi $p live" "ok live" "$(field pypi $p status) $(field pypi $p source)"
    done
}
bad_reply "npm reply missing days" npm fastify "incomplete reply: 3 of 30 days missing" \
    '[{"match":"/downloads/","fault":"missing_days","package":"fastify"}]'
bad_reply "npm row dated tomorrow" npm koa "a day after today (UTC)" \
    '[{"match":"/downloads/","fault":"future","package":"koa"}]'
bad_reply "npm implausible count" npm hapi "implausible download count" \
    '[{"match":"/downloads/","fault":"implausible","package":"hapi"}]'
bad_reply "pypistats row dated tomorrow" pypi django "a row dated after today (UTC)" \
    '[{"match":"/api/packages/django/","fault":"future"}]'
bad_reply "pypistats implausible count" pypi flask "implausible download count" \
    '[{"match":"/api/packages/flask/","fault":"implausible"}]'

# pypistats sends no row for a day without downloads: a project quiet on
# the service's last two days is measured back from the service's latest
# day (django's), its quiet days counting 0, whichever reply comes first.
for round in 1 2 3; do
    set_faults '[{"match":"/api/packages/flask/","fault":"sparse","count":2}]'
    probe --data "$DATA" --cache "$T_TMP/cache-sparse-$round" pypi:flask pypi:django
    expect_eq "quiet days (round $round): flask's series ends on the service's latest day" \
        "ok $(field pypi django end) 0" \
        "$(field pypi flask status) $(field pypi flask end) $(field pypi flask last)"
    # the series holds the days pypistats keeps (for the trend chart), a month at least
    days=$(field pypi flask days)
    check "quiet days (round $round): a month to 181 days of series ($days)" \
        test "$days" -ge 30 -a "$days" -le 181
    expect_eq "quiet days (round $round): its month is its rows of that month" \
        "$(py_run 'import json,sys
rows=sorted((r for r in json.load(open(sys.argv[1]))["data"] if r["category"]=="without_mirrors"), key=lambda r: r["date"])
print(sum(r["downloads"] for r in rows[-30:-2]))' "$VERSUS_ROOT/tests/net/fixtures/pypi/flask.json")" \
        "$(field pypi flask month)"
done

# An implausible count in the cache is refused where it stands: nothing of
# the record is shown, the package says why, and a fetch replaces it.
rec="$C2/npm_express.json"
sed -i -E 's/"last_month": [0-9]+/"last_month": 99999999999999/' "$rec"
where=$(grep -n '"last_month": 99999999999999' "$rec" | cut -d: -f1)
col=$(( $(grep '"last_month": 99999999999999' "$rec" | sed 's/99999999999999.*//' | wc -c) ))
probe --data "$DATA" --cache "$C2" --offline --bundled npm:express=4242 npm:express
expect_eq "implausible cached count: the bundled figure, not the record's" "error bundled 4242" \
    "$(field npm express status) $(field npm express source) $(field npm express month)"
expect_eq "implausible cached count: FILE:LINE:COLUMN" \
    "cache record refused: $rec:$where:$col: implausible download count in 'last_month' (more than 10^13)" \
    "$(field npm express detail)"
set_faults '[]'
probe --data "$DATA" --cache "$C2" --bundled npm:express=4242 npm:express
expect_eq "implausible cached count: a fetch replaces the record" "ok live" \
    "$(field npm express status) $(field npm express source)"
check "implausible cached count: the record rewritten" bash -c "! grep -q 99999999999999 '$rec'"

t_done
