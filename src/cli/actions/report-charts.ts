// The annual report's two charts: approved service hours per month and per organisation.
import { hoursValue } from '../../core/round.js';
import type { Lang } from '../context.js';
import { barChart, columnChart } from '../html-report.js';
import { minutesPerMonth, minutesPerOrg, type YearFigures } from './year-figures.js';
import { annualWords } from './report-text.js';

export function chartsHtml(f: YearFigures, lang: Lang): string {
  const w = annualWords(lang);
  const months = minutesPerMonth(f).map((m, i) => ({ label: w.month(i + 1), value: hoursValue(m) }));
  const orgs = minutesPerOrg(f).map(({ org, minutes }) => ({ label: lang === 'zh' ? `${org.name}（${org.code}）` : `${org.name} (${org.code})`, value: hoursValue(minutes) }));
  return columnChart(w.perMonth, months, 'chart-month') + '\n' + barChart(w.perOrg, orgs, 'chart-org');
}
