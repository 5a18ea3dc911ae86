// Field-level parsing and validation of what clerks type or paste: dates, times, hours, ids,
// phones. Pure: "today" is passed in. Each parser returns the canonical value or throws a
// FieldError whose message says what is wrong and how to fix it.

export class FieldError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FieldError';
  }
}

const pad2 = (n: number) => String(n).padStart(2, '0');

export function isRealDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1 || y < 1900 || y > 2999) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= days[m - 1]!;
}

/** 2026-03-05, 2026/3/5, 2026.3.5, 2026年3月5日, 20260305 -> 2026-03-05. */
export function parseDate(input: string): string {
  const s = input.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]00:00(?::00)?)?$/.exec(s)
    ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日?$/.exec(s)
    ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) throw new FieldError(`"${input}" is not a date; write it as 2026-03-05`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!isRealDate(y, mo, d)) throw new FieldError(`"${input}" is not a real calendar date`);
  return `${y}-${pad2(mo)}-${pad2(d)}`;
}

/** A date that must not be after today (ISO strings compare as dates). */
export function parsePastDate(input: string, today: string): string {
  const date = parseDate(input);
  if (date > today) throw new FieldError(`${date} is in the future (today is ${today}); service is logged after it happens`);
  return date;
}

/** H:MM, HH:MM or HH:MM:SS -> minutes since midnight. */
export function parseTime(input: string): number {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(input.trim());
  if (!m) throw new FieldError(`"${input}" is not a time; write it as 09:00`);
  const h = Number(m[1]), mi = Number(m[2]), se = Number(m[3] ?? 0);
  if (h > 23 || mi > 59 || se > 59) throw new FieldError(`"${input}" is not a time of day`);
  return h * 60 + mi + Math.round(se / 60);
}

export function formatTime(minutes: number): string {
  return `${pad2(Math.floor(minutes / 60))}:${pad2(minutes % 60)}`;
}

/** Decimal hours -> whole minutes (rounded to the nearest minute). 0 < hours <= 24. */
export function parseHours(input: string): number {
  const s = input.trim();
  if (!/^\d+(\.\d+)?$|^\.\d+$/.test(s)) throw new FieldError(`"${input}" is not a number of hours; write it as 2.5`);
  const minutes = Math.round(Number(s) * 60);
  if (minutes <= 0) throw new FieldError(`"${input}" hours is not more than 0; a record needs some time`);
  if (minutes > 24 * 60) throw new FieldError(`"${input}" is more than 24 hours in one record; split it across days`);
  return minutes;
}

/** The minutes of one service: from hours, from start/end times, or both (which must agree). */
export function serviceMinutes(hours?: string, start?: string, end?: string): { minutes: number; start?: string; end?: string } {
  if ((start && !end) || (!start && end)) throw new FieldError('give both start and end times, or neither');
  if (start && end) {
    const s = parseTime(start), e = parseTime(end);
    if (e <= s) throw new FieldError(`end ${end} is not after start ${start}; an overnight service is two records`);
    const minutes = e - s;
    if (hours) {
      const h = parseHours(hours);
      if (Math.abs(h - minutes) > 1) throw new FieldError(`hours ${hours} do not agree with ${start}–${end} (${(minutes / 60).toFixed(2)} h); correct one of them`);
    }
    return { minutes, start: formatTime(s), end: formatTime(e) };
  }
  if (!hours) throw new FieldError('give the hours, or start and end times');
  return { minutes: parseHours(hours) };
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export interface ResidentId { idNumber: string; birthDate: string; gender: 'male' | 'female' }

/** GB 11643 18-digit resident id: check digit, birth date and gender. */
export function parseResidentId(input: string): ResidentId {
  const s = input.trim().toUpperCase();
  if (/^\d(\.\d+)?E\+\d+$/i.test(s)) {
    throw new FieldError(`"${input}" looks like a number Excel rounded; format the id column as text and type the id again`);
  }
  if (/^\d{15}$/.test(s)) throw new FieldError(`"${input}" is an old 15-digit id; give the 18-digit resident id`);
  if (!/^\d{17}[\dX]$/.test(s)) throw new FieldError(`"${input}" is not an 18-digit resident id number`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * ID_WEIGHTS[i]!;
  const check = ID_CHECK[sum % 11];
  if (s[17] !== check) throw new FieldError(`"${input}" fails the GB 11643 check digit (expected ${check} last); check the number`);
  const y = Number(s.slice(6, 10)), m = Number(s.slice(10, 12)), d = Number(s.slice(12, 14));
  if (!isRealDate(y, m, d)) throw new FieldError(`"${input}" holds no real birth date`);
  return { idNumber: s, birthDate: `${y}-${pad2(m)}-${pad2(d)}`, gender: Number(s[16]) % 2 === 1 ? 'male' : 'female' };
}

/** A mainland mobile (after stripping +86, spaces, -) or a landline 0xx-xxxxxxxx / 0xxx-xxxxxxx. */
export function parsePhone(input: string): string {
  const raw = input.trim();
  const landline = /^0\d{2,3}-?\d{7,8}$/.exec(raw.replace(/\s/g, ''));
  if (landline && !/^1/.test(raw)) {
    const digits = raw.replace(/[\s-]/g, '');
    const area = /^0(10|2\d)/.test(digits) ? 3 : 4;
    return `${digits.slice(0, area)}-${digits.slice(area)}`;
  }
  const mobile = raw.replace(/^\+?86/, '').replace(/[\s-]/g, '');
  if (/^1[3-9]\d{9}$/.test(mobile)) return mobile;
  throw new FieldError(`"${input}" is not a mainland mobile (11 digits from 13…) or a landline like 010-12345678`);
}

/** A year like 2026. */
export function parseYear(input: string): number {
  const s = input.trim();
  if (!/^\d{4}$/.test(s)) throw new FieldError(`"${input}" is not a year; write it as 2026`);
  return Number(s);
}

/** Points with at most 2 decimals, signed -> hundredths. */
export function parsePoints(input: string): number {
  const s = input.trim();
  if (!/^[+-]?(\d+(\.\d{1,2})?|\.\d{1,2})$/.test(s)) throw new FieldError(`"${input}" is not a number of points with at most 2 decimals`);
  const neg = s.startsWith('-');
  const [int, frac = ''] = s.replace(/^[+-]/, '').split('.');
  const v = Number(int || '0') * 100 + Number((frac + '00').slice(0, 2));
  if (v === 0) throw new FieldError('an adjustment of 0 points changes nothing');
  return neg ? -v : v;
}

/** Masks: 110101********1234 and 138****1234. */
export function maskIdNumber(id: string): string {
  if (id.length <= 10) return id.slice(0, 2) + '*'.repeat(Math.max(0, id.length - 4)) + id.slice(-2);
  return id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4);
}

export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return phone.slice(0, 3) + '*'.repeat(phone.length - 7) + phone.slice(-4);
}
