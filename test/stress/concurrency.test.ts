// The heavy concurrency run behind `npm run stress`: eight `log service` processes at once,
// twenty rounds, and imports racing logs; every write either lands once or fails as busy.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { BASIC_VOLUNTEERS, query, runCli, seedBasic, tempDb } from '../helpers/cli.js';
import { serviceCsv, sleep, start } from '../helpers/processes.js';

let t: ReturnType<typeof tempDb>;
beforeEach(() => {
  t = tempDb('vledger-stress-concurrency-');
  seedBasic(t.dbPath);
});
afterEach(() => t.cleanup());

const BUSY = /^vledger: .*database is busy \(another vledger is writing to it\); try again when it has finished/m;

describe.skipIf(!process.env.VLEDGER_STRESS)('many processes writing at once', () => {
  it('8 at a time × 20 rounds of `log service`: every record stored exactly once', async () => {
    const ids: string[] = [];
    for (let round = 0; round < 20; round++) {
      const date = new Date(Date.UTC(2026, 0, 1 + round)).toISOString().slice(0, 10);
      const results = await Promise.all(Array.from({ length: 8 }, (_, i) => start(t.dbPath,
        ['log', 'service', '--volunteer', BASIC_VOLUNTEERS[i % 4]!, '--date', date, '--hours', String(1 + Math.floor(i / 4))],
        { VLEDGER_BUSY_TIMEOUT: '60000' })));
      for (const r of results) {
        expect(r.code, r.stderr).toBe(0);
        ids.push(r.stdout.trim());
      }
    }
    const stored = query<{ id: string }>(t.dbPath, 'SELECT id FROM records ORDER BY id').map((r) => r.id);
    expect(stored).toEqual([...ids].sort());
    expect(runCli(t.dbPath, ['check']).code).toBe(0);
  }, 900_000);

  it('imports racing logs with a short busy timeout: each log lands once or fails as busy', async () => {
    let expected = 0;
    let busy = 0;
    for (let round = 0; round < 5; round++) {
      const csv = serviceCsv(join(t.dir, `r${round}.csv`), 5000, BASIC_VOLUNTEERS.slice(0, 2), `20${10 + round}-01-01`, `r${round}-`);
      const importing = start(t.dbPath, ['import', 'service', csv]);
      await sleep(200 * round);
      const logs = await Promise.all([1, 2, 3, 4].map((d) => start(t.dbPath,
        ['log', 'service', '--volunteer', 'B12-0001', '--date', `2026-0${1 + round}-0${d}`, '--hours', '1'], { VLEDGER_BUSY_TIMEOUT: '100' })));
      const imported = await importing;
      expect(imported.code, imported.stderr).toBe(0);
      expected += 5000;
      for (const r of logs) {
        if (r.code === 0) expected++;
        else { expect(r.stderr).toMatch(BUSY); busy++; }
        expect(r.stderr).not.toMatch(/\n\s+at /);
      }
    }
    expect(query<{ n: number }>(t.dbPath, 'SELECT count(*) AS n FROM records')[0]!.n).toBe(expected);
    expect(runCli(t.dbPath, ['check']).code).toBe(0);
    console.info(`stress: ${busy} of 20 logs met the import's lock and failed as busy`);
  }, 900_000);
});
