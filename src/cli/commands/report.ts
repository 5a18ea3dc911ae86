// `vledger report awards|assessment|volunteer|certificate` (SPEC 5, 6, 11.15): the annual award
// lists, the organisations' assessment, a member's annual summary and numbered certificates.
import { Command } from 'commander';
import { dateArg, examples, lazy, withOutput, yearArg } from '../options.js';

const LOADERS = {
  awards: () => import('../actions/report-awards.js'),
  assessment: () => import('../actions/report-assessment.js'),
  volunteer: () => import('../actions/report-volunteer.js'),
  certificate: () => import('../actions/report-certificate.js'),
};
const act = (file: keyof typeof LOADERS, name: string) => lazy(LOADERS[file], name);

export function defineReport(program: Command): void {
  const report = program.command('report').description('annual award lists, assessment, member summaries and certificates');

  examples(withOutput(report.command('awards').description('the year\'s 优秀共产党员志愿者 and 优秀共产党员志愿服务队 lists (html: the printable annual report)'))
    .requiredOption('--year <year>', 'the year', yearArg)
    .option('--org <code>', 'only this organisation and its subtree')
    .option('--explain', 'also list the eligible-but-cut and the ineligible with the reason (stderr for csv/json)')
    .action(act('awards', 'reportAwards')), [
    'vledger report awards --year 2026',
    'vledger report awards --year 2026 --org B11 --explain',
    'vledger report awards --year 2026 --format html > 2026年度报告.html',
  ]);

  examples(withOutput(report.command('assessment').description('each organisation\'s assessment (党建目标考核) with its subtree totals and grade'))
    .requiredOption('--year <year>', 'the year', yearArg)
    .option('--org <code>', 'this organisation and every descendant')
    .action(act('assessment', 'reportAssessment')), [
    'vledger report assessment --year 2026',
    'vledger report assessment --year 2026 --org Z1 --format csv > 考核.csv',
  ]);

  examples(withOutput(report.command('volunteer').description('a member\'s annual summary for the democratic appraisal (民主评议党员)'))
    .argument('<volunteer>', 'volunteer_no, id number or unique name')
    .requiredOption('--year <year>', 'the year', yearArg)
    .action(act('volunteer', 'reportVolunteer')), [
    'vledger report volunteer B11-0001 --year 2026',
    'vledger report volunteer 张三 --year 2026 --format md > 张三.md',
  ]);

  examples(withOutput(report.command('certificate').description('a numbered service-record certificate (志愿服务记录证明); asking again for the same period reprints it'))
    .argument('<volunteer>', 'volunteer_no, id number or unique name')
    .option('--from <date>', 'first day of the period (default: all time)', dateArg)
    .option('--to <date>', 'last day of the period (default: today)', dateArg)
    .option('--issuer <code>', 'issuing organisation (default: the volunteer\'s own)')
    .action(act('certificate', 'reportCertificate')), [
    'vledger report certificate B11-0001 --format html > 证明.html',
    'vledger report certificate B11-0001 --from 2026-01-01 --to 2026-06-30 --issuer G01 --format md',
  ]);
}
