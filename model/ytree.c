#include "model/ytree.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#define RP_YAML_MAX_DEPTH 256

static void free_node(rp_ynode *n)
{
    if (!n)
        return;
    for (int i = 0; i < n->n_items; i++)
        free_node(n->items[i]);
    free(n->items);
    free(n->value);
    free(n);
}

void rp_ydoc_free(rp_ydoc **docp)
{
    if (!docp || !*docp)
        return;
    free_node((*docp)->root);
    free((*docp)->file);
    free(*docp);
    *docp = NULL;
}

rp_loc rp_ynode_loc(const rp_ydoc *doc, const rp_ynode *node)
{
    if (!node)
        return (rp_loc){doc ? doc->file : NULL, 0, 0};
    return (rp_loc){doc ? doc->file : NULL, node->line, node->column};
}

static rp_ynode *new_node(rp_ykind kind, yaml_mark_t mark)
{
    rp_ynode *n = calloc(1, sizeof *n);
    if (n) {
        n->kind = kind;
        n->line = (int)mark.line + 1;
        n->column = (int)mark.column + 1;
    }
    return n;
}

static rp_status append_child(rp_ynode *parent, rp_ynode *child)
{
    if ((parent->n_items & (parent->n_items - 1)) == 0) { /* grow at powers of two */
        int cap = parent->n_items ? 2 * parent->n_items : 4;
        rp_ynode **items = realloc(parent->items, (size_t)cap * sizeof *items);
        if (!items)
            return RP_ERR_NOMEM;
        parent->items = items;
    }
    parent->items[parent->n_items++] = child;
    return RP_OK;
}

struct builder {
    rp_ydoc *doc;
    rp_diags *diags;
    const char *text; /* the whole input, for places libyaml gives as offsets */
    size_t len;
    rp_ynode *stack[RP_YAML_MAX_DEPTH];
    int depth;
    int documents; /* started so far */
};

static rp_loc mark_loc(const struct builder *b, yaml_mark_t mark)
{
    return (rp_loc){b->doc->file, (int)mark.line + 1, (int)mark.column + 1};
}

static void report_duplicate_keys(struct builder *b, const rp_ynode *map)
{
    for (int i = 2; i < map->n_items; i += 2) {
        const rp_ynode *key = map->items[i];
        if (key->kind != RP_Y_SCALAR)
            continue;
        for (int j = 0; j < i; j += 2) {
            const rp_ynode *earlier = map->items[j];
            if (earlier->kind == RP_Y_SCALAR && strcmp(earlier->value, key->value) == 0) {
                rp_diag_error(b->diags, rp_ynode_loc(b->doc, key),
                              "key '%s' appears twice in this mapping (first at line %d)",
                              key->value, earlier->line);
                break;
            }
        }
    }
}

/* Attaches a finished node to its parent (or makes it the root). */
static rp_status attach(struct builder *b, rp_ynode *node)
{
    if (b->depth == 0) {
        b->doc->root = node;
        return RP_OK;
    }
    rp_status st = append_child(b->stack[b->depth - 1], node);
    if (st)
        free_node(node);
    return st;
}

static rp_status open_collection(struct builder *b, rp_ynode *node)
{
    if (!node)
        return RP_ERR_NOMEM;
    if (b->depth == RP_YAML_MAX_DEPTH) {
        rp_diag_error(b->diags, rp_ynode_loc(b->doc, node), "nesting deeper than %d levels",
                      RP_YAML_MAX_DEPTH);
        free_node(node);
        return RP_ERR_INVALID;
    }
    b->stack[b->depth++] = node;
    return RP_OK;
}

static rp_status close_collection(struct builder *b)
{
    rp_ynode *node = b->stack[--b->depth];
    if (node->kind == RP_Y_MAPPING)
        report_duplicate_keys(b, node);
    return attach(b, node);
}

static rp_status handle_event(struct builder *b, const yaml_event_t *ev)
{
    switch (ev->type) {
    case YAML_SCALAR_EVENT: {
        rp_ynode *n = new_node(RP_Y_SCALAR, ev->start_mark);
        if (!n)
            return RP_ERR_NOMEM;
        n->value = malloc(ev->data.scalar.length + 1);
        if (!n->value) {
            free_node(n);
            return RP_ERR_NOMEM;
        }
        memcpy(n->value, ev->data.scalar.value, ev->data.scalar.length);
        n->value[ev->data.scalar.length] = '\0';
        n->quoted = ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
        if (strlen(n->value) != ev->data.scalar.length) /* kept, it would cut the text short */
            rp_diag_error(b->diags, rp_ynode_loc(b->doc, n),
                          "this text holds a NUL character (an escape such as \\0 or "
                          "\\u0000), which no id or name may hold");
        return attach(b, n);
    }
    case YAML_SEQUENCE_START_EVENT:
        return open_collection(b, new_node(RP_Y_SEQUENCE, ev->start_mark));
    case YAML_MAPPING_START_EVENT:
        return open_collection(b, new_node(RP_Y_MAPPING, ev->start_mark));
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        return close_collection(b);
    case YAML_ALIAS_EVENT:
        rp_diag_error(b->diags, mark_loc(b, ev->start_mark),
                      "YAML aliases (*name) are not supported; write the value out");
        return RP_ERR_INVALID;
    case YAML_DOCUMENT_START_EVENT:
        if (++b->documents == 1)
            return RP_OK;
        /* a second document would be read by nothing: say so instead */
        rp_diag_error(b->diags, mark_loc(b, ev->start_mark),
                      "a second YAML document starts here; a file holds one document (remove "
                      "the '---' line and what follows, or put it in a file of its own)");
        return RP_ERR_INVALID;
    default:
        return RP_OK;
    }
}

/* The line and column of a byte offset in the input (columns count
 * characters, not UTF-8 continuation bytes). */
static rp_loc offset_loc(const struct builder *b, size_t offset)
{
    rp_loc at = {b->doc->file, 1, 1};
    for (size_t i = 0; i < offset && i < b->len; i++) {
        unsigned char ch = (unsigned char)b->text[i];
        if (ch == '\n') {
            at.line++;
            at.column = 1;
        } else if ((ch & 0xC0) != 0x80) {
            at.column++;
        }
    }
    return at;
}

static void report_syntax_error(struct builder *b, const yaml_parser_t *p)
{
    yaml_mark_t mark = p->problem_mark;
    if (p->error == YAML_READER_ERROR && p->problem_value == 0 &&
        p->problem_offset < b->len && b->text[p->problem_offset] == '\0')
        rp_diag_error(b->diags, offset_loc(b, p->problem_offset),
                      "a NUL byte: this is not a text file");
    else if (p->error == YAML_READER_ERROR)
        rp_diag_error(b->diags, offset_loc(b, p->problem_offset), "%s (the file must be UTF-8)",
                      p->problem ? p->problem : "unreadable text");
    else if (p->context)
        rp_diag_error(b->diags,
                      (rp_loc){b->doc->file, (int)mark.line + 1, (int)mark.column + 1},
                      "YAML syntax: %s %s (started at line %d)", p->problem, p->context,
                      (int)p->context_mark.line + 1);
    else
        rp_diag_error(b->diags,
                      (rp_loc){b->doc->file, (int)mark.line + 1, (int)mark.column + 1},
                      "YAML syntax: %s", p->problem ? p->problem : "malformed document");
}

rp_status rp_ydoc_parse_string(const char *name, const char *text, size_t len, rp_ydoc **out,
                               rp_diags *diags)
{
    *out = NULL;
    struct builder b = {.diags = diags, .text = text, .len = len};
    b.doc = calloc(1, sizeof *b.doc);
    if (!b.doc || !(b.doc->file = strdup(name))) {
        free(b.doc);
        return RP_ERR_NOMEM;
    }
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        rp_ydoc_free(&b.doc);
        return RP_ERR_NOMEM;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    rp_status st = RP_OK;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            report_syntax_error(&b, &parser);
            st = parser.error == YAML_MEMORY_ERROR ? RP_ERR_NOMEM : RP_ERR_INVALID;
            break;
        }
        bool end = ev.type == YAML_STREAM_END_EVENT;
        st = handle_event(&b, &ev);
        yaml_event_delete(&ev);
        if (st || end)
            break;
    }
    yaml_parser_delete(&parser);
    while (b.depth > 0)
        free_node(b.stack[--b.depth]);
    if (st == RP_OK && diags->n_errors > 0)
        st = RP_ERR_INVALID;
    if (st) {
        rp_ydoc_free(&b.doc);
        return st;
    }
    *out = b.doc;
    return RP_OK;
}

rp_status rp_ydoc_parse_file(const char *path, rp_ydoc **out, rp_diags *diags)
{
    *out = NULL;
    FILE *f = fopen(path, "rb");
    if (!f) {
        int err = errno;
        rp_diag_error(diags, (rp_loc){path, 0, 0}, "cannot open: %s", strerror(err));
        return rp_status_from_errno(err);
    }
    size_t cap = 1 << 16, len = 0;
    char *text = malloc(cap);
    rp_status st = text ? RP_OK : RP_ERR_NOMEM;
    while (st == RP_OK) {
        if (len == cap) {
            char *bigger = realloc(text, cap * 2);
            if (!bigger) {
                st = RP_ERR_NOMEM;
                break;
            }
            text = bigger;
            cap *= 2;
        }
        size_t n = fread(text + len, 1, cap - len, f);
        len += n;
        if (n == 0) {
            if (ferror(f)) {
                int err = errno;
                rp_diag_error(diags, (rp_loc){path, 0, 0}, "cannot read: %s", strerror(err));
                st = rp_status_from_errno(err);
            }
            break;
        }
    }
    fclose(f);
    if (st == RP_OK)
        st = rp_ydoc_parse_string(path, text, len, out, diags);
    free(text);
    return st;
}

const char *rp_ynode_describe(const rp_ynode *n)
{
    if (!n)
        return "nothing";
    switch (n->kind) {
    case RP_Y_MAPPING: return "a mapping";
    case RP_Y_SEQUENCE: return "a list";
    case RP_Y_SCALAR: break;
    }
    long l;
    double d;
    bool b;
    if (rp_yscalar_is_null(n))
        return "an empty value";
    if (rp_yscalar_int(n, &l))
        return "an integer";
    if (rp_yscalar_number(n, &d))
        return "a number";
    if (rp_yscalar_bool(n, &b))
        return "a true/false value";
    return "text";
}

int rp_ymap_size(const rp_ynode *map)
{
    return map && map->kind == RP_Y_MAPPING ? map->n_items / 2 : 0;
}

const rp_ynode *rp_ymap_key(const rp_ynode *map, int i)
{
    return map->items[2 * i];
}

const rp_ynode *rp_ymap_value(const rp_ynode *map, int i)
{
    return map->items[2 * i + 1];
}

const rp_ynode *rp_ymap_get(const rp_ynode *map, const char *key)
{
    for (int i = 0; i < rp_ymap_size(map); i++) {
        const rp_ynode *k = rp_ymap_key(map, i);
        if (k->kind == RP_Y_SCALAR && strcmp(k->value, key) == 0)
            return rp_ymap_value(map, i);
    }
    return NULL;
}

static int edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 63 || lb > 63)
        return 99;
    int row[64];
    for (size_t j = 0; j <= lb; j++)
        row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int up = row[j];
            int best = diag + (a[i - 1] != b[j - 1]);
            if (up + 1 < best)
                best = up + 1;
            if (row[j - 1] + 1 < best)
                best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *rp_closest_word(const char *word, const char *const *candidates)
{
    const char *best = NULL;
    int best_distance = (int)strlen(word) / 3 + 1;
    if (best_distance > 3)
        best_distance = 3;
    for (; *candidates; candidates++) {
        int d = edit_distance(word, *candidates);
        if (d <= best_distance && (!best || d < edit_distance(word, best)))
            best = *candidates;
    }
    return best;
}

int rp_ymap_check_keys(const rp_ydoc *doc, const rp_ynode *map, const char *const *allowed,
                       const char *what, rp_diags *diags)
{
    int unknown = 0;
    for (int i = 0; i < rp_ymap_size(map); i++) {
        const rp_ynode *k = rp_ymap_key(map, i);
        if (k->kind != RP_Y_SCALAR) {
            rp_diag_error(diags, rp_ynode_loc(doc, k), "keys of %s must be plain words", what);
            unknown++;
            continue;
        }
        bool known = false;
        for (const char *const *a = allowed; *a && !known; a++)
            known = strcmp(*a, k->value) == 0;
        if (known)
            continue;
        unknown++;
        const char *hint = rp_closest_word(k->value, allowed);
        if (hint)
            rp_diag_error(diags, rp_ynode_loc(doc, k),
                          "unknown key '%s' in %s; did you mean '%s'?", k->value, what, hint);
        else
            rp_diag_error(diags, rp_ynode_loc(doc, k), "unknown key '%s' in %s", k->value,
                          what);
    }
    return unknown;
}

bool rp_yscalar_is_null(const rp_ynode *n)
{
    return n && n->kind == RP_Y_SCALAR && !n->quoted &&
           (n->value[0] == '\0' || strcmp(n->value, "~") == 0 || strcmp(n->value, "null") == 0 ||
            strcmp(n->value, "Null") == 0 || strcmp(n->value, "NULL") == 0);
}

bool rp_yscalar_int(const rp_ynode *n, long *out)
{
    if (!n || n->kind != RP_Y_SCALAR || n->quoted || n->value[0] == '\0')
        return false;
    const char *s = n->value;
    const char *digits = (*s == '-' || *s == '+') ? s + 1 : s;
    if (*digits < '0' || *digits > '9')
        return false;
    errno = 0;
    char *end;
    long v = strtol(s, &end, 10);
    if (*end != '\0' || errno == ERANGE)
        return false;
    *out = v;
    return true;
}

bool rp_yscalar_number(const rp_ynode *n, double *out)
{
    if (!n || n->kind != RP_Y_SCALAR || n->quoted || n->value[0] == '\0')
        return false;
    char *end;
    errno = 0;
    double v = strtod(n->value, &end);
    if (*end != '\0' || errno == ERANGE || !isfinite(v))
        return false;
    *out = v;
    return true;
}

bool rp_yscalar_bool(const rp_ynode *n, bool *out)
{
    if (!n || n->kind != RP_Y_SCALAR || n->quoted)
        return false;
    static const char *const yes[] = {"true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON", NULL};
    static const char *const no[] = {"false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF", NULL};
    for (int i = 0; yes[i]; i++)
        if (strcmp(n->value, yes[i]) == 0) {
            *out = true;
            return true;
        }
    for (int i = 0; no[i]; i++)
        if (strcmp(n->value, no[i]) == 0) {
            *out = false;
            return true;
        }
    return false;
}
