/* Confusion matrices and the classification metrics read from them
 * (see confusion.h for the conventions, which are scikit-learn's). */
#include "confusion.h"

#include <math.h>

static double ratio(double num, double den) { return den > 0 ? num / den : 0; }

/* The 2 x 2 case is written out rather than read from a k x k matrix: the
 * bootstrap calls it once per resample with weighted counts. */
void lt_binary_metrics_of(const lt_counts2 *c, lt_binary_metrics *out)
{
    double npos = c->tp + c->fn, nneg = c->tn + c->fp, n = npos + nneg;
    double ppos = c->tp + c->fp, pneg = c->tn + c->fn;

    out->accuracy = n > 0 ? (c->tp + c->tn) / n : NAN;
    out->precision = ratio(c->tp, ppos);
    out->recall = ratio(c->tp, npos);
    out->specificity = ratio(c->tn, nneg);
    out->f1 = ratio(2 * c->tp, 2 * c->tp + c->fp + c->fn);
    /* balanced_accuracy_score averages the recall of the classes present
     * in the truth */
    if (npos > 0 && nneg > 0)
        out->balanced_accuracy = (out->recall + out->specificity) / 2;
    else if (npos > 0)
        out->balanced_accuracy = out->recall;
    else if (nneg > 0)
        out->balanced_accuracy = out->specificity;
    else
        out->balanced_accuracy = NAN;
    double den = sqrt(ppos) * sqrt(pneg) * sqrt(npos) * sqrt(nneg);
    out->mcc = den > 0 ? (c->tp * c->tn - c->fp * c->fn) / den : 0;
    /* kappa = 1 - observed disagreement / disagreement expected by chance */
    double expected = n > 0 ? (ppos * nneg + pneg * npos) / n : 0;
    out->kappa = 1 - (c->fp + c->fn) / expected;
}
