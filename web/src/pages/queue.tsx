import { useState } from 'react';
import { ApiError, api, query } from '../api';
import { Problem } from '../components/problem';
import { formatTime, useI18n } from '../i18n';
import { href, navigate } from '../router';
import type { Me, Page, ReviewCase } from '../types';
import { useLoad } from '../use-load';

const STATUSES = ['open', 'assigned', 'decided', 'closed'];

/** The review queues: filters by queue, category, language and organisation; highest priority first. */
export function QueuePage({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const [filters, setFilters] = useState({ status: 'open', category: '', lang: '', org: '' });
  const [notice, setNotice] = useState<string | undefined>(undefined);
  const { data, error } = useLoad(
    () => api.get<Page<ReviewCase>>(`/api/cases${query({ ...filters, limit: 100 })}`),
    [filters.status, filters.category, filters.lang, filters.org],
  );
  const reviews = me.role === 'admin' || me.role === 'reviewer';

  async function takeNext() {
    setNotice(undefined);
    try {
      const taken = await api.post<{ caseId: string } | undefined>('/api/cases/next', {});
      if (taken === undefined) setNotice(t('nothingToReview'));
      else navigate('case', taken.caseId);
    } catch (e) {
      setNotice(e instanceof ApiError ? e.message : String(e));
    }
  }

  const rows = data?.rows ?? [];
  const options = (key: 'category' | 'lang' | 'org') => [...new Set(rows.map((r) => r[key]))].sort();
  const select = (key: keyof typeof filters, values: string[], label: string) => (
    <label>
      {label}
      <select value={filters[key]} onChange={(e) => setFilters({ ...filters, [key]: e.target.value })} name={key}>
        <option value="">{t('all')}</option>
        {values.map((v) => (
          <option key={v} value={v}>
            {v}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <section aria-labelledby="queue-title">
      <header className="page-head">
        <h2 id="queue-title">{t('queue')}</h2>
        {reviews && (
          <button type="button" className="primary" onClick={takeNext}>
            {t('takeNext')}
          </button>
        )}
      </header>
      {notice !== undefined && <p className="notice">{notice}</p>}
      <div className="filters">
        {select('status', STATUSES, t('status'))}
        {select('category', options('category'), t('category'))}
        {select('lang', options('lang'), t('lang'))}
        {select('org', options('org'), t('organisation'))}
      </div>
      {error !== undefined && <Problem error={error} />}
      {data !== undefined && rows.length === 0 && <p className="empty">{t('nothingToReview')}</p>}
      {rows.length > 0 && (
        <table className="grid" data-testid="queue-table">
          <thead>
            <tr>
              <th>{t('case')}</th>
              <th>{t('category')}</th>
              <th>{t('organisation')}</th>
              <th>{t('lang')}</th>
              <th>{t('status')}</th>
              <th>{t('claimedBy')}</th>
              <th>{t('lastSeen')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.caseId} className={c.graphic ? 'graphic' : undefined}>
                <td>
                  <a href={href('case', c.caseId)}>{c.caseId}</a>
                  {c.graphic && <span className="badge warn">!</span>}
                  {c.appealed && <span className="badge">{t('appeal')}</span>}
                </td>
                <td>{c.category}</td>
                <td>{c.org}</td>
                <td>{c.lang}</td>
                <td>{c.decision?.outcome ?? c.status}</td>
                <td>{c.claimedBy ?? '—'}</td>
                <td>{formatTime(c.updatedAt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
