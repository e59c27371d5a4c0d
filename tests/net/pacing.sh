#!/usr/bin/env bash
# tests/net/pacing.sh: the shipped limits, checked to the millisecond on a
# clock that skips the waits (fetch_probe --skip-clock: it stands still but
# for the waits only a timer could end, so a 2 s pace or an hour's backoff
# passes at once and lands exactly). npm: one request every 2 s from the
# previous reply's end; pypistats: at most 4 starts in any 1.05 s and 28 in
# any 60.5 s, more projects than one minute allows waiting for the next;
# a 429 without Retry-After: the host is left alone for exactly the
# source's backoff (npm: 1 h), then asked again; with Retry-After: that
# long. refresh_count.sh checks the same pace as the server sees it in
# real time.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/netlib.bash"
# One python answers the checks (tests/lib.sh, py_run).
py_start

start_server
DATA="$VERSUS_ROOT/data" # the shipped sources.yaml, limits as shipped
npm_pkgs=(npm:express npm:fastify npm:koa npm:@nestjs/core npm:@a/one npm:@a/two npm:@a/three)
pypi_pkgs=()
for i in $(seq 1 34); do pypi_pkgs+=("pypi:project-$i"); done

start=$SECONDS
probe --data "$DATA" --cache "$T_TMP/cache" --skip-clock "${npm_pkgs[@]}" "${pypi_pkgs[@]}"
real=$((SECONDS - start))
expect_eq "every package fetched" "41" "$(grep -c ' status=ok source=live ' <<<"$P_OUT")"
# "start +MS URL" lines, in start order
starts() { sed -n "s|^start +\([0-9]*\) .*$1.*|\1|p" <<<"$P_OUT"; }
npm_ms=$(starts /downloads/range/)
pypi_ms=$(starts /api/packages/)
expect_eq "npm: one bulk request and four scoped names" "5" "$(wc -l <<<"$npm_ms")"
expect_eq "pypistats: one request per project" "34" "$(wc -l <<<"$pypi_ms")"
# With the clock standing still while a reply comes, each start is exactly
# 2000 ms after the one before: the pace, no more and no less.
expect_eq "npm: starts exactly 2 s apart" "0 2000 4000 6000 8000" "$(tr '\n' ' ' <<<"$npm_ms" | sed 's/ $//')"
report=$(py_run '
import sys
t = [int(x) for x in sys.argv[1].split()]
sec = max(sum(1 for u in t if a <= u < a + 1050) for a in t)
minute = max(sum(1 for u in t if a <= u < a + 60500) for a in t)
print(sec, minute, t[28] - t[0], t[-1])
' "$pypi_ms")
read -r per_sec per_min gap29 last <<<"$report"
expect_eq "pypistats: at most 4 starts in any 1.05 s" "4" "$per_sec"
expect_eq "pypistats: at most 28 starts in any 60.5 s" "28" "$per_min"
expect_eq "pypistats: the 29th waits for the first to leave the minute" "60500" "$gap29"
# Under valgrind (VERSUS_SLOW_RUN) the requests themselves are slow; the
# clock's figures above hold all the same.
if [ -n "${VERSUS_SLOW_RUN:-}" ]; then
    skip "the minute's wait took no real time" "requests are slow under $VERSUS_SLOW_RUN"
else
    check "the minute's wait took no real time ($real s for $last ms on the clock)" test "$real" -lt 30
fi
expect_eq "the clock moved by the waits" "$last" "$(sed -n 's/^clock +//p' <<<"$P_OUT")"

# A 429 without Retry-After: an hour (npm's backoff), not a second less,
# then the package is asked for again.
set_faults '[{"match":"express","fault":"429","times":1}]'
probe --data "$DATA" --cache "$T_TMP/cache-429" --skip-clock --wait-ms 3700000 npm:express
expect_eq "429, no Retry-After: asked again exactly 1 h later" "0 3600000" \
    "$(starts /downloads/range/ | tr '\n' ' ' | sed 's/ $//')"
expect_eq "429, no Retry-After: fetched after the backoff" "ok live" \
    "$(field npm express status) $(field npm express source)"
set_faults '[{"match":"express","fault":"429"}]'
probe --data "$DATA" --cache "$T_TMP/cache-429b" --skip-clock npm:express
expect_eq "429, no Retry-After: retry in exactly 3600 s" "rate-limited 3600" \
    "$(field npm express status) $(field npm express retry_in)"
# Within the hour nothing is asked, however long the loop runs.
set_faults '[{"match":"express","fault":"429"}]'
probe --data "$DATA" --cache "$T_TMP/cache-429c" --skip-clock --wait-ms 3599000 npm:express
expect_eq "429, no Retry-After: nothing asked within the hour" "0" \
    "$(starts /downloads/range/ | tr '\n' ' ' | sed 's/ $//')"

# Retry-After: its own wait (pypistats, whose backoff would be 10 m).
set_faults '[{"match":"flask","fault":"429","retry_after":120,"times":1}]'
probe --data "$DATA" --cache "$T_TMP/cache-ra" --skip-clock --wait-ms 200000 pypi:flask
expect_eq "429 + Retry-After 120: asked again exactly 120 s later" "0 120000" \
    "$(starts /api/packages/ | tr '\n' ' ' | sed 's/ $//')"
expect_eq "429 + Retry-After 120: fetched then" "ok live" "$(field pypi flask status) $(field pypi flask source)"

t_done
