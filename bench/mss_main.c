/*
 * mss-import - turns a Medical Student Scheduling (MSS) instance into a
 * rotaplan config, and optionally a published solution into a rotaplan plan.
 *
 * Everything is checked before anything is written: the instance is parsed
 * and checked, the config text is loaded back with the real config loader,
 * and the solution is read against the loaded model. Only then is the config
 * written (atomically), then the plan.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/atomic_file.h"
#include "base/files.h"
#include "model/load.h"
#include "bench/mss_config.h"
#include "bench/mss_instance.h"
#include "bench/mss_plan.h"
#include "model/plan_io.h"
#include "solver/cli/exit.h"

#define PROGRAM "mss-import"

static void usage(FILE *out)
{
    fprintf(out,
            "usage: " PROGRAM " INSTANCE.dzn -o CONFIG.yaml [--solution SOLUTION.dzn --plan PLAN.csv]\n"
            "       " PROGRAM " INSTANCE.dzn --stats\n"
            "\n"
            "Turns a Medical Student Scheduling (MSS) instance (MiniZinc data, see\n"
            "bench/mss/README.md) into a rotaplan config, and a published solution of it\n"
            "into a rotaplan plan that 'rotaplan check' can score.\n"
            "\n"
            "options:\n"
            "  -o, --output CONFIG.yaml  the config to write; it is loaded back before it is\n"
            "                            written, and written atomically\n"
            "  --solution SOLUTION.dzn   a solution of the instance (schedule = array4d(...))\n"
            "  --plan PLAN               where to write the solution as a plan; the extension\n"
            "                            picks the format (.csv, .yaml, .json)\n"
            "  --stats                   print what the instance holds instead of converting it\n"
            "  -h, --help                show this help\n"
            "\n");
    static const int exits[] = {RP_EXIT_OK, RP_EXIT_USAGE, RP_EXIT_INVALID, RP_EXIT_FAILURE};
    rp_exit_print(out, exits, (int)(sizeof exits / sizeof exits[0]));
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, PROGRAM ": ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n");
    fprintf(stderr, "usage: " PROGRAM
                    " INSTANCE.dzn -o CONFIG.yaml [--solution SOLUTION.dzn --plan PLAN.csv]\n"
                    "try '" PROGRAM " --help'\n");
    return RP_EXIT_USAGE;
}

typedef struct options {
    const char *instance, *output, *solution, *plan;
    bool stats;
} options;

/* RP_EXIT_GO_ON when the options are good, else the exit code. */
static int parse_options(int argc, char **argv, options *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **target = NULL;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return RP_EXIT_OK;
        } else if (strcmp(a, "--stats") == 0) {
            o->stats = true;
            continue;
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            target = &o->output;
        } else if (strcmp(a, "--solution") == 0) {
            target = &o->solution;
        } else if (strcmp(a, "--plan") == 0) {
            target = &o->plan;
        } else if (a[0] == '-' && a[1] != '\0') {
            return usage_error("unknown option '%s'", a);
        } else if (o->instance) {
            return usage_error("only one instance at a time ('%s' is one too many)", a);
        } else {
            o->instance = a;
            continue;
        }
        if (i + 1 >= argc)
            return usage_error("'%s' needs a file name", a);
        if (*target)
            return usage_error("'%s' is given twice", a);
        *target = argv[++i];
    }
    if (!o->instance)
        return usage_error("%s", "no instance given");
    if (o->stats)
        return o->output || o->solution || o->plan
                   ? usage_error("%s", "--stats prints and writes nothing: drop the other options")
                   : RP_EXIT_GO_ON;
    if (!o->output)
        return usage_error("%s", "no config to write: give -o CONFIG.yaml");
    if (!o->solution != !o->plan)
        return usage_error("%s", o->solution ? "--solution needs --plan PLAN to write it to"
                                             : "--plan needs --solution SOLUTION.dzn to read");
    return RP_EXIT_GO_ON;
}

static int check_outputs(const options *o)
{
    const char *inputs[] = {o->instance, o->solution};
    const char *outputs[] = {o->output, o->plan};
    for (int i = 0; i < 2; i++)
        for (int k = 0; k < 2; k++)
            if (outputs[k] && inputs[i] && rp_same_file(outputs[k], inputs[i]))
                return usage_error("'%s' is an input: refusing to overwrite it", outputs[k]);
    if (o->plan && rp_same_file(o->output, o->plan))
        return usage_error("'%s' cannot be both the config and the plan", o->plan);
    return RP_EXIT_GO_ON;
}

static void print_stats(const rp_mss *m, const char *path)
{
    int departments = 0, varying = 0, closed_weeks = 0, minimum_weeks = 0, ability_zero = 0;
    long cap_lo = -1, cap_hi = 0;
    for (int h = 0; h < m->hospitals; h++)
        for (int d = 0; d < m->disciplines; d++) {
            if (!rp_mss_has_department(m, h, d))
                continue;
            departments++;
            bool varies = false;
            for (int t = 0; t < m->horizon; t++) {
                long cap = rp_mss_at3(m->max_pos, h, d, t);
                varies = varies || cap != rp_mss_at3(m->max_pos, h, d, 0);
                closed_weeks += cap == 0;
                minimum_weeks += rp_mss_at3(m->min_pos, h, d, t) > 0;
                if (cap > 0 && (cap_lo < 0 || cap < cap_lo))
                    cap_lo = cap;
                cap_hi = cap > cap_hi ? cap : cap_hi;
            }
            varying += varies;
            for (int s = 0; s < m->students; s++)
                ability_zero += !rp_mss_at3(m->ability, s, h, d) && rp_mss_at2(m->allowed_disc, s, d);
        }
    int allowed_zero = 0, unavailable = 0, prerequisites = 0;
    for (int i = 0; i < m->allowed_disc->n_values; i++)
        allowed_zero += m->allowed_disc->values[i] == 0;
    for (int i = 0; i < m->availability->n_values; i++)
        unavailable += m->availability->values[i] == 0;
    for (int i = 0; i < m->precededby->n_values; i++)
        prerequisites += m->precededby->values[i] != 0;
    long pri_lo = rp_mss_at1(m->man_pref, 0), pri_hi = pri_lo;
    for (int d = 1; d < m->disciplines; d++) {
        long v = rp_mss_at1(m->man_pref, d);
        pri_lo = v < pri_lo ? v : pri_lo;
        pri_hi = v > pri_hi ? v : pri_hi;
    }
    int *programme = malloc((size_t)m->students * sizeof *programme);
    int programmes = programme ? rp_mss_config_programmes(m, programme) : -1;
    free(programme);
    printf("instance: %s\nstudents: %d\ndisciplines: %d\nhospitals: %d\nperiods: %d\n"
           "duration: %d\ngroups: %d\nmax_disc_per_hosp: %d\nprogrammes: %d\n"
           "departments: %d of %d\ncapacity: %ld to %ld\ndepartments_with_varying_capacity: %d\n"
           "closed_department_periods: %d\nminimum_positive_department_periods: %d\n"
           "ability_zero_where_allowed: %d\nallowed_zero: %d\nunavailable_student_periods: %d\n"
           "prerequisite_pairs: %d\nschool_priority: %ld to %ld\n",
           path, m->students, m->disciplines, m->hospitals, m->horizon, m->duration, m->groups,
           m->max_disc_per_hosp, programmes, departments, m->hospitals * m->disciplines,
           cap_lo < 0 ? 0 : cap_lo, cap_hi, varying, closed_weeks, minimum_weeks, ability_zero,
           allowed_zero, unavailable, prerequisites, pri_lo, pri_hi);
}

/* The config text for the instance, in a new buffer. */
static rp_status config_text(const rp_mss *m, const char *source, char **text, size_t *len)
{
    *text = NULL;
    FILE *out = open_memstream(text, len);
    if (!out)
        return RP_ERR_NOMEM;
    rp_status st = rp_mss_config_write(m, source, out);
    if (fclose(out) != 0 && !st)
        st = RP_ERR_NOMEM;
    if (st) {
        free(*text);
        *text = NULL;
    }
    return st;
}

/* Writes the config atomically: a failed run never leaves half of it. */
static rp_status write_config(const char *path, const char *text, size_t len, rp_diags *diags)
{
    rp_atomic_file af;
    RP_TRY(rp_atomic_open(&af, path, diags));
    if (fwrite(text, 1, len, af.f) != len) {
        rp_diag_error(diags, (rp_loc){path, 0, 0}, "cannot write the config");
        rp_atomic_abort(&af);
        return RP_ERR_IO;
    }
    return rp_atomic_commit(&af, true, diags);
}

static int finish(rp_diags *diags, rp_status st)
{
    rp_diags_print(diags, stderr, 50);
    if (st == RP_ERR_NOMEM)
        fprintf(stderr, PROGRAM ": out of memory\n");
    rp_diags_clear(diags);
    return rp_exit_code(st);
}

static int import(const options *o, rp_diags *diags)
{
    rp_mss *inst = NULL;
    rp_model *model = NULL;
    rp_plan *plan = NULL;
    char *text = NULL;
    size_t len = 0;
    rp_status st = rp_mss_read(o->instance, &inst, diags);
    if (st)
        goto done;
    if (o->stats) {
        print_stats(inst, o->instance);
        goto done;
    }
    RP_TRY_GOTO(config_text(inst, o->instance, &text, &len), done);
    st = rp_load_config_string(o->output, text, &model, diags);
    if (st == RP_ERR_INVALID)
        fprintf(stderr, PROGRAM ": the config made from '%s' does not load (errors below)\n",
                o->instance);
    if (st)
        goto done;
    if (o->solution)
        RP_TRY_GOTO(rp_mss_plan_read(inst, model, o->solution, &plan, diags), done);
    RP_TRY_GOTO(write_config(o->output, text, len, diags), done);
    if (plan)
        RP_TRY_GOTO(rp_plan_write(model, plan, o->plan, rp_plan_format_for_path(o->plan),
                                  o->output, diags),
                    done);
done:
    free(text);
    rp_plan_free(&plan);
    rp_model_free(&model);
    rp_mss_free(&inst);
    return finish(diags, st);
}

int main(int argc, char **argv)
{
    options o = {0};
    int code = parse_options(argc, argv, &o);
    if (code == RP_EXIT_GO_ON && !o.stats)
        code = check_outputs(&o);
    if (code != RP_EXIT_GO_ON)
        return code;
    rp_diags diags;
    rp_diags_init(&diags);
    return import(&o, &diags);
}
