import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.js';
import { createLoggers } from '../logger.js';
import { reportSchema } from './schemas/index.js';
import { readProblem, startTestServer, type TestServer } from './testing.js';

const HTML_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

const setup = { loadConfig, createLoggers };

let t: TestServer;

beforeAll(async () => {
  t = await startTestServer({ setup });
});

afterAll(async () => {
  await t.close();
});

describe('GET /v1/reports', () => {
  it('returns the JSON report of a quarter by default', async () => {
    const response = await t.get('/v1/reports?quarter=2024Q4');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const report = reportSchema.parse(await response.json());
    expect(report.period).toMatchObject({
      from: '2024-10-01T00:00:00.000Z',
      to: '2025-01-01T00:00:00.000Z',
      label: 'Q4 2024',
    });
    expect(report.totals).toMatchObject({ scanned: 6, violating: 2, review: 1, clear: 3, flagged: 3 });
  });

  it('takes a date range, end date inclusive', async () => {
    const response = await t.get('/v1/reports?from=2024-10-01&to=2024-10-31&format=json');
    const report = reportSchema.parse(await response.json());
    expect(report.totals).toMatchObject({ scanned: 2, violating: 1 });
  });

  it('renders CSV with its content type', async () => {
    const response = await t.get('/v1/reports?quarter=2024Q4&format=csv');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="rasd-report-2024-10-01\.csv"$/);
    const text = await response.text();
    expect(text.split('\r\n')[0]).toMatch(/^section,key,name,scanned/);
    expect(text).toMatch(/\r\ntotal,/);
  });

  it('renders HTML with its content type and a strict CSP', async () => {
    const response = await t.get('/v1/reports?quarter=2024-Q4&format=html');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(HTML_CSP);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toMatch(/<html/i);
  });

  it('points period errors at the parameter', async () => {
    const cases: [string, string, string][] = [
      ['?quarter=2024Q5', 'REPORT_RANGE_INVALID', '/query/quarter'],
      ['?quarter=soon', 'REPORT_RANGE_INVALID', '/query/quarter'],
      ['?quarter=2024Q4&from=2024-10-01', 'REPORT_RANGE_INVALID', '/query/quarter'],
      ['?from=2024-10-01', 'REPORT_RANGE_INVALID', '/query/to'],
      ['?to=2024-10-01', 'REPORT_RANGE_INVALID', '/query/from'],
      ['?from=2024-10-01&to=2024-02-30', 'REPORT_RANGE_INVALID', '/query/to'],
      ['?from=2024-13-01&to=2024-12-01', 'REPORT_RANGE_INVALID', '/query/from'],
      ['', 'REPORT_RANGE_INVALID', '/query'],
      ['?quarter=2024Q4&format=pdf', 'INPUT_INVALID', '/query/format'],
    ];
    for (const [query, code, pointer] of cases) {
      const response = await t.get(`/v1/reports${query}`);
      expect(response.status, query).toBe(400);
      expect(await readProblem(response), query).toMatchObject({ code, pointer });
    }
  });
});
