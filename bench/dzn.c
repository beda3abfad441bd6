#include "bench/dzn.h"
#include "model/ytree.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef enum tok_kind {
    T_EOF,
    T_IDENT,
    T_INT,
    T_EQ,
    T_SEMI,
    T_COMMA,
    T_LBRACK,     /* [ */
    T_RBRACK,     /* ] */
    T_LBRACK_BAR, /* [| */
    T_BAR_RBRACK, /* |] */
    T_BAR,        /* | */
    T_LPAREN,
    T_RPAREN,
    T_DOTDOT,
    T_BAD
} tok_kind;

typedef struct token {
    tok_kind kind;
    int offset, len;
    long value;    /* T_INT */
    bool too_big;  /* T_INT outside the int range */
} token;

/* A range bound as written: a number or the name of a scalar. */
typedef struct bound {
    long value;
    int name_offset, name_len; /* name_len 0: a number */
} bound;

/* The ranges of an arrayNd item, resolved once every item is known. */
typedef struct pending_ranges {
    int item;
    int n;
    bound lo[RP_DZN_MAX_DIMS], hi[RP_DZN_MAX_DIMS];
} pending_ranges;

typedef struct parser {
    rp_dzn *doc;
    const rp_dzn *scope;
    rp_diags *diags;
    size_t pos;
    token tok;
    bool failed; /* an error was reported */
    bool nomem;
    int items_capacity;
    pending_ranges *pending;
    int n_pending, pending_capacity;
    /* the array being read */
    long *values;
    int *offsets;
    int n_values, values_capacity;
} parser;

/* ---- text positions ------------------------------------------------------ */

static rp_status index_lines(rp_dzn *doc)
{
    int n = 1;
    for (size_t i = 0; i < doc->len; i++)
        if (doc->text[i] == '\n')
            n++;
    doc->line_starts = malloc((size_t)n * sizeof *doc->line_starts);
    if (!doc->line_starts)
        return RP_ERR_NOMEM;
    doc->line_starts[0] = 0;
    int k = 1;
    for (size_t i = 0; i < doc->len; i++)
        if (doc->text[i] == '\n')
            doc->line_starts[k++] = (int)i + 1;
    doc->n_lines = n;
    return RP_OK;
}

rp_loc rp_dzn_loc(const rp_dzn *doc, int offset)
{
    int lo = 0, hi = doc->n_lines - 1;
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (doc->line_starts[mid] <= offset)
            lo = mid;
        else
            hi = mid - 1;
    }
    return (rp_loc){doc->file, lo + 1, offset - doc->line_starts[lo] + 1};
}

static void error_at(parser *p, int offset, const char *fmt, const char *a, const char *b)
{
    rp_diag_error(p->diags, rp_dzn_loc(p->doc, offset), fmt, a, b);
    p->failed = true;
}

/* ---- lexer --------------------------------------------------------------- */

static char peek_char(const parser *p, size_t ahead)
{
    return p->pos + ahead < p->doc->len ? p->doc->text[p->pos + ahead] : '\0';
}

/* Skips blanks and comments; false after reporting an unterminated comment. */
static bool skip_blanks(parser *p)
{
    const char *t = p->doc->text;
    for (;;) {
        while (p->pos < p->doc->len && isspace((unsigned char)t[p->pos]))
            p->pos++;
        if (peek_char(p, 0) == '%') {
            while (p->pos < p->doc->len && t[p->pos] != '\n')
                p->pos++;
        } else if (peek_char(p, 0) == '/' && peek_char(p, 1) == '*') {
            size_t start = p->pos;
            const char *end = strstr(t + p->pos + 2, "*/");
            if (!end) {
                error_at(p, (int)start, "unterminated comment: '/*' without '*/'", NULL, NULL);
                p->pos = p->doc->len;
                return false;
            }
            p->pos = (size_t)(end - t) + 2;
        } else {
            return true;
        }
    }
}

static void lex_number(parser *p)
{
    const char *t = p->doc->text;
    size_t start = p->pos;
    bool negative = t[p->pos] == '-';
    if (negative)
        p->pos++;
    long v = 0;
    bool too_big = false;
    while (p->pos < p->doc->len && isdigit((unsigned char)t[p->pos])) {
        if (v > (INT_MAX - (t[p->pos] - '0')) / 10)
            too_big = true;
        else
            v = 10 * v + (t[p->pos] - '0');
        p->pos++;
    }
    p->tok.kind = T_INT;
    p->tok.value = negative ? -v : v;
    p->tok.too_big = too_big;
    p->tok.offset = (int)start;
    p->tok.len = (int)(p->pos - start);
}

static void next(parser *p)
{
    if (!skip_blanks(p)) {
        p->tok = (token){.kind = T_EOF, .offset = (int)p->doc->len};
        return;
    }
    const char *t = p->doc->text;
    p->tok = (token){.kind = T_EOF, .offset = (int)p->pos, .len = 0};
    if (p->pos >= p->doc->len)
        return;
    char c = t[p->pos];
    if (isdigit((unsigned char)c) || (c == '-' && isdigit((unsigned char)peek_char(p, 1)))) {
        lex_number(p);
        return;
    }
    if (isalpha((unsigned char)c) || c == '_') {
        size_t start = p->pos;
        while (p->pos < p->doc->len && (isalnum((unsigned char)t[p->pos]) || t[p->pos] == '_'))
            p->pos++;
        p->tok.kind = T_IDENT;
        p->tok.len = (int)(p->pos - start);
        return;
    }
    int len = 1;
    tok_kind kind = T_BAD;
    switch (c) {
    case '=': kind = T_EQ; break;
    case ';': kind = T_SEMI; break;
    case ',': kind = T_COMMA; break;
    case '(': kind = T_LPAREN; break;
    case ')': kind = T_RPAREN; break;
    case ']': kind = T_RBRACK; break;
    case '[':
        kind = peek_char(p, 1) == '|' ? T_LBRACK_BAR : T_LBRACK;
        len = kind == T_LBRACK_BAR ? 2 : 1;
        break;
    case '|':
        kind = peek_char(p, 1) == ']' ? T_BAR_RBRACK : T_BAR;
        len = kind == T_BAR_RBRACK ? 2 : 1;
        break;
    case '.':
        if (peek_char(p, 1) == '.') {
            kind = T_DOTDOT;
            len = 2;
        }
        break;
    default: break;
    }
    p->tok.kind = kind;
    p->tok.len = len;
    p->pos += (size_t)len;
}

/* How a token reads in a message: "end of file" or the text in quotes. */
static const char *describe(const parser *p, const token *tok, char *buf, size_t size)
{
    if (tok->kind == T_EOF)
        return "the end of the file";
    int len = tok->len > 24 ? 24 : tok->len;
    unsigned char c = (unsigned char)p->doc->text[tok->offset];
    if (tok->kind == T_BAD && !isprint(c))
        snprintf(buf, size, "byte 0x%02x", c);
    else
        snprintf(buf, size, "'%.*s%s'", len, p->doc->text + tok->offset,
                 tok->len > len ? "..." : "");
    return buf;
}

static void expected(parser *p, const char *what)
{
    char buf[64];
    error_at(p, p->tok.offset, "expected %s, found %s", what, describe(p, &p->tok, buf, sizeof buf));
}

/* After an error: skip to just past the next ';' so the next item can be read. */
static void recover(parser *p)
{
    while (p->tok.kind != T_SEMI && p->tok.kind != T_EOF)
        next(p);
    if (p->tok.kind == T_SEMI)
        next(p);
}

/* ---- values -------------------------------------------------------------- */

static bool push_value(parser *p, long v, int offset)
{
    if (p->n_values == p->values_capacity) {
        int cap = p->values_capacity ? 2 * p->values_capacity : 256;
        long *values = realloc(p->values, (size_t)cap * sizeof *values);
        if (!values)
            goto nomem;
        p->values = values;
        int *offsets = realloc(p->offsets, (size_t)cap * sizeof *offsets);
        if (!offsets)
            goto nomem;
        p->offsets = offsets;
        p->values_capacity = cap;
    }
    p->values[p->n_values] = v;
    p->offsets[p->n_values] = offset;
    p->n_values++;
    return true;
nomem:
    p->nomem = true;
    return false;
}

/* Reads an integer token into the current array; false after an error. */
static bool take_int(parser *p, const char *what)
{
    if (p->tok.kind != T_INT) {
        expected(p, what);
        return false;
    }
    if (p->tok.too_big) {
        char buf[64];
        error_at(p, p->tok.offset, "integer %s is out of range", describe(p, &p->tok, buf, sizeof buf),
                 NULL);
        return false;
    }
    if (!push_value(p, p->tok.value, p->tok.offset))
        return false;
    next(p);
    return true;
}

/* `[a, b, ...]` with an optional trailing comma; p->tok is '['. */
static bool parse_list(parser *p)
{
    next(p);
    while (p->tok.kind != T_RBRACK) {
        if (!take_int(p, "an integer or ']'"))
            return false;
        if (p->tok.kind == T_COMMA)
            next(p);
        else if (p->tok.kind != T_RBRACK) {
            expected(p, "',' or ']'");
            return false;
        }
    }
    next(p);
    return true;
}

/* `[| a, b | c, d |]`; p->tok is '[|'. Sets rows and cols. */
static bool parse_rows(parser *p, const char *name, int *rows, int *cols)
{
    *rows = *cols = 0;
    next(p);
    while (p->tok.kind != T_BAR_RBRACK) {
        int row_offset = p->tok.offset, before = p->n_values;
        for (;;) {
            if (!take_int(p, "an integer"))
                return false;
            if (p->tok.kind != T_COMMA)
                break;
            next(p);
            if (p->tok.kind == T_BAR || p->tok.kind == T_BAR_RBRACK)
                break; /* trailing comma */
        }
        int n = p->n_values - before;
        if (*rows == 0)
            *cols = n;
        else if (n != *cols) {
            char got[32], want[32];
            snprintf(got, sizeof got, "%d", n);
            snprintf(want, sizeof want, "%d", *cols);
            rp_diag_error(p->diags, rp_dzn_loc(p->doc, row_offset),
                          "row %d of '%s' has %s values but row 1 has %s", *rows + 1, name, got,
                          want);
            p->failed = true;
            return false;
        }
        (*rows)++;
        if (p->tok.kind == T_BAR) {
            next(p);
        } else if (p->tok.kind != T_BAR_RBRACK) {
            expected(p, "',', '|' or '|]'");
            return false;
        }
    }
    next(p);
    return true;
}

static bool parse_bound(parser *p, bound *b)
{
    if (p->tok.kind == T_INT && !p->tok.too_big) {
        *b = (bound){.value = p->tok.value};
    } else if (p->tok.kind == T_IDENT) {
        *b = (bound){.name_offset = p->tok.offset, .name_len = p->tok.len};
    } else {
        expected(p, "a number or the name of a size in a range such as '1..Students'");
        return false;
    }
    next(p);
    return true;
}

/* `arrayNd(lo..hi, ..., [list])`; p->tok is the arrayNd name. */
static bool parse_arraynd(parser *p, int n_dims, int item)
{
    next(p);
    if (p->tok.kind != T_LPAREN) {
        expected(p, "'('");
        return false;
    }
    next(p);
    pending_ranges r = {.item = item, .n = n_dims};
    for (int i = 0; i < n_dims; i++) {
        if (!parse_bound(p, &r.lo[i]))
            return false;
        if (p->tok.kind != T_DOTDOT) {
            expected(p, "'..'");
            return false;
        }
        next(p);
        if (!parse_bound(p, &r.hi[i]))
            return false;
        if (p->tok.kind != T_COMMA) {
            expected(p, i + 1 < n_dims ? "',' and the next range" : "',' and the list of values");
            return false;
        }
        next(p);
    }
    if (p->tok.kind != T_LBRACK) {
        expected(p, "'[' (one range per dimension, then the list)");
        return false;
    }
    if (!parse_list(p))
        return false;
    if (p->tok.kind != T_RPAREN) {
        expected(p, "')'");
        return false;
    }
    next(p);
    if (p->n_pending == p->pending_capacity) {
        int cap = p->pending_capacity ? 2 * p->pending_capacity : 8;
        pending_ranges *pending = realloc(p->pending, (size_t)cap * sizeof *pending);
        if (!pending) {
            p->nomem = true;
            return false;
        }
        p->pending = pending;
        p->pending_capacity = cap;
    }
    p->pending[p->n_pending++] = r;
    return true;
}

/* The N of an `arrayNd` token, or 0. */
static int arraynd_dims(const parser *p)
{
    const char *s = p->doc->text + p->tok.offset;
    if (p->tok.kind != T_IDENT || p->tok.len != 7 || strncmp(s, "array", 5) != 0 || s[6] != 'd')
        return 0;
    return s[5] >= '1' && s[5] <= '0' + RP_DZN_MAX_DIMS ? s[5] - '0' : 0;
}

/* Reads the value of item into it; false after an error. */
static bool parse_value(parser *p, rp_dzn_item *item, int index)
{
    p->n_values = 0;
    item->value_offset = p->tok.offset;
    int n_dims = arraynd_dims(p);
    if (p->tok.kind == T_INT) {
        if (p->tok.too_big) {
            char buf[64];
            error_at(p, p->tok.offset, "integer %s is out of range",
                     describe(p, &p->tok, buf, sizeof buf), NULL);
            return false;
        }
        item->scalar = p->tok.value;
        next(p);
        return true;
    }
    item->is_array = true;
    bool ok;
    if (p->tok.kind == T_LBRACK) {
        ok = parse_list(p);
        item->n_dims = 1;
        item->dims[0] = p->n_values;
    } else if (p->tok.kind == T_LBRACK_BAR) {
        int rows, cols;
        ok = parse_rows(p, item->name, &rows, &cols);
        item->n_dims = 2;
        item->dims[0] = rows;
        item->dims[1] = cols;
    } else if (n_dims > 0) {
        ok = parse_arraynd(p, n_dims, index);
        item->n_dims = n_dims; /* sizes come from the ranges once resolved */
    } else {
        char buf[64];
        error_at(p, p->tok.offset,
                 "expected a value (an integer, [...], [| ... |] or arrayNd(...)), found %s",
                 describe(p, &p->tok, buf, sizeof buf), NULL);
        return false;
    }
    if (!ok)
        return false;
    size_t n = (size_t)p->n_values;
    item->values = malloc((n ? n : 1) * sizeof *item->values);
    item->offsets = malloc((n ? n : 1) * sizeof *item->offsets);
    if (!item->values || !item->offsets) {
        p->nomem = true;
        return false;
    }
    if (n > 0) { /* an empty first list has no buffer to copy from */
        memcpy(item->values, p->values, n * sizeof *item->values);
        memcpy(item->offsets, p->offsets, n * sizeof *item->offsets);
    }
    item->n_values = p->n_values;
    return true;
}

static const rp_dzn_item *find_n(const rp_dzn *doc, const char *name, size_t len)
{
    if (!doc)
        return NULL;
    for (int i = 0; i < doc->n_items; i++)
        if (strlen(doc->items[i].name) == len && strncmp(doc->items[i].name, name, len) == 0)
            return &doc->items[i];
    return NULL;
}

const rp_dzn_item *rp_dzn_find(const rp_dzn *doc, const char *name)
{
    return find_n(doc, name, strlen(name));
}

static void parse_item(parser *p)
{
    if (p->tok.kind != T_IDENT) {
        expected(p, "a name at the start of an item such as 'Students = 40;'");
        recover(p);
        return;
    }
    if (p->doc->n_items == p->items_capacity) {
        int cap = p->items_capacity ? 2 * p->items_capacity : 32;
        rp_dzn_item *items = realloc(p->doc->items, (size_t)cap * sizeof *items);
        if (!items) {
            p->nomem = true;
            return;
        }
        p->doc->items = items;
        p->items_capacity = cap;
    }
    rp_dzn_item *item = &p->doc->items[p->doc->n_items];
    *item = (rp_dzn_item){.offset = p->tok.offset};
    item->name = strndup(p->doc->text + p->tok.offset, (size_t)p->tok.len);
    if (!item->name) {
        p->nomem = true;
        return;
    }
    const rp_dzn_item *first = find_n(p->doc, item->name, strlen(item->name));
    next(p);
    bool ok = false;
    if (p->tok.kind != T_EQ) {
        char what[96];
        snprintf(what, sizeof what, "'=' after '%s'", item->name);
        expected(p, what);
    } else {
        next(p);
        ok = parse_value(p, item, p->doc->n_items);
        if (ok && p->tok.kind != T_SEMI && p->tok.kind != T_EOF) {
            /* the value itself is whole: keep it and read on as if the ';' were there */
            char what[96];
            snprintf(what, sizeof what, "';' after the value of '%s'", item->name);
            expected(p, what);
        }
    }
    if (ok && first) {
        char line[32];
        snprintf(line, sizeof line, "%d", rp_dzn_loc(p->doc, first->offset).line);
        error_at(p, item->offset, "'%s' is given twice (first on line %s)", item->name, line);
        ok = false;
    }
    if (!ok) {
        free(item->name);
        free(item->values);
        free(item->offsets);
        /* pending ranges of a dropped item must not be resolved */
        if (p->n_pending > 0 && p->pending[p->n_pending - 1].item == p->doc->n_items)
            p->n_pending--;
        if (!p->nomem)
            recover(p);
        return;
    }
    p->doc->n_items++;
    if (p->tok.kind == T_SEMI)
        next(p);
}

/* ---- ranges -------------------------------------------------------------- */

/* The scalar name of doc or scope closest to word, or NULL. */
static const char *closest_scalar(const parser *p, const char *word)
{
    const rp_dzn *docs[2] = {p->doc, p->scope};
    const char *names[64];
    int n = 0;
    for (int k = 0; k < 2; k++)
        for (int i = 0; docs[k] && i < docs[k]->n_items && n < 63; i++)
            if (!docs[k]->items[i].is_array)
                names[n++] = docs[k]->items[i].name;
    names[n] = NULL;
    return rp_closest_word(word, names);
}

static bool resolve_bound(parser *p, const bound *b, const rp_dzn_item *item, long *out)
{
    if (b->name_len == 0) {
        *out = b->value;
        return true;
    }
    const char *name = p->doc->text + b->name_offset;
    const rp_dzn_item *size = find_n(p->doc, name, (size_t)b->name_len);
    if (!size)
        size = find_n(p->scope, name, (size_t)b->name_len);
    char word[64];
    snprintf(word, sizeof word, "%.*s", b->name_len > 40 ? 40 : b->name_len, name);
    if (!size) {
        const char *hint = closest_scalar(p, word);
        if (hint)
            rp_diag_error(p->diags, rp_dzn_loc(p->doc, b->name_offset),
                          "'%s' in the ranges of '%s' is not defined; did you mean '%s'?", word,
                          item->name, hint);
        else
            rp_diag_error(p->diags, rp_dzn_loc(p->doc, b->name_offset),
                          "'%s' in the ranges of '%s' is not defined", word, item->name);
        p->failed = true;
        return false;
    }
    if (size->is_array) {
        error_at(p, b->name_offset, "'%s' in the ranges of '%s' is an array, not a size", word,
                 item->name);
        return false;
    }
    *out = size->scalar;
    return true;
}

/* Appends "lo..hi" as written to buf. */
static void append_range(const parser *p, const bound *b, char *buf, size_t size)
{
    size_t used = strlen(buf);
    if (b->name_len)
        snprintf(buf + used, size - used, "%.*s", b->name_len, p->doc->text + b->name_offset);
    else
        snprintf(buf + used, size - used, "%ld", b->value);
}

static void resolve_ranges(parser *p, const pending_ranges *r)
{
    static const char *const which[RP_DZN_MAX_DIMS] = {"1", "2", "3", "4", "5", "6"};
    rp_dzn_item *item = &p->doc->items[r->item];
    long long product = 1;
    char ranges[256] = "", sizes[128] = "";
    for (int i = 0; i < r->n; i++) {
        long lo, hi;
        if (!resolve_bound(p, &r->lo[i], item, &lo) || !resolve_bound(p, &r->hi[i], item, &hi))
            return;
        if (lo != 1) {
            /* readers index every array from 1: another index set would be
             * read as if it started there */
            rp_diag_error(p->diags,
                          rp_dzn_loc(p->doc, r->lo[i].name_len ? r->lo[i].name_offset
                                                               : item->value_offset),
                          "range %s of '%s' starts at %ld; arrays are indexed from 1", which[i],
                          item->name, lo);
            p->failed = true;
            return;
        }
        long n = hi - lo + 1;
        if (n < 0) {
            error_at(p, r->lo[i].name_len ? r->lo[i].name_offset : item->value_offset,
                     "range %s of '%s' ends before it starts", which[i], item->name);
            return;
        }
        item->dims[i] = (int)n;
        product *= n;
        if (product > INT_MAX)
            product = (long long)INT_MAX + 1;
        append_range(p, &r->lo[i], ranges, sizeof ranges);
        strncat(ranges, "..", sizeof ranges - strlen(ranges) - 1);
        append_range(p, &r->hi[i], ranges, sizeof ranges);
        if (i + 1 < r->n)
            strncat(ranges, ", ", sizeof ranges - strlen(ranges) - 1);
        size_t used = strlen(sizes);
        snprintf(sizes + used, sizeof sizes - used, "%s%ld", i ? " x " : "", n);
    }
    if (product != item->n_values) {
        rp_diag_error(p->diags, rp_dzn_loc(p->doc, item->value_offset),
                      "'%s' has %d values but array%dd(%s) needs %s = %lld", item->name,
                      item->n_values, r->n, ranges, sizes, product);
        p->failed = true;
    }
}

/* ---- documents ----------------------------------------------------------- */

void rp_dzn_free(rp_dzn **doc)
{
    if (!doc || !*doc)
        return;
    rp_dzn *d = *doc;
    for (int i = 0; i < d->n_items; i++) {
        free(d->items[i].name);
        free(d->items[i].values);
        free(d->items[i].offsets);
    }
    free(d->items);
    free(d->line_starts);
    free(d->text);
    free(d->file);
    free(d);
    *doc = NULL;
}

/* Takes ownership of text (len bytes plus a NUL). */
static rp_status parse_owned(const char *name, char *text, size_t len, const rp_dzn *scope,
                             rp_dzn **out, rp_diags *diags)
{
    *out = NULL;
    rp_dzn *doc = calloc(1, sizeof *doc);
    if (!doc) {
        free(text);
        return RP_ERR_NOMEM;
    }
    doc->text = text;
    doc->len = len;
    doc->file = strdup(name);
    if (!doc->file || index_lines(doc) != RP_OK) {
        rp_dzn_free(&doc);
        return RP_ERR_NOMEM;
    }
    parser p = {.doc = doc, .scope = scope, .diags = diags};
    next(&p);
    while (p.tok.kind != T_EOF && !p.nomem)
        parse_item(&p);
    for (int i = 0; i < p.n_pending && !p.nomem; i++)
        resolve_ranges(&p, &p.pending[i]);
    free(p.pending);
    free(p.values);
    free(p.offsets);
    if (p.nomem || p.failed) {
        rp_dzn_free(&doc);
        return p.nomem ? RP_ERR_NOMEM : RP_ERR_INVALID;
    }
    *out = doc;
    return RP_OK;
}

rp_status rp_dzn_parse_string(const char *name, const char *text, size_t len,
                              const rp_dzn *scope, rp_dzn **out, rp_diags *diags)
{
    char *copy = malloc(len + 1);
    if (!copy)
        return RP_ERR_NOMEM;
    memcpy(copy, text, len);
    copy[len] = '\0';
    return parse_owned(name, copy, len, scope, out, diags);
}

rp_status rp_dzn_parse_file(const char *path, const rp_dzn *scope, rp_dzn **out,
                            rp_diags *diags)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        rp_diag_error(diags, (rp_loc){path, 0, 0}, "cannot open: %s", strerror(errno));
        return RP_ERR_IO;
    }
    size_t len = 0, cap = 1 << 16;
    char *text = malloc(cap);
    while (text) {
        if (len + 1 == cap) {
            char *bigger = realloc(text, 2 * cap);
            if (!bigger) {
                free(text);
                text = NULL;
                break;
            }
            text = bigger;
            cap *= 2;
        }
        size_t n = fread(text + len, 1, cap - 1 - len, f);
        len += n;
        if (n == 0)
            break;
    }
    if (!text) {
        fclose(f);
        return RP_ERR_NOMEM;
    }
    if (ferror(f)) {
        rp_diag_error(diags, (rp_loc){path, 0, 0}, "cannot read: %s", strerror(errno));
        fclose(f);
        free(text);
        return RP_ERR_IO;
    }
    fclose(f);
    text[len] = '\0';
    if (memchr(text, '\0', len)) {
        rp_diag_error(diags, (rp_loc){path, 0, 0}, "not a text file (it holds a NUL byte)");
        free(text);
        return RP_ERR_INVALID;
    }
    return parse_owned(path, text, len, scope, out, diags);
}
