// A big import reads its CSV in a worker thread (dist/io/csv-worker.js, built by `npm test`'s
// pretest): the records, their lines and the errors must be exactly those of reading in-process.
// The worker is forced here; test/cli/import-big.test.ts imports a file big enough to use it.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { readCsvHere, type SheetRecord } from '../../src/io/csv.js';
import { sniffFile } from '../../src/io/sniff.js';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'import');
const DIST = join(import.meta.dirname, '..', '..', 'dist', 'io');
const dir = mkdtempSync(join(tmpdir(), 'vledger-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Read = { records: [number, string[]][]; error?: string };

async function read(records: AsyncIterable<SheetRecord>): Promise<Read> {
  const out: Read = { records: [] };
  try {
    for await (const r of records) out.records.push([r.line, r.cells]);
  } catch (e) {
    out.error = `${(e as Error).constructor.name}: ${(e as Error).message}`;
  }
  return out;
}

async function both(file: string): Promise<[Read, Read]> {
  // a file the sniffer refuses (binary.csv) is read as UTF-8: the reader must refuse it too
  const encoding = await sniffFile(file).then((f) => f.encoding, () => 'utf-8' as const);
  // the compiled module has a worker beside it; the sources do not
  const dist = await import(join(DIST, 'csv.js')) as typeof import('../../src/io/csv.js');
  return [await read(dist.readCsv(file, encoding, { worker: true })), await read(readCsvHere(file, encoding))];
}

describe('reading in a worker thread', () => {
  test('the worker is built beside the compiled reader', () => {
    expect(existsSync(join(DIST, 'csv-worker.js'))).toBe(true);
  });

  test.each(readdirSync(FIXTURES).filter((f) => f.endsWith('.csv')))('%s reads the same', async (name) => {
    const [worker, here] = await both(join(FIXTURES, name));
    expect(worker).toEqual(here);
  });

  test('thousands of records, several batches, lines counted across quoted line breaks', async () => {
    const rows = ['volunteer_no,date,hours,note'];
    for (let i = 0; i < 4500; i++) rows.push(i % 1000 === 7 ? `V${i},2025-01-01,1,"two\nlines"` : `V${i},2025-01-01,1,`);
    const f = join(dir, 'big.csv');
    writeFileSync(f, rows.join('\r\n') + '\r\n');
    const [worker, here] = await both(f);
    expect(worker.records).toHaveLength(4501);
    expect(worker.records.at(-1)![0]).toBe(4506); // five records span two lines each
    expect(worker).toEqual(here);
  });

  test('an error after many records comes after them, as the same UserError', async () => {
    const rows = ['volunteer_no,date,hours'];
    for (let i = 0; i < 2500; i++) rows.push(`V${i},2025-01-01,1`);
    rows.push('V9,"2025-01-01,1');
    const f = join(dir, 'unclosed.csv');
    writeFileSync(f, rows.join('\n') + '\n');
    const [worker, here] = await both(f);
    expect(worker.error).toMatch(/^UserError: .*:2502: a quoted cell starting on this line is never closed/);
    expect(worker).toEqual(here);
  });
});
