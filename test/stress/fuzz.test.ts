// The heavy fuzz run behind `npm run stress`: 20,000 mutants of valid import files (seeds
// 100001…120000, none shared with npm test's 1,000), in chunks of 1,000, each chunk on a fresh
// copy of the seeded database; same contract as test/cli/fuzz.test.ts.
import { afterAll, describe, expect, it } from 'vitest';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { seedBasic, tempDb } from '../helpers/cli.js';
import { fuzzImports } from '../helpers/csv-fuzz.js';
import { runInProcess } from '../helpers/in-process.js';

const CASES = Number(process.env.VLEDGER_FUZZ_CASES ?? 20_000);
const CHUNK = 1000;
const FIRST_SEED = Number(process.env.VLEDGER_FUZZ_SEED ?? 100_001);

const t = tempDb('vledger-stress-fuzz-');
const seeded = join(t.dir, 'seeded.db');
seedBasic(seeded);
afterAll(() => t.cleanup());

describe.skipIf(!process.env.VLEDGER_STRESS)(`import of ${CASES} hostile files`, () => {
  for (let from = FIRST_SEED; from < FIRST_SEED + CASES; from += CHUNK) {
    const n = Math.min(CHUNK, FIRST_SEED + CASES - from);
    it(`seeds ${from}…${from + n - 1}: exit 0, or exit 1 with a message, no stack trace, nothing written`, async () => {
      const db = join(t.dir, `chunk-${from}.db`);
      copyFileSync(seeded, db);
      const { failures } = await fuzzImports(db, t.dir, from, n);
      expect(failures.slice(0, 10)).toEqual([]);
      const checked = await runInProcess(db, ['check']);
      expect(checked.code, checked.stdout + checked.stderr).toBe(0);
    }, 600_000);
  }
});
