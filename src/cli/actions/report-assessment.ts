// `vledger report assessment`: one row per organisation with its subtree totals and grade
// (SPEC 6, 11.4), in every format; html adds the hours charts.
import { assessOrg } from '../../core/assessment.js';
import type { Ctx } from '../context.js';
import { type Opts } from '../options.js';
import { renderOptions } from '../output.js';
import { render, renderMarkdown, writeOut } from '../render.js';
import { htmlPage, heading, paragraph, table } from '../html-report.js';
import { loadYearFigures, orgAssessmentFacts, orgsInOrder, type YearFigures } from './year-figures.js';
import { ASSESSMENT_COLUMNS, annualWords, assessmentWords, scopeLabel } from './report-text.js';
import { chartsHtml } from './report-charts.js';
import type { DB } from '../../db/open.js';

/** The assessment rows in report order: parents before children, siblings by code. */
export function assessmentRows(db: DB, f: YearFigures): Record<string, unknown>[] {
  const orgs = orgsInOrder(f, f.scope.root);
  const facts = orgAssessmentFacts(db, f, orgs);
  return orgs.map((o) => {
    const a = assessOrg(facts.get(o.code)!, f.rules);
    return {
      org: o.code, name: o.name, party_members: a.partyMembers, participants: a.participants,
      participation_rate: a.participation, hours: a.minutes, hours_per_member: a.hoursPerMember,
      activities: a.activities, activities_per_month: a.activitiesPerMonth, satisfaction: a.satisfaction, grade: a.grade,
    };
  });
}

export function reportAssessment(ctx: Ctx, opts: Opts): void {
  const year = opts.year as number;
  const f = loadYearFigures(ctx.db, year, opts.org);
  const rows = assessmentRows(ctx.db, f);
  const ro = renderOptions(ctx, opts);
  const words = assessmentWords(ctx.lang);
  const title = words.title(year, scopeLabel(f.scope.root, ctx.lang));
  switch (ro.format) {
    case 'csv': case 'json':
      writeOut(render(ASSESSMENT_COLUMNS, rows, ro));
      return;
    case 'md':
      writeOut(`# ${title}\n\n${renderMarkdown(ASSESSMENT_COLUMNS, rows, ro)}\n${words.legend}\n`);
      return;
    case 'html': {
      const aw = annualWords(ctx.lang);
      writeOut(htmlPage(title, [
        `<section class="assessment">${table(ASSESSMENT_COLUMNS, rows, ctx.lang, false, 'assessment')}${paragraph(words.legend, 'legend')}</section>`,
        `<section class="charts">${heading(2, aw.charts)}${chartsHtml(f, ctx.lang)}</section>`,
        paragraph(aw.generated(ctx.today()), 'footer'),
      ], ctx.lang));
      return;
    }
    case 'table':
      writeOut(render(ASSESSMENT_COLUMNS, rows, { ...ro, title }));
  }
}
