// Bundles (SPEC 8, 11.16): a branch writes every kind of its subtree, with exchange ids and a
// manifest of row counts and hashes; the city merges bundles by those ids — new rows inserted
// through the same checks as import, known rows only moved forward, clashing codes refused —
// and adds the volunteers' org / political-status history rows it lacks (history.csv).
import type { Statement } from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { UsageError, UserError } from '../../core/errors.js';
import { KINDS, RECORD_KIND, type Kind, type LogKind, type RosterKind } from '../../core/kinds.js';
import {
  buildManifest, bundleFileName, HISTORY_FILE, MANIFEST_FILE, parseManifest, type Manifest, type ManifestFile, type ManifestHistory,
} from '../../core/manifest.js';
import { parseRow, type AnyRow, type Issue, type LogRow, type MemberRow } from '../../core/rows.js';
import { audit } from '../../db/audit.js';
import { HISTORY_COLUMNS, historyOf, HistoryMerge, type HistoryRow } from '../../db/history.js';
import { createBatch, finishBatch } from '../../io/batches.js';
import type { DB } from '../../db/open.js';
import { translateSqliteError } from '../../db/open.js';
import { subtreeCodes, type RowFilter } from '../../db/queries.js';
import { YearKeeper } from '../../io/year-keeper.js';
import { maxRecordPk } from '../../db/year-summaries.js';
import { differingColumns, LogStore, type ResolvedLog, type StoredRecord } from '../../db/records.js';
import { Resolver } from '../../db/resolve.js';
import { RosterStore } from '../../db/roster.js';
import { Statements } from '../../db/statements.js';
import { readCsv } from '../../io/csv.js';
import { AtomicFile, csvEncoding, CsvWriter, fileError, neutraliseCell } from '../../io/csv-write.js';
import { unprotect } from '../../io/header.js';
import { sniffFile, type FileFacts } from '../../io/sniff.js';
import { openSheet } from '../../io/source.js';
import type { Ctx } from '../context.js';
import type { Opts } from '../options.js';
import { isLogKind, writeKindCsv } from './export.js';
import { say } from './write.js';

const require = createRequire(import.meta.url);
const productVersion = (): string => (require('../../../package.json') as { version: string }).version;

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) hash.update(chunk);
  return hash.digest('hex');
}

function databaseId(db: DB): string {
  return db.prepare("SELECT value FROM meta WHERE key = 'database_id'").pluck().get() as string;
}

// ---------------------------------------------------------------------------------------------
// Writing a bundle

const inList = (col: string, values: string[]) => ({ sql: `${col} IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(values)] });

/**
 * What a subtree's bundle holds, as a row filter per kind. Beyond the subtree's own rows it
 * carries everything those rows refer to (an activity of another branch a volunteer served
 * on, its team, a leader or member from elsewhere, every organisation named — in the
 * volunteers' history too — and all their ancestors), so that each bundle merges on its own,
 * in any order. `volunteers` also picks the history rows that travel.
 */
function bundleSelection(db: DB, root: string): { filters: Record<Kind, RowFilter>; volunteers: string[] } {
  const subtree = subtreeCodes(db, root)!;
  const S = JSON.stringify(subtree);
  const inS = 'IN (SELECT value FROM json_each(?))';
  const own = `SELECT volunteer_no FROM volunteers WHERE org ${inS}`;
  const pluck = (sql: string, ...params: unknown[]) => db.prepare(sql).pluck().all(...params) as string[];
  const activities = pluck(`SELECT code FROM activities WHERE org ${inS}
    OR code IN (SELECT activity FROM records WHERE activity IS NOT NULL AND volunteer_no IN (${own}))`, S, S);
  const A = JSON.stringify(activities);
  const ownTeams = pluck(`SELECT code FROM teams WHERE org ${inS}`, S);
  const teams = pluck(`SELECT code FROM teams WHERE org ${inS} OR code IN (SELECT team FROM activities WHERE code ${inS})`, S, A);
  const T = JSON.stringify(teams);
  const volunteers = pluck(`SELECT volunteer_no FROM volunteers WHERE org ${inS}
    OR volunteer_no IN (SELECT leader FROM teams WHERE code ${inS})
    OR volunteer_no IN (SELECT volunteer_no FROM members WHERE team ${inS})`, S, T, JSON.stringify(ownTeams));
  const V = JSON.stringify(volunteers);
  const named = pluck(`SELECT org FROM volunteers WHERE volunteer_no ${inS} UNION SELECT org FROM teams WHERE code ${inS}
    UNION SELECT org FROM activities WHERE code ${inS}
    UNION SELECT value FROM volunteer_history WHERE field = 'org' AND volunteer_no ${inS}`, V, T, A, V);
  const orgs = pluck(`WITH RECURSIVE up(code) AS (SELECT value FROM json_each(?)
    UNION SELECT o.parent FROM orgs o JOIN up ON o.code = up.code WHERE o.parent IS NOT NULL) SELECT code FROM up`,
  JSON.stringify([...subtree, ...named]));
  const records: RowFilter = { orgs: null, includeVoided: true, extra: { sql: `volunteer_no IN (${own})`, params: [S] } };
  const filters: Record<Kind, RowFilter> = {
    orgs: { orgs: null, extra: inList('code', orgs) },
    volunteers: { orgs: null, extra: inList('volunteer_no', volunteers) },
    teams: { orgs: null, extra: inList('code', teams) },
    members: { orgs: null, extra: inList('team', ownTeams) },
    activities: { orgs: null, extra: inList('code', activities) },
    service: records, training: records, commendations: records, complaints: records, 'no-shows': records, adjustments: records,
  };
  return { filters, volunteers };
}

/** history.csv: the bundle's volunteers' history rows (an org code is text like any other: neutralised, SPEC 11.11). */
async function writeHistoryCsv(db: DB, volunteers: string[], writer: CsvWriter): Promise<number> {
  await writer.header([...HISTORY_COLUMNS]);
  for (const r of historyOf(db, volunteers)) await writer.row(HISTORY_COLUMNS.map((c) => neutraliseCell(r[c])));
  await writer.end();
  return writer.rows;
}

/** Writes one file of the bundle atomically; its row count and hash for the manifest. */
async function writeBundleFile(path: string, write: (writer: CsvWriter) => Promise<number>): Promise<{ rows: number; sha256: string }> {
  const target = new AtomicFile(path);
  let rows: number;
  try {
    rows = await write(new CsvWriter(target.stream));
    await target.commit();
  } catch (e) {
    await target.abort();
    throw fileError(path, e as Error);
  }
  return { rows, sha256: await sha256File(path) };
}

/** Flags that would make a bundle that does not merge as written. */
function refuseBundleFlags(opts: Opts): void {
  const bad: [string, boolean][] = [
    ['--year', opts.year !== undefined], ['--headers zh', opts.headers === 'zh'], ['--no-bom', opts.bom === false],
    ['--encoding', opts.encoding !== undefined && csvEncoding(String(opts.encoding)) !== 'utf-8'], ['--format', opts.format === 'json'],
  ];
  for (const [flag, set] of bad) {
    if (set) throw new UsageError(`${flag}: a bundle is always every year, in canonical UTF-8 CSV, so that it merges as written; leave ${flag} out`);
  }
}

export async function exportBundle(ctx: Ctx, opts: Opts): Promise<void> {
  if (opts.org === undefined) throw new UsageError('--org: export bundle needs the organisation whose subtree to send (--org CODE)');
  const dir = opts.output as string | undefined;
  if (dir === undefined) throw new UsageError('--output: export bundle needs a folder to write into (-o DIR)');
  refuseBundleFlags(opts);
  const db = ctx.db;
  const org = new Resolver(db).org(String(opts.org));
  if (!org.ok) throw new UserError(`--org: ${org.message}`);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new UserError(`${dir}: cannot create the bundle folder (${(e as NodeJS.ErrnoException).code ?? (e as Error).message}); check the path`);
  }
  // an old manifest goes first: a re-export interrupted half-way must not look complete
  rmSync(join(dir, MANIFEST_FILE), { force: true });
  const files: ManifestFile[] = [];
  let history: ManifestHistory;
  // one read transaction: every file comes from the same state of the database
  db.exec('BEGIN');
  try {
    const selection = bundleSelection(db, org.value);
    for (const kind of KINDS) {
      const written = await writeBundleFile(join(dir, bundleFileName(kind)),
        (w) => writeKindCsv(db, { kind, filter: selection.filters[kind], unmasked: true }, w));
      files.push({ kind, file: bundleFileName(kind), ...written });
    }
    history = { file: HISTORY_FILE, ...await writeBundleFile(join(dir, HISTORY_FILE), (w) => writeHistoryCsv(db, selection.volunteers, w)) };
  } finally {
    db.exec('COMMIT');
  }
  const manifest = buildManifest({
    productVersion: productVersion(), databaseId: databaseId(db), org: org.value, exportedAt: ctx.nowIso(),
    operator: ctx.operator, files, history,
  });
  // the manifest last: a bundle interrupted before it is refused rather than merged half-written
  const target = new AtomicFile(join(dir, MANIFEST_FILE));
  target.stream.write(JSON.stringify(manifest, null, 2) + '\n');
  await target.commit();
  const counts = [...files.map((f) => `${f.kind} ${f.rows}`), `history ${history.rows}`].join(', ');
  say(`wrote bundle of ${org.value} to ${dir}: ${counts}`);
  say('note: a bundle holds full, unmasked personal data (id numbers, phones); send it only to whoever merges it');
}

// ---------------------------------------------------------------------------------------------
// Merging a bundle

/** Reads and checks DIR/manifest.json; every problem refuses the bundle. */
function readManifest(dir: string): { manifest: Manifest; sha256: string } {
  let st;
  try { st = statSync(dir); } catch { throw new UserError(`${dir}: no such folder; give the folder written by vledger export bundle`); }
  if (!st.isDirectory()) throw new UserError(`${dir}: is not a folder; give the folder written by vledger export bundle`);
  const path = join(dir, MANIFEST_FILE);
  let text: Buffer;
  try { text = readFileSync(path); } catch {
    throw new UserError(`${path}: missing; this is not a complete bundle (vledger export bundle writes it last) — ask for the bundle again`);
  }
  let json: unknown;
  try { json = JSON.parse(text.toString('utf8')); } catch (e) {
    throw new UserError(`${path}: is not valid JSON (${(e as Error).message}); the bundle is damaged — ask for it again`);
  }
  const parsed = parseManifest(json);
  if (!parsed.ok) throw new UserError(`${path}: not a valid bundle manifest; bundle refused, nothing written`, parsed.problems.map((p) => `${path}: ${p}`));
  return { manifest: parsed.manifest, sha256: createHash('sha256').update(text).digest('hex') };
}

/** What a bundle file holds: one kind, or the volunteers' history. */
type Part = Kind | 'history';

/** Every file present and exactly as exported, before anything is written. */
async function checkFiles(dir: string, manifest: Manifest): Promise<Map<Part, FileFacts>> {
  const facts = new Map<Part, FileFacts>();
  const problems: string[] = [];
  const listed: { kind: Part; file: string; sha256: string }[] = [...manifest.files];
  if (manifest.history) listed.push({ kind: 'history', ...manifest.history });
  for (const f of listed) {
    const path = join(dir, f.file);
    let fact: FileFacts;
    try {
      fact = await sniffFile(path, 'utf-8');
    } catch {
      problems.push(`${path}: missing or unreadable; the bundle is incomplete — ask for it again`);
      continue;
    }
    if (fact.sha256 !== f.sha256) {
      problems.push(`${path}: changed since the bundle was written (its SHA-256 is not the manifest's); a bundle merges only as exported — ask for a fresh one`);
    }
    facts.set(f.kind, fact);
  }
  if (problems.length) throw new UserError(`${dir}: bundle refused, nothing written`, problems);
  return facts;
}

interface KindTally { added: number; updated: number; unchanged: number; differs: string[] }

/** Known records moved forward by a merge, for the audit trail. */
interface ForwardChanges { approved: string[]; rejected: string[]; voided: string[] }

const ROSTER_TABLE: Record<RosterKind, { table: string; code: string | null; what: string }> = {
  orgs: { table: 'orgs', code: 'code', what: 'organisation' },
  volunteers: { table: 'volunteers', code: 'volunteer_no', what: 'volunteer' },
  teams: { table: 'teams', code: 'code', what: 'team' },
  members: { table: 'members', code: null, what: 'membership' },
  activities: { table: 'activities', code: 'code', what: 'activity' },
};

type Stored = Record<string, unknown>;

/** A roster row's canonical values keyed like its table, for comparing with what is stored. */
function rosterValues(kind: RosterKind, row: AnyRow): Stored {
  if (kind === 'members') {
    const m = row as MemberRow;
    return { id: m.id, team: m.team, volunteer_no: m.person.volunteer_no, joined_on: m.joined_on, left_on: m.left_on };
  }
  return row as unknown as Stored;
}

const MAX_LISTED = 200;

/** The volunteer columns whose values come from the history when the bundle carries it. */
const HISTORY_FIELDS = ['org', 'political_status'] as const;

/** A known volunteer whose org or political status differs: compared again once the history is merged. */
interface DeferredDiff { code: string; values: Stored; other: string[] }

/** One merge inside one transaction: counts per kind, problems with FILE:LINE. */
class BundleMerge {
  readonly tally = new Map<Part, KindTally>();
  readonly problems: string[] = [];
  readonly forward: ForwardChanges = { approved: [], rejected: [], voided: [] };
  /** Known volunteers whose current org or political status the merged history changed. */
  historyChanged: string[] = [];
  problemCount = 0;
  /** Volunteers this merge inserted: their history is the bundle's. */
  private readonly created = new Set<string>();
  private readonly deferred: DeferredDiff[] = [];
  private readonly roster: RosterStore;
  private readonly logs: LogStore;
  private readonly statements: Statements;
  /** The figures of the years the new records are in, kept current as an import keeps them. */
  private readonly keeper: YearKeeper;

  constructor(private readonly db: DB, private readonly ctx: Ctx, private readonly manifest: Manifest, readonly batch: string) {
    this.roster = new RosterStore(db, ctx.nowIso());
    this.logs = new LogStore(db, ctx.operator, ctx.nowIso());
    this.statements = new Statements(db);
    this.keeper = new YearKeeper(db, maxRecordPk(db));
  }

  /**
   * Stores the kept figures of the years the merge added records to. Not after a merge that
   * moved known records forward: those updates wiped the stored figures (the kept ones do not
   * know of them), and the next report scores the year again.
   */
  keepYearFigures(): void {
    const { approved, rejected, voided } = this.forward;
    if (approved.length + rejected.length + voided.length === 0) this.keeper.finish(this.ctx.nowIso());
  }

  private stmt(sql: string): Statement {
    return this.statements.get(sql);
  }

  private problem(at: string, column: string, message: string): void {
    this.problemCount++;
    if (this.problems.length < MAX_LISTED) this.problems.push(`${at}: ${column ? `${column}: ` : ''}${message}`);
  }

  private from(): string {
    return `the bundle of ${this.manifest.org} (database ${this.manifest.database_id})`;
  }

  async mergeKind(kind: Kind, path: string, facts: FileFacts, expectedRows: number): Promise<void> {
    const t: KindTally = { added: 0, updated: 0, unchanged: 0, differs: [] };
    this.tally.set(kind, t);
    const sheet = await openSheet(path, kind, { facts });
    const today = this.ctx.today();
    let rows = 0;
    for await (const r of sheet.rows) {
      rows++;
      const at = `${path}:${r.line}`;
      if (r.issues) { for (const i of r.issues) this.problem(at, i.column, i.message); continue; }
      const parsed = parseRow(kind, r.raw, { today, warn: (i) => say(`${at}: ${i.column}: ${i.message}`) });
      if (!parsed.ok) { for (const i of parsed.issues) this.problem(at, sheet.header.label(i.column), i.message); continue; }
      const id = (parsed.row as { id?: string }).id;
      if (!id) { this.problem(at, 'id', 'every bundle row carries its exchange id; this one has none, so the bundle was not written by vledger export bundle'); continue; }
      const issues = isLogKind(kind) ? this.mergeLog(kind, parsed.row as LogRow, t) : this.mergeRoster(kind as RosterKind, parsed.row, t);
      for (const i of issues) this.problem(at, i.column, i.message);
    }
    if (rows !== expectedRows) this.problem(path, '', `has ${rows} rows but the manifest says ${expectedRows}; ask for the bundle again`);
  }

  private mergeRoster(kind: RosterKind, row: AnyRow, t: KindTally): Issue[] {
    const { table, code: codeCol, what } = ROSTER_TABLE[kind];
    const values = rosterValues(kind, row);
    const id = values.id as string;
    const code = codeCol ? (values[codeCol] as string | undefined) : undefined;
    const byId = this.stmt(`SELECT * FROM ${table} WHERE id = ?`).get(id) as Stored | undefined;
    if (byId) {
      if (codeCol && code !== undefined && byId[codeCol] !== code) {
        return [{ column: codeCol, message: `conflict: id ${id} is ${what} ${String(byId[codeCol])} here but ${what} ${code} in ${this.from()}; settle which code is right at the branch, then export again` }];
      }
      // roster facts do not travel (SPEC 11.16): report the difference, keep what is stored
      const diff = Object.keys(values).filter((k) => k !== 'id' && (values[k] ?? null) !== (byId[k] ?? null));
      const fromHistory = (k: string) => (HISTORY_FIELDS as readonly string[]).includes(k);
      if (kind === 'volunteers' && this.manifest.history && diff.some(fromHistory)) {
        // org and political status travel as history, merged next: compare them once it is
        this.deferred.push({ code: code!, values, other: diff.filter((k) => !fromHistory(k)) });
      } else if (diff.length) t.differs.push(`${code ?? id} (${diff.join(', ')})`);
      t.unchanged++;
      return [];
    }
    if (codeCol && code !== undefined) {
      const byCode = this.stmt(`SELECT * FROM ${table} WHERE ${codeCol} = ?`).get(code) as Stored | undefined;
      if (byCode) {
        return [{ column: codeCol, message: `conflict: ${what} ${code} is stored here with id ${String(byCode.id)}${describe(kind, byCode)}, `
          + `but ${this.from()} has ${what} ${code} with id ${id}${describe(kind, values)}; the same code for two different ${what === 'activity' ? 'activities' : `${what}s`} — `
          + 'give one of them another code at its branch, or start the branch from the city\'s export so the ids agree' }];
      }
    }
    if (kind === 'volunteers' && values.id_number) {
      const other = this.stmt('SELECT id, volunteer_no, name FROM volunteers WHERE id_number = ?').get(values.id_number) as Stored | undefined;
      if (other) {
        return [{ column: 'id_number', message: `conflict: this id number is stored here as ${String(other.volunteer_no)} ${String(other.name)} (id ${String(other.id)}), `
          + `but ${this.from()} has it as ${String(values.volunteer_no)} ${String(values.name)} (id ${id}); one person under two volunteer numbers — keep one of them at the branches and export again` }];
      }
    }
    return this.insertRoster(kind, row, t);
  }

  private insertRoster(kind: RosterKind, row: AnyRow, t: KindTally): Issue[] {
    const s = this.roster;
    const checked = kind === 'orgs' ? s.checkOrg(row as never) : kind === 'volunteers' ? s.checkVolunteer(row as never)
      : kind === 'teams' ? s.checkTeam(row as never) : kind === 'members' ? s.checkMember(row as never) : s.checkActivity(row as never);
    if (checked.issues.length) return checked.issues;
    switch (kind) {
      case 'orgs': s.insertOrg(checked.row as never); break;
      case 'volunteers': this.created.add(s.insertVolunteer(checked.row as never)); break;
      case 'teams': s.insertTeam(checked.row as never); break;
      case 'members': s.insertMember(checked.row as never); break;
      case 'activities': s.insertActivity(checked.row as never); break;
    }
    t.added++;
    return [];
  }

  /**
   * history.csv, right after the volunteers: rows the database lacks are added (a volunteer new
   * here gets the bundle's history instead of one started from its current values), then each
   * changed volunteer's org and political status are the latest-effective values.
   */
  async mergeHistory(path: string, facts: FileFacts, expectedRows: number): Promise<void> {
    const t: KindTally = { added: 0, updated: 0, unchanged: 0, differs: [] };
    this.tally.set('history', t);
    const history = new HistoryMerge(this.db, this.ctx.nowIso(), this.created);
    let header: string[] | undefined;
    let rows = 0;
    for await (const rec of readCsv(path, facts.encoding)) {
      if (!header) {
        header = rec.cells;
        if (header.join(',') !== HISTORY_COLUMNS.join(',')) {
          this.problem(`${path}:${rec.line}`, '', `the header is not ${HISTORY_COLUMNS.join(',')}; the bundle was not written by vledger export bundle`);
          return;
        }
        continue;
      }
      rows++;
      const at = `${path}:${rec.line}`;
      if (rec.cells.length !== HISTORY_COLUMNS.length) { this.problem(at, '', `has ${rec.cells.length} cells, expected ${HISTORY_COLUMNS.length}`); continue; }
      const row = Object.fromEntries(HISTORY_COLUMNS.map((c, i) => [c, unprotect(rec.cells[i]!)])) as HistoryRow;
      for (const i of history.merge(row)) this.problem(at, i.column, i.message);
    }
    if (rows !== expectedRows) this.problem(path, '', `has ${rows} rows but the manifest says ${expectedRows}; ask for the bundle again`);
    for (const p of history.finish()) this.problem(path, '', p);
    t.added = history.added;
    t.unchanged = history.unchanged;
    this.historyChanged = history.changedCurrent;
    const volunteers = this.tally.get('volunteers')!;
    const stored = this.stmt('SELECT org, political_status FROM volunteers WHERE volunteer_no = ?');
    for (const d of this.deferred) {
      const now = stored.get(d.code) as Stored;
      const diff = [...d.other, ...HISTORY_FIELDS.filter((k) => (d.values[k] ?? null) !== (now[k] ?? null))];
      if (diff.length) volunteers.differs.push(`${d.code} (${diff.join(', ')})`);
    }
  }

  private mergeLog(kind: LogKind, row: LogRow, t: KindTally): Issue[] {
    const stored = this.logs.byId(row.id!);
    if (stored) return this.moveForward(kind, row, stored, t);
    const checked = this.logs.check(kind, row);
    if (checked.issues.length) return checked.issues;
    if (checked.outcome === 'stored') {
      return [{ column: 'ref', message: `conflict: ref ${row.ref} is stored here as record ${checked.storedId}, but ${this.from()} has it as record ${row.id}; void one of them at its source` }];
    }
    this.logs.insert(checked.row, this.batch);
    this.keeper.written(checked.row, checked.dayApproved);
    t.added++;
    return [];
  }

  /** A known record: only pending -> approved/rejected and anything -> voided travel. */
  private moveForward(kind: LogKind, row: LogRow, stored: StoredRecord, t: KindTally): Issue[] {
    if (stored.kind !== RECORD_KIND[kind]) {
      return [{ column: 'id', message: `conflict: id ${stored.id} is a ${stored.kind} record here but a ${RECORD_KIND[kind]} record in ${this.from()}` }];
    }
    if (!stored.voided_at && row.void_reason) {
      this.stmt('UPDATE records SET voided_at = ?, voided_by = ?, void_reason = ? WHERE id = ? AND voided_at IS NULL')
        .run(this.ctx.nowIso(), this.ctx.operator, row.void_reason, stored.id);
      this.forward.voided.push(stored.id);
      t.updated++;
      return [];
    }
    if (!stored.voided_at && !row.void_reason && stored.status === 'pending' && (row.status === 'approved' || row.status === 'rejected')) {
      this.stmt("UPDATE records SET status = ?, status_reason = ? WHERE id = ? AND status = 'pending'")
        .run(row.status, `${row.status} at source (bundle of ${this.manifest.org})`, stored.id);
      this.forward[row.status].push(stored.id);
      t.updated++;
      return [];
    }
    const resolved: ResolvedLog = { ...row, kind: RECORD_KIND[kind], volunteer_no: row.person.volunteer_no ?? '' };
    const diff = differingColumns(resolved, stored);
    if (diff.length) t.differs.push(`${stored.id} (${diff.join(', ')})`);
    t.unchanged++;
    return [];
  }
}

/** A few words that tell two rows with the same code apart. */
function describe(kind: RosterKind, r: Stored): string {
  const s = kind === 'volunteers' ? r.name : kind === 'activities' ? `${String(r.title)}, ${String(r.date)}` : r.name;
  return s ? ` (${String(s)})` : '';
}

export async function importBundle(ctx: Ctx, opts: Opts, dir: string): Promise<void> {
  const { manifest, sha256 } = readManifest(dir);
  const facts = await checkFiles(dir, manifest);
  const note = opts.quiet ? () => undefined : say;
  note(`bundle ${dir}: ${manifest.org} from database ${manifest.database_id}, exported ${manifest.exported_at} — full, unmasked data`);
  const db = ctx.db;
  try {
    db.exec('BEGIN IMMEDIATE');
  } catch (e) {
    throw translateSqliteError(e, ctx.dbPath);
  }
  try {
    // the batch row first: the records it adds refer to it
    const batch = createBatch(db, { kind: 'bundle', file: dir, sha256, operator: ctx.operator, at: ctx.nowIso() });
    const merge = new BundleMerge(db, ctx, manifest, batch);
    const byKind = new Map(manifest.files.map((f) => [f.kind, f]));
    for (const kind of KINDS) {
      const f = byKind.get(kind)!;
      await merge.mergeKind(kind, join(dir, f.file), facts.get(kind)!, f.rows);
      // later kinds refer to earlier ones: after a failing kind their errors would only echo it
      if (merge.problemCount) break;
      // the history before the records: a volunteer's org and status are then as at the source
      if (kind === 'volunteers' && manifest.history) {
        await merge.mergeHistory(join(dir, manifest.history.file), facts.get('history')!, manifest.history.rows);
        if (merge.problemCount) break;
      }
    }
    if (merge.problemCount) {
      const more = merge.problemCount - merge.problems.length;
      throw new UserError(`${dir}: bundle refused, nothing written (${merge.problemCount} problem${merge.problemCount === 1 ? '' : 's'})`,
        more > 0 ? [...merge.problems, `… and ${more} more`] : merge.problems);
    }
    merge.keepYearFigures();
    const totals = { added: 0, updated: 0, unchanged: 0 };
    for (const t of merge.tally.values()) { totals.added += t.added; totals.updated += t.updated; totals.unchanged += t.unchanged; }
    finishBatch(db, batch, { read: totals.added + totals.updated + totals.unchanged, written: totals.added + totals.updated, updated: 0, stored: totals.unchanged, rejected: 0 });
    audit(db, { operator: ctx.operator, command: ctx.command, at: ctx.nowIso() }, 'bundle', batch, {
      bundle: dir, org: manifest.org, database_id: manifest.database_id, exported_at: manifest.exported_at,
      kinds: Object.fromEntries([...merge.tally].map(([k, t]) => [k, { new: t.added, updated: t.updated, unchanged: t.unchanged }])),
      ...merge.forward,
      ...(merge.historyChanged.length ? { org_or_status_from_history: merge.historyChanged } : {}),
    });
    // a bundle merged before changes nothing, not even the batch list
    const nothing = totals.added + totals.updated === 0;
    if (opts.dryRun || nothing) db.exec('ROLLBACK'); else db.exec('COMMIT');
    for (const [kind, t] of merge.tally) {
      note(`${kind}: ${t.added} new, ${t.updated} updated, ${t.unchanged} unchanged`);
      if (t.differs.length) {
        note(`  ${t.differs.length} known ${kind} row(s) differ from what is stored here and were left as they are `
          + `(only new rows, approvals and voids travel in a bundle; use vledger update): ${t.differs.slice(0, 5).join('; ')}${t.differs.length > 5 ? '; …' : ''}`);
      }
      if (kind === 'history' && merge.historyChanged.length) {
        const n = merge.historyChanged;
        note(`  ${n.length} known volunteer(s) now have the org or political status of their merged history: ${n.slice(0, 5).join(', ')}${n.length > 5 ? ', …' : ''}`);
      }
    }
    const summary = `${totals.added} new, ${totals.updated} updated, ${totals.unchanged} unchanged`;
    if (opts.dryRun) note(`dry run, nothing written: bundle of ${manifest.org} would merge as ${summary}`);
    else if (nothing) note(`bundle of ${manifest.org}: ${summary}; everything in it is already here, nothing written`);
    else note(`merged bundle of ${manifest.org}: ${summary} (batch ${batch})`);
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw translateSqliteError(e, ctx.dbPath);
  }
}
