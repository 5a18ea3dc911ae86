// `vledger score …` and `vledger rank` (SPEC 4, 5): the points rules, the points of a year per
// volunteer and entry by entry, and the rankings of volunteers, teams and organisations.
import { Command, Option } from 'commander';
import { examples, lazy, positiveIntArg, withOutput, yearArg } from '../options.js';

const scoreAct = (name: string) => lazy(() => import('../actions/score.js'), name);
const rankAct = (name: string) => lazy(() => import('../actions/rank.js'), name);

export function defineScore(program: Command): void {
  const score = program.command('score').description('points (积分): the rules in force, a year\'s points per volunteer, and why');

  // the summary is the default subcommand, so `vledger score --year 2026` works and its flags
  // never clash with those of `score explain` or `score rules`
  examples(withOutput(score.command('summary', { isDefault: true }).description('each volunteer\'s points of a year, with points by kind'))
    .option('--year <year>', 'the year (default: this year)', yearArg)
    .option('--org <code>', 'only volunteers of this organisation and its subtree (as on 31 December)')
    .action(scoreAct('scoreSummary')), [
    'vledger score --year 2026',
    'vledger score --year 2026 --org B11 --format csv > points.csv',
  ]);

  examples(withOutput(score.command('explain').description('every point entry of a volunteer\'s year, with the rule that made it'))
    .argument('<volunteer>', 'volunteer_no, id number or unique name')
    .option('--year <year>', 'the year (default: this year)', yearArg)
    .action(scoreAct('scoreExplain')), [
    'vledger score explain B11-0001 --year 2026',
  ]);

  // --format is accepted as on every printing command (SPEC 11.11); the rules document is JSON whatever it says
  examples(withOutput(score.command('rules').description('print the points rules in force for a year (JSON), or store a new version'))
    .option('--year <year>', 'the year whose rules to print (default: this year)', yearArg)
    .option('--set <file>', 'a rules JSON file (keys not given keep their defaults) to store')
    .option('--from-year <year>', 'with --set: the first year the new rules apply to (default: this year)', yearArg)
    .action(scoreAct('scoreRules')), [
    'vledger score rules --year 2026',
    'vledger score rules --set rules.json --from-year 2027',
  ]);

  examples(withOutput(program.command('rank').description('rank volunteers, teams or organisations by a year\'s points'))
    .option('--year <year>', 'the year (default: this year)', yearArg)
    .addOption(new Option('--by <what>', 'what to rank').choices(['volunteer', 'team', 'org']).default('volunteer'))
    .option('--org <code>', 'only this organisation\'s subtree (with --by org: its direct children)')
    .option('--top <n>', 'only ranks 1 to N (ties at N all stay)', positiveIntArg)
    .option('--all', 'with --by volunteer: also the volunteers of the roster without an entry, with 0')
    .action(rankAct('rank')), [
    'vledger rank --year 2026',
    'vledger rank --year 2026 --org B11 --top 10',
    'vledger rank --year 2026 --by team --format json',
    'vledger rank --year 2026 --by org --org G01',
  ]);
}
