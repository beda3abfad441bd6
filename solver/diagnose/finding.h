/*
 * finding.h - why no plan exists, in the office's words.
 *
 * A finding is one reason a config cannot be planned, with the figures that
 * prove it (what is needed, what is there) and the config entity it concerns.
 * The static pre-checks (precheck.h) and the elastic diagnosis produce them;
 * the command line prints them as diagnostics at the entity's file and line.
 */
#ifndef RP_FINDING_H
#define RP_FINDING_H

#include "base/diag.h"
#include "model/model.h"

typedef enum rp_finding_kind {
    RP_FIND_DEMAND,        /* a discipline's forced demand exceeds its capacity */
    RP_FIND_DEPARTMENT,    /* a department lacks places in some weeks */
    RP_FIND_MINIMUM,       /* a department minimum nobody (or too few) can fill */
    RP_FIND_REQUIREMENT,   /* a student cannot meet a requirement at all */
    RP_FIND_STUDENT_TIME,  /* a student's rotations do not fit their available weeks */
    RP_FIND_PREREQUISITE,  /* a prerequisite chain does not fit */
    RP_FIND_PIN,           /* a pin contradicts another pin, availability or capacity */
    RP_FIND_MISSING        /* a student's required rotation cannot be placed */
} rp_finding_kind;

typedef struct rp_finding {
    rp_finding_kind kind;
    int student;     /* index or -1 */
    int department;  /* index or -1 */
    int discipline;  /* index or -1 */
    int first_week, last_week; /* 0-based weeks concerned, or -1 */
    long need, have; /* the figures: e.g. weeks needed vs available, demand vs capacity */
    rp_loc loc;      /* the entity in the config */
    char *message;   /* owned */
} rp_finding;

typedef struct rp_findings {
    rp_finding *items;
    int count, capacity;
} rp_findings;

void rp_findings_init(rp_findings *f);
void rp_findings_clear(rp_findings *f);
/* Appends a finding; the message is formatted like printf. */
rp_status rp_findings_add(rp_findings *f, rp_finding finding, const char *fmt, ...)
    RP_PRINTF(3, 4);
/* Findings made on a copy of a config (rp_model_clone) point into the
 * copy's sources: points them at the same places in the original's. */
void rp_findings_relocate(rp_findings *f, const rp_model *copy, const rp_model *original);
/* Adds every finding to diags as an error at its location. */
void rp_findings_to_diags(const rp_findings *f, rp_diags *diags);
/* "weeks 4-6" or "week 4" for 0-based first..last. */
void rp_format_week_span(int first, int last, char *buf, size_t size);
/* "cardiology at Bai Chay Hospital", or "icu (cardiology) at ..." when the
 * department's id is not its discipline's. */
void rp_describe_department(const rp_model *m, int dep, char *buf, size_t size);
const char *rp_finding_kind_str(rp_finding_kind kind);

#endif
