import { NatsBus } from '../../bus/nats/nats-bus.js';
import type { Bus } from '../../bus/ports.js';
import type { Config } from '../../config/index.js';
import type { Store } from '../../storage/ports.js';
import { isPostgresUrl, PgStore } from '../../storage/postgres/index.js';
import { busSettingsOf } from '../bus-settings.js';

/**
 * The scale-out preset's adapters: PostgreSQL when `db.url` is a postgres:// URL, NATS
 * JetStream when `bus.url` is a nats:// URL. Everything else — providers, policy, banks, the
 * worker and the API — is the embedded preset's code unchanged; this file is the difference.
 */

export function wantsNats(config: Config): boolean {
  return /^nats:\/\//i.test(config.bus.url);
}

export async function openBus(config: Config): Promise<Bus | undefined> {
  if (!wantsNats(config)) return undefined;
  return NatsBus.connect({
    url: config.bus.url,
    prefix: config.bus.prefix,
    name: `rasd-${process.pid}`,
    ...busSettingsOf(config),
  });
}

export async function openStore(config: Config): Promise<Store | undefined> {
  if (!isPostgresUrl(config.db.url)) return undefined;
  return PgStore.open({ url: config.db.url });
}
