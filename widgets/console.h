/* The console pane: the scrollback of everything a session printed, and
 * the input line that the app's readline edits, drawn at the bottom.
 *
 * Text arrives through lt_console_write in any chunks (the app drains the
 * captured stdout/stderr into it): lines split at '\n', a '\r' not before
 * '\n' returns to the start of the line (progress output overwrites),
 * tabs expand to 8-column stops, SGR colour sequences (ESC [ ... m: bold,
 * dim, reverse, underline, 16/256/24-bit fg and bg, resets) colour the
 * text, other escape sequences are dropped, other control characters show
 * as ^X.  Each line also carries a style from its writer: output, error
 * text (red), the echo of a command (the prompt dim, the code bold), or a
 * note (dim: the grid's recorded actions, messages of the workbench).
 * Long lines wrap at the pane width; wide characters (CJK, emoji) take
 * two cells and never split across rows.  The oldest lines go once the
 * scrollback passes its limit.
 *
 * The view follows the end unless the user scrolled back: PgUp/PgDn by a
 * page, the mouse wheel by 3 rows, Ctrl-Home/Ctrl-End to the top or the
 * end.  Ctrl-F opens a search prompt on the last row: Enter finds the
 * text (case-insensitive, searching back from the view), Ctrl-F or Enter
 * again the previous match, Esc closes; matches are highlighted.  New
 * output while scrolled back keeps the view where it is and shows
 * "↓ N new lines" on the last row.
 *
 * Keys other than these are not handled (0): the app hands them to
 * readline.  While the search prompt is open the console takes every key
 * (lt_console_busy). */
#ifndef LT_CONSOLE_H
#define LT_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

#include "widget.h"

typedef enum lt_console_style {
    LT_CONSOLE_OUT,    /* program output */
    LT_CONSOLE_ERR,    /* errors: red */
    LT_CONSOLE_ECHO,   /* "> code": a command as typed, the prompt dim */
    LT_CONSOLE_NOTE    /* messages of the workbench: dim */
} lt_console_style;

typedef struct lt_console lt_console;

/* A console keeping up to max_lines lines (at least 100); NULL without
 * memory. */
lt_console *lt_console_new(int max_lines);
lt_widget *lt_console_widget(lt_console *c);   /* lt_widget_free frees c */

/* Append text.  Consecutive writes of one style continue the same line
 * until a '\n'; a write of another style starts a new line when the
 * current one is not empty.  Returns 0, or LT_ENOMEM. */
int lt_console_write(lt_console *c, const char *s, size_t len, lt_console_style style);

/* The input line: prompt ("> " or ">> "), the text being edited and the
 * cursor as a byte offset into it.  Drawn below the scrollback, wrapped
 * like output; the cursor column counts display widths.  prompt NULL
 * hides the input line (a command is running). */
int lt_console_set_input(lt_console *c, const char *prompt, const char *line, int point);

/* Scroll back by `rows` display rows (negative: forward); clamped. */
void lt_console_scroll(lt_console *c, int rows);
/* Go to the end and follow new output again. */
void lt_console_follow(lt_console *c);
/* Forget every line (Ctrl-L in the workbench). */
void lt_console_clear(lt_console *c);
/* Whether the console takes every key (the search prompt is open). */
bool lt_console_busy(const lt_console *c);

/* For tests and the app: the lines kept, as plain text without colour
 * (the line being written counts; index 0 is the oldest). */
int lt_console_nlines(const lt_console *c);
const char *lt_console_line(const lt_console *c, int i);

#endif
