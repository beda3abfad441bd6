#include "solver/cli/whatif_report.h"

#include <math.h>
#include <string.h>

#include "solver/cli/diagnose_report.h"
#include "model/csv.h"
#include "solver/cli/json_out.h"

static const char *plural(long n)
{
    return n == 1 ? "" : "s";
}

static bool has_plan(const rp_whatif_answer *a)
{
    return a->verdict == RP_VERDICT_PLAN;
}

void rp_whatif_answer_text(FILE *out, const rp_whatif_answer *a, const rp_whatif_answer *base)
{
    switch (a->verdict) {
    case RP_VERDICT_PLAN:
        fprintf(out, "a plan: best score %.0f", a->score);
        if (has_plan(base))
            fprintf(out, " (%+.0f)", a->score - base->score);
        if (!a->proven)
            fputs(", not proven best", out);
        if (a->moves == 0)
            fputs("; the plan in force keeps every rule", out);
        else if (a->moves > 0)
            fprintf(out, "; %d rotation%s of the plan in force must move (%d student%s), "
                    "score %.0f", a->moves, plural(a->moves), a->students_moved,
                    plural(a->students_moved), a->moved_score);
        break;
    case RP_VERDICT_STATIC:
        fputs("no plan: the static checks prove it (below)", out);
        break;
    case RP_VERDICT_ELASTIC:
        fputs("no plan: ", out);
        rp_diagnose_relaxation_text(out, &a->shortfall);
        fputs(" needed", out);
        break;
    case RP_VERDICT_RIGID:
        fputs("no plan, and no extra capacity makes one", out);
        break;
    case RP_VERDICT_UNDECIDED:
        fputs("not known within the time limit", out);
        break;
    }
}

static void findings_text(FILE *out, const rp_whatif_answer *a)
{
    if (has_plan(a) || a->findings.count == 0)
        return;
    rp_diags diags;
    rp_diags_init(&diags);
    rp_findings_to_diags(&a->findings, &diags);
    rp_diags_print(&diags, out, 0);
    rp_diags_clear(&diags);
}

void rp_whatif_base_text(FILE *out, const rp_whatif_base *b, bool with_plan)
{
    const rp_whatif_answer *a = &b->answer;
    fputs("base       ", out);
    if (has_plan(a) && with_plan && a->moves > 0)
        fprintf(out, "the plan in force breaks a rule: %d rotation%s must move, then it scores "
                "%.0f; the best plan scores %.0f%s", a->moves, plural(a->moves), a->moved_score,
                a->score, a->proven ? " (optimal)" : "");
    else if (has_plan(a) && with_plan)
        fprintf(out, "the plan in force scores %.0f; the best plan scores %.0f%s",
                a->moved_score, a->score, a->proven ? " (optimal)" : "");
    else if (has_plan(a))
        fprintf(out, "the best plan scores %.0f%s", a->score, a->proven ? " (optimal)" : "");
    else
        rp_whatif_answer_text(out, a, a);
    fputc('\n', out);
    findings_text(out, a);
}

/* "+1 supervisor" or "-1 place" */
static const char *change_words(const rp_model *m, const rp_worth *w)
{
    bool supervised =
        rp_department_places_per_supervisor(&m->departments[w->department], m->weeks) > 0;
    if (supervised)
        return w->supervisors > 0 ? "+1 supervisor" : "-1 supervisor";
    return w->supervisors > 0 ? "+1 place" : "-1 place";
}

static void weeks_text(char *buf, size_t size, int first, int last)
{
    if (first == last)
        snprintf(buf, size, "%d", first + 1);
    else
        snprintf(buf, size, "%d-%d", first + 1, last + 1);
}

void rp_whatif_rank_text(FILE *out, const rp_model *m, const rp_whatif_base *b,
                         const rp_worths *w, int top)
{
    if (b->has_values)
        fprintf(out, "values     what one more place is worth each week: the duals of the "
                "schedule master (%.1f s)\n", b->value_seconds);
    else
        fputs("values     none: the schedule master gave no prices; the exact answers stand "
              "alone\n", out);
    fprintf(out, "%4s  %-13s  %-62s  %-5s  %9s  %s\n", "rank", "change", "department", "weeks",
            "estimate", "exact answer");
    int n = top > 0 && top < w->count ? top : w->count;
    for (int i = 0; i < n; i++) {
        const rp_worth *e = &w->items[i];
        char place[512], weeks[32];
        rp_describe_department(m, e->department, place, sizeof place);
        weeks_text(weeks, sizeof weeks, e->first_week, e->last_week);
        fprintf(out, "%4d  %-13s  %-62s  %-5s  %+9.0f  ", i + 1, change_words(m, e), place, weeks,
                e->estimate);
        if (e->evaluated)
            rp_whatif_answer_text(out, &e->answer, &b->answer);
        else
            fputc('-', out);
        fputc('\n', out);
    }
    if (n < w->count)
        fprintf(out, "(%d more; --top 0 shows them all)\n", w->count - n);
}

static void json_number_or_null(FILE *out, const char *key, bool known, double v)
{
    if (known)
        fprintf(out, "\"%s\": %.0f", key, v);
    else
        fprintf(out, "\"%s\": null", key);
}

static void answer_json(FILE *out, const rp_model *m, const rp_whatif_answer *a,
                        const rp_whatif_answer *base)
{
    bool plan = has_plan(a);
    fputs("{\"verdict\": ", out);
    rp_json_string(out, rp_verdict_str(a->verdict));
    fputs(", ", out);
    json_number_or_null(out, "score", plan, a->score);
    fputs(", ", out);
    json_number_or_null(out, "score_change", plan && has_plan(base), a->score - base->score);
    fprintf(out, ", \"proven\": %s, ", plan && a->proven ? "true" : "false");
    json_number_or_null(out, "moves", plan && a->moves >= 0, a->moves);
    fputs(", ", out);
    json_number_or_null(out, "students_moved", plan && a->students_moved >= 0,
                        a->students_moved);
    fputs(", ", out);
    json_number_or_null(out, "moved_score", plan && a->moves >= 0, a->moved_score);
    if (a->verdict == RP_VERDICT_ELASTIC)
        fprintf(out, ", \"relaxation\": {\"cost\": %ld, \"place_weeks\": %ld, "
                "\"student_weeks\": %ld, \"missed_rotations\": %ld}",
                a->relaxation, a->shortfall.place_weeks, a->shortfall.student_weeks,
                a->shortfall.rotations);
    else
        fputs(", \"relaxation\": null", out);
    fputs(", \"findings\": [", out);
    for (int i = 0; i < a->findings.count; i++) {
        fputs(i ? ", " : "", out);
        rp_diagnose_finding_json(out, m, &a->findings.items[i]);
    }
    fprintf(out, "], \"seconds\": %.3f}", a->seconds);
}

static void json_head(FILE *out, const rp_model *m, const rp_whatif_base *b, const char *config,
                      const char *plan)
{
    fputs("{\n  \"config\": ", out);
    rp_json_string(out, config);
    fputs(",\n  \"plan\": ", out);
    rp_json_string(out, plan);
    fputs(",\n  \"base\": ", out);
    answer_json(out, m, &b->answer, &b->answer);
}

static void department_ref(const rp_model *m, int d, char *buf, size_t size)
{
    snprintf(buf, size, "%s/%s", m->hospitals[m->departments[d].hospital].id,
             m->departments[d].id);
}

void rp_whatif_rank_json(FILE *out, const rp_model *m, const rp_whatif_base *b,
                         const rp_worths *w, const char *config, const char *plan)
{
    json_head(out, m, b, config, plan);
    fprintf(out, ",\n  \"values\": %s,\n  \"entries\": [",
            b->has_values ? "\"schedule master duals\"" : "null");
    for (int i = 0; i < w->count; i++) {
        const rp_worth *e = &w->items[i];
        char ref[512];
        department_ref(m, e->department, ref, sizeof ref);
        fprintf(out, "%s\n    {\"rank\": %d, \"department\": ", i ? "," : "", i + 1);
        rp_json_string(out, ref);
        fputs(", \"discipline\": ", out);
        rp_json_string(out, m->disciplines[m->departments[e->department].discipline].id);
        fprintf(out, ", \"weeks\": [%d, %d], \"supervisors\": %d, \"places_per_week\": %d, "
                "\"estimate\": %.0f, \"exact\": ",
                e->first_week + 1, e->last_week + 1, e->supervisors,
                e->supervisors * e->places, e->estimate);
        if (e->evaluated)
            answer_json(out, m, &e->answer, &b->answer);
        else
            fputs("null", out);
        fputc('}', out);
    }
    fprintf(out, "%s]\n}\n", w->count ? "\n  " : "");
}

static void answer_csv(FILE *out, const rp_whatif_answer *a, const rp_whatif_answer *base)
{
    bool plan = has_plan(a);
    fprintf(out, "%s,", a->verdict == RP_VERDICT_UNDECIDED ? "" : plan ? "yes" : "no");
    if (plan)
        fprintf(out, "%.0f,", a->score);
    else
        fputc(',', out);
    if (plan && has_plan(base))
        fprintf(out, "%.0f,", a->score - base->score);
    else
        fputc(',', out);
    if (plan && a->moves >= 0)
        fprintf(out, "%d,%d,%.0f,", a->moves, a->students_moved, a->moved_score);
    else
        fputs(",,,", out);
    if (a->verdict == RP_VERDICT_ELASTIC)
        fprintf(out, "%ld,%ld,%ld", a->shortfall.place_weeks, a->shortfall.student_weeks,
                a->shortfall.rotations);
    else
        fputs(",,", out);
}

#define ANSWER_COLUMNS "plan_exists,score,score_change,moves,students_moved,moved_score," \
                       "place_weeks,student_weeks,missed_rotations"

void rp_whatif_rank_csv(FILE *out, const rp_model *m, const rp_whatif_base *b,
                        const rp_worths *w)
{
    fputs("rank,hospital,department,discipline,first_week,last_week,supervisors,"
          "places_per_week,estimate,exact," ANSWER_COLUMNS "\n", out);
    for (int i = 0; i < w->count; i++) {
        const rp_worth *e = &w->items[i];
        const rp_department *d = &m->departments[e->department];
        fprintf(out, "%d,%s,%s,%s,%d,%d,%d,%d,%.0f,%s,", i + 1, m->hospitals[d->hospital].id,
                d->id, m->disciplines[d->discipline].id, e->first_week + 1, e->last_week + 1,
                e->supervisors, e->supervisors * e->places, e->estimate,
                e->evaluated ? "yes" : "no");
        if (e->evaluated)
            answer_csv(out, &e->answer, &b->answer);
        else
            fputs(",,,,,,,,", out);
        fputc('\n', out);
    }
}

void rp_whatif_scenarios_text(FILE *out, const rp_whatif_base *b, const rp_scenarios *s,
                              const rp_whatif_answer *answers)
{
    for (int i = 0; i < s->count; i++) {
        fprintf(out, "scenario   %s\n           ", s->items[i].name);
        rp_whatif_answer_text(out, &answers[i], &b->answer);
        fputc('\n', out);
        findings_text(out, &answers[i]);
    }
}

void rp_whatif_scenarios_json(FILE *out, const rp_model *m, const rp_whatif_base *b,
                              const rp_scenarios *s, const rp_whatif_answer *answers,
                              const char *config, const char *plan)
{
    json_head(out, m, b, config, plan);
    fputs(",\n  \"scenarios\": [", out);
    for (int i = 0; i < s->count; i++) {
        fprintf(out, "%s\n    {\"name\": ", i ? "," : "");
        rp_json_string(out, s->items[i].name);
        fputs(", \"answer\": ", out);
        answer_json(out, m, &answers[i], &b->answer);
        fputc('}', out);
    }
    fprintf(out, "%s]\n}\n", s->count ? "\n  " : "");
}

void rp_whatif_scenarios_csv(FILE *out, const rp_whatif_base *b, const rp_scenarios *s,
                             const rp_whatif_answer *answers)
{
    fputs("scenario," ANSWER_COLUMNS "\n", out);
    for (int i = 0; i < s->count; i++) {
        rp_csv_write_cell(out, s->items[i].name);
        fputc(',', out);
        answer_csv(out, &answers[i], &b->answer);
        fputc('\n', out);
    }
}
