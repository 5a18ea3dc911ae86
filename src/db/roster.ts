// Writing roster rows (organisations, volunteers, teams, members, activities) after checking
// them against what is stored: unique codes and ids, references that exist.
import type { Statement } from 'better-sqlite3';
import type { DB } from './open.js';
import type { Issue, OrgRow, VolunteerRow, TeamRow, MemberRow, ActivityRow } from '../core/rows.js';
import { Resolver } from './resolve.js';
import { uuidv7 } from './ids.js';
import { Statements } from './statements.js';

export interface Checked<T> { issues: Issue[]; row: T }

export class RosterStore {
  readonly resolve: Resolver;
  constructor(readonly db: DB, readonly now: string) {
    this.resolve = new Resolver(db);
    this.statements = new Statements(db);
  }

  /** An import checks and writes every row with the same few statements. */
  private readonly statements: Statements;

  private prepare(sql: string): Statement {
    return this.statements.get(sql);
  }

  private exists(sql: string, ...args: unknown[]): boolean {
    return this.prepare(sql).get(...args) !== undefined;
  }

  idTaken(table: string, id: string | undefined): boolean {
    return id !== undefined && this.exists(`SELECT 1 FROM ${table} WHERE id = ?`, id);
  }

  checkOrg(row: OrgRow): Checked<OrgRow> {
    const issues: Issue[] = [];
    if (this.exists('SELECT 1 FROM orgs WHERE code = ?', row.code)) issues.push({ column: 'code', message: `organisation ${row.code} already exists; choose another code or use vledger update org` });
    if (this.idTaken('orgs', row.id)) issues.push({ column: 'id', message: `id ${row.id} is already stored` });
    let parent = row.parent;
    if (row.parent) {
      const p = this.resolve.org(row.parent);
      if (p.ok) parent = p.value; else issues.push({ column: 'parent', message: p.message });
    }
    return { issues, row: { ...row, parent } };
  }

  insertOrg(row: OrgRow): string {
    const id = row.id ?? uuidv7();
    this.prepare('INSERT INTO orgs (id, code, name, parent, kind, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, row.code, row.name, row.parent ?? null, row.kind, this.now);
    return id;
  }

  /** Checks a new volunteer; the org is resolved (code or name) into row.org. */
  checkVolunteer(row: VolunteerRow): Checked<VolunteerRow> {
    const issues: Issue[] = [];
    const org = this.resolve.org(row.org);
    if (!org.ok) issues.push({ column: 'org', message: org.message });
    const out = { ...row, org: org.ok ? org.value : row.org };
    if (row.volunteer_no && this.exists('SELECT 1 FROM volunteers WHERE volunteer_no = ?', row.volunteer_no)) {
      issues.push({ column: 'volunteer_no', message: `volunteer_no ${row.volunteer_no} is already registered; to change that person use vledger update volunteer (or import --update)` });
    }
    if (row.id_number) {
      const other = this.prepare('SELECT volunteer_no FROM volunteers WHERE id_number = ?').pluck().get(row.id_number) as string | undefined;
      if (other) issues.push({ column: 'id_number', message: `this id number is already registered as ${other}; to change that person use vledger update volunteer ${other} (or import --update)` });
    }
    if (!row.volunteer_no && !row.id_number && org.ok) {
      const same = this.prepare('SELECT volunteer_no FROM volunteers WHERE name = ? AND org = ?').pluck().get(row.name, org.value) as string | undefined;
      if (same) issues.push({ column: 'name', message: `probable duplicate of ${same} (same name in ${org.value}); give an id number or a volunteer_no if this is someone else, or change ${same} with vledger update volunteer (or import --update)` });
    }
    if (this.idTaken('volunteers', row.id)) issues.push({ column: 'id', message: `id ${row.id} is already stored` });
    return { issues, row: out };
  }

  /** The next free number of the form ORG-0007 (SPEC 3). */
  nextVolunteerNo(org: string): string {
    const max = this.prepare(`SELECT max(CAST(substr(volunteer_no, ?) AS INTEGER)) FROM volunteers
      WHERE substr(volunteer_no, 1, ?) = ? AND substr(volunteer_no, ?) GLOB '[0-9]*'`).pluck()
      .get(org.length + 2, org.length + 1, `${org}-`, org.length + 2) as number | null;
    return `${org}-${String((max ?? 0) + 1).padStart(4, '0')}`;
  }

  insertVolunteer(row: VolunteerRow): string {
    const no = row.volunteer_no ?? this.nextVolunteerNo(row.org);
    this.prepare(`INSERT INTO volunteers (id, volunteer_no, name, id_type, id_number, gender, birth_date, phone,
      political_status, org, skills, registered_on, status, left_on, disciplined_in, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(
      row.id ?? uuidv7(), no, row.name, row.id_type, row.id_number ?? null, row.gender ?? null, row.birth_date ?? null,
      row.phone ?? null, row.political_status, row.org, row.skills ?? null, row.registered_on ?? null, row.status,
      row.left_on ?? null, row.disciplined_in ?? null, this.now);
    const hist = this.prepare('INSERT INTO volunteer_history (volunteer_no, field, value, effective, created_at) VALUES (?, ?, ?, ?, ?)');
    hist.run(no, 'org', row.org, '', this.now);
    hist.run(no, 'political_status', row.political_status, '', this.now);
    return no;
  }

  checkTeam(row: TeamRow): Checked<TeamRow> {
    const issues: Issue[] = [];
    const out = { ...row };
    if (this.exists('SELECT 1 FROM teams WHERE code = ?', row.code)) issues.push({ column: 'code', message: `team ${row.code} already exists; choose another code` });
    if (this.idTaken('teams', row.id)) issues.push({ column: 'id', message: `id ${row.id} is already stored` });
    const org = this.resolve.org(row.org);
    if (org.ok) out.org = org.value; else issues.push({ column: 'org', message: org.message });
    if (row.leader) {
      const v = this.resolve.volunteer({ volunteer_no: row.leader });
      if (v.ok) out.leader = v.value.volunteer_no; else issues.push({ column: 'leader', message: v.message });
    }
    return { issues, row: out };
  }

  insertTeam(row: TeamRow): string {
    const id = row.id ?? uuidv7();
    this.prepare('INSERT INTO teams (id, code, name, org, leader, founded_on, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, row.code, row.name, row.org, row.leader ?? null, row.founded_on ?? null, this.now);
    return id;
  }

  checkMember(row: MemberRow): Checked<MemberRow & { volunteer_no: string }> {
    const issues: Issue[] = [];
    const team = this.resolve.team(row.team);
    if (!team.ok) issues.push({ column: 'team', message: team.message });
    const v = this.resolve.volunteer(row.person);
    if (!v.ok) issues.push({ column: 'volunteer_no', message: v.message });
    const volunteer_no = v.ok ? v.value.volunteer_no : '';
    if (team.ok && v.ok && this.exists('SELECT 1 FROM members WHERE team = ? AND volunteer_no = ? AND left_on IS NULL', team.value, volunteer_no)) {
      issues.push({ column: 'volunteer_no', message: `${volunteer_no} is already a current member of ${team.value}` });
    }
    if (this.idTaken('members', row.id)) issues.push({ column: 'id', message: `id ${row.id} is already stored` });
    return { issues, row: { ...row, team: team.ok ? team.value : row.team, volunteer_no } };
  }

  insertMember(row: MemberRow & { volunteer_no: string }): string {
    const id = row.id ?? uuidv7();
    this.prepare('INSERT INTO members (id, team, volunteer_no, joined_on, left_on, created_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(id, row.team, row.volunteer_no, row.joined_on ?? null, row.left_on ?? null, this.now);
    return id;
  }

  checkActivity(row: ActivityRow): Checked<ActivityRow> {
    const issues: Issue[] = [];
    const out = { ...row };
    if (this.exists('SELECT 1 FROM activities WHERE code = ?', row.code)) issues.push({ column: 'code', message: `activity ${row.code} already exists; choose another code` });
    if (this.idTaken('activities', row.id)) issues.push({ column: 'id', message: `id ${row.id} is already stored` });
    const org = this.resolve.org(row.org);
    if (org.ok) out.org = org.value; else issues.push({ column: 'org', message: org.message });
    if (row.team) {
      const t = this.resolve.team(row.team);
      if (t.ok) out.team = t.value; else issues.push({ column: 'team', message: t.message });
    }
    return { issues, row: out };
  }

  insertActivity(row: ActivityRow): string {
    const id = row.id ?? uuidv7();
    this.prepare(`INSERT INTO activities (id, code, title, org, team, category, location, date, end_date, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(id, row.code, row.title, row.org, row.team ?? null, row.category ?? null,
      row.location ?? null, row.date, row.end_date ?? null, this.now);
    return id;
  }
}
