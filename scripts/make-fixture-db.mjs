#!/usr/bin/env node
// Writes test/fixtures/db/vNNN.db: a database as schema version NNN made it (migrations
// 001..NNN applied as src/db/migrate.ts applies them), a few rows in every table, fixed ids and
// times, so test/db/upgrade.test.ts can prove later migrations keep them.
//   node scripts/make-fixture-db.mjs [NNN] [out]     (default 001, test/fixtures/db/vNNN.db)
// A new migration NNN adds rows for its tables below (`since` NNN) and commits its vNNN.db.
import Database from 'better-sqlite3';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const version = /^\d{1,3}$/.test(args[0] ?? '') ? Number(args.shift()) : 1;
const tag = String(version).padStart(3, '0');
const out = args[0] ?? `${root}test/fixtures/db/v${tag}.db`;
const T = '2026-01-15T08:00:00.000Z';
const migrations = readdirSync(`${root}migrations`).filter((f) => /^\d{3}_[a-z0-9_]+\.sql$/.test(f)).sort()
  .map((f) => ({ version: Number(f.slice(0, 3)), name: f.replace(/\.sql$/, ''), file: `${root}migrations/${f}` }))
  .filter((m) => m.version <= version);
if (migrations.at(-1)?.version !== version) throw new Error(`no migration ${tag} in migrations/`);

mkdirSync(new URL('../test/fixtures/db/', import.meta.url), { recursive: true });
rmSync(out, { force: true });
const db = new Database(out);
db.pragma('page_size = 512'); // keeps the committed binary small
db.pragma('journal_mode = DELETE');

// exactly what src/db/migrate.ts does, up to version NNN
db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
for (const m of migrations) {
  db.exec(readFileSync(m.file, 'utf8'));
  db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, T);
}

const id = (n) => `0194a000-0000-7000-8000-${String(n).padStart(12, '0')}`;
const rows = {
  meta: [{ key: 'database_id', value: id(1) }],
  orgs: [
    { id: id(10), code: 'G01', name: '市直机关工委', parent: null, kind: 'committee', created_at: T },
    { id: id(11), code: 'B11', name: '第一党支部', parent: 'G01', kind: 'branch', created_at: T },
    { id: id(12), code: 'B12', name: '第二党支部', parent: 'G01', kind: 'branch', created_at: T },
  ],
  volunteers: [
    { id: id(20), volunteer_no: 'B11-0001', name: '张三', id_type: 'resident_id', id_number: '110101199003071233', gender: 'male',
      birth_date: '1990-03-07', phone: '13812341234', political_status: 'party_member', org: 'B11', skills: '急救',
      registered_on: '2025-01-01', status: 'active', left_on: null, disciplined_in: null, created_at: T },
    { id: id(21), volunteer_no: 'B11-0002', name: '李四', id_type: 'resident_id', id_number: '110105198501010020', gender: 'female',
      birth_date: '1985-01-01', phone: null, political_status: 'party_member', org: 'B12', skills: null,
      registered_on: '2025-01-01', status: 'active', left_on: null, disciplined_in: null, created_at: T },
    { id: id(22), volunteer_no: 'B12-0001', name: '王五', id_type: 'passport', id_number: 'E12345678', gender: null,
      birth_date: null, phone: '010-12345678', political_status: 'masses', org: 'B12', skills: null,
      registered_on: null, status: 'left', left_on: '2025-12-31', disciplined_in: 2025, created_at: T },
  ],
  volunteer_history: [
    { volunteer_no: 'B11-0001', field: 'org', value: 'B11', effective: '', created_at: T },
    { volunteer_no: 'B11-0001', field: 'political_status', value: 'party_member', effective: '', created_at: T },
    { volunteer_no: 'B11-0002', field: 'org', value: 'B11', effective: '', created_at: T },
    { volunteer_no: 'B11-0002', field: 'political_status', value: 'probationary', effective: '', created_at: T },
    { volunteer_no: 'B11-0002', field: 'org', value: 'B12', effective: '2025-07-01', created_at: T },
    { volunteer_no: 'B11-0002', field: 'political_status', value: 'party_member', effective: '2025-09-01', created_at: T },
    { volunteer_no: 'B12-0001', field: 'org', value: 'B12', effective: '', created_at: T },
    { volunteer_no: 'B12-0001', field: 'political_status', value: 'masses', effective: '', created_at: T },
  ],
  teams: [{ id: id(30), code: 'T01', name: '红色先锋志愿服务队', org: 'B11', leader: 'B11-0001', founded_on: '2025-01-01', created_at: T }],
  members: [
    { id: id(40), team: 'T01', volunteer_no: 'B11-0001', joined_on: '2025-01-10', left_on: null, created_at: T },
    { id: id(41), team: 'T01', volunteer_no: 'B11-0002', joined_on: '2025-01-10', left_on: '2025-06-30', created_at: T },
  ],
  activities: [
    { id: id(50), code: 'A0001', title: '学雷锋社区服务', org: 'B11', team: 'T01', category: '社区服务', location: '幸福社区',
      date: '2025-03-05', end_date: null, created_at: T },
    { id: id(51), code: 'A0002', title: '关爱老人', org: 'B12', team: null, category: null, location: null,
      date: '2025-05-01', end_date: '2025-05-03', created_at: T },
  ],
  batches: [{ id: id(60), kind: 'service', file: '服务记录.csv', sha256: 'a'.repeat(64), rows_read: 2, rows_written: 2,
    rows_skipped: 0, rows_rejected: 0, operator: 'clerk', created_at: T, undone_at: null }],
  records: [
    { id: id(70), kind: 'service', ref: 'R-1', volunteer_no: 'B11-0001', activity: 'A0001', date: '2025-03-05', start: '09:00',
      end: '11:30', minutes: 150, category: '社区服务', role: 'leader', evaluation: 'satisfied', status: 'approved', entry: 'normal',
      note: '=cmd|\' /C calc\'!A0', batch: id(60) },
    { id: id(71), kind: 'service', ref: null, volunteer_no: 'B11-0002', activity: 'A0002', date: '2025-05-02', minutes: 240,
      role: 'participant', evaluation: 'dissatisfied', status: 'pending', entry: 'back_entry', batch: id(60) },
    { id: id(72), kind: 'service', volunteer_no: 'B11-0001', date: '2025-06-01', minutes: 60, role: 'participant', status: 'rejected',
      status_reason: '无活动记录' },
    { id: id(73), kind: 'service', volunteer_no: 'B12-0001', date: '2025-06-02', minutes: 90, role: 'participant',
      voided_at: T, voided_by: 'clerk', void_reason: '重复录入' },
    { id: id(74), kind: 'training', volunteer_no: 'B11-0001', date: '2025-04-01', minutes: 180, topic: '志愿服务培训', organiser: '市志愿者协会' },
    { id: id(75), kind: 'commendation', volunteer_no: 'B11-0001', date: '2025-12-05', title: '优秀志愿者', level: 'city', issuer: '市文明办' },
    { id: id(76), kind: 'complaint', volunteer_no: 'B11-0002', date: '2025-05-10', description: '迟到', upheld: 1 },
    { id: id(77), kind: 'no_show', volunteer_no: 'B12-0001', activity: 'A0002', date: '2025-05-01' },
    { id: id(78), kind: 'adjustment', volunteer_no: 'B11-0002', date: '2025-08-01', points: -150, reason: '补扣' },
  ].map((r) => ({
    ref: null, activity: null, start: null, end: null, minutes: null, category: null, role: null, evaluation: null,
    status: 'approved', status_reason: null, entry: 'normal', note: null, topic: null, organiser: null, title: null, level: null,
    issuer: null, description: null, upheld: null, points: null, reason: null, batch: null, recorded_by: 'clerk', recorded_at: T,
    voided_at: null, voided_by: null, void_reason: null, ...r,
  })),
  rules: [{ from_year: 2025, document: JSON.stringify({ points_per_hour: 2, leader_bonus: 3 }), created_at: T, operator: 'clerk' }],
  certificates: [{ number: 'B11-2025-0001', volunteer_no: 'B11-0001', period_from: '2025-01-01', period_to: '2025-12-31',
    minutes: 150, issuer: 'B11', issued_on: '2026-01-15', created_at: T }],
  audit: [
    { at: T, operator: 'clerk', command: 'register volunteer', entity: 'volunteer', entity_id: 'B11-0001', change: JSON.stringify({ insert: { name: '张三' } }) },
    { at: T, operator: 'clerk', command: 'import service', entity: 'batch', entity_id: id(60), change: JSON.stringify({ rows: 2 }) },
  ],
};

// 002: one cached year, written last (changing records or rules wipes it). Its key is not one
// today's vledger computes, so a report recomputes it rather than trusting these figures.
if (version >= 2) {
  rows.year_summaries = [{
    year: 2025, key: '1:9:fixture',
    volunteers: JSON.stringify([
      ['B11-0001', 1485, 150, 1, 1, 1, 0, { service: 450, leader: 300, evaluation: 100, training: 150, commendation: 1000 }, [2, 150]],
      ['B11-0002', -650, 0, 0, 0, 0, 1, { complaint: -500, adjustment: -150 }, []],
      ['B12-0001', -300, 0, 0, 0, 0, 0, { 'no-show': -300 }, []],
    ]),
    activities: JSON.stringify([['A0001', 850, 150, 1, 1, 1]]),
    created_at: T,
  }];
}

db.transaction(() => {
  for (const [table, list] of Object.entries(rows)) {
    for (const row of list) {
      const cols = Object.keys(row);
      db.prepare(`INSERT INTO ${table} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((c) => `@${c}`).join(', ')})`).run(row);
    }
  }
})();
db.exec('VACUUM');
db.close();
console.error(`wrote ${out}`);
