#!/usr/bin/env bash
# torture_resize.sh: 200 terminal sizes from 1x1 to 300x100, many in rapid
# bursts, while keys arrive; afterwards the dashboard must be alive, draw the
# same decision at a normal size, and exit cleanly (status 0, which under the
# ASan build also means no sanitizer report).
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

# 200 sizes: the corners, a ramp up and down, and a fixed pseudo-random walk
# (a fixed seed, so a failure can be replayed).
sizes=$(py_run '
import random
r = random.Random(5)
s = [(1, 1), (300, 100), (1, 100), (300, 1), (2, 2), (40, 10), (39, 9), (80, 24), (79, 23)]
s += [(1 + i * 13, 1 + i * 4) for i in range(24)]
s += [(300 - i * 12, 100 - i * 4) for i in range(24)]
while len(s) < 200:
    s.append((r.randint(1, 300), r.randint(1, 100)))
print("\n".join("%d %d" % p for p in s[:200]))
')
expect_eq "200 sizes planned" 200 "$(printf '%s\n' "$sizes" | wc -l)"

tm_start 120 40 --offline
check "dashboard starts" tm_wait "Verdict: "
before_raw=$(tm_totals)
before=$(sort <<< "$before_raw")
check "totals are on screen" test -n "$before"

# Keys that move the cursor and switch views but change no weight, so the
# decision afterwards must be exactly the one before.
keys=(j k Tab j Down Up g Tab k)
i=0
while read -r w h; do
    # Every fifth size waits for nothing; the rest get a key in between,
    # sent by the same tmux client right after the resize.
    if [ $((i % 5)) -ne 0 ]; then
        tm resize-window -t 0 -x "$w" -y "$h" \; send-keys -t 0 "${keys[$((i % ${#keys[@]}))]}"
    else
        tm_resize "$w" "$h"
    fi
    i=$((i + 1))
done <<< "$sizes"
# And one burst of resizes sent in a single tmux call, with no pause at all.
burst=()
for s in "1 1" "300 100" "2 1" "299 99" "1 2" "200 50" "3 3" "120 40"; do
    burst+=(resize-window -t 0 -x "${s% *}" -y "${s#* }" \;)
done
tm "${burst[@]}"
expect_eq "every size was applied" 200 "$i"

tm_resize 120 40
tm_keys g
check "alive and drawing at 120x40" tm_wait "Verdict: "
check "full layout again" tm_wait "│ Python"
check "nothing left of the tiny sizes" tm_wait_gone "too small"
# (sort <<<"$(...)", not a pipeline: the readers ask the test's one python.)
expect_eq "the decision is unchanged" "$before" "$(sort <<<"$(tm_totals_settled "$before_raw")")"
expect_eq "and agrees with the engine" "$(sort <<<"$(engine_totals)")" "$(sort <<<"$(tm_totals)")"
pid=$(pgrep -P "$(tm display-message -p -t 0 '#{pane_pid}')" -f versus | head -1)
check "the process is alive" kill -0 "${pid:-0}"
check "q exits cleanly (status 0: no crash, no sanitizer report)" tm_quit

t_done
