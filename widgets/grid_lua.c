/* The Lua that the grid records for each action (grid.h): column access,
 * sort and filter calls chained onto a sheet's expression, and the filter
 * condition that finds exactly one value, written so that Lua and
 * lt_expr_parse read back what the grid computed. */
#include <inttypes.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "error.h"
#include "grid_priv.h"
#include "timefmt.h"

/* ---- strings ------------------------------------------------------------ */

static bool gb_grow(gbuf *b, size_t extra)
{
    if (b->oom)
        return false;
    if (b->len + extra + 1 <= b->cap)
        return true;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        free(b->p);
        b->p = NULL;
        b->len = b->cap = 0;
        b->oom = true;
        return false;
    }
    b->p = p;
    b->cap = cap;
    return true;
}

void gb_put(gbuf *b, const char *s, size_t n)
{
    if (!gb_grow(b, n))
        return;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void gb_puts(gbuf *b, const char *s)
{
    gb_put(b, s, strlen(s));
}

void gb_printf(gbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !gb_grow(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *gb_finish(gbuf *b)
{
    if (!b->oom && !b->p)
        gb_put(b, "", 0);
    if (b->oom) {
        lt_nomem();
        return NULL;
    }
    return b->p;
}

/* s as a quoted string literal in Lua's syntax (which lt_expr_parse
 * shares): the quote and backslashes escaped, control characters and bytes
 * that are not UTF-8 as \ddd (three digits, so a digit after them cannot
 * join), other UTF-8 as it is. */
static void put_quoted(gbuf *b, const char *s, char quote)
{
    size_t n = strlen(s), i = 0;
    gb_put(b, &quote, 1);
    while (i < n) {
        unsigned char c = (unsigned char)s[i];
        if (c == (unsigned char)quote || c == '\\') {
            char e[2] = {'\\', (char)c};
            gb_put(b, e, 2);
            i++;
        } else if (c == '\n') {
            gb_puts(b, "\\n");
            i++;
        } else if (c == '\t') {
            gb_puts(b, "\\t");
            i++;
        } else if (c == '\r') {
            gb_puts(b, "\\r");
            i++;
        } else if (c < 0x20 || c == 0x7f) {
            gb_printf(b, "\\%03u", c);
            i++;
        } else if (c < 0x80) {
            gb_put(b, s + i, 1);
            i++;
        } else {
            utf8proc_int32_t cp;
            utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                                  (utf8proc_ssize_t)(n - i), &cp);
            if (k > 0) {
                gb_put(b, s + i, (size_t)k);
                i += (size_t)k;
            } else {
                gb_printf(b, "\\%03u", c);
                i++;
            }
        }
    }
    gb_put(b, &quote, 1);
}

/* ---- Lua chains ---------------------------------------------------------- */

static const char *const lua_keywords[] = {
    "and", "break", "do", "else", "elseif", "end", "false", "for", "function",
    "goto", "if", "in", "local", "nil", "not", "or", "repeat", "return", "then",
    "true", "until", "while", NULL
};

static bool in_list(const char *s, const char *const *list)
{
    for (; list && *list; list++)
        if (strcmp(s, *list) == 0)
            return true;
    return false;
}

static bool is_alpha(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

static bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

/* A Lua Name (ASCII letters, digits, _; not a keyword). */
static bool lua_name(const char *s)
{
    if (!is_alpha((unsigned char)s[0]))
        return false;
    for (const char *p = s + 1; *p; p++)
        if (!is_alpha((unsigned char)*p) && !is_digit((unsigned char)*p))
            return false;
    return !in_list(s, lua_keywords);
}

char *grid_lua_col(const char *expr, const char *name, const char *const *reserved)
{
    gbuf b = {0};
    gb_puts(&b, expr);
    if (lua_name(name) && !in_list(name, reserved)) {
        gb_puts(&b, ".");
        gb_puts(&b, name);
    } else {
        gb_puts(&b, ":col");
        put_quoted(&b, name, '"');
    }
    return gb_finish(&b);
}

char *grid_lua_sort(const char *expr, const char *name, bool desc)
{
    gbuf b = {0};
    gb_puts(&b, expr);
    gb_puts(&b, desc ? ":sort(desc" : ":sort");
    put_quoted(&b, name, '"');
    if (desc)
        gb_puts(&b, ")");
    return gb_finish(&b);
}

char *grid_lua_filter(const char *expr, const char *cond)
{
    gbuf b = {0};
    gb_puts(&b, expr);
    gb_puts(&b, ":filter");
    put_quoted(&b, cond, '"');
    return gb_finish(&b);
}

/* ---- filter conditions --------------------------------------------------- */

/* The keywords of lt_expr_parse; other Lua keywords are column names
 * there. */
static const char *const expr_keywords[] = {"and", "or", "not", "nil", "true", "false", NULL};

/* A column name in the filter syntax: bare when the parser reads it as an
 * identifier (letters, digits, _, any byte >= 0x80), else `quoted` with
 * backquotes doubled. */
static void put_colname(gbuf *b, const char *name)
{
    bool bare = name[0] && !is_digit((unsigned char)name[0]) && !in_list(name, expr_keywords);
    for (const char *p = name; bare && *p; p++) {
        unsigned char c = (unsigned char)*p;
        bare = is_alpha(c) || is_digit(c) || c >= 0x80;
    }
    if (bare) {
        gb_puts(b, name);
        return;
    }
    gb_puts(b, "`");
    for (const char *p = name; *p; p++)
        gb_put(b, *p == '`' ? "``" : p, *p == '`' ? 2 : 1);
    gb_puts(b, "`");
}

/* The digits of d that read back as d: the shortest %.*g that does. */
static void put_double(gbuf *b, double d)
{
    if (isinf(d)) {
        gb_puts(b, d > 0 ? "1/0" : "-1/0");   /* no literal for infinities */
        return;
    }
    char s[40];
    for (int p = 1; p <= 17; p++) {
        snprintf(s, sizeof s, "%.*g", p, d);
        if (strtod(s, NULL) == d)
            break;
    }
    gb_puts(b, s);
}

char *grid_filter_eq(const lt_col *c, int64_t i, const char *name)
{
    gbuf b = {0};
    if (lt_col_is_na(c, i)) {
        gb_puts(&b, "is_na(");
        put_colname(&b, name);
        gb_puts(&b, ")");
        return gb_finish(&b);
    }
    put_colname(&b, name);
    gb_puts(&b, " == ");
    switch (c->type) {
    case LT_F64:
        put_double(&b, lt_col_f64(c)[i]);
        break;
    case LT_I64: {
        int64_t v = lt_col_i64(c)[i];
        if (v == INT64_MIN)   /* its digits without the sign overflow */
            gb_printf(&b, "(%" PRId64 " - 1)", v + 1);
        else
            gb_printf(&b, "%" PRId64, v);
        break;
    }
    case LT_BOOL:
        gb_puts(&b, lt_col_bool(c)[i] ? "true" : "false");
        break;
    case LT_STR:
        put_quoted(&b, lt_col_get_str(c, i, NULL), '\'');
        break;
    case LT_TIME: {
        /* times compare with their ISO text; a date column holding a time
         * of day needs the datetime form to match exactly */
        int64_t v = lt_col_i64(c)[i];
        lt_time_kind k = c->tkind == LT_DATE && v % LT_US_PER_DAY == 0 ? LT_DATE : LT_DATETIME;
        char t[64];
        lt_time_format(v, k, t, sizeof t);
        put_quoted(&b, t, '\'');
        break;
    }
    }
    return gb_finish(&b);
}
