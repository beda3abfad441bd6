#include "solver/cli/diagnose_report.h"

#include "solver/cli/exit.h"
#include "solver/cli/json_out.h"

static const char *plural(long n)
{
    return n == 1 ? "" : "s";
}

void rp_diagnose_relaxation_text(FILE *out, const rp_shortfall *s)
{
    const char *sep = "";
    if (s->place_weeks) {
        fprintf(out, "%ld place-week%s of extra capacity", s->place_weeks, plural(s->place_weeks));
        sep = ", ";
    }
    if (s->student_weeks) {
        fprintf(out, "%s%ld student-week%s below a minimum", sep, s->student_weeks,
                plural(s->student_weeks));
        sep = ", ";
    }
    if (s->rotations)
        fprintf(out, "%s%ld required rotation%s missed", sep, s->rotations, plural(s->rotations));
}

/* "every rule of 'x.yaml'", or with history "weeks 1-3 as they were and
 * every rule of 'x.yaml' from week 4 on" */
static void rules_kept(FILE *out, const rp_diagnosis *d, const char *config)
{
    if (!d->history || d->from_week == 0)
        fprintf(out, "every rule of '%s'", config);
    else if (d->from_week == 1)
        fprintf(out, "week 1 as it was and every rule of '%s' from week 2 on", config);
    else
        fprintf(out, "weeks 1-%d as they were and every rule of '%s' from week %d on",
                d->from_week, config, d->from_week + 1);
}

void rp_diagnose_report_text(FILE *out, const rp_diagnosis *d, const char *config)
{
    if (d->findings.count > 0 && d->verdict != RP_VERDICT_UNDECIDED) {
        rp_diags diags;
        rp_diags_init(&diags);
        rp_findings_to_diags(&d->findings, &diags);
        rp_diags_print(&diags, out, 0);
        rp_diags_clear(&diags);
    }
    if (d->history) {
        switch (d->verdict) {
        case RP_VERDICT_PLAN:
            fputs("a plan exists that keeps ", out);
            rules_kept(out, d, config);
            fputs(" ('rotaplan reschedule' finds the one that moves fewest students)\n", out);
            return;
        case RP_VERDICT_STATIC:
        case RP_VERDICT_ELASTIC:
            fputs("no plan keeps ", out);
            rules_kept(out, d, config);
            fputs("; the smallest relaxation that makes one possible: ", out);
            rp_diagnose_relaxation_text(out, &d->shortfall);
            if (d->proven)
                fputs(" (proven smallest)\n", out);
            else
                fprintf(out, " (%s before it was proven smallest; cost %ld, at least %ld "
                        "needed)\n", d->interrupted ? "interrupted" : "time limit reached",
                        d->cost, d->bound);
            return;
        case RP_VERDICT_RIGID:
            fputs("no plan keeps ", out);
            rules_kept(out, d, config);
            fputs(", and no extra capacity, lower minimum or missed rotation makes one "
                  "possible: the weeks already done and the rules that cannot bend (pins, "
                  "prerequisites, hospital limits, availability) contradict each other\n", out);
            return;
        case RP_VERDICT_UNDECIDED:
            break;
        }
    }
    switch (d->verdict) {
    case RP_VERDICT_PLAN:
        fprintf(out, "a plan exists: every rule of '%s' can be kept ('rotaplan solve' finds "
                "the best one)\n", config);
        break;
    case RP_VERDICT_STATIC:
        fprintf(out, "no plan satisfies every rule of '%s' (found by the static checks, "
                "before any solve)\n", config);
        break;
    case RP_VERDICT_ELASTIC:
        fprintf(out, "no plan satisfies every rule of '%s'; the smallest relaxation that "
                "makes one possible: ", config);
        rp_diagnose_relaxation_text(out, &d->shortfall);
        if (d->proven)
            fputs(" (proven smallest)\n", out);
        else
            fprintf(out, " (%s before it was proven smallest; cost %ld, at least %ld needed)\n",
                    d->interrupted ? "interrupted" : "time limit reached", d->cost, d->bound);
        break;
    case RP_VERDICT_RIGID:
        fprintf(out, "no plan satisfies every rule of '%s', and no extra capacity, lower "
                "minimum or missed rotation makes one possible: the rules that cannot bend "
                "(pins, prerequisites, hospital limits, availability) contradict each other\n",
                config);
        break;
    case RP_VERDICT_UNDECIDED:
        fprintf(out, "%s before it was known whether '%s' has a plan\n",
                d->interrupted ? "interrupted" : "the time limit passed", config);
        break;
    }
}

static void json_index(FILE *out, const char *key, const char *id)
{
    fprintf(out, ", \"%s\": ", key);
    rp_json_string(out, id);
}

void rp_diagnose_finding_json(FILE *out, const rp_model *m, const rp_finding *f)
{
    fputs("{\"kind\": ", out);
    rp_json_string(out, rp_finding_kind_str(f->kind));
    json_index(out, "message", f->message);
    json_index(out, "file", f->loc.file);
    fprintf(out, ", \"line\": %d, \"column\": %d", f->loc.line, f->loc.column);
    json_index(out, "student", f->student >= 0 ? m->students[f->student].id : NULL);
    char ref[512] = "";
    if (f->department >= 0)
        snprintf(ref, sizeof ref, "%s/%s", m->hospitals[m->departments[f->department].hospital].id,
                 m->departments[f->department].id);
    json_index(out, "department", f->department >= 0 ? ref : NULL);
    json_index(out, "discipline", f->discipline >= 0 ? m->disciplines[f->discipline].id : NULL);
    if (f->first_week >= 0)
        fprintf(out, ", \"weeks\": [%d, %d]", f->first_week + 1, f->last_week + 1);
    else
        fputs(", \"weeks\": null", out);
    fprintf(out, ", \"need\": %ld, \"have\": %ld}", f->need, f->have);
}

void rp_diagnose_report_json(FILE *out, const rp_model *m, const rp_diagnosis *d,
                             const char *config)
{
    fputs("{\n  \"config\": ", out);
    rp_json_string(out, config);
    if (d->history)
        fprintf(out, ",\n  \"from_week\": %d", d->from_week + 1);
    else
        fputs(",\n  \"from_week\": null", out);
    fputs(",\n  \"verdict\": ", out);
    rp_json_string(out, rp_verdict_str(d->verdict));
    fputs(",\n  \"found_by\": ", out);
    rp_json_string(out, d->verdict == RP_VERDICT_STATIC    ? "static"
                        : d->verdict == RP_VERDICT_ELASTIC ? "elastic"
                                                           : NULL);
    if (d->elastic && d->verdict != RP_VERDICT_RIGID)
        fprintf(out,
                ",\n  \"relaxation\": {\"cost\": %ld, \"bound\": %ld, \"proven_smallest\": %s, "
                "\"place_weeks\": %ld, \"student_weeks\": %ld, \"missed_rotations\": %ld}",
                d->cost, d->bound, d->proven ? "true" : "false", d->shortfall.place_weeks,
                d->shortfall.student_weeks, d->shortfall.rotations);
    else
        fputs(",\n  \"relaxation\": null", out);
    fputs(",\n  \"findings\": [", out);
    int shown = d->verdict == RP_VERDICT_UNDECIDED ? 0 : d->findings.count;
    for (int i = 0; i < shown; i++) {
        fputs(i ? ",\n    " : "\n    ", out);
        rp_diagnose_finding_json(out, m, &d->findings.items[i]);
    }
    fprintf(out, "%s],\n  \"time_limit_reached\": %s,\n  \"seconds\": %.3f\n}\n",
            shown ? "\n  " : "", d->time_limit_reached ? "true" : "false", d->seconds);
}

int rp_diagnose_exit_code(const rp_diagnosis *d)
{
    switch (d->verdict) {
    case RP_VERDICT_PLAN: return RP_EXIT_OK;
    case RP_VERDICT_STATIC:
    case RP_VERDICT_ELASTIC:
    case RP_VERDICT_RIGID: return RP_EXIT_INFEASIBLE;
    case RP_VERDICT_UNDECIDED: break;
    }
    return d->interrupted ? RP_EXIT_INTERRUPTED : RP_EXIT_NO_PLAN;
}
