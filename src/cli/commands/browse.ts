// `vledger list …`, `vledger show volunteer`, `vledger audit`: browsing what is stored (SPEC 7).
import { Command, Argument } from 'commander';
import { dateArg, examples, lazy, withOutput, yearArg } from '../options.js';

const act = (name: string) => lazy(() => import('../actions/browse.js'), name);

export const LIST_KINDS = ['orgs', 'volunteers', 'teams', 'members', 'activities', 'records', 'training', 'commendations', 'complaints', 'no-shows', 'adjustments'];

export function defineBrowse(program: Command): void {
  examples(withOutput(program.command('list').description('list what is stored (records = service records)'))
    .addArgument(new Argument('<kind>', 'what to list').choices(LIST_KINDS))
    .option('--org <code>', 'only this organisation and its subtree')
    .option('--year <year>', 'only this year (records, activities)', yearArg)
    .option('--volunteer <volunteer>', 'only this volunteer (records)')
    .option('--all', 'include voided records')
    .action(act('list')), [
    'vledger list volunteers --org B11',
    'vledger list records --year 2026 --format csv > records.csv',
    'vledger list records --all',
  ]);

  const show = examples(program.command('show').description('show one thing in detail'), ['vledger show volunteer B11-0001']);
  examples(withOutput(show.command('volunteer').description('a volunteer\'s profile, teams and totals'))
    .argument('<volunteer>', 'volunteer_no, id number or unique name')
    .action(act('showVolunteer')), ['vledger show volunteer B11-0001']);

  examples(withOutput(program.command('audit').description('the audit trail: who changed what, when'))
    .option('--since <date>', 'only changes on or after this date', dateArg)
    .action(act('audit')), ['vledger audit --since 2026-01-01']);
}
