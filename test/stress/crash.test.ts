// The heavy crash run behind `npm run stress`: a 60,000-row import SIGKILLed at ten moments
// across its run; after each the database is exactly as before and passes `vledger check`
// (SQLite rolls a hot journal back on the next open); then the same file imports whole. The
// moments are fractions of how long a whole import takes on this machine, measured first.
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { counts, query, runCli, seedBasic, tempDb } from '../helpers/cli.js';
import { killImportAfter, serviceCsv, start, timeImport } from '../helpers/processes.js';

const ROWS = 60_000;
const t = tempDb('vledger-stress-crash-');
afterAll(() => t.cleanup());

describe.skipIf(!process.env.VLEDGER_STRESS)('a large import killed with kill -9', () => {
  it(`${ROWS} rows, killed at ten moments, then imported whole`, async () => {
    seedBasic(t.dbPath);
    const csv = serviceCsv(join(t.dir, 'big.csv'), ROWS, ['B11-0001', 'B11-0002', 'B11-0003', 'B12-0001'], '2015-01-01', 'k');
    const baseline = counts(t.dbPath);
    // how long a whole import takes on this machine now: time one into a throwaway copy
    const took = await timeImport(t.dbPath, csv);

    const outcomes: string[] = [];
    let kills = 0;
    let midWrite = 0;
    for (let k = 0; k < 10; k++) {
      const fraction = 0.05 + k * 0.09;
      const o = await killImportAfter(t.dbPath, csv, took * fraction);
      if (!o.killed) {
        // quicker than the dry run: the import finished, whole; the remaining moments are moot
        expect(o.result.code, o.result.stderr).toBe(0);
        outcomes.push(`${Math.round(fraction * 100)}%: finished first`);
        break;
      }
      kills++;
      if (o.midWrite) midWrite++;
      const checked = runCli(t.dbPath, ['check']);
      expect(checked.code, checked.stdout + checked.stderr).toBe(0);
      expect(counts(t.dbPath)).toEqual(baseline);
      outcomes.push(`${Math.round(fraction * 100)}%${o.midWrite ? ' (mid-write)' : ''}`);
    }
    console.info(`stress crash: killed at ${outcomes.join(', ')}`);
    expect(kills, outcomes.join(', ')).toBeGreaterThanOrEqual(3);
    expect(midWrite, outcomes.join(', ')).toBeGreaterThanOrEqual(Math.ceil(kills / 2));

    if (outcomes.at(-1)?.endsWith('finished first')) {
      expect(query<{ n: number }>(t.dbPath, "SELECT count(*) AS n FROM records WHERE kind = 'service'")[0]!.n).toBe(ROWS);
      return;
    }
    const whole = await start(t.dbPath, ['import', 'service', csv]);
    expect(whole.code, whole.stderr).toBe(0);
    expect(whole.stderr).toContain(`${ROWS} written`);
    expect(query<{ n: number }>(t.dbPath, "SELECT count(*) AS n FROM records WHERE kind = 'service'")[0]!.n).toBe(ROWS);
    expect(runCli(t.dbPath, ['check']).code).toBe(0);
  }, 1_200_000);
});
