/* Inline images in terminals: which protocol the terminal speaks, and the
 * escape sequences that show an image through it.
 *
 * Detection (once per process, cached) writes a kitty graphics query
 * ("a=q" for a 1x1 image) followed by a DA1 request (ESC [ c) to the
 * terminal and reads the answers with the terminal in raw mode, until the
 * DA1 answer or a timeout: a kitty "OK" answer means kitty; a 4 among the
 * DA1 attributes means sixel.  When the terminal answers DA1 alone, or not
 * at all, environment hints decide: TERM_PROGRAM=iTerm.app or WezTerm
 * (iTerm2's protocol), TERM=xterm-kitty, KITTY_WINDOW_ID.  Inside tmux
 * ($TMUX set) queries and images are wrapped in tmux's passthrough
 * (ESC P tmux; ... ESC \ with every ESC doubled), which needs
 * `allow-passthrough on`; without an answer, nothing is shown.  Nothing
 * is written when in or out is not a terminal, or when LUNETTE_IMAGES=0. */
#ifndef LT_TERM_IMAGE_H
#define LT_TERM_IMAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum lt_image_proto {
    LT_IMAGE_NONE, LT_IMAGE_KITTY, LT_IMAGE_SIXEL, LT_IMAGE_ITERM2
} lt_image_proto;

/* The protocol of the terminal on in_fd/out_fd (timeout in milliseconds
 * for the answer, e.g. 300).  LT_IMAGE_NONE when not a terminal or no
 * protocol is spoken.  The first result is cached. */
lt_image_proto lt_term_image_detect(int in_fd, int out_fd, int timeout_ms);

/* Parse a terminal's answer to the two queries above (what
 * lt_term_image_detect read), for tests: kitty OK, sixel in DA1. */
lt_image_proto lt_term_image_parse_reply(const char *reply, size_t len);

/* Escape sequences that show an image at the cursor and move the cursor
 * below it, malloc'd with their length in *len (NULL on allocation
 * failure).  `tmux` wraps them for tmux passthrough.
 *   kitty:  the PNG, base64, in chunks of 4096 (a=T, f=100, m=1 ... m=0);
 *   iTerm2: OSC 1337 File=inline=1;size=N: base64 PNG BEL;
 *   sixel:  DCS q with a palette of at most 256 colours (median cut or a
 *           fixed 6x7x6 cube, dithering-free) and the pixels, six rows per
 *           band, run-length encoded, ST. */
char *lt_term_image_kitty(const unsigned char *png, size_t png_len, bool tmux,
                          size_t *len);
char *lt_term_image_iterm2(const unsigned char *png, size_t png_len, bool tmux,
                           size_t *len);
char *lt_term_image_sixel(const uint8_t *rgba, int width, int height,
                          bool tmux, size_t *len);

#endif
