import { useState } from 'react';
import { api } from '../api';
import { Problem } from '../components/problem';
import { useI18n } from '../i18n';
import type { Bank } from '../types';
import { useLoad } from '../use-load';

interface HmaBank {
  name: string;
  enabled: boolean;
  description?: string;
  version: number;
  entries: number;
}

/**
 * Hash banks, through the HMA-compatible curator API (admins): turning a bank off stops its
 * matches within seconds, and each change lands in the audit log. Entries are added from a
 * case (dual control) or with `rasd bank`, not typed in here.
 */
export function BanksPage() {
  const { t } = useI18n();
  const { data, error, reload } = useLoad(() => api.get<HmaBank[]>('/c/banks'), []);
  const [failure, setFailure] = useState<Error | undefined>(undefined);
  if (error !== undefined) return <Problem error={error} />;
  const banks: Bank[] = data ?? [];

  async function toggle(bank: Bank) {
    setFailure(undefined);
    try {
      await api.put(`/c/bank/${encodeURIComponent(bank.name)}`, { enabled: !bank.enabled });
      reload();
    } catch (e) {
      setFailure(e as Error);
    }
  }

  return (
    <section aria-labelledby="banks-title">
      <header className="page-head">
        <h2 id="banks-title">{t('banks')}</h2>
      </header>
      {failure !== undefined && <Problem error={failure} />}
      {data !== undefined && banks.length === 0 && <p className="empty">{t('noData')}</p>}
      {banks.length > 0 && (
        <table className="grid">
          <thead>
            <tr>
              <th>{t('bankName')}</th>
              <th>{t('entries')}</th>
              <th>{t('version')}</th>
              <th>{t('status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {banks.map((b) => (
              <tr key={b.name}>
                <td>
                  <code>{b.name}</code>
                  {b.description !== undefined && <span className="muted"> {b.description}</span>}
                </td>
                <td>{b.entries}</td>
                <td>{b.version}</td>
                <td>{b.enabled ? t('enabled') : t('disabled')}</td>
                <td>
                  <button type="button" onClick={() => toggle(b)}>
                    {b.enabled ? t('disable') : t('enable')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
