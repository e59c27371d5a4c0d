/* export.h: snapshots of a Session as Markdown, JSON, CSV or a decision
 * record, for sharing and
 * reproducing a decision. Rendering is pure (a string from a Session and a
 * time); writing goes through file_write_user, so a failed export never
 * leaves a partial file or destroys an existing one. */
#ifndef VERSUS_EXPORT_EXPORT_H
#define VERSUS_EXPORT_EXPORT_H

#include <stdbool.h>
#include <time.h>

#include "core/session.h"

/* The export formats, one row each: X(id, label, MIME type, renderer,
 * extension written, note for --help or NULL, --format names...). A path's
 * extension picks the first row that writes it; the first row is the
 * default. Adding a format is one row here and one renderer file
 * (export_NAME.c defining char *renderer(const Session *, time_t), the
 * whole document, caller frees). */
#define EXPORT_FORMATS(X)                                                                     \
    X(EXPORT_MARKDOWN, "Markdown", "text/markdown", export_render_markdown, "md", NULL, "md", \
      "markdown")                                                                             \
    X(EXPORT_JSON, "JSON", "application/json", export_render_json, "json", NULL, "json")      \
    X(EXPORT_CSV, "CSV", "text/csv", export_render_csv, "csv", NULL, "csv")                   \
    X(EXPORT_ADR, "ADR", "text/markdown", export_render_adr, "md", "a MADR 4.0 decision record", "adr") \
    X(EXPORT_HTML, "HTML", "text/html", export_render_html, "html",                             \
      "one self-contained report with charts, for a browser or print", "html", "htm")

#define EXPORT_FORMAT_ENUM(id, label, mime, render, ext, note, ...) id,
typedef enum ExportFormat { EXPORT_FORMATS(EXPORT_FORMAT_ENUM) } ExportFormat;
#undef EXPORT_FORMAT_ENUM
#define EXPORT_FORMAT_COUNT(id, label, mime, render, ext, note, ...) +1
enum { EXPORT_NFORMATS = 0 EXPORT_FORMATS(EXPORT_FORMAT_COUNT) };
#undef EXPORT_FORMAT_COUNT

#define EXPORT_NAMES_MAX 4

typedef struct ExportFormatInfo {
    const char *label;                   /* "Markdown": the dialog, messages */
    const char *mime;                    /* "text/markdown" */
    const char *extension;               /* "md": what the dialog's paths end in */
    const char *note;                    /* what --help says of it, or NULL */
    const char *names[EXPORT_NAMES_MAX]; /* --format names, NULL-terminated; [0] is listed */
    char *(*render)(const Session *s, time_t now); /* the whole document; caller frees */
} ExportFormatInfo;

/* The row of fmt (any value below EXPORT_NFORMATS). */
const ExportFormatInfo *export_format_info(ExportFormat fmt);
/* A --format name ("md", "markdown", "json", "csv", "adr") -> format;
 * false for anything else. */
bool export_format_from_name(const char *name, ExportFormat *out);
/* By the path's extension (the first format that writes it, any case);
 * the first format (Markdown) otherwise. */
ExportFormat export_format_from_path(const char *path);
/* The extension written: "md", "json", "csv" */
const char *export_format_extension(ExportFormat fmt);
/* "md, json, csv or adr" (labels: "Markdown, JSON, CSV or ADR"): every
 * format's first name or label, for messages and --help, in buf (truncated
 * to cap); returns buf. */
const char *export_format_names(char *buf, size_t cap, bool labels);

/* The whole document; `now` is the generated_at time. Caller frees. */
char *export_render(const Session *s, ExportFormat fmt, time_t now);

/* Renders and writes to path ("-" is stdout). Returns 0, or -1 with *err
 * set to a one-line message naming the path (caller frees). */
int export_write(const Session *s, ExportFormat fmt, const char *path, time_t now, char **err);
/* export_write for the dashboard, which must never freeze: a FIFO that no
 * one reads, or a reader that stops taking data, is an error, not a wait. */
int export_write_nowait(const Session *s, ExportFormat fmt, const char *path, time_t now, char **err);

#endif
