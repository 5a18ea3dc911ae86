// The points engine of SPEC 4: a year's approved records become point entries (hundredths,
// each rounded once), either listed one by one for `score explain` or summed per volunteer
// or per activity in one pass fast enough for a city's whole year.

import { type Ratio, ratio, roundDiv } from './round.js';
import { type CompiledRules, type Rules, compileRules } from './rules.js';

export type RecordKind = 'service' | 'training' | 'commendation' | 'complaint' | 'no_show' | 'adjustment';

export interface ScoreRecord {
  id: string;
  kind: RecordKind;
  volunteer_no: string;
  /** YYYY-MM-DD */
  date: string;
  /** 'HH:MM' or null */
  start: string | null;
  minutes: number | null;
  role: string | null;
  evaluation: string | null;
  status: 'pending' | 'approved' | 'rejected';
  level: string | null;
  upheld: boolean | null;
  /** Hundredths, for adjustments. */
  points: number | null;
  activity: string | null;
}

export type EntryKind = 'service' | 'leader' | 'evaluation' | 'training' | 'commendation' | 'no-show' | 'complaint' | 'adjustment';

export interface ScoreEntry {
  volunteer_no: string;
  date: string;
  kind: EntryKind;
  /** The id of the record that made the entry. */
  ref: string;
  /** The rule in words, e.g. "2.5 h × 1 × 1.5 (special day)". */
  rule: string;
  /** Credited minutes for service entries, training minutes for training, else 0. */
  minutes: number;
  /** Hundredths. */
  points: number;
  activity: string | null;
}

/** One volunteer's year: the figures rankings, awards and reports are made of. */
export interface VolunteerYear {
  /** Sum of the entries, hundredths. */
  points: number;
  /** Approved service minutes as recorded (the daily cap limits points, not hours). */
  minutes: number;
  /** Approved service records. */
  records: number;
  /** Service records with an evaluation, and those of them not rated dissatisfied. */
  evaluated: number;
  satisfiedish: number;
  upheldComplaints: number;
  satisfaction: Ratio | null;
}

/** One activity's year, for team totals: entries of records on it, no-shows left out (SPEC 5). */
export interface ActivityYear {
  points: number;
  minutes: number;
  records: number;
  evaluated: number;
  satisfiedish: number;
  satisfaction: Ratio | null;
}

const yearBounds = (year: number) => ({ lo: `${year}-01-01`, hi: `${year}-12-31` });
const counts = (r: ScoreRecord, year: { lo: string; hi: string }) =>
  r.status === 'approved' && r.date >= year.lo && r.date <= year.hi;

/** Within a day: records with a start time first, by start, then by id (SPEC 4 step 1). */
export function creditOrder(a: ScoreRecord, b: ScoreRecord): number {
  if (a.start !== b.start) {
    if (a.start === null) return 1;
    if (b.start === null) return -1;
    // '9:00' and '09:00' must order as times, so compare padded
    const sa = a.start.padStart(5, '0'), sb = b.start.padStart(5, '0');
    if (sa !== sb) return sa < sb ? -1 : 1;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const isSpecialDay = (date: string, c: CompiledRules) => c.specialDays.has(date.slice(5, 10));

/** Points for credited service minutes: exact integers, one rounding (9 min × 1.5 = 0.225 → 0.23). */
function servicePoints(credited: number, special: boolean, c: CompiledRules): number {
  return special ? roundDiv(credited * c.pointsPerHour * c.multiplier, 6000) : roundDiv(credited * c.pointsPerHour, 60);
}

const evaluationPoints = (ev: string | null, c: CompiledRules): number | undefined =>
  ev ? (c.evaluation as Record<string, number>)[ev] : undefined;

const commendationPoints = (level: string | null, c: CompiledRules): number =>
  (level ? (c.commendation as Record<string, number>)[level] : undefined) ?? 0;

/** 150 -> "1.5", -250 -> "-2.5", 0 -> "0". */
function decimal(hundredths: number): string {
  const sign = hundredths < 0 ? '-' : '';
  const a = Math.abs(hundredths);
  const frac = String(a % 100).padStart(2, '0').replace(/0+$/, '');
  return `${sign}${Math.floor(a / 100)}${frac ? '.' + frac : ''}`;
}
const signed = (hundredths: number) => (hundredths > 0 ? '+' : '') + decimal(hundredths);
/** Hours as written in a rule: exact decimals when they exist (2.5), else minutes/60 (50/60). */
const hoursText = (minutes: number) => ((minutes * 100) % 60 === 0 ? decimal((minutes * 100) / 60) : `${minutes}/60`);

const KIND_ORDER: Record<RecordKind, number> = { service: 0, training: 1, commendation: 2, no_show: 3, complaint: 4, adjustment: 5 };

/**
 * Every entry of the year, per volunteer and day in credit order; the reference
 * implementation of SPEC 4 steps 1–4 that `score explain` prints.
 */
export function scoreEntries(records: readonly ScoreRecord[], rules: Rules, year: number): ScoreEntry[] {
  const c = compileRules(rules);
  const bounds = yearBounds(year);
  const sorted = records.filter((r) => counts(r, bounds)).sort((a, b) =>
    a.volunteer_no !== b.volunteer_no ? (a.volunteer_no < b.volunteer_no ? -1 : 1)
      : a.date !== b.date ? (a.date < b.date ? -1 : 1)
        : KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || creditOrder(a, b));
  const entries: ScoreEntry[] = [];
  let dayKey = '';
  let creditedToday = 0;
  for (const r of sorted) {
    const entry = (kind: EntryKind, rule: string, points: number, minutes = 0) =>
      entries.push({ volunteer_no: r.volunteer_no, date: r.date, kind, ref: r.id, rule, minutes, points, activity: r.activity });
    switch (r.kind) {
      case 'service': {
        const key = `${r.volunteer_no}\u0000${r.date}`;
        if (key !== dayKey) [dayKey, creditedToday] = [key, 0];
        const recorded = r.minutes ?? 0;
        const credited = Math.min(recorded, Math.max(0, c.maxMinutesPerDay - creditedToday));
        creditedToday += credited;
        const special = isSpecialDay(r.date, c);
        let rule = `${hoursText(credited)} h × ${decimal(c.pointsPerHour)}`;
        if (special) rule += ` × ${decimal(c.multiplier)} (special day)`;
        if (credited < recorded) rule = `capped: ${credited} of ${recorded} minutes credited; ${rule}`;
        entry('service', rule, servicePoints(credited, special, c), credited);
        if (r.role === 'leader') entry('leader', `leader bonus ${signed(c.leaderBonus)}`, c.leaderBonus);
        const ev = evaluationPoints(r.evaluation, c);
        if (ev !== undefined) entry('evaluation', `evaluation ${r.evaluation} ${signed(ev)}`, ev);
        break;
      }
      case 'training': {
        const m = r.minutes ?? 0;
        entry('training', `${hoursText(m)} h training × ${decimal(c.trainingPointsPerHour)}`, roundDiv(m * c.trainingPointsPerHour, 60), m);
        break;
      }
      case 'commendation': {
        const p = commendationPoints(r.level, c);
        entry('commendation', `commendation ${r.level ?? '(no level)'} ${signed(p)}`, p);
        break;
      }
      case 'no_show':
        entry('no-show', `no-show ${signed(c.noShow)}`, c.noShow);
        break;
      case 'complaint':
        if (r.upheld) entry('complaint', `upheld complaint ${signed(c.complaintUpheld)}`, c.complaintUpheld);
        break;
      case 'adjustment':
        entry('adjustment', `adjustment ${signed(r.points ?? 0)}`, r.points ?? 0);
        break;
    }
  }
  return entries;
}

/** Receives every entry of the year, in no particular order. */
type EntrySink = (r: ScoreRecord, kind: EntryKind, points: number) => void;

/**
 * The fast path: one pass sums each volunteer-day's minutes, a second credits them. Only a day
 * over the cap needs its records ordered, so only those days are collected and sorted.
 */
function forEachEntry(records: readonly ScoreRecord[], rules: Rules, year: number, sink: EntrySink): void {
  const c = compileRules(rules);
  const { lo, hi } = yearBounds(year);
  const cap = c.maxMinutesPerDay;
  const special = new Uint8Array(13 * 32);
  for (const md of c.specialDays) special[Number(md.slice(0, 2)) * 32 + Number(md.slice(3, 5))] = 1;

  // volunteer_no -> small integer, so a volunteer-day is one integer key
  const volunteerIndex = new Map<string, number>();
  const dayMinutes = new Map<number, number>();
  const service: number[] = [];
  const serviceDay: number[] = [];
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (r.status !== 'approved' || r.date < lo || r.date > hi) continue;
    switch (r.kind) {
      case 'service': {
        let v = volunteerIndex.get(r.volunteer_no);
        if (v === undefined) volunteerIndex.set(r.volunteer_no, (v = volunteerIndex.size));
        const d = r.date;
        const md = (d.charCodeAt(5) * 10 + d.charCodeAt(6) - 528) * 32 + d.charCodeAt(8) * 10 + d.charCodeAt(9) - 528;
        const key = v * 512 + md;
        dayMinutes.set(key, (dayMinutes.get(key) ?? 0) + (r.minutes ?? 0));
        service.push(i);
        serviceDay.push(key);
        if (r.role === 'leader') sink(r, 'leader', c.leaderBonus);
        const ev = evaluationPoints(r.evaluation, c);
        if (ev !== undefined) sink(r, 'evaluation', ev);
        break;
      }
      case 'training':
        sink(r, 'training', roundDiv((r.minutes ?? 0) * c.trainingPointsPerHour, 60));
        break;
      case 'commendation':
        sink(r, 'commendation', commendationPoints(r.level, c));
        break;
      case 'no_show':
        sink(r, 'no-show', c.noShow);
        break;
      case 'complaint':
        if (r.upheld) sink(r, 'complaint', c.complaintUpheld);
        break;
      case 'adjustment':
        sink(r, 'adjustment', r.points ?? 0);
        break;
    }
  }

  let overCap: Map<number, ScoreRecord[]> | undefined;
  for (let j = 0; j < service.length; j++) {
    const r = records[service[j]!]!;
    const key = serviceDay[j]!;
    if (dayMinutes.get(key)! <= cap) {
      sink(r, 'service', servicePoints(r.minutes ?? 0, special[key & 511] === 1, c));
    } else {
      overCap ??= new Map();
      const day = overCap.get(key);
      if (day) day.push(r);
      else overCap.set(key, [r]);
    }
  }
  if (!overCap) return;
  for (const [key, day] of overCap) {
    day.sort(creditOrder);
    let left = cap;
    for (const r of day) {
      const credited = Math.min(r.minutes ?? 0, left);
      left -= credited;
      sink(r, 'service', servicePoints(credited, special[key & 511] === 1, c));
    }
  }
}

const NOT_DISSATISFIED = (ev: string | null) => ev !== 'dissatisfied';

/** Each volunteer with at least one entry in the year, with their totals. */
export function summariseYear(records: readonly ScoreRecord[], rules: Rules, year: number): Map<string, VolunteerYear> {
  const out = new Map<string, VolunteerYear>();
  forEachEntry(records, rules, year, (r, kind, points) => {
    let v = out.get(r.volunteer_no);
    if (!v) {
      v = { points: 0, minutes: 0, records: 0, evaluated: 0, satisfiedish: 0, upheldComplaints: 0, satisfaction: null };
      out.set(r.volunteer_no, v);
    }
    v.points += points;
    if (kind === 'service') {
      v.minutes += r.minutes ?? 0;
      v.records++;
    } else if (kind === 'evaluation') {
      v.evaluated++;
      if (NOT_DISSATISFIED(r.evaluation)) v.satisfiedish++;
    } else if (kind === 'complaint') {
      v.upheldComplaints++;
    }
  });
  for (const v of out.values()) v.satisfaction = ratio(v.satisfiedish, v.evaluated);
  return out;
}

/** Each activity with records in the year: points of the entries on it (not no-shows), hours, rate. */
export function summariseActivities(records: readonly ScoreRecord[], rules: Rules, year: number): Map<string, ActivityYear> {
  const out = new Map<string, ActivityYear>();
  forEachEntry(records, rules, year, (r, kind, points) => {
    if (r.activity === null || kind === 'no-show') return;
    let a = out.get(r.activity);
    if (!a) {
      a = { points: 0, minutes: 0, records: 0, evaluated: 0, satisfiedish: 0, satisfaction: null };
      out.set(r.activity, a);
    }
    a.points += points;
    if (kind === 'service') {
      a.minutes += r.minutes ?? 0;
      a.records++;
    } else if (kind === 'evaluation') {
      a.evaluated++;
      if (NOT_DISSATISFIED(r.evaluation)) a.satisfiedish++;
    }
  });
  for (const a of out.values()) a.satisfaction = ratio(a.satisfiedish, a.evaluated);
  return out;
}

/** The totals of several activities, e.g. all of a team's activities in the year. */
export function sumActivityYears(years: Iterable<ActivityYear>): ActivityYear {
  const t: ActivityYear = { points: 0, minutes: 0, records: 0, evaluated: 0, satisfiedish: 0, satisfaction: null };
  for (const a of years) {
    t.points += a.points;
    t.minutes += a.minutes;
    t.records += a.records;
    t.evaluated += a.evaluated;
    t.satisfiedish += a.satisfiedish;
  }
  t.satisfaction = ratio(t.satisfiedish, t.evaluated);
  return t;
}

/** Star level 0..5: how many `stars` thresholds (hours) the all-time approved minutes reach. */
export function starLevel(allTimeApprovedMinutes: number, rules: Rules): number {
  let stars = 0;
  for (const m of compileRules(rules).starMinutes) if (allTimeApprovedMinutes >= m) stars++;
  return stars;
}
