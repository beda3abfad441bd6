#!/usr/bin/env python3
"""Builds a witness plan for a shipped config: a plan that keeps every hard
rule, found by a small integer program solved with cbc (or glpsol).

    tests/data/configs/make_witness.py configs/quang_ninh.yaml tests/data/configs/quang_ninh-witness.csv

The witness only proves the config feasible; tests/test_configs.c loads the
config with the real loader and checks the witness with the real checker, so
a mistake here shows up there. It reads the config keys the shipped configs
use (docs/config.md) and maximises the students' discipline preferences and
the school's priorities so the witness looks like a plan an office would
accept. Needs python3 with PyYAML, and cbc or glpsol.
"""
import csv
import datetime
import os
import shutil
import subprocess
import sys
import tempfile

import yaml


def weeks_of(value):
    out = []
    for part in value if isinstance(value, list) else [value]:
        part = str(part)
        if '-' in part:
            a, b = part.split('-')
            out += range(int(a) - 1, int(b))
        else:
            out.append(int(part) - 1)
    return out


def split_cell(text):
    return [x.strip() for x in text.split(';') if x.strip()] if text else []


def load(path):
    cfg = yaml.safe_load(open(path))
    W = cfg['weeks']
    disc = {d['id']: d for d in cfg['disciplines']}
    groups = {}
    for d in cfg['disciplines']:
        if d.get('group'):
            groups.setdefault(d['group'], []).append(d['id'])
    top_sps = cfg.get('students_per_supervisor', 1)
    depts = []
    for h in cfg['hospitals']:
        hsps = h.get('students_per_supervisor', top_sps)
        for d in h['departments']:
            sup = d.get('supervisors')
            sps = d.get('students_per_supervisor', hsps)
            cap = d.get('capacity')
            mn = d.get('minimum', 0)
            caps, mins = [], []
            for t in range(W):
                s, c, m, closed = sup, cap, mn, False
                for ch in d.get('changes', []):
                    if t in weeks_of(ch['weeks']):
                        s = ch.get('supervisors', s)
                        c = ch.get('capacity', c)
                        m = ch.get('minimum', m)
                        closed = ch.get('closed', closed)
                limits = [x for x in (s * sps if s is not None else None, c) if x is not None]
                caps.append(0 if closed else min(limits))
                mins.append(0 if closed else m)
            depts.append(dict(hospital=h['id'], id=d.get('id', d['discipline']),
                              discipline=d['discipline'], cap=caps, min=mins))

    def reqs_of(raw):
        out = []
        for r in raw:
            if 'discipline' in r:
                ds = [r['discipline']]
            elif 'group' in r:
                ds = groups[r['group']]
            else:
                ds = r['disciplines']
            if 'count' in r:
                lo = hi = r['count']
            elif 'at_least' in r or 'at_most' in r:
                lo, hi = r.get('at_least', 0), r.get('at_most', len(ds))
            else:
                lo = hi = 1
            out.append((ds, lo, hi))
        return out

    progs = {}
    all_h = [h['id'] for h in cfg['hospitals']]
    for p in cfg['programmes']:
        progs[p['id']] = dict(reqs=reqs_of(p['requirements']),
                              hospitals=p.get('hospitals', all_h),
                              limit=p.get('max_per_hospital'))
    students = []
    for s in cfg.get('students') or []:
        prefs = (s.get('preferences') or {}).get('disciplines') or {}
        students.append(dict(
            id=s['id'], programme=s['programme'], unavailable=weeks_of(s.get('unavailable', [])),
            hospitals=s.get('hospitals'), avoid_hospitals=s.get('avoid_hospitals', []),
            departments=s.get('departments'), avoid_departments=s.get('avoid_departments', []),
            avoid_disciplines=s.get('avoid_disciplines', []), prefs=prefs,
            pins=s.get('pins', []), reqs=reqs_of(s['requirements']) if 'requirements' in s else None,
            limit=s.get('max_per_hospital')))
    if cfg.get('student_file'):
        with open(os.path.join(os.path.dirname(path), cfg['student_file']), newline='') as f:
            for row in csv.DictReader(f):
                prefs = {}
                for item in split_cell(row.get('discipline_preferences', '')):
                    k, v = item.split(':')
                    prefs[k] = int(v)
                students.append(dict(
                    id=row['id'], programme=row['programme'],
                    unavailable=weeks_of(split_cell(row.get('unavailable', ''))),
                    hospitals=split_cell(row.get('hospitals', '')) or None,
                    avoid_hospitals=split_cell(row.get('avoid_hospitals', '')),
                    departments=split_cell(row.get('departments', '')) or None,
                    avoid_departments=split_cell(row.get('avoid_departments', '')),
                    avoid_disciplines=split_cell(row.get('avoid_disciplines', '')),
                    prefs=prefs, pins=[], reqs=None, limit=None))
    return cfg, W, disc, depts, progs, students


def build(cfg, W, disc, depts, progs, students):
    x = {}  # (s, dept, start) -> name
    rows = []
    obj = []
    prio = cfg.get('objective', {}).get('school_priority', 1)
    for si, s in enumerate(students):
        p = progs[s['programme']]
        reqs = s['reqs'] or p['reqs']
        allowed = set(d for ds, _, _ in reqs for d in ds)
        hosp = set(p['hospitals'])
        if s['hospitals']:
            hosp &= set(s['hospitals'])
        hosp -= set(s['avoid_hospitals'])
        for di, d in enumerate(depts):
            ref = d['hospital'] + '/' + d['id']
            if d['discipline'] not in allowed or d['hospital'] not in hosp:
                continue
            if d['discipline'] in s['avoid_disciplines'] or ref in s['avoid_departments']:
                continue
            if s['departments'] and ref not in s['departments']:
                continue
            L = disc[d['discipline']].get('length', 1)
            for k in range(W - L + 1):
                if any(t in s['unavailable'] for t in range(k, k + L)):
                    continue
                name = 'x_%d_%d_%d' % (si, di, k)
                x[(si, di, k)] = name
                gain = s['prefs'].get(d['discipline'], 0) + prio * disc[d['discipline']].get('priority', 0)
                if gain:
                    obj.append('%+d %s' % (gain, name))
        mine = [(di, k) for (sj, di, k) in x if sj == si]

        def cover(pred):
            return [x[(si, di, k)] for di, k in mine if pred(di, k)]
        for d in disc:
            terms = cover(lambda di, k: depts[di]['discipline'] == d)
            if len(terms) > 1:
                rows.append(' + '.join(terms) + ' <= 1')
        for ds, lo, hi in reqs:
            terms = cover(lambda di, k: depts[di]['discipline'] in ds)
            rows.append((' + '.join(terms) or '0 x_dummy') + ' >= %d' % lo)
            if terms:
                rows.append(' + '.join(terms) + ' <= %d' % hi)
        for t in range(W):
            terms = cover(lambda di, k: k <= t < k + disc[depts[di]['discipline']].get('length', 1))
            if len(terms) > 1:
                rows.append(' + '.join(terms) + ' <= 1')
        for d, dd in disc.items():
            for pre in dd.get('prerequisites', []):
                Lp = disc[pre].get('length', 1)
                for di, k in mine:
                    if depts[di]['discipline'] != d:
                        continue
                    before = cover(lambda dj, j: depts[dj]['discipline'] == pre and j + Lp <= k)
                    rows.append(x[(si, di, k)] + ''.join(' - ' + b for b in before) + ' <= 0')
        limit = s['limit'] if s['limit'] is not None else p['limit']
        if limit is not None:
            for h in hosp:
                terms = cover(lambda di, k: depts[di]['hospital'] == h)
                if len(terms) > limit:
                    rows.append(' + '.join(terms) + ' <= %d' % limit)
        for pin in s['pins']:
            def match(di, k, pin=pin):
                d = depts[di]
                if d['discipline'] != pin['discipline']:
                    return False
                if 'hospital' in pin and d['hospital'] != pin['hospital']:
                    return False
                if 'department' in pin:
                    ref = pin['department'] if '/' in pin['department'] else pin['hospital'] + '/' + pin['department']
                    if d['hospital'] + '/' + d['id'] != ref:
                        return False
                return 'week' not in pin or k == pin['week'] - 1
            rows.append((' + '.join(cover(match)) or '0 x_dummy') + ' = 1')
    for di, d in enumerate(depts):
        L = disc[d['discipline']].get('length', 1)
        for t in range(W):
            terms = [x[key] for key in x if key[1] == di and key[2] <= t < key[2] + L]
            if terms and len(terms) > d['cap'][t]:
                rows.append(' + '.join(terms) + ' <= %d' % d['cap'][t])
            if d['min'][t]:
                rows.append((' + '.join(terms) or '0 x_dummy') + ' >= %d' % d['min'][t])
    return x, rows, obj


def solve(x, rows, obj):
    tmp = tempfile.mkdtemp()
    lp = os.path.join(tmp, 'w.lp')
    with open(lp, 'w') as f:
        f.write('Maximize\n obj: ' + (' '.join(obj) or '0 x_dummy') + '\nSubject To\n')
        for i, r in enumerate(rows):
            f.write(' c%d: %s\n' % (i, r))
        f.write('Bounds\n x_dummy = 0\nBinary\n')
        for name in x.values():
            f.write(' %s\n' % name)
        f.write('End\n')
    sol = os.path.join(tmp, 'w.sol')
    chosen = set()
    if shutil.which('cbc'):
        subprocess.run(['cbc', lp, 'sec', '600', 'solve', 'solu', sol], check=True,
                       stdout=subprocess.DEVNULL)
        text = open(sol).read().split('\n')
        if 'Infeasible' in text[0] or 'infeasible' in text[0]:
            sys.exit('no plan: the config is infeasible')
        print(text[0], file=sys.stderr)
        for line in text[1:]:
            parts = line.split()
            if len(parts) >= 3 and parts[1].startswith('x_') and parts[1] != 'x_dummy' and float(parts[2]) > 0.5:
                chosen.add(parts[1])
    else:
        subprocess.run(['glpsol', '--lp', lp, '--tmlim', '600', '-w', sol], check=True,
                       stdout=subprocess.DEVNULL)
        sys.exit('glpsol output parsing is not implemented; install coinor-cbc')
    shutil.rmtree(tmp)
    return chosen


def main():
    path, out = sys.argv[1], sys.argv[2]
    cfg, W, disc, depts, progs, students = load(path)
    x, rows, obj = build(cfg, W, disc, depts, progs, students)
    chosen = solve(x, rows, obj)
    start = None
    if cfg.get('start_date'):
        start = cfg['start_date'] if isinstance(cfg['start_date'], datetime.date) else \
            datetime.date.fromisoformat(str(cfg['start_date']))
    week_of = {}
    for (si, di, k), name in x.items():
        if name in chosen:
            L = disc[depts[di]['discipline']].get('length', 1)
            for t in range(k, k + L):
                week_of[(si, t)] = depts[di]
    with open(out, 'w', newline='') as f:
        w = csv.writer(f, lineterminator='\n')
        w.writerow(['student', 'week'] + (['date'] if start else []) + ['hospital', 'department', 'discipline'])
        for si, s in enumerate(students):
            for t in range(W):
                d = week_of.get((si, t))
                date = [str(start + datetime.timedelta(weeks=t))] if start else []
                cells = [d['hospital'], d['id'], d['discipline']] if d else ['', '', '']
                w.writerow([s['id'], t + 1] + date + cells)


if __name__ == '__main__':
    main()
