// Importing roster rows (orgs, volunteers, teams, members, activities): a row equal to what is
// stored is skipped, one that differs is refused (volunteers: updated with --update), one that
// repeats an earlier row of the same file is refused naming that line, and a new one is
// checked and written through RosterStore. Organisations are ordered parents first, so a
// sheet may list a branch before its committee.
import type { Issue, OrgRow, VolunteerRow, TeamRow, MemberRow, ActivityRow, RowContext } from '../core/rows.js';
import { parseActivity, parseMember, parseOrg, parseTeam, parseVolunteer } from '../core/rows.js';
import type { RosterKind } from '../core/kinds.js';
import type { DB } from '../db/open.js';
import { Statements } from '../db/statements.js';
import { RosterStore } from '../db/roster.js';
import { audit, type AuditActor } from '../db/audit.js';
import { WrittenLines } from './file-lines.js';
import type { ImportRow } from './source.js';

export type Outcome = 'written' | 'updated' | 'stored' | Issue[];

export interface RowImporter {
  /** The outcome of one row, or undefined when it is held back until finish(). */
  row(r: ImportRow): Outcome | undefined;
  /** Outcomes of rows held back, in file order. */
  finish(): [ImportRow, Outcome][];
}

export interface RosterOptions { update?: boolean; effective: string; actor: AuditActor; batch: string | null }

type Stored = Record<string, unknown> & { pk: number; id: string };

const given = (r: ImportRow, col: string) => (r.raw[col] ?? '').trim() !== '';

/** Columns whose new value (given in the row) differs from the stored one. */
function differing(stored: Stored, pairs: [string, unknown][]): string[] {
  return pairs.filter(([col, v]) => v !== undefined && (stored[col] ?? null) !== v).map(([col]) => col);
}

const EXCEL_NUMBER = /^\d(\.\d+)?E\+\d+$/i;

/** A person named by an id number that Excel turned into 1.10105E+17 (SPEC 8): say how to fix it. */
export function mangledPerson(r: ImportRow): Issue[] | undefined {
  for (const col of ['id_number', 'volunteer_no']) {
    const v = r.raw[col]?.trim();
    if (v && EXCEL_NUMBER.test(v)) {
      return [{ column: col, message: `"${v}" looks like a number Excel rounded; format the column as text and type the id again` }];
    }
  }
  return undefined;
}

function alsoOnLine(column: string, what: string, line: number | undefined): Issue[] {
  return [{ column, message: `${what} is also on line ${line ?? '?'} of this file; keep one of the two rows` }];
}

abstract class RosterImporter implements RowImporter {
  readonly store: RosterStore;
  readonly lines: WrittenLines;
  private readonly lastRowid;

  constructor(readonly db: DB, readonly ctx: RowContext, readonly table: string, readonly opts: RosterOptions) {
    this.store = new RosterStore(db, opts.actor.at);
    this.statements = new Statements(db);
    this.lines = new WrittenLines(db.prepare(`SELECT coalesce(max(pk), 0) FROM ${table}`).pluck().get() as number);
    this.lastRowid = db.prepare('SELECT last_insert_rowid()').pluck();
  }

  abstract row(r: ImportRow): Outcome | undefined;

  finish(): [ImportRow, Outcome][] {
    return [];
  }

  /** Lookups by column, prepared once: an import asks for every row. */
  private readonly statements: Statements;

  protected find(col: string, value: string | undefined): Stored | undefined {
    if (value === undefined) return undefined;
    return this.statements.get(`SELECT * FROM ${this.table} WHERE ${col} = ?`).get(value) as Stored | undefined;
  }

  protected written(line: number, pk?: number): 'written' {
    this.lines.set(pk ?? (this.lastRowid.get() as number), line);
    return 'written';
  }

  /** A row whose key is already stored: repeated in this file, equal (skipped), or different. */
  protected existing(r: ImportRow, stored: Stored, key: { column: string; what: string }, pairs: [string, unknown][], fix: string): Outcome {
    if (this.lines.isNew(stored.pk)) return alsoOnLine(key.column, key.what, this.lines.get(stored.pk));
    const diff = differing(stored, pairs);
    if (diff.length === 0) return 'stored';
    if (diff.includes('id')) return [{ column: 'id', message: `${key.what} is stored with id ${stored.id}, not ${r.raw.id?.trim()}; the row belongs to a different record` }];
    return [{ column: diff[0]!, message: `${key.what} is already stored with a different ${diff.join(', ')}; ${fix}` }];
  }
}

class OrgImporter extends RosterImporter {
  private readonly held: { r: ImportRow; row: OrgRow }[] = [];

  row(r: ImportRow): Outcome | undefined {
    const p = parseOrg(r.raw);
    if (!p.ok) return p.issues;
    this.held.push({ r, row: p.row });
    return undefined;
  }

  private one(r: ImportRow, row: OrgRow): Outcome {
    const stored = this.find('id', row.id) ?? this.find('code', row.code);
    if (stored) {
      const parent = row.parent === undefined ? undefined : this.store.resolve.org(row.parent);
      return this.existing(r, stored, { column: 'code', what: `organisation ${row.code}` },
        [['id', row.id], ['code', row.code], ['name', row.name], ['kind', given(r, 'kind') ? row.kind : undefined], ['parent', parent?.ok ? parent.value : row.parent]],
        `change it with vledger update org ${stored.code}`);
    }
    const checked = this.store.checkOrg(row);
    if (checked.issues.length) return checked.issues;
    this.store.insertOrg(checked.row);
    return this.written(r.line);
  }

  /** Parents first: a row waits while its parent is a row of this file not yet written. */
  override finish(): [ImportRow, Outcome][] {
    const out: [ImportRow, Outcome][] = [];
    let todo = this.held;
    for (;;) {
      const waiting = new Set<string>();
      for (const { row } of todo) { waiting.add(row.code); waiting.add(row.name); }
      const next: typeof todo = [];
      for (const item of todo) {
        const { parent, code } = item.row;
        const parentReady = parent === undefined || this.store.resolve.org(parent).ok || !waiting.has(parent) || parent === code;
        if (parentReady) {
          out.push([item.r, this.one(item.r, item.row)]);
          waiting.delete(item.row.code);
          waiting.delete(item.row.name);
        } else next.push(item);
      }
      if (next.length === 0 || next.length === todo.length) {
        for (const { r, row } of next) {
          out.push([r, [{ column: 'parent', message: `parent ${row.parent} is a row of this file that could not be imported, or the parents form a cycle; fix that row first` }]]);
        }
        break;
      }
      todo = next;
    }
    return out.sort((a, b) => a[0].line - b[0].line);
  }
}

class VolunteerImporter extends RosterImporter {
  private readonly nextNo = new Map<string, number>();
  private readonly taken;
  private readonly latest;
  private readonly hist;
  private readonly sameNameAndOrg;
  private readonly idNumberElsewhere;
  private readonly pkOf;

  constructor(db: DB, ctx: RowContext, opts: RosterOptions) {
    super(db, ctx, 'volunteers', opts);
    this.sameNameAndOrg = db.prepare('SELECT * FROM volunteers WHERE name = ? AND org = ?');
    this.idNumberElsewhere = db.prepare('SELECT volunteer_no FROM volunteers WHERE id_number = ? AND pk != ?').pluck();
    this.pkOf = db.prepare('SELECT pk FROM volunteers WHERE volunteer_no = ?').pluck();
    this.taken = db.prepare('SELECT 1 FROM volunteers WHERE volunteer_no = ?').pluck();
    this.latest = db.prepare('SELECT value FROM volunteer_history WHERE volunteer_no = ? AND field = ? ORDER BY effective DESC, pk DESC LIMIT 1').pluck();
    this.hist = db.prepare('INSERT INTO volunteer_history (volunteer_no, field, value, effective, created_at) VALUES (?, ?, ?, ?, ?)');
  }

  /** ORG-0007 numbers, counted on from the first lookup instead of a scan per row. */
  private assignNo(org: string): string {
    let n = this.nextNo.get(org) ?? Number(this.store.nextVolunteerNo(org).slice(org.length + 1));
    let no = `${org}-${String(n).padStart(4, '0')}`;
    while (this.taken.get(no)) no = `${org}-${String(++n).padStart(4, '0')}`;
    this.nextNo.set(org, n + 1);
    return no;
  }

  /** With --update an empty cell means "no change": fill name, org and status from the stored person. */
  private withStoredDefaults(r: ImportRow): ImportRow {
    const key = (c: string) => r.raw[c]?.trim() || undefined;
    const stored = this.find('id', key('id')) ?? this.find('volunteer_no', key('volunteer_no')) ?? this.find('id_number', key('id_number')?.toUpperCase());
    if (!stored) return r;
    const raw = { ...r.raw };
    for (const c of ['name', 'org', 'political_status']) if (!raw[c]?.trim()) raw[c] = String(stored[c]);
    return { ...r, raw };
  }

  row(input: ImportRow): Outcome {
    const r = this.opts.update ? this.withStoredDefaults(input) : input;
    const p = parseVolunteer(r.raw, this.ctx);
    if (!p.ok) return p.issues;
    const row = p.row;
    let stored = this.find('id', row.id) ?? this.find('volunteer_no', row.volunteer_no) ?? this.find('id_number', row.id_number);
    if (!stored && this.opts.update && !row.volunteer_no && !row.id_number) {
      const org = this.store.resolve.org(row.org);
      const same = org.ok ? this.sameNameAndOrg.all(row.name, org.value) as Stored[] : [];
      if (same.length === 1) stored = same[0];
    }
    if (!stored) return this.insert(r, row);
    const key = row.volunteer_no && stored.volunteer_no === row.volunteer_no
      ? { column: 'volunteer_no', what: `volunteer_no ${row.volunteer_no}` }
      : row.id_number && stored.id_number === row.id_number ? { column: 'id_number', what: 'this id number' }
        : { column: 'volunteer_no', what: `volunteer ${String(stored.volunteer_no)}` };
    if (this.lines.isNew(stored.pk)) return alsoOnLine(key.column, key.what, this.lines.get(stored.pk));
    const org = this.store.resolve.org(row.org);
    if (!org.ok) return [{ column: 'org', message: org.message }];
    const pairs: [string, unknown][] = [
      ['id', row.id], ['volunteer_no', row.volunteer_no], ['name', row.name], ['id_type', given(r, 'id_type') ? row.id_type : undefined],
      ['id_number', row.id_number], ['gender', given(r, 'gender') ? row.gender : undefined],
      ['birth_date', given(r, 'birth_date') ? row.birth_date : undefined], ['phone', row.phone], ['political_status', row.political_status],
      ['org', org.value], ['skills', row.skills], ['registered_on', row.registered_on],
      ['status', given(r, 'status') || given(r, 'left_on') ? row.status : undefined], ['left_on', row.left_on], ['disciplined_in', row.disciplined_in],
    ];
    if (!this.opts.update) {
      return this.existing(r, stored, key, pairs, 'use --update to change that person (or vledger update volunteer)');
    }
    const diff = differing(stored, pairs);
    if (diff.length === 0) return 'stored';
    if (diff.includes('id')) return [{ column: 'id', message: `${key.what} is stored with id ${stored.id}, not ${row.id}; the row belongs to a different record` }];
    if (diff.includes('volunteer_no')) return [{ column: 'volunteer_no', message: `this id number is registered as ${String(stored.volunteer_no)}, not ${row.volunteer_no}; correct the volunteer_no` }];
    if (diff.includes('id_number') && row.id_number) {
      const other = this.idNumberElsewhere.get(row.id_number, stored.pk);
      if (other) return [{ column: 'id_number', message: `this id number is already registered as ${String(other)}; correct one of them` }];
    }
    this.update(stored, Object.fromEntries(pairs.filter(([c]) => diff.includes(c))));
    return 'updated';
  }

  private insert(r: ImportRow, row: VolunteerRow): Outcome {
    const checked = this.store.checkVolunteer(row);
    if (checked.issues.length) return checked.issues;
    const no = this.store.insertVolunteer({ ...checked.row, volunteer_no: checked.row.volunteer_no ?? this.assignNo(checked.row.org) });
    return this.written(r.line, this.pkOf.get(no) as number);
  }

  /** Plain columns in place; org and political status as history from the effective date. */
  private update(stored: Stored, changes: Record<string, unknown>): void {
    const no = String(stored.volunteer_no);
    const { org, political_status, ...plain } = changes;
    const at = this.opts.actor.at;
    for (const [field, value] of [['org', org], ['political_status', political_status]] as const) {
      if (value === undefined) continue;
      this.hist.run(no, field, value, this.opts.effective, at);
      plain[field] = this.latest.get(no, field);
    }
    if (plain.status === 'active' && changes.left_on === undefined) plain.left_on = null;
    const cols = Object.keys(plain);
    if (cols.length) this.db.prepare(`UPDATE volunteers SET ${cols.map((c) => `"${c}" = ?`).join(', ')} WHERE pk = ?`).run(...Object.values(plain), stored.pk);
    const diff = Object.fromEntries(Object.entries(changes).map(([k, v]) => [k, { from: stored[k] ?? null, to: v }]));
    audit(this.db, this.opts.actor, 'volunteer', stored.id, { update: no, effective: this.opts.effective, batch: this.opts.batch, ...diff });
  }
}

class TeamImporter extends RosterImporter {
  row(r: ImportRow): Outcome {
    const p = parseTeam(r.raw);
    if (!p.ok) return p.issues;
    const row: TeamRow = p.row;
    const stored = this.find('id', row.id) ?? this.find('code', row.code);
    if (stored) {
      const org = this.store.resolve.org(row.org);
      const leader = row.leader === undefined ? undefined : this.store.resolve.volunteer({ volunteer_no: row.leader });
      return this.existing(r, stored, { column: 'code', what: `team ${row.code}` },
        [['id', row.id], ['code', row.code], ['name', row.name], ['org', org.ok ? org.value : row.org],
          ['leader', leader?.ok ? leader.value.volunteer_no : row.leader], ['founded_on', row.founded_on]],
        `change it with vledger update team ${stored.code}`);
    }
    const checked = this.store.checkTeam(row);
    if (checked.issues.length) return checked.issues;
    this.store.insertTeam(checked.row);
    return this.written(r.line);
  }
}

class MemberImporter extends RosterImporter {
  private readonly memberships = this.db.prepare('SELECT * FROM members WHERE team = ? AND volunteer_no = ? ORDER BY pk');

  row(r: ImportRow): Outcome {
    const p = parseMember(r.raw);
    if (!p.ok) return p.issues;
    const mangled = mangledPerson(r);
    if (mangled) return mangled;
    const row: MemberRow = p.row;
    let stored = this.find('id', row.id);
    const team = this.store.resolve.team(row.team);
    const v = this.store.resolve.volunteer(row.person);
    if (!stored && team.ok && v.ok) {
      const rows = this.memberships.all(team.value, v.value.volunteer_no) as Stored[];
      stored = row.joined_on ? rows.find((m) => m.joined_on === row.joined_on) : rows.find((m) => m.left_on === null);
    }
    if (stored) {
      return this.existing(r, stored, { column: 'volunteer_no', what: `membership of ${v.ok ? v.value.volunteer_no : row.person.volunteer_no} in ${team.ok ? team.value : row.team}` },
        [['id', row.id], ['team', team.ok ? team.value : row.team], ['volunteer_no', v.ok ? v.value.volunteer_no : undefined],
          ['joined_on', row.joined_on], ['left_on', row.left_on]],
        'change it with vledger update member');
    }
    const checked = this.store.checkMember(row);
    if (checked.issues.length) return checked.issues;
    this.store.insertMember(checked.row);
    return this.written(r.line);
  }
}

class ActivityImporter extends RosterImporter {
  row(r: ImportRow): Outcome {
    const p = parseActivity(r.raw);
    if (!p.ok) return p.issues;
    const row: ActivityRow = p.row;
    const stored = this.find('id', row.id) ?? this.find('code', row.code);
    if (stored) {
      const org = this.store.resolve.org(row.org);
      const team = row.team === undefined ? undefined : this.store.resolve.team(row.team);
      return this.existing(r, stored, { column: 'code', what: `activity ${row.code}` },
        [['id', row.id], ['code', row.code], ['title', row.title], ['org', org.ok ? org.value : row.org], ['team', team?.ok ? team.value : row.team],
          ['category', row.category], ['location', row.location], ['date', row.date], ['end_date', row.end_date]],
        `change it with vledger update activity ${stored.code}`);
    }
    const checked = this.store.checkActivity(row);
    if (checked.issues.length) return checked.issues;
    this.store.insertActivity(checked.row);
    return this.written(r.line);
  }
}

export function rosterImporter(kind: RosterKind, db: DB, ctx: RowContext, opts: RosterOptions): RowImporter {
  switch (kind) {
    case 'orgs': return new OrgImporter(db, ctx, 'orgs', opts);
    case 'volunteers': return new VolunteerImporter(db, ctx, opts);
    case 'teams': return new TeamImporter(db, ctx, 'teams', opts);
    case 'members': return new MemberImporter(db, ctx, 'members', opts);
    case 'activities': return new ActivityImporter(db, ctx, 'activities', opts);
  }
}
