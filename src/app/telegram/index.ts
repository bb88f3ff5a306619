/** Live Telegram (issue 8) in the app: intake, removals, actions, referral re-check, runtimes, status. */

export { parseMessageLink, parseWatchRef, type WatchTarget } from '../../connectors/telegram/mtproto/watch-ref.js';
export { actOnDecision } from './decision-actions.js';
export { requeueDryRunActions } from './dry-run-requeue.js';
export { createLiveIntake, type IntakeSummary, type LiveIntakeOptions, takeEvents } from './live-intake.js';
export type { Moderate, ModerationRequest, ModerationResult } from './moderation-port.js';
export { type ReachabilityProbe, type RecheckSummary, recheckReferrals } from './referral-recheck.js';
export { noteDeletion, type ObservedDeletion, type RemovalRecord, recordRemovals } from './removals.js';
export { type ActionRunSummary, runTelegramActions, startActionRunner } from './telegram-actions.js';
export {
  buildMonitor,
  recheckTelegramReferrals,
  startTelegramMonitor,
  type TelegramMonitorOptions,
  type TelegramMonitorRuntime,
} from './telegram-monitor-runtime.js';
export { startTelegramBot, type TelegramBotOptions, type TelegramBotRuntime } from './telegram-runtime.js';
export { requireTelegramSecrets } from './telegram-secrets.js';
export { importTelegramSession, openSavedPort, type TelegramLoginOptions, telegramLogin } from './telegram-session.js';
export { type TelegramStatus, telegramStatus } from './telegram-status.js';
