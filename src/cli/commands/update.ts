// `vledger update org|volunteer|team|member|activity`: roster facts change, each change audited;
// a volunteer's org and political status keep their history from --effective (SPEC 3).
import { Command } from 'commander';
import { dateArg, enumArg, examples, lazy, yearArg, withVolunteer } from '../options.js';

const act = (name: string) => lazy(() => import('../actions/update.js'), name);

export function defineUpdate(program: Command): void {
  const update = examples(program.command('update').description('change roster facts (a phone, a transfer, a team leader, a member leaving …)'), [
    'vledger update volunteer B11-0007 --org B12 --effective 2026-07-01',
    'vledger update member --team T01 --volunteer B11-0002 --left-on 2026-08-31',
  ]);

  examples(update.command('org').description('change an organisation').argument('<code>', 'organisation code')
    .option('--name <name>', 'new name').option('--parent <code>', 'new parent').option('--kind <kind>', 'new kind', enumArg('org_kind'))
    .action(act('updateOrg')), ['vledger update org B11 --name 第一党支部（机关）']);

  examples(update.command('volunteer').description('change a volunteer; org and political status keep their history')
    .argument('<volunteer>', 'volunteer_no, id number or unique name')
    .option('--effective <date>', 'date the change takes effect (default: today)', dateArg)
    .option('--org <code>', 'transfer to another organisation (组织关系转接)')
    .option('--political-status <status>', 'new political status', enumArg('political_status'))
    .option('--name <name>', 'name').option('--phone <phone>', 'phone').option('--id-number <id>', 'id number')
    .option('--id-type <type>', 'id type', enumArg('id_type'))
    .option('--skills <text>', 'skills').option('--status <status>', 'active|suspended|left', enumArg('volunteer_status'))
    .option('--left-on <date>', 'date the volunteer left', dateArg)
    .option('--disciplined-in <year>', 'year of a disciplinary sanction', yearArg)
    .action(act('updateVolunteer')), [
    'vledger update volunteer B11-0007 --org B12 --effective 2026-07-01',
    'vledger update volunteer B11-0007 --political-status party_member --effective 2026-07-01',
    'vledger update volunteer B11-0007 --status left --effective 2026-09-30',
  ]);

  examples(update.command('team').description('change a team').argument('<code>', 'team code')
    .option('--name <name>', 'name').option('--leader <volunteer>', 'new leader').option('--org <code>', 'organisation')
    .option('--effective <date>', 'date of the change (recorded in the audit trail)', dateArg)
    .action(act('updateTeam')), ['vledger update team T01 --leader B11-0003']);

  examples(withVolunteer(update.command('member').description('change a team membership (e.g. a member leaving)'), 'volunteer')
    .requiredOption('--team <code>', 'team code or name')
    .option('--left-on <date>', 'date the member left the team', dateArg)
    .option('--joined-on <date>', 'corrected joining date', dateArg)
    .action(act('updateMember')), ['vledger update member --team T01 --volunteer B11-0002 --left-on 2026-08-31']);

  examples(update.command('activity').description('change an activity').argument('<code>', 'activity code')
    .option('--title <title>', 'title').option('--location <text>', 'location').option('--category <text>', 'category')
    .option('--date <date>', 'date', dateArg).option('--end-date <date>', 'last day', dateArg).option('--team <code>', 'team')
    .action(act('updateActivity')), ['vledger update activity A0001 --location 社区服务中心']);
}
