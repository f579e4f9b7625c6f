/* Terminal text for the widgets: code points as UTF-8 (decoding and
 * widths are canvas.h's lt_text_decode and lt_text_cp_width), and a
 * writer that turns output as a terminal would receive it (SGR colours,
 * '\r', tabs, control characters, escape sequences) into lines of styled
 * cells.  The line editor, the console and the pager share it. */
#ifndef LT_ANSI_H
#define LT_ANSI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "canvas.h"

/* cp as UTF-8 in out; returns the byte count (1..4; U+FFFD for a code
 * point that is not one). */
int lt_ansi_encode(uint32_t cp, char out[4]);

/* The look of a cell: colours and LT_CELL_* flags (LT_CELL_FG and
 * LT_CELL_BG say which colours are set). */
typedef struct lt_ansi_attr {
    lt_rgb fg, bg;
    uint8_t flags;
} lt_ansi_attr;

bool lt_ansi_attr_eq(lt_ansi_attr a, lt_ansi_attr b);

/* Colour i of the xterm palette: 0..15 the ANSI colours (chosen so that
 * lt_rgb_ansi16 gives i back), 16..231 the 6x6x6 cube, 232..255 greys. */
lt_rgb lt_ansi_color(int i);

/* One cell of a line; ch 0 is the right half of a wide character. */
typedef struct lt_ansi_cell {
    uint32_t ch;
    lt_ansi_attr a;
} lt_ansi_cell;

/* Longest line the writer builds; longer output goes on (as if a '\n'
 * came) in the next line, so that one huge line cannot take the memory
 * of a cell per byte without end. */
#define LT_ANSI_MAX_CELLS 16384

/* The line being written, as a terminal holds it: cells[0..n), the
 * cursor at col, the attributes SGR left (cur) and the ones a reset
 * returns to (base); and the parser's state between writes, so that an
 * escape or UTF-8 sequence may be split across them. */
typedef struct lt_ansi_writer {
    lt_ansi_attr base, cur;
    lt_ansi_cell *cells;
    int n, cap, col;
    uint8_t state;
    uint8_t nseq;
    bool seq_bad;
    char seq[46];             /* CSI parameter bytes */
    uint8_t npend;
    unsigned char pend[4];    /* a UTF-8 sequence begun */
} lt_ansi_writer;

/* Called at the end of each line ('\n', or LT_ANSI_MAX_CELLS reached)
 * with the finished line in w->cells[0..w->n), which it may change; the
 * writer then starts an empty line.  Returns 0 or a negative LT_E*
 * code, which stops the write. */
typedef int (*lt_ansi_eol)(void *ctx, lt_ansi_writer *w);

void lt_ansi_writer_init(lt_ansi_writer *w, lt_ansi_attr base);
void lt_ansi_writer_fini(lt_ansi_writer *w);
/* Forget the line and the parser's state; the attributes go back to
 * base. */
void lt_ansi_writer_reset(lt_ansi_writer *w, lt_ansi_attr base);

/* Feed len bytes of output: printable characters are written at the
 * cursor (wide ones take two cells, over whatever was there; a
 * zero-width character combines with the one before or is dropped),
 * '\n' ends the line, '\r' returns to its start, '\t' goes to the next
 * multiple of 8, other control characters show as ^X in reverse video
 * (C1 controls and invalid UTF-8 as U+FFFD).  Escape sequences: SGR
 * (ESC [ ... m: 0 reset, 1 bold, 2 dim, 4 underline, 7 reverse, 22 24
 * 27 their ends, 30-37 39 40-47 49 90-97 100-107, 38/48;5;n and
 * 38/48;2;r;g;b, also with ':') sets the attributes, EL (ESC [ K, 1 K,
 * 2 K) erases in the line; other CSI, OSC, DCS and two-byte escapes are
 * dropped.  Returns 0, LT_ENOMEM, or what eol returned. */
int lt_ansi_write(lt_ansi_writer *w, const char *s, size_t len, lt_ansi_eol eol,
                  void *ctx);
/* Text that has no escape sequences (an input line): as lt_ansi_write
 * without eol, but every control character except tab shows as ^X
 * (ESC as ^[, '\n' as ^J).  With `end` the text ends there: a UTF-8
 * sequence begun shows as U+FFFD and the cells run up to the cursor (a
 * tab at the end leaves its blanks).  0 or LT_ENOMEM. */
int lt_ansi_write_plain(lt_ansi_writer *w, const char *s, size_t len, bool end);

#endif
