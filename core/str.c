/* String functions on str columns (str.h) and their entries in the
 * expression function table (lt_string_fns, fn.h).
 *
 * Two engines do the row work: map_str transforms each distinct string a
 * column uses into a new dictionary and remaps the codes; map_val
 * computes one i64/bool value per distinct string and spreads it over the
 * rows.  Both compute a string's result the first time a row uses it, so
 * a column sharing a big dictionary with a larger column (a filtered
 * frame) pays only for the strings it holds. */
#include "str.h"

#include <regex.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "error.h"
#include "fn.h"
#include "ops.h"

/* ---- a growable byte buffer ---------------------------------------------- */

typedef struct buf {
    char *p;
    size_t len, cap;
} buf;

static int buf_reserve(buf *b, size_t extra)
{
    if (b->len + extra <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p)
        return lt_nomem();
    b->p = p;
    b->cap = cap;
    return 0;
}

static int buf_put(buf *b, const char *s, size_t n)
{
    if (n == 0)
        return 0;
    if (buf_reserve(b, n) < 0)
        return LT_ENOMEM;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    return 0;
}

/* ---- shared helpers ----------------------------------------------------- */

static int check_str(const lt_col *s)
{
    if (s->type != LT_STR)
        return lt_seterr(LT_ETYPE, "expected a str column, got %s", lt_type_name(s->type));
    return 0;
}

/* Give r (being built, n values like s) the missing values of s.  The
 * slots of r must already hold the missing marks (code -1, 0). */
static int copy_valid(lt_col *r, const lt_col *s)
{
    if (!s->valid)
        return 0;
    size_t bytes = (size_t)(s->n + 7) / 8;
    r->valid = malloc(bytes);
    if (!r->valid)
        return lt_nomem();
    memcpy(r->valid, s->valid, bytes);
    return 0;
}

/* Result code (or value) of each dictionary code, -1 (INT64_MIN) until
 * computed. */
static int32_t *new_remap(const lt_col *s)
{
    size_t size = (size_t)lt_dict_size(s->dict);
    int32_t *m = malloc((size ? size : 1) * sizeof *m);
    if (!m) {
        lt_nomem();
        return NULL;
    }
    memset(m, 0xff, size * sizeof *m);
    return m;
}

/* Transform of one string into out (empty on entry); 0 or LT_E*. */
typedef int (*xform_fn)(const char *s, size_t len, buf *out, const void *ud);

/* A str column with f applied to each distinct string of s, on a new
 * dictionary. */
static lt_col *map_str(const lt_col *s, xform_fn f, const void *ud)
{
    if (check_str(s) < 0)
        return NULL;
    int32_t *remap = new_remap(s);
    lt_dict *d = remap ? lt_dict_new() : NULL;
    lt_col *r = d ? lt_col_new_str(s->n, d) : NULL;
    lt_dict_unref(d);
    if (!r) {
        free(remap);
        return NULL;
    }
    buf b = { 0 };
    int status = copy_valid(r, s);
    const int32_t *in = lt_col_codes(s);
    int32_t *out = lt_col_codes(r);
    for (int64_t i = 0; i < s->n && status == 0; i++) {
        int32_t c = in[i];
        if (c < 0) {
            out[i] = -1;
            continue;
        }
        if (remap[c] < 0) {
            size_t len;
            const char *str = lt_dict_str(s->dict, c, &len);
            b.len = 0;
            status = f(str, len, &b, ud);
            if (status == 0) {
                int32_t code = lt_dict_intern(d, b.p, b.len);
                if (code < 0)
                    status = code;
                remap[c] = code;
            }
        }
        out[i] = remap[c];
    }
    free(b.p);
    free(remap);
    return lt_col_done(r, status);
}

/* Value of one string; 0 or LT_E*. */
typedef int (*value_fn)(const char *s, size_t len, const void *ud, int64_t *v);

/* An i64 or bool column of f of each distinct string of s. */
static lt_col *map_val(const lt_col *s, lt_type type, value_fn f, const void *ud)
{
    if (check_str(s) < 0)
        return NULL;
    size_t size = (size_t)lt_dict_size(s->dict);
    int64_t *val = malloc((size ? size : 1) * sizeof *val);
    lt_col *r = val ? lt_col_new(type, s->n) : NULL;
    if (!r) {
        if (!val)
            lt_nomem();
        free(val);
        return NULL;
    }
    for (size_t k = 0; k < size; k++)
        val[k] = INT64_MIN;
    int status = copy_valid(r, s);
    const int32_t *in = lt_col_codes(s);
    for (int64_t i = 0; i < s->n && status == 0; i++) {
        int32_t c = in[i];
        if (c < 0)
            continue;   /* the slot holds 0, as a missing value's must */
        if (val[c] == INT64_MIN) {
            size_t len;
            const char *str = lt_dict_str(s->dict, c, &len);
            status = f(str, len, ud, &val[c]);
            if (status < 0)
                break;
        }
        if (type == LT_BOOL)
            lt_col_bool(r)[i] = (uint8_t)val[c];
        else
            lt_col_i64(r)[i] = val[c];
    }
    free(val);
    return lt_col_done(r, status);
}

/* Does s[0..len) hold t[0..tlen) at offset off? */
static bool has_at(const char *s, size_t len, size_t off, const char *t, size_t tlen)
{
    return off <= len && tlen <= len - off && memcmp(s + off, t, tlen) == 0;
}

/* First occurrence of t in s[from..len), or NULL (t non-empty): memchr
 * for the first byte, then a compare. */
static const char *find(const char *s, size_t len, size_t from, const char *t, size_t tlen)
{
    const char *p = s + from, *end = s + len;
    while (from <= len && (size_t)(end - p) >= tlen) {
        p = memchr(p, t[0], (size_t)(end - p) - tlen + 1);
        if (!p)
            return NULL;
        if (memcmp(p + 1, t + 1, tlen - 1) == 0)
            return p;
        p++;
    }
    return NULL;
}

/* ---- case and length ---------------------------------------------------- */

static int xf_case(const char *s, size_t len, buf *out, const void *ud)
{
    bool up = *(const bool *)ud;
    const utf8proc_uint8_t *u = (const utf8proc_uint8_t *)s;
    for (size_t i = 0; i < len;) {
        /* A code point maps to at most 4 bytes (the length may change:
         * U+023F has 2 bytes, its upper case U+2C7E 3). */
        if (buf_reserve(out, 4) < 0)
            return LT_ENOMEM;
        unsigned ch = u[i];
        if (ch < 0x80) {
            if (up && ch >= 'a' && ch <= 'z')
                ch -= 'a' - 'A';
            else if (!up && ch >= 'A' && ch <= 'Z')
                ch += 'a' - 'A';
            out->p[out->len++] = (char)ch;
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(u + i, (utf8proc_ssize_t)(len - i), &cp);
        if (k < 1) {   /* not UTF-8: keep the byte */
            out->p[out->len++] = (char)ch;
            i++;
            continue;
        }
        cp = up ? utf8proc_toupper(cp) : utf8proc_tolower(cp);
        out->len += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)out->p + out->len);
        i += (size_t)k;
    }
    return 0;
}

lt_col *lt_str_lower(const lt_col *s)
{
    static const bool up = false;
    return map_str(s, xf_case, &up);
}

lt_col *lt_str_upper(const lt_col *s)
{
    static const bool up = true;
    return map_str(s, xf_case, &up);
}

/* Code points: the bytes that do not continue a UTF-8 sequence. */
static int val_len(const char *s, size_t len, const void *ud, int64_t *v)
{
    (void)ud;
    int64_t n = 0;
    for (size_t i = 0; i < len; i++)
        n += ((unsigned char)s[i] & 0xC0) != 0x80;
    *v = n;
    return 0;
}

lt_col *lt_str_len(const lt_col *s) { return map_val(s, LT_I64, val_len, NULL); }

static int xf_strip(const char *s, size_t len, buf *out, const void *ud)
{
    (void)ud;
    size_t a = 0, b = len;
    while (a < b && (s[a] == ' ' || s[a] == '\t'))
        a++;
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t'))
        b--;
    return buf_put(out, s + a, b - a);
}

lt_col *lt_str_strip(const lt_col *s) { return map_str(s, xf_strip, NULL); }

/* ---- search ------------------------------------------------------------- */

typedef struct needle {
    const char *s;
    size_t len;
} needle;

static int val_contains(const char *s, size_t len, const void *ud, int64_t *v)
{
    const needle *t = ud;
    *v = t->len == 0 || find(s, len, 0, t->s, t->len) != NULL;
    return 0;
}

static int val_starts(const char *s, size_t len, const void *ud, int64_t *v)
{
    const needle *t = ud;
    *v = has_at(s, len, 0, t->s, t->len);
    return 0;
}

static int val_ends(const char *s, size_t len, const void *ud, int64_t *v)
{
    const needle *t = ud;
    *v = t->len <= len && has_at(s, len, len - t->len, t->s, t->len);
    return 0;
}

lt_col *lt_str_contains(const lt_col *s, const char *sub)
{
    needle t = { sub, strlen(sub) };
    return map_val(s, LT_BOOL, val_contains, &t);
}

lt_col *lt_str_starts_with(const lt_col *s, const char *prefix)
{
    needle t = { prefix, strlen(prefix) };
    return map_val(s, LT_BOOL, val_starts, &t);
}

lt_col *lt_str_ends_with(const lt_col *s, const char *suffix)
{
    needle t = { suffix, strlen(suffix) };
    return map_val(s, LT_BOOL, val_ends, &t);
}

/* Dictionary strings end with a NUL and hold none, so regexec can read
 * them as they are. */
static int val_matches(const char *s, size_t len, const void *ud, int64_t *v)
{
    (void)len;
    int rc = regexec(ud, s, 0, NULL, 0);
    if (rc != 0 && rc != REG_NOMATCH)
        return lt_seterr(LT_ENOMEM, "regular expression matching failed (out of memory)");
    *v = rc == 0;
    return 0;
}

lt_col *lt_str_matches(const lt_col *s, const char *regex)
{
    if (check_str(s) < 0)
        return NULL;
    regex_t re;
    int rc = regcomp(&re, regex, REG_EXTENDED | REG_NOSUB);
    if (rc != 0) {
        char why[128];
        regerror(rc, &re, why, sizeof why);
        lt_seterr(LT_EINVAL, "bad regular expression '%s': %s", regex, why);
        return NULL;
    }
    lt_col *r = map_val(s, LT_BOOL, val_matches, &re);
    regfree(&re);
    return r;
}

/* ---- replace and split -------------------------------------------------- */

typedef struct replacement {
    needle old, repl;
} replacement;

static int xf_replace(const char *s, size_t len, buf *out, const void *ud)
{
    const replacement *rp = ud;
    if (rp->old.len == 0)
        return buf_put(out, s, len);
    size_t at = 0;
    const char *hit;
    while ((hit = find(s, len, at, rp->old.s, rp->old.len))) {
        size_t off = (size_t)(hit - s);
        if (buf_put(out, s + at, off - at) < 0 || buf_put(out, rp->repl.s, rp->repl.len) < 0)
            return LT_ENOMEM;
        at = off + rp->old.len;
    }
    return buf_put(out, s + at, len - at);
}

lt_col *lt_str_replace(const lt_col *s, const char *old, const char *repl)
{
    replacement rp = { { old, strlen(old) }, { repl, strlen(repl) } };
    return map_str(s, xf_replace, &rp);
}

typedef struct split {
    needle sep;
    int64_t i;
} split;

static int xf_split(const char *s, size_t len, buf *out, const void *ud)
{
    const split *sp = ud;
    if (sp->sep.len == 0)   /* the whole string is the only field */
        return sp->i == 1 || sp->i == -1 ? buf_put(out, s, len) : 0;
    int64_t want = sp->i;
    if (want < 0) {   /* count the fields, then count from the front */
        int64_t nfield = 1;
        for (const char *h = s; (h = find(s, len, (size_t)(h - s), sp->sep.s, sp->sep.len));
             h += sp->sep.len)
            nfield++;
        want = nfield + want + 1;
        if (want < 1)
            return 0;
    }
    size_t start = 0;
    for (int64_t k = 1; k < want; k++) {
        const char *h = find(s, len, start, sp->sep.s, sp->sep.len);
        if (!h)
            return 0;   /* past the last field */
        start = (size_t)(h - s) + sp->sep.len;
    }
    const char *end = find(s, len, start, sp->sep.s, sp->sep.len);
    return buf_put(out, s + start, (end ? (size_t)(end - s) : len) - start);
}

lt_col *lt_str_split_part(const lt_col *s, const char *sep, int64_t i)
{
    if (check_str(s) < 0)
        return NULL;
    if (i == 0) {
        lt_seterr(LT_EINVAL, "field position 0: fields count from 1 (or from -1 at the end)");
        return NULL;
    }
    split sp = { { sep, strlen(sep) }, i };
    return map_str(s, xf_split, &sp);
}

/* ---- concatenation ------------------------------------------------------ */

typedef struct affix {
    needle text;
    bool prefix;
} affix;

static int xf_affix(const char *s, size_t len, buf *out, const void *ud)
{
    const affix *a = ud;
    if (a->prefix)
        return buf_put(out, a->text.s, a->text.len) < 0 ? LT_ENOMEM : buf_put(out, s, len);
    return buf_put(out, s, len) < 0 ? LT_ENOMEM : buf_put(out, a->text.s, a->text.len);
}

/* a .. b row by row, both str of n values.  When the dictionaries are
 * small next to n, each pair of codes is joined once (a table of
 * size(a) x size(b) results); otherwise the pairs are mostly distinct
 * anyway and every row is joined and interned. */
static lt_col *concat_rows(const lt_col *a, const lt_col *b, int64_t n)
{
    int64_t da = lt_dict_size(a->dict), db = lt_dict_size(b->dict), npair = da * db;
    bool table = npair <= (n > 4096 ? n : 4096);
    int32_t *pair = NULL;
    lt_dict *d = lt_dict_new();
    lt_col *r = d ? lt_col_new_str(n, d) : NULL;
    lt_dict_unref(d);
    if (!r)
        return NULL;
    if (table) {
        pair = malloc((size_t)(npair ? npair : 1) * sizeof *pair);
        if (!pair)
            return lt_col_done(r, lt_nomem());
        memset(pair, 0xff, (size_t)npair * sizeof *pair);
    }
    const int32_t *ca = lt_col_codes(a), *cb = lt_col_codes(b);
    int32_t *out = lt_col_codes(r);
    buf bb = { 0 };
    int status = 0;
    for (int64_t i = 0; i < n && status == 0; i++) {
        if (ca[i] < 0 || cb[i] < 0) {
            status = lt_col_set_na(r, i);
            continue;
        }
        int32_t *slot = table ? &pair[(int64_t)ca[i] * db + cb[i]] : NULL;
        if (slot && *slot >= 0) {
            out[i] = *slot;
            continue;
        }
        size_t la, lb;
        const char *sa = lt_dict_str(a->dict, ca[i], &la);
        const char *sb = lt_dict_str(b->dict, cb[i], &lb);
        bb.len = 0;
        int32_t code = buf_put(&bb, sa, la) < 0 || buf_put(&bb, sb, lb) < 0
                           ? LT_ENOMEM : lt_dict_intern(d, bb.p, bb.len);
        if (code < 0)
            status = code;
        out[i] = code;
        if (slot)
            *slot = code;
    }
    free(bb.p);
    free(pair);
    return lt_col_done(r, status);
}

/* x itself when it is str, else as lt_col_astype writes it. */
static lt_col *as_str(const lt_col *x)
{
    return x->type == LT_STR ? lt_col_ref((lt_col *)x) : lt_col_astype(x, LT_STR, false);
}

lt_col *lt_str_concat(const lt_col *a, const lt_col *b)
{
    if (a->n != b->n && a->n != 1 && b->n != 1) {
        lt_seterr(LT_ELENGTH, "columns have lengths %lld and %lld; expected equal lengths "
                  "or one of length 1", (long long)a->n, (long long)b->n);
        return NULL;
    }
    int64_t n = a->n == 1 ? b->n : a->n;
    lt_col *sa = as_str(a);
    lt_col *sb = sa ? as_str(b) : NULL;
    lt_col *r = NULL;
    if (sb && (sb->n == 1 || sa->n == 1)) {
        /* One side is one value: suffix or prefix the other's strings. */
        bool prefix = sb->n != 1;
        const lt_col *one = prefix ? sa : sb, *many = prefix ? sb : sa;
        size_t len;
        const char *text = lt_col_get_str(one, 0, &len);
        affix af = { { text, len }, prefix };
        r = text ? map_str(many, xf_affix, &af) : lt_col_new_na(LT_STR, LT_DATETIME, n);
    } else if (sb) {
        r = concat_rows(sa, sb, n);
    }
    lt_col_unref(sa);
    lt_col_unref(sb);
    return r;
}

/* ---- the expression functions ------------------------------------------- */

/* The subject args[0] must be str before parameters are looked at, so
 * that lower(1) reads "expected a str column, got i64". */
static lt_col *fn_lower(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs, (void)ctx;
    return lt_str_lower(args[0]);
}

static lt_col *fn_upper(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs, (void)ctx;
    return lt_str_upper(args[0]);
}

static lt_col *fn_len(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs, (void)ctx;
    return lt_str_len(args[0]);
}

static lt_col *fn_strip(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs, (void)ctx;
    return lt_str_strip(args[0]);
}

typedef lt_col *(*search_fn)(const lt_col *, const char *);

/* A function of the subject and one str parameter giving `type`. */
static lt_col *with_param(lt_col *const *args, search_fn f, const char *what, lt_type type)
{
    if (check_str(args[0]) < 0)
        return NULL;
    int err = 0;
    const char *p = lt_fn_str_param_na(args[1], what, &err);
    if (err < 0)
        return NULL;
    return p ? f(args[0], p) : lt_col_new_na(type, LT_DATETIME, args[0]->n);
}

static lt_col *fn_contains(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs, (void)ctx;
    return with_param(args, lt_str_contains, "sub", LT_BOOL);
}

static lt_col *fn_starts_with(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs, (void)ctx;
    return with_param(args, lt_str_starts_with, "prefix", LT_BOOL);
}

static lt_col *fn_ends_with(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs, (void)ctx;
    return with_param(args, lt_str_ends_with, "suffix", LT_BOOL);
}

static lt_col *fn_matches(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs, (void)ctx;
    return with_param(args, lt_str_matches, "regex", LT_BOOL);
}

static lt_col *fn_replace(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs, (void)ctx;
    if (check_str(args[0]) < 0)
        return NULL;
    int err = 0;
    const char *old = lt_fn_str_param_na(args[1], "old", &err);
    const char *repl = err < 0 ? NULL : lt_fn_str_param_na(args[2], "new", &err);
    if (err < 0)
        return NULL;
    return old && repl ? lt_str_replace(args[0], old, repl) : lt_col_new_na(LT_STR, LT_DATETIME, args[0]->n);
}

static lt_col *fn_split_part(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs, (void)ctx;
    if (check_str(args[0]) < 0)
        return NULL;
    int err = 0;
    const char *sep = lt_fn_str_param_na(args[1], "sep", &err);
    if (err < 0)
        return NULL;
    const lt_col *pi = args[2];
    if (!sep || (pi->n == 1 && lt_col_is_na(pi, 0)))
        return lt_col_new_na(LT_STR, LT_DATETIME, args[0]->n);
    int64_t i;
    if (lt_fn_int_param(pi, "i", &i) < 0)
        return NULL;
    return lt_str_split_part(args[0], sep, i);
}

static lt_col *fn_concat(lt_col *const *args, int nargs, const lt_fn_ctx *ctx)
{
    (void)nargs, (void)ctx;
    return lt_str_concat(args[0], args[1]);
}

const lt_fn lt_string_fns[] = {
    {"lower", LT_FN_MAP, 1, 1, fn_lower, NULL, 0, "s:lower()",
     "Lower case, ASCII and Unicode letters.\n"
     "\"Éric\" gives \"éric\"; missing stays missing.",
     "col\"name\":lower()\nchurn.contract:lower()"},
    {"upper", LT_FN_MAP, 1, 1, fn_upper, NULL, 0, "s:upper()",
     "Upper case, ASCII and Unicode letters.\n"
     "\"Éric\" gives \"ÉRIC\".  One code point maps to one: \"ß\" gives \"ẞ\",\n"
     "not \"SS\".",
     "col\"name\":upper()"},
    {"len", LT_FN_MAP, 1, 1, fn_len, NULL, 0, "s:len()",
     "Length in characters (code points), as i64.\n"
     "\"straße\" has 6 (7 bytes); \"\" has 0; missing stays missing.",
     "df:filter(col\"code\":len():eq(5))"},
    {"contains", LT_FN_MAP, 2, 2, fn_contains, NULL, 0, "s:contains(sub)",
     "Whether s contains the text sub (bool).\n"
     "Literal and case-sensitive; every string contains \"\".  Use matches for\n"
     "patterns.",
     "churn:filter(col\"payment_method\":contains(\"automatic\"))"},
    {"starts_with", LT_FN_MAP, 2, 2, fn_starts_with, NULL, 0, "s:starts_with(prefix)",
     "Whether s begins with the text prefix (bool).\n"
     "Literal and case-sensitive.",
     "churn:filter(col\"contract\":starts_with(\"One\"))"},
    {"ends_with", LT_FN_MAP, 2, 2, fn_ends_with, NULL, 0, "s:ends_with(suffix)",
     "Whether s ends with the text suffix (bool).\n"
     "Literal and case-sensitive.",
     "df:filter(col\"file\":ends_with(\".csv\"))"},
    {"matches", LT_FN_MAP, 2, 2, fn_matches, NULL, 0, "s:matches(regex)",
     "Whether a regular expression matches s (bool).\n"
     "POSIX extended syntax, matching anywhere in s: anchor with ^ and $ to\n"
     "match the whole string.  A bad expression is an error.",
     "df:filter(col\"code\":matches(\"^[A-Z]{2}[0-9]+$\"))"},
    {"replace", LT_FN_MAP, 3, 3, fn_replace, NULL, 0, "s:replace(old, new)",
     "Replace every occurrence of old by new.\n"
     "Literal text, left to right; an empty old changes nothing (as\n"
     "PostgreSQL's replace).",
     "col\"payment_method\":replace(\" (automatic)\", \"\")"},
    {"split_part", LT_FN_MAP, 3, 3, fn_split_part, NULL, 0, "s:split_part(sep, i)",
     "Field i of s split at sep (as PostgreSQL).\n"
     "Fields count from 1; a negative i counts from the end (-1 is the last);\n"
     "a field past either end is \"\"; with sep \"\" s is its only field;\n"
     "i = 0 is an error.",
     "col\"email\":split_part(\"@\", 2)      -- the domain\n"
     "col\"path\":split_part(\"/\", -1)      -- the last part"},
    {"strip", LT_FN_MAP, 1, 1, fn_strip, NULL, 0, "s:strip()",
     "s without the spaces and tabs at both ends.",
     "col\"name\":strip()"},
    /* `..` has Lua's left priority of concatenation (lparser.c). */
    {"concat", LT_FN_MAP, 2, 2, fn_concat, "..", 9, "a:concat(b)",
     "a and b joined as text: the `..` operator.\n"
     "Numbers, booleans and times become text as astype(\"str\") writes them;\n"
     "a missing value on either side gives missing.",
     "churn:mutate{ key = col\"contract\" .. \"/\" .. col\"tenure\" }\n"
     "df:mutate{ label = \"id \" .. col\"id\" }"},
    {NULL, 0, 0, 0, NULL, NULL, 0, NULL, NULL, NULL},
};
