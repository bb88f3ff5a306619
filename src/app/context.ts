import type { Bus } from '../bus/ports.js';
import type { Config, Secrets } from '../config/index.js';
import { Registry } from '../core/index.js';
import type { Loggers } from '../logger.js';
import {
  createScanner,
  type NormalizedText,
  type Policy,
  type Scanner,
  type ScanSource,
  type SignalProvider,
} from '../scan/index.js';
import type { Store } from '../storage/ports.js';
import { type ChannelNetwork, networkOver } from './channel-network.js';
import { Metrics } from './metrics.js';

/**
 * Everything a command or server needs, built once from config. Presets decide which adapters
 * fill it; callers never construct adapters themselves. Tests pass `overrides` to swap a part.
 */
export interface AppContext extends AsyncDisposable {
  readonly config: Config;
  readonly secrets: Secrets;
  readonly log: Loggers;
  readonly store: Store;
  readonly providers: Registry<SignalProvider>;
  readonly policy: Policy;
  readonly scanner: Scanner;
  /** The work queue: in-process (embedded) or NATS JetStream (scaled). */
  readonly bus: Bus;
  /** Counters and histograms for `GET /metrics` (`app/metrics.ts`). */
  readonly metrics: Metrics;
  /**
   * The channel network (issue 7), in memory: loaded from the store when first wanted
   * (`await network.ready()`), then updated per saved scan batch. Nothing to close.
   */
  readonly network: ChannelNetwork;
  /** A source for a path: a Telegram export (folder or result.json) or a JSONL file of Items. */
  source(path: string): ScanSource;
  close(): Promise<void>;
}

export interface ContextParts {
  store: Store;
  providers: SignalProvider[];
  policy: Policy;
  /** The normaliser every provider shares; identity when absent (tests with bare providers). */
  normalize?: (text: string) => NormalizedText;
  source: (path: string) => ScanSource;
  /** The work queue; the context closes it. */
  bus: Bus;
  /** Time each provider per item into `metrics` (workers); off for batch scans, where it costs. */
  providerTiming?: boolean;
  /** The channel network; one over `store` by default. Built before the providers when one of them reads it. */
  network?: ChannelNetwork;
}

export function assembleContext(config: Config, secrets: Secrets, log: Loggers, parts: ContextParts): AppContext {
  const providers = new Registry<SignalProvider>('signal providers', parts.providers);
  const metrics = new Metrics(() => parts.bus.depth());
  const scanner = createScanner({
    providers,
    policy: parts.policy,
    ...(parts.normalize && { normalize: parts.normalize }),
    ...(parts.providerTiming === true && { timeProvider: metrics.timeProvider }),
  });
  const network = parts.network ?? networkOver(parts.store, config.network, log);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    network.stop();
    await parts.bus.close();
    await parts.store.close();
  };
  return {
    config,
    secrets,
    log,
    store: parts.store,
    providers,
    policy: parts.policy,
    scanner,
    metrics,
    network,
    bus: parts.bus,
    source: parts.source,
    close,
    [Symbol.asyncDispose]: close,
  };
}
