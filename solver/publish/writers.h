/*
 * writers.h - the files of a published folder (internal to solver/publish).
 * Each writes one kind of file into the folder `dir` (the temporary folder
 * being filled); a failure adds a diagnostic naming the file and returns
 * RP_ERR_IO (or RP_ERR_NOMEM). They never touch anything outside `dir`.
 */
#ifndef RP_PUBLISH_WRITERS_H
#define RP_PUBLISH_WRITERS_H

#include "solver/publish/view.h"

/* dir/plan-named.csv: one row per rotation, with names and dates. */
rp_status rp_pub_write_named_csv(const rp_pub_view *v, const char *dir, rp_diags *diags);
/* dir/plan.xlsx: sheets Timetable, Students, Departments, Load (and Changes). */
rp_status rp_pub_write_xlsx(const rp_pub_view *v, const char *dir, rp_diags *diags);
/* dir/calendar/STUDENT.ics and dir/calendar/HOSPITAL-DEPARTMENT.ics. */
rp_status rp_pub_write_calendars(const rp_pub_view *v, const char *dir, rp_diags *diags);

/* "dir/name" into a new string; NULL when out of memory. */
char *rp_pub_path(const char *dir, const char *name);
/* Closes f, adding a diagnostic naming path when writing it failed. */
rp_status rp_pub_close(FILE *f, const char *path, rp_diags *diags);

#endif
