import type { Config, Secrets } from '../../config/index.js';
import { openSource } from '../../connectors/index.js';
import { appError } from '../../core/index.js';
import { compileLexicon, foldForLexicon, loadLexicon } from '../../detect/text/lexicon/index.js';
import { createLoggers, type Loggers } from '../../logger.js';
import { loadPolicy, testMarkerProvider } from '../../scan/index.js';
import { lexiconProvider } from '../../scan/providers/lexicon.js';
import { SqliteStore } from '../../storage/sqlite/index.js';
import { type AppContext, assembleContext, type ContextParts } from '../context.js';

/**
 * The embedded preset: one process, a SQLite file, the lexicon and policy shipped in the repo.
 * The scaled preset (PostgreSQL + NATS) will differ only in the store and bus it picks.
 */
export async function createEmbeddedContext(
  config: Config,
  secrets: Secrets,
  overrides: Partial<ContextParts> & { log?: Loggers } = {},
): Promise<AppContext> {
  const log = overrides.log ?? createLoggers(config.log.level);
  const lexicon = compileLexicon(loadLexicon(config.scan.lexiconPath), { fold: foldForLexicon });
  const parts: ContextParts = {
    providers: overrides.providers ?? [testMarkerProvider, lexiconProvider(lexicon)],
    policy: overrides.policy ?? loadPolicy(config.scan.policyPath),
    source:
      overrides.source ??
      ((path) => ({ name: path, open: () => openSource(path, { maxRecordBytes: config.scan.maxRecordBytes }) })),
    store: overrides.store ?? (await SqliteStore.open({ path: sqlitePath(config.db.url) })),
  };
  return assembleContext(config, secrets, log, parts);
}

/** `./rasd.db`, `sqlite:./rasd.db` and `sqlite:///abs/rasd.db` name a SQLite file. */
export function sqlitePath(url: string): string {
  if (/^postgres(ql)?:\/\//.test(url)) {
    throw appError(
      'CONFIG_INVALID',
      'a postgres:// database needs the scaled preset, which this version does not have yet; use a SQLite path',
      'db.url',
    );
  }
  if (url.startsWith('sqlite://')) return url.slice('sqlite://'.length);
  if (url.startsWith('sqlite:')) return url.slice('sqlite:'.length);
  return url;
}
