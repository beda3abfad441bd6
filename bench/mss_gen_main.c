/*
 * mss-gen - writes a synthetic MSS instance in the style of the published
 * generated instance I40_12_1, of any size, and optionally its hidden plan.
 *
 * Before anything is written the instance goes through the same path as a
 * published one: read back and checked as MSS data (bench/mss_instance.h),
 * turned into a rotaplan config and loaded with rotaplan's own loader, and
 * the hidden plan read as a solution of it and judged by the independent
 * checker (model/check.h). An instance whose hidden plan breaks a rule is a
 * fault of this program: it is reported and nothing is written.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/atomic_file.h"
#include "base/files.h"
#include "bench/mss_config.h"
#include "bench/mss_gen.h"
#include "bench/mss_gen_write.h"
#include "bench/mss_instance.h"
#include "bench/mss_plan.h"
#include "model/check.h"
#include "model/load.h"
#include "solver/cli/exit.h"

#define PROGRAM "mss-gen"
#define SYNOPSIS                                                                            \
    "usage: " PROGRAM " --students S --disciplines D --duration L --seed N -o INSTANCE.dzn\n" \
    "               [--witness SOLUTION.dzn] [--hospitals H] [--groups G]\n"                \
    "               [--capacity LO-HI] [--excess F] [--density F] [--ability-zero F]\n"     \
    "               [--force]\n"

static void usage(FILE *out)
{
    fprintf(out,
            SYNOPSIS
            "\n"
            "Writes a Medical Student Scheduling instance (MiniZinc data, the format of\n"
            "bench/mss/) in the style of the generated instance I40_12_1, drawn around a\n"
            "hidden plan that keeps every rule, so a plan always exists. The horizon is\n"
            "D x L periods. The same options give the same bytes. The instance and the\n"
            "hidden plan are checked the way bench/mss-import and 'rotaplan check' would\n"
            "before anything is written; files are written whole or not at all.\n"
            "\n"
            "  --students S         students (1 to %d)\n"
            "  --disciplines D      disciplines (1 to %d)\n"
            "  --duration L         periods of every rotation (1 to %d)\n"
            "  --seed N             seed of the draw (0 to 2^64-1)\n"
            "  -o, --output FILE    the instance to write ('-': standard output)\n"
            "  --witness FILE       also write the hidden plan as an MSS solution, which\n"
            "                       'bench/mss-import --solution FILE --plan PLAN' reads\n"
            "  --hospitals H        hospitals, every discipline at each (default 3)\n"
            "  --groups G           groups of disciplines (default 2)\n"
            "  --capacity LO-HI     each department-period's capacity is drawn in LO..HI\n"
            "                       (default S/(2H) to S/H rounded outwards: 6-14 for 40\n"
            "                       students in 3 hospitals, as in I40_12_1)\n"
            "  --excess F           minimums sum to F of the student-periods the students\n"
            "                       need (default 0.2213 = 52/235, as in I40_12_1)\n"
            "  --density F          prerequisite pairs as a share of D(D-1)/2 (default\n"
            "                       0.0758 = 5/66, as in I40_12_1)\n"
            "  --ability-zero F     chance that a student may not do a discipline at a\n"
            "                       hospital (default 0.055, as in I40_12_1)\n"
            "  --force              replace files that already exist\n"
            "  -h, --help           this text\n"
            "\n"
            "bench/mss/README.md has the format and the rules; bench/mss_gen.h says how\n"
            "each part is drawn and what in I40_12_1 it follows.\n"
            "\n",
            RP_MSSGEN_MAX_STUDENTS, RP_MSSGEN_MAX_DISCIPLINES, RP_MSSGEN_MAX_DURATION);
    static const int exits[] = {RP_EXIT_OK, RP_EXIT_USAGE, RP_EXIT_FAILURE};
    rp_exit_print(out, exits, (int)(sizeof exits / sizeof exits[0]));
}

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, PROGRAM ": ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n" SYNOPSIS "try '" PROGRAM " --help'\n");
    return RP_EXIT_USAGE;
}

typedef struct options {
    rp_mssgen_params params;
    const char *output, *witness;
    bool force;
    char origin[512]; /* the command line, for the instance's opening comment */
} options;

static bool parse_int(const char *text, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end || v < 0 || v > 1000000000)
        return false;
    *out = (int)v;
    return true;
}

static bool parse_fraction(const char *text, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (errno || end == text || *end || !(v >= 0 && v <= 1))
        return false;
    *out = v;
    return true;
}

static bool parse_seed(const char *text, uint64_t *out)
{
    char *end;
    errno = 0;
    if (text[0] == '-')
        return false;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno || end == text || *end)
        return false;
    *out = (uint64_t)v;
    return true;
}

static bool parse_range(const char *text, int *lo, int *hi)
{
    char buf[64];
    const char *dash = strchr(text, '-');
    if (!dash || (size_t)(dash - text) >= sizeof buf)
        return false;
    memcpy(buf, text, (size_t)(dash - text));
    buf[dash - text] = '\0';
    return parse_int(buf, lo) && parse_int(dash + 1, hi) && *lo >= 1 && *lo <= *hi;
}

static void remember_origin(options *o, int argc, char **argv)
{
    size_t used = (size_t)snprintf(o->origin, sizeof o->origin, "generated by bench/mss-gen");
    for (int i = 1; i < argc && used < sizeof o->origin; i++) {
        bool output = strcmp(argv[i - 1], "-o") == 0 || strcmp(argv[i - 1], "--output") == 0 ||
                      strcmp(argv[i - 1], "--witness") == 0;
        bool skip = strcmp(argv[i], "--force") == 0 || output || strcmp(argv[i], "-o") == 0 ||
                    strcmp(argv[i], "--output") == 0 || strcmp(argv[i], "--witness") == 0;
        if (!skip)
            used += (size_t)snprintf(o->origin + used, sizeof o->origin - used, " %s", argv[i]);
    }
}

/* RP_EXIT_GO_ON when the options are good, else the exit code. */
static int parse_options(int argc, char **argv, options *o)
{
    bool students = false, disciplines = false, duration = false, seed = false;
    o->params = rp_mssgen_defaults(0, 0, 0, 0);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return RP_EXIT_OK;
        }
        if (strcmp(a, "--force") == 0) {
            o->force = true;
            continue;
        }
        if (a[0] != '-' || a[1] == '\0')
            return usage_error("unexpected argument '%s'", a);
        if (i + 1 >= argc)
            return usage_error("'%s' needs a value", a);
        const char *v = argv[++i];
        rp_mssgen_params *p = &o->params;
        bool ok = true;
        if (strcmp(a, "--students") == 0)
            ok = students = parse_int(v, &p->students);
        else if (strcmp(a, "--disciplines") == 0)
            ok = disciplines = parse_int(v, &p->disciplines);
        else if (strcmp(a, "--duration") == 0)
            ok = duration = parse_int(v, &p->duration);
        else if (strcmp(a, "--seed") == 0)
            ok = seed = parse_seed(v, &p->seed);
        else if (strcmp(a, "--hospitals") == 0)
            ok = parse_int(v, &p->hospitals) && p->hospitals >= 1;
        else if (strcmp(a, "--groups") == 0)
            ok = parse_int(v, &p->groups) && p->groups >= 1;
        else if (strcmp(a, "--capacity") == 0)
            ok = parse_range(v, &p->cap_lo, &p->cap_hi);
        else if (strcmp(a, "--excess") == 0)
            ok = parse_fraction(v, &p->excess);
        else if (strcmp(a, "--density") == 0)
            ok = parse_fraction(v, &p->density);
        else if (strcmp(a, "--ability-zero") == 0)
            ok = parse_fraction(v, &p->ability_zero) && p->ability_zero < 1;
        else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)
            o->output = v;
        else if (strcmp(a, "--witness") == 0)
            o->witness = v;
        else
            return usage_error("unknown option '%s'", a);
        if (!ok) {
            char msg[128];
            snprintf(msg, sizeof msg, "'%s' does not take '%%s' (see --help)", a);
            return usage_error(msg, v);
        }
    }
    if (!students || !disciplines || !duration || !seed)
        return usage_error("%s", "--students, --disciplines, --duration and --seed are required");
    if (!o->output)
        return usage_error("%s", "no instance to write: give -o INSTANCE.dzn");
    if (o->witness && strcmp(o->witness, "-") == 0)
        return usage_error("%s", "the witness goes to a file, not standard output");
    if (o->witness && rp_same_file(o->output, o->witness))
        return usage_error("'%s' cannot be both the instance and the witness", o->witness);
    const char *paths[] = {o->output, o->witness};
    for (int k = 0; k < 2; k++)
        if (paths[k] && strcmp(paths[k], "-") != 0 && !o->force && access(paths[k], F_OK) == 0)
            return usage_error("'%s' exists; pass --force to replace it", paths[k]);
    remember_origin(o, argc, argv);
    return RP_EXIT_GO_ON;
}

/* The instance (or, with witness, its hidden plan) as text in a new buffer. */
static rp_status to_text(const rp_mssgen *g, const char *origin, bool witness, char **text,
                         size_t *len)
{
    *text = NULL;
    FILE *out = open_memstream(text, len);
    if (!out)
        return RP_ERR_NOMEM;
    rp_status st = witness ? rp_mssgen_write_witness(g, out)
                           : rp_mssgen_write_instance(g, origin, out);
    if (fclose(out) != 0 && !st)
        st = RP_ERR_NOMEM;
    if (st) {
        free(*text);
        *text = NULL;
    }
    return st;
}

/* The instance read back as MSS data, made a config, loaded; the hidden plan
 * read as its solution and checked. RP_ERR_SOLVER when the plan breaks a
 * rule (the violations are printed). */
static rp_status verify(const options *o, const char *inst_text, size_t inst_len,
                        const char *plan_text, size_t plan_len, rp_diags *diags)
{
    rp_mss *inst = NULL;
    rp_model *model = NULL;
    rp_plan *plan = NULL;
    rp_check_report *report = NULL;
    char *config = NULL;
    size_t config_len = 0;
    const char *witness_name = o->witness ? o->witness : "the hidden plan";
    rp_status st = rp_mss_read_string(o->output, inst_text, inst_len, &inst, diags);
    FILE *out = st ? NULL : open_memstream(&config, &config_len);
    if (!st && !out)
        st = RP_ERR_NOMEM;
    if (out) {
        st = rp_mss_config_write(inst, o->output, out);
        if (fclose(out) != 0 && !st)
            st = RP_ERR_NOMEM;
    }
    if (!st)
        st = rp_load_config_string("the imported config", config, &model, diags);
    if (!st)
        st = rp_mss_plan_read_string(inst, model, witness_name, plan_text, plan_len, &plan,
                                     diags);
    if (!st)
        st = rp_check_plan(model, plan, &report);
    if (!st && report->n_violations > 0) {
        fprintf(stderr, PROGRAM ": the hidden plan breaks %d rules (a fault of " PROGRAM "):\n",
                report->n_violations);
        for (int i = 0; i < report->n_violations && i < 10; i++)
            fprintf(stderr, "  %s\n", report->violations[i].message);
        st = RP_ERR_SOLVER;
    }
    if (st == RP_ERR_INVALID)
        fprintf(stderr, PROGRAM ": the instance does not read back (a fault of " PROGRAM "):\n");
    rp_check_report_free(&report);
    rp_plan_free(&plan);
    rp_model_free(&model);
    rp_mss_free(&inst);
    free(config);
    return st;
}

static rp_status write_file(const char *path, const char *text, size_t len, bool replace,
                            rp_diags *diags)
{
    rp_atomic_file af;
    RP_TRY(rp_atomic_open(&af, path, diags));
    if (fwrite(text, 1, len, af.f) != len) {
        rp_diag_error(diags, (rp_loc){path, 0, 0}, "cannot write the file");
        rp_atomic_abort(&af);
        return RP_ERR_IO;
    }
    return rp_atomic_commit(&af, replace, diags);
}

static int generate(const options *o, rp_diags *diags)
{
    rp_mssgen *g = NULL;
    char *inst_text = NULL, *plan_text = NULL, why[256] = "";
    size_t inst_len = 0, plan_len = 0;
    rp_status st = rp_mssgen_build(&o->params, &g, why, sizeof why);
    if (st == RP_ERR_INVALID) {
        int code = usage_error("%s", why);
        rp_mssgen_free(&g);
        return code;
    }
    if (!st)
        st = to_text(g, o->origin, false, &inst_text, &inst_len);
    if (!st)
        st = to_text(g, NULL, true, &plan_text, &plan_len);
    if (!st)
        st = verify(o, inst_text, inst_len, plan_text, plan_len, diags);
    if (!st)
        st = write_file(o->output, inst_text, inst_len, o->force, diags);
    if (!st && o->witness)
        st = write_file(o->witness, plan_text, plan_len, o->force, diags);
    if (!st && g->raised_capacities > 0)
        fprintf(stderr,
                PROGRAM ": note: %d department-periods got more capacity than drawn, to hold "
                        "the hidden plan\n",
                g->raised_capacities);
    free(inst_text);
    free(plan_text);
    rp_mssgen_free(&g);
    rp_diags_print(diags, stderr, 50);
    rp_diags_clear(diags);
    if (st == RP_ERR_NOMEM)
        fprintf(stderr, PROGRAM ": out of memory\n");
    return st == RP_ERR_INVALID ? RP_EXIT_FAILURE : rp_exit_code(st);
}

int main(int argc, char **argv)
{
    options o = {0};
    int code = parse_options(argc, argv, &o);
    if (code != RP_EXIT_GO_ON)
        return code;
    rp_diags diags;
    rp_diags_init(&diags);
    return generate(&o, &diags);
}
