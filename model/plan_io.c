/* Plan file formats, the checks every writer shares, and the atomic write. */
#include "model/plan_io_internal.h"

#include "base/atomic_file.h"

#include <errno.h>
#include <stdio.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

rp_plan_format rp_plan_format_for_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash))
        return RP_FORMAT_CSV;
    if (strcasecmp(dot, ".yaml") == 0 || strcasecmp(dot, ".yml") == 0)
        return RP_FORMAT_YAML;
    if (strcasecmp(dot, ".json") == 0)
        return RP_FORMAT_JSON;
    return RP_FORMAT_CSV;
}

bool rp_plan_format_named(const char *path)
{
    const char *dot = strrchr(path, '.');
    const char *slash = strrchr(path, '/');
    if (!dot || (slash && dot < slash) || dot == path || (slash && dot == slash + 1))
        return true; /* no extension (a leading dot names a hidden file) */
    return strcasecmp(dot, ".csv") == 0 || rp_plan_format_for_path(path) != RP_FORMAT_CSV;
}

rp_plan_format rp_plan_format_parse(const char *word)
{
    if (strcmp(word, "csv") == 0)
        return RP_FORMAT_CSV;
    if (strcmp(word, "yaml") == 0 || strcmp(word, "yml") == 0)
        return RP_FORMAT_YAML;
    if (strcmp(word, "json") == 0)
        return RP_FORMAT_JSON;
    return RP_FORMAT_AUTO;
}

void rp_plan_io_quoted(FILE *out, const char *s)
{
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(out, "\\%c", *p);
        else if (*p == '\n')
            fputs("\\n", out);
        else if (*p == '\t')
            fputs("\\t", out);
        else if (*p < 0x20 || *p == 0x7f)
            fprintf(out, "\\u%04x", *p);
        else
            fputc(*p, out);
    }
    fputc('"', out);
}

void rp_plan_io_number(FILE *out, double x)
{
    if (x == floor(x) && fabs(x) < 1e15)
        fprintf(out, "%.0f", x);
    else
        fprintf(out, "%.17g", x);
}

int rp_plan_io_supervisor(const rp_model *m, const char *id, int department, char *why,
                          size_t size)
{
    int j = rp_model_find_supervisor(m, id);
    if (j < 0) {
        snprintf(why, size, "unknown supervisor '%s'", id);
        return -1;
    }
    if (department >= 0 && m->supervisors[j].department != department) {
        const rp_department *home = &m->departments[m->supervisors[j].department];
        const rp_department *here = &m->departments[department];
        snprintf(why, size, "supervisor '%s' works in %s/%s, not in %s/%s", id,
                 m->hospitals[home->hospital].id, home->id, m->hospitals[here->hospital].id,
                 here->id);
        return -1;
    }
    return j;
}

rp_plan *rp_plan_io_sorted(const rp_plan *plan)
{
    rp_plan *copy = rp_plan_clone(plan);
    if (copy)
        rp_plan_sort(copy);
    return copy;
}

rp_status rp_plan_io_check_writable(const rp_model *m, const rp_plan *plan, const char *name,
                                    rp_diags *diags)
{
    rp_loc where = {name, 0, 0};
    rp_status st = RP_OK;
    rp_plan *sorted = rp_plan_io_sorted(plan);
    if (!sorted)
        return RP_ERR_NOMEM;
    int reach = 0; /* first week after every earlier rotation of the student */
    for (int i = 0; i < sorted->n_rotations; i++) {
        const rp_rotation *r = &sorted->rotations[i];
        if (r->student < 0 || r->student >= m->n_students || r->department < 0 ||
            r->department >= m->n_departments) {
            rp_diag_error(diags, where,
                          "the plan names student #%d in department #%d, which the config "
                          "does not have",
                          r->student, r->department);
            st = RP_ERR_INVALID;
            continue;
        }
        const char *sid = m->students[r->student].id;
        const char *did = m->departments[r->department].id;
        if (r->supervisor < -1 || r->supervisor >= m->n_supervisors ||
            r->switch_supervisor < -1 || r->switch_supervisor >= m->n_supervisors) {
            rp_diag_error(diags, where,
                          "%s's rotation in %s names supervisor #%d, which the config does not "
                          "have",
                          sid, did, r->supervisor < -1 || r->supervisor >= m->n_supervisors
                                        ? r->supervisor
                                        : r->switch_supervisor);
            st = RP_ERR_INVALID;
        }
        if (r->length < 1 || r->start < 0 || r->start + r->length > m->weeks) {
            rp_diag_error(diags, where,
                          "%s's rotation in %s from week %d for %d weeks lies outside weeks "
                          "1-%d; a plan file cannot hold it",
                          sid, did, r->start + 1, r->length, m->weeks);
            st = RP_ERR_INVALID;
        }
        if (i == 0 || sorted->rotations[i - 1].student != r->student)
            reach = 0;
        bool overlaps = r->start < reach;
        if (r->start + r->length > reach)
            reach = r->start + r->length;
        if (overlaps) {
            rp_diag_error(diags, where,
                          "%s is in two departments in week %d; a plan file holds one "
                          "rotation per student and week",
                          sid, r->start + 1);
            st = RP_ERR_INVALID;
        }
    }
    rp_plan_free(&sorted);
    return st;
}

/* Writes a plan already known to be writable. */
static rp_status emit(const rp_model *m, const rp_plan *plan, rp_plan_format format,
                      const char *config_path, FILE *out)
{
    rp_plan *sorted = rp_plan_io_sorted(plan);
    if (!sorted)
        return RP_ERR_NOMEM;
    rp_status st;
    if (format == RP_FORMAT_YAML || format == RP_FORMAT_JSON)
        st = rp_plan_yaml_write(m, sorted, config_path, format == RP_FORMAT_JSON, out);
    else
        st = rp_plan_csv_write(m, sorted, out);
    rp_plan_free(&sorted);
    /* A full disk shows only once the buffer is flushed. */
    if (st == RP_OK && (fflush(out) != 0 || ferror(out)))
        st = RP_ERR_IO;
    return st;
}

rp_status rp_plan_write_stream(const rp_model *m, const rp_plan *plan, rp_plan_format format,
                               const char *config_path, FILE *out)
{
    rp_diags scratch;
    rp_diags_init(&scratch);
    rp_status st = rp_plan_io_check_writable(m, plan, NULL, &scratch);
    rp_diags_clear(&scratch);
    return st ? st : emit(m, plan, format, config_path, out);
}

/* The plan must never replace a file the model was read from: a mistyped
 * `-o` would otherwise destroy the config. Compared by device and inode so
 * other spellings of the same file are caught too. */
static bool is_model_source(const rp_model *m, const struct stat *target)
{
    for (int i = 0; i < m->n_sources; i++) {
        struct stat src;
        if (m->sources[i] && stat(m->sources[i], &src) == 0 && src.st_dev == target->st_dev &&
            src.st_ino == target->st_ino)
            return true;
    }
    return false;
}

rp_status rp_plan_write(const rp_model *m, const rp_plan *plan, const char *path,
                        rp_plan_format format, const char *config_path, rp_diags *diags)
{
    rp_atomic_file af;
    RP_TRY(rp_plan_write_ready(m, plan, path, format, config_path, &af, diags));
    return rp_atomic_commit(&af, true, diags);
}

rp_status rp_plan_write_ready(const rp_model *m, const rp_plan *plan, const char *path,
                              rp_plan_format format, const char *config_path,
                              rp_atomic_file *af, rp_diags *diags)
{
    memset(af, 0, sizeof *af);
    if (format == RP_FORMAT_AUTO)
        format = rp_plan_format_for_path(path);
    struct stat target;
    if (stat(path, &target) == 0 && is_model_source(m, &target)) {
        rp_diag_error(diags, (rp_loc){path, 0, 0},
                      "is an input of the config; refusing to overwrite it with a plan");
        return RP_ERR_IO;
    }
    /* A plan no file can hold fails before anything is created. */
    RP_TRY(rp_plan_io_check_writable(m, plan, path, diags));
    RP_TRY(rp_atomic_open(af, path, diags));
    rp_status st = emit(m, plan, format, config_path, af->f);
    if (st) {
        if (st == RP_ERR_IO)
            rp_diag_error(diags, (rp_loc){path, 0, 0}, "cannot write the plan: %s",
                          strerror(errno));
        rp_atomic_abort(af);
        return st;
    }
    return rp_atomic_finish(af, diags);
}

bool rp_plan_io_skip_student(rp_plan_unknown *u, rp_diags *diags, rp_loc at, const char *id)
{
    if (!u->skip)
        return false;
    for (int i = 0; i < u->count; i++)
        if (strcmp(u->ids[i], id) == 0)
            return true;
    char **ids = realloc(u->ids, ((size_t)u->count + 1) * sizeof *ids);
    char *copy = strdup(id);
    if (ids)
        u->ids = ids;
    if (!ids || !copy) {
        free(copy);
        u->nomem = true;
        return true;
    }
    u->ids[u->count++] = copy;
    rp_diag_note(diags, at, "student '%s' is not in the config: their rotations are left out",
                 id);
    return true;
}

void rp_plan_unknown_clear(rp_plan_unknown *u)
{
    for (int i = 0; i < u->count; i++)
        free(u->ids[i]);
    free(u->ids);
    u->ids = NULL;
    u->count = 0;
}

rp_status rp_plan_read_with(const rp_model *m, const char *path, rp_plan_read_options *opt,
                            rp_plan **out, rp_diags *diags)
{
    *out = NULL;
    rp_plan_format format = opt->format;
    if (format == RP_FORMAT_AUTO)
        format = rp_plan_format_for_path(path);
    rp_plan_unknown unknown = {.skip = opt->skip_unknown_students, .listed = opt->listed};
    rp_status st = format == RP_FORMAT_CSV ? rp_plan_csv_read(m, path, &unknown, out, diags)
                                           : rp_plan_yaml_read(m, path, &unknown, out, diags);
    opt->n_skipped_students = unknown.count;
    rp_plan_unknown_clear(&unknown);
    return st;
}

rp_status rp_plan_read(const rp_model *m, const char *path, rp_plan_format format, rp_plan **out,
                       rp_diags *diags)
{
    rp_plan_read_options opt = {.format = format};
    return rp_plan_read_with(m, path, &opt, out, diags);
}
