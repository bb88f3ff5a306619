import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, query } from '../api';
import { LineagePanel } from '../components/lineage-panel';
import { BeaconList, CampaignList } from '../components/network-findings';
import { KIND_COLOURS, NetworkGraph } from '../components/network-graph';
import { TrendsTables } from '../components/network-trends';
import { Problem } from '../components/problem';
import { useI18n } from '../i18n';
import {
  type BeaconFinding,
  type Campaign,
  EDGE_KINDS,
  type EdgeKind,
  type NetworkEdge,
  type NetworkNode,
  type NetworkTrends,
} from '../types';
import { useLoad } from '../use-load';

/**
 * The channel network: who feeds whom, drawn as a graph filterable by edge kind, the selected
 * chat's lineage candidates beside it, then beacons, campaigns and tactic trends. Everything is
 * structure (ids, handles, titles, counts); no post text reaches this page.
 */

type Graph = { nodes: NetworkNode[]; edges: NetworkEdge[] };

function EdgeKindFilter({ kinds, toggle }: { kinds: ReadonlySet<EdgeKind>; toggle: (kind: EdgeKind) => void }) {
  const { t } = useI18n();
  return (
    <fieldset className="edge-kinds" data-testid="edge-kinds">
      <legend>{t('edgeKinds')}</legend>
      {EDGE_KINDS.map((kind) => (
        <label key={kind}>
          <input type="checkbox" name={kind} checked={kinds.has(kind)} onChange={() => toggle(kind)} /> {kind}
        </label>
      ))}
    </fieldset>
  );
}

function Legend() {
  const { t } = useI18n();
  return (
    <ul className="plain legend">
      {Object.entries(KIND_COLOURS).map(([kind, colour]) => (
        <li key={kind}>
          <span className="swatch" style={{ background: colour }} /> {kind}
        </li>
      ))}
      <li>
        <span className="swatch closed" /> {t('closed')}
      </li>
    </ul>
  );
}

export function NetworkPage({ focus }: { focus?: string }) {
  const { t } = useI18n();
  const [kinds, setKinds] = useState<ReadonlySet<EdgeKind>>(() => new Set(EDGE_KINDS));
  const [selected, setSelected] = useState<string | undefined>(focus);
  // A link to another chat's network changes only the hash: the page stays, the selection follows.
  useEffect(() => setSelected(focus), [focus]);
  const kindList = [...kinds].join(',');
  const graph = useLoad(
    () =>
      kindList === ''
        ? Promise.resolve<Graph>({ nodes: [], edges: [] })
        : api.get<Graph>(`/api/network/graph${query({ depth: 3, kinds: kindList, node: focus })}`),
    [kindList, focus],
  );
  const beacons = useLoad(() => api.get<{ findings: BeaconFinding[] }>('/api/network/beacons'), []);
  const campaigns = useLoad(() => api.get<{ campaigns: Campaign[] }>('/api/network/campaigns'), []);
  const trends = useLoad(() => api.get<NetworkTrends>('/api/network/trends?by=org'), []);
  const toggle = useCallback((kind: EdgeKind) => {
    setKinds((old) => {
      const next = new Set(old);
      if (!next.delete(kind)) next.add(kind);
      return next;
    });
  }, []);
  const nodes = graph.data?.nodes;
  const edges = useMemo(() => (graph.data?.edges ?? []).filter((e) => kinds.has(e.kind)), [graph.data, kinds]);
  const node = nodes?.find((n) => n.id === selected);
  if (graph.error !== undefined) return <Problem error={graph.error} />;
  return (
    <section aria-labelledby="network-title" className="network-page">
      <header className="page-head">
        <h2 id="network-title">{t('network')}</h2>
        <p className="muted" data-testid="network-counts">
          {t('nodes')}: {nodes?.length ?? 0} · {t('edges')}: {edges.length}
        </p>
      </header>
      <EdgeKindFilter kinds={kinds} toggle={toggle} />
      <div className="network-layout">
        <div className="card">
          {nodes !== undefined && (
            <NetworkGraph nodes={nodes} edges={edges} onSelect={setSelected} label={t('network')} />
          )}
          <Legend />
        </div>
        {node === undefined ? <p className="card muted">{t('selectNode')}</p> : <LineagePanel node={node} />}
      </div>
      <section className="card">
        <h3>{t('beacons')}</h3>
        {beacons.error !== undefined && <Problem error={beacons.error} />}
        {beacons.data !== undefined && <BeaconList findings={beacons.data.findings} onPick={setSelected} />}
      </section>
      <section className="card">
        <h3>{t('campaigns')}</h3>
        {campaigns.error !== undefined && <Problem error={campaigns.error} />}
        {campaigns.data !== undefined && <CampaignList campaigns={campaigns.data.campaigns} onPick={setSelected} />}
      </section>
      <section className="card">
        <h3>{t('trends')}</h3>
        {trends.error !== undefined && <Problem error={trends.error} />}
        {trends.data !== undefined && <TrendsTables trends={trends.data} />}
      </section>
    </section>
  );
}
