/* CSV reading and writing.
 *
 * Reading follows RFC 4180 (quoted fields may hold the separator, doubled
 * quotes and newlines), accepts a UTF-8 BOM and CRLF or LF line ends, and
 * infers each column's type over the whole file: bool (only with
 * parse_bool: true/false/yes/no, any case) -> i64 -> f64 -> str, with ISO
 * dates and datetimes as LT_TIME.  A column whose values are all missing
 * is f64 (as pandas reads it).
 *
 * Missing values: an unquoted field equal to one of the NA tokens (default
 * "", "NA", "N/A", "null", "NaN") is missing.  A quoted field is never
 * missing in a str column: `""` is the empty string and `"NA"` the two
 * letters.  In a non-str column a quoted empty field is missing.  The
 * writer mirrors this: missing is an empty unquoted field, an empty string
 * is written `""`, and a string equal to an NA token, or holding the
 * separator, a quote, CR or LF, or leading/trailing spaces, is quoted, so
 * that every frame the reader produces round-trips. */
#ifndef LT_CSV_H
#define LT_CSV_H

#include "frame.h"
#include "progress.h"

typedef struct lt_csv_opts {
    char sep;                  /* 0 = sniff among , ; \t | (default 0) */
    bool header;               /* first row holds names (default true);
                                  without it columns are V1, V2, ... */
    int64_t skip;              /* lines to skip before the header (default 0) */
    int64_t nrows;             /* data rows to read, -1 = all (default -1) */
    const char *const *na;     /* NA tokens, NULL = the default list */
    int nna;
    const char *const *columns;/* read only these columns (in file order), NULL = all */
    int ncolumns;
    const char *const *type_cols; /* force types: column names ... */
    const lt_type *types;         /* ... and their types */
    const lt_time_kind *tkinds;   /* ... and time kinds (may be NULL) */
    int ntypes;
    bool parse_bool;           /* infer bool columns (default false) */
    bool parse_times;          /* infer date/datetime columns (default true) */
    int threads;               /* 0 = all available (default 0) */
    lt_progress *progress;     /* may be NULL */
} lt_csv_opts;

void lt_csv_opts_init(lt_csv_opts *o);

/* Read a CSV file.  Errors name the file and line: "data.csv:17: row has 4
 * fields, expected 3", "unterminated quote starting at line 9", "invalid
 * UTF-8 in column 'name'".  LT_ECANCELED when progress->cancel was set. */
lt_frame *lt_csv_read(const char *path, const lt_csv_opts *o);
/* The same on a memory buffer; `name` appears in messages. */
lt_frame *lt_csv_read_buffer(const char *buf, size_t len, const char *name,
                             const lt_csv_opts *o);

typedef struct lt_csv_write_opts {
    char sep;                  /* default ',' */
    bool header;               /* default true */
    const char *na;            /* written for missing values, default "" */
    lt_progress *progress;
} lt_csv_write_opts;

void lt_csv_write_opts_init(lt_csv_write_opts *o);

/* Write atomically: to a temporary file in the same directory, then
 * rename over `path`.  Doubles are written with the shortest representation
 * that reads back to the same bits ("%.17g" trimmed), times in ISO 8601.
 * 0 or LT_EIO (naming the file and the system's reason). */
int lt_csv_write(const lt_frame *f, const char *path, const lt_csv_write_opts *o);

#endif
