// `vledger import KIND FILE` (and `import bundle DIR`), `vledger batches`, `vledger undo BATCH`
// (SPEC 8, 11.5-11.10, 11.14).
import { Argument, Command, Option } from 'commander';
import { KINDS, LOG_KINDS } from '../../core/kinds.js';
import { dateArg, examples, lazy, withOutput } from '../options.js';

const runImport = lazy(() => import('../actions/import.js'), 'importFile');
// bundle.ts belongs to the bundle feature; a computed specifier keeps this file compiling alone
const BUNDLE_ACTIONS = '../actions/bundle.js';
const runBundle = lazy(() => import(BUNDLE_ACTIONS), 'importBundle');
const batchesAct = (name: string) => lazy(() => import('../actions/batches.js'), name);

export function defineImport(program: Command): void {
  examples(program.command('import').description('import a .csv or .xlsx file of one kind (all rows checked first; one transaction)')
    .addArgument(new Argument('<kind>', 'what the file holds').choices([...KINDS, 'bundle']))
    .argument('<file>', 'the .csv or .xlsx file (for bundle: the bundle folder)')
    .addOption(new Option('--encoding <encoding>', 'the CSV file\'s encoding (default: detected: BOM, UTF-8, else GBK/GB18030)')
      .choices(['utf-8', 'utf-16le', 'utf-16be', 'gbk', 'gb18030']))
    .option('--sheet <name>', 'the sheet of an .xlsx workbook (default: the first)')
    .option('--ignore-unknown', 'skip columns that are not columns of the kind, instead of refusing the file')
    .option('--skip-invalid', 'import the good rows and write the bad ones to NAME.rejects.csv')
    .option('--reject-file <file>', 'with --skip-invalid: where to write the rejected rows')
    .option('--dry-run', 'check every row and report; write nothing')
    .option('--force', 'import a file already imported as this kind (rows already stored are skipped)')
    .option('--update', 'volunteers: update people already registered (by volunteer_no or id number)')
    .option('--effective <date>', 'with --update: the date org / political status changes take effect (default: today)', dateArg)
    .option('--quiet', 'no progress and no summary (problems are still reported)')
    .action((kind: string, file: string, opts: unknown, cmd: Command) => (kind === 'bundle' ? runBundle(file, opts, cmd) : runImport(kind, file, opts, cmd))), [
    'vledger import volunteers 志愿者花名册.csv',
    'vledger import service 服务记录.xlsx --sheet 3月',
    'vledger import service records.csv --dry-run',
    'vledger import service records.csv --skip-invalid        # bad rows -> records.rejects.csv',
    'vledger import volunteers roster.csv --update --effective 2026-07-01',
    'vledger import bundle ./B11-2026',
  ]);

  examples(withOutput(program.command('batches').description('list imports: kind, file, SHA-256, row counts, who and when'))
    .option('--kind <kind>', 'only imports of this kind')
    .action(batchesAct('listBatches')), ['vledger batches', 'vledger batches --kind service --format csv']);

  examples(program.command('undo').description(`void what one import of a log kind added (${LOG_KINDS.join(', ')})`)
    .argument('<batch>', 'batch id (a unique prefix of 8+ characters is enough; see vledger batches)')
    .action(batchesAct('undo')), ['vledger undo 0190a1b2']);
}
