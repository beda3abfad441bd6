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
            *"candidate rotations"*) sm_model=$(echo "$model" | sed 's/^about /~/' | awk '{ print $1 }') ;;
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

# address_kb GB: the ulimit -v of GB gigabytes; unlimited for 0 (a sanitizer
# build reserves terabytes of address space it never touches).
address_kb() {
    if [ "$1" = 0 ]; then echo unlimited; else echo $(($1 * 1024 * 1024)); fi
}

# timed_run HARD GB TIMEFILE COMMAND...: runs COMMAND under GNU time within GB
# gigabytes of address space (0: no limit); sets rc, seconds (wall) and
# peak_mb (resident).
# A command still running HARD seconds on is interrupted (SIGINT: it may still
# report what it has) and killed 30 s later (rc 137).
timed_run() {
    local hard=$1 gb=$2 tfile=$3 errexit=""
    shift 3
    case $- in *e*) errexit=1 ;; esac
    set +e
    /usr/bin/time -f '%e %M' -o "$tfile" \
        sh -c 'ulimit -v "$0" && exec "$@"' "$(address_kb "$gb")" \
        timeout --preserve-status -s INT -k 30 "$hard" "$@"
    rc=$?
    [ -z "$errexit" ] || set -e
    set -- $(tail -n 1 "$tfile")
    seconds=${1:-}
    peak_mb=$(awk -v k="${2:-0}" 'BEGIN { printf "%.0f", k / 1024 }')
}

# Binary columns of a CPLEX LP file: the Binaries section, plus the Generals
# bounded to 0..1 (GLPK's LP writer lists binaries that way).
count_binaries() {
    awk '{ l = tolower($0); sub(/^[ \t]+/, "", l); sub(/[ \t\r]+$/, "", l) }
         l == "bounds" { sect = "bounds"; next }
         l == "binary" || l == "binaries" || l == "bin" { sect = "bin"; next }
         l == "general" || l == "generals" || l == "gen" { sect = "gen"; next }
         l == "end" || l == "subject to" || l == "st" || l == "s.t." || l == "such that" { sect = ""; next }
         sect == "bounds" && $1 == "0" && $2 == "<=" && $4 == "<=" && $5 == "1" && NF == 5 { unit[$3] = 1 }
         sect == "bin" { n += NF }
         sect == "gen" { for (i = 1; i <= NF; i++) if ($i in unit) n++ }
         END { print n + 0 }' "$1"
}

# cbc's solution as a rotaplan plan (YAML), so that the checker can judge it
# like any other: cbc numbers the LP's columns in order of first appearance and
# rotaplan names its start variables x(STUDENT,HOSPITAL@DEPARTMENT,wWEEK).
# Usage: cbc_plan MODEL.lp SOLUTION > PLAN.yaml
cbc_plan() {
    awk -v lp="$1" '
        function is_name(t) {
            if (t == "" || t ~ /^[-+]?[0-9.]+([eE][-+]?[0-9]+)?$/) return 0
            if (t ~ /^(<=|>=|=<|=>|<|>|=|\+|-)$/) return 0
            lt = tolower(t)
            return lt != "inf" && lt != "infinity" && lt != "-inf" && lt != "+inf" && lt != "free"
        }
        BEGIN {
            # the columns in order of first appearance, which is how cbc numbers them
            while ((getline line < lp) > 0) {
                if (line ~ /^\\/) continue
                l = line; sub(/^[ \t]+/, "", l); sub(/[ \t\r]+$/, "", l)
                low = tolower(l)
                if (low == "end") break
                if (low ~ /^(maximize|minimize|maximise|minimise|maximum|minimum|max|min|subject to|such that|st|s\.t\.|bounds|general|generals|gen|binary|binaries|bin)$/) continue
                sub(/^[^ :]+:/, "", l)           # a row name
                n = split(l, tok, /[ \t]+/)
                for (i = 1; i <= n; i++)
                    if (is_name(tok[i]) && !(tok[i] in seen_col)) { seen_col[tok[i]] = 1; name[ncol++] = tok[i] }
            }
        }
        { k = $1 == "**" ? 2 : 1 }              # ** marks a value cbc finds out of bounds
        $k ~ /^[0-9]+$/ && $(k + 2) + 0 > 0.5 && ($k in name) {
            col = name[$k]
            if (col !~ /^x\(.*\)$/) next
            sub(/^x\(/, "", col); sub(/\)$/, "", col)
            split(col, part, ",")
            split(part[2], place, /[\/@]/)     # HOSPITAL/DEPARTMENT or HOSPITAL@DEPARTMENT
            w = part[3]; sub(/^w/, "", w)
            rot[part[1]] = rot[part[1]] sprintf("      - {week: %d, hospital: %s, department: %s}\n", w, place[1], place[2])
            if (!(part[1] in seen)) { seen[part[1]] = 1; order[nst++] = part[1] }
        }
        END {
            print "students:"
            for (i = 0; i < nst; i++) printf "  - student: %s\n    rotations:\n%s", order[i], rot[order[i]]
        }' "$2"
}

# run_cbc LP SECONDS THREADS LOG SOLUTION HARD GB: cbc (Debian coinor-cbc) on
# an exported LP with a time limit and THREADS threads (empty: cbc's default),
# under timed_run; sets cbc_status (optimal, time-limit, infeasible, overran,
# failed(RC)), cbc_objective and cbc_bound (as numbers, the bound in the LP's
# own sense), and rc, seconds, peak_mb.
run_cbc() {
    local lp=$1 limit=$2 threads=$3 log=$4 sol=$5 hard=$6 gb=$7
    timed_run "$hard" "$gb" "$log.time" cbc "$lp" sec "$limit" ${threads:+threads "$threads"} \
        solve solu "$sol" > "$log" 2>&1
    cbc_status=$(sed -n -E 's/^Result - (.*)$/\1/p' "$log" | head -n 1)
    case "$cbc_status" in
        "Optimal solution found") cbc_status=optimal ;;
        "Stopped on time limit") cbc_status=time-limit ;;
        "Linear relaxation infeasible"|"Problem proven infeasible") cbc_status=infeasible ;;
        "") if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then cbc_status=overran; else cbc_status="failed($rc)"; fi ;;
    esac
    cbc_objective=$(sed -n -E 's/^Objective value:[[:space:]]*([-0-9.e+]+).*/\1/p' "$log" | head -n 1)
    # cbc minimises internally: for a maximisation it logs the negated bound
    cbc_bound=$(sed -n -E 's/.*best possible (-?[0-9.e+]+).*/\1/p' "$log" | tail -n 1)
    if [ -n "$cbc_bound" ] && grep -qi '^ *maximi' "$lp"; then
        cbc_bound=$(awk -v b="$cbc_bound" 'BEGIN { printf "%.2f", -b }')
    fi
    [ "$cbc_status" != optimal ] || cbc_bound=$cbc_objective
    cbc_objective=$(number "$cbc_objective")
    cbc_bound=$(number "$cbc_bound")
}
