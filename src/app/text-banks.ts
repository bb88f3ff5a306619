import type { Signal } from '../core/index.js';
import { createTextBankIndex, defaultTextBankNormalize, type TextBankIndex } from '../match/index.js';
import type { ScanInput, SignalProvider } from '../scan/index.js';
import { textBankProvider } from '../scan/providers/text-bank.js';
import type { BankStore } from '../storage/ports.js';
import { staggered } from './media-banks.js';

/**
 * The near-duplicate text banks as a provider: every enabled `text-minhash` entry in an LSH
 * index, versioned by the banks' own version counters so a Signal names what it matched
 * against. With `refreshSeconds`, the provider follows the store while the process runs: every
 * interval (staggered, see `staggered`) it reads the bank versions, and when one moved it builds
 * a new index beside the old and swaps it in, so scanning never waits on a rebuild. Text banks
 * are small next to media banks, so a rebuild, not an incremental read, keeps this simple.
 */

export interface TextBanks extends SignalProvider {
  /** Always synchronous: text-bank lookups are in-memory. */
  provide(input: ScanInput): Signal[];
  /** The bank versions the current index was built from. */
  readonly bankVersion: string;
  /** Reads the versions now and rebuilds when they moved; resolves when the new index is in use. */
  refresh(): Promise<boolean>;
  stop(): Promise<void>;
}

async function build(store: BankStore): Promise<{ index: TextBankIndex; version: string; provider: SignalProvider }> {
  const version = await versionOf(store);
  const entries = [];
  for await (const entry of store.allBankEntries('text-minhash', { enabledOnly: true })) entries.push(entry);
  const index = createTextBankIndex({ normalize: defaultTextBankNormalize, entries });
  return { index, version, provider: textBankProvider(index, version) };
}

async function versionOf(store: BankStore): Promise<string> {
  return (await store.listBanks()).map((b) => `${b.name}:${b.version}:${b.enabled ? 1 : 0}`).join(',') || 'none';
}

export async function loadTextBankProvider(
  store: BankStore,
  options: { refreshSeconds?: number; onError?: (error: unknown) => void } = {},
): Promise<TextBanks> {
  let current = await build(store);
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let running: Promise<boolean> = Promise.resolve(false);

  const refreshOnce = async (): Promise<boolean> => {
    if ((await versionOf(store)) === current.version) return false;
    current = await build(store);
    return true;
  };
  const refresh = (): Promise<boolean> => {
    running = running.then(refreshOnce, refreshOnce);
    return running;
  };
  const schedule = (): void => {
    if (stopped || options.refreshSeconds === undefined) return;
    timer = setTimeout(
      () => {
        refresh()
          .catch((error: unknown) => options.onError?.(error))
          .finally(schedule);
      },
      staggered(options.refreshSeconds * 1000),
    );
    timer.unref();
  };
  schedule();

  return {
    id: 'text-bank',
    kinds: ['bank-match'],
    get version() {
      return current.provider.version;
    },
    get bankVersion() {
      return current.version;
    },
    provide(input: ScanInput): Signal[] {
      return current.provider.provide(input) as Signal[];
    },
    refresh,
    async stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
      await running.catch(() => undefined);
    },
  };
}
