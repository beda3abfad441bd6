# bench-lib.sh - helpers the benchmark runners share (sourced, not run).

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
