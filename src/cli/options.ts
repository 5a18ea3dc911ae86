// Option groups declared once and reused by every command that takes them, flag-value parsers
// (a bad value is a usage error, exit 2), and the lazy action wrapper that keeps start-up light.
import { Command, InvalidArgumentError, Option } from 'commander';
import { FieldError, parseDate, parseTime, parseYear } from '../core/validate.js';
import { UsageError } from '../core/errors.js';
import { parseEnum, enumWords, type EnumName } from '../core/enums.js';
import type { Ctx, GlobalOptions } from './context.js';

export type Opts = GlobalOptions & Record<string, unknown>;

function wrap<T>(parse: (s: string) => T) {
  return (value: string): T => {
    try {
      return parse(value);
    } catch (e) {
      if (e instanceof FieldError) throw new InvalidArgumentError(e.message);
      throw e;
    }
  };
}

export const dateArg = wrap(parseDate);
export const yearArg = wrap(parseYear);
export const positiveIntArg = wrap((s: string) => {
  if (!/^\d+$/.test(s.trim()) || Number(s) < 1) throw new FieldError(`"${s}" is not a whole number of at least 1`);
  return Number(s);
});
export const enumArg = (name: EnumName) => wrap((s: string) => {
  const v = parseEnum(name, s);
  if (v === undefined) throw new FieldError(`"${s}" is not one of ${enumWords(name)}`);
  return v;
});

/** --format and friends: for commands that print data (SPEC 11.11). */
export function withOutput(cmd: Command): Command {
  return cmd
    .addOption(new Option('--format <format>', 'output format (default: table on a terminal, else csv)').choices(['table', 'csv', 'json', 'md', 'html']))
    .option('--unmasked', 'show id numbers and phones in full')
    .option('--no-bom', 'CSV without the UTF-8 byte-order mark')
    .addOption(new Option('--encoding <encoding>', 'CSV encoding').choices(['utf-8', 'gb18030']));
}

/** Help text ending with examples, as every command has. */
export function examples(cmd: Command, lines: string[]): Command {
  return cmd.addHelpText('after', `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`);
}

type ActionModule = Record<string, (ctx: Ctx, opts: Opts, ...args: unknown[]) => unknown>;

/**
 * An action that loads its implementation only when run, so `--help` and small commands do
 * not pay for csv, table or database modules they do not use.
 */
export function lazy(load: () => Promise<unknown>, name: string) {
  return async (...args: unknown[]) => {
    const cmd = args[args.length - 1] as Command;
    const opts = cmd.optsWithGlobals() as Opts;
    const positional = args.slice(0, -2);
    const [{ Ctx }, mod] = await Promise.all([import('./context.js'), load() as Promise<ActionModule>]);
    const ctx = new Ctx(opts, commandLine(cmd));
    try {
      await mod[name]!(ctx, opts, ...positional);
    } finally {
      ctx.close();
    }
  };
}

function commandLine(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c && c.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

export const numberArg = wrap((s: string) => {
  if (!/^[+-]?(\d+(\.\d+)?|\.\d+)$/.test(s.trim())) throw new FieldError(`"${s}" is not a number`);
  return s.trim();
});
/** An exchange id given by hand must be a UUID, or it could never be named again (void, approve). */
export const uuidArg = wrap((s: string) => {
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s.trim())) throw new FieldError(`"${s}" is not a UUID like 0190a1b2-0000-7000-8000-000000000001; leave --id out to have one assigned`);
  return s.trim().toLowerCase();
});
export const timeArg = wrap((s: string) => {
  parseTime(s); // not a time of day (25:00, abc) is a bad flag value: exit 2
  return s.trim();
});

/** Canonical column names from commander's camelCased flags: id_number <- idNumber. */
export function rawFromOpts(opts: Opts, columns: readonly string[], renames: Record<string, string> = {}): Record<string, string | undefined> {
  const raw: Record<string, string | undefined> = {};
  for (const col of columns) {
    const flag = renames[col] ?? col.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    const v = opts[flag];
    if (v !== undefined && v !== null && typeof v !== 'boolean') raw[col] = String(v);
  }
  return raw;
}

/**
 * The volunteer of a log or membership command: `--volunteer` (SPEC 2), also accepted as
 * `--volunteer-no` (the column's name, as every other column flag is). One of them is required.
 */
export function withVolunteer(cmd: Command, what = 'volunteer_no, id number or unique name'): Command {
  return cmd
    .option('--volunteer <volunteer>', `${what} (required)`)
    .addOption(new Option('--volunteer-no <volunteer>', 'the same as --volunteer').hideHelp());
}

export function volunteerOf(opts: Opts): string {
  const v = opts.volunteer ?? opts.volunteerNo;
  if (v === undefined) throw new UsageError("required option '--volunteer <volunteer>' not specified");
  return String(v);
}
