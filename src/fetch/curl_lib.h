/* curl_lib.h: libcurl, loaded the first time a fetch needs it.
 *
 * libcurl pulls in some thirty shared libraries (TLS, HTTP/2, Kerberos,
 * LDAP...). Linking it made loading them half of versus's start-up even when
 * nothing is fetched (--offline, exports, a dashboard opened to read), so the
 * fetcher reaches libcurl through this table, filled by dlopen on first use.
 * The headers still come from libcurl's development package (pkg-config). */
#ifndef VERSUS_FETCH_CURL_LIB_H
#define VERSUS_FETCH_CURL_LIB_H

#include <curl/curl.h>

typedef struct CurlLib {
    CURLcode (*global_init)(long flags);
    void (*global_cleanup)(void);
    CURL *(*easy_init)(void);
    CURLcode (*easy_setopt)(CURL *easy, CURLoption option, ...);
    CURLcode (*easy_getinfo)(CURL *easy, CURLINFO info, ...);
    void (*easy_cleanup)(CURL *easy);
    const char *(*easy_strerror)(CURLcode code);
    CURLM *(*multi_init)(void);
    CURLMcode (*multi_setopt)(CURLM *multi, CURLMoption option, ...);
    CURLMcode (*multi_add_handle)(CURLM *multi, CURL *easy);
    CURLMcode (*multi_remove_handle)(CURLM *multi, CURL *easy);
    CURLMcode (*multi_perform)(CURLM *multi, int *running);
    CURLMcode (*multi_poll)(CURLM *multi, struct curl_waitfd *extra, unsigned nextra, int timeout_ms,
                            int *numfds);
    CURLMsg *(*multi_info_read)(CURLM *multi, int *left);
    CURLMcode (*multi_cleanup)(CURLM *multi);
    struct curl_slist *(*slist_append)(struct curl_slist *list, const char *string);
    void (*slist_free_all)(struct curl_slist *list);
} CurlLib;

/* The loaded library, or NULL with *why set to a message that says what is
 * missing (a static string, valid until the next call). Loads once per
 * process; the library stays loaded until exit, like a linked one. */
const CurlLib *curl_lib_get(const char **why);

#endif
