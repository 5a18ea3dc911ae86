// `vledger log …`: every kind of record by hand, and moving records forward (void, approve,
// reject). Flag types are checked here (exit 2); ranges and references by the core (exit 1).
import { Command } from 'commander';
import { dateArg, enumArg, examples, lazy, numberArg, timeArg, uuidArg, withVolunteer } from '../options.js';

const act = (name: string) => lazy(() => import('../actions/log.js'), name);

function base(cmd: Command): Command {
  return withVolunteer(cmd)
    .requiredOption('--date <date>', 'date (2026-03-05, 2026/3/5, 2026年3月5日)', dateArg)
    .option('--id <uuid>', 'exchange id (assigned when absent)', uuidArg);
}

export function defineLog(program: Command): void {
  const log = examples(program.command('log').description('log service, training, commendations, complaints, no-shows and adjustments; void, approve, reject'), [
    'vledger log service --volunteer B11-0001 --date 2026-03-05 --hours 2.5',
    'vledger log void 0190a1b2 --reason "wrong date; logged again"',
  ]);

  examples(base(log.command('service').description('log a service record (志愿服务记录)'))
    .option('--hours <hours>', 'hours, decimal (travel excluded)', numberArg)
    .option('--start <HH:MM>', 'start time', timeArg)
    .option('--end <HH:MM>', 'end time', timeArg)
    .option('--activity <code>', 'activity code')
    .option('--role <role>', 'participant|leader (参与者/负责人)', enumArg('role'))
    .option('--evaluation <evaluation>', 'satisfied|fairly_satisfied|basically_satisfied|dissatisfied (满意 …)', enumArg('evaluation'))
    .option('--category <text>', 'service category (服务类别)')
    .option('--note <text>', 'note (备注)')
    .option('--ref <ref>', 'external reference, unique')
    .option('--back-entry', 'mark as a back entry (补录); the same as --entry back_entry')
    .option('--entry <entry>', 'normal|back_entry (正常/补录)', enumArg('entry'))
    .option('--pending', 'log as pending approval instead of approved; the same as --status pending')
    .option('--status <status>', 'pending|approved (待审核/已审核; default approved)', enumArg('record_status'))
    .action(act('logService')), [
    'vledger log service --volunteer B11-0001 --date 2026-03-05 --hours 2.5 --activity A0001',
    'vledger log service --volunteer 张三 --date 2026-03-05 --start 09:00 --end 11:30 --role leader --evaluation 满意',
  ]);

  examples(base(log.command('training').description('log a training session (教育培训)'))
    .requiredOption('--hours <hours>', 'hours', numberArg)
    .option('--topic <text>', 'topic (培训内容)')
    .option('--organiser <text>', 'organiser (主办单位)')
    .action(act('logTraining')), ['vledger log training --volunteer B11-0001 --date 2026-04-01 --hours 3 --topic 志愿服务培训']);

  examples(base(log.command('commendation').description('log a commendation (表彰)'))
    .requiredOption('--title <text>', 'title (荣誉名称)')
    .requiredOption('--level <level>', 'county|city|province|national (县级/市级/省级/国家级)', enumArg('level'))
    .option('--issuer <text>', 'issuer (颁发单位)')
    .action(act('logCommendation')), ['vledger log commendation --volunteer B11-0001 --date 2026-05-04 --title 优秀志愿者 --level city']);

  examples(base(log.command('complaint').description('log a complaint (投诉)'))
    .option('--description <text>', 'what the complaint says')
    .option('--upheld [yes|no]', 'the complaint was found true (属实); --upheld alone means yes', enumArg('yes_no'))
    .action(act('logComplaint')), ['vledger log complaint --volunteer B11-0001 --date 2026-06-01 --description 服务态度差 --upheld']);

  examples(base(log.command('no-show').description('log a no-show (无故缺席)'))
    .option('--activity <code>', 'activity code')
    .action(act('logNoShow')), ['vledger log no-show --volunteer B11-0001 --date 2026-06-01 --activity A0003']);

  examples(base(log.command('adjust').description('log a manual points adjustment'))
    .requiredOption('--points <points>', 'points, ± with at most 2 decimals', numberArg)
    .requiredOption('--reason <text>', 'reason')
    .action(act('logAdjustment')), ['vledger log adjust --volunteer B11-0001 --date 2026-06-01 --points -2 --reason 迟到']);

  examples(log.command('void').description('void a record with a reason (nothing is ever deleted)')
    .argument('<ids...>', 'record ids (a unique prefix of 8+ characters is enough)')
    .requiredOption('--reason <text>', 'why it is voided')
    .action(act('voidRecords')), ['vledger log void 0190a1b2 --reason "wrong date; logged again"']);

  examples(log.command('approve').description('approve pending service records')
    .argument('<ids...>', 'record ids (unique prefixes of 8+ characters)')
    .action(act('approveRecords')), ['vledger log approve 0190a1b2 0190a1c4']);

  examples(log.command('reject').description('reject pending service records')
    .argument('<ids...>', 'record ids (unique prefixes of 8+ characters)')
    .requiredOption('--reason <text>', 'why they are rejected')
    .action(act('rejectRecords')), ['vledger log reject 0190a1b2 --reason "no sign-in sheet"']);
}
