// What every command gets: the database (opened on first use), operator, language, clock and
// output policy, resolved from flags, environment and defaults as SPEC 2 says.
import { userInfo } from 'node:os';
import { openDatabase, type DB } from '../db/open.js';
import { UsageError } from '../core/errors.js';

export type Lang = 'zh' | 'en';

export interface GlobalOptions {
  db?: string; operator?: string; lang?: string; color?: boolean; format?: string; unmasked?: boolean;
  bom?: boolean; encoding?: string; quiet?: boolean;
}

export function resolveLang(flag?: string, env = process.env): Lang {
  const v = flag ?? env.VLEDGER_LANG;
  if (v === 'zh' || v === 'en') return v;
  if (v !== undefined && v !== '') throw new UsageError(`--lang: "${v}" is not zh or en`);
  return (env.LANG ?? '').toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

function osUser(): string {
  try { return userInfo().username; } catch { return process.env.USER ?? 'unknown'; }
}

export class Ctx {
  readonly dbPath: string;
  readonly operator: string;
  readonly lang: Lang;
  private database?: DB;

  constructor(readonly opts: GlobalOptions, readonly command: string) {
    this.dbPath = opts.db ?? process.env.VLEDGER_DB ?? './vledger.db';
    this.operator = opts.operator ?? process.env.VLEDGER_OPERATOR ?? osUser();
    this.lang = resolveLang(opts.lang);
  }

  get db(): DB {
    this.database ??= openDatabase(this.dbPath);
    return this.database;
  }

  /** The current instant; VLEDGER_NOW (ISO date or date-time) fixes it for tests. */
  now(): Date {
    const fixed = process.env.VLEDGER_NOW;
    return fixed ? new Date(fixed.length === 10 ? `${fixed}T12:00:00Z` : fixed) : new Date();
  }

  nowIso(): string {
    return this.now().toISOString();
  }

  /** Today's date in local time, YYYY-MM-DD. */
  today(): string {
    const fixed = process.env.VLEDGER_NOW;
    if (fixed && fixed.length === 10) return fixed;
    const d = this.now();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }

  thisYear(): number {
    return Number(this.today().slice(0, 4));
  }

  close(): void {
    this.database?.close();
    this.database = undefined;
  }
}
