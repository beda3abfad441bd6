/*
 * mss_instance.h - a Medical Student Scheduling (MSS) instance read from .dzn.
 *
 * rp_mss_read parses an instance (bench/mss/README.md gives the format and the
 * rules), checks that every scalar and array is present with the shape its
 * scalars give (StudDiscGroup is Students x Groups, MaxPosHosp is Hospitals x
 * Disciplines x Horizon, ...), that 0/1 arrays hold 0 or 1 and counts are not
 * negative, and that the instance can be said in rotaplan's terms (no
 * MinPosHosp above MaxPosHosp, no reward for hospital changes or idle
 * periods). Every problem is a diagnostic at the offending value.
 *
 * Inside, indices are 0-based; the MSS ids (s1, h2, d3, g1) are 1-based. The
 * instance owns its parsed document; the array pointers point into it.
 */
#ifndef RP_MSS_INSTANCE_H
#define RP_MSS_INSTANCE_H

#include <stdbool.h>
#include <stddef.h>

#include "base/diag.h"
#include "bench/dzn.h"
#include "base/status.h"

typedef struct rp_mss {
    rp_dzn *doc;
    int students, disciplines, hospitals, horizon, duration, groups, max_disc_per_hosp;
    const rp_dzn_item *disc_group;      /* [d] 1..groups */
    const rp_dzn_item *stud_disc_group; /* [s][g] */
    const rp_dzn_item *allowed_disc;    /* [s][d] 0/1 */
    const rp_dzn_item *precededby;      /* [d][d1] 0/1 */
    const rp_dzn_item *availability;    /* [s][t] 0/1 */
    const rp_dzn_item *ability;         /* [s][h][d] 0/1 */
    const rp_dzn_item *max_pos;         /* [h][d][t] */
    const rp_dzn_item *min_pos;         /* [h][d][t] */
    const rp_dzn_item *weight_pref;     /* [s][4] */
    const rp_dzn_item *pref_disc;       /* [s][d] */
    const rp_dzn_item *pref_hosp;       /* [s][h] */
    const rp_dzn_item *man_pref;        /* [d] */
} rp_mss;

/* Reads and checks the instance at path. On success *out is a new instance
 * (free with rp_mss_free); warnings may have been added (unknown names). On
 * failure *out is NULL: RP_ERR_IO, RP_ERR_INVALID (diagnostics say why) or
 * RP_ERR_NOMEM. */
rp_status rp_mss_read(const char *path, rp_mss **out, rp_diags *diags);
/* The same for an instance's text in memory; `name` is the file name
 * messages show. The instance keeps its own copy of the text. */
rp_status rp_mss_read_string(const char *name, const char *text, size_t len, rp_mss **out,
                             rp_diags *diags);
/* Accepts NULL; clears *m. */
void rp_mss_free(rp_mss **m);

/* Values by 0-based index; the item must have that many dimensions. */
long rp_mss_at1(const rp_dzn_item *a, int i);
long rp_mss_at2(const rp_dzn_item *a, int i, int j);
long rp_mss_at3(const rp_dzn_item *a, int i, int j, int k);
/* Flat position of an element, for rp_dzn_loc(doc, a->offsets[...]). */
size_t rp_mss_index2(const rp_dzn_item *a, int i, int j);
size_t rp_mss_index3(const rp_dzn_item *a, int i, int j, int k);

/* Whether hospital h teaches discipline d: MaxPosHosp[h,d,t] > 0 for some t. */
bool rp_mss_has_department(const rp_mss *m, int h, int d);

/* Formats the 1-based subscript of flat element `flat` of a, e.g. "[3,1,12]". */
void rp_mss_subscript(const rp_dzn_item *a, size_t flat, char *buf, size_t size);

#endif
