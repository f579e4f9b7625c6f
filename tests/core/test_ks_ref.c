/* core/ks.c against scipy 1.10.1 (fixtures in tests/reference made by
 * make_ks_fixtures.py): ks_2samp with method auto, exact and asymp on
 * seeded samples (tiny to 10^6 values, equal and unequal sizes, both
 * sides of MAX_AUTO_N = 10000, heavy ties, +-Inf, signed zeros, 1e300
 * and 1e-300 magnitudes, the exact count's fallbacks), and kstwo.sf over
 * n from 1 to 10^7 and x over its whole range, both sides of every
 * switch between scipy's methods.
 *
 * Agreement asked: the statistic exactly (scipy's value, the lattice
 * rounding of the exact mode included), the method used exactly, and
 * p-values and kstwo.sf to 1e-11 relative where scipy's value exceeds
 * 1e-300, to 1e-300 absolute below (subnormal results carry few digits).
 * The exact p-values come out bit for bit; the rest agree to ~1e-12. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "column.h"
#include "csv.h"
#include "error.h"
#include "frame.h"
#include "fsort.h"
#include "ks.h"
#include "reference.h"
#include "tap.h"

#define REL 1e-11
#define TINY 1e-300

static bool close_p(double got, double want)
{
    if (isnan(want))
        return isnan(got);
    if (fabs(want) > TINY)
        return ref_close(got, want, REL);
    return fabs(got - want) <= TINY;
}

/* The values of sample `tag` of `name` as a malloc'd array: from the
 * stored samples, or from the formula of ks_formula.csv. */
static double *sample(const lt_frame *vals, const lt_frame *form, const char *name,
                      const char *tag, int64_t *n)
{
    *n = 0;
    int64_t cnt = 0;
    for (int64_t i = 0; i < vals->nrow; i++)
        if (!strcmp(ref_str(vals, "case", i), name) && !strcmp(ref_str(vals, "sample", i), tag))
            cnt++;
    if (cnt > 0) {
        double *v = malloc((size_t)cnt * sizeof *v);
        for (int64_t i = 0; i < vals->nrow; i++)
            if (!strcmp(ref_str(vals, "case", i), name) &&
                !strcmp(ref_str(vals, "sample", i), tag))
                v[(*n)++] = ref_num(vals, "value", i);
        return v;
    }
    for (int64_t r = 0; r < form->nrow; r++) {
        if (strcmp(ref_str(form, "case", r), name) || strcmp(ref_str(form, "sample", r), tag))
            continue;
        int64_t len = (int64_t)ref_num(form, "n", r), p = (int64_t)ref_num(form, "p", r);
        int64_t mult = (int64_t)ref_num(form, "mult", r), add = (int64_t)ref_num(form, "add", r);
        int64_t k = (int64_t)ref_num(form, "k", r);
        double scale = ref_num(form, "scale", r), shift = ref_num(form, "shift", r);
        double *v = malloc((size_t)len * sizeof *v);
        for (int64_t i = 0; i < len; i++) {
            double u = (double)((mult * i + add) % p) / (double)p;
            if (k > 0)
                u = floor(u * (double)k);
            v[i] = u * scale + shift;
        }
        *n = len;
        return v;
    }
    return NULL;
}

static lt_ks_mode mode_of(const char *s)
{
    return !strcmp(s, "exact") ? LT_KS_EXACT : !strcmp(s, "asymp") ? LT_KS_ASYMP : LT_KS_AUTO;
}

static void test_2samp(void)
{
    lt_frame *vals = ref_read("ks_samples.csv");
    lt_frame *form = ref_read("ks_formula.csv");
    lt_frame *ref = ref_read("ks_2samp.csv");
    if (!vals || !form || !ref)
        goto done;
    ok(ref->nrow >= 90, "ks_2samp.csv: %lld cases x methods", (long long)ref->nrow);
    char cur[256] = "";
    double *a = NULL, *b = NULL;
    int64_t na = 0, nb = 0;
    int nexact = 0, nfallback = 0;
    for (int64_t r = 0; r < ref->nrow; r++) {
        const char *name = ref_str(ref, "case", r), *method = ref_str(ref, "method", r);
        if (strcmp(name, cur)) {
            free(a);
            free(b);
            a = sample(vals, form, name, "a", &na);
            b = sample(vals, form, name, "b", &nb);
            snprintf(cur, sizeof cur, "%s", name);
            if (!ok(a && b && lt_f64_sort(a, na) == 0 && lt_f64_sort(b, nb) == 0,
                    "%s: samples of %lld and %lld", name, (long long)na, (long long)nb))
                continue;
        }
        if (!a || !b)
            continue;
        int sizes = na == (int64_t)ref_num(ref, "n1", r) && nb == (int64_t)ref_num(ref, "n2", r);
        double d = lt_ks_statistic(a, na, b, nb), de = -1;
        lt_ks_mode used = LT_KS_AUTO;
        double p = lt_ks_pvalue(d, na, nb, mode_of(method), &used, &de);
        double wd = ref_num(ref, "statistic", r), wp = ref_num(ref, "pvalue", r);
        const char *wused = ref_str(ref, "used", r);
        lt_ks_mode wu = !strcmp(wused, "exact") ? LT_KS_EXACT : LT_KS_ASYMP;
        int good = sizes && de == wd && used == wu && close_p(p, wp);
        ok(good, "%s (%s): D = %.17g, p = %.17g by %s", name, method, de, p, wused);
        if (!good)
            printf("#   scipy: D = %.17g, p = %.17g by %s; got %s (rel %.3g)\n", wd, wp, wused,
                   used == LT_KS_EXACT ? "exact" : "asymp", fabs(p - wp) / fabs(wp));
        nexact += used == LT_KS_EXACT;
        nfallback += used == LT_KS_ASYMP && mode_of(method) == LT_KS_EXACT;
    }
    ok(nexact >= 40 && nfallback >= 3, "%d exact p-values, %d exact requests that fell back",
       nexact, nfallback);
    free(a);
    free(b);
done:
    lt_frame_free(vals);
    lt_frame_free(form);
    lt_frame_free(ref);
}

static void test_kstwo(void)
{
    lt_frame *ref = ref_read("ks_kstwo.csv");
    if (!ref)
        return;
    ok(ref->nrow >= 500, "ks_kstwo.csv: %lld points", (long long)ref->nrow);
    int64_t bad = 0;
    double worst = 0;
    for (int64_t r = 0; r < ref->nrow; r++) {
        int64_t n = (int64_t)ref_num(ref, "n", r);
        double x = ref_num(ref, "x", r), want = ref_num(ref, "sf", r);
        double got = lt_kolmogorov_sf(x, n);
        if (!close_p(got, want)) {
            if (bad++ < 10)
                printf("#   kstwo.sf(%.17g, %lld): got %.17g, want %.17g\n", x, (long long)n,
                       got, want);
        } else if (want > TINY && fabs(got - want) / want > worst) {
            worst = fabs(got - want) / want;
        }
    }
    ok(bad == 0, "kstwo.sf: %lld of %lld points off by more than %g relative (largest within: "
       "%.2g)", (long long)bad, (long long)ref->nrow, REL, worst);
    lt_frame_free(ref);
}

int main(void)
{
    test_2samp();
    test_kstwo();
    return tap_done();
}
