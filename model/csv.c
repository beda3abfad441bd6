#include "model/csv.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct rp_csv {
    char *name;
    FILE *file;        /* NULL when reading from memory */
    const char *text;  /* in-memory input */
    size_t pos;
    int line, column;  /* of the next character */
    int pending;       /* a character looked at but not taken, or NO_PENDING */
    char sep;          /* the cell separator */
    rp_csv_row row;
    int cells_capacity;
    char *buf;         /* text of every cell of the row, NUL separated */
    size_t buf_len, buf_cap;
    size_t *offsets;   /* where each cell starts in buf */
};

#define NO_PENDING (-3)

static rp_csv *new_reader(const char *name)
{
    rp_csv *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->name = strdup(name);
    if (!c->name) {
        free(c);
        return NULL;
    }
    c->line = 1;
    c->column = 1;
    c->pending = NO_PENDING;
    c->sep = ',';
    return c;
}

/* What get() returns for a NUL byte in a file: never text, always an error
 * (a silent NUL would cut a cell short). */
#define RP_CSV_NUL (-2)

static int raw_get(rp_csv *c)
{
    if (c->file) {
        int ch = fgetc(c->file);
        return ch == '\0' ? RP_CSV_NUL : ch;
    }
    unsigned char ch = (unsigned char)c->text[c->pos];
    if (ch == '\0')
        return EOF;
    c->pos++;
    return ch;
}

static void unget_raw(rp_csv *c, int ch)
{
    if (ch == EOF)
        return;
    if (c->file)
        ungetc(ch == RP_CSV_NUL ? '\0' : ch, c->file);
    else
        c->pos--;
}

/* The next character with every line end (CRLF, LF, or a lone CR as old
 * spreadsheets write) turned into '\n'. */
static int line_get(rp_csv *c)
{
    int ch = raw_get(c);
    if (ch == '\r') {
        int next = raw_get(c);
        if (next != '\n')
            unget_raw(c, next);
        return '\n';
    }
    return ch;
}

static void skip_bom(rp_csv *c)
{
    int a = raw_get(c);
    if (a == 0xEF) {
        int b = raw_get(c), d = raw_get(c);
        if (b == 0xBB && d == 0xBF)
            return;
        /* Not a BOM: such a file is not valid UTF-8 text anyway; rewind. */
        if (c->file)
            rewind(c->file);
        else
            c->pos = 0;
        return;
    }
    if (a != EOF) {
        unget_raw(c, a);
    }
}

rp_status rp_csv_open(const char *path, rp_csv **out, rp_diags *diags)
{
    *out = NULL;
    rp_csv *c = new_reader(path);
    if (!c)
        return RP_ERR_NOMEM;
    c->file = fopen(path, "rb");
    if (!c->file) {
        int err = errno;
        rp_diag_error(diags, (rp_loc){path, 0, 0}, "cannot open: %s", strerror(err));
        rp_csv_close(&c);
        return rp_status_from_errno(err);
    }
    skip_bom(c);
    *out = c;
    return RP_OK;
}

rp_status rp_csv_open_string(const char *name, const char *text, rp_csv **out)
{
    *out = NULL;
    rp_csv *c = new_reader(name);
    if (!c)
        return RP_ERR_NOMEM;
    c->text = text;
    skip_bom(c);
    *out = c;
    return RP_OK;
}

void rp_csv_close(rp_csv **cp)
{
    if (!cp || !*cp)
        return;
    rp_csv *c = *cp;
    if (c->file)
        fclose(c->file);
    free(c->name);
    free(c->row.cells);
    free(c->buf);
    free(c->offsets);
    free(c);
    *cp = NULL;
}

const char *rp_csv_name(const rp_csv *c)
{
    return c->name;
}

void rp_csv_set_separator(rp_csv *c, char sep)
{
    c->sep = sep;
}

char rp_csv_detect_separator(rp_csv *c)
{
    long file_pos = c->file ? ftell(c->file) : 0;
    if (file_pos < 0)
        return c->sep; /* a pipe cannot be read twice: keep the separator */
    size_t text_pos = c->pos;
    int pending = c->pending;
    int comma = 0, semicolon = 0, tab = 0;
    bool quoted = false;
    for (int ch = pending != NO_PENDING ? pending : line_get(c); ch >= 0; ch = line_get(c)) {
        if (ch == '"')
            quoted = !quoted;
        else if (!quoted && ch == '\n')
            break;
        else if (!quoted && ch == ',')
            comma++;
        else if (!quoted && ch == ';')
            semicolon++;
        else if (!quoted && ch == '\t')
            tab++;
    }
    if (c->file)
        fseek(c->file, file_pos, SEEK_SET);
    c->pos = text_pos;
    c->pending = pending;
    c->sep = semicolon > comma && semicolon >= tab ? ';' : tab > comma ? '\t' : ',';
    return c->sep;
}

static int get(rp_csv *c)
{
    int ch;
    if (c->pending != NO_PENDING) {
        ch = c->pending;
        c->pending = NO_PENDING;
    } else {
        ch = line_get(c);
    }
    if (ch == '\n') {
        c->line++;
        c->column = 1;
    } else if (ch >= 0 && (ch & 0xC0) != 0x80) {
        c->column++; /* count characters, not UTF-8 continuation bytes */
    }
    return ch;
}

static int peek(rp_csv *c)
{
    if (c->pending == NO_PENDING)
        c->pending = line_get(c);
    return c->pending;
}

static rp_status put_char(rp_csv *c, char ch)
{
    if (c->buf_len == c->buf_cap) {
        size_t cap = c->buf_cap ? 2 * c->buf_cap : 256;
        char *b = realloc(c->buf, cap);
        if (!b)
            return RP_ERR_NOMEM;
        c->buf = b;
        c->buf_cap = cap;
    }
    c->buf[c->buf_len++] = ch;
    return RP_OK;
}

static rp_status start_cell(rp_csv *c, int line, int column)
{
    if (c->row.n_cells == c->cells_capacity) {
        int cap = c->cells_capacity ? 2 * c->cells_capacity : 16;
        rp_csv_cell *cells = realloc(c->row.cells, (size_t)cap * sizeof *cells);
        size_t *offsets = cells ? realloc(c->offsets, (size_t)cap * sizeof *offsets) : NULL;
        if (!cells || !offsets) {
            if (cells)
                c->row.cells = cells;
            return RP_ERR_NOMEM;
        }
        c->row.cells = cells;
        c->offsets = offsets;
        c->cells_capacity = cap;
    }
    c->offsets[c->row.n_cells] = c->buf_len;
    c->row.cells[c->row.n_cells++] = (rp_csv_cell){NULL, line, column};
    return RP_OK;
}

static rp_status nul_byte(const rp_csv *c, rp_diags *diags)
{
    rp_diag_error(diags, (rp_loc){c->name, c->line, c->column},
                  "a NUL byte: this is not a text file (save it as CSV text)");
    return RP_ERR_INVALID;
}

/* Reads one cell; *end_of_row tells whether a line end or EOF followed it. */
static rp_status read_cell(rp_csv *c, bool *end_of_row, bool *at_eof, rp_diags *diags)
{
    RP_TRY(start_cell(c, c->line, c->column));
    int ch = peek(c);
    if (ch == '"') {
        int line = c->line, column = c->column;
        get(c);
        for (;;) {
            ch = get(c);
            if (ch == RP_CSV_NUL)
                return nul_byte(c, diags);
            if (ch == EOF) {
                rp_diag_error(diags, (rp_loc){c->name, line, column},
                              "quoted cell is never closed (a \" is missing)");
                return RP_ERR_INVALID;
            }
            if (ch == '"') {
                if (peek(c) != '"')
                    break;
                get(c); /* "" inside quotes stands for one quote */
            }
            RP_TRY(put_char(c, (char)ch));
        }
    }
    for (;;) {
        ch = get(c);
        if (ch == c->sep) {
            *end_of_row = false;
            break;
        }
        if (ch == '\n' || ch == EOF) {
            *end_of_row = true;
            *at_eof = ch == EOF;
            break;
        }
        if (ch == RP_CSV_NUL)
            return nul_byte(c, diags);
        RP_TRY(put_char(c, (char)ch));
    }
    return put_char(c, '\0');
}

static bool row_is_blank(const rp_csv_row *row)
{
    for (int i = 0; i < row->n_cells; i++)
        for (const char *s = row->cells[i].text; *s; s++)
            if (*s != ' ' && *s != '\t')
                return false;
    return true;
}

rp_status rp_csv_next(rp_csv *c, const rp_csv_row **out, rp_diags *diags)
{
    *out = NULL;
    for (;;) {
        if (peek(c) == EOF)
            return RP_OK;
        c->row.n_cells = 0;
        c->row.line = c->line;
        c->buf_len = 0;
        bool end_of_row = false, at_eof = false;
        while (!end_of_row)
            RP_TRY(read_cell(c, &end_of_row, &at_eof, diags));
        for (int i = 0; i < c->row.n_cells; i++)
            c->row.cells[i].text = c->buf + c->offsets[i];
        if (!row_is_blank(&c->row)) {
            *out = &c->row;
            return RP_OK;
        }
        if (at_eof)
            return RP_OK;
    }
}

int rp_csv_column(const rp_csv_row *header, const char *name)
{
    size_t n = strlen(name);
    for (int i = 0; i < header->n_cells; i++) {
        const char *t = header->cells[i].text;
        while (*t == ' ' || *t == '\t')
            t++;
        if (strncmp(t, name, n) != 0)
            continue;
        const char *rest = t + n;
        while (*rest == ' ' || *rest == '\t')
            rest++;
        if (*rest == '\0')
            return i;
    }
    return -1;
}

void rp_csv_write_cell(FILE *out, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, out);
        return;
    }
    fputc('"', out);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', out);
        fputc(*s, out);
    }
    fputc('"', out);
}
