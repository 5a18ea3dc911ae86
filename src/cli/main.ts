// The entry: builds the commander program from the command definitions and turns every error
// into an exit code — the one try/catch. 0 ok, 1 data/runtime error, 2 usage error (SPEC 9).
import { Command, CommanderError, Option } from 'commander';
import { createRequire } from 'node:module';
import { UserError, UsageError } from '../core/errors.js';
import { stopWorkers } from '../io/workers.js';
import { defineRegister } from './commands/register.js';
import { defineUpdate } from './commands/update.js';
import { defineLog } from './commands/log.js';
import { defineBrowse } from './commands/browse.js';
import { defineImport } from './commands/import.js';
import { defineExport } from './commands/export.js';
import { defineScore } from './commands/score.js';
import { defineReport } from './commands/report.js';
import { defineMaintenance } from './commands/maintenance.js';

const require = createRequire(import.meta.url);
const { version } = require('../../package.json') as { version: string };

export function buildProgram(): Command {
  const program = new Command('vledger')
    .description('Party-member volunteer service ledger (党员志愿服务台账): register, log, score, rank and report over one SQLite file')
    .version(version, '-V, --version')
    .option('--db <file>', 'database file (default: $VLEDGER_DB or ./vledger.db)')
    .option('--operator <name>', 'who is doing this, for the audit trail (default: $VLEDGER_OPERATOR or the OS user)')
    .addOption(new Option('--lang <lang>', 'language of messages and table headings (default: $VLEDGER_LANG, else from LANG)').choices(['zh', 'en']))
    .option('--no-color', 'no colour in tables')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false })
    .exitOverride();
  program.addHelpText('after', `
Examples:
  $ vledger register org --code B11 --name 第一党支部 --kind branch
  $ vledger register volunteer --name 张三 --org B11 --political-status 中共党员
  $ vledger log service --volunteer B11-0001 --date 2026-03-05 --hours 2.5
  $ vledger import service 服务记录.csv
  $ vledger rank --year 2026
  $ vledger report awards --year 2026

Database: --db, else VLEDGER_DB, else ./vledger.db (created on first use).`);
  defineRegister(program);
  defineUpdate(program);
  defineLog(program);
  defineBrowse(program);
  defineImport(program);
  defineExport(program);
  defineScore(program);
  defineReport(program);
  defineMaintenance(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (e) {
    return reportError(e);
  } finally {
    await stopWorkers();
  }
}

function reportError(e: unknown): number {
  if (e instanceof CommanderError) {
    if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
    // 'commander.help': a command group run without a subcommand — help on stderr, a usage error
    return 2; // commander has already printed the message
  }
  if (e instanceof UsageError) {
    process.stderr.write(`vledger: ${e.message}\n`);
    return 2;
  }
  if (e instanceof UserError) {
    process.stderr.write(`vledger: ${e.message}\n`);
    for (const d of e.details) process.stderr.write(`${d}\n`);
    return 1;
  }
  const code = (e as { code?: string })?.code ?? '';
  if (code.startsWith('SQLITE_BUSY')) {
    process.stderr.write('vledger: database is busy (another vledger is writing to it); try again when it has finished\n');
    return 1;
  }
  if (code === 'EPIPE') return 0;
  process.stderr.write(`vledger: internal error — please report this with the command you ran:\n${(e as Error)?.stack ?? String(e)}\n`);
  return 1;
}
