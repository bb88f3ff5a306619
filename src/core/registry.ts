import { invalidRegistry } from './errors.js';

/**
 * A registry is the single list of an extensible set (signal providers, connectors, report
 * sections). It is validated once at start so a duplicate or a typo fails loudly, not silently.
 */
export interface Registered {
  readonly id: string;
}

export class Registry<T extends Registered> implements Iterable<T> {
  readonly #entries = new Map<string, T>();

  constructor(
    readonly name: string,
    entries: readonly T[] = [],
  ) {
    for (const entry of entries) this.add(entry);
  }

  add(entry: T): this {
    if (!/^[a-z0-9][a-z0-9-]*$/.test(entry.id)) {
      throw invalidRegistry(this.name, `id "${entry.id}" must be lower-case kebab-case`);
    }
    if (this.#entries.has(entry.id)) {
      throw invalidRegistry(this.name, `id "${entry.id}" is registered twice`);
    }
    this.#entries.set(entry.id, entry);
    return this;
  }

  get(id: string): T | undefined {
    return this.#entries.get(id);
  }

  has(id: string): boolean {
    return this.#entries.has(id);
  }

  ids(): string[] {
    return [...this.#entries.keys()];
  }

  get size(): number {
    return this.#entries.size;
  }

  [Symbol.iterator](): Iterator<T> {
    return this.#entries.values();
  }
}
