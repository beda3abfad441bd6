#include "solver/cli/options.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "model/ytree.h"

#define WIDTH 80         /* no printed line is longer */
#define LABEL_MAX 22     /* a longer option label puts its help on the next line */
#define WORD_MAX 128     /* an option spelled with its value, "--previous PLAN" */
#define WEEK_MAX 1000000 /* beyond any horizon, below any overflow */

/* ---- names and words ---- */

static int n_options(const rp_cli_command *cmd)
{
    int n = 0;
    while (cmd->options && cmd->options[n].name)
        n++;
    assert(n <= RP_CLI_MAX_OPTIONS);
    return n;
}

/* Whether option k is the first of its exclusive group. */
static bool first_of_group(const rp_cli_command *cmd, int k)
{
    for (int j = 0; j < k; j++)
        if (cmd->options[j].group == cmd->options[k].group)
            return false;
    return true;
}

static bool takes_value(const rp_cli_option *o)
{
    return o->kind != RP_CLI_FLAG;
}

/* words[0 .. n-1] into buf, each in quote, separated by sep but the last by
 * last_sep: "a, b or c". */
static void join_words(char *buf, size_t size, const char *const *words, int n, const char *quote,
                       const char *sep, const char *last_sep)
{
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, "%s%s%s%s",
                                 i == 0 ? "" : i == n - 1 ? last_sep : sep, quote, words[i],
                                 quote);
}

static int count_choices(const rp_cli_option *o)
{
    int n = 0;
    while (o->choices[n])
        n++;
    return n;
}

/* The value's name as the help shows it: "PLAN", or the choices "a|b|c". */
static void value_name(const rp_cli_option *o, bool choices, char *buf, size_t size)
{
    if (o->kind == RP_CLI_CHOICE && (choices || !o->value))
        join_words(buf, size, o->choices, count_choices(o), "", "|", "|");
    else
        snprintf(buf, size, "%s", o->value ? o->value : "VALUE");
}

/* The option as the usage writes it: "-o PLAN" (values are short to write),
 * "--quiet", "--format csv|yaml|json". */
static void usage_word(const rp_cli_option *o, char *buf, size_t size)
{
    if (!takes_value(o)) {
        snprintf(buf, size, "--%s", o->name);
        return;
    }
    char value[WORD_MAX / 2];
    value_name(o, true, value, sizeof value);
    if (o->letter)
        snprintf(buf, size, "-%c %s", o->letter, value);
    else
        snprintf(buf, size, "--%s %s", o->name, value);
}

/* What the option's value must be, for messages: "a week number from 1". */
static void value_rule(const rp_cli_option *o, char *buf, size_t size)
{
    switch (o->kind) {
    case RP_CLI_FLAG: snprintf(buf, size, "no value"); break;
    case RP_CLI_FILE: snprintf(buf, size, "a file name"); break;
    case RP_CLI_NUMBER:
        if (o->below > 0)
            snprintf(buf, size, "a number from 0 to below %g", o->below);
        else
            snprintf(buf, size, "a number from 0");
        break;
    case RP_CLI_SECONDS: snprintf(buf, size, "a number of seconds above 0"); break;
    case RP_CLI_WHOLE: snprintf(buf, size, "a whole number from %d to %d", o->min, o->max); break;
    case RP_CLI_WEEK: snprintf(buf, size, "a week number from 1"); break;
    case RP_CLI_U64: snprintf(buf, size, "a whole number from 0 to %ju", (uintmax_t)UINT64_MAX); break;
    case RP_CLI_CHOICE: join_words(buf, size, o->choices, count_choices(o), "", ", ", " or "); break;
    }
}

/* ---- values ---- */

static bool read_number(const char *text, double *out)
{
    char *end;
    double v = strtod(text, &end);
    if (end == text || *end || !isfinite(v) || v < 0)
        return false;
    *out = v;
    return true;
}

static bool read_whole(const char *text, long lo, long hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno || end == text || *end || v < lo || v > hi)
        return false;
    *out = (int)v;
    return true;
}

static bool read_u64(const char *text, uint64_t *out)
{
    char *end;
    if (*text < '0' || *text > '9')
        return false;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno || *end)
        return false;
    *out = (uint64_t)v;
    return true;
}

static bool read_choice(const rp_cli_option *o, const char *text, int *out)
{
    for (int i = 0; o->choices[i]; i++)
        if (strcmp(text, o->choices[i]) == 0) {
            *out = i;
            return true;
        }
    return false;
}

/* Checks text as o's value and stores it; false when it is not one. */
static bool store(const rp_cli_option *o, const char *text)
{
    double number;
    switch (o->kind) {
    case RP_CLI_FLAG: return false;
    case RP_CLI_FILE:
        if (!*text)
            return false;
        *o->text = text;
        return true;
    case RP_CLI_NUMBER:
        if (!read_number(text, &number) || (o->below > 0 && number >= o->below))
            return false;
        *o->number = number;
        return true;
    case RP_CLI_SECONDS:
        if (!read_number(text, &number) || number <= 0)
            return false;
        *o->number = number;
        return true;
    case RP_CLI_WHOLE: return read_whole(text, o->min, o->max, o->whole);
    case RP_CLI_WEEK: return read_whole(text, 1, WEEK_MAX, o->whole);
    case RP_CLI_U64: return read_u64(text, o->u64);
    case RP_CLI_CHOICE: return read_choice(o, text, o->whole);
    }
    return false;
}

/* ---- printing ---- */

/* Prints text word by word from column col, continuing lines at column
 * indent, no line longer than WIDTH; ends the line. */
static void put_wrapped(FILE *out, const char *text, int col, int indent)
{
    for (const char *p = text; *p;) {
        size_t len = strcspn(p, " ");
        if (col > indent && col + 1 + (int)len > WIDTH) {
            fprintf(out, "\n%*s", indent, "");
            col = indent;
        } else if (col > indent) {
            fputc(' ', out);
            col++;
        } else if (col < indent) {
            fprintf(out, "%*s", indent - col, "");
            col = indent;
        }
        fwrite(p, 1, len, out);
        col += (int)len;
        p += len;
        p += strspn(p, " ");
    }
    fputc('\n', out);
}

/* The usage item of option k: "[-o PLAN]", "--previous PLAN", or its whole
 * group "--lp FILE | --mps FILE"; false when k is in a group that an
 * earlier option already printed. */
static bool usage_item(const rp_cli_command *cmd, int k, char *buf, size_t size)
{
    const rp_cli_option *o = &cmd->options[k];
    if (o->group > 0 && !first_of_group(cmd, k))
        return false;
    char words[4 * WORD_MAX] = "", word[WORD_MAX];
    size_t used = 0;
    bool required = false;
    for (int j = k; j < n_options(cmd); j++) {
        const rp_cli_option *member = &cmd->options[j];
        if (j > k && (o->group == 0 || member->group != o->group))
            continue;
        usage_word(member, word, sizeof word);
        used += (size_t)snprintf(words + used, used < sizeof words ? sizeof words - used : 0,
                                 "%s%s", used ? " | " : "", word);
        required |= member->required;
    }
    snprintf(buf, size, required ? "%s" : "[%s]", words);
    return true;
}

void rp_cli_print_usage(FILE *out, const rp_cli_command *cmd)
{
    char item[4 * WORD_MAX];
    int indent = fprintf(out, "usage: rotaplan %s", cmd->name) + 1;
    int col = indent - 1;
    for (int i = 0; cmd->positionals && cmd->positionals[i].name; i++) {
        const rp_cli_positional *p = &cmd->positionals[i];
        snprintf(item, sizeof item, p->required ? "%s" : "[%s]", p->name);
        col += fprintf(out, " %s", item);
    }
    for (int k = 0; k < n_options(cmd); k++) {
        if (!usage_item(cmd, k, item, sizeof item))
            continue;
        if (col + 1 + (int)strlen(item) > WIDTH) {
            fprintf(out, "\n%*s", indent - 1, "");
            col = indent - 1;
        }
        col += fprintf(out, " %s", item);
    }
    fputc('\n', out);
}

/* "-o, --output PLAN", "--quiet" */
static void help_label(const rp_cli_option *o, char *buf, size_t size)
{
    char value[WORD_MAX] = "";
    if (takes_value(o))
        value_name(o, false, value, sizeof value);
    char letter[8] = "";
    if (o->letter)
        snprintf(letter, sizeof letter, "-%c, ", o->letter);
    snprintf(buf, size, "%s--%s%s%s", letter, o->name, *value ? " " : "", value);
}

static void print_option(FILE *out, const char *label, const char *help, int width)
{
    int col = fprintf(out, "  %s", label);
    if (col > 2 + width)
        col = WIDTH; /* the help starts on the next line */
    put_wrapped(out, help, col, 2 + width + 2);
}

void rp_cli_print_help(FILE *out, const rp_cli_command *cmd)
{
    static const rp_cli_option help = {.name = "help", .letter = 'h', .kind = RP_CLI_FLAG,
                                       .help = "this text"};
    char label[2 * WORD_MAX];
    rp_cli_print_usage(out, cmd);
    fprintf(out, "\n%s\n\n", cmd->about);
    int width = 0;
    for (int k = 0; k <= n_options(cmd); k++) {
        help_label(k < n_options(cmd) ? &cmd->options[k] : &help, label, sizeof label);
        int len = (int)strlen(label);
        if (len <= LABEL_MAX && len > width)
            width = len;
    }
    for (int k = 0; k <= n_options(cmd); k++) {
        const rp_cli_option *o = k < n_options(cmd) ? &cmd->options[k] : &help;
        help_label(o, label, sizeof label);
        print_option(out, label, o->help, width);
    }
    if (cmd->notes)
        fprintf(out, "\n%s\n", cmd->notes);
    fputc('\n', out);
    rp_exit_print(out, cmd->exits, cmd->n_exits);
}

int rp_cli_usage_error(const rp_cli_command *cmd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "rotaplan %s: ", cmd->name);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    rp_cli_print_usage(stderr, cmd);
    return RP_EXIT_USAGE;
}

/* ---- parsing ---- */

/* The option arg names (len: how much of arg spells it; *inline_value: the
 * text after "--name=", else NULL), or -1. */
static int find_option(const rp_cli_command *cmd, const char *arg, size_t *len,
                       const char **inline_value)
{
    *inline_value = NULL;
    if (arg[1] != '-') {
        *len = strlen(arg);
        for (int k = 0; arg[2] == '\0' && k < n_options(cmd); k++)
            if (cmd->options[k].letter == arg[1])
                return k;
        return -1;
    }
    size_t name_len = strcspn(arg + 2, "=");
    *len = 2 + name_len;
    if (arg[*len] == '=')
        *inline_value = arg + *len + 1;
    for (int k = 0; k < n_options(cmd); k++)
        if (strlen(cmd->options[k].name) == name_len &&
            strncmp(cmd->options[k].name, arg + 2, name_len) == 0)
            return k;
    return -1;
}

static int unknown_option(const rp_cli_command *cmd, const char *arg, size_t len)
{
    char names[RP_CLI_MAX_OPTIONS + 1][WORD_MAX], spelled[WORD_MAX];
    const char *candidates[RP_CLI_MAX_OPTIONS + 2];
    int n = n_options(cmd);
    for (int k = 0; k < n; k++) {
        snprintf(names[k], sizeof names[k], "--%s", cmd->options[k].name);
        candidates[k] = names[k];
    }
    snprintf(names[n], sizeof names[n], "--help");
    candidates[n] = names[n];
    candidates[n + 1] = NULL;
    snprintf(spelled, sizeof spelled, "%.*s", (int)len, arg);
    const char *near = rp_closest_word(spelled, candidates);
    if (near)
        return rp_cli_usage_error(cmd, "unknown option '%s'; did you mean '%s'?", spelled, near);
    return rp_cli_usage_error(cmd, "unknown option '%s'", spelled);
}

/* An exclusive group (that of option k) given twice, or required and not
 * given: the usage error; else RP_EXIT_GO_ON. */
static int check_group(const rp_cli_command *cmd, int k, const int *seen)
{
    char names[RP_CLI_MAX_OPTIONS][WORD_MAX], words[RP_CLI_MAX_OPTIONS][WORD_MAX];
    const char *name_list[RP_CLI_MAX_OPTIONS], *word_list[RP_CLI_MAX_OPTIONS];
    char list[4 * WORD_MAX];
    int n = 0, given = 0;
    bool required = false;
    for (int j = k; j < n_options(cmd); j++) {
        const rp_cli_option *o = &cmd->options[j];
        if (o->group != cmd->options[k].group)
            continue;
        snprintf(names[n], sizeof names[n], "--%s", o->name);
        usage_word(o, words[n], sizeof words[n]);
        name_list[n] = names[n];
        word_list[n] = words[n];
        n++;
        given += seen[j];
        required |= o->required;
    }
    if (given > 1) {
        join_words(list, sizeof list, name_list, n, "'", ", ", " and ");
        return rp_cli_usage_error(cmd, "give one of %s, once", list);
    }
    if (required && given == 0) {
        join_words(list, sizeof list, word_list, n, "'", ", ", " or ");
        return rp_cli_usage_error(cmd, "missing %s", list);
    }
    return RP_EXIT_GO_ON;
}

/* After the last argument: every required positional and option given, no
 * exclusive group given twice. */
static int check_complete(const rp_cli_command *cmd, int n_given, const int *seen)
{
    for (int i = n_given; cmd->positionals && cmd->positionals[i].name; i++)
        if (cmd->positionals[i].required)
            return rp_cli_usage_error(cmd, "missing %s", cmd->positionals[i].name);
    for (int k = 0; k < n_options(cmd); k++) {
        const rp_cli_option *o = &cmd->options[k];
        if (o->group > 0) {
            int code = first_of_group(cmd, k) ? check_group(cmd, k, seen) : RP_EXIT_GO_ON;
            if (code != RP_EXIT_GO_ON)
                return code;
        } else if (o->required && !seen[k]) {
            char word[WORD_MAX];
            usage_word(o, word, sizeof word);
            return rp_cli_usage_error(cmd, "missing '%s'", word);
        }
    }
    return RP_EXIT_GO_ON;
}

int rp_cli_parse(const rp_cli_command *cmd, int argc, char **argv)
{
    int seen[RP_CLI_MAX_OPTIONS] = {0};
    int n_given = 0;
    for (int i = 1; i < argc; i++) {
        const char *arg = argv[i];
        if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) {
            rp_cli_print_help(stdout, cmd);
            return RP_EXIT_OK;
        }
        if (arg[0] != '-' || arg[1] == '\0') {
            const rp_cli_positional *p = cmd->positionals ? &cmd->positionals[0] : NULL;
            for (int j = 0; p && p->name && j < n_given; j++)
                p++;
            if (!p || !p->name)
                return rp_cli_usage_error(cmd, "unexpected argument '%s'", arg);
            *p->text = arg;
            n_given++;
            continue;
        }
        size_t len;
        const char *value;
        int k = find_option(cmd, arg, &len, &value);
        if (k < 0)
            return unknown_option(cmd, arg, len);
        const rp_cli_option *o = &cmd->options[k];
        char rule[WORD_MAX];
        value_rule(o, rule, sizeof rule);
        if (!takes_value(o)) {
            if (value)
                return rp_cli_usage_error(cmd, "'%.*s' takes no value", (int)len, arg);
            *o->flag = true;
        } else {
            if (!value && i + 1 < argc)
                value = argv[++i];
            if (!value)
                return rp_cli_usage_error(cmd, "'%.*s' needs %s", (int)len, arg, rule);
            if (!store(o, value))
                return rp_cli_usage_error(cmd, "'%.*s' needs %s, not '%s'", (int)len, arg, rule,
                                          value);
        }
        seen[k]++;
    }
    return check_complete(cmd, n_given, seen);
}
