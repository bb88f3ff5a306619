import { useI18n } from '../i18n';
import type { BeaconFinding, Campaign } from '../types';

/** Beacon chats and campaigns as tables of ids, shares and counts; a click selects the chat in the graph. */

function NodeButton({ id, onPick }: { id: string; onPick: (id: string) => void }) {
  return (
    <button type="button" className="link" dir="auto" onClick={() => onPick(id)}>
      {id}
    </button>
  );
}

export function BeaconList({ findings, onPick }: { findings: readonly BeaconFinding[]; onPick: (id: string) => void }) {
  const { t } = useI18n();
  if (findings.length === 0) return <p className="empty">{t('noneFound')}</p>;
  return (
    <table className="grid" data-testid="network-beacons">
      <thead>
        <tr>
          <th>id</th>
          <th>{t('category')}</th>
          <th>{t('share')}</th>
          <th>{t('posts')}</th>
          <th>{t('targets')}</th>
        </tr>
      </thead>
      <tbody>
        {findings.map((f) => (
          <tr key={`${f.kind}:${f.node}`}>
            <td>
              <NodeButton id={f.node} onPick={onPick} />
            </td>
            <td>{f.kind}</td>
            <td>{Math.round(f.share * 100)}%</td>
            <td>{f.posts}</td>
            <td dir="auto">{f.targets.slice(0, 5).join(' · ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function minutes(c: Campaign): number {
  return Math.round((Date.parse(c.end) - Date.parse(c.start)) / 60_000);
}

export function CampaignList({ campaigns, onPick }: { campaigns: readonly Campaign[]; onPick: (id: string) => void }) {
  const { t } = useI18n();
  if (campaigns.length === 0) return <p className="empty">{t('noneFound')}</p>;
  return (
    <table className="grid" data-testid="network-campaigns">
      <thead>
        <tr>
          <th>{t('firstPoster')}</th>
          <th>{t('members')}</th>
          <th>{t('start')}</th>
          <th>{t('minutes')}</th>
          <th>fingerprint</th>
        </tr>
      </thead>
      <tbody>
        {campaigns.map((c) => (
          <tr key={`${c.fingerprint}@${c.start}`}>
            <td>
              <NodeButton id={c.firstPoster} onPick={onPick} />
            </td>
            <td>{c.members.length}</td>
            <td>{c.start.slice(0, 16).replace('T', ' ')}</td>
            <td>{minutes(c)}</td>
            <td className="mono">{c.fingerprint.slice(0, 24)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
