// The points engine of SPEC 4: a year's approved records become point entries (hundredths), listed or summed.
// A year's sums are cached in the database (src/db/year-summaries.ts): a change here that can move
// any figure must bump YEAR_SUMMARY_FORMAT there, or old cached figures would still be printed.

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
  /** Points by entry kind, hundredths (the kinds with no entry are absent). */
  byKind: Partial<Record<EntryKind, number>>;
}

/** The year of a volunteer with no entries (frozen: shared). */
export const EMPTY_VOLUNTEER_YEAR: Readonly<VolunteerYear> = Object.freeze({
  points: 0, minutes: 0, records: 0, evaluated: 0, satisfiedish: 0, upheldComplaints: 0, satisfaction: null, byKind: Object.freeze({}),
});

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

/** Receives every entry of the year, in no particular order; `v` numbers the volunteer from 0. */
type EntrySink = (r: ScoreRecord, v: number, kind: EntryKind, points: number) => void;

/**
 * The entries of a record other than its service points (those need its whole day, SPEC 4
 * step 2): a service record's leader and evaluation bonuses, or the one entry of any other kind.
 */
function otherEntries(r: ScoreRecord, v: number, c: CompiledRules, sink: EntrySink): void {
  switch (r.kind) {
    case 'service': {
      if (r.role === 'leader') sink(r, v, 'leader', c.leaderBonus);
      const ev = evaluationPoints(r.evaluation, c);
      if (ev !== undefined) sink(r, v, 'evaluation', ev);
      break;
    }
    case 'training':
      sink(r, v, 'training', roundDiv((r.minutes ?? 0) * c.trainingPointsPerHour, 60));
      break;
    case 'commendation':
      sink(r, v, 'commendation', commendationPoints(r.level, c));
      break;
    case 'no_show':
      sink(r, v, 'no-show', c.noShow);
      break;
    case 'complaint':
      if (r.upheld) sink(r, v, 'complaint', c.complaintUpheld);
      break;
    case 'adjustment':
      sink(r, v, 'adjustment', r.points ?? 0);
      break;
  }
}

/** Minutes credited to each of a volunteer-day's service records, given in credit order: what the cap leaves (SPEC 4 step 2). */
export function creditInOrder(minutes: readonly number[], cap: number): number[] {
  let left = cap;
  return minutes.map((m) => {
    const got = Math.min(m, left);
    left -= got;
    return got;
  });
}

/** month * 32 + day of a YYYY-MM-DD date, read without making strings. */
const monthDayKey = (d: string) => (d.charCodeAt(5) * 10 + d.charCodeAt(6) - 528) * 32 + d.charCodeAt(8) * 10 + d.charCodeAt(9) - 528;

/** 1 at monthDayKey of each special day. */
function specialDayTable(c: CompiledRules): Uint8Array {
  const special = new Uint8Array(13 * 32);
  for (const md of c.specialDays) special[Number(md.slice(0, 2)) * 32 + Number(md.slice(3, 5))] = 1;
  return special;
}

/**
 * The fast path over a whole year. Hashing a million volunteer-days is what would cost, so
 * service records are grouped by volunteer (a counting sort on integers) and each volunteer's
 * days are summed in a small array indexed by month and day. Only a day over the cap needs its
 * records in credit order, so only such a day is gathered and sorted.
 * Returns the volunteer_no of each volunteer number `v` given to the sink.
 */
function forEachEntry(records: readonly ScoreRecord[], rules: Rules, year: number, sink: EntrySink): string[] {
  const c = compileRules(rules);
  const { lo, hi } = yearBounds(year);
  const cap = c.maxMinutesPerDay;
  const special = specialDayTable(c);

  const volunteerIndex = new Map<string, number>();
  const volunteers: string[] = [];
  // per service record, in file order: its index, volunteer, month-day and minutes
  const service = new Int32Array(records.length);
  const serviceVolunteer = new Int32Array(records.length);
  const serviceDay = new Uint16Array(records.length);
  const serviceMinutes = new Int32Array(records.length);
  let services = 0;
  for (let i = 0; i < records.length; i++) {
    const r = records[i]!;
    if (r.status !== 'approved' || r.date < lo || r.date > hi) continue;
    let v = volunteerIndex.get(r.volunteer_no);
    if (v === undefined) {
      v = volunteers.length;
      volunteerIndex.set(r.volunteer_no, v);
      volunteers.push(r.volunteer_no);
    }
    if (r.kind === 'service') {
      service[services] = i;
      serviceVolunteer[services] = v;
      serviceDay[services] = monthDayKey(r.date);
      serviceMinutes[services++] = r.minutes ?? 0;
    }
    otherEntries(r, v, c, sink);
  }

  // counting sort of the service records by volunteer: positions from[v] .. from[v + 1] - 1
  const from = new Int32Array(volunteers.length + 1);
  for (let j = 0; j < services; j++) from[serviceVolunteer[j]! + 1]!++;
  for (let v = 0; v < volunteers.length; v++) from[v + 1]! += from[v]!;
  const next = from.slice(0, volunteers.length);
  const order = new Int32Array(services);
  for (let j = 0; j < services; j++) order[next[serviceVolunteer[j]!]!++] = j;

  // credit each volunteer's days; only typed arrays are touched unless a day is over the cap
  const credited = serviceMinutes.slice(0, services);
  const dayMinutes = new Int32Array(13 * 32);
  const byCreditOrder = (x: number, y: number) => creditOrder(records[service[x]!]!, records[service[y]!]!);
  for (let v = 0; v < volunteers.length; v++) {
    const a = from[v]!, b = from[v + 1]!;
    if (b - a < 2) continue;
    for (let k = a; k < b; k++) dayMinutes[serviceDay[order[k]!]!]! += serviceMinutes[order[k]!]!;
    for (let k = a; k < b; k++) {
      const md = serviceDay[order[k]!]!;
      if (dayMinutes[md]! <= cap) continue;
      const day: number[] = [];
      for (let q = k; q < b; q++) if (serviceDay[order[q]!] === md) day.push(order[q]!);
      day.sort(byCreditOrder);
      const got = creditInOrder(day.map((j) => serviceMinutes[j]!), cap);
      day.forEach((j, n) => { credited[j] = got[n]!; });
      dayMinutes[md] = 0; // settled: later records of this day skip it
    }
    for (let k = a; k < b; k++) dayMinutes[serviceDay[order[k]!]!] = 0;
  }
  // a volunteer's only record skipped the day sums above, but alone may still be over the cap
  for (let j = 0; j < services; j++) if (credited[j]! > cap) credited[j] = cap;

  // in file order again, which is memory order for records just read from the database
  for (let j = 0; j < services; j++) {
    sink(records[service[j]!]!, serviceVolunteer[j]!, 'service', servicePoints(credited[j]!, special[serviceDay[j]!] === 1, c));
  }
  return volunteers;
}

const NOT_DISSATISFIED = (ev: string | null) => ev !== 'dissatisfied';

const newVolunteerYear = (): VolunteerYear => ({ points: 0, minutes: 0, records: 0, evaluated: 0, satisfiedish: 0, upheldComplaints: 0, satisfaction: null, byKind: {} });

/** A volunteer's totals are an activity's, plus points by kind and upheld complaints. */
function addToVolunteer(v: VolunteerYear, r: ScoreRecord, kind: EntryKind, points: number): void {
  addToTotals(v, r, kind, points);
  v.byKind[kind] = (v.byKind[kind] ?? 0) + points;
  if (kind === 'complaint') v.upheldComplaints++;
}

/** Entries on an activity count for it, except no-shows (SPEC 5). */
function addToActivity(out: Map<string, ActivityYear>, r: ScoreRecord, kind: EntryKind, points: number): void {
  if (r.activity === null || kind === 'no-show') return;
  addToTotals(activityOf(out, r.activity), r, kind, points);
}

function activityOf(out: Map<string, ActivityYear>, code: string): ActivityYear {
  let a = out.get(code);
  if (!a) {
    a = { points: 0, minutes: 0, records: 0, evaluated: 0, satisfiedish: 0, satisfaction: null };
    out.set(code, a);
  }
  return a;
}

/** Points, service minutes and records, evaluations: what volunteers and activities both total. */
function addToTotals(a: ActivityYear, r: ScoreRecord, kind: EntryKind, points: number): void {
  a.points += points;
  if (kind === 'service') {
    a.minutes += r.minutes ?? 0;
    a.records++;
  } else if (kind === 'evaluation') {
    a.evaluated++;
    if (NOT_DISSATISFIED(r.evaluation)) a.satisfiedish++;
  }
}

/** The volunteers by number `v` as a map, with their rates; a volunteer without entries is left out. */
function volunteerMap(volunteers: string[], byIndex: VolunteerYear[]): Map<string, VolunteerYear> {
  // a volunteer whose only record is a complaint not upheld has no entry and is left out
  const out = new Map<string, VolunteerYear>();
  for (let i = 0; i < volunteers.length; i++) {
    const v = byIndex[i];
    if (!v) continue;
    v.satisfaction = ratio(v.satisfiedish, v.evaluated);
    out.set(volunteers[i]!, v);
  }
  return out;
}

/**
 * A year's figures: each volunteer with at least one entry (their totals), each activity with
 * records (the points of the entries on it, not no-shows; hours; rate), and each volunteer's
 * approved service minutes as recorded per month (index 0 = January; the html charts).
 */
export interface YearFiguresOfRecords {
  volunteers: Map<string, VolunteerYear>;
  activities: Map<string, ActivityYear>;
  months: Map<string, number[]>;
}

/** A service record's minutes as recorded, to its month (index 0 = January). */
function addToMonth(months: number[], r: ScoreRecord): void {
  months[(r.date.charCodeAt(5) - 48) * 10 + r.date.charCodeAt(6) - 49]! += r.minutes ?? 0;
}

/** The figures of a year's records, scoring them once. */
export function summariseYearFigures(records: readonly ScoreRecord[], rules: Rules, year: number): YearFiguresOfRecords {
  const byIndex: VolunteerYear[] = [];
  const monthsByIndex: number[][] = [];
  const activities = new Map<string, ActivityYear>();
  const volunteers = forEachEntry(records, rules, year, (r, i, kind, points) => {
    addToVolunteer(byIndex[i] ??= newVolunteerYear(), r, kind, points);
    addToActivity(activities, r, kind, points);
    if (kind === 'service') addToMonth(monthsByIndex[i] ??= new Array<number>(12).fill(0), r);
  });
  for (const a of activities.values()) a.satisfaction = ratio(a.satisfiedish, a.evaluated);
  const months = new Map<string, number[]>();
  for (let i = 0; i < volunteers.length; i++) if (monthsByIndex[i]) months.set(volunteers[i]!, monthsByIndex[i]!);
  return { volunteers: volunteerMap(volunteers, byIndex), activities, months };
}

/**
 * A year's figures kept current record by record, for an import that adds records to a year
 * whose figures it knows (none, or stored): every figure is a sum of entries, and only the
 * service points of a volunteer-day over the daily cap depend on the day's other records.
 * The caller credits each service record as the cap allows when it is added, and re-credits
 * the records of a day that went over the cap once the day is whole (recredit, creditInOrder).
 * Gives the same figures as summariseYearFigures over all the records.
 */
export class RunningYearFigures {
  private readonly c: CompiledRules;
  private readonly bounds: { lo: string; hi: string };
  private readonly special: Uint8Array;
  /** Each volunteer's year and months, in one map: a record is one lookup (an import adds a million). */
  private readonly volunteers = new Map<string, { year: VolunteerYear; months: number[] | undefined }>();
  private readonly activities: Map<string, ActivityYear>;
  /** The volunteer and activity of the record being added, looked up at its first entry. */
  private current: { year: VolunteerYear; months: number[] | undefined } | undefined;
  private currentActivity: ActivityYear | undefined;

  /** `start`: the figures of the year's records before (taken over, not copied); none if it had none. */
  constructor(rules: Rules, year: number, start?: YearFiguresOfRecords) {
    this.c = compileRules(rules);
    this.bounds = yearBounds(year);
    this.special = specialDayTable(this.c);
    for (const [no, y] of start?.volunteers ?? []) this.volunteers.set(no, { year: y, months: start!.months.get(no) });
    this.activities = start?.activities ?? new Map();
  }

  get maxMinutesPerDay(): number {
    return this.c.maxMinutesPerDay;
  }

  /** Whether a record counts in this year's figures (approved, dated in the year). */
  counts(r: ScoreRecord): boolean {
    return counts(r, this.bounds);
  }

  private volunteer(no: string): { year: VolunteerYear; months: number[] | undefined } {
    let v = this.volunteers.get(no);
    if (!v) this.volunteers.set(no, (v = { year: newVolunteerYear(), months: undefined }));
    return v;
  }

  // a volunteer is only added with an entry (an unupheld complaint alone makes none)
  private entry = (r: ScoreRecord, _v: number, kind: EntryKind, points: number): void => {
    addToVolunteer((this.current ??= this.volunteer(r.volunteer_no)).year, r, kind, points);
    if (r.activity !== null && kind !== 'no-show') addToTotals(this.currentActivity ??= activityOf(this.activities, r.activity), r, kind, points);
  };

  /**
   * Adds a record's entries, if it counts in the year (returns whether it did); a service record
   * with `credited` of its minutes credited (by default all of them up to the cap: right for a
   * record alone on its day so far).
   */
  add(r: ScoreRecord, credited = Math.min(r.minutes ?? 0, this.c.maxMinutesPerDay)): boolean {
    if (!this.counts(r)) return false;
    this.current = this.currentActivity = undefined;
    otherEntries(r, 0, this.c, this.entry);
    if (r.kind !== 'service') return true;
    this.entry(r, 0, 'service', servicePoints(credited, this.special[monthDayKey(r.date)] === 1, this.c));
    addToMonth(this.current!.months ??= new Array<number>(12).fill(0), r);
    return true;
  }

  /** A counted service record's points moved from `was` credited minutes to `now`. */
  recredit(r: ScoreRecord, was: number, now: number): void {
    if (was === now || !this.counts(r)) return;
    const special = this.special[monthDayKey(r.date)] === 1;
    const delta = servicePoints(now, special, this.c) - servicePoints(was, special, this.c);
    const v = this.volunteers.get(r.volunteer_no)?.year;
    if (!v) throw new Error(`recredit of a record never added (${r.id})`);
    v.points += delta;
    v.byKind.service = (v.byKind.service ?? 0) + delta;
    const a = r.activity === null ? undefined : this.activities.get(r.activity);
    if (a) a.points += delta;
  }

  /** The figures, rates set. */
  figures(): YearFiguresOfRecords {
    const volunteers = new Map<string, VolunteerYear>();
    const months = new Map<string, number[]>();
    for (const [no, v] of this.volunteers) {
      v.year.satisfaction = ratio(v.year.satisfiedish, v.year.evaluated);
      volunteers.set(no, v.year);
      if (v.months) months.set(no, v.months);
    }
    for (const a of this.activities.values()) a.satisfaction = ratio(a.satisfiedish, a.evaluated);
    return { volunteers, activities: this.activities, months };
  }
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
