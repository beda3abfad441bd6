/*
 * gen/emit.h - writing a synthetic cohort (gen/cohort.h) as a rotaplan config
 * in YAML and, optionally, its students as a CSV roster (docs/config.md).
 *
 * The output depends only on the cohort and the arguments, so the same seed
 * gives the same bytes. Students are written one per line to stay compact at
 * tens of thousands. The functions write to a stream the caller owns and
 * return RP_ERR_IO when the stream reports an error.
 */
#ifndef RP_GEN_EMIT_H
#define RP_GEN_EMIT_H

#include <stdio.h>

#include "solver/gen/cohort.h"
#include "base/status.h"

/*
 * Writes the config. With student_file NULL every student is written inline;
 * otherwise the config names student_file (as written, relative to the
 * config's directory) and only the students a CSV cannot describe (pins,
 * personal requirements or hospital limit) stay inline. `command` is the
 * command line recorded in the opening comment, or NULL.
 */
rp_status rp_emit_config(const rp_cohort *c, const char *student_file, const char *command,
                         FILE *out);

/* Writes the roster: every student rp_emit_config leaves out when it names a
 * student file, with a header row. */
rp_status rp_emit_roster(const rp_cohort *c, FILE *out);

#endif
