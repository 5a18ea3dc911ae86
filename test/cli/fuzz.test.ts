// Hostile import files: 1,000 seeded mutants of valid CSV files (bytes flipped, cells swapped,
// quotes broken, huge cells, NULs, formula cells, 100k columns, truncated UTF-8 …) imported
// in-process. Each either succeeds or exits 1 with a message and no stack trace, and a failed
// import leaves the database as it was. `npm run stress` runs 20,000 (test/stress/fuzz.test.ts).
// A failure names its seed: `mutant(seed)` in test/helpers/csv-fuzz.ts rebuilds the file.
import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedBasic, tempDb } from '../helpers/cli.js';
import { fuzzImports, KINDS, mutant, VALID } from '../helpers/csv-fuzz.js';
import { runInProcess } from '../helpers/in-process.js';

const CASES = 1000;
const t = tempDb('vledger-fuzz-');
seedBasic(t.dbPath);
const seeded = join(t.dir, 'seeded.db');
copyFileSync(t.dbPath, seeded);
afterAll(() => t.cleanup());

describe('import of hostile files', () => {
  it('starts from files that are valid: each imports cleanly into the seeded database', async () => {
    for (const kind of KINDS) {
      const db = join(t.dir, `valid-${kind}.db`);
      copyFileSync(seeded, db);
      const file = join(t.dir, `valid-${kind}.csv`);
      writeFileSync(file, VALID[kind]!);
      const r = await runInProcess(db, ['import', kind, file]);
      expect(r.code, `${kind}: ${r.stderr}`).toBe(0);
      expect(r.stderr).toMatch(/ [1-9]\d* written/);
    }
  });

  it('the mutator is deterministic: a seed always makes the same file', () => {
    expect(mutant(42)).toEqual(mutant(42));
    expect(mutant(42).bytes.equals(mutant(43).bytes)).toBe(false);
  });

  it(`${CASES} mutants: exit 0, or exit 1 with a message, no stack trace, nothing written`, async () => {
    const { failures, succeeded } = await fuzzImports(t.dbPath, t.dir, 1, CASES);
    expect(failures.slice(0, 10)).toEqual([]);
    // the corpus is neither all-rejected nor all-accepted: both paths were exercised
    expect(succeeded).toBeGreaterThan(CASES / 20);
    expect(succeeded).toBeLessThan(CASES);
    // what did get in keeps every invariant
    const checked = await runInProcess(t.dbPath, ['check']);
    expect(checked.code, checked.stdout + checked.stderr).toBe(0);
  }, 180_000);
});
