import { MemoryBus } from '../../bus/memory/memory-bus.js';
import type { Config, Secrets } from '../../config/index.js';
import { mediaRootOf, openSource } from '../../connectors/index.js';
import { appError } from '../../core/index.js';
import { createLoggers, type Loggers } from '../../logger.js';
import { editHistoryProvider } from '../../scan/providers/edit-history.js';
import { lineageProvider } from '../../scan/providers/lineage.js';
import { SqliteStore } from '../../storage/sqlite/index.js';
import { busSettingsOf } from '../bus-settings.js';
import { networkOver } from '../channel-network.js';
import { type AppContext, assembleContext, type ContextParts } from '../context.js';
import { createMediaBankProvider, stoppingMediaBanks } from '../media-banks.js';
import { createMediaTextProvider } from '../media-text.js';
import { loadTextBankProvider } from '../text-banks.js';
import { createTextPath } from '../text-path.js';

/**
 * The embedded preset: one process, a SQLite file, and the whole text path (normaliser,
 * lexicon, tactics, links, classifier, text banks, policy) from the files shipped in the repo.
 * The scaled preset (PostgreSQL + NATS) will differ only in the store and bus it picks.
 */
export async function createEmbeddedContext(
  config: Config,
  secrets: Secrets,
  overrides: Partial<ContextParts> & { log?: Loggers } = {},
): Promise<AppContext> {
  const log = overrides.log ?? createLoggers(config.log.level);
  const store = overrides.store ?? (await SqliteStore.open({ path: sqlitePath(config.db.url) }));
  const bus = overrides.bus ?? new MemoryBus(busSettingsOf(config));
  // Built here, before the providers, because the lineage provider reads it during scans.
  const network = overrides.network ?? networkOver(store, config.network, log);
  const path = createTextPath({
    policyPath: config.scan.policyPath,
    lexiconPath: config.scan.lexiconPath,
    modelPath: config.scan.modelPath,
    ...(overrides.policy && { policy: overrides.policy }),
    extraProviders: overrides.providers
      ? []
      : [
          await loadTextBankProvider(store, {
            // The same interval as the media banks: a bank change reaches every worker within seconds.
            refreshSeconds: config.mediaBanks.refreshSeconds,
            onError: (err) => log.scan.warn({ err }, 'text banks: poll failed; retrying at the next interval'),
          }),
          createMediaBankProvider(store, config, log),
          createMediaTextProvider(config, () => path),
          ...(config.network.live ? [lineageProvider(network)] : []),
          // Edits (live Telegram, re-imports) are compared with what their earlier versions were judged.
          editHistoryProvider((item) => store.listItemVersions(item.platform, item.chat.id, item.messageId)),
        ],
  });
  const parts: ContextParts = {
    providers: overrides.providers ?? [...path.providers],
    policy: path.policy,
    normalize: overrides.normalize ?? path.normalize,
    source:
      overrides.source ??
      ((path) => ({
        name: path,
        open: () => openSource(path, { maxRecordBytes: config.scan.maxRecordBytes }),
        mediaRoot: mediaRootOf(path),
      })),
    store,
    bus,
    network,
    ...(overrides.providerTiming !== undefined && { providerTiming: overrides.providerTiming }),
  };
  return stoppingMediaBanks(assembleContext(config, secrets, log, parts));
}

/** `./rasd.db`, `sqlite:./rasd.db` and `sqlite:///abs/rasd.db` name a SQLite file. */
export function sqlitePath(url: string): string {
  if (/^postgres(ql)?:\/\//.test(url)) {
    throw appError(
      'CONFIG_INVALID',
      'a postgres:// database is opened by createContext (the scaled preset), not as a SQLite file; this command cannot use it',
      'db.url',
    );
  }
  if (url.startsWith('sqlite://')) return url.slice('sqlite://'.length);
  if (url.startsWith('sqlite:')) return url.slice('sqlite:'.length);
  return url;
}
