import { categoryChart, dailyChart, orgChart } from './charts.js';
import type { Report, ReportChannel } from './report.js';

/**
 * One self-contained HTML page to read, print or attach: summary cards, server-drawn SVG charts
 * and the top channels. It loads nothing (no script, font, image or stylesheet URL) and a
 * Content-Security-Policy forbids scripts outright, so a title that slips past escaping still
 * cannot run. Every user-controlled string (channel titles, org names, chat ids) is escaped and
 * carries `dir="auto"`, so an Arabic title reads right-to-left inside an English page and a
 * bidi-control trick cannot reorder the text around it.
 */

const TOP_CHANNELS = 20;

/** Arabic-capable faces that ship with common systems; no web font is fetched. */
const FONT_STACK =
  "system-ui, -apple-system, 'Segoe UI', 'Noto Sans', 'Noto Sans Arabic', 'Noto Naskh Arabic', Tahoma, 'Geeza Pro', 'Arabic Typesetting', Arial, sans-serif";

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes for both text and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => HTML_ESCAPES[ch] ?? ch);
}

const integer = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const percent = new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 2 });

function formatUtc(iso: string): string {
  // `2025-01-01T00:00:00.000Z` reads as `2025-01-01 00:00 UTC`.
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

const STYLE = `
:root { color-scheme: light; --ink: #1c1b1f; --muted: #5f6368; --line: #dadce0; --card: #f6f8fb;
  --violating: #b3261e; --review: #9a5b00; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 880px; padding: 32px 24px 48px; color: var(--ink); background: #fff;
  font: 15px/1.5 ${FONT_STACK}; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 8px; }
.meta { color: var(--muted); margin: 0; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: 12px; margin: 24px 0 0; padding: 0; list-style: none; }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; }
.card .label { color: var(--muted); font-size: 13px; display: block; }
.card .value { font-size: 24px; font-weight: 600; font-variant-numeric: tabular-nums; display: block; }
.card .note { color: var(--muted); font-size: 13px; display: block; }
.card.flagged .value { color: var(--violating); }
figure { margin: 0; }
figure svg { display: block; max-width: 100%; height: auto; }
figcaption, .empty { color: var(--muted); font-size: 13px; }
table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 8px; text-align: start; vertical-align: top; }
th.num, td.num { text-align: end; white-space: nowrap; }
td.title { overflow-wrap: anywhere; }
td.id { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; overflow-wrap: anywhere; }
footer { margin-top: 40px; color: var(--muted); font-size: 13px; }
@media print { body { padding: 0; } h2 { break-after: avoid; } figure, tr { break-inside: avoid; } }
`;

function card(label: string, value: number, note?: string, extraClass = ''): string {
  const noteHtml = note === undefined ? '' : `<span class="note">${escapeHtml(note)}</span>`;
  return `<li class="card ${extraClass}"><span class="label">${escapeHtml(label)}</span><span class="value">${integer.format(value)}</span>${noteHtml}</li>`;
}

function cards(report: Report): string {
  const t = report.totals;
  return [
    '<ul class="cards">',
    card('Items scanned', t.scanned),
    card('Flagged', t.flagged, `${percent.format(t.flaggedRate)} of scanned`, 'flagged'),
    card('Violating', t.violating),
    card('Needs review', t.review),
    card('Clear', t.clear),
    '</ul>',
  ].join('\n');
}

function figure(title: string, caption: string, svg: string | undefined, empty: string): string {
  const body = svg ?? `<p class="empty">${escapeHtml(empty)}</p>`;
  return [
    `<section><h2>${escapeHtml(title)}</h2>`,
    `<figure>${body}<figcaption>${escapeHtml(caption)}</figcaption></figure></section>`,
  ].join('\n');
}

function channelRow(c: ReportChannel): string {
  const title =
    c.title === undefined || c.title === ''
      ? '<td class="title empty">(no title)</td>'
      : `<td class="title" dir="auto">${escapeHtml(c.title)}</td>`;
  return [
    '<tr>',
    title,
    `<td class="id" dir="auto">${escapeHtml(c.chatId)}</td>`,
    `<td class="num">${integer.format(c.scanned)}</td>`,
    `<td class="num">${integer.format(c.violating)}</td>`,
    `<td class="num">${integer.format(c.review)}</td>`,
    `<td class="num">${percent.format(c.flaggedRate)}</td>`,
    '</tr>',
  ].join('');
}

function channelTable(report: Report): string {
  const top = report.byChannel.filter((c) => c.flagged > 0).slice(0, TOP_CHANNELS);
  const heading = '<section><h2>Top channels</h2>';
  if (top.length === 0) return `${heading}<p class="empty">No channel had flagged items in this period.</p></section>`;
  const more =
    report.byChannel.length > top.length ? ` (${integer.format(report.byChannel.length)} channels in all)` : '';
  return [
    heading,
    '<table>',
    `<caption class="meta">The ${top.length} channels with the most flagged items${escapeHtml(more)}.</caption>`,
    '<thead><tr><th scope="col">Channel</th><th scope="col">Chat id</th><th scope="col" class="num">Scanned</th>',
    '<th scope="col" class="num">Violating</th><th scope="col" class="num">Review</th><th scope="col" class="num">Flagged rate</th></tr></thead>',
    `<tbody>${top.map(channelRow).join('\n')}</tbody>`,
    '</table></section>',
  ].join('\n');
}

function head(report: Report): string {
  return [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    // Defence in depth: even if some text were not escaped, the page may not run or fetch anything.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>Rasd report: ${escapeHtml(report.period.label)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
  ].join('\n');
}

/** A complete HTML document for one report. */
export function renderHtml(report: Report): string {
  const { period } = report;
  const daily = dailyChart(report);
  return [
    head(report),
    '<body>',
    '<header>',
    `<h1>Rasd report: ${escapeHtml(period.label)}</h1>`,
    `<p class="meta">Items posted from ${escapeHtml(formatUtc(period.from))} up to ${escapeHtml(formatUtc(period.to))} (end excluded). Generated ${escapeHtml(formatUtc(report.generatedAt))}.</p>`,
    '</header>',
    '<main>',
    cards(report),
    figure(
      'Items scanned and flagged by day',
      'Daily counts in UTC; flagged = violating + needs review.',
      daily,
      'No items were posted in this period.',
    ),
    figure(
      'Flagged items by category',
      'An item can fall in more than one category.',
      categoryChart(report),
      'No categories to show.',
    ),
    figure(
      'Top organisations',
      'Organisations named in flagged items, most flagged first.',
      orgChart(report),
      'No organisation was named in flagged items.',
    ),
    channelTable(report),
    '</main>',
    '<footer>Produced by Rasd.</footer>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
