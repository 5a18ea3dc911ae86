// `vledger report awards`: the annual lists of SPEC 5 as csv/json (the exact SPEC 7 columns),
// tables and markdown (titles, quota, tie note, --explain), and html (the printable annual
// report: awards, assessment and charts in one file).
import chalk from 'chalk';
import {
  PARTY_STATUSES, awardExcellentTeams, awardExcellentVolunteers, type AwardList, type TeamIneligibility, type VolunteerIneligibility,
} from '../../core/awards.js';
import { hoursValue, roundRatio, type Ratio } from '../../core/round.js';
import type { Ctx, Lang } from '../context.js';
import type { Opts } from '../options.js';
import { renderOptions } from '../output.js';
import { render, renderMarkdown, writeOut, type Column, type RenderOptions } from '../render.js';
import { escapeHtml, heading, htmlPage, paragraph, table } from '../html-report.js';
import type { DB } from '../../db/open.js';
import { loadYearFigures, teamCandidates, volunteerCandidates, type TeamAwardCandidate, type VolunteerAwardCandidate, type YearFigures } from './year-figures.js';
import {
  AWARD_COLUMNS, ASSESSMENT_COLUMNS, annualWords, awardTableColumns, assessmentWords, awardWords,
  scopeLabel, teamReasonText, volunteerReasonText,
} from './report-text.js';
import { assessmentRows } from './report-assessment.js';
import { chartsHtml } from './report-charts.js';

type AnyList = AwardList<VolunteerAwardCandidate, VolunteerIneligibility> | AwardList<TeamAwardCandidate, TeamIneligibility>;

/** One award as printed: the core's list plus the words around it, localised. */
interface AwardSection {
  list: AnyList;
  heading: string;
  notes: { text: string; cls: 'quota' | 'note' }[];
  listed: Record<string, unknown>[];
  cut: Record<string, unknown>[];
  ineligible: Record<string, unknown>[];
}

const codeOf = (c: VolunteerAwardCandidate | TeamAwardCandidate) => ('volunteer_no' in c ? c.volunteer_no : c.code);

function entryRow(award: string, e: (VolunteerAwardCandidate | TeamAwardCandidate) & { rank?: number; tie_extended?: boolean }) {
  return {
    award, rank: e.rank, code: codeOf(e), name: e.name, org: e.org, points: e.points, hours: e.minutes,
    satisfaction: e.satisfaction, tie_extended: e.tie_extended ?? false,
  };
}

export function awardSections(db: DB, f: YearFigures, lang: Lang): AwardSection[] {
  const words = awardWords(lang);
  const volunteers = volunteerCandidates(f);
  const rule = f.rules.awards.excellent_volunteer;
  const vList = awardExcellentVolunteers(volunteers, f.rules, f.year);
  const tList = awardExcellentTeams(teamCandidates(db, f), f.rules, f.year);
  const base = volunteers.filter((c) => PARTY_STATUSES.includes(c.political_status) && c.records > 0).length;
  const sections: AwardSection[] = [];
  for (const list of [vList, tList] as AnyList[]) {
    const notes: AwardSection['notes'] = [{
      cls: 'quota',
      text: list.award === 'excellent_volunteer' ? words.volunteerQuota(list.quota, base, rule.quota_percent, rule.quota_min) : words.teamQuota(list.quota),
    }];
    if (list.exceededByTie) {
      const tied = list.listed.find((e) => e.tie_extended)!;
      notes.push({ cls: 'note', text: words.tieNote(list.quota, list.listed.length, tied.rank) });
    } else if (list.listed.length < list.quota) {
      notes.push({ cls: 'note', text: words.fewerNote(list.listed.length, list.quota) });
    }
    const sep = lang === 'zh' ? '；' : '; ';
    const ineligible = list.ineligible.map(({ candidate, reasons }) => ({
      ...entryRow(list.award, candidate),
      reason: reasons.map((r) => list.award === 'excellent_volunteer'
        ? volunteerReasonText(r as never, candidate as VolunteerAwardCandidate, f.rules, f.year, lang)
        : teamReasonText(r as never, candidate as TeamAwardCandidate, f.rules, f.year, lang)).join(sep),
    }));
    sections.push({
      list, heading: words.section(list.title, f.year), notes,
      listed: list.listed.map((e) => entryRow(list.award, e)),
      cut: list.cut.map((e) => entryRow(list.award, e)),
      ineligible,
    });
  }
  return sections;
}

/** The explanation as plain lines, for stderr beside csv/json (whose columns are fixed). */
function explanationLines(sections: AwardSection[], lang: Lang): string[] {
  const words = awardWords(lang);
  const lines: string[] = [];
  const figures = (r: Record<string, unknown>) => {
    const sat = r.satisfaction as Ratio | null;
    return words.figures(((r.points as number) / 100).toFixed(2), hoursValue(r.hours as number), sat ? String(roundRatio(sat, 4)) : '—');
  };
  for (const s of sections) {
    lines.push(`${s.heading} (${s.list.award})`, ...s.notes.map((n) => `  ${n.text}`));
    lines.push(`  ${words.cutTitle}${words.colon}`);
    if (!s.cut.length) lines.push(`    ${words.noneCut}`);
    for (const r of s.cut) lines.push(`    ${r.rank}. ${r.code} ${r.name} (${r.org})${words.colon}${figures(r)}`);
    lines.push(`  ${words.ineligibleTitle}${words.colon}`);
    if (!s.ineligible.length) lines.push(`    ${words.noneCut}`);
    for (const r of s.ineligible) lines.push(`    ${r.code} ${r.name} (${r.org})${words.colon}${r.reason}`);
  }
  return lines;
}

function tableText(columns: Column[], rows: Record<string, unknown>[], ro: RenderOptions): string {
  return render(columns, rows, { ...ro, format: 'table', title: undefined }) as string;
}

function asTable(title: string, sections: AwardSection[], explain: boolean, ro: RenderOptions): string {
  const words = awardWords(ro.lang);
  const out = [chalk.bold(title), ''];
  for (const s of sections) {
    const cols = awardTableColumns(s.list.award);
    out.push(chalk.bold(s.heading), ...s.notes.map((n) => n.text));
    out.push(s.listed.length ? tableText(cols.listed, s.listed, ro) : `${words.noneListed}\n`);
    if (explain) {
      out.push(`${words.cutTitle}${words.colon}`, s.cut.length ? tableText(cols.cut, s.cut, ro) : `${words.noneCut}\n`);
      out.push(`${words.ineligibleTitle}${words.colon}`, s.ineligible.length ? tableText(cols.ineligible, s.ineligible, ro) : `${words.noneCut}\n`);
    }
  }
  return out.join('\n');
}

function asMarkdown(title: string, sections: AwardSection[], explain: boolean, ro: RenderOptions): string {
  const words = awardWords(ro.lang);
  const out = [`# ${title}`, ''];
  for (const s of sections) {
    const cols = awardTableColumns(s.list.award);
    out.push(`## ${s.heading}`, '', ...s.notes.map((n) => `${n.text}  `), '');
    out.push(s.listed.length ? renderMarkdown(cols.listed, s.listed, ro) : `${words.noneListed}\n`);
    if (explain) {
      out.push(`### ${words.cutTitle}`, '', s.cut.length ? renderMarkdown(cols.cut, s.cut, ro) : `${words.noneCut}\n`);
      out.push(`### ${words.ineligibleTitle}`, '', s.ineligible.length ? renderMarkdown(cols.ineligible, s.ineligible, ro) : `${words.noneCut}\n`);
    }
  }
  return out.join('\n');
}

function awardsHtml(sections: AwardSection[], explain: boolean, lang: Lang): string {
  const words = awardWords(lang);
  return sections.map((s) => {
    const cols = awardTableColumns(s.list.award);
    const parts = [heading(3, s.heading), ...s.notes.map((n) => paragraph(n.text, n.cls))];
    parts.push(s.listed.length ? table(cols.listed, s.listed, lang, false, `awards ${s.list.award}`) : paragraph(words.noneListed));
    if (explain) {
      parts.push(`<h4>${escapeHtml(words.cutTitle)}</h4>`, s.cut.length ? table(cols.cut, s.cut, lang, false, 'cut') : paragraph(words.noneCut));
      parts.push(`<h4>${escapeHtml(words.ineligibleTitle)}</h4>`, s.ineligible.length ? table(cols.ineligible, s.ineligible, lang, false, 'ineligible') : paragraph(words.noneCut));
    }
    return `<div class="award" id="${s.list.award}">\n${parts.join('\n')}\n</div>`;
  }).join('\n');
}

/** The printable annual report: award lists, the assessment and the charts. */
function annualReportHtml(db: DB, f: YearFigures, sections: AwardSection[], explain: boolean, lang: Lang, today: string): string {
  const aw = annualWords(lang);
  const scope = scopeLabel(f.scope.root, lang);
  return htmlPage(aw.title(f.year, scope), [
    `<section class="awards">${heading(2, aw.numbered(1, aw.awards))}\n${awardsHtml(sections, explain, lang)}</section>`,
    `<section class="assessment">${heading(2, aw.numbered(2, aw.assessment))}\n${table(ASSESSMENT_COLUMNS, assessmentRows(db, f), lang, false, 'assessment')}${paragraph(assessmentWords(lang).legend, 'legend')}</section>`,
    `<section class="charts">${heading(2, aw.numbered(3, aw.charts))}\n${chartsHtml(f, lang)}</section>`,
    paragraph(aw.generated(today), 'footer'),
  ], lang);
}

export function reportAwards(ctx: Ctx, opts: Opts): void {
  const year = opts.year as number;
  const explain = Boolean(opts.explain);
  const f = loadYearFigures(ctx.db, year, opts.org);
  const sections = awardSections(ctx.db, f, ctx.lang);
  const ro = renderOptions(ctx, opts);
  const title = awardWords(ctx.lang).documentTitle(year, scopeLabel(f.scope.root, ctx.lang));
  switch (ro.format) {
    case 'csv': case 'json':
      writeOut(render(AWARD_COLUMNS, sections.flatMap((s) => s.listed), ro));
      if (explain) process.stderr.write(explanationLines(sections, ctx.lang).join('\n') + '\n');
      // the report still says when a tie pushed a list over its quota, beside the fixed columns
      else for (const s of sections) if (s.list.exceededByTie) for (const n of s.notes.filter((x) => x.cls === 'note')) process.stderr.write(`${s.heading}: ${n.text}\n`);
      return;
    case 'md':
      writeOut(asMarkdown(title, sections, explain, ro));
      return;
    case 'html':
      writeOut(annualReportHtml(ctx.db, f, sections, explain, ctx.lang, ctx.today()));
      return;
    case 'table':
      writeOut(asTable(title, sections, explain, ro));
  }
}
