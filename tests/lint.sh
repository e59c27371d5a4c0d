#!/usr/bin/env bash
# tests/lint.sh: the architecture's rules that the compiler does not check.
#   - only src/ui/ includes curses (or terminfo), only src/fetch/ includes curl;
#   - includes point one way down the layers
#       main -> ui -> app -> fetch, load, export, cache -> core -> util
#     (a layer may include its own files and any layer below it; the four
#     edge modules in the middle do not include one another, except along
#     PEER_EDGES);
#   - the dashboard's state is its own: only its files (DASHBOARD_FILES)
#     include ui/dashboard.h, where its struct is, and no member of that
#     struct is declared in Ui (ui_internal.h) again: the other views reach
#     the dashboard through the calls ui_internal.h declares.
# Prints each breach as FILE:LINE: message; exits 1 if any.
#   tests/lint.sh [SRC_DIR]   (default: src)
set -u
src=${1:-src}
status=0

# rank DIR: sets RANK to the layer of a directory under src/ (higher may
# include lower), -1 for none. (A variable, not output: the script starts
# no process per file or include.)
rank() {
    case $1 in
        util) RANK=0 ;; core) RANK=1 ;;
        fetch | load | export | cache) RANK=2 ;;
        app) RANK=3 ;; ui) RANK=4 ;; main) RANK=5 ;;
        *) RANK=-1 ;;
    esac
}
# Includes between the edge modules that are by design: the fetcher stores
# replies in the cache.
PEER_EDGES=" fetch->cache "

# The files that are the dashboard: its life and list, its painting, its
# actions and mouse.
DASHBOARD_FILES=" ui/dashboard.c ui/draw.c ui/keys.c "

breach() { echo "$1: $2"; status=1; }

# members FILE NAME: "LINE MEMBER" for each member of `typedef struct NAME
# { ... } NAME;` in FILE (comments skipped; one declaration may name
# several, and span lines).
members() {
    awk -v name="$2" '
        $0 ~ "^typedef struct " name " [{]" { inside = 1; next }
        inside && $0 ~ "^[}] " name ";" { inside = 0; next }
        inside {
            line = $0; out = ""
            while (length(line)) {
                if (incomment) {
                    i = index(line, "*/")
                    if (!i) break
                    line = substr(line, i + 2); incomment = 0
                } else {
                    i = index(line, "/*")
                    if (!i) { out = out line; break }
                    out = out substr(line, 1, i - 1); line = substr(line, i + 2); incomment = 1
                }
            }
            decl = decl " " out
            while ((i = index(decl, ";")) > 0) {
                d = substr(decl, 1, i - 1); decl = substr(decl, i + 1)
                gsub(/[[][^]]*[]]/, "", d)
                n = split(d, parts, ",")
                for (k = 1; k <= n; k++)
                    if (match(parts[k], /[A-Za-z_][A-Za-z0-9_]*[ \t]*$/)) {
                        m = substr(parts[k], RSTART, RLENGTH); sub(/[ \t]+$/, "", m)
                        print NR, m
                    }
            }
        }' "$1"
}

# Every file's include lines, from one grep over the tree: "LINE:TEXT" lines
# for each file.
mapfile -t files < <(find "$src" -name '*.[ch]' | sort)
declare -A includes=()
if [ ${#files[@]} -gt 0 ]; then
    while IFS= read -r hit; do
        f=${hit%%:[0-9]*:*}
        includes[$f]+="${hit#"$f":}"$'\n'
    done < <(grep -Hn '^[[:space:]]*#[[:space:]]*include' "${files[@]}")
fi

inc='#[[:space:]]*include[[:space:]]*'
for file in "${files[@]}"; do
    rel=${file#"$src"/}
    case $rel in */*) layer=${rel%%/*} ;; *) layer=main ;; esac
    rank "$layer"
    from=$RANK
    if [ "$from" -lt 0 ]; then
        breach "$file:1" "directory '$layer' is in no layer (add it to tests/lint.sh)"
        continue
    fi
    while IFS=: read -r line text; do
        [ -n "$line" ] || continue
        if [[ $text =~ $inc\<((n?cursesw?/)?(n?curses|term|ncurses)\.h)\> ]] && [ "$layer" != ui ]; then
            breach "$file:$line" "<${BASH_REMATCH[1]}> outside src/ui/"
        elif [[ $text =~ $inc\<(curl/[^>]*)\> ]] && [ "$layer" != fetch ]; then
            breach "$file:$line" "<${BASH_REMATCH[1]}> outside src/fetch/"
        elif [[ $text =~ $inc\"ui/dashboard\.h\" ]] && [[ $DASHBOARD_FILES != *" $rel "* ]]; then
            breach "$file:$line" "includes ui/dashboard.h, the dashboard's own state: only$DASHBOARD_FILES""do; use the dashboard's calls in ui/ui_internal.h"
        elif [[ $text =~ $inc\"([a-z_]+)/[^\"]*\" ]]; then
            to_layer=${BASH_REMATCH[1]}
            rank "$to_layer"
            to=$RANK
            [ "$to_layer" = "$layer" ] && continue
            if [ "$to" -lt 0 ]; then
                breach "$file:$line" "includes '$to_layer', which is in no layer"
            elif [ "$to" -gt "$from" ]; then
                breach "$file:$line" "$layer includes $to_layer, a layer above it"
            elif [ "$to" -eq "$from" ] && [[ $PEER_EDGES != *" $layer->$to_layer "* ]]; then
                breach "$file:$line" "$layer includes $to_layer, a module beside it"
            fi
        fi
    done <<<"${includes[$file]-}"
done

# No member of the Dashboard in Ui again (in a tree that has src/ui).
dash_h=$src/ui/dashboard.h ui_h=$src/ui/ui_internal.h
dash_members=$(members "$dash_h" Dashboard 2>/dev/null | awk '{ print $2 }')
if [ ! -d "$src/ui" ]; then
    :
elif [ ! -f "$dash_h" ] || [ -z "$dash_members" ]; then
    breach "$dash_h:1" "no typedef struct Dashboard { ... } Dashboard; here: the dashboard's state has no struct of its own"
else
    declare -A in_dashboard=()
    for member in $dash_members; do in_dashboard[$member]=1; done
    while read -r line member; do
        if [ -n "${in_dashboard[$member]-}" ]; then
            breach "$ui_h:$line" "Ui has '$member', a member of the Dashboard (ui/dashboard.h): the dashboard's state stays in the dashboard"
        fi
    done < <(members "$ui_h" Ui)
fi

[ $status -eq 0 ] && echo "lint: ok"
exit $status
