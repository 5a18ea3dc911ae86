// The printable HTML annual report opened in a real browser: headless Chromium (Debian's
// `chromium`, installed by scripts/ensure-chromium.sh) must render the award tables and the SVG
// charts. Without a chromium binary the test is skipped, saying how to install one.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT, cliEnv } from '../helpers/cli.js';

function findChromium(): string | undefined {
  const candidates = [process.env.CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  return candidates.find((c): c is string => Boolean(c) && existsSync(c!));
}

const chromium = findChromium();
const skipNote = chromium ? '' : ' [SKIPPED: no chromium found; run scripts/ensure-chromium.sh (as root) or set CHROMIUM=/path/to/chrome]';
if (!chromium) process.stderr.write(`html-chromium.test.ts:${skipNote}\n`);

let t: ReturnType<typeof cliEnv>;
let htmlFile: string;

function runChromium(args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(chromium!, [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage', `--user-data-dir=${join(t.dir, 'chromium-profile')}`,
    ...args, `file://${htmlFile}`,
  ], { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

describe.skipIf(!chromium)(`the HTML annual report in headless Chromium${skipNote}`, () => {
  beforeAll(() => {
    t = cliEnv('vledger-chromium-');
    for (const kind of ['orgs', 'volunteers', 'teams', 'members', 'activities', 'service', 'training', 'commendations', 'complaints', 'no-shows', 'adjustments']) {
      const r = t.run('import', kind, join(ROOT, 'examples', `${kind}.csv`), '--quiet');
      if (r.code !== 0) throw new Error(`import ${kind}: ${r.stderr}`);
    }
    const report = t.runEnv({ VLEDGER_LANG: 'zh' }, 'report', 'awards', '--year', '2025', '--format', 'html', '--explain');
    if (report.code !== 0) throw new Error(`report awards: ${report.stderr}`);
    htmlFile = join(t.dir, 'annual-report-2025.html');
    writeFileSync(htmlFile, report.stdout);
  });

  afterAll(() => t?.cleanup());

  test('the rendered DOM has both award tables, the assessment and the two charts', () => {
    const r = runChromium(['--dump-dom']);
    expect(r.code, r.stderr).toBe(0);
    const dom = r.stdout;
    expect(dom).toContain('<h1>2025年度党员志愿服务年度报告（全部组织）</h1>');
    for (const award of ['excellent_volunteer', 'excellent_team']) {
      const table = new RegExp(`<table class="awards ${award}">[\\s\\S]*?</table>`).exec(dom)?.[0] ?? '';
      expect(table, award).not.toBe('');
      expect((table.match(/<tr>/g) ?? []).length, `${award} rows`).toBeGreaterThan(1);
    }
    expect(dom).toContain('2025年度优秀共产党员志愿者');
    expect(dom).toContain('2025年度优秀共产党员志愿服务队');
    expect(dom).toMatch(/<table class="assessment">[\s\S]*?G01[\s\S]*?<\/table>/);
    const month = /<svg class="chart chart-month"[\s\S]*?<\/svg>/.exec(dom)?.[0] ?? '';
    expect((month.match(/<rect class="bar"/g) ?? []).length).toBe(12);
    const org = /<svg class="chart chart-org"[\s\S]*?<\/svg>/.exec(dom)?.[0] ?? '';
    expect((org.match(/<rect class="bar"/g) ?? []).length).toBeGreaterThanOrEqual(2);
    // nothing fetched from anywhere: one self-contained file
    expect(dom).not.toMatch(/<(script|link)\b|src="http/);
  });

  test('a screenshot is a real, non-blank PNG of the page', () => {
    const png = join(t.dir, 'annual-report-2025.png');
    const r = runChromium(['--hide-scrollbars', '--window-size=1100,2400', `--screenshot=${png}`]);
    expect(r.code, r.stderr).toBe(0);
    const bytes = readFileSync(png);
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([1100, 2400]);
    // a blank page compresses to a few kilobytes; tables, text and bars do not
    expect(statSync(png).size).toBeGreaterThan(30_000);
    if (process.env.KEEP_SCREENSHOT) writeFileSync(process.env.KEEP_SCREENSHOT, bytes);
  });
});
