/** Cases under review: lifecycle events, claims, decisions, appeals, dual control, queues. */
export { type BankAddConfirmEvent, type BankAddRequestEvent, confirmBankAdd, requestBankAdd } from './bank-add.js';
export { bankEntriesFor } from './bank-entries.js';
export { type CaseDeskStore, type DeskResult, enrolCase, runCaseCommand } from './case-desk.js';
export {
  activeClaim,
  applyEvent,
  type BankAddRequest,
  type CaseState,
  type ClaimHold,
  pendingBankAdds,
  projectCase,
} from './case-state.js';
export { type ClaimEvent, type ClaimRequest, claimCase, type ReleaseEvent, releaseCase } from './claim.js';
export { type AppealEvent, appealCase, type DecisionEvent, type DecisionInput, decideCase } from './decision.js';
export { exportDecisions } from './decision-export.js';
export { enrolBatch } from './enrol-batch.js';
export { eventKey } from './event-key.js';
export { finalVerdict } from './final-verdict.js';
export { GRAPHIC_CATEGORIES, isGraphicCase } from './graphic.js';
export {
  basePriority,
  DEFAULT_PRIORITY_WEIGHTS,
  type PriorityInput,
  type PriorityWeights,
  priority,
  priorityRank,
} from './priority.js';
export { toProjection } from './projection.js';
export { type QueueRouting, queueKey, queueMatches } from './queue-key.js';
export { claimNext, pickNext, type ServeContext, type ServeStore, servable } from './queue-serving.js';
export type { CommandResult, RefusalCode } from './refusal.js';
export { type DecidedItem, decisionToTrainingRow, type ReviewTrainingRow, toJsonl } from './training-export.js';
export {
  atGraphicCap,
  countExposure,
  type Exposure,
  utcDay,
  type WellbeingPolicy,
} from './wellbeing.js';
