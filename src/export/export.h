/* export.h: snapshots of a Session as Markdown, JSON or CSV, for sharing and
 * reproducing a decision. Rendering is pure (a string from a Session and a
 * time); writing goes through file_write_user, so a failed export never
 * leaves a partial file or destroys an existing one. */
#ifndef VERSUS_EXPORT_EXPORT_H
#define VERSUS_EXPORT_EXPORT_H

#include <stdbool.h>
#include <time.h>

#include "core/session.h"

typedef enum ExportFormat { EXPORT_MARKDOWN, EXPORT_JSON, EXPORT_CSV, EXPORT_ADR } ExportFormat;

/* "md"/"markdown", "json", "csv", "adr" -> format; false for anything else. */
bool export_format_from_name(const char *name, ExportFormat *out);
/* By the path's extension (.md/.markdown, .json, .csv); Markdown otherwise. */
ExportFormat export_format_from_path(const char *path);
/* "md", "json", "csv" */
const char *export_format_extension(ExportFormat fmt);

/* The whole document; `now` is the generated_at time. Caller frees. */
char *export_render(const Session *s, ExportFormat fmt, time_t now);

/* Renders and writes to path ("-" is stdout). Returns 0, or -1 with *err
 * set to a one-line message naming the path (caller frees). */
int export_write(const Session *s, ExportFormat fmt, const char *path, time_t now, char **err);
/* export_write for the dashboard, which must never freeze: a FIFO that no
 * one reads, or a reader that stops taking data, is an error, not a wait. */
int export_write_nowait(const Session *s, ExportFormat fmt, const char *path, time_t now, char **err);

#endif
