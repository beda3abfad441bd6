/*
 * plan_io.h - plan files: CSV (one row per student and week) and the
 * machine-readable YAML/JSON form (docs/plans.md).
 *
 * Writing is atomic: the plan goes to a temporary file in the target's
 * directory, which is renamed over the target only once complete, so a failed
 * or interrupted run never leaves half a plan and never clobbers an existing
 * file with a partial one. Reading reports problems (unknown ids, malformed
 * rows, a week outside the horizon) as diagnostics with file, line and column,
 * and returns a plan only when there is none.
 */
#ifndef RP_PLAN_IO_H
#define RP_PLAN_IO_H

#include <stdio.h>

#include "base/atomic_file.h"
#include "base/diag.h"
#include "model/model.h"
#include "model/plan.h"

typedef enum rp_plan_format {
    RP_FORMAT_AUTO = 0, /* from the file name; CSV when it says nothing */
    RP_FORMAT_CSV,
    RP_FORMAT_YAML,
    RP_FORMAT_JSON
} rp_plan_format;

/* The format a path's extension names (.csv, .yaml/.yml, .json), else CSV. */
rp_plan_format rp_plan_format_for_path(const char *path);
/* Whether path's extension names a plan format, or it has none (then CSV):
 * false for "plan.xlsx", which rp_plan_format_for_path would write as CSV. */
bool rp_plan_format_named(const char *path);
/* "csv", "yaml", "json" -> format; RP_FORMAT_AUTO for anything else. */
rp_plan_format rp_plan_format_parse(const char *word);

/* Writes plan to out in format (not AUTO). `config_path` is recorded in the
 * YAML/JSON header when not NULL. RP_ERR_IO when the stream fails. */
rp_status rp_plan_write_stream(const rp_model *m, const rp_plan *plan, rp_plan_format format,
                               const char *config_path, FILE *out);

/* Writes plan to path atomically (see above). On failure a diagnostic names
 * the path and the target is left as it was. */
rp_status rp_plan_write(const rp_model *m, const rp_plan *plan, const char *path,
                        rp_plan_format format, const char *config_path, rp_diags *diags);

/* rp_plan_write but the last step: the plan whole in *af, not yet in place
 * (rp_atomic_commit puts it there, rp_atomic_abort drops it), so that a
 * caller writing several files can put all or none in place. On failure
 * nothing is left and af holds nothing. */
rp_status rp_plan_write_ready(const rp_model *m, const rp_plan *plan, const char *path,
                              rp_plan_format format, const char *config_path,
                              rp_atomic_file *af, rp_diags *diags);

/* Reads a plan file (format from `format`, or the extension when AUTO). The
 * plan's status, objective and bound come from the file when it says them. */
rp_status rp_plan_read(const rp_model *m, const char *path, rp_plan_format format,
                       rp_plan **out, rp_diags *diags);

typedef struct rp_plan_read_options {
    rp_plan_format format;      /* AUTO: from the extension */
    /* A student the config no longer has (one who left, for re-planning) is
     * left out with one note instead of an error. */
    bool skip_unknown_students;
    int n_skipped_students;     /* out: how many were left out */
    /* out, optional: [n_students] of the model, set true for every student
     * the file names (with rotations or without), left as it was for the rest.
     * Given, the file may be part of a plan: a student it does not name at all
     * is not an error (one it names still needs a row for every week). */
    bool *listed;
} rp_plan_read_options;

/* rp_plan_read with options; fills opt->n_skipped_students. */
rp_status rp_plan_read_with(const rp_model *m, const char *path, rp_plan_read_options *opt,
                            rp_plan **out, rp_diags *diags);

/* Writes s as a double-quoted string that JSON and YAML both read back as s. */
void rp_plan_io_quoted(FILE *out, const char *s);

#endif
