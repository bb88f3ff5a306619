import { useI18n } from '../i18n';
import type { NetworkTrends } from '../types';

/**
 * Tactic counts over time, then creation bursts and surges with each day in both calendars:
 * monitoring centres read activity against the Hijri calendar (Ramadan, Eid), reports use the
 * Gregorian one.
 */
export function TrendsTables({ trends }: { trends: NetworkTrends }) {
  const { t, lang } = useI18n();
  const columns = Object.keys(trends.rows[0] ?? {});
  const heading: Record<string, string> = {
    day: t('gregorian'),
    hijri: t('hijri'),
    tactic: t('tactic'),
    org: t('organisation'),
    language: t('lang'),
    count: t('count'),
  };
  // The server names Hijri days in English; the Arabic page reads them in Arabic (same calendar).
  const hijri = (day: string, given: string) => (lang === 'ar' ? hijriArabic(day) : given);
  const events = [
    ...trends.bursts.map((b) => ({
      kind: 'burst',
      day: b.day,
      hijri: b.hijri,
      count: b.newChats,
      baseline: b.baseline,
      near: '',
    })),
    ...trends.surges.map((s) => ({
      kind: 'surge',
      day: s.day,
      hijri: s.hijri,
      count: s.count,
      baseline: s.baseline,
      near: s.near ?? '',
    })),
  ].sort((a, b) => a.day.localeCompare(b.day));
  return (
    <div data-testid="network-trends">
      {columns.length === 0 ? (
        <p className="empty">{t('noneFound')}</p>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c}>{heading[c] ?? c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {trends.rows.map((row, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows have no id of their own and are not reordered.
              <tr key={i}>
                {columns.map((c) => (
                  <td key={c} dir="auto">
                    {c === 'hijri' ? hijri(String(row.day ?? ''), String(row[c] ?? '')) : String(row[c] ?? '')}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>{t('bursts')}</h4>
      {events.length === 0 ? (
        <p className="empty">{t('noneFound')}</p>
      ) : (
        <table className="grid">
          <thead>
            <tr>
              <th>{t('category')}</th>
              <th>{t('gregorian')}</th>
              <th>{t('hijri')}</th>
              <th>{t('count')}</th>
              <th>{t('baseline')}</th>
              <th>{t('nearDate')}</th>
            </tr>
          </thead>
          <tbody>
            {events.map((e) => (
              <tr key={`${e.kind}:${e.day}`}>
                <td>{e.kind}</td>
                <td>{e.day}</td>
                <td dir="auto">{hijri(e.day, e.hijri)}</td>
                <td>{e.count}</td>
                <td>{e.baseline.toFixed(1)}</td>
                <td dir="auto">{e.near}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

const HIJRI_AR = new Intl.DateTimeFormat('ar-SA-u-ca-islamic-umalqura', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

function hijriArabic(day: string): string {
  const at = Date.parse(`${day.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(at) ? '' : HIJRI_AR.format(at);
}
