#include "base/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void rp_diags_init(rp_diags *d)
{
    memset(d, 0, sizeof *d);
}

void rp_diags_clear(rp_diags *d)
{
    for (int i = 0; i < d->count; i++) {
        free(d->items[i].file);
        free(d->items[i].message);
    }
    free(d->items);
    rp_diags_init(d);
}

static char *vformat(const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return NULL;
    char *s = malloc((size_t)n + 1);
    if (s)
        vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

static void vadd(rp_diags *d, rp_severity sev, rp_loc loc, const char *fmt, va_list ap)
{
    if (sev == RP_SEV_ERROR)
        d->n_errors++;
    else if (sev == RP_SEV_WARNING)
        d->n_warnings++;
    if (d->count == d->capacity) {
        int cap = d->capacity ? 2 * d->capacity : 16;
        rp_diag *items = realloc(d->items, (size_t)cap * sizeof *items);
        if (!items) {
            d->nomem = true;
            return;
        }
        d->items = items;
        d->capacity = cap;
    }
    rp_diag *g = &d->items[d->count];
    g->severity = sev;
    g->line = loc.line;
    g->column = loc.column;
    g->file = loc.file ? strdup(loc.file) : NULL;
    g->message = vformat(fmt, ap);
    if ((loc.file && !g->file) || !g->message) {
        free(g->file);
        free(g->message);
        d->nomem = true;
        return;
    }
    d->count++;
}

void rp_diag_add(rp_diags *d, rp_severity sev, rp_loc loc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vadd(d, sev, loc, fmt, ap);
    va_end(ap);
}

#define RP_DEFINE_DIAG(name, sev)                                              \
    void name(rp_diags *d, rp_loc loc, const char *fmt, ...)                   \
    {                                                                          \
        va_list ap;                                                            \
        va_start(ap, fmt);                                                     \
        vadd(d, sev, loc, fmt, ap);                                            \
        va_end(ap);                                                            \
    }
RP_DEFINE_DIAG(rp_diag_error, RP_SEV_ERROR)
RP_DEFINE_DIAG(rp_diag_warning, RP_SEV_WARNING)
RP_DEFINE_DIAG(rp_diag_note, RP_SEV_NOTE)

const char *rp_severity_str(rp_severity sev)
{
    switch (sev) {
    case RP_SEV_ERROR: return "error";
    case RP_SEV_WARNING: return "warning";
    case RP_SEV_NOTE: return "note";
    }
    return "error";
}

void rp_diag_format(const rp_diag *g, char *buf, size_t size)
{
    const char *word = rp_severity_str(g->severity);
    if (g->file && g->line > 0 && g->column > 0)
        snprintf(buf, size, "%s:%d:%d: %s: %s", g->file, g->line, g->column, word, g->message);
    else if (g->file && g->line > 0)
        snprintf(buf, size, "%s:%d: %s: %s", g->file, g->line, word, g->message);
    else if (g->file)
        snprintf(buf, size, "%s: %s: %s", g->file, word, g->message);
    else
        snprintf(buf, size, "%s: %s", word, g->message);
}

/* Reads line `line` (1-based) of `file` into buf without its newline. */
static bool read_source_line(const char *file, int line, char *buf, size_t size)
{
    FILE *f = fopen(file, "r");
    if (!f)
        return false;
    int current = 1;
    bool found = false;
    while (fgets(buf, (int)size, f)) {
        size_t len = strlen(buf);
        bool whole = len > 0 && buf[len - 1] == '\n';
        if (current == line) {
            while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r'))
                buf[--len] = '\0';
            found = true;
            break;
        }
        if (whole)
            current++;
    }
    fclose(f);
    return found;
}

static void print_excerpt(const rp_diag *g, FILE *out)
{
    char src[512];
    if (!g->file || g->line <= 0 || !read_source_line(g->file, g->line, src, sizeof src))
        return;
    fprintf(out, "  %s\n", src);
    if (g->column <= 0)
        return;
    fputs("  ", out);
    size_t len = strlen(src);
    for (int i = 0; i < g->column - 1; i++)
        fputc((size_t)i < len && src[i] == '\t' ? '\t' : ' ', out);
    fputs("^\n", out);
}

void rp_diags_print(const rp_diags *d, FILE *out, int limit)
{
    char line[2048];
    int shown = 0;
    for (int i = 0; i < d->count; i++) {
        if (limit > 0 && shown == limit) {
            fprintf(out, "rotaplan: %d more diagnostics not shown\n", d->count - shown);
            break;
        }
        rp_diag_format(&d->items[i], line, sizeof line);
        fprintf(out, "%s\n", line);
        print_excerpt(&d->items[i], out);
        shown++;
    }
    if (d->nomem)
        fprintf(out, "rotaplan: out of memory; some diagnostics were lost\n");
    if (d->n_errors || d->n_warnings) {
        fprintf(out, "rotaplan: ");
        if (d->n_errors)
            fprintf(out, "%d error%s", d->n_errors, d->n_errors == 1 ? "" : "s");
        if (d->n_errors && d->n_warnings)
            fprintf(out, ", ");
        if (d->n_warnings)
            fprintf(out, "%d warning%s", d->n_warnings, d->n_warnings == 1 ? "" : "s");
        fprintf(out, "\n");
    }
}
