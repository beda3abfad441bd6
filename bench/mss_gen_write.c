#include "bench/mss_gen_write.h"

#include <stddef.h>

/* A Students x N matrix `Name =[| a, b | ... |];` (sep between values). */
static void write_rows(FILE *out, const char *head, size_t rows, size_t cols, const char *sep,
                       int (*at)(const void *, size_t), const void *data)
{
    fprintf(out, "%s[|\n", head);
    for (size_t i = 0; i < rows; i++) {
        for (size_t j = 0; j < cols; j++)
            fprintf(out, "%s%d", j ? sep : "", at(data, i * cols + j));
        fprintf(out, " |%s\n", i + 1 == rows ? "];" : "");
    }
    fprintf(out, "\n");
}

/* `Name =\n array3d(ranges,[` then rows of `cols` values ending ` ,` and `]);`. */
static void write_3d(FILE *out, const char *head, size_t rows, size_t cols,
                     int (*at)(const void *, size_t), const void *data)
{
    fprintf(out, "%s[\n", head);
    for (size_t i = 0; i < rows; i++) {
        for (size_t j = 0; j < cols; j++)
            fprintf(out, "%s%d", j ? ", " : "", at(data, i * cols + j));
        fprintf(out, "%s\n", i + 1 == rows ? "]);" : " ,");
    }
    fprintf(out, "\n");
}

static int int_at(const void *data, size_t i)
{
    return ((const int *)data)[i];
}

static int byte_at(const void *data, size_t i)
{
    return ((const unsigned char *)data)[i];
}

rp_status rp_mssgen_write_instance(const rp_mssgen *g, const char *origin, FILE *out)
{
    size_t S = (size_t)g->students, D = (size_t)g->disciplines, H = (size_t)g->hospitals;
    size_t T = (size_t)g->horizon;
    if (origin)
        fprintf(out, "%% %s\n", origin);
    fprintf(out,
            "%%Scalars\nStudents=%d;\nDisciplines=%d;\nHospitals=%d;\nDuration=%d;\n"
            "Horizon=%d;\nGroups=%d;\nMaxDiscPerHosp=%d;\n%%Data structures\nDiscGroup = [",
            g->students, g->disciplines, g->hospitals, g->duration, g->horizon, g->groups,
            g->max_disc_per_hosp);
    for (size_t d = 0; d < D; d++)
        fprintf(out, "%s%d", d ? "," : "", g->disc_group[d]);
    fprintf(out, "];\n\n");
    write_rows(out, "StudDiscGroup =", S, (size_t)g->groups, ", ", int_at, g->stud_disc_group);
    write_rows(out, "AllowedDisc =", S, D, ", ", byte_at, g->allowed);
    write_rows(out, "Precededby =", D, D, ", ", byte_at, g->precededby);
    write_rows(out, "Availability =", S, T, ", ", byte_at, g->available);
    write_3d(out, "Ability =\n array3d(1..Students,1..Hospitals,1..Disciplines,", S * H, D,
             byte_at, g->ability);
    write_3d(out, "MaxPosHosp =\n array3d(1..Hospitals, 1..Disciplines, 1..Horizon,", H * D, T,
             int_at, g->max_pos);
    write_3d(out, "MinPosHosp =\n array3d(1..Hospitals, 1..Disciplines, 1..Horizon,", H * D, T,
             int_at, g->min_pos);
    write_rows(out, "%W_disc W_hosp W_change W_wait\nWeightPref=", S, 4, ",", int_at,
               g->weight_pref);
    write_rows(out, "PrefStudDisc =", S, D, ", ", int_at, g->pref_disc);
    write_rows(out, "PrefStudHosp =", S, H, ", ", int_at, g->pref_hosp);
    fprintf(out, "ManPref=[");
    for (size_t d = 0; d < D; d++)
        fprintf(out, "%s%d", d ? "," : "", g->man_pref[d]);
    fprintf(out, "];\n\n");

    rp_mssgen_features f = rp_mssgen_measure(g);
    double pairs = (double)D * (double)(D - 1) / 2;
    fprintf(out,
            "%%%% Instance features:\n%%Scalars :%d , %d , %d , %d , %d , %g\n"
            "%%Occupancy: %g\n%%Excess: %g\n%%Busyness: %g\n%%Density: %g\n%%Depth: %d\n",
            g->students, g->disciplines, g->duration, g->horizon, g->hospitals,
            (double)g->max_disc_per_hosp / (double)D,
            f.capacity ? (double)f.demand / (double)f.capacity : 0,
            f.demand ? (double)f.minimum / (double)f.demand : 0,
            (double)f.demand / ((double)S * (double)T), pairs > 0 ? f.prerequisites / pairs : 0,
            f.depth);
    return ferror(out) ? RP_ERR_IO : RP_OK;
}

rp_status rp_mssgen_write_witness(const rp_mssgen *g, FILE *out)
{
    size_t HD = (size_t)g->hospitals * (size_t)g->disciplines;
    size_t n = (size_t)g->students * (size_t)g->horizon;
    fprintf(out, "schedule= array4d(1..Students,1..Horizon, 1..Hospitals,1..Disciplines,[\n");
    for (size_t st = 0; st < n; st++) {
        int at = g->witness[st];
        for (size_t k = 0; k < HD; k++)
            fprintf(out, "%s%d", k ? "," : "", (int)k == at);
        fprintf(out, "%s\n", st + 1 == n ? "]);" : ",");
    }
    return ferror(out) ? RP_ERR_IO : RP_OK;
}
