// The one HTML page every html output is printed on: inline CSS for screen and A4 print, no
// script, nothing fetched.
import type { Lang } from './context.js';

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
@page{size:A4;margin:15mm}
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC","WenQuanYi Zen Hei",sans-serif;margin:2em auto;padding:0 1.5em;max-width:60em;color:#222;line-height:1.5}
h1{color:#b00;font-size:1.6em;text-align:center;border-bottom:3px solid #b00;padding-bottom:.3em}
h2{color:#b00;font-size:1.25em;margin-top:1.6em}h3{font-size:1.05em;margin-bottom:.3em}
table{border-collapse:collapse;margin:.6em 0 1em;font-size:.9em}th,td{border:1px solid #999;padding:3px 7px}
th{background:#f3e3e3;font-weight:600}th,td{white-space:nowrap}table.ineligible td:last-child{white-space:normal}
h4{font-size:.95em;margin:.8em 0 .2em}td.num{text-align:right;font-variant-numeric:tabular-nums}
p.quota{margin:.2em 0}p.note{margin:.2em 0;color:#8a4b00}p.legend,p.footer{color:#666;font-size:.85em}
figure{margin:1em 0;break-inside:avoid}figcaption{font-weight:600;margin-bottom:.3em}
svg.chart text{font-family:inherit;font-size:11px;fill:#333}svg.chart .bar{fill:#c8372d}svg.chart .grid{stroke:#ddd}
svg.chart .axis{stroke:#888}
.certificate{border:6px double #b00;padding:2em 2.5em;margin:1em 0}.certificate h1{border:none}
.certificate p.body{text-indent:2em}.certificate .closing{text-align:right;margin-top:2em}
section{break-inside:auto}table,figure{break-inside:avoid}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}}
`;

/** A whole HTML document around already-escaped body parts; `titled: false` leaves the <h1> to the parts. */
export function htmlPage(title: string, parts: string[], lang: Lang, titled = true): string {
  return `<!DOCTYPE html>
<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style></head><body>
${titled ? `<h1>${escapeHtml(title)}</h1>\n` : ''}${parts.join('\n')}
</body></html>
`;
}

