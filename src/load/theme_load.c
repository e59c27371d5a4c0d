/* theme_load.c: theme YAML -> role table, with exact error positions. */
#include "load/theme_load.h"

#include <stdlib.h>
#include <string.h>

#include "load/yaml_tree.h"
#include "util/safetext.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#define ROLE_NAME(e, name, fallback, help) name,
static const char *const role_names[ROLE_COUNT] = { THEME_ROLES(ROLE_NAME) };
#undef ROLE_NAME
#define ROLE_FALLBACK(e, name, fallback, help) fallback,
static const ThemeRole role_fallbacks[ROLE_COUNT] = { THEME_ROLES(ROLE_FALLBACK) };
#undef ROLE_FALLBACK
#define ROLE_HELP(e, name, fallback, help) help,
static const char *const role_helps[ROLE_COUNT] = { THEME_ROLES(ROLE_HELP) };
#undef ROLE_HELP

const char *theme_role_name(ThemeRole role) { return role < ROLE_COUNT ? role_names[role] : "?"; }
const char *theme_role_help(ThemeRole role) { return role < ROLE_COUNT ? role_helps[role] : "?"; }

ThemeRole theme_stack_role(size_t position)
{
    /* stack1..stack8 are consecutive in THEME_ROLES. */
    return (ThemeRole)(ROLE_STACK1 + (int)(position % (ROLE_STACK8 - ROLE_STACK1 + 1)));
}

static const char *const basic_names[8] = { "black", "red",     "green", "yellow",
                                            "blue",  "magenta", "cyan",  "white" };

/* xterm's palette, used to find the nearest colour a terminal has. */
static void palette_rgb(int c, int rgb[3])
{
    static const int base[16][3] = {
        { 0, 0, 0 },       { 205, 0, 0 },     { 0, 205, 0 },   { 205, 205, 0 },
        { 0, 0, 238 },     { 205, 0, 205 },   { 0, 205, 205 }, { 229, 229, 229 },
        { 127, 127, 127 }, { 255, 0, 0 },     { 0, 255, 0 },   { 255, 255, 0 },
        { 92, 92, 255 },   { 255, 0, 255 },   { 0, 255, 255 }, { 255, 255, 255 },
    };
    static const int level[6] = { 0, 95, 135, 175, 215, 255 };
    if (c < 16) {
        memcpy(rgb, base[c], sizeof base[c]);
    } else if (c < 232) {
        int i = c - 16;
        rgb[0] = level[i / 36];
        rgb[1] = level[(i / 6) % 6];
        rgb[2] = level[i % 6];
    } else {
        rgb[0] = rgb[1] = rgb[2] = 8 + 10 * (c - 232);
    }
}

/* The palette entry in [0, limit) nearest to rgb. */
static int nearest(const int rgb[3], int limit)
{
    int best = 0;
    long best_d = -1;
    for (int c = 0; c < limit; c++) {
        int p[3];
        palette_rgb(c, p);
        long d = 0;
        for (int k = 0; k < 3; k++)
            d += (long)(p[k] - rgb[k]) * (p[k] - rgb[k]);
        if (best_d < 0 || d < best_d) {
            best = c;
            best_d = d;
        }
    }
    return best;
}

int theme_color_for(int color256, int color16, int ncolors)
{
    if (ncolors >= 256 || color256 == THEME_COLOR_DEFAULT)
        return color256 < ncolors ? color256 : THEME_COLOR_DEFAULT;
    int c = color16 >= 0 ? color16 : color256;
    if (c < ncolors)
        return c;
    int rgb[3];
    palette_rgb(c, rgb);
    int limit = ncolors >= 16 ? 16 : ncolors >= 8 ? 8 : ncolors;
    if (limit <= 0)
        return THEME_COLOR_DEFAULT;
    return nearest(rgb, limit);
}

/* A palette entry with equal red, green and blue: -1 if it is not grey,
 * else its lightness 0..255. */
static int grey_level(int c)
{
    if (c < 0 || c > 255)
        return -1;
    int rgb[3];
    palette_rgb(c, rgb);
    return rgb[0] == rgb[1] && rgb[1] == rgb[2] ? rgb[0] : -1;
}

int theme_color_attrs_for(int color256, int color16, int ncolors, bool light_bg, unsigned *attrs)
{
    if (ncolors >= 16 || ncolors < 8 || color256 == THEME_COLOR_DEFAULT)
        return theme_color_for(color256, color16, ncolors);
    int c = color16 >= 0 ? color16 : color256;
    int level = grey_level(c);
    if (level < 0)
        return theme_color_for(color256, color16, ncolors);
    if (!attrs) /* a background: the nearer of black and white */
        return level < 128 ? 0 : 7;
    if (light_bg) {
        if (level >= 215)
            return 7;
        if (level >= 100)
            *attrs |= THEME_DIM;
        return 0;
    }
    if (level < 40)
        return 0;
    if (level < 180) {
        *attrs |= THEME_DIM;
        return 7;
    }
    if (level >= 240)
        *attrs |= THEME_BOLD;
    return 7;
}

bool theme_background_is_light(const Theme *t)
{
    const ThemeStyle *n = &t->roles[ROLE_NORMAL];
    if (n->bg == THEME_COLOR_DEFAULT)
        return false;
    int rgb[3];
    palette_rgb(n->bg, rgb);
    return (rgb[0] * 299 + rgb[1] * 587 + rgb[2] * 114) / 1000 >= 128;
}

static int hex_digit(char ch)
{
    if (ch >= '0' && ch <= '9')
        return ch - '0';
    if (ch >= 'a' && ch <= 'f')
        return ch - 'a' + 10;
    if (ch >= 'A' && ch <= 'F')
        return ch - 'A' + 10;
    return -1;
}

bool theme_parse_color(const char *text, int *out)
{
    if (strcmp(text, "default") == 0) {
        *out = THEME_COLOR_DEFAULT;
        return true;
    }
    if (strcmp(text, "gray") == 0 || strcmp(text, "grey") == 0) {
        *out = 8;
        return true;
    }
    for (int i = 0; i < 8; i++) {
        if (strcmp(text, basic_names[i]) == 0) {
            *out = i;
            return true;
        }
        if (strncmp(text, "bright-", 7) == 0 && strcmp(text + 7, basic_names[i]) == 0) {
            *out = 8 + i;
            return true;
        }
    }
    if (text[0] == '#' && strlen(text) == 7) {
        int rgb[3];
        for (int k = 0; k < 3; k++) {
            int hi = hex_digit(text[1 + 2 * k]), lo = hex_digit(text[2 + 2 * k]);
            if (hi < 0 || lo < 0)
                return false;
            rgb[k] = hi * 16 + lo;
        }
        /* Only the cube and the gray ramp: 0..15 differ between terminals. */
        int best = 16;
        long best_d = -1;
        for (int c = 16; c < 256; c++) {
            int p[3];
            palette_rgb(c, p);
            long d = 0;
            for (int k = 0; k < 3; k++)
                d += (long)(p[k] - rgb[k]) * (p[k] - rgb[k]);
            if (best_d < 0 || d < best_d) {
                best = c;
                best_d = d;
            }
        }
        *out = best;
        return true;
    }
    if (text[0] >= '0' && text[0] <= '9') {
        int v = 0;
        for (const char *p = text; *p; p++) {
            if (*p < '0' || *p > '9' || v > 999)
                return false;
            v = v * 10 + (*p - '0');
        }
        if (v > 255)
            return false;
        *out = v;
        return true;
    }
    return false;
}

static bool parse_color_node(YParse *p, const YNode *n, const char *key, int max, int *out)
{
    if (n->kind != YNODE_SCALAR)
        return yparse_fail(p, n, "%s must be a colour, not %s", key, ynode_kind_name(n));
    int c;
    if (!theme_parse_color(n->value, &c))
        return yparse_fail(p, n,
                       "%s: '%s' is not a colour (default, a name such as blue or "
                       "bright-blue, 0..255, or #rrggbb)",
                       key, n->value);
    if (c > max)
        return yparse_fail(p, n, "%s: %d is out of range (0..%d)", key, c, max);
    *out = c;
    return true;
}

static bool parse_attrs(YParse *p, const YNode *n, unsigned *out)
{
    static const struct {
        const char *name;
        unsigned bit;
    } names[] = { { "bold", THEME_BOLD },
                  { "dim", THEME_DIM },
                  { "underline", THEME_UNDERLINE },
                  { "reverse", THEME_REVERSE },
                  { "italic", THEME_ITALIC } };
    if (n->kind != YNODE_SEQ)
        return yparse_fail(p, n, "attrs must be a list such as [bold, underline], not %s",
                       ynode_kind_name(n));
    unsigned attrs = 0;
    for (size_t i = 0; i < n->count; i++) {
        const YNode *item = n->items[i];
        if (item->kind != YNODE_SCALAR)
            return yparse_fail(p, item, "an attribute must be a word, not %s", ynode_kind_name(item));
        size_t k = 0;
        while (k < sizeof names / sizeof names[0] && strcmp(item->value, names[k].name) != 0)
            k++;
        if (k == sizeof names / sizeof names[0])
            return yparse_fail(p, item,
                           "unknown attribute '%s' (bold, dim, underline, reverse, italic)",
                           item->value);
        attrs |= names[k].bit;
    }
    *out = attrs;
    return true;
}

static bool parse_style(YParse *p, const YNode *n, ThemeStyle *st)
{
    if (n->kind != YNODE_MAP)
        return yparse_fail(p, n, "a role must be a mapping such as { fg: white, bg: blue }, not %s",
                       ynode_kind_name(n));
    for (size_t i = 0; i < n->count; i++) {
        const char *key = n->pairs[i].key->value;
        const YNode *v = n->pairs[i].value;
        bool ok;
        if (strcmp(key, "fg") == 0)
            ok = parse_color_node(p, v, key, 255, &st->fg);
        else if (strcmp(key, "bg") == 0)
            ok = parse_color_node(p, v, key, 255, &st->bg);
        else if (strcmp(key, "fg16") == 0)
            ok = parse_color_node(p, v, key, 15, &st->fg16);
        else if (strcmp(key, "bg16") == 0)
            ok = parse_color_node(p, v, key, 15, &st->bg16);
        else if (strcmp(key, "attrs") == 0)
            ok = parse_attrs(p, v, &st->attrs);
        else
            ok = yparse_fail(p, n->pairs[i].key, "unknown key '%s' (fg, bg, fg16, bg16, attrs)", key);
        if (!ok)
            return false;
    }
    return true;
}

static bool parse_text(YParse *p, const YNode *n, const char *key, char **out)
{
    if (n->kind != YNODE_SCALAR || ynode_is_null(n))
        return yparse_fail(p, n, "%s must be text", key);
    /* Shown on the status line: no terminal controls, no bidi tricks. */
    if (safetext_has_control(n->value))
        return yparse_fail(p, n, "%s must be one line without control or bidi characters", key);
    free(*out);
    *out = xstrdup(n->value);
    return true;
}

static ThemeStyle unset_style(void)
{
    return (ThemeStyle){ .fg = -2, .bg = -2, .fg16 = -1, .bg16 = -1, .attrs = 0 };
}

/* Roles the file left out take their fallback's look. */
static void fill_fallbacks(Theme *t, const bool *given)
{
    for (int r = 0; r < ROLE_COUNT; r++) {
        ThemeStyle *st = &t->roles[r];
        const ThemeStyle *fb = r == ROLE_NORMAL ? NULL : &t->roles[role_fallbacks[r]];
        if (!given[r] && fb) {
            *st = *fb;
            continue;
        }
        /* A role that sets only fg keeps its fallback's background. */
        if (st->fg == -2) {
            st->fg = fb ? fb->fg : THEME_COLOR_DEFAULT;
            if (st->fg16 < 0 && fb)
                st->fg16 = fb->fg16;
        }
        if (st->bg == -2) {
            st->bg = fb ? fb->bg : THEME_COLOR_DEFAULT;
            if (st->bg16 < 0 && fb)
                st->bg16 = fb->bg16;
        }
    }
}

static char *base_name(const char *file)
{
    const char *slash = strrchr(file, '/');
    const char *b = slash ? slash + 1 : file;
    size_t n = strlen(b);
    if (n > 5 && strcmp(b + n - 5, ".yaml") == 0)
        n -= 5;
    return xstrndup(b, n);
}

static Theme *theme_from_tree(const char *file, const YNode *root, char **err)
{
    YParse p = { file, NULL };
    Theme *t = xcalloc(1, sizeof *t);
    bool given[ROLE_COUNT] = { false };
    for (int r = 0; r < ROLE_COUNT; r++)
        t->roles[r] = unset_style();
    bool ok = true;
    const YNode *roles = NULL;
    if (root->kind != YNODE_MAP) {
        ok = yparse_fail(&p, root, "a theme must be a mapping with 'roles', not %s",
                     ynode_kind_name(root));
    }
    for (size_t i = 0; ok && i < root->count; i++) {
        const char *key = root->pairs[i].key->value;
        const YNode *v = root->pairs[i].value;
        if (strcmp(key, "name") == 0)
            ok = parse_text(&p, v, key, &t->name);
        else if (strcmp(key, "description") == 0)
            ok = parse_text(&p, v, key, &t->description);
        else if (strcmp(key, "roles") == 0)
            roles = v;
        else
            ok = yparse_fail(&p, root->pairs[i].key,
                         "unknown key '%s' (name, description, roles)", key);
    }
    if (ok && !roles)
        ok = yparse_fail(&p, root, "missing 'roles'");
    if (ok && roles->kind != YNODE_MAP)
        ok = yparse_fail(&p, roles, "roles must be a mapping of role names, not %s",
                     ynode_kind_name(roles));
    for (size_t i = 0; ok && i < roles->count; i++) {
        const YNode *key = roles->pairs[i].key;
        int r = 0;
        while (r < ROLE_COUNT && strcmp(role_names[r], key->value) != 0)
            r++;
        if (r == ROLE_COUNT) {
            StrBuf known = STRBUF_INIT;
            for (int k = 0; k < ROLE_COUNT; k++)
                sb_appendf(&known, "%s%s", k ? ", " : "", role_names[k]);
            ok = yparse_fail(&p, key, "unknown role '%s' (known roles: %s)", key->value,
                         sb_str(&known));
            sb_free(&known);
            break;
        }
        given[r] = true;
        ok = parse_style(&p, roles->pairs[i].value, &t->roles[r]);
    }
    if (!ok) {
        *err = p.err;
        theme_free(t);
        return NULL;
    }
    fill_fallbacks(t, given);
    if (!t->name)
        t->name = base_name(file);
    return t;
}

Theme *theme_load_buffer(const char *name, const char *buf, size_t len, char **err)
{
    YNode *root = ytree_load_buffer(name, buf, len, err);
    if (!root)
        return NULL;
    Theme *t = theme_from_tree(name, root, err);
    ynode_free(root);
    return t;
}

Theme *theme_load_file(const char *path, char **err)
{
    YNode *root = ytree_load_file(path, err);
    if (!root)
        return NULL;
    Theme *t = theme_from_tree(path, root, err);
    ynode_free(root);
    return t;
}

Theme *theme_builtin(void)
{
    static const char text[] =
        "name: builtin\n"
        "description: The look used when no theme file is found\n"
        "roles:\n"
        "  dim: { fg: 245, fg16: bright-black }\n"
        "  header: { fg: 231, bg: 24, fg16: bright-white, bg16: blue, attrs: [bold] }\n"
        "  title: { fg: 110, fg16: cyan, attrs: [bold] }\n"
        "  selected: { fg: 231, bg: 238, fg16: black, bg16: white, attrs: [bold] }\n"
        "  slider: { fg: 179, fg16: yellow }\n"
        "  stack1: { fg: 114, fg16: green }\n"
        "  stack2: { fg: 75, fg16: bright-blue }\n"
        "  stack3: { fg: 176, fg16: magenta }\n"
        "  stack4: { fg: 180, fg16: yellow }\n"
        "  better: { fg: 220, fg16: bright-yellow, attrs: [bold] }\n"
        "  verdict: { attrs: [bold] }\n"
        "  warning: { fg: 214, fg16: yellow, attrs: [bold] }\n"
        "  error: { fg: 203, fg16: bright-red, attrs: [bold] }\n"
        "  key: { fg: 16, bg: 110, fg16: black, bg16: cyan }\n"
        "  key_label: { fg: 252, fg16: white }\n"
        "  dialog: { fg: 252, bg: 236, fg16: white, bg16: blue }\n"
        "  dialog_title: { fg: 231, bg: 236, fg16: bright-white, bg16: blue, attrs: [bold] }\n"
        "  input: { fg: 16, bg: 179, fg16: black, bg16: yellow }\n"
        "  spark: { fg: 110, fg16: cyan }\n";
    char *err = NULL;
    Theme *t = theme_load_buffer("builtin", text, sizeof text - 1, &err);
    if (!t)
        die("built-in theme: %s", err);
    return t;
}

void theme_free(Theme *theme)
{
    if (!theme)
        return;
    free(theme->name);
    free(theme->description);
    free(theme);
}
