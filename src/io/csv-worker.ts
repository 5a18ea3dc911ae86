// The worker thread of readCsvBatches (csv.ts): reads one CSV file and posts its records in
// batches, never more than BATCHES_AHEAD unread; an error is posted as a message (a user's
// error keeps its text, anything else its stack).
import { parentPort, workerData } from 'node:worker_threads';
import { UserError } from '../core/errors.js';
import { BATCHES_AHEAD, CELL, RECORD, RECORDS_PER_BATCH, readCsvHere, type WorkerMessage } from './csv.js';
import type { Encoding } from './sniff.js';

const port = parentPort!;
const { file, encoding } = workerData as { file: string; encoding: Encoding };
let unread = 0;
let resume: (() => void) | undefined;
port.on('message', () => { unread--; resume?.(); resume = undefined; });

const send = (m: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(m, transfer);

async function post(texts: string[], lines: number[]): Promise<void> {
  const l = Int32Array.from(lines);
  send({ batch: texts.join(RECORD), lines: l }, [l.buffer]);
  unread++;
  while (unread >= BATCHES_AHEAD) await new Promise<void>((r) => { resume = r; });
}

let texts: string[] = [];
let lines: number[] = [];
try {
  for await (const rec of readCsvHere(file, encoding)) {
    texts.push(rec.cells.join(CELL));
    lines.push(rec.line);
    if (texts.length === RECORDS_PER_BATCH) {
      await post(texts, lines);
      texts = [];
      lines = [];
    }
  }
  if (texts.length) await post(texts, lines);
  send({ done: true });
} catch (e) {
  // the records before the problem first: the reader says where it is, after the header
  if (texts.length) send({ batch: texts.join(RECORD), lines: Int32Array.from(lines) });
  const err = e as Error;
  send({ error: err.message, user: e instanceof UserError, stack: err.stack });
}
