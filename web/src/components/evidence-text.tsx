import type { Signal } from '../types';

/**
 * The message text with what the signals point at highlighted. Spans are UTF-16 offsets into the
 * text (as JavaScript strings are); spans marked `in: 'extracted'` point into text read out of a
 * media file and are never drawn on the message. Overlapping spans merge into one mark.
 */
export function EvidenceText({ text, signals }: { text: string; signals: Signal[] }) {
  const spans: [number, number, string][] = [];
  for (const signal of signals) {
    if (signal.extractedFrom !== undefined) continue;
    for (const e of signal.evidence) {
      if (e.type !== 'span' || e.in === 'extracted') continue;
      const start = Math.max(0, Math.min(text.length, e.start));
      const end = Math.max(start, Math.min(text.length, e.end));
      if (end > start) spans.push([start, end, e.term ?? signal.label ?? signal.kind]);
    }
  }
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number, string[]][] = [];
  for (const [start, end, why] of spans) {
    const last = merged[merged.length - 1];
    if (last !== undefined && start <= last[1]) {
      last[1] = Math.max(last[1], end);
      if (!last[2].includes(why)) last[2].push(why);
    } else merged.push([start, end, [why]]);
  }
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [start, end, why] of merged) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(
      <mark key={start} title={why.join(', ')} data-evidence={why.join(',')}>
        {text.slice(start, end)}
      </mark>,
    );
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return (
    <p className="message-text" dir="auto">
      {parts}
    </p>
  );
}
