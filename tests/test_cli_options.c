/*
 * The command line's one parser (solver/cli/options.h) and exit-code table
 * (solver/cli/exit.h): every value kind read and refused, the messages a
 * user sees, --help from the table; then every rotaplan command through the
 * ROTAPLAN binary: the same help layout and usage errors, its exit codes
 * listed from the table, and every option README's synopsis names known.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "solver/cli/exit.h"
#include "solver/cli/options.h"
#include "tests/support/cli_run.h"
#include "tests/support/files.h"

/* ---- the parser on a table of every kind ---- */

typedef struct values {
    const char *config, *extra, *output, *lp, *mps;
    bool quiet;
    double seconds, ratio;
    int count, week, choice;
    uint64_t seed;
} values;

static const char *const colours[] = {"red", "green", "blue", NULL};

typedef struct parsed {
    int code;
    char *out, *err; /* what the parser printed */
} parsed;

/* A test command over v. */
static rp_cli_command test_command(values *v, rp_cli_option *options,
                                   rp_cli_positional *positionals)
{
    const rp_cli_option table[] = {
        {"output", 'o', RP_CLI_FILE, "PLAN", "where the plan goes", .text = &v->output},
        {"quiet", 'q', RP_CLI_FLAG, NULL, "say less", .flag = &v->quiet},
        {"time-limit", 0, RP_CLI_SECONDS, "S", "seconds", .number = &v->seconds},
        {"gap", 0, RP_CLI_NUMBER, "G", "a ratio", .number = &v->ratio, .below = 1},
        {"count", 0, RP_CLI_WHOLE, "N", "how many", .whole = &v->count, .min = 2, .max = 9},
        {"from-week", 0, RP_CLI_WEEK, "K", "a week", .whole = &v->week},
        {"colour", 0, RP_CLI_CHOICE, NULL, "a colour", .whole = &v->choice, .choices = colours},
        {"seed", 0, RP_CLI_U64, "S", "a seed", .u64 = &v->seed},
        {"lp", 0, RP_CLI_FILE, "FILE", "one format", true, 1, .text = &v->lp},
        {"mps", 0, RP_CLI_FILE, "FILE", "the other", true, 1, .text = &v->mps},
        {0}};
    memcpy(options, table, sizeof table);
    const rp_cli_positional pos[] = {{"CONFIG", true, &v->config}, {"EXTRA", false, &v->extra},
                                     {0}};
    memcpy(positionals, pos, sizeof pos);
    static const int exits[] = {RP_EXIT_OK, RP_EXIT_USAGE, RP_EXIT_INTERRUPTED};
    return (rp_cli_command){"test", "Tests the parser.", NULL, positionals, options, exits, 3};
}

/* A whole stream's text from its start. */
static char *read_all(FILE *f)
{
    fflush(f);
    long n = ftell(f);
    char *text = calloc(1, (size_t)n + 1);
    assert_non_null(text);
    rewind(f);
    assert_int_equal(fread(text, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    return text;
}

/* Runs fn(cmd, argv) with stdout and stderr caught in files. */
static parsed parse_args(const rp_cli_command *cmd, const char *const *args)
{
    char *argv[32];
    int argc = 0;
    argv[argc++] = (char *)cmd->name;
    for (; args[argc - 1]; argc++)
        argv[argc] = (char *)args[argc - 1];
    FILE *out = tmpfile(), *err = tmpfile();
    assert_true(out && err);
    fflush(stdout);
    fflush(stderr);
    int saved_out = dup(1), saved_err = dup(2);
    dup2(fileno(out), 1);
    dup2(fileno(err), 2);
    int code = rp_cli_parse(cmd, argc, argv);
    fflush(stdout);
    fflush(stderr);
    dup2(saved_out, 1);
    dup2(saved_err, 2);
    close(saved_out);
    close(saved_err);
    fseek(out, 0, SEEK_END);
    fseek(err, 0, SEEK_END);
    return (parsed){code, read_all(out), read_all(err)};
}

static void parsed_free(parsed *p)
{
    free(p->out);
    free(p->err);
}

static void test_every_kind_read(void **state)
{
    (void)state;
    values v = {.choice = -1};
    rp_cli_option options[16];
    rp_cli_positional positionals[4];
    rp_cli_command cmd = test_command(&v, options, positionals);
    const char *args[] = {"c.yaml", "-o", "first.csv", "--output=plan.csv", "-q",
                          "--time-limit=2.5", "--gap", "0.25", "--count", "9", "--from-week",
                          "3", "--colour=blue", "--seed", "18446744073709551615", "--mps",
                          "m.mps", "more", NULL};
    parsed p = parse_args(&cmd, args);
    assert_int_equal(p.code, RP_EXIT_GO_ON);
    assert_string_equal(p.out, "");
    assert_string_equal(p.err, "");
    assert_string_equal(v.config, "c.yaml");
    assert_string_equal(v.extra, "more");
    assert_string_equal(v.output, "plan.csv"); /* the last one given */
    assert_true(v.quiet);
    assert_true(v.seconds == 2.5);
    assert_true(v.ratio == 0.25);
    assert_int_equal(v.count, 9);
    assert_int_equal(v.week, 3);
    assert_int_equal(v.choice, 2);
    assert_true(v.seed == UINT64_MAX);
    assert_string_equal(v.mps, "m.mps");
    assert_null(v.lp); /* what is not given keeps its default */
    parsed_free(&p);
}

/* Each mistake: exit 2, nothing on stdout, the message then the usage on
 * stderr. */
static void test_mistakes_are_usage_errors(void **state)
{
    (void)state;
    static const struct {
        const char *args[8];
        const char *message;
    } cases[] = {
        {{"--lp", "a", NULL}, "missing CONFIG"},
        {{"c", NULL}, "missing '--lp FILE' or '--mps FILE'"},
        {{"c", "--lp", "a", "--mps", "b", NULL}, "give one of '--lp' and '--mps', once"},
        {{"c", "--lp", "a", "--lp", "b", NULL}, "give one of '--lp' and '--mps', once"},
        {{"c", "e", "f", "--lp", "a", NULL}, "unexpected argument 'f'"},
        {{"c", "--lp", "a", "--qiuet", NULL}, "unknown option '--qiuet'; did you mean '--quiet'?"},
        {{"c", "--lp", "a", "--zzzzzz=1", NULL}, "unknown option '--zzzzzz'"},
        {{"c", "--lp", "a", "-x", NULL}, "unknown option '-x'"},
        {{"c", "--lp", "a", "-qo", "p", NULL}, "unknown option '-qo'"},
        {{"c", "--lp", "a", "--quiet=yes", NULL}, "'--quiet' takes no value"},
        {{"c", "--lp", "a", "-o", NULL}, "'-o' needs a file name"},
        {{"c", "--lp", "a", "--output=", NULL}, "'--output' needs a file name, not ''"},
        {{"c", "--lp", "a", "--time-limit", "0", NULL},
         "'--time-limit' needs a number of seconds above 0, not '0'"},
        {{"c", "--lp", "a", "--time-limit", "soon", NULL},
         "'--time-limit' needs a number of seconds above 0, not 'soon'"},
        {{"c", "--lp", "a", "--gap", "1", NULL}, "'--gap' needs a number from 0 to below 1, not '1'"},
        {{"c", "--lp", "a", "--gap=-0.1", NULL},
         "'--gap' needs a number from 0 to below 1, not '-0.1'"},
        {{"c", "--lp", "a", "--count", "10", NULL},
         "'--count' needs a whole number from 2 to 9, not '10'"},
        {{"c", "--lp", "a", "--count", "3.5", NULL},
         "'--count' needs a whole number from 2 to 9, not '3.5'"},
        {{"c", "--lp", "a", "--from-week", "0", NULL},
         "'--from-week' needs a week number from 1, not '0'"},
        {{"c", "--lp", "a", "--colour", "pink", NULL},
         "'--colour' needs red, green or blue, not 'pink'"},
        {{"c", "--lp", "a", "--seed", "-4", NULL},
         "'--seed' needs a whole number from 0 to 18446744073709551615, not '-4'"},
        {{"c", "--lp", "a", "--seed", "18446744073709551616", NULL},
         "'--seed' needs a whole number from 0 to 18446744073709551615, not "
         "'18446744073709551616'"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        values v = {0};
        rp_cli_option options[16];
        rp_cli_positional positionals[4];
        rp_cli_command cmd = test_command(&v, options, positionals);
        parsed p = parse_args(&cmd, cases[i].args);
        char want[256];
        snprintf(want, sizeof want, "rotaplan test: %s\nusage: rotaplan test ", cases[i].message);
        if (p.code != RP_EXIT_USAGE || strncmp(p.err, want, strlen(want)) != 0)
            fail_msg("case %zu: exit %d, stderr:\n%s", i, p.code, p.err);
        assert_string_equal(p.out, "");
        parsed_free(&p);
    }
}

/* --help wins over what follows it; -h is the same. */
static void test_help_from_the_table(void **state)
{
    (void)state;
    values v = {0};
    rp_cli_option options[16];
    rp_cli_positional positionals[4];
    rp_cli_command cmd = test_command(&v, options, positionals);
    const char *args[] = {"--help", "--no-such-option", NULL};
    parsed p = parse_args(&cmd, args);
    assert_int_equal(p.code, RP_EXIT_OK);
    assert_string_equal(p.err, "");
    assert_string_equal(
        p.out,
        "usage: rotaplan test CONFIG [EXTRA] [-o PLAN] [--quiet] [--time-limit S]\n"
        "                     [--gap G] [--count N] [--from-week K]\n"
        "                     [--colour red|green|blue] [--seed S] --lp FILE | --mps FILE\n"
        "\n"
        "Tests the parser.\n"
        "\n"
        "  -o, --output PLAN  where the plan goes\n"
        "  -q, --quiet        say less\n"
        "  --time-limit S     seconds\n"
        "  --gap G            a ratio\n"
        "  --count N          how many\n"
        "  --from-week K      a week\n"
        "  --colour red|green|blue\n"
        "                     a colour\n"
        "  --seed S           a seed\n"
        "  --lp FILE          one format\n"
        "  --mps FILE         the other\n"
        "  -h, --help         this text\n"
        "\n"
        "exit codes:\n"
        "    0  done: plan or file written, plan checked clean, or a plan exists\n"
        "    2  bad command line\n"
        "  130  interrupted\n");
    parsed_free(&p);
    const char *short_args[] = {"c", "-h", NULL};
    p = parse_args(&cmd, short_args);
    assert_int_equal(p.code, RP_EXIT_OK);
    assert_non_null(strstr(p.out, "usage: rotaplan test CONFIG"));
    parsed_free(&p);
}

/* Every status has its code, and the failures share one. */
static void test_exit_codes_from_status(void **state)
{
    (void)state;
    assert_int_equal(rp_exit_code(RP_OK), RP_EXIT_OK);
    assert_int_equal(rp_exit_code(RP_ERR_INVALID), RP_EXIT_INVALID);
    assert_int_equal(rp_exit_code(RP_ERR_INFEASIBLE), RP_EXIT_INFEASIBLE);
    assert_int_equal(rp_exit_code(RP_ERR_NO_PLAN), RP_EXIT_NO_PLAN);
    assert_int_equal(rp_exit_code(RP_ERR_INTERRUPTED), RP_EXIT_INTERRUPTED);
    assert_int_equal(rp_exit_code(RP_ERR_NOMEM), RP_EXIT_FAILURE);
    assert_int_equal(rp_exit_code(RP_ERR_IO), RP_EXIT_FAILURE);
    assert_int_equal(rp_exit_code(RP_ERR_SOLVER), RP_EXIT_FAILURE);
}

/* ---- every command through the binary ---- */

static const char *const commands[] = {"solve", "check", "reschedule", "diagnose", "export",
                                       "generate", NULL};

/* The table's line for an exit code, as `rotaplan --help` lists it. */
static const char *exit_line(const char *all, int code)
{
    char prefix[16];
    snprintf(prefix, sizeof prefix, "\n  %3d  ", code);
    const char *at = strstr(all, prefix);
    assert_non_null(at);
    return at + 1;
}

static void test_each_command_help_and_mistakes(void **state)
{
    (void)state;
    cli_run all = cli_rotaplan("--help");
    assert_int_equal(all.code, 0);
    const char *codes = strstr(all.out, "exit codes:\n");
    assert_non_null(codes);
    for (int c = 0; commands[c]; c++) {
        char args[128], want[256];
        snprintf(args, sizeof args, "%s --help", commands[c]);
        cli_run r = cli_rotaplan(args);
        assert_int_equal(r.code, 0);
        assert_string_equal(r.err, "");
        snprintf(want, sizeof want, "usage: rotaplan %s ", commands[c]);
        assert_true(strncmp(r.out, want, strlen(want)) == 0);
        assert_non_null(strstr(r.out, "\n  -h, --help "));
        /* the help ends with exit-code lines, each the table's own */
        const char *mine = strstr(r.out, "\nexit codes:\n");
        assert_non_null(mine);
        int lines = 0;
        for (const char *line = mine + 13; *line; line = strchr(line, '\n') + 1, lines++) {
            const char *same = exit_line(codes - 1, atoi(line));
            assert_memory_equal(line, same, (size_t)(strchr(line, '\n') - line + 1));
        }
        assert_true(lines >= 3); /* done, bad command line, and a failure at least */
        assert_non_null(strstr(mine, "\n    2  bad command line\n"));
        cli_run_free(&r);

        snprintf(args, sizeof args, "%s --no-such-option", commands[c]);
        r = cli_rotaplan(args);
        assert_int_equal(r.code, 2);
        assert_string_equal(r.out, "");
        snprintf(want, sizeof want,
                 "rotaplan %s: unknown option '--no-such-option'\nusage: rotaplan %s ",
                 commands[c], commands[c]);
        assert_true(strncmp(r.err, want, strlen(want)) == 0);
        cli_run_free(&r);
    }
    cli_run_free(&all);
}

/* Every option README's synopsis of a command names (its continuation
 * lines too), the command knows. */
static void test_readme_options_known(void **state)
{
    (void)state;
    char *readme = file_text("README.md");
    int checked = 0;
    const char *command = NULL;
    for (char *line = strtok(readme, "\n"); line; line = strtok(NULL, "\n")) {
        if (strncmp(line, "        ", 8) != 0)
            command = NULL; /* not a continuation */
        for (int c = 0; commands[c]; c++) {
            char start[64];
            snprintf(start, sizeof start, "rotaplan %s ", commands[c]);
            if (strncmp(line, start, strlen(start)) == 0)
                command = commands[c];
        }
        if (!command)
            continue;
        for (const char *p = strchr(line, '-'); p; p = strchr(p + 1, '-')) {
            if (p[-1] != ' ' && p[-1] != '[')
                continue; /* a dash inside a word: "NEW_PLAN", "quang_ninh-plan" */
            char option[64], args[128];
            size_t len = strcspn(p, " ]|");
            snprintf(option, sizeof option, "%.*s", (int)len, p);
            snprintf(args, sizeof args, "%s %s", command, option);
            cli_run r = cli_rotaplan(args);
            if (strstr(r.err, "unknown option"))
                fail_msg("README names '%s' for rotaplan %s:\n%s", option, command, r.err);
            assert_int_equal(r.code, 2); /* CONFIG or a value is still missing */
            cli_run_free(&r);
            checked++;
        }
    }
    assert_true(checked >= 30);
    free(readme);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_kind_read),
        cmocka_unit_test(test_mistakes_are_usage_errors),
        cmocka_unit_test(test_help_from_the_table),
        cmocka_unit_test(test_exit_codes_from_status),
        cmocka_unit_test(test_each_command_help_and_mistakes),
        cmocka_unit_test(test_readme_options_known),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
