/* exit_codes.h: the process exit statuses versus uses, after sysexits(3).
 * Shared by the command line, the headless paths and the dashboard, which
 * all end the process. */
#ifndef VERSUS_UTIL_EXIT_CODES_H
#define VERSUS_UTIL_EXIT_CODES_H

#define EXIT_OK 0
#define EXIT_USAGE 2
#define EXIT_DATA 65 /* EX_DATAERR: the data, a snapshot or the stats are malformed */
#define EXIT_IO 74   /* EX_IOERR: a file could not be read or written */

#endif
