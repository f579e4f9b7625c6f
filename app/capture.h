/* While the workbench owns the terminal, everything the process writes
 * to stdout and stderr (Lua's print, help texts, C libraries' warnings,
 * OpenBLAS complaining) goes to an unlinked temporary file instead, and
 * the console pane reads it back: output can never land on top of the
 * curses screen, nothing is lost, and a command that prints a lot never
 * blocks (a pipe would fill while the only reader runs the command). */
#ifndef LT_CAPTURE_H
#define LT_CAPTURE_H

#include <stddef.h>
#include <stdio.h>

/* Point stdout and stderr at the capture file.  Returns a stream on the
 * terminal the process had on stdout (for curses), or NULL with errno
 * (nothing changed). */
FILE *lt_capture_start(void);

/* Flush stdio and read what was written since the last call: a malloc'd
 * buffer (the caller frees) with *len bytes, NULL when there is nothing
 * new or no memory.  At most `max` bytes are returned; the rest waits for
 * the next call. */
char *lt_capture_drain(size_t max, size_t *len);

/* Give stdout and stderr back to the terminal, writing to it what was
 * captured and not drained, and close the capture file.  Idempotent. */
void lt_capture_stop(void);

#endif
