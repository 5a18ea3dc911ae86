// Exact integer arithmetic for points (hundredths), minutes and rates; one rounding at the edge.

/** num/den rounded half away from zero to an integer; den > 0. */
export function roundDiv(num: number, den: number): number {
  if (den <= 0) throw new RangeError('roundDiv: denominator must be positive');
  const sign = num < 0 ? -1 : 1;
  const a = Math.abs(num);
  const q = Math.floor(a / den);
  const r = a - q * den;
  return sign * (2 * r >= den ? q + 1 : q);
}

/** A decimal written with at most `places` decimals, as an integer of 10^-places units. */
export function toUnits(value: number, places: number): number {
  const scaled = Math.round(value * 10 ** places);
  return scaled;
}

export interface Ratio { num: number; den: number }

/** A rate as an exact ratio, or null when nothing was measured. */
export function ratio(num: number, den: number): Ratio | null {
  return den > 0 ? { num, den } : null;
}

/** Exact comparison num/den >= threshold, with the threshold a decimal of up to 6 places. */
export function ratioAtLeast(r: Ratio, threshold: number): boolean {
  const t = Math.round(threshold * 1e6);
  return r.num * 1e6 >= t * r.den;
}

/** A ratio rounded half away from zero to `places` decimals, as a plain number. */
export function roundRatio(r: Ratio, places: number): number {
  const f = 10 ** places;
  return roundDiv(r.num * f, r.den) / f;
}

/** Hundredths of a point as a number with two decimals (1250 -> 12.5). */
export function pointsValue(hundredths: number): number {
  return hundredths / 100;
}

/** Minutes as hours rounded half away from zero to 2 decimals (150 -> 2.5). */
export function hoursValue(minutes: number): number {
  return roundDiv(minutes * 100, 60) / 100;
}
