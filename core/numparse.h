/* Numbers as text: exact parsing and shortest round-trip formatting.
 *
 * Both directions ignore the C library's locale (the decimal point is
 * always '.'), so that a host calling setlocale() for its terminal does not
 * change how files are read or written.  Parsing gives the correctly
 * rounded double (the same bits as strtod in the "C" locale); formatting
 * gives text that parses back to the same bits. */
#ifndef LT_NUMPARSE_H
#define LT_NUMPARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* s[0..n) as a decimal integer: optional sign, digits only.  Returns 1 with
 * *out set, 2 when the syntax is an integer but the value is outside
 * int64, 0 when it is not an integer. */
int lt_num_parse_i64(const char *s, size_t n, int64_t *out);

/* s[0..n) as a double: [+-] digits [. digits] [e [+-] digits] (either
 * digit run may be empty, not both), or inf, infinity, nan in any case
 * with an optional sign.  No spaces, no hex.  Out-of-range values give
 * +-inf or +-0 as strtod does.  Returns false when s is not a number. */
bool lt_num_parse_f64(const char *s, size_t n, double *out);

/* The shortest text that lt_num_parse_f64 (or strtod) reads back to the
 * same bits: "0.1", "1e+300", "5e-324", "-0.0", "inf", "-inf", "nan".
 * Integral values keep a ".0" ("3.0") so that they read back as floats.
 * buf must hold 32 bytes; returns the length (buf is NUL-terminated). */
size_t lt_num_format_f64(double v, char *buf);

/* Decimal text of v into buf (24 bytes); returns the length. */
size_t lt_num_format_i64(int64_t v, char *buf);

#endif
