/*
 * plan_io_internal.h - shared pieces of the plan readers and writers
 * (plan_io*.c, plan_csv*.c, plan_yaml*.c). Not part of the public API.
 *
 * Writers write to a stream and report a plan they cannot represent as an
 * error diagnostic (RP_ERR_INVALID); rp_plan_write in plan_io.c makes the
 * stream a temporary file and renames it. Readers add every problem they find
 * to diags and return a plan only when they found none.
 */
#ifndef RP_PLAN_IO_INTERNAL_H
#define RP_PLAN_IO_INTERNAL_H

#include "model/plan_io.h"

/* Checks that every rotation names a known student and department, lies
 * inside weeks 1..weeks, lasts at least a week and does not share a week with
 * another rotation of its student: what every plan file can say. Reports each
 * problem against the file `name` (may be NULL); RP_ERR_INVALID when there
 * is one. */
rp_status rp_plan_io_check_writable(const rp_model *m, const rp_plan *plan, const char *name,
                                    rp_diags *diags);

/* A copy of plan sorted by student and start week, or NULL (out of memory). */
rp_plan *rp_plan_io_sorted(const rp_plan *plan);

/* The supervisor `id` names for a rotation in department (-1: any), or -1
 * with why not (unknown, or working elsewhere) in why[size]. */
int rp_plan_io_supervisor(const rp_model *m, const char *id, int department, char *why,
                          size_t size);

/* Writes a number the way plans show it: integers without a fraction. */
void rp_plan_io_number(FILE *out, double x);

rp_status rp_plan_csv_write(const rp_model *m, const rp_plan *sorted, FILE *out);
/* YAML when json is false, else JSON; config_path may be NULL. */
rp_status rp_plan_yaml_write(const rp_model *m, const rp_plan *sorted, const char *config_path,
                             bool json, FILE *out);

/* What a reader does with a student id the config does not have. */
typedef struct rp_plan_unknown {
    bool skip;  /* leave the student out with one note, instead of an error */
    char **ids; /* noted so far */
    int count;
    bool nomem;
    bool *listed; /* optional [n_students]: the students the file names */
} rp_plan_unknown;

/* For an unknown student id at `at`: false when it is an error the reader
 * reports; true when it is left out (noted the first time it is seen). */
bool rp_plan_io_skip_student(rp_plan_unknown *u, rp_diags *diags, rp_loc at, const char *id);
void rp_plan_unknown_clear(rp_plan_unknown *u);

rp_status rp_plan_csv_read(const rp_model *m, const char *path, rp_plan_unknown *unknown,
                           rp_plan **out, rp_diags *diags);
/* Reads YAML, and JSON through the YAML parser. */
rp_status rp_plan_yaml_read(const rp_model *m, const char *path, rp_plan_unknown *unknown,
                            rp_plan **out, rp_diags *diags);

#endif
