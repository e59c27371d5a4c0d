#!/usr/bin/env bash
# decide.sh: the command line's decision aids — --compare-presets against one
# --preset export per preset, and the figures each export carries.
source "$(dirname "$0")/../lib.sh"
# The python snippets run in one python (tests/lib.sh, py_run).
py_start

# ---- --compare-presets ----

tsv="$T_TMP/compare.tsv"
"$VERSUS_BIN" --offline --compare-presets --weight ai-data=9 > "$tsv"
check "--compare-presets exits 0" test $? -eq 0
expect_eq "the header names each stack's total, the verdict, margin and robustness" \
    "$(printf 'scenario\tnode total\tpython total\tverdict\tmargin\trobustness')" "$(head -n 1 "$tsv")"
expect_eq "one line for the defaults, each preset and the current weights" \
    "$(( $("$VERSUS_BIN" --list-presets | wc -l) + 3 ))" "$(wc -l < "$tsv")"
expect_eq "the defaults come first, the current weights last" "defaults current" \
    "$(sed -n '2p;$p' "$tsv" | cut -f1 | xargs)"

# Each row against a headless JSON export of the same weights.
row_from_export() { # ARGS...: the row a JSON export with ARGS implies
    py_run '
import json, sys
d = json.loads(sys.argv[1])
v = d["verdict"]
totals = ["%.1f" % s["total"] for s in d["stacks"]]
share = v["robustness"]["win_share"][v["leader"]]
print("\t".join(totals + [v["winner"], "%.1f" % v["margin"], "%.4f" % share]))' \
        "$("$VERSUS_BIN" --offline --export - --format json "$@")"
}
for p in $("$VERSUS_BIN" --list-presets | awk '{print $1}'); do
    expect_eq "--compare-presets agrees with --preset $p --export" \
        "$(row_from_export --preset "$p")" "$(grep -P "^$p\t" "$tsv" | cut -f2-)"
done
expect_eq "the current row agrees with the export of the current weights" \
    "$(row_from_export --weight ai-data=9)" "$(tail -n 1 "$tsv" | cut -f2-)"
expect_eq "the defaults row agrees with the export of the defaults" \
    "$(row_from_export)" "$(sed -n 2p "$tsv" | cut -f2-)"
"$VERSUS_BIN" --offline --compare-presets --export - >/dev/null 2>&1
expect_eq "--compare-presets with --export is a usage error" 2 $?

# ---- robustness options ----

json=$("$VERSUS_BIN" --offline --export - --format json --samples 500 --spread 1.5 --seed 42)
check "the JSON export records the robustness model" py_run '
import json, sys
r = json.loads(sys.argv[1])["verdict"]["robustness"]
assert (r["samples"], r["spread"], r["seed"]) == (500, 1.5, 42), r
assert abs(sum(r["win_share"].values()) - 1) < 1e-3
assert r["flip"]["points"] == sum(abs(m["delta"]) for m in r["flip"]["moves"])' "$json"
again=$("$VERSUS_BIN" --offline --export - --format json --samples 500 --spread 1.5 --seed 42)
expect_eq "the same seed gives the same figures" \
    "$(grep -A12 '"robustness"' <<< "$json")" "$(grep -A12 '"robustness"' <<< "$again")"
"$VERSUS_BIN" --offline --export - --samples 0 >/dev/null 2>&1
expect_eq "--samples 0 is a usage error" 2 $?
"$VERSUS_BIN" --offline --export - --spread 2x >/dev/null 2>&1
expect_eq "--spread 2x is a usage error" 2 $?

# ---- the decision record ----

adr=$(USER=grace "$VERSUS_BIN" --offline --preset fintech-analytics --format adr --export -)
check "--format adr exits 0" test $? -eq 0
check "the ADR has the MADR 4.0 front matter and headings, in order" py_run '
import re, sys
doc = sys.argv[1]
assert re.match(r"---\nstatus: proposed\ndate: \d{4}-\d\d-\d\d\ndecision-makers: \"grace\"\n---\n\n# ", doc), doc[:200]
heads = [l for l in doc.split("\n") if l.startswith("#")]
want = ["## Context and Problem Statement", "## Decision Drivers", "## Considered Options",
        "## Decision Outcome", "### Consequences", "### Confirmation",
        "## Pros and Cons of the Options", "### Node.js", "### Python",
        "### Hybrid: each stack where it is strongest", "## More Information"]
assert heads[1:] == want, heads' "$adr"
winner=$(py_run 'import json, sys; print(json.loads(sys.argv[1])["verdict"]["winner"])' \
    "$("$VERSUS_BIN" --offline --preset fintech-analytics --format json --export -)")
expect_eq "the chosen option is the verdict's winner" "python" "$winner"
expect_contains "... and the ADR chooses it" "$adr" 'Chosen option: "Python", because'
cmd=$(printf '%s\n' "$adr" | grep -E '^versus --weight ')
reproduced=$(eval "\"\$VERSUS_BIN\" --offline ${cmd#versus } " | grep '^Chosen option')
expect_eq "the command under More Information reproduces the outcome" \
    "$(printf '%s\n' "$adr" | grep '^Chosen option')" "$reproduced"
adr=$("$VERSUS_BIN" --offline --author "Team Blue" --format adr --export -)
expect_contains "--author names the decision-makers" "$adr" 'decision-makers: "Team Blue"'

# ---- team weights ----

"$VERSUS_BIN" --offline --author alice --weight ai-data=10 --weight full-stack=2 --export "$T_TMP/a.json" --format json
"$VERSUS_BIN" --offline --author bob --weight ai-data=3 --weight io-concurrency=10 --export "$T_TMP/b.json" --format json
USER=carol "$VERSUS_BIN" --offline --preset hybrid --export "$T_TMP/c.json" --format json
check "a snapshot records its author" py_run '
import json, sys; assert json.load(open(sys.argv[1]))["author"] == "carol"' "$T_TMP/c.json"
# team_py HOW TEAM SNAPSHOT...: the team export against its members' snapshots.
IFS= read -r -d '' team_py <<'PY'
import json, statistics, subprocess, sys, os
how, team = sys.argv[1], json.loads(sys.argv[2])
members = [json.load(open(p)) for p in sys.argv[3:]]
ids = [c["id"] for c in team["criteria"]]
own = [{c["id"]: c["weight"] for c in m["criteria"]} for m in members]
combine = statistics.mean if how == "mean" else statistics.median
want = {i: combine([o[i] for o in own]) for i in ids}
got = {c["id"]: c["weight"] for c in team["criteria"]}
for i in ids:
    assert abs(got[i] - want[i]) < 1e-9, (i, got[i], want[i])
    assert abs(team["team"]["combined"][i] - want[i]) < 1e-9
    sp = team["team"]["spread"][i]
    ws = [o[i] for o in own]
    assert (sp["min"], sp["max"]) == (min(ws), max(ws)), (i, sp)
    assert abs(sp["stdev"] - statistics.pstdev(ws)) < 1e-4, (i, sp)
wsum = sum(want.values())
for s in team["stacks"]:
    total = sum(want[c["id"]] * c["scores"][s["id"]] for c in team["criteria"]) * 10 / wsum
    assert abs(total - s["total"]) < 0.05 + 1e-9, (s["id"], total, s["total"])
assert [m["author"] for m in team["team"]["members"]] == ["alice", "bob", "carol"]
for m, snap in zip(team["team"]["members"], members):
    assert m["winner"] == snap["verdict"]["winner"], (m, snap["verdict"]["winner"])
    assert m["weights"] == {c["id"]: c["weight"] for c in snap["criteria"]}
sds = {i: statistics.pstdev([o[i] for o in own]) for i in ids}
assert team["team"]["most_disputed"] == max(ids, key=lambda i: (sds[i], -ids.index(i)))
assert team["team"]["combine"] == how and team["team"]["adjusted"] is False
PY
for how in mean median; do
    team=$("$VERSUS_BIN" --offline --team "$T_TMP/a.json" --team "$T_TMP/b.json" --team "$T_TMP/c.json" \
        --combine "$how" --format json --export -)
    check "--team --combine $how: combined weights, totals, spread and winners as the formula gives" \
        py_run "$team_py" "$how" "$team" "$T_TMP/a.json" "$T_TMP/b.json" "$T_TMP/c.json"
done
md=$("$VERSUS_BIN" --offline --team "$T_TMP/a.json" --team "$T_TMP/b.json" --team "$T_TMP/c.json" --export -)
expect_contains "the Markdown export has a team section" "$md" "## Team"
expect_contains "... naming each member's own winner" "$md" "| *Own winner* |"
adjusted=$(py_run 'import json, sys; print(json.loads(sys.argv[1])["team"]["adjusted"])' \
    "$("$VERSUS_BIN" --offline --team "$T_TMP/a.json" --team "$T_TMP/b.json" --weight cpu-bound=9 \
    --format json --export -)")
expect_eq "--weight after --team adjusts the combined weights" "True" "$adjusted"
"$VERSUS_BIN" --offline --team "$T_TMP/a.json" --export - >/dev/null 2>&1
expect_eq "one --team snapshot is a usage error" 2 $?
# A team's export is the record of the team's decision, not a snapshot.
"$VERSUS_BIN" --offline --team "$T_TMP/a.json" --team "$T_TMP/b.json" --format json --export "$T_TMP/team.json"
err=$("$VERSUS_BIN" --offline --load "$T_TMP/team.json" --export - 2>&1 >/dev/null)
expect_eq "--load of a team's export is bad data" 65 $?
line=$(grep -n '^  "team"' "$T_TMP/team.json" | cut -d: -f1)
check "... at its \"team\" key, saying what to do instead" \
    bash -c '[[ $1 =~ team\.json:$2:[0-9]+:\ a\ team.s\ export,\ not\ one\ member.s\ snapshot:\ give\ the\ members.\ own\ snapshots\ to\ --team ]]' _ "$err" "$line"
err=$("$VERSUS_BIN" --offline --team "$T_TMP/team.json" --team "$T_TMP/c.json" --export - 2>&1 >/dev/null)
expect_eq "a team's export as a member is bad data" 65 $?
expect_contains "... saying so" "$err" "a team's export, not one member's snapshot"
printf '{"versus_snapshot": 1, "criteria": []}' > "$T_TMP/bad.json"
err=$("$VERSUS_BIN" --offline --team "$T_TMP/a.json" --team "$T_TMP/bad.json" --export - 2>&1 >/dev/null)
expect_eq "a bad member snapshot is bad data" 65 $?
expect_contains "... named with its file" "$err" "$T_TMP/bad.json:"

t_done
