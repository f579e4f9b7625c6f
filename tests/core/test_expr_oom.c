/* Allocation failures in expression parsing and formatting: the k-th
 * malloc/calloc/realloc fails, for every k, and the parser must return
 * NULL with LT_ENOMEM, leak nothing (run under ASan) and never crash.
 * Linked with -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc. */
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "expr.h"
#include "oom.h"
#include "tap.h"

static const char *const sources[] = {
    "tenure > 12 and contract ~= 'Month-to-month'",
    "x:round(2) + abs(`a b` - -3) ^ 2 .. 'z'",
    "x:is_in{'a', nil, 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'}",
    "x:is_in{1, 2.5, 3, 4, 5, 6, 7, 8, 9, 10, 11}",
    "when(x == nil, 'long string to make the buffer grow beyond 64 bytes, surely', y ~= nil, 1, 2)",
    "{true, false, nil}",
    "rond(x)",
    "round(x, 1, 2)",
    "x > and",
};

int main(void)
{
    for (size_t i = 0; i < sizeof sources / sizeof *sources; i++) {
        const char *src = sources[i];
        lt_expr *want = lt_expr_parse(src);
        char *want_err = want ? NULL : strdup(lt_errmsg());
        char *want_text = want ? lt_expr_format(want) : NULL;
        int bad = 0, k = 0;
        for (;; k++) {
            failed = 0;
            countdown = k;
            lt_clearerr();
            lt_expr *e = lt_expr_parse(src);
            char *text = e ? lt_expr_format(e) : NULL;
            countdown = -1;
            if (!failed) {
                /* no allocation failed: the normal result */
                if (want ? !text || strcmp(text, want_text) != 0
                         : e || strcmp(lt_errmsg(), want_err) != 0)
                    bad++;
                free(text);
                lt_expr_unref(e);
                break;
            }
            if (e && !text && lt_errcode() != LT_ENOMEM)
                bad++;   /* format failed: must say so */
            /* parse failed: out of memory, or the source's own syntax error
             * (whose "did you mean" may be lost when the suggestion could
             * not allocate) */
            if (!e && lt_errcode() != LT_ENOMEM && (want || lt_errcode() != LT_EPARSE))
                bad++;
            if (e && text && strcmp(text, want_text) != 0)
                bad++;
            free(text);
            lt_expr_unref(e);
        }
        ok(bad == 0 && k > 0, "%d allocation failures while parsing \"%s\"", k, src);
        free(want_text);
        free(want_err);
        lt_expr_unref(want);
    }
    return tap_done();
}
