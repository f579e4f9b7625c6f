/* Edit-distance suggestions for unknown names (see suggest.h). */
#include "suggest.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

size_t lt_edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    /* Three rolling rows: i-2, i-1, i (transpositions look two rows back). */
    size_t *buf = malloc(3 * (lb + 1) * sizeof *buf);
    if (!buf)
        return SIZE_MAX;
    size_t *prev2 = buf, *prev = buf + lb + 1, *row = buf + 2 * (lb + 1);
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t best = prev[j - 1] + (a[i - 1] != b[j - 1]);
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]
                && prev2[j - 2] + 1 < best)
                best = prev2[j - 2] + 1;
            row[j] = best;
        }
        size_t *t = prev2;
        prev2 = prev;
        prev = row;
        row = t;
    }
    size_t d = prev[lb];
    free(buf);
    return d;
}

const char *lt_suggest(const char *name, const char *const *candidates, int n)
{
    size_t len = strlen(name);
    size_t limit = len <= 4 ? 1 : len / 3 > 2 ? len / 3 : 2;
    const char *best = NULL;
    size_t best_d = SIZE_MAX;
    for (int i = 0; i < n; i++) {
        if (strcasecmp(name, candidates[i]) == 0)
            return candidates[i];
        size_t d = lt_edit_distance(name, candidates[i]);
        if (d < best_d) {
            best_d = d;
            best = candidates[i];
        }
    }
    return best_d <= limit ? best : NULL;
}
