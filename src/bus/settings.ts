import { AppError, invalidInput } from '../core/index.js';
import type { BusMessage, BusSettings, ConsumeOptions } from './ports.js';

/**
 * Defaults in one place. The ack wait is long enough for a batch to be scanned and committed
 * (seconds) and short enough that a dead worker's items come back within a minute.
 */
export const DEFAULT_BUS_SETTINGS: BusSettings = {
  ackWaitMs: 30_000,
  maxDeliver: 5,
  duplicateWindowMs: 120_000,
  maxPendingPublishes: 256,
};

export function busSettings(overrides: Partial<BusSettings> = {}): BusSettings {
  const settings = { ...DEFAULT_BUS_SETTINGS, ...overrides };
  for (const [key, value] of Object.entries(settings)) {
    if (!Number.isInteger(value) || value < 1) throw invalidInput(`bus ${key} must be a positive integer`, key);
  }
  return settings;
}

export interface ConsumerLimits {
  maxInFlight: number;
  batchSize: number;
  maxConcurrentBatches: number;
}

export function consumerLimits(options: ConsumeOptions = {}): ConsumerLimits {
  const maxInFlight = options.maxInFlight ?? 64;
  const batchSize = Math.min(options.batchSize ?? 16, maxInFlight);
  const maxConcurrentBatches = options.maxConcurrentBatches ?? 1;
  for (const [key, value] of Object.entries({ maxInFlight, batchSize, maxConcurrentBatches })) {
    if (!Number.isInteger(value) || value < 1) throw invalidInput(`consume ${key} must be a positive integer`, key);
  }
  return { maxInFlight, batchSize, maxConcurrentBatches };
}

// Ids travel in NATS headers, where a line break would end the header block.
const ID_PATTERN = /^[^\u0000-\u001f\u007f]{1,1024}$/;

export function checkMessages(messages: readonly BusMessage[]): void {
  messages.forEach((message, index) => {
    if (!ID_PATTERN.test(message.id)) {
      throw invalidInput('a bus message id must be 1–1024 characters without control characters', `/${index}/id`);
    }
  });
}

export const toBytes = (payload: Uint8Array | string): Uint8Array =>
  typeof payload === 'string' ? new TextEncoder().encode(payload) : payload;

export function busUnavailable(detail: string, cause?: unknown): AppError {
  return new AppError('BUS_UNAVAILABLE', { detail, cause });
}

export const busClosed = (): AppError =>
  busUnavailable('the bus is closed; create a new one (the composition root owns its lifetime)');

export function reasonOf(error: unknown): string {
  if (error instanceof AppError) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}
