// The lines of written rows (src/io/file-lines.ts): WrittenLines keeps runs of rows on
// consecutive lines, and must answer exactly what a plain map of every row would.
import { describe, expect, test } from 'vitest';
import { FileLines, WrittenLines } from '../../src/io/file-lines.js';
import { rng } from '../helpers/csv-fuzz.js';

describe('WrittenLines', () => {
  test('answers as a map of every written row would, whatever lines are skipped', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const r = rng(seed);
      const base = Math.floor(r() * 1000);
      const lines = new WrittenLines(base);
      const model = new Map<number, number>();
      let pk = base, line = 1;
      for (let n = Math.floor(r() * 300); n > 0; n--) {
        line += r() < 0.8 ? 1 : 1 + Math.floor(r() * 5); // a rejected row, or a record over several lines
        pk += r() < 0.95 ? 1 : 2; // a rowid not this import's (none should be, but it must not be named)
        lines.set(pk, line);
        model.set(pk, line);
      }
      for (let p = base - 3; p <= pk + 3; p++) expect(lines.get(p), `seed ${seed} pk ${p}`).toBe(model.get(p));
      expect(lines.isNew(base)).toBe(false);
      expect(lines.isNew(base + 1)).toBe(true);
    }
  });

  test('a clean file is one run, and rows out of rowid order are a programming error', () => {
    const lines = new WrittenLines(10);
    for (let i = 1; i <= 100_000; i++) lines.set(10 + i, i + 1);
    expect(lines.get(11)).toBe(2);
    expect(lines.get(100_010)).toBe(100_001);
    expect((lines as unknown as { runs: number }).runs).toBe(1);
    expect(() => lines.set(50, 7)).toThrow(/rowid order/);
  });
});

describe('FileLines', () => {
  test('maps rows in any order; released, it knows none', () => {
    const lines = new FileLines(0);
    lines.set(500, 3);
    lines.set(7, 9);
    expect([lines.get(500), lines.get(7), lines.get(8)]).toEqual([3, 9, undefined]);
    lines.release();
    expect(lines.get(500)).toBeUndefined();
  });
});
