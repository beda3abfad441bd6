/*
 * load.h - reading a config (YAML, plus an optional CSV student list) into a model.
 *
 * The loader checks everything docs/config.md promises: unknown keys, wrong
 * types, dangling references, impossible values (negative supervisors, a
 * rotation longer than the horizon, prerequisite cycles, pins outside the
 * horizon ...). It reports every problem it finds in one run, each at its file,
 * line and column, and returns a model only when there is no error.
 */
#ifndef RP_LOAD_H
#define RP_LOAD_H

#include "base/diag.h"
#include "model/model.h"

/*
 * Loads the config at path. On success *out is a new model the caller frees
 * with rp_model_free; warnings may have been added. On failure *out is NULL and
 * the status is RP_ERR_INVALID (errors in diags), RP_ERR_IO (a file could not
 * be read; diagnostic added) or RP_ERR_NOMEM.
 */
rp_status rp_load_config(const char *path, rp_model **out, rp_diags *diags);

/* Same for YAML text in memory; `name` is the file name messages show and the
 * base for a relative student_file. */
rp_status rp_load_config_string(const char *name, const char *text, rp_model **out,
                                rp_diags *diags);

#endif
