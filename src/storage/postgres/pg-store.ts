import type pg from 'pg';
import type {
  ActionWriteStore,
  AuditStore,
  BankStore,
  ChannelClosureStore,
  EvidenceStore,
  ItemVersionStore,
  MediaPreviewStore,
  OutboxStore,
  PeopleStore,
  ReferralStore,
  RemovalOrderStore,
  ReviewStore,
  Store,
  TelegramStore,
} from '../ports.js';
import { MIGRATIONS, type Migration } from '../sqlite/migrations/index.js';
import { PgActionWriteStore } from './action-writes.js';
import { PgBankStore } from './bank-store.js';
import { PgClosureStore } from './closure-store.js';
import { PgEvidenceStore } from './evidence-store.js';
import { PgItemVersionStore } from './item-version-queries.js';
import { PgMediaPreviewStore } from './media-preview-store.js';
import { migratePostgres } from './migration-runner.js';
import { PgOutboxStore } from './outbox-store.js';
import { Partitions } from './partitions.js';
import { PgPeopleStore } from './people-store.js';
import { PgScanStore } from './pg-scan-store.js';
import { createPool, DEFAULT_POOL_SIZE, redactUrl } from './pool.js';
import { PgReferralStore } from './referral-store.js';
import { PgRemovalOrderStore } from './removal-order-store.js';
import { PgReviewStore } from './review-store.js';
import { pgGuard } from './storage-error.js';
import { PgTelegramStore } from './telegram-store.js';

export interface PgStoreOptions {
  /** `postgres://user:password@host:port/database` (RASD_DATABASE_URL). */
  url: string;
  /** The clock for timestamps the store sets itself (migrations applied, runs finished). */
  now?: () => Date;
  /** Connections this process may hold (default 10); every process of a deployment shares the server's limit. */
  poolSize?: number;
  /** Every statement is cut off after this. */
  statementTimeoutMs?: number;
  /** For tests only: the migrations to apply instead of the whole history. */
  migrations?: readonly Migration[];
}

type Args<P, K extends keyof P> = P[K] extends (...args: infer A) => unknown ? A : never;

/**
 * Rasd's store on PostgreSQL: one pool per process, the same migration history as SQLite, and
 * items and assessments in month partitions (docs/postgres.md). The scan ports live in
 * `PgScanStore`; the others are separate classes on the same pool, delegated to here.
 */
export class PgStore extends PgScanStore implements Store {
  readonly #pool: pg.Pool;
  readonly #partitions: Partitions;
  readonly #banks: BankStore;
  readonly #people: PeopleStore & AuditStore;
  readonly #review: ReviewStore;
  readonly #evidence: EvidenceStore;
  readonly #referrals: ReferralStore;
  readonly #outbox: OutboxStore;
  readonly #previews: MediaPreviewStore;
  readonly #orders: RemovalOrderStore;
  readonly #closures: ChannelClosureStore;
  readonly #telegram: TelegramStore;
  readonly #actionWrites: ActionWriteStore;
  readonly #versions: ItemVersionStore;
  #closing: Promise<void> | undefined;
  /** The schema version the database is at. */
  readonly schemaVersion: number;

  private constructor(pool: pg.Pool, now: () => Date, partitions: Partitions, schemaVersion: number) {
    super(pool, now, partitions);
    this.#pool = pool;
    this.#partitions = partitions;
    this.schemaVersion = schemaVersion;
    this.#banks = new PgBankStore(pool, now);
    this.#people = new PgPeopleStore(pool, now);
    this.#review = new PgReviewStore(pool, now);
    this.#evidence = new PgEvidenceStore(pool, now);
    this.#referrals = new PgReferralStore(pool, now);
    this.#outbox = new PgOutboxStore(pool, now);
    this.#previews = new PgMediaPreviewStore(pool, now);
    this.#orders = new PgRemovalOrderStore(pool, now);
    this.#closures = new PgClosureStore(pool, now);
    this.#telegram = new PgTelegramStore(pool, now);
    this.#actionWrites = new PgActionWriteStore(pool, now);
    this.#versions = new PgItemVersionStore(pool, now);
  }

  /** Connects, brings the schema up to date (one process at a time) and learns the month partitions. */
  static async open(options: PgStoreOptions): Promise<PgStore> {
    const now = options.now ?? (() => new Date());
    const pool = createPool({
      url: options.url,
      max: options.poolSize ?? DEFAULT_POOL_SIZE,
      ...(options.statementTimeoutMs !== undefined && { statementTimeoutMs: options.statementTimeoutMs }),
    });
    try {
      const migrations = options.migrations ?? MIGRATIONS;
      const version = await pgGuard(`migrate ${redactUrl(options.url)}`, () =>
        migratePostgres(pool, migrations, { now }),
      );
      const partitions = new Partitions(pool);
      await pgGuard('open', () => partitions.load());
      return new PgStore(pool, now, partitions, version);
    } catch (error) {
      await pool.end().catch(() => undefined);
      throw error;
    }
  }

  /** Drops a month of items and assessments (its partitions); cases and actions stay. */
  async purgeMonth(month: string): Promise<void> {
    await pgGuard('purgeMonth', () => this.#pool.query('SELECT rasd_drop_month($1::date)', [month]));
    this.#partitions.forget();
    await pgGuard('purgeMonth', () => this.#partitions.load());
  }

  /** Idempotent: waits for the queries already running, then closes every connection. */
  close(): Promise<void> {
    this.#closing ??= this.#pool.end();
    return this.#closing;
  }

  createBank(...a: Args<BankStore, 'createBank'>) {
    return this.#banks.createBank(...a);
  }
  getBank(...a: Args<BankStore, 'getBank'>) {
    return this.#banks.getBank(...a);
  }
  listBanks(...a: Args<BankStore, 'listBanks'>) {
    return this.#banks.listBanks(...a);
  }
  setBankEnabled(...a: Args<BankStore, 'setBankEnabled'>) {
    return this.#banks.setBankEnabled(...a);
  }
  addBankEntries(...a: Args<BankStore, 'addBankEntries'>) {
    return this.#banks.addBankEntries(...a);
  }
  listBankEntries(...a: Args<BankStore, 'listBankEntries'>) {
    return this.#banks.listBankEntries(...a);
  }
  allBankEntries(...a: Args<BankStore, 'allBankEntries'>) {
    return this.#banks.allBankEntries(...a);
  }
  bankVersion(...a: Args<BankStore, 'bankVersion'>) {
    return this.#banks.bankVersion(...a);
  }

  createUser(...a: Args<PeopleStore, 'createUser'>) {
    return this.#people.createUser(...a);
  }
  getUserByName(...a: Args<PeopleStore, 'getUserByName'>) {
    return this.#people.getUserByName(...a);
  }
  createApiKey(...a: Args<PeopleStore, 'createApiKey'>) {
    return this.#people.createApiKey(...a);
  }
  findApiKey(...a: Args<PeopleStore, 'findApiKey'>) {
    return this.#people.findApiKey(...a);
  }
  revokeApiKey(...a: Args<PeopleStore, 'revokeApiKey'>) {
    return this.#people.revokeApiKey(...a);
  }
  createSession(...a: Args<PeopleStore, 'createSession'>) {
    return this.#people.createSession(...a);
  }
  findSessionUser(...a: Args<PeopleStore, 'findSessionUser'>) {
    return this.#people.findSessionUser(...a);
  }
  deleteSession(...a: Args<PeopleStore, 'deleteSession'>) {
    return this.#people.deleteSession(...a);
  }
  hasPrincipals(...a: Args<PeopleStore, 'hasPrincipals'>) {
    return this.#people.hasPrincipals(...a);
  }
  appendAudit(...a: Args<AuditStore, 'appendAudit'>) {
    return this.#people.appendAudit(...a);
  }
  listAudit(...a: Args<AuditStore, 'listAudit'>) {
    return this.#people.listAudit(...a);
  }
  lastAudit(...a: Args<AuditStore, 'lastAudit'>) {
    return this.#people.lastAudit(...a);
  }

  appendReviewEvents(...a: Args<ReviewStore, 'appendReviewEvents'>) {
    return this.#review.appendReviewEvents(...a);
  }
  getReviewCase(...a: Args<ReviewStore, 'getReviewCase'>) {
    return this.#review.getReviewCase(...a);
  }
  listReviewCases(...a: Args<ReviewStore, 'listReviewCases'>) {
    return this.#review.listReviewCases(...a);
  }
  listPendingBankAdds(...a: Args<ReviewStore, 'listPendingBankAdds'>) {
    return this.#review.listPendingBankAdds(...a);
  }
  graphicExposure(...a: Args<ReviewStore, 'graphicExposure'>) {
    return this.#review.graphicExposure(...a);
  }
  listDecidedCases(...a: Args<ReviewStore, 'listDecidedCases'>) {
    return this.#review.listDecidedCases(...a);
  }

  preserveEvidence(...a: Args<EvidenceStore, 'preserveEvidence'>) {
    return this.#evidence.preserveEvidence(...a);
  }
  getEvidence(...a: Args<EvidenceStore, 'getEvidence'>) {
    return this.#evidence.getEvidence(...a);
  }
  listEvidence(...a: Args<EvidenceStore, 'listEvidence'>) {
    return this.#evidence.listEvidence(...a);
  }
  listExpiredEvidence(...a: Args<EvidenceStore, 'listExpiredEvidence'>) {
    return this.#evidence.listExpiredEvidence(...a);
  }
  deleteExpiredEvidence(...a: Args<EvidenceStore, 'deleteExpiredEvidence'>) {
    return this.#evidence.deleteExpiredEvidence(...a);
  }

  queueReferral(...a: Args<ReferralStore, 'queueReferral'>) {
    return this.#referrals.queueReferral(...a);
  }
  listQueuedReferrals(...a: Args<ReferralStore, 'listQueuedReferrals'>) {
    return this.#referrals.listQueuedReferrals(...a);
  }
  saveReferralBatch(...a: Args<ReferralStore, 'saveReferralBatch'>) {
    return this.#referrals.saveReferralBatch(...a);
  }
  listReferralBatches(...a: Args<ReferralStore, 'listReferralBatches'>) {
    return this.#referrals.listReferralBatches(...a);
  }
  getReferralBatch(...a: Args<ReferralStore, 'getReferralBatch'>) {
    return this.#referrals.getReferralBatch(...a);
  }
  listReferralOutcomes(...a: Args<ReferralStore, 'listReferralOutcomes'>) {
    return this.#referrals.listReferralOutcomes(...a);
  }
  getReferralOutcome(...a: Args<ReferralStore, 'getReferralOutcome'>) {
    return this.#referrals.getReferralOutcome(...a);
  }
  setReferralOutcome(...a: Args<ReferralStore, 'setReferralOutcome'>) {
    return this.#referrals.setReferralOutcome(...a);
  }

  enqueueOutbox(...a: Args<OutboxStore, 'enqueueOutbox'>) {
    return this.#outbox.enqueueOutbox(...a);
  }
  claimOutbox(...a: Args<OutboxStore, 'claimOutbox'>) {
    return this.#outbox.claimOutbox(...a);
  }
  finishOutboxAttempt(...a: Args<OutboxStore, 'finishOutboxAttempt'>) {
    return this.#outbox.finishOutboxAttempt(...a);
  }
  getOutbox(...a: Args<OutboxStore, 'getOutbox'>) {
    return this.#outbox.getOutbox(...a);
  }
  listOutbox(...a: Args<OutboxStore, 'listOutbox'>) {
    return this.#outbox.listOutbox(...a);
  }

  saveMediaPreviews(...a: Args<MediaPreviewStore, 'saveMediaPreviews'>) {
    return this.#previews.saveMediaPreviews(...a);
  }
  getMediaPreview(...a: Args<MediaPreviewStore, 'getMediaPreview'>) {
    return this.#previews.getMediaPreview(...a);
  }
  listMediaPreviewIndexes(...a: Args<MediaPreviewStore, 'listMediaPreviewIndexes'>) {
    return this.#previews.listMediaPreviewIndexes(...a);
  }

  saveRemovalOrder(...a: Args<RemovalOrderStore, 'saveRemovalOrder'>) {
    return this.#orders.saveRemovalOrder(...a);
  }
  getRemovalOrder(...a: Args<RemovalOrderStore, 'getRemovalOrder'>) {
    return this.#orders.getRemovalOrder(...a);
  }
  listRemovalOrders(...a: Args<RemovalOrderStore, 'listRemovalOrders'>) {
    return this.#orders.listRemovalOrders(...a);
  }
  completeRemovalOrder(...a: Args<RemovalOrderStore, 'completeRemovalOrder'>) {
    return this.#orders.completeRemovalOrder(...a);
  }
  recordClosure(...a: Args<ChannelClosureStore, 'recordClosure'>) {
    return this.#closures.recordClosure(...a);
  }
  listClosures(...a: Args<ChannelClosureStore, 'listClosures'>) {
    return this.#closures.listClosures(...a);
  }
  listNetworkRows(...a: Args<ChannelClosureStore, 'listNetworkRows'>) {
    return this.#closures.listNetworkRows(...a);
  }

  saveWatch(...a: Args<TelegramStore, 'saveWatch'>) {
    return this.#telegram.saveWatch(...a);
  }
  getWatch(...a: Args<TelegramStore, 'getWatch'>) {
    return this.#telegram.getWatch(...a);
  }
  listWatches(...a: Args<TelegramStore, 'listWatches'>) {
    return this.#telegram.listWatches(...a);
  }
  saveBackfill(...a: Args<TelegramStore, 'saveBackfill'>) {
    return this.#telegram.saveBackfill(...a);
  }
  saveChannelPts(...a: Args<TelegramStore, 'saveChannelPts'>) {
    return this.#telegram.saveChannelPts(...a);
  }
  saveWatchMeta(...a: Args<TelegramStore, 'saveWatchMeta'>) {
    return this.#telegram.saveWatchMeta(...a);
  }
  getUpdateState(...a: Args<TelegramStore, 'getUpdateState'>) {
    return this.#telegram.getUpdateState(...a);
  }
  saveUpdateState(...a: Args<TelegramStore, 'saveUpdateState'>) {
    return this.#telegram.saveUpdateState(...a);
  }
  recordDeletion(...a: Args<TelegramStore, 'recordDeletion'>) {
    return this.#telegram.recordDeletion(...a);
  }
  getDeletion(...a: Args<TelegramStore, 'getDeletion'>) {
    return this.#telegram.getDeletion(...a);
  }
  listDeletions(...a: Args<TelegramStore, 'listDeletions'>) {
    return this.#telegram.listDeletions(...a);
  }
  saveModeratedChat(...a: Args<TelegramStore, 'saveModeratedChat'>) {
    return this.#telegram.saveModeratedChat(...a);
  }
  listModeratedChats(...a: Args<TelegramStore, 'listModeratedChats'>) {
    return this.#telegram.listModeratedChats(...a);
  }
  getModeratedChat(...a: Args<TelegramStore, 'getModeratedChat'>) {
    return this.#telegram.getModeratedChat(...a);
  }

  requestAction(...a: Args<ActionWriteStore, 'requestAction'>) {
    return this.#actionWrites.requestAction(...a);
  }
  claimAction(...a: Args<ActionWriteStore, 'claimAction'>) {
    return this.#actionWrites.claimAction(...a);
  }
  reclaimStaleActions(...a: Args<ActionWriteStore, 'reclaimStaleActions'>) {
    return this.#actionWrites.reclaimStaleActions(...a);
  }
  requeueDryRun(...a: Args<ActionWriteStore, 'requeueDryRun'>) {
    return this.#actionWrites.requeueDryRun(...a);
  }
  recordAttempt(...a: Args<ActionWriteStore, 'recordAttempt'>) {
    return this.#actionWrites.recordAttempt(...a);
  }
  getAction(...a: Args<ActionWriteStore, 'getAction'>) {
    return this.#actionWrites.getAction(...a);
  }
  listItemActions(...a: Args<ActionWriteStore, 'listItemActions'>) {
    return this.#actionWrites.listItemActions(...a);
  }
  countActionsByStatus(...a: Args<ActionWriteStore, 'countActionsByStatus'>) {
    return this.#actionWrites.countActionsByStatus(...a);
  }
  listRequestedActions(...a: Args<ActionWriteStore, 'listRequestedActions'>) {
    return this.#actionWrites.listRequestedActions(...a);
  }

  listItemVersions(...a: Args<ItemVersionStore, 'listItemVersions'>) {
    return this.#versions.listItemVersions(...a);
  }
}
