// The points rules document of SPEC 4: schema, defaults, merging a partial file, the version per year, integer form.

import * as z from 'zod';
import { UserError } from './errors.js';
import { ENUMS } from './enums.js';

// JSON numbers parse to the double nearest their decimal text, and k / 10^p is the double
// nearest k / 10^p, so this equality holds exactly when the text had at most p decimals.
const hasAtMostDecimals = (v: number, places: number) => {
  const f = 10 ** places;
  return Math.round(v * f) / f === v;
};
const isWholeMinutes = (hours: number) => Math.round(hours * 60) / 60 === hours;

const typeError = (what: string) => ({
  error: (iss: { input: unknown }) => (iss.input === undefined ? 'is required' : `expected ${what}`),
});

/** Points: a number with at most 2 decimals, optionally signed one way. */
function points(sign: 'any' | 'min0' | 'max0' = 'any') {
  let s = z.number(typeError('a number of points')).refine((v) => hasAtMostDecimals(v, 2), {
    error: 'expected points with at most 2 decimals',
  });
  if (sign === 'min0') s = s.refine((v) => v >= 0, { error: 'expected points of 0 or more' });
  if (sign === 'max0') s = s.refine((v) => v <= 0, { error: 'expected a deduction of 0 or less, e.g. -3' });
  return s;
}

function wholeNumber(min: number) {
  return z
    .number(typeError('a whole number'))
    .int({ error: 'expected a whole number' })
    .min(min, { error: `expected a whole number of ${min} or more` });
}

/** Hours that make whole minutes (7.5 is 450 minutes; 0.3333 is refused). */
function hours(positive: boolean) {
  return z
    .number(typeError('a number of hours'))
    .refine((v) => (positive ? v > 0 : v >= 0) && v <= 1e6, {
      error: positive ? 'expected a number of hours more than 0' : 'expected a number of hours of 0 or more',
    })
    .refine(isWholeMinutes, { error: 'expected hours that make whole minutes, e.g. 7.5 or 7.25' });
}

/** A rate threshold from 0 to 1; six decimals is what ratioAtLeast compares exactly. */
const share = z
  .number(typeError('a rate from 0 to 1, e.g. 0.9'))
  .refine((v) => v >= 0 && v <= 1, { error: 'expected a rate from 0 to 1, e.g. 0.9' })
  .refine((v) => hasAtMostDecimals(v, 6), { error: 'expected a rate with at most 6 decimals' });

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const monthDay = z.string(typeError('a date written MM-DD, e.g. "03-05"')).refine(
  (s) => {
    const m = /^(\d{2})-(\d{2})$/.exec(s);
    if (!m) return false;
    const month = Number(m[1]), day = Number(m[2]);
    return month >= 1 && month <= 12 && day >= 1 && day <= DAYS_IN_MONTH[month - 1]!;
  },
  { error: 'expected a real date written MM-DD, e.g. "03-05"' },
);

const oneOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, typeError(`one of ${values.join(', ')}`));

const POLITICAL = ENUMS.political_status.values as unknown as readonly [string, ...string[]];
export const GRADES = ['excellent', 'good', 'fair'] as const;

const gradeThresholds = z.strictObject({
  grade: oneOf(GRADES),
  participation: share,
  hours_per_member: z
    .number(typeError('a number of hours'))
    .refine((v) => v >= 0 && hasAtMostDecimals(v, 6), { error: 'expected hours of 0 or more, at most 6 decimals' }),
  activities_per_month: z
    .number(typeError('a number'))
    .refine((v) => v >= 0 && hasAtMostDecimals(v, 6), { error: 'expected a number of 0 or more, at most 6 decimals' }),
  satisfaction: share,
});

export const rulesSchema = z.strictObject({
  points_per_hour: points('min0'),
  max_hours_per_day: hours(true).refine((v) => v <= 24, { error: 'expected at most 24 hours' }),
  special_days: z.strictObject({
    dates: z.array(monthDay, typeError('a list of MM-DD dates, e.g. ["03-05"]')),
    multiplier: z
      .number(typeError('a number'))
      .refine((v) => v > 0 && hasAtMostDecimals(v, 2), { error: 'expected a number more than 0 with at most 2 decimals' }),
  }, typeError('an object')),
  leader_bonus: points('min0'),
  evaluation: z.strictObject({
    satisfied: points(), fairly_satisfied: points(), basically_satisfied: points(), dissatisfied: points(),
  }, typeError('an object')),
  training_points_per_hour: points('min0'),
  commendation: z.strictObject({
    county: points('min0'), city: points('min0'), province: points('min0'), national: points('min0'),
  }, typeError('an object')),
  no_show: points('max0'),
  complaint_upheld: points('max0'),
  stars: z
    .array(hours(true), typeError('a list of hours, e.g. [100, 300, 600, 1000, 1500]'))
    .max(5, { error: 'expected at most 5 thresholds (1★ to 5★)' })
    .refine((a) => a.every((v, i) => i === 0 || v > a[i - 1]!), { error: 'expected thresholds in increasing order' }),
  awards: z.strictObject({
    excellent_volunteer: z.strictObject({
      title: z.string(typeError('a title')).min(1, { error: 'expected a title' }),
      political_status: z.array(oneOf(POLITICAL), typeError('a list of political statuses')).min(1, { error: 'expected at least one political status' }),
      min_hours: hours(false),
      min_satisfaction: share,
      max_upheld_complaints: wholeNumber(0),
      quota_percent: z
        .number(typeError('a percentage, e.g. 5'))
        .refine((v) => v >= 0 && v <= 100 && hasAtMostDecimals(v, 2), { error: 'expected a percentage from 0 to 100 with at most 2 decimals' }),
      quota_min: wholeNumber(0),
    }, typeError('an object')),
    excellent_team: z.strictObject({
      title: z.string(typeError('a title')).min(1, { error: 'expected a title' }),
      min_activities: wholeNumber(0),
      min_party_share: share,
      min_satisfaction: share,
      quota: wholeNumber(0),
    }, typeError('an object')),
  }, typeError('an object')),
  assessment: z.strictObject({
    grades: z.array(gradeThresholds, typeError('a list of grades')),
  }, typeError('an object')),
}, typeError('a JSON object'));

export type Rules = z.infer<typeof rulesSchema>;
export type Grade = (typeof GRADES)[number];

export const DEFAULT_RULES: Rules = deepFreeze({
  points_per_hour: 1,
  max_hours_per_day: 8,
  special_days: { dates: ['03-05', '12-05'], multiplier: 1.5 },
  leader_bonus: 2,
  evaluation: { satisfied: 1, fairly_satisfied: 0.5, basically_satisfied: 0, dissatisfied: -2 },
  training_points_per_hour: 0.5,
  commendation: { county: 5, city: 10, province: 20, national: 30 },
  no_show: -3,
  complaint_upheld: -5,
  stars: [100, 300, 600, 1000, 1500],
  awards: {
    excellent_volunteer: {
      title: '优秀共产党员志愿者', political_status: ['party_member', 'probationary'],
      min_hours: 20, min_satisfaction: 0.9, max_upheld_complaints: 0, quota_percent: 5, quota_min: 1,
    },
    excellent_team: { title: '优秀共产党员志愿服务队', min_activities: 6, min_party_share: 0.5, min_satisfaction: 0.9, quota: 3 },
  },
  assessment: {
    grades: [
      { grade: 'excellent', participation: 0.9, hours_per_member: 24, activities_per_month: 1, satisfaction: 0.95 },
      { grade: 'good', participation: 0.75, hours_per_member: 12, activities_per_month: 0.5, satisfaction: 0.9 },
      { grade: 'fair', participation: 0.5, hours_per_member: 6, activities_per_month: 0.25, satisfaction: 0.8 },
    ],
  },
});

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Objects merge key by key; anything else (arrays included) replaces the default. */
function mergeOver(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    // defineProperty so that a "__proto__" key in the file stays a (refused) key, not a prototype
    Object.defineProperty(out, k, { value: Object.hasOwn(base, k) ? mergeOver(base[k], v) : v, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function pathText(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) s += typeof p === 'number' ? `[${p}]` : (s ? '.' : '') + String(p);
  return s;
}

/** The keys the defaults have at a path (array items: those of the first default item). */
function knownKeys(path: readonly PropertyKey[]): string[] {
  let v: unknown = DEFAULT_RULES;
  for (const p of path) v = Array.isArray(v) ? v[0] : isPlainObject(v) ? v[String(p)] : undefined;
  return isPlainObject(v) ? Object.keys(v) : [];
}

function problemLines(issues: readonly z.core.$ZodIssue[]): string[] {
  const lines: string[] = [];
  for (const iss of issues) {
    if (iss.code === 'unrecognized_keys') {
      const known = knownKeys(iss.path);
      for (const key of iss.keys) {
        lines.push(`${pathText([...iss.path, key])}: unknown key${known.length ? `; the keys here are ${known.join(', ')}` : ''}`);
      }
    } else {
      lines.push(`${pathText(iss.path) || 'rules'}: ${iss.message}`);
    }
  }
  return lines;
}

/**
 * A rules document (possibly partial) merged over the defaults and validated. Refuses unknown
 * keys and wrong values with a UserError holding one line per problem, each naming its path.
 */
export function parseRules(json: unknown): Rules {
  if (!isPlainObject(json)) throw new UserError('rules: expected a JSON object, e.g. {"points_per_hour": 2}');
  const result = rulesSchema.safeParse(mergeOver(DEFAULT_RULES, json));
  if (result.success) return result.data;
  const lines = problemLines(result.error.issues);
  throw new UserError(lines.join('\n'), lines);
}

/** The text of a rules file; `source` names it in a syntax error. */
export function parseRulesText(text: string, source = 'rules'): Rules {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new UserError(`${source}: not valid JSON (${(e as Error).message}); check quotes and commas`);
  }
  return parseRules(json);
}

export interface RulesVersion {
  from_year: number;
  /** The stored document: JSON text or an already parsed object. */
  document: string | unknown;
}

/**
 * The rules in force for a year: the version with the greatest from_year ≤ year; between two
 * with the same from_year the one stored later (later in the list) wins; defaults when none.
 */
export function rulesForYear(versions: readonly RulesVersion[], year: number): Rules {
  let chosen: RulesVersion | undefined;
  for (const v of versions) {
    if (v.from_year <= year && (chosen === undefined || v.from_year >= chosen.from_year)) chosen = v;
  }
  if (!chosen) return DEFAULT_RULES;
  return typeof chosen.document === 'string' ? parseRulesText(chosen.document, `rules from ${chosen.from_year}`) : parseRules(chosen.document);
}

export type Evaluation = 'satisfied' | 'fairly_satisfied' | 'basically_satisfied' | 'dissatisfied';
export type Level = 'county' | 'city' | 'province' | 'national';

/** The rules as integers: points in hundredths, the multiplier in hundredths, durations in minutes. */
export interface CompiledRules {
  readonly pointsPerHour: number;
  readonly maxMinutesPerDay: number;
  readonly specialDays: ReadonlySet<string>;
  readonly multiplier: number;
  readonly leaderBonus: number;
  readonly evaluation: Readonly<Record<Evaluation, number>>;
  readonly trainingPointsPerHour: number;
  readonly commendation: Readonly<Record<Level, number>>;
  readonly noShow: number;
  readonly complaintUpheld: number;
  readonly starMinutes: readonly number[];
  readonly rules: Rules;
}

const hundredths = (v: number) => Math.round(v * 100);
const minutes = (h: number) => Math.round(h * 60);
const compiled = new WeakMap<Rules, CompiledRules>();

/** The integer form of validated rules (cached per rules object). */
export function compileRules(rules: Rules): CompiledRules {
  const hit = compiled.get(rules);
  if (hit) return hit;
  const c: CompiledRules = {
    pointsPerHour: hundredths(rules.points_per_hour),
    maxMinutesPerDay: minutes(rules.max_hours_per_day),
    specialDays: new Set(rules.special_days.dates),
    multiplier: hundredths(rules.special_days.multiplier),
    leaderBonus: hundredths(rules.leader_bonus),
    evaluation: {
      satisfied: hundredths(rules.evaluation.satisfied),
      fairly_satisfied: hundredths(rules.evaluation.fairly_satisfied),
      basically_satisfied: hundredths(rules.evaluation.basically_satisfied),
      dissatisfied: hundredths(rules.evaluation.dissatisfied),
    },
    trainingPointsPerHour: hundredths(rules.training_points_per_hour),
    commendation: {
      county: hundredths(rules.commendation.county),
      city: hundredths(rules.commendation.city),
      province: hundredths(rules.commendation.province),
      national: hundredths(rules.commendation.national),
    },
    noShow: hundredths(rules.no_show),
    complaintUpheld: hundredths(rules.complaint_upheld),
    starMinutes: rules.stars.map(minutes),
    rules,
  };
  compiled.set(rules, c);
  return c;
}
