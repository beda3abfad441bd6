/* Calendars (RFC 5545, written with libical): one per student and one per
 * department, an all-day event per rotation. */
#include <errno.h>
#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "solver/publish/writers.h"

static struct icaltimetype day_of(const rp_model *m, int week, int day)
{
    struct icaltimetype t = icaltime_null_date();
    rp_model_day(m, week, day, &t.year, &t.month, &t.day);
    return t;
}

static icalcomponent *new_calendar(const char *name)
{
    icalcomponent *cal = icalcomponent_vanew(
        ICAL_VCALENDAR_COMPONENT, icalproperty_new_version("2.0"),
        icalproperty_new_prodid("-//rotaplan//publish//EN"), icalproperty_new_calscale("GREGORIAN"),
        (void *)0);
    if (!cal)
        return NULL;
    icalproperty *title = icalproperty_new_x(name);
    if (title) {
        icalproperty_set_x_name(title, "X-WR-CALNAME");
        icalcomponent_add_property(cal, title);
    }
    return cal;
}

/* An all-day event spanning rotation k: from its first day to the day after
 * its last (DTEND is exclusive for dates). */
static void add_event(const rp_pub_view *v, icalcomponent *cal, int k, bool for_department)
{
    const rp_model *m = v->m;
    const rp_rotation *r = &v->plan->rotations[k];
    const rp_department *dp = &m->departments[r->department];
    const rp_student *st = &m->students[r->student];
    const char *hospital = m->hospitals[dp->hospital].name;
    const char *department = rp_pub_department_name(m, r->department);
    const char *discipline = m->disciplines[dp->discipline].name;
    char uid[512], summary[512], location[512], description[2048], sup[32], notes[1024];
    snprintf(uid, sizeof uid, "%s-%s-%s-w%d@rotaplan", st->id, m->hospitals[dp->hospital].id,
             dp->id, r->start + 1);
    if (for_department)
        snprintf(summary, sizeof summary, "%s (%s)", rp_pub_student_name(m, r->student), st->id);
    else
        snprintf(summary, sizeof summary, "%s at %s", discipline, hospital);
    snprintf(location, sizeof location, "%s, %s", department, hospital);
    rp_pub_supervisors(m, r->department, r->start, r->length, sup, sizeof sup);
    rp_pub_notes(m, r->department, r->start, r->length, notes, sizeof notes);
    int n = r->length > 1 ? snprintf(description, sizeof description, "%s, weeks %d-%d",
                                     discipline, r->start + 1, r->start + r->length)
                          : snprintf(description, sizeof description, "%s, week %d", discipline,
                                     r->start + 1);
    if (for_department && n >= 0 && (size_t)n < sizeof description)
        n += snprintf(description + n, sizeof description - (size_t)n, ". Student: %s (%s), %s",
                      rp_pub_student_name(m, r->student), st->id,
                      m->programmes[st->programme].name ? m->programmes[st->programme].name
                                                        : m->programmes[st->programme].id);
    if (sup[0] && n >= 0 && (size_t)n < sizeof description)
        n += snprintf(description + n, sizeof description - (size_t)n, ". Supervisors: %s", sup);
    if (notes[0] && n >= 0 && (size_t)n < sizeof description)
        snprintf(description + n, sizeof description - (size_t)n, ". Notes: %s", notes);
    icalcomponent *event = icalcomponent_vanew(
        ICAL_VEVENT_COMPONENT, icalproperty_new_uid(uid),
        icalproperty_new_dtstamp(
            icaltime_from_timet_with_zone(v->p->stamp, 0, icaltimezone_get_utc_timezone())),
        icalproperty_new_dtstart(day_of(m, r->start, 0)),
        icalproperty_new_dtend(day_of(m, r->start + r->length, 0)),
        icalproperty_new_summary(summary), icalproperty_new_location(location),
        icalproperty_new_description(description), icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT),
        (void *)0);
    if (event)
        icalcomponent_add_component(cal, event);
}

static rp_status save(icalcomponent *cal, const char *dir, const char *name, rp_diags *diags)
{
    char file[600];
    snprintf(file, sizeof file, "calendar/%s.ics", name);
    char *path = rp_pub_path(dir, file);
    char *text = icalcomponent_as_ical_string_r(cal);
    rp_status st = path && text ? RP_OK : RP_ERR_NOMEM;
    FILE *out = st ? NULL : fopen(path, "w");
    if (!st && !out) {
        rp_diag_error(diags, (rp_loc){path, 0, 0}, "cannot create: %s", strerror(errno));
        st = RP_ERR_IO;
    }
    if (out) {
        fputs(text, out);
        st = rp_pub_close(out, path, diags);
    }
    free(text);
    free(path);
    return st;
}

/* A file name from an id: ids never hold '/', but one starting with '.' would
 * be hidden (or be "." or ".."). */
static void file_name(const char *a, const char *b, char *buf, size_t size)
{
    snprintf(buf, size, "%s%s%s%s", a[0] == '.' ? "_" : "", a, b ? "-" : "", b ? b : "");
}

static rp_status student_calendars(const rp_pub_view *v, const char *dir, rp_diags *diags)
{
    const rp_model *m = v->m;
    for (int s = 0; s < m->n_students; s++) {
        char title[512], name[300];
        snprintf(title, sizeof title, "Rotations of %s", rp_pub_student_name(m, s));
        icalcomponent *cal = new_calendar(title);
        if (!cal)
            return RP_ERR_NOMEM;
        for (int k = v->student_first[s]; k < v->student_first[s + 1]; k++)
            add_event(v, cal, k, false);
        file_name(m->students[s].id, NULL, name, sizeof name);
        rp_status st = save(cal, dir, name, diags);
        icalcomponent_free(cal);
        RP_TRY(st);
    }
    return RP_OK;
}

static rp_status department_calendars(const rp_pub_view *v, const char *dir, rp_diags *diags)
{
    const rp_model *m = v->m;
    for (int d = 0; d < m->n_departments; d++) {
        const rp_department *dp = &m->departments[d];
        char title[512], name[600];
        snprintf(title, sizeof title, "Students in %s, %s", rp_pub_department_name(m, d),
                 m->hospitals[dp->hospital].name);
        icalcomponent *cal = new_calendar(title);
        if (!cal)
            return RP_ERR_NOMEM;
        for (int k = 0; k < v->plan->n_rotations; k++)
            if (v->plan->rotations[k].department == d)
                add_event(v, cal, k, true);
        file_name(m->hospitals[dp->hospital].id, dp->id, name, sizeof name);
        rp_status st = save(cal, dir, name, diags);
        icalcomponent_free(cal);
        RP_TRY(st);
    }
    return RP_OK;
}

/* A student whose id reads like a department's file name would share it. */
static rp_status check_names(const rp_model *m, rp_diags *diags)
{
    for (int d = 0; d < m->n_departments; d++) {
        char name[600];
        file_name(m->hospitals[m->departments[d].hospital].id, m->departments[d].id, name,
                  sizeof name);
        int s = rp_model_find_student(m, name);
        if (s >= 0) {
            rp_diag_error(diags, m->students[s].loc,
                          "student '%s' has the id of department %s's calendar file; give the "
                          "student another id",
                          name, name);
            return RP_ERR_INVALID;
        }
    }
    return RP_OK;
}

rp_status rp_pub_write_calendars(const rp_pub_view *v, const char *dir, rp_diags *diags)
{
    RP_TRY(check_names(v->m, diags));
    char *folder = rp_pub_path(dir, "calendar");
    if (!folder)
        return RP_ERR_NOMEM;
    if (mkdir(folder, 0777) != 0) {
        rp_diag_error(diags, (rp_loc){folder, 0, 0}, "cannot create the folder: %s",
                      strerror(errno));
        free(folder);
        return RP_ERR_IO;
    }
    free(folder);
    RP_TRY(student_calendars(v, dir, diags));
    return department_calendars(v, dir, diags);
}
