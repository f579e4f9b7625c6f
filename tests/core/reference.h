/* Reading the reference fixtures in the C tests: CSV files under
 * tests/reference (REFERENCE_DIR), written by the make_*_fixtures scripts
 * from scikit-learn, numpy, scipy or R, and the relative agreement the
 * tests ask of lunette's values. */
#ifndef LT_TEST_REFERENCE_H
#define LT_TEST_REFERENCE_H

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "column.h"
#include "csv.h"
#include "error.h"
#include "frame.h"
#include "tap.h"

#ifdef REFERENCE_DIR
/* The fixture REFERENCE_DIR/name as a frame; NULL after a failed check
 * that says why. */
__attribute__((unused)) static lt_frame *ref_read(const char *name)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", REFERENCE_DIR, name);
    lt_frame *f = lt_csv_read(path, NULL);
    if (!ok(f != NULL, "read %s", name))
        printf("# %s\n", lt_errmsg());
    return f;
}
#endif

/* Row i of column col of a fixture as a number (NaN when missing). */
__attribute__((unused)) static double ref_num(const lt_frame *f, const char *col, int64_t i)
{
    return lt_col_get_num(lt_frame_col(f, col), i);
}

/* Row i of column col of a fixture as text ("" when missing). */
__attribute__((unused)) static const char *ref_str(const lt_frame *f, const char *col, int64_t i)
{
    const char *s = lt_col_get_str(lt_frame_col(f, col), i, NULL);
    return s ? s : "";
}

/* got agrees with want to rel, relative: both NaN, equal (so a 0 only as
 * 0), or within rel * |want|. */
__attribute__((unused)) static bool ref_close(double got, double want, double rel)
{
    return (isnan(got) && isnan(want)) || got == want || fabs(got - want) <= rel * fabs(want);
}

#endif
