/* Inline images in terminals: which protocol the terminal speaks, and the
 * escape sequences that show an image through it.
 *
 * Detection (once per process, cached) writes a kitty graphics query
 * ("a=q" for a 1x1 image) followed by a DA1 request (ESC [ c) to the
 * terminal and reads the answers with the terminal in raw mode, until the
 * DA1 answer or a timeout.  The answer decides, best protocol first:
 *   1. a kitty "OK" for the query: kitty;
 *   2. TERM_PROGRAM=iTerm.app or WezTerm, or LC_TERMINAL=iTerm2: iTerm2's
 *      protocol (a full-colour PNG beats sixel's 256 colours there);
 *   3. a 4 among the DA1 attributes (the parameters after the first): sixel;
 *   4. TERM=xterm-kitty or KITTY_WINDOW_ID, outside tmux, when the kitty
 *      query got no answer at all (an error answer says no): kitty.
 * Environment hints (2, 4) count only when the terminal answered and no
 * GNU screen ($STY) or zellij ($ZELLIJ) stands between: programs started in
 * a multiplexer inherit them, and the multiplexer answers DA1 itself but
 * drops the images.  No answer at all (tmux without passthrough, a
 * multiplexer that swallows queries, a serial line) means LT_IMAGE_NONE.
 * Inside tmux ($TMUX set) queries and images are wrapped in tmux's
 * passthrough (ESC P tmux; ... ESC \ with every ESC doubled), which needs
 * `set -g allow-passthrough on`, and the outer terminal answers.  There a
 * status report request (DSR 5, answered ESC [ 0 n) follows DA1 and ends
 * the wait instead: tmux 3.3 and older keep the outer DA1 answer to
 * themselves (so sixel is not seen through them) but pass on the others.
 * Nothing is written when in or out is not a terminal, when TERM is unset
 * or "dumb", when LUNETTE_IMAGES=0, or when the process is not in the
 * terminal's foreground process group (these checks are not cached).
 *
 * Limits inside tmux: tmux does not know about passthrough images, so
 * scrolling, clearing or switching panes erases them; a kitty image is
 * placed at the outer terminal's cursor (kitty's unicode placeholders
 * would make it a tmux citizen, not done here); and tmux drops a
 * passthrough sequence longer than its input buffer (1 MiB by default), so
 * kitty images are wrapped chunk by chunk and a wrapped sixel or iTerm2
 * image over 1 MiB is refused (NULL, LT_EINVAL) for the caller to fall
 * back to text. */
#ifndef LT_TERM_IMAGE_H
#define LT_TERM_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum lt_image_proto {
    LT_IMAGE_NONE, LT_IMAGE_KITTY, LT_IMAGE_SIXEL, LT_IMAGE_ITERM2
} lt_image_proto;

/* The protocol of the terminal on in_fd/out_fd (timeout in milliseconds
 * for the answer, e.g. 300; at most 0: LT_IMAGE_NONE, nothing written).
 * LT_IMAGE_NONE when not a terminal or no protocol is spoken.  The first
 * result of a query is cached (call it from one thread); the terminal's
 * settings are restored before returning, whatever happens.  Keys typed
 * during the query (before the last answer) are consumed; an answer that
 * comes after the timeout reaches the program as input. */
lt_image_proto lt_term_image_detect(int in_fd, int out_fd, int timeout_ms);

/* Parse a terminal's answer to the two queries above (what
 * lt_term_image_detect read), without environment hints: LT_IMAGE_KITTY for
 * a complete kitty "OK" to the query (i=31), else LT_IMAGE_SIXEL for a
 * complete DA1 answer with attribute 4, else LT_IMAGE_NONE.  Other bytes
 * around and between the answers (keys typed meanwhile) are skipped. */
lt_image_proto lt_term_image_parse_reply(const char *reply, size_t len);

/* Escape sequences that show an image at the cursor and move the cursor
 * below it (a newline ends them), malloc'd and NUL-terminated with their
 * length in *len; NULL on allocation failure (LT_ENOMEM) or with LT_EINVAL
 * for an empty PNG, a size below 1 x 1, or a tmux-wrapped sixel or iTerm2
 * image over 1 MiB.  `tmux` wraps them for tmux passthrough (pass
 * getenv("TMUX") != NULL, as detection does).
 *   kitty:  the PNG, base64, in chunks of 4096 characters (a=T, f=100,
 *           m=1 ... m=0), q=2 so that the terminal sends no reply;
 *   iTerm2: OSC 1337 File=inline=1;size=N;preserveAspectRatio=1: base64
 *           PNG BEL;
 *   sixel:  rgba is width * height * 4 bytes, R G B A, not premultiplied,
 *           rows top-down, composited on white.  DCS 0;1 q (unset pixels
 *           stay transparent), raster attributes, a palette of at most 256
 *           colours in percent RGB (the image's own colours when there are
 *           at most 256, else a median cut of a 5-bit-per-channel histogram;
 *           no dithering), then the pixels six rows per band, run-length
 *           encoded, ST. */
char *lt_term_image_kitty(const unsigned char *png, size_t png_len, bool tmux,
                          size_t *len);
char *lt_term_image_iterm2(const unsigned char *png, size_t png_len, bool tmux,
                           size_t *len);
char *lt_term_image_sixel(const uint8_t *rgba, int width, int height,
                          bool tmux, size_t *len);

#endif
