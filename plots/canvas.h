/* A cell grid the text renderer draws into: the model both plain stdout
 * and the TUI's plot pane show (no curses here).  A cell holds one
 * character (a Unicode code point of display width 1, or 0 for the right
 * half of a wide character) with a foreground and an optional background
 * colour.  Braille sub-cells give 2 x 4 dots per cell for lines and points.
 *
 * lt_canvas_to_ansi turns the grid into text with SGR colour sequences for
 * the terminal's colour depth: none (plain text, NO_COLOR), the 16 ANSI
 * colours, the 256-colour cube or 24-bit colour; lines carry no trailing
 * spaces.  With `ascii`, characters outside ASCII are replaced by ASCII
 * stand-ins (braille by the direction of the line through its dots, '-',
 * '_', '|', '/', '\\', or 'o', '.', ':', '*' by shape and density; blocks by
 * '#', low eighths by '_', shades by '.', ':', '%'; box lines by '-', '|',
 * '+', double lines by '='; letters lose their accents; others '?'), for
 * LUNETTE_ASCII=1 and dumb terminals. */
#ifndef LT_CANVAS_H
#define LT_CANVAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "palette.h"

enum {
    LT_CELL_FG = 1,      /* fg is set (else the terminal's default) */
    LT_CELL_BG = 2,      /* bg is set */
    LT_CELL_BOLD = 4,
    LT_CELL_DIM = 8,     /* muted: with 16 colours drawn faint in the
                            default colour (fg dropped), with more in its
                            own fg (faint when it has none) */
    LT_CELL_BRAILLE = 16,/* ch is U+2800 + dots, merged by lt_canvas_dot */
    LT_CELL_REVERSE = 32,/* fg and bg swapped: the cursor of the TUI's
                            lists, visible without colour */
    LT_CELL_UNDERLINE = 64
};

typedef struct lt_cell {
    uint32_t ch;
    lt_rgb fg, bg;
    uint8_t flags;
} lt_cell;

typedef struct lt_canvas {
    int w, h;            /* in cells */
    lt_cell *cells;      /* w * h, row-major */
} lt_canvas;

typedef enum lt_color_mode {
    LT_COLOR_NONE, LT_COLOR_16, LT_COLOR_256, LT_COLOR_TRUE
} lt_color_mode;

/* A blank canvas (spaces, no colour) of w x h cells (1..10000 each), or
 * NULL. */
lt_canvas *lt_canvas_new(int w, int h);
void lt_canvas_free(lt_canvas *c);   /* NULL is a no-op */

/* Drawing; everything outside the grid is clipped. */
void lt_canvas_put(lt_canvas *c, int x, int y, uint32_t ch, const lt_rgb *fg,
                   uint8_t flags);
/* UTF-8 text from (x, y), clipped at max_cells cells (and the edge); wide
 * characters take two cells, control characters are skipped.  Returns the
 * cells written. */
int lt_canvas_text(lt_canvas *c, int x, int y, const char *s, int max_cells,
                   const lt_rgb *fg, uint8_t flags);
void lt_canvas_fill_bg(lt_canvas *c, int x, int y, int w, int h, lt_rgb bg);
/* Dot (dx, dy) of the braille grid (dx in 0..2w-1, dy in 0..4h-1), ORed
 * into the cell; the cell takes the colour of its latest dot. */
void lt_canvas_dot(lt_canvas *c, int dx, int dy, const lt_rgb *fg);
/* A line of dots between two braille-grid points (Bresenham). */
void lt_canvas_dot_line(lt_canvas *c, int x0, int y0, int x1, int y1,
                        const lt_rgb *fg);
/* The same from end points in dot units given as doubles, which may lie
 * far outside the grid (the segment is clipped before rounding; a NaN or
 * infinite end draws nothing); step i of the walk sets its dot when bit
 * (i / 2) % 8 of `pattern` is set (0xFF solid, 0x55 dotted, 0x3F
 * dashed). */
void lt_canvas_dot_linef(lt_canvas *c, double x0, double y0, double x1,
                         double y1, const lt_rgb *fg, uint8_t pattern);

/* Display width in cells of UTF-8 s (utf8proc; control characters count
 * 0). */
int lt_text_width(const char *s);
/* The code point at s[*i] (s holds len bytes), advancing *i past it; an
 * invalid or truncated sequence reads as U+FFFD and advances one byte. */
uint32_t lt_text_decode(const char *s, size_t len, size_t *i);
/* Cells a code point takes: 0 for control characters and zero-width ones
 * (combining marks, joiners) and for what is not a code point, else 1 or
 * 2 (CJK, emoji). */
int lt_text_cp_width(uint32_t cp);

/* The colour depth for stdout from the environment: NONE when NO_COLOR is
 * set and non-empty, TERM is unset or "dumb", or `tty` is false; TRUE when
 * COLORTERM is "truecolor" or "24bit"; 256 when TERM contains "256color";
 * else 16. */
lt_color_mode lt_color_mode_detect(bool tty);
/* ASCII only: LUNETTE_ASCII=1, TERM=dumb, or a locale naming another
 * charset ("en_US.ISO-8859-1"; "C" and no locale count as UTF-8). */
bool lt_ascii_detect(void);

/* The nearest of the 16 ANSI colours (0..7 normal, 8..15 bright) for a
 * foreground or, with `bg`, a background (muted tints become greys), and
 * of the xterm 256-colour palette beyond the first 16 (16..255). */
int lt_rgb_ansi16(lt_rgb c, bool bg);
int lt_rgb_xterm256(lt_rgb c);

/* The ASCII stand-in of a non-ASCII character of one cell, as the
 * `ascii` mode of lt_canvas_to_ansi writes it. */
char lt_ascii_of(uint32_t ch);

/* The grid as text, rows joined by '\n' (no final newline), malloc'd with
 * its length in *len, or NULL. */
char *lt_canvas_to_ansi(const lt_canvas *c, lt_color_mode mode, bool ascii,
                        size_t *len);

#endif
