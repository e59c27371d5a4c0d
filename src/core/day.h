/* day.h: calendar days as whole numbers — days since 1970-01-01 (negative
 * before) of the proleptic Gregorian calendar — read from and written as
 * "YYYY-MM-DD", with no time zone and no timegm. The data's dates, the
 * services' daily series and the charts all count days this way. Pure. */
#ifndef VERSUS_CORE_DAY_H
#define VERSUS_CORE_DAY_H

#include <stdbool.h>
#include <time.h>

/* The day of year y, month m (1..12), day d (1..31). */
long day_from_civil(long y, int m, int d);
/* The reverse. */
void day_to_civil(long day, long *y, int *m, int *d);
/* "YYYY-MM-DD" naming a real day (2026-02-29 does not) -> *day; false for
 * anything else, *day untouched. */
bool day_parse(const char *s, long *day);
/* "YYYY-MM-DD" (years 0..9999). */
void day_format(long day, char out[11]);
/* The UTC day of t. */
long day_of_time(time_t t);

/* Instants as ISO 8601 in UTC, to the second: "2026-11-27T10:00:00Z", the
 * one form the exports and the cache write. iso_to_time reads exactly that
 * form (years 1970..2199); false for anything else. */
void time_to_iso(time_t t, char out[32]);
bool iso_to_time(const char *s, time_t *out);

#endif
