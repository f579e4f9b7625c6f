/* Allocation-failure injection for the *_oom tests: the k-th
 * malloc/calloc/realloc fails.  A test sets `countdown = k` (allocations
 * left before one fails; -1: never) and `failed = 0`, runs, then reads
 * `failed` to learn whether an allocation did fail.
 * Include it once, in the one file of a test executable linked with
 * -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc (oom_link_args in
 * tests/meson.build): it defines the __wrap_* functions. */
#ifndef LT_OOM_H
#define LT_OOM_H

#include <stddef.h>

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);

static long countdown = -1;   /* allocations left before one fails; -1: never */
static int failed;

static int fail_now(void)
{
    if (countdown < 0)
        return 0;
    if (countdown-- == 0) {
        failed = 1;
        return 1;
    }
    return 0;
}

void *__wrap_malloc(size_t n) { return fail_now() ? NULL : __real_malloc(n); }
void *__wrap_calloc(size_t n, size_t size) { return fail_now() ? NULL : __real_calloc(n, size); }
void *__wrap_realloc(void *p, size_t n) { return fail_now() ? NULL : __real_realloc(p, n); }

#endif
