export {
  type EvalReport,
  type EvalRow,
  evalItem,
  evaluateRows,
  type Figures,
  type Rates,
  reportFrom,
  scanVerdicts,
} from './evaluate.js';
export { extractScanInput } from './extract.js';
export {
  type CopiesRecall,
  type ObfuscatedRecall,
  obfuscatedRecall,
  type TacticRecall,
  type VerdictsOf,
} from './obfuscated-recall.js';
export * from './policy/index.js';
export type { NormalizedText, ScanContext, ScanInput, SignalProvider } from './provider.js';
export { findTestMarkers, TEST_MARKER, testMarkerProvider } from './providers/test-marker.js';
export {
  type AfterSaveContext,
  type ScanItemsResult,
  type ScanProgress,
  type ScanSource,
  type ScanSourcesOptions,
  type ScanSourcesResult,
  scanItems,
  scanSources,
} from './scan-source.js';
export { ScanTally } from './scan-summary.js';
export { createScanner, type ProviderFailure, type Scanner, type ScanOutcome } from './scanner.js';
