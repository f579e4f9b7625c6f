/* Grouped kernels of R's reductions, internal to liblunette.
 *
 * reduce.c defines these kernels and runs its own one-column reductions
 * through them (one group); agg.c runs the aggregates of expressions
 * through them.  So a mean per group is, bit for bit, the mean of
 * lt_col_reduce over the group's values.
 *
 * Rows and groups are an lt_fn_ctx (fn.h): gid NULL means one group of
 * ctx->nrow rows.  Sums, means and variances take one, two or three
 * sequential passes over the rows, accumulating into arrays indexed by
 * group (no random access); each group sees its values in row order, as R
 * would, so these passes stay on one thread.  Selections (median,
 * quantile) copy each group's values through ctx->order into a scratch
 * buffer, in parallel over groups.  Missing values are skipped; a group
 * without values gets NaN (sum: 0).  Every kernel returns 0 or LT_ENOMEM. */
#ifndef LT_REDUCE_GROUPS_H
#define LT_REDUCE_GROUPS_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "column.h"
#include "fn.h"

/* Below this many rows a kernel stays on one thread. */
enum { LT_REDUCE_PAR_MIN = 1 << 16 };

/* Run the statements in __VA_ARGS__ for each row i, in row order, with v
 * its value, `ok` whether v is present, and g its group (0 when
 * ungrouped).  The statements must ignore v when !ok (it is then NaN for
 * f64, 0 or garbage otherwise) without skipping their stores: a store that
 * runs on every row is one the compiler may keep in a register, and the
 * ungrouped loop (which loads no gid) then runs as fast as a plain
 * reduction. */
#define LT_EACH_F64(x, ctx, ...)                                 \
    do {                                                         \
        const double *x_ = (x);                                  \
        const int32_t *gid_ = (ctx)->gid;                        \
        const int64_t n_ = (ctx)->nrow;                          \
        if (!gid_) {                                             \
            for (int64_t i = 0; i < n_; i++) {                   \
                const double v = x_[i];                          \
                const bool ok = v == v;                          \
                const int64_t g = 0;                             \
                (void)g;                                         \
                __VA_ARGS__;                                     \
            }                                                    \
        } else {                                                 \
            for (int64_t i = 0; i < n_; i++) {                   \
                const double v = x_[i];                          \
                const bool ok = v == v;                          \
                const int64_t g = gid_[i];                       \
                __VA_ARGS__;                                     \
            }                                                    \
        }                                                        \
    } while (0)

/* The same over a column with a validity bitmap (i64, bool, time, str:
 * not f64), v being the value as read from the array xs of T (int64_t,
 * uint8_t, int32_t); the slot of a missing value holds 0 (code -1 for
 * str). */
#define LT_EACH_VALID(c, ctx, T, xs, ...)                                   \
    do {                                                                    \
        const T *xs_ = (xs);                                                \
        const uint8_t *valid_ = (c)->valid;                                 \
        const int32_t *gid_ = (ctx)->gid;                                   \
        const int64_t n_ = (ctx)->nrow;                                     \
        if (!gid_) {                                                        \
            for (int64_t i = 0; i < n_; i++) {                              \
                const bool ok = !valid_ || ((valid_[i >> 3] >> (i & 7)) & 1); \
                const int64_t v = xs_[i], g = 0;                            \
                (void)v;                                                    \
                (void)g;                                                    \
                __VA_ARGS__;                                                \
            }                                                               \
        } else {                                                            \
            for (int64_t i = 0; i < n_; i++) {                              \
                const bool ok = !valid_ || ((valid_[i >> 3] >> (i & 7)) & 1); \
                const int64_t v = xs_[i], g = gid_[i];                      \
                (void)v;                                                    \
                __VA_ARGS__;                                                \
            }                                                               \
        }                                                                   \
    } while (0)

/* LT_EACH_VALID over the integers of an i64, time or bool column. */
#define LT_EACH_INT(c, ctx, ...)                                              \
    do {                                                                      \
        if ((c)->type == LT_BOOL)                                             \
            LT_EACH_VALID(c, ctx, uint8_t, lt_col_bool(c), __VA_ARGS__);      \
        else                                                                  \
            LT_EACH_VALID(c, ctx, int64_t, lt_col_i64(c), __VA_ARGS__);       \
    } while (0)

/* ---- doubles: x has ctx->nrow values, NaN missing; out ctx->ngroups ----- */

/* R's sum: long double accumulation, rounded once (0 for no value). */
int lt_reduce_sum_f64(const double *x, const lt_fn_ctx *ctx, double *out);
/* R's mean: sum / n, refined by the mean of the residuals unless
 * `integral` (R averages integer vectors without that pass). */
int lt_reduce_mean_f64(const double *x, const lt_fn_ctx *ctx, bool integral,
                       double *out);
/* R's var: two-pass, over n - 1 (NaN for fewer than 2 values). */
int lt_reduce_var_f64(const double *x, const lt_fn_ctx *ctx, double *out);
/* Smallest (or largest, when max) value; the first of equal ones. */
int lt_reduce_minmax_f64(const double *x, const lt_fn_ctx *ctx, bool max, double *out);
/* R's median.default; `integral` averages the middle pair as R does for
 * integer vectors (sum / 2 without the refinement). */
int lt_reduce_median_f64(const double *x, const lt_fn_ctx *ctx, bool integral,
                         double *out);
/* R's quantile(type = 7) at p in [0, 1]. */
int lt_reduce_quantile_f64(const double *x, const lt_fn_ctx *ctx, double p, double *out);

/* ---- integers: c is i64, time or bool (ctx->nrow values) ----------------- */

/* Long double sums of the exact values (R's integer sums) and the number
 * of values, per group. */
int lt_reduce_sum_int(const lt_col *c, const lt_fn_ctx *ctx, long double *sum,
                      int64_t *count);
/* R's mean of an integer vector: the long double sum / n. */
int lt_reduce_mean_int(const lt_col *c, const lt_fn_ctx *ctx, double *out);
/* Exact sums; a sum that does not fit in int64 puts its group in *bad
 * (the lowest such group) and returns LT_ERANGE without a message. */
int lt_reduce_isum(const lt_col *c, const lt_fn_ctx *ctx, int64_t *out, int64_t *bad);
/* Smallest (or largest) value and the number of values (0: no result). */
int lt_reduce_iminmax(const lt_col *c, const lt_fn_ctx *ctx, bool max, int64_t *out,
                      int64_t *count);

/* ---- distinct values ----------------------------------------------------- */

/* The 64-bit key of present value i of a column: the integer, the code, or
 * the bits of the double with -0.0 taken as 0.0 (equal values, equal keys). */
static inline uint64_t lt_value_key(const lt_col *c, int64_t i)
{
    switch (c->type) {
    case LT_F64: {
        double x = lt_col_f64(c)[i] + 0.0;
        uint64_t k;
        memcpy(&k, &x, sizeof k);
        return k;
    }
    case LT_BOOL: return lt_col_bool(c)[i];
    case LT_STR: return (uint64_t)lt_col_codes(c)[i];
    default: return (uint64_t)lt_col_i64(c)[i];
    }
}

/* MurmurHash3's finaliser, to hash such keys. */
static inline uint64_t lt_mix64(uint64_t x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdu;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53u;
    x ^= x >> 33;
    return x;
}

#endif
