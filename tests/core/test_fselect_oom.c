/* fselect.h and the drift scores built on it under allocation failure:
 * the k-th allocation fails for every k until a run completes; each
 * failure must come back as LT_ENOMEM with everything freed (the
 * sanitizer build finds leaks), and the run must then succeed.  The
 * samples are unsorted and large enough for drift to count them in
 * buckets rather than sort them, with ties that are probed. */
#include <stdlib.h>

#include "colbuild.h"
#include "drift.h"
#include "error.h"
#include "fselect.h"
#include "oom.h"
#include "tap.h"

enum { N = 6000 };

static double xa[N], xb[N];

/* Every question fselect answers, in rounds: 0 or the first failure. */
static int ask_all(int flags)
{
    fsel f;
    int st = fsel_init(&f, xa, N, xb, N / 2, flags);
    if (st < 0)
        return st;
    for (int k = 0; k < 20; k++) {
        fsel_want_rank(&f, k % 3 == 2 ? FSEL_BOTH : k % 2, (int64_t)k * 149);
        fsel_want_value(&f, FSEL_BOTH, (double)k / 4);
    }
    if ((st = fsel_collect(&f, FSEL_BOTH)) == 0) {
        for (int b = 0; b < fsel_buckets(&f); b++)
            fsel_want_bucket(&f, b);
        st = fsel_collect(&f, FSEL_BOTH);
    }
    for (int b = 0; st == 0 && b < fsel_buckets(&f); b++) {
        const double *v;
        st = fsel_bucket_values(&f, b % 2, b, &v);
    }
    fsel_fini(&f);
    return st;
}

static lt_col *ref, *cur;

/* The drift scores that count in buckets: 0 or the first failure. */
static int drift_all(void)
{
    lt_drift_method ms[] = {LT_DRIFT_PSI, LT_DRIFT_JS, LT_DRIFT_CHI2, LT_DRIFT_KS};
    lt_drift_opts o;
    lt_drift_opts_init(&o);
    o.max_distinct = 3;
    for (int k = 0; k < 4; k++) {
        lt_drift_spec spec = {"x", ms[k], NAN, false};
        lt_drift_col c;
        int st = lt_drift_column(ref, cur, &spec, &o, &c);
        if (st < 0)
            return st;
        lt_drift_col_clear(&c);
    }
    return 0;
}

static void sweep(const char *what, int (*run)(int), int arg)
{
    int bad = 0;
    long k;
    for (k = 0; k < 100000; k++) {
        countdown = k;
        failed = 0;
        lt_clearerr();
        int st = run(arg);
        countdown = -1;
        if (!failed) {
            ok(st == 0, "%s: succeeds once no allocation fails (%ld allocations)", what, k);
            break;
        }
        if (st != LT_ENOMEM || lt_errcode() != LT_ENOMEM) {
            bad++;
            printf("# allocation %ld: %d (%s)\n", k, st, lt_errmsg());
        }
    }
    ok(bad == 0, "%s: each of %ld failed allocations gives LT_ENOMEM", what, k);
}

static int drift_run(int unused)
{
    (void)unused;
    return drift_all();
}

int main(void)
{
    /* spread values, a heavy tie (a probed bucket), a few infinities */
    for (int i = 0; i < N; i++) {
        xa[i] = i % 3 == 0 ? 2.5 : (double)((i * 7919) % 1000) / 100;
        xb[i] = i % 997 == 0 ? INFINITY : (double)((i * 104729) % 1200) / 100 - 1;
    }
    sweep("fselect, coarse buckets", ask_all, 0);
    sweep("fselect, fine buckets", ask_all, FSEL_FINE);
    ref = cf(N, xa);
    cur = cf(N, xb);
    sweep("drift psi, js, chi2, ks on unsorted samples", drift_run, 0);
    drain();
    return tap_done();
}
