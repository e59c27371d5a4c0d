#!/usr/bin/env bash
# keys_doc.sh: the key table is the one source of every list of keys. The
# help overlay shows what `versus --list-keys` prints (both come from the
# table), and README.md's key table and versus.1's KEYS section name the
# main screen's keys exactly as the table does, in its order.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

run_versus --list-keys
expect_eq "--list-keys exits 0" 0 "$R_STATUS"
keys=$R_OUT
# The main screen's keys, one line each: "F1  ?" etc.
main_keys=$(printf '%s\n' "$keys" | awk '/^Main screen$/ { on = 1; next } /^$/ { on = 0 }
    on { sub(/^  /, ""); print substr($0, 1, 16) }' | sed 's/ *$//')
check "--list-keys lists the main screen's keys" test "$(wc -l <<<"$main_keys")" -ge 20
for heading in "Main screen" "Help" "Preset picker" "Preset comparison" "Stack chooser" "Export dialog" "Questions" "Filter" "Search"; do
    check "--list-keys has the $heading keys" grep -q "^$heading" <<<"$keys"
done
check "--help documents --list-keys" grep -q -- "--list-keys" <<<"$("$VERSUS_BIN" --help)"

# README.md: the rows of the "| Keys | What they do |" table, each row's
# first cell the keys in backquotes, separated by commas.
IFS= read -r -d '' readme_py <<'EOF'
import re, sys
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
start = lines.index("| Keys | What they do |") + 2
for line in lines[start:]:
    if not line.startswith("|"):
        break
    first = line.split(" | ")[0][2:]
    print("  ".join(re.findall(r"`([^`]+)`", first)))
EOF
readme_keys=$(py_run "$readme_py" "$VERSUS_ROOT/README.md")
expect_eq "README.md lists the table's keys, in its order" "$main_keys" "$readme_keys"

# versus.1: each .TP entry of KEYS names its keys on a .B line.
IFS= read -r -d '' man_py <<'EOF'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
section = text.split("\n.SH KEYS\n", 1)[1].split("\n.SH ", 1)[0].split("\n")
for prev, line in zip(section, section[1:]):
    if prev == ".TP" and line.startswith(".B "):
        print(line[3:].strip('"').replace("\\-", "-").replace("\\e", "\\"))
EOF
man_keys=$(py_run "$man_py" "$VERSUS_ROOT/versus.1")
expect_eq "versus.1 lists the table's keys, in its order" "$main_keys" "$man_keys"

# What each key does: README.md's and versus.1's words for a key begin with
# the table's own (the help's) words, so a page cannot say that a key does
# what another key does.
words_mismatch=$(py_run '
import re, sys
def norm(s):
    s = s.replace("\\-", "-").replace("\\e", "\\")
    s = re.sub(r"\\f[BIRP]|`", "", s)
    return re.sub(r"\s+", " ", s).strip().rstrip(".").lower()
table, on = [], False
for line in sys.argv[1].split("\n"):
    if line == "Main screen":
        on = True
    elif on and not line:
        break
    elif on:
        table.append((line[2:18].rstrip(), line[19:].strip()))
lines = open(sys.argv[2], encoding="utf-8").read().split("\n")
start = lines.index("| Keys | What they do |") + 2
readme = [" | ".join(l.split(" | ")[1:]).rstrip(" |") for l in lines[start:start + len(table)]]
section = open(sys.argv[3], encoding="utf-8").read().split("\n.SH KEYS\n", 1)[1].split("\n.SH ", 1)[0]
man = [" ".join(e.split("\n")[1:]) for e in section.split("\n.TP\n")[1:]]
if len(readme) != len(table) or len(man) != len(table):
    print("#   the pages list %d and %d keys, the table %d" % (len(readme), len(man), len(table)))
for (keys, words), r, m in zip(table, readme, man):
    for page, said in (("README.md", r), ("versus.1", m)):
        if not norm(said).startswith(norm(words)):
            print("#   %s: %s: says \"%s\", the table \"%s\"" % (page, keys, said, words))
' "$keys"$'\n' "$VERSUS_ROOT/README.md" "$VERSUS_ROOT/versus.1")
expect_eq "README.md and versus.1 say what each key does in the table's words" "" "$words_mismatch"

# The help overlay: tall enough to hold it all, it shows every line.
tm_start 120 200 --offline
check "dashboard starts" tm_wait "Verdict: "
tm_keys '?'
check "? opens the help" tm_wait "versus help"
# Box edges and margins off; a line longer than the box wraps, so each
# line of --list-keys must begin a line of the help (its first 60 columns).
screen=$(tm_screen | sed 's/^ *[│|+] *//; s/ *[│|+] *$//')
missing=0
while IFS= read -r line; do
    line=${line#"${line%%[! ]*}"} # leading blanks off
    [ -n "$line" ] || continue
    if [[ $screen != *"${line:0:60}"* ]]; then
        echo "#   not in the help: $line"
        missing=$((missing + 1))
    fi
done <<<"$keys"
expect_eq "the help shows every line of --list-keys" 0 "$missing"
tm_keys q
check "q closes the help" tm_wait_gone "versus help"
check "q quits" tm_quit

# The key bar comes from the same table: the picker's key, not the next-preset one.
tm_start 120 40 --offline
check "dashboard starts again" tm_wait "Verdict: "
check "the key bar shows the picker's keys" tm_wait "F2/P Preset"
check "q quits again" tm_quit

t_done
