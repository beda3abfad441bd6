/* A CSV student list named by `student_file`: one row per student. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "model/csv.h"
#include "model/load_internal.h"

enum column {
    COL_ID, COL_NAME, COL_PROGRAMME, COL_UNAVAILABLE, COL_HOSPITALS, COL_AVOID_HOSPITALS,
    COL_DEPARTMENTS, COL_AVOID_DEPARTMENTS, COL_AVOID_DISCIPLINES, COL_DISCIPLINE_PREFS,
    COL_HOSPITAL_PREFS, COL_WEIGHT_DISCIPLINE, COL_WEIGHT_HOSPITAL, COL_WEIGHT_CHANGE,
    COL_WEIGHT_IDLE, COL_INTAKE, COL_POOL, COL_LANGUAGES, N_COLUMNS
};

static const char *const column_names[] = {
    "id", "name", "programme", "unavailable", "hospitals", "avoid_hospitals", "departments",
    "avoid_departments", "avoid_disciplines", "discipline_preferences", "hospital_preferences",
    "weight_discipline", "weight_hospital", "weight_change", "weight_idle", "intake", "pool",
    "languages", NULL};

struct roster {
    rp_loader *ld;
    const char *file; /* as stored in m->sources */
    int where[N_COLUMNS]; /* cell index of each column, or -1 */
    int n_header_cells;
};

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        s[--n] = '\0';
    return s;
}

/* Splits a cell at ';' and calls fn on each non-empty trimmed piece with the
 * column where the piece starts. */
static void for_each_piece(struct roster *r, const rp_csv_cell *cell,
                           void (*fn)(struct roster *, const char *, rp_loc, void *), void *arg)
{
    char *copy = rp_load_strdup(r->ld, cell->text);
    if (!copy)
        return;
    char *start = copy;
    for (;;) {
        char *end = strchr(start, ';');
        if (end)
            *end = '\0';
        char *piece = trim(start);
        if (*piece)
            fn(r, piece, (rp_loc){r->file, cell->line, cell->column + (int)(piece - copy)}, arg);
        if (!end)
            break;
        start = end + 1;
    }
    free(copy);
}

struct mark_arg {
    rp_ref_kind kind;
    bool *marks;
};

static void mark_piece(struct roster *r, const char *piece, rp_loc loc, void *arg)
{
    struct mark_arg *a = arg;
    rp_load_mark(r->ld, a->kind, piece, loc, a->marks);
}

struct language_arg {
    rp_student *s;
};

static void language_piece(struct roster *r, const char *piece, rp_loc loc, void *arg)
{
    rp_student *s = ((struct language_arg *)arg)->s;
    int l = rp_load_language(r->ld, piece, loc);
    if (l < 0)
        return;
    for (int i = 0; i < s->n_languages; i++)
        if (s->languages[i] == l)
            return;
    int *grown = realloc(s->languages, (size_t)(s->n_languages + 1) * sizeof *grown);
    if (!grown) {
        r->ld->nomem = true;
        return;
    }
    s->languages = grown;
    int i = s->n_languages++;
    for (; i > 0 && s->languages[i - 1] > l; i--)
        s->languages[i] = s->languages[i - 1];
    s->languages[i] = l;
}

static void week_piece(struct roster *r, const char *piece, rp_loc loc, void *arg)
{
    rp_load_week_item(r->ld, piece, loc, arg);
}

static bool parse_long(const char *s, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || errno == ERANGE)
        return false;
    while (*end == ' ' || *end == '\t')
        end++;
    if (*end)
        return false;
    *out = v;
    return true;
}

struct pref_arg {
    rp_student *s;
    rp_ref_kind kind;
};

static void preference_piece(struct roster *r, const char *piece, rp_loc loc, void *arg)
{
    struct pref_arg *a = arg;
    const char *colon = strchr(piece, ':');
    long value;
    if (!colon || !parse_long(colon + 1, &value)) {
        rp_diag_error(r->ld->diags, loc,
                      "'%s' is not a preference; write ID:VALUE, for example cardiology:3",
                      piece);
        return;
    }
    char id[256];
    size_t n = (size_t)(colon - piece);
    if (n >= sizeof id)
        n = sizeof id - 1;
    memcpy(id, piece, n);
    id[n] = '\0';
    rp_loc value_loc = {loc.file, loc.line, loc.column + (int)(colon + 1 - piece)};
    rp_load_preference(r->ld, a->s, a->kind, trim(id), loc, value, value_loc);
}

static const rp_csv_cell *cell_of(const struct roster *r, const rp_csv_row *row, enum column c)
{
    int i = r->where[c];
    if (i < 0 || i >= row->n_cells || row->cells[i].text[0] == '\0')
        return NULL;
    return &row->cells[i];
}

static rp_loc cell_loc(const struct roster *r, const rp_csv_cell *cell)
{
    return (rp_loc){r->file, cell->line, cell->column};
}

static void load_weights(struct roster *r, const rp_csv_row *row, rp_student *s,
                         rp_student_draft *draft)
{
    int *fields[4] = {&s->weights.discipline, &s->weights.hospital, &s->weights.change,
                      &s->weights.idle};
    for (int k = 0; k < 4; k++) {
        const rp_csv_cell *cell = cell_of(r, row, (enum column)(COL_WEIGHT_DISCIPLINE + k));
        long v;
        if (!cell)
            continue;
        if (!parse_long(cell->text, &v) || v < 0 || v > RP_LOAD_VALUE_LIMIT) {
            rp_diag_error(r->ld->diags, cell_loc(r, cell),
                          "%s must be a whole number between 0 and %ld, found '%s'",
                          column_names[COL_WEIGHT_DISCIPLINE + k], RP_LOAD_VALUE_LIMIT,
                          cell->text);
            continue;
        }
        *fields[k] = (int)v;
        draft->weight_given[k] = true;
    }
}

static void load_row(struct roster *r, const rp_csv_row *row)
{
    rp_loader *ld = r->ld;
    if (row->n_cells > r->n_header_cells) {
        rp_diag_error(ld->diags,
                      (rp_loc){r->file, row->line, row->cells[r->n_header_cells].column},
                      "this row has %d cells but the header has %d", row->n_cells,
                      r->n_header_cells);
        return;
    }
    rp_student_draft draft;
    rp_student *s = rp_load_new_student(ld, &draft);
    if (!s) {
        rp_load_draft_free(&draft);
        return;
    }
    s->loc = (rp_loc){r->file, row->line, 1};
    const rp_csv_cell *c;
    if (!(c = cell_of(r, row, COL_ID)))
        rp_diag_error(ld->diags, s->loc, "this student has no id");
    else if (!rp_load_id_valid(c->text))
        rp_diag_error(ld->diags, cell_loc(r, c),
                      "student id '%s' is not a valid id (use letters, digits, '_', '-' and '.')",
                      c->text);
    else
        s->id = rp_load_strdup(ld, c->text);
    if ((c = cell_of(r, row, COL_NAME)))
        s->name = rp_load_strdup(ld, c->text);
    if ((c = cell_of(r, row, COL_UNAVAILABLE)) && ld->weeks_known) {
        bool *weeks = rp_load_calloc(ld, (size_t)ld->m->weeks, sizeof(bool));
        if (weeks) {
            for_each_piece(r, c, week_piece, weeks);
            for (int w = 0; w < ld->m->weeks; w++)
                s->available[w] = !weeks[w];
        }
        free(weeks);
    }
    struct {
        enum column column;
        rp_ref_kind kind;
        bool *marks;
        bool *flag;
    } lists[] = {
        {COL_HOSPITALS, RP_REF_HOSPITAL, draft.only_hospital, &draft.has_only_hospitals},
        {COL_AVOID_HOSPITALS, RP_REF_HOSPITAL, draft.avoid_hospital, NULL},
        {COL_DEPARTMENTS, RP_REF_DEPARTMENT, draft.only_department, &draft.has_only_departments},
        {COL_AVOID_DEPARTMENTS, RP_REF_DEPARTMENT, draft.avoid_department, NULL},
        {COL_AVOID_DISCIPLINES, RP_REF_DISCIPLINE, draft.avoid_discipline, NULL},
    };
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++) {
        if (!(c = cell_of(r, row, lists[i].column)))
            continue;
        if (lists[i].flag)
            *lists[i].flag = true;
        struct mark_arg arg = {lists[i].kind, lists[i].marks};
        for_each_piece(r, c, mark_piece, &arg);
    }
    if ((c = cell_of(r, row, COL_DISCIPLINE_PREFS)))
        for_each_piece(r, c, preference_piece, &(struct pref_arg){s, RP_REF_DISCIPLINE});
    if ((c = cell_of(r, row, COL_HOSPITAL_PREFS)))
        for_each_piece(r, c, preference_piece, &(struct pref_arg){s, RP_REF_HOSPITAL});
    load_weights(r, row, s, &draft);
    if ((c = cell_of(r, row, COL_INTAKE))) {
        draft.intake_loc = cell_loc(r, c);
        if (!rp_load_id_valid(c->text))
            rp_diag_error(ld->diags, draft.intake_loc, "intake '%s' is not a valid id",
                          c->text);
        else
            s->intake = rp_load_ref_intake(ld, c->text, draft.intake_loc);
    }
    if ((c = cell_of(r, row, COL_POOL))) {
        draft.pool_loc = cell_loc(r, c);
        if (!rp_load_id_valid(c->text))
            rp_diag_error(ld->diags, draft.pool_loc, "pool '%s' is not a valid id", c->text);
        else
            draft.pool = rp_load_ref_pool(ld, c->text, draft.pool_loc);
    }
    if ((c = cell_of(r, row, COL_LANGUAGES)))
        for_each_piece(r, c, language_piece, &(struct language_arg){s});
    const char *programme = NULL;
    rp_loc programme_loc = s->loc;
    if (!(c = cell_of(r, row, COL_PROGRAMME))) {
        int i = r->where[COL_PROGRAMME];
        rp_loc where = i >= 0 && i < row->n_cells ? cell_loc(r, &row->cells[i]) : s->loc;
        rp_diag_error(ld->diags, where, "student '%s' has no programme", s->id ? s->id : "?");
    } else {
        programme = c->text;
        programme_loc = cell_loc(r, c);
    }
    rp_load_finish_student(ld, s, &draft, programme, programme_loc);
}

static bool read_header(struct roster *r, const rp_csv_row *header)
{
    for (int c = 0; c < N_COLUMNS; c++)
        r->where[c] = rp_csv_column(header, column_names[c]);
    r->n_header_cells = header->n_cells;
    bool ok = true;
    for (int i = 0; i < header->n_cells; i++) {
        char *name = header->cells[i].text;
        bool known = false;
        for (int c = 0; c < N_COLUMNS && !known; c++)
            known = r->where[c] == i;
        if (known)
            continue;
        const char *hint = rp_closest_word(trim(name), column_names);
        rp_loc loc = {r->file, header->cells[i].line, header->cells[i].column};
        if (hint)
            rp_diag_error(r->ld->diags, loc, "unknown column '%s'; did you mean '%s'?", name,
                          hint);
        else
            rp_diag_error(r->ld->diags, loc, "unknown column '%s'", name);
    }
    for (int c = COL_ID; c <= COL_PROGRAMME; c += COL_PROGRAMME - COL_ID) {
        if (r->where[c] < 0) {
            rp_diag_error(r->ld->diags, (rp_loc){r->file, header->line, 1},
                          "the student list needs a '%s' column", column_names[c]);
            ok = false;
        }
    }
    if (r->where[COL_INTAKE] < 0 && r->ld->m->n_intakes > 0) {
        rp_diag_error(r->ld->diags, (rp_loc){r->file, header->line, 1},
                      "the student list needs an 'intake' column: the config plans intakes");
        ok = false;
    }
    return ok;
}

/* The roster path relative to the config's directory. */
static char *resolve_path(rp_loader *ld, const char *name)
{
    const char *slash = strrchr(ld->file, '/');
    if (name[0] == '/' || !slash)
        return rp_load_strdup(ld, name);
    size_t dir = (size_t)(slash - ld->file) + 1;
    char *path = malloc(dir + strlen(name) + 1);
    if (!path) {
        ld->nomem = true;
        return NULL;
    }
    memcpy(path, ld->file, dir);
    strcpy(path + dir, name);
    return path;
}

void rp_load_roster(rp_loader *ld, const rp_ynode *path_node)
{
    const char *name = rp_load_text(ld, path_node, "student_file");
    if (!name)
        return;
    char *path = resolve_path(ld, name);
    if (!path)
        return;
    rp_model *m = ld->m;
    char **sources = realloc(m->sources, (size_t)(m->n_sources + 1) * sizeof *sources);
    if (!sources) {
        free(path);
        ld->nomem = true;
        return;
    }
    m->sources = sources;
    m->sources[m->n_sources++] = path;
    struct roster r = {.ld = ld, .file = path};
    rp_csv *csv;
    rp_status st = rp_csv_open(path, &csv, ld->diags);
    if (st == RP_ERR_IO) {
        rp_diag_note(ld->diags, rp_load_loc(ld, path_node), "the student list is named here");
        return;
    }
    if (st) {
        ld->nomem = true;
        return;
    }
    char sep = rp_csv_detect_separator(csv);
    if (sep != ',')
        rp_diag_note(ld->diags, (rp_loc){path, 1, 0},
                     "the student list is read as separated by %s: its first row has more of "
                     "them than commas",
                     sep == ';' ? "semicolons" : "tabs");
    const rp_csv_row *row;
    st = rp_csv_next(csv, &row, ld->diags);
    if (st == RP_OK && row) {
        if (read_header(&r, row)) /* unknown columns are reported, rows still read */
            while ((st = rp_csv_next(csv, &row, ld->diags)) == RP_OK && row && !ld->nomem)
                load_row(&r, row);
    } else if (st == RP_OK && !ld->diags->n_errors) {
        rp_diag_error(ld->diags, (rp_loc){path, 0, 0}, "the student list is empty");
    }
    if (st == RP_ERR_NOMEM)
        ld->nomem = true;
    rp_csv_close(&csv);
}
