/* Class labels (core/labels.h): coding truth and predictions over their
 * sorted labels, mixed column types, missing rows, the default positive
 * class and truth as 0/1. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "colbuild.h"
#include "error.h"
#include "labels.h"
#include "tap.h"

/* "a,b,c": the labels joined, for one-line checks. */
static const char *joined(const lt_labels *l)
{
    static char buf[512];
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < l->k; i++)
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s", i ? "," : "", l->names[i]);
    return buf;
}

static const char *codes(const int32_t *c, int64_t n)
{
    static char buf[512];
    size_t len = 0;
    buf[0] = '\0';
    for (int64_t i = 0; i < n; i++)
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%d", i ? "," : "", c[i]);
    return buf;
}

static int32_t tc[64], pc[64];

static void test_strings(void)
{
    lt_labels l;
    int64_t nk = -1;
    lt_col *t = cs(6, (const char *[]){"cat", "dog", NULL, "bird", "dog", "cat"});
    lt_col *p = cs(6, (const char *[]){"dog", "dog", "cat", NULL, "emu", "cat"});
    is_int(lt_labels_encode(t, p, 0, &l, tc, pc, &nk), 0, "str: encode");
    is_int(nk, 4, "str: rows with a missing truth or prediction are dropped");
    /* "bird" sits only on a dropped row: not a label */
    is_str(joined(&l), "cat,dog,emu", "str: union of the kept rows' labels, bytewise");
    is_str(codes(tc, nk), "0,1,1,0", "str: truth codes");
    is_str(codes(pc, nk), "1,1,2,0", "str: prediction codes");
    lt_labels_fini(&l);
    lt_labels_fini(&l);   /* a finished struct may be finished again */

    /* pred_code NULL: the prediction's labels still count */
    is_int(lt_labels_encode(t, p, 0, &l, tc, NULL, &nk), 0, "str: encode without pred codes");
    is_str(joined(&l), "cat,dog,emu", "str: labels without pred codes");
    lt_labels_fini(&l);

    /* truth alone: every non-missing row */
    is_int(lt_labels_encode(t, NULL, 0, &l, tc, NULL, &nk), 0, "truth alone");
    is_int(nk, 5, "truth alone: 5 rows kept");
    is_str(joined(&l), "bird,cat,dog", "truth alone: labels");
    is_str(codes(tc, nk), "1,2,0,2,1", "truth alone: codes");
    lt_labels_fini(&l);

    /* bytewise: upper case before lower case, UTF-8 after ASCII */
    lt_col *u = cs(4, (const char *[]){"b", "B", "é", "a"});
    is_int(lt_labels_encode(u, NULL, 0, &l, tc, NULL, &nk), 0, "bytes: encode");
    is_str(joined(&l), "B,a,b,é", "bytes: bytewise order");
    lt_labels_fini(&l);

    /* a dictionary code no row uses is no label */
    lt_col *full = cs(3, (const char *[]){"x", "y", "z"});
    lt_col *part = keep(lt_col_slice(full, 0, 2));
    is_int(lt_labels_encode(part, NULL, 0, &l, tc, NULL, &nk), 0, "slice: encode");
    is_str(joined(&l), "x,y", "slice: unused dictionary entries are no labels");
    lt_labels_fini(&l);
    drain();
}

static void test_numeric_order(void)
{
    lt_labels l;
    int64_t nk;
    lt_col *t = ci(5, (int64_t[]){10, 2, 1, -3, 2}, NULL);
    is_int(lt_labels_encode(t, NULL, 0, &l, tc, NULL, &nk), 0, "i64: encode");
    is_str(joined(&l), "-3,1,2,10", "i64: numeric order (2 < 10, negatives first)");
    is_str(codes(tc, nk), "3,2,1,0,2", "i64: codes");
    lt_labels_fini(&l);

    /* strings that are all integers sort as numbers too */
    lt_col *s = cs(3, (const char *[]){"10", "9", "100"});
    is_int(lt_labels_encode(s, NULL, 0, &l, tc, NULL, &nk), 0, "str integers: encode");
    is_str(joined(&l), "9,10,100", "str integers: numeric order");
    lt_labels_fini(&l);

    /* one word among them: bytewise */
    lt_col *m = cs(3, (const char *[]){"10", "9", "x"});
    is_int(lt_labels_encode(m, NULL, 0, &l, tc, NULL, &nk), 0, "mixed: encode");
    is_str(joined(&l), "10,9,x", "mixed: bytewise order");
    lt_labels_fini(&l);

    /* "007" and "7" are two labels; equal numbers order bytewise */
    lt_col *z = cs(3, (const char *[]){"7", "007", "7"});
    is_int(lt_labels_encode(z, NULL, 0, &l, tc, NULL, &nk), 0, "007: encode");
    is_str(joined(&l), "007,7", "007: two labels");
    is_str(codes(tc, nk), "1,0,1", "007: codes");
    lt_labels_fini(&l);

    /* "+1" and " 1" are words, not integers */
    lt_col *w = cs(2, (const char *[]){"+1", "2"});
    is_int(lt_labels_encode(w, NULL, 0, &l, tc, NULL, &nk), 0, "+1: encode");
    is_str(joined(&l), "+1,2", "+1: bytewise");
    lt_labels_fini(&l);
    drain();
}

static void test_mixed_types(void)
{
    lt_labels l;
    int64_t nk;
    /* truth as strings "1"/"0", predictions as integers: the same classes */
    lt_col *t = cs(4, (const char *[]){"1", "0", "0", "1"});
    lt_col *p = ci(4, (int64_t[]){1, 1, 0, 0}, NULL);
    is_int(lt_labels_encode(t, p, 0, &l, tc, pc, &nk), 0, "str vs i64: encode");
    is_str(joined(&l), "0,1", "str vs i64: two classes by text");
    is_str(codes(tc, nk), "1,0,0,1", "str vs i64: truth codes");
    is_str(codes(pc, nk), "1,1,0,0", "str vs i64: prediction codes");
    lt_labels_fini(&l);

    /* whole f64 values are integers */
    lt_col *f = cf(4, (double[]){1.0, 0.0, NA, 12.0});
    lt_col *g = ci(4, (int64_t[]){12, 0, 1, 1}, "...x");
    is_int(lt_labels_encode(f, g, 0, &l, tc, pc, &nk), 0, "f64 vs i64: encode");
    is_int(nk, 2, "f64 vs i64: NaN truth and missing prediction dropped");
    is_str(joined(&l), "0,1,12", "f64 vs i64: labels");
    is_str(codes(tc, nk), "1,0", "f64 vs i64: truth codes");
    is_str(codes(pc, nk), "2,0", "f64 vs i64: prediction codes");
    lt_labels_fini(&l);

    /* -0.0 is the label 0 */
    lt_col *nz = cf(2, (double[]){-0.0, 0.0});
    is_int(lt_labels_encode(nz, NULL, 0, &l, tc, NULL, &nk), 0, "-0: encode");
    is_str(joined(&l), "0", "-0: one label 0");
    lt_labels_fini(&l);

    /* bools */
    lt_col *b = cb("TFNT");
    lt_col *bs = cs(4, (const char *[]){"true", "true", "false", "maybe"});
    is_int(lt_labels_encode(b, bs, 0, &l, tc, pc, &nk), 0, "bool vs str: encode");
    is_str(joined(&l), "false,maybe,true", "bool vs str: labels by text");
    is_str(codes(tc, nk), "2,0,2", "bool vs str: truth codes");
    is_str(codes(pc, nk), "2,2,1", "bool vs str: prediction codes");
    lt_labels_fini(&l);
    drain();
}

static void test_errors(void)
{
    lt_labels l = {0};
    int64_t nk = 99;
    lt_col *t = ci(3, (int64_t[]){1, 2, 3}, NULL);
    lt_col *p = ci(2, (int64_t[]){1, 2}, NULL);
    is_int(lt_labels_encode(t, p, 0, &l, tc, pc, &nk), LT_ELENGTH, "length mismatch");
    is_str(lt_errmsg(), "truth has 3 rows and predictions 2; expected the same length",
           "length mismatch: message");
    ok(l.k == 0 && l.names == NULL && nk == 0, "length mismatch: nothing kept");

    lt_col *f = cf(3, (double[]){0, 0.5, 1});
    is_int(lt_labels_encode(f, NULL, 0, &l, tc, NULL, &nk), LT_ETYPE, "fractional truth");
    is_str(lt_errmsg(), "truth is a number column with fractional values (0.5 at row 2); "
           "expected class labels", "fractional truth: message");
    lt_col *inf = cf(2, (double[]){1, INFINITY});
    is_int(lt_labels_encode(t = ci(2, (int64_t[]){1, 2}, NULL), inf, 0, &l, tc, pc, &nk),
           LT_ETYPE, "infinite prediction");
    is_str(lt_errmsg(), "predictions is a number column with fractional values (inf at row "
           "2); expected class labels", "infinite prediction: message");
    lt_col *d = ct(2, (int64_t[]){0, LT_US_PER_DAY}, NULL, LT_DATE);
    is_int(lt_labels_encode(d, NULL, 0, &l, tc, NULL, &nk), LT_ETYPE, "date truth");
    is_str(lt_errmsg(), "truth is a date column; expected class labels (str, bool or "
           "integers)", "date truth: message");

    lt_col *many = ci(5, (int64_t[]){1, 2, 3, 4, 5}, NULL);
    is_int(lt_labels_encode(many, NULL, 4, &l, tc, NULL, &nk), LT_EINVAL, "max_classes");
    is_str(lt_errmsg(), "truth has more than 4 classes; expected class labels",
           "max_classes: message");
    /* each column within the limit, the union beyond it */
    lt_col *a = ci(2, (int64_t[]){1, 2}, NULL), *b = ci(2, (int64_t[]){3, 4}, NULL);
    is_int(lt_labels_encode(a, b, 3, &l, tc, pc, &nk), LT_EINVAL, "max_classes of the union");
    is_str(lt_errmsg(), "truth and predictions have 4 classes together; expected at most 3",
           "max_classes of the union: message");
    ok(l.k == 0 && l.names == NULL, "max_classes: no labels left");
    is_int(lt_labels_encode(a, b, 4, &l, tc, pc, &nk), 0, "max_classes reached exactly");
    lt_labels_fini(&l);

    /* no rows, all missing */
    lt_col *e = cs(0, (const char *[]){NULL});
    is_int(lt_labels_encode(e, NULL, 0, &l, tc, NULL, &nk), 0, "empty: encode");
    ok(l.k == 0 && nk == 0, "empty: no labels, no rows");
    lt_labels_fini(&l);
    lt_col *na = cs(2, (const char *[]){NULL, NULL});
    is_int(lt_labels_encode(na, NULL, 0, &l, tc, NULL, &nk), 0, "all missing: encode");
    ok(l.k == 0 && nk == 0, "all missing: no labels, no rows");
    is_int(lt_labels_default_positive(&l, na), -1, "no labels: no positive");
    lt_labels_fini(&l);
    drain();
}

/* The default positive label of a truth column, by name. */
static const char *defpos(lt_col *truth, const char **why)
{
    static char buf[64];
    lt_labels l;
    int64_t nk;
    if (lt_labels_encode(truth, NULL, 0, &l, tc, NULL, &nk) != 0)
        return "error";
    int i = lt_labels_default_positive_why(&l, truth, why);
    snprintf(buf, sizeof buf, "%s", i >= 0 ? l.names[i] : "none");
    ok(i == lt_labels_default_positive(&l, truth), "default_positive agrees with _why");
    lt_labels_fini(&l);
    return buf;
}

static void test_default_positive(void)
{
    const char *why;
    is_str(defpos(cb("FTF"), &why), "true", "bool: true");
    is_str(why, "true of a bool column", "bool: why");
    is_str(defpos(ci(3, (int64_t[]){0, 1, 0}, NULL), &why), "1", "i64 0/1: 1");
    is_str(why, "1 of 0/1 labels", "i64 0/1: why");
    is_str(defpos(cf(2, (double[]){1, 0}), &why), "1", "f64 0/1: 1");
    is_str(defpos(cs(3, (const char *[]){"Yes", "No", "No"}), &why), "Yes", "Yes/No: Yes");
    is_str(why, "it reads as yes", "Yes/No: why");
    /* "Yes" would also be the last label: this one is not */
    is_str(defpos(cs(2, (const char *[]){"yes", "no"}), &why), "yes", "yes/no: yes");
    is_str(defpos(cs(2, (const char *[]){"T", "F"}), &why), "T", "T/F: T");
    is_str(defpos(cs(2, (const char *[]){"POS", "neg"}), &why), "POS", "POS/neg: POS");
    is_str(defpos(cs(2, (const char *[]){"y", "n"}), &why), "y", "y/n: y");
    is_str(defpos(cs(2, (const char *[]){"positive", "negative"}), &why), "positive",
           "positive/negative");
    is_str(defpos(cs(2, (const char *[]){"true", "false"}), &why), "true",
           "str true/false: true");
    is_str(defpos(cs(2, (const char *[]){"1", "0"}), &why), "1", "str 1/0: 1");
    is_str(why, "1 of 0/1 labels", "str 1/0: why");
    is_str(defpos(cs(2, (const char *[]){"churned", "stayed"}), &why), "stayed",
           "no rule: the last label");
    is_str(why, "the last label in sorted order", "no rule: why");
    is_str(defpos(ci(2, (int64_t[]){1, 2}, NULL), &why), "2", "1/2: the last label");
    is_str(defpos(cs(2, (const char *[]){"1", "2"}), &why), "2", "str 1/2: the last label");
    is_str(defpos(ci(2, (int64_t[]){2, 10}, NULL), &why), "10", "2/10: the last, numerically");
    is_str(defpos(cs(2, (const char *[]){"No", "No"}), &why), "No", "one label: it");
    is_str(why, "the only label", "one label: why");
    is_str(defpos(cb("FF"), &why), "false", "bool of false only: false");
    drain();

    lt_labels l;
    int64_t nk;
    lt_col *t = cs(3, (const char *[]){"b", "a", "c"});
    lt_labels_encode(t, NULL, 0, &l, tc, NULL, &nk);
    is_int(lt_labels_find(&l, "c"), 2, "find c");
    is_int(lt_labels_find(&l, "A"), -1, "find is case-sensitive");
    lt_labels_fini(&l);
    drain();
}

static const char *bits(const uint8_t *b, int64_t n)
{
    static char buf[128];
    for (int64_t i = 0; i < n; i++)
        buf[i] = (char)('0' + b[i]);
    buf[n] = '\0';
    return buf;
}

static void test_binary(void)
{
    uint8_t y[16];
    double s[16];
    int64_t nk = -1;
    lt_col *t = cs(5, (const char *[]){"Yes", "No", NULL, "No", "Yes"});
    lt_col *sc = cf(5, (double[]){0.9, 0.2, 0.5, NA, 0.4});
    is_int(lt_labels_binary(t, "Yes", sc, y, s, &nk), 0, "binary str: ok");
    is_int(nk, 3, "binary str: missing truth and NaN score dropped");
    is_str(bits(y, nk), "101", "binary str: 0/1");
    ok(s[0] == 0.9 && s[1] == 0.2 && s[2] == 0.4, "binary str: kept scores");
    is_int(lt_labels_binary(t, "No", sc, y, s, &nk), 0, "binary str, positive No");
    is_str(bits(y, nk), "010", "binary str, positive No: 0/1");

    /* scores given as i64 (missing dropped) and bool: hard predictions */
    lt_col *si64 = ci(5, (int64_t[]){1, 0, 1, 1, 0}, "...x.");
    is_int(lt_labels_binary(t, "Yes", si64, y, s, &nk), 0, "i64 scores");
    ok(nk == 3 && s[0] == 1 && s[1] == 0 && s[2] == 0, "i64 scores: values, missing dropped");
    lt_col *sb = cb("TFTFN");
    is_int(lt_labels_binary(t, "Yes", sb, y, s, &nk), 0, "bool scores");
    ok(nk == 3 && s[0] == 1 && s[1] == 0 && s[2] == 0, "bool scores: values");

    /* numeric and bool truths */
    lt_col *tf = cf(4, (double[]){1, 0, 0, 1});
    lt_col *s4 = cf(4, (double[]){0.1, 0.2, 0.3, 0.4});
    is_int(lt_labels_binary(tf, "1", s4, y, s, &nk), 0, "f64 truth");
    is_str(bits(y, nk), "1001", "f64 truth: 0/1");
    lt_col *ti = ci(4, (int64_t[]){2, 10, 10, 2}, NULL);
    is_int(lt_labels_binary(ti, "10", s4, y, s, &nk), 0, "i64 truth");
    is_str(bits(y, nk), "0110", "i64 truth: 0/1");
    lt_col *tb = cb("TFFT");
    is_int(lt_labels_binary(tb, "false", s4, y, s, &nk), 0, "bool truth");
    is_str(bits(y, nk), "0110", "bool truth, positive false: 0/1");

    /* errors */
    is_int(lt_labels_binary(t, "yes", sc, y, s, &nk), LT_EINVAL, "unknown positive");
    is_str(lt_errmsg(), "positive = 'yes' is not a class of truth; classes: 'No', 'Yes'",
           "unknown positive: message lists the classes");
    is_int(lt_labels_binary(ti, "abc", s4, y, s, &nk), LT_EINVAL, "a word against integers");
    is_str(lt_errmsg(), "positive = 'abc' is not a class of truth; classes: '2', '10'",
           "a word against integers: message");
    is_int(lt_labels_binary(tb, "1", s4, y, s, &nk), LT_EINVAL, "1 against bools");
    is_str(lt_errmsg(), "positive = '1' is not a class of truth; classes: 'false', 'true'",
           "1 against bools: message");
    lt_col *s3 = cf(3, (double[]){0.1, 0.2, 0.3});
    is_int(lt_labels_binary(t, "Yes", s3, y, s, &nk), LT_ELENGTH, "length mismatch");
    is_str(lt_errmsg(), "truth has 5 rows and scores 3; expected the same length",
           "length mismatch: message");
    lt_col *ss = cs(5, (const char *[]){"a", "b", "c", "d", "e"});
    is_int(lt_labels_binary(t, "Yes", ss, y, s, &nk), LT_ETYPE, "str scores");
    is_str(lt_errmsg(), "scores are a str column; expected numbers (f64, i64 or bool)",
           "str scores: message");
    lt_col *tfr = cf(4, (double[]){1, 0.5, 0, 1});
    is_int(lt_labels_binary(tfr, "1", s4, y, s, &nk), LT_ETYPE, "fractional truth");
    is_str(lt_errmsg(), "truth is a number column with fractional values (0.5 at row 2); "
           "expected class labels", "fractional truth: message");
    lt_col *td = ct(4, (int64_t[]){0, 0, 0, 0}, NULL, LT_DATE);
    is_int(lt_labels_binary(td, "1", s4, y, s, &nk), LT_ETYPE, "date truth");
    /* the positive class only where the score is missing is still a class */
    lt_col *t2 = cs(2, (const char *[]){"a", "b"});
    lt_col *s2 = cf(2, (double[]){NA, 0.5});
    is_int(lt_labels_binary(t2, "a", s2, y, s, &nk), 0, "positive only on dropped rows");
    ok(nk == 1 && y[0] == 0, "positive only on dropped rows: one negative row kept");
    lt_col *allna = cs(2, (const char *[]){NULL, NULL});
    is_int(lt_labels_binary(allna, "a", s2, y, s, &nk), LT_EINVAL, "truth all missing");
    is_str(lt_errmsg(), "positive = 'a' is not a class of truth; truth has no values",
           "truth all missing: message");
    drain();
}

/* Many classes: the hash table grows, and codes stay right. */
static void test_many(void)
{
    enum { N = 100000, K = 3000 };
    int64_t *v = malloc(N * sizeof *v);
    int32_t *code = malloc(N * sizeof *code);
    for (int64_t i = 0; i < N; i++)
        v[i] = (i * 7919) % K * 3 - 100;   /* every class, spread out, some negative */
    lt_col *t = lt_col_from_i64(v, NULL, N);
    lt_labels l;
    int64_t nk;
    is_int(lt_labels_encode(t, NULL, 0, &l, code, NULL, &nk), 0, "many: encode");
    is_int(l.k, K, "many: 3000 classes");
    int bad = 0;
    for (int64_t i = 0; i < N; i++) {
        long long want = v[i];
        if (atoll(l.names[code[i]]) != want)
            bad++;
    }
    is_int(bad, 0, "many: every code names its value");
    for (int i = 1; i < l.k; i++)
        if (atoll(l.names[i - 1]) >= atoll(l.names[i]))
            bad++;
    is_int(bad, 0, "many: labels ascending");
    lt_labels_fini(&l);
    is_int(lt_labels_encode(t, NULL, 2999, &l, code, NULL, &nk), LT_EINVAL,
           "many: over max_classes");
    lt_col_unref(t);
    free(v);
    free(code);
}

int main(void)
{
    test_strings();
    test_numeric_order();
    test_mixed_types();
    test_errors();
    test_default_positive();
    test_binary();
    test_many();
    return tap_done();
}
