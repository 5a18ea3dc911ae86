// The built CLI's main() run inside the test process, stdout and stderr captured: for tests that
// need thousands of runs (fuzzing, every report in every format), where a spawn each costs too much.
// Same code path as bin/vledger.js, which only calls main() and sets the exit code.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT, TODAY, type CliResult } from './cli.js';

type Main = (argv: string[]) => Promise<number>;
let mainFn: Main | undefined;

async function loadMain(): Promise<Main> {
  mainFn ??= ((await import(pathToFileURL(join(ROOT, 'dist', 'cli', 'main.js')).href)) as { main: Main }).main;
  return mainFn;
}

type Write = typeof process.stdout.write;

function capture(chunks: Buffer[]): Write {
  return ((chunk: string | Uint8Array, enc?: unknown, cb?: unknown) => {
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, typeof enc === 'string' ? (enc as BufferEncoding) : 'utf8') : Buffer.from(chunk));
    const done = typeof enc === 'function' ? enc : cb;
    if (typeof done === 'function') done();
    return true;
  }) as Write;
}

/**
 * `vledger ...args` against dbPath in this process, with the same fixed environment as runCli.
 * Runs one at a time (it swaps process.stdout/stderr.write and process.env while it runs).
 */
export async function runInProcess(dbPath: string, args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult & { stdoutBytes: Buffer }> {
  const main = await loadMain();
  const fixed: Record<string, string | undefined> = {
    VLEDGER_DB: dbPath, VLEDGER_NOW: TODAY, VLEDGER_OPERATOR: 'tester', NO_COLOR: '1', LANG: 'en_US.UTF-8', VLEDGER_LANG: undefined, ...env,
  };
  const saved: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(fixed)) {
    saved[k] = process.env[k];
    if (v === undefined) delete process.env[k]; else process.env[k] = v;
  }
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdoutWrite = process.stdout.write;
  const stderrWrite = process.stderr.write;
  process.stdout.write = capture(out);
  process.stderr.write = capture(err);
  let code: number;
  try {
    code = await main(args);
  } finally {
    process.stdout.write = stdoutWrite;
    process.stderr.write = stderrWrite;
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
  }
  const stdoutBytes = Buffer.concat(out);
  return { code, stdout: stdoutBytes.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), stdoutBytes };
}
