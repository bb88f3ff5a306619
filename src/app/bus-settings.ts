import type { BusSettings } from '../bus/ports.js';
import type { Config } from '../config/index.js';

/** The queue-wide settings from `bus.*` (the rest keep the bus's defaults). */
export function busSettingsOf(config: Config): Partial<BusSettings> {
  return { ackWaitMs: config.bus.ackWaitSeconds * 1000, maxDeliver: config.bus.maxDeliver };
}
