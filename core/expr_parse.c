/* The string form of expressions (expr.h): a hand-written lexer and a
 * precedence-climbing parser for Lua expression syntax, building the same
 * trees as the Lua bindings.
 *
 * It follows Lua 5.4's own parser (lparser.c subexpr) for precedence and
 * associativity, with these differences, all documented for users:
 *   - & | and unary ~ mean and / or / not, with the precedence of and / or
 *     / not (in Lua they are bitwise and bind tighter than comparisons;
 *     "a > 1 & b < 2" here means what its writer meant);
 *   - x == nil, nil == x and x ~= nil become is_na(x) / not is_na(x);
 *   - -<number> is one literal (-3, not neg(3)), as Lua folds constants;
 *   - `quoted name` is a column name; a backquote inside is written ``;
 *   - Lua keywords other than and or not nil true false are column names
 *     ("end > start"), and identifiers may hold UTF-8 bytes;
 *   - {a, b, ...} holds literals only (a set for is_in);
 *   - a string may not hold a zero byte, and \u{...} stops at U+10FFFF.
 * As in Lua, "--" starts a comment to the end of the line, --[[ ]] is a
 * long comment and [[ ]] (or [==[ ]==]) a long string without escapes.
 *
 * Errors are LT_EPARSE with the column (1-based, in characters) and the
 * source shown with a caret; nesting deeper than MAX_DEPTH is an error
 * rather than a risk to the C stack. */
#include "expr.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "error.h"
#include "numparse.h"

enum { MAX_DEPTH = 200 };

typedef enum tok_kind {
    T_EOF,
    T_NAME,    /* identifier: text in src[pos, end) */
    T_QNAME,   /* `quoted name`: decoded into p->sbuf */
    T_NUMBER,
    T_STRING,  /* decoded into p->sbuf */
    T_OP       /* operator, punctuation or keyword: op */
} tok_kind;

typedef struct tok {
    tok_kind kind;
    int pos, end;      /* bytes [pos, end) of src */
    const char *op;    /* T_OP: "+", "==", "and", "(" ... */
    bool is_int;       /* T_NUMBER */
    int64_t i;
    double d;
} tok;

typedef struct parser {
    const char *src;
    int len;
    int at;            /* lexer position */
    tok t;             /* current token */
    int prev_pos, prev_end;   /* the token before it (prev_end 0: none) */
    char *sbuf;        /* decoded string / quoted name of the current token */
    size_t slen, scap;
    int depth;
    bool failed;       /* an error (lt_errmsg) is set */
} parser;

/* ---- errors ------------------------------------------------------------- */

static bool is_cont(unsigned char c) { return (c & 0xC0) == 0x80; }

/* Terminal cells taken by src[a, b): UTF-8 characters by utf8proc's width,
 * invalid bytes and control characters (shown as spaces) one cell each. */
static int cells(const char *s, int a, int b)
{
    int w = 0;
    while (a < b) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + a, b - a, &cp);
        if (k <= 0) {
            w++;
            a++;
            continue;
        }
        int cw = cp < 0x20 || cp == 0x7f ? 1 : utf8proc_charwidth(cp);
        w += cw > 0 ? cw : 0;
        a += (int)k;
    }
    return w;
}

/* Set LT_EPARSE: "syntax error at column C: <msg>", the source (or a window
 * of it around pos) and a caret under pos.  Only the first error counts. */
__attribute__((format(printf, 3, 4)))
static void perr(parser *p, int pos, const char *fmt, ...)
{
    if (p->failed)
        return;
    p->failed = true;
    char msg[320];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);

    int col = 1;
    for (int i = 0; i < pos; i++)
        col += !is_cont((unsigned char)p->src[i]);

    enum { SHOW = 70 };
    int a = 0, b = p->len;
    if (p->len > SHOW) {
        a = pos - SHOW / 2;
        if (a < 0)
            a = 0;
        b = a + SHOW;
        if (b > p->len) {
            b = p->len;
            a = b - SHOW;
        }
        while (a > 0 && a < p->len && is_cont((unsigned char)p->src[a]))
            a++;
        while (b < p->len && b > a && is_cont((unsigned char)p->src[b]))
            b--;
    }
    char line[SHOW + 16];
    int n = 0;
    if (a > 0)
        n += snprintf(line + n, sizeof line - (size_t)n, "...");
    for (int i = a; i < b; i++) {
        unsigned char c = (unsigned char)p->src[i];
        line[n++] = c < 0x20 || c == 0x7f ? ' ' : (char)c;
    }
    line[n] = '\0';
    if (b < p->len)
        snprintf(line + n, sizeof line - (size_t)n, "...");
    int pad = (a > 0 ? 3 : 0) + cells(p->src, a, pos < b ? pos : b);
    lt_seterr(LT_EPARSE, "syntax error at column %d: %s\n  %s\n  %*s^", col, msg, line, pad, "");
}

/* The length of s[0, n) cut to at most max bytes, not inside a UTF-8
 * character. */
static int cut(const char *s, int n, int max)
{
    if (n <= max)
        return n;
    while (max > 0 && is_cont((unsigned char)s[max]))
        max--;
    return max;
}

/* How a token reads in a message: 'and', 'x', '12', string 'abc',
 * `quoted name`, cut to a readable length. */
static void describe(const parser *p, const tok *t, char *out, size_t cap)
{
    if (t->kind == T_EOF) {
        snprintf(out, cap, "the end");
        return;
    }
    int n = t->end - t->pos, k = cut(p->src + t->pos, n, 24);
    const char *fmt = t->kind == T_STRING ? "string %.*s%s" : t->kind == T_QNAME ? "%.*s%s" : "'%.*s%s'";
    snprintf(out, cap, fmt, k, p->src + t->pos, k < n ? "..." : "");
}

/* ---- lexer -------------------------------------------------------------- */

static bool is_name_start(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c >= 0x80;
}

static bool is_name_char(unsigned char c) { return is_name_start(c) || (c >= '0' && c <= '9'); }
static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static int hexval(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static bool sput(parser *p, const char *s, size_t n)
{
    if (p->slen + n + 1 > p->scap) {
        size_t cap = p->scap ? p->scap : 64;
        while (p->slen + n + 1 > cap)
            cap *= 2;
        char *b = realloc(p->sbuf, cap);
        if (!b) {
            lt_nomem();
            p->failed = true;
            return false;
        }
        p->sbuf = b;
        p->scap = cap;
    }
    memcpy(p->sbuf + p->slen, s, n);
    p->slen += n;
    p->sbuf[p->slen] = '\0';
    return true;
}

static const char *const keywords[] = { "and", "or", "not", "nil", "true", "false" };

static const char *const symbols[] = {
    /* longest first */
    "...", "==", "~=", "<=", ">=", "..", "//", "<<", ">>", "::", "!=",
    "+", "-", "*", "/", "%", "^", "#", "&", "~", "|", "<", ">", "=",
    "(", ")", "{", "}", "[", "]", ";", ":", ",", ".",
};

/* Hex integer or hex float after "0x" (s[a, b) is the whole numeral). */
static bool hex_number(const char *s, int a, int b, tok *t)
{
    int i = a + 2;
    uint64_t u = 0;
    double m = 0;
    int exp = 0, digits = 0;
    bool any_dot = false, is_float = false;
    for (; i < b; i++) {
        int h = hexval((unsigned char)s[i]);
        if (h >= 0) {
            u = u * 16 + (uint64_t)h;   /* integers wrap around, as in Lua */
            m = m * 16 + h;
            digits++;
            if (any_dot)
                exp -= 4;
        } else if (s[i] == '.' && !any_dot) {
            any_dot = is_float = true;
        } else {
            break;
        }
    }
    if (digits == 0)
        return false;
    if (i < b && (s[i] == 'p' || s[i] == 'P')) {
        is_float = true;
        i++;
        int sign = 1;
        if (i < b && (s[i] == '+' || s[i] == '-'))
            sign = s[i++] == '-' ? -1 : 1;
        if (i >= b || !is_digit((unsigned char)s[i]))
            return false;
        int e = 0;
        for (; i < b && is_digit((unsigned char)s[i]); i++)
            if (e < 100000)
                e = e * 10 + (s[i] - '0');
        exp += sign * e;
    }
    if (i != b)
        return false;
    t->is_int = !is_float;
    t->i = (int64_t)u;
    t->d = ldexp(m, exp);
    return true;
}

static bool decimal_number(const char *s, int a, int b, tok *t)
{
    bool all_digits = true;
    for (int i = a; i < b; i++)
        all_digits &= is_digit((unsigned char)s[i]);
    if (all_digits) {
        int64_t v;
        if (lt_num_parse_i64(s + a, (size_t)(b - a), &v) == 1) {
            t->is_int = true;
            t->i = v;
            return true;
        }
        /* too large for an integer: a float, as Lua reads it */
    }
    t->is_int = false;
    return lt_num_parse_f64(s + a, (size_t)(b - a), &t->d);
}

static bool lex_number(parser *p, int start)
{
    const char *s = p->src;
    int i = start;
    const char *expo = "Ee";
    if (s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X')) {
        expo = "Pp";
        i += 2;
    }
    for (;;) {
        unsigned char c = (unsigned char)s[i];
        if (c && (c == (unsigned char)expo[0] || c == (unsigned char)expo[1])) {
            i++;
            if (s[i] == '+' || s[i] == '-')
                i++;
        } else if (hexval(c) >= 0 || c == '.') {
            i++;
        } else {
            break;
        }
    }
    /* a numeral touching a letter is malformed ("3abc", "12px") */
    while (i < p->len && is_name_char((unsigned char)s[i]))
        i++;
    p->t.kind = T_NUMBER;
    p->t.end = i;
    p->at = i;
    bool okn = expo[0] == 'P' ? hex_number(s, start, i, &p->t) : decimal_number(s, start, i, &p->t);
    if (!okn) {
        char d[48];
        describe(p, &p->t, d, sizeof d);
        perr(p, start, "malformed number %s", d);
        return false;
    }
    return true;
}

/* Append code point cp as UTF-8. */
static bool put_utf8(parser *p, uint32_t cp)
{
    char u[4];
    size_t n;
    if (cp < 0x80) {
        u[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800) {
        u[0] = (char)(0xC0 | (cp >> 6));
        u[1] = (char)(0x80 | (cp & 0x3F));
        n = 2;
    } else if (cp < 0x10000) {
        u[0] = (char)(0xE0 | (cp >> 12));
        u[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[2] = (char)(0x80 | (cp & 0x3F));
        n = 3;
    } else {
        u[0] = (char)(0xF0 | (cp >> 18));
        u[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        u[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        u[3] = (char)(0x80 | (cp & 0x3F));
        n = 4;
    }
    return sput(p, u, n);
}

/* One escape after the backslash at s[bs]; returns the index after it, or
 * -1 after an error. */
static int lex_escape(parser *p, int bs)
{
    const char *s = p->src;
    int i = bs + 1;
    unsigned char c = (unsigned char)s[i];
    char ch;
    switch (c) {
    case 'a': ch = '\a'; break;
    case 'b': ch = '\b'; break;
    case 'f': ch = '\f'; break;
    case 'n': ch = '\n'; break;
    case 'r': ch = '\r'; break;
    case 't': ch = '\t'; break;
    case 'v': ch = '\v'; break;
    case '\\': ch = '\\'; break;
    case '"': ch = '"'; break;
    case '\'': ch = '\''; break;
    case '\n':
    case '\r':
        /* backslash-newline is a newline; \r\n and \n\r count as one */
        i++;
        if ((s[i] == '\n' || s[i] == '\r') && (unsigned char)s[i] != c)
            i++;
        return sput(p, "\n", 1) ? i : -1;
    case 'z':
        /* skip the following white space, newlines included */
        i++;
        while (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'))
            i++;
        return i;
    case 'x': {
        int h1 = hexval((unsigned char)s[i + 1]);
        int h2 = h1 >= 0 ? hexval((unsigned char)s[i + 2]) : -1;
        if (h2 < 0) {
            perr(p, bs, "'\\x' needs two hex digits in a string");
            return -1;
        }
        if (h1 == 0 && h2 == 0) {
            perr(p, bs, "a string cannot hold a zero byte");
            return -1;
        }
        ch = (char)(h1 * 16 + h2);
        return sput(p, &ch, 1) ? i + 3 : -1;
    }
    case 'u': {
        if (s[i + 1] != '{' || hexval((unsigned char)s[i + 2]) < 0) {
            perr(p, bs, "'\\u' needs hex digits in braces in a string, as \\u{e9}");
            return -1;
        }
        uint32_t cp = 0;
        int k = i + 2;
        for (; hexval((unsigned char)s[k]) >= 0; k++) {
            cp = cp * 16 + (uint32_t)hexval((unsigned char)s[k]);
            if (cp > 0x10FFFF) {
                perr(p, bs, "escape '\\u{%.*s...' is beyond U+10FFFF", k - i - 1, s + i + 2);
                return -1;
            }
        }
        if (s[k] != '}') {
            perr(p, bs, "'\\u{' needs a closing '}' in a string");
            return -1;
        }
        if (cp == 0) {
            perr(p, bs, "a string cannot hold a zero byte");
            return -1;
        }
        return put_utf8(p, cp) ? k + 1 : -1;
    }
    default:
        if (is_digit(c)) {
            int v = 0, k = i;
            for (; k < i + 3 && is_digit((unsigned char)s[k]); k++)
                v = v * 10 + (s[k] - '0');
            if (v > 255) {
                perr(p, bs, "escape '\\%.*s' is larger than 255", k - i, s + i);
                return -1;
            }
            if (v == 0) {
                perr(p, bs, "a string cannot hold a zero byte");
                return -1;
            }
            ch = (char)v;
            return sput(p, &ch, 1) ? k : -1;
        }
        if (c == '\0' && i >= p->len)
            return i;   /* the caller reports the unclosed string */
        if (c < 0x20 || c >= 0x7f)
            perr(p, bs, "invalid escape '\\' followed by byte 0x%02x in a string", c);
        else
            perr(p, bs, "invalid escape '\\%c' in a string", c);
        return -1;
    }
    return sput(p, &ch, 1) ? i + 1 : -1;
}

static bool lex_string(parser *p, int start)
{
    const char *s = p->src;
    char q = s[start];
    int i = start + 1;
    p->slen = 0;
    if (!sput(p, "", 0))
        return false;
    for (;;) {
        if (i >= p->len || s[i] == '\n' || s[i] == '\r') {
            perr(p, start, "unclosed string");
            return false;
        }
        if (s[i] == q)
            break;
        if (s[i] == '\\') {
            i = lex_escape(p, i);
            if (i < 0)
                return false;
            continue;
        }
        int j = i;
        while (j < p->len && s[j] != q && s[j] != '\\' && s[j] != '\n' && s[j] != '\r')
            j++;
        if (!sput(p, s + i, (size_t)(j - i)))
            return false;
        i = j;
    }
    p->t.kind = T_STRING;
    p->t.end = p->at = i + 1;
    return true;
}

/* The level of a long bracket [[, [=[, [==[ ... at s[i], or -1. */
static int long_bracket(const parser *p, int i)
{
    if (p->src[i] != '[')
        return -1;
    int k = i + 1;
    while (p->src[k] == '=')
        k++;
    return p->src[k] == '[' ? k - i - 1 : -1;
}

/* The end of the long bracket of `level` opened at s[start] (the index
 * after its closing bracket), or -1 when it is not closed.  With keep,
 * the text goes into sbuf, a first newline dropped and \r\n, \n\r, \r
 * read as \n, as Lua does. */
static int long_text(parser *p, int start, int level, bool keep)
{
    const char *s = p->src;
    int i = start + level + 2;
    p->slen = 0;
    if (keep && !sput(p, "", 0))
        return -2;
    bool first = true;
    while (i < p->len) {
        if (s[i] == ']') {
            int k = i + 1;
            while (k < p->len && s[k] == '=' && k - i - 1 < level)
                k++;
            if (k - i - 1 == level && s[k] == ']')
                return k + 1;
        }
        if (s[i] == '\n' || s[i] == '\r') {
            int j = i + 1;
            if ((s[j] == '\n' || s[j] == '\r') && s[j] != s[i])
                j++;
            if (keep && !first && !sput(p, "\n", 1))
                return -2;
            i = j;
        } else {
            if (keep && !sput(p, s + i, 1))
                return -2;
            i++;
        }
        first = false;
    }
    return -1;
}

static bool lex_qname(parser *p, int start)
{
    const char *s = p->src;
    int i = start + 1;
    p->slen = 0;
    if (!sput(p, "", 0))
        return false;
    for (;;) {
        if (i >= p->len) {
            perr(p, start, "unclosed quoted name (a backquote inside is written ``)");
            return false;
        }
        if (s[i] == '`') {
            if (s[i + 1] != '`')
                break;
            if (!sput(p, "`", 1))
                return false;
            i += 2;
            continue;
        }
        int j = i;
        while (j < p->len && s[j] != '`')
            j++;
        if (!sput(p, s + i, (size_t)(j - i)))
            return false;
        i = j;
    }
    p->t.kind = T_QNAME;
    p->t.end = p->at = i + 1;
    return true;
}

/* Read the next token into p->t; false after an error. */
static bool next(parser *p)
{
    const char *s = p->src;
    if (p->t.kind != T_EOF || p->t.end > 0) {
        p->prev_pos = p->t.pos;
        p->prev_end = p->t.end;
    }
    int i = p->at;
    for (;;) {
        while (i < p->len && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r')))
            i++;
        if (s[i] == '-' && s[i + 1] == '-') {
            int level = long_bracket(p, i + 2);
            if (level >= 0) {
                /* --[[ a long comment ]] */
                int end = long_text(p, i + 2, level, false);
                if (end < 0) {
                    perr(p, i, "unclosed comment");
                    return false;
                }
                i = end;
                continue;
            }
            while (i < p->len && s[i] != '\n' && s[i] != '\r')
                i++;
            continue;
        }
        break;
    }
    memset(&p->t, 0, sizeof p->t);
    p->t.pos = i;
    if (i >= p->len) {
        p->t.kind = T_EOF;
        p->t.end = p->at = p->len;
        return true;
    }
    unsigned char c = (unsigned char)s[i];
    if (is_digit(c) || (c == '.' && is_digit((unsigned char)s[i + 1])))
        return lex_number(p, i);
    if (c == '\'' || c == '"')
        return lex_string(p, i);
    if (c == '`')
        return lex_qname(p, i);
    int level = long_bracket(p, i);
    if (level >= 0) {
        /* [[a long string]] */
        int end = long_text(p, i, level, true);
        if (end == -1)
            perr(p, i, "unclosed string");
        if (end < 0) {
            p->failed = true;
            return false;
        }
        p->t.kind = T_STRING;
        p->t.end = p->at = end;
        return true;
    }
    if (is_name_start(c)) {
        int j = i;
        while (j < p->len && is_name_char((unsigned char)s[j]))
            j++;
        p->t.kind = T_NAME;
        p->t.end = p->at = j;
        for (size_t k = 0; k < sizeof keywords / sizeof keywords[0]; k++)
            if (strlen(keywords[k]) == (size_t)(j - i) && memcmp(keywords[k], s + i, (size_t)(j - i)) == 0) {
                p->t.kind = T_OP;
                p->t.op = keywords[k];
            }
        return true;
    }
    for (size_t k = 0; k < sizeof symbols / sizeof symbols[0]; k++) {
        size_t n = strlen(symbols[k]);
        if (strncmp(s + i, symbols[k], n) == 0) {
            p->t.kind = T_OP;
            p->t.op = symbols[k];
            p->t.end = p->at = i + (int)n;
            return true;
        }
    }
    if (c < 0x20 || c == 0x7f)
        perr(p, i, "unexpected byte 0x%02x", c);
    else
        perr(p, i, "unexpected character '%c'", c);
    return false;
}

static bool is_op(const parser *p, const char *op)
{
    return p->t.kind == T_OP && strcmp(p->t.op, op) == 0;
}

/* ---- tree building ------------------------------------------------------ */

/* Call of the function `name` on args (the parser's references, released
 * here), at pos; arity errors are reported there. */
static lt_expr *call(parser *p, const char *name, lt_expr **args, int nargs, int pos)
{
    lt_expr *e = NULL;
    const lt_fn *fn = lt_fn_find(name);
    if (!fn) {
        perr(p, pos, "the operator function '%s' is missing", name);
    } else {
        e = lt_expr_call(fn, args, nargs);
        if (!e && lt_errcode() == LT_ENOMEM)
            p->failed = true;
        else if (!e) {
            char msg[256];
            snprintf(msg, sizeof msg, "%s", lt_errmsg());
            perr(p, pos, "%s", msg);
        } else {
            e->pos = pos;
        }
    }
    for (int i = 0; i < nargs; i++)
        lt_expr_unref(args[i]);
    return e;
}

static lt_expr *call2(parser *p, const char *name, lt_expr *a, lt_expr *b, int pos)
{
    lt_expr *args[2] = { a, b };
    return call(p, name, args, b ? 2 : 1, pos);
}

/* A literal node taking over the parser's reference to c (NULL: failed). */
static lt_expr *lit(parser *p, lt_col *c, int pos)
{
    if (!c) {
        p->failed = true;
        return NULL;
    }
    lt_expr *e = lt_expr_lit(c);
    lt_col_unref(c);
    if (!e) {
        p->failed = true;
        return NULL;
    }
    e->pos = pos;
    return e;
}

static lt_col *missing_scalar(void)
{
    uint8_t v = 0, na = 1;
    return lt_col_from_bool(&v, &na, 1);
}

static bool is_nil(const lt_expr *e)
{
    return e->kind == LT_EXPR_LIT && e->lit->n == 1 && lt_col_is_na(e->lit, 0);
}

/* ---- grammar ------------------------------------------------------------ */

static lt_expr *expr(parser *p, int limit);

/* "expected an expression after 'and'" at the current token. */
static void expected_expr(parser *p)
{
    if (p->failed)
        return;
    char got[48];
    describe(p, &p->t, got, sizeof got);
    if (p->prev_end == 0) {
        if (p->t.kind == T_EOF)
            perr(p, p->t.pos, "empty expression");
        else
            perr(p, p->t.pos, "unexpected %s", got);
        return;
    }
    int a = p->prev_pos, n = cut(p->src + a, p->prev_end - a, 24);
    if (p->t.kind == T_EOF)
        perr(p, p->t.pos, "expected an expression after '%.*s'", n, p->src + a);
    else
        perr(p, p->t.pos, "expected an expression after '%.*s', got %s", n, p->src + a, got);
}

/* Close a '(' (or '{') opened at open: the current token must be `close`. */
static bool closing(parser *p, const char *close, int open)
{
    if (is_op(p, close))
        return next(p);
    int col = 1;
    for (int i = 0; i < open; i++)
        col += !is_cont((unsigned char)p->src[i]);
    perr(p, p->t.pos, "expected '%s' to close '%c' at column %d", close, p->src[open], col);
    return false;
}

/* A value of a {list}: kinds, then one array per type. */
typedef struct list {
    int n, cap;
    char *kind;        /* 'i' i64, 'f' f64, 's' str, 'b' bool, 'n' nil */
    int64_t *iv;
    double *dv;
    size_t *soff, *slen;
    char *chars;
    size_t nchars, ccap;
} list;

static void list_free(list *l)
{
    free(l->kind);
    free(l->iv);
    free(l->dv);
    free(l->soff);
    free(l->slen);
    free(l->chars);
}

static bool list_grow(parser *p, list *l)
{
    if (l->n < l->cap)
        return true;
    int cap = l->cap ? 2 * l->cap : 8;
    char *k = realloc(l->kind, (size_t)cap);
    if (k)
        l->kind = k;
    int64_t *iv = realloc(l->iv, (size_t)cap * sizeof *iv);
    if (iv)
        l->iv = iv;
    double *dv = realloc(l->dv, (size_t)cap * sizeof *dv);
    if (dv)
        l->dv = dv;
    size_t *so = realloc(l->soff, (size_t)cap * sizeof *so);
    if (so)
        l->soff = so;
    size_t *sl = realloc(l->slen, (size_t)cap * sizeof *sl);
    if (sl)
        l->slen = sl;
    if (!k || !iv || !dv || !so || !sl) {
        lt_nomem();
        p->failed = true;
        return false;
    }
    l->cap = cap;
    return true;
}

static const char *kind_name(char k)
{
    return k == 's' ? "string" : k == 'b' ? "boolean" : "number";
}

/* The column of a parsed list: one type, integers promoted to f64 when
 * mixed with floats, nil as missing, an all-nil or empty list bool. */
static lt_col *list_col(list *l)
{
    char type = 'b';
    for (int i = 0; i < l->n; i++) {
        char k = l->kind[i];
        if (k == 'n')
            continue;
        if (type == 'b' || (type == 'i' && k == 'f'))
            type = k;
    }
    int64_t n = l->n;
    size_t nalloc = l->n > 0 ? (size_t)l->n : 1;
    lt_col *c = NULL;
    if (type == 'f') {
        for (int i = 0; i < l->n; i++)
            l->dv[i] = l->kind[i] == 'n' ? NAN : l->kind[i] == 'i' ? (double)l->iv[i] : l->dv[i];
        return lt_col_from_f64(l->dv, n);
    }
    uint8_t *na = malloc(nalloc);
    if (!na) {
        lt_nomem();
        return NULL;
    }
    for (int i = 0; i < l->n; i++)
        na[i] = l->kind[i] == 'n';
    if (type == 'i') {
        c = lt_col_from_i64(l->iv, na, n);
    } else if (type == 'b') {
        uint8_t *bv = malloc(nalloc);
        if (bv) {
            for (int i = 0; i < l->n; i++)
                bv[i] = (uint8_t)(l->kind[i] == 'b' && l->iv[i]);
            c = lt_col_from_bool(bv, na, n);
            free(bv);
        } else {
            lt_nomem();
        }
    } else {
        const char **strs = malloc(nalloc * sizeof *strs);
        if (strs) {
            for (int i = 0; i < l->n; i++)
                strs[i] = l->kind[i] == 'n' ? NULL : l->chars + l->soff[i];
            c = lt_col_from_strs(strs, l->slen, n);
            free(strs);
        } else {
            lt_nomem();
        }
    }
    free(na);
    return c;
}

/* {lit, lit, ...} at the current '{'. */
static lt_expr *list_literal(parser *p)
{
    int open = p->t.pos;
    list l = {0};
    char type = 0;      /* 's', 'b' or 'i' (numbers) once known */
    if (!next(p))
        goto fail;
    while (!is_op(p, "}")) {
        if (!list_grow(p, &l))
            goto fail;
        int pos = p->t.pos;
        bool neg = false;
        if (is_op(p, "-")) {
            neg = true;
            if (!next(p))
                goto fail;
        }
        char k;
        if (p->t.kind == T_NUMBER) {
            k = p->t.is_int ? 'i' : 'f';
            l.iv[l.n] = neg ? (int64_t)(0 - (uint64_t)p->t.i) : p->t.i;
            l.dv[l.n] = neg ? -p->t.d : p->t.d;
        } else if (!neg && p->t.kind == T_STRING) {
            k = 's';
            size_t need = l.nchars + p->slen + 1;
            if (need > l.ccap) {
                size_t cap = l.ccap ? l.ccap : 64;
                while (cap < need)
                    cap *= 2;
                char *ch = realloc(l.chars, cap);
                if (!ch) {
                    lt_nomem();
                    p->failed = true;
                    goto fail;
                }
                l.chars = ch;
                l.ccap = cap;
            }
            memcpy(l.chars + l.nchars, p->sbuf, p->slen + 1);
            l.soff[l.n] = l.nchars;
            l.slen[l.n] = p->slen;
            l.nchars = need;
        } else if (!neg && (is_op(p, "true") || is_op(p, "false"))) {
            k = 'b';
            l.iv[l.n] = is_op(p, "true");
        } else if (!neg && is_op(p, "nil")) {
            k = 'n';
        } else {
            char got[48];
            describe(p, &p->t, got, sizeof got);
            if (neg)
                perr(p, p->t.pos, "expected a number after '-' in a list, got %s", got);
            else if (p->t.kind == T_EOF)
                perr(p, open, "expected '}' to close '{'");
            else
                perr(p, p->t.pos, "a list holds only literal values (numbers, strings, true, "
                     "false, nil), got %s", got);
            goto fail;
        }
        char kt = k == 'f' ? 'i' : k;
        if (k != 'n' && type && kt != type) {
            perr(p, pos, "a list holds values of one type: a %s after %s values", kind_name(kt),
                 kind_name(type));
            goto fail;
        }
        if (k != 'n')
            type = kt;
        l.kind[l.n++] = k;
        if (!next(p))
            goto fail;
        if (is_op(p, ",") || is_op(p, ";")) {
            if (!next(p))
                goto fail;
        } else if (!is_op(p, "}")) {
            closing(p, "}", open);
            goto fail;
        }
    }
    if (!next(p))
        goto fail;
    lt_col *c = list_col(&l);
    list_free(&l);
    return lit(p, c, open);
fail:
    list_free(&l);
    return NULL;
}

/* Arguments after a function name: ( [expr {, expr}] ), a string or a
 * {list}, appended to (*args)[0, n).  Returns the new count, or -1 after
 * releasing every argument stored. */
static int call_args(parser *p, lt_expr ***args, int *cap, int n)
{
    if (p->t.kind == T_STRING || is_op(p, "{")) {
        lt_expr *a;
        if (p->t.kind == T_STRING) {
            a = lit(p, lt_col_scalar_str(p->sbuf, p->slen), p->t.pos);
            if (a && !next(p)) {
                lt_expr_unref(a);
                a = NULL;
            }
        } else {
            a = list_literal(p);
        }
        if (!a)
            goto fail;
        (*args)[n++] = a;   /* *cap >= 2 */
        return n;
    }
    int open = p->t.pos;
    if (!next(p))
        goto fail;
    if (is_op(p, ")")) {
        if (!next(p))
            goto fail;
        return n;
    }
    for (;;) {
        lt_expr *a = expr(p, 0);
        if (!a)
            goto fail;
        if (n == *cap) {
            lt_expr **a2 = realloc(*args, (size_t)(2 * *cap) * sizeof **args);
            if (!a2) {
                lt_expr_unref(a);
                lt_nomem();
                p->failed = true;
                goto fail;
            }
            *args = a2;
            *cap *= 2;
        }
        (*args)[n++] = a;
        if (is_op(p, ",")) {
            if (!next(p))
                goto fail;
            continue;
        }
        if (!closing(p, ")", open))
            goto fail;
        return n;
    }
fail:
    for (int i = 0; i < n; i++)
        lt_expr_unref((*args)[i]);
    return -1;
}

static bool starts_args(const parser *p)
{
    return p->t.kind == T_STRING || is_op(p, "(") || is_op(p, "{");
}

/* The call `name`(args) where name is src[npos, nend) and `first`, when
 * not NULL, is the subject of a method call (the parser's reference). */
static lt_expr *named_call(parser *p, int npos, int nend, lt_expr *first)
{
    char name[64];
    int nlen = nend - npos;
    if (nlen >= (int)sizeof name) {
        perr(p, npos, "unknown function '%.*s...'", cut(p->src + npos, nlen, 40), p->src + npos);
        lt_expr_unref(first);
        return NULL;
    }
    memcpy(name, p->src + npos, (size_t)nlen);
    name[nlen] = '\0';
    const lt_fn *fn = lt_fn_find(name);
    if (!fn) {
        const char *s = lt_fn_suggest(name);
        if (s)
            perr(p, npos, "unknown function '%s' (did you mean '%s'?)", name, s);
        else
            perr(p, npos, "unknown function '%s'", name);
        lt_expr_unref(first);
        return NULL;
    }
    int cap = 4, n = 0;
    lt_expr **args = malloc((size_t)cap * sizeof *args);
    if (!args) {
        lt_nomem();
        p->failed = true;
        lt_expr_unref(first);
        return NULL;
    }
    if (first)
        args[n++] = first;
    int got = call_args(p, &args, &cap, n);
    lt_expr *e = got >= 0 ? call(p, name, args, got, npos) : NULL;
    free(args);
    return e;
}

static lt_expr *primary(parser *p);

/* Lua's simpleexp: literals, {lists}, and primary expressions with their
 * method-call suffixes. */
static lt_expr *simple(parser *p)
{
    tok t = p->t;
    if (t.kind == T_NUMBER) {
        lt_col *c = t.is_int ? lt_col_scalar_i64(t.i) : lt_col_scalar_f64(t.d);
        lt_expr *e = lit(p, c, t.pos);
        if (e && !next(p)) {
            lt_expr_unref(e);
            return NULL;
        }
        return e;
    }
    if (t.kind == T_STRING) {
        lt_expr *e = lit(p, lt_col_scalar_str(p->sbuf, p->slen), t.pos);
        if (e && !next(p)) {
            lt_expr_unref(e);
            return NULL;
        }
        return e;
    }
    if (t.kind == T_OP && (!strcmp(t.op, "nil") || !strcmp(t.op, "true") || !strcmp(t.op, "false"))) {
        lt_col *c = t.op[0] == 'n' ? missing_scalar() : lt_col_scalar_bool(t.op[0] == 't');
        lt_expr *e = lit(p, c, t.pos);
        if (e && !next(p)) {
            lt_expr_unref(e);
            return NULL;
        }
        return e;
    }
    if (is_op(p, "{"))
        return list_literal(p);
    return primary(p);
}

/* NAME, `quoted name`, NAME args, ( expr ), then any :method(args). */
static lt_expr *primary(parser *p)
{
    tok t = p->t;
    lt_expr *e = NULL;
    if (t.kind == T_NAME) {
        if (!next(p))
            return NULL;
        if (starts_args(p))
            e = named_call(p, t.pos, t.end, NULL);
        else {
            if (is_op(p, ".")) {
                int j = p->t.end, k;
                while (j < p->len && is_name_char((unsigned char)p->src[j]))
                    j++;
                for (k = j; p->src[k] == ' '; k++)
                    ;
                if (p->src[k] == '(' && j > p->t.end)
                    perr(p, p->t.pos, "unexpected '.' (a method is called with ':', as %.*s:%.*s())",
                         cut(p->src + t.pos, t.end - t.pos, 40), p->src + t.pos,
                         cut(p->src + p->t.end, j - p->t.end, 40), p->src + p->t.end);
                else
                    perr(p, p->t.pos, "unexpected '.' (a column name with a dot is written `%.*s`)",
                         cut(p->src + t.pos, j - t.pos, 40), p->src + t.pos);
                return NULL;
            }
            char *name = malloc((size_t)(t.end - t.pos) + 1);
            if (!name) {
                lt_nomem();
                p->failed = true;
                return NULL;
            }
            memcpy(name, p->src + t.pos, (size_t)(t.end - t.pos));
            name[t.end - t.pos] = '\0';
            e = lt_expr_col(name);
            free(name);
            if (!e)
                p->failed = true;
            else
                e->pos = t.pos;
        }
    } else if (t.kind == T_QNAME) {
        e = lt_expr_col(p->sbuf);
        if (!e) {
            p->failed = true;
            return NULL;
        }
        e->pos = t.pos;
        if (!next(p)) {
            lt_expr_unref(e);
            return NULL;
        }
    } else if (is_op(p, "(")) {
        if (!next(p))
            return NULL;
        e = expr(p, 0);
        if (e && !closing(p, ")", t.pos)) {
            lt_expr_unref(e);
            return NULL;
        }
    } else {
        expected_expr(p);
        return NULL;
    }
    while (e && is_op(p, ":")) {
        if (!next(p)) {
            lt_expr_unref(e);
            return NULL;
        }
        tok m = p->t;
        if (m.kind != T_NAME) {
            char got[48];
            describe(p, &m, got, sizeof got);
            perr(p, m.pos, "expected a function name after ':', got %s", got);
            lt_expr_unref(e);
            return NULL;
        }
        if (!next(p)) {
            lt_expr_unref(e);
            return NULL;
        }
        if (!starts_args(p)) {
            char got[48];
            describe(p, &p->t, got, sizeof got);
            perr(p, p->t.pos, "expected '(' after ':%.*s', got %s", cut(p->src + m.pos, m.end - m.pos, 40),
                 p->src + m.pos, got);
            lt_expr_unref(e);
            return NULL;
        }
        e = named_call(p, m.pos, m.end, e);
    }
    return e;
}

typedef struct binop {
    const char *op, *fn;
    int left, right;
} binop;

/* Lua 5.4's priority table (lparser.c), with & | at and / or. */
static const binop binops[] = {
    {"or", "or", 1, 1},   {"|", "or", 1, 1},    {"and", "and", 2, 2}, {"&", "and", 2, 2},
    {"<", "lt", 3, 3},    {">", "gt", 3, 3},    {"<=", "le", 3, 3},   {">=", "ge", 3, 3},
    {"~=", "ne", 3, 3},   {"==", "eq", 3, 3},   {"..", "concat", 9, 8},
    {"+", "add", 10, 10}, {"-", "sub", 10, 10}, {"*", "mul", 11, 11}, {"/", "div", 11, 11},
    {"%", "mod", 11, 11}, {"^", "pow", 14, 13},
};
enum { UNARY_PRIORITY = 12 };

static const binop *find_binop(const parser *p)
{
    if (p->t.kind != T_OP)
        return NULL;
    for (size_t i = 0; i < sizeof binops / sizeof binops[0]; i++)
        if (strcmp(binops[i].op, p->t.op) == 0)
            return &binops[i];
    return NULL;
}

/* -<number literal> as one literal. */
static lt_expr *negate_literal(parser *p, lt_expr *num, int pos)
{
    lt_col *c = num->lit;
    lt_col *r = c->type == LT_I64 ? lt_col_scalar_i64((int64_t)(0 - (uint64_t)lt_col_i64(c)[0]))
                                  : lt_col_scalar_f64(-lt_col_f64(c)[0]);
    lt_expr_unref(num);
    return lit(p, r, pos);
}

/* Lua's subexpr: an operand (with prefix operators), then binary
 * operators whose left priority is above limit. */
static lt_expr *expr(parser *p, int limit)
{
    if (++p->depth > MAX_DEPTH) {
        perr(p, p->t.pos, "expression nested too deeply (more than %d levels)", MAX_DEPTH);
        return NULL;
    }
    lt_expr *e;
    if (is_op(p, "not") || is_op(p, "~") || is_op(p, "-")) {
        tok u = p->t;
        if (!next(p))
            return NULL;
        bool number_next = p->t.kind == T_NUMBER;
        lt_expr *a = expr(p, UNARY_PRIORITY);
        if (!a)
            return NULL;
        if (u.op[0] == '-' && number_next && a->kind == LT_EXPR_LIT)
            e = negate_literal(p, a, u.pos);
        else
            e = call2(p, u.op[0] == '-' ? "neg" : "not", a, NULL, u.pos);
    } else {
        e = simple(p);
    }
    const binop *b;
    if (e && (is_op(p, "=") || is_op(p, "!="))) {
        perr(p, p->t.pos, is_op(p, "=") ? "unexpected '=' (compare with '==')"
                                        : "unexpected '!=' (Lua writes 'not equal' as '~=')");
        lt_expr_unref(e);
        return NULL;
    }
    while (e && (b = find_binop(p)) && b->left > limit) {
        int pos = p->t.pos;
        if (!next(p)) {
            lt_expr_unref(e);
            return NULL;
        }
        lt_expr *r = expr(p, b->right);
        if (!r) {
            lt_expr_unref(e);
            return NULL;
        }
        bool ne = strcmp(b->fn, "ne") == 0;
        if ((ne || strcmp(b->fn, "eq") == 0) && (is_nil(e) || is_nil(r))) {
            /* x == nil is is_na(x); x ~= nil is not is_na(x) */
            lt_expr *x = is_nil(e) ? r : e;
            lt_expr_ref(x);
            lt_expr_unref(e);
            lt_expr_unref(r);
            e = call2(p, "is_na", x, NULL, pos);
            if (e && ne)
                e = call2(p, "not", e, NULL, pos);
        } else {
            e = call2(p, b->fn, e, r, pos);
        }
    }
    p->depth--;
    return e;
}

lt_expr *lt_expr_parse(const char *src)
{
    parser p = {0};
    p.src = src ? src : "";
    size_t len = strlen(p.src);
    if (len > (size_t)INT32_MAX / 2) {
        lt_seterr(LT_EPARSE, "syntax error: the expression is too long (%zu bytes)", len);
        return NULL;
    }
    p.len = (int)len;
    lt_expr *e = NULL;
    if (next(&p)) {
        e = expr(&p, 0);
        if (e && p.t.kind != T_EOF) {
            char got[48];
            describe(&p, &p.t, got, sizeof got);
            if (is_op(&p, ")"))
                perr(&p, p.t.pos, "unexpected ')'");
            else
                perr(&p, p.t.pos, "unexpected %s after the expression", got);
            lt_expr_unref(e);
            e = NULL;
        }
    }
    free(p.sbuf);
    return e;
}
