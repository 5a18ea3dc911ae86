// The CLI as a child process that runs alongside others or gets killed (concurrency and crash
// tests), and generated service files big enough to keep an import busy for a while.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { BIN, ROOT, TODAY, type CliResult } from './cli.js';

export type Finished = CliResult & { signal: NodeJS.Signals | null };

export function launch(dbPath: string, args: string[], env: Record<string, string> = {}): { child: ChildProcess; done: Promise<Finished> } {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, VLEDGER_DB: dbPath, VLEDGER_NOW: TODAY, VLEDGER_OPERATOR: 'tester', NO_COLOR: '1', LANG: 'en_US.UTF-8', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => { stdout += d; });
  child.stderr!.on('data', (d) => { stderr += d; });
  const done = new Promise<Finished>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? -1, stdout, stderr, signal }));
  });
  return { child, done };
}

export const start = (dbPath: string, args: string[], env: Record<string, string> = {}): Promise<Finished> => launch(dbPath, args, env).done;

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** n service rows of half an hour, ten a day per volunteer from firstDay, every row distinct. */
export function serviceCsv(file: string, n: number, volunteers: string[], firstDay: string, tag: string): string {
  const lines = ['volunteer_no,date,start,end,note'];
  const day0 = Date.parse(`${firstDay}T00:00:00Z`);
  for (let i = 0; i < n; i++) {
    const k = Math.floor(i / volunteers.length);
    const date = new Date(day0 + Math.floor(k / 10) * 86_400_000).toISOString().slice(0, 10);
    const h = String(6 + (k % 10)).padStart(2, '0');
    lines.push([volunteers[i % volunteers.length], date, `${h}:00`, `${h}:30`, `${tag}${i}`].join(','));
  }
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

export interface KillOutcome { killed: boolean; midWrite: boolean; result: Finished }

/**
 * Starts `import service FILE` and SIGKILLs it after `ms` (unless it has finished by then).
 * midWrite: a rollback journal lay beside the database, so the import had begun changing pages.
 */
export async function killImportAfter(dbPath: string, file: string, ms: number): Promise<KillOutcome> {
  const run = launch(dbPath, ['import', 'service', file]);
  await sleep(ms);
  if (run.child.exitCode === null) run.child.kill('SIGKILL');
  const result = await run.done;
  const killed = result.signal === 'SIGKILL';
  return { killed, midWrite: killed && existsSync(`${dbPath}-journal`), result };
}

/** Milliseconds a whole `import service FILE` takes here, measured on a throwaway copy of dbPath. */
export async function timeImport(dbPath: string, file: string): Promise<number> {
  const copy = `${dbPath}.timing`;
  copyFileSync(dbPath, copy);
  try {
    const began = Date.now();
    const r = await start(copy, ['import', 'service', file]);
    if (r.code !== 0) throw new Error(`timing import failed: ${r.stderr}`);
    return Date.now() - began;
  } finally {
    rmSync(copy, { force: true });
  }
}
