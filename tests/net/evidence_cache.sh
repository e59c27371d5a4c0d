#!/usr/bin/env bash
# tests/net/evidence_cache.sh: support windows and package health follow
# the downloads' cache rules, counted at the loopback server: a not-found
# and a rate-limit are remembered on disk with their time (a 429 is not
# asked again before its retry time, in a later run either, and is asked
# once that time has passed); a cached figure is fresh until its service's
# next daily update (sources.yaml daily_update), not for 24 hours; and a
# forced refresh (u) asks every download again but no evidence still fresh.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/netlib.bash"
source "$VERSUS_ROOT/tests/e2e/tmux_lib.sh"

serve_fast_data
py_json_start
run() { run_versus --data "$DATA" "$@"; }
fresh() { export XDG_CACHE_HOME="$T_TMP/cache.$1"; CACHE="$XDG_CACHE_HOME/versus"; }
# hl ECO PKG KEY: a field of the package's health in the JSON export in
# R_OUT; rt STACK KEY: a field of the stack's runtime there. One python
# answers them all (tests/lib.sh, py_json).
hl() {
    py_json '' "[x for x in d['health'] if x['ecosystem'] == '$1' and x['package'] == '$2'][0]['$3']"
}
rt() { py_json '' "[x for x in d['runtimes'] if x['stack'] == '$1'][0]['$2']"; }
asked() { requests_matching "$1"; }
# redate FILE ISO [FIELD]: sets the cache record's FIELD (fetched_at) to ISO.
redate() {
    py_run '
import json, sys
p, when, field = sys.argv[1], sys.argv[2], sys.argv[3]
d = json.load(open(p))
d[field] = when
open(p, "w").write(json.dumps(d))
' "$1" "$2" "${3:-fetched_at}"
}
EXPRESS=/v3/systems/NPM/packages/express
DJANGO=/v3/systems/PYPI/packages/django

# 1. Not found (deps.dev's HTML 404): remembered with its time; the next
#    run, the same day, does not ask again and still says not found.
fresh notfound
set_faults '[{"match": "'$EXPRESS'", "fault": "html404"}]'
run --fetch --export - --format json
expect_eq "404: express not found" "not found" "$(hl npm express status)"
check "404: the answer is on disk with its time" \
    grep -q '"status":"not found".*"checked_at":"20' "$CACHE/answer-health-npm_express.json"
n=$(asked "$EXPRESS")
set_faults '[]'
run --fetch --export - --format json
expect_eq "404: not asked again in the next run" "$n" "$(asked "$EXPRESS")"
expect_eq "404: the next run still says not found (from the cache)" "not found" "$(hl npm express status)"
# endoflife.date alike
set_faults '[{"match": "/api/v1/products/python", "fault": "html404"}]'
fresh eolnotfound
run --fetch --export - --format json
n=$(asked /api/v1/products/python)
set_faults '[]'
run --fetch --export - --format json
expect_eq "eol 404: not asked again in the next run" "$n" "$(asked /api/v1/products/python)"
expect_eq "eol 404: still not found" "not found" "$(rt python status)"

# 2. Rate-limited with an hour to wait: the next run asks nothing of
#    deps.dev (every package still waiting out the backoff).
fresh limited
set_faults '[{"match": "'$DJANGO'", "fault": "429", "retry_after": 3600}]'
run --fetch --export - --format json
expect_eq "429: django rate-limited" "rate-limited" "$(hl pypi django status)"
check "429: the answer is on disk with its retry time" \
    grep -q '"status":"rate-limited".*"retry_at":"20' "$CACHE/answer-health-pypi_django.json"
n=$(asked /v3/)
set_faults '[]'
run --fetch --export - --format json
expect_eq "429: no deps.dev request before the retry time, in the next run" "$n" "$(asked /v3/)"
expect_eq "429: the next run still says rate-limited" "rate-limited" "$(hl pypi django status)"

# ... and with 2 s to wait: once they are over, the next run asks again.
fresh shortlimit
set_faults '[{"match": "'$DJANGO'", "fault": "429", "retry_after": 2, "times": 1}]'
run --fetch --export - --format json
expect_eq "short 429: django rate-limited" "rate-limited" "$(hl pypi django status)"
n=$(asked "$DJANGO")
check "short 429: its retry time, ahead, is on disk" py_run '
import datetime, json, sys
now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
sys.exit(0 if json.load(open(sys.argv[1]))["retry_at"] > now else 1)' "$CACHE/answer-health-pypi_django.json"
# Its retry time passed (as it would 2 s later): the record says a second ago.
redate "$CACHE/answer-health-pypi_django.json" "$(date -u -d '-1 second' +%Y-%m-%dT%H:%M:%SZ)" retry_at
run --fetch --export - --format json
check "short 429: asked again once the retry time has passed" test "$(asked "$DJANGO")" -gt "$n"
expect_eq "short 429: then live" "live ok" "$(hl pypi django source) $(hl pypi django status)"

# 3. Freshness honours daily_update: a health record fetched 2 h ago, before
#    an update an hour ago, is refetched; one fetched 30 min ago, after it,
#    is not. (A fixed 24 hours would keep both.)
fresh daily
update=$(date -u -d '-1 hour' +%H:%M)
sed -i "/id: deps-dev/,/max_response/ s/daily_update: .*/daily_update: \"$update\"/" "$DATA/sources.yaml"
check "the test's deps.dev updates daily at $update" grep -q "daily_update: \"$update\"" "$DATA/sources.yaml"
run --fetch --export - --format json
expect_eq "daily: express live first" "live" "$(hl npm express source)"
redate "$CACHE/health-npm_express.json" "$(date -u -d '-2 hours' +%Y-%m-%dT%H:%M:%SZ)"
redate "$CACHE/health-npm_fastify.json" "$(date -u -d '-30 minutes' +%Y-%m-%dT%H:%M:%SZ)"
e=$(asked "$EXPRESS") fy=$(asked /v3/systems/NPM/packages/fastify)
run --fetch --export - --format json
check "daily: fetched before the last update, express is asked again" test "$(asked "$EXPRESS")" -gt "$e"
expect_eq "daily: fetched after it, fastify is not" "$fy" "$(asked /v3/systems/NPM/packages/fastify)"
expect_eq "daily: fastify from the cache, fresh" "cache ok" "$(hl npm fastify source) $(hl npm fastify status)"

# 4. u on the dashboard: every download is asked again (a forced refresh),
#    no support window or package health still fresh.
fresh refresh
TM_ENV="XDG_CACHE_HOME=$XDG_CACHE_HOME VERSUS_NPM_API=$VERSUS_NPM_API VERSUS_PYPI_API=$VERSUS_PYPI_API VERSUS_EOL_API=$VERSUS_EOL_API VERSUS_DEPSDEV_API=$VERSUS_DEPSDEV_API"
tm_start 120 40 --data "$DATA"
TM_TIMEOUT=40 check "the start-up refresh ends" tm_wait "refreshed "
sleep 0.5
d=$(asked /v3/) w=$(asked /api/v1/products/) dl=$(asked /downloads/)
check "the start-up refresh asked deps.dev" test "$d" -gt 0
# Each download answered a second late: the refresh u starts stays on the
# header long enough to be seen (on loopback it can end between two looks).
set_faults '[{"match": "/downloads/", "late": 1}]'
tm_keys u
TM_TIMEOUT=40 check "u refreshes" tm_wait "refreshing "
TM_TIMEOUT=40 check "u's refresh ends" tm_wait "refreshed "
sleep 0.5
set_faults '[]'
check "u asks the downloads again" test "$(asked /downloads/)" -gt "$dl"
expect_eq "u asks deps.dev nothing still fresh" "$d" "$(asked /v3/)"
expect_eq "u asks endoflife.date nothing still fresh" "$w" "$(asked /api/v1/products/)"
tm_quit

t_done
