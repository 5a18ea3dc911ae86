// `vledger register org|volunteer|team|member|activity`: the roster by hand (SPEC 2, 3).
import { Command } from 'commander';
import { dateArg, enumArg, examples, lazy, yearArg, uuidArg, withVolunteer } from '../options.js';

const act = (name: string) => lazy(() => import('../actions/register.js'), name);

export function defineRegister(program: Command): void {
  const register = examples(program.command('register').description('register organisations, volunteers, teams, members and activities (招募注册)'), [
    'vledger register org --code B11 --name 第一党支部 --parent G01 --kind branch',
    'vledger register volunteer --name 张三 --org B11 --political-status 中共党员',
  ]);

  examples(register.command('org').description('register an organisation (党委/党总支/党支部)')
    .requiredOption('--code <code>', 'organisation code, e.g. B11')
    .requiredOption('--name <name>', 'name')
    .option('--parent <code>', 'parent organisation code or name')
    .option('--kind <kind>', 'committee|general_branch|branch|unit (党委/党总支/党支部/基层单位)', enumArg('org_kind'), 'branch')
    .option('--id <uuid>', 'exchange id (assigned when absent)', uuidArg)
    .action(act('registerOrg')), [
    'vledger register org --code G01 --name 市直机关工委 --kind committee',
    'vledger register org --code B11 --name 第一党支部 --parent G01 --kind 党支部',
  ]);

  examples(register.command('volunteer').description('register a volunteer; prints the volunteer_no')
    .requiredOption('--name <name>', 'name (姓名)')
    .requiredOption('--org <code>', 'organisation code or name (所在支部)')
    .requiredOption('--political-status <status>', 'party_member|probationary|league_member|masses|other (中共党员 …)', enumArg('political_status'))
    .option('--volunteer-no <no>', 'volunteer number (default: ORG-NNNN)')
    .option('--id-type <type>', 'resident_id|passport|other', enumArg('id_type'))
    .option('--id-number <id>', 'id number (身份证号); birth date and gender are derived from a resident id')
    .option('--gender <gender>', 'male|female (男/女)', enumArg('gender'))
    .option('--birth-date <date>', 'birth date', dateArg)
    .option('--phone <phone>', 'mobile or landline')
    .option('--skills <text>', 'skills (服务技能)')
    .option('--registered-on <date>', 'registration date (default: today)', dateArg)
    .option('--status <status>', 'active|suspended|left (在册/暂停/离开; default active)', enumArg('volunteer_status'))
    .option('--left-on <date>', 'date the volunteer left', dateArg)
    .option('--disciplined-in <year>', 'year of a disciplinary sanction (excluded from that year\'s awards)', yearArg)
    .option('--id <uuid>', 'exchange id (assigned when absent)', uuidArg)
    .action(act('registerVolunteer')), [
    'vledger register volunteer --name 张三 --org B11 --political-status 中共党员 --id-number 110101199003071233 --phone 13812341234',
  ]);

  examples(register.command('team').description('register a service team (志愿服务队)')
    .requiredOption('--code <code>', 'team code')
    .requiredOption('--name <name>', 'name')
    .requiredOption('--org <code>', 'organisation code or name')
    .option('--leader <volunteer>', 'leader (volunteer_no)')
    .option('--founded-on <date>', 'founding date', dateArg)
    .option('--id <uuid>', 'exchange id (assigned when absent)', uuidArg)
    .action(act('registerTeam')), [
    'vledger register team --code T01 --name 红色先锋志愿服务队 --org B11 --leader B11-0001',
  ]);

  examples(withVolunteer(register.command('member').description('add a volunteer to a team')
    .requiredOption('--team <code>', 'team code or name'))
    .option('--joined-on <date>', 'date joined (default: today)', dateArg)
    .option('--left-on <date>', 'date left the team (for a past membership)', dateArg)
    .option('--id <uuid>', 'exchange id (assigned when absent)', uuidArg)
    .action(act('registerMember')), [
    'vledger register member --team T01 --volunteer B11-0002 --joined-on 2026-01-10',
  ]);

  examples(register.command('activity').description('register a service activity (服务活动)')
    .requiredOption('--code <code>', 'activity code')
    .requiredOption('--title <title>', 'title (活动名称)')
    .requiredOption('--org <code>', 'organisation code or name')
    .requiredOption('--date <date>', 'date (or first day)', dateArg)
    .option('--end-date <date>', 'last day of a multi-day activity', dateArg)
    .option('--team <code>', 'team code or name')
    .option('--category <text>', 'category (服务类别)')
    .option('--location <text>', 'location (地点)')
    .option('--id <uuid>', 'exchange id (assigned when absent)', uuidArg)
    .action(act('registerActivity')), [
    'vledger register activity --code A0001 --title 学雷锋社区服务 --org B11 --team T01 --date 2026-03-05',
  ]);
}
