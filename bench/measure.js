// Timing one process: wall time, CPU time (user + sys), exit code, output, and its peak RSS —
// from GNU time (-v) when /usr/bin/time exists, else wall time only and RSS by polling
// /proc/PID/status VmHWM. CPU time matters on a shared machine: wall time there includes the
// time the process waited for a core.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const GNU_TIME = '/usr/bin/time';
const hasGnuTime = existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-v', 'true']).status === 0;

export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** The first line a tool prints for `args` (its version), or null when it is not installed. */
export function toolVersion(cmd, args) {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  return r.error || r.status !== 0 ? null : (r.stdout || r.stderr).trim().split('\n')[0];
}

function vmHwmKb(pid) {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined; // the process has gone
  }
}

/**
 * Runs cmd and resolves {code, ms, cpuMs?, stdout, stderr, rssKb?} when it exits. GNU time
 * reports the child it ran, not itself; its own fork and exec add about a millisecond.
 */
export function measure(cmd, args, { env = process.env, input, rss = false } = {}) {
  const statsFile = join(tmpdir(), `bench-time-${process.pid}-${Math.random().toString(36).slice(2)}.txt`);
  const wrapped = hasGnuTime;
  const [file, argv] = wrapped ? [GNU_TIME, ['-v', '-o', statsFile, cmd, ...args]] : [cmd, args];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(file, argv, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out = [], err = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => err.push(b));
    let hwm;
    const poll = rss && !wrapped ? setInterval(() => { hwm = vmHwmKb(child.pid) ?? hwm; }, 20) : undefined;
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - t0;
      if (poll) clearInterval(poll);
      let rssKb = hwm, cpuMs;
      if (wrapped) {
        const stats = existsSync(statsFile) ? readFileSync(statsFile, 'utf8') : '';
        const num = (re) => { const m = re.exec(stats); return m ? Number(m[1]) : undefined; };
        const user = num(/User time \(seconds\): ([\d.]+)/), sys = num(/System time \(seconds\): ([\d.]+)/);
        cpuMs = user === undefined || sys === undefined ? undefined : (user + sys) * 1000;
        if (rss) rssKb = num(/Maximum resident set size \(kbytes\): (\d+)/);
        rmSync(statsFile, { force: true });
      }
      resolve({ code, ms, cpuMs, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), rssKb });
    });
    child.stdin.on('error', () => {}); // a command that exits without reading its input
    child.stdin.end(input ?? '');
  });
}

measure.rssMethod = hasGnuTime ? `${GNU_TIME} -v (Maximum resident set size)` : '/proc/PID/status VmHWM, polled every 20 ms';

/** Untimed helper runs (counts, versions, table setup). */
measure.sync = (cmd, args, { input } = {}) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', input, maxBuffer: 1 << 26 });
  if (r.error) throw r.error;
  return r;
};
