/* curl_lib.c: see curl_lib.h for why libcurl is loaded on demand. */
#include "fetch/curl_lib.h"

#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

/* The soname libcurl has kept since 7.16, then Debian's GnuTLS build of the
 * same API and ABI, then the unversioned name, which only the development
 * package installs. */
static const char *const library_names[] = { "libcurl.so.4", "libcurl-gnutls.so.4", "libcurl.so" };

static CurlLib lib;
static int load_state; /* 0 not tried, 1 loaded, -1 failed */
static char load_error[256];

/* ISO C has no conversion from dlsym's object pointer to a function
 * pointer; copying the bytes is the form POSIX guarantees to work. */
static int resolve(void *handle, const char *name, void *slot, size_t size)
{
    void *sym = dlsym(handle, name);
    if (!sym) {
        snprintf(load_error, sizeof load_error, "libcurl has no %s (too old?)", name);
        return -1;
    }
    memcpy(slot, &sym, size);
    return 0;
}

#define RESOLVE(h, field, symbol) resolve((h), (symbol), &lib.field, sizeof lib.field)

static int load(void)
{
    void *handle = NULL;
    const char *first_error = NULL;
    char first[200] = "";
    for (size_t i = 0; i < sizeof library_names / sizeof *library_names && !handle; i++) {
        handle = dlopen(library_names[i], RTLD_LAZY | RTLD_LOCAL);
        if (!handle && !first_error) {
            first_error = dlerror();
            snprintf(first, sizeof first, "%s", first_error ? first_error : library_names[i]);
            first_error = first;
        }
    }
    if (!handle) {
        snprintf(load_error, sizeof load_error, "cannot load libcurl (%s)", first);
        return -1;
    }
    /* Every symbol is checked before any is used; a failed load keeps the
     * handle (dlclose of a half-initialised TLS stack is not worth the risk). */
    int rc = 0;
    rc |= RESOLVE(handle, global_init, "curl_global_init");
    rc |= RESOLVE(handle, global_cleanup, "curl_global_cleanup");
    rc |= RESOLVE(handle, easy_init, "curl_easy_init");
    rc |= RESOLVE(handle, easy_setopt, "curl_easy_setopt");
    rc |= RESOLVE(handle, easy_getinfo, "curl_easy_getinfo");
    rc |= RESOLVE(handle, easy_cleanup, "curl_easy_cleanup");
    rc |= RESOLVE(handle, easy_strerror, "curl_easy_strerror");
    rc |= RESOLVE(handle, multi_init, "curl_multi_init");
    rc |= RESOLVE(handle, multi_setopt, "curl_multi_setopt");
    rc |= RESOLVE(handle, multi_add_handle, "curl_multi_add_handle");
    rc |= RESOLVE(handle, multi_remove_handle, "curl_multi_remove_handle");
    rc |= RESOLVE(handle, multi_perform, "curl_multi_perform");
    rc |= RESOLVE(handle, multi_poll, "curl_multi_poll");
    rc |= RESOLVE(handle, multi_info_read, "curl_multi_info_read");
    rc |= RESOLVE(handle, multi_cleanup, "curl_multi_cleanup");
    rc |= RESOLVE(handle, slist_append, "curl_slist_append");
    rc |= RESOLVE(handle, slist_free_all, "curl_slist_free_all");
    return rc ? -1 : 1;
}

const CurlLib *curl_lib_get(const char **why)
{
    if (load_state == 0)
        load_state = load();
    if (load_state > 0)
        return &lib;
    if (why)
        *why = load_error;
    return NULL;
}
