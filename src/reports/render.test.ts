import { describe, expect, it } from 'vitest';
import { AppError, csvCell } from '../core/index.js';
import { REPORT_FORMATS, REPORT_RENDERERS, type ReportFormat, renderReport } from './index.js';
import { CSV_COLUMNS, renderCsv } from './render-csv.js';
import { escapeHtml, renderHtml } from './render-html.js';
import { renderJson } from './render-json.js';
import type { Report } from './report.js';

const HOSTILE = '<script>alert(1)</script>';

function sampleReport(): Report {
  return {
    period: { from: '2024-10-01T00:00:00.000Z', to: '2025-01-01T00:00:00.000Z', label: 'Q4 2024' },
    generatedAt: '2025-01-05T08:00:00.000Z',
    totals: { scanned: 1200, violating: 250, review: 50, clear: 900, flagged: 300, flaggedRate: 0.25 },
    byDay: [
      { day: '2024-10-01', scanned: 700, violating: 200, review: 20, flagged: 220 },
      { day: '2024-10-02', scanned: 500, violating: 50, review: 30, flagged: 80 },
    ],
    byCategory: [
      { category: 'branded', title: 'Branded propaganda', kind: 'violating', violating: 200, review: 10, flagged: 210 },
      { category: 'recruitment', title: 'Recruitment', kind: 'violating', violating: 50, review: 40, flagged: 90 },
    ],
    byOrg: [
      { org: HOSTILE, violating: 100, review: 0, flagged: 100, mentions: 120 },
      { org: 'داعش', violating: 90, review: 5, flagged: 95, mentions: 100 },
    ],
    byChannel: [
      { chatId: '-1001', title: HOSTILE, scanned: 400, violating: 150, review: 10, flagged: 160, flaggedRate: 0.4 },
      {
        chatId: '-1002',
        title: 'قناة "الأخبار", عاجل\nالجزء 2',
        scanned: 300,
        violating: 60,
        review: 20,
        flagged: 80,
        flaggedRate: 0.266667,
      },
      {
        chatId: '-1003',
        title: '=HYPERLINK("http://evil.example/x","click")',
        scanned: 200,
        violating: 30,
        review: 10,
        flagged: 40,
        flaggedRate: 0.2,
      },
      { chatId: '-1004', scanned: 300, violating: 10, review: 10, flagged: 20, flaggedRate: 0.066667 },
    ],
  };
}

/** A small RFC 4180 reader, so the tests check what a spreadsheet would actually see. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    const next = text[i + 1];
    i += 1;
    if (quoted && ch === '"' && next === '"') {
      cell += '"';
      i += 1;
    } else if (ch === '"') {
      quoted = !quoted;
    } else if (!quoted && ch === ',') {
      row.push(cell);
      cell = '';
    } else if (!quoted && ch === '\r' && next === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else {
      cell += ch;
    }
  }
  expect(cell).toBe('');
  return rows;
}

describe('renderCsv', () => {
  const csv = renderCsv(sampleReport());
  const rows = parseCsv(csv);

  it('writes one table with a section column and the same columns on every row', () => {
    expect(rows[0]).toEqual([...CSV_COLUMNS]);
    for (const row of rows) expect(row).toHaveLength(CSV_COLUMNS.length);
    expect(rows.slice(1).map((r) => r[0])).toEqual([
      'total',
      'day',
      'day',
      'category',
      'category',
      'org',
      'org',
      'channel',
      'channel',
      'channel',
      'channel',
    ]);
    expect(rows[1]).toEqual([
      'total',
      '2024-10-01T00:00:00.000Z/2025-01-01T00:00:00.000Z',
      'Q4 2024',
      '1200',
      '250',
      '50',
      '900',
      '300',
      '0.25',
      '',
    ]);
  });

  it('ends every record with CRLF and starts with a BOM only when asked', () => {
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replaceAll('\r\n', '').includes('\r')).toBe(false);
    expect(csv.startsWith('section,')).toBe(true);
    expect(renderCsv(sampleReport(), { bom: true }).startsWith('\uFEFFsection,')).toBe(true);
  });

  it('quotes commas, quotes and newlines per RFC 4180 and reads back unchanged', () => {
    expect(csv).toContain('"قناة ""الأخبار"", عاجل\nالجزء 2"');
    const channel = rows.find((r) => r[1] === '-1002');
    expect(channel?.[2]).toBe('قناة "الأخبار", عاجل\nالجزء 2');
    expect(rows.find((r) => r[1] === '-1001')?.[2]).toBe(HOSTILE);
    expect(rows.find((r) => r[1] === '-1004')?.[2]).toBe('');
  });

  it('defuses a title that a spreadsheet would run as a formula', () => {
    expect(rows.find((r) => r[1] === '-1003')?.[2]).toBe(`'=HYPERLINK("http://evil.example/x","click")`);
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const cell = csvCell(`${start}1+1`);
      expect(cell.replace(/^"/, '').startsWith(`'${start}`)).toBe(true);
    }
    expect(csvCell('a=1')).toBe('a=1');
    expect(csvCell('\r=1')).toBe(`"'\r=1"`);
  });

  it('leaves numbers and signed plain-number ids (Telegram chat ids) as they are', () => {
    expect(csvCell(-5)).toBe('-5');
    expect(csvCell(0.266667)).toBe('0.266667');
    expect(csvCell(Number.NaN)).toBe('');
    expect(csvCell('-1001234567890')).toBe('-1001234567890');
    expect(rows.find((r) => r[0] === 'channel')?.[1]).toBe('-1001');
    // Anything more than a number after the sign is defused.
    expect(csvCell('-1+2')).toBe("'-1+2");
    expect(csvCell('-1e3')).toBe("'-1e3");
    expect(csvCell('+cmd|')).toBe("'+cmd|");
  });
});

describe('renderHtml', () => {
  const html = renderHtml(sampleReport());

  it('is one English page with Arabic-capable fonts and summary cards', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toMatch(/font:[^;]*'Noto Sans Arabic'/);
    expect(html).toContain('Items scanned');
    expect(html).toContain('1,200');
    expect(html).toContain('25%');
  });

  it('draws the day, category and organisation charts as inline SVG', () => {
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).toContain('Branded propaganda');
    expect(html).toContain('2024-10-02');
  });

  it('escapes hostile titles and org names everywhere, charts included', () => {
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain(`<td class="title" dir="auto">${escapeHtml(HOSTILE)}</td>`);
    expect(html).toContain('&lt;script&gt;'); // the org axis label inside the SVG
    expect(html).toContain('<td class="title" dir="auto">قناة &quot;الأخبار&quot;, عاجل');
    expect(escapeHtml(`"'&<>`)).toBe('&quot;&#39;&amp;&lt;&gt;');
  });

  it('loads nothing: no URL but the SVG namespace, and scripts forbidden', () => {
    // Without the channel whose title is a URL, the only URL left is SVG's namespace.
    const report = sampleReport();
    const page = renderHtml({ ...report, byChannel: report.byChannel.filter((c) => c.chatId !== '-1003') });
    expect(new Set(page.match(/https?:\/\/[^\s"'<>)]+/g))).toEqual(new Set(['http://www.w3.org/2000/svg']));
    // With it, the URL is inert escaped text: nothing anywhere can fetch.
    expect(html).not.toMatch(/\b(src|href|srcset|action)\s*=/i);
    expect(html).not.toMatch(/url\((?!#)|@import/i);
    expect(html).not.toMatch(/<(script|link|img|iframe|object|embed)\b/i);
    expect(html).toContain("default-src 'none'");
  });

  it('gives the same bytes for the same report', () => {
    expect(renderHtml(sampleReport())).toBe(html);
  });

  it('says so instead of drawing empty charts, and draws long periods as lines', () => {
    const empty: Report = { ...sampleReport(), byDay: [], byCategory: [], byOrg: [], byChannel: [] };
    const page = renderHtml(empty);
    expect(page).not.toContain('<svg');
    expect(page).toContain('No items were posted in this period.');
    expect(page).toContain('No channel had flagged items');
    const long: Report = {
      ...sampleReport(),
      byDay: Array.from({ length: 400 }, (_, i) => ({
        day: new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10),
        scanned: i,
        violating: i % 7,
        review: 0,
        flagged: i % 7,
      })),
    };
    expect(renderHtml(long).match(/<svg /g)).toHaveLength(3);
  });
});

describe('renderJson', () => {
  it('round-trips to an equal report, ending with a newline', () => {
    const report = sampleReport();
    const json = renderJson(report);
    expect(JSON.parse(json)).toEqual(report);
    expect(json.endsWith('}\n')).toBe(true);
    expect(json).toContain('\n  "period": {');
  });

  it('writes keys in one order whatever order the object was built in', () => {
    const report = sampleReport();
    const reordered: Report = {
      byChannel: report.byChannel.map(({ flaggedRate, title, ...rest }) => ({
        flaggedRate,
        ...rest,
        ...(title !== undefined && { title }),
      })),
      byOrg: report.byOrg,
      byCategory: report.byCategory,
      byDay: report.byDay,
      totals: { ...report.totals },
      generatedAt: report.generatedAt,
      period: { label: report.period.label, to: report.period.to, from: report.period.from },
    };
    expect(renderJson(reordered)).toBe(renderJson(report));
  });
});

describe('renderReport', () => {
  it('lists its formats and renders each one', () => {
    expect(REPORT_FORMATS).toEqual(['json', 'csv', 'html']);
    const report = sampleReport();
    expect(renderReport(report, 'json')).toBe(renderJson(report));
    expect(renderReport(report, 'csv')).toBe(renderCsv(report));
    expect(renderReport(report, 'html')).toContain('<svg');
    for (const format of REPORT_FORMATS) expect(REPORT_RENDERERS[format].extension).toBe(format);
  });

  it('rejects an unknown format with an AppError', () => {
    expect(() => renderReport(sampleReport(), 'pdf' as ReportFormat)).toThrow(AppError);
  });
});
