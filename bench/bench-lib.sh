# bench-lib.sh - helpers the benchmark runners share (sourced, not run).
# Functions that run rotaplan use $rotaplan (the binary) set by the runner.

# median: the median of the numbers on stdin, one a line ("-" for none).
median() {
    sort -n | awk '{ v[NR] = $1 }
        END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2];
              else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

# field NAME FILE: what follows "NAME   " on the first line of a summary.
field() { sed -n "s/^$1 *//p" "$2" | head -1; }

# now: seconds since the epoch, with a fraction.
now() { date +%s.%N; }

# json_value KEY: the value of "KEY": in the JSON or YAML text on stdin (first
# occurrence), quotes and spaces dropped.
json_value() {
    sed -n -E "s/^[^\"]*\"?$1\"?[[:space:]]*:[[:space:]]*\"?([^\",}]*)\"?.*$/\1/p" | head -n 1 | tr -d ' '
}

# number X: X without trailing zeros (2560.00000000 -> 2560); nothing for nothing.
number() {
    if [ -n "$1" ]; then awk -v x="$1" 'BEGIN { printf "%.10g", x }'; fi
}

# gap_percent OBJECTIVE BOUND: |bound - objective| / max(1, |objective|) in %.
gap_percent() {
    awk -v o="$1" -v b="$2" 'BEGIN {
        if (o == "" || b == "") { print ""; exit }
        d = b - o; if (d < 0) d = -d; a = o < 0 ? -o : o; if (a < 1) a = 1
        printf "%.2f", 100 * d / a }'
}

# check_plan CONFIG PLAN OBJECTIVE LOG: the checker's verdict on a plan that
# claims OBJECTIVE (may be empty): ok, violations, "objective N" when the
# score differs, or unreadable. `rotaplan check --json` goes to LOG.json and
# its messages to LOG.log.
check_plan() {
    local checked
    if "$rotaplan" check --json "$1" "$2" > "$4.json" 2> "$4.log"; then
        checked=$(json_value objective < "$4.json")
        if [ -z "$3" ] || [ "$(number "$checked")" = "$(number "$3")" ]; then
            echo ok
        else
            echo "objective $checked"
        fi
    elif grep -q '"valid": false' "$4.json"; then
        echo violations
    else
        echo unreadable
    fi
}

# solve_summary OUT PLAN: reads what `rotaplan solve` said (its summary on
# stdout in OUT, the plan it wrote as JSON in PLAN) into sm_status,
# sm_objective, sm_bound, sm_gap (%), sm_model (the candidate rotations, or
# "B binaries (compact)" when the compact program was built). Missing values
# are empty.
solve_summary() {
    local out=$1 plan=$2 model
    sm_status="" sm_objective="" sm_bound="" sm_gap="" sm_model=""
    if [ -s "$plan" ]; then
        sm_status=$(json_value status < "$plan")
        sm_objective=$(number "$(json_value objective < "$plan")")
        sm_bound=$(number "$(json_value bound < "$plan")")
    fi
    if [ -s "$out" ]; then
        [ -n "$sm_status" ] || sm_status=$(field status "$out" | cut -d' ' -f1 | tr -d ,)
        [ -n "$sm_objective" ] || sm_objective=$(number "$(field objective "$out")")
        [ -n "$sm_bound" ] || sm_bound=$(number "$(field bound "$out" | cut -d' ' -f1)")
        model=$(field model "$out")
        case "$model" in
            *"candidate rotations"*) sm_model=$(echo "$model" | awk '{ print $1 }') ;;
            *binaries*) sm_model="$(echo "$model" | sed -n 's/.*(\([0-9]*\) binaries).*/\1/p') binaries (compact)" ;;
            *) sm_model=$model ;;
        esac
    fi
    sm_gap=$(gap_percent "$sm_objective" "$sm_bound")
}

# solve_outcome RC: a word for solve's exit code when it wrote no plan.
solve_outcome() {
    case $1 in
        0|1) echo plan ;;
        4) echo infeasible ;;
        5) echo no-plan ;;
        6) echo failed ;;
        124|137) echo overran ;;
        130) echo interrupted ;;
        *) echo "exit-$1" ;;
    esac
}

# need_gnu_time: installs GNU time (Debian package `time`) for wall time and
# peak memory when /usr/bin/time is missing.
need_gnu_time() {
    if [ ! -x /usr/bin/time ]; then
        echo "$(basename "$0"): installing GNU time (Debian package 'time') for time and peak memory" >&2
        local sudo=""
        [ "$(id -u)" = 0 ] || sudo=sudo
        $sudo apt-get install -y time >&2
    fi
}

# machine: one line naming the processor and its cores, for report headers.
machine() {
    echo "$(sed -n -E 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1), $(nproc) cores"
}

# revision: the commit of the tree the runner is in (with -dirty when changed).
revision() {
    git -C "$(dirname "$0")/.." describe --always --dirty 2>/dev/null || echo unknown
}

# quote_command ARGS...: the words as a shell command line, quoted where needed.
quote_command() {
    local out="" w
    for w in "$@"; do
        case "$w" in
            *[!A-Za-z0-9_./,:=+-]*|"") out="$out '$(printf '%s' "$w" | sed "s/'/'\\\\''/g")'" ;;
            *) out="$out $w" ;;
        esac
    done
    echo "${out# }"
}

# csv_to_markdown CSV: the table as Markdown, header row first.
csv_to_markdown() {
    awk -F, 'NR == 1 { printf "|"; for (i = 1; i <= NF; i++) printf " %s |", $i; printf "\n|";
                       for (i = 1; i <= NF; i++) printf " --- |"; printf "\n"; next }
             { printf "|"; for (i = 1; i <= NF; i++) printf " %s |", $i; printf "\n" }' "$1"
}
