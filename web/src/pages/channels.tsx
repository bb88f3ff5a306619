import { api, query } from '../api';
import { Problem } from '../components/problem';
import { formatTime, useI18n } from '../i18n';
import { href } from '../router';
import type { ChannelSummary, ItemSummary, Page } from '../types';
import { useLoad } from '../use-load';

export function ChannelsPage() {
  const { t, lang } = useI18n();
  const { data, error } = useLoad(() => api.get<Page<ChannelSummary>>('/v1/channels?limit=200'), []);
  if (error !== undefined) return <Problem error={error} />;
  return (
    <section aria-labelledby="channels-title">
      <header className="page-head">
        <h2 id="channels-title">{t('channels')}</h2>
      </header>
      {data !== undefined && data.rows.length === 0 && <p className="empty">{t('noData')}</p>}
      {data !== undefined && data.rows.length > 0 && (
        <table className="grid">
          <thead>
            <tr>
              <th>{t('title')}</th>
              <th>{t('items')}</th>
              <th>{t('violating')}</th>
              <th>{t('review')}</th>
              <th>{t('lastSeen')}</th>
            </tr>
          </thead>
          <tbody>
            {data.rows.map((c) => (
              <tr key={`${c.platform}/${c.id}`}>
                <td>
                  <a href={href('channel', c.platform, c.id)} dir="auto">
                    {c.title ?? c.username ?? c.id}
                  </a>
                  {c.username !== undefined && <span className="muted"> @{c.username}</span>}
                </td>
                <td>{c.items}</td>
                <td>{c.violating}</td>
                <td>{c.review}</td>
                <td>{formatTime(c.lastSeenAt, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

interface ChannelEventRow {
  messageId: string;
  action: string;
  at: string;
  actor?: string;
}

/** One channel: its figures, its service events (renames, migrations: how mirrors show) and its flagged items. */
export function ChannelPage({ platform, id }: { platform: string; id: string }) {
  const { t, lang } = useI18n();
  const path = `/v1/channels/${encodeURIComponent(platform)}/${encodeURIComponent(id)}`;
  const channel = useLoad(() => api.get<ChannelSummary>(path), [path]);
  const events = useLoad(() => api.get<{ rows: ChannelEventRow[] }>(`${path}/events`), [path]);
  const items = useLoad(() => api.get<Page<ItemSummary>>(`/v1/items${query({ chatId: id, limit: 100 })}`), [id]);
  if (channel.error !== undefined) return <Problem error={channel.error} />;
  const c = channel.data;
  return (
    <section aria-labelledby="channel-title">
      <header className="page-head">
        <h2 id="channel-title" dir="auto">
          {c?.title ?? c?.username ?? id}
        </h2>
        {c !== undefined && (
          <dl className="facts">
            <dt>{t('platform')}</dt>
            <dd>{c.platform}</dd>
            <dt>{t('items')}</dt>
            <dd>{c.items}</dd>
            <dt>{t('violating')}</dt>
            <dd>{c.violating}</dd>
            <dt>{t('review')}</dt>
            <dd>{c.review}</dd>
            <dt>{t('firstSeen')}</dt>
            <dd>{formatTime(c.firstSeenAt, lang)}</dd>
          </dl>
        )}
      </header>
      <div className="cards">
        <section className="card wide">
          <h3>{t('items')}</h3>
          <table className="grid">
            <thead>
              <tr>
                <th>{t('posted')}</th>
                <th>{t('verdict')}</th>
                <th>{t('category')}</th>
                <th>{t('organisation')}</th>
              </tr>
            </thead>
            <tbody>
              {(items.data?.rows ?? [])
                .filter((i) => i.verdict !== undefined && i.verdict !== 'clear')
                .map((i) => (
                  <tr key={i.key}>
                    <td>{formatTime(i.postedAt, lang)}</td>
                    <td>{i.verdict}</td>
                    <td>{i.categories.join(', ')}</td>
                    <td>{i.orgs.join(', ')}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </section>
        <section className="card">
          <h3>{t('events')}</h3>
          <ul className="plain">
            {(events.data?.rows ?? []).map((e) => (
              <li key={`${e.messageId}-${e.action}`}>
                {formatTime(e.at, lang)} · {e.action}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </section>
  );
}
