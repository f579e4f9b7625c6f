/* CSV reading and writing.
 *
 * Reading follows RFC 4180 (quoted fields may hold the separator, doubled
 * quotes and newlines), accepts a UTF-8 BOM and CRLF or LF line ends, and
 * infers each column's type over the whole file: bool (only with
 * parse_bool: true/false/yes/no, any case) -> i64 -> f64 -> str, with ISO
 * dates and datetimes as LT_TIME.  A column whose values are all missing
 * is f64 (as pandas reads it), unless some of them are quoted empty
 * fields: then it is a str column of empty strings (and missing values).
 *
 * Missing values: an unquoted field equal to one of the NA tokens (default
 * "", "NA", "N/A", "null", "NaN") is missing.  A quoted field is never
 * missing in a str column: `""` is the empty string and `"NA"` the two
 * letters.  In a non-str column a quoted empty field is missing.  The
 * writer mirrors this: missing is an empty unquoted field, an empty string
 * is written `""`, and a string equal to an NA token, or holding the
 * separator, a quote, CR or LF, or leading/trailing spaces, is quoted, so
 * that every frame the reader produces round-trips (one read with forced
 * types reads back the same with the same types).
 *
 * Further reading rules (choices where the RFC is silent):
 * - Types: a column mixing i64 and f64 values is f64, one mixing dates and
 *   datetimes is a datetime column, any other mix is str.  Integers beyond
 *   int64 make the column f64.  inf/Inf/-inf/infinity are f64 infinities,
 *   "nan" (when not an NA token) a missing f64.  Quoted fields are
 *   inferred like unquoted ones ("12" is a number).  Strings keep their
 *   text as is; for every other reading (numbers, dates, bools, NA tokens)
 *   spaces and tabs around an unquoted field are ignored.
 * - Text after a closing quote is kept ("ab"c reads abc, as pandas does);
 *   a quote inside an unquoted field is an ordinary character.  String
 *   values and names must be UTF-8 without NUL bytes (an error names the
 *   line and column otherwise).
 * - A line end is LF or CRLF (or a CR ending the file); another CR is
 *   data.  Blank lines are skipped when the file has more than one
 *   column; in a one-column file a blank line is a missing value (that is
 *   how the writer writes one).
 * - Header: unquoted names are trimmed; an empty name becomes V<i> (i =
 *   1-based position); a repeated name gets ".1", ".2" ... (the first
 *   suffix not otherwise used), so a,a,b reads as a, a.1, b.
 * - An empty file (or one with only blank lines or a BOM) gives a frame of
 *   0 rows and 0 columns.  A header without rows gives 0-row columns of
 *   type f64 (or the forced type).
 * - Forced types (type_cols/types): every value must read as that type;
 *   one that does not is an error naming the file, line, column and
 *   value.  A forced bool also accepts 1/0; a forced date accepts
 *   datetimes at midnight; a forced LT_TIME without tkinds is a date
 *   column unless some value is written as a datetime.
 * - The result is the same for any thread count.  Reading is parallel
 *   unless threads is 1 or nrows is given. */
#ifndef LT_CSV_H
#define LT_CSV_H

#include "frame.h"
#include "progress.h"

typedef struct lt_csv_opts {
    char sep;                  /* 0 = sniff among , \t ; | (default 0): the
                                  one splitting the first rows into the
                                  same number (> 1) of fields, most fields
                                  winning; ',' when none does */
    bool header;               /* first row holds names (default true);
                                  without it columns are V1, V2, ... */
    int64_t skip;              /* lines to skip before the header (default 0);
                                  physical lines, quotes are not looked at */
    int64_t nrows;             /* data rows to read, -1 = all (default -1) */
    const char *const *na;     /* NA tokens replacing the default list
                                  (at most 64), NULL = the default list */
    int nna;
    const char *const *columns;/* read only these columns (in file order), NULL = all */
    int ncolumns;
    const char *const *type_cols; /* force types: column names ... */
    const lt_type *types;         /* ... and their types */
    const lt_time_kind *tkinds;   /* ... and time kinds (may be NULL) */
    int ntypes;
    bool parse_bool;           /* infer bool columns (default false) */
    bool parse_times;          /* infer date/datetime columns (default true) */
    char decimal;              /* decimal mark of numbers: '.' (default) or ','
                                  ("1,5" reads 1.5; then sep must not be ',',
                                  and sniffing leaves ',' out) */
    int threads;               /* 0 = all available (default 0) */
    lt_progress *progress;     /* may be NULL */
} lt_csv_opts;

/* The default NA tokens: "", "NA", "N/A", "null", "NaN". */
#define LT_CSV_NA_DEFAULT_N 5
extern const char *const lt_csv_na_default[LT_CSV_NA_DEFAULT_N];

void lt_csv_opts_init(lt_csv_opts *o);

/* Read a CSV file.  Errors name the file and line: "data.csv:17: row has 4
 * fields, expected 3", "data.csv:9: unterminated quote ...",
 * "data.csv:12: invalid UTF-8 in column 'name'", "cannot open 'x.csv': No
 * such file or directory" (LT_EIO); LT_EPARSE for malformed content,
 * LT_EINVAL for options naming absent columns.  LT_ECANCELED when
 * progress->cancel was set; progress is reported from the calling thread
 * about every 1% of the file.  `o` may be NULL for the defaults. */
lt_frame *lt_csv_read(const char *path, const lt_csv_opts *o);
/* The same on a memory buffer; `name` appears in messages. */
lt_frame *lt_csv_read_buffer(const char *buf, size_t len, const char *name,
                             const lt_csv_opts *o);

typedef struct lt_csv_write_opts {
    char sep;                  /* default ',' */
    bool header;               /* default true */
    const char *na;            /* written for missing values, default "" */
    char decimal;              /* decimal mark of doubles: '.' (default) or ',' */
    bool fsync;                /* fsync the file before renaming it over
                                  `path` (default false) */
    int threads;               /* formatting threads, 0 = all (default 0) */
    lt_progress *progress;
} lt_csv_write_opts;

void lt_csv_write_opts_init(lt_csv_write_opts *o);

/* Write atomically: to a temporary file in the same directory, then
 * rename over `path`.  Doubles are written with the shortest representation
 * that reads back to the same bits (integral ones as "3.0", so they read
 * back as f64; infinities as inf/-inf), times as lt_time_format writes
 * them, bools as true/false, lines end with LF.  0, LT_EIO (naming the
 * file and the system's reason) or LT_ECANCELED (the file is then left
 * untouched).  `o` may be NULL for the defaults. */
int lt_csv_write(const lt_frame *f, const char *path, const lt_csv_write_opts *o);

#endif
