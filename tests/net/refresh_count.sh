#!/usr/bin/env bash
# tests/net/refresh_count.sh: one refresh of the shipped data, with the
# shipped sources.yaml, against the loopback server: the requests follow the
# bulk and scoped rules (every unscoped npm name in one bulk request, each
# scoped name alone and unencoded, one pypistats request per project, names
# normalised) and stay within pypistats' limits of 5 a second and 30 a
# minute.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/netlib.bash"

start_server
run_versus --fetch --export "$T_TMP/out.json" --format json
expect_eq "refresh exits 0" "0" "$R_STATUS"

report=$(python3 - "$T_TMP/out.json" "$S_LOG" <<'EOF'
import json, re, sys, urllib.parse
stats = json.load(open(sys.argv[1]))["stats"]
log = [json.loads(line) for line in open(sys.argv[2])]
npm = sorted({s["package"] for s in stats if s["ecosystem"] == "npm"})
pypi = sorted({re.sub(r"[-_.]+", "-", s["package"]).lower() for s in stats if s["ecosystem"] == "pypi"})
scoped = [n for n in npm if n.startswith("@")]
unscoped = [n for n in npm if not n.startswith("@")]
prefix = "/downloads/range/last-month/"
npm_reqs = [e for e in log if e["path"].startswith(prefix)]
pypi_reqs = [e for e in log if e["path"].startswith("/api/packages/")]
bulk = [e["path"][len(prefix):].split(",") for e in npm_reqs if "," in e["path"]]
single = [e["path"][len(prefix):] for e in npm_reqs if "," not in e["path"]]
def out(key, value):
    print(f"{key}={value}")
out("other", len(log) - len(npm_reqs) - len(pypi_reqs))
out("npm_total", len(npm_reqs))
out("npm_expected", (1 if unscoped else 0) + len(scoped))
out("bulk_requests", len(bulk))
out("bulk_names_match", sorted(sum(bulk, [])) == unscoped)
out("scoped_in_bulk", sum(1 for names in bulk for n in names if n.startswith("@")))
out("scoped_alone", sorted(single) == sorted(scoped))
out("pypi_total", len(pypi_reqs))
out("pypi_projects", len(pypi))
got = sorted(urllib.parse.urlsplit(e["path"]).path.split("/")[3] for e in pypi_reqs)
out("pypi_names_match", got == pypi)
out("pypi_mirrors_false", all(urllib.parse.urlsplit(e["path"]).query == "mirrors=false" for e in pypi_reqs))
times = sorted(e["t"] for e in pypi_reqs)
out("pypi_max_per_second", max((sum(1 for u in times if t <= u < t + 1.0) for t in times), default=0))
out("pypi_max_per_minute", max((sum(1 for u in times if t <= u < t + 60.0) for t in times), default=0))
out("user_agents", ",".join(sorted({e["ua"] for e in log})))
out("connections", len({e["port"] for e in log}))
EOF
)
get() { sed -n "s/^$1=//p" <<<"$report"; }

expect_eq "only API requests" "0" "$(get other)"
expect_eq "npm: one bulk request for every unscoped name" "1" "$(get bulk_requests)"
expect_eq "npm: the bulk request names exactly the unscoped packages" "True" "$(get bulk_names_match)"
expect_eq "npm: no scoped name in a bulk request" "0" "$(get scoped_in_bulk)"
expect_eq "npm: each scoped name asked for alone, unencoded" "True" "$(get scoped_alone)"
expect_eq "npm: requests = 1 bulk + scoped names" "$(get npm_expected)" "$(get npm_total)"
expect_eq "pypistats: one request per project" "$(get pypi_projects)" "$(get pypi_total)"
expect_eq "pypistats: PEP 503 names" "True" "$(get pypi_names_match)"
expect_eq "pypistats: overall without mirrors" "True" "$(get pypi_mirrors_false)"
check "pypistats: at most 30 requests a minute ($(get pypi_max_per_minute))" test "$(get pypi_max_per_minute)" -le 30
# Under valgrind (tests/valgrind.sh sets VERSUS_SLOW_RUN) connections open
# so slowly that requests started a second apart can reach the server
# bunched up; the spacing versus keeps is only measurable at native speed.
if [ -n "${VERSUS_SLOW_RUN:-}" ]; then
    ok "pypistats: at most 5 requests a second # SKIP arrival times are not versus's under $VERSUS_SLOW_RUN"
else
    check "pypistats: at most 5 requests a second ($(get pypi_max_per_second))" test "$(get pypi_max_per_second)" -le 5
fi
check "the shipped data fits one pypistats minute" test "$(get pypi_projects)" -le 30
expect_eq "User-Agent" "versus/$("$VERSUS_BIN" --version | awk '{print $2}')" "$(get user_agents)"
check "connections are reused ($(get connections) for $(requests) requests)" \
    test "$(get connections)" -lt "$(requests)"
echo "# requests: $(requests) ($(get npm_total) npm, $(get pypi_total) pypistats)"
