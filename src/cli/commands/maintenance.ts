// `vledger check`, `vledger backup FILE` (SPEC 9): is the database whole, and a copy of it.
import { Command } from 'commander';
import { examples, lazy } from '../options.js';

const act = (name: string) => lazy(() => import('../actions/maintenance.js'), name);

export function defineMaintenance(program: Command): void {
  examples(program.command('check')
    .description('check the database: SQLite integrity, foreign keys and the ledger\'s own rules (exit 1 and a list when broken)')
    .action(act('check')), [
    'vledger check',
    'vledger --db 第一党支部.db check',
  ]);

  examples(program.command('backup')
    .description('copy the database to FILE while it stays in use (online backup)')
    .argument('<file>', 'the backup file to write')
    .option('--force', 'replace FILE if it exists')
    .action(act('backup')), [
    'vledger backup backups/vledger-2026-11-29.db',
    'vledger backup /media/usb/vledger.db --force',
  ]);
}
