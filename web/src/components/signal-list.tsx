import { type Lang, useI18n } from '../i18n';
import type { Signal } from '../types';

/**
 * Each signal in one plain sentence: what looked at the item, what it found, how strongly. The
 * sentence names the lexicon term or bank entry, never more of the message than the highlight.
 */

function percent(score: number): string {
  return `${Math.round(score * 100)}%`;
}

function sentence(signal: Signal, lang: Lang): string {
  const ar = lang === 'ar';
  const what = signal.category ?? signal.org ?? signal.tactic ?? signal.label ?? '';
  const from =
    signal.extractedFrom !== undefined
      ? ar
        ? ` (في نص مستخرج من الملف ${signal.extractedFrom.media + 1} عبر ${signal.extractedFrom.source})`
        : ` (in text read from file ${signal.extractedFrom.media + 1} by ${signal.extractedFrom.source})`
      : '';
  const entry = signal.evidence.find((e) => e.type === 'entry');
  const terms = signal.evidence.flatMap((e) => (e.type === 'span' && e.term !== undefined ? [e.term] : []));
  const features = signal.evidence
    .flatMap((e) => (e.type === 'feature' ? [e] : []))
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 3)
    .map((e) => e.name);
  switch (signal.kind) {
    case 'classifier':
      if (signal.category === undefined) {
        return ar
          ? `قدّر نموذج النصوص احتمال المحتوى المتطرف بنسبة ${percent(signal.score)}${from}.`
          : `The text model rates this ${percent(signal.score)} likely to be extremist content${from}.`;
      }
      return ar
        ? `قدّر نموذج النصوص احتمال «${what}» بنسبة ${percent(signal.score)}${features.length ? `؛ أقوى المؤشرات: ${features.join('، ')}` : ''}${from}.`
        : `The text model rates this ${percent(signal.score)} likely to be "${what}"${features.length ? `; strongest cues: ${features.join(', ')}` : ''}${from}.`;
    case 'lexicon':
      return ar
        ? `يذكر النص ${signal.org ? `التنظيم «${signal.org}»` : `«${what}»`}${terms.length ? ` (المصطلح: ${terms.join('، ')})` : ''}${from}.`
        : `The text names ${signal.org ? `the organisation "${signal.org}"` : `"${what}"`}${terms.length ? ` (term: ${terms.join(', ')})` : ''}${from}.`;
    case 'bank-match':
      return ar
        ? `يطابق بصمة معروفة${entry?.type === 'entry' ? ` (${entry.source ?? ''} ${entry.entry}${entry.distance !== undefined ? `، المسافة ${entry.distance}` : ''})` : ''}${from}.`
        : `Matches a known fingerprint${entry?.type === 'entry' ? ` (${entry.source ?? 'bank'} entry ${entry.entry}${entry.distance !== undefined ? `, distance ${entry.distance}` : ''})` : ''}${from}.`;
    case 'tactic':
      return ar
        ? `يستخدم أسلوب تهرّب: ${signal.tactic ?? what}${from}.`
        : `Uses an evasion tactic: ${signal.tactic ?? what}${from}.`;
    case 'link':
      return ar ? `يحتوي رابطاً لافتاً: ${what}${from}.` : `Carries a notable link: ${what}${from}.`;
    case 'lineage':
      return ar
        ? `القناة تشبه قناة أُغلقت سابقاً: ${what}.`
        : `The channel looks like the successor of a closed one: ${what}.`;
    case 'test-marker':
      return ar
        ? 'يحمل علامة الاختبار الخاصة برصد (ليس محتوى حقيقياً).'
        : "Carries Rasd's test marker (not real content).";
    default:
      return `${signal.kind}: ${what} (${percent(signal.score)})${from}`;
  }
}

export function SignalList({ signals }: { signals: Signal[] }) {
  const { lang } = useI18n();
  const sorted = [...signals].sort((a, b) => b.score - a.score);
  return (
    <ul className="signals">
      {sorted.map((signal) => (
        <li
          key={`${signal.provider}-${signal.kind}-${signal.category ?? signal.org ?? signal.label ?? ''}-${signal.score}`}
          data-kind={signal.kind}
        >
          <span className="score" style={{ '--score': signal.score } as React.CSSProperties}>
            {percent(signal.score)}
          </span>
          <span>{sentence(signal, lang)}</span>
        </li>
      ))}
    </ul>
  );
}
