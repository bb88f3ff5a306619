import { createTextBankIndex, defaultTextBankNormalize } from '../match/index.js';
import type { SignalProvider } from '../scan/index.js';
import { textBankProvider } from '../scan/providers/text-bank.js';
import type { Store } from '../storage/ports.js';

/**
 * The near-duplicate text banks as a provider: every enabled `text-minhash` entry loaded into an
 * LSH index once, versioned by the banks' own version counters so a Signal names what it
 * matched against. A bank changed while a process runs is picked up at the next start.
 */
export async function loadTextBankProvider(store: Store): Promise<SignalProvider> {
  const entries = [];
  for await (const entry of store.allBankEntries('text-minhash', { enabledOnly: true })) entries.push(entry);
  const index = createTextBankIndex({ normalize: defaultTextBankNormalize, entries });
  const version = (await store.listBanks()).map((b) => `${b.name}:${b.version}`).join(',') || 'none';
  return textBankProvider(index, version);
}
