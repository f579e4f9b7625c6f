/* Drift reports under allocation failure: the k-th allocation fails for
 * every k until a report completes; each failure must come back as
 * LT_ENOMEM with everything freed (the sanitizer build finds leaks) and
 * the same report must then succeed. */
#include <omp.h>
#include <stdint.h>
#include <stdlib.h>

#include "colbuild.h"
#include "drift.h"
#include "error.h"
#include "oom.h"
#include "tap.h"

static lt_frame *frame4(lt_col *x, lt_col *n, lt_col *s, lt_col *b, lt_col *t)
{
    lt_frame *f = lt_frame_new();
    lt_frame_add(f, "x", x);
    lt_frame_add(f, "n", n);
    lt_frame_add(f, "s", s);
    lt_frame_add(f, "b", b);
    if (t)
        lt_frame_add(f, "t", t);
    return f;
}

/* Fail allocation 0, 1, ... of run() until it succeeds. */
static void sweep(const char *what, void *(*run)(void *), void (*release)(void *), void *arg)
{
    int bad = 0;
    long k;
    for (k = 0; k < 100000; k++) {
        countdown = k;
        failed = 0;
        lt_clearerr();
        void *res = run(arg);
        countdown = -1;
        if (!failed) {
            ok(res != NULL, "%s: succeeds once no allocation fails (%ld allocations)", what, k);
            release(res);
            break;
        }
        if (res || lt_errcode() != LT_ENOMEM) {
            bad++;
            printf("# allocation %ld: %s (%d)\n", k, res ? "a result" : lt_errmsg(), lt_errcode());
            release(res);
        }
    }
    ok(bad == 0, "%s: each of %ld failed allocations gives LT_ENOMEM", what, k);
}

typedef struct pair {
    lt_frame *r, *c;
} pair;

static void *run_default(void *arg)
{
    pair *p = arg;
    return lt_drift_compare(p->r, p->c, NULL, 0, NULL);
}

static void *run_named(void *arg)
{
    pair *p = arg;
    lt_drift_spec cols[] = {
        {"x", LT_DRIFT_JS, NAN, false}, {"n", LT_DRIFT_PSI, NAN, false},
        {"s", LT_DRIFT_CHI2, NAN, false}, {"b", LT_DRIFT_JS, NAN, false},
    };
    return lt_drift_compare(p->r, p->c, cols, 4, NULL);
}

static void *run_wasserstein(void *arg)
{
    pair *p = arg;
    lt_drift_spec cols[] = {{"x", LT_DRIFT_WASSERSTEIN, NAN, false},
                            {"x", LT_DRIFT_ANDERSON, NAN, false}};
    lt_drift *d = lt_drift_compare(p->r, p->c, cols, 1, NULL);
    if (!d)
        return NULL;
    lt_drift_free(d);
    return lt_drift_compare(p->r, p->c, cols + 1, 1, NULL);
}

static void *run_time(void *arg)
{
    pair *p = arg;
    return lt_drift_over_time(p->c, "t", "2", LT_DRIFT_PREVIOUS, NULL, NULL, 0, NULL);
}

static void *run_time_frame(void *arg)
{
    pair *p = arg;
    return lt_drift_over_time(p->c, "t", "3", LT_DRIFT_FRAME, p->r, NULL, 0, NULL);
}

static void free_drift(void *d) { lt_drift_free(d); }
static void free_series(void *s) { lt_drift_series_free(s); }

int main(void)
{
    omp_set_num_threads(1);   /* the countdown is not atomic */
    double xv[16], xw[12];
    for (int i = 0; i < 16; i++)
        xv[i] = i % 5 == 0 ? NAN : i * 1.5;
    for (int i = 0; i < 12; i++)
        xw[i] = i * 2.0 + 0.25;
    const char *sv[16], *sw[12];
    const char *cats[] = {"a", "b", "c", "d"};
    for (int i = 0; i < 16; i++)
        sv[i] = i == 3 ? NULL : cats[i % 3];
    for (int i = 0; i < 12; i++)
        sw[i] = i == 5 ? "new" : cats[(i + 1) % 4];
    int64_t nv[16], nw[12], tw[12];
    for (int i = 0; i < 16; i++)
        nv[i] = i % 7;
    for (int i = 0; i < 12; i++) {
        nw[i] = i % 9;
        tw[i] = i;
    }
    pair p = {
        frame4(cf(16, xv), ci(16, nv, NULL), cs(16, sv), cb("TFTFTFTFTFTFTFTN"), NULL),
        frame4(cf(12, xw), ci(12, nw, "x..........."), cs(12, sw), cb("TTTFFFTTTFFF"),
               ci(12, tw, NULL)),
    };
    sweep("lt_drift_compare, default columns", run_default, free_drift, &p);
    sweep("lt_drift_compare, named columns", run_named, free_drift, &p);
    sweep("lt_drift_compare, wasserstein and anderson", run_wasserstein, free_drift, &p);
    sweep("lt_drift_over_time, previous", run_time, free_series, &p);
    sweep("lt_drift_over_time, frame", run_time_frame, free_series, &p);
    lt_frame_free(p.r);
    lt_frame_free(p.c);
    drain();
    return tap_done();
}
