#!/usr/bin/env bash
# tests/lint.sh: the architecture's rules that the compiler does not check.
#   - only src/ui/ includes curses (or terminfo), only src/fetch/ includes curl;
#   - includes point one way down the layers
#       main -> ui -> app -> fetch, load, export, cache -> core -> util
#     (a layer may include its own files and any layer below it; the four
#     edge modules in the middle do not include one another, except along
#     PEER_EDGES). Prints each breach as FILE:LINE: message; exits 1 if any.
#   tests/lint.sh [SRC_DIR]   (default: src)
set -u
src=${1:-src}
status=0

rank() { # rank DIR: the layer of a directory under src/ (higher may include lower)
    case $1 in
        util) echo 0 ;; core) echo 1 ;;
        fetch | load | export | cache) echo 2 ;;
        app) echo 3 ;; ui) echo 4 ;; main) echo 5 ;;
        *) echo -1 ;;
    esac
}
# Includes between the edge modules that are by design: the fetcher stores
# replies in the cache.
PEER_EDGES=" fetch->cache "

breach() { echo "$1: $2"; status=1; }

while IFS= read -r file; do
    rel=${file#"$src"/}
    case $rel in */*) layer=${rel%%/*} ;; *) layer=main ;; esac
    from=$(rank "$layer")
    if [ "$from" -lt 0 ]; then
        breach "$file:1" "directory '$layer' is in no layer (add it to tests/lint.sh)"
        continue
    fi
    while IFS=: read -r line text; do
        if [[ $text =~ \#include\ *\<((n?cursesw?/)?(n?curses|term|ncurses)\.h)\> ]] && [ "$layer" != ui ]; then
            breach "$file:$line" "<${BASH_REMATCH[1]}> outside src/ui/"
        elif [[ $text =~ \#include\ *\<(curl/[^>]*)\> ]] && [ "$layer" != fetch ]; then
            breach "$file:$line" "<${BASH_REMATCH[1]}> outside src/fetch/"
        elif [[ $text =~ \#include\ *\"([a-z_]+)/[^\"]*\" ]]; then
            to_layer=${BASH_REMATCH[1]}
            to=$(rank "$to_layer")
            [ "$to_layer" = "$layer" ] && continue
            if [ "$to" -lt 0 ]; then
                breach "$file:$line" "includes '$to_layer', which is in no layer"
            elif [ "$to" -gt "$from" ]; then
                breach "$file:$line" "$layer includes $to_layer, a layer above it"
            elif [ "$to" -eq "$from" ] && [[ $PEER_EDGES != *" $layer->$to_layer "* ]]; then
                breach "$file:$line" "$layer includes $to_layer, a module beside it"
            fi
        fi
    done < <(grep -n '^[[:space:]]*#[[:space:]]*include' "$file" | sed 's/#[[:space:]]*include/#include/')
done < <(find "$src" -name '*.[ch]' | sort)

[ $status -eq 0 ] && echo "lint: ok"
exit $status
