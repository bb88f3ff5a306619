import type { NodeId } from './network-types.js';

/**
 * Which chats posted a key (a fingerprint or an outside URL), so a new poster can be joined to
 * the earlier ones. Both dimensions are capped: a key remembers its first `perKey` chats (viral
 * benign content must not make the graph quadratic), and the index keeps the `maxKeys` most
 * recently added keys (a million posts must not keep a million keys alive forever).
 */
export class SharedIndex {
  // Most keys are posted by one chat only, so a lone chat is stored as a string, not an array.
  readonly #chats = new Map<string, NodeId | NodeId[]>();

  constructor(
    private readonly perKey: number,
    private readonly maxKeys: number,
  ) {}

  /**
   * Records that `chat` posted `key`; returns the chats that posted it before, or undefined when
   * this chat was already recorded (its edges exist) or the key is full.
   */
  add(key: string, chat: NodeId): readonly NodeId[] | undefined {
    const entry = this.#chats.get(key);
    if (entry === undefined) {
      this.#chats.set(key, chat);
      if (this.#chats.size > this.maxKeys) this.#evictOldest();
      return [];
    }
    if (typeof entry === 'string') {
      if (entry === chat) return undefined;
      this.#chats.set(key, [entry, chat]);
      return [entry];
    }
    if (entry.length >= this.perKey || entry.includes(chat)) return undefined;
    const before = entry.slice();
    entry.push(chat);
    return before;
  }

  chatsOf(key: string): readonly NodeId[] {
    const entry = this.#chats.get(key);
    if (entry === undefined) return [];
    return typeof entry === 'string' ? [entry] : entry;
  }

  get size(): number {
    return this.#chats.size;
  }

  #evictOldest(): void {
    const oldest = this.#chats.keys().next();
    if (oldest.done !== true) this.#chats.delete(oldest.value);
  }
}
