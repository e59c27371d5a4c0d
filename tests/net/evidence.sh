#!/usr/bin/env bash
# tests/net/evidence.sh: the evidence beyond downloads against the loopback
# server: `--fetch --export` carries the served support windows
# (endoflife.date, two requests) and package health (deps.dev, at most
# three requests a package, names percent-encoded) with source live; later
# runs read both from the cache; each fault (404, 429, 5xx, stall,
# malformed, oversized) degrades only its own figure; offline, the bundled
# snapshots show with their dates.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/netlib.bash"

serve_fast_data
run() { run_versus --data "$DATA" "$@"; }
fresh() { export XDG_CACHE_HOME="$T_TMP/cache.$1"; }

# q EXPR: evaluates a Python expression over the export in R_OUT, with
# rt(stack) the runtime entry, hl(eco, pkg) the health entry and st(eco,
# pkg) the download figure.
# One python answers them all (tests/lib.sh, py_json).
py_json_start
q() {
    py_json '
rt = lambda s: [x for x in d["runtimes"] if x["stack"] == s][0]
hl = lambda e, p: [x for x in d["health"] if x["ecosystem"] == e and x["package"] == p][0]
st = lambda e, p: [x for x in d["stats"] if x["ecosystem"] == e and x["package"] == p][0]
' "$1"
}

fresh live
run --fetch --export - --format json
expect_eq "--fetch exits 0" "0" "$R_STATUS"
expect_eq "Node.js: the served window, live" "26 live ok" \
    "$(q 'rt("node")["line"]["cycle"]') $(q 'rt("node")["source"]') $(q 'rt("node")["status"]')"
expect_eq "Python: the served line (3.15, newer than the bundled 3.14), live" "3.15 2031-10-01 live" \
    "$(q 'rt("python")["line"]["cycle"]') $(q 'rt("python")["line"]["eol"]') $(q 'rt("python")["source"]')"
check "the window's origin is the loopback URL" grep -q "^http://localhost:$S_PORT/api/v1/products/nodejs/$" \
    <<<"$(q 'rt("node")["origin"]')"
check "fetched_at is set" grep -qE '^20[0-9]{2}-[0-9]{2}-[0-9]{2}T' <<<"$(q 'rt("python")["fetched_at"]')"
expect_eq "two endoflife.date requests a refresh" "2" "$(requests_matching '/api/v1/products/')"
expect_eq "express: the served health, live" "5.3.0 MIT 0 github.com/expressjs/express 68412 8.1 live ok" \
    "$(q 'hl("npm","express")["version"]') $(q 'hl("npm","express")["license"]') $(q 'hl("npm","express")["advisories"]') $(q 'hl("npm","express")["repository"]') $(q 'hl("npm","express")["stars"]') $(q 'hl("npm","express")["scorecard"]') $(q 'hl("npm","express")["source"]') $(q 'hl("npm","express")["status"]')"
expect_eq "express: days since its release" \
    "$(( ($(date -u +%s) - $(date -u -d 2026-10-09 +%s)) / 86400 ))" "$(q 'hl("npm","express")["days_since_release"]')"
expect_eq "@nestjs/core: one advisory, its repository's stars" "1 73120" \
    "$(q 'hl("npm","@nestjs/core")["advisories"]') $(q 'hl("npm","@nestjs/core")["stars"]')"
expect_eq "django: from its SOURCE_REPO link" "BSD-3-Clause 2 github.com/django/django 84230" \
    "$(q 'hl("pypi","django")["license"]') $(q 'hl("pypi","django")["advisories"]') $(q 'hl("pypi","django")["repository"]') $(q 'hl("pypi","django")["stars"]')"
expect_eq "every package's health is live" "live" "$(q '" ".join(sorted({x["source"] for x in d["health"]}))')"
expect_eq "the downloads are live too" "live" "$(q '" ".join(sorted({x["source"] for x in d["stats"]}))')"
expect_eq "a scoped name is percent-encoded as one segment" "1" \
    "$(requests_matching '"/v3/systems/NPM/packages/%40nestjs%2Fcore"')"
expect_eq "so is its version and project" "1 1" \
    "$(requests_matching '/packages/%40nestjs%2Fcore/versions/12.5.1"') $(requests_matching '"/v3/projects/github.com%2Fnestjs%2Fnest"')"
check "at most three deps.dev requests a package" py_run '
import json, sys, collections, urllib.parse
n = collections.Counter()
for line in open(sys.argv[1]):
    p = json.loads(line)["path"]
    if p.startswith("/v3/systems/"):
        n[urllib.parse.unquote(p.split("/")[5])] += 1
    elif p.startswith("/v3/projects/"):
        n["project " + p] += 1
pk = [k for k in n if not k.startswith("project ")]
assert pk and all(n[k] <= 2 for k in pk), n
assert sum(n.values()) <= 3 * len(pk), n
' "$S_LOG"
before=$(requests)

# Later runs read both from the cache, with no request.
run --fetch --export - --format json
expect_eq "within a day: no request" "$before" "$(requests)"
expect_eq "within a day: the cached window" "3.15 cache ok" \
    "$(q 'rt("python")["line"]["cycle"]') $(q 'rt("python")["source"]') $(q 'rt("python")["status"]')"
expect_eq "within a day: the cached health" "68412 cache ok" \
    "$(q 'hl("npm","express")["stars"]') $(q 'hl("npm","express")["source"]') $(q 'hl("npm","express")["status"]')"
check "cache records are private" test -z "$(find "$XDG_CACHE_HOME/versus" -type f ! -perm 600)"
run --offline --export - --format md
expect_contains "Markdown: the cached health" "$R_OUT" "| Node.js | npm: express | 5.3.0, "

# fault_case NAME RULES: a fresh cache, one refresh with the rules.
fault_case() { fresh "$1"; set_faults "$2"; run --fetch --export - --format json; }

fault_case eol404 '[{"match": "/api/v1/products/python", "fault": "html404"}]'
expect_eq "eol 404 (HTML): Python's window not found, the bundled one kept" "not found bundled 3.14" \
    "$(q 'rt("python")["status"]') $(q 'rt("python")["source"]') $(q 'rt("python")["line"]["cycle"]')"
expect_eq "eol 404: Node.js still live" "live ok" "$(q 'rt("node")["source"]') $(q 'rt("node")["status"]')"
expect_eq "eol 404: health and downloads untouched" "live live" \
    "$(q 'hl("pypi","django")["source"]') $(q 'st("pypi","django")["source"]')"

fault_case eol429 '[{"match": "/api/v1/products/nodejs", "fault": "429"}]'
expect_eq "eol 429: rate-limited, bundled kept" "rate-limited bundled" \
    "$(q 'rt("node")["status"]') $(q 'rt("node")["source"]')"
expect_eq "eol 429: health untouched" "live" "$(q 'hl("npm","express")["source"]')"

fault_case eol500 '[{"match": "/api/v1/products/", "fault": "500"}]'
expect_eq "eol 500: both windows in error, bundled kept" "error error bundled" \
    "$(q 'rt("node")["status"]') $(q 'rt("python")["status"]') $(q 'rt("python")["source"]')"
expect_eq "eol 500: the detail says HTTP 500" "HTTP 500" "$(q 'rt("node")["detail"]')"
expect_eq "eol 500: downloads and health untouched" "live live" \
    "$(q 'st("npm","express")["source"]') $(q 'hl("npm","express")["source"]')"

fault_case eolstall '[{"match": "/api/v1/products/nodejs", "fault": "stall", "seconds": 5}]'
expect_eq "eol stall: timed out, bundled kept" "error timed out bundled" \
    "$(q 'rt("node")["status"]') $(q 'rt("node")["detail"]') $(q 'rt("node")["source"]')"
expect_eq "eol stall: Python live" "live" "$(q 'rt("python")["source"]')"

fault_case eolhuge '[{"match": "/api/v1/products/python", "fault": "huge"}]'
expect_eq "eol oversized: refused, bundled kept" "error bundled" "$(q 'rt("python")["status"]') $(q 'rt("python")["source"]')"
check "eol oversized: the detail names the cap" grep -q 'reply larger than 512 KiB' <<<"$(q 'rt("python")["detail"]')"

fault_case eolbad '[{"match": "/api/v1/products/nodejs", "fault": "malformed"}]'
expect_eq "eol malformed: not JSON, bundled kept" "error not JSON bundled" \
    "$(q 'rt("node")["status"]') $(q 'rt("node")["detail"]') $(q 'rt("node")["source"]')"

fault_case dd404 '[{"match": "/v3/systems/NPM/packages/express", "fault": "html404"}]'
expect_eq "deps.dev 404: express not found, its bundled figures kept" "not found bundled 5.3.0" \
    "$(q 'hl("npm","express")["status"]') $(q 'hl("npm","express")["source"]') $(q 'hl("npm","express")["version"]')"
expect_eq "deps.dev 404: other packages, windows and downloads untouched" "live live live" \
    "$(q 'hl("npm","fastify")["source"]') $(q 'rt("node")["source"]') $(q 'st("npm","express")["source"]')"

fault_case dd429 '[{"match": "/v3/systems/PYPI/packages/django", "fault": "429", "times": 1}]'
expect_eq "deps.dev 429: django rate-limited" "rate-limited" "$(q 'hl("pypi","django")["status"]')"
expect_eq "deps.dev 429: the windows untouched" "live" "$(q 'rt("python")["source"]')"

fault_case dd500 '[{"match": "/v3/projects/github.com%2Fexpressjs", "fault": "500"}]'
expect_eq "deps.dev 500 on the project: the version's figures live, the repository's failed" \
    "live ok 5.3.0 error null" \
    "$(q 'hl("npm","express")["source"]') $(q 'hl("npm","express")["status"]') $(q 'hl("npm","express")["version"]') $(q 'hl("npm","express")["repository_status"]') $(q 'hl("npm","express")["stars"]')"

fault_case ddstall '[{"match": "/v3/systems/NPM/packages/fastify/versions", "fault": "stall", "seconds": 5}]'
expect_eq "deps.dev stall: fastify timed out, others live" "error timed out live" \
    "$(q 'hl("npm","fastify")["status"]') $(q 'hl("npm","fastify")["detail"]') $(q 'hl("npm","express")["source"]')"

fault_case ddbad '[{"match": "/v3/systems/PYPI/packages/django/versions", "fault": "malformed"}]'
expect_eq "deps.dev malformed: django in error, nothing taken" "error none" \
    "$(q 'hl("pypi","django")["status"]') $(q 'hl("pypi","django")["source"]')"

fault_case ddhuge '[{"match": "/v3/systems/NPM/packages/undici", "fault": "huge"}]'
check "deps.dev oversized: refused with the cap" grep -q 'reply larger than 1024 KiB' <<<"$(q 'hl("npm","undici")["detail"]')"
expect_eq "deps.dev oversized: the rest live" "live" "$(q 'hl("npm","ws")["source"]')"
set_faults '[]'

# Offline: the bundled snapshots of both, with their dates.
fresh offline
run --offline --export - --format json
expect_eq "offline: the bundled window, dated" "bundled 2026-08-22" "$(q 'rt("node")["source"]') $(q 'rt("node")["as_of"]')"
expect_eq "offline: the bundled health, dated" "bundled 2026-12-02 5.3.0" \
    "$(q 'hl("npm","express")["source"]') $(q 'hl("npm","express")["as_of"]') $(q 'hl("npm","express")["version"]')"

# On a terminal, --fetch says where the windows and the health stand.
fresh tty
script -qec "'$VERSUS_BIN' --data '$DATA' --fetch --export '$T_TMP/out.json'" /dev/null > "$T_TMP/tty.txt" 2>&1
check "--fetch: the support window line" grep -q 'support window: Node.js 26 LTS, end of life 2029-04-30 (live, fetched' "$T_TMP/tty.txt"
check "--fetch: the package health line" grep -q 'package health: [0-9]* packages: [0-9]* live' "$T_TMP/tty.txt"
t_done
