/* Terminal text for the widgets: UTF-8 code points and their display
 * widths, shared by the line editor, the console and the pager. */
#ifndef LT_ANSI_H
#define LT_ANSI_H

#include <stddef.h>
#include <stdint.h>

/* The code point at s[*i] (s holds len bytes), advancing *i past it; an
 * invalid or truncated sequence reads as U+FFFD and advances one byte. */
uint32_t lt_ansi_decode(const char *s, size_t len, size_t *i);
/* Cells a code point takes: 0 for control characters and zero-width ones
 * (combining marks, joiners), else 1 or 2 (CJK, emoji). */
int lt_ansi_width(uint32_t cp);
/* cp as UTF-8 in out; returns the byte count (1..4; U+FFFD for a code
 * point that is not one). */
int lt_ansi_encode(uint32_t cp, char out[4]);

#endif
