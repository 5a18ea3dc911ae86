// Finding the roster rows a command or a sheet refers to: volunteers by number, id number or a
// unique name (SPEC 11.7); organisations and teams by code or exact name; activities by code.
import type { DB } from './open.js';
import type { PersonRef } from '../core/rows.js';

export type Resolved<T> = { ok: true; value: T } | { ok: false; message: string };

export interface VolunteerRef { volunteer_no: string; org: string; name: string; id_number: string | null }
export interface ActivityRef { code: string; date: string; end_date: string | null; team: string | null; org: string }

export class Resolver {
  private readonly byNo;
  private readonly byId;
  private readonly byName;
  private readonly orgByCode;
  private readonly orgByName;
  private readonly teamByCode;
  private readonly teamByName;
  private readonly activityByCode;

  constructor(db: DB) {
    const cols = 'volunteer_no, org, name, id_number';
    this.byNo = db.prepare(`SELECT ${cols} FROM volunteers WHERE volunteer_no = ?`);
    this.byId = db.prepare(`SELECT ${cols} FROM volunteers WHERE id_number = ?`);
    this.byName = db.prepare(`SELECT ${cols} FROM volunteers WHERE name = ? ORDER BY volunteer_no`);
    this.orgByCode = db.prepare('SELECT code FROM orgs WHERE code = ?').pluck();
    this.orgByName = db.prepare('SELECT code FROM orgs WHERE name = ? ORDER BY code').pluck();
    this.teamByCode = db.prepare('SELECT code FROM teams WHERE code = ?').pluck();
    this.teamByName = db.prepare('SELECT code FROM teams WHERE name = ? ORDER BY code').pluck();
    this.activityByCode = db.prepare('SELECT code, date, end_date, team, org FROM activities WHERE code = ?');
  }

  org(codeOrName: string): Resolved<string> {
    const code = this.orgByCode.get(codeOrName) as string | undefined;
    if (code) return { ok: true, value: code };
    const byName = this.orgByName.all(codeOrName) as string[];
    if (byName.length === 1) return { ok: true, value: byName[0]! };
    if (byName.length > 1) return { ok: false, message: `organisation name "${codeOrName}" is ambiguous (${byName.join(', ')}); give the code` };
    return { ok: false, message: `no organisation "${codeOrName}"; register it first (vledger register org) or check the code` };
  }

  team(codeOrName: string): Resolved<string> {
    const code = this.teamByCode.get(codeOrName) as string | undefined;
    if (code) return { ok: true, value: code };
    const byName = this.teamByName.all(codeOrName) as string[];
    if (byName.length === 1) return { ok: true, value: byName[0]! };
    if (byName.length > 1) return { ok: false, message: `team name "${codeOrName}" is ambiguous (${byName.join(', ')}); give the code` };
    return { ok: false, message: `no team "${codeOrName}"; register it first (vledger register team) or check the code` };
  }

  activity(code: string): Resolved<ActivityRef> {
    const a = this.activityByCode.get(code) as ActivityRef | undefined;
    return a ? { ok: true, value: a } : { ok: false, message: `no activity "${code}"; register it first (vledger register activity) or check the code` };
  }

  volunteer(ref: PersonRef): Resolved<VolunteerRef> {
    let found: VolunteerRef | undefined;
    if (ref.volunteer_no) {
      found = this.byNo.get(ref.volunteer_no) as VolunteerRef | undefined;
      // a sheet may put an id number or a name in the volunteer column
      if (!found && /^\d{17}[\dX]$/i.test(ref.volunteer_no)) found = this.byId.get(ref.volunteer_no.toUpperCase()) as VolunteerRef | undefined;
      if (!found && !ref.name && !ref.id_number) {
        // a name matching several people says so (with the candidates) rather than "no volunteer"
        if (this.namedCandidates(ref.volunteer_no, ref.org).length > 0) return this.byUniqueName(ref.volunteer_no, ref.org);
        return { ok: false, message: `no volunteer "${ref.volunteer_no}"; check the volunteer number (vledger list volunteers)` };
      }
      if (!found) return { ok: false, message: `no volunteer "${ref.volunteer_no}"; check the volunteer number (vledger list volunteers)` };
    } else if (ref.id_number) {
      found = this.byId.get(ref.id_number) as VolunteerRef | undefined;
      if (!found) return { ok: false, message: `no volunteer with id number ${ref.id_number.slice(0, 6)}…; register the person first` };
    } else if (ref.name) {
      return this.byUniqueName(ref.name, ref.org);
    } else {
      return { ok: false, message: 'the volunteer is required' };
    }
    if (ref.name && found.name !== ref.name) {
      return { ok: false, message: `${found.volunteer_no} is ${found.name}, not ${ref.name}; check the row` };
    }
    return { ok: true, value: found };
  }

  private namedCandidates(name: string, org?: string): VolunteerRef[] {
    let rows = this.byName.all(name) as VolunteerRef[];
    if (org) {
      const o = this.org(org);
      if (o.ok) rows = rows.filter((r) => r.org === o.value);
    }
    return rows;
  }

  private byUniqueName(name: string, org?: string): Resolved<VolunteerRef> {
    const rows = this.namedCandidates(name, org);
    if (rows.length === 1) return { ok: true, value: rows[0]! };
    if (rows.length === 0) return { ok: false, message: `no volunteer named "${name}"${org ? ` in ${org}` : ''}; register the person first or give the volunteer number` };
    return { ok: false, message: `the name "${name}" is ambiguous: ${rows.map((r) => `${r.volunteer_no} (${r.org})`).join(', ')}; give the volunteer number or id number` };
  }
}
