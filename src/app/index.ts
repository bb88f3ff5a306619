/** Re-exported so commands and routes need not reach into config/. */

/** The network's edge kinds, for the API's and the CLI's `kinds` filters. */
export { EDGE_KINDS, type EdgeKind } from '../analysis/network-types.js';
/** The channel-network benchmark (issue 7), for `rasd network bench`: the CLI reaches analysis only through app. */
export { type EvaluationOptions, evaluateNetwork, type NetworkScores } from '../analysis/synthetic/network-eval.js';
export { type ConfigInput, PACKAGE_ROOT } from '../config/index.js';
/** The one key a watched chat is stored under (the CLI and the monitor share it). */
export { watchKey } from '../connectors/telegram/watch-key.js';
export { afterScanBatch } from './after-scan-batch.js';
export { CHANNEL_CLOSE, ChannelNetwork, type CloseInput } from './channel-network.js';
export type { AppContext, ContextParts } from './context.js';
export { createContext } from './create-context.js';
export { type ImportSummary, importSources } from './import-sources.js';
export { outboxSettings } from './outbox-settings.js';
export { createEmbeddedContext, sqlitePath } from './presets/embedded.js';
/** Opens the PostgreSQL store a `postgres://` database URL names (undefined for SQLite). */
export { openStore } from './presets/scaled.js';
export { type ScanWorkerOptions, startScanWorker } from './scan-worker.js';
export * from './telegram/index.js';
export {
  createTextPath,
  DEFAULT_MODEL_DIR,
  DEFAULT_WEAK_LABELS,
  loadTextModel,
  MODEL_FILE,
  MODEL_VERSION,
  NORMALIZER_VERSION,
  type TextPath,
  type TextPathOptions,
} from './text-path.js';
export { VERSION } from './version.js';
export { encodeWorkItem, type WorkItem, workItemId } from './work-item.js';
