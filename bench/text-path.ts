/**
 * Messages per second on one core for the text path — normalise, lexicon, classifier, links,
 * tactics, text-bank lookup and policy — next to a naive baseline measured in the same run: one
 * case-insensitive regex of every lexicon term over the raw text (what a keyword filter does,
 * with none of the evasion handling). Texts are the harmless synthetic bench messages.
 */
import { readFileSync } from 'node:fs';
import { createTextPath } from '../src/app/index.js';
import { DEFAULT_LEXICON_PATH } from '../src/config/index.js';
import { loadLexicon } from '../src/detect/text/lexicon/index.js';
import { createTextBankIndex, defaultTextBankNormalize, signForBank } from '../src/match/index.js';
import { evalItem } from '../src/scan/index.js';
import { textBankProvider } from '../src/scan/providers/text-bank.js';
import { syntheticMessage } from './synthetic-export.js';

function texts(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const m = syntheticMessage(i) as { text?: unknown };
    const t = Array.isArray(m.text)
      ? m.text.map((p) => (typeof p === 'string' ? p : (p as { text: string }).text)).join('')
      : String(m.text ?? '');
    out.push(t);
  }
  return out;
}

function bankOf(size: number) {
  const index = createTextBankIndex({ normalize: defaultTextBankNormalize });
  for (let i = 0; i < size; i++) {
    const signed = signForBank(
      `bank entry ${i} ${texts(1)[0]} reference text number ${i * 7} with several more words`,
      defaultTextBankNormalize,
    );
    if ('value' in signed) index.add({ id: `e${i}`, bank: 'BENCH', value: signed.value, source: 'bench' });
  }
  return index;
}

/**
 * The `text` of every row of a JSONL file (the training format): real message lengths and a real
 * share of flagged messages, which cost more (explanations) than the synthetic benign ones.
 */
export function textsFromJsonl(file: string): string[] {
  const out: string[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const row = JSON.parse(line) as { text?: unknown };
    if (typeof row.text === 'string') out.push(row.text);
  }
  return out;
}

export function benchTextPath(
  size = 20_000,
  given?: string[],
): { rasd: number; baseline: number; n: number; meanChars: number } {
  const sample = given ?? texts(size);
  const n = sample.length;
  const path = createTextPath({ extraProviders: [textBankProvider(bankOf(10_000), 'bench')] });
  const items = sample.map((t, i) => evalItem(t, i));
  for (const item of items.slice(0, 2000)) path.scanner.scan(item);
  let t = performance.now();
  for (const item of items) path.scanner.scan(item);
  const rasd = n / ((performance.now() - t) / 1000);
  const terms = loadLexicon(DEFAULT_LEXICON_PATH).organisations.flatMap((o) => o.terms.map((x) => x.text));
  const naive = new RegExp(terms.map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'i');
  let hits = 0;
  t = performance.now();
  for (const text of sample) if (naive.test(text)) hits++;
  const baseline = n / ((performance.now() - t) / 1000);
  void hits;
  const meanChars = sample.reduce((sum, t) => sum + t.length, 0) / Math.max(1, n);
  return { rasd, baseline, n, meanChars };
}
