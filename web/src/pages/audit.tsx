import { useState } from 'react';
import { api, query } from '../api';
import { Problem } from '../components/problem';
import { formatTime, useI18n } from '../i18n';
import type { AuditEntry, Page } from '../types';

import { useLoad } from '../use-load';

/** The hash-chained audit log, oldest first, a page at a time (`rasd audit verify` checks the chain). */
export function AuditPage() {
  const { t, lang } = useI18n();
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const [rows, setRows] = useState<AuditEntry[]>([]);
  const { data, error } = useLoad(async () => {
    const page = await api.get<Page<AuditEntry>>(`/api/audit${query({ limit: 200, cursor })}`);
    setRows((before) => (cursor === undefined ? page.rows : [...before, ...page.rows]));
    return page;
  }, [cursor]);
  if (error !== undefined) return <Problem error={error} />;
  return (
    <section aria-labelledby="audit-title">
      <header className="page-head">
        <h2 id="audit-title">{t('audit')}</h2>
      </header>
      <table className="grid">
        <thead>
          <tr>
            <th>#</th>
            <th>{t('when')}</th>
            <th>{t('who')}</th>
            <th>{t('what')}</th>
            <th>{t('target')}</th>
            <th>{t('why')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((e) => (
            <tr key={e.seq}>
              <td>{e.seq}</td>
              <td>{formatTime(e.at, lang)}</td>
              <td>{e.actor}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>{e.target}</td>
              <td dir="auto">{e.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {data?.next !== undefined && (
        <button type="button" onClick={() => setCursor(data.next)}>
          {t('more')}
        </button>
      )}
    </section>
  );
}
