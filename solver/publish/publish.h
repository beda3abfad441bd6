/*
 * solver/publish/ - `rotaplan publish`: a checked plan as the office hands it
 * out. It may use model/ and base/ (and libxlsxwriter and libical), nothing
 * of the solvers: a plan read from a file is enough.
 *
 * publish.h - what a training office hands out, made from a checked plan: a
 * printable timetable (index.html), a workbook (plan.xlsx), calendars (one
 * .ics per student and per department) and the plan with names and dates
 * (plan-named.csv), written together as one folder (docs/publish.md).
 *
 * The folder appears whole or not at all: everything is written into a new
 * temporary folder beside DIR, which is renamed to DIR at the end. An existing
 * DIR is never replaced unless `replace` is set, and then only when it is a
 * folder publish made (it holds the marker file) and nothing else was put in
 * it; anything else (a file, a link, a foreign folder) is refused. Failures
 * add a diagnostic naming the path; the library never prints.
 *
 * The caller owns every input. The checker's report gives the score and any
 * breaches shown (nothing is recomputed here); `changes` (optional) are those
 * between a previous plan and this one, shown highlighted.
 */
#ifndef RP_PUBLISH_H
#define RP_PUBLISH_H

#include <stdbool.h>
#include <time.h>

#include "base/diag.h"
#include "model/changes.h"
#include "model/check.h"
#include "model/model.h"
#include "model/plan.h"

/* The marker file that says a folder was made by publish. */
#define RP_PUBLISH_MARKER ".rotaplan-publish"

typedef struct rp_publish {
    const rp_model *m;
    const rp_plan *plan;
    const rp_check_report *report; /* the checker's verdict on plan */
    const rp_changes *changes;     /* or NULL: no previous plan given */
    const char *title;             /* or NULL: the config's name */
    const char *config_path;       /* shown as the source */
    time_t stamp;                  /* when published: the calendars' DTSTAMP */
    bool replace;                  /* may replace a folder publish made */
} rp_publish;

/* Writes the folder `dir`. RP_ERR_INVALID (diagnostic added) when the model
 * has no start_date or dir exists and may not be replaced; RP_ERR_IO when a
 * file cannot be written (nothing is left behind); RP_ERR_NOMEM. */
rp_status rp_publish_folder(const rp_publish *p, const char *dir, rp_diags *diags);

/* Whether dir may be written (see above), before any work starts: RP_OK, or
 * RP_ERR_INVALID with a diagnostic saying why not; RP_ERR_IO when it cannot
 * be looked at. */
rp_status rp_publish_check_target(const char *dir, bool replace, rp_diags *diags);

/* One sentence saying, in plain words, how good a plan is from its status,
 * objective and bound (maximising): "This plan is the best possible.", "No
 * plan can score more than 0.4% better than this one.", "The time ran out
 * before the quality could be measured." */
void rp_publish_quality_words(const rp_plan *plan, char *buf, size_t size);

#endif
