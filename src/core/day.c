/* day.c: whole calendar days (see day.h). The conversions count in
 * 400-year eras that start on 1 March, so the leap day ends a year. */
#include "core/day.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

static bool leap_year(long y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

long day_from_civil(long y, int m, int d)
{
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

void day_to_civil(long day, long *y, int *m, int *d)
{
    long z = day + 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

bool day_parse(const char *s, long *day)
{
    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    long y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0');
    int d = (s[8] - '0') * 10 + (s[9] - '0');
    static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
    if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1] + (m == 2 && leap_year(y)))
        return false;
    *day = day_from_civil(y, m, d);
    return true;
}

void day_format(long day, char out[11])
{
    long y;
    int m, d;
    day_to_civil(day, &y, &m, &d);
    char buf[40];
    snprintf(buf, sizeof buf, "%04ld-%02d-%02d", y % 10000, m % 100, d % 100);
    memcpy(out, buf, 10);
    out[10] = '\0';
}

long day_of_time(time_t t)
{
    long long s = (long long)t;
    return (long)((s >= 0 ? s : s - 86399) / 86400);
}

void time_to_iso(time_t t, char out[32])
{
    struct tm tm;
    if (!gmtime_r(&t, &tm) || strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm) == 0)
        snprintf(out, 32, "1970-01-01T00:00:00Z");
}

bool iso_to_time(const char *s, time_t *out)
{
    struct tm tm;
    memset(&tm, 0, sizeof tm);
    if (!s || strlen(s) != 20)
        return false;
    const char *end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm);
    if (!end || *end != '\0' || tm.tm_year < 70 || tm.tm_year > 299)
        return false;
    time_t t = timegm(&tm);
    if (t == (time_t)-1)
        return false;
    *out = t;
    return true;
}
