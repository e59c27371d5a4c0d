/* xalloc.c: checked allocation and fatal exit. */
#include "util/xalloc.h"

#include "util/strbuf.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void (*die_cleanup)(void);

void die_set_cleanup(void (*cleanup)(void)) { die_cleanup = cleanup; }

void die(const char *fmt, ...)
{
    va_list ap;
    if (die_cleanup) {
        void (*cleanup)(void) = die_cleanup;
        die_cleanup = NULL; /* a failure inside cleanup must not recurse */
        cleanup();
    }
    fputs("versus: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(70);
}

void *xmalloc(size_t size)
{
    void *p = malloc(size ? size : 1);
    if (!p)
        die("out of memory (%zu bytes)", size);
    return p;
}

void *xcalloc(size_t count, size_t size)
{
    void *p = calloc(count ? count : 1, size ? size : 1);
    if (!p)
        die("out of memory (%zu x %zu bytes)", count, size);
    return p;
}

void *xrealloc(void *ptr, size_t size)
{
    void *p = realloc(ptr, size ? size : 1);
    if (!p)
        die("out of memory (%zu bytes)", size);
    return p;
}

void *xreallocarray(void *ptr, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size)
        die("allocation overflow (%zu x %zu)", count, size);
    return xrealloc(ptr, count * size);
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
    size_t len = strnlen(s, n);
    char *copy = xmalloc(len + 1);
    memcpy(copy, s, len);
    copy[len] = '\0';
    return copy;
}

char *xvasprintf(const char *fmt, va_list ap)
{
    StrBuf sb = STRBUF_INIT;
    sb_vappendf(&sb, fmt, ap); /* the one place that sizes a format */
    return sb_take(&sb);
}

char *xasprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *out = xvasprintf(fmt, ap);
    va_end(ap);
    return out;
}
