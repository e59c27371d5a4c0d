/* xalloc.h: allocation that cannot fail quietly, and a fatal-error exit that
 * first lets the screen restore the terminal. Out of memory is a programming-
 * level failure in versus: there is no sensible way to continue. */
#ifndef VERSUS_UTIL_XALLOC_H
#define VERSUS_UTIL_XALLOC_H

#include <stdarg.h>
#include <stddef.h>

void *xmalloc(size_t size);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *ptr, size_t size);
/* Grows an array of count elements of size each; dies on overflow. */
void *xreallocarray(void *ptr, size_t count, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Returns a newly allocated formatted string; the caller frees it. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *xvasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* Called by die() before it prints, so a full-screen UI can leave curses mode. */
void die_set_cleanup(void (*cleanup)(void));
_Noreturn void die(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
