import { invalidConfig } from '../../core/index.js';

/** Subjects, streams and the durable consumer that one queue prefix owns. */
export interface NatsNames {
  itemsSubject: string;
  deadSubject: string;
  itemsStream: string;
  deadStream: string;
  consumer: string;
}

const PREFIX = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/;

/** `rasd` → subjects `rasd.items` and `rasd.dead`, streams `RASD_ITEMS` and `RASD_DEAD`. */
export function natsNames(prefix: string): NatsNames {
  if (!PREFIX.test(prefix)) {
    throw invalidConfig('bus.prefix', `"${prefix}" is not a NATS subject prefix (letters, digits, _ - and dots)`);
  }
  // Stream and consumer names may not hold dots, wildcards or spaces.
  const base = prefix.replaceAll(/[^A-Za-z0-9_-]/g, '_').toUpperCase();
  return {
    itemsSubject: `${prefix}.items`,
    deadSubject: `${prefix}.dead`,
    itemsStream: `${base}_ITEMS`,
    deadStream: `${base}_DEAD`,
    consumer: `${base}_WORKERS`,
  };
}

/** `nats://host:port` (several comma-separated for a cluster) → the client's server list. */
export function natsServers(url: string): string[] {
  const servers = url.split(',').map((s) => s.trim());
  for (const server of servers) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(server);
    } catch {
      parsed = undefined;
    }
    if (!parsed || !['nats:', 'tls:'].includes(parsed.protocol) || !parsed.hostname) {
      throw invalidConfig('bus.url', `"${server.replace(/\/\/[^@/]*@/, '//…@')}" is not a nats://host:port URL`);
    }
  }
  return servers;
}
