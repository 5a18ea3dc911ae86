// A Resolver that remembers its answers, for log imports: the roster does not change while a
// log file is imported, and a million rows name the same few thousand volunteers and activities.
import type { PersonRef } from '../core/rows.js';
import { Resolver, type ActivityRef, type Resolved, type VolunteerRef } from '../db/resolve.js';

/** Entries kept before a cache is cleared (bounds memory on a huge roster). */
const MAX_ENTRIES = 200_000;

export class CachedResolver extends Resolver {
  private readonly volunteers = new Map<string, Resolved<VolunteerRef>>();
  private readonly activities = new Map<string, Resolved<ActivityRef>>();

  override volunteer(ref: PersonRef): Resolved<VolunteerRef> {
    const key = ref.name === undefined && ref.id_number === undefined && ref.org === undefined
      ? ref.volunteer_no ?? ''
      : `${ref.volunteer_no ?? ''}\u0000${ref.name ?? ''}\u0000${ref.id_number ?? ''}\u0000${ref.org ?? ''}`;
    let r = this.volunteers.get(key);
    if (r === undefined) {
      if (this.volunteers.size >= MAX_ENTRIES) this.volunteers.clear();
      r = super.volunteer(ref);
      this.volunteers.set(key, r);
    }
    return r;
  }

  override activity(code: string): Resolved<ActivityRef> {
    let r = this.activities.get(code);
    if (r === undefined) {
      if (this.activities.size >= MAX_ENTRIES) this.activities.clear();
      r = super.activity(code);
      this.activities.set(code, r);
    }
    return r;
  }
}
