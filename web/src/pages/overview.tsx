import { useMemo, useState } from 'react';
import { api } from '../api';
import { Chart } from '../components/chart';
import { Problem } from '../components/problem';
import { type MessageKey, useI18n } from '../i18n';
import type { Overview } from '../types';
import { useLoad } from '../use-load';

const PERIODS = [7, 30, 90, 365];

function minutes(ms: number): string {
  const m = ms / 60_000;
  return m < 120 ? `${Math.round(m)} min` : `${(m / 60).toFixed(1)} h`;
}

function Stat({ label, value, testId }: { label: string; value: number | string; testId: string }) {
  return (
    <div className="stat" data-testid={testId}>
      <span className="stat-value">{typeof value === 'number' ? value.toLocaleString('en') : value}</span>
      <span className="stat-label">{label}</span>
    </div>
  );
}

/** What a monitoring centre reports: scanned, flagged, removed, and how fast platforms act. */
export function OverviewPage() {
  const { t } = useI18n();
  const [days, setDays] = useState(30);
  const { data, error } = useLoad(() => api.get<Overview>(`/api/overview?days=${days}`), [days]);

  const charts = useMemo(() => {
    if (data === undefined) return undefined;
    // The report lists every taxonomy category; a chart of mostly zero bars hides the ones that matter.
    const flaggedCategories = data.byCategory.filter((c) => c.flagged > 0);
    const bar = (names: string[], values: number[]) => ({
      tooltip: {},
      grid: { left: 8, right: 8, top: 16, bottom: 8, containLabel: true },
      xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', data: values, itemStyle: { color: '#7a3b2e' } }],
    });
    return {
      byDay: {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 8, right: 8, top: 32, bottom: 8, containLabel: true },
        xAxis: { type: 'category', data: data.byDay.map((d) => d.day) },
        yAxis: { type: 'value', minInterval: 1 },
        series: [
          { name: t('scanned'), type: 'line', data: data.byDay.map((d) => d.scanned), color: '#5b7083' },
          { name: t('flagged'), type: 'line', data: data.byDay.map((d) => d.flagged), color: '#c0622f' },
          { name: t('removed'), type: 'bar', data: data.byDay.map((d) => d.removed), color: '#7a3b2e' },
        ],
      },
      byCategory: bar(
        flaggedCategories.map((c) => c.category),
        flaggedCategories.map((c) => c.flagged),
      ),
      byOrg: bar(
        data.byOrg.slice(0, 12).map((o) => o.org),
        data.byOrg.slice(0, 12).map((o) => o.flagged),
      ),
      byLang: {
        tooltip: {},
        series: [
          {
            type: 'pie',
            radius: ['35%', '70%'],
            data: data.byLang.map((l) => ({ name: l.lang, value: l.cases })),
            label: { formatter: '{b}: {c}' },
          },
        ],
      },
    };
  }, [data, t]);

  if (error !== undefined) return <Problem error={error} />;
  const ttr = data?.referrals.timeToRemoval;
  const card = (key: MessageKey, chart: Record<string, unknown> | undefined, empty: boolean, wide = false) => (
    <section className={wide ? 'card wide' : 'card'} data-testid={`chart-${key}`}>
      <h3>{t(key)}</h3>
      {empty || chart === undefined ? <p className="empty">{t('noData')}</p> : <Chart option={chart} label={t(key)} />}
    </section>
  );

  return (
    <section aria-labelledby="overview-title">
      <header className="page-head">
        <h2 id="overview-title">{t('overview')}</h2>
        <fieldset className="segmented">
          {PERIODS.map((n) => (
            <button key={n} type="button" aria-pressed={days === n} onClick={() => setDays(n)}>
              {n} {t('days')}
            </button>
          ))}
        </fieldset>
      </header>
      {data !== undefined && (
        <>
          <div className="stats">
            <Stat label={t('scanned')} value={data.totals.scanned} testId="stat-scanned" />
            <Stat label={t('flagged')} value={data.totals.flagged} testId="stat-flagged" />
            <Stat label={t('removed')} value={data.totals.removed} testId="stat-removed" />
            <Stat label={t('openCases')} value={data.queue.open + data.queue.claimed} testId="stat-open" />
            <Stat
              label={`${t('timeToRemoval')} (${t('median')})`}
              value={ttr ? minutes(ttr.medianMs) : '—'}
              testId="stat-ttr"
            />
            <Stat
              label={`${t('timeToRemoval')} (${t('p90')})`}
              value={ttr ? minutes(ttr.p90Ms) : '—'}
              testId="stat-ttr90"
            />
          </div>
          <div className="cards">
            {card('byDay', charts?.byDay, data.byDay.length === 0, true)}
            {card('byCategory', charts?.byCategory, !data.byCategory.some((c) => c.flagged > 0))}
            {card('byOrg', charts?.byOrg, data.byOrg.length === 0)}
            {card('byLang', charts?.byLang, data.byLang.length === 0)}
          </div>
        </>
      )}
    </section>
  );
}
