import { useCallback, useEffect, useState } from 'react';
import { api } from '../api';
import { BlurredMedia } from '../components/blurred-media';
import { EvidenceText } from '../components/evidence-text';
import { Problem } from '../components/problem';
import { SignalList } from '../components/signal-list';
import { formatTime, useI18n } from '../i18n';
import { href, navigate } from '../router';
import type { CaseDetail, Me, Outcome } from '../types';
import { useLoad } from '../use-load';

const CATEGORIES = [
  'branded',
  'threat',
  'attack-details',
  'financing',
  'instructional',
  'recruitment',
  'praise',
  'incitement',
  'news',
  'education',
  'counter-speech',
  'religious',
];

/** Keys that decide are ignored while the reviewer types in a field, so a note cannot decide a case. */
function typing(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * One case: the message with its evidence highlighted, pictures blurred until revealed, the
 * signals in plain words, and the decision — by button or one key (R, K, E). The reviewer must
 * hold the claim to decide; the server enforces it, the screen only offers what will work.
 */
export function CasePage({ id, me }: { id: string; me: Me }) {
  const { t, lang } = useI18n();
  const { data, error, reload } = useLoad(() => api.get<CaseDetail>(`/api/cases/${encodeURIComponent(id)}`), [id]);
  const [category, setCategory] = useState('');
  const [policyRef, setPolicyRef] = useState('');
  const [note, setNote] = useState('');
  const [appealReason, setAppealReason] = useState('');
  const [bank, setBank] = useState('');
  const [revealAll, setRevealAll] = useState(false);
  const [failure, setFailure] = useState<Error | undefined>(undefined);
  const [busy, setBusy] = useState(false);

  const view = data?.case;
  const reviews = me.role === 'admin' || me.role === 'reviewer';
  const mine = view?.claimedBy === me.actor;
  const canDecide = reviews && mine && view?.decision === undefined;

  useEffect(() => {
    if (view === undefined || category !== '') return;
    setCategory(CATEGORIES.includes(view.category) ? view.category : '');
  }, [view, category]);

  const run = useCallback(
    async (action: () => Promise<unknown>) => {
      setBusy(true);
      setFailure(undefined);
      try {
        await action();
        reload();
      } catch (e) {
        setFailure(e as Error);
      } finally {
        setBusy(false);
      }
    },
    [reload],
  );

  const decide = useCallback(
    (outcome: Outcome) =>
      run(() =>
        api.post(`/api/cases/${encodeURIComponent(id)}/decision`, {
          outcome,
          ...(category !== '' && { category }),
          ...(policyRef.trim() !== '' && { policyRef: policyRef.trim() }),
          ...(note.trim() !== '' && { note: note.trim() }),
        }),
      ),
    [run, id, category, policyRef, note],
  );

  const next = useCallback(async () => {
    const taken = await api.post<{ caseId: string } | undefined>('/api/cases/next', {});
    navigate(...(taken === undefined ? ['queue'] : ['case', taken.caseId]));
  }, []);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (typing(event.target) || event.ctrlKey || event.metaKey || event.altKey || busy) return;
      const key = event.key.toLowerCase();
      if (key === 'v') setRevealAll((shown) => !shown);
      else if (key === 'n' && reviews) void next();
      else if (canDecide && key === 'r') void decide('remove');
      else if (canDecide && key === 'k') void decide('keep');
      else if (canDecide && key === 'e') void decide('escalate');
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canDecide, decide, next, reviews, busy]);

  if (error !== undefined) return <Problem error={error} />;
  if (data === undefined || view === undefined) return <p className="loading">…</p>;
  const { item, assessment } = data;
  const previews = new Set(data.previews);
  const pendingByOther = view.pendingBankAdds.filter((p) => p.requestedBy !== me.actor);

  return (
    <article className="case" aria-labelledby="case-title" data-case-status={view.status}>
      <header className="page-head">
        <h2 id="case-title">
          <a href={href('queue')} className="back" aria-label={t('back')}>
            {lang === 'ar' ? '→' : '←'}
          </a>{' '}
          {t('case')} <code>{view.caseId}</code>
        </h2>
        <dl className="facts">
          <dt>{t('status')}</dt>
          <dd data-testid="case-status">{view.decision?.outcome ?? view.status}</dd>
          <dt>{t('category')}</dt>
          <dd>{view.category}</dd>
          <dt>{t('organisation')}</dt>
          <dd>{view.org === '' || view.org === 'none' ? '—' : view.org}</dd>
          <dt>{t('lang')}</dt>
          <dd>{view.lang}</dd>
          {assessment !== undefined && (
            <>
              <dt>{t('verdict')}</dt>
              <dd>{assessment.verdict}</dd>
              <dt>{t('confidence')}</dt>
              <dd>{Math.round(assessment.confidence * 100)}%</dd>
            </>
          )}
        </dl>
      </header>
      {view.graphic && <p className="notice warn">{t('graphicWarning')}</p>}
      {failure !== undefined && <Problem error={failure} />}

      <div className="case-body">
        <section className="panel" aria-label={t('message')}>
          <h3>{t('message')}</h3>
          {item !== undefined && (
            <p className="meta">
              {item.chat.title ?? item.chat.username ?? item.chat.id} · {t('posted')} {formatTime(item.postedAt, lang)}
              {item.views !== undefined && ` · ${t('views')} ${item.views}`}
            </p>
          )}
          {item !== undefined && <EvidenceText text={item.text} signals={assessment?.signals ?? []} />}
          {item !== undefined && item.media.length > 0 && (
            <section className="media-list" aria-label={t('media')}>
              {item.media.map((media, index) => (
                <BlurredMedia
                  // biome-ignore lint/suspicious/noArrayIndexKey: media are addressed by index.
                  key={index}
                  index={index}
                  media={media}
                  revealed={revealAll}
                  {...(previews.has(index) && {
                    src: `/api/items/${encodeURIComponent(view.itemKey)}/media/${index}`,
                  })}
                />
              ))}
            </section>
          )}
        </section>

        <aside className="panel">
          <h3>{t('signals')}</h3>
          <SignalList signals={assessment?.signals ?? []} />

          <h3>{t('decision')}</h3>
          {view.decision !== undefined ? (
            <p className="decided" data-testid="decision">
              {t(view.decision.outcome)} · {view.decision.category ?? '—'} · {view.decision.reviewer} ·{' '}
              {formatTime(view.decision.decidedAt, lang)}
            </p>
          ) : reviews && !mine ? (
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => run(() => api.post(`/api/cases/${encodeURIComponent(id)}/claim`, {}))}
            >
              {t('claim')}
            </button>
          ) : null}
          {canDecide && (
            <form className="decision-form" onSubmit={(e) => e.preventDefault()}>
              <label>
                {t('category')}
                <select name="category" value={category} onChange={(e) => setCategory(e.target.value)}>
                  <option value="">—</option>
                  {CATEGORIES.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('policyRef')}
                <input
                  name="policyRef"
                  value={policyRef}
                  onChange={(e) => setPolicyRef(e.target.value)}
                  maxLength={200}
                />
              </label>
              <label>
                {t('note')}
                <textarea
                  name="note"
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  maxLength={1000}
                  rows={2}
                />
              </label>
              <div className="decision-buttons">
                <button type="button" className="danger" disabled={busy} onClick={() => decide('remove')}>
                  {t('remove')} <kbd>R</kbd>
                </button>
                <button type="button" disabled={busy} onClick={() => decide('keep')}>
                  {t('keep')} <kbd>K</kbd>
                </button>
                <button type="button" disabled={busy} onClick={() => decide('escalate')}>
                  {t('escalate')} <kbd>E</kbd>
                </button>
              </div>
            </form>
          )}
          <p className="hint">{t('keysHint')}</p>

          {view.decision !== undefined && (me.role === 'admin' || me.role === 'analyst') && (
            <form
              className="stack"
              onSubmit={(e) => {
                e.preventDefault();
                void run(() => api.post(`/api/cases/${encodeURIComponent(id)}/appeal`, { reason: appealReason }));
              }}
            >
              <label>
                {t('appealReason')}
                <input
                  value={appealReason}
                  onChange={(e) => setAppealReason(e.target.value)}
                  required
                  maxLength={1000}
                />
              </label>
              <button type="submit" disabled={busy}>
                {t('appeal')}
              </button>
            </form>
          )}
          {view.decision?.outcome === 'remove' && reviews && (
            <form
              className="stack"
              onSubmit={(e) => {
                e.preventDefault();
                void run(() => api.post(`/api/cases/${encodeURIComponent(id)}/bank-add`, { bank }));
              }}
            >
              <label>
                {t('bankName')}
                <input value={bank} onChange={(e) => setBank(e.target.value)} required maxLength={200} />
              </label>
              <button type="submit" disabled={busy}>
                {t('requestBank')}
              </button>
            </form>
          )}
          {reviews &&
            pendingByOther.map((p) => (
              <button
                key={p.requestId}
                type="button"
                disabled={busy}
                onClick={() =>
                  run(() =>
                    api.post(`/api/cases/${encodeURIComponent(id)}/bank-add/confirm`, { requestId: p.requestId }),
                  )
                }
              >
                {t('confirmBank')}: {p.bank} ({p.requestedBy})
              </button>
            ))}
        </aside>
      </div>
    </article>
  );
}
