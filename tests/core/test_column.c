/* Columns and dictionaries: building, missing values, copies, refcounts. */
#include <math.h>
#include <stdlib.h>

#include "column.h"
#include "error.h"
#include "tap.h"

static void test_dict(void)
{
    lt_dict *d = lt_dict_new();
    is_int(lt_dict_intern(d, "Yes", 3), 0, "first string gets code 0");
    is_int(lt_dict_intern(d, "No", 2), 1, "second string gets code 1");
    is_int(lt_dict_intern(d, "Yes", 3), 0, "interning again returns the same code");
    is_int(lt_dict_find(d, "Maybe", 5), -1, "find of an absent string is -1");
    is_int(lt_dict_intern(d, "", 0), 2, "the empty string is a value");
    size_t len;
    is_str(lt_dict_str(d, 1, &len), "No", "string of code 1");
    is_int((long long)len, 2, "its length");
    /* Force several rehashes and check every code survives them. */
    char buf[32];
    int bad = 0;
    for (int i = 0; i < 100000; i++) {
        int n = snprintf(buf, sizeof buf, "key%d", i);
        if (lt_dict_intern(d, buf, (size_t)n) != i + 3)
            bad++;
    }
    for (int i = 0; i < 100000; i += 997) {
        int n = snprintf(buf, sizeof buf, "key%d", i);
        if (lt_dict_find(d, buf, (size_t)n) != i + 3)
            bad++;
    }
    is_int(bad, 0, "100000 strings keep distinct, stable codes across rehashes");
    is_int(lt_dict_size(d), 100003, "dictionary size");
    /* Embedded bytes that are not NUL, and strings sharing a prefix. */
    is_int(lt_dict_intern(d, "key1\xff", 5), 100003, "a string with a high byte is distinct");
    lt_dict_unref(d);
}

static void test_missing(void)
{
    lt_col *c = lt_col_new(LT_I64, 10);
    for (int i = 0; i < 10; i++)
        lt_col_i64(c)[i] = i * 10;
    lt_col_set_na(c, 3);
    lt_col_set_na(c, 9);
    lt_col_finish(c);
    is_int(c->nmiss, 2, "two i64 values missing");
    ok(lt_col_is_na(c, 3) && lt_col_is_na(c, 9) && !lt_col_is_na(c, 4), "is_na per slot");
    ok(isnan(lt_col_get_num(c, 3)) && lt_col_get_num(c, 4) == 40.0, "get_num gives NaN for missing");

    lt_col *full = lt_col_new(LT_BOOL, 3);
    lt_col_finish(full);
    ok(full->valid == NULL && full->nmiss == 0, "no bitmap without missing values");
    lt_col_unref(full);

    double v[] = { 1.5, NAN, -INFINITY };
    lt_col *f = lt_col_from_f64(v, 3);
    is_int(f->nmiss, 1, "f64 NaN counts as missing, -Inf does not");
    ok(f->valid == NULL, "f64 never carries a bitmap");

    /* slice and take carry missing values along */
    lt_col *s = lt_col_slice(c, 2, 3);
    is_int(s->n, 3, "slice length");
    ok(lt_col_i64(s)[0] == 20 && lt_col_is_na(s, 1) && lt_col_i64(s)[2] == 40, "slice values and NA");
    is_int(s->nmiss, 1, "slice counts its missing values");
    ok(lt_col_slice(c, 8, 5) == NULL && lt_errcode() == LT_EINVAL, "slice past the end is an error");

    int64_t idx[] = { 9, 0, -1, 4 };
    lt_col *t = lt_col_take(c, idx, 4);
    ok(lt_col_is_na(t, 0) && lt_col_i64(t)[1] == 0 && lt_col_is_na(t, 2) && lt_col_i64(t)[3] == 40,
       "take: missing source, plain values, negative index gives NA");
    is_int(t->nmiss, 2, "take counts missing values");
    int64_t bad[] = { 10 };
    ok(lt_col_take(c, bad, 1) == NULL, "take out of range is an error");
    is_str(lt_errmsg(), "row index 11 is outside a column of 10 values", "its message is 1-based");

    /* a take big enough for the threaded gathers, reversed, every 7th
     * source value missing and every 11th index negative */
    {
        int64_t nb = 100003;
        lt_col *src = lt_col_new(LT_I64, nb);
        for (int64_t i = 0; i < nb; i++) {
            lt_col_i64(src)[i] = i;
            if (i % 7 == 0)
                lt_col_set_na(src, i);
        }
        lt_col_finish(src);
        int64_t *rev = malloc((size_t)nb * sizeof *rev);
        for (int64_t i = 0; i < nb; i++)
            rev[i] = i % 11 == 0 ? -1 : nb - 1 - i;
        lt_col *big = lt_col_take(src, rev, nb);
        int64_t wrong = 0, miss = 0;
        for (int64_t i = 0; i < nb; i++) {
            bool na = rev[i] < 0 || rev[i] % 7 == 0;
            miss += na;
            wrong += na ? !lt_col_is_na(big, i) || lt_col_i64(big)[i] != 0
                        : lt_col_is_na(big, i) || lt_col_i64(big)[i] != rev[i];
        }
        is_int(wrong, 0, "big take: every value and missing flag in place");
        is_int(big->nmiss, miss, "big take counts its missing values");
        free(rev);
        lt_col_unref(big);
        lt_col_unref(src);
    }

    uint8_t mask[10] = { 1, 0, 0, 1, 0, 0, 0, 0, 0, 1 };
    lt_col *k = lt_col_compress(c, mask, 3);
    ok(k->n == 3 && lt_col_i64(k)[0] == 0 && lt_col_is_na(k, 1) && lt_col_is_na(k, 2), "compress");

    lt_col_unref(k);
    lt_col_unref(t);
    lt_col_unref(s);
    lt_col_unref(f);
    lt_col_unref(c);
}

static void test_strings(void)
{
    const char *v[] = { "b", NULL, "a", "b", "" };
    lt_col *c = lt_col_from_strs(v, NULL, 5);
    is_int(c->nmiss, 1, "NULL string is missing");
    is_int(lt_dict_size(c->dict), 3, "three distinct strings");
    is_int(lt_col_codes(c)[1], -1, "missing string code is -1");
    size_t len;
    is_str(lt_col_get_str(c, 3, &len), "b", "get_str");
    ok(lt_col_get_str(c, 1, NULL) == NULL, "get_str of missing is NULL");
    is_str(lt_col_get_str(c, 4, &len), "", "empty string is not missing");

    /* Columns share the dictionary by reference. */
    lt_col *r = lt_col_ref(c);
    lt_col *s = lt_col_slice(c, 2, 2);
    ok(s->dict == c->dict, "slice shares the dictionary");
    lt_col_unref(r);
    lt_col_unref(c);
    is_str(lt_col_get_str(s, 0, NULL), "a", "slice outlives its parent");
    lt_col_unref(s);
}

static void test_types(void)
{
    lt_type t;
    lt_time_kind k;
    ok(lt_type_parse("date", &t, &k) == 0 && t == LT_TIME && k == LT_DATE, "parse 'date'");
    ok(lt_type_parse("integer", &t, &k) == 0 && t == LT_I64, "parse 'integer'");
    ok(lt_type_parse("float32", &t, &k) == LT_EINVAL, "unknown type name");
    is_str(lt_errmsg(), "unknown type 'float32' (expected f64, i64, bool, str, date or datetime)",
           "unknown type message says what is expected");
    is_str(lt_type_name(LT_BOOL), "bool", "type name");
    lt_col *b = lt_col_scalar_bool(true);
    ok(b->n == 1 && lt_col_bool(b)[0] == 1, "bool scalar");
    lt_col_unref(b);
    uint8_t raw[] = { 0, 7 };
    lt_col *bb = lt_col_from_bool(raw, NULL, 2);
    ok(lt_col_bool(bb)[1] == 1, "bool builder normalises non-zero to 1");
    lt_col_unref(bb);
    lt_col *e = lt_col_new(LT_F64, 0);
    ok(e && e->n == 0 && e->data, "empty column");
    lt_col_unref(e);
    ok(lt_col_new(LT_I64, -1) == NULL, "negative length is an error");
    lt_col_unref(NULL);
    ok(1, "unref(NULL) is a no-op");
}

int main(void)
{
    test_dict();
    test_missing();
    test_strings();
    test_types();
    return tap_done();
}
