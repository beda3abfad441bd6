#!/usr/bin/python3
"""Reads what `rotaplan publish` wrote the way an office would, and compares it
with the plan file and the config, which it reads on its own (PyYAML, csv):

  check_outputs.py CONFIG PLAN_CSV DIR PDF [CHANGES_CSV]

- PDF (index.html printed by headless chromium): every student-week of the
  plan is found in the timetable grid, name and id, in the expected
  hospital, department row and week column (pdftotext -bbox word positions);
  and nowhere else.
- DIR/plan.xlsx (openpyxl): every rotation on the Students sheet with real
  dates, frozen headers; the Departments sheet holds every student-week.
- DIR/calendar/*.ics (python-icalendar): one all-day event per rotation with
  the right dates, in the student's and in the department's calendar.
- With CHANGES_CSV (reschedule --changes): the Changes sheet has its rows.
Prints what it checked; exits 1 on the first difference."""
import csv
import datetime
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

import icalendar
import openpyxl
import yaml


def fail(msg):
    print("FAILED  " + msg)
    sys.exit(1)


def load_config(path):
    with open(path, encoding="utf-8") as f:
        cfg = yaml.safe_load(f)
    students = {}
    if cfg.get("student_file"):
        roster = os.path.join(os.path.dirname(path), cfg["student_file"])
        with open(roster, encoding="utf-8-sig") as f:
            for row in csv.DictReader(f):
                students[row["id"]] = row.get("name") or row["id"]
    for s in cfg.get("students") or []:
        students[s["id"]] = s.get("name") or s["id"]
    disciplines = {d["id"]: d.get("name") or d["id"] for d in cfg["disciplines"]}
    hospitals, departments = {}, {}
    for h in cfg["hospitals"]:
        hospitals[h["id"]] = h.get("name") or h["id"]
        for d in h["departments"]:
            did = d.get("id") or d["discipline"]
            departments[(h["id"], did)] = d.get("name") or disciplines[d["discipline"]]
    start = cfg["start_date"]
    if isinstance(start, str):
        start = datetime.date.fromisoformat(start)
    return students, hospitals, departments, start, cfg["weeks"]


def load_plan(path):
    """(student, week) -> (hospital, department), and rotations as
    (student, hospital, department, first week, last week)."""
    weeks = {}
    with open(path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["department"]:
                weeks[(row["student"], int(row["week"]))] = (row["hospital"], row["department"])
    rotations = []
    for (s, w), place in sorted(weeks.items()):
        if rotations and rotations[-1][0] == s and rotations[-1][1:3] == place and \
                rotations[-1][4] == w - 1:
            rotations[-1] = rotations[-1][:4] + (w,)
        else:
            rotations.append((s,) + place + (w, w))
    return weeks, rotations


def first_day(start, week):
    return start + datetime.timedelta(days=7 * (week - 1))


def last_day(start, week):
    return start + datetime.timedelta(days=7 * week - 1)


def pdf_grid(pdf, students, hospitals, departments):
    """(hospital, department id, week, student id) for every student found in
    a timetable cell, after checking the name printed before the id."""
    xml = subprocess.run(["pdftotext", "-bbox", pdf, "-"], check=True,
                         capture_output=True).stdout
    root = ET.fromstring(xml)
    ns = "{http://www.w3.org/1999/xhtml}"
    found, hospital, carried = set(), None, None
    for page in root.iter(ns + "page"):
        words = [(float(w.get("xMin")), float(w.get("yMin")), w.text or "")
                 for w in page.iter(ns + "word")]
        text = " ".join(t for _, _, t in words)
        if "student-weeks placed" in text:
            head = text.split("student-weeks placed")[0]
            named = [h for h, name in hospitals.items() if name in head]
            if named:
                hospital = max(named, key=lambda h: head.rfind(hospitals[h]))
        columns = {}
        for i, (x, y, t) in enumerate(words[:-1]):
            if t == "Week" and words[i + 1][2].isdigit() and abs(words[i + 1][1] - y) < 1:
                columns[int(words[i + 1][2])] = x
        if not columns:
            continue
        first_x = min(columns.values())
        header_y = max(y for x, y, t in words if t == "Week")
        left = [(y, t) for x, y, t in words if x < first_x - 1 and y > header_y + 5]
        # A row starts at its department id: alone on its line (the name below it
        # may hold the same word), and the first of two close ones (a name that is
        # the id itself).
        rows = []
        for y, t in sorted(left):
            alone = sum(1 for y2, _ in left if abs(y2 - y) < 1) == 1
            if (hospital, t) in departments and alone and \
                    not (rows and rows[-1][1] == t and y - rows[-1][0] < 25):
                rows.append((y, t))
        if carried and (not rows or rows[0][0] > header_y + 12):
            rows.insert(0, (header_y + 5, carried))  # a row continued from the last page
        edges = sorted(columns.items(), key=lambda c: c[1])
        for x, y, t in words:
            if t not in students or x < first_x - 1:
                continue
            week = max((w for w, cx in edges if cx <= x + 0.5), default=None)
            row = [r for r in rows if r[0] <= y + 1.5]
            if week is None or not row:
                fail("%s at (%.0f, %.0f) on a timetable page is in no cell" % (t, x, y))
            dept_y, dept = row[-1]
            nxt = [r[0] for r in rows if r[0] > dept_y]
            bottom = nxt[0] if nxt else 1e9
            left = columns[week]
            right = min([cx for cx in columns.values() if cx > left], default=1e9)
            cell = sorted((wy, wx, wt) for wx, wy, wt in words
                          if left - 0.5 <= wx < right - 0.5 and dept_y - 1.5 <= wy < bottom - 1.5)
            cell_text = " ".join(wt for _, _, wt in cell)
            if "%s %s" % (students[t], t) not in cell_text:
                fail("the name of %s (%s) is not printed beside its id in %s, week %d: %r"
                     % (t, students[t], dept, week, cell_text[:300]))
            found.add((hospital, dept, week, t))
        carried = rows[-1][1] if rows else carried
    return found


def check_pdf(pdf, students, hospitals, departments, weeks):
    found = pdf_grid(pdf, students, hospitals, departments)
    expected = {(h, d, w, s) for (s, w), (h, d) in weeks.items()}
    if found != expected:
        missing = sorted(expected - found)[:5]
        extra = sorted(found - expected)[:5]
        fail("printed timetable: %d student-weeks missing (e.g. %s), %d unexpected (e.g. %s)"
             % (len(expected - found), missing, len(found - expected), extra))
    print("ok      printed timetable: %d student-weeks, each name and id in its department "
          "and week" % len(found))


def as_date(value):
    if not isinstance(value, datetime.datetime):
        fail("plan.xlsx: %r is not a date" % (value,))
    return value.date()


def check_xlsx(path, students, hospitals, departments, start, weeks, rotations, changes):
    book = openpyxl.load_workbook(path)
    want = ["Timetable", "Students", "Departments", "Load"] + (["Changes"] if changes else [])
    if book.sheetnames != want:
        fail("plan.xlsx sheets %s, expected %s" % (book.sheetnames, want))
    sheet = book["Students"]
    if sheet.freeze_panes != "A2" or book["Timetable"].freeze_panes != "B2":
        fail("plan.xlsx: headers not frozen")
    if sheet.column_dimensions["B"].width < 20:
        fail("plan.xlsx: the name column keeps the default width")
    got = set()
    for row in sheet.iter_rows(min_row=2, values_only=True):
        got.add((row[0], row[1], row[4], row[5], as_date(row[8]), as_date(row[9])))
    expected = {(s, students[s], hospitals[h], departments[(h, d)], first_day(start, a),
                 last_day(start, b)) for s, h, d, a, b in rotations}
    if got != expected:
        fail("plan.xlsx Students: %d rotations differ, e.g. %s"
             % (len(got ^ expected), sorted(got ^ expected)[:3]))
    roster = {(r[5], r[2]) for r in book["Departments"].iter_rows(min_row=2, values_only=True)}
    if roster != {(s, w) for s, w in weeks}:
        fail("plan.xlsx Departments: the rosters differ from the plan")
    if changes is not None:
        n = book["Changes"].max_row - 1
        if n != changes:
            fail("plan.xlsx Changes: %d rows, reschedule listed %d" % (n, changes))
    print("ok      plan.xlsx: %d rotations with their dates, %d roster rows%s"
          % (len(got), len(roster), ", %d changes" % changes if changes is not None else ""))


def events(path):
    with open(path, "rb") as f:
        cal = icalendar.Calendar.from_ical(f.read())
    out = []
    for e in cal.walk("VEVENT"):
        a, b = e.decoded("DTSTART"), e.decoded("DTEND")
        if isinstance(a, datetime.datetime) or not isinstance(a, datetime.date):
            fail("%s: an event that is not all-day" % path)
        out.append((a, b, str(e.get("LOCATION")), str(e.get("SUMMARY"))))
    return out


def check_ics(folder, students, hospitals, departments, start, rotations):
    n_files = 0
    for s in students:
        got = sorted((a, b, loc) for a, b, loc, _ in events(os.path.join(folder, s + ".ics")))
        want = sorted((first_day(start, a), last_day(start, b) + datetime.timedelta(days=1),
                       "%s, %s" % (departments[(h, d)], hospitals[h]))
                      for st, h, d, a, b in rotations if st == s)
        if got != want:
            fail("calendar/%s.ics: %s, expected %s" % (s, got, want))
        n_files += 1
    for (h, d) in departments:
        got = sorted((a, b, summary) for a, b, _, summary in
                     events(os.path.join(folder, "%s-%s.ics" % (h, d))))
        want = sorted((first_day(start, a), last_day(start, b) + datetime.timedelta(days=1),
                       "%s (%s)" % (students[s], s))
                      for s, rh, rd, a, b in rotations if (rh, rd) == (h, d))
        if got != want:
            fail("calendar/%s-%s.ics: %d events differ" % (h, d, len(set(got) ^ set(want))))
        n_files += 1
    if len(os.listdir(folder)) != n_files:
        fail("calendar/ holds %d files, expected %d" % (len(os.listdir(folder)), n_files))
    print("ok      calendar/: %d calendars, one all-day event per rotation with its dates"
          % n_files)


def main():
    config, plan, folder, pdf = sys.argv[1:5]
    changes = None
    if len(sys.argv) > 5:
        with open(sys.argv[5], encoding="utf-8") as f:
            changes = sum(1 for _ in csv.DictReader(f))
    students, hospitals, departments, start, _ = load_config(config)
    weeks, rotations = load_plan(plan)
    check_pdf(pdf, students, hospitals, departments, weeks)
    check_xlsx(os.path.join(folder, "plan.xlsx"), students, hospitals, departments, start,
               weeks, rotations, changes)
    check_ics(os.path.join(folder, "calendar"), students, hospitals, departments, start,
              rotations)


if __name__ == "__main__":
    main()
