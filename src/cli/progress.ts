import { SingleBar } from 'cli-progress';
import type { ScanProgress } from '../scan/index.js';

/** A live counter on stderr when a person is watching; nothing when output is piped. */
export function createProgress(enabled: boolean): { update: (p: ScanProgress) => void; stop: () => void } {
  if (!enabled) return { update: () => {}, stop: () => {} };
  const started = Date.now();
  const bar = new SingleBar({
    format: 'scanning {source} | {items} items | {rate} items/s | {errors} errors',
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: true,
  });
  bar.start(1, 0, { items: 0, rate: 0, errors: 0, source: '' });
  return {
    update(p) {
      const seconds = Math.max((Date.now() - started) / 1000, 0.001);
      bar.update(0, { items: p.items, errors: p.errors, rate: Math.round(p.items / seconds), source: p.source });
    },
    stop: () => bar.stop(),
  };
}
