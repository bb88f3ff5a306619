import { api } from '../api';
import { formatTime, useI18n } from '../i18n';
import type { Lineage, LineageCandidate, NetworkNode } from '../types';
import { useLoad } from '../use-load';
import { nodeLabel } from './network-graph';
import { Problem } from './problem';

/** The selected chat: who it is, and its lineage candidates with the reasons each one scored. */

function Candidates({ rows, pick }: { rows: readonly LineageCandidate[]; pick: (c: LineageCandidate) => string }) {
  const { t } = useI18n();
  if (rows.length === 0) return <p className="muted">{t('noCandidates')}</p>;
  return (
    <ol className="candidates">
      {rows.map((c) => (
        <li key={`${c.closed}>${c.candidate}`} data-testid="lineage-candidate" data-candidate={pick(c)}>
          <strong dir="auto">{pick(c)}</strong> · {t('score')} {c.score.toFixed(2)}
          <ul className="plain reasons">
            {c.reasons.map((r) => (
              <li key={r.factor}>
                {r.factor} {r.value.toFixed(2)}: <span dir="auto">{r.detail}</span>
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}

export function LineagePanel({ node }: { node: NetworkNode }) {
  const { t, lang } = useI18n();
  const { data, error } = useLoad(
    () => api.get<Lineage>(`/api/network/lineage?chat=${encodeURIComponent(node.id)}`),
    [node.id],
  );
  return (
    <aside className="card network-panel" aria-labelledby="network-node-title" data-testid="network-panel">
      <h3 id="network-node-title" dir="auto">
        {nodeLabel(node)}
      </h3>
      <dl className="facts">
        <dt>id</dt>
        <dd>{node.id}</dd>
        {node.handle !== undefined && (
          <>
            <dt>@</dt>
            <dd>{node.handles.join(', ')}</dd>
          </>
        )}
        <dt>{t('posts')}</dt>
        <dd>{node.posts}</dd>
        {node.closedAt !== undefined && (
          <>
            <dt>{t('closed')}</dt>
            <dd>{formatTime(node.closedAt, lang)}</dd>
          </>
        )}
      </dl>
      {error !== undefined && <Problem error={error} />}
      {data !== undefined && (
        <>
          <h4>{t('successors')}</h4>
          <Candidates rows={data.successors} pick={(c) => c.candidate} />
          <h4>{t('predecessors')}</h4>
          <Candidates rows={data.predecessors} pick={(c) => c.closed} />
        </>
      )}
    </aside>
  );
}
