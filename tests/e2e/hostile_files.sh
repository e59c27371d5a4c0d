#!/usr/bin/env bash
# hostile_files.sh: files that are not what they seem, as someone else on the
# machine could plant them. A FIFO in place of any file versus reads (data,
# --load, theme, state, cache) is refused at once, never waited on; planted
# symlinks never make versus write its state through them; an unusable
# state file is moved aside only when the dashboard really replaces it; its
# directories are tightened to 0700; long names and empty --data behave.
# Every run is under `timeout`, so a hang fails instead of stalling.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

T=10
data="$T_TMP/data"
cp -r "$VERSUS_ROOT/data" "$data"
fifo="$T_TMP/fifo"
mkfifo "$fifo"

# ---- every read path: a FIFO is "not a regular file", at once ---------------
run_versus_t() { R_OUT=$(timeout $T "$VERSUS_BIN" "$@" 2>"$T_TMP/stderr"); R_STATUS=$?; R_ERR=$(cat "$T_TMP/stderr"); }
for f in stacks criteria presets settings snapshot sources; do
    rm -rf "$T_TMP/d-$f"
    cp -r "$data" "$T_TMP/d-$f"
    rm "$T_TMP/d-$f/$f.yaml"
    mkfifo "$T_TMP/d-$f/$f.yaml"
    run_versus_t --data "$T_TMP/d-$f" --offline --export -
    expect_eq "$f.yaml as a FIFO: exit 65, no hang" 65 "$R_STATUS"
    expect_contains "$f.yaml as a FIFO: says so" "$R_ERR" "$T_TMP/d-$f/$f.yaml: not a regular file"
done
R_OUT=$(timeout $T "$VERSUS_BIN" --data "$data" --offline --load "$fifo" --export - 2>"$T_TMP/stderr")
R_STATUS=$?
expect_eq "--load FIFO: exit 74, no hang" 74 "$R_STATUS"
expect_contains "--load FIFO: says so" "$(cat "$T_TMP/stderr")" "$fifo: not a regular file"
R_OUT=$(timeout $T "$VERSUS_BIN" --load /dev/zero --export - 2>"$T_TMP/stderr")
expect_eq "--load /dev/zero: exit 74" 74 "$?"
expect_contains "--load /dev/zero: says so" "$(cat "$T_TMP/stderr")" "/dev/zero: not a regular file"
mkfifo "$T_TMP/theme.yaml"
timeout $T "$VERSUS_BIN" --data "$data" --offline --theme "$T_TMP/theme.yaml" </dev/null >/dev/null 2>"$T_TMP/stderr"
expect_eq "--theme FIFO: exit 65, no hang" 65 "$?"
expect_contains "--theme FIFO: says so" "$(cat "$T_TMP/stderr")" "$T_TMP/theme.yaml: not a regular file"

# A cache record that is a FIFO, or a link to one: refused, the bundled
# figures are used, and the export still comes out.
cache="$XDG_CACHE_HOME/versus"
mkdir -p "$cache"
mkfifo "$cache/npm_express.json"
ln -s "$fifo" "$cache/npm_fastify.json"
R_OUT=$(timeout $T "$VERSUS_BIN" --data "$data" --offline --export - --format json 2>"$T_TMP/stderr")
expect_eq "cache records as FIFOs: the export works, no hang" 0 "$?"
expect_contains "cache records as FIFOs: the export is complete" "$R_OUT" '"verdict"'
rm -f "$cache/npm_express.json" "$cache/npm_fastify.json"

# ---- the state file ---------------------------------------------------------
state="$XDG_CONFIG_HOME/versus/state.yaml"
mkdir -p "$(dirname "$state")"

# Unusable, and the dashboard cannot run (no terminal): left where it is.
echo "version: [" > "$state"
timeout $T "$VERSUS_BIN" --data "$data" --offline </dev/null >/dev/null 2>"$T_TMP/stderr"
expect_eq "no terminal: exit 2" 2 "$?"
expect_eq "no terminal: the bad state file is left in place" "version: [" "$(cat "$state")"
check "no terminal: no state.yaml.bad" test ! -e "$state.bad"

# In the dashboard, each planted thing in state.yaml's place is refused with
# a warning, moved aside, and replaced by a regular file; what a link points
# at is never written.
echo "precious" > "$T_TMP/elsewhere"
# A valid state file elsewhere: a link to it must not be read either.
first=$("$VERSUS_BIN" --list-criteria | awk 'NR == 1 {print $1}')
printf 'version: 1\npreset: null\nweights:\n  "%s": 0\n' "$first" > "$T_TMP/elsewhere-state.yaml"
cp "$T_TMP/elsewhere-state.yaml" "$T_TMP/elsewhere-state.orig"
for kind in fifo link-fifo link-file link-null link-state; do
    rm -f "$state" "$state.bad"
    case $kind in
    fifo) mkfifo "$state" ;;
    link-fifo) ln -s "$fifo" "$state" ;;
    link-file) ln -s "$T_TMP/elsewhere" "$state" ;;
    link-null) ln -s /dev/null "$state" ;;
    link-state) ln -s "$T_TMP/elsewhere-state.yaml" "$state" ;;
    esac
    tm_start 120 40 --data "$data" --offline
    check "state.yaml as $kind: the dashboard starts" tm_wait "Verdict: "
    check "state.yaml as $kind: a warning says why" tm_wait "saved state ignored"
    check "state.yaml as $kind: q quits" tm_quit
    check "state.yaml as $kind: now a regular file" test -f "$state" -a ! -L "$state"
    check "state.yaml as $kind: holds the state" grep -q '^version: 1' "$state"
    check "state.yaml as $kind: the old one is kept as .bad" test -L "$state.bad" -o -p "$state.bad"
done
expect_eq "the link's target was never written" "precious" "$(cat "$T_TMP/elsewhere")"
check "a link to a valid state was neither read nor written" cmp -s "$T_TMP/elsewhere-state.yaml" "$T_TMP/elsewhere-state.orig"
lacks_weight() { ! grep -q "\"$first\": 0\$" "$state"; }
check "... its weights were not used" lacks_weight

check "the FIFO is still a FIFO" test -p "$fifo"
check "/dev/null is still a device" test -c /dev/null

# A saved theme that has become a FIFO: a warning, the default look, no hang.
rm -f "$state" "$state.bad"
printf 'version: 1\ntheme: "%s"\n' "$T_TMP/theme.yaml" > "$state"
chmod 600 "$state"
tm_start 120 40 --data "$data" --offline
check "a saved theme as a FIFO: the dashboard starts" tm_wait "Verdict: "
check "a saved theme as a FIFO: a warning names it" tm_wait "theme.yaml: not a regular file"
check "a saved theme as a FIFO: q quits" tm_quit

# ---- directories --------------------------------------------------------------
chmod 0777 "$XDG_CONFIG_HOME/versus"
tm_start 120 40 --data "$data" --offline
check "a world-writable config directory: starts" tm_wait "Verdict: "
check "q quits" tm_quit
expect_eq "the config directory is tightened to 0700" 700 "$(stat -c %a "$XDG_CONFIG_HOME/versus")"

# ---- names --------------------------------------------------------------------
long=$(printf 'n%.0s' $(seq 245)).md
run_versus --data "$data" --offline --export "$T_TMP/$long"
expect_eq "a 248-character export name: exit 0" 0 "$R_STATUS"
expect_eq "a 248-character export name: no error" "" "$R_ERR"
check "a 248-character export name: the file is written" test -s "$T_TMP/$long"
expect_eq "a 248-character export name: no temp file left" "" "$(ls -A "$T_TMP" | grep '^\.' || true)"

run_versus --data '' --offline --export -
expect_eq "--data '': a usage error" 2 "$R_STATUS"
expect_contains "--data '': says so" "$R_ERR" "--data needs a directory"
check "--data '': nothing on stdout" test -z "$R_OUT"

# ---- the export dialog never freezes on a FIFO ------------------------------------
tm_start 120 40 --data "$data" --offline
check "export to a FIFO: starts" tm_wait "Verdict: "
tm_keys e
check "export to a FIFO: the dialog opens" tm_wait "Export a snapshot"
tm_keys C-u
tm_keys -l "$fifo"
tm_keys Enter
check "export to a FIFO: asks before writing over it" tm_wait "overwrite it? (y/n)"
tm_keys y
check "export to a FIFO: refused with a message" tm_wait "nothing is reading this FIFO"
tm_keys Escape
check "export to a FIFO: the dialog closes" tm_wait_gone "Export a snapshot"
tm_keys Down 7
check "export to a FIFO: the dashboard still answers keys" tm_wait "weight 7 "
check "export to a FIFO: q quits" tm_quit
check "the FIFO is left a FIFO" test -p "$fifo"

# ---- text from outside never reaches the terminal raw --------------------------
# An id in a --load file holding an OSC sequence (sets the window title) and a
# bidi override, 5,000 characters long: escaped and cut in the message.
IFS= read -r -d '' evil_py <<'PY'
import json, sys
evil = "\x1b]0;pwned\x07\u202e" + "x" * 5000
with open(sys.argv[1], "w") as f:
    json.dump({"versus_snapshot": 1, "criteria": [{"id": evil, "weight": 5}], "preset": None}, f)
PY
py_run "$evil_py" "$T_TMP/evil.json"
timeout $T "$VERSUS_BIN" --data "$data" --offline --load "$T_TMP/evil.json" --export - >/dev/null 2>"$T_TMP/stderr"
expect_eq "an escape in a --load id: exit 65" 65 "$?"
check "an escape in a --load id: no ESC on stderr" bash -c "! grep -q \$'\\x1b' '$T_TMP/stderr'"
check "an escape in a --load id: no bidi override on stderr" bash -c "! grep -q \$'\\xe2\\x80\\xae' '$T_TMP/stderr'"
expect_contains "an escape in a --load id: shown escaped" "$(cat "$T_TMP/stderr")" "unknown criterion '\\x1b]0;pwned\\x07\\u202exxx"
check "an escape in a --load id: the message is bounded" test "$(wc -c < "$T_TMP/stderr")" -lt 400

# Cache fields (period, url) holding escapes: the record is not trusted, and
# no export carries an ESC.
IFS= read -r -d '' evil_cache_py <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    json.dump({"versus_cache": 1, "ecosystem": "npm", "package": "express", "status": "ok",
               "detail": None, "checked_at": "2026-11-27T10:00:00Z", "retry_at": None,
               "figures": {"last_week": 1, "last_month": 99999, "daily": [], "series_end": None,
                           "period": "2026-10-01\x1b]0;pwned\x07..2026-10-30",
                           "url": "https://evil.example/\x1b[2J", "fetched_at": "2026-11-27T10:00:00Z"}}, f)
PY
py_run "$evil_cache_py" "$cache/npm_express.json"
chmod 600 "$cache/npm_express.json"
for fmt in md csv json; do
    timeout $T "$VERSUS_BIN" --data "$data" --offline --export "$T_TMP/out.$fmt" 2>"$T_TMP/stderr"
    expect_eq "escapes in a cache record: $fmt export works" 0 "$?"
    check "escapes in a cache record: no ESC in the $fmt export" bash -c "! grep -q \$'\\x1b' '$T_TMP/out.$fmt'"
    check "escapes in a cache record: no ESC on stderr" bash -c "! grep -q \$'\\x1b' '$T_TMP/stderr'"
done
check "escapes in a cache record: its figures are not used" bash -c "! grep -q '99,999' '$T_TMP/out.md'"
rm -f "$cache/npm_express.json"

t_done
