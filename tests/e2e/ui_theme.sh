#!/usr/bin/env bash
# ui_theme.sh: --theme takes a shipped name or a file; a bad theme file is an
# error with its FILE:LINE:COLUMN (exit 65), like a bad data file; an unknown
# name is a usage error (exit 2) that lists where it looked; t cycles.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/tmux_lib.sh"

bad="$T_TMP/bad.yaml"
printf 'name: bad\nroles:\n  headr: { fg: red }\n' > "$bad"
run_versus --offline --theme "$bad"
expect_eq "a bad theme file exits 65" "65" "$R_STATUS"
expect_contains "the error names file, line and column" "$R_ERR" "$bad:3:3: unknown role 'headr'"
printf 'roles:\n  header: { fg: 300 }\n' > "$bad"
run_versus --offline --theme "$bad"
expect_eq "a bad colour exits 65" "65" "$R_STATUS"
expect_contains "the colour error is positioned" "$R_ERR" "$bad:2:17:"
run_versus --offline --theme no-such-theme
expect_eq "an unknown theme name is a usage error (exit 2)" "2" "$R_STATUS"
expect_contains "the unknown name is reported" "$R_ERR" "no theme named 'no-such-theme'"
expect_contains "the user's folder is named" "$R_ERR" "$XDG_CONFIG_HOME/versus/themes"
expect_contains "the shipped folder is named" "$R_ERR" "$VERSUS_ROOT/themes"
expect_contains "the themes found are listed" "$R_ERR" "default, high-contrast, light, mono"
run_versus --offline --theme light --export -
expect_eq "--theme with --export still exports" "0" "$R_STATUS"
expect_contains "--theme with --export is not ignored silently" "$R_ERR" "--theme is ignored with --export"

good="$T_TMP/mine.yaml"
printf 'name: mine\ndescription: My own\nroles:\n  header: { fg: black, bg: "#ffaf00" }\n' > "$good"
tm_start 120 40 --offline --theme "$good"
check "a theme file by path works" tm_wait "Verdict: "
# #ffaf00 is colour 214 of 256; black is colour 0 (SGR 30).
header=$(tm capture-pane -p -e -t 0 | head -1)
expect_contains "the header has the file's background" "$header" $'\e[48;5;214m'
expect_contains "and its foreground" "$header" $'\e[30m'
check "q quits" tm_quit
expect_contains "the path is remembered" "$(cat "$XDG_CONFIG_HOME/versus/state.yaml")" "theme: \"$good\""

tm_start 120 40 --offline --theme light
check "--theme light starts" tm_wait "Verdict: "
header=$(tm capture-pane -p -e -t 0 | head -1)
check "the light theme's header is not the file's colour" test "${header/48;5;214/}" == "$header"
tm_keys t
check "t goes on to the next shipped theme" tm_wait "theme mono: No colour, attributes only"
tm_keys t
check "and round to the first" tm_wait "theme default: Dark background"
check "q quits" tm_quit

# A saved theme that broke since: a warning, not a failure.
mkdir -p "$XDG_CONFIG_HOME/versus/themes"
printf 'roles: [oops]\n' > "$XDG_CONFIG_HOME/versus/themes/broken.yaml"
printf 'version: 1\npreset: null\ntheme: "broken"\nstacks: []\nweights: {}\n' > "$XDG_CONFIG_HOME/versus/state.yaml"
tm_start 120 40 --offline
check "starts with a broken saved theme" tm_wait "Verdict: "
check "and says why it is not used" tm_wait "theme not loaded"
check "q quits" tm_quit

t_done
