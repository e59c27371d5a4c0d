/* ecosystem.c: the ecosystems' name rules, one row each (see ecosystem.h). */
#include "core/ecosystem.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util/safetext.h"
#include "util/xalloc.h"

#define PYPI_NAME_MAX 200

/* ---- npm ---- */

static bool npm_char(char c, bool allow_upper)
{
    return islower((unsigned char)c) || isdigit((unsigned char)c) || c == '-' || c == '.' || c == '_' ||
           c == '~' || (allow_upper && isupper((unsigned char)c));
}

/* One path segment of a name: never "." or "..", never starting with '.'
 * or '_', only URL-safe characters. */
static bool npm_segment_valid(const char *s, size_t len, bool allow_upper)
{
    if (len == 0 || s[0] == '.' || s[0] == '_')
        return false;
    for (size_t i = 0; i < len; i++)
        if (!npm_char(s[i], allow_upper))
            return false;
    return true;
}

bool npm_name_scoped(const char *name) { return name[0] == '@'; }

bool npm_name_valid(const char *name)
{
    size_t len = strlen(name);
    if (len == 0 || len > PACKAGE_NAME_MAX)
        return false;
    if (name[0] != '@')
        return npm_segment_valid(name, len, true);
    const char *slash = strchr(name, '/');
    if (!slash || strchr(slash + 1, '/'))
        return false;
    /* Scoped names were always lower case. */
    return npm_segment_valid(name + 1, (size_t)(slash - name - 1), false) &&
           npm_segment_valid(slash + 1, strlen(slash + 1), false);
}

/* ---- PyPI ---- */

bool pypi_name_valid(const char *name)
{
    size_t len = strlen(name);
    if (len == 0 || len > PYPI_NAME_MAX)
        return false;
    if (!isalnum((unsigned char)name[0]) || !isalnum((unsigned char)name[len - 1]))
        return false;
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        if (!isascii((unsigned char)c) || (!isalnum((unsigned char)c) && c != '-' && c != '_' && c != '.'))
            return false;
    }
    return true;
}

/* PEP 503 on any text: lower case, each run of - _ . one '-'. */
static char *pep503(const char *name)
{
    char *out = xmalloc(strlen(name) + 1);
    size_t n = 0;
    for (const char *p = name; *p; p++) {
        if (*p == '-' || *p == '_' || *p == '.') {
            if (n == 0 || out[n - 1] != '-')
                out[n++] = '-';
        } else {
            out[n++] = (char)tolower((unsigned char)*p);
        }
    }
    out[n] = '\0';
    return out;
}

char *pypi_name_normalize(const char *name) { return pypi_name_valid(name) ? pep503(name) : NULL; }

/* ---- the table ---- */

static const Ecosystem ECOSYSTEMS[] = {
    {
        .name = "npm",
        .invalid = "is not an npm package name (letters, digits, - . _ ~, not starting with . or _; "
                   "a scoped one lower case)",
        .scopes = true,
        .valid = npm_name_valid,
        .normalise = NULL,
    },
    {
        .name = "pypi",
        .invalid = "is not a PyPI project name (letters, digits, - _ . with a letter or digit at both ends)",
        .scopes = false,
        .valid = pypi_name_valid,
        .normalise = pep503,
    },
};

const Ecosystem *ecosystem_find(const char *name)
{
    for (size_t i = 0; i < sizeof ECOSYSTEMS / sizeof *ECOSYSTEMS; i++)
        if (strcmp(ECOSYSTEMS[i].name, name) == 0)
            return &ECOSYSTEMS[i];
    return NULL;
}

/* The guard every name passes, whatever its ecosystem. */
static const char *guard_problem(const Ecosystem *eco, const char *name)
{
    if (name[0] == '\0')
        return "is empty";
    if (strcmp(name, ".") == 0 || strcmp(name, "..") == 0)
        return "is not a package name";
    if (strlen(name) > PACKAGE_NAME_MAX)
        return "is longer than 214 characters";
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (safetext_control_len((const char *)p))
            return "contains a control character";
        if (isspace(*p))
            return "contains white space";
        if (*p == '?')
            return "contains '?'";
        if (*p == '#')
            return "contains '#'";
        if (*p == '%')
            return "contains '%'";
        if (*p == '\\')
            return "contains '\\'";
        if (*p >= 0x80) /* registry names are ASCII; anything else is a lookalike */
            return "contains a character outside ASCII";
    }
    const char *slash = strchr(name, '/');
    if (!slash)
        return NULL;
    if (!(eco && eco->scopes && name[0] == '@'))
        return "contains '/' (only an npm scope, @scope/name, may)";
    const char *scope = name + 1;
    const char *base = slash + 1;
    size_t scope_len = (size_t)(slash - scope);
    if (strchr(base, '/'))
        return "has more than one '/'";
    if (scope_len == 0 || base[0] == '\0' || (scope_len == 1 && scope[0] == '.') ||
        (scope_len == 2 && scope[0] == '.' && scope[1] == '.') || strcmp(base, ".") == 0 ||
        strcmp(base, "..") == 0)
        return "is not a valid @scope/name";
    return NULL;
}

const char *package_name_problem(const char *ecosystem, const char *name)
{
    const Ecosystem *eco = ecosystem_find(ecosystem);
    const char *problem = guard_problem(eco, name);
    if (problem || !eco || eco->valid(name))
        return problem;
    return eco->invalid;
}

char *package_name_key(const char *ecosystem, const char *name)
{
    const Ecosystem *eco = ecosystem_find(ecosystem);
    return eco && eco->normalise ? eco->normalise(name) : xstrdup(name);
}

char *package_name_to_send(const char *ecosystem, const char *name)
{
    return package_name_problem(ecosystem, name) ? NULL : package_name_key(ecosystem, name);
}
