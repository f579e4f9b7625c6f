/* Expression trees (expr.h): construction, reference counting, and
 * formatting back into the string syntax that expr_parse.c reads, with
 * only the parentheses that Lua's precedence rules need, so that
 * lt_expr_parse(lt_expr_format(e)) rebuilds the same tree. */
#include "expr.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "numparse.h"
#include "timefmt.h"

/* Lists longer than this format as "<column of N values>": a whole column
 * given to filter, or a set too long to be worth reading in a message. */
enum { LIST_MAX = 100 };

static lt_expr *node_new(lt_expr_kind kind)
{
    lt_expr *e = calloc(1, sizeof *e);
    if (!e) {
        lt_nomem();
        return NULL;
    }
    e->kind = kind;
    e->refs = 1;
    e->pos = -1;
    return e;
}

lt_expr *lt_expr_col(const char *name)
{
    if (!name) {
        lt_seterr(LT_EINVAL, "a column reference needs a name");
        return NULL;
    }
    lt_expr *e = node_new(LT_EXPR_COL);
    if (!e)
        return NULL;
    size_t len = strlen(name);
    e->name = malloc(len + 1);
    if (!e->name) {
        free(e);
        lt_nomem();
        return NULL;
    }
    memcpy(e->name, name, len + 1);
    return e;
}

lt_expr *lt_expr_lit(lt_col *c)
{
    if (!c)
        return NULL;   /* the failure that gave no column has set lt_errmsg */
    lt_expr *e = node_new(LT_EXPR_LIT);
    if (!e)
        return NULL;
    e->lit = lt_col_ref(c);
    return e;
}

/* "(x, q)" from a signature "x:quantile(q)", "(c1, v1 ...)" from
 * "when(c1, v1 ...)"; "" when sig has no argument list. */
static void sig_args(const char *sig, char *buf, size_t cap)
{
    buf[0] = '\0';
    if (!sig)
        return;
    const char *open = strchr(sig, '(');
    const char *close = strrchr(sig, ')');
    if (!open || !close || close < open)
        return;
    const char *colon = memchr(sig, ':', (size_t)(open - sig));
    int plen = (int)(close - open - 1);
    if (colon) {
        int slen = (int)(colon - sig);
        if (plen == 0)
            snprintf(buf, cap, " (%.*s)", slen, sig);
        else if (open[1] == '[')   /* x:round([digits]) -> (x [, digits]) */
            snprintf(buf, cap, " (%.*s [, %.*s)", slen, sig, plen - 1, open + 2);
        else
            snprintf(buf, cap, " (%.*s, %.*s)", slen, sig, plen, open + 1);
    } else if (plen > 0) {
        snprintf(buf, cap, " (%.*s)", plen, open + 1);
    }
}

lt_expr *lt_expr_call(const lt_fn *fn, lt_expr *const *args, int nargs)
{
    /* a NULL argument is a failed constructor whose message stands, so
     * that calls can nest constructors directly */
    for (int i = 0; i < nargs; i++)
        if (!args[i]) {
            if (lt_errcode() == LT_OK)
                lt_seterr(LT_EINVAL, "%s: argument %d is missing", fn->name, i + 1);
            return NULL;
        }
    if (nargs < fn->min_args || (fn->max_args >= 0 && nargs > fn->max_args)) {
        char params[160];
        sig_args(fn->sig, params, sizeof params);
        char count[64];
        int lo = fn->min_args, hi = fn->max_args;
        if (hi == 0)
            snprintf(count, sizeof count, "no arguments");
        else if (lo == hi)
            snprintf(count, sizeof count, "%d argument%s", lo, lo == 1 ? "" : "s");
        else if (hi < 0)
            snprintf(count, sizeof count, "at least %d argument%s", lo, lo == 1 ? "" : "s");
        else
            snprintf(count, sizeof count, "%d to %d arguments", lo, hi);
        lt_seterr(LT_EINVAL, "%s takes %s%s, not %d", fn->name, count, params, nargs);
        return NULL;
    }
    int depth = 0;
    for (int i = 0; i < nargs; i++)
        if (args[i]->depth > depth)
            depth = args[i]->depth;
    if (depth >= LT_EXPR_MAX_DEPTH) {
        lt_seterr(LT_EINVAL, "%s: the expression is nested more than %d levels deep",
                  fn->name, LT_EXPR_MAX_DEPTH);
        return NULL;
    }
    lt_expr *e = node_new(LT_EXPR_CALL);
    if (!e)
        return NULL;
    e->depth = depth + 1;
    if (nargs > 0) {
        e->args = malloc((size_t)nargs * sizeof *e->args);
        if (!e->args) {
            free(e);
            lt_nomem();
            return NULL;
        }
    }
    for (int i = 0; i < nargs; i++)
        e->args[i] = lt_expr_ref(args[i]);
    e->fn = fn;
    e->nargs = nargs;
    return e;
}

lt_expr *lt_expr_call_name(const char *name, lt_expr *const *args, int nargs)
{
    const lt_fn *fn = lt_fn_find(name);
    if (!fn) {
        const char *s = lt_fn_suggest(name);
        if (s)
            lt_seterr(LT_EINVAL, "unknown function '%.64s' (did you mean '%s'?)", name, s);
        else
            lt_seterr(LT_EINVAL, "unknown function '%.64s'", name);
        return NULL;
    }
    return lt_expr_call(fn, args, nargs);
}

lt_expr *lt_expr_ref(lt_expr *e)
{
    e->refs++;
    return e;
}

/* Release one node's own storage; its children are the caller's business. */
static void node_free(lt_expr *e)
{
    free(e->name);
    lt_col_unref(e->lit);
    free(e->args);
    free(e);
}

static void unref_recursive(lt_expr *e)
{
    if (!e || --e->refs > 0)
        return;
    for (int i = 0; i < e->nargs; i++)
        unref_recursive(e->args[i]);
    node_free(e);
}

/* Iterative, with a stack of nodes whose count has reached zero, so that a
 * tree built deep from Lua (a loop of e = e + 1) cannot exhaust the C
 * stack while being freed. */
void lt_expr_unref(lt_expr *e)
{
    if (!e || --e->refs > 0)
        return;
    size_t cap = 64, n = 0;
    lt_expr **stack = malloc(cap * sizeof *stack);
    if (!stack) {
        e->refs = 1;
        unref_recursive(e);
        return;
    }
    stack[n++] = e;
    while (n > 0) {
        lt_expr *x = stack[--n];
        for (int i = 0; i < x->nargs; i++) {
            lt_expr *c = x->args[i];
            if (--c->refs > 0)
                continue;
            if (n == cap) {
                lt_expr **s2 = realloc(stack, 2 * cap * sizeof *stack);
                if (!s2) {
                    c->refs = 1;
                    unref_recursive(c);
                    continue;
                }
                stack = s2;
                cap *= 2;
            }
            stack[n++] = c;
        }
        node_free(x);
    }
    free(stack);
}

/* ---- formatting --------------------------------------------------------- */

typedef struct buf {
    char *s;
    size_t len, cap;
    bool oom;
} buf;

static void put(buf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = b->cap ? b->cap : 64;
        while (b->len + n + 1 > cap)
            cap *= 2;
        char *s2 = realloc(b->s, cap);
        if (!s2) {
            b->oom = true;
            return;
        }
        b->s = s2;
        b->cap = cap;
    }
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

static void puts_(buf *b, const char *s) { put(b, s, strlen(s)); }

static bool is_keyword(const char *s, size_t n)
{
    static const char *const kw[] = {
        "and", "break", "do", "else", "elseif", "end", "false", "for", "function",
        "goto", "if", "in", "local", "nil", "not", "or", "repeat", "return", "then",
        "true", "until", "while",
    };
    for (size_t i = 0; i < sizeof kw / sizeof kw[0]; i++)
        if (strlen(kw[i]) == n && memcmp(kw[i], s, n) == 0)
            return true;
    return false;
}

static bool is_ident(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || !((s[0] >= 'A' && s[0] <= 'Z') || (s[0] >= 'a' && s[0] <= 'z') || s[0] == '_'))
        return false;
    for (size_t i = 1; i < n; i++) {
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'))
            return false;
    }
    return !is_keyword(s, n);
}

static void put_name(buf *b, const char *name)
{
    if (is_ident(name)) {
        puts_(b, name);
        return;
    }
    /* `quoted name`, a backquote inside written twice */
    put(b, "`", 1);
    for (const char *p = name; *p; p++)
        put(b, *p == '`' ? "``" : p, *p == '`' ? 2 : 1);
    put(b, "`", 1);
}

static void put_string(buf *b, const char *s, size_t len)
{
    put(b, "'", 1);
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[8];
        switch (c) {
        case '\\': put(b, "\\\\", 2); break;
        case '\'': put(b, "\\'", 2); break;
        case '\n': put(b, "\\n", 2); break;
        case '\t': put(b, "\\t", 2); break;
        case '\r': put(b, "\\r", 2); break;
        default:
            if (c < 0x20 || c == 0x7f) {
                /* \ddd reads up to three digits: pad when a digit follows */
                bool digit_next = i + 1 < len && s[i + 1] >= '0' && s[i + 1] <= '9';
                int n = snprintf(esc, sizeof esc, digit_next ? "\\%03u" : "\\%u", c);
                put(b, esc, (size_t)n);
            } else {
                put(b, (const char *)&s[i], 1);
            }
        }
    }
    put(b, "'", 1);
}

static void put_f64(buf *b, double v)
{
    char tmp[40];
    if (isinf(v)) {
        /* what Lua's %q writes: 1e9999 reads back as inf */
        puts_(b, v < 0 ? "-1e9999" : "1e9999");
        return;
    }
    size_t n = lt_num_format_f64(v, tmp);
    put(b, tmp, n);
}

static void put_i64(buf *b, int64_t v)
{
    char tmp[32];
    if (v == INT64_MIN) {
        /* decimal -9223372036854775808 reads as a float; hex wraps */
        puts_(b, "0x8000000000000000");
        return;
    }
    size_t n = lt_num_format_i64(v, tmp);
    put(b, tmp, n);
}

/* Value i of c as a literal. */
static void put_value(buf *b, const lt_col *c, int64_t i)
{
    if (lt_col_is_na(c, i)) {
        puts_(b, "nil");
        return;
    }
    switch (c->type) {
    case LT_F64: put_f64(b, lt_col_f64(c)[i]); break;
    case LT_I64: put_i64(b, lt_col_i64(c)[i]); break;
    case LT_BOOL: puts_(b, lt_col_bool(c)[i] ? "true" : "false"); break;
    case LT_STR: {
        size_t len;
        const char *s = lt_col_get_str(c, i, &len);
        put_string(b, s, len);
        break;
    }
    case LT_TIME: {
        /* no time literal in the syntax: the ISO text, as comparisons read it */
        char tmp[40];
        size_t n = lt_time_format(lt_col_i64(c)[i], c->tkind, tmp, sizeof tmp);
        put_string(b, tmp, n);
        break;
    }
    }
}

static void put_lit(buf *b, const lt_col *c)
{
    if (c->n == 1) {
        put_value(b, c, 0);
    } else if (c->n > LIST_MAX) {
        char tmp[64];
        int n = snprintf(tmp, sizeof tmp, "<column of %lld values>", (long long)c->n);
        put(b, tmp, (size_t)n);
    } else {
        put(b, "{", 1);
        for (int64_t i = 0; i < c->n; i++) {
            if (i > 0)
                put(b, ", ", 2);
            put_value(b, c, i);
        }
        put(b, "}", 1);
    }
}

enum { PREC_UNARY = 12, PREC_ATOM = 100 };

static bool is_unary(const lt_expr *e)
{
    return e->kind == LT_EXPR_CALL && e->fn->op && e->nargs == 1;
}

static bool is_binary(const lt_expr *e)
{
    return e->kind == LT_EXPR_CALL && e->fn->op && e->nargs == 2;
}

/* A number literal below zero (or -0.0): it is written with a leading '-',
 * so it binds like unary minus. */
static bool is_negative_number(const lt_expr *e)
{
    if (e->kind != LT_EXPR_LIT || e->lit->n != 1 || lt_col_is_na(e->lit, 0))
        return false;
    if (e->lit->type == LT_F64)
        return signbit(lt_col_f64(e->lit)[0]);
    return e->lit->type == LT_I64 && lt_col_i64(e->lit)[0] < 0 &&
           lt_col_i64(e->lit)[0] != INT64_MIN;
}

static bool is_number(const lt_expr *e)
{
    return e->kind == LT_EXPR_LIT && e->lit->n == 1 && !lt_col_is_na(e->lit, 0) &&
           (e->lit->type == LT_F64 || e->lit->type == LT_I64);
}

static int prec_of(const lt_expr *e)
{
    if (is_binary(e))
        return e->fn->prec;
    if (is_unary(e) || is_negative_number(e))
        return PREC_UNARY;
    return PREC_ATOM;
}

static bool right_assoc(const lt_fn *fn)
{
    return strcmp(fn->op, "..") == 0 || strcmp(fn->op, "^") == 0;
}

static void format(buf *b, const lt_expr *e);

static void format_paren(buf *b, const lt_expr *e, bool paren)
{
    if (paren)
        put(b, "(", 1);
    format(b, e);
    if (paren)
        put(b, ")", 1);
}

static void format(buf *b, const lt_expr *e)
{
    if (b->oom)
        return;
    switch (e->kind) {
    case LT_EXPR_COL:
        put_name(b, e->name);
        return;
    case LT_EXPR_LIT:
        put_lit(b, e->lit);
        return;
    case LT_EXPR_CALL:
        break;
    }
    const lt_fn *fn = e->fn;
    if (is_binary(e)) {
        int p = fn->prec, lp = prec_of(e->args[0]), rp = prec_of(e->args[1]);
        bool ra = right_assoc(fn);
        format_paren(b, e->args[0], lp < p || (lp == p && ra));
        put(b, " ", 1);
        puts_(b, fn->op);
        put(b, " ", 1);
        /* a unary operand on the right never needs parentheses: the parser
         * reads a prefix operator wherever an operand starts (2 ^ -x) */
        format_paren(b, e->args[1], rp != PREC_UNARY && (rp < p || (rp == p && !ra)));
    } else if (is_unary(e)) {
        const lt_expr *a = e->args[0];
        size_t oplen = strlen(fn->op);
        bool word = oplen > 0 && ((fn->op[oplen - 1] >= 'a' && fn->op[oplen - 1] <= 'z') ||
                                  (fn->op[oplen - 1] >= 'A' && fn->op[oplen - 1] <= 'Z'));
        puts_(b, fn->op);
        /* -(3) stays a call: -3 would read back as the literal -3 */
        bool paren = prec_of(a) < PREC_UNARY ||
                     (strcmp(fn->op, "-") == 0 && is_number(a));
        if (word)
            put(b, " ", 1);
        else if (!paren && fn->op[oplen - 1] == '-' && (is_unary(a) || is_negative_number(a)))
            put(b, " ", 1);   /* "- -x": "--" would start a comment */
        format_paren(b, a, paren);
    } else {
        puts_(b, fn->name);
        put(b, "(", 1);
        for (int i = 0; i < e->nargs; i++) {
            if (i > 0)
                put(b, ", ", 2);
            format(b, e->args[i]);
        }
        put(b, ")", 1);
    }
}

char *lt_expr_format(const lt_expr *e)
{
    buf b = {0};
    put(&b, "", 0);
    format(&b, e);
    if (b.oom) {
        free(b.s);
        lt_nomem();
        return NULL;
    }
    return b.s;
}
