/* Growable strings: text built piece by piece with printf-style
 * appends, checked for allocation failure once at the end. */
#ifndef LT_SBUF_H
#define LT_SBUF_H

#include <stdbool.h>
#include <stddef.h>

/* A growable string for text built piece by piece (help texts, the
 * __tostring of objects, the notes of a drift report): start from {0}; after a failed
 * allocation `oom` is set and further writes do nothing. */
typedef struct lt_sbuf {
    char *s;
    size_t len, cap;
    bool oom;
} lt_sbuf;

/* Append printf-style text to b. */
void lt_sbuf_printf(lt_sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The finished string (malloc'd, the caller's), or NULL after an
 * allocation failure or when nothing was written; b is spent. */
char *lt_sbuf_take(lt_sbuf *b);
/* The finished text without its last newlines, "" when nothing was
 * written (malloc'd, the caller's), or NULL after an allocation failure;
 * b is spent.  For __tostring, which adds no newline of its own. */
char *lt_sbuf_take_text(lt_sbuf *b);

#endif
