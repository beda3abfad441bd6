/* rotaplan generate - a synthetic, feasible cohort config of any size. */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "model/check.h"
#include "solver/cli/cli.h"
#include "solver/cli/commands.h"
#include "solver/cli/options.h"
#include "solver/gen/cohort.h"
#include "solver/gen/emit.h"
#include "solver/gen/witness.h"
#include "model/load.h"
#include "model/plan_io.h"

static const char about[] =
    "Writes a synthetic but realistic config: hospitals with supervised departments,\n"
    "programmes with requirements, students with preferences and personal weights,\n"
    "supervisor leave, ward closures, late arrivals, pins and minimums. The same\n"
    "options give the same bytes. Every cohort is drawn around a hidden plan that\n"
    "keeps every rule, so a plan always exists; capacities leave little room\n"
    "beyond it.";

struct options {
    rp_cohort_params params;
    bool force;
    const char *roster, *witness, *output;
};

/* Outputs named twice, or existing without --force. */
static int check_outputs(const rp_cli_command *cmd, const struct options *o)
{
    const char *paths[3] = {o->output, o->roster, o->witness};
    for (int a = 0; a < 3; a++)
        for (int b = a + 1; b < 3; b++)
            if (paths[a] && paths[b] && strcmp(paths[a], paths[b]) == 0)
                return rp_cli_usage_error(cmd, "'%s' is named for two outputs", paths[a]);
    for (int a = 0; a < 3; a++)
        if (paths[a] && !o->force && access(paths[a], F_OK) == 0)
            return rp_cli_usage_error(cmd, "'%s' exists; pass --force to replace it", paths[a]);
    return RP_EXIT_GO_ON;
}

/* The directory part of path ("." when there is none) into buf. */
static void dir_of(const char *path, char *buf, size_t size)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(buf, size, ".");
    else if (slash == path)
        snprintf(buf, size, "/");
    else
        snprintf(buf, size, "%.*s", (int)(slash - path), path);
}

static const char *base_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

#define MAX_SEGMENTS 128

/* The directory dir (relative to the current one, or absolute) as absolute
 * path segments with "." and ".." resolved, in place in buf; -1 when it does
 * not fit. Lexical: symbolic links are not followed. */
static int absolute_segments(const char *dir, char *buf, size_t size, char **seg)
{
    int n = 0;
    if (dir[0] == '/') {
        if (snprintf(buf, size, "%s", dir) >= (int)size)
            return -1;
    } else {
        if (!getcwd(buf, size))
            return -1;
        size_t used = strlen(buf);
        if (snprintf(buf + used, size - used, "/%s", dir) >= (int)(size - used))
            return -1;
    }
    for (char *save = NULL, *part = strtok_r(buf, "/", &save); part;
         part = strtok_r(NULL, "/", &save)) {
        if (strcmp(part, ".") == 0)
            continue;
        if (strcmp(part, "..") == 0) {
            if (n > 0)
                n--;
            continue;
        }
        if (n == MAX_SEGMENTS)
            return -1;
        seg[n++] = part;
    }
    return n;
}

/*
 * How the config at config_path (NULL: standard output, read from the
 * current directory) names `file_name` in the directory of roster_path: a
 * path relative to the config's directory, so the two can move together.
 */
static bool student_file_ref(const char *config_path, const char *roster_path,
                             const char *file_name, char *buf, size_t size)
{
    char cdir[PATH_MAX], rdir[PATH_MAX], cbuf[PATH_MAX], rbuf[PATH_MAX];
    char *cseg[MAX_SEGMENTS], *rseg[MAX_SEGMENTS];
    dir_of(config_path ? config_path : "x", cdir, sizeof cdir);
    dir_of(roster_path, rdir, sizeof rdir);
    int nc = absolute_segments(cdir, cbuf, sizeof cbuf, cseg);
    int nr = absolute_segments(rdir, rbuf, sizeof rbuf, rseg);
    if (nc < 0 || nr < 0)
        return false;
    int common = 0;
    while (common < nc && common < nr && strcmp(cseg[common], rseg[common]) == 0)
        common++;
    size_t used = 0;
    buf[0] = '\0';
    for (int i = common; i < nc; i++)
        used += (size_t)snprintf(buf + used, used < size ? size - used : 0, "../");
    for (int i = common; i < nr; i++)
        used += (size_t)snprintf(buf + used, used < size ? size - used : 0, "%s/", rseg[i]);
    used += (size_t)snprintf(buf + used, used < size ? size - used : 0, "%s", file_name);
    return used < size;
}

/* A file being written next to its target, renamed over it only when done. */
struct pending {
    const char *target;
    char temp[PATH_MAX];
    FILE *f;
    bool created;   /* the temporary file exists */
    bool committed; /* the target is ours */
};

static bool pending_open(struct pending *p, const char *target)
{
    char dir[PATH_MAX];
    p->target = target;
    dir_of(target, dir, sizeof dir);
    int n = snprintf(p->temp, sizeof p->temp, "%s/.%s.XXXXXX", dir, base_of(target));
    if (n < 0 || (size_t)n >= sizeof p->temp) {
        errno = ENAMETOOLONG;
        return false;
    }
    int fd = mkstemp(p->temp);
    if (fd < 0)
        return false;
    p->created = true;
    /* mkstemp makes the file private; a generated config is an ordinary file */
    mode_t mask = umask(0);
    umask(mask);
    if (fchmod(fd, 0666 & ~mask) != 0) {
        close(fd);
        return false;
    }
    p->f = fdopen(fd, "w");
    if (!p->f) {
        close(fd);
        return false;
    }
    return true;
}

static bool pending_close(struct pending *p)
{
    bool ok = p->f && !ferror(p->f);
    if (p->f && fclose(p->f) != 0)
        ok = false;
    p->f = NULL;
    return ok;
}

/* Puts the finished file in place; without force, never over a file that
 * appeared meanwhile (link fails on an existing name where rename would not). */
static bool pending_commit(struct pending *p, bool force)
{
    if (force) {
        if (rename(p->temp, p->target) != 0)
            return false;
    } else {
        if (link(p->temp, p->target) != 0)
            return false;
        unlink(p->temp);
    }
    p->created = false;
    p->committed = true;
    return true;
}

/* Removes the temporary file and, when the run failed after putting the
 * target in place, the target it created (a replaced file cannot come back). */
static void pending_discard(struct pending *p, bool failed, bool force)
{
    if (failed && p->committed && !force)
        unlink(p->target);
    if (p->f)
        fclose(p->f);
    p->f = NULL;
    if (p->created)
        unlink(p->temp);
    p->created = false;
}

static int io_error(const char *what, const char *path)
{
    fprintf(stderr, "rotaplan generate: cannot %s '%s': %s\n", what, path, strerror(errno));
    return RP_EXIT_FAILURE;
}

/* The config text into a new string (*text, *len); NULL student_file keeps
 * every student inline. */
static rp_status render_config(const rp_cohort *c, const char *student_file, const char *command,
                               char **text, size_t *len)
{
    *text = NULL;
    FILE *f = open_memstream(text, len);
    if (!f)
        return RP_ERR_NOMEM;
    rp_status st = rp_emit_config(c, student_file, command, f);
    if (fclose(f) != 0 && st == RP_OK)
        st = RP_ERR_NOMEM;
    if (st) {
        free(*text);
        *text = NULL;
    }
    return st;
}

/* Loads the config text as the office would, checks the hidden plan against
 * it and writes the plan. A failure here is a generator bug, said as such. */
static int write_witness(const rp_cohort *c, const struct options *o, const char *text,
                         struct pending *witness)
{
    rp_diags diags;
    rp_diags_init(&diags);
    rp_model *m = NULL;
    rp_plan *plan = NULL;
    rp_check_report *report = NULL;
    int code = RP_EXIT_FAILURE;
    const char *name = o->output ? o->output : "generated.yaml";
    rp_status st = rp_load_config_string(name, text, &m, &diags);
    if (st) {
        rp_diags_print(&diags, stderr, 10);
        fprintf(stderr, "rotaplan generate: the generated config does not load (%s); "
                        "this is a bug\n",
                rp_status_str(st));
        goto done;
    }
    if (diags.count)
        rp_diags_print(&diags, stderr, 10);
    st = rp_witness_plan(c, m, &plan);
    if (!st)
        st = rp_check_plan(m, plan, &report);
    if (st) {
        fprintf(stderr, "rotaplan generate: cannot build the witness plan: %s\n",
                rp_status_str(st));
        goto done;
    }
    if (report->n_violations) {
        for (int i = 0; i < report->n_violations && i < 10; i++)
            fprintf(stderr, "rotaplan generate: witness breaks a rule: %s\n",
                    report->violations[i].message);
        fprintf(stderr, "rotaplan generate: %d violations in the witness; this is a bug\n",
                report->n_violations);
        goto done;
    }
    plan->has_objective = true;
    plan->objective = (double)report->objective;
    rp_plan_format format = rp_plan_format_for_path(o->witness);
    st = rp_plan_write_stream(m, plan, format, o->output, witness->f);
    if (st || !pending_close(witness)) {
        code = io_error("write", o->witness);
        goto done;
    }
    code = RP_EXIT_OK;
done:
    rp_check_report_free(&report);
    rp_plan_free(&plan);
    rp_model_free(&m);
    rp_diags_clear(&diags);
    return code;
}

/* A missing output directory or a target that is not a regular file is
 * found before any work, not after. */
static int check_directories(const rp_cli_command *cmd, const struct options *o)
{
    const char *targets[3] = {o->output, o->roster, o->witness};
    for (int i = 0; i < 3; i++) {
        char dir[PATH_MAX];
        struct stat sb;
        if (!targets[i])
            continue;
        /* A rename would replace a device or pipe (say /dev/null) with a file. */
        if (stat(targets[i], &sb) == 0 && !S_ISREG(sb.st_mode)) {
            return rp_cli_usage_error(cmd,
                                      "'%s' is not a regular file; name a file, or leave -o "
                                      "out to write the config to standard output",
                                      targets[i]);
        }
        dir_of(targets[i], dir, sizeof dir);
        if (stat(dir, &sb) != 0)
            return io_error("write", targets[i]);
        if (!S_ISDIR(sb.st_mode)) {
            errno = ENOTDIR;
            return io_error("write", targets[i]);
        }
    }
    return RP_EXIT_GO_ON;
}

/* The command recorded in the config: it names the draw, not the files, so
 * the same draw gives the same bytes wherever it is written. */
static void describe_command(const struct options *o, char *buf, size_t size)
{
    char hospitals[32] = "", weeks[32] = "";
    if (o->params.hospitals)
        snprintf(hospitals, sizeof hospitals, " --hospitals %d", o->params.hospitals);
    if (o->params.weeks)
        snprintf(weeks, sizeof weeks, " --weeks %d", o->params.weeks);
    snprintf(buf, size, "rotaplan generate --students %d --seed %llu%s%s", o->params.students,
             (unsigned long long)o->params.seed, hospitals, weeks);
}

int rp_cmd_generate(int argc, char **argv)
{
    struct options o = {0};
    rp_cohort_params *p = &o.params;
    const rp_cli_option options[] = {
        {"students", 0, RP_CLI_WHOLE, "N", "number of students (1 to 1000000)", true,
         .whole = &p->students, .min = 1, .max = RP_COHORT_MAX_STUDENTS},
        {"seed", 0, RP_CLI_U64, "S", "seed of the draw (a whole number from 0 to 2^64-1)", true,
         .u64 = &p->seed},
        {"hospitals", 0, RP_CLI_WHOLE, "H", "number of hospitals (1 to 200; default grows with N)",
         .whole = &p->hospitals, .min = 1, .max = RP_COHORT_MAX_HOSPITALS},
        {"weeks", 0, RP_CLI_WHOLE, "W", "weeks in the plan (4 to 104; default 12)",
         .whole = &p->weeks, .min = RP_COHORT_MIN_WEEKS, .max = RP_COHORT_MAX_WEEKS},
        {"roster", 0, RP_CLI_FILE, "FILE.csv",
         "write the students to this CSV file, named by the config's student_file (students "
         "with pins stay in the config)",
         .text = &o.roster},
        {"witness", 0, RP_CLI_FILE, "PLAN",
         "write the hidden plan (.csv, .yaml or .json); it is loaded and checked against the "
         "config first",
         .text = &o.witness},
        {"output", 'o', RP_CLI_FILE, "CONFIG.yaml",
         "write the config here instead of standard output ('-': standard output)",
         .text = &o.output},
        {"force", 0, RP_CLI_FLAG, NULL, "replace files that already exist", .flag = &o.force},
        {0}};
    const rp_cli_command cmd = {"generate", about, "Files are written completely or not at all.",
                                NULL, options,
                                RP_CLI_EXITS(RP_EXIT_OK, RP_EXIT_USAGE, RP_EXIT_FAILURE)};
    int code = rp_cli_parse(&cmd, argc, argv);
    if (rp_cli_is_stdout(o.output))
        o.output = NULL; /* "-o -" says what no -o says */
    if (code == RP_EXIT_GO_ON)
        code = check_outputs(&cmd, &o);
    if (code == RP_EXIT_GO_ON)
        code = check_directories(&cmd, &o);
    if (code != RP_EXIT_GO_ON)
        return code;

    rp_cohort *c = NULL;
    char *text = NULL, *check_text = NULL;
    size_t len = 0, check_len = 0;
    struct pending roster = {0}, witness = {0}, config = {0};
    const char *why = NULL;
    rp_status st = rp_cohort_build(&o.params, &c, &why);
    if (st == RP_ERR_INVALID)
        return rp_cli_usage_error(&cmd, "%s", why);
    if (st) {
        fprintf(stderr, "rotaplan generate: %s\n", rp_status_str(st));
        return RP_EXIT_FAILURE;
    }

    char command[160];
    describe_command(&o, command, sizeof command);

    char ref[PATH_MAX], check_ref[PATH_MAX];
    sigset_t saved; /* until every file is in place or discarded */
    rp_cli_hold_interrupts(&saved);
    code = RP_EXIT_FAILURE;
    if (o.roster) {
        if (!pending_open(&roster, o.roster)) {
            code = io_error("write", o.roster);
            goto done;
        }
        st = rp_emit_roster(c, roster.f);
        if (st || !pending_close(&roster)) {
            code = io_error("write", o.roster);
            goto done;
        }
        if (!student_file_ref(o.output, o.roster, base_of(o.roster), ref, sizeof ref) ||
            !student_file_ref(o.output, o.roster, base_of(roster.temp), check_ref,
                              sizeof check_ref)) {
            code = io_error("find the directory of", o.roster);
            goto done;
        }
    }
    st = render_config(c, o.roster ? ref : NULL, command, &text, &len);
    if (!st && o.roster && o.witness)
        st = render_config(c, check_ref, command, &check_text, &check_len);
    if (st) {
        fprintf(stderr, "rotaplan generate: %s\n", rp_status_str(st));
        goto done;
    }
    if (o.witness) {
        if (!pending_open(&witness, o.witness)) {
            code = io_error("write", o.witness);
            goto done;
        }
        code = write_witness(c, &o, check_text ? check_text : text, &witness);
        if (code != RP_EXIT_OK)
            goto done;
        code = RP_EXIT_FAILURE;
    }
    if (o.output) {
        if (!pending_open(&config, o.output)) {
            code = io_error("write", o.output);
            goto done;
        }
        if (fwrite(text, 1, len, config.f) != len || !pending_close(&config)) {
            code = io_error("write", o.output);
            goto done;
        }
    }
    struct pending *files[3] = {&roster, &witness, &config};
    for (int i = 0; i < 3; i++)
        if (files[i]->created && !pending_commit(files[i], o.force)) {
            code = io_error("create", files[i]->target);
            goto done;
        }
    if (!o.output && (fwrite(text, 1, len, stdout) != len || fflush(stdout) != 0)) {
        code = io_error("write", "standard output");
        goto done;
    }
    code = RP_EXIT_OK;
done:
    pending_discard(&roster, code != RP_EXIT_OK, o.force);
    pending_discard(&witness, code != RP_EXIT_OK, o.force);
    pending_discard(&config, code != RP_EXIT_OK, o.force);
    rp_cli_release_interrupts(&saved);
    free(text);
    free(check_text);
    rp_cohort_free(&c);
    return code;
}
