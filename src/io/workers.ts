// Worker threads still running (a CSV reader whose rows were not all read, e.g. when an import
// stopped at a busy database): the CLI stops them when its command ends, or the process would
// wait for them. No dependencies: main.ts loads this at every start.
import type { Worker } from 'node:worker_threads';

const live = new Set<Worker>();

export function track(worker: Worker): void {
  live.add(worker);
  worker.once('exit', () => live.delete(worker));
}

export async function stopWorkers(): Promise<void> {
  await Promise.all([...live].map((w) => w.terminate()));
  live.clear();
}
