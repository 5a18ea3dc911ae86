// `vledger export KIND`, `vledger export bundle` (SPEC 8): the columns import reads, and the
// bundle a branch sends up to the city.
import { Argument, Command, Option } from 'commander';
import { KINDS } from '../../core/kinds.js';
import { examples, lazy, yearArg } from '../options.js';

export function defineExport(program: Command): void {
  examples(program.command('export').description('write one kind as CSV (the columns import reads), or a bundle of a subtree for the city')
    .addArgument(new Argument('<kind>', 'what to export; "bundle" writes every kind of --org\'s subtree into the folder -o').choices([...KINDS, 'bundle']))
    .option('-o, --output <path>', 'file to write (default: stdout); for a bundle, the folder')
    .option('--org <code>', 'only this organisation and its subtree (required for a bundle)')
    .option('--year <year>', 'only this year (activities and records)', yearArg)
    .option('--all', 'include voided records, with status "voided" and a void_reason column')
    .option('--unmasked', 'write id numbers and phones in full (needed to re-import them)')
    .addOption(new Option('--headers <lang>', 'column headings: canonical English names, or the Chinese ones import also reads').choices(['en', 'zh']).default('en'))
    .addOption(new Option('--encoding <encoding>', 'CSV encoding (gb18030 for old tools; no BOM then)').choices(['utf-8', 'gb18030']))
    .option('--no-bom', 'UTF-8 without the byte-order mark')
    .addOption(new Option('--format <format>', 'csv, or json for scripts').choices(['csv', 'json']))
    .action(lazy(() => import('../actions/export.js'), 'exportKind')), [
    'vledger export volunteers -o 志愿者.csv',
    'vledger export service --year 2026 --org B11 --unmasked -o service.csv',
    'vledger export service --headers zh --encoding gb18030 -o 服务记录.csv',
    'vledger export bundle --org B11 -o B11-2026-11',
    'vledger import bundle B11-2026-11        # at the city',
  ]);
}
