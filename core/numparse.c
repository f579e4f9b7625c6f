/* Exact number parsing and shortest round-trip formatting (numparse.h).
 *
 * Parsing takes Clinger's fast path when it is exact (at most 19
 * significant digits whose value fits in 53 bits, decimal exponent within
 * +-22: one correctly rounded multiply or divide of two exact doubles) and
 * otherwise calls strtod under a "C" numeric locale.  Formatting searches
 * the fewest decimals k for which round(v * 10^k) / 10^k == v exactly, the
 * same fast-path argument in reverse, and falls back to printf's %.15g,
 * %.16g, %.17g checked by strtod (from %.1g for subnormals). */
#include "numparse.h"

#include <float.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 10^0 .. 10^22: every one is an exact double. */
static const double pow10tab[23] = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

#define TWO53 9007199254740992.0

static pthread_once_t cloc_once = PTHREAD_ONCE_INIT;
static locale_t cloc;

static void cloc_init(void)
{
    cloc = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
}

/* Switch this thread to the "C" numeric locale; returns the previous one
 * (or 0 when no "C" locale could be made: then nothing changes). */
static locale_t cloc_enter(void)
{
    pthread_once(&cloc_once, cloc_init);
    return cloc ? uselocale(cloc) : (locale_t)0;
}

static void cloc_leave(locale_t old)
{
    if (old)
        uselocale(old);
}

/* Length of an optional leading sign of s[0..n); *neg says which. */
static size_t sign(const char *s, size_t n, bool *neg)
{
    *neg = n && s[0] == '-';
    return n && (s[0] == '+' || s[0] == '-');
}

int lt_num_parse_i64(const char *s, size_t n, int64_t *out)
{
    bool neg;
    size_t i = sign(s, n, &neg);
    if (i == n)
        return 0;
    uint64_t v = 0;
    int nd = 0;  /* significant digits */
    for (; i < n; i++) {
        unsigned d = (unsigned char)s[i] - '0';
        if (d > 9)
            return 0;
        if (nd || d)
            nd++;
        if (nd <= 19)
            v = v * 10 + d;
    }
    if (nd > 19)
        return 2;
    if (neg) {
        if (v > (uint64_t)INT64_MAX + 1)
            return 2;
        *out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
    } else {
        if (v > (uint64_t)INT64_MAX)
            return 2;
        *out = (int64_t)v;
    }
    return 1;
}

static bool ieq(const char *s, size_t n, const char *lower)
{
    size_t m = strlen(lower);
    if (n != m)
        return false;
    for (size_t i = 0; i < n; i++)
        if ((s[i] | 0x20) != lower[i])
            return false;
    return true;
}

static double slow_parse(const char *s, size_t n)
{
    char small[128];
    char *b = n < sizeof small ? small : malloc(n + 1);
    if (!b)
        return NAN;  /* only for absurdly long tokens under memory exhaustion */
    memcpy(b, s, n);
    b[n] = '\0';
    locale_t old = cloc_enter();
    double d = strtod(b, NULL);
    cloc_leave(old);
    if (b != small)
        free(b);
    return d;
}

bool lt_num_parse_f64(const char *s, size_t n, double *out)
{
    bool neg;
    size_t i = sign(s, n, &neg);
    if (i == n)
        return false;
    unsigned c0 = (unsigned char)s[i];
    if (c0 != '.' && c0 - '0' > 9) {
        if (ieq(s + i, n - i, "inf") || ieq(s + i, n - i, "infinity")) {
            *out = neg ? -INFINITY : INFINITY;
            return true;
        }
        if (ieq(s + i, n - i, "nan")) {
            *out = NAN;
            return true;
        }
        return false;
    }
    uint64_t w = 0;
    int nd = 0;           /* significant digits kept in w */
    bool trunc = false;   /* a non-zero digit did not fit in w */
    bool any = false;
    int64_t e10 = 0;
    for (; i < n; i++) {
        unsigned d = (unsigned char)s[i] - '0';
        if (d > 9)
            break;
        any = true;
        if (nd < 19) {
            if (nd || d) {
                w = w * 10 + d;
                nd++;
            }
        } else {
            e10++;
            trunc |= d != 0;
        }
    }
    if (i < n && s[i] == '.') {
        for (i++; i < n; i++) {
            unsigned d = (unsigned char)s[i] - '0';
            if (d > 9)
                break;
            any = true;
            if (nd < 19) {
                if (nd || d) {
                    w = w * 10 + d;
                    nd++;
                }
                e10--;
            } else {
                trunc |= d != 0;
            }
        }
    }
    if (!any)
        return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        bool eneg = false;
        if (i < n && (s[i] == '+' || s[i] == '-')) {
            eneg = s[i] == '-';
            i++;
        }
        if (i == n)
            return false;
        int64_t e = 0;
        for (; i < n; i++) {
            unsigned d = (unsigned char)s[i] - '0';
            if (d > 9)
                return false;
            if (e < 100000)  /* far beyond any double: the sign decides */
                e = e * 10 + d;
        }
        e10 += eneg ? -e : e;
    }
    if (i != n)
        return false;
    if (w == 0) {
        *out = neg ? -0.0 : 0.0;
        return true;
    }
    if (!trunc && w <= (uint64_t)TWO53 && e10 >= -22 && e10 <= 22) {
        double d = (double)w;
        d = e10 < 0 ? d / pow10tab[-e10] : d * pow10tab[e10];
        *out = neg ? -d : d;
        return true;
    }
    *out = slow_parse(s, n);
    return true;
}

static size_t utoa(uint64_t v, char *buf)
{
    char tmp[24];
    size_t n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    buf[n] = '\0';
    return n;
}

size_t lt_num_format_i64(int64_t v, char *buf)
{
    if (v < 0) {
        buf[0] = '-';
        return 1 + utoa(0 - (uint64_t)v, buf + 1);
    }
    return utoa((uint64_t)v, buf);
}

/* r / 10^k written in fixed notation, with ".0" when k == 0. */
static size_t put_fixed(uint64_t r, int k, char *buf)
{
    char dig[24];
    size_t nd = utoa(r, dig), n = 0;
    if (k == 0) {
        memcpy(buf, dig, nd);
        memcpy(buf + nd, ".0", 3);
        return nd + 2;
    }
    if (nd <= (size_t)k) {
        buf[n++] = '0';
        buf[n++] = '.';
        for (size_t z = nd; z < (size_t)k; z++)
            buf[n++] = '0';
        memcpy(buf + n, dig, nd);
        n += nd;
    } else {
        memcpy(buf, dig, nd - k);
        n = nd - k;
        buf[n++] = '.';
        memcpy(buf + n, dig + nd - k, k);
        n += k;
    }
    buf[n] = '\0';
    return n;
}

/* Fewest decimals k such that some integer r has r / 10^k == v exactly;
 * as both are exact doubles, the quotient is the correctly rounded value
 * of the decimal r·10^-k, which is what a reader computes.  round(v·10^k)
 * is within 1.5 of the right r, so r-1 and r+1 are tried too.  0 when v
 * needs more than 53 bits of digits (then printf decides). */
static size_t format_fast(double v, char *buf)
{
    if (!(v >= 1e-5 && v < 1e15))
        return 0;
    for (int k = 0; k <= 17; k++) {
        double s = v * pow10tab[k];
        if (s >= TWO53)
            return 0;
        double r = nearbyint(s);
        if (r / pow10tab[k] == v)
            return put_fixed((uint64_t)r, k, buf);
        if (r >= 1 && (r - 1) / pow10tab[k] == v)
            return put_fixed((uint64_t)r - 1, k, buf);
        if ((r + 1) / pow10tab[k] == v)
            return put_fixed((uint64_t)r + 1, k, buf);
    }
    return 0;
}

/* For a normal double, a decimal of 15 or fewer digits that reads back to
 * it is what %.15g prints (a double carries more than 15 digits), so the
 * search starts there; subnormals carry fewer, so it starts at 1. */
static size_t format_printf(double v, char *buf)
{
    locale_t old = cloc_enter();
    int n = 0;
    for (int prec = v < DBL_MIN ? 1 : 15; prec <= 17; prec++) {
        n = snprintf(buf, 32, "%.*g", prec, v);
        if (strtod(buf, NULL) == v)
            break;
    }
    cloc_leave(old);
    if (!strpbrk(buf, ".e")) {
        memcpy(buf + n, ".0", 3);
        n += 2;
    }
    return (size_t)n;
}

size_t lt_num_format_f64(double v, char *buf)
{
    char *p = buf;
    if (isnan(v)) {
        memcpy(buf, "nan", 4);
        return 3;
    }
    if (signbit(v)) {
        *p++ = '-';
        v = -v;
    }
    size_t n;
    if (isinf(v)) {
        memcpy(p, "inf", 4);
        n = 3;
    } else if (v == 0) {
        memcpy(p, "0.0", 4);
        n = 3;
    } else if (!(n = format_fast(v, p))) {
        n = format_printf(v, p);
    }
    return (size_t)(p - buf) + n;
}
