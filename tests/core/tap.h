/* A minimal TAP producer for the C unit tests (meson's protocol: 'tap').
 * Each test file includes this once, calls the checks, and returns
 * tap_done() from main. */
#ifndef LT_TAP_H
#define LT_TAP_H

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static void tap_result(int pass, const char *fmt, va_list ap)
{
    tap_n++;
    if (!pass)
        tap_failed++;
    printf("%s %d - ", pass ? "ok" : "not ok", tap_n);
    vprintf(fmt, ap);
    putchar('\n');
}

__attribute__((format(printf, 2, 3), unused))
static int ok(int pass, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tap_result(pass, fmt, ap);
    va_end(ap);
    return pass;
}

/* |got - want| <= tol, or both NaN. */
__attribute__((format(printf, 4, 5), unused))
static int is_num(double got, double want, double tol, const char *fmt, ...)
{
    int pass = (isnan(got) && isnan(want)) || got == want || fabs(got - want) <= tol;
    va_list ap;
    va_start(ap, fmt);
    tap_result(pass, fmt, ap);
    va_end(ap);
    if (!pass)
        printf("#   got %.17g, want %.17g\n", got, want);
    return pass;
}

__attribute__((format(printf, 3, 4), unused))
static int is_int(long long got, long long want, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    tap_result(got == want, fmt, ap);
    va_end(ap);
    if (got != want)
        printf("#   got %lld, want %lld\n", got, want);
    return got == want;
}

__attribute__((format(printf, 3, 4), unused))
static int is_str(const char *got, const char *want, const char *fmt, ...)
{
    int pass = got && want ? strcmp(got, want) == 0 : got == want;
    va_list ap;
    va_start(ap, fmt);
    tap_result(pass, fmt, ap);
    va_end(ap);
    if (!pass)
        printf("#   got \"%s\"\n#   want \"%s\"\n", got ? got : "(null)", want ? want : "(null)");
    return pass;
}

static int tap_done(void)
{
    printf("1..%d\n", tap_n);
    return tap_failed ? 1 : 0;
}

#endif
