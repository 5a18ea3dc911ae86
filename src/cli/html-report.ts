// The printable HTML reports: one self-contained file (inline CSS, inline SVG charts, no script,
// nothing fetched) that a clerk opens in a browser and prints or saves as PDF.
import type { Lang } from './context.js';
import { escapeHtml } from './html.js';
import { renderHtmlTable, type Column } from './render.js';

export { escapeHtml, htmlPage } from './html.js';

export const heading = (level: 2 | 3, text: string) => `<h${level}>${escapeHtml(text)}</h${level}>`;
export const paragraph = (text: string, cls?: string) => `<p${cls ? ` class="${cls}"` : ''}>${escapeHtml(text)}</p>`;

export function table(columns: Column[], rows: Record<string, unknown>[], lang: Lang, unmasked = false, cls?: string): string {
  const html = renderHtmlTable(columns, rows, { format: 'html', lang, unmasked });
  return cls ? html.replace('<table>', `<table class="${cls}">`) : html;
}

/** A round axis maximum (1, 2 or 5 × 10^k) at or above the largest value. */
export function niceMax(max: number): number {
  if (max <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 5, 10]) if (m * p >= max) return m * p;
  return 10 * p;
}

const fmt = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2).replace(/0$/, ''));

export interface Series { label: string; value: number }

/** Vertical columns, one per label (months): values on top, gridlines at quarters of the axis. */
export function columnChart(caption: string, series: Series[], cls: string): string {
  const w = 720, h = 260, left = 48, right = 12, top = 20, bottom = 30;
  const plotW = w - left - right, plotH = h - top - bottom;
  const max = niceMax(Math.max(0, ...series.map((s) => s.value)));
  const slot = plotW / Math.max(1, series.length);
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const parts: string[] = [];
  for (let i = 0; i <= 4; i++) {
    const v = (max * i) / 4;
    parts.push(`<line class="grid" x1="${left}" x2="${w - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}"/>`,
      `<text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end">${fmt(v)}</text>`);
  }
  series.forEach((s, i) => {
    const x = left + i * slot + slot * 0.15, bw = slot * 0.7, top_ = y(s.value);
    parts.push(`<rect class="bar" x="${x.toFixed(1)}" y="${top_.toFixed(1)}" width="${bw.toFixed(1)}" height="${(top + plotH - top_).toFixed(1)}" data-label="${escapeHtml(s.label)}" data-value="${s.value}"><title>${escapeHtml(`${s.label}: ${fmt(s.value)}`)}</title></rect>`,
      `<text x="${(x + bw / 2).toFixed(1)}" y="${(top_ - 4).toFixed(1)}" text-anchor="middle">${fmt(s.value)}</text>`,
      `<text x="${(x + bw / 2).toFixed(1)}" y="${h - bottom + 16}" text-anchor="middle">${escapeHtml(s.label)}</text>`);
  });
  parts.push(`<line class="axis" x1="${left}" x2="${w - right}" y1="${top + plotH}" y2="${top + plotH}"/>`);
  return figure(caption, cls, w, h, parts);
}

/** Horizontal bars, one per label (organisations, whose names are long). */
export function barChart(caption: string, series: Series[], cls: string): string {
  const w = 720, labelW = 250, right = 70, rowH = 26, top = 8;
  const h = top * 2 + rowH * Math.max(1, series.length);
  const plotW = w - labelW - right;
  const max = niceMax(Math.max(0, ...series.map((s) => s.value)));
  const parts: string[] = [];
  series.forEach((s, i) => {
    const yy = top + i * rowH, bw = (s.value / max) * plotW;
    parts.push(`<text x="${labelW - 8}" y="${yy + rowH / 2 + 4}" text-anchor="end">${escapeHtml(s.label)}</text>`,
      `<rect class="bar" x="${labelW}" y="${yy + 4}" width="${bw.toFixed(1)}" height="${rowH - 8}" data-label="${escapeHtml(s.label)}" data-value="${s.value}"><title>${escapeHtml(`${s.label}: ${fmt(s.value)}`)}</title></rect>`,
      `<text x="${(labelW + bw + 6).toFixed(1)}" y="${yy + rowH / 2 + 4}">${fmt(s.value)}</text>`);
  });
  parts.push(`<line class="axis" x1="${labelW}" x2="${labelW}" y1="${top}" y2="${h - top}"/>`);
  return figure(caption, cls, w, h, parts);
}

function figure(caption: string, cls: string, w: number, h: number, parts: string[]): string {
  return `<figure><figcaption>${escapeHtml(caption)}</figcaption>
<svg class="chart ${cls}" xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeHtml(caption)}">
${parts.join('\n')}
</svg></figure>`;
}
