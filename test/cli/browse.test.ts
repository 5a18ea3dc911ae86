// `vledger list|show|audit` end to end: formats (table, csv with BOM and CRLF, one JSON array),
// masking of id numbers and phones unless --unmasked, Chinese headings, the audit trail, and the
// README's first walk through the product.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import Database from 'better-sqlite3';
import { cliEnv, counts, IDS, query, runSteps, seedBasic, seedFrom } from '../helpers/cli.js';

let t: ReturnType<typeof cliEnv>;
let voidedId = '';
beforeEach(() => {
  t = cliEnv();
  seedFrom(t.dbPath, 'browse', (p) => {
    seedBasic(p);
    const [, b] = runSteps(p, [
      ['log', 'service', '--volunteer', 'B11-0001', '--date', '2026-03-05', '--hours', '2.5', '--activity', 'A0001', '--evaluation', '满意'],
      ['log', 'service', '--volunteer', 'B12-0001', '--date', '2025-12-31', '--start', '09:00', '--end', '10:20'],
    ]);
    runSteps(p, [['log', 'void', b!.stdout.trim(), '--reason', 'duplicate']]);
  });
  voidedId = query<{ id: string }>(t.dbPath, 'SELECT id FROM records WHERE voided_at IS NOT NULL')[0]!.id;
});
afterEach(() => t.cleanup());

const json = (...args: string[]) => {
  const r = t.run(...args, '--format', 'json');
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout) as Record<string, unknown>[];
};

describe('list volunteers masks personal data unless --unmasked', () => {
  const fullId = IDS.zhang;
  const fullPhone = '13812341234';

  test.each(['table', 'csv', 'json'])('%s', (format) => {
    const masked = t.run('list', 'volunteers', '--format', format).stdout;
    expect(masked).toContain('110101********1233');
    expect(masked).toContain('138****1234');
    expect(masked).not.toContain(fullId);
    expect(masked).not.toContain(fullPhone);
    const unmasked = t.run('list', 'volunteers', '--format', format, '--unmasked').stdout;
    expect(unmasked).toContain(fullId);
    expect(unmasked).toContain(fullPhone);
  });
});

describe('formats', () => {
  test('json is one array with the canonical keys; hours are plain numbers', () => {
    const vols = json('list', 'volunteers');
    expect(vols.map((v) => v.volunteer_no)).toEqual(['B11-0001', 'B11-0002', 'B11-0003', 'B12-0001']);
    expect(Object.keys(vols[0]!)).toEqual(['id', 'volunteer_no', 'name', 'id_type', 'id_number', 'gender', 'birth_date', 'phone', 'political_status', 'org', 'skills', 'registered_on', 'status', 'left_on', 'disciplined_in']);
    expect(vols[0]).toMatchObject({ name: '张三', gender: 'male', birth_date: '1990-03-07', political_status: 'party_member', org: 'B11', status: 'active' });
    const records = json('list', 'records', '--all');
    expect(records.map((r) => [r.volunteer_no, r.date, r.hours, r.status])).toEqual([['B12-0001', '2025-12-31', 1.33, 'voided'], ['B11-0001', '2026-03-05', 2.5, 'approved']]);
  });

  test('csv has a BOM, CRLF line ends and the same columns; --no-bom drops the BOM; csv is the default when piped', () => {
    const r = t.run('list', 'orgs', '--format', 'csv');
    expect(r.stdout.startsWith('\uFEFFid,code,name,parent,kind,status\r\n')).toBe(true);
    expect(r.stdout.split('\r\n')).toHaveLength(5); // header, 3 orgs, trailing empty
    expect(r.stdout.replace(/\r\n/g, '')).not.toContain('\n');
    expect(r.stdout).toMatch(/\r\n[0-9a-f-]{36},B11,第一党支部,G01,branch,active\r\n/);
    expect(t.run('list', 'orgs', '--format', 'csv', '--no-bom').stdout.startsWith('id,code')).toBe(true);
    expect(t.run('list', 'orgs').stdout).toBe(r.stdout);
  });

  test('tables are compact: a rule under the top border only, none between rows', () => {
    const out = t.run('list', 'orgs', '--format', 'table').stdout;
    const lines = out.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^┌/);
    expect(lines.at(-1)).toMatch(/^└/);
    expect(lines.filter((l) => l.startsWith('├'))).toEqual([]);
    expect(lines).toHaveLength(6); // top, heading, 3 orgs, bottom
  });

  test('--lang zh gives Chinese headings and values in tables; csv keeps the English keys and values', () => {
    const table = t.run('--lang', 'zh', 'list', 'volunteers', '--format', 'table').stdout;
    for (const h of ['志愿者编号', '姓名', '身份证号', '政治面貌', '所在支部']) expect(table).toContain(h);
    expect(table).toContain('中共党员');
    expect(table).toContain('中共预备党员');
    const csv = t.run('list', 'volunteers', '--format', 'csv', '--lang', 'zh').stdout;
    expect(csv.split('\r\n')[0]).toBe('\uFEFFid,volunteer_no,name,id_type,id_number,gender,birth_date,phone,political_status,org,skills,registered_on,status,left_on,disciplined_in');
    expect(csv).toContain(',party_member,');
  });

  test('the language also comes from VLEDGER_LANG or a Chinese LANG', () => {
    expect(t.runEnv({ VLEDGER_LANG: 'zh' }, 'list', 'orgs', '--format', 'table').stdout).toContain('组织名称');
    expect(t.runEnv({ LANG: 'zh_CN.UTF-8' }, 'list', 'orgs', '--format', 'table').stdout).toContain('组织名称');
    expect(t.run('list', 'orgs', '--format', 'table').stdout).toContain('name');
  });
});

describe('filters', () => {
  test('--org limits to the subtree, --year to the year, --volunteer to one person', () => {
    expect(json('list', 'volunteers', '--org', 'B12').map((v) => v.volunteer_no)).toEqual(['B12-0001']);
    expect(json('list', 'volunteers', '--org', '市直机关工委')).toHaveLength(4);
    expect(json('list', 'records', '--all', '--year', '2025').map((r) => r.date)).toEqual(['2025-12-31']);
    expect(json('list', 'records', '--all', '--volunteer', '张三').map((r) => r.volunteer_no)).toEqual(['B11-0001']);
    const r = t.run('list', 'volunteers', '--org', 'B99');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^vledger: --org: no organisation "B99"/);
  });

  test('voided records only with --all, with status voided and the reason', () => {
    expect(json('list', 'records').map((r) => r.status)).toEqual(['approved']);
    const all = json('list', 'records', '--all');
    expect(all[0]).toMatchObject({ id: voidedId, status: 'voided', void_reason: 'duplicate' });
  });
});

describe('show volunteer', () => {
  test('the profile with teams and totals, masked unless --unmasked', () => {
    const [p] = json('show', 'volunteer', 'B11-0001');
    expect(p).toMatchObject({
      volunteer_no: 'B11-0001', name: '张三', id_number: '110101********1233', phone: '138****1234', org: 'B11',
      teams: 'T01 红色先锋志愿服务队', approved_records: 1, total_hours: 2.5, hours_2026: 2.5, pending_records: 0,
    });
    expect(json('show', 'volunteer', '张三', '--unmasked')[0]).toMatchObject({ id_number: IDS.zhang, phone: '13812341234' });
  });

  test('as a compact table of field and value', () => {
    const out = t.run('show', 'volunteer', 'B11-0001', '--format', 'table').stdout;
    expect(out).toMatch(/│ volunteer_no\s+│ B11-0001\s+│/);
    expect(out.split('\n').filter((l) => l.startsWith('├'))).toEqual([]);
  });

  test('an unknown volunteer is exit 1', () => {
    const r = t.run('show', 'volunteer', 'B11-0099');
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(r.stderr).toBe('vledger: no volunteer "B11-0099"; check the volunteer number (vledger list volunteers)\n');
  });
});

describe('audit', () => {
  test('every change with its operator (VLEDGER_OPERATOR or --operator), command and entity', () => {
    expect(t.runEnv({ VLEDGER_OPERATOR: 'clerk-li' }, 'update', 'volunteer', 'B11-0003', '--skills', '理发').code).toBe(0);
    expect(t.run('--operator', 'admin-wang', 'update', 'team', 'T01', '--name', '先锋队').code).toBe(0);
    expect(t.runEnv({ VLEDGER_OPERATOR: 'clerk-li' }, 'update', 'org', 'B12', '--name', '第二支部', '--operator', 'flag-wins').code).toBe(0);
    const rows = json('audit');
    expect(rows).toHaveLength(counts(t.dbPath).audit!);
    expect(rows.map((r) => `${r.operator} ${r.command} ${r.entity}`)).toEqual([
      ...Array(3).fill('tester register org org'),
      ...Array(4).fill('tester register volunteer volunteer'),
      'tester register team team', 'tester register member member', 'tester register member member', 'tester register activity activity',
      'tester log service record', 'tester log service record', 'tester log void record',
      'clerk-li update volunteer volunteer', 'admin-wang update team team', 'flag-wins update org org',
    ]);
    expect(Object.keys(rows[0]!)).toEqual(['at', 'operator', 'command', 'entity', 'entity_id', 'change']);
    expect(rows[0]!.at).toBe('2026-11-29T12:00:00.000Z');
    expect(JSON.parse(String(rows.at(-1)!.change))).toEqual({ update: 'B12', effective: null, name: { from: '第二党支部', to: '第二支部' } });
  });

  test('id numbers and phones in the changes are masked unless --unmasked', () => {
    const masked = t.run('audit', '--format', 'csv').stdout;
    expect(masked).not.toContain(IDS.zhang);
    expect(masked).not.toContain('13812341234');
    expect(masked).toContain('110101********1233');
    expect(masked).toContain('138****1234');
    expect(t.run('update', 'volunteer', 'B11-0001', '--phone', '13700001111').code).toBe(0);
    const after = json('audit');
    expect(JSON.parse(String(after.at(-1)!.change)).phone).toEqual({ from: '138****1234', to: '137****1111' });
    const unmasked = t.run('audit', '--format', 'csv', '--unmasked').stdout;
    expect(unmasked).toContain(IDS.zhang);
    expect(unmasked).toContain('13700001111');
  });

  test('a resident id or mobile under any key of a change is masked too', () => {
    const db = new Database(t.dbPath);
    db.prepare("INSERT INTO audit (at, operator, command, entity, entity_id, change) VALUES ('2026-11-29T13:00:00.000Z', 'x', 'import members', 'member', NULL, ?)")
      .run(JSON.stringify({ insert: { person: { volunteer_no: IDS.li }, note: '13912345678', volunteer_no: 'B11-0002' } }));
    db.close();
    const last = JSON.parse(String(json('audit').at(-1)!.change));
    expect(last).toEqual({ insert: { person: { volunteer_no: '110105********0020' }, note: '139****5678', volunteer_no: 'B11-0002' } });
  });

  test('--since keeps changes on or after a date', () => {
    expect(json('audit', '--since', '2026-11-29').length).toBeGreaterThan(0);
    expect(json('audit', '--since', '2026/11/30')).toEqual([]);
  });
});

describe('the README walk', () => {
  test('a new user registers a branch and a volunteer, logs a service, lists it, voids it and reads the audit trail', () => {
    const fresh = cliEnv();
    try {
      expect(fresh.run('register', 'org', '--code', 'B11', '--name', '第一党支部', '--kind', 'branch').code).toBe(0);
      const v = fresh.run('register', 'volunteer', '--name', '张三', '--org', 'B11', '--political-status', '中共党员', '--id-number', IDS.zhang, '--phone', '13812341234');
      expect(v).toMatchObject({ code: 0, stdout: 'B11-0001\n' });
      const s = fresh.run('log', 'service', '--volunteer', 'B11-0001', '--date', '2026-03-05', '--hours', '2.5');
      expect(s.code).toBe(0);
      const id = s.stdout.trim();
      const listed = fresh.run('list', 'records', '--format', 'csv').stdout.split('\r\n');
      expect(listed[0]).toBe('\uFEFFid,ref,volunteer_no,activity,date,start,end,hours,category,role,evaluation,status,entry,note');
      expect(listed[1]).toBe(`${id},,B11-0001,,2026-03-05,,,2.5,,participant,,approved,normal,`);
      expect(fresh.run('log', 'void', id.slice(0, 8), '--reason', 'wrong date').code).toBe(0);
      expect(fresh.run('list', 'records', '--format', 'csv').stdout.split('\r\n')).toHaveLength(2);
      const audit = JSON.parse(fresh.run('audit', '--format', 'json').stdout) as Record<string, string>[];
      expect(audit.map((a) => [a.operator, a.command, a.entity])).toEqual([
        ['tester', 'register org', 'org'], ['tester', 'register volunteer', 'volunteer'], ['tester', 'log service', 'record'], ['tester', 'log void', 'record'],
      ]);
      expect(JSON.parse(audit[3]!.change!)).toEqual({ void: [id], reason: 'wrong date' });
      expect(audit[1]!.change).not.toContain(IDS.zhang);
    } finally {
      fresh.cleanup();
    }
  });
});
