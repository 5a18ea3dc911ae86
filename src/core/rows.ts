// Turn one row of raw strings (from command-line flags or a sheet, keyed by canonical column)
// into a typed row of canonical values, collecting every problem as {column, message}.
// References (org, volunteer, team, activity) stay as written; the caller resolves them.

import { type EnumName, parseEnum, enumWords } from './enums.js';
import type { Kind } from './kinds.js';
import {
  FieldError, parseDate, parsePastDate, parsePhone, parsePoints, parseResidentId, parseYear, parseHours, serviceMinutes,
} from './validate.js';

export type Raw = Record<string, string | undefined>;
export interface Issue { column: string; message: string }

export interface PersonRef { volunteer_no?: string; name?: string; id_number?: string; org?: string }

export interface OrgRow { id?: string; code: string; name: string; parent?: string; kind: string }
export interface VolunteerRow {
  id?: string; volunteer_no?: string; name: string; id_type: string; id_number?: string; gender?: string;
  birth_date?: string; phone?: string; political_status: string; org: string; skills?: string;
  registered_on?: string; status: string; left_on?: string; disciplined_in?: number;
}
export interface TeamRow { id?: string; code: string; name: string; org: string; leader?: string; founded_on?: string }
export interface MemberRow { id?: string; team: string; person: PersonRef; joined_on?: string; left_on?: string }
export interface ActivityRow {
  id?: string; code: string; title: string; org: string; team?: string; category?: string; location?: string;
  date: string; end_date?: string;
}
/** Every log kind: the fields that apply are set. */
export interface LogRow {
  id?: string; person: PersonRef; date: string;
  ref?: string; activity?: string; start?: string; end?: string; minutes?: number; category?: string;
  role?: string; evaluation?: string; status?: string; entry?: string; note?: string;
  topic?: string; organiser?: string; title?: string; level?: string; issuer?: string;
  description?: string; upheld?: boolean; points?: number; reason?: string;
  /** Set when the row arrives already voided (status "voided"). */
  void_reason?: string;
}
export type RosterRow = OrgRow | VolunteerRow | TeamRow | MemberRow | ActivityRow;
export type AnyRow = RosterRow | LogRow;

export interface RowContext { today: string; /** masked values (with *) are dropped with a warning */ warn?: (issue: Issue) => void }

export type Parsed<T> = { ok: true; row: T } | { ok: false; issues: Issue[] };

class RowReader {
  readonly issues: Issue[] = [];
  constructor(private readonly raw: Raw) {}

  text(col: string): string | undefined {
    const v = this.raw[col];
    if (v === undefined) return undefined;
    const t = v.trim();
    return t === '' ? undefined : t;
  }
  required(col: string, what = col): string {
    const v = this.text(col);
    if (v === undefined) this.issues.push({ column: col, message: `${what} is required` });
    return v ?? '';
  }
  field<T>(col: string, parse: (s: string) => T): T | undefined {
    const v = this.text(col);
    if (v === undefined) return undefined;
    try {
      return parse(v);
    } catch (e) {
      if (e instanceof FieldError) this.issues.push({ column: col, message: e.message });
      else throw e;
      return undefined;
    }
  }
  enumOf(col: string, name: EnumName, fallback?: string): string | undefined {
    const v = this.text(col);
    if (v === undefined) return fallback;
    const e = parseEnum(name, v);
    if (e === undefined) this.issues.push({ column: col, message: `"${v}" is not one of ${enumWords(name)}` });
    return e;
  }
  fail(col: string, message: string) {
    this.issues.push({ column: col, message });
  }
}

function done<T>(r: RowReader, row: T): Parsed<T> {
  return r.issues.length ? { ok: false, issues: r.issues } : { ok: true, row };
}

function person(r: RowReader): PersonRef {
  const p: PersonRef = {
    volunteer_no: r.text('volunteer_no'), name: r.text('name'), id_number: r.text('id_number')?.toUpperCase(), org: r.text('org'),
  };
  if (!p.volunteer_no && !p.name && !p.id_number) r.fail('volunteer_no', 'the volunteer is required (volunteer_no, id number or name)');
  return p;
}

export function parseOrg(raw: Raw): Parsed<OrgRow> {
  const r = new RowReader(raw);
  const row: OrgRow = {
    id: r.text('id'), code: r.required('code'), name: r.required('name'), parent: r.text('parent'),
    kind: r.enumOf('kind', 'org_kind') ?? (r.text('kind') ? '' : 'branch'),
  };
  if (row.parent !== undefined && row.parent === row.code) r.fail('parent', 'an organisation cannot be its own parent');
  return done(r, row);
}

export function parseVolunteer(raw: Raw, ctx: RowContext): Parsed<VolunteerRow> {
  const r = new RowReader(raw);
  const idType = r.enumOf('id_type', 'id_type', 'resident_id') ?? 'resident_id';
  let idNumber = r.text('id_number');
  if (idNumber?.includes('*')) {
    ctx.warn?.({ column: 'id_number', message: `masked value "${idNumber}" ignored (treated as absent)` });
    idNumber = undefined;
  }
  let phone = r.text('phone');
  if (phone?.includes('*')) {
    ctx.warn?.({ column: 'phone', message: `masked value "${phone}" ignored (treated as absent)` });
    phone = undefined;
  }
  const row: VolunteerRow = {
    id: r.text('id'), volunteer_no: r.text('volunteer_no'), name: r.required('name'), id_type: idType,
    gender: r.enumOf('gender', 'gender'), birth_date: r.field('birth_date', parseDate),
    phone: phone === undefined ? undefined : r.field('phone', () => parsePhone(phone!)),
    political_status: r.enumOf('political_status', 'political_status') ?? '',
    org: r.required('org'), skills: r.text('skills'), registered_on: r.field('registered_on', (s) => parsePastDate(s, ctx.today)),
    status: r.enumOf('status', 'volunteer_status', 'active') ?? 'active', left_on: r.field('left_on', parseDate),
    disciplined_in: r.field('disciplined_in', parseYear),
  };
  if (!r.text('political_status')) r.fail('political_status', `political status is required: ${enumWords('political_status')}`);
  if (idNumber !== undefined) {
    if (idType === 'resident_id') {
      const id = r.field('id_number', () => parseResidentId(idNumber!));
      if (id) {
        row.id_number = id.idNumber;
        if (row.gender && row.gender !== id.gender) r.fail('gender', `${row.gender} contradicts the id number (${id.gender}); correct one of them`);
        if (row.birth_date && row.birth_date !== id.birthDate) r.fail('birth_date', `${row.birth_date} contradicts the id number (${id.birthDate}); correct one of them`);
        row.gender ??= id.gender;
        row.birth_date ??= id.birthDate;
      }
    } else {
      row.id_number = idNumber.toUpperCase();
    }
  }
  if (row.left_on && row.status === 'active') row.status = 'left';
  return done(r, row);
}

export function parseTeam(raw: Raw): Parsed<TeamRow> {
  const r = new RowReader(raw);
  return done(r, {
    id: r.text('id'), code: r.required('code'), name: r.required('name'), org: r.required('org'),
    leader: r.text('leader'), founded_on: r.field('founded_on', parseDate),
  });
}

export function parseMember(raw: Raw): Parsed<MemberRow> {
  const r = new RowReader(raw);
  const row: MemberRow = {
    id: r.text('id'), team: r.required('team'), person: person(r),
    joined_on: r.field('joined_on', parseDate), left_on: r.field('left_on', parseDate),
  };
  if (row.joined_on && row.left_on && row.left_on < row.joined_on) r.fail('left_on', `${row.left_on} is before joined_on ${row.joined_on}`);
  return done(r, row);
}

export function parseActivity(raw: Raw): Parsed<ActivityRow> {
  const r = new RowReader(raw);
  const row: ActivityRow = {
    id: r.text('id'), code: r.required('code'), title: r.required('title'), org: r.required('org'), team: r.text('team'),
    category: r.text('category'), location: r.text('location'), date: r.field('date', parseDate) ?? '',
    end_date: r.field('end_date', parseDate),
  };
  if (!r.text('date')) r.fail('date', 'date is required');
  if (row.end_date && row.date && row.end_date < row.date) r.fail('end_date', `${row.end_date} is before the start date ${row.date}`);
  return done(r, row);
}

function logBase(r: RowReader, ctx: RowContext): LogRow {
  // Every field listed, in one order, for every kind: a million rows share one object shape,
  // which keeps the import's check and insert fast (and kind/volunteer_no are filled in later).
  const row: LogRow & { kind: undefined; volunteer_no: undefined } = {
    id: r.text('id'), person: person(r), date: r.field('date', (s) => parsePastDate(s, ctx.today)) ?? '',
    ref: undefined, activity: undefined, start: undefined, end: undefined, minutes: undefined, category: undefined,
    role: undefined, evaluation: undefined, status: undefined, entry: undefined, note: undefined, topic: undefined,
    organiser: undefined, title: undefined, level: undefined, issuer: undefined, description: undefined,
    upheld: undefined, points: undefined, reason: undefined, void_reason: undefined, kind: undefined, volunteer_no: undefined,
  };
  if (!r.text('date')) r.fail('date', 'date is required');
  if (r.text('status')?.toLowerCase() === 'voided' || r.text('status') === '已作废') row.void_reason = r.text('void_reason') ?? 'voided at source';
  return row;
}

export function parseService(raw: Raw, ctx: RowContext): Parsed<LogRow> {
  const r = new RowReader(raw);
  const row = logBase(r, ctx);
  row.ref = r.text('ref');
  row.activity = r.text('activity');
  try {
    const m = serviceMinutes(r.text('hours'), r.text('start'), r.text('end'));
    row.minutes = m.minutes;
    row.start = m.start;
    row.end = m.end;
  } catch (e) {
    if (!(e instanceof FieldError)) throw e;
    // blame the flag the message is about: "end … is not after start", "… start and end times", else hours
    const col = /^end /.test(e.message) ? 'end' : /start|end|time/.test(e.message) && (r.text('start') || r.text('end')) ? (r.text('start') ? 'start' : 'end') : 'hours';
    r.fail(col, e.message);
  }
  row.category = r.text('category');
  row.role = r.enumOf('role', 'role', 'participant');
  row.evaluation = r.enumOf('evaluation', 'evaluation');
  row.status = row.void_reason ? 'approved' : r.enumOf('status', 'record_status', 'approved');
  row.entry = r.enumOf('entry', 'entry', 'normal');
  row.note = r.text('note');
  return done(r, row);
}

export function parseTraining(raw: Raw, ctx: RowContext): Parsed<LogRow> {
  const r = new RowReader(raw);
  const row = logBase(r, ctx);
  row.minutes = r.field('hours', parseHours);
  if (!r.text('hours')) r.fail('hours', 'hours is required');
  row.topic = r.text('topic');
  row.organiser = r.text('organiser');
  return done(r, row);
}

export function parseCommendation(raw: Raw, ctx: RowContext): Parsed<LogRow> {
  const r = new RowReader(raw);
  const row = logBase(r, ctx);
  row.title = r.required('title');
  row.level = r.enumOf('level', 'level');
  if (!r.text('level')) r.fail('level', `level is required: ${enumWords('level')}`);
  row.issuer = r.text('issuer');
  return done(r, row);
}

export function parseComplaint(raw: Raw, ctx: RowContext): Parsed<LogRow> {
  const r = new RowReader(raw);
  const row = logBase(r, ctx);
  row.description = r.text('description');
  const upheld = r.enumOf('upheld', 'yes_no', 'no');
  row.upheld = upheld === 'yes';
  return done(r, row);
}

export function parseNoShow(raw: Raw, ctx: RowContext): Parsed<LogRow> {
  const r = new RowReader(raw);
  const row = logBase(r, ctx);
  row.activity = r.text('activity');
  return done(r, row);
}

export function parseAdjustment(raw: Raw, ctx: RowContext): Parsed<LogRow> {
  const r = new RowReader(raw);
  const row = logBase(r, ctx);
  row.points = r.field('points', parsePoints);
  if (!r.text('points')) r.fail('points', 'points is required (e.g. 5 or -2.5)');
  row.reason = r.required('reason', 'a reason');
  return done(r, row);
}

export function parseRow(kind: Kind, raw: Raw, ctx: RowContext): Parsed<AnyRow> {
  switch (kind) {
    case 'orgs': return parseOrg(raw);
    case 'volunteers': return parseVolunteer(raw, ctx);
    case 'teams': return parseTeam(raw);
    case 'members': return parseMember(raw);
    case 'activities': return parseActivity(raw);
    case 'service': return parseService(raw, ctx);
    case 'training': return parseTraining(raw, ctx);
    case 'commendations': return parseCommendation(raw, ctx);
    case 'complaints': return parseComplaint(raw, ctx);
    case 'no-shows': return parseNoShow(raw, ctx);
    case 'adjustments': return parseAdjustment(raw, ctx);
  }
}
