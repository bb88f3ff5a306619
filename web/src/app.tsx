import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { ApiError, api, onUnauthorized } from './api';
import { type MessageKey, useI18n } from './i18n';
import { AuditPage } from './pages/audit';
import { BanksPage } from './pages/banks';
import { CasePage } from './pages/case';
import { ChannelPage, ChannelsPage } from './pages/channels';
import { LoginPage } from './pages/login';
import { OverviewPage } from './pages/overview';
import { QueuePage } from './pages/queue';
import { ReferralPage, ReferralsPage } from './pages/referrals';
import { RemovalOrdersPage } from './pages/removal-orders';
import { href, useRoute } from './router';
import type { Me, Role } from './types';

/** The network page brings cytoscape, the largest library here: loaded only when it is opened. */
const NetworkPage = lazy(() => import('./pages/network').then((m) => ({ default: m.NetworkPage })));

/**
 * The pages each role is offered. This only shapes the menu: the server's role table decides
 * what data anyone gets, so a page opened by URL without the right role shows a 403.
 */
const NAV: { page: string; label: MessageKey; roles: readonly Role[] }[] = [
  { page: 'overview', label: 'overview', roles: ['admin', 'analyst', 'reviewer'] },
  { page: 'queue', label: 'queue', roles: ['admin', 'analyst', 'reviewer'] },
  { page: 'channels', label: 'channels', roles: ['admin', 'analyst', 'reviewer'] },
  { page: 'network', label: 'network', roles: ['admin', 'analyst', 'reviewer'] },
  { page: 'referrals', label: 'referrals', roles: ['admin', 'analyst', 'partner'] },
  { page: 'removal-orders', label: 'removalOrders', roles: ['admin', 'analyst', 'reviewer'] },
  { page: 'banks', label: 'banks', roles: ['admin'] },
  { page: 'audit', label: 'audit', roles: ['admin'] },
];

function homeOf(role: Role): string {
  return role === 'partner' ? 'referrals' : role === 'reviewer' ? 'queue' : 'overview';
}

function Page({ parts, me }: { parts: string[]; me: Me }) {
  const [page = homeOf(me.role), a, b] = parts;
  switch (page) {
    case 'queue':
      return <QueuePage me={me} />;
    case 'case':
      return <CasePage id={a ?? ''} me={me} />;
    case 'channels':
      return <ChannelsPage />;
    case 'channel':
      return <ChannelPage platform={a ?? ''} id={b ?? ''} />;
    case 'network':
      return (
        <Suspense fallback={<p className="loading">…</p>}>
          {a === undefined ? <NetworkPage /> : <NetworkPage focus={a} />}
        </Suspense>
      );
    case 'referrals':
      return a === undefined ? <ReferralsPage /> : <ReferralPage id={a} />;
    case 'removal-orders':
      return <RemovalOrdersPage me={me} />;
    case 'banks':
      return <BanksPage />;
    case 'audit':
      return <AuditPage />;
    default:
      return <OverviewPage />;
  }
}

export function App() {
  const { t, lang, setLang } = useI18n();
  const parts = useRoute();
  const [me, setMe] = useState<Me | null | undefined>(undefined);

  const loadMe = useCallback(() => {
    api.get<Me>('/api/me').then(setMe, (e: unknown) => {
      if (e instanceof ApiError && e.status === 401) setMe(null);
      else setMe(null);
    });
  }, []);
  useEffect(() => {
    onUnauthorized(() => setMe(null));
    loadMe();
  }, [loadMe]);

  if (me === undefined) return <p className="loading">…</p>;
  if (me === null) return <LoginPage onSignedIn={loadMe} />;

  const current = parts[0] ?? homeOf(me.role);
  async function signOut() {
    await api.post('/api/logout').catch(() => undefined);
    setMe(null);
  }

  return (
    <div className="shell">
      <header className="topbar">
        <a className="brand" href={href(homeOf(me.role))}>
          {t('appName')}
        </a>
        <nav aria-label="main">
          {NAV.filter((n) => n.roles.includes(me.role)).map((n) => (
            <a
              key={n.page}
              href={href(n.page)}
              aria-current={current === n.page || (n.page === 'queue' && current === 'case') ? 'page' : undefined}
            >
              {t(n.label)}
            </a>
          ))}
        </nav>
        <div className="who">
          <button
            type="button"
            className="link"
            data-testid="language-switch"
            onClick={() => setLang(lang === 'ar' ? 'en' : 'ar')}
          >
            {t('language')}
          </button>
          <span className="muted" data-testid="signed-in-as">
            {me.name} · {me.role}
          </span>
          <button type="button" className="link" onClick={signOut}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <main className="content">
        <Page parts={parts} me={me} />
      </main>
    </div>
  );
}
