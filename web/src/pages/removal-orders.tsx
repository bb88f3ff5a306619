import { type FormEvent, useEffect, useState } from 'react';
import { api } from '../api';
import { Problem } from '../components/problem';
import { formatTime, useI18n } from '../i18n';
import type { Me, RemovalOrder } from '../types';
import { useLoad } from '../use-load';

/**
 * EU TCO removal orders: content named in one must be gone within an hour of receipt. Each open
 * order's clock ticks every second from its deadline, corrected by the server's clock (the hour
 * is the server's, not this laptop's), and turns red once overdue. Analysts and admins record
 * orders; anyone on shift may mark one done.
 */

type Listing = { now: string; rows: RemovalOrder[] };

/** `0:42:07`: the countdown a person on shift reads at a glance. */
function hms(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

function useSecondTick(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, []);
  return now;
}

function Clock({ order, now }: { order: RemovalOrder; now: number }) {
  const { t } = useI18n();
  if (order.status === 'completed') {
    const met = order.clock.metDeadline === true;
    return (
      <span className={met ? 'badge' : 'badge overdue'} data-testid="order-clock">
        {met ? t('met') : t('missed')}
      </span>
    );
  }
  const remaining = Date.parse(order.clock.deadline) - now;
  return remaining >= 0 ? (
    <span className="clock" data-testid="order-clock">
      {hms(remaining)} {t('clockLeft')}
    </span>
  ) : (
    <span className="clock overdue" data-testid="order-clock">
      {t('clockOverdue')} {hms(remaining)}
    </span>
  );
}

function RecordForm({ onRecorded }: { onRecorded: () => void }) {
  const { t } = useI18n();
  const [authority, setAuthority] = useState('');
  const [reference, setReference] = useState('');
  const [receivedAt, setReceivedAt] = useState('');
  const [links, setLinks] = useState('');
  const [failure, setFailure] = useState<Error | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setFailure(undefined);
    try {
      await api.post('/api/removal-orders', {
        authority,
        reference,
        itemLinks: links
          .split(/\s+/)
          .map((l) => l.trim())
          .filter((l) => l !== ''),
        // datetime-local is the reader's local time; the API takes an ISO instant.
        ...(receivedAt !== '' && { receivedAt: new Date(receivedAt).toISOString() }),
      });
      setAuthority('');
      setReference('');
      setReceivedAt('');
      setLinks('');
      onRecorded();
    } catch (error) {
      setFailure(error as Error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="stack order-form" onSubmit={submit} aria-label={t('recordOrder')}>
      {failure !== undefined && <Problem error={failure} />}
      <label>
        {t('authority')}
        <input value={authority} onChange={(e) => setAuthority(e.target.value)} required maxLength={300} />
      </label>
      <label>
        {t('reference')}
        <input value={reference} onChange={(e) => setReference(e.target.value)} required maxLength={200} />
      </label>
      <label>
        {t('receivedAt')}
        <input type="datetime-local" value={receivedAt} onChange={(e) => setReceivedAt(e.target.value)} />
        <span className="hint">{t('receivedAtHint')}</span>
      </label>
      <label>
        {t('itemLinks')}
        <textarea value={links} onChange={(e) => setLinks(e.target.value)} required rows={3} dir="ltr" />
        <span className="hint">{t('itemLinksHint')}</span>
      </label>
      <button type="submit" disabled={busy}>
        {t('recordOrder')}
      </button>
    </form>
  );
}

export function RemovalOrdersPage({ me }: { me: Me }) {
  const { t, lang } = useI18n();
  const { data, error, reload } = useLoad(async () => {
    const listing = await api.get<Listing>('/api/removal-orders');
    return { ...listing, skew: Date.parse(listing.now) - Date.now() };
  }, []);
  const tick = useSecondTick();
  const [failure, setFailure] = useState<Error | undefined>(undefined);
  if (error !== undefined) return <Problem error={error} />;
  const now = tick + (data?.skew ?? 0);

  async function complete(order: RemovalOrder) {
    setFailure(undefined);
    try {
      await api.post(`/api/removal-orders/${encodeURIComponent(order.orderId)}/complete`);
      reload();
    } catch (e) {
      setFailure(e as Error);
    }
  }

  return (
    <section aria-labelledby="orders-title">
      <header className="page-head">
        <h2 id="orders-title">{t('removalOrders')}</h2>
      </header>
      {failure !== undefined && <Problem error={failure} />}
      {(me.role === 'admin' || me.role === 'analyst') && <RecordForm onRecorded={reload} />}
      {data !== undefined && data.rows.length === 0 && <p className="empty">{t('noData')}</p>}
      {data !== undefined && data.rows.length > 0 && (
        <table className="grid" data-testid="removal-orders">
          <thead>
            <tr>
              <th>{t('authority')}</th>
              <th>{t('reference')}</th>
              <th>{t('receivedAt')}</th>
              <th>{t('deadline')}</th>
              <th>{t('itemLinks')}</th>
              <th>{t('status')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {data.rows.map((o) => (
              <tr key={o.orderId}>
                <td>{o.authority}</td>
                <td>
                  <code>{o.reference}</code>
                </td>
                <td>{formatTime(o.receivedAt, lang)}</td>
                <td>
                  {formatTime(o.clock.deadline, lang)}
                  <br />
                  <Clock order={o} now={now} />
                </td>
                <td dir="ltr">
                  {o.itemLinks.map((link) => (
                    <code key={link} className="order-link">
                      {link}
                    </code>
                  ))}
                  {o.itemKey !== undefined && <code className="order-link">{o.itemKey}</code>}
                </td>
                <td>
                  {t(o.status)}
                  {o.completedAt !== undefined && <span className="muted"> {formatTime(o.completedAt, lang)}</span>}
                </td>
                <td>
                  {o.status !== 'completed' && (
                    <button type="button" onClick={() => complete(o)}>
                      {t('markDone')}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
