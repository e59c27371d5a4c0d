# tests/lib.sh: helpers for the shell-driven tests. Source it; each check
# prints one TAP line ("ok - name" / "not ok - name") that tests/run.sh counts.
# A script ends with t_done, which prints the plan ("1..N"): a script that
# stops before its end prints none, and the runner counts that as a failure.
# Every test runs with a private HOME and XDG directories, a fixed TZ and
# locale, so nothing from the developer's machine leaks in.
set -u
: "${VERSUS_ROOT:=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
: "${VERSUS_BIN:=$VERSUS_ROOT/build/versus}"
: "${VERSUS_BUILD:=$VERSUS_ROOT/build}"
T_TMP=$(mktemp -d "${TMPDIR:-/tmp}/versus-t.XXXXXX")
export HOME="$T_TMP/home" XDG_CONFIG_HOME="$T_TMP/home/.config" XDG_CACHE_HOME="$T_TMP/home/.cache"
export TZ=UTC LANG=C.UTF-8 LC_ALL=C.UTF-8
unset NO_COLOR VERSUS_DATA_DIR VERSUS_NPM_API VERSUS_PYPI_API
# The support-window and package-health sources go to a loopback port
# nobody serves unless a test points them at its server: no test reaches
# the real services.
export VERSUS_EOL_API="http://127.0.0.1:9/api" VERSUS_DEPSDEV_API="http://127.0.0.1:9"
mkdir -p "$HOME"
# python3 is the interpreter `python3` finds, looked up once (tests/run.sh
# exports it for every test): a version manager's shim on the PATH (pyenv's
# is a shell script) costs about a quarter of a second a start, and the
# tests start python several hundred times. It runs with -S (no site
# module): the tests' scripts need only the standard library, and the
# site-packages an installation carries (.pth files run at every start)
# can cost more than the script itself.
if [ -z "${VERSUS_PYTHON:-}" ] || [ ! -x "$VERSUS_PYTHON" ]; then
    VERSUS_PYTHON=$(command python3 -c 'import sys; print(sys.executable)' 2>/dev/null)
    [ -x "$VERSUS_PYTHON" ] || VERSUS_PYTHON=$(command -v python3)
    export VERSUS_PYTHON
fi
python3() { "$VERSUS_PYTHON" -S "$@"; }
T_CLEANUP=()
t_cleanup() {
    local c
    for c in "${T_CLEANUP[@]+"${T_CLEANUP[@]}"}"; do eval "$c" >/dev/null 2>&1; done
    rm -rf "$T_TMP"
}
trap t_cleanup EXIT

T_COUNT=0
ok()     { T_COUNT=$((T_COUNT + 1)); echo "ok - $*"; }
not_ok() { T_COUNT=$((T_COUNT + 1)); echo "not ok - $*"; }
# skip NAME WHY: a check that cannot run here, reported as skipped.
skip()   { T_COUNT=$((T_COUNT + 1)); echo "ok - $1 # SKIP $2"; }
# t_done: the last line of every test script.
t_done() { echo "1..$T_COUNT"; }

# t_sleep SECONDS: a pause without starting a process (a read that times
# out on a pipe nobody writes to): the polling loops pause thousands of
# times a run, and a sleep process each time cost more than the pauses.
exec {T_SLEEP_FD}<> <(:)
t_sleep() { read -r -t "$1" -u "$T_SLEEP_FD" _; return 0; }

# t_sanitized: true when VERSUS_BIN is built with AddressSanitizer (make
# check's build/asan).
t_sanitized() { grep -qaF __asan_init "$VERSUS_BIN"; }

# check NAME COMMAND...: passes when the command succeeds.
check() {
    local name=$1; shift
    if "$@"; then ok "$name"; else not_ok "$name"; fi
}

# expect_eq NAME EXPECTED ACTUAL
expect_eq() {
    if [ "$2" == "$3" ]; then ok "$1"; else not_ok "$1"; echo "#   expected: $2"; echo "#   actual:   $3"; fi
}

# expect_contains NAME HAYSTACK NEEDLE
expect_contains() {
    if [[ "$2" == *"$3"* ]]; then ok "$1"; else not_ok "$1"; echo "#   missing: $3"; echo "#   in: ${2:0:2000}"; fi
}

# run_versus ARGS...: runs the binary, capturing stdout, stderr and status
# into R_OUT, R_ERR, R_STATUS.
run_versus() {
    R_OUT=$("$VERSUS_BIN" "$@" 2>"$T_TMP/stderr")
    R_STATUS=$?
    read_file R_ERR "$T_TMP/stderr"
}

# read_file VAR FILE: FILE's text into VAR as $(cat FILE) would give it
# (trailing newlines dropped), without a process.
read_file() {
    IFS= read -r -d '' "$1" < "$2"
    while [[ ${!1} == *$'\n' ]]; do printf -v "$1" '%s' "${!1%$'\n'}"; done
}

# py_start: starts one python that py_json and py_run ask (a python start
# costs more than most questions, and some tests ask a hundred). Call it
# from the script itself, not from a $(...), which would take the python
# with it. One request: a line "KIND LENGTH..." (in bytes), then the fields.
PY_SERVER='
import contextlib, io, json, sys, traceback
inp, out = sys.stdin.buffer, sys.stdout.buffer
cached = [None, None]  # py_json: the text of the last document, and the document
codes = {}  # each script, expression and definitions compiled once
def code(text, mode):
    key = (text, mode)
    if key not in codes:
        codes[key] = compile(text, "<string>", mode)
    return codes[key]
while True:
    head = inp.readline().split()
    if not head:
        break
    kind = head[0].decode()
    fields = [inp.read(int(n)).decode("utf-8", "surrogateescape") for n in head[1:]]
    buf, status = io.StringIO(), 0
    sys.stdin = io.StringIO("")
    try:
        with contextlib.redirect_stdout(buf):
            if kind == "json":
                path, defs, expr = fields
                ns = {"json": json, "sys": sys}
                with open(path, "rb") as f:
                    text = f.read()
                if text != cached[0]:
                    cached[:] = [text, json.loads(text.decode("utf-8"))]
                ns["d"] = cached[1]
                exec(code(defs, "exec"), ns)
                v = eval(code(expr, "eval"), ns)
                print("null" if v is None else v)
            else:
                sys.argv = ["-c"] + fields[1:]
                exec(code(fields[0], "exec"), {"__name__": "__main__"})
    except SystemExit as e:
        if e.code is None or isinstance(e.code, int):
            status = e.code or 0
        else:
            print(e.code, file=sys.stderr)
            status = 1
    except BaseException:
        traceback.print_exc()
        status = 1
    if kind == "json" and status:
        buf = io.StringIO()
    sys.stderr.flush()
    res = buf.getvalue().encode("utf-8", "surrogateescape")
    out.write(b"%d %d\n" % (status, len(res)) + res)
    out.flush()
'
py_start() {
    [ -n "${PY_PID:-}" ] && return 0
    coproc PY { exec "$VERSUS_PYTHON" -S -c "$PY_SERVER"; }
    T_CLEANUP+=("kill $PY_PID")
}
py_json_start() { py_start; }
# py_ask KIND FIELD...: one request; prints the answer, returns its status.
# Where the python is out of reach (not started, or in a pipeline, whose
# subshells do not get its pipes), a python of its own answers.
py_ask() {
    local LC_ALL=C head=$1 f status n out=""
    shift
    for f in "$@"; do head+=" ${#f}"; done
    if [ -n "${PY[1]:-}" ] && { : >&"${PY[1]}"; } 2>/dev/null; then
        printf '%s\n' "$head" >&"${PY[1]}"
        printf '%s' "$@" >&"${PY[1]}"
        read -r -u "${PY[0]}" status n || return 1
        [ "$n" -eq 0 ] || IFS= read -r -d '' -N "$n" -u "${PY[0]}" out
    else
        out=$({ printf '%s\n' "$head"; printf '%s' "$@"; } | "$VERSUS_PYTHON" -S -c "$PY_SERVER"; printf x)
        out=${out%x}
        status=${out%%$'\n'*}
        status=${status%% *}
        out=${out#*$'\n'}
    fi
    printf '%s' "$out"
    return "${status:-1}"
}
# py_json DEFS EXPR: prints the Python expression EXPR, evaluated after the
# statements DEFS with d the JSON document in R_OUT (None prints as null),
# as `python3 -c 'd = json.loads(...); DEFS; print(EXPR)'` would; on an
# error, prints nothing (the traceback goes to stderr) and fails.
# The document is parsed again only when it has changed: a test asks many
# questions of one export. The questions share it: they must not change d.
py_json() {
    printf '%s' "$R_OUT" > "$T_TMP/py_json.json"
    py_ask json "$T_TMP/py_json.json" "$1" "$2"
}
# py_run SCRIPT ARGS...: as `python3 -c SCRIPT ARGS...` (its output, its
# exit status, errors on stderr), in the python py_start started; the
# script's stdin is empty.
py_run() { py_ask run "$@"; }
