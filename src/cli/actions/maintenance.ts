// `vledger check` (integrity and the product's invariants) and `vledger backup FILE` (an online
// copy, written beside the target and renamed into place so a half-written backup never exists).
import Database from 'better-sqlite3';
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserError } from '../../core/errors.js';
import { checkDatabase } from '../../db/check.js';
import { translateSqliteError } from '../../db/open.js';
import type { Ctx } from '../context.js';
import type { Opts } from '../options.js';
import { say } from './write.js';

/** check and backup look at a database that exists: creating an empty one would hide a wrong --db. */
function requireDatabase(ctx: Ctx): void {
  if (!existsSync(ctx.dbPath)) throw new UserError(`${ctx.dbPath}: no such database; check the --db path (or VLEDGER_DB)`);
}

export function check(ctx: Ctx): void {
  requireDatabase(ctx);
  let results;
  try {
    results = checkDatabase(ctx.db);
  } catch (e) {
    throw translateSqliteError(e, ctx.dbPath);
  }
  const failed = results.filter((r) => r.problems.length > 0);
  if (failed.length === 0) {
    const count = (t: string) => ctx.db.prepare(`SELECT count(*) FROM ${t}`).pluck().get() as number;
    say(`ok: ${ctx.dbPath} passed ${results.length} checks (${results.map((r) => r.name).join(', ')}); `
      + `${count('volunteers')} volunteers, ${count('records')} records`);
    return;
  }
  const lines: string[] = [];
  for (const r of failed) {
    for (const p of r.problems) lines.push(`${r.name}: ${p}`);
    if (r.more) lines.push(`${r.name}: … and ${r.more} more`);
  }
  process.stdout.write(lines.join('\n') + '\n');
  const total = failed.reduce((n, r) => n + r.problems.length + r.more, 0);
  throw new UserError(`${ctx.dbPath}: ${total} problem(s) in ${failed.map((r) => r.name).join(', ')}; `
    + 'restore a backup, or correct the listed rows (void and log anew) and run vledger check again');
}

export async function backup(ctx: Ctx, opts: Opts, file: string): Promise<void> {
  requireDatabase(ctx);
  const target = resolve(file);
  if (target === resolve(ctx.dbPath)) throw new UserError(`${file}: is the database itself; give another file name for the backup`);
  if (!existsSync(dirname(target))) throw new UserError(`${file}: the folder ${dirname(target)} does not exist; create it first`);
  if (existsSync(target) && !opts.force) throw new UserError(`${file}: already exists; give another name, or --force to replace it`);
  const partial = `${target}.partial-${process.pid}`;
  try {
    rmSync(partial, { force: true });
    await ctx.db.backup(partial);
    // the copy must open and read back whole before it replaces anything
    const copy = new Database(partial, { readonly: true });
    try {
      const verdict = copy.pragma('quick_check', { simple: true });
      if (verdict !== 'ok') throw new UserError(`${file}: the backup copy failed its check (${String(verdict)}); nothing replaced, try again`);
    } finally {
      copy.close();
    }
    renameSync(partial, target);
  } catch (e) {
    rmSync(partial, { force: true });
    throw translateSqliteError(e, ctx.dbPath);
  }
  const size = statSync(target).size;
  process.stdout.write(`${target}\n`);
  say(`backed up ${ctx.dbPath} to ${target} (${size} bytes)`);
}
