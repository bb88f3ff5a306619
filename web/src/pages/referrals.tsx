import { api } from '../api';
import { Problem } from '../components/problem';
import { formatTime, useI18n } from '../i18n';
import { href } from '../router';
import type { ReferralBatch } from '../types';
import { useLoad } from '../use-load';

interface Summary {
  total: number;
  byStatus: Record<string, number>;
  timeToRemoval: { count: number; medianMs: number; p90Ms: number } | null;
}

interface Outcome {
  decisionId: string;
  itemLink: string;
  status: string;
  observedAt?: string;
  timeToRemovalMs?: number;
}

function StatusCounts({ summary }: { summary: Summary }) {
  const { t } = useI18n();
  return (
    <div className="stats">
      {(['pending', 'removed', 'refused', 'unknown'] as const).map((s) => (
        <div key={s} className="stat" data-testid={`referral-${s}`}>
          <span className="stat-value">{summary.byStatus[s] ?? 0}</span>
          <span className="stat-label">{t(s)}</span>
        </div>
      ))}
    </div>
  );
}

function summarise(outcomes: Outcome[]): Summary {
  const byStatus: Record<string, number> = {};
  for (const o of outcomes) byStatus[o.status] = (byStatus[o.status] ?? 0) + 1;
  return { total: outcomes.length, byStatus, timeToRemoval: null };
}

/** Referral batches addressed to platforms; a partner sees only its own (the server scopes it). */
export function ReferralsPage() {
  const { t, lang } = useI18n();
  const { data, error } = useLoad(() => api.get<{ rows: ReferralBatch[]; summary: Summary }>('/api/referrals'), []);
  if (error !== undefined) return <Problem error={error} />;
  return (
    <section aria-labelledby="referrals-title">
      <header className="page-head">
        <h2 id="referrals-title">{t('referrals')}</h2>
      </header>
      {data !== undefined && <StatusCounts summary={data.summary} />}
      {data !== undefined && data.rows.length === 0 && <p className="empty">{t('noData')}</p>}
      {data !== undefined && data.rows.length > 0 && (
        <table className="grid">
          <thead>
            <tr>
              <th>{t('batch')}</th>
              <th>{t('platform')}</th>
              <th>{t('window')}</th>
              <th>{t('items')}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((b) => (
              <tr key={b.batchId}>
                <td>
                  <a href={href('referrals', b.batchId)}>{b.batchId}</a>
                </td>
                <td>{b.platform}</td>
                <td>
                  {formatTime(b.windowStart, lang)} – {formatTime(b.windowEnd, lang)}
                </td>
                <td>{b.itemCount ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function ReferralPage({ id }: { id: string }) {
  const { t, lang } = useI18n();
  const { data, error } = useLoad(
    () => api.get<ReferralBatch & { outcomes: Outcome[] }>(`/api/referrals/${encodeURIComponent(id)}`),
    [id],
  );
  if (error !== undefined) return <Problem error={error} />;
  if (data === undefined) return <p className="loading">…</p>;
  return (
    <section aria-labelledby="referral-title">
      <header className="page-head">
        <h2 id="referral-title">
          {t('batch')} <code>{id}</code>
        </h2>
      </header>
      <StatusCounts summary={summarise(data.outcomes)} />
      <table className="grid">
        <thead>
          <tr>
            <th>{t('message')}</th>
            <th>{t('status')}</th>
            <th>{t('when')}</th>
            <th>{t('timeToRemoval')}</th>
          </tr>
        </thead>
        <tbody>
          {data.outcomes.map((o) => (
            <tr key={o.decisionId}>
              <td>
                <code>{o.itemLink}</code>
              </td>
              <td>{o.status}</td>
              <td>{formatTime(o.observedAt, lang)}</td>
              <td>{o.timeToRemovalMs !== undefined ? `${Math.round(o.timeToRemovalMs / 60_000)} min` : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
