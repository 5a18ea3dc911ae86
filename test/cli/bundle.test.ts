// Bundles end to end: branch databases built from the examples each export their subtree, the
// city merges the bundles in two orders and twice over and ends with the same data and award
// lists as one database holding everything; tampered bundles and clashing codes are refused; a
// transfer and a change of political status travel as history and leave earlier years alone.
import { createHash } from 'node:crypto';
import { copyFileSync, cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { KINDS } from '../../src/core/kinds.js';
import { counts, query, ROOT, runCli, tempDb } from '../helpers/cli.js';
import { runInProcess } from '../helpers/in-process.js';

const BRANCHES = ['Z1', 'Z2', 'B31', 'B41'];
const NEW_ID = '01900000-0000-7000-8000-00000000b31a';

let base: ReturnType<typeof tempDb>;
const at = (...parts: string[]) => join(base.dir, ...parts);
const full = () => at('full.db');

/** The CLI in this process (a spawn costs too much for the ~70 runs here); must exit 0. */
async function ok(db: string, ...args: string[]) {
  const r = await runInProcess(db, args);
  expect(r.code, `vledger ${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r;
}

/** Every kind's rows and the history as sorted lines, read from a G01 bundle of the database (ids, voids and all). */
async function content(db: string, name: string): Promise<Record<string, string[]>> {
  await ok(db, 'export', 'bundle', '--org', 'G01', '-o', at('content', name));
  return Object.fromEntries([...KINDS, 'history'].map((k) => {
    const [header, ...rows] = readFileSync(at('content', name, `${k}.csv`), 'utf8').split('\r\n');
    return [k, [header!, ...rows.sort()]];
  }));
}

/** The award lists, the assessment and the ranking (when built) as CSV. */
async function reports(db: string): Promise<string[]> {
  const out: string[] = [];
  for (const args of [['report', 'awards', '--year', '2025'], ['report', 'assessment', '--year', '2025'], ['rank', '--year', '2025']]) {
    const r = await runInProcess(db, [...args, '--format', 'csv']);
    if (r.code === 2 && /unknown command/.test(r.stderr)) continue; // not built yet
    expect(r.code, r.stderr).toBe(0);
    out.push(r.stdout);
  }
  return out;
}

let ids: { approve: string; reject: string; void: string };

beforeAll(async () => {
  base = tempDb('vledger-bundle-');
  for (const kind of KINDS) await ok(full(), 'import', kind, join(ROOT, 'examples', `${kind}.csv`));
  // each branch starts from its subtree of the one database, so the ids agree
  for (const b of BRANCHES) {
    await ok(full(), 'export', 'bundle', '--org', b, '-o', at('old', b));
    await ok(at(`${b}.db`), 'import', 'bundle', at('old', b));
  }
  const pending = (no: string) => query<{ id: string }>(full(), "SELECT id FROM records WHERE status = 'pending' AND volunteer_no = ?", no)[0]!.id;
  ids = {
    approve: pending('B12-0005'),
    reject: pending('B21-0010'),
    void: query<{ id: string }>(full(), "SELECT id FROM records WHERE kind = 'service' AND volunteer_no = 'B11-0001' ORDER BY date LIMIT 1")[0]!.id,
  };
  // then work at the branches goes on; the same steps in the one database give the expected result
  const work: [string, string[]][] = [
    ['Z1', ['log', 'approve', ids.approve]],
    ['Z1', ['log', 'void', ids.void, '--reason', '重复录入']],
    ['Z2', ['log', 'reject', ids.reject, '--reason', '无签到表']],
    ['B31', ['log', 'service', '--volunteer', 'B31-0001', '--date', '2025-12-31', '--hours', '1.5', '--evaluation', 'satisfied', '--id', NEW_ID]],
  ];
  for (const [b, args] of work) {
    await ok(at(`${b}.db`), ...args);
    await ok(full(), ...args);
  }
  for (const b of BRANCHES) await ok(at(`${b}.db`), 'export', 'bundle', '--org', b, '-o', at('new', b));
}, 300_000);
afterAll(() => base?.cleanup());

describe('export bundle', () => {
  test('writes every kind with a manifest of row counts and hashes, unmasked, and says so', async () => {
    const r = await ok(full(), 'export', 'bundle', '--org', 'Z1', '-o', at('check'));
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^wrote bundle of Z1 to .*check: orgs \d+, volunteers \d+, teams/);
    expect(r.stderr).toContain('unmasked personal data');
    expect(readdirSync(at('check')).sort()).toEqual([...KINDS.map((k) => `${k}.csv`), 'history.csv', 'manifest.json'].sort());
    const m = JSON.parse(readFileSync(at('check', 'manifest.json'), 'utf8'));
    const dbId = query<{ value: string }>(full(), "SELECT value FROM meta WHERE key = 'database_id'")[0]!.value;
    expect(m).toMatchObject({ format: 'vledger-bundle', format_version: 1, org: 'Z1', database_id: dbId, unmasked: true, includes_voided: true, exported_at: '2026-11-29T12:00:00.000Z' });
    expect(m.files.map((f: { kind: string }) => f.kind)).toEqual([...KINDS]);
    expect(m.history).toMatchObject({ file: 'history.csv' });
    for (const f of [...m.files, m.history]) {
      const bytes = readFileSync(at('check', f.file));
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(bytes.toString('utf8').split('\r\n').length - 2, f.file).toBe(f.rows);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(f.sha256);
    }
    // unmasked, every row with its id; the subtree's own volunteers and records, and what they refer to
    const volunteers = readFileSync(at('check', 'volunteers.csv'), 'utf8');
    expect(volunteers).toMatch(/,B11-0001,顾琳,resident_id,430104196911210841,female,1969-11-21,13925636418,/);
    const orgs = readFileSync(at('check', 'orgs.csv'), 'utf8').split('\r\n').slice(1, -1).map((l) => l.split(',')[1]);
    expect(orgs.slice(0, 2)).toEqual(['G01', 'Z1']); // ancestors first, so the tree imports top-down
    expect(orgs).toEqual(expect.arrayContaining(['B11', 'B12']));
    const service = readFileSync(at('check', 'service.csv'), 'utf8').replace(/^\uFEFF/, '').split('\r\n');
    expect(service[0]).toBe('id,ref,volunteer_no,activity,date,start,end,hours,category,role,evaluation,status,entry,note,void_reason');
    expect(service.slice(1, -1).every((l) => /^[0-9a-f-]{36},[^,]*,B1[12]-/.test(l))).toBe(true);
  });

  test('needs --org and -o; flags that would change the files are refused (exit 2)', () => {
    const noOrg = runCli(full(), ['export', 'bundle', '-o', at('x')]);
    expect([noOrg.code, noOrg.stderr]).toEqual([2, 'vledger: --org: export bundle needs the organisation whose subtree to send (--org CODE)\n']);
    expect(runCli(full(), ['export', 'bundle', '--org', 'Z1']).code).toBe(2);
    const year = runCli(full(), ['export', 'bundle', '--org', 'Z1', '-o', at('x'), '--year', '2025']);
    expect(year.code).toBe(2);
    expect(year.stderr).toMatch(/^vledger: --year: a bundle is always every year/);
  });
});

describe('import bundle: the city merges the branches', () => {
  const cityA = () => at('cityA.db');
  const cityB = () => at('cityB.db');

  test('in two orders and twice over: the same data and award lists as one database with everything', async () => {
    // city A: the first bundles, then the newer ones (forward changes travel), then those again
    for (const b of BRANCHES) await ok(cityA(), 'import', 'bundle', at('old', b));
    const second: Record<string, string> = {};
    for (const b of BRANCHES) second[b] = (await ok(cityA(), 'import', 'bundle', at('new', b))).stderr;
    expect(second.Z1).toMatch(/\nservice: 0 new, 2 updated, \d+ unchanged\n/);
    expect(second.Z2).toMatch(/\nservice: 0 new, 1 updated, \d+ unchanged\n/);
    expect(second.B31).toMatch(/\nservice: 1 new, 0 updated, \d+ unchanged\n/);
    const before = counts(cityA());
    for (const b of BRANCHES) {
      const again = await ok(cityA(), 'import', 'bundle', at('new', b));
      expect(again.stderr).toMatch(new RegExp(`bundle of ${b}: 0 new, 0 updated, \\d+ unchanged; everything in it is already here, nothing written\\n$`));
    }
    expect(counts(cityA())).toEqual(before);
    // city B: only the newest bundles, in the opposite order, twice
    for (const round of [1, 2]) for (const b of [...BRANCHES].reverse()) await ok(cityB(), 'import', 'bundle', at('new', b), `--operator=city${round}`);

    const expected = await content(full(), 'full');
    expect(await content(cityA(), 'cityA')).toEqual(expected);
    expect(await content(cityB(), 'cityB')).toEqual(expected);
    const awards = await reports(full());
    expect(awards.length).toBeGreaterThan(0);
    expect(await reports(cityA())).toEqual(awards);
    expect(await reports(cityB())).toEqual(awards);

    const rec = (id: string) => query<Record<string, unknown>>(cityA(), 'SELECT status, void_reason, batch FROM records WHERE id = ?', id)[0];
    expect(rec(ids.approve)).toMatchObject({ status: 'approved' });
    expect(rec(ids.reject)).toMatchObject({ status: 'rejected' });
    expect(rec(ids.void)).toMatchObject({ void_reason: '重复录入' });
    expect(query(cityA(), "SELECT kind, rows_written FROM batches WHERE kind = 'bundle' ORDER BY pk").length).toBe(7); // 4 first + 3 with news
    expect(query(cityA(), "SELECT count(*) AS n FROM audit WHERE entity = 'bundle'")).toEqual([{ n: 7 }]);
  });

  test('a changed or missing file, or a damaged manifest, is refused and nothing is written', async () => {
    const city = at('tamper.db');
    copyFileSync(cityA(), city);
    const before = counts(city);
    const refused = async (dir: string, message: string | RegExp) => {
      const r = await runInProcess(city, ['import', 'bundle', dir]);
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).not.toContain('    at ');
      if (typeof message === 'string') expect(r.stderr).toContain(message); else expect(r.stderr).toMatch(message);
      expect(counts(city)).toEqual(before);
    };
    const copy = (name: string) => { cpSync(at('new', 'B31'), at(name), { recursive: true }); return at(name); };

    const changed = copy('changed');
    const service = readFileSync(join(changed, 'service.csv'), 'utf8');
    writeFileSync(join(changed, 'service.csv'), service.replace(',1.5,', ',15,'));
    await refused(changed, `vledger: ${changed}: bundle refused, nothing written\n${changed}/service.csv: changed since the bundle was written`);

    const missing = copy('missing');
    rmSync(join(missing, 'training.csv'));
    await refused(missing, `${missing}/training.csv: missing or unreadable; the bundle is incomplete`);

    const noManifest = copy('no-manifest');
    rmSync(join(noManifest, 'manifest.json'));
    await refused(noManifest, `${noManifest}/manifest.json: missing; this is not a complete bundle`);

    const newer = copy('newer');
    const m = JSON.parse(readFileSync(join(newer, 'manifest.json'), 'utf8'));
    writeFileSync(join(newer, 'manifest.json'), JSON.stringify({ ...m, format_version: 2 }));
    await refused(newer, 'format_version: the bundle was written by a newer vledger (format 2, this one reads 1); upgrade vledger');

    const odd = copy('odd');
    writeFileSync(join(odd, 'manifest.json'), JSON.stringify({ ...m, files: m.files.slice(1) }));
    await refused(odd, /manifest\.json: files: no entry for orgs/);

    await refused(at('nowhere'), `${at('nowhere')}: no such folder`);
  });

  test('the same volunteer_no with another id, or one id number under two volunteer_nos, is a conflict naming both', async () => {
    const city = at('conflict-city.db');
    const rogue = at('rogue.db');
    copyFileSync(cityA(), city);
    copyFileSync(at('Z1.db'), rogue);
    // an id number the city has (a B41 volunteer) that the Z1 branch has never seen
    const z1 = new Set(query<{ volunteer_no: string }>(rogue, 'SELECT volunteer_no FROM volunteers').map((v) => v.volunteer_no));
    const other = query<{ volunteer_no: string; name: string; id_number: string; id: string }>(city,
      "SELECT volunteer_no, name, id_number, id FROM volunteers WHERE org = 'B41' AND id_number IS NOT NULL ORDER BY volunteer_no").find((v) => !z1.has(v.volunteer_no))!;
    await ok(rogue, 'register', 'volunteer', '--volunteer-no', 'B11-0100', '--name', '新来的', '--org', 'B11', '--political-status', 'masses');
    await ok(rogue, 'register', 'volunteer', '--volunteer-no', 'B11-0101', '--name', '重复人', '--org', 'B11', '--political-status', 'masses', '--id-number', other.id_number);
    await ok(city, 'register', 'volunteer', '--volunteer-no', 'B11-0100', '--name', '另一人', '--org', 'B11', '--political-status', 'masses');
    await ok(rogue, 'export', 'bundle', '--org', 'Z1', '-o', at('rogue'));
    const rogueId = query<{ id: string }>(rogue, "SELECT id FROM volunteers WHERE volunteer_no = 'B11-0100'")[0]!.id;
    const cityId = query<{ id: string }>(city, "SELECT id FROM volunteers WHERE volunteer_no = 'B11-0100'")[0]!.id;
    const dupId = query<{ id: string }>(rogue, "SELECT id FROM volunteers WHERE volunteer_no = 'B11-0101'")[0]!.id;

    const before = counts(city);
    const r = await runInProcess(city, ['import', 'bundle', at('rogue')]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toContain(`vledger: ${at('rogue')}: bundle refused, nothing written (2 problems)`);
    expect(r.stderr).toMatch(new RegExp(`volunteers\\.csv:\\d+: volunteer_no: conflict: volunteer B11-0100 is stored here with id ${cityId} \\(另一人\\), `
      + `but the bundle of Z1 \\(database [0-9a-f-]+\\) has volunteer B11-0100 with id ${rogueId} \\(新来的\\)`));
    expect(r.stderr).toMatch(new RegExp(`volunteers\\.csv:\\d+: id_number: conflict: this id number is stored here as ${other.volunteer_no} ${other.name} \\(id ${other.id}\\), `
      + `but the bundle of Z1 \\(database [0-9a-f-]+\\) has it as B11-0101 重复人 \\(id ${dupId}\\); one person under two volunteer numbers`));
    expect(counts(city)).toEqual(before);
  });
});

describe('import bundle: org and political-status history travel', () => {
  const src = () => at('hist-src.db');
  const RULES = join(ROOT, 'examples', 'rules.json');
  const NO = 'B41-0009';
  /** Each year's rankings and assessment as CSV: the outputs that read the values in force on 31 December. */
  const yearly = async (db: string) => {
    const out: Record<string, string> = {};
    for (const year of ['2024', '2025']) {
      for (const args of [['rank', '--year', year, '--all'], ['rank', '--year', year], ['report', 'assessment', '--year', year]]) {
        out[args.join(' ')] = (await ok(db, ...args, '--format', 'csv')).stdout;
      }
    }
    return out;
  };
  const history = (db: string) => query(db, 'SELECT field, value, effective FROM volunteer_history WHERE volunteer_no = ? ORDER BY field, effective, pk', NO);

  beforeAll(async () => {
    // the example city (its rules too), then a member joins the party and transfers out of B41
    copyFileSync(full(), src());
    await ok(src(), 'score', 'rules', '--set', RULES, '--from-year', '2025');
    await ok(src(), 'update', 'volunteer', NO, '--political-status', 'probationary', '--effective', '2025-12-31');
    await ok(src(), 'update', 'volunteer', NO, '--org', 'B31', '--effective', '2026-01-01');
    await ok(src(), 'export', 'bundle', '--org', 'G01', '-o', at('hist'));
  }, 120_000);

  test('merged into an empty database: 2024 and 2025 rankings and assessment as at the source; check passes; twice is 0 new', async () => {
    const city = at('hist-city.db');
    await ok(city, 'score', 'rules', '--set', RULES, '--from-year', '2025');
    const merged = await ok(city, 'import', 'bundle', at('hist'));
    expect(merged.stderr).toMatch(/\nvolunteers: \d+ new, 0 updated, 0 unchanged\nhistory: \d+ new, 0 updated, 0 unchanged\n/);

    const expected = await yearly(src());
    expect(expected['rank --year 2024 --all']).toMatch(new RegExp(`,${NO},[^,]+,B41,masses,`));
    expect(expected['rank --year 2025 --all']).toMatch(new RegExp(`,${NO},[^,]+,B41,probationary,`));
    expect(await yearly(city)).toEqual(expected);
    expect(history(city)).toEqual(history(src()));
    expect(query(city, 'SELECT org, political_status FROM volunteers WHERE volunteer_no = ?', NO)).toEqual([{ org: 'B31', political_status: 'probationary' }]);
    const check = runCli(city, ['check']);
    expect(check.code, check.stderr).toBe(0);
    expect(check.stderr).toMatch(/^ok: .* passed \d+ checks .*current = history/);

    const before = counts(city);
    const again = await ok(city, 'import', 'bundle', at('hist'));
    expect(again.stderr).toMatch(/\nhistory: 0 new, 0 updated, \d+ unchanged\n/);
    expect(again.stderr).toMatch(/bundle of G01: 0 new, 0 updated, \d+ unchanged; everything in it is already here, nothing written\n$/);
    expect(counts(city)).toEqual(before);
  });

  test('merged into a city that knew the volunteer before: the change is added, not the earlier years rewritten', async () => {
    const city = at('hist-known.db');
    copyFileSync(at('cityA.db'), city);
    await ok(city, 'score', 'rules', '--set', RULES, '--from-year', '2025');
    const merged = await ok(city, 'import', 'bundle', at('hist'));
    expect(merged.stderr).toMatch(/\nhistory: 2 new, 0 updated, \d+ unchanged\n {2}1 known volunteer\(s\) now have the org or political status of their merged history: B41-0009\n/);
    expect(merged.stderr).not.toMatch(/known volunteers row\(s\) differ/);
    expect(history(city)).toEqual(history(src()));
    expect(await yearly(city)).toEqual(await yearly(src()));
    expect(runCli(city, ['check']).code).toBe(0);
  });

  test('a bundle without history.csv (written before it existed) still merges, its volunteers starting from their current values', async () => {
    const old = at('hist-old');
    cpSync(at('hist'), old, { recursive: true });
    rmSync(join(old, 'history.csv'));
    const manifest = JSON.parse(readFileSync(join(old, 'manifest.json'), 'utf8'));
    delete manifest.history;
    writeFileSync(join(old, 'manifest.json'), JSON.stringify(manifest));
    const city = at('hist-old.db');
    const merged = await ok(city, 'import', 'bundle', old);
    expect(merged.stderr).not.toMatch(/\nhistory:/);
    expect(history(city)).toEqual([{ field: 'org', value: 'B31', effective: '' }, { field: 'political_status', value: 'probationary', effective: '' }]);
    expect(runCli(city, ['check']).code).toBe(0);
  });
});
